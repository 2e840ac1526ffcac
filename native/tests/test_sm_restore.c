/* sm-restore: a Stream Management state saved from one connection resumes its session on a new one.
 *
 * First a client logs in to the fake server (SASL PLAIN, bind, <enable resume='true'/>), receives a message,
 * sends one, and loses its connection before the server acknowledged it; the test keeps the last state the SM
 * callback gave. Then, as a new process would, a new context and connection restore that state and connect.
 * The server checks that the client authenticates and then sends <resume previd='SMID-1' h='1'/>: no <r/> or
 * <enable/> before, no resource binding; it answers <resumed h='0'/> and expects the unacknowledged message
 * again, then a new one. Stock 0.14 restores the state as enabled and its id as the new session's: it sends
 * <r/> right after its stream header, and binds a new resource instead of resuming. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake.h"

#define NS_CLIENT "jabber:client"

static fake_t server;
static volatile int phase1_ok, phase2_ok;
static char verdict[512] = "the server never finished";

static unsigned char *saved;
static size_t saved_len;

static volatile int connected, disconnected, got_message;

static int authenticate(const char *stream_id)
{
    char header[512];

    snprintf(header, sizeof(header), FAKE_STREAM_HEADER(NS_CLIENT, "%s") FEATURES_SASL, stream_id);
    if (fake_expect(&server, "http://etherx.jabber.org/streams", 5000) || fake_expect(&server, ">", 5000) ||
        fake_send(&server, header) || fake_expect(&server, "</auth>", 5000) ||
        fake_send(&server, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>") ||
        fake_expect(&server, "http://etherx.jabber.org/streams", 5000) || fake_expect(&server, ">", 5000))
        return -1;
    snprintf(header, sizeof(header), FAKE_STREAM_HEADER(NS_CLIENT, "%s-2") FEATURES_BOUND, stream_id);
    return fake_send(&server, header);
}

static void *serve(void *arg)
{
    size_t start;
    int which;

    (void)arg;
    /* phase 1: a session with SM enabled, one stanza each way, then the connection is lost */
    if (fake_accept(&server, 5000) || authenticate("s1") || fake_expect(&server, "_xmpp_bind1", 5000) ||
        fake_expect(&server, "</iq>", 5000) ||
        fake_send(&server, "<iq type='result' id='_xmpp_bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                           "<jid>user@example.com/phone</jid></bind></iq>") ||
        fake_expect(&server, "<enable", 5000) ||
        fake_send(&server, "<enabled xmlns='urn:xmpp:sm:3' id='SMID-1' resume='true'/>"
                           "<message from='b@example.com' to='user@example.com/phone' id='in1'>"
                           "<body>from b</body></message>") ||
        fake_expect(&server, "<body>one</body>", 5000))
        return NULL;
    usleep(200000); /* the client's <r/> goes unanswered */
    fake_close_conn(&server);
    phase1_ok = 1;

    /* phase 2: the restored state must resume the session */
    if (fake_accept(&server, 5000))
        return NULL;
    start = 0;
    if (authenticate("s2")) {
        snprintf(verdict, sizeof(verdict), "the client did not authenticate; it sent: %.300s",
                 server.in ? server.in : "");
        return NULL;
    }
    start = server.seen;
    which = fake_expect2(&server, "<resume ", "urn:ietf:params:xml:ns:xmpp-bind", 5000);
    if (which != 0) {
        const char *r = server.in ? strstr(server.in, "<r ") : NULL;
        snprintf(verdict, sizeof(verdict), "after SASL the client %s instead of <resume/>%s",
                 which == 1 ? "bound a resource" : "sent nothing",
                 r && r < server.in + server.seen ? ", and it sent <r/> during negotiation" : "");
        return NULL;
    }
    if (strstr(server.in, "<r ") || strstr(server.in, "<r/") || strstr(server.in, "<enable")) {
        snprintf(verdict, sizeof(verdict), "the client sent <r/> or <enable/> before resuming: %.300s", server.in);
        return NULL;
    }
    if (!strstr(server.in + start, "previd=\"SMID-1\"") || !strstr(server.in + start, "h=\"1\"")) {
        snprintf(verdict, sizeof(verdict), "the resume does not name previd SMID-1 and h 1: %.300s",
                 server.in + start);
        return NULL;
    }
    if (fake_expect(&server, "/>", 5000) ||
        fake_send(&server, "<resumed xmlns='urn:xmpp:sm:3' previd='SMID-1' h='0'/>"))
        return NULL;
    if (fake_expect(&server, "<body>one</body>", 5000)) {
        snprintf(verdict, sizeof(verdict), "the unacknowledged message was not sent again");
        return NULL;
    }
    if (fake_expect(&server, "<body>two</body>", 5000)) {
        snprintf(verdict, sizeof(verdict), "the message sent after resuming did not come");
        return NULL;
    }
    fake_close_conn(&server);
    phase2_ok = 1;
    snprintf(verdict, sizeof(verdict), "resumed with previd SMID-1 and h 1, nothing lost");
    return NULL;
}

