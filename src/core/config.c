/* SPDX-License-Identifier: MIT */
/*
 * config.c - load a pipeline file (INI) into struct sr_config
 *
 * Parsing is inih's (Debian libinih: inline ';' comments, continuation
 * lines); this file owns the meaning: known sections and keys, defaults,
 * value checks and path resolution against the pipeline's directory.
 * Errors carry the pipeline's file:line.
 */
#include "config.h"
#include "buf.h"
#include "logfile.h"
#include "mem.h"
#include "period.h"
#include "../datadir.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct loader {
    struct sr_config *c;
    struct sr_diag *d;
    bool failed;
    long fail_line; /* the line of the first failure of ours */
    unsigned seen;  /* bit per key, for duplicates */
    FILE *fp;
    long line; /* the line inih is handling */
};

/* inih's reader: fgets that counts lines, so keys know their line */
static char *read_line(char *str, int num, void *stream)
{
    struct loader *l = stream;
    char *r = fgets(str, num, l->fp);

    if (r && strchr(r, '\n'))
        l->line++;
    return r;
}

enum key_id {
    K_NAME,
    K_PERIOD,
    K_FORM,
    K_FILES,
    K_ENCODING,
    K_CUSTOMERS,
    K_MAPPING,
    K_UNKNOWN_CUSTOMERS,
    K_SEGMENTS,
    K_COMMENTS,
    K_PREVIOUS,
    K_MIN_BASE,
    K_MIN_REPORT,
    K_TEMPLATE,
    K_TITLE,
    K_ORGANIZATION,
    K_CONFIDENTIALITY,
    K_PREPARED_BY,
    K_RECORDS,
    K_DIR,
    K_LOG,
    K_LOG_MAX,
    K_LOG_KEEP,
    K_COUNT
};

static const struct {
    const char *section;
    const char *name;
} keys[K_COUNT] = {
    [K_NAME] = { "pipeline", "name" },
    [K_PERIOD] = { "pipeline", "period" },
    [K_FORM] = { "input", "form" },
    [K_FILES] = { "input", "files" },
    [K_ENCODING] = { "input", "encoding" },
    [K_CUSTOMERS] = { "input", "customers" },
    [K_MAPPING] = { "input", "mapping" },
    [K_UNKNOWN_CUSTOMERS] = { "input", "unknown_customers" },
    [K_SEGMENTS] = { "classify", "segments" },
    [K_COMMENTS] = { "classify", "comments" },
    [K_PREVIOUS] = { "analysis", "previous" },
    [K_MIN_BASE] = { "analysis", "min_base" },
    [K_MIN_REPORT] = { "analysis", "min_report" },
    [K_TEMPLATE] = { "report", "template" },
    [K_TITLE] = { "report", "title" },
    [K_ORGANIZATION] = { "report", "organization" },
    [K_CONFIDENTIALITY] = { "report", "confidentiality" },
    [K_PREPARED_BY] = { "report", "prepared_by" },
    [K_RECORDS] = { "workbook", "records" },
    [K_DIR] = { "output", "dir" },
    [K_LOG] = { "output", "log" },
    [K_LOG_MAX] = { "output", "log_max" },
    [K_LOG_KEEP] = { "output", "log_keep" },
};

static const char *const sections[] = { "pipeline", "input",    "classify",
                                        "analysis", "report",   "workbook",
                                        "output",   "approval", NULL };

/* Collapse "." and "dir/.." segments lexically, in place, so messages
 * name "input/x.csv" rather than "pipelines/../input/x.csv".  Leading ".."
 * segments of a relative path stay (they cannot be collapsed). */
static void clean_path(char *path)
{
    char *segs[256];
    size_t n = 0;
    bool abs = path[0] == '/';
    char *copy = xstrdup(path);
    char *p = copy;
    char *out = path;
    size_t i;

    while (*p && n < sizeof(segs) / sizeof(segs[0])) {
        char *seg;

        while (*p == '/')
            p++;
        if (!*p)
            break;
        seg = p;
        while (*p && *p != '/')
            p++;
        if (*p)
            *p++ = '\0';
        if (!strcmp(seg, "."))
            continue;
        if (!strcmp(seg, "..") && n > 0 && strcmp(segs[n - 1], "..")) {
            n--;
            continue;
        }
        if (!strcmp(seg, "..") && abs)
            continue;
        segs[n++] = seg;
    }
    if (*p) { /* too deep to clean: leave it as it was */
        free(copy);
        return;
    }
    if (abs)
        *out++ = '/';
    for (i = 0; i < n; i++) {
        size_t l = strlen(segs[i]);

        if (i)
            *out++ = '/';
        memmove(out, segs[i], l);
        out += l;
    }
    if (out == path)
        *out++ = '.';
    *out = '\0';
    free(copy);
}

