/* SPDX-License-Identifier: MIT */
/*
 * test_report.c - report templates (src/render/pdf/report.c, pdf.c)
 *
 * Loading: the shipped templates load; every kind of template error is
 * refused with file:line and a message that says what is wrong, before
 * anything is rendered.  Rendering: with hand-built models that have (and
 * lack) what the statistics add - previous period, action ranks,
 * categories, significance, small bases - the sections appear or give
 * way; approval data fills the approval sheet; 已批准 removes the draft
 * marks; 机密 encrypts with the right permissions, reproducibly; the
 * table of contents and the bookmarks agree with the pages; the English
 * template renders with the same engine; [report] template is used.
 *
 * Run from the repository root.  SR_PDF_KEEP=1 keeps the PDFs.
 */
#include "test_pdf_helpers.h"

/* --- loading --- */

static void test_shipped_templates_load(void **state)
{
    struct sr_report_tmpl *rt = NULL;
    struct sr_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    if (sr_report_load(REPORT_ZH, &rt, &d) != SR_OK)
        fail_msg("%s:%ld: %s", d.file, d.line, d.msg);
    sr_report_free(rt);
    if (sr_report_load(REPORT_EN, &rt, &d) != SR_OK)
        fail_msg("%s:%ld: %s", d.file, d.line, d.msg);
    sr_report_free(rt);
    sr_report_free(NULL);
    /* from the source tree, the default is the shipped one */
    assert_non_null(sr_report_default_path());
}

static void test_missing_file(void **state)
{
    struct sr_report_tmpl *rt = (struct sr_report_tmpl *)&rt;
    struct sr_diag d;

    (void)state;
    memset(&d, 0, sizeof(d));
    assert_int_equal(sr_report_load("/nonexistent/report.xml", &rt, &d),
                     SR_ERR_IO);
    assert_null(rt);
    expect_in(d.file, "/nonexistent/report.xml");
}

/* one bad template: its text, the line the error must name, and words
 * the message must have */
struct bad {
    const char *xml;
    long line;
    const char *msg;
};

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report>\n"

