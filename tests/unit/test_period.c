/* SPDX-License-Identifier: MIT */
/*
 * test_period.c - unit tests of core/period.c: absolute and relative
 * periods, their names, the period before, {period} placeholders and
 * their use on a pipeline's values
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/mem.h"
#include "../../src/core/period.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 2026-08-15T12:00:00Z */
#define AUG15 ((time_t)1786795200)
/* 2026-01-01T00:30:00+08:00 = 2025-12-31T16:30:00Z */
#define NEWYEAR_CST ((time_t)1767198600)

static int set_utc(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    return 0;
}

static void resolve_ok(const char *spec, time_t ref, enum sr_period_kind kind,
                       int from, int to, const char *text, const char *label)
{
    struct sr_period p;
    struct sr_diag d;

    sr_diag_clear(&d);
    assert_int_equal(sr_period_resolve(spec, ref, &p, &d), SR_OK);
    assert_int_equal(p.kind, kind);
    assert_int_equal(p.from, from);
    assert_int_equal(p.to, to);
    assert_string_equal(p.text, text);
    assert_string_equal(p.label, label);
}

static void test_absolute(void **state)
{
    (void)state;
    resolve_ok("2026", AUG15, SR_PERIOD_YEAR, 20260101, 20261231, "2026",
               "2026");
    resolve_ok("2026-Q3", AUG15, SR_PERIOD_QUARTER, 20260701, 20260930,
               "2026-Q3", "2026-Q3");
    resolve_ok("2026-q1", AUG15, SR_PERIOD_QUARTER, 20260101, 20260331,
               "2026-Q1", "2026-Q1");
    resolve_ok("2024-02", AUG15, SR_PERIOD_MONTH, 20240201, 20240229, "2024-02",
               "2024-02");
    resolve_ok("2026-03-05..2026-04-10", AUG15, SR_PERIOD_RANGE, 20260305,
               20260410, "2026-03-05..2026-04-10", "2026-03-05_2026-04-10");
    resolve_ok("..2026-04-10", AUG15, SR_PERIOD_RANGE, 0, 20260410,
               "..2026-04-10", "_2026-04-10");
    resolve_ok("2026-03-05..", AUG15, SR_PERIOD_RANGE, 20260305, 0,
               "2026-03-05..", "2026-03-05_");
}

/* a range that is exactly a year, quarter or month is named so */
static void test_range_named(void **state)
{
    struct sr_period p;

    (void)state;
    resolve_ok("2026-01-01..2026-12-31", AUG15, SR_PERIOD_YEAR, 20260101,
               20261231, "2026", "2026");
    resolve_ok("2026-04-01..2026-06-30", AUG15, SR_PERIOD_QUARTER, 20260401,
               20260630, "2026-Q2", "2026-Q2");
    resolve_ok("2028-02-01..2028-02-29", AUG15, SR_PERIOD_MONTH, 20280201,
               20280229, "2028-02", "2028-02");
    /* two months, or a quarter that starts off its boundary: a range */
    assert_int_equal(
        sr_period_resolve("2026-02-01..2026-04-30", AUG15, &p, NULL), SR_OK);
    assert_int_equal(p.kind, SR_PERIOD_RANGE);
    assert_int_equal(
        sr_period_resolve("2026-01-01..2026-12-30", AUG15, &p, NULL), SR_OK);
    assert_int_equal(p.kind, SR_PERIOD_RANGE);
}

static void test_relative(void **state)
{
    (void)state;
    resolve_ok("last-year", AUG15, SR_PERIOD_YEAR, 20250101, 20251231, "2025",
               "2025");
    resolve_ok("last-quarter", AUG15, SR_PERIOD_QUARTER, 20260401, 20260630,
               "2026-Q2", "2026-Q2");
    resolve_ok("last-month", AUG15, SR_PERIOD_MONTH, 20260701, 20260731,
               "2026-07", "2026-07");
}

/* in January, the quarter and month before are last year's */
static void test_relative_january(void **state)
{
    time_t jan10 = (time_t)1799539200; /* 2027-01-10T00:00:00Z */

    (void)state;
    resolve_ok("last-quarter", jan10, SR_PERIOD_QUARTER, 20261001, 20261231,
               "2026-Q4", "2026-Q4");
    resolve_ok("last-month", jan10, SR_PERIOD_MONTH, 20261201, 20261231,
               "2026-12", "2026-12");
    resolve_ok("last-year", jan10, SR_PERIOD_YEAR, 20260101, 20261231, "2026",
               "2026");
}

/* the reference date is the local one: 00:30 on New Year's Day in Beijing
 * is still the old year in UTC */
