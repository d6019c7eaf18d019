/* SPDX-License-Identifier: MIT */
/*
 * template.c - load and check the form template (FORMATS.md §1)
 *
 * Input: the template file.  Output: a checked struct sr_template that the
 * caller owns, or SR_ERR_CONFIG with file:line and the reason.
 *
 * Two passes.  The file is read whole (templates are small) and hashed;
 * the XML layer turns it into a small element tree held in an arena, each
 * element with its line; then a checking pass walks the tree in document
 * order and builds the template, refusing anything it does not know: a typo
 * in an element or attribute name must not silently drop a question.
 */
#include "template.h"
#include "buf.h"
#include "mem.h"
#include "regex.h"
#include "xml.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger template files are refused (a template is a few KiB). */
#define MAX_TEMPLATE_BYTES (16u << 20)
/* A scale may span at most this many steps (max - min). */
#define MAX_SCALE_SPAN 1000

#define NONE SIZE_MAX

/* ---- the element tree ------------------------------------------------- */

struct el {
    const char *name;
    const char **attr; /* name, value, ..., NULL (arena) */
    long line;
    size_t first_child; /* NONE if none */
    size_t next;        /* next sibling, NONE if none */
    long text_line;     /* line of the first non-blank text inside, or 0 */
};

struct tree {
    struct sr_arena arena;
    struct el *els;
    size_t n;
    size_t alloc;
    size_t open[SR_XML_MAX_DEPTH + 1]; /* the open elements */
    size_t last[SR_XML_MAX_DEPTH + 1]; /* last child of each open one */
    int depth;
};

static enum sr_status tree_start(void *ctx, struct sr_xml *x, const char *name,
                                 const char *const *attr)
{
    struct tree *tr = ctx;
    struct el *e;
    size_t i;
    size_t na = 0;

    if (tr->depth > SR_XML_MAX_DEPTH)
        return sr_xml_error(x, SR_ERR_PARSE, "elements nested too deep");
    if (tr->n == tr->alloc) {
        tr->alloc = tr->alloc ? 2 * tr->alloc : 64;
        tr->els = xreallocarray(tr->els, tr->alloc, sizeof(*tr->els));
    }
    e = &tr->els[tr->n];
    e->name = sr_arena_strdup(&tr->arena, name);
    while (attr[na])
        na++;
    e->attr = sr_arena_alloc(&tr->arena, (na + 1) * sizeof(*e->attr));
    for (i = 0; i < na; i++)
        e->attr[i] = sr_arena_strdup(&tr->arena, attr[i]);
    e->attr[na] = NULL;
    e->line = sr_xml_line(x);
    e->first_child = NONE;
    e->next = NONE;
    e->text_line = 0;
    if (tr->depth > 0) {
        size_t parent = tr->open[tr->depth - 1];
        size_t prev = tr->last[tr->depth - 1];

        if (prev == NONE)
            tr->els[parent].first_child = tr->n;
        else
            tr->els[prev].next = tr->n;
        tr->last[tr->depth - 1] = tr->n;
    }
    tr->open[tr->depth] = tr->n;
    tr->last[tr->depth] = NONE;
    tr->depth++;
    tr->n++;
    return SR_OK;
}

static enum sr_status tree_end(void *ctx, struct sr_xml *x, const char *name)
{
    struct tree *tr = ctx;

    (void)x;
    (void)name;
    tr->depth--;
    return SR_OK;
}

static enum sr_status tree_text(void *ctx, struct sr_xml *x, const char *s,
                                size_t n)
{
    struct tree *tr = ctx;
    struct el *e;
    size_t i;

    if (tr->depth == 0)
        return SR_OK;
    e = &tr->els[tr->open[tr->depth - 1]];
    if (e->text_line)
        return SR_OK;
    for (i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            e->text_line = sr_xml_line(x);
            break;
        }
    }
    return SR_OK;
}

/* ---- the checking pass ------------------------------------------------ */

struct idref {
    const char *id; /* borrowed from the tree */
    long line;
};

struct pending_item {
    struct sr_item item; /* owned strings; moved into the template */
    const char *scale;   /* borrowed from the tree */
    long line;
};

struct loader {
    const char *path;
    struct sr_diag *d;
    struct tree tr;
    struct sr_template *t;

    struct idref *ids; /* the slot namespace (and dimensions) */
    size_t nids;
    long *scale_lines; /* per t->scales */

    struct pending_item *ditems; /* dimension items, document order */
    size_t nditems;
    struct pending_item *titems; /* top-level items */
    size_t ntitems;

    long overall_line;
    long recommend_line;
    long archive_line; /* of <archive>, or 0 */
};

