package io.github.strophejna.cli;

import io.github.strophejna.internal.Redactor;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * What was typed into {@code strophe console}, kept across runs in a file only its owner can read (mode 0600, in
 * a 0700 directory): one entry a line, a multi-line XML entry with its newlines escaped. An entry that may carry
 * a credential (SASL, a password element, a data-form secret; see {@link Redactor#mayHoldCredentials}) is never
 * written. The file keeps the last {@value #KEPT} entries. When it cannot be written, the console goes on without.
 */
final class ConsoleHistory {

    static final int KEPT = 1000;

    private final Path file;
    private final List<String> entries = new ArrayList<>();
    private boolean broken;

    private ConsoleHistory(Path file) {
        this.file = file;
    }

    /** @return the history file: {@code ${XDG_STATE_HOME:-~/.local/state}/strophe-jna/console_history} */
    static Path defaultFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isEmpty() ? Path.of(state)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("strophe-jna").resolve("console_history");
    }

    /**
     * @param file the history file; it need not exist
     * @return the history with the entries the file holds (none when it cannot be read)
     */
    static ConsoleHistory open(Path file) {
        ConsoleHistory h = new ConsoleHistory(file);
        if (Files.isReadable(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        h.entries.add(unescape(line));
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("console history not read (" + file + "): " + e.getMessage());
            }
        }
        return h;
    }

    /** @return the entries, oldest first */
    List<String> entries() {
        return List.copyOf(entries);
    }

    /**
     * Keeps an entry (a command or an XML element as typed) unless it is blank, repeats the last one, or may carry a
     * credential.
     */
    synchronized void add(String entry) {
        if (entry.isBlank() || Redactor.mayHoldCredentials(entry)
                || (!entries.isEmpty() && entries.get(entries.size() - 1).equals(entry))) {
            return;
        }
        entries.add(entry);
        if (broken) {
            return;
        }
        try {
            if (entries.size() > KEPT * 2) {
                entries.subList(0, entries.size() - KEPT).clear();
                rewrite();
            } else {
                append(entry);
            }
        } catch (IOException | RuntimeException e) {
            broken = true; // said once; the session goes on without the file
            System.err.println("console history not saved (" + file + "): " + e);
        }
    }

    private void append(String entry) throws IOException {
        prepare();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            w.write(escape(entry));
            w.write('\n');
        }
    }

    /** Writes the kept entries to a new file beside the old, then puts it in the old one's place in one step. */
    private void rewrite() throws IOException {
        prepare();
        Path next = Files.createTempFile(file.getParent(), "console_history", ".tmp"); // 0600 like the file
        try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            for (String e : entries) {
                w.write(escape(e));
                w.write('\n');
            }
        }
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The directory 0700 and the file 0600, made so before anything is written (and mended if they were not). */
    private void prepare() throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    static String escape(String entry) {
        return entry.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    static String unescape(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                sb.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
