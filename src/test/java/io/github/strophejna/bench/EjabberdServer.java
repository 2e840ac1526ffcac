package io.github.strophejna.bench;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.SelfSignedCertificate;
import io.github.strophejna.testing.TestAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway ejabberd on loopback for the bench, from the distribution's package: its own directory
 * (config, certificate made like the test Prosody's, spool, logs), started with {@code ejabberdctl
 * foreground}, accounts added with {@code ejabberdctl register}, stopped and deleted by {@link #close()}.
 * It shares nothing with a system ejabberd ({@link EjabberdConfig}), so one may run beside it.
 * Needs root (or the ejabberd user): ejabberdctl refuses anyone else.
 */
final class EjabberdServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path dir;
    private final int c2sPort;
    private final Thread shutdownHook;

    private EjabberdServer(Process process, Path dir, int c2sPort) {
        this.process = process;
        this.dir = dir;
        this.c2sPort = c2sPort;
        // A JVM killed mid-run must not leave a server behind: SIGTERM makes the Erlang VM stop cleanly.
        this.shutdownHook = new Thread(this::terminate, "ejabberd-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static EjabberdServer start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("strophe-jna-ejabberd-");
        try {
            SelfSignedCertificate.create(Files.createDirectories(dir.resolve("certs")));
            Files.createDirectories(dir.resolve("logs"));
            IOException lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
                ProsodyServer.deleteTree(dir.resolve("spool")); // Mnesia's files belong to the last attempt's node name
                Files.createDirectories(dir.resolve("spool"));
                EjabberdConfig config = new EjabberdConfig(ProsodyServer.freePort(), ProsodyServer.freePort(),
                        "strophe-bench-" + ProsodyServer.randomSecret() + "@localhost", ProsodyServer.randomSecret(),
                        dir.toString());
                write(dir, config);
                Process p = launch(dir);
                EjabberdServer server = new EjabberdServer(p, dir, config.c2sPort());
                if (ProsodyServer.awaitPort(HOST, config.c2sPort(), 60_000, p)) {
                    return server;
                }
                lastFailure = new IOException("ejabberd did not start listening on " + HOST + ":" + config.c2sPort()
                        + "\n" + Files.readString(dir.resolve("ejabberd.out")));
                server.stop();
            }
            throw lastFailure;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ProsodyServer.deleteTree(dir);
            throw e;
        }
    }

    private static Process launch(Path dir) throws IOException {
        try {
            return new ProcessBuilder(ctl(dir, "foreground")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ejabberd.out").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run ejabberdctl (apt-get install -y ejabberd; scripts/bench.sh does it as root): "
                    + e.getMessage(), e);
        }
    }

    private static void write(Path dir, EjabberdConfig config) throws IOException {
        Files.writeString(dir.resolve("ejabberd.yml"), config.ejabberdYml(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ejabberdctl.cfg"), config.ejabberdctlCfg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("vm.args"), config.vmArgs(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("inetrc"), config.inetrc(), StandardCharsets.UTF_8);
    }

    /** ejabberdctl with every path in this server's directory (--config-dir brings ejabberdctl.cfg, vm.args, inetrc). */
    private static List<String> ctl(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("ejabberdctl", "--config-dir", dir.toString(),
                "--spool", dir.resolve("spool").toString(), "--logs", dir.resolve("logs").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Registers an account with a unique name and a random password.
     *
     * @param prefix the start of its localpart
     * @return the account
     */
    TestAccount createAccount(String prefix) throws IOException, InterruptedException {
        TestAccount account = new TestAccount(prefix + "-" + ProsodyServer.randomSecret().toLowerCase(), EjabberdConfig.DOMAIN,
                ProsodyServer.randomSecret());
        ProsodyServer.run("ejabberdctl register " + account.jid(),
                ctl(dir, "register", account.localpart(), account.domain(), account.password()));
        return account;
    }

    String host() {
        return HOST;
    }

    int c2sPort() {
        return c2sPort;
    }

    /** @return the run's self-signed certificate, the clients' CA file */
    Path caFile() {
        return dir.resolve("certs/localhost.crt");
    }

    /** Stops ejabberd and deletes its directory. */
    @Override
    public void close() throws InterruptedException {
        stop();
        ProsodyServer.deleteTree(dir);
    }

    private void stop() throws InterruptedException {
        try {
            if (process.isAlive()) {
                ProsodyServer.run("ejabberdctl stop", ctl(dir, "stop"));
            }
        } catch (IOException e) {
            System.err.println(e.getMessage()); // not answering: terminated below
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            terminate();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    /** ejabberdctl runs erl as a child without exec: signal the VM itself, then the script. */
    private void terminate() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
