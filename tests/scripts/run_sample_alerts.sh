#!/bin/sh
# The bundled sample: five weeks of ordinary complaints, then a prepaid gym
# that closes (5 complainants, five ways of writing its name) and a
# restaurant with three food-poisoning complaints in one day (three name
# forms). `qunsu run` must raise one interview and one warning episode for
# each, under one merchant key; the background has no rising issue, so no
# emerging alert (a sector's thin early baseline must not make an ordinary
# week look like a rise); the drafts must carry no personal data although
# the texts do.
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$QUNSU" run --quiet --in corpora/sample.jsonl --out "$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY'
import json, re, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
alerts = [e for e in ev if e["event"] == "alert"]
new = {(a["type"], a["merchant_key"]) for a in alerts if not a.get("update")}
want = {("interview", "金鼎健身"), ("warning", "金鼎健身"),
        ("interview", "御膳坊酒楼"), ("warning", "御膳坊酒楼")}
missing = want - new
assert not missing, f"missing alerts: {missing}"
assert new == want, f"unexpected alerts: {new - want}"
ids = {}
for a in alerts:
    if not a.get("update"):
        assert a["alert_id"] not in ids, f"alert_id twice: {a['alert_id']}"
        ids[a["alert_id"]] = a
    assert a["count"] >= 3 and a["complainants"] >= 3, a["alert_id"]
    assert a["p_value"] < 0.01 and a["expected"] < a["count"], a["alert_id"]
    assert a["trigger_id"] in a["complaint_ids"], a["alert_id"]
gym = [a for a in alerts if a["merchant_key"] == "金鼎健身" and a["type"] == "warning"]
assert gym[-1]["complainants"] == 5, gym[-1]["complainants"]
for a in alerts:
    if a["type"] == "warning":
        d = a["draft"]
        assert "消费" in d and "12315" in d, "draft lacks its structure"
        assert not re.search(r"1[3-9]\d{9}", d), "phone number in a draft"
        assert "13907311234" not in d
PY
