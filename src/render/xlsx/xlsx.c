/* SPDX-License-Identifier: MIT */
/*
 * xlsx.c - statistics.xlsx, the customer statistics workbook (libxlsxwriter)
 *
 * Input: the template and the run facts at open, every accepted record
 * while forms are read (sheet 明细), then the statistics model and the
 * refused forms (sheets 汇总, 题目统计, 分组对比, 拒收记录).
 * Output: one .xlsx file, written by workbook_close() in sr_xlsx_finish().
 * Owns: the lxw_workbook, its formats and sheets.  This is the only file of
 * satreport that includes xlsxwriter.h.
 *
 * Every figure comes from struct sr_model; this file computes none (it only
 * compares an index with its target, and a p value with 0.05, to choose a
 * label or a number format).
 *
 * With records on, the workbook is in constant_memory mode: each sheet keeps
 * one row in memory and rows must be written in increasing order, which
 * struct sheet enforces by construction (cells go to sheet.row, which only
 * moves forward).  Column widths, freeze panes, autofilters and headers are
 * kept aside by libxlsxwriter and written at workbook_close(), so they may
 * be set after the rows.  Adding a sheet after rows were written to others
 * is allowed too (checked against 1.1.4): that is how 明细2, 明细3... are
 * made when 明细 is full (Excel's 1,048,576 rows, or an XML size near zip's
 * 4 GiB).  docs/workbook.md describes the sheets.
 */
#include "xlsx.h"
#include "../../core/buf.h"
#include "../../core/config.h"
#include "../../core/mem.h"
#include "../../core/text.h"

#include <xlsxwriter.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CELL_CHARS_MAX 32767 /* Excel's limit of a text cell, characters */
#define WIDTH_MIN      6     /* column widths, in Latin characters */
#define WIDTH_MAX      60
#define WIDTH_RECORDS  40 /* record columns: comments can be long */
#define P_MARK         0.05
/* XML bytes (an upper estimate) a record sheet may reach before the next
 * record goes to a new sheet: a sheet's XML must stay below 4 GiB, since
 * zip64 is off (Excel is picky about it); the 256 MiB left cover the last
 * row and the sheet's other parts. */
#define SHEET_BYTES_MAX ((uint64_t)15 << 28)
/* XML bytes of a cell besides its reference and value, at most:
 * <c r="" s="12345" t="inlineStr"><is><t xml:space="preserve"></t></is></c>
 * and <c r="" s="12345"><v></v></c>; of a row: <row r="1048576"></row> */
#define TEXT_CELL_XML 74
#define NUM_CELL_XML  29
#define ROW_XML       48

/* text formats */
enum fmt {
    F_HEADER, /* bold, filled, bordered: table headers */
    F_TITLE,  /* the workbook title on 汇总 */
    F_KEY,    /* bold: labels of the run facts */
    F_NOTE,   /* grey italic: notes under tables */
    F_MET,    /* 达标 */
    F_UNMET,  /* 未达标 */
    F_SMALL,  /* 样本少 */
    F_COUNT
};

/* number formats */
enum nf {
    NF_INT,
    NF_INDEX,     /* 0..100 */
    NF_INDEX_SIG, /* an index whose p value is below P_MARK: 82.3* */
    NF_SHARE,     /* 0..1 shown as 0.0% */
    NF_MEAN,      /* means, sd, ci95, median */
    NF_P,         /* p values, alpha */
    NF_WEIGHT,
    NF_DATE,
    NF_COUNT
};

static const struct {
    const char *excel; /* the Excel number format */
    int decimals;      /* these three only size the column */
    bool percent;
    int extra;
} nf_info[NF_COUNT] = {
    [NF_INT] = { "0", 0, false, 0 },
    [NF_INDEX] = { "0.0", 1, false, 0 },
    [NF_INDEX_SIG] = { "0.0\"*\"", 1, false, 1 },
    [NF_SHARE] = { "0.0%", 1, true, 1 },
    [NF_MEAN] = { "0.00", 2, false, 0 },
    [NF_P] = { "0.000", 3, false, 0 },
    [NF_WEIGHT] = { "0.00", 2, false, 0 },
    [NF_DATE] = { "yyyy-mm-dd", 0, false, 0 },
};

/*
 * A sheet being written.  Invariant: cells are only written to @row, and
 * @row only grows, so constant_memory's "rows in order" rule always holds.
 */
struct sheet {
    lxw_worksheet *ws;
    char name[64];   /* UTF-8, for messages */
    lxw_row_t row;   /* the row being written */
    unsigned *width; /* display width per column, of what was written */
    size_t nwidth;
    uint64_t bytes; /* XML written so far, an upper estimate */
};

/* one record sheet (明细, 明细2, ...) */
struct part {
    lxw_worksheet *ws;
    lxw_row_t rows; /* rows written, header included */
};

struct sr_xlsx {
    lxw_workbook *wb; /* NULL once closed */
    char *path;
    const struct sr_template *t;  /* borrowed */
    const struct sr_run_info *ri; /* borrowed */
    bool records;
    bool finished;
    lxw_row_t row_limit;  /* rows per sheet, header included */
    uint64_t bytes_limit; /* see SHEET_BYTES_MAX */

    lxw_format *f[F_COUNT];
    lxw_format *nf[NF_COUNT];

    struct sheet summary;
    struct sheet items;
    struct sheet segments;
    struct sheet refused;
    struct sheet rec; /* the record sheet being written; widths shared */
    struct part *parts;
    size_t nparts;
    lxw_col_t rec_cols;
    long nrecords;

    struct sr_buf header; /* page header and footer, escaped */
    struct sr_buf footer;
    struct sr_buf text; /* a cell's text, made safe */
    struct sr_buf aux;  /* masking, joining */

    bool failed; /* sticky: the first error is in msg */
    char msg[1024];
};

static lxw_row_t row_limit_setting = LXW_ROW_MAX;
static uint64_t bytes_limit_setting = SHEET_BYTES_MAX;

#ifdef SR_TESTING
void sr_xlsx_set_row_limit(unsigned long rows)
{
    if (rows == 0 || rows > LXW_ROW_MAX)
        rows = LXW_ROW_MAX;
    if (rows < 2)
        rows = 2;
    row_limit_setting = (lxw_row_t)rows;
}

void sr_xlsx_set_sheet_bytes(unsigned long long bytes)
{
    if (bytes == 0 || bytes > SHEET_BYTES_MAX)
        bytes = SHEET_BYTES_MAX;
    bytes_limit_setting = bytes;
}
#endif

