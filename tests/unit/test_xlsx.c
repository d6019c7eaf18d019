/* SPDX-License-Identifier: MIT */
/*
 * test_xlsx.c - unit tests of the workbook renderer (statistics.xlsx)
 *
 * Builds a template and a statistics model by hand (with and without what
 * the rules, the archive and a previous period add), writes workbooks under
 * a fresh /tmp directory, and reads them back with an independent reader:
 * openpyxl, through tests/unit/xlsx_dump.py and /usr/bin/python3 (tests
 * that need it are skipped when it is missing).  Every figure shown must be
 * a number equal to the model's in its format, marks and highlights must
 * follow the model, charts must point at the right cells, personal data
 * must be masked, streamed sheets must roll over at the row limit, and two
 * runs with the same epoch must give the same bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/render/xlsx/xlsx.h"
#include "../../src/render/xlsx/xlsx_impl.h"
#include "../../src/check/rejects.h"
#include "../../src/core/config.h"
#include "../../src/core/mem.h"
#include "../../src/core/runinfo.h"
#include "../../src/core/text.h"
#include "../../src/classify/classify.h"
#include "../../src/stats/model.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PYTHON "/usr/bin/python3"
#define EPOCH  1767225600 /* 2026-01-01T00:00:00Z */

/* --- the fixture: template, pipeline, model, refusals --------------------- */

struct fixture {
    struct sr_arena arena;
    struct sr_template t;
    struct sr_config cfg;
    struct sr_run_info ri;
    struct sr_model *m;
    struct sr_rejects *rj;
    char dir[64];
    char path[128];
};

static char *S(struct fixture *f, const char *s)
{
    return sr_arena_strdup(&f->arena, s);
}

static void *A(struct fixture *f, size_t n, size_t size)
{
    void *p = sr_arena_alloc(&f->arena, n * size);

    memset(p, 0, n * size);
    return p;
}

static void build_template(struct fixture *f)
{
    static const char *const sat5[] = { "非常不满意", "不满意", "一般", "满意",
                                        "非常满意" };
    static const struct {
        const char *id;
        const char *label;
        enum sr_role role;
        bool pii;
    } fields[] = {
        { "form_id", "问卷编号", SR_ROLE_FORM_ID, false },
        { "customer_id", "客户编号", SR_ROLE_CUSTOMER_ID, false },
        { "customer_name", "客户名称", SR_ROLE_CUSTOMER_NAME, true },
        { "customer_type", "客户类别", SR_ROLE_SEGMENT, false },
        { "region", "区域", SR_ROLE_SEGMENT, false },
        { "phone", "联系电话", SR_ROLE_NONE, true },
        { "survey_date", "调查日期", SR_ROLE_DATE, false },
    };
    static const struct {
        const char *id;
        const char *text;
        size_t scale;
        int dim;
        enum sr_role role;
    } items[] = {
        { "Q1", "服务人员的服务态度", 0, 0, SR_ROLE_NONE },
        { "Q2", "问题处理的及时性", 0, 0, SR_ROLE_NONE },
        { "Q3", "价格的合理性", 0, 1, SR_ROLE_NONE },
        { "overall", "总体满意度", 0, -1, SR_ROLE_OVERALL },
        { "recommend", "向他人推荐本公司的可能性", 1, -1, SR_ROLE_RECOMMEND },
    };
    static const char *const plan[] = { "个人套餐", "家庭套餐", "企业套餐" };
    static const char *const improve[] = { "网络质量", "资费", "服务态度" };
    struct sr_template *t = &f->t;
    char v[8];
    size_t i;

    memset(t, 0, sizeof(*t));
    t->path = S(f, "templates/forms/test.xml");
    t->id = S(f, "csat");
    t->version = S(f, "2026");
    t->title = S(f, "顾客满意度调查表");
    t->lang = S(f, "zh-CN");

    t->nscales = 2;
    t->scales = A(f, 2, sizeof(*t->scales));
    t->scales[0].id = S(f, "sat5");
    t->scales[0].min = 1;
    t->scales[0].max = 5;
    t->scales[0].npoints = 5;
    t->scales[0].points = A(f, 5, sizeof(struct sr_point));
    for (i = 0; i < 5; i++) {
        t->scales[0].points[i].value = (int)i + 1;
        t->scales[0].points[i].label = S(f, sat5[i]);
    }
    t->scales[1].id = S(f, "nps11");
    t->scales[1].min = 0;
    t->scales[1].max = 10;

    t->nfields = sizeof(fields) / sizeof(fields[0]);
    t->fields = A(f, t->nfields, sizeof(*t->fields));
    for (i = 0; i < t->nfields; i++) {
        t->fields[i].id = S(f, fields[i].id);
        t->fields[i].label = S(f, fields[i].label);
        t->fields[i].role = fields[i].role;
        t->fields[i].pii = fields[i].pii;
    }
    t->form_id_field = 0;
    t->customer_id_field = 1;
    t->date_field = 6;
    t->nsegments = 2;
    t->segments = A(f, 2, sizeof(size_t));
    t->segments[0] = 3;
    t->segments[1] = 4;

    t->ndims = 2;
    t->dims = A(f, 2, sizeof(*t->dims));
    t->dims[0].id = S(f, "service");
    t->dims[0].name = S(f, "服务质量");
    t->dims[0].weight = 0.6;
    t->dims[0].has_target = true;
    t->dims[0].target = 85;
    t->dims[0].nitems = 2;
    t->dims[0].items = A(f, 2, sizeof(size_t));
    t->dims[0].items[0] = 0;
    t->dims[0].items[1] = 1;
    t->dims[1].id = S(f, "price");
    t->dims[1].name = S(f, "套餐价格");
    t->dims[1].weight = 0.4;
    t->dims[1].has_target = true;
    t->dims[1].target = 80;
    t->dims[1].nitems = 1;
    t->dims[1].items = A(f, 1, sizeof(size_t));
    t->dims[1].items[0] = 2;

    t->nitems = sizeof(items) / sizeof(items[0]);
    t->items = A(f, t->nitems, sizeof(*t->items));
    for (i = 0; i < t->nitems; i++) {
        t->items[i].id = S(f, items[i].id);
        t->items[i].text = S(f, items[i].text);
        t->items[i].scale = items[i].scale;
        t->items[i].dim = items[i].dim;
        t->items[i].role = items[i].role;
    }
    t->overall_item = 3;
    t->recommend_item = 4;

    t->nchoices = 2;
    t->choices = A(f, 2, sizeof(*t->choices));
    t->choices[0].id = S(f, "plan");
    t->choices[0].text = S(f, "您目前使用的套餐类型");
    t->choices[0].noptions = 3;
    t->choices[0].options = A(f, 3, sizeof(struct sr_option));
    t->choices[1].id = S(f, "improve");
    t->choices[1].text = S(f, "您最希望我们改进的方面");
    t->choices[1].multiple = true;
    t->choices[1].noptions = 3;
    t->choices[1].options = A(f, 3, sizeof(struct sr_option));
    for (i = 0; i < 3; i++) {
        snprintf(v, sizeof(v), "%zu", i + 1);
        t->choices[0].options[i].value = S(f, v);
        t->choices[0].options[i].label = S(f, plan[i]);
        t->choices[1].options[i].value = S(f, v);
        t->choices[1].options[i].label = S(f, improve[i]);
    }

    t->ncomments = 1;
    t->comments = A(f, 1, sizeof(*t->comments));
    t->comments[0].id = S(f, "C1");
    t->comments[0].text = S(f, "您对我们的意见和建议");
}

/* Figures of the model; the tests compare the workbook with these. */
#define CSI_ALL   82.345678901234
#define NPS_ALL   23.5
#define SVC_INDEX 86.21
#define PRC_INDEX 71.25
#define Q1_MEAN   4.123456789
#define Q1_TOP2   0.81234
#define CT_PLAIN  "一般客户"
#define CT_KEY    "重要客户"
#define CL_VIP    "VIP客户"
#define CL_PLAIN  "普通客户"
#define CAT_SVC   "服务态度"
#define CAT_NET   "网络质量"
#define CAT_NONE  "未分类"

/* The rules' derived fields and comment categories (run info). */
static const struct sr_derived_field derived[] = {
    { "customer_class", "客户分类", true },
    { "sat_level", "满意度等级", false },
};
static const struct sr_category categories[] = {
    { CAT_SVC, false, "服务过程不满意" },
    { CAT_NET, true, "服务质量不符合" },
    { CAT_NONE, false, NULL },
};

/* What the first version of the model held: no rules, no previous period,
 * no archive. */
static void build_model_base(struct sr_model *m)
{
    struct sr_model_group *g;
    char subj[32];
    int k;

    m->read = 2100;
    m->accepted = 2000;
    m->refused = 60;
    m->out_of_period = 40;
    m->min_base = 30;
    sr_model_add(m, "all", NULL, "forms", "read", 2100, -1);
    sr_model_add(m, "all", NULL, "forms", "accepted", 2000, -1);
    sr_model_add(m, "all", NULL, "forms", "refused", 60, -1);
    sr_model_add(m, "all", NULL, "forms", "out_of_period", 40, -1);
    sr_model_add(m, "all", NULL, "CSI", "index", CSI_ALL, 1990);
    sr_model_add(m, "all", NULL, "NPS", "index", NPS_ALL, 1800);

    sr_model_add(m, "all", NULL, "service", "index", SVC_INDEX, 1995);
    sr_model_add(m, "all", NULL, "service", "target", 85, -1);
    sr_model_add(m, "all", NULL, "service", "gap", SVC_INDEX - 85, -1);
    sr_model_add(m, "all", NULL, "service", "alpha", 0.81234, 1900);
    sr_model_add(m, "all", NULL, "price", "index", PRC_INDEX, 1980);
    sr_model_add(m, "all", NULL, "price", "target", 80, -1);
    sr_model_add(m, "all", NULL, "price", "gap", PRC_INDEX - 80, -1);

    sr_model_add(m, "all", NULL, "Q1", "mean", Q1_MEAN, 1990);
    sr_model_add(m, "all", NULL, "Q1", "sd", 0.8, 1990);
    sr_model_add(m, "all", NULL, "Q1", "ci95_low", 4.09, 1990);
    sr_model_add(m, "all", NULL, "Q1", "ci95_high", 4.16, 1990);
    sr_model_add(m, "all", NULL, "Q1", "median", 4, 1990);
    sr_model_add(m, "all", NULL, "Q1", "top2", Q1_TOP2, 1990);
    sr_model_add(m, "all", NULL, "Q1", "bottom2", 0.05, 1990);
    sr_model_add(m, "all", NULL, "Q1", "index", 78.0864, 1990);
    for (k = 1; k <= 5; k++) {
        snprintf(subj, sizeof(subj), "Q1=%d", k);
        sr_model_add(m, "all", NULL, subj, "count", 100 * k, 1990);
        sr_model_add(m, "all", NULL, subj, "share", k / 15.0, 1990);
    }
    /* Q3: one answer only, so no sd and no ci95 (undefined) */
    sr_model_add(m, "all", NULL, "Q3", "mean", 3, 1);
    sr_model_add(m, "all", NULL, "Q3", "index", 50, 1);
    sr_model_add(m, "all", NULL, "recommend", "mean", 7.5, 1800);
    sr_model_add(m, "all", NULL, "recommend", "index", 75, 1800);
    for (k = 0; k <= 10; k++) {
        snprintf(subj, sizeof(subj), "recommend=%d", k);
        sr_model_add(m, "all", NULL, subj, "count", k + 100, 1800);
        sr_model_add(m, "all", NULL, subj, "share", (k + 100) / 1155.0, 1800);
    }
    for (k = 1; k <= 3; k++) {
        snprintf(subj, sizeof(subj), "plan=%d", k);
        sr_model_add(m, "all", NULL, subj, "count", 500 * k, 1500);
        sr_model_add(m, "all", NULL, subj, "share", k / 6.0, 1500);
    }

    g = sr_model_add_group(m, "customer_type", "客户类别");
    sr_model_group_value(m, g, CT_PLAIN, 1500);
    sr_model_group_value(m, g, CT_KEY, 12);
    sr_model_add(m, "customer_type", CT_PLAIN, "forms", "count", 1500, -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "service", "index", 88.8, 1490);
    sr_model_add(m, "customer_type", CT_PLAIN, "service", "p_value", 0.0123,
                 1490);
    sr_model_add(m, "customer_type", CT_PLAIN, "price", "index", 70.5, 1480);
    sr_model_add(m, "customer_type", CT_PLAIN, "price", "p_value", 0.2, 1480);
    sr_model_add(m, "customer_type", CT_PLAIN, "CSI", "index", 81.5, 1490);
    sr_model_add(m, "customer_type", CT_KEY, "forms", "count", 12, -1);
    sr_model_add(m, "customer_type", CT_KEY, "service", "index", 60, 12);
    /* significant by p, but a small base: not marked */
    sr_model_add(m, "customer_type", CT_KEY, "service", "p_value", 0.001, 12);
    g = sr_model_add_group(m, "region", "区域");
    sr_model_group_value(m, g, "华东", 800);
    sr_model_add(m, "region", "华东", "forms", "count", 800, -1);
    sr_model_add(m, "region", "华东", "service", "index", 85.5, 799);

    sr_model_add_source(m, "input/2026/a.csv", 1200, 1150, 30, 20);
    sr_model_add_source(m, "input/2026/b.xml", 900, 850, 30, 20);
}

