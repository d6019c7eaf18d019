/* SPDX-License-Identifier: MIT */
/*
 * model.c - the statistics model: figure rows and their lookup table
 *
 * Owns every string of its rows (an arena) and an open-addressing hash
 * table from (group, group_value, subject, metric) to the row number.
 */
#include "model.h"
#include "../core/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct index {
    struct sr_arena arena;
    size_t *slots; /* row + 1, 0 = empty */
    size_t cap;    /* power of two */
    size_t rows_alloc;
    size_t groups_alloc;
    size_t sources_alloc;
    size_t categories_alloc;
};

static uint64_t hash_str(uint64_t h, const char *s)
{
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    h ^= 0xff; /* separator */
    h *= 1099511628211ULL;
    return h;
}

static uint64_t hash_key(const char *g, const char *gv, const char *s,
                         const char *m)
{
    uint64_t h = 14695981039346656037ULL;

    h = hash_str(h, g);
    h = hash_str(h, gv);
    h = hash_str(h, s);
    return hash_str(h, m);
}

static bool same_key(const struct sr_figure *f, const char *g, const char *gv,
                     const char *s, const char *m)
{
    return !strcmp(f->metric, m) && !strcmp(f->subject, s) &&
           !strcmp(f->group, g) && !strcmp(f->group_value, gv);
}

/* the slot of the key: its row's slot, or the empty slot where it goes */
static size_t find_slot(const struct sr_model *m, const char *g, const char *gv,
                        const char *s, const char *me)
{
    const struct index *ix = m->index;
    size_t mask = ix->cap - 1;
    size_t i = (size_t)hash_key(g, gv, s, me) & mask;

    while (ix->slots[i] && !same_key(&m->rows[ix->slots[i] - 1], g, gv, s, me))
        i = (i + 1) & mask;
    return i;
}

static void rehash(struct sr_model *m)
{
    struct index *ix = m->index;
    size_t cap = ix->cap ? ix->cap * 2 : 1024;
    size_t r;

    free(ix->slots);
    ix->slots = xcalloc(cap, sizeof(*ix->slots));
    ix->cap = cap;
    for (r = 0; r < m->nrows; r++) {
        const struct sr_figure *f = &m->rows[r];
        size_t i =
            find_slot(m, f->group, f->group_value, f->subject, f->metric);

        ix->slots[i] = r + 1;
    }
}

struct sr_model *sr_model_new(const struct sr_template *t)
{
    struct sr_model *m = xcalloc(1, sizeof(*m));
    struct index *ix = xcalloc(1, sizeof(*ix));

    sr_arena_init(&ix->arena);
    m->tmpl = t;
    m->index = ix;
    m->min_base = 30;
    rehash(m);
    return m;
}

const char *sr_model_strdup(struct sr_model *m, const char *s)
{
    struct index *ix = m->index;

    return sr_arena_strdup(&ix->arena, s ? s : "");
}

void sr_model_add(struct sr_model *m, const char *group,
                  const char *group_value, const char *subject,
                  const char *metric, double value, long n)
{
    struct index *ix = m->index;
    struct sr_figure *f;
    size_t i;

    if (!group_value)
        group_value = "";
    i = find_slot(m, group, group_value, subject, metric);
    if (ix->slots[i]) {
        f = &m->rows[ix->slots[i] - 1];
        f->value = value;
        f->n = n;
        return;
    }
    if (m->nrows == ix->rows_alloc) {
        ix->rows_alloc = ix->rows_alloc ? ix->rows_alloc * 2 : 256;
        m->rows = xreallocarray(m->rows, ix->rows_alloc, sizeof(*m->rows));
    }
    f = &m->rows[m->nrows];
    f->group = sr_model_strdup(m, group);
    f->group_value = sr_model_strdup(m, group_value);
    f->subject = sr_model_strdup(m, subject);
    f->metric = sr_model_strdup(m, metric);
    f->value = value;
    f->n = n;
    ix->slots[i] = ++m->nrows;
    if (m->nrows * 2 > ix->cap)
        rehash(m);
}

