/* SPDX-License-Identifier: MIT */
/*
 * approval.c - read, check and append approval.log
 *
 * Input: the run folder's approval.log; output: entries in memory, the
 * problems found in them, new entries appended.  Hashes are hash.c's,
 * signatures sign.c's.  Format and states in approval.h.
 */
#include "approval.h"
#include "../core/mem.h"
#include "hash.h"
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ZERO_HASH \
    "0000000000000000000000000000000000000000000000000000000000000000"
#define HASH_KEY "\thash="

static const char *const action_names[] = {
    [SR_ACT_SUBMIT] = "submit",   [SR_ACT_APPROVE] = "approve",
    [SR_ACT_REJECT] = "reject",   [SR_ACT_DISTRIBUTE] = "distribute",
    [SR_ACT_UNKNOWN] = "unknown",
};

static const char *const action_labels[] = {
    [SR_ACT_SUBMIT] = "提交",  [SR_ACT_APPROVE] = "批准",
    [SR_ACT_REJECT] = "驳回",  [SR_ACT_DISTRIBUTE] = "分发",
    [SR_ACT_UNKNOWN] = "未知",
};

const char *sr_action_name(enum sr_action a)
{
    return a <= SR_ACT_UNKNOWN ? action_names[a] : "unknown";
}

const char *sr_action_label(enum sr_action a)
{
    return a <= SR_ACT_UNKNOWN ? action_labels[a] : "未知";
}

const char *sr_state_status(enum sr_approval_state s)
{
    switch (s) {
    case SR_STATE_APPROVED:
        return "已批准";
    case SR_STATE_REJECTED:
        return "已驳回";
    case SR_STATE_DRAFT:
    case SR_STATE_SUBMITTED:
        break;
    }
    return "送审稿";
}

const char *sr_state_name(enum sr_approval_state s)
{
    switch (s) {
    case SR_STATE_DRAFT:
        return "draft";
    case SR_STATE_SUBMITTED:
        return "submitted";
    case SR_STATE_APPROVED:
        return "approved";
    case SR_STATE_REJECTED:
        return "rejected";
    }
    return "?";
}

static enum sr_action action_of(const char *s)
{
    int a;

    for (a = 0; a < SR_ACT_UNKNOWN; a++)
        if (!strcmp(s, action_names[a]))
            return (enum sr_action)a;
    return SR_ACT_UNKNOWN;
}

static void entry_release(struct sr_approval_entry *e)
{
    free(e->time);
    free(e->by);
    free(e->role);
    free(e->comment);
    free(e->report);
    free(e->approved);
    free(e->document_no);
    free(e->to);
    free(e->copies);
    free(e->manifest);
    free(e->prev);
    free(e->hash);
    free(e->key);
    free(e->sig);
    free(e->raw);
}

void sr_approval_free(struct sr_approval_log *log)
{
    size_t i;

    if (!log)
        return;
    for (i = 0; i < log->n; i++)
        entry_release(&log->e[i]);
    free(log->e);
    free(log->path);
    free(log);
}