/* What the statistics colleague adds: derived groups, comment categories,
 * significance and small flags, the previous period, ranks, the archive. */
static void build_model_rich(struct sr_model *m)
{
    struct sr_model_group *g;
    size_t k;

    m->has_previous = true;
    for (k = 0; k < sizeof(categories) / sizeof(categories[0]); k++)
        sr_model_add_category(m, categories[k].name, categories[k].kind,
                              categories[k].complaint);
    sr_model_add(m, "all", NULL, "comments", "count", 400, 2000);
    sr_model_add(m, "all", NULL, "comments", "share", 0.2, 2000);
    sr_model_add(m, "all", NULL, CAT_SVC, "count", 300, 400);
    sr_model_add(m, "all", NULL, CAT_SVC, "share", 0.75, 400);
    sr_model_add(m, "all", NULL, CAT_NET, "count", 120, 400);
    sr_model_add(m, "all", NULL, CAT_NET, "share", 0.3, 400);
    sr_model_add(m, "all", NULL, CAT_NONE, "count", 10, 400);
    sr_model_add(m, "all", NULL, CAT_NONE, "share", 0.025, 400);
    sr_model_add(m, "all", NULL, "complaints", "count", 120, 2000);
    sr_model_add(m, "all", NULL, "complaints", "share", 0.06, 2000);
    sr_model_add(m, "customer_type", CT_PLAIN, "complaints", "count", 90, 1500);
    sr_model_add(m, "customer_type", CT_PLAIN, "complaints", "share", 0.06,
                 1500);
    sr_model_add(m, "customer_type", CT_PLAIN, "forms", "share", 0.75, -1);
    sr_model_add(m, "customer_type", CT_KEY, "forms", "share", 0.006, -1);
    sr_model_add(m, "customer_type", CT_KEY, "forms", "small", 1, -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "forms", "small", 0, -1);
    /* the model's own verdict wins over p: price is marked, service not */
    sr_model_add(m, "customer_type", CT_PLAIN, "service", "significant", 0, -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "price", "significant", 1, -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "Q1", "index", 80.5, 1490);
    sr_model_add(m, "customer_type", CT_PLAIN, "Q1", "p_value", 0.04, 1490);
    sr_model_add(m, "customer_type", CT_PLAIN, "Q1", "top2", 0.85, 1490);
    sr_model_add(m, "customer_type", CT_PLAIN, "Q1", "p_top2", 0.01, 1490);
    sr_model_add(m, "all", NULL, "customers", "count", 900, -1);
    sr_model_add(m, "all", NULL, "customers", "responded", 450, -1);
    sr_model_add(m, "all", NULL, "customers", "response_rate", 0.5, 900);
    sr_model_add(m, "customer_type", CT_PLAIN, "customers", "count", 700, -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "customers", "responded", 350,
                 -1);
    sr_model_add(m, "customer_type", CT_PLAIN, "customers", "response_rate",
                 0.5, 700);

    g = sr_model_add_group(m, "customer_class", "客户分类");
    g->kind = SR_GROUP_DERIVED;
    sr_model_group_value(m, g, CL_PLAIN, 1960);
    sr_model_group_value(m, g, CL_VIP, 40);
    sr_model_add(m, "customer_class", CL_VIP, "forms", "count", 40, -1);
    sr_model_add(m, "customer_class", CL_VIP, "CSI", "index", 91.25, 40);
    sr_model_add(m, "customer_class", CL_VIP, "service", "index", 93.5, 40);
    sr_model_add(m, "customer_class", CL_VIP, "service", "p_value", 0.002, 40);
    sr_model_add(m, "customer_class", CL_VIP, "price", "index", 79.5, 40);
    sr_model_add(m, "customer_class", CL_VIP, "complaints", "count", 1, 40);
    g = sr_model_add_group(m, "category", "category");
    g->kind = SR_GROUP_CATEGORY;
    sr_model_group_value(m, g, CAT_SVC, 300);
    sr_model_group_value(m, g, CAT_NET, 120);
    sr_model_add(m, "category", CAT_SVC, "service", "index", 55.5, 300);
    sr_model_add(m, "category", CAT_NET, "CSI", "index", 61.5, 120);

    sr_model_add(m, "all", NULL, "service", "quadrant", 1, -1);
    sr_model_add(m, "all", NULL, "price", "quadrant", 2, -1);
    sr_model_add(m, "all", NULL, "price", "action_rank", 1, -1);
    sr_model_add(m, "all", NULL, "Q3", "action_rank", 1, -1);
    sr_model_add(m, "all", NULL, "Q1", "r_overall", 0.61, 1990);

    /* previous period: CSI, both dimensions, NPS, Q1; and one segment */
    sr_model_add(m, "all", NULL, "CSI", "prev_index", 80.1, 1800);
    sr_model_add(m, "all", NULL, "CSI", "delta", CSI_ALL - 80.1, -1);
    sr_model_add(m, "all", NULL, "CSI", "p_delta", 0.003, -1);
    sr_model_add(m, "all", NULL, "service", "prev_index", 87.5, 1800);
    sr_model_add(m, "all", NULL, "service", "delta", SVC_INDEX - 87.5, -1);
    sr_model_add(m, "all", NULL, "service", "p_delta", 0.3, -1);
    sr_model_add(m, "all", NULL, "price", "prev_index", 70, 1800);
    sr_model_add(m, "all", NULL, "price", "delta", PRC_INDEX - 70, -1);
    sr_model_add(m, "all", NULL, "NPS", "prev_index", 20, 1700);
    sr_model_add(m, "all", NULL, "NPS", "delta", NPS_ALL - 20, -1);
    sr_model_add(m, "all", NULL, "Q1", "prev_index", 77, 1800);
    sr_model_add(m, "all", NULL, "Q1", "delta", 1.0864, -1);
    sr_model_add(m, "region", "华东", "service", "prev_index", 84, 700);
    sr_model_add(m, "region", "华东", "service", "delta", 1.5, -1);
    sr_model_add(m, "region", "华东", "service", "p_delta", 0.02, -1);
}

static void build_rejects(struct fixture *f)
{
    char path[160];

    snprintf(path, sizeof(path), "%s/rejects.csv", f->dir);
    assert_int_equal(sr_rejects_open(&f->rj, path, NULL), SR_OK);
    sr_rejects_add(f->rj, "input/2026/a.csv", 12, "F000777", "phone",
                   "value '13812345678' does not match '^1[3-9]\\d{9}$'");
    sr_rejects_add(f->rj, "input/2026/a.csv", 20, "F000778", "Q1",
                   "value '6' outside 1..5");
    sr_rejects_add(f->rj, "input/2026/b.xml", 7, "F000777", "form_id",
                   "duplicate form_id 'F000777'");
    assert_int_equal(sr_rejects_close(f->rj, NULL), SR_OK);
}

