/* SPDX-License-Identifier: MIT */
/*
 * csvout.h - write CSV the way FORMATS.md §4 wants it
 *
 * UTF-8 with a BOM, RFC 4180 quoting (CRLF is not used: LF line ends),
 * text cells beginning with = + - @ get a leading ' (formula injection);
 * numbers are written as numbers, shortest round-trip form.
 */
#ifndef SR_CSVOUT_H
#define SR_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

struct sr_csvout {
    FILE *fp;
    bool first; /* no cell yet on this row */
    int err;    /* errno of the first failed write (seen at a row's end) */
};

/** Start writing to @fp (not owned): writes the BOM. */
void sr_csvout_init(struct sr_csvout *w, FILE *fp);
void sr_csvout_text(struct sr_csvout *w, const char *s);
void sr_csvout_long(struct sr_csvout *w, long v);
/** A double at full precision (shortest form that reads back the same). */
void sr_csvout_double(struct sr_csvout *w, double v);
/** An empty cell. */
void sr_csvout_empty(struct sr_csvout *w);
void sr_csvout_endrow(struct sr_csvout *w);

/** Format @v as the shortest decimal that strtod() reads back to @v. */
void sr_format_double(char *out, size_t n, double v);

#endif /* SR_CSVOUT_H */