/* --- errors -------------------------------------------------------------- */

static void fail(struct sr_xlsx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Keep the first error only: later ones are usually its consequences. */
static void fail(struct sr_xlsx *x, const char *fmt, ...)
{
    va_list ap;

    if (x->failed)
        return;
    x->failed = true;
    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
    va_end(ap);
}

/* lxw_strerror() in our wording: lower case first letter, no full stop */
static const char *why_text(lxw_error e, char *out, size_t n)
{
    size_t len;

    snprintf(out, n, "%s", lxw_strerror(e));
    if (out[0])
        out[0] = (char)tolower((unsigned char)out[0]);
    len = strlen(out);
    if (len && out[len - 1] == '.')
        out[len - 1] = '\0';
    return out;
}

static void fail_cell(struct sr_xlsx *x, lxw_error e, const struct sheet *s,
                      lxw_col_t col)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    char why[256];

    if (e == LXW_NO_ERROR)
        return;
    lxw_rowcol_to_cell(cell, s->row, col);
    fail(x, "cannot write sheet '%s' cell %s: %s", s->name, cell,
         why_text(e, why, sizeof(why)));
}

static void fail_sheet(struct sr_xlsx *x, lxw_error e, const struct sheet *s,
                       const char *what)
{
    char why[256];

    if (e == LXW_NO_ERROR)
        return;
    fail(x, "cannot set %s of sheet '%s': %s", what, s->name,
         why_text(e, why, sizeof(why)));
}

static enum sr_status report(const struct sr_xlsx *x, struct sr_diag *d)
{
    if (!x->failed)
        return SR_OK;
    return sr_diag_set(d, SR_ERR_WRITE, x->path, 0, "%s", x->msg);
}

/* --- text ---------------------------------------------------------------- */

/* bytes of the UTF-8 sequence led by @c, or 0 for a byte that cannot lead */
static size_t lead_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return 2;
    if (c >= 0xe0 && c <= 0xef)
        return 3;
    if (c >= 0xf0 && c <= 0xf4)
        return 4;
    return 0;
}

/*
 * @s as text a cell can hold: invalid UTF-8 becomes U+FFFD (one bad byte
 * would make the whole workbook unreadable) and text past Excel's 32,767
 * characters is cut, ending with "…".  Returns @s itself when it is fine,
 * else x->text.  (Control characters are escaped by libxlsxwriter.)
 */
static const char *cell_text(struct sr_xlsx *x, const char *s)
{
    size_t n = strlen(s);
    size_t chars = 0;
    size_t i = 0;

    if (sr_utf8_valid(s, n, NULL) &&
        (n <= CELL_CHARS_MAX || sr_utf8_len(s) <= CELL_CHARS_MAX))
        return s;
    sr_buf_reset(&x->text);
    while (i < n) {
        size_t l = lead_len((unsigned char)s[i]);

        if (chars == CELL_CHARS_MAX - 1) {
            sr_buf_addstr(&x->text, "\xe2\x80\xa6"); /* … */
            break;
        }
        if (l && i + l <= n && sr_utf8_valid(s + i, l, NULL)) {
            sr_buf_add(&x->text, s + i, l);
            i += l;
        } else {
            sr_buf_addstr(&x->text, "\xef\xbf\xbd"); /* U+FFFD */
            i++;
        }
        chars++;
    }
    return x->text.buf;
}

/* Bytes of @s once escaped in XML, at most: & < > as entities, control
 * characters as _xHHHH_ (what libxlsxwriter writes). */
static size_t xml_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '&')
            n += 5;
        else if (c == '<' || c == '>')
            n += 4;
        else if (c < 0x20 || c == '_')
            n += 7; /* _xHHHH_, and _ in case it starts one */
        else
            n++;
    }
    return n;
}

/* Append @s to a page header/footer, '&' doubled, at most @max chars. */
static void hf_add(struct sr_buf *b, const char *s, size_t max)
{
    size_t chars = 0;

    for (; *s && chars < max; chars++) {
        size_t l = lead_len((unsigned char)*s);
        size_t k;

        if (!l)
            l = 1;
        if (*s == '&')
            sr_buf_addch(b, '&');
        for (k = 0; k < l && s[k]; k++)
            sr_buf_addch(b, s[k]);
        s += k;
    }
}

/* a string of the pipeline, or "" (tests may run without one) */
#define CFG(x, member)                                                      \
    ((x)->ri && (x)->ri->cfg && (x)->ri->cfg->member ? (x)->ri->cfg->member \
                                                     : "")

static const char *title_of(const struct sr_xlsx *x)
{
    const char *s = CFG(x, title);

    if (*s)
        return s;
    return x->t->title ? x->t->title : "";
}

/* --- cells --------------------------------------------------------------- */

static void widen(struct sheet *s, lxw_col_t col, size_t w)
{
    if (col >= s->nwidth) {
        size_t n = s->nwidth ? s->nwidth : 16;

        while (n <= col)
            n *= 2;
        s->width = xreallocarray(s->width, n, sizeof(*s->width));
        memset(s->width + s->nwidth, 0, (n - s->nwidth) * sizeof(*s->width));
        s->nwidth = n;
    }
    if (w > WIDTH_MAX)
        w = WIDTH_MAX;
    if (w > s->width[col])
        s->width[col] = (unsigned)w;
}

/* digits of a whole number, cheaply (record sheets have millions) */
static size_t int_width(double v)
{
    size_t w = v < 0 ? 2 : 1;

    v = fabs(v);
    while (v >= 10 && w < 20) {
        v /= 10;
        w++;
    }
    return w;
}

/* length of a cell reference such as AB1048576 */
static size_t ref_len(const struct sheet *s, lxw_col_t col)
{
    return (col < 26 ? 1 : col < 702 ? 2 : 3) + int_width((double)s->row + 1);
}

static void put_str(struct sr_xlsx *x, struct sheet *s, lxw_col_t col,
                    const char *text, lxw_format *f)
{
    lxw_error e;

    if (x->failed || !text || !*text)
        return;
    text = cell_text(x, text);
    e = worksheet_write_string(s->ws, s->row, col, text, f);
    fail_cell(x, e, s, col);
    widen(s, col, sr_text_width(text));
    s->bytes += TEXT_CELL_XML + ref_len(s, col) + xml_len(text);
}

/*
 * Text that may run over the empty cells to its right (titles, notes, the
 * run facts): written, but not sizing its column, so that the tables below
 * keep their own widths.
 */
