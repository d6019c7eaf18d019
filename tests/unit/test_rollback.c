/* SPDX-License-Identifier: MIT */
/*
 * test_rollback.c - what a file refused whole takes back, and the segment
 * value limit (docs/hardening.md)
 *
 * sr_check_mark()/sr_check_rollback(): the form ids a file first saw are
 * forgotten, those seen before it are kept, whatever the set did in
 * between (it grows).  SR_STATS_MAX_SEGVALS: a segment group keeps that
 * many values; forms with later ones are counted but not broken down, and
 * merges and states keep to it.  sr_reader_badtext(): the undecodable
 * forms a run counts to refuse a file whole.  Forms go through the real
 * checker on the shipped template.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/check/check.h"
#include "../../src/check/rejects.h"
#include "../../src/core/template.h"
#include "../../src/read/reader.h"
#include "../../src/stats/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CSAT "templates/forms/csat.xml"

struct env {
    struct sr_template *t;
    struct sr_checker *ck;
    struct sr_rejects *rj;
    char rjpath[64];
    const char **values;
    char id[32];
    char region[32];
};

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof(*e));
    struct sr_diag d;
    int fd;

    assert_int_equal(sr_template_load(CSAT, &e->t, &d), SR_OK);
    assert_int_equal(sr_check_open(&e->ck, e->t, 0, 0, &d), SR_OK);
    snprintf(e->rjpath, sizeof(e->rjpath), "/tmp/test_rollback_XXXXXX");
    fd = mkstemp(e->rjpath);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sr_rejects_open(&e->rj, e->rjpath, &d), SR_OK);
    e->values = calloc(e->t->nslots, sizeof(*e->values));
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    struct sr_diag d;

    sr_rejects_close(e->rj, &d);
    sr_rejects_free(e->rj);
    remove(e->rjpath);
    sr_check_free(e->ck);
    sr_template_free(e->t);
    free(e->values);
    free(e);
    return 0;
}

static void set(struct env *e, const char *slot, const char *v)
{
    int i = sr_template_slot(e->t, slot);

    assert_true(i >= 0);
    e->values[i] = v;
}

/* Check a form with id @id (and segment @region): its verdict. */
static enum sr_verdict form(struct env *e, const char *id, const char *region,
                            struct sr_record *rec)
{
    struct sr_rawform raw;
    struct sr_diag d;

    memset(&raw, 0, sizeof(raw));
    snprintf(e->id, sizeof(e->id), "%s", id);
    snprintf(e->region, sizeof(e->region), "%s", region ? region : "");
    set(e, "form_id", e->id);
    set(e, "customer_id", "KH000001");
    set(e, "survey_date", "2026-03-01");
    set(e, "region", region ? e->region : NULL);
    set(e, "Q1", "4");
    set(e, "overall", "4");
    raw.file = "in.csv";
    raw.line = 2;
    raw.values = e->values;
    raw.nslots = e->t->nslots;
    sr_diag_clear(&d);
    return sr_check_form(e->ck, &raw, rec, e->rj, &d);
}

static void test_ids_taken_back(void **state)
{
    struct env *e = *state;
    struct sr_check_mark m;
    struct sr_record rec;
    char id[32];
    int i;

    assert_int_equal(form(e, "A1", NULL, &rec), SR_ACCEPTED);
    assert_int_equal(form(e, "A2", NULL, &rec), SR_ACCEPTED);
    sr_check_mark(e->ck, &m);
    /* the file: enough ids that the set grows several times */
    for (i = 0; i < 20000; i++) {
        snprintf(id, sizeof(id), "B%d", i);
        assert_int_equal(form(e, id, NULL, &rec), SR_ACCEPTED);
    }
    assert_int_equal(form(e, "B7", NULL, &rec), SR_REFUSED);
    assert_int_equal(form(e, "A1", NULL, &rec), SR_REFUSED);
    sr_check_rollback(e->ck, &m);
    /* its ids are free again, the earlier ones are not */
    assert_int_equal(form(e, "B7", NULL, &rec), SR_ACCEPTED);
    assert_int_equal(form(e, "B19999", NULL, &rec), SR_ACCEPTED);
    assert_int_equal(form(e, "A1", NULL, &rec), SR_REFUSED);
    assert_int_equal(form(e, "A2", NULL, &rec), SR_REFUSED);
    assert_int_equal(form(e, "B7", NULL, &rec), SR_REFUSED);

    /* a rollback with nothing new does nothing; a mark at the start
     * forgets everything */
    sr_check_mark(e->ck, &m);
    sr_check_rollback(e->ck, &m);
    assert_int_equal(form(e, "A1", NULL, &rec), SR_REFUSED);
}

