/* SPDX-License-Identifier: MIT */
/*
 * stats_csv.c - write stats.csv (FORMATS.md §4.1) from the model
 *
 * Input: a built model (borrowed); output: the file at the given path, one
 * row per figure in model order, through csvout (BOM, quoting, ' before
 * formula-like text, shortest round-trip numbers).  Computes nothing.
 */
#include "../render.h"
#include "../../core/csvout.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void write_rows(struct sr_csvout *w, const struct sr_model *m)
{
    static const char *const header[] = { "group",  "group_value", "subject",
                                          "metric", "value",       "n" };
    const struct sr_figure *f;
    size_t i;

    for (i = 0; i < sizeof(header) / sizeof(header[0]); i++)
        sr_csvout_text(w, header[i]);
    sr_csvout_endrow(w);
    for (i = 0; i < m->nrows; i++) {
        f = &m->rows[i];
        sr_csvout_text(w, f->group);
        sr_csvout_text(w, f->group_value);
        sr_csvout_text(w, f->subject);
        sr_csvout_text(w, f->metric);
        sr_csvout_double(w, f->value);
        if (f->n < 0)
            sr_csvout_empty(w);
        else
            sr_csvout_long(w, f->n);
        sr_csvout_endrow(w);
    }
}

enum sr_status sr_render_stats_csv(const char *path, const struct sr_model *m,
                                   struct sr_diag *d)
{
    struct sr_csvout w;
    FILE *fp;
    int err;

    fp = fopen(path, "w");
    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create '%s': %s",
                           path, strerror(errno));
    sr_csvout_init(&w, fp);
    write_rows(&w, m);
    err = sr_stream_close(fp, w.err);
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write '%s': %s",
                           path, strerror(err));
    return SR_OK;
}
