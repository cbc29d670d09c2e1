/* pii.c: personal-information masker (see pii.h). Works on code points:
 * each detector claims spans (done[]) and writes their masked form into o[]
 * (a code point, '*', or -1 for a dropped one). Detectors run from the most
 * specific to the most general: e-mail, QQ/WeChat labels, address unit
 * numbers, digit runs (mobile, landline, ID, bank card), then names. */
#include "pii.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* Generated from dicts/pii/surnames.txt: {"王", 0}, ... sorted by bytes;
 * the flag marks surnames that are also everyday words. */
static const struct surname {
    const char *s;
    int ambiguous;
} surnames[] = {
#include "pii_surnames.h"
};

#define MASK '*'
#define MOU 0x67D0 /* 某 */

typedef struct scan {
    const int32_t *c;
    int32_t *o;
    uint8_t *done;
    size_t n;
} scan;

/* ---- character classes ---- */

static int dval(int32_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c < 128 || u_charType(c) != U_DECIMAL_DIGIT_NUMBER)
        return -1;
    return u_charDigitValue(c);
}

static int is_han(int32_t c)
{
    return c >= 0x2E80 && u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_HAN;
}

static int is_latin(int32_t c)
{
    return u_isalpha(c) && u_getIntPropertyValue(c, UCHAR_SCRIPT) == USCRIPT_LATIN;
}

/* ASCII-ish code character, full-width forms included. */
static int is_code_char(int32_t c, const char *extra)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    if (c >= 128)
        return 0;
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr(extra, c));
}

static int is_num_sep(int32_t c)
{
    return c == ' ' || c == 0x3000 || c == 0xA0 || c == '-' || c == 0xFF0D ||
           (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

/* Code points of a UTF-8 literal matching at i: its length, else 0. */
static size_t lit(const scan *s, size_t i, const char *u8)
{
    const uint8_t *p = (const uint8_t *)u8; /* a valid literal: no checks */
    int32_t k = 0;
    size_t m = 0;
    while (p[k]) {
        UChar32 x;
        U8_NEXT_UNSAFE(p, k, x);
        if (i + m >= s->n || s->c[i + m] != x)
            return 0;
        m++;
    }
    return m;
}

static size_t any_lit(const scan *s, size_t i, const char *const *list, size_t *which)
{
    for (size_t k = 0; list[k]; k++) {
        size_t m = lit(s, i, list[k]);
        if (m) {
            if (which)
                *which = k;
            return m;
        }
    }
    return 0;
}

/* First code points of a NULL-terminated literal list (at most 32), for a
 * cheap test before any_lit on every position. */
typedef struct firsts {
    int32_t c[32];
    size_t n;
} firsts;

static firsts first_cps(const char *const *list)
{
    firsts f = {{0}, 0};
    for (size_t k = 0; list[k] && f.n < 32; k++) {
        int32_t j = 0;
        UChar32 x;
        U8_NEXT_UNSAFE((const uint8_t *)list[k], j, x);
        size_t q = 0;
        while (q < f.n && f.c[q] != x)
            q++;
        if (q == f.n)
            f.c[f.n++] = x;
    }
    return f;
}

static int may_start(const firsts *f, int32_t c)
{
    for (size_t q = 0; q < f->n; q++)
        if (f->c[q] == c)
            return 1;
    return 0;
}

/* A label from list ending exactly at `end`: its length, else 0. */
static size_t lit_ending(const scan *s, size_t end, const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        size_t m = 0;
        for (const char *q = list[k]; *q; q++)
            m += ((uint8_t)*q & 0xC0) != 0x80;
        if (m <= end && lit(s, end - m, list[k]))
            return m;
    }
    return 0;
}

/* Mark [a, b) as taken by a mask, so that later detectors leave it alone. */
static void claim(scan *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        s->done[i] = 1;
}

static int any_done(const scan *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s->done[i])
            return 1;
    return 0;
}

/* ---- e-mail ---- */