static void on_state(xmpp_conn_t *conn, void *userdata, const unsigned char *state, size_t len)
{
    (void)conn;
    (void)userdata;
    if (!state || len == 0)
        return; /* nothing resumable at this moment: keep the last state that was */
    free(saved);
    saved = malloc(len);
    memcpy(saved, state, len);
    saved_len = len;
}

static int on_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)conn;
    (void)stanza;
    (void)userdata;
    got_message = 1;
    return 1;
}

static void on_conn(xmpp_conn_t *conn, xmpp_conn_event_t status, int error, xmpp_stream_error_t *se, void *userdata)
{
    (void)conn;
    (void)error;
    (void)se;
    (void)userdata;
    if (status == XMPP_CONN_CONNECT)
        connected = 1;
    else if (status == XMPP_CONN_DISCONNECT || status == XMPP_CONN_FAIL)
        disconnected = 1;
}

static xmpp_conn_t *new_conn(xmpp_ctx_t *ctx)
{
    xmpp_conn_t *conn = xmpp_conn_new(ctx);

    xmpp_conn_set_jid(conn, "user@example.com/phone");
    xmpp_conn_set_pass(conn, "secret");
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_DISABLE_TLS);
    xmpp_conn_set_sm_callback(conn, on_state, NULL);
    xmpp_handler_add(conn, on_message, NULL, "message", NULL, NULL);
    return conn;
}

int main(void)
{
    xmpp_ctx_t *ctx;
    xmpp_conn_t *conn;
    pthread_t thread;
    const char *bound;
    char bound_jid[128] = "";

    print_library();
    CHECK(fake_listen(&server) == 0, "cannot listen on loopback");
    pthread_create(&thread, NULL, serve, NULL);
    xmpp_initialize();

    /* phase 1 */
    ctx = xmpp_ctx_new(NULL, test_logger());
    conn = new_conn(ctx);
    CHECK(xmpp_connect_client(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "first connect");
    CHECK(run_until(ctx, &connected, 5000) == 0, "the first session never started");
    CHECK(run_until(ctx, &got_message, 5000) == 0, "the first session got no message");
    xmpp_send_raw_string(conn, "<message to='b@example.com' id='out1'><body>one</body></message>");
    CHECK(run_until(ctx, &disconnected, 5000) == 0, "the first connection was not lost");
    CHECK(phase1_ok, "the fake server's first session failed");
    CHECK(saved_len > 0, "the SM callback never gave a state");
    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    printf("saved a state of %lu bytes\n", (unsigned long)saved_len);

    /* phase 2: a new context and connection, as in a new process */
    connected = disconnected = 0;
    ctx = xmpp_ctx_new(NULL, test_logger());
    conn = new_conn(ctx);
    CHECK(xmpp_conn_restore_sm_state(conn, saved, saved_len) == XMPP_EOK, "the state does not restore");
    CHECK(xmpp_connect_client(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "second connect");
    run_until(ctx, &connected, 5000);
    if (connected) {
        bound = xmpp_conn_get_bound_jid(conn);
        snprintf(bound_jid, sizeof(bound_jid), "%s", bound ? bound : "");
        printf("resumed session's bound JID: %s\n", bound ? bound : "(unknown)");
        xmpp_send_raw_string(conn, "<message to='b@example.com' id='out2'><body>two</body></message>");
    }
    run_until(ctx, &disconnected, 5000);
    pthread_join(thread, NULL);
    printf("server: %s\n", verdict);
    CHECK(phase2_ok, "%s", verdict);
    CHECK(connected, "the client never reported the resumed session");
    CHECK(bound_jid[0] && strcmp(bound_jid, "user@example.com/phone") == 0,
          "the resumed session's bound JID is \"%s\", not the one the saved session had", bound_jid);

    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    fake_close(&server);
    free(saved);
    return TEST_PASS;
}
