/* SPDX-License-Identifier: MIT */
/*
 * stats.c - accumulate accepted forms, then build the statistics model
 *
 * Input: accepted, in-period records (sr_stats_push()) and the per-file
 * reconciliation counts (sr_stats_count()).  Output: struct sr_model, every
 * figure of stats.csv in its order (FORMATS.md §4.1, §4.2).
 *
 * What it owns: one "cell" for group all and one per distinct segment value
 * (a hash map per segment field), each a flat array of int64 counters laid
 * out once from the template (struct layout below); and the per-file counts.
 * Nothing grows with the number of forms: a form adds to counters, and only
 * the first sight of a segment value or a file name allocates.  Because a
 * cell is nothing but integer counters, merging is adding arrays, and the
 * rest of the forms (for the p values) is all minus the segment.
 *
 * A cell holds, per item: a count per scale point, and (when the template
 * has an overall item) a correlation accumulator; per dimension: a count
 * per (answered items k, score sum S) pair, from which the per-form score
 * S/k and all its figures are exact, a correlation accumulator stratified
 * by k, and for Cronbach's alpha the sums and cross products of the items
 * over complete forms; per choice: forms that answered, and a count per
 * option; the forms with a comment, the complaints and a count per comment
 * category.  Scores are shifted to start at 0 in every sum.
 *
 * Groups: "all"; per segment group (template segment fields, then derived
 * fields with segment = true) a cell per distinct value; per comment
 * category a cell of the forms in it (group "category").  A form is added
 * to the cells of all, of each of its segment values and of each of its
 * categories: one touch list, computed once per form, applied to each.
 *
 * The model adds what needs a whole group at once: significance against
 * the rest of the forms (all minus the group), the previous period's
 * figures (prev.c), and the action ranks of what is below its target.
 */
#include "stats_impl.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/pii.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SR_STATS_NONE

_Static_assert(SR_STATS_EXAMPLES == SR_MODEL_EXAMPLES,
               "the model keeps the examples the statistics keep");

static const char *const count_names[SR_NKINDS] = {
    [SR_COUNT_READ] = "read",
    [SR_COUNT_ACCEPTED] = "accepted",
    [SR_COUNT_REFUSED] = "refused",
    [SR_COUNT_OUT] = "out_of_period",
};

/*
 * A hash of the @n bytes at @s, 8 at a time (a segment value is hashed
 * for every form and group; FNV's multiply a byte was a third of the
 * lookup).  Mixed with splitmix64's constants: the low bits pick the slot.
 */
