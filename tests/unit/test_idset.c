/* SPDX-License-Identifier: MIT */
/*
 * test_idset.c - unit tests of idset.c, the set of form ids seen, against
 * a plain model (every id kept as text in a hash table): ids numbered in
 * order with breaks (a form of several lines, another file, a number
 * skipped), numbers of different widths ("F07" and "F007" are different
 * ids), ids that are not numbered, duplicates of every kind, marks and
 * rollbacks (a file refused whole), adopting a second set (the later part
 * of a file) with and without a clash, and the sorted listing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/check/idset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the model ----------------------------------------------------------- */

struct ment {
    char *id;
    uint32_t file;
    uint32_t line;
};

struct model {
    struct ment *e; /* in the order first seen */
    size_t n;
    size_t cap;
    size_t *slots; /* index + 1 into e, open addressing */
    size_t scap;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static void model_index(struct model *m)
{
    size_t i;

    free(m->slots);
    m->scap = 1024;
    while (m->scap < 4 * (m->n + 1))
        m->scap *= 2;
    m->slots = calloc(m->scap, sizeof(*m->slots));
    for (i = 0; i < m->n; i++) {
        size_t j = (size_t)hash_str(m->e[i].id) & (m->scap - 1);

        while (m->slots[j])
            j = (j + 1) & (m->scap - 1);
        m->slots[j] = i + 1;
    }
}

static const struct ment *model_find(const struct model *m, const char *id)
{
    size_t j = (size_t)hash_str(id) & (m->scap - 1);

    while (m->slots[j]) {
        if (!strcmp(m->e[m->slots[j] - 1].id, id))
            return &m->e[m->slots[j] - 1];
        j = (j + 1) & (m->scap - 1);
    }
    return NULL;
}

static void model_put(struct model *m, const char *id, uint32_t file,
                      uint32_t line)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 1024;
        m->e = realloc(m->e, m->cap * sizeof(*m->e));
    }
    m->e[m->n].id = strdup(id);
    m->e[m->n].file = file;
    m->e[m->n].line = line;
    m->n++;
    if (4 * (m->n + 1) > m->scap)
        model_index(m);
    else {
        size_t j = (size_t)hash_str(id) & (m->scap - 1);

        while (m->slots[j])
            j = (j + 1) & (m->scap - 1);
        m->slots[j] = m->n;
    }
}

static void model_cut(struct model *m, size_t n)
{
    while (m->n > n)
        free(m->e[--m->n].id);
    model_index(m);
}

