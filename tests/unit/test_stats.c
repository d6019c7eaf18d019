/* SPDX-License-Identifier: MIT */
/*
 * test_stats.c - unit tests of the statistics module and stats.csv
 *
 * Covers stats.c (accumulate, merge, model), dist.c (histogram figures, t
 * distribution) and render/csv/stats_csv.c.  Records are built by hand on a
 * small template (below).  Every expected figure was computed outside C:
 *
 *  - test_reference: the whole model of a 40-form data set, row by row in
 *    stats.csv order, written by the Python program at the end of this
 *    file (scipy 1.10.1, numpy 1.24.2, Debian /usr/bin/python3; the
 *    p_top2 z-test cross-checked with statsmodels 0.13.5).
 *  - the focused tests: the scipy/numpy call is named at each literal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/mem.h"
#include "../../src/render/render.h"
#include "../../src/stats/dist.h"
#include "../../src/stats/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define M             SR_MISSING

enum { F_ID, F_REGION, F_TYPE, NFIELDS };
enum { Q1, Q2, Q3, Q4, Q5, OVERALL, RECOMMEND, NITEMS };
enum { PLAN, IMPROVE, NCHOICES };

/* One hand-made form: segment values and answers. */
struct test_form {
    const char *region;
    const char *type;
    int32_t scores[NITEMS];
    uint64_t choices[NCHOICES];
};

/* One expected figure of the model. */
struct test_row {
    const char *group;
    const char *value;
    const char *subject;
    const char *metric;
    double v;
    long n;
};

/* ---- the template ------------------------------------------------------
 * scales sat5 1..5, nps11 0..10; fields form_id, region (segment 区域),
 * type (segment 客户类别); dimensions service = Q1 Q2 Q3 (weight 0.6,
 * target 85), price = Q4 (0.4, 80), spare = Q5 (0.5, 70); free items
 * overall and recommend; choices plan (1 2 3) and improve (multiple,
 * 1 2 3 4). */

struct fixture {
    struct sr_arena a;
    struct sr_template t;
};

static char *S(struct sr_arena *a, const char *s)
{
    return sr_arena_strdup(a, s);
}

static void *A(struct sr_arena *a, size_t n, size_t size)
{
    void *p = sr_arena_alloc(a, n * size);

    memset(p, 0, n * size);
    return p;
}

static void add_field(struct fixture *fx, size_t i, const char *id,
                      const char *label, enum sr_role role)
{
    struct sr_field *f = &fx->t.fields[i];

    f->id = S(&fx->a, id);
    f->label = S(&fx->a, label);
    f->role = role;
}

static void add_item(struct fixture *fx, size_t i, const char *id, size_t scale,
                     int dim, enum sr_role role)
{
    struct sr_item *it = &fx->t.items[i];

    it->id = S(&fx->a, id);
    it->text = S(&fx->a, id);
    it->scale = scale;
    it->dim = dim;
    it->role = role;
}

static void add_dim(struct fixture *fx, size_t d, const char *id, double w,
                    double target, size_t first, size_t n)
{
    struct sr_dimension *dm = &fx->t.dims[d];
    size_t k;

    dm->id = S(&fx->a, id);
    dm->name = S(&fx->a, id);
    dm->weight = w;
    dm->has_target = true;
    dm->target = target;
    dm->items = A(&fx->a, n, sizeof(*dm->items));
    for (k = 0; k < n; k++)
        dm->items[k] = first + k;
    dm->nitems = n;
}

static void add_choice(struct fixture *fx, size_t c, const char *id,
                       bool multiple, size_t nopt)
{
    struct sr_choice *ch = &fx->t.choices[c];
    char v[24];
    size_t k;

    ch->id = S(&fx->a, id);
    ch->text = S(&fx->a, id);
    ch->multiple = multiple;
    ch->options = A(&fx->a, nopt, sizeof(*ch->options));
    for (k = 0; k < nopt; k++) {
        snprintf(v, sizeof(v), "%zu", k + 1);
        ch->options[k].value = S(&fx->a, v);
        ch->options[k].label = S(&fx->a, v);
    }
    ch->noptions = nopt;
}

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof(*fx));
    struct sr_template *t = &fx->t;

    sr_arena_init(&fx->a);
    t->id = S(&fx->a, "test");
    t->scales = A(&fx->a, 2, sizeof(*t->scales));
    t->scales[0] =
        (struct sr_scale){ .id = S(&fx->a, "sat5"), .min = 1, .max = 5 };
    t->scales[1] =
        (struct sr_scale){ .id = S(&fx->a, "nps11"), .min = 0, .max = 10 };
    t->nscales = 2;
    t->fields = A(&fx->a, NFIELDS, sizeof(*t->fields));
    add_field(fx, F_ID, "form_id", "问卷编号", SR_ROLE_FORM_ID);
    add_field(fx, F_REGION, "region", "区域", SR_ROLE_SEGMENT);
    add_field(fx, F_TYPE, "type", "客户类别", SR_ROLE_SEGMENT);
    t->nfields = NFIELDS;
    t->items = A(&fx->a, NITEMS, sizeof(*t->items));
    add_item(fx, Q1, "Q1", 0, 0, SR_ROLE_NONE);
    add_item(fx, Q2, "Q2", 0, 0, SR_ROLE_NONE);
    add_item(fx, Q3, "Q3", 0, 0, SR_ROLE_NONE);
    add_item(fx, Q4, "Q4", 0, 1, SR_ROLE_NONE);
    add_item(fx, Q5, "Q5", 0, 2, SR_ROLE_NONE);
    add_item(fx, OVERALL, "overall", 0, -1, SR_ROLE_OVERALL);
    add_item(fx, RECOMMEND, "recommend", 1, -1, SR_ROLE_RECOMMEND);
    t->nitems = NITEMS;
    t->dims = A(&fx->a, 3, sizeof(*t->dims));
    add_dim(fx, 0, "service", 0.6, 85, Q1, 3);
    add_dim(fx, 1, "price", 0.4, 80, Q4, 1);
    add_dim(fx, 2, "spare", 0.5, 70, Q5, 1);
    t->ndims = 3;
    t->choices = A(&fx->a, NCHOICES, sizeof(*t->choices));
    add_choice(fx, PLAN, "plan", false, 3);
    add_choice(fx, IMPROVE, "improve", true, 4);
    t->nchoices = NCHOICES;
    t->form_id_field = F_ID;
    t->customer_id_field = -1;
    t->date_field = -1;
    t->overall_item = OVERALL;
    t->recommend_item = RECOMMEND;
    t->segments = A(&fx->a, 2, sizeof(*t->segments));
    t->segments[0] = F_REGION;
    t->segments[1] = F_TYPE;
    t->nsegments = 2;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    sr_arena_release(&fx->a);
    free(fx);
    return 0;
}

static const struct sr_stats_opts opts = { .min_report = 5, .min_base = 30 };

static void push(struct sr_stats *st, const struct test_form *f)
{
    const char *fields[NFIELDS] = { "F", f->region, f->type };
    struct sr_record r = { 0 };

    r.fields = fields;
    r.scores = f->scores;
    r.choices = f->choices;
    sr_stats_push(st, &r);
}

static struct sr_model *model_of(struct sr_stats *st)
{
    struct sr_model *m = NULL;
    struct sr_diag d = { 0 };

    assert_int_equal(sr_stats_model(st, &m, &d), SR_OK);
    assert_non_null(m);
    return m;
}

/* figures agree to 12 significant digits (they come from other code) */
static bool close_to(double got, double want)
{
    return fabs(got - want) <= 1e-12 + 1e-12 * fabs(want);
}

static void expect_at(const struct sr_model *m, const char *g, const char *gv,
                      const char *subj, const char *metric, double want,
                      long wn, const char *where, int line)
{
    double v;
    long n;

    if (!sr_model_get(m, g, gv, subj, metric, &v, &n))
        fail_msg("%s:%d: figure %s/%s/%s/%s missing", where, line, g, gv, subj,
                 metric);
    if (!close_to(v, want))
        fail_msg("%s:%d: %s/%s/%s/%s = %.17g, want %.17g", where, line, g, gv,
                 subj, metric, v, want);
    if (n != wn)
        fail_msg("%s:%d: %s/%s/%s/%s n = %ld, want %ld", where, line, g, gv,
                 subj, metric, n, wn);
}

#define expect(m, g, gv, s, me, v, n) \
    expect_at(m, g, gv, s, me, v, n, __FILE__, __LINE__)

static void absent_at(const struct sr_model *m, const char *g, const char *gv,
                      const char *subj, const char *metric, int line)
{
    if (sr_model_get(m, g, gv, subj, metric, NULL, NULL))
        fail_msg("line %d: figure %s/%s/%s/%s should be absent", line, g, gv,
                 subj, metric);
}

#define absent(m, g, gv, s, me) absent_at(m, g, gv, s, me, __LINE__)

/* A form with only the given answers (the rest missing). */
static struct test_form blank(const char *region, const char *type)
{
    struct test_form f = { region, type, { M, M, M, M, M, M, M }, { 0, 0 } };

    return f;
}

/* ---- the reference data set (generated: see the end of the file) ------ */

static const struct test_form forms[] = {
    { "华北", "-散户", { 5, 5, 3, 5, M, 4, 0 }, { 0, 10 } },
    { "华北", "=VIP", { 3, 4, 3, 3, M, 5, 0 }, { 2, 13 } },
    { NULL, "-散户", { M, 5, 3, 3, M, 5, 7 }, { 1, 7 } },
    { "", "普通", { 1, M, 2, 4, M, 5, M }, { 2, 11 } },
    { "西部", "=VIP", { 1, 3, 3, 3, M, 5, 8 }, { 2, 15 } },
    { "", "-散户", { 5, 5, 4, 2, M, 2, M }, { 2, 1 } },
    { "华东", NULL, { M, 5, 2, 3, M, 3, 8 }, { 4, 10 } },
    { "华北", "=VIP", { 2, 1, 3, M, M, 2, 10 }, { 2, 15 } },
    { "华东", NULL, { M, 4, 3, 3, M, 4, 8 }, { 0, 6 } },
    { "华东", NULL, { 3, 5, 3, 3, M, 5, 10 }, { 1, 4 } },
    { "华北", "普通", { M, M, 4, 3, M, 4, 5 }, { 4, 4 } },
    { "华北", "=VIP", { M, 4, 5, 3, M, 4, M }, { 1, 13 } },
    { "华北", "-散户", { 3, 2, 5, 2, M, 4, 4 }, { 0, 15 } },
    { "华东", "普通", { 5, 1, M, 5, M, 5, 8 }, { 2, 11 } },
    { "华北", "-散户", { 1, 4, 3, 2, M, 5, 4 }, { 2, 0 } },
    { "华东", "=VIP", { 1, 4, 2, 5, M, 2, 5 }, { 1, 2 } },
    { "华东", "-散户", { 2, M, 4, 5, M, M, 5 }, { 2, 7 } },
    { "华东", "普通", { 3, 1, 5, 3, M, 2, 7 }, { 2, 0 } },
    { "", "普通", { 2, 1, 5, 4, M, 2, 3 }, { 1, 14 } },
    { "华东", "=VIP", { 5, 4, 4, 5, M, 3, 7 }, { 4, 15 } },
    { "华北", "普通", { 5, 5, 1, 5, M, 5, 4 }, { 4, 12 } },
    { "华北", "-散户", { 1, 5, 5, 3, M, 2, M }, { 2, 5 } },
    { NULL, "普通", { M, 4, 5, 5, M, 4, 9 }, { 4, 7 } },
    { NULL, NULL, { 3, 1, 3, 2, M, 5, 0 }, { 1, 4 } },
    { NULL, "-散户", { 4, 4, 2, 5, M, 4, 7 }, { 0, 14 } },
    { "华东", "-散户", { 3, 4, M, 2, M, 4, 10 }, { 2, 9 } },
    { "华东", "=VIP", { 3, 3, 3, 4, M, 4, 10 }, { 1, 0 } },
    { "华东", "-散户", { 3, 4, 4, 3, M, 5, 3 }, { 1, 2 } },
    { "华北", "-散户", { 3, 5, M, 5, M, 5, 7 }, { 4, 11 } },
    { "华东", "-散户", { 4, 4, M, 3, M, M, 4 }, { 0, 10 } },
    { "", "普通", { 3, 3, 1, 2, M, 4, 10 }, { 2, 10 } },
    { "西部", "普通", { 2, 4, 1, 3, M, 3, 3 }, { 1, 2 } },
    { NULL, "=VIP", { 3, M, 5, M, M, 5, 7 }, { 2, 6 } },
    { "西部", "普通", { 5, 4, 1, 3, M, M, 4 }, { 2, 0 } },
    { "华北", "普通", { 5, 1, 2, 5, M, 5, M }, { 4, 8 } },
    { "华东", NULL, { 4, 2, 3, 5, M, 5, 0 }, { 1, 14 } },
    { "", "普通", { 4, 5, 3, 4, M, 5, 9 }, { 1, 0 } },
    { NULL, "=VIP", { 3, 3, 1, 1, M, 4, 2 }, { 0, 12 } },
    { "华北", "-散户", { 3, 1, 3, 3, M, 2, 8 }, { 4, 0 } },
    { "华东", NULL, { 5, 4, 1, 1, M, 5, 9 }, { 2, 1 } },
};

