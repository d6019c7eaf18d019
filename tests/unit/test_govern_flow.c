/* SPDX-License-Identifier: MIT */
/*
 * test_govern_flow.c - the governance commands on a real run folder
 *
 * A run folder is made the way the pipeline makes one (stats.csv and
 * report.pdf from a model, runinfo.txt, run.log, manifest.txt); then:
 * the model read back from it equals the model (and renders the same
 * report), and verify / submit / approve / reject / distribute behave as
 * docs/governance.md says: exit codes, refusals with reasons, the log,
 * the register, the updated manifest, tampering found, the lock.
 *
 * Needs the WenQuanYi Zen Hei font (as the PDF renderer does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/mem.h"
#include "../../src/core/template.h"
#include "../../src/govern/approval.h"
#include "../../src/govern/distribute.h"
#include "../../src/govern/facts.h"
#include "../../src/govern/govern.h"
#include "../../src/govern/hash.h"
#include "../../src/govern/manifest.h"
#include "../../src/govern/model_csv.h"
#include "../../src/govern/record.h"
#include "../../src/govern/sign.h"
#include "../../src/render/render.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMPLATE "templates/forms/csat.xml"
#define FONT     "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
#define EPOCH    ((time_t)1767225600) /* 2026-01-01T00:00:00Z */

static char dir[64];
static char *run_dir;
static char outbuf[65536];
static char errbuf[65536];

/* --- helpers ----------------------------------------------------------- */

static char *path_of(const char *name)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s/%s", dir, name);
    return sr_buf_detach(&b);
}

static void put(const char *name, const char *text)
{
    char *p = path_of(name);
    FILE *fp = fopen(p, "w");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    free(p);
}

static void append_to(const char *name, const char *text)
{
    char *p = path_of(name);
    FILE *fp = fopen(p, "a");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    free(p);
}

static char *slurp(const char *name)
{
    struct sr_buf b = SR_BUF_INIT;
    char *p = path_of(name);

    if (sr_file_read(p, &b, NULL) != SR_OK) {
        free(p);
        sr_buf_release(&b);
        return NULL;
    }
    free(p);
    return sr_buf_detach(&b);
}

static bool exists(const char *name)
{
    char *p = path_of(name);
    bool r = sr_file_exists(p);

    free(p);
    return r;
}

static void sha_of(const char *name, char hex[SR_SHA256_HEX + 1])
{
    char *p = path_of(name);

    assert_int_equal(sr_sha256_file(p, hex, NULL), SR_OK);
    free(p);
}

/* Run a governance command; its output lands in outbuf/errbuf. */
typedef int (*cmd_fn)(const char *run_dir, const struct sr_govern_opts *o);

static int cmd(cmd_fn fn, struct sr_govern_opts o)
{
    FILE *out;
    FILE *err;
    int rc;

    memset(outbuf, 0, sizeof(outbuf));
    memset(errbuf, 0, sizeof(errbuf));
    out = fmemopen(outbuf, sizeof(outbuf) - 1, "w");
    err = fmemopen(errbuf, sizeof(errbuf) - 1, "w");

    assert_non_null(out);
    assert_non_null(err);
    o.out = out;
    o.err = err;
    rc = fn(run_dir, &o);
    fclose(out);
    fclose(err);
    return rc;
}

#define ERR_HAS(s)                                     \
    do {                                               \
        if (!strstr(errbuf, (s)))                      \
            print_message("stderr was: %s\n", errbuf); \
        assert_non_null(strstr(errbuf, (s)));          \
    } while (0)
#define OUT_HAS(s)                                     \
    do {                                               \
        if (!strstr(outbuf, (s)))                      \
            print_message("stdout was: %s\n", outbuf); \
        assert_non_null(strstr(outbuf, (s)));          \
    } while (0)

/* --- a run folder as the pipeline leaves it ----------------------------- */

static struct sr_config *make_config(void)
{
    struct sr_config *c = xcalloc(1, sizeof(*c));

