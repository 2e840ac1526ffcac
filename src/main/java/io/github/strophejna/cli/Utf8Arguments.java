package io.github.strophejna.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line decoded as UTF-8 when the JVM decoded it as something else. The JVM decodes its arguments with
 * the locale's charset ({@code sun.jnu.encoding}); under the C or POSIX locale (no LANG set, as in many containers
 * and CI jobs) that is ASCII, and every byte beyond ASCII becomes U+FFFD, so a valid {@code jürgen@example.org}
 * typed in UTF-8 would arrive garbled and be refused. On Linux the bytes are still in {@code /proc/self/cmdline};
 * they are decoded again as UTF-8 (bytes that are not UTF-8 still become U+FFFD, which JIDs refuse).
 */
final class Utf8Arguments {

    private Utf8Arguments() {
    }

    /**
     * @param args the arguments as the JVM decoded them
     * @param charset the charset it used (sun.jnu.encoding)
     * @return the same arguments decoded as UTF-8, or {@code args} when the bytes cannot be found or do not match
     */
    static String[] recover(String[] args, String charset) {
        List<byte[]> all;
        Charset jvm;
        try {
            jvm = Charset.forName(charset);
            all = split(Files.readAllBytes(Path.of("/proc/self/cmdline")));
        } catch (IOException | RuntimeException e) {
            return args; // not Linux, or a charset this JVM does not know by that name: keep what the JVM made
        }
        if (all.size() < args.length) {
            return args;
        }
        String[] recovered = new String[args.length];
        int first = all.size() - args.length; // the program's arguments come last, after the JVM's own
        for (int i = 0; i < args.length; i++) {
            byte[] raw = all.get(first + i);
            if (!new String(raw, jvm).equals(args[i])) {
                return args; // not the bytes the JVM read (an @argfile, say): leave them as they are
            }
            recovered[i] = new String(raw, StandardCharsets.UTF_8);
        }
        return recovered;
    }

    /** @return the NUL-terminated strings of a process's command line */
    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (byte b : cmdline) {
            if (b == 0) {
                parts.add(current.toByteArray());
                current.reset();
            } else {
                current.write(b);
            }
        }
        return parts;
    }
}
