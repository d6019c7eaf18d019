/* SPDX-License-Identifier: MIT */
/*
 * test_archive.c - unit tests of the customer archive (src/archive: the
 * loader, the join and responses, the follow-up list), the template's
 * <archive> element (src/core/template.c) and the archive's figures
 * (src/stats/customers.c)
 *
 * Every input is written into a temporary directory by the test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../src/archive/archive.h"
#include "../../src/archive/followup.h"
#include "../../src/archive/response.h"
#include "../../src/check/rejects.h"
#include "../../src/classify/classify.h"
#include "../../src/core/buf.h"
#include "../../src/core/mem.h"
#include "../../src/core/runinfo.h"
#include "../../src/core/template.h"
#include "../../src/render/pdf/report.h"
#include "../../src/stats/customers.h"
#include "../../src/stats/model.h"

#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- scaffolding ---------------------------------------------------------- */

static char tmpdir[64];
static char *made[64];
static size_t nmade;

static const char *put_file(const char *name, const void *data, size_t len)
{
    struct sr_buf path = SR_BUF_INIT;
    FILE *fp;
    size_t i;

    sr_buf_addf(&path, "%s/%s", tmpdir, name);
    fp = fopen(path.buf, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
    for (i = 0; i < nmade; i++)
        if (!strcmp(made[i], path.buf)) {
            sr_buf_release(&path);
            return made[i];
        }
    assert_true(nmade < sizeof(made) / sizeof(made[0]));
    made[nmade] = sr_buf_detach(&path);
    return made[nmade++];
}

static const char *put_str(const char *name, const char *s)
{
    return put_file(name, s, strlen(s));
}

/* a path in the temporary directory, removed at teardown */
static const char *tmp_path(const char *name)
{
    struct sr_buf path = SR_BUF_INIT;

    sr_buf_addf(&path, "%s/%s", tmpdir, name);
    assert_true(nmade < sizeof(made) / sizeof(made[0]));
    made[nmade] = sr_buf_detach(&path);
    return made[nmade++];
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sr-test-archive-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nmade; i++) {
        unlink(made[i]);
        free(made[i]);
    }
    nmade = 0;
    return rmdir(tmpdir);
}

#define TMPL_HEAD                                                                 \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                \
    "<survey id=\"t\" lang=\"zh-CN\">\n"                                          \
    "  <scale id=\"s5\" min=\"1\" max=\"5\">\n"                                   \
    "    <point value=\"1\" label=\"非常不满意\"/>\n"                        \
    "    <point value=\"2\" label=\"不满意\"/>\n"                              \
    "    <point value=\"3\" label=\"一般\"/>\n"                                 \
    "    <point value=\"4\" label=\"满意\"/>\n"                                 \
    "    <point value=\"5\" label=\"非常满意\"/>\n"                           \
    "  </scale>\n"                                                                \
    "  <fields>\n"                                                                \
    "    <field id=\"form_id\" role=\"form-id\" required=\"true\"/>\n"            \
    "    <field id=\"customer_id\" role=\"customer-id\" label=\"客户编号\" "  \
    "pattern=\"^KH\\d{6}$\"/>\n"                                                  \
    "    <field id=\"customer_name\" role=\"customer-name\" pii=\"true\"/>\n"     \
    "    <field id=\"customer_type\" role=\"segment\" label=\"客户类别\"/>\n" \
    "    <field id=\"region\" role=\"segment\" label=\"区域\"/>\n"              \
    "    <field id=\"phone\" pii=\"true\"/>\n"                                    \
    "  </fields>\n"                                                               \
    "  <dimension id=\"d1\" name=\"服务\" weight=\"2\">\n"                      \
    "    <item id=\"Q1\" scale=\"s5\"/><item id=\"Q2\" scale=\"s5\"/>\n"          \
    "  </dimension>\n"                                                            \
    "  <dimension id=\"d2\" name=\"价格\" weight=\"1\">\n"                      \
    "    <item id=\"Q3\" scale=\"s5\"/>\n"                                        \
    "  </dimension>\n"                                                            \
    "  <item id=\"overall\" scale=\"s5\" role=\"overall\"/>\n"

static struct sr_template *template_with(const char *extra)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_template *t = NULL;
    struct sr_diag d;

    sr_buf_addf(&b, "%s%s</survey>\n", TMPL_HEAD, extra);
    sr_diag_clear(&d);
    if (sr_template_load(put_str("t.xml", b.buf), &t, &d) != SR_OK)
        print_error("template: %s\n", d.msg);
    sr_buf_release(&b);
    assert_non_null(t);
    return t;
}

static struct sr_archive *load_ok(const struct sr_template *t, const char *csv)
{
    struct sr_archive *a = NULL;
    struct sr_diag d;

    sr_diag_clear(&d);
    if (sr_archive_load(&a, put_str("a.csv", csv), t, SR_ENC_AUTO, &d) != SR_OK)
        print_error("archive: %s:%ld: %s\n", d.file, d.line, d.msg);
    assert_non_null(a);
    return a;
}

static enum sr_status load_err(const struct sr_template *t, const char *csv,
                               struct sr_diag *d)
{
    struct sr_archive *a = NULL;
    enum sr_status s;

    sr_diag_clear(d);
    s = sr_archive_load(&a, put_str("bad.csv", csv), t, SR_ENC_AUTO, d);
    assert_null(a);
    return s;
}

static const char *value_of(const struct sr_archive *a, const char *id,
                            const char *column)
{
    size_t i;
    size_t k;

    if (!sr_archive_find(a, id, &i))
        return "(missing)";
    for (k = 0; k < sr_archive_ncolumns(a); k++)
        if (!strcmp(sr_archive_column_id(a, k), column)) {
            const char *v = sr_archive_value_text(a, k, i);

            return v ? v : "";
        }
    return "(no column)";
}

#define ARCHIVE                                                             \
    "\xEF\xBB\xBF"                                                          \
    "customer_id,customer_name,customer_type,region,credit_rating,"         \
    "account_manager\n"                                                     \
    "KH000001,张伟,一般客户,华东,AA,王建国\n"                    \
    "KH000002,中国银行杭州分行,特殊客户,华东,AAA,王建国\n" \
    "KH000003,李娜,一般客户,华北,A,赵立新\n"                     \
    "KH000004,\"律所, 深圳\",特殊客户,,BBB,\n"                      \
    "KH000005,刘芳,一般客户,华南,A,黄志明\n"

