/* SPDX-License-Identifier: MIT */
/*
 * handoff.c - hand checked records to a second thread (see handoff.h)
 *
 * Owns the thread and HANDOFF_BATCHES batches, each a record spill kept in
 * memory (its bound is far above a batch's, so it never writes a scratch
 * file) with the context and the file of its records.
 *
 * Invariants (under mu): batches [head, head + nqueued) (mod
 * HANDOFF_BATCHES) are full and wait for the consumer, which works on at
 * most one more (busy); the producer fills `fill`, which is none of them.
 * The producer only writes the batch it fills, the consumer only reads the
 * one it took, so no record is touched by both threads at once.
 */
#include "handoff.h"

#include "mem.h"
#include "recspill.h"
#include "stagetime.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define HANDOFF_BATCHES 4
#define HANDOFF_FORMS   512
#define HANDOFF_BYTES   (1u << 20)
/* far above a batch (HANDOFF_BYTES); a record is a row of at most 16 MiB,
 * normalised (which can grow it) */
#define HANDOFF_MEM_MAX (64u << 20)

struct batch {
    struct sr_recspill *sp;
    void *ctx;
    const char *file;
};

struct sr_handoff {
    sr_handoff_fn *fn;
    pthread_t th;
    bool running;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* a batch was queued, or stop */
    pthread_cond_t done_cv; /* a batch was consumed */
    struct batch b[HANDOFF_BATCHES];
    size_t head;    /* the oldest queued batch */
    size_t nqueued; /* batches queued */
    bool busy;      /* the consumer works on a batch it took */
    size_t fill;    /* the producer's batch */
    bool stop;
    /* the consumer's first error since the last wait */
    enum sr_status err;
    struct sr_diag diag;
    uint64_t cpu; /* the consumer's CPU time, at its last batch */
};

/* the recspill callback: a mutable copy for the consumer */
struct play {
    struct sr_handoff *h;
    void *ctx;
};

static enum sr_status play_one(void *ctx, const struct sr_record *r,
                               struct sr_diag *d)
{
    struct play *p = ctx;
    struct sr_record copy = *r;

    return p->h->fn(p->ctx, &copy, d);
}

