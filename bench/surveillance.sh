#!/bin/sh
# bench/surveillance.sh BUILD_DIR: cross-checks the detector's statistics and
# the bench baselines against R's surveillance package (Debian
# r-cran-surveillance; `make bench-deps` installs it) as an independent
# reference. Skips with one line when Rscript or the package is absent.
#  1. Tail probabilities of engine/stats.c (through BUILD_DIR/bench/
#     stats_probe) against R on a grid of small and large counts and rates:
#     ppois, pnbinom, pbinom, an exact log-space sum for the beta-binomial,
#     and integrate() of the Poisson / negative-binomial tail over the rate's
#     gamma or log-normal posterior for the two mixtures (stats_gp_sf,
#     stats_lnp_sf). Per function: largest |ln p(C) - ln p(R)|, its relative
#     size, the 90th percentile, points below double range (uflow), and
#     decisions that change at p = 1e-5 (flips), with the worst point.
#  2. EARS C2 on the daily per-merchant counts of one generated stream
#     (corpora/gen/scenario.py, seed 1, default settings; gold fields,
#     duplicates and professional claimants left out as in
#     bench/detect_score.py): alarm days of stats_ears_c2 against
#     surveillance::earsC(method = "C2", minSigma = floor, alpha = pnorm(-3)),
#     and episode starts of detect_score.baseline_c2 against earsC's alarm
#     days, with the reasons for each difference.
#  3. surveillance::farringtonFlexible on the same daily counts (a week as
#     the period: b = 3, w = 2, limit54 = 3 cases in 7 days, alpha = 0.01),
#     run as the stream arrives and scored with detect_score.py's matching
#     beside the engine (bench/detect_feed), the fixed rule and EARS C2.
# About 1-2 minutes with R present (farringtonFlexible fits one GLM per
# merchant-day with 3 or more complaints in its week).
B=${1:-build}
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'quit(status = !requireNamespace("surveillance", quietly = TRUE))' >/dev/null 2>&1; then
    echo "surveillance bench: skipped (Rscript or R package surveillance absent; make bench-deps installs it)"
    exit 0
fi
PROBE=$B/bench/stats_probe
FEED=$B/bench/detect_feed
for x in "$PROBE" "$FEED"; do
    [ -x "$x" ] || { echo "surveillance bench: $x missing (make first)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== surveillance: engine/stats.c tails against R (ln p, C vs R)"
nice Rscript bench/surveillance_check.R tails "$PROBE" || exit 1
echo
echo "== surveillance: EARS C2 and farringtonFlexible on one generated stream (seed 1)"
python3 corpora/gen/scenario.py --seed 1 --out "$tmp/s.jsonl" --truth "$tmp/s.truth.json" || exit 1
nice "$FEED" <"$tmp/s.jsonl" >"$tmp/alerts.jsonl" 2>"$tmp/feed.err" || { cat "$tmp/feed.err"; exit 1; }
python3 bench/surveillance_glue.py prep "$tmp/s.jsonl" "$tmp" "$PROBE" || exit 1
nice Rscript bench/surveillance_check.R daily "$tmp/counts.csv" "$(cat "$tmp/ndays")" "$tmp" || exit 1
python3 bench/surveillance_glue.py report "$tmp/s.jsonl" "$tmp/s.truth.json" "$tmp/alerts.jsonl" "$tmp"
