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
import picocli.CommandLine.Option;

/** The options every subcommand shares (a picocli mixin); a {@code --config} file may hold the same keys. */
final class ConnectionOptions {

    @Option(names = "--jid", description = "the account, e.g. alice@example.org/cli (required)")
    String jid;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from the file's first line")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "read the password from this environment variable")
    String passwordEnv;

    @Option(names = "--host", description = "server address (default: DNS for the JID's domain)")
    String host;

    @Option(names = "--port", description = "server port (default: 5222, or as DNS says)")
    int port;

    @Option(names = "--tls", description = "required (default), optional, disabled or direct", defaultValue = "required")
    String tls;

    @Option(names = "--trust-any-cert", description = "accept any server certificate (tests only)")
    boolean trustAnyCert;

    @Option(names = "--cafile", paramLabel = "FILE", description = "extra trusted CA certificates (PEM)")
    Path cafile;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "bound of the whole command (default ${DEFAULT-VALUE})",
            defaultValue = "30")
    int timeout;

    @Option(names = "--verbose", description = "show the raw traffic on stderr (credentials redacted) and stack traces")
    boolean verbose;

    @Option(names = "--log-level", description = "libstrophe's own log on stderr: debug, info, warn, error, off (default;"
            + " failures are reported in one line anyway)", defaultValue = "off")
    String logLevel;

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file with these options' keys (jid, host, ...);"
            + " command-line options win")
    Path config;

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
