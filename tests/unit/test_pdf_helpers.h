/* SPDX-License-Identifier: MIT */
/*
 * test_pdf_helpers.h - what test_pdf.c and test_report.c share: a fixture
 * with the example form template and run info, hand-built models, and
 * readers of the rendered PDF (pdftotext, pdfinfo, pdftotext -bbox).
 *
 * Functions are static inline so that a test file that does not use one
 * does not warn.  Needs poppler-utils and qpdf on PATH, the WenQuanYi Zen
 * Hei font, and the repository root as the current directory.
 */
#ifndef SR_TEST_PDF_HELPERS_H
#define SR_TEST_PDF_HELPERS_H

#include "../../src/render/pdf/layout.h"
#include "../../src/render/pdf/report.h"
#include "../../src/render/render.h"
#include "../../src/core/buf.h"
#include "../../src/core/mem.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEMPLATE  "templates/forms/csat.xml"
#define REPORT_ZH "templates/report/annual.zh-CN.xml"
#define REPORT_EN "templates/report/annual.en.xml"
#define EPOCH     ((time_t)1773532800) /* 2026-03-15T00:00:00Z */

struct fixture {
    char dir[64];
    struct sr_template *t;
    struct sr_config cfg;
    struct sr_run_info ri;
};

static char cfg_title[] = "2026年度顾客满意度调查分析报告";
static char cfg_org[] = "某某通信有限公司";
static char cfg_secrecy[] = "机密";
static char cfg_prepared[] = "客户服务部";
static char cfg_period[] = "2026-01-01..2026-12-31";

static inline void path_in(const struct fixture *fx, const char *name,
                           char *out, size_t n)
{
    snprintf(out, n, "%s/%s", fx->dir, name);
}

/* the whole output of @cmd; exit status in *status */
static inline char *run(const char *cmd, int *status)
{
    struct sr_buf b = SR_BUF_INIT;
    char chunk[4096];
    size_t got;
    FILE *p = popen(cmd, "r");
    int st;

    assert_non_null(p);
    while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
        sr_buf_add(&b, chunk, got);
    st = pclose(p);
    if (status)
        *status = st;
    return sr_buf_detach(&b);
}

