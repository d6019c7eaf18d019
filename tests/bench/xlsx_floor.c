/* SPDX-License-Identifier: MIT */
/*
 * xlsx_floor.c - the floor under the sheets that list forms (明细 and
 * 意见分类): libxlsxwriter writing the same cells with nothing else to do
 *
 * Reads a benchmark CSV of gen_forms (csat template: form_id ... C2, 35
 * columns) and writes one workbook with one sheet in constant_memory mode,
 * a header and one row per form, with the cells satreport's 明细 sheet
 * holds for it (docs/workbook.md): the 8 template fields (the survey date
 * as a date), 7 derived fields (short texts), 23 item scores (numbers),
 * 2 choices (texts), 2 comments (texts), the categories (a text) and the
 * complaint flag (a number): 44 columns, empty cells left out; and a
 * second sheet with a row per form with a comment, as 意见分类 holds it:
 * the form and customer ids, the 3 segments, the 7 derived fields, the
 * date, the comments, the categories, the complaint flag and one category
 * column.  No checking, no statistics, no masking: what is left is the
 * cost of the cells and of the zip.  tests/bench/bench.sh compares
 * satreport's time for records on (both sheets) with this one.
 *
 * usage: xlsx_floor IN.csv OUT.xlsx   (prints "rows cells seconds")
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#define NCOLS  35 /* columns of the input */
#define MAXROW (1 << 20)

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Read one CSV record (RFC 4180: quotes, doubled quotes, line breaks in
 * quotes) into @buf, cells NUL-separated; @cell[i] points at cell i.
 * Returns the number of cells, or -1 at the end of the file.
 */
static int read_record(FILE *fp, char *buf, size_t cap, char **cell, int max)
{
    size_t n = 0;
    int nc = 0;
    int c;
    int quoted = 0;

    c = getc(fp);
    if (c == EOF)
        return -1;
    cell[nc++] = buf;
    for (; c != EOF; c = getc(fp)) {
        if (n + 2 >= cap)
            break; /* a record longer than the buffer: cut */
        if (quoted) {
            if (c == '"') {
                int d = getc(fp);

                if (d == '"') {
                    buf[n++] = '"';
                    continue;
                }
                quoted = 0;
                if (d == EOF)
                    break;
                c = d;
            } else {
                buf[n++] = (char)c;
                continue;
            }
        }
        if (c == '"') {
            quoted = 1;
        } else if (c == ',') {
            buf[n++] = '\0';
            if (nc < max)
                cell[nc++] = buf + n;
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            buf[n++] = (char)c;
        }
    }
    buf[n] = '\0';
    return nc;
}

static const char *const derived[] = { "一般客户", "满意", "非常满意", "满意",
                                       "一般",     "满意", "非常满意" };

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    char *cell[NCOLS + 8];
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_worksheet *cs;
    lxw_row_t crow = 1;
    lxw_format *date;
    FILE *fp;
    long rows = 0;
    long cells = 0;
    double t0;
    int nc;
    lxw_col_t col;
    int i;

    if (argc != 3) {
        fprintf(stderr, "usage: xlsx_floor IN.csv OUT.xlsx\n");
        return 2;
    }
    fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    t0 = now();
    wb = workbook_new_opt(argv[2], &opt);
    cs = workbook_add_worksheet(wb, "意见分类");
    ws = workbook_add_worksheet(wb, "明细");
    date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    read_record(fp, buf, sizeof(buf), cell, NCOLS); /* the header */
    for (col = 0; col < 44; col++)
        worksheet_write_string(ws, 0, col, "标题", NULL);
    for (col = 0; col < 25; col++)
        worksheet_write_string(cs, 0, col, "标题", NULL);
    while ((nc = read_record(fp, buf, sizeof(buf), cell, NCOLS)) >= 0) {
        lxw_row_t row = (lxw_row_t)(rows + 1);

        if (nc < NCOLS || row >= MAXROW)
            continue;
        col = 0;
        for (i = 0; i < 8; i++, col++) { /* fields, the date a number */
            if (!*cell[i])
                continue;
            if (i == 7)
                worksheet_write_number(ws, row, col, 46000 + (rows % 365),
                                       date);
            else
                worksheet_write_string(ws, row, col, cell[i], NULL);
            cells++;
        }
        for (i = 0; i < 7; i++, col++, cells++) /* derived fields */
            worksheet_write_string(ws, row, col, derived[i], NULL);
        for (i = 8; i < 31; i++, col++) { /* items */
            if (!*cell[i])
                continue;
            worksheet_write_number(ws, row, col,
                                   cell[i][0] >= '0' && cell[i][0] <= '9'
                                       ? strtol(cell[i], NULL, 10)
                                       : 4,
                                   NULL);
            cells++;
        }
        for (i = 31; i < 35; i++, col++) { /* choices, comments */
            if (!*cell[i])
                continue;
            worksheet_write_string(ws, row, col, cell[i], NULL);
            cells++;
        }
        if (*cell[33] || *cell[34]) {
            worksheet_write_string(ws, row, col, "服务过程不满意", NULL);
            cells++;
        }
        col++;
        worksheet_write_number(ws, row, col, rows % 3 == 0, NULL);
        cells++;
        if ((*cell[33] || *cell[34]) && crow < MAXROW) { /* 意见分类 */
            static const int ids[] = { 0, 1, 3, 4, 5 };

            col = 0;
            for (i = 0; i < 5; i++, col++, cells++)
                worksheet_write_string(cs, crow, col, cell[ids[i]], NULL);
            for (i = 0; i < 7; i++, col++, cells++)
                worksheet_write_string(cs, crow, col, derived[i], NULL);
            worksheet_write_number(cs, crow, col++, 46000 + (rows % 365), date);
            cells++;
            for (i = 33; i < 35; i++, col++) {
                if (!*cell[i])
                    continue;
                worksheet_write_string(cs, crow, col, cell[i], NULL);
                cells++;
            }
            worksheet_write_string(cs, crow, col++, "服务过程不满意", NULL);
            worksheet_write_number(cs, crow, col++, rows % 3 == 0, NULL);
            worksheet_write_number(cs, crow, col + (rows % 8), 1, NULL);
            cells += 3;
            crow++;
        }
        rows++;
    }
    fclose(fp);
    if (workbook_close(wb) != LXW_NO_ERROR) {
        fprintf(stderr, "xlsx_floor: cannot write %s\n", argv[2]);
        return 1;
    }
    printf("%ld %ld %.3f\n", rows, cells, now() - t0);
    return 0;
}
