/*
 * Turns JNAerator's raw output for strophe.h into the committed sources of
 * io.github.strophejna.jna. Run by scripts/generate-bindings.sh as a JDK
 * single-file program:
 *
 *   java PostProcess.java JNAERATOR_OUT_DIR HEADER NEWER_HEADER SINCE_TABLE OUT_DIR
 *
 * JNAerator is right about which declarations exist, their parameter names,
 * constants and structure layouts, but wrong in ways JNA 5 cares about (see
 * FACTS.md): handles as PointerByReference, enums as nested interfaces, flags
 * as int, size_t as a class from its own runtime, caller-owned char* as
 * String. This program keeps what it got right and derives every Java type
 * from the C types instead. Which version added what comes from the table
 * scripts/bindings/since.txt: what the oldest supported version lacks goes to
 * the lazily bound StropheNewer. The output depends only on its inputs: no
 * dates, no absolute paths, declarations in header order.
 */

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class PostProcess {

    static final String PACKAGE = "io.github.strophejna.jna";

    /** Functions JNA cannot direct-map: C varargs. They go to an interface mapping. */
    static final Set<String> VARARGS = new LinkedHashSet<>();

    /** C parameters whose C type alone does not say how they are used. */
    static final Map<String, String> PARAM_OVERRIDES = Map.of(
            // char ** here is an input array of strings (a StringArray), not an out-parameter
            "xmpp_conn_open_stream.attributes", "Pointer",
            // char * here is input text, but non-const in 0.12's header
            "xmpp_send_error.text", "String",
            // the account password: a NUL-terminated buffer the caller fills and wipes, never a Java String
            "xmpp_conn_set_pass.pass", "Pointer",
            // bytes with an explicit length: exact and binary-safe as byte[]
            "xmpp_send_raw.data", "byte[]",
            "xmpp_stanza_set_text_with_size.text", "byte[]");

    /** Words that read better with a capital inside them. */
    static final Map<String, String> WORDS = Map.of(
            "tlscert", "TlsCert", "certfail", "CertFail", "sockopt", "SockOpt", "sha1", "Sha1");

    record Param(String cType, String name) {}
    record Function(String name, String cReturn, List<Param> params, boolean varargs, String since) {}
    record Constant(String name, String javaType, String value, String group, String since) {}
    record CallbackType(String cName, String cReturn, List<Param> params, String since) {}
    record Field(String javaType, String name, String cType) {}
    record StructType(String cName, List<Field> fields, List<CallbackType> nested) {}

    final String headerText;
    final String newerText;
    final String headerSha;
    /** The oldest libstrophe release the binding supports (the table's "oldest-supported" line). */
    String oldestSupported;
    /** Every row of the table: name to "X.Y.Z" or "master after X.Y.Z", in table order. */
    final Map<String, String> sinceTable = new LinkedHashMap<>();
    /** The rows newer than the oldest supported version: what the generated code guards. */
    final Map<String, String> sinceByName = new LinkedHashMap<>();
    final Set<String> handleTypes = new LinkedHashSet<>();
    final Set<String> enumTypes = new LinkedHashSet<>();
    final Set<String> borrowedStringReturns = new LinkedHashSet<>();
    final Set<String> longFlags = new LinkedHashSet<>();
    final Map<String, CallbackType> callbacks = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();
    final List<Constant> constants = new ArrayList<>();
    final Map<String, StructType> structs = new LinkedHashMap<>();

    PostProcess(String header, String newer, String sinceTableText) throws Exception {
        this.headerText = stripComments(header);
        this.newerText = newer;
        this.headerSha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8)));
        readSinceTable(sinceTableText);
        String both = headerText + "\n" + stripComments(newer);
        Matcher m = Pattern.compile("typedef\\s+struct\\s+_\\w+\\s+(\\w+)\\s*;").matcher(both);
        while (m.find()) {
            if (!m.group(1).equals("xmpp_mem_t") && !m.group(1).equals("xmpp_log_t")) {
                handleTypes.add(m.group(1));
            }
        }
        m = Pattern.compile("(?:^|[;}])\\s*const\\s+char\\s*\\*\\s*(xmpp_\\w+)\\s*\\(").matcher(both);
        while (m.find()) {
            borrowedStringReturns.add(m.group(1));
        }
        m = Pattern.compile("#define\\s+(\\w+)\\s+\\(1UL\\s*<<\\s*\\d+\\)").matcher(both);
        while (m.find()) {
            longFlags.add(m.group(1));
        }
        m = Pattern.compile("typedef\\s+([\\w\\s\\*]+?)\\s*\\(\\s*\\*\\s*(\\w+)\\s*\\)\\s*\\(([^)]*)\\)\\s*;").matcher(both);
        while (m.find()) {
            List<Param> params = new ArrayList<>();
            for (String p : m.group(3).split(",")) {
                params.add(splitDeclaration(p.trim()));
            }
            callbacks.put(m.group(2), new CallbackType(m.group(2), normalize(m.group(1)), params, sinceByName.get(m.group(2))));
        }
    }

    static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    static final Pattern MASTER_AFTER = Pattern.compile("master after (\\d+\\.\\d+\\.\\d+)");

    /** Reads scripts/bindings/since.txt: "oldest-supported X.Y.Z", then "NAME SINCE" lines. */
    void readSinceTable(String table) {
        int lineNo = 0;
        for (String raw : table.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String value = parts.length < 2 ? "" : parts[1].strip();
            if (parts[0].equals("oldest-supported")) {
                if (!RELEASE.matcher(value).matches()) {
                    throw new IllegalStateException("since.txt line " + lineNo + ": oldest-supported needs X.Y.Z: " + line);
                }
                oldestSupported = value;
            } else if (RELEASE.matcher(value).matches() || MASTER_AFTER.matcher(value).matches()) {
                if (sinceTable.put(parts[0], value) != null) {
                    throw new IllegalStateException("since.txt line " + lineNo + ": " + parts[0] + " listed twice");
                }
            } else {
                throw new IllegalStateException("since.txt line " + lineNo
                        + ": expected NAME X.Y.Z or NAME master after X.Y.Z, got: " + line);
            }
        }
        if (oldestSupported == null) {
            throw new IllegalStateException("since.txt has no oldest-supported line");
        }
        sinceTable.forEach((name, since) -> {
            if (newerThanOldest(since)) {
                sinceByName.put(name, since);
            }
        });
    }

    /** Whether a table version is after the oldest supported release (master snapshots always are). */
    boolean newerThanOldest(String since) {
        if (MASTER_AFTER.matcher(since).matches()) {
            return true;
        }
        return compareReleases(since, oldestSupported) > 0;
    }

    static int compareReleases(String a, String b) {
        Matcher x = RELEASE.matcher(a);
        Matcher y = RELEASE.matcher(b);
        if (!x.matches() || !y.matches()) {
            throw new IllegalArgumentException(a + " or " + b + " is not X.Y.Z");
        }
        for (int i = 1; i <= 3; i++) {
            int c = Integer.compare(Integer.parseInt(x.group(i)), Integer.parseInt(y.group(i)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Every table name must be something generated, and everything declared only in strophe-newer.h must be in the table. */
    void checkSinceTable() {
        Set<String> known = new LinkedHashSet<>(functions.keySet());
        constants.forEach(c -> known.add(c.name()));
        known.addAll(callbacks.keySet());
        known.addAll(handleTypes);
        Set<String> unknown = new TreeSet<>(sinceTable.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("since.txt names what the headers do not declare: " + unknown);
        }
        Set<String> unlisted = new TreeSet<>();
        Matcher m = Pattern.compile("(?:#define\\s+|\\(\\*\\s*|\\b)(xmpp_\\w+|XMPP_\\w+)\\s*(?:\\(|\\)|\\s)")
                .matcher(stripComments(newerText));
        while (m.find()) {
            String name = m.group(1);
            if (known.contains(name) && !handleTypes.contains(name) && !sinceByName.containsKey(name)
                    && !headerText.contains(name)) {
                unlisted.add(name);
            }
        }
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("declared in strophe-newer.h but not in since.txt: " + unlisted);
        }
    }

    /** The doc sentence for something newer than the oldest supported version. */
    static String needs(String since, String what) {
        Matcher m = MASTER_AFTER.matcher(since);
        if (m.matches()) {
            return "In no libstrophe release yet: only upstream master after " + m.group(1) + " has it; " + what;
        }
        return "Needs libstrophe " + since + " or newer; " + what;
    }

    static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    static String normalize(String cType) {
        return cType.replace("const", " ").replaceAll("\\s*\\*", "*").replaceAll("\\s+", " ").trim();
    }

    static Param splitDeclaration(String decl) {
        Matcher m = Pattern.compile("^(.*?[\\s\\*])(\\w+)$").matcher(decl.replace("*const ", "* "));
        if (!m.matches()) {
            return new Param(decl, "arg");
        }
        return new Param(m.group(1).trim(), m.group(2));
    }

    static String javaName(String cName) {
        String base = cName.endsWith("_t") ? cName.substring(0, cName.length() - 2) : cName;
        StringBuilder sb = new StringBuilder();
        for (String part : base.split("_")) {
            if (part.isEmpty()) {
                continue;
            }
            sb.append(WORDS.getOrDefault(part, Character.toUpperCase(part.charAt(0)) + part.substring(1)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- reading JNAerator's output

    void readLibrary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder doc = new StringBuilder();
        String currentEnum = null;
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("/**")) {
                doc.setLength(0);
            }
            if (t.startsWith("/**") || t.startsWith("*")) {
                doc.append(t).append('\n');
                continue;
            }
            Matcher m;
            if ((m = Pattern.compile("^\tpublic static interface (\\w+) \\{").matcher(line)).find()) {
                currentEnum = m.group(1);
                enumTypes.add(currentEnum);
            } else if (currentEnum != null && (m = Pattern.compile("public static final int (\\w+) = (-?\\d+);").matcher(t)).find()) {
                constants.add(new Constant(m.group(1), "int", m.group(2), currentEnum, sinceByName.get(m.group(1))));
            } else if (line.startsWith("\t};") && currentEnum != null) {
                currentEnum = null;
            } else if ((m = Pattern.compile("^\tpublic static final (String|int) (\\w+) = \\((?:String|int)\\)(.*);$").matcher(line)).find()) {
                addConstant(m.group(1), m.group(2), m.group(3));
            } else if ((m = Pattern.compile("^\t[\\w.]+ (xmpp_\\w+)\\((.*)\\);$").matcher(line)).find()) {
                addFunction(m.group(1), m.group(2), doc.toString());
            }
        }
    }

    void addConstant(String javaType, String name, String value) {
        String group;
        String type = javaType;
        String v = value;
        if (name.startsWith("XMPP_NS_")) {
            group = "namespaces";
        } else if (longFlags.contains(name)) {
            group = "connection flags (a C long)";
            type = "long";
            v = value.replaceAll("\\(1 <<", "(1L <<");
        } else if (name.matches("XMPP_E[A-Z]+")) {
            group = "error codes";
        } else {
            group = "other";
        }
        constants.add(new Constant(name, type, v, group, sinceByName.get(name)));
    }

    void addFunction(String name, String javaParams, String doc) {
        if (functions.containsKey(name)) {
            return; // an overload: the first one carries the names
        }
        Matcher sig = Pattern.compile("Original signature : <code>(.*?) (xmpp_\\w+)\\((.*)\\)</code>").matcher(doc);
        if (!sig.find()) {
            throw new IllegalStateException("no C signature for " + name);
        }
        List<String> names = new ArrayList<>();
        if (!javaParams.isBlank()) {
            for (String p : javaParams.split(", ")) {
                String[] parts = p.trim().split("\\s+");
                names.add(parts[parts.length - 1].replace("[]", ""));
            }
        }
        List<Param> params = new ArrayList<>();
        boolean varargs = false;
        String[] cTypes = sig.group(3).isBlank() ? new String[0] : sig.group(3).split(", ");
        for (int i = 0; i < cTypes.length; i++) {
            if (cTypes[i].equals("null")) {
                varargs = true;
                continue;
            }
            params.add(new Param(cTypes[i], names.get(i)));
        }
        if (varargs) {
            VARARGS.add(name);
        }
        functions.put(name, new Function(name, sig.group(1), params, varargs, sinceByName.get(name)));
    }

    void readStruct(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String cName = file.getFileName().toString().replace(".java", "");
        List<Field> fields = new ArrayList<>();
        List<CallbackType> nested = new ArrayList<>();
        String cType = null;
        String nestedName = null;
        for (String line : lines) {
            String t = line.trim();
            Matcher m;
            if ((m = Pattern.compile("C type : (.+?)\\s*(?:\\*/|<br>|$)").matcher(t)).find() && !t.startsWith("* @param")) {
                cType = m.group(1).trim();
            } else if ((m = Pattern.compile("^\tpublic ([\\w.]+) (\\w+);$").matcher(line)).find()) {
                fields.add(new Field(m.group(1), m.group(2), cType));
                cType = null;
            } else if ((m = Pattern.compile("^\tpublic interface (\\w+) extends Callback").matcher(line)).find()) {
                nestedName = m.group(1);
            } else if (nestedName != null && (m = Pattern.compile("^\t\t([\\w]+) apply\\((.*)\\);").matcher(line)).find()) {
                List<Param> ps = new ArrayList<>();
                for (String p : m.group(2).split(", ")) {
                    String[] parts = p.split(" ");
                    ps.add(new Param(parts[0].equals("NativeSize") ? "size_t" : "void*", parts[1]));
                }
                nested.add(new CallbackType(nestedName, m.group(1).equals("Pointer") ? "void*" : m.group(1), ps, null));
                nestedName = null;
            }
        }
        structs.put(cName, new StructType(cName, fields, nested));
    }

    // ---------------------------------------------------------------- C type -> Java type

    /** Java type of a C type; context is "return", "param" or "callback". */
    String javaType(String rawCType, String context, String function) {
        boolean isConst = rawCType.contains("const");
        String c = normalize(rawCType);
        if (c.equals("void")) {
            return "void";
        }
        if (c.equals("int") || c.equals("unsigned int")) {
            return "int";
        }
        if (c.equals("long") || c.equals("unsigned long")) {
            return "NativeLong";
        }
        if (c.equals("unsigned short")) {
            return "UnsignedShort";
        }
        if (c.equals("size_t")) {
            return "SizeT";
        }
        if (c.equals("size_t*")) {
            return "SizeT.ByReference";
        }
        if (enumTypes.contains(c)) {
            return "int";
        }
        if (callbacks.containsKey(c)) {
            return javaName(c);
        }
        if (c.endsWith("*") && handleTypes.contains(c.substring(0, c.length() - 1))) {
            return javaName(c.substring(0, c.length() - 1));
        }
        if (c.endsWith("*") && structs.containsKey(c.substring(0, c.length() - 1))) {
            return javaName(c.substring(0, c.length() - 1));
        }
        if (c.equals("char*")) {
            if (context.equals("callback")) {
                return "Pointer"; // decoded explicitly as UTF-8 by the caller
            }
            if (context.equals("return")) {
                // a const char * return is borrowed; a char * one is the caller's to xmpp_free
                return borrowedStringReturns.contains(function) ? "String" : "Pointer";
            }
            return isConst ? "String" : "Pointer";
        }
        if (c.equals("unsigned char*")) {
            return context.equals("param") ? "byte[]" : "Pointer";
        }
        if (c.equals("char**") || c.equals("unsigned char**")) {
            return isConst ? "Pointer" : "PointerByReference";
        }
        if (c.equals("void*")) {
            return "Pointer";
        }
        throw new IllegalStateException("no Java type for C type '" + rawCType + "' in " + function);
    }

    String paramType(Function f, Param p) {
        String override = PARAM_OVERRIDES.get(f.name() + "." + p.name());
        return override != null ? override : javaType(p.cType(), "param", f.name());
    }

    String returnType(Function f) {
        return javaType(f.cReturn(), "return", f.name());
    }

    // ---------------------------------------------------------------- writing

    String fileHeader() {
        return "// GENERATED FILE - DO NOT EDIT.\n"
                + "// Generated by scripts/generate-bindings.sh with JNAerator 0.12 and scripts/bindings/PostProcess.java\n"
                + "// from strophe.h (sha256 " + headerSha.substring(0, 16) + "...), scripts/bindings/strophe-newer.h\n"
                + "// and scripts/bindings/since.txt.\n"
                + "// To regenerate: scripts/generate-bindings.sh [/usr/include/strophe.h]\n"
                + "package " + PACKAGE + ";\n\n";
    }

    static String imports(String body) {
        Set<String> imports = new TreeSet<>();
        Map<String, String> known = Map.of(
                "NativeLong", "com.sun.jna.NativeLong",
                "Pointer", "com.sun.jna.Pointer",
                "PointerByReference", "com.sun.jna.ptr.PointerByReference",
                "Callback", "com.sun.jna.Callback",
                "Library", "com.sun.jna.Library",
                "PointerType", "com.sun.jna.PointerType",
                "Structure", "com.sun.jna.Structure");
        for (Map.Entry<String, String> e : known.entrySet()) {
            if (Pattern.compile("\\b" + e.getKey() + "\\b").matcher(body).find()) {
                imports.add(e.getValue());
            }
        }
        if (imports.isEmpty()) {
            return "";
        }
        return imports.stream().map(i -> "import " + i + ";").collect(Collectors.joining("\n")) + "\n\n";
    }

    String cSignature(Function f) {
        String params = f.params().stream().map(p -> p.cType() + " " + p.name()).collect(Collectors.joining(", "));
        if (f.varargs()) {
            params += params.isEmpty() ? "..." : ", ...";
        }
        String ret = borrowedStringReturns.contains(f.name()) ? "const char*" : f.cReturn();
        return ret + " " + f.name() + "(" + params + ")";
    }

    String methodDoc(Function f, String indent) {
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("/**\n");
        sb.append(indent).append(" * C: {@code ").append(cSignature(f).replace("*/", "* /")).append("}");
        if (returnType(f).equals("Pointer") && normalize(f.cReturn()).equals("char*")) {
            sb.append("\n").append(indent).append(" * <p>The returned string belongs to the caller: read it, then {@code xmpp_free(ctx, p)}.");
        }
        if (f.since() != null) {
            sb.append("\n").append(indent).append(" * <p>")
                    .append(needs(f.since(), "on a library without it, it throws {@link UnsupportedLibStropheException}."));
        }
        sb.append("\n").append(indent).append(" */\n");
        return sb.toString();
    }

    String javaParams(Function f) {
        List<String> ps = new ArrayList<>();
        for (Param p : f.params()) {
            ps.add(paramType(f, p) + " " + p.name());
        }
        if (f.varargs()) {
            ps.add("Object... args");
        }
        return String.join(", ", ps);
    }

    String directClass() {
        StringBuilder body = new StringBuilder();
        body.append("/**\n"
                + " * Every function of strophe.h that JNA can call directly, mapped with {@code Native.register}\n"
                + " * for speed; every one of them is in libstrophe " + oldestSupported + ", the oldest version the binding\n"
                + " * supports. Functions added later are in {@link StropheNewer}, the other C varargs function\n"
                + " * in {@link StropheVarargs}, and the functions left out in {@link ExcludedFunctions}.\n"
                + " * <p>libstrophe is not thread-safe: call these for one context and its connections\n"
                + " * from one thread only. Strings are passed and returned as UTF-8.\n"
                + " */\n");
        body.append("public final class Strophe {\n\n");
        body.append("    static {\n        LibStrophe.register(Strophe.class);\n    }\n\n");
        body.append("    private Strophe() {\n    }\n");
        for (Function f : functions.values()) {
            if (f.varargs() || f.since() != null) {
                continue;
            }
            body.append("\n").append(methodDoc(f, "    "));
            body.append("    public static native ").append(returnType(f)).append(' ').append(f.name())
                    .append('(').append(javaParams(f)).append(");\n");
        }
        body.append("}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    String varargsInterface() {
        StringBuilder body = new StringBuilder();
        body.append("/**\n"
                + " * The C varargs functions of strophe.h that every supported libstrophe has, which direct mapping\n"
                + " * cannot call: an interface mapping. ({@code xmpp_stanza_get_child_by_path}, added later, is in\n"
                + " * {@link StropheNewer}.)\n"
                + " * <p>Same threading rule as {@link Strophe}.\n"
                + " */\n");
        body.append("public interface StropheVarargs extends Library {\n\n");
        body.append("    /** The mapping, bound to the library {@link LibStrophe} loaded. */\n");
        body.append("    StropheVarargs INSTANCE = LibStrophe.loadInterface(StropheVarargs.class);\n");
        for (Function f : functions.values()) {
            if (!f.varargs() || f.since() != null) {
                continue;
            }
            body.append("\n").append(methodDoc(f, "    "));
            body.append("    ").append(returnType(f)).append(' ').append(f.name())
                    .append('(').append(javaParams(f)).append(");\n");
        }
        body.append("}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    /** A Java name for a version group: "0.12.0" gives Since_0_12_0, "master after 0.14.0" Since_master_after_0_14_0. */
    static String groupName(String since) {
        return "Since_" + since.replaceAll("[^A-Za-z0-9]+", "_");
    }

    /**
     * StropheNewer: per version, a direct-mapped nested class bound on first use (fast to call, and never
     * bound on a library without those symbols), behind public wrappers that check a flag computed once.
     * Varargs functions go to a nested interface mapping, which JNA binds per call.
     */
    String newerClass() {
        Map<String, List<Function>> groups = new LinkedHashMap<>();
        for (Function f : functions.values()) {
            if (f.since() != null) {
                groups.computeIfAbsent(f.since(), k -> new ArrayList<>()).add(f);
            }
        }
        StringBuilder available = new StringBuilder();
        StringBuilder direct = new StringBuilder();
        StringBuilder varargs = new StringBuilder();
        StringBuilder wrappers = new StringBuilder();
        for (Map.Entry<String, List<Function>> g : groups.entrySet()) {
            String group = groupName(g.getKey());
            List<String> names = g.getValue().stream().map(f -> "\"" + f.name() + "\"").toList();
            available.append("        static final boolean ").append(group).append(" = LibStrophe.hasFunctions(\n                ")
                    .append(String.join(",\n                ", names)).append(");\n");
            List<Function> natives = g.getValue().stream().filter(f -> !f.varargs()).toList();
            if (!natives.isEmpty()) {
                direct.append("\n    /** The functions of ").append(g.getKey()).append(", bound when first called. */\n");
                direct.append("    static final class ").append(group).append(" {\n");
                direct.append("        static {\n            LibStrophe.register(").append(group).append(".class);\n        }\n\n");
                direct.append("        private ").append(group).append("() {\n        }\n\n");
                for (Function f : natives) {
                    direct.append("        static native ").append(returnType(f)).append(' ').append(f.name())
                            .append('(').append(javaParams(f)).append(");\n");
                }
                direct.append("    }\n");
            }
            for (Function f : g.getValue()) {
                if (f.varargs()) {
                    varargs.append("        ").append(returnType(f)).append(' ').append(f.name())
                            .append('(').append(javaParams(f)).append(");\n");
                }
                String args = f.params().stream().map(Param::name).collect(Collectors.joining(", "))
                        + (f.varargs() ? (f.params().isEmpty() ? "args" : ", args") : "");
                wrappers.append("\n").append(methodDoc(f, "    "));
                wrappers.append("    public static ").append(returnType(f)).append(' ').append(f.name())
                        .append('(').append(javaParams(f)).append(") {\n");
                wrappers.append("        if (!Available.").append(group).append(") {\n");
                wrappers.append("            throw LibStrophe.unsupported(\"").append(f.name()).append("\", \"")
                        .append(f.since()).append("\");\n        }\n");
                wrappers.append("        ").append(returnType(f).equals("void") ? "" : "return ")
                        .append(f.varargs() ? "Varargs.INSTANCE." : group + ".").append(f.name())
                        .append('(').append(args).append(");\n");
                wrappers.append("    }\n");
            }
        }
        StringBuilder flags = new StringBuilder();
        for (Constant c : constants) {
            if (c.since() != null && c.javaType().equals("long")) {
                flags.append("        if ((flags & StropheConstants.").append(c.name()).append(") != 0) {\n")
                        .append("            LibStrophe.requireVersion(\"").append(c.name()).append("\", \"")
                        .append(c.since()).append("\");\n        }\n");
            }
        }
        StringBuilder body = new StringBuilder();
        body.append("/**\n"
                + " * Functions and connection flags that libstrophe added after " + oldestSupported + ", the oldest version\n"
                + " * this binding supports (scripts/bindings/since.txt says which version added what). Each call\n"
                + " * first checks the loaded library and throws {@link UnsupportedLibStropheException}, naming the\n"
                + " * version needed, when it lacks the function. {@code xmpp_stanza_get_child_by_path} takes path\n"
                + " * elements ending with a {@code null}.\n"
                + " * <p>Same threading rule as {@link Strophe}.\n"
                + " */\n");
        body.append("public final class StropheNewer {\n\n");
        body.append("    private StropheNewer() {\n    }\n\n");
        body.append("    /** Whether the loaded library has each version's functions: asked once, on first use. */\n");
        body.append("    static final class Available {\n");
        body.append(available);
        body.append("\n        private Available() {\n        }\n    }\n");
        body.append(direct);
        if (varargs.length() > 0) {
            body.append("\n    /** The C varargs ones, as an interface mapping (direct mapping cannot call them). */\n");
            body.append("    interface Varargs extends Library {\n");
            body.append("        Varargs INSTANCE = LibStrophe.loadInterface(Varargs.class);\n\n");
            body.append(varargs);
            body.append("    }\n");
        }
        body.append("\n    /**\n     * Throws {@link UnsupportedLibStropheException} when {@code flags} holds a connection flag\n"
                + "     * that the loaded library is too old to know; call it before {@code xmpp_conn_set_flags}.\n"
                + "     *\n     * @param flags the flags about to be set\n     */\n");
        body.append("    public static void requireFlags(long flags) {\n").append(flags).append("    }\n");
        body.append(wrappers);
        body.append("}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    String constantsClass() {
        StringBuilder body = new StringBuilder();
        body.append("/** Every constant of strophe.h: namespaces, error codes, connection flags and enum values. */\n");
        body.append("public final class StropheConstants {\n\n    private StropheConstants() {\n    }\n");
        List<String> groupOrder = List.of("namespaces", "error codes", "connection flags (a C long)");
        List<Constant> sorted = new ArrayList<>(constants);
        // stable: header order within a group; the fixed groups first, then the enums in header order
        sorted.sort(java.util.Comparator.comparingInt(c -> {
            int i = groupOrder.indexOf(c.group());
            return i >= 0 ? i : groupOrder.size();
        }));
        String group = null;
        for (Constant c : sorted) {
            if (!c.group().equals(group)) {
                group = c.group();
                body.append("\n    // ").append(group).append("\n");
            }
            if (c.since() != null) {
                body.append("\n    /** ").append(needs(c.since(), "see StropheNewer.")).append(" */\n");
            }
            body.append("    public static final ").append(c.javaType()).append(' ').append(c.name())
                    .append(" = ").append(c.value()).append(";\n");
        }
        body.append("}\n");
        return fileHeader() + body;
    }

    String sinceClass() {
        StringBuilder rows = new StringBuilder();
        sinceTable.forEach((name, since) -> rows.append("        m.put(\"").append(name).append("\", \"").append(since).append("\");\n"));
        String functionNames = sinceTable.keySet().stream().filter(functions::containsKey)
                .map(n -> "\"" + n + "\"").collect(Collectors.joining(",\n            "));
        String body = "/**\n"
                + " * Which libstrophe version added each function, callback type and constant of the binding that not\n"
                + " * every version has, as scripts/bindings/since.txt lists them: a release {@code \"X.Y.Z\"}, or\n"
                + " * {@code \"master after X.Y.Z\"} for what only upstream's master branch has, in no release yet.\n"
                + " * What is not listed is in every supported version. {@link LibStrophe#supports(String)} answers\n"
                + " * for the loaded library.\n"
                + " */\n"
                + "public final class StropheSince {\n\n"
                + "    /** The oldest libstrophe release the binding supports: {@link Strophe} binds on it. */\n"
                + "    public static final String OLDEST_SUPPORTED = \"" + oldestSupported + "\";\n\n"
                + "    private static final Map<String, String> SINCE = table();\n\n"
                + "    private static final Set<String> FUNCTIONS = Set.of(\n            " + functionNames + ");\n\n"
                + "    private StropheSince() {\n    }\n\n"
                + "    private static Map<String, String> table() {\n"
                + "        Map<String, String> m = new LinkedHashMap<>();\n"
                + rows
                + "        return Collections.unmodifiableMap(m);\n    }\n\n"
                + "    /**\n     * The version that added a name.\n     *\n"
                + "     * @param name a C function, callback type, handle type or constant\n"
                + "     * @return {@code \"X.Y.Z\"} or {@code \"master after X.Y.Z\"}, or null when it is not listed\n     */\n"
                + "    public static String of(String name) {\n        return SINCE.get(name);\n    }\n\n"
                + "    /**\n     * The whole table.\n     *\n"
                + "     * @return every listed name with the version that added it, oldest first; unmodifiable\n     */\n"
                + "    public static Map<String, String> all() {\n        return SINCE;\n    }\n\n"
                + "    /**\n     * Whether a listed name is a function (the others are types and constants).\n     *\n"
                + "     * @param name a name of the table\n"
                + "     * @return true for a C function, which a library exports as a symbol\n     */\n"
                + "    public static boolean isFunction(String name) {\n        return FUNCTIONS.contains(name);\n    }\n}\n";
        return fileHeader() + "import java.util.Collections;\nimport java.util.LinkedHashMap;\nimport java.util.Map;\nimport java.util.Set;\n\n" + body;
    }

    String callbackInterface(CallbackType cb) {
        StringBuilder body = new StringBuilder();
        String params = cb.params().stream().map(p -> p.cType() + " " + p.name()).collect(Collectors.joining(", "));
        body.append("/**\n * C: {@code typedef ").append(cb.cReturn()).append(" (*").append(cb.cName()).append(")(")
                .append(params).append(")}.\n");
        body.append(" * <p>libstrophe keeps only the function pointer: keep this object strongly referenced for as\n"
                + " * long as libstrophe may call it, or the JVM crashes when it does.\n");
        if (cb.since() != null) {
            body.append(" * <p>").append(needs(cb.since(), "older libraries never call it.")).append("\n");
        }
        body.append(" */\n");
        body.append("public interface ").append(javaName(cb.cName())).append(" extends Callback {\n\n");
        body.append("    ").append(javaType(cb.cReturn(), "callback", cb.cName())).append(" invoke(")
                .append(cb.params().stream().map(p -> javaType(p.cType(), "callback", cb.cName()) + " " + p.name())
                        .collect(Collectors.joining(", ")))
                .append(");\n}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    String handleClass(String cType) {
        String name = javaName(cType);
        String since = sinceByName.get(cType);
        String body = "/**\n * An opaque {@code " + cType + " *} handle. Never dereferenced from Java.\n"
                + (since == null ? "" : " * <p>" + needs(since, "older libraries have no such thing.") + "\n")
                + " */\n"
                + "public final class " + name + " extends PointerType {\n\n"
                + "    /** A null handle (JNA needs this constructor to convert native values). */\n"
                + "    public " + name + "() {\n    }\n\n"
                + "    /**\n     * Wraps a native address.\n     *\n     * @param address the native {@code " + cType + " *}\n     */\n"
                + "    public " + name + "(Pointer address) {\n        super(address);\n    }\n}\n";
        return fileHeader() + imports(body) + body;
    }

    String structClass(StructType s) {
        String name = javaName(s.cName());
        StringBuilder body = new StringBuilder();
        String order = s.fields().stream().map(f -> "\"" + f.name() + "\"").collect(Collectors.joining(", "));
        body.append("/** C: {@code ").append(s.cName()).append("}, laid out field by field. */\n");
        body.append("@Structure.FieldOrder({").append(order).append("})\n");
        body.append("public class ").append(name).append(" extends Structure {\n");
        for (CallbackType cb : s.nested()) {
            String cbName = javaName(cb.cName());
            body.append("\n    /** The {@code ").append(cb.cName().replace("_callback", ""))
                    .append("} member's function type. Keep instances strongly referenced while in use. */\n");
            body.append("    public interface ").append(cbName).append(" extends Callback {\n");
            body.append("        ").append(javaType(cb.cReturn(), "callback", cb.cName())).append(" invoke(")
                    .append(cb.params().stream().map(p -> javaType(p.cType(), "callback", cb.cName()) + " " + p.name())
                            .collect(Collectors.joining(", ")))
                    .append(");\n    }\n");
        }
        for (Field f : s.fields()) {
            String type;
            if (f.javaType().contains(".") && f.javaType().endsWith("_callback")) {
                type = javaName(f.javaType().substring(f.javaType().indexOf('.') + 1));
            } else if (f.cType() != null) {
                type = javaType(f.cType(), "callback", s.cName());
            } else {
                type = f.javaType();
            }
            body.append("\n    /** C: {@code ").append(f.cType() == null ? f.javaType() : f.cType()).append(' ')
                    .append(f.name()).append("}. */\n");
            body.append("    public ").append(type).append(' ').append(f.name()).append(";\n");
        }
        body.append("\n    /** An empty structure in Java memory. */\n    public ").append(name).append("() {\n    }\n");
        body.append("\n    /**\n     * Reads the structure at a native address.\n     *\n     * @param address where it is\n     */\n");
        body.append("    public ").append(name).append("(Pointer address) {\n        super(address);\n        read();\n    }\n");
        body.append("\n    /** Passed by reference (a pointer to it). */\n");
        body.append("    public static class ByReference extends ").append(name)
                .append(" implements Structure.ByReference {\n    }\n");
        body.append("}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    void write(Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Strophe.java", directClass());
        files.put("StropheVarargs.java", varargsInterface());
        files.put("StropheNewer.java", newerClass());
        files.put("StropheConstants.java", constantsClass());
        files.put("StropheSince.java", sinceClass());
        for (CallbackType cb : callbacks.values()) {
            files.put(javaName(cb.cName()) + ".java", callbackInterface(cb));
        }
        for (String h : handleTypes) {
            files.put(javaName(h) + ".java", handleClass(h));
        }
        for (StructType s : structs.values()) {
            files.put(javaName(s.cName()) + ".java", structClass(s));
        }
        StringBuilder list = new StringBuilder();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(out.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            list.append(e.getKey()).append('\n');
        }
        // The list of generated files, so the regeneration check also notices a file that disappeared.
        Files.writeString(out.resolve("GENERATED_FILES"), list.toString(), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java PostProcess.java JNAERATOR_OUT_DIR HEADER NEWER_HEADER SINCE_TABLE OUT_DIR");
            System.exit(2);
        }
        Path raw = Path.of(args[0]);
        PostProcess pp = new PostProcess(Files.readString(Path.of(args[1])), Files.readString(Path.of(args[2])),
                Files.readString(Path.of(args[3])));
        List<Path> structFiles;
        try (var s = Files.list(raw)) {
            structFiles = s.filter(p -> p.getFileName().toString().matches("xmpp_\\w+\\.java")).sorted().toList();
        }
        for (Path p : structFiles) {
            pp.readStruct(p);
        }
        pp.readLibrary(raw.resolve("StropheLibrary.java"));
        pp.checkSinceTable();
        pp.write(Path.of(args[4]));
        System.out.printf(Locale.ROOT, "generated %d functions (%d varargs, %d newer than %s), %d constants, %d callback types, %d handles, %d structures%n",
                pp.functions.size(), VARARGS.size(),
                pp.functions.values().stream().filter(f -> f.since() != null).count(), pp.oldestSupported,
                pp.constants.size(), pp.callbacks.size(), pp.handleTypes.size(), pp.structs.size());
    }
}