    c->path = path_of("p/pipeline.ini");
    c->dir = path_of("p");
    c->name = xstrdup("annual-2026");
    c->period = xstrdup("2026");
    c->period_from = 20260101;
    c->period_to = 20261231;
    c->form = xstrdup(TEMPLATE);
    c->min_base = 30;
    c->min_report = 5;
    c->title = xstrdup("2026年度顾客满意度调查分析报告");
    c->organization = xstrdup("某某通信有限公司");
    c->confidentiality = xstrdup("机密");
    c->prepared_by = xstrdup("客户服务部");
    c->records = true;
    c->out_dir = xstrdup("output/annual-2026");
    c->files = xcalloc(1, sizeof(*c->files));
    c->files[0] = xstrdup("input/*.csv");
    c->nfiles = 1;
    return c;
}

static void add_item(struct sr_model *m, const char *g, const char *gv,
                     const char *id, double mean, long n)
{
    sr_model_add(m, g, gv, id, "mean", mean, n);
    sr_model_add(m, g, gv, id, "sd", 0.1 + 0.2, n); /* not 0.3 */
    sr_model_add(m, g, gv, id, "ci95_low", mean - 1.0 / 3.0, n);
    sr_model_add(m, g, gv, id, "ci95_high", mean + 1.0 / 3.0, n);
    sr_model_add(m, g, gv, id, "median", 4, n);
    sr_model_add(m, g, gv, id, "top2", (mean - 1) / 4 * 0.95, n);
    sr_model_add(m, g, gv, id, "index", (mean - 1) / 4 * 100, n);
}

static struct sr_model *make_model(const struct sr_template *t)
{
    static const char *const types[] = { "一般客户", "特殊客户" };
    static const char *const regions[] = { "=华东", "华北", "华南" };
    struct sr_model *m = sr_model_new(t);
    struct sr_model_group *g;
    size_t i;
    size_t j;

    m->min_base = 25;
    m->has_previous = true;
    m->read = 130;
    m->accepted = 118;
    m->refused = 9;
    m->out_of_period = 3;
    sr_model_add(m, "all", "", "forms", "read", 130, -1);
    sr_model_add(m, "all", "", "forms", "accepted", 118, -1);
    sr_model_add(m, "all", "", "forms", "refused", 9, -1);
    sr_model_add(m, "all", "", "forms", "out_of_period", 3, -1);
    for (i = 0; i < t->nitems; i++)
        add_item(m, "all", "", t->items[i].id, 3.1 + 0.123456789 * (double)i,
                 117 - (long)i);
    for (i = 0; i < t->ndims; i++) {
        sr_model_add(m, "all", "", t->dims[i].id, "index", 70 + 1e-9 * i, 118);
        sr_model_add(m, "all", "", t->dims[i].id, "gap", -4.25, -1);
        sr_model_add(m, "all", "", t->dims[i].id, "prev_index", 68.5, -1);
        sr_model_add(m, "all", "", t->dims[i].id, "delta", 1.5, -1);
    }
    sr_model_add(m, "all", "", "CSI", "index", 78.64490000000001, 118);
    sr_model_add(m, "all", "", "NPS", "index", -12.5, 112);
    sr_model_add(m, "all", "", "plan=1", "share", 1e-300, 100);
    g = sr_model_add_group(m, "customer_type", "客户类别");
    for (i = 0; i < 2; i++) {
        sr_model_group_value(m, g, types[i], 59);
        sr_model_add(m, "customer_type", types[i], "forms", "count", 59, -1);
        for (j = 0; j < t->ndims; j++)
            sr_model_add(m, "customer_type", types[i], t->dims[j].id, "index",
                         60 + 10 * (double)i + (double)j, 59);
    }
    g = sr_model_add_group(m, "region", "区域");
    for (i = 0; i < 3; i++) {
        sr_model_group_value(m, g, regions[i], 30 + (long)i);
        sr_model_add(m, "region", regions[i], "forms", "count", 30 + (int)i,
                     -1);
    }
    g = sr_model_add_group(m, "category", "意见类别");
    g->kind = SR_GROUP_CATEGORY;
    sr_model_group_value(m, g, "价格", 12);
    sr_model_add_category(m, "价格", "服务质量不符合", true);
    sr_model_add_category(m, "表扬", NULL, false);
    sr_model_add(m, "category", "", "价格", "count", 12, -1);
    sr_model_add_source(m, "input/a.csv", 100, 90, 8, 2);
    sr_model_add_source(m, "input/b,c.csv", 30, 28, 1, 1);
    return m;
}

