#!/usr/bin/env python3
"""Writes the streams of the tests/cases/detect/unnamed_* cases
(deterministic; the committed stdin files are its output):

  rise     five weeks of ordinary complaints about named businesses in four
           sectors of one city, then in the last week an injury issue at
           gyms of one district: a few named gyms, and as many complaints
           that name no gym but say it was one (小区门口一家健身房): one
           emerging alert, fitness x safety, that counts them.
  named    the same stream without the complaints naming no gym: the named
           gyms alone are too few for an alert.
  vague    the same, but those complaints do not say what business it was
           (在一家店里): they count toward nothing, as in `named`.

    python3 tests/data/unnamed/make_streams.py
"""
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from streamgen import BEAUTY, EDUCATION, FITNESS, T0, city_merchants, ordinary_days, write_case  # noqa: E402

DAYS = 35
SAFETY_SHARE = 0.15
RISE = 4
SECTORS = {
    "fitness": FITNESS,
    "beauty": BEAUTY,
    "catering": ("餐厅", ["在{m}吃饭，饭菜里吃出了虫子。", "{m}结账时多收费，价格和标价不一致。"]),
    "education": EDUCATION,
}
INJURY_NAMED = ["在{m}锻炼时器械突然断裂，手臂被划伤，存在严重安全隐患。", "{m}的跑步机突然加速，把我摔伤了，设施有安全隐患。"]
INJURY_UNNAMED = ["小区门口一家健身房的跑步机突然加速，把我摔伤了，健身房设施有安全隐患。",
                  "附近一家健身房锻炼时器械突然断裂，手臂被划伤，健身房存在严重安全隐患。"]
INJURY_VAGUE = ["在一家店里地面湿滑摔伤了膝盖，店里设施有安全隐患。", "在一家门店里柜子突然倒下砸伤了手臂，存在严重安全隐患。"]


def main():
    rng = random.Random(5)
    merchants = city_merchants(SECTORS, 12, (2, 2))
    # gyms see the odd injury all along
    base = ordinary_days(rng, merchants, SECTORS, DAYS, ("fitness", SAFETY_SHARE, INJURY_NAMED))
    gyms = [(n, r) for s, n, r in merchants if s == "fitness" and r == "东城区"]
    named, unnamed, vague = [], [], []
    for k in range(RISE):
        when = T0 + dt.timedelta(days=DAYS - 6 + k, hours=10 + k)
        name, region = gyms[k % len(gyms)] if k < len(gyms) else gyms[0]
        named.append((when, name, region, INJURY_NAMED[k % 2].format(m=name)))
        unnamed.append((when + dt.timedelta(hours=3), None, "东城区", INJURY_UNNAMED[k % 2]))
        vague.append((when + dt.timedelta(hours=3), None, "东城区", INJURY_VAGUE[k % 2]))
    for case, extra in (("unnamed_rise", unnamed), ("unnamed_named", []), ("unnamed_vague", vague)):
        write_case(case, base + named + extra, "u")


if __name__ == "__main__":
    main()
