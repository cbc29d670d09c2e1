#!/usr/bin/env python3
"""Scores `qunsu run` (the real pipeline) on a generated scenario stream.

    detect_run.py input SCENARIO.jsonl IN.jsonl
        the scenario without its "gold" object: what the pipeline reads
    detect_run.py split SCENARIO.jsonl EVENTS.jsonl STREAM.jsonl ALERTS.jsonl
        STREAM: the scenario with gold merchant, sector, issue, tags,
        duplicate and professional flags replaced by what the pipeline decided
        (its complaint events), cluster and emerging labels kept for the
        scorer; ALERTS: the pipeline's alert events, for detect_score.py
        (with --match-ids, since the pipeline's keys are not the gold keys).
"""
import json
import sys

from detect_e2e import engine_fields


def strip_gold(scenario, out):
    with open(out, "w", encoding="utf-8") as f:
        for line in open(scenario, encoding="utf-8"):
            r = json.loads(line)
            r.pop("gold", None)
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def split(scenario, events, out_stream, out_alerts):
    found = {}
    with open(out_alerts, "w", encoding="utf-8") as fa:
        for line in open(events, encoding="utf-8"):
            e = json.loads(line)
            if e.get("event") == "complaint":
                found[e["id"]] = e
            elif e.get("event") == "alert":
                fa.write(line if line.endswith("\n") else line + "\n")
    with open(out_stream, "w", encoding="utf-8") as f:
        for line in open(scenario, encoding="utf-8"):
            r = json.loads(line)
            e = found.get(r["id"])
            g = engine_fields(r, e)
            # A record the pipeline rejected never reaches the detector.
            g["duplicate_of"] = e.get("duplicate_of") if e else r["id"]
            g["professional"] = bool(e.get("professional")) if e else False
            r["gold"] = g
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "input":
        strip_gold(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "split":
        split(*sys.argv[2:6])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
