/* SPDX-License-Identifier: MIT */
/*
 * recspill.h - hold checked records back, in bounded memory, and replay them
 *
 * A run writes the records of an input file to the workbook only once the
 * whole file has been read: a file that breaks part-way is refused whole
 * (docs/hardening.md), so none of its forms may be in the 明细 or 意见分类
 * sheets.  The records wait here, copied: in memory up to a bound, then in
 * a scratch file that is unlinked as soon as it is opened (nothing is left
 * behind, even by a killed run).
 *
 * @code
 *   struct sr_recspill *sp = sr_recspill_new(t, tmpdir, 0);
 *   for each accepted form of the file:
 *       if (sr_recspill_add(sp, &rec, &d) != SR_OK) ...;  // disk full
 *   if the file was read to its end:
 *       s = sr_recspill_replay(sp, write_row, ctx, &d);    // in order
 *   else
 *       sr_recspill_reset(sp);                             // dropped
 *   sr_recspill_free(sp);
 * @endcode
 */
#ifndef SR_RECSPILL_H
#define SR_RECSPILL_H

#include "form.h"
#include "status.h"
#include "template.h"

#include <stddef.h>

/** Bytes of records kept in memory before they go to the scratch file. */
#define SR_RECSPILL_MEM (8u << 20)

struct sr_recspill;

/**
 * A spill for records of template @t (borrowed; it must outlive the
 * spill).  The scratch file, when needed, is made in folder @dir (copied;
 * NULL: $TMPDIR or /tmp).  @mem_max: bytes held in memory, 0 for
 * SR_RECSPILL_MEM.  Never fails (dies on OOM).  Free with
 * sr_recspill_free().
 */
struct sr_recspill *sr_recspill_new(const struct sr_template *t,
                                    const char *dir, size_t mem_max);

/**
 * Copy @r (its fields, scores, choices, comments, date, derived values,
 * categories, complaint flag, customer match and raw->line) to the end of
 * the spill.
 * SR_ERR_WRITE (with the folder in @d) when the scratch file cannot be
 * made or written, e.g. the disk is full.
 */
enum sr_status sr_recspill_add(struct sr_recspill *sp,
                               const struct sr_record *r, struct sr_diag *d);

/** Records added since the last replay or reset. */
size_t sr_recspill_count(const struct sr_recspill *sp);

/**
 * Called once per record by sr_recspill_replay(), in the order added.
 * @r and everything it points to are valid for the call only; r->raw has
 * the line and the @file given to the replay, and no values.  Any status
 * but SR_OK stops the replay and is returned.
 */
typedef enum sr_status sr_recspill_fn(void *ctx, const struct sr_record *r,
                                      struct sr_diag *d);

/**
 * Hand every record held to @fn, in order, then empty the spill (as
 * sr_recspill_reset()).  Returns SR_OK, @fn's error, or SR_ERR_IO when the
 * scratch file cannot be read back; the spill is empty afterwards in every
 * case.  @file is the input file the records came from (for r->raw).
 */
enum sr_status sr_recspill_replay(struct sr_recspill *sp, const char *file,
                                  sr_recspill_fn *fn, void *ctx,
                                  struct sr_diag *d);

/** Bytes of records held (in memory and in the scratch file). */
size_t sr_recspill_bytes(const struct sr_recspill *sp);

/**
 * Like sr_recspill_replay() but the records stay held: hand every record
 * to @fn, in order.  Returns SR_OK, @fn's error or SR_ERR_IO.
 */
enum sr_status sr_recspill_each(struct sr_recspill *sp, const char *file,
                                sr_recspill_fn *fn, void *ctx,
                                struct sr_diag *d);

/** Drop every record held. */
void sr_recspill_reset(struct sr_recspill *sp);

/** Free @sp and close its scratch file; NULL does nothing. */
void sr_recspill_free(struct sr_recspill *sp);

#endif /* SR_RECSPILL_H */
