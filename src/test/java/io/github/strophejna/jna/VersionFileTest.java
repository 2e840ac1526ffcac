package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version file scripts/build-libstrophe.sh writes, read without loading anything: its lines as the script
 * writes them (a stock build, a build --with-fixes, and a file from before the fixes line), and what is refused.
 */
class VersionFileTest {

    private static final String HEADER = "# Which libstrophe libstrophe.so beside this file is, written by scripts/build-libstrophe.sh.\n"
            + "# fixes: the project's fixes built in (native/patches/, --with-fixes), empty for upstream's code as is.\n";

    private static Path library(Path dir) throws Exception {
        Path lib = dir.resolve("libstrophe.so");
        Files.writeString(lib, "not really a library");
        return lib;
    }

    private static String text(Path lib, String snapshot, String fixesLine) throws Exception {
        return HEADER + "version=0.14.0\nsnapshot=" + snapshot + "\nsource=libstrophe-0.14.0-src.tar.gz\n"
                + "commit=7c2e78937d1f8614339bfa88bdcc21bb406deadd\nsha256=" + VersionFile.sha256(lib) + "\n"
                + (fixesLine == null ? "" : fixesLine + "\n");
    }

    @Test
    void aBuildWithFixesListsThemInOrder(@TempDir Path dir) throws Exception {
        Path lib = library(dir);
        VersionFile vf = VersionFile.parse(text(lib, "", "fixes=sm-restore parser-reset sha1-reentrant component-sm poll"), lib);
        assertEquals(new LibStropheVersion(0, 14, 0), vf.version());
        assertEquals(List.of("sm-restore", "parser-reset", "sha1-reentrant", "component-sm", "poll"), List.copyOf(vf.fixes()));
        assertEquals("libstrophe-0.14.0-src.tar.gz, commit 7c2e789", vf.provenance());
        assertThrows(UnsupportedOperationException.class, () -> vf.fixes().add("more"));
    }

    @Test
    void aStockBuildAndAnOlderFileHaveNoFixes(@TempDir Path dir) throws Exception {
        Path lib = library(dir);
        assertEquals(Set.of(), VersionFile.parse(text(lib, "", "fixes="), lib).fixes());
        VersionFile older = VersionFile.parse(text(lib, "master b9eead3", null), lib);
        assertEquals(Set.of(), older.fixes());
        assertEquals("master b9eead3", older.version().toString());
    }

    @Test
    void fixesMayBeSeparatedByCommasAndTheColonFormReadsToo(@TempDir Path dir) throws Exception {
        Path lib = library(dir);
        assertEquals(List.of("poll", "sm-restore"), List.copyOf(VersionFile.parse(text(lib, "", "fixes=poll, sm-restore"), lib).fixes()));
        assertEquals(List.of("poll"), List.copyOf(VersionFile.parse(text(lib, "", "fixes: poll"), lib).fixes()));
    }

    @Test
    void aFixesLineThatIsNotNamesIsRefused(@TempDir Path dir) throws Exception {
        Path lib = library(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VersionFile.parse(text(lib, "", "fixes=poll ../etc/passwd"), lib));
        assertTrue(e.getMessage().contains("its fixes are not names"), e.getMessage());
    }

    @Test
    void aFileOfAnotherLibraryCountsForNothing(@TempDir Path dir) throws Exception {
        Path lib = library(dir);
        String text = text(lib, "", "fixes=poll");
        Files.writeString(lib, "another library");
        assertNull(VersionFile.parse(text, lib));
    }
}