static void make_ri(struct sr_run_info *ri, const struct sr_config *c)
{
    memset(ri, 0, sizeof(*ri));
    ri->cfg = c;
    ri->epoch = EPOCH;
    snprintf(ri->date, sizeof(ri->date), "2026-01-01");
    ri->version = "0.1.0";
    ri->font_path = FONT;
}

/* The run folder <dir>/output/annual-2026 with its sources in <dir>. */
static void make_run_folder(void)
{
    struct sr_template *t;
    struct sr_config *c;
    struct sr_model *m;
    struct sr_run_info ri;
    struct sr_manifest_inputs mi;
    struct sr_diag d;
    char *p;
    char *pipe = path_of("p/pipeline.ini");
    char *in = path_of("input/a.csv");
    const char *inputs[1] = { in };

    sr_diag_clear(&d);
    p = path_of("p");
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    p = path_of("input");
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    p = path_of("output");
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    assert_int_equal(mkdir(run_dir, 0777), 0);
    put("p/pipeline.ini", "[pipeline]\nperiod = 2026\n[input]\nform = x.xml\n"
                          "files = ../input/*.csv\n"
                          "[approval]\ndocument_no = KF-{period}-01\n"
                          "distribute = 销售部, 客户服务部\n");
    put("input/a.csv", "form_id,customer_id,survey_date,Q1\n");

    assert_int_equal(sr_template_load(TEMPLATE, &t, &d), SR_OK);
    c = make_config();
    m = make_model(t);
    make_ri(&ri, c);
    p = path_of("output/annual-2026/stats.csv");
    assert_int_equal(sr_render_stats_csv(p, m, &d), SR_OK);
    free(p);
    p = path_of("output/annual-2026/report.pdf");
    if (sr_render_pdf(p, m, &ri, &d) != SR_OK)
        print_message("render: %s\n", d.msg);
    assert_int_equal(d.code, SR_OK);
    free(p);
    assert_int_equal(sr_facts_write(run_dir, m, &ri, &d), SR_OK);
    put("output/annual-2026/run.log", "info: a run\n");
    put("output/annual-2026/rejects.csv", "file,line,form_id,field,reason\n");

    memset(&mi, 0, sizeof(mi));
    mi.version = "0.1.0";
    mi.epoch = EPOCH;
    mi.pipeline = pipe;
    mi.form = TEMPLATE;
    mi.inputs = inputs;
    mi.ninputs = 1;
    assert_int_equal(sr_manifest_write(run_dir, &mi, &d), SR_OK);
    sr_model_free(m);
    sr_config_free(c);
    sr_template_free(t);
    free(pipe);
    free(in);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/test_govern_flow.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    run_dir = path_of("output/annual-2026");
    setenv("SOURCE_DATE_EPOCH", "1767312000", 1); /* 2026-01-02 */
    setenv("TZ", "Asia/Shanghai", 1);
    setenv("SATREPORT_FONT", FONT, 1);
    make_run_folder();
    return 0;
}

static int teardown(void **state)
{
    char cmd_line[128];

    (void)state;
    free(run_dir);
    if (getenv("SR_GOVERN_KEEP")) {
        print_message("kept %s\n", dir);
        return 0;
    }
    snprintf(cmd_line, sizeof(cmd_line), "rm -rf '%s'", dir);
    return system(cmd_line) == 0 ? 0 : -1;
}

