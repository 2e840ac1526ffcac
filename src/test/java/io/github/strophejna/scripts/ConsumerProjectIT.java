package io.github.strophejna.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifacts as a user takes them: a fresh Maven project whose pom.xml has only the dependency and plugin lines
 * of README's "Testing your own code against a real server", with a bot of its own and README's test of it,
 * compiles and passes its test against the jars this build has just packaged.
 *
 * <p>The jars reach it through a local repository of its own, where this build's own install-testing execution
 * (and install-file for the main jar) put them, so ~/.m2 is left alone; everything else it needs comes from this
 * build's local repository, read as a remote one, and only what is not there from Maven Central.
 */
class ConsumerProjectIT {

    /** The user's own code under test: a bot that answers each message with its body. */
    private static final String BOT = """
            import io.github.strophejna.client.XmppClient;
            import io.github.strophejna.stanza.Message;

            public final class EchoBot implements AutoCloseable {
                private final XmppClient client;

                public EchoBot(XmppClient.Builder builder) {
                    client = builder.build();
                    client.onMessage(m -> {
                        if (m.body() != null) {
                            client.send(Message.builder().to(m.from()).body(m.body()).build());
                        }
                    });
                }

                public void start() throws Exception {
                    client.connect().get();
                }

                @Override
                public void close() {
                    client.close();
                }
            }
            """;

    /** What any project of a user's has besides README's lines: Java 17 and a compiler plugin that knows it. */
    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
                <modelVersion>4.0.0</modelVersion>
                <groupId>example</groupId>
                <artifactId>echo-bot</artifactId>
                <version>1.0</version>
                <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                </properties>
                <dependencies>
            %s
                </dependencies>
                <build>
                    <!-- the versions this build uses, so that the common case needs no download -->
                    <pluginManagement>
                        <plugins>
                            <plugin>
                                <artifactId>maven-compiler-plugin</artifactId>
                                <version>3.16.0</version>
                            </plugin>
                            <plugin>
                                <artifactId>maven-resources-plugin</artifactId>
                                <version>3.3.1</version>
                            </plugin>
                        </plugins>
                    </pluginManagement>
                    <plugins>
            %s
                    </plugins>
                </build>
                <repositories>
                    <repository>
                        %s
                    </repository>
                </repositories>
                <pluginRepositories>
                    <pluginRepository>
                        %s
                    </pluginRepository>
                </pluginRepositories>
            </project>
            """;

    @Test
    void aFreshProjectWithReadmesLinesPassesItsTestOfItsBot(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Path repository = dir.resolve("repository");
        install(repository, dir.resolve("install.log"));

        // this build's local repository as a remote one: releases only (its snapshots are not in remote layout)
        String buildRepository = "<id>this-build</id><url>" + Path.of(System.getProperty("strophe.local.repository")).toUri()
                + "</url><releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        Path project = dir.resolve("echo-bot");
        write(project.resolve("pom.xml"), POM.formatted(marked(readme, "dependencies"), marked(readme, "plugins"),
                buildRepository, buildRepository));
        write(project.resolve("src/main/java/EchoBot.java"), BOT);
        write(project.resolve("src/test/java/EchoBotTest.java"), marked(readme, "test"));

        String out = mvn(project, dir.resolve("test.log"), List.of("-Dmaven.repo.local=" + repository, "test"));
        System.out.println("---- the fresh project's mvn test ----\n" + out.strip().replaceAll("(?m)^", "  | "));
        assertTrue(out.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), "README's test did not run and pass:\n" + out);
        assertTrue(out.contains("BUILD SUCCESS"), out);
        assertFalse(out.contains("WARNING: A restricted method"), "README's Surefire lines leave JNA without native access:\n" + out);
    }

    /** Both jars with their POMs into a local repository, as {@code mvn install} puts them into ~/.m2. */
    private static void install(Path repository, Path log) throws Exception {
        String version = System.getProperty("strophe.project.version");
        mvn(Path.of("."), log, List.of("-q", "-DlocalRepositoryPath=" + repository, "install:install-file@install-testing",
                "install:install-file", "-Dfile=target/strophe-jna-" + version + ".jar", "-DpomFile=pom.xml"));
        for (String artifact : List.of("strophe-jna", "strophe-jna-testing")) {
            Path pom = repository.resolve("io/github/strophejna/" + artifact + "/" + version + "/" + artifact + "-" + version + ".pom");
            assertTrue(Files.exists(pom), "not installed: " + pom);
        }
    }

    /** The code block that follows {@code <!-- ConsumerProjectIT: name -->} in README. */
    private static String marked(String readme, String name) {
        Matcher m = Pattern.compile("<!-- ConsumerProjectIT: " + name + " -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has no block marked '" + name + "'");
        return m.group(1);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Runs Maven in a directory; the library this build tests is the one the project's test loads. */
    private static String mvn(Path directory, Path log, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-Dstyle.color=never"));
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String library = System.getProperty("strophe.library.path");
        if (library != null) {
            pb.environment().put("STROPHE_LIBRARY_PATH", library);
        }
        Process p = pb.start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "mvn " + arguments + " did not finish in 10 minutes:\n" + out);
        assertEquals(0, p.exitValue(), "mvn " + arguments + " failed:\n" + out);
        return out;
    }
}
