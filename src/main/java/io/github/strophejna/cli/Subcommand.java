package io.github.strophejna.cli;

import io.github.strophejna.client.StanzaHistory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every subcommand shares: the connection options and printing stanzas. */
abstract class Subcommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options;

    long deadline() {
        return System.nanoTime() + options.timeout().toNanos();
    }

    static String describe(StanzaHistory.Entry e) {
        return e.time() + " " + (e.direction() == StanzaHistory.Direction.IN ? "<<" : ">>") + " " + e.xml();
    }
}
