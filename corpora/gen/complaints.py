#!/usr/bin/env python3
"""complaints.py: generator of the labelled development corpus (gold merchant,
mentions, issue, tags) and of the unlabelled demo sample.

Texts are composed from interchangeable clause pools (situation, problem,
demand, emotion, noise) in several styles (12345 operator summaries, 12315
self-descriptions, letters, short angry texts, ODR, reports). Businesses are
built from parts (region, trade name, industry word, organisation form,
branch) and named in varied forms; every business named in a text is a gold
mention with code-point offsets. Deterministic for a given --seed.

  python3 corpora/gen/complaints.py dev --seed 1 --heldout-seed 2 --n 3000 --outdir corpora
  python3 corpora/gen/complaints.py sample --seed 7 > corpora/sample.jsonl
  python3 corpora/gen/complaints.py gold --seed 5 --n 500 --pools all > x.jsonl

Pool mode "train" leaves out every fourth entry of each clause pool; "all"
uses them all. The dev held-out part is generated from its own seed with
"all", so it contains phrasings training never saw.
"""
import argparse
import hashlib
import json
import random
import sys

# ---------------------------------------------------------------- pools ---

class Gen:
    def __init__(self, seed, pools):
        self.r = random.Random(seed)
        self.pools = pools

    def pick(self, pool):
        if self.pools == "train" and len(pool) >= 4:
            pool = [x for i, x in enumerate(pool) if i % 4 != 3]
        return self.r.choice(pool)

    def pick_where(self, pool, ok):
        """pick() among the entries that satisfy ok; the train mask is applied
        by position in the whole pool so held-out-only entries stay fixed."""
        cand = [x for i, x in enumerate(pool)
                if ok(x) and not (self.pools == "train" and len(pool) >= 4 and i % 4 == 3)]
        if not cand:
            cand = [x for x in pool if ok(x)]
        return self.r.choice(cand)

    def chance(self, p):
        return self.r.random() < p

    def wpick(self, pairs):
        tot = sum(w for _, w in pairs)
        x = self.r.random() * tot
        for v, w in pairs:
            x -= w
            if x < 0:
                return v
        return pairs[-1][0]


REGIONS = ["开发区", "高新区", "城关区", "新城区", "东城区", "西湖区", "江北区", "南山区",
           "经开区", "滨江区", "雁塔区", "金水区", "天河区", "鼓楼区", "武侯区", "历下区",
           "开福区", "洪山区", "龙华区", "望城区", "秀洲区", "玉泉区"]
CITIES = ["杭州", "西安", "郑州", "长沙", "成都", "南京", "武汉", "济南", "合肥", "昆明",
          "兰州", "太原", "南昌", "福州", "嘉兴", "温州", "大同", "洛阳"]
STREETS = ["人民路", "中山路", "解放路", "建设路", "文化路", "长江路", "和平街", "新华路",
           "北京路", "光明街", "幸福路", "朝阳路", "滨河路", "东风路"]
BRANCH_PLACES = ["万达", "吾悦", "银泰", "万象城", "龙湖天街", "宝龙", "大学城", "火车站",
                 "世纪广场", "步行街", "时代广场", "国贸", "奥体", "高铁站"]

# trade names (字号): a fixed pool plus generated two-character combinations
ZIHAO_FIXED = ["金鼎", "乐康", "优胜", "尚品", "美佳", "鑫源", "顺发", "华庭", "悦动", "百川",
               "锦程", "嘉禾", "恒信", "瑞丰", "万家", "福满", "蓝海", "星辰", "天成", "新势力",
               "好邻居", "大润发", "永辉", "佳美", "洁丽", "爱尚", "米兰", "金色年华", "欧派",
               "尚德", "博学", "启航", "智慧树", "小太阳", "童趣", "名匠", "匠心", "老街",
               "蜀香", "川味", "湘情", "渝记", "徽府", "粤港", "东北人", "兰州拉", "味之源",
               "一品", "御膳", "聚福", "福源", "百姓", "惠民", "康乐", "康复", "仁和", "同仁",
               "益丰", "健之佳", "老百姓", "海王", "九州通", "华润", "鑫达", "宏达", "鸿运",
               "腾飞", "凯旋", "君悦", "如家", "格林", "途家", "青旅", "环球", "中青",
               "快乐", "阳光", "绿洲", "春天", "丽人", "伊美", "颜究所", "焕颜", "美丽说",
               "速修", "安达", "捷达", "宝骏", "众诚", "车之家", "途虎", "顺心", "安居",
               "居然", "红星", "金牌", "索菲", "好莱客", "立邦", "东方", "远航", "飞翔",
               "一点点", "茶颜", "沪上", "古茗", "书亦", "喜茶", "奈雪"]
ZH_A = list("金银华美康乐鑫顺鸿瑞嘉恒天新正大中东西南北明德信和福瑞泰丰盛兴隆宏伟佳源汇聚永安宝富")
ZH_B = list("鼎源达盛辉泰祥瑞发隆昌华丰成和利通恒兴旺康悦欣诚信宇宸阳光星晨")
LATIN_BRANDS = ["PowerHouse", "FitLife", "U-Fit", "MaxGym", "Mia", "Lucky", "Happy Day",
                "Sunny", "Mr.Lee", "Coco", "Joy", "Lily", "Tony", "Kevin", "Green",
                "Smile", "Lemon", "Bravo", "Hello Kitty", "Ocean"]
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
OWNER_FORMS = ["老{s}", "{s}姐", "{s}记", "{s}师傅", "阿{s}", "小{s}"]

ORG_FORMS = ["有限公司", "有限责任公司", "股份有限公司", "有限公司", "有限公司"]
ORG_MID = ["", "", "服务", "管理", "科技", "文化传播", "商贸", "发展", "连锁"]

SECTORS = {
    "catering": dict(ind=["餐厅", "饭店", "火锅", "烧烤", "面馆", "小吃", "酒楼", "麻辣烫",
                          "烤肉", "串串香", "快餐", "奶茶", "食府", "茶餐厅", "咖啡", "酸菜鱼", "炸鸡"],
                     items=["火锅套餐", "烤鱼", "麻辣烫", "奶茶", "盒饭", "生日蛋糕", "酸菜鱼", "炸鸡",
                            "牛肉面", "团购套餐", "烤串", "寿司", "披萨", "黄焖鸡米饭", "早餐"],
                     verb=["吃饭，点了", "用餐，点了", "点了", "买了", "聚餐，吃了"], prepaid=["储值卡", "会员卡", "充值卡"]),
    "food_retail": dict(ind=["超市", "便利店", "生鲜", "副食", "水果店", "商行", "粮油店", "食品店", "母婴店", "烟酒店"],
                        items=["牛奶", "面包", "月饼", "猪肉", "进口饼干", "酸奶", "婴儿奶粉", "大米",
                               "食用油", "水果", "熟食", "速冻水饺", "火腿肠", "巧克力", "白酒", "鸡蛋"],
                        verb=["购买了", "买了", "选购了"], prepaid=["购物卡", "会员储值卡"]),
    "education": dict(ind=["教育", "培训学校", "艺术中心", "早教", "英语", "舞蹈", "驾校", "美术", "编程", "书法", "钢琴"],
                      items=["课程", "英语课", "钢琴课", "考研课程", "驾照培训", "早教课包", "舞蹈课",
                             "编程课", "公务员培训班", "少儿美术课", "托管班", "一对一辅导"],
                      verb=["报名了", "报了", "给孩子报了", "购买了"], prepaid=["课程包", "学费", "课时包", "年卡"]),
    "fitness": dict(ind=["健身", "瑜伽", "游泳馆", "体育", "健身会所", "拳馆", "普拉提", "健身工作室"],
                    items=["年卡", "私教课", "游泳卡", "次卡", "瑜伽课", "季卡", "团课"],
                    verb=["办了", "办理了", "购买了", "报了"], prepaid=["年卡", "私教课", "会员卡", "游泳卡", "两年卡", "次卡"]),
    "beauty": dict(ind=["美容", "美发", "美甲", "医美", "美容院", "养生馆", "皮肤管理", "造型", "美业"],
                   items=["美容卡", "烫染", "祛斑项目", "玻尿酸", "美甲", "头皮护理", "水光针", "脱毛",
                          "面部护理", "纹眉", "减肥疗程"],
                   verb=["办了", "做了", "购买了", "充值了"], prepaid=["美容卡", "会员卡", "疗程卡", "储值卡", "次卡"]),
    "auto": dict(ind=["汽车", "汽修", "汽车服务", "4S店", "车行", "汽车销售"],
                 items=["新车", "轿车", "二手车", "保养", "轮胎", "SUV", "新能源车", "钣金喷漆"],
                 verb=["购买了", "买了", "订了"], prepaid=["保养套餐", "洗车卡", "会员卡"]),
    "electronics": dict(ind=["电器", "手机", "数码", "家电", "通讯", "电脑"],
                        items=["冰箱", "空调", "洗衣机", "手机", "笔记本电脑", "电视机", "热水器",
                               "扫地机器人", "平板电脑", "油烟机", "蓝牙耳机", "电动车", "充电宝"],
                        verb=["购买了", "买了", "入手了", "订购了"], prepaid=["以旧换新券", "会员卡"]),
    "telecom": dict(ind=["营业厅"], items=["宽带", "套餐", "手机卡", "合约机", "流量包", "固话"],
                    verb=["办理了", "办了", "开通了"], prepaid=["话费", "预存话费"]),
    "housing": dict(ind=["装饰", "家居", "建材", "装修", "门窗", "家具", "全屋定制", "陶瓷"],
                    items=["装修", "定制衣柜", "沙发", "地板", "瓷砖", "橱柜", "床垫", "门窗", "卫浴"],
                    verb=["签了", "订购了", "购买了", "定做了"], prepaid=["定金", "装修预付款"]),
    "travel": dict(ind=["酒店", "宾馆", "旅行社", "民宿", "国际旅行社", "假日酒店", "旅游"],
                   items=["旅游团", "客房", "跟团游", "海岛游", "云南六日游", "温泉套票", "机票酒店套餐"],
                   verb=["报名了", "预订了", "订了", "购买了"], prepaid=["会员卡", "旅游年卡", "储值卡"]),
    "medical": dict(ind=["大药房", "药房", "诊所", "医疗器械", "口腔门诊", "药店", "保健品", "健康"],
                    items=["保健品", "药品", "助听器", "血压计", "理疗仪", "降糖药", "蛋白粉",
                           "种植牙", "磁疗床垫", "血糖仪", "鱼油"],
                    verb=["购买了", "买了", "做了", "配了"], prepaid=["理疗卡", "会员卡", "疗程卡"]),
    "services": dict(ind=["洗衣", "家政", "维修", "摄影", "婚庆", "搬家", "开锁", "宠物", "洗车", "干洗店", "月子中心"],
                     items=["洗衣服务", "保洁服务", "婚纱照", "家电维修", "搬家服务", "宠物洗护",
                            "婚礼策划", "月嫂服务", "开锁服务", "干洗羽绒服"],
                     verb=["预约了", "购买了", "订了", "找了"], prepaid=["洗衣卡", "储值卡", "套餐卡", "次卡"]),
    "ecommerce": dict(ind=["旗舰店", "专营店", "官方旗舰店", "专卖店", "小店", "优选"],
                      items=["连衣裙", "运动鞋", "面霜", "口红", "羽绒服", "零食大礼包", "保温杯",
                             "洗发水", "床上四件套", "儿童玩具", "蜂蜜", "护肤套装", "手表", "燕窝",
                             "蓝牙耳机", "空气炸锅", "充电宝", "坚果", "牛肉干", "衬衫", "项链"],
                      verb=["购买了", "买了", "下单了", "拍了"], prepaid=["会员", "储值"]),
}

