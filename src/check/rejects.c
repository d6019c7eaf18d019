/* SPDX-License-Identifier: MIT */
/*
 * rejects.c - rejects.csv: one row per problem of a refused form
 *
 * Rows go straight to the file (memory stays flat).  Reading back for the
 * workbook re-parses the file we wrote with libcsv, so what the sheet shows
 * is exactly what rejects.csv holds.
 */
#include "rejects.h"
#include "../core/buf.h"
#include "../core/csvout.h"
#include "../core/mem.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sr_rejects {
    char *path;
    FILE *fp;
    struct sr_csvout out;
    long rows;
};

enum sr_status sr_rejects_open(struct sr_rejects **out, const char *path,
                               struct sr_diag *d)
{
    struct sr_rejects *rj;
    FILE *fp = fopen(path, "w");

    *out = NULL;
    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    rj = xcalloc(1, sizeof(*rj));
    rj->path = xstrdup(path);
    rj->fp = fp;
    sr_csvout_init(&rj->out, fp);
    sr_csvout_text(&rj->out, "file");
    sr_csvout_text(&rj->out, "line");
    sr_csvout_text(&rj->out, "form_id");
    sr_csvout_text(&rj->out, "field");
    sr_csvout_text(&rj->out, "reason");
    sr_csvout_endrow(&rj->out);
    *out = rj;
    return SR_OK;
}

enum sr_status sr_rejects_add(struct sr_rejects *rj, const char *file,
                              long line, const char *form_id, const char *field,
                              const char *reason)
{
    if (!rj->fp)
        return SR_ERR_WRITE;
    sr_csvout_text(&rj->out, file ? file : "");
    if (line > 0)
        sr_csvout_long(&rj->out, line);
    else
        sr_csvout_empty(&rj->out);
    sr_csvout_text(&rj->out, form_id ? form_id : "");
    sr_csvout_text(&rj->out, field ? field : "");
    sr_csvout_text(&rj->out, reason ? reason : "");
    sr_csvout_endrow(&rj->out);
    rj->rows++;
    return SR_OK;
}

long sr_rejects_rows(const struct sr_rejects *rj)
{
    return rj->rows;
}

void sr_rejects_mark(struct sr_rejects *rj, struct sr_rejects_mark *m)
{
    m->offset = rj->fp ? ftell(rj->fp) : -1;
    m->rows = rj->rows;
}

enum sr_status sr_rejects_rollback(struct sr_rejects *rj,
                                   const struct sr_rejects_mark *m,
                                   struct sr_diag *d)
{
    if (!rj->fp || m->offset < 0)
        return sr_diag_set(d, SR_ERR_WRITE, rj->path, 0,
                           "cannot take back rows: the file is closed");
    if (fflush(rj->fp) != 0 || ftruncate(fileno(rj->fp), m->offset) != 0 ||
        fseek(rj->fp, m->offset, SEEK_SET) != 0)
        return sr_diag_set(d, SR_ERR_WRITE, rj->path, 0,
                           "cannot take back rows: %s", strerror(errno));
    rj->rows = m->rows;
    return SR_OK;
}

enum sr_status sr_rejects_close(struct sr_rejects *rj, struct sr_diag *d)
{
    int err;

    if (!rj->fp)
        return SR_OK;
    err = sr_stream_close(rj->fp, rj->out.err);
    rj->fp = NULL;
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, rj->path, 0, "cannot write: %s",
                           strerror(err));
    return SR_OK;
}

/* reading back: collect 5 cells per row */
struct readback {
    struct sr_buf cells[5];
    int col;
    long row;
    bool stop;
    sr_rejects_row_fn fn;
    void *ctx;
};

static void on_cell(void *s, size_t n, void *data)
{
    struct readback *rb = data;

    if (rb->col < 5) {
        sr_buf_reset(&rb->cells[rb->col]);
        sr_buf_add(&rb->cells[rb->col], s, n);
    }
    rb->col++;
}

