/* SPDX-License-Identifier: MIT */
/*
 * test_pdf.c - report.pdf (src/render/pdf): line breaking, the layout
 * layer (tables, bar, series and scatter charts, tables of contents), the
 * default report read back with pdftotext, structure (qpdf --check),
 * embedded fonts (pdffonts), tables flowing across pages, geometry,
 * reproducibility and errors.  The report template language itself is
 * tested in test_report.c.
 *
 * Needs poppler-utils and qpdf on PATH and the WenQuanYi Zen Hei font.
 * Set SR_PDF_KEEP=1 to keep the rendered PDFs (their folder is printed).
 */
#include "test_pdf_helpers.h"

#include <hpdf.h>

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

/* grouped and stacked bars (split over pages), a scatter chart, headings
 * recorded for a table of contents: all inside the frame, nothing drawn
 * over anything, legends and labels read back */
static void test_layout_series_scatter_toc(void **state)
{
    struct fixture *fx = *state;
    struct sr_layout_info info;
    struct sr_layout *L;
    static const char *const series[] = { "上期", "本期", "目标组" };
    static const char *const parts[] = { "非常不满意", "不满意", "一般", "满意",
                                         "非常满意" };
    struct sr_layout_category cats[30];
    struct sr_layout_value vals[30][5];
    char labels[30][32];
    char texts[30][5][16];
    struct sr_layout_series_chart c;
    struct sr_layout_point pts[9];
    char plabels[9][32];
    struct sr_layout_scatter sc;
    const struct sr_layout_mark *mk;
    struct sr_diag d;
    char path[256];
    char *text;
    char *sq;
    size_t n;
    size_t i;
    size_t k;

    memset(&info, 0, sizeof(info));
    info.epoch = EPOCH;
    info.foot = "- {page} / {pages} -";
    info.watermark = "内部资料";
    info.watermark_color = (struct sr_rgb){ 0.8, 0.1, 0.1 };
    assert_int_equal(sr_layout_new(&L, &info, &d), SR_OK);
    sr_layout_heading_ex(L, 1, "目录", SR_HEADING_NO_TOC | SR_HEADING_CENTER);
    sr_layout_toc_line(L, 1, "第一章 分组", "2", 2);
    sr_layout_toc_line(L, 2,
                       "很长的二级标题会换行吗？很长的二级标题会换行吗？"
                       "很长的二级标题会换行吗？很长的二级标题会换行吗？",
                       "3", 3);
    sr_layout_page(L, true);
    sr_layout_heading(L, 1, "第一章 分组");
    for (i = 0; i < 30; i++) {
        snprintf(labels[i], sizeof(labels[i]), "组别%02zu", i + 1);
        for (k = 0; k < 5; k++) {
            double v = k < 3 ? 50 + (double)((i * 7 + k * 13) % 50) : 0.2;

            vals[i][k].has_value = !(i == 3 && k == 1);
            vals[i][k].value = k < 3 ? v : 0.2;
            snprintf(texts[i][k], sizeof(texts[i][k]), "%.1f", v);
            vals[i][k].text = texts[i][k];
            vals[i][k].flags = i % 7 == 0 ? SR_VALUE_MUTED : 0;
        }
        cats[i].label = labels[i];
        cats[i].values = vals[i];
        cats[i].has_target = i % 2 == 0;
        cats[i].target = 80;
    }
    memset(&c, 0, sizeof(c));
    c.title = "图1  很多组";
    c.axis_label = "指数";
    c.series = series;
    c.nseries = 3;
    c.target_legend = "目标值";
    c.muted_legend = "样本少";
    c.cont = "（接上页）";
    c.max = 100;
    c.tick = 20;
    c.cats = cats;
    c.ncats = 30;
    sr_layout_series_chart(L, &c);
    sr_layout_heading(L, 1, "第二章 分布");
    /* stacked: five parts of 0.2 each, the first rows only */
    c.title = "图2  分布";
    c.series = parts;
    c.nseries = 5;
    c.stacked = true;
    c.ncats = 6;
    for (i = 0; i < 6; i++) {
        for (k = 0; k < 5; k++) {
            vals[i][k].has_value = true;
            vals[i][k].value = 0.2;
            vals[i][k].text = "20%";
            vals[i][k].flags = 0;
        }
    }
    sr_layout_series_chart(L, &c);
    sr_layout_heading(L, 2, "（一）散点");
    for (i = 0; i < 9; i++) {
        snprintf(plabels[i], sizeof(plabels[i]), "维度%zu", i + 1);
        pts[i].label = plabels[i];
        pts[i].value_text = "r = 0.61，指数 80.0";
        /* three points almost on top of each other */
        pts[i].x = i < 3 ? 0.6 + 0.001 * (double)i : 0.4 + 0.04 * (double)i;
        pts[i].y = i < 3 ? 75 : 60 + 3.5 * (double)i;
        pts[i].cls = (int)(i % 5);
    }
    memset(&sc, 0, sizeof(sc));
    sc.title = "图3  重要性—表现";
    sc.x_label = "重要性";
    sc.y_label = "表现";
    sc.quadrant[0] = "优势区";
    sc.quadrant[1] = "修补区";
    sc.quadrant[2] = "机会区";
    sc.quadrant[3] = "维持区";
    sc.has_split = true;
    sc.x_split = 0.6;
    sc.y_split = 74;
    sc.points = pts;
    sc.npoints = 9;
    sr_layout_scatter(L, &sc);
    mk = sr_layout_marks(L, &n);
    assert_int_equal(n, 4);
    assert_false(mk[0].toc);
    assert_int_equal(mk[1].page, 2);
    assert_int_equal(mk[3].level, 2);
    path_in(fx, "series.pdf", path, sizeof(path));
    assert_int_equal(sr_layout_save(L, path, &d), SR_OK);
    sr_layout_free(L);
    check_geometry(path);
    text = pdftotext(path, 0);
    sq = squeeze(text);
    expect_in(sq, "图1很多组（接上页）");
    expect_in(sq, "组别30");
    expect_in(sq, "上期本期目标组目标值样本少");
    expect_in(sq, "非常不满意不满意一般满意非常满意");
    expect_in(sq, "优势区");
    expect_in(sq, "修补区");
    expect_in(sq, "维度9");
    expect_in(sq, "-2/");
    expect_not_in(sq, "内部资料"); /* the watermark is not text */
    free(sq);
    free(text);
}

