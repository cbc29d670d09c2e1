#!/bin/sh
# extract_contract.sh BUILD_DIR: every `qunsu extract` output line on the
# sample corpus and on hostile texts is a contract `complaint` event: codes
# from taxonomy.md, confidences in [0,1], and each mention's name equal to
# the original text between its code-point offsets.
set -e
B=${1:-build/san}
Q=${QUNSU:-$B/qunsu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp corpora/sample.jsonl "$tmp/in.jsonl"
cat >>"$tmp/in.jsonl" <<'JSONL'
{"id":"h1","text":"ＫＦＣ（万达店）的汉堡有異物，該店不退款😡，金鼎健身(开发区店)也关门了"}
{"id":"h2","text":"在　淘宝　的阳光旗舰店买的\t东西，𠀀𠀁金鼎建身"}
{"id":"h3","text":""}
{"id":"h4","text":"（（（（金鼎健身））））"}
JSONL
"$Q" extract --in "$tmp/in.jsonl" --out "$tmp/out.jsonl" 2>/dev/null
python3 - "$tmp/in.jsonl" "$tmp/out.jsonl" <<'PY'
import json, sys
ISSUES = {"after_sales", "quality", "contract", "price", "metrology", "safety", "food_safety",
          "advertising", "counterfeit", "unfair_competition", "certification", "personal_rights",
          "privacy", "unlicensed", "other"}
TAGS = {"prepaid", "closure", "refund", "online", "livestream", "takeout", "elderly",
        "punitive_demand", "out_of_scope"}
SECTORS = {"catering", "food_retail", "education", "fitness", "beauty", "auto", "electronics",
           "telecom", "ecommerce", "housing", "travel", "medical", "services", "other"}
ins = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
outs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(ins) == len(outs), (len(ins), len(outs))
for i, o in zip(ins, outs):
    t = i["text"]
    assert o["event"] == "complaint" and o["id"] == i["id"], o
    m = o["merchant"]
    if m is not None:
        assert set(m) == {"name", "key", "sector", "confidence"}, m
        assert m["name"] and m["key"] and m["sector"] in SECTORS and 0 <= m["confidence"] <= 1, m
    iss = o["issue"]
    assert iss["code"] in ISSUES and set(iss["tags"]) <= TAGS and 0 <= iss["confidence"] <= 1, iss
    last = -1
    for x in o["mentions"]:
        assert 0 <= x["start"] < x["end"] <= len(t) and x["start"] >= last, (x, t)
        assert t[x["start"]:x["end"]] == x["name"], (x, t[x["start"]:x["end"]])
        last = x["end"]
    if m is not None and o["mentions"] and m["name"] in t:
        assert any(x["name"] == m["name"] for x in o["mentions"]) or i.get("merchant") == m["name"], o
    assert o["duplicate_of"] is None and o["professional"] is False, o
print(f"{len(outs)} complaint events conform")
PY