static void find_email(scan *s)
{
    for (size_t at = 1; at + 1 < s->n; at++) {
        if (s->c[at] != '@' && s->c[at] != 0xFF20)
            continue;
        size_t a = at;
        while (a > 0 && is_code_char(s->c[a - 1], "._%+-"))
            a--;
        while (a < at && !is_code_char(s->c[a], "")) /* no leading dot or dash */
            a++;
        size_t b = at + 1, last_dot = 0;
        while (b < s->n && is_code_char(s->c[b], ".-")) {
            if (s->c[b] == '.' || s->c[b] == 0xFF0E)
                last_dot = b;
            b++;
        }
        while (b > at + 1 && (s->c[b - 1] == '.' || s->c[b - 1] == '-' || s->c[b - 1] == 0xFF0E))
            b--;
        if (a == at || !last_dot || last_dot >= b || b - last_dot < 3 || last_dot == at + 1)
            continue;
        int tld_alpha = 1;
        for (size_t i = last_dot + 1; i < b; i++)
            tld_alpha &= is_latin(s->c[i]);
        if (!tld_alpha || any_done(s, a, b))
            continue;
        for (size_t i = at - a > 1 ? a + 1 : a; i < at; i++)
            s->o[i] = MASK; /* the first character stays unless it is all */
        claim(s, a, b);
        at = b;
    }
}

/* ---- QQ and WeChat ids after their labels ---- */

static void find_im_ids(scan *s)
{
    static const char *const qq[] = {"QQ", "qq", "Qq", "ＱＱ", "ｑｑ", "扣扣", "企鹅号", NULL};
    static const char *const wx[] = {"微信", "VX", "vx", "Vx", "WX", "wx", "Wx", "V信", "v信",
                                     "威信", "weixin", "WeChat", "wechat", NULL};
    static const char *const filler[] = {"号码", "账号", "帐号", "号", "ID", "id", ":", "：", " ",
                                         "\u3000", "是", "为", NULL};
    firsts fq = first_cps(qq), fw = first_cps(wx);
    for (size_t i = 0; i < s->n; i++) {
        size_t m;
        int is_qq = 1;
        if (!may_start(&fq, s->c[i]) && !may_start(&fw, s->c[i]))
            continue;
        if (!(m = any_lit(s, i, qq, NULL))) {
            if (!(m = any_lit(s, i, wx, NULL)))
                continue;
            is_qq = 0;
        }
        if (i > 0 && is_latin(s->c[i - 1]) && is_latin(s->c[i]))
            continue; /* part of a longer word */
        size_t j = i + m;
        for (int k = 0; k < 6 && j < s->n; k++) {
            size_t f = any_lit(s, j, filler, NULL);
            if (!f)
                break;
            j += f;
        }
        size_t e = j;
        if (is_qq)
            while (e < s->n && dval(s->c[e]) >= 0)
                e++;
        else
            while (e < s->n && (is_code_char(s->c[e], "_-") || dval(s->c[e]) >= 0))
                e++;
        size_t len = e - j;
        int ok = is_qq ? len >= 5 && len <= 12 : len >= 6 && len <= 20;
        if (!ok || (e < s->n && (is_latin(s->c[e]) || dval(s->c[e]) >= 0)) || any_done(s, j, e))
            continue;
        for (size_t k = j + 1; k < e; k++)
            s->o[k] = MASK;
        claim(s, j, e);
        i = e - 1;
    }
}

/* ---- unit numbers of home addresses: 3栋2单元501室 ---- */

static void find_address(scan *s)
{
    static const char *const units[] = {"号楼", "单元", "栋", "幢", "座", "层", "楼",
                                        "室", "户", "号", NULL};
    enum { U_HAOLOU, U_DANYUAN, U_DONG, U_ZHUANG, U_ZUO, U_CENG, U_LOU, U_SHI, U_HU, U_HAO };
    for (size_t i = 0; i < s->n; i++) {
        if (dval(s->c[i]) < 0 || (i > 0 && dval(s->c[i - 1]) >= 0))
            continue;
        size_t runs[8][2], n_runs = 0, k = i, unit = 0, first_unit = 0;
        int strong = 0;
        while (n_runs < 8 && k < s->n && dval(s->c[k]) >= 0) {
            size_t a = k;
            while (k < s->n && dval(s->c[k]) >= 0)
                k++;
            size_t m = any_lit(s, k, units, &unit);
            if (!m) {
                /* 2单元501: a bare room number after the unit of a stair */
                if (n_runs > 0 && k - a >= 3 && k - a <= 4 &&
                    !(k < s->n && (is_latin(s->c[k]) || s->c[k] == '.'))) {
                    runs[n_runs][0] = a;
                    runs[n_runs++][1] = k;
                }
                break;
            }
            if (n_runs == 0)
                first_unit = unit;
            runs[n_runs][0] = a;
            runs[n_runs++][1] = k;
            strong |= unit == U_DANYUAN || unit == U_SHI || unit == U_HU;
            k += m;
            if (k < s->n && (s->c[k] == '-' || s->c[k] == 0xFF0D))
                k++;
        }
        int building = first_unit == U_HAOLOU || first_unit == U_DONG ||
                       first_unit == U_ZHUANG || first_unit == U_ZUO;
        if (!(strong || (n_runs >= 2 && building)) || any_done(s, runs[0][0], k)) {
            if (n_runs)
                i = runs[n_runs - 1][1] - 1;
            continue;
        }
        /* a leading 88号 is the street number, not the home */
        size_t from = (n_runs > 1 && first_unit == U_HAO) ? 1 : 0;
        for (size_t r = from; r < n_runs; r++)
            for (size_t q = runs[r][0]; q < runs[r][1]; q++)
                s->o[q] = MASK;
        claim(s, runs[from][0], runs[n_runs - 1][1]);
        i = runs[n_runs - 1][1] - 1;
    }
}

