/* SPDX-License-Identifier: MIT */
/*
 * dist.c - figures of integer histograms, and the t distribution (GSL)
 *
 * Input: histograms of counts (owned by the caller); output: doubles.  Owns
 * nothing.  GSL is used only here, with its abort-on-error handler turned
 * off: its functions return NaN or an edge value instead.
 */
#include "dist.h"

#include <assert.h>
#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>

/* Integers below 2^53 are exact doubles. */
#define EXACT_DOUBLE ((sr_i128)1 << 53)

static void gsl_quiet(void)
{
    static bool done;

    if (!done) {
        gsl_set_error_handler_off();
        done = true;
    }
}

static bool mul(sr_i128 a, sr_i128 b, sr_i128 *out)
{
    return !__builtin_mul_overflow(a, b, out);
}

static bool add(sr_i128 a, sr_i128 b, sr_i128 *out)
{
    return !__builtin_add_overflow(a, b, out);
}

static bool sub(sr_i128 a, sr_i128 b, sr_i128 *out)
{
    return !__builtin_sub_overflow(a, b, out);
}

static int64_t den_of(const struct sr_bins *b, size_t i)
{
    return b->den ? b->den[i] : 1;
}

/* bin @i's value times the common denominator */
static bool scaled(const struct sr_bins *b, size_t i, sr_i128 *out)
{
    int64_t den = den_of(b, i);

    assert(den > 0 && b->lcm % den == 0);
    return mul(b->num[i], b->lcm / den, out);
}

static long double value_ld(const struct sr_bins *b, size_t i)
{
    return (long double)b->num[i] / (long double)den_of(b, i);
}

double sr_dist_ratio(sr_i128 num, sr_i128 den)
{
    assert(den > 0);
    if (num > -EXACT_DOUBLE && num < EXACT_DOUBLE && den < EXACT_DOUBLE)
        return (double)num / (double)den;
    return (double)((long double)num / (long double)den);
}

static bool same_value(const struct sr_bins *b, size_t i, size_t k)
{
    return (sr_i128)b->num[i] * den_of(b, k) ==
           (sr_i128)b->num[k] * den_of(b, i);
}

/* Are all values with a count the same (compared as fractions)? */
static bool all_equal(const struct sr_bins *b, const int64_t *count)
{
    size_t i;
    size_t first = b->nb;

    for (i = 0; i < b->nb; i++) {
        if (!count[i])
            continue;
        if (first == b->nb) {
            first = i;
            continue;
        }
        if (!same_value(b, i, first))
            return false;
    }
    return true;
}

static bool moments_exact(const struct sr_bins *b, const int64_t *count,
                          struct sr_moments *m)
{
    sr_i128 sum = 0;
    sr_i128 sum2 = 0;
    sr_i128 x;
    sr_i128 t;
    sr_i128 q;
    sr_i128 d;
    sr_i128 n = m->n;
    size_t i;

    if (b->no_exact)
        return false;
    for (i = 0; i < b->nb; i++) {
        if (!count[i])
            continue;
        if (!scaled(b, i, &x) || !mul(count[i], x, &t) || !add(sum, t, &sum))
            return false;
        if (!mul(t, x, &t) || !add(sum2, t, &sum2))
            return false;
    }
    if (!mul(n, b->lcm, &d))
        return false;
    m->sum = sum;
    m->mean = sr_dist_ratio(sum, d);
    m->mean_ld = (long double)sum / (long double)d;
    if (n >= 2) {
        if (!mul(n, sum2, &q) || !mul(sum, sum, &t) || !sub(q, t, &q))
            return false;
        if (!mul(d, (n - 1) * b->lcm, &d))
            return false;
        m->var = sr_dist_ratio(q, d);
        m->var_zero = q == 0;
    }
    m->exact = true;
    return true;
}

static void moments_approx(const struct sr_bins *b, const int64_t *count,
                           struct sr_moments *m)
{
    long double sum = 0;
    long double dev;
    size_t i;

    for (i = 0; i < b->nb; i++)
        sum += (long double)count[i] * value_ld(b, i);
    m->mean_ld = sum / (long double)m->n;
    m->mean = (double)m->mean_ld;
    if (m->n < 2)
        return;
    sum = 0;
    for (i = 0; i < b->nb; i++) {
        dev = value_ld(b, i) - m->mean_ld;
        sum += (long double)count[i] * dev * dev;
    }
    m->var_zero = all_equal(b, count);
    m->var = m->var_zero ? 0 : (double)(sum / (long double)(m->n - 1));
}

void sr_dist_moments(const struct sr_bins *b, const int64_t *count,
                     struct sr_moments *m)
{
    size_t i;