/* --- the report --- */

/* the section whose heading holds @title begins on the page that the
 * table of contents gives for it */
static void check_toc_entry(const char *pdf, const char *toc, const char *title)
{
    const char *p = strstr(toc, title);
    char *page;
    long n;

    if (!p)
        fail_msg("'%s' not in the table of contents", title);
    p += strlen(title);
    while (*p == '.')
        p++;
    n = strtol(p, NULL, 10);
    assert_true(n > 3);
    page = page_text(pdf, (int)n);
    expect_in(page, title);
    free(page);
}

static void test_render_contents(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
    struct sr_diag d;
    char path[256];
    char want[128];
    char *text;
    char *sq;
    char *toc;
    int pages;
    size_t i;

    assert_int_equal(render(fx, m, "report.pdf", &d), SR_OK);
    path_in(fx, "report.pdf", path, sizeof(path));
    text = pdftotext(path, 0);
    sq = squeeze(text);

    /* cover, approval sheet, running heads */
    expect_in(sq, "2026年度顾客满意度调查分析报告");
    expect_in(sq, "某某通信有限公司");
    expect_in(sq, "机密");
    expect_in(sq, "编制单位：客户服务部");
    expect_in(sq, "报告日期：2026年3月15日");
    expect_in(sq, "调查期间：2026-01-01至2026-12-31");
    expect_in(sq, "状态：送审稿");
    expect_in(sq, "审批页");
    expect_in(sq, "批准（总经理）");
    expect_in(sq, "目录");
    /* 一、摘要 */
    expect_in(sq, "一、摘要");
    expect_in(sq, "顾客满意度指数（CSI）为78.6"); /* 78.6449 */
    expect_in(sq, "“投诉处理”满意度最高（86.4）");
    expect_in(sq, "“服务质量”最低（70.0）");
    /* gaps: service -15, product -1.8, price -0.9 (no action_rank here) */
    expect_in(sq, "未达到目标值的维度有：“服务质量”（70.0，低于目标15.0）、"
                  "“产品质量”（78.2，低于目标1.8）、“套餐价格”（74.1，低于目"
                  "标0.9）");
    expect_in(sq,
              "按客户类别，CSI最高的是“重要客户”（80.0），最低的是“一般客户”"
              "（77.5）"); /* VIP客户 is a small base */
    /* 二、调查概况 */
    expect_in(sq, "二、调查概况");
    expect_in(sq, "读取=接受+拒收+期外，即130=118+9+3");
    expect_in(sq, "input/2026/q1.csv");
    expect_in(sq, "survey-export-2026-second-half.xml");
    expect_in(sq, "合计130118");
    /* 三、满意度指数 */
    expect_in(sq, "三、满意度指数");
    expect_in(sq, "78.6");   /* CSI 78.6449 */
    expect_in(sq, "23.7");   /* NPS 23.7288 */
    expect_in(sq, "未达标"); /* service 70 < 85 */
    expect_in(sq, "达标");
    expect_in(sq, "-15.0"); /* gap 70 - 85 */
    expect_in(sq, "+2.3");  /* gap 82.3 - 80 */
    expect_in(sq, "0.85");  /* alpha 0.8456 */
    expect_in(sq, "图1各维度满意度指数与目标值");
    expect_in(sq, "目标值");
    for (i = 0; i < fx->t->ndims; i++)
        expect_in(sq, fx->t->dims[i].name);
    /* 四、各维度分析: one section per dimension */
    expect_in(sq, "四、各维度分析");
    expect_in(sq, "（一）服务质量");
    expect_in(sq, "（五）投诉处理");
    expect_in(sq, "“服务质量”满意度指数为70.0（样本量118），目标值85.0，未达到"
                  "目标，差距-15.0");
    expect_in(sq, "“服务质量”分组比较");
    /* every item (the appendix lists them all), Q1 rounded */
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
    /* 五、分组比较 */
    expect_in(sq, "五、分组比较");
    expect_in(sq, "（一）按客户类别");
    expect_in(sq, "样本少"); /* VIP客户 18 < 30 */
    expect_in(sq, "70.5*");  /* 一般客户 service, p = 0.0123, 60 forms */
    expect_in(sq, "p=0.012");
    expect_in(sq, "p<0.001"); /* 华北 product, p = 0.0002, 33 forms */
    expect_in(sq, "71.0*");
    expect_in(sq, "p=0.457");
    expect_not_in(sq, "65.0*"); /* VIP: p = 0.4567 */
    /* the rest */
    expect_in(sq, "六、关键驱动因素分析");
    expect_in(sq, "重要性—表现分析（IPA）");
    expect_not_in(sq, "与上期比较"); /* no previous period */
    expect_in(sq, "七、意见与投诉");
    expect_in(sq, "未加载意见分类规则");
    expect_in(sq, "八、纠正和预防措施");
    expect_in(sq, "纠正和预防措施计划");
    expect_in(sq, "附录：方法说明");
    /* footers */
    pages = page_count(path);
    assert_true(pages >= 10);
    snprintf(want, sizeof(want), "第2页共%d页", pages);
    expect_in(sq, want);
    snprintf(want, sizeof(want), "第%d页共%d页", pages, pages);
    expect_in(sq, want);
    free(sq);
    free(text);

    assert_int_equal(check_geometry(path), pages);

    /* the cover has no running head or foot */
    sq = page_text(path, 1);
    assert_null(strstr(sq, "第1页"));
    expect_in(sq, "送审稿");
    free(sq);

    /* the table of contents tells the right pages */
    toc = page_text(path, 3);
    expect_in(toc, "目录");
    check_toc_entry(path, toc, "一、摘要");
    check_toc_entry(path, toc, "四、各维度分析");
    check_toc_entry(path, toc, "（三）产品质量");
    check_toc_entry(path, toc, "附录：方法说明");
    free(toc);
    sr_model_free(m);
}

static void test_qpdf_and_fonts(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
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
    struct sr_model *m = build_model(fx->t, 0, false);
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
    struct sr_model *m = build_model(fx->t, 90, false);
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
        /* the pages of the table rows (not of the chart) */
        if (strstr(sq, "行业0") && !strstr(sq, "按行业的各维度满意度指数")) {
            with_rows++;
            /* every page with industry rows shows a header row (the
             * group table's or the dimension sections') */
            if (strstr(sq, "行业样本量") || strstr(sq, "细分字段组别样本量"))
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
    expect_not_in(sq, "分组比较");
    expect_in(sq, "各维度满意度指数均达到目标值");
    expect_in(sq, "bad??org");
    free(sq);
    free(text);
    sr_model_free(m);
}

static void test_errors(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
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
        cmocka_unit_test(test_layout_series_scatter_toc),
        cmocka_unit_test(test_render_contents),
        cmocka_unit_test(test_qpdf_and_fonts),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_table_breaks_across_pages),
        cmocka_unit_test(test_empty_model),
        cmocka_unit_test(test_long_texts_stay_inside),
        cmocka_unit_test(test_errors),
    };

    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
