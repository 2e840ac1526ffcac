package io.github.strophejna.cli;

/**
 * One option ({@code --to=JID}) or positional parameter ({@code MESSAGE}) a command declares: its name, the
 * label of its value, its description and how it may be given. Made by {@link CommandSpec}; the setters
 * return this option so a declaration reads as one line.
 */
final class OptionSpec {

    /** What the value must look like; checked while parsing, so a bad value is a usage error before anything runs. */
    enum Type {
        /** No value ({@code --json}), or {@code true} or {@code false} after {@code =} or in a config file. */
        FLAG,
        TEXT,
        INTEGER,
        DECIMAL
    }

    /** Where a description shows the default value, so the text cannot drift from the declared default. */
    static final String DEFAULT_PLACEHOLDER = "{default}";

    private final String name;
    private final String label;
    private final String description;
    private final boolean positional;
    private Type type;
    private String defaultValue;
    private boolean required;
    private boolean repeatable;
    private boolean configFile;

    OptionSpec(String name, String label, String description, Type type, boolean positional) {
        this.name = name;
        this.label = label;
        this.description = description;
        this.type = type;
        this.positional = positional;
        this.required = positional; // a positional parameter is required unless declared optional()
    }

    /** The value must be an integer ({@code int}). */
    OptionSpec integer() {
        type = Type.INTEGER;
        return this;
    }

    /** The value must be a decimal number ({@code double}). */
    OptionSpec decimal() {
        type = Type.DECIMAL;
        return this;
    }

    /** The value when neither the command line nor the config file gives one. */
    OptionSpec defaultValue(String value) {
        defaultValue = value;
        return this;
    }

    /** Missing from both the command line and the config file is a usage error. */
    OptionSpec required() {
        required = true;
        return this;
    }

    /** For a positional parameter: it may be left out (only the last ones may be). */
    OptionSpec optional() {
        required = false;
        return this;
    }

    /** It may be given several times; the values keep their order. */
    OptionSpec repeatable() {
        repeatable = true;
        return this;
    }

    /** Its value names a properties file that supplies the other options' defaults. */
    OptionSpec configFile() {
        configFile = true;
        return this;
    }

    /** @return {@code --to} for an option, the label ({@code MESSAGE}) for a positional parameter */
    String name() {
        return name;
    }

    String label() {
        return label;
    }

    /** @return the description, with the default value in place of {@link #DEFAULT_PLACEHOLDER} */
    String description() {
        return defaultValue == null ? description : description.replace(DEFAULT_PLACEHOLDER, defaultValue);
    }

    boolean isPositional() {
        return positional;
    }

    Type type() {
        return type;
    }

    String defaultValue() {
        return defaultValue;
    }

    boolean isRequired() {
        return required;
    }

    boolean isRepeatable() {
        return repeatable;
    }

    boolean isConfigFile() {
        return configFile;
    }

    /** @return its key in a config file: the option's name without dashes ({@code password-file}), or the label */
    String configKey() {
        return positional ? name : name.substring(2);
    }

    /** @return how it is written in a usage line: {@code --to=JID}, {@code --json}, {@code MESSAGE} */
    String synopsis() {
        if (positional || type == Type.FLAG) {
            return name;
        }
        return name.concat("=").concat(label); // concat(), not +: see HelpText
    }
}
