package io.github.strophejna.jna;

import java.util.Map;
import java.util.TreeMap;

/**
 * The functions of strophe.h that the binding leaves out, each with the reason: the one place that
 * lists them. A test fails when the installed header declares a function that is neither mapped
 * nor listed here.
 */
public final class ExcludedFunctions {

    private static final String INTERNAL =
            "XMPP_DEPRECATED(internal): libstrophe's own helper, kept exported for old callers only";

    private static final Map<String, String> REASONS;

    static {
        Map<String, String> m = new TreeMap<>();
        m.put("xmpp_alloc", INTERNAL + "; allocate with xmpp_mem_t or in Java instead");
        m.put("xmpp_realloc", INTERNAL);
        m.put("xmpp_strdup", INTERNAL);
        m.put("xmpp_strndup", INTERNAL);
        m.put("xmpp_strtok_r", INTERNAL);
        m.put("xmpp_snprintf", INTERNAL + "; C varargs formatting, String.format does it in Java");
        m.put("xmpp_vsnprintf", INTERNAL + "; takes a va_list, which cannot be built safely from Java");
        m.put("xmpp_log", INTERNAL + "; takes a va_list, which cannot be built safely from Java");
        m.put("xmpp_error", INTERNAL + "; writes to the context's logger, use SLF4J in Java");
        m.put("xmpp_warn", INTERNAL + "; writes to the context's logger, use SLF4J in Java");
        m.put("xmpp_info", INTERNAL + "; writes to the context's logger, use SLF4J in Java");
        m.put("xmpp_debug", INTERNAL + "; writes to the context's logger, use SLF4J in Java");
        m.put("xmpp_debug_verbose", INTERNAL + "; writes to the context's logger, use SLF4J in Java");
        m.put("xmpp_conn_set_keepalive",
                "XMPP_DEPRECATED since 0.12, replaced by xmpp_conn_set_sockopt_callback with xmpp_sockopt_cb_keepalive");
        REASONS = Map.copyOf(m);
    }

    private ExcludedFunctions() {
    }

    /**
     * Every excluded function with its reason.
     *
     * @return function name to reason, unmodifiable
     */
    public static Map<String, String> all() {
        return new TreeMap<>(REASONS);
    }
}
