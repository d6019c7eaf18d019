/* SPDX-License-Identifier: MIT */
/*
 * govern.c - the governance commands on a run folder
 *
 * Input: a run folder (manifest.txt, approval.log, distribution.csv and
 * the outputs) and the [approval] section of its pipeline; output: new
 * approval log entries, the approved report, numbered copies, the
 * register, an updated manifest.  Every change is made under the run
 * folder's lock and in this order: render into temporary files, append the
 * log entry (the commit point), rename the files into place.  A failure
 * before the log entry leaves the folder as it was.
 */
#include "govern.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/period.h"
#include "approval.h"
#include "distribute.h"
#include "hash.h"
#include "manifest.h"
#include "record.h"
#include "rerender.h"
#include "settings.h"
#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* An open run folder. */
struct folder {
    const struct sr_govern_opts *o;
    FILE *out;
    FILE *err;
    char *dir; /* as given, without trailing slashes */
    int lockfd;
    struct sr_manifest *mf;
    char mf_sha[SR_SHA256_HEX + 1];
    struct sr_approval_log *log;
    struct sr_approval_settings set;
    struct sr_keyring kr;
    bool have_keyring;
    char *settings_note; /* why [approval] could not be read, or NULL */
};

/* Problems found, one line each. */
struct issues {
    char **v;
    size_t n;
};

