/* SPDX-License-Identifier: MIT */
/*
 * distribute.c - the distribution register (distribution.csv) and the
 * names of copies
 *
 * Input/output: the register, read through the CSV row layer (read/csv.h)
 * and written through csvout (BOM, quoting, ' before formula-like text).
 */
#include "distribute.h"
#include "../core/buf.h"
#include "../core/csvout.h"
#include "../core/mem.h"
#include "../read/csv.h"
#include "record.h"

#include <errno.h>
#include <stdio.h>
#include <xlsxwriter.h>
#include <stdlib.h>
#include <string.h>

static const char *const header[] = { "copy_no", "recipient", "time",
                                      "sha256",  "file",      "status" };

#define NCOLS (sizeof(header) / sizeof(header[0]))

void sr_register_release(struct sr_register *reg)
{
    size_t i;

    for (i = 0; i < reg->n; i++) {
        free(reg->c[i].recipient);
        free(reg->c[i].time);
        free(reg->c[i].sha);
        free(reg->c[i].file);
        free(reg->c[i].status);
    }
    free(reg->c);
    reg->c = NULL;
    reg->n = 0;
}

void sr_register_add(struct sr_register *reg, long copy_no,
                     const char *recipient, const char *time, const char *sha,
                     const char *file, const char *status)
{
    struct sr_dist_copy *c;

    reg->c = xreallocarray(reg->c, reg->n + 1, sizeof(*reg->c));
    c = &reg->c[reg->n++];
    c->copy_no = copy_no;
    c->recipient = xstrdup(recipient);
    c->time = xstrdup(time);
    c->sha = xstrdup(sha);
    c->file = xstrdup(file);
    c->status = xstrdup(status);
}

/* undo csvout's ' before = + - @ */
static const char *text_of(const char *s)
{
    if (s[0] == '\'' &&
        (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@'))
        return s + 1;
    return s;
}

enum sr_status sr_register_load(const char *run_dir, struct sr_register *reg,
                                struct sr_diag *d)
{
    struct sr_csv_opts o = { .encoding = SR_ENC_UTF8, .chunk_size = 0 };
    struct sr_buf path = SR_BUF_INIT;
    struct sr_csv_rows *r;
    struct sr_csv_row row;
    enum sr_status s;
    bool first = true;

    reg->c = NULL;
    reg->n = 0;
    sr_buf_addf(&path, "%s/%s", run_dir, SR_REGISTER_FILE);
    if (!sr_file_exists(path.buf)) {
        sr_buf_release(&path);
        return SR_OK;
    }
    s = sr_csv_rows_open(&r, path.buf, &o, d);
    if (s != SR_OK)
        goto out;
    while ((s = sr_csv_rows_next(r, &row, d)) == SR_OK) {
        char *end;
        long no;
        size_t i;

        if (row.problem != SR_CSV_ROW_OK || row.ncells != NCOLS) {
            s = sr_diag_set(d, SR_ERR_PARSE, path.buf, row.line,
                            "want %zu cells, found %zu", NCOLS, row.ntotal);
            break;
        }
        if (first) {
            first = false;
            for (i = 0; i < NCOLS; i++)
                if (strcmp(row.cells[i], header[i]))
                    break;
            if (i < NCOLS) {
                s = sr_diag_set(d, SR_ERR_PARSE, path.buf, row.line,
                                "not a distribution register header");
                break;
            }
            continue;
        }
        errno = 0;
        no = strtol(row.cells[0], &end, 10);
        if (errno || end == row.cells[0] || *end || no < 1) {
            s = sr_diag_set(d, SR_ERR_PARSE, path.buf, row.line,
                            "copy number '%s' is not a whole number >= 1",
                            row.cells[0]);
            break;
        }
        sr_register_add(reg, no, text_of(row.cells[1]), text_of(row.cells[2]),
                        row.cells[3], text_of(row.cells[4]),
                        text_of(row.cells[5]));
    }
    sr_csv_rows_free(r);
    if (s == SR_DONE)
        s = SR_OK;
    if (s != SR_OK)
        sr_register_release(reg);
out:
    sr_buf_release(&path);
    return s;
}

enum sr_status sr_register_write(const char *path,
                                 const struct sr_register *reg,
                                 struct sr_diag *d)
{
    struct sr_csvout w;
    FILE *fp = fopen(path, "w");
    int err;
    size_t i;

    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot create '%s': %s",
                           path, strerror(errno));
    sr_csvout_init(&w, fp);
    for (i = 0; i < NCOLS; i++)
        sr_csvout_text(&w, header[i]);
    sr_csvout_endrow(&w);
    for (i = 0; i < reg->n; i++) {
        const struct sr_dist_copy *c = &reg->c[i];

        sr_csvout_long(&w, c->copy_no);
        sr_csvout_text(&w, c->recipient);
        sr_csvout_text(&w, c->time);
        sr_csvout_text(&w, c->sha);
        sr_csvout_text(&w, c->file);
        sr_csvout_text(&w, c->status);
        sr_csvout_endrow(&w);
    }
    err = sr_stream_close(fp, w.err);
    if (err)
        return sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                           path, strerror(err));
    return SR_OK;
}

