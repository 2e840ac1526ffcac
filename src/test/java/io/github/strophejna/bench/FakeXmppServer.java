package io.github.strophejna.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal plaintext XMPP server for benchmarks, one client at a time: PLAIN login accepted blindly, a bind
 * result, every IQ get answered, and hooks to see what the client sends (with arrival time) and to blast
 * pre-rendered stanzas at it. No TLS: measurements see the bytes themselves. Not a test server.
 */
public final class FakeXmppServer implements AutoCloseable {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='bench' from='localhost' version='1.0'>";
    private static final Pattern IQ_GET = Pattern.compile("<iq[^>]*type=\"get\"[^>]*id=\"([^\"]+)\"|<iq[^>]*id=\"([^\"]+)\"[^>]*type=\"get\"");

    private final ServerSocket listener;
    private volatile Socket client;
    private volatile OutputStream out;
    private volatile BiConsumer<Long, String> onReceive = (t, s) -> { };
    private volatile boolean ready;

    /** Listens on a free loopback port. */
    public FakeXmppServer() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-xmpp-server");
        t.setDaemon(true);
        t.start();
    }

    /** @return the port */
    public int port() {
        return listener.getLocalPort();
    }

    /** @param hook called on the server's reader thread with (System.nanoTime() at arrival, text read) */
    public void onReceive(BiConsumer<Long, String> hook) {
        this.onReceive = hook;
    }

    /** @return whether a client has bound a resource */
    public boolean ready() {
        return ready;
    }

    /**
     * Writes raw bytes to the connected client.
     *
     * @param bytes the data
     */
    public synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                s.setTcpNoDelay(true);
                client = s;
                out = s.getOutputStream();
                ready = false;
                converse(s.getInputStream());
            } catch (IOException e) {
                // client gone; wait for the next
            }
        }
    }

    private void converse(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        StringBuilder pending = new StringBuilder();
        int streams = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            long now = System.nanoTime();
            String text = new String(buf, 0, n, StandardCharsets.UTF_8);
            onReceive.accept(now, text);
            pending.append(text);
            String p = pending.toString();
            if (p.contains("<stream:stream") && p.lastIndexOf("<stream:stream") >= 0 && streams == 0) {
                streams = 1;
                write((HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                        + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>").getBytes(StandardCharsets.UTF_8));
                pending.setLength(0);
                continue;
            }
            if (streams == 1 && p.contains("</auth>")) {
                write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>".getBytes(StandardCharsets.UTF_8));
                streams = 2;
                pending.setLength(0);
                continue;
            }
            if (streams == 2 && p.contains("<stream:stream")) {
                write((HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>")
                        .getBytes(StandardCharsets.UTF_8));
                streams = 3;
                pending.setLength(0);
                continue;
            }
            if (streams == 3 && p.contains("</iq>") && p.contains("xmpp-bind")) {
                Matcher m = Pattern.compile("id=\"([^\"]+)\"").matcher(p);
                m.find();
                write(("<iq id='" + m.group(1) + "' type='result'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                        + "<jid>bench@localhost/bench</jid></bind></iq>").getBytes(StandardCharsets.UTF_8));
                streams = 4;
                ready = true;
                pending.setLength(0);
                continue;
            }
            if (streams == 4) {
                Matcher m = IQ_GET.matcher(p);
                int consumed = 0;
                while (m.find()) {
                    String id = m.group(1) != null ? m.group(1) : m.group(2);
                    write(("<iq type='result' id='" + id + "' from='localhost'/>").getBytes(StandardCharsets.UTF_8));
                    consumed = m.end();
                }
                if (p.contains("</stream:stream>")) {
                    write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                pending.delete(0, Math.max(consumed, pending.length() - 256)); // keep a tail for split tags
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket s = client;
        if (s != null) {
            s.close();
        }
    }
}
