/* sha1-reentrant: SHA-1 on several threads at once gives the digests it gives on one.
 *
 * Stock libstrophe hashes every block in one static workspace, so threads hashing at the same time corrupt
 * each other's digests (that is what breaks concurrent SCRAM-SHA-1 logins). The test computes the digests of
 * 64 messages on one thread, then has four threads recompute them over and over and counts the ones that
 * differ: for 4 s, or 0.5 s once one differed (how many collide depends on how much the threads really run
 * at once). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fake.h"

#define MESSAGES 64
#define THREADS 4
#define MAX_TENTHS 40 /* of a second */
#define MIN_TENTHS_ONCE_WRONG 5

static unsigned char data[MESSAGES][300];
static size_t lengths[MESSAGES];
static unsigned char expected[MESSAGES][XMPP_SHA1_DIGEST_SIZE];
static volatile int stop;

struct worker {
    int index;
    volatile long hashed;
    volatile long wrong;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    unsigned char digest[XMPP_SHA1_DIGEST_SIZE];
    int i = w->index * 7;

    while (!stop) {
        i = (i + 1) % MESSAGES;
        xmpp_sha1_digest(data[i], lengths[i], digest);
        w->hashed++;
        if (memcmp(digest, expected[i], sizeof(digest)) != 0)
            w->wrong++;
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    struct timespec tenth = {0, 100000000};
    unsigned int seed = 12345;
    long hashed = 0, wrong = 0;
    int i, j, tenths = 0;

    print_library();
    xmpp_initialize();
    for (i = 0; i < MESSAGES; i++) {
        lengths[i] = 1 + (i * 37) % 299;
        for (j = 0; j < (int)lengths[i]; j++) {
            seed = seed * 1103515245 + 12345;
            data[i][j] = (unsigned char)(seed >> 16);
        }
        xmpp_sha1_digest(data[i], lengths[i], expected[i]);
    }
    for (i = 0; i < THREADS; i++) {
        workers[i].index = i;
        workers[i].hashed = workers[i].wrong = 0;
        pthread_create(&threads[i], NULL, work, &workers[i]);
    }
    do {
        nanosleep(&tenth, NULL);
        tenths++;
        for (wrong = 0, i = 0; i < THREADS; i++)
            wrong += workers[i].wrong;
    } while (tenths < MAX_TENTHS && !(wrong > 0 && tenths >= MIN_TENTHS_ONCE_WRONG));
    stop = 1;
    wrong = 0;
    for (i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        hashed += workers[i].hashed;
        wrong += workers[i].wrong;
    }
    xmpp_shutdown();
    printf("%ld digests on %d threads in %.1f s, %ld wrong\n", hashed, THREADS, tenths / 10.0, wrong);
    CHECK(hashed > 0, "no digest computed");
    CHECK(wrong == 0, "%ld of %ld digests computed concurrently differ from the single-threaded ones", wrong, hashed);
    return TEST_PASS;
}