static enum sr_status err(struct loader *L, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum sr_status err(struct loader *L, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    sr_diag_setv(L->d, SR_ERR_CONFIG, L->path, line, fmt, ap);
    va_end(ap);
    return SR_ERR_CONFIG;
}

static const struct el *el_at(const struct loader *L, size_t i)
{
    return i == NONE ? NULL : &L->tr.els[i];
}

static const struct el *first_child(const struct loader *L, const struct el *e)
{
    return el_at(L, e->first_child);
}

static const struct el *next_sibling(const struct loader *L, const struct el *e)
{
    return el_at(L, e->next);
}

static const char *attr(const struct el *e, const char *name)
{
    size_t i;

    for (i = 0; e->attr[i]; i += 2)
        if (strcmp(e->attr[i], name) == 0)
            return e->attr[i + 1];
    return NULL;
}

/* Refuse attributes not in @allowed (NULL-terminated) and text content. */
static enum sr_status check_el(struct loader *L, const struct el *e,
                               const char *const *allowed)
{
    size_t i;
    size_t k;

    for (i = 0; e->attr[i]; i += 2) {
        for (k = 0; allowed[k]; k++)
            if (strcmp(e->attr[i], allowed[k]) == 0)
                break;
        if (!allowed[k])
            return err(L, e->line, "unknown attribute '%s' on '%s'", e->attr[i],
                       e->name);
    }
    if (e->text_line)
        return err(L, e->text_line, "unexpected text in '%s'", e->name);
    return SR_OK;
}

/* Refuse any child element of the leaf @e. */
static enum sr_status check_leaf(struct loader *L, const struct el *e)
{
    const struct el *c = first_child(L, e);

    if (c)
        return err(L, c->line, "unknown element '%s' in '%s'", c->name,
                   e->name);
    return SR_OK;
}

/* *out = the attribute @name of @e, which must be present and not empty. */
static enum sr_status need(struct loader *L, const struct el *e,
                           const char *name, const char **out)
{
    *out = attr(e, name);
    if (!*out)
        return err(L, e->line, "missing attribute '%s' on '%s'", name, e->name);
    if (!**out)
        return err(L, e->line, "empty attribute '%s' on '%s'", name, e->name);
    return SR_OK;
}

static bool parse_int(const char *s, int *out)
{
    char *end;
    long v;

    if (!*s || isspace((unsigned char)*s))
        return false;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end || v < INT_MIN || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    double v;

    if (!*s || isspace((unsigned char)*s))
        return false;
    errno = 0;
    v = strtod(s, &end);
    if (errno || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* An optional true|false attribute; absent = false. */
static enum sr_status get_bool(struct loader *L, const struct el *e,
                               const char *what, const char *id,
                               const char *name, bool *out)
{
    const char *v = attr(e, name);

    *out = false;
    if (!v)
        return SR_OK;
    if (strcmp(v, "true") == 0)
        *out = true;
    else if (strcmp(v, "false") != 0)
        return err(L, e->line, "%s '%s': %s '%s' is not true or false", what,
                   id, name, v);
    return SR_OK;
}

/* Enter @id in the shared namespace of fields, items, choices, comments
 * (and dimensions, whose ids share the subjects of stats.csv). */
static enum sr_status add_id(struct loader *L, const char *id, long line)
{
    size_t i;

    for (i = 0; i < L->nids; i++)
        if (strcmp(L->ids[i].id, id) == 0)
            return err(L, line, "repeated id '%s' (first at line %ld)", id,
                       L->ids[i].line);
    L->ids = xreallocarray(L->ids, L->nids + 1, sizeof(*L->ids));
    L->ids[L->nids].id = id;
    L->ids[L->nids].line = line;
    L->nids++;
    return SR_OK;
}

static int cmp_point(const void *a, const void *b)
{
    const struct sr_point *pa = a;
    const struct sr_point *pb = b;

    return (pa->value > pb->value) - (pa->value < pb->value);
}

static enum sr_status do_point(struct loader *L, struct sr_scale *sc,
                               const struct el *e)
{
    static const char *const allowed[] = { "value", "label", NULL };
    const char *v;
    const char *label;
    int value;
    size_t i;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "value", &v);
    if (s != SR_OK)
        return s;
    if (!parse_int(v, &value))
        return err(L, e->line,
                   "scale '%s': point value '%s' is not a whole "
                   "number",
                   sc->id, v);
    if (value < sc->min || value > sc->max)
        return err(L, e->line, "scale '%s': point value %d outside %d..%d",
                   sc->id, value, sc->min, sc->max);
    label = attr(e, "label");
    if (label && !*label)
        return err(L, e->line, "scale '%s': point %d has an empty label",
                   sc->id, value);
    for (i = 0; i < sc->npoints; i++) {
        if (sc->points[i].value == value)
            return err(L, e->line, "scale '%s': repeated point value %d",
                       sc->id, value);
        if (label && sc->points[i].label &&
            strcmp(sc->points[i].label, label) == 0)
            return err(L, e->line, "scale '%s': repeated point label '%s'",
                       sc->id, label);
    }
    sc->points =
        xreallocarray(sc->points, sc->npoints + 1, sizeof(*sc->points));
    sc->points[sc->npoints].value = value;
    sc->points[sc->npoints].label = label ? xstrdup(label) : NULL;
    sc->npoints++;
    return SR_OK;
}

static enum sr_status do_missing(struct loader *L, struct sr_scale *sc,
                                 const struct el *e)
{
    static const char *const allowed[] = { "label", NULL };
    const char *label;
    size_t i;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "label", &label);
    if (s != SR_OK)
        return s;
    for (i = 0; i < sc->nmissing; i++)
        if (strcmp(sc->missing[i], label) == 0)
            return err(L, e->line, "scale '%s': repeated missing label '%s'",
                       sc->id, label);
    sc->missing =
        xreallocarray(sc->missing, sc->nmissing + 1, sizeof(*sc->missing));
    sc->missing[sc->nmissing++] = xstrdup(label);
    return SR_OK;
}

static enum sr_status do_scale(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { "id", "min", "max", NULL };
    struct sr_template *t = L->t;
    struct sr_scale *sc;
    const struct el *c;
    const char *id;
    const char *min;
    const char *max;
    size_t i;
    size_t k;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s != SR_OK)
        return s;
    for (i = 0; i < t->nscales; i++)
        if (strcmp(t->scales[i].id, id) == 0)
            return err(L, e->line, "repeated scale id '%s' (first at line %ld)",
                       id, L->scale_lines[i]);
    s = need(L, e, "min", &min);
    if (s == SR_OK)
        s = need(L, e, "max", &max);
    if (s != SR_OK)
        return s;

    t->scales = xreallocarray(t->scales, t->nscales + 1, sizeof(*t->scales));
    L->scale_lines =
        xreallocarray(L->scale_lines, t->nscales + 1, sizeof(long));
    sc = &t->scales[t->nscales];
    memset(sc, 0, sizeof(*sc));
    sc->id = xstrdup(id);
    L->scale_lines[t->nscales] = e->line;
    t->nscales++;

    if (!parse_int(min, &sc->min))
        return err(L, e->line, "scale '%s': min '%s' is not a whole number", id,
                   min);
    if (!parse_int(max, &sc->max))
        return err(L, e->line, "scale '%s': max '%s' is not a whole number", id,
                   max);
    if (sc->min >= sc->max)
        return err(L, e->line, "scale '%s': min %d is not below max %d", id,
                   sc->min, sc->max);
    if ((long long)sc->max - sc->min > MAX_SCALE_SPAN)
        return err(L, e->line,
                   "scale '%s': range %d..%d is wider than %d steps", id,
                   sc->min, sc->max, MAX_SCALE_SPAN);

    for (c = first_child(L, e); c; c = next_sibling(L, c)) {
        if (strcmp(c->name, "point") == 0)
            s = do_point(L, sc, c);
        else if (strcmp(c->name, "missing") == 0)
            s = do_missing(L, sc, c);
        else
            s = err(L, c->line, "unknown element '%s' in 'scale'", c->name);
        if (s != SR_OK)
            return s;
    }
    for (i = 0; i < sc->nmissing; i++)
        for (k = 0; k < sc->npoints; k++)
            if (sc->points[k].label &&
                strcmp(sc->points[k].label, sc->missing[i]) == 0)
                return err(L, e->line,
                           "scale '%s': label '%s' is both a point and "
                           "missing",
                           id, sc->missing[i]);
    if (sc->npoints > 1)
        qsort(sc->points, sc->npoints, sizeof(*sc->points), cmp_point);
    return SR_OK;
}

