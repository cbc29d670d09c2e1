#!/usr/bin/env python3
"""Writes the streams of the tests/cases/detect/chart_* cases
(deterministic; the committed stdin files are their output):

  slow    seven weeks of ordinary complaints about named businesses in four
          sectors of one city (restaurants see the odd food-safety
          complaint, a tenth of theirs), then over the last three weeks
          food-safety complaints at restaurants rise slowly, about one more a
          day, each at a restaurant of its own (no week shows it; the two
          weeks do): one emerging
          alert, catering x food_safety.
  steady  the same seven weeks and three more of ordinary complaints,
          without the rise: no emerging alert.

    python3 tests/data/emerging_chart/make_streams.py
"""
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import BEAUTY, EDUCATION, FITNESS, T0, city_merchants, ordinary_days, write_case  # noqa: E402

DAYS = 70
RISE_FROM = 49
BUG_SHARE = 0.1
SECTORS = {
    "fitness": FITNESS,
    "beauty": BEAUTY,
    "catering": ("餐厅", ["{m}结账时多收费，价格和标价不一致。", "{m}未明码标价，结账时乱收费。"]),
    "education": EDUCATION,
}
BUGS = ["在{m}吃饭，饭菜里吃出了虫子。", "在{m}吃完后全家腹泻呕吐，怀疑食物中毒。"]


def main():
    rng = random.Random(11)
    merchants = city_merchants(SECTORS, 24, (1, 3))
    # restaurants see the odd food-safety complaint all along
    base = ordinary_days(rng, merchants, SECTORS, DAYS, ("catering", BUG_SHARE, BUGS))
    rest = [(n, r) for s, n, r in merchants if s == "catering"]
    rng.shuffle(rest)
    rise = []
    day = float(RISE_FROM)
    k = 0
    while day < DAYS - 0.5:
        name, region = rest[k % len(rest)]
        rise.append((T0 + dt.timedelta(days=day, hours=rng.uniform(9, 20)), name, region,
                     rng.choice(BUGS).format(m=name)))
        k += 1
        day += rng.uniform(0.5, 1.1)
    for case, recs in (("chart_slow", base + rise), ("chart_steady", base)):
        write_case(case, recs, "s")


if __name__ == "__main__":
    main()