static const struct test_row expected[] = {
    { "all", "", "forms", "read", 45.0, -1 },
    { "all", "", "forms", "accepted", 40.0, -1 },
    { "all", "", "forms", "refused", 3.0, -1 },
    { "all", "", "forms", "out_of_period", 2.0, -1 },
    { "all", "", "Q1", "mean", 3.176470588235294, 34 },
    { "all", "", "Q1", "sd", 1.336449122370355, 34 },
    { "all", "", "Q1", "ci95_low", 2.7101614447609816, 34 },
    { "all", "", "Q1", "ci95_high", 3.6427797317096062, 34 },
    { "all", "", "Q1", "median", 3.0, 34 },
    { "all", "", "Q1", "top2", 0.35294117647058826, 34 },
    { "all", "", "Q1", "bottom2", 0.2647058823529412, 34 },
    { "all", "", "Q1", "index", 54.41176470588235, 34 },
    { "all", "", "Q1", "target", 85.0, -1 },
    { "all", "", "Q1", "gap", -30.588235294117652, -1 },
    { "all", "", "Q1", "action_rank", 2.0, -1 },
    { "all", "", "Q1", "r_overall", 0.22693184554389406, 31 },
    { "all", "", "Q1=1", "count", 5.0, 34 },
    { "all", "", "Q1=1", "share", 0.14705882352941177, 34 },
    { "all", "", "Q1=2", "count", 4.0, 34 },
    { "all", "", "Q1=2", "share", 0.11764705882352941, 34 },
    { "all", "", "Q1=3", "count", 13.0, 34 },
    { "all", "", "Q1=3", "share", 0.38235294117647056, 34 },
    { "all", "", "Q1=4", "count", 4.0, 34 },
    { "all", "", "Q1=4", "share", 0.11764705882352941, 34 },
    { "all", "", "Q1=5", "count", 8.0, 34 },
    { "all", "", "Q1=5", "share", 0.23529411764705882, 34 },
    { "all", "", "Q2", "mean", 3.4444444444444446, 36 },
    { "all", "", "Q2", "sd", 1.443100718085776, 36 },
    { "all", "", "Q2", "ci95_low", 2.9561694096028286, 36 },
    { "all", "", "Q2", "ci95_high", 3.9327194792860607, 36 },
    { "all", "", "Q2", "median", 4.0, 36 },
    { "all", "", "Q2", "top2", 0.6388888888888888, 36 },
    { "all", "", "Q2", "bottom2", 0.25, 36 },
    { "all", "", "Q2", "index", 61.111111111111114, 36 },
    { "all", "", "Q2", "target", 85.0, -1 },
    { "all", "", "Q2", "gap", -23.888888888888886, -1 },
    { "all", "", "Q2", "action_rank", 3.0, -1 },
    { "all", "", "Q2", "r_overall", 0.18005303889128146, 34 },
    { "all", "", "Q2=1", "count", 7.0, 36 },
    { "all", "", "Q2=1", "share", 0.19444444444444445, 36 },
    { "all", "", "Q2=2", "count", 2.0, 36 },
    { "all", "", "Q2=2", "share", 0.05555555555555555, 36 },
    { "all", "", "Q2=3", "count", 4.0, 36 },
    { "all", "", "Q2=3", "share", 0.1111111111111111, 36 },
    { "all", "", "Q2=4", "count", 14.0, 36 },
    { "all", "", "Q2=4", "share", 0.3888888888888889, 36 },
    { "all", "", "Q2=5", "count", 9.0, 36 },
    { "all", "", "Q2=5", "share", 0.25, 36 },
    { "all", "", "Q3", "mean", 3.0555555555555554, 36 },
    { "all", "", "Q3", "sd", 1.329757108743536, 36 },
    { "all", "", "Q3", "ci95_low", 2.6056304807043045, 36 },
    { "all", "", "Q3", "ci95_high", 3.5054806304068062, 36 },
    { "all", "", "Q3", "median", 3.0, 36 },
    { "all", "", "Q3", "top2", 0.3333333333333333, 36 },
    { "all", "", "Q3", "bottom2", 0.3055555555555556, 36 },
    { "all", "", "Q3", "index", 51.388888888888886, 36 },
    { "all", "", "Q3", "target", 85.0, -1 },
    { "all", "", "Q3", "gap", -33.611111111111114, -1 },
    { "all", "", "Q3", "action_rank", 1.0, -1 },
    { "all", "", "Q3", "r_overall", -0.25278842003554447, 34 },
    { "all", "", "Q3=1", "count", 6.0, 36 },
    { "all", "", "Q3=1", "share", 0.16666666666666666, 36 },
    { "all", "", "Q3=2", "count", 5.0, 36 },
    { "all", "", "Q3=2", "share", 0.1388888888888889, 36 },
    { "all", "", "Q3=3", "count", 13.0, 36 },
    { "all", "", "Q3=3", "share", 0.3611111111111111, 36 },
    { "all", "", "Q3=4", "count", 5.0, 36 },
    { "all", "", "Q3=4", "share", 0.1388888888888889, 36 },
    { "all", "", "Q3=5", "count", 7.0, 36 },
    { "all", "", "Q3=5", "share", 0.19444444444444445, 36 },
    { "all", "", "Q4", "mean", 3.4210526315789473, 38 },
    { "all", "", "Q4", "sd", 1.2221288238233785, 38 },
    { "all", "", "Q4", "ci95_low", 3.019348883179033, 38 },
    { "all", "", "Q4", "ci95_high", 3.8227563799788618, 38 },
    { "all", "", "Q4", "median", 3.0, 38 },
    { "all", "", "Q4", "top2", 0.39473684210526316, 38 },
    { "all", "", "Q4", "bottom2", 0.21052631578947367, 38 },
    { "all", "", "Q4", "index", 60.526315789473685, 38 },
    { "all", "", "Q4", "target", 80.0, -1 },
    { "all", "", "Q4", "gap", -19.473684210526315, -1 },
    { "all", "", "Q4", "action_rank", 4.0, -1 },
    { "all", "", "Q4", "r_overall", 0.04263239263154683, 35 },
    { "all", "", "Q4=1", "count", 2.0, 38 },
    { "all", "", "Q4=1", "share", 0.05263157894736842, 38 },
    { "all", "", "Q4=2", "count", 6.0, 38 },
    { "all", "", "Q4=2", "share", 0.15789473684210525, 38 },
    { "all", "", "Q4=3", "count", 15.0, 38 },
    { "all", "", "Q4=3", "share", 0.39473684210526316, 38 },
    { "all", "", "Q4=4", "count", 4.0, 38 },
    { "all", "", "Q4=4", "share", 0.10526315789473684, 38 },
    { "all", "", "Q4=5", "count", 11.0, 38 },
    { "all", "", "Q4=5", "share", 0.2894736842105263, 38 },
    { "all", "", "overall", "mean", 3.972972972972973, 37 },
    { "all", "", "overall", "sd", 1.142280528068655, 37 },
    { "all", "", "overall", "ci95_low", 3.5921176831480643, 37 },
    { "all", "", "overall", "ci95_high", 4.353828262797881, 37 },
    { "all", "", "overall", "median", 4.0, 37 },
    { "all", "", "overall", "top2", 0.7297297297297297, 37 },
    { "all", "", "overall", "bottom2", 0.1891891891891892, 37 },
    { "all", "", "overall", "index", 74.32432432432432, 37 },
    { "all", "", "overall", "r_overall", 1.0, 37 },
    { "all", "", "overall=1", "count", 0.0, 37 },
    { "all", "", "overall=1", "share", 0.0, 37 },
    { "all", "", "overall=2", "count", 7.0, 37 },
    { "all", "", "overall=2", "share", 0.1891891891891892, 37 },
    { "all", "", "overall=3", "count", 3.0, 37 },
    { "all", "", "overall=3", "share", 0.08108108108108109, 37 },
    { "all", "", "overall=4", "count", 11.0, 37 },
    { "all", "", "overall=4", "share", 0.2972972972972973, 37 },
    { "all", "", "overall=5", "count", 16.0, 37 },
    { "all", "", "overall=5", "share", 0.43243243243243246, 37 },
    { "all", "", "recommend", "mean", 5.857142857142857, 35 },
    { "all", "", "recommend", "sd", 3.172889359992923, 35 },
    { "all", "", "recommend", "ci95_low", 4.7672172278539495, 35 },
    { "all", "", "recommend", "ci95_high", 6.947068486431764, 35 },
    { "all", "", "recommend", "median", 7.0, 35 },
    { "all", "", "recommend", "top2", 0.22857142857142856, 35 },
    { "all", "", "recommend", "bottom2", 0.11428571428571428, 35 },
    { "all", "", "recommend", "index", 58.57142857142856, 35 },
    { "all", "", "recommend", "r_overall", -0.1259903896621189, 32 },
    { "all", "", "recommend=0", "count", 4.0, 35 },
    { "all", "", "recommend=0", "share", 0.11428571428571428, 35 },
    { "all", "", "recommend=1", "count", 0.0, 35 },
    { "all", "", "recommend=1", "share", 0.0, 35 },
    { "all", "", "recommend=2", "count", 1.0, 35 },
    { "all", "", "recommend=2", "share", 0.02857142857142857, 35 },
    { "all", "", "recommend=3", "count", 3.0, 35 },
    { "all", "", "recommend=3", "share", 0.08571428571428572, 35 },
    { "all", "", "recommend=4", "count", 5.0, 35 },
    { "all", "", "recommend=4", "share", 0.14285714285714285, 35 },
    { "all", "", "recommend=5", "count", 3.0, 35 },
    { "all", "", "recommend=5", "share", 0.08571428571428572, 35 },
    { "all", "", "recommend=6", "count", 0.0, 35 },
    { "all", "", "recommend=6", "share", 0.0, 35 },
    { "all", "", "recommend=7", "count", 6.0, 35 },
    { "all", "", "recommend=7", "share", 0.17142857142857143, 35 },
    { "all", "", "recommend=8", "count", 5.0, 35 },
    { "all", "", "recommend=8", "share", 0.14285714285714285, 35 },
    { "all", "", "recommend=9", "count", 3.0, 35 },
    { "all", "", "recommend=9", "share", 0.08571428571428572, 35 },
    { "all", "", "recommend=10", "count", 5.0, 35 },
    { "all", "", "recommend=10", "share", 0.14285714285714285, 35 },
    { "all", "", "service", "mean", 3.275, 40 },
    { "all", "", "service", "sd", 0.7776709328321842, 40 },
    { "all", "", "service", "ci95_low", 3.026288769732443, 40 },
    { "all", "", "service", "ci95_high", 3.5237112302675566, 40 },
    { "all", "", "service", "median", 3.3333333333333335, 40 },
    { "all", "", "service", "top2", 0.44339622641509435, 106 },
    { "all", "", "service", "bottom2", 0.27358490566037735, 106 },
    { "all", "", "service", "index", 56.875, 40 },
    { "all", "", "service", "alpha", -0.32974910394265167, 27 },
    { "all", "", "service", "target", 85.0, -1 },
    { "all", "", "service", "gap", -28.125, -1 },
    { "all", "", "service", "action_rank", 1.0, -1 },
    { "all", "", "service", "r_overall", 0.08912787767736356, 37 },
    { "all", "", "service", "quadrant", 2.0, -1 },
    { "all", "", "price", "mean", 3.4210526315789473, 38 },
    { "all", "", "price", "sd", 1.2221288238233785, 38 },
    { "all", "", "price", "ci95_low", 3.019348883179033, 38 },
    { "all", "", "price", "ci95_high", 3.8227563799788618, 38 },
    { "all", "", "price", "median", 3.0, 38 },
    { "all", "", "price", "top2", 0.39473684210526316, 38 },
    { "all", "", "price", "bottom2", 0.21052631578947367, 38 },
    { "all", "", "price", "index", 60.526315789473685, 38 },
    { "all", "", "price", "target", 80.0, -1 },
    { "all", "", "price", "gap", -19.473684210526315, -1 },
    { "all", "", "price", "action_rank", 2.0, -1 },
    { "all", "", "price", "r_overall", 0.04263239263154683, 35 },
    { "all", "", "price", "quadrant", 4.0, -1 },
    { "all", "", "spare", "target", 70.0, -1 },
    { "all", "", "CSI", "index", 58.33552631578948, 40 },
    { "all", "", "NPS", "index", -22.857142857142858, 35 },
    { "all", "", "plan=1", "count", 11.0, 34 },
    { "all", "", "plan=1", "share", 0.3235294117647059, 34 },
    { "all", "", "plan=2", "count", 15.0, 34 },
    { "all", "", "plan=2", "share", 0.4411764705882353, 34 },
    { "all", "", "plan=3", "count", 8.0, 34 },
    { "all", "", "plan=3", "share", 0.23529411764705882, 34 },
    { "all", "", "improve=1", "count", 16.0, 34 },
    { "all", "", "improve=1", "share", 0.47058823529411764, 34 },
    { "all", "", "improve=2", "count", 22.0, 34 },
    { "all", "", "improve=2", "share", 0.6470588235294118, 34 },
    { "all", "", "improve=3", "count", 20.0, 34 },
    { "all", "", "improve=3", "share", 0.5882352941176471, 34 },
    { "all", "", "improve=4", "count", 20.0, 34 },
    { "all", "", "improve=4", "share", 0.5882352941176471, 34 },
    { "region", "华东", "forms", "count", 14.0, -1 },
    { "region", "华东", "forms", "small", 1.0, -1 },
    { "region", "华东", "Q1", "mean", 3.4166666666666665, 12 },
    { "region", "华东", "Q1", "sd", 1.2401124093721456, 12 },
    { "region", "华东", "Q1", "ci95_low", 2.62873683286904, 12 },
    { "region", "华东", "Q1", "ci95_high", 4.204596500464293, 12 },
    { "region", "华东", "Q1", "median", 3.0, 12 },
    { "region", "华东", "Q1", "top2", 0.4166666666666667, 12 },
    { "region", "华东", "Q1", "bottom2", 0.16666666666666666, 12 },
    { "region", "华东", "Q1", "index", 60.416666666666664, 12 },
    { "region", "华东", "Q1", "p_value", 0.4327672437025962, 12 },
    { "region", "华东", "Q1", "p_top2", 0.5657915927419568, 12 },
    { "region", "华东", "Q1", "significant", 0.0, -1 },
    { "region", "华东", "Q1", "r_overall", 0.4913036844405175, 10 },
    { "region", "华东", "Q1=1", "count", 1.0, 12 },
    { "region", "华东", "Q1=1", "share", 0.08333333333333333, 12 },
    { "region", "华东", "Q1=2", "count", 1.0, 12 },
    { "region", "华东", "Q1=2", "share", 0.08333333333333333, 12 },
    { "region", "华东", "Q1=3", "count", 5.0, 12 },
    { "region", "华东", "Q1=3", "share", 0.4166666666666667, 12 },
    { "region", "华东", "Q1=4", "count", 2.0, 12 },
    { "region", "华东", "Q1=4", "share", 0.16666666666666666, 12 },
    { "region", "华东", "Q1=5", "count", 3.0, 12 },
    { "region", "华东", "Q1=5", "share", 0.25, 12 },
    { "region", "华东", "Q2", "mean", 3.4615384615384617, 13 },
    { "region", "华东", "Q2", "sd", 1.3301243435223524, 13 },
    { "region", "华东", "Q2", "ci95_low", 2.657752365237209, 13 },
    { "region", "华东", "Q2", "ci95_high", 4.2653245578397145, 13 },
    { "region", "华东", "Q2", "median", 4.0, 13 },
    { "region", "华东", "Q2", "top2", 0.6923076923076923, 13 },
    { "region", "华东", "Q2", "bottom2", 0.23076923076923078, 13 },
    { "region", "华东", "Q2", "index", 61.53846153846154, 13 },
    { "region", "华东", "Q2", "p_value", 0.9566662300843676, 13 },
    { "region", "华东", "Q2", "p_top2", 0.6158980941098553, 13 },
    { "region", "华东", "Q2", "significant", 0.0, -1 },
    { "region", "华东", "Q2", "r_overall", 0.02358884236119544, 12 },
    { "region", "华东", "Q2=1", "count", 2.0, 13 },
    { "region", "华东", "Q2=1", "share", 0.15384615384615385, 13 },
    { "region", "华东", "Q2=2", "count", 1.0, 13 },
    { "region", "华东", "Q2=2", "share", 0.07692307692307693, 13 },
    { "region", "华东", "Q2=3", "count", 1.0, 13 },
    { "region", "华东", "Q2=3", "share", 0.07692307692307693, 13 },
    { "region", "华东", "Q2=4", "count", 7.0, 13 },
    { "region", "华东", "Q2=4", "share", 0.5384615384615384, 13 },
    { "region", "华东", "Q2=5", "count", 2.0, 13 },
    { "region", "华东", "Q2=5", "share", 0.15384615384615385, 13 },
    { "region", "华东", "Q3", "mean", 3.090909090909091, 11 },
    { "region", "华东", "Q3", "sd", 1.1361818036340359, 11 },
    { "region", "华东", "Q3", "ci95_low", 2.327611769198618, 11 },
    { "region", "华东", "Q3", "ci95_high", 3.854206412619564, 11 },
    { "region", "华东", "Q3", "median", 3.0, 11 },
    { "region", "华东", "Q3", "top2", 0.36363636363636365, 11 },
    { "region", "华东", "Q3", "bottom2", 0.2727272727272727, 11 },
    { "region", "华东", "Q3", "index", 52.27272727272727, 11 },
    { "region", "华东", "Q3", "p_value", 0.9100835827742665, 11 },
    { "region", "华东", "Q3", "p_top2", 0.7980737221573262, 11 },
    { "region", "华东", "Q3", "significant", 0.0, -1 },
    { "region", "华东", "Q3", "r_overall", -0.2348341091569311, 10 },
    { "region", "华东", "Q3=1", "count", 1.0, 11 },
    { "region", "华东", "Q3=1", "share", 0.09090909090909091, 11 },
    { "region", "华东", "Q3=2", "count", 2.0, 11 },
    { "region", "华东", "Q3=2", "share", 0.18181818181818182, 11 },
    { "region", "华东", "Q3=3", "count", 4.0, 11 },
    { "region", "华东", "Q3=3", "share", 0.36363636363636365, 11 },
    { "region", "华东", "Q3=4", "count", 3.0, 11 },
    { "region", "华东", "Q3=4", "share", 0.2727272727272727, 11 },
    { "region", "华东", "Q3=5", "count", 1.0, 11 },
    { "region", "华东", "Q3=5", "share", 0.09090909090909091, 11 },
    { "region", "华东", "Q4", "mean", 3.5714285714285716, 14 },
    { "region", "华东", "Q4", "sd", 1.2838814775327387, 14 },
    { "region", "华东", "Q4", "ci95_low", 2.8301374760762212, 14 },
    { "region", "华东", "Q4", "ci95_high", 4.312719666780922, 14 },
    { "region", "华东", "Q4", "median", 3.0, 14 },
    { "region", "华东", "Q4", "top2", 0.42857142857142855, 14 },
    { "region", "华东", "Q4", "bottom2", 0.14285714285714285, 14 },
    { "region", "华东", "Q4", "index", 64.28571428571429, 14 },
    { "region", "华东", "Q4", "p_value", 0.5775110364589187, 14 },
    { "region", "华东", "Q4", "p_top2", 0.7444995860525421, 14 },
    { "region", "华东", "Q4", "significant", 0.0, -1 },
    { "region", "华东", "Q4", "r_overall", -0.2079004126827288, 12 },
    { "region", "华东", "Q4=1", "count", 1.0, 14 },
    { "region", "华东", "Q4=1", "share", 0.07142857142857142, 14 },
    { "region", "华东", "Q4=2", "count", 1.0, 14 },
    { "region", "华东", "Q4=2", "share", 0.07142857142857142, 14 },
    { "region", "华东", "Q4=3", "count", 6.0, 14 },
    { "region", "华东", "Q4=3", "share", 0.42857142857142855, 14 },
    { "region", "华东", "Q4=4", "count", 1.0, 14 },
    { "region", "华东", "Q4=4", "share", 0.07142857142857142, 14 },
    { "region", "华东", "Q4=5", "count", 5.0, 14 },
    { "region", "华东", "Q4=5", "share", 0.35714285714285715, 14 },
    { "region", "华东", "overall", "mean", 3.9166666666666665, 12 },
    { "region", "华东", "overall", "sd", 1.1645001528813148, 12 },
    { "region", "华东", "overall", "ci95_low", 3.176778568633983, 12 },
    { "region", "华东", "overall", "ci95_high", 4.65655476469935, 12 },
    { "region", "华东", "overall", "median", 4.0, 12 },
    { "region", "华东", "overall", "top2", 0.6666666666666666, 12 },
    { "region", "华东", "overall", "bottom2", 0.16666666666666666, 12 },
    { "region", "华东", "overall", "index", 72.91666666666666, 12 },
    { "region", "华东", "overall", "p_value", 0.8400099030881472, 12 },
    { "region", "华东", "overall", "p_top2", 0.5495502710529252, 12 },
    { "region", "华东", "overall", "significant", 0.0, -1 },
    { "region", "华东", "overall", "r_overall", 1.0, 12 },
    { "region", "华东", "overall=1", "count", 0.0, 12 },
    { "region", "华东", "overall=1", "share", 0.0, 12 },
    { "region", "华东", "overall=2", "count", 2.0, 12 },
    { "region", "华东", "overall=2", "share", 0.16666666666666666, 12 },
    { "region", "华东", "overall=3", "count", 2.0, 12 },
    { "region", "华东", "overall=3", "share", 0.16666666666666666, 12 },
    { "region", "华东", "overall=4", "count", 3.0, 12 },
    { "region", "华东", "overall=4", "share", 0.25, 12 },
    { "region", "华东", "overall=5", "count", 5.0, 12 },
    { "region", "华东", "overall=5", "share", 0.4166666666666667, 12 },
    { "region", "华东", "recommend", "mean", 6.714285714285714, 14 },
    { "region", "华东", "recommend", "sd", 2.9724005172864634, 14 },
    { "region", "华东", "recommend", "ci95_low", 4.998072750827809, 14 },
    { "region", "华东", "recommend", "ci95_high", 8.43049867774362, 14 },
    { "region", "华东", "recommend", "median", 7.5, 14 },
    { "region", "华东", "recommend", "top2", 0.2857142857142857, 14 },
    { "region", "华东", "recommend", "bottom2", 0.07142857142857142, 14 },
    { "region", "华东", "recommend", "index", 67.14285714285715, 14 },
    { "region", "华东", "recommend", "p_value", 0.18950709813639444, 14 },
    { "region", "华东", "recommend", "p_top2", 0.5109609089726405, 14 },
    { "region", "华东", "recommend", "significant", 0.0, -1 },
    { "region", "华东", "recommend", "r_overall", -0.0489179041477698, 12 },
    { "region", "华东", "recommend=0", "count", 1.0, 14 },
    { "region", "华东", "recommend=0", "share", 0.07142857142857142, 14 },
    { "region", "华东", "recommend=1", "count", 0.0, 14 },
    { "region", "华东", "recommend=1", "share", 0.0, 14 },
    { "region", "华东", "recommend=2", "count", 0.0, 14 },
    { "region", "华东", "recommend=2", "share", 0.0, 14 },
    { "region", "华东", "recommend=3", "count", 1.0, 14 },
    { "region", "华东", "recommend=3", "share", 0.07142857142857142, 14 },
    { "region", "华东", "recommend=4", "count", 1.0, 14 },
    { "region", "华东", "recommend=4", "share", 0.07142857142857142, 14 },
    { "region", "华东", "recommend=5", "count", 2.0, 14 },
    { "region", "华东", "recommend=5", "share", 0.14285714285714285, 14 },
    { "region", "华东", "recommend=6", "count", 0.0, 14 },
    { "region", "华东", "recommend=6", "share", 0.0, 14 },
    { "region", "华东", "recommend=7", "count", 2.0, 14 },
    { "region", "华东", "recommend=7", "share", 0.14285714285714285, 14 },
    { "region", "华东", "recommend=8", "count", 3.0, 14 },
    { "region", "华东", "recommend=8", "share", 0.21428571428571427, 14 },
    { "region", "华东", "recommend=9", "count", 1.0, 14 },
    { "region", "华东", "recommend=9", "share", 0.07142857142857142, 14 },
    { "region", "华东", "recommend=10", "count", 3.0, 14 },
    { "region", "华东", "recommend=10", "share", 0.21428571428571427, 14 },
    { "region", "华东", "service", "mean", 3.3452380952380953, 14 },
    { "region", "华东", "service", "sd", 0.5041040360093133, 14 },
    { "region", "华东", "service", "ci95_low", 3.0541770903367644, 14 },
    { "region", "华东", "service", "ci95_high", 3.6362991001394263, 14 },
    { "region", "华东", "service", "median", 3.416666666666667, 14 },
    { "region", "华东", "service", "top2", 0.5, 36 },
    { "region", "华东", "service", "bottom2", 0.2222222222222222, 36 },
    { "region", "华东", "service", "index", 58.63095238095239, 14 },
    { "region", "华东", "service", "p_value", 0.6289202589144258, 14 },
    { "region", "华东", "service", "p_top2", 0.400200949884998, 36 },
    { "region", "华东", "service", "significant", 0.0, -1 },
    { "region", "华东", "service", "alpha", -0.7704918032786884, 8 },
    { "region", "华东", "service", "target", 85.0, -1 },
    { "region", "华东", "service", "gap", -26.369047619047613, -1 },
    { "region", "华东", "service", "action_rank", 1.0, -1 },
    { "region", "华东", "service", "r_overall", 0.2321303374382196, 12 },
    { "region", "华东", "price", "mean", 3.5714285714285716, 14 },
    { "region", "华东", "price", "sd", 1.2838814775327387, 14 },
    { "region", "华东", "price", "ci95_low", 2.8301374760762212, 14 },
    { "region", "华东", "price", "ci95_high", 4.312719666780922, 14 },
    { "region", "华东", "price", "median", 3.0, 14 },
    { "region", "华东", "price", "top2", 0.42857142857142855, 14 },
    { "region", "华东", "price", "bottom2", 0.14285714285714285, 14 },
    { "region", "华东", "price", "index", 64.28571428571429, 14 },
    { "region", "华东", "price", "p_value", 0.5775110364589187, 14 },
    { "region", "华东", "price", "p_top2", 0.7444995860525421, 14 },
    { "region", "华东", "price", "significant", 0.0, -1 },
    { "region", "华东", "price", "target", 80.0, -1 },
    { "region", "华东", "price", "gap", -15.714285714285708, -1 },
    { "region", "华东", "price", "action_rank", 2.0, -1 },
    { "region", "华东", "price", "r_overall", -0.2079004126827288, 12 },
    { "region", "华东", "spare", "target", 70.0, -1 },
    { "region", "华东", "CSI", "index", 60.89285714285715, 14 },
    { "region", "华东", "NPS", "index", -7.142857142857143, 14 },
    { "region", "华东", "plan=1", "count", 5.0, 12 },
    { "region", "华东", "plan=1", "share", 0.4166666666666667, 12 },
    { "region", "华东", "plan=2", "count", 5.0, 12 },
    { "region", "华东", "plan=2", "share", 0.4166666666666667, 12 },
    { "region", "华东", "plan=3", "count", 2.0, 12 },
    { "region", "华东", "plan=3", "share", 0.16666666666666666, 12 },
    { "region", "华东", "improve=1", "count", 5.0, 12 },
    { "region", "华东", "improve=1", "share", 0.4166666666666667, 12 },
    { "region", "华东", "improve=2", "count", 9.0, 12 },
    { "region", "华东", "improve=2", "share", 0.75, 12 },
    { "region", "华东", "improve=3", "count", 5.0, 12 },
    { "region", "华东", "improve=3", "share", 0.4166666666666667, 12 },
    { "region", "华东", "improve=4", "count", 6.0, 12 },
    { "region", "华东", "improve=4", "share", 0.5, 12 },
    { "region", "华北", "forms", "count", 12.0, -1 },
    { "region", "华北", "forms", "small", 1.0, -1 },
    { "region", "华北", "Q1", "mean", 3.1, 10 },
    { "region", "华北", "Q1", "sd", 1.5238839267549948, 10 },
    { "region", "华北", "Q1", "ci95_low", 2.0098791090981196, 10 },
    { "region", "华北", "Q1", "ci95_high", 4.190120890901881, 10 },
    { "region", "华北", "Q1", "median", 3.0, 10 },
    { "region", "华北", "Q1", "top2", 0.3, 10 },
    { "region", "华北", "Q1", "bottom2", 0.3, 10 },
    { "region", "华北", "Q1", "index", 52.5, 10 },
    { "region", "华北", "Q1", "p_value", 0.8461839553755921, 10 },
    { "region", "华北", "Q1", "p_top2", 0.6767006533393221, 10 },
    { "region", "华北", "Q1", "significant", 0.0, -1 },
    { "region", "华北", "Q1", "r_overall", 0.43099131979347727, 10 },
    { "region", "华北", "Q1=1", "count", 2.0, 10 },
    { "region", "华北", "Q1=1", "share", 0.2, 10 },
    { "region", "华北", "Q1=2", "count", 1.0, 10 },
    { "region", "华北", "Q1=2", "share", 0.1, 10 },
    { "region", "华北", "Q1=3", "count", 4.0, 10 },
    { "region", "华北", "Q1=3", "share", 0.4, 10 },
    { "region", "华北", "Q1=4", "count", 0.0, 10 },
    { "region", "华北", "Q1=4", "share", 0.0, 10 },
    { "region", "华北", "Q1=5", "count", 3.0, 10 },
    { "region", "华北", "Q1=5", "share", 0.3, 10 },
    { "region", "华北", "Q2", "mean", 3.3636363636363638, 11 },
    { "region", "华北", "Q2", "sd", 1.747725795010606, 11 },
    { "region", "华北", "Q2", "ci95_low", 2.189498198292541, 11 },
    { "region", "华北", "Q2", "ci95_high", 4.5377745289801865, 11 },
    { "region", "华北", "Q2", "median", 4.0, 11 },
    { "region", "华北", "Q2", "top2", 0.6363636363636364, 11 },
    { "region", "华北", "Q2", "bottom2", 0.36363636363636365, 11 },
    { "region", "华北", "Q2", "index", 59.09090909090909, 11 },
    { "region", "华北", "Q2", "p_value", 0.8462428706974977, 11 },
    { "region", "华北", "Q2", "p_top2", 0.9833061048675324, 11 },
    { "region", "华北", "Q2", "significant", 0.0, -1 },
    { "region", "华北", "Q2", "r_overall", 0.36801177656527817, 11 },
    { "region", "华北", "Q2=1", "count", 3.0, 11 },
    { "region", "华北", "Q2=1", "share", 0.2727272727272727, 11 },
    { "region", "华北", "Q2=2", "count", 1.0, 11 },
    { "region", "华北", "Q2=2", "share", 0.09090909090909091, 11 },
    { "region", "华北", "Q2=3", "count", 0.0, 11 },
    { "region", "华北", "Q2=3", "share", 0.0, 11 },
    { "region", "华北", "Q2=4", "count", 3.0, 11 },
    { "region", "华北", "Q2=4", "share", 0.2727272727272727, 11 },
    { "region", "华北", "Q2=5", "count", 4.0, 11 },
    { "region", "华北", "Q2=5", "share", 0.36363636363636365, 11 },
    { "region", "华北", "Q3", "mean", 3.3636363636363638, 11 },
    { "region", "华北", "Q3", "sd", 1.2862913567871994, 11 },
    { "region", "华北", "Q3", "ci95_low", 2.4994940719409016, 11 },
    { "region", "华北", "Q3", "ci95_high", 4.227778655331826, 11 },
    { "region", "华北", "Q3", "median", 3.0, 11 },
    { "region", "华北", "Q3", "top2", 0.36363636363636365, 11 },
    { "region", "华北", "Q3", "bottom2", 0.18181818181818182, 11 },
    { "region", "华北", "Q3", "index", 59.09090909090909, 11 },
    { "region", "华北", "Q3", "p_value", 0.35915822720508317, 11 },
    { "region", "华北", "Q3", "p_top2", 0.7980737221573262, 11 },
    { "region", "华北", "Q3", "significant", 0.0, -1 },
    { "region", "华北", "Q3", "r_overall", -0.38998614062539144, 11 },
    { "region", "华北", "Q3=1", "count", 1.0, 11 },
    { "region", "华北", "Q3=1", "share", 0.09090909090909091, 11 },
    { "region", "华北", "Q3=2", "count", 1.0, 11 },
    { "region", "华北", "Q3=2", "share", 0.09090909090909091, 11 },
    { "region", "华北", "Q3=3", "count", 5.0, 11 },
    { "region", "华北", "Q3=3", "share", 0.45454545454545453, 11 },
    { "region", "华北", "Q3=4", "count", 1.0, 11 },
    { "region", "华北", "Q3=4", "share", 0.09090909090909091, 11 },
    { "region", "华北", "Q3=5", "count", 3.0, 11 },
    { "region", "华北", "Q3=5", "share", 0.2727272727272727, 11 },
    { "region", "华北", "Q4", "mean", 3.5454545454545454, 11 },
    { "region", "华北", "Q4", "sd", 1.2135597524338357, 11 },
    { "region", "华北", "Q4", "ci95_low", 2.7301740104155114, 11 },
    { "region", "华北", "Q4", "ci95_high", 4.360735080493579, 11 },
    { "region", "华北", "Q4", "median", 3.0, 11 },
    { "region", "华北", "Q4", "top2", 0.36363636363636365, 11 },
    { "region", "华北", "Q4", "bottom2", 0.18181818181818182, 11 },
    { "region", "华北", "Q4", "index", 63.63636363636363, 11 },
    { "region", "华北", "Q4", "p_value", 0.6933726976512677, 11 },
    { "region", "华北", "Q4", "p_top2", 0.8023167896678942, 11 },
    { "region", "华北", "Q4", "significant", 0.0, -1 },
    { "region", "华北", "Q4", "r_overall", 0.32306834028610454, 11 },
    { "region", "华北", "Q4=1", "count", 0.0, 11 },
    { "region", "华北", "Q4=1", "share", 0.0, 11 },
    { "region", "华北", "Q4=2", "count", 2.0, 11 },
    { "region", "华北", "Q4=2", "share", 0.18181818181818182, 11 },
    { "region", "华北", "Q4=3", "count", 5.0, 11 },
    { "region", "华北", "Q4=3", "share", 0.45454545454545453, 11 },
    { "region", "华北", "Q4=4", "count", 0.0, 11 },
    { "region", "华北", "Q4=4", "share", 0.0, 11 },
    { "region", "华北", "Q4=5", "count", 4.0, 11 },
    { "region", "华北", "Q4=5", "share", 0.36363636363636365, 11 },
    { "region", "华北", "overall", "mean", 3.9166666666666665, 12 },
    { "region", "华北", "overall", "sd", 1.2401124093721454, 12 },
    { "region", "华北", "overall", "ci95_low", 3.1287368328690404, 12 },
    { "region", "华北", "overall", "ci95_high", 4.704596500464293, 12 },
    { "region", "华北", "overall", "median", 4.0, 12 },
    { "region", "华北", "overall", "top2", 0.75, 12 },
    { "region", "华北", "overall", "bottom2", 0.25, 12 },
    { "region", "华北", "overall", "index", 72.91666666666666, 12 },
    { "region", "华北", "overall", "p_value", 0.8454949245118648, 12 },
    { "region", "华北", "overall", "p_top2", 0.8474650470110108, 12 },
    { "region", "华北", "overall", "significant", 0.0, -1 },
    { "region", "华北", "overall", "r_overall", 1.0, 12 },
    { "region", "华北", "overall=1", "count", 0.0, 12 },
    { "region", "华北", "overall=1", "share", 0.0, 12 },
    { "region", "华北", "overall=2", "count", 3.0, 12 },
    { "region", "华北", "overall=2", "share", 0.25, 12 },
    { "region", "华北", "overall=3", "count", 0.0, 12 },
    { "region", "华北", "overall=3", "share", 0.0, 12 },
    { "region", "华北", "overall=4", "count", 4.0, 12 },
    { "region", "华北", "overall=4", "share", 0.3333333333333333, 12 },
    { "region", "华北", "overall=5", "count", 5.0, 12 },
    { "region", "华北", "overall=5", "share", 0.4166666666666667, 12 },
    { "region", "华北", "recommend", "mean", 4.666666666666667, 9 },
    { "region", "华北", "recommend", "sd", 3.3541019662496847, 9 },
    { "region", "华北", "recommend", "ci95_low", 2.0884756653106016, 9 },
    { "region", "华北", "recommend", "ci95_high", 7.244857668022732, 9 },
    { "region", "华北", "recommend", "median", 4.0, 9 },
    { "region", "华北", "recommend", "top2", 0.1111111111111111, 9 },
    { "region", "华北", "recommend", "bottom2", 0.2222222222222222, 9 },
    { "region", "华北", "recommend", "index", 46.666666666666664, 9 },
    { "region", "华北", "recommend", "p_value", 0.22908705211090222, 9 },
    { "region", "华北", "recommend", "p_top2", 0.33023249614155215, 9 },
    { "region", "华北", "recommend", "significant", 0.0, -1 },
    { "region", "华北", "recommend", "r_overall", -0.6390096504226939, 9 },
    { "region", "华北", "recommend=0", "count", 2.0, 9 },
    { "region", "华北", "recommend=0", "share", 0.2222222222222222, 9 },
    { "region", "华北", "recommend=1", "count", 0.0, 9 },
    { "region", "华北", "recommend=1", "share", 0.0, 9 },
    { "region", "华北", "recommend=2", "count", 0.0, 9 },
    { "region", "华北", "recommend=2", "share", 0.0, 9 },
    { "region", "华北", "recommend=3", "count", 0.0, 9 },
    { "region", "华北", "recommend=3", "share", 0.0, 9 },
    { "region", "华北", "recommend=4", "count", 3.0, 9 },
    { "region", "华北", "recommend=4", "share", 0.3333333333333333, 9 },
    { "region", "华北", "recommend=5", "count", 1.0, 9 },
    { "region", "华北", "recommend=5", "share", 0.1111111111111111, 9 },
    { "region", "华北", "recommend=6", "count", 0.0, 9 },
    { "region", "华北", "recommend=6", "share", 0.0, 9 },
    { "region", "华北", "recommend=7", "count", 1.0, 9 },
    { "region", "华北", "recommend=7", "share", 0.1111111111111111, 9 },
    { "region", "华北", "recommend=8", "count", 1.0, 9 },
    { "region", "华北", "recommend=8", "share", 0.1111111111111111, 9 },
    { "region", "华北", "recommend=9", "count", 0.0, 9 },
    { "region", "华北", "recommend=9", "share", 0.0, 9 },
    { "region", "华北", "recommend=10", "count", 1.0, 9 },
    { "region", "华北", "recommend=10", "share", 0.1111111111111111, 9 },
    { "region", "华北", "service", "mean", 3.375, 12 },
    { "region", "华北", "service", "sd", 0.8044227493028523, 12 },
    { "region", "华北", "service", "ci95_low", 2.8638941692937934, 12 },
    { "region", "华北", "service", "ci95_high", 3.8861058307062066, 12 },
    { "region", "华北", "service", "median", 3.5, 12 },
    { "region", "华北", "service", "top2", 0.4375, 32 },
    { "region", "华北", "service", "bottom2", 0.28125, 32 },
    { "region", "华北", "service", "index", 59.375, 12 },
    { "region", "华北", "service", "p_value", 0.6087228574483784, 12 },
    { "region", "华北", "service", "p_top2", 0.9359542921275218, 32 },
    { "region", "华北", "service", "significant", 0.0, -1 },
    { "region", "华北", "service", "alpha", -0.7750000000000002, 9 },
    { "region", "华北", "service", "target", 85.0, -1 },
    { "region", "华北", "service", "gap", -25.625, -1 },
    { "region", "华北", "service", "action_rank", 1.0, -1 },
    { "region", "华北", "service", "r_overall", 0.33794084242081535, 12 },
    { "region", "华北", "price", "mean", 3.5454545454545454, 11 },
    { "region", "华北", "price", "sd", 1.2135597524338357, 11 },
    { "region", "华北", "price", "ci95_low", 2.7301740104155114, 11 },
    { "region", "华北", "price", "ci95_high", 4.360735080493579, 11 },
    { "region", "华北", "price", "median", 3.0, 11 },
    { "region", "华北", "price", "top2", 0.36363636363636365, 11 },
    { "region", "华北", "price", "bottom2", 0.18181818181818182, 11 },
    { "region", "华北", "price", "index", 63.63636363636363, 11 },
    { "region", "华北", "price", "p_value", 0.6933726976512677, 11 },
    { "region", "华北", "price", "p_top2", 0.8023167896678942, 11 },
    { "region", "华北", "price", "significant", 0.0, -1 },
    { "region", "华北", "price", "target", 80.0, -1 },
    { "region", "华北", "price", "gap", -16.363636363636367, -1 },
    { "region", "华北", "price", "action_rank", 2.0, -1 },
    { "region", "华北", "price", "r_overall", 0.32306834028610454, 11 },
    { "region", "华北", "spare", "target", 70.0, -1 },
    { "region", "华北", "CSI", "index", 61.07954545454545, 12 },
    { "region", "华北", "NPS", "index", -55.55555555555556, 9 },
    { "region", "华北", "plan=1", "count", 1.0, 10 },
    { "region", "华北", "plan=1", "share", 0.1, 10 },
    { "region", "华北", "plan=2", "count", 4.0, 10 },
    { "region", "华北", "plan=2", "share", 0.4, 10 },
    { "region", "华北", "plan=3", "count", 5.0, 10 },
    { "region", "华北", "plan=3", "share", 0.5, 10 },
    { "region", "华北", "improve=1", "count", 6.0, 10 },
    { "region", "华北", "improve=1", "share", 0.6, 10 },
    { "region", "华北", "improve=2", "count", 4.0, 10 },
    { "region", "华北", "improve=2", "share", 0.4, 10 },
    { "region", "华北", "improve=3", "count", 7.0, 10 },
    { "region", "华北", "improve=3", "share", 0.7, 10 },
    { "region", "华北", "improve=4", "count", 8.0, 10 },
    { "region", "华北", "improve=4", "share", 0.8, 10 },
    { "type", "-散户", "forms", "count", 13.0, -1 },
    { "type", "-散户", "forms", "small", 1.0, -1 },
    { "type", "-散户", "Q1", "mean", 3.0833333333333335, 12 },
    { "type", "-散户", "Q1", "sd", 1.3113721705515065, 12 },
    { "type", "-散户", "Q1", "ci95_low", 2.2501272073559204, 12 },
    { "type", "-散户", "Q1", "ci95_high", 3.9165394593107465, 12 },
    { "type", "-散户", "Q1", "median", 3.0, 12 },
    { "type", "-散户", "Q1", "top2", 0.3333333333333333, 12 },
    { "type", "-散户", "Q1", "bottom2", 0.25, 12 },
    { "type", "-散户", "Q1", "index", 52.083333333333336, 12 },
    { "type", "-散户", "Q1", "p_value", 0.7664880691800429, 12 },
    { "type", "-散户", "Q1", "p_top2", 0.8597475663409356, 12 },
    { "type", "-散户", "Q1", "significant", 0.0, -1 },
    { "type", "-散户", "Q1", "r_overall", -0.11012755890869859, 10 },
    { "type", "-散户", "Q1=1", "count", 2.0, 12 },
    { "type", "-散户", "Q1=1", "share", 0.16666666666666666, 12 },
    { "type", "-散户", "Q1=2", "count", 1.0, 12 },
    { "type", "-散户", "Q1=2", "share", 0.08333333333333333, 12 },
    { "type", "-散户", "Q1=3", "count", 5.0, 12 },
    { "type", "-散户", "Q1=3", "share", 0.4166666666666667, 12 },
    { "type", "-散户", "Q1=4", "count", 2.0, 12 },
    { "type", "-散户", "Q1=4", "share", 0.16666666666666666, 12 },
    { "type", "-散户", "Q1=5", "count", 2.0, 12 },
    { "type", "-散户", "Q1=5", "share", 0.16666666666666666, 12 },
    { "type", "-散户", "Q2", "mean", 4.0, 12 },
    { "type", "-散户", "Q2", "sd", 1.2792042981336627, 12 },
    { "type", "-散户", "Q2", "ci95_low", 3.1872323650628043, 12 },
    { "type", "-散户", "Q2", "ci95_high", 4.812767634937196, 12 },
    { "type", "-散户", "Q2", "median", 4.0, 12 },
    { "type", "-散户", "Q2", "top2", 0.8333333333333334, 12 },
    { "type", "-散户", "Q2", "bottom2", 0.16666666666666666, 12 },
    { "type", "-散户", "Q2", "index", 75.0, 12 },
    { "type", "-散户", "Q2", "p_value", 0.09168789955454933, 12 },
    { "type", "-散户", "Q2", "p_top2", 0.08588644470432115, 12 },
    { "type", "-散户", "Q2", "significant", 0.0, -1 },
    { "type", "-散户", "Q2", "r_overall", 0.23842723254619685, 11 },
    { "type", "-散户", "Q2=1", "count", 1.0, 12 },
    { "type", "-散户", "Q2=1", "share", 0.08333333333333333, 12 },
    { "type", "-散户", "Q2=2", "count", 1.0, 12 },
    { "type", "-散户", "Q2=2", "share", 0.08333333333333333, 12 },
    { "type", "-散户", "Q2=3", "count", 0.0, 12 },
    { "type", "-散户", "Q2=3", "share", 0.0, 12 },
    { "type", "-散户", "Q2=4", "count", 5.0, 12 },
    { "type", "-散户", "Q2=4", "share", 0.4166666666666667, 12 },
    { "type", "-散户", "Q2=5", "count", 5.0, 12 },
    { "type", "-散户", "Q2=5", "share", 0.4166666666666667, 12 },
    { "type", "-散户", "Q3", "mean", 3.6, 10 },
    { "type", "-散户", "Q3", "sd", 0.9660917830792959, 10 },
    { "type", "-散户", "Q3", "ci95_low", 2.9088995711727126, 10 },
    { "type", "-散户", "Q3", "ci95_high", 4.291100428827288, 10 },
    { "type", "-散户", "Q3", "median", 3.5, 10 },
    { "type", "-散户", "Q3", "top2", 0.5, 10 },
    { "type", "-散户", "Q3", "bottom2", 0.1, 10 },
    { "type", "-散户", "Q3", "index", 65.0, 10 },
    { "type", "-散户", "Q3", "p_value", 0.0794260357437184, 10 },
    { "type", "-散户", "Q3", "p_top2", 0.18831268948891666, 10 },
    { "type", "-散户", "Q3", "significant", 0.0, -1 },
    { "type", "-散户", "Q3", "r_overall", -0.3106848830006001, 9 },
    { "type", "-散户", "Q3=1", "count", 0.0, 10 },
    { "type", "-散户", "Q3=1", "share", 0.0, 10 },
    { "type", "-散户", "Q3=2", "count", 1.0, 10 },
    { "type", "-散户", "Q3=2", "share", 0.1, 10 },
    { "type", "-散户", "Q3=3", "count", 4.0, 10 },
    { "type", "-散户", "Q3=3", "share", 0.4, 10 },
    { "type", "-散户", "Q3=4", "count", 3.0, 10 },
    { "type", "-散户", "Q3=4", "share", 0.3, 10 },
    { "type", "-散户", "Q3=5", "count", 2.0, 10 },
    { "type", "-散户", "Q3=5", "share", 0.2, 10 },
    { "type", "-散户", "Q4", "mean", 3.3076923076923075, 13 },
    { "type", "-散户", "Q4", "sd", 1.2506408613597129, 13 },
    { "type", "-散户", "Q4", "ci95_low", 2.551937598951976, 13 },
    { "type", "-散户", "Q4", "ci95_high", 4.063447016432638, 13 },
    { "type", "-散户", "Q4", "median", 3.0, 13 },
    { "type", "-散户", "Q4", "top2", 0.3076923076923077, 13 },
    { "type", "-散户", "Q4", "bottom2", 0.3076923076923077, 13 },
    { "type", "-散户", "Q4", "index", 57.692307692307686, 13 },
    { "type", "-散户", "Q4", "p_value", 0.6888204533231372, 13 },
    { "type", "-散户", "Q4", "p_top2", 0.4285905020043097, 13 },
    { "type", "-散户", "Q4", "significant", 0.0, -1 },
    { "type", "-散户", "Q4", "r_overall", 0.2151162790697674, 11 },
    { "type", "-散户", "Q4=1", "count", 0.0, 13 },
    { "type", "-散户", "Q4=1", "share", 0.0, 13 },
    { "type", "-散户", "Q4=2", "count", 4.0, 13 },
    { "type", "-散户", "Q4=2", "share", 0.3076923076923077, 13 },
    { "type", "-散户", "Q4=3", "count", 5.0, 13 },
    { "type", "-散户", "Q4=3", "share", 0.38461538461538464, 13 },
    { "type", "-散户", "Q4=4", "count", 0.0, 13 },
    { "type", "-散户", "Q4=4", "share", 0.0, 13 },
    { "type", "-散户", "Q4=5", "count", 4.0, 13 },
    { "type", "-散户", "Q4=5", "share", 0.3076923076923077, 13 },
    { "type", "-散户", "overall", "mean", 3.8181818181818183, 11 },
    { "type", "-散户", "overall", "sd", 1.250454462839956, 11 },
    { "type", "-散户", "overall", "ci95_low", 2.9781150794311944, 11 },
    { "type", "-散户", "overall", "ci95_high", 4.658248556932443, 11 },
    { "type", "-散户", "overall", "median", 4.0, 11 },
    { "type", "-散户", "overall", "top2", 0.7272727272727273, 11 },
    { "type", "-散户", "overall", "bottom2", 0.2727272727272727, 11 },
    { "type", "-散户", "overall", "index", 70.45454545454545, 11 },
    { "type", "-散户", "overall", "p_value", 0.6195758793645241, 11 },
    { "type", "-散户", "overall", "p_top2", 0.9825360956563449, 11 },
    { "type", "-散户", "overall", "significant", 0.0, -1 },
    { "type", "-散户", "overall", "r_overall", 1.0, 11 },
    { "type", "-散户", "overall=1", "count", 0.0, 11 },
    { "type", "-散户", "overall=1", "share", 0.0, 11 },
    { "type", "-散户", "overall=2", "count", 3.0, 11 },
    { "type", "-散户", "overall=2", "share", 0.2727272727272727, 11 },
    { "type", "-散户", "overall=3", "count", 0.0, 11 },
    { "type", "-散户", "overall=3", "share", 0.0, 11 },
    { "type", "-散户", "overall=4", "count", 4.0, 11 },
    { "type", "-散户", "overall=4", "share", 0.36363636363636365, 11 },
    { "type", "-散户", "overall=5", "count", 4.0, 11 },
    { "type", "-散户", "overall=5", "share", 0.36363636363636365, 11 },
    { "type", "-散户", "recommend", "mean", 5.363636363636363, 11 },
    { "type", "-散户", "recommend", "sd", 2.766684921443975, 11 },
    { "type", "-散户", "recommend", "ci95_low", 3.5049521426777006, 11 },
    { "type", "-散户", "recommend", "ci95_high", 7.2223205845950265, 11 },
    { "type", "-散户", "recommend", "median", 5.0, 11 },
    { "type", "-散户", "recommend", "top2", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend", "bottom2", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend", "index", 53.63636363636364, 11 },
    { "type", "-散户", "recommend", "p_value", 0.5123273531368542, 11 },
    { "type", "-散户", "recommend", "p_top2", 0.1891663156848905, 11 },
    { "type", "-散户", "recommend", "significant", 0.0, -1 },
    { "type", "-散户", "recommend", "r_overall", -0.258059589384166, 9 },
    { "type", "-散户", "recommend=0", "count", 1.0, 11 },
    { "type", "-散户", "recommend=0", "share", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend=1", "count", 0.0, 11 },
    { "type", "-散户", "recommend=1", "share", 0.0, 11 },
    { "type", "-散户", "recommend=2", "count", 0.0, 11 },
    { "type", "-散户", "recommend=2", "share", 0.0, 11 },
    { "type", "-散户", "recommend=3", "count", 1.0, 11 },
    { "type", "-散户", "recommend=3", "share", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend=4", "count", 3.0, 11 },
    { "type", "-散户", "recommend=4", "share", 0.2727272727272727, 11 },
    { "type", "-散户", "recommend=5", "count", 1.0, 11 },
    { "type", "-散户", "recommend=5", "share", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend=6", "count", 0.0, 11 },
    { "type", "-散户", "recommend=6", "share", 0.0, 11 },
    { "type", "-散户", "recommend=7", "count", 3.0, 11 },
    { "type", "-散户", "recommend=7", "share", 0.2727272727272727, 11 },
    { "type", "-散户", "recommend=8", "count", 1.0, 11 },
    { "type", "-散户", "recommend=8", "share", 0.09090909090909091, 11 },
    { "type", "-散户", "recommend=9", "count", 0.0, 11 },
    { "type", "-散户", "recommend=9", "share", 0.0, 11 },
    { "type", "-散户", "recommend=10", "count", 1.0, 11 },
    { "type", "-散户", "recommend=10", "share", 0.09090909090909091, 11 },
    { "type", "-散户", "service", "mean", 3.576923076923077, 13 },
    { "type", "-散户", "service", "sd", 0.6548090781097409, 13 },
    { "type", "-散户", "service", "ci95_low", 3.1812259112560946, 13 },
    { "type", "-散户", "service", "ci95_high", 3.9726202425900596, 13 },
    { "type", "-散户", "service", "median", 3.6666666666666665, 13 },
    { "type", "-散户", "service", "top2", 0.5588235294117647, 34 },
    { "type", "-散户", "service", "bottom2", 0.17647058823529413, 34 },
    { "type", "-散户", "service", "index", 64.42307692307693, 13 },
    { "type", "-散户", "service", "p_value", 0.07064589187284132, 13 },
    { "type", "-散户", "service", "p_top2", 0.1002045034517412, 34 },
    { "type", "-散户", "service", "significant", 0.0, -1 },
    { "type", "-散户", "service", "alpha", -0.08881578947368407, 8 },
    { "type", "-散户", "service", "target", 85.0, -1 },
    { "type", "-散户", "service", "gap", -20.576923076923066, -1 },
    { "type", "-散户", "service", "action_rank", 2.0, -1 },
    { "type", "-散户", "service", "r_overall", 0.021365711356509193, 11 },
    { "type", "-散户", "price", "mean", 3.3076923076923075, 13 },
    { "type", "-散户", "price", "sd", 1.2506408613597129, 13 },
    { "type", "-散户", "price", "ci95_low", 2.551937598951976, 13 },
    { "type", "-散户", "price", "ci95_high", 4.063447016432638, 13 },
    { "type", "-散户", "price", "median", 3.0, 13 },
    { "type", "-散户", "price", "top2", 0.3076923076923077, 13 },
    { "type", "-散户", "price", "bottom2", 0.3076923076923077, 13 },
    { "type", "-散户", "price", "index", 57.692307692307686, 13 },
    { "type", "-散户", "price", "p_value", 0.6888204533231372, 13 },
    { "type", "-散户", "price", "p_top2", 0.4285905020043097, 13 },
    { "type", "-散户", "price", "significant", 0.0, -1 },
    { "type", "-散户", "price", "target", 80.0, -1 },
    { "type", "-散户", "price", "gap", -22.307692307692314, -1 },
    { "type", "-散户", "price", "action_rank", 1.0, -1 },
    { "type", "-散户", "price", "r_overall", 0.2151162790697674, 11 },
    { "type", "-散户", "spare", "target", 70.0, -1 },
    { "type", "-散户", "CSI", "index", 61.73076923076924, 13 },
    { "type", "-散户", "NPS", "index", -45.45454545454545, 11 },
    { "type", "-散户", "plan=1", "count", 2.0, 9 },
    { "type", "-散户", "plan=1", "share", 0.2222222222222222, 9 },
    { "type", "-散户", "plan=2", "count", 5.0, 9 },
    { "type", "-散户", "plan=2", "share", 0.5555555555555556, 9 },
    { "type", "-散户", "plan=3", "count", 2.0, 9 },
    { "type", "-散户", "plan=3", "share", 0.2222222222222222, 9 },
    { "type", "-散户", "improve=1", "count", 7.0, 11 },
    { "type", "-散户", "improve=1", "share", 0.6363636363636364, 11 },
    { "type", "-散户", "improve=2", "count", 8.0, 11 },
    { "type", "-散户", "improve=2", "share", 0.7272727272727273, 11 },
    { "type", "-散户", "improve=3", "count", 5.0, 11 },
    { "type", "-散户", "improve=3", "share", 0.45454545454545453, 11 },
    { "type", "-散户", "improve=4", "count", 6.0, 11 },
    { "type", "-散户", "improve=4", "share", 0.5454545454545454, 11 },
    { "type", "=VIP", "forms", "count", 9.0, -1 },
    { "type", "=VIP", "forms", "small", 1.0, -1 },
    { "type", "=VIP", "Q1", "mean", 2.625, 8 },
    { "type", "=VIP", "Q1", "sd", 1.3024701806293193, 8 },
    { "type", "=VIP", "Q1", "ci95_low", 1.5361076791950599, 8 },
    { "type", "=VIP", "Q1", "ci95_high", 3.7138923208049404, 8 },
    { "type", "=VIP", "Q1", "median", 3.0, 8 },
    { "type", "=VIP", "Q1", "top2", 0.125, 8 },
    { "type", "=VIP", "Q1", "bottom2", 0.375, 8 },
    { "type", "=VIP", "Q1", "index", 40.625, 8 },
    { "type", "=VIP", "Q1", "p_value", 0.1979835003047426, 8 },
    { "type", "=VIP", "Q1", "p_top2", 0.12288975351894159, 8 },
    { "type", "=VIP", "Q1", "significant", 0.0, -1 },
    { "type", "=VIP", "Q1", "r_overall", 0.10696563746013954, 8 },
    { "type", "=VIP", "Q1=1", "count", 2.0, 8 },
    { "type", "=VIP", "Q1=1", "share", 0.25, 8 },
    { "type", "=VIP", "Q1=2", "count", 1.0, 8 },
    { "type", "=VIP", "Q1=2", "share", 0.125, 8 },
    { "type", "=VIP", "Q1=3", "count", 4.0, 8 },
    { "type", "=VIP", "Q1=3", "share", 0.5, 8 },
    { "type", "=VIP", "Q1=4", "count", 0.0, 8 },
    { "type", "=VIP", "Q1=4", "share", 0.0, 8 },
    { "type", "=VIP", "Q1=5", "count", 1.0, 8 },
    { "type", "=VIP", "Q1=5", "share", 0.125, 8 },
    { "type", "=VIP", "Q2", "mean", 3.25, 8 },
    { "type", "=VIP", "Q2", "sd", 1.0350983390135313, 8 },
    { "type", "=VIP", "Q2", "ci95_low", 2.384636132640524, 8 },
    { "type", "=VIP", "Q2", "ci95_high", 4.115363867359476, 8 },
    { "type", "=VIP", "Q2", "median", 3.5, 8 },
    { "type", "=VIP", "Q2", "top2", 0.5, 8 },
    { "type", "=VIP", "Q2", "bottom2", 0.125, 8 },
    { "type", "=VIP", "Q2", "index", 56.25, 8 },
    { "type", "=VIP", "Q2", "p_value", 0.6008350843194878, 8 },
    { "type", "=VIP", "Q2", "p_top2", 0.353736017509483, 8 },
    { "type", "=VIP", "Q2", "significant", 0.0, -1 },
    { "type", "=VIP", "Q2", "r_overall", 0.31954609157576963, 8 },
    { "type", "=VIP", "Q2=1", "count", 1.0, 8 },
    { "type", "=VIP", "Q2=1", "share", 0.125, 8 },
    { "type", "=VIP", "Q2=2", "count", 0.0, 8 },
    { "type", "=VIP", "Q2=2", "share", 0.0, 8 },
    { "type", "=VIP", "Q2=3", "count", 3.0, 8 },
    { "type", "=VIP", "Q2=3", "share", 0.375, 8 },
    { "type", "=VIP", "Q2=4", "count", 4.0, 8 },
    { "type", "=VIP", "Q2=4", "share", 0.5, 8 },
    { "type", "=VIP", "Q2=5", "count", 0.0, 8 },
    { "type", "=VIP", "Q2=5", "share", 0.0, 8 },
    { "type", "=VIP", "Q3", "mean", 3.2222222222222223, 9 },
    { "type", "=VIP", "Q3", "sd", 1.3017082793177759, 9 },
    { "type", "=VIP", "Q3", "ci95_low", 2.221640663910126, 9 },
    { "type", "=VIP", "Q3", "ci95_high", 4.222803780534319, 9 },
    { "type", "=VIP", "Q3", "median", 3.0, 9 },
    { "type", "=VIP", "Q3", "top2", 0.3333333333333333, 9 },
    { "type", "=VIP", "Q3", "bottom2", 0.2222222222222222, 9 },
    { "type", "=VIP", "Q3", "index", 55.55555555555556, 9 },
    { "type", "=VIP", "Q3", "p_value", 0.6674755455826951, 9 },
    { "type", "=VIP", "Q3", "p_top2", 1.0, 9 },
    { "type", "=VIP", "Q3", "significant", 0.0, -1 },
    { "type", "=VIP", "Q3", "r_overall", 0.27521056938851857, 9 },
    { "type", "=VIP", "Q3=1", "count", 1.0, 9 },
    { "type", "=VIP", "Q3=1", "share", 0.1111111111111111, 9 },
    { "type", "=VIP", "Q3=2", "count", 1.0, 9 },
    { "type", "=VIP", "Q3=2", "share", 0.1111111111111111, 9 },
    { "type", "=VIP", "Q3=3", "count", 4.0, 9 },
    { "type", "=VIP", "Q3=3", "share", 0.4444444444444444, 9 },
    { "type", "=VIP", "Q3=4", "count", 1.0, 9 },
    { "type", "=VIP", "Q3=4", "share", 0.1111111111111111, 9 },
    { "type", "=VIP", "Q3=5", "count", 2.0, 9 },
    { "type", "=VIP", "Q3=5", "share", 0.2222222222222222, 9 },
    { "type", "=VIP", "Q4", "mean", 3.4285714285714284, 7 },
    { "type", "=VIP", "Q4", "sd", 1.3972762620115438, 7 },
    { "type", "=VIP", "Q4", "ci95_low", 2.136306418424327, 7 },
    { "type", "=VIP", "Q4", "ci95_high", 4.72083643871853, 7 },
    { "type", "=VIP", "Q4", "median", 3.0, 7 },
    { "type", "=VIP", "Q4", "top2", 0.42857142857142855, 7 },
    { "type", "=VIP", "Q4", "bottom2", 0.14285714285714285, 7 },
    { "type", "=VIP", "Q4", "index", 60.71428571428571, 7 },
    { "type", "=VIP", "Q4", "p_value", 0.9875047097207076, 7 },
    { "type", "=VIP", "Q4", "p_top2", 0.8393180217297889, 7 },
    { "type", "=VIP", "Q4", "significant", 0.0, -1 },
    { "type", "=VIP", "Q4", "r_overall", -0.6216372952367549, 7 },
    { "type", "=VIP", "Q4=1", "count", 1.0, 7 },
    { "type", "=VIP", "Q4=1", "share", 0.14285714285714285, 7 },
    { "type", "=VIP", "Q4=2", "count", 0.0, 7 },
    { "type", "=VIP", "Q4=2", "share", 0.0, 7 },
    { "type", "=VIP", "Q4=3", "count", 3.0, 7 },
    { "type", "=VIP", "Q4=3", "share", 0.42857142857142855, 7 },
    { "type", "=VIP", "Q4=4", "count", 1.0, 7 },
    { "type", "=VIP", "Q4=4", "share", 0.14285714285714285, 7 },
    { "type", "=VIP", "Q4=5", "count", 2.0, 7 },
    { "type", "=VIP", "Q4=5", "share", 0.2857142857142857, 7 },
    { "type", "=VIP", "overall", "mean", 3.7777777777777777, 9 },
    { "type", "=VIP", "overall", "sd", 1.2018504251546631, 9 },
    { "type", "=VIP", "overall", "ci95_low", 2.8539537610099317, 9 },
    { "type", "=VIP", "overall", "ci95_high", 4.701601794545624, 9 },
    { "type", "=VIP", "overall", "median", 4.0, 9 },
    { "type", "=VIP", "overall", "top2", 0.6666666666666666, 9 },
    { "type", "=VIP", "overall", "bottom2", 0.2222222222222222, 9 },
    { "type", "=VIP", "overall", "index", 69.44444444444444, 9 },
    { "type", "=VIP", "overall", "p_value", 0.5802205767010958, 9 },
    { "type", "=VIP", "overall", "p_top2", 0.624339897250328, 9 },
    { "type", "=VIP", "overall", "significant", 0.0, -1 },
    { "type", "=VIP", "overall", "r_overall", 1.0, 9 },
    { "type", "=VIP", "overall=1", "count", 0.0, 9 },
    { "type", "=VIP", "overall=1", "share", 0.0, 9 },
    { "type", "=VIP", "overall=2", "count", 2.0, 9 },
    { "type", "=VIP", "overall=2", "share", 0.2222222222222222, 9 },
    { "type", "=VIP", "overall=3", "count", 1.0, 9 },
    { "type", "=VIP", "overall=3", "share", 0.1111111111111111, 9 },
    { "type", "=VIP", "overall=4", "count", 3.0, 9 },
    { "type", "=VIP", "overall=4", "share", 0.3333333333333333, 9 },
    { "type", "=VIP", "overall=5", "count", 3.0, 9 },
    { "type", "=VIP", "overall=5", "share", 0.3333333333333333, 9 },
    { "type", "=VIP", "recommend", "mean", 6.125, 8 },
    { "type", "=VIP", "recommend", "sd", 3.6030740843261686, 8 },
    { "type", "=VIP", "recommend", "ci95_low", 3.112754683321508, 8 },
    { "type", "=VIP", "recommend", "ci95_high", 9.137245316678491, 8 },
    { "type", "=VIP", "recommend", "median", 7.0, 8 },
    { "type", "=VIP", "recommend", "top2", 0.25, 8 },
    { "type", "=VIP", "recommend", "bottom2", 0.125, 8 },
    { "type", "=VIP", "recommend", "index", 61.25000000000001, 8 },
    { "type", "=VIP", "recommend", "p_value", 0.8099419616082206, 8 },
    { "type", "=VIP", "recommend", "p_top2", 0.8694669976232887, 8 },
    { "type", "=VIP", "recommend", "significant", 0.0, -1 },
    { "type", "=VIP", "recommend", "r_overall", -0.3016014905852724, 8 },
    { "type", "=VIP", "recommend=0", "count", 1.0, 8 },
    { "type", "=VIP", "recommend=0", "share", 0.125, 8 },
    { "type", "=VIP", "recommend=1", "count", 0.0, 8 },
    { "type", "=VIP", "recommend=1", "share", 0.0, 8 },
    { "type", "=VIP", "recommend=2", "count", 1.0, 8 },
    { "type", "=VIP", "recommend=2", "share", 0.125, 8 },
    { "type", "=VIP", "recommend=3", "count", 0.0, 8 },
    { "type", "=VIP", "recommend=3", "share", 0.0, 8 },
    { "type", "=VIP", "recommend=4", "count", 0.0, 8 },
    { "type", "=VIP", "recommend=4", "share", 0.0, 8 },
    { "type", "=VIP", "recommend=5", "count", 1.0, 8 },
    { "type", "=VIP", "recommend=5", "share", 0.125, 8 },
    { "type", "=VIP", "recommend=6", "count", 0.0, 8 },
    { "type", "=VIP", "recommend=6", "share", 0.0, 8 },
    { "type", "=VIP", "recommend=7", "count", 2.0, 8 },
    { "type", "=VIP", "recommend=7", "share", 0.25, 8 },
    { "type", "=VIP", "recommend=8", "count", 1.0, 8 },
    { "type", "=VIP", "recommend=8", "share", 0.125, 8 },
    { "type", "=VIP", "recommend=9", "count", 0.0, 8 },
    { "type", "=VIP", "recommend=9", "share", 0.0, 8 },
    { "type", "=VIP", "recommend=10", "count", 2.0, 8 },
    { "type", "=VIP", "recommend=10", "share", 0.25, 8 },
    { "type", "=VIP", "service", "mean", 3.1296296296296298, 9 },
    { "type", "=VIP", "service", "sd", 0.9566208532068091, 9 },
    { "type", "=VIP", "service", "ci95_low", 2.394305748523817, 9 },
    { "type", "=VIP", "service", "ci95_high", 3.8649535107354427, 9 },
    { "type", "=VIP", "service", "median", 3.0, 9 },
    { "type", "=VIP", "service", "top2", 0.32, 25 },
    { "type", "=VIP", "service", "bottom2", 0.24, 25 },
    { "type", "=VIP", "service", "index", 53.24074074074075, 9 },
    { "type", "=VIP", "service", "p_value", 0.5974574469743665, 9 },
    { "type", "=VIP", "service", "p_top2", 0.15539366383825942, 25 },
    { "type", "=VIP", "service", "significant", 0.0, -1 },
    { "type", "=VIP", "service", "alpha", 0.49199999999999994, 7 },
    { "type", "=VIP", "service", "target", 85.0, -1 },
    { "type", "=VIP", "service", "gap", -31.759259259259252, -1 },
    { "type", "=VIP", "service", "action_rank", 1.0, -1 },
    { "type", "=VIP", "service", "r_overall", 0.3181142141785251, 9 },
    { "type", "=VIP", "price", "mean", 3.4285714285714284, 7 },
    { "type", "=VIP", "price", "sd", 1.3972762620115438, 7 },
    { "type", "=VIP", "price", "ci95_low", 2.136306418424327, 7 },
    { "type", "=VIP", "price", "ci95_high", 4.72083643871853, 7 },
    { "type", "=VIP", "price", "median", 3.0, 7 },
    { "type", "=VIP", "price", "top2", 0.42857142857142855, 7 },
    { "type", "=VIP", "price", "bottom2", 0.14285714285714285, 7 },
    { "type", "=VIP", "price", "index", 60.71428571428571, 7 },
    { "type", "=VIP", "price", "p_value", 0.9875047097207076, 7 },
    { "type", "=VIP", "price", "p_top2", 0.8393180217297889, 7 },
    { "type", "=VIP", "price", "significant", 0.0, -1 },
    { "type", "=VIP", "price", "target", 80.0, -1 },
    { "type", "=VIP", "price", "gap", -19.285714285714292, -1 },
    { "type", "=VIP", "price", "action_rank", 2.0, -1 },
    { "type", "=VIP", "price", "r_overall", -0.6216372952367549, 7 },
    { "type", "=VIP", "spare", "target", 70.0, -1 },
    { "type", "=VIP", "CSI", "index", 56.230158730158735, 9 },
    { "type", "=VIP", "NPS", "index", -12.5, 8 },
    { "type", "=VIP", "plan=1", "count", 3.0, 8 },
    { "type", "=VIP", "plan=1", "share", 0.375, 8 },
    { "type", "=VIP", "plan=2", "count", 4.0, 8 },
    { "type", "=VIP", "plan=2", "share", 0.5, 8 },
    { "type", "=VIP", "plan=3", "count", 1.0, 8 },
    { "type", "=VIP", "plan=3", "share", 0.125, 8 },
    { "type", "=VIP", "improve=1", "count", 5.0, 8 },
    { "type", "=VIP", "improve=1", "share", 0.625, 8 },
    { "type", "=VIP", "improve=2", "count", 5.0, 8 },
    { "type", "=VIP", "improve=2", "share", 0.625, 8 },
    { "type", "=VIP", "improve=3", "count", 7.0, 8 },
    { "type", "=VIP", "improve=3", "share", 0.875, 8 },
    { "type", "=VIP", "improve=4", "count", 6.0, 8 },
    { "type", "=VIP", "improve=4", "share", 0.75, 8 },
    { "type", "普通", "forms", "count", 12.0, -1 },
    { "type", "普通", "forms", "small", 1.0, -1 },
    { "type", "普通", "Q1", "mean", 3.5, 10 },
    { "type", "普通", "Q1", "sd", 1.509230856356236, 10 },
    { "type", "普通", "Q1", "ci95_low", 2.4203612842015465, 10 },
    { "type", "普通", "Q1", "ci95_high", 4.5796387157984535, 10 },
    { "type", "普通", "Q1", "median", 3.5, 10 },
    { "type", "普通", "Q1", "top2", 0.5, 10 },
    { "type", "普通", "Q1", "bottom2", 0.3, 10 },
    { "type", "普通", "Q1", "index", 62.5, 10 },
    { "type", "普通", "Q1", "p_value", 0.4121753387329614, 10 },
    { "type", "普通", "Q1", "p_top2", 0.24676249746855572, 10 },
    { "type", "普通", "Q1", "significant", 0.0, -1 },
    { "type", "普通", "Q1", "r_overall", 0.5039526306789698, 9 },
    { "type", "普通", "Q1=1", "count", 1.0, 10 },
    { "type", "普通", "Q1=1", "share", 0.1, 10 },
    { "type", "普通", "Q1=2", "count", 2.0, 10 },
    { "type", "普通", "Q1=2", "share", 0.2, 10 },
    { "type", "普通", "Q1=3", "count", 2.0, 10 },
    { "type", "普通", "Q1=3", "share", 0.2, 10 },
    { "type", "普通", "Q1=4", "count", 1.0, 10 },
    { "type", "普通", "Q1=4", "share", 0.1, 10 },
    { "type", "普通", "Q1=5", "count", 4.0, 10 },
    { "type", "普通", "Q1=5", "share", 0.4, 10 },
    { "type", "普通", "Q2", "mean", 2.9, 10 },
    { "type", "普通", "Q2", "sd", 1.728840330651992, 10 },
    { "type", "普通", "Q2", "ci95_low", 1.66326213014749, 10 },
    { "type", "普通", "Q2", "ci95_high", 4.13673786985251, 10 },
    { "type", "普通", "Q2", "median", 3.5, 10 },
    { "type", "普通", "Q2", "top2", 0.5, 10 },
    { "type", "普通", "Q2", "bottom2", 0.4, 10 },
    { "type", "普通", "Q2", "index", 47.5, 10 },
    { "type", "普通", "Q2", "p_value", 0.23297409524503537, 10 },
    { "type", "普通", "Q2", "p_top2", 0.2819419766400658, 10 },
    { "type", "普通", "Q2", "significant", 0.0, -1 },
    { "type", "普通", "Q2", "r_overall", 0.37345383398345433, 9 },
    { "type", "普通", "Q2=1", "count", 4.0, 10 },
    { "type", "普通", "Q2=1", "share", 0.4, 10 },
    { "type", "普通", "Q2=2", "count", 0.0, 10 },
    { "type", "普通", "Q2=2", "share", 0.0, 10 },
    { "type", "普通", "Q2=3", "count", 1.0, 10 },
    { "type", "普通", "Q2=3", "share", 0.1, 10 },
    { "type", "普通", "Q2=4", "count", 3.0, 10 },
    { "type", "普通", "Q2=4", "share", 0.3, 10 },
    { "type", "普通", "Q2=5", "count", 2.0, 10 },
    { "type", "普通", "Q2=5", "share", 0.2, 10 },
    { "type", "普通", "Q3", "mean", 2.727272727272727, 11 },
    { "type", "普通", "Q3", "sd", 1.7372915179041826, 11 },
    { "type", "普通", "Q3", "ci95_low", 1.5601444046704829, 11 },
    { "type", "普通", "Q3", "ci95_high", 3.894401049874971, 11 },
    { "type", "普通", "Q3", "median", 2.0, 11 },
    { "type", "普通", "Q3", "top2", 0.36363636363636365, 11 },
    { "type", "普通", "Q3", "bottom2", 0.5454545454545454, 11 },
    { "type", "普通", "Q3", "index", 43.18181818181818, 11 },
    { "type", "普通", "Q3", "p_value", 0.4206743207879641, 11 },
    { "type", "普通", "Q3", "p_top2", 0.7980737221573262, 11 },
    { "type", "普通", "Q3", "significant", 0.0, -1 },
    { "type", "普通", "Q3", "r_overall", -0.5421885959064633, 10 },
    { "type", "普通", "Q3=1", "count", 4.0, 11 },
    { "type", "普通", "Q3=1", "share", 0.36363636363636365, 11 },
    { "type", "普通", "Q3=2", "count", 2.0, 11 },
    { "type", "普通", "Q3=2", "share", 0.18181818181818182, 11 },
    { "type", "普通", "Q3=3", "count", 1.0, 11 },
    { "type", "普通", "Q3=3", "share", 0.09090909090909091, 11 },
    { "type", "普通", "Q3=4", "count", 1.0, 11 },
    { "type", "普通", "Q3=4", "share", 0.09090909090909091, 11 },
    { "type", "普通", "Q3=5", "count", 3.0, 11 },
    { "type", "普通", "Q3=5", "share", 0.2727272727272727, 11 },
    { "type", "普通", "Q4", "mean", 3.8333333333333335, 12 },
    { "type", "普通", "Q4", "sd", 1.0298573010888745, 12 },
    { "type", "普通", "Q4", "ci95_low", 3.1789932219453187, 12 },
    { "type", "普通", "Q4", "ci95_high", 4.487673444721349, 12 },
    { "type", "普通", "Q4", "median", 4.0, 12 },
    { "type", "普通", "Q4", "top2", 0.5833333333333334, 12 },
    { "type", "普通", "Q4", "bottom2", 0.08333333333333333, 12 },
    { "type", "普通", "Q4", "index", 70.83333333333334, 12 },
    { "type", "普通", "Q4", "p_value", 0.1327870912388221, 12 },
    { "type", "普通", "Q4", "p_top2", 0.1061248473142458, 12 },
    { "type", "普通", "Q4", "significant", 0.0, -1 },
    { "type", "普通", "Q4", "r_overall", 0.4855041562276122, 11 },
    { "type", "普通", "Q4=1", "count", 0.0, 12 },
    { "type", "普通", "Q4=1", "share", 0.0, 12 },
    { "type", "普通", "Q4=2", "count", 1.0, 12 },
    { "type", "普通", "Q4=2", "share", 0.08333333333333333, 12 },
    { "type", "普通", "Q4=3", "count", 4.0, 12 },
    { "type", "普通", "Q4=3", "share", 0.3333333333333333, 12 },
    { "type", "普通", "Q4=4", "count", 3.0, 12 },
    { "type", "普通", "Q4=4", "share", 0.25, 12 },
    { "type", "普通", "Q4=5", "count", 4.0, 12 },
    { "type", "普通", "Q4=5", "share", 0.3333333333333333, 12 },
    { "type", "普通", "overall", "mean", 4.0, 11 },
    { "type", "普通", "overall", "sd", 1.1832159566199232, 11 },
    { "type", "普通", "overall", "ci95_low", 3.205104704366498, 11 },
    { "type", "普通", "overall", "ci95_high", 4.794895295633502, 11 },
    { "type", "普通", "overall", "median", 4.0, 11 },
    { "type", "普通", "overall", "top2", 0.7272727272727273, 11 },
    { "type", "普通", "overall", "bottom2", 0.18181818181818182, 11 },
    { "type", "普通", "overall", "index", 75.0, 11 },
    { "type", "普通", "overall", "p_value", 0.9283456865687054, 11 },
    { "type", "普通", "overall", "p_top2", 0.9825360956563449, 11 },
    { "type", "普通", "overall", "significant", 0.0, -1 },
    { "type", "普通", "overall", "r_overall", 1.0, 11 },
    { "type", "普通", "overall=1", "count", 0.0, 11 },
    { "type", "普通", "overall=1", "share", 0.0, 11 },
    { "type", "普通", "overall=2", "count", 2.0, 11 },
    { "type", "普通", "overall=2", "share", 0.18181818181818182, 11 },
    { "type", "普通", "overall=3", "count", 1.0, 11 },
    { "type", "普通", "overall=3", "share", 0.09090909090909091, 11 },
    { "type", "普通", "overall=4", "count", 3.0, 11 },
    { "type", "普通", "overall=4", "share", 0.2727272727272727, 11 },
    { "type", "普通", "overall=5", "count", 5.0, 11 },
    { "type", "普通", "overall=5", "share", 0.45454545454545453, 11 },
    { "type", "普通", "recommend", "mean", 6.2, 10 },
    { "type", "普通", "recommend", "sd", 2.699794230842212, 10 },
    { "type", "普通", "recommend", "ci95_low", 4.268683552267265, 10 },
    { "type", "普通", "recommend", "ci95_high", 8.131316447732736, 10 },
    { "type", "普通", "recommend", "median", 6.0, 10 },
    { "type", "普通", "recommend", "top2", 0.3, 10 },
    { "type", "普通", "recommend", "bottom2", 0.0, 10 },
    { "type", "普通", "recommend", "index", 62.0, 10 },
    { "type", "普通", "recommend", "p_value", 0.6641075657747151, 10 },
    { "type", "普通", "recommend", "p_top2", 0.5244708801092588, 10 },
    { "type", "普通", "recommend", "significant", 0.0, -1 },
    { "type", "普通", "recommend", "r_overall", 0.41277155625082784, 9 },
    { "type", "普通", "recommend=0", "count", 0.0, 10 },
    { "type", "普通", "recommend=0", "share", 0.0, 10 },
    { "type", "普通", "recommend=1", "count", 0.0, 10 },
    { "type", "普通", "recommend=1", "share", 0.0, 10 },
    { "type", "普通", "recommend=2", "count", 0.0, 10 },
    { "type", "普通", "recommend=2", "share", 0.0, 10 },
    { "type", "普通", "recommend=3", "count", 2.0, 10 },
    { "type", "普通", "recommend=3", "share", 0.2, 10 },
    { "type", "普通", "recommend=4", "count", 2.0, 10 },
    { "type", "普通", "recommend=4", "share", 0.2, 10 },
    { "type", "普通", "recommend=5", "count", 1.0, 10 },
    { "type", "普通", "recommend=5", "share", 0.1, 10 },
    { "type", "普通", "recommend=6", "count", 0.0, 10 },
    { "type", "普通", "recommend=6", "share", 0.0, 10 },
    { "type", "普通", "recommend=7", "count", 1.0, 10 },
    { "type", "普通", "recommend=7", "share", 0.1, 10 },
    { "type", "普通", "recommend=8", "count", 1.0, 10 },
    { "type", "普通", "recommend=8", "share", 0.1, 10 },
    { "type", "普通", "recommend=9", "count", 2.0, 10 },
    { "type", "普通", "recommend=9", "share", 0.2, 10 },
    { "type", "普通", "recommend=10", "count", 1.0, 10 },
    { "type", "普通", "recommend=10", "share", 0.1, 10 },
    { "type", "普通", "service", "mean", 3.0833333333333335, 12 },
    { "type", "普通", "service", "sd", 0.8572330399888264, 12 },
    { "type", "普通", "service", "ci95_low", 2.538673444746139, 12 },
    { "type", "普通", "service", "ci95_high", 3.6279932219205278, 12 },
    { "type", "普通", "service", "median", 3.0, 12 },
    { "type", "普通", "service", "top2", 0.45161290322580644, 31 },
    { "type", "普通", "service", "bottom2", 0.41935483870967744, 31 },
    { "type", "普通", "service", "index", 52.083333333333336, 12 },
    { "type", "普通", "service", "p_value", 0.3482105750778862, 12 },
    { "type", "普通", "service", "p_top2", 0.9128226848664741, 31 },
    { "type", "普通", "service", "significant", 0.0, -1 },
    { "type", "普通", "service", "alpha", -1.9843750000000004, 8 },
    { "type", "普通", "service", "target", 85.0, -1 },
    { "type", "普通", "service", "gap", -32.916666666666664, -1 },
    { "type", "普通", "service", "action_rank", 1.0, -1 },
    { "type", "普通", "service", "r_overall", 0.11013539241717869, 11 },
    { "type", "普通", "price", "mean", 3.8333333333333335, 12 },
    { "type", "普通", "price", "sd", 1.0298573010888745, 12 },
    { "type", "普通", "price", "ci95_low", 3.1789932219453187, 12 },
    { "type", "普通", "price", "ci95_high", 4.487673444721349, 12 },
    { "type", "普通", "price", "median", 4.0, 12 },
    { "type", "普通", "price", "top2", 0.5833333333333334, 12 },
    { "type", "普通", "price", "bottom2", 0.08333333333333333, 12 },
    { "type", "普通", "price", "index", 70.83333333333334, 12 },
    { "type", "普通", "price", "p_value", 0.1327870912388221, 12 },
    { "type", "普通", "price", "p_top2", 0.1061248473142458, 12 },
    { "type", "普通", "price", "significant", 0.0, -1 },
    { "type", "普通", "price", "target", 80.0, -1 },
    { "type", "普通", "price", "gap", -9.166666666666657, -1 },
    { "type", "普通", "price", "action_rank", 2.0, -1 },
    { "type", "普通", "price", "r_overall", 0.4855041562276122, 11 },
    { "type", "普通", "spare", "target", 70.0, -1 },
    { "type", "普通", "CSI", "index", 59.58333333333334, 12 },
    { "type", "普通", "NPS", "index", -20.0, 10 },
    { "type", "普通", "plan=1", "count", 3.0, 12 },
    { "type", "普通", "plan=1", "share", 0.25, 12 },
    { "type", "普通", "plan=2", "count", 5.0, 12 },
    { "type", "普通", "plan=2", "share", 0.4166666666666667, 12 },
    { "type", "普通", "plan=3", "count", 4.0, 12 },
    { "type", "普通", "plan=3", "share", 0.3333333333333333, 12 },
    { "type", "普通", "improve=1", "count", 3.0, 9 },
    { "type", "普通", "improve=1", "share", 0.3333333333333333, 9 },
    { "type", "普通", "improve=2", "count", 6.0, 9 },
    { "type", "普通", "improve=2", "share", 0.6666666666666666, 9 },
    { "type", "普通", "improve=3", "count", 4.0, 9 },
    { "type", "普通", "improve=3", "share", 0.4444444444444444, 9 },
    { "type", "普通", "improve=4", "count", 6.0, 9 },
    { "type", "普通", "improve=4", "share", 0.6666666666666666, 9 },
};

/* Count the reference forms into two files, as a pipeline would. */
static void count_reference(struct sr_stats *st, size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to; i++) {
        const char *file = i < 20 ? "in/a.csv" : "in/b.xml";

        sr_stats_count(st, file, "read");
        sr_stats_count(st, file, "accepted");
    }
    if (from == 0) {
        for (i = 0; i < 3; i++) {
            sr_stats_count(st, "in/a.csv", "read");
            sr_stats_count(st, "in/a.csv", "refused");
        }
    }
    if (to == ARRAY_SIZE(forms)) {
        for (i = 0; i < 2; i++) {
            sr_stats_count(st, "in/b.xml", "read");
            sr_stats_count(st, "in/b.xml", "out_of_period");
        }
    }
}

static struct sr_stats *reference_stats(const struct sr_template *t,
                                        size_t from, size_t to)
{
    struct sr_stats *st = sr_stats_new(t, &opts);
    size_t i;

    for (i = from; i < to; i++)
        push(st, &forms[i]);
    count_reference(st, from, to);
    return st;
}

/* The whole model, row by row and in order, against the Python program. */
static void test_reference(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = reference_stats(&fx->t, 0, ARRAY_SIZE(forms));
    struct sr_model *m = model_of(st);
    size_t i;

    for (i = 0; i < m->nrows && i < ARRAY_SIZE(expected); i++) {
        const struct sr_figure *f = &m->rows[i];
        const struct test_row *e = &expected[i];

        if (strcmp(f->group, e->group) || strcmp(f->group_value, e->value) ||
            strcmp(f->subject, e->subject) || strcmp(f->metric, e->metric))
            fail_msg("row %zu: %s/%s/%s/%s, want %s/%s/%s/%s", i, f->group,
                     f->group_value, f->subject, f->metric, e->group, e->value,
                     e->subject, e->metric);
        if (!close_to(f->value, e->v) || f->n != e->n)
            fail_msg("row %zu %s/%s/%s/%s: %.17g n=%ld, want %.17g n=%ld", i,
                     f->group, f->group_value, f->subject, f->metric, f->value,
                     f->n, e->v, e->n);
    }
    assert_int_equal(m->nrows, ARRAY_SIZE(expected));

    /* reconciliation and sources, first-seen order */
    assert_int_equal(m->read, 45);
    assert_int_equal(m->accepted, 40);
    assert_int_equal(m->refused, 3);
    assert_int_equal(m->out_of_period, 2);
    assert_int_equal(m->min_base, 30);
    assert_int_equal(m->nsources, 2);
    assert_string_equal(m->sources[0].file, "in/a.csv");
    assert_int_equal(m->sources[0].read, 23);
    assert_int_equal(m->sources[0].accepted, 20);
    assert_int_equal(m->sources[0].refused, 3);
    assert_int_equal(m->sources[0].out_of_period, 0);
    assert_string_equal(m->sources[1].file, "in/b.xml");
    assert_int_equal(m->sources[1].read, 22);
    assert_int_equal(m->sources[1].out_of_period, 2);

    /* groups: every segment field, values broken down in byte order */
    assert_int_equal(m->ngroups, 2);
    assert_string_equal(m->groups[0].field_id, "region");
    assert_string_equal(m->groups[0].label, "区域");
    assert_int_equal(m->groups[0].nvalues, 2); /* 西部 has 3 forms */
    assert_string_equal(m->groups[0].values[0], "华东");
    assert_int_equal(m->groups[0].forms[0], 14);
    assert_string_equal(m->groups[0].values[1], "华北");
    assert_int_equal(m->groups[0].forms[1], 12);
    assert_string_equal(m->groups[1].field_id, "type");
    assert_string_equal(m->groups[1].label, "客户类别");
    assert_int_equal(m->groups[1].nvalues, 3);
    assert_string_equal(m->groups[1].values[0], "-散户");
    assert_string_equal(m->groups[1].values[1], "=VIP");
    assert_string_equal(m->groups[1].values[2], "普通");

    sr_model_free(m);
    sr_stats_free(st);
}

/* mean, sd, ci95, median (odd and even n), top2, bottom2, index; the
 * distribution rows; and figures undefined at n = 1 are absent. */
static void test_item_figures(void **state)
{
    struct fixture *fx = *state;
    static const int32_t q1[] = { 1, 2, 4, 5, 5 };
    static const int32_t q2[] = { 1, 2, 4, 5 };
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < 5; i++) {
        f = blank(NULL, NULL);
        f.scores[Q1] = q1[i];
        f.scores[Q2] = i < 4 ? q2[i] : M;
        f.scores[Q4] = i == 0 ? 4 : M; /* n = 1 */
        push(st, &f);
    }
    m = model_of(st);

    /* numpy 1.24.2: a = np.array([1, 2, 4, 5, 5.]); a.mean(),
     * a.std(ddof=1), np.median(a); scipy 1.10.1: h = t975(4) * sd / sqrt(5),
     * mean - h, mean + h, with t975(df) = brentq(lambda x: stats.t.sf(x, df)
     * - 0.025, 0, 1000, xtol=1e-300, rtol=8.9e-16) (stats.t.ppf is only
     * good to about 1e-11) */
    expect(m, "all", "", "Q1", "mean", 3.4, 5);
    expect(m, "all", "", "Q1", "sd", 1.8165902124584952, 5);
    expect(m, "all", "", "Q1", "ci95_low", 1.1444053337009588, 5);
    expect(m, "all", "", "Q1", "ci95_high", 5.6555946662990415, 5);
    expect(m, "all", "", "Q1", "median", 4.0, 5);
    expect(m, "all", "", "Q1", "top2", 0.6, 5);
    expect(m, "all", "", "Q1", "bottom2", 0.4, 5);
    expect(m, "all", "", "Q1", "index", 60.0, 5);
    expect(m, "all", "", "Q1=5", "count", 2, 5);
    expect(m, "all", "", "Q1=5", "share", 0.4, 5);
    expect(m, "all", "", "Q1=3", "count", 0, 5);
    expect(m, "all", "", "Q1=3", "share", 0, 5);

    /* even n: np.median([1, 2, 4, 5]) = 3.0; sd, ci as above with n = 4 */
    expect(m, "all", "", "Q2", "mean", 3.0, 4);
    expect(m, "all", "", "Q2", "sd", 1.8257418583505538, 4);
    expect(m, "all", "", "Q2", "ci95_low", 0.09483728424523408, 4);
    expect(m, "all", "", "Q2", "ci95_high", 5.905162715754766, 4);
    expect(m, "all", "", "Q2", "median", 3.0, 4);
    expect(m, "all", "", "Q2", "index", 50.0, 4);

    /* n = 1: sd, ci95 undefined */
    expect(m, "all", "", "Q4", "mean", 4, 1);
    expect(m, "all", "", "Q4", "median", 4, 1);
    expect(m, "all", "", "Q4", "index", 75, 1);
    absent(m, "all", "", "Q4", "sd");
    absent(m, "all", "", "Q4", "ci95_low");
    absent(m, "all", "", "Q4", "ci95_high");
    /* no overall answered: no correlation at all */
    absent(m, "all", "", "Q1", "r_overall");
    absent(m, "all", "", "service", "r_overall");
    absent(m, "all", "", "service", "quadrant");
    /* no answers: no rows, not even zero counts */
    absent(m, "all", "", "Q3", "mean");
    absent(m, "all", "", "Q3=1", "count");
    absent(m, "all", "", "overall", "mean");
    absent(m, "all", "", "NPS", "index");
    absent(m, "all", "", "plan=1", "share");
    /* alpha needs 2 complete forms: none answered Q3 */
    absent(m, "all", "", "service", "alpha");

    sr_model_free(m);
    sr_stats_free(st);
}

/* A single form: everything that needs n >= 2 is absent. */
static void test_single_form(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f = { "华东", NULL, { 4, 5, 3, 2, M, 4, 9 }, { 1, 3 } };

    push(st, &f);
    m = model_of(st);
    expect(m, "all", "", "service", "mean", 4, 1);
    absent(m, "all", "", "service", "sd");
    absent(m, "all", "", "service", "alpha");
    absent(m, "all", "", "service", "r_overall");
    absent(m, "all", "", "overall", "r_overall");
    absent(m, "all", "", "Q1", "r_overall");
    absent(m, "all", "", "service", "quadrant");
    expect(m, "all", "", "NPS", "index", 100, 1);
    expect(m, "all", "", "CSI", "index", (0.6 * 75 + 0.4 * 25) / 1.0, 1);
    /* one form is below min_report: no segment rows at all */
    absent(m, "region", "华东", "forms", "count");
    absent(m, "region", "华东", "Q1", "mean");
    assert_int_equal(m->groups[0].nvalues, 0);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Dimension scores: per form, the mean of its answered items. */
static void test_dimension(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f[4] = {
        { NULL, NULL, { 5, M, 4, M, M, M, M }, { 0, 0 } }, /* 4.5 */
        { NULL, NULL, { M, M, 2, M, M, M, M }, { 0, 0 } }, /* 2 */
        { NULL, NULL, { 3, 3, 3, M, M, M, M }, { 0, 0 } }, /* 3 */
        { NULL, NULL, { M, M, M, 5, M, M, M }, { 0, 0 } }, /* none */
    };
    size_t i;

    for (i = 0; i < 4; i++)
        push(st, &f[i]);
    m = model_of(st);
    /* numpy/scipy 1.10.1 on s = [4.5, 2.0, 3.0]: np.mean(s),
     * np.std(s, ddof=1), mean -+ t975(2) * sd / sqrt(3) (t975: above),
     * np.median(s) */
    expect(m, "all", "", "service", "mean", 3.1666666666666665, 3);
    expect(m, "all", "", "service", "sd", 1.2583057392117916, 3);
    expect(m, "all", "", "service", "ci95_low", 0.040861926978777774, 3);
    expect(m, "all", "", "service", "ci95_high", 6.292471406354555, 3);
    expect(m, "all", "", "service", "median", 3.0, 3);
    /* (3.1666... - 1) / 4 * 100, exactly 325/6 */
    expect(m, "all", "", "service", "index", 325.0 / 6, 3);
    /* pooled answers 5 4 2 3 3 3: 2 of 6 in 4..5, 1 of 6 in 1..2 */
    expect(m, "all", "", "service", "top2", 2.0 / 6, 6);
    expect(m, "all", "", "service", "bottom2", 1.0 / 6, 6);
    expect(m, "all", "", "service", "target", 85, -1);
    expect(m, "all", "", "service", "gap", 325.0 / 6 - 85, -1);
    /* 1 complete form: no alpha */
    absent(m, "all", "", "service", "alpha");
    /* spare has no data: its target alone */
    expect(m, "all", "", "spare", "target", 70, -1);
    absent(m, "all", "", "spare", "gap");
    absent(m, "all", "", "spare", "mean");
    /* CSI over service and price only (spare has no data):
     * (0.6 * 325/6 + 0.4 * 100) / (0.6 + 0.4); n = forms with a dimension
     * item answered */
    expect(m, "all", "", "CSI", "index", (0.6 * (325.0 / 6) + 0.4 * 100) / 1.0,
           4);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Cronbach's alpha, over complete forms only. */
static void test_alpha(void **state)
{
    struct fixture *fx = *state;
    static const int32_t x[6][3] = { { 4, 5, 4 }, { 3, 3, 4 }, { 5, 5, 5 },
                                     { 2, 3, 2 }, { 4, 4, 5 }, { 1, 2, 2 } };
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < 6; i++) {
        f = blank(NULL, NULL);
        f.scores[Q1] = x[i][0];
        f.scores[Q2] = x[i][1];
        f.scores[Q3] = x[i][2];
        push(st, &f);
    }
    /* incomplete forms are left out of alpha */
    f = blank(NULL, NULL);
    f.scores[Q1] = 1;
    f.scores[Q2] = 5;
    push(st, &f);
    m = model_of(st);
    /* numpy 1.24.2, the textbook formula on the 6 complete forms:
     * X = np.array(x); k/(k-1) * (1 - X.var(axis=0, ddof=1).sum()
     *                                / X.sum(axis=1).var(ddof=1)) */
    expect(m, "all", "", "service", "alpha", 0.9536423841059601, 6);
    sr_model_free(m);
    sr_stats_free(st);
}

/* r_overall of an item and of a dimension whose scores are fractions. */
static void test_r_overall(void **state)
{
    struct fixture *fx = *state;
    static const int32_t q[6][3] = { { 5, 4, M }, { 3, M, M }, { 4, 4, 5 },
                                     { 2, 3, M }, { 1, M, 2 }, { 5, 5, 4 } };
    static const int32_t ov[6] = { 5, 3, 4, 2, 1, 4 };
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < 6; i++) {
        f = blank(NULL, NULL);
        f.scores[Q1] = q[i][0];
        f.scores[Q2] = q[i][1];
        f.scores[Q3] = q[i][2];
        f.scores[Q4] = 3; /* no variance: no r */
        f.scores[OVERALL] = ov[i];
        push(st, &f);
    }
    /* a form without overall is left out of r, not of the item */
    f = blank(NULL, NULL);
    f.scores[Q1] = 1;
    push(st, &f);
    m = model_of(st);
    /* scipy 1.10.1: stats.pearsonr([5, 3, 4, 2, 1, 5], ov)[0] */
    expect(m, "all", "", "Q1", "r_overall", 0.9707253433941508, 6);
    expect(m, "all", "", "Q1", "mean", 3.0, 7);
    /* dimension scores 4.5 3 13/3 2.5 1.5 14/3:
     * stats.pearsonr(scores, ov)[0] */
    expect(m, "all", "", "service", "r_overall", 0.9600016160296675, 6);
    expect(m, "all", "", "overall", "r_overall", 1, 6);
    absent(m, "all", "", "Q4", "r_overall");
    absent(m, "all", "", "price", "r_overall");
    /* one dimension with importance: at the mean, so high/high */
    expect(m, "all", "", "service", "quadrant", 1, -1);
    absent(m, "all", "", "price", "quadrant");
    sr_model_free(m);
    sr_stats_free(st);
}

/* Quadrants: split at the mean over dimensions, equal counts as high. */
static void test_quadrant(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    int i;

    /* service = overall exactly (r = 1, index 50); price 5 4 3 2 3 1
     * against overall 1 2 3 4 5 3 (scipy: stats.pearsonr -> r = -0.6,
     * index 50): equal indices both count as high performance */
    for (i = 1; i <= 5; i++) {
        f = blank(NULL, NULL);
        f.scores[Q1] = i;
        f.scores[Q4] = i == 5 ? 3 : 6 - i;
        f.scores[OVERALL] = i;
        push(st, &f);
    }
    f = blank(NULL, NULL);
    f.scores[Q1] = 3;
    f.scores[Q4] = 1;
    f.scores[OVERALL] = 3;
    push(st, &f);
    m = model_of(st);
    expect(m, "all", "", "service", "r_overall", 1, 6);
    expect(m, "all", "", "service", "index", 50, 6);
    expect(m, "all", "", "price", "index", 50, 6);
    /* scipy 1.10.1: stats.pearsonr([5, 4, 3, 2, 3, 1], [1, 2, 3, 4, 5, 3]) */
    expect(m, "all", "", "price", "r_overall", -0.6, 6);
    expect(m, "all", "", "service", "quadrant", 1, -1); /* 优势区 */
    expect(m, "all", "", "price", "quadrant", 4, -1);   /* 维持区 */
    sr_model_free(m);
    sr_stats_free(st);
}

/* NPS on the recommend item; CSI weights; choices share respondents. */
static void test_nps_choices(void **state)
{
    struct fixture *fx = *state;
    static const int32_t rec[] = { 10, 9, 8, 7, 6, 0, 10, M };
    static const uint64_t improve[] = { 0x1 | 0x2, 0x2, 0x2 | 0x4 | 0x8,
                                        0,         0x1, 0,
                                        0x2,       0 };
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rec); i++) {
        f = blank(NULL, NULL);
        f.scores[RECOMMEND] = rec[i];
        f.choices[IMPROVE] = improve[i];
        f.choices[PLAN] = i < 3 ? 0x4 : 0;
        push(st, &f);
    }
    m = model_of(st);
    /* 3 promoters, 2 detractors of 7: 100 * (3/7 - 2/7) */
    expect(m, "all", "", "NPS", "index", 100.0 / 7, 7);
    /* 5 forms answered improve (8 selections): shares of the 5 */
    expect(m, "all", "", "improve=1", "count", 2, 5);
    expect(m, "all", "", "improve=1", "share", 0.4, 5);
    expect(m, "all", "", "improve=2", "count", 4, 5);
    expect(m, "all", "", "improve=2", "share", 0.8, 5);
    expect(m, "all", "", "improve=3", "share", 0.2, 5);
    expect(m, "all", "", "improve=4", "share", 0.2, 5);
    expect(m, "all", "", "plan=1", "count", 0, 3);
    expect(m, "all", "", "plan=1", "share", 0, 3);
    expect(m, "all", "", "plan=3", "share", 1, 3);
    /* no dimension item answered: no CSI */
    absent(m, "all", "", "CSI", "index");
    /* the recommend item gets all 11 points */
    expect(m, "all", "", "recommend=0", "count", 1, 7);
    expect(m, "all", "", "recommend=10", "share", 2.0 / 7, 7);
    expect(m, "all", "", "recommend", "top2", 3.0 / 7, 7);
    expect(m, "all", "", "recommend", "bottom2", 1.0 / 7, 7);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Welch p value against every other form, those with no value included;
 * and min_report. */
