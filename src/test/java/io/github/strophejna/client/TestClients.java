package io.github.strophejna.client;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;

/** Client builders pointed at the test server, verification on through the run's CA file. */
final class TestClients {

    private TestClients() {
    }

    static XmppClient.Builder builder(ProsodyServer server, TestAccount account, String resource) {
        return XmppClient.builder()
                .jid(account.jid(resource))
                .password(account.password().toCharArray())
                .host(server.host())
                .port(server.c2sPort())
                .caFile(server.caFile());
    }
}