static const struct bad bad_templates[] = {
    /* XML */
    { HEAD "<p>unclosed\n</report>\n", 4, "mismatched tag" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY a \"b\">]>\n"
      "<report/>\n",
      2, "DOCTYPE" },
    { "<?xml version=\"1.0\"?>\n<survey/>\n", 2, "not <report>" },
    { HEAD "<report version=\"2\"/>\n</report>\n", 3,
      "<report> may not stand" },
    { "<?xml version=\"1.0\"?>\n<report version=\"2\"/>\n", 2,
      "reads version 1" },
    /* elements and attributes */
    { HEAD "<section title=\"a\">\n  <paragraph/>\n</section>\n</report>\n", 4,
      "unknown element <paragraph>" },
    { HEAD "<p colour=\"#000\">x</p>\n</report>\n", 3,
      "unknown attribute 'colour' on <p>" },
    { HEAD "<section>\n</section>\n</report>\n", 3, "<section> needs title=" },
    { HEAD "<section title=\"a\"><row/></section>\n</report>\n", 3,
      "<row> may not stand in <section>" },
    { HEAD "<p><table/></p>\n</report>\n", 3, "<table> may not stand in <p>" },
    { HEAD "<table>\n<col/>\nsome text\n</table>\n</report>\n", 5,
      "text is not allowed in <table>" },
    { HEAD "<p style=\"fancy\">x</p>\n</report>\n", 3,
      "unknown style 'fancy'" },
    { HEAD "<p color=\"red\">x</p>\n</report>\n", 3, "not a colour" },
    { HEAD "<space height=\"lots\"/>\n</report>\n", 3, "not a length" },
    { HEAD "<goto at=\"2\"/>\n</report>\n", 3, "a fraction of the page" },
    { HEAD "<section title=\"a\" numbered=\"maybe\"/>\n</report>\n", 3,
      "use yes or no" },
    { HEAD "<chart type=\"pie\"/>\n</report>\n", 3, "use bars, grouped" },
    { HEAD "<chart type=\"bars\">\n<group label=\"x\"/>\n</chart>\n</report>\n",
      4, "holds <bar> elements" },
    { HEAD "<section title=\"1\"><section title=\"2\"><section title=\"3\">\n"
           "<section title=\"4\"/></section></section></section>\n</report>\n",
      4, "at most three deep" },
    { HEAD "<info/>\n<info/>\n</report>\n", 4, "a second <info>" },
    { HEAD "<style name=\"body\"/>\n</report>\n", 3, "defined twice" },
    /* placeholders */
    { HEAD "<p>\n  CSI {fig all,,CSI}\n</p>\n</report>\n", 4,
      "has 3 parts, not 4" },
    { HEAD "<p>CSI {fig all,,CSI,index,n}</p>\n</report>\n", 3,
      "more than 4 parts" },
    { HEAD "<p>{fig all,,CSI,index|0.x}</p>\n</report>\n", 3,
      "bad format '0.x'" },
    { HEAD "<p>{text author}</p>\n</report>\n", 3, "unknown text 'author'" },
    { HEAD "<p>{title}</p>\n</report>\n", 3, "unknown placeholder '{title}'" },
    { HEAD "<p>{item.text}</p>\n</report>\n", 3,
      "'{item.text}' outside <each var=\"item\">" },
    { HEAD "<each var=\"item\"><p>{item.colour}</p></each>\n</report>\n", 3,
      "'item' has no field 'colour'" },
    { HEAD "<p>{fig all,,$dimension,index}</p>\n</report>\n", 3,
      "'$dimension' in key 'all,,$dimension,index' outside" },
    { HEAD "<p>{fig all,,$dim,index}</p>\n</report>\n", 3,
      "unknown variable '$dim'" },
    { HEAD "<p>a {fig all,,CSI,index</p>\n</report>\n", 3, "'{' without '}'" },
    { HEAD "<p>a } b</p>\n</report>\n", 3, "'}' without '{'" },
    { HEAD "<info title=\"{text nope}\"/>\n</report>\n", 3,
      "unknown text 'nope'" },
    { HEAD "<report heading1=\"{x}\"/>\n</report>\n", 3, "may not stand" },
    { "<?xml version=\"1.0\"?>\n<report table-caption=\"{num}\"/>\n", 2,
      "unknown '{num}'" },
    /* loops and conditions */
    { HEAD "<each var=\"dimensions\"/>\n</report>\n", 3,
      "<each var=\"dimensions\">: use dimension" },
    { HEAD "<each var=\"value\"/>\n</report>\n", 3,
      "outside <each var=\"segment\">" },
    { HEAD "<each var=\"example\"/>\n</report>\n", 3,
      "<each var=\"example\"> outside <each var=\"category\">" },
    { HEAD "<p>{example.name}</p>\n</report>\n", 3, "example" },
    { HEAD "<each var=\"point\"/>\n</report>\n", 3,
      "needs an enclosing <each var=\"item\">" },
    { HEAD "<each var=\"dimension\" limit=\"0\"/>\n</report>\n", 3,
      "a whole number, 1 or more" },
    { HEAD "<each var=\"dimension\" sort=\"all,,$dimension\"/>\n</report>\n", 3,
      "has 3 parts, not 4" },
    { HEAD "<if lt=\"3\"/>\n</report>\n", 3, "a comparison needs figure=" },
    { HEAD "<if figure=\"all,,CSI,index\" lt=\"1\" gt=\"2\"/>\n</report>\n", 3,
      "more than one comparison" },
    { HEAD "<if has=\"money\"/>\n</report>\n", 3, "use previous, categories" },
    { HEAD "<if small=\"yes\"/>\n</report>\n", 3,
      "small= outside <each var=\"value\">" },
    { HEAD "<else/>\n</report>\n", 3, "<else> outside <if>" },
    { HEAD "<if has=\"previous\"><else/><p>x</p><else/></if>\n</report>\n", 3,
      "<else> after <else/>" },
    { HEAD "<if has=\"previous\"><else>x</else></if>\n</report>\n", 3,
      "text is not allowed" },
    { HEAD "<none/>\n</report>\n", 3, "<none> outside <each>" },
    { HEAD "<table><col/><flag set=\"bold\"/></table>\n</report>\n", 3,
      "<flag> may not stand in <table>" },
    { HEAD "<table><col/><row><flag set=\"bold\"/><cell/></row></table>\n"
           "</report>\n",
      3, "use strong, alert, good or muted" },
    { HEAD "<p><flag set=\"strong\"/>x</p>\n</report>\n", 3,
      "<flag> stands in <row>" },
    /* rows against columns */
    { HEAD "<table>\n<col/><col/>\n<row><cell/></row>\n</table>\n</report>\n",
      5, "the row has 1 cell, the table 2 columns" },
    { HEAD "<table>\n<col/>\n<each var=\"dimension\"><col/></each>\n"
           "<row><cell/><cell/></row>\n</table>\n</report>\n",
      6, "do not match the columns" },
    { HEAD "<table>\n<col/><col/>\n<row><cell/>\n"
           "<if has=\"previous\"><cell/></if></row>\n</table>\n</report>\n",
      6, "needs an <else/>" },
    { HEAD "<table>\n<col/><col/>\n<row><cell/>\n"
           "<if has=\"previous\"><cell/><else/></if></row>\n</table>\n"
           "</report>\n",
      6, "branches of <if> make different cells" },
    { HEAD "<table caption=\"x\"/>\n</report>\n", 3, "has no <col>" },
};

