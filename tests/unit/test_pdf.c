/* SPDX-License-Identifier: MIT */
/*
 * test_pdf.c - report.pdf (src/render/pdf): line breaking, contents read
 * back with pdftotext, structure (qpdf --check), embedded fonts (pdffonts),
 * tables flowing across pages, reproducibility and errors.
 *
 * Needs poppler-utils and qpdf on PATH and the WenQuanYi Zen Hei font.
 * Set SR_PDF_KEEP=1 to keep the rendered PDFs (their folder is printed).
 */
#include "../../src/render/pdf/layout.h"
#include "../../src/render/render.h"
#include "../../src/core/buf.h"
#include "../../src/core/mem.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEMPLATE "templates/forms/csat.xml"
#define EPOCH    ((time_t)1773532800) /* 2026-03-15T00:00:00Z */

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

/* --- helpers --- */

static void path_in(const struct fixture *fx, const char *name, char *out,
                    size_t n)
{
    snprintf(out, n, "%s/%s", fx->dir, name);
}

/* the whole output of @cmd; exit status in *status */
static char *run(const char *cmd, int *status)
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
static char *squeeze(const char *s)
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

static char *pdftotext(const char *pdf, int page)
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

static int page_count(const char *pdf)
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

static bool same_file(const char *a, const char *b)
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

static void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("'%s' not found in the pdf text", needle);
}

/* --- geometry: pdftotext -bbox --- */

struct word {
    double x0;
    double y0;
    double x1;
    double y1;
    char text[64];
};

static double attr_num(const char *tag, const char *name)
{
    const char *p = strstr(tag, name);

    assert_non_null(p);
    return strtod(p + strlen(name), NULL);
}

/*
 * Every word of every page lies inside the page frame (the margins, less
 * the room of the running head and foot), and no two words overlap by
 * more than a hair: nothing overflows, nothing is drawn over.
 */
static void check_geometry(const char *pdf)
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
            /* a new page: check the words of the previous one */
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
            fail_msg("page %d: '%s' outside the frame (%.1f,%.1f)-(%.1f,"
                     "%.1f)",
                     page, w[n].text, w[n].x0, w[n].y0, w[n].x1, w[n].y1);
        for (i = n, j = 0; j < i; j++) {
            double ox = (w[i].x1 < w[j].x1 ? w[i].x1 : w[j].x1) -
                        (w[i].x0 > w[j].x0 ? w[i].x0 : w[j].x0);
            double oy = (w[i].y1 < w[j].y1 ? w[i].y1 : w[j].y1) -
                        (w[i].y0 > w[j].y0 ? w[i].y0 : w[j].y0);

            if (ox > 1.0 && oy > 3.0)
                fail_msg("page %d: '%s' overlaps '%s'", page, w[i].text,
                         w[j].text);
        }
        n++;
        p = wd + 6;
    }
    assert_true(page > 0);
    free(w);
    free(out);
}

/* --- the model --- */

