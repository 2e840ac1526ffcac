/* sm-resume-count: after a resumption, the client counts its stanzas from the server's h.
 *
 * One xmpp_conn_t, three connections to the fake server. First: SM is enabled and the client sends "one",
 * which the server receives without acknowledging it; the connection is lost. Second: the client resumes,
 * the server answers <resumed h='1'/> (it has "one"); the client sends "two" and "three", the server
 * acknowledges <a h='2'/> ("one" and "two") and the connection is lost again. Third: the client resumes,
 * the server answers <resumed h='2'/> and must get "three" again, since it never had it. Stock libstrophe
 * counts on from the first stanza left in its queue ("one", already handled) instead of from h, so "two"
 * and "three" are numbered 0 and 1, <a h='2'/> drops both, and "three" is lost. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fake.h"


static fake_t server;
static volatile int server_done;
static char verdict[512] = "the server never finished";
static volatile int sessions, disconnects;
static volatile int session_up[3], session_down[3];

static int authenticate(void)
{
    if (fake_expect(&server, "http://etherx.jabber.org/streams", 5000) || fake_expect(&server, ">", 5000) ||
        fake_send(&server, FAKE_STREAM_HEADER("jabber:client", "s") FEATURES_SASL) ||
        fake_expect(&server, "</auth>", 5000) ||
        fake_send(&server, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>") ||
        fake_expect(&server, "http://etherx.jabber.org/streams", 5000) || fake_expect(&server, ">", 5000))
        return -1;
    return fake_send(&server, FAKE_STREAM_HEADER("jabber:client", "s-2") FEATURES_BOUND);
}

static int resume(const char *h)
{
    char answer[128];

    if (fake_expect(&server, "<resume ", 5000) || fake_expect(&server, "/>", 5000))
        return -1;
    snprintf(answer, sizeof(answer), "<resumed xmlns='urn:xmpp:sm:3' previd='SMID-1' h='%s'/>", h);
    return fake_send(&server, answer);
}

static void *serve(void *arg)
{
    (void)arg;
    if (fake_accept(&server, 5000) || authenticate() || fake_expect(&server, "_xmpp_bind1", 5000) ||
        fake_expect(&server, "</iq>", 5000) ||
        fake_send(&server, "<iq type='result' id='_xmpp_bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                           "<jid>user@example.com/phone</jid></bind></iq>") ||
        fake_expect(&server, "<enable", 5000) ||
        fake_send(&server, "<enabled xmlns='urn:xmpp:sm:3' id='SMID-1' resume='true'/>") ||
        fake_expect(&server, "<body>one</body>", 5000)) {
        snprintf(verdict, sizeof(verdict), "the first session failed");
        return NULL;
    }
    usleep(200000);
    fake_close_conn(&server);

    if (fake_accept(&server, 5000) || authenticate() || resume("1") || fake_expect(&server, "<body>two</body>", 5000) ||
        fake_expect(&server, "<body>three</body>", 5000)) {
        snprintf(verdict, sizeof(verdict), "the first resumption failed");
        return NULL;
    }
    fake_send(&server, "<a xmlns='urn:xmpp:sm:3' h='2'/>");
    usleep(300000);
    fake_close_conn(&server);

    if (fake_accept(&server, 5000) || authenticate() || resume("2")) {
        snprintf(verdict, sizeof(verdict), "the second resumption failed");
        return NULL;
    }
    if (fake_expect(&server, "<body>three</body>", 2000)) {
        snprintf(verdict, sizeof(verdict), "\"three\", never acknowledged, was not sent again: it is lost");
        return NULL;
    }
    fake_close_conn(&server);
    snprintf(verdict, sizeof(verdict), "the stanza the server never had was sent again after resuming");
    server_done = 1;
    return NULL;
}

static void on_conn(xmpp_conn_t *conn, xmpp_conn_event_t status, int error, xmpp_stream_error_t *se, void *userdata)
{
    (void)conn;
    (void)error;
    (void)se;
    (void)userdata;
    if (status == XMPP_CONN_CONNECT && sessions < 3)
        session_up[sessions++] = 1;
    else if ((status == XMPP_CONN_DISCONNECT || status == XMPP_CONN_FAIL) && disconnects < 3)
        session_down[disconnects++] = 1;
}

int main(void)
{
    xmpp_ctx_t *ctx;
    xmpp_conn_t *conn;
    pthread_t thread;
    int i;

    print_library();
    CHECK(fake_listen(&server) == 0, "cannot listen on loopback");
    pthread_create(&thread, NULL, serve, NULL);
    xmpp_initialize();
    ctx = xmpp_ctx_new(NULL, test_logger());
    conn = xmpp_conn_new(ctx);
    xmpp_conn_set_jid(conn, "user@example.com/phone");
    xmpp_conn_set_pass(conn, "secret");
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_DISABLE_TLS);

    for (i = 0; i < 3; i++) {
        CHECK(xmpp_connect_client(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "connect %d", i + 1);
        if (run_until(ctx, &session_up[i], 5000) != 0)
            break;
        if (i == 0)
            xmpp_send_raw_string(conn, "<message to='b@example.com' id='o1'><body>one</body></message>");
        else if (i == 1) {
            xmpp_send_raw_string(conn, "<message to='b@example.com' id='o2'><body>two</body></message>");
            xmpp_send_raw_string(conn, "<message to='b@example.com' id='o3'><body>three</body></message>");
        }
        if (i < 2 && run_until(ctx, &session_down[i], 5000) != 0)
            break;
    }
    run_until(ctx, &server_done, 3000);
    pthread_join(thread, NULL);
    printf("server: %s\n", verdict);
    CHECK(server_done, "%s", verdict);

    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    fake_close(&server);
    return TEST_PASS;
}