static int setup_with(void **state, bool rich)
{
    struct fixture *f = xcalloc(1, sizeof(*f));

    sr_arena_init(&f->arena);
    snprintf(f->dir, sizeof(f->dir), "/tmp/sr-test-xlsx-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof(f->path), "%s/statistics.xlsx", f->dir);
    build_template(f);
    f->cfg.path = S(f, "/srv/satreport/pipelines/annual-2026.ini");
    f->cfg.title = S(f, "2026年度顾客满意度调查分析报告");
    f->cfg.organization = S(f, "某某通信有限公司 & 子公司");
    f->cfg.confidentiality = S(f, "机密");
    f->cfg.prepared_by = S(f, "客户服务部");
    f->cfg.period = S(f, "2026-01-01..2026-12-31");
    f->cfg.records = true;
    f->ri.cfg = &f->cfg;
    f->ri.epoch = EPOCH;
    snprintf(f->ri.date, sizeof(f->ri.date), "2026-01-01");
    f->ri.version = "0.1.0";
    f->m = sr_model_new(&f->t);
    build_model_base(f->m);
    if (rich) {
        f->cfg.previous = S(f, "/srv/satreport/output/annual-2025/stats.csv");
        f->ri.derived = derived;
        f->ri.nderived = sizeof(derived) / sizeof(derived[0]);
        f->ri.categories = categories;
        f->ri.ncategories = sizeof(categories) / sizeof(categories[0]);
        f->ri.status = "送审稿";
        memset(f->t.sha256, 0xab, sizeof(f->t.sha256));
        f->t.sha256[31] = 0x01;
        build_model_rich(f->m);
    }
    build_rejects(f);
    unsetenv("SATREPORT_XLSX_PASSWORD");
    *state = f;
    return 0;
}

static int setup(void **state)
{
    return setup_with(state, true);
}

static int setup_bare(void **state)
{
    return setup_with(state, false);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    DIR *d = opendir(f->dir);
    struct dirent *e;
    char p[512];

    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(f->dir);
    sr_rejects_free(f->rj);
    sr_model_free(f->m);
    sr_arena_release(&f->arena);
    free(f);
    sr_xlsx_set_row_limit(0);
    sr_xlsx_set_sheet_bytes(0);
    unsetenv("SATREPORT_XLSX_PASSWORD");
    return 0;
}

/* --- records ------------------------------------------------------------- */

struct rec {
    char form_id[16];
    char customer_id[16];
    char phone[16];
    const char *fields[7];
    int32_t scores[5];
    uint64_t choices[2];
    const char *comments[1];
    const char *derived[2];
    struct sr_record r;
};

#define COMMENT  "客服响应很快,但套餐价格偏高"
#define COMMENT2 "张三丰的电话13912345678，邮箱zsf@example.com，网络差"

/*
 * Record @i: values follow i so a test can tell what any row must hold.
 * Comments: i % 8 == 4 COMMENT2 (服务态度 and 网络质量, a complaint; it
 * holds personal data), other i % 4 == 0 COMMENT (服务态度).
 */
static const struct sr_record *make_record(struct rec *b, long i)
{
    memset(b, 0, sizeof(*b));
    snprintf(b->form_id, sizeof(b->form_id), "F%06ld", i);
    snprintf(b->customer_id, sizeof(b->customer_id), "KH%06ld", i % 500);
    snprintf(b->phone, sizeof(b->phone), "138%08ld", i);
    b->fields[0] = b->form_id;
    b->fields[1] = b->customer_id;
    b->fields[2] = i % 2 ? "Li Lei Hanmeimei" : "张三丰";
    b->fields[3] = i % 3 ? CT_PLAIN : CT_KEY;
    b->fields[4] = i % 2 ? "华东" : "华北";
    b->fields[5] = i % 5 == 4 ? NULL : b->phone;
    b->fields[6] = "2026-01-01"; /* text as read; r.date is what counts */
    b->scores[0] = (int32_t)(1 + i % 5);
    b->scores[1] = i % 7 == 0 ? SR_MISSING : (int32_t)(1 + i % 4);
    b->scores[2] = (int32_t)(5 - i % 5);
    b->scores[3] = 4;
    b->scores[4] = (int32_t)(i % 11);
    b->choices[0] = (uint64_t)1 << (i % 3);
    b->choices[1] = (uint64_t)(i % 8);
    b->comments[0] = i % 8 == 4 ? COMMENT2 : i % 4 == 0 ? COMMENT : NULL;
    b->derived[0] = i % 50 == 0 ? CL_VIP : CL_PLAIN;
    b->derived[1] = i % 3 ? "满意" : NULL;
    b->r.fields = b->fields;
    b->r.scores = b->scores;
    b->r.choices = b->choices;
    b->r.comments = b->comments;
    b->r.date = 20260101 + (int)(i % 28);
    b->r.derived = b->derived;
    b->r.nderived = 2;
    b->r.categories = i % 8 == 4 ? 3 : i % 4 == 0 ? 1 : 0;
    b->r.complaint = i % 8 == 4;
    return &b->r;
}

static void write_workbook(struct fixture *f, const char *path, bool records,
                           long nrecords)
{
    struct sr_xlsx *x = NULL;
    struct sr_diag d;
    struct rec b;
    char msg[2048];
    long i;

    sr_diag_clear(&d);
    if (sr_xlsx_open(&x, path, &f->t, &f->ri, records, &d) != SR_OK)
        fail_msg("%s", sr_diag_format(&d, msg, sizeof(msg)));
    for (i = 0; i < nrecords; i++)
        if (sr_xlsx_record(x, make_record(&b, i), &d) != SR_OK)
            fail_msg("%s", sr_diag_format(&d, msg, sizeof(msg)));
    if (sr_xlsx_finish(x, f->m, f->rj, &d) != SR_OK)
        fail_msg("%s", sr_diag_format(&d, msg, sizeof(msg)));
    sr_xlsx_free(x);
}

/* --- reading back: xlsx_dump.py output ----------------------------------- */

struct line {
    char kind;
    char *f[8];
    size_t nf;
};

struct dump {
    struct line *lines;
    size_t n;
};

static void unescape(char *s)
{
    char *o = s;

    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static bool have_python(void)
{
    return access(PYTHON, X_OK) == 0;
}

/* the script sits next to this file (tests are run from the repository) */
static void script_path(char *out, size_t n)
{
    const char *slash = strrchr(__FILE__, '/');

    if (slash)
        snprintf(out, n, "%.*s/xlsx_dump.py", (int)(slash - __FILE__),
                 __FILE__);
    else
        snprintf(out, n, "xlsx_dump.py");
}

static void dump_load(struct dump *d, const char *path)
{
    char script[512];
    char cmd[1024];
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    FILE *p;
    size_t alloc = 0;
    int rc;

    memset(d, 0, sizeof(*d));
    script_path(script, sizeof(script));
    snprintf(cmd, sizeof(cmd), "%s '%s' '%s'", PYTHON, script, path);
    p = popen(cmd, "r");
    assert_non_null(p);
    while ((len = getline(&buf, &cap, p)) > 0) {
        struct line *l;
        char *s;

        if (buf[len - 1] == '\n')
            buf[len - 1] = '\0';
        if (d->n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            d->lines = xreallocarray(d->lines, alloc, sizeof(*d->lines));
        }
        l = &d->lines[d->n++];
        memset(l, 0, sizeof(*l));
        l->kind = buf[0];
        s = xstrdup(buf[0] && buf[1] == '\t' ? buf + 2 : "");
        while (l->nf < 8) {
            char *tab = strchr(s, '\t');

            l->f[l->nf++] = s;
            if (!tab)
                break;
            *tab = '\0';
            s = tab + 1;
        }
        for (size_t i = 0; i < l->nf; i++)
            unescape(l->f[i]);
    }
    free(buf);
    rc = pclose(p);
    if (rc != 0)
        fail_msg("openpyxl could not read '%s' (status %d)", path, rc);
}

static void dump_free(struct dump *d)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        free(d->lines[i].f[0]); /* one allocation per line */
    free(d->lines);
}

static const char *prop(const struct dump *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == 'P' && !strcmp(d->lines[i].f[0], name))
            return d->lines[i].nf > 1 ? d->lines[i].f[1] : "";
    return NULL;
}

static const struct line *sheet(const struct dump *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == 'S' && !strcmp(d->lines[i].f[1], name))
            return &d->lines[i];
    return NULL;
}

static const struct line *hf(const struct dump *d, const char *name)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == 'H' && !strcmp(d->lines[i].f[0], name))
            return &d->lines[i];
    return NULL;
}

static double width(const struct dump *d, const char *name, long col)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const struct line *l = &d->lines[i];

        if (l->kind == 'W' && !strcmp(l->f[0], name) &&
            strtol(l->f[1], NULL, 10) == col)
            return strtod(l->f[2], NULL);
    }
    return 0;
}

/* a cell: f[0] sheet, f[1] row, f[2] col, f[3] type, f[4] format, f[5] */
static const struct line *cell(const struct dump *d, const char *name, long row,
                               long col)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const struct line *l = &d->lines[i];

        if (l->kind == 'C' && l->nf >= 6 && !strcmp(l->f[0], name) &&
            strtol(l->f[1], NULL, 10) == row &&
            strtol(l->f[2], NULL, 10) == col)
            return l;
    }
    return NULL;
}

/* the first row whose cell in @col is the text @text, or -1 */
static long row_of(const struct dump *d, const char *name, long col,
                   const char *text)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const struct line *l = &d->lines[i];

        if (l->kind == 'C' && l->nf >= 6 && !strcmp(l->f[0], name) &&
            strtol(l->f[2], NULL, 10) == col && !strcmp(l->f[5], text))
            return strtol(l->f[1], NULL, 10);
    }
    return -1;
}

static long col_of(const struct dump *d, const char *name, long row,
                   const char *text)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const struct line *l = &d->lines[i];

        if (l->kind == 'C' && l->nf >= 6 && !strcmp(l->f[0], name) &&
            strtol(l->f[1], NULL, 10) == row && !strcmp(l->f[5], text))
            return strtol(l->f[2], NULL, 10);
    }
    return -1;
}

#define ROW(d, sh, col, text) row_of_checked(d, sh, col, text, __LINE__)

static long row_of_checked(const struct dump *d, const char *name, long col,
                           const char *text, int line)
{
    long r = row_of(d, name, col, text);

    if (r < 0)
        fail_msg("line %d: no row with '%s' in sheet '%s' column %ld", line,
                 text, name, col);
    return r;
}

/* The cell must be a number equal to @want with number format @fmt (NULL:
 * any).  libxlsxwriter writes numbers with %.16g (Excel keeps 15 digits),
 * so "equal" is to 16 significant digits. */
#define NUM(d, sh, r, c, want, fmt) expect_num(d, sh, r, c, want, fmt, __LINE__)

static void expect_num(const struct dump *d, const char *name, long row,
                       long col, double want, const char *fmt, int line)
{
    const struct line *l = cell(d, name, row, col);
    double got;

    if (!l)
        fail_msg("line %d: sheet '%s' row %ld col %ld is empty", line, name,
                 row, col);
    if (strcmp(l->f[3], "n"))
        fail_msg("line %d: sheet '%s' row %ld col %ld is '%s', not a number",
                 line, name, row, col, l->f[5]);
    got = strtod(l->f[5], NULL);
    if (fabs(got - want) > 1e-15 * fabs(want))
        fail_msg("line %d: sheet '%s' row %ld col %ld: %.17g, want %.17g", line,
                 name, row, col, got, want);
    if (fmt && strcmp(l->f[4], fmt))
        fail_msg("line %d: sheet '%s' row %ld col %ld: format '%s', want '%s'",
                 line, name, row, col, l->f[4], fmt);
}

#define STR(d, sh, r, c, want) expect_str(d, sh, r, c, want, __LINE__)

static void expect_str(const struct dump *d, const char *name, long row,
                       long col, const char *want, int line)
{
    const struct line *l = cell(d, name, row, col);

    if (!l)
        fail_msg("line %d: sheet '%s' row %ld col %ld is empty, want '%s'",
                 line, name, row, col, want);
    if (strcmp(l->f[3], "s") || strcmp(l->f[5], want))
        fail_msg("line %d: sheet '%s' row %ld col %ld: %s '%s', want '%s'",
                 line, name, row, col, l->f[3], l->f[5], want);
}

#define EMPTY(d, sh, r, c)                                                  \
    do {                                                                    \
        if (cell(d, sh, r, c))                                              \
            fail_msg("line %d: sheet '%s' row %ld col %ld should be empty", \
                     __LINE__, sh, (long)(r), (long)(c));                   \
    } while (0)

/* True if @s reads whole as a number (also 12.5%): it should have been
 * written as one. */
static bool looks_numeric(const char *s)
{
    char *end;

    if (!*s)
        return false;
    strtod(s, &end);
    if (end == s)
        return false;
    return !*end || !strcmp(end, "%");
}

static char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    size_t got;

    assert_non_null(fp);
    *n = 0;
    do {
        cap += 65536;
        buf = xrealloc(buf, cap);
        got = fread(buf + *n, 1, cap - *n, fp);
        *n += got;
    } while (*n == cap);
    fclose(fp);
    return buf;
}

static bool contains(const char *buf, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    size_t i;

    for (i = 0; i + k <= n; i++)
        if (!memcmp(buf + i, needle, k))
            return true;
    return false;
}

/* the @n-th line of @kind for sheet @name (f[0]), or NULL */
static const struct line *nth(const struct dump *d, char kind, const char *name,
                              int n)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == kind && !strcmp(d->lines[i].f[0], name) &&
            n-- == 0)
            return &d->lines[i];
    return NULL;
}

