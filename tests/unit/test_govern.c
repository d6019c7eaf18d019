/* SPDX-License-Identifier: MIT */
/*
 * test_govern.c - unit tests of src/govern's parts: record lines, SHA-256,
 * the manifest, the approval log (chain, states, tampering), signatures
 * and keyrings, [approval] settings, the distribution register
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/buf.h"
#include "../../src/core/mem.h"
#include "../../src/govern/approval.h"
#include "../../src/govern/distribute.h"
#include "../../src/govern/hash.h"
#include "../../src/govern/manifest.h"
#include "../../src/govern/record.h"
#include "../../src/govern/settings.h"
#include "../../src/govern/sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s", "/tmp/test_govern.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

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

static char *slurp(const char *name)
{
    struct sr_buf b = SR_BUF_INIT;
    char *p = path_of(name);

    assert_int_equal(sr_file_read(p, &b, NULL), SR_OK);
    free(p);
    return sr_buf_detach(&b);
}

/* --- record lines ------------------------------------------------------ */

static void test_record_roundtrip(void **state)
{
    static const char *const in[] = {
        "plain", "tab\there", "line\nbreak\r", "back\\slash", "", "中文 名字"
    };
    struct sr_buf b = SR_BUF_INIT;
    char *f[8];
    size_t n;
    size_t i;

    (void)state;
    for (i = 0; i < 6; i++) {
        if (i)
            sr_buf_addch(&b, '\t');
        sr_record_escape(&b, in[i]);
    }
    assert_null(strchr(b.buf, '\n'));
    assert_true(sr_record_split(b.buf, f, 8, &n));
    assert_int_equal(n, 6);
    for (i = 0; i < 6; i++)
        assert_string_equal(f[i], in[i]);
    sr_buf_release(&b);
}

static void test_record_bad_escape(void **state)
{
    char line[] = "a\\xb\tc";
    char *f[4];
    size_t n;

    (void)state;
    assert_false(sr_record_split(line, f, 4, &n));
    assert_int_equal(n, 2);
}

static void test_file_replace(void **state)
{
    char *p = path_of("f.txt");
    char *text;
    struct sr_diag d;

    (void)state;
    assert_int_equal(sr_file_replace(p, "one", 3, NULL), SR_OK);
    assert_int_equal(sr_file_replace(p, "two\n", 4, NULL), SR_OK);
    text = slurp("f.txt");
    assert_string_equal(text, "two\n");
    free(text);
    assert_true(sr_file_exists(p));
    free(p);
    sr_diag_clear(&d);
    assert_int_equal(sr_file_replace("/nonexistent/x", "a", 1, &d),
                     SR_ERR_WRITE);
    assert_non_null(strstr(d.msg, "cannot create"));
}

/* --- SHA-256 ---------------------------------------------------------- */

static void test_sha256(void **state)
{
    char hex[SR_SHA256_HEX + 1];
    char *p;
    struct sr_diag d;

    (void)state;
    /* FIPS 180-2 test vector */
    assert_true(sr_sha256_mem("abc", 3, hex));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9c"
                             "b410ff61f20015ad");
    assert_true(sr_sha256_is_hex(hex));
    put("abc.txt", "abc");
    p = path_of("abc.txt");
    assert_int_equal(sr_sha256_file(p, hex, NULL), SR_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9c"
                             "b410ff61f20015ad");
    free(p);
    sr_diag_clear(&d);
    assert_int_equal(sr_sha256_file("/nonexistent", hex, &d), SR_ERR_IO);
    assert_string_equal(hex, "");
    assert_non_null(strstr(d.msg, "cannot read '/nonexistent'"));
    assert_false(sr_sha256_is_hex("ABC"));
    assert_false(sr_sha256_is_hex("ba7816bf8f01cfea414140de5dae2223b00361a396"
                                  "177a9cb410ff61f20015aD"));
}

/* --- manifest ---------------------------------------------------------- */

/* a run folder "run" with outputs, and sources beside it */
static void make_run(void)
{
    char *p = path_of("run");

    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    p = path_of("run/sub");
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    p = path_of("in");
    assert_int_equal(mkdir(p, 0777), 0);
    free(p);
    put("run/report.pdf", "%PDF-1.4 draft\n");
    put("run/stats.csv", "group,group_value\n");
    put("run/sub/deep.txt", "deep\n");
    put("run/approval.log", "not listed\n");
    put("in/a.csv", "form_id\nF1\n");
    put("in/b.csv", "form_id\nF2\n");
    put("p.ini", "[input]\n");
    put("form.xml", "<survey/>\n");
}