/* --- the model read back ---------------------------------------------- */

static void test_model_roundtrip(void **state)
{
    struct sr_template *t;
    struct sr_facts *f;
    struct sr_model *m;
    struct sr_model *back;
    char *stats = path_of("output/annual-2026/stats.csv");
    struct sr_diag d;
    size_t i;
    size_t k;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(TEMPLATE, &t, &d), SR_OK);
    m = make_model(t);
    assert_int_equal(sr_facts_load(run_dir, &f, &d), SR_OK);
    assert_string_equal(f->cfg->title, "2026年度顾客满意度调查分析报告");
    assert_string_equal(f->cfg->files[0], "input/*.csv");
    assert_int_equal(f->cfg->period_to, 20261231);
    assert_int_equal(f->epoch, EPOCH);
    assert_int_equal(sr_model_read_csv(stats, t, f, &back, &d), SR_OK);

    assert_int_equal(back->nrows, m->nrows);
    for (i = 0; i < m->nrows; i++) {
        const struct sr_figure *a = &m->rows[i];
        const struct sr_figure *b = &back->rows[i];

        assert_string_equal(a->group, b->group);
        assert_string_equal(a->group_value, b->group_value);
        assert_string_equal(a->subject, b->subject);
        assert_string_equal(a->metric, b->metric);
        assert_memory_equal(&a->value, &b->value, sizeof(double));
        assert_int_equal(a->n, b->n);
    }
    assert_int_equal(back->read, 130);
    assert_int_equal(back->out_of_period, 3);
    assert_int_equal(back->min_base, 25);
    assert_true(back->has_previous);
    assert_int_equal(back->ngroups, m->ngroups);
    for (i = 0; i < m->ngroups; i++) {
        assert_string_equal(back->groups[i].field_id, m->groups[i].field_id);
        assert_string_equal(back->groups[i].label, m->groups[i].label);
        assert_int_equal(back->groups[i].kind, m->groups[i].kind);
        assert_int_equal(back->groups[i].nvalues, m->groups[i].nvalues);
        for (k = 0; k < m->groups[i].nvalues; k++) {
            assert_string_equal(back->groups[i].values[k],
                                m->groups[i].values[k]);
            assert_int_equal(back->groups[i].forms[k], m->groups[i].forms[k]);
        }
    }
    assert_int_equal(back->nsources, 2);
    assert_string_equal(back->sources[1].file, "input/b,c.csv");
    assert_int_equal(back->sources[0].refused, 8);
    assert_int_equal(back->ncategories, 2);
    assert_string_equal(back->categories[0].kind, "服务质量不符合");
    assert_true(back->categories[0].complaint);
    assert_null(back->categories[1].kind);

    /* the same figures render the same report, byte for byte */
    {
        struct sr_run_info ri;
        char *again = path_of("again.pdf");
        char a[SR_SHA256_HEX + 1];
        char b[SR_SHA256_HEX + 1];

        make_ri(&ri, f->cfg);
        assert_int_equal(sr_render_pdf(again, back, &ri, &d), SR_OK);
        sha_of("again.pdf", a);
        sha_of("output/annual-2026/report.pdf", b);
        assert_string_equal(a, b);
        free(again);
    }
    sr_model_free(back);
    /* without run facts: the template's segments with forms,count rows */
    assert_int_equal(sr_model_read_csv(stats, t, NULL, &back, &d), SR_OK);
    assert_int_equal(back->ngroups, 2);
    assert_string_equal(back->groups[1].values[0], "=华东");
    assert_true(back->has_previous);
    assert_int_equal(back->nsources, 0);
    sr_model_free(back);
    sr_model_free(m);
    sr_facts_free(f);
    sr_template_free(t);
    free(stats);
}