PLATFORMS = {"淘宝": ["淘宝", "淘宝网", "手机淘宝"], "京东": ["京东", "京东商城"],
             "拼多多": ["拼多多", "拼夕夕"], "抖音": ["抖音", "抖音商城"],
             "快手": ["快手"], "唯品会": ["唯品会"], "小红书": ["小红书"],
             "天猫": ["天猫", "天猫商城"], "微信视频号": ["微信视频号", "视频号"]}
TAKEOUT_PLATFORMS = {"美团": ["美团", "美团外卖"], "饿了么": ["饿了么", "饿了吗"]}
PRODUCT_BRANDS = {"耐克": ["耐克", "Nike", "NIKE"], "阿迪达斯": ["阿迪达斯", "Adidas"],
                  "苹果": ["苹果", "Apple"], "华为": ["华为", "HUAWEI"], "戴森": ["戴森", "Dyson"],
                  "兰蔻": ["兰蔻", "Lancome"], "茅台": ["茅台"], "小米": ["小米"],
                  "美的": ["美的", "Midea"], "格力": ["格力"], "海尔": ["海尔", "Haier"],
                  "雅诗兰黛": ["雅诗兰黛", "Estee Lauder"], "SK-II": ["SK-II", "sk2"]}
CHAINS = {"肯德基": ("catering", ["肯德基", "KFC", "kfc"]), "麦当劳": ("catering", ["麦当劳", "McDonald's"]),
          "星巴克": ("catering", ["星巴克", "Starbucks"]), "瑞幸咖啡": ("catering", ["瑞幸咖啡", "瑞幸", "luckin"]),
          "蜜雪冰城": ("catering", ["蜜雪冰城"]), "中国移动": ("telecom", ["中国移动", "移动公司", "移动营业厅"]),
          "中国联通": ("telecom", ["中国联通", "联通", "联通营业厅"]),
          "中国电信": ("telecom", ["中国电信", "电信", "电信营业厅"]),
          "苏宁易购": ("electronics", ["苏宁易购", "苏宁"]), "国美电器": ("electronics", ["国美电器", "国美"])}
# hard negatives: named bodies and places that are not businesses
NEG_BODIES = ["市场监管局", "市场监督管理局", "街道办", "社区居委会", "派出所", "消协", "消费者协会",
              "人民医院", "中医院", "妇幼保健院", "第一中学", "实验小学", "区政府", "12315平台",
              "住建局", "人社局", "教育局", "110", "法院", "城管"]
NEG_PLACES = ["{st}", "{st}与{st2}交叉口", "{reg}{st}", "阳光小区", "幸福家园小区", "锦绣花园",
              "世纪广场", "火车站附近", "体育中心旁边", "{reg}政务服务中心", "翠湖公园", "金色家园小区"]

TRAD = str.maketrans({
    "个": "個", "们": "們", "这": "這", "来": "來", "时": "時", "会": "會", "说": "說", "钱": "錢",
    "买": "買", "卖": "賣", "费": "費", "还": "還", "门": "門", "关": "關", "开": "開", "员": "員",
    "卡": "卡", "给": "給", "没": "沒", "问": "問", "题": "題", "过": "過", "为": "為", "后": "後",
    "对": "對", "电": "電", "话": "話", "联": "聯", "系": "繫", "现": "現", "无": "無", "处": "處",
    "理": "理", "务": "務", "质": "質", "量": "量", "发": "發", "货": "貨", "坏": "壞", "经": "經",
    "营": "營", "业": "業", "执": "執", "证": "證", "单": "單", "订": "訂", "网": "網", "购": "購",
    "实": "實", "际": "際", "认": "認", "导": "導", "请": "請", "让": "讓", "进": "進", "该": "該",
    "应": "應", "当": "當", "长": "長", "车": "車", "饭": "飯", "馆": "館", "鱼": "魚", "鸡": "雞",
    "肉": "肉", "头": "頭", "虫": "蟲", "样": "樣", "实": "實", "赔": "賠", "偿": "償", "顾": "顧",
    "务": "務", "带": "帶", "这": "這", "里": "裡", "从": "從", "点": "點", "几": "幾", "难": "難",
    "机": "機", "术": "術", "体": "體", "号": "號", "卫": "衛", "药": "藥", "医": "醫", "疗": "療",
    "报": "報", "态": "態", "度": "度", "条": "條", "约": "約", "规": "規", "则": "則", "诉": "訴",
    "孩": "孩", "学": "學", "课": "課", "师": "師", "热": "熱", "听": "聽", "见": "見", "视": "視"})
TYPO = {"的": "地", "在": "再", "已": "以", "账": "帐", "做": "作", "再": "在", "像": "象",
        "哪": "那", "部": "步", "帐": "账", "得": "的", "候": "侯", "竟": "竞", "辩": "辨"}
FW = {c: chr(ord(c) + 0xFEE0) for c in "0123456789"}

# ---------------------------------------------------------- helpers --------

CN_DIG = "零一二三四五六七八九"


def cn_amount(n):
    """Integer yuan in Chinese numerals (up to 99,999,999)."""
    def four(x):
        s, zero = "", False
        for val, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // val
            x %= val
            if d:
                if zero and s:
                    s += "零"
                s += CN_DIG[d] + unit
                zero = False
            else:
                zero = True
        return s
    if n == 0:
        return "零"
    hi, lo = divmod(n, 10000)
    s = ""
    if hi:
        s = four(hi) + "万"
        if lo and lo < 1000:
            s += "零"
    s += four(lo) if lo else ""
    if s.startswith("一十"):
        s = s[1:]
    return s


def amount_text(g, n):
    forms = [f"{n}元", f"{n}元", f"{n}块", f"{n}块钱", f"¥{n:,}", f"￥{n}", f"{n:,}.00元",
             f"人民币{n}元", f"{cn_amount(n)}元", f"RMB{n}"]
    if n >= 1000 and n % 100 == 0:
        forms.append(f"{n / 10000:g}万元" if n >= 10000 else f"{cn_amount(n)}块")
    return g.pick(forms)


def date_text(g, month, day):
    return g.pick([f"2026年{month}月{day}日", f"{month}月{day}日", f"{month}月{day}号",
                   f"今年{month}月份", f"2026-{month:02d}-{day:02d}", "上个月", "前几天",
                   "上周", f"{month}月初", "去年年底", f"2026.{month}.{day}", "前天", "昨天"])


def phone(g):
    p = g.pick(["138", "139", "135", "186", "150", "177", "189", "131"]) + \
        "".join(str(g.r.randrange(10)) for _ in range(8))
    return g.pick([p, p[:3] + "-" + p[3:7] + "-" + p[7:], p[:3] + " " + p[3:7] + " " + p[7:]])


def order_no(g):
    return "".join(str(g.r.randrange(10)) for _ in range(g.r.choice([12, 16, 18, 19])))


# ---------------------------------------------------------- businesses ----

class Business:
    """One business with its canonical key and the forms it is named by."""

    def __init__(self, key, sector, forms, brand, kind="shop"):
        self.key, self.sector, self.forms, self.brand, self.kind = key, sector, forms, brand, kind

    def form(self, g, first=True):
        # the brand or branch is what people write most; registered names appear in
        # letters and operator records; typos and nicknames now and then
        keys = [k for k in self.forms if self.forms[k]]
        w = {"brand": 5, "branch": 4, "registered": 2, "typo": 0.6, "nick": 0.8, "latin": 2,
             "alias": 4, "individual": 4}
        k = g.wpick([(k, w.get(k, 1)) for k in keys])
        return g.r.choice(self.forms[k])


def make_zihao(g):
    x = g.r.random()
    if x < 0.45:
        return g.r.choice(ZIHAO_FIXED)
    if x < 0.85:
        return g.r.choice(ZH_A) + g.r.choice(ZH_B)
    return g.r.choice(ZH_A) + g.r.choice(ZH_B) + g.r.choice(["坊", "轩", "阁", "居", "汇", "家"])


def typo_of(g, s):
    hom = {"金": "今", "鼎": "顶", "健": "建", "身": "深", "美": "每", "康": "糠", "乐": "勒",
           "源": "元", "达": "大", "华": "化", "瑞": "睿", "鑫": "新", "佳": "家", "悦": "越",
           "瑜": "渝", "伽": "迦", "餐": "参", "厅": "庭", "培": "陪", "训": "迅", "教": "较",
           "育": "玉", "馆": "管", "店": "点", "汇": "会", "福": "富", "盛": "胜", "丰": "风"}
    idx = [i for i, c in enumerate(s) if c in hom]
    if not idx:
        return None
    i = g.r.choice(idx)
    return s[:i] + hom[s[i]] + s[i + 1:]


