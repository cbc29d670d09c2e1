/* stats.c: tail probabilities and control-chart statistics (see stats.h).
 * GSL computes the distributions; this file only fixes the conventions
 * (P(X >= k) everywhere, guarded edge cases) so callers cannot mix them up. */
#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
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

double stats_betabinom_sf(long k, long n, double a, double b)
{
    if (k <= 0)
        return 1.0;
    if (k > n || !(a > 0) || !(b > 0))
        return 0.0;
    /* Sum the upper tail directly (no 1 - lower cancellation): the first
     * term from log-gammas, the next ones by the ratio of successive terms;
     * past the mode the terms only shrink, so stop when they stop counting. */
    double dn = (double)n, x = (double)k;
    double l = gsl_sf_lngamma(dn + 1) - gsl_sf_lngamma(x + 1) - gsl_sf_lngamma(dn - x + 1) +
               gsl_sf_lnbeta(x + a, dn - x + b) - gsl_sf_lnbeta(a, b);
    double t = exp(l), s = t, mode = dn * a / (a + b);
    for (long i = k; i < n; i++) {
        double xi = (double)i;
        t *= (dn - xi) / (xi + 1) * (xi + a) / (dn - xi - 1 + b);
        s += t;
        if (xi > mode + 1 && t < s * 1e-15)
            break;
    }
    return fmin(1.0, s);
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

/* Log posterior of the log-rate x, up to a constant: normal prior around
 * mu0 with sd sigma, Poisson likelihood of n events over exposure t. */
static double lnp_logpost(double x, double mu0, double sigma, double n, double t)
{
    double z = (x - mu0) / sigma;
    return -z * z / 2 + n * x - exp(x) * t;
}

/* The point on one side of the mode where the log posterior has dropped by
 * `drop`: the function is concave, so it falls monotonically away from the
 * mode and bisection between the mode and `far` finds the crossing. */
static double lnp_edge(double mode, double far, double top, double drop, double mu0, double sigma, double n,
                       double t)
{
    double in = mode, out = far;
    for (int i = 0; i < 60; i++) {
        double mid = (in + out) / 2;
        if (top - lnp_logpost(mid, mu0, sigma, n, t) < drop)
            in = mid;
        else
            out = mid;
    }
    return out;
}

double stats_lnp_sf(long k, double n, double t, double w, double m, double sigma, double kappa, double *mean)
{
    enum { G = 64 };
    if (mean)
        *mean = 0;
    if (!(m > 0) || !(sigma > 0) || !(w > 0))
        return k <= 0 ? 1.0 : 0.0;
    double mu0 = log(m) - sigma * sigma / 2;
    /* The grid covers the posterior, not the prior: a busy merchant's own
     * rate can lie many prior sds from the sector's, and a grid around the
     * prior would then cut the posterior off and understate the tail. The
     * log posterior is concave with curvature 1/sigma^2 + e^x t, so Newton
     * from the larger of the prior mode and the data's rate finds the mode,
     * and the curvature bounds how far each side reaches. */
    double mode = t > 0 && n > 0 ? fmax(mu0, log(n / t)) : mu0;
    for (int i = 0; i < 100; i++) {
        double g = -(mode - mu0) / (sigma * sigma) + n - exp(mode) * t;
        double h = 1 / (sigma * sigma) + exp(mode) * t;
        double step = g / h;
        mode += step;
        if (fabs(step) < 1e-10)
            break;
    }
    const double drop = 36.0; /* e^-36: posterior mass beyond is negligible */
    double top = lnp_logpost(mode, mu0, sigma, n, t);
    double right = sqrt(2 * drop / (1 / (sigma * sigma) + exp(mode) * t));
    double lo = lnp_edge(mode, mode - sqrt(2 * drop) * sigma, top, drop, mu0, sigma, n, t);
    double hi = lnp_edge(mode, mode + right, top, drop, mu0, sigma, n, t);
    double sw = 0, sp = 0, sm = 0;
    for (int i = 0; i < G; i++) {
        double x = lo + (hi - lo) * i / (G - 1);
        double wi = exp(lnp_logpost(x, mu0, sigma, n, t) - top);
        if (wi < 1e-14)
            continue; /* negligible posterior mass: the tail is a weighted mean */
        double lam = exp(x) * w;
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

double stats_binom_cusum(double s, long x, long n, double p0, double p1)
{
    s += (double)x * log(p1 / p0) + (double)(n - x) * log((1.0 - p1) / (1.0 - p0));
    return s > 0 ? s : 0;
}

double stats_ewma_sf(const double *y, const double *mu, size_t n, double lambda, double phi, double rv,
                     stats_ewma_fit *fit)
{
    double z = 0, m = 0, v = 0, w = lambda;
    for (size_t j = 0; j < n; j++, w *= 1.0 - lambda) {
        z += w * y[j];
        m += w * mu[j];
        v += w * w * mu[j];
    }
    v = (phi > 1 ? phi : 1) * v + (rv > 0 ? rv : 0) * m * m;
    stats_ewma_fit f = {z, m, sqrt(v), v > 0 ? m * m / v : 0, m > 0 ? v / m : 0};
    if (fit)
        *fit = f;
    if (!(m > 0) || !(v > 0) || z <= m)
        return 1.0;
    return gsl_cdf_gamma_Q(z, f.shape, f.scale);
}

double stats_ewma_limit(const stats_ewma_fit *fit, double alpha)
{
    if (!(fit->shape > 0) || !(fit->scale > 0) || !(alpha > 0) || !(alpha < 1))
        return fit->mean;
    return gsl_cdf_gamma_Qinv(alpha, fit->shape, fit->scale);
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
