/* SPDX-License-Identifier: MIT */
/*
 * model.h - the statistics model: every figure a renderer may show
 *
 * Built by the statistics module (sr_stats_model()) and read-only after.
 * Renderers (PDF, XLSX, stats.csv) read figures from here and compute
 * nothing themselves: they look a figure up with sr_model_get() or walk
 * rows in stats.csv order.
 *
 * Figures follow FORMATS.md §4.1: (group, group_value, subject, metric)
 * -> value, n.  group "all" has group_value "".  Undefined figures are
 * absent (sr_model_get() returns false).
 */
#ifndef SR_MODEL_H
#define SR_MODEL_H

#include "../core/template.h"

#include <stdbool.h>
#include <stddef.h>

/** One figure.  n < 0 means "n is empty" (target, gap, quadrant, forms). */
struct sr_figure {
    const char *group;
    const char *group_value;
    const char *subject;
    const char *metric;
    double value;
    long n;
};

/** What kind of group a struct sr_model_group is. */
enum sr_group_kind {
    SR_GROUP_SEGMENT = 0, /* a segment field of the template */
    SR_GROUP_DERIVED,     /* a derived field of the rules (segment = true) */
    SR_GROUP_CATEGORY     /* group "category": comment categories */
};

/** A group and the values broken down for it (>= min_report forms):
 * segment and derived fields in sorted (byte) order of their values; the
 * group "category" in the rules' order of its categories.  Groups come in
 * stats.csv order: template segments, derived segments, then category. */
struct sr_model_group {
    const char *field_id; /* group name in stats.csv */
    const char *label;    /* display label, e.g. 客户类别 */
    const char **values;
    long *forms; /* forms per value */
    size_t nvalues;
    enum sr_group_kind kind;
};

/* at most this many example comments a category (= SR_STATS_EXAMPLES) */
#define SR_MODEL_EXAMPLES 3

/** A comment category of the rules (subjects of the count/share rows). */
struct sr_model_category {
    const char *name;
    const char *kind; /* e.g. 服务质量不符合, or NULL */
    bool complaint;   /* its forms are complaints to follow up */
    /* example comments, personal data masked (sr_stats_examples()) */
    const char *examples[SR_MODEL_EXAMPLES];
    size_t nexamples;
};

/** Forms by source file. */
struct sr_model_source {
    const char *file;
    long read;
    long accepted;
    long refused;
    long out_of_period;
};

struct sr_model {
    const struct sr_template *tmpl; /* borrowed */

    struct sr_figure *rows; /* in stats.csv order */
    size_t nrows;

    long read;
    long accepted;
    long refused;
    long out_of_period;

    struct sr_model_group *groups;
    size_t ngroups;

    struct sr_model_source *sources;
    size_t nsources;

    long min_base; /* groups with fewer forms are flagged small */

    /* the comment categories, in the rules' order (none without rules) */
    struct sr_model_category *categories;
    size_t ncategories;

    bool has_previous; /* prev_index/delta rows were computed */

    void *index; /* private: lookup table */
};

/**
 * Look up a figure.  group_value may be NULL for "".  Returns false when the
 * figure is not in the model (undefined or not computed).  @value and @n
 * may be NULL.
 */
bool sr_model_get(const struct sr_model *m, const char *group,
                  const char *group_value, const char *subject,
                  const char *metric, double *value, long *n);

/* Building a model (the statistics module; tests). */

/** A new empty model for @t (borrowed). */
struct sr_model *sr_model_new(const struct sr_template *t);

/** Append a figure; strings are copied.  @n < 0 for an empty n.
 * Adding a figure whose key is already present replaces its value. */
void sr_model_add(struct sr_model *m, const char *group,
                  const char *group_value, const char *subject,
                  const char *metric, double value, long n);

/** Append a group (segment field) with its broken-down values; strings
 * copied.  Returns the group for sr_model_group_value(). */
struct sr_model_group *
sr_model_add_group(struct sr_model *m, const char *field_id, const char *label);
void sr_model_group_value(struct sr_model *m, struct sr_model_group *g,
                          const char *value, long forms);

/** Add an example comment to category @k (copied); ignored past
 * SR_MODEL_EXAMPLES or for an unknown category. */
void sr_model_add_example(struct sr_model *m, size_t k, const char *text);

/** Append a comment category; strings copied (@kind may be NULL). */
void sr_model_add_category(struct sr_model *m, const char *name,
                           const char *kind, bool complaint);

/** Append a source file's counts; @file copied. */
void sr_model_add_source(struct sr_model *m, const char *file, long read,
                         long accepted, long refused, long out_of_period);

/** A copy of @s kept as long as the model. */
const char *sr_model_strdup(struct sr_model *m, const char *s);

/** Free a model; NULL does nothing. */
void sr_model_free(struct sr_model *m);

#endif /* SR_MODEL_H */