/* --- the template's <archive> ----------------------------------------------
 */

static void test_template_archive(void **state)
{
    struct sr_template *t;

    (void)state;
    t = template_with("  <archive>\n"
                      "    <column field=\"customer_id\" name=\"客户号\"/>\n"
                      "    <column field=\"customer_type\" name=\"类别\"/>\n"
                      "    <column field=\"account_manager\" name=\"经理\"/>\n"
                      "  </archive>\n");
    assert_int_equal(t->narchive, 3);
    assert_string_equal(t->archive[0].field, "customer_id");
    assert_string_equal(t->archive[0].name, "客户号");
    assert_string_equal(t->archive[2].field, "account_manager");
    assert_true(t->archive[1].line > 0);
    sr_template_free(t);
}

static void expect_template_error(const char *extra, const char *msg, long line)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_template *t = NULL;
    struct sr_diag d;

    sr_buf_addf(&b, "%s%s</survey>\n", TMPL_HEAD, extra);
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(put_str("t.xml", b.buf), &t, &d),
                     SR_ERR_CONFIG);
    assert_null(t);
    if (!strstr(d.msg, msg))
        print_error("got '%s', want '%s'\n", d.msg, msg);
    assert_non_null(strstr(d.msg, msg));
    if (line)
        assert_int_equal(d.line, line);
    sr_buf_release(&b);
}

static void test_template_archive_errors(void **state)
{
    (void)state;
    /* the template head is 24 lines: <archive> is line 25 */
    expect_template_error("  <archive>\n    <column field=\"fax\" "
                          "name=\"传真\"/>\n  </archive>\n",
                          "archive column '传真': no field 'fax'", 26);
    expect_template_error("  <archive>\n    <column field=\"phone\" "
                          "name=\"电话\"/>\n  </archive>\n",
                          "field 'phone' is not the customer id nor a "
                          "segment",
                          26);
    expect_template_error("  <archive>\n"
                          "    <column field=\"region\" name=\"a\"/>\n"
                          "    <column field=\"region\" name=\"b\"/>\n"
                          "  </archive>\n",
                          "archive column for field 'region' given twice", 27);
    expect_template_error("  <archive>\n"
                          "    <column field=\"region\" name=\"a\"/>\n"
                          "    <column field=\"customer_type\" name=\"a\"/>\n"
                          "  </archive>\n",
                          "archive column 'a' given twice", 27);
    expect_template_error("  <archive>\n    <column field=\"region\"/>\n"
                          "  </archive>\n",
                          "missing attribute 'name' on 'column'", 26);
    expect_template_error("  <archive>\n    <col field=\"region\" "
                          "name=\"x\"/>\n  </archive>\n",
                          "unknown element 'col' in 'archive'", 26);
    expect_template_error("  <archive/>\n  <archive/>\n",
                          "second 'archive' element", 26);
}

/* --- loading ----------------------------------------------------------------
 */

static void test_load(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_archive_counts c;
    size_t i;
    char fp1[17];
    char fp2[17];
    struct sr_archive *b;

    (void)state;
    assert_int_equal(sr_archive_count(a), 5);
    /* segments in template order, then the manager */
    assert_int_equal(sr_archive_ncolumns(a), 3);
    assert_string_equal(sr_archive_column_id(a, 0), "customer_type");
    assert_string_equal(sr_archive_column_id(a, 1), "region");
    assert_string_equal(sr_archive_column_id(a, 2), "account_manager");
    assert_int_equal(sr_archive_column_field(a, 2), SR_ARCHIVE_MANAGER);
    assert_int_equal(sr_archive_manager_column(a), 2);
    assert_int_equal(sr_archive_field_column(a, 3), 0);
    assert_int_equal(sr_archive_field_column(a, 2), -1); /* customer_name */
    assert_true(sr_archive_find(a, "KH000003", &i));
    assert_string_equal(sr_archive_id(a, i), "KH000003");
    assert_false(sr_archive_find(a, "KH999999", &i));
    assert_false(sr_archive_find(a, "", &i));
    assert_false(sr_archive_find(a, NULL, &i));
    assert_string_equal(value_of(a, "KH000002", "customer_type"), "特殊客户");
    assert_string_equal(value_of(a, "KH000003", "region"), "华北");
    assert_string_equal(value_of(a, "KH000003", "account_manager"), "赵立新");
    /* empty cells: no value */
    assert_string_equal(value_of(a, "KH000004", "region"), "");
    assert_string_equal(value_of(a, "KH000004", "account_manager"), "");
    assert_int_equal(sr_archive_nvalues(a, 1), 3); /* 华东 华北 华南 */
    assert_string_equal(sr_archive_value_name(a, 1, 0), "华东");
    sr_archive_counts(a, &c);
    assert_int_equal(c.rows, 5);
    assert_int_equal(c.refused, 0);
    assert_true(sr_archive_memory(a) > 0);
    /* the same archive, the same fingerprint; another, another */
    sr_archive_fingerprint(a, fp1);
    assert_int_equal(strlen(fp1), 16);
    b = load_ok(t, ARCHIVE "KH000006,x,一般客户,华东,A,王建国\n");
    sr_archive_fingerprint(b, fp2);
    assert_string_not_equal(fp1, fp2);
    sr_archive_free(b);
    b = load_ok(t, ARCHIVE);
    sr_archive_fingerprint(b, fp2);
    assert_string_equal(fp1, fp2);
    sr_archive_free(b);
    sr_archive_free(a);
    sr_archive_free(NULL);
    sr_template_free(t);
}

/* Headers by label (客户编号, 客户类别...), 客户经理, NFKC and trimming of
 * the values, CRLF, GBK */
