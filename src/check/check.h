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
 * Memory: one arena reset per form, plus the set of form ids seen (which
 * necessarily grows with the number of forms: about 40 bytes per form).
 */
#ifndef SR_CHECK_H
#define SR_CHECK_H

#include "../core/config.h"
#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "rejects.h"

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
 * next call).  Returns the verdict; a write error on @rj is reported as
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
enum sr_status sr_check_write_ids(const struct sr_checker *ck,
                                  const char *path, struct sr_diag *d);

/** Free the checker; NULL does nothing. */
void sr_check_free(struct sr_checker *ck);

#endif /* SR_CHECK_H */