static void test_model_bad_csv(void **state)
{
    struct sr_template *t;
    struct sr_model *m = NULL;
    char *p = path_of("bad.csv");
    struct sr_diag d;

    (void)state;
    sr_diag_clear(&d);
    assert_int_equal(sr_template_load(TEMPLATE, &t, &d), SR_OK);
    put("bad.csv", "\xEF\xBB\xBFgroup,group_value,subject,metric,value,n\n"
                   "all,,Q1,mean,4.5,10\nall,,Q1,sd,lots,10\n");
    assert_int_equal(sr_model_read_csv(p, t, NULL, &m, &d), SR_ERR_PARSE);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.msg, "value 'lots' is not a number"));
    put("bad.csv", "a,b,c\n");
    assert_int_equal(sr_model_read_csv(p, t, NULL, &m, &d), SR_ERR_PARSE);
    put("bad.csv", "group,group_value,subject,metric,value,count\n");
    assert_int_equal(sr_model_read_csv(p, t, NULL, &m, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "not a stats.csv header"));
    assert_null(m);
    sr_template_free(t);
    free(p);
}

/* --- the commands ------------------------------------------------------ */

static struct sr_govern_opts by(const char *name)
{
    struct sr_govern_opts o;

    memset(&o, 0, sizeof(o));
    o.by = name;
    return o;
}

static void test_verify_intact(void **state)
{
    struct sr_govern_opts o;

    (void)state;
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    OUT_HAS("intact: 5 files and 3 sources match the manifest; not "
            "submitted");
    o.quiet = true;
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    assert_string_equal(outbuf, "");
}

static void test_verify_finds_changes(void **state)
{
    struct sr_govern_opts o;
    char *p;

    (void)state;
    memset(&o, 0, sizeof(o));
    append_to("output/annual-2026/stats.csv", "all,,x,mean,1,1\n");
    put("output/annual-2026/extra.txt", "x");
    p = path_of("output/annual-2026/rejects.csv");
    unlink(p);
    free(p);
    append_to("input/a.csv", "F1,KH000001,2026-01-01,5\n");
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_DIFFERS);
    OUT_HAS("differs");
    OUT_HAS("changed    stats.csv");
    OUT_HAS("added      extra.txt");
    OUT_HAS("missing    rejects.csv");
    OUT_HAS("changed    input ../../input/a.csv");
    o.no_sources = true;
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_DIFFERS);
    assert_null(strstr(outbuf, "input"));
}

static void test_verify_not_a_run(void **state)
{
    struct sr_govern_opts o;
    char *saved = run_dir;

    (void)state;
    memset(&o, 0, sizeof(o));
    run_dir = path_of("input");
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_USAGE);
    ERR_HAS("is not a run folder (it has no manifest.txt)");
    free(run_dir);
    run_dir = path_of("nothere");
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_USAGE);
    ERR_HAS("is not a run folder");
    free(run_dir);
    run_dir = saved;
}

