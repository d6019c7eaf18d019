/* SPDX-License-Identifier: MIT */
/*
 * rerender.h - render a run's report again, from the run folder alone
 *
 * After approval (status 已批准, the approval sheet filled in, no draft
 * watermark) and for every distributed copy (第 N 份 and its recipient),
 * the report is rendered again from the same figures: the model is read
 * back from stats.csv and runinfo.txt (model_csv.h), the form template is
 * the one the manifest names (its SHA-256 checked), and the renderer is
 * the run's own (sr_render_pdf()).  Nothing is computed again.
 */
#ifndef SR_GOVERN_RERENDER_H
#define SR_GOVERN_RERENDER_H

#include "../core/runinfo.h"
#include "../core/status.h"
#include "manifest.h"

#include <stddef.h>

struct sr_rerender;

/** What differs between renderings of one run (all borrowed). */
struct sr_rerender_doc {
    const char *status; /* 送审稿 or 已批准 */
    const struct sr_approval_step *steps;
    size_t nsteps;
    const char *document_no; /* or NULL */
    int copy_no;             /* 0 for the report itself */
    const char *recipient;   /* or NULL */
};

/**
 * Load what rendering needs from @run_dir: runinfo.txt (or, for a run
 * folder without it, the pipeline named in @mf), the template of @mf
 * (SR_ERR_CONFIG if its SHA-256 is not the manifest's), stats.csv.
 * Errors carry the file and reason.  *out: sr_rerender_free().
 */
enum sr_status sr_rerender_open(const char *run_dir,
                                const struct sr_manifest *mf,
                                struct sr_rerender **out, struct sr_diag *d);

/** The run's period text (e.g. 2026-Q2), "" when none.  Borrowed. */
const char *sr_rerender_period(const struct sr_rerender *r);

/** The run facts the report is rendered with (cfg, date...).  Borrowed. */
const struct sr_run_info *sr_rerender_info(const struct sr_rerender *r);

/** Render the report to @path.  Errors: the renderer's (SR_ERR_WRITE). */
enum sr_status sr_rerender_pdf(struct sr_rerender *r, const char *path,
                               const struct sr_rerender_doc *doc,
                               struct sr_diag *d);

/** Free; NULL does nothing. */
void sr_rerender_free(struct sr_rerender *r);

#endif /* SR_GOVERN_RERENDER_H */