/* the conditional format of @name over @range, or NULL */
static const struct line *cond(const struct dump *d, const char *name,
                               const char *range)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == 'F' && !strcmp(d->lines[i].f[0], name) &&
            !strcmp(d->lines[i].f[1], range))
            return &d->lines[i];
    return NULL;
}

static long count_kind(const struct dump *d, char kind, const char *name)
{
    size_t i;
    long n = 0;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == kind && !strcmp(d->lines[i].f[0], name))
            n++;
    return n;
}

static const char *fmt_of(const struct dump *d, const char *name, long row,
                          long col)
{
    const struct line *l = cell(d, name, row, col);

    return l ? l->f[4] : "";
}

/* No text cell of the statistics sheets reads as a number. */
static void expect_no_text_numbers(const struct dump *d)
{
    static const char *const sheets[] = { "汇总", "客户统计", "题目统计",
                                          "分组对比", "同比" };
    size_t i;
    size_t k;

    for (i = 0; i < d->n; i++) {
        const struct line *l = &d->lines[i];

        if (l->kind != 'C' || l->f[3][0] != 's')
            continue;
        for (k = 0; k < sizeof(sheets) / sizeof(sheets[0]); k++)
            if (!strcmp(l->f[0], sheets[k]) && looks_numeric(l->f[5]))
                fail_msg("sheet '%s' row %s col %s: number '%s' stored as "
                         "text",
                         l->f[0], l->f[1], l->f[2], l->f[5]);
    }
}

/* --- tests --------------------------------------------------------------- */

static void test_sheets_and_properties(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = { "汇总",     "客户统计", "题目统计",
                                         "分组对比", "同比",     "意见分类",
                                         "明细",     "拒收记录", "说明" };
    struct dump d;
    size_t i;

    if (!have_python())
        skip();
    write_workbook(f, f->path, true, 10);
    dump_load(&d, f->path);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const struct line *s = sheet(&d, names[i]);
        const struct line *h = hf(&d, names[i]);

        if (!s)
            fail_msg("no sheet '%s'", names[i]);
        assert_int_equal(strtol(s->f[0], NULL, 10), (long)i);
        assert_non_null(h);
        /* the marking in every page header and footer */
        assert_non_null(strstr(h->f[1], "机密")); /* header, right */
        assert_string_equal(h->f[2], "机密");     /* footer, right */
        /* raw header text: '&' is doubled, as Excel wants it */
        assert_string_equal(h->f[3], "某某通信有限公司 && 子公司");
    }
    assert_null(sheet(&d, "明细2"));
    assert_null(sheet(&d, "意见分类2"));
    assert_string_equal(prop(&d, "title"), "2026年度顾客满意度调查分析报告");
    assert_string_equal(prop(&d, "subject"), "顾客满意度调查表");
    assert_string_equal(prop(&d, "creator"), "客户服务部");
    assert_string_equal(prop(&d, "company"), "某某通信有限公司 &amp; 子公司");
    assert_string_equal(prop(&d, "category"), "机密");
    assert_string_equal(prop(&d, "keywords"), "csat");
    assert_string_equal(prop(&d, "description"), "satreport 0.1.0");
    assert_string_equal(prop(&d, "contentStatus"), "送审稿");
    assert_string_equal(prop(&d, "created"), "2026-01-01T00:00:00");
    /* frozen header rows (and the label columns of wide tables) */
    assert_string_equal(sheet(&d, "客户统计")->f[2], "C2");
    assert_string_equal(sheet(&d, "题目统计")->f[2], "C2");
    assert_string_equal(sheet(&d, "分组对比")->f[2], "C2");
    assert_string_equal(sheet(&d, "同比")->f[2], "D2");
    assert_string_equal(sheet(&d, "意见分类")->f[2], "B2");
    assert_string_equal(sheet(&d, "拒收记录")->f[2], "A2");
    assert_string_equal(sheet(&d, "明细")->f[2], "A2");
    /* an autofilter on every table sheet */
    for (i = 1; i < 8; i++)
        if (!*sheet(&d, names[i])->f[3])
            fail_msg("sheet '%s' has no autofilter", names[i]);
    dump_free(&d);
}

/* 机密: every sheet protected, filtering allowed; the password (from the
 * environment) is stored as a hash only. */
static void test_protection(void **state)
{
    struct fixture *f = *state;
    struct dump d;
    size_t i;
    long sheets = 0;
    char *a;
    size_t na;

    if (!have_python())
        skip();
    setenv("SATREPORT_XLSX_PASSWORD", "s3cret-pw", 1);
    write_workbook(f, f->path, true, 10);
    dump_load(&d, f->path);
    for (i = 0; i < d.n; i++) {
        const struct line *l = &d.lines[i];

        if (l->kind != 'X')
            continue;
        sheets++;
        if (strcmp(l->f[1], "1") || !*l->f[2] || strcmp(l->f[3], "0"))
            fail_msg("sheet '%s' not protected as it should: %s %s %s", l->f[0],
                     l->f[1], l->f[2], l->f[3]);
    }
    assert_int_equal(sheets, 9);
    dump_free(&d);
    a = slurp(f->path, &na);
    assert_false(contains(a, na, "s3cret")); /* only its hash, deflated */
    free(a);

    /* without a password: protected all the same */
    unsetenv("SATREPORT_XLSX_PASSWORD");
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    assert_string_equal(nth(&d, 'X', "汇总", 0)->f[1], "1");
    assert_string_equal(nth(&d, 'X', "汇总", 0)->f[2], "");
    dump_free(&d);

    /* 内部: not protected */
    f->cfg.confidentiality = S(f, "内部");
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    assert_string_equal(nth(&d, 'X', "汇总", 0)->f[1], "0");
    assert_string_equal(nth(&d, 'X', "说明", 0)->f[1], "0");
    dump_free(&d);
}

static void test_summary(void **state)
{
    struct fixture *f = *state;
    const char *sh = "汇总";
    const struct line *g;
    const struct line *se;
    struct dump d;
    long r;
    long first;
    char ref[64];
    char want[64];

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 0, "2026年度顾客满意度调查分析报告");
    STR(&d, sh, ROW(&d, sh, 0, "密级"), 1, "机密");
    STR(&d, sh, ROW(&d, sh, 0, "单位"), 1, "某某通信有限公司 & 子公司");
    STR(&d, sh, ROW(&d, sh, 0, "调查期间"), 1, "2026-01-01..2026-12-31");
    STR(&d, sh, ROW(&d, sh, 0, "文件状态"), 1, "送审稿");
    r = ROW(&d, sh, 0, "生成日期");
    assert_string_equal(cell(&d, sh, r, 1)->f[3], "d");
    assert_string_equal(cell(&d, sh, r, 1)->f[5], "2026-01-01");
    NUM(&d, sh, ROW(&d, sh, 0, "读取"), 1, 2100, NULL);
    NUM(&d, sh, ROW(&d, sh, 0, "有效（纳入分析）"), 1, 2000, NULL);
    NUM(&d, sh, ROW(&d, sh, 0, "拒收"), 1, 60, NULL);
    NUM(&d, sh, ROW(&d, sh, 0, "调查期间外"), 1, 40, NULL);
    r = ROW(&d, sh, 0, "顾客满意度指数 CSI");
    NUM(&d, sh, r, 1, CSI_ALL, "0.0");
    NUM(&d, sh, r, 2, 1990, NULL);
    NUM(&d, sh, r, 3, 80.1, "0.0");
    NUM(&d, sh, r, 4, CSI_ALL - 80.1, "+0.0\"*\";-0.0\"*\";0.0\"*\"");
    r = ROW(&d, sh, 0, "净推荐值 NPS");
    NUM(&d, sh, r, 1, NPS_ALL, "0.0");
    NUM(&d, sh, r, 4, NPS_ALL - 20, "+0.0;-0.0;0.0"); /* no p: no mark */

    first = ROW(&d, sh, 0, "服务质量");
    r = first;
    STR(&d, sh, r - 1, 8, "象限");
    STR(&d, sh, r - 1, 9, "改进优先级");
    NUM(&d, sh, r, 1, 0.6, "0.00");
    NUM(&d, sh, r, 2, SVC_INDEX, "0.0");
    NUM(&d, sh, r, 3, 85, "0.0");
    STR(&d, sh, r, 4, "达标");
    NUM(&d, sh, r, 5, SVC_INDEX - 85, "+0.0;-0.0;0.0");
    NUM(&d, sh, r, 6, 0.81234, "0.000");
    NUM(&d, sh, r, 7, 1995, NULL);
    STR(&d, sh, r, 8, "优势区");
    EMPTY(&d, sh, r, 9);
    r = ROW(&d, sh, 0, "套餐价格");
    STR(&d, sh, r, 4, "未达标");
    NUM(&d, sh, r, 5, PRC_INDEX - 80, NULL);
    EMPTY(&d, sh, r, 6); /* alpha undefined for one item */
    STR(&d, sh, r, 8, "修补区");
    NUM(&d, sh, r, 9, 1, "0");
    /* below target: a conditional format per dimension, at its target */
    snprintf(ref, sizeof(ref), "C%ld", first + 1);
    assert_string_equal(cond(&d, sh, ref)->f[2], "expression");
    snprintf(want, sizeof(want), "AND(ISNUMBER(C%ld),C%ld<85)", first + 1,
             first + 1);
    assert_string_equal(cond(&d, sh, ref)->f[4], want);
    snprintf(ref, sizeof(ref), "C%ld", r + 1);
    snprintf(want, sizeof(want), "AND(ISNUMBER(C%ld),C%ld<80)", r + 1, r + 1);
    assert_string_equal(cond(&d, sh, ref)->f[4], want);

    /* the chart: indices as columns, the target drawn over them */
    assert_int_equal(count_kind(&d, 'G', sh), 1);
    g = nth(&d, 'G', sh, 0);
    assert_string_equal(g->f[1], "barChart:col");
    assert_string_equal(g->f[2], "各维度满意度指数与目标");
    assert_string_equal(g->f[3], "维度");
    assert_string_equal(g->f[4], "指数（0–100）");
    assert_string_equal(g->f[5], "b");
    se = nth(&d, 'J', sh, 0);
    assert_string_equal(se->f[1], "指数");
    snprintf(ref, sizeof(ref), "'汇总'!$A$%ld:$A$%ld", first + 1, r + 1);
    assert_string_equal(se->f[2], ref);
    snprintf(ref, sizeof(ref), "'汇总'!$C$%ld:$C$%ld", first + 1, r + 1);
    assert_string_equal(se->f[3], ref);
    assert_string_equal(se->f[4], "1");
    se = nth(&d, 'J', sh, 1);
    assert_string_equal(se->f[1], "目标");
    snprintf(ref, sizeof(ref), "'汇总'!$D$%ld:$D$%ld", first + 1, r + 1);
    assert_string_equal(se->f[3], ref);

    /* comment categories: every share with its base */
    r = ROW(&d, sh, 0, "有意见的表单");
    STR(&d, sh, r - 1, 4, "占比");
    STR(&d, sh, r - 1, 5, "基数");
    NUM(&d, sh, r, 3, 400, "0");
    NUM(&d, sh, r, 4, 0.2, "0.0%");
    NUM(&d, sh, r, 5, 2000, "0");
    r = ROW(&d, sh, 0, CAT_NET);
    STR(&d, sh, r, 1, "服务质量不符合");
    NUM(&d, sh, r, 2, 1, "\"是\";\"是\";\"否\"");
    NUM(&d, sh, r, 3, 120, NULL);
    NUM(&d, sh, r, 4, 0.3, "0.0%");
    NUM(&d, sh, r, 5, 400, NULL);
    NUM(&d, sh, ROW(&d, sh, 0, CAT_SVC), 2, 0, NULL);
    EMPTY(&d, sh, ROW(&d, sh, 0, CAT_NONE), 1);
    r = ROW(&d, sh, 0, "投诉（合计）");
    NUM(&d, sh, r, 3, 120, NULL);
    NUM(&d, sh, r, 4, 0.06, "0.0%");
    NUM(&d, sh, r, 5, 2000, NULL);

    r = ROW(&d, sh, 0, "input/2026/b.xml");
    NUM(&d, sh, r, 1, 900, NULL);
    NUM(&d, sh, r, 4, 20, NULL);
    expect_no_text_numbers(&d);
    /* widths follow the content: column A holds 顾客满意度指数 CSI */
    assert_true(width(&d, sh, 0) >= 18);
    dump_free(&d);
}

