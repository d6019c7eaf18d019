/* SPDX-License-Identifier: MIT */
/*
 * test_classify.c - the rule engine (src/classify)
 *
 * The shipped rules load for the bundled template and for one that lacks
 * their fields; every refusal of a rules file names its line (one fixture
 * per error under tests/data/rules/, its first line says what to expect);
 * customer classes, levels from the overall item and from dimension
 * scores; comment categories on real Chinese phrasings, with negations,
 * several categories, 未分类 and the complaint flag; NFKC and case folding;
 * a runaway pattern ends with SR_ERR_LIMIT and its line; hit counts; the
 * literal prefilter agrees with PCRE2 run on every rule; and a timing
 * smoke test (SR_BENCH_COMMENTS comments, 100000 by default) prints the
 * rate.  Run from the repository root.
 */
#include "../../src/classify/classify.h"
#include "../../src/classify/classify_int.h"
#include "../../src/core/buf.h"
#include "../../src/core/template.h"
#include "../../src/core/text.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#define RDIR     "tests/data/rules/"
#define SEGMENTS "templates/rules/segments.rules"
#define COMMENTS "templates/rules/comments.rules"
#define CSAT     "templates/forms/csat.xml"

/* ---- helpers ---------------------------------------------------------- */

static struct sr_template *load_template(const char *path)
{
    struct sr_template *t = NULL;
    struct sr_diag d;
    char msg[2048];

    sr_diag_clear(&d);
    if (sr_template_load(path, &t, &d) != SR_OK)
        print_message("%s\n", sr_diag_format(&d, msg, sizeof(msg)));
    assert_non_null(t);
    return t;
}

static struct sr_classifier *open_ok(const struct sr_template *t,
                                     const char *seg, const char *com)
{
    struct sr_classifier *c = NULL;
    struct sr_diag d;
    char msg[2048];
    enum sr_status s;

    sr_diag_clear(&d);
    s = sr_classify_open(&c, t, seg, com, &d);
    if (s != SR_OK)
        print_message("%s\n", sr_diag_format(&d, msg, sizeof(msg)));
    assert_int_equal(s, SR_OK);
    assert_non_null(c);
    return c;
}

/* A record of template @t that the test fills. */
struct rec {
    const struct sr_template *t;
    const char *fields[32];
    int32_t scores[64];
    const char *comments[8];
    uint64_t choices[8];
    struct sr_record r;
};

static void rec_init(struct rec *x, const struct sr_template *t)
{
    size_t i;

    memset(x, 0, sizeof(*x));
    assert_true(t->nfields <= 32 && t->nitems <= 64 && t->ncomments <= 8);
    x->t = t;
    for (i = 0; i < 64; i++)
        x->scores[i] = SR_MISSING;
    x->r.fields = x->fields;
    x->r.scores = x->scores;
    x->r.comments = x->comments;
    x->r.choices = x->choices;
}

static void set_field(struct rec *x, const char *id, const char *v)
{
    size_t i;

    for (i = 0; i < x->t->nfields; i++) {
        if (!strcmp(x->t->fields[i].id, id)) {
            x->fields[i] = v;
            return;
        }
    }
    fail_msg("no field '%s'", id);
}

static void set_score(struct rec *x, const char *id, int32_t v)
{
    size_t i;

    for (i = 0; i < x->t->nitems; i++) {
        if (!strcmp(x->t->items[i].id, id)) {
            x->scores[i] = v;
            return;
        }
    }
    fail_msg("no item '%s'", id);
}

static void classify_ok(struct sr_classifier *c, struct rec *x)
{
    struct sr_diag d;
    char msg[2048];
    enum sr_status s;

    sr_diag_clear(&d);
    s = sr_classify_record(c, &x->r, &d);
    if (s != SR_OK)
        print_message("%s\n", sr_diag_format(&d, msg, sizeof(msg)));
    assert_int_equal(s, SR_OK);
}

/* The value of derived field @id in @x (after classify_ok). */
static const char *derived(const struct sr_classifier *c, const struct rec *x,
                           const char *id)
{
    size_t n;
    size_t i;
    const struct sr_derived_field *f = sr_classify_fields(c, &n);

    assert_int_equal(x->r.nderived, n);
    for (i = 0; i < n; i++)
        if (!strcmp(f[i].id, id))
            return x->r.derived[i];
    fail_msg("no derived field '%s'", id);
    return NULL;
}

