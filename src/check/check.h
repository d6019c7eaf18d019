/* SPDX-License-Identifier: MIT */
/*
 * check.h - validation: a raw form in, an accepted record or refusals out
 *
 * Input: struct sr_rawform from a reader.  Output: a verdict; for accepted
 * (and out-of-period) forms a struct sr_record, borrowed until the next
 * sr_check_form(); for refused forms one rejects row per problem.
 *
 * Rules (FORMATS.md §4.2, docs/validation.md): values are NFKC-normalised
 * and trimmed; required fields present; patterns (PCRE2) match; dates are
 * real YYYY-MM-DD dates; scores are whole numbers of the scale or point
 * labels; choices name known options, one only on a single choice;
 * form_id is unique (the first form carrying an id keeps it, even when that
 * form is refused for another reason); forms dated outside the period are
 * counted, not analysed.
 *
 * Memory: one arena reset per form, plus the set of form ids seen
 * (idset.h: duplicates are exact, so every id is remembered; ids numbered
 * in order take about a byte each, any others about 20 bytes each,
 * docs/benchmarks.md).  At most about 380 million ids out of
 * order fit in one checker; forms past that are refused with a message to
 * shard the input (docs/scale-out.md).
 */
#ifndef SR_CHECK_H
#define SR_CHECK_H

#include "../core/config.h"
#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "idset.h"
#include "rejects.h"

#include <stdbool.h>

enum sr_verdict { SR_ACCEPTED, SR_REFUSED, SR_OUT_OF_PERIOD };

struct sr_checker;

/**
 * Compile the template's patterns.  @t must outlive the checker.
 * @period_from/@period_to are yyyymmdd (0 = open).  SR_ERR_CONFIG with the
 * template's file:line when a pattern does not compile.
 */
enum sr_status sr_check_open(struct sr_checker **out,
                             const struct sr_template *t, int period_from,
                             int period_to, struct sr_diag *d);

/**
 * Check one form.  Refusals are written to @rj (one row per problem).
 * For SR_ACCEPTED and SR_OUT_OF_PERIOD, *rec is filled (borrowed until the
 * next call, and no longer than @raw: values already in normal form are
 * not copied).  Returns the verdict; a write error on @rj is reported as
 * SR_REFUSED with d->code set (the caller checks d->code).
 */
enum sr_verdict sr_check_form(struct sr_checker *ck,
                              const struct sr_rawform *raw,
                              struct sr_record *rec, struct sr_rejects *rj,
                              struct sr_diag *d);

/**
 * Write every form id seen so far to @path, sorted by byte order, one per
 * line as "id<TAB>file:line" (where it was first seen).  Partial runs keep
 * this beside their state so that merge can find a form id that two
 * shards both accepted.  SR_ERR_WRITE on failure.
 */
enum sr_status sr_check_write_ids(const struct sr_checker *ck, const char *path,
                                  struct sr_diag *d);

/** A new input file begins: its name is compared again (a file name is
 * known by its pointer while the file is read, and the next file's may
 * be given the same address). */
void sr_check_file_start(struct sr_checker *ck);

/** Where the set of form ids seen stands: see sr_check_rollback(). */
struct sr_check_mark {
    struct sr_idset_mark ids;
};

/** Remember the set of form ids seen as it is now (a run marks the start
 * of each input file). */
void sr_check_mark(struct sr_checker *ck, struct sr_check_mark *m);

/**
 * Forget every form id first seen since @m (from sr_check_mark() on the
 * same checker): a file refused whole claims none of its ids, so a later
 * form with one of them is not a duplicate (docs/hardening.md).
 */
void sr_check_rollback(struct sr_checker *ck, const struct sr_check_mark *m);

/**
 * Take every form id @from has seen into @ck, as if @ck had seen them
 * after its own, where @from saw them: for a file read in two parts at
 * once, @from the checker of its later part (reader.h).  All or none:
 * false, and @ck as it was, when an id of @from is already in @ck (a
 * duplicate across the parts, or of an earlier file, which @from could not
 * know: the caller then reads the later part again with @ck).  @from
 * can only be freed after: its set of ids is taken apart.
 */
bool sr_check_adopt(struct sr_checker *ck, struct sr_checker *from);

/** Free the checker; NULL does nothing. */
void sr_check_free(struct sr_checker *ck);

#endif /* SR_CHECK_H */