static void test_customers(void **state)
{
    struct fixture *f = *state;
    const char *sh = "客户统计";
    struct dump d;
    long r;
    long c;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 0, "分组");
    STR(&d, sh, 0, 2, "档案客户数");
    STR(&d, sh, 0, 3, "应答客户数");
    STR(&d, sh, 0, 4, "应答率");
    STR(&d, sh, 0, 5, "表单数");
    STR(&d, sh, 0, 6, "表单占比");
    STR(&d, sh, 0, 7, "CSI");
    STR(&d, sh, 0, 8, "服务质量");
    STR(&d, sh, 0, 9, "套餐价格");
    STR(&d, sh, 0, 10, "NPS");
    STR(&d, sh, 0, 11, "投诉数");
    STR(&d, sh, 0, 12, "投诉率");
    STR(&d, sh, 0, 13, "备注");
    r = ROW(&d, sh, 0, "全部");
    NUM(&d, sh, r, 2, 900, "0");
    NUM(&d, sh, r, 4, 0.5, "0.0%");
    NUM(&d, sh, r, 5, 2000, "0");
    EMPTY(&d, sh, r, 6);
    NUM(&d, sh, r, 7, CSI_ALL, "0.0");
    NUM(&d, sh, r, 8, SVC_INDEX, "0.0");
    NUM(&d, sh, r, 10, NPS_ALL, "0.0");
    NUM(&d, sh, r, 11, 120, "0");
    NUM(&d, sh, r, 12, 0.06, "0.0%");
    r = ROW(&d, sh, 1, CT_PLAIN);
    STR(&d, sh, r, 0, "客户类别");
    NUM(&d, sh, r, 3, 350, NULL);
    NUM(&d, sh, r, 5, 1500, NULL);
    NUM(&d, sh, r, 6, 0.75, "0.0%");
    NUM(&d, sh, r, 9, 70.5, "0.0");
    NUM(&d, sh, r, 11, 90, NULL);
    EMPTY(&d, sh, r, 13);
    r = ROW(&d, sh, 1, CT_KEY); /* small: greyed and said */
    NUM(&d, sh, r, 5, 12, "0");
    NUM(&d, sh, r, 8, 60, "0.0");
    STR(&d, sh, r, 13, "样本少");
    /* derived groups are customer groups too; categories are not */
    r = ROW(&d, sh, 1, CL_VIP);
    STR(&d, sh, r, 0, "客户分类");
    NUM(&d, sh, r, 5, 40, NULL);
    NUM(&d, sh, r, 7, 91.25, "0.0");
    NUM(&d, sh, r, 11, 1, NULL);
    assert_int_equal(row_of(&d, sh, 1, CAT_SVC), -1);
    /* 全部, 2 + 1 + 2 values: A1:N7 */
    assert_string_equal(sheet(&d, sh)->f[3], "A1:N7");
    /* below target, per dimension column */
    assert_string_equal(cond(&d, sh, "I2:I7")->f[4], "AND(ISNUMBER(I2),I2<85)");
    assert_string_equal(cond(&d, sh, "J2:J7")->f[4], "AND(ISNUMBER(J2),J2<80)");
    c = col_of(&d, sh, 0, "备注");
    assert_int_equal(c, 13);
    expect_no_text_numbers(&d);
    assert_non_null(strstr(cell(&d, sh,
                                ROW(&d, sh, 0,
                                    "样本少：表单数少于 30，"
                                    "结论仅供参考（数字以灰色"
                                    "斜体显示）。"),
                                0)
                               ->f[5],
                           "30"));
    dump_free(&d);
}

static void test_items(void **state)
{
    struct fixture *f = *state;
    const char *sh = "题目统计";
    struct dump d;
    long r;
    long c;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    /* 5 items; 13 columns, r, rank, then 0..10 (count, share) */
    assert_string_equal(sheet(&d, sh)->f[3], "A1:AK6");
    STR(&d, sh, 0, 13, "与总体满意度相关");
    STR(&d, sh, 0, 14, "改进优先级");
    r = ROW(&d, sh, 0, "Q1");
    STR(&d, sh, r, 1, "服务人员的服务态度");
    STR(&d, sh, r, 2, "服务质量");
    NUM(&d, sh, r, col_of(&d, sh, 0, "有效样本"), 1990, NULL);
    NUM(&d, sh, r, col_of(&d, sh, 0, "均值"), Q1_MEAN, "0.00");
    NUM(&d, sh, r, col_of(&d, sh, 0, "标准差"), 0.8, "0.00");
    NUM(&d, sh, r, col_of(&d, sh, 0, "95%置信下限"), 4.09, "0.00");
    NUM(&d, sh, r, col_of(&d, sh, 0, "中位数"), 4, NULL);
    NUM(&d, sh, r, col_of(&d, sh, 0, "前两项占比"), Q1_TOP2, "0.0%");
    NUM(&d, sh, r, col_of(&d, sh, 0, "后两项占比"), 0.05, "0.0%");
    NUM(&d, sh, r, col_of(&d, sh, 0, "指数"), 78.0864, "0.0");
    NUM(&d, sh, r, 13, 0.61, "0.000");
    EMPTY(&d, sh, r, 14);
    NUM(&d, sh, r, col_of(&d, sh, 0, "5分人数"), 500, NULL);
    NUM(&d, sh, r, col_of(&d, sh, 0, "5分占比"), 5 / 15.0, "0.0%");
    c = col_of(&d, sh, 0, "0分人数");
    assert_true(c > 0);
    EMPTY(&d, sh, r, c); /* not a point of sat5 */
    r = ROW(&d, sh, 0, "Q3");
    NUM(&d, sh, r, col_of(&d, sh, 0, "均值"), 3, "0.00");
    EMPTY(&d, sh, r, col_of(&d, sh, 0, "标准差"));
    EMPTY(&d, sh, r, col_of(&d, sh, 0, "95%置信上限"));
    NUM(&d, sh, r, 14, 1, "0");
    r = ROW(&d, sh, 0, "recommend");
    NUM(&d, sh, r, col_of(&d, sh, 0, "0分人数"), 100, NULL);
    NUM(&d, sh, r, col_of(&d, sh, 0, "10分占比"), 110 / 1155.0, "0.0%");
    EMPTY(&d, sh, r, 2); /* no dimension */
    /* the choice block below */
    r = ROW(&d, sh, 2, "家庭套餐");
    STR(&d, sh, r, 0, "plan");
    NUM(&d, sh, r, 3, 1000, NULL);
    NUM(&d, sh, r, 4, 2 / 6.0, "0.0%");
    NUM(&d, sh, r, 5, 1500, NULL);
    r = ROW(&d, sh, 2, "资费"); /* improve: no figures in the model */
    EMPTY(&d, sh, r, 3);
    EMPTY(&d, sh, r, 4);
    /* the text column is as wide as the longest text (CJK counts 2) */
    assert_true(width(&d, sh, 1) >= 24);
    expect_no_text_numbers(&d);
    dump_free(&d);
}

static void test_compare(void **state)
{
    struct fixture *f = *state;
    const char *sh = "分组对比";
    const char *const marked = "0.0\"*\"";
    struct dump d;
    long r;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 2, "表单数");
    STR(&d, sh, 0, 3, "备注");
    STR(&d, sh, 0, 4, "服务质量");
    STR(&d, sh, 0, 5, "p值");
    STR(&d, sh, 0, 6, "套餐价格");
    STR(&d, sh, 0, 8, "CSI");
    STR(&d, sh, 0, 9, "NPS");
    STR(&d, sh, 0, 10, "Q1 指数");
    STR(&d, sh, 0, 11, "Q1 前两项");
    r = ROW(&d, sh, 0, "全部");
    NUM(&d, sh, r, 2, 2000, NULL);
    NUM(&d, sh, r, 4, SVC_INDEX, "0.0");
    EMPTY(&d, sh, r, 5);
    NUM(&d, sh, r, 8, CSI_ALL, "0.0");
    NUM(&d, sh, r, 9, NPS_ALL, "0.0");
    NUM(&d, sh, r, 10, 78.0864, "0.0");
    r = ROW(&d, sh, 1, CT_PLAIN);
    STR(&d, sh, r, 0, "客户类别");
    NUM(&d, sh, r, 2, 1500, NULL);
    /* `significant` decides over p: service p = 0.0123 but not marked,
     * price p = 0.2 but marked */
    NUM(&d, sh, r, 4, 88.8, "0.0");
    NUM(&d, sh, r, 5, 0.0123, "0.000");
    NUM(&d, sh, r, 6, 70.5, marked);
    NUM(&d, sh, r, 7, 0.2, "0.000");
    NUM(&d, sh, r, 8, 81.5, "0.0");
    NUM(&d, sh, r, 10, 80.5, marked);      /* no `significant`: p 0.04 */
    NUM(&d, sh, r, 11, 0.85, "0.0%\"*\""); /* p_top2 0.01 */
    EMPTY(&d, sh, r, 3);
    r = ROW(&d, sh, 1, CT_KEY);
    NUM(&d, sh, r, 2, 12, NULL);
    NUM(&d, sh, r, 4, 60, "0.0"); /* p 0.001 on a small base: no mark */
    EMPTY(&d, sh, r, 8);          /* no CSI for the group in the model */
    STR(&d, sh, r, 3, "样本少");
    r = ROW(&d, sh, 1, "华东");
    STR(&d, sh, r, 0, "区域");
    NUM(&d, sh, r, 4, 85.5, "0.0");
    /* a derived group without `significant`: p on a base of 40 */
    r = ROW(&d, sh, 1, CL_VIP);
    STR(&d, sh, r, 0, "客户分类");
    NUM(&d, sh, r, 4, 93.5, marked);
    /* the comment categories, labelled by the workbook */
    r = ROW(&d, sh, 1, CAT_SVC);
    STR(&d, sh, r, 0, "意见类别");
    NUM(&d, sh, r, 2, 300, NULL);
    NUM(&d, sh, r, 4, 55.5, "0.0");
    NUM(&d, sh, ROW(&d, sh, 1, CAT_NET), 8, 61.5, "0.0");
    /* 全部 + 2 + 1 + 2 + 2 rows, 12 columns */
    assert_string_equal(sheet(&d, sh)->f[3], "A1:L9");
    assert_string_equal(cond(&d, sh, "E2:E9")->f[4], "AND(ISNUMBER(E2),E2<85)");
    assert_string_equal(cond(&d, sh, "G2:G9")->f[4], "AND(ISNUMBER(G2),G2<80)");
    expect_no_text_numbers(&d);
    dump_free(&d);
}