static void test_submit_approve(void **state)
{
    struct sr_govern_opts o;
    struct sr_approval_log *log;
    char draft[SR_SHA256_HEX + 1];
    char now[SR_SHA256_HEX + 1];
    char *text;

    (void)state;
    sha_of("output/annual-2026/report.pdf", draft);
    /* the order of things */
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_STATE);
    ERR_HAS("has not been submitted (satreport submit first)");
    o = by("王五");
    o.comment = "不行";
    assert_int_equal(cmd(sr_govern_reject, o), SR_GOV_STATE);
    ERR_HAS("nothing is awaiting a decision");
    assert_int_equal(cmd(sr_govern_submit, by(NULL)), SR_GOV_USAGE);
    ERR_HAS("submit needs --by NAME");
    o = by("张三");
    o.comment = "请审批";
    assert_int_equal(cmd(sr_govern_submit, o), SR_GOV_OK);
    OUT_HAS("submitted by 张三 (客户服务部经理) on 2026-01-02");
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_STATE);
    ERR_HAS("already submitted by 张三");
    o = by("王五");
    o.draft = true;
    assert_int_equal(cmd(sr_govern_distribute, by("李四")), SR_GOV_STATE);
    ERR_HAS("it is not approved");

    /* an input changed since submission: refused, with the reason */
    append_to("input/a.csv", "F1,KH000001,2026-01-01,5\n");
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_DIFFERS);
    ERR_HAS("cannot approve");
    ERR_HAS("changed    input ../../input/a.csv");
    put("input/a.csv", "form_id,customer_id,survey_date,Q1\n");

    /* a changed report is refused too */
    {
        char *p = path_of("output/annual-2026/report.pdf");
        struct sr_buf keep = SR_BUF_INIT;

        assert_int_equal(sr_file_read(p, &keep, NULL), SR_OK);
        append_to("output/annual-2026/report.pdf", "%% edited\n");
        assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_DIFFERS);
        ERR_HAS("changed    report.pdf");
        assert_int_equal(sr_file_replace(p, keep.buf, keep.len, NULL), SR_OK);
        sr_buf_release(&keep);
        free(p);
    }

    o = by("王五");
    o.comment = "同意发布";
    assert_int_equal(cmd(sr_govern_approve, o), SR_GOV_OK);
    OUT_HAS("approved by 王五 (总经理) on 2026-01-02; report.pdf rendered as "
            "已批准");
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_STATE);
    ERR_HAS("already approved by 王五 (总经理) on 2026-01-02");

    /* the log records both reports; the manifest has the new one */
    sha_of("output/annual-2026/report.pdf", now);
    assert_int_equal(sr_approval_load(run_dir, &log, NULL), SR_OK);
    assert_int_equal(log->n, 2);
    assert_string_equal(log->e[1].report, draft);
    assert_string_equal(log->e[1].approved, now);
    assert_string_equal(log->e[1].document_no, "KF-2026-01");
    assert_string_equal(log->e[1].comment, "同意发布");
    sr_approval_free(log);
    text = slurp("output/annual-2026/manifest.txt");
    assert_non_null(strstr(text, now));
    free(text);
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    OUT_HAS("approved by 王五 (总经理) on 2026-01-02; 2 log entries");
    assert_false(exists("output/annual-2026/report.pdf.new-0"));
}

static void test_reject_resubmit(void **state)
{
    struct sr_govern_opts o;

    (void)state;
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    assert_int_equal(cmd(sr_govern_reject, by("王五")), SR_GOV_USAGE);
    ERR_HAS("reject needs --comment TEXT");
    o = by("王五");
    o.comment = "区域数据不全";
    o.role = "副总经理";
    assert_int_equal(cmd(sr_govern_reject, o), SR_GOV_OK);
    OUT_HAS("rejected by 王五 (副总经理)");
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_STATE);
    ERR_HAS("it was rejected by 王五 (副总经理) on 2026-01-02 (submit it "
            "again first)");
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_OK);
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    OUT_HAS("4 log entries");
}

