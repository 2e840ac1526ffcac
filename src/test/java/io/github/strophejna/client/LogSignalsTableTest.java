package io.github.strophejna.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every supported libstrophe version's real log lines (src/test/resources/libstrophe-log/, captured per scenario
 * against Prosody by scripts/capture-libstrophe-log.sh) read by {@link LogSignals}: each scenario must give
 * exactly the signals that describe it, and no other.
 */
class LogSignalsTableTest {

    private enum Seen { AUTHENTICATION, CONNECT, MALFORMED_XML, STARTTLS_MISSING, TLS_START_FAILED, SM_ENABLED, SM_RESUMED, SM_FAILED }

    private record Line(String scenario, String level, String area, String message) {}

    @ParameterizedTest
    @ValueSource(strings = {"0.11.0", "0.12.2", "0.13.0", "0.13.1", "0.14.0", "master-b9eead3"})
    void everyScenarioGivesItsSignalsAndNoOther(String version) throws IOException {
        Map<String, List<Line>> scenarios = read(version);
        boolean sm = !version.equals("0.11.0");
        expect(version, scenarios, "login-ok", sm ? EnumSet.of(Seen.SM_ENABLED) : EnumSet.noneOf(Seen.class));
        expect(version, scenarios, "wrong-password", EnumSet.of(Seen.AUTHENTICATION));
        expect(version, scenarios, "refused", EnumSet.of(Seen.CONNECT));
        expect(version, scenarios, "no-starttls", EnumSet.of(Seen.STARTTLS_MISSING));
        expect(version, scenarios, "tls-untrusted", EnumSet.of(Seen.TLS_START_FAILED));
        Set<Seen> malformed = read(scenarios, "malformed-xml", version).seen;
        assertTrue(malformed.contains(Seen.MALFORMED_XML), version + " malformed-xml: " + malformed);
        malformed.removeAll(EnumSet.of(Seen.MALFORMED_XML, Seen.SM_ENABLED));
        assertEquals(Set.of(), malformed, version + " malformed-xml: nothing else");
        if (sm) {
            assertTrue(read(scenarios, "sm-resumed", version).seen.contains(Seen.SM_RESUMED), version + " sm-resumed");
            assertTrue(read(scenarios, "sm-failed", version).seen.contains(Seen.SM_FAILED), version + " sm-failed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.11.0", "0.12.2", "0.13.0", "0.13.1", "0.14.0", "master-b9eead3"})
    void everyReceivedStanzaIsHandedOnAsItsTextAndTheErrnoAndConditionAreRead(String version) throws IOException {
        Map<String, List<Line>> scenarios = read(version);
        Reading login = read(scenarios, "login-ok", version);
        assertTrue(login.stanzas.stream().anyMatch(s -> s.startsWith("<iq ") && s.contains("urn:ietf:params:xml:ns:xmpp-bind")),
                version + ": the bind result's text, from " + login.stanzas);
        assertTrue(login.stanzas.stream().noneMatch(s -> s.startsWith("<stream:stream") || s.startsWith("</")),
                version + ": no stream header or end as a stanza");
        assertEquals("not-authorized", read(scenarios, "wrong-password", version).failures.get(0).detail());
        assertEquals("111", read(scenarios, "refused", version).failures.get(0).detail());
        if (version.equals("0.11.0")) {
            assertTrue(login.socket > 2, "0.11's socket from its log: " + login.socket);
        }
    }

    private static void expect(String version, Map<String, List<Line>> scenarios, String scenario, Set<Seen> expected) {
        assertEquals(expected, read(scenarios, scenario, version).seen, version + " " + scenario);
    }

    private static final class Reading {
        final Set<Seen> seen = EnumSet.noneOf(Seen.class);
        final List<LogSignals.FailureNote> failures = new ArrayList<>();
        final List<String> stanzas = new ArrayList<>();
        int socket = -1;
    }

    private static Reading read(Map<String, List<Line>> scenarios, String scenario, String version) {
        List<Line> lines = scenarios.get(scenario);
        assertNotNull(lines, version + " has no scenario " + scenario);
        LogSignals signals = new LogSignals();
        Reading r = new Reading();
        signals.receiveInto(r.stanzas::add);
        for (Line l : lines) {
            switch (l.level()) {
                case "DEBUG" -> signals.debug(LogSignalsTest.line(l.message()));
                case "ERROR" -> signals.error(LogSignalsTest.line(l.message()));
                default -> {
                    // INFO and WARN carry nothing the client reads
                }
            }
            LogSignals.FailureNote f = signals.takeFailure();
            if (f != null) {
                r.failures.add(f);
                r.seen.add(Seen.valueOf(f.kind().name()));
            }
            LogSignals.SmNote sm = signals.takeSmNote();
            if (sm != null) {
                r.seen.add(Seen.valueOf("SM_" + sm.name()));
            }
            if (signals.takeTlsStartFailure()) {
                r.seen.add(Seen.TLS_START_FAILED);
            }
            int fd = signals.takeSocket();
            if (fd >= 0) {
                r.socket = fd;
            }
        }
        assertFalse(lines.isEmpty(), version + " " + scenario + " is empty");
        return r;
    }

    private static Map<String, List<Line>> read(String version) throws IOException {
        Map<String, List<Line>> byScenario = new LinkedHashMap<>();
        try (InputStream in = LogSignalsTableTest.class.getResourceAsStream("/libstrophe-log/" + version + ".tsv")) {
            assertNotNull(in, "no fixture for " + version);
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isEmpty() || row.startsWith("#")) {
                    continue;
                }
                String[] f = row.split("\t", 4);
                byScenario.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Line(f[0], f[1], f[2], unescape(f[3])));
            }
        }
        return byScenario;
    }

    /** The fixtures escape backslash, tab, newline, return, and other controls as backslash-u and four hex digits. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
