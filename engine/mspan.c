/* mspan.c: the learned scorer of bare trade names (see mspan.h): candidate
 * spans, their features, the model file and its fit. */
#include "mspan.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#define MAX_LEN 6    /* characters in a candidate */
#define MAX_TOKS 3   /* tokens in a candidate */

/* The features, in model-file order; F_BIAS is always 1. */
enum {
    F_BIAS,
    /* left context */
    F_L_START, F_L_ZAI, F_L_QU, F_L_CONG, F_L_QING, F_L_ZHAO, F_L_GEN, F_L_GEI, F_L_SHI, F_L_LE, F_L_DE,
    F_L_CUEPRE, F_L_VERB, F_L_OTHER,
    /* right context */
    F_R_END, F_R_DE_HAS, F_R_DE_OTHER, F_R_DIAN, F_R_MAI, F_R_BAN, F_R_SHANG, F_R_DING, F_R_PAI, F_R_AGENT,
    F_R_APP, F_R_STORE, F_R_CUEPOST, F_R_HAS, F_R_OTHER,
    /* the span */
    F_LEN2, F_LEN3, F_LEN4, F_LEN5, F_TOK1, F_TOK2, F_TOK3, F_OOV, F_W_COMMON, F_W_MID, F_W_RARE, F_SINGLES,
    F_TOK_COMMON, F_FIRST_FUNC, F_LATIN, F_DIGIT, F_XIAO_LAO, F_LAST_PERSON, F_LAST_PLACE,
    F_LAST_INST, F_NONM_IN, F_REGION_START, F_REGION_IN, F_STOP_IN, F_ANCHOR_AFTER,
    F_NUM_FIRST, F_VERB_IN, F_CUEPOST_IN, F_S_CUT, F_E_CUT, F_S_CUT_WORD, F_E_CUT_WORD, F_STOP_FIRST, F_REPEATS, F_OOV_REPEATS,
    /* conjunctions */
    F_START_DE_HAS, F_START_AGENT, F_START_APP, F_ZAI_BUY, F_ZAI_DE, F_ZAI_END, F_OOV_START, F_COMMON_START,
    F_OOV_DE_HAS, F_COMMON_DE_HAS, F_SINGLES_ZAI, F_OOV_AGENT,
    F_COUNT
};

static const char *const names[F_COUNT] = {
    "bias",
    "l_start", "l_zai", "l_qu", "l_cong", "l_qing", "l_zhao", "l_gen", "l_gei", "l_shi", "l_le", "l_de",
    "l_cuepre", "l_verb", "l_other",
    "r_end", "r_de_has", "r_de_other", "r_dian", "r_mai", "r_ban", "r_shang", "r_ding", "r_pai", "r_agent",
    "r_app", "r_store", "r_cuepost", "r_has", "r_other",
    "len2", "len3", "len4", "len5", "tok1", "tok2", "tok3", "oov", "w_common", "w_mid", "w_rare", "singles",
    "tok_common", "first_func", "latin", "digit", "xiao_lao", "last_person", "last_place",
    "last_inst", "nonm_in", "region_start", "region_in", "stop_in", "anchor_after",
    "num_first", "verb_in", "cuepost_in", "s_cut", "e_cut", "s_cut_word", "e_cut_word", "stop_first", "repeats", "oov_repeats",
    "start_de_has", "start_agent", "start_app", "zai_buy", "zai_de", "zai_end", "oov_start", "common_start",
    "oov_de_has", "common_de_has", "singles_zai", "oov_agent",
};

_Static_assert(F_COUNT <= MSPAN_NF, "MSPAN_NF too small");

const char *mspan_feature_name(size_t i)
{
    return i < F_COUNT ? names[i] : NULL;
}

/* ---------- context words ---------- */

/* What a business has or sells, after its name and 的 (孩子王的会员, 喜茶的
 * 多肉葡萄 is a dish: not listed, the span scorer weighs it as r_de_other). */
static const char *const has_words[] = {
    "会员", "积分", "员工", "店员", "店长", "老板", "经理", "客服", "售后", "工作人员", "服务员", "销售",
    "导购", "前台", "老师", "教练", "师傅", "技师", "骑手", "外卖", "产品", "商品", "东西", "套餐", "课",
    "课程", "试听课", "门店", "分店", "优惠券", "券", "活动", "广告", "宣传", "招生", "简章", "合同", "订单",
    "小程序", "app", "公众号", "官网", "奶茶", "饮品", "蛋糕", "面包", "果切", "衣服", "鞋", "车", "房",
    "视频", "照片", "服务", "保洁", "阿姨", "卡", "会员卡", "充值卡", "年卡", "储值卡", "价格", "退款",
    "规定", "规则", "承诺", "政策", "包装", "盒子", "饭菜", "菜", "熟食", "档口", "柜台", "专柜", "网点",
    "配送", "快递", "直播", "主播", "客户经理", "业务员", "顾问", "美容师", "理发师", "医生", "司机", "导游"};