static void test_yoy(void **state)
{
    struct fixture *f = *state;
    const char *sh = "同比";
    const struct line *g;
    const struct line *se;
    struct dump d;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 2, "指标");
    STR(&d, sh, 0, 3, "上期");
    STR(&d, sh, 0, 4, "本期");
    STR(&d, sh, 0, 5, "变化");
    STR(&d, sh, 0, 6, "变化的p值");
    /* 全部: CSI and the dimensions first (the chart's), then NPS, Q1 */
    STR(&d, sh, 1, 0, "全部");
    STR(&d, sh, 1, 2, "CSI");
    NUM(&d, sh, 1, 3, 80.1, "0.0");
    NUM(&d, sh, 1, 4, CSI_ALL, "0.0");
    NUM(&d, sh, 1, 5, CSI_ALL - 80.1, "+0.0\"*\";-0.0\"*\";0.0\"*\"");
    NUM(&d, sh, 1, 6, 0.003, "0.000");
    STR(&d, sh, 2, 2, "服务质量");
    NUM(&d, sh, 2, 5, SVC_INDEX - 87.5, "+0.0;-0.0;0.0");
    STR(&d, sh, 3, 2, "套餐价格");
    EMPTY(&d, sh, 3, 6);
    STR(&d, sh, 4, 2, "NPS");
    NUM(&d, sh, 4, 3, 20, "0.0");
    STR(&d, sh, 5, 2, "Q1");
    NUM(&d, sh, 5, 4, 78.0864, "0.0");
    /* segments */
    STR(&d, sh, 6, 0, "区域");
    STR(&d, sh, 6, 1, "华东");
    STR(&d, sh, 6, 2, "服务质量");
    NUM(&d, sh, 6, 3, 84, "0.0");
    NUM(&d, sh, 6, 4, 85.5, "0.0");
    NUM(&d, sh, 6, 5, 1.5, "+0.0\"*\";-0.0\"*\";0.0\"*\"");
    assert_string_equal(sheet(&d, sh)->f[3], "A1:H7");
    expect_no_text_numbers(&d);
    /* the chart: previous and current of CSI and the dimensions */
    assert_int_equal(count_kind(&d, 'G', sh), 1);
    g = nth(&d, 'G', sh, 0);
    assert_string_equal(g->f[1], "barChart:col");
    assert_string_equal(g->f[2], "本期与上期满意度指数对比");
    assert_string_equal(g->f[3], "指标");
    assert_string_equal(g->f[5], "b");
    se = nth(&d, 'J', sh, 0);
    assert_string_equal(se->f[1], "上期");
    assert_string_equal(se->f[2], "'同比'!$C$2:$C$4");
    assert_string_equal(se->f[3], "'同比'!$D$2:$D$4");
    assert_string_equal(se->f[4], "1");
    se = nth(&d, 'J', sh, 1);
    assert_string_equal(se->f[1], "本期");
    assert_string_equal(se->f[3], "'同比'!$E$2:$E$4");
    dump_free(&d);
}

static void test_comments(void **state)
{
    struct fixture *f = *state;
    const char *sh = "意见分类";
    struct rec b;
    struct dump d;
    long r;
    long i;
    long rows = 0;

    if (!have_python())
        skip();
    write_workbook(f, f->path, true, 40);
    dump_load(&d, f->path);
    assert_non_null(sheet(&d, "明细"));
    STR(&d, sh, 0, 0, "问卷编号");
    STR(&d, sh, 0, 1, "客户编号");
    STR(&d, sh, 0, 2, "客户类别");
    STR(&d, sh, 0, 3, "区域");
    STR(&d, sh, 0, 4, "客户分类"); /* a derived segment */
    STR(&d, sh, 0, 5, "调查日期");
    STR(&d, sh, 0, 6, "您对我们的意见和建议");
    STR(&d, sh, 0, 7, "意见类别");
    STR(&d, sh, 0, 8, "投诉");
    STR(&d, sh, 0, 9, CAT_SVC);
    STR(&d, sh, 0, 10, CAT_NET);
    STR(&d, sh, 0, 11, CAT_NONE);
    /* one row per form with a comment: 0, 4, 8, ... 36 */
    for (i = 0; i < 40; i++) {
        make_record(&b, i);
        r = row_of(&d, sh, 0, b.form_id);
        if (!b.comments[0]) {
            assert_int_equal(r, -1);
            continue;
        }
        rows++;
        assert_int_equal(r, i / 4 + 1);
        STR(&d, sh, r, 1, b.customer_id);
        STR(&d, sh, r, 2, b.fields[3]);
        STR(&d, sh, r, 4, b.derived[0]);
        assert_string_equal(cell(&d, sh, r, 5)->f[3], "d");
        assert_string_equal(fmt_of(&d, sh, r, 5), "yyyy-mm-dd");
        NUM(&d, sh, r, 8, b.r.complaint ? 1 : 0, "\"是\";\"是\";\"否\"");
        NUM(&d, sh, r, 9, 1, "\"√\"");
        if (i % 8 == 4) {
            STR(&d, sh, r, 6,
                "张**的电话139****5678，邮箱z**@example.com，网络差");
            STR(&d, sh, r, 7, "服务态度；网络质量");
            NUM(&d, sh, r, 10, 1, NULL);
        } else {
            STR(&d, sh, r, 6, COMMENT);
            STR(&d, sh, r, 7, CAT_SVC);
            EMPTY(&d, sh, r, 10);
        }
        EMPTY(&d, sh, r, 11);
    }
    assert_int_equal(rows, 10);
    assert_string_equal(sheet(&d, sh)->f[3], "A1:L11");
    /* no personal data in clear */
    for (i = 0; i < (long)d.n; i++)
        if (d.lines[i].kind == 'C' && !strcmp(d.lines[i].f[0], sh) &&
            (strstr(d.lines[i].f[5], "13912345678") ||
             strstr(d.lines[i].f[5], "张三丰") ||
             strstr(d.lines[i].f[5], "zsf@")))
            fail_msg("personal data in clear: %s", d.lines[i].f[5]);
    dump_free(&d);
}

static void test_bare(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = { "汇总",     "客户统计", "题目统计",
                                         "分组对比", "意见分类", "明细",
                                         "拒收记录", "说明" };
    struct dump d;
    size_t i;
    long r;

    if (!have_python())
        skip();
    write_workbook(f, f->path, true, 12);
    dump_load(&d, f->path);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const struct line *s = sheet(&d, names[i]);

        if (!s)
            fail_msg("no sheet '%s'", names[i]);
        assert_int_equal(strtol(s->f[0], NULL, 10), (long)i);
    }
    assert_null(sheet(&d, "同比")); /* no [analysis] previous */
    /* 客户统计 without archive, shares or complaints */
    STR(&d, "客户统计", 0, 2, "表单数");
    STR(&d, "客户统计", 0, 3, "CSI");
    STR(&d, "客户统计", 0, 7, "备注");
    assert_string_equal(sheet(&d, "客户统计")->f[3], "A1:H5");
    NUM(&d, "客户统计", ROW(&d, "客户统计", 1, CT_PLAIN), 4, 88.8, "0.0");
    /* 分组对比 without items (no segment figures) marks by p */
    assert_string_equal(sheet(&d, "分组对比")->f[3], "A1:J5");
    r = ROW(&d, "分组对比", 1, CT_PLAIN);
    NUM(&d, "分组对比", r, 4, 88.8, "0.0\"*\"");
    r = ROW(&d, "分组对比", 1, CT_KEY);
    NUM(&d, "分组对比", r, 4, 60, "0.0"); /* small (12 < 30) */
    /* 汇总: no previous, quadrant, rank or category columns */
    r = ROW(&d, "汇总", 0, "顾客满意度指数 CSI");
    EMPTY(&d, "汇总", r, 3);
    EMPTY(&d, "汇总", r - 1, 3);
    EMPTY(&d, "汇总", ROW(&d, "汇总", 0, "维度"), 8);
    assert_int_equal(row_of(&d, "汇总", 0, "投诉（合计）"), -1);
    assert_int_equal(count_kind(&d, 'G', "汇总"), 1);
    /* 意见分类 and 明细 without category columns */
    STR(&d, "意见分类", 0, 5, "您对我们的意见和建议");
    assert_null(cell(&d, "意见分类", 0, 6));
    assert_string_equal(sheet(&d, "意见分类")->f[3], "A1:F4");
    STR(&d, "明细", 0, 14, "C1");
    assert_null(cell(&d, "明细", 0, 15));
    /* 说明 says there were no rules; no template hash known */
    assert_true(row_of(&d, "说明", 0,
                       "本次未加载意见分类规则：意见分类表只列出意见，"
                       "不分类别。") > 0);
    r = ROW(&d, "说明", 0, "调查表模板");
    EMPTY(&d, "说明", r, 2);
    dump_free(&d);
}

static void test_notes(void **state)
{
    struct fixture *f = *state;
    const char *sh = "说明";
    struct dump d;
    long r;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 0, "说明");
    /* a definition of every figure the sheets show */
    assert_true(ROW(&d, sh, 0, "顾客满意度指数 CSI") > 0);
    assert_true(ROW(&d, sh, 0, "净推荐值 NPS") > 0);
    assert_true(ROW(&d, sh, 0, "前两项占比") > 0);
    assert_true(ROW(&d, sh, 0, "显著 *") > 0);
    assert_true(ROW(&d, sh, 0, "样本少") > 0);
    assert_true(ROW(&d, sh, 0, "上期、变化") > 0);
    r = ROW(&d, sh, 0, "调查表模板");
    STR(&d, sh, r, 1, "templates/forms/test.xml");
    STR(&d, sh, r, 2,
        "ababababababababababababababababababababababababababababababab01");
    STR(&d, sh, r + 1, 1, "input/2026/a.csv");
    STR(&d, sh, r + 2, 1, "input/2026/b.xml");
    STR(&d, sh, ROW(&d, sh, 0, "上期统计"), 1,
        "/srv/satreport/output/annual-2025/stats.csv");
    STR(&d, sh, ROW(&d, sh, 0, "流水线"), 1,
        "/srv/satreport/pipelines/annual-2026.ini");
    STR(&d, sh, ROW(&d, sh, 0, "程序版本"), 1, "0.1.0");
    NUM(&d, sh, ROW(&d, sh, 0, "最小样本量"), 1, 30, NULL);
    assert_true(width(&d, sh, 1) >= 80);
    dump_free(&d);
}