static void write_manifest(void)
{
    char *run = path_of("run");
    char *a = path_of("in/a.csv");
    char *b = path_of("in/b.csv");
    char *pi = path_of("p.ini");
    char *fx = path_of("form.xml");
    const char *inputs[2] = { b, a };
    struct sr_manifest_inputs mi;
    struct sr_diag d;

    memset(&mi, 0, sizeof(mi));
    mi.version = "9.9";
    mi.epoch = 1767225600;
    mi.pipeline = pi;
    mi.form = fx;
    mi.inputs = inputs;
    mi.ninputs = 2;
    sr_diag_clear(&d);
    assert_int_equal(sr_manifest_write(run, &mi, &d), SR_OK);
    free(run);
    free(a);
    free(b);
    free(pi);
    free(fx);
}

static void test_manifest_write_load(void **state)
{
    struct sr_manifest *m;
    char *run;
    char *text;
    char hex[SR_SHA256_HEX + 1];

    (void)state;
    make_run();
    write_manifest();
    text = slurp("run/manifest.txt");
    /* sorted by role, then path; sources relative to the run folder */
    assert_non_null(strstr(text, "tool\tsatreport 9.9\ncreated\t"
                                 "2026-01-01T00:00:00Z\npipeline\t"));
    assert_non_null(strstr(text, "\t../p.ini\nform\t"));
    assert_non_null(strstr(text, "\t../form.xml\ninput\t"));
    assert_non_null(strstr(text, "\t../in/a.csv\ninput\t"));
    assert_non_null(strstr(text, "\t../in/b.csv\noutput\t"));
    assert_non_null(strstr(text, "\treport.pdf\noutput\t"));
    assert_non_null(strstr(text, "\tstats.csv\noutput\t"));
    assert_non_null(strstr(text, "\tsub/deep.txt\n"));
    assert_null(strstr(text, "approval.log"));
    assert_null(strstr(text, "manifest.txt"));
    free(text);

    run = path_of("run");
    assert_int_equal(sr_manifest_load(run, &m, NULL), SR_OK);
    assert_string_equal(m->tool, "satreport 9.9");
    assert_int_equal(m->n, 8); /* 7 files, and the run's own report */
    assert_string_equal(sr_manifest_find(m, "draft", "report.pdf")->sha,
                        sr_manifest_find(m, "output", "report.pdf")->sha);
    assert_non_null(sr_manifest_find(m, "output", "report.pdf"));
    assert_non_null(sr_manifest_find(m, "input", NULL));
    assert_null(sr_manifest_find(m, "output", "nothere"));
    sr_sha256_mem("%PDF-1.4 draft\n", 15, hex);
    assert_string_equal(sr_manifest_find(m, "output", "report.pdf")->sha, hex);
    sr_manifest_free(m);
    free(run);
    sr_manifest_free(NULL);
}

static bool has_change(const struct sr_manifest_diff *df, enum sr_change_kind k,
                       const char *role, const char *path)
{
    size_t i;

    for (i = 0; i < df->n; i++)
        if (df->items[i].kind == k && !strcmp(df->items[i].role, role) &&
            !strcmp(df->items[i].path, path))
            return true;
    return false;
}

static void test_manifest_check(void **state)
{
    struct sr_manifest *m;
    struct sr_manifest_diff df;
    char *run;
    char *p;

    (void)state;
    make_run();
    write_manifest();
    run = path_of("run");
    assert_int_equal(sr_manifest_load(run, &m, NULL), SR_OK);
    assert_int_equal(sr_manifest_check(run, m, SR_CHECK_ALL, &df, NULL), SR_OK);
    assert_int_equal(df.n, 0);
    sr_manifest_diff_release(&df);

    put("run/stats.csv", "group,group_value\nx\n"); /* changed */
    p = path_of("run/sub/deep.txt");
    unlink(p); /* missing */
    free(p);
    put("run/notes.txt", "hello\n");   /* added */
    put("run/approval.log", "more\n"); /* not listed: no change */
    put("in/a.csv", "form_id\nF9\n");  /* a source changed */
    assert_int_equal(sr_manifest_check(run, m, SR_CHECK_ALL, &df, NULL), SR_OK);
    assert_int_equal(df.n, 4);
    assert_true(has_change(&df, SR_CHANGE_CHANGED, "output", "stats.csv"));
    assert_true(has_change(&df, SR_CHANGE_MISSING, "output", "sub/deep.txt"));
    assert_true(has_change(&df, SR_CHANGE_ADDED, "output", "notes.txt"));
    assert_true(has_change(&df, SR_CHANGE_CHANGED, "input", "../in/a.csv"));
    sr_manifest_diff_release(&df);
    /* outputs only */
    assert_int_equal(sr_manifest_check(run, m, SR_CHECK_OUTPUTS, &df, NULL),
                     SR_OK);
    assert_int_equal(df.n, 3);
    sr_manifest_diff_release(&df);
    assert_string_equal(sr_change_name(SR_CHANGE_ADDED), "added");
    sr_manifest_free(m);
    free(run);
}

