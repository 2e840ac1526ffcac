package io.github.strophejna.jna;

import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_DISABLE_TLS;
import static io.github.strophejna.jna.StropheConstants.XMPP_CONN_FLAG_MANDATORY_TLS;

import io.github.strophejna.testing.ProsodyServer;
import io.github.strophejna.testing.TestAccount;
import io.github.strophejna.testing.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes src/test/resources/libstrophe-log/VERSION.tsv: the lines the loaded libstrophe logs in real runs
 * against a throwaway Prosody, one scenario each (log in, wrong password, refused port, no STARTTLS,
 * malformed XML, untrusted certificate, Stream Management resumed and failed). The client reads some
 * outcomes only from this log, so its parser is tested against these lines. Raw binding only, so the
 * capture does not depend on the client it tests.
 *
 * <p>{@code LogLineCapture LABEL OUT.tsv [SCENARIO,...]}; the library comes from -Dstrophe.library.path as
 * everywhere (scripts/capture-libstrophe-log.sh runs it for every version).
 */
public final class LogLineCapture {

    private static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR"};
    private static final String RESOURCE = "capture";
    /** Prosody's STARTTLS offer, removed on the way for no-starttls (plaintext.test still offers it). */
    private static final Pattern STARTTLS_OFFER = Pattern.compile("<starttls\\b[^>]*?(?:/>|>.*?</starttls>)", Pattern.DOTALL);

    /** One scenario's steps on a fresh context. */
    private interface Scenario {
        void run(CaptureSession s) throws Exception;
    }

