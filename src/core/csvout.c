/* SPDX-License-Identifier: MIT */
/*
 * csvout.c - write CSV cells the way FORMATS.md §4 wants them
 *
 * Input: cells, one call each; output: bytes on a borrowed FILE.  Owns
 * nothing.  Write errors are not reported here: the first one's errno is
 * kept in w->err at the end of its row, and the caller passes it to
 * sr_stream_close() at the end.
 */
#include "csvout.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Integer-valued doubles below this print as plain digits (%.0f): they are
 * exact there and %.17g would switch to an exponent from 1e17 on. */
#define PLAIN_INTEGER_LIMIT 1e17

void sr_csvout_init(struct sr_csvout *w, FILE *fp)
{
    static const char bom[] = "\xEF\xBB\xBF";

    w->fp = fp;
    w->first = true;
    w->err = 0;
    fputs(bom, fp);
}

/* the separator before every cell but the first of a row */
static void begin_cell(struct sr_csvout *w)
{
    if (!w->first)
        putc(',', w->fp);
    w->first = false;
}

static bool needs_quotes(const char *s)
{
    return s[strcspn(s, ",\"\r\n")] != '\0';
}

/* A text cell that a spreadsheet would take for a formula. */
static bool looks_like_formula(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
}

void sr_csvout_text(struct sr_csvout *w, const char *s)
{
    bool quote;
    const char *p;

    begin_cell(w);
    if (!s)
        return;
    quote = needs_quotes(s);
    if (quote)
        putc('"', w->fp);
    if (looks_like_formula(s))
        putc('\'', w->fp);
    for (p = s; *p; p++) {
        if (*p == '"')
            putc('"', w->fp);
        putc(*p, w->fp);
    }
    if (quote)
        putc('"', w->fp);
}

void sr_csvout_long(struct sr_csvout *w, long v)
{
    begin_cell(w);
    fprintf(w->fp, "%ld", v);
}

void sr_format_double(char *out, size_t n, double v)
{
    static const int precisions[] = { 15, 16, 17 };
    size_t i;

    assert(n >= 32);
    if (!isfinite(v)) {
        /* never written to a CSV (sr_csvout_double() refuses it) */
        snprintf(out, n, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
        return;
    }
    if (v == 0) {
        snprintf(out, n, "0"); /* also for -0 */
        return;
    }
    if (v == trunc(v) && fabs(v) < PLAIN_INTEGER_LIMIT) {
        snprintf(out, n, "%.0f", v);
        return;
    }
    for (i = 0; i < sizeof(precisions) / sizeof(precisions[0]); i++) {
        snprintf(out, n, "%.*g", precisions[i], v);
        if (strtod(out, NULL) == v)
            return;
    }
    /* %.17g always reads back; the loop returned from its last turn */
    assert(0);
}

void sr_csvout_double(struct sr_csvout *w, double v)
{
    char num[40];

    assert(isfinite(v));
    if (!isfinite(v)) {
        sr_csvout_empty(w);
        return;
    }
    sr_format_double(num, sizeof(num), v);
    begin_cell(w);
    fputs(num, w->fp);
}

void sr_csvout_empty(struct sr_csvout *w)
{
    begin_cell(w);
}

void sr_csvout_endrow(struct sr_csvout *w)
{
    putc('\n', w->fp);
    w->first = true;
    /* the failed write's errno, before later calls overwrite it */
    if (w->err == 0 && ferror(w->fp))
        w->err = errno ? errno : EIO;
}
