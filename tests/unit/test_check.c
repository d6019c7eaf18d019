/* SPDX-License-Identifier: MIT */
/*
 * test_check.c - unit tests of check.c: the duplicate form ids (exact: the
 * first form with an id keeps it, whatever its shape), the sorted id list
 * of a partial run, values used as they are when already normal, scores
 * and choices
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/check/check.h"
#include "../../src/core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char tmpl_path[128];
static char rej_path[128];
static char ids_path[128];

static const char tmpl_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<survey id=\"t\">\n"
    "  <scale id=\"s5\" min=\"1\" max=\"5\">\n"
    "    <point value=\"4\" label=\"\xe6\xbb\xa1\xe6\x84\x8f\"/>\n" /* 满意 */
    "    <missing label=\"NA\"/>\n"
    "  </scale>\n"
    "  <fields>\n"
    "    <field id=\"form_id\" role=\"form-id\" required=\"true\"/>\n"
    "    <field id=\"region\" role=\"segment\"/>\n"
    "  </fields>\n"
    "  <dimension id=\"d1\" weight=\"1\">\n"
    "    <item id=\"Q1\" scale=\"s5\"/>\n"
    "  </dimension>\n"
    "  <choice id=\"pick\" multiple=\"true\">\n"
    "    <option value=\"1\" label=\"one\"/> <option value=\"2\"/>\n"
    "  </choice>\n"
    "</survey>\n";

static int setup(void **state)
{
    FILE *fp;

    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/sr-test-check-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(tmpl_path, sizeof(tmpl_path), "%s/t.xml", dir);
    snprintf(rej_path, sizeof(rej_path), "%s/rejects.csv", dir);
    snprintf(ids_path, sizeof(ids_path), "%s/ids.txt", dir);
    fp = fopen(tmpl_path, "w");
    if (!fp)
        return -1;
    fputs(tmpl_xml, fp);
    return fclose(fp);
}

static int teardown(void **state)
{
    (void)state;
    remove(tmpl_path);
    remove(rej_path);
    remove(ids_path);
    return rmdir(dir);
}

struct fixture {
    struct sr_template *t;
    struct sr_checker *ck;
    struct sr_rejects *rj;
    const char *values[8];
    struct sr_rawform raw;
    struct sr_diag d;
};

static void fx_open(struct fixture *fx)
{
    memset(fx, 0, sizeof(*fx));
    sr_diag_clear(&fx->d);
    assert_int_equal(sr_template_load(tmpl_path, &fx->t, &fx->d), SR_OK);
    assert_true(fx->t->nslots <= 8);
    assert_int_equal(sr_check_open(&fx->ck, fx->t, 0, 0, &fx->d), SR_OK);
    assert_int_equal(sr_rejects_open(&fx->rj, rej_path, &fx->d), SR_OK);
    fx->raw.file = "in.csv";
    fx->raw.values = fx->values;
    fx->raw.nslots = fx->t->nslots;
}

static void fx_close(struct fixture *fx)
{
    assert_int_equal(sr_rejects_close(fx->rj, &fx->d), SR_OK);
    sr_rejects_free(fx->rj);
    sr_check_free(fx->ck);
    sr_template_free(fx->t);
}

static void set(struct fixture *fx, const char *slot, const char *v)
{
    int i = sr_template_slot(fx->t, slot);

    assert_true(i >= 0);
    fx->values[i] = v;
}

static enum sr_verdict check(struct fixture *fx, long line, const char *id,
                             struct sr_record *rec)
{
    fx->raw.line = line;
    set(fx, "form_id", id);
    return sr_check_form(fx->ck, &fx->raw, rec, fx->rj, &fx->d);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    struct sr_buf b = SR_BUF_INIT;
    char chunk[4096];
    size_t n;

