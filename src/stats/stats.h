/* SPDX-License-Identifier: MIT */
/*
 * stats.h - accumulate accepted forms, then build the statistics model
 *
 * Accumulators are integer counts and sums (per scale point, per pair of
 * items...), so every figure is exact, memory does not grow with the number
 * of forms (only with distinct segment values) and two accumulations can be
 * merged in any order with identical results.
 *
 * Definitions: FORMATS.md §4.2; docs/statistics.md.
 */
#ifndef SR_STATS_H
#define SR_STATS_H

#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "model.h"

struct sr_stats_opts {
    long min_report; /* groups with fewer forms are not broken down (5) */
    long min_base;   /* groups with fewer forms are flagged small (30) */
};

struct sr_stats;

/** New accumulator for template @t (borrowed; must outlive it). */
struct sr_stats *sr_stats_new(const struct sr_template *t,
                              const struct sr_stats_opts *o);

/** Add one accepted, in-period form.  */
void sr_stats_push(struct sr_stats *st, const struct sr_record *r);

/** Count forms per source file for the reconciliation: @what is one of
 * "read", "refused", "out_of_period", "accepted". */
void sr_stats_count(struct sr_stats *st, const char *file, const char *what);

/** Build the model.  *out owned by caller (sr_model_free()). */
enum sr_status sr_stats_model(const struct sr_stats *st, struct sr_model **out,
                              struct sr_diag *d);

/**
 * Add everything @src accumulated (forms, segment values, per-file counts)
 * to @dst.  Both must have been made for the same template.  The model of
 * the merge is the model of one accumulation of all the forms (files keep
 * first-seen order: @dst's, then @src's new ones).  @src is not changed.
 */
void sr_stats_merge(struct sr_stats *dst, const struct sr_stats *src);

void sr_stats_free(struct sr_stats *st);

#endif /* SR_STATS_H */