static void test_relative_local_date(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    resolve_ok("last-year", NEWYEAR_CST, SR_PERIOD_YEAR, 20250101, 20251231,
               "2025", "2025");
    setenv("TZ", "UTC", 1);
    tzset();
    resolve_ok("last-year", NEWYEAR_CST, SR_PERIOD_YEAR, 20240101, 20241231,
               "2024", "2024");
}

static void test_bad(void **state)
{
    static const char *const bad[] = {
        "",          "20",           "2026-13",
        "2026-Q5",   "2026-Q0",      "last-week",
        "Last-Year", "2026-02-30..", "2026-06-01..2026-05-01",
        "2026-1",    "abcd",         "2026-07-01..2026-07-01x",
        NULL,
    };
    struct sr_period p;
    struct sr_diag d;
    size_t i;

    (void)state;
    for (i = 0; bad[i]; i++) {
        sr_diag_clear(&d);
        assert_int_equal(sr_period_resolve(bad[i], AUG15, &p, &d),
                         SR_ERR_CONFIG);
        assert_non_null(strstr(d.msg, "bad period"));
        assert_non_null(strstr(d.msg, "last-quarter"));
    }
}

static void test_parse_rel_uses_source_date_epoch(void **state)
{
    int from = 0;
    int to = 0;

    (void)state;
    setenv("SOURCE_DATE_EPOCH", "1786795200", 1);
    assert_int_equal(sr_period_now(), AUG15);
    assert_true(sr_period_parse_rel("last-quarter", &from, &to));
    assert_int_equal(from, 20260401);
    assert_int_equal(to, 20260630);
    assert_true(sr_period_parse_rel("2025-Q4", &from, &to));
    assert_int_equal(from, 20251001);
    assert_false(sr_period_parse_rel("next-year", &from, &to));
    /* a bad SOURCE_DATE_EPOCH falls back to the clock */
    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    assert_true(sr_period_now() > AUG15 - 400L * 86400 * 365);
    unsetenv("SOURCE_DATE_EPOCH");
}

static void test_prev(void **state)
{
    struct sr_period p;
    struct sr_period q;

    (void)state;
    assert_int_equal(sr_period_resolve("2026", AUG15, &p, NULL), SR_OK);
    assert_true(sr_period_prev(&p, &q));
    assert_string_equal(q.label, "2025");
    assert_int_equal(sr_period_resolve("2026-Q1", AUG15, &p, NULL), SR_OK);
    assert_true(sr_period_prev(&p, &q));
    assert_string_equal(q.label, "2025-Q4");
    assert_int_equal(q.from, 20251001);
    assert_int_equal(sr_period_resolve("2026-01", AUG15, &p, NULL), SR_OK);
    assert_true(sr_period_prev(&p, &q));
    assert_string_equal(q.label, "2025-12");
    assert_int_equal(sr_period_resolve("2026-03", AUG15, &p, NULL), SR_OK);
    assert_true(sr_period_prev(&p, &q));
    assert_int_equal(q.to, 20260228);
    assert_int_equal(
        sr_period_resolve("2026-01-05..2026-01-09", AUG15, &p, NULL), SR_OK);
    assert_false(sr_period_prev(&p, &q));
}

static void subst_ok(const char *spec, const char *s, const char *want)
{
    struct sr_period p;
    struct sr_diag d;
    char *out;

    sr_diag_clear(&d);
    assert_int_equal(sr_period_resolve(spec, AUG15, &p, &d), SR_OK);
    assert_int_equal(sr_period_subst(s, &p, &out, &d), SR_OK);
    assert_string_equal(out, want);
    free(out);
}

static void subst_bad(const char *spec, const char *s, const char *msg)
{
    struct sr_period p;
    struct sr_diag d;
    char *out = (char *)1;

    sr_diag_clear(&d);
    if (spec)
        assert_int_equal(sr_period_resolve(spec, AUG15, &p, &d), SR_OK);
    assert_int_equal(sr_period_subst(s, spec ? &p : NULL, &out, &d),
                     SR_ERR_CONFIG);
    assert_null(out);
    assert_non_null(strstr(d.msg, msg));
}