static const struct {
    const char *name;
    enum sr_role role;
} field_roles[] = {
    { "form-id", SR_ROLE_FORM_ID },
    { "customer-id", SR_ROLE_CUSTOMER_ID },
    { "customer-name", SR_ROLE_CUSTOMER_NAME },
    { "segment", SR_ROLE_SEGMENT },
    { "date", SR_ROLE_DATE },
};

static enum sr_status do_field(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { "id",      "role", "required",
                                           "pattern", "pii",  "label",
                                           NULL };
    struct sr_template *t = L->t;
    struct sr_field *f;
    const char *id;
    const char *role;
    const char *pattern;
    const char *label;
    size_t i;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s == SR_OK)
        s = add_id(L, id, e->line);
    if (s != SR_OK)
        return s;

    t->fields = xreallocarray(t->fields, t->nfields + 1, sizeof(*t->fields));
    f = &t->fields[t->nfields];
    memset(f, 0, sizeof(*f));
    f->id = xstrdup(id);
    label = attr(e, "label");
    f->label = xstrdup(label && *label ? label : id);
    f->line = e->line;
    t->nfields++;

    role = attr(e, "role");
    if (role) {
        for (i = 0; i < sizeof(field_roles) / sizeof(field_roles[0]); i++)
            if (strcmp(field_roles[i].name, role) == 0)
                break;
        if (i == sizeof(field_roles) / sizeof(field_roles[0]))
            return err(L, e->line, "field '%s': unknown role '%s'", id, role);
        f->role = field_roles[i].role;
        if (f->role != SR_ROLE_SEGMENT) {
            for (i = 0; i + 1 < t->nfields; i++)
                if (t->fields[i].role == f->role)
                    return err(L, e->line,
                               "field '%s' repeats role '%s' of field '%s'", id,
                               role, t->fields[i].id);
        }
    }
    s = get_bool(L, e, "field", id, "required", &f->required);
    if (s == SR_OK)
        s = get_bool(L, e, "field", id, "pii", &f->pii);
    if (s != SR_OK)
        return s;

    pattern = attr(e, "pattern");
    if (pattern) {
        struct sr_regex *re;
        struct sr_diag rd;

        sr_diag_clear(&rd);
        if (sr_regex_compile(&re, pattern, &rd) != SR_OK)
            return err(L, e->line, "field '%s': %s", id, rd.msg);
        sr_regex_free(re);
        f->pattern = xstrdup(pattern);
    }
    return SR_OK;
}