def make_business(g, sector):
    if sector == "telecom" or (sector in ("catering", "electronics") and g.chance(0.06)):
        names = [k for k, v in CHAINS.items() if v[0] == sector]
        key = g.r.choice(names)
        forms = {"alias": CHAINS[key][1]}
        reg = g.r.choice(REGIONS)
        forms["branch"] = [CHAINS[key][1][0] + reg + g.r.choice(["营业厅", "店", "门店"])]
        return Business(key, sector, forms, CHAINS[key][1][0], "chain")
    if sector == "ecommerce":
        zh = make_zihao(g) if g.chance(0.8) else g.r.choice(LATIN_BRANDS)
        if g.chance(0.35):
            host = g.r.choice(["小鱼儿", "大胖", "琪琪", "阿杰", "老铁", "甜甜", "丽丽", "农家小妹",
                               "东北老妹", "果园哥", "珠宝姐", "小杨哥哥"])
            key = host + "直播间"
            forms = {"brand": [host + "直播间", host + "的直播间"], "nick": [host]}
            return Business(key, sector, forms, host, "live")
        ind = g.r.choice(SECTORS[sector]["ind"])
        key = zh + ind
        forms = {"brand": [zh + ind], "nick": [zh]}
        if g.chance(0.4):
            forms["registered"] = [g.r.choice(CITIES) + zh + g.r.choice(["电子商务", "商贸", "贸易"]) + "有限公司"]
        return Business(key, sector, forms, zh, "shop_online")
    ind = g.r.choice(SECTORS[sector]["ind"])
    reg = g.r.choice(REGIONS)
    if sector in ("catering", "food_retail", "services", "beauty") and g.chance(0.3):
        # individual business: 开发区老王烧烤店 (个体工商户)
        owner = g.r.choice(OWNER_FORMS).format(s=g.r.choice(SURNAMES))
        key = owner + ind
        tail = "" if ind.endswith(("店", "馆", "行", "坊", "厅", "楼", "府", "心", "房", "香", "鸡", "锅")) \
            else g.r.choice(["店", "馆", ""])
        forms = {"brand": [owner + ind], "individual": [reg + owner + ind + tail, owner + ind + tail],
                 "registered": [reg + owner + ind + tail + g.r.choice(["（个体工商户）", "(个体工商户)"])]}
        return Business(key, sector, forms, owner, "individual")
    latin = g.chance(0.1)
    zh = g.r.choice(LATIN_BRANDS) if latin else make_zihao(g)
    key = zh + ind
    place = g.r.choice(BRANCH_PLACES + STREETS + [reg])
    branch = [f"{key}({place}店)", f"{key}（{place}店）", f"{key}{place}店", f"{key}{place}分店",
              f"{key}{reg}分店"]
    if sector == "education":
        branch += [f"{key}{place}校区", f"{key}（{place}校区）"]
    if ind.endswith("店"):
        branch = [f"{key}({place})", f"{zh}{place}{ind}"]
    mid = g.r.choice(ORG_MID)
    base_ind = ind if not ind.endswith("店") else ind[:-1]
    registered = [g.r.choice([reg, g.r.choice(CITIES) + "市", g.r.choice(CITIES), ""]) + zh + base_ind
                  + mid + g.r.choice(ORG_FORMS)]
    if g.chance(0.3):
        registered.append(zh + base_ind + mid + "（" + g.r.choice(CITIES) + "）" + g.r.choice(ORG_FORMS))
    forms = {"brand": [key], "branch": branch, "registered": registered}
    if not latin and len(zh) >= 2 and g.chance(0.5):
        forms["nick"] = [zh]
    t = typo_of(g, key)
    if t and g.chance(0.5):
        forms["typo"] = [t]
    return Business(key, sector, forms, zh)


def platform_business(name, table):
    return Business(name, "ecommerce", {"alias": table[name]}, name, "platform")


# ---------------------------------------------------------- issue pools ---
# Each clause is (text, extra tags). Slots: {m} merchant reference (a later
# mention or a back-reference), {item}, {amt}, {n}, {days}.

SECTOR_CLASS = {"catering": "F", "food_retail": "F", "education": "S", "fitness": "S", "beauty": "S",
                "auto": "A", "electronics": "E", "telecom": "S", "housing": "H", "travel": "S",
                "medical": "M", "services": "S", "ecommerce": "G"}
ITEM_CLASS = {"连衣裙": "C", "运动鞋": "C", "羽绒服": "C", "衬衫": "C", "面霜": "K", "口红": "K",
              "洗发水": "K", "护肤套装": "K", "零食大礼包": "F", "蜂蜜": "F", "燕窝": "F", "坚果": "F",
              "牛肉干": "F", "手表": "E", "蓝牙耳机": "E", "空气炸锅": "E", "充电宝": "E",
              "助听器": "E", "血压计": "E", "理疗仪": "E", "血糖仪": "E", "磁疗床垫": "E", "种植牙": "S",
              "保养": "S", "钣金喷漆": "S", "装修": "H", "合约机": "E", "家电维修": "S"}


def item_class(sector, item):
    return ITEM_CLASS.get(item, SECTOR_CLASS[sector])