static void test_manifest_set_save(void **state)
{
    struct sr_manifest *m;
    struct sr_manifest *m2;
    char *run;
    static const char sha[] = "00112233445566778899aabbccddeeff"
                              "00112233445566778899aabbccddeeff";

    (void)state;
    make_run();
    write_manifest();
    run = path_of("run");
    assert_int_equal(sr_manifest_load(run, &m, NULL), SR_OK);
    sr_manifest_set(m, "output", "distribution/01-销售部.pdf", sha);
    sr_manifest_set(m, "output", "report.pdf", sha);
    assert_int_equal(m->n, 9);
    assert_int_equal(sr_manifest_save(run, m, NULL), SR_OK);
    assert_int_equal(sr_manifest_load(run, &m2, NULL), SR_OK);
    assert_int_equal(m2->n, 9);
    assert_string_equal(sr_manifest_find(m2, "output", "report.pdf")->sha, sha);
    /* sorted: distribution/ before report.pdf among outputs */
    assert_string_equal(m2->entries[4].path, "distribution/01-销售部.pdf");
    sr_manifest_free(m2);
    sr_manifest_free(m);
    free(run);
}

static void test_manifest_bad(void **state)
{
    struct sr_manifest *m = NULL;
    struct sr_diag d;
    char *run;

    (void)state;
    make_run();
    run = path_of("run");
    sr_diag_clear(&d);
    assert_int_equal(sr_manifest_load(run, &m, &d), SR_ERR_IO);
    put("run/manifest.txt", "tool\tsatreport 1\noutput\tnothex\tx\n");
    assert_int_equal(sr_manifest_load(run, &m, &d), SR_ERR_PARSE);
    assert_int_equal(d.line, 2);
    assert_non_null(strstr(d.msg, "malformed manifest line"));
    put("run/manifest.txt", "created\tx\n");
    assert_int_equal(sr_manifest_load(run, &m, &d), SR_ERR_PARSE);
    assert_non_null(strstr(d.msg, "no 'tool' line"));
    assert_null(m);
    free(run);
}

/* --- approval log ------------------------------------------------------ */

static const char REP1[] =
    "1111111111111111111111111111111111111111111111111111"
    "111111111111";
static const char REP2[] =
    "2222222222222222222222222222222222222222222222222222"
    "222222222222";
static const char MAN1[] =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaa";
static const char MAN2[] =
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    "bbbbbbbbbbbb";

static void append(struct sr_approval_log *log, enum sr_action a,
                   const char *by, const char *comment, const char *report,
                   const char *approved, const char *manifest,
                   const struct sr_sign_key *key)
{
    struct sr_approval_new e;
    char *run = path_of("run");

    memset(&e, 0, sizeof(e));
    e.action = a;
    e.time = "2026-01-05T09:30:00+08:00";
    e.by = by;
    e.role = a == SR_ACT_SUBMIT ? "客户服务部经理" : "总经理";
    e.comment = comment;
    e.report = report;
    e.approved = approved;
    e.manifest = manifest;
    assert_int_equal(sr_approval_append(run, log, &e, key, NULL), SR_OK);
    free(run);
}

static struct sr_approval_log *load_log(void)
{
    struct sr_approval_log *log;
    char *run = path_of("run");

    assert_int_equal(sr_approval_load(run, &log, NULL), SR_OK);
    free(run);
    return log;
}

