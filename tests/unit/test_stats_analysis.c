/* SPDX-License-Identifier: MIT */
/*
 * test_stats_analysis.c - unit tests of the analysis half of the statistics
 * module: derived segment groups, comment categories (subjects and the group
 * "category"), complaints, p_top2, small and significant, the previous
 * period (prev_index, delta, p_delta), action ranks, and mergeable states
 * (sr_stats_save(), sr_stats_load()).
 *
 * Every expected figure was computed outside C:
 *
 *  - test_reference: the whole model of a 48-form data set with rules
 *    (a derived segment, four comment categories) and a previous stats.csv,
 *    row by row in stats.csv order, written by the Python program at the
 *    end of this file (scipy 1.10.1, numpy 1.24.2, Debian /usr/bin/python3;
 *    the z-test cross-checked with statsmodels 0.13.5).
 *  - the focused tests: the scipy/statsmodels call is named at each literal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* classify.h's file comment holds a slash-star: quiet -Wcomment for it */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wcomment"
#include "../../src/classify/classify.h"
#pragma GCC diagnostic pop
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
enum { D_LEVEL, D_CLASS, NDERIVED };

/* One hand-made form: segment values, derived values, answers, comment
 * (0 none, 1 a text, 2 an empty text) and comment categories. */
struct test_form {
    const char *region;
    const char *type;
    const char *cls; /* derived customer_class (a segment) */
    const char *lvl; /* derived sat_level (not a segment) */
    int32_t scores[NITEMS];
    uint64_t choices[NCHOICES];
    int comment;
    uint64_t cats;
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

/* The rules: derived fields and categories (bits 0 and 1 are complaints). */
static const struct sr_derived_field derived[NDERIVED] = {
    [D_LEVEL] = { "sat_level", "满意度等级", false },
    [D_CLASS] = { "cls", "客户分类", true },
};

static const struct sr_category categories[] = {
    { "服务质量不达标", true, "服务质量不符合" },
    { "服务过程不满意", true, "服务过程不满意" },
    { "=价格", false, NULL },
    { "未分类", false, NULL },
};

#define COMPLAINTS UINT64_C(3)

/* ---- the template ------------------------------------------------------
 * As in test_stats.c: scales sat5 1..5, nps11 0..10; fields form_id,
 * region (segment 区域), type (segment 客户类别); dimensions service = Q1 Q2
 * Q3 (weight 0.6, target 85), price = Q4 (0.4, 80), spare = Q5 (0.5, 70);
 * free items overall and recommend; choices plan (1 2 3) and improve
 * (multiple, 1 2 3 4); and a comment C1. */

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
    size_t i;

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
    t->comments = A(&fx->a, 1, sizeof(*t->comments));
    t->comments[0].id = S(&fx->a, "C1");
    t->comments[0].text = S(&fx->a, "意见和建议");
    t->ncomments = 1;
    t->form_id_field = F_ID;
    t->customer_id_field = -1;
    t->date_field = -1;
    t->overall_item = OVERALL;
    t->recommend_item = RECOMMEND;
    t->segments = A(&fx->a, 2, sizeof(*t->segments));
    t->segments[0] = F_REGION;
    t->segments[1] = F_TYPE;
    t->nsegments = 2;
    for (i = 0; i < sizeof(t->sha256); i++)
        t->sha256[i] = (unsigned char)(i * 7 + 1);
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

/* the options of the reference data set (min_base 15), without previous */
static struct sr_stats_opts ref_opts(void)
{
    struct sr_stats_opts o = { .min_report = 5, .min_base = 15 };

    o.derived = derived;
    o.nderived = NDERIVED;
    o.categories = categories;
    o.ncategories = ARRAY_SIZE(categories);
    return o;
}

static void push(struct sr_stats *st, const struct test_form *f)
{
    const char *fields[NFIELDS] = { "F", f->region, f->type };
    const char *dv[NDERIVED] = { [D_LEVEL] = f->lvl, [D_CLASS] = f->cls };
    const char *comments[1] = { f->comment == 1   ? "客服很好"
                                : f->comment == 2 ? ""
                                                  : NULL };
    struct sr_record r = { 0 };

    r.fields = fields;
    r.scores = f->scores;
    r.choices = f->choices;
    r.comments = comments;
    r.derived = dv;
    r.nderived = NDERIVED;
    r.categories = f->cats;
    r.complaint = (f->cats & COMPLAINTS) != 0;
    sr_stats_push(st, &r);
}

static struct sr_model *model_of(const struct sr_stats *st)
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
                      long wn, int line)
{
    double v;
    long n;

    if (!sr_model_get(m, g, gv, subj, metric, &v, &n))
        fail_msg("line %d: figure %s/%s/%s/%s missing", line, g, gv, subj,
                 metric);
    if (!close_to(v, want))
        fail_msg("line %d: %s/%s/%s/%s = %.17g, want %.17g", line, g, gv, subj,
                 metric, v, want);
    if (n != wn)
        fail_msg("line %d: %s/%s/%s/%s n = %ld, want %ld", line, g, gv, subj,
                 metric, n, wn);
}

#define expect(m, g, gv, s, me, v, n) expect_at(m, g, gv, s, me, v, n, __LINE__)

static void absent_at(const struct sr_model *m, const char *g, const char *gv,
                      const char *subj, const char *metric, int line)
{
    if (sr_model_get(m, g, gv, subj, metric, NULL, NULL))
        fail_msg("line %d: figure %s/%s/%s/%s should be absent", line, g, gv,
                 subj, metric);
}

#define absent(m, g, gv, s, me) absent_at(m, g, gv, s, me, __LINE__)

/* A form with only the given answers (the rest missing). */
static struct test_form blank(const char *region, const char *cls)
{
    struct test_form f = { region,   NULL, cls, NULL, { M, M, M, M, M, M, M },
                           { 0, 0 }, 0,    0 };

    return f;
}

/* ---- files ------------------------------------------------------------- */