static void put_wide(struct sr_xlsx *x, struct sheet *s, lxw_col_t col,
                     const char *text, lxw_format *f)
{
    lxw_error e;

    if (x->failed || !text || !*text)
        return;
    text = cell_text(x, text);
    e = worksheet_write_string(s->ws, s->row, col, text, f);
    fail_cell(x, e, s, col);
    s->bytes += TEXT_CELL_XML + ref_len(s, col) + xml_len(text);
}

static void put_note(struct sr_xlsx *x, struct sheet *s, const char *text,
                     lxw_format *f)
{
    put_wide(x, s, 0, text, f);
}

static void put_num(struct sr_xlsx *x, struct sheet *s, lxw_col_t col, double v,
                    enum nf nf)
{
    char tmp[64];
    size_t w;
    lxw_error e;

    if (x->failed)
        return;
    if (!isfinite(v)) {
        /* no number Excel can show: leave the cell empty */
        return;
    }
    e = worksheet_write_number(s->ws, s->row, col, v, x->nf[nf]);
    fail_cell(x, e, s, col);
    if (nf == NF_INT && fabs(v) < 1e15 && v == floor(v)) {
        w = int_width(v);
        s->bytes += NUM_CELL_XML + ref_len(s, col) + w;
    } else {
        s->bytes += NUM_CELL_XML + ref_len(s, col) + 24; /* %.16g */
        w = (size_t)snprintf(tmp, sizeof(tmp), "%.*f", nf_info[nf].decimals,
                             nf_info[nf].percent ? v * 100 : v);
        w += (size_t)nf_info[nf].extra;
    }
    widen(s, col, w);
}

static void put_long(struct sr_xlsx *x, struct sheet *s, lxw_col_t col, long v)
{
    put_num(x, s, col, (double)v, NF_INT);
}

static void put_date(struct sr_xlsx *x, struct sheet *s, lxw_col_t col, int ymd)
{
    lxw_datetime dt;
    lxw_error e;

    if (x->failed)
        return;
    memset(&dt, 0, sizeof(dt));
    dt.year = ymd / 10000;
    dt.month = ymd / 100 % 100;
    dt.day = ymd % 100;
    e = worksheet_write_datetime(s->ws, s->row, col, &dt, x->nf[NF_DATE]);
    fail_cell(x, e, s, col);
    s->bytes += NUM_CELL_XML + ref_len(s, col) + 24;
    widen(s, col, 10);
}

/* A figure of the model, or an empty cell when it is not there. */
static bool put_fig(struct sr_xlsx *x, struct sheet *s, lxw_col_t col,
                    const struct sr_model *m, const char *group, const char *gv,
                    const char *subject, const char *metric, enum nf nf)
{
    double v;

    if (!sr_model_get(m, group, gv, subject, metric, &v, NULL))
        return false;
    put_num(x, s, col, v, nf);
    return true;
}

static void put_header(struct sr_xlsx *x, struct sheet *s,
                       const char *const *names, size_t n)
{
    size_t c;

    for (c = 0; c < n; c++)
        put_str(x, s, (lxw_col_t)c, names[c], x->f[F_HEADER]);
}

/* --- sheets -------------------------------------------------------------- */

static void sheet_release(struct sheet *s)
{
    free(s->width);
    s->width = NULL;
    s->nwidth = 0;
}

/*
 * Add a sheet with the page setup every sheet shares: A4 landscape, one
 * page wide, the page header and footer with the confidentiality marking.
 */
static bool sheet_add(struct sr_xlsx *x, struct sheet *s, const char *name)
{
    lxw_error e;

    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", name);
    if (x->failed)
        return false;
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) {
        fail(x, "cannot add sheet '%s'", name);
        return false;
    }
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_set_landscape(s->ws);
    worksheet_fit_to_pages(s->ws, 1, 0);
    e = worksheet_set_header(s->ws, x->header.buf);
    fail_sheet(x, e, s, "page header");
    e = worksheet_set_footer(s->ws, x->footer.buf);
    fail_sheet(x, e, s, "page footer");
    return !x->failed;
}

/* Freeze the panes and repeat the header row on printed pages. */
static void sheet_table(struct sr_xlsx *x, struct sheet *s, lxw_row_t hdr,
                        lxw_col_t cols_frozen)
{
    lxw_error e;

    if (x->failed)
        return;
    worksheet_freeze_panes(s->ws, hdr + 1, cols_frozen);
    e = worksheet_repeat_rows(s->ws, hdr, hdr);
    fail_sheet(x, e, s, "print titles");
}

static void sheet_autofilter(struct sr_xlsx *x, struct sheet *s,
                             lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                             lxw_col_t ncols)
{
    lxw_error e;

    if (x->failed || !ncols)
        return;
    e = worksheet_autofilter(ws, first, 0, last, (lxw_col_t)(ncols - 1));
    fail_sheet(x, e, s, "autofilter");
}

/* Column widths from the display widths of what was written.  A CJK
 * character counts two (sr_text_width()), as in Excel's own units. */
static void sheet_widths(struct sr_xlsx *x, struct sheet *s, lxw_worksheet *ws,
                         unsigned max)
{
    size_t c;
    lxw_error e;

    for (c = 0; c < s->nwidth && c < LXW_COL_MAX && !x->failed; c++) {
        unsigned w = s->width[c];

        if (!w)
            continue;
        w += 2;
        if (w < WIDTH_MIN)
            w = WIDTH_MIN;
        if (w > max)
            w = max;
        e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        fail_sheet(x, e, s, "column width");
    }
}

/* --- open ---------------------------------------------------------------- */

static lxw_format *new_fmt(struct sr_xlsx *x)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (!f)
        fail(x, "cannot add a cell format: out of memory");
    return f;
}

