/* SPDX-License-Identifier: MIT */
/*
 * facts.h - runinfo.txt: what re-rendering a report needs besides stats.csv
 *
 * stats.csv holds every figure; the report also shows facts that are not
 * figures: the title, organisation, period, confidentiality, the run's date
 * and version, the source files with their counts, the groups with their
 * labels and kinds, the comment categories.  The pipeline writes them to
 * runinfo.txt in the run folder (sr_facts_write()), so that `satreport
 * approve` and `distribute` can render the same report again from the run
 * folder alone, even if the pipeline file was edited since.
 *
 * Format (record.h lines):
 *
 *   version	0.1.0
 *   epoch	1767225600
 *   date	2026-01-01
 *   config	title	2026年度顾客满意度调查分析报告     (every [pipeline]
 * value) model	min_base	30 source	input/a.csv	1000	980
 * 15	5   (read accepted refused out) group	customer_type 客户类别	segment
 *   value	customer_type	一般客户	1469
 *   category	价格	服务质量不符合	1        (name, kind, complaint)
 *
 * Unknown lines are ignored, so later versions may add facts.
 */
#ifndef SR_GOVERN_FACTS_H
#define SR_GOVERN_FACTS_H

#include "../core/config.h"
#include "../core/runinfo.h"
#include "../core/status.h"
#include "../stats/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SR_FACTS_FILE "runinfo.txt"

/**
 * Write @run_dir/runinfo.txt from the run's model and run info (both
 * borrowed).  Call it after the renderers, before the manifest.  Errors:
 * SR_ERR_WRITE.
 */
enum sr_status sr_facts_write(const char *run_dir, const struct sr_model *m,
                              const struct sr_run_info *ri, struct sr_diag *d);

struct sr_facts_group {
    char *id;
    char *label;
    enum sr_group_kind kind;
    char **values;
    long *forms;
    size_t nvalues;
};

struct sr_facts_category {
    char *name;
    char *kind; /* NULL when none */
    bool complaint;
    char *examples[SR_MODEL_EXAMPLES]; /* example comments (masked) */
    size_t nexamples;
};

struct sr_facts_source {
    char *file;
    long read;
    long accepted;
    long refused;
    long out_of_period;
};

/** runinfo.txt as read.  Everything owned (sr_facts_free()). */
struct sr_facts {
    char *version;
    time_t epoch;
    char date[16];
    struct sr_config *cfg; /* the pipeline's values at run time */
    long min_base;
    bool has_previous;
    struct sr_facts_source *sources;
    size_t nsources;
    struct sr_facts_group *groups;
    size_t ngroups;
    struct sr_facts_category *categories;
    size_t ncategories;
};

/**
 * Read @run_dir/runinfo.txt.  Errors: SR_ERR_IO (missing: a run of an
 * older version), SR_ERR_PARSE with runinfo.txt:line.  *out owned by the
 * caller: sr_facts_free().
 */
enum sr_status sr_facts_load(const char *run_dir, struct sr_facts **out,
                             struct sr_diag *d);

/** Give @m the structure @f records: groups, categories, sources,
 * min_base, has_previous. */
void sr_facts_apply(const struct sr_facts *f, struct sr_model *m);

/** Free; NULL does nothing. */
void sr_facts_free(struct sr_facts *f);

#endif /* SR_GOVERN_FACTS_H */
