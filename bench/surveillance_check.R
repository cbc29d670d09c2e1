# bench/surveillance_check.R: the R side of bench/surveillance.sh (read the
# header there). Two modes:
#
#   Rscript surveillance_check.R tails PROBE
#       evaluates engine/stats.c through PROBE (build/bench/stats_probe) on
#       a grid of inputs and prints, per function, the error of ln p against
#       R: ppois, pnbinom, pbinom, an exact log-space sum for the
#       beta-binomial, and numeric integration (integrate) of the Poisson or
#       negative-binomial tail over the gamma or log-normal rate posterior
#       for the two mixtures (the closed form is not used as the reference).
#
#   Rscript surveillance_check.R daily COUNTS NDAYS OUTDIR
#       COUNTS: "merchant,day,count" rows (1-based indices, nonzero counts).
#       Writes OUTDIR/ears05.csv and OUTDIR/ears02.csv (merchant,day,upper
#       bound of every surveillance::earsC C2 alarm, sd floor 0.5 / 0.2,
#       threshold 3 sd) and OUTDIR/farrington.csv (merchant,day,upperbound of
#       surveillance::farringtonFlexible on the days it can alarm).
suppressPackageStartupMessages(library(surveillance))

args <- commandArgs(trailingOnly = TRUE)

# ln of a mixture tail: integral of exp(lw(x) + lt(x)) over exp(lw(x)), x on
# the real line. The integrands are shifted by their maxima on a fine grid
# and integrated over the span where they matter, so tiny tails keep their
# digits.
mix_lntail <- function(lw, lt, lo, hi) {
  span <- function(f) {
    x <- seq(lo, hi, length.out = 4001)
    y <- f(x)
    m <- max(y)
    keep <- which(y > m - 60)
    h <- x[2] - x[1]
    list(m = m, a = x[max(1, min(keep) - 1)] - h, b = x[min(length(x), max(keep) + 1)] + h)
  }
  lint <- function(f) {
    s <- span(f)
    v <- integrate(function(x) exp(f(x) - s$m), s$a, s$b, subdivisions = 2000L,
                   rel.tol = 1e-11, abs.tol = 0)$value
    s$m + log(v)
  }
  lint(function(x) lw(x) + lt(x)) - lint(lw)
}

# ln P(X >= k) for the gamma-Poisson predictive (stats_gp_sf): the rate has
# a Gamma(a + n, b + t) posterior; the count over exposure w is Poisson.
ref_gp <- function(k, a, b, n, t, w) {
  sh <- a + n
  rt <- b + t
  # integrate over x = ln(rate)
  lw <- function(x) dgamma(exp(x), shape = sh, rate = rt, log = TRUE) + x
  lt <- function(x) ppois(k - 1, exp(x) * w, lower.tail = FALSE, log.p = TRUE)
  c0 <- log(sh / rt)
  mix_lntail(lw, lt, c0 - 12 - 40 / sqrt(sh), c0 + 12 + 40 / sqrt(sh))
}

# ln P(X >= k) for the log-normal-Poisson predictive (stats_lnp_sf): ln rate
# ~ Normal(ln m - sigma^2/2, sigma) a priori, times the Poisson likelihood of
# n events over t; the count over w is Poisson (kappa <= 0) or negative
# binomial with size kappa*w around the rate.
ref_lnp <- function(k, n, t, w, m, sigma, kappa) {
  mu0 <- log(m) - sigma^2 / 2
  lw <- function(x) dnorm(x, mu0, sigma, log = TRUE) + n * x - exp(x) * t
  lt <- if (kappa > 0) {
    function(x) pnbinom(k - 1, size = kappa * w, prob = kappa * w / (kappa * w + exp(x) * w),
                        lower.tail = FALSE, log.p = TRUE)
  } else {
    function(x) ppois(k - 1, exp(x) * w, lower.tail = FALSE, log.p = TRUE)
  }
  # the posterior lies between the prior and ln(n/t)
  c1 <- if (n > 0) log(n / t) else mu0
  mix_lntail(lw, lt, min(mu0, c1) - 12 * sigma - 10, max(mu0, c1) + 12 * sigma + 10)
}

ref_betabinom <- function(k, n, a, b) {
  x <- k:n
  l <- lchoose(n, x) + lbeta(x + a, n - x + b) - lbeta(a, b)
  m <- max(l)
  m + log(sum(exp(l - m)))
}