static bool make_formats(struct sr_xlsx *x)
{
    size_t i;

    for (i = 0; i < F_COUNT; i++) {
        x->f[i] = new_fmt(x);
        if (!x->f[i])
            return false;
    }
    for (i = 0; i < NF_COUNT; i++) {
        x->nf[i] = new_fmt(x);
        if (!x->nf[i])
            return false;
        format_set_num_format(x->nf[i], nf_info[i].excel);
    }
    format_set_bold(x->f[F_HEADER]);
    format_set_bg_color(x->f[F_HEADER], 0xDDEBF7);
    format_set_border(x->f[F_HEADER], LXW_BORDER_THIN);
    format_set_align(x->f[F_HEADER], LXW_ALIGN_CENTER);
    format_set_align(x->f[F_HEADER], LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(x->f[F_TITLE]);
    format_set_font_size(x->f[F_TITLE], 16);
    format_set_bold(x->f[F_KEY]);
    format_set_italic(x->f[F_NOTE]);
    format_set_font_color(x->f[F_NOTE], 0x595959);
    format_set_font_color(x->f[F_MET], 0x007A33);
    format_set_font_color(x->f[F_UNMET], 0xC00000);
    format_set_bold(x->f[F_UNMET]);
    format_set_font_color(x->f[F_SMALL], 0xC55A11);
    return true;
}

static void make_header_footer(struct sr_xlsx *x)
{
    const char *conf = CFG(x, confidentiality);
    const char *org = CFG(x, organization);

    sr_buf_reset(&x->header);
    sr_buf_addstr(&x->header, "&L");
    hf_add(&x->header, title_of(x), 80);
    if (*conf) {
        sr_buf_addstr(&x->header, "&R");
        hf_add(&x->header, conf, 20);
    }
    sr_buf_reset(&x->footer);
    if (*org) {
        sr_buf_addstr(&x->footer, "&L");
        hf_add(&x->footer, org, 60);
    }
    sr_buf_addstr(&x->footer, "&C第 &P 页，共 &N 页");
    if (*conf) {
        sr_buf_addstr(&x->footer, "&R");
        hf_add(&x->footer, conf, 20);
    }
}

/* Document properties; created = the run's epoch makes the file
 * reproducible (libxlsxwriter dates the zip entries 1980 already). */
static void set_properties(struct sr_xlsx *x)
{
    lxw_doc_properties p;
    char comments[128];
    lxw_error e;
    char why[256];

    memset(&p, 0, sizeof(p));
    /* lxw_doc_properties holds char *; the library copies them */
    p.title = xstrdup(title_of(x));
    p.subject = xstrdup(x->t->title ? x->t->title : "");
    p.author = xstrdup(CFG(x, prepared_by));
    p.company = xstrdup(CFG(x, organization));
    p.category = xstrdup(CFG(x, confidentiality));
    p.keywords = xstrdup(x->t->id ? x->t->id : "");
    snprintf(comments, sizeof(comments), "satreport %s",
             x->ri && x->ri->version ? x->ri->version : "");
    p.comments = xstrdup(comments);
    p.created = x->ri ? x->ri->epoch : 0;
    e = workbook_set_properties(x->wb, &p);
    if (e != LXW_NO_ERROR)
        fail(x, "cannot set document properties: %s",
             why_text(e, why, sizeof(why)));
    free(p.title);
    free(p.subject);
    free(p.author);
    free(p.company);
    free(p.category);
    free(p.keywords);
    free(p.comments);
}

static const char *field_name(const struct sr_field *f)
{
    return f->label && *f->label ? f->label : f->id;
}

/* Start a record sheet: 明细, then 明细2, 明细3... when one is full. */
static bool start_part(struct sr_xlsx *x)
{
    const struct sr_template *t = x->t;
    char name[32];
    struct sheet *s = &x->rec;
    lxw_col_t c = 0;
    size_t i;

    if (x->nparts == 0)
        snprintf(name, sizeof(name), "%s", SR_XLSX_RECORDS);
    else
        snprintf(name, sizeof(name), "%s%zu", SR_XLSX_RECORDS, x->nparts + 1);
    if (x->nparts)
        x->parts[x->nparts - 1].rows = s->row;
    if (x->failed)
        return false;
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) {
        fail(x, "cannot add sheet '%s'", name);
        return false;
    }
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->row = 0;
    s->bytes = 0;
    x->parts = xreallocarray(x->parts, x->nparts + 1, sizeof(*x->parts));
    x->parts[x->nparts].ws = s->ws;
    x->parts[x->nparts].rows = 1;
    x->nparts++;
    worksheet_set_paper(s->ws, 9);
    worksheet_set_landscape(s->ws);
    fail_sheet(x, worksheet_set_header(s->ws, x->header.buf), s, "page header");
    fail_sheet(x, worksheet_set_footer(s->ws, x->footer.buf), s, "page footer");
    for (i = 0; i < t->nfields; i++)
        put_str(x, s, c++, field_name(&t->fields[i]), x->f[F_HEADER]);
    for (i = 0; i < t->nitems; i++)
        put_str(x, s, c++, t->items[i].id, x->f[F_HEADER]);
    for (i = 0; i < t->nchoices; i++)
        put_str(x, s, c++, t->choices[i].id, x->f[F_HEADER]);
    for (i = 0; i < t->ncomments; i++)
        put_str(x, s, c++, t->comments[i].id, x->f[F_HEADER]);
    sheet_table(x, s, 0, 0);
    s->row = 1;
    s->bytes += ROW_XML;
    return !x->failed;
}

/* Fail early (before any form is read) when @path cannot be created. */
static enum sr_status check_writable(const char *path, struct sr_diag *d)
{
    FILE *fp = fopen(path, "wb");

    if (!fp)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    if (fclose(fp) != 0)
        return sr_diag_set(d, SR_ERR_WRITE, path, 0, "cannot create: %s",
                           strerror(errno));
    return SR_OK;
}

enum sr_status sr_xlsx_open(struct sr_xlsx **out, const char *path,
                            const struct sr_template *t,
                            const struct sr_run_info *ri, bool records,
                            struct sr_diag *d)
{
    lxw_workbook_options opt;
    struct sr_xlsx *x;
    enum sr_status st;
    size_t cols;
    char *dir;
    char *slash;

    *out = NULL;
    cols = t->nfields + t->nitems + t->nchoices + t->ncomments;
    if (records && cols > LXW_COL_MAX)
        return sr_diag_set(d, SR_ERR_LIMIT, t->path, 0,
                           "template '%s' has %zu columns for sheet '%s', "
                           "more than Excel's %d",
                           t->id ? t->id : "", cols, SR_XLSX_RECORDS,
                           LXW_COL_MAX);
    st = check_writable(path, d);
    if (st != SR_OK)
        return st;

    x = xcalloc(1, sizeof(*x));
    x->path = xstrdup(path);
    x->t = t;
    x->ri = ri;
    x->records = records;
    x->row_limit = row_limit_setting;
    x->bytes_limit = bytes_limit_setting;
    x->rec_cols = (lxw_col_t)cols;
    sr_buf_init(&x->header);
    sr_buf_init(&x->footer);
    sr_buf_init(&x->text);
    sr_buf_init(&x->aux);

