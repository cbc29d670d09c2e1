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
  cross.jsonl  the same background, then in the last week nine merchants of
               one region, in four sectors (none more than three), get one
               privacy complaint each: no sector shows it, the region across
               its trades does; one emerging alert with no sector.

    python3 tests/data/emerging/make_streams.py DIR
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import REGIONS, write_gold  # noqa: E402

SECTORS = {"catering": ["price", "food_safety", "quality"], "beauty": ["contract", "advertising"],
           "education": ["contract", "advertising"], "electronics": ["quality", "after_sales"]}


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



def main():
    out = sys.argv[1]
    rng = random.Random(7)
    recs = background(rng, 42)
    for j in range(8):
        recs.append((36 + j * 0.6 + 0.4, "beauty%02d" % (j * 3), "beauty", REGIONS[0], "safety"))
    write_gold(out + "/rise.jsonl", recs, "T")
    rng = random.Random(7)
    recs = background(rng, 42, surge=("catering", 35))
    for j in range(20):
        recs.append((36 + j * 0.15, "catering_chain", "catering", REGIONS[1], "price"))
    write_gold(out + "/surge.jsonl", recs, "T")
    rng = random.Random(7)
    recs = background(rng, 42)
    region = 2  # merchants i with i % len(REGIONS) == 2 are there
    shops = [("beauty", 3), ("education", 2), ("electronics", 2), ("catering", 2)]
    j = 0
    for s, n in shops:
        for i in range(n):
            key = "%s%02d" % (s, region + i * len(REGIONS))
            recs.append((36 + j * 0.6 + 0.3, key, s, REGIONS[region], "privacy"))
            j += 1
    write_gold(out + "/cross.jsonl", recs, "T")


if __name__ == "__main__":
    main()
