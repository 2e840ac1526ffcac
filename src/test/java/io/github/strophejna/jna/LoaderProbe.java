package io.github.strophejna.jna;

import io.github.strophejna.jna.internal.TrustStoreEnvironment;
import io.github.strophejna.jna.internal.LibC;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A separate JVM's view of loading, for LibStropheLoadingTest and LibStropheVersionsTest: prints the outcome,
 * exits 3 on a loading error.
 */
public final class LoaderProbe {

    private LoaderProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("truststore")) {
                boolean changed = TrustStoreEnvironment.applyOnce();
                System.out.println("CHANGED " + changed + " FILE " + LibC.getenv("SSL_CERT_FILE") + " DIR " + LibC.getenv("SSL_CERT_DIR"));
                return;
            }
            if (args.length > 0 && args[0].equals("utf8")) {
                String text = "héllo ✓ 😀 你好 שלום";
                XmppCtx ctx = Strophe.xmpp_ctx_new(null, null);
                XmppStanza s = Strophe.xmpp_stanza_new(ctx);
                Strophe.xmpp_stanza_set_text(s, text);
                String back = NativeStrings.take(ctx, Strophe.xmpp_stanza_get_text(s));
                Strophe.xmpp_stanza_release(s);
                Strophe.xmpp_ctx_free(ctx);
                System.out.println(text.equals(back) ? "UTF8 OK" : "UTF8 MISMATCH " + back);
                return;
            }
            LibStropheVersion v = LibStrophe.load();
            System.out.println("LOADED " + v + " FROM " + LibStrophe.origin());
            System.out.println("DESCRIBED " + LibStrophe.describe());
            System.out.println("FIXES " + String.join(" ", LibStrophe.fixes()));
            if (args.length > 0 && args[0].equals("guards")) {
                guards();
            }
        } catch (LibStropheException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }

    /**
     * Binds the direct mapping, then calls every guarded function the library lacks (the guard throws before
     * any argument is used) and checks every guarded flag: one line each, "REFUSED name: first line".
     */
    private static void guards() throws IllegalAccessException {
        System.out.println("BOUND " + (Strophe.xmpp_version_check(0, 0) >= 0));
        Method[] methods = StropheNewer.class.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (!Modifier.isPublic(m.getModifiers()) || !m.getName().startsWith("xmpp_") || LibStrophe.hasFunction(m.getName())) {
                continue;
            }
            Object[] noArgs = Arrays.stream(m.getParameterTypes()).map(t -> t == int.class ? (Object) 0 : null).toArray();
            try {
                m.invoke(null, noArgs);
                System.out.println("CALLED " + m.getName());
            } catch (InvocationTargetException e) {
                System.out.println("REFUSED " + m.getName() + ": " + e.getCause().getClass().getSimpleName() + ": "
                        + e.getCause().getMessage().lines().findFirst().orElse(""));
            }
        }
        for (String name : StropheSince.all().keySet()) {
            if (name.startsWith("XMPP_CONN_FLAG_")) {
                try {
                    StropheNewer.requireFlags(StropheConstants.class.getField(name).getLong(null));
                    System.out.println("FLAG " + name + " ok");
                } catch (UnsupportedLibStropheException e) {
                    System.out.println("FLAG " + name + " REFUSED: " + e.getMessage().lines().findFirst().orElse(""));
                } catch (NoSuchFieldException e) {
                    throw new AssertionError(e);
                }
            }
            System.out.println("SUPPORTS " + name + " " + LibStrophe.supports(name));
        }
    }
}