    /* temporary files next to the output, not in a small /tmp */
    dir = xstrdup(path);
    slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = '\0';
    else if (slash)
        slash[1] = '\0';
    else
        snprintf(dir, strlen(dir) + 1, ".");
    memset(&opt, 0, sizeof(opt));
    opt.constant_memory = records ? LXW_TRUE : LXW_FALSE;
    opt.tmpdir = dir;
    x->wb = workbook_new_opt(path, &opt);
    free(dir);
    if (!x->wb) {
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0,
                         "cannot create workbook: out of memory");
        goto out_free;
    }

    make_header_footer(x);
    if (make_formats(x))
        set_properties(x);
    sheet_add(x, &x->summary, SR_XLSX_SUMMARY);
    sheet_add(x, &x->items, SR_XLSX_ITEMS);
    sheet_add(x, &x->segments, SR_XLSX_SEGMENTS);
    sheet_add(x, &x->refused, SR_XLSX_REFUSED);
    if (records)
        start_part(x);
    st = report(x, d);
    if (st != SR_OK)
        goto out_free;
    *out = x;
    return SR_OK;

out_free:
    sr_xlsx_free(x);
    return st;
}

/* --- records ------------------------------------------------------------- */

static void put_choice(struct sr_xlsx *x, struct sheet *s, lxw_col_t col,
                       const struct sr_choice *c, uint64_t bits)
{
    size_t k;

    if (!bits)
        return;
    sr_buf_reset(&x->aux);
    for (k = 0; k < c->noptions && k < 64; k++) {
        const struct sr_option *o = &c->options[k];

        if (!(bits & ((uint64_t)1 << k)))
            continue;
        if (x->aux.len)
            sr_buf_addstr(&x->aux, "；");
        sr_buf_addstr(&x->aux, o->label && *o->label ? o->label : o->value);
    }
    put_str(x, s, col, x->aux.buf, NULL);
}

enum sr_status sr_xlsx_record(struct sr_xlsx *x, const struct sr_record *r,
                              struct sr_diag *d)
{
    const struct sr_template *t = x->t;
    struct sheet *s = &x->rec;
    lxw_col_t c = 0;
    size_t i;

    if (!x->records)
        return SR_OK;
    if (x->finished)
        return sr_diag_set(d, SR_ERR_WRITE, x->path, 0,
                           "cannot add a record: workbook already finished");
    if (x->failed)
        return report(x, d);
    if ((s->row >= x->row_limit || s->bytes >= x->bytes_limit) &&
        !start_part(x))
        return report(x, d);

    for (i = 0; i < t->nfields; i++, c++) {
        const char *v = r->fields ? r->fields[i] : NULL;

        if (v && t->fields[i].pii) {
            sr_text_mask(&x->aux, v);
            put_str(x, s, c, x->aux.buf, NULL);
        } else if ((int)i == t->date_field && r->date > 0) {
            put_date(x, s, c, r->date);
        } else {
            put_str(x, s, c, v, NULL);
        }
    }
    for (i = 0; i < t->nitems; i++, c++)
        if (r->scores && r->scores[i] != SR_MISSING)
            put_num(x, s, c, r->scores[i], NF_INT);
    for (i = 0; i < t->nchoices; i++, c++)
        if (r->choices)
            put_choice(x, s, c, &t->choices[i], r->choices[i]);
    for (i = 0; i < t->ncomments; i++, c++)
        put_str(x, s, c, r->comments ? r->comments[i] : NULL, NULL);
    s->row++;
    s->bytes += ROW_XML;
    x->nrecords++;
    return report(x, d);
}

/* --- 汇总 ---------------------------------------------------------------- */

static void fact(struct sr_xlsx *x, struct sheet *s, const char *key,
                 const char *value)
{
    if (!value || !*value)
        return;
    put_str(x, s, 0, key, x->f[F_KEY]);
    put_wide(x, s, 1, value, NULL);
    s->row++;
}

static long forms_count(const struct sr_model *m, const char *metric,
                        long fallback)
{
    double v;

    if (sr_model_get(m, "all", NULL, "forms", metric, &v, NULL))
        return (long)v;
    return fallback;
}

static void summary_facts(struct sr_xlsx *x, struct sheet *s)
{
    const struct sr_template *t = x->t;
    char survey[512];

    put_note(x, s, title_of(x), x->f[F_TITLE]);
    s->row += 2;
    fact(x, s, "报告标题", CFG(x, title));
    fact(x, s, "单位", CFG(x, organization));
    snprintf(survey, sizeof(survey), "%s（%s %s）", t->title ? t->title : "",
             t->id ? t->id : "", t->version ? t->version : "");
    fact(x, s, "调查表", survey);
    fact(x, s, "调查期间", CFG(x, period));
    fact(x, s, "密级", CFG(x, confidentiality));
    fact(x, s, "编制部门", CFG(x, prepared_by));
    if (x->ri && x->ri->epoch > 0) {
        struct tm tm;

        if (gmtime_r(&x->ri->epoch, &tm)) {
            put_str(x, s, 0, "生成日期", x->f[F_KEY]);
            put_date(x, s, 1,
                     (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
                         tm.tm_mday);
            s->row++;
        }
    }
    if (x->ri && x->ri->version)
        fact(x, s, "程序版本", x->ri->version);
    s->row++;
}

static void summary_forms(struct sr_xlsx *x, struct sheet *s,
                          const struct sr_model *m)
{
    static const char *const hdr[] = { "表单", "份数" };
    static const struct {
        const char *label;
        const char *metric;
    } rows[] = {
        { "读取", "read" },
        { "有效（纳入分析）", "accepted" },
        { "拒收", "refused" },
        { "调查期间外", "out_of_period" },
    };
    const long fallback[] = { m->read, m->accepted, m->refused,
                              m->out_of_period };
    size_t i;

    put_header(x, s, hdr, 2);
    s->row++;
    for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        put_str(x, s, 0, rows[i].label, NULL);
        put_long(x, s, 1, forms_count(m, rows[i].metric, fallback[i]));
        s->row++;
    }
    s->row++;
}

static void summary_index(struct sr_xlsx *x, struct sheet *s,
                          const struct sr_model *m, const char *label,
                          const char *subject)
{
    double v;
    long n;

    put_str(x, s, 0, label, NULL);
    if (sr_model_get(m, "all", NULL, subject, "index", &v, &n)) {
        put_num(x, s, 1, v, NF_INDEX);
        if (n >= 0)
            put_long(x, s, 2, n);
    }
    s->row++;
}

