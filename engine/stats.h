/* stats.h: the statistics the detector and its benchmark rely on, as pure
 * functions over GSL: upper tail probabilities (Poisson, negative binomial,
 * binomial), the gamma-Poisson predictive tail used to shrink a merchant's
 * rate toward its sector, EWMA (a step, and a chart of daily counts with its
 * tail), CDC EARS C2, and Benjamini-Hochberg. */
#ifndef QS_STATS_H
#define QS_STATS_H

#include <stddef.h>

/* P(X >= k) for X ~ Poisson(mu). 1 when k <= 0; mu <= 0 gives 0 for k > 0. */
double stats_pois_sf(long k, double mu);

/* P(X >= k) for X ~ NegBin(size, p) counting failures before `size`
 * successes of probability p (GSL's parameterisation: mean size(1-p)/p). */
double stats_nb_sf(long k, double size, double p);

/* P(X >= k) for X ~ Binomial(n, p). */
double stats_binom_sf(long k, long n, double p);

/* Beta-binomial tail: P(X >= k) for X ~ Binomial(n, s) with s ~ Beta(a, b),
 * i.e. a binomial whose share is itself estimated (a-1 hits in a+b-2
 * trials of a baseline). Exact sum of the mass function in log space. */
double stats_betabinom_sf(long k, long n, double a, double b);

/* Gamma-Poisson predictive tail. A rate with a Gamma(shape a, rate b) prior,
 * updated with n events over exposure t, predicts a count over exposure w
 * that is negative binomial; returns P(X >= k) and, through *mean (may be
 * NULL), its mean (a+n)·w/(b+t). */
double stats_gp_sf(long k, double a, double b, double n, double t, double w, double *mean);

/* Log-normal-Poisson predictive tail. A merchant's rate has a log-normal
 * prior with mean `m` and log-sd `sigma` (heavy-tailed: most merchants are
 * quiet, a few are chains); after n events over exposure t, the count over
 * exposure w is Poisson(rate·w) mixed over the posterior, with extra
 * day-to-day dispersion: given the rate, the count is negative binomial with
 * size kappa·w (kappa <= 0: plain Poisson). Returns P(X >= k) and, through
 * *mean (may be NULL), the predictive mean. Integrates on a 64-point grid
 * of log-rates spanning the posterior (its mode found by Newton's method,
 * its edges where the density falls by e^-36); no allocation. */
double stats_lnp_sf(long k, double n, double t, double w, double m, double sigma, double kappa, double *mean);

/* One EWMA step: w·x + (1-w)·prev. */
double stats_ewma(double prev, double x, double w);

/* One step of a binomial (share) CUSUM, Page's chart on the log-likelihood
 * ratio of a share p1 against p0 (0 < p0, p1 < 1): x of n events today;
 * max(0, s + x ln(p1/p0) + (n - x) ln((1-p1)/(1-p0))). Under p0, the
 * chance it ever reaches h from 0 is at most exp(-h) (Wald), so its
 * in-control run length is at least exp(h) steps (Lorden). */
double stats_binom_cusum(double s, long x, long n, double p0, double p1);

/* An EWMA of daily counts against their expectations, ESSENCE's chart
 * with a tail fit for small counts: y[j], mu[j] the count and its null
 * expectation j days ago (j = 0: today), n days, weights lambda (1 -
 * lambda)^j. Z = sum w y has null mean M = sum w mu and variance V = phi
 * sum w^2 mu + rv M^2: phi (>= 1) the day-to-day dispersion, rv the
 * squared relative error of the expected rate (1/a for a rate known as a
 * gamma of shape a). The tail is that of the gamma with this mean and
 * variance (the gamma approximation to a weighted sum of Poisson counts,
 * Fay & Feuer 1997), right-skewed like the counts, so a sparse series is
 * not judged as a normal one. */
typedef struct stats_ewma_fit {
    double z, mean, sd;  /* Z, M, sqrt(V) */
    double shape, scale; /* the gamma's */
} stats_ewma_fit;

/* Fills *fit (may be NULL) and returns P(Z >= observed), 1 when Z <= M or
 * the expectations are all 0. */
double stats_ewma_sf(const double *y, const double *mu, size_t n, double lambda, double phi, double rv,
                     stats_ewma_fit *fit);

/* The value of Z whose tail under *fit is alpha (the chart's limit). */
double stats_ewma_limit(const stats_ewma_fit *fit, double alpha);

/* EARS C2 statistic for today's count x from a 7-day baseline (the days
 * t-9..t-3: caller passes them), (x - mean) / max(sd, min_sd); sd is the
 * sample standard deviation (n-1). */
double stats_ears_c2(double x, const double *base, size_t n, double min_sd);

/* Benjamini-Hochberg at level q over n p-values: sets reject[i] to 1 for the
 * rejected hypotheses, returns how many. `scratch` (n entries, caller's)
 * holds the ordering; no allocation. */
typedef struct stats_pidx {
    double p;
    size_t i;
} stats_pidx;
size_t stats_bh(const double *p, size_t n, double q, int *reject, stats_pidx *scratch);

#endif
