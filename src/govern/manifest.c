/* SPDX-License-Identifier: MIT */
/*
 * manifest.c - write, read and check manifest.txt
 *
 * Input: the run folder and the files the run read; output: manifest.txt
 * (format in manifest.h and docs/governance.md) and, when checking, the
 * list of differences.  Hashing is hash.c's (libcrypto).
 */
#include "manifest.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "record.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const roles[] = {
    "pipeline",  "form",  "mapping",  "input",
    "customers", "rules", "previous", "report-template",
    "output",    "draft", NULL
};

static int role_rank(const char *role)
{
    int i;

    for (i = 0; roles[i]; i++)
        if (!strcmp(roles[i], role))
            return i;
    return i; /* unknown roles (a later version's) sort last */
}

/* the order of entries: role rank, role, path */
static int cmp_key(const char *role_a, const char *path_a, const char *role_b,
                   const char *path_b)
{
    int ra = role_rank(role_a);
    int rb = role_rank(role_b);
    int c;

    if (ra != rb)
        return ra < rb ? -1 : 1;
    c = strcmp(role_a, role_b);
    return c ? c : strcmp(path_a, path_b);
}

const struct sr_manifest_entry *sr_manifest_find(const struct sr_manifest *m,
                                                 const char *role,
                                                 const char *path)
{
    size_t i;

    for (i = 0; i < m->n; i++)
        if (!strcmp(m->entries[i].role, role) &&
            (!path || !strcmp(m->entries[i].path, path)))
            return &m->entries[i];
    return NULL;
}

void sr_manifest_set(struct sr_manifest *m, const char *role, const char *path,
                     const char *sha)
{
    size_t i;

    for (i = 0; i < m->n; i++) {
        if (!strcmp(m->entries[i].role, role) &&
            !strcmp(m->entries[i].path, path)) {
            free(m->entries[i].sha);
            m->entries[i].sha = xstrdup(sha);
            return;
        }
    }
    for (i = 0; i < m->n; i++)
        if (cmp_key(role, path, m->entries[i].role, m->entries[i].path) < 0)
            break;
    m->entries = xreallocarray(m->entries, m->n + 1, sizeof(*m->entries));
    memmove(&m->entries[i + 1], &m->entries[i],
            (m->n - i) * sizeof(*m->entries));
    m->entries[i].role = xstrdup(role);
    m->entries[i].path = xstrdup(path);
    m->entries[i].sha = xstrdup(sha);
    m->n++;
}

static void remove_entry(struct sr_manifest *m, size_t i)
{
    free(m->entries[i].role);
    free(m->entries[i].path);
    free(m->entries[i].sha);
    memmove(&m->entries[i], &m->entries[i + 1],
            (m->n - i - 1) * sizeof(*m->entries));
    m->n--;
}

void sr_manifest_free(struct sr_manifest *m)
{
    if (!m)
        return;
    while (m->n)
        remove_entry(m, m->n - 1);
    free(m->entries);
    free(m->tool);
    free(m->created);
    free(m);
}

char *sr_manifest_path(const char *run_dir, const char *path)
{
    struct sr_buf b = SR_BUF_INIT;

    if (path[0] == '/')
        sr_buf_addstr(&b, path);
    else
        sr_buf_addf(&b, "%s/%s", run_dir, path);
    return sr_buf_detach(&b);
}

/* The path of @target relative to the folder @from (both absolute and
 * canonical), or @target itself when they share only the root. */
static char *relative_to(const char *from, const char *target)
{
    struct sr_buf b = SR_BUF_INIT;
    size_t common = 0;
    size_t i;
    const char *rest;

    /* the longest common prefix that ends at a folder boundary */
    for (i = 0; from[i] && target[i] && from[i] == target[i]; i++)
        if (from[i] == '/')
            common = i;
    if (!from[i] && target[i] == '/')
        common = i;
    if (common == 0) {
        sr_buf_addstr(&b, target);
        return sr_buf_detach(&b);
    }
    for (rest = from + common; *rest; rest++)
        if (*rest == '/')
            sr_buf_addstr(&b, "../");
    sr_buf_addstr(&b, target + common + 1);
    return sr_buf_detach(&b);
}