/* The categories of @bits as "a|b|c" in rules order into @out. */
static const char *cat_names(const struct sr_classifier *c, uint64_t bits,
                             char *out, size_t n)
{
    size_t nc;
    size_t i;
    const struct sr_category *cats = sr_classify_categories(c, &nc);

    out[0] = '\0';
    for (i = 0; i < nc; i++) {
        if (bits & ((uint64_t)1 << i)) {
            size_t l = strlen(out);

            snprintf(out + l, n - l, "%s%s", l ? "|" : "", cats[i].name);
        }
    }
    return out;
}

/* The hits of the rule at @line of @file (0 when there is none). */
static long hits_at(const struct sr_classifier *c, const char *file, long line)
{
    size_t n;
    size_t i;
    const struct sr_rule_hits *h = sr_classify_hits(c, &n);

    for (i = 0; i < n; i++)
        if (h[i].line == line && !strcmp(h[i].file, file))
            return h[i].hits;
    fail_msg("no rule at %s:%ld", file, line);
    return -1;
}

/* ---- loading ---------------------------------------------------------- */

static void test_no_rules(void **state)
{
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, NULL, NULL);
    struct rec x;
    size_t n;

    (void)state;
    assert_null(sr_classify_fields(NULL, &n));
    assert_int_equal(n, 0);
    assert_null(sr_classify_categories(NULL, &n));
    assert_null(sr_classify_hits(NULL, &n));
    sr_classify_fields(c, &n);
    assert_int_equal(n, 0);
    sr_classify_categories(c, &n);
    assert_int_equal(n, 0);
    rec_init(&x, t);
    x.comments[0] = "信号差";
    x.r.categories = 99;
    x.r.complaint = true;
    classify_ok(c, &x);
    assert_int_equal(x.r.nderived, 0);
    assert_int_equal(x.r.categories, 0);
    assert_false(x.r.complaint);
    sr_classify_free(c);
    sr_classify_free(NULL);
    sr_template_free(t);
}

static void test_shipped_rules(void **state)
{
    static const char *const fields[] = {
        "customer_class",      "sat_level",         "sat_level_service",
        "sat_level_price",     "sat_level_product", "sat_level_company",
        "sat_level_complaint",
    };
    static const char *const cats[] = {
        "服务质量不达标", "服务过程不满意", "价格", "产品/网络质量",
        "账单/计费",      "表扬",           "建议", "未分类",
    };
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, SEGMENTS, COMMENTS);
    const struct sr_derived_field *f;
    const struct sr_category *k;
    size_t counts[3];
    size_t n;
    size_t i;

    (void)state;
    f = sr_classify_fields(c, &n);
    assert_int_equal(n, sizeof(fields) / sizeof(fields[0]));
    for (i = 0; i < n; i++) {
        assert_string_equal(f[i].id, fields[i]);
        assert_true(f[i].segment);
    }
    assert_string_equal(f[0].label, "客户分类");
    assert_string_equal(f[2].label, "服务质量满意度等级");
    k = sr_classify_categories(c, &n);
    assert_int_equal(n, sizeof(cats) / sizeof(cats[0]));
    for (i = 0; i < n; i++)
        assert_string_equal(k[i].name, cats[i]);
    assert_true(k[0].complaint);
    assert_string_equal(k[0].kind, "服务质量不符合");
    assert_true(k[1].complaint);
    assert_string_equal(k[1].kind, "服务过程不满意");
    for (i = 2; i < n; i++) {
        assert_false(k[i].complaint);
        assert_null(k[i].kind);
    }
    /* every shipped comment rule is decided by literals, or by literals
     * and then PCRE2: none runs PCRE2 on every comment */
    sr_classify_prefilter_counts(c, counts);
    assert_int_equal(counts[0], 0);
    assert_true(counts[1] > counts[2]);
    sr_classify_free(c);
    sr_template_free(t);
}

/* The shipped rules name fields and dimensions that the small template
 * lacks: those rules are skipped (with a warning), not refused. */
static void test_optional_fields(void **state)
{
    struct sr_template *t = load_template("tests/data/templates/minimal.xml");
    struct sr_classifier *c = open_ok(t, SEGMENTS, COMMENTS);
    struct sr_classifier *c2 = NULL;
    const struct sr_derived_field *f;
    struct sr_diag d;
    struct rec x;
    size_t n;

    (void)state;
    f = sr_classify_fields(c, &n);
    assert_int_equal(n, 1);
    assert_string_equal(f[0].id, "sat_level");
    rec_init(&x, t);
    set_score(&x, "overall", 4);
    x.comments[0] = "网速慢";
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "sat_level"), "满意");
    assert_int_not_equal(x.r.categories, 0);

    /* a rules file of one's own: an unknown field is an error */
    sr_diag_clear(&d);
    assert_int_equal(
        sr_classify_open(&c2, t, RDIR "segments-test.rules", NULL, &d),
        SR_ERR_CONFIG);
    assert_null(c2);
    assert_int_equal(d.line, 7);
    assert_string_equal(d.msg, "unknown field 'industry'");
    sr_classify_free(c);
    sr_template_free(t);
}

