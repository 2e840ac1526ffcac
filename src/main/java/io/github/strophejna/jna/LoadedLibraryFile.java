package io.github.strophejna.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The file a loaded library really came from, asked of the dynamic linker ({@code dladdr}): JNA only knows
 * the name it was given, which for a system library is just "libstrophe.so". Hand-written.
 */
final class LoadedLibraryFile {

    private LoadedLibraryFile() {
    }

    /** C: {@code Dl_info} of dlfcn.h. */
    @Structure.FieldOrder({"dli_fname", "dli_fbase", "dli_sname", "dli_saddr"})
    public static final class DlInfo extends Structure {
        public Pointer dli_fname;
        public Pointer dli_fbase;
        public Pointer dli_sname;
        public Pointer dli_saddr;
    }

    interface Dl extends Library {
        int dladdr(Pointer address, DlInfo info);
    }

    /**
     * @param library a loaded library
     * @param symbol a function it exports
     * @return the file's path, or null when the platform cannot say
     */
    static String of(NativeLibrary library, String symbol) {
        if (Platform.isWindows()) {
            return null;
        }
        for (String libc : new String[] {Platform.C_LIBRARY_NAME, "dl"}) {
            try {
                Dl dl = Native.load(libc, Dl.class);
                DlInfo info = new DlInfo();
                if (dl.dladdr(library.getFunction(symbol), info) != 0 && info.dli_fname != null) {
                    return info.dli_fname.getString(0);
                }
                return null;
            } catch (UnsatisfiedLinkError e) {
                // older glibc keeps dladdr in libdl: try it next
            }
        }
        return null;
    }
}
