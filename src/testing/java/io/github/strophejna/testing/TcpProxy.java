package io.github.strophejna.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A loopback TCP proxy that a test controls, to show what a client does when the network or the server
 * misbehaves: it forwards connections to a target and can cut them, stall them (sockets stay open, nothing
 * moves: a half-open connection or a hung server), and, on a plaintext stream, inject or rewrite what goes
 * to the client and record what the client sends. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    /** One proxied connection: the client's socket and ours to the target. */
    private record Link(Socket client, Socket upstream) {}

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Object stallLock = new Object();
    private volatile boolean stalled;
    private volatile boolean closed;
    /** Null: the server's bytes go through untouched. */
    private volatile UnaryOperator<String> toClients;
    private final java.io.ByteArrayOutputStream fromClients = new java.io.ByteArrayOutputStream();
    private volatile boolean recording;

    /**
     * Starts forwarding.
     *
     * @param targetHost where to
     * @param targetPort which port
     * @throws IOException when it cannot listen
     */
    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** Cuts every connection now (both directions, no goodbye), as a network failure would. */
    public void cutAll() {
        for (Link link : links) {
            reset(link.client());
            reset(link.upstream());
        }
        links.clear();
    }

    /**
     * Stops moving bytes, in both directions, on every connection, present and future, while all sockets stay
     * open: each side's TCP stack still acknowledges, so only an application-level check can tell.
     */
    public void stall() {
        stalled = true;
    }

    /** Moves bytes again, starting with what was held back. */
    public void resume() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    /**
     * Writes bytes to every connected client as if the server had sent them, between two of the server's
     * writes (never inside one).
     *
     * @param text what to send, as UTF-8
     * @return how many clients got it
     */
    public int injectToClients(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = 0;
        for (Link link : links) {
            try {
                OutputStream out = link.client().getOutputStream();
                synchronized (link.client()) {
                    out.write(bytes);
                    out.flush();
                }
                n++;
            } catch (IOException e) {
                // that client is gone
            }
        }
        return n;
    }

    /**
     * Rewrites what the server sends from now on, one read at a time (so a pattern must sit within one of the
     * server's writes, as Prosody's stream features do). Plaintext streams only.
     *
     * @param rewrite from the server's text to what the client gets
     */
    public void rewriteToClients(UnaryOperator<String> rewrite) {
        toClients = java.util.Objects.requireNonNull(rewrite, "rewrite");
    }

    /** Starts (or restarts, from empty) recording every byte the clients send. */
    public void recordFromClients() {
        synchronized (fromClients) {
            fromClients.reset();
            recording = true;
        }
    }

    /** @return what the clients sent since {@link #recordFromClients()}, as UTF-8 */
    public String recordedFromClients() {
        synchronized (fromClients) {
            return fromClients.toString(StandardCharsets.UTF_8);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                links.add(link);
                pump(link, client, upstream, false);
                pump(link, upstream, client, true);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("tcp proxy: " + e.getMessage());
                }
            }
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean toClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    awaitNotStalled();
                    byte[] chunk = buf;
                    int length = n;
                    UnaryOperator<String> rewrite = toClients;
                    if (toClient && rewrite != null) {
                        chunk = rewrite.apply(new String(buf, 0, n, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                        length = chunk.length;
                    } else if (!toClient && recording) {
                        synchronized (fromClients) {
                            fromClients.write(buf, 0, n);
                        }
                    }
                    synchronized (to) { // an injection never lands inside this write
                        out.write(chunk, 0, length);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // cut or closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
                if (from.isClosed() || to.isClosed()) {
                    links.remove(link);
                }
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (stallLock) {
            while (stalled && !closed) {
                stallLock.wait();
            }
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // RST, not FIN
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        resume();
        cutAll();
    }
}