/* @s without any white space: pdftotext spaces CJK text unpredictably */
static inline char *squeeze(const char *s)
{
    char *out = xmalloc(strlen(s) + 1);
    char *o = out;

    for (; *s; s++) {
        if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\f' && *s != '\r')
            *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* the text of page @page (0 = all), laid out */
static inline char *pdftotext(const char *pdf, int page)
{
    char cmd[1024];
    int st;
    char *out;

    if (page > 0)
        snprintf(cmd, sizeof(cmd),
                 "pdftotext -layout -f %d -l %d '%s' - 2>/dev/null", page, page,
                 pdf);
    else
        snprintf(cmd, sizeof(cmd), "pdftotext -layout '%s' - 2>/dev/null", pdf);
    out = run(cmd, &st);
    assert_int_equal(st, 0);
    return out;
}

/* the squeezed text of page @page (0 = all) */
static inline char *page_text(const char *pdf, int page)
{
    char *t = pdftotext(pdf, page);
    char *s = squeeze(t);

    free(t);
    return s;
}

static inline int page_count(const char *pdf)
{
    char cmd[1024];
    char *out;
    const char *p;
    int n;

    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", pdf);
    out = run(cmd, NULL);
    p = strstr(out, "Pages:");
    assert_non_null(p);
    n = (int)strtol(p + 6, NULL, 10);
    free(out);
    return n;
}

static inline bool same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb");
    FILE *fb = fopen(b, "rb");
    bool same = fa && fb;
    int ca;
    int cb;

    while (same) {
        ca = getc(fa);
        cb = getc(fb);
        if (ca != cb)
            same = false;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static inline void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("'%s' not found in the pdf text", needle);
}

static inline void expect_not_in(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        fail_msg("'%s' found in the pdf text", needle);
}

/* how often @needle occurs in @hay */
static inline size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;

    while ((p = strstr(p, needle))) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* --- geometry: pdftotext -bbox --- */

struct word {
    double x0;
    double y0;
    double x1;
    double y1;
    char text[64];
};

static inline double attr_num(const char *tag, const char *name)
{
    const char *p = strstr(tag, name);

    assert_non_null(p);
    return strtod(p + strlen(name), NULL);
}

/*
 * Every word of every page lies inside the page frame (the margins, less
 * the room of the running head and foot), and no two words overlap by
 * more than a hair: nothing overflows, nothing is drawn over.  Returns
 * the number of pages.
 */
static inline int check_geometry(const char *pdf)
{
    char cmd[1024];
    char *out;
    const char *p;
    struct word *w = NULL;
    size_t n = 0;
    size_t alloc = 0;
    int page = 0;
    double pw = 0;
    double ph = 0;

    snprintf(cmd, sizeof(cmd), "pdftotext -bbox '%s' - 2>/dev/null", pdf);
    out = run(cmd, NULL);
    p = out;
    for (;;) {
        const char *pg = strstr(p, "<page ");
        const char *wd = strstr(p, "<word ");
        const char *end;
        size_t i;
        size_t j;

        if (pg && (!wd || pg < wd)) {
            page++;
            pw = attr_num(pg, "width=\"");
            ph = attr_num(pg, "height=\"");
            n = 0;
            p = pg + 6;
            continue;
        }
        if (!wd)
            break;
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 256;
            w = xreallocarray(w, alloc, sizeof(*w));
        }
        w[n].x0 = attr_num(wd, "xMin=\"");
        w[n].y0 = attr_num(wd, "yMin=\"");
        w[n].x1 = attr_num(wd, "xMax=\"");
        w[n].y1 = attr_num(wd, "yMax=\"");
        end = strchr(wd, '>');
        assert_non_null(end);
        snprintf(w[n].text, sizeof(w[n].text), "%.*s",
                 (int)strcspn(end + 1, "<"), end + 1);
        /* 20 mm side margins at least, 12 mm top and bottom */
        if (w[n].x0 < 56.0 || w[n].x1 > pw - 56.0 || w[n].y0 < 34.0 ||
            w[n].y1 > ph - 34.0)
            fail_msg("%s page %d: '%s' outside the frame (%.1f,%.1f)-(%.1f,"
                     "%.1f)",
                     pdf, page, w[n].text, w[n].x0, w[n].y0, w[n].x1, w[n].y1);
        for (i = n, j = 0; j < i; j++) {
            double ox = (w[i].x1 < w[j].x1 ? w[i].x1 : w[j].x1) -
                        (w[i].x0 > w[j].x0 ? w[i].x0 : w[j].x0);
            double oy = (w[i].y1 < w[j].y1 ? w[i].y1 : w[j].y1) -
                        (w[i].y0 > w[j].y0 ? w[i].y0 : w[j].y0);

            if (ox > 1.0 && oy > 3.0)
                fail_msg("%s page %d: '%s' overlaps '%s'", pdf, page, w[i].text,
                         w[j].text);
        }
        n++;
        p = wd + 6;
    }
    assert_true(page > 0);
    free(w);
    free(out);
    return page;
}

/* --- models --- */

static inline void add_item_figures(struct sr_model *m, const char *group,
                                    const char *gv, const char *id, double mean,
                                    long n)
{
    sr_model_add(m, group, gv, id, "mean", mean, n);
    sr_model_add(m, group, gv, id, "sd", 0.8123, n);
    sr_model_add(m, group, gv, id, "ci95_low", mean - 0.1468, n);
    sr_model_add(m, group, gv, id, "ci95_high", mean + 0.1468, n);
    sr_model_add(m, group, gv, id, "median", 4, n);
    sr_model_add(m, group, gv, id, "top2", (mean - 1) / 4 * 0.95, n);
    sr_model_add(m, group, gv, id, "bottom2", 0.0712, n);
    sr_model_add(m, group, gv, id, "index", (mean - 1) / 4 * 100, n);
    sr_model_add(m, group, gv, id, "r_overall", 0.61, n);
}

/* the shares of the five points of a 1-5 item (they sum to 1) */
static inline void add_point_shares(struct sr_model *m, const char *id, long n)
{
    static const double share[5] = { 0.05, 0.10, 0.20, 0.40, 0.25 };
    char subject[64];
    int p;

    for (p = 1; p <= 5; p++) {
        snprintf(subject, sizeof(subject), "%s=%d", id, p);
        sr_model_add(m, "all", "", subject, "share", share[p - 1], n);
        sr_model_add(m, "all", "", subject, "count",
                     (double)(long)(share[p - 1] * (double)n), n);
    }
}

/*
 * A model for the example template: the reconciliation, 23 items, five
 * dimensions (index 70.0, 74.1, 78.2, 82.3, 86.4 against targets 85, 75,
 * 80, 80, 80: service, price and product miss), CSI, NPS, sources and
 * groups.  Q1's figures are exact values whose rounding the tests check;
 * Q21 has no sd/ci (n < 2).  一般客户's service has p = 0.0123 (60 forms:
 * significant), VIP客户 (18 forms) is a small base.
 * @extra_values: values of an extra "industry" group, for long tables.
 * @rich: also what the statistics add now: significant and forms/small,
 * point shares, importance quadrants, action ranks (in the reverse order
 * of the gaps), the previous period, comments and categories.
 */
static inline struct sr_model *build_model(const struct sr_template *t,
                                           size_t extra_values, bool rich)
{
    struct sr_model *m = sr_model_new(t);
    static const char *const types[] = { "VIP客户", "一般客户", "重要客户" };
    static const long type_forms[] = { 18, 60, 40 };
    static const char *const regions[] = { "华东", "华北", "华南", "西部" };
    static const long region_forms[] = { 41, 33, 30, 14 };
    static const int quadrants[] = { 2, 3, 1, 4, 4 };
    struct sr_model_group *g;
    size_t i;
    size_t j;

    sr_model_add(m, "all", "", "forms", "read", 130, -1);
    sr_model_add(m, "all", "", "forms", "accepted", 118, -1);
    sr_model_add(m, "all", "", "forms", "refused", 9, -1);
    sr_model_add(m, "all", "", "forms", "out_of_period", 3, -1);
    m->read = 130;
    m->accepted = 118;
    m->refused = 9;
    m->out_of_period = 3;

    for (i = 0; i < t->nitems; i++) {
        const char *id = t->items[i].id;
        double mean = 3.55 + 0.037 * (double)i;

        if (t->items[i].role == SR_ROLE_RECOMMEND || !strcmp(id, "Q21"))
            continue;
        add_item_figures(m, "all", "", id, mean, 118 - (long)i);
        if (rich)
            add_point_shares(m, id, 118 - (long)i);
    }
    /* exact values for the rounding checks */
    sr_model_add(m, "all", "", "Q1", "mean", 4.123456, 117);
    sr_model_add(m, "all", "", "Q1", "sd", 0.876543, 117);
    sr_model_add(m, "all", "", "Q1", "ci95_low", 3.96294, 117);
    sr_model_add(m, "all", "", "Q1", "ci95_high", 4.28397, 117);
    sr_model_add(m, "all", "", "Q1", "top2", 0.812345, 117);
    sr_model_add(m, "all", "", "Q1", "index", 78.0864, 117);
    /* Q21: one answer only, so no sd and no interval */
    sr_model_add(m, "all", "", "Q21", "mean", 5, 1);
    sr_model_add(m, "all", "", "Q21", "index", 100, 1);
    sr_model_add(m, "all", "", "Q21", "top2", 1, 1);
    if (t->recommend_item >= 0) {
        const char *id = t->items[t->recommend_item].id;

        sr_model_add(m, "all", "", id, "mean", 7.4567, 112);
        sr_model_add(m, "all", "", id, "index", 74.567, 112);
        sr_model_add(m, "all", "", id, "top2", 0.4107, 112);
    }

    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        double idx = 70.0 + 4.1 * (double)i;

        sr_model_add(m, "all", "", dm->id, "mean", 1 + idx / 25, 118);
        sr_model_add(m, "all", "", dm->id, "index", idx, 118);
        sr_model_add(m, "all", "", dm->id, "top2", 0.6543, 118);
        sr_model_add(m, "all", "", dm->id, "bottom2", 0.0321, 118);
        sr_model_add(m, "all", "", dm->id, "alpha", 0.8456, 110);
        sr_model_add(m, "all", "", dm->id, "r_overall",
                     0.50 + 0.037 * (double)((i * 3) % 5), 118);
        if (dm->has_target) {
            sr_model_add(m, "all", "", dm->id, "target", dm->target, -1);
            sr_model_add(m, "all", "", dm->id, "gap", idx - dm->target, -1);
        }
        if (rich) {
            sr_model_add(m, "all", "", dm->id, "quadrant", quadrants[i % 5],
                         -1);
            sr_model_add(m, "all", "", dm->id, "prev_index", idx - 2.25, 100);
            sr_model_add(m, "all", "", dm->id, "delta", 2.25, 118);
            sr_model_add(m, "all", "", dm->id, "p_delta",
                         i == 0 ? 0.0301 : 0.4321, 118);
        }
    }
    if (rich) {
        /* ranks against the gaps: price 1, product 2, service 3 */
        sr_model_add(m, "all", "", "price", "action_rank", 1, -1);
        sr_model_add(m, "all", "", "product", "action_rank", 2, -1);
        sr_model_add(m, "all", "", "service", "action_rank", 3, -1);
        sr_model_add(m, "all", "", "CSI", "prev_index", 75.4321, 100);
        sr_model_add(m, "all", "", "CSI", "delta", 3.2128, 118);
        sr_model_add(m, "all", "", "NPS", "prev_index", 20.5, 100);
        sr_model_add(m, "all", "", "NPS", "delta", 3.2288, 112);
        m->has_previous = true;
        sr_model_add(m, "all", "", "comments", "count", 57, 118);
        sr_model_add(m, "all", "", "comments", "share", 57.0 / 118, 118);
        sr_model_add(m, "all", "", "complaints", "count", 21, 118);
        sr_model_add(m, "all", "", "complaints", "share", 21.0 / 118, 118);
        sr_model_add_category(m, "服务质量不达标", "服务质量不符合", true);
        sr_model_add_category(m, "价格", NULL, false);
        sr_model_add_category(m, "建议", NULL, false);
        sr_model_add(m, "all", "", "服务质量不达标", "count", 21, 57);
        sr_model_add(m, "all", "", "服务质量不达标", "share", 21.0 / 57, 57);
        sr_model_add(m, "all", "", "价格", "count", 13, 57);
        sr_model_add(m, "all", "", "价格", "share", 13.0 / 57, 57);
        sr_model_add(m, "all", "", "建议", "count", 30, 57);
        sr_model_add(m, "all", "", "建议", "share", 30.0 / 57, 57);
    }
    sr_model_add(m, "all", "", "CSI", "index", 78.6449, 118);
    sr_model_add(m, "all", "", "NPS", "index", 23.7288, 112);

    g = sr_model_add_group(m, "customer_type", "客户类别");
    for (i = 0; i < 3; i++) {
        sr_model_group_value(m, g, types[i], type_forms[i]);
        sr_model_add(m, "customer_type", types[i], "CSI", "index",
                     75 + 2.5 * (double)i, type_forms[i]);
        if (rich) {
            sr_model_add(m, "customer_type", types[i], "forms", "count",
                         (double)type_forms[i], -1);
            sr_model_add(m, "customer_type", types[i], "forms", "small",
                         type_forms[i] < 30, -1);
        }
        for (j = 0; j < t->ndims; j++) {
            double p = i == 1 && j == 0 ? 0.0123 : 0.4567;

            sr_model_add(m, "customer_type", types[i], t->dims[j].id, "index",
                         65 + 5.5 * (double)i + (double)j, type_forms[i]);
            sr_model_add(m, "customer_type", types[i], t->dims[j].id, "p_value",
                         p, type_forms[i]);
            if (rich)
                sr_model_add(m, "customer_type", types[i], t->dims[j].id,
                             "significant", p < 0.05 && type_forms[i] >= 30,
                             -1);
        }
    }
    g = sr_model_add_group(m, "region", "区域");
    for (i = 0; i < 4; i++) {
        sr_model_group_value(m, g, regions[i], region_forms[i]);
        for (j = 0; j < t->ndims; j++) {
            sr_model_add(m, "region", regions[i], t->dims[j].id, "index",
                         72 + (double)i - (double)j, region_forms[i]);
            sr_model_add(m, "region", regions[i], t->dims[j].id, "p_value",
                         i == 1 && j == 2 ? 0.0002 : 0.2, region_forms[i]);
        }
    }
    if (extra_values) {
        g = sr_model_add_group(m, "industry", "行业");
        for (i = 0; i < extra_values; i++) {
            char v[64];

            snprintf(v, sizeof(v), "行业%03zu", i + 1);
            sr_model_group_value(m, g, v, 31 + (long)i);
            for (j = 0; j < t->ndims; j++)
                sr_model_add(m, "industry", v, t->dims[j].id, "index",
                             60 + (double)((i * 7 + j) % 40), 31 + (long)i);
        }
    }

    sr_model_add_source(m, "input/2026/q1.csv", 70, 64, 5, 1);
    sr_model_add_source(m,
                        "input/2026/very/long/folder/name/that/must/wrap/"
                        "inside/its/cell/survey-export-2026-second-half.xml",
                        60, 54, 4, 2);
    m->min_base = 30;
    return m;
}