static void test_segments(void **state)
{
    struct fixture *fx = *state;
    static const int32_t a[] = { 5, 4, 4, 3, 5 };
    static const int32_t b[] = { 3, 2, 4, 3, 3, 2, 1, 4 };
    struct sr_stats *st = sr_stats_new(&fx->t, &opts);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(a); i++) {
        f = blank("北", "x");
        f.scores[Q1] = a[i];
        f.scores[OVERALL] = 5;
        push(st, &f);
    }
    /* the rest: 4 in 南 (below min_report), 2 with no region, 2 empty */
    for (i = 0; i < ARRAY_SIZE(b); i++) {
        f = blank(i < 4 ? "南" : i < 6 ? NULL : "", "x");
        f.scores[Q1] = b[i];
        f.scores[OVERALL] = 5;
        push(st, &f);
    }
    m = model_of(st);
    /* scipy 1.10.1: stats.ttest_ind([5, 4, 4, 3, 5],
     *     [3, 2, 4, 3, 3, 2, 1, 4], equal_var=False).pvalue */
    expect(m, "region", "北", "Q1", "p_value", 0.019676591906752697, 5);
    expect(m, "region", "北", "forms", "count", 5, -1);
    expect(m, "region", "北", "Q1", "mean", 4.2, 5);
    /* the service dimension is Q1 alone here: the same test */
    expect(m, "region", "北", "service", "p_value", 0.019676591906752697, 5);
    /* both sides without variance: undefined */
    absent(m, "region", "北", "overall", "p_value");
    /* a segment that holds every form has no rest */
    absent(m, "type", "x", "Q1", "p_value");
    expect(m, "type", "x", "forms", "count", 13, -1);
    /* p values only in segments; quadrants only in all */
    absent(m, "all", "", "Q1", "p_value");
    absent(m, "region", "北", "service", "quadrant");
    /* 南 has 4 forms: not broken down */
    absent(m, "region", "南", "forms", "count");
    absent(m, "region", "南", "Q1", "mean");
    absent(m, "region", "", "Q1", "mean");
    assert_int_equal(m->groups[0].nvalues, 1);
    assert_string_equal(m->groups[0].values[0], "北");
    assert_int_equal(m->groups[0].forms[0], 5);
    sr_model_free(m);

    /* one side without variance is defined:
     * stats.ttest_ind([5, 5, 5], [3, 2, 4, 3], equal_var=False).pvalue */
    sr_stats_free(st);
    st = sr_stats_new(
        &fx->t, &(struct sr_stats_opts){ .min_report = 3, .min_base = 30 });
    for (i = 0; i < 7; i++) {
        f = blank(i < 3 ? "北" : "南", NULL);
        f.scores[Q2] = i < 3 ? 5 : (int32_t[]){ 3, 2, 4, 3 }[i - 3];
        push(st, &f);
    }
    m = model_of(st);
    expect(m, "region", "北", "Q2", "p_value", 0.01627660345942856, 3);
    sr_model_free(m);
    sr_stats_free(st);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *s;
    long n;

    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    assert_true(n >= 0);
    rewind(fp);
    s = xmalloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return s;
}