static void add_item_figures(struct sr_model *m, const char *group,
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

/*
 * A model for the example template: the reconciliation, 23 items, five
 * dimensions, CSI, NPS, sources, and groups.  Q1's figures are exact
 * values whose rounding the tests check; Q21 has no sd/ci (n < 2 case).
 * @extra_values: values of an extra "industry" group, for long tables.
 */
static struct sr_model *build_model(const struct sr_template *t,
                                    size_t extra_values)
{
    struct sr_model *m = sr_model_new(t);
    static const char *const types[] = { "VIP客户", "一般客户", "重要客户" };
    static const long type_forms[] = { 18, 60, 40 };
    static const char *const regions[] = { "华东", "华北", "华南", "西部" };
    static const long region_forms[] = { 41, 33, 30, 14 };
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
        /* no sd, no ci95: printed as — */
    }

    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        double idx = 70.0 + 4.1 * (double)i;

        sr_model_add(m, "all", "", dm->id, "mean", 1 + idx / 25, 118);
        sr_model_add(m, "all", "", dm->id, "index", idx, 118);
        sr_model_add(m, "all", "", dm->id, "alpha", 0.8456, 110);
        if (dm->has_target) {
            sr_model_add(m, "all", "", dm->id, "target", dm->target, -1);
            sr_model_add(m, "all", "", dm->id, "gap", idx - dm->target, -1);
        }
    }
    sr_model_add(m, "all", "", "CSI", "index", 78.6449, 118);
    sr_model_add(m, "all", "", "NPS", "index", 23.7288, 112);

    g = sr_model_add_group(m, "customer_type", "客户类别");
    for (i = 0; i < 3; i++) {
        sr_model_group_value(m, g, types[i], type_forms[i]);
        for (j = 0; j < t->ndims; j++) {
            sr_model_add(m, "customer_type", types[i], t->dims[j].id, "index",
                         65 + 5.5 * (double)i + (double)j, type_forms[i]);
            sr_model_add(m, "customer_type", types[i], t->dims[j].id, "p_value",
                         i == 0 && j == 0 ? 0.0123 : 0.4567, type_forms[i]);
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

/* render @m to fx->dir/@name */
static enum sr_status render(struct fixture *fx, const struct sr_model *m,
                             const char *name, struct sr_diag *d)
{
    char path[256];

    path_in(fx, name, path, sizeof(path));
    return sr_render_pdf(path, m, &fx->ri, d);
}

static int setup(void **state)
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
    fx->ri.cfg = &fx->cfg;
    fx->ri.epoch = EPOCH;
    snprintf(fx->ri.date, sizeof(fx->ri.date), "2026-03-15");
    fx->ri.version = "0.1.0";
    fx->ri.font_path = SR_LAYOUT_DEFAULT_FONT;
    fx->ri.font_index = 0;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    char cmd[128];

    if (getenv("SR_PDF_KEEP")) {
        fprintf(stderr, "test_pdf: PDFs kept in %s\n", fx->dir);
    } else {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "test_pdf: cannot remove %s\n", fx->dir);
    }
    sr_template_free(fx->t);
    free(fx);
    return 0;
}

/* --- line breaking --- */

/* CJK and full-width characters are 10 wide, others 5 */
static double fake_measure(void *ctx, const char *s, size_t len)
{
    (void)ctx;
    (void)s;
    return len >= 3 ? 10 : 5;
}

static char *line_of(const char *text, const struct sr_wrap_line *l)
{
    return xstrndup(text + l->off, l->len);
}

static void test_wrap_cjk_every_char(void **state)
{
    struct sr_wrap w = { 0 };
    const char *text = "顾客满意度调查分析报告";
    char *l0;

    (void)state;
    sr_wrap_text(&w, text, 45, fake_measure, NULL);
    assert_int_equal(w.n, 3);
    l0 = line_of(text, &w.lines[0]);
    assert_string_equal(l0, "顾客满意");
    assert_true(w.lines[0].width <= 45);
    free(l0);
    sr_wrap_release(&w);
}

static void test_wrap_kinsoku(void **state)
{
    struct sr_wrap w = { 0 };
    /* at 40 wide the comma would start line 2; the opening bracket would
     * end a line */
    const char *text = "服务态度好，价格（含税）合理。总体满意！";
    size_t i;

    (void)state;
    for (double width = 20; width <= 80; width += 10) {
        sr_wrap_text(&w, text, width, fake_measure, NULL);
        assert_true(w.n > 1);
        for (i = 0; i < w.n; i++) {
            const char *s = text + w.lines[i].off;
            const char *e = s + w.lines[i].len;

            assert_true(w.lines[i].len > 0);
            assert_false(!strncmp(s, "，", 3) || !strncmp(s, "。", 3) ||
                         !strncmp(s, "）", 3) || !strncmp(s, "！", 3));
            assert_false(e - s >= 3 && !strncmp(e - 3, "（", 3));
        }
    }
    sr_wrap_release(&w);
}

static void test_wrap_latin_and_spaces(void **state)
{
    struct sr_wrap w = { 0 };
    const char *text = "Net Promoter Score 净推荐值 is  computed";
    char *l;

    (void)state;
    sr_wrap_text(&w, text, 60, fake_measure, NULL);
    /* "Net Promoter" = 12 chars = 60 */
    l = line_of(text, &w.lines[0]);
    assert_string_equal(l, "Net Promoter");
    free(l);
    l = line_of(text, &w.lines[1]);
    /* "Score " then CJK breaks anywhere */
    assert_int_equal(strncmp(l, "Score", 5), 0);
    free(l);
    /* no line starts or ends with a space */
    for (size_t i = 0; i < w.n; i++) {
        assert_true(text[w.lines[i].off] != ' ');
        assert_true(text[w.lines[i].off + w.lines[i].len - 1] != ' ');
    }
    sr_wrap_release(&w);
}

