/* stats.c: tail probabilities and control-chart statistics (see stats.h).
 * GSL computes the distributions; this file only fixes the conventions
 * (P(X >= k) everywhere, guarded edge cases) so callers cannot mix them up. */
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

double stats_pois_sf(long k, double mu)
{
    if (k <= 0)
        return 1.0;
    if (!(mu > 0))
        return 0.0;
    return gsl_cdf_poisson_Q((unsigned)(k - 1), mu);
}

double stats_nb_sf(long k, double size, double p)
{
    if (k <= 0)
        return 1.0;
    if (!(p < 1.0))
        return 0.0;
    if (!(p > 0.0) || !(size > 0.0))
        return 1.0;
    return gsl_cdf_negative_binomial_Q((unsigned)(k - 1), p, size);
}

double stats_binom_sf(long k, long n, double p)
{
    if (k <= 0)
        return 1.0;
    if (k > n || !(p > 0.0))
        return 0.0;
    if (!(p < 1.0))
        return 1.0;
    return gsl_cdf_binomial_Q((unsigned)(k - 1), p, (unsigned)n);
}

double stats_gp_sf(long k, double a, double b, double n, double t, double w, double *mean)
{
    double size = a + n, rate = b + t;
    if (mean)
        *mean = rate > 0 ? size * w / rate : 0.0;
    if (!(w > 0))
        return k <= 0 ? 1.0 : 0.0;
    /* The predictive count is NB with success probability rate/(rate+w). */
    return stats_nb_sf(k, size, rate / (rate + w));
}

double stats_lnp_sf(long k, double n, double t, double w, double m, double sigma, double kappa, double *mean)
{
    enum { G = 64 };
    double lw[G], x[G];
    if (mean)
        *mean = 0;
    if (!(m > 0) || !(sigma > 0) || !(w > 0))
        return k <= 0 ? 1.0 : 0.0;
    double mu0 = log(m) - sigma * sigma / 2, mx = -INFINITY;
    for (int i = 0; i < G; i++) {
        x[i] = mu0 + sigma * (-5.0 + 10.0 * i / (G - 1));
        double z = (x[i] - mu0) / sigma;
        lw[i] = -z * z / 2 + n * x[i] - exp(x[i]) * t;
        if (lw[i] > mx)
            mx = lw[i];
    }
    double sw = 0, sp = 0, sm = 0;
    for (int i = 0; i < G; i++) {
        double wi = exp(lw[i] - mx);
        if (wi < 1e-300)
            continue;
        double lam = exp(x[i]) * w;
        double p = kappa > 0 ? stats_nb_sf(k, kappa * w, kappa * w / (kappa * w + lam)) : stats_pois_sf(k, lam);
        sw += wi;
        sp += wi * p;
        sm += wi * lam;
    }
    if (mean)
        *mean = sm / sw;
    return sp / sw;
}

double stats_ewma(double prev, double x, double w)
{
    return w * x + (1.0 - w) * prev;
}

double stats_ears_c2(double x, const double *base, size_t n, double min_sd)
{
    if (n == 0)
        return 0.0;
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m += base[i];
    m /= (double)n;
    double v = 0;
    for (size_t i = 0; i < n; i++)
        v += (base[i] - m) * (base[i] - m);
    double sd = n > 1 ? sqrt(v / (double)(n - 1)) : 0.0;
    if (sd < min_sd)
        sd = min_sd;
    return (x - m) / sd;
}

static int bh_cmp(const void *a, const void *b)
{
    const stats_pidx *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

size_t stats_bh(const double *p, size_t n, double q, int *reject, stats_pidx *scratch)
{
    for (size_t i = 0; i < n; i++) {
        scratch[i].p = p[i];
        scratch[i].i = i;
        reject[i] = 0;
    }
    qsort(scratch, n, sizeof *scratch, bh_cmp);
    size_t kmax = 0;
    for (size_t r = 1; r <= n; r++)
        if (scratch[r - 1].p <= q * (double)r / (double)n)
            kmax = r;
    for (size_t r = 0; r < kmax; r++)
        reject[scratch[r].i] = 1;
    return kmax;
}
