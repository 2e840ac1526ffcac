/* parser-reset: a connection that ended inside an element's text parses its next stream right.
 *
 * A raw connection to the fake server gets a stream whose last message stops in the middle of its body, and
 * the server closes the socket. The same xmpp_conn_t connects again and gets "<body>ab</body>". Stock
 * libstrophe's parser_reset frees the half-read text but keeps its length and size: the short text is
 * strncat()ed into a NULL buffer (SIGSEGV), a longer one comes out with garbage in front. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fake.h"

static fake_t server;
static volatile int server_ok;
static volatile int disconnects;
static volatile int ended[2];
static volatile int got_body;
static char body[256];

static void *serve(void *arg)
{
    (void)arg;
    /* first stream: ends inside the text of a body */
    if (fake_accept(&server, 5000) || fake_expect(&server, "http://etherx.jabber.org/streams", 5000) ||
        fake_expect(&server, ">", 5000) ||
        fake_send(&server, FAKE_STREAM_HEADER("jabber:client", "s1")
                  "<message from='a@example.com' id='m1'><body>0123456789"))
        return NULL;
    usleep(200000);
    fake_close_conn(&server);
    /* second stream, on the same xmpp_conn_t: a complete message with a short body */
    if (fake_accept(&server, 5000) || fake_expect(&server, "http://etherx.jabber.org/streams", 5000) ||
        fake_expect(&server, ">", 5000) ||
        fake_send(&server, FAKE_STREAM_HEADER("jabber:client", "s2")
                  "<message from='a@example.com' id='m2'><body>ab</body></message>"))
        return NULL;
    fake_expect(&server, "</stream:stream>", 5000);
    fake_close_conn(&server);
    server_ok = 1;
    return NULL;
}

static int on_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    xmpp_stanza_t *b = xmpp_stanza_get_child_by_name(stanza, "body");
    char *text = b ? xmpp_stanza_get_text(b) : NULL;

    (void)userdata;
    snprintf(body, sizeof(body), "%s", text ? text : "(none)");
    if (text)
        xmpp_free(xmpp_conn_get_context(conn), text);
    got_body = 1;
    xmpp_disconnect(conn);
    return 1;
}

static void on_conn(xmpp_conn_t *conn, xmpp_conn_event_t status, int error, xmpp_stream_error_t *se, void *userdata)
{
    (void)error;
    (void)se;
    (void)userdata;
    if (status == XMPP_CONN_RAW_CONNECT)
        xmpp_conn_open_stream_default(conn);
    else if (status == XMPP_CONN_DISCONNECT || status == XMPP_CONN_FAIL) {
        if (disconnects < 2)
            ended[disconnects] = 1;
        disconnects++;
    }
}

int main(void)
{
    xmpp_ctx_t *ctx;
    xmpp_conn_t *conn;
    pthread_t thread;

    print_library();
    CHECK(fake_listen(&server) == 0, "cannot listen on loopback");
    pthread_create(&thread, NULL, serve, NULL);
    xmpp_initialize();
    ctx = xmpp_ctx_new(NULL, test_logger());
    conn = xmpp_conn_new(ctx);
    xmpp_conn_set_jid(conn, "example.com");
    xmpp_handler_add(conn, on_message, NULL, "message", NULL, NULL);

    CHECK(xmpp_connect_raw(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "first connect");
    /* the server closes the first stream in the middle of a text */
    CHECK(run_until(ctx, &ended[0], 5000) == 0, "the first stream did not end");
    CHECK(!got_body, "a message of the first stream was delivered: %s", body);

    CHECK(xmpp_connect_raw(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "second connect");
    run_until(ctx, &got_body, 5000);
    CHECK(got_body, "the message of the second stream never came");
    printf("second stream's body: \"%s\"\n", body);
    CHECK(strcmp(body, "ab") == 0, "the body of the second stream is \"%s\", not \"ab\"", body);
    run_until(ctx, &ended[1], 5000);
    pthread_join(thread, NULL);
    CHECK(server_ok, "the server did not see the stream end");

    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    fake_close(&server);
    return TEST_PASS;
}
