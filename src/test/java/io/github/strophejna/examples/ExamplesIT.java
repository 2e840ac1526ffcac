package io.github.strophejna.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.WithProsody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program in examples/, run as users run it ({@code scripts/example}, a process of its own): against
 * the test server given by options, with the test as the second party, and from its README command
 * ({@code --demo}, a throwaway server of its own).
 */
@WithProsody
class ExamplesIT {

    /** The examples whose scenario leaves the server running: they share the test run's server. */
    static Stream<String> sharingTheServer() {
        return ExampleScenario.ALL.keySet().stream().filter(n -> !n.equals("PingMonitor")).sorted();
    }

    static Stream<String> all() {
        return ExampleScenario.ALL.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}, against a server given by options")
    @MethodSource("sharingTheServer")
    void runsAgainstAServerGivenByOptions(String example, ProsodyServer server) throws Exception {
        try (Stage stage = new Stage(server, System.out::println)) {
            ExampleScenario.ALL.get(example).play(stage);
        }
    }

    @Test
    void pingMonitorReportsAnOutageWhenTheServerStops() throws Exception {
        // a server of its own: the scenario kills it and starts it again
        try (ProsodyServer own = ProsodyServer.start(); Stage stage = new Stage(own, System.out::println)) {
            ExampleScenario.ALL.get("PingMonitor").play(stage);
        }
    }

    @ParameterizedTest(name = "scripts/example {0} --demo")
    @MethodSource("all")
    void runsFromItsDemoCommand(String example) throws Exception {
        try (ExampleProcess demo = ExampleProcess.start(example + " demo", Map.of(), System.out::println,
                List.of(example, "--demo"))) {
            int status = demo.awaitExit(Duration.ofMinutes(3));
            assertEquals(0, status, demo.output());
            demo.await("^demo: ok, " + example + " works", Duration.ofSeconds(1));
        }
    }

    @Test
    void everyExampleHasAScenarioAndAReadmeCommand() throws Exception {
        Set<String> programs;
        try (Stream<Path> files = Files.list(ExampleProcess.ROOT.resolve("examples"))) {
            programs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).filter(n -> !n.equals("ExampleOptions"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(ExampleScenario.ALL.keySet()), programs);
        assertEquals(9, programs.size(), programs.toString());
        String readme = Files.readString(ExampleProcess.ROOT.resolve("README.md"));
        for (String p : programs) {
            assertTrue(readme.contains("scripts/example " + p + " --demo"), "README lacks the demo command of " + p);
            assertTrue(readme.contains("scripts/example " + p + " --jid"), "README lacks the command of " + p + " for a server of one's own");
        }
    }

    @Test
    void badArgumentsAreUsageErrorsBeforeAnyConnection() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("EchoBot", "--jid", "@@bad"), "invalid JID '@@bad'",
                List.of("PingMonitor", "--jid", "m@localhost", "--every", "soon"), "--every must be a duration",
                List.of("EchoBot", "--jid", "bot@localhost", "--tls", "sometimes"), "--tls must be required, optional",
                List.of("SendAndDisconnect", "--jid", "a@localhost", "--to", "b@localhost", "hi", "--password-file", "/nonexistent"),
                "cannot read the password file /nonexistent",
                List.of("MucBot", "--jid", "bot@localhost"), "--room is needed");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            try (ExampleProcess p = ExampleProcess.start("bad", Map.of("XMPP_PASSWORD", "unused"), System.out::println, c.getKey())) {
                assertEquals(2, p.awaitExit(Duration.ofSeconds(30)), c.getKey() + ":\n" + p.output());
                p.await("^stderr: " + java.util.regex.Pattern.quote(c.getValue()), Duration.ofSeconds(1));
                p.await("^stderr: usage: " + c.getKey().get(0) + " ", Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void anUnknownExampleIsAUsageError() throws Exception {
        try (ExampleProcess p = ExampleProcess.start("unknown", Map.of(), System.out::println, List.of("NoSuchExample"))) {
            assertEquals(2, p.awaitExit(Duration.ofSeconds(30)));
            p.await("^stderr: scripts/example: no example 'NoSuchExample'; the examples: .*EchoBot", Duration.ofSeconds(1));
        }
    }
}
