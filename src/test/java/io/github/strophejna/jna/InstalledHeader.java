package io.github.strophejna.jna;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the installed strophe.h the way a test needs it: declared functions and constants. The header is
 * /usr/include/strophe.h unless -Dstrophe.header says otherwise.
 */
final class InstalledHeader {

    static final Path PATH = Path.of(System.getProperty("strophe.header", "/usr/include/strophe.h")).toAbsolutePath();

    private final String text;

    private InstalledHeader(String text) {
        this.text = text;
    }

    static InstalledHeader read() throws IOException {
        if (!Files.isReadable(PATH)) {
            throw new AssertionError(PATH + " is missing: the binding is checked against the installed header."
                    + " Install it with: apt-get install -y libstrophe-dev");
        }
        return read(PATH);
    }

    /** Another strophe.h, e.g. the one a build of another version installed beside its library. */
    static InstalledHeader read(Path header) throws IOException {
        return new InstalledHeader(Files.readString(header, StandardCharsets.UTF_8));
    }

    /** Code without comments and preprocessor lines. */
    private String code() {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("//[^\n]*", " ")
                .replaceAll("(?m)^\\s*#.*$", " ")
                .replaceAll("XMPP_DEPRECATED\\s*\\([^)]*\\)", " ");
    }

    /** Every function the header declares (not the function pointer typedefs). */
    Set<String> functions() {
        Set<String> names = new LinkedHashSet<>();
        for (String statement : code().split(";")) {
            String s = statement.replaceAll("\\s+", " ").trim();
            int paren = s.indexOf('(');
            if (paren < 0 || s.startsWith("typedef") || s.contains("typedef ")) {
                continue;
            }
            Matcher m = Pattern.compile("(\\w+)\\s*$").matcher(s.substring(0, paren));
            if (m.find() && m.group(1).startsWith("xmpp_")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Object-like XMPP_ macros with their replacement text. */
    Map<String, String> defines() {
        Map<String, String> defines = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*#define\\s+(XMPP_\\w+)[ \\t]+(\\S.*?)\\s*$").matcher(text);
        while (m.find()) {
            if (!m.group(1).equals("XMPP_DEPRECATED")) {
                defines.put(m.group(1), m.group(2));
            }
        }
        return defines;
    }

    /** Members of every {@code typedef enum}. */
    Set<String> enumMembers() {
        Set<String> members = new LinkedHashSet<>();
        Matcher m = Pattern.compile("typedef\\s+enum\\s*\\{([^}]*)\\}").matcher(code());
        while (m.find()) {
            for (String item : m.group(1).split(",")) {
                String name = item.replaceAll("=.*", "").trim();
                if (!name.isEmpty()) {
                    members.add(name);
                }
            }
        }
        return members;
    }
}