/* Parse @raw (one line, no line end) into @e; raw is copied. */
static void parse_entry(const char *raw, long line, struct sr_approval_entry *e)
{
    struct {
        const char *key;
        char **dst;
    } map[] = {
        { "time", &e->time },
        { "by", &e->by },
        { "role", &e->role },
        { "comment", &e->comment },
        { "report", &e->report },
        { "approved", &e->approved },
        { "document_no", &e->document_no },
        { "to", &e->to },
        { "copies", &e->copies },
        { "manifest", &e->manifest },
        { "prev", &e->prev },
        { "hash", &e->hash },
        { "key", &e->key },
        { "sig", &e->sig },
    };
    size_t nmap = sizeof(map) / sizeof(map[0]);
    char *copy = xstrdup(raw);
    char **f = NULL;
    size_t nf = 0;
    size_t i;
    size_t k;
    const char *h;
    bool have_seq = false;
    bool have_action = false;

    memset(e, 0, sizeof(*e));
    e->line = line;
    e->raw = xstrdup(raw);
    e->action = SR_ACT_UNKNOWN;
    h = strstr(raw, HASH_KEY);
    if (h) {
        e->hashed_len = (size_t)(h - raw);
        e->signed_len = e->hashed_len + strlen(HASH_KEY) + SR_SHA256_HEX;
        if (e->signed_len > strlen(raw))
            e->signed_len = strlen(raw);
    }
    /* count the fields, then split */
    sr_record_split(copy, NULL, 0, &nf);
    free(copy);
    copy = xstrdup(raw);
    f = xcalloc(nf ? nf : 1, sizeof(*f));
    if (!sr_record_split(copy, f, nf, &nf))
        e->malformed = true;
    for (i = 0; i < nf; i++) {
        char *eq = strchr(f[i], '=');

        if (!eq) {
            e->malformed = true;
            continue;
        }
        *eq = '\0';
        if (!strcmp(f[i], "seq")) {
            char *end;

            errno = 0;
            e->seq = strtol(eq + 1, &end, 10);
            have_seq = !errno && end != eq + 1 && !*end;
            continue;
        }
        if (!strcmp(f[i], "action")) {
            e->action = action_of(eq + 1);
            have_action = true;
            continue;
        }
        for (k = 0; k < nmap; k++) {
            if (!strcmp(f[i], map[k].key)) {
                free(*map[k].dst);
                *map[k].dst = xstrdup(eq + 1);
                break;
            }
        }
    }
    for (k = 0; k < nmap; k++)
        if (!*map[k].dst)
            *map[k].dst = xstrdup("");
    if (!have_seq || !have_action || !h || !sr_sha256_is_hex(e->hash) ||
        !sr_sha256_is_hex(e->prev))
        e->malformed = true;
    free(f);
    free(copy);
}

static void log_add(struct sr_approval_log *log, const char *raw, long line)
{
    log->e = xreallocarray(log->e, log->n + 1, sizeof(*log->e));
    parse_entry(raw, line, &log->e[log->n]);
    log->n++;
}

enum sr_status sr_approval_load(const char *run_dir,
                                struct sr_approval_log **out, struct sr_diag *d)
{
    struct sr_approval_log *log = xcalloc(1, sizeof(*log));
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf path = SR_BUF_INIT;
    enum sr_status s = SR_OK;
    char *line;
    long lineno = 0;

    *out = NULL;
    sr_buf_addf(&path, "%s/%s", run_dir, SR_APPROVAL_FILE);
    log->path = sr_buf_detach(&path);
    if (sr_file_exists(log->path))
        s = sr_file_read(log->path, &b, d);
    for (line = b.buf; s == SR_OK && *line;) {
        char *nl = strchr(line, '\n');

        lineno++;
        if (nl)
            *nl = '\0';
        if (*line)
            log_add(log, line, lineno);
        if (!nl)
            break;
        line = nl + 1;
    }
    sr_buf_release(&b);
    if (s != SR_OK) {
        sr_approval_free(log);
        return s;
    }
    *out = log;
    return SR_OK;
}