static size_t count_problems(const struct sr_approval_log *log,
                             const char *manifest, const char *want)
{
    struct sr_approval_trust t = { NULL, false, manifest };
    struct sr_approval_problems pr;
    size_t n;
    size_t i;
    bool found = !want;

    sr_approval_check(log, &t, &pr);
    n = pr.n;
    for (i = 0; i < pr.n; i++)
        if (want && strstr(pr.p[i].msg, want))
            found = true;
    if (!found)
        for (i = 0; i < pr.n; i++)
            print_message("problem: %s\n", pr.p[i].msg);
    assert_true(found);
    sr_approval_problems_release(&pr);
    return n;
}

static void test_approval_flow(void **state)
{
    struct sr_approval_log *log;
    char *text;

    (void)state;
    make_run();
    {
        char *p = path_of("run/approval.log");

        unlink(p);
        free(p);
    }
    log = load_log();
    assert_int_equal(log->n, 0);
    assert_int_equal(sr_approval_state(log), SR_STATE_DRAFT);
    append(log, SR_ACT_SUBMIT, "张三", "请审批\t(第一稿)", REP1, NULL, MAN1,
           NULL);
    assert_int_equal(sr_approval_state(log), SR_STATE_SUBMITTED);
    append(log, SR_ACT_REJECT, "王五", "数据不全", REP1, NULL, MAN1, NULL);
    assert_int_equal(sr_approval_state(log), SR_STATE_REJECTED);
    append(log, SR_ACT_SUBMIT, "张三", "", REP1, NULL, MAN1, NULL);
    append(log, SR_ACT_APPROVE, "王五", "同意", REP1, REP2, MAN2, NULL);
    assert_int_equal(sr_approval_state(log), SR_STATE_APPROVED);
    assert_string_equal(sr_approval_last(log, SR_ACT_APPROVE)->approved, REP2);
    assert_int_equal(count_problems(log, MAN2, NULL), 0);
    sr_approval_free(log);

    /* read back: the same entries, intact */
    log = load_log();
    assert_int_equal(log->n, 4);
    assert_string_equal(log->e[0].comment, "请审批\t(第一稿)");
    assert_string_equal(log->e[1].by, "王五");
    assert_int_equal(log->e[3].action, SR_ACT_APPROVE);
    assert_string_equal(log->e[3].prev, log->e[2].hash);
    assert_int_equal(count_problems(log, MAN2, NULL), 0);
    /* the manifest changed after the last entry */
    assert_int_equal(count_problems(log, MAN1,
                                    "manifest.txt is not the one "
                                    "entry 4 recorded"),
                     1);
    sr_approval_free(log);
    text = slurp("run/approval.log");
    assert_non_null(strstr(text, "seq=1\ttime=2026-01-05T09:30:00+08:00\t"
                                 "action=submit\tby=张三\t"));
    assert_non_null(strstr(text, "comment=请审批\\t(第一稿)"));
    free(text);
}

static void replace_in_log(const char *from, const char *to)
{
    char *text = slurp("run/approval.log");
    char *at = strstr(text, from);
    struct sr_buf b = SR_BUF_INIT;

    assert_non_null(at);
    sr_buf_add(&b, text, (size_t)(at - text));
    sr_buf_addstr(&b, to);
    sr_buf_addstr(&b, at + strlen(from));
    put("run/approval.log", b.buf);
    sr_buf_release(&b);
    free(text);
}

static void drop_line(int n)
{
    char *text = slurp("run/approval.log");
    struct sr_buf b = SR_BUF_INIT;
    char *line = text;
    int i = 1;

    while (*line) {
        char *nl = strchr(line, '\n');

        if (i++ != n)
            sr_buf_add(&b, line, (size_t)(nl - line + 1));
        line = nl + 1;
    }
    put("run/approval.log", b.buf);
    sr_buf_release(&b);
    free(text);
}

static void three_entries(void)
{
    struct sr_approval_log *log;
    char *p = path_of("run/approval.log");

    unlink(p);
    free(p);
    log = load_log();
    append(log, SR_ACT_SUBMIT, "张三", "", REP1, NULL, MAN1, NULL);
    append(log, SR_ACT_APPROVE, "王五", "同意", REP1, REP2, MAN2, NULL);
    append(log, SR_ACT_DISTRIBUTE, "李四", "", REP2, NULL, MAN2, NULL);
    sr_approval_free(log);
}