long sr_register_next(const struct sr_register *reg)
{
    long max = 0;
    size_t i;

    for (i = 0; i < reg->n; i++)
        if (reg->c[i].copy_no > max)
            max = reg->c[i].copy_no;
    return max + 1;
}

const struct sr_dist_copy *sr_register_find(const struct sr_register *reg,
                                            const char *recipient)
{
    size_t i;

    for (i = 0; i < reg->n; i++)
        if (!strcmp(reg->c[i].recipient, recipient))
            return &reg->c[i];
    return NULL;
}

char *sr_copy_file(long copy_no, const char *recipient)
{
    struct sr_buf b = SR_BUF_INIT;
    const unsigned char *p;

    sr_buf_addf(&b, "%s/%02ld-", SR_COPIES_DIR, copy_no);
    for (p = (const unsigned char *)recipient; *p; p++) {
        bool bad = *p == '/' || *p < 0x20 || *p == 0x7f ||
                   (p == (const unsigned char *)recipient && *p == '.');

        sr_buf_addch(&b, bad ? '_' : *p);
    }
    sr_buf_addstr(&b, ".pdf");
    return sr_buf_detach(&b);
}

enum sr_status sr_register_write_xlsx(const char *path,
                                      const struct sr_register *reg,
                                      const char *marking, struct sr_diag *d)
{
    static const char *const head[NCOLS] = { "份号",    "分发对象", "分发时间",
                                             "SHA-256", "文件",     "状态" };
    static const double width[NCOLS] = { 6, 16, 26, 66, 30, 10 };
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_error e;
    struct sr_buf title = SR_BUF_INIT;
    size_t i;

    if (!wb)
        return sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot create '%s'",
                           path);
    ws = workbook_add_worksheet(wb, "分发登记");
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    sr_buf_addstr(&title, "报告分发登记");
    if (marking && *marking)
        sr_buf_addf(&title, "（%s）", marking);
    worksheet_write_string(ws, 0, 0, title.buf, bold);
    for (i = 0; i < NCOLS; i++) {
        worksheet_write_string(ws, 2, (lxw_col_t)i, head[i], bold);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width[i], NULL);
    }
    for (i = 0; i < reg->n; i++) {
        const struct sr_dist_copy *c = &reg->c[i];
        lxw_row_t row = (lxw_row_t)(3 + i);

        worksheet_write_number(ws, row, 0, (double)c->copy_no, NULL);
        worksheet_write_string(ws, row, 1, c->recipient, NULL);
        worksheet_write_string(ws, row, 2, c->time, NULL);
        worksheet_write_string(ws, row, 3, c->sha, NULL);
        worksheet_write_string(ws, row, 4, c->file, NULL);
        worksheet_write_string(ws, row, 5, c->status, NULL);
    }
    worksheet_freeze_panes(ws, 3, 0);
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + reg->n), NCOLS - 1);
    if (marking && *marking) {
        struct sr_buf hd = SR_BUF_INIT;

        sr_buf_addf(&hd, "&C%s", title.buf);
        worksheet_set_header(ws, hd.buf);
        sr_buf_release(&hd);
    }
    sr_buf_release(&title);
    e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        remove(path);
        return sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                           path, lxw_strerror(e));
    }
    return SR_OK;
}
