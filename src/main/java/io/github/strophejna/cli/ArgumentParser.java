package io.github.strophejna.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads one command's arguments against its {@link CommandSpec}: first the command line, then, for what it
 * left out, the keys of the {@code --config} file, then the declared defaults; then checks that the required
 * ones are there. Every problem is an {@link ExitCodes.UsageException} whose message names it and points to
 * the command's {@code --help}.
 *
 * <p>On the command line: {@code --opt value} and {@code --opt=value}; a flag takes no value
 * ({@code --json}, or {@code --json=false}); a repeatable option keeps every value in order; after
 * {@code --} everything is a positional parameter, and so is {@code -} (stdin) and a negative number.
 * {@code -h}/{@code --help} and {@code -V}/{@code --version} anywhere win over everything else.
 *
 * <p>In the config file (a properties file), an option's key is its name without the dashes
 * ({@code password-file}), a positional parameter's its label ({@code MESSAGE}); a key qualified by the
 * command ({@code strophe.ping.count}) wins over the plain one.
 */
final class ArgumentParser {

    private ArgumentParser() {
    }

    /**
     * @param args the whole command line
     * @param from where the command's own arguments start (after its name)
     * @throws ExitCodes.UsageException for an unknown option, a missing or bad value, a missing required one,
     *     an argument too many, or a config file that cannot be read
     */
    static ParsedArgs parse(CommandSpec spec, String[] args, int from) {
        ParsedArgs parsed = new ParsedArgs(spec);
        // help first: a user who asks for it after a mistake wants the help, not the mistake
        if (asks(args, from, true)) {
            parsed.requestHelp();
            return parsed;
        }
        if (asks(args, from, false)) {
            parsed.requestVersion();
            return parsed;
        }
        readCommandLine(spec, args, from, parsed);
        readConfigFile(spec, parsed);
        for (OptionSpec o : spec.positionals()) {
            completeFromDefault(spec, parsed, o);
        }
        for (OptionSpec o : spec.options()) {
            completeFromDefault(spec, parsed, o);
        }
        return parsed;
    }

    /** @return whether the argument asks for help: {@code -h}, {@code --help}, or a cluster such as {@code -hV} */
    static boolean isHelp(String arg) {
        return arg.equals("--help") || isStandardCluster(arg, 'h');
    }

    /** @return whether the argument asks for the versions: {@code -V}, {@code --version} or a cluster with V */
    static boolean isVersion(String arg) {
        return arg.equals("--version") || isStandardCluster(arg, 'V');
    }

    /** {@code -h}, {@code -V}, {@code -hV}, {@code -Vh}: the two short options, alone or together, with the letter. */
    private static boolean isStandardCluster(String arg, char letter) {
        if (arg.length() < 2 || arg.charAt(0) != '-' || arg.indexOf(letter) < 0) {
            return false;
        }
        for (int i = 1; i < arg.length(); i++) {
            if (arg.charAt(i) != 'h' && arg.charAt(i) != 'V') {
                return false;
            }
        }
        return true;
    }

    private static boolean asks(String[] args, int from, boolean help) {
        for (int i = from; i < args.length && !args[i].equals("--"); i++) {
            if (help ? isHelp(args[i]) : isVersion(args[i])) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the argument is meant as an option: a dash and more, but not a negative number */
    static boolean looksLikeOption(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && !Character.isDigit(arg.charAt(1));
    }

    private static void readCommandLine(CommandSpec spec, String[] args, int from, ParsedArgs parsed) {
        List<OptionSpec> positionals = spec.positionals();
        int nextPositional = 0;
        boolean optionsEnded = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && looksLikeOption(arg)) {
                i = readOption(spec, args, i, parsed);
            } else if (nextPositional < positionals.size()) {
                parsed.add(positionals.get(nextPositional++), arg);
            } else {
                throw usage(spec, "unexpected argument '" + arg + "'");
            }
        }
    }