static void test_wrap_long_word_and_utf8(void **state)
{
    struct sr_wrap w = { 0 };
    const char *path = "input/2026/survey-export-2026-second-half.xml";
    const char *mixed = "ABCDEFGHIJ中文KLMNOP";
    size_t i;

    (void)state;
    sr_wrap_text(&w, path, 50, fake_measure, NULL);
    assert_true(w.n >= 5);
    for (i = 0; i < w.n; i++)
        assert_true(w.lines[i].width <= 50);
    /* breaks after '/' first */
    assert_int_equal(w.lines[0].len, 6); /* "input/" */
    sr_wrap_text(&w, mixed, 25, fake_measure, NULL);
    for (i = 0; i < w.n; i++) {
        unsigned char c = (unsigned char)mixed[w.lines[i].off];

        /* never starts inside a UTF-8 sequence */
        assert_true((c & 0xc0) != 0x80);
    }
    sr_wrap_release(&w);
}

static void test_wrap_newlines_and_empty(void **state)
{
    struct sr_wrap w = { 0 };
    const char *text = "82.5*\np=0.012\n\nend";

    (void)state;
    sr_wrap_text(&w, text, 1000, fake_measure, NULL);
    assert_int_equal(w.n, 4);
    assert_int_equal(w.lines[0].len, 5);
    assert_int_equal(w.lines[2].len, 0);
    sr_wrap_text(&w, "", 100, fake_measure, NULL);
    assert_int_equal(w.n, 0);
    sr_wrap_text(&w, "\xff\xfe bad", 100, fake_measure, NULL);
    assert_int_equal(w.n, 1);
    sr_wrap_release(&w);
}

static void test_layout_measure(void **state)
{
    struct sr_layout_info info;
    struct sr_layout *L;
    struct sr_diag d;

    (void)state;
    memset(&info, 0, sizeof(info));
    info.epoch = EPOCH;
    assert_int_equal(sr_layout_new(&L, &info, &d), SR_OK);
    /* a CJK glyph of wqy-zenhei is one em wide */
    assert_true(sr_layout_measure(L, "中文", 10) > 19.99 &&
                sr_layout_measure(L, "中文", 10) < 20.01);
    assert_true(sr_layout_measure(L, "i", 10) < 5);
    assert_true(sr_layout_text_width(L) > 400);
    assert_int_equal(sr_layout_page_count(L), 0);
    sr_layout_page(L, true);
    assert_int_equal(sr_layout_page_count(L), 1);
    assert_true(sr_layout_room(L) > 600);
    assert_int_equal(sr_layout_check(L, &d), SR_OK);
    sr_layout_free(L);
    sr_layout_free(NULL);
}

/* --- a template with long texts, built by hand --- */

#define BIG_DIMS  9
#define BIG_ITEMS 27

struct big {
    struct sr_template t;
    struct sr_dimension dims[BIG_DIMS];
    struct sr_item items[BIG_ITEMS];
    size_t dim_items[BIG_DIMS][3];
    char dim_ids[BIG_DIMS][16];
    char dim_names[BIG_DIMS][160];
    char item_ids[BIG_ITEMS][32];
    char item_texts[BIG_ITEMS][400];
    char title[64];
    char id[16];
    char version[16];
};

/* nine dimensions of three items, with long names and texts */
static struct big *big_template(void)
{
    struct big *b = xcalloc(1, sizeof(*b));
    size_t i;

