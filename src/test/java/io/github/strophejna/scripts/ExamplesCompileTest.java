package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every program in examples/ compiles against the library's public API alone. */
class ExamplesCompileTest {

    @Test
    void examplesCompile(@TempDir Path out) throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                "-Xlint:all", "-Werror"));
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertTrue(args.size() > 7, "no examples found");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(new String[0]));
        assertEquals(0, rc, err.toString());
    }
}