static char *resolve(const struct sr_config *c, const char *p)
{
    struct sr_buf b = SR_BUF_INIT;

    if (p[0] == '/' || !strcmp(c->dir, "."))
        sr_buf_addstr(&b, p);
    else
        sr_buf_addf(&b, "%s/%s", c->dir, p);
    clean_path(b.buf);
    b.len = strlen(b.buf);
    return sr_buf_detach(&b);
}

/* A named shipped file (template, rules, layout): beside the pipeline
 * first, else in the data folders (docs/install.md) */
static char *resolve_data(const struct sr_config *c, const char *p)
{
    char *r = resolve(c, p);
    char *found;

    if (p[0] == '/' || access(r, R_OK) == 0)
        return r;
    found = sr_datadir_find(p);
    if (!found)
        return r; /* the error names what the user wrote */
    free(r);
    return found;
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1") ||
        !strcasecmp(s, "on")) {
        *out = true;
        return true;
    }
    if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0") ||
        !strcasecmp(s, "off")) {
        *out = false;
        return true;
    }
    return false;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
    static const int days[] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* n digits at s; -1 if not digits */
static int digits(const char *s, int n)
{
    int v = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool sr_date_parse(const char *s, int *ymd)
{
    int y;
    int m;
    int dd;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    dd = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > days_in(y, m))
        return false;
    *ymd = y * 10000 + m * 100 + dd;
    return true;
}

bool sr_period_parse(const char *s, int *from, int *to)
{
    const char *dots = strstr(s, "..");
    size_t n = strlen(s);
    int y;
    int v;

    if (dots) {
        char a[16];
        char b[16];
        size_t la = (size_t)(dots - s);
        size_t lb = n - la - 2;

        if (la >= sizeof(a) || lb >= sizeof(b))
            return false;
        memcpy(a, s, la);
        a[la] = '\0';
        memcpy(b, dots + 2, lb);
        b[lb] = '\0';
        *from = 0;
        *to = 0;
        if (la && !sr_date_parse(a, from))
            return false;
        if (lb && !sr_date_parse(b, to))
            return false;
        return !(la && lb && *from > *to);
    }
    if (n < 4 || (y = digits(s, 4)) < 1)
        return false;
    if (n == 4) {
        *from = y * 10000 + 101;
        *to = y * 10000 + 1231;
        return true;
    }
    if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')) {
        v = digits(s + 6, 1);
        if (v < 1 || v > 4)
            return false;
        *from = y * 10000 + ((v - 1) * 3 + 1) * 100 + 1;
        *to = y * 10000 + v * 3 * 100 + days_in(y, v * 3);
        return true;
    }
    if (n == 7 && s[4] == '-') {
        v = digits(s + 5, 2);
        if (v < 1 || v > 12)
            return false;
        *from = y * 10000 + v * 100 + 1;
        *to = y * 10000 + v * 100 + days_in(y, v);
        return true;
    }
    return false;
}

static int fail(struct loader *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct loader *l, const char *fmt, ...)
{
    va_list ap;

    if (l->failed)
        return 0; /* the first failure says most */
    l->failed = true;
    l->fail_line = l->line;
    va_start(ap, fmt);
    vsnprintf(l->d->msg, sizeof(l->d->msg), fmt, ap);
    va_end(ap);
    return 0; /* inih: stop, report this line */
}

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = xstrdup(v);
}