/* Every bad-*.rules fixture starts "; expect KIND LINE[:COL]: MESSAGE". */
static void test_errors(void **state)
{
    struct sr_template *t = load_template(CSAT);
    DIR *dir = opendir(RDIR);
    struct dirent *e;
    int nfiles = 0;
    int nbad = 0;

    (void)state;
    assert_non_null(dir);
    for (e = readdir(dir); e; e = readdir(dir)) {
        char path[512];
        char head[512];
        char kind[16];
        char *p;
        char *end;
        long line;
        long col = 0;
        FILE *fp;
        struct sr_classifier *c = NULL;
        struct sr_diag d;
        enum sr_status s;
        bool comments;

        if (strncmp(e->d_name, "bad-", 4) ||
            strcmp(e->d_name + strlen(e->d_name) - 6, ".rules"))
            continue;
        snprintf(path, sizeof(path), RDIR "%s", e->d_name);
        fp = fopen(path, "r");
        assert_non_null(fp);
        assert_non_null(fgets(head, sizeof(head), fp));
        fclose(fp);
        head[strcspn(head, "\n")] = '\0';
        assert_true(!strncmp(head, "; expect ", 9));
        p = head + 9;
        end = strchr(p, ' ');
        assert_non_null(end);
        snprintf(kind, sizeof(kind), "%.*s", (int)(end - p), p);
        comments = !strcmp(kind, "comments");
        line = strtol(end + 1, &p, 10);
        if (*p == ':' && p[1] != ' ')
            col = strtol(p + 1, &p, 10);
        assert_true(*p == ':' && p[1] == ' ');
        p += 2;

        sr_diag_clear(&d);
        s = sr_classify_open(&c, t, comments ? NULL : path,
                             comments ? path : NULL, &d);
        if (s != SR_ERR_CONFIG || d.line != line || (col && d.col != col) ||
            strncmp(d.msg, p, strlen(p)) || strcmp(d.file, path)) {
            char msg[2048];

            print_message("%s: want %ld:%ld: %s\n     got %s\n", path, line,
                          col, p, sr_diag_format(&d, msg, sizeof(msg)));
            nbad++;
        }
        sr_classify_free(c);
        nfiles++;
    }
    closedir(dir);
    assert_int_equal(nbad, 0);
    assert_true(nfiles >= 40);
    sr_template_free(t);
}

static void test_missing_file(void **state)
{
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = NULL;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_classify_open(&c, t, RDIR "no-such.rules", NULL, &d),
                     SR_ERR_IO);
    assert_null(c);
    assert_string_equal(d.file, RDIR "no-such.rules");
    assert_non_null(strstr(d.msg, "cannot open rules file"));
    sr_template_free(t);
}

/* ---- derived fields --------------------------------------------------- */

static void test_customer_class(void **state)
{
    static const struct {
        const char *industry;
        const char *name;
        const char *want;
    } cases[] = {
        { "银行", "中国工商银行杭州分行", "特殊客户" },
        { "保险", "平安保险成都分公司", "特殊客户" },
        { "律师事务所", "上海金诚律师事务所", "特殊客户" },
        { "广告公关", "深圳蓝海广告有限公司", "特殊客户" },
        { "个人", "王芳", "一般客户" },
        { "零售", "杭州百家超市", "一般客户" },
        { "制造", "某某银行大厦物业", "特殊客户" }, /* by name */
        { NULL, "北京中正律师事务所", "特殊客户" },
        { "", "", "一般客户" },
        { NULL, NULL, "一般客户" },
        { "财务顾问", NULL, "特殊客户" },
    };
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, SEGMENTS, NULL);
    struct rec x;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rec_init(&x, t);
        if (cases[i].industry)
            set_field(&x, "industry", cases[i].industry);
        if (cases[i].name)
            set_field(&x, "customer_name", cases[i].name);
        classify_ok(c, &x);
        assert_string_equal(derived(c, &x, "customer_class"), cases[i].want);
    }
    /* shipped file: line 25 industry, 26 customer_name, 27 default */
    assert_int_equal(hits_at(c, SEGMENTS, 25), 5);
    assert_int_equal(hits_at(c, SEGMENTS, 26), 2);
    assert_int_equal(hits_at(c, SEGMENTS, 27), 4);
    sr_classify_free(c);
    sr_template_free(t);
}

/* and / unless, a derived field tested by another, a quoted value name,
 * full-width and upper-case text */