static enum sr_status do_fields(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { NULL };
    const struct el *c;
    enum sr_status s;

    s = check_el(L, e, allowed);
    for (c = first_child(L, e); s == SR_OK && c; c = next_sibling(L, c)) {
        if (strcmp(c->name, "field") == 0)
            s = do_field(L, c);
        else
            s = err(L, c->line, "unknown element '%s' in 'fields'", c->name);
    }
    return s;
}

/* An item: in dimension @dim (>= 0) or top-level (-1). */
static enum sr_status do_item(struct loader *L, const struct el *e, int dim)
{
    static const char *const allowed[] = { "id", "scale", "role", "text",
                                           NULL };
    struct pending_item *p;
    const char *id;
    const char *scale;
    const char *role;
    const char *text;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s == SR_OK)
        s = add_id(L, id, e->line);
    if (s == SR_OK)
        s = need(L, e, "scale", &scale);
    if (s != SR_OK)
        return s;

    if (dim >= 0) {
        L->ditems =
            xreallocarray(L->ditems, L->nditems + 1, sizeof(*L->ditems));
        p = &L->ditems[L->nditems++];
    } else {
        L->titems =
            xreallocarray(L->titems, L->ntitems + 1, sizeof(*L->titems));
        p = &L->titems[L->ntitems++];
    }
    memset(p, 0, sizeof(*p));
    p->item.id = xstrdup(id);
    text = attr(e, "text");
    p->item.text = xstrdup(text && *text ? text : id);
    p->item.dim = dim;
    p->scale = scale;
    p->line = e->line;

    role = attr(e, "role");
    if (!role)
        return SR_OK;
    if (dim >= 0)
        return err(L, e->line,
                   "item '%s': a dimension item cannot have a "
                   "role",
                   id);
    if (strcmp(role, "overall") == 0) {
        if (L->overall_line)
            return err(L, e->line,
                       "item '%s': a second overall item (the first is at "
                       "line %ld)",
                       id, L->overall_line);
        p->item.role = SR_ROLE_OVERALL;
        L->overall_line = e->line;
    } else if (strcmp(role, "recommend") == 0) {
        if (L->recommend_line)
            return err(L, e->line,
                       "item '%s': a second recommend item (the first is "
                       "at line %ld)",
                       id, L->recommend_line);
        p->item.role = SR_ROLE_RECOMMEND;
        L->recommend_line = e->line;
    } else {
        return err(L, e->line, "item '%s': unknown role '%s'", id, role);
    }
    return SR_OK;
}

static enum sr_status do_dimension(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { "id", "name", "weight", "target",
                                           NULL };
    struct sr_template *t = L->t;
    struct sr_dimension *dm;
    const struct el *c;
    const char *id;
    const char *name;
    const char *weight;
    const char *target;
    size_t first;
    size_t i;
    int dim;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s == SR_OK)
        s = add_id(L, id, e->line);
    if (s != SR_OK)
        return s;

    t->dims = xreallocarray(t->dims, t->ndims + 1, sizeof(*t->dims));
    dm = &t->dims[t->ndims];
    memset(dm, 0, sizeof(*dm));
    dm->id = xstrdup(id);
    name = attr(e, "name");
    dm->name = xstrdup(name && *name ? name : id);
    dim = (int)t->ndims;
    t->ndims++;

    weight = attr(e, "weight");
    if (!weight)
        return err(L, e->line, "dimension '%s' has no weight", id);
    if (!parse_double(weight, &dm->weight) || dm->weight <= 0)
        return err(L, e->line,
                   "dimension '%s': weight '%s' is not a positive number", id,
                   weight);
    target = attr(e, "target");
    if (target) {
        if (!parse_double(target, &dm->target) || dm->target < 0 ||
            dm->target > 100)
            return err(L, e->line,
                       "dimension '%s': target '%s' is not a number in "
                       "0..100",
                       id, target);
        dm->has_target = true;
    }

    first = L->nditems;
    for (c = first_child(L, e); c; c = next_sibling(L, c)) {
        if (strcmp(c->name, "item") == 0)
            s = do_item(L, c, dim);
        else
            s = err(L, c->line, "unknown element '%s' in 'dimension'", c->name);
        if (s != SR_OK)
            return s;
    }
    if (L->nditems == first)
        return err(L, e->line, "dimension '%s' has no item", id);
    /* dimension items come first in the item array, in document order */
    dm = &t->dims[dim];
    dm->nitems = L->nditems - first;
    dm->items = xcalloc(dm->nitems, sizeof(*dm->items));
    for (i = 0; i < dm->nitems; i++)
        dm->items[i] = first + i;
    return SR_OK;
}