P = {}
# item classes: E electrical/electronic, C clothing and shoes, K cosmetics, F food,
# G general goods, H home and building, A vehicles, S services; "" fits any item
P["after_sales"] = [
    ("{item}用了不到一个月就出了问题，找{m}要求维修，一直拖着不处理", "EAHG"),
    ("申请七天无理由退货，{m}以各种理由拒绝", "ECKGF"),
    ("联系客服多次，客服一直推脱，说要等厂家回复", ""),
    ("东西坏了要求换货，{m}说已经过了保修期不给换", "EGH"),
    ("说好的三包，结果维修了三次还没修好，又不给退换", "EA"),
    ("付款后{m}迟迟不发货，催了好几次都说在路上", "ECKGFH"),
    ("约好上门安装，等了一个星期也没人来", "EH"),
    ("送修{days}天了还没修好，问什么时候好也说不清楚", "EA"),
    ("退货寄回去以后{m}签收了却一直不退款", "ECKGF"),
    ("售后电话根本打不通，在线客服也是机器人自动回复", ""),
    ("{m}承诺的免费上门维修，结果上门后又要收检测费", "EH"),
    ("下单后一直显示待发货，联系客服说没货了又不给退", "ECKGF"),
    ("申请了仅退款，{m}拒绝了，平台客服也不介入", "ECKGF"),
    ("维修后同样的毛病又出现了，{m}说再修要收钱", "EAH"),
    ("配送师傅把货放在楼下就走了，送货上门的服务根本没有", "EH"),
    ("我要求退换，{m}让我自己承担来回运费还要扣折旧费", "ECKG"),
    ("买回来发现少了配件，联系{m}补发，答应了却一直没寄", "EGH"),
    ("售后让我寄回检测，寄回去半个月没有任何消息", "EG"),
    ("客服态度很差，说有问题找厂家，不是他们的事", ""),
    ("{m}的售后说这种情况不在保修范围内，拒绝处理", "EAH"),
    ("快递显示已签收但我根本没有收到货，{m}不管", "ECKGF"),
    ("换回来的还是有毛病的，再找{m}就没人理了", "EGA"),
    ("说好的服务没人跟进，打电话给{m}也没人回复", "S"),
    ("办理的业务出了问题，营业员让我去别的网点，来回推诿", "S"),
    ("衣服尺码不合适想换，{m}一直拖着不回消息", "C"),
    ("车辆保养后出了问题，{m}不承认是他们的责任", "A"),
    ("送餐超时一个多小时，送到的时候饭菜都凉了", "F"),
    ("少送了一份{item}，联系{m}说补送，结果再也没消息", "F"),
    ("骑手把餐放错地方，打电话态度还很差，商家和平台互相推", "F"),
    ("订单被商家取消了但钱一直没退回来", "F"),
    ("餐送到时汤洒了一袋子，申请售后被驳回", "F"),
    ("找了三次售后，每次都说登记了会有人联系，结果没人联系", ""),
    ("{m}说要拆机检测才能确定是不是质量问题，检测要等一个月", "E"),
    ("退货地址填的是外省，寄过去被拒收退回了", "ECKG"),
    ("退款申请已经提交二十多天，一直显示处理中", "ECKGF"),
    ("修了两次都没修好，{m}还说是人为损坏不给保修", "EA"),
    ("约了师傅上门三次都放鸽子", "EHS"),
    ("东西寄回去以后{m}说没收到，物流明明显示签收了", "ECKG"),
    ("客服一直让我等，说在加急处理，一个星期过去了没消息", ""),
]
P["quality"] = [
    ("{item}收到没几天就坏了，开不了机", "E"),
    ("{item}质量太差，穿了一次就开线了", "C"),
    ("刚用了两个星期，{item}就出现异响", "EAH"),
    ("{item}外壳有明显裂痕，是有瑕疵的产品", "EG"),
    ("洗了一次就严重掉色，还把别的衣服染了", "C"),
    ("{item}漏水，地板都泡坏了", "EH"),
    ("{item}屏幕出现一条竖线，怀疑是质量问题", "E"),
    ("装修完不到半年，墙面开裂、瓷砖空鼓", "H"),
    ("{item}频繁死机，自动重启", "E"),
    ("新买的{item}打开就有一股刺鼻的味道，怀疑甲醛超标", "HCG"),
    ("{item}的做工粗糙，跟样品差别很大，质量不合格", "CGHE"),
    ("车子开了不到三千公里发动机就报故障", "A"),
    ("{item}用了一次就断了，质量太次了", "CG"),
    ("面料起球严重，一看就是劣质的", "C"),
    ("{item}到手就是破损的，包装也烂了", "EGKH"),
    ("{item}用了几天就不工作了，插上电没反应", "E"),
    ("{item}噪音特别大，晚上根本没法用", "E"),
    ("鞋底没穿几天就脱胶了", "C"),
    ("做完的{item}效果很差，颜色不均匀，跟没做一样", "S"),
    ("{item}经常充不进电，电池明显有问题", "E"),
    ("家具抽屉拉不动，柜门也关不严，做工很差", "H"),
    ("{item}用了以后脸上起了很多红疹，怀疑产品质量不合格", "K"),
    ("服务质量很差，和承诺的标准差很多", "S"),
    ("新车车漆有色差，门缝不齐，明显有质量问题", "A"),
    ("网速经常掉线，宽带质量根本达不到承诺的速度", "S"),
    ("东西质量有问题，跟描述的不一样", ""),
    ("{item}味道很怪，跟平时吃的完全不一样，口感很差", "F"),
    ("{item}分量少得可怜，用料也很差", "F"),
    ("{item}用了三天就黑屏了，重启也没用", "E"),
    ("买回来的{item}有一股怪味，洗了几遍还在", "CGH"),
    ("{item}的拉链第一次用就坏了", "C"),
    ("{item}的材质很差，摸着特别粗糙，一看就是便宜货", "CG"),
    ("车子买回来不到一个月，变速箱就顿挫得厉害", "A"),
    ("{item}接口松动，稍微一碰就断电", "E"),
    ("地板铺完一个月就起翘变形", "H"),
]
P["contract"] = [
    ("合同约定的服务没有履行，{m}单方面停课", "S"),
    ("要求退卡，{m}说要扣30%的违约金", "S"),
    ("当初签合同时说随时可以退，现在又说合同里写了不退", ""),
    ("{m}以合同格式条款为由拒绝退还剩余费用", ""),
    ("约定的交付日期已经过了{days}天，{m}还没有交付", "HA"),
    ("交了{amt}定金，{m}现在不认了，说定金不退", "HAS"),
    ("说好的课时没上完，{m}更换老师又调整课程，和合同约定不一样", "S"),
    ("合同里规定了霸王条款，“最终解释权归本店所有”", ""),
    ("{m}擅自变更合同内容，还让我补交费用", ""),
    ("转店后新老板不认以前的卡，要求重新充值", "S"),
    ("临时更改行程，合同上的景点都没有去", "S"),
    ("装修合同约定的工期早已过去，工程还停在一半", "H"),
    ("合同到期后{m}自动续费扣了我的钱，事先没通知", "S"),
    ("要求解除合同，{m}要收取高额的手续费", ""),
    ("剩余的费用{m}一直拖着不退，说要等总部审批", "S"),
    ("交钱的时候承诺的服务内容，现在一样都没兑现", "S"),
    ("{m}违约在先，却要我承担违约责任", ""),
    ("收了订金后又说车要加价才能提", "A"),
    ("退费流程走了两个月，{m}一直说财务在走流程", ""),
    ("签约时说的条件和合同写的不一样，{m}拒绝按约定执行", ""),
    ("当时销售说不满意随时可以退，现在翻脸不认", ""),
    ("签了一年的课，才上了三个月老师就全换了，课也经常取消", "S"),
    ("付了全款以后，{m}一直拖着不安排，说再等等", "SH"),
    ("我要求转让给别人，{m}说要收一千元转让费", "S"),
    ("合同写的是包含全部材料，后来又说要另外加钱", "H"),
    ("报的团说是纯玩团，结果天天拉去购物店", "S"),
]
P["price"] = [
    ("店内商品没有明码标价，结账时比标签价格贵了不少", "FG"),
    ("{m}收取不合理的服务费，事先没有告知", ""),
    ("先涨价再打折，所谓的原价是虚构的", "ECKGF"),
    ("同样的东西，我的账号价格比别人贵，怀疑大数据杀熟", ""),
    ("结账时多收了我钱，小票上的价格和货架标价不一致", "FG"),
    ("买车时被强制收取金融服务费，不交就不给贷款", "A"),
    ("菜单上没标价格，结账一条鱼收了{amt}", "F"),
    ("节假日价格翻了好几倍，乱收费", "S"),
    ("{m}收了开瓶费和包间费，事先没说", "F"),
    ("标价是一个价，扫码付款时又是另一个价", ""),
    ("维修报价随意加价，说是材料费涨了", "AEH"),
    ("停车费收得很高，没有公示收费标准", ""),
    ("所谓的限时特价比平时还贵", ""),
    ("{m}收取上牌服务费和GPS费用，价格不透明", "A"),
    ("买单时发现每个菜都比菜单上的价格高", "F"),
    ("同一个商品，页面显示的价格和结算的价格不一样", ""),
    ("没有提前说明要收上门费，师傅来了直接收了两百", "ES"),
]
P["metrology"] = [
    ("在{m}买的{item}缺斤短两，回家一称少了将近一斤", "F"),
    ("怀疑{m}的电子秤有问题，是鬼秤", "F"),
    ("买了五斤，回家用秤一称只有四斤二两", "F"),
    ("加油机计量不准，油箱加不了那么多油", "A"),
    ("家里的燃气表走字特别快，怀疑计量不准", ""),
    ("水表没用水也在转，这个月水费多了好几倍", ""),
    ("称重的时候连着袋子和冰一起称，短秤严重", "F"),
    ("称的分量和小票上的重量对不上，少了三两多", "F"),
    ("买的散装{item}分量明显不足，秤有问题", "F"),
    ("电表数字跳得不正常，电费比往年翻了一倍", ""),
    ("老板称的时候手按着秤盘，回家一称差了半斤", "F"),
    ("买的海鲜连水带冰一起称，实际分量少了一大截", "F"),
]
P["safety"] = [
    ("{item}充电时突然起火，差点把房子烧了", "E"),
    ("{item}电池鼓包，存在安全隐患", "E"),
    ("使用{item}时漏电，孩子被电了一下", "E"),
    ("在{m}的游乐设施上摔下来受伤了", "S"),
    ("店里的电梯突然停了，把人困在里面半个小时", ""),
    ("热水器燃气泄漏，家里闻到很重的煤气味", "EH"),
    ("锅具使用时爆炸，人被烫伤", "GE"),
    ("器材的钢丝断了把我砸伤了，{m}说是我自己操作不当", "S"),
    ("{item}在包里自燃，烧坏了背包", "E"),
    ("儿童玩具的小零件容易脱落，孩子差点误吞", "G"),
    ("刹车失灵，差点出事故，属于严重安全隐患", "A"),
    ("地面湿滑没有任何警示，我在店里滑倒摔伤了", ""),
    ("{item}插上电就冒烟，吓得我赶紧拔了", "E"),
    ("小孩在店里的滑梯上被螺丝划伤了腿", "S"),
]
P["food_safety"] = [
    ("吃到一半发现菜里有一根头发", "F"),
    ("饭菜里吃出了虫子，太恶心了", "F"),
    ("买的{item}已经过期了，生产日期是去年的", "F"),
    ("吃完以后全家上吐下泻，去医院说是食物中毒", "F"),
    ("{item}发霉了，打开包装就有一股霉味", "F"),
    ("肉是馊的，明显已经变质了", "F"),
    ("饮料里面有不明异物，像是黑色的渣子", "F"),
    ("货架上的进口食品没有中文标签", "F"),
    ("{item}超过保质期还在销售", "F"),
    ("吃了{m}的{item}后肚子疼，腹泻了一晚上", "F"),
    ("后厨卫生很差，看到老鼠在跑", "F"),
    ("包装上没有生产日期和生产厂家，属于三无食品", "F"),
    ("汤里有一只苍蝇", "F"),
    ("米饭里吃出了钢丝球的钢丝，差点划伤喉咙", "F"),
    ("{item}里面有一块塑料片", "F"),
    ("奶油是酸的，孩子吃了开始拉肚子", "F"),
    ("火锅底料疑似反复使用的地沟油", "F"),
    ("食品里添加剂超标，孩子吃了过敏起疹子", "F"),
    ("{item}有异味，明显不新鲜", "F"),
    ("菜没熟，里面还是生的，吃完胃不舒服", "F"),
    ("{item}吃出了一个指甲盖", "F"),
    ("打开盒子一看，里面有一根长头发", "F"),
    ("喝了一口发现味道不对，一看生产日期已经过期两个月", "F"),
    ("吃了以后上吐下泻，在医院输了两天液", "F"),
    ("买回来的{item}里面长了白毛", "F"),
    ("在菜里吃出半只蟑螂", "F"),
    ("{item}闻着有股酸臭味，肯定是坏了", "F"),
]
P["advertising"] = [
    ("宣传说效果立竿见影，实际用了一点效果都没有，属于虚假宣传", ""),
    ("广告上写着“全市最低价”“第一品牌”，都是绝对化用语", ""),
    ("报名时承诺包过，结果没过也不退钱", "S"),
    ("宣传能治疗高血压糖尿病，实际上就是普通食品", "FM"),
    ("收到的东西和宣传图片完全不一样，货不对板", "ECKGF"),
    ("主播说是纯羊毛的，收到一看吊牌写的是化纤", "C"),
    ("商家夸大功效，说三天美白，用了一个月没变化", "KS"),
    ("广告说买一送一，到店又说活动已经结束", ""),
    ("宣传的国家级专家坐诊，实际上就是普通店员", "MS"),
    ("页面上标注的材质和实物不符，夸大宣传", "CGH"),
    ("宣传的是五星级标准，实际又脏又旧，与宣传不符", "S"),
    ("说是进口原装，其实是国内贴牌的", "EKFG"),
    ("宣传单上写的“减肥不反弹，无效退款”，现在不认账", "SM"),
    ("广告说包教包会，学了三个月什么都不会，还要再交钱", "S"),
    ("说是纯天然无添加，配料表里一堆添加剂", "FK"),
    ("销售说这个床垫能治颈椎病", "HE"),
]
P["counterfeit"] = [
    ("买的{brand}是假货，去专柜鉴定不是正品", ""),
    ("收到的{brand}做工粗糙，明显是高仿", ""),
    ("{m}卖的{brand}化妆品是仿冒的，用了脸过敏", "K"),
    ("所谓的{brand}官方授权，其实是山寨产品", ""),
    ("商品商标和{brand}非常像，傍名牌误导消费者", ""),
    ("买到了假冒的{brand}，防伪码查询不到", ""),
    ("对比了{brand}正品发现是假的", ""),
    ("宣称正品保证，验货发现是翻新的假{brand}", "E"),
    ("{m}卖的是三无产品，没有厂名厂址", ""),
    ("在专柜一验，{brand}的编码根本对不上", ""),
    ("买的{brand}包装印刷模糊，和官网的完全不一样", ""),
]
P["unfair_competition"] = [
    ("{m}搞好评返现，给好评返五元，诱导虚假评价", ""),
    ("店铺销量和评价都是刷单刷出来的", ""),
    ("{m}的店名和装修故意模仿知名品牌，造成混淆", ""),
    ("平台强制商家二选一，不许在别的平台上架", ""),
    ("{m}在网上诋毁同行，散布虚假信息", ""),
    ("给了差评后商家打电话骚扰要求删掉，还说给钱改好评", ""),
    ("店里的员工收回扣，推销指定品牌", ""),
    ("包装和某大牌几乎一模一样，明显是恶意混淆", ""),
    ("商家说给五星好评就返十元红包", ""),
    ("{m}冒用别人的店名招牌，很多人以为是那家老店", ""),
]
P["certification"] = [
    ("{item}上没有3C认证标志", "EG"),
    ("产品没有执行标准，也拿不出检测报告", ""),
    ("{item}没有能效标识，不知道是几级能效", "E"),
    ("儿童座椅没有CCC认证就在销售", ""),
    ("标的认证编号查不到，怀疑是伪造的", ""),
    ("{m}卖的电线没有认证，达不到国家标准", ""),
    ("产品标注的执行标准已经作废了", ""),
    ("充电器没有任何认证标志，用了发烫", ""),
    ("{item}上的3C标志是贴纸，扫码查不到", "EG"),
    ("产品说明书上没有标注执行的国家标准", ""),
]
P["personal_rights"] = [
    ("店员对我进行辱骂，态度极其恶劣", ""),
    ("因为价格问题争执，店老板动手打了我", ""),
    ("保安怀疑我偷东西，强行搜身", ""),
    ("在店里被工作人员侮辱，说我买不起就别看", ""),
    ("不让我离开，限制人身自由，非要我买下", ""),
    ("饭店强制消费，不点酒水就不让坐", "F"),
    ("因为我是外地口音受到店员的歧视", ""),
    ("{m}的员工当众辱骂我的孩子", ""),
    ("导游强制购物，不买东西就不让上车", "S"),
    ("我只是问了一句，店员就开始骂骂咧咧", ""),
    ("{m}的保安把我推倒在地", ""),
]
P["privacy"] = [
    ("在{m}留过电话以后，每天都接到骚扰电话", ""),
    ("我的个人信息被泄露了，推销电话知道我的姓名和住址", ""),
    ("{m}未经同意收集人脸识别信息", ""),
    ("办会员时填写的信息被卖给了别的公司", ""),
    ("进店必须刷脸，不刷不让进", ""),
    ("买房后不断接到装修公司电话，怀疑信息被卖", ""),
    ("APP强制获取通讯录权限，不给就不能用", ""),
    ("快递单上的信息被泄露，收到诈骗短信", ""),
    ("在{m}办卡以后，天天有人打电话推销贷款", ""),
    ("{m}要求必须扫码关注填手机号才能点餐", "F"),
]
P["unlicensed"] = [
    ("{m}没有营业执照，在小区里无证经营", ""),
    ("店里的厨师没有健康证", "F"),
    ("{m}超范围经营，卖处方药", "M"),
    ("这家店没有食品经营许可证，店里也没有公示", "F"),
    ("路边流动摊贩无证经营，卫生很差", "F"),
    ("{m}没有办学资质，却在招生收费", "S"),
    ("无证行医，在给人打针输液", "M"),
    ("没有资质的黑作坊在生产食品", "F"),
    ("{m}的营业执照早就过期了还在营业", ""),
    ("{m}门口连个营业执照都没挂", ""),
    ("小区里有人在家里开小饭馆，没有任何证照", "F"),
]
P["other"] = [
    ("想咨询一下这种情况应该找哪个部门", ""),
    ("停车场车辆被剐蹭，管理方推卸责任", ""),
    ("在店里丢了手机，店家不给调监控", ""),
    ("卫生间长期不开放", ""),
    ("{m}的排队叫号系统很混乱，等了两个小时", ""),
    ("会员积分被清零，没有任何提前通知", ""),
    ("{m}门口占道经营，影响通行", ""),
    ("营业时间和公示的不一致，跑了好几趟都没开门", ""),
    ("{m}夜间施工噪音扰民", ""),
    ("发票开不出来，一直说系统问题", ""),
    ("寄存的物品被弄丢了", ""),
    ("想问一下商家不给开发票该怎么办", ""),
    ("商场里的儿童乐园卫生太差", ""),
    ("店门口的广告牌被风吹下来差点砸到人，{m}说不关他们的事", ""),
    ("{m}的员工上班时间在店里打牌", ""),
]
OUT_OF_SCOPE = [
    "小区物业不作为，电梯坏了一个月没人修，还要涨物业费",
    "今年供暖温度不达标，家里只有十五度",
    "公司拖欠了我三个月的工资，老板联系不上",
    "在医院做完手术后出现并发症，和医院协商不成",
    "出了交通事故，对方保险公司拒绝理赔",
    "银行信用卡乱收年费，还影响征信",
    "开发商延期交房，已经超过半年",
    "自来水发黄，停水也没有提前通知",
    "楼上邻居装修噪音太大",
    "保险公司推销的理财产品亏损，当初说保本",
    "单位不给交社保",
    "小区物业乱收停车费，业主委员会不管",
    "医院收费太高，看病难",
    "网贷平台暴力催收",
    "学校乱收资料费",
]

