#!/usr/bin/env python3
"""Writes the two small detector streams of tests/scripts/emerging_feed.sh
(deterministic; the committed .jsonl files are its output):

  rise.jsonl   six weeks of ordinary complaints in four sectors, then in the
               last week eight beauty merchants of one region get one safety
               complaint each (an issue their sector barely knows): one
               emerging alert, beauty x safety.
  surge.jsonl  the same background, then a festival week in which every
               catering merchant draws three times its usual complaints, and
               a catering chain with twenty price complaints in three days:
               the whole sector rises, no issue rises within it, and one
               shop is not many merchants; no emerging alert.

    python3 tests/data/emerging/make_streams.py DIR
"""
import datetime as dt
import json
import random
import sys

TZ = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 3, 2, tzinfo=TZ)
SECTORS = {"catering": ["price", "food_safety", "quality"], "beauty": ["contract", "advertising"],
           "education": ["contract", "advertising"], "electronics": ["quality", "after_sales"]}
REGIONS = ["东城区", "西城区", "南湖区"]


def background(rng, days, surge=None):
    recs = []
    for s, issues in SECTORS.items():
        for i in range(30):
            key = "%s%02d" % (s, i)
            region = REGIONS[i % len(REGIONS)]
            for day in range(days):
                lam = 0.12 * (3.0 if surge and s == surge[0] and surge[1] <= day < surge[1] + 7 else 1.0)
                while rng.random() < lam:
                    lam *= 0.5
                    recs.append((day + rng.uniform(0.35, 0.85), key, s, region, rng.choice(issues)))
    return recs


def write(path, recs):
    recs.sort()
    with open(path, "w", encoding="utf-8") as f:
        for n, (t, key, s, region, issue) in enumerate(recs):
            when = T0 + dt.timedelta(days=t)
            f.write(json.dumps({
                "id": "T-%05d" % n, "received_at": when.isoformat(timespec="seconds"),
                "complainant": "c%05d" % n,
                "gold": {"merchant_key": key, "merchant_name": key, "sector": s, "region": region,
                         "issue": issue, "tags": [], "duplicate_of": None, "professional": False},
            }, ensure_ascii=False) + "\n")


def main():
    out = sys.argv[1]
    rng = random.Random(7)
    recs = background(rng, 42)
    for j in range(8):
        recs.append((36 + j * 0.6 + 0.4, "beauty%02d" % (j * 3), "beauty", REGIONS[0], "safety"))
    write(out + "/rise.jsonl", recs)
    rng = random.Random(7)
    recs = background(rng, 42, surge=("catering", 35))
    for j in range(20):
        recs.append((36 + j * 0.15, "catering_chain", "catering", REGIONS[1], "price"))
    write(out + "/surge.jsonl", recs)


if __name__ == "__main__":
    main()