static enum sr_status do_option(struct loader *L, struct sr_choice *ch,
                                const struct el *e)
{
    static const char *const allowed[] = { "value", "label", NULL };
    const char *value;
    const char *label;
    size_t i;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "value", &value);
    if (s != SR_OK)
        return s;
    if (ch->noptions == SR_MAX_OPTIONS)
        return err(L, e->line, "choice '%s' has more than %d options", ch->id,
                   SR_MAX_OPTIONS);
    label = attr(e, "label");
    if (!label || !*label)
        label = value;
    for (i = 0; i < ch->noptions; i++) {
        if (strcmp(ch->options[i].value, value) == 0)
            return err(L, e->line, "choice '%s': repeated option value '%s'",
                       ch->id, value);
        if (strcmp(ch->options[i].label, label) == 0)
            return err(L, e->line, "choice '%s': repeated option label '%s'",
                       ch->id, label);
    }
    ch->options =
        xreallocarray(ch->options, ch->noptions + 1, sizeof(*ch->options));
    ch->options[ch->noptions].value = xstrdup(value);
    ch->options[ch->noptions].label = xstrdup(label);
    ch->noptions++;
    return SR_OK;
}

static enum sr_status do_choice(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { "id", "text", "multiple", NULL };
    struct sr_template *t = L->t;
    struct sr_choice *ch;
    const struct el *c;
    const char *id;
    const char *text;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s == SR_OK)
        s = add_id(L, id, e->line);
    if (s != SR_OK)
        return s;

    t->choices =
        xreallocarray(t->choices, t->nchoices + 1, sizeof(*t->choices));
    ch = &t->choices[t->nchoices];
    memset(ch, 0, sizeof(*ch));
    ch->id = xstrdup(id);
    text = attr(e, "text");
    ch->text = xstrdup(text && *text ? text : id);
    t->nchoices++;

    s = get_bool(L, e, "choice", id, "multiple", &ch->multiple);
    for (c = first_child(L, e); s == SR_OK && c; c = next_sibling(L, c)) {
        if (strcmp(c->name, "option") == 0)
            s = do_option(L, ch, c);
        else
            s = err(L, c->line, "unknown element '%s' in 'choice'", c->name);
    }
    if (s == SR_OK && ch->noptions == 0)
        s = err(L, e->line, "choice '%s' has no option", id);
    return s;
}

static enum sr_status do_comment(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { "id", "text", NULL };
    struct sr_template *t = L->t;
    struct sr_comment *cm;
    const char *id;
    const char *text;
    enum sr_status s;

    s = check_el(L, e, allowed);
    if (s == SR_OK)
        s = check_leaf(L, e);
    if (s == SR_OK)
        s = need(L, e, "id", &id);
    if (s == SR_OK)
        s = add_id(L, id, e->line);
    if (s != SR_OK)
        return s;
    t->comments =
        xreallocarray(t->comments, t->ncomments + 1, sizeof(*t->comments));
    cm = &t->comments[t->ncomments];
    cm->id = xstrdup(id);
    text = attr(e, "text");
    cm->text = xstrdup(text && *text ? text : id);
    t->ncomments++;
    return SR_OK;
}

/*
 * <archive>: the customer archive's column names (docs/archive.md).  The
 * columns are taken here; whether each names a field that may come from
 * the archive is checked by check_archive(), once every field is known.
 */
static enum sr_status do_archive(struct loader *L, const struct el *e)
{
    static const char *const allowed[] = { NULL };
    static const char *const col_allowed[] = { "field", "name", NULL };
    struct sr_template *t = L->t;
    const struct el *c;
    enum sr_status s;

