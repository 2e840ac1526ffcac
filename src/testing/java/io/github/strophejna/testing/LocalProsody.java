package io.github.strophejna.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prosody as a local process ({@code prosody -F}), from the distribution's package. */
final class LocalProsody implements ProsodyServer.Backend {

    private volatile Process process;
    private final Path config;
    private final Path log;
    private final Path dir;
    private final Thread shutdownHook;

    private LocalProsody(Process process, Path config, Path log, Path dir) {
        this.process = process;
        this.config = config;
        this.log = log;
        this.dir = dir;
        // A JVM killed mid-run must not leave a server behind.
        this.shutdownHook = new Thread(() -> this.process.destroyForcibly(), "prosody-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static Process launch(Path config, Path dir) throws IOException {
        return new ProcessBuilder(command("prosody"), "--config", config.toString(), "-F")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prosody.out").toFile()))
                .start();
    }

    /** System property naming the directory of prosody and prosodyctl, when they are not on PATH. */
    static final String BIN_PROPERTY = "strophe.prosody.bin";

    static boolean available() {
        return command("prosody") != null && command("prosodyctl") != null;
    }

    /** The command's path: in -Dstrophe.prosody.bin when set (only there), else on PATH; null when missing. */
    static String command(String name) {
        String bin = System.getProperty(BIN_PROPERTY);
        String path = bin != null ? bin : System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        return null;
    }

    static ProsodyServer start(Path dir, Path certDir, Path caFile, String secret) throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
            int c2s = ProsodyServer.freePort();
            int directTls = ProsodyServer.freePort();
            int component = ProsodyServer.freePort();
            Path data = Files.createDirectories(dir.resolve("data"));
            Path log = dir.resolve("prosody.log");
            ProsodyConfig cfg = new ProsodyConfig("127.0.0.1", c2s, directTls, component, secret, data.toString(),
                    certDir.toString(), log.toString(), dir.resolve("prosody.pid").toString());
            Path config = dir.resolve("prosody.cfg.lua");
            Files.writeString(config, cfg.render(), StandardCharsets.UTF_8);
            Process p = launch(config, dir);
            LocalProsody backend = new LocalProsody(p, config, log, dir);
            if (ProsodyServer.awaitPort("127.0.0.1", c2s, 20_000, p)
                    && ProsodyServer.awaitPort("127.0.0.1", directTls, 5_000, p)
                    && ProsodyServer.awaitPort("127.0.0.1", component, 5_000, p)) {
                return new ProsodyServer(backend, "127.0.0.1", c2s, directTls, component, secret, caFile, dir);
            }
            String out = Files.exists(dir.resolve("prosody.out")) ? Files.readString(dir.resolve("prosody.out")) : "";
            backend.close();
            lastFailure = new IOException("prosody did not start listening on 127.0.0.1:" + c2s + "\n" + out
                    + (Files.exists(log) ? Files.readString(log) : ""));
        }
        throw lastFailure;
    }

    @Override
    public void register(String user, String domain, String password) throws IOException, InterruptedException {
        ProsodyServer.run("prosodyctl register " + user + "@" + domain,
                List.of(command("prosodyctl"), "--config", config.toString(), "register", user, domain, password));
    }

    @Override
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(); // SIGKILL: no goodbye to the clients, no cleanup
    }

    @Override
    public void restart(List<Integer> ports) throws IOException, InterruptedException {
        Process p = launch(config, dir);
        process = p;
        for (int port : ports) {
            if (!ProsodyServer.awaitPort("127.0.0.1", port, 20_000, p)) {
                throw new IOException("prosody did not listen again on 127.0.0.1:" + port + "\n" + log());
            }
        }
    }

    @Override
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
