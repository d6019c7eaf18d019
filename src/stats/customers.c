/* SPDX-License-Identifier: MIT */
/*
 * customers.c - the customer archive's figures (customers.h)
 *
 * Input: the archive, the responses counted per customer, the follow-up
 * list and the model built by sr_stats_model().  Output: rows appended to
 * the model.  Owns nothing past a call: per-value counters live only while
 * the rows are made.
 */
#include "customers.h"
#include "dist.h"
#include "../core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* responding customers and customers of one group value */
struct tally {
    long count;
    long responded;
};

static const char *value_name(const struct sr_archive *a, size_t k, size_t v)
{
    return sr_archive_value_name(a, k, v);
}

/* qsort has no context: the column whose value names are sorted */
static const struct sr_archive *sort_a;
static size_t sort_k;

static int cmp_value(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa;
    size_t b = *(const size_t *)pb;

    return strcmp(value_name(sort_a, sort_k, a), value_name(sort_a, sort_k, b));
}

bool sr_stats_csi_moe(double se, long n_csi, long responded, long population,
                      double *moe)
{
    double fpc;

    if (n_csi < 2 || population < 1 || !isfinite(se))
        return false;
    if (responded > population)
        responded = population;
    fpc =
        population > 1
            ? sqrt((double)(population - responded) / (double)(population - 1))
            : 0.0;
    *moe = sr_dist_t975((double)(n_csi - 1)) * se * fpc;
    return true;
}

/*
 * The bound on the standard error of the CSI of (@group, @value): the
 * weighted mean of its dimensions' index standard errors, over the
 * dimensions that have an index (those the CSI is made of).  False when a
 * dimension of the CSI has no sd (n < 2).
 */
static bool csi_se(const struct sr_model *m, const char *group,
                   const char *value, double *se)
{
    const struct sr_template *t = m->tmpl;
    double wsum = 0;
    double acc = 0;
    size_t i;

    for (i = 0; i < t->ndims; i++) {
        const struct sr_dimension *dm = &t->dims[i];
        const struct sr_scale *sc = &t->scales[t->items[dm->items[0]].scale];
        double index;
        double sd;
        long n;

        if (!sr_model_get(m, group, value, dm->id, "index", &index, NULL))
            continue;
        if (!sr_model_get(m, group, value, dm->id, "sd", &sd, &n) || n < 2)
            return false;
        acc += dm->weight * 100.0 * sd /
               ((double)(sc->max - sc->min) * sqrt((double)n));
        wsum += dm->weight;
    }
    if (wsum <= 0)
        return false;
    *se = acc / wsum;
    return true;
}

static void put_moe(struct sr_model *m, const char *group, const char *value,
                    const struct tally *tl)
{
    double csi;
    double se;
    double moe;
    long n;

    if (!sr_model_get(m, group, value, "CSI", "index", &csi, &n))
        return;
    if (!csi_se(m, group, value, &se))
        return;
    if (sr_stats_csi_moe(se, n, tl->responded, tl->count, &moe))
        sr_model_add(m, group, value, "CSI", "moe95", moe, n);
}

/* count, responded, response_rate, representative */
static void put_response(struct sr_model *m, const char *group,
                         const char *value, const struct tally *tl,
                         long min_base)
{
    double rate = tl->count ? (double)tl->responded / (double)tl->count : 0;
    bool rep = tl->responded >= min_base && rate >= SR_MIN_RESPONSE_RATE;

    sr_model_add(m, group, value, "customers", "count", (double)tl->count, -1);
    sr_model_add(m, group, value, "customers", "responded",
                 (double)tl->responded, tl->count);
    if (tl->count)
        sr_model_add(m, group, value, "customers", "response_rate", rate,
                     tl->count);
    sr_model_add(m, group, value, "customers", "representative", rep, -1);
}

/* follow_up per manager (and all): distinct customers, n = forms */
static void put_follow_up(struct sr_model *m, const struct sr_followup *fl,
                          const char *group, const char *manager)
{
    size_t rows = 0;
    size_t customers = 0;
    size_t r;

    for (r = 0; fl && r < sr_followup_count(fl); r++) {
        const char *mg = sr_followup_get(fl, r, SR_FU_MANAGER);

        if (manager && strcmp(mg, manager))
            continue;
        rows++;
        /* sorted by manager, then customer: count the changes */
        if (r == 0 ||
            strcmp(sr_followup_get(fl, r, SR_FU_CUSTOMER),
                   sr_followup_get(fl, r - 1, SR_FU_CUSTOMER)) ||
            strcmp(mg, sr_followup_get(fl, r - 1, SR_FU_MANAGER)))
            customers++;
    }
    sr_model_add(m, group, manager ? manager : "", "customers", "follow_up",
                 (double)customers, (long)rows);
}

