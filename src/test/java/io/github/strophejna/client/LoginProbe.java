package io.github.strophejna.client;

import io.github.strophejna.stanza.Message;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM logging a login at DEBUG (for CredentialsStayOutOfLogsIT): args JID HOST PORT CAFILE; the
 * password comes from the environment variable PROBE_PASSWORD. Prints the stanza history as JSON lines,
 * then tries the same account with a wrong password and prints the error.
 */
public final class LoginProbe {

    private LoginProbe() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = System.getenv("PROBE_PASSWORD").toCharArray();
        XmppClient.Builder b = XmppClient.builder().jid(args[0]).password(password).host(args[1])
                .port(Integer.parseInt(args[2])).caFile(Path.of(args[3])).libstropheLogLevel(LogLevel.DEBUG);
        try (XmppClient c = b.build()) {
            Session s = c.connect().get(20, TimeUnit.SECONDS);
            c.send(Message.builder().to(s.jid().bare()).body("note to self").build());
            c.disconnect().get(20, TimeUnit.SECONDS);
            System.out.println("CLIENT " + c + " " + b);
            PrintWriter out = new PrintWriter(System.out);
            c.history().exportJsonLines(out);
        }
        try (XmppClient c = XmppClient.builder().jid(args[0]).password((System.getenv("PROBE_PASSWORD") + "-wrong").toCharArray())
                .host(args[1]).port(Integer.parseInt(args[2])).caFile(Path.of(args[3])).libstropheLogLevel(LogLevel.DEBUG).build()) {
            c.connect().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            System.out.println("ERROR " + e.getCause());
        }
        System.out.println("DONE");
    }
}