    private final ProsodyServer server;
    private final LogLineFilter filter = new LogLineFilter();
    /** 0.12.0 added Stream Management. */
    private final boolean streamManagement = LibStrophe.hasFunction("xmpp_conn_get_sm_state");
    /** 0.13.x crash on the pass after a failed TLS start unless the connection is released first (see client.LibraryFeatures). */
    private final boolean releaseAfterFailedTls;
    /**
     * 0.11.0's xmpp_ctx_new never sets the context's verbosity, so its verbose lines ("QUEUED: ...", queue
     * element addresses) come or not with the heap's leftovers: the capture sets 0 there, as later versions
     * start with, and shows the verbose lines once in login-ok-verbose.
     */
    private final boolean uninitialisedVerbosity;
    private final Set<String> only;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private LogLineCapture(ProsodyServer server, LibStropheVersion version, Set<String> only) {
        this.server = server;
        this.releaseAfterFailedTls = version.major() == 0 && version.minor() == 13;
        this.uninitialisedVerbosity = version.major() == 0 && version.minor() == 11;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LogLineCapture LABEL OUT.tsv [SCENARIO,...]   (scenarios: to try some; the file then holds only those)");
            System.exit(2);
        }
        LibStropheVersion version = LibStrophe.load();
        if (!version.toString().replace(' ', '-').equals(args[0])) { // a fixture must name what really ran
            System.err.println("capture: asked for " + args[0] + " but loaded " + version + " from " + LibStrophe.origin());
            System.exit(2);
        }
        Set<String> only = args.length > 2 ? Set.of(args[2].split(",")) : null;
        int failed;
        try (ProsodyServer server = ProsodyServer.start()) {
            LogLineCapture c = new LogLineCapture(server, version, only);
            c.capture("login-ok", null, c::loginOk);
            c.capture("login-ok-verbose", c.uninitialisedVerbosity ? null : "", c::loginOkVerbose);
            c.capture("wrong-password", null, c::wrongPassword);
            c.capture("refused", null, c::refused);
            c.capture("no-starttls", null, c::noStartTls);
            c.capture("malformed-xml", null, c::malformedXml);
            c.capture("tls-untrusted", null, c::tlsUntrusted);
            String noSm = c.streamManagement ? null : "this libstrophe has no Stream Management (0.12.0 added it)";
            c.capture("sm-resumed", noSm, c::smResumed);
            c.capture("sm-failed", noSm, c::smFailed); // last: it restarts the server
            failed = c.write(args[0], Path.of(args[1]));
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs a scenario on its own context and keeps its lines, or notes why there are none. */
    private void capture(String name, String skipReason, Scenario scenario) {
        if (only != null && !only.contains(name)) {
            return;
        }
        if (skipReason != null) {
            if (!skipReason.isEmpty()) { // empty: the scenario means nothing for this version
                notes.add("not captured " + name + ": " + skipReason);
            }
            return;
        }
        CaptureSession s = new CaptureSession();
        if (uninitialisedVerbosity) {
            s.verbosity(0);
        }
        Exception failure = null;
        try {
            scenario.run(s);
        } catch (Exception e) {
            failure = e;
        } finally {
            s.close(); // its last lines (releases, context end) belong to the run too
        }
        if (failure != null) {
            notes.add("FAILED " + name + ": " + failure.getMessage());
            System.err.println("capture: " + name + " failed: " + failure);
            s.lines.stream().filter(l -> filter.keep(l.msg())) // the credential filter holds here too
                    .forEach(l -> System.err.println("  " + LEVELS[l.level()] + " " + l.area() + " " + l.msg()));
            return;
        }
        int kept = 0;
        for (CaptureSession.Line l : s.lines) {
            if (filter.keep(l.msg())) {
                rows.add(name + "\t" + LEVELS[l.level()] + "\t" + l.area() + "\t" + LogLineFilter.escape(filter.normalize(l.msg())));
                kept++;
            }
        }
        notes.add(name + ": " + kept + " lines, " + (s.lines.size() - kept) + " dropped by the credential filter");
        System.out.println("capture: " + name + ": " + kept + " lines kept of " + s.lines.size());
    }

    /** @return how many scenarios failed */
    private int write(String label, Path out) throws Exception {
        List<String> text = new ArrayList<>();
        text.add("# libstrophe " + label + " (" + LibStrophe.describe() + ", " + LibStrophe.file() + "): its log handler's lines,"
                + " captured " + LocalDate.now(ZoneOffset.UTC) + " by io.github.strophejna.jna.LogLineCapture"
                + " (scripts/capture-libstrophe-log.sh) against a local Prosody, one fresh context per scenario");
        text.add("# columns: scenario, level, area, message (\\\\ \\t \\n \\r and \\u00XX escaped); dropped: lines with a"
                + " password, its base64, or a SASL auth/challenge/response/success; emptied: id and previd values;"
                + " account names without their random suffix");
        if (uninitialisedVerbosity) {
            text.add("# 0.11.0 leaves the context's verbosity uninitialised (xmpp_ctx_new never sets it), so its verbose"
                    + " lines (QUEUED: <element>, queue element addresses) come or not with the heap's leftovers: every"
                    + " scenario here sets verbosity 0, as later versions start with, but login-ok-verbose, which sets 2");
        }
        notes.forEach(n -> text.add("# " + n));
        text.addAll(rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, text, StandardCharsets.UTF_8);
        System.out.println("capture: wrote " + rows.size() + " lines to " + out);
        return (int) notes.stream().filter(n -> n.startsWith("FAILED")).count();
    }

    private TestAccount account(String name, String domain) {
        TestAccount a = server.createAccount(name, domain);
        filter.secret(a.password());
        filter.localpart(a.localpart(), name);
        return a;
    }

    private static void require(CaptureSession s, String text) {
        if (!s.logged(text)) {
            throw new IllegalStateException("libstrophe never logged \"" + text + "\"");
        }
    }

    // ------------------------------------------------------------------ scenarios

    /** STARTTLS, SCRAM, bind, SM enabled (0.12+), a message to ourselves and back, a clean disconnect. */
    private void loginOk(CaptureSession s) {
        TestAccount a = account("alice", ProsodyServer.DOMAIN);
        CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        c.connect(server.host(), server.c2sPort());
        s.runUntil(c::connected, "the login", 20);
        c.presence();
        c.messageSelf("capture-1", "hello");
        s.runUntil(() -> s.logged("RECV: <message"), "the message back", 10);
        s.runFor(300); // the acknowledgements settle
        c.disconnect();
        s.runUntil(c::ended, "the disconnect", 10);
        if (streamManagement) {
            require(s, "RECV: <enabled");
        }
    }

    /** login-ok with the verbose lines that 0.11.0 logs when its uninitialised verbosity happens to be 2 or more. */
    private void loginOkVerbose(CaptureSession s) {
        s.verbosity(2);
        loginOk(s);
    }

    private void wrongPassword(CaptureSession s) {
        TestAccount a = account("bob", ProsodyServer.DOMAIN);
        String wrong = a.password() + "-wrong";
        filter.secret(wrong);
        CaptureSession.Conn c = s.conn(a.jid(RESOURCE), wrong, server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        c.connect(server.host(), server.c2sPort());
        s.runUntil(c::ended, "the refused login to end", 20);
        require(s, "RECV: <failure");
    }

    private void refused(CaptureSession s) throws Exception {
        CaptureSession.Conn c = s.conn("nobody@" + ProsodyServer.DOMAIN + "/" + RESOURCE, "unused", server.caFile(),
                XMPP_CONN_FLAG_MANDATORY_TLS);
        c.connect(server.host(), ProsodyServer.freePort());
        s.runUntil(c::ended, "the refused connection to end", 20);
        require(s, "connection failed");
    }

    /** TLS required, and a proxy removes STARTTLS from the features of the host that allows plaintext. */
    private void noStartTls(CaptureSession s) throws Exception {
        TestAccount a = account("carol", ProsodyServer.PLAINTEXT_DOMAIN);
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort())) {
            proxy.rewriteToClients(t -> STARTTLS_OFFER.matcher(t).replaceAll(""));
            CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
            c.connect(server.host(), proxy.port());
            s.runUntil(c::ended, "the connection to end", 20);
        }
        require(s, "TLS is not supported");
    }