static void test_conditions(void **state)
{
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, RDIR "segments-test.rules", NULL);
    const struct sr_derived_field *f;
    struct rec x;
    size_t n;

    (void)state;
    f = sr_classify_fields(c, &n);
    assert_int_equal(n, 4);
    assert_string_equal(f[1].id, "key_account");
    assert_string_equal(f[1].label, "重点客户");
    assert_false(f[1].segment);
    assert_true(f[2].segment); /* levels are segments by default */

    rec_init(&x, t);
    set_field(&x, "customer_name", "上海金诚律师事务所");
    set_field(&x, "region", "华东");
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "customer_class"), "特殊客户");
    assert_string_equal(derived(c, &x, "key_account"), "重点");

    set_field(&x, "region", "西北"); /* unless */
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "customer_class"), "一般客户");
    assert_null(derived(c, &x, "key_account")); /* no default */

    set_field(&x, "industry", "保险");
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "customer_class"), "特殊客户");
    assert_null(derived(c, &x, "key_account")); /* and: not 华东/华南 */

    set_field(&x, "industry", "零售");
    set_field(&x, "customer_type", "vip客户");
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "key_account"), "default");
    set_field(&x, "customer_type", "ＶＩＰ客户"); /* NFKC, then case */
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "key_account"), "default");
    set_field(&x, "customer_type", "Vip");
    classify_ok(c, &x);
    assert_string_equal(derived(c, &x, "key_account"), "default");
    set_field(&x, "customer_type", "V I P");
    classify_ok(c, &x);
    assert_null(derived(c, &x, "key_account"));
    sr_classify_free(c);
    sr_template_free(t);
}

static void test_levels(void **state)
{
    static const char *const sat[] = { "非常不满意", "不满意", "一般", "满意",
                                       "非常满意" };
    static const struct {
        int32_t q[5]; /* Q1..Q5, 0 = missing */
        const char *want;
    } dims[] = {
        { { 5, 5, 5, 5, 5 }, "非常满意" },   { { 5, 4, 0, 0, 0 }, "非常满意" },
        { { 5, 4, 4, 4, 4 }, "满意" },       { { 4, 3, 0, 0, 0 }, "满意" },
        { { 3, 4, 3, 4, 3 }, "一般" },       { { 2, 3, 0, 0, 0 }, "一般" },
        { { 2, 2, 1, 0, 0 }, "不满意" },     { { 1, 2, 0, 0, 0 }, "不满意" },
        { { 1, 1, 1, 1, 2 }, "非常不满意" }, { { 0, 0, 0, 0, 0 }, NULL },
        { { 0, 0, 0, 0, 1 }, "非常不满意" },
    };
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, SEGMENTS, NULL);
    struct sr_classifier *c2 = open_ok(t, RDIR "segments-test.rules", NULL);
    struct rec x;
    int32_t v;
    size_t i;
    int k;

    (void)state;
    rec_init(&x, t);
    for (v = 1; v <= 5; v++) {
        set_score(&x, "overall", v);
        classify_ok(c, &x);
        assert_string_equal(derived(c, &x, "sat_level"), sat[v - 1]);
        classify_ok(c2, &x); /* no ranges: the scale's point labels */
        assert_string_equal(derived(c2, &x, "sat_level"), sat[v - 1]);
    }
    set_score(&x, "overall", SR_MISSING);
    classify_ok(c, &x);
    assert_null(derived(c, &x, "sat_level"));
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "sat_level"), "未作答");

    for (i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
        static const char *const q[] = { "Q1", "Q2", "Q3", "Q4", "Q5" };
        const char *got;

        rec_init(&x, t);
        for (k = 0; k < 5; k++)
            set_score(&x, q[k], dims[i].q[k] ? dims[i].q[k] : SR_MISSING);
        classify_ok(c, &x);
        got = derived(c, &x, "sat_level_service");
        if (!dims[i].want)
            assert_null(got);
        else
            assert_string_equal(got, dims[i].want);
        assert_null(derived(c, &x, "sat_level_price")); /* no answers */
    }

    /* every answer pattern of the service dimension (Q1..Q5 each missing
     * or 1..5: 7,776) against the rule's ranges worked out here: a mean
     * of 4.5 or more is 非常满意, 3.5 or more 满意, ... (the classifier
     * looks the level up in a table made from the same ranges) */
    for (i = 0; i < 7776; i++) {
        static const char *const q[] = { "Q1", "Q2", "Q3", "Q4", "Q5" };
        size_t code = i;
        long sum = 0;
        long n = 0;
        const char *want = NULL;
        const char *got;

        rec_init(&x, t);
        for (k = 0; k < 5; k++, code /= 6) {
            int32_t a = (int32_t)(code % 6);

            set_score(&x, q[k], a ? a : SR_MISSING);
            if (a) {
                sum += a;
                n++;
            }
        }
        if (n)
            want = 2 * sum >= 9 * n   ? "非常满意"
                   : 2 * sum >= 7 * n ? "满意"
                   : 2 * sum >= 5 * n ? "一般"
                   : 2 * sum >= 3 * n ? "不满意"
                                      : "非常不满意";
        classify_ok(c, &x);
        got = derived(c, &x, "sat_level_service");
        if (!want)
            assert_null(got);
        else
            assert_string_equal(got, want);
    }

    /* open-ended ranges ..3, 3..4, 4..: 3 is 中, 4 and 5 are 高 */
    rec_init(&x, t);
    set_score(&x, "Q1", 3);
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "service_band"), "中");
    set_score(&x, "Q1", 4);
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "service_band"), "高");
    set_score(&x, "Q1", 5);
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "service_band"), "高");
    set_score(&x, "Q2", 1); /* mean 3 */
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "service_band"), "中");
    set_score(&x, "Q3", 1); /* mean 7/3 */
    classify_ok(c2, &x);
    assert_string_equal(derived(c2, &x, "service_band"), "低");
    sr_classify_free(c);
    sr_classify_free(c2);
    sr_template_free(t);
}