/* A business acting on its customers (喜茶推出, 青禾拒绝退款); people say,
 * tell and state too (李某表示, 某某告诉记者): those words are left out */
static const char *const agent_words[] = {
    "推出", "推的", "承诺", "拒绝退", "不给退", "不退", "不肯退", "收取", "收了我", "扣了我", "卖的", "卖给",
    "给我", "让我", "把我", "骗", "坑了", "涨价", "倒闭", "跑路", "关门", "停业", "客服说", "客服称",
    "员工说", "店员说"};
static const char *const app_words[] = {"小程序", "app", "公众号", "官网", "网站", "平台", "客服", "热线",
                                        "官方", "旗下", "会员", "积分", "门店", "店里", "店内", "家的"};
static const char *const store_words[] = {"门店", "店", "分店", "总部", "专柜", "柜台", "档口", "专卖",
                                          "加盟店", "直营店", "网店", "连锁", "总店"};
static const char *const buy_words[] = {"买", "购", "购买", "下单", "消费", "团购"};
static const char *const ban_words[] = {"办的", "办了", "办理", "办卡", "充的", "充了", "充值", "报名", "报了", "报的", "签约", "签了", "交了", "交的"};
static const char *const ding_words[] = {"订", "预订", "约", "预约", "租"};
static const char *const pai_words[] = {"拍", "做", "剪", "烫", "修", "装", "洗", "吃", "喝", "住", "上课",
                                        "学"};

/* The lists decoded once into one table of code points, bucketed by the
 * first character: one bucket scan gives, at a position, the longest word
 * of every list that starts there. */
enum { K_HAS, K_AGENT, K_APP, K_STORE, K_BUY, K_BAN, K_DING, K_PAI, K_N };
static const struct {
    const char *const *w;
    size_t n;
} lists[K_N] = {
    {has_words, sizeof has_words / sizeof *has_words},       {agent_words, sizeof agent_words / sizeof *agent_words},
    {app_words, sizeof app_words / sizeof *app_words},       {store_words, sizeof store_words / sizeof *store_words},
    {buy_words, sizeof buy_words / sizeof *buy_words},       {ban_words, sizeof ban_words / sizeof *ban_words},
    {ding_words, sizeof ding_words / sizeof *ding_words},    {pai_words, sizeof pai_words / sizeof *pai_words},
};
#define W_LEN 6        /* code points in a word */
#define W_ALL 256      /* words in all lists */
#define W_BUCKETS 512
typedef struct went {
    int32_t w[W_LEN];
    uint8_t len, kind;
} went;
static went words[W_ALL];
static uint16_t bucket_at[W_BUCKETS + 1]; /* words[bucket_at[b] .. bucket_at[b + 1]) */

static inline size_t bucket_of(int32_t c)
{
    return ((uint32_t)c * 2654435761u) >> 23;
}

/* len[k]: the longest word of list k that f[i..n) starts with (0: none). */
static void words_at(const int32_t *f, size_t n, size_t i, uint8_t len[K_N])
{
    memset(len, 0, K_N);
    if (i >= n)
        return;
    size_t b = bucket_of(f[i]);
    for (size_t w = bucket_at[b]; w < bucket_at[b + 1]; w++) {
        const went *x = &words[w];
        size_t L = x->len, k = 0;
        if (L <= len[x->kind] || i + L > n)
            continue;
        while (k < L && f[i + k] == x->w[k])
            k++;
        if (k == L)
            len[x->kind] = (uint8_t)L;
    }
}

static int has_at(const int32_t *f, size_t n, size_t i)
{
    uint8_t len[K_N];
    words_at(f, n, i, len);
    return len[K_HAS] != 0;
}

/* Character classes, decoded with the lists. */
enum { S_MONEY, S_SHANG_NEXT, S_LEFT_VERB, S_FUNC, S_VERB_IN, S_XIAO, S_PERSON, S_PLACE, S_INST, S_NUM, S_ABSTRACT, S_N };
static const char *const cs_src[S_N] = {"费券款金钱额价票", "的买订约下查看点搜预充报团抢领", "买订约点报选办投诉", "我你您他她它这那每某各该本有没不也都就还又很太", "买卖说去来给要退收付让看问打用被把", "小老阿", "员师工人哥姐叔姨婆爷妈爸生友儿女子", "区路街道镇村城场湾园港桥山湖江河门口站楼厦里坊省市县乡", "局院校所会委部厅处队社", "一二两三四五六七八九十几半", "性量率项中以们时间"};
#define CS_MAX 32
static int32_t cs[S_N][CS_MAX];
static uint8_t cs_n[S_N];