/* ---- digit runs: phones, ID numbers, bank cards ---- */

enum label { L_NONE, L_PHONE, L_ID, L_CARD, L_ORDER };

/* The label nearest before position `at` (within 12 code points). */
static enum label label_before(const scan *s, size_t at)
{
    static const char *const order[] = {"订单号码", "订单", "单号", "编号", "运单", "流水",
                                        "交易号", "快递", "物流", "批号", "批次", "条码",
                                        "发票", "合同", "型号", "序列号", "工单", "券码",
                                        "货号", "验证码", "金额", "价格", "NO", "No", "no", NULL};
    static const char *const id[] = {"身份证", "证件", "身份号", NULL};
    static const char *const card[] = {"卡号", "银行卡", "信用卡", "储蓄卡", "借记卡", "账号",
                                       "帐号", "账户", "帐户", NULL};
    static const char *const phone[] = {"电话", "手机", "号码", "联系方式", "座机", "致电",
                                        "来电", "拨打", "tel", "Tel", "TEL", NULL};
    for (size_t d = 0; d <= 12 && d <= at; d++) {
        size_t end = at - d;
        if (lit_ending(s, end, order))
            return L_ORDER;
        if (lit_ending(s, end, id))
            return L_ID;
        if (lit_ending(s, end, card))
            return L_CARD;
        if (lit_ending(s, end, phone))
            return L_PHONE;
        if (end > 0 && (s->c[end - 1] == 0x3002 || s->c[end - 1] == '\n'))
            break; /* labels do not reach across sentences */
    }
    return L_NONE;
}

