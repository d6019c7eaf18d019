/* SPDX-License-Identifier: MIT */
/*
 * render.h - the renderers: read the model, write one output each
 *
 * Renderers compute no figures: every number comes from struct sr_model.
 * Each writes one file at @path (inside the temporary run folder).
 */
#ifndef SR_RENDER_H
#define SR_RENDER_H

#include "../check/rejects.h"
#include "../core/form.h"
#include "../core/runinfo.h"
#include "../core/status.h"
#include "../stats/model.h"

/** stats.csv (FORMATS.md §4.1). */
enum sr_status sr_render_stats_csv(const char *path, const struct sr_model *m,
                                   struct sr_diag *d);

/** report.pdf (libharu). */
enum sr_status sr_render_pdf(const char *path, const struct sr_model *m,
                             const struct sr_run_info *ri, struct sr_diag *d);

/**
 * statistics.xlsx (libxlsxwriter) is written in two phases, because the
 * sheets that list forms (明细, one row per accepted form, and 意见分类,
 * one per form with a comment) are streamed while forms are read
 * (constant_memory mode).  With @records false neither lists a form
 * (--no-records, [workbook] records = no, a merge: docs/workbook.md).
 *   sr_xlsx_open()  - before the first form
 *   sr_xlsx_record() - once per accepted form (ignored if records are off)
 *   sr_xlsx_finish() - after the model is built: the summary sheets
 *   sr_xlsx_free()  - always (closes and frees)
 */
struct sr_xlsx;
enum sr_status sr_xlsx_open(struct sr_xlsx **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_run_info *ri, bool records,
                            struct sr_diag *d);
enum sr_status sr_xlsx_record(struct sr_xlsx *x, const struct sr_record *r,
                              struct sr_diag *d);
enum sr_status sr_xlsx_finish(struct sr_xlsx *x, const struct sr_model *m,
                              const struct sr_rejects *rj, struct sr_diag *d);
void sr_xlsx_free(struct sr_xlsx *x);

/** Whether sr_xlsx_record() uses the records it is given (records on). */
bool sr_xlsx_lists_forms(const struct sr_xlsx *x);

#endif /* SR_RENDER_H */