tails <- function(probe) {
  q <- list()
  add <- function(fn, ...) {
    g <- expand.grid(..., KEEP.OUT.ATTRS = FALSE)
    g$fn <- fn
    q[[length(q) + 1]] <<- g
  }
  ks <- c(1, 2, 3, 5, 8, 13, 20, 30, 50, 100, 200, 500, 1000, 3000)
  add("pois", k = ks, mu = c(1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 100, 300, 1000, 2500))
  add("nb", k = ks, size = c(0.05, 0.5, 1, 5, 20, 100, 1000), p = c(0.01, 0.1, 0.3, 0.5, 0.8, 0.95, 0.999))
  add("binom", k = c(1, 2, 3, 5, 10, 30, 100, 300, 1000), n = c(5, 20, 100, 1000, 10000),
      p = c(1e-4, 1e-3, 0.01, 0.05, 0.2, 0.5, 0.9))
  add("betabinom", k = c(1, 2, 3, 5, 10, 30, 100, 300), n = c(5, 20, 100, 1000),
      a = c(0.5, 2, 20, 300), b = c(1, 20, 300, 5000))
  add("gp", k = c(1, 2, 3, 5, 10, 20, 50), a = c(0.5, 3, 300), b = c(5, 50, 800), n = c(0, 8, 100, 1000),
      t = c(7, 34, 90), w = c(1, 3, 7))
  add("lnp", k = c(1, 2, 3, 5, 10, 25, 60), n = c(0, 1, 3, 10, 30, 100, 400), t = c(7, 42, 75),
      w = c(0.5, 3, 14), m = c(0.001, 0.02, 0.2), sigma = c(0.5, 1.5), kappa = c(0, 10))
  rows <- list()
  for (g in q) {
    fn <- g$fn[1]
    g$fn <- NULL
    # the binomial and beta-binomial are only defined for k <= n
    if ("n" %in% names(g) && fn %in% c("binom", "betabinom")) g <- g[g$k <= g$n, ]
    lines <- paste(fn, apply(g, 1, function(r) paste(format(r, digits = 17, scientific = FALSE, trim = TRUE),
                                                       collapse = " ")))
    out <- system2(probe, input = lines, stdout = TRUE)
    if (length(out) != nrow(g) || any(out == "error")) stop("stats_probe did not answer every query")
    c_lnp <- log(as.numeric(out))
    r_lnp <- with(g, switch(fn,
      pois = ppois(k - 1, mu, lower.tail = FALSE, log.p = TRUE),
      nb = pnbinom(k - 1, size, p, lower.tail = FALSE, log.p = TRUE),
      binom = pbinom(k - 1, n, p, lower.tail = FALSE, log.p = TRUE),
      betabinom = mapply(ref_betabinom, k, n, a, b),
      gp = mapply(ref_gp, k, a, b, n, t, w),
      lnp = mapply(ref_lnp, k, n, t, w, m, sigma, kappa)))
    rows[[fn]] <- list(g = g, c = c_lnp, r = r_lnp)
  }
  cat(sprintf("%-10s %6s %9s %11s %9s %11s %5s %5s  %s\n", "function", "points", "min ln p",
              "max|d ln p|", "max rel", "p90|d ln p|", "uflow", "flips", "worst point (ln p C / R)"))
  show <- function(name, x) {
    # points R puts below double range (ln p < -700) are counted, not scored
    ok <- is.finite(x$r) & x$r > -700
    uf <- sum(!ok)
    d <- abs(x$c[ok] - x$r[ok])
    d[!is.finite(d)] <- Inf
    rel <- d / pmax(abs(x$r[ok]), 1e-300)
    # relative error of ln p only where p < 0.5 (ln p near 0 has no digits to lose)
    rel <- rel[x$r[ok] < log(0.5)]
    w <- which.max(d)
    gw <- x$g[ok, , drop = FALSE][w, , drop = FALSE]
    # decisions that change at p = 1e-5 (about p_max over the detector's tests)
    fl <- sum((x$c[ok] < log(1e-5)) != (x$r[ok] < log(1e-5)))
    cat(sprintf("%-10s %6d %9.4g %11.3g %9.3g %11.3g %5d %5d  %s (%.6g / %.6g)\n", name, sum(ok),
                min(x$r[ok]), max(d), if (length(rel)) max(rel) else NA, quantile(d, 0.9), uf, fl,
                paste(names(gw), signif(unlist(gw), 4), sep = "=", collapse = " "),
                x$c[ok][w], x$r[ok][w]))
  }
  for (fn in names(rows)) show(fn, rows[[fn]])
  # The log-normal mixture on the detector's own settings (sigma 1.5,
  # dispersion 10), where it decides alerts (1e-8 < p < 1e-3), split by where the
  # merchant's own rate n/t lies: within 5 prior sds of the prior log-mean or
  # beyond (where a grid around the prior would cut the posterior off), and by
  # history size.
  x <- rows$lnp
  g <- x$g
  inside <- g$n == 0 | abs(log(pmax(g$n, 1) / g$t) - (log(g$m) - g$sigma^2 / 2)) <= 5 * g$sigma
  sub <- function(name, s) if (any(s)) show(name, list(g = g[s, ], c = x$c[s], r = x$r[s]))
  det <- g$sigma == 1.5 & g$kappa == 10 & x$r < log(1e-3) & x$r > log(1e-8)
  sub("lnp det", det)
  sub(" rate out", det & !inside)
  for (nn in sort(unique(g$n))) sub(sprintf(" in, n=%d", nn), det & inside & g$n == nn)
  cat(paste0("ln p = ln P(X >= k); max rel = |d ln p| / |ln p| where p < 0.5; uflow = points where R's\n",
             "ln p < -700 (not scored); flips = points on different sides of p = 1e-5. lnp det: sigma 1.5,\n",
             "dispersion 10, 1e-8 < p < 1e-3. 'rate out' = the merchant's own rate n/t lies more than\n",
             "5 prior sds from the prior log-mean. stats_lnp_sf sums the rate posterior on 64 log-rates\n",
             "spanning the posterior itself (mode +- where the density falls by e^-36), so a far-off\n",
             "posterior is not cut off; the one large 'lnp' error is at p < e^-300, where the tail's\n",
             "mass sits beyond that span and no decision depends on it.\n"))
}

