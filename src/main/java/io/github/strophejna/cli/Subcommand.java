package io.github.strophejna.cli;

import io.github.strophejna.client.StanzaHistory;

/**
 * What every subcommand shares: its declaration in code (its own options, then the {@link ConnectionOptions}),
 * the connection options read before it runs, and printing stanzas.
 */
abstract class Subcommand {

    /**
     * @return the command so named, not yet run; null for a name that is none. Here rather than in
     *     {@link StropheCli}: checking this method's bytecode loads every command class, which the tool's own
     *     {@code --help} and {@code --version} need not do.
     */
    static Subcommand named(String name) {
        switch (name) {
            case "send":
                return new SendCommand();
            case "fetch":
                return new FetchCommand();
            case "listen":
                return new ListenCommand();
            case "ping":
                return new PingCommand();
            case "disco":
                return new DiscoCommand();
            case "roster":
                return new RosterCommand();
            case "muc":
                return new MucCommand();
            case "console":
                return new ConsoleCommand();
            default:
                return null;
        }
    }

    /** The shared options, read from the parsed arguments just before {@link #run}. */
    ConnectionOptions options;

    /** Declares the command's description, its own options and its positional parameters. */
    abstract void declare(CommandSpec spec);

    /**
     * Does the command's work.
     *
     * @return the exit status ({@link ExitCodes#OK}; failures are thrown and mapped by {@link ExitCodes#of})
     */
    abstract int run(ParsedArgs args) throws Exception;

    /** @param name the command as typed, e.g. {@code strophe send} */
    final CommandSpec spec(String name) {
        CommandSpec spec = new CommandSpec(name);
        declare(spec);
        ConnectionOptions.declare(spec);
        return spec;
    }

    final int execute(ParsedArgs args) throws Exception {
        options = new ConnectionOptions(args);
        return run(args);
    }

    long deadline() {
        return System.nanoTime() + options.timeout().toNanos();
    }

    static String describe(StanzaHistory.Entry e) {
        return e.time() + " " + (e.direction() == StanzaHistory.Direction.IN ? "<<" : ">>") + " " + e.xml();
    }
}