static void test_subst(void **state)
{
    (void)state;
    subst_ok("last-quarter", "../output/quarterly-{period}",
             "../output/quarterly-2026-Q2");
    subst_ok("2026-Q3", "{year}年第{quarter}季度", "2026年第3季度");
    subst_ok("2026-07", "{year}-{month}: {from}..{to}",
             "2026-07: 2026-07-01..2026-07-31");
    subst_ok("2026", "annual-{prev_period}/stats.csv", "annual-2025/stats.csv");
    subst_ok("2026-Q1", "q-{prev_period}", "q-2025-Q4");
    subst_ok("2026-03-05..2026-04-10", "r-{period}", "r-2026-03-05_2026-04-10");
    subst_ok("2026", "no placeholder", "no placeholder");
    subst_ok("2026", "a lone { brace", "a lone { brace");
    subst_ok("2026", "", "");
    subst_bad("2026", "x-{perod}", "unknown placeholder '{perod}'");
    subst_bad("2026", "{quarter}", "'{quarter}' needs a quarter");
    subst_bad("2026-Q1", "{month}", "'{month}' needs a month");
    subst_bad("2026-03-05..2026-04-10", "{prev_period}", "not the range");
    subst_bad("..2026-04-10", "{from}", "needs a closed period");
    subst_bad(NULL, "out-{period}", "needs a period");
}

static struct sr_config *config(const char *period)
{
    struct sr_config *c = xcalloc(1, sizeof(*c));

    c->path = xstrdup("pipelines/q.ini");
    c->period = period ? xstrdup(period) : NULL;
    c->name = xstrdup("quarterly-{period}");
    c->title = xstrdup("{year}年第{quarter}季度顾客满意度调查分析报告");
    c->organization = xstrdup("某某公司");
    c->prepared_by = xstrdup("");
    c->form = xstrdup("templates/forms/csat.xml");
    c->previous = xstrdup("output/quarterly-{prev_period}/stats.csv");
    c->out_dir = xstrdup("output/quarterly-{period}");
    c->files = xcalloc(2, sizeof(*c->files));
    c->files[0] = xstrdup("input/{year}/*.csv");
    c->files[1] = xstrdup("input/extra.csv");
    c->nfiles = 2;
    return c;
}

static void test_apply(void **state)
{
    struct sr_config *c = config("last-quarter");
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_period_apply(c, AUG15, &d), SR_OK);
    assert_string_equal(c->period, "2026-Q2");
    assert_int_equal(c->period_from, 20260401);
    assert_int_equal(c->period_to, 20260630);
    assert_string_equal(c->name, "quarterly-2026-Q2");
    assert_string_equal(c->title, "2026年第2季度顾客满意度调查分析报告");
    assert_string_equal(c->organization, "某某公司");
    assert_string_equal(c->previous, "output/quarterly-2026-Q1/stats.csv");
    assert_string_equal(c->out_dir, "output/quarterly-2026-Q2");
    assert_string_equal(c->files[0], "input/2026/*.csv");
    assert_string_equal(c->files[1], "input/extra.csv");
    sr_config_free(c);
}

static void test_apply_errors(void **state)
{
    struct sr_config *c = config(NULL);
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_period_apply(c, AUG15, &d), SR_ERR_CONFIG);
    assert_string_equal(d.file, "pipelines/q.ini");
    assert_non_null(strstr(d.msg, "[pipeline] name: placeholder '{period}' "
                                  "needs a period"));
    sr_config_free(c);

    c = config("last-year"); /* the title wants a quarter */
    sr_diag_clear(&d);
    assert_int_equal(sr_period_apply(c, AUG15, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "[report] title"));
    assert_non_null(strstr(d.msg, "'{quarter}' needs a quarter, not '2025'"));
    sr_config_free(c);

    c = config("soon");
    sr_diag_clear(&d);
    assert_int_equal(sr_period_apply(c, AUG15, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "bad period 'soon'"));
    sr_config_free(c);

    /* no period and no placeholder: nothing to do */
    c = xcalloc(1, sizeof(*c));
    c->out_dir = xstrdup("output/x");
    assert_int_equal(sr_period_apply(c, AUG15, NULL), SR_OK);
    assert_string_equal(c->out_dir, "output/x");
    sr_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_absolute, set_utc),
        cmocka_unit_test_setup(test_range_named, set_utc),
        cmocka_unit_test_setup(test_relative, set_utc),
        cmocka_unit_test_setup(test_relative_january, set_utc),
        cmocka_unit_test_setup(test_relative_local_date, set_utc),
        cmocka_unit_test_setup(test_bad, set_utc),
        cmocka_unit_test_setup(test_parse_rel_uses_source_date_epoch, set_utc),
        cmocka_unit_test_setup(test_prev, set_utc),
        cmocka_unit_test_setup(test_subst, set_utc),
        cmocka_unit_test_setup(test_apply, set_utc),
        cmocka_unit_test_setup(test_apply_errors, set_utc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