static int valid_date(int y, int m, int d)
{
    static const int dm[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > dm[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static int num(const char *d, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (d[i] - '0');
    return v;
}

static int id18_ok(const char *d, int labelled)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[] = "10X98765432";
    if (d[0] < '1' || d[0] > '8')
        return 0;
    for (int i = 0; i < 17; i++)
        if (d[i] == 'X')
            return 0;
    int y = num(d + 6, 4);
    if (y < 1900 || y > 2099 || !valid_date(y, num(d + 10, 2), num(d + 12, 2)))
        return 0;
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (d[i] - '0') * w[i];
    return labelled || check[sum % 11] == d[17];
}

static int id15_ok(const char *d)
{
    if (d[0] < '1' || d[0] > '8')
        return 0;
    return valid_date(1900 + num(d + 6, 2), num(d + 8, 2), num(d + 10, 2));
}

static int luhn_ok(const char *d, int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        int v = d[n - 1 - i] - '0';
        if (i % 2 == 1 && (v *= 2) > 9)
            v -= 9;
        sum += v;
    }
    return sum % 10 == 0;
}

/* Classify the digits d[0..n): returns how many leading digits stay
 * visible, or -1 when the number is not personal. */
static int classify(const char *d, int n, enum label lab)
{
    if (lab == L_ORDER || d[n - 1] == 'X')
        return (n == 18 && lab != L_ORDER && id18_ok(d, lab == L_ID)) ? 1 : -1;
    if (n == 11 && d[0] == '1' && d[1] >= '3')
        return 1;
    if (n == 13 && d[0] == '8' && d[1] == '6' && d[2] == '1' && d[3] >= '3')
        return 3;
    if (n == 15 && memcmp(d, "00861", 5) == 0 && d[5] >= '3')
        return 5;
    if (d[0] == '0' && d[1] != '0' && n >= 10 && n <= 12) {
        int area = (d[1] == '1' || d[1] == '2') ? 3 : 4;
        if (n - area == 7 || n - area == 8)
            return area;
    }
    if (lab == L_PHONE && (n == 7 || n == 8) && d[0] >= '2')
        return 1;
    if (n == 18 && id18_ok(d, lab == L_ID))
        return 1;
    if (n == 15 && id15_ok(d))
        return 1;
    if (n >= 16 && n <= 19 && (lab == L_CARD || (d[0] >= '3' && d[0] <= '6' && luhn_ok(d, n))))
        return 1;
    return -1;
}

static int is_amount_unit(int32_t c)
{
    static const int32_t u[] = {0x5143 /*元*/, 0x5757 /*块*/, 0x4E07 /*万*/, 0x4EBF /*亿*/,
                                0x89D2 /*角*/, '%', 0xFF05, 0x5206 /*分*/, 0};
    for (int i = 0; u[i]; i++)
        if (c == u[i])
            return 1;
    return 0;
}

#define MAX_GROUPS 12

static void find_numbers(scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (dval(s->c[i]) < 0 || s->done[i])
            continue;
        /* groups of digits joined by single separators */
        size_t ga[MAX_GROUPS], gb[MAX_GROUPS];
        int ng = 0;
        size_t k = i;
        int paren = i > 0 && (s->c[i - 1] == '(' || s->c[i - 1] == 0xFF08);
        for (;;) {
            size_t a = k;
            while (k < s->n && dval(s->c[k]) >= 0 && !s->done[k])
                k++;
            if (k < s->n && (s->c[k] == 'X' || s->c[k] == 'x' || s->c[k] == 0xFF38 ||
                             s->c[k] == 0xFF58))
                k++; /* check digit of an ID number */
            if (ng < MAX_GROUPS) {
                ga[ng] = a;
                gb[ng++] = k;
            }
            int sep = k + 1 < s->n && dval(s->c[k + 1]) >= 0 && !s->done[k + 1] &&
                      (is_num_sep(s->c[k]) ||
                       (paren && ng == 1 && (s->c[k] == ')' || s->c[k] == 0xFF09)));
            if (!sep || dval(s->c[k - 1]) < 0)
                break;
            k++;
        }
        size_t end = k;
        int32_t before = i > 0 ? s->c[i - 1] : 0;
        int32_t after = end < s->n ? s->c[end] : 0;
        /* codes (AB123...), decimals (1380.50) and amounts (13800元); a
         * Latin label glued to the number (Tel13812345678) is no code */
        static const char *const latin_labels[] = {"tel", "Tel", "TEL", "phone", "Phone",
                                                   "PHONE", "mobile", "Mobile", NULL};
        size_t ll = is_latin(before) ? lit_ending(s, i, latin_labels) : 0;
        int glued = ll && !(i > ll && is_latin(s->c[i - ll - 1]));
        if ((is_latin(before) && !glued) || is_latin(after) ||
            ((before == '.' || before == 0xFF0E) && i > 1 && dval(s->c[i - 2]) >= 0) ||
            ((after == '.' || after == 0xFF0E) && end + 1 < s->n && dval(s->c[end + 1]) >= 0) ||
            ng == MAX_GROUPS) {
            i = end - 1;
            continue;
        }
        for (int g = 0; g < ng;) {
            int matched = 0;
            for (int h = ng - 1; h >= g && !matched; h--) {
                char d[32];
                size_t pos[32];
                int n = 0;
                for (int q = g; q <= h && n < 32; q++)
                    for (size_t p = ga[q]; p < gb[q] && n < 32; p++) {
                        int v = dval(s->c[p]);
                        d[n] = v >= 0 ? (char)('0' + v) : 'X';
                        pos[n++] = p;
                    }
                if (n < 7 || n > 19)
                    continue;
                if (h == ng - 1 && is_amount_unit(after))
                    continue;
                int keep = classify(d, n, label_before(s, ga[g]));
                if (keep < 0)
                    continue;
                for (int q = keep; q < n; q++)
                    s->o[pos[q]] = MASK;
                claim(s, ga[g], gb[h]);
                matched = 1;
                g = h + 1;
            }
            if (!matched)
                g++;
        }
        i = end - 1;
    }
}

/* ---- person names ---- */

static int surname_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct surname *)elem)->s);
}

