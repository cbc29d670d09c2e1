#!/usr/bin/env python3
"""bench/run_keys.py QUNSU: merchant keys through `qunsu run` on the
hand-written merchant sets (corpora/hand/merchant-dev*.jsonl), each set fed
as one stream (one writer's town: its records in file order, a record every
hour or so of event time), so the run's merchant table resolves each key
against the businesses the set has shown before. Scored like
bench/extract.sh's keys within each set: B-cubed precision, recall and F1 of
the records grouped by key against the gold business, the records of all
sets together but a key of one set never meeting another's; the `-d`
records (rules may be tuned on them) and the held-out `-t` records apart.
A record with no merchant found is a group of its own.

    python3 bench/run_keys.py build/qunsu
"""
import glob
import json
import os
import subprocess
import sys
from collections import defaultdict


def bcubed(gold, pred):
    by_g, by_p = defaultdict(set), defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred)):
        by_g[g].add(i)
        by_p[p].add(i)
    n = len(gold)
    prec = sum(len(by_p[p] & by_g[g]) / len(by_p[p]) for g, p in zip(gold, pred)) / n
    rec = sum(len(by_p[p] & by_g[g]) / len(by_g[g]) for g, p in zip(gold, pred)) / n
    return prec, rec, 2 * prec * rec / (prec + rec)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    qunsu = sys.argv[1]
    if not os.access(qunsu, os.X_OK):
        sys.exit("run_keys: %s is not an executable qunsu (make first)" % qunsu)
    scored = {"d": ([], []), "t": ([], [])}
    for path in sorted(glob.glob("corpora/hand/merchant-dev*.jsonl")):
        name = os.path.basename(path)
        recs = []
        for no, l in enumerate(open(path, encoding="utf-8"), 1):
            if not l.strip():
                continue
            try:
                recs.append(json.loads(l))
            except json.JSONDecodeError as e:
                sys.exit("run_keys: %s:%d: not JSON (%s)" % (path, no, e))
            if "id" not in recs[-1] or "text" not in recs[-1]:
                sys.exit("run_keys: %s:%d: a record needs id and text" % (path, no))
        lines = []
        for i, r in enumerate(recs):
            when = "2026-10-%02dT%02d:%02d:00+08:00" % (1 + i * 20 // len(recs), i * 7 % 24, i % 60)
            rec = {"id": r["id"], "received_at": when, "text": r["text"]}
            if r.get("merchant"):
                rec["merchant"] = r["merchant"]
            lines.append(json.dumps(rec, ensure_ascii=False))
        run = subprocess.run([qunsu, "run", "--quiet"], input="\n".join(lines) + "\n", capture_output=True,
                             text=True)
        if run.returncode != 0:
            sys.exit("run_keys: %s run on %s exited %d: %s" % (qunsu, name, run.returncode, run.stderr.strip()))
        pred = {}
        for l in run.stdout.splitlines():
            e = json.loads(l)
            if e.get("event") == "complaint":
                pred[e["id"]] = e.get("merchant")
        for r in recs:
            part = r["id"].rsplit("-", 1)[-1]
            gm = (r.get("gold") or {}).get("merchant")
            if part not in scored or not gm:
                continue
            pm = pred.get(r["id"])
            scored[part][0].append(name + "|" + gm["key"])
            scored[part][1].append(name + "|" + (pm["key"] if pm else "\0none " + r["id"]))
    if not scored["d"][0] and not scored["t"][0]:
        sys.exit("run_keys: no labelled records in corpora/hand/merchant-dev*.jsonl (run from the checkout)")
    for part, what in (("d", "-d records (tuned on)"), ("t", "-t records (held out)")):
        g, p = scored[part]
        if g:
            print("   run-mode key B-cubed within each set, %s: P %.4f  R %.4f  F1 %.4f  (%d records)"
                  % ((what,) + bcubed(g, p) + (len(g),)))


if __name__ == "__main__":
    main()
