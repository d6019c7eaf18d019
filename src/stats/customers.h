/* SPDX-License-Identifier: MIT */
/*
 * customers.h - the customer archive's figures: response rates, the
 * sample against the population, the margin of error of the CSI
 *
 * Added to the model after sr_stats_model(), from the archive
 * (archive/archive.h), what the forms said of its customers
 * (archive/response.h), the follow-up list and the model's own CSI and
 * dimension figures.  The rows (FORMATS.md §4.1; definitions in
 * docs/statistics.md and docs/archive.md), after every other row of
 * stats.csv:
 *
 *   all,,customers,count|responded|response_rate|repeated|forms|unknown|
 *       representative|follow_up
 *   all,,CSI,moe95
 *   all,,<segment field>,disagreements          (per archive segment field)
 *   <segment field>,<archive value>,customers,count|responded|
 *       response_rate|representative
 *   <segment field>,<archive value>,CSI,moe95   (values the model breaks down)
 *   account_manager,<manager>,customers,count|responded|response_rate|
 *       representative|follow_up
 *
 * Renderers find the groups of these rows with sr_customer_groups().
 */
#ifndef SR_STATS_CUSTOMERS_H
#define SR_STATS_CUSTOMERS_H

#include "../archive/archive.h"
#include "../archive/followup.h"
#include "../archive/response.h"
#include "model.h"

#include <stddef.h>

/** Response rates below this share make a group not representative. */
#define SR_MIN_RESPONSE_RATE 0.05

/**
 * Add the customers figures of archive @a, responses @rs and follow-up
 * list @fl (all borrowed; @fl may be NULL) to @m, whose template is the
 * archive's.  @min_base: a group with fewer responding customers is not
 * representative.  Never fails (dies on OOM).
 */
void sr_stats_customers(struct sr_model *m, const struct sr_archive *a,
                        const struct sr_response *rs,
                        const struct sr_followup *fl, long min_base);

/**
 * The margin of error (95%) of a CSI: t(0.975, @n_csi - 1) times the
 * bound on its standard error @se, times the finite population correction
 * of @responded customers out of @population (docs/statistics.md).
 * Returns false when it is undefined (n_csi < 2, population < 1).
 */
bool sr_stats_csi_moe(double se, long n_csi, long responded, long population,
                      double *moe);

/** A group of the customers figures and the values that have them. */
struct sr_customer_group {
    const char *id;      /* field id or "account_manager" (the model's) */
    const char **values; /* in stats.csv order; strings the model's */
    size_t nvalues;
};

/**
 * The groups of @m that have `customers,count` rows (group all aside), in
 * stats.csv order, each with its values in stats.csv order.  *n gets the
 * number of groups (0 and NULL when none).  The strings are borrowed from
 * @m; free the array with sr_customer_groups_free().
 */
struct sr_customer_group *sr_customer_groups(const struct sr_model *m,
                                             size_t *n);

void sr_customer_groups_free(struct sr_customer_group *g, size_t n);

#endif /* SR_STATS_CUSTOMERS_H */
