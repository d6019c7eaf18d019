/* SPDX-License-Identifier: MIT */
/*
 * xlsx.c - statistics.xlsx, the customer statistics workbook (libxlsxwriter)
 *
 * Input: the template and the run facts at open, every accepted record
 * while forms are read (sheets 意见分类 and 明细), then the statistics
 * model and the refused forms (every other sheet).
 * Output: one .xlsx file, written by workbook_close() in sr_xlsx_finish().
 * Owns: the lxw_workbook, its formats and sheets.  This file holds the
 * workbook's life, the cell writers, the streamed sheets and 拒收记录;
 * sheets.c the statistics sheets, lang.c their texts.
 *
 * Every figure comes from struct sr_model; nothing here computes one (a
 * renderer only compares an index with its target, or a p value with
 * 0.05, to choose a label or a format).
 *
 * Sheets are written strictly row by row, always: struct sr_xl_sheet only
 * moves forward.  The sheets that grow with the forms (明细, 意见分类,
 * 拒收记录) are in libxlsxwriter's constant_memory mode (each keeps one
 * row in memory); the statistics sheets are small and kept in memory, so
 * that their charts get a data cache and text categories (libxlsxwriter
 * reads the cells back for that, which it cannot do in constant_memory
 * mode).  The mode is libxlsxwriter's per-sheet flag, taken from the
 * workbook option when a sheet is added (checked against 1.1.4).
 * docs/workbook.md describes the sheets.
 */
#include "xlsx_impl.h"
#include "../../core/config.h"
#include "../../core/mem.h"
#include "../../core/pii.h"
#include "../../core/text.h"
#include "../../classify/classify.h"

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
/* XML bytes (an upper estimate) a streamed sheet may reach before the next
 * row goes to a new sheet: a sheet's XML must stay below 4 GiB, since
 * zip64 is off (Excel is picky about it); the 256 MiB left cover the last
 * row and the sheet's other parts. */
#define SHEET_BYTES_MAX ((uint64_t)15 << 28)
/* XML bytes of a cell besides its reference and value, at most:
 * <c r="" s="12345" t="inlineStr"><is><t xml:space="preserve"></t></is></c>
 * and <c r="" s="12345"><v></v></c>; of a row: <row r="1048576"></row> */
#define TEXT_CELL_XML 74
#define NUM_CELL_XML  29
#define ROW_XML       48

static const struct {
    const char *plain;  /* the Excel number format */
    const char *marked; /* with the significance mark */
    int decimals;       /* these only size the column */
    bool percent;
    int extra;
    int fixed; /* display width when the format shows a fixed text */
} nf_info[SR_XL_NF_COUNT] = {
    [SR_XL_INT] = { "0", "0\"*\"", 0, false, 0, 0 },
    [SR_XL_INDEX] = { "0.0", "0.0\"*\"", 1, false, 0, 0 },
    [SR_XL_SHARE] = { "0.0%", "0.0%\"*\"", 1, true, 1, 0 },
    [SR_XL_MEAN] = { "0.00", "0.00\"*\"", 2, false, 0, 0 },
    [SR_XL_P] = { "0.000", "0.000\"*\"", 3, false, 0, 0 },
    [SR_XL_WEIGHT] = { "0.00", "0.00", 2, false, 0, 0 },
    [SR_XL_DATE] = { "yyyy-mm-dd", "yyyy-mm-dd", 0, false, 0, 10 },
    [SR_XL_DELTA] = { "+0.0;-0.0;0.0", "+0.0\"*\";-0.0\"*\";0.0\"*\"", 1, false,
                      1, 0 },
    [SR_XL_YESNO] = { NULL, NULL, 0, false, 0, 3 }, /* from the texts */
    [SR_XL_TICK] = { "\"\xe2\x88\x9a\"", "\"\xe2\x88\x9a\"", 0, false, 0,
                     2 }, /* √ */
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

/* Keep the first error only: later ones are usually its consequences. */
void sr_xl_fail(struct sr_xlsx *x, const char *fmt, ...)
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

static void fail_cell(struct sr_xlsx *x, lxw_error e,
                      const struct sr_xl_sheet *s, lxw_col_t col)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    char why[256];

    if (e == LXW_NO_ERROR)
        return;
    lxw_rowcol_to_cell(cell, s->row, col);
    sr_xl_fail(x, "cannot write sheet '%s' cell %s: %s", s->name, cell,
               why_text(e, why, sizeof(why)));
}