static void test_bad_templates(void **state)
{
    struct fixture *fx = *state;
    char path[256];
    char where[600];
    size_t i;

    path_in(fx, "bad.xml", path, sizeof(path));
    for (i = 0; i < sizeof(bad_templates) / sizeof(bad_templates[0]); i++) {
        const struct bad *b = &bad_templates[i];
        struct sr_report_tmpl *rt = (struct sr_report_tmpl *)&rt;
        struct sr_diag d;
        FILE *f = fopen(path, "w");
        enum sr_status rc;

        assert_non_null(f);
        fputs(b->xml, f);
        fclose(f);
        memset(&d, 0, sizeof(d));
        rc = sr_report_load(path, &rt, &d);
        if (rc != SR_ERR_CONFIG)
            fail_msg("case %zu: status %d, not SR_ERR_CONFIG (%s)", i, rc,
                     d.msg);
        assert_null(rt);
        if (d.line != b->line || strcmp(d.file, path) || !strstr(d.msg, b->msg))
            fail_msg("case %zu: got %s:%ld: %s; want line %ld: ...%s...", i,
                     d.file, d.line, d.msg, b->line, b->msg);
        /* printed like a compiler: file:line[:col]: message */
        sr_diag_format(&d, where, sizeof(where));
        assert_int_equal(strncmp(where, path, strlen(path)), 0);
        assert_int_equal(where[strlen(path)], ':');
    }
}

/* a bad [report] template stops sr_render_pdf() before writing */
static void test_bad_template_writes_nothing(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
    char tpath[256];
    char out[256];
    struct sr_diag d;
    FILE *f;

    path_in(fx, "broken.xml", tpath, sizeof(tpath));
    path_in(fx, "never.pdf", out, sizeof(out));
    f = fopen(tpath, "w");
    assert_non_null(f);
    fputs(HEAD "<p>{fig all,,CSI}</p>\n</report>\n", f);
    fclose(f);
    fx->cfg.report_template = tpath;
    memset(&d, 0, sizeof(d));
    assert_int_equal(sr_render_pdf(out, m, &fx->ri, &d), SR_ERR_CONFIG);
    fx->cfg.report_template = NULL;
    assert_int_equal(d.line, 3);
    assert_int_not_equal(access(out, F_OK), 0);
    sr_model_free(m);
}

/* --- rendering --- */