static void test_load_labels_gbk(void **state)
{
    static const char text[] = "客户编号,客户类别,区域,客户经理,其他\r\n"
                               " KH000001 ,一般客户,华东　,王建国,x\r\n"
                               "ＫＨ０００００２,特殊客户,华南,李娜,y\r\n";
    struct sr_template *t = template_with("");
    struct sr_archive *a;
    struct sr_diag d;
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char gbk[512];
    char src[sizeof(text)];
    char *in = src;
    char *out = gbk;
    size_t inleft = sizeof(text) - 1;
    size_t outleft = sizeof(gbk);

    (void)state;
    memcpy(src, text, sizeof(text));
    a = load_ok(t, text);
    assert_int_equal(sr_archive_count(a), 2);
    assert_int_equal(sr_archive_ncolumns(a), 3);
    assert_string_equal(sr_archive_column_header(a, 0), "客户类别");
    assert_string_equal(sr_archive_column_header(a, 2), "客户经理");
    /* NFKC: full-width ＫＨ０００００２ is KH000002; spaces trimmed */
    assert_string_equal(value_of(a, "KH000002", "customer_type"), "特殊客户");
    assert_string_equal(value_of(a, "KH000001", "region"), "华东");
    sr_archive_free(a);

    assert_true(cd != (iconv_t)-1);
    assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    sr_diag_clear(&d);
    a = NULL;
    assert_int_equal(
        sr_archive_load(&a, put_file("gbk.csv", gbk, sizeof(gbk) - outleft), t,
                        SR_ENC_AUTO, &d),
        SR_OK);
    assert_string_equal(value_of(a, "KH000001", "account_manager"), "王建国");
    sr_archive_free(a);
    a = NULL;
    assert_int_equal(
        sr_archive_load(&a, made[nmade - 1], t, SR_ENC_GB18030, &d), SR_OK);
    assert_int_equal(sr_archive_count(a), 2);
    sr_archive_free(a);
    sr_template_free(t);
}

/* <archive> names the columns: only those names are looked for */
static void test_load_mapped(void **state)
{
    struct sr_template *t =
        template_with("  <archive>\n"
                      "    <column field=\"customer_id\" name=\"客户号\"/>\n"
                      "    <column field=\"region\" name=\"片区\"/>\n"
                      "    <column field=\"account_manager\" name=\"经理\"/>\n"
                      "  </archive>\n");
    struct sr_archive *a;
    struct sr_diag d;

    (void)state;
    a = load_ok(t, "客户号,片区,customer_type,经理,region\n"
                   "KH000001,华东,一般客户,王建国,西北\n");
    assert_string_equal(value_of(a, "KH000001", "region"), "华东");
    assert_string_equal(value_of(a, "KH000001", "customer_type"), "一般客户");
    assert_string_equal(value_of(a, "KH000001", "account_manager"), "王建国");
    sr_archive_free(a);
    /* a mapped column that is missing */
    assert_int_equal(load_err(t,
                              "客户号,region,经理\n"
                              "KH000001,华东,王建国\n",
                              &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "no column '片区'"));
    assert_int_equal(d.line, 1);
    /* the id under its field id is not looked for once mapped */
    assert_int_equal(load_err(t, "customer_id,片区\nKH000001,华东\n", &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "no column '客户号'"));
    sr_template_free(t);
}

static void test_load_errors(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = NULL;
    struct sr_diag d;

    (void)state;
    assert_int_equal(load_err(t, "name,region\n张伟,华东\n", &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "no customer id column"));
    assert_non_null(strstr(d.msg, "'customer_id' or '客户编号'"));
    assert_int_equal(load_err(t, "", &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "empty"));
    assert_int_equal(load_err(t, "customer_id,region\n", &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "no usable customer row"));
    assert_int_equal(load_err(t, "customer_id,region\n,华东\n", &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "empty customer id"));
    /* the id wins over the label: 区域 is not used */
    a = load_ok(t, "customer_id,区域,region\nKH000001,a,b\n");
    assert_string_equal(value_of(a, "KH000001", "region"), "b");
    sr_archive_free(a);
    a = NULL;
    assert_int_equal(load_err(t, "customer_id,region,region\nKH1,a,b\n", &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "duplicate column 'region'"));
    assert_int_equal(load_err(t, "customer_id,region\n\"KH000001,华东\n", &d),
                     SR_ERR_PARSE);
    sr_diag_clear(&d);
    assert_int_equal(sr_archive_load(&a,
                                     put_file("u16.csv",
                                              "\xFF\xFE"
                                              "c\0u\0",
                                              6),
                                     t, SR_ENC_AUTO, &d),
                     SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "UTF-16"));
    assert_null(a);
    assert_int_equal(
        sr_archive_load(&a, "/nonexistent/a.csv", t, SR_ENC_AUTO, &d),
        SR_ERR_IO);
    assert_null(a);
    sr_template_free(t);
}

/* a template without a customer id cannot join */
static void test_load_no_customer_field(void **state)
{
    struct sr_template *t = NULL;
    struct sr_archive *a = NULL;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(
        sr_template_load(
            put_str("t2.xml",
                    "<survey id=\"x\"><scale id=\"s\" min=\"1\" max=\"5\"/>"
                    "<fields><field id=\"f\" role=\"form-id\"/></fields>"
                    "<item id=\"q\" scale=\"s\"/></survey>"),
            &t, &d),
        SR_OK);
    assert_int_equal(
        sr_archive_load(&a, put_str("a.csv", ARCHIVE), t, SR_ENC_AUTO, &d),
        SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "no field with role 'customer-id'"));
    assert_null(a);
    sr_template_free(t);
}

/* rows refused: cell count, pattern, duplicate id, empty id; the first of
 * a duplicated id is kept */
static void test_load_refused_rows(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a;
    struct sr_archive_counts c;

    (void)state;
    a = load_ok(t, "customer_id,customer_type,region\n"
                   "KH000001,一般客户,华东\n"
                   "KH000001,特殊客户,华北\n"   /* duplicate: refused */
                   "KH12345,一般客户,华东\n"    /* pattern */
                   "KH000002,一般客户\n"        /* one cell short */
                   ",一般客户,华东\n"           /* empty id */
                   "KH000003,一般客户,华东,x\n" /* one cell too many */
                   "\n"                         /* blank: skipped */
                   "KH000004,特殊客户,华南\n");
    sr_archive_counts(a, &c);
    assert_int_equal(sr_archive_count(a), 2);
    assert_int_equal(c.rows, 7);
    assert_int_equal(c.refused, 5);
    assert_int_equal(c.duplicates, 1);
    assert_string_equal(value_of(a, "KH000001", "customer_type"), "一般客户");
    assert_string_equal(value_of(a, "KH000004", "region"), "华南");
    sr_archive_log(a); /* no log open: stderr when verbose only */
    sr_archive_free(a);
    sr_template_free(t);
}