void sr_xl_fail_sheet(struct sr_xlsx *x, lxw_error e,
                      const struct sr_xl_sheet *s, const char *what)
{
    char why[256];

    if (e == LXW_NO_ERROR)
        return;
    sr_xl_fail(x, "cannot set %s of sheet '%s': %s", what, s->name,
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
 * else x->text_buf.  (Control characters are escaped by libxlsxwriter.)
 */
static const char *cell_text(struct sr_xlsx *x, const char *s)
{
    size_t n = strlen(s);
    size_t chars = 0;
    size_t i = 0;

    if (sr_utf8_valid(s, n, NULL) &&
        (n <= CELL_CHARS_MAX || sr_utf8_len(s) <= CELL_CHARS_MAX))
        return s;
    sr_buf_reset(&x->text_buf);
    while (i < n) {
        size_t l = lead_len((unsigned char)s[i]);

        if (chars == CELL_CHARS_MAX - 1) {
            sr_buf_addstr(&x->text_buf, "\xe2\x80\xa6"); /* … */
            break;
        }
        if (l && i + l <= n && sr_utf8_valid(s + i, l, NULL)) {
            sr_buf_add(&x->text_buf, s + i, l);
            i += l;
        } else {
            sr_buf_addstr(&x->text_buf, "\xef\xbf\xbd"); /* U+FFFD */
            i++;
        }
        chars++;
    }
    return x->text_buf.buf;
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

const char *sr_xl_title(const struct sr_xlsx *x)
{
    const char *s = SR_XL_CFG(x, title);

    if (*s)
        return s;
    return x->t->title ? x->t->title : "";
}

/* --- cells --------------------------------------------------------------- */

static void widen(struct sr_xl_sheet *s, lxw_col_t col, size_t w)
{
    if (col >= s->nwidth) {
        size_t n = s->nwidth ? s->nwidth : 16;

        while (n <= col)
            n *= 2;
        s->width = xreallocarray(s->width, n, sizeof(*s->width));
        memset(s->width + s->nwidth, 0, (n - s->nwidth) * sizeof(*s->width));
        s->nwidth = n;
    }
    if (w > SR_XL_WIDTH_MAX)
        w = SR_XL_WIDTH_MAX;
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
static size_t ref_len(const struct sr_xl_sheet *s, lxw_col_t col)
{
    return (col < 26 ? 1 : col < 702 ? 2 : 3) + int_width((double)s->row + 1);
}

void sr_xl_str(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
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

void sr_xl_wide(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
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

void sr_xl_num(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
               double v, enum sr_xl_nf nf, unsigned style)
{
    char tmp[64];
    size_t w;
    lxw_error e;

    if (x->failed)
        return;
    if (!isfinite(v))
        return; /* no number Excel can show: leave the cell empty */
    style &= SR_XL_STYLES - 1;
    e = worksheet_write_number(s->ws, s->row, col, v, x->nf[nf][style]);
    fail_cell(x, e, s, col);
    if (nf_info[nf].fixed) {
        w = (size_t)nf_info[nf].fixed;
        s->bytes += NUM_CELL_XML + ref_len(s, col) + 24;
    } else if (nf == SR_XL_INT && fabs(v) < 1e15 && v == floor(v)) {
        w = int_width(v);
        s->bytes += NUM_CELL_XML + ref_len(s, col) + w;
    } else {
        s->bytes += NUM_CELL_XML + ref_len(s, col) + 24; /* %.16g */
        w = (size_t)snprintf(tmp, sizeof(tmp), "%.*f", nf_info[nf].decimals,
                             nf_info[nf].percent ? v * 100 : v);
        w += (size_t)nf_info[nf].extra;
    }
    if (style & SR_XL_MARKED)
        w++;
    widen(s, col, w);
}

void sr_xl_date(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                int ymd)
{
    lxw_datetime dt;
    lxw_error e;

    if (x->failed || ymd <= 0)
        return;
    memset(&dt, 0, sizeof(dt));
    dt.year = ymd / 10000;
    dt.month = ymd / 100 % 100;
    dt.day = ymd % 100;
    e = worksheet_write_datetime(s->ws, s->row, col, &dt, x->nf[SR_XL_DATE][0]);
    fail_cell(x, e, s, col);
    s->bytes += NUM_CELL_XML + ref_len(s, col) + 24;
    widen(s, col, 10);
}

bool sr_xl_fig(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
               const struct sr_model *m, const char *group, const char *gv,
               const char *subject, const char *metric, enum sr_xl_nf nf,
               unsigned style)
{
    double v;

    if (!sr_model_get(m, group, gv, subject, metric, &v, NULL))
        return false;
    sr_xl_num(x, s, col, v, nf, style);
    return true;
}

void sr_xl_headers(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                   const enum sr_xl_text *ids, size_t n)
{
    size_t c;

    for (c = 0; c < n; c++)
        sr_xl_str(x, s, (lxw_col_t)(col + c), sr_xl_tx(x, ids[c]),
                  x->f[SR_XL_HEADER]);
}

/* --- sheets -------------------------------------------------------------- */

static void sheet_release(struct sr_xl_sheet *s)
{
    free(s->width);
    s->width = NULL;
    s->nwidth = 0;
}

/*
 * Add a sheet with the page setup every sheet shares: A4 landscape, the
 * page header and footer with the confidentiality marking; a table sheet
 * prints one page wide.  @stream: the sheet grows with the forms and is
 * written in constant_memory mode.  Column widths already in @s are kept
 * (the parts of a streamed sheet share them).
 */
static bool sheet_add(struct sr_xlsx *x, struct sr_xl_sheet *s,
                      const char *name, bool stream)
{
    unsigned *width = s->width;
    size_t nwidth = s->nwidth;
    lxw_error e;

    memset(s, 0, sizeof(*s));
    s->width = width;
    s->nwidth = nwidth;
    snprintf(s->name, sizeof(s->name), "%s", name);
    if (x->failed)
        return false;
    x->wb->options.constant_memory = stream ? LXW_TRUE : LXW_FALSE;
    s->ws = workbook_add_worksheet(x->wb, name);
    x->wb->options.constant_memory = LXW_TRUE;
    if (!s->ws) {
        sr_xl_fail(x, "cannot add sheet '%s'", name);
        return false;
    }
    if (stream && !s->ws->optimize) {
        /* a libxlsxwriter that no longer takes the mode per sheet */
        sr_xl_fail(x, "cannot add sheet '%s' in constant_memory mode", name);
        return false;
    }
    x->all = xreallocarray(x->all, x->nall + 1, sizeof(*x->all));
    x->all[x->nall++] = s->ws;
    worksheet_set_paper(s->ws, 9); /* A4 */
    worksheet_set_landscape(s->ws);
    e = worksheet_set_header(s->ws, x->header.buf);
    sr_xl_fail_sheet(x, e, s, "page header");
    e = worksheet_set_footer(s->ws, x->footer.buf);
    sr_xl_fail_sheet(x, e, s, "page footer");
    return !x->failed;
}

void sr_xl_freeze(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_row_t hdr,
                  lxw_col_t cols)
{
    lxw_error e;

    if (x->failed)
        return;
    s->frozen = cols;
    worksheet_freeze_panes(s->ws, hdr + 1, cols);
    e = worksheet_repeat_rows(s->ws, hdr, hdr);
    sr_xl_fail_sheet(x, e, s, "print titles");
}

void sr_xl_autofilter(struct sr_xlsx *x, struct sr_xl_sheet *s,
                      lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                      lxw_col_t ncols)
{
    lxw_error e;

    if (x->failed || !ncols)
        return;
    e = worksheet_autofilter(ws, first, 0, last, (lxw_col_t)(ncols - 1));
    sr_xl_fail_sheet(x, e, s, "autofilter");
}

void sr_xl_lines(struct sr_xlsx *x, struct sr_xl_sheet *s, size_t lines)
{
    lxw_error e;

    if (x->failed || lines <= 1)
        return;
    if (lines > 27)
        lines = 27; /* Excel's highest row: 409 points */
    e = worksheet_set_row(s->ws, s->row, 15.0 * (double)lines, NULL);
    sr_xl_fail_sheet(x, e, s, "row height");
}

/* Highlight the numbers below @target.  A formula, not "cell < target":
 * that would also colour the empty cells, which Excel reads as 0. */
void sr_xl_below(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_row_t first,
                 lxw_row_t last, lxw_col_t col, double target)
{
    lxw_conditional_format cf;
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    char formula[128];
    lxw_error e;

    if (x->failed || last < first || !isfinite(target))
        return;
    lxw_rowcol_to_cell(cell, first, col);
    snprintf(formula, sizeof(formula), "=AND(ISNUMBER(%s),%s<%.15g)", cell,
             cell, target);
    memset(&cf, 0, sizeof(cf));
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = formula;
    cf.format = x->f[SR_XL_BELOW];
    e = worksheet_conditional_format_range(s->ws, first, col, last, col, &cf);
    sr_xl_fail_sheet(x, e, s, "conditional format");
}

/* Printed width of a landscape A4 page at a scale still easy to read, in
 * column width units (a Latin character). */
#define PAGE_WIDTH 170

/*
 * Column widths from the display widths of what was written.  A CJK
 * character counts two (sr_text_width()), as in Excel's own units.  Then
 * the print: as many pages wide as the table needs at a readable scale,
 * with the frozen label columns repeated on each.
 */
static void sheet_widths(struct sr_xlsx *x, struct sr_xl_sheet *s,
                         lxw_worksheet *ws, unsigned max)
{
    unsigned long total = s->extra;
    unsigned pages;
    size_t c;
    lxw_error e;

    for (c = 0; c < s->nwidth && c < LXW_COL_MAX && !x->failed; c++) {
        unsigned w = s->width[c];

        if (!w)
            continue;
        w += 2;
        if (w < SR_XL_WIDTH_MIN)
            w = SR_XL_WIDTH_MIN;
        if (w > max)
            w = max;
        total += w;
        e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        sr_xl_fail_sheet(x, e, s, "column width");
    }
    if (x->failed)
        return;
    pages = (unsigned)((total + PAGE_WIDTH - 1) / PAGE_WIDTH);
    if (s->extra)
        pages = 1; /* a page break would cut the chart beside the table */
    worksheet_fit_to_pages(ws, (uint16_t)(pages ? pages : 1), 0);
    if (pages > 1 && s->frozen) {
        e = worksheet_repeat_columns(ws, 0, (lxw_col_t)(s->frozen - 1));
        sr_xl_fail_sheet(x, e, s, "print titles");
    }
}

/* --- open ---------------------------------------------------------------- */

static lxw_format *new_fmt(struct sr_xlsx *x)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (!f)
        sr_xl_fail(x, "cannot add a cell format: out of memory");
    return f;
}

static bool make_formats(struct sr_xlsx *x)
{
    size_t i;
    unsigned st;

    for (i = 0; i < SR_XL_FMT_COUNT; i++) {
        x->f[i] = new_fmt(x);
        if (!x->f[i])
            return false;
    }
    for (i = 0; i < SR_XL_NF_COUNT; i++) {
        for (st = 0; st < SR_XL_STYLES; st++) {
            lxw_format *f = new_fmt(x);
            const char *code =
                st & SR_XL_MARKED ? nf_info[i].marked : nf_info[i].plain;

            if (!f)
                return false;
            if (i == SR_XL_YESNO)
                code = sr_xl_tx(x, SR_XT_YESNO_FORMAT);
            format_set_num_format(f, code);
            if (st & SR_XL_FAINT) {
                format_set_font_color(f, 0x808080);
                format_set_italic(f);
            }
            if (st & SR_XL_LEFT || i == SR_XL_DATE)
                format_set_align(f, LXW_ALIGN_LEFT);
            if (i == SR_XL_YESNO || i == SR_XL_TICK)
                format_set_align(f, LXW_ALIGN_CENTER);
            x->nf[i][st] = f;
        }
    }
    format_set_bold(x->f[SR_XL_HEADER]);
    format_set_bg_color(x->f[SR_XL_HEADER], 0xDDEBF7);
    format_set_border(x->f[SR_XL_HEADER], LXW_BORDER_THIN);
    format_set_align(x->f[SR_XL_HEADER], LXW_ALIGN_CENTER);
    format_set_align(x->f[SR_XL_HEADER], LXW_ALIGN_VERTICAL_CENTER);
    format_set_bold(x->f[SR_XL_TITLE]);
    format_set_font_size(x->f[SR_XL_TITLE], 16);
    format_set_bold(x->f[SR_XL_KEY]);
    format_set_align(x->f[SR_XL_KEY], LXW_ALIGN_VERTICAL_TOP);
    format_set_italic(x->f[SR_XL_NOTE]);
    format_set_font_color(x->f[SR_XL_NOTE], 0x595959);
    format_set_font_color(x->f[SR_XL_MET], 0x007A33);
    format_set_font_color(x->f[SR_XL_UNMET], 0xC00000);
    format_set_bold(x->f[SR_XL_UNMET]);
    format_set_font_color(x->f[SR_XL_SMALL], 0xC55A11);
    format_set_bold(x->f[SR_XL_SECTION]);
    format_set_font_size(x->f[SR_XL_SECTION], 12);
    format_set_text_wrap(x->f[SR_XL_WRAP]);
    format_set_align(x->f[SR_XL_WRAP], LXW_ALIGN_VERTICAL_TOP);
    format_set_align(x->f[SR_XL_MET], LXW_ALIGN_CENTER);
    format_set_align(x->f[SR_XL_UNMET], LXW_ALIGN_CENTER);
    format_set_align(x->f[SR_XL_SMALL], LXW_ALIGN_CENTER);
    format_set_align(x->f[SR_XL_CENTER], LXW_ALIGN_CENTER);
    format_set_text_wrap(x->f[SR_XL_TEXT_WRAP]);
    format_set_bold(x->f[SR_XL_MARKING]);
    format_set_font_color(x->f[SR_XL_MARKING], 0xC00000);
    /* Excel's "light red fill with dark red text" */
    format_set_bg_color(x->f[SR_XL_BELOW], 0xFFC7CE);
    format_set_font_color(x->f[SR_XL_BELOW], 0x9C0006);
    return true;
}

static void make_header_footer(struct sr_xlsx *x)
{
    const char *conf = SR_XL_CFG(x, confidentiality);
    const char *org = SR_XL_CFG(x, organization);

    sr_buf_reset(&x->header);
    sr_buf_addstr(&x->header, "&L");
    hf_add(&x->header, sr_xl_title(x), 80);
    if (*conf) {
        sr_buf_addstr(&x->header, "&R&\"-,Bold\"");
        hf_add(&x->header, conf, 20);
    }
    sr_buf_reset(&x->footer);
    if (*org) {
        sr_buf_addstr(&x->footer, "&L");
        hf_add(&x->footer, org, 60);
    }
    sr_buf_addstr(&x->footer, "&C");
    sr_buf_addstr(&x->footer, sr_xl_tx(x, SR_XT_PAGE_FOOTER));
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
    p.title = xstrdup(sr_xl_title(x));
    p.subject = xstrdup(x->t->title ? x->t->title : "");
    p.author = xstrdup(SR_XL_CFG(x, prepared_by));
    p.company = xstrdup(SR_XL_CFG(x, organization));
    p.category = xstrdup(SR_XL_CFG(x, confidentiality));
    p.keywords = xstrdup(x->t->id ? x->t->id : "");
    p.status = xstrdup(x->ri && x->ri->status ? x->ri->status : "");
    snprintf(comments, sizeof(comments), "satreport %s",
             x->ri && x->ri->version ? x->ri->version : "");
    p.comments = xstrdup(comments);
    p.created = x->ri ? x->ri->epoch : 0;
    e = workbook_set_properties(x->wb, &p);
    if (e != LXW_NO_ERROR)
        sr_xl_fail(x, "cannot set document properties: %s",
                   why_text(e, why, sizeof(why)));
    free(p.title);
    free(p.subject);
    free(p.author);
    free(p.company);
    free(p.category);
    free(p.keywords);
    free(p.status);
    free(p.comments);
}

/* --- personal data ---------------------------------------------------------
 */

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
 * Free text (a comment) with the personal data it may hold masked
 * (sr_pii_mask_text()).  Result in x->aux2; @r may be NULL.
 */
static const char *mask_free_text(struct sr_xlsx *x, const struct sr_record *r,
                                  const char *s)
{
    sr_buf_reset(&x->aux2);
    sr_pii_mask_text(&x->aux2, x->t, r, s);
    return x->aux2.buf;
}

/* A field value as it may leave the run folder: masked when pii. */
static void put_field(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                      size_t field, const char *v)
{
    if (v && x->t->fields[field].pii) {
        sr_text_mask(&x->aux, v);
        sr_xl_str(x, s, col, x->aux.buf, NULL);
    } else {
        sr_xl_str(x, s, col, v, NULL);
    }
}

static const char *field_name(const struct sr_field *f)
{
    return f->label && *f->label ? f->label : f->id;
}

static const char *derived_name(const struct sr_derived_field *f)
{
    return f->label && *f->label ? f->label : f->id;
}

static size_t nderived(const struct sr_xlsx *x)
{
    return x->ri && x->ri->derived ? x->ri->nderived : 0;
}

static size_t ncategories(const struct sr_xlsx *x)
{
    size_t n = x->ri && x->ri->categories ? x->ri->ncategories : 0;

    return n > SR_MAX_CATEGORIES ? SR_MAX_CATEGORIES : n;
}

/* The categories of @r joined with ；, in x->aux (empty when none). */
static const char *category_list(struct sr_xlsx *x, const struct sr_record *r)
{
    size_t k;

    sr_buf_reset(&x->aux);
    for (k = 0; k < ncategories(x); k++) {
        if (!(r->categories & ((uint64_t)1 << k)))
            continue;
        if (x->aux.len)
            sr_buf_addstr(&x->aux, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addstr(&x->aux, x->ri->categories[k].name);
    }
    return x->aux.buf;
}

/* --- streamed sheets -------------------------------------------------------
 */

/* Start a part of @st: base, then base2, base3... when one is full. */
static bool stream_part(struct sr_xlsx *x, struct sr_xl_stream *st)
{
    struct sr_xl_sheet *s = &st->s;
    char name[64];

    if (st->nparts)
        st->parts[st->nparts - 1].rows = s->row;
    if (st->nparts == 0)
        snprintf(name, sizeof(name), "%s", st->base);
    else
        snprintf(name, sizeof(name), "%s%zu", st->base, st->nparts + 1);
    if (!sheet_add(x, s, name, true))
        return false;
    st->parts = xreallocarray(st->parts, st->nparts + 1, sizeof(*st->parts));
    st->parts[st->nparts].ws = s->ws;
    st->parts[st->nparts].rows = 1;
    st->nparts++;
    st->header(x, st);
    sr_xl_freeze(x, s, 0, st->frozen);
    s->row = 1;
    s->bytes += ROW_XML;
    return !x->failed;
}

static bool stream_start(struct sr_xlsx *x, struct sr_xl_stream *st,
                         const char *base, lxw_col_t ncols,
                         sr_xl_header_fn header, unsigned max_width)
{
    st->on = true;
    st->max_width = max_width;
    st->base = base;
    st->ncols = ncols;
    st->header = header;
    return stream_part(x, st);
}

/* Before a row: a new part when this one is full. */
static bool stream_row(struct sr_xlsx *x, struct sr_xl_stream *st)
{
    struct sr_xl_sheet *s = &st->s;

    if (x->failed)
        return false;
    if (s->row >= x->row_limit || s->bytes >= x->bytes_limit)
        return stream_part(x, st);
    return true;
}

static void stream_next(struct sr_xl_stream *st)
{
    st->s.row++;
    st->s.bytes += ROW_XML;
    st->rows++;
}

/* Autofilter and widths of every part, once the last row is written. */
static void stream_finish(struct sr_xlsx *x, struct sr_xl_stream *st)
{
    size_t i;

    if (!st->on || !st->nparts)
        return;
    st->parts[st->nparts - 1].rows = st->s.row;
    for (i = 0; i < st->nparts && !x->failed; i++) {
        struct sr_xl_part *p = &st->parts[i];

        sr_xl_autofilter(x, &st->s, p->ws, 0, p->rows - 1, st->ncols);
        sheet_widths(x, &st->s, p->ws, st->max_width);
    }
}

/* 明细: fields, derived fields, items, choices, comments, categories */
static lxw_col_t records_cols(const struct sr_xlsx *x)
{
    const struct sr_template *t = x->t;

    return (lxw_col_t)(t->nfields + (x->archive ? 3 : 0) + nderived(x) +
                       t->nitems + t->nchoices + t->ncomments +
                       (ncategories(x) ? 2 : 0));
}

static void records_header(struct sr_xlsx *x, struct sr_xl_stream *st)
{
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &st->s;
    lxw_format *h = x->f[SR_XL_HEADER];
    lxw_col_t c = 0;
    size_t i;

    for (i = 0; i < t->nfields; i++)
        sr_xl_str(x, s, c++, field_name(&t->fields[i]), h);
    if (x->archive) {
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_REC_OWN), h);
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_CUST_MANAGER), h);
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_FU_IN_ARCHIVE), h);
    }
    for (i = 0; i < nderived(x); i++)
        sr_xl_str(x, s, c++, derived_name(&x->ri->derived[i]), h);
    for (i = 0; i < t->nitems; i++)
        sr_xl_str(x, s, c++, t->items[i].id, h);
    for (i = 0; i < t->nchoices; i++)
        sr_xl_str(x, s, c++, t->choices[i].id, h);
    for (i = 0; i < t->ncomments; i++)
        sr_xl_str(x, s, c++, t->comments[i].id, h);
    if (ncategories(x)) {
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_CATEGORIES), h);
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_COMPLAINT), h);
    }
}