/* a template of our own: placeholders, loops, conditions, formats */
static void test_language(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, true);
    char tpath[256];
    char out[256];
    struct sr_report_tmpl *rt;
    struct sr_diag d;
    char *sq;
    FILE *f;

    path_in(fx, "lang.xml", tpath, sizeof(tpath));
    path_in(fx, "lang.pdf", out, sizeof(out));
    f = fopen(tpath, "w");
    assert_non_null(f);
    fputs(HEAD
          "<page/>\n"
          /* formats */
          "<p>A {fig all,,CSI,index}|{fig all,,CSI,index|0}|"
          "{fig all,,CSI,index|0.000}|{fig all,,service,gap}|"
          "{fig all,,service,gap|abs0.0}|{fig all,,Q1,top2}|"
          "{fig all,,Q1,top2|0%}|{fig all,,Q1,mean|n}|"
          "{fig customer_type,VIP客户,service,p_value|P}|"
          "{fig all,,nothing,index}|{{braces}}</p>\n"
          /* loops, separators, order, limit, filters */
          "<p>B <each var=\"dimension\" sort=\"-all,,$dimension,index\" "
          "limit=\"2\" sep=\"/\">{dimension.id}</each></p>\n"
          "<p>C <each var=\"dimension\" figure=\"all,,$dimension,gap\" "
          "lt=\"0\" sort=\"all,,$dimension,action_rank\" sep=\", \" "
          "last-sep=\" and \" head=\"[\" tail=\"]\">{dimension.pos}."
          "{dimension.id}</each></p>\n"
          "<p>D <each var=\"dimension\" figure=\"all,,$dimension,gap\" "
          "gt=\"100\">x<none>none above</none></each></p>\n"
          "<each var=\"dimension\" limit=\"1\"><p>F <each var=\"item\" "
          "in=\"dimension\" sep=\",\">{item.id}={item.dimension}</each>"
          "</p></each>\n"
          "<p>G <each var=\"segment\"><each var=\"value\" small=\"yes\">"
          "{segment.id}:{value}({value.forms})</each></each></p>\n"
          "<p>H <each var=\"category\" complaint=\"yes\">{category.name}/"
          "{category.kind}</each></p>\n"
          /* conditions */
          "<p>I <if has=\"previous\">prev<else/>noprev</if> "
          "<if text=\"marking\" is=\"机密\">secret</if> "
          "<if marking=\"公开,内部\">open<else/>closed</if> "
          "<if draft=\"yes\">draft</if> "
          "<if some=\"dimension\" figure=\"all,,$dimension,quadrant\" "
          "eq=\"2\">fix</if> "
          "<if figure=\"all,,CSI,index\" ge=\"78.6449\">ge</if>"
          "<if figure=\"all,,CSI,index\" gt=\"78.6449\">gt</if> "
          "<if figure=\"all,,nothing,index\" present=\"no\">absent</if> "
          "<if significant=\"customer_type,一般客户,service\">sig</if>"
          "<if significant=\"customer_type,VIP客户,service\">nosig</if></p>\n"
          "<p>J {text date|YYYY年M月D日} {text period_from|D.M.YYYY} "
          "{text min_base}</p>\n"
          "<each var=\"scale\"><if some=\"point\" field=\"point.label\">"
          "<p>K {scale.id}</p></if></each>\n"
          "</report>\n",
          f);
    fclose(f);
    memset(&d, 0, sizeof(d));
    if (sr_report_load(tpath, &rt, &d) != SR_OK)
        fail_msg("%s:%ld: %s", d.file, d.line, d.msg);
    assert_int_equal(sr_render_pdf_with(out, rt, m, &fx->ri, &d), SR_OK);
    sr_report_free(rt);
    sq = page_text(out, 0);
    expect_in(sq,
              "A78.6|79|78.645|-15.0|15.0|81.2%|81%|117|p=0.457|—|{braces}");
    expect_in(sq, "Bcomplaint/company");
    /* below target, by action_rank: price 1, product 2, service 3 */
    expect_in(sq, "C[1.price,2.productand3.service]");
    expect_in(sq, "Dnoneabove");
    expect_in(sq, "FQ1=服务质量,Q2=服务质量");
    expect_in(sq, "Gcustomer_type:VIP客户(18)region:西部(14)");
    expect_in(sq, "H服务质量不达标/服务质量不符合");
    expect_not_in(sq, "价格/");
    expect_in(sq, "Iprevsecretcloseddraftfixgeabsentsig");
    expect_not_in(sq, "nosig");
    expect_in(sq, "J2026年3月15日1.1.202630");
    expect_in(sq, "Ksat5");
    expect_not_in(sq, "Knps11");
    free(sq);
    sr_model_free(m);
}

