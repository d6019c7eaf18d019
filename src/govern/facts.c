/* SPDX-License-Identifier: MIT */
/*
 * facts.c - write and read runinfo.txt (see facts.h)
 *
 * Input: the run's model and run info (writing) or the file (reading);
 * output: the file, or struct sr_facts with a rebuilt struct sr_config.
 */
#include "facts.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "record.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum ctype { T_STR, T_INT, T_LONG, T_BOOL, T_ENC };

static const struct {
    const char *name;
    size_t off;
    enum ctype type;
} ckeys[] = {
    { "path", offsetof(struct sr_config, path), T_STR },
    { "dir", offsetof(struct sr_config, dir), T_STR },
    { "name", offsetof(struct sr_config, name), T_STR },
    { "period", offsetof(struct sr_config, period), T_STR },
    { "period_from", offsetof(struct sr_config, period_from), T_INT },
    { "period_to", offsetof(struct sr_config, period_to), T_INT },
    { "form", offsetof(struct sr_config, form), T_STR },
    { "form_line", offsetof(struct sr_config, form_line), T_LONG },
    { "files_line", offsetof(struct sr_config, files_line), T_LONG },
    { "encoding", offsetof(struct sr_config, encoding), T_ENC },
    { "customers", offsetof(struct sr_config, customers), T_STR },
    { "refuse_unknown", offsetof(struct sr_config, refuse_unknown), T_BOOL },
    { "segments_rules", offsetof(struct sr_config, segments_rules), T_STR },
    { "comments_rules", offsetof(struct sr_config, comments_rules), T_STR },
    { "comments_off", offsetof(struct sr_config, comments_off), T_BOOL },
    { "previous", offsetof(struct sr_config, previous), T_STR },
    { "min_base", offsetof(struct sr_config, min_base), T_LONG },
    { "min_report", offsetof(struct sr_config, min_report), T_LONG },
    { "report_template", offsetof(struct sr_config, report_template), T_STR },
    { "title", offsetof(struct sr_config, title), T_STR },
    { "organization", offsetof(struct sr_config, organization), T_STR },
    { "confidentiality", offsetof(struct sr_config, confidentiality), T_STR },
    { "prepared_by", offsetof(struct sr_config, prepared_by), T_STR },
    { "records", offsetof(struct sr_config, records), T_BOOL },
    { "out_dir", offsetof(struct sr_config, out_dir), T_STR },
};

#define NCKEYS (sizeof(ckeys) / sizeof(ckeys[0]))

static const char *const kinds[] = {
    [SR_GROUP_SEGMENT] = "segment",
    [SR_GROUP_DERIVED] = "derived",
    [SR_GROUP_CATEGORY] = "category",
};

/* one record: fields joined by TABs, each escaped */
static void rec(struct sr_buf *b, const char *const *f, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i)
            sr_buf_addch(b, '\t');
        sr_record_escape(b, f[i] ? f[i] : "");
    }
    sr_buf_addch(b, '\n');
}

static void write_config(struct sr_buf *b, const struct sr_config *c)
{
    char num[32];
    size_t i;

    for (i = 0; i < NCKEYS; i++) {
        const char *p = (const char *)c + ckeys[i].off;
        const char *f[3] = { "config", ckeys[i].name, num };

        switch (ckeys[i].type) {
        case T_STR:
            f[2] = *(char *const *)(const void *)p;
            if (!f[2])
                continue;
            break;
        case T_INT:
            snprintf(num, sizeof(num), "%d", *(const int *)(const void *)p);
            break;
        case T_LONG:
            snprintf(num, sizeof(num), "%ld", *(const long *)(const void *)p);
            break;
        case T_BOOL:
            snprintf(num, sizeof(num), "%d",
                     *(const bool *)(const void *)p ? 1 : 0);
            break;
        case T_ENC:
            snprintf(num, sizeof(num), "%d",
                     (int)*(const enum sr_encoding *)(const void *)p);
            break;
        }
        rec(b, f, 3);
    }
    for (i = 0; i < c->nfiles; i++) {
        const char *f[3] = { "config", "files", c->files[i] };

        rec(b, f, 3);
    }
}