/* 意见分类: who, segments, date, the comments, categories */
static bool is_segment(const struct sr_template *t, size_t field)
{
    size_t k;

    for (k = 0; k < t->nsegments; k++)
        if (t->segments[k] == field)
            return true;
    return false;
}

static lxw_col_t comments_cols(const struct sr_xlsx *x)
{
    const struct sr_template *t = x->t;
    size_t n = 0;
    size_t i;

    if (t->form_id_field >= 0)
        n++;
    if (t->customer_id_field >= 0)
        n++;
    n += t->nsegments;
    for (i = 0; i < nderived(x); i++)
        if (x->ri->derived[i].segment)
            n++;
    if (t->date_field >= 0)
        n++;
    n += t->ncomments;
    if (ncategories(x))
        n += 2 + ncategories(x);
    return (lxw_col_t)n;
}

static const char *comment_header(const struct sr_comment *c)
{
    /* the question when it is short, else its id */
    if (c->text && *c->text && sr_text_width(c->text) <= 24)
        return c->text;
    return c->id;
}

static void comments_header(struct sr_xlsx *x, struct sr_xl_stream *st)
{
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &st->s;
    lxw_format *h = x->f[SR_XL_HEADER];
    lxw_col_t c = 0;
    size_t i;

    if (t->form_id_field >= 0)
        sr_xl_str(x, s, c++, field_name(&t->fields[t->form_id_field]), h);
    if (t->customer_id_field >= 0)
        sr_xl_str(x, s, c++, field_name(&t->fields[t->customer_id_field]), h);
    for (i = 0; i < t->nfields; i++)
        if (is_segment(t, i))
            sr_xl_str(x, s, c++, field_name(&t->fields[i]), h);
    for (i = 0; i < nderived(x); i++)
        if (x->ri->derived[i].segment)
            sr_xl_str(x, s, c++, derived_name(&x->ri->derived[i]), h);
    if (t->date_field >= 0)
        sr_xl_str(x, s, c++, field_name(&t->fields[t->date_field]), h);
    for (i = 0; i < t->ncomments; i++)
        sr_xl_str(x, s, c++, comment_header(&t->comments[i]), h);
    if (ncategories(x)) {
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_CATEGORIES), h);
        sr_xl_str(x, s, c++, sr_xl_tx(x, SR_XT_COMPLAINT), h);
        for (i = 0; i < ncategories(x); i++)
            sr_xl_str(x, s, c++, x->ri->categories[i].name, h);
    }
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
    char *dir;
    char *slash;

    *out = NULL;
    x = xcalloc(1, sizeof(*x));
    x->path = xstrdup(path);
    x->t = t;
    x->ri = ri;
    x->text = sr_xl_texts(t->lang);
    x->records = records;
    x->previous = *SR_XL_CFG(x, previous) != '\0';
    x->archive = *SR_XL_CFG(x, customers) != '\0';
    x->row_limit = row_limit_setting;
    x->bytes_limit = bytes_limit_setting;
    sr_buf_init(&x->header);
    sr_buf_init(&x->footer);
    sr_buf_init(&x->text_buf);
    sr_buf_init(&x->aux);
    sr_buf_init(&x->aux2);

    if ((records && records_cols(x) > LXW_COL_MAX) ||
        comments_cols(x) > LXW_COL_MAX) {
        st = sr_diag_set(
            d, SR_ERR_LIMIT, t->path, 0,
            "template '%s' has %zu columns for sheet '%s', "
            "more than Excel's %d",
            t->id ? t->id : "",
            (size_t)(records ? records_cols(x) : comments_cols(x)),
            sr_xl_tx(x, records ? SR_XT_SHEET_RECORDS : SR_XT_SHEET_COMMENTS),
            LXW_COL_MAX);
        goto out_free;
    }
    st = check_writable(path, d);
    if (st != SR_OK)
        goto out_free;

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
    opt.constant_memory = LXW_TRUE; /* per sheet: see sheet_add() */
    opt.tmpdir = dir;
    x->wb = workbook_new_opt(path, &opt);
    free(dir);
    if (!x->wb) {
        st = sr_diag_set(d, SR_ERR_WRITE, path, 0,
                         "cannot create workbook: out of memory");
        remove(path);
        goto out_free;
    }

    make_header_footer(x);
    if (make_formats(x))
        set_properties(x);
    /* the sheets before the streamed ones exist now, in display order */
    sheet_add(x, &x->summary, sr_xl_tx(x, SR_XT_SHEET_SUMMARY), false);
    sheet_add(x, &x->customers, sr_xl_tx(x, SR_XT_SHEET_CUSTOMERS), false);
    /* 回访清单 can be long: streamed, written at the end (it is sorted) */
    if (x->archive)
        sheet_add(x, &x->followup, sr_xl_tx(x, SR_XT_SHEET_FOLLOWUP), true);
    sheet_add(x, &x->items, sr_xl_tx(x, SR_XT_SHEET_ITEMS), false);
    sheet_add(x, &x->compare, sr_xl_tx(x, SR_XT_SHEET_COMPARE), false);
    if (x->previous)
        sheet_add(x, &x->yoy, sr_xl_tx(x, SR_XT_SHEET_YOY), false);
    /* 意见分类 keeps its first column, the form, in view */
    x->comments.frozen = t->form_id_field >= 0 ? 1 : 0;
    if (t->ncomments && !x->failed)
        stream_start(x, &x->comments, sr_xl_tx(x, SR_XT_SHEET_COMMENTS),
                     comments_cols(x), comments_header, SR_XL_WIDTH_MAX);
    if (records && !x->failed)
        stream_start(x, &x->rec, sr_xl_tx(x, SR_XT_SHEET_RECORDS),
                     records_cols(x), records_header, SR_XL_WIDTH_RECORDS);
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