/* Past 65,534 distinct values a column's indices widen to 32 bits; a
 * large archive is held in about 32 bytes a customer. */
static void test_load_large(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_buf b = SR_BUF_INIT;
    struct sr_archive *a = NULL;
    struct sr_diag d;
    const size_t n = 100000;
    size_t i;
    size_t k;

    (void)state;
    sr_buf_addstr(&b, "customer_id,customer_type,account_manager\n");
    for (i = 0; i < n; i++)
        sr_buf_addf(&b, "KH%06zu,%s,经理%zu\n", i, i % 3 ? "一般" : "特殊", i);
    sr_diag_clear(&d);
    assert_int_equal(sr_archive_load(&a, put_file("big.csv", b.buf, b.len), t,
                                     SR_ENC_UTF8, &d),
                     SR_OK);
    assert_int_equal(sr_archive_count(a), n);
    assert_int_equal(sr_archive_nvalues(a, 1), n);
    for (i = 0; i < n; i += 997) {
        char id[16];
        char m[32];

        snprintf(id, sizeof(id), "KH%06zu", i);
        snprintf(m, sizeof(m), "经理%zu", i);
        assert_true(sr_archive_find(a, id, &k));
        assert_int_equal(k, i);
        assert_string_equal(value_of(a, id, "account_manager"), m);
        assert_int_equal(sr_archive_value(a, 0, k), i % 3 ? 2 : 1);
    }
    /* 2 bytes of type, 4 of manager (wide), 4 offset, 9 id, 8 table, plus
     * the manager names themselves (16 bytes each, 8 of the name table) */
    assert_true(sr_archive_memory(a) < n * 64);
    sr_archive_free(a);
    sr_buf_release(&b);
    sr_template_free(t);
}

/* --- join and responses -----------------------------------------------------
 */

/* a record of the test template: form_id, customer_id, customer_name,
 * customer_type, region, phone; Q1 Q2 Q3 overall */
struct rec {
    struct sr_rawform raw;
    const char *fields[6];
    int32_t scores[4];
    struct sr_record r;
};

static void rec_make(struct rec *x, const char *form, const char *cid,
                     const char *name, const char *type, const char *region,
                     int32_t overall)
{
    memset(x, 0, sizeof(*x));
    x->raw.file = "in.csv";
    x->raw.line = 7;
    x->fields[0] = form;
    x->fields[1] = cid;
    x->fields[2] = name;
    x->fields[3] = type;
    x->fields[4] = region;
    x->scores[0] = 4;
    x->scores[1] = 5;
    x->scores[2] = 3;
    x->scores[3] = overall;
    x->r.raw = &x->raw;
    x->r.fields = x->fields;
    x->r.scores = x->scores;
    x->r.date = 20260315;
}

static const struct sr_category cats[] = {
    { "价格", false, NULL },
    { "服务态度", true, "服务质量不符合" },
    { "账单", true, NULL },
};

static void test_join(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response_opts o = { false, cats, 3 };
    struct sr_response *rs = sr_response_new(a, t, &o);
    struct rec x;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    /* the archive's values replace the form's; disagreements counted */
    rec_make(&x, "F1", "KH000002", "中国银行", "一般客户", "华东", 5);
    assert_int_equal(sr_response_join(rs, &x.r, NULL, &d), SR_ACCEPTED);
    assert_ptr_not_equal(x.r.fields, x.fields);
    assert_string_equal(x.r.fields[3], "特殊客户");
    assert_string_equal(x.r.fields[4], "华东");
    assert_string_equal(x.r.fields[0], "F1");
    assert_non_null(x.r.customer);
    assert_true(x.r.customer->known);
    assert_string_equal(x.r.customer->manager, "王建国");
    assert_string_equal(x.r.customer->own[3], "一般客户");
    assert_null(x.r.customer->own[4]);
    sr_response_add(rs, &x.r);
    /* an archive without a value keeps the form's; an empty form value
     * takes the archive's (no disagreement) */
    rec_make(&x, "F2", "KH000004", "律所", "特殊客户", "华南", 4);
    assert_int_equal(sr_response_join(rs, &x.r, NULL, &d), SR_ACCEPTED);
    assert_string_equal(x.r.fields[4], "华南");
    assert_null(x.r.customer->manager);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F3", "KH000002", "中国银行", NULL, NULL, 4);
    assert_int_equal(sr_response_join(rs, &x.r, NULL, &d), SR_ACCEPTED);
    assert_string_equal(x.r.fields[3], "特殊客户");
    assert_null(x.r.customer->own[3]);
    sr_response_add(rs, &x.r);
    /* unknown: kept and counted */
    rec_make(&x, "F4", "KH999999", "某人", "一般客户", "西北", 3);
    assert_int_equal(sr_response_join(rs, &x.r, NULL, &d), SR_ACCEPTED);
    assert_false(x.r.customer->known);
    assert_string_equal(x.r.fields[4], "西北");
    sr_response_add(rs, &x.r);
    rec_make(&x, "F5", "KH999999", "某人", "一般客户", "西北", 3);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F6", NULL, "某人", "一般客户", "西北", 3);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);

    assert_int_equal(sr_response_forms(rs, 1), 2); /* KH000002 */
    assert_int_equal(sr_response_forms(rs, 3), 1); /* KH000004 */
    assert_int_equal(sr_response_forms(rs, 0), 0);
    assert_int_equal(sr_response_known_forms(rs), 3);
    assert_int_equal(sr_response_unknown_forms(rs), 3);
    assert_int_equal(sr_response_unknown_customers(rs), 1);
    assert_int_equal(sr_response_compared(rs, 0), 2); /* customer_type */
    assert_int_equal(sr_response_disagreements(rs, 0), 1);
    assert_int_equal(sr_response_compared(rs, 1), 1); /* region */
    assert_int_equal(sr_response_disagreements(rs, 1), 0);
    assert_int_equal(sr_response_refused(rs), 0);
    sr_response_log(rs);
    sr_response_free(rs);
    sr_response_free(NULL);
    sr_archive_free(a);
    sr_template_free(t);
}