    *m = (struct sr_moments){ .lcm = b->lcm, .var_zero = true };
    for (i = 0; i < b->nb; i++) {
        assert(count[i] >= 0);
        m->n += count[i];
    }
    if (m->n == 0)
        return;
    if (!moments_exact(b, count, m)) {
        m->exact = false;
        m->var_zero = true;
        moments_approx(b, count, m);
    }
}

double sr_dist_index(const struct sr_moments *m, int min, int max)
{
    sr_i128 num;
    sr_i128 den;

    assert(m->n >= 1 && max > min);
    if (m->exact && mul((sr_i128)min * m->n, m->lcm, &num) &&
        sub(m->sum, num, &num) && mul(num, 100, &num) &&
        mul((sr_i128)m->n * m->lcm, max - min, &den))
        return sr_dist_ratio(num, den);
    return (double)((m->mean_ld - min) / (max - min) * 100);
}

/* the bin holding the value of rank @rank (1-based) in increasing order */
static size_t bin_of_rank(const struct sr_bins *b, const int64_t *count,
                          int64_t rank)
{
    int64_t seen = 0;
    size_t k;
    size_t i = 0;

    for (k = 0; k < b->nb; k++) {
        i = b->order ? b->order[k] : k;
        seen += count[i];
        if (seen >= rank)
            break;
    }
    assert(k < b->nb);
    return i;
}

bool sr_dist_median(const struct sr_bins *b, const int64_t *count, int64_t n,
                    double *out)
{
    size_t lo;
    size_t hi;
    sr_i128 num;

    if (n < 1)
        return false;
    lo = bin_of_rank(b, count, (n + 1) / 2);
    hi = bin_of_rank(b, count, n / 2 + 1);
    /* (a/p + c/q) / 2 = (a*q + c*p) / (2*p*q): p, q, a are small */
    num = (sr_i128)b->num[lo] * den_of(b, hi) +
          (sr_i128)b->num[hi] * den_of(b, lo);
    *out = sr_dist_ratio(num, (sr_i128)2 * den_of(b, lo) * den_of(b, hi));
    return true;
}

int64_t sr_dist_lcm(size_t k)
{
    int64_t l = 1;
    int64_t a;
    int64_t b;
    int64_t t;
    size_t i;

    for (i = 2; i <= k; i++) {
        a = l;
        b = (int64_t)i;
        while (b) {
            t = a % b;
            a = b;
            b = t;
        }
        if (__builtin_mul_overflow(l / a, (int64_t)i, &l))
            return 0;
    }
    return l;
}

/* the sums of stratum k (1-based) of a correlation accumulator */
static const int64_t *stratum(const int64_t *acc, size_t k)
{
    return acc + SR_CORR_HEAD + SR_CORR_STRATUM * (k - 1);
}

/* n * sum2 - sum * sum: n^2 times the population variance */
static bool spread(sr_i128 n, sr_i128 sum, sr_i128 sum2, sr_i128 *out)
{
    sr_i128 a;
    sr_i128 b;

    return mul(n, sum2, &a) && mul(sum, sum, &b) && sub(a, b, out);
}

/* Is x = s/k the same in every pair?  Exact, from the strata alone. */
static bool x_constant(const int64_t *acc, size_t nk)
{
    const int64_t *first = NULL;
    size_t kf = 0;
    size_t k;
    sr_i128 d;
    sr_i128 e;

    for (k = 1; k <= nk; k++) {
        const int64_t *s = stratum(acc, k);

        if (!s[0])
            continue;
        /* within a stratum: s constant <=> n * sum2 == sum^2 */
        if (!spread(s[0], s[1], s[2], &d) || d != 0)
            return false;
        if (!first) {
            first = s;
            kf = k;
            continue;
        }
        /* across strata: sum/(n*k) equal as fractions */
        if (!mul((sr_i128)s[1] * first[0], (sr_i128)kf, &d) ||
            !mul((sr_i128)first[1] * s[0], (sr_i128)k, &e) || d != e)
            return false;
    }
    return true;
}

/* r from sums scaled to the common denominator lcm(1..nk); false if the
 * sums do not fit in 128 bits */
