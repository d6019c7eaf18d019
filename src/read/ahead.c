/* SPDX-License-Identifier: MIT */
/*
 * ahead.c - read forms ahead in a second thread (see ahead.h)
 *
 * Owns the thread and a ring of AHEAD_BLOCKS blocks.  A block holds up to
 * AHEAD_FORMS raw forms, copied: their values' bytes (each followed by a
 * NUL) in one buffer, per value its offset or NONE for an absent value,
 * and per form its line, file (the format reader's pointer, which lives as
 * long as the reader) and problem texts.  The last block of a file also
 * carries the end: SR_DONE, or the format reader's error and its diag.
 *
 * Invariants (under mu): blocks [head, head + nfull) are full and wait for
 * the consumer, the one at `cur` (if cur_held) is the consumer's, the rest
 * are the producer's.  The producer only writes blocks it holds, the
 * consumer only reads the one it holds, so a raw form handed out stays
 * intact until the next call.
 */
#include "ahead.h"

#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/par.h"
#include "../core/stagetime.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD_BLOCKS 16
#define AHEAD_FORMS  128
/* A waiting producer is woken when this many blocks are free: each
 * wake-up of a thread on another core costs microseconds (more in a VM),
 * so it is woken once per several blocks, not for each. */
#define AHEAD_WAKE (AHEAD_BLOCKS / 2)
#define NONE       SIZE_MAX

struct meta {
    long line;
    const char *file;
    size_t problem;       /* offset in data, or NONE */
    size_t problem_field; /* offset in data, or NONE */
};

struct block {
    struct sr_buf data;
    size_t *offs; /* AHEAD_FORMS * nslots */
    struct meta meta[AHEAD_FORMS];
    size_t nforms;
    bool last;           /* the file ends after these forms */
    enum sr_status end;  /* then: SR_DONE or the error */
    struct sr_diag diag; /* and its place */
};

struct sr_ahead {
    sr_ahead_next_fn *next;
    void *src;
    size_t nslots;
    pthread_t th;
    bool running; /* th is to be joined */
    pthread_mutex_t mu;
    pthread_cond_t full_cv; /* a block was filled */
    pthread_cond_t free_cv; /* a block was given back, or stop */
    struct block blocks[AHEAD_BLOCKS];
    size_t head;     /* the oldest full block */
    size_t nfull;    /* full blocks waiting */
    size_t fill;     /* the block the producer fills next */
    size_t nfree;    /* blocks the producer may fill */
    bool prod_waits; /* the producer sleeps on free_cv */
    bool cons_waits; /* the consumer sleeps on full_cv */
    bool stop;       /* the consumer wants no more */
    bool done;       /* the producer has finished */
    uint64_t cpu;    /* the thread's CPU time, at its end */

    /* the consumer's side */
    bool held;  /* it holds block `cur` */
    size_t cur; /* the block it reads */
    size_t pos; /* next form in it */
    bool ended; /* it has handed out the end */
    enum sr_status end;
    struct sr_diag end_diag;
    const char **ptrs; /* nslots: the values handed out */
};

/* Copy @s (NULL: absent) into @b; its offset, or NONE. */
static size_t put(struct sr_buf *b, const char *s)
{
    size_t off = b->len;

    if (!s)
        return NONE;
    sr_buf_add(b, s, strlen(s) + 1);
    return off;
}

/* Copy the values of @f into @b, their offsets into @offs: the lengths
 * first, so that the buffer grows once per form. */
static void copy_values(struct sr_ahead *a, struct sr_buf *b,
                        const struct sr_rawform *f, size_t *offs)
{
    size_t total = 0;
    size_t i;
    char *p;

    for (i = 0; i < a->nslots; i++) {
        const char *v = i < f->nslots ? f->values[i] : NULL;

        offs[i] = v ? strlen(v) + 1 : 0;
        total += offs[i];
    }
    sr_buf_grow(b, total);
    p = b->buf + b->len;
    for (i = 0; i < a->nslots; i++) {
        size_t n = offs[i];

        if (!n) {
            offs[i] = NONE;
            continue;
        }
        memcpy(p, f->values[i], n);
        offs[i] = (size_t)(p - b->buf);
        p += n;
    }
    b->len = (size_t)(p - b->buf);
    b->buf[b->len] = '\0';
}

/* Fill block @b from the format reader until it is full or the file ends. */
static void fill_block(struct sr_ahead *a, struct block *b)
{
    struct sr_rawform f;
    enum sr_status s;

    sr_buf_reset(&b->data);
    b->nforms = 0;
    b->last = false;
    while (b->nforms < AHEAD_FORMS) {
        size_t *offs = b->offs + b->nforms * a->nslots;
        struct meta *m = &b->meta[b->nforms];

        sr_diag_clear(&b->diag);
        s = a->next(a->src, &f, &b->diag);
        if (s != SR_OK) {
            b->last = true;
            b->end = s;
            return;
        }
        copy_values(a, &b->data, &f, offs);
        m->line = f.line;
        m->file = f.file;
        m->problem = put(&b->data, f.problem);
        m->problem_field = put(&b->data, f.problem ? f.problem_field : NULL);
        b->nforms++;
    }
}

