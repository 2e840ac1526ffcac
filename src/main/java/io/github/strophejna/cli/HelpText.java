package io.github.strophejna.cli;

/**
 * The {@code --help} text: a usage line, the description, one row per positional parameter and option
 * (in the order declared), and the exit-status footer; wrapped at 80 columns.
 *
 * <p>Built with StringBuilder and {@code String.concat}, never {@code +} on strings: since Java 9 each
 * {@code +} site is bootstrapped through invokedynamic on first use, which generates classes at run time
 * (about ten for this text), a visible share of a {@code --help} that otherwise loads a handful.
 */
final class HelpText {

    private static final int WIDTH = 80;
    /** Where option descriptions start: after {@code "  -h, --help"}-style names and a gap. */
    private static final int DESCRIPTION_COLUMN = 29;
    /** Where long option names start: after room for a short one ({@code -h, }). */
    private static final String OPTION_INDENT = "      ";
    private static final String HELP_ROW = "  -h, --help";
    private static final String HELP_TEXT = "Show this help message and exit.";
    private static final String VERSION_ROW = "  -V, --version";
    private static final String VERSION_TEXT = "Print version information and exit.";

    private HelpText() {
    }

    /** @return the help of one command, e.g. {@code strophe send --help} */
    static String of(CommandSpec spec) {
        StringBuilder usage = new StringBuilder("Usage: ").append(spec.name()).append(" [OPTIONS]");
        for (OptionSpec o : spec.options()) {
            if (o.isRequired()) {
                usage.append(' ').append(o.synopsis()).append(o.isRepeatable() ? "..." : "");
            }
        }
        for (OptionSpec p : spec.positionals()) {
            usage.append(' ').append(shown(p));
        }
        StringBuilder out = new StringBuilder();
        wrap(out, usage.toString(), 0, spec.name().length() + 8);
        wrap(out, spec.description(), 0, 0);
        for (OptionSpec p : spec.positionals()) {
            row(out, OPTION_INDENT.concat(shown(p)), p.description(), DESCRIPTION_COLUMN);
        }
        for (OptionSpec o : spec.options()) {
            row(out, OPTION_INDENT.concat(o.synopsis()), o.description(), DESCRIPTION_COLUMN);
        }
        row(out, HELP_ROW, HELP_TEXT, DESCRIPTION_COLUMN);
        row(out, VERSION_ROW, VERSION_TEXT, DESCRIPTION_COLUMN);
        footer(out);
        return out.toString();
    }

    /** @return a positional parameter as the usage line shows it: {@code ROOM}, or {@code [MESSAGE]} when optional */
    private static String shown(OptionSpec p) {
        return p.isRequired() ? p.name() : "[".concat(p.name()).concat("]");
    }

    /**
     * @param names the commands, in the order listed
     * @param summaries what each does, one sentence or two
     * @return the tool's own help, {@code strophe --help}
     */
    static String overview(String tool, String description, String[] names, String[] summaries) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(tool).append(" [-hV] COMMAND [OPTIONS] [ARGUMENTS]\n");
        wrap(out, description, 0, 0);
        int column = 18;
        row(out, HELP_ROW, HELP_TEXT, column);
        row(out, VERSION_ROW, VERSION_TEXT, column);
        out.append("Commands:\n");
        int width = 0;
        for (String n : names) {
            width = Math.max(width, n.length());
        }
        for (int i = 0; i < names.length; i++) {
            row(out, "  ".concat(names[i]), summaries[i], width + 4);
        }
        out.append('\n');
        out.append("Each command's options: ").append(tool).append(" COMMAND --help.\n");
        footer(out);
        return out.toString();
    }

    private static void footer(StringBuilder out) {
        out.append('\n');
        wrap(out, ExitCodes.HELP, 0, 0);
    }

    /** Writes {@code left}, then {@code text} from {@code column} on (on the next line when left reaches it). */
    private static void row(StringBuilder out, String left, String text, int column) {
        out.append(left);
        int at = left.length();
        if (at >= column - 1) {
            out.append('\n');
            at = 0;
        }
        pad(out, at, column);
        wrap(out, text, column, column);
    }

    /**
     * Writes {@code text} word by word from column {@code at} (where the line already is), breaking lines
     * before {@link #WIDTH} and at each {@code \n}, and starting each new line at column {@code indent}.
     * Runs of spaces are kept (the console's description lines up its commands with them).
     */
    private static void wrap(StringBuilder out, String text, int at, int indent) {
        String[] lines = text.split("\n");
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append('\n');
                at = pad(out, 0, indent);
            }
            boolean lineEmpty = true;
            for (String word : lines[l].split(" ", -1)) {
                if (!lineEmpty && at + 1 + word.length() > WIDTH) {
                    out.append('\n');
                    at = pad(out, 0, indent);
                    lineEmpty = true;
                }
                if (!lineEmpty) {
                    out.append(' ');
                    at++;
                }
                out.append(word);
                at += word.length();
                lineEmpty = false;
            }
        }
        out.append('\n');
    }

    /** @return the column reached: {@code to} */
    private static int pad(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(' ');
        }
        return to;
    }
}