/* Surname of `len` code points at i (1 or 2): its entry, else NULL. */
static const struct surname *surname_at(const scan *s, size_t i, size_t len)
{
    char key[16];
    size_t o = 0;
    if (i + len > s->n)
        return NULL;
    for (size_t k = 0; k < len; k++) {
        if (!is_han(s->c[i + k]))
            return NULL;
        U8_APPEND_UNSAFE((uint8_t *)key, o, s->c[i + k]);
    }
    key[o] = '\0';
    return bsearch(key, surnames, sizeof surnames / sizeof surnames[0], sizeof surnames[0],
                   surname_cmp);
}

static const char *const titles[] = {"先生", "女士", "小姐", "师傅", "阿姨", "叔叔", "大爷",
                                     "大妈", "大姐", "大哥", "大叔", "奶奶", "爷爷", "老师",
                                     "经理", "主任", "店长", "医生", "律师", "同学", "老板", NULL};

/* Words whose last or first character is a surname, so that the surname is
 * no name there: 保安大哥, 谢谢师傅, 对于老板, 父母老师, 班主任, 投诉人陈述. */
static const char *const not_names[] = {
    "保安", "公安", "平安", "治安", "房东", "股东", "门卫", "宿管", "物管", "城管", "主管", "收银",
    "维修", "装修", "社区", "小区", "旁边", "身边", "谢谢", "多谢", "感谢", "致谢", "答谢", "道谢",
    "对于", "关于", "由于", "至于", "属于", "等于", "终于", "位于", "处于", "基于", "用于", "在于",
    "父母", "班主", "陈述", "陈列", "金额", "钱款", "余额", "高额", "高价", "方面", "方便", "方式",
    "周末", "周边", "时间", "全部", "全额", "马上", "于是", "向着", "张贴", "黄金", "白天", "江湖",
    "万元", "时候", NULL};

/* Right after a label with no colon (消费者权利, 车主权益, 消费者信息), the
 * label's ordinary compounds, not a name; after 消费者：, a name. */
static const char *const label_compounds[] = {"权利", "权益", "利益", "安全", "满意", "信息",
                                              "信用", "保护", "保障", "费用", NULL};

/* Characters that do not occur in a given name here: verbs and particles
 * that follow a name (王小明反映, 李四称), and 某 (already masked). */
static const char given_stop[] =
    "反称说表在于的是电手联投举申要想被将把与和及等家住今昨前后也就都又还曾已购买办充到来去致拨打通向对因从给让某先女";

/* Before an ambiguous surname (江, 关, 南...) only these make it a name:
 * 浙江大姐 and 海关大哥 are not people called 江 and 关. */
static const char amb_prev[] = "的了是找给叫位名让跟和与问请有个";

static int in_set(int32_t c, const char *u8set)
{
    const uint8_t *p = (const uint8_t *)u8set;
    for (int32_t k = 0; p[k];) {
        UChar32 x;
        U8_NEXT_UNSAFE(p, k, x);
        if (x == c)
            return 1;
    }
    return 0;
}

/* May a name start with the surname of sl code points at a? */
static int name_start_ok(const scan *s, size_t a, size_t sl)
{
    const struct surname *sn = surname_at(s, a, sl);
    if (!sn || (sl == 1 && in_set(s->c[a], "和向")))
        return 0;
    if (a > 0 && is_han(s->c[a - 1])) {
        if (sn->ambiguous && !in_set(s->c[a - 1], amb_prev))
            return 0;
        if (sl == 1 && lit_ending(s, a + 1, not_names) == 2)
            return 0;
    }
    return !lit(s, a + sl - 1, "某") && lit_ending(s, a + sl + 1, not_names) != 2;
}

static int given_ok(const scan *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!is_han(s->c[k]) || in_set(s->c[k], given_stop))
            return 0;
    return 1;
}

/* 王先生 -> 王某, 刘心武先生 -> 刘某. Not when the title starts a shop name
 * (张师傅牛肉面) or the "surname" belongs to a word (保安大哥, 谢谢师傅) or
 * is a conjunction (我和先生). */
