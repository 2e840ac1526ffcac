package io.github.strophejna.examples;

import io.github.strophejna.testing.ProsodyServer;
import java.util.TreeSet;

/**
 * {@code scripts/example NAME --demo}: shows one example working on a throwaway local Prosody, with the
 * accounts, room or node it needs and a second party, then stops everything. Exit status 0 when the example
 * did what it says, 1 when not, 2 for an unknown name.
 */
public final class ExampleDemo {

    private ExampleDemo() {
    }

    public static void main(String[] args) throws Exception {
        ExampleScenario scenario = args.length == 1 ? ExampleScenario.ALL.get(args[0]) : null;
        if (scenario == null) {
            System.err.println("usage: scripts/example NAME --demo, NAME one of " + new TreeSet<>(ExampleScenario.ALL.keySet()));
            System.exit(2);
        }
        System.out.println("demo: starting a throwaway Prosody on loopback for " + scenario.example());
        int status = 0;
        try (ProsodyServer server = ProsodyServer.start(); Stage stage = new Stage(server, System.out::println)) {
            scenario.play(stage);
        } catch (AssertionError e) {
            System.out.println("demo: FAILED: " + e.getMessage());
            status = 1;
        }
        if (status == 0) {
            System.out.println("demo: ok, " + scenario.example() + " works; the server and its files are gone");
        }
        System.exit(status); // the second party's clients are closed; nothing else should keep the JVM
    }
}