    assert_non_null(fp);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        sr_buf_add(&b, chunk, n);
    fclose(fp);
    return sr_buf_detach(&b);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Many ids of every shape the pool encodes differently (digits only,
 * prefix and digits, leading zeros, more than 15 digits, prefixes of 14
 * and 15 bytes and more, non-ASCII), drawn with repeats: the checker must
 * refuse exactly the repeats, name the first line of each, and write every
 * id once, sorted by byte order, with where it was first seen.
 */
static void test_duplicates_random(void **state)
{
    static const char *const pre[] = { "",
                                       "F",
                                       "F2026",
                                       "KH",
                                       "ABCDEFGHIJKLMN", /* 14 */
                                       "ABCDEFGHIJKLMNO" /* 15 */,
                                       "x-",
                                       "\xe9\x97\xae\xe5\x8d\xb7",
                                       "0",
                                       "F0",
                                       "a b",
                                       "TAB\\",
                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ" };
    enum { N = 8000 };
    struct fixture fx;
    struct sr_record rec;
    char **ids = calloc(N, sizeof(*ids));
    long *first = calloc(N, sizeof(*first));
    const char **uniq = calloc(N, sizeof(*uniq));
    uint64_t x = 0x2545F4914F6CDD1DULL;
    size_t nuniq = 0;
    size_t i;
    size_t j;
    long dups = 0;
    char *text;
    char *p;
    struct sr_buf want = SR_BUF_INIT;

    (void)state;
    assert_non_null(ids);
    fx_open(&fx);
    set(&fx, "Q1", "3");
    for (i = 0; i < N; i++) {
        char id[96];
        unsigned nd;
        unsigned k;
        enum sr_verdict v;

        size_t len;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        nd = (unsigned)(x >> 8) % 20; /* 0..19 digits */
        snprintf(id, sizeof(id), "%s",
                 pre[(x >> 40) % (sizeof(pre) / sizeof(pre[0]))]);
        len = strlen(id);
        for (k = 0; k < nd; k++) /* few digit values: many repeats */
            id[len++] = (char)('0' + ((x >> (k % 20 * 3)) & 3));
        id[len] = '\0';
        if (!id[0])
            snprintf(id, sizeof(id), "7");
        ids[i] = strdup(id);
        for (j = 0; j < i && strcmp(ids[j], id); j++)
            ;
        first[i] = j < i ? first[j] : (long)(i + 2);
        v = check(&fx, (long)(i + 2), ids[i], &rec);
        if (j < i) {
            assert_int_equal(v, SR_REFUSED);
            dups++;
            sr_buf_addf(&want,
                        "in.csv,%ld,%s,form_id,duplicate form_id '%s' "
                        "(first at in.csv:%ld)\n",
                        (long)(i + 2), id, id, first[i]);
        } else {
            assert_int_equal(v, SR_ACCEPTED);
            uniq[nuniq++] = ids[i];
        }
    }
    assert_true(dups > 500);
    assert_true(nuniq > 500);
    assert_int_equal(sr_check_write_ids(fx.ck, ids_path, &fx.d), SR_OK);
    fx_close(&fx);

    /* the duplicates' rows (ids here need no CSV quoting but "a b") */
    text = slurp(rej_path);
    p = text;
    if (!strncmp(p, "\xef\xbb\xbf", 3))
        p += 3;
    p = strchr(p, '\n') + 1; /* the header */
    {
        struct sr_buf got = SR_BUF_INIT;
        const char *q;

        for (q = p; *q; q++)
            if (*q != '"')
                sr_buf_addch(&got, *q);
        sr_buf_reset(&want);
        for (i = 0; i < N; i++) {
            for (j = 0; j < i && strcmp(ids[j], ids[i]); j++)
                ;
            if (j < i)
                sr_buf_addf(&want,
                            "in.csv,%ld,%s,form_id,duplicate form_id '%s' "
                            "(first at in.csv:%ld)\n",
                            (long)(i + 2), ids[i], ids[i], first[i]);
        }
        assert_string_equal(got.buf, want.buf);
        sr_buf_release(&got);
    }
    free(text);

    /* the id list: every id once, byte order, where first seen */
    qsort(uniq, nuniq, sizeof(*uniq), cmp_str);
    sr_buf_reset(&want);
    for (i = 0; i < nuniq; i++) {
        const char *c;

        for (j = 0; strcmp(ids[j], uniq[i]); j++)
            ;
        for (c = uniq[i]; *c; c++) {
            if (*c == '\\')
                sr_buf_addstr(&want, "\\\\");
            else
                sr_buf_addch(&want, *c);
        }
        sr_buf_addf(&want, "\tin.csv:%ld\n", first[j]);
    }
    text = slurp(ids_path);
    assert_string_equal(text, want.buf);
    free(text);

    sr_buf_release(&want);
    for (i = 0; i < N; i++)
        free(ids[i]);
    free(ids);
    free(first);
    free(uniq);
}

/* a refused form keeps its id; ids are compared after normalisation */
static void test_duplicates_refused_and_normalised(void **state)
{
    struct fixture fx;
    struct sr_record rec;
    char *text;

    (void)state;
    fx_open(&fx);
    set(&fx, "Q1", "9"); /* off the scale: refused */
    assert_int_equal(check(&fx, 2, "F1", &rec), SR_REFUSED);
    set(&fx, "Q1", "3");
    assert_int_equal(check(&fx, 3, " F1", &rec), SR_REFUSED); /* trimmed */
    assert_int_equal(check(&fx, 4,
                           "\xef\xbc\xa6"
                           "1",
                           &rec), /* Ｆ1 */
                     SR_REFUSED);
    assert_int_equal(check(&fx, 5, "F01", &rec), SR_ACCEPTED);
    assert_int_equal(check(&fx, 6, "F001", &rec), SR_ACCEPTED);
    fx_close(&fx);
    text = slurp(rej_path);
    assert_non_null(strstr(text, "in.csv,3,F1,form_id,duplicate form_id "
                                 "'F1' (first at in.csv:2)"));
    assert_non_null(strstr(text, "in.csv,4,F1,form_id,duplicate form_id "
                                 "'F1' (first at in.csv:2)"));
    free(text);
}

/* scores: digits, labels, full-width digits, missing labels; choices */
static void test_values(void **state)
{
    struct fixture fx;
    struct sr_record rec;

    (void)state;
    fx_open(&fx);
    set(&fx, "region", "\xe5\x8d\x8e\xe4\xb8\x9c"); /* 华东, used as is */
    set(&fx, "Q1", "\xe6\xbb\xa1\xe6\x84\x8f");     /* 满意 = 4 */
    set(&fx, "pick",
        "one\xe2\x94\x8b"
        "2"); /* one┋2 */
    assert_int_equal(check(&fx, 2, "A", &rec), SR_ACCEPTED);
    assert_int_equal(rec.scores[0], 4);
    assert_int_equal(rec.choices[0], 3);
    assert_ptr_equal(rec.fields[1],
                     fx.values[sr_template_slot(fx.t, "region")]);
    set(&fx, "Q1", "\xef\xbc\x95"); /* ５ */
    set(&fx, "pick",
        "2\xef\xbc\x8c"
        "1"); /* 2，1 */
    assert_int_equal(check(&fx, 3, "B", &rec), SR_ACCEPTED);
    assert_int_equal(rec.scores[0], 5);
    assert_int_equal(rec.choices[0], 3);
    set(&fx, "Q1", "NA");
    set(&fx, "pick", "3");
    assert_int_equal(check(&fx, 4, "C", &rec), SR_REFUSED); /* option 3 */
    set(&fx, "pick", NULL);
    assert_int_equal(check(&fx, 5, "D", &rec), SR_ACCEPTED);
    assert_int_equal(rec.scores[0], SR_MISSING);
    set(&fx, "Q1", "05");
    assert_int_equal(check(&fx, 6, "E", &rec), SR_ACCEPTED);
    assert_int_equal(rec.scores[0], 5);
    set(&fx, "Q1", "3.0");
    assert_int_equal(check(&fx, 7, "G", &rec), SR_REFUSED);
    fx_close(&fx);
}

/* ids P<from>..P4999 at lines 1000 + i, checked by @ck2 (a part) */
static void part_ids(struct fixture *fx, struct sr_checker *ck2, int from)
{
    struct sr_record rec;
    char name[32];
    int i;

    for (i = from; i < 5000; i++) {
        snprintf(name, sizeof(name), "P%d", i);
        fx->raw.line = 1000 + i;
        set(fx, "form_id", name);
        assert_int_equal(sr_check_form(ck2, &fx->raw, &rec, fx->rj, &fx->d),
                         SR_ACCEPTED);
    }
}

/*
 * sr_check_adopt(): the ids a second checker saw (the later part of a
 * file) join the first's with where they were seen, all or none; a clash
 * (an id the first had seen) leaves the first as it was.
 */
static void test_adopt(void **state)
{
    struct fixture fx;
    struct sr_checker *ck2;
    struct sr_record rec;
    char *text;

    (void)state;
    fx_open(&fx);
    set(&fx, "Q1", "3");
    assert_int_equal(check(&fx, 2, "F1", &rec), SR_ACCEPTED);
    assert_int_equal(check(&fx, 3, "A-77", &rec), SR_ACCEPTED);
    assert_int_equal(sr_check_open(&ck2, fx.t, 0, 0, &fx.d), SR_OK);
    /* the part: many ids (the first checker's table grows while taking
     * them), then one that clashes */
    fx.raw.file = "in-part.csv"; /* another pointer to the same name */
    part_ids(&fx, ck2, 0);
    fx.raw.line = 9000;
    set(&fx, "form_id", "F1");
    assert_int_equal(sr_check_form(ck2, &fx.raw, &rec, fx.rj, &fx.d),
                     SR_ACCEPTED); /* the part cannot know */
    assert_false(sr_check_adopt(fx.ck, ck2));
    /* as it was: P1 is new to it, F1 still first at line 2 */
    fx.raw.file = "in.csv";
    assert_int_equal(check(&fx, 4, "P1", &rec), SR_ACCEPTED);
    sr_check_free(ck2);

    /* a part without a clash is taken whole */
    assert_int_equal(sr_check_open(&ck2, fx.t, 0, 0, &fx.d), SR_OK);
    fx.raw.file = "in-part.csv";
    part_ids(&fx, ck2, 2);
    assert_true(sr_check_adopt(fx.ck, ck2));
    sr_check_free(ck2);
    fx.raw.file = "in.csv";
    assert_int_equal(check(&fx, 7000, "P4999", &rec), SR_REFUSED);
    assert_int_equal(check(&fx, 7001, "F1", &rec), SR_REFUSED);
    assert_int_equal(check(&fx, 7002, "P5000", &rec), SR_ACCEPTED);
    assert_int_equal(sr_check_write_ids(fx.ck, ids_path, &fx.d), SR_OK);
    fx_close(&fx);
    text = slurp(rej_path);
    assert_non_null(strstr(text, "in.csv,7000,P4999,form_id,duplicate "
                                 "form_id 'P4999' (first at "
                                 "in-part.csv:5999)"));
    assert_non_null(strstr(text, "(first at in.csv:2)"));
    free(text);
    text = slurp(ids_path);
    assert_non_null(strstr(text, "P2\tin-part.csv:1002\n"));
    assert_non_null(strstr(text, "P1\tin.csv:4\n"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duplicates_random),
        cmocka_unit_test(test_duplicates_refused_and_normalised),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_adopt),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