/* ---- comment categories ----------------------------------------------- */

/* Real phrasings of a telecom company's customers, with the categories
 * the shipped comments.rules gives them ("" = none: empty comment). */
static const struct phrase {
    const char *text;
    const char *want;
} phrases[] = {
    /* network and product */
    { "信号不好", "产品/网络质量" },
    { "网速慢", "产品/网络质量" },
    { "老是掉线", "产品/网络质量" },
    { "信号差、经常掉线", "产品/网络质量" },
    { "地下室和电梯里没有信号", "产品/网络质量" },
    { "上网速度慢，高峰期卡顿", "产品/网络质量" },
    { "通话质量差，有杂音", "产品/网络质量" },
    { "新办公区网络一直没有覆盖", "产品/网络质量" },
    { "WiFi信号太弱", "产品/网络质量" },
    { "ＷＩＦＩ经常连不上", "产品/网络质量" },
    { "５Ｇ网络很卡", "产品/网络质量" },
    { "APP经常闪退", "产品/网络质量" },
    { "宽带老是出问题", "产品/网络质量" },
    { "手机经常打不通电话", "产品/网络质量" },
    { "从来没有掉线", "未分类" },
    /* billing */
    { "乱扣费", "账单/计费" },
    { "多收了钱", "账单/计费" },
    { "账单多扣费", "账单/计费" },
    { "话费账单与实际使用不符", "账单/计费" },
    { "退订业务后仍在扣费", "账单/计费" },
    { "被开通了没有申请的增值业务", "账单/计费" },
    { "每个月都莫名其妙扣了十几块", "账单/计费" },
    { "账单看不懂", "账单/计费" },
    { "发票开具不及时", "账单/计费" },
    { "没有乱扣费", "未分类" },
    { "没有乱扣费，但是多收了我20块", "账单/计费" },
    { "账单清楚明白，没有乱收费", "表扬" },
    /* price */
    { "套餐太贵", "价格" },
    { "资费不透明", "价格" },
    { "套餐价格偏高", "价格" },
    { "资费比同行贵", "价格" },
    { "流量套餐太贵，性价比不高", "价格" },
    { "老用户反而没有新用户优惠多", "价格" },
    { "国际漫游费用太高", "价格" },
    { "价格不算太贵", "未分类" },
    { "希望能便宜点", "价格|建议" },
    /* service quality (complaint) */
    { "客服态度差", "服务质量不达标" },
    { "客服态度恶劣，承诺未兑现", "服务质量不达标" },
    { "踢皮球", "服务质量不达标" },
    { "客服一直推来推去", "服务质量不达标" },
    { "营业员业务不熟练，解释前后矛盾", "服务质量不达标" },
    { "工作人员不专业，一问三不知", "服务质量不达标" },
    { "客服直接挂我电话", "服务质量不达标" },
    { "客户经理换了好几次，没人跟进", "服务质量不达标" },
    { "客服态度不差", "未分类" },
    /* service process (complaint) */
    { "打了好几次电话都没人解决", "服务过程不满意" },
    { "排队太久", "服务过程不满意" },
    { "手续繁琐", "服务过程不满意" },
    { "办理流程繁琐，排队时间太长，多次转接", "服务过程不满意" },
    { "热线难以接通，等待时间过长", "服务过程不满意" },
    { "10086一直打不通", "服务过程不满意" },
    { "投诉处理结果不满意，也没有回访", "服务过程不满意" },
    { "办个业务跑了三趟", "服务过程不满意" },
    { "态度不差，就是办事太慢", "服务过程不满意" },
    { "排队不久，很快就办好了", "表扬" },
    /* praise and suggestions */
    { "服务很好", "表扬" },
    { "点赞", "表扬" },
    { "感谢小王的耐心解答", "表扬" },
    { "装机师傅很专业，服务周到", "表扬" },
    { "投诉后很快有人回访，处理结果满意", "表扬" },
    { "建议增加5G基站", "建议" },
    { "希望老用户也能有优惠", "建议" },
    { "能否增加\"一键转人工\"功能", "建议" },
    /* blanks a clerk typed: taken out next to Chinese, one between words */
    { "信号 差", "产品/网络质量" },
    { "网速　很慢", "产品/网络质量" },
    { " 服务 \t太差 ", "服务质量不达标" },
    { "WIFI  信号  不好", "产品/网络质量" },
    /* several categories in one comment */
    { "服务很好，但是网速太慢", "产品/网络质量|表扬" },
    { "态度很好,就是价格有点高", "价格|表扬" },
    { "宽带经常断网，报修后仍未解决", "服务过程不满意|产品/网络质量" },
    { "宣传的“免费升级”实际要收费", "服务质量不达标|价格" },
    { "信号差，客服态度也差，还乱扣费", "服务质量不达标|产品/网络质量|"
                                        "账单/计费" },
    /* nothing to say */
    { "无", "未分类" },
    { "一般", "未分类" },
    { "   ", "" },
    { "", "" },
};