static void issue(struct issues *is, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void issue(struct issues *is, const char *fmt, ...)
{
    struct sr_buf b = SR_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    sr_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    is->v = xreallocarray(is->v, is->n + 1, sizeof(*is->v));
    is->v[is->n++] = sr_buf_detach(&b);
}

static void issues_release(struct issues *is)
{
    size_t i;

    for (i = 0; i < is->n; i++)
        free(is->v[i]);
    free(is->v);
    is->v = NULL;
    is->n = 0;
}

static void say_error(const struct folder *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say_error(const struct folder *f, const char *fmt, ...)
{
    va_list ap;

    fputs("satreport: error: ", f->err);
    va_start(ap, fmt);
    vfprintf(f->err, fmt, ap);
    va_end(ap);
    fputc('\n', f->err);
}

static void say_diag(const struct folder *f, const struct sr_diag *d)
{
    char msg[2048];

    say_error(f, "%s", sr_diag_format(d, msg, sizeof(msg)));
}

static void say_issues(const struct issues *is, FILE *to)
{
    size_t i;

    for (i = 0; i < is->n; i++)
        fprintf(to, "  %s\n", is->v[i]);
}

/* The time of an action: SOURCE_DATE_EPOCH or now, local, ISO 8601 with
 * its offset; @date gets YYYY-MM-DD. */
static void now_iso(char *out, size_t n, char date[16])
{
    time_t t = sr_period_now();
    struct tm tm;
    char when[32];
    char off[8];

    localtime_r(&t, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(off, sizeof(off), "%z", &tm);
    snprintf(out, n, "%s%.3s:%.2s", when, off, off + 3);
    strftime(date, 16, "%Y-%m-%d", &tm);
}

static void folder_close(struct folder *f)
{
    if (f->lockfd >= 0)
        close(f->lockfd);
    sr_manifest_free(f->mf);
    sr_approval_free(f->log);
    sr_approval_settings_release(&f->set);
    sr_keyring_release(&f->kr);
    free(f->settings_note);
    free(f->dir);
}

/* Take the lock "<real path of dir>.lock": exclusive or shared. */
static int take_lock(struct folder *f, bool exclusive)
{
    struct sr_buf b = SR_BUF_INIT;
    char *real = realpath(f->dir, NULL);
    int rc = SR_GOV_OK;

    sr_buf_addf(&b, "%s.lock", real ? real : f->dir);
    free(real);
    f->lockfd = open(b.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (f->lockfd < 0 && !exclusive) {
        /* a reader without write access to the parent: go on unlocked */
        f->lockfd = open(b.buf, O_RDONLY | O_CLOEXEC);
    }
    if (f->lockfd < 0) {
        if (exclusive) {
            say_error(f, "cannot create the lock '%s': %s", b.buf,
                      strerror(errno));
            rc = SR_GOV_WRITE;
        }
    } else if (flock(f->lockfd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) !=
               0) {
        say_error(f, "'%s': another run or command holds the lock", f->dir);
        rc = SR_GOV_LOCKED;
    }
    sr_buf_release(&b);
    return rc;
}

/* Open the run folder: lock, manifest, log, [approval] of its pipeline. */
static int folder_open(struct folder *f, const char *run_dir,
                       const struct sr_govern_opts *o, bool exclusive)
{
    const struct sr_manifest_entry *pe;
    struct sr_diag d;
    struct stat sb;
    char *path;
    size_t len;
    int rc;

    memset(f, 0, sizeof(*f));
    f->o = o;
    f->out = o->out ? o->out : stdout;
    f->err = o->err ? o->err : stderr;
    f->lockfd = -1;
    sr_approval_settings_init(&f->set);
    sr_diag_clear(&d);
    f->dir = xstrdup(run_dir);
    len = strlen(f->dir);
    while (len > 1 && f->dir[len - 1] == '/')
        f->dir[--len] = '\0';
    if (stat(f->dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        say_error(f, "'%s' is not a run folder: %s", f->dir,
                  stat(f->dir, &sb) != 0 ? strerror(errno) : "not a folder");
        return SR_GOV_USAGE;
    }
    rc = take_lock(f, exclusive);
    if (rc != SR_GOV_OK)
        return rc;
    path = sr_manifest_path(f->dir, SR_MANIFEST_FILE);
    if (!sr_file_exists(path)) {
        say_error(f, "'%s' is not a run folder (it has no %s)", f->dir,
                  SR_MANIFEST_FILE);
        free(path);
        return SR_GOV_USAGE;
    }
    if (sr_sha256_file(path, f->mf_sha, &d) != SR_OK ||
        sr_manifest_load(f->dir, &f->mf, &d) != SR_OK) {
        say_diag(f, &d);
        free(path);
        return d.code == SR_ERR_PARSE ? SR_GOV_DIFFERS : SR_GOV_USAGE;
    }
    free(path);
    if (sr_approval_load(f->dir, &f->log, &d) != SR_OK) {
        say_diag(f, &d);
        return SR_GOV_USAGE;
    }
    pe = sr_manifest_find(f->mf, "pipeline", NULL);
    if (pe) {
        path = sr_manifest_path(f->dir, pe->path);
        if (sr_file_exists(path)) {
            sr_approval_settings_release(&f->set);
            if (sr_approval_settings_load(path, &f->set, &d) != SR_OK) {
                char msg[2048];

                f->settings_note =
                    xstrdup(sr_diag_format(&d, msg, sizeof(msg)));
            }
        } else {
            struct sr_buf b = SR_BUF_INIT;

            sr_buf_addf(&b,
                        "the pipeline '%s' is gone: [approval] is not "
                        "read",
                        path);
            f->settings_note = sr_buf_detach(&b);
        }
        free(path);
    }
    if (!f->settings_note && f->set.public_keys) {
        if (sr_keyring_load(f->set.public_keys, &f->kr, &d) != SR_OK) {
            char msg[2048];

            f->settings_note = xstrdup(sr_diag_format(&d, msg, sizeof(msg)));
        } else {
            f->have_keyring = true;
        }
    }
    return SR_GOV_OK;
}

/* For commands that change the folder, [approval] must be readable. */
static int need_settings(struct folder *f)
{
    if (!f->settings_note)
        return SR_GOV_OK;
    say_error(f, "%s", f->settings_note);
    return SR_GOV_USAGE;
}

static void check_register(struct folder *f, struct issues *is)
{
    struct sr_register reg;
    struct sr_diag d;
    size_t i;

    sr_diag_clear(&d);
    if (sr_register_load(f->dir, &reg, &d) != SR_OK) {
        char msg[2048];

        issue(is, "%s", sr_diag_format(&d, msg, sizeof(msg)));
        return;
    }
    for (i = 0; i < reg.n; i++) {
        char *path = sr_manifest_path(f->dir, reg.c[i].file);
        char sha[SR_SHA256_HEX + 1];

        if (!sr_file_exists(path))
            issue(is, "%s:%zu: copy %ld (%s) is missing: %s", SR_REGISTER_FILE,
                  i + 2, reg.c[i].copy_no, reg.c[i].recipient, reg.c[i].file);
        else if (sr_sha256_file(path, sha, &d) != SR_OK ||
                 strcmp(sha, reg.c[i].sha))
            issue(is, "%s:%zu: copy %ld (%s) is not the copy registered: %s",
                  SR_REGISTER_FILE, i + 2, reg.c[i].copy_no, reg.c[i].recipient,
                  reg.c[i].file);
        free(path);
    }
    sr_register_release(&reg);
}

/* The report the log says report.pdf is, checked against the manifest. */
static void check_report(struct folder *f, struct issues *is)
{
    enum sr_approval_state st = sr_approval_state(f->log);
    const struct sr_manifest_entry *re =
        sr_manifest_find(f->mf, "output", "report.pdf");
    const struct sr_approval_entry *e;
    const char *want = NULL;

    if (st == SR_STATE_SUBMITTED) {
        e = sr_approval_last(f->log, SR_ACT_SUBMIT);
        want = e ? e->report : NULL;
    } else if (st == SR_STATE_APPROVED) {
        e = sr_approval_last(f->log, SR_ACT_APPROVE);
        want = e ? e->approved : NULL;
    }
    if (want && (!re || strcmp(re->sha, want)))
        issue(is,
              "report.pdf in the manifest is not the %s report the "
              "approval log names",
              st == SR_STATE_APPROVED ? "approved" : "submitted");
    if (st == SR_STATE_DRAFT) {
        /* no approval: report.pdf must be the one the run made */
        const struct sr_manifest_entry *de =
            sr_manifest_find(f->mf, "draft", "report.pdf");

        if (de && re && strcmp(re->sha, de->sha))
            issue(is, "report.pdf is not the report the run made, and no "
                      "approval log says why (approval.log removed?)");
    }
}

/* Everything verify checks; @log_only: the log chain and tie only. */
static int integrity(struct folder *f, unsigned flags, struct issues *is,
                     bool files)
{
    struct sr_manifest_diff diff;
    struct sr_approval_problems pr;
    struct sr_approval_trust t;
    struct sr_diag d;
    size_t i;

    sr_diag_clear(&d);
    if (files) {
        if (sr_manifest_check(f->dir, f->mf, flags, &diff, &d) != SR_OK) {
            say_diag(f, &d);
            return SR_GOV_USAGE;
        }
        for (i = 0; i < diff.n; i++) {
            const struct sr_change *c = &diff.items[i];

            if (!strcmp(c->role, "output"))
                issue(is, "%-10s %s", sr_change_name(c->kind), c->path);
            else
                issue(is, "%-10s %s %s", sr_change_name(c->kind), c->role,
                      c->path);
        }
        sr_manifest_diff_release(&diff);
        check_register(f, is);
    }
    t.keyring = f->have_keyring ? &f->kr : NULL;
    t.require_signature = f->set.require_signature;
    t.manifest_sha = f->mf_sha;
    sr_approval_check(f->log, &t, &pr);
    for (i = 0; i < pr.n; i++) {
        if (pr.p[i].line)
            issue(is, "%s:%ld: %s", SR_APPROVAL_FILE, pr.p[i].line,
                  pr.p[i].msg);
        else
            issue(is, "%s: %s", SR_APPROVAL_FILE, pr.p[i].msg);
    }
    sr_approval_problems_release(&pr);
    check_report(f, is);
    return SR_GOV_OK;
}

static const char *who_of(const struct sr_approval_entry *e)
{
    return e && *e->by ? e->by : "?";
}

/* "approved by 王五 (总经理) on 2026-01-06" and the like */
static void describe_state(const struct folder *f, struct sr_buf *b)
{
    enum sr_approval_state st = sr_approval_state(f->log);
    const struct sr_approval_entry *e = NULL;

    switch (st) {
    case SR_STATE_DRAFT:
        sr_buf_addstr(b, "not submitted");
        return;
    case SR_STATE_SUBMITTED:
        e = sr_approval_last(f->log, SR_ACT_SUBMIT);
        sr_buf_addf(b, "submitted by %s", who_of(e));
        break;
    case SR_STATE_APPROVED:
        e = sr_approval_last(f->log, SR_ACT_APPROVE);
        sr_buf_addf(b, "approved by %s", who_of(e));
        break;
    case SR_STATE_REJECTED:
        e = sr_approval_last(f->log, SR_ACT_REJECT);
        sr_buf_addf(b, "rejected by %s", who_of(e));
        break;
    }
    if (e && *e->role)
        sr_buf_addf(b, " (%s)", e->role);
    if (e)
        sr_buf_addf(b, " on %.10s", e->time);
}

int sr_govern_verify(const char *run_dir, const struct sr_govern_opts *o)
{
    struct folder f;
    struct issues is = { NULL, 0 };
    struct sr_approval_problems pr;
    struct sr_buf st = SR_BUF_INIT;
    size_t nout = 0;
    size_t nsrc = 0;
    size_t i;
    int rc;

    rc = folder_open(&f, run_dir, o, false);
    if (rc != SR_GOV_OK)
        goto out;
    rc = integrity(&f, o->no_sources ? SR_CHECK_OUTPUTS : SR_CHECK_ALL, &is,
                   true);
    if (rc != SR_GOV_OK)
        goto out;
    for (i = 0; i < f.mf->n; i++) {
        if (!strcmp(f.mf->entries[i].role, "output"))
            nout++;
        else if (strcmp(f.mf->entries[i].role, "draft"))
            nsrc++;
    }
    describe_state(&f, &st);
    if (is.n) {
        fprintf(f.out, "%s: differs from its manifest or approval log:\n",
                f.dir);
        say_issues(&is, f.out);
        rc = SR_GOV_DIFFERS;
    } else if (!o->quiet) {
        struct sr_approval_trust t = { f.have_keyring ? &f.kr : NULL,
                                       f.set.require_signature, NULL };

        sr_approval_check(f.log, &t, &pr);
        fprintf(f.out, "%s: intact: %zu files", f.dir, nout);
        if (o->no_sources)
            fprintf(f.out, " (sources not checked)");
        else
            fprintf(f.out, " and %zu sources", nsrc);
        fprintf(f.out, " match the manifest; %s", st.buf);
        if (f.log->n)
            fprintf(f.out, "; %zu log %s, %zu signed", f.log->n,
                    f.log->n == 1 ? "entry" : "entries", pr.nsigned);
        fputc('\n', f.out);
        sr_approval_problems_release(&pr);
    }
    if (f.settings_note && !o->quiet)
        fprintf(f.err, "satreport: warning: %s\n", f.settings_note);
out:
    sr_buf_release(&st);
    issues_release(&is);
    folder_close(&f);
    return rc;
}

/* The key to sign with (--key or [approval] key), checked against the
 * keyring; *use NULL when unsigned. */
static int load_key(struct folder *f, const char *by, struct sr_sign_key *k,
                    const struct sr_sign_key **use)
{
    const char *path = f->o->key ? f->o->key : f->set.key;
    const struct sr_trusted_key *t;
    struct sr_diag d;

    *use = NULL;
    if (!path) {
        if (f->set.require_signature) {
            say_error(f, "[approval] require_signature = yes but there is "
                         "no key (give --key or set [approval] key)");
            return SR_GOV_USAGE;
        }
        return SR_GOV_OK;
    }
    sr_diag_clear(&d);
    if (sr_sign_key_load(path, k, &d) != SR_OK) {
        say_diag(f, &d);
        return SR_GOV_USAGE;
    }
    if (f->have_keyring) {
        t = sr_keyring_find(&f->kr, k->pk_hex);
        if (!t) {
            say_error(f, "the key '%s' is not in [approval] public_keys '%s'",
                      path, f->set.public_keys);
            sr_sign_key_clear(k);
            return SR_GOV_USAGE;
        }
        if (*t->name && strcmp(t->name, by)) {
            say_error(f, "the key '%s' is %s's, not %s's", path, t->name, by);
            sr_sign_key_clear(k);
            return SR_GOV_USAGE;
        }
    }
    *use = k;
    return SR_GOV_OK;
}

/* The approval sheet's steps, one per role of the report template's sheet
 * (编制, 审核, 批准): 编制 is the run (prepared_by, the run's date), 审核
 * the last submission, 批准 the decision on it (the log's, or @extra, the
 * approval being made).  Earlier rounds (a rejection, a new submission)
 * stay in the log.  Strings are borrowed from the log and @ri. */
struct steps {
    struct sr_approval_step v[3];
    char dates[3][16];
    size_t n;
};

static void step_from(struct steps *s, const char *role,
                      const struct sr_approval_entry *e)
{
    struct sr_approval_step *st = &s->v[s->n];

    snprintf(s->dates[s->n], sizeof(s->dates[s->n]), "%.10s", e->time);
    st->role = role;
    st->name = e->by;
    st->date = s->dates[s->n];
    st->decision = sr_action_label(e->action);
    st->opinion = *e->comment ? e->comment : NULL;
    s->n++;
}

static void steps_build(struct steps *s, const struct sr_approval_log *log,
                        const struct sr_run_info *ri,
                        const struct sr_approval_step *extra)
{
    const struct sr_approval_entry *sub = NULL;
    const struct sr_approval_entry *dec = NULL;
    size_t i;

    memset(s, 0, sizeof(*s));
    for (i = 0; i < log->n; i++) {
        const struct sr_approval_entry *e = &log->e[i];

        if (e->malformed)
            continue;
        if (e->action == SR_ACT_SUBMIT) {
            sub = e;
            dec = NULL;
        } else if (e->action == SR_ACT_APPROVE || e->action == SR_ACT_REJECT) {
            dec = e;
        }
    }
    if (ri->cfg && ri->cfg->prepared_by && *ri->cfg->prepared_by) {
        s->v[0].role = "编制";
        s->v[0].name = ri->cfg->prepared_by;
        s->v[0].date = ri->date;
        s->n = 1;
    }
    if (sub)
        step_from(s, "审核", sub);
    if (extra)
        s->v[s->n++] = *extra;
    else if (dec)
        step_from(s, "批准", dec);
}

static int need_by(struct folder *f, const char *cmd)
{
    if (f->o->by && *f->o->by)
        return SR_GOV_OK;
    say_error(f, "%s needs --by NAME", cmd);
    return SR_GOV_USAGE;
}

int sr_govern_submit(const char *run_dir, const struct sr_govern_opts *o)
{
    struct folder f;
    struct issues is = { NULL, 0 };
    struct sr_sign_key key;
    const struct sr_sign_key *use = NULL;
    const struct sr_manifest_entry *re;
    struct sr_approval_new e;
    enum sr_approval_state st;
    char when[40];
    char date[16];
    struct sr_diag d;
    int rc;

    memset(&key, 0, sizeof(key));
    rc = folder_open(&f, run_dir, o, true);
    if (rc == SR_GOV_OK)
        rc = need_settings(&f);
    if (rc == SR_GOV_OK)
        rc = need_by(&f, "submit");
    if (rc != SR_GOV_OK)
        goto out;
    st = sr_approval_state(f.log);
    if (st == SR_STATE_SUBMITTED || st == SR_STATE_APPROVED) {
        struct sr_buf b = SR_BUF_INIT;

        describe_state(&f, &b);
        say_error(&f, "cannot submit '%s': it is already %s", f.dir, b.buf);
        sr_buf_release(&b);
        rc = SR_GOV_STATE;
        goto out;
    }
    rc = integrity(&f, SR_CHECK_ALL, &is, true);
    if (rc != SR_GOV_OK)
        goto out;
    if (is.n) {
        say_error(&f,
                  "cannot submit '%s': it differs from its manifest:", f.dir);
        say_issues(&is, f.err);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    re = sr_manifest_find(f.mf, "output", "report.pdf");
    if (!re) {
        say_error(&f, "cannot submit '%s': it has no report.pdf", f.dir);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    rc = load_key(&f, o->by, &key, &use);
    if (rc != SR_GOV_OK)
        goto out;
    now_iso(when, sizeof(when), date);
    memset(&e, 0, sizeof(e));
    e.action = SR_ACT_SUBMIT;
    e.time = when;
    e.by = o->by;
    e.role = o->role ? o->role : f.set.submit_role;
    e.comment = o->comment ? o->comment : "";
    e.report = re->sha;
    e.manifest = f.mf_sha;
    sr_diag_clear(&d);
    if (sr_approval_append(f.dir, f.log, &e, use, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    if (!o->quiet)
        fprintf(f.out, "%s: submitted by %s (%s) on %s%s\n", f.dir, o->by,
                e.role, date, use ? ", signed" : "");
out:
    sr_sign_key_clear(&key);
    issues_release(&is);
    folder_close(&f);
    return rc;
}

int sr_govern_reject(const char *run_dir, const struct sr_govern_opts *o)
{
    struct folder f;
    struct issues is = { NULL, 0 };
    struct sr_sign_key key;
    const struct sr_sign_key *use = NULL;
    const struct sr_approval_entry *sub;
    struct sr_approval_new e;
    char when[40];
    char date[16];
    struct sr_diag d;
    int rc;

    memset(&key, 0, sizeof(key));
    rc = folder_open(&f, run_dir, o, true);
    if (rc == SR_GOV_OK)
        rc = need_settings(&f);
    if (rc == SR_GOV_OK)
        rc = need_by(&f, "reject");
    if (rc == SR_GOV_OK && (!o->comment || !*o->comment)) {
        say_error(&f, "reject needs --comment TEXT (the reason)");
        rc = SR_GOV_USAGE;
    }
    if (rc != SR_GOV_OK)
        goto out;
    if (sr_approval_state(f.log) != SR_STATE_SUBMITTED) {
        struct sr_buf b = SR_BUF_INIT;

        describe_state(&f, &b);
        say_error(&f,
                  "cannot reject '%s': nothing is awaiting a decision "
                  "(it is %s)",
                  f.dir, b.buf);
        sr_buf_release(&b);
        rc = SR_GOV_STATE;
        goto out;
    }
    /* the log must be sound to be extended; changed files are no reason
     * not to reject (they are said) */
    rc = integrity(&f, 0, &is, false);
    if (rc != SR_GOV_OK)
        goto out;
    if (is.n) {
        say_error(&f, "cannot reject '%s': its approval log is broken:", f.dir);
        say_issues(&is, f.err);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    rc = integrity(&f, SR_CHECK_ALL, &is, true);
    if (rc != SR_GOV_OK)
        goto out;
    if (is.n && !o->quiet) {
        fprintf(f.err,
                "satreport: warning: '%s' changed since it was "
                "submitted:\n",
                f.dir);
        say_issues(&is, f.err);
    }
    rc = load_key(&f, o->by, &key, &use);
    if (rc != SR_GOV_OK)
        goto out;
    sub = sr_approval_last(f.log, SR_ACT_SUBMIT);
    now_iso(when, sizeof(when), date);
    memset(&e, 0, sizeof(e));
    e.action = SR_ACT_REJECT;
    e.time = when;
    e.by = o->by;
    e.role = o->role ? o->role : f.set.approve_role;
    e.comment = o->comment;
    e.report = sub ? sub->report : "";
    e.manifest = f.mf_sha;
    sr_diag_clear(&d);
    if (sr_approval_append(f.dir, f.log, &e, use, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    if (!o->quiet)
        fprintf(f.out, "%s: rejected by %s (%s) on %s%s\n", f.dir, o->by,
                e.role, date, use ? ", signed" : "");
out:
    sr_sign_key_clear(&key);
    issues_release(&is);
    folder_close(&f);
    return rc;
}

/* The document number: --document-no, or [approval] document_no with the
 * run's period filled in; NULL when neither.  *out owned. */
static int document_no(struct folder *f, const struct sr_rerender *rr,
                       char **out)
{
    const char *tmpl =
        f->o->document_no ? f->o->document_no : f->set.document_no;
    const char *period = sr_rerender_period(rr);
    struct sr_period p;
    struct sr_diag d;

    *out = NULL;
    if (!tmpl)
        return SR_GOV_OK;
    sr_diag_clear(&d);
    if (*period && sr_period_resolve(period, sr_period_now(), &p, &d) != SR_OK)
        period = "";
    if (sr_period_subst(tmpl, *period ? &p : NULL, out, &d) != SR_OK) {
        say_error(f, "document number '%s': %s", tmpl, d.msg);
        return SR_GOV_USAGE;
    }
    return SR_GOV_OK;
}

/* a temporary file beside @rel in the run folder */
static char *temp_path(const struct folder *f, const char *rel)
{
    struct sr_buf b = SR_BUF_INIT;

    sr_buf_addf(&b, "%s/%s.new-%ld", f->dir, rel, (long)getpid());
    return sr_buf_detach(&b);
}

static int open_rerender(struct folder *f, struct sr_rerender **rr)
{
    struct sr_diag d;

    sr_diag_clear(&d);
    if (sr_rerender_open(f->dir, f->mf, rr, &d) != SR_OK) {
        say_diag(f, &d);
        return SR_GOV_USAGE;
    }
    return SR_GOV_OK;
}

int sr_govern_approve(const char *run_dir, const struct sr_govern_opts *o)
{
    struct folder f;
    struct issues is = { NULL, 0 };
    struct sr_sign_key key;
    const struct sr_sign_key *use = NULL;
    const struct sr_approval_entry *sub;
    struct sr_rerender *rr = NULL;
    struct sr_approval_new e;
    struct sr_approval_step step;
    struct sr_rerender_doc doc;
    struct steps steps;
    struct sr_buf mtext = SR_BUF_INIT;
    char *docno = NULL;
    char *tmp = NULL;
    char *final = NULL;
    char *mpath = NULL;
    char sha[SR_SHA256_HEX + 1];
    char msha[SR_SHA256_HEX + 1];
    char when[40];
    char date[16];
    struct sr_diag d;
    enum sr_approval_state st;
    int rc;

    memset(&key, 0, sizeof(key));
    sr_diag_clear(&d);
    rc = folder_open(&f, run_dir, o, true);
    if (rc == SR_GOV_OK)
        rc = need_settings(&f);
    if (rc == SR_GOV_OK)
        rc = need_by(&f, "approve");
    if (rc != SR_GOV_OK)
        goto out;
    st = sr_approval_state(f.log);
    if (st != SR_STATE_SUBMITTED) {
        struct sr_buf b = SR_BUF_INIT;

        describe_state(&f, &b);
        if (st == SR_STATE_APPROVED)
            say_error(&f, "cannot approve '%s': it is already %s", f.dir,
                      b.buf);
        else if (st == SR_STATE_REJECTED)
            say_error(&f,
                      "cannot approve '%s': it was %s (submit it again "
                      "first)",
                      f.dir, b.buf);
        else
            say_error(&f,
                      "cannot approve '%s': it has not been submitted "
                      "(satreport submit first)",
                      f.dir);
        sr_buf_release(&b);
        rc = SR_GOV_STATE;
        goto out;
    }
    rc = integrity(&f, SR_CHECK_ALL, &is, true);
    if (rc != SR_GOV_OK)
        goto out;
    if (is.n) {
        say_error(&f,
                  "cannot approve '%s': it changed since it was "
                  "submitted:",
                  f.dir);
        say_issues(&is, f.err);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    sub = sr_approval_last(f.log, SR_ACT_SUBMIT);
    rc = load_key(&f, o->by, &key, &use);
    if (rc == SR_GOV_OK)
        rc = open_rerender(&f, &rr);
    if (rc == SR_GOV_OK)
        rc = document_no(&f, rr, &docno);
    if (rc != SR_GOV_OK)
        goto out;

    /* render the approved report beside the draft */
    now_iso(when, sizeof(when), date);
    step.role = "批准";
    step.name = o->by;
    step.date = date;
    step.decision = sr_action_label(SR_ACT_APPROVE);
    step.opinion = o->comment && *o->comment ? o->comment : NULL;
    steps_build(&steps, f.log, sr_rerender_info(rr), &step);
    memset(&doc, 0, sizeof(doc));
    doc.status = sr_state_status(SR_STATE_APPROVED);
    doc.steps = steps.v;
    doc.nsteps = steps.n;
    doc.document_no = docno;
    tmp = temp_path(&f, "report.pdf");
    if (sr_rerender_pdf(rr, tmp, &doc, &d) != SR_OK ||
        sr_sha256_file(tmp, sha, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    sr_manifest_set(f.mf, "output", "report.pdf", sha);
    sr_manifest_format(f.mf, &mtext);
    if (!sr_sha256_mem(mtext.buf, mtext.len, msha)) {
        say_error(&f, "cannot compute the SHA-256 of the manifest");
        rc = SR_GOV_WRITE;
        goto out;
    }

    /* the commit point: the log entry */
    memset(&e, 0, sizeof(e));
    e.action = SR_ACT_APPROVE;
    e.time = when;
    e.by = o->by;
    e.role = o->role ? o->role : f.set.approve_role;
    e.comment = o->comment ? o->comment : "";
    e.report = sub ? sub->report : "";
    e.approved = sha;
    e.document_no = docno;
    e.manifest = msha;
    if (sr_approval_append(f.dir, f.log, &e, use, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    final = sr_manifest_path(f.dir, "report.pdf");
    mpath = sr_manifest_path(f.dir, SR_MANIFEST_FILE);
    if (rename(tmp, final) != 0) {
        say_error(&f,
                  "the approval is logged but '%s' cannot be replaced: "
                  "%s (the approved report is '%s')",
                  final, strerror(errno), tmp);
        free(tmp);
        tmp = NULL; /* keep it: it is the approved report */
        rc = SR_GOV_WRITE;
        goto out;
    }
    free(tmp);
    tmp = NULL;
    if (sr_file_replace(mpath, mtext.buf, mtext.len, &d) != SR_OK) {
        say_diag(&f, &d);
        say_error(&f, "the approval is logged but the manifest is not "
                      "updated");
        rc = SR_GOV_WRITE;
        goto out;
    }
    if (!o->quiet)
        fprintf(f.out,
                "%s: approved by %s (%s) on %s%s; report.pdf rendered as "
                "%s\n",
                f.dir, o->by, e.role, date, use ? ", signed" : "", doc.status);
out:
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(final);
    free(mpath);
    free(docno);
    sr_buf_release(&mtext);
    sr_rerender_free(rr);
    sr_sign_key_clear(&key);
    issues_release(&is);
    folder_close(&f);
    return rc;
}

/* a login name for distribute without --by */
static const char *default_by(void)
{
    const char *u = getenv("LOGNAME");

    if (!u || !*u)
        u = getenv("USER");
    return u && *u ? u : "unknown";
}

struct copy {
    char *recipient;
    long no;
    char *file; /* relative */
    char *tmp;  /* absolute-ish temporary path */
    char sha[SR_SHA256_HEX + 1];
};

/* Rename the logged distribution's register @*tmp to @name in the run
 * folder; *tmp is freed and NULL once it is there.  False (said) if not. */
static bool register_in_place(struct folder *f, char **tmp, const char *name)
{
    char *final = sr_manifest_path(f->dir, name);
    bool ok = rename(*tmp, final) == 0;

    if (!ok)
        say_error(f,
                  "the distribution is logged but '%s' cannot be "
                  "replaced: %s",
                  final, strerror(errno));
    else {
        free(*tmp);
        *tmp = NULL;
    }
    free(final);
    return ok;
}

int sr_govern_distribute(const char *run_dir, const struct sr_govern_opts *o)
{
    struct folder f;
    struct issues is = { NULL, 0 };
    struct sr_sign_key key;
    const struct sr_sign_key *use = NULL;
    const struct sr_approval_entry *appr;
    const struct sr_manifest_entry *re;
    struct sr_rerender *rr = NULL;
    struct sr_register reg = { NULL, 0 };
    struct steps steps;
    struct sr_buf mtext = SR_BUF_INIT;
    struct sr_buf to = SR_BUF_INIT;
    struct sr_buf nos = SR_BUF_INIT;
    struct sr_approval_new e;
    struct copy *copies = NULL;
    char **names = NULL;
    size_t nnames = 0;
    char *regtmp = NULL;
    char *xlsxtmp = NULL;
    char *copydir = NULL;
    bool made_dir = false;
    char regsha[SR_SHA256_HEX + 1];
    char msha[SR_SHA256_HEX + 1];
    char when[40];
    char date[16];
    const char *by = o->by && *o->by ? o->by : default_by();
    enum sr_approval_state st;
    struct sr_diag d;
    size_t i;
    size_t k;
    int rc;

    memset(&key, 0, sizeof(key));
    sr_diag_clear(&d);
    rc = folder_open(&f, run_dir, o, true);
    if (rc == SR_GOV_OK)
        rc = need_settings(&f);
    if (rc != SR_GOV_OK)
        goto out;
    st = sr_approval_state(f.log);
    if (st != SR_STATE_APPROVED && !o->draft) {
        struct sr_buf b = SR_BUF_INIT;

        describe_state(&f, &b);
        say_error(&f,
                  "cannot distribute '%s': it is not approved (it is "
                  "%s; --draft distributes the draft)",
                  f.dir, b.buf);
        sr_buf_release(&b);
        rc = SR_GOV_STATE;
        goto out;
    }
    if (o->to)
        sr_split_names(o->to, &names, &nnames);
    else
        for (i = 0; i < f.set.ndistribute; i++) {
            names = xreallocarray(names, nnames + 1, sizeof(*names));
            names[nnames++] = xstrdup(f.set.distribute[i]);
        }
    if (!nnames) {
        say_error(&f, "distribute needs recipients (--to A,B or [approval] "
                      "distribute)");
        rc = SR_GOV_USAGE;
        goto out;
    }
    for (i = 0; i < nnames; i++)
        for (k = 0; k < i; k++)
            if (!strcmp(names[i], names[k])) {
                say_error(&f, "recipient '%s' is named twice", names[i]);
                rc = SR_GOV_USAGE;
                goto out;
            }
    rc = integrity(&f, SR_CHECK_ALL, &is, true);
    if (rc != SR_GOV_OK)
        goto out;
    if (is.n) {
        say_error(
            &f, "cannot distribute '%s': it differs from its manifest:", f.dir);
        say_issues(&is, f.err);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    if (sr_register_load(f.dir, &reg, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_DIFFERS;
        goto out;
    }
    for (i = 0; i < nnames && !o->again; i++) {
        const struct sr_dist_copy *c = sr_register_find(&reg, names[i]);

        if (c) {
            say_error(&f,
                      "'%s' already has copy %ld (%s); --again makes "
                      "another",
                      names[i], c->copy_no, c->file);
            rc = SR_GOV_STATE;
            goto out;
        }
    }
    rc = load_key(&f, by, &key, &use);
    if (rc == SR_GOV_OK)
        rc = open_rerender(&f, &rr);
    if (rc != SR_GOV_OK)
        goto out;

    copydir = sr_manifest_path(f.dir, SR_COPIES_DIR);
    if (mkdir(copydir, 0777) == 0) {
        made_dir = true;
    } else if (errno != EEXIST) {
        say_error(&f, "cannot create '%s': %s", copydir, strerror(errno));
        rc = SR_GOV_WRITE;
        goto out;
    }
    now_iso(when, sizeof(when), date);
    appr = sr_approval_last(f.log, SR_ACT_APPROVE);
    steps_build(&steps, f.log, sr_rerender_info(rr), NULL);
    copies = xcalloc(nnames, sizeof(*copies));
    for (i = 0; i < nnames; i++) {
        struct copy *c = &copies[i];
        struct sr_rerender_doc doc;

        c->recipient = names[i];
        c->no = sr_register_next(&reg);
        c->file = sr_copy_file(c->no, c->recipient);
        c->tmp = temp_path(&f, c->file);
        memset(&doc, 0, sizeof(doc));
        doc.status = sr_state_status(st);
        doc.steps = steps.v;
        doc.nsteps = steps.n;
        doc.document_no = appr && *appr->document_no ? appr->document_no : NULL;
        doc.copy_no = (int)c->no;
        doc.recipient = c->recipient;
        if (sr_rerender_pdf(rr, c->tmp, &doc, &d) != SR_OK ||
            sr_sha256_file(c->tmp, c->sha, &d) != SR_OK) {
            say_diag(&f, &d);
            rc = SR_GOV_WRITE;
            goto out;
        }
        sr_register_add(&reg, c->no, c->recipient, when, c->sha, c->file,
                        doc.status);
        sr_manifest_set(f.mf, "output", c->file, c->sha);
        if (i)
            sr_buf_addch(&to, ',');
        sr_buf_addstr(&to, c->recipient);
    }
    if (nnames == 1)
        sr_buf_addf(&nos, "%ld", copies[0].no);
    else
        sr_buf_addf(&nos, "%ld-%ld", copies[0].no, copies[nnames - 1].no);
    regtmp = temp_path(&f, SR_REGISTER_FILE);
    if (sr_register_write(regtmp, &reg, &d) != SR_OK ||
        sr_sha256_file(regtmp, regsha, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    sr_manifest_set(f.mf, "output", SR_REGISTER_FILE, regsha);
    {
        const struct sr_run_info *ri = sr_rerender_info(rr);

        xlsxtmp = temp_path(&f, SR_REGISTER_XLSX);
        if (sr_register_write_xlsx(
                xlsxtmp, &reg, ri && ri->cfg ? ri->cfg->confidentiality : NULL,
                &d) != SR_OK ||
            sr_sha256_file(xlsxtmp, regsha, &d) != SR_OK) {
            say_diag(&f, &d);
            rc = SR_GOV_WRITE;
            goto out;
        }
        sr_manifest_set(f.mf, "output", SR_REGISTER_XLSX, regsha);
    }
    sr_manifest_format(f.mf, &mtext);
    if (!sr_sha256_mem(mtext.buf, mtext.len, msha)) {
        say_error(&f, "cannot compute the SHA-256 of the manifest");
        rc = SR_GOV_WRITE;
        goto out;
    }
    re = sr_manifest_find(f.mf, "output", "report.pdf");

    /* the commit point: the log entry */
    memset(&e, 0, sizeof(e));
    e.action = SR_ACT_DISTRIBUTE;
    e.time = when;
    e.by = by;
    e.role = o->role ? o->role : "";
    e.comment = o->comment ? o->comment : "";
    e.report = re ? re->sha : "";
    e.to = to.buf;
    e.copies = nos.buf;
    e.manifest = msha;
    if (sr_approval_append(f.dir, f.log, &e, use, &d) != SR_OK) {
        say_diag(&f, &d);
        rc = SR_GOV_WRITE;
        goto out;
    }
    made_dir = false; /* it is in use now */
    for (i = 0; i < nnames; i++) {
        char *final = sr_manifest_path(f.dir, copies[i].file);

        if (rename(copies[i].tmp, final) != 0) {
            say_error(&f,
                      "the distribution is logged but '%s' cannot be "
                      "renamed to '%s': %s",
                      copies[i].tmp, final, strerror(errno));
            rc = SR_GOV_WRITE;
        } else {
            free(copies[i].tmp);
            copies[i].tmp = NULL;
        }
        free(final);
    }
    {
        char *mpath = sr_manifest_path(f.dir, SR_MANIFEST_FILE);

        if (!register_in_place(&f, &regtmp, SR_REGISTER_FILE) ||
            !register_in_place(&f, &xlsxtmp, SR_REGISTER_XLSX))
            rc = SR_GOV_WRITE;
        if (sr_file_replace(mpath, mtext.buf, mtext.len, &d) != SR_OK) {
            say_diag(&f, &d);
            rc = SR_GOV_WRITE;
        }
        free(mpath);
    }
    if (rc == SR_GOV_OK && !o->quiet) {
        fprintf(f.out, "%s: %zu %s of the %s report distributed on %s:\n",
                f.dir, nnames, nnames == 1 ? "copy" : "copies",
                st == SR_STATE_APPROVED ? "approved" : "draft", date);
        for (i = 0; i < nnames; i++)
            fprintf(f.out, "  第 %ld 份  %s  %s\n", copies[i].no,
                    copies[i].recipient, copies[i].file);
    }
out:
    for (i = 0; copies && i < nnames; i++) {
        if (copies[i].tmp && rc != SR_GOV_OK)
            unlink(copies[i].tmp);
        free(copies[i].tmp);
        free(copies[i].file);
    }
    free(copies);
    if (regtmp) {
        unlink(regtmp);
        free(regtmp);
    }
    if (xlsxtmp) {
        unlink(xlsxtmp);
        free(xlsxtmp);
    }
    if (made_dir)
        rmdir(copydir);
    free(copydir);
    for (i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    sr_buf_release(&to);
    sr_buf_release(&nos);
    sr_buf_release(&mtext);
    sr_register_release(&reg);
    sr_rerender_free(rr);
    sr_sign_key_clear(&key);
    issues_release(&is);
    folder_close(&f);
    return rc;
}

int sr_govern_keygen(const char *path, const struct sr_govern_opts *o)
{
    FILE *err = o->err ? o->err : stderr;
    FILE *out = o->out ? o->out : stdout;
    struct sr_diag d;
    char msg[2048];

    if (!o->by || !*o->by) {
        fputs("satreport: error: keygen needs --by NAME (whose key it is)\n",
              err);
        return SR_GOV_USAGE;
    }
    sr_diag_clear(&d);
    if (sr_sign_keygen(path, o->by, &d) != SR_OK) {
        fprintf(err, "satreport: error: %s\n",
                sr_diag_format(&d, msg, sizeof(msg)));
        return d.code == SR_ERR_WRITE ? SR_GOV_WRITE : SR_GOV_USAGE;
    }
    if (!o->quiet)
        fprintf(out,
                "%s: secret key of %s (keep it private)\n%s.pub: its public "
                "key (add it to [approval] public_keys)\n",
                path, o->by, path);
    return SR_GOV_OK;
}
