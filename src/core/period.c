/* SPDX-License-Identifier: MIT */
/*
 * period.c - survey periods: relative forms, normal forms, {period}
 *
 * Input: a period as written (pipeline or --period) and a reference time;
 * output: struct sr_period.  The absolute forms are parsed by
 * sr_period_parse() (config.c); this file adds the relative forms, names
 * the result (2026-Q3) and fills placeholders in pipeline values.
 */
#include "period.h"
#include "buf.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WANT                                                           \
    "want YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD..YYYY-MM-DD, last-year, " \
    "last-quarter or last-month"

time_t sr_period_now(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");

    if (sde && *sde) {
        char *end;
        long long v;

        errno = 0;
        v = strtoll(sde, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
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

static void set_year(struct sr_period *p, int y)
{
    memset(p, 0, sizeof(*p));
    p->kind = SR_PERIOD_YEAR;
    p->year = y;
    p->from = y * 10000 + 101;
    p->to = y * 10000 + 1231;
    snprintf(p->text, sizeof(p->text), "%04d", y);
}

static void set_quarter(struct sr_period *p, int y, int q)
{
    memset(p, 0, sizeof(*p));
    p->kind = SR_PERIOD_QUARTER;
    p->year = y;
    p->quarter = q;
    p->from = y * 10000 + ((q - 1) * 3 + 1) * 100 + 1;
    p->to = y * 10000 + q * 3 * 100 + days_in(y, q * 3);
    snprintf(p->text, sizeof(p->text), "%04d-Q%d", y, q);
}

static void set_month(struct sr_period *p, int y, int m)
{
    memset(p, 0, sizeof(*p));
    p->kind = SR_PERIOD_MONTH;
    p->year = y;
    p->month = m;
    p->from = y * 10000 + m * 100 + 1;
    p->to = y * 10000 + m * 100 + days_in(y, m);
    snprintf(p->text, sizeof(p->text), "%04d-%02d", y, m);
}

static void fmt_ymd(char *out, size_t n, int ymd)
{
    if (ymd)
        snprintf(out, n, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
                 ymd % 100);
    else
        out[0] = '\0';
}

/* A range: named as a year, quarter or month when it is exactly one. */
static void set_range(struct sr_period *p, int from, int to)
{
    int y = from / 10000;
    int fm = from / 100 % 100;
    int tm = to / 100 % 100;
    char a[16];
    char b[16];

    if (from && to && y == to / 10000 && from % 100 == 1 &&
        to % 100 == days_in(y, tm)) {
        if (fm == 1 && tm == 12) {
            set_year(p, y);
            return;
        }
        if (fm == tm) {
            set_month(p, y, fm);
            return;
        }
        if ((fm - 1) % 3 == 0 && tm == fm + 2) {
            set_quarter(p, y, (fm - 1) / 3 + 1);
            return;
        }
    }
    memset(p, 0, sizeof(*p));
    p->kind = SR_PERIOD_RANGE;
    p->from = from;
    p->to = to;
    p->year = from / 10000;
    fmt_ymd(a, sizeof(a), from);
    fmt_ymd(b, sizeof(b), to);
    snprintf(p->text, sizeof(p->text), "%s..%s", a, b);
}

/* label = text with ".." as "_" (a folder name without dots in a row) */
static void set_label(struct sr_period *p)
{
    const char *s = p->text;
    char *o = p->label;

    while (*s) {
        if (s[0] == '.' && s[1] == '.') {
            *o++ = '_';
            s += 2;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
}

enum sr_status sr_period_resolve(const char *spec, time_t ref,
                                 struct sr_period *out, struct sr_diag *d)
{
    struct tm tm;
    int y;
    int m;
    int from;
    int to;

    memset(out, 0, sizeof(*out));
    if (!strcmp(spec, "last-year") || !strcmp(spec, "last-quarter") ||
        !strcmp(spec, "last-month")) {
        if (!localtime_r(&ref, &tm))
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "cannot resolve period '%s': bad reference "
                               "time",
                               spec);
        y = tm.tm_year + 1900;
        m = tm.tm_mon + 1;
        if (!strcmp(spec, "last-year")) {
            set_year(out, y - 1);
        } else if (!strcmp(spec, "last-quarter")) {
            int q = (m - 1) / 3 + 1;

            if (q == 1)
                set_quarter(out, y - 1, 4);
            else
                set_quarter(out, y, q - 1);
        } else if (m == 1) {
            set_month(out, y - 1, 12);
        } else {
            set_month(out, y, m - 1);
        }
    } else if (sr_period_parse(spec, &from, &to)) {
        set_range(out, from, to);
    } else {
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0, "bad period '%s' (%s)",
                           spec, WANT);
    }
    set_label(out);
    return SR_OK;
}

bool sr_period_parse_rel(const char *spec, int *from, int *to)
{
    struct sr_period p;

    if (sr_period_resolve(spec, sr_period_now(), &p, NULL) != SR_OK)
        return false;
    *from = p.from;
    *to = p.to;
    return true;
}

bool sr_period_prev(const struct sr_period *p, struct sr_period *out)
{
    switch (p->kind) {
    case SR_PERIOD_YEAR:
        set_year(out, p->year - 1);
        break;
    case SR_PERIOD_QUARTER:
        if (p->quarter == 1)
            set_quarter(out, p->year - 1, 4);
        else
            set_quarter(out, p->year, p->quarter - 1);
        break;
    case SR_PERIOD_MONTH:
        if (p->month == 1)
            set_month(out, p->year - 1, 12);
        else
            set_month(out, p->year, p->month - 1);
        break;
    case SR_PERIOD_RANGE:
        return false;
    }
    set_label(out);
    return true;
}

/* Append the value of placeholder @name (without braces) for @p. */
static enum sr_status fill(struct sr_buf *b, const char *name,
                           const struct sr_period *p, struct sr_diag *d)
{
    struct sr_period prev;
    char tmp[16];
    static const char *const known[] = { "period",  "prev_period", "year",
                                         "quarter", "month",       "from",
                                         "to",      NULL };
    size_t i;

    for (i = 0; known[i]; i++)
        if (!strcmp(name, known[i]))
            break;
    if (!known[i])
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "unknown placeholder '{%s}' (want {period}, "
                           "{prev_period}, {year}, {quarter}, {month}, {from} "
                           "or {to})",
                           name);
    if (!p)
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "placeholder '{%s}' needs a period (set [pipeline] "
                           "period or give --period)",
                           name);
    if (!strcmp(name, "period")) {
        sr_buf_addstr(b, p->label);
    } else if (!strcmp(name, "prev_period")) {
        if (!sr_period_prev(p, &prev))
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "placeholder '{prev_period}' needs a year, "
                               "quarter or month, not the range '%s'",
                               p->text);
        sr_buf_addstr(b, prev.label);
    } else if (!strcmp(name, "year")) {
        if (!p->year)
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "placeholder '{year}' needs a period with a "
                               "start, not '%s'",
                               p->text);
        sr_buf_addf(b, "%04d", p->year);
    } else if (!strcmp(name, "quarter")) {
        if (p->kind != SR_PERIOD_QUARTER)
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "placeholder '{quarter}' needs a quarter, not "
                               "'%s'",
                               p->text);
        sr_buf_addf(b, "%d", p->quarter);
    } else if (!strcmp(name, "month")) {
        if (p->kind != SR_PERIOD_MONTH)
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "placeholder '{month}' needs a month, not '%s'",
                               p->text);
        sr_buf_addf(b, "%02d", p->month);
    } else {
        int ymd = !strcmp(name, "from") ? p->from : p->to;

        if (!ymd)
            return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                               "placeholder '{%s}' needs a closed period, not "
                               "'%s'",
                               name, p->text);
        fmt_ymd(tmp, sizeof(tmp), ymd);
        sr_buf_addstr(b, tmp);
    }
    return SR_OK;
}

