/* SPDX-License-Identifier: MIT */
/*
 * settings.c - read [approval] of a pipeline file (inih)
 *
 * Input: the pipeline file; output: struct sr_approval_settings.  Only
 * the [approval] section is looked at; the rest is config.c's.
 */
#include "settings.h"
#include "../core/buf.h"
#include "../core/mem.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const known[] = {
    "key",         "public_keys", "require_signature", "distribute",
    "document_no", "submit_role", "approve_role",      NULL
};

bool sr_approval_settings_known(const char *key)
{
    size_t i;

    for (i = 0; known[i]; i++)
        if (!strcmp(known[i], key))
            return true;
    return false;
}

void sr_approval_settings_init(struct sr_approval_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->submit_role = xstrdup("客户服务部经理");
    s->approve_role = xstrdup("总经理");
}

void sr_approval_settings_release(struct sr_approval_settings *s)
{
    size_t i;

    free(s->key);
    free(s->public_keys);
    for (i = 0; i < s->ndistribute; i++)
        free(s->distribute[i]);
    free(s->distribute);
    free(s->document_no);
    free(s->submit_role);
    free(s->approve_role);
    memset(s, 0, sizeof(*s));
}

/* the next separator of a name list at @p: its length, or 0 */
static size_t sep_len(const char *p)
{
    static const char *const seps[] = { ",", ";", "，", "、", "；", NULL };
    size_t i;

    for (i = 0; seps[i]; i++)
        if (!strncmp(p, seps[i], strlen(seps[i])))
            return strlen(seps[i]);
    return 0;
}

void sr_split_names(const char *list, char ***v, size_t *n)
{
    const char *p = list;

    while (*p) {
        const char *start = p;
        const char *end;
        size_t l;

        while (*p && !sep_len(p))
            p++;
        end = p;
        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (end > start) {
            *v = xreallocarray(*v, *n + 1, sizeof(**v));
            (*v)[(*n)++] = xstrndup(start, (size_t)(end - start));
        }
        l = sep_len(p);
        p += l;
    }
}

struct loader {
    struct sr_approval_settings *s;
    const char *path;
    char *dir;
    struct sr_diag *d;
    FILE *fp;
    long line;
    bool failed;
};

static char *read_line(char *str, int num, void *stream)
{
    struct loader *l = stream;
    char *r = fgets(str, num, l->fp);

    if (r && strchr(r, '\n'))
        l->line++;
    return r;
}

static char *resolve(const struct loader *l, const char *v)
{
    struct sr_buf b = SR_BUF_INIT;

    if (v[0] == '/' || !strcmp(l->dir, "."))
        sr_buf_addstr(&b, v);
    else
        sr_buf_addf(&b, "%s/%s", l->dir, v);
    return sr_buf_detach(&b);
}

static int on_key(void *user, const char *section, const char *name,
                  const char *value)
{
    struct loader *l = user;
    struct sr_approval_settings *s = l->s;

    if (!name || strcmp(section, "approval"))
        return 1;
    if (!strcmp(name, "key")) {
        free(s->key);
        s->key = resolve(l, value);
    } else if (!strcmp(name, "public_keys")) {
        free(s->public_keys);
        s->public_keys = resolve(l, value);
    } else if (!strcmp(name, "require_signature")) {
        if (!strcasecmp(value, "yes") || !strcasecmp(value, "true") ||
            !strcmp(value, "1") || !strcasecmp(value, "on")) {
            s->require_signature = true;
        } else if (!strcasecmp(value, "no") || !strcasecmp(value, "false") ||
                   !strcmp(value, "0") || !strcasecmp(value, "off")) {
            s->require_signature = false;
        } else {
            sr_diag_set(l->d, SR_ERR_CONFIG, l->path, l->line,
                        "bad require_signature '%s' (want yes or no)", value);
            l->failed = true;
            return 0;
        }
    } else if (!strcmp(name, "distribute")) {
        sr_split_names(value, &s->distribute, &s->ndistribute);
    } else if (!strcmp(name, "document_no")) {
        free(s->document_no);
        s->document_no = xstrdup(value);
    } else if (!strcmp(name, "submit_role")) {
        free(s->submit_role);
        s->submit_role = xstrdup(value);
    } else if (!strcmp(name, "approve_role")) {
        free(s->approve_role);
        s->approve_role = xstrdup(value);
    } else {
        sr_diag_set(l->d, SR_ERR_CONFIG, l->path, l->line,
                    "unknown key '%s' in [approval]", name);
        l->failed = true;
        return 0;
    }
    return 1;
}

enum sr_status sr_approval_settings_load(const char *path,
                                         struct sr_approval_settings *s,
                                         struct sr_diag *d)
{
    struct loader l;
    const char *slash = strrchr(path, '/');
    int rc;

    sr_approval_settings_init(s);
    memset(&l, 0, sizeof(l));
    l.s = s;
    l.path = path;
    l.d = d;
    l.fp = fopen(path, "r");
    if (!l.fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot read pipeline: %s",
                           strerror(errno));
    l.dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    if (slash == path) {
        free(l.dir);
        l.dir = xstrdup("/");
    }
    rc = ini_parse_stream(read_line, &l, on_key, &l);
    fclose(l.fp);
    free(l.dir);
    if (rc != 0 && !l.failed)
        return sr_diag_set(d, SR_ERR_CONFIG, path, rc,
                           "malformed line (want 'key = value' or "
                           "'[section]')");
    return rc != 0 ? SR_ERR_CONFIG : SR_OK;
}
