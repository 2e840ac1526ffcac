package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every function of the installed strophe.h is mapped or excluded with a reason, and every mapping resolves. */
class BindingCoverageTest {

    static Set<String> mapped(Class<?> type, boolean nativeOnly) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            boolean isNative = Modifier.isNative(m.getModifiers());
            if (m.getName().startsWith("xmpp_") && (!nativeOnly || isNative)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    @Test
    void everyDeclaredFunctionIsMappedOrExcluded() throws Exception {
        Set<String> declared = InstalledHeader.read().functions();
        assertTrue(declared.size() > 100, "parsed only " + declared.size() + " functions from " + InstalledHeader.PATH);
        Set<String> covered = new TreeSet<>();
        covered.addAll(mapped(Strophe.class, true));
        covered.addAll(mapped(StropheVarargs.class, false));
        covered.addAll(mapped(StropheNewer.class, false));
        covered.addAll(ExcludedFunctions.all().keySet());

        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(covered);
        assertEquals(Set.of(), missing, "declared in " + InstalledHeader.PATH
                + " but neither mapped nor in ExcludedFunctions; run scripts/generate-bindings.sh");

        Set<String> staleExclusions = new TreeSet<>(ExcludedFunctions.all().keySet());
        staleExclusions.removeAll(declared);
        assertEquals(Set.of(), staleExclusions, "excluded but no longer declared");
        ExcludedFunctions.all().forEach((name, reason) -> assertTrue(reason.length() > 10, name + " has no reason"));
    }

    @Test
    void everyMappedFunctionOfTheHeaderResolvesInTheLoadedLibrary() throws Exception {
        // the loaded library's own header: beside a build of scripts/build-libstrophe.sh, else the installed one
        java.nio.file.Path beside = java.nio.file.Path.of(LibStrophe.file()).resolveSibling("include").resolve("strophe.h");
        Set<String> declared = (java.nio.file.Files.isRegularFile(beside) ? InstalledHeader.read(beside) : InstalledHeader.read()).functions();
        Set<String> unresolved = new TreeSet<>();
        Set<String> mapped = new TreeSet<>(mapped(Strophe.class, true));
        mapped.addAll(mapped(StropheVarargs.class, false));
        for (String name : mapped) {
            try {
                LibStrophe.nativeLibrary().getFunction(name);
            } catch (UnsatisfiedLinkError e) {
                unresolved.add(name);
            }
        }
        assertEquals(Set.of(), unresolved, "mapped but missing from " + LibStrophe.origin());
        // the newer, guarded ones resolve whenever the header declares them
        for (String name : mapped(StropheNewer.class, false)) {
            if (declared.contains(name)) {
                assertTrue(LibStrophe.hasFunction(name), name + " is declared but does not resolve");
            }
        }
    }

    @Test
    void directMappingBindsEveryNativeMethod() {
        // Native.register fails at class initialisation on any unsupported type: touching the class is the check
        assertTrue(Strophe.xmpp_version_check(LibStrophe.version().major(), LibStrophe.version().minor()) != 0);
    }
}