# scenario clauses with tags
PREPAID_SITU = [
    "在{M}办理了一张{card}，充值{amt}",
    "{date}在{M}办了{card}，花了{amt}",
    "去年双十一在{M}的活动上办了{card}，交了{amt}",
    "在{M}买了{card}，一次性付了{amt}",
    "被{M}的销售推销，办了{card}，共{amt}",
    "在{M}充了{amt}的{card}，还剩不少余额",
    "店庆的时候在{M}预存了{amt}",
    "{date}在{M}给孩子报了{card}，一共{amt}",
]
CLOSURE = [
    "现在{m}突然关门了，门上贴着“装修升级，暂停营业”",
    "近日发现{m}人去楼空，老板联系不上",
    "{m}已经闭店跑路，工作人员也都找不到了",
    "这几天去{m}发现大门紧锁，电话也打不通",
    "{m}说要搬迁，之后就一直没有开门",
    "门店已经停业，前台说老板换人了，新老板不认以前的卡",
    "老板卷钱跑了，很多会员都被骗了，我们建了维权群有两百多人",
    "店里的教练说已经三个月没发工资，店马上要倒闭了",
    "{m}突然停业，说是设备检修，到现在也没恢复营业",
    "联系不上负责人，店面已经在招租了",
]
TAKEOUT_EXTRA = ["送餐慢了四十分钟", "等了一个多小时才送到", "送到的时候都凉了", "汤洒了一袋子",
                 "骑手态度也不好", "餐具也没给", "备注了不要辣还是放了", "外卖小哥说是商家出餐慢",
                 "配送员把餐放在门口就走了", "饭盒都压扁了", "送来的时候包装是破的", "送餐员打电话催我下楼",
                 "订餐两个小时了饭还没到", "送过来面都坨了", "餐到的时候已经一点半了", "还额外收了配送费",
                 "说好的送上楼，结果让我自己下去取餐", "饭送到都凉透了"]
NOT_CLOSED = ["店还在正常营业，并没有闭店", "门店没有关门，就是不给解决", "店没跑，人天天都在",
              "商家还在营业，就是态度很差"]
ELDERLY = [
    "我父亲今年七十八岁，被{m}的人拉去听健康讲座，买了一堆保健品",
    "我母亲年纪大了不懂这些，被店员诱导办了卡",
    "商家在社区搞会销，专门针对老年人推销",
    "老人被免费旅游骗去，到了地方被强迫买东西",
    "我妈今年六十多了，被{m}忽悠着买了很多没用的东西",
    "我爷爷八十多岁了，一个人在家，被上门推销的缠上了",
]
# a claim of cures is itself false advertising: only in advertising complaints
ELDERLY_CLAIM = [
    "家里老人被忽悠买了{amt}的保健品，说能治病",
    "爷爷在{m}花了{amt}买理疗仪，说包治百病",
    "我外婆被拉去听讲座，他们说这个保健品能降血压，老人花了{amt}",
]
DEMAND = {
    "refund": ["要求退款", "要求{m}退还{amt}", "要求全额退款", "希望能把钱退回来", "要求退货退款",
               "请帮忙把钱要回来", "要求退钱", "要求退费", "申请退款", "要求把钱退给我", "退钱！"],
    "refund_prepaid": ["要求退还剩余费用", "把剩下的钱退给我", "要求退还卡内余额", "要求退卡退费",
                       "要求按剩余课时退费", "要求退还未消费的金额"],
    # food law (第一百四十八条: ten times, at least 1000 yuan) for food, the
    # consumer law (第五十五条: three times, at least 500 yuan) for the rest
    "punitive_food": ["要求按照《食品安全法》第一百四十八条给予十倍赔偿", "要求赔偿一千元", "要求十倍赔偿",
                      "依法要求惩罚性赔偿", "要求价款十倍的赔偿，不足一千元的按一千元赔", "要求退一赔十"],
    "punitive": ["要求退一赔三", "要求按消费者权益保护法第五十五条三倍赔偿", "要求三倍赔偿",
                 "依法要求惩罚性赔偿", "要求按消法55条赔偿", "要求假一赔三", "要求赔偿五百元"],
    "repair": ["要求更换新机", "要求维修或者换货", "要求{m}尽快处理", "要求按三包规定换货",
               "希望尽快上门维修", "要求换一个新的"],
    "apology": ["要求{m}赔礼道歉", "要求给个说法", "希望商家道歉", "要求对方道歉并赔偿损失"],
    "investigate": ["请市场监管部门依法查处", "希望相关部门严查", "请求依法处理", "请有关部门核实处理",
                    "希望监管部门管一管", "要求责令整改"],
    "fulfil": ["要求{m}继续履行合同", "要求按合同约定提供服务", "要求尽快交付", "要求恢复上课"],
    "compensate": ["要求赔偿医药费", "要求赔偿损失", "要求赔偿误工费和医疗费", "要求赔偿"],
}
NO_PUNITIVE = ["不要求赔偿，只要把钱退回来", "我不要什么十倍赔偿，把本金退了就行"]
EMOTION = ["太气人了！", "实在是没办法了。", "希望尽快处理，谢谢！", "这种商家太坑人了",
           "真的很无奈", "已经跑了好几趟了", "非常气愤！！", "请领导重视", "不能让他们再骗人了",
           "跟他们说了很多次都没用", "我是真的被气到了", "谢谢", "麻烦了", "必须曝光这种黑心商家"]
NEG_CLAUSES = ["已经向{neg}反映过，没有结果", "{neg}让我打12315", "事后去了{neg}做了登记",
               "我在{neg}上班，没时间一直跑", "店在{place}附近", "地址在{place}", "住在{place}",
               "还去{neg}看了病", "报了警，{neg}说是经济纠纷"]


# ---------------------------------------------------------- composition ---

ISSUE_MIX = [("after_sales", 24), ("quality", 19), ("food_safety", 12), ("contract", 13),
             ("other", 10), ("price", 3), ("metrology", 2.6), ("safety", 2.6), ("advertising", 3),
             ("counterfeit", 2.6), ("unfair_competition", 2.4), ("certification", 2.5),
             ("personal_rights", 2.4), ("privacy", 2.5), ("unlicensed", 2.6)]
