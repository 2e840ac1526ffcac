package io.github.strophejna.cli;

import io.github.strophejna.client.LogLevel;
import io.github.strophejna.client.TlsPolicy;
import io.github.strophejna.client.XmppClient;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The options every subcommand shares; a {@code --config} file may hold the same keys. */
final class ConnectionOptions {

    private final String jid;
    private final Path passwordFile;
    private final String passwordEnv;
    private final String host;
    private final int port;
    private final String tls;
    private final boolean trustAnyCert;
    private final Path cafile;
    private final int timeout;
    private final boolean verbose;
    private final String logLevel;

    /** Adds these options to a command's declaration, after the command's own. */
    static void declare(CommandSpec spec) {
        spec.option("--jid", "JID", "the account, e.g. alice@example.org/cli (required)");
        spec.option("--password-file", "FILE", "read the password from the file's first line");
        spec.option("--password-env", "VAR", "read the password from this environment variable");
        spec.option("--host", "HOST", "server address (default: DNS for the JID's domain)");
        spec.option("--port", "PORT", "server port (default: 5222, or as DNS says)").integer();
        spec.option("--tls", "MODE", "required (default), optional, disabled or direct").defaultValue("required");
        spec.flag("--trust-any-cert", "accept any server certificate (tests only)");
        spec.option("--cafile", "FILE", "extra trusted CA certificates (PEM)");
        spec.option("--timeout", "SECONDS", "bound of the whole command (default {default})").integer()
                .defaultValue("30");
        spec.flag("--verbose", "show the raw traffic on stderr (credentials redacted) and stack traces");
        spec.option("--log-level", "LEVEL", "libstrophe's own log on stderr: debug, info, warn, error, off (default;"
                + " failures are reported in one line anyway)").defaultValue("off");
        spec.option("--config", "FILE", "a properties file with these options' keys (jid, host, ...);"
                + " command-line options win").configFile();
    }

    ConnectionOptions(ParsedArgs args) {
        jid = args.string("--jid");
        passwordFile = args.path("--password-file");
        passwordEnv = args.string("--password-env");
        host = args.string("--host");
        port = args.has("--port") ? args.integer("--port") : 0; // 0: libstrophe's default (5222, or DNS SRV)
        tls = args.string("--tls");
        trustAnyCert = args.flag("--trust-any-cert");
        cafile = args.path("--cafile");
        timeout = args.integer("--timeout");
        verbose = args.flag("--verbose");
        logLevel = args.string("--log-level");
    }

    Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    XmppClient.Builder builder() {
        if (jid == null) {
            throw new ExitCodes.UsageException("--jid is required (on the command line or in the --config file)");
        }
        XmppClient.Builder b = XmppClient.builder().jid(jid).password(password()).host(host).port(port)
                .tls(tlsPolicy()).trustAnyCertificate(trustAnyCert).caFile(cafile)
                // the command's own deadline comes first, so running out of time is exit 5, not a connection failure
                .connectTimeout(timeout().plusSeconds(5)).libstropheLogLevel(verbose ? LogLevel.DEBUG : logLevel());
        return b;
    }

    private TlsPolicy tlsPolicy() {
        try {
            return TlsPolicy.valueOf(tls.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--tls must be required, optional, disabled or direct, not '" + tls + "'");
        }
    }

    private LogLevel logLevel() {
        try {
            return LogLevel.valueOf(logLevel.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--log-level must be debug, info, warn, error or off, not '" + logLevel + "'");
        }
    }

    /** The password, from (in order) --password-file, --password-env, XMPP_PASSWORD, or a prompt on a terminal. */
    private char[] password() {
        try {
            if (passwordFile != null) {
                String line = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                return line.toCharArray();
            }
        } catch (IOException e) {
            throw new ExitCodes.UsageException("cannot read the password file " + passwordFile + ": " + e.getMessage());
        }
        String env = passwordEnv != null ? System.getenv(passwordEnv) : System.getenv("XMPP_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        if (passwordEnv != null) {
            throw new ExitCodes.UsageException("the environment variable " + passwordEnv + " is not set");
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", jid);
            if (typed != null) {
                return typed;
            }
        }
        throw new ExitCodes.UsageException("no password: use --password-file FILE, --password-env VAR or XMPP_PASSWORD"
                + " (never the command line), or run on a terminal to be asked");
    }
}
