package io.github.strophejna.bench;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.github.strophejna.jna.Strophe;
import io.github.strophejna.jna.StropheConstants;
import io.github.strophejna.jna.UnsignedShort;
import io.github.strophejna.jna.XmppConn;
import io.github.strophejna.jna.XmppConnHandler;
import io.github.strophejna.jna.XmppCtx;
import io.github.strophejna.jna.XmppLog;
import io.github.strophejna.jna.XmppLogHandler;
import io.github.strophejna.jna.XmppStreamError;
import java.nio.charset.StandardCharsets;

/**
 * The floor of the "raw" benchmark for any Java client of libstrophe through JNA: the raw binding only, no
 * client, and per element only what no Java delivery can do without, one call into Java (the log line that
 * carries the element's text, as the client takes it) and the text copied into a Java string. What the client
 * adds above this (parse, dispatch, the {@code Message} view) is the client's own cost; what this costs above
 * C is the binding's. Args: PORT COUNT. Prints "stanzas_per_second n" (scripts/bench.sh: workload raw-floor).
 */
public final class RawReceiveFloor {

    private static long wanted;
    private static long seen;
    private static long started;
    private static boolean stopped;
    private static long textChars; // read, so the copy cannot be optimised away

    private RawReceiveFloor() {
    }

    public static void main(String[] args) {
        wanted = Long.parseLong(args[1]);
        XmppLogHandler logHandler = RawReceiveFloor::onLog; // held in a local for the whole run
        XmppConnHandler connHandler = RawReceiveFloor::onEvent;
        XmppLog log = new XmppLog();
        log.handler = logHandler;
        log.write();
        Strophe.xmpp_initialize();
        XmppCtx ctx = Strophe.xmpp_ctx_new(null, log);
        Strophe.xmpp_ctx_set_verbosity(ctx, 0);
        XmppConn conn = Strophe.xmpp_conn_new(ctx);
        Strophe.xmpp_conn_set_flags(conn, new NativeLong(StropheConstants.XMPP_CONN_FLAG_DISABLE_TLS));
        Strophe.xmpp_conn_set_jid(conn, "bench@localhost");
        if (Strophe.xmpp_connect_raw(conn, "127.0.0.1", new UnsignedShort(Integer.parseInt(args[0])), connHandler, Pointer.NULL)
                != StropheConstants.XMPP_EOK) {
            System.err.println("cannot connect");
            System.exit(1);
        }
        NativeLong timeout = new NativeLong(1);
        while (!stopped) {
            Strophe.xmpp_run_once(ctx, timeout); // C's xmpp_run does the same, with the same 1 ms wait
        }
        double secs = (System.nanoTime() - started) / 1e9;
        if (seen != wanted) {
            System.err.println("received " + seen + " of " + wanted);
            System.exit(1);
        }
        System.out.printf("stanzas_per_second %.0f%n", seen / secs);
        System.err.println("characters read: " + textChars);
        System.exit(0);
    }

    private static void onLog(Pointer userdata, int level, Pointer area, Pointer msg) {
        if (level != StropheConstants.XMPP_LEVEL_DEBUG) {
            return;
        }
        String line = new String(msg.getByteArray(0, (int) msg.indexOf(0, (byte) 0)), StandardCharsets.UTF_8);
        if (!line.startsWith("RECV: <message")) {
            return;
        }
        textChars += line.length();
        if (++seen == wanted) {
            stopped = true;
        }
    }

    private static void onEvent(XmppConn conn, int event, int error, XmppStreamError streamError, Pointer userdata) {
        if (event == StropheConstants.XMPP_CONN_RAW_CONNECT) {
            started = System.nanoTime();
            Strophe.xmpp_conn_open_stream_default(conn);
        } else if (event == StropheConstants.XMPP_CONN_DISCONNECT || event == StropheConstants.XMPP_CONN_FAIL) {
            stopped = true;
        }
    }
}