/* unknown_customers = refuse: one row in rejects.csv */
static void test_join_refuse(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response_opts o = { true, NULL, 0 };
    struct sr_response *rs = sr_response_new(a, t, &o);
    const char *path = tmp_path("rejects.csv");
    struct sr_rejects *rj = NULL;
    struct rec x;
    struct sr_diag d;
    char line[512];
    FILE *fp;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_rejects_open(&rj, path, &d), SR_OK);
    rec_make(&x, "F9", "KH000123", "某人", "一般客户", "华东", 5);
    assert_int_equal(sr_response_join(rs, &x.r, rj, &d), SR_REFUSED);
    assert_int_equal(d.code, SR_OK);
    rec_make(&x, "F10", "KH000001", "张伟", "一般客户", "华东", 5);
    assert_int_equal(sr_response_join(rs, &x.r, rj, &d), SR_ACCEPTED);
    assert_int_equal(sr_response_refused(rs), 1);
    assert_int_equal(sr_rejects_close(rj, &d), SR_OK);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof(line), fp)); /* header */
    assert_non_null(fgets(line, sizeof(line), fp));
    assert_string_equal(line, "in.csv,7,F9,customer_id,customer 'KH000123' "
                              "is not in the customer archive\n");
    fclose(fp);
    sr_rejects_free(rj);
    sr_response_free(rs);
    sr_archive_free(a);
    sr_template_free(t);
}

/* many forms of one customer: counted once as responded, saturating */
static void test_repeated(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response *rs = sr_response_new(a, t, NULL);
    struct rec x;
    struct sr_diag d;
    long i;

    (void)state;
    sr_diag_clear(&d);
    for (i = 0; i < 70000; i++) {
        rec_make(&x, "F", "KH000005", "刘芳", "一般客户", "华南", 4);
        sr_response_join(rs, &x.r, NULL, &d);
        sr_response_add(rs, &x.r);
    }
    assert_int_equal(sr_response_forms(rs, 4), 65535);
    assert_int_equal(sr_response_known_forms(rs), 70000);
    sr_response_free(rs);
    sr_archive_free(a);
    sr_template_free(t);
}

/* the follow-up list: low overall scores and complaints, sorted by
 * manager (none last), customer, form; names masked */
static void test_followup(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response_opts o = { false, cats, 3 };
    struct sr_response *rs = sr_response_new(a, t, &o);
    struct sr_followup *fl;
    struct rec x;
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    rec_make(&x, "F1", "KH000003", "李娜", "一般客户", "华北", 1);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F2", "KH000001", "张伟", "一般客户", "华东", 4);
    x.r.categories = 1u << 0; /* 价格: not a complaint */
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r); /* not listed */
    rec_make(&x, "F3", "KH000001", "张伟", "一般客户", "华东", 3);
    x.r.categories = (1u << 1) | (1u << 2) | (1u << 0);
    x.r.complaint = true;
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F4", "KH777777", "王小二", "一般客户", "华东", 2);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F0", "KH000004", "律所, 深圳", "特殊客户", NULL, 2);
    x.r.date = 0;
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F5", "KH000003", "李娜", "一般客户", "华北", SR_MISSING);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r); /* no score, no complaint: not listed */

    fl = sr_response_followup(rs);
    assert_int_equal(sr_followup_count(fl), 4);
    /* 王建国 (KH000001) < 赵立新 (KH000003) in byte order, then no manager:
     * KH000004 (in the archive, no manager), KH777777 (unknown) */
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_MANAGER), "王建国");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_CUSTOMER), "KH000001");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_NAME), "张*");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_FORM), "F3");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_DATE), "2026-03-15");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_OVERALL), "3");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_LABEL), "一般");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_LOW), "0");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_COMPLAINT), "1");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_CATEGORIES),
                        "服务态度；账单");
    assert_string_equal(sr_followup_get(fl, 0, SR_FU_IN_ARCHIVE), "1");
    assert_string_equal(sr_followup_get(fl, 1, SR_FU_MANAGER), "赵立新");
    assert_string_equal(sr_followup_get(fl, 1, SR_FU_LOW), "1");
    assert_string_equal(sr_followup_get(fl, 1, SR_FU_LABEL), "非常不满意");
    assert_string_equal(sr_followup_get(fl, 1, SR_FU_CATEGORIES), "");
    assert_string_equal(sr_followup_get(fl, 2, SR_FU_MANAGER), "");
    assert_string_equal(sr_followup_get(fl, 2, SR_FU_CUSTOMER), "KH000004");
    assert_string_equal(sr_followup_get(fl, 2, SR_FU_DATE), "");
    assert_string_equal(sr_followup_get(fl, 3, SR_FU_CUSTOMER), "KH777777");
    assert_string_equal(sr_followup_get(fl, 3, SR_FU_IN_ARCHIVE), "0");
    assert_string_equal(sr_followup_get(fl, 3, SR_FU_NAME), "王**");
    assert_int_equal(sr_followup_customers(fl), 4);
    /* out of range: "" */
    assert_string_equal(sr_followup_get(fl, 99, SR_FU_FORM), "");
    sr_followup_free(fl);
    sr_response_free(rs);
    sr_archive_free(a);
    sr_template_free(t);
}

