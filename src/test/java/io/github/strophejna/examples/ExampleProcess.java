package io.github.strophejna.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One example program running as its own process through {@code scripts/example}, as a user starts it: its
 * output lines are kept (and shown through {@code echo} as they come) so a scenario can wait for what the
 * program says.
 */
final class ExampleProcess implements AutoCloseable {

    /** The repository's top directory: the tests run there. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private final String label;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> echo;
    private final List<Thread> readers = new ArrayList<>();

    private ExampleProcess(String label, Process process, Consumer<String> echo) {
        this.label = label;
        this.process = process;
        this.echo = echo;
        readers.add(read(process.getInputStream(), ""));
        readers.add(read(process.getErrorStream(), "stderr: "));
    }

    /**
     * Starts {@code scripts/example} with these arguments.
     *
     * @param label how its lines are marked when shown
     * @param env extra environment (the password)
     * @param echo where each output line is shown
     * @param args the example's name and its arguments
     */
    static ExampleProcess start(String label, Map<String, String> env, Consumer<String> echo, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("scripts/example").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().remove("XMPP_PASSWORD");
        pb.environment().putAll(env);
        return new ExampleProcess(label, pb.start(), echo);
    }

    private Thread read(InputStream in, String prefix) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String kept = prefix + line;
                    synchronized (lines) {
                        lines.add(kept);
                        lines.notifyAll();
                    }
                    echo.accept("[" + label + "] " + kept);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "example-output-" + label);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits for an output line, counting from the start of the run.
     *
     * @param regex found anywhere in a line
     * @param timeout how long to wait
     * @return the first line that matches
     * @throws AssertionError when none comes in time, with what the program said
     */
    String await(String regex, Duration timeout) throws InterruptedException {
        return awaitCount(regex, 1, timeout).get(0);
    }

    /** @return the first {@code count} lines that match, once there are that many (else an AssertionError) */
    List<String> awaitCount(String regex, int count, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                List<String> found = new ArrayList<>();
                for (String l : lines) {
                    if (p.matcher(l).find()) {
                        found.add(l);
                    }
                }
                if (found.size() >= count) {
                    return found.subList(0, count);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && readersDone())) {
                    throw new AssertionError(label + ": no " + (count > 1 ? count + " lines" : "line") + " matching /" + regex
                            + "/ within " + timeout.toSeconds() + " s" + (process.isAlive() ? "" : " (it exited with "
                            + process.exitValue() + ")") + "; it said:\n" + output());
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    private boolean readersDone() {
        return readers.stream().noneMatch(Thread::isAlive);
    }

    /** @return everything it printed so far, one line each */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** @return its standard input */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Waits for the program to end by itself.
     *
     * @return its exit status
     * @throws AssertionError when it does not end in time
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(label + " did not exit within " + timeout.toSeconds() + " s; it said:\n" + output());
        }
        for (Thread t : readers) {
            t.join(5000);
        }
        return process.exitValue();
    }

    /**
     * Stops it as Ctrl-C would (SIGTERM: its shutdown hooks run) and waits for it.
     *
     * @throws AssertionError when it does not stop within 15 s
     */
    void stop() throws InterruptedException {
        if (process.isAlive()) {
            // through the handle: Process.destroy() would also close our end of its output, losing what its
            // shutdown hooks print
            process.toHandle().destroy();
            awaitExit(Duration.ofSeconds(15));
        }
    }

    /** Stops it, forcibly when it does not stop. */
    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } catch (AssertionError e) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw e;
        }
    }
}
