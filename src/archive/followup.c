/* SPDX-License-Identifier: MIT */
/*
 * followup.c - the follow-up list (回访清单): rows of text, followup.csv
 *
 * Input: rows from the response accumulator, or followup.csv of a run
 * folder.  Output: the list the renderers show, and followup.csv.  Owns a
 * string pool and the cells' offsets.
 */
#include "followup.h"

#include "../core/buf.h"
#include "../core/csvout.h"
#include "../core/mem.h"
#include "../read/csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sr_followup_header[SR_FU_NCOLS] = {
    [SR_FU_MANAGER] = "account_manager",
    [SR_FU_CUSTOMER] = "customer_id",
    [SR_FU_NAME] = "customer_name",
    [SR_FU_FORM] = "form_id",
    [SR_FU_DATE] = "survey_date",
    [SR_FU_OVERALL] = "overall",
    [SR_FU_LABEL] = "overall_label",
    [SR_FU_LOW] = "low_score",
    [SR_FU_COMPLAINT] = "complaint",
    [SR_FU_CATEGORIES] = "complaint_categories",
    [SR_FU_IN_ARCHIVE] = "in_archive",
};

/* Invariant: row r's cell c is at pool.buf + off[r * SR_FU_NCOLS + c];
 * offset 0 is the empty string (pool.buf[0] == '\0'). */
struct sr_followup {
    struct sr_buf pool;
    uint32_t *off;
    size_t n;
    size_t alloc;
};

struct sr_followup *sr_followup_new(void)
{
    struct sr_followup *fl = xcalloc(1, sizeof(*fl));

    sr_buf_init(&fl->pool);
    sr_buf_addch(&fl->pool, '\0'); /* offset 0: "" */
    return fl;
}

static uint32_t intern(struct sr_followup *fl, const char *s)
{
    size_t at;

    if (!s || !*s)
        return 0;
    at = fl->pool.len;
    /* the list never comes near 4 GiB: a row is a few dozen bytes */
    if (at + strlen(s) + 1 > UINT32_MAX)
        return 0;
    sr_buf_add(&fl->pool, s, strlen(s) + 1);
    return (uint32_t)at;
}

void sr_followup_add(struct sr_followup *fl,
                     const char *const cells[SR_FU_NCOLS])
{
    size_t c;

    if (fl->n == fl->alloc) {
        fl->alloc = fl->alloc ? 2 * fl->alloc : 64;
        fl->off =
            xreallocarray(fl->off, fl->alloc * SR_FU_NCOLS, sizeof(*fl->off));
    }
    for (c = 0; c < SR_FU_NCOLS; c++)
        fl->off[fl->n * SR_FU_NCOLS + c] = intern(fl, cells[c]);
    fl->n++;
}

size_t sr_followup_count(const struct sr_followup *fl)
{
    return fl ? fl->n : 0;
}

const char *sr_followup_get(const struct sr_followup *fl, size_t row,
                            enum sr_followup_col c)
{
    if (!fl || row >= fl->n || (unsigned)c >= SR_FU_NCOLS)
        return "";
    return fl->pool.buf + fl->off[row * SR_FU_NCOLS + c];
}

size_t sr_followup_customers(const struct sr_followup *fl)
{
    size_t n = 0;
    size_t r;

    /* rows are sorted by manager, then customer: count the changes */
    for (r = 0; fl && r < fl->n; r++)
        if (!r ||
            strcmp(sr_followup_get(fl, r, SR_FU_CUSTOMER),
                   sr_followup_get(fl, r - 1, SR_FU_CUSTOMER)) ||
            strcmp(sr_followup_get(fl, r, SR_FU_MANAGER),
                   sr_followup_get(fl, r - 1, SR_FU_MANAGER)))
            n++;
    return n;
}

enum sr_status sr_followup_write(const struct sr_followup *fl, const char *path,
                                 struct sr_diag *d)
{
    struct sr_csvout w;
    FILE *fp = fopen(path, "w");
    size_t r;
    size_t c;
    int err;

    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    sr_csvout_init(&w, fp);
    for (c = 0; c < SR_FU_NCOLS; c++)
        sr_csvout_text(&w, sr_followup_header[c]);
    sr_csvout_endrow(&w);
    for (r = 0; r < sr_followup_count(fl); r++) {
        for (c = 0; c < SR_FU_NCOLS; c++)
            sr_csvout_text(&w, sr_followup_get(fl, r, c));
        sr_csvout_endrow(&w);
    }
    err = sr_stream_close(fp, w.err);
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot write: %s",
                           strerror(err));
    return SR_OK;
}

/* A cell as written: without the ' that guards formula-like text. */
static const char *unguard(const char *s)
{
    if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
        return s + 1;
    return s;
}

enum sr_status sr_followup_read(const char *path, struct sr_followup **out,
                                struct sr_diag *d)
{
    struct sr_csv_opts co = { .encoding = SR_ENC_UTF8 };
    struct sr_csv_rows *rows = NULL;
    struct sr_followup *fl = sr_followup_new();
    struct sr_csv_row row;
    enum sr_status s;
    size_t c;

    *out = NULL;
    s = sr_csv_rows_open(&rows, path, &co, d);
    if (s != SR_OK)
        goto out_free;
    s = sr_csv_rows_next(rows, &row, d);
    if (s == SR_OK && row.ncells != SR_FU_NCOLS)
        s = SR_ERR_PARSE;
    for (c = 0; s == SR_OK && c < SR_FU_NCOLS; c++)
        if (strcmp(row.cells[c], sr_followup_header[c]))
            s = SR_ERR_PARSE;
    if (s == SR_DONE || s == SR_ERR_PARSE) {
        s = sr_diag_set(d, SR_ERR_PARSE, path, 1,
                        "not a follow-up list (want the header %s,...)",
                        sr_followup_header[0]);
        goto out_free;
    }
    if (s != SR_OK)
        goto out_free;
    while ((s = sr_csv_rows_next(rows, &row, d)) == SR_OK) {
        const char *cells[SR_FU_NCOLS];

        if (row.problem != SR_CSV_ROW_OK || row.ncells != SR_FU_NCOLS) {
            s = sr_diag_set(d, SR_ERR_PARSE, path, row.line,
                            "damaged follow-up list row (%zu cells, want %d)",
                            row.ncells, SR_FU_NCOLS);
            goto out_free;
        }
        for (c = 0; c < SR_FU_NCOLS; c++)
            cells[c] = unguard(row.cells[c]);
        sr_followup_add(fl, cells);
    }
    if (s != SR_DONE)
        goto out_free;
    *out = fl;
    fl = NULL;
    s = SR_OK;
out_free:
    sr_csv_rows_free(rows);
    sr_followup_free(fl);
    return s;
}

void sr_followup_free(struct sr_followup *fl)
{
    if (!fl)
        return;
    sr_buf_release(&fl->pool);
    free(fl->off);
    free(fl);
}
