/* SPDX-License-Identifier: MIT */
/*
 * test_csvout.c - unit tests of csvout.c: BOM, RFC 4180 quoting, the '
 * before formula-like text, and shortest round-trip numbers
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/csvout.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A writer on a memory stream. */
struct sink {
    FILE *fp;
    char *buf;
    size_t len;
    struct sr_csvout w;
};

static void sink_open(struct sink *s)
{
    s->buf = NULL;
    s->len = 0;
    s->fp = open_memstream(&s->buf, &s->len);
    assert_non_null(s->fp);
    sr_csvout_init(&s->w, s->fp);
}

/* Close the stream and check what it holds, after the BOM. */
static void sink_check(struct sink *s, const char *want)
{
    assert_int_equal(fclose(s->fp), 0);
    assert_true(s->len >= 3);
    assert_memory_equal(s->buf, "\xEF\xBB\xBF", 3);
    assert_string_equal(s->buf + 3, want);
    free(s->buf);
}

static void test_bom(void **state)
{
    struct sink s;

    (void)state;
    sink_open(&s);
    sink_check(&s, "");
}

static void test_text(void **state)
{
    struct sink s;

    (void)state;
    sink_open(&s);
    sr_csvout_text(&s.w, "plain");
    sr_csvout_text(&s.w, "a,b");
    sr_csvout_text(&s.w, "say \"hi\"");
    sr_csvout_text(&s.w, "two\nlines");
    sr_csvout_text(&s.w, "cr\r");
    sr_csvout_text(&s.w, "");
    sr_csvout_text(&s.w, NULL);
    sr_csvout_text(&s.w, "华东 客户");
    sr_csvout_endrow(&s.w);
    sink_check(&s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",,,"
                   "华东 客户\n");
}

static void test_formula_prefix(void **state)
{
    struct sink s;

    (void)state;
    sink_open(&s);
    sr_csvout_text(&s.w, "=SUM(A1)");
    sr_csvout_text(&s.w, "+1");
    sr_csvout_text(&s.w, "-2");
    sr_csvout_text(&s.w, "@cmd");
    sr_csvout_text(&s.w, "=a,\"b\"");
    sr_csvout_text(&s.w, "a=b");
    sr_csvout_endrow(&s.w);
    /* numbers are numbers, negative ones included */
    sr_csvout_double(&s.w, -2.5);
    sr_csvout_long(&s.w, -7);
    sr_csvout_endrow(&s.w);
    sink_check(&s, "'=SUM(A1),'+1,'-2,'@cmd,\"'=a,\"\"b\"\"\",a=b\n"
                   "-2.5,-7\n");
}

static void test_rows(void **state)
{
    struct sink s;

    (void)state;
    sink_open(&s);
    sr_csvout_empty(&s.w);
    sr_csvout_empty(&s.w);
    sr_csvout_empty(&s.w);
    sr_csvout_endrow(&s.w);
    sr_csvout_long(&s.w, 0);
    sr_csvout_endrow(&s.w);
    sr_csvout_endrow(&s.w);
    sr_csvout_long(&s.w, 1234567890L);
    sr_csvout_double(&s.w, 0.5);
    sr_csvout_endrow(&s.w);
    sink_check(&s, ",,\n0\n\n1234567890,0.5\n");
}

static void expect_format(double v, const char *want)
{
    char out[40];

    sr_format_double(out, sizeof(out), v);
    assert_string_equal(out, want);
}

static void test_format_double(void **state)
{
    (void)state;
    expect_format(0, "0");
    expect_format(-0.0, "0");
    expect_format(100, "100");
    expect_format(-100, "-100");
    expect_format(1e16, "10000000000000000");
    expect_format(123456789012345678.0, "1.2345678901234568e+17");
    expect_format(1e20, "1e+20");
    expect_format(0.1, "0.1");
    expect_format(-22.857142857142858, "-22.857142857142858");
    expect_format(1.0 / 3, "0.3333333333333333");
    expect_format(0.1 + 0.2, "0.30000000000000004");
    expect_format(2.0 / 3, "0.6666666666666666");
    expect_format(1e-7, "1e-07");
    expect_format(DBL_MAX, "1.7976931348623157e+308");
    expect_format(DBL_MIN, "2.2250738585072014e-308");
    expect_format(4.9406564584124654e-324, "4.94065645841247e-324");
    expect_format(58.33552631578948, "58.33552631578948");
}

/* Random doubles (any finite bit pattern, and figure-like ones) read back
 * exactly, in the fewest of 15, 16 or 17 significant digits. */
static void test_round_trip(void **state)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    char out[40];
    char shorter[40];
    double v;
    int i;
    int p;

    (void)state;
    for (i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(&v, &x, sizeof(v));
        if (!isfinite(v))
            continue;
        if (i % 2)
            v = (double)(x % 1000000) / 1000; /* figures look like this */
        sr_format_double(out, sizeof(out), v);
        assert_true(strtod(out, NULL) == v);
        /* the first of %.15g, %.16g, %.17g that reads back (integers
         * print plain instead) */
        if (v != trunc(v)) {
            for (p = 15; p < 17; p++) {
                snprintf(shorter, sizeof(shorter), "%.*g", p, v);
                if (strtod(shorter, NULL) == v)
                    break;
            }
            if (p == 17)
                snprintf(shorter, sizeof(shorter), "%.17g", v);
            assert_string_equal(out, shorter);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_formula_prefix),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