ISSUE_SECTORS = {
    "after_sales": ["electronics", "ecommerce", "housing", "auto", "electronics", "ecommerce", "telecom", "services",
                    "catering"],
    "quality": ["electronics", "ecommerce", "housing", "auto", "ecommerce", "services", "beauty", "catering"],
    "contract": ["fitness", "education", "beauty", "housing", "travel", "auto", "fitness", "education", "telecom", "services"],
    "price": ["catering", "food_retail", "auto", "travel", "services", "telecom"],
    "metrology": ["food_retail", "food_retail", "services"],
    "safety": ["electronics", "ecommerce", "services", "fitness", "auto"],
    "food_safety": ["catering", "catering", "food_retail", "catering", "ecommerce"],
    "advertising": ["medical", "education", "beauty", "ecommerce", "travel"],
    "counterfeit": ["ecommerce", "food_retail", "beauty", "electronics"],
    "unfair_competition": ["ecommerce", "catering", "services"],
    "certification": ["electronics", "ecommerce"],
    "personal_rights": ["catering", "food_retail", "travel", "services", "beauty"],
    "privacy": ["telecom", "housing", "beauty", "fitness", "ecommerce", "auto"],
    "unlicensed": ["catering", "education", "medical", "food_retail", "beauty"],
    "other": ["food_retail", "catering", "services", "auto", "telecom"],
}
DEMAND_BY_ISSUE = {
    "after_sales": [("repair", 4), ("refund", 4), ("apology", 1), ("investigate", 1)],
    "quality": [("repair", 3), ("refund", 4), ("compensate", 1), ("punitive", 0.5)],
    "contract": [("refund", 6), ("fulfil", 2), ("investigate", 1)],
    "price": [("refund", 3), ("investigate", 3), ("punitive", 1)],
    "metrology": [("investigate", 3), ("refund", 1), ("punitive", 1)],
    "safety": [("compensate", 3), ("refund", 2), ("investigate", 2)],
    "food_safety": [("compensate", 2), ("refund", 2), ("punitive", 2.5), ("investigate", 2), ("apology", 1)],
    "advertising": [("refund", 3), ("investigate", 2), ("punitive", 1.2)],
    "counterfeit": [("refund", 2), ("punitive", 2.5), ("investigate", 2)],
    "unfair_competition": [("investigate", 4), ("apology", 1)],
    "certification": [("investigate", 3), ("refund", 1), ("punitive", 1)],
    "personal_rights": [("apology", 4), ("compensate", 2), ("investigate", 1)],
    "privacy": [("investigate", 4), ("apology", 1)],
    "unlicensed": [("investigate", 5)],
    "other": [("investigate", 2), ("apology", 1), ("refund", 0.5)],
}


class Text:
    """A text under construction: plain strings and business mentions."""

    def __init__(self):
        self.parts = []  # (str, business or None)

    def add(self, s, biz=None):
        if s:
            self.parts.append((s, biz))

    def render(self):
        out, mentions, pos = [], [], 0
        for s, biz in self.parts:
            # 开发区老王烧烤店: the district alone before an individual shop is
            # its address, no part of the name (its registered form keeps it)
            if biz is not None and biz.kind == "individual" and "个体工商户" not in s:
                pre = next((r for r in REGIONS if s.startswith(r)), "")
                out.append(pre)
                pos += len(pre)
                s = s[len(pre):]
            if biz is not None:
                mentions.append({"name": s, "start": pos, "end": pos + len(s), "_biz": biz})
            out.append(s)
            pos += len(s)
        return "".join(out), mentions


def fill(g, tmpl, text, ctx):
    """Append template text, expanding {m}/{M} into mentions or back-references."""
    i = 0
    while i < len(tmpl):
        j = tmpl.find("{", i)
        if j < 0:
            text.add(tmpl[i:])
            break
        text.add(tmpl[i:j])
        k = tmpl.index("}", j)
        slot = tmpl[j + 1:k]
        i = k + 1
        if slot in ("m", "M"):
            biz = ctx["biz"]
            if biz is None:
                text.add(g.pick(["商家", "对方", "店家", "卖家"]) if slot == "m" else g.pick(["一家店", "附近一家店", "一个商家"]))
            elif ctx.get("suppress_mention"):
                if slot == "M" or not ctx["named"]:
                    text.add(g.pick(["一家店", "附近一家店", "一个商家", "楼下的一家店", "一家网店"
                                     if ctx["biz"].sector == "ecommerce" else "一家店"]))
                    ctx["named"] = True
                else:
                    text.add(g.pick(["该店", "这家店", "商家", "店家", "对方", "他们", "老板"]))
            elif slot == "M" or not ctx["named"] or g.chance(0.25):
                form = ctx["first_form"] if ctx["named"] and g.chance(0.6) else biz.form(g)
                if not ctx["named"]:
                    ctx["first_form"] = form
                ctx["named"] = True
                text.add(form, biz)
            else:
                text.add(g.pick(["该店", "这家店", "商家", "店家", "对方", "他们", "该商家", "这家"]))
        elif slot == "item":
            text.add(ctx["item"])
        elif slot == "amt":
            text.add(amount_text(g, ctx["amount"]))
        elif slot == "card":
            text.add(ctx["card"])
        elif slot == "date":
            text.add(date_text(g, ctx["month"], ctx["day"]))
        elif slot == "days":
            text.add(str(g.r.choice([7, 10, 15, 20, 30, 45])) if g.chance(0.6) else g.pick(["十几", "二十多", "一个多月", "好几"]))
        elif slot == "n":
            text.add(str(g.r.randrange(2, 9)))
        elif slot == "brand":
            name = ctx.get("pbrand")
            if name is None:
                key = g.r.choice(sorted(PRODUCT_BRANDS))
                form = g.r.choice(PRODUCT_BRANDS[key])
                ctx["pbrand"] = (key, form)
                name = ctx["pbrand"]
            text.add(name[1], Business(name[0], "other", {"alias": [name[1]]}, name[0], "pbrand"))
        elif slot == "neg":
            text.add(g.pick(NEG_BODIES))
        elif slot == "place":
            text.add(g.pick(NEG_PLACES).format(st=g.pick(STREETS), st2=g.pick(STREETS), reg=g.pick(REGIONS)))
        else:
            raise KeyError(slot)


PREPAID_TEXT_CUES = ["办了卡", "办卡", "年卡", "季卡", "次卡", "会员卡", "美容卡", "游泳卡", "储值卡", "疗程卡", "购物卡",
                     "洗衣卡", "洗车卡", "理疗卡", "课时", "私教课", "课程包", "充值", "预存", "退卡", "卡内余额",
                     "旅游年卡", "套餐卡", "学费"]
ONLINE_CUES = ["快递", "平台", "店铺", "仅退款", "七天无理由", "下单", "页面", "刷单", "好评"]
# a takeout order is ordered through a platform but is not tagged online
PREPAID_CUES = ["办卡", "退卡", "课时", "以前的卡", "剩余的费用", "自动续费", "剩余费用"]


def choose_tags_and_context(g, issue, sector):
    online = sector == "ecommerce" or (issue in ("after_sales", "quality", "counterfeit", "advertising",
                                                  "certification", "safety", "privacy") and g.chance(0.35))
    live = online and g.chance(0.28)
    takeout = sector == "catering" and (issue in ("after_sales", "quality") or issue in (
        "food_safety", "price", "other", "unfair_competition") and g.chance(0.45))
    prepaid = sector in ("fitness", "education", "beauty", "services", "catering", "travel", "medical") and (
        (issue == "contract" and g.chance(0.75)) or g.chance(0.1))
    closure = prepaid and issue == "contract" and g.chance(0.55) or (prepaid and g.chance(0.08))
    elderly = (issue == "advertising" and sector == "medical" and g.chance(0.6)) or (
        sector in ("medical", "beauty", "travel", "food_retail", "fitness", "services", "ecommerce")
        and issue in ("advertising", "contract", "quality", "after_sales", "food_safety", "personal_rights", "price")
        and g.chance(0.06))
    return dict(online=online, live=live, takeout=takeout, prepaid=prepaid, closure=closure, elderly=elderly)


