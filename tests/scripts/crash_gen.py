#!/usr/bin/env python3
"""Generate a complaint stream with clusters for the state tests.

usage: crash_gen.py N SEED [DAYS] > stream.jsonl   (DAYS: span, default 20)

Background complaints spread over many merchants and days, a few bursts
(many complaints against one merchant within two days), records without a
merchant, late records (event time earlier than their neighbours), and a
few bad lines (invalid JSON, a missing field, a repeated id) so that rejects
are part of what a resume must reproduce. Standard library only."""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))
SHOPS = ["金鼎健身", "优学教育", "美丽约美容", "快修汽车", "乐购超市", "星辰影城", "鲜果坊",
         "安居装修", "畅游旅行社", "康宁药房", "顺达快递", "悦享餐厅", "博雅琴行", "蓝海通信"]
BRANCH = ["", "(开发区店)", "（总店）", "分店"]
ISSUES = ["办了年卡现在关门了要求退费", "买的商品有质量问题商家不给退换",
          "价格和宣传不一致多收钱", "预付卡余额无法使用要求退款", "售后服务态度差拖延维修"]
REGIONS = ["开发区", "高新区", "老城区", "开发区/XX街道"]
CHANNELS = ["12315", "12345", "web", "letter"]


def main():
    n, seed = int(sys.argv[1]), int(sys.argv[2])
    days = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    rnd = random.Random(seed)
    start = datetime(2026, 10, 1, 8, 0, tzinfo=TZ)
    bursts = [(rnd.choice(SHOPS), start + timedelta(days=rnd.uniform(0.1, 0.9) * days))
              for _ in range(max(4, int(days / 5)))]
    out = []
    t = start
    for i in range(n):
        t += timedelta(minutes=rnd.uniform(0, 60 * 24 * days / n * 2))
        shop = rnd.choice(SHOPS)
        when = t
        for b_shop, b_time in bursts:
            if b_time <= t <= b_time + timedelta(days=2) and rnd.random() < 0.5:
                shop = b_shop
        if rnd.random() < 0.05:
            when = t - timedelta(hours=rnd.uniform(1, 30))  # late record
        rec = {
            "id": "12315-2026-%07d" % i,
            "received_at": when.isoformat(timespec="seconds"),
            "text": "我在%s%s消费，%s，联系电话1%d%09d。" % (
                shop, rnd.choice(BRANCH), rnd.choice(ISSUES), rnd.randrange(3, 10),
                rnd.randrange(10**9)),
            "channel": rnd.choice(CHANNELS),
            "complainant": "P%05d" % rnd.randrange(n),
            "region": rnd.choice(REGIONS),
        }
        if rnd.random() < 0.8:
            rec["merchant"] = shop
        if rnd.random() < 0.3:
            rec["amount"] = round(rnd.uniform(50, 5000), 2)
        r = rnd.random()
        if r < 0.01:
            out.append('{"id": "broken-%d", "text": ' % i)
        elif r < 0.02:
            del rec["received_at"]
            out.append(json.dumps(rec, ensure_ascii=False))
        elif r < 0.03 and i > 10:
            rec["id"] = "12315-2026-%07d" % rnd.randrange(i)  # repeated id
            out.append(json.dumps(rec, ensure_ascii=False))
        else:
            out.append(json.dumps(rec, ensure_ascii=False))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