static void put_choice(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
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
            sr_buf_addstr(&x->aux, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addstr(&x->aux, o->label && *o->label ? o->label : o->value);
    }
    sr_xl_str(x, s, col, x->aux.buf, NULL);
}

static const char *derived_value(const struct sr_xlsx *x,
                                 const struct sr_record *r, size_t k)
{
    if (!r->derived || k >= r->nderived || k >= nderived(x))
        return NULL;
    return r->derived[k];
}

static void put_comment(struct sr_xlsx *x, struct sr_xl_sheet *s, lxw_col_t col,
                        const struct sr_record *r, const char *text,
                        lxw_format *f)
{
    if (!text || !*text)
        return;
    sr_xl_str(x, s, col, mask_free_text(x, r, text), f);
}

/* 明细's archive cells: the form's own values where the archive's
 * replaced them ("区域：华北；客户类别：一般客户"), the account manager,
 * whether the customer is in the archive (是/否). */
static void record_archive(struct sr_xlsx *x, struct sr_xl_sheet *s,
                           lxw_col_t c, const struct sr_record *r)
{
    const struct sr_template *t = x->t;
    const struct sr_customer_match *cm = r->customer;
    size_t i;

    if (!cm)
        return;
    sr_buf_reset(&x->aux2);
    for (i = 0; cm->own && i < t->nfields; i++) {
        if (!cm->own[i])
            continue;
        if (x->aux2.len)
            sr_buf_addstr(&x->aux2, sr_xl_tx(x, SR_XT_LIST_SEP));
        sr_buf_addstr(&x->aux2, field_name(&t->fields[i]));
        sr_buf_addstr(&x->aux2,
                      sr_xl_tx(x, SR_XT_LIST_SEP)[0] == ';' ? ": " : "：");
        if (t->fields[i].pii) {
            sr_text_mask(&x->aux, cm->own[i]);
            sr_buf_addstr(&x->aux2, x->aux.buf);
        } else {
            sr_buf_addstr(&x->aux2, cm->own[i]);
        }
    }
    sr_xl_str(x, s, c, x->aux2.buf, NULL);
    sr_xl_str(x, s, c + 1, cm->manager, NULL);
    sr_xl_num(x, s, c + 2, cm->known ? 1 : 0, SR_XL_YESNO, 0);
}

