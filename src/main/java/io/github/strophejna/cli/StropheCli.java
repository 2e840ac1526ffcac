package io.github.strophejna.cli;

import io.github.strophejna.jna.LibStrophe;
import io.github.strophejna.jna.LibStropheException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code strophe}: send-and-disconnect scripting and callback debugging from the shell, over strophe-jna.
 * Every failure prints one line on stderr naming the cause (a stack trace only with --verbose) and exits
 * with a status that says what kind of failure it was.
 */
@Command(name = "strophe", mixinStandardHelpOptions = true, versionProvider = StropheCli.Versions.class,
        description = "XMPP from the shell, over libstrophe.",
        footer = ExitCodes.HELP,
        subcommands = {SendCommand.class, FetchCommand.class, ListenCommand.class, PingCommand.class,
                DiscoCommand.class, RosterCommand.class, MucCommand.class, ConsoleCommand.class})
public final class StropheCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand (see --help)");
    }

    /**
     * Prints the library's version and libstrophe's: exact ("0.12.2", "master b9eead3"), whether it is stock or
     * built by scripts/build-libstrophe.sh, where the version came from, and the file it was loaded from.
     */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String own = StropheCli.class.getPackage().getImplementationVersion();
            String lib;
            try {
                LibStrophe.load();
                lib = "libstrophe " + LibStrophe.describe() + ", from " + LibStrophe.origin();
            } catch (LibStropheException e) {
                lib = "libstrophe not loadable: " + e.getMessage().lines().findFirst().orElse("");
            }
            return new String[] {"strophe-jna " + (own == null ? "(development build)" : own), lib};
        }
    }

    /**
     * Runs the tool.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine cl = new CommandLine(new StropheCli());
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            verbose |= args[i].equals("--verbose");
            Path config = null;
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--config=")) {
                config = Path.of(args[i].substring("--config=".length()));
            }
            if (config != null) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(config)) {
                    p.load(in);
                } catch (IOException e) {
                    System.err.println("strophe: cannot read the config file " + config + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                cl.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(p));
            }
        }
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.io.github.strophejna.libstrophe", "debug");
        } else {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.io.github.strophejna.libstrophe", "info");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        boolean showTraces = verbose;
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = ExitCodes.cause(e);
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            System.err.println("strophe: " + message.lines().findFirst().orElse(message)
                    + (cause instanceof LibStropheException ? " (run with --verbose for what was tried)" : ""));
            if (showTraces) {
                cause.printStackTrace();
                if (cause instanceof LibStropheException) {
                    System.err.println(cause.getMessage());
                }
            }
            return ExitCodes.of(cause);
        });
        return cl.execute(args);
    }
}