/* An absolute, canonical path of @path; if it does not exist (any more),
 * the current folder joined with it. */
static char *absolute(const char *path)
{
    struct sr_buf b = SR_BUF_INIT;
    char *r = realpath(path, NULL);
    char cwd[PATH_MAX];

    if (r)
        return r;
    if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
        sr_buf_addf(&b, "%s/%s", cwd, path);
    else
        sr_buf_addstr(&b, path);
    return sr_buf_detach(&b);
}

struct names {
    char **v;
    size_t n;
};

static void names_add(struct names *ns, const char *s)
{
    ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
    ns->v[ns->n++] = xstrdup(s);
}

static void names_release(struct names *ns)
{
    size_t i;

    for (i = 0; i < ns->n; i++)
        free(ns->v[i]);
    free(ns->v);
    ns->v = NULL;
    ns->n = 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Files the manifest leaves out: itself and the approval log. */
static bool not_listed(const char *rel)
{
    return !strcmp(rel, SR_MANIFEST_FILE) || !strcmp(rel, "approval.log");
}

/* Every file under @root/@rel (recursively), as paths relative to @root,
 * but folders; symbolic links and other non-folders are listed. */
static enum sr_status list_files(const char *root, const char *rel,
                                 struct names *out, struct sr_diag *d)
{
    struct sr_buf dir = SR_BUF_INIT;
    struct sr_buf sub = SR_BUF_INIT;
    struct sr_buf full = SR_BUF_INIT;
    enum sr_status s = SR_OK;
    struct dirent *e;
    DIR *dp;

    if (*rel)
        sr_buf_addf(&dir, "%s/%s", root, rel);
    else
        sr_buf_addstr(&dir, root);
    dp = opendir(dir.buf);
    if (!dp) {
        s = sr_diag_set(d, SR_ERR_IO, NULL, 0, "cannot list '%s': %s", dir.buf,
                        strerror(errno));
        goto out;
    }
    while ((e = readdir(dp)) != NULL) {
        struct stat sb;

        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        sr_buf_reset(&sub);
        if (*rel)
            sr_buf_addf(&sub, "%s/%s", rel, e->d_name);
        else
            sr_buf_addstr(&sub, e->d_name);
        sr_buf_reset(&full);
        sr_buf_addf(&full, "%s/%s", root, sub.buf);
        if (lstat(full.buf, &sb) != 0)
            continue; /* gone while listing */
        if (S_ISDIR(sb.st_mode)) {
            s = list_files(root, sub.buf, out, d);
            if (s != SR_OK)
                break;
        } else if (!not_listed(sub.buf)) {
            names_add(out, sub.buf);
        }
    }
    closedir(dp);
out:
    sr_buf_release(&full);
    sr_buf_release(&sub);
    sr_buf_release(&dir);
    return s;
}

static void format_time(time_t t, char *out, size_t n)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Hash the source @path (as the run named it) into @m under @role. */
static enum sr_status add_source(struct sr_manifest *m, const char *run_real,
                                 const char *role, const char *path,
                                 struct sr_diag *d)
{
    char sha[SR_SHA256_HEX + 1];
    char *abs;
    char *rel;
    enum sr_status s;

    if (!path || !*path)
        return SR_OK;
    s = sr_sha256_file_once(path, sha, d);
    if (s != SR_OK)
        return s;
    abs = absolute(path);
    rel = relative_to(run_real, abs);
    sr_manifest_set(m, role, rel, sha);
    free(rel);
    free(abs);
    return SR_OK;
}

enum sr_status sr_manifest_write(const char *run_dir,
                                 const struct sr_manifest_inputs *in,
                                 struct sr_diag *d)
{
    struct sr_manifest *m = xcalloc(1, sizeof(*m));
    struct names files = { NULL, 0 };
    struct sr_buf b = SR_BUF_INIT;
    char when[32];
    char *run_real;
    char *path;
    enum sr_status s;
    size_t i;

    run_real = absolute(run_dir);
    sr_buf_addf(&b, "satreport %s", in->version ? in->version : "dev");
    m->tool = sr_buf_detach(&b);
    format_time(in->epoch, when, sizeof(when));
    m->created = xstrdup(when);

    s = add_source(m, run_real, "pipeline", in->pipeline, d);
    if (s == SR_OK)
        s = add_source(m, run_real, "form", in->form, d);
    if (s == SR_OK)
        s = add_source(m, run_real, "mapping", in->mapping, d);
    for (i = 0; i < in->ninputs && s == SR_OK; i++)
        s = add_source(m, run_real, "input", in->inputs[i], d);
    if (s == SR_OK)
        s = add_source(m, run_real, "customers", in->customers, d);
    for (i = 0; i < in->nrules && s == SR_OK; i++)
        s = add_source(m, run_real, "rules", in->rules[i], d);
    if (s == SR_OK)
        s = add_source(m, run_real, "previous", in->previous, d);
    if (s == SR_OK)
        s = add_source(m, run_real, "report-template", in->report_template, d);
    if (s == SR_OK)
        s = list_files(run_dir, "", &files, d);
    for (i = 0; i < files.n && s == SR_OK; i++) {
        char sha[SR_SHA256_HEX + 1];

        path = sr_manifest_path(run_dir, files.v[i]);
        s = sr_sha256_file(path, sha, d);
        if (s == SR_OK)
            sr_manifest_set(m, "output", files.v[i], sha);
        /* the report as the run made it: approval replaces report.pdf,
         * this line stays (verify, govern.c) */
        if (s == SR_OK && !strcmp(files.v[i], "report.pdf"))
            sr_manifest_set(m, "draft", files.v[i], sha);
        free(path);
    }
    if (s == SR_OK)
        s = sr_manifest_save(run_dir, m, d);
    names_release(&files);
    free(run_real);
    sr_manifest_free(m);
    return s;
}

void sr_manifest_format(const struct sr_manifest *m, struct sr_buf *b)
{
    size_t i;

    sr_buf_addstr(b, "# satreport manifest: ROLE<TAB>SHA-256<TAB>PATH, "
                     "see docs/governance.md\n");
    sr_buf_addstr(b, "tool\t");
    sr_record_escape(b, m->tool ? m->tool : "");
    sr_buf_addstr(b, "\ncreated\t");
    sr_record_escape(b, m->created ? m->created : "");
    sr_buf_addch(b, '\n');
    for (i = 0; i < m->n; i++) {
        sr_record_escape(b, m->entries[i].role);
        sr_buf_addch(b, '\t');
        sr_buf_addstr(b, m->entries[i].sha);
        sr_buf_addch(b, '\t');
        sr_record_escape(b, m->entries[i].path);
        sr_buf_addch(b, '\n');
    }
}

enum sr_status sr_manifest_save(const char *run_dir,
                                const struct sr_manifest *m, struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    char *path = sr_manifest_path(run_dir, SR_MANIFEST_FILE);
    enum sr_status s;

    sr_manifest_format(m, &b);
    s = sr_file_replace(path, b.buf, b.len, d);
    sr_buf_release(&b);
    free(path);
    return s;
}

static bool is_role_word(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '-'))
            return false;
    return true;
}