    snprintf(b->title, sizeof(b->title), "大型企业客户满意度调查表");
    snprintf(b->id, sizeof(b->id), "big");
    snprintf(b->version, sizeof(b->version), "1");
    b->t.title = b->title;
    b->t.id = b->id;
    b->t.version = b->version;
    b->t.overall_item = -1;
    b->t.recommend_item = -1;
    for (i = 0; i < BIG_DIMS; i++) {
        snprintf(b->dim_ids[i], sizeof(b->dim_ids[i]), "d%zu", i + 1);
        snprintf(b->dim_names[i], sizeof(b->dim_names[i]),
                 i % 3 == 0 ? "维度%zu：售后服务与技术支持的响应速度和专业"
                              "水平（含上门服务）"
                            : "维度%zu：价格",
                 i + 1);
        b->dims[i].id = b->dim_ids[i];
        b->dims[i].name = b->dim_names[i];
        b->dims[i].weight = 1.0 / BIG_DIMS;
        b->dims[i].has_target = true;
        b->dims[i].target = 70 + (double)i * 3;
        b->dims[i].items = b->dim_items[i];
        b->dims[i].nitems = 3;
    }
    for (i = 0; i < BIG_ITEMS; i++) {
        snprintf(b->item_ids[i], sizeof(b->item_ids[i]),
                 i == 5 ? "a_very_long_item_identifier_%zu" : "ITEM%zu", i + 1);
        snprintf(b->item_texts[i], sizeof(b->item_texts[i]),
                 i % 4 == 0 ? "您对我们的客户经理在合同签订、开通、变更以及"
                              "日常维护过程中的服务态度、专业能力、响应速度"
                              "和问题解决结果（包括“一次解决率”）的总体评价"
                              "如何？Please rate overall-service quality."
                            : "题目%zu的文字",
                 i + 1);
        b->items[i].id = b->item_ids[i];
        b->items[i].text = b->item_texts[i];
        b->items[i].dim = (int)(i / 3);
        b->dim_items[i / 3][i % 3] = i;
    }
    b->t.dims = b->dims;
    b->t.ndims = BIG_DIMS;
    b->t.items = b->items;
    b->t.nitems = BIG_ITEMS;
    return b;
}

static void test_long_texts_stay_inside(void **state)
{
    struct fixture *fx = *state;
    struct big *b = big_template();
    struct sr_model *m = sr_model_new(&b->t);
    struct sr_model_group *g;
    const struct sr_config *saved = fx->ri.cfg;
    struct sr_config cfg = fx->cfg;
    char title[] = "某某集团股份有限公司华东区域分公司2026年度第一季度大型"
                   "企业客户满意度专项调查分析报告（征求意见稿）";
    char org[] = "某某集团股份有限公司华东区域分公司客户服务中心与市场"
                 "营销部联合课题组（上海、江苏、浙江、安徽）";
    char secrecy[] = "绝密";
    struct sr_diag d;
    char path[256];
    char *text;
    char *sq;
    size_t i;

    for (i = 0; i < BIG_ITEMS; i++)
        add_item_figures(m, "all", "", b->item_ids[i], 3 + 0.07 * (double)i,
                         1000 + (long)i);
    for (i = 0; i < BIG_DIMS; i++) {
        /* values at the ends of the axis and beyond */
        double idx = i == 0 ? 0 : i == 1 ? 100 : 50 + 5.5 * (double)i;

        sr_model_add(m, "all", "", b->dim_ids[i], "index", idx, 1000);
        sr_model_add(m, "all", "", b->dim_ids[i], "target", b->dims[i].target,
                     -1);
        sr_model_add(m, "all", "", b->dim_ids[i], "gap",
                     idx - b->dims[i].target, -1);
    }
    sr_model_add(m, "all", "", "CSI", "index", 100, 100000);
    sr_model_add(m, "all", "", "NPS", "index", -100, 99999);
    g = sr_model_add_group(m, "industry",
                           "行业（按国民经济行业分类 GB/T 4754-2017 门类）");
    for (i = 0; i < 6; i++) {
        char v[128];
        size_t k;

        snprintf(v, sizeof(v),
                 i % 2 ? "信息传输、软件和信息技术服务业%zu"
                       : "Manufacturing-and-heavy-industry-%zu",
                 i);
        sr_model_group_value(m, g, v, 10 + 20 * (long)i);
        sr_model_add(m, "industry", v, "CSI", "index", 88.88, 10);
        for (k = 0; k < BIG_DIMS; k++) {
            sr_model_add(m, "industry", v, b->dim_ids[k], "index", 100,
                         10 + 20 * (long)i);
            sr_model_add(m, "industry", v, b->dim_ids[k], "p_value",
                         k % 2 ? 0.00001 : 0.999, 10);
        }
    }
    cfg.title = title;
    cfg.organization = org;
    cfg.confidentiality = secrecy;
    fx->ri.cfg = &cfg;
    assert_int_equal(render(fx, m, "longtexts.pdf", &d), SR_OK);
    fx->ri.cfg = saved;
    path_in(fx, "longtexts.pdf", path, sizeof(path));
    check_geometry(path);
    text = pdftotext(path, 0);
    sq = squeeze(text);
    expect_in(sq, "a_very_long_");
    expect_in(sq, "（征求意见稿）");
    expect_in(sq, "绝密");
    expect_in(sq, "信息传输");
    expect_in(sq, "100.0*");
    expect_in(sq, "-100.0");
    expect_in(sq, "维度9：价格");
    free(sq);
    free(text);
    sr_model_free(m);
    free(b);
}

