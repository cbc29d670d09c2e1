#!/bin/sh
# The emerging count EWMA on two gold-field streams fed straight to the
# detector (tests/data/emerging_ewma/make_feed.py writes them): beauty
# salons' safety complaints rising over two weeks, a salon at a time, must
# raise exactly one emerging alert from the EWMA alone (turned on, the
# windows held off by a tiny emerging_p_max), which names the chart's statistic above
# its threshold, the EWMA above its expectation, its 14 days, and the
# count above the expected count; the same weeks without the rise must
# raise no emerging alert, with the defaults (EWMA off), with it on, or
# with it alone.
set -e
. tests/scripts/detect_feed.inc
python3 tests/data/emerging_ewma/make_feed.py "$tmp"
printf '{"detect": {"emerging_p_max": 1e-12, "emerging_ewma_days": 14}}\n' >"$tmp/alone.json"
printf '{"detect": {"emerging_ewma_days": 14}}\n' >"$tmp/on.json"
summary() { python3 tests/data/emerging_summary.py "$1"; }
"$feed" --config "$tmp/alone.json" <"$tmp/slow.jsonl" >"$tmp/slow.alerts" 2>/dev/null
want="beauty None safety ewma_count 14 336 explained"
[ "$(summary "$tmp/slow.alerts")" = "$want" ] || { summary "$tmp/slow.alerts"; exit 1; }
for cfg in "" "--config $tmp/on.json" "--config $tmp/alone.json"; do
    "$feed" $cfg <"$tmp/flat.jsonl" >"$tmp/flat.alerts" 2>/dev/null
    [ "$(summary "$tmp/flat.alerts")" = "no emerging alert" ] || { summary "$tmp/flat.alerts"; exit 1; }
done
