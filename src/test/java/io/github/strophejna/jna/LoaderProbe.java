package io.github.strophejna.jna;

/** A separate JVM's view of loading, for LibStropheLoadingTest: prints the outcome, exits 3 on a loading error. */
public final class LoaderProbe {

    private LoaderProbe() {
    }

    public static void main(String[] args) {
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
        } catch (LibStropheException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