static void test_distribute(void **state)
{
    struct sr_govern_opts o;
    struct sr_register reg;
    char sha[SR_SHA256_HEX + 1];

    (void)state;
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_OK);
    /* the pipeline's list */
    assert_int_equal(cmd(sr_govern_distribute, by("李四")), SR_GOV_OK);
    OUT_HAS("2 copies of the approved report");
    OUT_HAS("第 1 份  销售部  distribution/01-销售部.pdf");
    OUT_HAS("第 2 份  客户服务部  distribution/02-客户服务部.pdf");
    assert_true(exists("output/annual-2026/distribution/01-销售部.pdf"));
    /* a recipient again: refused unless --again */
    o = by("李四");
    o.to = "市场部，销售部";
    assert_int_equal(cmd(sr_govern_distribute, o), SR_GOV_STATE);
    ERR_HAS("'销售部' already has copy 1");
    assert_false(exists("output/annual-2026/distribution/03-市场部.pdf"));
    o.again = true;
    assert_int_equal(cmd(sr_govern_distribute, o), SR_GOV_OK);
    OUT_HAS("第 4 份  销售部");
    o.to = "财务部, 财务部";
    assert_int_equal(cmd(sr_govern_distribute, o), SR_GOV_USAGE);
    ERR_HAS("named twice");

    assert_int_equal(sr_register_load(run_dir, &reg, NULL), SR_OK);
    assert_int_equal(reg.n, 4);
    assert_int_equal(reg.c[3].copy_no, 4);
    assert_string_equal(reg.c[2].recipient, "市场部");
    assert_string_equal(reg.c[2].status, "已批准");
    assert_string_equal(reg.c[2].time, "2026-01-02T08:00:00+08:00");
    sha_of("output/annual-2026/distribution/03-市场部.pdf", sha);
    assert_string_equal(reg.c[2].sha, sha);
    sr_register_release(&reg);
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    OUT_HAS("intact: 11 files"); /* with distribution.xlsx */

    /* a copy swapped for another */
    {
        char *a = path_of("output/annual-2026/distribution/01-销售部.pdf");
        char *b = path_of("output/annual-2026/distribution/03-市场部.pdf");

        assert_int_equal(rename(b, a), 0);
        free(a);
        free(b);
    }
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_DIFFERS);
    OUT_HAS("changed    distribution/01-销售部.pdf");
    OUT_HAS("missing    distribution/03-市场部.pdf");
    OUT_HAS("distribution.csv:2: copy 1 (销售部) is not the copy registered");
}

static void test_distribute_draft(void **state)
{
    struct sr_govern_opts o;
    struct sr_register reg;

    (void)state;
    o = by("李四");
    o.to = "审计部";
    assert_int_equal(cmd(sr_govern_distribute, o), SR_GOV_STATE);
    ERR_HAS("--draft distributes the draft");
    o.draft = true;
    assert_int_equal(cmd(sr_govern_distribute, o), SR_GOV_OK);
    OUT_HAS("1 copy of the draft report");
    assert_int_equal(sr_register_load(run_dir, &reg, NULL), SR_OK);
    assert_string_equal(reg.c[0].status, "送审稿");
    sr_register_release(&reg);
}

/* editing the manifest to match an edited output is found by the log */
static void test_manifest_laundering(void **state)
{
    struct sr_govern_opts o;
    struct sr_manifest *m;
    char sha[SR_SHA256_HEX + 1];

    (void)state;
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    append_to("output/annual-2026/stats.csv", "all,,CSI,index,99,1\n");
    sha_of("output/annual-2026/stats.csv", sha);
    assert_int_equal(sr_manifest_load(run_dir, &m, NULL), SR_OK);
    sr_manifest_set(m, "output", "stats.csv", sha);
    assert_int_equal(sr_manifest_save(run_dir, m, NULL), SR_OK);
    sr_manifest_free(m);
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_DIFFERS);
    OUT_HAS("manifest.txt is not the one entry 1 recorded");
    assert_int_equal(cmd(sr_govern_approve, by("王五")), SR_GOV_DIFFERS);
    o = by("王五");
    o.comment = "x";
    assert_int_equal(cmd(sr_govern_reject, o), SR_GOV_DIFFERS);
    ERR_HAS("its approval log is broken");
}

static void test_locked(void **state)
{
    struct sr_buf lock = SR_BUF_INIT;
    char *real = realpath(run_dir, NULL);
    struct sr_govern_opts o;
    int fd;

    (void)state;
    sr_buf_addf(&lock, "%s.lock", real);
    fd = open(lock.buf, O_RDWR | O_CREAT, 0666);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_LOCKED);
    ERR_HAS("another run or command holds the lock");
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_LOCKED);
    close(fd);
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    sr_buf_release(&lock);
    free(real);
}