static void record_row(struct sr_xlsx *x, const struct sr_record *r)
{
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &x->rec.s;
    lxw_col_t c = 0;
    size_t i;

    for (i = 0; i < t->nfields; i++, c++) {
        const char *v = r->fields ? r->fields[i] : NULL;

        if ((int)i == t->date_field && r->date > 0 && !t->fields[i].pii)
            sr_xl_date(x, s, c, r->date);
        else
            put_field(x, s, c, i, v);
    }
    if (x->archive) {
        record_archive(x, s, c, r);
        c += 3;
    }
    for (i = 0; i < nderived(x); i++, c++)
        sr_xl_str(x, s, c, derived_value(x, r, i), NULL);
    for (i = 0; i < t->nitems; i++, c++)
        if (r->scores && r->scores[i] != SR_MISSING)
            sr_xl_num(x, s, c, r->scores[i], SR_XL_INT, 0);
    for (i = 0; i < t->nchoices; i++, c++)
        if (r->choices)
            put_choice(x, s, c, &t->choices[i], r->choices[i]);
    for (i = 0; i < t->ncomments; i++, c++)
        put_comment(x, s, c, r, r->comments ? r->comments[i] : NULL, NULL);
    if (ncategories(x)) {
        sr_xl_str(x, s, c++, category_list(x, r), NULL);
        sr_xl_num(x, s, c++, r->complaint ? 1 : 0, SR_XL_YESNO, 0);
    }
}

