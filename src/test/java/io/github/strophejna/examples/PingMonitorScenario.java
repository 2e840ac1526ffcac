package io.github.strophejna.examples;

import io.github.strophejna.client.XmppClient;
import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.xep.ping.Ping;
import java.util.concurrent.TimeUnit;

/**
 * PingMonitor: it pings the server and a user every second; the user going offline is an outage and her
 * return is reported with its length; then the server itself is killed (every target down, the connection
 * lost) and started again (the monitor reconnects, everything back). The stage's server is killed: give
 * this scenario a server of its own.
 */
final class PingMonitorScenario implements ExampleScenario {

    @Override
    public String example() {
        return "PingMonitor";
    }

    @Override
    public void play(Stage stage) throws Exception {
        TestAccount monitor = stage.server().createAccount("monitor");
        TestAccount alice = stage.server().createAccount("alice");
        String server = ProsodyServer.DOMAIN;
        XmppClient user = stage.client(alice, "tablet");
        Ping.of(user).respond();
        user.connect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        String aliceJid = alice.jid("tablet");

        ExampleProcess mon = stage.start("PingMonitor", monitor, "--every", "1s", "--timeout", "2s", server, aliceJid);
        mon.await("^[0-9:.]+ " + server + " [0-9.]+ ms$", Stage.STEP);
        mon.await("^[0-9:.]+ " + aliceJid + " [0-9.]+ ms$", Stage.STEP);
        stage.say("both answer; " + aliceJid + " now goes offline");

        user.disconnect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        mon.await("^[0-9:.]+ OUTAGE " + aliceJid + ": ", Stage.STEP);
        user.connect().get(Stage.STEP.toSeconds(), TimeUnit.SECONDS);
        stage.say(aliceJid + " is back online");
        mon.await("^[0-9:.]+ BACK " + aliceJid + " after [0-9.]+ s$", Stage.STEP);

        stage.say("the server is killed");
        stage.server().kill();
        mon.await("^[0-9:.]+ connection lost: ", Stage.STEP);
        mon.await("^[0-9:.]+ OUTAGE " + server + ": ", Stage.STEP);
        Thread.sleep(2000);
        stage.say("the server is started again");
        stage.server().restart();
        mon.awaitCount("^[0-9:.]+ connected as " + monitor.jid(), 2, Stage.STEP);
        mon.await("^[0-9:.]+ BACK " + server + " after [0-9.]+ s$", Stage.STEP);
        stage.say("the monitor reconnected by itself and reported the server's outage with its length");
    }
}