static void problem(struct sr_approval_problems *out, long line,
                    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(struct sr_approval_problems *out, long line,
                    const char *fmt, ...)
{
    struct sr_buf b = SR_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    sr_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    out->p = xreallocarray(out->p, out->n + 1, sizeof(*out->p));
    out->p[out->n].line = line;
    out->p[out->n].msg = sr_buf_detach(&b);
    out->n++;
}

void sr_approval_problems_release(struct sr_approval_problems *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        free(p->p[i].msg);
    free(p->p);
    p->p = NULL;
    p->n = 0;
    p->nsigned = 0;
}

static void check_signature(const struct sr_approval_entry *e, long no,
                            const struct sr_approval_trust *t,
                            struct sr_approval_problems *out)
{
    const struct sr_trusted_key *k;

    if (!*e->sig) {
        if (t && t->require_signature)
            problem(out, e->line,
                    "entry %ld is not signed ([approval] require_signature "
                    "= yes)",
                    no);
        return;
    }
    if (!sr_sign_available()) {
        problem(out, e->line,
                "entry %ld is signed but its signature cannot be checked "
                "(satreport was built without libsodium)",
                no);
        return;
    }
    if (!sr_sign_verify(e->key, e->sig, e->raw, e->signed_len)) {
        problem(out, e->line,
                "entry %ld: signature does not verify (the entry was edited "
                "or signed with another key)",
                no);
        return;
    }
    if (t && t->keyring) {
        k = sr_keyring_find(t->keyring, e->key);
        if (!k) {
            problem(out, e->line,
                    "entry %ld is signed by a key that is not trusted "
                    "(%.16s...)",
                    no, e->key);
            return;
        }
        if (*k->name && strcmp(k->name, e->by)) {
            problem(out, e->line,
                    "entry %ld by '%s' is signed with the key of '%s'", no,
                    e->by, k->name);
            return;
        }
    }
    out->nsigned++;
}

/* the order of actions and the report each refers to */
static void check_flow(const struct sr_approval_entry *e, long no,
                       enum sr_approval_state *st, const char **submitted,
                       struct sr_approval_problems *out)
{
    switch (e->action) {
    case SR_ACT_SUBMIT:
        if (*st == SR_STATE_SUBMITTED)
            problem(out, e->line,
                    "entry %ld submits again while a submission is pending",
                    no);
        else if (*st == SR_STATE_APPROVED)
            problem(out, e->line, "entry %ld submits an approved report", no);
        *st = SR_STATE_SUBMITTED;
        *submitted = e->report;
        break;
    case SR_ACT_APPROVE:
    case SR_ACT_REJECT:
        if (*st != SR_STATE_SUBMITTED)
            problem(out, e->line, "entry %ld: %s without a pending submission",
                    no, sr_action_name(e->action));
        else if (*submitted && strcmp(*submitted, e->report))
            problem(out, e->line,
                    "entry %ld: %s names a report other than the one "
                    "submitted",
                    no, sr_action_name(e->action));
        if (e->action == SR_ACT_APPROVE && !sr_sha256_is_hex(e->approved))
            problem(out, e->line,
                    "entry %ld: approve without the approved "
                    "report's hash",
                    no);
        if (*st == SR_STATE_SUBMITTED)
            *st = e->action == SR_ACT_APPROVE ? SR_STATE_APPROVED
                                              : SR_STATE_REJECTED;
        break;
    case SR_ACT_DISTRIBUTE:
        break;
    case SR_ACT_UNKNOWN:
        problem(out, e->line, "entry %ld has an unknown action", no);
        break;
    }
}

void sr_approval_check(const struct sr_approval_log *log,
                       const struct sr_approval_trust *t,
                       struct sr_approval_problems *out)
{
    enum sr_approval_state st = SR_STATE_DRAFT;
    const char *submitted = NULL;
    const char *prev = ZERO_HASH;
    size_t i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < log->n; i++) {
        const struct sr_approval_entry *e = &log->e[i];
        long no = (long)i + 1;
        char sha[SR_SHA256_HEX + 1];

        if (e->malformed) {
            problem(out, e->line, "line %ld is not an approval entry", e->line);
            prev = NULL;
            continue;
        }
        if (!sr_sha256_mem(e->raw, e->hashed_len, sha) || strcmp(sha, e->hash))
            problem(out, e->line,
                    "entry %ld was edited (its hash does not match its text)",
                    no);
        if (e->seq != no || !prev || strcmp(prev, e->prev))
            problem(out, e->line,
                    "entry %ld does not follow the entry before it (an entry "
                    "was removed, inserted or reordered)",
                    no);
        prev = e->hash;
        check_signature(e, no, t, out);
        check_flow(e, no, &st, &submitted, out);
    }
    if (t && t->manifest_sha && log->n && !log->e[log->n - 1].malformed &&
        strcmp(log->e[log->n - 1].manifest, t->manifest_sha))
        problem(out, 0,
                "manifest.txt is not the one entry %zu recorded (the run "
                "folder was changed after it)",
                log->n);
}

