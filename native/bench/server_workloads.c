/* The C reference for scripts/bench.sh's workloads against the throwaway server (Prosody; ejabberd too for the flood):
 *   flood   COUNT SIZE: the sender sends COUNT chat messages of SIZE body bytes to the receiver's full JID;
 *                       time from the first send until the receiver has counted all of them (no loss), and
 *                       this process's CPU time (user + sys, getrusage) over the same span per message:
 *                       sender and receiver are both in this one process.
 *   ping    COUNT: XEP-0199 pings to the server one after another; p50/p99 of the round trips (the first
 *                  tenth warms up and is left out, as on the Java sides).
 *   connect COUNT: COUNT cycles of connect + STARTTLS + SASL + bind + presence + disconnect; median cycle.
 * Usage: XMPP_PASSWORD=... XMPP_PEER_PASSWORD=... server_workloads WORKLOAD N [SIZE] HOST PORT CAFILE JID PEER_JID
 * Prints "name value" lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "bench_common.h"

static char *domain;
static const char *host, *cafile, *jid, *peer_jid, *password, *peer_password;
static unsigned short port;
static long count, size, received, pings_done;
static int connected;
static double started_ms, started_cpu_us, *rtts;
static xmpp_conn_t *sender, *receiver;

static void stop_on_failure(xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *stream_error,
                            void *userdata)
{
    (void)userdata;
    if (event == XMPP_CONN_FAIL || error != 0 || stream_error != NULL)
        fprintf(stderr, "connection event %d, error %d%s%s\n", (int)event, error,
                stream_error && stream_error->text ? ", stream error: " : "", stream_error && stream_error->text ? stream_error->text : "");
    if (event != XMPP_CONN_CONNECT)
        xmpp_stop(xmpp_conn_get_context(conn));
}

/* ---- flood ---- */
static double cpu_us(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e6 + u.ru_utime.tv_usec + u.ru_stime.tv_usec;
}

static int on_flood_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)userdata;
    char *body = xmpp_message_get_body(stanza);
    if (body) {
        xmpp_free(xmpp_conn_get_context(conn), body);
        if (++received == count) {
            printf("flood_msg_per_s %.0f\n", count / ((bench_now_ms() - started_ms) / 1e3));
            printf("flood_cpu_us_per_msg %.2f\n", (cpu_us() - started_cpu_us) / count);
            xmpp_disconnect(sender);
            xmpp_disconnect(receiver);
        }
    }
    return 1;
}

static void send_flood(xmpp_ctx_t *ctx)
{
    char *body = malloc(size + 1), id[32];
    memset(body, 'x', size);
    body[size] = 0;
    const char *to = xmpp_conn_get_bound_jid(receiver);
    started_cpu_us = cpu_us();
    started_ms = bench_now_ms();
    for (long i = 0; i < count; i++) {
        snprintf(id, sizeof id, "f-%ld", i);
        xmpp_stanza_t *msg = xmpp_message_new(ctx, "chat", to, id);
        xmpp_message_set_body(msg, body);
        xmpp_send(sender, msg);
        xmpp_stanza_release(msg);
    }
    free(body);
}

static void on_flood_event(xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *stream_error,
                           void *userdata)
{
    xmpp_ctx_t *ctx = xmpp_conn_get_context(conn);
    if (event == XMPP_CONN_CONNECT) {
        if (conn == receiver)
            xmpp_handler_add(conn, on_flood_message, NULL, "message", NULL, NULL);
        if (++connected == 2)
            send_flood(ctx);
    } else if (--connected <= 0 || received < count) {
        stop_on_failure(conn, event, error, stream_error, userdata);
    }
}

/* ---- ping ---- */
static void send_ping(xmpp_conn_t *conn);

static int on_pong(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)stanza; (void)userdata;
    rtts[pings_done++] = bench_now_ms() - started_ms;
    if (pings_done == count)
        xmpp_disconnect(conn);
    else
        send_ping(conn);
    return 0;
}

static void send_ping(xmpp_conn_t *conn)
{
    xmpp_ctx_t *ctx = xmpp_conn_get_context(conn);
    char id[32];
    snprintf(id, sizeof id, "ping-%ld", pings_done);
    xmpp_stanza_t *iq = xmpp_iq_new(ctx, "get", id);
    xmpp_stanza_set_to(iq, domain);
    xmpp_stanza_t *ping = xmpp_stanza_new(ctx);
    xmpp_stanza_set_name(ping, "ping");
    xmpp_stanza_set_ns(ping, "urn:xmpp:ping");
    xmpp_stanza_add_child(iq, ping);
    xmpp_stanza_release(ping);
    xmpp_id_handler_add(conn, on_pong, id, NULL);
    started_ms = bench_now_ms();
    xmpp_send(conn, iq);
    xmpp_stanza_release(iq);
}