static void on_row(int c, void *data)
{
    struct readback *rb = data;
    const char *cell[5];
    int i;

    (void)c;
    for (i = 0; i < 5; i++)
        cell[i] = i < rb->col ? rb->cells[i].buf : "";
    rb->col = 0;
    if (rb->row++ == 0 || rb->stop)
        return; /* the header */
    /* undo the formula guard of csvout: a leading ' before = + - @ */
    for (i = 0; i < 5; i++)
        if (cell[i][0] == '\'' && cell[i][1] && strchr("=+-@", cell[i][1]))
            cell[i]++;
    if (!rb->fn(rb->ctx, cell[0], strtol(cell[1], NULL, 10), cell[2], cell[3],
                cell[4]))
        rb->stop = true;
}

static enum sr_status read_rows(const char *path, sr_rejects_row_fn fn,
                                void *ctx, struct sr_diag *d);

enum sr_status sr_rejects_foreach(const struct sr_rejects *rj,
                                  sr_rejects_row_fn fn, void *ctx,
                                  struct sr_diag *d)
{
    return read_rows(rj->path, fn, ctx, d);
}

static bool append_row(void *ctx, const char *file, long line,
                       const char *form_id, const char *field,
                       const char *reason)
{
    return sr_rejects_add(ctx, file, line, form_id, field, reason) == SR_OK;
}

enum sr_status sr_rejects_take(struct sr_rejects *rj, struct sr_rejects *from,
                               struct sr_diag *d)
{
    char chunk[65536];
    bool header = true;
    enum sr_status s;
    FILE *fp;
    size_t n;

    s = sr_rejects_close(from, d);
    if (s != SR_OK)
        return s;
    if (!rj->fp)
        return sr_diag_set(d, SR_ERR_WRITE, rj->path, 0, "already closed");
    fp = fopen(from->path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, from->path, 0, "cannot open: %s",
                           strerror(errno));
    /* the bytes after the header line, as they were written */
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        const char *c = chunk;

        if (header) {
            const char *lf = memchr(c, '\n', n);

            if (!lf)
                continue; /* the header goes on (it does not) */
            header = false;
            n -= (size_t)(lf + 1 - c);
            c = lf + 1;
        }
        if (n && fwrite(c, 1, n, rj->fp) != n && !rj->out.err)
            rj->out.err = errno ? errno : EIO;
    }
    if (ferror(fp))
        s = sr_diag_set(d, SR_ERR_IO, from->path, 0, "cannot read: %s",
                        strerror(errno));
    fclose(fp);
    if (s == SR_OK)
        rj->rows += from->rows;
    return s;
}

enum sr_status sr_rejects_append_file(struct sr_rejects *rj, const char *path,
                                      struct sr_diag *d)
{
    return read_rows(path, append_row, rj, d);
}

static int no_blank(unsigned char c)
{
    (void)c;
    return 0;
}

static enum sr_status read_rows(const char *path, sr_rejects_row_fn fn,
                                void *ctx, struct sr_diag *d)
{
    struct csv_parser p;
    struct readback rb;
    char chunk[65536];
    enum sr_status st = SR_OK;
    FILE *fp;
    size_t n;
    bool first = true;
    int i;

    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open: %s",
                           strerror(errno));
    memset(&rb, 0, sizeof(rb));
    for (i = 0; i < 5; i++)
        sr_buf_init(&rb.cells[i]);
    rb.fn = fn;
    rb.ctx = ctx;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        st = sr_diag_set(d, SR_ERR_NOMEM, path, 0, "out of memory");
        goto out_close;
    }
    /* a cell is what was written: libcsv would drop blanks at its ends
     * (csvout quotes only for , " CR LF) */
    csv_set_space_func(&p, no_blank);
    while (!rb.stop && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        const char *c = chunk;

        if (first && n >= 3 && !memcmp(c, "\xef\xbb\xbf", 3)) {
            c += 3;
            n -= 3;
        }
        first = false;
        if (csv_parse(&p, c, n, on_cell, on_row, &rb) != n) {
            st = sr_diag_set(d, SR_ERR_PARSE, path, 0, "%s",
                             csv_strerror(csv_error(&p)));
            goto out_free;
        }
    }
    csv_fini(&p, on_cell, on_row, &rb);
out_free:
    csv_free(&p);
    for (i = 0; i < 5; i++)
        sr_buf_release(&rb.cells[i]);
out_close:
    fclose(fp);
    return st;
}

void sr_rejects_free(struct sr_rejects *rj)
{
    if (!rj)
        return;
    if (rj->fp)
        fclose(rj->fp);
    free(rj->path);
    free(rj);
}