/* a chart with more bars than a page holds continues on the next pages;
 * a long table drawn through the layout API keeps inside the frame */
static void test_layout_chart_and_table(void **state)
{
    struct fixture *fx = *state;
    struct sr_layout_info info;
    struct sr_layout *L;
    struct sr_layout_bar bars[60];
    char labels[60][32];
    char values[60][16];
    struct sr_layout_bar_chart c;
    static const struct sr_layout_column cols[] = {
        { "名称", 2, SR_ALIGN_LEFT },
        { "数值", 1, SR_ALIGN_RIGHT },
    };
    struct sr_layout_table *t;
    struct sr_diag d;
    char path[256];
    char *text;
    size_t i;

    memset(&info, 0, sizeof(info));
    info.epoch = EPOCH;
    info.header_left = "页眉";
    assert_int_equal(sr_layout_new(&L, &info, &d), SR_OK);
    for (i = 0; i < 60; i++) {
        snprintf(labels[i], sizeof(labels[i]), "类别%02zu", i + 1);
        snprintf(values[i], sizeof(values[i]), "%zu.0", i * 2);
        bars[i].label = labels[i];
        bars[i].has_value = true;
        bars[i].value = (double)(i * 2);
        bars[i].value_text = values[i];
        bars[i].has_target = i % 2 == 0;
        bars[i].target = 50;
    }
    memset(&c, 0, sizeof(c));
    c.title = "图1  很多类别";
    c.axis_label = "指数";
    c.value_legend = "指数";
    c.target_legend = "目标";
    c.max = 100;
    c.tick = 25;
    c.bars = bars;
    c.nbars = 60;
    sr_layout_bar_chart(L, &c);
    t = sr_layout_table_begin(L, "表1  很多行", cols, 2);
    for (i = 0; i < 80; i++) {
        const char *row[2] = { labels[i % 60], values[i % 60] };

        sr_layout_table_row_text(t, row);
    }
    sr_layout_table_end(t);
    sr_layout_table_end(NULL);
    assert_true(sr_layout_page_count(L) >= 4);
    path_in(fx, "layout.pdf", path, sizeof(path));
    assert_int_equal(sr_layout_save(L, path, &d), SR_OK);
    sr_layout_free(L);
    check_geometry(path);
    text = pdftotext(path, 0);
    expect_in(text, "（续）");
    expect_in(text, "类别60");
    expect_in(text, "118.0");
    free(text);
}

/* --- the report --- */