static void add_files(struct sr_config *c, const char *v)
{
    const char *p = v;

    while (*p) {
        const char *q;
        char *one;

        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        q = p;
        while (*q && *q != ' ' && *q != '\t')
            q++;
        one = xstrndup(p, (size_t)(q - p));
        c->files = xreallocarray(c->files, c->nfiles + 1, sizeof(*c->files));
        c->files[c->nfiles++] = resolve(c, one);
        free(one);
        p = q;
    }
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value)
{
    struct loader *l = user;
    struct sr_config *c = l->c;
    int k;
    int i;
    long n;

    if (!name) /* a new section (INI_CALL_HANDLER_ON_NEW_SECTION) */
        return 1;
    for (i = 0; sections[i]; i++)
        if (!strcmp(section, sections[i]))
            break;
    if (!*section)
        return fail(l, "key '%s' is outside any section", name);
    if (!sections[i])
        return fail(l, "unknown section '[%s]'", section);
    for (k = 0; k < K_COUNT; k++)
        if (!strcmp(keys[k].section, section) && !strcmp(keys[k].name, name))
            break;
    if (k == K_COUNT) {
        if (!strcmp(section, "approval"))
            return 1; /* read by the approval commands */
        return fail(l, "unknown key '%s' in [%s]", name, section);
    }
    if ((l->seen & (1u << k)) && k != K_FILES)
        return fail(l, "duplicate key '%s' in [%s]", name, section);
    l->seen |= 1u << k;
    switch ((enum key_id)k) {
    case K_NAME:
        set_str(&c->name, value);
        break;
    case K_PERIOD:
        if (!sr_period_parse_rel(value, &c->period_from, &c->period_to))
            return fail(l,
                        "bad period '%s' (want YYYY, YYYY-Qn, YYYY-MM, "
                        "YYYY-MM-DD..YYYY-MM-DD, last-year, last-quarter or "
                        "last-month)",
                        value);
        set_str(&c->period, value);
        break;
    case K_FORM:
        c->form_line = l->line;
        free(c->form);
        c->form = resolve_data(c, value);
        break;
    case K_FILES:
        if (!c->files_line)
            c->files_line = l->line;
        add_files(c, value);
        break;
    case K_ENCODING:
        if (!strcasecmp(value, "auto"))
            c->encoding = SR_ENC_AUTO;
        else if (!strcasecmp(value, "utf-8") || !strcasecmp(value, "utf8"))
            c->encoding = SR_ENC_UTF8;
        else if (!strcasecmp(value, "gbk") || !strcasecmp(value, "gb2312") ||
                 !strcasecmp(value, "gb18030"))
            c->encoding = SR_ENC_GB18030;
        else
            return fail(l,
                        "unknown encoding '%s' (want auto, utf-8, gbk or "
                        "gb18030)",
                        value);
        break;
    case K_CUSTOMERS:
        free(c->customers);
        c->customers = resolve(c, value);
        break;
    case K_MAPPING:
        free(c->mapping);
        c->mapping = resolve_data(c, value);
        break;
    case K_UNKNOWN_CUSTOMERS:
        if (!strcmp(value, "refuse"))
            c->refuse_unknown = true;
        else if (!strcmp(value, "keep"))
            c->refuse_unknown = false;
        else
            return fail(l, "bad unknown_customers '%s' (want keep or refuse)",
                        value);
        break;
    case K_SEGMENTS:
        free(c->segments_rules);
        c->segments_rules = resolve_data(c, value);
        break;
    case K_COMMENTS:
        if (!strcmp(value, "none")) {
            c->comments_off = true;
            break;
        }
        free(c->comments_rules);
        c->comments_rules = resolve_data(c, value);
        break;
    case K_PREVIOUS:
        free(c->previous);
        c->previous = resolve(c, value);
        break;
    case K_MIN_BASE:
    case K_MIN_REPORT:
        if (!parse_long(value, &n) || n < 1 || n > 1000000)
            return fail(l, "bad %s '%s' (want a whole number >= 1)", name,
                        value);
        if (k == K_MIN_BASE)
            c->min_base = n;
        else
            c->min_report = n;
        break;
    case K_TEMPLATE:
        free(c->report_template);
        c->report_template = resolve_data(c, value);
        break;
    case K_TITLE:
        set_str(&c->title, value);
        break;
    case K_ORGANIZATION:
        set_str(&c->organization, value);
        break;
    case K_CONFIDENTIALITY:
        if (strcmp(value, "公开") && strcmp(value, "内部") &&
            strcmp(value, "机密") && strcmp(value, "绝密"))
            return fail(l,
                        "bad confidentiality '%s' (want 公开, 内部, 机密 or "
                        "绝密)",
                        value);
        set_str(&c->confidentiality, value);
        break;
    case K_PREPARED_BY:
        set_str(&c->prepared_by, value);
        break;
    case K_RECORDS:
        if (!parse_bool(value, &c->records))
            return fail(l, "bad records '%s' (want yes or no)", value);
        break;
    case K_DIR:
        free(c->out_dir);
        c->out_dir = resolve(c, value);
        break;
    case K_LOG:
        free(c->log);
        c->log = resolve(c, value);
        break;
    case K_LOG_MAX:
        if (!sr_logfile_parse_size(value, &c->log_max))
            return fail(l, "bad log_max '%s' (want a size: 10M, 512k)", value);
        break;
    case K_LOG_KEEP:
        if (!parse_long(value, &n) || n < 0 || n > 1000)
            return fail(l, "bad log_keep '%s' (want a whole number 0..1000)",
                        value);
        c->log_keep = n ? n : -1; /* 0 = keep no old log */
        break;
    case K_COUNT:
        break;
    }
    return 1;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static char *stem_of(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return dot && dot != base ? xstrndup(base, (size_t)(dot - base))
                              : xstrdup(base);
}

enum sr_status sr_config_load(const char *path, struct sr_config **out,
                              struct sr_diag *d)
{
    struct sr_config *c;
    struct loader l;
    FILE *fp;
    int rc;

    *out = NULL;
    fp = fopen(path, "r");
    if (!fp)
        return sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                           "cannot open pipeline: %s", strerror(errno));
    c = xcalloc(1, sizeof(*c));
    c->path = xstrdup(path);
    c->dir = dir_of(path);
    c->min_base = 30;
    c->min_report = 5;
    c->records = true;
    l.c = c;
    l.d = d;
    l.failed = false;
    l.fail_line = 0;
    l.seen = 0;
    sr_diag_clear(d);
    l.fp = fp;
    l.line = 0;
    rc = ini_parse_stream(read_line, &l, on_key, &l);
    fclose(fp);
    if (rc != 0) {
        /* inih goes on after a malformed line: the first problem wins */
        if (!l.failed || rc < l.fail_line)
            sr_diag_set(d, SR_ERR_CONFIG, path, rc,
                        "malformed line (want 'key = value' or '[section]')");
        else {
            char msg[sizeof(d->msg)];

            memcpy(msg, d->msg, sizeof(msg));
            sr_diag_set(d, SR_ERR_CONFIG, path, rc, "%s", msg);
        }
        goto out_free;
    }
    if (!c->form) {
        sr_diag_set(d, SR_ERR_CONFIG, path, 0, "missing key 'form' in [input]");
        goto out_free;
    }
    if (!c->nfiles) {
        sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                    "missing key 'files' in [input]");
        goto out_free;
    }
    if (!c->name)
        c->name = stem_of(path);
    if (!c->title)
        c->title = xstrdup("顾客满意度调查分析报告");
    if (!c->organization)
        c->organization = xstrdup("");
    if (!c->confidentiality)
        c->confidentiality = xstrdup("内部");
    if (!c->prepared_by)
        c->prepared_by = xstrdup("");
    if (!c->out_dir) {
        struct sr_buf b = SR_BUF_INIT;

        sr_buf_addf(&b, "../output/%s", c->name);
        c->out_dir = resolve(c, b.buf);
        sr_buf_release(&b);
    }
    *out = c;
    return SR_OK;
out_free:
    sr_config_free(c);
    return d ? d->code : SR_ERR_CONFIG;
}

void sr_config_free(struct sr_config *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->files);
    free(c->path);
    free(c->dir);
    free(c->name);
    free(c->period);
    free(c->form);
    free(c->customers);
    free(c->mapping);
    free(c->segments_rules);
    free(c->comments_rules);
    free(c->previous);
    free(c->report_template);
    free(c->title);
    free(c->organization);
    free(c->confidentiality);
    free(c->prepared_by);
    free(c->out_dir);
    free(c->log);
    free(c);
}
