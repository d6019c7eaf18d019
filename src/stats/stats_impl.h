/* SPDX-License-Identifier: MIT */
/*
 * stats_impl.h - the accumulator's insides, shared by stats.c and state.c
 *
 * Private to the statistics module: nothing outside src/stats/ includes
 * this.  stats.c lays cells out and fills them; state.c writes and reads
 * them (mergeable states).  See stats.c for what a cell holds.
 */
#ifndef SR_STATS_IMPL_H
#define SR_STATS_IMPL_H

#include "stats.h"
/* classify.h's file comment holds a slash-star: quiet -Wcomment for it */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcomment"
#include "../classify/classify.h"
#pragma GCC diagnostic pop
#include "../core/buf.h"
#include "dist.h"
#include "prev.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SR_STATS_NONE SIZE_MAX

/* What a template item occupies in a cell. */
struct sr_item_lay {
    size_t bins; /* nb counts: one per scale point, min first */
    size_t corr; /* correlation accumulator (1 stratum), or NONE */
    int min;
    int max;
    size_t nb;
    int64_t *num; /* the point values: bin values */
    struct sr_bins vals;
};

/* What a dimension occupies in a cell. */
struct sr_dim_lay {
    size_t hist;  /* per-form scores: a count per (k, S) pair */
    size_t corr;  /* correlation accumulator (m strata), or NONE */
    size_t alpha; /* complete forms, sum x_a, sum x_a x_b (a <= b); or NONE */
    size_t nh;    /* bins of hist */
    size_t *base; /* base[k - 1]: the bin of (k, k * min) */
    size_t m;     /* items */
    int min;      /* of the items' shared scale */
    int max;
    int64_t *num; /* bin values num/den = S/k */
    int64_t *den;
    size_t *order; /* bins by increasing S/k */
    struct sr_bins vals;
};

struct sr_segval {
    char *value; /* NULL: empty slot */
    size_t len;  /* of value */
    uint64_t hash;
    int64_t *cell;
    uint16_t *fast; /* its fast cell (stats.c, push side), or NULL */
};

/* The cells of one segment field, by value (open addressing). */
struct sr_segmap {
    struct sr_segval *slots;
    size_t cap; /* power of two */
    size_t count;
    long capped; /* forms whose value came past SR_STATS_MAX_SEGVALS */
};

/* A segment group: a template segment field or a derived field. */
struct sr_segfield {
    const char *id;    /* borrowed from the template or the rules */
    const char *label; /* never NULL */
    int field;         /* template field index, or -1 */
    size_t derived;    /* derived field index when field < 0 */
};

enum sr_count_kind {
    SR_COUNT_READ,
    SR_COUNT_ACCEPTED,
    SR_COUNT_REFUSED,
    SR_COUNT_OUT,
    SR_NKINDS
};

struct sr_filecount {
    char *file;
    uint64_t hash;
    long c[SR_NKINDS];
};

/* One change a form makes to a cell. */
struct sr_touch {
    size_t off;
    int64_t d;
};

struct sr_stats {
    const struct sr_template *t; /* borrowed */
    struct sr_stats_opts o;      /* arrays borrowed; previous not kept */

    /* the layout of a cell */
    size_t off_forms;     /* accepted forms */
    size_t off_csi;       /* forms with at least one answered dim. item */
    size_t off_commented; /* forms with a comment (or a category) */
    size_t off_complaint; /* forms flagged complaint */
    size_t off_cat;       /* per category: forms in it */
    size_t size;          /* counters per cell */
    struct sr_item_lay *items;
    struct sr_dim_lay *dims;
    size_t *choices; /* per choice: answered, then a count per option */

    int64_t *all;
    struct sr_segfield *segf; /* template segments, then derived ones */
    struct sr_segmap *seg;    /* per segf */
    size_t nseg;
    int64_t *cat; /* ncategories cells of size counters, one after another */
    /* per category SR_STATS_EXAMPLES example comments (owned), and how
     * many it has */
    char **examples;
    size_t *nexamples;
    struct sr_buf ex_tmp; /* push scratch for an example */

    /* the rules' identity (derived fields, categories): SHA-256 */
    unsigned char rules_id[32];

    /* the previous period's figures (sr_stats_open()), or NULL */
    struct sr_prev *prev;

    /* push scratch: what this form adds, applied to each of its cells */
    struct sr_touch *touch;
    size_t ntouch;
    int32_t *xs; /* per item: score - min, or -1 */

    /* The push side (stats.c): forms are counted in fast cells, one per
     * cell, by joint outcome (an item's score with the overall score, a
     * dimension's (k, S) with it, the scores of a complete form of a
     * small dimension), so that a form adds 1 to a few dozen counters;
     * sr_stats_fold() turns the counts into the cells' sums.  A fast cell
     * has fsize counters: first a copy of the cell's layout (counts added
     * as they are, e.g. forms, choices), then the joint blocks, then the
     * number of forms pushed since the last fold.  Counters are 16 bits,
     * to halve the memory a form touches: a fast cell is folded every
     * 65,535 forms, before a counter can overflow.  The alpha sums of a large
     * dimension are added to the cell itself. */
    size_t fsize;
    size_t f_ny;    /* overall's points + 1 (y index 0: none), or 1 */
    size_t *f_item; /* per item: its (x, y) block */
    size_t *f_dim;  /* per dimension: its ((k, S), y) block */
    size_t *f_vec;  /* per dimension: complete forms' scores, or NONE */
    uint16_t *f_all;
    uint16_t *f_cat; /* ncategories fast cells */
    uint32_t *inc;   /* this form's counters (+1 each) */
    size_t ninc;

    /* reconciliation, files in first-seen order */
    struct sr_filecount *files;
    size_t nfiles;
    size_t files_alloc;
    size_t *file_slots; /* file index + 1, 0 = empty */
    size_t file_cap;    /* power of two */
    size_t last_file;   /* index of the last file counted */
};

/** The cell of @value in segment group @s, made (zeroed) on first sight. */
int64_t *sr_stats_seg_cell(struct sr_stats *st, size_t s, const char *value);

/** Fold the fast cells' counts into the cells (see struct sr_stats).
 * Every reader of cells calls it first.  @st is logically const: its
 * figures do not change, only where they are kept. */
void sr_stats_fold(const struct sr_stats *st);

/** The rules' identity: SHA-256 of the derived fields (ids, segment flags)
 * and the comment categories (names, complaint flags) of @o (state.c). */
void sr_stats_rules_id(const struct sr_stats_opts *o, unsigned char out[32]);

/** The counts of @file, made on first sight. */
struct sr_filecount *sr_stats_file(struct sr_stats *st, const char *file);

#endif /* SR_STATS_IMPL_H */
