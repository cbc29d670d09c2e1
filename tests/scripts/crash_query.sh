#!/bin/sh
# crash_query.sh: the query commands read back what `run --state` decided:
# `alerts` lists exactly the alert episodes of the run's output (filters
# included), `merchant` gives the timeline of a merchant with its episodes,
# `report` counts every accepted complaint once, in all three formats, and
# nothing they print carries a complainant's phone number.
set -u
. "$(dirname "$0")/lib/crash_common.sh"
crash_need_run
python3 "$here/crash_gen.py" 400 21 >"$tmp/in.jsonl"
"$QUNSU" run --state "$tmp/s" --in "$tmp/in.jsonl" --out "$tmp/out" 2>/dev/null || fail "run"
"$QUNSU" alerts --state "$tmp/s" >"$tmp/alerts" || fail "alerts"
"$QUNSU" report --state "$tmp/s" --format json --from 2026-01-01 --to 2027-01-01 >"$tmp/rep.json" ||
    fail "report json"
for f in md html; do
    "$QUNSU" report --state "$tmp/s" --format $f --from 2026-01-01 --to 2027-01-01 >"$tmp/rep.$f" ||
        fail "report $f"
    grep -q "统计分析通报" "$tmp/rep.$f" || fail "report $f has no title"
done
python3 - "$tmp" <<'PY' || exit 1
import json, re, subprocess, sys, os
tmp = sys.argv[1]
q = os.environ["QUNSU"]
out = [json.loads(l) for l in open(tmp + "/out")]
alerts = [json.loads(l) for l in open(tmp + "/alerts")]
episodes = {}
for e in out:
    if e["event"] == "alert":
        episodes.setdefault(e["alert_id"], []).append(e)
def fail(m):
    print("FAIL:", m); sys.exit(1)
if set(a["alert_id"] for a in alerts) != set(episodes):
    fail("alerts lists other episodes than the run raised")
for a in alerts:
    ups = episodes[a["alert_id"]]
    if a["updates"] != len(ups) or a["alert"] != ups[-1]:
        fail("episode %s: %d updates stored, %d raised, or not the latest" % (a["alert_id"], a["updates"], len(ups)))
accepted = [e for e in out if e["event"] == "complaint"]
rep = json.load(open(tmp + "/rep.json"))
counted = sum(1 for e in accepted if e.get("duplicate_of") is None)
if rep["totals"][0]["complaints"] != counted:
    fail("report counts %s complaints, the run accepted %d" % (rep["totals"][0]["complaints"], counted))
if sum(r["complaints"] for r in rep["by_region"]) != counted:
    fail("regions do not add up")
keyed = [a for a in alerts if a["merchant_key"]]
if keyed:
    key = keyed[0]["merchant_key"]
    for flag in ([], ["--open"]):
        r = subprocess.run([q, "alerts", "--state", tmp + "/s", "--merchant", key] + flag, capture_output=True, text=True)
        got = [json.loads(l) for l in r.stdout.splitlines()]
        if any(g["merchant_key"] != key for g in got) or (not flag and len(got) != sum(1 for a in alerts if a["merchant_key"] == key)):
            fail("--merchant filter")
    m = json.loads(subprocess.run([q, "merchant", "--state", tmp + "/s", key], capture_output=True, text=True).stdout)
    mine = [e for e in accepted if (e.get("merchant") or {}).get("key") == key]
    if m["complaints_total"] != len(mine) or sum(d["complaints"] for d in m["days"]) != len(mine):
        fail("merchant %s: %s complaints, the run gave %d" % (key, m["complaints_total"], len(mine)))
    if not any(ep["alert_id"] == keyed[0]["alert_id"] for ep in m["episodes"]):
        fail("merchant timeline lacks its episode")
    shown = json.dumps(m, ensure_ascii=False)
else:
    shown = ""
phones = set(re.findall(r"1[3-9]\d{9}", open(tmp + "/in.jsonl").read()))
for name in ["rep.md", "rep.html", "rep.json"]:
    text = open(tmp + "/" + name).read()
    if any(p in text for p in phones):
        fail(name + " shows a phone number")
if any(p in shown for p in phones):
    fail("merchant output shows a phone number")
print("alerts %d, complaints %d: ok" % (len(alerts), counted))
PY
echo ok
