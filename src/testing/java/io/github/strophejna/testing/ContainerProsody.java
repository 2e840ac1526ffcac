package io.github.strophejna.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The same Prosody setup in a container, used only when the prosody command is missing but a Docker
 * engine answers. Ports inside the container are fixed; Testcontainers maps them to free host ports.
 */
final class ContainerProsody implements ProsodyServer.Backend {

    /** The Prosody project's image, same 0.12 series as Debian 12's package. */
    static final String IMAGE = "prosodyim/prosody:0.12";
    private static final int C2S = 5222;
    private static final int DIRECT_TLS = 5223;
    private static final int COMPONENT = 5347;
    private static final String CONFIG = "/etc/prosody/prosody.cfg.lua";
    private static final String LOG = "/var/lib/prosody/prosody.log";

    private final GenericContainer<?> container;

    private ContainerProsody(GenericContainer<?> container) {
        this.container = container;
    }

    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ProsodyServer start(Path dir, Path certDir, Path caFile, String secret) throws IOException {
        ProsodyConfig cfg = new ProsodyConfig("*", C2S, DIRECT_TLS, COMPONENT, secret, "/var/lib/prosody",
                "/etc/prosody/certs", LOG, "/var/lib/prosody/prosody.pid");
        GenericContainer<?> c = new GenericContainer<>(IMAGE)
                .withCopyToContainer(Transferable.of(cfg.render()), CONFIG)
                .withCopyToContainer(Transferable.of(Files.readAllBytes(certDir.resolve("localhost.crt"))),
                        "/etc/prosody/certs/localhost.crt")
                .withCopyToContainer(Transferable.of(Files.readAllBytes(certDir.resolve("localhost.key"))),
                        "/etc/prosody/certs/localhost.key")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("prosody", "--config", CONFIG, "-F"))
                .withExposedPorts(C2S, DIRECT_TLS, COMPONENT)
                .waitingFor(Wait.forListeningPorts(C2S, DIRECT_TLS, COMPONENT));
        c.start();
        return new ProsodyServer(new ContainerProsody(c), c.getHost(), c.getMappedPort(C2S),
                c.getMappedPort(DIRECT_TLS), c.getMappedPort(COMPONENT), secret, caFile, dir);
    }

    @Override
    public void register(String user, String domain, String password) throws IOException, InterruptedException {
        Container.ExecResult r = container.execInContainer("prosodyctl", "--config", CONFIG, "register", user, domain, password);
        if (r.getExitCode() != 0) {
            throw new IOException("prosodyctl register " + user + "@" + domain + " failed: " + r.getStdout() + r.getStderr());
        }
    }

    @Override
    public String log() throws IOException {
        try {
            return container.execInContainer("cat", LOG).getStdout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