enum sr_status sr_period_subst(const char *s, const struct sr_period *p,
                               char **out, struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf name = SR_BUF_INIT;
    enum sr_status st = SR_OK;

    *out = NULL;
    while (*s) {
        const char *open = strchr(s, '{');
        const char *close;

        if (!open) {
            sr_buf_addstr(&b, s);
            break;
        }
        close = strchr(open + 1, '}');
        sr_buf_add(&b, s, (size_t)(open - s));
        if (!close) { /* a lone brace is text */
            sr_buf_addstr(&b, open);
            break;
        }
        sr_buf_reset(&name);
        sr_buf_add(&name, open + 1, (size_t)(close - open - 1));
        st = fill(&b, name.buf, p, d);
        if (st != SR_OK)
            goto out_free;
        s = close + 1;
    }
    *out = sr_buf_detach(&b);
out_free:
    sr_buf_release(&name);
    sr_buf_release(&b);
    return st;
}

/* Substitute one value in place; @key names it in messages. */
static enum sr_status apply_one(char **v, const char *key,
                                const struct sr_config *c,
                                const struct sr_period *p, struct sr_diag *d)
{
    char *n;

    if (!*v || !strchr(*v, '{'))
        return SR_OK;
    if (sr_period_subst(*v, p, &n, d) != SR_OK) {
        struct sr_buf msg = SR_BUF_INIT;

        sr_buf_addf(&msg, "%s: %s", key, d->msg);
        sr_diag_set(d, SR_ERR_CONFIG, c->path, 0, "%s", msg.buf);
        sr_buf_release(&msg);
        return SR_ERR_CONFIG;
    }
    free(*v);
    *v = n;
    return SR_OK;
}

enum sr_status sr_period_apply(struct sr_config *c, time_t ref,
                               struct sr_diag *d)
{
    struct sr_period p;
    const struct sr_period *pp = NULL;
    struct {
        char **v;
        const char *key;
    } keys[] = {
        { &c->name, "[pipeline] name" },
        { &c->title, "[report] title" },
        { &c->organization, "[report] organization" },
        { &c->prepared_by, "[report] prepared_by" },
        { &c->form, "[input] form" },
        { &c->customers, "[input] customers" },
        { &c->segments_rules, "[classify] segments" },
        { &c->comments_rules, "[classify] comments" },
        { &c->previous, "[analysis] previous" },
        { &c->report_template, "[report] template" },
        { &c->out_dir, "[output] dir" },
    };
    struct sr_diag local;
    enum sr_status st = SR_OK;
    size_t i;

    if (!d)
        d = &local;
    if (c->period) {
        st = sr_period_resolve(c->period, ref, &p, d);
        if (st != SR_OK) {
            char msg[sizeof(d->msg)];

            snprintf(msg, sizeof(msg), "%s", d->msg);
            return sr_diag_set(d, SR_ERR_CONFIG, c->path, 0, "%s", msg);
        }
        c->period_from = p.from;
        c->period_to = p.to;
        free(c->period);
        c->period = xstrdup(p.text);
        pp = &p;
    }
    for (i = 0; i < sizeof(keys) / sizeof(keys[0]) && st == SR_OK; i++)
        st = apply_one(keys[i].v, keys[i].key, c, pp, d);
    for (i = 0; i < c->nfiles && st == SR_OK; i++)
        st = apply_one(&c->files[i], "[input] files", c, pp, d);
    return st;
}