enum sr_status sr_facts_write(const char *run_dir, const struct sr_model *m,
                              const struct sr_run_info *ri, struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf path = SR_BUF_INIT;
    char n1[32];
    char n2[32];
    char n3[32];
    char n4[32];
    enum sr_status s;
    size_t i;
    size_t k;

    sr_buf_addstr(&b, "# satreport run facts: what the report needs besides "
                      "stats.csv, see docs/governance.md\n");
    {
        const char *f[2] = { "version", ri->version ? ri->version : "" };

        rec(&b, f, 2);
    }
    snprintf(n1, sizeof(n1), "%lld", (long long)ri->epoch);
    {
        const char *f1[2] = { "epoch", n1 };
        const char *f2[2] = { "date", ri->date };

        rec(&b, f1, 2);
        rec(&b, f2, 2);
    }
    if (ri->cfg)
        write_config(&b, ri->cfg);
    snprintf(n1, sizeof(n1), "%ld", m->min_base);
    {
        const char *f1[3] = { "model", "min_base", n1 };
        const char *f2[3] = { "model", "has_previous",
                              m->has_previous ? "1" : "0" };

        rec(&b, f1, 3);
        rec(&b, f2, 3);
    }
    for (i = 0; i < m->nsources; i++) {
        const struct sr_model_source *src = &m->sources[i];
        const char *f[6] = { "source", src->file, n1, n2, n3, n4 };

        snprintf(n1, sizeof(n1), "%ld", src->read);
        snprintf(n2, sizeof(n2), "%ld", src->accepted);
        snprintf(n3, sizeof(n3), "%ld", src->refused);
        snprintf(n4, sizeof(n4), "%ld", src->out_of_period);
        rec(&b, f, 6);
    }
    for (i = 0; i < m->ngroups; i++) {
        const struct sr_model_group *g = &m->groups[i];
        const char *f[4] = { "group", g->field_id, g->label,
                             (unsigned)g->kind < 3 ? kinds[g->kind]
                                                   : "segment" };

        rec(&b, f, 4);
        for (k = 0; k < g->nvalues; k++) {
            const char *v[4] = { "value", g->field_id, g->values[k], n1 };

            snprintf(n1, sizeof(n1), "%ld", g->forms[k]);
            rec(&b, v, 4);
        }
    }
    for (i = 0; i < m->ncategories; i++) {
        const struct sr_model_category *c = &m->categories[i];
        const char *f[4] = { "category", c->name, c->kind ? c->kind : "",
                             c->complaint ? "1" : "0" };

        rec(&b, f, 4);
        for (k = 0; k < c->nexamples; k++) {
            const char *e[3] = { "example", c->name, c->examples[k] };

            rec(&b, e, 3);
        }
    }
    sr_buf_addf(&path, "%s/%s", run_dir, SR_FACTS_FILE);
    s = sr_file_replace(path.buf, b.buf, b.len, d);
    sr_buf_release(&path);
    sr_buf_release(&b);
    return s;
}

void sr_facts_free(struct sr_facts *f)
{
    size_t i;
    size_t k;

    if (!f)
        return;
    for (i = 0; i < f->nsources; i++)
        free(f->sources[i].file);
    free(f->sources);
    for (i = 0; i < f->ngroups; i++) {
        for (k = 0; k < f->groups[i].nvalues; k++)
            free(f->groups[i].values[k]);
        free(f->groups[i].values);
        free(f->groups[i].forms);
        free(f->groups[i].id);
        free(f->groups[i].label);
    }
    free(f->groups);
    for (i = 0; i < f->ncategories; i++) {
        free(f->categories[i].name);
        free(f->categories[i].kind);
        for (k = 0; k < f->categories[i].nexamples; k++)
            free(f->categories[i].examples[k]);
    }
    free(f->categories);
    sr_config_free(f->cfg);
    free(f->version);
    free(f);
}

static bool to_long(const char *s, long *out)
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

