#!/usr/bin/env python3
"""Replaces a scenario's gold merchant, sector, issue and tags with what
`qunsu extract` found in the text, so detection can be scored with real
extraction. Duplicate and professional flags stay gold (the stream decides
them from history, which extract does not see); cluster and emerging labels
stay for the scorer.

    detect_e2e.py SCENARIO.jsonl EXTRACTED.jsonl OUT.jsonl
"""
import json
import sys


def engine_fields(r, e):
    """The record's gold with merchant, sector, issue and tags replaced by
    the complaint event e (None: the engine did not accept the record)."""
    m = e.get("merchant") if e else None
    g = dict(r["gold"])
    g["merchant_key"] = m["key"] if m else None
    g["merchant_name"] = m["name"] if m else None
    g["sector"] = m["sector"] if m else "other"
    # no merchant: the trade the text names, or None
    g["text_sector"] = None if m or not e else e.get("text_sector")
    g["issue"] = e["issue"]["code"] if e else "other"
    g["tags"] = e["issue"]["tags"] if e else []
    return g


def main():
    scenario, extracted, out = sys.argv[1:4]
    found = {}
    for line in open(extracted, encoding="utf-8"):
        e = json.loads(line)
        if e.get("event") == "complaint":
            found[e["id"]] = e
    with open(out, "w", encoding="utf-8") as f:
        for line in open(scenario, encoding="utf-8"):
            r = json.loads(line)
            r["gold"] = engine_fields(r, found.get(r["id"]))
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