static void test_categories(void **state)
{
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, NULL, COMMENTS);
    size_t ncat;
    const struct sr_category *cats = sr_classify_categories(c, &ncat);
    struct rec x;
    size_t i;
    int bad = 0;

    (void)state;
    assert_true(sizeof(phrases) / sizeof(phrases[0]) >= 40);
    for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
        char got[512];
        bool complaint = false;
        size_t k;

        rec_init(&x, t);
        x.comments[0] = phrases[i].text;
        classify_ok(c, &x);
        cat_names(c, x.r.categories, got, sizeof(got));
        if (strcmp(got, phrases[i].want)) {
            print_message("'%s': want '%s', got '%s'\n", phrases[i].text,
                          phrases[i].want, got);
            bad++;
        }
        for (k = 0; k < ncat; k++)
            if ((x.r.categories >> k) & 1 && cats[k].complaint)
                complaint = true;
        assert_int_equal(x.r.complaint, complaint);
    }
    assert_int_equal(bad, 0);

    /* a form's categories are the union over its comments */
    rec_init(&x, t);
    x.comments[0] = "服务很好";
    x.comments[1] = "排队太久";
    classify_ok(c, &x);
    assert_true(x.r.complaint);
    assert_int_equal(x.r.categories, (1u << 1) | (1u << 5));
    x.comments[1] = NULL;
    classify_ok(c, &x);
    assert_false(x.r.complaint);
    assert_int_equal(x.r.categories, 1u << 5);
    x.comments[0] = NULL;
    classify_ok(c, &x);
    assert_int_equal(x.r.categories, 0);
    sr_classify_free(c);
    sr_template_free(t);
}

/* unless, complaint kinds, the unclassified name, clause and comment
 * scope, case folding of patterns, hit counts */