enum sr_status sr_manifest_load(const char *run_dir, struct sr_manifest **out,
                                struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    char *path = sr_manifest_path(run_dir, SR_MANIFEST_FILE);
    struct sr_manifest *m;
    enum sr_status s;
    char *line;
    long lineno = 0;

    *out = NULL;
    s = sr_file_read(path, &b, d);
    if (s != SR_OK)
        goto out;
    m = xcalloc(1, sizeof(*m));
    line = b.buf;
    while (*line && s == SR_OK) {
        char *nl = strchr(line, '\n');
        char *f[4];
        size_t n;

        lineno++;
        if (nl)
            *nl = '\0';
        if (*line && *line != '#') {
            if (!sr_record_split(line, f, 4, &n)) {
                s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                                "bad escape in the manifest");
            } else if (n == 2 && !strcmp(f[0], "tool") && !m->tool) {
                m->tool = xstrdup(f[1]);
            } else if (n == 2 && !strcmp(f[0], "created") && !m->created) {
                m->created = xstrdup(f[1]);
            } else if (n == 3 && is_role_word(f[0]) && sr_sha256_is_hex(f[1]) &&
                       *f[2]) {
                if (sr_manifest_find(m, f[0], f[2]))
                    s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                                    "'%s' is listed twice", f[2]);
                else
                    sr_manifest_set(m, f[0], f[2], f[1]);
            } else {
                s = sr_diag_set(d, SR_ERR_PARSE, path, lineno,
                                "malformed manifest line (want "
                                "ROLE<TAB>SHA-256<TAB>PATH)");
            }
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    if (s == SR_OK && !m->tool)
        s = sr_diag_set(d, SR_ERR_PARSE, path, 0,
                        "not a satreport manifest (no 'tool' line)");
    if (s == SR_OK)
        *out = m;
    else
        sr_manifest_free(m);
out:
    sr_buf_release(&b);
    free(path);
    return s;
}

