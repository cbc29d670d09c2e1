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
import json
import os
import random

TZ = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 3, 2, tzinfo=TZ)
DAYS = 35
SAFETY_SHARE = 0.15
RISE = 4
REGIONS = ["东城区", "西城区", "南湖区"]
BRANDS = "金鼎悦动康乐华润福满恒盛百信宏达泰和瑞丰永安嘉禾明辉星辰海蓝青松聚贤龙腾锦绣"
SECTORS = {
    "fitness": ("健身", ["在{m}办了年卡，现在要求退卡商家拒绝退还剩余费用。", "{m}的私教课没上完，教练离职了，商家不给退费。"]),
    "beauty": ("美容院", ["在{m}办的美容卡，商家拒绝退还剩余费用。", "{m}宣传的效果和实际完全不符，涉嫌虚假宣传。"]),
    "catering": ("餐厅", ["在{m}吃饭，饭菜里吃出了虫子。", "{m}结账时多收费，价格和标价不一致。"]),
    "education": ("培训学校", ["在{m}报的课程，机构不履行合同约定，要求退费被拒绝。", "{m}广告说保过包退，实际根本做不到。"]),
}
INJURY_NAMED = ["在{m}锻炼时器械突然断裂，手臂被划伤，存在严重安全隐患。", "{m}的跑步机突然加速，把我摔伤了，设施有安全隐患。"]
INJURY_UNNAMED = ["小区门口一家健身房的跑步机突然加速，把我摔伤了，健身房设施有安全隐患。",
                  "附近一家健身房锻炼时器械突然断裂，手臂被划伤，健身房存在严重安全隐患。"]
INJURY_VAGUE = ["在一家店里地面湿滑摔伤了膝盖，店里设施有安全隐患。", "在一家门店里柜子突然倒下砸伤了手臂，存在严重安全隐患。"]


def main():
    rng = random.Random(5)
    merchants = []
    for s, (word, _) in SECTORS.items():
        for i in range(12):
            merchants.append((s, BRANDS[(2 * i) % len(BRANDS)] + BRANDS[(2 * i + 7) % len(BRANDS)] + word,
                              REGIONS[i % len(REGIONS)]))
    base = []
    for day in range(DAYS):
        for s, name, region in merchants:
            if rng.random() < 0.12:
                when = T0 + dt.timedelta(days=day, hours=rng.uniform(9, 20))
                # gyms see the odd injury all along
                texts = INJURY_NAMED if s == "fitness" and rng.random() < SAFETY_SHARE else SECTORS[s][1]
                base.append((when, name, region, rng.choice(texts).format(m=name)))
    gyms = [(n, r) for s, n, r in merchants if s == "fitness" and r == "东城区"]
    named, unnamed, vague = [], [], []
    for k in range(RISE):
        when = T0 + dt.timedelta(days=DAYS - 6 + k, hours=10 + k)
        name, region = gyms[k % len(gyms)] if k < len(gyms) else gyms[0]
        named.append((when, name, region, INJURY_NAMED[k % 2].format(m=name)))
        unnamed.append((when + dt.timedelta(hours=3), None, "东城区", INJURY_UNNAMED[k % 2]))
        vague.append((when + dt.timedelta(hours=3), None, "东城区", INJURY_VAGUE[k % 2]))
    here = os.path.dirname(os.path.abspath(__file__))
    cases = os.path.join(here, "..", "..", "cases", "detect")
    for case, extra in (("unnamed_rise", unnamed), ("unnamed_named", []), ("unnamed_vague", vague)):
        recs = sorted(base + named + extra, key=lambda r: r[0])
        os.makedirs(os.path.join(cases, case), exist_ok=True)
        with open(os.path.join(cases, case, "stdin"), "w", encoding="utf-8") as f:
            for i, (when, name, region, text) in enumerate(recs):
                r = {"id": "u%04d" % i, "received_at": when.isoformat(timespec="seconds"),
                     "complainant": "c%04d" % i, "region": region, "text": text}
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
