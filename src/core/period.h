/* SPDX-License-Identifier: MIT */
/*
 * period.h - survey periods: absolute and relative forms, {period} in names
 *
 * A period is what `[pipeline] period` and `--period` accept:
 *
 *   2026                     the calendar year
 *   2026-Q3                  a quarter (q3 too)
 *   2026-07                  a month
 *   2026-01-01..2026-06-30   a range of dates (either end may be empty)
 *   last-year                the calendar year before the reference date's
 *   last-quarter             the quarter before the reference date's
 *   last-month               the month before the reference date's
 *
 * The reference date is the local calendar date (TZ) of SOURCE_DATE_EPOCH
 * when it is set, else of the clock (sr_period_now()): a scheduler that
 * runs `--period last-quarter` on 2026-07-02 analyses 2026-Q2.
 *
 * A range that covers exactly a year, quarter or month is that year,
 * quarter or month (so {prev_period} works for it).
 *
 * Pipeline values may name the period (sr_period_subst()):
 *
 *   {period}       2026, 2026-Q3, 2026-07 or 2026-01-01_2026-06-30
 *   {prev_period}  the period just before (years, quarters, months only)
 *   {year}         2026 (the year the period starts in)
 *   {quarter}      3 (quarters only)
 *   {month}        07 (months only)
 *   {from} {to}    2026-07-01, 2026-09-30 (closed ends only)
 *
 * @code
 *   [pipeline]
 *   name   = quarterly-{period}
 *   period = last-quarter
 *   [analysis]
 *   previous = ../output/quarterly-{prev_period}/stats.csv
 *   [output]
 *   dir = ../output/quarterly-{period}
 * @endcode
 */
#ifndef SR_PERIOD_H
#define SR_PERIOD_H

#include "config.h"
#include "status.h"

#include <stdbool.h>
#include <time.h>

enum sr_period_kind {
    SR_PERIOD_RANGE = 0, /* from..to, either end may be open (0) */
    SR_PERIOD_YEAR,
    SR_PERIOD_QUARTER,
    SR_PERIOD_MONTH
};

/**
 * A resolved period.  Invariants: from <= to when both are set; for YEAR,
 * QUARTER and MONTH both are set and year (and quarter or month) say which.
 */
struct sr_period {
    enum sr_period_kind kind;
    int from;      /* yyyymmdd, 0 = open */
    int to;        /* yyyymmdd, 0 = open */
    int year;      /* YEAR, QUARTER, MONTH: the year; RANGE: from's year or 0 */
    int quarter;   /* 1..4 for QUARTER, else 0 */
    int month;     /* 1..12 for MONTH, else 0 */
    char text[40]; /* for people: 2026, 2026-Q3, 2026-07, FROM..TO */
    char label[40]; /* for names and paths: text with ".." as "_" */
};

/** The reference time: SOURCE_DATE_EPOCH if set and valid, else now. */
time_t sr_period_now(void);

/**
 * Resolve @spec (any form above) against the local date of @ref into *out.
 * Returns SR_OK, or SR_ERR_CONFIG with "bad period '...' (want ...)" in @d.
 */
enum sr_status sr_period_resolve(const char *spec, time_t ref,
                                 struct sr_period *out, struct sr_diag *d);

/**
 * Drop-in replacement of sr_period_parse() that also takes the relative
 * forms, resolved against sr_period_now().  False if @spec is malformed.
 */
bool sr_period_parse_rel(const char *spec, int *from, int *to);

/**
 * The period just before @p, of the same kind (2026 -> 2025, 2026-Q1 ->
 * 2025-Q4, 2026-01 -> 2025-12).  False (and *out untouched) for a range.
 */
bool sr_period_prev(const struct sr_period *p, struct sr_period *out);

/**
 * Replace the placeholders of @s with the parts of @p (NULL: no period).
 * *out is a new string the caller frees (also when nothing changed).
 * Errors (SR_ERR_CONFIG, *out NULL): an unknown placeholder ("unknown
 * placeholder '{perod}'"), a placeholder the period cannot fill ("{quarter}"
 * of a month), any placeholder without a period.
 */
enum sr_status sr_period_subst(const char *s, const struct sr_period *p,
                               char **out, struct sr_diag *d);

/**
 * Resolve @c->period against @ref and fill the placeholders of the
 * pipeline's names and paths: name, title, organization, prepared_by, form,
 * files, customers, rules, previous, report template and output dir.
 * Sets period_from/period_to and replaces c->period with the resolved text
 * (last-quarter -> 2026-Q2).  Call it after --period has replaced
 * c->period.  Errors: SR_ERR_CONFIG with the pipeline file and the key in
 * @d; @c is then partly substituted (the run stops anyway).
 */
enum sr_status sr_period_apply(struct sr_config *c, time_t ref,
                               struct sr_diag *d);

#endif /* SR_PERIOD_H */