static char *render(const struct sr_model *m, size_t *len)
{
    char path[] = "/tmp/test_stats_XXXXXX";
    struct sr_diag d = { 0 };
    char *s;
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(sr_render_stats_csv(path, m, &d), SR_OK);
    s = slurp(path, len);
    unlink(path);
    return s;
}

static char *render_stats(struct sr_stats *st, size_t *len)
{
    struct sr_model *m = model_of(st);
    char *s = render(m, len);

    sr_model_free(m);
    return s;
}

/* Two halves merged give the very same stats.csv as one accumulation. */
static void test_merge(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *one = reference_stats(&fx->t, 0, ARRAY_SIZE(forms));
    struct sr_stats *a = reference_stats(&fx->t, 0, 20);
    struct sr_stats *b = reference_stats(&fx->t, 20, 33);
    struct sr_stats *c = reference_stats(&fx->t, 33, ARRAY_SIZE(forms));
    struct sr_stats *e = sr_stats_new(&fx->t, &opts);
    size_t n1;
    size_t n2;
    char *s1;
    char *s2;

    /* c into b, then b into a: any grouping gives the same */
    sr_stats_merge(b, c);
    sr_stats_merge(a, b);
    sr_stats_merge(a, e); /* an empty one changes nothing */
    s1 = render_stats(one, &n1);
    s2 = render_stats(a, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(s1, s2, n1);
    free(s2);
    /* merging into an empty accumulator copies it */
    sr_stats_merge(e, one);
    s2 = render_stats(e, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(s1, s2, n1);
    free(s1);
    free(s2);
    sr_stats_free(one);
    sr_stats_free(a);
    sr_stats_free(b);
    sr_stats_free(c);
    sr_stats_free(e);
}

/*
 * A cell's fast counters (16 bits) are folded into its sums every 65,535
 * forms: 1,700 times the reference data set pushed into one accumulator
 * (68,000 forms in group all and in the largest segments) gives the same
 * stats.csv as 1,700 accumulators of 40 forms merged.
 */
static void test_many_forms_fold(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *one = sr_stats_new(&fx->t, &opts);
    struct sr_stats *sum = sr_stats_new(&fx->t, &opts);
    size_t n1;
    size_t n2;
    char *s1;
    char *s2;
    int k;
    size_t i;

    for (k = 0; k < 1700; k++) {
        struct sr_stats *part = reference_stats(&fx->t, 0, ARRAY_SIZE(forms));

        for (i = 0; i < ARRAY_SIZE(forms); i++)
            push(one, &forms[i]);
        count_reference(one, 0, ARRAY_SIZE(forms));
        sr_stats_merge(sum, part);
        sr_stats_free(part);
    }
    s1 = render_stats(one, &n1);
    s2 = render_stats(sum, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(s1, s2, n1);
    assert_non_null(strstr(s1, "all,,forms,accepted,68000,"));
    free(s1);
    free(s2);
    sr_stats_free(one);
    sr_stats_free(sum);
}

/* The rows of a rendered stats.csv, BOM and header first. */
static void test_stats_csv(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = reference_stats(&fx->t, 0, ARRAY_SIZE(forms));
    struct sr_model *m = model_of(st);
    size_t len;
    size_t row = 0;
    char *s = render(m, &len);
    char *line;
    char *next;
    char *cell[6];
    char *end;
    size_t k;

    assert_memory_equal(s,
                        "\xEF\xBB\xBFgroup,group_value,subject,metric,"
                        "value,n\n",
                        3 + 38);
    assert_non_null(strstr(s, "\nall,,forms,read,45,\n"));
    assert_non_null(strstr(s, "\nall,,NPS,index,-22.857142857142858,35\n"));
    assert_non_null(strstr(s, "\nall,,service,target,85,\n"));
    assert_non_null(strstr(s, "\ntype,'=VIP,forms,count,9,\n"));
    assert_non_null(strstr(s, "\ntype,'-散户,forms,count,13,\n"));
    assert_non_null(strstr(s, "\nregion,华东,Q1=5,share,"));
    /* every value reads back to the very double of the model */
    line = strchr(s, '\n') + 1;
    for (; *line; line = next + 1, row++) {
        next = strchr(line, '\n');
        assert_non_null(next);
        *next = '\0';
        for (k = 0; k < 6; k++) {
            cell[k] = line;
            line += strcspn(line, ",");
            if (*line)
                *line++ = '\0';
        }
        assert_true(row < m->nrows);
        assert_true(strtod(cell[4], &end) == m->rows[row].value);
        assert_true(*end == '\0');
        if (m->rows[row].n < 0)
            assert_string_equal(cell[5], "");
        else
            assert_int_equal(strtol(cell[5], NULL, 10), m->rows[row].n);
    }
    assert_int_equal(row, m->nrows);
    free(s);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Quoting and the ' prefix reach stats.csv through the model. */
static void test_stats_csv_quoting(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = sr_model_new(&fx->t);
    size_t len;
    char *s;

    sr_model_add(m, "region", "a,\"b\"", "Q1", "mean", -0.5, 3);
    sr_model_add(m, "region", "+1", "Q1", "gap", -12, -1);
    sr_model_add(m, "region", "@x", "Q1", "mean", 0.1, 0);
    sr_model_add(m, "region", "line\nbreak", "Q1", "mean", 1e-7, 2);
    sr_model_add(m, "region", "=a,b", "Q1", "mean", 2.5e10, 1);
    s = render(m, &len);
    assert_string_equal(s, "\xEF\xBB\xBFgroup,group_value,subject,metric,"
                           "value,n\n"
                           "region,\"a,\"\"b\"\"\",Q1,mean,-0.5,3\n"
                           "region,'+1,Q1,gap,-12,\n"
                           "region,'@x,Q1,mean,0.1,0\n"
                           "region,\"line\nbreak\",Q1,mean,1e-07,2\n"
                           "region,\"'=a,b\",Q1,mean,25000000000,1\n");
    free(s);
    sr_model_free(m);
}

static void test_stats_csv_errors(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = sr_model_new(&fx->t);
    struct sr_diag d = { 0 };

    sr_model_add(m, "all", "", "Q1", "mean", 1, 1);
    assert_int_equal(sr_render_stats_csv("/nonexistent/dir/stats.csv", m, &d),
                     SR_ERR_WRITE);
    assert_int_equal(d.code, SR_ERR_WRITE);
    assert_non_null(strstr(d.msg, "/nonexistent/dir/stats.csv"));
    if (access("/dev/full", W_OK) == 0) {
        assert_int_equal(sr_render_stats_csv("/dev/full", m, &d), SR_ERR_WRITE);
        assert_non_null(strstr(d.msg, "cannot write"));
    }
    sr_model_free(m);
}

/* Per-file counts in first-seen order; a file counted from several calls. */
static void test_count(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = sr_stats_new(&fx->t, NULL);
    struct sr_model *m;
    char name[32];
    int i;

    /* more files than the first hash table holds */
    for (i = 0; i < 40; i++) {
        snprintf(name, sizeof(name), "f%02d.csv", 39 - i);
        sr_stats_count(st, name, "read");
        sr_stats_count(st, "z.csv", "read");
        sr_stats_count(st, name, "refused");
        sr_stats_count(st, "z.csv", "out_of_period");
    }
    m = model_of(st);
    assert_int_equal(m->nsources, 41);
    assert_string_equal(m->sources[0].file, "f39.csv");
    assert_string_equal(m->sources[1].file, "z.csv");
    assert_int_equal(m->sources[1].read, 40);
    assert_int_equal(m->sources[1].out_of_period, 40);
    assert_string_equal(m->sources[40].file, "f00.csv");
    assert_int_equal(m->sources[40].refused, 1);
    assert_int_equal(m->read, 80);
    assert_int_equal(m->refused, 40);
    assert_int_equal(m->out_of_period, 40);
    assert_int_equal(m->accepted, 0);
    assert_int_equal(m->min_base, 30); /* the defaults */
    expect(m, "all", "", "forms", "read", 80, -1);
    expect(m, "all", "", "forms", "accepted", 0, -1);
    /* the forms rows, and the targets that every group carries */
    expect(m, "all", "", "spare", "target", 70, -1);
    assert_int_equal(m->nrows, 7);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Many segment values: the map grows; values come out in byte order. */
static void test_many_values(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats *st = sr_stats_new(
        &fx->t, &(struct sr_stats_opts){ .min_report = 1, .min_base = 1 });
    struct sr_model *m;
    struct test_form f;
    char v[16];
    int i;

    for (i = 0; i < 300; i++) {
        snprintf(v, sizeof(v), "v%03d", (i * 7) % 100);
        f = blank(v, NULL);
        f.scores[Q1] = 1 + i % 5;
        push(st, &f);
    }
    m = model_of(st);
    assert_int_equal(m->groups[0].nvalues, 100);
    assert_string_equal(m->groups[0].values[0], "v000");
    assert_string_equal(m->groups[0].values[99], "v099");
    assert_int_equal(m->groups[0].forms[42], 3);
    assert_int_equal(m->groups[1].nvalues, 0);
    sr_model_free(m);
    sr_stats_free(st);
}

/* dist.c: the long double paths agree with the exact ones. */
static void test_dist(void **state)
{
    static const int64_t num[] = { 1, 2, 3, 4, 5 };
    static const int64_t count[] = { 3, 0, 7, 1, 9 };
    struct sr_bins b = { .nb = 5, .num = num, .lcm = 1 };
    struct sr_moments e;
    struct sr_moments a;
    /* pairs (x, y) = (1, 2) (2, 1) in stratum 1 (x = s), (5/2, 3) (0, 3)
     * in stratum 2 (x = s/2): sum y, sum y^2, then per stratum n, sum s,
     * sum s^2, sum s*y */
    static const int64_t acc[SR_CORR_SIZE(2)] = { 9, 23, 2, 3,  5,
                                                  4, 2,  5, 25, 15 };
    double re;
    double ra;
    double med;
    int64_t n;

    (void)state;
    sr_dist_moments(&b, count, &e);
    b.no_exact = true;
    sr_dist_moments(&b, count, &a);
    assert_true(e.exact && !a.exact);
    assert_int_equal(e.n, 20);
    assert_true(close_to(a.mean, e.mean));
    assert_true(close_to(a.var, e.var));
    assert_true(close_to(sr_dist_index(&a, 1, 5), sr_dist_index(&e, 1, 5)));
    /* numpy 1.24.2: a = np.repeat([1, 2, 3, 4, 5], count); a.mean(),
     * a.var(ddof=1) */
    assert_true(close_to(e.mean, 3.65));
    assert_true(close_to(e.var, 2.134210526315789));
    assert_true(sr_dist_median(&b, count, 20, &med));
    assert_true(med == 3.5); /* np.median: ranks 10 and 11 are 3 and 4 */
    assert_true(sr_dist_pearson(acc, 2, false, &re, &n));
    assert_int_equal(n, 4);
    assert_true(sr_dist_pearson(acc, 2, true, &ra, &n));
    assert_true(close_to(ra, re));
    /* scipy 1.10.1: stats.pearsonr([1, 2, 2.5, 0], [2, 1, 3, 3])[0] */
    assert_true(close_to(re, -0.2747740351926008));
    assert_int_equal(sr_dist_lcm(10), 2520);
    assert_int_equal(sr_dist_lcm(42), 219060189739591200);
    assert_int_equal(sr_dist_lcm(43), 0);
    /* scipy 1.10.1: brentq(lambda x: stats.t.sf(x, 10) - 0.025, 0, 1000,
     * xtol=1e-300, rtol=8.9e-16) - stats.t.ppf is only good to 1e-11 */
    assert_true(close_to(sr_dist_t975(10), 2.2281388519862744));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_item_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_single_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dimension, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alpha, setup, teardown),
        cmocka_unit_test_setup_teardown(test_r_overall, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quadrant, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nps_choices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_forms_fold, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats_csv_quoting, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_stats_csv_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_values, setup, teardown),
        cmocka_unit_test(test_dist),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The program that wrote forms[] and expected[] (its output is pasted
 * above as it came):
 *
 * # gen.py - reference figures for tests/unit/test_stats.c (see the test)
 * # Run: /usr/bin/python3 gen.py > out.c   (scipy 1.10.1, numpy 1.24.2;
 * # statsmodels 0.13.5 if installed, to cross-check the z-test)
 * import random
 * import numpy as np
 * import scipy
 * import scipy.stats as ss
 * from scipy.optimize import brentq
 *
 * R = random.Random(2026)
 * ITEMS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'overall', 'recommend']
 * SCALE = {'Q1': (1, 5), 'Q2': (1, 5), 'Q3': (1, 5), 'Q4': (1, 5),
 *          'Q5': (1, 5), 'overall': (1, 5), 'recommend': (0, 10)}
 * DIMS = [('service', ['Q1', 'Q2', 'Q3'], 0.6, 85.0),
 *         ('price', ['Q4'], 0.4, 80.0),
 *         ('spare', ['Q5'], 0.5, 70.0)]        # never answered
 * CHOICES = [('plan', ['1', '2', '3']), ('improve', ['1', '2', '3', '4'])]
 * SEGMENTS = ['region', 'type']
 * MIN_REPORT = 5
 * MIN_BASE = 30
 *
 * def t975(df):
 *     # scipy's t.ppf (cdflib stdtrit) is only good to ~1e-11 here; solve
 *     # t.sf(x, df) = 0.025, which is good to the last bits, instead
 *     return brentq(lambda x: ss.t.sf(x, df) - 0.025, 0, 1000, xtol=1e-300,
 *                   rtol=8.9e-16, maxiter=500)
 *
 * def pick(vals, miss):
 *     return None if R.random() < miss else R.choice(vals)
 *
 * forms = []
 * regions = (['华东'] * 14 + ['华北'] * 12 + ['西部'] * 3 + [None] * 6
 *            + [''] * 5)
 * types = ['=VIP'] * 9 + ['-散户'] * 13 + ['普通'] * 12 + [None] * 6
 * R.shuffle(regions)
 * R.shuffle(types)
 * for i in range(40):
 *     f = {'region': regions[i], 'type': types[i]}
 *     for q in ['Q1', 'Q2', 'Q3', 'Q4']:
 *         f[q] = pick([1, 2, 3, 4, 5, 4, 5, 3], 0.12)
 *     f['Q5'] = None
 *     f['overall'] = pick([2, 3, 4, 4, 5, 5], 0.05)
 *     f['recommend'] = pick(list(range(11)) + [9, 10, 8], 0.1)
 *     f['plan'] = 0 if R.random() < 0.15 else 1 << R.randrange(3)
 *     f['improve'] = 0 if R.random() < 0.2 else R.randrange(1, 16)
 *     forms.append(f)
 *
 * def fmt(v):
 *     return repr(float(v))
 *
 * rows = []
 * def put(g, gv, subj, metric, v, n):
 *     assert np.isfinite(v)
 *     rows.append((g, gv, subj, metric, float(v), n))
 *
 * def dimscore(f, items):
 *     v = [f[q] for q in items if f[q] is not None]
 *     return sum(v) / len(v) if v else None
 *
 * def welch(a, b):
 *     if len(a) < 2 or len(b) < 2:
 *         return None
 *     if np.var(a) == 0 and np.var(b) == 0:
 *         return None
 *     return ss.ttest_ind(a, b, equal_var=False).pvalue
 *
 * def ztest2(x1, n1, x2, n2):
 *     # statsmodels' proportions_ztest([x1, x2], [n1, n2]) written out:
 *     # pooled proportion, two-sided p = 2 * norm.sf(|z|); checked against
 *     # statsmodels 0.13.5 (Debian python3-statsmodels) to the last bit
 *     if n1 == 0 or n2 == 0 or x1 + x2 in (0, n1 + n2):
 *         return None
 *     p1, p2 = x1 / n1, x2 / n2
 *     pp = (x1 + x2) / (n1 + n2)
 *     z = (p1 - p2) / np.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
 *     p = 2 * ss.norm.sf(abs(z))
 *     try:
 *         from statsmodels.stats.proportion import proportions_ztest
 *         assert p == proportions_ztest([x1, x2], [n1, n2])[1]
 *     except ImportError:
 *         pass
 *     return p
 *
 * def ranks(cands):
 *     # cands: (key, gap, importance or None); most negative gap first, then
 *     # the most important (importance known first), then template order
 *     cands = [c for c in cands if c[1] < 0]
 *     order = sorted(range(len(cands)),
 *                    key=lambda i: (cands[i][1], cands[i][2] is None,
 *                                   -(cands[i][2] or 0), i))
 *     return {cands[i][0]: r + 1 for r, i in enumerate(order)}
 *
 * def pearson(pairs):
 *     if len(pairs) < 2:
 *         return None
 *     x = [p[0] for p in pairs]
 *     y = [p[1] for p in pairs]
 *     if np.var(x) == 0 or np.var(y) == 0:
 *         return None
 *     return ss.pearsonr(x, y)[0]
 *
 * def location(g, gv, subj, vals, lo, hi, pooled, rest, rest_pooled=None,
 *              nforms=0):
 *     n = len(vals)
 *     a = np.array(vals, dtype=float)
 *     m = np.mean(a)
 *     put(g, gv, subj, 'mean', m, n)
 *     if n >= 2:
 *         sd = np.std(a, ddof=1)
 *         h = t975(n - 1) * sd / np.sqrt(n)
 *         put(g, gv, subj, 'sd', sd, n)
 *         put(g, gv, subj, 'ci95_low', m - h, n)
 *         put(g, gv, subj, 'ci95_high', m + h, n)
 *     put(g, gv, subj, 'median', np.median(a), n)
 *     pn = len(pooled)
 *     put(g, gv, subj, 'top2', sum(1 for v in pooled if v >= hi - 1) / pn, pn)
 *     low = sum(1 for v in pooled if v <= lo + 1)
 *     put(g, gv, subj, 'bottom2', low / pn, pn)
 *     idx = (m - lo) / (hi - lo) * 100
 *     put(g, gv, subj, 'index', idx, n)
 *     if rest is not None:
 *         p = welch(vals, rest)
 *         if p is not None:
 *             put(g, gv, subj, 'p_value', p, n)
 *         top = sum(1 for v in pooled if v >= hi - 1)
 *         rtop = sum(1 for v in rest_pooled if v >= hi - 1)
 *         p2 = ztest2(top, pn, rtop, len(rest_pooled))
 *         if p2 is not None:
 *             put(g, gv, subj, 'p_top2', p2, pn)
 *         sig = p is not None and p < 0.05 and nforms >= MIN_BASE
 *         put(g, gv, subj, 'significant', 1 if sig else 0, -1)
 *     return idx
 *
 * IMP = {}
 *
 * def importance(fs):
 *     for q in ITEMS:
 *         pairs = [(f[q], f['overall']) for f in fs
 *                  if f[q] is not None and f['overall'] is not None]
 *         IMP[q] = pearson(pairs)
 *     for d, its, w, tgt in DIMS:
 *         pairs = [(dimscore(f, its), f['overall']) for f in fs
 *                  if dimscore(f, its) is not None
 *                  and f['overall'] is not None]
 *         IMP[d] = pearson(pairs)
 *
 * def group(g, gv, fs, rest_fs):
 *     seg = rest_fs is not None
 *     # action ranks: dimensions (every group), items (group all)
 *     drank = []
 *     for d, its, w, tgt in DIMS:
 *         sc = [s for s in (dimscore(f, its) for f in fs) if s is not None]
 *         if sc:
 *             drank.append((d, (np.mean(sc) - 1) / 4 * 100 - tgt, IMP[d]))
 *     drank = ranks(drank)
 *     irank = []
 *     if not seg:
 *         for d, its, w, tgt in DIMS:
 *             for q in its:
 *                 vals = [f[q] for f in fs if f[q] is not None]
 *                 if vals:
 *                     lo, hi = SCALE[q]
 *                     idx = (np.mean(vals) - lo) / (hi - lo) * 100
 *                     irank.append((q, idx - tgt, IMP[q]))
 *     irank = ranks(irank)
 *     dimof = {q: tgt for d, its, w, tgt in DIMS for q in its}
 *     for q in ITEMS:
 *         vals = [f[q] for f in fs if f[q] is not None]
 *         if not vals:
 *             continue
 *         lo, hi = SCALE[q]
 *         rest = [f[q] for f in rest_fs if f[q] is not None] if seg else None
 *         idx = location(g, gv, q, vals, lo, hi, vals, rest, rest, len(fs))
 *         if not seg and q in dimof:
 *             put(g, gv, q, 'target', dimof[q], -1)
 *             put(g, gv, q, 'gap', idx - dimof[q], -1)
 *             if q in irank:
 *                 put(g, gv, q, 'action_rank', irank[q], -1)
 *         if q == 'overall':
 *             if len(vals) >= 2 and np.var(vals) > 0:
 *                 put(g, gv, q, 'r_overall', 1.0, len(vals))
 *         else:
 *             pairs = [(f[q], f['overall']) for f in fs
 *                      if f[q] is not None and f['overall'] is not None]
 *             r = pearson(pairs)
 *             if r is not None:
 *                 put(g, gv, q, 'r_overall', r, len(pairs))
 *         for v in range(lo, hi + 1):
 *             c = vals.count(v)
 *             put(g, gv, '%s=%d' % (q, v), 'count', c, len(vals))
 *             put(g, gv, '%s=%d' % (q, v), 'share', c / len(vals), len(vals))
 *     info = {}
 *     for d, its, w, tgt in DIMS:
 *         sc = [dimscore(f, its) for f in fs]
 *         sc = [s for s in sc if s is not None]
 *         pairs = [(dimscore(f, its), f['overall']) for f in fs
 *                  if dimscore(f, its) is not None
 *                  and f['overall'] is not None]
 *         info[d] = (pearson(pairs), None, len(pairs))
 *         if sc:
 *             m = np.mean(sc)
 *             info[d] = (info[d][0], (m - 1) / 4 * 100, len(pairs))
 *     have = [d for d in info
 *             if info[d][0] is not None and info[d][1] is not None]
 *     mr = sum(info[d][0] for d in have) / len(have) if have else 0
 *     mi = sum(info[d][1] for d in have) / len(have) if have else 0
 *     for d, its, w, tgt in DIMS:
 *         sc = [dimscore(f, its) for f in fs]
 *         sc = [s for s in sc if s is not None]
 *         if not sc:
 *             put(g, gv, d, 'target', tgt, -1)
 *             continue
 *         pooled = [f[q] for f in fs for q in its if f[q] is not None]
 *         rest = None
 *         rest_pooled = None
 *         if seg:
 *             rest = [dimscore(f, its) for f in rest_fs]
 *             rest = [s for s in rest if s is not None]
 *             rest_pooled = [f[q] for f in rest_fs for q in its
 *                            if f[q] is not None]
 *         idx = location(g, gv, d, sc, 1, 5, pooled, rest, rest_pooled,
 * len(fs)) if len(its) >= 2: comp = [[f[q] for q in its] for f in fs if
 * all(f[q] is not None for q in its)] if len(comp) >= 2: a = np.array(comp,
 * dtype=float) k = len(its) tv = np.var(a.sum(axis=1), ddof=1) if tv > 0: iv =
 * a.var(axis=0, ddof=1).sum() alpha = k / (k - 1) * (1 - iv / tv) put(g, gv, d,
 * 'alpha', alpha, len(comp)) put(g, gv, d, 'target', tgt, -1) put(g, gv, d,
 * 'gap', idx - tgt, -1) if d in drank: put(g, gv, d, 'action_rank', drank[d],
 * -1) r, _, rn = info[d] if r is not None: put(g, gv, d, 'r_overall', r, rn) if
 * not seg and d in have: hi_imp = info[d][0] >= mr hi_perf = info[d][1] >= mi
 *             q = (1 if hi_perf else 2) if hi_imp else (4 if hi_perf else 3)
 *             put(g, gv, d, 'quadrant', q, -1)
 *     num = sum(w * info[d][1] for d, its, w, t in DIMS
 *               if info[d][1] is not None)
 *     den = sum(w for d, its, w, t in DIMS if info[d][1] is not None)
 *     if den:
 *         ncsi = sum(1 for f in fs
 *                    if any(f[q] is not None for d in DIMS for q in d[1]))
 *         put(g, gv, 'CSI', 'index', num / den, ncsi)
 *     rec = [f['recommend'] for f in fs if f['recommend'] is not None]
 *     if rec:
 *         pro = sum(1 for v in rec if v >= 9)
 *         det = sum(1 for v in rec if v <= 6)
 *         nps = 100 * (pro - det) / len(rec)
 *         put(g, gv, 'NPS', 'index', nps, len(rec))
 *     for c, opts in CHOICES:
 *         ans = [f[c] for f in fs if f[c]]
 *         if not ans:
 *             continue
 *         for k, o in enumerate(opts):
 *             cnt = sum(1 for m in ans if m & (1 << k))
 *             put(g, gv, '%s=%s' % (c, o), 'count', cnt, len(ans))
 *             put(g, gv, '%s=%s' % (c, o), 'share', cnt / len(ans), len(ans))
 *
 * for metric, v in [('read', 45), ('accepted', 40), ('refused', 3),
 *                   ('out_of_period', 2)]:
 *     put('all', '', 'forms', metric, v, -1)
 * importance(forms)
 * group('all', '', forms, None)
 * for s in SEGMENTS:
 *     vals = sorted({f[s] for f in forms if f[s]}, key=lambda v: v.encode())
 *     for v in vals:
 *         fs = [f for f in forms if f[s] == v]
 *         if len(fs) < MIN_REPORT:
 *             continue
 *         put(s, v, 'forms', 'count', len(fs), -1)
 *         put(s, v, 'forms', 'small', 1 if len(fs) < MIN_BASE else 0, -1)
 *         group(s, v, fs, [f for f in forms if f[s] != v])
 *
 * def cstr(s):
 *     return 'NULL' if s is None else '"%s"' % s
 *
 * def cint(v):
 *     return 'M' if v is None else str(v)
 *
 * print('static const struct test_form forms[] = {')
 * for f in forms:
 *     print('    { %s, %s, { %s }, { %d, %d } },' % (
 *         cstr(f['region']), cstr(f['type']),
 *         ', '.join(cint(f[q]) for q in ITEMS), f['plan'], f['improve']))
 * print('};')
 * print()
 * print('static const struct test_row expected[] = {')
 * for g, gv, subj, metric, v, n in rows:
 *     print('    { "%s", "%s", "%s", "%s", %s, %d },'
 *           % (g, gv, subj, metric, fmt(v), n))
 * print('};')
 */
