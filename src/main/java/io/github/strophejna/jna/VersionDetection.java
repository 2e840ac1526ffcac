package io.github.strophejna.jna;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which libstrophe a loaded library is, as exactly as can be known, from the best evidence there is:
 * <ol>
 *   <li>the version file {@code scripts/build-libstrophe.sh} wrote beside it ({@link VersionFile}), when
 *       it agrees with the library;</li>
 *   <li>{@code xmpp_version_check} for major and minor, with the patch level from the file's real name when
 *       it carries one that agrees (libtool's and Debian's {@code libstrophe.so.0.12.2});</li>
 *   <li>the functions it exports, against the table of which version added which ({@link StropheSince}):
 *       0.11 and older answer {@code xmpp_version_check} as version 0.0, having been built without the
 *       version macros, and only symbols tell a master snapshot from its release.</li>
 * </ol>
 * Hand-written.
 */
final class VersionDetection {

    private static final Logger LOG = LoggerFactory.getLogger(LibStrophe.class);
    private static final Pattern MASTER_AFTER = Pattern.compile("master after (\\d+\\.\\d+\\.\\d+)");
    private static final Pattern FILE_NAME = Pattern.compile("libstrophe\\.so\\.(\\d+)\\.(\\d+)\\.(\\d+)");

    /**
     * @param version the version
     * @param projectBuilt whether a version file of scripts/build-libstrophe.sh vouched for it
     * @param how where the version came from, for messages
     * @param name how to name it in messages (the version, or "older than 0.10.0" when not even symbols tell)
     * @param fixes the project's fixes the version file says are built in; empty for none or no version file
     */
    record Result(LibStropheVersion version, boolean projectBuilt, String how, String name, Set<String> fixes) {

        Result(LibStropheVersion version, boolean projectBuilt, String how, String name) {
            this(version, projectBuilt, how, name, Set.of());
        }
    }

    /** What the exported functions say: the newest release whose functions are all there, and a master-only one. */
    private record Symbols(LibStropheVersion floor, String masterFunction, LibStropheVersion masterAfter) {

        /** Whether {@code v} is a master snapshot rather than a release: master-only functions, at most its release. */
        boolean snapshotAt(LibStropheVersion v) {
            return masterFunction != null && !v.atLeast(new LibStropheVersion(masterAfter.major(), masterAfter.minor(),
                    masterAfter.patch() + 1));
        }
    }

    private VersionDetection() {
    }

    /**
     * @param library the loaded library
     * @param check its {@code xmpp_version_check}
     * @param file the library's file (its real path when known)
     * @param versionText the version file's text, or null when there is none
     * @param versionPlace where that text came from, for messages
     * @return the version and how it is known
     */
    static Result detect(NativeLibrary library, Function check, String file, String versionText, String versionPlace) {
        int[] reported = reported(check);
        Symbols symbols = symbols(library);
        if (versionText != null) {
            Result fromFile = fromVersionFile(versionText, versionPlace, file, reported, symbols);
            if (fromFile != null) {
                return fromFile;
            }
        }
        if (reported != null) {
            int patch = patchFromFileName(file, reported);
            LibStropheVersion v = new LibStropheVersion(reported[0], reported[1], patch);
            String how = patch >= 0 ? "version from xmpp_version_check and the file name"
                    : "version from xmpp_version_check; the patch level is unknown";
            return snapshotOrRelease(v, symbols, how);
        }
        if (symbols.floor() == null) {
            return new Result(new LibStropheVersion(0, 0, -1), false,
                    "xmpp_version_check says 0.0 and it lacks functions 0.10.0 added", "older than 0.10.0");
        }
        LibStropheVersion floor = symbols.floor();
        LibStropheVersion v = new LibStropheVersion(floor.major(), floor.minor(), -1);
        return snapshotOrRelease(v, symbols, "version from the functions it exports; its xmpp_version_check says 0.0");
    }

    private static Result snapshotOrRelease(LibStropheVersion v, Symbols symbols, String how) {
        if (symbols.snapshotAt(v)) {
            LibStropheVersion s = new LibStropheVersion(v.major(), v.minor(), v.patch(), "master");
            return new Result(s, false, how + "; a development snapshot after " + symbols.masterAfter()
                    + ": it has " + symbols.masterFunction() + ", which no release has", s.toString());
        }
        return new Result(v, false, how, v.toString());
    }

