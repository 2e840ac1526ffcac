package io.github.strophejna.demo;

import io.github.strophejna.client.Session;
import io.github.strophejna.client.StanzaHistory;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.stanza.Message;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * scripts/demo.sh: the whole path on a throwaway local Prosody. Two accounts log in over STARTTLS with
 * certificate verification on (the run's own CA file), one sends a message, the other receives it, and
 * both stanza histories are printed. Exits non-zero when the message does not arrive.
 */
public final class EndToEndDemo {

    private EndToEndDemo() {
    }

    public static void main(String[] args) throws Exception {
        LibStrophe.load();
        System.out.println("libstrophe " + LibStrophe.describe() + ", from " + LibStrophe.origin());
        int status;
        try (ProsodyServer server = ProsodyServer.start()) {
            System.out.println("Prosody listening on " + server.host() + ":" + server.c2sPort() + " (STARTTLS)");
            TestAccount alice = server.createAccount("alice");
            TestAccount bob = server.createAccount("bob");
            try (XmppClient a = client(server, alice); XmppClient b = client(server, bob)) {
                CountDownLatch received = new CountDownLatch(1);
                b.onMessage(m -> {
                    System.out.println("bob received from " + m.from() + ": " + m.body());
                    received.countDown();
                });
                Session sb = b.connect().get(20, TimeUnit.SECONDS);
                Session sa = a.connect().get(20, TimeUnit.SECONDS);
                System.out.println("logged in: " + sa + "\n           " + sb);
                a.send(Message.builder().to(sb.jid()).body("Hello from strophe-jna \uD83D\uDC4B").build());
                status = received.await(10, TimeUnit.SECONDS) ? 0 : 1;
                a.disconnect().get(10, TimeUnit.SECONDS);
                b.disconnect().get(10, TimeUnit.SECONDS);
                print("alice", a.history());
                print("bob", b.history());
            }
        }
        System.out.println("\nserver stopped and deleted; " + (status == 0 ? "done" : "the message did NOT arrive"));
        System.exit(status);
    }

    private static XmppClient client(ProsodyServer server, TestAccount account) {
        return XmppClient.builder().jid(account.jid("demo")).password(account.password().toCharArray())
                .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).build();
    }

    private static void print(String who, StanzaHistory history) {
        System.out.println("\nstanza log of " + who + " (time, direction, XML):");
        for (StanzaHistory.Entry e : history.entries()) {
            System.out.println("  " + e.time() + " " + (e.direction() == StanzaHistory.Direction.IN ? "<-" : "->") + " " + e.xml());
        }
    }
}