static void on_ping_event(xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *stream_error,
                          void *userdata)
{
    if (event == XMPP_CONN_CONNECT)
        send_ping(conn);
    else
        stop_on_failure(conn, event, error, stream_error, userdata);
}

/* ---- connect ---- */
static void on_cycle_event(xmpp_conn_t *conn, xmpp_conn_event_t event, int error, xmpp_stream_error_t *stream_error,
                           void *userdata)
{
    if (event == XMPP_CONN_CONNECT) {
        connected = 1;
        bench_send_presence(conn);
        xmpp_disconnect(conn);
    } else {
        stop_on_failure(conn, event, error, stream_error, userdata);
    }
}

static void print_percentiles(const char *name, double *values, long n)
{
    long skip = n / 10;
    qsort(values + skip, n - skip, sizeof *values, bench_compare_doubles);
    printf("%s_p50_ms %.3f\n%s_p99_ms %.3f\n", name, values[skip + (n - skip) / 2], name,
           values[skip + (long)((n - skip) * 0.99)]);
}

int main(int argc, char **argv)
{
    int flood = argc == 9 && strcmp(argv[1], "flood") == 0;
    if ((argc != 8 && !flood) || !getenv("XMPP_PASSWORD") || !getenv("XMPP_PEER_PASSWORD")) {
        fprintf(stderr, "usage: XMPP_PASSWORD=... XMPP_PEER_PASSWORD=... %s flood|ping|connect N [SIZE] HOST PORT CAFILE JID PEER_JID\n",
                argv[0]);
        return 2;
    }
    int a = flood ? 4 : 3;
    count = atol(argv[2]);
    size = flood ? atol(argv[3]) : 0;
    host = argv[a]; port = (unsigned short)atoi(argv[a + 1]); cafile = argv[a + 2];
    jid = argv[a + 3]; peer_jid = argv[a + 4];
    password = getenv("XMPP_PASSWORD"); peer_password = getenv("XMPP_PEER_PASSWORD");

    bench_initialize();
    xmpp_ctx_t *ctx = xmpp_ctx_new(NULL, NULL);
    domain = xmpp_jid_domain(ctx, jid);
    int ok;
    if (flood) {
        sender = bench_conn(ctx, jid, password, cafile);
        receiver = bench_conn(ctx, peer_jid, peer_password, cafile);
        xmpp_connect_client(receiver, host, port, on_flood_event, NULL);
        xmpp_connect_client(sender, host, port, on_flood_event, NULL);
        xmpp_run(ctx);
        ok = received == count;
        if (!ok)
            fprintf(stderr, "flood: received %ld of %ld\n", received, count);
        xmpp_conn_release(sender);
        xmpp_conn_release(receiver);
    } else if (strcmp(argv[1], "ping") == 0) {
        rtts = calloc(count, sizeof *rtts);
        xmpp_conn_t *conn = bench_conn(ctx, jid, password, cafile);
        xmpp_connect_client(conn, host, port, on_ping_event, NULL);
        xmpp_run(ctx);
        ok = pings_done == count;
        if (ok)
            print_percentiles("ping", rtts, count);
        xmpp_conn_release(conn);
    } else if (strcmp(argv[1], "connect") == 0) {
        double *cycles = calloc(count, sizeof *cycles);
        ok = 1;
        for (long i = 0; i < count && ok; i++) {
            double t0 = bench_now_ms();
            connected = 0;
            xmpp_conn_t *conn = bench_conn(ctx, jid, password, cafile);
            xmpp_connect_client(conn, host, port, on_cycle_event, NULL);
            xmpp_run(ctx);
            xmpp_conn_release(conn);
            cycles[i] = bench_now_ms() - t0;
            ok = connected;
            if (!ok)
                fprintf(stderr, "connect: cycle %ld of %ld did not log in\n", i + 1, count);
        }
        if (ok) {
            qsort(cycles, count, sizeof *cycles, bench_compare_doubles);
            printf("connect_cycle_ms %.3f\n", cycles[count / 2]);
        }
    } else {
        fprintf(stderr, "unknown workload %s\n", argv[1]);
        return 2;
    }
    xmpp_free(ctx, domain);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    return ok ? 0 : 1;
}