static void diff_add(struct sr_manifest_diff *diff, enum sr_change_kind k,
                     const char *role, const char *path)
{
    struct sr_change *c;

    diff->items = xreallocarray(diff->items, diff->n + 1, sizeof(*diff->items));
    c = &diff->items[diff->n++];
    c->kind = k;
    c->role = xstrdup(role);
    c->path = xstrdup(path);
}

void sr_manifest_diff_release(struct sr_manifest_diff *diff)
{
    size_t i;

    for (i = 0; i < diff->n; i++) {
        free(diff->items[i].role);
        free(diff->items[i].path);
    }
    free(diff->items);
    diff->items = NULL;
    diff->n = 0;
}

const char *sr_change_name(enum sr_change_kind k)
{
    switch (k) {
    case SR_CHANGE_CHANGED:
        return "changed";
    case SR_CHANGE_MISSING:
        return "missing";
    case SR_CHANGE_ADDED:
        return "added";
    case SR_CHANGE_UNREADABLE:
        return "unreadable";
    }
    return "?";
}

enum sr_status sr_manifest_check(const char *run_dir,
                                 const struct sr_manifest *m, unsigned flags,
                                 struct sr_manifest_diff *diff,
                                 struct sr_diag *d)
{
    struct names files = { NULL, 0 };
    enum sr_status s = SR_OK;
    size_t i;

    diff->items = NULL;
    diff->n = 0;
    for (i = 0; i < m->n; i++) {
        const struct sr_manifest_entry *e = &m->entries[i];
        bool out = !strcmp(e->role, "output");
        char sha[SR_SHA256_HEX + 1];
        struct sr_diag ignored;
        char *path;

        if (!strcmp(e->role, "draft"))
            continue; /* a record, not a file to compare */
        if (out ? !(flags & SR_CHECK_OUTPUTS) : !(flags & SR_CHECK_SOURCES))
            continue;
        path = sr_manifest_path(run_dir, e->path);
        if (!sr_file_exists(path))
            diff_add(diff, SR_CHANGE_MISSING, e->role, e->path);
        else if (sr_sha256_file(path, sha, &ignored) != SR_OK)
            diff_add(diff, SR_CHANGE_UNREADABLE, e->role, e->path);
        else if (strcmp(sha, e->sha))
            diff_add(diff, SR_CHANGE_CHANGED, e->role, e->path);
        free(path);
    }
    if (flags & SR_CHECK_OUTPUTS) {
        s = list_files(run_dir, "", &files, d);
        if (s == SR_OK)
            qsort(files.v, files.n, sizeof(*files.v), cmp_name);
        for (i = 0; i < files.n && s == SR_OK; i++)
            if (!sr_manifest_find(m, "output", files.v[i]))
                diff_add(diff, SR_CHANGE_ADDED, "output", files.v[i]);
        names_release(&files);
    }
    return s;
}