    /** @return the index of the last argument the option used: its own, or its value's */
    private static int readOption(CommandSpec spec, String[] args, int at, ParsedArgs parsed) {
        String arg = args[at];
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw usage(spec, "unknown option '" + name + "'");
        }
        if (!option.isRepeatable() && parsed.has(name)) {
            throw usage(spec, "option '" + name + "' may be given only once");
        }
        int last = at;
        String value;
        if (eq >= 0) {
            value = arg.substring(eq + 1);
        } else if (option.type() == OptionSpec.Type.FLAG) {
            value = "true";
        } else if (at + 1 < args.length && !namesOption(spec, args[at + 1])) {
            last = at + 1;
            value = args[last];
        } else {
            throw usage(spec, "option '" + name + "' needs a value (" + option.label() + ")");
        }
        parsed.add(option, checked(spec, option, value, name, null));
        return last;
    }

    /** An option's value may start with a dash ({@code --id -5}), but not be one of the command's options. */
    private static boolean namesOption(CommandSpec spec, String arg) {
        if (!looksLikeOption(arg)) {
            return false;
        }
        int eq = arg.indexOf('=');
        return spec.findOption(eq < 0 ? arg : arg.substring(0, eq)) != null;
    }

    private static void readConfigFile(CommandSpec spec, ParsedArgs parsed) {
        Path file = null;
        for (OptionSpec o : spec.options()) {
            if (o.isConfigFile()) {
                file = parsed.path(o.name());
            }
        }
        if (file == null) {
            return;
        }
        Properties config = load(file);
        String prefix = spec.name().replace(' ', '.') + ".";
        readConfigKeys(spec, spec.options(), config, prefix, file, parsed);
        readConfigKeys(spec, spec.positionals(), config, prefix, file, parsed);
    }

    private static void readConfigKeys(CommandSpec spec, List<OptionSpec> declared, Properties config, String prefix,
            Path file, ParsedArgs parsed) {
        for (OptionSpec o : declared) {
            if (o.isConfigFile() || parsed.has(o.name())) {
                continue; // the command line wins
            }
            String key = prefix + o.configKey();
            String value = config.getProperty(key);
            if (value == null) {
                key = o.configKey();
                value = config.getProperty(key);
            }
            if (value != null) {
                parsed.add(o, checked(spec, o, value, key, file));
            }
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new ExitCodes.UsageException("cannot read the config file " + file + ": " + why);
        }
        return p;
    }

    private static void completeFromDefault(CommandSpec spec, ParsedArgs parsed, OptionSpec o) {
        if (parsed.has(o.name())) {
            return;
        }
        if (o.defaultValue() != null) {
            parsed.add(o, o.defaultValue());
        } else if (o.isRequired()) {
            String what = o.isPositional() ? "missing the parameter " : "missing the required option ";
            throw usage(spec, what + o.synopsis());
        }
    }

    /**
     * @param key the option as given: its name on the command line, its key in the config file
     * @param file the config file it came from, or null for the command line
     * @return the value as the command will read it (a flag's as {@code true} or {@code false})
     */
    private static String checked(CommandSpec spec, OptionSpec option, String value, String key, Path file) {
        OptionSpec.Type type = option.type(); // compared with ==, not switched on: a switch would add a class to load
        if (type == OptionSpec.Type.FLAG) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return value.toLowerCase(Locale.ROOT);
            }
            throw usage(spec, invalid(key, file, value) + " is not true or false");
        }
        try {
            if (type == OptionSpec.Type.INTEGER) {
                Integer.parseInt(value);
            } else if (type == OptionSpec.Type.DECIMAL) {
                Double.parseDouble(value);
            }
            return value;
        } catch (NumberFormatException e) {
            String wanted = type == OptionSpec.Type.INTEGER ? " is not an integer" : " is not a number";
            throw usage(spec, invalid(key, file, value) + wanted);
        }
    }

    /** The start of a bad value's message; made only when there is one (string joins cost at start-up). */
    private static String invalid(String key, Path file, String value) {
        String where = file == null ? "option '" + key + "'" : "'" + key + "' in the config file " + file;
        return "invalid value for " + where + ": '" + value + "'";
    }

    private static ExitCodes.UsageException usage(CommandSpec spec, String problem) {
        return new ExitCodes.UsageException(problem + spec.helpHint());
    }
}
