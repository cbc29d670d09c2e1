#!/usr/bin/env python3
"""Writes the gold-field streams of tests/scripts/emerging_ewma.sh to DIR
(deterministic, generated when the test runs):

  slow.jsonl    two months of four trades of 80 businesses each (a
                complaint every twelve days or so per business, of the
                trade's usual issues; beauty salons' safety complaints one
                in ten of theirs, under one a day); over the last two weeks
                beauty salons' safety complaints rise, one more every
                day or so at first, then about three more a day, each at
                a salon of its own: the count EWMA adds it up.
  flat.jsonl    the same two months without the rise.

    python3 tests/data/emerging_ewma/make_feed.py DIR
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import add_rise, gold_background, write_gold  # noqa: E402

DAYS = 60
RISE_FROM = 46
SECTORS = {"beauty": (80, ["contract", "advertising", "price"]), "education": (80, ["contract", "advertising"]),
           "fitness": (80, ["contract", "quality"]), "electronics": (80, ["quality", "after_sales"])}


def stream(rise):
    rng = random.Random(5)
    recs = gold_background(rng, SECTORS, DAYS, 0.085, ("beauty", "safety", 0.1))
    if rise:
        add_rise(recs, rng, RISE_FROM, DAYS - 0.2,
                 lambda day: rng.uniform(0.5, 0.9) if day < RISE_FROM + 4 else rng.uniform(0.25, 0.4), "beauty", "safety",
                 lambda k: "beauty%03d" % (79 - k % 80))
    return recs


def main():
    write_gold(sys.argv[1] + "/slow.jsonl", stream(True), "F")
    write_gold(sys.argv[1] + "/flat.jsonl", stream(False), "F")


if __name__ == "__main__":
    main()
