#!/usr/bin/env python3
"""Scenario generator for the early-warning detector.

Writes a long complaint stream (JSONL, in arrival order) with realistic
`text` fields and, under `gold`, the fields the detector consumes (merchant
key/name, sector, region, issue, tags, duplicate, professional) plus what the
scorer needs (`cluster`, `emerging`). A truth file (JSON) lists the injected
clusters and emerging issues with their start, size and whether they warrant a
consumer warning.

A share of complaints (--unnamed-share: background and emerging rises;
--unnamed-cluster-share: injected clusters) name no merchant: only its trade
in everyday words (小区门口一家健身房), or not even that (一家店); their gold
merchant is null and `text_sector` is the trade's sector when the text names
it (null otherwise). They are not counted toward merchant clusters. They are
drawn from a generator of their own: the stream is the one --unnamed-share=0
gives, but for the names they leave out.

Background: thousands of merchants with heavy-tailed (log-normal) complaint
rates, a weekly rhythm and a daytime profile, late records, cross-channel
duplicates and professional claimants. Injected: merchant clusters of known
start and size at small and at large merchants (closure/prepaid, food safety,
quality/contract), emerging issues spread over many merchants with one or two
complaints each. Hard negatives: busy chains with steady complaints, sector
seasonal bumps, professional claimants spreading template complaints over many
merchants and piling several on one shop.

    python3 corpora/gen/scenario.py --seed 1 --out s.jsonl --truth s.truth.json
"""
import argparse
import datetime as dt
import json
import math
import random

TZ = dt.timezone(dt.timedelta(hours=8))

SECTORS = {
    # sector: (share of merchants, name words, issue weights, tag probabilities)
    "catering": (0.20, ["火锅", "餐厅", "面馆", "烧烤", "奶茶", "饭店", "小吃"],
                 {"food_safety": 4, "price": 2, "after_sales": 1, "quality": 2, "contract": 1},
                 {"takeout": 0.3, "refund": 0.2, "prepaid": 0.05}),
    "food_retail": (0.14, ["超市", "便利店", "生鲜", "水果店", "商行"],
                    {"food_safety": 4, "metrology": 2, "price": 2, "quality": 1, "counterfeit": 1},
                    {"refund": 0.2, "online": 0.1}),
    "education": (0.08, ["教育", "培训学校", "艺术中心", "早教", "英语"],
                  {"contract": 5, "advertising": 2, "after_sales": 1},
                  {"prepaid": 0.5, "refund": 0.5}),
    "fitness": (0.06, ["健身", "瑜伽", "游泳馆", "健身会所"],
                {"contract": 5, "after_sales": 1, "advertising": 1},
                {"prepaid": 0.6, "refund": 0.4}),
    "beauty": (0.08, ["美容", "美发", "美甲", "医美"],
               {"contract": 3, "advertising": 2, "quality": 1, "safety": 1, "price": 1},
               {"prepaid": 0.5, "refund": 0.3}),
    "auto": (0.04, ["汽车销售服务有限公司", "汽修", "4S店"],
             {"quality": 3, "after_sales": 3, "contract": 2, "price": 1},
             {"refund": 0.2}),
    "electronics": (0.08, ["电器", "手机", "数码"],
                    {"quality": 4, "after_sales": 4, "counterfeit": 1, "price": 1},
                    {"online": 0.3, "refund": 0.3}),
    "telecom": (0.02, ["移动营业厅", "联通营业厅", "电信营业厅", "宽带"],
                {"contract": 3, "price": 3, "privacy": 1, "after_sales": 2},
                {"refund": 0.2}),
    "ecommerce": (0.10, ["旗舰店", "网店", "直播间", "优选"],
                  {"after_sales": 4, "quality": 3, "advertising": 2, "counterfeit": 2},
                  {"online": 0.9, "livestream": 0.25, "refund": 0.4}),
    "housing": (0.05, ["装饰", "家居", "建材"],
                {"contract": 4, "quality": 3, "after_sales": 2},
                {"prepaid": 0.1, "refund": 0.2}),
    "travel": (0.05, ["酒店", "宾馆", "旅行社", "民宿"],
               {"contract": 3, "price": 2, "after_sales": 1},
               {"refund": 0.4, "online": 0.2}),
    "medical": (0.04, ["大药房", "药房", "诊所", "医疗器械"],
                {"quality": 2, "advertising": 2, "price": 2, "counterfeit": 1},
                {"elderly": 0.2}),
    "services": (0.06, ["洗衣", "家政", "维修", "摄影", "婚庆"],
                 {"contract": 3, "after_sales": 2, "price": 2, "quality": 1},
                 {"prepaid": 0.2, "refund": 0.3}),
}