static void test_followup_csv(void **state)
{
    struct sr_followup *fl = sr_followup_new();
    struct sr_followup *back = NULL;
    const char *cells[SR_FU_NCOLS] = {
        "王建国", "KH000001", "=张*", "F1", "2026-01-02",
        "2",      "不满意",   "1",    "1",  "价格，\"账单\"\n多扣",
        "1"
    };
    const char *path = tmp_path("followup.csv");
    struct sr_diag d;
    size_t c;

    (void)state;
    sr_diag_clear(&d);
    sr_followup_add(fl, cells);
    cells[0] = NULL;
    cells[2] = "-1";
    sr_followup_add(fl, cells);
    assert_int_equal(sr_followup_write(fl, path, &d), SR_OK);
    assert_int_equal(sr_followup_read(path, &back, &d), SR_OK);
    assert_int_equal(sr_followup_count(back), 2);
    for (c = 0; c < SR_FU_NCOLS; c++) {
        assert_string_equal(sr_followup_get(back, 0, c),
                            sr_followup_get(fl, 0, c));
        assert_string_equal(sr_followup_get(back, 1, c),
                            sr_followup_get(fl, 1, c));
    }
    assert_string_equal(sr_followup_get(back, 1, SR_FU_MANAGER), "");
    sr_followup_free(back);
    back = NULL;
    /* not a follow-up list */
    assert_int_equal(
        sr_followup_read(put_str("x.csv", "a,b\n1,2\n"), &back, &d),
        SR_ERR_PARSE);
    assert_null(back);
    assert_int_equal(sr_followup_read("/nonexistent/f.csv", &back, &d),
                     SR_ERR_IO);
    assert_int_equal(sr_followup_write(fl, "/nonexistent/f.csv", &d),
                     SR_ERR_WRITE);
    sr_followup_free(fl);
    sr_followup_free(NULL);
}

/* partial runs: saved and loaded back, merged; another archive refused */
static void test_save_load_merge(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response_opts o = { false, cats, 3 };
    struct sr_response *r1 = sr_response_new(a, t, &o);
    struct sr_response *r2 = sr_response_new(a, t, &o);
    struct sr_response *back = sr_response_new(a, t, &o);
    struct sr_followup *f1;
    struct sr_followup *f2;
    const char *path = tmp_path("state.customers");
    struct sr_archive *other;
    struct rec x;
    struct sr_diag d;
    size_t r;
    size_t c;

    (void)state;
    sr_diag_clear(&d);
    rec_make(&x, "F1", "KH000001", "张\t伟\\", "特殊客户", "华东", 1);
    sr_response_join(r1, &x.r, NULL, &d);
    sr_response_add(r1, &x.r);
    rec_make(&x, "F2", "KH000009", "某人", "一般客户", "华东", 2);
    sr_response_join(r1, &x.r, NULL, &d);
    sr_response_add(r1, &x.r);
    rec_make(&x, "F3", "KH000001", "张伟", "一般客户", "华东", 5);
    x.r.complaint = true;
    x.r.categories = 1u << 2;
    sr_response_join(r2, &x.r, NULL, &d);
    sr_response_add(r2, &x.r);
    rec_make(&x, "F4", "KH000009", "某人", "一般客户", "华东", 5);
    sr_response_join(r2, &x.r, NULL, &d);
    sr_response_add(r2, &x.r);

    assert_int_equal(sr_response_save(r1, path, &d), SR_OK);
    assert_int_equal(sr_response_load(back, path, &d), SR_OK);
    assert_int_equal(sr_response_save(r2, path, &d), SR_OK);
    assert_int_equal(sr_response_load(back, path, &d), SR_OK);
    sr_response_merge(r1, r2);
    assert_int_equal(sr_response_forms(back, 0), 2);
    assert_int_equal(sr_response_known_forms(back), 2);
    assert_int_equal(sr_response_unknown_forms(back), 2);
    assert_int_equal(sr_response_unknown_customers(back), 1);
    assert_int_equal(sr_response_disagreements(back, 0), 1);
    assert_int_equal(sr_response_compared(back, 0), 2);
    f1 = sr_response_followup(r1);
    f2 = sr_response_followup(back);
    assert_int_equal(sr_followup_count(f1), 3);
    assert_int_equal(sr_followup_count(f2), 3);
    for (r = 0; r < 3; r++)
        for (c = 0; c < SR_FU_NCOLS; c++)
            assert_string_equal(sr_followup_get(f1, r, c),
                                sr_followup_get(f2, r, c));
    sr_followup_free(f1);
    sr_followup_free(f2);

    /* another archive: refused, nothing merged */
    other = load_ok(t, ARCHIVE "KH000009,某人,一般客户,华东,A,王建国\n");
    sr_response_free(back);
    back = sr_response_new(other, t, &o);
    assert_int_equal(sr_response_load(back, path, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "another customer archive"));
    assert_int_equal(sr_response_known_forms(back), 0);
    /* damaged, truncated, missing */
    assert_int_equal(sr_response_load(back, put_str("x", "nonsense\n"), &d),
                     SR_ERR_PARSE);
    assert_int_equal(sr_response_load(back, "/nonexistent/x", &d), SR_ERR_IO);
    sr_response_free(back);
    back = sr_response_new(a, t, &o);
    assert_int_equal(
        sr_response_load(
            back, put_str("y", "satreport-response\t1\ncounts\t1\t2\t0\n"), &d),
        SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "truncated"));
    assert_int_equal(sr_response_known_forms(back), 0);
    assert_int_equal(sr_response_save(r1, "/nonexistent/x", &d), SR_ERR_WRITE);
    sr_response_free(back);
    sr_archive_free(other);
    sr_response_free(r1);
    sr_response_free(r2);
    sr_archive_free(a);
    sr_template_free(t);
}

/* --- the figures -------------------------------------------------------------
 */

static void test_moe(void **state)
{
    double moe;

    (void)state;
    /* all responded: 0; none of the population: no correction */
    assert_true(sr_stats_csi_moe(2.0, 100, 50, 50, &moe));
    assert_true(moe == 0);
    assert_true(sr_stats_csi_moe(2.0, 101, 0, 1000001, &moe));
    /* t(0.975, 100) = 1.983971519 */
    assert_true(fabs(moe - 1.983971519 * 2.0) < 1e-5);
    assert_true(sr_stats_csi_moe(1.0, 11, 20, 101, &moe));
    /* t(0.975, 10) = 2.228138852, sqrt(81/100) = 0.9 */
    assert_true(fabs(moe - 2.228138852 * 0.9) < 1e-8);
    assert_false(sr_stats_csi_moe(1.0, 1, 1, 10, &moe));
    assert_false(sr_stats_csi_moe(1.0, 10, 1, 0, &moe));
}

static bool fig(const struct sr_model *m, const char *g, const char *gv,
                const char *s, const char *metric, double *v, long *n)
{
    return sr_model_get(m, g, gv, s, metric, v, n);
}