static void summary_dims(struct sr_xlsx *x, struct sheet *s,
                         const struct sr_model *m)
{
    static const char *const hdr[] = { "维度",     "权重", "指数",      "目标",
                                       "达标情况", "差距", "信度系数α", "n" };
    const struct sr_template *t = x->t;
    size_t i;

    put_header(x, s, hdr, sizeof(hdr) / sizeof(hdr[0]));
    s->row++;
    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        double idx = 0;
        double target = 0;
        long n = -1;
        bool has_idx;
        bool has_target;

        put_str(x, s, 0, dm->name && *dm->name ? dm->name : dm->id, NULL);
        put_num(x, s, 1, dm->weight, NF_WEIGHT);
        has_idx = sr_model_get(m, "all", NULL, dm->id, "index", &idx, &n);
        if (has_idx)
            put_num(x, s, 2, idx, NF_INDEX);
        has_target =
            sr_model_get(m, "all", NULL, dm->id, "target", &target, NULL);
        if (!has_target && dm->has_target) {
            target = dm->target;
            has_target = true;
        }
        if (has_target)
            put_num(x, s, 3, target, NF_INDEX);
        if (has_idx && has_target) {
            if (idx >= target)
                put_str(x, s, 4, "达标", x->f[F_MET]);
            else
                put_str(x, s, 4, "未达标", x->f[F_UNMET]);
        }
        put_fig(x, s, 5, m, "all", NULL, dm->id, "gap", NF_INDEX);
        put_fig(x, s, 6, m, "all", NULL, dm->id, "alpha", NF_P);
        if (has_idx && n >= 0)
            put_long(x, s, 7, n);
        s->row++;
    }
    s->row++;
}

static void summary_sources(struct sr_xlsx *x, struct sheet *s,
                            const struct sr_model *m)
{
    static const char *const hdr[] = { "来源文件", "读取", "有效", "拒收",
                                       "调查期间外" };
    size_t i;

    if (!m->nsources)
        return;
    put_header(x, s, hdr, sizeof(hdr) / sizeof(hdr[0]));
    s->row++;
    for (i = 0; i < m->nsources; i++) {
        const struct sr_model_source *src = &m->sources[i];

        put_str(x, s, 0, src->file, NULL);
        put_long(x, s, 1, src->read);
        put_long(x, s, 2, src->accepted);
        put_long(x, s, 3, src->refused);
        put_long(x, s, 4, src->out_of_period);
        s->row++;
    }
    s->row++;
}

static void write_summary(struct sr_xlsx *x, const struct sr_model *m)
{
    static const char *const hdr[] = { "指标", "数值", "n" };
    struct sheet *s = &x->summary;

    summary_facts(x, s);
    summary_forms(x, s, m);
    put_header(x, s, hdr, 3);
    s->row++;
    summary_index(x, s, m, "顾客满意度指数 CSI", "CSI");
    summary_index(x, s, m, "净推荐值 NPS", "NPS");
    s->row++;
    summary_dims(x, s, m);
    summary_sources(x, s, m);
    put_note(x, s,
             "注：指数为 0–100；达标指指数不低于目标；差距 = 指数 − 目标；"
             "信度系数为 Cronbach α；n 为有效样本数。",
             x->f[F_NOTE]);
}

/* --- 题目统计 ------------------------------------------------------------ */

static void write_items(struct sr_xlsx *x, const struct sr_model *m)
{
    static const char *const hdr[] = { "题号",   "题目",        "维度",
                                       "量表",   "有效样本",    "均值",
                                       "标准差", "95%置信下限", "95%置信上限",
                                       "中位数", "前两项占比",  "后两项占比",
                                       "指数" };
    static const struct {
        const char *metric;
        enum nf nf;
    } col[] = {
        { "mean", NF_MEAN },     { "sd", NF_MEAN },
        { "ci95_low", NF_MEAN }, { "ci95_high", NF_MEAN },
        { "median", NF_MEAN },   { "top2", NF_SHARE },
        { "bottom2", NF_SHARE }, { "index", NF_INDEX },
    };
    const size_t ncol0 = sizeof(hdr) / sizeof(hdr[0]);
    const struct sr_template *t = x->t;
    struct sheet *s = &x->items;
    int vmin = 0;
    int vmax = -1;
    lxw_col_t ncols;
    char name[64];
    size_t i;
    size_t k;
    int v;

    for (i = 0; i < t->nitems; i++) {
        const struct sr_scale *sc = &t->scales[t->items[i].scale];

        if (vmax < vmin || sc->min < vmin)
            vmin = sc->min;
        if (sc->max > vmax)
            vmax = sc->max;
    }
    if (vmax - vmin > 100)
        vmax = vmin - 1; /* no columns per point for such a scale */
    put_header(x, s, hdr, ncol0);
    for (v = vmin; v <= vmax; v++) {
        lxw_col_t c = (lxw_col_t)(ncol0 + 2 * (size_t)(v - vmin));

        snprintf(name, sizeof(name), "%d分人数", v);
        put_str(x, s, c, name, x->f[F_HEADER]);
        snprintf(name, sizeof(name), "%d分占比", v);
        put_str(x, s, c + 1, name, x->f[F_HEADER]);
    }
    ncols =
        (lxw_col_t)(ncol0 + (vmax >= vmin ? 2 * (size_t)(vmax - vmin + 1) : 0));
    sheet_table(x, s, 0, 2);
    s->row++;

    for (i = 0; i < t->nitems; i++) {
        const struct sr_item *it = &t->items[i];
        const struct sr_scale *sc = &t->scales[it->scale];
        long n = -1;

        put_str(x, s, 0, it->id, NULL);
        put_str(x, s, 1, it->text, NULL);
        if (it->dim >= 0)
            put_str(x, s, 2, t->dims[it->dim].name, NULL);
        snprintf(name, sizeof(name), "%s（%d–%d）", sc->id, sc->min, sc->max);
        put_str(x, s, 3, name, NULL);
        if (sr_model_get(m, "all", NULL, it->id, "mean", NULL, &n) ||
            sr_model_get(m, "all", NULL, it->id, "index", NULL, &n))
            if (n >= 0)
                put_long(x, s, 4, n);
        for (k = 0; k < sizeof(col) / sizeof(col[0]); k++)
            put_fig(x, s, (lxw_col_t)(5 + k), m, "all", NULL, it->id,
                    col[k].metric, col[k].nf);
        for (v = sc->min; v <= sc->max && vmax >= vmin; v++) {
            lxw_col_t c = (lxw_col_t)(ncol0 + 2 * (size_t)(v - vmin));

            snprintf(name, sizeof(name), "%s=%d", it->id, v);
            put_fig(x, s, c, m, "all", NULL, name, "count", NF_INT);
            put_fig(x, s, c + 1, m, "all", NULL, name, "share", NF_SHARE);
        }
        s->row++;
    }
    sheet_autofilter(x, s, s->ws, 0, s->row - 1, ncols);

    if (t->nchoices) {
        static const char *const chdr[] = { "选择题", "题目", "选项",
                                            "人数",   "占比", "应答人数" };

        s->row++;
        put_header(x, s, chdr, sizeof(chdr) / sizeof(chdr[0]));
        s->row++;
        for (i = 0; i < t->nchoices; i++) {
            const struct sr_choice *ch = &t->choices[i];

            for (k = 0; k < ch->noptions; k++) {
                const struct sr_option *o = &ch->options[k];
                long n;

                put_str(x, s, 0, ch->id, NULL);
                put_str(x, s, 1, ch->text, NULL);
                put_str(x, s, 2, o->label && *o->label ? o->label : o->value,
                        NULL);
                sr_buf_reset(&x->aux);
                sr_buf_addf(&x->aux, "%s=%s", ch->id, o->value);
                put_fig(x, s, 3, m, "all", NULL, x->aux.buf, "count", NF_INT);
                if (put_fig(x, s, 4, m, "all", NULL, x->aux.buf, "share",
                            NF_SHARE) &&
                    sr_model_get(m, "all", NULL, x->aux.buf, "share", NULL,
                                 &n) &&
                    n >= 0)
                    put_long(x, s, 5, n);
                s->row++;
            }
        }
        s->row++;
        put_note(x, s,
                 "注：多选题的占比以应答人数为分母，各选项占比之和可超过 "
                 "100%。",
                 x->f[F_NOTE]);
    }
}

