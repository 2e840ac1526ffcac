package io.github.strophejna.xep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.client.Session;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.client.XmppErrorException;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.WithProsody;
import io.github.strophejna.xep.register.AccountManagement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In-band registration of a new account on a stream without login (STARTTLS, certificate verified). */
@WithProsody
class RegistrationIT {

    static XmppClient anonymous(ProsodyServer server, String jid) {
        return XmppClient.builder().jid(jid).password(new char[0]).host(server.host()).port(server.c2sPort())
                .caFile(server.caFile()).build();
    }

    @Test
    void registerANewAccountThenLogIn(ProsodyServer server) throws Exception {
        String user = "fresh-" + Long.toString(System.nanoTime(), 36);
        try (XmppClient c = anonymous(server, user + "@" + ProsodyServer.DOMAIN)) {
            Session s = c.connectWithoutLogin().get(20, TimeUnit.SECONDS);
            assertTrue(s.secure(), "registration must happen over TLS");
            AccountManagement.of(c).register(user, "fresh-password".toCharArray()).get(10, TimeUnit.SECONDS);
            c.disconnect().get(10, TimeUnit.SECONDS);
        }
        try (XmppClient c = XmppClient.builder().jid(user + "@" + ProsodyServer.DOMAIN + "/r").password("fresh-password".toCharArray())
                .host(server.host()).port(server.c2sPort()).caFile(server.caFile()).build()) {
            assertEquals(user, c.connect().get(20, TimeUnit.SECONDS).jid().local());
        }
    }

    @Test
    void aTakenNameIsAConflict(ProsodyServer server) throws Exception {
        TestAccount existing = server.createAccount("taken");
        try (XmppClient c = anonymous(server, existing.jid())) {
            c.connectWithoutLogin().get(20, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> AccountManagement.of(c).register(existing.localpart(), "x".toCharArray()).get(10, TimeUnit.SECONDS));
            assertEquals("conflict", assertInstanceOf(XmppErrorException.class, e.getCause()).error().condition());
        }
    }
}
