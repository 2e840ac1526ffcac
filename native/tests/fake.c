/* fake.c: see fake.h. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifdef FAKE_WITH_TLS
#include <openssl/ssl.h>
#endif

#include "fake.h"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int fake_listen(fake_t *f)
{
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    int one = 1;

    memset(f, 0, sizeof(*f));
    f->fd = -1;
    f->lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (f->lfd < 0)
        return -1;
    setsockopt(f->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(f->lfd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(f->lfd, 4) != 0 ||
        getsockname(f->lfd, (struct sockaddr *)&a, &len) != 0)
        return -1;
    f->port = ntohs(a.sin_port);
    return 0;
}

int fake_accept(fake_t *f, int timeout_ms)
{
    struct pollfd p;

    p.fd = f->lfd;
    p.events = POLLIN;
    if (poll(&p, 1, timeout_ms) != 1)
        return -1;
    f->fd = accept(f->lfd, NULL, NULL);
    f->in_len = 0;
    f->seen = 0;
    if (f->in)
        f->in[0] = '\0';
    return f->fd < 0 ? -1 : 0;
}

static int fake_read(fake_t *f, int timeout_ms)
{
    struct pollfd p;
    char buf[4096];
    ssize_t n;

#ifdef FAKE_WITH_TLS
    if (f->tls && SSL_pending((SSL *)f->ssl) > 0)
        goto readable;
#endif
    p.fd = f->fd;
    p.events = POLLIN;
    if (poll(&p, 1, timeout_ms) != 1)
        return -1;
#ifdef FAKE_WITH_TLS
readable:
    if (f->tls)
        n = SSL_read((SSL *)f->ssl, buf, sizeof(buf));
    else
#endif
        n = read(f->fd, buf, sizeof(buf));
    if (n <= 0)
        return -1;
    if (f->in_len + n + 1 > f->in_cap) {
        f->in_cap = (f->in_len + n + 1) * 2;
        f->in = realloc(f->in, f->in_cap);
        if (!f->in)
            abort();
    }
    memcpy(f->in + f->in_len, buf, n);
    f->in_len += n;
    f->in[f->in_len] = '\0';
    return 0;
}

int fake_expect2(fake_t *f, const char *a, const char *b, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;
    char *pa, *pb;

    for (;;) {
        pa = f->in ? strstr(f->in + f->seen, a) : NULL;
        pb = f->in && b ? strstr(f->in + f->seen, b) : NULL;
        if (pa && (!pb || pa <= pb)) {
            f->seen = pa - f->in + strlen(a);
            return 0;
        }
        if (pb) {
            f->seen = pb - f->in + strlen(b);
            return 1;
        }
        if (now_ms() >= deadline || fake_read(f, (int)(deadline - now_ms())) != 0)
            return -1;
    }
}

int fake_expect(fake_t *f, const char *text, int timeout_ms)
{
    return fake_expect2(f, text, NULL, timeout_ms);
}

int fake_send(fake_t *f, const char *text)
{
    size_t len = strlen(text), done = 0;
    ssize_t n;

    while (done < len) {
#ifdef FAKE_WITH_TLS
        if (f->tls)
            n = SSL_write((SSL *)f->ssl, text + done, (int)(len - done));
        else
#endif
            n = write(f->fd, text + done, len - done);
        if (n <= 0)
            return -1;
        done += n;
    }
    return 0;
}

void fake_close_conn(fake_t *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
}

void fake_close(fake_t *f)
{
    fake_close_conn(f);
    if (f->lfd >= 0)
        close(f->lfd);
    f->lfd = -1;
    free(f->in);
    f->in = NULL;
}

int run_until(xmpp_ctx_t *ctx, volatile int *done, int timeout_ms)
{
    long long deadline = now_ms() + timeout_ms;

    while (!*done && now_ms() < deadline)
        xmpp_run_once(ctx, 10);
    return *done ? 0 : -1;
}

void print_library(void)
{
    Dl_info info;

    if (dladdr((void *)xmpp_initialize, &info) && info.dli_fname)
        printf("library: %s\n", info.dli_fname);
    fflush(stdout);
}

static void log_to_stderr(void *userdata, xmpp_log_level_t level, const char *area, const char *msg)
{
    (void)userdata;
    (void)level;
    fprintf(stderr, "libstrophe %s: %s\n", area, msg);
}

static xmpp_log_t logger = {log_to_stderr, NULL};

xmpp_log_t *test_logger(void)
{
    return getenv("STROPHE_TEST_LOG") ? &logger : NULL;
}