static void *producer(void *arg)
{
    struct sr_ahead *a = arg;
    bool last = false;

    while (!last) {
        struct block *b;

        pthread_mutex_lock(&a->mu);
        if (!a->nfree && !a->stop) {
            a->prod_waits = true;
            while (a->nfree < AHEAD_WAKE && !a->stop)
                pthread_cond_wait(&a->free_cv, &a->mu);
            a->prod_waits = false;
        }
        if (a->stop) {
            pthread_mutex_unlock(&a->mu);
            break;
        }
        b = &a->blocks[a->fill];
        a->nfree--;
        pthread_mutex_unlock(&a->mu);

        fill_block(a, b);
        last = b->last;

        pthread_mutex_lock(&a->mu);
        a->fill = (a->fill + 1) % AHEAD_BLOCKS;
        a->nfull++;
        if (a->cons_waits)
            pthread_cond_signal(&a->full_cv);
        pthread_mutex_unlock(&a->mu);
    }
    pthread_mutex_lock(&a->mu);
    a->cpu = sr_stagetime_thread_cpu();
    a->done = true;
    pthread_cond_signal(&a->full_cv);
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

struct sr_ahead *sr_ahead_start(sr_ahead_next_fn *next, void *src,
                                size_t nslots)
{
    struct sr_ahead *a;
    size_t i;

    if (!sr_par_threads())
        return NULL;
    a = xcalloc(1, sizeof(*a));
    a->next = next;
    a->src = src;
    a->nslots = nslots;
    a->nfree = AHEAD_BLOCKS;
    a->ptrs = xcalloc(nslots ? nslots : 1, sizeof(*a->ptrs));
    for (i = 0; i < AHEAD_BLOCKS; i++) {
        sr_buf_init(&a->blocks[i].data);
        a->blocks[i].offs =
            xcalloc(AHEAD_FORMS * (nslots ? nslots : 1), sizeof(size_t));
    }
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->full_cv, NULL);
    pthread_cond_init(&a->free_cv, NULL);
    if (pthread_create(&a->th, NULL, producer, a) != 0) {
        sr_ahead_stop(a); /* no thread: the caller reads directly */
        return NULL;
    }
    a->running = true;
    return a;
}

enum sr_status sr_ahead_next(struct sr_ahead *a, struct sr_rawform *f,
                             struct sr_diag *d)
{
    struct block *b;
    const size_t *offs;
    struct meta *m;
    size_t i;

    if (a->ended) {
        if (d)
            *d = a->end_diag;
        return a->end;
    }
    if (a->held && a->pos == a->blocks[a->cur].nforms) {
        b = &a->blocks[a->cur];
        if (b->last) {      /* the end, after the block's forms */
            if (a->running) /* the thread is through with src */
                pthread_join(a->th, NULL);
            a->running = false;
            a->ended = true;
            a->end = b->end;
            a->end_diag = b->diag;
            if (d)
                *d = a->end_diag;
            return a->end;
        }
        pthread_mutex_lock(&a->mu);
        a->held = false;
        a->nfree++;
        if (a->prod_waits && a->nfree >= AHEAD_WAKE)
            pthread_cond_signal(&a->free_cv);
        pthread_mutex_unlock(&a->mu);
    }
    if (!a->held) {
        pthread_mutex_lock(&a->mu);
        while (!a->nfull) {
            a->cons_waits = true;
            pthread_cond_wait(&a->full_cv, &a->mu);
            a->cons_waits = false;
        }
        a->cur = a->head;
        a->head = (a->head + 1) % AHEAD_BLOCKS;
        a->nfull--;
        a->held = true;
        a->pos = 0;
        pthread_mutex_unlock(&a->mu);
        return sr_ahead_next(a, f, d); /* an empty last block ends here */
    }
    b = &a->blocks[a->cur];
    offs = b->offs + a->pos * a->nslots;
    m = &b->meta[a->pos];
    for (i = 0; i < a->nslots; i++)
        a->ptrs[i] = offs[i] == NONE ? NULL : b->data.buf + offs[i];
    f->file = m->file;
    f->line = m->line;
    f->values = a->ptrs;
    f->nslots = a->nslots;
    f->problem = m->problem == NONE ? NULL : b->data.buf + m->problem;
    f->problem_field =
        m->problem_field == NONE ? "" : b->data.buf + m->problem_field;
    f->lens = NULL;
    f->utf8_ok = false;
    f->at = -1;
    a->pos++;
    return SR_OK;
}

uint64_t sr_ahead_cpu_ns(const struct sr_ahead *a)
{
    return a && a->ended ? a->cpu : 0; /* written before the join */
}

void sr_ahead_stop(struct sr_ahead *a)
{
    size_t i;

    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    a->stop = true;
    pthread_cond_broadcast(&a->free_cv);
    pthread_mutex_unlock(&a->mu);
    if (a->running)
        pthread_join(a->th, NULL);
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->full_cv);
    pthread_cond_destroy(&a->free_cv);
    for (i = 0; i < AHEAD_BLOCKS; i++) {
        sr_buf_release(&a->blocks[i].data);
        free(a->blocks[i].offs);
    }
    free(a->ptrs);
    free(a);
}
