#!/bin/sh
# The emerging share CUSUM on two gold-field streams fed straight to the
# detector (tests/data/emerging_chart/make_feed.py writes them): a busy
# trade's price complaints rising by three quarters over three weeks, a
# shop at a time, must raise one emerging alert from the chart alone (the
# windows held off by a tiny emerging_p_max), which names the chart's
# statistic and threshold (the count EWMA, which sees it too, off); the
# same weeks without the rise must raise no
# emerging alert, with the defaults (chart off), with the chart on beside
# the windows, or with the chart alone.
set -e
. tests/scripts/detect_feed.inc
python3 tests/data/emerging_chart/make_feed.py "$tmp"
printf '{"detect": {"emerging_p_max": 1e-12, "emerging_ewma_days": 0, "emerging_cusum_days": 14}}\n' >"$tmp/chart.json"
printf '{"detect": {"emerging_cusum_days": 14}}\n' >"$tmp/on.json"
summary() { python3 tests/data/emerging_summary.py "$1"; }
"$feed" --config "$tmp/chart.json" <"$tmp/thin.jsonl" >"$tmp/thin.alerts" 2>/dev/null
[ "$(summary "$tmp/thin.alerts")" = "catering None price cusum_share 14 336 explained" ] || { summary "$tmp/thin.alerts"; exit 1; }
for cfg in "" "--config $tmp/on.json" "--config $tmp/chart.json"; do
    "$feed" $cfg <"$tmp/flat.jsonl" >"$tmp/flat.alerts" 2>/dev/null
    [ "$(summary "$tmp/flat.alerts")" = "no emerging alert" ] || { summary "$tmp/flat.alerts"; exit 1; }
done