static void test_figures(void **state)
{
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response *rs = sr_response_new(a, t, NULL);
    struct sr_model *m = sr_model_new(t);
    struct sr_followup *fl;
    struct sr_customer_group *cg;
    size_t ncg;
    struct rec x;
    struct sr_diag d;
    double v;
    long n;
    double se;
    double want;

    (void)state;
    sr_diag_clear(&d);
    /* KH000001 twice, KH000003 once, one unknown */
    rec_make(&x, "F1", "KH000001", "张伟", "一般客户", "华东", 1);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F2", "KH000001", "张伟", "特殊客户", "华北", 5);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F3", "KH000003", "李娜", "一般客户", "华北", 2);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F4", "KH123456", "某人", "一般客户", "华北", 2);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    fl = sr_response_followup(rs);

    /* the model's own figures the margin of error uses */
    sr_model_add(m, "all", "", "CSI", "index", 70, 4);
    sr_model_add(m, "all", "", "d1", "index", 75, 4);
    sr_model_add(m, "all", "", "d1", "sd", 0.8, 4);
    sr_model_add(m, "all", "", "d2", "index", 60, 3);
    sr_model_add(m, "all", "", "d2", "sd", 1.2, 3);
    sr_model_add(m, "region", "华东", "CSI", "index", 70, 1);
    sr_model_add(m, "region", "华东", "d1", "index", 75, 1);
    sr_stats_customers(m, a, rs, fl, 2);

    assert_true(fig(m, "all", "", "customers", "count", &v, &n));
    assert_true(v == 5 && n == -1);
    assert_true(fig(m, "all", "", "customers", "responded", &v, &n));
    assert_true(v == 2 && n == 5);
    assert_true(fig(m, "all", "", "customers", "response_rate", &v, &n));
    assert_true(v == 0.4 && n == 5);
    assert_true(fig(m, "all", "", "customers", "repeated", &v, &n));
    assert_true(v == 1 && n == 2);
    assert_true(fig(m, "all", "", "customers", "forms", &v, &n));
    assert_true(v == 3);
    assert_true(fig(m, "all", "", "customers", "unknown", &v, &n));
    assert_true(v == 1 && n == 1);
    assert_true(fig(m, "all", "", "customers", "representative", &v, &n));
    assert_true(v == 1); /* 2 >= min_base 2, 40% >= 5% */
    assert_true(fig(m, "all", "", "customers", "follow_up", &v, &n));
    assert_true(v == 3 && n == 3); /* F1, F3, F4 */
    /* disagreements: F2 says 特殊客户 and 华北 for KH000001 (一般客户, 华东);
     * F1, F3 agree */
    assert_true(fig(m, "all", "", "customer_type", "disagreements", &v, &n));
    assert_true(v == 1 && n == 3);
    assert_true(fig(m, "all", "", "region", "disagreements", &v, &n));
    assert_true(v == 1 && n == 3);
    /* the margin of error: se = (2 * 100 * 0.8 / 4 / 2 + 1 * 100 * 1.2 / 4
     * / sqrt 3) / 3, fpc sqrt(3 / 4), t(0.975, 3) */
    se = (2 * 100 * 0.8 / 4 / 2 + 100 * 1.2 / 4 / sqrt(3)) / 3;
    want = 3.182446305284263 * se * sqrt(3.0 / 4.0);
    assert_true(fig(m, "all", "", "CSI", "moe95", &v, &n));
    assert_true(fabs(v - want) < 1e-9 * want);
    assert_int_equal(n, 4);
    /* a dimension without sd: no margin */
    assert_false(fig(m, "region", "华东", "CSI", "moe95", NULL, NULL));
    /* per value: 华东 has KH000001, KH000002 (one responded) */
    assert_true(fig(m, "region", "华东", "customers", "count", &v, NULL));
    assert_true(v == 2);
    assert_true(fig(m, "region", "华东", "customers", "responded", &v, NULL));
    assert_true(v == 1);
    assert_true(
        fig(m, "region", "华东", "customers", "representative", &v, NULL));
    assert_true(v == 0); /* 1 < min_base */
    /* KH000004 has no region: in no region value */
    assert_true(fig(m, "region", "华南", "customers", "count", &v, NULL));
    assert_true(v == 1);
    assert_false(fig(m, "region", "西北", "customers", "count", NULL, NULL));
    /* managers */
    assert_true(
        fig(m, "account_manager", "王建国", "customers", "count", &v, NULL));
    assert_true(v == 2);
    assert_true(
        fig(m, "account_manager", "王建国", "customers", "follow_up", &v, &n));
    assert_true(v == 1 && n == 1);
    assert_true(
        fig(m, "account_manager", "黄志明", "customers", "follow_up", &v, &n));
    assert_true(v == 0 && n == 0);

    /* the groups for renderers, in stats.csv order, values in byte order */
    cg = sr_customer_groups(m, &ncg);
    assert_int_equal(ncg, 3);
    assert_string_equal(cg[0].id, "customer_type");
    assert_string_equal(cg[1].id, "region");
    assert_int_equal(cg[1].nvalues, 3);
    assert_string_equal(cg[1].values[0], "华东");
    assert_string_equal(cg[1].values[1], "华北");
    assert_string_equal(cg[1].values[2], "华南");
    assert_string_equal(cg[2].id, "account_manager");
    sr_customer_groups_free(cg, ncg);

    sr_followup_free(fl);
    sr_model_free(m);
    sr_response_free(rs);
    sr_archive_free(a);
    sr_template_free(t);
}

/* --- the report template's archive loops ------------------------------------
 */

#define REPORT_HEAD                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
    "<report version=\"1\" title=\"t\" absent=\"—\">\n"

static enum sr_status report_load(const char *body, struct sr_report_tmpl **rt,
                                  struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    enum sr_status s;

    sr_buf_addf(&b, "%s%s</report>\n", REPORT_HEAD, body);
    sr_diag_clear(d);
    s = sr_report_load(put_str("r.xml", b.buf), rt, d);
    sr_buf_release(&b);
    return s;
}