static bool read_config(struct sr_config *c, const char *key, const char *v)
{
    char *p = (char *)c;
    long n;
    size_t i;

    if (!strcmp(key, "files")) {
        c->files = xreallocarray(c->files, c->nfiles + 1, sizeof(*c->files));
        c->files[c->nfiles++] = xstrdup(v);
        return true;
    }
    for (i = 0; i < NCKEYS; i++)
        if (!strcmp(ckeys[i].name, key))
            break;
    if (i == NCKEYS)
        return true; /* a later version's key */
    if (ckeys[i].type == T_STR) {
        char **dst = (char **)(void *)(p + ckeys[i].off);

        free(*dst);
        *dst = xstrdup(v);
        return true;
    }
    if (!to_long(v, &n))
        return false;
    switch (ckeys[i].type) {
    case T_INT:
        *(int *)(void *)(p + ckeys[i].off) = (int)n;
        break;
    case T_LONG:
        *(long *)(void *)(p + ckeys[i].off) = n;
        break;
    case T_BOOL:
        *(bool *)(void *)(p + ckeys[i].off) = n != 0;
        break;
    case T_ENC:
        *(enum sr_encoding *)(void *)(p + ckeys[i].off) = (enum sr_encoding)n;
        break;
    case T_STR:
        break;
    }
    return true;
}

static struct sr_facts_group *find_group(struct sr_facts *f, const char *id)
{
    size_t i;

    for (i = 0; i < f->ngroups; i++)
        if (!strcmp(f->groups[i].id, id))
            return &f->groups[i];
    return NULL;
}

/* one line of runinfo.txt; false if malformed */
static bool read_line(struct sr_facts *f, char **v, size_t n)
{
    long a[4];
    size_t i;

    if (!strcmp(v[0], "version") && n == 2) {
        free(f->version);
        f->version = xstrdup(v[1]);
    } else if (!strcmp(v[0], "epoch") && n == 2) {
        if (!to_long(v[1], &a[0]))
            return false;
        f->epoch = (time_t)a[0];
    } else if (!strcmp(v[0], "date") && n == 2) {
        snprintf(f->date, sizeof(f->date), "%s", v[1]);
    } else if (!strcmp(v[0], "config") && n == 3) {
        return read_config(f->cfg, v[1], v[2]);
    } else if (!strcmp(v[0], "model") && n == 3) {
        if (!to_long(v[2], &a[0]))
            return false;
        if (!strcmp(v[1], "min_base"))
            f->min_base = a[0];
        else if (!strcmp(v[1], "has_previous"))
            f->has_previous = a[0] != 0;
    } else if (!strcmp(v[0], "source") && n == 6) {
        struct sr_facts_source *s;

        for (i = 0; i < 4; i++)
            if (!to_long(v[2 + i], &a[i]))
                return false;
        f->sources =
            xreallocarray(f->sources, f->nsources + 1, sizeof(*f->sources));
        s = &f->sources[f->nsources++];
        s->file = xstrdup(v[1]);
        s->read = a[0];
        s->accepted = a[1];
        s->refused = a[2];
        s->out_of_period = a[3];
    } else if (!strcmp(v[0], "group") && n == 4) {
        struct sr_facts_group *g;

        f->groups =
            xreallocarray(f->groups, f->ngroups + 1, sizeof(*f->groups));
        g = &f->groups[f->ngroups++];
        memset(g, 0, sizeof(*g));
        g->id = xstrdup(v[1]);
        g->label = xstrdup(v[2]);
        g->kind = !strcmp(v[3], "derived")    ? SR_GROUP_DERIVED
                  : !strcmp(v[3], "category") ? SR_GROUP_CATEGORY
                                              : SR_GROUP_SEGMENT;
    } else if (!strcmp(v[0], "value") && n == 4) {
        struct sr_facts_group *g = find_group(f, v[1]);

        if (!g || !to_long(v[3], &a[0]))
            return false;
        g->values =
            xreallocarray(g->values, g->nvalues + 1, sizeof(*g->values));
        g->forms = xreallocarray(g->forms, g->nvalues + 1, sizeof(*g->forms));
        g->values[g->nvalues] = xstrdup(v[2]);
        g->forms[g->nvalues] = a[0];
        g->nvalues++;
    } else if (!strcmp(v[0], "category") && n == 4) {
        struct sr_facts_category *c;

        f->categories = xreallocarray(f->categories, f->ncategories + 1,
                                      sizeof(*f->categories));
        c = &f->categories[f->ncategories++];
        c->name = xstrdup(v[1]);
        c->kind = *v[2] ? xstrdup(v[2]) : NULL;
        c->complaint = !strcmp(v[3], "1");
        c->nexamples = 0;
    } else if (!strcmp(v[0], "example") && n == 3) {
        /* an example follows its category's line */
        struct sr_facts_category *c =
            f->ncategories ? &f->categories[f->ncategories - 1] : NULL;

        if (!c || strcmp(c->name, v[1]) || c->nexamples >= SR_MODEL_EXAMPLES)
            return false;
        c->examples[c->nexamples++] = xstrdup(v[2]);
    } else if (!strcmp(v[0], "version") || !strcmp(v[0], "epoch") ||
               !strcmp(v[0], "date") || !strcmp(v[0], "config") ||
               !strcmp(v[0], "model") || !strcmp(v[0], "source") ||
               !strcmp(v[0], "group") || !strcmp(v[0], "value") ||
               !strcmp(v[0], "category") || !strcmp(v[0], "example")) {
        return false; /* a known record with the wrong number of fields */
    }
    return true;
}

