package io.github.strophejna.jna;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The loaded library's exact version ({@link #version()}, {@link #describe()}) is logged once at INFO; versions
 * older than {@link #MINIMUM_VERSION} are refused. The version comes from the version file
 * {@code scripts/build-libstrophe.sh} writes beside its build ({@code libstrophe.version}, also packed in the
 * jar beside the library's copy), else from {@code xmpp_version_check} and the file's real name (Debian's
 * {@code libstrophe.so.0.12.2}), else from the functions the library exports. Strings cross the boundary as
 * UTF-8 whatever the platform's default encoding.
 *
 * <p>Thread-safe. Hand-written beside the generated binding.
 */
public final class LibStrophe {

    /** System property naming the library file or its directory. */
    public static final String PATH_PROPERTY = "strophe.library.path";
    /** Environment variable naming the library file or its directory (the property wins). */
    public static final String PATH_ENV = "STROPHE_LIBRARY_PATH";
    /** The oldest libstrophe this binding works with: {@link Strophe} binds on it, newer functions are guarded. */
    public static final LibStropheVersion MINIMUM_VERSION = LibStropheVersion.parse(StropheSince.OLDEST_SUPPORTED);

    private static final Logger LOG = LoggerFactory.getLogger(LibStrophe.class);
    private static final Pattern MASTER_AFTER = Pattern.compile("master after (\\d+\\.\\d+\\.\\d+)");
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
     * @param detected its version and how it is known
     */
    private record Loaded(NativeLibrary library, String name, String file, String origin, VersionDetection.Result detected) {

        LibStropheVersion version() {
            return detected.version();
        }
    }

    /**
     * @param name the library's path or name, for JNA
     * @param origin how it was found, for messages
     * @param versionResource the jar resource holding its version file, or null to look beside the file
     */
    private record Candidate(String name, String origin, String versionResource) {

        Candidate(String name, String origin) {
            this(name, origin, null);
        }
    }

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
     * The loaded library's version (loading it first if needed). Its {@code toString()} is the exact version
     * as far as it can be known: "0.12.2", "0.11.x" when the patch level is unknown, "master b9eead3" for a
     * development snapshot.
     *
     * @return the version
     */
    public static LibStropheVersion version() {
        return loaded().version();
    }

    /**
     * The loaded library in one line: its version, whether {@code scripts/build-libstrophe.sh} built it
     * ("project-built", vouched for by its version file, and "project-built with fixes ..." when it was built
     * with {@code --with-fixes}) or not ("stock": a distribution's package or any other build), and where the
     * version came from. For example {@code 0.12.2, stock (version from xmpp_version_check and the file name)}
     * or {@code 0.14.0, project-built with fixes sm-restore parser-reset sha1-reentrant component-sm poll
     * sm-resume-count (version from libstrophe.version ...)}.
     *
     * @return the description (without the file: see {@link #origin()})
     */
    public static String describe() {
        VersionDetection.Result d = loaded().detected();
        String built = !d.projectBuilt() ? "stock"
                : d.fixes().isEmpty() ? "project-built" : "project-built with fixes " + String.join(" ", d.fixes());
        return d.name() + ", " + built + " (" + d.how() + ")";
    }

    /**
     * The project's fixes to upstream bugs built into the loaded library ({@code scripts/build-libstrophe.sh
     * --with-fixes}, patches in {@code native/patches/}), as its version file lists them: "sm-restore" (an SM
     * state restored by {@code xmpp_conn_restore_sm_state} resumes its session), "parser-reset" (a reused
     * connection parses its next stream right), "sha1-reentrant" (SHA-1, and so SCRAM-SHA-1, on several
     * threads at once), "component-sm" ({@code xmpp_connect_component} works), "poll" (sockets numbered
     * 1,024 and more), "sm-resume-count" (after a resumption, sent stanzas are counted from the server's h, so
     * a later acknowledgement drops only what the server has). Only for a library whose version file matches it: empty for a distribution's package,
     * any other build, or a project build without fixes.
     *
     * @return the fixes' names, in the order they were applied; unmodifiable
     */
    public static Set<String> fixes() {
        return loaded().detected().fixes();
    }

    /**
     * Whether the loaded library was built by {@code scripts/build-libstrophe.sh} (its version file says so
     * and matches the file), rather than being a distribution's package or another build.
     *
     * @return true for a project-built library
     */
    public static boolean isProjectBuilt() {
        return loaded().detected().projectBuilt();
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
     * Whether the loaded library exports every one of these functions.
     *
     * @param names the C function names
     * @return true when all resolve
     */
    public static boolean hasFunctions(String... names) {
        for (String name : names) {
            if (!hasFunction(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the loaded library has a function or constant of the binding (or a callback or handle type
     * that {@link StropheSince} lists). A function is probed by symbol; a listed constant or type is judged
     * by {@link #version()} against the version {@link StropheSince} says added it; an unlisted constant is
     * in every supported version.
     *
     * @param name a C name, e.g. "xmpp_conn_set_sm_callback" or "XMPP_CONN_FLAG_DISABLE_SM"
     * @return true when the loaded library has it
     * @throws IllegalArgumentException for a constant the binding does not have
     */
    public static boolean supports(String name) {
        String since = StropheSince.of(name);
        if (StropheSince.isFunction(name) || (since == null && !name.startsWith("XMPP_"))) {
            return hasFunction(name);
        }
        if (since == null) {
            try {
                StropheConstants.class.getField(name);
                return true;
            } catch (NoSuchFieldException e) {
                throw new IllegalArgumentException("the binding has no constant " + name, e);
            }
        }
        return versionSatisfies(since);
    }

    /**
     * Refuses a function the loaded library does not have, naming the version that added it.
     *
     * @param function the C function name
     * @param since the libstrophe version that added it, "0.14.0", or "master after 0.14.0" for what only
     *     upstream's master has
     * @throws UnsupportedLibStropheException when it is missing
     */
    public static void requireFunction(String function, String since) {
        if (!hasFunction(function)) {
            throw unsupported(function, since);
        }
    }

    /**
     * Refuses a feature (a flag, a behaviour) that needs a newer library than the loaded one.
     *
     * @param feature what needs it, for the message
     * @param since the libstrophe version that added it, "0.13.0" (or "master after X.Y.Z")
     * @throws UnsupportedLibStropheException when the loaded library is older
     */
    public static void requireVersion(String feature, String since) {
        if (!versionSatisfies(since)) {
            throw unsupported(feature, since);
        }
    }

    private static boolean versionSatisfies(String since) {
        Matcher master = MASTER_AFTER.matcher(since);
        if (master.matches()) {
            LibStropheVersion after = LibStropheVersion.parse(master.group(1));
            return version().atLeast(new LibStropheVersion(after.major(), after.minor(), after.patch(), "master"));
        }
        return version().atLeast(LibStropheVersion.parse(since));
    }

    /**
     * The error for something the loaded library lacks, naming the version that added it and how to get one.
     *
     * @param what the function, flag or feature
     * @param since "X.Y.Z", or "master after X.Y.Z"
     * @return the exception, for the caller to throw
     */
    static UnsupportedLibStropheException unsupported(String what, String since) {
        String loaded = "the loaded one is " + describe() + ", at " + origin() + ".\n";
        Matcher master = MASTER_AFTER.matcher(since);
        if (master.matches()) {
            return new UnsupportedLibStropheException(what + " is in no libstrophe release yet: only upstream master after "
                    + master.group(1) + " has it, and " + loaded
                    + "To use it, build upstream master (https://github.com/strophe/libstrophe) into native/"
                    + Platform.RESOURCE_PREFIX + "/ with scripts/build-libstrophe.sh --src DIR (a git checkout) or"
                    + " --tarball FILE (a git archive of master), or point -D" + PATH_PROPERTY + " at such a build.");
        }
        return new UnsupportedLibStropheException(what + " needs libstrophe " + since + " or newer, but " + loaded
                + "Build a newer one into native/" + Platform.RESOURCE_PREFIX
                + "/ with scripts/build-libstrophe.sh --tarball libstrophe-" + since + ".tar.gz (or a later release),"
                + " or point -D" + PATH_PROPERTY + " at one.");
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
            LOG.info("libstrophe {} loaded from {} ({})", describe(), loaded.file(), loaded.origin());
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
            String file = realPath(LoadedLibraryFile.of(lib, "xmpp_version_check"));
            file = file == null ? c.name() : file;
            String[] versionFile = versionFile(c, file);
            VersionDetection.Result detected = VersionDetection.detect(lib, check, file,
                    versionFile == null ? null : versionFile[0], versionFile == null ? null : versionFile[1]);
            if (!detected.version().atLeast(MINIMUM_VERSION)) {
                throw new UnsupportedLibStropheException("libstrophe " + detected.name() + " at " + file + " (" + c.origin()
                        + ") is too old: this binding needs " + MINIMUM_VERSION + " or newer (" + detected.how() + ").\n" + FIX);
            }
            return new Loaded(lib, c.name(), file, c.origin(), detected);
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
            list.add(new Candidate(built.toString(), "native/" + Platform.RESOURCE_PREFIX + "/ under the working directory"));
        } else {
            tried.add(built + " (scripts/build-libstrophe.sh): no such file");
        }
        String resource = Platform.RESOURCE_PREFIX + "/" + fileName;
        if (LibStrophe.class.getClassLoader().getResource(resource) != null) {
            try {
                File extracted = Native.extractFromResourcePath("/" + resource, LibStrophe.class.getClassLoader());
                list.add(new Candidate(extracted.getAbsolutePath(), "jar resource " + resource,
                        Platform.RESOURCE_PREFIX + "/" + VersionFile.NAME));
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
     * The version file for a candidate: the jar resource beside the library's copy, else {@value VersionFile#NAME}
     * in the directory of the path it was loaded by (or of the file the linker opened, for a bare name).
     *
     * @return its text and where it came from, or null when there is none
     */
    private static String[] versionFile(Candidate c, String file) {
        try {
            if (c.versionResource() != null) {
                try (InputStream in = LibStrophe.class.getClassLoader().getResourceAsStream(c.versionResource())) {
                    return in == null ? null
                            : new String[] {new String(in.readAllBytes(), StandardCharsets.UTF_8), "jar resource " + c.versionResource()};
                }
            }
            Path dir = (new File(c.name()).isAbsolute() ? Path.of(c.name()) : Path.of(file)).getParent();
            Path vf = dir == null ? null : dir.resolve(VersionFile.NAME);
            return vf != null && Files.isRegularFile(vf) ? new String[] {Files.readString(vf, StandardCharsets.UTF_8), vf.toString()} : null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the version file of {}: {}", file, e.toString());
            return null;
        }
    }

    /** The real path of a file (Debian's libstrophe.so is a link to libstrophe.so.0.12.2), or the path as given. */
    private static String realPath(String file) {
        if (file == null) {
            return null;
        }
        try {
            return Path.of(file).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return file;
        }
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
