#!/usr/bin/env python3
"""Labelled complaint stream for the duplicate and professional-claimant benches.

Writes JSONL work orders (the input contract) with two extra gold fields the
reader ignores:
  gold_duplicate_of  id of the earliest record of the same grievance by the
                     same person (a refiling on another channel, a chase call),
                     or null
  gold_professional  true for every record of a professional claimant
  gold_merchant      the merchant the text names (null when it names none),
                     for benches that run without the extractor

The stream mixes the hard cases: 一事多人 clusters (many members of one
closed business, independently worded, not duplicates), chase calls (催单)
worded differently from the first call, the same person filing on 12345 and
again on 12315 with a paraphrase, anonymous re-entries of the same ticket,
professional claimants (template texts over many merchants, punitive demands,
label/expiry focus, bursts) who also have one genuine complaint, and busy
ordinary consumers with about three complaints a month, sometimes two
different grievances against one merchant.

Records arrive mostly in event-time order; a share is late (within the
lateness) and a few very late. Everything comes from --seed.

usage: stream.py [--records N] [--merchants M] [--per-day R] [--seed S]
                 [--late-share F] [--very-late-share F] [--out FILE]
"""
import argparse
import datetime as dt
import json
import random
import sys

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2025, 1, 1, tzinfo=TZ)

SYL = list("金银鼎盛华美佳康乐福祥瑞丰泰和安新宏达源通晟恒嘉兴隆顺星辰光明云海山川青禾悦优品尚雅博启航锦绣君逸天宇正弘汇聚益")
SECTORS = {
    "fitness": ["健身", "瑜伽馆", "游泳馆", "健身工作室", "体育"],
    "education": ["教育", "培训学校", "艺术中心", "早教中心", "英语"],
    "beauty": ["美容院", "美发店", "美甲店", "医美诊所", "养生馆"],
    "catering": ["餐厅", "火锅店", "烧烤", "奶茶店", "面馆", "饭店"],
    "food_retail": ["超市", "便利店", "生鲜店", "副食店", "食品商行", "进口食品店"],
    "electronics": ["电器", "手机店", "数码城", "家电商场"],
    "auto": ["汽车销售服务有限公司", "4S店", "汽修厂"],
    "housing": ["装饰公司", "家居馆", "建材店"],
    "travel": ["酒店", "旅行社", "民宿"],
    "services": ["洗衣店", "家政公司", "摄影工作室", "婚庆公司"],
}
BRANCH = ["", "", "", "(开发区店)", "万达店", "(高新区店)", "中心店", "(东城店)", "分店", "(南湖校区)"]
REGIONS = ["开发区", "高新区", "东城区", "西城区", "南湖区", "北湖区", "经开区/XX街道"]