static bool has_comment(const struct sr_template *t, const struct sr_record *r)
{
    size_t i;

    for (i = 0; r->comments && i < t->ncomments; i++)
        if (r->comments[i] && *r->comments[i])
            return true;
    return false;
}

/* Lines a comment takes, wrapped in a column of the widest width. */
static size_t comment_lines(const struct sr_template *t,
                            const struct sr_record *r)
{
    const size_t per_line = SR_XL_WIDTH_MAX - 2;
    size_t lines = 1;
    size_t i;

    for (i = 0; r->comments && i < t->ncomments; i++) {
        size_t w;
        size_t n;

        if (!r->comments[i])
            continue;
        w = sr_text_width(r->comments[i]);
        n = (w + per_line - 1) / per_line;
        if (n > lines)
            lines = n;
    }
    return lines;
}

static void comment_row(struct sr_xlsx *x, const struct sr_record *r)
{
    const struct sr_template *t = x->t;
    struct sr_xl_sheet *s = &x->comments.s;
    lxw_col_t c = 0;
    size_t i;

    sr_xl_lines(x, s, comment_lines(t, r));

    if (t->form_id_field >= 0) {
        i = (size_t)t->form_id_field;
        put_field(x, s, c++, i, r->fields ? r->fields[i] : NULL);
    }
    if (t->customer_id_field >= 0) {
        i = (size_t)t->customer_id_field;
        put_field(x, s, c++, i, r->fields ? r->fields[i] : NULL);
    }
    for (i = 0; i < t->nfields; i++)
        if (is_segment(t, i))
            put_field(x, s, c++, i, r->fields ? r->fields[i] : NULL);
    for (i = 0; i < nderived(x); i++)
        if (x->ri->derived[i].segment)
            sr_xl_str(x, s, c++, derived_value(x, r, i), NULL);
    if (t->date_field >= 0) {
        if (r->date > 0 && !t->fields[t->date_field].pii)
            sr_xl_date(x, s, c, r->date);
        c++;
    }
    for (i = 0; i < t->ncomments; i++, c++)
        put_comment(x, s, c, r, r->comments ? r->comments[i] : NULL,
                    x->f[SR_XL_TEXT_WRAP]);
    if (ncategories(x)) {
        sr_xl_str(x, s, c++, category_list(x, r), NULL);
        sr_xl_num(x, s, c++, r->complaint ? 1 : 0, SR_XL_YESNO, 0);
        for (i = 0; i < ncategories(x); i++, c++)
            if (r->categories & ((uint64_t)1 << i))
                sr_xl_num(x, s, c, 1, SR_XL_TICK, 0);
    }
}