    /** A plaintext session (so a proxy can write into it) gets an element that never closes. */
    private void malformedXml(CaptureSession s) throws Exception {
        TestAccount a = account("dave", ProsodyServer.PLAINTEXT_DOMAIN);
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort())) {
            CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), null, XMPP_CONN_FLAG_DISABLE_TLS);
            c.connect(server.host(), proxy.port());
            s.runUntil(c::connected, "the login", 20);
            s.runFor(300); // a quiet stream: the injection lands between two of the server's writes
            proxy.injectToClients("<message><unclosed></message>");
            s.runUntil(() -> s.logged("parse error"), "the parse error", 10);
            endOrDisconnect(s, c);
        }
    }

    /** The system's trust store does not know the run's certificate; the certfail handler refuses it. */
    private void tlsUntrusted(CaptureSession s) {
        TestAccount a = account("erin", ProsodyServer.DOMAIN);
        CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), null, XMPP_CONN_FLAG_MANDATORY_TLS);
        c.connect(server.host(), server.c2sPort());
        s.runUntil(() -> !c.refusedCertificates.isEmpty() || c.ended(), "the certificate refusal", 20);
        if (releaseAfterFailedTls) {
            c.release(); // as a raw user must on 0.13.x: the next pass would write through the freed TLS session
            notes.add("tls-untrusted: the capture released the connection right after the refusal (0.13.x would crash"
                    + " on its next pass), so the run ends there");
        }
        s.runUntil(() -> c.ended() || releaseAfterFailedTls, "the refused connection to end", 10);
        require(s, "Couldn't start TLS!");
    }

    /** An SM session through a proxy that cuts it; a fresh connection resumes with the old one's state. */
    private void smResumed(CaptureSession s) throws Exception {
        TestAccount a = account("frank", ProsodyServer.DOMAIN);
        try (TcpProxy proxy = new TcpProxy(server.host(), server.c2sPort())) {
            CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
            c.connect(server.host(), proxy.port());
            s.runUntil(c::connected, "the login", 20);
            c.presence();
            c.messageSelf("capture-1", "before the cut");
            s.runUntil(() -> s.logged("RECV: <message"), "the message back", 10);
            s.runFor(300);
            proxy.cutAll();
            s.runUntil(c::ended, "the cut to be noticed", 20);
            CaptureSession.Conn next = successor(s, c, a);
            next.connect(server.host(), proxy.port());
            s.runUntil(next::connected, "the resumed session", 20);
            next.messageSelf("capture-2", "after the resume");
            s.runUntil(() -> s.lines.stream().filter(l -> l.msg() != null && l.msg().startsWith("RECV: <message")).count() >= 2,
                    "the second message back", 10);
            next.disconnect();
            s.runUntil(next::ended, "the disconnect", 10);
        }
        require(s, "RECV: <resumed");
    }

    /** An SM session whose server is killed and restarted: it no longer knows the session. */
    private void smFailed(CaptureSession s) throws Exception {
        TestAccount a = account("grace", ProsodyServer.DOMAIN);
        CaptureSession.Conn c = s.conn(a.jid(RESOURCE), a.password(), server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        c.connect(server.host(), server.c2sPort());
        s.runUntil(c::connected, "the login", 20);
        c.presence();
        s.runFor(300);
        server.kill();
        s.runUntil(c::ended, "the server's end to be noticed", 20);
        server.restart();
        CaptureSession.Conn next = successor(s, c, a);
        next.connect(server.host(), server.c2sPort());
        s.runUntil(next::connected, "the new session", 20);
        next.disconnect();
        s.runUntil(next::ended, "the disconnect", 10);
        require(s, "RECV: <failed");
    }

    /** A fresh connection carrying the ended one's Stream Management state, as the client does it. */
    private CaptureSession.Conn successor(CaptureSession s, CaptureSession.Conn ended, TestAccount a) {
        XmppSmState state = ended.takeSmState();
        if (state == null || state.getPointer() == null) {
            throw new IllegalStateException("xmpp_conn_get_sm_state gave nothing");
        }
        CaptureSession.Conn next = s.conn(a.jid(RESOURCE), a.password(), server.caFile(), XMPP_CONN_FLAG_MANDATORY_TLS);
        if (StropheNewer.xmpp_conn_set_sm_state(next.conn, state) != StropheConstants.XMPP_EOK) {
            StropheNewer.xmpp_free_sm_state(state);
            throw new IllegalStateException("xmpp_conn_set_sm_state refused the state");
        }
        ended.release();
        return next;
    }

    /** Waits for the stream to end after an error; if libstrophe keeps it open, disconnects (noted). */
    private void endOrDisconnect(CaptureSession s, CaptureSession.Conn c) {
        try {
            s.runUntil(c::ended, "the stream to end", 10);
        } catch (IllegalStateException e) {
            notes.add("malformed-xml: the stream stayed open 10 s after the parse error; the capture disconnected it");
            c.disconnect();
            s.runUntil(c::ended, "the disconnect", 10);
        }
    }
}
