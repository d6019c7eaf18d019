/* SPDX-License-Identifier: MIT */
/*
 * dist.h - figures of integer histograms, and the t distribution (GSL)
 *
 * Private to the statistics module.  A histogram is an array of counts, one
 * per bin; bin b stands for the rational value num[b] / den[b] (an item's
 * scale point, or a dimension score S/k).  Every function reads counts only,
 * so its result depends on the histogram and not on the order forms came in.
 *
 * Sums are taken exactly in 128-bit integers over values scaled to a common
 * denominator (lcm); only the last division is rounded.  Should a sum not
 * fit (huge dimensions, billions of forms), the function falls back to a
 * two-pass computation in long double, still order-independent.
 */
#ifndef SR_STATS_DIST_H
#define SR_STATS_DIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 sr_i128;

/** The values of a histogram's bins. */
struct sr_bins {
    size_t nb;           /* number of bins */
    const int64_t *num;  /* value numerators, nb of them */
    const int64_t *den;  /* value denominators (> 0); NULL: all 1 */
    const size_t *order; /* bins by increasing value; NULL: bin order */
    int64_t lcm;         /* a common multiple of every den (1 if den NULL) */
    bool no_exact;       /* skip the exact path (lcm too big; tests) */
};

/** Count, mean and variance of a histogram. */
struct sr_moments {
    int64_t n;     /* number of values */
    double mean;   /* when n >= 1 */
    double var;    /* sample variance (n - 1), when n >= 2 */
    bool var_zero; /* all values equal (exact test) */

    /* for sr_dist_index(): */
    bool exact;          /* sum is exact */
    sr_i128 sum;         /* sum of value * lcm, when exact */
    int64_t lcm;         /* as in the bins */
    long double mean_ld; /* the mean, when not exact */
};

/** Moments of @count (nb counts, borrowed) over the values of @b. */
void sr_dist_moments(const struct sr_bins *b, const int64_t *count,
                     struct sr_moments *m);

/** (mean - min) / (max - min) * 100 of @m (n >= 1), with max > min. */
double sr_dist_index(const struct sr_moments *m, int min, int max);

/**
 * The median of @count (n values, n >= 1): for an even n the mean of the two
 * middle values.  Returns false when n is 0.
 */
bool sr_dist_median(const struct sr_bins *b, const int64_t *count, int64_t n,
                    double *out);

/*
 * A correlation accumulator (for r_overall) holds, over the forms that have
 * both x and y, with y shifted to start at 0:
 *   acc[0] = sum y, acc[1] = sum y^2, then per stratum k = 1..nk:
 *   n_k, sum s, sum s^2, sum s*y
 * where a form in stratum k has x = s / k (an item: nk = 1, x = s; a
 * dimension: k = answered items, s = their sum, shifted to start at 0).
 */
#define SR_CORR_HEAD     2
#define SR_CORR_STRATUM  4
#define SR_CORR_SIZE(nk) (SR_CORR_HEAD + SR_CORR_STRATUM * (nk))

/**
 * Pearson correlation of x and y from a correlation accumulator of @nk
 * strata.  *n gets the number of pairs.  Returns false (r undefined) when
 * n < 2 or a variance is 0.  @no_exact (tests) skips the exact path.
 */
bool sr_dist_pearson(const int64_t *acc, size_t nk, bool no_exact, double *r,
                     int64_t *n);

/** lcm(1..k), or 0 if it does not fit in 63 bits. */
int64_t sr_dist_lcm(size_t k);

/** t(0.975, df): the two-sided 95% quantile of Student's t. */
double sr_dist_t975(double df);

/**
 * Welch's t-test of two samples: the two-sided p value.  Returns false when
 * it is undefined: n < 2 on a side, or both variances 0.
 */
bool sr_dist_welch(const struct sr_moments *a, const struct sr_moments *b,
                   double *p);

/**
 * Two-proportion z-test with the pooled proportion (statsmodels'
 * proportions_ztest): x1 of n1 against x2 of n2, the two-sided p value.
 * Returns false when it is undefined: n1 or n2 is 0, or the pooled
 * proportion is 0 or 1.
 */
bool sr_dist_ztest2(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double *p);

/** @num / @den (den > 0) rounded once when both fit a double exactly. */
double sr_dist_ratio(sr_i128 num, sr_i128 den);

#endif /* SR_STATS_DIST_H */