# Shops of goods. Taxonomy: a shop online (网店、平台店铺) is `ecommerce`
# whatever it sells, so a goods shop's complaint about an order placed online
# (the `online` tag: 在网上下单, 在平台店铺购买) is filed under ecommerce, and
# a goods shop's physical branch is not called 旗舰店 (X数码旗舰店 reads as
# the brand's shop online). Services keep their trade when bought online.
GOODS_SECTORS = ("electronics", "food_retail", "housing")

# How people name a business they do not name (小区门口一家健身房): the trade
# in everyday words, by sector. Written for the generator, not taken from
# the engine's lexicons: some of these words are in them, some are not.
UNNAMED_TRADE = {
    "catering": ["饭店", "餐馆", "奶茶店", "火锅店", "烧烤店", "小吃店", "面馆"],
    "food_retail": ["超市", "便利店", "水果店", "生鲜店", "小卖部"],
    "education": ["培训机构", "培训班", "驾校", "早教中心", "英语培训学校", "艺术培训班"],
    "fitness": ["健身房", "瑜伽馆", "游泳馆", "健身会所"],
    "beauty": ["美容院", "理发店", "美甲店", "美发店", "医美机构"],
    "auto": ["4S店", "汽修店", "修车店", "汽车美容店"],
    "electronics": ["手机店", "电器城", "家电卖场", "数码店"],
    "telecom": ["营业厅", "宽带营业点"],
    "ecommerce": ["网店", "直播间", "网上店铺"],
    "housing": ["装修公司", "家具店", "建材店"],
    "travel": ["旅行社", "宾馆", "民宿", "酒店"],
    "medical": ["药店", "诊所", "药房"],
    "services": ["洗衣店", "家政公司", "摄影工作室", "婚庆公司", "维修店"],
}
UNNAMED_WHERE = ["小区门口一家", "楼下的一家", "附近一家", "路边一家", "家附近的", "单位旁边一家", "商场里一家", ""]
# ... or not even the trade: the text then says nothing of the sector.
UNNAMED_VAGUE = ["一家店", "某商家", "一个商家", "那家店", "一家门店"]

BRAND_CHARS = ("金鼎鑫源佳美悦动康乐华润福满天恒盛隆百信宏达泰和瑞丰永安嘉禾新锐"
               "明辉星辰海蓝青松聚贤德润龙腾凤鸣锦绣宜家顺发万通汇丰同仁博雅名扬")
REGIONS = ["开发区", "高新区", "城关区", "东城区", "西城区", "南湖区", "北山区", "滨江区"]
STREETS = ["人民路", "解放街道", "中山路", "新华街道", "建设路", "和平街道"]
CHANNELS = [("12315", 0.55), ("12345", 0.35), ("web", 0.05), ("odr", 0.03), ("letter", 0.02)]