def gen_gold_record(g, seq, idprefix_seq):
    issue = g.wpick(ISSUE_MIX)
    oos = issue == "other" and g.chance(0.5)
    sector = g.pick(ISSUE_SECTORS[issue])
    sc = choose_tags_and_context(g, issue, sector)
    if oos:
        sc = dict(online=False, live=False, takeout=False, prepaid=False, closure=False, elderly=False)
    biz = make_business(g, sector) if not oos or g.chance(0.3) else None
    if sector == "ecommerce" and sc["online"] is False:
        sc["online"] = True
    items = SECTORS[sector]["items"]
    classes = {item_class(sector, i) for i in items}
    if not oos:
        def scene_ok(c):
            # a clause that speaks of a scenario only appears in that scenario
            online_cue = any(w in c[0] for w in ONLINE_CUES)
            prepaid_cue = any(w in c[0] for w in PREPAID_CUES)
            takeout_cue = any(w in c[0] for w in ("送餐", "骑手", "少送", "订单", "送到"))
            return (sc["online"] or not online_cue) and (sc["takeout"] or not takeout_cue) and (sc["live"] or "主播" not in c[0]) \
                and (sc["prepaid"] or not prepaid_cue)
        clause = g.pick_where(P[issue], lambda c: (not c[1] or set(c[1]) & classes) and scene_ok(c))
        fit = [i for i in items if not clause[1] or item_class(sector, i) in clause[1]]
        item = g.r.choice(fit)
        icls = item_class(sector, item)
        clause2 = g.pick_where(P[issue], lambda c: (not c[1] or icls in c[1]) and scene_ok(c))

    else:
        item = g.r.choice(items)
        icls = item_class(sector, item)
    card = g.r.choice(SECTORS[sector]["prepaid"])
    amount = g.wpick([(g.r.choice([19, 35, 58, 68, 99, 128, 199, 299, 399]), 4),
                      (g.r.choice([500, 880, 1200, 1999, 2680, 3800, 4888, 5000, 6999]), 4),
                      (g.r.choice([12800, 19800, 26000, 35000, 150000]), 1)])
    if sc["prepaid"] or issue == "contract":
        amount = g.r.choice([980, 1280, 1999, 2680, 3800, 4888, 5600, 6800, 7888, 12000, 17600, 19800, 26000])
    if item in ("新车", "轿车", "SUV", "新能源车", "二手车"):
        amount = g.r.randrange(40, 300) * 1000 - g.r.choice([0, 200, 2000])
    elif item in ("装修", "全屋定制", "橱柜", "门窗") or sector == "housing" and issue == "contract":
        amount = g.r.randrange(8, 150) * 1000
    elif sector == "housing":
        amount = g.r.choice([899, 1280, 2600, 3999, 5800, 8800, 12600])
    elif sector == "catering" and not sc["prepaid"]:
        amount = g.r.choice([23, 36, 48, 56, 88, 128, 199, 268, 368, 688])
    month, day = g.r.randrange(1, 12), g.r.randrange(1, 29)
    ctx = dict(biz=biz, named=False, first_form=None, item=item, card=card, amount=amount,
               month=month, day=day)
    tags = set()
    if g.chance(0.12) and biz is not None and not oos:
        ctx["suppress_mention"] = True  # texts that name no business
    channel = g.wpick([("12315", 5), ("12345", 4), ("odr", 0.7), ("letter", 0.5), ("web", 0.8), ("visit", 0.3)])
    style = {"12345": "operator", "12315": g.pick(["self", "self", "short", "self"]), "odr": "odr",
             "letter": "letter", "web": g.pick(["self", "short"]), "visit": "operator"}[channel]
    kind = "complaint"
    if issue in ("unlicensed", "certification", "unfair_competition", "counterfeit", "advertising", "metrology") \
            and g.chance(0.45 if issue != "unlicensed" else 0.85):
        kind = "report"
        style = g.pick(["report", "operator", "report"]) if style not in ("odr",) else style
    elif issue == "other" and g.chance(0.25):
        kind = "inquiry"

    t = Text()
    platform = None
    if sc["online"]:
        pname = g.r.choice(sorted(PLATFORMS))
        if sc["live"]:
            pname = g.r.choice(["抖音", "快手", "淘宝", "微信视频号", "小红书"])
        platform = platform_business(pname, PLATFORMS)
    if sc["takeout"]:
        pname = g.r.choice(sorted(TAKEOUT_PLATFORMS))
        platform = platform_business(pname, TAKEOUT_PLATFORMS)

    # opening
    if style == "operator":
        fill(g, g.pick(["市民来电反映：", "来电人反映：", "市民反映：", "来电人称：", "市民来电表示，",
                        "诉求人反映：", "来电市民反映，", "市民到访反映："]), t, ctx)
    elif style == "letter":
        fill(g, g.pick(["尊敬的市场监管局领导：您好！", "尊敬的领导：", "致市场监督管理局：",
                        "尊敬的12315工作人员：你们好。", "市监局领导您好："]), t, ctx)
        fill(g, g.pick(["我是{place}的居民，", "本人住在{place}，", "我是一名普通消费者，", ""]), t, ctx)
    elif style == "odr":
        fill(g, g.pick(["消费者通过在线纠纷解决平台反映：", "ODR平台转办：", "消费者在线投诉："]), t, ctx)
        if g.chance(0.6):
            t.add(g.pick(["订单号", "订单编号：", "订单号：", "单号"]) + order_no(g) + "，")
    elif style == "report":
        fill(g, g.pick(["实名举报：", "举报：", "我要举报", "举报人反映：", ""]), t, ctx)

    # situation
    if style != "short" or g.chance(0.4):
        who = "" if style != "operator" else g.pick(["其", "该市民", "来电人", "其", ""])
        me = g.pick(["本人", "我", "我", "本人"]) if style != "operator" else who
        if elderly_first := (sc["elderly"] and g.chance(0.5)):
            fill(g, g.pick(ELDERLY_CLAIM if issue == "advertising" else ELDERLY), t, ctx)
            t.add("，")
            tags.add("elderly")
        if sc["prepaid"]:
            t.add(me + ("" if me == "" else ""))
            fill(g, g.pick(PREPAID_SITU), t, ctx)
            tags.add("prepaid")
        elif sc["takeout"]:
            if g.chance(0.6):
                fill(g, me + g.pick(["于{date}在", "{date}通过", "中午在", "晚上用", "在"]), t, ctx)
                pform = g.r.choice(platform.forms["alias"])
                t.add(pform, platform)
                fill(g, g.pick(["上点了{M}的外卖", "平台上的{M}点了一份{item}", "上订了{M}的{item}外卖",
                                "点外卖，商家是{M}", "下单了{M}的{item}，骑手配送过来"]), t, ctx)
            else:
                # the platform is not named; delivery words carry the scenario
                fill(g, me + g.pick(["中午点了{M}的外卖", "晚上叫了{M}的外卖", "在{M}订的餐，送来",
                                     "在{M}订餐，送过来以后发现", "订了{M}的{item}，送来后",
                                     "今天订了{M}的{item}，外卖小哥送到", "点的{M}的{item}外卖",
                                     "{date}点了{M}外送的{item}", "公司团餐叫的{M}的外卖"]), t, ctx)
            tags.add("takeout")
            if g.chance(0.35):
                t.add("，")
                t.add(g.pick(TAKEOUT_EXTRA))
        elif sc["online"]:
            pform = g.r.choice(platform.forms["alias"])
            if sc["live"]:
                fill(g, me + g.pick(["{date}在", "在", "看", "前段时间在"]), t, ctx)
                t.add(pform, platform)
                fill(g, g.pick(["看直播，主播推荐后在{M}下单买了{item}", "的{M}直播间购买了{item}",
                                "上看{M}直播带货，买了{item}", "刷到{M}直播，主播说是正品，就买了{item}"]), t, ctx)
                tags.update(["livestream", "online"])
            else:
                fill(g, me + g.pick(["于{date}在", "{date}在", "在网上", "在"]), t, ctx)
                if not t.parts[-1][0].endswith("网上") or g.chance(0.3):
                    t.add(pform, platform)
                    fill(g, g.pick(["上的{M}购买了{item}", "平台{M}网购了{item}", "上下单买了{M}的{item}",
                                    "的{M}买了一个{item}", "网购了{item}，店铺是{M}"]), t, ctx)
                else:
                    fill(g, g.pick(["购买了{item}", "买了{item}，快递收到后发现"]), t, ctx)
                tags.add("online")
        elif not oos:
            verb = g.r.choice(SECTORS[sector]["verb"])
            if item in ("保养", "钣金喷漆", "家电维修", "种植牙"):
                verb = g.pick(["做了", "预约了"])
            fill(g, me + g.pick(["于{date}在{M}" + verb + "{item}", "{date}在{M}" + verb + "{item}",
                                 "在{M}" + verb + "{item}", "{date}到{M}" + verb + "{item}",
                                 "前段时间去{M}" + verb + "{item}"]), t, ctx)
            if g.chance(0.4):
                fill(g, g.pick(["，花了{amt}", "，价格{amt}", "，共计{amt}", "，付款{amt}"]), t, ctx)
        if sc["elderly"] and not elderly_first:
            t.add("，")
            fill(g, g.pick(ELDERLY_CLAIM if issue == "advertising" else ELDERLY), t, ctx)
            tags.add("elderly")
        t.add(g.pick(["，", "。", "，", "，结果"]))

    # problem
    if oos:
        if t.parts and t.parts[-1][0] in ("，", "。"):
            t.parts.pop()
        t.add(g.pick(OUT_OF_SCOPE))
        tags.add("out_of_scope")
        if biz is not None and g.chance(0.5):
            fill(g, g.pick(["，涉及{M}", "，对方是{M}"]), t, ctx)
    else:
        if issue == "counterfeit" and "{brand}" not in clause[0] and g.chance(0.5):
            fill(g, "买的{brand}", t, ctx)
            t.add("，")
        fill(g, clause[0], t, ctx)
        used = [clause]
        if g.chance(0.35) and clause2 != clause:
            t.add("，")
            fill(g, clause2[0], t, ctx)
            used.append(clause2)
        if any("转店" in c[0] for c in used):
            tags.add("closure")
        # overlapping wording from a neighbouring issue, not decisive
        if g.chance(0.2) and issue not in ("other",):
            t.add("，")
            fill(g, g.pick(["联系客服也没人管", "找商家协商没有结果", "和店家沟通了好几次", "商家一直推脱",
                            "打了很多次电话", "对方态度很差"]), t, ctx)
    if sc["closure"]:
        t.add("。")
        fill(g, g.pick(CLOSURE), t, ctx)
        tags.add("closure")
    elif not oos and g.chance(0.04):
        t.add("，")
        t.add(g.pick(NOT_CLOSED))
    if g.chance(0.15):
        t.add("，")
        fill(g, g.pick(NEG_CLAUSES), t, ctx)

    # demand
    if kind != "inquiry":
        dem = g.wpick(DEMAND_BY_ISSUE[issue]) if not oos else g.wpick([("investigate", 2), ("refund", 0.4), ("apology", 1)])
        if (sc["prepaid"] or sc["closure"]) and g.chance(0.8):
            dem = "refund"
        if kind == "report" and g.chance(0.7):
            dem = "investigate"
        if dem == "refund" and sc["prepaid"] and g.chance(0.6):
            dem_text = g.pick(DEMAND["refund_prepaid"])
        elif dem == "punitive" and (issue == "food_safety" or icls == "F"):
            dem_text = g.pick(DEMAND["punitive_food"])
        else:
            dem_text = g.pick(DEMAND[dem])
        if style == "operator":
            t.add(g.pick(["。诉求：", "。诉求：", "，诉求：", "。来电人诉求："]))
        elif style == "short":
            t.add(g.pick(["，", "！", "。"]))
        else:
            t.add(g.pick(["，", "。现", "。", "，特此投诉，"]))
        fill(g, dem_text, t, ctx)
        if dem == "refund":
            tags.add("refund")
        if dem == "punitive":
            tags.add("punitive_demand")
            if "退一赔三" in dem_text:
                tags.add("refund")
            if g.chance(0.3):
                t.add("并")
                fill(g, g.pick(DEMAND["refund"]), t, ctx)
                tags.add("refund")
        elif dem == "refund" and g.chance(0.15) and issue in ("food_safety", "quality", "counterfeit", "price"):
            t.add("并")
            fill(g, g.pick(DEMAND["punitive_food" if issue == "food_safety" else "punitive"])[2:], t, ctx)
            tags.add("punitive_demand")
        elif dem != "refund" and g.chance(0.04):
            t.add("，")
            t.add(g.pick(NO_PUNITIVE))
            tags.add("refund")
        if dem == "investigate" and g.chance(0.2) and issue != "unlicensed" and kind != "report":
            t.add("，")
            fill(g, g.pick(DEMAND["refund"]), t, ctx)
            tags.add("refund")
    else:
        t.add(g.pick(["。来电咨询如何处理", "，想问下怎么维权？", "。咨询能否投诉"]))
    end = g.pick(["。", "。", "！", "", "。"]) if not t.parts[-1][0].endswith("？") else ""
    t.add(end)
    if end and g.chance(0.35):
        t.add(g.pick(EMOTION))
    if g.chance(0.2):
        t.add(g.pick(["联系电话：", "电话", "我的电话", "联系方式", "回电"]) + phone(g))
    if style == "letter":
        if t.parts[-1][0][-1] not in "。！":
            t.add("。")
        t.add(g.pick(["此致敬礼！", "盼复。", "望贵局尽快处理。"]))

    if style == "short":
        # short angry texts: strip the polite framing, keep the grievance
        pass
    text, mentions = t.render()
    raw_text = text
    text = add_noise(g, text, mentions)
    for mm in mentions:
        mm["name"] = text[mm["start"]:mm["end"]]

    # what the text itself says decides its tags, whichever clause said it
    if biz is not None and biz.kind == "live" and any(m["_biz"] is biz for m in mentions):
        tags.update(["livestream", "online"])
    if any(w in raw_text for w in PREPAID_TEXT_CUES) and not oos:
        tags.add("prepaid")
    tags = sorted(tags, key=TAG_ORDER.index)
    gold_merchant, merchant_field = choose_merchant(g, biz, mentions, ctx)
    cid = f"{channel_prefix(channel)}-2026-{idprefix_seq:07d}"
    rec = {"id": cid, "received_at": received_at(g, month, day), "channel": channel, "kind": kind,
           "complainant": f"p{g.r.randrange(1, 999999):06d}", "region": g.pick(REGIONS)}
    if merchant_field is not None:
        rec["merchant"] = merchant_field
    if g.chance(0.6):
        rec["amount"] = amount
    rec["text"] = text
    rec["gold"] = {"merchant": gold_merchant,
                   "mentions": [{"name": m["name"], "start": m["start"], "end": m["end"]} for m in mentions],
                   "issue": issue, "tags": tags}
    return rec


