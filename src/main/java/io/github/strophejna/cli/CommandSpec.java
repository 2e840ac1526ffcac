package io.github.strophejna.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What one command accepts: its options and positional parameters, declared in code by the command itself
 * (plain method calls, no annotations or reflection, so only the command being run is ever built).
 * {@link ArgumentParser} reads a command line against it and {@link HelpText} describes it.
 */
final class CommandSpec {

    private final String name;
    private String description = "";
    private final List<OptionSpec> options = new ArrayList<>();
    private final List<OptionSpec> positionals = new ArrayList<>();

    /** @param name the command as users type it, e.g. {@code strophe send} */
    CommandSpec(String name) {
        this.name = name;
    }

    /** Sets the description shown by {@code --help}; lines are separated by {@code \n}. */
    CommandSpec description(String text) {
        description = text;
        return this;
    }

    /** Declares an option that takes a value, e.g. {@code option("--to", "JID", "a recipient")}. */
    OptionSpec option(String optionName, String valueLabel, String text) {
        return add(options, new OptionSpec(optionName, valueLabel, text, OptionSpec.Type.TEXT, false));
    }

    /** Declares an option without a value, e.g. {@code flag("--json", "one JSON object per line")}. */
    OptionSpec flag(String optionName, String text) {
        return add(options, new OptionSpec(optionName, null, text, OptionSpec.Type.FLAG, false));
    }

    /** Declares the next positional parameter; required unless {@link OptionSpec#optional()} is called. */
    OptionSpec positional(String label, String text) {
        return add(positionals, new OptionSpec(label, label, text, OptionSpec.Type.TEXT, true));
    }

    private OptionSpec add(List<OptionSpec> list, OptionSpec spec) {
        if (find(spec.name()) != null) {
            throw new IllegalArgumentException(name + " declares " + spec.name() + " twice");
        }
        list.add(spec);
        return spec;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    /** @return the options in the order they were declared */
    List<OptionSpec> options() {
        return options;
    }

    /** @return the positional parameters in their order on the command line */
    List<OptionSpec> positionals() {
        return positionals;
    }

    /** @return the option named so ({@code --to}), else the positional parameter labelled so, else null */
    OptionSpec find(String optionName) {
        OptionSpec o = findOption(optionName);
        if (o != null) {
            return o;
        }
        for (OptionSpec p : positionals) {
            if (p.name().equals(optionName)) {
                return p;
            }
        }
        return null;
    }

    /** @return the option named so, or null (positional parameters are not looked at) */
    OptionSpec findOption(String optionName) {
        for (OptionSpec o : options) {
            if (o.name().equals(optionName)) {
                return o;
            }
        }
        return null;
    }

    /** @return what every usage error ends with: where to read how the command is used */
    String helpHint() {
        return " (see '" + name + " --help')";
    }
}
