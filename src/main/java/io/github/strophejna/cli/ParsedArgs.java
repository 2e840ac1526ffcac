package io.github.strophejna.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@link ArgumentParser} found for one command: from the command line, else the config file,
 * else the declared default. Values were checked against their {@link OptionSpec.Type} while parsing, so
 * the typed getters do not fail on what users typed; asking for a name the command did not declare is a
 * programming error and throws {@link IllegalArgumentException}.
 */
final class ParsedArgs {

    private final CommandSpec spec;
    private final Map<String, List<String>> values = new HashMap<>();
    private boolean helpRequested;
    private boolean versionRequested;

    ParsedArgs(CommandSpec spec) {
        this.spec = spec;
    }

    CommandSpec spec() {
        return spec;
    }

    /** @return whether {@code -h} or {@code --help} was given: print the help, run nothing */
    boolean helpRequested() {
        return helpRequested;
    }

    /** @return whether {@code -V} or {@code --version} was given (and not help): print the versions, run nothing */
    boolean versionRequested() {
        return versionRequested;
    }

    void requestHelp() {
        helpRequested = true;
    }

    void requestVersion() {
        versionRequested = true;
    }

    /** Adds a value after those already there (the parser refuses a second one for an option not repeatable). */
    void add(OptionSpec option, String value) {
        List<String> list = values.get(option.name());
        if (list == null) {
            list = new ArrayList<>(1);
            values.put(option.name(), list);
        }
        list.add(value);
    }

    /** @return whether the option or positional parameter has a value (given, from the config file, or default) */
    boolean has(String name) {
        return values.containsKey(declared(name).name());
    }

    /** @return the value, or null when there is none */
    String string(String name) {
        List<String> list = values.get(declared(name).name());
        return list == null ? null : list.get(0);
    }

    /** @return every value in the order given; empty when there is none */
    List<String> list(String name) {
        List<String> list = values.get(declared(name).name());
        return list == null ? Collections.emptyList() : Collections.unmodifiableList(list);
    }

    /** @return whether the flag is on */
    boolean flag(String name) {
        return "true".equals(string(name));
    }

    /** @return the value of an {@link OptionSpec#integer()} option; it must have one (given or default) */
    int integer(String name) {
        return Integer.parseInt(present(name));
    }

    /** @return the value of a {@link OptionSpec#decimal()} option; it must have one (given or default) */
    double decimal(String name) {
        return Double.parseDouble(present(name));
    }

    /** @return the value as a path, or null when there is none */
    Path path(String name) {
        String v = string(name);
        return v == null ? null : Path.of(v);
    }

    private String present(String name) {
        String v = string(name);
        if (v == null) {
            throw new IllegalStateException(name + " has no value and no default");
        }
        return v;
    }

    private OptionSpec declared(String name) {
        OptionSpec o = spec.find(name);
        if (o == null) {
            throw new IllegalArgumentException(spec.name() + " declares no " + name);
        }
        return o;
    }
}
