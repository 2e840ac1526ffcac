/* What every C reference program of scripts/bench.sh shares: a clock, and the socket settings this
 * library applies by default (TCP_NODELAY plus libstrophe's own keepalive), so C is measured with the
 * same fair settings. bench.sh also gives C the same lazy trust store environment (SSL_CERT_FILE/DIR). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <netinet/in.h>
#include <signal.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>
#include <strophe.h>

/* libstrophe writes with plain send(): a server that already closed would kill the process with SIGPIPE
 * (a JVM ignores it, so the Java sides never see this). Every C network program ignores it. */
static inline void bench_initialize(void)
{
    signal(SIGPIPE, SIG_IGN);
    xmpp_initialize();
}

static inline double bench_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static inline int bench_sockopt(xmpp_conn_t *conn, void *socket)
{
    int fd = *(int *)socket, on = 1;
    if (xmpp_sockopt_cb_keepalive(conn, socket) != 0)
        return -1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

/* A client connection with STARTTLS required and the server's certificate checked against CAFILE. */
static inline xmpp_conn_t *bench_conn(xmpp_ctx_t *ctx, const char *jid, const char *password, const char *cafile)
{
    xmpp_conn_t *conn = xmpp_conn_new(ctx);
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_MANDATORY_TLS);
    xmpp_conn_set_jid(conn, jid);
    xmpp_conn_set_pass(conn, password);
    xmpp_conn_set_cafile(conn, cafile);
    xmpp_conn_set_sockopt_callback(conn, bench_sockopt);
    return conn;
}

static inline void bench_send_presence(xmpp_conn_t *conn)
{
    xmpp_stanza_t *presence = xmpp_presence_new(xmpp_conn_get_context(conn));
    xmpp_send(conn, presence);
    xmpp_stanza_release(presence);
}

static inline int bench_compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}
#endif