TAG_ORDER = ["prepaid", "closure", "refund", "online", "livestream", "takeout", "elderly",
             "punitive_demand", "out_of_scope"]


def channel_prefix(ch):
    return {"12315": "12315", "12345": "12345", "odr": "ODR", "letter": "XF", "web": "WEB", "visit": "LF"}[ch]


def received_at(g, month, day):
    m2 = min(12, month + g.r.randrange(0, 2))
    d2 = g.r.randrange(1, 29)
    return f"2026-{m2:02d}-{d2:02d}T{g.r.randrange(8, 21):02d}:{g.r.randrange(60):02d}:{g.r.randrange(60):02d}+08:00"


def choose_merchant(g, biz, mentions, ctx):
    """Gold merchant (the seller, else the platform) and the operator's field."""
    own = [m for m in mentions if m["_biz"] is biz] if biz is not None else []
    field = None
    if biz is not None and g.chance(0.65):
        field = biz.form(g) if not g.chance(0.06) else make_business(g, biz.sector).form(g)
    if own:
        return {"name": own[0]["name"], "key": biz.key, "sector": biz.sector}, field
    plat = [m for m in mentions if m["_biz"].kind == "platform"]
    if plat:
        b = plat[0]["_biz"]
        return {"name": plat[0]["name"], "key": b.key, "sector": "ecommerce"}, field
    if biz is not None and field is not None and biz.forms and field in sum(biz.forms.values(), []):
        return {"name": field, "key": biz.key, "sector": biz.sector}, field
    return None, field


def add_noise(g, text, mentions):
    """1:1 character noise (offsets stay valid): traditional characters,
    full-width digits, typos outside mentions."""
    chars = list(text)
    inside = [False] * len(chars)
    for m in mentions:
        for i in range(m["start"], m["end"]):
            inside[i] = True
    if g.chance(0.08):
        chars = list("".join(chars).translate(TRAD))
    if g.chance(0.1):
        chars = [FW.get(c, c) for c in chars]
    if g.chance(0.15):
        idx = [i for i, c in enumerate(chars) if c in TYPO and not inside[i]]
        for i in g.r.sample(idx, min(len(idx), g.r.randrange(1, 3))):
            chars[i] = TYPO[chars[i]]
    return "".join(chars)


# ---------------------------------------------------------- outputs -------

def cmd_gold(args):
    g = Gen(args.seed, args.pools)
    for i in range(args.n):
        print(json.dumps(gen_gold_record(g, i, args.start + i), ensure_ascii=False))


def is_heldout(rid):
    return int(hashlib.sha256(rid.encode()).hexdigest(), 16) % 5 == 0


def cmd_dev(args):
    """dev.jsonl and its split: a record's id decides its part (sha256 % 5 == 0:
    held-out); held-out records are drawn from their own seed with all pools."""
    gt = Gen(args.seed, "train")
    gh = Gen(args.heldout_seed, "all")
    recs = []
    for i in range(1, args.n + 1):
        # the id is fixed before the content: channel prefix comes from the draw,
        # so decide the part by a provisional id and keep it
        held = is_heldout(f"dev-{i}")
        rec = gen_gold_record(gh if held else gt, i, i)
        recs.append((held, rec))
    with open(f"{args.outdir}/dev.jsonl", "w", encoding="utf-8") as f_all, \
            open(f"{args.outdir}/dev-train.jsonl", "w", encoding="utf-8") as f_tr, \
            open(f"{args.outdir}/dev-heldout.jsonl", "w", encoding="utf-8") as f_ho:
        for held, rec in recs:
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f_all.write(line)
            (f_ho if held else f_tr).write(line)


def cmd_sample(args):
    """An unlabelled demo stream: five weeks of ordinary background traffic
    (the history the detector's baselines need), then a prepaid fitness
    closure cluster and a food-poisoning cluster in the last days."""
    g = Gen(args.seed, "all")
    out = []
    gym_forms = ["金鼎健身(开发区店)", "金鼎健身开发区分店", "金鼎健身", "开发区金鼎健身服务有限公司",
                 "金鼎健身万达店"]
    gym_texts = [
        "本人于2026年9月在{f}办理了年卡，花费3800元，现在门店突然关门，联系不上老板，要求退还剩余费用。",
        "市民来电反映：{f}人去楼空，会员卡余额无法使用，门上贴着装修升级暂停营业。诉求：要求商家退费。",
        "我在{f}买了24节私教课，还剩18节没上，这几天去发现大门紧锁，教练说老板跑路了，请帮忙退钱！电话13907311234",
        "尊敬的领导：我于今年双十一在{f}办了两年卡，交了4888元，现在店已经闭店，老板电话打不通，我们有两百多会员建了维权群，望贵局尽快处理。",
        "{f}跑路了！！！刚充值的5600元怎么办，要求全额退款",
        "市民来电反映：其在{f}办理游泳健身卡，金额2680元，近日该店停业，前台称换老板了不认旧卡。诉求：退还剩余卡费。",
    ]
    food = ["御膳坊酒楼", "御膳坊酒楼(人民路店)", "御膳坊"]
    food_texts = [
        "本人昨天晚上在{f}聚餐，一共6个人，回家后全家上吐下泻，去人民医院看急诊，医生说是食物中毒，要求赔偿医药费。",
        "市民来电反映：其于11月26日中午在{f}用餐后出现腹泻、呕吐症状，同桌多人都有类似情况。诉求：请监管部门查处该店。",
        "昨天在{f}吃的宴席，今天早上开始拉肚子发烧，朋友们也都不舒服，怀疑菜品变质，要求商家给个说法！",
    ]
    days = [(10, d) for d in range(24, 32)] + [(11, d) for d in range(1, 29)]
    base = [(md, h) for md in days for h in range(8, 20)]
    # background: generated complaints on ordinary days
    bg = []
    for i in range(args.background):
        rec = gen_gold_record(g, i, 0)
        del rec["gold"]
        bg.append(rec)
    for i, (f, tx) in enumerate(zip(gym_forms, gym_texts[:5])):
        rec = {"channel": "12345" if tx.startswith("市民") else "12315", "complainant": f"c9{i:02d}",
               "region": "开发区", "text": tx.format(f=f)}
        if i % 2 == 0:
            rec["merchant"] = "金鼎健身"
        if i != 2:
            rec["amount"] = [3800, 0, 0, 4888, 5600, 2680][i] or None
            if rec["amount"] is None:
                del rec["amount"]
        rec["_t"] = ((11, 25 + i // 2), 9 + 2 * i)
        bg.append(rec)
    for i, (f, tx) in enumerate(zip(food, food_texts)):
        rec = {"channel": "12345" if tx.startswith("市民") else "12315", "complainant": f"c8{i:02d}",
               "region": "鼓楼区", "text": tx.format(f=f), "_t": ((11, 27), 9 + 3 * i)}
        bg.append(rec)
    # professional-claimant-like pair and one duplicate filing across channels
    bg.append({"channel": "12315", "complainant": "c700", "region": "高新区",
               "text": "本人在惠民超市购买的进口饼干没有中文标签，依据《食品安全法》第一百四十八条要求十倍赔偿，不足一千元按一千元赔偿。",
               "amount": 35})
    bg.append({"channel": "12315", "complainant": "c700", "region": "城关区",
               "text": "本人在福源便利店购买的进口巧克力没有中文标签，依据《食品安全法》第一百四十八条要求十倍赔偿，不足一千元按一千元赔偿。",
               "amount": 28})
    g.r.shuffle(bg)
    for rec in bg:
        if "_t" in rec:
            (mo, d), h = rec.pop("_t")
        else:
            (mo, d), h = g.r.choice(base)
        ts = f"2026-{mo:02d}-{d:02d}T{h:02d}:{g.r.randrange(60):02d}:00+08:00"
        out.append((ts, rec))
    out.sort(key=lambda x: x[0])
    for seq, (ts, rec) in enumerate(out, 1):
        ch = rec.get("channel", "12315")
        o = {"id": f"{channel_prefix(ch)}-2026-{seq:07d}", "received_at": ts}
        for k in ("channel", "kind", "complainant", "region", "merchant", "amount", "text"):
            if k in rec:
                o[k] = rec[k]
        print(json.dumps(o, ensure_ascii=False))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("gold", help="labelled records to stdout")
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--n", type=int, default=1000)
    a.add_argument("--start", type=int, default=1, help="first id sequence number")
    a.add_argument("--pools", choices=["train", "all"], default="all")
    a = sub.add_parser("dev", help="dev.jsonl, dev-train.jsonl, dev-heldout.jsonl")
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--heldout-seed", type=int, default=2)
    a.add_argument("--n", type=int, default=3000)
    a.add_argument("--outdir", default="corpora")
    a = sub.add_parser("sample", help="unlabelled demo stream to stdout")
    a.add_argument("--seed", type=int, default=7)
    a.add_argument("--background", type=int, default=300,
                   help="ordinary complaints spread over the five weeks")
    args = ap.parse_args()
    {"gold": cmd_gold, "dev": cmd_dev, "sample": cmd_sample}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