/* c is one of the characters of the UTF-8 string set */
static int in_set_cp(const char *set, int32_t c)
{
    for (size_t i = 0, n = strlen(set); i < n;) {
        UChar32 u;
        U8_NEXT(set, i, n, u);
        if (u == c)
            return 1;
    }
    return 0;
}

static int in_cs(int k, int32_t c)
{
    for (size_t i = 0; i < cs_n[k]; i++)
        if (cs[k][i] == c)
            return 1;
    return 0;
}

static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void decode_lists(void)
{
    static went flat[W_ALL];
    size_t nw = 0, count[W_BUCKETS + 1] = {0};
    for (size_t k = 0; k < K_N; k++)
        for (size_t i = 0; i < lists[k].n && nw < W_ALL; i++) {
            const char *w = lists[k].w[i];
            size_t at = 0, len = strlen(w), m = 0;
            while (at < len && m < W_LEN) {
                UChar32 u;
                U8_NEXT(w, at, len, u);
                flat[nw].w[m++] = u;
            }
            flat[nw].len = (uint8_t)m;
            flat[nw].kind = (uint8_t)k;
            count[bucket_of(flat[nw].w[0]) + 1]++;
            nw++;
        }
    for (size_t b = 0; b < W_BUCKETS; b++)
        count[b + 1] += count[b];
    for (size_t b = 0; b <= W_BUCKETS; b++)
        bucket_at[b] = (uint16_t)count[b];
    for (size_t i = 0; i < nw; i++)
        words[count[bucket_of(flat[i].w[0])]++] = flat[i];
    for (size_t k = 0; k < S_N; k++) {
        size_t i = 0, len = strlen(cs_src[k]);
        while (i < len && cs_n[k] < CS_MAX) {
            UChar32 u;
            U8_NEXT(cs_src[k], i, len, u);
            cs[k][cs_n[k]++] = u;
        }
    }
}

enum { R_NONE, R_END, R_DE_HAS, R_DE_OTHER, R_DIAN, R_MAI, R_BAN, R_SHANG, R_DING, R_PAI, R_AGENT, R_APP,
       R_STORE, R_CUEPOST, R_HAS };

