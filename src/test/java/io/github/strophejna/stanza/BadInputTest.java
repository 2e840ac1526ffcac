package io.github.strophejna.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for the pure-Java side: {@link Jid#parse}, {@link Stanza#parse} and the stanza builders each
 * get {@link BadInputs#count()} seeded inputs. Every input is either rejected with the documented typed
 * exception (with a message) or accepted, and then survives its own serialisation unchanged.
 */
class BadInputTest {

    /** What a run found: the first failures, with the input that caused each. */
    static final class Findings {
        final String target;
        final List<String> failures = new ArrayList<>();
        int accepted;
        int rejected;

        Findings(String target) {
            this.target = target;
        }

        void miss(int i, String input, String why) {
            if (failures.size() < 10) {
                failures.add("#" + i + " " + why + " on input: " + BadInputs.show(input));
            }
        }

        void check(long startNanos) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            System.out.printf("bad input: %s: %d inputs (seed %d): %d accepted and round-tripped, %d rejected typed, %d ms%n",
                    target, accepted + rejected, BadInputs.seed(), accepted, rejected, ms);
            if (!failures.isEmpty()) {
                fail(target + " mishandled inputs (seed " + BadInputs.seed() + "):\n" + String.join("\n", failures));
            }
        }
    }

    /** An exception is a clean rejection when it is of the expected type and says something. */
    static String badRejection(Throwable t, Class<? extends RuntimeException> expected) {
        if (!expected.isInstance(t)) {
            return "threw " + t;
        }
        if (t.getMessage() == null || t.getMessage().isBlank()) {
            return "threw " + t.getClass().getSimpleName() + " without a message";
        }
        return null;
    }

    @Test
    void jidParseRejectsTypedOrRoundTrips() {
        Findings f = new Findings("Jid.parse");
        SplittableRandom r = new SplittableRandom(BadInputs.seed());
        long t0 = System.nanoTime();
        for (int i = 0; i < BadInputs.count(); i++) {
            String in = BadInputs.jid(r);
            Jid j;
            try {
                j = Jid.parse(in);
            } catch (Throwable t) {
                String bad = badRejection(t, InvalidJidException.class);
                if (bad != null) {
                    f.miss(i, in, bad);
                }
                f.rejected++;
                continue;
            }
            f.accepted++;
            try {
                Jid back = Jid.parse(j.toString());
                Jid rebuilt = Jid.of(j.local(), j.domain(), j.resource());
                if (!back.equals(j) || !rebuilt.equals(j) || back.hashCode() != j.hashCode()) {
                    f.miss(i, in, "does not round-trip: " + BadInputs.show(back.toString()));
                }
                Jid cased = Jid.of(j.local(), j.domain().toUpperCase(java.util.Locale.ROOT), j.resource());
                if (cased.equals(j) && cased.hashCode() != j.hashCode()) {
                    f.miss(i, in, "equal to its upper-case domain form but hashed differently");
                }
            } catch (Throwable t) {
                f.miss(i, in, "its own toString() is rejected: " + t);
            }
        }
        f.check(t0);
    }

    @Test
    void jidEqualityAgreesWithItsHash() {
        Jid dotless = Jid.parse("a@\u0131.example");
        Jid upper = Jid.parse("a@I.example");
        assertEquals(dotless.equals(upper), dotless.hashCode() == upper.hashCode());
    }

    @Test
    void stanzaParseRejectsTypedOrRoundTrips() {
        Findings f = new Findings("Stanza.parse");
        SplittableRandom r = new SplittableRandom(BadInputs.seed());
        long t0 = System.nanoTime();
        for (int i = 0; i < BadInputs.count(); i++) {
            String in = BadInputs.xml(r);
            parseOne(f, i, in, Stanza::parse);
        }
        f.check(t0);
    }

    static void parseOne(Findings f, int i, String in, Function<String, Stanza> parser) {
        Stanza s;
        try {
            s = parser.apply(in);
        } catch (Throwable t) {
            String bad = badRejection(t, StanzaParseException.class);
            if (bad != null) {
                f.miss(i, in, bad);
            }
            f.rejected++;
            return;
        }
        f.accepted++;
        try {
            Stanza back = Stanza.parse(s.toXml());
            if (!back.equals(s)) {
                f.miss(i, in, "does not round-trip: " + BadInputs.show(s.toXml()) + " became " + BadInputs.show(back.toXml()));
            }
        } catch (Throwable t) {
            f.miss(i, in, "its own toXml() is rejected: " + t + " xml: " + BadInputs.show(s.toXml()));
        }
    }

    @Test
    void buildersRejectTypedOrRoundTrip() {
        Findings f = new Findings("stanza builders");
        SplittableRandom r = new SplittableRandom(BadInputs.seed());
        long t0 = System.nanoTime();
        for (int i = 0; i < BadInputs.count(); i++) {
            StringBuilder recipe = new StringBuilder();
            Stanza built;
            try {
                built = build(r, recipe);
            } catch (Throwable t) {
                String bad = t instanceof NullPointerException ? null : badRejection(t, IllegalArgumentException.class);
                if (bad != null) {
                    f.miss(i, recipe.toString(), bad);
                }
                f.rejected++;
                continue;
            }
            f.accepted++;
            try {
                Stanza back = Stanza.parse(built.toXml());
                if (!back.equals(built)) {
                    f.miss(i, recipe.toString(), "does not round-trip: " + BadInputs.show(built.toXml()));
                }
            } catch (Throwable t) {
                f.miss(i, recipe.toString(), "its own toXml() is rejected: " + t);
            }
        }
        f.check(t0);
    }

    /** One random build through one of the builders; the recipe records the calls for the failure message. */
    private static Stanza build(SplittableRandom r, StringBuilder recipe) {
        switch (r.nextInt(4)) {
            case 0 -> {
                Message.Builder b = Message.builder();
                String to = pick(r, BadInputs.jid(r));
                String body = BadInputs.text(r, 40);
                String lang = BadInputs.text(r, 4);
                recipe.append("message to=").append(to).append(" body=").append(body).append(" lang=").append(lang);
                return b.to(to).body(body).lang(lang).subject(BadInputs.text(r, 5)).build().stanza();
            }
            case 1 -> {
                String status = BadInputs.text(r, 40);
                int priority = r.nextInt(-200, 200);
                recipe.append("presence status=").append(status).append(" priority=").append(priority);
                return Presence.builder().status(status).priority(priority).build().stanza();
            }
            case 2 -> {
                Stanza payload = element(r, recipe, 0);
                recipe.append(" in an iq");
                return Iq.builder(Iq.Type.SET).payload(payload).id(BadInputs.text(r, 8)).build().stanza();
            }
            default -> {
                return element(r, recipe, 0);
            }
        }
    }

    private static Stanza element(SplittableRandom r, StringBuilder recipe, int depth) {
        String name = pick(r, BadInputs.text(r, 6));
        recipe.append(" <").append(name);
        Stanza.Builder b = Stanza.builder(name);
        if (r.nextInt(3) == 0) {
            String ns = BadInputs.text(r, 10);
            recipe.append(" ns=").append(ns);
            b.namespace(ns);
        }
        for (int a = r.nextInt(3); a > 0; a--) {
            String an = pick(r, BadInputs.text(r, 6));
            String av = BadInputs.text(r, 12);
            recipe.append(" ").append(an).append("=").append(av);
            b.attribute(an, av);
        }
        for (int c = depth < 3 ? r.nextInt(3) : 0; c > 0; c--) {
            if (r.nextBoolean()) {
                String t = BadInputs.text(r, 12);
                recipe.append(" text=").append(t);
                b.text(t);
            } else {
                b.child(element(r, recipe, depth + 1));
            }
        }
        recipe.append(">");
        return b.build();
    }

    /** Half the time a plain valid token instead, so that many builds get through and are checked. */
    private static String pick(SplittableRandom r, String hostile) {
        return r.nextBoolean() ? hostile : "x" + (char) ('a' + r.nextInt(26));
    }

    // ---------------------------------------------------------------- the named attacks, one by one

    @Test
    void hundredThousandLevelsAreADepthErrorNotAStackOverflow() {
        for (boolean closed : new boolean[] {true, false}) {
            String deep = BadInputs.nested(null, 100_000, closed);
            StanzaParseException e = assertThrows(StanzaParseException.class, () -> Stanza.parse(deep));
            assertTrue(e.getMessage().contains("depth limit"), e.getMessage());
        }
        // the builders stop at the same limit, so no element exists that toXml() or equals() cannot walk
        Stanza s = Stanza.builder("leaf").build();
        int levels = 1;
        try {
            for (; levels < 100_000; levels++) {
                s = Stanza.builder("e").child(s).build();
            }
            fail("built 100,000 levels");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("depth limit"), e.getMessage());
        }
        assertEquals(XmlParser.MAX_DEPTH, levels);
        assertEquals(s, Stanza.parse(s.toXml()));
    }

    @Test
    void entityTricksNeitherExpandNorFetch() {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><lolz>&lol2;</lolz>";
        assertTrue(assertThrows(StanzaParseException.class, () -> Stanza.parse(laughs)).getMessage().contains("DOCTYPE"));
        String external = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>";
        assertThrows(StanzaParseException.class, () -> Stanza.parse(external));
        StanzaParseException undeclared = assertThrows(StanzaParseException.class, () -> Stanza.parse("<x>&e;</x>"));
        assertTrue(undeclared.getMessage().contains("unknown entity &e;"), undeclared.getMessage());
        assertThrows(StanzaParseException.class, () -> Stanza.parse("<x><!DOCTYPE y></x>"));
        assertThrows(StanzaParseException.class, () -> Stanza.parse("<x><!ENTITY e 'v'></x>"));
    }

    @Test
    void hugeAttributesAndTextAreHandledWhole() {
        String mb4 = "v".repeat(4 << 20);
        Stanza s = Stanza.parse("<m a='" + mb4 + "'>" + mb4 + "</m>");
        assertEquals(mb4, s.attribute("a"));
        assertEquals(mb4, s.text());
        assertEquals(s, Stanza.parse(s.toXml()));
        Stanza built = Stanza.builder("m").attribute("a", mb4).text(mb4).build();
        assertEquals(s, built);
        StanzaParseException e = assertThrows(StanzaParseException.class, () -> Stanza.parse("<m a='" + mb4 + "></m>"));
        assertTrue(e.getMessage().contains("unterminated value of attribute a") || e.getMessage().contains("'<'"), e.getMessage());
    }

    @Test
    void unbalancedTagsAreRejected() {
        for (String in : List.of("<a>", "<a></b>", "<a><b></a></b>", "</a>", "<a/></a>", "<a><b/>", "<a>x</a><b/>", "<a", "<a b='c'",
                "<a b=c/>", "<a b='1' b='2'/>", "")) {
            StanzaParseException e = assertThrows(StanzaParseException.class, () -> Stanza.parse(in), in);
            assertTrue(e.getMessage().startsWith("malformed XML: "), e.getMessage());
        }
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRejectedEverywhere() {
        for (char c : new char[] {0, 1, 8, 0xB, 0xC, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF}) {
            String bad = "a" + c + "b";
            assertThrows(StanzaParseException.class, () -> Stanza.parse("<m>" + bad + "</m>"));
            assertThrows(StanzaParseException.class, () -> Stanza.parse("<m a='" + bad + "'/>"));
            assertThrows(IllegalArgumentException.class, () -> Stanza.builder("m").text(bad));
            assertThrows(IllegalArgumentException.class, () -> Stanza.builder("m").attribute("a", bad));
            assertThrows(IllegalArgumentException.class, () -> Stanza.builder("m" + c));
            assertThrows(IllegalArgumentException.class, () -> Stanza.builder("m").attribute("a" + c, "v"));
            assertThrows(IllegalArgumentException.class, () -> Stanza.builder("m").namespace("urn:" + bad));
            assertThrows(InvalidJidException.class, () -> Jid.parse("a" + bad + "@b"));
            assertThrows(InvalidJidException.class, () -> Jid.parse("a@b/" + bad));
            assertThrows(IllegalArgumentException.class, () -> Message.builder().body(bad));
        }
    }

    @Test
    void theFuzzerFindsRealRejectionsAndAcceptances() {
        // guards the guard: a generator that only made garbage (or only valid text) would prove little
        SplittableRandom r = new SplittableRandom(BadInputs.seed());
        int ok = 0;
        int bad = 0;
        for (int i = 0; i < 2000; i++) {
            try {
                Stanza.parse(BadInputs.xml(r));
                ok++;
            } catch (StanzaParseException e) {
                bad++;
            }
        }
        assertTrue(ok > 100 && bad > 100, "accepted " + ok + ", rejected " + bad);
    }
}