    if (L->archive_line)
        return err(L, e->line,
                   "second 'archive' element (the first is at "
                   "line %ld)",
                   L->archive_line);
    L->archive_line = e->line;
    s = check_el(L, e, allowed);
    for (c = first_child(L, e); s == SR_OK && c; c = next_sibling(L, c)) {
        const char *field;
        const char *name;
        struct sr_archive_column *ac;
        size_t i;

        if (strcmp(c->name, "column") != 0) {
            s = err(L, c->line, "unknown element '%s' in 'archive'", c->name);
            break;
        }
        s = check_el(L, c, col_allowed);
        if (s == SR_OK)
            s = check_leaf(L, c);
        if (s == SR_OK)
            s = need(L, c, "field", &field);
        if (s == SR_OK)
            s = need(L, c, "name", &name);
        if (s != SR_OK)
            break;
        for (i = 0; i < t->narchive; i++) {
            if (!strcmp(t->archive[i].field, field))
                return err(L, c->line,
                           "archive column for field '%s' given twice "
                           "(first at line %ld)",
                           field, t->archive[i].line);
            if (!strcmp(t->archive[i].name, name))
                return err(L, c->line,
                           "archive column '%s' given twice (first at line "
                           "%ld)",
                           name, t->archive[i].line);
        }
        t->archive =
            xreallocarray(t->archive, t->narchive + 1, sizeof(*t->archive));
        ac = &t->archive[t->narchive++];
        ac->field = xstrdup(field);
        ac->name = xstrdup(name);
        ac->line = c->line;
    }
    return s;
}

/* Every <archive> column names the customer id, a segment field or the
 * account manager. */
static enum sr_status check_archive(struct loader *L)
{
    const struct sr_template *t = L->t;
    size_t i;
    size_t f;

    for (i = 0; i < t->narchive; i++) {
        const struct sr_archive_column *ac = &t->archive[i];

        if (!strcmp(ac->field, "account_manager"))
            continue;
        for (f = 0; f < t->nfields; f++)
            if (!strcmp(t->fields[f].id, ac->field))
                break;
        if (f == t->nfields)
            return err(L, ac->line,
                       "archive column '%s': no field '%s' in the template "
                       "(want a field id or 'account_manager')",
                       ac->name, ac->field);
        if (t->fields[f].role != SR_ROLE_CUSTOMER_ID &&
            t->fields[f].role != SR_ROLE_SEGMENT)
            return err(L, ac->line,
                       "archive column '%s': field '%s' is not the customer "
                       "id nor a segment (only those come from the archive)",
                       ac->name, ac->field);
    }
    if (t->narchive && t->customer_id_field < 0)
        return err(L, L->archive_line,
                   "'archive' needs a field with role 'customer-id' to join "
                   "the archive on");
    return SR_OK;
}

/* Resolve item scales and move the pending items into t->items. */
static enum sr_status finish_items(struct loader *L)
{
    struct sr_template *t = L->t;
    size_t total = L->nditems + L->ntitems;
    size_t i;
    size_t k;

    t->items = xcalloc(total, sizeof(*t->items));
    for (i = 0; i < total; i++) {
        struct pending_item *p =
            i < L->nditems ? &L->ditems[i] : &L->titems[i - L->nditems];

        t->items[i] = p->item;
        memset(&p->item, 0, sizeof(p->item));
        t->nitems++;
        for (k = 0; k < t->nscales; k++)
            if (strcmp(t->scales[k].id, p->scale) == 0)
                break;
        if (k == t->nscales)
            return err(L, p->line, "item '%s' names unknown scale '%s'",
                       t->items[i].id, p->scale);
        t->items[i].scale = k;
        /* a dimension's score averages its items: they share one scale */
        if (t->items[i].dim >= 0) {
            const struct sr_dimension *dm = &t->dims[t->items[i].dim];
            size_t first = dm->items[0];

            if (first != i && t->items[first].scale != k)
                return err(L, p->line,
                           "item '%s' uses scale '%s' but dimension '%s' "
                           "uses '%s': a dimension's items share one scale",
                           t->items[i].id, p->scale, dm->id,
                           t->scales[t->items[first].scale].id);
        }
        if (t->items[i].role == SR_ROLE_OVERALL)
            t->overall_item = (int)i;
        else if (t->items[i].role == SR_ROLE_RECOMMEND)
            t->recommend_item = (int)i;
    }
    return SR_OK;
}

static void build_slots(struct sr_template *t)
{
    size_t n = 0;
    size_t i;

    t->nslots = t->nfields + t->nitems + t->nchoices + t->ncomments;
    t->slots = xcalloc(t->nslots, sizeof(*t->slots));
    for (i = 0; i < t->nfields; i++, n++) {
        t->slots[n].kind = SR_SLOT_FIELD;
        t->slots[n].index = i;
        t->slots[n].id = t->fields[i].id;
    }
    for (i = 0; i < t->nitems; i++, n++) {
        t->slots[n].kind = SR_SLOT_ITEM;
        t->slots[n].index = i;
        t->slots[n].id = t->items[i].id;
    }
    for (i = 0; i < t->nchoices; i++, n++) {
        t->slots[n].kind = SR_SLOT_CHOICE;
        t->slots[n].index = i;
        t->slots[n].id = t->choices[i].id;
    }
    for (i = 0; i < t->ncomments; i++, n++) {
        t->slots[n].kind = SR_SLOT_COMMENT;
        t->slots[n].index = i;
        t->slots[n].id = t->comments[i].id;
    }
    assert(n == t->nslots);
}