    private static Result fromVersionFile(String text, String place, String file, int[] reported, Symbols symbols) {
        VersionFile vf;
        try {
            vf = VersionFile.parse(text, Path.of(file));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} is ignored: {}", place, e.getMessage());
            return null;
        }
        if (vf == null) {
            LOG.warn("{} is ignored: it describes another library file than {} (its sha256 differs)", place, file);
            return null;
        }
        LibStropheVersion v = vf.version();
        String conflict = null;
        if (reported != null && (reported[0] != v.major() || reported[1] != v.minor())) {
            conflict = "it says " + v.release() + " but the library's xmpp_version_check says " + reported[0] + "." + reported[1];
        } else if (symbols.floor() != null && !v.atLeast(symbols.floor())) {
            conflict = "it says " + v.release() + " but the library has the functions of " + symbols.floor();
        } else if (!v.isSnapshot() && symbols.snapshotAt(v)) {
            conflict = "it says release " + v + " but the library has " + symbols.masterFunction()
                    + ", which only master after " + symbols.masterAfter() + " has";
        }
        if (conflict != null) {
            LOG.warn("{} is ignored: {}", place, conflict);
            return null;
        }
        String how = "version from " + VersionFile.NAME + " of scripts/build-libstrophe.sh: "
                + (v.isSnapshot() ? "a snapshot, not a release; its sources say " + v.release() + "; " : "") + vf.provenance();
        return new Result(v, true, how, v.toString(), vf.fixes());
    }

    /**
     * {@code xmpp_version_check(major, minor)} is true when major is the library's and minor is at least the
     * library's, so the library's minor is the smallest minor it accepts.
     *
     * @return major and minor, or null when it answers as version 0.0 (built without the version macros)
     */
    private static int[] reported(Function check) {
        int major = -1;
        for (int m = 0; m < 100 && major < 0; m++) {
            if (check.invokeInt(new Object[] {m, Integer.MAX_VALUE}) != 0) {
                major = m;
            }
        }
        if (major < 0) {
            return null;
        }
        int lo = 0;
        int hi = Integer.MAX_VALUE;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (check.invokeInt(new Object[] {major, mid}) != 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return major == 0 && lo == 0 ? null : new int[] {major, lo};
    }

    private static Symbols symbols(NativeLibrary library) {
        Map<LibStropheVersion, Boolean> complete = new LinkedHashMap<>();
        String masterFunction = null;
        LibStropheVersion masterAfter = null;
        for (Map.Entry<String, String> e : StropheSince.all().entrySet()) {
            if (!StropheSince.isFunction(e.getKey())) {
                continue;
            }
            boolean present = exports(library, e.getKey());
            Matcher m = MASTER_AFTER.matcher(e.getValue());
            if (m.matches()) {
                if (present && masterFunction == null) {
                    masterFunction = e.getKey();
                    masterAfter = LibStropheVersion.parse(m.group(1));
                }
            } else {
                complete.merge(LibStropheVersion.parse(e.getValue()), present, Boolean::logicalAnd);
            }
        }
        LibStropheVersion floor = null;
        for (Map.Entry<LibStropheVersion, Boolean> e : complete.entrySet()) {
            if (e.getValue() && (floor == null || e.getKey().atLeast(floor))) {
                floor = e.getKey();
            }
        }
        return new Symbols(floor, masterFunction, masterAfter);
    }

    private static boolean exports(NativeLibrary library, String function) {
        try {
            library.getFunction(function);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** libtool and Debian name the file libstrophe.so.MAJOR.MINOR.PATCH; use it when it agrees. */
    private static int patchFromFileName(String file, int[] reported) {
        try {
            String name = Path.of(file).toRealPath().getFileName().toString();
            Matcher m = FILE_NAME.matcher(name);
            if (m.matches() && Integer.parseInt(m.group(1)) == reported[0] && Integer.parseInt(m.group(2)) == reported[1]) {
                return Integer.parseInt(m.group(3));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no patch level from the library's file name", e);
        }
        return -1;
    }
}
