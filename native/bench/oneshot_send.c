/* The C reference for the "oneshot" benchmark: a whole process that logs in (STARTTLS, certificate
 * verified with CAFILE), sends one message, waits for the server to confirm it has it (an XEP-0199 ping
 * answered behind it), disconnects and exits.
 * Usage: XMPP_PASSWORD=... oneshot_send HOST PORT JID TO CAFILE */
#include <stdio.h>
#include <stdlib.h>
#include "bench_common.h"

static const char *to;
static int confirmed;

static int on_barrier(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)stanza; (void)userdata;
    confirmed = 1;
    xmpp_disconnect(conn);
    return 0;
}

static void on_event(xmpp_conn_t *conn, xmpp_conn_event_t event, int error,
                     xmpp_stream_error_t *stream_error, void *userdata)
{
    (void)error; (void)stream_error; (void)userdata;
    xmpp_ctx_t *ctx = xmpp_conn_get_context(conn);
    if (event == XMPP_CONN_CONNECT) {
        xmpp_stanza_t *msg = xmpp_message_new(ctx, "chat", to, "oneshot-1");
        xmpp_message_set_body(msg, "one shot");
        xmpp_send(conn, msg);
        xmpp_stanza_release(msg);
        xmpp_stanza_t *iq = xmpp_iq_new(ctx, "get", "barrier");
        xmpp_stanza_t *ping = xmpp_stanza_new(ctx);
        xmpp_stanza_set_name(ping, "ping");
        xmpp_stanza_set_ns(ping, "urn:xmpp:ping");
        xmpp_stanza_add_child(iq, ping);
        xmpp_stanza_release(ping);
        xmpp_id_handler_add(conn, on_barrier, "barrier", NULL);
        xmpp_send(conn, iq);
        xmpp_stanza_release(iq);
    } else {
        xmpp_stop(ctx);
    }
}

int main(int argc, char **argv)
{
    if (argc != 6 || !getenv("XMPP_PASSWORD")) {
        fprintf(stderr, "usage: XMPP_PASSWORD=... %s HOST PORT JID TO CAFILE\n", argv[0]);
        return 2;
    }
    to = argv[4];
    bench_initialize();
    xmpp_ctx_t *ctx = xmpp_ctx_new(NULL, NULL);
    xmpp_conn_t *conn = bench_conn(ctx, argv[3], getenv("XMPP_PASSWORD"), argv[5]);
    if (xmpp_connect_client(conn, argv[1], (unsigned short)atoi(argv[2]), on_event, NULL) != XMPP_EOK)
        return 4;
    xmpp_run(ctx);
    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    return confirmed ? 0 : 1;
}