static void find_roles(struct sr_template *t)
{
    size_t i;

    for (i = 0; i < t->nfields; i++) {
        switch (t->fields[i].role) {
        case SR_ROLE_FORM_ID:
            t->form_id_field = (int)i;
            break;
        case SR_ROLE_CUSTOMER_ID:
            t->customer_id_field = (int)i;
            break;
        case SR_ROLE_DATE:
            t->date_field = (int)i;
            break;
        case SR_ROLE_SEGMENT:
            t->segments = xreallocarray(t->segments, t->nsegments + 1,
                                        sizeof(*t->segments));
            t->segments[t->nsegments++] = i;
            break;
        default:
            break;
        }
    }
}

static enum sr_status check_survey(struct loader *L)
{
    static const char *const allowed[] = { "id", "version", "title", "lang",
                                           NULL };
    struct sr_template *t = L->t;
    const struct el *root = &L->tr.els[0];
    const struct el *c;
    const char *id;
    const char *v;
    enum sr_status s;

    if (strcmp(root->name, "survey") != 0)
        return err(L, root->line, "root element is '%s', expected 'survey'",
                   root->name);
    s = check_el(L, root, allowed);
    if (s == SR_OK)
        s = need(L, root, "id", &id);
    if (s != SR_OK)
        return s;
    t->id = xstrdup(id);
    v = attr(root, "version");
    t->version = xstrdup(v ? v : "");
    v = attr(root, "title");
    t->title = xstrdup(v && *v ? v : id);
    v = attr(root, "lang");
    t->lang = xstrdup(v && *v ? v : "zh-CN");

    for (c = first_child(L, root); c; c = next_sibling(L, c)) {
        if (strcmp(c->name, "scale") == 0)
            s = do_scale(L, c);
        else if (strcmp(c->name, "fields") == 0)
            s = do_fields(L, c);
        else if (strcmp(c->name, "dimension") == 0)
            s = do_dimension(L, c);
        else if (strcmp(c->name, "item") == 0)
            s = do_item(L, c, -1);
        else if (strcmp(c->name, "choice") == 0)
            s = do_choice(L, c);
        else if (strcmp(c->name, "comment") == 0)
            s = do_comment(L, c);
        else if (strcmp(c->name, "archive") == 0)
            s = do_archive(L, c);
        else
            s = err(L, c->line, "unknown element '%s' in 'survey'", c->name);
        if (s != SR_OK)
            return s;
    }
    s = finish_items(L);
    if (s != SR_OK)
        return s;
    if (t->nitems == 0)
        return err(L, root->line, "survey '%s' has no item", id);
    find_roles(t);
    if (t->form_id_field < 0)
        return err(L, root->line,
                   "survey '%s' has no field with role "
                   "'form-id'",
                   id);
    s = check_archive(L);
    if (s != SR_OK)
        return s;
    build_slots(t);
    return SR_OK;
}

/* Read all of @path into @b. */
static enum sr_status read_file(const char *path, struct sr_buf *b,
                                struct sr_diag *d)
{
    FILE *fp;
    enum sr_status s = SR_OK;
    size_t n;

    fp = fopen(path, "rb");
    if (!fp)
        return sr_diag_set(d, SR_ERR_IO, path, 0, "cannot open file: %s",
                           strerror(errno));
    for (;;) {
        sr_buf_grow(b, 65536);
        n = fread(b->buf + b->len, 1, b->alloc - b->len - 1, fp);
        b->len += n;
        b->buf[b->len] = '\0';
        if (ferror(fp)) {
            s = sr_diag_set(d, SR_ERR_IO, path, 0, "cannot read file: %s",
                            strerror(errno));
            break;
        }
        if (b->len > MAX_TEMPLATE_BYTES) {
            s = sr_diag_set(d, SR_ERR_CONFIG, path, 0,
                            "template larger than %u MiB",
                            MAX_TEMPLATE_BYTES >> 20);
            break;
        }
        if (n == 0 || feof(fp))
            break;
    }
    fclose(fp);
    return s;
}

static enum sr_status hash_file(const struct sr_buf *b, unsigned char *out,
                                const char *path, struct sr_diag *d)
{
    unsigned int len = 0;

    if (!EVP_Digest(b->buf, b->len, out, &len, EVP_sha256(), NULL) || len != 32)
        return sr_diag_set(d, SR_ERR_LIBRARY, path, 0,
                           "cannot compute the SHA-256 of the template");
    return SR_OK;
}