static void test_approval_tamper(void **state)
{
    struct sr_approval_log *log;

    (void)state;
    make_run();
    /* an edited comment */
    three_entries();
    replace_in_log("comment=同意", "comment=不同意");
    log = load_log();
    assert_int_equal(count_problems(log, MAN2, "entry 2 was edited"), 1);
    sr_approval_free(log);
    /* an edited name */
    three_entries();
    replace_in_log("by=王五", "by=赵六");
    log = load_log();
    assert_int_equal(count_problems(log, MAN2, "entry 2 was edited"), 1);
    sr_approval_free(log);
    /* a removed entry */
    three_entries();
    drop_line(2);
    log = load_log();
    count_problems(log, MAN2, "entry 2 does not follow");
    sr_approval_free(log);
    /* reordered entries */
    three_entries();
    {
        char *text = slurp("run/approval.log");
        char *l2 = strchr(text, '\n') + 1;
        char *l3 = strchr(l2, '\n') + 1;
        struct sr_buf b = SR_BUF_INIT;

        sr_buf_add(&b, text, (size_t)(l2 - text));
        sr_buf_addstr(&b, l3);
        sr_buf_add(&b, l2, (size_t)(l3 - l2));
        put("run/approval.log", b.buf);
        sr_buf_release(&b);
        free(text);
    }
    log = load_log();
    count_problems(log, MAN2, "does not follow");
    sr_approval_free(log);
    /* a line that is not an entry */
    three_entries();
    {
        char *text = slurp("run/approval.log");
        struct sr_buf b = SR_BUF_INIT;

        sr_buf_addstr(&b, text);
        sr_buf_addstr(&b, "approved by everyone\n");
        put("run/approval.log", b.buf);
        sr_buf_release(&b);
        free(text);
    }
    log = load_log();
    count_problems(log, MAN2, "line 4 is not an approval entry");
    sr_approval_free(log);
}

static void test_approval_order(void **state)
{
    struct sr_approval_log *log;
    char *p;

    (void)state;
    make_run();
    p = path_of("run/approval.log");
    unlink(p);
    free(p);
    log = load_log();
    /* approve without a submission, then approve a different report */
    append(log, SR_ACT_APPROVE, "王五", "", REP1, REP2, MAN1, NULL);
    count_problems(log, MAN1, "approve without a pending submission");
    append(log, SR_ACT_SUBMIT, "张三", "", REP1, NULL, MAN1, NULL);
    append(log, SR_ACT_REJECT, "王五", "", REP2, NULL, MAN1, NULL);
    count_problems(log, MAN1, "names a report other than the one submitted");
    sr_approval_free(log);
    assert_string_equal(sr_action_name(SR_ACT_DISTRIBUTE), "distribute");
    assert_string_equal(sr_action_label(SR_ACT_REJECT), "驳回");
    assert_string_equal(sr_state_status(SR_STATE_APPROVED), "已批准");
    assert_string_equal(sr_state_status(SR_STATE_REJECTED), "已驳回");
    assert_string_equal(sr_state_status(SR_STATE_SUBMITTED), "送审稿");
    assert_string_equal(sr_state_name(SR_STATE_SUBMITTED), "submitted");
}

/* --- signatures -------------------------------------------------------- */