static void find_titled_names(scan *s)
{
    static const char brand_next[] = "牛羊鸡鸭鱼肉面饭粉饺包烧烤火麻酸餐厨馆店超汽洗美健茶果蛋糕饼锅串米菜豆记";
    firsts ft = first_cps(titles);
    for (size_t i = 1; i < s->n; i++) {
        if (!may_start(&ft, s->c[i]))
            continue;
        size_t tl = any_lit(s, i, titles, NULL);
        if (!tl || any_done(s, i, i + tl))
            continue;
        if (i + tl < s->n && in_set(s->c[i + tl], brand_next))
            continue;
        /* the longest name first (surname + up to 2 given characters); at
         * one length a compound surname first (欧阳女士 is not 欧 + 阳) */
        size_t a = 0, sl = 0;
        for (size_t len = 4; len >= 1 && !sl; len--)
            for (size_t l = 2; l >= 1 && !sl; l--)
                if (len >= l && len - l <= 2 && i >= len && given_ok(s, i - len + l, i) &&
                    name_start_ok(s, i - len, l) && !any_done(s, i - len, i)) {
                    a = i - len;
                    sl = l;
                }
        if (!sl)
            continue;
        for (size_t k = a + sl; k < i; k++)
            s->o[k] = -1;
        s->o[i] = MOU;
        for (size_t k = 1; k < tl; k++)
            s->o[i + k] = -1;
        claim(s, a, i + tl);
        i += tl - 1;
    }
}

/* 姓名：张三, 投诉人王小明 -> 姓名：张某, 投诉人王某. */
static void find_labelled_names(scan *s)
{
    static const char *const labels[] = {
        "姓名", "联系人", "投诉人", "举报人", "申诉人", "反映人", "来电人", "来访人", "当事人",
        "消费者", "申请人", "委托人", "收货人", "收件人", "报案人", "业主", "车主", "户主", NULL};
    firsts fl = first_cps(labels);
    for (size_t i = 0; i < s->n; i++) {
        if (!may_start(&fl, s->c[i]))
            continue;
        size_t ll = any_lit(s, i, labels, NULL);
        if (!ll)
            continue;
        size_t j = i + ll;
        int colon = 0;
        while (j < s->n && (s->c[j] == ':' || s->c[j] == 0xFF1A || s->c[j] == ' ' ||
                            s->c[j] == 0x3000 || s->c[j] == 0x4E3A /*为*/)) {
            colon |= s->c[j] == ':' || s->c[j] == 0xFF1A;
            j++;
        }
        const struct surname *sn = NULL;
        size_t sl = 2;
        if (!(sn = surname_at(s, j, 2))) {
            sl = 1;
            sn = surname_at(s, j, 1);
        }
        if (!sn || (sn->ambiguous && !colon) || lit(s, j, "某"))
            continue;
        size_t g = j + sl, k = g;
        while (k < s->n && k - g < 2 && is_han(s->c[k]) && !in_set(s->c[k], given_stop) &&
               !any_lit(s, k, titles, NULL))
            k++;
        if (k == g || any_done(s, j, k) || lit_ending(s, g + 1, not_names) ||
            (!colon && lit_ending(s, g + 1, label_compounds)))
            continue;
        s->o[g] = MOU;
        for (size_t q = g + 1; q < k; q++)
            s->o[q] = -1;
        claim(s, j, k);
        i = k - 1;
    }
}

qs_rc pii_mask(const char *utf8, size_t len, char **out, qs_err *err)
{
    *out = NULL;
    if (len > INT32_MAX / 4)
        return qs_fail(err, QS_EINVAL, "text too long to mask (%zu bytes)", len);
    int32_t *c = malloc((len + 1) * sizeof *c);
    int32_t *o = malloc((len + 1) * sizeof *o);
    uint8_t *done = calloc(len + 1, 1);
    char *res = malloc(len * 4 + 1);
    qs_rc rc = QS_OK;
    if (!c || !o || !done || !res) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory masking text");
        goto out;
    }
    size_t n = 0;
    const uint8_t *p = (const uint8_t *)utf8;
    for (int32_t i = 0, lim = (int32_t)len; i < lim;) {
        UChar32 x;
        int32_t at = i;
        U8_NEXT(p, i, lim, x);
        if (x < 0) {
            rc = qs_fail(err, QS_EINVAL, "invalid UTF-8 at byte %d", at);
            goto out;
        }
        c[n] = o[n] = x;
        n++;
    }
    scan s = {c, o, done, n};
    find_email(&s);
    find_im_ids(&s);
    find_address(&s);
    find_numbers(&s);
    find_titled_names(&s);
    find_labelled_names(&s);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (o[i] >= 0)
            U8_APPEND_UNSAFE((uint8_t *)res, w, o[i]);
    res[w] = '\0';
    *out = res;
    res = NULL;
out:
    free(c);
    free(o);
    free(done);
    free(res);
    return rc;
}