/* --- 分组对比 ------------------------------------------------------------ */

/* columns: 分组, 分组值, 表单数, per dimension (指数, p值), CSI, NPS, 备注 */
static void segment_row(struct sr_xlsx *x, struct sheet *s,
                        const struct sr_model *m, const char *group,
                        const char *gv, long forms, bool small)
{
    const struct sr_template *t = x->t;
    lxw_col_t c = 3;
    size_t i;

    put_long(x, s, 2, forms);
    for (i = 0; i < t->ndims; i++, c += 2) {
        const char *id = t->dims[i].id;
        double idx;
        double p;
        bool has_p = sr_model_get(m, group, gv, id, "p_value", &p, NULL);

        if (sr_model_get(m, group, gv, id, "index", &idx, NULL))
            put_num(x, s, c, idx,
                    has_p && p < P_MARK ? NF_INDEX_SIG : NF_INDEX);
        if (has_p)
            put_num(x, s, c + 1, p, NF_P);
    }
    put_fig(x, s, c, m, group, gv, "CSI", "index", NF_INDEX);
    put_fig(x, s, c + 1, m, group, gv, "NPS", "index", NF_INDEX);
    if (small)
        put_str(x, s, c + 2, "样本少", x->f[F_SMALL]);
    s->row++;
}

static void write_segments(struct sr_xlsx *x, const struct sr_model *m)
{
    const struct sr_template *t = x->t;
    struct sheet *s = &x->segments;
    lxw_col_t c = 3;
    size_t g;
    size_t i;
    long all_forms = forms_count(m, "accepted", m->accepted);

    put_str(x, s, 0, "分组", x->f[F_HEADER]);
    put_str(x, s, 1, "分组值", x->f[F_HEADER]);
    put_str(x, s, 2, "表单数", x->f[F_HEADER]);
    for (i = 0; i < t->ndims; i++, c += 2) {
        const struct sr_dimension *dm = &t->dims[i];

        put_str(x, s, c, dm->name && *dm->name ? dm->name : dm->id,
                x->f[F_HEADER]);
        put_str(x, s, c + 1, "p值", x->f[F_HEADER]);
    }
    put_str(x, s, c, "CSI", x->f[F_HEADER]);
    put_str(x, s, c + 1, "NPS", x->f[F_HEADER]);
    put_str(x, s, c + 2, "备注", x->f[F_HEADER]);
    sheet_table(x, s, 0, 2);
    s->row++;

    put_str(x, s, 0, "全部", NULL);
    segment_row(x, s, m, "all", NULL, all_forms, false);
    for (g = 0; g < m->ngroups; g++) {
        const struct sr_model_group *grp = &m->groups[g];

        for (i = 0; i < grp->nvalues; i++) {
            put_str(x, s, 0, grp->label, NULL);
            put_str(x, s, 1, grp->values[i], NULL);
            segment_row(x, s, m, grp->field_id, grp->values[i], grp->forms[i],
                        grp->forms[i] < m->min_base);
        }
    }
    sheet_autofilter(x, s, s->ws, 0, s->row - 1, (lxw_col_t)(c + 3));
    s->row++;
    put_note(x, s,
             "注：* 表示该组与其余表单相比差异显著（Welch t 检验，p < 0.05）；"
             "p值为该组与其余表单比较的结果。",
             x->f[F_NOTE]);
    s->row++;
    sr_buf_reset(&x->aux);
    sr_buf_addf(&x->aux, "样本少：表单数少于 %ld，结论仅供参考。", m->min_base);
    put_note(x, s, x->aux.buf, x->f[F_NOTE]);
    if (!m->ngroups) {
        s->row++;
        put_note(x, s,
                 "本次没有可分组比较的数据（模板没有分组字段，或各组表单数"
                 "少于最小报告数）。",
                 x->f[F_NOTE]);
    }
}

/* --- 拒收记录 ------------------------------------------------------------ */

struct refused_ctx {
    struct sr_xlsx *x;
    long written;
};

static bool is_pii_field(const struct sr_template *t, const char *id)
{
    size_t i;

    if (!id || !*id)
        return false;
    for (i = 0; i < t->nfields; i++)
        if (t->fields[i].pii && !strcmp(t->fields[i].id, id))
            return true;
    return false;
}

/*
 * A reason about a pii field may quote the value ("value '138...' does not
 * match"): mask every quoted part but the field's id.  Result in x->aux.
 */