/* render @m to fx->dir/@name with the default template */
static inline enum sr_status render(struct fixture *fx,
                                    const struct sr_model *m, const char *name,
                                    struct sr_diag *d)
{
    char path[256];

    path_in(fx, name, path, sizeof(path));
    return sr_render_pdf(path, m, &fx->ri, d);
}

static inline int fixture_setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof(*fx));
    struct sr_diag d;

    snprintf(fx->dir, sizeof(fx->dir), "/tmp/sr-test-pdf-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    if (sr_template_load(TEMPLATE, &fx->t, &d) != SR_OK) {
        fprintf(stderr, "%s: %s\n", TEMPLATE, d.msg);
        return -1;
    }
    fx->cfg.title = cfg_title;
    fx->cfg.organization = cfg_org;
    fx->cfg.confidentiality = cfg_secrecy;
    fx->cfg.prepared_by = cfg_prepared;
    fx->cfg.period = cfg_period;
    fx->cfg.period_from = 20260101;
    fx->cfg.period_to = 20261231;
    fx->cfg.min_base = 30;
    fx->cfg.min_report = 5;
    fx->ri.cfg = &fx->cfg;
    fx->ri.epoch = EPOCH;
    snprintf(fx->ri.date, sizeof(fx->ri.date), "2026-03-15");
    fx->ri.version = "0.1.0";
    fx->ri.font_path = SR_LAYOUT_DEFAULT_FONT;
    fx->ri.font_index = 0;
    *state = fx;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct fixture *fx = *state;
    char cmd[128];

    if (getenv("SR_PDF_KEEP")) {
        fprintf(stderr, "PDFs kept in %s\n", fx->dir);
    } else {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", fx->dir);
    }
    sr_template_free(fx->t);
    free(fx);
    return 0;
}

#endif /* SR_TEST_PDF_HELPERS_H */
