/* SPDX-License-Identifier: MIT */
/*
 * test_recspill.c - records held back and replayed (core/recspill.h), and
 * rejects.csv rows taken back (sr_rejects_mark/rollback)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/check/rejects.h"
#include "../../src/core/buf.h"
#include "../../src/core/recspill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Only the counts of a template matter to the spill. */
static void fake_template(struct sr_template *t)
{
    memset(t, 0, sizeof(*t));
    t->nfields = 3;
    t->nitems = 4;
    t->nchoices = 2;
    t->ncomments = 2;
}

/* Record k: every part depends on k; some parts are NULL. */
struct made {
    struct sr_rawform raw;
    struct sr_record rec;
    const char *fields[3];
    int32_t scores[4];
    uint64_t choices[2];
    const char *comments[2];
    const char *derived[2];
    char id[32];
    char text[64];
    struct sr_customer_match cm;
    const char *own[3];
};

static void make(struct made *m, int k)
{
    int i;

    memset(m, 0, sizeof(*m));
    snprintf(m->id, sizeof(m->id), "F%06d", k);
    snprintf(m->text, sizeof(m->text), "意见 %d: 很好", k);
    m->raw.file = "in.csv";
    m->raw.line = 100 + k;
    m->rec.raw = &m->raw;
    m->fields[0] = m->id;
    m->fields[1] = k % 3 ? "华东" : NULL;
    m->fields[2] = "";
    for (i = 0; i < 4; i++)
        m->scores[i] = (k + i) % 5 ? (k + i) % 5 : SR_MISSING;
    m->choices[0] = (uint64_t)k;
    m->choices[1] = (uint64_t)1 << 63;
    m->comments[0] = k % 2 ? m->text : NULL;
    m->comments[1] = NULL;
    m->derived[0] = "一般客户";
    m->derived[1] = NULL;
    m->rec.fields = m->fields;
    m->rec.scores = m->scores;
    m->rec.choices = k % 4 == 3 ? NULL : m->choices;
    m->rec.comments = m->comments;
    m->rec.date = 20260301 + k % 28;
    m->rec.derived = k % 5 == 4 ? NULL : m->derived;
    m->rec.nderived = k % 5 == 4 ? 0 : 2;
    m->rec.categories = (uint64_t)k * 7;
    m->rec.complaint = k % 2;
    if (k % 3 == 1) {
        m->cm.known = k % 2;
        m->cm.manager = k % 2 ? "王经理" : NULL;
        m->own[1] = "华北";
        m->cm.own = k % 6 == 1 ? m->own : NULL;
        m->rec.customer = &m->cm;
    }
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

struct replay {
    int next;
    int stop_at;
};

static enum sr_status check_one(void *ctx, const struct sr_record *r,
                                struct sr_diag *d)
{
    struct replay *rp = ctx;
    struct made m;
    int i;

    (void)d;
    if (rp->next == rp->stop_at)
        return SR_ERR_WRITE;
    make(&m, rp->next++);
    assert_string_equal(r->raw->file, "from.csv");
    assert_int_equal(r->raw->line, m.raw.line);
    for (i = 0; i < 3; i++)
        assert_true(same_str(r->fields[i], m.fields[i]));
    assert_memory_equal(r->scores, m.scores, sizeof(m.scores));
    if (m.rec.choices)
        assert_memory_equal(r->choices, m.choices, sizeof(m.choices));
    else
        assert_null(r->choices);
    for (i = 0; i < 2; i++)
        assert_true(same_str(r->comments[i], m.comments[i]));
    assert_int_equal(r->nderived, m.rec.nderived);
    for (i = 0; i < (int)r->nderived; i++)
        assert_true(same_str(r->derived[i], m.derived[i]));
    assert_int_equal(r->date, m.rec.date);
    assert_true(r->categories == m.rec.categories);
    assert_int_equal(r->complaint, m.rec.complaint);
    if (!m.rec.customer) {
        assert_null(r->customer);
        return SR_OK;
    }
    assert_non_null(r->customer);
    assert_int_equal(r->customer->known, m.cm.known);
    assert_true(same_str(r->customer->manager, m.cm.manager));
    if (!m.cm.own) {
        assert_null(r->customer->own);
        return SR_OK;
    }
    for (i = 0; i < 3; i++)
        assert_true(same_str(r->customer->own[i], m.own[i]));
    return SR_OK;
}

static void run_spill(size_t mem_max, int n)
{
    struct sr_template t;
    struct sr_recspill *sp;
    struct replay rp = { 0, -1 };
    struct sr_diag d;
    struct made m;
    int k;

    fake_template(&t);
    sp = sr_recspill_new(&t, NULL, mem_max);
    for (k = 0; k < n; k++) {
        make(&m, k);
        assert_int_equal(sr_recspill_add(sp, &m.rec, &d), SR_OK);
    }
    assert_int_equal(sr_recspill_count(sp), n);
    assert_int_equal(sr_recspill_replay(sp, "from.csv", check_one, &rp, &d),
                     SR_OK);
    assert_int_equal(rp.next, n);
    assert_int_equal(sr_recspill_count(sp), 0);

    /* dropped records are gone; the spill is usable again */
    for (k = 0; k < n; k++) {
        make(&m, 1000 + k);
        assert_int_equal(sr_recspill_add(sp, &m.rec, &d), SR_OK);
    }
    sr_recspill_reset(sp);
    rp.next = 0;
    for (k = 0; k < 3; k++) {
        make(&m, k);
        assert_int_equal(sr_recspill_add(sp, &m.rec, &d), SR_OK);
    }
    assert_int_equal(sr_recspill_replay(sp, "from.csv", check_one, &rp, &d),
                     SR_OK);
    assert_int_equal(rp.next, 3);
    sr_recspill_free(sp);
}

static void test_in_memory(void **state)
{
    (void)state;
    run_spill(0, 500);
}

static void test_in_file(void **state)
{
    (void)state;
    run_spill(256, 5000); /* a flush every few records */
}

static void test_stop(void **state)
{
    struct sr_template t;
    struct sr_recspill *sp;
    struct replay rp = { 0, 7 };
    struct sr_diag d;
    struct made m;
    int k;

    (void)state;
    fake_template(&t);
    sp = sr_recspill_new(&t, NULL, 300);
    for (k = 0; k < 20; k++) {
        make(&m, k);
        assert_int_equal(sr_recspill_add(sp, &m.rec, &d), SR_OK);
    }
    assert_int_equal(sr_recspill_replay(sp, "from.csv", check_one, &rp, &d),
                     SR_ERR_WRITE);
    assert_int_equal(sr_recspill_count(sp), 0);
    sr_recspill_free(sp);
    sr_recspill_free(NULL);
}

static void test_bad_dir(void **state)
{
    struct sr_template t;
    struct sr_recspill *sp;
    struct sr_diag d;
    struct made m;

    (void)state;
    fake_template(&t);
    sp = sr_recspill_new(&t, "/nonexistent/folder", 16);
    make(&m, 1);
    sr_diag_clear(&d);
    assert_int_equal(sr_recspill_add(sp, &m.rec, &d), SR_ERR_WRITE);
    assert_non_null(strstr(d.msg, "cannot create a scratch file"));
    sr_recspill_free(sp);
}

struct rows {
    struct sr_buf text;
};

static bool collect(void *ctx, const char *file, long line, const char *form_id,
                    const char *field, const char *reason)
{
    struct rows *r = ctx;

    sr_buf_addf(&r->text, "%s:%ld:%s:%s:%s\n", file, line, form_id, field,
                reason);
    return true;
}

static void test_rejects_rollback(void **state)
{
    char path[] = "/tmp/test_recspill_rejects_XXXXXX";
    struct sr_rejects *rj;
    struct sr_rejects_mark mk;
    struct rows rows = { SR_BUF_INIT };
    struct sr_diag d;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sr_rejects_open(&rj, path, &d), SR_OK);
    sr_rejects_add(rj, "a.csv", 2, "F1", "Q1", "score '6' outside 1..5");
    sr_rejects_mark(rj, &mk);
    sr_rejects_add(rj, "b.xml", 3, "X1", "", "unknown field 'x'");
    sr_rejects_add(rj, "b.xml", 9, "X2", "", "unknown field 'y'");
    assert_int_equal(sr_rejects_rows(rj), 3);
    assert_int_equal(sr_rejects_rollback(rj, &mk, &d), SR_OK);
    assert_int_equal(sr_rejects_rows(rj), 1);
    sr_rejects_add(rj, "b.xml", 12, "", "",
                   "file is unreadable from line 12 col 3: mismatched tag; "
                   "its 2 forms are refused");
    assert_int_equal(sr_rejects_close(rj, &d), SR_OK);
    assert_int_equal(sr_rejects_foreach(rj, collect, &rows, &d), SR_OK);
    assert_string_equal(rows.text.buf,
                        "a.csv:2:F1:Q1:score '6' outside 1..5\n"
                        "b.xml:12:::file is unreadable from line 12 col 3: "
                        "mismatched tag; its 2 forms are refused\n");
    /* a closed list cannot be cut back */
    assert_int_equal(sr_rejects_rollback(rj, &mk, &d), SR_ERR_WRITE);
    sr_rejects_free(rj);
    sr_buf_release(&rows.text);
    remove(path);
}