ISSUE_TEXT = {
    "after_sales": ["买的东西坏了商家拒绝退换，客服一直推脱不处理", "申请七天无理由退货被拒，售后电话打不通",
                    "维修拖了一个月还没修好，商家不给说法"],
    "quality": ["商品质量有问题，用了没几天就出现故障", "收到的货有明显破损和瑕疵", "产品存在质量问题，多次异响漏水"],
    "contract": ["商家不履行合同约定，要求退费被拒绝", "办理时承诺随时可退，现在退费要扣高额违约金",
                 "合同里有霸王条款，商家拒绝退还剩余费用"],
    "price": ["结账时多收费，价格和标价不一致", "未明码标价，结账时乱收费", "先涨价后打折，涉嫌价格欺诈"],
    "metrology": ["买的东西缺斤短两，回家复称少了不少", "商家的秤有问题，短秤严重"],
    "safety": ["使用时突然起火，存在严重安全隐患", "设施有安全隐患，孩子在店内受伤"],
    "food_safety": ["吃完后全家腹泻呕吐，怀疑食物中毒", "饭菜里吃出了虫子和头发", "买到的食品已经过期发霉"],
    "advertising": ["宣传效果和实际完全不符，涉嫌虚假宣传", "广告说保过包退，实际根本做不到",
                    "夸大功效，货不对板"],
    "counterfeit": ["买到的是假货，不是正品", "商品疑似高仿山寨"],
    "unfair_competition": ["商家诱导好评返现，刷单虚假评价"],
    "certification": ["商品没有3C认证标志", "产品执行标准不符"],
    "personal_rights": ["店员辱骂消费者，态度恶劣", "被强制消费，不买不让走"],
    "privacy": ["个人信息被泄露，天天接到骚扰电话", "未经同意收集人脸信息"],
    "unlicensed": ["该店无营业执照经营"],
    "other": ["遇到一些问题希望相关部门处理"],
}
TAG_TEXT = {
    "prepaid": ["之前办了会员卡充值了{amt}元", "办理了年卡花了{amt}元", "买了课程包{amt}元"],
    "closure": ["现在门店突然关门，人去楼空，联系不上老板", "店里贴了装修升级的通知，已经好几天没开门，电话打不通",
                "门店停业了，老板失联"],
    "refund": ["要求退款", "诉求：要求商家退费", "希望帮忙退钱"],
    "online": ["在网上下单，订单号{order}", "在平台店铺购买"],
    "livestream": ["在直播间看主播带货下单的", "主播在直播间承诺的和收到的不一样"],
    "takeout": ["点的外卖", "外卖送到后发现"],
    "elderly": ["家里老人听了讲座买了保健品"],
    "punitive_demand": ["要求十倍赔偿", "要求退一赔三", "根据《食品安全法》第一百四十八条要求赔偿一千元"],
}
OPENERS = ["本人于{date}在{m}", "市民来电反映：{date}在{m}", "消费者反映，{date}在{m}", "{date}，我在{m}",
           "投诉{m}：", "反映{m}的问题，"]


def weighted(rng, items):
    tot = sum(w for _, w in items)
    x = rng.random() * tot
    for v, w in items:
        x -= w
        if x <= 0:
            return v
    return items[-1][0]


