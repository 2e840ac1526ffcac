/* fake.h: a scripted XMPP peer on a loopback socket, and what the tests
 * share. The tests of native/patches/ (see run.sh) talk to libstrophe only
 * through its public API; the peer runs on its own thread, the client on the
 * main one.
 *
 * Exit codes of every test: 0 passed, 1 failed (a check), 77 skipped; a
 * crash (the stock library's way to fail some of them) ends it by a signal. */
#ifndef STROPHE_JNA_FAKE_H
#define STROPHE_JNA_FAKE_H

#include <stddef.h>

#include <strophe.h>

#define TEST_PASS 0
#define TEST_FAIL 1
#define TEST_SKIP 77

/* the peer: a listening socket on 127.0.0.1 and the connection it accepted */
typedef struct {
    int lfd;
    int fd;
    unsigned short port;
    char *in;      /* what the current connection received, NUL-terminated */
    size_t in_len;
    size_t in_cap;
    size_t seen;   /* where the next fake_expect() starts looking */
    int tls;       /* reads and writes go through ssl */
    void *ssl;     /* SSL *, for the tests that speak TLS */
} fake_t;

int fake_listen(fake_t *f);
int fake_accept(fake_t *f, int timeout_ms);
/* Waits until one of the texts arrives after what earlier calls matched; returns its index (0 or 1), or -1 on
 * timeout or end of stream. The match is consumed. */
int fake_expect2(fake_t *f, const char *a, const char *b, int timeout_ms);
int fake_expect(fake_t *f, const char *text, int timeout_ms);
int fake_send(fake_t *f, const char *text);
void fake_close_conn(fake_t *f);
void fake_close(fake_t *f);

/* A stream header as a server sends it. */
#define FAKE_STREAM_HEADER(ns, id)                                                \
    "<?xml version='1.0'?><stream:stream xmlns='" ns "' "                       \
    "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' "     \
    "id='" id "' version='1.0'>"

/* Runs the client's event loop until *done is set or timeout_ms pass; returns 0 when done. */
int run_until(xmpp_ctx_t *ctx, volatile int *done, int timeout_ms);

/* The server's features before authentication (SASL PLAIN) and after it (bind and Stream Management). */
#define FEATURES_SASL                                                                             \
    "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>" \
    "</mechanisms></stream:features>"
#define FEATURES_BOUND                                                                            \
    "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/>" \
    "</stream:features>"

/* Checks, printing the reason of a failure. */
#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            printf("check failed (%s:%d): ", __FILE__, __LINE__);               \
            printf(__VA_ARGS__);                                                \
            printf("\n");                                                       \
            fflush(stdout);                                                     \
            return TEST_FAIL;                                                   \
        }                                                                       \
    } while (0)

/* Prints the file the dynamic linker loaded libstrophe from ("library: PATH"), for run.sh to check. */
void print_library(void);

/* A logger that prints libstrophe's log when STROPHE_TEST_LOG is set. */
xmpp_log_t *test_logger(void);

#endif