static void test_signed(void **state)
{
    struct sr_govern_opts o;
    struct sr_manifest *m;
    char sha[SR_SHA256_HEX + 1];
    char *kz = path_of("zhang.key");
    char *kw = path_of("wang.key");
    char *pz;
    char *pw;
    struct sr_buf ring = SR_BUF_INIT;

    (void)state;
    if (!sr_sign_available()) {
        free(kz);
        free(kw);
        skip();
    }
    o = by("张三");
    o.quiet = true;
    assert_int_equal(sr_govern_keygen(kz, &o), SR_GOV_OK);
    o = by("王五");
    o.quiet = true;
    assert_int_equal(sr_govern_keygen(kw, &o), SR_GOV_OK);
    o.err = fopen("/dev/null", "w");
    assert_int_equal(sr_govern_keygen(kw, &o), SR_GOV_WRITE);
    fclose(o.err);
    pz = slurp("zhang.key.pub");
    pw = slurp("wang.key.pub");
    sr_buf_addf(&ring, "# who may sign\n%s%s", pz, pw);
    put("p/approvers.pub", ring.buf);
    /* a run made with a pipeline that asks for signatures ([approval] is
     * the pipeline's last section) */
    append_to("p/pipeline.ini", "public_keys = approvers.pub\n"
                                "require_signature = yes\n");
    sha_of("p/pipeline.ini", sha);
    assert_int_equal(sr_manifest_load(run_dir, &m, NULL), SR_OK);
    sr_manifest_set(m, "pipeline", sr_manifest_find(m, "pipeline", NULL)->path,
                    sha);
    assert_int_equal(sr_manifest_save(run_dir, m, NULL), SR_OK);
    sr_manifest_free(m);

    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_USAGE);
    ERR_HAS("require_signature = yes but there is no key");
    o = by("张三");
    o.key = kw;
    assert_int_equal(cmd(sr_govern_submit, o), SR_GOV_USAGE);
    ERR_HAS("is 王五's, not 张三's");
    o.key = kz;
    assert_int_equal(cmd(sr_govern_submit, o), SR_GOV_OK);
    OUT_HAS(", signed");
    o = by("王五");
    o.key = kw;
    assert_int_equal(cmd(sr_govern_approve, o), SR_GOV_OK);
    memset(&o, 0, sizeof(o));
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_OK);
    OUT_HAS("2 log entries, 2 signed");
    /* a key that is not in the keyring */
    put("p/approvers.pub", pz);
    sha_of("p/pipeline.ini", sha);
    assert_int_equal(cmd(sr_govern_verify, o), SR_GOV_DIFFERS);
    OUT_HAS("entry 2 is signed by a key that is not trusted");
    sr_buf_release(&ring);
    free(pz);
    free(pw);
    free(kz);
    free(kw);
}

/* a run folder from before runinfo.txt: the pipeline gives the texts */
static void test_without_runinfo(void **state)
{
    char *text = slurp("output/annual-2026/manifest.txt");
    char *p = path_of("output/annual-2026/runinfo.txt");
    struct sr_buf b = SR_BUF_INIT;
    char *start;
    char *end;

    (void)state;
    end = strstr(text, "\truninfo.txt\n");
    assert_non_null(end);
    start = end;
    while (start > text && start[-1] != '\n')
        start--;
    sr_buf_add(&b, text, (size_t)(start - text));
    sr_buf_addstr(&b, end + strlen("\truninfo.txt\n"));
    put("output/annual-2026/manifest.txt", b.buf);
    unlink(p);
    assert_int_equal(cmd(sr_govern_submit, by("张三")), SR_GOV_OK);
    if (cmd(sr_govern_approve, by("王五")) != SR_GOV_OK)
        print_message("approve: %s\n", errbuf);
    OUT_HAS("approved by 王五");
    assert_int_equal(cmd(sr_govern_verify, by(NULL)), SR_GOV_OK);
    sr_buf_release(&b);
    free(text);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_model_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_bad_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_intact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_finds_changes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_verify_not_a_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_approve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reject_resubmit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_distribute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_distribute_draft, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manifest_laundering, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_runinfo, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