static void test_english(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {
        "Summary",  "Customers", "Items",   "Segments", "Year over year",
        "Comments", "Records",   "Refused", "Notes"
    };
    struct dump d;
    size_t i;
    long r;

    if (!have_python())
        skip();
    f->t.lang = S(f, "en");
    write_workbook(f, f->path, true, 10);
    dump_load(&d, f->path);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const struct line *s = sheet(&d, names[i]);

        if (!s)
            fail_msg("no sheet '%s'", names[i]);
        assert_int_equal(strtol(s->f[0], NULL, 10), (long)i);
    }
    r = ROW(&d, "Summary", 0, "Customer satisfaction index CSI");
    NUM(&d, "Summary", r, 1, CSI_ALL, "0.0");
    STR(&d, "Summary", ROW(&d, "Summary", 0, "套餐价格"), 4, "not met");
    STR(&d, "Segments", 0, 5, "p");
    STR(&d, "Items", 0, col_of(&d, "Items", 0, "5 count"), "5 count");
    NUM(&d, "Comments", 1, 8, 0, "\"yes\";\"yes\";\"no\"");
    assert_string_equal(nth(&d, 'G', "Summary", 0)->f[2],
                        "Dimension indices and targets");
    assert_true(ROW(&d, "Notes", 0, "Definitions") > 0);
    dump_free(&d);
}

static void test_refused(void **state)
{
    struct fixture *f = *state;
    const char *sh = "拒收记录";
    struct dump d;
    const struct line *l;
    long r;

    if (!have_python())
        skip();
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, sh, 0, 0, "文件");
    STR(&d, sh, 0, 4, "原因");
    assert_int_equal(strtol(sheet(&d, sh)->f[4], NULL, 10), 4);
    r = ROW(&d, sh, 3, "phone");
    NUM(&d, sh, r, 1, 12, NULL);
    STR(&d, sh, r, 2, "F000777");
    l = cell(&d, sh, r, 4);
    assert_non_null(l);
    assert_null(strstr(l->f[5], "13812345678"));
    assert_non_null(strstr(l->f[5], "'138****5678'"));
    r = ROW(&d, sh, 3, "Q1");
    STR(&d, sh, r, 4, "value '6' outside 1..5"); /* not pii: as is */
    STR(&d, sh, 3, 4, "duplicate form_id 'F000777'");
    assert_string_equal(sheet(&d, sh)->f[3], "A1:E4");
    dump_free(&d);
}

static void test_records(void **state)
{
    struct fixture *f = *state;
    const char *sh = "明细";
    struct rec b;
    struct dump d;
    size_t i;
    long rows = 0;
    long r;

    if (!have_python())
        skip();
    write_workbook(f, f->path, true, 2000);
    dump_load(&d, f->path);
    assert_string_equal(sheet(&d, sh)->f[2], "A2");
    assert_string_equal(sheet(&d, sh)->f[3], "A1:S2001");
    STR(&d, sh, 0, 0, "问卷编号");
    STR(&d, sh, 0, 2, "客户名称");
    STR(&d, sh, 0, 7, "客户分类");
    STR(&d, sh, 0, 8, "满意度等级");
    STR(&d, sh, 0, 9, "Q1");
    STR(&d, sh, 0, 14, "plan");
    STR(&d, sh, 0, 16, "C1");
    STR(&d, sh, 0, 17, "意见类别");
    STR(&d, sh, 0, 18, "投诉");
    for (i = 0; i < d.n; i++)
        if (d.lines[i].kind == 'C' && !strcmp(d.lines[i].f[0], sh) &&
            !strcmp(d.lines[i].f[2], "0"))
            rows++;
    assert_int_equal(rows, 2001);

    /* record 0 is row 1 */
    STR(&d, sh, 1, 0, "F000000");
    STR(&d, sh, 1, 2, "张**");
    STR(&d, sh, 1, 5, "138****0000");
    assert_string_equal(cell(&d, sh, 1, 6)->f[3], "d");
    assert_string_equal(cell(&d, sh, 1, 6)->f[4], "yyyy-mm-dd");
    assert_string_equal(cell(&d, sh, 1, 6)->f[5], "2026-01-01");
    STR(&d, sh, 1, 7, CL_VIP);
    EMPTY(&d, sh, 1, 8); /* no sat_level */
    NUM(&d, sh, 1, 9, 1, NULL);
    EMPTY(&d, sh, 1, 10); /* Q2 missing */
    NUM(&d, sh, 1, 13, 0, NULL);
    STR(&d, sh, 1, 14, "个人套餐");
    EMPTY(&d, sh, 1, 15); /* improve not answered */
    STR(&d, sh, 1, 16, COMMENT);
    STR(&d, sh, 1, 17, CAT_SVC);
    NUM(&d, sh, 1, 18, 0, "\"是\";\"是\";\"否\"");
    /* record 1903: every column from make_record() */
    make_record(&b, 1903);
    r = ROW(&d, sh, 0, "F001903");
    assert_int_equal(r, 1904);
    STR(&d, sh, r, 1, b.customer_id);
    STR(&d, sh, r, 2, "Li *********imei");
    STR(&d, sh, r, 3, CT_PLAIN);
    STR(&d, sh, r, 5, "138****1903");
    assert_string_equal(cell(&d, sh, r, 6)->f[5], "2026-01-28");
    STR(&d, sh, r, 7, CL_PLAIN);
    STR(&d, sh, r, 8, "满意");
    NUM(&d, sh, r, 9, b.scores[0], NULL);
    NUM(&d, sh, r, 10, b.scores[1], NULL);
    NUM(&d, sh, r, 13, b.scores[4], NULL);
    STR(&d, sh, r, 14, "家庭套餐");
    STR(&d, sh, r, 15, "网络质量；资费；服务态度"); /* 1903 % 8 = 7 */
    EMPTY(&d, sh, r, 16);
    EMPTY(&d, sh, r, 17);
    r = ROW(&d, sh, 0, "F000004");
    EMPTY(&d, sh, r, 5); /* no phone */
    STR(&d, sh, r, 16, "张**的电话139****5678，邮箱z**@example.com，网络差");
    STR(&d, sh, r, 17, "服务态度；网络质量");
    NUM(&d, sh, r, 18, 1, NULL);
    /* no phone number in clear anywhere */
    for (i = 0; i < d.n; i++)
        if (d.lines[i].kind == 'C' && (!strncmp(d.lines[i].f[5], "1380", 4) ||
                                       strstr(d.lines[i].f[5], "13912")))
            fail_msg("phone in clear: %s", d.lines[i].f[5]);
    assert_true(width(&d, sh, 16) >= 28);
    dump_free(&d);
}

static void test_rollover(void **state)
{
    struct fixture *f = *state;
    struct dump d;

    if (!have_python())
        skip();
    sr_xlsx_set_row_limit(101); /* a header and 100 rows per sheet */
    write_workbook(f, f->path, true, 500);
    dump_load(&d, f->path);
    /* 汇总 客户统计 题目统计 分组对比 同比 意见分类 明细, then the parts
     * in the order they were needed (意见分类 has a row for every 4th
     * form: 125), then 拒收记录 and 说明 */
    assert_int_equal(strtol(sheet(&d, "意见分类")->f[0], NULL, 10), 5);
    assert_int_equal(strtol(sheet(&d, "明细")->f[0], NULL, 10), 6);
    assert_int_equal(strtol(sheet(&d, "明细2")->f[0], NULL, 10), 7);
    assert_int_equal(strtol(sheet(&d, "意见分类2")->f[0], NULL, 10), 10);
    assert_int_equal(strtol(sheet(&d, "明细5")->f[0], NULL, 10), 11);
    assert_null(sheet(&d, "明细6"));
    assert_null(sheet(&d, "意见分类3"));
    assert_int_equal(strtol(sheet(&d, "拒收记录")->f[0], NULL, 10), 12);
    assert_int_equal(strtol(sheet(&d, "说明")->f[0], NULL, 10), 13);
    assert_string_equal(sheet(&d, "明细")->f[3], "A1:S101");
    assert_string_equal(sheet(&d, "明细2")->f[3], "A1:S101");
    assert_string_equal(sheet(&d, "明细5")->f[3], "A1:S101");
    assert_string_equal(sheet(&d, "明细5")->f[2], "A2");
    assert_string_equal(sheet(&d, "意见分类")->f[3], "A1:L101");
    assert_string_equal(sheet(&d, "意见分类2")->f[3], "A1:L26");
    assert_string_equal(sheet(&d, "意见分类2")->f[2], "B2");
    STR(&d, "明细2", 0, 0, "问卷编号");
    STR(&d, "明细", 100, 0, "F000099");
    STR(&d, "明细2", 1, 0, "F000100");
    STR(&d, "明细5", 100, 0, "F000499");
    STR(&d, "明细5", 100, 2, "Li *********imei");
    STR(&d, "意见分类2", 0, 6, "您对我们的意见和建议");
    STR(&d, "意见分类", 100, 0, "F000396");
    STR(&d, "意见分类2", 1, 0, "F000400"); /* the 101st comment */
    STR(&d, "意见分类2", 25, 0, "F000496");
    assert_non_null(strstr(hf(&d, "明细5")->f[1], "机密"));
    assert_non_null(strstr(hf(&d, "意见分类2")->f[1], "机密"));
    dump_free(&d);
}

static long zip_size(const struct dump *d, const char *member)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        if (d->lines[i].kind == 'Z' && !strcmp(d->lines[i].f[0], member))
            return strtol(d->lines[i].f[1], NULL, 10);
    return -1;
}

/* A sheet's XML must stay below zip's 4 GiB: the record sheet also rolls
 * over on its (estimated) size.  The estimate must never be below the
 * real size, or a huge run would fail at the end. */
static void test_rollover_bytes(void **state)
{
    struct fixture *f = *state;
    const unsigned long long limit = 20000;
    struct dump d;
    char name[32];
    char member[64];
    long next = 0;
    long parts = 0;
    int k;

    if (!have_python())
        skip();
    sr_xlsx_set_sheet_bytes(limit);
    write_workbook(f, f->path, true, 120);
    dump_load(&d, f->path);
    for (k = 0; k < 100; k++) {
        const struct line *s;
        long rows;
        long size;
        long r;

        if (k == 0)
            snprintf(name, sizeof(name), "明细");
        else
            snprintf(name, sizeof(name), "明细%d", k + 1);
        s = sheet(&d, name);
        if (!s)
            break;
        parts++;
        rows = strtol(s->f[4], NULL, 10);
        assert_true(rows >= 2);
        STR(&d, name, 0, 0, "问卷编号");
        /* the records continue in order from one sheet to the next */
        for (r = 1; r < rows; r++) {
            char id[16];

            snprintf(id, sizeof(id), "F%06ld", next++);
            STR(&d, name, r, 0, id);
        }
        /* sheetN.xml is the N-th sheet */
        snprintf(member, sizeof(member), "xl/worksheets/sheet%ld.xml",
                 strtol(s->f[0], NULL, 10) + 1);
        size = zip_size(&d, member);
        assert_true(size > 0);
        /* below the limit, but for the last row and the sheet's head */
        assert_true((unsigned long long)size < limit + 4096);
    }
    assert_int_equal(next, 120);
    assert_true(parts >= 3);
    dump_free(&d);
}

static void test_refused_row_limit(void **state)
{
    struct fixture *f = *state;
    struct dump d;

    if (!have_python())
        skip();
    sr_xlsx_set_row_limit(3);
    write_workbook(f, f->path, false, 0);
    dump_load(&d, f->path);
    STR(&d, "拒收记录", 1, 3, "phone");
    STR(&d, "拒收记录", 2, 0, "其余 2 行超出工作表行数上限，见 rejects.csv");
    dump_free(&d);
}

