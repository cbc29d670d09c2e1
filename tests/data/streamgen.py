"""Shared pieces of the small stream writers under tests/data: the city
(districts, the characters of made-up 字号), the sectors' ordinary
complaint texts, gold-field background complaints, and the two ways a stream is written (gold fields for
the detector's own feed, texts for `qunsu run`)."""
import datetime as dt
import json
import os

TZ = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2026, 3, 2, tzinfo=TZ)
REGIONS = ["东城区", "西城区", "南湖区"]
BRANDS = "金鼎悦动康乐华润福满恒盛百信宏达泰和瑞丰永安嘉禾明辉星辰海蓝青松聚贤龙腾锦绣"
FITNESS = ("健身", ["在{m}办了年卡，现在要求退卡商家拒绝退还剩余费用。", "{m}的私教课没上完，教练离职了，商家不给退费。"])
BEAUTY = ("美容院", ["在{m}办的美容卡，商家拒绝退还剩余费用。", "{m}宣传的效果和实际完全不符，涉嫌虚假宣传。"])
EDUCATION = ("培训学校", ["在{m}报的课程，机构不履行合同约定，要求退费被拒绝。", "{m}广告说保过包退，实际根本做不到。"])


def write_gold(path, recs, prefix):
    """recs: (day offset, merchant key, sector, region, issue), written in
    time order with gold fields only."""
    recs.sort()
    with open(path, "w", encoding="utf-8") as f:
        for n, (t, key, s, region, issue) in enumerate(recs):
            when = T0 + dt.timedelta(days=t)
            f.write(json.dumps({
                "id": "%s-%05d" % (prefix, n), "received_at": when.isoformat(timespec="seconds"),
                "complainant": "c%05d" % n,
                "gold": {"merchant_key": key, "merchant_name": key, "sector": s, "region": region,
                         "issue": issue, "tags": [], "duplicate_of": None, "professional": False},
            }, ensure_ascii=False) + "\n")


def write_case(case, recs, prefix):
    """recs: (time, merchant name, region, text), written in time order as
    the stdin of tests/cases/detect/CASE."""
    cases = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases", "detect")
    os.makedirs(os.path.join(cases, case), exist_ok=True)
    with open(os.path.join(cases, case, "stdin"), "w", encoding="utf-8") as f:
        for n, (when, _name, region, text) in enumerate(sorted(recs, key=lambda r: r[0])):
            f.write(json.dumps({"id": "%s%04d" % (prefix, n), "received_at": when.isoformat(timespec="seconds"),
                                "complainant": "c%04d" % n, "region": region, "text": text},
                               ensure_ascii=False) + "\n")


def gold_background(rng, sectors, days, rate, odd):
    """(day offset, key, sector, region, issue) of gold-field complaints:
    sectors maps a sector to (its number of businesses, its issues); each
    business draws a complaint on a day with chance rate, between a third
    and most of the way through it, about one of its sector's issues; odd =
    (sector, issue, share): that share of the sector's complaints are about
    the odd issue."""
    recs = []
    for s, (n, issues) in sectors.items():
        for i in range(n):
            key = "%s%03d" % (s, i)
            for day in range(days):
                if rng.random() < rate:
                    issue = odd[1] if s == odd[0] and rng.random() < odd[2] else rng.choice(issues)
                    recs.append((day + rng.uniform(0.35, 0.85), key, s, REGIONS[i % 3], issue))
    return recs


def add_rise(recs, rng, first, last, step, sector, issue, key, k=0, jitter=True):
    """Appends a rise of gold-field complaints about sector's issue from
    day first until day last: step(day) days apart (drawing on rng), the
    k-th at business key(k) in the k-th district in turn, at a random hour
    of its day when jitter is set. Returns the next k."""
    day = float(first)
    while day < last:
        recs.append((day + rng.uniform(0.3, 0.8) if jitter else day, key(k), sector, REGIONS[k % 3], issue))
        k += 1
        day += step(day)
    return k


def city_merchants(sectors, per_sector, step):
    """(sector, name, region) of per_sector businesses a sector: the i-th
    is named BRANDS[step[0] * i] + BRANDS[step[1] * i + 7] (indices
    wrapping) and the sector's shop word, in the i-th district in turn."""
    merchants = []
    for s, (word, _) in sectors.items():
        for i in range(per_sector):
            merchants.append((s, BRANDS[(step[0] * i) % len(BRANDS)] + BRANDS[(step[1] * i + 7) % len(BRANDS)] + word,
                              REGIONS[i % len(REGIONS)]))
    return merchants


def ordinary_days(rng, merchants, sectors, days, odd):
    """Each business draws a complaint on about one day in eight, between
    9 and 20 o'clock, in its sector's words; odd = (sector, share, texts):
    that share of the sector's complaints are about the odd issue."""
    recs = []
    for day in range(days):
        for s, name, region in merchants:
            if rng.random() < 0.12:
                when = T0 + dt.timedelta(days=day, hours=rng.uniform(9, 20))
                texts = odd[2] if s == odd[0] and rng.random() < odd[1] else sectors[s][1]
                recs.append((when, name, region, rng.choice(texts).format(m=name)))
    return recs
