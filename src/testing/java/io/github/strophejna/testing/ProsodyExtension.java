package io.github.strophejna.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The JUnit 5 side of {@link WithProsody}: starts one server per test run (stored in the root context, so
 * JUnit closes it when the run ends), resolves {@link ProsodyServer} parameters, and prints the tail of the
 * server's log when a test fails.
 */
public final class ProsodyExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProsodyExtension.class);

    /**
     * The run's server, started on first use.
     *
     * @param context any extension context of the run
     * @return the shared server
     */
    public static ProsodyServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ProsodyServer.class, k -> ProsodyServer.start(), ProsodyServer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProsodyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return server(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ProsodyServer server;
        try {
            server = context.getRoot().getStore(NAMESPACE).get(ProsodyServer.class, ProsodyServer.class);
        } catch (RuntimeException e) { // the store gives back why the server did not start: the test says it already
            return;
        }
        if (server != null) {
            System.err.println("---- last lines of Prosody's log (" + context.getDisplayName() + ") ----");
            System.err.println(server.logTail(60));
            System.err.println("---- end of Prosody's log ----");
        }
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing to report
    }
}
