package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The IoT-gateway shape: many clients on one {@link XmppContext}, logging in at the same moment, some with a
 * wrong password. Each must get its own outcome: a connection, or an {@link AuthenticationException} (never
 * a {@link ConnectionException} meant for a neighbour, which would make a reconnect policy retry a wrong
 * password for ever).
 */
@WithProsody
class SharedContextLoginIT {

    private static final int ROUNDS = 10;
    private static final int RIGHT = 10;
    private static final int WRONG = 10;
    /** Connected clients that stay on the context through every round: 30 + 10 + 10 = 50 clients on it. */
    private static final int BYSTANDERS = 30;

    @Test
    void tenRightAndTenWrongPasswordsAtOnceOnASharedContextEachGetTheirOwnOutcome(ProsodyServer server) throws Exception {
        List<TestAccount> accounts = new ArrayList<>();
        for (int i = 0; i < RIGHT; i++) {
            accounts.add(server.createAccount("gw" + i));
        }
        int connected = 0;
        int refused = 0;
        Map<String, Integer> other = new TreeMap<>();
        try (XmppContext shared = XmppContext.create("gateway")) {
            List<XmppClient> bystanders = new ArrayList<>();
            try {
                for (int i = 0; i < BYSTANDERS; i++) {
                    XmppClient b = server.clientBuilder(accounts.get(i % RIGHT), "bystander" + i).context(shared).build();
                    bystanders.add(b);
                    b.connect().get(30, TimeUnit.SECONDS);
                }
                for (int round = 0; round < ROUNDS; round++) {
                    List<XmppClient> clients = new ArrayList<>();
                    List<CompletableFuture<Session>> right = new ArrayList<>();
                    List<CompletableFuture<Session>> wrong = new ArrayList<>();
                    try {
                        for (int i = 0; i < RIGHT + WRONG; i++) {
                            TestAccount a = accounts.get(i % RIGHT);
                            XmppClient.Builder b = server.clientBuilder(a, "r" + round + "c" + i).context(shared);
                            if (i >= RIGHT) {
                                b.password(("not-" + a.password()).toCharArray());
                            }
                            clients.add(b.build());
                        }
                        for (int i = 0; i < clients.size(); i++) {
                            (i < RIGHT ? right : wrong).add(clients.get(i).connect()); // all at once
                        }
                        for (CompletableFuture<Session> f : right) {
                            try {
                                f.get(30, TimeUnit.SECONDS);
                                connected++;
                            } catch (java.util.concurrent.ExecutionException e) {
                                other.merge("right password: " + e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                            }
                        }
                        for (CompletableFuture<Session> f : wrong) {
                            try {
                                f.get(30, TimeUnit.SECONDS);
                                other.merge("wrong password: connected", 1, Integer::sum);
                            } catch (java.util.concurrent.ExecutionException e) {
                                if (e.getCause() instanceof AuthenticationException) {
                                    refused++;
                                } else {
                                    other.merge("wrong password: " + e.getCause().getClass().getSimpleName(), 1, Integer::sum);
                                }
                            }
                        }
                    } finally {
                        clients.forEach(XmppClient::close);
                    }
                }
                for (XmppClient b : bystanders) {
                    assertEquals(ConnectionState.CONNECTED, b.state(), "a bystander lost its session to a neighbour's login");
                }
            } finally {
                bystanders.forEach(XmppClient::close);
            }
        }
        assertTrue(other.isEmpty(), "outcomes that belong to another connection: " + other);
        assertEquals(ROUNDS * RIGHT, connected, "right passwords connected");
        assertEquals(ROUNDS * WRONG, refused, "wrong passwords refused with AuthenticationException");
    }
}
