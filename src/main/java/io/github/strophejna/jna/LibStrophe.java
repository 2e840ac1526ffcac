package io.github.strophejna.jna;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, loads and checks libstrophe, once per JVM.
 *
 * <p>Search order, first hit wins:
 * <ol>
 *   <li>the system property {@value #PATH_PROPERTY}, else the environment variable {@value #PATH_ENV}: a
 *       library file, or a directory holding {@code libstrophe.so} or {@code libstrophe.so.0}. When set, it
 *       is the only place tried: a wrong explicit setting is reported, never silently replaced;</li>
 *   <li>{@code native/<os-arch>/} under the working directory, where {@code scripts/build-libstrophe.sh}
 *       installs its build (os-arch as JNA names it, e.g. {@code linux-x86-64});</li>
 *   <li>the same file packaged in the jar as a JNA resource ({@code <os-arch>/libstrophe.so});</li>
 *   <li>the system's {@code libstrophe.so} (libstrophe-dev), then {@code libstrophe.so.0} (libstrophe0).</li>
 * </ol>
 * The loaded library's version is logged once at INFO; versions older than {@link #MINIMUM_VERSION} are refused.
 * Strings cross the boundary as UTF-8 whatever the platform's default encoding.
 *
 * <p>Thread-safe. Hand-written beside the generated binding.
 */
public final class LibStrophe {

    /** System property naming the library file or its directory. */
    public static final String PATH_PROPERTY = "strophe.library.path";
    /** Environment variable naming the library file or its directory (the property wins). */
    public static final String PATH_ENV = "STROPHE_LIBRARY_PATH";
    /** The oldest libstrophe this binding works with: the one its strophe.h came from. */
    public static final LibStropheVersion MINIMUM_VERSION = new LibStropheVersion(0, 12, -1);

    private static final Logger LOG = LoggerFactory.getLogger(LibStrophe.class);
    private static final Map<String, Object> OPTIONS =
            Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name());
    private static final String FIX =
            "To fix it, do one of:\n"
            + "  - install the system package: apt-get install -y libstrophe0 (Debian/Ubuntu), or run scripts/build-libstrophe.sh --system\n"
            + "  - build it into native/" + Platform.RESOURCE_PREFIX + "/: scripts/build-libstrophe.sh --tarball libstrophe-X.Y.Z.tar.gz\n"
            + "  - point to a library file or directory: -D" + PATH_PROPERTY + "=/path/to/libstrophe.so or " + PATH_ENV + "=...";

    /** What was loaded; null until the first successful load. */
    private static Loaded loaded;
    /** The first failure, rethrown to every later caller so they all see the same clear message. */
    private static LibStropheException failure;

    /**
     * @param name what JNA was given (reused to bind interface mappings to the same instance)
     * @param file the file the dynamic linker really opened, when known
     */
    private record Loaded(NativeLibrary library, String name, String file, String origin, LibStropheVersion version) {}

    private record Candidate(String name, String origin) {}

    private LibStrophe() {
    }

    /**
     * Loads libstrophe if that has not happened yet, and checks its version.
     *
     * @return the loaded library's version
     * @throws LibStropheNotFoundException when no candidate loads; the message lists them
     * @throws UnsupportedLibStropheException when the library is older than {@link #MINIMUM_VERSION}
     */
    public static LibStropheVersion load() {
        return loaded().version();
    }

    /**
     * The loaded library's version (loading it first if needed).
     *
     * @return the version
     */
    public static LibStropheVersion version() {
        return loaded().version();
    }

    /**
     * Where the library was loaded from.
     *
     * @return its file (or name, when the platform cannot say) and how it was found
     */
    public static String origin() {
        Loaded l = loaded();
        return l.file() + " (" + l.origin() + ")";
    }

    /**
     * The file the library was loaded from.
     *
     * @return its real path, or the name it was loaded by when the platform cannot say
     */
    public static String file() {
        return loaded().file();
    }

    /**
     * The loaded library, for JNA.
     *
     * @return the native library, opened with UTF-8 strings
     */
    public static NativeLibrary nativeLibrary() {
        return loaded().library();
    }

    /**
     * Whether the loaded library exports a function (a symbol probe).
     *
     * @param name the C function name
     * @return true when it resolves
     */
    public static boolean hasFunction(String name) {
        try {
            nativeLibrary().getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * Refuses a function the loaded library does not have, naming the version that added it.
     *
     * @param function the C function name
     * @param since the libstrophe version that added it, e.g. "0.14.0"
     * @throws UnsupportedLibStropheException when it is missing
     */
    public static void requireFunction(String function, String since) {
        if (!hasFunction(function)) {
            throw tooOld(function, since);
        }
    }

    /**
     * Refuses a feature (a flag, a behaviour) that needs a newer library than the loaded one.
     *
     * @param feature what needs it, for the message
     * @param since the libstrophe version that added it, e.g. "0.13.0"
     * @throws UnsupportedLibStropheException when the loaded library is older
     */
    public static void requireVersion(String feature, String since) {
        if (!version().atLeast(LibStropheVersion.parse(since))) {
            throw tooOld(feature, since);
        }
    }

    private static UnsupportedLibStropheException tooOld(String what, String since) {
        return new UnsupportedLibStropheException(what + " needs libstrophe " + since + " or newer, but the loaded one is "
                + version() + " (" + origin() + ").\n"
                + "Build a newer one into native/" + Platform.RESOURCE_PREFIX
                + "/ with scripts/build-libstrophe.sh --tarball libstrophe-" + since + ".tar.gz, or point -D"
                + PATH_PROPERTY + " at one.");
    }

    /**
     * Binds a direct-mapped class (its {@code native} methods) to the loaded library.
     *
     * @param direct the class
     */
    static void register(Class<?> direct) {
        Native.register(direct, nativeLibrary());
    }

    /**
     * An interface mapping bound to the loaded library (for varargs and optional functions).
     *
     * @param <T> the mapping type
     * @param type the interface
     * @return its implementation
     */
    static <T extends Library> T loadInterface(Class<T> type) {
        return Native.load(loaded().name(), type, OPTIONS);
    }

    private static synchronized Loaded loaded() {
        if (loaded != null) {
            return loaded;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            loaded = find();
            LOG.info("libstrophe {} loaded from {} ({})", loaded.version(), loaded.file(), loaded.origin());
            return loaded;
        } catch (LibStropheException e) {
            failure = e;
            throw e;
        }
    }

    private static Loaded find() {
        List<String> tried = new ArrayList<>();
        UnsatisfiedLinkError last = null;
        for (Candidate c : candidates(tried)) {
            if (new File(c.name()).isAbsolute() && !new File(c.name()).isFile()) {
                tried.add(c.name() + " (" + c.origin() + "): no such file");
                continue;
            }
            NativeLibrary lib;
            try {
                lib = NativeLibrary.getInstance(c.name(), OPTIONS);
            } catch (UnsatisfiedLinkError e) {
                tried.add(c.name() + " (" + c.origin() + "): " + oneLine(e.getMessage()));
                last = e;
                continue;
            }
            Function check;
            try {
                check = lib.getFunction("xmpp_version_check");
            } catch (UnsatisfiedLinkError e) {
                tried.add(c.name() + " (" + c.origin() + "): loads, but is not libstrophe (no xmpp_version_check)");
                continue;
            }
            String file = LoadedLibraryFile.of(lib, "xmpp_version_check");
            file = file == null ? c.name() : file;
            LibStropheVersion version = detectVersion(check, file);
            if (!version.atLeast(MINIMUM_VERSION)) {
                throw new UnsupportedLibStropheException("libstrophe " + version + " at " + file + " (" + c.origin()
                        + ") is too old: this binding needs " + MINIMUM_VERSION.major() + "." + MINIMUM_VERSION.minor()
                        + " or newer.\n" + FIX);
            }
            return new Loaded(lib, c.name(), file, c.origin(), version);
        }
        StringBuilder msg = new StringBuilder("libstrophe was not found. Tried:\n");
        for (String t : tried) {
            msg.append("  - ").append(t).append('\n');
        }
        msg.append(FIX);
        throw new LibStropheNotFoundException(msg.toString(), last);
    }

    private static List<Candidate> candidates(List<String> tried) {
        List<Candidate> list = new ArrayList<>();
        String explicit = System.getProperty(PATH_PROPERTY);
        String origin = "-D" + PATH_PROPERTY;
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(PATH_ENV);
            origin = PATH_ENV;
        }
        if (explicit != null && !explicit.isBlank()) {
            File f = new File(explicit);
            if (f.isDirectory()) {
                list.add(new Candidate(new File(f, "libstrophe.so").getAbsolutePath(), origin));
                list.add(new Candidate(new File(f, "libstrophe.so.0").getAbsolutePath(), origin));
            } else {
                list.add(new Candidate(f.getAbsolutePath(), origin));
            }
            return list; // explicit means explicit: no fallback that would hide a wrong setting
        }
        String fileName = System.mapLibraryName("strophe");
        Path built = Path.of(System.getProperty("user.dir"), "native", Platform.RESOURCE_PREFIX, fileName);
        if (Files.isRegularFile(built)) {
            list.add(new Candidate(built.toString(), "built by scripts/build-libstrophe.sh"));
        } else {
            tried.add(built + " (scripts/build-libstrophe.sh): no such file");
        }
        String resource = Platform.RESOURCE_PREFIX + "/" + fileName;
        if (LibStrophe.class.getClassLoader().getResource(resource) != null) {
            try {
                File extracted = Native.extractFromResourcePath("/" + resource, LibStrophe.class.getClassLoader());
                list.add(new Candidate(extracted.getAbsolutePath(), "jar resource " + resource));
            } catch (IOException e) {
                tried.add("jar resource " + resource + ": cannot extract: " + e.getMessage());
            }
        } else {
            tried.add("jar resource " + resource + ": not packaged");
        }
        list.add(new Candidate(fileName, "system, from libstrophe-dev"));
        if (Platform.isLinux() || Platform.isFreeBSD()) {
            list.add(new Candidate(fileName + ".0", "system, from libstrophe0"));
        }
        return list;
    }

    /**
     * {@code xmpp_version_check(major, minor)} is true when major is the library's and minor is at least
     * the library's, so the library's minor is the smallest minor it accepts.
     */
    private static LibStropheVersion detectVersion(Function check, String file) {
        int major = -1;
        for (int m = 0; m < 100 && major < 0; m++) {
            if (check.invokeInt(new Object[] {m, Integer.MAX_VALUE}) != 0) {
                major = m;
            }
        }
        if (major < 0) {
            return new LibStropheVersion(0, 0, -1);
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
        return new LibStropheVersion(major, lo, patchFromFileName(file, major, lo));
    }

    /** Debian and upstream's libtool name the file libstrophe.so.MAJOR.MINOR.PATCH; use it when it agrees. */
    private static int patchFromFileName(String file, int major, int minor) {
        try {
            String name = Path.of(file).toRealPath().getFileName().toString();
            Matcher m = Pattern.compile("libstrophe\\.so\\.(\\d+)\\.(\\d+)\\.(\\d+)").matcher(name);
            if (m.matches() && Integer.parseInt(m.group(1)) == major && Integer.parseInt(m.group(2)) == minor) {
                return Integer.parseInt(m.group(3));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no patch level from the library's file name", e);
        }
        return -1;
    }

    /**
     * JNA's loading errors span several lines and repeat the dynamic linker's reason; keep that reason
     * once, on one line.
     */
    private static String oneLine(String s) {
        if (s == null) {
            return "cannot load";
        }
        java.util.LinkedHashSet<String> reasons = new java.util.LinkedHashSet<>();
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("Unable to load library") && !t.startsWith("Native library (")) {
                reasons.add(t);
            }
        }
        String line = reasons.isEmpty() ? s.strip() : String.join("; ", reasons);
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
