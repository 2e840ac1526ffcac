package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tool's own command-line model: parsing, config-file defaults, usage errors and help. No server needed. */
class ArgumentParserTest {

    /** Parses {@code strophe COMMAND ARGS...} against the real command's declaration. */
    static ParsedArgs parse(String command, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = command;
        System.arraycopy(args, 0, line, 1, args.length);
        return ArgumentParser.parse(StropheCli.spec(command), line, 1);
    }

    record Run(int exit, String out, String err) {}

    /** Runs the whole tool in this JVM (only for what needs no server or libstrophe), capturing what it prints. */
    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = StropheCli.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    static String usageError(String command, String... args) {
        return assertThrows(ExitCodes.UsageException.class, () -> parse(command, args)).getMessage();
    }

    @Test
    void unknownOptionIsAUsageErrorPointingToHelp() {
        String message = usageError("send", "--to", "a@b", "--bogus", "hi");
        assertEquals("unknown option '--bogus' (see 'strophe send --help')", message);
        assertTrue(usageError("send", "--to", "a@b", "-x").startsWith("unknown option '-x'"));
        assertTrue(usageError("send", "--to", "a@b", "--bogus=1").startsWith("unknown option '--bogus'"));
    }

    @Test
    void aUsageErrorExitsWithTwoAndOneLineOnStderr() {
        Run badCount = run("ping", "--count", "many");
        assertEquals(new Run(ExitCodes.USAGE, "",
                "strophe: invalid value for option '--count': 'many' is not an integer (see 'strophe ping --help')\n"),
                badCount);
        assertEquals(new Run(ExitCodes.USAGE, "", "strophe: unknown command 'frob' (see 'strophe --help')\n"), run("frob"));
        assertEquals(new Run(ExitCodes.USAGE, "", "strophe: name a command (see 'strophe --help')\n"), run());
    }

    @Test
    void missingRequiredOptionOrParameterOrValue() {
        assertEquals("missing the required option --to=JID (see 'strophe send --help')", usageError("send", "hi"));
        assertEquals("missing the required option --nick=NICK (see 'strophe muc --help')", usageError("muc", "room@x"));
        assertEquals("missing the parameter JID (see 'strophe disco --help')", usageError("disco"));
        assertEquals("option '--jid' needs a value (JID) (see 'strophe ping --help')", usageError("ping", "--jid"));
        // the next argument is another option, so it is not the value
        assertTrue(usageError("ping", "--jid", "--count", "2").startsWith("option '--jid' needs a value"));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertTrue(usageError("ping", "--port", "x").contains("'x' is not an integer"));
        assertTrue(usageError("ping", "--port", "99999999999").contains("is not an integer"));
        assertTrue(usageError("fetch", "--wait", "soon").contains("'soon' is not a number"));
        assertTrue(usageError("fetch", "--json=maybe").contains("'maybe' is not true or false"));
        assertTrue(usageError("ping", "--jid", "a@b", "--jid", "c@d").contains("'--jid' may be given only once"));
        assertTrue(usageError("disco", "a.example", "b.example").startsWith("unexpected argument 'b.example'"));
    }

    @Test
    void equalsFormAndSeparateValueAreTheSame() {
        ParsedArgs a = parse("ping", "--jid=me@example.org", "--count=3", "--trust-any-cert", "--tls=direct");
        ParsedArgs b = parse("ping", "--jid", "me@example.org", "--count", "3", "--trust-any-cert", "--tls", "direct");
        for (ParsedArgs p : List.of(a, b)) {
            assertEquals("me@example.org", p.string("--jid"));
            assertEquals(3, p.integer("--count"));
            assertTrue(p.flag("--trust-any-cert"));
            assertEquals("direct", p.string("--tls"));
        }
        assertEquals("x-trace=42", parse("send", "--to=a@b", "--attr=x-trace=42").string("--attr"),
                "split at the first '='");
        assertFalse(parse("send", "--to=a@b", "--verbose=false").flag("--verbose"));
        assertEquals("", parse("send", "--to=a@b", "--id=").string("--id"));
    }

    @Test
    void repeatableOptionsKeepTheirOrder() {
        ParsedArgs p = parse("send", "--to", "c@x", "--attr", "a=1", "--to=a@x", "hi", "--to", "b@x", "--attr=b=2");
        assertEquals(List.of("c@x", "a@x", "b@x"), p.list("--to"));
        assertEquals(List.of("a=1", "b=2"), p.list("--attr"));
        assertEquals("hi", p.string("MESSAGE"));
        assertEquals(List.of(), parse("send", "--to", "a@x").list("--attr"));
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        ParsedArgs p = parse("send", "--to", "a@x");
        assertEquals("chat", p.string("--type"));
        assertEquals("required", p.string("--tls"));
        assertEquals("off", p.string("--log-level"));
        assertEquals(30, p.integer("--timeout"));
        assertFalse(p.has("--port"));
        assertFalse(p.flag("--verbose"));
        assertEquals(null, p.string("MESSAGE"));
        assertEquals(1.0, parse("fetch").decimal("--wait"));
        assertEquals(4, parse("ping").integer("--count"));
    }

