package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What this build's package phase left in target/ is what a public Maven repository takes: both artifacts with
 * their sources and Javadoc jars, POMs carrying what such a repository asks for, the test support's POM complete
 * and declaring its dependencies, its jar holding exactly src/testing/java, the Javadoc exactly the exported API.
 */
class ArtifactsIT {

    private static final String VERSION = System.getProperty("strophe.project.version");
    private static final Path TARGET = Path.of("target");
    private static final Path TESTING_POM = TARGET.resolve("testing/strophe-jna-testing.pom");

    private static Path jar(String artifact, String suffix) {
        return TARGET.resolve(artifact + "-" + VERSION + suffix + ".jar");
    }

    @Test
    void bothPomsCarryWhatAPublicRepositoryAsksFor() throws Exception {
        for (Path pom : List.of(Path.of("pom.xml"), TESTING_POM)) {
            Document doc = xml(pom);
            for (String field : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
                    "developers/developer/name", "scm/url", "scm/connection")) {
                assertFalse(text(doc, "/project/" + field).isBlank(), pom + " lacks " + field);
            }
        }
        assertTrue(Files.exists(Path.of("LICENSE")), "the licence the POMs name");
    }

    @Test
    void theTestingPomIsCompleteAndDeclaresItsDependencies() throws Exception {
        Document doc = xml(TESTING_POM);
        assertFalse(Files.readString(TESTING_POM).contains("${"), "a placeholder left unfilled");
        assertEquals("strophe-jna-testing", text(doc, "/project/artifactId"));
        assertEquals(VERSION, text(doc, "/project/version"));
        assertEquals(VERSION, text(doc, "//dependency[artifactId='strophe-jna']/version"));
        for (String needed : List.of("strophe-jna", "junit-jupiter-api", "testcontainers")) {
            assertEquals("", text(doc, "//dependency[artifactId='" + needed + "']/scope")
                    + text(doc, "//dependency[artifactId='" + needed + "']/optional"), needed + " must reach the user's tests");
        }
    }

    @Test
    void theTestingJarsHoldExactlyTheTestSupport() throws Exception {
        Path sources = Path.of("src/testing/java");
        assertHoldsTheClassesOf(jar("strophe-jna-testing", ""), sources);
        try (JarFile j = new JarFile(jar("strophe-jna-testing", "").toFile())) {
            assertEquals("io.github.strophejna.testing", j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
            assertTrue(j.getEntry("META-INF/maven/io.github.strophejna/strophe-jna-testing/pom.xml") != null, "its POM inside");
        }
        assertSame(files(sources), entries(jar("strophe-jna-testing", "-sources"), ""), "the testing sources jar");
        assertEquals(Set.of("io.github.strophejna.testing"), elementList(jar("strophe-jna-testing", "-javadoc")));
    }

    @Test
    void theLibrarysJarIsAModule() throws Exception {
        try (JarFile j = new JarFile(jar("strophe-jna", "").toFile())) {
            assertTrue(j.getEntry("module-info.class") != null, "no module descriptor in the jar");
        }
    }

    @Test
    void theLibrarysSourcesAndJavadocAreItsApi() throws Exception {
        // exactly src/main/java: native/'s libraries, resources of the jar, are not sources
        assertSame(files(Path.of("src/main/java")), entries(jar("strophe-jna", "-sources"), ""), "the sources jar");
        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("exports ([\\w.]+);").matcher(Files.readString(Path.of("src/main/module/module-info.java")));
        while (m.find()) {
            exported.add(m.group(1));
        }
        Set<String> documented = elementList(jar("strophe-jna", "-javadoc"));
        assertTrue(documented.remove("module:io.github.strophejna"), "documented as a module: " + documented);
        assertEquals(exported, documented, "the Javadoc documents the packages the module exports, and only those");
    }

    /** The jar's classes are those compiled from the source root, each of its files' top-level classes. */
    static void assertHoldsTheClassesOf(Path jar, Path sourceRoot) throws Exception {
        Set<String> classes = entries(jar, ".class").stream().map(c -> c.replaceAll("(\\$[^/]*)?\\.class$", ".java"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertSame(files(sourceRoot), classes, jar + " against " + sourceRoot);
    }

    private static Set<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The jar's files ending with the suffix, outside META-INF. */
    private static Set<String> entries(Path jar, String suffix) throws Exception {
        assertTrue(Files.exists(jar), "not built: " + jar);
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/") && !n.startsWith("META-INF/") && n.endsWith(suffix))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Equal sets, or a message naming only the differences. */
    private static void assertSame(Set<String> expected, Set<String> actual, String what) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": missing " + missing + ", extra " + extra);
    }

    private static Set<String> elementList(Path javadocJar) throws Exception {
        try (JarFile j = new JarFile(javadocJar.toFile())) {
            JarEntry list = j.getJarEntry("element-list");
            assertTrue(list != null, "no element-list in " + javadocJar);
            String text = new String(j.getInputStream(list).readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document doc, String path) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        return xpath.evaluate(path, doc).strip();
    }
}