static const char *mask_quoted(struct sr_xlsx *x, const char *reason,
                               const char *field)
{
    struct sr_buf part = SR_BUF_INIT;
    const char *p = reason;

    sr_buf_reset(&x->aux);
    while (*p) {
        const char *open = strchr(p, '\'');
        const char *close = open ? strchr(open + 1, '\'') : NULL;

        if (!close) {
            sr_buf_addstr(&x->aux, p);
            break;
        }
        sr_buf_add(&x->aux, p, (size_t)(open + 1 - p));
        sr_buf_reset(&part);
        sr_buf_add(&part, open + 1, (size_t)(close - open - 1));
        if (!strcmp(part.buf, field)) {
            sr_buf_addstr(&x->aux, part.buf);
        } else {
            struct sr_buf masked = SR_BUF_INIT;

            sr_text_mask(&masked, part.buf);
            sr_buf_addstr(&x->aux, masked.buf);
            sr_buf_release(&masked);
        }
        sr_buf_addch(&x->aux, '\'');
        p = close + 1;
    }
    sr_buf_release(&part);
    return x->aux.buf;
}

static bool refused_row(void *ctx, const char *file, long line,
                        const char *form_id, const char *field,
                        const char *reason)
{
    struct refused_ctx *rc = ctx;
    struct sr_xlsx *x = rc->x;
    struct sheet *s = &x->refused;
    const struct sr_template *t = x->t;

    if (x->failed)
        return false;
    if (s->row + 1 >= x->row_limit)
        return false; /* the last row says where the rest is */
    put_str(x, s, 0, file, NULL);
    if (line > 0)
        put_long(x, s, 1, line);
    if (t->form_id_field >= 0 && t->fields[t->form_id_field].pii && form_id &&
        *form_id) {
        sr_text_mask(&x->aux, form_id);
        put_str(x, s, 2, x->aux.buf, NULL);
    } else {
        put_str(x, s, 2, form_id, NULL);
    }
    put_str(x, s, 3, field, NULL);
    if (is_pii_field(t, field))
        reason = mask_quoted(x, reason, field);
    put_str(x, s, 4, reason, NULL);
    s->row++;
    rc->written++;
    return true;
}

static enum sr_status
write_refused(struct sr_xlsx *x, const struct sr_rejects *rj, struct sr_diag *d)
{
    static const char *const hdr[] = { "文件", "行号", "表单编号", "字段",
                                       "原因" };
    struct sheet *s = &x->refused;
    struct refused_ctx rc = { x, 0 };
    enum sr_status st = SR_OK;
    long total;

    put_header(x, s, hdr, sizeof(hdr) / sizeof(hdr[0]));
    sheet_table(x, s, 0, 0);
    s->row++;
    if (!rj) {
        sheet_autofilter(x, s, s->ws, 0, 0, 5);
        return SR_OK;
    }
    st = sr_rejects_foreach(rj, refused_row, &rc, d);
    if (st != SR_OK)
        return st;
    sheet_autofilter(x, s, s->ws, 0, s->row - 1, 5);
    total = sr_rejects_rows(rj);
    if (rc.written < total && !x->failed) {
        sr_buf_reset(&x->aux);
        sr_buf_addf(&x->aux, "其余 %ld 行超出工作表行数上限，见 rejects.csv",
                    total - rc.written);
        put_note(x, s, x->aux.buf, x->f[F_NOTE]);
        s->row++;
    }
    return SR_OK;
}

/* --- finish -------------------------------------------------------------- */

static void finish_records(struct sr_xlsx *x)
{
    size_t i;

    if (!x->records || !x->nparts)
        return;
    x->parts[x->nparts - 1].rows = x->rec.row;
    for (i = 0; i < x->nparts && !x->failed; i++) {
        struct part *p = &x->parts[i];

        sheet_autofilter(x, &x->rec, p->ws, 0, p->rows - 1, x->rec_cols);
        sheet_widths(x, &x->rec, p->ws, WIDTH_RECORDS);
    }
}

enum sr_status sr_xlsx_finish(struct sr_xlsx *x, const struct sr_model *m,
                              const struct sr_rejects *rj, struct sr_diag *d)
{
    enum sr_status st;
    lxw_error e;
    char why[256];

    if (x->finished)
        return sr_diag_set(d, SR_ERR_WRITE, x->path, 0,
                           "cannot finish workbook: already finished");
    if (x->failed)
        return report(x, d);
    write_summary(x, m);
    write_items(x, m);
    write_segments(x, m);
    st = write_refused(x, rj, d);
    if (st != SR_OK)
        return st;
    finish_records(x);
    sheet_widths(x, &x->summary, x->summary.ws, WIDTH_MAX);
    sheet_widths(x, &x->items, x->items.ws, WIDTH_MAX);
    sheet_widths(x, &x->segments, x->segments.ws, WIDTH_MAX);
    sheet_widths(x, &x->refused, x->refused.ws, WIDTH_MAX);
    if (x->failed)
        return report(x, d);

    x->finished = true;
    e = workbook_close(x->wb); /* frees the workbook, even on error */
    x->wb = NULL;
    if (e != LXW_NO_ERROR)
        return sr_diag_set(d, SR_ERR_WRITE, x->path, 0,
                           "cannot write workbook: %s",
                           why_text(e, why, sizeof(why)));
    return SR_OK;
}

/* --- free ---------------------------------------------------------------- */

/*
 * libxlsxwriter 1.1.4 closes a constant_memory sheet's temporary file only
 * while writing the workbook, so a workbook given up before
 * workbook_close() would leak one descriptor per sheet: close them here.
 */
static void close_tmpfile(lxw_worksheet *ws)
{
    if (!ws || !ws->optimize_tmpfile)
        return;
    fclose(ws->optimize_tmpfile);
    ws->optimize_tmpfile = NULL;
    ws->file = NULL;
}

void sr_xlsx_free(struct sr_xlsx *x)
{
    size_t i;

    if (!x)
        return;
    if (x->wb) {
        /* given up: nothing is written, and the placeholder goes */
        close_tmpfile(x->summary.ws);
        close_tmpfile(x->items.ws);
        close_tmpfile(x->segments.ws);
        close_tmpfile(x->refused.ws);
        for (i = 0; i < x->nparts; i++)
            close_tmpfile(x->parts[i].ws);
        lxw_workbook_free(x->wb);
        remove(x->path);
    }
    sheet_release(&x->summary);
    sheet_release(&x->items);
    sheet_release(&x->segments);
    sheet_release(&x->refused);
    sheet_release(&x->rec);
    free(x->parts);
    sr_buf_release(&x->header);
    sr_buf_release(&x->footer);
    sr_buf_release(&x->text);
    sr_buf_release(&x->aux);
    free(x->path);
    free(x);
}