static void model_free(struct model *m)
{
    model_cut(m, 0);
    free(m->e);
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

/* ---- ids ----------------------------------------------------------------- */

static uint64_t rnd_state = 0x9E3779B97F4A7C15ULL;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static const char *const prefixes[] = {
    "F",
    "KH-",
    "",
    "R_",
    "ABCDEFGHIJKLMN",           /* 14 bytes: the longest run */
    "ABCDEFGHIJKLMNO",          /* 15: one by one */
    "\xe9\x97\xae\xe5\x8d\xb7", /* 问卷 */
    "F2026",
    "x\\y"
};
#define NPRE (sizeof(prefixes) / sizeof(prefixes[0]))

/* a source of ids: a prefix, a width, the next number, file and line */
struct source {
    const char *pre;
    unsigned width; /* digits, 1..19 (more than 15: the prefix takes some) */
    uint64_t next;
    uint32_t file;
    uint32_t line;
    uint32_t step;
};

static void source_new(struct source *src, uint32_t file)
{
    static const unsigned widths[] = { 1, 2, 3, 6, 10, 15, 16, 19 };

    src->pre = prefixes[rnd() % NPRE];
    src->width = widths[rnd() % 8];
    src->next = src->width >= 3 ? rnd() % 50 : 0;
    src->file = file;
    src->line = 2 + (uint32_t)(rnd() % 100);
    src->step = 1 + (uint32_t)(rnd() % 3);
}

/* the text of number @v of @src (0-padded to its width) in @out */
static void id_text(const struct source *src, uint64_t v, char *out)
{
    char digits[32];
    unsigned k;

    for (k = src->width; k-- > 0;) {
        digits[k] = (char)('0' + v % 10);
        v /= 10;
    }
    digits[src->width] = '\0';
    sprintf(out, "%s%s", src->pre, digits);
}

/* ---- checks ----------------------------------------------------------------
 */

/* add @id to both; the set must answer as the model does */
static void add(struct sr_idset *s, struct model *m, const char *id,
                uint32_t file, uint32_t line)
{
    const struct ment *e = model_find(m, id);
    uint32_t ff = 0;
    uint32_t fl = 0;
    enum sr_idset_result r =
        sr_idset_add(s, id, strlen(id), file, line, &ff, &fl);

    if (e) {
        if (r != SR_IDSET_SEEN)
            fail_msg("%s: new to the set, seen at %u:%u by the model", id,
                     e->file, e->line);
        if (ff != e->file || fl != e->line)
            fail_msg("%s: first at %u:%u, model %u:%u", id, ff, fl, e->file,
                     e->line);
    } else {
        if (r != SR_IDSET_NEW)
            fail_msg("%s: seen at %u:%u by the set, new to the model", id, ff,
                     fl);
        model_put(m, id, file, line);
    }
}

static int cmp_ment(const void *a, const void *b)
{
    const struct ment *x = a;
    const struct ment *y = b;

    return strcmp(x->id, y->id); /* byte order: strcmp compares unsigned */
}

struct walk {
    const struct ment *want;
    size_t n;
    size_t i;
};

static bool walk_one(void *ctx, const char *id, size_t n, uint32_t file,
                     uint32_t line)
{
    struct walk *w = ctx;

    if (w->i >= w->n)
        fail_msg("more ids listed than the model has: %.*s", (int)n, id);
    if (strlen(w->want[w->i].id) != n || memcmp(w->want[w->i].id, id, n))
        fail_msg("listed %.*s, model %s (#%zu)", (int)n, id, w->want[w->i].id,
                 w->i);
    if (w->want[w->i].file != file || w->want[w->i].line != line)
        fail_msg("%s: listed at %u:%u, model %u:%u", w->want[w->i].id, file,
                 line, w->want[w->i].file, w->want[w->i].line);
    w->i++;
    return true;
}

/* the set holds exactly the model's ids, where the model has them */
static void same(const struct sr_idset *s, const struct model *m)
{
    struct ment *sorted = malloc((m->n + 1) * sizeof(*sorted));
    struct walk w = { sorted, m->n, 0 };

    assert_int_equal(sr_idset_count(s), m->n);
    memcpy(sorted, m->e, m->n * sizeof(*sorted));
    qsort(sorted, m->n, sizeof(*sorted), cmp_ment);
    assert_true(sr_idset_foreach_sorted(s, walk_one, &w));
    assert_int_equal(w.i, m->n);
    free(sorted);
}

/*
 * Feed @nforms ids from a few sources to @s and @m: mostly the next number
 * of the current source at its next line, with breaks of every kind, and
 * duplicates (of a recent id, of any earlier one, of a number just ahead).
 */
static void feed_from(struct sr_idset *s, struct model *m, struct source *from,
                      size_t nforms, uint32_t nfiles, uint32_t file_base)
{
    struct source src;
    char id[96];
    size_t i;

    if (from)
        src = *from;
    else
        source_new(&src, file_base);
    for (i = 0; i < nforms; i++) {
        unsigned pick = (unsigned)(rnd() % 1000);

        if (pick < 860) { /* in order */
            id_text(&src, src.next++, id);
            add(s, m, id, src.file, src.line);
            src.line += src.step;
        } else if (pick < 900) { /* a form of several lines */
            src.line += 1 + (uint32_t)(rnd() % 5);
        } else if (pick < 915) { /* a number skipped, or one back */
            src.next += rnd() % 3 ? 1 : (uint64_t)-1;
        } else if (pick < 925) { /* the number just ahead, out of order */
            id_text(&src, src.next + 1 + rnd() % 3, id);
            add(s, m, id, src.file, src.line);
            src.line += src.step;
        } else if (pick < 950 && m->n) { /* any earlier id again */
            const struct ment *e = &m->e[rnd() % m->n];

            add(s, m, e->id, src.file, src.line);
            src.line += src.step;
        } else if (pick < 960) { /* not numbered */
            snprintf(id, sizeof(id), "x%llu-y",
                     (unsigned long long)(rnd() % 500));
            add(s, m, id, src.file, src.line);
            src.line += src.step;
        } else if (pick < 970) { /* another file */
            src.file = file_base + (uint32_t)(rnd() % nfiles);
            src.line = 2;
        } else if (pick < 980) { /* another source */
            source_new(&src, file_base + (uint32_t)(rnd() % nfiles));
        } else if (pick < 990) { /* the same number, one digit wider */
            struct source w = src;

            if (w.width < 19) {
                w.width++;
                id_text(&w, src.next > 0 ? src.next - 1 : 0, id);
                add(s, m, id, src.file, src.line);
                src.line += src.step;
            }
        } else { /* another step */
            src.step = 1 + (uint32_t)(rnd() % 40);
        }
    }
    if (from)
        *from = src;
}

static void feed(struct sr_idset *s, struct model *m, size_t nforms,
                 uint32_t nfiles, uint32_t file_base)
{
    feed_from(s, m, NULL, nforms, nfiles, file_base);
}

static void free_set(struct sr_idset *s)
{
    sr_idset_release(s);
}

/* long random mixes, checked after every round */
static void test_model(void **state)
{
    int round;

    (void)state;
    for (round = 0; round < 12; round++) {
        struct sr_idset s = { 0 };
        struct model m = { 0 };

        model_index(&m);
        feed(&s, &m, 3000 + (size_t)round * 1500, 3, 0);
        same(&s, &m);
        free_set(&s);
        model_free(&m);
    }
}

/* a mark, more ids, a rollback: as it was; then on again.  Half the
 * time the ids after the mark go on from the same source and file (the
 * run open at the mark grows past it; the last id one by one before it
 * is followed by the next number). */
static void test_rollback(void **state)
{
    int round;

    (void)state;
    for (round = 0; round < 40; round++) {
        struct sr_idset s = { 0 };
        struct model m = { 0 };
        struct sr_idset_mark mk;
        struct source src;
        struct source at_mark;
        size_t n0;
        int k;

        model_index(&m);
        source_new(&src, 0);
        for (k = 0; k < 4; k++) {
            feed_from(&s, &m, &src, 500 + rnd() % 2000, 2, 0);
            sr_idset_mark(&s, &mk);
            n0 = m.n;
            at_mark = src;
            if (rnd() % 2)
                feed_from(&s, &m, &src, rnd() % 3000, 2, 0);
            else
                feed(&s, &m, rnd() % 3000, 2, (uint32_t)k + 10);
            if (rnd() % 2) {
                sr_idset_rollback(&s, &mk);
                model_cut(&m, n0);
                /* the same numbers again, at later lines (the file read
                 * again, or the next file goes on where it began) */
                if (rnd() % 2)
                    src.next = at_mark.next;
            }
            same(&s, &m);
        }
        free_set(&s);
        model_free(&m);
    }
}

/* the run open at a mark grows past it, is cut back, and grows again
 * from where it was, at other lines */
static void test_rollback_open_run(void **state)
{
    struct sr_idset s = { 0 };
    struct sr_idset_mark mk;
    char id[16];
    uint32_t ff;
    uint32_t fl;
    unsigned i;

    (void)state;
    for (i = 1; i <= 10; i++) {
        snprintf(id, sizeof(id), "F%03u", i);
        assert_int_equal(sr_idset_add(&s, id, 4, 0, i + 1, &ff, &fl),
                         SR_IDSET_NEW);
    }
    sr_idset_mark(&s, &mk);
    for (i = 11; i <= 20; i++) {
        snprintf(id, sizeof(id), "F%03u", i);
        assert_int_equal(sr_idset_add(&s, id, 4, 0, i + 1, &ff, &fl),
                         SR_IDSET_NEW);
    }
    sr_idset_rollback(&s, &mk);
    assert_int_equal(sr_idset_count(&s), 10);
    assert_int_equal(sr_idset_add(&s, "F011", 4, 0, 30, &ff, &fl),
                     SR_IDSET_NEW);
    assert_int_equal(sr_idset_add(&s, "F012", 4, 0, 31, &ff, &fl),
                     SR_IDSET_NEW);
    assert_int_equal(sr_idset_add(&s, "F011", 4, 1, 40, &ff, &fl),
                     SR_IDSET_SEEN);
    assert_int_equal(fl, 30);
    assert_int_equal(sr_idset_add(&s, "F012", 4, 1, 41, &ff, &fl),
                     SR_IDSET_SEEN);
    assert_int_equal(fl, 31);
    assert_int_equal(sr_idset_add(&s, "F010", 4, 1, 42, &ff, &fl),
                     SR_IDSET_SEEN);
    assert_int_equal(fl, 11);
    assert_int_equal(s.nruns, 1); /* one run still */
    free_set(&s);
}

/* the later part of a file read by another set, then adopted: all of it,
 * or (a clash) none */
static void test_adopt(void **state)
{
    int round;
    int clashes = 0;
    int taken = 0;

    (void)state;
    for (round = 0; round < 40; round++) {
        struct sr_idset s = { 0 };
        struct sr_idset p = { 0 };
        struct model m = { 0 };
        struct model pm = { 0 };
        uint32_t fmap[4] = { 7, 8, 9, 10 };
        bool clash = false;
        size_t i;

        model_index(&m);
        model_index(&pm);
        feed(&s, &m, 200 + rnd() % 3000, 2, 0);
        if (round % 4 == 0) {
            /* the part goes on where the first stopped: one set */
            struct source src;
            char id[96];

            source_new(&src, 0);
            for (i = 0; i < 2000; i++) {
                id_text(&src, src.next++, id);
                add(&p, &pm, id, src.file, src.line);
                src.line += src.step;
            }
        } else {
            feed(&p, &pm, rnd() % 4000, 4, 0);
        }
        for (i = 0; i < pm.n; i++)
            clash = clash || model_find(&m, pm.e[i].id);
        if (round % 3 == 0 && m.n && !clash) {
            /* one id of the first in the middle of the part */
            uint32_t ff;
            uint32_t fl;
            const struct ment *e = &m.e[rnd() % m.n];

            assert_int_equal(
                sr_idset_add(&p, e->id, strlen(e->id), 3, 99999, &ff, &fl),
                SR_IDSET_NEW);
            clash = true;
        }
        assert_int_equal(sr_idset_adopt(&s, &p, fmap), !clash);
        if (!clash) {
            for (i = 0; i < pm.n; i++)
                model_put(&m, pm.e[i].id, fmap[pm.e[i].file], pm.e[i].line);
            taken++;
        } else {
            clashes++;
        }
        same(&s, &m);
        /* and on after it */
        feed(&s, &m, 1000, 2, 20);
        same(&s, &m);
        free_set(&s);
        free_set(&p);
        model_free(&m);
        model_free(&pm);
    }
    assert_true(clashes >= 5);
    assert_true(taken >= 5);
}

/*
 * Many ids one by one (the table half full, probes that collide), and
 * between them pairs of numbers that become runs, each taking its first
 * id back out of the table: every id must still be found.
 */
static void test_taken_back(void **state)
{
    struct sr_idset s = { 0 };
    struct model m = { 0 };
    char id[64];
    uint32_t line = 2;
    size_t i;

    (void)state;
    model_index(&m);
    for (i = 0; i < 60000; i++) {
        if (rnd() % 3) {
            snprintf(id, sizeof(id), "u%llx",
                     (unsigned long long)(rnd() % 40000));
            add(&s, &m, id, 0, line++);
        } else {
            uint64_t v = rnd() % 1000000;

            snprintf(id, sizeof(id), "N%07llu", (unsigned long long)v);
            add(&s, &m, id, 0, line++);
            snprintf(id, sizeof(id), "N%07llu", (unsigned long long)v + 1);
            add(&s, &m, id, 0, line++);
        }
        if (i % 5000 == 0)
            same(&s, &m);
    }
    same(&s, &m);
    free_set(&s);
    model_free(&m);
}

/*
 * A part whose runs hold an id the first set has one by one (and the
 * other way round): a clash either way, whichever side is walked.
 */
static void test_adopt_clash_across_tiers(void **state)
{
    int way;

    (void)state;
    for (way = 0; way < 4; way++) {
        struct sr_idset s = { 0 };
        struct sr_idset p = { 0 };
        uint32_t fmap[1] = { 1 };
        uint32_t ff;
        uint32_t fl;
        char id[32];
        unsigned i;
        unsigned n = way % 2 ? 50 : 5000; /* fewer or more than the table */

        /* the first: stray numbers one by one (lines far apart), or a run */
        for (i = 0; i < n; i++) {
            snprintf(id, sizeof(id), "F%06u", way < 2 ? 3 * i : i);
            assert_int_equal(sr_idset_add(&s, id, strlen(id), 0,
                                          way < 2 ? 10 * i + 7 : i + 2, &ff,
                                          &fl),
                             SR_IDSET_NEW);
            if (way < 2 && i % 2)
                sr_idset_add(&s, "sep", 3, 0, 1, &ff, &fl);
        }
        /* the part: a run, or numbers one by one, over one of them */
        for (i = 0; i < 200; i++) {
            snprintf(id, sizeof(id), "F%06u",
                     way < 2 ? 3 * (n / 2) - 60 + i : 2 * i + n / 2);
            assert_int_equal(sr_idset_add(&p, id, strlen(id), 0,
                                          way < 2 ? i + 2 : 10 * i + 3, &ff,
                                          &fl),
                             SR_IDSET_NEW);
        }
        assert_false(sr_idset_adopt(&s, &p, fmap));
        assert_int_equal(sr_idset_count(&s), n + (way < 2 ? 1 : 0));
        free_set(&s);
        free_set(&p);
    }
}

/* a million ids in order: runs, not one by one (a few KB, not ~20 MB) */
static void test_in_order_is_small(void **state)
{
    struct sr_idset s = { 0 };
    char id[32];
    uint32_t line = 2;
    uint32_t ff;
    uint32_t fl;
    unsigned i;

    (void)state;
    for (i = 1; i <= 1000000; i++) {
        snprintf(id, sizeof(id), "F2026%06u", i);
        assert_int_equal(sr_idset_add(&s, id, strlen(id), 0, line, &ff, &fl),
                         SR_IDSET_NEW);
        line += i % 97 ? 1 : 3; /* a form of three lines now and then */
    }
    assert_int_equal(sr_idset_count(&s), 1000000);
    /* one run: a byte an id for the lines (forms of one and of three
     * lines), its array at most twice that while it grows; the pool's
     * first chunk (1 MB, nearly untouched) is not counted */
    assert_int_equal(s.nruns, 1);
    assert_true(sr_idset_bytes(&s) - s.bytes < 2 * 1000000 + 65536);
    /* a duplicate names the exact line */
    assert_int_equal(sr_idset_add(&s, "F2026000194", 11, 1, 5, &ff, &fl),
                     SR_IDSET_SEEN);
    assert_int_equal(ff, 0);
    assert_int_equal(fl, 2 + 193 + 2 * 1); /* one form of three before it */
    free_set(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_rollback),
        cmocka_unit_test(test_rollback_open_run),
        cmocka_unit_test(test_adopt),
        cmocka_unit_test(test_taken_back),
        cmocka_unit_test(test_adopt_clash_across_tiers),
        cmocka_unit_test(test_in_order_is_small),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
