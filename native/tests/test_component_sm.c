/* component-sm: a component connection (XEP-0114) opens its stream, shakes hands, sends and disconnects.
 *
 * Stock libstrophe allocates the Stream Management state only in xmpp_connect_client, while every send reads
 * it: xmpp_connect_component crashes (SIGSEGV) as soon as the TCP connection is up. The fake server checks
 * the handshake (SHA-1 of stream id and secret), receives a message and the closing tag. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fake.h"

static fake_t server;
static char handshake[128];
static volatile int server_ok;
static volatile int connected;
static volatile int disconnected;

static void *serve(void *arg)
{
    (void)arg;
    if (fake_accept(&server, 5000) || fake_expect(&server, "jabber:component:accept", 5000) ||
        fake_expect(&server, ">", 5000) ||
        fake_send(&server, "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                           "xmlns:stream='http://etherx.jabber.org/streams' from='comp.example.com' id='c1'>"))
        return NULL;
    if (fake_expect(&server, handshake, 5000)) {
        printf("server: no <handshake> with the right digest; received: %s\n", server.in ? server.in : "");
        return NULL;
    }
    if (fake_send(&server, "<handshake/>") || fake_expect(&server, "<body>to the server</body>", 5000) ||
        fake_expect(&server, "</stream:stream>", 5000))
        return NULL;
    fake_send(&server, "</stream:stream>");
    fake_close_conn(&server);
    server_ok = 1;
    return NULL;
}

static void on_conn(xmpp_conn_t *conn, xmpp_conn_event_t status, int error, xmpp_stream_error_t *se, void *userdata)
{
    (void)error;
    (void)se;
    (void)userdata;
    if (status == XMPP_CONN_CONNECT) {
        connected = 1;
        xmpp_send_raw_string(conn, "<message to='a@example.com' from='comp.example.com'>"
                                   "<body>to the server</body></message>");
        xmpp_disconnect(conn);
    } else if (status == XMPP_CONN_DISCONNECT || status == XMPP_CONN_FAIL) {
        disconnected = 1;
    }
}

int main(void)
{
    xmpp_ctx_t *ctx;
    xmpp_conn_t *conn;
    pthread_t thread;
    char *digest;

    print_library();
    xmpp_initialize();
    ctx = xmpp_ctx_new(NULL, test_logger());
    digest = xmpp_sha1(ctx, (const unsigned char *)"c1secret", 8);
    snprintf(handshake, sizeof(handshake), ">%s</handshake>", digest);
    xmpp_free(ctx, digest);

    CHECK(fake_listen(&server) == 0, "cannot listen on loopback");
    pthread_create(&thread, NULL, serve, NULL);
    conn = xmpp_conn_new(ctx);
    xmpp_conn_set_jid(conn, "comp.example.com");
    xmpp_conn_set_pass(conn, "secret");
    CHECK(xmpp_connect_component(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "connect");
    run_until(ctx, &disconnected, 5000);
    pthread_join(thread, NULL);
    CHECK(connected, "the component never connected");
    CHECK(disconnected, "the component never disconnected");
    CHECK(server_ok, "the server did not get the handshake, the message and the closing tag");
    printf("handshake, message and closing tag went through\n");

    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    fake_close(&server);
    return TEST_PASS;
}
