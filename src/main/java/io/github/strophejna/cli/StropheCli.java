package io.github.strophejna.cli;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.LibStropheException;

/**
 * {@code strophe}: send-and-disconnect scripting and callback debugging from the shell, over strophe-jna.
 * Every failure prints one line on stderr naming the cause (a stack trace only with --verbose) and exits
 * with a status that says what kind of failure it was.
 *
 * <p>Only the command being run is built: its options are declared in code ({@link CommandSpec}) and read by
 * {@link ArgumentParser}, so start-up costs a handful of small classes, whatever the number of commands.
 */
public final class StropheCli {

    private static final String NAME = "strophe";
    private static final String DESCRIPTION = "XMPP from the shell, over libstrophe.";
    /** The commands, in the order {@code strophe --help} lists them; {@link #create} makes one. */
    static final String[] COMMANDS = {"send", "fetch", "listen", "ping", "disco", "roster", "muc", "console"};
    /** Compile-time constants, copied in by the compiler: listing them loads none of the command classes. */
    private static final String[] SUMMARIES = {SendCommand.DESCRIPTION, FetchCommand.DESCRIPTION,
        ListenCommand.DESCRIPTION, PingCommand.DESCRIPTION, DiscoCommand.DESCRIPTION, RosterCommand.DESCRIPTION,
        MucCommand.DESCRIPTION, ConsoleCommand.SUMMARY};

    private StropheCli() {
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // arguments the JVM decoded with a charset other than UTF-8 (the C locale's ASCII) are read again as UTF-8
        String charset = System.getProperty("sun.jnu.encoding");
        System.exit(run("UTF-8".equals(charset) ? args : Utf8Arguments.recover(args, charset)));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usageError("name a command (see '" + NAME + " --help')");
        }
        String first = args[0];
        if (ArgumentParser.isHelp(first)) {
            System.out.print(HelpText.overview(NAME, DESCRIPTION, COMMANDS, SUMMARIES));
            return ExitCodes.OK;
        }
        if (ArgumentParser.isVersion(first)) {
            Versions.print();
            return ExitCodes.OK;
        }
        Subcommand command = Subcommand.named(first);
        if (command == null) {
            return usageError((ArgumentParser.looksLikeOption(first) ? "unknown option '" : "unknown command '") + first
                    + "' (see '" + NAME + " --help')");
        }
        CommandSpec spec = command.spec(NAME.concat(" ").concat(first)); // concat(): see HelpText
        ParsedArgs parsed;
        try {
            parsed = ArgumentParser.parse(spec, args, 1);
        } catch (ExitCodes.UsageException e) {
            return usageError(e.getMessage());
        }
        if (parsed.helpRequested()) {
            System.out.print(HelpText.of(spec));
            return ExitCodes.OK;
        }
        if (parsed.versionRequested()) {
            Versions.print();
            return ExitCodes.OK;
        }
        boolean verbose = parsed.flag("--verbose");
        configureLogging(verbose);
        try {
            return command.execute(parsed);
        } catch (Exception e) {
            return failed(e, verbose);
        }
    }

    /** @return what {@code strophe NAME} accepts, or null when there is no such command (for tests) */
    static CommandSpec spec(String name) {
        Subcommand command = Subcommand.named(name);
        return command == null ? null : command.spec(NAME + " " + name);
    }

    /**
     * Prints the library's version and libstrophe's: exact ("0.12.2", "master b9eead3"), whether it is stock or
     * built by scripts/build-libstrophe.sh, where the version came from, and the file it was loaded from. A class
     * of its own so that the JVM loads what it catches only when the versions are asked for.
     */
    static final class Versions {
        private Versions() {
        }

        static void print() {
            configureLogging(false); // loading libstrophe logs what it found: on the version lines, not twice
            String own = StropheCli.class.getPackage().getImplementationVersion();
            System.out.println("strophe-jna " + (own == null ? "(development build)" : own));
            try {
                LibStrophe.load();
                System.out.println("libstrophe " + LibStrophe.describe() + ", from " + LibStrophe.origin());
            } catch (LibStropheException e) {
                System.out.println("libstrophe not loadable: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** slf4j-simple reads these when the first logger is made, which is after this (the command makes it). */
    private static void configureLogging(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.io.github.strophejna.libstrophe", "debug");
        } else {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.io.github.strophejna.libstrophe", "info");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static int usageError(String message) {
        System.err.println(NAME + ": " + message);
        return ExitCodes.USAGE;
    }

    /** One line naming the cause (with --verbose also its stack trace); @return the exit status for it */
    private static int failed(Exception e, boolean verbose) {
        Throwable cause = ExitCodes.cause(e);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        System.err.println(NAME + ": " + message.lines().findFirst().orElse(message)
                + (cause instanceof LibStropheException ? " (run with --verbose for what was tried)" : ""));
        if (verbose) {
            cause.printStackTrace();
            if (cause instanceof LibStropheException) {
                System.err.println(cause.getMessage());
            }
        }
        return ExitCodes.of(cause);
    }
}
