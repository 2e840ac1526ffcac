import io.github.strophejna.client.TlsPolicy;
import io.github.strophejna.client.XmppClient;
import io.github.strophejna.scripting.ExitStatus;
import io.github.strophejna.stanza.Jid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line every example takes: the connection options as the {@code strophe} tool takes them
 * ({@code --jid}, {@code --host}, {@code --port}, {@code --cafile}, {@code --tls}, {@code --trust-any-cert}; the
 * password from {@code XMPP_PASSWORD} or {@code --password-file FILE}), then the example's own options
 * ({@code --name value} or {@code --name=value}) and positional words.
 */
final class ExampleOptions {

    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final String usage;

    private ExampleOptions(String usage) {
        this.usage = usage;
    }

    /**
     * @param args the program's arguments
     * @param usage one line saying how to call the example, printed when the arguments are wrong
     * @param ownFlags the example's options that take no value
     * @return the parsed options; a bad command line prints the usage and exits with status 2
     */
    static ExampleOptions parse(String[] args, String usage, String... ownFlags) {
        Set<String> flags = new java.util.HashSet<>(List.of(ownFlags));
        flags.add("trust-any-cert");
        ExampleOptions o = new ExampleOptions(usage);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                o.positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                usageError(usage, "--" + name + " needs a value");
                return o;
            }
            o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        if (o.value("jid") == null) {
            usageError(usage, "--jid is needed");
        }
        return o;
    }

    /** Prints why the command line is wrong and how to call the example, then exits with status 2. */
    static void usageError(String usage, String why) {
        System.err.println(why);
        System.err.println("usage: " + usage);
        System.exit(ExitStatus.USAGE);
    }

    /** @return the option's last value, or null */
    String value(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** @return the option's value, or the default */
    String value(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    /** @return every value the option was given, in order (an option may repeat) */
    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** @return whether the flag was given */
    boolean flag(String name) {
        return Boolean.parseBoolean(value(name));
    }

    /** @return the option as a duration: {@code 500ms}, {@code 5s}, {@code 2m}, or plain seconds */
    Duration duration(String name, Duration fallback) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000));
        } catch (NumberFormatException e) {
            usageError(usage, "--" + name + " must be a duration such as 500ms, 5s or 2m, not '" + v + "'");
            return fallback;
        }
    }

    /** @return the option as a number, or the default */
    int number(String name, int fallback) {
        String v = value(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            usageError(usage, "--" + name + " must be a number, not '" + v + "'");
            return fallback;
        }
    }

    /** @return the text as a JID; a bad one ends the program with status 2 */
    Jid jid(String text) {
        try {
            return Jid.parse(text);
        } catch (IllegalArgumentException e) {
            usageError(usage, e.getMessage());
            return null;
        }
    }

    /** @return the words that are not options */
    List<String> positional() {
        return positional;
    }

    /** @return the secret: the file's first line when --password-file is given, else XMPP_PASSWORD */
    char[] password() {
        String file = value("password-file");
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
            } catch (IOException e) {
                usageError(usage, "cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        String env = System.getenv("XMPP_PASSWORD");
        if (env == null) {
            usageError(usage, "no password: set XMPP_PASSWORD or give --password-file FILE");
        }
        return env.toCharArray();
    }

    /**
     * @return a client builder with the connection options applied (not built: an example adds its own); a bad
     *         JID or option value ends the program with status 2
     */
    XmppClient.Builder client() {
        try {
            XmppClient.Builder b = XmppClient.builder().jid(value("jid")).password(password());
            if (value("host") != null) {
                b.host(value("host"));
            }
            if (value("port") != null) {
                b.port(number("port", 0));
            }
            if (value("cafile") != null) {
                b.caFile(Path.of(value("cafile")));
            }
            if (value("tls") != null) {
                try {
                    b.tls(TlsPolicy.valueOf(value("tls").toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    usageError(usage, "--tls must be required, optional, disabled or direct, not '" + value("tls") + "'");
                }
            }
            return b.trustAnyCertificate(flag("trust-any-cert"));
        } catch (IllegalArgumentException e) { // InvalidJidException is one too
            usageError(usage, e.getMessage());
            return null;
        }
    }

    /**
     * Ends the program for a failure: one line naming it on stderr, and the status a script can test
     * ({@link ExitStatus}: 3 wrong password, 4 no connection, ...).
     */
    static void exit(Throwable failure) {
        Throwable cause = ExitStatus.unwrap(failure);
        System.err.println(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        System.exit(ExitStatus.of(cause));
    }
}