enum sr_approval_state sr_approval_state(const struct sr_approval_log *log)
{
    enum sr_approval_state st = SR_STATE_DRAFT;
    size_t i;

    for (i = 0; i < log->n; i++) {
        const struct sr_approval_entry *e = &log->e[i];

        if (e->malformed)
            continue;
        if (e->action == SR_ACT_SUBMIT && st != SR_STATE_APPROVED)
            st = SR_STATE_SUBMITTED;
        else if (e->action == SR_ACT_APPROVE && st == SR_STATE_SUBMITTED)
            st = SR_STATE_APPROVED;
        else if (e->action == SR_ACT_REJECT && st == SR_STATE_SUBMITTED)
            st = SR_STATE_REJECTED;
    }
    return st;
}

const struct sr_approval_entry *
sr_approval_last(const struct sr_approval_log *log, enum sr_action action)
{
    size_t i;

    for (i = log->n; i > 0; i--)
        if (!log->e[i - 1].malformed && log->e[i - 1].action == action)
            return &log->e[i - 1];
    return NULL;
}

static void field(struct sr_buf *b, const char *key, const char *v, bool always)
{
    if (!v && !always)
        return;
    sr_buf_addf(b, "\t%s=", key);
    sr_record_escape(b, v ? v : "");
}

enum sr_status sr_approval_append(const char *run_dir,
                                  struct sr_approval_log *log,
                                  const struct sr_approval_new *e,
                                  const struct sr_sign_key *key,
                                  struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf path = SR_BUF_INIT;
    const char *prev = ZERO_HASH;
    char sha[SR_SHA256_HEX + 1];
    char sig[SR_SIGN_SIG_HEX + 1];
    enum sr_status s = SR_OK;
    ssize_t w;
    off_t end;
    int fd;

    if (log->n)
        prev = log->e[log->n - 1].hash;
    sr_buf_addf(&b, "seq=%zu", log->n + 1);
    field(&b, "time", e->time, true);
    field(&b, "action", sr_action_name(e->action), true);
    field(&b, "by", e->by, true);
    field(&b, "role", e->role, true);
    field(&b, "comment", e->comment, true);
    field(&b, "report", e->report, true);
    field(&b, "approved", e->approved, false);
    field(&b, "document_no", e->document_no, false);
    field(&b, "to", e->to, false);
    field(&b, "copies", e->copies, false);
    field(&b, "manifest", e->manifest, true);
    field(&b, "prev", prev, true);
    if (!sr_sha256_mem(b.buf, b.len, sha)) {
        s = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                        "cannot compute the SHA-256 of the entry");
        goto out;
    }
    sr_buf_addf(&b, "%s%s", HASH_KEY, sha);
    if (key) {
        if (!sr_sign(key, b.buf, b.len, sig)) {
            s = sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                            "cannot sign the entry");
            goto out;
        }
        sr_buf_addf(&b, "\tkey=%s\tsig=%s", key->pk_hex, sig);
    }
    sr_buf_addf(&path, "%s/%s", run_dir, SR_APPROVAL_FILE);
    fd = open(path.buf, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot open '%s': %s",
                        path.buf, strerror(errno));
        goto out;
    }
    sr_buf_addch(&b, '\n');
    end = lseek(fd, 0, SEEK_END);
    w = write(fd, b.buf, b.len);
    if (w < 0 || (size_t)w != b.len || fsync(fd) != 0) {
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                        path.buf, w < 0 ? strerror(errno) : "short write");
        if (end >= 0 && ftruncate(fd, end) != 0) /* no torn entry */
            s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0,
                            "cannot write '%s' and a partial entry is left "
                            "at its end: %s",
                            path.buf, strerror(errno));
    }
    if (close(fd) != 0 && s == SR_OK)
        s = sr_diag_set(d, SR_ERR_WRITE, NULL, 0, "cannot write '%s': %s",
                        path.buf, strerror(errno));
    if (s == SR_OK) {
        b.buf[--b.len] = '\0';
        log_add(log, b.buf, 0);
    }
out:
    sr_buf_release(&path);
    sr_buf_release(&b);
    return s;
}
