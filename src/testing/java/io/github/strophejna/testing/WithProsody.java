package io.github.strophejna.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method against a real, throwaway Prosody on loopback.
 *
 * <p>Declare a {@link ProsodyServer} parameter (test method, constructor or lifecycle method) to get it,
 * and create the accounts the test needs with {@link ProsodyServer#createAccount(String)}. One server is
 * shared by every test of a run and deleted, with its files, when the run ends, even after failures.
 * A failing test's output gets the tail of Prosody's log.
 *
 * <p>Prosody comes from the {@code prosody} binary ({@code apt-get install -y prosody}); without it, from
 * Docker through Testcontainers when a Docker engine answers; with neither the test fails, saying how to
 * install Prosody. It is never skipped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ProsodyExtension.class)
public @interface WithProsody {
}