static void test_sign(void **state)
{
    struct sr_sign_key zhang;
    struct sr_sign_key wang;
    struct sr_keyring kr;
    struct sr_approval_log *log;
    struct sr_approval_trust t = { NULL, true, MAN2 };
    struct sr_approval_problems pr;
    struct sr_diag d;
    char *kz = path_of("zhang.key");
    char *kw = path_of("wang.key");
    char *ring = path_of("ring.pub");
    char *text;

    (void)state;
    if (!sr_sign_available()) {
        sr_diag_clear(&d);
        assert_int_equal(sr_sign_keygen(kz, "张三", &d), SR_ERR_CONFIG);
        assert_non_null(strstr(d.msg, "not built in"));
        free(kz);
        free(kw);
        free(ring);
        skip();
    }
    make_run();
    assert_int_equal(sr_sign_keygen(kz, "张三", NULL), SR_OK);
    assert_int_equal(sr_sign_keygen(kw, "王五", NULL), SR_OK);
    sr_diag_clear(&d);
    assert_int_equal(sr_sign_keygen(kw, "王五", &d), SR_ERR_WRITE);
    assert_non_null(strstr(d.msg, "exists"));
    assert_int_equal(sr_sign_key_load(kz, &zhang, NULL), SR_OK);
    assert_int_equal(sr_sign_key_load(kw, &wang, NULL), SR_OK);
    assert_string_equal(zhang.name, "张三");
    /* the keyring: both public keys */
    {
        char *a = slurp("zhang.key.pub");
        char *b = slurp("wang.key.pub");
        struct sr_buf all = SR_BUF_INIT;

        sr_buf_addf(&all, "# approvers\n%s\n%s", a, b);
        put("ring.pub", all.buf);
        sr_buf_release(&all);
        free(a);
        free(b);
    }
    assert_int_equal(sr_keyring_load(ring, &kr, NULL), SR_OK);
    assert_int_equal(kr.n, 2);
    assert_string_equal(sr_keyring_find(&kr, wang.pk_hex)->name, "王五");

    {
        char *p = path_of("run/approval.log");

        unlink(p);
        free(p);
    }
    log = load_log();
    append(log, SR_ACT_SUBMIT, "张三", "", REP1, NULL, MAN1, &zhang);
    append(log, SR_ACT_APPROVE, "王五", "同意", REP1, REP2, MAN2, &wang);
    sr_approval_free(log);
    log = load_log();
    t.keyring = &kr;
    sr_approval_check(log, &t, &pr);
    assert_int_equal(pr.n, 0);
    assert_int_equal(pr.nsigned, 2);
    sr_approval_problems_release(&pr);
    sr_approval_free(log);

    /* an edit with the hash recomputed still breaks the signature */
    replace_in_log("comment=同意", "comment=同音");
    log = load_log();
    {
        struct sr_approval_entry *e = &log->e[1];
        char sha[SR_SHA256_HEX + 1];
        struct sr_buf fixed = SR_BUF_INIT;

        sr_sha256_mem(e->raw, e->hashed_len, sha);
        sr_buf_add(&fixed, e->raw, e->hashed_len);
        sr_buf_addf(&fixed, "\thash=%s%s", sha, e->raw + e->signed_len);
        text = slurp("run/approval.log");
        *strchr(text, '\n') = '\0';
        {
            struct sr_buf all = SR_BUF_INIT;

            sr_buf_addf(&all, "%s\n%s\n", text, fixed.buf);
            put("run/approval.log", all.buf);
            sr_buf_release(&all);
        }
        free(text);
        sr_buf_release(&fixed);
    }
    sr_approval_free(log);
    log = load_log();
    sr_approval_check(log, &t, &pr);
    assert_int_equal(pr.n, 1);
    assert_non_null(strstr(pr.p[0].msg, "signature does not verify"));
    sr_approval_problems_release(&pr);
    sr_approval_free(log);

    /* signed by 王五's key under 张三's name; unsigned when required */
    {
        char *p = path_of("run/approval.log");

        unlink(p);
        free(p);
    }
    log = load_log();
    append(log, SR_ACT_SUBMIT, "张三", "", REP1, NULL, MAN1, &wang);
    append(log, SR_ACT_REJECT, "王五", "no", REP1, NULL, MAN1, NULL);
    t.manifest_sha = MAN1;
    sr_approval_check(log, &t, &pr);
    assert_int_equal(pr.n, 2);
    assert_non_null(strstr(pr.p[0].msg, "by '张三' is signed with the key of "
                                        "'王五'"));
    assert_non_null(strstr(pr.p[1].msg, "entry 2 is not signed"));
    sr_approval_problems_release(&pr);
    sr_approval_free(log);

    /* a key others may read is refused */
    chmod(kz, 0644);
    sr_diag_clear(&d);
    assert_int_equal(sr_sign_key_load(kz, &zhang, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "chmod 600"));
    sr_sign_key_clear(&zhang);
    sr_sign_key_clear(&wang);
    sr_keyring_release(&kr);
    free(kz);
    free(kw);
    free(ring);
}

static void test_keyring_bad(void **state)
{
    struct sr_keyring kr;
    struct sr_diag d;
    char *p = path_of("bad.pub");

    (void)state;
    put("bad.pub", "# ok\n\ned25519 zz\tsomeone\n");
    sr_diag_clear(&d);
    assert_int_equal(sr_keyring_load(p, &kr, &d), SR_ERR_CONFIG);
    assert_int_equal(d.line, 3);
    assert_int_equal(kr.n, 0);
    free(p);
}

/* --- [approval] settings ---------------------------------------------- */