    @Test
    void configFileSuppliesDefaultsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("strophe.properties");
        Files.writeString(config, "jid=me@example.org\nhost=xmpp.example.org\nport=5223\npassword-file=/run/pw\n"
                + "trust-any-cert=true\ntimeout=9\ncount=3\nstrophe.ping.count=7\nJID=other.example\n");
        ParsedArgs p = parse("ping", "--config", config.toString(), "--timeout", "5");
        assertEquals("me@example.org", p.string("--jid"));
        assertEquals("xmpp.example.org", p.string("--host"));
        assertEquals(5223, p.integer("--port"));
        assertEquals(Path.of("/run/pw"), p.path("--password-file"));
        assertTrue(p.flag("--trust-any-cert"));
        assertEquals(5, p.integer("--timeout"), "the command line wins");
        assertEquals(7, p.integer("--count"), "a key qualified by the command wins over the plain one");
        assertEquals("other.example", p.string("JID"), "a positional parameter's key is its label");
        assertEquals("required", p.string("--tls"), "the declared default fills what the file leaves out");

        ParsedArgs q = parse("ping", "--config=" + config, "--count", "1", "given.example");
        assertEquals(1, q.integer("--count"));
        assertEquals("given.example", q.string("JID"));

        // a required option may come from the file; the command line replaces a repeatable one's values
        Files.writeString(config, "to=a@example.org\n");
        assertEquals(List.of("a@example.org"), parse("send", "--config", config.toString()).list("--to"));
        assertEquals(List.of("b@x", "c@x"), parse("send", "--config", config.toString(), "--to", "b@x", "--to", "c@x")
                .list("--to"));

        Files.writeString(config, "port=abc\n");
        assertTrue(usageError("ping", "--config", config.toString()).startsWith(
                "invalid value for 'port' in the config file " + config + ": 'abc' is not an integer"));
        assertEquals("cannot read the config file " + dir.resolve("none") + ": no such file",
                usageError("ping", "--config", dir.resolve("none").toString()));
    }

    @Test
    void positionalParametersAfterDoubleDashAndDashesThatAreNoOptions() {
        assertEquals("--not-an-option", parse("send", "--to", "a@x", "--", "--not-an-option").string("MESSAGE"));
        assertEquals("-", parse("send", "--to", "a@x", "-").string("MESSAGE"), "'-' is stdin, a parameter");
        assertEquals("-5", parse("send", "--to", "a@x", "-5").string("MESSAGE"), "a negative number is a parameter");
        assertEquals("-5", parse("send", "--to", "a@x", "--id", "-5").string("--id"), "a value may start with a dash");
        ParsedArgs muc = parse("muc", "room@x", "--nick", "n", "--", "--help me");
        assertEquals("room@x", muc.string("ROOM"));
        assertEquals("--help me", muc.string("MESSAGE"));
        assertFalse(muc.helpRequested(), "after -- nothing is an option, not even --help");
    }

    @Test
    void helpAndVersionWinOverMistakes() {
        assertTrue(parse("send", "--bogus", "--help").helpRequested());
        assertTrue(parse("send", "-h").helpRequested());
        assertTrue(parse("send", "-hV").helpRequested());
        ParsedArgs v = parse("ping", "--port", "x", "-V");
        assertTrue(v.versionRequested());
        assertFalse(v.helpRequested());
    }

    @Test
    void helpTextListsEveryOptionOfEveryCommand() {
        for (String command : StropheCli.COMMANDS) {
            CommandSpec spec = StropheCli.spec(command);
            assertNotNull(spec, command);
            String help = HelpText.of(spec);
            assertTrue(help.startsWith("Usage: strophe " + command + " [OPTIONS]"), help);
            assertTrue(help.contains(ExitCodes.HELP.substring(0, 40)), "the exit-status footer: " + help);
            assertTrue(help.contains("  -h, --help ") && help.contains("  -V, --version "), help);
            for (OptionSpec o : spec.options()) {
                String row = "\n      " + o.synopsis();
                String lacks = command + " --help lacks " + o.name() + ":\n" + help;
                assertTrue(help.contains(row + " ") || help.contains(row + "\n"), lacks);
                assertTrue(help.contains(firstWords(o.description())), lacks);
            }
            for (OptionSpec p : spec.positionals()) {
                assertTrue(help.contains(p.isRequired() ? " " + p.name() + " " : "[" + p.name() + "]"), help);
            }
            for (String line : help.split("\n")) {
                assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
            }
        }
        assertTrue(HelpText.of(StropheCli.spec("send")).contains("--to=JID... [MESSAGE]"), "the usage line");
        assertTrue(HelpText.of(StropheCli.spec("ping")).contains("(default 30)"), "the default in its description");
    }

    @Test
    void theToolsHelpListsEveryCommand() {
        Run run = run("--help");
        assertEquals(ExitCodes.OK, run.exit());
        String help = run.out();
        for (String command : StropheCli.COMMANDS) {
            assertTrue(help.contains("\n  " + command + " "), command + " missing from:\n" + help);
        }
        assertTrue(help.contains(ExitCodes.HELP.substring(0, 40)), help);
    }

    @Test
    void askingForAnUndeclaredNameIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> parse("ping").string("--tp"));
    }

    private static String firstWords(String text) {
        String[] words = text.split(" ");
        return words[0] + (words.length > 1 ? " " + words[1] : "");
    }
}
