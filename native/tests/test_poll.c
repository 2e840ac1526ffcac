/* poll: a connection whose socket is numbered past FD_SETSIZE (1024) works.
 *
 * The test raises its descriptor limit, fills descriptors up to 1030 with /dev/null, and then connects to the
 * fake server (raw mode), which answers the stream header with a message. With "tls" as argument the client
 * first runs a TLS handshake (xmpp_conn_tls_start, whose wait is the other select() of libstrophe) with a
 * server using a throwaway self-signed certificate. Stock libstrophe puts the socket in an fd_set: glibc
 * built with _FORTIFY_SOURCE aborts ("bit out of range 0 - FD_SETSIZE on fd_set"), else the stack is
 * corrupted. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "fake.h"

#define FIRST_FD 1030

static fake_t server;
static int use_tls;
static SSL_CTX *server_tls;
static volatile int server_ok, got_message, disconnected;
static volatile int client_fd = -1;

/* A self-signed P-256 certificate for example.com, valid for an hour: the client trusts any (TRUST_TLS). */
static SSL_CTX *make_server_tls(void)
{
    EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
    EVP_PKEY *key = NULL;
    X509 *cert = X509_new();
    X509_NAME *name;
    SSL_CTX *tls = SSL_CTX_new(TLS_server_method());

    if (!kctx || !cert || !tls || EVP_PKEY_keygen_init(kctx) <= 0 ||
        EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx, NID_X9_62_prime256v1) <= 0 ||
        EVP_PKEY_keygen(kctx, &key) <= 0)
        return NULL;
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"example.com", -1, -1, 0);
    X509_set_issuer_name(cert, name);
    if (!X509_sign(cert, key, EVP_sha256()) || SSL_CTX_use_certificate(tls, cert) != 1 ||
        SSL_CTX_use_PrivateKey(tls, key) != 1)
        return NULL;
    EVP_PKEY_CTX_free(kctx);
    return tls;
}

static void *serve(void *arg)
{
    (void)arg;
    if (fake_accept(&server, 5000))
        return NULL;
    if (use_tls) {
        /* answer late, so that the client's handshake has to wait for the server's hello */
        usleep(200000);
        server.ssl = SSL_new(server_tls);
        SSL_set_fd((SSL *)server.ssl, server.fd);
        if (SSL_accept((SSL *)server.ssl) != 1) {
            printf("server: TLS handshake failed\n");
            ERR_print_errors_fp(stdout);
            return NULL;
        }
        server.tls = 1;
    }
    if (fake_expect(&server, "http://etherx.jabber.org/streams", 5000) || fake_expect(&server, ">", 5000) ||
        fake_send(&server, FAKE_STREAM_HEADER("jabber:client", "p1")
                  "<message from='a@example.com' id='m1'><body>past 1024</body></message>") ||
        fake_expect(&server, "</stream:stream>", 5000))
        return NULL;
    fake_send(&server, "</stream:stream>");
    if (use_tls) {
        SSL_shutdown((SSL *)server.ssl);
        SSL_free((SSL *)server.ssl);
        server.tls = 0;
    }
    fake_close_conn(&server);
    server_ok = 1;
    return NULL;
}

static int on_socket(xmpp_conn_t *conn, void *sock)
{
    (void)conn;
    client_fd = *(int *)sock;
    return 0;
}

static int on_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *userdata)
{
    (void)stanza;
    (void)userdata;
    got_message = 1;
    xmpp_disconnect(conn);
    return 1;
}

static void on_conn(xmpp_conn_t *conn, xmpp_conn_event_t status, int error, xmpp_stream_error_t *se, void *userdata)
{
    (void)error;
    (void)se;
    (void)userdata;
    if (status == XMPP_CONN_RAW_CONNECT) {
        if (use_tls && xmpp_conn_tls_start(conn) != XMPP_EOK) {
            printf("client: TLS handshake failed\n");
            xmpp_disconnect(conn);
            return;
        }
        xmpp_conn_open_stream_default(conn);
    } else if (status == XMPP_CONN_DISCONNECT || status == XMPP_CONN_FAIL) {
        disconnected = 1;
    }
}

int main(int argc, char **argv)
{
    struct rlimit lim;
    xmpp_ctx_t *ctx;
    xmpp_conn_t *conn;
    pthread_t thread;
    int fd;

    use_tls = argc > 1 && strcmp(argv[1], "tls") == 0;
    print_library();
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return TEST_SKIP;
    if (lim.rlim_cur < FIRST_FD + 64) {
        if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < FIRST_FD + 64) {
            printf("skipped: the descriptor limit is %lu, not above %d\n", (unsigned long)lim.rlim_max,
                   FIRST_FD + 64);
            return TEST_SKIP;
        }
        lim.rlim_cur = FIRST_FD + 64;
        CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0, "cannot raise the descriptor limit");
    }
    do {
        fd = open("/dev/null", O_RDONLY);
        CHECK(fd >= 0, "cannot open /dev/null");
    } while (fd < FIRST_FD - 1);

    if (use_tls) {
        server_tls = make_server_tls();
        CHECK(server_tls != NULL, "cannot make the server's certificate");
    }
    CHECK(fake_listen(&server) == 0, "cannot listen on loopback");
    pthread_create(&thread, NULL, serve, NULL);
    xmpp_initialize();
    ctx = xmpp_ctx_new(NULL, test_logger());
    conn = xmpp_conn_new(ctx);
    xmpp_conn_set_jid(conn, "example.com");
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_TRUST_TLS);
    xmpp_conn_set_sockopt_callback(conn, on_socket);
    xmpp_handler_add(conn, on_message, NULL, "message", NULL, NULL);
    CHECK(xmpp_connect_raw(conn, "127.0.0.1", server.port, on_conn, NULL) == XMPP_EOK, "connect");
    printf("client socket: %d%s\n", client_fd, use_tls ? ", TLS" : "");
    fflush(stdout);
    CHECK(client_fd >= 1024, "the client's socket is %d, not past FD_SETSIZE: the test proves nothing", client_fd);
    run_until(ctx, &disconnected, 5000);
    pthread_join(thread, NULL);
    CHECK(got_message, "the message never came");
    CHECK(server_ok, "the server did not see the stream end");
    printf("message received and stream closed on socket %d\n", client_fd);

    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    fake_close(&server);
    return TEST_PASS;
}
