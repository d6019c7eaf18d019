/* SPDX-License-Identifier: MIT */
/*
 * ahead.h - read forms ahead, in a second thread, through a bounded queue
 *
 * A reader's work (decoding, CSV cutting, XML parsing) does not depend on
 * what the checker makes of the forms, so it can run beside it: a thread
 * pulls raw forms from the format reader and copies them into a ring of
 * AHEAD_BLOCKS blocks of up to AHEAD_FORMS forms; sr_ahead_next() hands
 * them out in the same order, with the same end (SR_DONE or the error and
 * its place).  Memory is the ring, whatever the file's size; the threads
 * meet once per block, not per form.  reader.c puts this in front of every
 * format reader (docs/benchmarks.md); SATREPORT_THREADS=1 turns it off.
 */
#ifndef SR_AHEAD_H
#define SR_AHEAD_H

#include "../core/form.h"
#include "../core/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The format reader's next(): the contract of sr_reader_next(). */
typedef enum sr_status sr_ahead_next_fn(void *src, struct sr_rawform *f,
                                        struct sr_diag *d);

struct sr_ahead;

/**
 * Start reading ahead from @src with @next; raw forms have @nslots values.
 * @src is used by the thread only until the end (or sr_ahead_stop()), then
 * by the caller again.  NULL if no thread can be started (the caller reads
 * directly) or if sr_par_threads() says one thread only.
 */
struct sr_ahead *sr_ahead_start(sr_ahead_next_fn *next, void *src,
                                size_t nslots);

/**
 * The next form, exactly as @next gave it: SR_OK with *f filled (borrowed
 * until the next call), SR_DONE, or the error with @d.  When it returns
 * the end, the thread has finished and @src is the caller's again; later
 * calls return the end again.
 */
enum sr_status sr_ahead_next(struct sr_ahead *a, struct sr_rawform *f,
                             struct sr_diag *d);

/** CPU time the thread spent, in nanoseconds, once sr_ahead_next() has
 * returned the end (0 before). */
uint64_t sr_ahead_cpu_ns(const struct sr_ahead *a);

/** Stop the thread (if still reading), wait for it and free @a; NULL does
 * nothing. */
void sr_ahead_stop(struct sr_ahead *a);

#endif /* SR_AHEAD_H */