static void test_reproducible(void **state)
{
    struct fixture *f = *state;
    char other[160];
    char *a;
    char *b;
    size_t na;
    size_t nb;

    snprintf(other, sizeof(other), "%s/again.xlsx", f->dir);
    setenv("SATREPORT_XLSX_PASSWORD", "pw", 1);
    write_workbook(f, f->path, true, 300);
    sleep(1); /* a wall clock would show now */
    write_workbook(f, other, true, 300);
    a = slurp(f->path, &na);
    b = slurp(other, &nb);
    assert_true(na > 1000);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    free(a);
    free(b);
}

static void test_no_records(void **state)
{
    struct fixture *f = *state;
    struct sr_xlsx *x = NULL;
    struct sr_diag d;
    struct rec b;
    struct dump dd;

    assert_int_equal(sr_xlsx_open(&x, f->path, &f->t, &f->ri, false, &d),
                     SR_OK);
    /* records off: the record is listed nowhere */
    assert_false(sr_xlsx_lists_forms(x));
    assert_int_equal(sr_xlsx_record(x, make_record(&b, 0), &d), SR_OK);
    assert_int_equal(sr_xlsx_finish(x, f->m, NULL, &d), SR_OK);
    /* a second finish or a late record is a caller's error */
    assert_int_equal(sr_xlsx_finish(x, f->m, NULL, &d), SR_ERR_WRITE);
    assert_int_equal(sr_xlsx_record(x, make_record(&b, 0), &d), SR_ERR_WRITE);
    sr_xlsx_free(x);
    if (!have_python())
        return;
    dump_load(&dd, f->path);
    assert_null(sheet(&dd, "明细"));
    assert_non_null(sheet(&dd, "拒收记录"));
    STR(&dd, "拒收记录", 0, 4, "原因");
    /* 意见分类: its header, then why no comment is listed */
    STR(&dd, "意见分类", 0, 0, "问卷编号");
    STR(&dd, "意见分类", 1, 0,
        "本次运行不列逐条记录（--no-records 或 records = no），逐条意见未列出；"
        "意见的分类统计见“汇总”。列出逐条意见与明细请去掉该选项重新运行。");
    assert_null(cell(&dd, "意见分类", 2, 0));
    dump_free(&dd);
}

/* Rendered from merged states: no record, but comments counted. */
static void test_comments_not_listed(void **state)
{
    struct fixture *f = *state;
    struct dump d;

    if (!have_python())
        skip();
    f->ri.merged = true;
    write_workbook(f, f->path, false, 0);
    f->ri.merged = false;
    dump_load(&d, f->path);
    STR(&d, "意见分类", 1, 0,
        "本工作簿由分批运行的结果合并生成，没有逐条的意见；意见的统计见“汇总”，"
        "逐条意见见各批的工作簿。");
    assert_null(cell(&d, "意见分类", 1, 1));
    dump_free(&d);
}

static void test_open_unwritable(void **state)
{
    struct fixture *f = *state;
    struct sr_xlsx *x = (struct sr_xlsx *)&x; /* must be reset to NULL */
    struct sr_diag d;

    sr_diag_clear(&d);
    assert_int_equal(sr_xlsx_open(&x, "/nonexistent-dir/statistics.xlsx", &f->t,
                                  &f->ri, true, &d),
                     SR_ERR_WRITE);
    assert_null(x);
    assert_int_equal(d.code, SR_ERR_WRITE);
    assert_string_equal(d.file, "/nonexistent-dir/statistics.xlsx");
    assert_non_null(strstr(d.msg, "cannot create"));
}

static long open_fds(void)
{
    DIR *dir = opendir("/proc/self/fd");
    long n = 0;

    if (!dir)
        return -1;
    while (readdir(dir))
        n++;
    closedir(dir);
    return n;
}

static void test_free_unfinished(void **state)
{
    struct fixture *f = *state;
    struct sr_xlsx *x = NULL;
    struct sr_diag d;
    struct rec b;
    long before = open_fds();
    long i;

    sr_xlsx_set_row_limit(11); /* parts of both streamed sheets */
    assert_int_equal(sr_xlsx_open(&x, f->path, &f->t, &f->ri, true, &d), SR_OK);
    for (i = 0; i < 50; i++)
        assert_int_equal(sr_xlsx_record(x, make_record(&b, i), &d), SR_OK);
    sr_xlsx_free(x); /* a run that failed elsewhere */
    assert_int_equal(access(f->path, F_OK), -1);
    assert_int_equal(open_fds(), before);
    sr_xlsx_free(NULL);
}

static void test_unsafe_text(void **state)
{
    struct fixture *f = *state;
    struct sr_xlsx *x = NULL;
    struct sr_diag d;
    struct rec b;
    struct dump dd;
    const struct line *l;
    char *big = xmalloc(40000 * 3 + 1);
    size_t i;

    for (i = 0; i < 40000; i++)
        memcpy(big + 3 * i, "中", 3);
    big[40000 * 3] = '\0';
    assert_int_equal(sr_xlsx_open(&x, f->path, &f->t, &f->ri, true, &d), SR_OK);
    make_record(&b, 0);
    b.comments[0] = big;
    assert_int_equal(sr_xlsx_record(x, &b.r, &d), SR_OK);
    make_record(&b, 1);
    b.comments[0] = "bad \xff\xfe utf-8 \xe4\xb8";
    b.fields[4] = "=HYPERLINK(\"http://x\")"; /* text, never a formula */
    assert_int_equal(sr_xlsx_record(x, &b.r, &d), SR_OK);
    assert_int_equal(sr_xlsx_finish(x, f->m, f->rj, &d), SR_OK);
    sr_xlsx_free(x);
    free(big);
    if (!have_python())
        return;
    dump_load(&dd, f->path);
    l = cell(&dd, "明细", 1, 16);
    assert_non_null(l);
    /* 32,766 中 and one … : Excel's 32,767 characters */
    assert_int_equal(strlen(l->f[5]), 32767 * 3);
    assert_memory_equal(l->f[5] + 32766 * 3, "…", 3);
    STR(&dd, "明细", 2, 16,
        "bad \xef\xbf\xbd\xef\xbf\xbd utf-8 \xef\xbf\xbd\xef\xbf\xbd");
    STR(&dd, "明细", 2, 4, "=HYPERLINK(\"http://x\")");
    STR(&dd, "意见分类", 2, 3, "=HYPERLINK(\"http://x\")");
    dump_free(&dd);
}

/* Free text: what is masked and what is not. */
static void test_masking(void **state)
{
    struct fixture *f = *state;
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        { "订单 123456 号", "订单 123456 号" }, /* 6 digits: kept */
        { "电话0571-8888888", "电话057*****8888" },
        { "tel13812345678ok", "tel138****5678ok" },
        { "身份证11010519491231002X在此", "身份证110***********002X在此" },
        { "a.b@mail.cn 与 x@y", "a**@mail.cn 与 x@y" },
        { "打138 1234 5678或0571-88888888", "打138******5678或057******8888" },
        { "2026-01-05 来过，2026/1/5",
          "2026-01-05 来过，2026/1/5" }, /* dates */
        { "金额1,000,000元", "金额1,000,000元" },
        { "张三丰来过", "张**来过" }, /* the record's own name */
        { "李四来过", "李四来过" },
    };
    struct sr_xlsx *x = NULL;
    struct sr_diag d;
    struct rec b;
    struct dump dd;
    size_t i;

    if (!have_python())
        skip();
    assert_int_equal(sr_xlsx_open(&x, f->path, &f->t, &f->ri, true, &d), SR_OK);
    assert_true(sr_xlsx_lists_forms(x));
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        make_record(&b, 0);
        b.comments[0] = cases[i].in;
        assert_int_equal(sr_xlsx_record(x, &b.r, &d), SR_OK);
    }
    assert_int_equal(sr_xlsx_finish(x, f->m, f->rj, &d), SR_OK);
    sr_xlsx_free(x);
    dump_load(&dd, f->path);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        STR(&dd, "意见分类", (long)i + 1, 6, cases[i].out);
    dump_free(&dd);
}

/* Every text exists in both languages; sheet names are valid. */
static void test_texts(void **state)
{
    static const char *const langs[] = { "zh-CN", "en", NULL, "EN-gb" };
    const char *const *zh = sr_xl_texts("zh-CN");
    struct sr_buf b = SR_BUF_INIT;
    size_t nzh;
    size_t i;
    size_t k;

    (void)state;
    assert_ptr_equal(sr_xl_texts(NULL), zh);
    assert_ptr_equal(sr_xl_texts("zh"), zh);
    assert_ptr_equal(sr_xl_texts("en"), sr_xl_texts("EN-gb"));
    assert_ptr_not_equal(sr_xl_texts("en"), zh);
    sr_xl_definitions(zh, &nzh);
    for (k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
        const char *const *t = sr_xl_texts(langs[k]);
        const struct sr_xl_def *defs;
        size_t n;

        for (i = 0; i < SR_XT_COUNT_ALL; i++)
            if (!t[i] || !*t[i])
                fail_msg("text %zu missing in '%s'", i,
                         langs[k] ? langs[k] : "(none)");
        for (i = SR_XT_SHEET_SUMMARY; i <= SR_XT_SHEET_NOTES; i++) {
            size_t j;

            /* Excel: at most 31 characters, room for a part number */
            assert_true(sr_utf8_len(t[i]) <= 28);
            assert_null(strpbrk(t[i], "[]:*?/\\"));
            for (j = SR_XT_SHEET_SUMMARY; j < i; j++)
                assert_string_not_equal(t[i], t[j]);
        }
        defs = sr_xl_definitions(t, &n);
        assert_int_equal(n, nzh);
        for (i = 0; i < n; i++)
            assert_true(*defs[i].term && *defs[i].meaning);
    }
    sr_xl_fill(&b, zh[SR_XT_POINT_COUNT], "5");
    assert_string_equal(b.buf, "5分人数");
    sr_xl_fill(&b, zh[SR_XT_REF_MORE], "12");
    assert_string_equal(b.buf, "其余 12 行超出工作表行数上限，见 rejects.csv");
    sr_xl_fill(&b, "no slot", "x");
    assert_string_equal(b.buf, "no slot");
    sr_buf_release(&b);
}

/* With SR_XLSX_SHOWCASE=path set, keep a workbook with every sheet but
 * 明细 there, to be looked at (LibreOffice: docs/workbook.md). */
static void test_showcase(void **state)
{
    struct fixture *f = *state;
    const char *keep = getenv("SR_XLSX_SHOWCASE");
    char en[600];

    if (!keep || !*keep)
        skip();
    write_workbook(f, keep, false, 60);
    f->t.lang = S(f, "en");
    snprintf(en, sizeof(en), "%.500s.en.xlsx", keep);
    write_workbook(f, en, false, 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sheets_and_properties, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_protection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_customers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yoy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bare, setup_bare, teardown),
        cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_english, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollover, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollover_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_row_limit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reproducible, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments_not_listed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_open_unwritable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_unfinished, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsafe_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_masking, setup, teardown),
        cmocka_unit_test(test_texts),
        cmocka_unit_test_setup_teardown(test_showcase, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