enum sr_status sr_xlsx_record(struct sr_xlsx *x, const struct sr_record *r,
                              struct sr_diag *d)
{
    if (x->finished)
        return sr_diag_set(d, SR_ERR_WRITE, x->path, 0,
                           "cannot add a record: workbook already finished");
    if (x->failed)
        return report(x, d);
    if (x->records && x->comments.on && has_comment(x->t, r) &&
        stream_row(x, &x->comments)) {
        comment_row(x, r);
        stream_next(&x->comments);
    }
    if (x->rec.on && stream_row(x, &x->rec)) {
        record_row(x, r);
        stream_next(&x->rec);
    }
    return report(x, d);
}

/* --- 拒收记录 ------------------------------------------------------------ */

struct refused_ctx {
    struct sr_xlsx *x;
    long written;
};

/*
 * A reason about a pii field may quote the value ("value '138...' does not
 * match"): mask every quoted part but the field's id.  Result in x->aux.
 */
static const char *mask_quoted(struct sr_xlsx *x, const char *reason,
                               const char *field)
{
    struct sr_buf part = SR_BUF_INIT;
    struct sr_buf masked = SR_BUF_INIT;
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
            sr_text_mask(&masked, part.buf);
            sr_buf_addstr(&x->aux, masked.buf);
        }
        sr_buf_addch(&x->aux, '\'');
        p = close + 1;
    }
    sr_buf_release(&masked);
    sr_buf_release(&part);
    return x->aux.buf;
}

static bool refused_row(void *ctx, const char *file, long line,
                        const char *form_id, const char *field,
                        const char *reason)
{
    struct refused_ctx *rc = ctx;
    struct sr_xlsx *x = rc->x;
    struct sr_xl_sheet *s = &x->refused;
    const struct sr_template *t = x->t;

    if (x->failed)
        return false;
    if (s->row + 1 >= x->row_limit)
        return false; /* the last row says where the rest is */
    sr_xl_str(x, s, 0, file, NULL);
    if (line > 0)
        sr_xl_num(x, s, 1, (double)line, SR_XL_INT, 0);
    if (t->form_id_field >= 0 && form_id && *form_id)
        put_field(x, s, 2, (size_t)t->form_id_field, form_id);
    sr_xl_str(x, s, 3, field, NULL);
    if (is_pii_field(t, field))
        reason = mask_quoted(x, reason, field);
    sr_xl_str(x, s, 4, reason, NULL);
    s->row++;
    s->bytes += ROW_XML;
    rc->written++;
    return true;
}