static void test_ids_from_empty(void **state)
{
    struct env *e = *state;
    struct sr_check_mark m;
    struct sr_record rec;

    sr_check_mark(e->ck, &m);
    assert_int_equal(form(e, "C1", NULL, &rec), SR_ACCEPTED);
    sr_check_rollback(e->ck, &m);
    assert_int_equal(form(e, "C1", NULL, &rec), SR_ACCEPTED);
    assert_int_equal(form(e, "C1", NULL, &rec), SR_REFUSED);
}

static void test_segment_cap(void **state)
{
    struct env *e = *state;
    struct sr_stats_opts so;
    struct sr_stats *a;
    struct sr_stats *b;
    struct sr_model *m = NULL;
    struct sr_record rec;
    struct sr_diag d;
    const char *id = NULL;
    char v[32];
    char fid[32];
    size_t g;
    long capped = -2;
    int i;

    memset(&so, 0, sizeof(so));
    so.min_report = 1;
    a = sr_stats_new(e->t, &so);
    b = sr_stats_new(e->t, &so);
    for (i = 0; i < SR_STATS_MAX_SEGVALS + 300; i++) {
        snprintf(v, sizeof(v), "R%d", i);
        snprintf(fid, sizeof(fid), "S%d", i);
        assert_int_equal(form(e, fid, v, &rec), SR_ACCEPTED);
        sr_stats_push(a, &rec);
        sr_stats_push(a, &rec); /* twice: kept values count both */
    }
    for (g = 0;; g++) {
        capped = sr_stats_capped(a, g, &id);
        if (capped < 0 || !strcmp(id, "region"))
            break;
    }
    assert_int_equal(capped, 600);
    assert_int_equal(sr_stats_capped(a, 999, &id), -1);

    /* a merge into an accumulator with its own values keeps to the limit */
    for (i = 0; i < 10; i++) {
        snprintf(v, sizeof(v), "X%d", i);
        snprintf(fid, sizeof(fid), "T%d", i);
        assert_int_equal(form(e, fid, v, &rec), SR_ACCEPTED);
        sr_stats_push(b, &rec);
    }
    sr_stats_merge(b, a);
    assert_int_equal(sr_stats_capped(b, g, &id), 600 + 10 * 2);
    assert_int_equal(sr_stats_model(b, &m, &d), SR_OK);
    assert_int_equal(m->accepted, 0); /* no counts were given */
    sr_model_free(m);
    sr_stats_free(a);
    sr_stats_free(b);
}

/* sr_reader_badtext(): how many forms had bytes the encoding cannot
 * decode, and where the first was (the run refuses a file whole when
 * they are more than half) */
static void test_badtext(void **state)
{
    struct env *e = *state;
    struct sr_read_opts ro;
    struct sr_reader *rd;
    struct sr_reader_badtext bt;
    struct sr_rawform f;
    struct sr_diag d;
    char path[] = "/tmp/test_badtext_XXXXXX";
    FILE *fp;
    int fd = mkstemp(path);
    int n = 0;

    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    /* 张三 and 很好 in GBK, read as UTF-8 */
    fputs("form_id,customer_name,C1\nB1,\xd5\xc5\xc8\xfd,ok\n"
          "B2,ascii,fine\nB3,x,\xba\xdc\xba\xc3\n",
          fp);
    fclose(fp);
    memset(&ro, 0, sizeof(ro));
    ro.encoding = SR_ENC_UTF8;
    assert_int_equal(sr_reader_open(&rd, path, e->t, &ro, &d), SR_OK);
    while (sr_reader_next(rd, &f, &d) == SR_OK)
        n++;
    assert_int_equal(n, 3);
    sr_reader_badtext(rd, &bt);
    assert_int_equal(bt.forms, 2);
    assert_int_equal(bt.line, 2);
    assert_int_equal(bt.col, 4);
    assert_non_null(strstr(bt.msg, "invalid UTF-8 at byte 4 of the row"));
    sr_reader_free(rd);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ids_taken_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_from_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segment_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_badtext, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