PRODUCTS = {
    "fitness": ["年卡", "私教课", "次卡", "季卡"], "education": ["课程包", "一对一课程", "暑期班", "全年课程"],
    "beauty": ["美容卡", "护理套餐", "储值卡", "疗程卡"], "catering": ["套餐", "外卖", "团购券", "宴席"],
    "food_retail": ["牛奶", "饼干", "进口巧克力", "蜂蜜", "腊肠", "坚果礼盒", "饮料", "月饼"],
    "electronics": ["手机", "洗衣机", "空调", "充电宝", "电饭煲", "耳机"],
    "auto": ["新车", "保养套餐", "维修服务", "二手车"], "housing": ["装修工程", "橱柜", "地板", "沙发"],
    "travel": ["房间", "跟团游", "旅游线路", "民宿预订"], "services": ["洗衣服务", "保洁服务", "婚纱照", "婚礼策划"],
}
# Each problem as several paraphrases: a refiling tells the same thing in
# other words.
PROBLEMS = {
    "closure": [["门店突然关门", "店铺突然停业了", "店面关门歇业了"],
                ["人去楼空联系不上老板", "老板跑路了电话不接", "店里没人了也找不到负责人"],
                ["以装修为名停业至今未开", "说是装修升级结果一直没开门", "贴了装修通知后再没营业"],
                ["换了老板不认之前的卡", "转让给别人后新老板不承认原来的会员卡", "店铺易主后卡不能用了"],
                ["店面已经贴了转让告示", "门口贴着旺铺转让", "店铺挂出转让牌子"]],
    "refund": [["要求退还剩余费用被拒绝", "想退剩下的钱商家不同意", "申请退余款被拒"],
               ["申请退款一直拖着不给退", "退款申请提交很久了一直拖延", "说好的退款迟迟不办"],
               ["退费要扣百分之三十的违约金", "退费时要收三成违约金", "要扣除30%手续费才给退"],
               ["答应退款但迟迟没有到账", "承诺退钱到现在也没收到", "说已经退了但是钱一直没到账"],
               ["说合同写明概不退款", "以合同约定不退为由拒绝退款", "称签了协议就不能退"]],
    "quality": [["用了不到一个月就坏了", "没用几周就出故障了", "刚买不久就坏掉了"],
                ["出现严重质量问题", "质量特别差问题很多", "存在明显的质量缺陷"],
                ["收到货发现有破损", "到货时外观就有损坏", "拆开后发现东西是坏的"],
                ["使用中经常故障", "三天两头出毛病", "用着用着就罢工"],
                ["质量与描述严重不符", "实物和宣传的完全不一样", "货不对板"]],
    "service": [["工作人员态度恶劣", "店员服务态度很差", "员工说话难听态度粗暴"],
                ["教练经常更换上课质量差", "老师换了好几个效果很差", "频繁换老师课程质量下降"],
                ["服务与承诺不一致", "实际服务和当初承诺的不一样", "说好的服务没有兑现"],
                ["私自更改服务内容", "未经同意变更了服务项目", "擅自改了套餐内容"],
                ["预约总是约不上", "每次预约都说满了", "根本约不到时间"]],
    "food": [["吃完后出现腹泻", "吃了以后拉肚子", "食用后肠胃不适腹泻"],
             ["发现饭菜里有异物", "菜里吃出了异物", "食物中有不明异物"],
             ["食品已经变质发霉", "买回来发现已经发霉", "东西变质有异味"],
             ["吃出一根头发", "菜里有头发", "饭里发现头发"]],
    "price": [["结账时多收了费用", "付款时被多扣了钱", "收银多收了钱"],
              ["实际收费与标价不一致", "收费跟标的价格不一样", "结算价格比标价高"],
              ["收取了未告知的服务费", "额外收了没说明的服务费", "被加收了事先没讲的费用"]],
}
DEMANDS_GENUINE = ["要求退款", "要求商家退还费用", "希望尽快处理", "要求更换商品", "要求维修或退货",
                   "请求相关部门调解", "希望商家给个说法", "要求赔偿损失"]


def rnd_time(t):
    return t.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S+08:00")