bool sr_model_get(const struct sr_model *m, const char *group,
                  const char *group_value, const char *subject,
                  const char *metric, double *value, long *n)
{
    const struct index *ix = m->index;
    const struct sr_figure *f;
    size_t i;

    i = find_slot(m, group, group_value ? group_value : "", subject, metric);
    if (!ix->slots[i])
        return false;
    f = &m->rows[ix->slots[i] - 1];
    if (value)
        *value = f->value;
    if (n)
        *n = f->n;
    return true;
}

struct sr_model_group *
sr_model_add_group(struct sr_model *m, const char *field_id, const char *label)
{
    struct index *ix = m->index;
    struct sr_model_group *g;

    if (m->ngroups == ix->groups_alloc) {
        ix->groups_alloc = ix->groups_alloc ? ix->groups_alloc * 2 : 8;
        m->groups =
            xreallocarray(m->groups, ix->groups_alloc, sizeof(*m->groups));
    }
    g = &m->groups[m->ngroups++];
    memset(g, 0, sizeof(*g));
    g->field_id = sr_model_strdup(m, field_id);
    g->label = sr_model_strdup(m, label ? label : field_id);
    return g;
}

void sr_model_group_value(struct sr_model *m, struct sr_model_group *g,
                          const char *value, long forms)
{
    /* grows one at a time: groups have few values */
    g->values = xreallocarray(g->values, g->nvalues + 1, sizeof(*g->values));
    g->forms = xreallocarray(g->forms, g->nvalues + 1, sizeof(*g->forms));
    g->values[g->nvalues] = sr_model_strdup(m, value);
    g->forms[g->nvalues] = forms;
    g->nvalues++;
}

void sr_model_add_source(struct sr_model *m, const char *file, long read,
                         long accepted, long refused, long out_of_period)
{
    struct index *ix = m->index;
    struct sr_model_source *s;

    if (m->nsources == ix->sources_alloc) {
        ix->sources_alloc = ix->sources_alloc ? ix->sources_alloc * 2 : 8;
        m->sources =
            xreallocarray(m->sources, ix->sources_alloc, sizeof(*m->sources));
    }
    s = &m->sources[m->nsources++];
    s->file = sr_model_strdup(m, file);
    s->read = read;
    s->accepted = accepted;
    s->refused = refused;
    s->out_of_period = out_of_period;
}

void sr_model_add_category(struct sr_model *m, const char *name,
                           const char *kind, bool complaint)
{
    struct index *ix = m->index;
    struct sr_model_category *c;

    if (m->ncategories == ix->categories_alloc) {
        ix->categories_alloc =
            ix->categories_alloc ? ix->categories_alloc * 2 : 8;
        m->categories = xreallocarray(m->categories, ix->categories_alloc,
                                      sizeof(*m->categories));
    }
    c = &m->categories[m->ncategories++];
    c->name = sr_model_strdup(m, name);
    c->kind = kind ? sr_model_strdup(m, kind) : NULL;
    c->complaint = complaint;
    c->nexamples = 0;
}

void sr_model_add_example(struct sr_model *m, size_t k, const char *text)
{
    struct sr_model_category *c;

    if (k >= m->ncategories)
        return;
    c = &m->categories[k];
    if (c->nexamples >= SR_MODEL_EXAMPLES)
        return;
    c->examples[c->nexamples++] = sr_model_strdup(m, text);
}

void sr_model_free(struct sr_model *m)
{
    struct index *ix;
    size_t i;

    if (!m)
        return;
    ix = m->index;
    for (i = 0; i < m->ngroups; i++) {
        free(m->groups[i].values);
        free(m->groups[i].forms);
    }
    free(m->groups);
    free(m->categories);
    free(m->sources);
    free(m->rows);
    free(ix->slots);
    sr_arena_release(&ix->arena);
    free(ix);
    free(m);
}