static void test_report_loops(void **state)
{
    static const char body[] =
        "<section title=\"s\">\n"
        "<p>A<each var=\"segment\" kind=\"customers\" sep=\";\">"
        "{segment.id}:<each var=\"value\" sep=\",\">{value}={fig "
        "$segment,$value,customers,count}/{value.forms}</each></each>Z</p>\n"
        "<p>M<each var=\"segment\" kind=\"managers\"><each var=\"value\" "
        "sep=\",\">{value}</each></each>Z</p>\n"
        "<if has=\"archive\"><p>HAS-ARCHIVE</p></if>\n"
        "<if has=\"followup\"><p>HAS-FOLLOWUP</p></if>\n"
        "<each var=\"manager\"><p>[{manager.name}|{manager.forms}]"
        "<each var=\"followup\" in=\"manager\" sep=\",\">{followup.form}/"
        "{followup.customer}/{followup.name}/{followup.score}/"
        "{followup.low}/{followup.complaints}</each></p></each>\n"
        "<p>ALL<each var=\"followup\" sep=\",\">{followup.form}</each></p>\n"
        "<p>MOE {fig all,,CSI,moe95}</p>\n"
        "</section>\n";
    struct sr_template *t = template_with("");
    struct sr_archive *a = load_ok(t, ARCHIVE);
    struct sr_response_opts o = { false, cats, 3 };
    struct sr_response *rs = sr_response_new(a, t, &o);
    struct sr_model *m = sr_model_new(t);
    struct sr_report_tmpl *rt = NULL;
    struct sr_followup *fl;
    struct sr_config cfg;
    struct sr_run_info ri;
    struct sr_buf cmd = SR_BUF_INIT;
    struct sr_buf text = SR_BUF_INIT;
    const char *pdf = tmp_path("r.pdf");
    struct rec x;
    struct sr_diag d;
    char chunk[4096];
    size_t got;
    FILE *pp;

    (void)state;
    sr_diag_clear(&d);
    rec_make(&x, "F1", "KH000001", "张伟", "一般客户", "华东", 1);
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    rec_make(&x, "F2", "KH000004", "律所", "特殊客户", "华南", 4);
    x.r.complaint = true;
    x.r.categories = 1u << 1;
    sr_response_join(rs, &x.r, NULL, &d);
    sr_response_add(rs, &x.r);
    fl = sr_response_followup(rs);
    sr_model_add(m, "all", "", "CSI", "index", 70, 2);
    sr_model_add(m, "all", "", "CSI", "moe95", 1.2345, 2);
    sr_stats_customers(m, a, rs, fl, 2);
    assert_int_equal(report_load(body, &rt, &d), SR_OK);
    memset(&cfg, 0, sizeof(cfg));
    cfg.confidentiality = (char *)(uintptr_t) "内部";
    memset(&ri, 0, sizeof(ri));
    ri.cfg = &cfg;
    ri.epoch = 1767225600;
    ri.font_path = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    ri.followup = fl;
    if (access(ri.font_path, R_OK) != 0)
        skip();
    assert_int_equal(sr_render_pdf_with(pdf, rt, m, &ri, &d), SR_OK);
    sr_buf_addf(&cmd, "pdftotext -raw '%s' - 2>/dev/null | tr -d ' \\n'", pdf);
    pp = popen(cmd.buf, "r");
    assert_non_null(pp);
    while ((got = fread(chunk, 1, sizeof(chunk), pp)) > 0)
        sr_buf_add(&text, chunk, got);
    pclose(pp);
    /* every value of the archive, forms absent where the model breaks
     * nothing down */
    assert_non_null(strstr(text.buf, "Acustomer_type:一般客户=3/—,特殊客户=2/—;"
                                     "region:华东=2/—,华北=1/—,华南=1/—Z"));
    assert_non_null(strstr(text.buf, "M王建国,赵立新,黄志明Z"));
    assert_non_null(strstr(text.buf, "HAS-ARCHIVE"));
    assert_non_null(strstr(text.buf, "HAS-FOLLOWUP"));
    /* by manager; the empty one is named; low and complaints */
    assert_non_null(
        strstr(text.buf, "[王建国|1]F1/KH000001/张*/1/非常不满意/["));
    assert_non_null(
        strstr(text.buf, "[无客户经理|1]F2/KH000004/律*/4//服务态度"));
    assert_non_null(strstr(text.buf, "ALLF1,F2"));
    assert_non_null(strstr(text.buf, "MOE1.2")); /* one decimal by default */
    sr_report_free(rt);
    rt = NULL;

    /* checked when loaded */
    assert_int_equal(report_load("<section title=\"s\"><p><each "
                                 "var=\"followup\" in=\"manager\">x</each>"
                                 "</p></section>",
                                 &rt, &d),
                     SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "outside <each var=\"manager\">"));
    assert_int_equal(report_load("<section title=\"s\"><p><each "
                                 "var=\"followup\" in=\"dimension\">x</each>"
                                 "</p></section>",
                                 &rt, &d),
                     SR_ERR_CONFIG);
    assert_int_equal(report_load("<section title=\"s\"><p><each "
                                 "var=\"segment\" kind=\"archive\">x</each>"
                                 "</p></section>",
                                 &rt, &d),
                     SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "customers or managers"));
    assert_int_equal(report_load("<section title=\"s\"><p><each "
                                 "var=\"manager\">{manager.form}</each>"
                                 "</p></section>",
                                 &rt, &d),
                     SR_ERR_CONFIG);
    assert_null(rt);
    sr_buf_release(&cmd);
    sr_buf_release(&text);
    sr_followup_free(fl);
    sr_model_free(m);
    sr_response_free(rs);
    sr_archive_free(a);
    sr_template_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_archive),
        cmocka_unit_test(test_template_archive_errors),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_load_labels_gbk),
        cmocka_unit_test(test_load_mapped),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_no_customer_field),
        cmocka_unit_test(test_load_refused_rows),
        cmocka_unit_test(test_load_large),
        cmocka_unit_test(test_join),
        cmocka_unit_test(test_join_refuse),
        cmocka_unit_test(test_repeated),
        cmocka_unit_test(test_followup),
        cmocka_unit_test(test_followup_csv),
        cmocka_unit_test(test_save_load_merge),
        cmocka_unit_test(test_moe),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_report_loops),
    };

    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
