package io.github.strophejna.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway Prosody on loopback for tests: its own config, data directory and self-signed certificate,
 * deleted by {@link #close()}. Use it through {@link WithProsody}, or {@link #start()} and close it yourself.
 *
 * <p>Thread-safe: accounts may be created from several threads.
 */
public final class ProsodyServer implements AutoCloseable {

    /** The server's XMPP domain. */
    public static final String DOMAIN = ProsodyConfig.DOMAIN;
    /** The Multi-User Chat service (XEP-0045). */
    public static final String MUC_DOMAIN = ProsodyConfig.MUC;
    /** The Publish-Subscribe service (XEP-0060). */
    public static final String PUBSUB_DOMAIN = ProsodyConfig.PUBSUB;
    /** The external component's domain (XEP-0114). */
    public static final String COMPONENT_DOMAIN = ProsodyConfig.COMPONENT;
    /** A second host that accepts PLAIN without TLS, and that the run's certificate does not name. */
    public static final String PLAINTEXT_DOMAIN = ProsodyConfig.PLAINTEXT;

    static final String INSTALL_HINT = "Prosody is needed for this test and was not found: there is no 'prosody' command on"
            + " PATH and no Docker engine answers for the Testcontainers fallback (or Testcontainers is not on the class path).\n"
            + "Install it with: apt-get update && apt-get install -y prosody openssl   (Debian/Ubuntu), or start Docker";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private final Backend backend;
    private final String host;
    private final int c2sPort;
    private final int directTlsPort;
    private final int componentPort;
    private final String componentSecret;
    private final Path caFile;
    private final Path dir;

    /** Where and how Prosody runs: a local process or a container. */
    interface Backend extends AutoCloseable {
        void register(String user, String domain, String password) throws IOException, InterruptedException;

        String log() throws IOException;

        default void kill() throws InterruptedException {
            throw new UnsupportedOperationException("killing the server needs a local Prosody");
        }

        default void restart(List<Integer> ports) throws IOException, InterruptedException {
            throw new UnsupportedOperationException("restarting the server needs a local Prosody");
        }

        @Override
        void close();
    }

    ProsodyServer(Backend backend, String host, int c2sPort, int directTlsPort, int componentPort,
            String componentSecret, Path caFile, Path dir) {
        this.backend = backend;
        this.host = host;
        this.c2sPort = c2sPort;
        this.directTlsPort = directTlsPort;
        this.componentPort = componentPort;
        this.componentSecret = componentSecret;
        this.caFile = caFile;
        this.dir = dir;
    }

    /**
     * Starts a server: the local {@code prosody} binary when installed, else a container when Docker runs.
     *
     * @return the running server
     * @throws IllegalStateException when neither is available, saying how to install Prosody
     */
    public static ProsodyServer start() {
        try {
            Path dir = Files.createTempDirectory("strophe-jna-prosody-");
            Path certDir = Files.createDirectories(dir.resolve("certs"));
            Path caFile = SelfSignedCertificate.create(certDir);
            String secret = randomSecret();
            if (LocalProsody.available()) {
                return LocalProsody.start(dir, certDir, caFile, secret);
            }
            if (containersAvailable()) {
                return ContainerProsody.start(dir, certDir, caFile, secret);
            }
            deleteTree(dir);
            throw new IllegalStateException(INSTALL_HINT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test Prosody: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test Prosody", e);
        }
    }

    /** Whether a Docker engine answers; false too when the user left Testcontainers out of their dependencies. */
    static boolean containersAvailable() {
        try {
            return ContainerProsody.available();
        } catch (LinkageError e) { // ContainerProsody cannot even be linked without Testcontainers
            return false;
        }
    }

    /**
     * Registers a new account with a unique name and a random password.
     *
     * @param prefix the start of its localpart, e.g. "alice"
     * @return the account
     */
    public TestAccount createAccount(String prefix) {
        return createAccount(prefix, DOMAIN);
    }

    /**
     * Registers a new account on one of the server's hosts.
     *
     * @param prefix the start of its localpart
     * @param domain {@link #DOMAIN} or {@link #PLAINTEXT_DOMAIN}
     * @return the account
     */
    public TestAccount createAccount(String prefix, String domain) {
        String user = prefix + "-" + ACCOUNTS.incrementAndGet() + "-" + Long.toString(RANDOM.nextInt(1 << 20), 36);
        return register(new TestAccount(user, domain, randomSecret()));
    }

    private TestAccount register(TestAccount account) {
        try {
            backend.register(account.localpart(), account.domain(), account.password());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + account.jid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering " + account.jid(), e);
        }
        return account;
    }

    private TestAccount admin;

    /**
     * The server's admin account (admin@localhost), registered on first use: what Prosody reserves to
     * admins, such as creating nodes on the pubsub component, needs it.
     *
     * @return the admin account
     */
    public synchronized TestAccount admin() {
        if (admin == null) {
            admin = register(new TestAccount(ProsodyConfig.ADMIN, DOMAIN, randomSecret()));
        }
        return admin;
    }

    /**
     * A client builder for an account of this server: host, STARTTLS port and the run's CA file set,
     * certificate verification on.
     *
     * @param account the account
     * @param resource the resource to bind
     * @return the builder, ready to {@code build()} or adjust
     */
    public io.github.strophejna.client.XmppClient.Builder clientBuilder(TestAccount account, String resource) {
        return io.github.strophejna.client.XmppClient.builder().jid(account.jid(resource))
                .password(account.password().toCharArray()).host(host).port(c2sPort).caFile(caFile);
    }

    /** @return the address to connect to (loopback) */
    public String host() {
        return host;
    }

    /** @return the STARTTLS client-to-server port */
    public int c2sPort() {
        return c2sPort;
    }

    /** @return the direct-TLS client port (XEP-0368) */
    public int directTlsPort() {
        return directTlsPort;
    }

    /** @return the external component port (XEP-0114) */
    public int componentPort() {
        return componentPort;
    }

    /** @return the shared secret of {@link #COMPONENT_DOMAIN} */
    public String componentSecret() {
        return componentSecret;
    }

    /** @return the run's self-signed certificate (PEM), to use as a client's CA file */
    public Path caFile() {
        return caFile;
    }

    /**
     * The end of Prosody's log, for a failing test's report.
     *
     * @param lines how many lines
     * @return the last lines, or why they cannot be read
     */
    public String logTail(int lines) {
        try {
            List<String> all = backend.log().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(Prosody's log cannot be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills Prosody with SIGKILL: clients see their sockets closed by the kernel, with no stream close and no
     * chance for the server to save anything. Accounts survive (they are on disk); sessions do not.
     *
     * @throws InterruptedException when interrupted while waiting for it to die
     */
    public void kill() throws InterruptedException {
        backend.kill();
    }

    /**
     * Starts Prosody again after {@link #kill()}, with the same configuration, ports and data.
     *
     * @throws IOException when it does not listen again
     * @throws InterruptedException when interrupted while waiting
     */
    public void restart() throws IOException, InterruptedException {
        backend.restart(List.of(c2sPort, directTlsPort, componentPort));
    }

    /** Stops Prosody and deletes its files. Idempotent. */
    @Override
    public synchronized void close() {
        backend.close();
        deleteTree(dir);
    }

    /**
     * A loopback port nothing listens on now (a refused connection, or a port to bind; another process could
     * take it meanwhile).
     *
     * @return the port
     * @throws IOException when no port can be probed
     */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until a TCP port accepts connections (the bench's ejabberd uses it too).
     *
     * @param host the address
     * @param port the port
     * @param timeoutMillis how long at most
     * @param process the server's process, or null
     * @return false when the deadline passes or the process dies first
     */
    public static boolean awaitPort(String host, int port, long timeoutMillis, Process process) throws InterruptedException {
        boolean[] died = new boolean[1];
        boolean done = Eventually.within(() -> (died[0] = process != null && !process.isAlive()) || accepts(host, port),
                Duration.ofMillis(timeoutMillis));
        return done && !died[0];
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return 20 random letters and digits, for passwords and secrets */
    public static String randomSecret() {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Runs a command; {@code what} names it in errors, so arguments such as passwords stay out of them.
     *
     * @param what the command's name in errors
     * @param command the command line
     * @return its output (stdout and stderr)
     * @throws IOException when it fails or runs longer than 60 seconds
     */
    public static String run(String what, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(what + " failed: " + out.strip());
        }
        return out;
    }

    /** @param dir a directory to delete with everything in it (when it exists) */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