/* what the statistics add now: every section that needs it appears */
static void test_rich_model(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, true);
    struct sr_diag d;
    char path[256];
    char *sq;
    char *text;
    const char *p;
    const char *q;

    assert_int_equal(render(fx, m, "rich.pdf", &d), SR_OK);
    path_in(fx, "rich.pdf", path, sizeof(path));
    text = pdftotext(path, 0);
    sq = squeeze(text);
    /* CSI and its change */
    expect_in(sq, "CSI较上期变化");
    expect_in(sq, "+3.2");
    expect_in(sq, "较上期的75.4上升3.2");
    /* year over year: table and paired bars */
    expect_in(sq, "与上期比较");
    expect_in(sq, "本期与上期的满意度指数");
    expect_in(sq, "0.030*"); /* service p_delta 0.0301 */
    expect_in(sq, "上期");
    expect_in(sq, "本期");
    /* action list by action_rank, not by gap */
    p = strstr(sq, "纠正和预防措施计划");
    assert_non_null(p);
    q = strstr(p, "套餐价格");
    assert_non_null(q);
    assert_non_null(strstr(q, "产品质量"));
    assert_non_null(strstr(strstr(q, "产品质量"), "服务质量"));
    expect_in(sq, "未达到目标值的维度有：“套餐价格”");
    /* comments and complaints by category */
    expect_in(sq, "填写意见的问卷57份，其中涉及投诉21份（占全部问卷的17.8%）");
    expect_in(sq, "意见按类别统计");
    expect_in(sq, "服务质量不达标投诉2136.8%");
    expect_in(sq, "建议意见3052.6%");
    expect_in(sq, "意见类别分布");
    expect_not_in(sq, "未加载意见分类规则");
    /* the quadrants: product is 修补区 */
    expect_in(sq, "修补区）的维度为“服务质量”");
    /* stacked distributions: point shares as percentages */
    expect_in(sq, "“服务质量”各题目的评分分布");
    expect_in(sq, "非常满意");
    expect_in(text, "40%");
    free(sq);
    free(text);
    check_geometry(path);
    sr_model_free(m);
}

