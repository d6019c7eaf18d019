/* SPDX-License-Identifier: MIT */
/*
 * mapping.c - load a mapping file; element trees and paths for XML exports
 *
 * Input: a mapping file (docs/mappings.md) and the form template it maps
 * to.  Output: a struct sr_mapping (mapping_impl.h) whose every id, option
 * and value map has been checked against the template, so that a mistake
 * shows at load time with the mapping's file:line, not as thousands of
 * refused forms.  The mapping file is parsed through the shared XML layer
 * (core/xml.h) into a small element tree first; the same tree type holds
 * one record of an XML export at a time for the mapped reader (mapped.c),
 * and the path functions here evaluate the mapping's paths on it.
 *
 * Owns: the mapping and everything it points to (freed by
 * sr_mapping_free()); a tree owns its arena.
 */
#include "mapping.h"

#include "mapping_impl.h"

#include "../core/mem.h"
#include "../core/text.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

/* A mapping file larger than this is refused (a mapping is a few KiB). */
#define MAX_MAPPING_BYTES (16u * 1024 * 1024)

/* --- element trees ------------------------------------------------------- */

void sr_mdom_init(struct sr_mdom *dom)
{
    int i;

    memset(dom, 0, sizeof(*dom));
    sr_arena_init(&dom->arena);
    for (i = 0; i <= SR_XML_MAX_DEPTH; i++)
        sr_buf_init(&dom->text[i]);
}

void sr_mdom_reset(struct sr_mdom *dom)
{
    sr_arena_reset(&dom->arena);
    dom->root = NULL;
    dom->cur = NULL;
    dom->depth = 0;
    dom->bytes = 0;
}

void sr_mdom_release(struct sr_mdom *dom)
{
    int i;

    sr_arena_release(&dom->arena);
    for (i = 0; i <= SR_XML_MAX_DEPTH; i++)
        sr_buf_release(&dom->text[i]);
    dom->root = NULL;
    dom->cur = NULL;
    dom->depth = 0;
}

const char *sr_local_name(const char *qname)
{
    const char *colon = strrchr(qname, ':');

    return colon ? colon + 1 : qname;
}

void sr_mdom_start(struct sr_mdom *dom, const char *name,
                   const char *const *attr, long line)
{
    struct sr_mnode *n = sr_arena_alloc(&dom->arena, sizeof(*n));
    const char **a;
    size_t na = 0;
    size_t i;

    memset(n, 0, sizeof(*n));
    n->name = sr_arena_strdup(&dom->arena, sr_local_name(name));
    while (attr && attr[na])
        na += 2;
    a = sr_arena_alloc(&dom->arena, (na + 1) * sizeof(*a));
    for (i = 0; i < na; i += 2) {
        a[i] = sr_arena_strdup(&dom->arena, sr_local_name(attr[i]));
        a[i + 1] = sr_arena_strdup(&dom->arena, attr[i + 1]);
        dom->bytes += strlen(attr[i + 1]);
    }
    a[na] = NULL;
    n->attr = a;
    n->text = "";
    n->line = line;
    n->parent = dom->cur;
    if (dom->cur) {
        if (dom->cur->last)
            dom->cur->last->next = n;
        else
            dom->cur->child = n;
        dom->cur->last = n;
    } else if (!dom->root) {
        dom->root = n;
    }
    dom->cur = n;
    if (dom->depth < SR_XML_MAX_DEPTH)
        dom->depth++;
    sr_buf_reset(&dom->text[dom->depth]);
}

void sr_mdom_text(struct sr_mdom *dom, const char *s, size_t n)
{
    if (!dom->cur)
        return;
    sr_buf_add(&dom->text[dom->depth], s, n);
    dom->bytes += n;
}

void sr_mdom_end(struct sr_mdom *dom)
{
    struct sr_mnode *n = dom->cur;
    struct sr_buf *b = &dom->text[dom->depth];

    if (!n)
        return;
    if (b->len) {
        n->text = sr_arena_strndup(&dom->arena, b->buf, b->len);
        n->textlen = b->len;
    }
    sr_buf_reset(b);
    dom->cur = n->parent;
    if (dom->depth > 0)
        dom->depth--;
}

const char *sr_mnode_attr(const struct sr_mnode *n, const char *name)
{
    size_t i;

    for (i = 0; n->attr[i]; i += 2)
        if (!strcmp(n->attr[i], name))
            return n->attr[i + 1];
    return NULL;
}

/* --- paths --------------------------------------------------------------- */

struct pparse {
    const char *s;
    size_t i;
    char *err;
    size_t errlen;
};

