/* SPDX-License-Identifier: MIT */
/*
 * model_csv.h - the statistics model read back from a run folder
 *
 * A report is re-rendered (after approval, for each distributed copy) from
 * the figures the run wrote, never computed again: stats.csv gives every
 * figure (numbers are written at full precision, so they read back to the
 * same doubles), runinfo.txt the model's structure (facts.h).
 */
#ifndef SR_GOVERN_MODEL_CSV_H
#define SR_GOVERN_MODEL_CSV_H

#include "../core/status.h"
#include "../core/template.h"
#include "../stats/model.h"
#include "facts.h"

/**
 * Read @path (a stats.csv) into a new model for template @t (borrowed; it
 * must outlive the model).  With @f (may be NULL) the groups, categories,
 * sources, min_base and has_previous come from the run facts; without,
 * the groups are the template's segment fields that have "forms,count"
 * rows and there are no sources or categories.  The forms counts
 * (read, accepted, refused, out_of_period) come from the "all,,forms"
 * rows.  Errors: SR_ERR_IO, SR_ERR_PARSE with stats.csv:line and the
 * reason (bad header, wrong number of cells, a value that is not a
 * number).  *out owned by the caller: sr_model_free().
 */
enum sr_status sr_model_read_csv(const char *path, const struct sr_template *t,
                                 const struct sr_facts *f,
                                 struct sr_model **out, struct sr_diag *d);

#endif /* SR_GOVERN_MODEL_CSV_H */
