package io.github.strophejna.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The "raw" benchmark's server: accepts raw XMPP streams on loopback, answers the stream header with empty
 * features, then writes COUNT pre-rendered message stanzas as fast as it can, for each connection in turn.
 * Prints "PORT n" on stdout once listening. Args: COUNT.
 */
public final class Blaster {

    private Blaster() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("<message from='peer@localhost/x' to='bench@localhost' type='chat' id='m").append(i)
                    .append("'><body>hello number ").append(i).append(" from the blaster</body></message>");
        }
        byte[] chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] header = ("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                + "'http://etherx.jabber.org/streams' id='blast' from='localhost' version='1.0'><stream:features/>")
                .getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            System.out.println("PORT " + server.getLocalPort());
            System.out.flush();
            while (true) {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    awaitStreamHeader(in);
                    out.write(header);
                    for (int sent = 0; sent < count; sent += 1000) {
                        out.write(chunk, 0, sent + 1000 <= count ? chunk.length : lengthOf(sb, count - sent));
                    }
                    out.flush();
                    while (in.read(new byte[4096]) > 0) {
                        // wait for the client to leave
                    }
                } catch (IOException e) {
                    // the client went away; serve the next one
                }
            }
        }
    }

    private static int lengthOf(StringBuilder all, int messages) {
        int end = 0;
        for (int i = 0; i < messages; i++) {
            end = all.indexOf("</message>", end) + "</message>".length();
        }
        return all.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
    }

    private static void awaitStreamHeader(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[1024];
        while (seen.indexOf("<stream:stream") < 0 || seen.indexOf(">", seen.indexOf("<stream:stream")) < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed before the stream header");
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }
}
