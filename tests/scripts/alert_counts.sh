#!/bin/sh
# Every alert is explained by its own numbers (tests/data/alert_counts.py):
# its complaint ids are the complaints it counts (plus, on interview and
# warning alerts, the professional claimants' complaints it lists without
# counting: professional_count; beyond max_ids, complaint_ids_omitted
# counts the rest), never more complainants than complaints. Two streams:
# the busy trade whose slow rise the share CUSUM raises
# (tests/data/emerging_chart/make_feed.py; its restaurants complain more
# than twice a fortnight, and only two a merchant count), fed to the
# detector (also with max_ids 20); and a generated scenario stream (corpora/gen/scenario.py, 1000
# merchants, 60 days) through the whole `qunsu run` pipeline, whose alerts
# of every kind include a cluster with a professional claimant's complaint
# and emerging rises at merchants with more than two complaints.
set -e
. tests/scripts/detect_feed.inc
python3 tests/data/emerging_chart/make_feed.py "$tmp"
printf '{"detect": {"emerging_p_max": 1e-12, "emerging_ewma_days": 0, "emerging_cusum_days": 14}}\n' >"$tmp/chart.json"
"$feed" --config "$tmp/chart.json" <"$tmp/thin.jsonl" >"$tmp/thin.alerts" 2>/dev/null
python3 tests/data/alert_counts.py "$tmp/thin.alerts"
grep -q '"type":"emerging"' "$tmp/thin.alerts"
# ids beyond max_ids are counted as omitted, on emerging alerts as well
printf '{"detect": {"emerging_p_max": 1e-12, "emerging_ewma_days": 0, "emerging_cusum_days": 14, "max_ids": 20}}\n' \
    >"$tmp/few.json"
"$feed" --config "$tmp/few.json" <"$tmp/thin.jsonl" >"$tmp/few.alerts" 2>/dev/null
python3 tests/data/alert_counts.py "$tmp/few.alerts"
grep -q '"complaint_ids_omitted":126' "$tmp/few.alerts"
python3 corpora/gen/scenario.py --seed 11 --merchants 1000 --days 60 --out "$tmp/s.jsonl" --truth "$tmp/s.truth.json"
python3 bench/detect_run.py input "$tmp/s.jsonl" "$tmp/s.in"
"$QUNSU" run --quiet --in "$tmp/s.in" --out "$tmp/s.events"
python3 tests/data/alert_counts.py "$tmp/s.events"
for t in interview warning emerging; do
    grep -q "\"type\":\"$t\"" "$tmp/s.events" || { echo "no $t alert"; exit 1; }
done
grep -q '"professional_count":[1-9]' "$tmp/s.events" || { echo "no professional claimant listed"; exit 1; }