static void test_category_rules(void **state)
{
    static const char *const f = RDIR "comments-test.rules";
    static const char *const fs = RDIR "comments-scope.rules";
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, NULL, f);
    struct sr_classifier *cs = open_ok(t, NULL, fs);
    const struct sr_category *k;
    struct rec x;
    size_t n;
    char got[256];

    (void)state;
    k = sr_classify_categories(c, &n);
    assert_int_equal(n, 4);
    assert_string_equal(k[0].name, "账单");
    assert_true(k[0].complaint);
    assert_string_equal(k[0].kind, "计费差错");
    assert_string_equal(k[1].name, "会员");
    assert_false(k[1].complaint);
    assert_false(k[2].complaint);
    assert_string_equal(k[3].name, "其他");
    k = sr_classify_categories(cs, &n);
    assert_int_equal(n, 2);
    assert_true(k[0].complaint);
    assert_null(k[0].kind);
    assert_string_equal(k[1].name, "未分类");

    rec_init(&x, t);
    x.comments[0] = "没有乱扣费，但是又收费了";
    classify_ok(c, &x);
    assert_string_equal(cat_names(c, x.r.categories, got, sizeof(got)), "账单");
    assert_true(x.r.complaint);
    classify_ok(cs, &x); /* scope = comment: the unless takes it all */
    assert_string_equal(cat_names(cs, x.r.categories, got, sizeof(got)),
                        "未分类");
    assert_false(x.r.complaint);

    x.comments[0] = "没有乱扣费";
    classify_ok(c, &x);
    assert_string_equal(cat_names(c, x.r.categories, got, sizeof(got)), "其他");
    x.comments[0] = "ｖｉｐ服务很好。PLUS会员也不错";
    classify_ok(c, &x);
    assert_string_equal(cat_names(c, x.r.categories, got, sizeof(got)),
                        "会员|夸奖");
    assert_false(x.r.complaint);

    /* text that is not UTF-8 (the checker refuses it first) */
    {
        struct sr_diag d;

        x.comments[0] = NULL;
        x.comments[1] = "\xe4\xbf";
        sr_diag_clear(&d);
        assert_int_equal(sr_classify_record(c, &x.r, &d), SR_ERR_PARSE);
        assert_non_null(strstr(d.msg, "comment 'C2'"));
        assert_non_null(strstr(d.msg, "not valid UTF-8"));
        x.comments[1] = NULL;
    }

    /* hits: match lines count comments, unless lines the comments whose
     * match they cancelled, 其他 the unclassified comments */
    assert_int_equal(hits_at(c, f, 7), 2);  /* match = 扣费|收费 */
    assert_int_equal(hits_at(c, f, 8), 2);  /* unless */
    assert_int_equal(hits_at(c, f, 11), 1); /* VIP|Plus会员 */
    assert_int_equal(hits_at(c, f, 15), 1); /* 很好 */
    assert_int_equal(hits_at(c, f, 0), 1);  /* 其他 */
    sr_classify_free(c);
    sr_classify_free(cs);
    sr_template_free(t);
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* (a+)+$ on aaaa...b: the match limit ends it, with the rule's line */
static void test_runaway_pattern(void **state)
{
    static const char *const f = RDIR "catastrophic.rules";
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, NULL, f);
    char text[4096];
    struct sr_diag d;
    struct rec x;
    double t0;
    enum sr_status s;

    (void)state;
    memset(text, 'a', sizeof(text) - 2);
    text[sizeof(text) - 2] = 'b';
    text[sizeof(text) - 1] = '\0';
    rec_init(&x, t);
    set_field(&x, "form_id", "F0001");
    x.comments[1] = text;
    sr_diag_clear(&d);
    t0 = now();
    s = sr_classify_record(c, &x.r, &d);
    assert_true(now() - t0 < 1.0);
    assert_int_equal(s, SR_ERR_LIMIT);
    assert_string_equal(d.file, f);
    assert_int_equal(d.line, 4);
    assert_string_equal(d.field, "C2");
    assert_non_null(strstr(d.msg, "'失控: match = (a+)+$'"));
    assert_non_null(strstr(d.msg, "comment 'C2' of form 'F0001'"));
    assert_non_null(strstr(d.msg, "limit"));

    /* other comments still classify */
    x.comments[1] = "一切正常";
    classify_ok(c, &x);
    assert_int_equal(x.r.categories, 1);
    sr_classify_free(c);
    sr_template_free(t);
}

/* ---- the prefilter against PCRE2 -------------------------------------- */

static const char *const extra_texts[] = {
    "投诉很多",   "很多投诉", "非常满意", "满意了吗",   "我是VIP用户",
    "svip",       "vipx",     "信号很好", "信号差",     "没有问题",
    "有问题",     "不满意",   "满意",     "网络差",     "宽慢",
    "5G",         "5g网络",   "不好",     "很好",       "ax",
    "bx",         "dx",       "太太太贵", "差",         "很很差",
    "非常非常差", "等了很久", "等很久",   "慢慢",       "网速慢",
    "慢",         "打通",     "打不不通", "卡卡顿",     "服务",
    "服务务",     "1+1",      "100元",    "a.b",        "axb",
    "问?号",      "不满",     "中文差",   "ab",         "b",
    "好评",       "差评",     "OK",       "ok",         "一五",
    "四五",       "五",       "投诉",     "a",          "好",
    "没有乱扣费", "又扣费",   "ＶＩＰ",   "Plus会员",   "plus会员",
    "\n",         ",,,",      "。",       "态度不好。", "a,b;c!d?e",
};

/* Classify every text with @c (fast) and @b (brute force): the same
 * categories, and at the end the same hit counts. */