enum sr_status sr_template_load(const char *path, struct sr_template **out,
                                struct sr_diag *d)
{
    struct loader L;
    struct sr_xml_handlers h;
    struct sr_buf data = SR_BUF_INIT;
    enum sr_status s;
    size_t i;

    *out = NULL;
    memset(&L, 0, sizeof(L));
    L.path = path;
    L.d = d;
    sr_arena_init(&L.tr.arena);
    L.t = xcalloc(1, sizeof(*L.t));
    L.t->path = xstrdup(path);
    L.t->form_id_field = -1;
    L.t->customer_id_field = -1;
    L.t->date_field = -1;
    L.t->overall_item = -1;
    L.t->recommend_item = -1;

    s = read_file(path, &data, d);
    if (s != SR_OK)
        goto out_free;
    s = hash_file(&data, L.t->sha256, path, d);
    if (s != SR_OK)
        goto out_free;

    memset(&h, 0, sizeof(h));
    h.start = tree_start;
    h.end = tree_end;
    h.text = tree_text;
    h.ctx = &L.tr;
    s = sr_xml_parse_mem(path, data.buf, data.len, &h, d);
    if (s == SR_ERR_PARSE) {
        /* a template that is not well-formed is a configuration error */
        if (d)
            d->code = SR_ERR_CONFIG;
        s = SR_ERR_CONFIG;
    }
    if (s != SR_OK)
        goto out_free;
    assert(L.tr.n > 0);
    s = check_survey(&L);
    if (s != SR_OK)
        goto out_free;
    *out = L.t;
    L.t = NULL;

out_free:
    sr_template_free(L.t);
    for (i = 0; i < L.nditems; i++) {
        free(L.ditems[i].item.id);
        free(L.ditems[i].item.text);
    }
    for (i = 0; i < L.ntitems; i++) {
        free(L.titems[i].item.id);
        free(L.titems[i].item.text);
    }
    free(L.ditems);
    free(L.titems);
    free(L.ids);
    free(L.scale_lines);
    free(L.tr.els);
    sr_arena_release(&L.tr.arena);
    sr_buf_release(&data);
    return s;
}

void sr_template_free(struct sr_template *t)
{
    size_t i;
    size_t k;

    if (!t)
        return;
    for (i = 0; i < t->nscales; i++) {
        free(t->scales[i].id);
        for (k = 0; k < t->scales[i].npoints; k++)
            free(t->scales[i].points[k].label);
        free(t->scales[i].points);
        for (k = 0; k < t->scales[i].nmissing; k++)
            free(t->scales[i].missing[k]);
        free(t->scales[i].missing);
    }
    free(t->scales);
    for (i = 0; i < t->nfields; i++) {
        free(t->fields[i].id);
        free(t->fields[i].label);
        free(t->fields[i].pattern);
    }
    free(t->fields);
    for (i = 0; i < t->narchive; i++) {
        free(t->archive[i].field);
        free(t->archive[i].name);
    }
    free(t->archive);
    for (i = 0; i < t->nitems; i++) {
        free(t->items[i].id);
        free(t->items[i].text);
    }
    free(t->items);
    for (i = 0; i < t->ndims; i++) {
        free(t->dims[i].id);
        free(t->dims[i].name);
        free(t->dims[i].items);
    }
    free(t->dims);
    for (i = 0; i < t->nchoices; i++) {
        free(t->choices[i].id);
        free(t->choices[i].text);
        for (k = 0; k < t->choices[i].noptions; k++) {
            free(t->choices[i].options[k].value);
            free(t->choices[i].options[k].label);
        }
        free(t->choices[i].options);
    }
    free(t->choices);
    for (i = 0; i < t->ncomments; i++) {
        free(t->comments[i].id);
        free(t->comments[i].text);
    }
    free(t->comments);
    free(t->slots);
    free(t->segments);
    free(t->path);
    free(t->id);
    free(t->version);
    free(t->title);
    free(t->lang);
    free(t);
}

int sr_template_slot(const struct sr_template *t, const char *id)
{
    size_t i;

    for (i = 0; i < t->nslots; i++)
        if (strcmp(t->slots[i].id, id) == 0)
            return (int)i;
    return -1;
}

size_t sr_template_field_slot(const struct sr_template *t, size_t f)
{
    assert(f < t->nfields);
    return f;
}

size_t sr_template_item_slot(const struct sr_template *t, size_t i)
{
    assert(i < t->nitems);
    return t->nfields + i;
}

size_t sr_template_choice_slot(const struct sr_template *t, size_t c)
{
    assert(c < t->nchoices);
    return t->nfields + t->nitems + c;
}

size_t sr_template_comment_slot(const struct sr_template *t, size_t c)
{
    assert(c < t->ncomments);
    return t->nfields + t->nitems + t->nchoices + c;
}