static void test_render_contents(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0);
    struct sr_diag d;
    char path[256];
    char want[128];
    char *text;
    char *sq;
    int pages;
    size_t i;

    assert_int_equal(render(fx, m, "report.pdf", &d), SR_OK);
    path_in(fx, "report.pdf", path, sizeof(path));
    text = pdftotext(path, 0);
    sq = squeeze(text);

    /* cover and running heads */
    expect_in(sq, "2026年度顾客满意度调查分析报告");
    expect_in(sq, "某某通信有限公司");
    expect_in(sq, "机密");
    expect_in(sq, "编制单位：客户服务部");
    expect_in(sq, "报告日期：2026-03-15");
    expect_in(sq, "调查期间：2026-01-01至2026-12-31");
    /* 一、调查概况 */
    expect_in(sq, "一、调查概况");
    expect_in(sq, "读取=接受+拒收+期外，即130=118+9+3");
    expect_in(sq, "input/2026/q1.csv");
    expect_in(sq, "survey-export-2026-second-half.xml");
    /* 二、满意度指数 */
    expect_in(sq, "二、满意度指数");
    expect_in(sq, "78.6");   /* CSI 78.6449 */
    expect_in(sq, "23.7");   /* NPS 23.7288 */
    expect_in(sq, "未达标"); /* service 70 < 85 */
    expect_in(sq, "达标");
    expect_in(sq, "-15.0"); /* gap 70 - 85 */
    expect_in(sq, "0.85");  /* alpha 0.8456 */
    expect_in(sq, "图1");
    expect_in(sq, "目标值");
    for (i = 0; i < fx->t->ndims; i++)
        expect_in(sq, fx->t->dims[i].name);
    /* 三、各题目得分: every item, Q1 rounded */
    expect_in(sq, "三、各题目得分");
    for (i = 0; i < fx->t->nitems; i++) {
        expect_in(sq, fx->t->items[i].id);
        expect_in(sq, fx->t->items[i].text);
    }
    expect_in(text, "4.12"); /* mean 4.123456 */
    expect_in(text, "0.88"); /* sd 0.876543 */
    expect_in(text, "3.96 ～ 4.28");
    expect_in(text, "81.2%"); /* top2 0.812345 */
    expect_in(text, "78.1");  /* index 78.0864 */
    expect_in(text, "—");     /* recommend has no sd */
    /* 四、分组比较 */
    expect_in(sq, "四、分组比较");
    expect_in(sq, "客户类别");
    expect_in(sq, "样本少"); /* VIP客户 18 < 30 */
    expect_in(sq, "65.0*");  /* p = 0.0123 */
    expect_in(sq, "p=0.012");
    expect_in(sq, "p<0.001");
    expect_in(sq, "p=0.457");
    /* footers */
    pages = page_count(path);
    assert_true(pages >= 4);
    snprintf(want, sizeof(want), "第2页共%d页", pages);
    expect_in(sq, want);
    snprintf(want, sizeof(want), "第%d页共%d页", pages, pages);
    expect_in(sq, want);
    free(sq);
    free(text);

    check_geometry(path);

    /* the cover has no running head or foot */
    text = pdftotext(path, 1);
    sq = squeeze(text);
    assert_null(strstr(sq, "第1页"));
    free(sq);
    free(text);
    sr_model_free(m);
}

static void test_qpdf_and_fonts(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0);
    struct sr_diag d;
    char path[256];
    char cmd[512];
    char *out;
    char *line;
    int st;

    assert_int_equal(render(fx, m, "check.pdf", &d), SR_OK);
    path_in(fx, "check.pdf", path, sizeof(path));
    snprintf(cmd, sizeof(cmd), "qpdf --check '%s' 2>&1", path);
    out = run(cmd, &st);
    if (st != 0)
        fail_msg("qpdf --check failed:\n%s", out);
    free(out);

    snprintf(cmd, sizeof(cmd), "pdffonts '%s' 2>/dev/null", path);
    out = run(cmd, &st);
    assert_int_equal(st, 0);
    line = strstr(out, "WenQuanYiZenHei");
    assert_non_null(line);
    /* name type encoding emb sub uni: "CID TrueType Identity-H yes" */
    line = strstr(line, "Identity-H");
    assert_non_null(line);
    line += strlen("Identity-H");
    while (*line == ' ')
        line++;
    assert_int_equal(strncmp(line, "yes", 3), 0);
    free(out);

    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
    out = run(cmd, &st);
    expect_in(out, "2026年度顾客满意度调查分析报告");
    expect_in(out, "客户服务部");
    expect_in(out, "satreport 0.1.0");
    expect_in(out, "2026");
    free(out);
    sr_model_free(m);
}

static void test_reproducible(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0);
    struct sr_diag d;
    char a[256];
    char b[256];
    char c[256];

    assert_int_equal(render(fx, m, "a.pdf", &d), SR_OK);
    assert_int_equal(render(fx, m, "b.pdf", &d), SR_OK);
    fx->ri.epoch = EPOCH + 86400;
    assert_int_equal(render(fx, m, "c.pdf", &d), SR_OK);
    fx->ri.epoch = EPOCH;
    path_in(fx, "a.pdf", a, sizeof(a));
    path_in(fx, "b.pdf", b, sizeof(b));
    path_in(fx, "c.pdf", c, sizeof(c));
    assert_true(same_file(a, b));
    assert_false(same_file(a, c));
    sr_model_free(m);
}

