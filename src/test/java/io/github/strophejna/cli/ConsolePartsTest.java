package io.github.strophejna.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's pieces that need no server and no terminal: XML entry, filter, history file, completion. */
class ConsolePartsTest {

    @Test
    void xmlAwaitsMoreLinesOnlyWhileItsElementIsOpen() {
        for (String open : List.of("<message to='a@b'>", "<message to='a@b'\n", "<message to='a", "<message><body>x",
                "<message><!-- note", "<message><body>x</body>\n</message", "<iq><query xmlns='x'>\n<item/>\n")) {
            assertTrue(XmlEntry.awaitsMore(open), open);
        }
        for (String done : List.of("<message to='a@b'/>", "<message>\n<body>x</body>\n</message>\n", ":msg a@b hi",
                "   ", "<message><body>x</bodyy>", "<a></b>", "not xml at all", "<message to=x>")) {
            assertFalse(XmlEntry.awaitsMore(done), done);
        }
    }

    @Test
    void filtersMatchTextIgnoringCaseOrARegularExpression() {
        ConsoleFilter text = ConsoleFilter.parse(" Typed ");
        assertTrue(text.shows("<message><body>typed XML</body></message>"));
        assertFalse(text.shows("<presence/>"));
        ConsoleFilter regex = ConsoleFilter.parse("/type=.(get|set)/");
        assertTrue(regex.shows("<iq type='get' id='1'/>"));
        assertFalse(regex.shows("<iq type='result' id='1'/>"));
        assertEquals(ConsoleFilter.NONE, ConsoleFilter.parse("off"));
        assertEquals("/type=.(get|set)/", regex.spec());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ConsoleFilter.parse("/(oops/"));
        assertTrue(bad.getMessage().startsWith("not a regular expression"), bad.getMessage());
    }

    @Test
    void historyIsKeptInAPrivateFileWithoutCredentials(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state").resolve("strophe-jna").resolve("console_history");
        ConsoleHistory h = ConsoleHistory.open(file);
        h.add(":msg a@b hi");
        h.add(":msg a@b hi"); // a repeat is not kept twice
        h.add("<message to='a@b'>\n  <body>back\\slash</body>\n</message>");
        h.add("<iq type='set'><query xmlns='jabber:iq:register'><username>u</username><password>hunter2</password>");
        h.add("<x xmlns='jabber:x:data'><field type='text-private' var='pin'><value>0000</value></field></x>");
        h.add("   ");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String written = Files.readString(file);
        assertFalse(written.contains("hunter2") || written.contains("0000"), written);
        assertEquals(2, written.lines().count(), written);
        assertEquals(List.of(":msg a@b hi", "<message to='a@b'>\n  <body>back\\slash</body>\n</message>"),
                ConsoleHistory.open(file).entries(), "read back as typed");
    }

    @Test
    void aHistoryFileMadeReadableByOthersIsMadePrivateAgainAndTrimmed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("console_history");
        Files.writeString(file, ":old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ConsoleHistory h = ConsoleHistory.open(file);
        for (int i = 0; i < ConsoleHistory.KEPT * 2; i++) {
            h.add(":msg a@b " + i);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> kept = ConsoleHistory.open(file).entries();
        assertEquals(ConsoleHistory.KEPT, kept.size());
        assertEquals(":msg a@b " + (ConsoleHistory.KEPT * 2 - 1), kept.get(kept.size() - 1));
    }

    @Test
    void completionOffersCommandsFirstAndJidsAfter() {
        KnownJids jids = new KnownJids();
        jids.add("alice@example.org");
        jids.add("alice@example.org/phone");
        jids.add("bob@example.org");
        ConsoleCompletion c = new ConsoleCompletion(jids);
        assertEquals(List.of(":filter"), c.candidates(":f", 0, ":f"));
        assertEquals(ConsoleCompletion.COMMANDS, c.candidates(":", 0, ":"));
        assertEquals(List.of("alice@example.org", "alice@example.org/phone"), c.candidates(":msg al", 1, "al"));
        assertEquals(List.of("bob@example.org"), c.candidates("<message to='b", 2, "b"));
        assertEquals(List.of(), c.candidates(":msg zed", 1, "zed"));
    }
}