static char *temp_path(void)
{
    char path[] = "/tmp/test_stats_analysis_XXXXXX";
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    close(fd);
    return xstrdup(path);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
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

/* stats.csv of @st, as bytes */
static char *render_stats(const struct sr_stats *st, size_t *len)
{
    struct sr_model *m = model_of(st);
    struct sr_diag d = { 0 };
    char *path = temp_path();
    char *s;

    assert_int_equal(sr_render_stats_csv(path, m, &d), SR_OK);
    s = slurp(path, len);
    unlink(path);
    free(path);
    sr_model_free(m);
    return s;
}

/* ---- the reference data set (generated: see the end of the file) ------ */

static const struct test_form forms[] = {
    { NULL, "普通", "B类", "高", { 3, M, 2, 2, M, 2, 9 }, { 1, 0 }, 1, 3 },
    { "华北", "-散户", "B类", "低", { 2, 2, 5, 4, M, 4, 1 }, { 2, 12 }, 0, 0 },
    { NULL, "普通", "A类", "低", { 4, 5, 5, 3, M, 5, 5 }, { 4, 14 }, 1, 3 },
    { NULL, "=VIP", "B类", "低", { 2, 2, 1, 2, M, 3, 3 }, { 4, 12 }, 1, 1 },
    { "华东", "-散户", "C类", "高", { 2, 3, M, M, M, 2, 2 }, { 1, 10 }, 2, 0 },
    { "华北", "普通", "A类", "低", { M, 5, 5, 5, M, 5, 8 }, { 1, 0 }, 1, 1 },
    { "华东", "-散户", "B类", "高", { 3, 2, 3, 2, M, 5, 7 }, { 2, 0 }, 0, 0 },
    { "", "普通", NULL, NULL, { 2, 4, M, 4, M, 3, 10 }, { 0, 5 }, 2, 0 },
    { "华东", "=VIP", "B类", "低", { 3, 3, 3, 4, M, 4, 2 }, { 1, 0 }, 0, 0 },
    { "华东", "普通", "B类", "高", { 3, 2, 5, 4, M, 5, 3 }, { 1, 8 }, 1, 8 },
    { "华东", "=VIP", "A类", "低", { 4, 3, 4, 4, M, 4, 5 }, { 4, 3 }, 1, 1 },
    { "华北", "=VIP", "A类", NULL, { 4, 3, 4, M, M, 2, 0 }, { 2, 15 }, 0, 0 },
    { "华东", "-散户", "B类", "低", { 3, 3, 2, 2, M, 2, 8 }, { 0, 8 }, 1, 8 },
    { "华北", "=VIP", "B类", "低", { M, 3, M, 2, M, 5, 7 }, { 4, 5 }, 2, 0 },
    { "西部", "-散户", "B类", "高", { 1, 3, 3, 5, M, 4, 9 }, { 4, 1 }, 1, 2 },
    { "华北", "=VIP", "B类", "低", { 3, 2, 5, 2, M, 4, 9 }, { 1, 13 }, 0, 0 },
    { "", "-散户", "B类", "高", { 1, 2, 2, 4, M, 2, 0 }, { 2, 9 }, 1, 2 },
    { "西部", NULL, "", "高", { 2, 1, 1, 3, M, 4, 8 }, { 0, 9 }, 1, 8 },
    { "华东", "普通", "A类", "高", { 3, 5, 5, 5, M, 4, M }, { 1, 14 }, 2, 0 },
    { "华北", "=VIP", "A类", "高", { 5, 3, 5, M, M, 4, 8 }, { 1, 14 }, 2, 0 },
    { "华东", "-散户", "B类", NULL, { 1, 2, 3, 2, M, 2, 5 }, { 4, 0 }, 0, 0 },
    { "西部", NULL, "B类", "高", { M, M, 3, 1, M, 3, 9 }, { 2, 12 }, 1, 8 },
    { "华北", "普通", "A类", "低", { M, 5, M, 4, M, 4, 10 }, { 2, 3 }, 0, 0 },
    { "", "普通", "C类", "低", { 2, M, M, 2, M, 5, 0 }, { 0, 14 }, 0, 0 },
    { "华东", "-散户", "B类", NULL, { 2, 3, 3, 3, M, 4, 4 }, { 2, 7 }, 1, 1 },
    { "华北", "-散户", "A类", "低", { 5, 3, 4, 4, M, 5, 1 }, { 0, 0 }, 1, 8 },
    { "华东", "-散户", "A类", "高", { 5, 5, 5, 5, M, 5, 4 }, { 0, 5 }, 1, 2 },
    { "华北", "=VIP", "A类", NULL, { 5, 5, 5, 4, M, 5, 9 }, { 4, 9 }, 2, 0 },
    { "华东", "普通", "B类", "低", { 3, 4, 5, 4, M, 4, 4 }, { 1, 10 }, 0, 0 },
    { "华东", "-散户", "A类", NULL, { 5, 4, M, 3, M, 5, 9 }, { 2, 0 }, 1, 1 },
    { "华东", "=VIP", "B类", "高", { 2, 4, M, 1, M, 4, 10 }, { 2, 5 }, 2, 0 },
    { "华东", "普通", "A类", "低", { 5, 4, M, 3, M, 3, 7 }, { 0, 10 }, 1, 2 },
    { "华北", "普通", "", NULL, { M, 2, M, 5, M, 4, 9 }, { 4, 4 }, 1, 1 },
    { "华东", "-散户", "A类", "高", { 4, M, 3, 5, M, 2, 9 }, { 4, 0 }, 1, 8 },
    { "华东", "-散户", "B类", "高", { M, 1, 3, 1, M, 3, 1 }, { 4, 0 }, 1, 3 },
    { "华北", "=VIP", "B类", NULL, { 3, 5, 3, 3, M, 4, 8 }, { 2, 6 }, 1, 1 },
    { "", NULL, "A类", "低", { 5, 5, 4, 4, M, 5, 7 }, { 4, 12 }, 2, 0 },
    { "华北", NULL, "B类", NULL, { 2, 2, 2, M, M, 5, 2 }, { 1, 0 }, 1, 1 },
    { "华北", NULL, "C类", NULL, { 3, 5, 1, 1, M, 2, 5 }, { 4, 2 }, 1, 4 },
    { "华东", "-散户", "A类", NULL, { 4, 4, 5, 3, M, 4, 8 }, { 1, 6 }, 0, 0 },
    { "华东", NULL, "A类", "高", { 5, 5, 5, 4, M, 5, 9 }, { 0, 6 }, 1, 1 },
    { "华北", "普通", "B类", "低", { 4, 5, M, 5, M, 2, 5 }, { 4, 12 }, 1, 1 },
    { NULL, "=VIP", NULL, NULL, { 3, 5, 3, 2, M, 5, M }, { 0, 1 }, 1, 2 },
    { "华北", "-散户", "A类", NULL, { 5, 5, 5, 5, M, 2, 1 }, { 2, 7 }, 2, 0 },
    { "西部", "普通", "B类", NULL, { 2, 5, 1, 3, M, 5, 2 }, { 1, 0 }, 1, 5 },
    { "华东", "=VIP", "B类", NULL, { 3, 3, 3, 3, M, 3, M }, { 1, 9 }, 1, 2 },
    { "华东", "普通", NULL, NULL, { 2, 1, 4, 4, M, 5, 7 }, { 4, 2 }, 2, 0 },
    { "华北", "-散户", "A类", "高", { 5, M, 5, 4, M, 4, M }, { 2, 15 }, 0, 0 },
};

static const char prev_csv[] =
    "\xEF\xBB\xBFgroup,group_value,subject,metric,value,n\n"
    "all,,Q1,mean,3.25,40\n"
    "all,,Q1,sd,1.2,40\n"
    "all,,Q1,index,56.25,40\n"
    "all,,Q1=1,count,4,40\n"
    "all,,service,index,60.5,44\n"
    "all,,service,mean,3.42,44\n"
    "all,,service,sd,0.9,44\n"
    "all,,overall,index,70,\n"
    "all,,CSI,index,58.125,45\n"
    "all,,NPS,index,-12.5,40\n"
    "all,,forms,read,50,\n"
    "all,,Q9,index,10,3\n"
    "region,华东,Q1,mean,2.5,12\n"
    "region,华东,Q1,sd,1,12\n"
    "region,华东,Q1,index,37.5,12\n"
    "region,华东,price,index,40,11\n"
    "region,东北,Q1,index,90,9\n"
    "type,'=VIP,Q2,mean,4,2\n"
    "type,'=VIP,Q2,sd,0,2\n"
    "type,'=VIP,Q2,index,75,2\n"
    "category,服务质量不达标,service,index,30,6\n"
    "cls,A类,NPS,index,20,10\n";

static const struct test_row expected[] = {
    { "all", "", "forms", "read", 48.0, -1 },
    { "all", "", "forms", "accepted", 48.0, -1 },
    { "all", "", "forms", "refused", 0.0, -1 },
    { "all", "", "forms", "out_of_period", 0.0, -1 },
    { "all", "", "Q1", "mean", 3.2142857142857144, 42 },
    { "all", "", "Q1", "sd", 1.2790185697409402, 42 },
    { "all", "", "Q1", "ci95_low", 2.8157154699644535, 42 },
    { "all", "", "Q1", "ci95_high", 3.6128559586069753, 42 },
    { "all", "", "Q1", "median", 3.0, 42 },
    { "all", "", "Q1", "top2", 0.38095238095238093, 42 },
    { "all", "", "Q1", "bottom2", 0.3333333333333333, 42 },
    { "all", "", "Q1", "index", 55.35714285714286, 42 },
    { "all", "", "Q1", "prev_index", 56.25, 40 },
    { "all", "", "Q1", "delta", -0.8928571428571388, 42 },
    { "all", "", "Q1", "p_delta", 0.8965349001597465, 42 },
    { "all", "", "Q1", "target", 85.0, -1 },
    { "all", "", "Q1", "gap", -29.64285714285714, -1 },
    { "all", "", "Q1", "action_rank", 1.0, -1 },
    { "all", "", "Q1", "r_overall", 0.18243829732170386, 42 },
    { "all", "", "Q1=1", "count", 3.0, 42 },
    { "all", "", "Q1=1", "share", 0.07142857142857142, 42 },
    { "all", "", "Q1=2", "count", 11.0, 42 },
    { "all", "", "Q1=2", "share", 0.2619047619047619, 42 },
    { "all", "", "Q1=3", "count", 12.0, 42 },
    { "all", "", "Q1=3", "share", 0.2857142857142857, 42 },
    { "all", "", "Q1=4", "count", 6.0, 42 },
    { "all", "", "Q1=4", "share", 0.14285714285714285, 42 },
    { "all", "", "Q1=5", "count", 10.0, 42 },
    { "all", "", "Q1=5", "share", 0.23809523809523808, 42 },
    { "all", "", "Q2", "mean", 3.441860465116279, 43 },
    { "all", "", "Q2", "sd", 1.3327795084565501, 43 },
    { "all", "", "Q2", "ci95_low", 3.031691474596643, 43 },
    { "all", "", "Q2", "ci95_high", 3.852029455635915, 43 },
    { "all", "", "Q2", "median", 3.0, 43 },
    { "all", "", "Q2", "top2", 0.46511627906976744, 43 },
    { "all", "", "Q2", "bottom2", 0.27906976744186046, 43 },
    { "all", "", "Q2", "index", 61.04651162790697, 43 },
    { "all", "", "Q2", "target", 85.0, -1 },
    { "all", "", "Q2", "gap", -23.953488372093027, -1 },
    { "all", "", "Q2", "action_rank", 2.0, -1 },
    { "all", "", "Q2", "r_overall", 0.12384183479479452, 43 },
    { "all", "", "Q2=1", "count", 3.0, 43 },
    { "all", "", "Q2=1", "share", 0.06976744186046512, 43 },
    { "all", "", "Q2=2", "count", 9.0, 43 },
    { "all", "", "Q2=2", "share", 0.20930232558139536, 43 },
    { "all", "", "Q2=3", "count", 11.0, 43 },
    { "all", "", "Q2=3", "share", 0.2558139534883721, 43 },
    { "all", "", "Q2=4", "count", 6.0, 43 },
    { "all", "", "Q2=4", "share", 0.13953488372093023, 43 },
    { "all", "", "Q2=5", "count", 14.0, 43 },
    { "all", "", "Q2=5", "share", 0.32558139534883723, 43 },
    { "all", "", "Q3", "mean", 3.5526315789473686, 38 },
    { "all", "", "Q3", "sd", 1.3695011603372256, 38 },
    { "all", "", "Q3", "ci95_low", 3.1024877489177114, 38 },
    { "all", "", "Q3", "ci95_high", 4.002775408977026, 38 },
    { "all", "", "Q3", "median", 3.5, 38 },
    { "all", "", "Q3", "top2", 0.5, 38 },
    { "all", "", "Q3", "bottom2", 0.21052631578947367, 38 },
    { "all", "", "Q3", "index", 63.81578947368421, 38 },
    { "all", "", "Q3", "target", 85.0, -1 },
    { "all", "", "Q3", "gap", -21.184210526315788, -1 },
    { "all", "", "Q3", "action_rank", 4.0, -1 },
    { "all", "", "Q3", "r_overall", 0.38005553063101244, 38 },
    { "all", "", "Q3=1", "count", 4.0, 38 },
    { "all", "", "Q3=1", "share", 0.10526315789473684, 38 },
    { "all", "", "Q3=2", "count", 4.0, 38 },
    { "all", "", "Q3=2", "share", 0.10526315789473684, 38 },
    { "all", "", "Q3=3", "count", 11.0, 38 },
    { "all", "", "Q3=3", "share", 0.2894736842105263, 38 },
    { "all", "", "Q3=4", "count", 5.0, 38 },
    { "all", "", "Q3=4", "share", 0.13157894736842105, 38 },
    { "all", "", "Q3=5", "count", 14.0, 38 },
    { "all", "", "Q3=5", "share", 0.3684210526315789, 38 },
    { "all", "", "Q4", "mean", 3.2954545454545454, 44 },
    { "all", "", "Q4", "sd", 1.249735701445402, 44 },
    { "all", "", "Q4", "ci95_low", 2.9155001641916316, 44 },
    { "all", "", "Q4", "ci95_high", 3.6754089267174592, 44 },
    { "all", "", "Q4", "median", 3.5, 44 },
    { "all", "", "Q4", "top2", 0.5, 44 },
    { "all", "", "Q4", "bottom2", 0.29545454545454547, 44 },
    { "all", "", "Q4", "index", 57.38636363636363, 44 },
    { "all", "", "Q4", "target", 80.0, -1 },
    { "all", "", "Q4", "gap", -22.613636363636367, -1 },
    { "all", "", "Q4", "action_rank", 3.0, -1 },
    { "all", "", "Q4", "r_overall", 0.13667738301657412, 44 },
    { "all", "", "Q4=1", "count", 4.0, 44 },
    { "all", "", "Q4=1", "share", 0.09090909090909091, 44 },
    { "all", "", "Q4=2", "count", 9.0, 44 },
    { "all", "", "Q4=2", "share", 0.20454545454545456, 44 },
    { "all", "", "Q4=3", "count", 9.0, 44 },
    { "all", "", "Q4=3", "share", 0.20454545454545456, 44 },
    { "all", "", "Q4=4", "count", 14.0, 44 },
    { "all", "", "Q4=4", "share", 0.3181818181818182, 44 },
    { "all", "", "Q4=5", "count", 8.0, 44 },
    { "all", "", "Q4=5", "share", 0.18181818181818182, 44 },
    { "all", "", "overall", "mean", 3.7916666666666665, 48 },
    { "all", "", "overall", "sd", 1.1290804643759722, 48 },
    { "all", "", "overall", "ci95_low", 3.4638158750616928, 48 },
    { "all", "", "overall", "ci95_high", 4.11951745827164, 48 },
    { "all", "", "overall", "median", 4.0, 48 },
    { "all", "", "overall", "top2", 0.6666666666666666, 48 },
    { "all", "", "overall", "bottom2", 0.20833333333333334, 48 },
    { "all", "", "overall", "index", 69.79166666666666, 48 },
    { "all", "", "overall", "prev_index", 70.0, -1 },
    { "all", "", "overall", "delta", -0.2083333333333428, 48 },
    { "all", "", "overall", "r_overall", 1.0, 48 },
    { "all", "", "overall=1", "count", 0.0, 48 },
    { "all", "", "overall=1", "share", 0.0, 48 },
    { "all", "", "overall=2", "count", 10.0, 48 },
    { "all", "", "overall=2", "share", 0.20833333333333334, 48 },
    { "all", "", "overall=3", "count", 6.0, 48 },
    { "all", "", "overall=3", "share", 0.125, 48 },
    { "all", "", "overall=4", "count", 16.0, 48 },
    { "all", "", "overall=4", "share", 0.3333333333333333, 48 },
    { "all", "", "overall=5", "count", 16.0, 48 },
    { "all", "", "overall=5", "share", 0.3333333333333333, 48 },
    { "all", "", "recommend", "mean", 5.659090909090909, 44 },
    { "all", "", "recommend", "sd", 3.270325933675965, 44 },
    { "all", "", "recommend", "ci95_low", 4.664820948473802, 44 },
    { "all", "", "recommend", "ci95_high", 6.653360869708016, 44 },
    { "all", "", "recommend", "median", 7.0, 44 },
    { "all", "", "recommend", "top2", 0.2727272727272727, 44 },
    { "all", "", "recommend", "bottom2", 0.1590909090909091, 44 },
    { "all", "", "recommend", "index", 56.59090909090909, 44 },
    { "all", "", "recommend", "r_overall", 0.11409978892153694, 44 },
    { "all", "", "recommend=0", "count", 3.0, 44 },
    { "all", "", "recommend=0", "share", 0.06818181818181818, 44 },
    { "all", "", "recommend=1", "count", 4.0, 44 },
    { "all", "", "recommend=1", "share", 0.09090909090909091, 44 },
    { "all", "", "recommend=2", "count", 4.0, 44 },
    { "all", "", "recommend=2", "share", 0.09090909090909091, 44 },
    { "all", "", "recommend=3", "count", 2.0, 44 },
    { "all", "", "recommend=3", "share", 0.045454545454545456, 44 },
    { "all", "", "recommend=4", "count", 3.0, 44 },
    { "all", "", "recommend=4", "share", 0.06818181818181818, 44 },
    { "all", "", "recommend=5", "count", 5.0, 44 },
    { "all", "", "recommend=5", "share", 0.11363636363636363, 44 },
    { "all", "", "recommend=6", "count", 0.0, 44 },
    { "all", "", "recommend=6", "share", 0.0, 44 },
    { "all", "", "recommend=7", "count", 5.0, 44 },
    { "all", "", "recommend=7", "share", 0.11363636363636363, 44 },
    { "all", "", "recommend=8", "count", 6.0, 44 },
    { "all", "", "recommend=8", "share", 0.13636363636363635, 44 },
    { "all", "", "recommend=9", "count", 9.0, 44 },
    { "all", "", "recommend=9", "share", 0.20454545454545456, 44 },
    { "all", "", "recommend=10", "count", 3.0, 44 },
    { "all", "", "recommend=10", "share", 0.06818181818181818, 44 },
    { "all", "", "service", "mean", 3.3888888888888893, 48 },
    { "all", "", "service", "sd", 1.0895665378244368, 48 },
    { "all", "", "service", "ci95_low", 3.0725117455384723, 48 },
    { "all", "", "service", "ci95_high", 3.7052660322393063, 48 },
    { "all", "", "service", "median", 3.166666666666667, 48 },
    { "all", "", "service", "top2", 0.44715447154471544, 123 },
    { "all", "", "service", "bottom2", 0.2764227642276423, 123 },
    { "all", "", "service", "index", 59.72222222222223, 48 },
    { "all", "", "service", "prev_index", 60.5, 44 },
    { "all", "", "service", "delta", -0.7777777777777715, 48 },
    { "all", "", "service", "p_delta", 0.8812730021826953, 48 },
    { "all", "", "service", "alpha", 0.7213773314203731, 32 },
    { "all", "", "service", "target", 85.0, -1 },
    { "all", "", "service", "gap", -25.27777777777777, -1 },
    { "all", "", "service", "action_rank", 1.0, -1 },
    { "all", "", "service", "r_overall", 0.24597499029977168, 48 },
    { "all", "", "service", "quadrant", 1.0, -1 },
    { "all", "", "price", "mean", 3.2954545454545454, 44 },
    { "all", "", "price", "sd", 1.249735701445402, 44 },
    { "all", "", "price", "ci95_low", 2.9155001641916316, 44 },
    { "all", "", "price", "ci95_high", 3.6754089267174592, 44 },
    { "all", "", "price", "median", 3.5, 44 },
    { "all", "", "price", "top2", 0.5, 44 },
    { "all", "", "price", "bottom2", 0.29545454545454547, 44 },
    { "all", "", "price", "index", 57.38636363636363, 44 },
    { "all", "", "price", "target", 80.0, -1 },
    { "all", "", "price", "gap", -22.613636363636367, -1 },
    { "all", "", "price", "action_rank", 2.0, -1 },
    { "all", "", "price", "r_overall", 0.13667738301657412, 44 },
    { "all", "", "price", "quadrant", 3.0, -1 },
    { "all", "", "spare", "target", 70.0, -1 },
    { "all", "", "CSI", "index", 58.78787878787879, 48 },
    { "all", "", "CSI", "prev_index", 58.125, 45 },
    { "all", "", "CSI", "delta", 0.662878787878789, 48 },
    { "all", "", "NPS", "index", -20.454545454545453, 44 },
    { "all", "", "NPS", "prev_index", -12.5, 40 },
    { "all", "", "NPS", "delta", -7.954545454545453, 44 },
    { "all", "", "plan=1", "count", 13.0, 39 },
    { "all", "", "plan=1", "share", 0.3333333333333333, 39 },
    { "all", "", "plan=2", "count", 12.0, 39 },
    { "all", "", "plan=2", "share", 0.3076923076923077, 39 },
    { "all", "", "plan=3", "count", 14.0, 39 },
    { "all", "", "plan=3", "share", 0.358974358974359, 39 },
    { "all", "", "improve=1", "count", 17.0, 37 },
    { "all", "", "improve=1", "share", 0.4594594594594595, 37 },
    { "all", "", "improve=2", "count", 18.0, 37 },
    { "all", "", "improve=2", "share", 0.4864864864864865, 37 },
    { "all", "", "improve=3", "count", 22.0, 37 },
    { "all", "", "improve=3", "share", 0.5945945945945946, 37 },
    { "all", "", "improve=4", "count", 21.0, 37 },
    { "all", "", "improve=4", "share", 0.5675675675675675, 37 },
    { "all", "", "comments", "count", 27.0, 48 },
    { "all", "", "comments", "share", 0.5625, 48 },
    { "all", "", "complaints", "count", 20.0, 48 },
    { "all", "", "complaints", "share", 0.4166666666666667, 48 },
    { "all", "", "服务质量不达标", "count", 14.0, 27 },
    { "all", "", "服务质量不达标", "share", 0.5185185185185185, 27 },
    { "all", "", "服务过程不满意", "count", 9.0, 27 },
    { "all", "", "服务过程不满意", "share", 0.3333333333333333, 27 },
    { "all", "", "=价格", "count", 2.0, 27 },
    { "all", "", "=价格", "share", 0.07407407407407407, 27 },
    { "all", "", "未分类", "count", 6.0, 27 },
    { "all", "", "未分类", "share", 0.2222222222222222, 27 },
    { "region", "华东", "forms", "count", 20.0, -1 },
    { "region", "华东", "forms", "small", 0.0, -1 },
    { "region", "华东", "Q1", "mean", 3.263157894736842, 19 },
    { "region", "华东", "Q1", "sd", 1.1945294407402949, 19 },
    { "region", "华东", "Q1", "ci95_low", 2.6874131338983256, 19 },
    { "region", "华东", "Q1", "ci95_high", 3.8389026555753585, 19 },
    { "region", "华东", "Q1", "median", 3.0, 19 },
    { "region", "华东", "Q1", "top2", 0.3684210526315789, 19 },
    { "region", "华东", "Q1", "bottom2", 0.2631578947368421, 19 },
    { "region", "华东", "Q1", "index", 56.57894736842105, 19 },
    { "region", "华东", "Q1", "prev_index", 37.5, 12 },
    { "region", "华东", "Q1", "delta", 19.078947368421048, 19 },
    { "region", "华东", "Q1", "p_delta", 0.06600928124745048, 19 },
    { "region", "华东", "Q1", "p_value", 0.8227979166259459, 19 },
    { "region", "华东", "Q1", "p_top2", 0.8791886820600313, 19 },
    { "region", "华东", "Q1", "significant", 0.0, -1 },
    { "region", "华东", "Q1", "r_overall", 0.3301833591667526, 19 },
    { "region", "华东", "Q1=1", "count", 1.0, 19 },
    { "region", "华东", "Q1=1", "share", 0.05263157894736842, 19 },
    { "region", "华东", "Q1=2", "count", 4.0, 19 },
    { "region", "华东", "Q1=2", "share", 0.21052631578947367, 19 },
    { "region", "华东", "Q1=3", "count", 7.0, 19 },
    { "region", "华东", "Q1=3", "share", 0.3684210526315789, 19 },
    { "region", "华东", "Q1=4", "count", 3.0, 19 },
    { "region", "华东", "Q1=4", "share", 0.15789473684210525, 19 },
    { "region", "华东", "Q1=5", "count", 4.0, 19 },
    { "region", "华东", "Q1=5", "share", 0.21052631578947367, 19 },
    { "region", "华东", "Q2", "mean", 3.210526315789474, 19 },
    { "region", "华东", "Q2", "sd", 1.228320776436091, 19 },
    { "region", "华东", "Q2", "ci95_low", 2.6184946524895722, 19 },
    { "region", "华东", "Q2", "ci95_high", 3.8025579790893755, 19 },
    { "region", "华东", "Q2", "median", 3.0, 19 },
    { "region", "华东", "Q2", "top2", 0.42105263157894735, 19 },
    { "region", "华东", "Q2", "bottom2", 0.2631578947368421, 19 },
    { "region", "华东", "Q2", "index", 55.26315789473685, 19 },
    { "region", "华东", "Q2", "p_value", 0.309311839446382, 19 },
    { "region", "华东", "Q2", "p_top2", 0.6062478479894944, 19 },
    { "region", "华东", "Q2", "significant", 0.0, -1 },
    { "region", "华东", "Q2", "r_overall", 0.19616680459649963, 19 },
    { "region", "华东", "Q2=1", "count", 2.0, 19 },
    { "region", "华东", "Q2=1", "share", 0.10526315789473684, 19 },
    { "region", "华东", "Q2=2", "count", 3.0, 19 },
    { "region", "华东", "Q2=2", "share", 0.15789473684210525, 19 },
    { "region", "华东", "Q2=3", "count", 6.0, 19 },
    { "region", "华东", "Q2=3", "share", 0.3157894736842105, 19 },
    { "region", "华东", "Q2=4", "count", 5.0, 19 },
    { "region", "华东", "Q2=4", "share", 0.2631578947368421, 19 },
    { "region", "华东", "Q2=5", "count", 3.0, 19 },
    { "region", "华东", "Q2=5", "share", 0.15789473684210525, 19 },
    { "region", "华东", "Q3", "mean", 3.8125, 16 },
    { "region", "华东", "Q3", "sd", 1.0468205831628137, 16 },
    { "region", "华东", "Q3", "ci95_low", 3.2546886859337505, 16 },
    { "region", "华东", "Q3", "ci95_high", 4.3703113140662495, 16 },
    { "region", "华东", "Q3", "median", 3.5, 16 },
    { "region", "华东", "Q3", "top2", 0.5, 16 },
    { "region", "华东", "Q3", "bottom2", 0.0625, 16 },
    { "region", "华东", "Q3", "index", 70.3125, 16 },
    { "region", "华东", "Q3", "p_value", 0.29592114432795424, 16 },
    { "region", "华东", "Q3", "p_top2", 1.0, 16 },
    { "region", "华东", "Q3", "significant", 0.0, -1 },
    { "region", "华东", "Q3", "r_overall", 0.6569952164530763, 16 },
    { "region", "华东", "Q3=1", "count", 0.0, 16 },
    { "region", "华东", "Q3=1", "share", 0.0, 16 },
    { "region", "华东", "Q3=2", "count", 1.0, 16 },
    { "region", "华东", "Q3=2", "share", 0.0625, 16 },
    { "region", "华东", "Q3=3", "count", 7.0, 16 },
    { "region", "华东", "Q3=3", "share", 0.4375, 16 },
    { "region", "华东", "Q3=4", "count", 2.0, 16 },
    { "region", "华东", "Q3=4", "share", 0.125, 16 },
    { "region", "华东", "Q3=5", "count", 6.0, 16 },
    { "region", "华东", "Q3=5", "share", 0.375, 16 },
    { "region", "华东", "Q4", "mean", 3.263157894736842, 19 },
    { "region", "华东", "Q4", "sd", 1.2401659953032227, 19 },
    { "region", "华东", "Q4", "ci95_low", 2.665417018694967, 19 },
    { "region", "华东", "Q4", "ci95_high", 3.860898770778717, 19 },
    { "region", "华东", "Q4", "median", 3.0, 19 },
    { "region", "华东", "Q4", "top2", 0.47368421052631576, 19 },
    { "region", "华东", "Q4", "bottom2", 0.2631578947368421, 19 },
    { "region", "华东", "Q4", "index", 56.57894736842105, 19 },
    { "region", "华东", "Q4", "p_value", 0.8827681620978083, 19 },
    { "region", "华东", "Q4", "p_top2", 0.7608579317284943, 19 },
    { "region", "华东", "Q4", "significant", 0.0, -1 },
    { "region", "华东", "Q4", "r_overall", 0.2848160995939155, 19 },
    { "region", "华东", "Q4=1", "count", 2.0, 19 },
    { "region", "华东", "Q4=1", "share", 0.10526315789473684, 19 },
    { "region", "华东", "Q4=2", "count", 3.0, 19 },
    { "region", "华东", "Q4=2", "share", 0.15789473684210525, 19 },
    { "region", "华东", "Q4=3", "count", 5.0, 19 },
    { "region", "华东", "Q4=3", "share", 0.2631578947368421, 19 },
    { "region", "华东", "Q4=4", "count", 6.0, 19 },
    { "region", "华东", "Q4=4", "share", 0.3157894736842105, 19 },
    { "region", "华东", "Q4=5", "count", 3.0, 19 },
    { "region", "华东", "Q4=5", "share", 0.15789473684210525, 19 },
    { "region", "华东", "overall", "mean", 3.75, 20 },
    { "region", "华东", "overall", "sd", 1.118033988749895, 20 },
    { "region", "华东", "overall", "ci95_low", 3.2267439863979224, 20 },
    { "region", "华东", "overall", "ci95_high", 4.273256013602078, 20 },
    { "region", "华东", "overall", "median", 4.0, 20 },
    { "region", "华东", "overall", "top2", 0.65, 20 },
    { "region", "华东", "overall", "bottom2", 0.2, 20 },
    { "region", "华东", "overall", "index", 68.75, 20 },
    { "region", "华东", "overall", "p_value", 0.8307245807679382, 20 },
    { "region", "华东", "overall", "p_top2", 0.8359944985248411, 20 },
    { "region", "华东", "overall", "significant", 0.0, -1 },
    { "region", "华东", "overall", "r_overall", 1.0, 20 },
    { "region", "华东", "overall=1", "count", 0.0, 20 },
    { "region", "华东", "overall=1", "share", 0.0, 20 },
    { "region", "华东", "overall=2", "count", 4.0, 20 },
    { "region", "华东", "overall=2", "share", 0.2, 20 },
    { "region", "华东", "overall=3", "count", 3.0, 20 },
    { "region", "华东", "overall=3", "share", 0.15, 20 },
    { "region", "华东", "overall=4", "count", 7.0, 20 },
    { "region", "华东", "overall=4", "share", 0.35, 20 },
    { "region", "华东", "overall=5", "count", 6.0, 20 },
    { "region", "华东", "overall=5", "share", 0.3, 20 },
    { "region", "华东", "recommend", "mean", 5.777777777777778, 18 },
    { "region", "华东", "recommend", "sd", 2.7982253946880555, 18 },
    { "region", "华东", "recommend", "ci95_low", 4.386253026241435, 18 },
    { "region", "华东", "recommend", "ci95_high", 7.169302529314121, 18 },
    { "region", "华东", "recommend", "median", 6.0, 18 },
    { "region", "华东", "recommend", "top2", 0.2222222222222222, 18 },
    { "region", "华东", "recommend", "bottom2", 0.05555555555555555, 18 },
    { "region", "华东", "recommend", "index", 57.77777777777777, 18 },
    { "region", "华东", "recommend", "p_value", 0.8366454997863143, 18 },
    { "region", "华东", "recommend", "p_top2", 0.5313873038780232, 18 },
    { "region", "华东", "recommend", "significant", 0.0, -1 },
    { "region", "华东", "recommend", "r_overall", 0.11017996066372863, 18 },
    { "region", "华东", "recommend=0", "count", 0.0, 18 },
    { "region", "华东", "recommend=0", "share", 0.0, 18 },
    { "region", "华东", "recommend=1", "count", 1.0, 18 },
    { "region", "华东", "recommend=1", "share", 0.05555555555555555, 18 },
    { "region", "华东", "recommend=2", "count", 2.0, 18 },
    { "region", "华东", "recommend=2", "share", 0.1111111111111111, 18 },
    { "region", "华东", "recommend=3", "count", 1.0, 18 },
    { "region", "华东", "recommend=3", "share", 0.05555555555555555, 18 },
    { "region", "华东", "recommend=4", "count", 3.0, 18 },
    { "region", "华东", "recommend=4", "share", 0.16666666666666666, 18 },
    { "region", "华东", "recommend=5", "count", 2.0, 18 },
    { "region", "华东", "recommend=5", "share", 0.1111111111111111, 18 },
    { "region", "华东", "recommend=6", "count", 0.0, 18 },
    { "region", "华东", "recommend=6", "share", 0.0, 18 },
    { "region", "华东", "recommend=7", "count", 3.0, 18 },
    { "region", "华东", "recommend=7", "share", 0.16666666666666666, 18 },
    { "region", "华东", "recommend=8", "count", 2.0, 18 },
    { "region", "华东", "recommend=8", "share", 0.1111111111111111, 18 },
    { "region", "华东", "recommend=9", "count", 3.0, 18 },
    { "region", "华东", "recommend=9", "share", 0.16666666666666666, 18 },
    { "region", "华东", "recommend=10", "count", 1.0, 18 },
    { "region", "华东", "recommend=10", "share", 0.05555555555555555, 18 },
    { "region", "华东", "service", "mean", 3.3999999999999995, 20 },
    { "region", "华东", "service", "sd", 0.9648803822478638, 20 },
    { "region", "华东", "service", "ci95_low", 2.94842208063604, 20 },
    { "region", "华东", "service", "ci95_high", 3.851577919363959, 20 },
    { "region", "华东", "service", "median", 3.166666666666667, 20 },
    { "region", "华东", "service", "top2", 0.42592592592592593, 54 },
    { "region", "华东", "service", "bottom2", 0.2037037037037037, 54 },
    { "region", "华东", "service", "index", 59.999999999999986, 20 },
    { "region", "华东", "service", "p_value", 0.9514907574552851, 20 },
    { "region", "华东", "service", "p_top2", 0.6752863396879965, 54 },
    { "region", "华东", "service", "significant", 0.0, -1 },
    { "region", "华东", "service", "alpha", 0.8099226804123713, 14 },
    { "region", "华东", "service", "target", 85.0, -1 },
    { "region", "华东", "service", "gap", -25.000000000000014, -1 },
    { "region", "华东", "service", "action_rank", 1.0, -1 },
    { "region", "华东", "service", "r_overall", 0.43909695505989593, 20 },
    { "region", "华东", "price", "mean", 3.263157894736842, 19 },
    { "region", "华东", "price", "sd", 1.2401659953032227, 19 },
    { "region", "华东", "price", "ci95_low", 2.665417018694967, 19 },
    { "region", "华东", "price", "ci95_high", 3.860898770778717, 19 },
    { "region", "华东", "price", "median", 3.0, 19 },
    { "region", "华东", "price", "top2", 0.47368421052631576, 19 },
    { "region", "华东", "price", "bottom2", 0.2631578947368421, 19 },
    { "region", "华东", "price", "index", 56.57894736842105, 19 },
    { "region", "华东", "price", "prev_index", 40.0, 11 },
    { "region", "华东", "price", "delta", 16.578947368421048, 19 },
    { "region", "华东", "price", "p_value", 0.8827681620978083, 19 },
    { "region", "华东", "price", "p_top2", 0.7608579317284943, 19 },
    { "region", "华东", "price", "significant", 0.0, -1 },
    { "region", "华东", "price", "target", 80.0, -1 },
    { "region", "华东", "price", "gap", -23.421052631578952, -1 },
    { "region", "华东", "price", "action_rank", 2.0, -1 },
    { "region", "华东", "price", "r_overall", 0.2848160995939155, 19 },
    { "region", "华东", "spare", "target", 70.0, -1 },
    { "region", "华东", "CSI", "index", 58.63157894736841, 20 },
    { "region", "华东", "NPS", "index", -27.77777777777778, 18 },
    { "region", "华东", "plan=1", "count", 7.0, 16 },
    { "region", "华东", "plan=1", "share", 0.4375, 16 },
    { "region", "华东", "plan=2", "count", 4.0, 16 },
    { "region", "华东", "plan=2", "share", 0.25, 16 },
    { "region", "华东", "plan=3", "count", 5.0, 16 },
    { "region", "华东", "plan=3", "share", 0.3125, 16 },
    { "region", "华东", "improve=1", "count", 5.0, 14 },
    { "region", "华东", "improve=1", "share", 0.35714285714285715, 14 },
    { "region", "华东", "improve=2", "count", 9.0, 14 },
    { "region", "华东", "improve=2", "share", 0.6428571428571429, 14 },
    { "region", "华东", "improve=3", "count", 6.0, 14 },
    { "region", "华东", "improve=3", "share", 0.42857142857142855, 14 },
    { "region", "华东", "improve=4", "count", 7.0, 14 },
    { "region", "华东", "improve=4", "share", 0.5, 14 },
    { "region", "华东", "comments", "count", 11.0, 20 },
    { "region", "华东", "comments", "share", 0.55, 20 },
    { "region", "华东", "complaints", "count", 8.0, 20 },
    { "region", "华东", "complaints", "share", 0.4, 20 },
    { "region", "华东", "服务质量不达标", "count", 5.0, 11 },
    { "region", "华东", "服务质量不达标", "share", 0.45454545454545453, 11 },
    { "region", "华东", "服务过程不满意", "count", 4.0, 11 },
    { "region", "华东", "服务过程不满意", "share", 0.36363636363636365, 11 },
    { "region", "华东", "=价格", "count", 0.0, 11 },
    { "region", "华东", "=价格", "share", 0.0, 11 },
    { "region", "华东", "未分类", "count", 3.0, 11 },
    { "region", "华东", "未分类", "share", 0.2727272727272727, 11 },
    { "region", "华北", "forms", "count", 16.0, -1 },
    { "region", "华北", "forms", "small", 0.0, -1 },
    { "region", "华北", "Q1", "mean", 3.8333333333333335, 12 },
    { "region", "华北", "Q1", "sd", 1.1934162828797101, 12 },
    { "region", "华北", "Q1", "ci95_low", 3.075072802824758, 12 },
    { "region", "华北", "Q1", "ci95_high", 4.59159386384191, 12 },
    { "region", "华北", "Q1", "median", 4.0, 12 },
    { "region", "华北", "Q1", "top2", 0.5833333333333334, 12 },
    { "region", "华北", "Q1", "bottom2", 0.16666666666666666, 12 },
    { "region", "华北", "Q1", "index", 70.83333333333334, 12 },
    { "region", "华北", "Q1", "p_value", 0.04793342303135232, 12 },
    { "region", "华北", "Q1", "p_top2", 0.08760785961902433, 12 },
    { "region", "华北", "Q1", "significant", 1.0, -1 },
    { "region", "华北", "Q1", "r_overall", -0.05118857696700026, 12 },
    { "region", "华北", "Q1=1", "count", 0.0, 12 },
    { "region", "华北", "Q1=1", "share", 0.0, 12 },
    { "region", "华北", "Q1=2", "count", 2.0, 12 },
    { "region", "华北", "Q1=2", "share", 0.16666666666666666, 12 },
    { "region", "华北", "Q1=3", "count", 3.0, 12 },
    { "region", "华北", "Q1=3", "share", 0.25, 12 },
    { "region", "华北", "Q1=4", "count", 2.0, 12 },
    { "region", "华北", "Q1=4", "share", 0.16666666666666666, 12 },
    { "region", "华北", "Q1=5", "count", 5.0, 12 },
    { "region", "华北", "Q1=5", "share", 0.4166666666666667, 12 },
    { "region", "华北", "Q2", "mean", 3.6666666666666665, 15 },
    { "region", "华北", "Q2", "sd", 1.3451854182690985, 15 },
    { "region", "华北", "Q2", "ci95_low", 2.921727812047023, 15 },
    { "region", "华北", "Q2", "ci95_high", 4.41160552128631, 15 },
    { "region", "华北", "Q2", "median", 3.0, 15 },
    { "region", "华北", "Q2", "top2", 0.4666666666666667, 15 },
    { "region", "华北", "Q2", "bottom2", 0.26666666666666666, 15 },
    { "region", "华北", "Q2", "index", 66.66666666666666, 15 },
    { "region", "华北", "Q2", "p_value", 0.4278978764206194, 15 },
    { "region", "华北", "Q2", "p_top2", 0.988097049747049, 15 },
    { "region", "华北", "Q2", "significant", 0.0, -1 },
    { "region", "华北", "Q2", "r_overall", -0.30791921259653177, 15 },
    { "region", "华北", "Q2=1", "count", 0.0, 15 },
    { "region", "华北", "Q2=1", "share", 0.0, 15 },
    { "region", "华北", "Q2=2", "count", 4.0, 15 },
    { "region", "华北", "Q2=2", "share", 0.26666666666666666, 15 },
    { "region", "华北", "Q2=3", "count", 4.0, 15 },
    { "region", "华北", "Q2=3", "share", 0.26666666666666666, 15 },
    { "region", "华北", "Q2=4", "count", 0.0, 15 },
    { "region", "华北", "Q2=4", "share", 0.0, 15 },
    { "region", "华北", "Q2=5", "count", 7.0, 15 },
    { "region", "华北", "Q2=5", "share", 0.4666666666666667, 15 },
    { "region", "华北", "Q3", "mean", 4.083333333333333, 12 },
    { "region", "华北", "Q3", "sd", 1.378954368902449, 12 },
    { "region", "华北", "Q3", "ci95_low", 3.2071875271205643, 12 },
    { "region", "华北", "Q3", "ci95_high", 4.959479139546102, 12 },
    { "region", "华北", "Q3", "median", 5.0, 12 },
    { "region", "华北", "Q3", "top2", 0.75, 12 },
    { "region", "华北", "Q3", "bottom2", 0.16666666666666666, 12 },
    { "region", "华北", "Q3", "index", 77.08333333333333, 12 },
    { "region", "华北", "Q3", "p_value", 0.11750534715626208, 12 },
    { "region", "华北", "Q3", "p_top2", 0.03626467317456876, 12 },
    { "region", "华北", "Q3", "significant", 0.0, -1 },
    { "region", "华北", "Q3", "r_overall", 0.23017291560344919, 12 },
    { "region", "华北", "Q3=1", "count", 1.0, 12 },
    { "region", "华北", "Q3=1", "share", 0.08333333333333333, 12 },
    { "region", "华北", "Q3=2", "count", 1.0, 12 },
    { "region", "华北", "Q3=2", "share", 0.08333333333333333, 12 },
    { "region", "华北", "Q3=3", "count", 1.0, 12 },
    { "region", "华北", "Q3=3", "share", 0.08333333333333333, 12 },
    { "region", "华北", "Q3=4", "count", 2.0, 12 },
    { "region", "华北", "Q3=4", "share", 0.16666666666666666, 12 },
    { "region", "华北", "Q3=5", "count", 7.0, 12 },
    { "region", "华北", "Q3=5", "share", 0.5833333333333334, 12 },
    { "region", "华北", "Q4", "mean", 3.6923076923076925, 13 },
    { "region", "华北", "Q4", "sd", 1.3155870289605438, 13 },
    { "region", "华北", "Q4", "ci95_low", 2.897306407275585, 13 },
    { "region", "华北", "Q4", "ci95_high", 4.4873089773398, 13 },
    { "region", "华北", "Q4", "median", 4.0, 13 },
    { "region", "华北", "Q4", "top2", 0.6923076923076923, 13 },
    { "region", "华北", "Q4", "bottom2", 0.23076923076923078, 13 },
    { "region", "华北", "Q4", "index", 67.3076923076923, 13 },
    { "region", "华北", "Q4", "p_value", 0.1984986711411326, 13 },
    { "region", "华北", "Q4", "p_top2", 0.09850836092955909, 13 },
    { "region", "华北", "Q4", "significant", 0.0, -1 },
    { "region", "华北", "Q4", "r_overall", 0.02130458302353807, 13 },
    { "region", "华北", "Q4=1", "count", 1.0, 13 },
    { "region", "华北", "Q4=1", "share", 0.07692307692307693, 13 },
    { "region", "华北", "Q4=2", "count", 2.0, 13 },
    { "region", "华北", "Q4=2", "share", 0.15384615384615385, 13 },
    { "region", "华北", "Q4=3", "count", 1.0, 13 },
    { "region", "华北", "Q4=3", "share", 0.07692307692307693, 13 },
    { "region", "华北", "Q4=4", "count", 5.0, 13 },
    { "region", "华北", "Q4=4", "share", 0.38461538461538464, 13 },
    { "region", "华北", "Q4=5", "count", 4.0, 13 },
    { "region", "华北", "Q4=5", "share", 0.3076923076923077, 13 },
    { "region", "华北", "overall", "mean", 3.8125, 16 },
    { "region", "华北", "overall", "sd", 1.1672617529928753, 16 },
    { "region", "华北", "overall", "ci95_low", 3.190510116758507, 16 },
    { "region", "华北", "overall", "ci95_high", 4.4344898832414925, 16 },
    { "region", "华北", "overall", "median", 4.0, 16 },
    { "region", "华北", "overall", "top2", 0.75, 16 },
    { "region", "华北", "overall", "bottom2", 0.25, 16 },
    { "region", "华北", "overall", "index", 70.3125, 16 },
    { "region", "华北", "overall", "p_value", 0.9301555197101383, 16 },
    { "region", "华北", "overall", "p_top2", 0.3864762307712327, 16 },
    { "region", "华北", "overall", "significant", 0.0, -1 },
    { "region", "华北", "overall", "r_overall", 1.0, 16 },
    { "region", "华北", "overall=1", "count", 0.0, 16 },
    { "region", "华北", "overall=1", "share", 0.0, 16 },
    { "region", "华北", "overall=2", "count", 4.0, 16 },
    { "region", "华北", "overall=2", "share", 0.25, 16 },
    { "region", "华北", "overall=3", "count", 0.0, 16 },
    { "region", "华北", "overall=3", "share", 0.0, 16 },
    { "region", "华北", "overall=4", "count", 7.0, 16 },
    { "region", "华北", "overall=4", "share", 0.4375, 16 },
    { "region", "华北", "overall=5", "count", 5.0, 16 },
    { "region", "华北", "overall=5", "share", 0.3125, 16 },
    { "region", "华北", "recommend", "mean", 5.533333333333333, 15 },
    { "region", "华北", "recommend", "sd", 3.6029088776920766, 15 },
    { "region", "华北", "recommend", "ci95_low", 3.5381089009272664, 15 },
    { "region", "华北", "recommend", "ci95_high", 7.5285577657394, 15 },
    { "region", "华北", "recommend", "median", 7.0, 15 },
    { "region", "华北", "recommend", "top2", 0.26666666666666666, 15 },
    { "region", "华北", "recommend", "bottom2", 0.26666666666666666, 15 },
    { "region", "华北", "recommend", "index", 55.333333333333336, 15 },
    { "region", "华北", "recommend", "p_value", 0.8635330293917008, 15 },
    { "region", "华北", "recommend", "p_top2", 0.9482379847806212, 15 },
    { "region", "华北", "recommend", "significant", 0.0, -1 },
    { "region", "华北", "recommend", "r_overall", 0.3547491562742051, 15 },
    { "region", "华北", "recommend=0", "count", 1.0, 15 },
    { "region", "华北", "recommend=0", "share", 0.06666666666666667, 15 },
    { "region", "华北", "recommend=1", "count", 3.0, 15 },
    { "region", "华北", "recommend=1", "share", 0.2, 15 },
    { "region", "华北", "recommend=2", "count", 1.0, 15 },
    { "region", "华北", "recommend=2", "share", 0.06666666666666667, 15 },
    { "region", "华北", "recommend=3", "count", 0.0, 15 },
    { "region", "华北", "recommend=3", "share", 0.0, 15 },
    { "region", "华北", "recommend=4", "count", 0.0, 15 },
    { "region", "华北", "recommend=4", "share", 0.0, 15 },
    { "region", "华北", "recommend=5", "count", 2.0, 15 },
    { "region", "华北", "recommend=5", "share", 0.13333333333333333, 15 },
    { "region", "华北", "recommend=6", "count", 0.0, 15 },
    { "region", "华北", "recommend=6", "share", 0.0, 15 },
    { "region", "华北", "recommend=7", "count", 1.0, 15 },
    { "region", "华北", "recommend=7", "share", 0.06666666666666667, 15 },
    { "region", "华北", "recommend=8", "count", 3.0, 15 },
    { "region", "华北", "recommend=8", "share", 0.2, 15 },
    { "region", "华北", "recommend=9", "count", 3.0, 15 },
    { "region", "华北", "recommend=9", "share", 0.2, 15 },
    { "region", "华北", "recommend=10", "count", 1.0, 15 },
    { "region", "华北", "recommend=10", "share", 0.06666666666666667, 15 },
    { "region", "华北", "service", "mean", 3.84375, 16 },
    { "region", "华北", "service", "sd", 1.0531588287236253, 16 },
    { "region", "华北", "service", "ci95_low", 3.2825612732786906, 16 },
    { "region", "华北", "service", "ci95_high", 4.404938726721309, 16 },
    { "region", "华北", "service", "median", 3.833333333333333, 16 },
    { "region", "华北", "service", "top2", 0.5897435897435898, 39 },
    { "region", "华北", "service", "bottom2", 0.20512820512820512, 39 },
    { "region", "华北", "service", "index", 71.09375, 16 },
    { "region", "华北", "service", "p_value", 0.04257782611416277, 16 },
    { "region", "华北", "service", "p_top2", 0.030218878004248464, 39 },
    { "region", "华北", "service", "significant", 1.0, -1 },
    { "region", "华北", "service", "alpha", 0.452750352609309, 10 },
    { "region", "华北", "service", "target", 85.0, -1 },
    { "region", "华北", "service", "gap", -13.90625, -1 },
    { "region", "华北", "service", "action_rank", 1.0, -1 },
    { "region", "华北", "service", "r_overall", -0.09772855619735671, 16 },
    { "region", "华北", "price", "mean", 3.6923076923076925, 13 },
    { "region", "华北", "price", "sd", 1.3155870289605438, 13 },
    { "region", "华北", "price", "ci95_low", 2.897306407275585, 13 },
    { "region", "华北", "price", "ci95_high", 4.4873089773398, 13 },
    { "region", "华北", "price", "median", 4.0, 13 },
    { "region", "华北", "price", "top2", 0.6923076923076923, 13 },
    { "region", "华北", "price", "bottom2", 0.23076923076923078, 13 },
    { "region", "华北", "price", "index", 67.3076923076923, 13 },
    { "region", "华北", "price", "p_value", 0.1984986711411326, 13 },
    { "region", "华北", "price", "p_top2", 0.09850836092955909, 13 },
    { "region", "华北", "price", "significant", 0.0, -1 },
    { "region", "华北", "price", "target", 80.0, -1 },
    { "region", "华北", "price", "gap", -12.692307692307693, -1 },
    { "region", "华北", "price", "action_rank", 2.0, -1 },
    { "region", "华北", "price", "r_overall", 0.02130458302353807, 13 },
    { "region", "华北", "spare", "target", 70.0, -1 },
    { "region", "华北", "CSI", "index", 69.57932692307692, 16 },
    { "region", "华北", "NPS", "index", -20.0, 15 },
    { "region", "华北", "plan=1", "count", 4.0, 15 },
    { "region", "华北", "plan=1", "share", 0.26666666666666666, 15 },
    { "region", "华北", "plan=2", "count", 6.0, 15 },
    { "region", "华北", "plan=2", "share", 0.4, 15 },
    { "region", "华北", "plan=3", "count", 5.0, 15 },
    { "region", "华北", "plan=3", "share", 0.3333333333333333, 15 },
    { "region", "华北", "improve=1", "count", 7.0, 13 },
    { "region", "华北", "improve=1", "share", 0.5384615384615384, 13 },
    { "region", "华北", "improve=2", "count", 7.0, 13 },
    { "region", "华北", "improve=2", "share", 0.5384615384615384, 13 },
    { "region", "华北", "improve=3", "count", 10.0, 13 },
    { "region", "华北", "improve=3", "share", 0.7692307692307693, 13 },
    { "region", "华北", "improve=4", "count", 7.0, 13 },
    { "region", "华北", "improve=4", "share", 0.5384615384615384, 13 },
    { "region", "华北", "comments", "count", 7.0, 16 },
    { "region", "华北", "comments", "share", 0.4375, 16 },
    { "region", "华北", "complaints", "count", 5.0, 16 },
    { "region", "华北", "complaints", "share", 0.3125, 16 },
    { "region", "华北", "服务质量不达标", "count", 5.0, 7 },
    { "region", "华北", "服务质量不达标", "share", 0.7142857142857143, 7 },
    { "region", "华北", "服务过程不满意", "count", 0.0, 7 },
    { "region", "华北", "服务过程不满意", "share", 0.0, 7 },
    { "region", "华北", "=价格", "count", 1.0, 7 },
    { "region", "华北", "=价格", "share", 0.14285714285714285, 7 },
    { "region", "华北", "未分类", "count", 1.0, 7 },
    { "region", "华北", "未分类", "share", 0.14285714285714285, 7 },
    { "type", "-散户", "forms", "count", 16.0, -1 },
    { "type", "-散户", "forms", "small", 0.0, -1 },
    { "type", "-散户", "Q1", "mean", 3.2, 15 },
    { "type", "-散户", "Q1", "sd", 1.61245154965971, 15 },
    { "type", "-散户", "Q1", "ci95_low", 2.3070540951307854, 15 },
    { "type", "-散户", "Q1", "ci95_high", 4.0929459048692145, 15 },
    { "type", "-散户", "Q1", "median", 3.0, 15 },
    { "type", "-散户", "Q1", "top2", 0.4666666666666667, 15 },
    { "type", "-散户", "Q1", "bottom2", 0.4, 15 },
    { "type", "-散户", "Q1", "index", 55.00000000000001, 15 },
    { "type", "-散户", "Q1", "p_value", 0.9623995913053371, 15 },
    { "type", "-散户", "Q1", "p_top2", 0.3938823607803347, 15 },
    { "type", "-散户", "Q1", "significant", 0.0, -1 },
    { "type", "-散户", "Q1", "r_overall", 0.3946643768655995, 15 },
    { "type", "-散户", "Q1=1", "count", 3.0, 15 },
    { "type", "-散户", "Q1=1", "share", 0.2, 15 },
    { "type", "-散户", "Q1=2", "count", 3.0, 15 },
    { "type", "-散户", "Q1=2", "share", 0.2, 15 },
    { "type", "-散户", "Q1=3", "count", 2.0, 15 },
    { "type", "-散户", "Q1=3", "share", 0.13333333333333333, 15 },
    { "type", "-散户", "Q1=4", "count", 2.0, 15 },
    { "type", "-散户", "Q1=4", "share", 0.13333333333333333, 15 },
    { "type", "-散户", "Q1=5", "count", 5.0, 15 },
    { "type", "-散户", "Q1=5", "share", 0.3333333333333333, 15 },
    { "type", "-散户", "Q2", "mean", 3.0, 14 },
    { "type", "-散户", "Q2", "sd", 1.1766968108291043, 14 },
    { "type", "-散户", "Q2", "ci95_low", 2.320595488710225, 14 },
    { "type", "-散户", "Q2", "ci95_high", 3.679404511289775, 14 },
    { "type", "-散户", "Q2", "median", 3.0, 14 },
    { "type", "-散户", "Q2", "top2", 0.2857142857142857, 14 },
    { "type", "-散户", "Q2", "bottom2", 0.35714285714285715, 14 },
    { "type", "-散户", "Q2", "index", 50.0, 14 },
    { "type", "-散户", "Q2", "p_value", 0.11587296049471577, 14 },
    { "type", "-散户", "Q2", "p_top2", 0.101262705716813, 14 },
    { "type", "-散户", "Q2", "significant", 0.0, -1 },
    { "type", "-散户", "Q2", "r_overall", 0.20333142711013957, 14 },
    { "type", "-散户", "Q2=1", "count", 1.0, 14 },
    { "type", "-散户", "Q2=1", "share", 0.07142857142857142, 14 },
    { "type", "-散户", "Q2=2", "count", 4.0, 14 },
    { "type", "-散户", "Q2=2", "share", 0.2857142857142857, 14 },
    { "type", "-散户", "Q2=3", "count", 5.0, 14 },
    { "type", "-散户", "Q2=3", "share", 0.35714285714285715, 14 },
    { "type", "-散户", "Q2=4", "count", 2.0, 14 },
    { "type", "-散户", "Q2=4", "share", 0.14285714285714285, 14 },
    { "type", "-散户", "Q2=5", "count", 2.0, 14 },
    { "type", "-散户", "Q2=5", "share", 0.14285714285714285, 14 },
    { "type", "-散户", "Q3", "mean", 3.642857142857143, 14 },
    { "type", "-散户", "Q3", "sd", 1.1507283885330302, 14 },
    { "type", "-散户", "Q3", "ci95_low", 2.9784463522069267, 14 },
    { "type", "-散户", "Q3", "ci95_high", 4.307267933507359, 14 },
    { "type", "-散户", "Q3", "median", 3.0, 14 },
    { "type", "-散户", "Q3", "top2", 0.42857142857142855, 14 },
    { "type", "-散户", "Q3", "bottom2", 0.14285714285714285, 14 },
    { "type", "-散户", "Q3", "index", 66.07142857142857, 14 },
    { "type", "-散户", "Q3", "p_value", 0.744381838397083, 14 },
    { "type", "-散户", "Q3", "p_top2", 0.5012064413673927, 14 },
    { "type", "-散户", "Q3", "significant", 0.0, -1 },
    { "type", "-散户", "Q3", "r_overall", 0.4452581505154501, 14 },
    { "type", "-散户", "Q3=1", "count", 0.0, 14 },
    { "type", "-散户", "Q3=1", "share", 0.0, 14 },
    { "type", "-散户", "Q3=2", "count", 2.0, 14 },
    { "type", "-散户", "Q3=2", "share", 0.14285714285714285, 14 },
    { "type", "-散户", "Q3=3", "count", 6.0, 14 },
    { "type", "-散户", "Q3=3", "share", 0.42857142857142855, 14 },
    { "type", "-散户", "Q3=4", "count", 1.0, 14 },
    { "type", "-散户", "Q3=4", "share", 0.07142857142857142, 14 },
    { "type", "-散户", "Q3=5", "count", 5.0, 14 },
    { "type", "-散户", "Q3=5", "share", 0.35714285714285715, 14 },
    { "type", "-散户", "Q4", "mean", 3.466666666666667, 15 },
    { "type", "-散户", "Q4", "sd", 1.3020130933435712, 15 },
    { "type", "-散户", "Q4", "ci95_low", 2.7456358486972214, 15 },
    { "type", "-散户", "Q4", "ci95_high", 4.187697484636112, 15 },
    { "type", "-散户", "Q4", "median", 4.0, 15 },
    { "type", "-散户", "Q4", "top2", 0.5333333333333333, 15 },
    { "type", "-散户", "Q4", "bottom2", 0.26666666666666666, 15 },
    { "type", "-散户", "Q4", "index", 61.66666666666667, 15 },
    { "type", "-散户", "Q4", "p_value", 0.5286878009641098, 15 },
    { "type", "-散户", "Q4", "p_top2", 0.7504546147614068, 15 },
    { "type", "-散户", "Q4", "significant", 0.0, -1 },
    { "type", "-散户", "Q4", "r_overall", 0.05577246016029756, 15 },
    { "type", "-散户", "Q4=1", "count", 1.0, 15 },
    { "type", "-散户", "Q4=1", "share", 0.06666666666666667, 15 },
    { "type", "-散户", "Q4=2", "count", 3.0, 15 },
    { "type", "-散户", "Q4=2", "share", 0.2, 15 },
    { "type", "-散户", "Q4=3", "count", 3.0, 15 },
    { "type", "-散户", "Q4=3", "share", 0.2, 15 },
    { "type", "-散户", "Q4=4", "count", 4.0, 15 },
    { "type", "-散户", "Q4=4", "share", 0.26666666666666666, 15 },
    { "type", "-散户", "Q4=5", "count", 4.0, 15 },
    { "type", "-散户", "Q4=5", "share", 0.26666666666666666, 15 },
    { "type", "-散户", "overall", "mean", 3.4375, 16 },
    { "type", "-散户", "overall", "sd", 1.2632629707758134, 16 },
    { "type", "-散户", "overall", "ci95_low", 2.76435467875435, 16 },
    { "type", "-散户", "overall", "ci95_high", 4.11064532124565, 16 },
    { "type", "-散户", "overall", "median", 4.0, 16 },
    { "type", "-散户", "overall", "top2", 0.5625, 16 },
    { "type", "-散户", "overall", "bottom2", 0.375, 16 },
    { "type", "-散户", "overall", "index", 60.9375, 16 },
    { "type", "-散户", "overall", "p_value", 0.15745645369910222, 16 },
    { "type", "-散户", "overall", "p_top2", 0.2790163132113639, 16 },
    { "type", "-散户", "overall", "significant", 0.0, -1 },
    { "type", "-散户", "overall", "r_overall", 1.0, 16 },
    { "type", "-散户", "overall=1", "count", 0.0, 16 },
    { "type", "-散户", "overall=1", "share", 0.0, 16 },
    { "type", "-散户", "overall=2", "count", 6.0, 16 },
    { "type", "-散户", "overall=2", "share", 0.375, 16 },
    { "type", "-散户", "overall=3", "count", 1.0, 16 },
    { "type", "-散户", "overall=3", "share", 0.0625, 16 },
    { "type", "-散户", "overall=4", "count", 5.0, 16 },
    { "type", "-散户", "overall=4", "share", 0.3125, 16 },
    { "type", "-散户", "overall=5", "count", 4.0, 16 },
    { "type", "-散户", "overall=5", "share", 0.25, 16 },
    { "type", "-散户", "recommend", "mean", 4.6, 15 },
    { "type", "-散户", "recommend", "sd", 3.459975226996369, 15 },
    { "type", "-散户", "recommend", "ci95_low", 2.6839295850176965, 15 },
    { "type", "-散户", "recommend", "ci95_high", 6.516070414982303, 15 },
    { "type", "-散户", "recommend", "median", 4.0, 15 },
    { "type", "-散户", "recommend", "top2", 0.2, 15 },
    { "type", "-散户", "recommend", "bottom2", 0.3333333333333333, 15 },
    { "type", "-散户", "recommend", "index", 46.0, 15 },
    { "type", "-散户", "recommend", "p_value", 0.1422421867344183, 15 },
    { "type", "-散户", "recommend", "p_top2", 0.43595871179889856, 15 },
    { "type", "-散户", "recommend", "significant", 0.0, -1 },
    { "type", "-散户", "recommend", "r_overall", 0.18126411822253663, 15 },
    { "type", "-散户", "recommend=0", "count", 1.0, 15 },
    { "type", "-散户", "recommend=0", "share", 0.06666666666666667, 15 },
    { "type", "-散户", "recommend=1", "count", 4.0, 15 },
    { "type", "-散户", "recommend=1", "share", 0.26666666666666666, 15 },
    { "type", "-散户", "recommend=2", "count", 1.0, 15 },
    { "type", "-散户", "recommend=2", "share", 0.06666666666666667, 15 },
    { "type", "-散户", "recommend=3", "count", 0.0, 15 },
    { "type", "-散户", "recommend=3", "share", 0.0, 15 },
    { "type", "-散户", "recommend=4", "count", 2.0, 15 },
    { "type", "-散户", "recommend=4", "share", 0.13333333333333333, 15 },
    { "type", "-散户", "recommend=5", "count", 1.0, 15 },
    { "type", "-散户", "recommend=5", "share", 0.06666666666666667, 15 },
    { "type", "-散户", "recommend=6", "count", 0.0, 15 },
    { "type", "-散户", "recommend=6", "share", 0.0, 15 },
    { "type", "-散户", "recommend=7", "count", 1.0, 15 },
    { "type", "-散户", "recommend=7", "share", 0.06666666666666667, 15 },
    { "type", "-散户", "recommend=8", "count", 2.0, 15 },
    { "type", "-散户", "recommend=8", "share", 0.13333333333333333, 15 },
    { "type", "-散户", "recommend=9", "count", 3.0, 15 },
    { "type", "-散户", "recommend=9", "share", 0.2, 15 },
    { "type", "-散户", "recommend=10", "count", 0.0, 15 },
    { "type", "-散户", "recommend=10", "share", 0.0, 15 },
    { "type", "-散户", "service", "mean", 3.302083333333333, 16 },
    { "type", "-散户", "service", "sd", 1.1725545868995864, 16 },
    { "type", "-散户", "service", "ci95_low", 2.6772730979855446, 16 },
    { "type", "-散户", "service", "ci95_high", 3.9268935686811215, 16 },
    { "type", "-散户", "service", "median", 2.833333333333333, 16 },
    { "type", "-散户", "service", "top2", 0.3953488372093023, 43 },
    { "type", "-散户", "service", "bottom2", 0.3023255813953488, 43 },
    { "type", "-散户", "service", "index", 57.55208333333333, 16 },
    { "type", "-散户", "service", "p_value", 0.7112581348238224, 16 },
    { "type", "-散户", "service", "p_top2", 0.39688131721085773, 43 },
    { "type", "-散户", "service", "significant", 0.0, -1 },
    { "type", "-散户", "service", "alpha", 0.8452554744525548, 11 },
    { "type", "-散户", "service", "target", 85.0, -1 },
    { "type", "-散户", "service", "gap", -27.44791666666667, -1 },
    { "type", "-散户", "service", "action_rank", 1.0, -1 },
    { "type", "-散户", "service", "r_overall", 0.41491003859215214, 16 },
    { "type", "-散户", "price", "mean", 3.466666666666667, 15 },
    { "type", "-散户", "price", "sd", 1.3020130933435712, 15 },
    { "type", "-散户", "price", "ci95_low", 2.7456358486972214, 15 },
    { "type", "-散户", "price", "ci95_high", 4.187697484636112, 15 },
    { "type", "-散户", "price", "median", 4.0, 15 },
    { "type", "-散户", "price", "top2", 0.5333333333333333, 15 },
    { "type", "-散户", "price", "bottom2", 0.26666666666666666, 15 },
    { "type", "-散户", "price", "index", 61.66666666666667, 15 },
    { "type", "-散户", "price", "p_value", 0.5286878009641098, 15 },
    { "type", "-散户", "price", "p_top2", 0.7504546147614068, 15 },
    { "type", "-散户", "price", "significant", 0.0, -1 },
    { "type", "-散户", "price", "target", 80.0, -1 },
    { "type", "-散户", "price", "gap", -18.33333333333333, -1 },
    { "type", "-散户", "price", "action_rank", 2.0, -1 },
    { "type", "-散户", "price", "r_overall", 0.05577246016029756, 15 },
    { "type", "-散户", "spare", "target", 70.0, -1 },
    { "type", "-散户", "CSI", "index", 59.197916666666664, 16 },
    { "type", "-散户", "NPS", "index", -40.0, 15 },
    { "type", "-散户", "plan=1", "count", 2.0, 13 },
    { "type", "-散户", "plan=1", "share", 0.15384615384615385, 13 },
    { "type", "-散户", "plan=2", "count", 7.0, 13 },
    { "type", "-散户", "plan=2", "share", 0.5384615384615384, 13 },
    { "type", "-散户", "plan=3", "count", 4.0, 13 },
    { "type", "-散户", "plan=3", "share", 0.3076923076923077, 13 },
    { "type", "-散户", "improve=1", "count", 6.0, 10 },
    { "type", "-散户", "improve=1", "share", 0.6, 10 },
    { "type", "-散户", "improve=2", "count", 5.0, 10 },
    { "type", "-散户", "improve=2", "share", 0.5, 10 },
    { "type", "-散户", "improve=3", "count", 6.0, 10 },
    { "type", "-散户", "improve=3", "share", 0.6, 10 },
    { "type", "-散户", "improve=4", "count", 5.0, 10 },
    { "type", "-散户", "improve=4", "share", 0.5, 10 },
    { "type", "-散户", "comments", "count", 9.0, 16 },
    { "type", "-散户", "comments", "share", 0.5625, 16 },
    { "type", "-散户", "complaints", "count", 6.0, 16 },
    { "type", "-散户", "complaints", "share", 0.375, 16 },
    { "type", "-散户", "服务质量不达标", "count", 3.0, 9 },
    { "type", "-散户", "服务质量不达标", "share", 0.3333333333333333, 9 },
    { "type", "-散户", "服务过程不满意", "count", 4.0, 9 },
    { "type", "-散户", "服务过程不满意", "share", 0.4444444444444444, 9 },
    { "type", "-散户", "=价格", "count", 0.0, 9 },
    { "type", "-散户", "=价格", "share", 0.0, 9 },
    { "type", "-散户", "未分类", "count", 3.0, 9 },
    { "type", "-散户", "未分类", "share", 0.3333333333333333, 9 },
    { "type", "=VIP", "forms", "count", 12.0, -1 },
    { "type", "=VIP", "forms", "small", 1.0, -1 },
    { "type", "=VIP", "Q1", "mean", 3.3636363636363638, 11 },
    { "type", "=VIP", "Q1", "sd", 1.026910636104941, 11 },
    { "type", "=VIP", "Q1", "ci95_low", 2.6737484111380736, 11 },
    { "type", "=VIP", "Q1", "ci95_high", 4.053524316134654, 11 },
    { "type", "=VIP", "Q1", "median", 3.0, 11 },
    { "type", "=VIP", "Q1", "top2", 0.36363636363636365, 11 },
    { "type", "=VIP", "Q1", "bottom2", 0.18181818181818182, 11 },
    { "type", "=VIP", "Q1", "index", 59.09090909090909, 11 },
    { "type", "=VIP", "Q1", "p_value", 0.6135507663745032, 11 },
    { "type", "=VIP", "Q1", "p_top2", 0.8905133894920678, 11 },
    { "type", "=VIP", "Q1", "significant", 0.0, -1 },
    { "type", "=VIP", "Q1", "r_overall", 0.19247971338736308, 11 },
    { "type", "=VIP", "Q1=1", "count", 0.0, 11 },
    { "type", "=VIP", "Q1=1", "share", 0.0, 11 },
    { "type", "=VIP", "Q1=2", "count", 2.0, 11 },
    { "type", "=VIP", "Q1=2", "share", 0.18181818181818182, 11 },
    { "type", "=VIP", "Q1=3", "count", 5.0, 11 },
    { "type", "=VIP", "Q1=3", "share", 0.45454545454545453, 11 },
    { "type", "=VIP", "Q1=4", "count", 2.0, 11 },
    { "type", "=VIP", "Q1=4", "share", 0.18181818181818182, 11 },
    { "type", "=VIP", "Q1=5", "count", 2.0, 11 },
    { "type", "=VIP", "Q1=5", "share", 0.18181818181818182, 11 },
    { "type", "=VIP", "Q2", "mean", 3.4166666666666665, 12 },
    { "type", "=VIP", "Q2", "sd", 1.0836246694508318, 12 },
    { "type", "=VIP", "Q2", "ci95_low", 2.7281643992539237, 12 },
    { "type", "=VIP", "Q2", "ci95_high", 4.105168934079409, 12 },
    { "type", "=VIP", "Q2", "median", 3.0, 12 },
    { "type", "=VIP", "Q2", "top2", 0.3333333333333333, 12 },
    { "type", "=VIP", "Q2", "bottom2", 0.16666666666666666, 12 },
    { "type", "=VIP", "Q2", "index", 60.416666666666664, 12 },
    { "type", "=VIP", "Q2", "prev_index", 75.0, 2 },
    { "type", "=VIP", "Q2", "delta", -14.583333333333336, 12 },
    { "type", "=VIP", "Q2", "p_delta", 0.08909357750487153, 12 },
    { "type", "=VIP", "Q2", "p_value", 0.9319176437778434, 12 },
    { "type", "=VIP", "Q2", "p_top2", 0.2810625638693228, 12 },
    { "type", "=VIP", "Q2", "significant", 0.0, -1 },
    { "type", "=VIP", "Q2", "r_overall", 0.5047259320719303, 12 },
    { "type", "=VIP", "Q2=1", "count", 0.0, 12 },
    { "type", "=VIP", "Q2=1", "share", 0.0, 12 },
    { "type", "=VIP", "Q2=2", "count", 2.0, 12 },
    { "type", "=VIP", "Q2=2", "share", 0.16666666666666666, 12 },
    { "type", "=VIP", "Q2=3", "count", 6.0, 12 },
    { "type", "=VIP", "Q2=3", "share", 0.5, 12 },
    { "type", "=VIP", "Q2=4", "count", 1.0, 12 },
    { "type", "=VIP", "Q2=4", "share", 0.08333333333333333, 12 },
    { "type", "=VIP", "Q2=5", "count", 3.0, 12 },
    { "type", "=VIP", "Q2=5", "share", 0.25, 12 },
    { "type", "=VIP", "Q3", "mean", 3.6, 10 },
    { "type", "=VIP", "Q3", "sd", 1.2649110640673518, 10 },
    { "type", "=VIP", "Q3", "ci95_low", 2.695137134880718, 10 },
    { "type", "=VIP", "Q3", "ci95_high", 4.504862865119282, 10 },
    { "type", "=VIP", "Q3", "median", 3.5, 10 },
    { "type", "=VIP", "Q3", "top2", 0.5, 10 },
    { "type", "=VIP", "Q3", "bottom2", 0.1, 10 },
    { "type", "=VIP", "Q3", "index", 65.0, 10 },
    { "type", "=VIP", "Q3", "p_value", 0.8954787646672829, 10 },
    { "type", "=VIP", "Q3", "p_top2", 1.0, 10 },
    { "type", "=VIP", "Q3", "significant", 0.0, -1 },
    { "type", "=VIP", "Q3", "r_overall", 0.3058876451607491, 10 },
    { "type", "=VIP", "Q3=1", "count", 1.0, 10 },
    { "type", "=VIP", "Q3=1", "share", 0.1, 10 },
    { "type", "=VIP", "Q3=2", "count", 0.0, 10 },
    { "type", "=VIP", "Q3=2", "share", 0.0, 10 },
    { "type", "=VIP", "Q3=3", "count", 4.0, 10 },
    { "type", "=VIP", "Q3=3", "share", 0.4, 10 },
    { "type", "=VIP", "Q3=4", "count", 2.0, 10 },
    { "type", "=VIP", "Q3=4", "share", 0.2, 10 },
    { "type", "=VIP", "Q3=5", "count", 3.0, 10 },
    { "type", "=VIP", "Q3=5", "share", 0.3, 10 },
    { "type", "=VIP", "Q4", "mean", 2.7, 10 },
    { "type", "=VIP", "Q4", "sd", 1.0593499054713802, 10 },
    { "type", "=VIP", "Q4", "ci95_low", 1.9421867292816772, 10 },
    { "type", "=VIP", "Q4", "ci95_high", 3.457813270718323, 10 },
    { "type", "=VIP", "Q4", "median", 2.5, 10 },
    { "type", "=VIP", "Q4", "top2", 0.3, 10 },
    { "type", "=VIP", "Q4", "bottom2", 0.5, 10 },
    { "type", "=VIP", "Q4", "index", 42.50000000000001, 10 },
    { "type", "=VIP", "Q4", "p_value", 0.06987912179497495, 10 },
    { "type", "=VIP", "Q4", "p_top2", 0.1501635935449739, 10 },
    { "type", "=VIP", "Q4", "significant", 0.0, -1 },
    { "type", "=VIP", "Q4", "r_overall", 0.042644451008999565, 10 },
    { "type", "=VIP", "Q4=1", "count", 1.0, 10 },
    { "type", "=VIP", "Q4=1", "share", 0.1, 10 },
    { "type", "=VIP", "Q4=2", "count", 4.0, 10 },
    { "type", "=VIP", "Q4=2", "share", 0.4, 10 },
    { "type", "=VIP", "Q4=3", "count", 2.0, 10 },
    { "type", "=VIP", "Q4=3", "share", 0.2, 10 },
    { "type", "=VIP", "Q4=4", "count", 3.0, 10 },
    { "type", "=VIP", "Q4=4", "share", 0.3, 10 },
    { "type", "=VIP", "Q4=5", "count", 0.0, 10 },
    { "type", "=VIP", "Q4=5", "share", 0.0, 10 },
    { "type", "=VIP", "overall", "mean", 3.9166666666666665, 12 },
    { "type", "=VIP", "overall", "sd", 0.90033663737852, 12 },
    { "type", "=VIP", "overall", "ci95_low", 3.344620058883157, 12 },
    { "type", "=VIP", "overall", "ci95_high", 4.488713274450176, 12 },
    { "type", "=VIP", "overall", "median", 4.0, 12 },
    { "type", "=VIP", "overall", "top2", 0.75, 12 },
    { "type", "=VIP", "overall", "bottom2", 0.08333333333333333, 12 },
    { "type", "=VIP", "overall", "index", 72.91666666666666, 12 },
    { "type", "=VIP", "overall", "p_value", 0.616177611985153, 12 },
    { "type", "=VIP", "overall", "p_top2", 0.47950012218695326, 12 },
    { "type", "=VIP", "overall", "significant", 0.0, -1 },
    { "type", "=VIP", "overall", "r_overall", 1.0, 12 },
    { "type", "=VIP", "overall=1", "count", 0.0, 12 },
    { "type", "=VIP", "overall=1", "share", 0.0, 12 },
    { "type", "=VIP", "overall=2", "count", 1.0, 12 },
    { "type", "=VIP", "overall=2", "share", 0.08333333333333333, 12 },
    { "type", "=VIP", "overall=3", "count", 2.0, 12 },
    { "type", "=VIP", "overall=3", "share", 0.16666666666666666, 12 },
    { "type", "=VIP", "overall=4", "count", 6.0, 12 },
    { "type", "=VIP", "overall=4", "share", 0.5, 12 },
    { "type", "=VIP", "overall=5", "count", 3.0, 12 },
    { "type", "=VIP", "overall=5", "share", 0.25, 12 },
    { "type", "=VIP", "recommend", "mean", 6.1, 10 },
    { "type", "=VIP", "recommend", "sd", 3.4140233677518315, 10 },
    { "type", "=VIP", "recommend", "ci95_low", 3.6577548067335, 10 },
    { "type", "=VIP", "recommend", "ci95_high", 8.5422451932665, 10 },
    { "type", "=VIP", "recommend", "median", 7.5, 10 },
    { "type", "=VIP", "recommend", "top2", 0.3, 10 },
    { "type", "=VIP", "recommend", "bottom2", 0.1, 10 },
    { "type", "=VIP", "recommend", "index", 61.0, 10 },
    { "type", "=VIP", "recommend", "p_value", 0.6461299428420941, 10 },
    { "type", "=VIP", "recommend", "p_top2", 0.8256422539843123, 10 },
    { "type", "=VIP", "recommend", "significant", 0.0, -1 },
    { "type", "=VIP", "recommend", "r_overall", 0.7099390707671012, 10 },
    { "type", "=VIP", "recommend=0", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=0", "share", 0.1, 10 },
    { "type", "=VIP", "recommend=1", "count", 0.0, 10 },
    { "type", "=VIP", "recommend=1", "share", 0.0, 10 },
    { "type", "=VIP", "recommend=2", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=2", "share", 0.1, 10 },
    { "type", "=VIP", "recommend=3", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=3", "share", 0.1, 10 },
    { "type", "=VIP", "recommend=4", "count", 0.0, 10 },
    { "type", "=VIP", "recommend=4", "share", 0.0, 10 },
    { "type", "=VIP", "recommend=5", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=5", "share", 0.1, 10 },
    { "type", "=VIP", "recommend=6", "count", 0.0, 10 },
    { "type", "=VIP", "recommend=6", "share", 0.0, 10 },
    { "type", "=VIP", "recommend=7", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=7", "share", 0.1, 10 },
    { "type", "=VIP", "recommend=8", "count", 2.0, 10 },
    { "type", "=VIP", "recommend=8", "share", 0.2, 10 },
    { "type", "=VIP", "recommend=9", "count", 2.0, 10 },
    { "type", "=VIP", "recommend=9", "share", 0.2, 10 },
    { "type", "=VIP", "recommend=10", "count", 1.0, 10 },
    { "type", "=VIP", "recommend=10", "share", 0.1, 10 },
    { "type", "=VIP", "service", "mean", 3.416666666666666, 12 },
    { "type", "=VIP", "service", "sd", 0.8180415143450356, 12 },
    { "type", "=VIP", "service", "ci95_low", 2.8969078854737775, 12 },
    { "type", "=VIP", "service", "ci95_high", 3.9364254478595546, 12 },
    { "type", "=VIP", "service", "median", 3.5, 12 },
    { "type", "=VIP", "service", "top2", 0.3939393939393939, 33 },
    { "type", "=VIP", "service", "bottom2", 0.15151515151515152, 33 },
    { "type", "=VIP", "service", "index", 60.41666666666665, 12 },
    { "type", "=VIP", "service", "p_value", 0.9048317800006129, 12 },
    { "type", "=VIP", "service", "p_top2", 0.4722802594752483, 33 },
    { "type", "=VIP", "service", "significant", 0.0, -1 },
    { "type", "=VIP", "service", "alpha", 0.6528000000000003, 10 },
    { "type", "=VIP", "service", "target", 85.0, -1 },
    { "type", "=VIP", "service", "gap", -24.58333333333335, -1 },
    { "type", "=VIP", "service", "action_rank", 2.0, -1 },
    { "type", "=VIP", "service", "r_overall", 0.3805813704187143, 12 },
    { "type", "=VIP", "price", "mean", 2.7, 10 },
    { "type", "=VIP", "price", "sd", 1.0593499054713802, 10 },
    { "type", "=VIP", "price", "ci95_low", 1.9421867292816772, 10 },
    { "type", "=VIP", "price", "ci95_high", 3.457813270718323, 10 },
    { "type", "=VIP", "price", "median", 2.5, 10 },
    { "type", "=VIP", "price", "top2", 0.3, 10 },
    { "type", "=VIP", "price", "bottom2", 0.5, 10 },
    { "type", "=VIP", "price", "index", 42.50000000000001, 10 },
    { "type", "=VIP", "price", "p_value", 0.06987912179497495, 10 },
    { "type", "=VIP", "price", "p_top2", 0.1501635935449739, 10 },
    { "type", "=VIP", "price", "significant", 0.0, -1 },
    { "type", "=VIP", "price", "target", 80.0, -1 },
    { "type", "=VIP", "price", "gap", -37.49999999999999, -1 },
    { "type", "=VIP", "price", "action_rank", 1.0, -1 },
    { "type", "=VIP", "price", "r_overall", 0.042644451008999565, 10 },
    { "type", "=VIP", "spare", "target", 70.0, -1 },
    { "type", "=VIP", "CSI", "index", 53.249999999999986, 12 },
    { "type", "=VIP", "NPS", "index", -10.0, 10 },
    { "type", "=VIP", "plan=1", "count", 4.0, 11 },
    { "type", "=VIP", "plan=1", "share", 0.36363636363636365, 11 },
    { "type", "=VIP", "plan=2", "count", 3.0, 11 },
    { "type", "=VIP", "plan=2", "share", 0.2727272727272727, 11 },
    { "type", "=VIP", "plan=3", "count", 4.0, 11 },
    { "type", "=VIP", "plan=3", "share", 0.36363636363636365, 11 },
    { "type", "=VIP", "improve=1", "count", 8.0, 11 },
    { "type", "=VIP", "improve=1", "share", 0.7272727272727273, 11 },
    { "type", "=VIP", "improve=2", "count", 4.0, 11 },
    { "type", "=VIP", "improve=2", "share", 0.36363636363636365, 11 },
    { "type", "=VIP", "improve=3", "count", 7.0, 11 },
    { "type", "=VIP", "improve=3", "share", 0.6363636363636364, 11 },
    { "type", "=VIP", "improve=4", "count", 6.0, 11 },
    { "type", "=VIP", "improve=4", "share", 0.5454545454545454, 11 },
    { "type", "=VIP", "comments", "count", 5.0, 12 },
    { "type", "=VIP", "comments", "share", 0.4166666666666667, 12 },
    { "type", "=VIP", "complaints", "count", 5.0, 12 },
    { "type", "=VIP", "complaints", "share", 0.4166666666666667, 12 },
    { "type", "=VIP", "服务质量不达标", "count", 3.0, 5 },
    { "type", "=VIP", "服务质量不达标", "share", 0.6, 5 },
    { "type", "=VIP", "服务过程不满意", "count", 2.0, 5 },
    { "type", "=VIP", "服务过程不满意", "share", 0.4, 5 },
    { "type", "=VIP", "=价格", "count", 0.0, 5 },
    { "type", "=VIP", "=价格", "share", 0.0, 5 },
    { "type", "=VIP", "未分类", "count", 0.0, 5 },
    { "type", "=VIP", "未分类", "share", 0.0, 5 },
    { "type", "普通", "forms", "count", 14.0, -1 },
    { "type", "普通", "forms", "small", 1.0, -1 },
    { "type", "普通", "Q1", "mean", 3.0, 11 },
    { "type", "普通", "Q1", "sd", 1.0, 11 },
    { "type", "普通", "Q1", "ci95_low", 2.3281908588316638, 11 },
    { "type", "普通", "Q1", "ci95_high", 3.6718091411683362, 11 },
    { "type", "普通", "Q1", "median", 3.0, 11 },
    { "type", "普通", "Q1", "top2", 0.2727272727272727, 11 },
    { "type", "普通", "Q1", "bottom2", 0.36363636363636365, 11 },
    { "type", "普通", "Q1", "index", 50.0, 11 },
    { "type", "普通", "Q1", "p_value", 0.4629777065272408, 11 },
    { "type", "普通", "Q1", "p_top2", 0.38960090759489674, 11 },
    { "type", "普通", "Q1", "significant", 0.0, -1 },
    { "type", "普通", "Q1", "r_overall", -0.40949105830197113, 11 },
    { "type", "普通", "Q1=1", "count", 0.0, 11 },
    { "type", "普通", "Q1=1", "share", 0.0, 11 },
    { "type", "普通", "Q1=2", "count", 4.0, 11 },
    { "type", "普通", "Q1=2", "share", 0.36363636363636365, 11 },
    { "type", "普通", "Q1=3", "count", 4.0, 11 },
    { "type", "普通", "Q1=3", "share", 0.36363636363636365, 11 },
    { "type", "普通", "Q1=4", "count", 2.0, 11 },
    { "type", "普通", "Q1=4", "share", 0.18181818181818182, 11 },
    { "type", "普通", "Q1=5", "count", 1.0, 11 },
    { "type", "普通", "Q1=5", "share", 0.09090909090909091, 11 },
    { "type", "普通", "Q2", "mean", 3.9166666666666665, 12 },
    { "type", "普通", "Q2", "sd", 1.4433756729740643, 12 },
    { "type", "普通", "Q2", "ci95_low", 2.9995895166284834, 12 },
    { "type", "普通", "Q2", "ci95_high", 4.83374381670485, 12 },
    { "type", "普通", "Q2", "median", 4.5, 12 },
    { "type", "普通", "Q2", "top2", 0.75, 12 },
    { "type", "普通", "Q2", "bottom2", 0.25, 12 },
    { "type", "普通", "Q2", "index", 72.91666666666666, 12 },
    { "type", "普通", "Q2", "p_value", 0.18215835383222223, 12 },
    { "type", "普通", "Q2", "p_top2", 0.019793321481279644, 12 },
    { "type", "普通", "Q2", "significant", 0.0, -1 },
    { "type", "普通", "Q2", "r_overall", -0.24762578379370115, 12 },
    { "type", "普通", "Q2=1", "count", 1.0, 12 },
    { "type", "普通", "Q2=1", "share", 0.08333333333333333, 12 },
    { "type", "普通", "Q2=2", "count", 2.0, 12 },
    { "type", "普通", "Q2=2", "share", 0.16666666666666666, 12 },
    { "type", "普通", "Q2=3", "count", 0.0, 12 },
    { "type", "普通", "Q2=3", "share", 0.0, 12 },
    { "type", "普通", "Q2=4", "count", 3.0, 12 },
    { "type", "普通", "Q2=4", "share", 0.25, 12 },
    { "type", "普通", "Q2=5", "count", 6.0, 12 },
    { "type", "普通", "Q2=5", "share", 0.5, 12 },
    { "type", "普通", "Q3", "mean", 4.0, 8 },
    { "type", "普通", "Q3", "sd", 1.6035674514745464, 8 },
    { "type", "普通", "Q3", "ci95_low", 2.659384061322842, 8 },
    { "type", "普通", "Q3", "ci95_high", 5.340615938677158, 8 },
    { "type", "普通", "Q3", "median", 5.0, 8 },
    { "type", "普通", "Q3", "top2", 0.75, 8 },
    { "type", "普通", "Q3", "bottom2", 0.25, 8 },
    { "type", "普通", "Q3", "index", 75.0, 8 },
    { "type", "普通", "Q3", "p_value", 0.37933846459710163, 8 },
    { "type", "普通", "Q3", "p_top2", 0.11146452624631818, 8 },
    { "type", "普通", "Q3", "significant", 0.0, -1 },
    { "type", "普通", "Q3", "r_overall", 0.33596842045264647, 8 },
    { "type", "普通", "Q3=1", "count", 1.0, 8 },
    { "type", "普通", "Q3=1", "share", 0.125, 8 },
    { "type", "普通", "Q3=2", "count", 1.0, 8 },
    { "type", "普通", "Q3=2", "share", 0.125, 8 },
    { "type", "普通", "Q3=3", "count", 0.0, 8 },
    { "type", "普通", "Q3=3", "share", 0.0, 8 },
    { "type", "普通", "Q3=4", "count", 1.0, 8 },
    { "type", "普通", "Q3=4", "share", 0.125, 8 },
    { "type", "普通", "Q3=5", "count", 5.0, 8 },
    { "type", "普通", "Q3=5", "share", 0.625, 8 },
    { "type", "普通", "Q4", "mean", 3.7857142857142856, 14 },
    { "type", "普通", "Q4", "sd", 1.05090228108783, 14 },
    { "type", "普通", "Q4", "ci95_low", 3.178941373503613, 14 },
    { "type", "普通", "Q4", "ci95_high", 4.392487197924958, 14 },
    { "type", "普通", "Q4", "median", 4.0, 14 },
    { "type", "普通", "Q4", "top2", 0.6428571428571429, 14 },
    { "type", "普通", "Q4", "bottom2", 0.14285714285714285, 14 },
    { "type", "普通", "Q4", "index", 69.64285714285714, 14 },
    { "type", "普通", "Q4", "p_value", 0.05850519401541901, 14 },
    { "type", "普通", "Q4", "p_top2", 0.19543141861211055, 14 },
    { "type", "普通", "Q4", "significant", 0.0, -1 },
    { "type", "普通", "Q4", "r_overall", -1.214306433183765e-17, 14 },
    { "type", "普通", "Q4=1", "count", 0.0, 14 },
    { "type", "普通", "Q4=1", "share", 0.0, 14 },
    { "type", "普通", "Q4=2", "count", 2.0, 14 },
    { "type", "普通", "Q4=2", "share", 0.14285714285714285, 14 },
    { "type", "普通", "Q4=3", "count", 3.0, 14 },
    { "type", "普通", "Q4=3", "share", 0.21428571428571427, 14 },
    { "type", "普通", "Q4=4", "count", 5.0, 14 },
    { "type", "普通", "Q4=4", "share", 0.35714285714285715, 14 },
    { "type", "普通", "Q4=5", "count", 4.0, 14 },
    { "type", "普通", "Q4=5", "share", 0.2857142857142857, 14 },
    { "type", "普通", "overall", "mean", 4.0, 14 },
    { "type", "普通", "overall", "sd", 1.1094003924504583, 14 },
    { "type", "普通", "overall", "ci95_low", 3.3594512838643578, 14 },
    { "type", "普通", "overall", "ci95_high", 4.640548716135642, 14 },
    { "type", "普通", "overall", "median", 4.0, 14 },
    { "type", "普通", "overall", "top2", 0.7142857142857143, 14 },
    { "type", "普通", "overall", "bottom2", 0.14285714285714285, 14 },
    { "type", "普通", "overall", "index", 75.0, 14 },
    { "type", "普通", "overall", "p_value", 0.4157228292770553, 14 },
    { "type", "普通", "overall", "p_top2", 0.6533676621999003, 14 },
    { "type", "普通", "overall", "significant", 0.0, -1 },
    { "type", "普通", "overall", "r_overall", 1.0, 14 },
    { "type", "普通", "overall=1", "count", 0.0, 14 },
    { "type", "普通", "overall=1", "share", 0.0, 14 },
    { "type", "普通", "overall=2", "count", 2.0, 14 },
    { "type", "普通", "overall=2", "share", 0.14285714285714285, 14 },
    { "type", "普通", "overall=3", "count", 2.0, 14 },
    { "type", "普通", "overall=3", "share", 0.14285714285714285, 14 },
    { "type", "普通", "overall=4", "count", 4.0, 14 },
    { "type", "普通", "overall=4", "share", 0.2857142857142857, 14 },
    { "type", "普通", "overall=5", "count", 6.0, 14 },
    { "type", "普通", "overall=5", "share", 0.42857142857142855, 14 },
    { "type", "普通", "recommend", "mean", 6.076923076923077, 13 },
    { "type", "普通", "recommend", "sd", 3.2005608482873344, 13 },
    { "type", "普通", "recommend", "ci95_low", 4.142843513047874, 13 },
    { "type", "普通", "recommend", "ci95_high", 8.01100264079828, 13 },
    { "type", "普通", "recommend", "median", 7.0, 13 },
    { "type", "普通", "recommend", "top2", 0.3076923076923077, 13 },
    { "type", "普通", "recommend", "bottom2", 0.07692307692307693, 13 },
    { "type", "普通", "recommend", "index", 60.76923076923077, 13 },
    { "type", "普通", "recommend", "p_value", 0.584961865646221, 13 },
    { "type", "普通", "recommend", "p_top2", 0.7359365021951549, 13 },
    { "type", "普通", "recommend", "significant", 0.0, -1 },
    { "type", "普通", "recommend", "r_overall", -0.4509758574802399, 13 },
    { "type", "普通", "recommend=0", "count", 1.0, 13 },
    { "type", "普通", "recommend=0", "share", 0.07692307692307693, 13 },
    { "type", "普通", "recommend=1", "count", 0.0, 13 },
    { "type", "普通", "recommend=1", "share", 0.0, 13 },
    { "type", "普通", "recommend=2", "count", 1.0, 13 },
    { "type", "普通", "recommend=2", "share", 0.07692307692307693, 13 },
    { "type", "普通", "recommend=3", "count", 1.0, 13 },
    { "type", "普通", "recommend=3", "share", 0.07692307692307693, 13 },
    { "type", "普通", "recommend=4", "count", 1.0, 13 },
    { "type", "普通", "recommend=4", "share", 0.07692307692307693, 13 },
    { "type", "普通", "recommend=5", "count", 2.0, 13 },
    { "type", "普通", "recommend=5", "share", 0.15384615384615385, 13 },
    { "type", "普通", "recommend=6", "count", 0.0, 13 },
    { "type", "普通", "recommend=6", "share", 0.0, 13 },
    { "type", "普通", "recommend=7", "count", 2.0, 13 },
    { "type", "普通", "recommend=7", "share", 0.15384615384615385, 13 },
    { "type", "普通", "recommend=8", "count", 1.0, 13 },
    { "type", "普通", "recommend=8", "share", 0.07692307692307693, 13 },
    { "type", "普通", "recommend=9", "count", 2.0, 13 },
    { "type", "普通", "recommend=9", "share", 0.15384615384615385, 13 },
    { "type", "普通", "recommend=10", "count", 2.0, 13 },
    { "type", "普通", "recommend=10", "share", 0.15384615384615385, 13 },
    { "type", "普通", "service", "mean", 3.5595238095238098, 14 },
    { "type", "普通", "service", "sd", 1.1296454758458077, 14 },
    { "type", "普通", "service", "ci95_low", 2.9072859302463496, 14 },
    { "type", "普通", "service", "ci95_high", 4.21176168880127, 14 },
    { "type", "普通", "service", "median", 3.666666666666667, 14 },
    { "type", "普通", "service", "top2", 0.5806451612903226, 31 },
    { "type", "普通", "service", "bottom2", 0.2903225806451613, 31 },
    { "type", "普通", "service", "index", 63.98809523809524, 14 },
    { "type", "普通", "service", "p_value", 0.5033242408516462, 14 },
    { "type", "普通", "service", "p_top2", 0.0839054707346489, 31 },
    { "type", "普通", "service", "significant", 0.0, -1 },
    { "type", "普通", "service", "alpha", 0.3177966101694912, 6 },
    { "type", "普通", "service", "target", 85.0, -1 },
    { "type", "普通", "service", "gap", -21.01190476190476, -1 },
    { "type", "普通", "service", "action_rank", 1.0, -1 },
    { "type", "普通", "service", "r_overall", -0.09206984759033096, 14 },
    { "type", "普通", "price", "mean", 3.7857142857142856, 14 },
    { "type", "普通", "price", "sd", 1.05090228108783, 14 },
    { "type", "普通", "price", "ci95_low", 3.178941373503613, 14 },
    { "type", "普通", "price", "ci95_high", 4.392487197924958, 14 },
    { "type", "普通", "price", "median", 4.0, 14 },
    { "type", "普通", "price", "top2", 0.6428571428571429, 14 },
    { "type", "普通", "price", "bottom2", 0.14285714285714285, 14 },
    { "type", "普通", "price", "index", 69.64285714285714, 14 },
    { "type", "普通", "price", "p_value", 0.05850519401541901, 14 },
    { "type", "普通", "price", "p_top2", 0.19543141861211055, 14 },
    { "type", "普通", "price", "significant", 0.0, -1 },
    { "type", "普通", "price", "target", 80.0, -1 },
    { "type", "普通", "price", "gap", -10.357142857142861, -1 },
    { "type", "普通", "price", "action_rank", 2.0, -1 },
    { "type", "普通", "price", "r_overall", -1.214306433183765e-17, 14 },
    { "type", "普通", "spare", "target", 70.0, -1 },
    { "type", "普通", "CSI", "index", 66.25, 14 },
    { "type", "普通", "NPS", "index", -15.384615384615385, 13 },
    { "type", "普通", "plan=1", "count", 6.0, 11 },
    { "type", "普通", "plan=1", "share", 0.5454545454545454, 11 },
    { "type", "普通", "plan=2", "count", 1.0, 11 },
    { "type", "普通", "plan=2", "share", 0.09090909090909091, 11 },
    { "type", "普通", "plan=3", "count", 4.0, 11 },
    { "type", "普通", "plan=3", "share", 0.36363636363636365, 11 },
    { "type", "普通", "improve=1", "count", 2.0, 11 },
    { "type", "普通", "improve=1", "share", 0.18181818181818182, 11 },
    { "type", "普通", "improve=2", "count", 7.0, 11 },
    { "type", "普通", "improve=2", "share", 0.6363636363636364, 11 },
    { "type", "普通", "improve=3", "count", 6.0, 11 },
    { "type", "普通", "improve=3", "share", 0.5454545454545454, 11 },
    { "type", "普通", "improve=4", "count", 7.0, 11 },
    { "type", "普通", "improve=4", "share", 0.6363636363636364, 11 },
    { "type", "普通", "comments", "count", 8.0, 14 },
    { "type", "普通", "comments", "share", 0.5714285714285714, 14 },
    { "type", "普通", "complaints", "count", 7.0, 14 },
    { "type", "普通", "complaints", "share", 0.5, 14 },
    { "type", "普通", "服务质量不达标", "count", 6.0, 8 },
    { "type", "普通", "服务质量不达标", "share", 0.75, 8 },
    { "type", "普通", "服务过程不满意", "count", 3.0, 8 },
    { "type", "普通", "服务过程不满意", "share", 0.375, 8 },
    { "type", "普通", "=价格", "count", 1.0, 8 },
    { "type", "普通", "=价格", "share", 0.125, 8 },
    { "type", "普通", "未分类", "count", 1.0, 8 },
    { "type", "普通", "未分类", "share", 0.125, 8 },
    { "cls", "A类", "forms", "count", 18.0, -1 },
    { "cls", "A类", "forms", "small", 0.0, -1 },
    { "cls", "A类", "Q1", "mean", 4.5625, 16 },
    { "cls", "A类", "Q1", "sd", 0.6291528696058958, 16 },
    { "cls", "A类", "Q1", "ci95_low", 4.227248100497721, 16 },
    { "cls", "A类", "Q1", "ci95_high", 4.897751899502279, 16 },
    { "cls", "A类", "Q1", "median", 5.0, 16 },
    { "cls", "A类", "Q1", "top2", 0.9375, 16 },
    { "cls", "A类", "Q1", "bottom2", 0.0, 16 },
    { "cls", "A类", "Q1", "index", 89.0625, 16 },
    { "cls", "A类", "Q1", "p_value", 4.4949442635605815e-12, 16 },
    { "cls", "A类", "Q1", "p_top2", 5.662385657975979e-09, 16 },
    { "cls", "A类", "Q1", "significant", 1.0, -1 },
    { "cls", "A类", "Q1", "r_overall", 0.27529888064467417, 16 },
    { "cls", "A类", "Q1=1", "count", 0.0, 16 },
    { "cls", "A类", "Q1=1", "share", 0.0, 16 },
    { "cls", "A类", "Q1=2", "count", 0.0, 16 },
    { "cls", "A类", "Q1=2", "share", 0.0, 16 },
    { "cls", "A类", "Q1=3", "count", 1.0, 16 },
    { "cls", "A类", "Q1=3", "share", 0.0625, 16 },
    { "cls", "A类", "Q1=4", "count", 5.0, 16 },
    { "cls", "A类", "Q1=4", "share", 0.3125, 16 },
    { "cls", "A类", "Q1=5", "count", 10.0, 16 },
    { "cls", "A类", "Q1=5", "share", 0.625, 16 },
    { "cls", "A类", "Q2", "mean", 4.3125, 16 },
    { "cls", "A类", "Q2", "sd", 0.873212459828649, 16 },
    { "cls", "A类", "Q2", "ci95_low", 3.847197924830273, 16 },
    { "cls", "A类", "Q2", "ci95_high", 4.777802075169727, 16 },
    { "cls", "A类", "Q2", "median", 5.0, 16 },
    { "cls", "A类", "Q2", "top2", 0.75, 16 },
    { "cls", "A类", "Q2", "bottom2", 0.0, 16 },
    { "cls", "A类", "Q2", "index", 82.8125, 16 },
    { "cls", "A类", "Q2", "p_value", 0.00015367400755857583, 16 },
    { "cls", "A类", "Q2", "p_top2", 0.00393701054262287, 16 },
    { "cls", "A类", "Q2", "significant", 1.0, -1 },
    { "cls", "A类", "Q2", "r_overall", 0.29628518590032293, 16 },
    { "cls", "A类", "Q2=1", "count", 0.0, 16 },
    { "cls", "A类", "Q2=1", "share", 0.0, 16 },
    { "cls", "A类", "Q2=2", "count", 0.0, 16 },
    { "cls", "A类", "Q2=2", "share", 0.0, 16 },
    { "cls", "A类", "Q2=3", "count", 4.0, 16 },
    { "cls", "A类", "Q2=3", "share", 0.25, 16 },
    { "cls", "A类", "Q2=4", "count", 3.0, 16 },
    { "cls", "A类", "Q2=4", "share", 0.1875, 16 },
    { "cls", "A类", "Q2=5", "count", 9.0, 16 },
    { "cls", "A类", "Q2=5", "share", 0.5625, 16 },
    { "cls", "A类", "Q3", "mean", 4.6, 15 },
    { "cls", "A类", "Q3", "sd", 0.6324555320336759, 15 },
    { "cls", "A类", "Q3", "ci95_low", 4.249757800499162, 15 },
    { "cls", "A类", "Q3", "ci95_high", 4.950242199500837, 15 },
    { "cls", "A类", "Q3", "median", 5.0, 15 },
    { "cls", "A类", "Q3", "top2", 0.9333333333333333, 15 },
    { "cls", "A类", "Q3", "bottom2", 0.0, 15 },
    { "cls", "A类", "Q3", "index", 89.99999999999999, 15 },
    { "cls", "A类", "Q3", "p_value", 3.871258875570126e-06, 15 },
    { "cls", "A类", "Q3", "p_top2", 1.5999956911802022e-05, 15 },
    { "cls", "A类", "Q3", "significant", 1.0, -1 },
    { "cls", "A类", "Q3", "r_overall", 0.42731203287602826, 15 },
    { "cls", "A类", "Q3=1", "count", 0.0, 15 },
    { "cls", "A类", "Q3=1", "share", 0.0, 15 },
    { "cls", "A类", "Q3=2", "count", 0.0, 15 },
    { "cls", "A类", "Q3=2", "share", 0.0, 15 },
    { "cls", "A类", "Q3=3", "count", 1.0, 15 },
    { "cls", "A类", "Q3=3", "share", 0.06666666666666667, 15 },
    { "cls", "A类", "Q3=4", "count", 4.0, 15 },
    { "cls", "A类", "Q3=4", "share", 0.26666666666666666, 15 },
    { "cls", "A类", "Q3=5", "count", 10.0, 15 },
    { "cls", "A类", "Q3=5", "share", 0.6666666666666666, 15 },
    { "cls", "A类", "Q4", "mean", 4.0625, 16 },
    { "cls", "A类", "Q4", "sd", 0.7719024117939607, 16 },
    { "cls", "A类", "Q4", "ci95_low", 3.651182238791317, 16 },
    { "cls", "A类", "Q4", "ci95_high", 4.473817761208683, 16 },
    { "cls", "A类", "Q4", "median", 4.0, 16 },
    { "cls", "A类", "Q4", "top2", 0.75, 16 },
    { "cls", "A类", "Q4", "bottom2", 0.0, 16 },
    { "cls", "A类", "Q4", "index", 76.5625, 16 },
    { "cls", "A类", "Q4", "p_value", 0.0003255839227297431, 16 },
    { "cls", "A类", "Q4", "p_top2", 0.012171501347889666, 16 },
    { "cls", "A类", "Q4", "significant", 1.0, -1 },
    { "cls", "A类", "Q4", "r_overall", -0.26298094589575316, 16 },
    { "cls", "A类", "Q4=1", "count", 0.0, 16 },
    { "cls", "A类", "Q4=1", "share", 0.0, 16 },
    { "cls", "A类", "Q4=2", "count", 0.0, 16 },
    { "cls", "A类", "Q4=2", "share", 0.0, 16 },
    { "cls", "A类", "Q4=3", "count", 4.0, 16 },
    { "cls", "A类", "Q4=3", "share", 0.25, 16 },
    { "cls", "A类", "Q4=4", "count", 7.0, 16 },
    { "cls", "A类", "Q4=4", "share", 0.4375, 16 },
    { "cls", "A类", "Q4=5", "count", 5.0, 16 },
    { "cls", "A类", "Q4=5", "share", 0.3125, 16 },
    { "cls", "A类", "overall", "mean", 4.055555555555555, 18 },
    { "cls", "A类", "overall", "sd", 1.1099667309387473, 18 },
    { "cls", "A类", "overall", "ci95_low", 3.5035820860790796, 18 },
    { "cls", "A类", "overall", "ci95_high", 4.607529025032031, 18 },
    { "cls", "A类", "overall", "median", 4.0, 18 },
    { "cls", "A类", "overall", "top2", 0.7777777777777778, 18 },
    { "cls", "A类", "overall", "bottom2", 0.16666666666666666, 18 },
    { "cls", "A类", "overall", "index", 76.38888888888889, 18 },
    { "cls", "A类", "overall", "p_value", 0.21296114121365206, 18 },
    { "cls", "A类", "overall", "p_top2", 0.2059032107320682, 18 },
    { "cls", "A类", "overall", "significant", 0.0, -1 },
    { "cls", "A类", "overall", "r_overall", 1.0, 18 },
    { "cls", "A类", "overall=1", "count", 0.0, 18 },
    { "cls", "A类", "overall=1", "share", 0.0, 18 },
    { "cls", "A类", "overall=2", "count", 3.0, 18 },
    { "cls", "A类", "overall=2", "share", 0.16666666666666666, 18 },
    { "cls", "A类", "overall=3", "count", 1.0, 18 },
    { "cls", "A类", "overall=3", "share", 0.05555555555555555, 18 },
    { "cls", "A类", "overall=4", "count", 6.0, 18 },
    { "cls", "A类", "overall=4", "share", 0.3333333333333333, 18 },
    { "cls", "A类", "overall=5", "count", 8.0, 18 },
    { "cls", "A类", "overall=5", "share", 0.4444444444444444, 18 },
    { "cls", "A类", "recommend", "mean", 6.25, 16 },
    { "cls", "A类", "recommend", "sd", 3.235222815613581, 16 },
    { "cls", "A类", "recommend", "ci95_low", 4.526071449968954, 16 },
    { "cls", "A类", "recommend", "ci95_high", 7.973928550031046, 16 },
    { "cls", "A类", "recommend", "median", 7.5, 16 },
    { "cls", "A类", "recommend", "top2", 0.3125, 16 },
    { "cls", "A类", "recommend", "bottom2", 0.1875, 16 },
    { "cls", "A类", "recommend", "index", 62.5, 16 },
    { "cls", "A类", "recommend", "p_value", 0.37009667468380214, 16 },
    { "cls", "A类", "recommend", "p_top2", 0.6543007724194821, 16 },
    { "cls", "A类", "recommend", "significant", 0.0, -1 },
    { "cls", "A类", "recommend", "r_overall", 0.327031083819566, 16 },
    { "cls", "A类", "recommend=0", "count", 1.0, 16 },
    { "cls", "A类", "recommend=0", "share", 0.0625, 16 },
    { "cls", "A类", "recommend=1", "count", 2.0, 16 },
    { "cls", "A类", "recommend=1", "share", 0.125, 16 },
    { "cls", "A类", "recommend=2", "count", 0.0, 16 },
    { "cls", "A类", "recommend=2", "share", 0.0, 16 },
    { "cls", "A类", "recommend=3", "count", 0.0, 16 },
    { "cls", "A类", "recommend=3", "share", 0.0, 16 },
    { "cls", "A类", "recommend=4", "count", 1.0, 16 },
    { "cls", "A类", "recommend=4", "share", 0.0625, 16 },
    { "cls", "A类", "recommend=5", "count", 2.0, 16 },
    { "cls", "A类", "recommend=5", "share", 0.125, 16 },
    { "cls", "A类", "recommend=6", "count", 0.0, 16 },
    { "cls", "A类", "recommend=6", "share", 0.0, 16 },
    { "cls", "A类", "recommend=7", "count", 2.0, 16 },
    { "cls", "A类", "recommend=7", "share", 0.125, 16 },
    { "cls", "A类", "recommend=8", "count", 3.0, 16 },
    { "cls", "A类", "recommend=8", "share", 0.1875, 16 },
    { "cls", "A类", "recommend=9", "count", 4.0, 16 },
    { "cls", "A类", "recommend=9", "share", 0.25, 16 },
    { "cls", "A类", "recommend=10", "count", 1.0, 16 },
    { "cls", "A类", "recommend=10", "share", 0.0625, 16 },
    { "cls", "A类", "service", "mean", 4.509259259259259, 18 },
    { "cls", "A类", "service", "sd", 0.5159933063805038, 18 },
    { "cls", "A类", "service", "ci95_low", 4.252661824750024, 18 },
    { "cls", "A类", "service", "ci95_high", 4.765856693768494, 18 },
    { "cls", "A类", "service", "median", 4.583333333333334, 18 },
    { "cls", "A类", "service", "top2", 0.8723404255319149, 47 },
    { "cls", "A类", "service", "bottom2", 0.0, 47 },
    { "cls", "A类", "service", "index", 87.73148148148147, 18 },
    { "cls", "A类", "service", "p_value", 6.075001755215689e-13, 18 },
    { "cls", "A类", "service", "p_top2", 8.761099156761951e-14, 47 },
    { "cls", "A类", "service", "significant", 1.0, -1 },
    { "cls", "A类", "service", "alpha", 0.42140468227424754, 12 },
    { "cls", "A类", "service", "target", 85.0, -1 },
    { "cls", "A类", "service", "gap", 2.7314814814814667, -1 },
    { "cls", "A类", "service", "r_overall", 0.46122732843712994, 18 },
    { "cls", "A类", "price", "mean", 4.0625, 16 },
    { "cls", "A类", "price", "sd", 0.7719024117939607, 16 },
    { "cls", "A类", "price", "ci95_low", 3.651182238791317, 16 },
    { "cls", "A类", "price", "ci95_high", 4.473817761208683, 16 },
    { "cls", "A类", "price", "median", 4.0, 16 },
    { "cls", "A类", "price", "top2", 0.75, 16 },
    { "cls", "A类", "price", "bottom2", 0.0, 16 },
    { "cls", "A类", "price", "index", 76.5625, 16 },
    { "cls", "A类", "price", "p_value", 0.0003255839227297431, 16 },
    { "cls", "A类", "price", "p_top2", 0.012171501347889666, 16 },
    { "cls", "A类", "price", "significant", 1.0, -1 },
    { "cls", "A类", "price", "target", 80.0, -1 },
    { "cls", "A类", "price", "gap", -3.4375, -1 },
    { "cls", "A类", "price", "action_rank", 1.0, -1 },
    { "cls", "A类", "price", "r_overall", -0.26298094589575316, 16 },
    { "cls", "A类", "spare", "target", 70.0, -1 },
    { "cls", "A类", "CSI", "index", 83.26388888888889, 18 },
    { "cls", "A类", "NPS", "index", -6.25, 16 },
    { "cls", "A类", "NPS", "prev_index", 20.0, 10 },
    { "cls", "A类", "NPS", "delta", -26.25, 16 },
    { "cls", "A类", "plan=1", "count", 4.0, 14 },
    { "cls", "A类", "plan=1", "share", 0.2857142857142857, 14 },
    { "cls", "A类", "plan=2", "count", 5.0, 14 },
    { "cls", "A类", "plan=2", "share", 0.35714285714285715, 14 },
    { "cls", "A类", "plan=3", "count", 5.0, 14 },
    { "cls", "A类", "plan=3", "share", 0.35714285714285715, 14 },
    { "cls", "A类", "improve=1", "count", 7.0, 14 },
    { "cls", "A类", "improve=1", "share", 0.5, 14 },
    { "cls", "A类", "improve=2", "count", 11.0, 14 },
    { "cls", "A类", "improve=2", "share", 0.7857142857142857, 14 },
    { "cls", "A类", "improve=3", "count", 10.0, 14 },
    { "cls", "A类", "improve=3", "share", 0.7142857142857143, 14 },
    { "cls", "A类", "improve=4", "count", 8.0, 14 },
    { "cls", "A类", "improve=4", "share", 0.5714285714285714, 14 },
    { "cls", "A类", "comments", "count", 9.0, 18 },
    { "cls", "A类", "comments", "share", 0.5, 18 },
    { "cls", "A类", "complaints", "count", 7.0, 18 },
    { "cls", "A类", "complaints", "share", 0.3888888888888889, 18 },
    { "cls", "A类", "服务质量不达标", "count", 5.0, 9 },
    { "cls", "A类", "服务质量不达标", "share", 0.5555555555555556, 9 },
    { "cls", "A类", "服务过程不满意", "count", 3.0, 9 },
    { "cls", "A类", "服务过程不满意", "share", 0.3333333333333333, 9 },
    { "cls", "A类", "=价格", "count", 0.0, 9 },
    { "cls", "A类", "=价格", "share", 0.0, 9 },
    { "cls", "A类", "未分类", "count", 2.0, 9 },
    { "cls", "A类", "未分类", "share", 0.2222222222222222, 9 },
    { "cls", "B类", "forms", "count", 22.0, -1 },
    { "cls", "B类", "forms", "small", 0.0, -1 },
    { "cls", "B类", "Q1", "mean", 2.4210526315789473, 19 },
    { "cls", "B类", "Q1", "sd", 0.8377078165833911, 19 },
    { "cls", "B类", "Q1", "ci95_low", 2.017290388421125, 19 },
    { "cls", "B类", "Q1", "ci95_high", 2.8248148747367696, 19 },
    { "cls", "B类", "Q1", "median", 3.0, 19 },
    { "cls", "B类", "Q1", "top2", 0.05263157894736842, 19 },
    { "cls", "B类", "Q1", "bottom2", 0.47368421052631576, 19 },
    { "cls", "B类", "Q1", "index", 35.526315789473685, 19 },
    { "cls", "B类", "Q1", "p_value", 5.166030897906416e-05, 19 },
    { "cls", "B类", "Q1", "p_top2", 6.823949257433028e-05, 19 },
    { "cls", "B类", "Q1", "significant", 1.0, -1 },
    { "cls", "B类", "Q1", "r_overall", 0.02179004822276425, 19 },
    { "cls", "B类", "Q1=1", "count", 3.0, 19 },
    { "cls", "B类", "Q1=1", "share", 0.15789473684210525, 19 },
    { "cls", "B类", "Q1=2", "count", 6.0, 19 },
    { "cls", "B类", "Q1=2", "share", 0.3157894736842105, 19 },
    { "cls", "B类", "Q1=3", "count", 9.0, 19 },
    { "cls", "B类", "Q1=3", "share", 0.47368421052631576, 19 },
    { "cls", "B类", "Q1=4", "count", 1.0, 19 },
    { "cls", "B类", "Q1=4", "share", 0.05263157894736842, 19 },
    { "cls", "B类", "Q1=5", "count", 0.0, 19 },
    { "cls", "B类", "Q1=5", "share", 0.0, 19 },
    { "cls", "B类", "Q2", "mean", 2.9, 20 },
    { "cls", "B类", "Q2", "sd", 1.1652874052533586, 20 },
    { "cls", "B类", "Q2", "ci95_low", 2.3546287067217406, 20 },
    { "cls", "B类", "Q2", "ci95_high", 3.445371293278259, 20 },
    { "cls", "B类", "Q2", "median", 3.0, 20 },
    { "cls", "B类", "Q2", "top2", 0.25, 20 },
    { "cls", "B类", "Q2", "bottom2", 0.45, 20 },
    { "cls", "B类", "Q2", "index", 47.5, 20 },
    { "cls", "B类", "Q2", "p_value", 0.010495780867513982, 20 },
    { "cls", "B类", "Q2", "p_top2", 0.008358596145993675, 20 },
    { "cls", "B类", "Q2", "significant", 1.0, -1 },
    { "cls", "B类", "Q2", "r_overall", 0.05849809123245506, 20 },
    { "cls", "B类", "Q2=1", "count", 1.0, 20 },
    { "cls", "B类", "Q2=1", "share", 0.05, 20 },
    { "cls", "B类", "Q2=2", "count", 8.0, 20 },
    { "cls", "B类", "Q2=2", "share", 0.4, 20 },
    { "cls", "B类", "Q2=3", "count", 6.0, 20 },
    { "cls", "B类", "Q2=3", "share", 0.3, 20 },
    { "cls", "B类", "Q2=4", "count", 2.0, 20 },
    { "cls", "B类", "Q2=4", "share", 0.1, 20 },
    { "cls", "B类", "Q2=5", "count", 3.0, 20 },
    { "cls", "B类", "Q2=5", "share", 0.15, 20 },
    { "cls", "B类", "Q3", "mean", 3.0, 19 },
    { "cls", "B类", "Q3", "sd", 1.247219128924647, 19 },
    { "cls", "B类", "Q3", "ci95_low", 2.398859622370695, 19 },
    { "cls", "B类", "Q3", "ci95_high", 3.601140377629305, 19 },
    { "cls", "B类", "Q3", "median", 3.0, 19 },
    { "cls", "B类", "Q3", "top2", 0.21052631578947367, 19 },
    { "cls", "B类", "Q3", "bottom2", 0.3157894736842105, 19 },
    { "cls", "B类", "Q3", "index", 50.0, 19 },
    { "cls", "B类", "Q3", "p_value", 0.010799147067951877, 19 },
    { "cls", "B类", "Q3", "p_top2", 0.00035852252875322654, 19 },
    { "cls", "B类", "Q3", "significant", 1.0, -1 },
    { "cls", "B类", "Q3", "r_overall", 0.2912411862553587, 19 },
    { "cls", "B类", "Q3=1", "count", 2.0, 19 },
    { "cls", "B类", "Q3=1", "share", 0.10526315789473684, 19 },
    { "cls", "B类", "Q3=2", "count", 4.0, 19 },
    { "cls", "B类", "Q3=2", "share", 0.21052631578947367, 19 },
    { "cls", "B类", "Q3=3", "count", 9.0, 19 },
    { "cls", "B类", "Q3=3", "share", 0.47368421052631576, 19 },
    { "cls", "B类", "Q3=4", "count", 0.0, 19 },
    { "cls", "B类", "Q3=4", "share", 0.0, 19 },
    { "cls", "B类", "Q3=5", "count", 4.0, 19 },
    { "cls", "B类", "Q3=5", "share", 0.21052631578947367, 19 },
    { "cls", "B类", "Q4", "mean", 2.8095238095238093, 21 },
    { "cls", "B类", "Q4", "sd", 1.2497618820818475, 21 },
    { "cls", "B类", "Q4", "ci95_low", 2.2406390212859475, 21 },
    { "cls", "B类", "Q4", "ci95_high", 3.378408597761671, 21 },
    { "cls", "B类", "Q4", "median", 3.0, 21 },
    { "cls", "B类", "Q4", "top2", 0.3333333333333333, 21 },
    { "cls", "B类", "Q4", "bottom2", 0.47619047619047616, 21 },
    { "cls", "B类", "Q4", "index", 45.238095238095234, 21 },
    { "cls", "B类", "Q4", "p_value", 0.012599847834167453, 21 },
    { "cls", "B类", "Q4", "p_top2", 0.03462104541274936, 21 },
    { "cls", "B类", "Q4", "significant", 1.0, -1 },
    { "cls", "B类", "Q4", "r_overall", 0.07776619424668373, 21 },
    { "cls", "B类", "Q4=1", "count", 3.0, 21 },
    { "cls", "B类", "Q4=1", "share", 0.14285714285714285, 21 },
    { "cls", "B类", "Q4=2", "count", 7.0, 21 },
    { "cls", "B类", "Q4=2", "share", 0.3333333333333333, 21 },
    { "cls", "B类", "Q4=3", "count", 4.0, 21 },
    { "cls", "B类", "Q4=3", "share", 0.19047619047619047, 21 },
    { "cls", "B类", "Q4=4", "count", 5.0, 21 },
    { "cls", "B类", "Q4=4", "share", 0.23809523809523808, 21 },
    { "cls", "B类", "Q4=5", "count", 2.0, 21 },
    { "cls", "B类", "Q4=5", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "overall", "mean", 3.590909090909091, 22 },
    { "cls", "B类", "overall", "sd", 1.0980107948593703, 22 },
    { "cls", "B类", "overall", "ci95_low", 3.1040783774765672, 22 },
    { "cls", "B类", "overall", "ci95_high", 4.077739804341614, 22 },
    { "cls", "B类", "overall", "median", 4.0, 22 },
    { "cls", "B类", "overall", "top2", 0.5909090909090909, 22 },
    { "cls", "B类", "overall", "bottom2", 0.22727272727272727, 22 },
    { "cls", "B类", "overall", "index", 64.77272727272727, 22 },
    { "cls", "B类", "overall", "p_value", 0.2598638882418065, 22 },
    { "cls", "B类", "overall", "p_top2", 0.30574879342464634, 22 },
    { "cls", "B类", "overall", "significant", 0.0, -1 },
    { "cls", "B类", "overall", "r_overall", 1.0, 22 },
    { "cls", "B类", "overall=1", "count", 0.0, 22 },
    { "cls", "B类", "overall=1", "share", 0.0, 22 },
    { "cls", "B类", "overall=2", "count", 5.0, 22 },
    { "cls", "B类", "overall=2", "share", 0.22727272727272727, 22 },
    { "cls", "B类", "overall=3", "count", 4.0, 22 },
    { "cls", "B类", "overall=3", "share", 0.18181818181818182, 22 },
    { "cls", "B类", "overall=4", "count", 8.0, 22 },
    { "cls", "B类", "overall=4", "share", 0.36363636363636365, 22 },
    { "cls", "B类", "overall=5", "count", 5.0, 22 },
    { "cls", "B类", "overall=5", "share", 0.22727272727272727, 22 },
    { "cls", "B类", "recommend", "mean", 5.142857142857143, 21 },
    { "cls", "B类", "recommend", "sd", 3.229329872987804, 21 },
    { "cls", "B类", "recommend", "ci95_low", 3.672883808509157, 21 },
    { "cls", "B类", "recommend", "ci95_high", 6.612830477205129, 21 },
    { "cls", "B类", "recommend", "median", 5.0, 21 },
    { "cls", "B类", "recommend", "top2", 0.23809523809523808, 21 },
    { "cls", "B类", "recommend", "bottom2", 0.14285714285714285, 21 },
    { "cls", "B类", "recommend", "index", 51.42857142857144, 21 },
    { "cls", "B类", "recommend", "p_value", 0.3222789743083335, 21 },
    { "cls", "B类", "recommend", "p_top2", 0.6221006330120368, 21 },
    { "cls", "B类", "recommend", "significant", 0.0, -1 },
    { "cls", "B类", "recommend", "r_overall", -0.06732827272914216, 21 },
    { "cls", "B类", "recommend=0", "count", 1.0, 21 },
    { "cls", "B类", "recommend=0", "share", 0.047619047619047616, 21 },
    { "cls", "B类", "recommend=1", "count", 2.0, 21 },
    { "cls", "B类", "recommend=1", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=2", "count", 3.0, 21 },
    { "cls", "B类", "recommend=2", "share", 0.14285714285714285, 21 },
    { "cls", "B类", "recommend=3", "count", 2.0, 21 },
    { "cls", "B类", "recommend=3", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=4", "count", 2.0, 21 },
    { "cls", "B类", "recommend=4", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=5", "count", 2.0, 21 },
    { "cls", "B类", "recommend=5", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=6", "count", 0.0, 21 },
    { "cls", "B类", "recommend=6", "share", 0.0, 21 },
    { "cls", "B类", "recommend=7", "count", 2.0, 21 },
    { "cls", "B类", "recommend=7", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=8", "count", 2.0, 21 },
    { "cls", "B类", "recommend=8", "share", 0.09523809523809523, 21 },
    { "cls", "B类", "recommend=9", "count", 4.0, 21 },
    { "cls", "B类", "recommend=9", "share", 0.19047619047619047, 21 },
    { "cls", "B类", "recommend=10", "count", 1.0, 21 },
    { "cls", "B类", "recommend=10", "share", 0.047619047619047616, 21 },
    { "cls", "B类", "service", "mean", 2.8030303030303028, 22 },
    { "cls", "B类", "service", "sd", 0.7157272610886861, 22 },
    { "cls", "B类", "service", "ci95_low", 2.485694613098823, 22 },
    { "cls", "B类", "service", "ci95_high", 3.1203659929617826, 22 },
    { "cls", "B类", "service", "median", 2.833333333333333, 22 },
    { "cls", "B类", "service", "top2", 0.1724137931034483, 58 },
    { "cls", "B类", "service", "bottom2", 0.41379310344827586, 58 },
    { "cls", "B类", "service", "index", 45.07575757575757, 22 },
    { "cls", "B类", "service", "p_value", 0.0002060239797927068, 22 },
    { "cls", "B类", "service", "p_top2", 7.081455659795769e-09, 58 },
    { "cls", "B类", "service", "significant", 1.0, -1 },
    { "cls", "B类", "service", "alpha", 0.23123123123123102, 16 },
    { "cls", "B类", "service", "target", 85.0, -1 },
    { "cls", "B类", "service", "gap", -39.92424242424243, -1 },
    { "cls", "B类", "service", "action_rank", 1.0, -1 },
    { "cls", "B类", "service", "r_overall", 0.15515626100217456, 22 },
    { "cls", "B类", "price", "mean", 2.8095238095238093, 21 },
    { "cls", "B类", "price", "sd", 1.2497618820818475, 21 },
    { "cls", "B类", "price", "ci95_low", 2.2406390212859475, 21 },
    { "cls", "B类", "price", "ci95_high", 3.378408597761671, 21 },
    { "cls", "B类", "price", "median", 3.0, 21 },
    { "cls", "B类", "price", "top2", 0.3333333333333333, 21 },
    { "cls", "B类", "price", "bottom2", 0.47619047619047616, 21 },
    { "cls", "B类", "price", "index", 45.238095238095234, 21 },
    { "cls", "B类", "price", "p_value", 0.012599847834167453, 21 },
    { "cls", "B类", "price", "p_top2", 0.03462104541274936, 21 },
    { "cls", "B类", "price", "significant", 1.0, -1 },
    { "cls", "B类", "price", "target", 80.0, -1 },
    { "cls", "B类", "price", "gap", -34.761904761904766, -1 },
    { "cls", "B类", "price", "action_rank", 2.0, -1 },
    { "cls", "B类", "price", "r_overall", 0.07776619424668373, 21 },
    { "cls", "B类", "spare", "target", 70.0, -1 },
    { "cls", "B类", "CSI", "index", 45.140692640692635, 22 },
    { "cls", "B类", "NPS", "index", -33.333333333333336, 21 },
    { "cls", "B类", "plan=1", "count", 8.0, 21 },
    { "cls", "B类", "plan=1", "share", 0.38095238095238093, 21 },
    { "cls", "B类", "plan=2", "count", 7.0, 21 },
    { "cls", "B类", "plan=2", "share", 0.3333333333333333, 21 },
    { "cls", "B类", "plan=3", "count", 6.0, 21 },
    { "cls", "B类", "plan=3", "share", 0.2857142857142857, 21 },
    { "cls", "B类", "improve=1", "count", 7.0, 15 },
    { "cls", "B类", "improve=1", "share", 0.4666666666666667, 15 },
    { "cls", "B类", "improve=2", "count", 3.0, 15 },
    { "cls", "B类", "improve=2", "share", 0.2, 15 },
    { "cls", "B类", "improve=3", "count", 9.0, 15 },
    { "cls", "B类", "improve=3", "share", 0.6, 15 },
    { "cls", "B类", "improve=4", "count", 10.0, 15 },
    { "cls", "B类", "improve=4", "share", 0.6666666666666666, 15 },
    { "cls", "B类", "comments", "count", 14.0, 22 },
    { "cls", "B类", "comments", "share", 0.6363636363636364, 22 },
    { "cls", "B类", "complaints", "count", 11.0, 22 },
    { "cls", "B类", "complaints", "share", 0.5, 22 },
    { "cls", "B类", "服务质量不达标", "count", 8.0, 14 },
    { "cls", "B类", "服务质量不达标", "share", 0.5714285714285714, 14 },
    { "cls", "B类", "服务过程不满意", "count", 5.0, 14 },
    { "cls", "B类", "服务过程不满意", "share", 0.35714285714285715, 14 },
    { "cls", "B类", "=价格", "count", 1.0, 14 },
    { "cls", "B类", "=价格", "share", 0.07142857142857142, 14 },
    { "cls", "B类", "未分类", "count", 3.0, 14 },
    { "cls", "B类", "未分类", "share", 0.21428571428571427, 14 },
    { "category", "服务质量不达标", "forms", "count", 14.0, -1 },
    { "category", "服务质量不达标", "forms", "small", 1.0, -1 },
    { "category", "服务质量不达标", "Q1", "mean", 3.272727272727273, 11 },
    { "category", "服务质量不达标", "Q1", "sd", 1.1908743922772957, 11 },
    { "category", "服务质量不达标", "Q1", "ci95_low", 2.4726869700120986, 11 },
    { "category", "服务质量不达标", "Q1", "ci95_high", 4.072767575442447, 11 },
    { "category", "服务质量不达标", "Q1", "median", 3.0, 11 },
    { "category", "服务质量不达标", "Q1", "top2", 0.45454545454545453, 11 },
    { "category", "服务质量不达标", "Q1", "bottom2", 0.36363636363636365, 11 },
    { "category", "服务质量不达标", "Q1", "index", 56.81818181818182, 11 },
    { "category", "服务质量不达标", "Q1", "p_value", 0.8561311397550799, 11 },
    { "category", "服务质量不达标", "Q1", "p_top2", 0.5585261225661595, 11 },
    { "category", "服务质量不达标", "Q1", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "Q1", "r_overall", 0.14193843787544003,
      11 },
    { "category", "服务质量不达标", "Q1=1", "count", 0.0, 11 },
    { "category", "服务质量不达标", "Q1=1", "share", 0.0, 11 },
    { "category", "服务质量不达标", "Q1=2", "count", 4.0, 11 },
    { "category", "服务质量不达标", "Q1=2", "share", 0.36363636363636365, 11 },
    { "category", "服务质量不达标", "Q1=3", "count", 2.0, 11 },
    { "category", "服务质量不达标", "Q1=3", "share", 0.18181818181818182, 11 },
    { "category", "服务质量不达标", "Q1=4", "count", 3.0, 11 },
    { "category", "服务质量不达标", "Q1=4", "share", 0.2727272727272727, 11 },
    { "category", "服务质量不达标", "Q1=5", "count", 2.0, 11 },
    { "category", "服务质量不达标", "Q1=5", "share", 0.18181818181818182, 11 },
    { "category", "服务质量不达标", "Q2", "mean", 3.6153846153846154, 13 },
    { "category", "服务质量不达标", "Q2", "sd", 1.5021352323976216, 13 },
    { "category", "服务质量不达标", "Q2", "ci95_low", 2.707653379244609, 13 },
    { "category", "服务质量不达标", "Q2", "ci95_high", 4.523115851524622, 13 },
    { "category", "服务质量不达标", "Q2", "median", 4.0, 13 },
    { "category", "服务质量不达标", "Q2", "top2", 0.5384615384615384, 13 },
    { "category", "服务质量不达标", "Q2", "bottom2", 0.3076923076923077, 13 },
    { "category", "服务质量不达标", "Q2", "index", 65.38461538461539, 13 },
    { "category", "服务质量不达标", "Q2", "p_value", 0.6078679596171106, 13 },
    { "category", "服务质量不达标", "Q2", "p_top2", 0.5255875160596555, 13 },
    { "category", "服务质量不达标", "Q2", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "Q2", "r_overall", 0.3242411549372225, 13 },
    { "category", "服务质量不达标", "Q2=1", "count", 1.0, 13 },
    { "category", "服务质量不达标", "Q2=1", "share", 0.07692307692307693, 13 },
    { "category", "服务质量不达标", "Q2=2", "count", 3.0, 13 },
    { "category", "服务质量不达标", "Q2=2", "share", 0.23076923076923078, 13 },
    { "category", "服务质量不达标", "Q2=3", "count", 2.0, 13 },
    { "category", "服务质量不达标", "Q2=3", "share", 0.15384615384615385, 13 },
    { "category", "服务质量不达标", "Q2=4", "count", 1.0, 13 },
    { "category", "服务质量不达标", "Q2=4", "share", 0.07692307692307693, 13 },
    { "category", "服务质量不达标", "Q2=5", "count", 6.0, 13 },
    { "category", "服务质量不达标", "Q2=5", "share", 0.46153846153846156, 13 },
    { "category", "服务质量不达标", "Q3", "mean", 3.090909090909091, 11 },
    { "category", "服务质量不达标", "Q3", "sd", 1.5135749373285392, 11 },
    { "category", "服务质量不达标", "Q3", "ci95_low", 2.0740756121684867, 11 },
    { "category", "服务质量不达标", "Q3", "ci95_high", 4.1077425696496945, 11 },
    { "category", "服务质量不达标", "Q3", "median", 3.0, 11 },
    { "category", "服务质量不达标", "Q3", "top2", 0.36363636363636365, 11 },
    { "category", "服务质量不达标", "Q3", "bottom2", 0.36363636363636365, 11 },
    { "category", "服务质量不达标", "Q3", "index", 52.27272727272727, 11 },
    { "category", "服务质量不达标", "Q3", "p_value", 0.2286244286836659, 11 },
    { "category", "服务质量不达标", "Q3", "p_top2", 0.28323219985801673, 11 },
    { "category", "服务质量不达标", "Q3", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "Q3", "r_overall", 0.43704152091682436,
      11 },
    { "category", "服务质量不达标", "Q3=1", "count", 2.0, 11 },
    { "category", "服务质量不达标", "Q3=1", "share", 0.18181818181818182, 11 },
    { "category", "服务质量不达标", "Q3=2", "count", 2.0, 11 },
    { "category", "服务质量不达标", "Q3=2", "share", 0.18181818181818182, 11 },
    { "category", "服务质量不达标", "Q3=3", "count", 3.0, 11 },
    { "category", "服务质量不达标", "Q3=3", "share", 0.2727272727272727, 11 },
    { "category", "服务质量不达标", "Q3=4", "count", 1.0, 11 },
    { "category", "服务质量不达标", "Q3=4", "share", 0.09090909090909091, 11 },
    { "category", "服务质量不达标", "Q3=5", "count", 3.0, 11 },
    { "category", "服务质量不达标", "Q3=5", "share", 0.2727272727272727, 11 },
    { "category", "服务质量不达标", "Q4", "mean", 3.3076923076923075, 13 },
    { "category", "服务质量不达标", "Q4", "sd", 1.2506408613597126, 13 },
    { "category", "服务质量不达标", "Q4", "ci95_low", 2.5519375989519766, 13 },
    { "category", "服务质量不达标", "Q4", "ci95_high", 4.063447016432638, 13 },
    { "category", "服务质量不达标", "Q4", "median", 3.0, 13 },
    { "category", "服务质量不达标", "Q4", "top2", 0.38461538461538464, 13 },
    { "category", "服务质量不达标", "Q4", "bottom2", 0.23076923076923078, 13 },
    { "category", "服务质量不达标", "Q4", "index", 57.692307692307686, 13 },
    { "category", "服务质量不达标", "Q4", "p_value", 0.9669885964448295, 13 },
    { "category", "服务质量不达标", "Q4", "p_top2", 0.32155029574896465, 13 },
    { "category", "服务质量不达标", "Q4", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "Q4", "r_overall", 0.2573903431449907, 13 },
    { "category", "服务质量不达标", "Q4=1", "count", 1.0, 13 },
    { "category", "服务质量不达标", "Q4=1", "share", 0.07692307692307693, 13 },
    { "category", "服务质量不达标", "Q4=2", "count", 2.0, 13 },
    { "category", "服务质量不达标", "Q4=2", "share", 0.15384615384615385, 13 },
    { "category", "服务质量不达标", "Q4=3", "count", 5.0, 13 },
    { "category", "服务质量不达标", "Q4=3", "share", 0.38461538461538464, 13 },
    { "category", "服务质量不达标", "Q4=4", "count", 2.0, 13 },
    { "category", "服务质量不达标", "Q4=4", "share", 0.15384615384615385, 13 },
    { "category", "服务质量不达标", "Q4=5", "count", 3.0, 13 },
    { "category", "服务质量不达标", "Q4=5", "share", 0.23076923076923078, 13 },
    { "category", "服务质量不达标", "overall", "mean", 4.0, 14 },
    { "category", "服务质量不达标", "overall", "sd", 1.1094003924504583, 14 },
    { "category", "服务质量不达标", "overall", "ci95_low", 3.3594512838643578,
      14 },
    { "category", "服务质量不达标", "overall", "ci95_high", 4.640548716135642,
      14 },
    { "category", "服务质量不达标", "overall", "median", 4.0, 14 },
    { "category", "服务质量不达标", "overall", "top2", 0.7142857142857143, 14 },
    { "category", "服务质量不达标", "overall", "bottom2", 0.14285714285714285,
      14 },
    { "category", "服务质量不达标", "overall", "index", 75.0, 14 },
    { "category", "服务质量不达标", "overall", "p_value", 0.4157228292770553,
      14 },
    { "category", "服务质量不达标", "overall", "p_top2", 0.6533676621999003,
      14 },
    { "category", "服务质量不达标", "overall", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "overall", "r_overall", 1.0, 14 },
    { "category", "服务质量不达标", "overall=1", "count", 0.0, 14 },
    { "category", "服务质量不达标", "overall=1", "share", 0.0, 14 },
    { "category", "服务质量不达标", "overall=2", "count", 2.0, 14 },
    { "category", "服务质量不达标", "overall=2", "share", 0.14285714285714285,
      14 },
    { "category", "服务质量不达标", "overall=3", "count", 2.0, 14 },
    { "category", "服务质量不达标", "overall=3", "share", 0.14285714285714285,
      14 },
    { "category", "服务质量不达标", "overall=4", "count", 4.0, 14 },
    { "category", "服务质量不达标", "overall=4", "share", 0.2857142857142857,
      14 },
    { "category", "服务质量不达标", "overall=5", "count", 6.0, 14 },
    { "category", "服务质量不达标", "overall=5", "share", 0.42857142857142855,
      14 },
    { "category", "服务质量不达标", "recommend", "mean", 5.642857142857143,
      14 },
    { "category", "服务质量不达标", "recommend", "sd", 2.977018199917052, 14 },
    { "category", "服务质量不达标", "recommend", "ci95_low", 3.9239780088257703,
      14 },
    { "category", "服务质量不达标", "recommend", "ci95_high", 7.361736276888516,
      14 },
    { "category", "服务质量不达标", "recommend", "median", 5.0, 14 },
    { "category", "服务质量不达标", "recommend", "top2", 0.2857142857142857,
      14 },
    { "category", "服务质量不达标", "recommend", "bottom2", 0.07142857142857142,
      14 },
    { "category", "服务质量不达标", "recommend", "index", 56.42857142857143,
      14 },
    { "category", "服务质量不达标", "recommend", "p_value", 0.9814355099410941,
      14 },
    { "category", "服务质量不达标", "recommend", "p_top2", 0.8948755395711189,
      14 },
    { "category", "服务质量不达标", "recommend", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "recommend", "r_overall",
      0.06987279204079325, 14 },
    { "category", "服务质量不达标", "recommend=0", "count", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=0", "share", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=1", "count", 1.0, 14 },
    { "category", "服务质量不达标", "recommend=1", "share", 0.07142857142857142,
      14 },
    { "category", "服务质量不达标", "recommend=2", "count", 2.0, 14 },
    { "category", "服务质量不达标", "recommend=2", "share", 0.14285714285714285,
      14 },
    { "category", "服务质量不达标", "recommend=3", "count", 1.0, 14 },
    { "category", "服务质量不达标", "recommend=3", "share", 0.07142857142857142,
      14 },
    { "category", "服务质量不达标", "recommend=4", "count", 1.0, 14 },
    { "category", "服务质量不达标", "recommend=4", "share", 0.07142857142857142,
      14 },
    { "category", "服务质量不达标", "recommend=5", "count", 3.0, 14 },
    { "category", "服务质量不达标", "recommend=5", "share", 0.21428571428571427,
      14 },
    { "category", "服务质量不达标", "recommend=6", "count", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=6", "share", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=7", "count", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=7", "share", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=8", "count", 2.0, 14 },
    { "category", "服务质量不达标", "recommend=8", "share", 0.14285714285714285,
      14 },
    { "category", "服务质量不达标", "recommend=9", "count", 4.0, 14 },
    { "category", "服务质量不达标", "recommend=9", "share", 0.2857142857142857,
      14 },
    { "category", "服务质量不达标", "recommend=10", "count", 0.0, 14 },
    { "category", "服务质量不达标", "recommend=10", "share", 0.0, 14 },
    { "category", "服务质量不达标", "service", "mean", 3.3214285714285707, 14 },
    { "category", "服务质量不达标", "service", "sd", 1.2394241248144886, 14 },
    { "category", "服务质量不达标", "service", "ci95_low", 2.605806387318954,
      14 },
    { "category", "服务质量不达标", "service", "ci95_high", 4.037050755538187,
      14 },
    { "category", "服务质量不达标", "service", "median", 3.1666666666666665,
      14 },
    { "category", "服务质量不达标", "service", "top2", 0.45714285714285713,
      35 },
    { "category", "服务质量不达标", "service", "bottom2", 0.34285714285714286,
      35 },
    { "category", "服务质量不达标", "service", "index", 58.03571428571427, 14 },
    { "category", "服务质量不达标", "service", "prev_index", 30.0, 6 },
    { "category", "服务质量不达标", "service", "delta", 28.03571428571427, 14 },
    { "category", "服务质量不达标", "service", "p_value", 0.802648394109644,
      14 },
    { "category", "服务质量不达标", "service", "p_top2", 0.8882563827861624,
      35 },
    { "category", "服务质量不达标", "service", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "service", "alpha", 0.8196721311475409, 8 },
    { "category", "服务质量不达标", "service", "target", 85.0, -1 },
    { "category", "服务质量不达标", "service", "gap", -26.96428571428573, -1 },
    { "category", "服务质量不达标", "service", "action_rank", 1.0, -1 },
    { "category", "服务质量不达标", "service", "r_overall", 0.3449839265642388,
      14 },
    { "category", "服务质量不达标", "price", "mean", 3.3076923076923075, 13 },
    { "category", "服务质量不达标", "price", "sd", 1.2506408613597126, 13 },
    { "category", "服务质量不达标", "price", "ci95_low", 2.5519375989519766,
      13 },
    { "category", "服务质量不达标", "price", "ci95_high", 4.063447016432638,
      13 },
    { "category", "服务质量不达标", "price", "median", 3.0, 13 },
    { "category", "服务质量不达标", "price", "top2", 0.38461538461538464, 13 },
    { "category", "服务质量不达标", "price", "bottom2", 0.23076923076923078,
      13 },
    { "category", "服务质量不达标", "price", "index", 57.692307692307686, 13 },
    { "category", "服务质量不达标", "price", "p_value", 0.9669885964448295,
      13 },
    { "category", "服务质量不达标", "price", "p_top2", 0.32155029574896465,
      13 },
    { "category", "服务质量不达标", "price", "significant", 0.0, -1 },
    { "category", "服务质量不达标", "price", "target", 80.0, -1 },
    { "category", "服务质量不达标", "price", "gap", -22.307692307692314, -1 },
    { "category", "服务质量不达标", "price", "action_rank", 2.0, -1 },
    { "category", "服务质量不达标", "price", "r_overall", 0.2573903431449907,
      13 },
    { "category", "服务质量不达标", "spare", "target", 70.0, -1 },
    { "category", "服务质量不达标", "CSI", "index", 57.898351648351635, 14 },
    { "category", "服务质量不达标", "NPS", "index", -28.571428571428573, 14 },
    { "category", "服务质量不达标", "plan=1", "count", 4.0, 13 },
    { "category", "服务质量不达标", "plan=1", "share", 0.3076923076923077, 13 },
    { "category", "服务质量不达标", "plan=2", "count", 3.0, 13 },
    { "category", "服务质量不达标", "plan=2", "share", 0.23076923076923078,
      13 },
    { "category", "服务质量不达标", "plan=3", "count", 6.0, 13 },
    { "category", "服务质量不达标", "plan=3", "share", 0.46153846153846156,
      13 },
    { "category", "服务质量不达标", "improve=1", "count", 2.0, 8 },
    { "category", "服务质量不达标", "improve=1", "share", 0.25, 8 },
    { "category", "服务质量不达标", "improve=2", "count", 5.0, 8 },
    { "category", "服务质量不达标", "improve=2", "share", 0.625, 8 },
    { "category", "服务质量不达标", "improve=3", "count", 7.0, 8 },
    { "category", "服务质量不达标", "improve=3", "share", 0.875, 8 },
    { "category", "服务质量不达标", "improve=4", "count", 3.0, 8 },
    { "category", "服务质量不达标", "improve=4", "share", 0.375, 8 },
    { "category", "服务过程不满意", "forms", "count", 9.0, -1 },
    { "category", "服务过程不满意", "forms", "small", 1.0, -1 },
    { "category", "服务过程不满意", "Q1", "mean", 3.125, 8 },
    { "category", "服务过程不满意", "Q1", "sd", 1.5526475085202969, 8 },
    { "category", "服务过程不满意", "Q1", "ci95_low", 1.826954198960786, 8 },
    { "category", "服务过程不满意", "Q1", "ci95_high", 4.423045801039214, 8 },
    { "category", "服务过程不满意", "Q1", "median", 3.0, 8 },
    { "category", "服务过程不满意", "Q1", "top2", 0.375, 8 },
    { "category", "服务过程不满意", "Q1", "bottom2", 0.25, 8 },
    { "category", "服务过程不满意", "Q1", "index", 53.125, 8 },
    { "category", "服务过程不满意", "Q1", "p_value", 0.8553420544638468, 8 },
    { "category", "服务过程不满意", "Q1", "p_top2", 0.9692633786201292, 8 },
    { "category", "服务过程不满意", "Q1", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "Q1", "r_overall", 0.37969927569197925, 8 },
    { "category", "服务过程不满意", "Q1=1", "count", 2.0, 8 },
    { "category", "服务过程不满意", "Q1=1", "share", 0.25, 8 },
    { "category", "服务过程不满意", "Q1=2", "count", 0.0, 8 },
    { "category", "服务过程不满意", "Q1=2", "share", 0.0, 8 },
    { "category", "服务过程不满意", "Q1=3", "count", 3.0, 8 },
    { "category", "服务过程不满意", "Q1=3", "share", 0.375, 8 },
    { "category", "服务过程不满意", "Q1=4", "count", 1.0, 8 },
    { "category", "服务过程不满意", "Q1=4", "share", 0.125, 8 },
    { "category", "服务过程不满意", "Q1=5", "count", 2.0, 8 },
    { "category", "服务过程不满意", "Q1=5", "share", 0.25, 8 },
    { "category", "服务过程不满意", "Q2", "mean", 3.5, 8 },
    { "category", "服务过程不满意", "Q2", "sd", 1.5118578920369088, 8 },
    { "category", "服务过程不满意", "Q2", "ci95_low", 2.236055171726151, 8 },
    { "category", "服务过程不满意", "Q2", "ci95_high", 4.763944828273849, 8 },
    { "category", "服务过程不满意", "Q2", "median", 3.5, 8 },
    { "category", "服务过程不满意", "Q2", "top2", 0.5, 8 },
    { "category", "服务过程不满意", "Q2", "bottom2", 0.25, 8 },
    { "category", "服务过程不满意", "Q2", "index", 62.5, 8 },
    { "category", "服务过程不满意", "Q2", "p_value", 0.9043288259353031, 8 },
    { "category", "服务过程不满意", "Q2", "p_top2", 0.8264482535128559, 8 },
    { "category", "服务过程不满意", "Q2", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "Q2", "r_overall", 0.8111071056538127, 8 },
    { "category", "服务过程不满意", "Q2=1", "count", 1.0, 8 },
    { "category", "服务过程不满意", "Q2=1", "share", 0.125, 8 },
    { "category", "服务过程不满意", "Q2=2", "count", 1.0, 8 },
    { "category", "服务过程不满意", "Q2=2", "share", 0.125, 8 },
    { "category", "服务过程不满意", "Q2=3", "count", 2.0, 8 },
    { "category", "服务过程不满意", "Q2=3", "share", 0.25, 8 },
    { "category", "服务过程不满意", "Q2=4", "count", 1.0, 8 },
    { "category", "服务过程不满意", "Q2=4", "share", 0.125, 8 },
    { "category", "服务过程不满意", "Q2=5", "count", 3.0, 8 },
    { "category", "服务过程不满意", "Q2=5", "share", 0.375, 8 },
    { "category", "服务过程不满意", "Q3", "mean", 3.25, 8 },
    { "category", "服务过程不满意", "Q3", "sd", 1.164964745021435, 8 },
    { "category", "服务过程不满意", "Q3", "ci95_low", 2.276065100201058, 8 },
    { "category", "服务过程不满意", "Q3", "ci95_high", 4.223934899798942, 8 },
    { "category", "服务过程不满意", "Q3", "median", 3.0, 8 },
    { "category", "服务过程不满意", "Q3", "top2", 0.25, 8 },
    { "category", "服务过程不满意", "Q3", "bottom2", 0.25, 8 },
    { "category", "服务过程不满意", "Q3", "index", 56.25, 8 },
    { "category", "服务过程不满意", "Q3", "p_value", 0.4453418918321961, 8 },
    { "category", "服务过程不满意", "Q3", "p_top2", 0.11146452624631818, 8 },
    { "category", "服务过程不满意", "Q3", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "Q3", "r_overall", 0.8238145180262383, 8 },
    { "category", "服务过程不满意", "Q3=1", "count", 0.0, 8 },
    { "category", "服务过程不满意", "Q3=1", "share", 0.0, 8 },
    { "category", "服务过程不满意", "Q3=2", "count", 2.0, 8 },
    { "category", "服务过程不满意", "Q3=2", "share", 0.25, 8 },
    { "category", "服务过程不满意", "Q3=3", "count", 4.0, 8 },
    { "category", "服务过程不满意", "Q3=3", "share", 0.5, 8 },
    { "category", "服务过程不满意", "Q3=4", "count", 0.0, 8 },
    { "category", "服务过程不满意", "Q3=4", "share", 0.0, 8 },
    { "category", "服务过程不满意", "Q3=5", "count", 2.0, 8 },
    { "category", "服务过程不满意", "Q3=5", "share", 0.25, 8 },
    { "category", "服务过程不满意", "Q4", "mean", 3.111111111111111, 9 },
    { "category", "服务过程不满意", "Q4", "sd", 1.3642254619787415, 9 },
    { "category", "服务过程不满意", "Q4", "ci95_low", 2.0624745922198473, 9 },
    { "category", "服务过程不满意", "Q4", "ci95_high", 4.159747630002375, 9 },
    { "category", "服务过程不满意", "Q4", "median", 3.0, 9 },
    { "category", "服务过程不满意", "Q4", "top2", 0.3333333333333333, 9 },
    { "category", "服务过程不满意", "Q4", "bottom2", 0.3333333333333333, 9 },
    { "category", "服务过程不满意", "Q4", "index", 52.77777777777778, 9 },
    { "category", "服务过程不满意", "Q4", "p_value", 0.6518339956429625, 9 },
    { "category", "服务过程不满意", "Q4", "p_top2", 0.2621926024067732, 9 },
    { "category", "服务过程不满意", "Q4", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "Q4", "r_overall", 0.2553365300049181, 9 },
    { "category", "服务过程不满意", "Q4=1", "count", 1.0, 9 },
    { "category", "服务过程不满意", "Q4=1", "share", 0.1111111111111111, 9 },
    { "category", "服务过程不满意", "Q4=2", "count", 2.0, 9 },
    { "category", "服务过程不满意", "Q4=2", "share", 0.2222222222222222, 9 },
    { "category", "服务过程不满意", "Q4=3", "count", 3.0, 9 },
    { "category", "服务过程不满意", "Q4=3", "share", 0.3333333333333333, 9 },
    { "category", "服务过程不满意", "Q4=4", "count", 1.0, 9 },
    { "category", "服务过程不满意", "Q4=4", "share", 0.1111111111111111, 9 },
    { "category", "服务过程不满意", "Q4=5", "count", 2.0, 9 },
    { "category", "服务过程不满意", "Q4=5", "share", 0.2222222222222222, 9 },
    { "category", "服务过程不满意", "overall", "mean", 3.5555555555555554, 9 },
    { "category", "服务过程不满意", "overall", "sd", 1.2360330811826103, 9 },
    { "category", "服务过程不满意", "overall", "ci95_low", 2.6054564234034734,
      9 },
    { "category", "服务过程不满意", "overall", "ci95_high", 4.505654687707637,
      9 },
    { "category", "服务过程不满意", "overall", "median", 3.0, 9 },
    { "category", "服务过程不满意", "overall", "top2", 0.4444444444444444, 9 },
    { "category", "服务过程不满意", "overall", "bottom2", 0.2222222222222222,
      9 },
    { "category", "服务过程不满意", "overall", "index", 63.888888888888886, 9 },
    { "category", "服务过程不满意", "overall", "p_value", 0.5304635076345713,
      9 },
    { "category", "服务过程不满意", "overall", "p_top2", 0.11666446478102335,
      9 },
    { "category", "服务过程不满意", "overall", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "overall", "r_overall", 1.0, 9 },
    { "category", "服务过程不满意", "overall=1", "count", 0.0, 9 },
    { "category", "服务过程不满意", "overall=1", "share", 0.0, 9 },
    { "category", "服务过程不满意", "overall=2", "count", 2.0, 9 },
    { "category", "服务过程不满意", "overall=2", "share", 0.2222222222222222,
      9 },
    { "category", "服务过程不满意", "overall=3", "count", 3.0, 9 },
    { "category", "服务过程不满意", "overall=3", "share", 0.3333333333333333,
      9 },
    { "category", "服务过程不满意", "overall=4", "count", 1.0, 9 },
    { "category", "服务过程不满意", "overall=4", "share", 0.1111111111111111,
      9 },
    { "category", "服务过程不满意", "overall=5", "count", 3.0, 9 },
    { "category", "服务过程不满意", "overall=5", "share", 0.3333333333333333,
      9 },
    { "category", "服务过程不满意", "recommend", "mean", 5.0, 7 },
    { "category", "服务过程不满意", "recommend", "sd", 3.605551275463989, 7 },
    { "category", "服务过程不满意", "recommend", "ci95_low", 1.6654212325444395,
      7 },
    { "category", "服务过程不满意", "recommend", "ci95_high", 8.334578767455561,
      7 },
    { "category", "服务过程不满意", "recommend", "median", 5.0, 7 },
    { "category", "服务过程不满意", "recommend", "top2", 0.2857142857142857,
      7 },
    { "category", "服务过程不满意", "recommend", "bottom2", 0.2857142857142857,
      7 },
    { "category", "服务过程不满意", "recommend", "index", 50.0, 7 },
    { "category", "服务过程不满意", "recommend", "p_value", 0.6068715617623106,
      7 },
    { "category", "服务过程不满意", "recommend", "p_top2", 0.9329500004716734,
      7 },
    { "category", "服务过程不满意", "recommend", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "recommend", "r_overall",
      0.1089854488190907, 7 },
    { "category", "服务过程不满意", "recommend=0", "count", 1.0, 7 },
    { "category", "服务过程不满意", "recommend=0", "share", 0.14285714285714285,
      7 },
    { "category", "服务过程不满意", "recommend=1", "count", 1.0, 7 },
    { "category", "服务过程不满意", "recommend=1", "share", 0.14285714285714285,
      7 },
    { "category", "服务过程不满意", "recommend=2", "count", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=2", "share", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=3", "count", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=3", "share", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=4", "count", 1.0, 7 },
    { "category", "服务过程不满意", "recommend=4", "share", 0.14285714285714285,
      7 },
    { "category", "服务过程不满意", "recommend=5", "count", 1.0, 7 },
    { "category", "服务过程不满意", "recommend=5", "share", 0.14285714285714285,
      7 },
    { "category", "服务过程不满意", "recommend=6", "count", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=6", "share", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=7", "count", 1.0, 7 },
    { "category", "服务过程不满意", "recommend=7", "share", 0.14285714285714285,
      7 },
    { "category", "服务过程不满意", "recommend=8", "count", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=8", "share", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=9", "count", 2.0, 7 },
    { "category", "服务过程不满意", "recommend=9", "share", 0.2857142857142857,
      7 },
    { "category", "服务过程不满意", "recommend=10", "count", 0.0, 7 },
    { "category", "服务过程不满意", "recommend=10", "share", 0.0, 7 },
    { "category", "服务过程不满意", "service", "mean", 3.2592592592592595, 9 },
    { "category", "服务过程不满意", "service", "sd", 1.2419493836726754, 9 },
    { "category", "服务过程不满意", "service", "ci95_low", 2.304612454438108,
      9 },
    { "category", "服务过程不满意", "service", "ci95_high", 4.213906064080411,
      9 },
    { "category", "服务过程不满意", "service", "median", 3.0, 9 },
    { "category", "服务过程不满意", "service", "top2", 0.375, 24 },
    { "category", "服务过程不满意", "service", "bottom2", 0.25, 24 },
    { "category", "服务过程不满意", "service", "index", 56.48148148148149, 9 },
    { "category", "服务过程不满意", "service", "p_value", 0.7284685873742982,
      9 },
    { "category", "服务过程不满意", "service", "p_top2", 0.42809698411877006,
      24 },
    { "category", "服务过程不满意", "service", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "service", "alpha", 0.9305856832971798, 6 },
    { "category", "服务过程不满意", "service", "target", 85.0, -1 },
    { "category", "服务过程不满意", "service", "gap", -28.518518518518512, -1 },
    { "category", "服务过程不满意", "service", "action_rank", 1.0, -1 },
    { "category", "服务过程不满意", "service", "r_overall", 0.6951574603459347,
      9 },
    { "category", "服务过程不满意", "price", "mean", 3.111111111111111, 9 },
    { "category", "服务过程不满意", "price", "sd", 1.3642254619787415, 9 },
    { "category", "服务过程不满意", "price", "ci95_low", 2.0624745922198473,
      9 },
    { "category", "服务过程不满意", "price", "ci95_high", 4.159747630002375,
      9 },
    { "category", "服务过程不满意", "price", "median", 3.0, 9 },
    { "category", "服务过程不满意", "price", "top2", 0.3333333333333333, 9 },
    { "category", "服务过程不满意", "price", "bottom2", 0.3333333333333333, 9 },
    { "category", "服务过程不满意", "price", "index", 52.77777777777778, 9 },
    { "category", "服务过程不满意", "price", "p_value", 0.6518339956429625, 9 },
    { "category", "服务过程不满意", "price", "p_top2", 0.2621926024067732, 9 },
    { "category", "服务过程不满意", "price", "significant", 0.0, -1 },
    { "category", "服务过程不满意", "price", "target", 80.0, -1 },
    { "category", "服务过程不满意", "price", "gap", -27.22222222222222, -1 },
    { "category", "服务过程不满意", "price", "action_rank", 2.0, -1 },
    { "category", "服务过程不满意", "price", "r_overall", 0.2553365300049181,
      9 },
    { "category", "服务过程不满意", "spare", "target", 70.0, -1 },
    { "category", "服务过程不满意", "CSI", "index", 55.00000000000001, 9 },
    { "category", "服务过程不满意", "NPS", "index", -28.571428571428573, 7 },
    { "category", "服务过程不满意", "plan=1", "count", 2.0, 6 },
    { "category", "服务过程不满意", "plan=1", "share", 0.3333333333333333, 6 },
    { "category", "服务过程不满意", "plan=2", "count", 1.0, 6 },
    { "category", "服务过程不满意", "plan=2", "share", 0.16666666666666666, 6 },
    { "category", "服务过程不满意", "plan=3", "count", 3.0, 6 },
    { "category", "服务过程不满意", "plan=3", "share", 0.5, 6 },
    { "category", "服务过程不满意", "improve=1", "count", 5.0, 7 },
    { "category", "服务过程不满意", "improve=1", "share", 0.7142857142857143,
      7 },
    { "category", "服务过程不满意", "improve=2", "count", 2.0, 7 },
    { "category", "服务过程不满意", "improve=2", "share", 0.2857142857142857,
      7 },
    { "category", "服务过程不满意", "improve=3", "count", 2.0, 7 },
    { "category", "服务过程不满意", "improve=3", "share", 0.2857142857142857,
      7 },
    { "category", "服务过程不满意", "improve=4", "count", 4.0, 7 },
    { "category", "服务过程不满意", "improve=4", "share", 0.5714285714285714,
      7 },
    { "category", "未分类", "forms", "count", 6.0, -1 },
    { "category", "未分类", "forms", "small", 1.0, -1 },
    { "category", "未分类", "Q1", "mean", 3.4, 5 },
    { "category", "未分类", "Q1", "sd", 1.140175425099138, 5 },
    { "category", "未分类", "Q1", "ci95_low", 1.9842852230177273, 5 },
    { "category", "未分类", "Q1", "ci95_high", 4.815714776982272, 5 },
    { "category", "未分类", "Q1", "median", 3.0, 5 },
    { "category", "未分类", "Q1", "top2", 0.4, 5 },
    { "category", "未分类", "Q1", "bottom2", 0.2, 5 },
    { "category", "未分类", "Q1", "index", 60.0, 5 },
    { "category", "未分类", "Q1", "p_value", 0.7174677676726067, 5 },
    { "category", "未分类", "Q1", "p_top2", 0.925550719163435, 5 },
    { "category", "未分类", "Q1", "significant", 0.0, -1 },
    { "category", "未分类", "Q1", "r_overall", 0.11566298639324799, 5 },
    { "category", "未分类", "Q1=1", "count", 0.0, 5 },
    { "category", "未分类", "Q1=1", "share", 0.0, 5 },
    { "category", "未分类", "Q1=2", "count", 1.0, 5 },
    { "category", "未分类", "Q1=2", "share", 0.2, 5 },
    { "category", "未分类", "Q1=3", "count", 2.0, 5 },
    { "category", "未分类", "Q1=3", "share", 0.4, 5 },
    { "category", "未分类", "Q1=4", "count", 1.0, 5 },
    { "category", "未分类", "Q1=4", "share", 0.2, 5 },
    { "category", "未分类", "Q1=5", "count", 1.0, 5 },
    { "category", "未分类", "Q1=5", "share", 0.2, 5 },
    { "category", "未分类", "Q2", "mean", 2.25, 4 },
    { "category", "未分类", "Q2", "sd", 0.9574271077563381, 4 },
    { "category", "未分类", "Q2", "ci95_low", 0.7265198191711872, 4 },
    { "category", "未分类", "Q2", "ci95_high", 3.7734801808288125, 4 },
    { "category", "未分类", "Q2", "median", 2.5, 4 },
    { "category", "未分类", "Q2", "top2", 0.0, 4 },
    { "category", "未分类", "Q2", "bottom2", 0.5, 4 },
    { "category", "未分类", "Q2", "index", 31.25, 4 },
    { "category", "未分类", "Q2", "p_value", 0.06210251744265605, 4 },
    { "category", "未分类", "Q2", "p_top2", 0.05019282418093288, 4 },
    { "category", "未分类", "Q2", "significant", 0.0, -1 },
    { "category", "未分类", "Q2", "r_overall", -0.24618298195866548, 4 },
    { "category", "未分类", "Q2=1", "count", 1.0, 4 },
    { "category", "未分类", "Q2=1", "share", 0.25, 4 },
    { "category", "未分类", "Q2=2", "count", 1.0, 4 },
    { "category", "未分类", "Q2=2", "share", 0.25, 4 },
    { "category", "未分类", "Q2=3", "count", 2.0, 4 },
    { "category", "未分类", "Q2=3", "share", 0.5, 4 },
    { "category", "未分类", "Q2=4", "count", 0.0, 4 },
    { "category", "未分类", "Q2=4", "share", 0.0, 4 },
    { "category", "未分类", "Q2=5", "count", 0.0, 4 },
    { "category", "未分类", "Q2=5", "share", 0.0, 4 },
    { "category", "未分类", "Q3", "mean", 3.0, 6 },
    { "category", "未分类", "Q3", "sd", 1.4142135623730951, 6 },
    { "category", "未分类", "Q3", "ci95_low", 1.5158738852214109, 6 },
    { "category", "未分类", "Q3", "ci95_high", 4.484126114778589, 6 },
    { "category", "未分类", "Q3", "median", 3.0, 6 },
    { "category", "未分类", "Q3", "top2", 0.3333333333333333, 6 },
    { "category", "未分类", "Q3", "bottom2", 0.3333333333333333, 6 },
    { "category", "未分类", "Q3", "index", 50.0, 6 },
    { "category", "未分类", "Q3", "p_value", 0.32958233782497626, 6 },
    { "category", "未分类", "Q3", "p_top2", 0.3735966374564359, 6 },
    { "category", "未分类", "Q3", "significant", 0.0, -1 },
    { "category", "未分类", "Q3", "r_overall", 0.5129891760425771, 6 },
    { "category", "未分类", "Q3=1", "count", 1.0, 6 },
    { "category", "未分类", "Q3=1", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q3=2", "count", 1.0, 6 },
    { "category", "未分类", "Q3=2", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q3=3", "count", 2.0, 6 },
    { "category", "未分类", "Q3=3", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "Q3=4", "count", 1.0, 6 },
    { "category", "未分类", "Q3=4", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q3=5", "count", 1.0, 6 },
    { "category", "未分类", "Q3=5", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q4", "mean", 3.1666666666666665, 6 },
    { "category", "未分类", "Q4", "sd", 1.4719601443879744, 6 },
    { "category", "未分类", "Q4", "ci95_low", 1.6219392306394866, 6 },
    { "category", "未分类", "Q4", "ci95_high", 4.711394102693847, 6 },
    { "category", "未分类", "Q4", "median", 3.5, 6 },
    { "category", "未分类", "Q4", "top2", 0.5, 6 },
    { "category", "未分类", "Q4", "bottom2", 0.3333333333333333, 6 },
    { "category", "未分类", "Q4", "index", 54.166666666666664, 6 },
    { "category", "未分类", "Q4", "p_value", 0.8214847911142686, 6 },
    { "category", "未分类", "Q4", "p_top2", 1.0, 6 },
    { "category", "未分类", "Q4", "significant", 0.0, -1 },
    { "category", "未分类", "Q4", "r_overall", 0.24643202904507217, 6 },
    { "category", "未分类", "Q4=1", "count", 1.0, 6 },
    { "category", "未分类", "Q4=1", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q4=2", "count", 1.0, 6 },
    { "category", "未分类", "Q4=2", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q4=3", "count", 1.0, 6 },
    { "category", "未分类", "Q4=3", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "Q4=4", "count", 2.0, 6 },
    { "category", "未分类", "Q4=4", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "Q4=5", "count", 1.0, 6 },
    { "category", "未分类", "Q4=5", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "overall", "mean", 3.5, 6 },
    { "category", "未分类", "overall", "sd", 1.378404875209022, 6 },
    { "category", "未分类", "overall", "ci95_low", 2.053452797749275, 6 },
    { "category", "未分类", "overall", "ci95_high", 4.946547202250725, 6 },
    { "category", "未分类", "overall", "median", 3.5, 6 },
    { "category", "未分类", "overall", "top2", 0.5, 6 },
    { "category", "未分类", "overall", "bottom2", 0.3333333333333333, 6 },
    { "category", "未分类", "overall", "index", 62.5, 6 },
    { "category", "未分类", "overall", "p_value", 0.5914427816308132, 6 },
    { "category", "未分类", "overall", "p_top2", 0.3545394797735013, 6 },
    { "category", "未分类", "overall", "significant", 0.0, -1 },
    { "category", "未分类", "overall", "r_overall", 1.0, 6 },
    { "category", "未分类", "overall=1", "count", 0.0, 6 },
    { "category", "未分类", "overall=1", "share", 0.0, 6 },
    { "category", "未分类", "overall=2", "count", 2.0, 6 },
    { "category", "未分类", "overall=2", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "overall=3", "count", 1.0, 6 },
    { "category", "未分类", "overall=3", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "overall=4", "count", 1.0, 6 },
    { "category", "未分类", "overall=4", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "overall=5", "count", 2.0, 6 },
    { "category", "未分类", "overall=5", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "recommend", "mean", 6.333333333333333, 6 },
    { "category", "未分类", "recommend", "sd", 3.444802848737017, 6 },
    { "category", "未分类", "recommend", "ci95_low", 2.7182344514534913, 6 },
    { "category", "未分类", "recommend", "ci95_high", 9.948432215213174, 6 },
    { "category", "未分类", "recommend", "median", 8.0, 6 },
    { "category", "未分类", "recommend", "top2", 0.3333333333333333, 6 },
    { "category", "未分类", "recommend", "bottom2", 0.16666666666666666, 6 },
    { "category", "未分类", "recommend", "index", 63.33333333333333, 6 },
    { "category", "未分类", "recommend", "p_value", 0.62074457481778, 6 },
    { "category", "未分类", "recommend", "p_top2", 0.7198307076577726, 6 },
    { "category", "未分类", "recommend", "significant", 0.0, -1 },
    { "category", "未分类", "recommend", "r_overall", -0.842400894293264, 6 },
    { "category", "未分类", "recommend=0", "count", 0.0, 6 },
    { "category", "未分类", "recommend=0", "share", 0.0, 6 },
    { "category", "未分类", "recommend=1", "count", 1.0, 6 },
    { "category", "未分类", "recommend=1", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "recommend=2", "count", 0.0, 6 },
    { "category", "未分类", "recommend=2", "share", 0.0, 6 },
    { "category", "未分类", "recommend=3", "count", 1.0, 6 },
    { "category", "未分类", "recommend=3", "share", 0.16666666666666666, 6 },
    { "category", "未分类", "recommend=4", "count", 0.0, 6 },
    { "category", "未分类", "recommend=4", "share", 0.0, 6 },
    { "category", "未分类", "recommend=5", "count", 0.0, 6 },
    { "category", "未分类", "recommend=5", "share", 0.0, 6 },
    { "category", "未分类", "recommend=6", "count", 0.0, 6 },
    { "category", "未分类", "recommend=6", "share", 0.0, 6 },
    { "category", "未分类", "recommend=7", "count", 0.0, 6 },
    { "category", "未分类", "recommend=7", "share", 0.0, 6 },
    { "category", "未分类", "recommend=8", "count", 2.0, 6 },
    { "category", "未分类", "recommend=8", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "recommend=9", "count", 2.0, 6 },
    { "category", "未分类", "recommend=9", "share", 0.3333333333333333, 6 },
    { "category", "未分类", "recommend=10", "count", 0.0, 6 },
    { "category", "未分类", "recommend=10", "share", 0.0, 6 },
    { "category", "未分类", "service", "mean", 2.972222222222222, 6 },
    { "category", "未分类", "service", "sd", 0.9214521550650767, 6 },
    { "category", "未分类", "service", "ci95_low", 2.0052174902379694, 6 },
    { "category", "未分类", "service", "ci95_high", 3.9392269542064744, 6 },
    { "category", "未分类", "service", "median", 3.166666666666667, 6 },
    { "category", "未分类", "service", "top2", 0.26666666666666666, 15 },
    { "category", "未分类", "service", "bottom2", 0.3333333333333333, 15 },
    { "category", "未分类", "service", "index", 49.30555555555555, 6 },
    { "category", "未分类", "service", "p_value", 0.2857843342788379, 6 },
    { "category", "未分类", "service", "p_top2", 0.13351401662216217, 15 },
    { "category", "未分类", "service", "significant", 0.0, -1 },
    { "category", "未分类", "service", "alpha", 0.7499999999999998, 4 },
    { "category", "未分类", "service", "target", 85.0, -1 },
    { "category", "未分类", "service", "gap", -35.69444444444445, -1 },
    { "category", "未分类", "service", "action_rank", 1.0, -1 },
    { "category", "未分类", "service", "r_overall", 0.14434170939395358, 6 },
    { "category", "未分类", "price", "mean", 3.1666666666666665, 6 },
    { "category", "未分类", "price", "sd", 1.4719601443879744, 6 },
    { "category", "未分类", "price", "ci95_low", 1.6219392306394866, 6 },
    { "category", "未分类", "price", "ci95_high", 4.711394102693847, 6 },
    { "category", "未分类", "price", "median", 3.5, 6 },
    { "category", "未分类", "price", "top2", 0.5, 6 },
    { "category", "未分类", "price", "bottom2", 0.3333333333333333, 6 },
    { "category", "未分类", "price", "index", 54.166666666666664, 6 },
    { "category", "未分类", "price", "p_value", 0.8214847911142686, 6 },
    { "category", "未分类", "price", "p_top2", 1.0, 6 },
    { "category", "未分类", "price", "significant", 0.0, -1 },
    { "category", "未分类", "price", "target", 80.0, -1 },
    { "category", "未分类", "price", "gap", -25.833333333333336, -1 },
    { "category", "未分类", "price", "action_rank", 2.0, -1 },
    { "category", "未分类", "price", "r_overall", 0.24643202904507217, 6 },
    { "category", "未分类", "spare", "target", 70.0, -1 },
    { "category", "未分类", "CSI", "index", 51.25, 6 },
    { "category", "未分类", "NPS", "index", 0.0, 6 },
    { "category", "未分类", "plan=1", "count", 1.0, 3 },
    { "category", "未分类", "plan=1", "share", 0.3333333333333333, 3 },
    { "category", "未分类", "plan=2", "count", 1.0, 3 },
    { "category", "未分类", "plan=2", "share", 0.3333333333333333, 3 },
    { "category", "未分类", "plan=3", "count", 1.0, 3 },
    { "category", "未分类", "plan=3", "share", 0.3333333333333333, 3 },
    { "category", "未分类", "improve=1", "count", 1.0, 4 },
    { "category", "未分类", "improve=1", "share", 0.25, 4 },
    { "category", "未分类", "improve=2", "count", 0.0, 4 },
    { "category", "未分类", "improve=2", "share", 0.0, 4 },
    { "category", "未分类", "improve=3", "count", 1.0, 4 },
    { "category", "未分类", "improve=3", "share", 0.25, 4 },
    { "category", "未分类", "improve=4", "count", 4.0, 4 },
    { "category", "未分类", "improve=4", "share", 1.0, 4 },
};

/* sr_stats_open() with the reference options and prev_csv as previous */
static struct sr_stats *open_ref(const struct sr_template *t,
                                 const char *prev_path)
{
    struct sr_stats_opts o = ref_opts();
    struct sr_stats *st = NULL;
    struct sr_diag d = { 0 };

    o.previous = prev_path;
    assert_int_equal(sr_stats_open(&st, t, &o, &d), SR_OK);
    assert_non_null(st);
    return st;
}

static void push_range(struct sr_stats *st, size_t from, size_t to)
{
    size_t i;

    for (i = from; i < to; i++) {
        push(st, &forms[i]);
        sr_stats_count(st, i % 2 ? "in/b.csv" : "in/a.csv", "read");
        sr_stats_count(st, i % 2 ? "in/b.csv" : "in/a.csv", "accepted");
    }
}

static char *write_prev(void)
{
    char *path = temp_path();

    write_file(path, prev_csv, strlen(prev_csv));
    return path;
}

/* The whole model, row by row and in order, against the Python program. */
static void test_reference(void **state)
{
    struct fixture *fx = *state;
    char *prev = write_prev();
    struct sr_stats *st = open_ref(&fx->t, prev);
    struct sr_model *m;
    size_t i;

    push_range(st, 0, ARRAY_SIZE(forms));
    m = model_of(st);
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

    /* groups: template segments, the derived segment, then category */
    assert_int_equal(m->ngroups, 4);
    assert_string_equal(m->groups[0].field_id, "region");
    assert_int_equal(m->groups[0].kind, SR_GROUP_SEGMENT);
    assert_string_equal(m->groups[1].field_id, "type");
    assert_string_equal(m->groups[2].field_id, "cls");
    assert_string_equal(m->groups[2].label, "客户分类");
    assert_int_equal(m->groups[2].kind, SR_GROUP_DERIVED);
    assert_int_equal(m->groups[2].nvalues, 2); /* C类 has 3 forms */
    assert_string_equal(m->groups[2].values[0], "A类");
    assert_int_equal(m->groups[2].forms[0], 18);
    assert_string_equal(m->groups[3].field_id, "category");
    assert_int_equal(m->groups[3].kind, SR_GROUP_CATEGORY);
    /* rules order; =价格 has 2 forms */
    assert_int_equal(m->groups[3].nvalues, 3);
    assert_string_equal(m->groups[3].values[0], "服务质量不达标");
    assert_string_equal(m->groups[3].values[1], "服务过程不满意");
    assert_string_equal(m->groups[3].values[2], "未分类");
    assert_int_equal(m->groups[3].forms[0], 14);
    /* the categories, as given */
    assert_int_equal(m->ncategories, 4);
    assert_string_equal(m->categories[0].name, "服务质量不达标");
    assert_string_equal(m->categories[0].kind, "服务质量不符合");
    assert_true(m->categories[1].complaint);
    assert_false(m->categories[2].complaint);
    assert_null(m->categories[2].kind);
    assert_true(m->has_previous);
    /* a derived field that is no segment makes no group */
    absent(m, "sat_level", "高", "forms", "count");
    /* no comment rows inside the group category */
    absent(m, "category", "未分类", "comments", "count");
    absent(m, "category", "未分类", "未分类", "count");

    sr_model_free(m);
    sr_stats_free(st);
    unlink(prev);
    free(prev);
}

/* Four shards, each saved to a state file and loaded into one accumulator,
 * give the very stats.csv of one accumulation of every form. */
static void test_shards(void **state)
{
    struct fixture *fx = *state;
    static const size_t cut[] = { 0, 7, 20, 21, ARRAY_SIZE(forms) };
    char *prev = write_prev();
    struct sr_stats *one = open_ref(&fx->t, prev);
    struct sr_stats *merged = open_ref(&fx->t, prev);
    struct sr_stats_opts o = ref_opts();
    struct sr_stats *part;
    struct sr_diag d = { 0 };
    char *paths[4];
    char *s1;
    char *s2;
    char *b1;
    char *b2;
    size_t n1;
    size_t n2;
    size_t k;

    push_range(one, 0, ARRAY_SIZE(forms));
    for (k = 0; k < 4; k++) {
        /* a shard knows nothing of the previous period */
        part = sr_stats_new(&fx->t, &o);
        push_range(part, cut[k], cut[k + 1]);
        paths[k] = temp_path();
        assert_int_equal(sr_stats_save(part, paths[k], &d), SR_OK);
        sr_stats_free(part);
    }
    /* any order */
    for (k = 4; k-- > 0;)
        assert_int_equal(sr_stats_load(merged, paths[k], &d), SR_OK);
    s1 = render_stats(one, &n1);
    s2 = render_stats(merged, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(s1, s2, n1);
    assert_non_null(strstr(s1, "\nall,,Q1,prev_index,56.25,40\n"));
    free(s1);
    free(s2);

    /* a state is the same bytes whatever the order forms came in, and
     * save -> load -> save gives it back */
    assert_int_equal(sr_stats_save(one, paths[0], &d), SR_OK);
    sr_stats_free(merged);
    merged = sr_stats_new(&fx->t, &o);
    for (k = ARRAY_SIZE(forms); k-- > 0;) {
        push(merged, &forms[k]);
        sr_stats_count(merged, k % 2 ? "in/b.csv" : "in/a.csv", "read");
        sr_stats_count(merged, k % 2 ? "in/b.csv" : "in/a.csv", "accepted");
    }
    assert_int_equal(sr_stats_save(merged, paths[1], &d), SR_OK);
    sr_stats_free(merged);
    merged = sr_stats_new(&fx->t, &o);
    assert_int_equal(sr_stats_load(merged, paths[0], &d), SR_OK);
    assert_int_equal(sr_stats_save(merged, paths[2], &d), SR_OK);
    b1 = slurp(paths[0], &n1);
    b2 = slurp(paths[2], &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(b1, b2, n1);
    free(b2);
    b2 = slurp(paths[1], &n2);
    /* files are kept in first-seen order: b.csv came first there */
    assert_int_equal(n1, n2);
    assert_memory_not_equal(b1, b2, n1);
    /* the fixed little-endian head */
    assert_memory_equal(b1, "SRSTATE\0\2\0\0\0", 12);
    assert_memory_equal(b1 + 12, fx->t.sha256, 32);
    free(b1);
    free(b2);

    for (k = 0; k < 4; k++) {
        unlink(paths[k]);
        free(paths[k]);
    }
    sr_stats_free(merged);
    sr_stats_free(one);
    unlink(prev);
    free(prev);
}

/* dst's stats.csv is still @want */
static void same_stats(const struct sr_stats *st, const char *want, size_t n)
{
    size_t len;
    char *got = render_stats(st, &len);

    assert_int_equal(len, n);
    assert_memory_equal(got, want, n);
    free(got);
}

/* A state of another template or rules, or a damaged one, is refused and
 * leaves the accumulator as it was. */
static void test_state_refused(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats_opts o = ref_opts();
    struct sr_stats *src = sr_stats_new(&fx->t, &o);
    struct sr_stats *dst = sr_stats_new(&fx->t, &o);
    struct sr_stats *other;
    struct sr_template t2 = fx->t;
    struct sr_category cats2[ARRAY_SIZE(categories)];
    struct sr_diag d = { 0 };
    char *good = temp_path();
    char *bad = temp_path();
    char *before;
    char *bytes;
    size_t nb;
    size_t n1;

    push_range(src, 0, 10);
    push_range(dst, 10, 20);
    assert_int_equal(sr_stats_save(src, good, &d), SR_OK);
    before = render_stats(dst, &n1);
    bytes = slurp(good, &nb);

    /* another template */
    t2.sha256[5] ^= 1;
    other = sr_stats_new(&t2, &o);
    assert_int_equal(sr_stats_load(other, good, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "another form template"));
    assert_string_equal(d.file, good);
    sr_stats_free(other);

    /* other rules: a category renamed; a derived field fewer */
    memcpy(cats2, categories, sizeof(cats2));
    cats2[2].name = "价格";
    o.categories = cats2;
    other = sr_stats_new(&fx->t, &o);
    assert_int_equal(sr_stats_load(other, good, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "other classification rules"));
    sr_stats_free(other);
    o = ref_opts();
    o.nderived = 1;
    other = sr_stats_new(&fx->t, &o);
    assert_int_equal(sr_stats_load(other, good, &d), SR_ERR_CONFIG);
    sr_stats_free(other);

    /* not a state, version, truncated, damaged, trailing bytes, absent:
     * each leaves dst as it was */
    write_file(bad, "group,group_value\n", 18);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "is not a satreport state"));
    write_file(bad, "SRS", 3);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    bytes[8] = 3;
    write_file(bad, bytes, nb);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "format version 3"));
    bytes[8] = 2;
    write_file(bad, bytes, nb - 9);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "truncated"));
    bytes[nb / 2] ^= 0x40;
    write_file(bad, bytes, nb);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "damaged"));
    bytes[nb / 2] ^= 0x40;
    write_file(bad, bytes, nb);
    {
        FILE *fp = fopen(bad, "ab");

        assert_non_null(fp);
        fputc(0, fp);
        fclose(fp);
    }
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_PARSE);
    unlink(bad);
    assert_int_equal(sr_stats_load(dst, bad, &d), SR_ERR_IO);
    assert_non_null(strstr(d.msg, "cannot open state"));
    same_stats(dst, before, n1);

    /* the good one merges as sr_stats_merge() does */
    assert_int_equal(sr_stats_load(dst, good, &d), SR_OK);
    free(before);
    o = ref_opts();
    other = sr_stats_new(&fx->t, &o);
    push_range(other, 10, 20);
    sr_stats_merge(other, src);
    before = render_stats(other, &n1);
    same_stats(dst, before, n1);
    sr_stats_free(other);

    /* unwritable */
    assert_int_equal(sr_stats_save(src, "/nonexistent/dir/state", &d),
                     SR_ERR_WRITE);
    assert_non_null(strstr(d.msg, "/nonexistent/dir/state"));

    free(before);
    free(bytes);
    unlink(good);
    free(good);
    free(bad);
    sr_stats_free(src);
    sr_stats_free(dst);
}

/* The previous period: prev_index and delta for items, dimensions, CSI and
 * NPS; p_delta only where the previous file has mean, sd and n >= 2. */
static void test_previous(void **state)
{
    struct fixture *fx = *state;
    static const int32_t q1[] = { 1, 2, 3, 4, 5 };
    /* no BOM, CRLF, a quoted cell, an empty n, a guarded value */
    static const char csv[] = "group,group_value,subject,metric,value,n\r\n"
                              "all,,Q1,mean,2.5,12\r\n"
                              "all,,Q1,sd,1,12\r\n"
                              "all,,Q1,index,\"37.5\",12\r\n"
                              "all,,Q2,index,40,\r\n"
                              "all,,Q2,mean,2.6,\r\n"
                              "all,,Q2,sd,0.5,\r\n"
                              "\r\n"
                              "all,,CSI,index,50,9\r\n"
                              "all,,NPS,index,10,9\r\n"
                              "region,'=北,Q1,index,20,5\r\n"
                              "region,北,Q1,index,99,5\r\n";
    struct sr_stats_opts o = { .min_report = 1, .min_base = 1 };
    struct sr_stats *st = NULL;
    struct sr_diag d = { 0 };
    struct sr_model *m;
    struct test_form f;
    char *path = temp_path();
    size_t i;

    write_file(path, csv, strlen(csv));
    o.previous = path;
    assert_int_equal(sr_stats_open(&st, &fx->t, &o, &d), SR_OK);
    for (i = 0; i < ARRAY_SIZE(q1); i++) {
        f = blank("=北", NULL);
        f.scores[Q1] = q1[i];
        f.scores[Q2] = 4;
        f.scores[RECOMMEND] = 10;
        push(st, &f);
    }
    m = model_of(st);
    assert_true(m->has_previous);
    expect(m, "all", "", "Q1", "prev_index", 37.5, 12);
    expect(m, "all", "", "Q1", "delta", 50 - 37.5, 5);
    /* scipy 1.10.1: a = np.array([1, 2, 3, 4, 5.]);
     * stats.ttest_ind_from_stats(a.mean(), a.std(ddof=1), 5, 2.5, 1.0, 12,
     *     equal_var=False).pvalue */
    expect(m, "all", "", "Q1", "p_delta", 0.539598837592232, 5);
    /* an empty n; no p_delta without the previous n */
    expect(m, "all", "", "Q2", "prev_index", 40, -1);
    expect(m, "all", "", "Q2", "delta", 75 - 40, 5);
    absent(m, "all", "", "Q2", "p_delta");
    /* the service dimension: no previous figures */
    absent(m, "all", "", "service", "prev_index");
    /* CSI and NPS: prev_index and delta, never p_delta */
    expect(m, "all", "", "NPS", "prev_index", 10, 9);
    expect(m, "all", "", "NPS", "delta", 90, 5);
    absent(m, "all", "", "NPS", "p_delta");
    expect(m, "all", "", "CSI", "prev_index", 50, 9);
    absent(m, "all", "", "CSI", "p_delta");
    /* the guard ' is stripped: '=北 is the segment value =北 */
    expect(m, "region", "=北", "Q1", "prev_index", 20, 5);
    expect(m, "region", "=北", "Q1", "delta", 30, 5);
    absent(m, "region", "=北", "Q1", "p_delta");
    sr_model_free(m);
    sr_stats_free(st);

    /* without a previous file: none of it */
    st = sr_stats_new(&fx->t, &o); /* previous is not read here */
    f = blank("=北", NULL);
    f.scores[Q1] = 3;
    push(st, &f);
    m = model_of(st);
    assert_false(m->has_previous);
    absent(m, "all", "", "Q1", "prev_index");
    sr_model_free(m);
    sr_stats_free(st);
    unlink(path);
    free(path);
}

/* A previous file that is not a stats.csv is a config error at its line. */
static void test_previous_errors(void **state)
{
    struct fixture *fx = *state;
    static const struct {
        const char *text;
        long line;
        const char *msg;
    } bad[] = {
        { "", 0, "is empty" },
        { "\xEF\xBB\xBFgroup,value\n", 1,
          "not a stats.csv: header 'group,value'" },
        { "group,group_value,subject,metric,value,n,x\n", 1,
          "not a stats.csv" },
        { "group,group_value,subject,metric,value,n\nall,,Q1,index,50,3\n"
          "all,,Q1,index,50\n",
          3, "row has 5 cells" },
        /* a row over two lines: the next one starts at line 4 */
        { "group,group_value,subject,metric,value,n\r\n"
          "region,\"a\nb\",Q1,index,50,3\r\nall,,Q1,index,abc,3\r\n",
          4, "value 'abc' of 'index' is not a number" },
        { "group,group_value,subject,metric,value,n\n\n\nall,,Q1,mean,,3\n", 4,
          "is not a number" },
        { "group,group_value,subject,metric,value,n\nall,,Q1,mean,1,-3\n", 2,
          "n '-3' of 'mean' is not a count" },
        { "group,group_value,subject,metric,value,n\nall,,Q1,mean,1,2.5\n", 2,
          "is not a count" },
        { "group,group_value,subject,metric,value,n\nall,,Q1,mean,inf,2\n", 2,
          "is not a number" },
    };
    struct sr_stats_opts o = { .min_report = 5, .min_base = 30 };
    struct sr_stats *st = (struct sr_stats *)&o; /* must become NULL */
    struct sr_diag d = { 0 };
    char *path = temp_path();
    size_t i;

    o.previous = path;
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        write_file(path, bad[i].text, strlen(bad[i].text));
        sr_diag_clear(&d);
        if (sr_stats_open(&st, &fx->t, &o, &d) != SR_ERR_CONFIG)
            fail_msg("case %zu: accepted", i);
        assert_null(st);
        assert_int_equal(d.code, SR_ERR_CONFIG);
        assert_string_equal(d.file, path);
        if (d.line != bad[i].line || !strstr(d.msg, bad[i].msg))
            fail_msg("case %zu: line %ld '%s'", i, d.line, d.msg);
    }
    unlink(path);
    assert_int_equal(sr_stats_open(&st, &fx->t, &o, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "cannot open previous stats"));
    free(path);

    /* more categories than a record can carry */
    {
        struct sr_category many[SR_MAX_CATEGORIES + 1];

        memset(many, 0, sizeof(many));
        for (i = 0; i < ARRAY_SIZE(many); i++)
            many[i].name = "x";
        o.previous = NULL;
        o.categories = many;
        o.ncategories = ARRAY_SIZE(many);
        assert_int_equal(sr_stats_open(&st, &fx->t, &o, &d), SR_ERR_CONFIG);
        assert_non_null(strstr(d.msg, "too many comment categories"));
        assert_null(st);
    }
}

/* p_top2, significant and small in a segment group. */
static void test_significance(void **state)
{
    struct fixture *fx = *state;
    static const int32_t a[] = { 5, 4, 4, 3, 5 };
    static const int32_t b[] = { 3, 2, 4, 3, 3, 2, 1, 4 };
    struct sr_stats_opts o = { .min_report = 5, .min_base = 5 };
    struct sr_stats *st;
    struct sr_model *m;
    struct test_form f;
    size_t i;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        o.min_base = pass ? 6 : 5;
        st = sr_stats_new(&fx->t, &o);
        for (i = 0; i < ARRAY_SIZE(a); i++) {
            f = blank("北", NULL);
            f.scores[Q1] = a[i];
            f.scores[OVERALL] = 5;
            push(st, &f);
        }
        for (i = 0; i < ARRAY_SIZE(b); i++) {
            f = blank(i < 4 ? "南" : NULL, NULL);
            f.scores[Q1] = b[i];
            f.scores[OVERALL] = 5;
            push(st, &f);
        }
        m = model_of(st);
        /* scipy 1.10.1: stats.ttest_ind([5, 4, 4, 3, 5],
         *     [3, 2, 4, 3, 3, 2, 1, 4], equal_var=False).pvalue */
        expect(m, "region", "北", "Q1", "p_value", 0.019676591906752697, 5);
        /* statsmodels 0.13.5: proportions_ztest([4, 2], [5, 8])[1] */
        expect(m, "region", "北", "Q1", "p_top2", 0.05295818186952336, 5);
        /* p < 0.05, and 5 forms: significant only when min_base <= 5 */
        expect(m, "region", "北", "Q1", "significant", pass ? 0 : 1, -1);
        expect(m, "region", "北", "forms", "small", pass ? 1 : 0, -1);
        /* overall: no test defined (no variance, every top2) */
        absent(m, "region", "北", "overall", "p_value");
        absent(m, "region", "北", "overall", "p_top2");
        expect(m, "region", "北", "overall", "significant", 0, -1);
        /* none of it in group all */
        absent(m, "all", "", "Q1", "p_top2");
        absent(m, "all", "", "Q1", "significant");
        absent(m, "all", "", "forms", "small");
        sr_model_free(m);
        sr_stats_free(st);
    }
}

/* Action ranks: the largest shortfall first, ties by importance. */
static void test_action_rank(void **state)
{
    struct fixture *fx = *state;
    /* Q1 Q2 Q3 Q4 overall */
    static const int32_t rows[][5] = {
        { 1, 5, 5, 1, 1 },
        { 5, 1, 5, 1, 5 },
        { 3, 3, 5, 1, 3 },
    };
    struct sr_stats *st = sr_stats_new(&fx->t, NULL);
    struct sr_model *m;
    struct test_form f;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        f = blank("北", NULL);
        f.scores[Q1] = rows[i][0];
        f.scores[Q2] = rows[i][1];
        f.scores[Q3] = rows[i][2];
        f.scores[Q4] = rows[i][3];
        f.scores[OVERALL] = rows[i][4];
        push(st, &f);
    }
    m = model_of(st);
    /* items against their dimension's target: Q4 0 - 80; Q1 and Q2 both
     * 50 - 85, Q1 first (r_overall 1 against -1); Q3 100 - 85 is above */
    expect(m, "all", "", "Q4", "gap", -80, -1);
    expect(m, "all", "", "Q4", "target", 80, -1);
    expect(m, "all", "", "Q4", "action_rank", 1, -1);
    expect(m, "all", "", "Q1", "gap", -35, -1);
    expect(m, "all", "", "Q1", "action_rank", 2, -1);
    expect(m, "all", "", "Q2", "gap", -35, -1);
    expect(m, "all", "", "Q2", "action_rank", 3, -1);
    expect(m, "all", "", "Q3", "gap", 15, -1);
    absent(m, "all", "", "Q3", "action_rank");
    absent(m, "all", "", "overall", "gap");
    absent(m, "all", "", "overall", "action_rank");
    /* dimensions: price 0 - 80, then service (11/3 - 1) / 4 * 100 - 85 */
    expect(m, "all", "", "price", "action_rank", 1, -1);
    expect(m, "all", "", "service", "gap", (11.0 / 3 - 1) / 4 * 100 - 85, -1);
    expect(m, "all", "", "service", "action_rank", 2, -1);
    absent(m, "all", "", "spare", "action_rank");
    sr_model_free(m);

    /* in a segment value: its own ranks, dimensions only (min_report 1) */
    sr_stats_free(st);
    st = sr_stats_new(
        &fx->t, &(struct sr_stats_opts){ .min_report = 1, .min_base = 1 });
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        f = blank(i ? "北" : "南", NULL);
        f.scores[Q1] = rows[i][0];
        f.scores[Q4] = i ? 5 : 1;
        f.scores[OVERALL] = rows[i][4];
        push(st, &f);
    }
    m = model_of(st);
    /* 北: Q1 5 3 -> service 75 (gap -10); Q4 5 5 -> price 100 (gap 20) */
    expect(m, "region", "北", "service", "action_rank", 1, -1);
    absent(m, "region", "北", "price", "action_rank");
    absent(m, "region", "北", "Q1", "action_rank");
    absent(m, "region", "北", "Q1", "gap");
    /* 南: service 0 - 85, price 0 - 80 */
    expect(m, "region", "南", "service", "action_rank", 1, -1);
    expect(m, "region", "南", "price", "action_rank", 2, -1);
    sr_model_free(m);
    sr_stats_free(st);
}

/* Comments, complaints and categories at the edges. */
static void test_comments(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats_opts o = ref_opts();
    struct sr_stats *st;
    struct sr_model *m;
    struct test_form f;
    struct sr_record r = { 0 };
    const char *fields[NFIELDS] = { "F", "东", NULL };
    int32_t scores[NITEMS] = { 4, M, M, M, M, M, M };
    uint64_t choices[NCHOICES] = { 0, 0 };
    int i;

    /* no rules: comments rows only */
    st = sr_stats_new(&fx->t, NULL);
    for (i = 0; i < 4; i++) {
        f = blank("东", NULL);
        f.comment = i % 3;         /* none, a text, an empty text, none */
        f.cats = UINT64_C(1) << 5; /* no category known: ignored */
        push(st, &f);
    }
    m = model_of(st);
    expect(m, "all", "", "comments", "count", 1, 4);
    expect(m, "all", "", "comments", "share", 0.25, 4);
    absent(m, "all", "", "complaints", "count");
    assert_int_equal(m->ncategories, 0);
    assert_int_equal(m->ngroups, 2);
    sr_model_free(m);
    sr_stats_free(st);

    /* rules, but a record the classifier did not see (no derived values);
     * category bits past the last category are ignored */
    st = sr_stats_new(&fx->t, &o);
    r.fields = fields;
    r.scores = scores;
    r.choices = choices;
    for (i = 0; i < 6; i++) {
        r.categories = i < 3 ? (UINT64_C(1) << 63) | 1 : 0;
        r.complaint = i < 2;
        sr_stats_push(st, &r);
    }
    m = model_of(st);
    /* three forms with a category count as commented (no comment text) */
    expect(m, "all", "", "comments", "count", 3, 6);
    expect(m, "all", "", "complaints", "count", 2, 6);
    expect(m, "all", "", "complaints", "share", 2.0 / 6, 6);
    expect(m, "all", "", "服务质量不达标", "count", 3, 3);
    expect(m, "all", "", "服务质量不达标", "share", 1, 3);
    expect(m, "all", "", "服务过程不满意", "count", 0, 3);
    expect(m, "region", "东", "服务过程不满意", "share", 0, 3);
    expect(m, "region", "东", "complaints", "count", 2, 6);
    assert_int_equal(m->groups[2].nvalues, 0); /* cls: no value */
    /* 3 forms in 服务质量不达标: below min_report 5 */
    assert_int_equal(m->groups[3].nvalues, 0);
    absent(m, "category", "服务质量不达标", "forms", "count");
    sr_model_free(m);
    sr_stats_free(st);

    /* sr_model_add_category copies */
    m = sr_model_new(&fx->t);
    sr_model_add_category(m, "甲", NULL, false);
    sr_model_add_category(m, "乙", "服务过程不满意", true);
    assert_int_equal(m->ncategories, 2);
    assert_string_equal(m->categories[1].kind, "服务过程不满意");
    sr_model_free(m);
}

/* dist.c: the two-proportion z-test. */
/* One form with comment @text in categories @cats; field type = @type. */
static void push_comment(struct sr_stats *st, const char *type,
                         const char *text, uint64_t cats)
{
    static const int32_t scores[NITEMS] = { 4, 4, 4, 4, 4, 4, 8 };
    static const uint64_t choices[NCHOICES] = { 0, 0 };
    const char *fields[NFIELDS] = { "F", "东", type };
    const char *dv[NDERIVED] = { NULL, NULL };
    const char *comments[1] = { text };
    struct sr_record r = { 0 };

    r.fields = fields;
    r.scores = scores;
    r.choices = choices;
    r.comments = comments;
    r.derived = dv;
    r.nderived = NDERIVED;
    r.categories = cats;
    r.complaint = (cats & COMPLAINTS) != 0;
    sr_stats_push(st, &r);
}

/* Example comments: the first 3 forms of each category in push order,
 * personal data masked, cut at 300 bytes; a merge appends; a state keeps
 * them; the model carries them. */
static void test_examples(void **state)
{
    struct fixture *fx = *state;
    struct sr_stats_opts o = ref_opts();
    struct sr_stats *a = sr_stats_new(&fx->t, &o);
    struct sr_stats *b = sr_stats_new(&fx->t, &o);
    struct sr_stats *c;
    struct sr_model *m;
    struct sr_diag d = { 0 };
    const char *const *ex;
    char long_text[400];
    char *path = temp_path();
    size_t n;

    fx->t.fields[F_TYPE].pii = true; /* the form's own value is masked */
    push_comment(a, "张三丰", "电话 13812345678，邮箱 zhang.san@example.com",
                 1);
    push_comment(a, "李四", "李四来过，订单 2026-01-05 未到", 1 | 4);
    push_comment(a, "王五", "", 1); /* no text: not an example */
    push_comment(a, "王五", "第三条", 1);
    push_comment(a, "王五", "第四条", 1); /* category 0 is full */
    memset(long_text, 'a', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    memcpy(long_text + 298, "价", 3); /* bytes 298-300: cut before it */
    push_comment(b, "赵六", long_text, 4 | 8);
    push_comment(b, "赵六", "乙", 1);

    ex = sr_stats_examples(a, 0, &n);
    assert_int_equal(n, 3);
    assert_string_equal(ex[0], "电话 138****5678，邮箱 z********@example.com");
    assert_string_equal(ex[1], "李*来过，订单 2026-01-05 未到");
    assert_string_equal(ex[2], "第三条");
    ex = sr_stats_examples(a, 2, &n);
    assert_int_equal(n, 1);
    ex = sr_stats_examples(a, 1, &n);
    assert_int_equal(n, 0);
    ex = sr_stats_examples(b, 3, &n);
    assert_int_equal(n, 1);
    assert_int_equal(strlen(ex[0]), 298 + strlen("…"));
    assert_string_equal(ex[0] + 298, "…");

    /* a merge appends b's after a's, up to 3 */
    sr_stats_merge(a, b);
    ex = sr_stats_examples(a, 2, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ex[0], "李*来过，订单 2026-01-05 未到");
    assert_int_equal(ex[1][0], 'a');
    ex = sr_stats_examples(a, 0, &n);
    assert_int_equal(n, 3);
    assert_string_equal(ex[2], "第三条");

    /* a state keeps them, in order */
    assert_int_equal(sr_stats_save(a, path, &d), SR_OK);
    c = sr_stats_new(&fx->t, &o);
    assert_int_equal(sr_stats_load(c, path, &d), SR_OK);
    ex = sr_stats_examples(c, 2, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ex[0], "李*来过，订单 2026-01-05 未到");

    /* a version 1 state (no example comments) still loads: made here from
     * a version 2 one without examples, its check recomputed */
    {
        struct sr_stats *e = sr_stats_new(&fx->t, &o);
        struct sr_stats *f = sr_stats_new(&fx->t, &o);
        size_t nb;
        unsigned char *bytes;
        uint64_t h = 14695981039346656037ULL;
        size_t i;
        size_t cut;

        push_comment(e, "甲", NULL, 0); /* no comment, no example */
        assert_int_equal(sr_stats_save(e, path, &d), SR_OK);
        bytes = (unsigned char *)slurp(path, &nb);
        /* drop the 4-byte example counts of the 4 categories */
        cut = nb - 8 - 4 * 4;
        bytes[8] = 1;
        for (i = 0; i < cut; i++) {
            h ^= bytes[i];
            h *= 1099511628211ULL;
        }
        for (i = 0; i < 8; i++)
            bytes[cut + i] = (unsigned char)(h >> (8 * i));
        write_file(path, bytes, cut + 8);
        assert_int_equal(sr_stats_load(f, path, &d), SR_OK);
        ex = sr_stats_examples(f, 0, &n);
        assert_int_equal(n, 0);
        free(bytes);
        sr_stats_free(e);
        sr_stats_free(f);
    }

    /* the model */
    assert_int_equal(sr_stats_model(c, &m, &d), SR_OK);
    assert_int_equal(m->ncategories, 4);
    assert_int_equal(m->categories[0].nexamples, 3);
    assert_string_equal(m->categories[0].examples[2], "第三条");
    assert_int_equal(m->categories[1].nexamples, 0);
    assert_int_equal(m->categories[3].nexamples, 1);
    sr_model_free(m);

    fx->t.fields[F_TYPE].pii = false;
    unlink(path);
    free(path);
    sr_stats_free(a);
    sr_stats_free(b);
    sr_stats_free(c);
}

static void test_ztest2(void **state)
{
    double p;

    (void)state;
    /* statsmodels 0.13.5: proportions_ztest([x1, x2], [n1, n2])[1] */
    assert_true(sr_dist_ztest2(5, 12, 11, 28, &p));
    assert_true(close_to(p, 0.8879812988498187));
    assert_true(sr_dist_ztest2(3, 10, 20, 25, &p));
    assert_true(close_to(p, 0.004873682182590473));
    assert_true(sr_dist_ztest2(1, 5, 30, 31, &p));
    assert_true(close_to(p, 4.095983163503258e-06));
    assert_true(sr_dist_ztest2(4, 8, 2, 4, &p));
    assert_true(p == 1);
    /* undefined: an empty side, or a pooled share of 0 or 1 */
    assert_false(sr_dist_ztest2(0, 0, 1, 3, &p));
    assert_false(sr_dist_ztest2(1, 3, 0, 0, &p));
    assert_false(sr_dist_ztest2(0, 3, 0, 5, &p));
    assert_false(sr_dist_ztest2(3, 3, 5, 5, &p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reference, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_previous_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_significance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_action_rank, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_examples, setup, teardown),
        cmocka_unit_test(test_ztest2),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The program that wrote forms[], prev_csv and expected[] (its output is
 * pasted above as it came):
 *
 * # gen2.py - reference figures for tests/unit/test_stats_analysis.c
 * # Run: /usr/bin/python3 gen.py > out.c   (scipy 1.10.1, numpy 1.24.2;
 * # statsmodels 0.13.5 if installed, to cross-check the z-test)
 * import random
 * import numpy as np
 * import scipy
 * import scipy.stats as ss
 * from scipy.optimize import brentq
 *
 * R = random.Random(4242)
 * ITEMS = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'overall', 'recommend']
 * SCALE = {'Q1': (1, 5), 'Q2': (1, 5), 'Q3': (1, 5), 'Q4': (1, 5),
 *          'Q5': (1, 5), 'overall': (1, 5), 'recommend': (0, 10)}
 * DIMS = [('service', ['Q1', 'Q2', 'Q3'], 0.6, 85.0),
 *         ('price', ['Q4'], 0.4, 80.0),
 *         ('spare', ['Q5'], 0.5, 70.0)]        # never answered
 * CHOICES = [('plan', ['1', '2', '3']), ('improve', ['1', '2', '3', '4'])]
 * SEGMENTS = ['region', 'type', 'cls']   # cls: the derived customer_class
 * MIN_REPORT = 5
 * MIN_BASE = 15
 * CATS = [('服务质量不达标', True), ('服务过程不满意', True), ('=价格', False),
 *         ('未分类', False)]
 * # the previous period's stats.csv (its rows as written, guard included)
 * PREV = [
 *     ('all', '', 'Q1', 'mean', '3.25', '40'),
 *     ('all', '', 'Q1', 'sd', '1.2', '40'),
 *     ('all', '', 'Q1', 'index', '56.25', '40'),
 *     ('all', '', 'Q1=1', 'count', '4', '40'),
 *     ('all', '', 'service', 'index', '60.5', '44'),
 *     ('all', '', 'service', 'mean', '3.42', '44'),
 *     ('all', '', 'service', 'sd', '0.9', '44'),
 *     ('all', '', 'overall', 'index', '70', ''),
 *     ('all', '', 'CSI', 'index', '58.125', '45'),
 *     ('all', '', 'NPS', 'index', '-12.5', '40'),
 *     ('all', '', 'forms', 'read', '50', ''),
 *     ('all', '', 'Q9', 'index', '10', '3'),
 *     ('region', '华东', 'Q1', 'mean', '2.5', '12'),
 *     ('region', '华东', 'Q1', 'sd', '1', '12'),
 *     ('region', '华东', 'Q1', 'index', '37.5', '12'),
 *     ('region', '华东', 'price', 'index', '40', '11'),
 *     ('region', '东北', 'Q1', 'index', '90', '9'),
 *     ('type', "'=VIP", 'Q2', 'mean', '4', '2'),
 *     ('type', "'=VIP", 'Q2', 'sd', '0', '2'),
 *     ('type', "'=VIP", 'Q2', 'index', '75', '2'),
 *     ('category', '服务质量不达标', 'service', 'index', '30', '6'),
 *     ('cls', 'A类', 'NPS', 'index', '20', '10'),
 * ]
 * PREVFIG = {}
 * for g, gv, subj, metric, v, n in PREV:
 *     if gv.startswith("'") and gv[1:2] in '=+-@':
 *         gv = gv[1:]
 *     if metric in ('index', 'mean', 'sd'):
 *         PREVFIG.setdefault((g, gv, subj), {})[metric] = (
 *             float(v), int(n) if n else -1)
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
 * regions = (['华东'] * 20 + ['华北'] * 16 + ['西部'] * 4 + [None] * 4
 *            + [''] * 4)
 * types = ['=VIP'] * 12 + ['-散户'] * 16 + ['普通'] * 14 + [None] * 6
 * classes = ['A类'] * 18 + ['B类'] * 22 + ['C类'] * 3 + [None] * 3 + [''] * 2
 * R.shuffle(regions)
 * R.shuffle(types)
 * R.shuffle(classes)
 * for i in range(48):
 *     f = {'region': regions[i], 'type': types[i], 'cls': classes[i]}
 *     f['lvl'] = R.choice(['高', '低', None])   # derived, not a segment
 *     good = f['cls'] == 'A类'
 *     for q in ['Q1', 'Q2', 'Q3', 'Q4']:
 *         f[q] = pick([3, 4, 5, 5, 4, 5] if good else [1, 2, 3, 4, 5, 2, 3],
 *                     0.1)
 *     f['Q5'] = None
 *     f['overall'] = pick([2, 3, 4, 4, 5, 5], 0.05)
 *     f['recommend'] = pick(list(range(11)) + [9, 10, 8], 0.1)
 *     f['plan'] = 0 if R.random() < 0.15 else 1 << R.randrange(3)
 *     f['improve'] = 0 if R.random() < 0.2 else R.randrange(1, 16)
 *     # comment: 0 none, 1 text, 2 empty text; categories only with a text
 *     f['comment'] = R.choice([0, 1, 1, 1, 2])
 *     f['cats'] = 0
 *     if f['comment'] == 1:
 *         f['cats'] = R.choice([1, 2, 3, 4, 5, 8, 8, 1, 2])
 *     f['complaint'] = (f['cats'] & 3) != 0
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
 * def prev(g, gv, subj, idx, n, mean=None, sd=None):
 *     p = PREVFIG.get((g, gv, subj))
 *     if not p or 'index' not in p:
 *         return
 *     put(g, gv, subj, 'prev_index', p['index'][0], p['index'][1])
 *     put(g, gv, subj, 'delta', idx - p['index'][0], n)
 *     if mean is None or sd is None or 'mean' not in p or 'sd' not in p:
 *         return
 *     pm, pn = p['mean']
 *     psd = p['sd'][0]
 *     if pn < 2 or (sd == 0 and psd == 0):
 *         return
 *     r = ss.ttest_ind_from_stats(mean, sd, n, pm, psd, pn, equal_var=False)
 *     put(g, gv, subj, 'p_delta', r.pvalue, n)
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
 *     prev(g, gv, subj, idx, n, m, np.std(a, ddof=1) if n >= 2 else None)
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
 * def group(g, gv, fs, rest_fs, comments=True):
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
 *         prev(g, gv, 'CSI', num / den, ncsi)
 *     rec = [f['recommend'] for f in fs if f['recommend'] is not None]
 *     if rec:
 *         pro = sum(1 for v in rec if v >= 9)
 *         det = sum(1 for v in rec if v <= 6)
 *         nps = 100 * (pro - det) / len(rec)
 *         put(g, gv, 'NPS', 'index', nps, len(rec))
 *         prev(g, gv, 'NPS', nps, len(rec))
 *     for c, opts in CHOICES:
 *         ans = [f[c] for f in fs if f[c]]
 *         if not ans:
 *             continue
 *         for k, o in enumerate(opts):
 *             cnt = sum(1 for m in ans if m & (1 << k))
 *             put(g, gv, '%s=%s' % (c, o), 'count', cnt, len(ans))
 *             put(g, gv, '%s=%s' % (c, o), 'share', cnt / len(ans), len(ans))
 *     if comments and fs:
 *         nf = len(fs)
 *         com = sum(1 for f in fs if f['comment'] == 1)
 *         put(g, gv, 'comments', 'count', com, nf)
 *         put(g, gv, 'comments', 'share', com / nf, nf)
 *         cpl = sum(1 for f in fs if f['complaint'])
 *         put(g, gv, 'complaints', 'count', cpl, nf)
 *         put(g, gv, 'complaints', 'share', cpl / nf, nf)
 *         if com:
 *             for k, (name, _) in enumerate(CATS):
 *                 c = sum(1 for f in fs if f['cats'] & (1 << k))
 *                 put(g, gv, name, 'count', c, com)
 *                 put(g, gv, name, 'share', c / com, com)
 *
 * for metric, v in [('read', 48), ('accepted', 48), ('refused', 0),
 *                   ('out_of_period', 0)]:
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
 * for k, (name, _) in enumerate(CATS):
 *     fs = [f for f in forms if f['cats'] & (1 << k)]
 *     if len(fs) < MIN_REPORT:
 *         continue
 *     put('category', name, 'forms', 'count', len(fs), -1)
 *     put('category', name, 'forms', 'small', 1 if len(fs) < MIN_BASE else 0,
 *         -1)
 *     group('category', name, fs,
 *           [f for f in forms if not f['cats'] & (1 << k)], comments=False)
 *
 * def cstr(s):
 *     return 'NULL' if s is None else '"%s"' % s
 *
 * def cint(v):
 *     return 'M' if v is None else str(v)
 *
 * print('static const struct test_form forms[] = {')
 * for f in forms:
 *     print('    { %s, %s, %s, %s, { %s }, { %d, %d }, %d, %d },' % (
 *         cstr(f['region']), cstr(f['type']), cstr(f['cls']), cstr(f['lvl']),
 *         ', '.join(cint(f[q]) for q in ITEMS), f['plan'], f['improve'],
 *         f['comment'], f['cats']))
 * print('};')
 * print()
 * print('static const char prev_csv[] =')
 * print('    "\\xEF\\xBB\\xBFgroup,group_value,subject,metric,value,n\\n"')
 * for r in PREV:
 *     print('    "%s\\n"' % ','.join(r))
 * print('    ;')
 * print()
 * print('static const struct test_row expected[] = {')
 * for g, gv, subj, metric, v, n in rows:
 *     print('    { "%s", "%s", "%s", "%s", %s, %d },'
 *           % (g, gv, subj, metric, fmt(v), n))
 * print('};')
 */
