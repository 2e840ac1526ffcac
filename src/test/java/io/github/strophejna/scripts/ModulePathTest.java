package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a JPMS module (target/classes with its module-info, on the module path): only the API packages
 * are exported, and it works there (JNA reaches its structures and callbacks through the descriptor's opens).
 */
class ModulePathTest {

    private static final String PROGRAM = """
            import io.github.strophejna.client.*;
            public class OnModulePath {
                public static void main(String[] a) throws Exception {
                    Module m = XmppClient.class.getModule();
                    System.out.println("NAMED " + m.isNamed() + " " + m.getName());
                    for (String p : new String[] {"io.github.strophejna.client", "io.github.strophejna.jna",
                            "io.github.strophejna.xep.ping", "io.github.strophejna.internal", "io.github.strophejna.jna.internal",
                            "io.github.strophejna.cli"}) {
                        System.out.println("EXPORTS " + p + " " + m.isExported(p));
                    }
                    try (XmppClient c = XmppClient.builder().jid("m@localhost/r").password("pw".toCharArray())
                            .host("127.0.0.1").port(1).build()) {
                        c.connect().get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        System.out.println("CONNECT " + e.getCause().getClass().getSimpleName());
                    }
                }
            }
            """;

    @Test
    void onlyTheApiIsExportedAndTheClientRunsAsAModule(@TempDir Path dir) throws Exception {
        Path classes = Path.of("target/classes");
        assertTrue(Files.exists(classes.resolve("module-info.class")), "no module-info.class in target/classes");
        String modulePath = Stream.concat(Stream.of(classes.toString()), jars("jna-", "slf4j-api-").stream())
                .collect(Collectors.joining(File.pathSeparator));
        Path program = dir.resolve("OnModulePath.java");
        Files.writeString(program, PROGRAM);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--add-modules", "io.github.strophejna",
                "--enable-native-access=com.sun.jna,io.github.strophejna", program.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("NAMED true io.github.strophejna"), out);
        for (String exported : List.of("client", "jna", "xep.ping")) {
            assertTrue(out.contains("EXPORTS io.github.strophejna." + exported + " true"), out);
        }
        for (String hidden : List.of("internal", "jna.internal", "cli")) {
            assertTrue(out.contains("EXPORTS io.github.strophejna." + hidden + " false"), out);
        }
        assertTrue(out.contains("CONNECT ConnectionException"), "a refused connection, typed, through JNA's callbacks: " + out);
    }

    private static List<String> jars(String... prefixes) {
        List<String> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    found.add(entry);
                }
            }
        }
        assertEquals(prefixes.length, found.size(), "jars " + List.of(prefixes) + " on the test class path: " + found);
        return found;
    }
}