enum sr_status sr_facts_load(const char *run_dir, struct sr_facts **out,
                             struct sr_diag *d)
{
    struct sr_buf b = SR_BUF_INIT;
    struct sr_buf path = SR_BUF_INIT;
    struct sr_facts *f;
    enum sr_status s;
    char *line;
    long lineno = 0;

    *out = NULL;
    sr_buf_addf(&path, "%s/%s", run_dir, SR_FACTS_FILE);
    s = sr_file_read(path.buf, &b, d);
    if (s != SR_OK)
        goto out;
    f = xcalloc(1, sizeof(*f));
    f->cfg = xcalloc(1, sizeof(*f->cfg));
    f->min_base = 30;
    for (line = b.buf; *line && s == SR_OK;) {
        char *nl = strchr(line, '\n');
        char *v[8];
        size_t n;

        lineno++;
        if (nl)
            *nl = '\0';
        if (*line && *line != '#' &&
            (!sr_record_split(line, v, 8, &n) || n > 8 || !read_line(f, v, n)))
            s = sr_diag_set(d, SR_ERR_PARSE, path.buf, lineno,
                            "malformed line in the run facts");
        if (!nl)
            break;
        line = nl + 1;
    }
    if (s == SR_OK && !f->version)
        s = sr_diag_set(d, SR_ERR_PARSE, path.buf, 0,
                        "not satreport run facts (no 'version' line)");
    if (s == SR_OK)
        *out = f;
    else
        sr_facts_free(f);
out:
    sr_buf_release(&path);
    sr_buf_release(&b);
    return s;
}

void sr_facts_apply(const struct sr_facts *f, struct sr_model *m)
{
    size_t i;
    size_t k;

    m->min_base = f->min_base;
    m->has_previous = f->has_previous;
    for (i = 0; i < f->nsources; i++)
        sr_model_add_source(m, f->sources[i].file, f->sources[i].read,
                            f->sources[i].accepted, f->sources[i].refused,
                            f->sources[i].out_of_period);
    for (i = 0; i < f->ngroups; i++) {
        const struct sr_facts_group *fg = &f->groups[i];
        struct sr_model_group *g = sr_model_add_group(m, fg->id, fg->label);

        g->kind = fg->kind;
        for (k = 0; k < fg->nvalues; k++)
            sr_model_group_value(m, g, fg->values[k], fg->forms[k]);
    }
    for (i = 0; i < f->ncategories; i++) {
        sr_model_add_category(m, f->categories[i].name, f->categories[i].kind,
                              f->categories[i].complaint);
        for (k = 0; k < f->categories[i].nexamples; k++)
            sr_model_add_example(m, i, f->categories[i].examples[k]);
    }
}