/* approval data fills the sheet; 已批准 drops the draft marks */
static void test_approval(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
    struct sr_approval_step steps[3] = {
        { "编制", "张三", "2026-03-10", "提交", NULL },
        { "审核", "李四", "2026-03-12", "同意", "数据核对无误" },
        { "批准", "王五", "2026-03-14", "批准", "同意发布" },
    };
    struct sr_diag d;
    char path[256];
    char cmd[600];
    char *sq;
    char *out;

    fx->cfg.confidentiality = NULL; /* not encrypted: content readable */
    fx->ri.approval = steps;
    fx->ri.napproval = 3;
    fx->ri.status = "已批准";
    fx->ri.document_no = "KF-2026-017";
    assert_int_equal(render(fx, m, "approved.pdf", &d), SR_OK);
    path_in(fx, "approved.pdf", path, sizeof(path));
    sq = page_text(path, 2);
    expect_in(sq, "编制张三2026-03-10提交");
    expect_in(sq, "审核李四2026-03-12同意数据核对无误");
    expect_in(sq, "批准（总经理）王五2026-03-14批准同意发布");
    free(sq);
    sq = page_text(path, 1);
    expect_in(sq, "文件编号：KF-2026-017");
    expect_in(sq, "状态：已批准");
    expect_not_in(sq, "送审稿");
    free(sq);
    /* no watermark at all (the marked content is named /Watermark) */
    snprintf(cmd, sizeof(cmd),
             "qpdf --qdf --object-streams=disable '%s' - | grep -ac "
             "'/Subtype /Watermark'",
             path);
    out = run(cmd, NULL);
    assert_int_equal(strtol(out, NULL, 10), 0);
    free(out);

    /* the same as a draft: a watermark on every page, a stamp */
    fx->ri.status = NULL;
    assert_int_equal(render(fx, m, "draft.pdf", &d), SR_OK);
    path_in(fx, "draft.pdf", path, sizeof(path));
    out = run(cmd, NULL);
    free(out);
    snprintf(cmd, sizeof(cmd),
             "qpdf --qdf --object-streams=disable '%s' - | grep -ac "
             "'/Subtype /Watermark'",
             path);
    out = run(cmd, NULL);
    assert_int_equal(strtol(out, NULL, 10), page_count(path));
    free(out);
    sq = page_text(path, 1);
    expect_in(sq, "状态：送审稿");
    free(sq);
    /* the watermark is not in the text */
    sq = page_text(path, 5);
    expect_not_in(sq, "送审稿");
    free(sq);

    fx->ri.approval = NULL;
    fx->ri.napproval = 0;
    fx->ri.document_no = NULL;
    fx->cfg.confidentiality = cfg_secrecy;
    sr_model_free(m);
}

/* 机密: RC4 encryption, print allowed, copy and edit not; the text still
 * reads back; byte-identical on a rerun, another copy differs */
static void test_protection(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, false);
    struct sr_diag d;
    char a[256];
    char b[256];
    char c[256];
    char cmd[600];
    char internal[] = "内部";
    char *out;
    char *sq;
    int st;

    fx->ri.recipient = "市场部";
    fx->ri.copy_no = 3;
    assert_int_equal(render(fx, m, "p1.pdf", &d), SR_OK);
    assert_int_equal(render(fx, m, "p2.pdf", &d), SR_OK);
    fx->ri.recipient = "财务部";
    assert_int_equal(render(fx, m, "p3.pdf", &d), SR_OK);
    path_in(fx, "p1.pdf", a, sizeof(a));
    path_in(fx, "p2.pdf", b, sizeof(b));
    path_in(fx, "p3.pdf", c, sizeof(c));
    assert_true(same_file(a, b));
    assert_false(same_file(a, c));

    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", a);
    out = run(cmd, &st);
    expect_in(out, "Encrypted:       yes (print:yes copy:no change:no "
                   "addNotes:no algorithm:RC4)");
    free(out);
    snprintf(cmd, sizeof(cmd), "qpdf --check '%s' 2>&1", a);
    out = run(cmd, &st);
    if (st != 0)
        fail_msg("qpdf --check failed:\n%s", out);
    expect_in(out, "P = -1340");
    expect_in(out, "print high resolution: allowed");
    expect_in(out, "extract for any purpose: not allowed");
    expect_in(out, "modify anything: not allowed");
    free(out);
    sq = page_text(a, 1);
    expect_in(sq, "分发对象：市场部（第3份）");
    free(sq);
    sq = page_text(a, 0);
    expect_in(sq, "读取=接受+拒收+期外，即130=118+9+3");
    free(sq);

    /* 内部: not encrypted */
    fx->ri.recipient = NULL;
    fx->ri.copy_no = 0;
    fx->cfg.confidentiality = internal;
    assert_int_equal(render(fx, m, "p4.pdf", &d), SR_OK);
    fx->cfg.confidentiality = cfg_secrecy;
    path_in(fx, "p4.pdf", a, sizeof(a));
    snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", a);
    out = run(cmd, NULL);
    expect_in(out, "Encrypted:       no");
    free(out);
    sr_model_free(m);
}

