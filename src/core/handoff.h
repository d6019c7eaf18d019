/* SPDX-License-Identifier: MIT */
/*
 * handoff.h - hand checked records to a second thread, in order
 *
 * A run checks forms in its main thread and classifies and accumulates
 * them in a second one (pipeline.c), so that both cores work on a large
 * input.  Records are copied (the recspill encoding, recspill.h) into
 * batches of up to HANDOFF_FORMS records; HANDOFF_BATCHES batches turn
 * between the two threads, so memory is bounded whatever the input.  The
 * consumer sees every record in the order it was added, one at a time.
 *
 * @code
 *   struct sr_handoff *h = sr_handoff_start(t, consume);
 *   for each accepted form:
 *       if (sr_handoff_add(h, &rec, ctx, file, &d) != SR_OK) stop;
 *   s = sr_handoff_wait(h, &d);  // all consumed; the consumer's error
 *   sr_handoff_stop(h);
 * @endcode
 *
 * The first error of the consumer stops it: later records are dropped,
 * and sr_handoff_add() (at its next batch) and sr_handoff_wait() return
 * that error with its diag until sr_handoff_wait() has reported it.
 */
#ifndef SR_HANDOFF_H
#define SR_HANDOFF_H

#include "form.h"
#include "status.h"
#include "template.h"

#include <stdint.h>

struct sr_handoff;

/**
 * Called in the second thread once per record, in order.  @r and what it
 * points to are valid for the call only (r->raw: the line and the file
 * given to sr_handoff_add(), no values); @ctx is what was given with it.
 */
typedef enum sr_status sr_handoff_fn(void *ctx, struct sr_record *r,
                                     struct sr_diag *d);

/** Start the second thread for records of template @t (borrowed).  @dir:
 * where a batch would spill if one record outgrew memory (the run's
 * temporary folder; NULL: $TMPDIR or /tmp), as in recspill.h. */
struct sr_handoff *sr_handoff_start(const struct sr_template *t,
                                    const char *dir, sr_handoff_fn *fn);

/**
 * Copy @r for the consumer, with @ctx and @file (borrowed: they must live
 * until sr_handoff_wait() returns).  Returns SR_OK, or the consumer's
 * error (then stop adding and call sr_handoff_wait()).
 */
enum sr_status sr_handoff_add(struct sr_handoff *h, const struct sr_record *r,
                              void *ctx, const char *file, struct sr_diag *d);

/**
 * Wait until every record added has been consumed.  Returns SR_OK or the
 * consumer's first error since the last wait (its diag in @d); the
 * consumer is ready for new records afterwards.
 */
enum sr_status sr_handoff_wait(struct sr_handoff *h, struct sr_diag *d);

/** CPU time of the second thread so far, in nanoseconds. */
uint64_t sr_handoff_cpu_ns(struct sr_handoff *h);

/** Wait for the consumer, end the thread and free everything.  NULL ok. */
void sr_handoff_stop(struct sr_handoff *h);

#endif /* SR_HANDOFF_H */
