/* SPDX-License-Identifier: MIT */
/*
 * stats.h - accumulate accepted forms, then build the statistics model
 *
 * Accumulators are integer counts and sums (per scale point, per pair of
 * items...), so every figure is exact, memory does not grow with the number
 * of forms (only with distinct segment values) and two accumulations can be
 * merged in any order with identical results - in one process
 * (sr_stats_merge()) or through state files (sr_stats_save(),
 * sr_stats_load()).
 *
 * Definitions and the order of stats.csv: FORMATS.md §4.2,
 * docs/statistics.md.
 *
 * @code
 *   struct sr_stats_opts o = { .min_report = 5, .min_base = 30 };
 *   o.derived = sr_classify_fields(c, &o.nderived);
 *   o.categories = sr_classify_categories(c, &o.ncategories);
 *   o.previous = cfg->previous;                  // or NULL
 *   if (sr_stats_open(&st, t, &o, &d) != SR_OK)  // SR_ERR_CONFIG: exit 2
 *       ...;
 *   for each form: sr_stats_count(st, file, "read"); ...
 *       sr_classify_record(c, &rec, &d); sr_stats_push(st, &rec);
 *   sr_stats_model(st, &model, &d);
 * @endcode
 */
#ifndef SR_STATS_H
#define SR_STATS_H

#include "../core/form.h"
#include "../core/status.h"
#include "../core/template.h"
#include "model.h"

#include <stddef.h>

/**
 * The most distinct values a segment group is broken down by (memory grows
 * with them: a cell of every figure each).  A form whose value would be one
 * more is counted in group all but not in that group's breakdown
 * (sr_stats_capped() says how many); docs/hardening.md.
 */
#define SR_STATS_MAX_SEGVALS 1000

/* from ../classify/classify.h */
struct sr_derived_field;
struct sr_category;

struct sr_stats_opts {
    long min_report; /* groups with fewer forms are not broken down (5) */
    long min_base;   /* groups with fewer forms are flagged small (30) */

    /* The rules' derived fields (sr_classify_fields()); those with
     * segment = true are segment groups after the template's segments.
     * Borrowed: must outlive the accumulator.  NULL/0 = none. */
    const struct sr_derived_field *derived;
    size_t nderived;

    /* The rules' comment categories (sr_classify_categories()), at most
     * SR_MAX_CATEGORIES; bit k of sr_record.categories is categories[k].
     * Borrowed: must outlive the accumulator.  NULL/0 = none. */
    const struct sr_category *categories;
    size_t ncategories;

    /* Path of an earlier run's stats.csv ([analysis] previous), or NULL:
     * read by sr_stats_open() only, for prev_index, delta and p_delta. */
    const char *previous;
};

struct sr_stats;

/**
 * New accumulator for template @t (borrowed; must outlive it) with options
 * @o (NULL: min_report 5, min_base 30, no rules).  @o->previous is NOT
 * read here: use sr_stats_open() for that.  Never fails (dies on OOM).
 * Caller frees with sr_stats_free().
 */
struct sr_stats *sr_stats_new(const struct sr_template *t,
                              const struct sr_stats_opts *o);

/**
 * sr_stats_new(), then read the previous period's stats.csv when
 * @o->previous is set.  A previous file that cannot be read or is not a
 * stats.csv, or more categories than SR_MAX_CATEGORIES, is SR_ERR_CONFIG
 * (file:line and the reason in @d) and *out is NULL.  Call it before any
 * form is read, so that a bad [analysis] previous stops the run (exit 2)
 * before anything is written.  *out owned by caller (sr_stats_free()).
 */
enum sr_status sr_stats_open(struct sr_stats **out, const struct sr_template *t,
                             const struct sr_stats_opts *o, struct sr_diag *d);

/**
 * Add one accepted, in-period, classified form: its template segments,
 * its derived values (r->derived[j], NULL or "" = none), its categories
 * (r->categories, bits beyond the categories given are ignored) and its
 * complaint flag.  Allocates only on the first sight of a segment value.
 */
void sr_stats_push(struct sr_stats *st, const struct sr_record *r);

/*
 * Example comments: per comment category the first SR_STATS_EXAMPLES forms
 * in it, in the order they were pushed (merges append @src's after
 * @dst's), each as its non-empty comments joined with " / ", personal data
 * masked (sr_pii_mask_text()) and cut to SR_STATS_EXAMPLE_MAX bytes at a
 * character boundary (then ending in "…").  They reach the model
 * (sr_model_category.examples) and the report; they are not figures and
 * are not in stats.csv.
 */
#define SR_STATS_EXAMPLES    3
#define SR_STATS_EXAMPLE_MAX 300

/** Category @k's examples: *n of them (the pointers live as long as @st). */
const char *const *sr_stats_examples(const struct sr_stats *st, size_t k,
                                     size_t *n);

/** Add an example to category @k (a state being read); ignored when the
 * category has its SR_STATS_EXAMPLES already. */
void sr_stats_add_example(struct sr_stats *st, size_t k, const char *text);

/** Count forms per source file for the reconciliation: @what is one of
 * "read", "refused", "out_of_period", "accepted". */
void sr_stats_count(struct sr_stats *st, const char *file, const char *what);

/** sr_stats_count() @n times at once (@n = 0 does nothing). */
void sr_stats_count_n(struct sr_stats *st, const char *file, const char *what,
                      long n);

/**
 * Segment group @i (0, 1, ... in model order): its id in *id and the forms
 * left out of its breakdown by SR_STATS_MAX_SEGVALS; -1 when there is no
 * group @i.
 */
long sr_stats_capped(const struct sr_stats *st, size_t i, const char **id);
/** The values of segment group @i broken down so far (0 past the last
 * group, or for NULL). */
size_t sr_stats_segvals(const struct sr_stats *st, size_t i);

/** Build the model.  *out owned by caller (sr_model_free()).  Fails
 * (SR_ERR_LIBRARY) only when the per-file counts do not reconcile. */
enum sr_status sr_stats_model(const struct sr_stats *st, struct sr_model **out,
                              struct sr_diag *d);

/**
 * Add everything @src accumulated (forms, segment values, per-file counts)
 * to @dst.  Both must have been made for the same template and rules.  The
 * model of the merge is the model of one accumulation of all the forms
 * (files keep first-seen order: @dst's, then @src's new ones).  @src is not
 * changed; the previous period's figures are @dst's.
 */
void sr_stats_merge(struct sr_stats *dst, const struct sr_stats *src);

/**
 * Write the mergeable state of @st (its accumulators, segment values and
 * per-file counts; not the options nor the previous period) to @path:
 * written aside and renamed into place, so @path is never left half
 * written.  The format (docs/statistics.md) is versioned, carries the
 * template's SHA-256 and the rules' identity, and is the same on every
 * machine (little-endian).  Errors: SR_ERR_WRITE with @path in @d.
 */
enum sr_status sr_stats_save(const struct sr_stats *st, const char *path,
                             struct sr_diag *d);

/**
 * Merge the state file at @path into @st, as sr_stats_merge() would.
 * Refused, with @st unchanged: a file that cannot be opened or read
 * (SR_ERR_IO); a file that is not a satreport state, of another format
 * version, truncated or damaged (SR_ERR_PARSE); a state of another form
 * template or other classification rules (SR_ERR_CONFIG).
 */
enum sr_status sr_stats_load(struct sr_stats *st, const char *path,
                             struct sr_diag *d);

/** Free @st; NULL does nothing. */
void sr_stats_free(struct sr_stats *st);

#endif /* SR_STATS_H */