static void test_settings(void **state)
{
    struct sr_approval_settings s;
    struct sr_diag d;
    char *p = path_of("p.ini");

    (void)state;
    put("p.ini", "[input]\nform = x.xml\n[approval]\nkey = keys/me.key\n"
                 "public_keys = /etc/satreport/approvers.pub\n"
                 "require_signature = yes\n"
                 "distribute = 销售部、客户服务部，市场部; 财务部 ,\n"
                 "document_no = KF-{period}\napprove_role = 董事长\n");
    sr_diag_clear(&d);
    assert_int_equal(sr_approval_settings_load(p, &s, &d), SR_OK);
    assert_non_null(strstr(s.key, "/keys/me.key"));
    assert_string_equal(s.public_keys, "/etc/satreport/approvers.pub");
    assert_true(s.require_signature);
    assert_int_equal(s.ndistribute, 4);
    assert_string_equal(s.distribute[0], "销售部");
    assert_string_equal(s.distribute[1], "客户服务部");
    assert_string_equal(s.distribute[2], "市场部");
    assert_string_equal(s.distribute[3], "财务部");
    assert_string_equal(s.document_no, "KF-{period}");
    assert_string_equal(s.submit_role, "客户服务部经理");
    assert_string_equal(s.approve_role, "董事长");
    sr_approval_settings_release(&s);

    put("p.ini", "[approval]\ndistribute = a\nsigner = me\n");
    assert_int_equal(sr_approval_settings_load(p, &s, &d), SR_ERR_CONFIG);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.msg, "unknown key 'signer' in [approval]"));
    sr_approval_settings_release(&s);
    put("p.ini", "[approval]\nrequire_signature = perhaps\n");
    assert_int_equal(sr_approval_settings_load(p, &s, &d), SR_ERR_CONFIG);
    assert_non_null(strstr(d.msg, "bad require_signature 'perhaps'"));
    sr_approval_settings_release(&s);
    assert_true(sr_approval_settings_known("distribute"));
    assert_false(sr_approval_settings_known("signer"));
    free(p);
}

/* --- the distribution register ----------------------------------------- */

static void test_register(void **state)
{
    struct sr_register reg;
    struct sr_register back;
    char *run;
    char *p;
    char *text;
    char *f;

    (void)state;
    make_run();
    run = path_of("run");
    assert_int_equal(sr_register_load(run, &reg, NULL), SR_OK);
    assert_int_equal(reg.n, 0);
    assert_int_equal(sr_register_next(&reg), 1);
    sr_register_add(&reg, 1, "销售部", "2026-01-07T09:00:00+08:00", REP1,
                    "distribution/01-销售部.pdf", "已批准");
    sr_register_add(&reg, 2, "=cmd,\"x\"", "2026-01-07T09:00:00+08:00", REP2,
                    "distribution/02-=cmd,\"x\".pdf", "已批准");
    assert_int_equal(sr_register_next(&reg), 3);
    p = path_of("run/distribution.csv");
    assert_int_equal(sr_register_write(p, &reg, NULL), SR_OK);
    text = slurp("run/distribution.csv");
    assert_memory_equal(text, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(text, "copy_no,recipient,time,sha256,file,status\n"
                                 "1,销售部,2026-01-07T09:00:00+08:00,"));
    assert_non_null(strstr(text, "\n2,\"'=cmd,\"\"x\"\"\","));
    free(text);
    assert_int_equal(sr_register_load(run, &back, NULL), SR_OK);
    assert_int_equal(back.n, 2);
    assert_string_equal(back.c[1].recipient, "=cmd,\"x\"");
    assert_string_equal(back.c[0].sha, REP1);
    assert_non_null(sr_register_find(&back, "销售部"));
    assert_null(sr_register_find(&back, "市场部"));
    sr_register_release(&back);
    sr_register_release(&reg);
    free(p);
    free(run);

    f = sr_copy_file(3, "销售部");
    assert_string_equal(f, "distribution/03-销售部.pdf");
    free(f);
    f = sr_copy_file(12, "../a/b\n");
    assert_string_equal(f, "distribution/12-_._a_b_.pdf");
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_roundtrip),
        cmocka_unit_test(test_record_bad_escape),
        cmocka_unit_test_setup_teardown(test_file_replace, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_sha256, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_manifest_write_load, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_manifest_check, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_manifest_set_save, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_manifest_bad, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_approval_flow, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_approval_tamper, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_approval_order, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_sign, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_keyring_bad, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_settings, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_register, make_dir, remove_dir),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
