/* test_stats.c: the statistics against values computed independently (exact
 * sums of the probability mass functions in double precision, and GSL's
 * documented gsl_cdf_poisson_Q(9, 2.0) = 4.65e-05). */
#include <math.h>

#include "harness.h"
#include "stats.h"

int main(void)
{
    CHECK_NEAR(stats_pois_sf(10, 2.0), 4.6498075017e-05, 1e-8, "Poisson P(X>=10 | 2.0)");
    CHECK_NEAR(stats_pois_sf(3, 0.1), 1.5465307026e-04, 1e-8, "Poisson P(X>=3 | 0.1)");
    CHECK_NEAR(stats_pois_sf(1, 0.5), 0.39346934029, 1e-10, "Poisson P(X>=1 | 0.5) = 1-e^-0.5");
    CHECK(stats_pois_sf(0, 3.0) == 1.0, "Poisson P(X>=0) is 1");
    CHECK(stats_pois_sf(2, 0.0) == 0.0, "Poisson with mean 0 never reaches 2");

    CHECK_NEAR(stats_nb_sf(3, 0.5, 0.9), 3.2497467927e-04, 1e-8, "NB P(X>=3 | size .5, p .9)");
    CHECK_NEAR(stats_nb_sf(12, 60.5, 20.0 / 23.0), 0.21708814639, 1e-8, "NB P(X>=12 | size 60.5, p 20/23)");
    CHECK(stats_nb_sf(0, 2.0, 0.5) == 1.0, "NB P(X>=0) is 1");

    /* A new merchant (no complaints in 60 days, prior Gamma(1, 20)) with 5
     * complaints in 3 days: NB(size 1, p 80/83). */
    double mean = 0;
    CHECK_NEAR(stats_gp_sf(5, 1.0, 20.0, 0, 60, 3, &mean), 6.169014799e-08, 1e-8, "gamma-Poisson tail, new merchant");
    CHECK_NEAR(mean, 3.0 / 80.0, 1e-12, "gamma-Poisson predictive mean");
    /* A chain with 400 complaints over 42 days: the predictive mean follows
     * its own rate, not the prior. */
    stats_gp_sf(1, 0.5, 10.0, 400, 42, 7, &mean);
    CHECK_NEAR(mean, 400.5 * 7 / 52.0, 1e-12, "gamma-Poisson mean dominated by the history");
    /* The emerging count test: a region's issue with a prior of 400
     * complaints at a 0.74 share of a region seeing 0.5 a day (Gamma(296,
     * 800)), 8 in its 34 baseline days, 11 in 3 days; then with the window
     * lifted 1.5x by a wider rise. Tails summed independently from the NB
     * mass function in log space. */
    CHECK_NEAR(stats_gp_sf(11, 296, 800, 8, 34, 3, &mean) / 2.8510704095e-08, 1.0, 1e-6, "emerging count test tail");
    CHECK_NEAR(mean, 1.0935251799, 1e-9, "emerging count test expectation");
    CHECK_NEAR(stats_gp_sf(11, 296, 800, 8, 34, 4.5, &mean) / 1.4777778943e-06, 1.0, 1e-6,
               "emerging count test tail, lifted window");

    /* Log-normal-Poisson on the grid, against the same integral done
     * independently in double precision (80-point grid, Poisson given the
     * rate): a quiet merchant with 3 in 3 days, and a busy one. */
    CHECK_NEAR(stats_lnp_sf(3, 0, 42, 3, 0.01, 1.5, 0, &mean), 6.95e-06, 0.02, "log-normal-Poisson, quiet merchant 3 in 3 days");
    CHECK_NEAR(mean, 0.0134, 0.02, "log-normal-Poisson predictive mean, quiet merchant");
    CHECK_NEAR(stats_lnp_sf(62, 28, 7, 14, 0.01, 1.5, 0, &mean), 0.165, 0.03, "log-normal-Poisson, chain judged by its own rate");
    CHECK_NEAR(mean, 49.8, 0.01, "log-normal-Poisson predictive mean, chain");
    CHECK(stats_lnp_sf(25, 168, 42, 3, 0.01, 1.5, 10, NULL) > stats_lnp_sf(25, 168, 42, 3, 0.01, 1.5, 0, NULL),
          "day-to-day dispersion widens the tail");
    /* A merchant whose own rate lies far above the prior (10 in 7 days where
     * the sector expects 0.001 a day) and a long busy history, against R's
     * integrate() of the negative-binomial tail over the posterior (ln p
     * -16.6903 and -7.95744, bench/surveillance.sh): the integration must
     * follow the posterior, not stay around the prior. */
    CHECK_NEAR(log(stats_lnp_sf(25, 10, 7, 3, 0.001, 1.5, 10, NULL)), -16.6903, 1e-3,
               "log-normal-Poisson, own rate far beyond the prior");
    CHECK_NEAR(log(stats_lnp_sf(60, 400, 42, 3, 0.02, 1.5, 10, NULL)), -7.95744, 1e-3,
               "log-normal-Poisson, long busy history");

    CHECK_NEAR(stats_binom_sf(8, 100, 0.03), 0.01062380885617835, 1e-9, "binomial P(X>=8 | 100, .03)");
    CHECK_NEAR(stats_binom_sf(2, 10, 0.5), 0.9892578125, 1e-12, "binomial P(X>=2 | 10, .5)");
    CHECK(stats_binom_sf(11, 10, 0.5) == 0.0, "binomial beyond n is impossible");

    /* Beta-binomial against exact sums of its mass function. */
    CHECK_NEAR(stats_betabinom_sf(5, 10, 2, 20), 0.007472690453780545, 1e-9, "beta-binomial P(X>=5 | 10, 2, 20)");
    CHECK_NEAR(stats_betabinom_sf(3, 40, 1, 10), 0.5040816326530452, 1e-9, "beta-binomial P(X>=3 | 40, 1, 10)");
    CHECK_NEAR(stats_betabinom_sf(30, 60, 5, 5), 0.518975248217505, 1e-9, "beta-binomial P(X>=30 | 60, 5, 5)");
    CHECK(stats_betabinom_sf(5, 40, 3, 300) > stats_binom_sf(5, 40, 3.0 / 303),
          "an estimated share widens the binomial tail");

    CHECK_NEAR(stats_ewma(10.0, 20.0, 0.4), 14.0, 1e-12, "EWMA step");

    /* Binomial CUSUM: 3 ln 2 + 7 ln(.8/.9), then a run of days whose sums
     * were computed by hand (share .1 against 1.5x). */
    CHECK_NEAR(stats_binom_cusum(0, 3, 10, 0.1, 0.2), 1.2549602920851521, 1e-12, "binomial CUSUM step");
    CHECK(stats_binom_cusum(0.5, 0, 10, 0.1, 0.2) == 0.0, "binomial CUSUM never goes below 0");
    double cs = 0;
    const long cx[4] = {1, 4, 5, 0}, cn[4] = {20, 20, 25, 18};
    const double cwant[4] = {0, 0.7073258109934794, 1.5914830747353288, 0.5626316256162534};
    for (int i = 0; i < 4; i++) {
        cs = stats_binom_cusum(cs, cx[i], cn[i], 0.1, 0.15);
        CHECK_NEAR(cs, cwant[i], 1e-12, "binomial CUSUM run");
    }
    /* In control, its average run length to h is at least exp(h) days
     * (Lorden): simulated days of 20 at share .1 (a fixed linear
     * congruential sequence), the chart tuned to 1.5x, h = 3: 400 runs
     * average 173.55 days, above exp(3) = 20.1. */
    unsigned long long lcg = 12345;
    long days_total = 0;
    for (int run = 0; run < 400; run++) {
        double st = 0;
        for (int day = 0; day < 100000 && st < 3; day++) {
            long x = 0;
            for (int j = 0; j < 20; j++) {
                lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
                x += (double)(lcg >> 11) / 9007199254740992.0 < 0.1;
            }
            st = stats_binom_cusum(st, x, 20, 0.1, 0.15);
            days_total++;
        }
    }
    CHECK_NEAR(days_total / 400.0, 173.55, 1e-9, "binomial CUSUM in-control run length (same draws)");
    CHECK(days_total / 400.0 > exp(3), "binomial CUSUM run length at least exp(h)");
    /* Count EWMA, computed by hand: weights .5, .25, .125 on counts 2, 1,
     * 0 each expected 1: Z = 1.25, mean .875, variance .328125 (Poisson),
     * so a gamma of shape 2.3333 and scale .375; its tail at 1.25 is the
     * regularised Q(2.3333, 3.3333) = 0.213995292. With dispersion 2 and
     * a rate known to 10 % squared: variance .7328125, tail 0.239281487. */
    const double ey[3] = {2, 1, 0}, emu[3] = {1, 1, 1};
    stats_ewma_fit fit;
    CHECK_NEAR(stats_ewma_sf(ey, emu, 3, 0.5, 1, 0, &fit), 0.21399529200545375, 1e-9, "count EWMA gamma tail");
    CHECK_NEAR(fit.z, 1.25, 1e-12, "count EWMA value");
    CHECK_NEAR(fit.mean, 0.875, 1e-12, "count EWMA null mean");
    CHECK_NEAR(fit.sd * fit.sd, 0.328125, 1e-12, "count EWMA null variance");
    CHECK_NEAR(stats_ewma_sf(ey, emu, 3, 0.5, 2, 0.1, &fit), 0.23928148701552487, 1e-9,
               "count EWMA tail with dispersion and rate uncertainty");
    CHECK_NEAR(stats_ewma_sf(ey, emu, 3, 0.5, 2, 0.1, NULL), stats_ewma_sf(ey, emu, 3, 0.5, 2, 0.1, &fit), 0,
               "count EWMA without a fit");
    CHECK_NEAR(stats_ewma_limit(&fit, 0.23928148701552487), 1.25, 1e-6, "count EWMA limit inverts its tail");
    const double eflat[3] = {1, 0, 1};
    CHECK(stats_ewma_sf(eflat, emu, 3, 0.5, 1, 0, NULL) == 1.0, "count EWMA at or below its mean: no evidence");
    /* One day (lambda 1): the gamma tail of Poisson(2) at 8, e^-8 (1 + 8),
     * is above Poisson's own 0.0011: the approximation errs on the side of
     * fewer alerts for sparse counts. */
    const double y1[1] = {8}, mu1[1] = {2};
    CHECK_NEAR(stats_ewma_sf(y1, mu1, 1, 1.0, 1, 0, NULL), 9 * exp(-8), 1e-12, "one-day EWMA is gamma(mu, 1)");
    CHECK(stats_ewma_sf(y1, mu1, 1, 1.0, 1, 0, NULL) > stats_pois_sf(8, 2), "gamma tail above the Poisson tail");
    double base[7] = {0, 1, 0, 2, 1, 0, 1};
    CHECK_NEAR(stats_ears_c2(5, base, 7, 0.2), 5.669467095138407, 1e-10, "EARS C2 with sample sd");
    double flat[7] = {0, 0, 0, 0, 0, 0, 0};
    CHECK_NEAR(stats_ears_c2(5, flat, 7, 0.5), 10.0, 1e-12, "EARS C2 uses the sd floor");

    double p[5] = {0.01, 0.04, 0.03, 0.005, 0.5};
    int rej[5];
    stats_pidx scratch[5];
    CHECK(stats_bh(p, 5, 0.05, rej, scratch) == 4, "BH rejects four at q=.05 (R p.adjust: .025 .05 .05 .025 .5)");
    CHECK(rej[0] && rej[1] && rej[2] && rej[3] && !rej[4], "BH rejects the right ones");
    CHECK(stats_bh(p, 5, 0.01, rej, scratch) == 0, "BH at q=.01 rejects none (smallest adjusted .025)");
    return DONE();
}