daily <- function(counts, ndays, outdir) {
  d <- read.csv(counts, header = FALSE, col.names = c("m", "d", "x"))
  nm <- max(d$m)
  obs <- matrix(0, nrow = ndays, ncol = nm)
  obs[cbind(d$d, d$m)] <- d$x
  # EARS C2 as in the bench baseline: baseline days t-9..t-3, alarm when
  # x > mean + 3 * max(sd, floor) (alpha = P(Z > 3)); merchants that never
  # reach one complaint a day after the first 9 days cannot alarm.
  live <- which(colSums(obs[10:ndays, , drop = FALSE]) > 0)
  for (fl in c(0.5, 0.2)) {
    s <- sts(observed = obs[, live, drop = FALSE], frequency = 7)
    e <- earsC(s, control = list(method = "C2", baseline = 7, minSigma = fl, alpha = pnorm(-3)))
    a <- which(alarms(e) == 1, arr.ind = TRUE)
    # earsC returns days 10..ndays
    out <- data.frame(m = live[a[, 2]], d = a[, 1] + 9, ub = upperbound(e)[a])
    write.csv(out[order(out$m, out$d), ], file.path(outdir, sprintf("ears%02d.csv", round(fl * 10))),
              row.names = FALSE)
  }
  # farringtonFlexible on daily counts with a week as the period: the
  # reference values are the same weekday +-2 days in each of the 3 previous
  # weeks (the package's b and w, read in days), alarms need >= 3 cases in
  # the last 7 days (limit54), threshold at alpha 0.01. Only days that can
  # alarm (7-day total >= 3) are fitted: the rest cannot alarm by limit54.
  b <- 3
  w <- 2
  first <- 7 * b + w + 1
  roll <- apply(obs, 2, function(v) stats::filter(v, rep(1, 7), sides = 1))
  roll[is.na(roll)] <- 0
  res <- list()
  for (j in which(colSums(roll[first:ndays, , drop = FALSE] >= 3) > 0)) {
    days <- which(roll[, j] >= 3)
    days <- days[days >= first]
    s <- sts(observed = matrix(obs[, j], ncol = 1), frequency = 7, start = c(1, 1))
    # farringtonFlexible indexes its results by position in a range, so
    # each run of consecutive days is one call
    for (run in split(days, cumsum(c(1, diff(days) != 1)))) {
      f <- suppressWarnings(farringtonFlexible(s, control = list(range = run, b = b, w = w,
        limit54 = c(3, 7), alpha = 0.01, noPeriods = 1, thresholdMethod = "delta")))
      res[[length(res) + 1]] <- data.frame(m = j, d = run, ub = as.vector(upperbound(f)))
    }
  }
  out <- if (length(res)) do.call(rbind, res) else data.frame(m = integer(), d = integer(), ub = numeric())
  write.csv(out, file.path(outdir, "farrington.csv"), row.names = FALSE)
}

if (length(args) >= 2 && args[1] == "tails") {
  tails(args[2])
} else if (length(args) >= 4 && args[1] == "daily") {
  daily(args[2], as.integer(args[3]), args[4])
} else {
  stop("usage: surveillance_check.R tails PROBE | daily COUNTS NDAYS OUTDIR")
}
