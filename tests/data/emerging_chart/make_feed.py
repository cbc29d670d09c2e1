#!/usr/bin/env python3
"""Writes the gold-field streams of tests/scripts/emerging_chart.sh to DIR
(deterministic, generated when the test runs):

  thin.jsonl    ten weeks of a busy trade (300 restaurants, a price
                complaint a quarter of theirs) and three other trades; over
                the last three weeks price complaints rise by three quarters, each at
                a restaurant of its own: the share CUSUM adds it up.
  flat.jsonl    the same ten weeks without the rise.

    python3 tests/data/emerging_chart/make_feed.py DIR
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import add_rise, gold_background, write_gold  # noqa: E402

DAYS = 70
RISE_FROM = 49
SECTORS = {"catering": (300, ["food_safety", "quality", "after_sales"]), "beauty": (60, ["contract", "advertising"]),
           "education": (60, ["contract", "advertising"]), "electronics": (60, ["quality", "after_sales"])}


def stream(rise):
    rng = random.Random(3)
    recs = gold_background(rng, SECTORS, DAYS, 0.08, ("catering", "price", 0.25))
    if rise:
        # three quarters as many again: 300 x 0.08 x 0.25 = 6 a day, so 4.4 more
        add_rise(recs, rng, RISE_FROM, DAYS - 0.2, lambda _day: rng.uniform(0.1, 0.35), "catering", "price",
                 lambda k: "catering%03d" % (299 - k % 300), jitter=False)
    return recs


def main():
    write_gold(sys.argv[1] + "/thin.jsonl", stream(True), "F")
    write_gold(sys.argv[1] + "/flat.jsonl", stream(False), "F")


if __name__ == "__main__":
    main()
