/* The C reference for the "raw" benchmark: libstrophe alone, connected raw (no login) to the
 * benchmark's blaster, counting message stanzas through a stanza handler.
 * Usage: raw_receive PORT COUNT   -> prints "stanzas_per_second N" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench_common.h"

static long wanted, seen;
static struct timespec started;
static int ready;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int on_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)conn; (void)userdata;
    char *body = xmpp_message_get_body(stanza); /* what an application would read */
    if (body)
        xmpp_free(xmpp_stanza_get_context(stanza), body);
    if (++seen == wanted)
        xmpp_stop(xmpp_conn_get_context(conn));
    return 1;
}

static void on_event(xmpp_conn_t *conn, xmpp_conn_event_t event, int error,
                     xmpp_stream_error_t *stream_error, void *userdata)
{
    (void)error; (void)stream_error; (void)userdata;
    if (event == XMPP_CONN_RAW_CONNECT) {
        xmpp_handler_add(conn, on_message, NULL, "message", NULL, NULL);
        clock_gettime(CLOCK_MONOTONIC, &started);
        ready = 1;
        xmpp_conn_open_stream_default(conn);
    } else if (event == XMPP_CONN_DISCONNECT || event == XMPP_CONN_FAIL) {
        xmpp_stop(xmpp_conn_get_context(conn));
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s PORT COUNT\n", argv[0]);
        return 2;
    }
    wanted = atol(argv[2]);
    bench_initialize();
    xmpp_ctx_t *ctx = xmpp_ctx_new(NULL, NULL);
    xmpp_conn_t *conn = xmpp_conn_new(ctx);
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_DISABLE_TLS);
    xmpp_conn_set_jid(conn, "bench@localhost");
    if (xmpp_connect_raw(conn, "127.0.0.1", (unsigned short)atoi(argv[1]), on_event, NULL) != XMPP_EOK) {
        fprintf(stderr, "cannot connect\n");
        return 1;
    }
    double t0 = now_seconds();
    xmpp_run(ctx);
    double elapsed = now_seconds() - (ready ? started.tv_sec + started.tv_nsec / 1e9 : t0);
    if (seen != wanted) {
        fprintf(stderr, "received %ld of %ld\n", seen, wanted);
        return 1;
    }
    printf("stanzas_per_second %.0f\n", seen / elapsed);
    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    return 0;
}
