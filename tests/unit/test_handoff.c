/* SPDX-License-Identifier: MIT */
/*
 * test_handoff.c - records handed to a second thread (core/handoff.h): in
 * order, whole, with their context and file; the consumer's first error
 * stops it and is reported once; the thread is ready again after a wait.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/core/handoff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 5000

/* Only the counts of a template matter to the copies. */
static void fake_template(struct sr_template *t)
{
    memset(t, 0, sizeof(*t));
    t->nfields = 2;
    t->nitems = 3;
    t->nchoices = 1;
    t->ncomments = 1;
}

/* What the consumer saw, read by the test after a wait. */
struct seen {
    long n;
    long bad;       /* records that were not what was added */
    long fail_at;   /* fail on this record number (line), or -1 */
    long after_err; /* records seen after the failing one */
    bool failed;
    const char *file[2];
};

static struct seen seen;

static enum sr_status consume(void *ctx, struct sr_record *r, struct sr_diag *d)
{
    long k = r->raw->line;
    char want[32];
    long c = (long)(intptr_t)ctx;

    if (seen.failed)
        seen.after_err++;
    snprintf(want, sizeof(want), "F%06ld", k);
    if (k != seen.n || !r->fields || strcmp(r->fields[0], want) ||
        r->scores[1] != (int32_t)(k % 5) || r->choices[0] != (uint64_t)k ||
        c != k / 1000 || strcmp(r->raw->file, seen.file[c % 2]) ||
        (k % 2 ? !r->comments[0] : r->comments[0] != NULL))
        seen.bad++;
    /* the consumer may change its copy (the classifier does) */
    r->categories = 1;
    seen.n++;
    if (k == seen.fail_at) {
        seen.failed = true;
        return sr_diag_set(d, SR_ERR_CONFIG, "rules", 7, "runaway rule");
    }
    return SR_OK;
}

static void add_range(struct sr_handoff *h, long from, long to,
                      enum sr_status *first)
{
    struct sr_rawform raw = { 0 };
    struct sr_record r = { 0 };
    const char *fields[2];
    int32_t scores[3];
    uint64_t choices[1];
    const char *comments[1];
    char id[32];
    struct sr_diag d;
    long k;

    *first = SR_OK;
    for (k = from; k < to; k++) {
        snprintf(id, sizeof(id), "F%06ld", k);
        fields[0] = id;
        fields[1] = NULL;
        scores[0] = 1;
        scores[1] = (int32_t)(k % 5);
        scores[2] = SR_MISSING;
        choices[0] = (uint64_t)k;
        comments[0] = k % 2 ? "意见" : NULL;
        raw.line = k;
        r.raw = &raw;
        r.fields = fields;
        r.scores = scores;
        r.choices = choices;
        r.comments = comments;
        /* the context changes every 1000 records, the file with it */
        if (sr_handoff_add(h, &r, (void *)(intptr_t)(k / 1000),
                           seen.file[(k / 1000) % 2], &d) != SR_OK) {
            *first = d.code;
            return;
        }
    }
}

static void test_order(void **state)
{
    struct sr_template t;
    struct sr_handoff *h;
    struct sr_diag d;
    enum sr_status s;

    (void)state;
    fake_template(&t);
    memset(&seen, 0, sizeof(seen));
    seen.fail_at = -1;
    seen.file[0] = "a.csv";
    seen.file[1] = "b.csv";
    h = sr_handoff_start(&t, NULL, consume);
    add_range(h, 0, N, &s);
    assert_int_equal(s, SR_OK);
    assert_int_equal(sr_handoff_wait(h, &d), SR_OK);
    assert_int_equal(seen.n, N);
    assert_int_equal(seen.bad, 0);
    /* again after a wait, and an empty wait */
    assert_int_equal(sr_handoff_wait(h, &d), SR_OK);
    add_range(h, N, N + 10, &s);
    sr_handoff_stop(h); /* waits for the last records */
    assert_int_equal(seen.n, N + 10);
    assert_int_equal(seen.bad, 0);
}

static void test_error(void **state)
{
    struct sr_template t;
    struct sr_handoff *h;
    struct sr_diag d;
    enum sr_status s;

    (void)state;
    fake_template(&t);
    memset(&seen, 0, sizeof(seen));
    seen.fail_at = 1234;
    seen.file[0] = "a.csv";
    seen.file[1] = "b.csv";
    h = sr_handoff_start(&t, NULL, consume);
    add_range(h, 0, N, &s);
    /* the producer hears of it at a later batch (or at the wait) */
    memset(&d, 0, sizeof(d));
    assert_int_equal(sr_handoff_wait(h, &d), SR_ERR_CONFIG);
    assert_int_equal(d.line, 7);
    assert_non_null(strstr(d.msg, "runaway rule"));
    assert_int_equal(seen.after_err, 0); /* nothing consumed after it */
    assert_int_equal(seen.n, 1235);
    assert_true(s == SR_OK || s == SR_ERR_CONFIG);
    /* reported once; the thread works again */
    assert_int_equal(sr_handoff_wait(h, &d), SR_OK);
    seen.failed = false;
    seen.n = 3000;
    add_range(h, 3000, 3100, &s);
    assert_int_equal(s, SR_OK);
    assert_int_equal(sr_handoff_wait(h, &d), SR_OK);
    assert_int_equal(seen.n, 3100);
    assert_int_equal(seen.bad, 0);
    sr_handoff_stop(h);
    sr_handoff_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