class Gen:
    def __init__(self, a):
        self.a = a
        self.r = random.Random(a.seed)
        self.out = []
        self.n_id = 0
        self.n_person = 0
        self.merchants = self.make_merchants(a.merchants)

    def make_merchants(self, n):
        r = self.r
        seen = set()
        ms = []
        secs = list(SECTORS)
        while len(ms) < n:
            sec = r.choice(secs)
            brand = "".join(r.sample(SYL, r.choice([2, 2, 3])))
            name = brand + r.choice(SECTORS[sec])
            if name in seen:
                continue
            seen.add(name)
            ms.append({"name": name, "sector": sec, "branch": r.choice(BRANCH), "region": r.choice(REGIONS)})
        return ms

    def new_id(self, channel):
        self.n_id += 1
        return "%s-G-%08d" % (channel, self.n_id)

    def new_person(self):
        self.n_person += 1
        return "p%07d" % self.n_person

    def emit(self, t, channel, text, m=None, person=None, amount=None, kind=None, dup_of=None,
             pro=False, merchant_field=True):
        rid = self.new_id(channel)
        rec = {"id": rid, "received_at": rnd_time(t), "channel": channel, "text": text}
        if kind:
            rec["kind"] = kind
        if person:
            rec["complainant"] = person
        if m is not None:
            rec["region"] = m["region"]
            if merchant_field:
                rec["merchant"] = m["name"]
        if amount is not None:
            rec["amount"] = amount
        # The merchant a perfect extractor would find: named in the text.
        rec["gold_merchant"] = m["name"] if m is not None and m["name"] in text else None
        rec["gold_duplicate_of"] = dup_of
        rec["gold_professional"] = pro
        self.out.append((t, rec))
        return rid

    # ---- texts ----
    def mname(self, m, full=False):
        r = self.r
        if full or r.random() < 0.5:
            return m["name"] + m["branch"]
        return m["name"]

    def grievance(self, m, kind=None):
        r = self.r
        sec = m["sector"]
        if kind is None:
            if sec in ("fitness", "education", "beauty"):
                kind = r.choice(["closure", "refund", "refund", "service"])
            elif sec == "catering":
                kind = r.choice(["food", "food", "price", "service"])
            elif sec == "food_retail":
                kind = r.choice(["quality", "price", "food"])
            else:
                kind = r.choice(["quality", "refund", "service", "price"])
        amount = r.choice([r.randint(1, 60) * 100, r.randint(10, 900), r.randint(5, 300) * 10])
        demand = r.choice(DEMANDS_GENUINE)
        u = r.random()
        if u < 0.03:
            # Ordinary consumers cite punitive damages too (fraud, cars, food).
            demand = r.choice(["要求退一赔三", "要求按消法规定三倍赔偿", "要求十倍赔偿"])
        elif u < 0.06 and sec in ("food_retail", "catering"):
            demand = r.choice(["买到的东西已经过期了，要求退款", "商品过了保质期还在卖，要求赔偿"])
        return {"m": m, "kind": kind, "problem": r.choice(PROBLEMS[kind]), "product": r.choice(PRODUCTS[sec]),
                "amount": amount, "month": r.randint(1, 12), "demand": demand}

    def citizen_text(self, g):
        r = self.r
        m = g["m"]
        parts = []
        opener = r.choice(["本人于{mo}月在{n}购买了{p}", "我在{n}办理了{p}", "{mo}月份我在{n}消费，购买{p}",
                           "今年{mo}月在{n}买了{p}", "我于{mo}月份通过{n}购买{p}"])
        parts.append(opener.format(mo=g["month"], n=self.mname(m, True), p=g["product"]))
        if r.random() < 0.7:
            parts.append(r.choice(["花费{a}元", "共计{a}元", "金额{a}元", "付款{a}元"]).format(a=g["amount"]))
        parts.append(r.choice(["现在", "最近", "没想到", "结果", "但是"]) + r.choice(g["problem"]))
        if r.random() < 0.6:
            parts.append(r.choice(["多次与商家协商未果", "找店里沟通没有结果", "联系客服一直推脱",
                                   "商家态度敷衍", "打了好几次电话都没人管"]))
        parts.append(g["demand"])
        return "，".join(parts) + "。"

    def operator_text(self, g):
        r = self.r
        m = g["m"]
        lead = r.choice(["市民来电反映：", "来电人反映：", "消费者来电称，", "市民反映："])
        body = r.choice(["其在{n}消费的{p}{pr}", "其于{mo}月在{n}办理{p}，{pr}", "{n}{pr}，涉及{p}",
                         "其在{n}购买{p}后{pr}"]).format(n=self.mname(m), p=g["product"], pr=r.choice(g["problem"]), mo=g["month"])
        if r.random() < 0.5:
            body += r.choice(["，涉及金额{a}元", "，金额约{a}元"]).format(a=g["amount"])
        tail = r.choice(["诉求：", "来电人诉求：", "现要求", "希望"]) + g["demand"]
        return lead + body + "。" + tail + "。"

    def chase_text(self, g, days, named):
        r = self.r
        m = g["m"]
        what = r.choice({"closure": ["退卡退费", "闭店退费", "会员卡余额"], "refund": ["退款", "退费"],
                         "quality": ["商品质量", "退换货"], "service": ["服务纠纷", "投诉"],
                         "food": ["食品问题", "赔偿"], "price": ["收费", "多收费"]}[g["kind"]])
        who = self.mname(m) if named else ""
        s = r.choice([
            "市民来电称，其于{d}天前反映的{w}{x}问题至今无人处理，再次来电催促尽快处理。",
            "来电人表示之前反映的{w}{x}问题一直没有处理，也没有任何回复，要求尽快给予答复。",
            "催单：来电人此前投诉{w}{x}一事仍未解决，请相关部门加快办理。",
            "市民再次来电，上次反映的{w}{x}事项至今未处理，情绪较为激动，要求尽快解决。",
            "消费者称{d}天前已反映过{w}{x}问题，至今没有回复，现再次来电催办。",
        ])
        return s.format(d=days, w=who, x=what)

    def genuine(self, t, person, m=None, g=None, channel=None, pro=False):
        r = self.r
        m = m or r.choice(self.merchants)
        g = g or self.grievance(m)
        channel = channel or r.choice(["12315", "12315", "12345", "web", "odr"])
        text = self.operator_text(g) if channel == "12345" else self.citizen_text(g)
        amt = g["amount"] if r.random() < 0.6 else None
        rid = self.emit(t, channel, text, m, person, amt, pro=pro, merchant_field=r.random() < 0.8)
        return rid, g

    def maybe_duplicates(self, t, rid, g, person, pro=False):
        """Refile on another channel and/or chase; returns nothing."""
        r = self.r
        a = self.a
        if r.random() < a.refile_share:
            t2 = t + dt.timedelta(hours=r.uniform(2, 24 * 12))
            ch = "12315" if r.random() < 0.6 else "12345"
            text = self.operator_text(g) if ch == "12345" else self.citizen_text(g)
            self.emit(t2, ch, text, g["m"], person, g["amount"] if r.random() < 0.5 else None, dup_of=rid, pro=pro,
                      merchant_field=r.random() < 0.7)
        if r.random() < a.chase_share:
            days = r.randint(3, 25)
            t3 = t + dt.timedelta(days=days, hours=r.uniform(0, 10))
            named = r.random() < 0.6
            self.emit(t3, "12345", self.chase_text(g, days, named), g["m"], person, dup_of=rid, pro=pro,
                      merchant_field=named and r.random() < 0.5)

    # ---- populations ----
    def ordinary(self, t):
        r = self.r
        person = self.new_person() if r.random() < 0.85 else None
        rid, g = self.genuine(t, person)
        if person:
            self.maybe_duplicates(t, rid, g, person)
        elif r.random() < self.a.anon_reentry_share:
            # The same ticket re-entered by another department without the caller's id.
            text = self.out[-1][1]["text"]
            t2 = t + dt.timedelta(hours=r.uniform(1, 40))
            self.emit(t2, r.choice(["12315", "letter"]), r.choice(["转办：", "其他部门转来：", ""]) + text, g["m"],
                      None, self.out[-1][1].get("amount"), dup_of=rid)

    def cluster(self, t):
        """一事多人: a prepaid business closes and many members complain."""
        r = self.r
        m = r.choice([x for x in self.merchants[:2000] if x["sector"] in ("fitness", "education", "beauty")])
        size = r.randint(5, 40)
        for _ in range(size):
            tt = t + dt.timedelta(hours=r.uniform(0, 24 * 6))
            person = self.new_person() if r.random() < 0.8 else None
            g = self.grievance(m, kind=r.choice(["closure", "closure", "refund"]))
            g["amount"] = r.randint(8, 200) * 50
            rid, g = self.genuine(tt, person, m, g)
            if person and r.random() < 0.25:
                self.maybe_duplicates(tt, rid, g, person)

    def busy(self, t0, months):
        """An ordinary consumer with about three complaints a month."""
        r = self.r
        person = self.new_person()
        home = r.choice(self.merchants)
        for mo in range(months):
            for _ in range(r.choice([2, 3, 3, 4])):
                t = t0 + dt.timedelta(days=30 * mo + r.uniform(0, 30), hours=r.uniform(0, 10))
                m = home if r.random() < 0.3 else r.choice(self.merchants)
                rid, g = self.genuine(t, person, m)
                self.maybe_duplicates(t, rid, g, person)

    def professional(self, t0, span_days):
        """Three kinds: template filers (one script over many shops), free-form
        filers (varied wording, same demands and focus), and low-volume filers
        (a handful a year)."""
        r = self.r
        person = self.new_person()
        targets = [m for m in self.merchants if m["sector"] in ("food_retail", "catering", "electronics", "medical")]
        if not targets:
            targets = self.merchants
        focus = r.choice(["label", "expiry", "3c", "ad"])
        kindp = r.random()
        kind = "template" if kindp < 0.5 else "free" if kindp < 0.8 else "low"
        style = r.randint(0, 2)
        n = r.randint(6, 10) if kind == "low" else r.randint(12, 80)
        if kind == "low":
            span_days = r.uniform(60, 300)
        law = r.choice(["《食品安全法》第一百四十八条", "食品安全法第148条", "《消费者权益保护法》第五十五条", "消法第55条"])
        demand = r.choice(["十倍赔偿", "退一赔三", "赔偿一千元", "价款十倍赔偿，不足一千元的按一千元赔偿"])
        day = t0
        for i in range(n):
            if r.random() < 0.35 and kind != "low":
                gap = dt.timedelta(hours=r.uniform(0.2, 5))  # bursts: several a day
            else:
                gap = dt.timedelta(days=r.expovariate(n / span_days))
            day = day + gap
            m = r.choice(targets)
            p = r.choice(PRODUCTS.get(m["sector"], ["商品"]))
            amt = r.choice([r.randint(3, 60), r.randint(10, 150)])
            issue = {"label": r.choice(["无中文标签", "标签不符合规定", "未标注生产日期", "配料表标注不全"]),
                     "expiry": r.choice(["已超过保质期", "过期商品仍在销售", "生产日期标注不清"]),
                     "3c": r.choice(["无3C认证标志", "未取得CCC认证", "无认证标志"]),
                     "ad": r.choice(["宣传使用国家级、最佳等绝对化用语", "宣传夸大功效", "使用极限词宣传"])}[focus]
            if kind == "free":
                parts = [r.choice(["我在{n}买了{p}", "{d}号去{n}购买{p}", "前几天在{n}消费，买的是{p}",
                                   "近日于{n}购得{p}"]),
                         r.choice(["花了{a}元", "金额{a}元", "{a}块钱", ""]),
                         r.choice(["回家一看{i}", "仔细检查发现{i}", "经核实{i}", "明显{i}"]),
                         r.choice(["商家明知故犯", "这是违法行为", "严重侵害消费者权益", ""]),
                         r.choice(["按{l}要求{dm}", "依照{l}，请责令商家{dm}", "请监管部门处罚并让商家{dm}"]),
                         r.choice(["", "请书面答复", "要求立案查处", "如不处理将申请行政复议"])]
                tpl = "，".join(x for x in parts if x) + "。"
            else:
                tpl = [
                    "本人于{d}日在{n}购买{p}，价格{a}元，发现该商品{i}，违反{l}规定，要求商家{dm}，并要求市场监管部门立案查处，书面告知处理结果。",
                    "举报{n}销售的{p}{i}。本人购买金额{a}元，依据{l}，要求{dm}，同时申请举报奖励。",
                    "{n}出售{p}{i}，本人花费{a}元购买。根据{l}要求{dm}，请依法查处并书面答复。",
                ][style]
            text = tpl.format(d=r.randint(1, 28), n=self.mname(m), p=p, a=amt, i=issue, l=law, dm=demand)
            kd = "report" if (style == 1 and kind != "free") or r.random() < 0.3 else None
            ch = r.choice(["12315", "12315", "12345", "web"])
            self.emit(day, ch, text, m, person, amt, kind=kd, pro=True)
        # Their one genuine complaint: a consumer like anyone else.
        tg = t0 + dt.timedelta(days=r.uniform(0, span_days))
        gm = r.choice([x for x in self.merchants if x["sector"] in ("fitness", "education", "services", "travel")])
        g = self.grievance(gm, kind=r.choice(["closure", "refund", "service"]))
        self.genuine(tg, person, gm, g, pro=True)

    def run(self):
        a, r = self.a, self.r
        n = a.records
        days = max(1.0, n / a.per_day)
        t = START
        # Professional claimants and busy consumers are spread over the span.
        n_pro = max(2, int(n * a.pro_share / 40))
        n_busy = max(2, int(n * a.busy_share / 30))
        for _ in range(n_pro):
            self.professional(START + dt.timedelta(days=r.uniform(0, max(1, days - 60))), r.uniform(30, 120))
        for _ in range(n_busy):
            self.busy(START + dt.timedelta(days=r.uniform(0, max(1, days - 90))), r.randint(2, 4))
        # Ordinary traffic fills what the populations above left, spread
        # over the whole span (a cluster adds about 22 records).
        left = max(1, n - len(self.out))
        step = dt.timedelta(days=days / (left / (1 + a.cluster_rate * 22)))
        while len(self.out) < n:
            t += step * r.uniform(0.2, 1.8)
            if r.random() < a.cluster_rate:
                self.cluster(t)
            else:
                self.ordinary(t)
        end = START + dt.timedelta(days=days + 1)
        recs = [x for x in self.out if x[0] <= end]
        # Arrival order: event time plus a delay for late and very late records.
        arr = []
        for i, (tt, rec) in enumerate(recs):
            u = r.random()
            if u < a.very_late_share:
                delay = dt.timedelta(hours=r.uniform(60, 240))
            elif u < a.very_late_share + a.late_share:
                delay = dt.timedelta(hours=r.uniform(0.1, 40))
            else:
                delay = dt.timedelta(0)
            arr.append((tt + delay, i, rec))
        arr.sort(key=lambda x: (x[0], x[1]))
        return [x[2] for x in arr]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--records", type=int, default=20000)
    p.add_argument("--merchants", type=int, default=5000)
    p.add_argument("--per-day", type=float, default=300.0, help="records per day of event time")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--late-share", type=float, default=0.05)
    p.add_argument("--very-late-share", type=float, default=0.002)
    p.add_argument("--refile-share", type=float, default=0.06)
    p.add_argument("--chase-share", type=float, default=0.05)
    p.add_argument("--anon-reentry-share", type=float, default=0.05)
    p.add_argument("--cluster-rate", type=float, default=0.002)
    p.add_argument("--pro-share", type=float, default=0.05)
    p.add_argument("--busy-share", type=float, default=0.03)
    p.add_argument("--out", default="-")
    a = p.parse_args()
    recs = Gen(a).run()
    f = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    for rec in recs:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if f is not sys.stdout:
        f.close()


if __name__ == "__main__":
    main()