static bool pearson_exact(const int64_t *acc, size_t nk, sr_i128 n, sr_i128 dy,
                          long double *r)
{
    int64_t l = sr_dist_lcm(nk);
    sr_i128 x1 = 0, x2 = 0, xy = 0, f, t, u, dx, num;
    size_t k;

    if (!l)
        return false;
    for (k = 1; k <= nk; k++) {
        const int64_t *s = stratum(acc, k);

        f = l / (int64_t)k;
        if (!mul(s[1], f, &t) || !add(x1, t, &x1))
            return false;
        if (!mul(s[3], f, &t) || !add(xy, t, &xy))
            return false;
        if (!mul(s[2], f, &t) || !mul(t, f, &t) || !add(x2, t, &x2))
            return false;
    }
    if (!spread(n, x1, x2, &dx))
        return false;
    if (!mul(n, xy, &t) || !mul(x1, acc[0], &u) || !sub(t, u, &num))
        return false;
    if (dx == 0)
        *r = NAN; /* x is constant */
    else
        *r = (long double)num / sqrtl((long double)dx) / sqrtl((long double)dy);
    return true;
}

/* the same in long double, for strata too wide for pearson_exact() */
static long double pearson_approx(const int64_t *acc, size_t nk, long double n,
                                  long double dy)
{
    long double x1 = 0, x2 = 0, xy = 0, kk, dx;
    size_t k;

    if (x_constant(acc, nk))
        return NAN;
    for (k = 1; k <= nk; k++) {
        const int64_t *s = stratum(acc, k);

        kk = (long double)k;
        x1 += (long double)s[1] / kk;
        x2 += (long double)s[2] / (kk * kk);
        xy += (long double)s[3] / kk;
    }
    dx = n * x2 - x1 * x1;
    if (!(dx > 0))
        return NAN;
    return (n * xy - x1 * (long double)acc[0]) / sqrtl(dx) / sqrtl(dy);
}

bool sr_dist_pearson(const int64_t *acc, size_t nk, bool no_exact, double *r,
                     int64_t *n)
{
    long double v;
    sr_i128 pairs = 0;
    sr_i128 dy;
    size_t k;

    for (k = 1; k <= nk; k++)
        pairs += stratum(acc, k)[0];
    *n = (int64_t)pairs;
    if (pairs < 2)
        return false;
    /* n < 2^63 and sum y^2 < 2^63: this cannot overflow */
    if (!spread(pairs, acc[0], acc[1], &dy) || dy == 0)
        return false;
    if (no_exact || !pearson_exact(acc, nk, pairs, dy, &v))
        v = pearson_approx(acc, nk, (long double)pairs, (long double)dy);
    if (isnan(v))
        return false;
    if (v > 1)
        v = 1;
    if (v < -1)
        v = -1;
    *r = (double)v;
    return true;
}

double sr_dist_t975(double df)
{
    double t;
    double step;
    int i;

    gsl_quiet();
    t = gsl_cdf_tdist_Pinv(0.975, df);
    /* The inverse is a few ulp off; the upper tail is good to the last
     * bits, so polish with Newton steps on Q(t) = 0.025. */
    for (i = 0; i < 4 && isfinite(t); i++) {
        step = (gsl_cdf_tdist_Q(t, df) - 0.025) / gsl_ran_tdist_pdf(t, df);
        if (!isfinite(step))
            break;
        t += step;
        if (fabs(step) <= 4 * DBL_EPSILON * t)
            break;
    }
    return t;
}

bool sr_dist_welch(const struct sr_moments *a, const struct sr_moments *b,
                   double *p)
{
    double va;
    double vb;
    double se2;
    double t;
    double df;

    if (a->n < 2 || b->n < 2 || (a->var_zero && b->var_zero))
        return false;
    gsl_quiet();
    va = a->var / (double)a->n;
    vb = b->var / (double)b->n;
    se2 = va + vb;
    t = (a->mean - b->mean) / sqrt(se2);
    df = se2 * se2 /
         (va * va / (double)(a->n - 1) + vb * vb / (double)(b->n - 1));
    *p = 2 * gsl_cdf_tdist_Q(fabs(t), df);
    if (*p > 1)
        *p = 1;
    return isfinite(*p);
}

bool sr_dist_ztest2(int64_t x1, int64_t n1, int64_t x2, int64_t n2, double *p)
{
    double p1;
    double p2;
    double pp;
    double var;
    double x;

    if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2)
        return false;
    if (x1 + x2 == 0 || x1 + x2 == n1 + n2)
        return false;
    p1 = sr_dist_ratio(x1, n1);
    p2 = sr_dist_ratio(x2, n2);
    pp = sr_dist_ratio((sr_i128)x1 + x2, (sr_i128)n1 + n2);
    var = pp * (1 - pp) * (1.0 / (double)n1 + 1.0 / (double)n2);
    /* p = 2 * Phi(-|z|), computed as scipy's ndtr does */
    x = fabs(p1 - p2) / sqrt(var) * M_SQRT1_2;
    if (x < M_SQRT1_2)
        *p = 1 - erf(x);
    else
        *p = erfc(x);
    if (*p > 1)
        *p = 1;
    return isfinite(*p);
}