void sr_stats_customers(struct sr_model *m, const struct sr_archive *a,
                        const struct sr_response *rs,
                        const struct sr_followup *fl, long min_base)
{
    const struct sr_template *t = m->tmpl;
    size_t n = sr_archive_count(a);
    size_t ncols = sr_archive_ncolumns(a);
    struct tally all = { 0 };
    long repeated = 0;
    size_t i;
    size_t k;

    for (i = 0; i < n; i++) {
        unsigned f = sr_response_forms(rs, i);

        all.count++;
        all.responded += f > 0;
        repeated += f > 1;
    }
    put_response(m, "all", "", &all, min_base);
    sr_model_add(m, "all", "", "customers", "repeated", (double)repeated,
                 all.responded);
    sr_model_add(m, "all", "", "customers", "forms",
                 (double)sr_response_known_forms(rs), -1);
    sr_model_add(m, "all", "", "customers", "unknown",
                 (double)sr_response_unknown_customers(rs),
                 sr_response_unknown_forms(rs));
    if (fl)
        put_follow_up(m, fl, "all", NULL);
    put_moe(m, "all", "", &all);
    for (k = 0; k < ncols; k++) {
        int f = sr_archive_column_field(a, k);

        if (f != SR_ARCHIVE_MANAGER)
            sr_model_add(m, "all", "", t->fields[f].id, "disagreements",
                         (double)sr_response_disagreements(rs, k),
                         sr_response_compared(rs, k));
    }

    /* per value of each column: segments, then the manager */
    for (k = 0; k < ncols; k++) {
        size_t nv = sr_archive_nvalues(a, k);
        struct tally *tl = xcalloc(nv ? nv : 1, sizeof(*tl));
        size_t *order = xcalloc(nv ? nv : 1, sizeof(*order));
        const char *group = sr_archive_column_id(a, k);
        bool manager = sr_archive_column_field(a, k) == SR_ARCHIVE_MANAGER;
        size_t v;

        for (i = 0; i < n; i++) {
            uint32_t x = sr_archive_value(a, k, i);

            if (!x)
                continue;
            tl[x - 1].count++;
            tl[x - 1].responded += sr_response_forms(rs, i) > 0;
        }
        for (v = 0; v < nv; v++)
            order[v] = v;
        sort_a = a;
        sort_k = k;
        qsort(order, nv, sizeof(*order), cmp_value);
        sort_a = NULL;
        for (v = 0; v < nv; v++) {
            const char *name = value_name(a, k, order[v]);

            put_response(m, group, name, &tl[order[v]], min_base);
            if (manager)
                put_follow_up(m, fl, group, name);
            else
                put_moe(m, group, name, &tl[order[v]]);
        }
        free(order);
        free(tl);
    }
}

/* --- for renderers ---------------------------------------------------------
 */

struct sr_customer_group *sr_customer_groups(const struct sr_model *m,
                                             size_t *n)
{
    struct sr_customer_group *g = NULL;
    size_t ng = 0;
    size_t r;
    size_t k;

    for (r = 0; r < m->nrows; r++) {
        const struct sr_figure *f = &m->rows[r];
        struct sr_customer_group *cg;

        if (strcmp(f->subject, "customers") || strcmp(f->metric, "count") ||
            !strcmp(f->group, "all"))
            continue;
        for (k = 0; k < ng; k++)
            if (!strcmp(g[k].id, f->group))
                break;
        if (k == ng) {
            g = xreallocarray(g, ng + 1, sizeof(*g));
            memset(&g[ng], 0, sizeof(*g));
            g[ng].id = f->group;
            ng++;
        }
        cg = &g[k];
        cg->values =
            xreallocarray(cg->values, cg->nvalues + 1, sizeof(*cg->values));
        cg->values[cg->nvalues++] = f->group_value;
    }
    *n = ng;
    return g;
}

void sr_customer_groups_free(struct sr_customer_group *g, size_t n)
{
    size_t k;

    for (k = 0; g && k < n; k++)
        free(g[k].values);
    free(g);
}