static enum sr_status
write_refused(struct sr_xlsx *x, const struct sr_rejects *rj, struct sr_diag *d)
{
    static const enum sr_xl_text hdr[] = { SR_XT_REF_FILE, SR_XT_REF_LINE,
                                           SR_XT_REF_FORM, SR_XT_REF_FIELD,
                                           SR_XT_REF_REASON };
    struct sr_xl_sheet *s = &x->refused;
    struct refused_ctx rc = { x, 0 };
    enum sr_status st;
    long total;

    if (!sheet_add(x, s, sr_xl_tx(x, SR_XT_SHEET_REFUSED), true))
        return report(x, d);
    sr_xl_headers(x, s, 0, hdr, 5);
    sr_xl_freeze(x, s, 0, 0);
    s->row++;
    if (!rj) {
        sr_xl_autofilter(x, s, s->ws, 0, 0, 5);
        return SR_OK;
    }
    st = sr_rejects_foreach(rj, refused_row, &rc, d);
    if (st != SR_OK)
        return st;
    sr_xl_autofilter(x, s, s->ws, 0, s->row - 1, 5);
    total = sr_rejects_rows(rj);
    if (rc.written < total && !x->failed) {
        char num[32];

        snprintf(num, sizeof(num), "%ld", total - rc.written);
        sr_xl_fill(&x->aux, sr_xl_tx(x, SR_XT_REF_MORE), num);
        sr_xl_wide(x, s, 0, x->aux.buf, x->f[SR_XL_NOTE]);
        s->row++;
    }
    return SR_OK;
}

/* --- finish -------------------------------------------------------------- */

/* A workbook with records off, or rendered from merged states, lists no
 * form: 意见分类 says why it lists no comment while the model counts some. */
static void comments_missing(struct sr_xlsx *x, const struct sr_model *m)
{
    struct sr_xl_sheet *s = &x->comments.s;
    double n;

    if (!x->comments.on || x->comments.rows || x->failed ||
        !sr_model_get(m, "all", NULL, "comments", "count", &n, NULL) || n <= 0)
        return;
    sr_xl_wide(x, s, 0,
               sr_xl_tx(x, x->ri->merged ? SR_XT_COMMENTS_NOT_LISTED
                                         : SR_XT_COMMENTS_NO_RECORDS),
               x->f[SR_XL_NOTE]);
    s->row++;
    s->bytes += ROW_XML;
}

/* 机密 and 绝密 sheets are protected against editing; filtering, sorting
 * and resizing stay possible.  The password comes from the environment
 * (SATREPORT_XLSX_PASSWORD) and never reaches the workbook itself: Excel
 * keeps only its legacy 16-bit hash. */
static void protect(struct sr_xlsx *x)
{
    const char *conf = SR_XL_CFG(x, confidentiality);
    const char *pw = getenv("SATREPORT_XLSX_PASSWORD");
    lxw_protection opt;
    size_t i;

    if (strcmp(conf, "机密") && strcmp(conf, "绝密"))
        return;
    if (pw && !*pw)
        pw = NULL;
    memset(&opt, 0, sizeof(opt));
    opt.autofilter = LXW_TRUE;
    opt.sort = LXW_TRUE;
    opt.format_columns = LXW_TRUE;
    opt.format_rows = LXW_TRUE;
    for (i = 0; i < x->nall; i++)
        worksheet_protect(x->all[i], pw, &opt);
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
    sr_xl_write_summary(x, m);
    sr_xl_write_customers(x, m);
    if (x->archive)
        sr_xl_write_followup(x);
    sr_xl_write_items(x, m);
    sr_xl_write_compare(x, m);
    if (x->previous)
        sr_xl_write_yoy(x, m);
    comments_missing(x, m);
    stream_finish(x, &x->comments);
    stream_finish(x, &x->rec);
    st = write_refused(x, rj, d);
    if (st != SR_OK)
        return st;
    if (sheet_add(x, &x->notes, sr_xl_tx(x, SR_XT_SHEET_NOTES), false))
        sr_xl_write_notes(x, m);
    sheet_widths(x, &x->summary, x->summary.ws, SR_XL_WIDTH_MAX);
    sheet_widths(x, &x->customers, x->customers.ws, SR_XL_WIDTH_MAX);
    if (x->archive)
        sheet_widths(x, &x->followup, x->followup.ws, SR_XL_WIDTH_MAX);
    sheet_widths(x, &x->items, x->items.ws, SR_XL_WIDTH_MAX);
    sheet_widths(x, &x->compare, x->compare.ws, SR_XL_WIDTH_MAX);
    if (x->previous)
        sheet_widths(x, &x->yoy, x->yoy.ws, SR_XL_WIDTH_MAX);
    sheet_widths(x, &x->refused, x->refused.ws, SR_XL_WIDTH_MAX);
    protect(x);
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
        for (i = 0; i < x->nall; i++)
            close_tmpfile(x->all[i]);
        lxw_workbook_free(x->wb);
        remove(x->path);
    }
    sheet_release(&x->summary);
    sheet_release(&x->customers);
    sheet_release(&x->followup);
    sheet_release(&x->items);
    sheet_release(&x->compare);
    sheet_release(&x->yoy);
    sheet_release(&x->refused);
    sheet_release(&x->notes);
    sheet_release(&x->comments.s);
    sheet_release(&x->rec.s);
    free(x->comments.parts);
    free(x->rec.parts);
    free(x->all);
    sr_buf_release(&x->header);
    sr_buf_release(&x->footer);
    sr_buf_release(&x->text_buf);
    sr_buf_release(&x->aux);
    sr_buf_release(&x->aux2);
    free(x->path);
    free(x);
}

bool sr_xlsx_lists_forms(const struct sr_xlsx *x)
{
    return x && x->records && !x->failed;
}