static int is_han(int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* The kind of right context at e (R_NONE: nothing that frames a business). */
static int right_kind(const mspan_text *t, size_t e)
{
    const int32_t *f = t->f;
    size_t n = t->n;
    if (e >= n || !t->name_ok[e])
        return R_END;
    int32_t c = f[e];
    if (c == 0x7684 /* 的 */) {
        if (e + 1 < n && has_at(f, n, e + 1))
            return R_DE_HAS;
        return R_DE_OTHER;
    }
    uint8_t len[K_N];
    words_at(f, n, e, len);
    if (len[K_AGENT])
        return R_AGENT;
    if (len[K_APP])
        return R_APP;
    if (c == 0x70B9 /* 点 */ && e + 1 < n && (f[e + 1] == 0x7684 || f[e + 1] == 0x4E86 /* 了 */))
        return R_DIAN;
    if (len[K_BUY])
        return R_MAI;
    if (len[K_BAN])
        return R_BAN;
    /* 在悠程上查, 青柠上约的: a verb after 上 (在货架上， is a place) */
    if (c == 0x4E0A /* 上 */ && e + 1 < n && in_cs(S_SHANG_NEXT, f[e + 1]))
        return R_SHANG;
    if (len[K_DING])
        return R_DING;
    if (len[K_STORE])
        return R_STORE;
    if (t->lex[e] & MSPAN_CUEPOST)
        return R_CUEPOST;
    if (len[K_PAI] && e + 1 < n && (f[e + 1] == 0x7684 || f[e + 1] == 0x4E86))
        return R_PAI;
    if (len[K_HAS])
        return R_HAS;
    return R_NONE;
}

enum { L_NONE, L_START, L_ZAI, L_QU, L_CONG, L_QING, L_ZHAO, L_GEN, L_GEI, L_SHI, L_LE, L_DE, L_CUEPRE,
       L_VERB };

/* The characters left_kind gives a cue for (its switch, as a test). */
static int in_left_switch(int32_t c)
{
    switch (c) {
    case 0x5728: case 0x518D: case 0x53BB: case 0x5230: case 0x6765: case 0x4ECE: case 0x8BF7: case 0x627E:
    case 0x8DDF: case 0x548C: case 0x4E0E: case 0x540C: case 0x7ED9: case 0x5411: case 0x88AB: case 0x5BF9:
    case 0x4E70: case 0x8BA2: case 0x7EA6: case 0x70B9: case 0x62A5: case 0x9009: case 0x529E: case 0x6295:
    case 0x8BC9:
        return 1;
    default:
        return 0;
    }
}

static int left_kind(const mspan_text *t, size_t s)
{
    if (s == 0 || !t->name_ok[s - 1])
        return L_START;
    int32_t c = t->f[s - 1];
    switch (c) {
    case 0x5728: case 0x518D: return L_ZAI;                      /* 在, 再 (its common misspelling) */
    case 0x53BB: case 0x5230: case 0x6765: return L_QU;          /* 去 到 来 */
    case 0x4ECE: return L_CONG;                                  /* 从 */
    case 0x8BF7: return L_QING;                                  /* 请 */
    case 0x627E: return L_ZHAO;                                  /* 找 */
    case 0x8DDF: case 0x548C: case 0x4E0E: case 0x540C: return L_GEN; /* 跟 和 与 同 */
    case 0x7ED9: case 0x5411: case 0x88AB: case 0x5BF9: return L_GEI; /* 给 向 被 对 */
    case 0x662F: case 0x53EB: return L_SHI;                      /* 是 叫 */
    case 0x4E86: return L_LE;                                    /* 了 */
    case 0x7684: return L_DE;                                    /* 的 */
    default: break;
    }
    if (t->lex[s] & MSPAN_CUEPRE_END)
        return L_CUEPRE;
    switch (c) {
    case 0x4E70: case 0x8BA2: case 0x7EA6: case 0x70B9: case 0x62A5: /* 买 订 约 点 报 */
    case 0x9009: case 0x529E: case 0x6295: case 0x8BC9:              /* 选 办 投 诉 */
        return L_VERB;
    default:
        return L_NONE;
    }
}

/* ---------- candidates ---------- */

static void features(const mspan_text *t, size_t s, size_t e, const size_t *tok, size_t ntok, int lk, int rk,
                     uint8_t *x)
{
    const int32_t *f = t->f;
    size_t n = t->n, len = e - s;
    memset(x, 0, MSPAN_NF);
    x[F_BIAS] = 1;
    static const int lmap[] = {F_L_OTHER, F_L_START, F_L_ZAI, F_L_QU, F_L_CONG, F_L_QING, F_L_ZHAO,
                               F_L_GEN, F_L_GEI, F_L_SHI, F_L_LE, F_L_DE, F_L_CUEPRE, F_L_VERB};
    static const int rmap[] = {F_R_OTHER, F_R_END, F_R_DE_HAS, F_R_DE_OTHER, F_R_DIAN, F_R_MAI, F_R_BAN,
                               F_R_SHANG, F_R_DING, F_R_PAI, F_R_AGENT, F_R_APP, F_R_STORE, F_R_CUEPOST,
                               F_R_HAS};
    x[lmap[lk]] = 1;
    x[rmap[rk]] = 1;
    x[len == 2 ? F_LEN2 : len == 3 ? F_LEN3 : len == 4 ? F_LEN4 : F_LEN5] = 1;
    x[ntok == 1 ? F_TOK1 : ntok == 2 ? F_TOK2 : F_TOK3] = 1;
    float lp = t->logp ? t->logp(t->logp_arg, f + s, len) : 1.0f;
    int oov = lp > 0, common = !oov && lp > -10.0f;
    x[F_OOV] = (uint8_t)oov;
    x[F_W_COMMON] = (uint8_t)common;
    x[F_W_MID] = !oov && lp <= -10.0f && lp > -13.0f;
    x[F_W_RARE] = !oov && lp <= -13.0f;
    int singles = ntok >= 2;
    for (size_t k = 0; k < ntok; k++) {
        size_t a = tok[k], b = tok[k + 1];
        singles &= b - a == 1;
        if (b - a >= 2 && t->logp) {
            float tl = t->logp(t->logp_arg, f + a, b - a);
            if (tl <= 0 && tl > -10.0f && ntok > 1)
                x[F_TOK_COMMON] = 1;
        }
    }
    x[F_SINGLES] = (uint8_t)singles;
    x[F_FIRST_FUNC] = tok[1] - tok[0] == 1 && in_cs(S_FUNC, f[s]);
    int latin = 0, digit = 0;
    for (size_t q = s; q < e; q++) {
        int l = f[q] >= 'a' && f[q] <= 'z';
        latin |= l;
        digit |= f[q] >= '0' && f[q] <= '9';
        if (q > s && (t->lex[q] & MSPAN_STOP))
            x[F_STOP_IN] = 1;
        if (t->lex[q] & MSPAN_NONM)
            x[F_NONM_IN] = 1;
        if (q > s && (t->lex[q] & MSPAN_REGION))
            x[F_REGION_IN] = 1;
        if (q > s && (t->lex[q] & MSPAN_CUEPOST))
            x[F_CUEPOST_IN] = 1;
        if (q > s && in_cs(S_VERB_IN, f[q]))
            x[F_VERB_IN] = 1;
    }
    x[F_LATIN] = (uint8_t)latin;
    x[F_DIGIT] = (uint8_t)digit;
    x[F_XIAO_LAO] = len == 2 && in_cs(S_XIAO, f[s]);
    x[F_LAST_PERSON] = (uint8_t)in_cs(S_PERSON, f[e - 1]);
    x[F_LAST_PLACE] = (uint8_t)in_cs(S_PLACE, f[e - 1]);
    x[F_LAST_INST] = (uint8_t)in_cs(S_INST, f[e - 1]);
    x[F_REGION_START] = (t->lex[s] & MSPAN_REGION) != 0;
    for (size_t q = e; q < n && q < e + 6; q++)
        if (t->lex[q] & MSPAN_ANCHOR)
            x[F_ANCHOR_AFTER] = 1;
    x[F_NUM_FIRST] = (uint8_t)in_cs(S_NUM, f[s]);
    /* cutting a token the dictionary made up (鹿角|巷买) is cheap, cutting
     * one of its words (喜|茶点) less so */
    x[F_S_CUT] = !t->tb[s];
    x[F_E_CUT] = !t->tb[e];
    if (!t->tb[s] && t->logp) {
        size_t a = s, b = s;
        while (a > 0 && !t->tb[a])
            a--;
        while (b < n && !t->tb[b])
            b++;
        x[F_S_CUT_WORD] = t->logp(t->logp_arg, f + a, b - a) <= 0;
    }
    if (!t->tb[e] && t->logp) {
        size_t a = e, b = e;
        while (a > 0 && !t->tb[a])
            a--;
        while (b < n && !t->tb[b])
            b++;
        x[F_E_CUT_WORD] = t->logp(t->logp_arg, f + a, b - a) <= 0;
    }
    x[F_STOP_FIRST] = (t->lex[s] & MSPAN_STOP) != 0;
    /* a business is named again (悠程…悠程客服说…): the span recurs */
    for (int32_t q = t->same[s]; q != (int32_t)s && !x[F_REPEATS]; q = t->same[q])
        if ((size_t)q + len <= n && ((size_t)q + len <= s || (size_t)q >= e) &&
            memcmp(f + q, f + s, len * sizeof *f) == 0)
            x[F_REPEATS] = 1;
    x[F_OOV_REPEATS] = oov && x[F_REPEATS];
    int start = lk == L_START, zai = lk == L_ZAI || lk == L_QU || lk == L_CONG;
    x[F_START_DE_HAS] = start && rk == R_DE_HAS;
    x[F_START_AGENT] = start && rk == R_AGENT;
    x[F_START_APP] = start && rk == R_APP;
    x[F_ZAI_BUY] = zai && (rk == R_MAI || rk == R_DIAN || rk == R_BAN || rk == R_DING || rk == R_PAI ||
                           rk == R_CUEPOST || rk == R_SHANG);
    x[F_ZAI_DE] = zai && (rk == R_DE_HAS || rk == R_DE_OTHER);
    x[F_ZAI_END] = zai && rk == R_END;
    x[F_OOV_START] = oov && start;
    x[F_COMMON_START] = common && start;
    x[F_OOV_DE_HAS] = oov && rk == R_DE_HAS;
    x[F_COMMON_DE_HAS] = common && rk == R_DE_HAS;
    x[F_SINGLES_ZAI] = singles && zai;
    x[F_OOV_AGENT] = oov && rk == R_AGENT;
}

/* A trade name the dictionary does not know is not made of words it
 * knows well: a common word (手机, 货架, 烘焙) or a phrase of two-character
 * words (别人|手机, 玉石店|强制) is no candidate. */
static int known_words(const mspan_text *t, size_t s, size_t e, const size_t *tok, size_t ntok, int rk)
{
    if (!t->logp)
        return 0;
    /* a fee, voucher or payment (安装费, 优惠券, 押金) is no business */
    int32_t last = t->f[e - 1];
    if (in_cs(S_MONEY, last) || (t->rk[e - 1] >= R_DIAN && t->rk[e - 1] <= R_PAI))
        return 1; /* …or the span swallowed the verb after it (蓝天修|的) */
    /* an office, school or unit (小卖部, 居委会, 车队): the lexicon passes
     * name those businesses that have such a word */
    if (in_cs(S_INST, last))
        return 1;
    /* a pronoun or 在/从 leads it (你们家, 此家: a reference) or an adverb, 是 or 想
     * sits in it (怎么就, 是塑料, 想取消): a clause, not a name */
    if (in_cs(S_FUNC, t->f[s]) || t->f[s] == 0x6B64 /* 此 */ || t->f[s] == 0x5728 /* 在 */ ||
        t->f[s] == 0x4ECE /* 从 */)
        return 1;
    for (size_t q = s; q < e; q++)
        if (t->f[q] == 0x5C31 /* 就 */ || t->f[q] == 0x662F /* 是 */ || t->f[q] == 0x60F3 /* 想 */)
            return 1;
    /* a time (今秋, 明年, 三月底) or the part of a foreign name after its
     * middle dot (拉塞尔·克劳) */
    if ((e - s == 2 && in_set_cp("今明昨去前", t->f[s]) && in_set_cp("年天秋春夏冬日晚早", t->f[s + 1])) ||
        in_set_cp("底初末", t->f[e - 1]) || (s > 0 && (t->f[s - 1] == 0xB7 || t->f[s - 1] == 0x30FB)))
        return 1;
    /* a quality, quantity or clause word (公益性, 发卡量, 过程中, 以, 时) or
     * an ordinal or a count (第六条, 早一, 两人) is no trade name */
    if (in_cs(S_ABSTRACT, last) || in_cs(S_NUM, last) || t->f[s] == 0x7B2C /* 第 */ ||
        (e - s == 2 && in_cs(S_NUM, t->f[s]) && in_cs(S_PERSON, last)))
        return 1;
    /* a common dictionary word (手机, 货架), or a long one, an idiom or a
     * phrase (风景如画, 交易过程中), is what it says */
    float lp = t->logp(t->logp_arg, t->f + s, e - s);
    if (lp <= 0 && (lp > -12.5f || e - s >= 4))
        return 1;
    /* a rarer word is a name only where a business acts or is dealt with
     * (在拾光订的), not before 的 or at a clause end (从人性化的角度) */
    if (lp <= 0 && (rk == R_DE_OTHER || rk == R_END))
        return 1;
    /* …小程序, …门店, …会员: what a business has, not its name */
    for (size_t q = s + 1; q + 1 < e; q++) {
        uint8_t len[K_N];
        words_at(t->f, e, q, len);
        if (q + len[K_APP] == e || q + len[K_HAS] == e || q + len[K_STORE] == e)
            return 1;
    }
    if (ntok < 2)
        return 0;
    /* words of two characters or more, all in the dictionary, the most
     * common of them common (游船|出海, 别人|手机): a phrase */
    float best = -1e9f;
    for (size_t k = 0; k < ntok; k++) {
        size_t a = tok[k], b = tok[k + 1];
        if (b - a < 2 || !t->tb[b])
            return 0;
        float tl = t->logp(t->logp_arg, t->f + a, b - a);
        if (tl > 0)
            return 0;
        if (tl > best)
            best = tl;
    }
    return best > -12.0f;
}

void mspan_link_same(const int32_t *f, size_t n, int32_t *same)
{
    /* one cycle per hash bucket: a walk from i meets every position of
     * f[i] (and a few others, which the caller's comparison skips) */
    enum { BUCKETS = 1024 };
    int32_t first[BUCKETS], last[BUCKETS];
    memset(last, 0xff, sizeof last);
    for (size_t i = 0; i < n; i++) {
        uint32_t b = ((uint32_t)f[i] * 2654435761u) >> 22;
        if (last[b] >= 0)
            same[last[b]] = (int32_t)i;
        else
            first[b] = (int32_t)i;
        last[b] = (int32_t)i;
    }
    for (size_t b = 0; b < BUCKETS; b++)
        if (last[b] >= 0)
            same[last[b]] = first[b];
}

/* A span holding a trade, shop or organisation word is for the lexicon
 * passes of the merchant finder to judge (文具店, 玉石店强制). */
static int anchored(const mspan_text *t, size_t s, size_t e)
{
    for (size_t q = s; q < e; q++)
        if (t->lex[q] & MSPAN_ANCHOR)
            return 1;
    return 0;
}

size_t mspan_candidates(const mspan_text *t, mspan_cand *out, size_t cap)
{
    const int32_t *f = t->f;
    size_t n = t->n, m = 0;
    pthread_once(&lists_once, decode_lists);
    uint8_t *rks = t->rk;
    for (size_t e = 1; e <= n; e++)
        rks[e] = (uint8_t)right_kind(t, e);
#define FRAMES(k) ((k) != R_NONE && (k) != R_END && (k) != R_HAS) /* a cue word or 的 */
    for (size_t s = 0; s + 2 <= n && m < cap; s++) {
        if (!t->name_ok[s] || t->taken[s] || (t->lex[s] & MSPAN_COREF) || (f[s] >= '0' && f[s] <= '9'))
            continue;
        /* a Han name: Latin words (WE, PC, DotA2) are games, products and
         * people as often as businesses, left to the brand lists */
        if (!is_han(f[s]))
            continue;
        /* the cheap test first: a cue word or 的 within reach on the right */
        int framed = 0;
        for (size_t e = s + 2; e <= n && e - s <= MAX_LEN && !framed; e++)
            framed = FRAMES(rks[e]);
        if (!framed && s > 0 && t->name_ok[s - 1] && !(t->lex[s] & MSPAN_CUEPRE_END) &&
            !in_left_switch(f[s - 1]))
            continue;
        int lk = left_kind(t, s);
        int lcue = lk != L_NONE && lk != L_START && lk != L_DE && lk != L_LE && lk != L_SHI;
        /* only where a business is dealt with (在喜茶点的, 请时光里拍的, or a
         * text opening 栖木推出的): on real complaints a span framed by 的 or
         * a clause start alone (那么大的盒子, 送外卖的) is language far more
         * often than a name. Names the
         * dictionary does not know are often cut wrongly (喜|茶点, 鹿角|巷买):
         * a span may start inside a token after a cue word and end inside
         * one before a cue word; the model weighs the cut */
        if (!lcue && lk != L_START)
            continue;
        size_t tok[MAX_LEN + 2];
        size_t ntok = 0;
        tok[0] = s;
        for (size_t e = s + 1; e <= n && e - s <= MAX_LEN && m < cap; e++) {
            size_t q = e - 1;
            if (!t->name_ok[q] || t->taken[q] || f[q] == 0x7684 /* 的 */ || f[q] == 0x4E86 /* 了 */ ||
                (q > s && (t->lex[q] & MSPAN_COREF)))
                break;
            if (t->tb[e] || e == n)
                tok[++ntok] = e;
            if (ntok > MAX_TOKS)
                break;
            if (e - s < 2)
                continue;
            /* a Latin word is one unit: no span ends inside it */
            if (e < n && f[e] >= 'a' && f[e] <= 'z' && f[e - 1] >= 'a' && f[e - 1] <= 'z')
                continue;
            int rk = rks[e];
            int rcue = rk != R_NONE && rk != R_END && rk != R_DE_OTHER && rk != R_HAS;
            if (!lcue && !(rk >= R_DIAN && rk <= R_CUEPOST))
                continue; /* a clause start: a verb cue after it is needed */
            /* a span ends inside a token only before a one-character verb
             * and 的/了 (喜茶|点的, 鹿角巷|买的), not inside any word (纽|约) */
            if (!t->tb[e] && !(rcue && e + 1 < n && (f[e + 1] == 0x7684 || f[e + 1] == 0x4E86)))
                continue;
            /* the context must frame a business on one side at least */
            if (!rcue && !(lcue && (rk == R_END || rk == R_DE_OTHER || rk == R_HAS)))
                continue;
            size_t nt = ntok;
            if (!t->tb[e])
                tok[++nt] = e; /* the cut token counts as one */
            if (known_words(t, s, e, tok, nt, rk) || anchored(t, s, e))
                continue;
            mspan_cand *c = &out[m++];
            c->s = (int32_t)s;
            c->e = (int32_t)e;
            features(t, s, e, tok, nt, lk, rk, c->x);
        }
    }
#undef FRAMES
    return m;
}

/* ---------- model ---------- */

struct mspan_model {
    double w[MSPAN_NF];
    double threshold;
};

mspan_model *mspan_load(const char *path, qs_err *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        qs_fail(err, QS_EIO, "cannot open span model %s: %s", path, strerror(errno));
        return NULL;
    }
    mspan_model *m = calloc(1, sizeof *m);
    if (!m) {
        fclose(fp);
        qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        return NULL;
    }
    m->threshold = -1;
    char line[256];
    int lineno = 0, ok = 1, header = 0;
    uint8_t seen[F_COUNT] = {0};
    const char *twice = NULL;
    while (ok && fgets(line, sizeof line, fp)) {
        lineno++;
        if (lineno == 1) {
            header = strncmp(line, "qunsu-mspan 1", 13) == 0;
            if (!header)
                ok = 0;
            continue;
        }
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char name[64];
        double v;
        if (sscanf(line, "%63s %lf", name, &v) != 2 || !isfinite(v)) {
            ok = 0;
            break;
        }
        if (strcmp(name, "threshold") == 0) {
            m->threshold = v;
            continue;
        }
        size_t i = 0;
        while (i < F_COUNT && strcmp(names[i], name) != 0)
            i++;
        if (i == F_COUNT) {
            ok = 0;
            break;
        }
        if (seen[i]) {
            twice = names[i];
            break;
        }
        seen[i] = 1;
        m->w[i] = v;
    }
    fclose(fp);
    /* every weight is written, zeros included: a missing one means a
     * truncated or foreign file, never a weight of zero */
    const char *missing = NULL;
    for (size_t i = 0; i < F_COUNT && !missing; i++)
        if (!seen[i])
            missing = names[i];
    if (!ok || twice || missing || m->threshold < 0 || m->threshold > 1) {
        if (!header)
            qs_fail(err, QS_EDATA, "%s: not a span model (first line must be \"qunsu-mspan 1\")", path);
        else if (!ok)
            qs_fail(err, QS_EDATA, "%s:%d: expected a known feature name and a number", path, lineno);
        else if (twice)
            qs_fail(err, QS_EDATA, "%s:%d: feature %s given twice", path, lineno, twice);
        else if (m->threshold < 0 || m->threshold > 1)
            qs_fail(err, QS_EDATA, "%s: no threshold in [0, 1]", path);
        else
            qs_fail(err, QS_EDATA, "%s: feature %s missing (truncated model? rebuild with sh models/mspan.sh)",
                    path, missing);
        free(m);
        return NULL;
    }
    return m;
}