/* every section is a bookmark, on the page the table of contents gives */
static void test_toc_and_bookmarks(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, true);
    struct sr_diag d;
    char path[256];
    char cmd[600];
    char *json;
    char *toc;
    const char *p;
    int checked = 0;

    assert_int_equal(render(fx, m, "toc.pdf", &d), SR_OK);
    path_in(fx, "toc.pdf", path, sizeof(path));
    snprintf(cmd, sizeof(cmd), "qpdf --json --json-key=outlines '%s'", path);
    json = run(cmd, NULL);
    toc = page_text(path, 3);
    expect_in(toc, "目录");
    /* "destpageposfrom1": N ... "title": "T" for every outline entry */
    p = json;
    while ((p = strstr(p, "\"destpageposfrom1\": "))) {
        long page = strtol(p + 20, NULL, 10);
        const char *t = strstr(p, "\"title\": \"");
        char title[200];
        char *sq;
        char *tsq;
        size_t n;

        assert_non_null(t);
        t += 10;
        n = strcspn(t, "\"");
        snprintf(title, sizeof(title), "%.*s", (int)n, t);
        tsq = squeeze(title);
        sq = page_text(path, (int)page);
        if (!strstr(sq, tsq))
            fail_msg("bookmark '%s' points to page %ld, which lacks it", title,
                     page);
        /* listed in the table of contents with that page (levels 1, 2) */
        if (strcmp(tsq, "审批页") && strcmp(tsq, "目录") && strstr(toc, tsq)) {
            char want[260];

            snprintf(want, sizeof(want), "%s", tsq);
            p = strstr(toc, want);
            if (p) {
                const char *num = p + strlen(want);

                while (*num == '.')
                    num++;
                assert_int_equal(strtol(num, NULL, 10), page);
            }
            checked++;
        }
        free(sq);
        free(tsq);
        p = t + n;
    }
    assert_true(checked >= 15);
    /* the TOC lines are links */
    free(json);
    /* encrypted: decrypt first */
    snprintf(cmd, sizeof(cmd),
             "qpdf --decrypt --qdf --object-streams=disable '%s' - | grep -ac "
             "'/Subtype /Link'",
             path);
    json = run(cmd, NULL);
    assert_true(strtol(json, NULL, 10) >= 15);
    free(json);
    free(toc);
    sr_model_free(m);
}

/* the same engine in English; [report] template is the one used */
static void test_english(void **state)
{
    struct fixture *fx = *state;
    struct sr_model *m = build_model(fx->t, 0, true);
    struct sr_diag d;
    char path[256];
    char want[64];
    char en[] = REPORT_EN;
    char *sq;
    char *text;

    fx->cfg.report_template = en;
    fx->cfg.title = NULL;
    assert_int_equal(render(fx, m, "en.pdf", &d), SR_OK);
    fx->cfg.report_template = NULL;
    fx->cfg.title = cfg_title;
    path_in(fx, "en.pdf", path, sizeof(path));
    text = pdftotext(path, 0);
    sq = squeeze(text);
    expect_in(sq, "CustomerSatisfactionSurveyReport");
    expect_in(sq, "Confidential");
    expect_in(sq, "Status:Draftforapproval");
    expect_in(sq, "1Summary");
    expect_in(text, "Contents");
    expect_in(sq, "Thecustomersatisfactionindex(CSI)is78.6,up3.2from75.4");
    expect_in(sq, "Belowtarget:套餐价格");
    expect_in(sq, "Comparedwiththepreviousperiod");
    expect_in(sq, "Table1.");
    expect_in(sq, "Figure1.");
    snprintf(want, sizeof(want), "Page2of%d", page_count(path));
    expect_in(sq, want);
    free(sq);
    free(text);
    check_geometry(path);
    sr_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_templates_load),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_bad_templates),
        cmocka_unit_test(test_bad_template_writes_nothing),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_rich_model),
        cmocka_unit_test(test_approval),
        cmocka_unit_test(test_protection),
        cmocka_unit_test(test_toc_and_bookmarks),
        cmocka_unit_test(test_english),
    };

    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