static bool perr(struct pparse *P, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool perr(struct pparse *P, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(P->err, P->errlen, fmt, ap);
    va_end(ap);
    return false;
}

static bool name_char(char c)
{
    return c && !strchr("/[]@='\" \t\r\n*", c);
}

static char *parse_name(struct pparse *P)
{
    size_t start = P->i;

    while (name_char(P->s[P->i]))
        P->i++;
    if (P->i == start)
        return NULL;
    return xstrndup(P->s + start, P->i - start);
}

static bool parse_rel(struct pparse *P, struct sr_mpath *p, bool in_pred);

static bool parse_pred(struct pparse *P, struct sr_mpred *pr)
{
    char q;
    size_t start;

    memset(pr, 0, sizeof(*pr));
    if (!parse_rel(P, &pr->path, true))
        return false;
    while (P->s[P->i] == ' ')
        P->i++;
    if (P->s[P->i] == '=') {
        P->i++;
        while (P->s[P->i] == ' ')
            P->i++;
        q = P->s[P->i];
        if (q != '\'' && q != '"')
            return perr(P, "a quoted value must follow '=' at character %zu",
                        P->i + 1);
        start = ++P->i;
        while (P->s[P->i] && P->s[P->i] != q)
            P->i++;
        if (!P->s[P->i])
            return perr(P, "unterminated quoted value");
        pr->value = xstrndup(P->s + start, P->i - start);
        P->i++;
        while (P->s[P->i] == ' ')
            P->i++;
    }
    if (P->s[P->i] != ']')
        return perr(P, "']' expected at character %zu", P->i + 1);
    P->i++;
    return true;
}

/* Parse steps until the end (or '=', ']' inside a predicate). */
static bool parse_rel(struct pparse *P, struct sr_mpath *p, bool in_pred)
{
    bool deep = false;

    if (P->s[P->i] == '/' && P->s[P->i + 1] == '/') {
        deep = true;
        P->i += 2;
    }
    for (;;) {
        struct sr_mstep *st;
        char c = P->s[P->i];

        if (c == '@') {
            P->i++;
            p->attr = parse_name(P);
            if (!p->attr)
                return perr(P, "attribute name expected after '@'");
            break;
        }
        p->steps = xreallocarray(p->steps, p->nsteps + 1, sizeof(*p->steps));
        st = &p->steps[p->nsteps++];
        memset(st, 0, sizeof(*st));
        st->deep = deep;
        if (c == '*') {
            P->i++;
        } else {
            st->name = parse_name(P);
            if (!st->name)
                return perr(P, "element name expected at character %zu",
                            P->i + 1);
        }
        while (P->s[P->i] == '[') {
            P->i++;
            st->preds =
                xreallocarray(st->preds, st->npreds + 1, sizeof(*st->preds));
            if (!parse_pred(P, &st->preds[st->npreds++]))
                return false;
        }
        c = P->s[P->i];
        if (c == '/') {
            deep = P->s[P->i + 1] == '/';
            P->i += deep ? 2 : 1;
            continue;
        }
        break;
    }
    if (in_pred) {
        char c = P->s[P->i];

        if (c != '=' && c != ']' && c != ' ')
            return perr(P, "unexpected '%c' at character %zu", c, P->i + 1);
    } else if (P->s[P->i]) {
        return perr(P, "unexpected '%c' at character %zu", P->s[P->i],
                    P->i + 1);
    }
    return true;
}

bool sr_mpath_compile(const char *src, struct sr_mpath *p, char *err,
                      size_t errlen)
{
    struct pparse P = { src, 0, err, errlen };

    memset(p, 0, sizeof(*p));
    if (!*src)
        return perr(&P, "empty path");
    p->src = xstrdup(src);
    if (src[0] == '/' && src[1] != '/') {
        p->absolute = true;
        P.i = 1;
    } else if (src[0] == '/') {
        p->absolute = true;
    }
    if (!parse_rel(&P, p, false)) {
        sr_mpath_release(p);
        return false;
    }
    return true;
}

void sr_mpath_release(struct sr_mpath *p)
{
    size_t i;
    size_t k;

    for (i = 0; i < p->nsteps; i++) {
        for (k = 0; k < p->steps[i].npreds; k++) {
            sr_mpath_release(&p->steps[i].preds[k].path);
            free(p->steps[i].preds[k].value);
        }
        free(p->steps[i].preds);
        free(p->steps[i].name);
    }
    free(p->steps);
    free(p->attr);
    free(p->src);
    memset(p, 0, sizeof(*p));
}

static bool step_name_ok(const struct sr_mstep *st, const struct sr_mnode *n)
{
    return !st->name || !strcmp(st->name, n->name);
}

struct pred_ctx {
    const char *want; /* NULL: any non-empty value */
    bool hit;
};

static void pred_hit(void *ctx, struct sr_mnode *n, const char *value)
{
    struct pred_ctx *pc = ctx;

    (void)n;
    if (pc->want ? !strcmp(pc->want, value) : *value != '\0')
        pc->hit = true;
}

static bool preds_ok(const struct sr_mstep *st, struct sr_mnode *n)
{
    size_t i;

    for (i = 0; i < st->npreds; i++) {
        struct pred_ctx pc = { st->preds[i].value, false };

        sr_mpath_eval(&st->preds[i].path, n, pred_hit, &pc);
        if (!pc.hit)
            return false;
    }
    return true;
}

static void eval_from(const struct sr_mpath *p, size_t i, struct sr_mnode *n,
                      sr_mpath_fn *fn, void *arg, size_t *count);

/* Try step @i of @p on @c (a child or descendant of the context). */
static void try_node(const struct sr_mpath *p, size_t i, struct sr_mnode *c,
                     sr_mpath_fn *fn, void *arg, size_t *count)
{
    const struct sr_mstep *st = &p->steps[i];

    if (step_name_ok(st, c) && preds_ok(st, c))
        eval_from(p, i + 1, c, fn, arg, count);
}

static void try_deep(const struct sr_mpath *p, size_t i, struct sr_mnode *n,
                     sr_mpath_fn *fn, void *arg, size_t *count)
{
    struct sr_mnode *c;

    for (c = n->child; c; c = c->next) {
        try_node(p, i, c, fn, arg, count);
        try_deep(p, i, c, fn, arg, count);
    }
}

static void eval_from(const struct sr_mpath *p, size_t i, struct sr_mnode *n,
                      sr_mpath_fn *fn, void *arg, size_t *count)
{
    struct sr_mnode *c;

    if (i == p->nsteps) {
        const char *v = n->text;

        if (p->attr) {
            v = sr_mnode_attr(n, p->attr);
            if (!v)
                return;
        }
        n->used = true;
        (*count)++;
        if (fn)
            fn(arg, n, v);
        return;
    }
    if (p->steps[i].deep) {
        try_deep(p, i, n, fn, arg, count);
        return;
    }
    for (c = n->child; c; c = c->next)
        try_node(p, i, c, fn, arg, count);
}

size_t sr_mpath_eval(const struct sr_mpath *p, struct sr_mnode *ctx,
                     sr_mpath_fn *fn, void *arg)
{
    size_t count = 0;

    if (!ctx)
        return 0;
    if (p->absolute) {
        struct sr_mnode top;

        /* a pseudo document node above the root */
        while (ctx->parent)
            ctx = ctx->parent;
        memset(&top, 0, sizeof(top));
        top.name = "";
        top.text = "";
        top.child = ctx;
        top.last = ctx;
        {
            static const char *const none[] = { NULL };

            top.attr = none;
        }
        eval_from(p, 0, &top, fn, arg, &count);
        return count;
    }
    eval_from(p, 0, ctx, fn, arg, &count);
    return count;
}

static bool match_stack(const struct sr_mpath *p, size_t i,
                        const char *const *names, size_t j, size_t depth)
{
    const struct sr_mstep *st;
    size_t k;

    if (i == p->nsteps)
        return j == depth;
    st = &p->steps[i];
    if (st->deep) {
        for (k = j; k < depth; k++)
            if ((!st->name || !strcmp(st->name, names[k])) &&
                match_stack(p, i + 1, names, k + 1, depth))
                return true;
        return false;
    }
    if (j >= depth || (st->name && strcmp(st->name, names[j])))
        return false;
    return match_stack(p, i + 1, names, j + 1, depth);
}

bool sr_mpath_is_record(const struct sr_mpath *p, const char *const *names,
                        size_t depth)
{
    return match_stack(p, 0, names, 0, depth);
}

/* --- the loader ---------------------------------------------------------- */

struct loader {
    struct sr_mapping *m;
    const struct sr_template *t;
    const char *path;
    struct sr_diag *d;
    struct sr_buf nb; /* normalisation scratch */
};

static enum sr_status lerr(struct loader *L, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum sr_status lerr(struct loader *L, long line, const char *fmt, ...)
{
    va_list ap;
    enum sr_status s;

    va_start(ap, fmt);
    s = sr_diag_setv(L->d, SR_ERR_CONFIG, L->path, line, fmt, ap);
    va_end(ap);
    return s;
}

/* A normalised copy of @s (NFKC, trimmed), owned by the caller. */
static char *norm_dup(struct loader *L, const char *s)
{
    sr_text_normalize(&L->nb, s);
    return xstrdup(L->nb.buf);
}

/* Refuse attributes of @e that are not in @allowed (NULL-terminated). */
static enum sr_status check_attrs(struct loader *L, const struct sr_mnode *e,
                                  const char *const *allowed)
{
    size_t i;
    size_t k;

    for (i = 0; e->attr[i]; i += 2) {
        if (!strcmp(e->attr[i], "xmlns") || !strncmp(e->attr[i], "xmlns", 5))
            continue;
        for (k = 0; allowed[k]; k++)
            if (!strcmp(allowed[k], e->attr[i]))
                break;
        if (!allowed[k])
            return lerr(L, e->line, "unknown attribute '%s' on '%s'",
                        e->attr[i], e->name);
    }
    return SR_OK;
}

/* An attribute that must be there and not empty. */
static enum sr_status need_attr(struct loader *L, const struct sr_mnode *e,
                                const char *name, const char **out)
{
    const char *v = sr_mnode_attr(e, name);

    if (!v || !*v)
        return lerr(L, e->line, "'%s' needs attribute '%s'", e->name, name);
    *out = v;
    return SR_OK;
}

/* Parse a whole number (spaces around allowed). */
static bool parse_long(const char *s, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || errno)
        return false;
    while (*end == ' ')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (end == s || errno || !isfinite(v))
        return false;
    while (*end == ' ')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

static enum sr_status get_bool(struct loader *L, const struct sr_mnode *e,
                               const char *name, bool *out)
{
    const char *v = sr_mnode_attr(e, name);

    *out = false;
    if (!v)
        return SR_OK;
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
        *out = true;
    else if (strcmp(v, "false") && strcmp(v, "no") && strcmp(v, "0"))
        return lerr(L, e->line, "attribute '%s' is '%s', want true or false",
                    name, v);
    return SR_OK;
}

static void set_release(struct sr_mset *s)
{
    size_t i;

    for (i = 0; i < s->nvalues; i++) {
        free(s->values[i].from);
        free(s->values[i].to);
    }
    free(s->values);
    for (i = 0; i < s->nmissing; i++)
        free(s->missing[i]);
    free(s->missing);
    for (i = 0; i < s->nmissing_prefix; i++)
        free(s->missing_prefix[i]);
    free(s->missing_prefix);
    free(s->id);
    memset(s, 0, sizeof(*s));
}

static void src_release(struct sr_msrc *s)
{
    free(s->text);
    free(s->sub);
    sr_mpath_release(&s->path);
}

static void strv_free(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void target_release(struct sr_mtarget *tg)
{
    size_t i;

    src_release(&tg->src);
    set_release(&tg->own);
    free(tg->def);
    free(tg->split);
    for (i = 0; i < tg->nopts; i++) {
        src_release(&tg->opts[i].src);
        free(tg->opts[i].value);
        strv_free(tg->opts[i].selected, tg->opts[i].nselected);
    }
    free(tg->opts);
    strv_free(tg->selected, tg->nselected);
    free(tg->other_prefix);
    free(tg->other_option);
    free(tg->other_open);
    free(tg->other_close);
}

void sr_mapping_free(struct sr_mapping *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->ntargets; i++)
        target_release(&m->targets[i]);
    free(m->targets);
    for (i = 0; i < m->nsets; i++)
        set_release(&m->sets[i]);
    free(m->sets);
    set_release(&m->global);
    sr_mpath_release(&m->record);
    sr_mpath_release(&m->edit_id);
    sr_mpath_release(&m->edit_replaces);
    for (i = 0; i < m->nedit; i++) {
        free(m->edit[i].old_id);
        free(m->edit[i].new_id);
        free(m->edit[i].file);
    }
    free(m->edit);
    free(m->code_arg);
    free(m->template_id);
    free(m->form);
    free(m->dir);
    free(m->path);
    free(m);
}

const char *sr_mapping_path(const struct sr_mapping *m)
{
    return m->path;
}

bool sr_mapping_is_xml(const struct sr_mapping *m)
{
    return m->xml;
}

static int cmp_edit(const void *a, const void *b)
{
    const struct sr_medit *x = a;
    const struct sr_medit *y = b;

    return strcmp(x->old_id, y->old_id);
}

const struct sr_medit *sr_mapping_edit_of(const struct sr_mapping *m,
                                          const char *id)
{
    struct sr_medit key = { NULL, NULL, NULL };

    if (!m->nedit || !id)
        return NULL;
    key.old_id = (char *)(uintptr_t)id;
    return bsearch(&key, m->edit, m->nedit, sizeof(*m->edit), cmp_edit);
}

/* The directory of @path ("." when none), owned by the caller. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static char *resolve(const char *dir, const char *p)
{
    struct sr_buf b = SR_BUF_INIT;

    if (p[0] == '/')
        return xstrdup(p);
    sr_buf_addf(&b, "%s/%s", dir, p);
    return sr_buf_detach(&b);
}

/* --- CSV and XML source descriptions ------------------------------------ */

static enum sr_status do_csv(struct loader *L, const struct sr_mnode *e)
{
    static const char *const allowed[] = { "encoding", "separator",
                                           "header-rows", "sub-row", NULL };
    static const char *const hdr_allowed[] = { "row", "fill", NULL };
    static const char *const codes_allowed[] = { "row", "before", "after",
                                                 "json", NULL };
    struct sr_mapping *m = L->m;
    const struct sr_mnode *c;
    const char *v = NULL;
    long n;
    enum sr_status s;

    s = check_attrs(L, e, allowed);
    if (s != SR_OK)
        return s;
    v = sr_mnode_attr(e, "encoding");
    if (v) {
        if (!strcasecmp(v, "utf-16")) {
            m->utf16 = SR_UTF16_BOM;
        } else if (!strcasecmp(v, "utf-16le")) {
            m->utf16 = SR_UTF16_LE;
        } else if (!strcasecmp(v, "utf-16be")) {
            m->utf16 = SR_UTF16_BE;
        } else if (!sr_encoding_parse(v, &m->enc)) {
            return lerr(L, e->line,
                        "unknown encoding '%s' (want auto, utf-8, gbk, "
                        "gb18030, utf-16, utf-16le or utf-16be)",
                        v);
        }
        m->enc_set = true;
        if (m->utf16 == SR_UTF16_REFUSE)
            m->utf16 = SR_UTF16_BOM; /* a UTF-16 BOM still means UTF-16 */
    } else {
        m->utf16 = SR_UTF16_BOM;
    }
    v = sr_mnode_attr(e, "separator");
    if (v) {
        if (!strcmp(v, "tab") || !strcmp(v, "\\t") || !strcmp(v, "\t"))
            m->sep = '\t';
        else if (!strcmp(v, "semicolon"))
            m->sep = ';';
        else if (!strcmp(v, "comma"))
            m->sep = ',';
        else if (strlen(v) == 1 && (unsigned char)v[0] < 0x80 && v[0] != '"' &&
                 v[0] != '\r' && v[0] != '\n')
            m->sep = v[0];
        else
            return lerr(L, e->line,
                        "separator '%s' is not one ASCII character (or "
                        "'tab')",
                        v);
    }
    v = sr_mnode_attr(e, "header-rows");
    if (v) {
        if (!parse_long(v, &n) || n < 0 || n > SR_MAPPING_MAX_HEADER)
            return lerr(L, e->line, "header-rows '%s' is not 0..%d", v,
                        SR_MAPPING_MAX_HEADER);
        m->header_rows = (int)n;
    }
    m->sub_row = m->header_rows >= 2 ? 2 : 0;
    v = sr_mnode_attr(e, "sub-row");
    if (v) {
        if (!parse_long(v, &n) || n < 1 || n > m->header_rows)
            return lerr(L, e->line, "sub-row '%s' is not a header row (1..%d)",
                        v, m->header_rows);
        m->sub_row = (int)n;
    }
    for (c = e->child; c; c = c->next) {
        if (!strcmp(c->name, "header")) {
            s = check_attrs(L, c, hdr_allowed);
            if (s == SR_OK)
                s = need_attr(L, c, "row", &v);
            if (s != SR_OK)
                return s;
            if (!parse_long(v, &n) || n < 1 || n > m->header_rows)
                return lerr(L, c->line, "row '%s' is not a header row (1..%d)",
                            v, m->header_rows);
            v = sr_mnode_attr(c, "fill");
            if (v && strcmp(v, "left") && strcmp(v, "none"))
                return lerr(L, c->line, "fill '%s': want left or none", v);
            m->fill[n] = v && !strcmp(v, "left");
        } else if (!strcmp(c->name, "codes")) {
            const char *before = sr_mnode_attr(c, "before");
            const char *after = sr_mnode_attr(c, "after");
            const char *json = sr_mnode_attr(c, "json");

            s = check_attrs(L, c, codes_allowed);
            if (s == SR_OK)
                s = need_attr(L, c, "row", &v);
            if (s != SR_OK)
                return s;
            if (m->code_row)
                return lerr(L, c->line, "a second 'codes'");
            if (!parse_long(v, &n) || n < 1 || n > m->header_rows)
                return lerr(L, c->line, "row '%s' is not a header row (1..%d)",
                            v, m->header_rows);
            if (!!before + !!after + !!json > 1)
                return lerr(L, c->line,
                            "'codes' takes one of 'before', "
                            "'after' and 'json'");
            m->code_row = (int)n;
            if (before && *before) {
                m->code_kind = SR_MCODE_BEFORE;
                m->code_arg = xstrdup(before);
            } else if (after && *after) {
                m->code_kind = SR_MCODE_AFTER;
                m->code_arg = xstrdup(after);
            } else if (json && *json) {
                m->code_kind = SR_MCODE_JSON;
                m->code_arg = xstrdup(json);
            }
        } else {
            return lerr(L, c->line, "unknown element '%s' in 'csv'", c->name);
        }
    }
    return SR_OK;
}

static enum sr_status compile_at(struct loader *L, long line, const char *what,
                                 const char *src, struct sr_mpath *p)
{
    char err[256];

    if (!sr_mpath_compile(src, p, err, sizeof(err)))
        return lerr(L, line, "%s '%s': %s", what, src, err);
    return SR_OK;
}

static enum sr_status do_xml(struct loader *L, const struct sr_mnode *e)
{
    static const char *const allowed[] = { "record", NULL };
    static const char *const edits_allowed[] = { "id", "replaces", NULL };
    struct sr_mapping *m = L->m;
    const struct sr_mnode *c;
    const char *v = NULL;
    enum sr_status s;
    size_t i;

    s = check_attrs(L, e, allowed);
    if (s == SR_OK)
        s = need_attr(L, e, "record", &v);
    if (s == SR_OK)
        s = compile_at(L, e->line, "record path", v, &m->record);
    if (s != SR_OK)
        return s;
    m->has_record = true;
    if (!m->record.absolute || m->record.attr)
        return lerr(L, e->line,
                    "record path '%s' must start with '/' or '//' and name "
                    "elements",
                    v);
    for (i = 0; i < m->record.nsteps; i++)
        if (m->record.steps[i].npreds)
            return lerr(L, e->line,
                        "record path '%s': no [predicates] in a record path",
                        v);
    for (c = e->child; c; c = c->next) {
        if (strcmp(c->name, "edits"))
            return lerr(L, c->line, "unknown element '%s' in 'xml'", c->name);
        if (m->edits)
            return lerr(L, c->line, "a second 'edits'");
        s = check_attrs(L, c, edits_allowed);
        if (s == SR_OK)
            s = need_attr(L, c, "id", &v);
        if (s == SR_OK)
            s = compile_at(L, c->line, "path", v, &m->edit_id);
        if (s == SR_OK)
            s = need_attr(L, c, "replaces", &v);
        if (s == SR_OK)
            s = compile_at(L, c->line, "path", v, &m->edit_replaces);
        if (s != SR_OK)
            return s;
        if (m->edit_id.absolute || m->edit_replaces.absolute)
            return lerr(L, c->line, "edit paths are relative to the record");
        m->edits = true;
    }
    return SR_OK;
}

/* --- value maps ---------------------------------------------------------- */

static void add_missing(struct loader *L, struct sr_mset *set, const char *v)
{
    set->missing =
        xreallocarray(set->missing, set->nmissing + 1, sizeof(*set->missing));
    set->missing[set->nmissing++] = norm_dup(L, v);
}

/* <value from to/> and <missing value/> children of @e into @set. */
static enum sr_status read_set_child(struct loader *L, const struct sr_mnode *c,
                                     struct sr_mset *set, bool *taken)
{
    static const char *const value_allowed[] = { "from", "to", NULL };
    static const char *const missing_allowed[] = { "value", "match", NULL };
    const char *from = NULL;
    const char *to;
    enum sr_status s;
    size_t i;

    *taken = true;
    if (!strcmp(c->name, "value")) {
        char *nf;

        s = check_attrs(L, c, value_allowed);
        if (s != SR_OK)
            return s;
        from = sr_mnode_attr(c, "from");
        to = sr_mnode_attr(c, "to");
        if (!from || !to)
            return lerr(L, c->line, "'value' needs 'from' and 'to'");
        nf = norm_dup(L, from);
        for (i = 0; i < set->nvalues; i++)
            if (!strcmp(set->values[i].from, nf)) {
                free(nf);
                return lerr(L, c->line, "value '%s' mapped twice", from);
            }
        set->values =
            xreallocarray(set->values, set->nvalues + 1, sizeof(*set->values));
        set->values[set->nvalues].from = nf;
        set->values[set->nvalues].to = xstrdup(to);
        set->nvalues++;
        return SR_OK;
    }
    if (!strcmp(c->name, "missing")) {
        s = check_attrs(L, c, missing_allowed);
        if (s == SR_OK)
            s = need_attr(L, c, "value", &from);
        if (s != SR_OK)
            return s;
        to = sr_mnode_attr(c, "match");
        if (to && strcmp(to, "prefix") && strcmp(to, "exact"))
            return lerr(L, c->line, "match '%s': want exact or prefix", to);
        if (to && !strcmp(to, "prefix")) {
            set->missing_prefix =
                xreallocarray(set->missing_prefix, set->nmissing_prefix + 1,
                              sizeof(*set->missing_prefix));
            set->missing_prefix[set->nmissing_prefix++] = norm_dup(L, from);
            return SR_OK;
        }
        add_missing(L, set, from);
        return SR_OK;
    }
    *taken = false;
    return SR_OK;
}

static enum sr_status do_values(struct loader *L, const struct sr_mnode *e)
{
    static const char *const allowed[] = { "id", NULL };
    struct sr_mapping *m = L->m;
    struct sr_mset *set;
    const struct sr_mnode *c;
    const char *id = NULL;
    enum sr_status s;
    size_t i;

    s = check_attrs(L, e, allowed);
    if (s == SR_OK)
        s = need_attr(L, e, "id", &id);
    if (s != SR_OK)
        return s;
    for (i = 0; i < m->nsets; i++)
        if (!strcmp(m->sets[i].id, id))
            return lerr(L, e->line,
                        "values '%s' defined twice (first at line "
                        "%ld)",
                        id, m->sets[i].line);
    m->sets = xreallocarray(m->sets, m->nsets + 1, sizeof(*m->sets));
    set = &m->sets[m->nsets++];
    memset(set, 0, sizeof(*set));
    set->id = xstrdup(id);
    set->line = e->line;
    for (c = e->child; c; c = c->next) {
        bool taken;

        s = read_set_child(L, c, set, &taken);
        if (s != SR_OK)
            return s;
        if (!taken)
            return lerr(L, c->line, "unknown element '%s' in 'values'",
                        c->name);
    }
    return SR_OK;
}

/* --- targets ------------------------------------------------------------- */

/* The kind of a slot with its article, for messages. */
static const char *kind_name(enum sr_slot_kind k)
{
    switch (k) {
    case SR_SLOT_FIELD:
        return "a field";
    case SR_SLOT_ITEM:
        return "an item";
    case SR_SLOT_CHOICE:
        return "a choice";
    case SR_SLOT_COMMENT:
        return "a comment";
    }
    return "a slot";
}

/* Check the placeholders of a constant: {file} {stem} {row} {line}. */
static enum sr_status check_value_template(struct loader *L, long line,
                                           const char *v)
{
    static const char *const names[] = { "{file}", "{stem}", "{row}", "{line}",
                                         NULL };
    const char *p = v;
    size_t k;

    while ((p = strchr(p, '{'))) {
        for (k = 0; names[k]; k++)
            if (!strncmp(p, names[k], strlen(names[k])))
                break;
        if (!names[k])
            return lerr(L, line,
                        "unknown placeholder in '%s' (want {file}, {stem}, "
                        "{row} or {line})",
                        v);
        p += strlen(names[k]);
    }
    return SR_OK;
}

/* Read the source attributes of @e into @src. */
static enum sr_status read_source(struct loader *L, const struct sr_mnode *e,
                                  struct sr_msrc *src, bool allow_value)
{
    static const char *const kinds[] = { "column", "code",  "position",
                                         "path",   "value", NULL };
    const struct sr_mapping *m = L->m;
    const char *given = NULL;
    const char *v = NULL;
    long n;
    size_t k;
    enum sr_status s;

    memset(src, 0, sizeof(*src));
    src->line = e->line;
    for (k = 0; kinds[k]; k++) {
        if (!sr_mnode_attr(e, kinds[k]))
            continue;
        if (given)
            return lerr(L, e->line,
                        "'%s' takes one of column, code, position, "
                        "path and value, not '%s' and '%s'",
                        e->name, given, kinds[k]);
        given = kinds[k];
    }
    s = get_bool(L, e, "optional", &src->optional);
    if (s != SR_OK)
        return s;
    if ((sr_mnode_attr(e, "sub") || sr_mnode_attr(e, "row") ||
         sr_mnode_attr(e, "match")) &&
        (!given || strcmp(given, "column")))
        return lerr(L, e->line, "'sub', 'row' and 'match' go with 'column'");
    if (!given)
        return SR_OK;
    if (m->xml && strcmp(given, "path") && strcmp(given, "value"))
        return lerr(L, e->line,
                    "'%s' is for CSV mappings; an XML mapping reads 'path'",
                    given);
    if (!m->xml && !strcmp(given, "path"))
        return lerr(L, e->line,
                    "'path' is for XML mappings (add <xml "
                    "record=\"...\"/>)");
    v = sr_mnode_attr(e, given);
    if (!strcmp(given, "column")) {
        src->kind = SR_MSRC_COLUMN;
        src->text = norm_dup(L, v);
        src->row = 1;
        if (m->header_rows < 1)
            return lerr(L, e->line,
                        "'column' needs a header row (the mapping "
                        "says header-rows=\"0\"); use 'position'");
        if (sr_mnode_attr(e, "row")) {
            v = sr_mnode_attr(e, "row");
            if (!parse_long(v, &n) || n < 1 || n > m->header_rows)
                return lerr(L, e->line, "row '%s' is not a header row (1..%d)",
                            v, m->header_rows);
            src->row = (int)n;
        }
        if (sr_mnode_attr(e, "sub")) {
            if (!m->sub_row)
                return lerr(L, e->line,
                            "'sub' needs a second header row "
                            "(header-rows=\"2\" or sub-row)");
            src->sub = norm_dup(L, sr_mnode_attr(e, "sub"));
        }
        v = sr_mnode_attr(e, "match");
        if (!v || !strcmp(v, "exact"))
            src->match = SR_MMATCH_EXACT;
        else if (!strcmp(v, "prefix"))
            src->match = SR_MMATCH_PREFIX;
        else if (!strcmp(v, "suffix"))
            src->match = SR_MMATCH_SUFFIX;
        else if (!strcmp(v, "contains"))
            src->match = SR_MMATCH_CONTAINS;
        else
            return lerr(L, e->line,
                        "match '%s': want exact, prefix, suffix or contains",
                        v);
    } else if (!strcmp(given, "code")) {
        if (!m->code_row)
            return lerr(L, e->line,
                        "'code' needs <codes row=\"...\"/> in "
                        "<csv>");
        src->kind = SR_MSRC_CODE;
        src->text = norm_dup(L, v);
    } else if (!strcmp(given, "position")) {
        if (!parse_long(v, &n) || n < 1 || n > 100000)
            return lerr(L, e->line, "position '%s' is not a column number", v);
        src->kind = SR_MSRC_POSITION;
        src->position = n;
    } else if (!strcmp(given, "path")) {
        src->kind = SR_MSRC_PATH;
        s = compile_at(L, e->line, "path", v, &src->path);
        if (s != SR_OK)
            return s;
        if (src->path.absolute && !(v[0] == '/' && v[1] == '/'))
            return lerr(L, e->line,
                        "path '%s' is relative to the record: "
                        "leave out the leading '/'",
                        v);
        src->path.absolute = false;
    } else {
        if (!allow_value)
            return lerr(L, e->line, "'value' is not allowed on '%s'", e->name);
        src->kind = SR_MSRC_VALUE;
        src->text = xstrdup(v);
        s = check_value_template(L, e->line, v);
        if (s != SR_OK)
            return s;
    }
    return SR_OK;
}

/* Split "a|b|c" into normalised strings. */
static void split_list(struct loader *L, const char *v, char ***out, size_t *n)
{
    const char *p = v;

    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        char *one = xstrndup(p, len);

        *out = xreallocarray(*out, *n + 1, sizeof(**out));
        (*out)[(*n)++] = norm_dup(L, one);
        free(one);
        if (!bar)
            break;
        p = bar + 1;
    }
}

/* The template option of choice @c that @v names (value or label, after
 * normalisation), or -1. */
static int find_option(struct loader *L, const struct sr_choice *c,
                       const char *v)
{
    char *nv = norm_dup(L, v);
    size_t k;
    int found = -1;

    for (k = 0; k < c->noptions && found < 0; k++) {
        sr_text_normalize(&L->nb, c->options[k].value);
        if (!strcmp(L->nb.buf, nv))
            found = (int)k;
    }
    for (k = 0; k < c->noptions && found < 0; k++) {
        if (!c->options[k].label)
            continue;
        sr_text_normalize(&L->nb, c->options[k].label);
        if (!strcmp(L->nb.buf, nv))
            found = (int)k;
    }
    free(nv);
    return found;
}

/* Check what a value map gives a target, and for a choice turn it into
 * the option's value. */
static enum sr_status check_to(struct loader *L, const struct sr_mtarget *tg,
                               long line, char **to)
{
    const struct sr_template *t = L->t;

    if (tg->kind == SR_SLOT_CHOICE) {
        const struct sr_choice *c = &t->choices[tg->index];
        int k = find_option(L, c, *to);

        if (k < 0)
            return lerr(L, line,
                        "value map of choice '%s' gives '%s', which is not an "
                        "option of it",
                        tg->id, *to);
        free(*to);
        *to = xstrdup(c->options[k].value);
    } else if (tg->kind == SR_SLOT_ITEM) {
        const struct sr_scale *sc = &t->scales[t->items[tg->index].scale];
        double x;
        size_t k;

        if (parse_double(*to, &x)) {
            if (tg->rescale) {
                if (x < fmin(tg->lo, tg->hi) || x > fmax(tg->lo, tg->hi))
                    return lerr(L, line,
                                "value map of item '%s' gives '%s', outside "
                                "its rescale range %g..%g",
                                tg->id, *to, tg->lo, tg->hi);
            } else if (x != floor(x) || x < sc->min || x > sc->max) {
                return lerr(L, line,
                            "value map of item '%s' gives '%s', not a point "
                            "of scale '%s' (%d..%d)",
                            tg->id, *to, sc->id, sc->min, sc->max);
            }
            return SR_OK;
        }
        if (!**to)
            return SR_OK; /* mapped to empty: missing */
        for (k = 0; k < sc->npoints; k++)
            if (sc->points[k].label && !strcmp(sc->points[k].label, *to))
                return SR_OK;
        for (k = 0; k < sc->nmissing; k++)
            if (!strcmp(sc->missing[k], *to))
                return SR_OK;
        return lerr(L, line,
                    "value map of item '%s' gives '%s', neither a number nor "
                    "a label of scale '%s'",
                    tg->id, *to, sc->id);
    }
    return SR_OK;
}

static enum sr_status do_option(struct loader *L, struct sr_mtarget *tg,
                                const struct sr_mnode *e)
{
    static const char *const allowed[] = { "value",    "column", "code",
                                           "position", "path",   "row",
                                           "sub",      "match",  "optional",
                                           "selected", NULL };
    const struct sr_choice *c = &L->t->choices[tg->index];
    struct sr_mopt *o;
    const char *v = NULL;
    enum sr_status s;
    int k;

    s = check_attrs(L, e, allowed);
    if (s == SR_OK)
        s = need_attr(L, e, "value", &v);
    if (s != SR_OK)
        return s;
    k = find_option(L, c, v);
    if (k < 0)
        return lerr(L, e->line, "'%s' is not an option of choice '%s'", v,
                    tg->id);
    if (tg->nopts >= SR_MAPPING_MAX_OPTCOLS)
        return lerr(L, e->line, "choice '%s' has more than %d option columns",
                    tg->id, SR_MAPPING_MAX_OPTCOLS);
    tg->opts = xreallocarray(tg->opts, tg->nopts + 1, sizeof(*tg->opts));
    o = &tg->opts[tg->nopts++];
    memset(o, 0, sizeof(*o));
    o->line = e->line;
    o->value = xstrdup(c->options[k].value);
    {
        /* 'value' here is the option, not a constant source */
        static const char *const src_attrs[] = { "column", "code", "position",
                                                 "path", NULL };
        size_t i;
        int nsrc = 0;

        for (i = 0; src_attrs[i]; i++)
            nsrc += sr_mnode_attr(e, src_attrs[i]) != NULL;
        if (nsrc != 1)
            return lerr(L, e->line,
                        "'option' needs one of column, code, "
                        "position and path");
    }
    {
        /* read_source() would take 'value' for a constant: hide it */
        struct sr_mnode copy = *e;
        const char *attrs[32];
        size_t i;
        size_t j = 0;

        for (i = 0; e->attr[i] && j + 2 < 32; i += 2) {
            if (!strcmp(e->attr[i], "value") || !strcmp(e->attr[i], "selected"))
                continue;
            attrs[j++] = e->attr[i];
            attrs[j++] = e->attr[i + 1];
        }
        attrs[j] = NULL;
        copy.attr = attrs;
        s = read_source(L, &copy, &o->src, false);
        if (s != SR_OK)
            return s;
    }
    v = sr_mnode_attr(e, "selected");
    if (v)
        split_list(L, v, &o->selected, &o->nselected);
    return SR_OK;
}

static enum sr_status do_other(struct loader *L, struct sr_mtarget *tg,
                               const struct sr_mnode *e)
{
    static const char *const allowed[] = { "prefix", "option",  "open",
                                           "close",  "comment", NULL };
    const struct sr_template *t = L->t;
    const struct sr_choice *c = &t->choices[tg->index];
    const char *v = NULL;
    enum sr_status s;
    int k;

    s = check_attrs(L, e, allowed);
    if (s != SR_OK)
        return s;
    if (tg->other_prefix)
        return lerr(L, e->line, "a second 'other' in choice '%s'", tg->id);
    s = need_attr(L, e, "prefix", &v);
    if (s != SR_OK)
        return s;
    tg->other_prefix = norm_dup(L, v);
    s = need_attr(L, e, "option", &v);
    if (s != SR_OK)
        return s;
    k = find_option(L, c, v);
    if (k < 0)
        return lerr(L, e->line, "'%s' is not an option of choice '%s'", v,
                    tg->id);
    tg->other_option = xstrdup(c->options[k].value);
    v = sr_mnode_attr(e, "open");
    if (v && *v)
        tg->other_open = norm_dup(L, v);
    v = sr_mnode_attr(e, "close");
    if (v && *v)
        tg->other_close = norm_dup(L, v);
    tg->other_comment = -1;
    v = sr_mnode_attr(e, "comment");
    if (v) {
        int slot = sr_template_slot(t, v);

        if (slot < 0 || t->slots[slot].kind != SR_SLOT_COMMENT)
            return lerr(L, e->line,
                        "'%s' is not a comment of form template "
                        "'%s'",
                        v, t->id);
        tg->other_comment = slot;
    }
    return SR_OK;
}

static enum sr_status read_target_attrs(struct loader *L, struct sr_mtarget *tg,
                                        const struct sr_mnode *e)
{
    const struct sr_template *t = L->t;
    struct sr_mapping *m = L->m;
    const char *v = NULL;
    enum sr_status s;
    size_t i;

    v = sr_mnode_attr(e, "values");
    if (v) {
        for (i = 0; i < m->nsets; i++)
            if (!strcmp(m->sets[i].id, v))
                tg->set = &m->sets[i];
        if (!tg->set)
            return lerr(L, e->line, "no values '%s' in the mapping", v);
    }
    v = sr_mnode_attr(e, "default");
    if (v)
        tg->def = xstrdup(v);
    v = sr_mnode_attr(e, "date");
    if (v) {
        if (!strcmp(v, "ymd"))
            tg->date = SR_MDATE_YMD;
        else if (!strcmp(v, "dmy"))
            tg->date = SR_MDATE_DMY;
        else if (!strcmp(v, "mdy"))
            tg->date = SR_MDATE_MDY;
        else
            return lerr(L, e->line, "date '%s': want ymd, dmy or mdy", v);
    }
    s = get_bool(L, e, "reverse", &tg->reverse);
    if (s != SR_OK)
        return s;
    v = sr_mnode_attr(e, "rescale");
    if (v) {
        const char *dots = strstr(v, "..");
        char *a;
        bool ok;

        ok = dots != NULL;
        if (ok) {
            a = xstrndup(v, (size_t)(dots - v));
            ok = parse_double(a, &tg->lo) && parse_double(dots + 2, &tg->hi) &&
                 tg->lo != tg->hi;
            free(a);
        }
        if (!ok)
            return lerr(L, e->line,
                        "rescale '%s': want FROM..TO, the source scale", v);
        tg->rescale = true;
    }
    v = sr_mnode_attr(e, "round");
    if (v) {
        if (!strcmp(v, "nearest"))
            tg->round = true;
        else if (strcmp(v, "none"))
            return lerr(L, e->line, "round '%s': want nearest or none", v);
    }
    v = sr_mnode_attr(e, "split");
    if (v) {
        if (!strcmp(v, "space") || !strcmp(v, " "))
            tg->split = xstrdup("");
        else if (!*v)
            return lerr(L, e->line,
                        "split is empty (use 'space' for white "
                        "space)");
        else
            tg->split = xstrdup(v);
    }
    v = sr_mnode_attr(e, "selected");
    if (v)
        split_list(L, v, &tg->selected, &tg->nselected);
    if (tg->kind == SR_SLOT_ITEM && (tg->rescale || tg->reverse)) {
        const struct sr_scale *sc = &t->scales[t->items[tg->index].scale];

        if (tg->rescale && sc->max == sc->min)
            return lerr(L, e->line, "scale '%s' has one point", sc->id);
    }
    return SR_OK;
}

static enum sr_status do_target(struct loader *L, const struct sr_mnode *e,
                                enum sr_slot_kind kind)
{
    static const char *const common[] = {
        "id",     "column",  "code",     "position", "path",
        "value",  "row",     "sub",      "match",    "optional",
        "values", "default", "date",     "reverse",  "rescale",
        "round",  "split",   "selected", NULL
    };
    static const char *const only_item[] = { "reverse", "rescale", "round",
                                             NULL };
    static const char *const only_choice[] = { "split", "selected", NULL };
    static const char *const only_field[] = { "date", NULL };
    const struct sr_template *t = L->t;
    struct sr_mapping *m = L->m;
    struct sr_mtarget *tg;
    const struct sr_mnode *c;
    const char *id = NULL;
    enum sr_status s;
    int slot;
    size_t i;

    s = check_attrs(L, e, common);
    if (s == SR_OK)
        s = need_attr(L, e, "id", &id);
    if (s != SR_OK)
        return s;
    for (i = 0; only_item[i]; i++)
        if (kind != SR_SLOT_ITEM && sr_mnode_attr(e, only_item[i]))
            return lerr(L, e->line, "'%s' is for items, not '%s'", only_item[i],
                        e->name);
    for (i = 0; only_choice[i]; i++)
        if (kind != SR_SLOT_CHOICE && sr_mnode_attr(e, only_choice[i]))
            return lerr(L, e->line, "'%s' is for choices, not '%s'",
                        only_choice[i], e->name);
    for (i = 0; only_field[i]; i++)
        if (kind != SR_SLOT_FIELD && sr_mnode_attr(e, only_field[i]))
            return lerr(L, e->line, "'%s' is for fields, not '%s'",
                        only_field[i], e->name);
    slot = sr_template_slot(t, id);
    if (slot < 0)
        return lerr(L, e->line, "unknown id '%s': not in form template '%s'",
                    id, t->id);
    if (t->slots[slot].kind != kind)
        return lerr(L, e->line, "'%s' is %s of form template '%s', not %s", id,
                    kind_name(t->slots[slot].kind), t->id, kind_name(kind));
    for (i = 0; i < m->ntargets; i++)
        if (m->targets[i].slot == (size_t)slot)
            return lerr(L, e->line, "'%s' mapped twice (first at line %ld)", id,
                        m->targets[i].line);
    m->targets =
        xreallocarray(m->targets, m->ntargets + 1, sizeof(*m->targets));
    tg = &m->targets[m->ntargets++];
    memset(tg, 0, sizeof(*tg));
    tg->line = e->line;
    tg->kind = kind;
    tg->slot = (size_t)slot;
    tg->index = t->slots[slot].index;
    tg->id = t->slots[slot].id;
    tg->other_comment = -1;
    s = read_source(L, e, &tg->src, true);
    if (s == SR_OK)
        s = read_target_attrs(L, tg, e);
    if (s != SR_OK)
        return s;
    for (c = e->child; c; c = c->next) {
        bool taken;

        s = read_set_child(L, c, &tg->own, &taken);
        if (s != SR_OK)
            return s;
        if (taken)
            continue;
        if (kind == SR_SLOT_CHOICE && !strcmp(c->name, "option"))
            s = do_option(L, tg, c);
        else if (kind == SR_SLOT_CHOICE && !strcmp(c->name, "other"))
            s = do_other(L, tg, c);
        else
            s = lerr(L, c->line, "unknown element '%s' in '%s'", c->name,
                     e->name);
        if (s != SR_OK)
            return s;
    }
    if (tg->nopts && tg->src.kind != SR_MSRC_NONE)
        return lerr(L, e->line,
                    "choice '%s' has a source and <option> columns: give one",
                    id);
    if (tg->src.kind == SR_MSRC_NONE && !tg->nopts)
        return lerr(L, e->line,
                    "'%s' has no source: give column, code, position, path or "
                    "value",
                    id);
    if (tg->nopts && tg->split)
        return lerr(L, e->line, "'split' is for a choice read from one cell");
    /* what the value maps give must fit the template */
    for (i = 0; i < tg->own.nvalues; i++) {
        s = check_to(L, tg, tg->line, &tg->own.values[i].to);
        if (s != SR_OK)
            return s;
    }
    return SR_OK;
}

/* What a shared value set gives must fit every target that uses it
 * (the set's own strings stay as written: a choice resolves them to its
 * option values when it reads them). */
static enum sr_status check_sets(struct loader *L)
{
    struct sr_mapping *m = L->m;
    size_t i;
    size_t k;
    enum sr_status s;

    for (i = 0; i < m->ntargets; i++) {
        const struct sr_mtarget *tg = &m->targets[i];

        if (!tg->set)
            continue;
        for (k = 0; k < tg->set->nvalues; k++) {
            char *to = xstrdup(tg->set->values[k].to);

            s = check_to(L, tg, tg->line, &to);
            free(to);
            if (s != SR_OK)
                return s;
        }
    }
    return SR_OK;
}

static enum sr_status check_required(struct loader *L, long line)
{
    const struct sr_template *t = L->t;
    const struct sr_mapping *m = L->m;
    size_t f;
    size_t i;

    for (f = 0; f < t->nfields; f++) {
        size_t slot = sr_template_field_slot(t, f);

        if (!t->fields[f].required)
            continue;
        for (i = 0; i < m->ntargets; i++)
            if (m->targets[i].slot == slot)
                break;
        if (i == m->ntargets)
            return lerr(L, line,
                        "required field '%s' of form template '%s' is not "
                        "mapped (map a column, or give it value=\"...\", e.g. "
                        "value=\"{stem}-{row}\" for an id)",
                        t->fields[f].id, t->id);
    }
    return SR_OK;
}

static enum sr_status interpret(struct loader *L, const struct sr_mnode *root)
{
    static const char *const allowed[] = { "template", "form", "name",
                                           "version", NULL };
    struct sr_mapping *m = L->m;
    const struct sr_mnode *c;
    const char *v = NULL;
    enum sr_status s;
    bool seen_src = false;

    if (strcmp(root->name, "mapping"))
        return lerr(L, root->line, "root element is '%s', not 'mapping'",
                    root->name);
    s = check_attrs(L, root, allowed);
    if (s != SR_OK)
        return s;
    v = sr_mnode_attr(root, "template");
    if (v && *v) {
        m->template_id = xstrdup(v);
        if (L->t->id && strcmp(v, L->t->id))
            return lerr(L, root->line,
                        "mapping is for form template '%s', not '%s' (%s)", v,
                        L->t->id, L->t->path ? L->t->path : "");
    }
    v = sr_mnode_attr(root, "form");
    if (v && *v)
        m->form = resolve(m->dir, v);
    m->header_rows = 1;
    m->sep = ',';
    m->utf16 = SR_UTF16_BOM;
    /* the source description first: targets depend on it */
    for (c = root->child; c; c = c->next) {
        if (strcmp(c->name, "csv") && strcmp(c->name, "xml"))
            continue;
        if (seen_src)
            return lerr(L, c->line, "a second 'csv' or 'xml'");
        seen_src = true;
        if (!strcmp(c->name, "csv")) {
            s = do_csv(L, c);
        } else {
            m->xml = true;
            s = do_xml(L, c);
        }
        if (s != SR_OK)
            return s;
    }
    for (c = root->child; c; c = c->next) {
        bool taken;

        if (!strcmp(c->name, "values")) {
            s = do_values(L, c);
        } else if (!strcmp(c->name, "missing")) {
            s = read_set_child(L, c, &m->global, &taken);
        } else {
            continue;
        }
        if (s != SR_OK)
            return s;
    }
    for (c = root->child; c; c = c->next) {
        if (!strcmp(c->name, "field"))
            s = do_target(L, c, SR_SLOT_FIELD);
        else if (!strcmp(c->name, "item"))
            s = do_target(L, c, SR_SLOT_ITEM);
        else if (!strcmp(c->name, "choice"))
            s = do_target(L, c, SR_SLOT_CHOICE);
        else if (!strcmp(c->name, "comment"))
            s = do_target(L, c, SR_SLOT_COMMENT);
        else if (!strcmp(c->name, "csv") || !strcmp(c->name, "xml") ||
                 !strcmp(c->name, "values") || !strcmp(c->name, "missing"))
            s = SR_OK;
        else
            s = lerr(L, c->line, "unknown element '%s' in 'mapping'", c->name);
        if (s != SR_OK)
            return s;
    }
    s = check_sets(L);
    if (s == SR_OK)
        s = check_required(L, root->line);
    if (s == SR_OK && !m->ntargets)
        s = lerr(L, root->line, "mapping maps nothing");
    return s;
}

/* expat callbacks that build a tree of the whole mapping file */
static enum sr_status on_start(void *ctx, struct sr_xml *x, const char *name,
                               const char *const *attr)
{
    struct sr_mdom *dom = ctx;

    sr_mdom_start(dom, name, attr, sr_xml_line(x));
    if (dom->bytes > MAX_MAPPING_BYTES)
        return sr_xml_error(x, SR_ERR_CONFIG, "mapping larger than %u MiB",
                            MAX_MAPPING_BYTES >> 20);
    return SR_OK;
}

static enum sr_status on_end(void *ctx, struct sr_xml *x, const char *name)
{
    (void)x;
    (void)name;
    sr_mdom_end(ctx);
    return SR_OK;
}

static enum sr_status on_text(void *ctx, struct sr_xml *x, const char *s,
                              size_t n)
{
    struct sr_mdom *dom = ctx;

    sr_mdom_text(dom, s, n);
    if (dom->bytes > MAX_MAPPING_BYTES)
        return sr_xml_error(x, SR_ERR_CONFIG, "mapping larger than %u MiB",
                            MAX_MAPPING_BYTES >> 20);
    return SR_OK;
}

enum sr_status sr_mapping_load(const char *path, const struct sr_template *t,
                               struct sr_mapping **out, struct sr_diag *d)
{
    struct sr_xml_handlers h = { on_start, on_end, on_text, NULL };
    struct sr_mdom dom;
    struct loader L;
    enum sr_status s;

    *out = NULL;
    memset(&L, 0, sizeof(L));
    sr_mdom_init(&dom);
    sr_buf_init(&L.nb);
    L.m = xcalloc(1, sizeof(*L.m));
    L.m->path = xstrdup(path);
    L.m->dir = dir_of(path);
    L.m->t = t;
    L.t = t;
    L.path = path;
    L.d = d;
    h.ctx = &dom;
    s = sr_xml_parse_file(path, &h, d);
    if (s == SR_ERR_PARSE)
        s = SR_ERR_CONFIG; /* a broken mapping is a configuration error */
    if (s == SR_OK && !dom.root)
        s = lerr(&L, 0, "empty mapping");
    if (s == SR_OK)
        s = interpret(&L, dom.root);
    if (d && s != SR_OK)
        d->code = s;
    sr_mdom_release(&dom);
    sr_buf_release(&L.nb);
    if (s != SR_OK) {
        sr_mapping_free(L.m);
        return s;
    }
    *out = L.m;
    return SR_OK;
}

struct peek {
    char *form;
    bool seen;
};

static enum sr_status peek_start(void *ctx, struct sr_xml *x, const char *name,
                                 const char *const *attr)
{
    struct peek *pk = ctx;
    size_t i;

    (void)name;
    pk->seen = true;
    for (i = 0; attr[i]; i += 2)
        if (!strcmp(attr[i], "form") && attr[i + 1][0])
            pk->form = xstrdup(attr[i + 1]);
    sr_xml_pause(x);
    return SR_OK;
}

enum sr_status sr_mapping_form_path(const char *path, char **form,
                                    struct sr_diag *d)
{
    struct sr_xml_handlers h = { peek_start, NULL, NULL, NULL };
    struct peek pk = { NULL, false };
    struct sr_xml *x;
    enum sr_status s;

    *form = NULL;
    h.ctx = &pk;
    s = sr_xml_open(&x, path, &h, d);
    if (s != SR_OK)
        return s;
    s = sr_xml_step(x, d);
    sr_xml_free(x);
    if (s == SR_ERR_PARSE) {
        if (d)
            d->code = SR_ERR_CONFIG;
        free(pk.form);
        return SR_ERR_CONFIG;
    }
    if (pk.form) {
        char *dir = dir_of(path);

        *form = resolve(dir, pk.form);
        free(dir);
        free(pk.form);
    }
    return SR_OK;
}
