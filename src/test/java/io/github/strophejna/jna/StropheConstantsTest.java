package io.github.strophejna.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a C program against the installed strophe.h that prints every constant it defines (namespaces,
 * error codes, connection flags, and every enum: log levels, connection types and events, stream error
 * types, certificate elements, queue elements), and checks StropheConstants holds the same values.
 */
class StropheConstantsTest {

    @Test
    void javaConstantsEqualWhatTheCompilerSees(@TempDir Path dir) throws Exception {
        InstalledHeader header = InstalledHeader.read();
        Map<String, Boolean> names = new LinkedHashMap<>(); // name -> is a string
        header.defines().forEach((name, value) -> {
            if (!value.contains("(") || value.startsWith("(1")) { // skip function-like macros
                names.put(name, value.startsWith("\""));
            }
        });
        header.enumMembers().forEach(name -> names.put(name, false));
        assertTrue(names.size() > 60, "found only " + names.size() + " constants in " + InstalledHeader.PATH);

        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include \"" + InstalledHeader.PATH + "\"\nint main(void) {\n");
        names.forEach((name, isString) -> c.append(isString
                ? "    printf(\"%s=%s\\n\", \"" + name + "\", " + name + ");\n"
                : "    printf(\"%s=%lld\\n\", \"" + name + "\", (long long) (" + name + "));\n"));
        c.append("    return 0;\n}\n");
        Path source = dir.resolve("constants.c");
        Files.writeString(source, c.toString());
        Path binary = dir.resolve("constants");
        run(dir, List.of("gcc", "-Wall", "-o", binary.toString(), source.toString()));
        String output = run(dir, List.of(binary.toString()));

        Map<String, Object> actual = new LinkedHashMap<>();
        for (Field f : StropheConstants.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                actual.put(f.getName(), f.get(null));
            }
        }
        Set<String> checked = new TreeSet<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            String name = line.substring(0, eq);
            String value = line.substring(eq + 1);
            assertTrue(actual.containsKey(name), name + " is in strophe.h but not in StropheConstants");
            Object java = actual.get(name);
            if (names.get(name)) {
                assertEquals(value, java, name);
            } else {
                assertEquals(Long.parseLong(value), ((Number) java).longValue(), name);
            }
            checked.add(name);
        }
        assertEquals(names.keySet(), checked, "the C program printed a different set of constants");
        // Anything in Java but not in this header must come from the newer declarations (guarded).
        String newer = Files.readString(Path.of("scripts/bindings/strophe-newer.h"));
        for (String name : actual.keySet()) {
            assertTrue(checked.contains(name) || newer.contains(name), name + " is in neither header");
        }
        assertTrue(checked.containsAll(List.of("XMPP_NS_CLIENT", "XMPP_EINVOP", "XMPP_CONN_FLAG_LEGACY_AUTH",
                "XMPP_LEVEL_ERROR", "XMPP_CONN_FAIL", "XMPP_SE_XML_NOT_WELL_FORMED", "XMPP_CERT_FINGERPRINT_SHA256",
                "XMPP_QUEUE_YOUNGEST")), "a group of constants was not checked: " + checked);
        assertEquals(long.class, StropheConstants.class.getField("XMPP_CONN_FLAG_DISABLE_SM").getType(),
                "connection flags are C longs");
    }

    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }
}
