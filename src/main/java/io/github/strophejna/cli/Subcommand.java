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

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    static String describe(StanzaHistory.Entry e) {
        return e.time() + " " + (e.direction() == StanzaHistory.Direction.IN ? "<<" : ">>") + " " + e.xml();
    }
}