void mspan_free(mspan_model *m)
{
    free(m);
}

double mspan_score(const mspan_model *m, const mspan_cand *c)
{
    double z = 0;
    for (size_t i = 0; i < F_COUNT; i++)
        if (c->x[i])
            z += m->w[i];
    return 1.0 / (1.0 + exp(-z));
}

double mspan_threshold(const mspan_model *m)
{
    return m->threshold;
}

qs_rc mspan_fit_write(const mspan_cand *c, const uint8_t *y, size_t n, double lambda, double threshold,
                      const char *out_path, const char *recipe, qs_err *err)
{
    enum { D = F_COUNT };
    double w[D] = {0};
    gsl_matrix *h = gsl_matrix_alloc(D, D);
    gsl_vector *g = gsl_vector_alloc(D);
    gsl_vector *step = gsl_vector_alloc(D);
    if (!h || !g || !step) {
        gsl_matrix_free(h);
        gsl_vector_free(g);
        gsl_vector_free(step);
        return qs_fail(err, QS_ENOMEM, "out of memory fitting the span model");
    }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    qs_rc rc = QS_OK;
    /* Newton's method on the L2-penalised log loss (the bias unpenalised);
     * the loss is convex and the features binary, so a few steps do. */
    for (int it = 0; it < 50; it++) {
        gsl_matrix_set_zero(h);
        gsl_vector_set_zero(g);
        for (size_t i = 0; i < n; i++) {
            size_t on[D], na = 0;
            double z = 0;
            for (size_t j = 0; j < D; j++)
                if (c[i].x[j]) {
                    on[na++] = j;
                    z += w[j];
                }
            double p = 1.0 / (1.0 + exp(-z)), r = p - y[i], v = p * (1 - p);
            for (size_t a = 0; a < na; a++) {
                *gsl_vector_ptr(g, on[a]) += r;
                for (size_t b = 0; b < na; b++)
                    *gsl_matrix_ptr(h, on[a], on[b]) += v;
            }
        }
        for (size_t j = 0; j < D; j++) {
            double l = j == F_BIAS ? 1e-6 : lambda;
            *gsl_vector_ptr(g, j) += l * w[j];
            *gsl_matrix_ptr(h, j, j) += l;
        }
        if (gsl_linalg_cholesky_decomp1(h) != GSL_SUCCESS || gsl_linalg_cholesky_solve(h, g, step) != GSL_SUCCESS) {
            rc = qs_fail(err, QS_EDATA, "span model: the Newton system is singular");
            break;
        }
        double moved = 0;
        for (size_t j = 0; j < D; j++) {
            w[j] -= gsl_vector_get(step, j);
            moved = fmax(moved, fabs(gsl_vector_get(step, j)));
        }
        if (moved < 1e-7)
            break;
    }
    gsl_set_error_handler(old);
    gsl_matrix_free(h);
    gsl_vector_free(g);
    gsl_vector_free(step);
    if (rc != QS_OK)
        return rc;
    FILE *fp = fopen(out_path, "w");
    if (!fp)
        return qs_fail(err, QS_EIO, "cannot write %s: %s", out_path, strerror(errno));
    size_t pos = 0;
    for (size_t i = 0; i < n; i++)
        pos += y[i];
    fprintf(fp, "qunsu-mspan 1\n# %s\n# %zu candidate spans, %zu of them business names; lambda %g\n",
            recipe ? recipe : "", n, pos, lambda);
    fprintf(fp, "threshold %.3f\n", threshold);
    for (size_t j = 0; j < D; j++)
        fprintf(fp, "%s %.6f\n", names[j], w[j]);
    if (fclose(fp) != 0)
        return qs_fail(err, QS_EIO, "cannot write %s: %s", out_path, strerror(errno));
    return QS_OK;
}