static void same_as_brute(const struct sr_template *t, const char *rules)
{
    struct sr_classifier *c = open_ok(t, NULL, rules);
    struct sr_classifier *b = open_ok(t, NULL, rules);
    const struct sr_rule_hits *hc;
    const struct sr_rule_hits *hb;
    size_t nc;
    size_t nb;
    size_t i;
    size_t j;
    struct rec x;
    struct rec y;

    sr_classify_set_brute(b, true);
    for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
        for (j = 0; j < sizeof(extra_texts) / sizeof(extra_texts[0]); j++) {
            char text[512];

            snprintf(text, sizeof(text), "%s%s%s", phrases[i].text,
                     j % 3 ? "，" : "", extra_texts[j]);
            rec_init(&x, t);
            rec_init(&y, t);
            x.comments[0] = y.comments[0] = text;
            x.comments[1] = y.comments[1] = extra_texts[j];
            classify_ok(c, &x);
            classify_ok(b, &y);
            if (x.r.categories != y.r.categories)
                print_message("%s: '%s': fast %llx, brute %llx\n", rules, text,
                              (unsigned long long)x.r.categories,
                              (unsigned long long)y.r.categories);
            assert_int_equal(x.r.categories, y.r.categories);
        }
    }
    hc = sr_classify_hits(c, &nc);
    hb = sr_classify_hits(b, &nb);
    assert_int_equal(nc, nb);
    for (i = 0; i < nc; i++) {
        assert_int_equal(hc[i].line, hb[i].line);
        assert_int_equal(hc[i].hits, hb[i].hits);
    }
    sr_classify_free(c);
    sr_classify_free(b);
}

static void test_prefilter_agrees(void **state)
{
    struct sr_template *t = load_template(CSAT);

    (void)state;
    same_as_brute(t, COMMENTS);
    same_as_brute(t, RDIR "tricky.rules");
    same_as_brute(t, RDIR "comments-test.rules");
    same_as_brute(t, RDIR "comments-scope.rules");
    sr_template_free(t);
}

/* ---- timing smoke test ------------------------------------------------ */

static void test_rate(void **state)
{
    struct sr_template *t = load_template(CSAT);
    struct sr_classifier *c = open_ok(t, SEGMENTS, COMMENTS);
    const char *env = getenv("SR_BENCH_COMMENTS");
    long total = env ? strtol(env, NULL, 10) : 100000;
    size_t np = sizeof(phrases) / sizeof(phrases[0]);
    struct sr_buf *texts;
    size_t ntexts = 1024;
    uint32_t seed = 12345;
    struct rec x;
    double t0;
    double dt;
    long i;
    long ncat = 0;

    (void)state;
    /* comments like the generator's: one or two phrases, normalised as
     * the checker leaves them */
    texts = calloc(ntexts, sizeof(*texts));
    assert_non_null(texts);
    for (i = 0; i < (long)ntexts; i++) {
        char raw[512];
        uint32_t a;
        uint32_t b;

        seed = seed * 1103515245u + 12345u;
        a = (seed >> 8) % (uint32_t)np;
        seed = seed * 1103515245u + 12345u;
        b = (seed >> 8) % (uint32_t)np;
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 8) % 10 < 3)
            snprintf(raw, sizeof(raw), "%s，%s", phrases[a].text,
                     phrases[b].text);
        else
            snprintf(raw, sizeof(raw), "%s", phrases[a].text);
        sr_buf_init(&texts[i]);
        sr_text_normalize(&texts[i], raw);
    }
    rec_init(&x, t);
    set_field(&x, "industry", "零售");
    set_field(&x, "customer_name", "杭州百家超市");
    t0 = now();
    for (i = 0; i < total / 2; i++) {
        x.comments[0] = texts[(size_t)i % ntexts].buf;
        x.comments[1] = texts[(size_t)(i * 7 + 3) % ntexts].buf;
        x.scores[0] = 1 + (int32_t)(i % 5);
        classify_ok(c, &x);
        ncat += __builtin_popcountll(x.r.categories);
    }
    dt = now() - t0;
    print_message("classified %ld forms x 2 comments in %.3f s: %.0f "
                  "comments/s (%.0f ns a comment, %ld categories)\n",
                  total / 2, dt, dt > 0 ? (double)total / dt : 0,
                  total ? dt / (double)total * 1e9 : 0, ncat);
    for (i = 0; i < (long)ntexts; i++)
        sr_buf_release(&texts[i]);
    free(texts);
    sr_classify_free(c);
    sr_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_rules),
        cmocka_unit_test(test_shipped_rules),
        cmocka_unit_test(test_optional_fields),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_customer_class),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_categories),
        cmocka_unit_test(test_category_rules),
        cmocka_unit_test(test_runaway_pattern),
        cmocka_unit_test(test_prefilter_agrees),
        cmocka_unit_test(test_rate),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
