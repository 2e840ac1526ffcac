/*
 * Turns JNAerator's raw output for strophe.h into the committed sources of
 * io.github.strophejna.jna. Run by scripts/generate-bindings.sh as a JDK
 * single-file program:
 *
 *   java PostProcess.java JNAERATOR_OUT_DIR HEADER NEWER_HEADER OUT_DIR
 *
 * JNAerator is right about which declarations exist, their parameter names,
 * constants and structure layouts, but wrong in ways JNA 5 cares about (see
 * FACTS.md): handles as PointerByReference, enums as nested interfaces, flags
 * as int, size_t as a class from its own runtime, caller-owned char* as
 * String. This program keeps what it got right and derives every Java type
 * from the C types instead. The output depends only on its inputs: no dates,
 * no absolute paths, declarations in header order.
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
    final Map<String, String> sinceByName = new LinkedHashMap<>();
    final Set<String> handleTypes = new LinkedHashSet<>();
    final Set<String> enumTypes = new LinkedHashSet<>();
    final Set<String> borrowedStringReturns = new LinkedHashSet<>();
    final Set<String> longFlags = new LinkedHashSet<>();
    final Map<String, CallbackType> callbacks = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();
    final List<Constant> constants = new ArrayList<>();
    final Map<String, StructType> structs = new LinkedHashMap<>();

    PostProcess(String header, String newer) throws Exception {
        this.headerText = stripComments(header);
        this.newerText = newer;
        this.headerSha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8)));
        readSinceMarkers(newer);
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

    /** Reads the "@since X.Y.Z" groups of the newer-declarations header. */
    void readSinceMarkers(String newer) {
        String since = null;
        for (String line : newer.split("\n")) {
            Matcher s = Pattern.compile("@since\\s+(\\d+\\.\\d+\\.\\d+)").matcher(line);
            if (s.find()) {
                since = s.group(1);
                continue;
            }
            if (since == null) {
                continue;
            }
            Matcher n = Pattern.compile("(?:#define\\s+|\\(\\*\\s*|\\b)(xmpp_\\w+|XMPP_\\w+)\\s*(?:\\(|\\)|\\s)").matcher(line);
            if (n.find() && !line.trim().startsWith("*")) {
                sinceByName.putIfAbsent(n.group(1), since);
            }
        }
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
                + "// from strophe.h (sha256 " + headerSha.substring(0, 16) + "...) and scripts/bindings/strophe-newer.h.\n"
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
            sb.append("\n").append(indent).append(" * <p>Needs libstrophe ").append(f.since())
                    .append(" or newer; on an older library it throws {@link UnsupportedLibStropheException}.");
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
                + " * for speed. C varargs functions are in {@link StropheVarargs}, functions newer than\n"
                + " * libstrophe 0.12 in {@link StropheNewer}, and the functions left out in {@link ExcludedFunctions}.\n"
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
                + " * The C varargs functions of strophe.h, which direct mapping cannot call: an interface mapping.\n"
                + " * {@code xmpp_stanza_get_child_by_path} takes path elements ending with a {@code null}.\n"
                + " * <p>Same threading rule as {@link Strophe}.\n"
                + " */\n");
        body.append("public interface StropheVarargs extends Library {\n\n");
        body.append("    /** The mapping, bound to the library {@link LibStrophe} loaded. */\n");
        body.append("    StropheVarargs INSTANCE = LibStrophe.loadInterface(StropheVarargs.class);\n");
        for (Function f : functions.values()) {
            if (!f.varargs()) {
                continue;
            }
            body.append("\n").append(methodDoc(f, "    "));
            body.append("    ").append(returnType(f)).append(' ').append(f.name())
                    .append('(').append(javaParams(f)).append(");\n");
        }
        body.append("}\n");
        return fileHeader() + imports(body.toString()) + body;
    }

    String newerClass() {
        StringBuilder raw = new StringBuilder();
        StringBuilder wrappers = new StringBuilder();
        for (Function f : functions.values()) {
            if (f.since() == null) {
                continue;
            }
            raw.append("        ").append(returnType(f)).append(' ').append(f.name())
                    .append('(').append(javaParams(f)).append(");\n");
            String args = f.params().stream().map(Param::name).collect(Collectors.joining(", "));
            wrappers.append("\n").append(methodDoc(f, "    "));
            wrappers.append("    public static ").append(returnType(f)).append(' ').append(f.name())
                    .append('(').append(javaParams(f)).append(") {\n");
            wrappers.append("        LibStrophe.requireFunction(\"").append(f.name()).append("\", \"")
                    .append(f.since()).append("\");\n");
            wrappers.append("        ").append(returnType(f).equals("void") ? "" : "return ")
                    .append("Mapping.INSTANCE.").append(f.name()).append('(').append(args).append(");\n");
            wrappers.append("    }\n");
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
                + " * Functions and connection flags that libstrophe added after 0.12, the oldest version this\n"
                + " * binding supports. Each call first checks the loaded library and throws\n"
                + " * {@link UnsupportedLibStropheException}, naming the version needed, when it is older.\n"
                + " * <p>Same threading rule as {@link Strophe}.\n"
                + " */\n");
        body.append("public final class StropheNewer {\n\n");
        body.append("    private StropheNewer() {\n    }\n\n");
        body.append("    /** Bound lazily: on an older library these symbols do not exist. */\n");
        body.append("    interface Mapping extends Library {\n");
        body.append("        Mapping INSTANCE = LibStrophe.loadInterface(Mapping.class);\n\n");
        body.append(raw);
        body.append("    }\n");
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
                body.append("\n    /** Needs libstrophe ").append(c.since()).append(" or newer (see StropheNewer). */\n");
            }
            body.append("    public static final ").append(c.javaType()).append(' ').append(c.name())
                    .append(" = ").append(c.value()).append(";\n");
        }
        body.append("}\n");
        return fileHeader() + body;
    }

    String callbackInterface(CallbackType cb) {
        StringBuilder body = new StringBuilder();
        String params = cb.params().stream().map(p -> p.cType() + " " + p.name()).collect(Collectors.joining(", "));
        body.append("/**\n * C: {@code typedef ").append(cb.cReturn()).append(" (*").append(cb.cName()).append(")(")
                .append(params).append(")}.\n");
        body.append(" * <p>libstrophe keeps only the function pointer: keep this object strongly referenced for as\n"
                + " * long as libstrophe may call it, or the JVM crashes when it does.\n");
        if (cb.since() != null) {
            body.append(" * <p>Needs libstrophe ").append(cb.since()).append(" or newer.\n");
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
        String body = "/** An opaque {@code " + cType + " *} handle. Never dereferenced from Java. */\n"
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
        if (args.length != 4) {
            System.err.println("usage: java PostProcess.java JNAERATOR_OUT_DIR HEADER NEWER_HEADER OUT_DIR");
            System.exit(2);
        }
        Path raw = Path.of(args[0]);
        PostProcess pp = new PostProcess(Files.readString(Path.of(args[1])), Files.readString(Path.of(args[2])));
        List<Path> structFiles;
        try (var s = Files.list(raw)) {
            structFiles = s.filter(p -> p.getFileName().toString().matches("xmpp_\\w+\\.java")).sorted().toList();
        }
        for (Path p : structFiles) {
            pp.readStruct(p);
        }
        pp.readLibrary(raw.resolve("StropheLibrary.java"));
        pp.write(Path.of(args[3]));
        System.out.printf(Locale.ROOT, "generated %d functions (%d varargs, %d newer than 0.12), %d constants, %d callback types, %d handles, %d structures%n",
                pp.functions.size(), VARARGS.size(),
                pp.functions.values().stream().filter(f -> f.since() != null).count(),
                pp.constants.size(), pp.callbacks.size(), pp.handleTypes.size(), pp.structs.size());
    }
}