/* a group with many values: its table runs over pages, header repeated */
static void test_table_breaks_across_pages(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 90);
    struct sr_diag d;
    char path[256];
    char *text;
    char *sq;
    int pages;
    int p;
    int with_rows = 0;
    int with_header = 0;

    assert_int_equal(render(fx, m, "long.pdf", &d), SR_OK);
    path_in(fx, "long.pdf", path, sizeof(path));
    pages = page_count(path);
    for (p = 2; p <= pages; p++) {
        text = pdftotext(path, p);
        sq = squeeze(text);
        if (strstr(sq, "行业0")) {
            with_rows++;
            /* every page with industry rows shows the header row */
            if (strstr(sq, "行业样本量"))
                with_header++;
        }
        free(sq);
        free(text);
    }
    assert_true(with_rows >= 2);
    assert_int_equal(with_header, with_rows);
    check_geometry(path);
    text = pdftotext(path, 0);
    expect_in(text, "行业001");
    expect_in(text, "行业090");
    free(text);
    sr_model_free(m);
}

/* no figures at all: everything prints as — and nothing breaks */
static void test_empty_model(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = sr_model_new(fx->t);
    struct sr_diag d;
    struct sr_config cfg;
    const struct sr_config *saved = fx->ri.cfg;
    char path[256];
    char *text;
    char *sq;
    char bad_org[] = "bad \xff\xfe org";

    memset(&cfg, 0, sizeof(cfg));
    cfg.organization = bad_org; /* invalid UTF-8 is drawn as '?' */
    fx->ri.cfg = &cfg;
    assert_int_equal(render(fx, m, "empty.pdf", &d), SR_OK);
    fx->ri.cfg = saved;
    path_in(fx, "empty.pdf", path, sizeof(path));
    text = pdftotext(path, 0);
    sq = squeeze(text);
    expect_in(sq, "顾客满意度调查分析报告"); /* the default title */
    expect_in(sq, "—");
    expect_in(sq, "没有可细分比较的分组");
    expect_in(sq, "bad??org");
    free(sq);
    free(text);
    sr_model_free(m);
}

static void test_errors(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0);
    struct sr_diag d;
    const char *font = fx->ri.font_path;
    char path[256];

    memset(&d, 0, sizeof(d));
    assert_int_equal(
        sr_render_pdf("/nonexistent-dir/report.pdf", m, &fx->ri, &d),
        SR_ERR_WRITE);
    expect_in(d.msg, "libharu error 0x");
    expect_in(d.file, "/nonexistent-dir/report.pdf");

    memset(&d, 0, sizeof(d));
    fx->ri.font_path = "/nonexistent/font.ttc";
    path_in(fx, "nofont.pdf", path, sizeof(path));
    assert_int_equal(sr_render_pdf(path, m, &fx->ri, &d), SR_ERR_LIBRARY);
    expect_in(d.msg, "libharu error 0x");
    expect_in(d.file, "/nonexistent/font.ttc");
    assert_int_not_equal(access(path, F_OK), 0);

    memset(&d, 0, sizeof(d));
    fx->ri.font_path = font;
    fx->ri.font_index = 99;
    assert_int_equal(sr_render_pdf(path, m, &fx->ri, &d), SR_ERR_LIBRARY);
    expect_in(d.msg, "face 99");
    fx->ri.font_index = 0;
    sr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_cjk_every_char),
        cmocka_unit_test(test_wrap_kinsoku),
        cmocka_unit_test(test_wrap_latin_and_spaces),
        cmocka_unit_test(test_wrap_long_word_and_utf8),
        cmocka_unit_test(test_wrap_newlines_and_empty),
        cmocka_unit_test(test_layout_measure),
        cmocka_unit_test(test_layout_chart_and_table),
        cmocka_unit_test(test_render_contents),
        cmocka_unit_test(test_qpdf_and_fonts),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_table_breaks_across_pages),
        cmocka_unit_test(test_empty_model),
        cmocka_unit_test(test_long_texts_stay_inside),
        cmocka_unit_test(test_errors),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