static void *consumer(void *arg)
{
    struct sr_handoff *h = arg;
    struct sr_diag d;
    enum sr_status s;
    struct batch *b;
    struct play p;
    bool failed;

    pthread_mutex_lock(&h->mu);
    for (;;) {
        while (!h->nqueued && !h->stop)
            pthread_cond_wait(&h->work_cv, &h->mu);
        if (!h->nqueued)
            break; /* stop, and nothing left */
        b = &h->b[h->head];
        h->busy = true;
        failed = h->err != SR_OK;
        pthread_mutex_unlock(&h->mu);

        s = SR_OK;
        sr_diag_clear(&d);
        if (failed) {
            sr_recspill_reset(b->sp); /* after an error: dropped */
        } else {
            p.h = h;
            p.ctx = b->ctx;
            s = sr_recspill_replay(b->sp, b->file, play_one, &p, &d);
        }

        pthread_mutex_lock(&h->mu);
        if (s != SR_OK && h->err == SR_OK) {
            h->err = s;
            h->diag = d;
        }
        h->cpu = sr_stagetime_thread_cpu();
        h->head = (h->head + 1) % HANDOFF_BATCHES;
        h->nqueued--;
        h->busy = false;
        pthread_cond_broadcast(&h->done_cv);
    }
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

struct sr_handoff *sr_handoff_start(const struct sr_template *t,
                                    const char *dir, sr_handoff_fn *fn)
{
    struct sr_handoff *h = xcalloc(1, sizeof(*h));
    size_t i;

    h->fn = fn;
    for (i = 0; i < HANDOFF_BATCHES; i++)
        h->b[i].sp = sr_recspill_new(t, dir, HANDOFF_MEM_MAX);
    pthread_mutex_init(&h->mu, NULL);
    pthread_cond_init(&h->work_cv, NULL);
    pthread_cond_init(&h->done_cv, NULL);
    h->running = pthread_create(&h->th, NULL, consumer, h) == 0;
    return h;
}

/* Queue the producer's batch (if it holds records) and take the next free
 * one, waiting for the consumer when every batch is taken.  Returns the
 * consumer's error, if any.  Called without mu held. */
static enum sr_status pass_on(struct sr_handoff *h, struct sr_diag *d)
{
    enum sr_status s;

    if (!sr_recspill_count(h->b[h->fill].sp))
        return SR_OK;
    pthread_mutex_lock(&h->mu);
    h->nqueued++;
    pthread_cond_signal(&h->work_cv);
    /* the next batch after the queued ones must not be the consumer's */
    while (h->nqueued >= HANDOFF_BATCHES)
        pthread_cond_wait(&h->done_cv, &h->mu);
    h->fill = (h->head + h->nqueued) % HANDOFF_BATCHES;
    s = h->err;
    if (s != SR_OK && d)
        *d = h->diag;
    pthread_mutex_unlock(&h->mu);
    return s;
}

enum sr_status sr_handoff_add(struct sr_handoff *h, const struct sr_record *r,
                              void *ctx, const char *file, struct sr_diag *d)
{
    struct batch *b = &h->b[h->fill];
    enum sr_status s;

    if (!h->running) { /* no thread: consume here */
        struct sr_record copy = *r;

        s = h->err;
        if (s == SR_OK) {
            s = h->fn(ctx, &copy, d);
            if (s != SR_OK) {
                h->err = s;
                h->diag = *d;
            }
        } else if (d) {
            *d = h->diag;
        }
        return s;
    }
    if (sr_recspill_count(b->sp) &&
        (b->ctx != ctx || b->file != file)) { /* one context a batch */
        s = pass_on(h, d);
        if (s != SR_OK)
            return s;
        b = &h->b[h->fill];
    }
    b->ctx = ctx;
    b->file = file;
    /* in memory but for a record past HANDOFF_MEM_MAX (NFKC can grow a
     * value about 11 times), which goes to a scratch file in the run's
     * folder: a full disk there is the run's write error */
    s = sr_recspill_add(b->sp, r, d);
    if (s != SR_OK)
        return s;
    if (sr_recspill_count(b->sp) >= HANDOFF_FORMS ||
        sr_recspill_bytes(b->sp) >= HANDOFF_BYTES)
        return pass_on(h, d);
    return SR_OK;
}

enum sr_status sr_handoff_wait(struct sr_handoff *h, struct sr_diag *d)
{
    enum sr_status s;

    if (h->running) {
        pass_on(h, NULL);
        pthread_mutex_lock(&h->mu);
        while (h->nqueued || h->busy)
            pthread_cond_wait(&h->done_cv, &h->mu);
        h->fill = h->head;
    } else {
        pthread_mutex_lock(&h->mu);
    }
    s = h->err;
    if (s != SR_OK && d)
        *d = h->diag;
    h->err = SR_OK;
    pthread_mutex_unlock(&h->mu);
    return s;
}

uint64_t sr_handoff_cpu_ns(struct sr_handoff *h)
{
    uint64_t cpu;

    if (!h)
        return 0;
    pthread_mutex_lock(&h->mu);
    cpu = h->cpu;
    pthread_mutex_unlock(&h->mu);
    return cpu;
}

void sr_handoff_stop(struct sr_handoff *h)
{
    size_t i;

    if (!h)
        return;
    if (h->running) {
        sr_handoff_wait(h, NULL);
        pthread_mutex_lock(&h->mu);
        h->stop = true;
        pthread_cond_signal(&h->work_cv);
        pthread_mutex_unlock(&h->mu);
        pthread_join(h->th, NULL);
    }
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->work_cv);
    pthread_cond_destroy(&h->done_cv);
    for (i = 0; i < HANDOFF_BATCHES; i++)
        sr_recspill_free(h->b[i].sp);
    free(h);
}
