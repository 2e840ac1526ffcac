package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars hold exactly what native/ holds: this project's pom.xml, copied into a scratch project with its sources
 * but no tests, packaged with a stand-in library in native/, then again after it is deleted (it used
 * to stay in target/classes and go into every later jar, where the loader found it before the system's library).
 * The test support's jars are whole although the tests and the Javadoc are skipped. Runs Maven twice (~25 s).
 */
class JarPackagingTest {

    static final String DIR = Platform.RESOURCE_PREFIX + "/";

    static void mvnPackage(Path project) throws Exception {
        File log = project.resolve("mvn.log").toFile();
        Process p = new ProcessBuilder("mvn", "-B", "-q", "-Dstyle.color=never", "-Dmaven.test.skip=true",
                "-Dmaven.javadoc.skip=true", "package")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "mvn package timed out");
        assertEquals(0, p.exitValue(), "mvn package failed:\n" + Files.readString(log.toPath(), StandardCharsets.UTF_8));
    }

    /** The native entries (under the os-arch folder) of a jar, with their content. */
    static Map<String, String> nativeEntries(Path jar) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(j.entries())) {
                if (e.getName().startsWith(DIR) && !e.isDirectory()) {
                    entries.put(e.getName(), new String(j.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void aLibraryRemovedFromNativeLeavesTheNextJars(@TempDir Path project) throws Exception {
        Files.copy(Path.of("pom.xml"), project.resolve("pom.xml"));
        copyTree(Path.of("src/main"), project.resolve("src/main"));
        copyTree(Path.of("src/testing"), project.resolve("src/testing"));
        Path nativeDir = Files.createDirectories(project.resolve("native").resolve(Platform.RESOURCE_PREFIX));
        String library = System.mapLibraryName("strophe");
        Files.writeString(nativeDir.resolve(library), "a stand-in library");
        Files.writeString(nativeDir.resolve("libstrophe.version"), "version=0.14.0\n");
        Path jar = project.resolve("target/strophe-jna-0.1.0-SNAPSHOT.jar");
        Path cliJar = project.resolve("target/strophe-jna-0.1.0-SNAPSHOT-cli.jar");

        mvnPackage(project);
        Map<String, String> packed = Map.of(DIR + library, "a stand-in library", DIR + "libstrophe.version", "version=0.14.0\n");
        assertEquals(packed, nativeEntries(jar));
        assertEquals(packed, nativeEntries(cliJar));
        // the test support's jars are whole, for install to take, whatever was skipped
        ArtifactsIT.assertHoldsTheClassesOf(project.resolve("target/strophe-jna-testing-0.1.0-SNAPSHOT.jar"), Path.of("src/testing/java"));
        assertTrue(Files.exists(project.resolve("target/strophe-jna-testing-0.1.0-SNAPSHOT-javadoc.jar")), "no testing Javadoc");

        Files.delete(nativeDir.resolve(library));
        Files.delete(nativeDir.resolve("libstrophe.version"));
        mvnPackage(project);
        assertEquals(Map.of(), nativeEntries(jar), "native/ is empty, the jar is not");
        assertEquals(Map.of(), nativeEntries(cliJar), "native/ is empty, the -cli jar is not");
        assertTrue(!Files.exists(project.resolve("target/classes").resolve(DIR).resolve(library)), "a stale copy in target/classes");
    }
}