class Gen:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.urng = random.Random(a.seed * 7919 + 1)
        self.t0 = dt.datetime(2026, 9, 1, tzinfo=TZ)
        self.city = self.rng.choice(["兰州", "济南", "大同", "合肥", "南昌", "洛阳", "绵阳", "泉州"])
        self.records = []
        self.seq = 0
        self.next_person = 0
        self.clusters = []
        self.emerging = []
        self.make_merchants()

    # ---- merchants ----
    def make_merchants(self):
        rng = self.rng
        names = set()
        self.merchants = []
        sectors = list(SECTORS)
        weights = [SECTORS[s][0] for s in sectors]
        for i in range(self.a.merchants):
            s = rng.choices(sectors, weights)[0]
            while True:
                brand = "".join(rng.sample(BRAND_CHARS, 2))
                word = rng.choice(SECTORS[s][1])
                key = brand + word
                if key not in names:
                    names.add(key)
                    break
            # Heavy-tailed rates: most merchants get a complaint every few
            # months, a few chains get several a day.
            rate = math.exp(rng.gauss(math.log(0.006 * self.a.base_scale), 1.3))
            chain = False
            if rng.random() < 0.012:
                rate = rng.uniform(0.8, 4.0) * self.a.base_scale
                chain = True
            region = rng.choice(REGIONS)
            self.merchants.append({
                "key": key, "brand": brand, "word": word, "sector": s, "rate": rate, "chain": chain,
                "region": region,
                "branch": rng.choice(["万达店", "中心店", region + "店", "二店",
                                      "总店" if s in GOODS_SECTORS else "旗舰店"]),
                "new": False,
            })

    def mention(self, m):
        r = self.rng.random()
        if r < 0.35:
            return m["key"]
        if r < 0.6:
            return "%s(%s)" % (m["key"], m["branch"])
        if r < 0.75:
            return m["key"] + m["branch"]
        if r < 0.88:
            # Registered name: city or district, trade name, industry, form.
            word = m["word"].replace("有限公司", "").replace("4S店", "汽车销售服务")
            return "%s%s%s%s" % (self.rng.choice([self.city, m["region"]]), m["brand"], word,
                                 self.rng.choice(["有限公司", "服务有限公司", "有限责任公司"]))
        return m["brand"] + m["word"][:2] if len(m["word"]) > 2 else m["key"]

    # ---- one complaint ----
    def person(self):
        self.next_person += 1
        return "p%06d" % self.next_person

    def text(self, m, issue, tags, when, amount, pro=False, men=None):
        rng = self.rng
        named = self.mention(m)  # drawn even when unused: the stream stays the same
        men = men or named
        date = "%d月%d日" % (when.month, when.day)
        parts = [rng.choice(OPENERS).format(date=date, m=men)]
        if "prepaid" in tags:
            parts.append(rng.choice(TAG_TEXT["prepaid"]).format(amt=int(amount or rng.randint(500, 9000))))
        for t in ("online", "livestream", "takeout", "elderly"):
            if t in tags:
                parts.append(rng.choice(TAG_TEXT[t]).format(order=rng.randint(10**11, 10**12)))
        if "closure" in tags:
            parts.append(rng.choice(TAG_TEXT["closure"]))
        parts.append(rng.choice(ISSUE_TEXT[issue]))
        if rng.random() < 0.3:
            parts.append("该店" + rng.choice(["一直不处理", "态度很差", "推卸责任"]))
        if amount and "prepaid" not in tags:
            parts.append("涉及金额%d元" % int(amount))
        if "refund" in tags:
            parts.append(rng.choice(TAG_TEXT["refund"]))
        if "punitive_demand" in tags:
            parts.append(rng.choice(TAG_TEXT["punitive_demand"]))
        if rng.random() < 0.1 and not pro:
            parts.append("联系电话1%d" % rng.randint(3000000000, 9999999999))
        return ("，".join(parts) + "。").replace("：，", "：").replace("，，", "，")

    def amount_for(self, m, tags):
        rng = self.rng
        if "prepaid" in tags:
            return float(rng.choice([888, 1288, 1680, 2600, 3800, 5000, 6800, 9800, 12800, 19800]))
        base = {"catering": 120, "food_retail": 80, "auto": 8000, "electronics": 2500, "housing": 9000,
                "travel": 1500, "education": 6000, "ecommerce": 300}.get(m["sector"], 600)
        return float(int(base * math.exp(rng.gauss(0, 0.7))))

    def add(self, m, when, issue=None, tags=None, person=None, cluster=None, emerging=None, pro=False,
            amount=None, text=None):
        rng = self.rng
        sec = SECTORS[m["sector"]]
        if issue is None:
            issue = weighted(rng, list(sec[2].items()))
            if rng.random() < 0.05:
                issue = rng.choice(list(ISSUE_TEXT))
        if tags is None:
            tags = sorted(t for t, p in sec[3].items() if rng.random() < p)
        if amount is None and rng.random() < 0.6:
            amount = self.amount_for(m, tags)
        # A share of consumers name no business, only (mostly) its trade.
        # Drawn from a generator of their own, so that the stream is the one
        # --unnamed-share=0 gives, but for the names these complaints leave out.
        unnamed, text_sector = None, None
        urng = self.urng
        share = self.a.unnamed_cluster_share if cluster else self.a.unnamed_share
        if not pro and text is None and share > 0 and urng.random() < share:
            if urng.random() < self.a.unnamed_vague:
                unnamed = urng.choice(UNNAMED_VAGUE)
            else:
                unnamed = urng.choice(UNNAMED_WHERE) + urng.choice(UNNAMED_TRADE[m["sector"]])
                text_sector = m["sector"]
        ch = weighted(rng, CHANNELS)
        self.seq += 1
        rid = "%s-2026-%07d" % (ch if ch in ("12315", "12345") else "W", self.seq)
        late = rng.random() < self.a.late_share
        delay = rng.uniform(6, 48) if late else rng.uniform(0, 2)
        rec = {
            "id": rid,
            "received_at": when.isoformat(timespec="seconds"),
            "channel": ch,
            "complainant": person or self.person(),
            "region": m["region"] + ("/" + rng.choice(STREETS) if rng.random() < 0.4 else ""),
            "text": text or self.text(m, issue, tags, when, amount, pro, unnamed),
        }
        if rng.random() < 0.5:
            field = self.mention(m)
            if not unnamed:
                rec["merchant"] = field
        if amount is not None:
            rec["amount"] = amount
        sector = m["sector"]
        if sector in GOODS_SECTORS and "online" in tags:
            sector = "ecommerce"
            text_sector = text_sector and sector
        rec["gold"] = {
            "merchant_key": None if unnamed else m["key"], "merchant_name": None if unnamed else m["key"],
            "sector": sector, "text_sector": text_sector,
            "region": m["region"], "issue": issue, "tags": list(tags), "duplicate_of": None,
            "professional": pro, "cluster": cluster, "emerging": emerging,
        }
        arrival = when + dt.timedelta(hours=delay)
        self.records.append((arrival, rec))
        # Cross-channel duplicates: the same person files the same grievance again.
        if not pro and rng.random() < self.a.dup_share:
            self.seq += 1
            ch2 = "12345" if ch == "12315" else "12315"
            dup = dict(rec)
            dup["id"] = "%s-2026-%07d" % (ch2, self.seq)
            dup["channel"] = ch2
            dwhen = when + dt.timedelta(hours=rng.uniform(2, 72))
            dup["received_at"] = dwhen.isoformat(timespec="seconds")
            dup["gold"] = dict(rec["gold"], duplicate_of=rid)
            self.records.append((dwhen + dt.timedelta(hours=rng.uniform(0, 2)), dup))
        return rid

    def when(self, day, hour=None):
        rng = self.rng
        h = hour if hour is not None else min(23.9, max(0, rng.gauss(13.5, 3.5)))
        return self.t0 + dt.timedelta(days=day, hours=h)

    # ---- background ----
    def background(self):
        rng = self.rng
        weekday = [1.15, 1.1, 1.05, 1.0, 1.0, 0.85, 0.85]  # Mon..Sun
        self.bumps = {}
        # Seasonal bumps: a sector's whole volume rises for a week (a festival,
        # a shopping event, term start); every merchant in it gets more.
        for _ in range(self.a.bumps):
            s = rng.choice(["ecommerce", "travel", "education", "catering", "electronics"])
            d0 = rng.randint(20, self.a.days - 10)
            self.bumps[(s, d0)] = rng.uniform(1.8, 2.5)
        for day in range(self.a.days):
            wd = (self.t0 + dt.timedelta(days=day)).weekday()
            for m in self.merchants:
                lam = m["rate"] * weekday[wd]
                for (s, d0), f in self.bumps.items():
                    if m["sector"] == s and d0 <= day < d0 + 7:
                        lam *= f
                n = poisson(rng, lam)
                for _ in range(n):
                    self.add(m, self.when(day))

    def professionals(self):
        rng = self.rng
        targets = [m for m in self.merchants if m["sector"] in ("food_retail", "catering", "ecommerce", "medical")]
        for i in range(self.a.professionals):
            pid = "pro%03d" % i
            rate = rng.uniform(0.3, 1.5)
            template = rng.choice(["无中文标签", "超过保质期", "标签标注不规范", "宣传使用绝对化用语“最好”"])
            for day in range(self.a.days):
                for _ in range(poisson(rng, rate)):
                    m = rng.choice(targets)
                    issue = "advertising" if "绝对化" in template else "food_safety"
                    txt = "本人于%d月%d日在%s购买商品，发现%s，根据《食品安全法》第一百四十八条要求十倍赔偿。" % (
                        (self.t0 + dt.timedelta(days=day)).month, (self.t0 + dt.timedelta(days=day)).day,
                        self.mention(m), template)
                    self.add(m, self.when(day), issue=issue, tags=["punitive_demand"], person=pid, pro=True,
                             amount=float(rng.randint(20, 200)), text=txt)
        # Hard negative: two professionals pile complaints on one small shop.
        for _ in range(self.a.pro_piles):
            m = rng.choice([m for m in targets if not m["chain"]])
            d0 = rng.randint(10, self.a.days - 5)
            for j in range(rng.randint(4, 7)):
                self.add(m, self.when(d0 + rng.random() * 3), issue="food_safety", tags=["punitive_demand"],
                         person="pro%03d" % (900 + j % 2), pro=True, amount=float(rng.randint(20, 100)),
                         text="本人在%s购买的食品%s，要求退一赔三。" % (self.mention(m), rng.choice(["过期", "无中文标签"])))

    # ---- injected clusters ----
    def pick(self, sectors, chain=False, used=None):
        rng = self.rng
        pool = [m for m in self.merchants if m["sector"] in sectors and m["chain"] == chain
                and m["key"] not in used and (chain or m["rate"] < 0.05)]
        return rng.choice(pool) if pool else None

    def clusters_inject(self):
        rng = self.rng
        used = set()
        kinds = (["closure"] * 4 + ["food"] * 3 + ["grievance"] * 3 + ["chain"] * 2)
        for c in range(self.a.clusters):
            kind = kinds[c % len(kinds)] if c < len(kinds) else rng.choice(kinds)
            if kind == "closure":
                m = self.pick(["fitness", "beauty", "education"], used=used)
                size = int(min(40, max(3, round(rng.lognormvariate(math.log(8 * self.a.size_scale), 0.6)))))
                span = rng.uniform(0.5, 5)
                issue, tagsets = "contract", [["prepaid", "closure", "refund"], ["prepaid", "closure"], ["prepaid", "refund"]]
            elif kind == "food":
                m = self.pick(["catering", "food_retail"], used=used)
                size = int(min(15, max(3, round(rng.lognormvariate(math.log(5 * self.a.size_scale), 0.5)))))
                span = rng.uniform(0.3, 2)
                issue, tagsets = "food_safety", [[], ["takeout"], ["refund"]]
            elif kind == "grievance":
                m = self.pick([s for s in SECTORS if s not in ("catering", "food_retail")], used=used)
                size = int(min(20, max(4, round(rng.lognormvariate(math.log(6 * self.a.size_scale), 0.5)))))
                span = rng.uniform(2, 7)
                issue = weighted(rng, list(SECTORS[m["sector"]][2].items()))
                tagsets = [["refund"], []]
            else:
                m = self.pick(list(SECTORS), chain=True, used=used)
                if m is None:
                    continue
                span = rng.uniform(1, 4)
                # A chain's spike has to stand out of its own steady flow.
                size = int(max(10, round(3.0 * m["rate"] * span * self.a.size_scale)))
                issue = rng.choice(["quality", "after_sales", "food_safety" if m["sector"] == "catering" else "contract"])
                tagsets = [["refund"], []]
            if m is None:
                continue
            used.add(m["key"])
            start = rng.uniform(self.a.cluster_from, self.a.days - 8)
            cid = "K%02d" % c
            times = sorted(rng.uniform(0, span) for _ in range(size))
            times[0] = 0.0
            ids = []
            amount_total = 0.0
            for k, off in enumerate(times):
                d = start + off
                when = self.t0 + dt.timedelta(days=d)
                if when.hour < 7:
                    when += dt.timedelta(hours=8)
                tags = list(rng.choice(tagsets))
                amt = self.amount_for(m, tags) if rng.random() < 0.8 else None
                amount_total += amt or 0
                ids.append(self.add(m, when, issue=issue, tags=tags, cluster=cid, amount=amt))
            t_start = self.t0 + dt.timedelta(days=start)
            closure = kind == "closure"
            warrants = ((closure and size >= 5) or (kind == "food" and size >= 3) or size >= 10
                        or amount_total >= 100000)
            self.clusters.append({
                "id": cid, "kind": kind, "merchant_key": m["key"], "sector": m["sector"], "chain": m["chain"],
                "size": size, "issue": issue,
                "start": t_start.isoformat(timespec="seconds"),
                "end": (t_start + dt.timedelta(days=span)).isoformat(timespec="seconds"),
                "warrants_warning": warrants, "amount_total": amount_total, "ids": ids,
            })
        self.used = used

    def emerging_inject(self):
        rng = self.rng
        # A new problem spreading over a sector: mostly an issue that is rare
        # there (a new scam, an injury wave), sometimes a common one rising.
        plans = [("beauty", "safety", []), ("education", "advertising", ["prepaid"]),
                 ("ecommerce", "counterfeit", ["online", "livestream"]), ("telecom", "privacy", []),
                 ("catering", "price", []), ("travel", "price", ["online"]), ("fitness", "safety", []),
                 ("medical", "advertising", ["elderly"]), ("electronics", "safety", [])]
        rng.shuffle(plans)
        for e in range(self.a.emerging):
            sector, issue, tags = plans[e % len(plans)]
            regional = rng.random() < 0.5
            region = rng.choice(REGIONS) if regional else None
            pool = [m for m in self.merchants if m["sector"] == sector and not m["chain"]
                    and m["key"] not in self.used and (region is None or m["region"] == region)]
            if len(pool) < 6:
                pool = [m for m in self.merchants if m["sector"] == sector and not m["chain"]
                        and m["key"] not in self.used]
                region = None
            nm = min(len(pool), int(rng.randint(8, 18) * self.a.emerging_scale))
            if nm < 5:
                continue
            ms = rng.sample(pool, nm)
            start = rng.uniform(18, self.a.days - 12)
            span = rng.uniform(5, 10)
            # How the rise unfolds: "flat" spreads it evenly over the span;
            # with --emerging-shapes=mixed also "ramp" (growing day by day),
            # "burst" (most of it within two days) and "slow" (thin, over two
            # weeks or so).
            shape = "flat" if self.a.emerging_shapes == "flat" else rng.choice(["flat", "ramp", "burst", "slow"])
            if shape == "slow":
                span = rng.uniform(10, 16)
            peak = rng.uniform(0, span - 2) if shape == "burst" else 0.0
            eid = "E%02d" % e
            ids = []
            for m in ms:
                self.used.add(m["key"])
                for _ in range(1 if rng.random() < 0.7 else 2):
                    if shape == "ramp":
                        off = span * math.sqrt(rng.random())
                    elif shape == "burst" and rng.random() < 0.7:
                        off = peak + rng.uniform(0, 2)
                    else:
                        off = rng.uniform(0, span)
                    when = self.t0 + dt.timedelta(days=start + off)
                    ids.append(self.add(m, when, issue=issue, tags=list(tags), emerging=eid))
            self.emerging.append({
                "id": eid, "sector": sector, "issue": issue, "region": region,
                "merchants": [m["key"] for m in ms], "size": len(ids), "shape": shape,
                "start": (self.t0 + dt.timedelta(days=start)).isoformat(timespec="seconds"),
                "end": (self.t0 + dt.timedelta(days=start + span)).isoformat(timespec="seconds"),
                "ids": ids,
            })

    def overlaps(self, issue, region, sectors, start, span, gap=14):
        """Whether a rise of `issue` over `region`'s trades `sectors` from
        day `start` for `span` days comes within `gap` days of an injected
        rise of the same issue whose scope meets it (the same region across
        trades, or one of these trades city-wide or in this region)."""
        for e in self.emerging:
            if e["issue"] != issue:
                continue
            if e["sector"] is None and e["region"] != region:
                continue
            if e["sector"] is not None and (e["sector"] not in sectors or e["region"] not in (None, region)):
                continue
            s0 = (dt.datetime.fromisoformat(e["start"]) - self.t0).total_seconds() / 86400
            s1 = (dt.datetime.fromisoformat(e["end"]) - self.t0).total_seconds() / 86400
            if start < s1 + gap and s0 < start + span + gap:
                return True
        return False

    def cross_inject(self):
        """--emerging-cross: rises of one issue across the trades of one
        region (prepaid shops closing over a district's gyms, salons and
        schools; a leak of customers' data through many kinds of shop), one
        or two complaints a merchant, in no sector enough to show alone.
        Drawn after every other injection, so the other rises stay as they
        were for the same seed."""
        rng = self.rng
        plans = [("contract", ["prepaid", "closure"], ["fitness", "beauty", "education", "services"]),
                 ("privacy", [], ["telecom", "housing", "education", "auto", "medical", "beauty"]),
                 ("price", [], ["catering", "services", "travel", "beauty", "auto"]),
                 ("safety", [], ["electronics", "fitness", "beauty", "services", "catering"])]
        for e in range(self.a.emerging_cross):
            issue, tags, sectors = plans[rng.randrange(len(plans))]
            region = rng.choice(REGIONS)
            pool = [m for m in self.merchants if m["sector"] in sectors and not m["chain"]
                    and m["key"] not in self.used and m["region"] == region]
            nm = min(len(pool), rng.randint(10, 18))
            if nm < 8:
                continue
            ms = rng.sample(pool, nm)
            start = rng.uniform(18, self.a.days - 12)
            span = rng.uniform(5, 10)
            # Two rises of one issue over one scope within two weeks of each
            # other are one rise to anyone reading the stream (an episode
            # stays open that long): such a draw is moved, or dropped.
            tries = 0
            while self.overlaps(issue, region, sectors, start, span) and tries < 20:
                start = rng.uniform(18, self.a.days - 12)
                tries += 1
            if tries == 20:
                continue
            eid = "X%02d" % e
            ids = []
            for m in ms:
                self.used.add(m["key"])
                for _ in range(1 if rng.random() < 0.7 else 2):
                    when = self.t0 + dt.timedelta(days=start + rng.uniform(0, span))
                    ids.append(self.add(m, when, issue=issue, tags=list(tags), emerging=eid))
            self.emerging.append({
                "id": eid, "sector": None, "sectors": sorted({m["sector"] for m in ms}), "issue": issue,
                "region": region, "merchants": [m["key"] for m in ms], "size": len(ids), "shape": "flat",
                "start": (self.t0 + dt.timedelta(days=start)).isoformat(timespec="seconds"),
                "end": (self.t0 + dt.timedelta(days=start + span)).isoformat(timespec="seconds"),
                "ids": ids,
            })

    def run(self):
        self.background()
        self.professionals()
        self.clusters_inject()
        self.emerging_inject()
        self.cross_inject()
        self.records.sort(key=lambda r: (r[0], r[1]["id"]))
        return [r for _, r in self.records]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    L, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=int, default=75)
    ap.add_argument("--merchants", type=int, default=4000)
    ap.add_argument("--base-scale", type=float, default=1.0, help="multiplies every background rate")
    ap.add_argument("--size-scale", type=float, default=1.0, help="multiplies injected cluster sizes")
    ap.add_argument("--clusters", type=int, default=24)
    ap.add_argument("--cluster-from", type=float, default=16,
                    help="earliest day a merchant cluster may start (a small value puts some in the first week)")
    ap.add_argument("--emerging", type=int, default=5)
    ap.add_argument("--emerging-scale", type=float, default=1.0, help="multiplies merchants per emerging issue")
    ap.add_argument("--emerging-cross", type=int, default=0,
                    help="rises of one issue across the trades of one region (sector null in the truth)")
    ap.add_argument("--emerging-shapes", choices=["flat", "mixed"], default="flat",
                    help="flat: each emerging rise spread evenly over 5-10 days; mixed: also ramps, bursts, slow rises")
    ap.add_argument("--professionals", type=int, default=10)
    ap.add_argument("--pro-piles", type=int, default=4)
    ap.add_argument("--bumps", type=int, default=2)
    ap.add_argument("--late-share", type=float, default=0.05)
    ap.add_argument("--dup-share", type=float, default=0.04)
    ap.add_argument("--unnamed-share", type=float, default=0.15,
                    help="share of complaints (not professionals') that name no merchant, only its trade or nothing")
    ap.add_argument("--unnamed-cluster-share", type=float, default=0.0,
                    help="the same share among an injected cluster's complaints (its members mostly name the shop "
                         "they paid; a share > 0 sends some of a cluster to the emerging counts, a hard negative)")
    ap.add_argument("--unnamed-vague", type=float, default=0.3,
                    help="share of those that do not name the trade either (一家店, 某商家)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    a = ap.parse_args()
    g = Gen(a)
    recs = g.run()
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    active = len({r["gold"]["merchant_key"] for r in recs})
    truth = {
        "seed": a.seed, "days": a.days, "start": g.t0.isoformat(timespec="seconds"),
        "merchants": a.merchants, "merchants_active": active, "records": len(recs),
        "clusters": g.clusters, "emerging": g.emerging,
        "bumps": [{"sector": s, "day": d, "factor": f} for (s, d), f in g.bumps.items()],
    }
    with open(a.truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