static inline uint64_t hash_mem(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);
    uint64_t w;
    uint32_t a;
    uint32_t b;

    if (n >= 8) {
        for (; n > 8; s += 8, n -= 8) {
            memcpy(&w, s, 8);
            h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 32;
        }
        memcpy(&w, s + n - 8, 8); /* the last 8, over what came before */
    } else if (n >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else {
        w = n ? (uint64_t)(unsigned char)s[0] << 16 |
                    (uint64_t)(unsigned char)s[n / 2] << 8 |
                    (unsigned char)s[n - 1]
              : 0;
    }
    h = (h ^ w) * 0x94D049BB133111EBULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

static uint64_t hash_str(const char *s)
{
    return hash_mem(s, strlen(s));
}

/* whether the @n bytes at @a and @b are the same (inline: values are a
 * few bytes, where a call to memcmp costs more than the compare) */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    uint64_t x;
    uint64_t y;

    if (n >= 8) {
        for (; n > 8; a += 8, b += 8, n -= 8) {
            memcpy(&x, a, 8);
            memcpy(&y, b, 8);
            if (x != y)
                return false;
        }
        memcpy(&x, a + n - 8, 8); /* the last 8, over what came before */
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (; n; n--)
        if (*a++ != *b++)
            return false;
    return true;
}

/* ---- layout ------------------------------------------------------------ */

static void item_layout(struct sr_stats *st, size_t i, size_t *off)
{
    const struct sr_template *t = st->t;
    const struct sr_scale *sc = &t->scales[t->items[i].scale];
    struct sr_item_lay *L = &st->items[i];
    size_t b;

    assert(sc->min < sc->max);
    L->min = sc->min;
    L->max = sc->max;
    L->nb = (size_t)((long)sc->max - sc->min + 1);
    L->num = xcalloc(L->nb, sizeof(*L->num));
    for (b = 0; b < L->nb; b++)
        L->num[b] = (int64_t)sc->min + (int64_t)b;
    L->vals = (struct sr_bins){ .nb = L->nb, .num = L->num, .lcm = 1 };
    L->bins = *off;
    *off += L->nb;
    L->corr = NONE;
    if (t->overall_item >= 0 && (size_t)t->overall_item != i) {
        L->corr = *off;
        *off += SR_CORR_SIZE(1);
    }
}

/* the dimension bins sorted by value: (S, k) pairs compared as S/k */
struct bin_key {
    int64_t num;
    int64_t den;
    size_t bin;
};

static int cmp_bin_key(const void *pa, const void *pb)
{
    const struct bin_key *a = pa;
    const struct bin_key *b = pb;
    sr_i128 l = (sr_i128)a->num * b->den;
    sr_i128 r = (sr_i128)b->num * a->den;

    if (l != r)
        return l < r ? -1 : 1;
    return a->bin < b->bin ? -1 : a->bin > b->bin;
}

static void dim_layout(struct sr_stats *st, size_t d, size_t *off)
{
    const struct sr_template *t = st->t;
    const struct sr_dimension *dm = &t->dims[d];
    struct sr_dim_lay *L = &st->dims[d];
    const struct sr_scale *sc;
    struct bin_key *keys;
    size_t w;
    size_t k;
    size_t s;
    size_t b;
    int64_t lcm;

    assert(dm->nitems >= 1);
    sc = &t->scales[t->items[dm->items[0]].scale];
    for (k = 1; k < dm->nitems; k++)
        assert(t->items[dm->items[k]].scale == t->items[dm->items[0]].scale);
    L->m = dm->nitems;
    L->min = sc->min;
    L->max = sc->max;
    w = (size_t)((long)sc->max - sc->min);
    L->base = xcalloc(L->m, sizeof(*L->base));
    L->nh = 0;
    for (k = 1; k <= L->m; k++) {
        L->base[k - 1] = L->nh;
        L->nh += k * w + 1;
    }
    L->num = xcalloc(L->nh, sizeof(*L->num));
    L->den = xcalloc(L->nh, sizeof(*L->den));
    L->order = xcalloc(L->nh, sizeof(*L->order));
    keys = xcalloc(L->nh, sizeof(*keys));
    for (k = 1; k <= L->m; k++) {
        for (s = 0; s <= k * w; s++) {
            b = L->base[k - 1] + s;
            L->num[b] = (int64_t)k * sc->min + (int64_t)s;
            L->den[b] = (int64_t)k;
            keys[b] = (struct bin_key){ L->num[b], L->den[b], b };
        }
    }
    qsort(keys, L->nh, sizeof(*keys), cmp_bin_key);
    for (b = 0; b < L->nh; b++)
        L->order[b] = keys[b].bin;
    free(keys);
    lcm = sr_dist_lcm(L->m);
    L->vals = (struct sr_bins){ .nb = L->nh,
                                .num = L->num,
                                .den = L->den,
                                .order = L->order,
                                .lcm = lcm ? lcm : 1,
                                .no_exact = !lcm };

    L->hist = *off;
    *off += L->nh;
    L->corr = NONE;
    if (t->overall_item >= 0) {
        L->corr = *off;
        *off += SR_CORR_SIZE(L->m);
    }
    L->alpha = NONE;
    if (L->m >= 2) {
        L->alpha = *off;
        *off += 1 + L->m + L->m * (L->m + 1) / 2;
    }
}

/* the index of sum x_a x_b (a <= b) among the cross products */
static size_t tri(size_t m, size_t a, size_t b)
{
    /* row a starts after rows 0..a-1, of m, m-1, ... entries */
    return a * (2 * m - a + 1) / 2 + (b - a);
}

/* the segment groups: template segment fields, then derived segments */
static void seg_layout(struct sr_stats *st)
{
    const struct sr_template *t = st->t;
    size_t n = t->nsegments;
    size_t j;
    size_t s = 0;

    for (j = 0; j < st->o.nderived; j++)
        if (st->o.derived[j].segment)
            n++;
    st->nseg = n;
    st->segf = xcalloc(n ? n : 1, sizeof(*st->segf));
    st->seg = xcalloc(n ? n : 1, sizeof(*st->seg));
    for (j = 0; j < t->nsegments; j++, s++) {
        const struct sr_field *f = &t->fields[t->segments[j]];

        st->segf[s].id = f->id;
        st->segf[s].label = f->label ? f->label : f->id;
        st->segf[s].field = (int)t->segments[j];
    }
    for (j = 0; j < st->o.nderived; j++) {
        const struct sr_derived_field *df = &st->o.derived[j];

        if (!df->segment)
            continue;
        st->segf[s].id = df->id;
        st->segf[s].label = df->label && *df->label ? df->label : df->id;
        st->segf[s].field = -1;
        st->segf[s].derived = j;
        s++;
    }
}

static void fast_layout(struct sr_stats *st);

struct sr_stats *sr_stats_new(const struct sr_template *t,
                              const struct sr_stats_opts *o)
{
    struct sr_stats *st = xcalloc(1, sizeof(*st));
    size_t off = 0;
    size_t ntouch = 4;
    size_t i;

    st->t = t;
    st->o = o ? *o : (struct sr_stats_opts){ .min_report = 5, .min_base = 30 };
    st->o.previous = NULL; /* read by sr_stats_open() only */
    if (!st->o.derived)
        st->o.nderived = 0;
    if (!st->o.categories)
        st->o.ncategories = 0;
    assert(st->o.ncategories <= SR_MAX_CATEGORIES);
    if (st->o.ncategories > SR_MAX_CATEGORIES)
        st->o.ncategories = SR_MAX_CATEGORIES;
    st->off_forms = off++;
    st->off_csi = off++;
    st->off_commented = off++;
    st->off_complaint = off++;
    st->off_cat = off;
    off += st->o.ncategories;
    ntouch += st->o.ncategories;
    st->items = xcalloc(t->nitems ? t->nitems : 1, sizeof(*st->items));
    for (i = 0; i < t->nitems; i++) {
        item_layout(st, i, &off);
        ntouch += 1 + SR_CORR_SIZE(1);
    }
    st->dims = xcalloc(t->ndims ? t->ndims : 1, sizeof(*st->dims));
    for (i = 0; i < t->ndims; i++) {
        dim_layout(st, i, &off);
        ntouch += 1 + SR_CORR_SIZE(1) + 1 + st->dims[i].m +
                  st->dims[i].m * (st->dims[i].m + 1) / 2;
    }
    st->choices = xcalloc(t->nchoices ? t->nchoices : 1, sizeof(*st->choices));
    for (i = 0; i < t->nchoices; i++) {
        assert(t->choices[i].noptions <= SR_MAX_OPTIONS);
        st->choices[i] = off;
        off += 1 + t->choices[i].noptions;
        ntouch += 1 + t->choices[i].noptions;
    }
    st->size = off;
    st->all = xcalloc(st->size, sizeof(*st->all));
    seg_layout(st);
    st->cat = xcalloc(st->o.ncategories ? st->o.ncategories * st->size : 1,
                      sizeof(*st->cat));
    st->examples =
        xcalloc(st->o.ncategories ? st->o.ncategories * SR_STATS_EXAMPLES : 1,
                sizeof(*st->examples));
    st->nexamples = xcalloc(st->o.ncategories ? st->o.ncategories : 1,
                            sizeof(*st->nexamples));
    sr_buf_init(&st->ex_tmp);
    sr_stats_rules_id(&st->o, st->rules_id);
    st->touch = xcalloc(ntouch, sizeof(*st->touch));
    st->xs = xcalloc(t->nitems ? t->nitems : 1, sizeof(*st->xs));
    fast_layout(st);
    return st;
}

enum sr_status sr_stats_open(struct sr_stats **out, const struct sr_template *t,
                             const struct sr_stats_opts *o, struct sr_diag *d)
{
    struct sr_stats *st;
    enum sr_status s;

    *out = NULL;
    if (o && o->categories && o->ncategories > SR_MAX_CATEGORIES)
        return sr_diag_set(d, SR_ERR_CONFIG, NULL, 0,
                           "too many comment categories: %zu, at most %d",
                           o->ncategories, SR_MAX_CATEGORIES);
    st = sr_stats_new(t, o);
    if (o && o->previous) {
        s = sr_prev_load(&st->prev, o->previous, d);
        if (s != SR_OK) {
            sr_stats_free(st);
            return s;
        }
    }
    *out = st;
    return SR_OK;
}

void sr_stats_free(struct sr_stats *st)
{
    size_t i;
    size_t k;

    if (!st)
        return;
    for (i = 0; i < st->t->nitems; i++)
        free(st->items[i].num);
    for (i = 0; i < st->t->ndims; i++) {
        free(st->dims[i].base);
        free(st->dims[i].num);
        free(st->dims[i].den);
        free(st->dims[i].order);
    }
    for (i = 0; i < st->nseg; i++) {
        for (k = 0; k < st->seg[i].cap; k++) {
            free(st->seg[i].slots[k].value);
            free(st->seg[i].slots[k].cell);
            free(st->seg[i].slots[k].fast);
        }
        free(st->seg[i].slots);
    }
    for (i = 0; i < st->nfiles; i++)
        free(st->files[i].file);
    for (i = 0; i < st->o.ncategories * SR_STATS_EXAMPLES; i++)
        free(st->examples[i]);
    free(st->examples);
    free(st->nexamples);
    sr_buf_release(&st->ex_tmp);
    sr_prev_free(st->prev);
    free(st->files);
    free(st->file_slots);
    free(st->seg);
    free(st->segf);
    free(st->cat);
    free(st->all);
    free(st->touch);
    free(st->xs);
    free(st->f_item);
    free(st->f_dim);
    free(st->f_vec);
    free(st->f_all);
    free(st->f_cat);
    free(st->inc);
    free(st->choices);
    free(st->dims);
    free(st->items);
    free(st);
}

/* ---- segment values ---------------------------------------------------- */

static struct sr_segval *segmap_find(struct sr_segmap *sm, const char *value,
                                     size_t len, uint64_t h)
{
    size_t mask = sm->cap - 1;
    size_t i = (size_t)h & mask;

    while (sm->slots[i].value &&
           (sm->slots[i].hash != h || sm->slots[i].len != len ||
            !same_bytes(sm->slots[i].value, value, len)))
        i = (i + 1) & mask;
    return &sm->slots[i];
}

static void segmap_grow(struct sr_segmap *sm)
{
    struct sr_segval *old = sm->slots;
    size_t oldcap = sm->cap;
    size_t i;
    struct sr_segval *v;

    sm->cap = oldcap ? oldcap * 2 : 16;
    sm->slots = xcalloc(sm->cap, sizeof(*sm->slots));
    for (i = 0; i < oldcap; i++) {
        if (!old[i].value)
            continue;
        v = segmap_find(sm, old[i].value, old[i].len, old[i].hash);
        *v = old[i];
    }
    free(old);
}

int64_t *sr_stats_seg_cell(struct sr_stats *st, size_t s, const char *value)
{
    struct sr_segmap *sm = &st->seg[s];
    size_t len = strlen(value);
    uint64_t h = hash_mem(value, len);
    struct sr_segval *v;

    if ((sm->count + 1) * 10 > sm->cap * 7)
        segmap_grow(sm);
    v = segmap_find(sm, value, len, h);
    if (!v->value && sm->count >= SR_STATS_MAX_SEGVALS)
        return NULL;
    if (!v->value) {
        v->value = xstrdup(value);
        v->len = len;
        v->hash = h;
        v->cell = xcalloc(st->size, sizeof(*v->cell));
        sm->count++;
    }
    return v->cell;
}

/* the value of segment group @s on @r, or NULL */
static const char *seg_value(const struct sr_stats *st, size_t s,
                             const struct sr_record *r)
{
    const struct sr_segfield *f = &st->segf[s];
    const char *v;

    if (f->field >= 0)
        v = r->fields[f->field];
    else if (r->derived && f->derived < r->nderived)
        v = r->derived[f->derived];
    else
        v = NULL;
    return v && *v ? v : NULL;
}

/* ---- push -------------------------------------------------------------- */

/*
 * A form adds 1 to a few counters of each of its cells' fast cells
 * (struct sr_stats): per item, the (score, overall score) pair; per
 * dimension, the ((answered items k, sum S), overall score) pair and, when
 * the dimension is small (VEC_MAX), the scores of a complete form as one
 * number; counts that are already counts (forms, choices, comments,
 * categories) go to the fast cell's copy of the cell layout.  Only the
 * alpha sums of a large dimension are added as sums (touch()).
 * sr_stats_fold() later derives every sum of the cell from these counts,
 * exactly (integers): the cell ends up as if each form had been added to
 * it directly, which is what the model, merge and states read.
 */

/* the most counters for the complete forms of one dimension (so at most
 * VEC_ITEMS items, of 2 points or more) */
#define VEC_MAX   4096
#define VEC_ITEMS 12

static void fast_layout(struct sr_stats *st)
{
    const struct sr_template *t = st->t;
    size_t ni = t->nitems ? t->nitems : 1;
    size_t nd = t->ndims ? t->ndims : 1;
    size_t off = st->size;
    size_t ninc = 4 + st->o.ncategories;
    size_t i;
    size_t k;

    st->f_ny = 1;
    if (t->overall_item >= 0)
        st->f_ny = st->items[t->overall_item].nb + 1;
    st->f_item = xcalloc(ni, sizeof(*st->f_item));
    st->f_dim = xcalloc(nd, sizeof(*st->f_dim));
    st->f_vec = xcalloc(nd, sizeof(*st->f_vec));
    for (i = 0; i < t->nitems; i++) {
        const struct sr_item_lay *L = &st->items[i];

        st->f_item[i] = off;
        off += L->nb * (L->corr != NONE ? st->f_ny : 1);
        ninc++;
    }
    for (i = 0; i < t->ndims; i++) {
        const struct sr_dim_lay *L = &st->dims[i];
        size_t nb = (size_t)((long)L->max - L->min + 1);
        size_t nv = 1;

        st->f_dim[i] = off;
        off += L->nh * (L->corr != NONE ? st->f_ny : 1);
        st->f_vec[i] = NONE;
        ninc += 2;
        if (L->alpha == NONE)
            continue;
        for (k = 0; k < L->m && nv <= VEC_MAX; k++)
            nv *= nb;
        if (nv <= VEC_MAX) {
            st->f_vec[i] = off;
            off += nv;
        }
    }
    for (i = 0; i < t->nchoices; i++)
        ninc += 1 + t->choices[i].noptions;
    st->fsize = off + 1; /* + forms since the last fold */
    st->f_all = xcalloc(st->fsize, sizeof(*st->f_all));
    st->f_cat = xcalloc(st->o.ncategories ? st->o.ncategories * st->fsize : 1,
                        sizeof(*st->f_cat));
    st->inc = xcalloc(ninc, sizeof(*st->inc));
}

static void touch(struct sr_stats *st, size_t off, int64_t d)
{
    st->touch[st->ntouch].off = off;
    st->touch[st->ntouch].d = d;
    st->ntouch++;
}

static void inc(struct sr_stats *st, size_t off)
{
    st->inc[st->ninc++] = (uint32_t)off;
}

/* the y index of a joint block: 0 without an overall score */
static size_t y_index(int64_t y)
{
    return y >= 0 ? (size_t)y + 1 : 0;
}

static void push_items(struct sr_stats *st, const struct sr_record *r,
                       int64_t y)
{
    const struct sr_template *t = st->t;
    size_t i;

    for (i = 0; i < t->nitems; i++) {
        const struct sr_item_lay *L = &st->items[i];
        int32_t v = r->scores[i];

        st->xs[i] = -1;
        if (v == SR_MISSING)
            continue;
        /* the checker refuses scores off the scale */
        assert(v >= L->min && v <= L->max);
        if (v < L->min || v > L->max)
            continue;
        st->xs[i] = v - L->min;
        if (L->corr != NONE)
            inc(st, st->f_item[i] + (size_t)st->xs[i] * st->f_ny + y_index(y));
        else
            inc(st, st->f_item[i] + (size_t)st->xs[i]);
    }
}

/* returns whether the form answered any dimension item */
static bool push_dims(struct sr_stats *st, int64_t y)
{
    const struct sr_template *t = st->t;
    bool any = false;
    size_t d;
    size_t a;
    size_t b;
    size_t k;
    size_t bin;
    int64_t s;

    for (d = 0; d < t->ndims; d++) {
        const struct sr_dim_lay *L = &st->dims[d];
        const size_t *items = t->dims[d].items;

        k = 0;
        s = 0;
        for (a = 0; a < L->m; a++) {
            if (st->xs[items[a]] < 0)
                continue;
            k++;
            s += st->xs[items[a]];
        }
        if (!k)
            continue;
        any = true;
        bin = L->base[k - 1] + (size_t)s;
        if (L->corr != NONE)
            inc(st, st->f_dim[d] + bin * st->f_ny + y_index(y));
        else
            inc(st, st->f_dim[d] + bin);
        if (L->alpha == NONE || k < L->m)
            continue;
        if (st->f_vec[d] != NONE) {
            size_t nb = (size_t)((long)L->max - L->min + 1);
            size_t v = 0;

            for (a = L->m; a-- > 0;)
                v = v * nb + (size_t)st->xs[items[a]];
            inc(st, st->f_vec[d] + v);
            continue;
        }
        touch(st, L->alpha, 1);
        for (a = 0; a < L->m; a++) {
            int64_t xa = st->xs[items[a]];

            touch(st, L->alpha + 1 + a, xa);
            for (b = a; b < L->m; b++)
                touch(st, L->alpha + 1 + L->m + tri(L->m, a, b),
                      xa * st->xs[items[b]]);
        }
    }
    return any;
}

static void push_choices(struct sr_stats *st, const struct sr_record *r)
{
    const struct sr_template *t = st->t;
    size_t c;
    size_t k;

    for (c = 0; c < t->nchoices; c++) {
        uint64_t mask = r->choices[c];

        if (!mask)
            continue;
        inc(st, st->choices[c]);
        for (k = 0; k < t->choices[c].noptions; k++)
            if (mask & (UINT64_C(1) << k))
                inc(st, st->choices[c] + 1 + k);
    }
}

/* the categories of @r that the accumulator knows */
static uint64_t categories_of(const struct sr_stats *st,
                              const struct sr_record *r)
{
    size_t n = st->o.ncategories;

    if (!n)
        return 0;
    return n >= 64 ? r->categories : r->categories & ((UINT64_C(1) << n) - 1);
}

void sr_stats_add_example(struct sr_stats *st, size_t k, const char *text)
{
    if (k >= st->o.ncategories || st->nexamples[k] >= SR_STATS_EXAMPLES)
        return;
    st->examples[k * SR_STATS_EXAMPLES + st->nexamples[k]++] = xstrdup(text);
}

const char *const *sr_stats_examples(const struct sr_stats *st, size_t k,
                                     size_t *n)
{
    *n = k < st->o.ncategories ? st->nexamples[k] : 0;
    return (const char *const *)(st->examples + k * SR_STATS_EXAMPLES);
}

/* The example text of @r (see stats.h) in st->ex_tmp; false when the form
 * has no comment text (its categories came from elsewhere). */
static bool example_of(struct sr_stats *st, const struct sr_record *r)
{
    const struct sr_template *t = st->t;
    struct sr_buf *b = &st->ex_tmp;
    size_t c;
    size_t cut;

    sr_buf_reset(b);
    for (c = 0; r->comments && c < t->ncomments; c++) {
        if (!r->comments[c] || !*r->comments[c])
            continue;
        if (b->len)
            sr_buf_addstr(b, " / ");
        sr_pii_mask_text(b, t, r, r->comments[c]);
    }
    if (!b->len)
        return false;
    if (b->len > SR_STATS_EXAMPLE_MAX) {
        cut = SR_STATS_EXAMPLE_MAX;
        while (cut > 0 && ((unsigned char)b->buf[cut] & 0xC0) == 0x80)
            cut--; /* not inside a character */
        b->len = cut;
        b->buf[cut] = '\0';
        sr_buf_addstr(b, "…");
    }
    return true;
}

/* Keep @r as an example of each of its categories that wants one. */
static void push_examples(struct sr_stats *st, const struct sr_record *r,
                          uint64_t cats)
{
    bool made = false;
    uint64_t m;

    for (m = cats; m; m &= m - 1) {
        size_t k = (size_t)__builtin_ctzll(m);

        if (st->nexamples[k] >= SR_STATS_EXAMPLES)
            continue;
        if (!made && !example_of(st, r))
            return;
        made = true;
        sr_stats_add_example(st, k, st->ex_tmp.buf);
    }
}

/* comments, complaint and categories */
static void push_comments(struct sr_stats *st, const struct sr_record *r,
                          uint64_t cats)
{
    const struct sr_template *t = st->t;
    bool commented = cats != 0;
    uint64_t m = cats;
    size_t c;

    for (c = 0; !commented && r->comments && c < t->ncomments; c++)
        commented = r->comments[c] && *r->comments[c];
    if (commented)
        inc(st, st->off_commented);
    if (r->complaint && st->o.ncategories)
        inc(st, st->off_complaint);
    while (m) {
        inc(st, st->off_cat + (size_t)__builtin_ctzll(m));
        m &= m - 1;
    }
    if (cats)
        push_examples(st, r, cats);
}

static void fold_cell(const struct sr_stats *st, int64_t *c, uint16_t *f);

/* the cells a form counts in: all, one per segment group, one per
 * category; each a cell and its fast cell */
#ifdef SR_TESTING
#define MAX_APPLY 5 /* the tests' forms fill it: apply_add() flushes */
#else
#define MAX_APPLY 64
#endif

struct applies {
    int64_t *c[MAX_APPLY];
    uint16_t *f[MAX_APPLY];
    size_t n;
};

/* Add this form's counts to every cell of @a through its fast cell (the
 * sums of a large dimension's alpha go to the cell itself).  Four cells
 * at a time for each counter: a counter's offset is loaded once for four
 * increments, where a loop per cell spent as much on the loop and the
 * offset as on the increment (apply was 14% of a 1e6-form run). */
static void apply_all(const struct sr_stats *st, const struct applies *a)
{
    const uint32_t *inc = st->inc;
    size_t n = st->ninc;
    size_t i;
    size_t k;

    for (k = 0; k + 4 <= a->n; k += 4) {
        uint16_t *f0 = a->f[k];
        uint16_t *f1 = a->f[k + 1];
        uint16_t *f2 = a->f[k + 2];
        uint16_t *f3 = a->f[k + 3];

        for (i = 0; i < n; i++) {
            uint32_t o = inc[i];

            f0[o]++;
            f1[o]++;
            f2[o]++;
            f3[o]++;
        }
    }
    for (; k < a->n; k++) {
        uint16_t *f0 = a->f[k];

        for (i = 0; i < n; i++)
            f0[inc[i]]++;
    }
    for (k = 0; k < a->n; k++) {
        int64_t *c = a->c[k];
        uint16_t *f = a->f[k];

        for (i = 0; i < st->ntouch; i++)
            c[st->touch[i].off] += st->touch[i].d;
        if (++f[st->fsize - 1] == UINT16_MAX)
            fold_cell(st, c, f); /* before a count can overflow */
    }
}

/* one more cell for @a, or applied now when @a is full */
static void apply_add(const struct sr_stats *st, struct applies *a, int64_t *c,
                      uint16_t *f)
{
    if (a->n == MAX_APPLY) {
        apply_all(st, a);
        a->n = 0;
    }
    a->c[a->n] = c;
    a->f[a->n++] = f;
}

/* the cell of @value in segment group @s (made on first sight), and in
 * *fast its fast cell */
static int64_t *seg_fast(struct sr_stats *st, size_t s, const char *value,
                         uint16_t **fast)
{
    struct sr_segmap *sm = &st->seg[s];
    size_t len = strlen(value);
    uint64_t h = hash_mem(value, len);
    struct sr_segval *v;

    if ((sm->count + 1) * 10 > sm->cap * 7)
        segmap_grow(sm);
    v = segmap_find(sm, value, len, h);
    if (!v->value && sm->count >= SR_STATS_MAX_SEGVALS) {
        sm->capped++; /* memory is bounded: not broken down */
        return NULL;
    }
    if (!v->value) {
        v->value = xstrdup(value);
        v->len = len;
        v->hash = h;
        v->cell = xcalloc(st->size, sizeof(*v->cell));
        sm->count++;
    }
    if (!v->fast)
        v->fast = xcalloc(st->fsize, sizeof(*v->fast));
    *fast = v->fast;
    return v->cell;
}

void sr_stats_push(struct sr_stats *st, const struct sr_record *r)
{
    const struct sr_template *t = st->t;
    const struct sr_item_lay *o;
    int64_t y = -1;
    const char *value;
    uint64_t cats = categories_of(st, r);
    uint64_t m;
    size_t s;
    struct applies a;

    /* the overall score first: the joint counts need it */
    if (t->overall_item >= 0) {
        o = &st->items[t->overall_item];
        if (r->scores[t->overall_item] != SR_MISSING &&
            r->scores[t->overall_item] >= o->min &&
            r->scores[t->overall_item] <= o->max)
            y = r->scores[t->overall_item] - o->min;
    }
    st->ntouch = 0;
    st->ninc = 0;
    inc(st, st->off_forms);
    push_items(st, r, y);
    if (push_dims(st, y))
        inc(st, st->off_csi);
    push_choices(st, r);
    push_comments(st, r, cats);

    a.n = 0;
    apply_add(st, &a, st->all, st->f_all);
    for (s = 0; s < st->nseg; s++) {
        uint16_t *fast;
        int64_t *cell;

        value = seg_value(st, s, r);
        if (!value)
            continue;
        cell = seg_fast(st, s, value, &fast);
        if (cell)
            apply_add(st, &a, cell, fast);
    }
    for (m = cats; m; m &= m - 1) {
        size_t k = (size_t)__builtin_ctzll(m);

        apply_add(st, &a, st->cat + k * st->size, st->f_cat + k * st->fsize);
    }
    apply_all(st, &a);
}

/* ---- fold -------------------------------------------------------------- */

/* @n forms with x = s/k in stratum k, and y, into a correlation
 * accumulator at @off (dist.h) */
static void corr_add(int64_t *c, size_t off, size_t k, int64_t s, int64_t y,
                     int64_t n)
{
    size_t o = off + SR_CORR_HEAD + SR_CORR_STRATUM * (k - 1);

    c[off] += n * y;
    c[off + 1] += n * y * y;
    c[o] += n;
    c[o + 1] += n * s;
    c[o + 2] += n * s * s;
    c[o + 3] += n * s * y;
}

/* the sums of cell @c from the counts of fast cell @f, which is emptied */
static void fold_cell(const struct sr_stats *st, int64_t *c, uint16_t *f)
{
    const struct sr_template *t = st->t;
    size_t i;
    size_t x;
    size_t yi;
    size_t k;
    size_t a;
    size_t b;
    int64_t n;

    if (!f || !f[st->fsize - 1])
        return;
    for (i = 0; i < st->size; i++)
        c[i] += f[i];
    for (i = 0; i < t->nitems; i++) {
        const struct sr_item_lay *L = &st->items[i];
        size_t ny = L->corr != NONE ? st->f_ny : 1;
        const uint16_t *J = f + st->f_item[i];

        for (x = 0; x < L->nb; x++) {
            for (yi = 0; yi < ny; yi++) {
                n = J[x * ny + yi];
                if (!n)
                    continue;
                c[L->bins + x] += n;
                if (L->corr != NONE && yi > 0)
                    corr_add(c, L->corr, 1, (int64_t)x, (int64_t)yi - 1, n);
            }
        }
    }
    for (i = 0; i < t->ndims; i++) {
        const struct sr_dim_lay *L = &st->dims[i];
        size_t ny = L->corr != NONE ? st->f_ny : 1;
        size_t w = (size_t)((long)L->max - L->min);
        const uint16_t *H = f + st->f_dim[i];

        for (k = 1; k <= L->m; k++) {
            for (x = 0; x <= k * w; x++) {
                size_t bin = L->base[k - 1] + x;

                for (yi = 0; yi < ny; yi++) {
                    n = H[bin * ny + yi];
                    if (!n)
                        continue;
                    c[L->hist + bin] += n;
                    if (L->corr != NONE && yi > 0)
                        corr_add(c, L->corr, k, (int64_t)x, (int64_t)yi - 1, n);
                }
            }
        }
        if (st->f_vec[i] != NONE) {
            size_t nb = w + 1;
            size_t nv = 1;
            size_t v;
            int64_t xs[VEC_ITEMS];

            for (a = 0; a < L->m; a++)
                nv *= nb;
            for (v = 0; v < nv; v++) {
                size_t rest = v;

                n = f[st->f_vec[i] + v];
                if (!n)
                    continue;
                for (a = 0; a < L->m; a++) {
                    xs[a] = (int64_t)(rest % nb);
                    rest /= nb;
                }
                c[L->alpha] += n;
                for (a = 0; a < L->m; a++) {
                    c[L->alpha + 1 + a] += n * xs[a];
                    for (b = a; b < L->m; b++)
                        c[L->alpha + 1 + L->m + tri(L->m, a, b)] +=
                            n * xs[a] * xs[b];
                }
            }
        }
    }
    memset(f, 0, st->fsize * sizeof(*f));
}

void sr_stats_fold(const struct sr_stats *st)
{
    size_t s;
    size_t i;

    fold_cell(st, st->all, st->f_all);
    for (i = 0; i < st->o.ncategories; i++)
        fold_cell(st, st->cat + i * st->size, st->f_cat + i * st->fsize);
    for (s = 0; s < st->nseg; s++)
        for (i = 0; i < st->seg[s].cap; i++)
            if (st->seg[s].slots[i].value)
                fold_cell(st, st->seg[s].slots[i].cell,
                          st->seg[s].slots[i].fast);
}

/* ---- reconciliation ---------------------------------------------------- */

static size_t *file_slot(struct sr_stats *st, const char *file, uint64_t h)
{
    size_t mask = st->file_cap - 1;
    size_t i = (size_t)h & mask;
    const struct sr_filecount *f;

    while (st->file_slots[i]) {
        f = &st->files[st->file_slots[i] - 1];
        if (f->hash == h && !strcmp(f->file, file))
            break;
        i = (i + 1) & mask;
    }
    return &st->file_slots[i];
}

static void file_grow(struct sr_stats *st)
{
    size_t i;

    free(st->file_slots);
    st->file_cap = st->file_cap ? st->file_cap * 2 : 16;
    st->file_slots = xcalloc(st->file_cap, sizeof(*st->file_slots));
    for (i = 0; i < st->nfiles; i++)
        *file_slot(st, st->files[i].file, st->files[i].hash) = i + 1;
}

struct sr_filecount *sr_stats_file(struct sr_stats *st, const char *file)
{
    uint64_t h;
    size_t *slot;
    struct sr_filecount *f;

    if (st->nfiles && !strcmp(st->files[st->last_file].file, file))
        return &st->files[st->last_file];
    h = hash_str(file);
    if ((st->nfiles + 1) * 2 > st->file_cap)
        file_grow(st);
    slot = file_slot(st, file, h);
    if (!*slot) {
        if (st->nfiles == st->files_alloc) {
            st->files_alloc = st->files_alloc ? st->files_alloc * 2 : 8;
            st->files =
                xreallocarray(st->files, st->files_alloc, sizeof(*st->files));
        }
        f = &st->files[st->nfiles];
        memset(f, 0, sizeof(*f));
        f->file = xstrdup(file);
        f->hash = h;
        *slot = ++st->nfiles;
    }
    st->last_file = *slot - 1;
    return &st->files[st->last_file];
}

void sr_stats_count(struct sr_stats *st, const char *file, const char *what)
{
    sr_stats_count_n(st, file, what, 1);
}

void sr_stats_count_n(struct sr_stats *st, const char *file, const char *what,
                      long n)
{
    size_t k;

    for (k = 0; k < SR_NKINDS; k++) /* the first letters differ but two */
        if (what[0] == count_names[k][0] && !strcmp(what, count_names[k]))
            break;
    assert(k < SR_NKINDS);
    if (k == SR_NKINDS || n <= 0)
        return; /* n = 0: no row for the file, as without a call */
    sr_stats_file(st, file ? file : "")->c[k] += n;
}

/* ---- merge ------------------------------------------------------------- */

static void add_cell(int64_t *dst, const int64_t *src, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        dst[i] += src[i];
}

void sr_stats_merge(struct sr_stats *dst, const struct sr_stats *src)
{
    const struct sr_segmap *sm;
    struct sr_filecount *f;
    size_t s;
    size_t i;
    size_t k;

    assert(dst->size == src->size && dst->nseg == src->nseg &&
           dst->o.ncategories == src->o.ncategories);
    sr_stats_fold(src);
    add_cell(dst->all, src->all, dst->size);
    add_cell(dst->cat, src->cat, dst->o.ncategories * dst->size);
    for (s = 0; s < src->nseg; s++) {
        sm = &src->seg[s];
        dst->seg[s].capped += sm->capped;
        for (i = 0; i < sm->cap; i++) {
            int64_t *cell;

            if (!sm->slots[i].value)
                continue;
            cell = sr_stats_seg_cell(dst, s, sm->slots[i].value);
            if (cell)
                add_cell(cell, sm->slots[i].cell, dst->size);
            else
                dst->seg[s].capped += (long)sm->slots[i].cell[src->off_forms];
        }
    }
    for (i = 0; i < src->nfiles; i++) {
        f = sr_stats_file(dst, src->files[i].file);
        for (k = 0; k < SR_NKINDS; k++)
            f->c[k] += src->files[i].c[k];
    }
    for (k = 0; k < src->o.ncategories; k++)
        for (i = 0; i < src->nexamples[k]; i++)
            sr_stats_add_example(dst, k,
                                 src->examples[k * SR_STATS_EXAMPLES + i]);
}

size_t sr_stats_segvals(const struct sr_stats *st, size_t i)
{
    return st && i < st->nseg ? st->seg[i].count : 0;
}

long sr_stats_capped(const struct sr_stats *st, size_t i, const char **id)
{
    if (i >= st->nseg)
        return -1;
    *id = st->segf[i].id;
    return st->seg[i].capped;
}

/* ---- the model --------------------------------------------------------- */

/* A candidate for an action rank: below its target by -gap. */
struct rank_key {
    double gap;
    double imp; /* importance: r_overall in group all */
    bool has_imp;
    size_t i;
};

/* One group value being written. */
struct emit {
    const struct sr_stats *st;
    struct sr_model *m;
    const char *group;
    const char *value;   /* "" for all */
    const int64_t *cell; /* this group's */
    const int64_t *rest; /* every other form; NULL for all */
    bool comments;       /* write the comment rows (not in "category") */
    struct sr_buf subject;
    /* per dimension, filled by summary() before the group's rows */
    double *dim_index;
    bool *dim_has_index;
    double *dim_r;
    int64_t *dim_r_n;
    bool *dim_has_r;
    long *dim_rank; /* action rank, 0 = none */
    /* per item, group all only */
    long *item_rank;
    /* importance in group all, for the ranks of every group */
    double *imp_dim;
    bool *has_imp_dim;
    double *imp_item;
    bool *has_imp_item;
    struct rank_key *keys; /* scratch, max(nitems, ndims) */
};

static void put(struct emit *e, const char *subject, const char *metric,
                double v, long n)
{
    assert(isfinite(v));
    if (!isfinite(v))
        return;
    sr_model_add(e->m, e->group, e->value, subject, metric, v, n);
}

static double share(int64_t part, int64_t whole)
{
    return sr_dist_ratio(part, whole);
}

static long forms_of(const struct emit *e)
{
    return (long)e->cell[e->st->off_forms];
}

/* What items and dimensions share: mean ... index, and the tests. */
struct location {
    const char *subject;
    const struct sr_bins *vals;
    const int64_t *counts;
    const int64_t *rest_counts; /* NULL for group all */
    int min;
    int max;
    int64_t top;    /* answers in the two highest points */
    int64_t bottom; /* answers in the two lowest */
    int64_t pooled; /* answers behind top and bottom */
    int64_t rest_top;
    int64_t rest_pooled;
};

/* prev_index, delta and (with @mo) p_delta of @subject against the
 * previous period's figures of the same group value */
static void put_prev(struct emit *e, const char *subject,
                     const struct sr_moments *mo, double index, long n)
{
    const struct sr_prev_fig *f;
    struct sr_moments pm = { 0 };
    double p;

    f = sr_prev_find(e->st->prev, e->group, e->value, subject);
    if (!f || !f->has_index)
        return;
    put(e, subject, "prev_index", f->index, f->n_index);
    put(e, subject, "delta", index - f->index, n);
    if (!mo || !f->has_mean || !f->has_sd || f->n_mean < 2 || f->sd < 0)
        return;
    pm.n = f->n_mean;
    pm.mean = f->mean;
    pm.var = f->sd * f->sd;
    pm.var_zero = f->sd == 0;
    if (sr_dist_welch(mo, &pm, &p))
        put(e, subject, "p_delta", p, n);
}

/* Writes mean .. index, the previous period and the tests against the
 * rest; returns false when n is 0. */
static bool put_location(struct emit *e, const struct location *l,
                         double *index)
{
    struct sr_moments mo;
    struct sr_moments rest;
    double sd;
    double h;
    double med;
    double p = 1;
    double p2;
    bool has_p = false;
    long n;

    sr_dist_moments(l->vals, l->counts, &mo);
    if (mo.n == 0)
        return false;
    n = (long)mo.n;
    put(e, l->subject, "mean", mo.mean, n);
    if (n >= 2) {
        sd = sqrt(mo.var);
        h = sr_dist_t975((double)(n - 1)) * sd / sqrt((double)n);
        put(e, l->subject, "sd", sd, n);
        put(e, l->subject, "ci95_low", mo.mean - h, n);
        put(e, l->subject, "ci95_high", mo.mean + h, n);
    }
    if (sr_dist_median(l->vals, l->counts, mo.n, &med))
        put(e, l->subject, "median", med, n);
    if (l->pooled > 0) {
        put(e, l->subject, "top2", share(l->top, l->pooled), (long)l->pooled);
        put(e, l->subject, "bottom2", share(l->bottom, l->pooled),
            (long)l->pooled);
    }
    *index = sr_dist_index(&mo, l->min, l->max);
    put(e, l->subject, "index", *index, n);
    put_prev(e, l->subject, &mo, *index, n);
    if (!l->rest_counts)
        return true;
    sr_dist_moments(l->vals, l->rest_counts, &rest);
    if (sr_dist_welch(&mo, &rest, &p)) {
        put(e, l->subject, "p_value", p, n);
        has_p = true;
    }
    if (sr_dist_ztest2(l->top, l->pooled, l->rest_top, l->rest_pooled, &p2))
        put(e, l->subject, "p_top2", p2, (long)l->pooled);
    put(e, l->subject, "significant",
        has_p && p < 0.05 && forms_of(e) >= e->st->o.min_base, -1);
    return true;
}

static void put_item(struct emit *e, size_t i)
{
    const struct sr_template *t = e->st->t;
    const struct sr_item_lay *L = &e->st->items[i];
    const int64_t *bins = e->cell + L->bins;
    const int64_t *rb = e->rest ? e->rest + L->bins : NULL;
    const struct sr_dimension *dm;
    struct location l = { 0 };
    struct sr_moments mo;
    double index;
    double r;
    int64_t n;
    size_t b;

    l.subject = t->items[i].id;
    l.vals = &L->vals;
    l.counts = bins;
    l.rest_counts = rb;
    l.min = L->min;
    l.max = L->max;
    for (b = 0; b < L->nb; b++) {
        l.pooled += bins[b];
        l.rest_pooled += rb ? rb[b] : 0;
    }
    l.top = bins[L->nb - 1] + bins[L->nb - 2];
    l.bottom = bins[0] + bins[1];
    if (rb)
        l.rest_top = rb[L->nb - 1] + rb[L->nb - 2];
    if (!put_location(e, &l, &index))
        return;
    if (!e->rest && t->items[i].dim >= 0 &&
        t->dims[t->items[i].dim].has_target) {
        dm = &t->dims[t->items[i].dim];
        put(e, l.subject, "target", dm->target, -1);
        put(e, l.subject, "gap", index - dm->target, -1);
        if (e->item_rank[i])
            put(e, l.subject, "action_rank", (double)e->item_rank[i], -1);
    }
    if (L->corr != NONE) {
        if (sr_dist_pearson(e->cell + L->corr, 1, false, &r, &n))
            put(e, l.subject, "r_overall", r, (long)n);
    } else if (t->overall_item >= 0 && (size_t)t->overall_item == i) {
        /* the overall item with itself: 1 where its variance is not 0 */
        sr_dist_moments(&L->vals, bins, &mo);
        if (mo.n >= 2 && !mo.var_zero)
            put(e, l.subject, "r_overall", 1, (long)mo.n);
    }
    for (b = 0; b < L->nb; b++) {
        sr_buf_reset(&e->subject);
        sr_buf_addf(&e->subject, "%s=%ld", l.subject, (long)L->num[b]);
        put(e, e->subject.buf, "count", (double)bins[b], (long)l.pooled);
        put(e, e->subject.buf, "share", share(bins[b], l.pooled),
            (long)l.pooled);
    }
}

/* Cronbach's alpha over complete forms:
 * alpha = m/(m-1) * (1 - sum var_a / var_total), with every variance taken
 * as n^2 var = n sum x^2 - (sum x)^2, exactly. */
static bool alpha_of(const int64_t *acc, size_t m, double *alpha, long *nout)
{
    sr_i128 n = acc[0];
    const int64_t *sum = acc + 1;
    const int64_t *cross = acc + 1 + m;
    sr_i128 items = 0;
    sr_i128 total = 0;
    sr_i128 c;
    sr_i128 u;
    sr_i128 num;
    sr_i128 den;
    size_t a;
    size_t b;

    *nout = (long)n;
    if (n < 2)
        return false;
    for (a = 0; a < m; a++) {
        for (b = a; b < m; b++) {
            if (__builtin_mul_overflow(n, cross[tri(m, a, b)], &c) ||
                __builtin_mul_overflow((sr_i128)sum[a], sum[b], &u) ||
                __builtin_sub_overflow(c, u, &c))
                return false;
            if (a == b && __builtin_add_overflow(items, c, &items))
                return false;
            if (a != b && __builtin_mul_overflow(c, 2, &c))
                return false;
            if (__builtin_add_overflow(total, c, &total))
                return false;
        }
    }
    if (total <= 0)
        return false;
    if (__builtin_mul_overflow(total - items, (sr_i128)m, &num) ||
        __builtin_mul_overflow(total, (sr_i128)(m - 1), &den))
        return false;
    *alpha = sr_dist_ratio(num, den);
    return true;
}

/* most urgent first: the largest shortfall, then the most important, then
 * template order */
static int cmp_rank_key(const void *pa, const void *pb)
{
    const struct rank_key *a = pa;
    const struct rank_key *b = pb;

    if (a->gap != b->gap)
        return a->gap < b->gap ? -1 : 1;
    if (a->has_imp != b->has_imp)
        return a->has_imp ? -1 : 1;
    if (a->has_imp && a->imp != b->imp)
        return a->imp > b->imp ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* rank[i] = 1.. for the @n keys, in urgency order */
static void rank_keys(struct rank_key *keys, size_t n, long *rank)
{
    size_t j;

    qsort(keys, n, sizeof(*keys), cmp_rank_key);
    for (j = 0; j < n; j++)
        rank[keys[j].i] = (long)j + 1;
}

/* index and r_overall of every dimension, for CSI and the quadrants; the
 * action ranks of the dimensions (and in group all of the items) */
static void summary(struct emit *e)
{
    const struct sr_stats *st = e->st;
    const struct sr_template *t = st->t;
    struct sr_moments mo;
    double gap;
    size_t nk = 0;
    size_t d;
    size_t i;

    for (d = 0; d < t->ndims; d++) {
        const struct sr_dim_lay *L = &st->dims[d];

        sr_dist_moments(&L->vals, e->cell + L->hist, &mo);
        e->dim_has_index[d] = mo.n > 0;
        if (mo.n > 0)
            e->dim_index[d] = sr_dist_index(&mo, L->min, L->max);
        e->dim_has_r[d] =
            L->corr != NONE &&
            sr_dist_pearson(e->cell + L->corr, L->m, L->vals.no_exact,
                            &e->dim_r[d], &e->dim_r_n[d]);
        e->dim_rank[d] = 0;
        if (!e->dim_has_index[d] || !t->dims[d].has_target)
            continue;
        gap = e->dim_index[d] - t->dims[d].target;
        if (gap < 0)
            e->keys[nk++] =
                (struct rank_key){ gap, e->imp_dim[d], e->has_imp_dim[d], d };
    }
    rank_keys(e->keys, nk, e->dim_rank);

    nk = 0;
    for (i = 0; i < t->nitems; i++) {
        const struct sr_item_lay *L = &st->items[i];
        int dim = t->items[i].dim;

        e->item_rank[i] = 0;
        if (e->rest || dim < 0 || !t->dims[dim].has_target)
            continue;
        sr_dist_moments(&L->vals, e->cell + L->bins, &mo);
        if (mo.n == 0)
            continue;
        gap = sr_dist_index(&mo, L->min, L->max) - t->dims[dim].target;
        if (gap < 0)
            e->keys[nk++] =
                (struct rank_key){ gap, e->imp_item[i], e->has_imp_item[i], i };
    }
    rank_keys(e->keys, nk, e->item_rank);
}

/* importance of every dimension and item: r_overall in group all */
static void importance(struct emit *e)
{
    const struct sr_stats *st = e->st;
    const struct sr_template *t = st->t;
    int64_t n;
    size_t i;

    for (i = 0; i < t->ndims; i++) {
        const struct sr_dim_lay *L = &st->dims[i];

        e->has_imp_dim[i] =
            L->corr != NONE &&
            sr_dist_pearson(st->all + L->corr, L->m, L->vals.no_exact,
                            &e->imp_dim[i], &n);
    }
    for (i = 0; i < t->nitems; i++) {
        const struct sr_item_lay *L = &st->items[i];

        e->has_imp_item[i] =
            L->corr != NONE &&
            sr_dist_pearson(st->all + L->corr, 1, false, &e->imp_item[i], &n);
    }
}

/* GB/T 19038 quadrant of dimension @d, or 0 if it has none */
static int quadrant(const struct emit *e, size_t d)
{
    const struct sr_template *t = e->st->t;
    long double sr = 0;
    long double si = 0;
    long double k = 0;
    bool high_imp;
    bool high_perf;
    size_t i;

    if (!e->dim_has_r[d] || !e->dim_has_index[d])
        return 0;
    for (i = 0; i < t->ndims; i++) {
        if (!e->dim_has_r[i] || !e->dim_has_index[i])
            continue;
        sr += e->dim_r[i];
        si += e->dim_index[i];
        k++;
    }
    /* v >= mean, as v * k >= sum: equal values stay equal */
    high_imp = (long double)e->dim_r[d] * k >= sr;
    high_perf = (long double)e->dim_index[d] * k >= si;
    if (high_imp)
        return high_perf ? 1 : 2;
    return high_perf ? 4 : 3;
}

static void put_dim(struct emit *e, size_t d)
{
    const struct sr_template *t = e->st->t;
    const struct sr_dimension *dm = &t->dims[d];
    const struct sr_dim_lay *L = &e->st->dims[d];
    struct location l = { 0 };
    double index;
    double alpha;
    long n;
    size_t a;
    size_t b;
    int q;

    l.subject = dm->id;
    l.vals = &L->vals;
    l.counts = e->cell + L->hist;
    l.rest_counts = e->rest ? e->rest + L->hist : NULL;
    l.min = L->min;
    l.max = L->max;
    for (a = 0; a < L->m; a++) {
        const struct sr_item_lay *I = &e->st->items[dm->items[a]];
        const int64_t *bins = e->cell + I->bins;
        const int64_t *rb = e->rest ? e->rest + I->bins : NULL;

        for (b = 0; b < I->nb; b++) {
            l.pooled += bins[b];
            l.rest_pooled += rb ? rb[b] : 0;
        }
        l.top += bins[I->nb - 1] + bins[I->nb - 2];
        l.bottom += bins[0] + bins[1];
        if (rb)
            l.rest_top += rb[I->nb - 1] + rb[I->nb - 2];
    }
    if (!put_location(e, &l, &index)) {
        if (dm->has_target)
            put(e, l.subject, "target", dm->target, -1);
        return;
    }
    if (L->alpha != NONE && alpha_of(e->cell + L->alpha, L->m, &alpha, &n))
        put(e, l.subject, "alpha", alpha, n);
    if (dm->has_target) {
        put(e, l.subject, "target", dm->target, -1);
        put(e, l.subject, "gap", index - dm->target, -1);
        if (e->dim_rank[d])
            put(e, l.subject, "action_rank", (double)e->dim_rank[d], -1);
    }
    if (e->dim_has_r[d])
        put(e, l.subject, "r_overall", e->dim_r[d], (long)e->dim_r_n[d]);
    if (!e->rest) {
        q = quadrant(e, d);
        if (q)
            put(e, l.subject, "quadrant", q, -1);
    }
}

static void put_csi(struct emit *e)
{
    const struct sr_template *t = e->st->t;
    long double num = 0;
    long double den = 0;
    double csi;
    long n = (long)e->cell[e->st->off_csi];
    size_t d;

    for (d = 0; d < t->ndims; d++) {
        if (!e->dim_has_index[d])
            continue;
        num += (long double)t->dims[d].weight * e->dim_index[d];
        den += t->dims[d].weight;
    }
    if (!(den > 0))
        return;
    csi = (double)(num / den);
    put(e, "CSI", "index", csi, n);
    put_prev(e, "CSI", NULL, csi, n);
}

static void put_nps(struct emit *e)
{
    const struct sr_template *t = e->st->t;
    const struct sr_item_lay *L;
    int64_t n = 0;
    int64_t promoters = 0;
    int64_t detractors = 0;
    int64_t c;
    double nps;
    size_t b;

    if (t->recommend_item < 0)
        return;
    L = &e->st->items[t->recommend_item];
    for (b = 0; b < L->nb; b++) {
        c = e->cell[L->bins + b];
        n += c;
        if (L->num[b] >= 9 && L->num[b] <= 10)
            promoters += c;
        else if (L->num[b] >= 0 && L->num[b] <= 6)
            detractors += c;
    }
    if (n <= 0)
        return;
    nps = sr_dist_ratio((sr_i128)100 * (promoters - detractors), n);
    put(e, "NPS", "index", nps, (long)n);
    put_prev(e, "NPS", NULL, nps, (long)n);
}

static void put_choices(struct emit *e)
{
    const struct sr_template *t = e->st->t;
    const int64_t *c;
    size_t i;
    size_t k;

    for (i = 0; i < t->nchoices; i++) {
        const struct sr_choice *ch = &t->choices[i];

        c = e->cell + e->st->choices[i];
        if (!c[0])
            continue;
        for (k = 0; k < ch->noptions; k++) {
            sr_buf_reset(&e->subject);
            sr_buf_addf(&e->subject, "%s=%s", ch->id, ch->options[k].value);
            put(e, e->subject.buf, "count", (double)c[1 + k], (long)c[0]);
            put(e, e->subject.buf, "share", share(c[1 + k], c[0]), (long)c[0]);
        }
    }
}

/* forms with a comment, complaints (of the forms), categories (of the
 * forms with a comment) */
static void put_comments(struct emit *e)
{
    const struct sr_stats *st = e->st;
    int64_t forms = e->cell[st->off_forms];
    int64_t commented = e->cell[st->off_commented];
    int64_t c;
    size_t k;

    if (!e->comments || forms <= 0)
        return;
    if (!st->t->ncomments && !st->o.ncategories)
        return;
    put(e, "comments", "count", (double)commented, (long)forms);
    put(e, "comments", "share", share(commented, forms), (long)forms);
    if (!st->o.ncategories)
        return;
    c = e->cell[st->off_complaint];
    put(e, "complaints", "count", (double)c, (long)forms);
    put(e, "complaints", "share", share(c, forms), (long)forms);
    if (commented <= 0)
        return;
    for (k = 0; k < st->o.ncategories; k++) {
        c = e->cell[st->off_cat + k];
        put(e, st->o.categories[k].name, "count", (double)c, (long)commented);
        put(e, st->o.categories[k].name, "share", share(c, commented),
            (long)commented);
    }
}

/* Every figure of one group value, in stats.csv order. */
static void put_group(struct emit *e)
{
    const struct sr_template *t = e->st->t;
    size_t i;

    summary(e);
    for (i = 0; i < t->nitems; i++)
        put_item(e, i);
    for (i = 0; i < t->ndims; i++)
        put_dim(e, i);
    put_csi(e);
    put_nps(e);
    put_choices(e);
    put_comments(e);
}

/* One broken-down value of a group: its forms, then every figure against
 * the rest of the forms (@rest: scratch of a cell's size). */
static void put_value(struct emit *e, struct sr_model_group *g,
                      const char *value, const int64_t *cell, int64_t *rest)
{
    const struct sr_stats *st = e->st;
    int64_t forms = cell[st->off_forms];
    size_t k;

    sr_model_group_value(e->m, g, value, (long)forms);
    for (k = 0; k < st->size; k++)
        rest[k] = st->all[k] - cell[k];
    e->value = value;
    e->cell = cell;
    e->rest = rest;
    put(e, "forms", "count", (double)forms, -1);
    put(e, "forms", "small", forms < st->o.min_base, -1);
    put_group(e);
}

static int cmp_segval(const void *pa, const void *pb)
{
    const struct sr_segval *const *a = pa;
    const struct sr_segval *const *b = pb;

    return strcmp((*a)->value, (*b)->value);
}

/* The broken-down values of segment group @s, each as its own group. */
static void put_segment(struct emit *e, size_t s, int64_t *rest)
{
    const struct sr_stats *st = e->st;
    const struct sr_segfield *f = &st->segf[s];
    const struct sr_segmap *sm = &st->seg[s];
    struct sr_model_group *g;
    const struct sr_segval **vals;
    size_t nvals = 0;
    size_t i;

    g = sr_model_add_group(e->m, f->id, f->label);
    g->kind = f->field >= 0 ? SR_GROUP_SEGMENT : SR_GROUP_DERIVED;
    vals = xcalloc(sm->count ? sm->count : 1, sizeof(*vals));
    for (i = 0; i < sm->cap; i++)
        if (sm->slots[i].value &&
            sm->slots[i].cell[st->off_forms] >= st->o.min_report)
            vals[nvals++] = &sm->slots[i];
    qsort(vals, nvals, sizeof(*vals), cmp_segval);
    e->group = f->id;
    e->comments = true;
    for (i = 0; i < nvals; i++)
        put_value(e, g, vals[i]->value, vals[i]->cell, rest);
    free(vals);
}

/* Group "category": the forms of each comment category, in rules order. */
static void put_categories(struct emit *e, int64_t *rest)
{
    const struct sr_stats *st = e->st;
    struct sr_model_group *g;
    const int64_t *cell;
    size_t k;

    if (!st->o.ncategories)
        return;
    g = sr_model_add_group(e->m, "category", "意见类别");
    g->kind = SR_GROUP_CATEGORY;
    e->group = "category";
    e->comments = false;
    for (k = 0; k < st->o.ncategories; k++) {
        cell = st->cat + k * st->size;
        if (cell[st->off_forms] >= st->o.min_report && cell[st->off_forms] > 0)
            put_value(e, g, st->o.categories[k].name, cell, rest);
    }
}

enum sr_status sr_stats_model(const struct sr_stats *st, struct sr_model **out,
                              struct sr_diag *d)
{
    const struct sr_template *t = st->t;
    struct sr_model *m;
    struct emit e = { 0 };
    long total[SR_NKINDS] = { 0 };
    int64_t *rest;
    size_t nd = t->ndims ? t->ndims : 1;
    size_t ni = t->nitems ? t->nitems : 1;
    size_t i;
    size_t k;

    *out = NULL;
    sr_stats_fold(st);
    for (i = 0; i < st->nfiles; i++)
        for (k = 0; k < SR_NKINDS; k++)
            total[k] += st->files[i].c[k];
    assert(total[SR_COUNT_READ] == total[SR_COUNT_ACCEPTED] +
                                       total[SR_COUNT_REFUSED] +
                                       total[SR_COUNT_OUT]);
    if (total[SR_COUNT_READ] != total[SR_COUNT_ACCEPTED] +
                                    total[SR_COUNT_REFUSED] +
                                    total[SR_COUNT_OUT])
        return sr_diag_set(d, SR_ERR_LIBRARY, NULL, 0,
                           "forms do not reconcile: %ld read, %ld accepted, "
                           "%ld refused, %ld out of period",
                           total[SR_COUNT_READ], total[SR_COUNT_ACCEPTED],
                           total[SR_COUNT_REFUSED], total[SR_COUNT_OUT]);

    m = sr_model_new(t);
    m->min_base = st->o.min_base;
    m->read = total[SR_COUNT_READ];
    m->accepted = total[SR_COUNT_ACCEPTED];
    m->refused = total[SR_COUNT_REFUSED];
    m->out_of_period = total[SR_COUNT_OUT];
    m->has_previous = st->prev != NULL;
    for (i = 0; i < st->nfiles; i++)
        sr_model_add_source(m, st->files[i].file, st->files[i].c[SR_COUNT_READ],
                            st->files[i].c[SR_COUNT_ACCEPTED],
                            st->files[i].c[SR_COUNT_REFUSED],
                            st->files[i].c[SR_COUNT_OUT]);
    for (i = 0; i < st->o.ncategories; i++) {
        sr_model_add_category(m, st->o.categories[i].name,
                              st->o.categories[i].kind,
                              st->o.categories[i].complaint);
        for (k = 0; k < st->nexamples[i]; k++)
            sr_model_add_example(m, i, st->examples[i * SR_STATS_EXAMPLES + k]);
    }

    e.st = st;
    e.m = m;
    e.group = "all";
    e.value = "";
    e.cell = st->all;
    e.comments = true;
    sr_buf_init(&e.subject);
    e.dim_index = xcalloc(nd, sizeof(*e.dim_index));
    e.dim_has_index = xcalloc(nd, sizeof(*e.dim_has_index));
    e.dim_r = xcalloc(nd, sizeof(*e.dim_r));
    e.dim_r_n = xcalloc(nd, sizeof(*e.dim_r_n));
    e.dim_has_r = xcalloc(nd, sizeof(*e.dim_has_r));
    e.dim_rank = xcalloc(nd, sizeof(*e.dim_rank));
    e.imp_dim = xcalloc(nd, sizeof(*e.imp_dim));
    e.has_imp_dim = xcalloc(nd, sizeof(*e.has_imp_dim));
    e.item_rank = xcalloc(ni, sizeof(*e.item_rank));
    e.imp_item = xcalloc(ni, sizeof(*e.imp_item));
    e.has_imp_item = xcalloc(ni, sizeof(*e.has_imp_item));
    e.keys = xcalloc(nd > ni ? nd : ni, sizeof(*e.keys));
    rest = xcalloc(st->size, sizeof(*rest));

    importance(&e);
    for (k = 0; k < SR_NKINDS; k++)
        put(&e, "forms", count_names[k], (double)total[k], -1);
    put_group(&e);
    for (i = 0; i < st->nseg; i++)
        put_segment(&e, i, rest);
    put_categories(&e, rest);

    free(rest);
    free(e.keys);
    free(e.has_imp_item);
    free(e.imp_item);
    free(e.item_rank);
    free(e.has_imp_dim);
    free(e.imp_dim);
    free(e.dim_rank);
    free(e.dim_has_r);
    free(e.dim_r_n);
    free(e.dim_r);
    free(e.dim_has_index);
    free(e.dim_index);
    sr_buf_release(&e.subject);
    *out = m;
    return SR_OK;
}