/* Blanks at the ends of a cell are kept: reading the list back (the
 * workbook's sheet, merge) and taking another list in (a file read in two
 * parts) give what was written, byte for byte. */
static void test_rejects_blanks(void **state)
{
    char a[] = "/tmp/test_recspill_rj_a_XXXXXX";
    char b[] = "/tmp/test_recspill_rj_b_XXXXXX";
    char c[] = "/tmp/test_recspill_rj_c_XXXXXX";
    struct sr_rejects *ra;
    struct sr_rejects *rb;
    struct sr_rejects *rc;
    struct rows rows = { SR_BUF_INIT };
    struct sr_diag d;
    FILE *fa;
    FILE *fc;
    char ta[512];
    char tc[512];
    size_t na;
    size_t nc;

    (void)state;
    close(mkstemp(a));
    close(mkstemp(b));
    close(mkstemp(c));
    /* a: one list written straight; b taken into c, and c appended to */
    assert_int_equal(sr_rejects_open(&ra, a, &d), SR_OK);
    assert_int_equal(sr_rejects_open(&rb, b, &d), SR_OK);
    assert_int_equal(sr_rejects_open(&rc, c, &d), SR_OK);
    sr_rejects_add(ra, "in.xml", 7, " F1", "Q9 ", "unknown answer ' x '");
    sr_rejects_add(ra, "in.xml", 9, "F2", "\tQ1", "a, \"quoted\" reason ");
    sr_rejects_add(rb, "in.xml", 7, " F1", "Q9 ", "unknown answer ' x '");
    sr_rejects_add(rb, "in.xml", 9, "F2", "\tQ1", "a, \"quoted\" reason ");
    assert_int_equal(sr_rejects_take(rc, rb, &d), SR_OK);
    assert_int_equal(sr_rejects_rows(rc), 2);
    assert_int_equal(sr_rejects_close(ra, &d), SR_OK);
    assert_int_equal(sr_rejects_close(rc, &d), SR_OK);
    fa = fopen(a, "rb");
    fc = fopen(c, "rb");
    na = fread(ta, 1, sizeof(ta), fa);
    nc = fread(tc, 1, sizeof(tc), fc);
    fclose(fa);
    fclose(fc);
    assert_int_equal(na, nc);
    assert_memory_equal(ta, tc, na);
    assert_int_equal(sr_rejects_foreach(ra, collect, &rows, &d), SR_OK);
    assert_string_equal(rows.text.buf,
                        "in.xml:7: F1:Q9 :unknown answer ' x '\n"
                        "in.xml:9:F2:\tQ1:a, \"quoted\" reason \n");
    sr_rejects_free(ra);
    sr_rejects_free(rb);
    sr_rejects_free(rc);
    sr_buf_release(&rows.text);
    remove(a);
    remove(b);
    remove(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_memory),
        cmocka_unit_test(test_in_file),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_bad_dir),
        cmocka_unit_test(test_rejects_rollback),
        cmocka_unit_test(test_rejects_blanks),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
