/* sector.c: sector from the merchant name or the text's cue words (see
 * sector.h). */
#include "sector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cptrie.h"
#include "paths.h"
#include "secmodel.h"
#include "tsv.h"

#define NAME_WORDS 1  /* trie category of sector_names.tsv (cues are 0) */
#define SPLIT_WORDS 2 /* trie category of sector_split.tsv */
#define ONLINE_WORDS 3 /* trie category of sector_online.tsv */
#define FOOD_WORDS 4   /* trie category of sector_food.tsv */
#define ONLINE_MARKET 1
#define ONLINE_SHOP 2
/* A cue word's value is its sector, plus CUE_ACT for a word of what was
 * done at the business (修完, 入住, 点菜), which weighs ACT_VOTES against a
 * word of the goods it was done to (空调, 房间, 菜量) */
#define CUE_ACT 64
#define ACT_VOTES 2
/* ... and CUE_SOLD for goods of no listed trade (狗粮, 保健品: value
 * `other sold`), which vote for other only where a name word leaves the
 * trade open (sector_split.tsv); plain `other` words (汽车站) never vote */
#define CUE_SOLD 128
#define SPLIT_CAP 64

/* Quotes around a name (folded or not) and the word of a brand's own
 * shop online, read by several rules below */
static const int32_t open_quote[] = {0x201C, 0x2018, '"', '\'', 0x300C, 0x300E, 0x300A};
static const int32_t close_quote[] = {0x201D, 0x2019, '"', '\'', 0x300D, 0x300F, 0x300B};
static const int32_t flagship[] = {0x65D7 /* 旗 */, 0x8230 /* 舰 */, 0x5E97 /* 店 */};

/* 旗舰店 starts at cp[i]. */
static int flagship_at(const int32_t *cp, size_t n, size_t i)
{
    return i + 3 <= n && memcmp(cp + i, flagship, sizeof flagship) == 0;
}

/* A name word whose trade the text decides (sector_split.tsv): a name
 * giving sector `lex` by this word takes `dflt` unless the text's cue
 * votes, read through `map` (cue sector -> sector, -1: ignored), give
 * another allowed sector more votes than dflt. */
typedef struct split_entry {
    int lex, dflt;
    int map[SECTOR_N];
} split_entry;

struct sector_ctx {
    cptrie *t;
    split_entry split[SPLIT_CAP];
    size_t n_split;
    secm_model *model; /* learned sector of the text, or NULL */
    uint64_t *scratch; /* secm_scratch_words(model) */
};

static int sector_value(const char *s)
{
    return tax_sector_parse(s);
}

/* A cue's value: `sector`, `sector act` or `other sold` (see CUE_ACT,
 * CUE_SOLD). */
static int cue_value(const char *s)
{
    const char *sp = strchr(s, ' ');
    if (!sp)
        return tax_sector_parse(s);
    char code[32];
    size_t l = (size_t)(sp - s);
    if (l >= sizeof code)
        return -1;
    memcpy(code, s, l);
    code[l] = 0;
    int v = tax_sector_parse(code);
    if (v < 0)
        return -1;
    if (strcmp(sp + 1, "act") == 0)
        return v + CUE_ACT;
    return strcmp(sp + 1, "sold") == 0 && v == SECTOR_OTHER ? v + CUE_SOLD : -1;
}

static int food_value(const char *s)
{
    return strcmp(s, "food") == 0 ? 1 : -1;
}

static int online_value(const char *s)
{
    return strcmp(s, "online") == 0 ? ONLINE_MARKET : strcmp(s, "shop") == 0 ? ONLINE_SHOP : -1;
}

static int cue_sector(int32_t v)
{
    return v & (CUE_ACT - 1);
}

static int memchr_cp(const int32_t *set, size_t n, int32_t c)
{
    for (size_t k = 0; k < n; k++)
        if (set[k] == c)
            return 1;
    return 0;
}

/* Load sector_split.tsv: word <TAB> lexicon sector <TAB> default <TAB>
 * alternatives, each `sector` or `cue_sector>sector`, separated by
 * spaces (may be empty). */
static qs_rc load_split(sector_ctx *sc, const char *path, qs_err *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return qs_fail(err, QS_EIO, "cannot open %s", path);
    char line[512];
    int ln = 0;
    qs_rc rc = QS_OK;
    while (rc == QS_OK && fgets(line, sizeof line, f)) {
        ln++;
        if (!strchr(line, '\n') && !feof(f)) {
            rc = qs_fail(err, QS_EDATA, "%s:%d: line too long", path, ln);
            break;
        }
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *col[4];
        int nc = tsv_split(line, col, 4);
        if (nc < 3 || sc->n_split >= SPLIT_CAP) {
            rc = qs_fail(err, QS_EDATA, "%s:%d: expected word, sector, default, alternatives", path, ln);
            break;
        }
        split_entry *e = &sc->split[sc->n_split];
        e->lex = tax_sector_parse(col[1]);
        e->dflt = tax_sector_parse(col[2]);
        for (int s = 0; s < SECTOR_N; s++)
            e->map[s] = -1;
        if (e->lex < 0 || e->dflt < 0) {
            rc = qs_fail(err, QS_EDATA, "%s:%d: unknown sector", path, ln);
            break;
        }
        e->map[e->dflt] = e->dflt;
        for (char *tok = col[3] ? strtok(col[3], " ") : NULL; tok && rc == QS_OK; tok = strtok(NULL, " ")) {
            char *gt = strchr(tok, '>');
            if (gt)
                *gt = 0;
            int from = tax_sector_parse(tok), to = gt ? tax_sector_parse(gt + 1) : from;
            if (from < 0 || to < 0)
                rc = qs_fail(err, QS_EDATA, "%s:%d: unknown sector in the alternatives", path, ln);
            else
                e->map[from] = to;
        }
        if (rc == QS_OK)
            rc = cptrie_add(sc->t, col[0], strlen(col[0]), SPLIT_WORDS, (int32_t)sc->n_split++, err);
    }
    fclose(f);
    return rc;
}

/* One word list of dicts/ into the trie under cat, its values read by value_of. */
static qs_rc load_words(sector_ctx *sc, const char *rel, int cat, int (*value_of)(const char *), qs_err *err)
{
    char path[1024];
    if (paths_find(rel, path, sizeof path) != 0)
        return qs_fail(err, QS_EDATA, "lexicon not found: %s (tried %s)", rel, path);
    return cptrie_load(sc->t, path, cat, value_of, err);
}

sector_ctx *sector_new(qs_err *err)
{
    sector_ctx *sc = calloc(1, sizeof *sc);
    if (!sc || !(sc->t = cptrie_new())) {
        sector_free(sc);
        qs_fail(err, QS_ENOMEM, "out of memory loading sector cues");
        return NULL;
    }
    char path[1024];
    if (load_words(sc, "dicts/merchant/sector_cues.tsv", 0, cue_value, err) != QS_OK ||
        load_words(sc, "dicts/merchant/sector_names.tsv", NAME_WORDS, sector_value, err) != QS_OK ||
        load_words(sc, "dicts/merchant/sector_online.tsv", ONLINE_WORDS, online_value, err) != QS_OK ||
        load_words(sc, "dicts/merchant/sector_food.tsv", FOOD_WORDS, food_value, err) != QS_OK) {
        sector_free(sc);
        return NULL;
    }
    if (paths_find("dicts/merchant/sector_split.tsv", path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "lexicon not found: dicts/merchant/sector_split.tsv (tried %s)", path);
        sector_free(sc);
        return NULL;
    }
    if (load_split(sc, path, err) != QS_OK) {
        sector_free(sc);
        return NULL;
    }
    return sc;
}

void sector_free(sector_ctx *sc)
{
    if (!sc)
        return;
    cptrie_free(sc->t);
    secm_free(sc->model);
    free(sc->scratch);
    free(sc);
}

/* Cue votes per sector in cp[0..n) and where each sector's first cue
 * starts (-1: none); a word of what was done weighs act_votes. */
static void text_votes(const sector_ctx *sc, const int32_t *cp, size_t n, int act_votes, int *votes, int *first)
{
    for (int s = 0; s < SECTOR_N; s++)
        first[s] = -1;
    for (size_t i = 0; i < n; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, 0, &v);
        if (!L || v < 0 || cue_sector(v) >= SECTOR_N)
            continue;
        int s = cue_sector(v);
        /* a word of no sector (汽车站) only keeps its parts (汽车) from voting */
        if (s == SECTOR_OTHER) {
            i += (size_t)L - 1;
            continue;
        }
        votes[s] += v & CUE_ACT ? act_votes : 1;
        if (first[s] < 0)
            first[s] = (int)i;
        i += (size_t)L - 1;
    }
}

/* The sector with most cue votes (the first cue breaks ties) and, in
 * *n_votes, its votes; the votes of `skip` (-1: none) left out. */
static tax_sector text_vote(const sector_ctx *sc, const int32_t *cp, size_t n, int skip, int *n_votes)
{
    int votes[SECTOR_N] = {0};
    int first[SECTOR_N];
    text_votes(sc, cp, n, ACT_VOTES, votes, first);
    if (skip >= 0 && skip < SECTOR_N)
        votes[skip] = 0;
    int best = SECTOR_OTHER;
    for (int s = 0; s < SECTOR_N; s++)
        if (votes[s] && (best == SECTOR_OTHER || votes[s] > votes[best] ||
                         (votes[s] == votes[best] && first[s] < first[best])))
            best = s;
    *n_votes = votes[best];
    return (tax_sector)best;
}

tax_sector sector_from_text(const sector_ctx *sc, const int32_t *cp, size_t n)
{
    int v;
    return text_vote(sc, cp, n, -1, &v);
}

tax_sector sector_decide(const sector_ctx *sc, tax_sector from_name, int name_known,
                         int32_t name_end, const int32_t *cp, size_t n, double *conf)
{
    if (from_name == SECTOR_OTHER && name_known && name_end >= 0 && (size_t)name_end < n) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + name_end, n - (size_t)name_end, 0, &v) && v >= 0 &&
            cue_sector(v) < SECTOR_N && cue_sector(v) != SECTOR_OTHER) {
            if (conf)
                *conf = 0.6;
            return (tax_sector)cue_sector(v);
        }
    }
    int votes = 0;
    tax_sector s = from_name != SECTOR_OTHER ? from_name : text_vote(sc, cp, n, -1, &votes);
    /* a known brand of no sector keeps it against a word or two about the
     * goods (屈臣氏的面膜, 顺丰寄的快递); a text that keeps naming one trade
     * is about a business sharing the brand's name (百度 for 百度外卖) */
    if (from_name != SECTOR_OTHER || (name_known && votes < SECTOR_TEXT_OVERRIDE)) {
        if (conf)
            *conf = 0.9;
        return from_name;
    }
    if (conf)
        *conf = s == SECTOR_OTHER ? 0.3 : 0.6;
    return s;
}

qs_rc sector_load_model(sector_ctx *sc, const char *path, qs_err *err)
{
    secm_model *m = secm_load(path, err);
    if (!m)
        return err ? err->rc : QS_EDATA;
    uint64_t *scratch = malloc(secm_scratch_words(m) * sizeof *scratch);
    if (!scratch) {
        secm_free(m);
        return qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
    }
    secm_free(sc->model);
    free(sc->scratch);
    sc->model = m;
    sc->scratch = scratch;
    return QS_OK;
}

/* Where the part of a name in cp[s..e) before its bracket ends: a branch in
 * brackets (外婆家（丝绸路店）) is named by its place, whose words say
 * nothing of the trade. */
static size_t before_bracket(const int32_t *cp, size_t s, size_t e)
{
    for (size_t i = s + 1; i < e; i++)
        if (cp[i] == 0xFF08 /* （ */ || cp[i] == '(')
            return i;
    return e;
}

/* The sector a trade word of sector_names.tsv inside cp[s..e) decides, -1
 * when there is none. */
static int name_word(const sector_ctx *sc, const int32_t *cp, size_t s, size_t e)
{
    e = before_bracket(cp, s, e);
    /* the first word decides (萌宠乐园 is a pet shop), but of two that
     * overlap the one ending later (山里红木耳店 sells 木耳, not 红木) */
    int best = -1;
    size_t best_end = 0;
    for (size_t i = s; i < e && (best < 0 || i < best_end); i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, e - i, NAME_WORDS, &v);
        if (L && v >= 0 && v < SECTOR_N && i + (size_t)L > best_end) {
            best = v;
            best_end = i + (size_t)L;
        }
    }
    return best;
}

/* Does w[0..wl) occur in cp[0..n) overlapping [s, e)? */
static int overlaps_word(const int32_t *cp, size_t n, size_t s, size_t e, const int32_t *w, size_t wl)
{
    size_t from = s >= wl ? s - wl + 1 : 0;
    for (size_t j = from; j < e && j + wl <= n; j++)
        if (memcmp(cp + j, w, wl * sizeof *w) == 0)
            return 1;
    return 0;
}

/* Cue votes (a word of what was done weighing ACT_VOTES) in cp[0..n)
 * outside the name [ns, ne) and outside every occurrence of the word
 * w[0..wl) (wl 0: none): what the text says beyond the name's own trade
 * word (宠物店 … 宠物店说). */
static void votes_beyond(const sector_ctx *sc, const int32_t *cp, size_t n, size_t ns, size_t ne, const int32_t *w,
                         size_t wl, int *votes)
{
    for (int s = 0; s < SECTOR_N; s++)
        votes[s] = 0;
    for (size_t i = 0; i < n; i++) {
        if (i >= ns && i < ne) {
            i = ne - 1;
            continue;
        }
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, 0, &v);
        if (!L || v < 0 || cue_sector(v) >= SECTOR_N)
            continue;
        if ((cue_sector(v) != SECTOR_OTHER || v & CUE_SOLD) && (i + (size_t)L <= ns || i >= ne) &&
            !(wl && overlaps_word(cp, n, i, i + (size_t)L, w, wl)))
            votes[cue_sector(v)] += v & CUE_ACT ? ACT_VOTES : 1;
        i += (size_t)L - 1;
    }
}

/* A name whose trade word leaves the trade to the text (sector_split.tsv):
 * 宠物 lets a pet sold or groomed decide, 养生 a massage or supplements
 * sold at a lecture. The name's last such word,
 * followed by no other trade word; -1 when there is none or the name's
 * sector did not come from it. */
static int split_of_name(const sector_ctx *sc, tax_sector from_name, const int32_t *cp, size_t ns, size_t ne,
                         size_t *ws, size_t *wl)
{
    int found = -1;
    for (size_t i = ns; i < ne; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, ne - i, SPLIT_WORDS, &v);
        if (L && v >= 0 && (size_t)v < sc->n_split) {
            found = v;
            *ws = i;
            *wl = (size_t)L;
            i += (size_t)L - 1;
        }
    }
    if (found < 0 || sc->split[found].lex != (int)from_name)
        return -1;
    for (size_t i = *ws + *wl; i < ne; i++) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + i, ne - i, 0, &v) && v >= 0 && cue_sector(v) != SECTOR_OTHER)
            return -1;
    }
    return found;
}

static tax_sector split_decide(const sector_ctx *sc, int k, const int32_t *cp, size_t n, size_t ns, size_t ne,
                               size_t ws, size_t wl)
{
    const split_entry *e = &sc->split[k];
    int votes[SECTOR_N], to[SECTOR_N] = {0};
    votes_beyond(sc, cp, n, ns, ne, cp + ws, wl, votes);
    for (int s = 0; s < SECTOR_N; s++)
        if (e->map[s] >= 0)
            to[e->map[s]] += votes[s];
    int best = e->dflt;
    for (int s = 0; s < SECTOR_N; s++)
        if (to[s] > to[best])
            best = s;
    return (tax_sector)best;
}

/* The name [ns, ne) is a shop one walks into: a branch in brackets
 * (杞乡源（沙坡头店）), or a 门市部, 专卖店, 超市 or 实体店. Shipping the
 * goods home from it (包邮到家, 代寄快递) does not put it online. */
static int walk_in_shop(const int32_t *cp, size_t ns, size_t ne)
{
    static const int32_t ends[][3] = {{0x95E8, 0x5E02, 0x90E8} /* 门市部 */, {0x4E13, 0x5356, 0x5E97} /* 专卖店 */,
                                      {0x5B9E, 0x4F53, 0x5E97} /* 实体店 */, {0, 0x8D85, 0x5E02} /* 超市 */};
    if (ne >= ns + 4 && (cp[ne - 1] == 0xFF09 || cp[ne - 1] == ')') && cp[ne - 2] == 0x5E97 /* 店 */)
        return 1;
    for (size_t w = 0; w < sizeof ends / sizeof *ends; w++) {
        size_t k = ends[w][0] ? 3 : 2;
        if (ne >= ns + k + 1 && memcmp(cp + ne - k, ends[w] + 3 - k, k * sizeof *cp) == 0)
            return 1;
    }
    return 0;
}

/* A shop of goods (a name of food, appliances, furniture) that the text
 * shows selling online: the name says so (X官方店, X网店), a marketplace
 * or a shop online follows it in brackets (X特产店（淘宝）,
 * 优品数码（京东店铺）), or the words of buying online
 * beyond the name (下单, 发货, 快递) are ONLINE_VOTES or more and
 * outnumber those of its own trade (by_votes; a name of no trade has
 * the cue vote of sector_decide for that). Taxonomy: 网店 are ecommerce. */
#define ONLINE_VOTES 2
static int sells_online(const sector_ctx *sc, tax_sector from_name, const int32_t *cp, size_t n, size_t ns,
                        size_t ne, int by_votes)
{
    for (size_t j = ns; j < ne; j++) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + j, ne - j, ONLINE_WORDS, &v) && v == ONLINE_SHOP)
            return 1;
    }
    if (ne + 1 < n && (cp[ne] == 0xFF08 || cp[ne] == '(')) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + ne + 1, n - ne - 1, ONLINE_WORDS, &v) && (v == ONLINE_MARKET || v == ONLINE_SHOP))
            return 1;
    }
    if (!by_votes || walk_in_shop(cp, ns, ne))
        return 0;
    int votes[SECTOR_N];
    votes_beyond(sc, cp, n, ns, ne, NULL, 0, votes);
    return votes[SECTOR_ECOMMERCE] >= ONLINE_VOTES && votes[SECTOR_ECOMMERCE] > votes[from_name];
}

/* The last trade word of sector_names.tsv in cp[s..e): its sector, its
 * end in *we; -1 when there is none. */
static int last_name_word(const sector_ctx *sc, const int32_t *cp, size_t s, size_t e, size_t *we)
{
    e = before_bracket(cp, s, e);
    int found = -1;
    size_t end = 0;
    for (size_t i = s; i < e; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, e - i, NAME_WORDS, &v);
        /* of two words that overlap, the one ending later (山里红木耳: 木耳,
         * not 红木) */
        if (L && v >= 0 && v < SECTOR_N && i + (size_t)L > end) {
            found = v;
            end = i + (size_t)L;
        }
    }
    if (found >= 0)
        *we = end;
    return found;
}

/* Does cp[s..e) hold a cue word of a sector other than sec (words of no
 * sector aside)? */
static int cues_beside(const sector_ctx *sc, const int32_t *cp, size_t s, size_t e, tax_sector sec)
{
    for (size_t i = s; i < e; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, e - i, 0, &v);
        if (!L)
            continue;
        if (v >= 0 && cue_sector(v) < SECTOR_N && cue_sector(v) != SECTOR_OTHER && cue_sector(v) != (int)sec)
            return 1;
        i += (size_t)L - 1;
    }
    return 0;
}

/* The sector of a word of what was done to the goods (a cue of CUE_ACT
 * naming them: 修家电, 上门维修) inside the name [ns, ne), -1 when it holds
 * none; a trade's bare 维修 (极客手机维修, a phone shop) is no such word. */
static int act_in_name(const sector_ctx *sc, const int32_t *cp, size_t ns, size_t ne)
{
    for (size_t i = ns; i < ne; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, ne - i, 0, &v);
        if (!L)
            continue;
        if (L >= 3 && v >= 0 && v & CUE_ACT && cue_sector(v) < SECTOR_N)
            return cue_sector(v);
        i += (size_t)L - 1;
    }
    return -1;
}

/* Is the name [ns, ne) called a shop online right before or after it
 * (淘宝店铺“户外老兵”, 抖音直播间“健康王老师”, “户外老兵”淘宝店,
 * “养生刘姐”直播间, 叫“海豚全球购”的抖音小店, 抖音上“沂岭大娘煎饼”小店)?
 * Taxonomy: 网店 and 直播间 are ecommerce, whatever they sell. */
static int online_label(const sector_ctx *sc, const int32_t *cp, size_t n, size_t ns, size_t ne)
{
    static const int32_t live[] = {0x76F4 /* 直 */, 0x64AD /* 播 */, 0x95F4 /* 间 */};
    size_t i = ne;
    while (i < n && memchr_cp(close_quote, sizeof close_quote / sizeof *close_quote, cp[i]))
        i++;
    if (i < n && cp[i] == 0x7684 /* 的 */) /* 叫“海豚全球购”的抖音小店 */
        i++;
    int32_t v;
    if (i < n && cptrie_longest(sc->t, cp + i, n - i, ONLINE_WORDS, &v) && v == ONLINE_SHOP)
        return 1;
    /* “养生刘姐”直播间: the host's room after the name */
    if (i + 3 <= n && memcmp(cp + i, live, sizeof live) == 0)
        return 1;
    /* 泰州阿杰 直播说…: a host set off by a space before the stream */
    if (i + 3 <= n && (cp[i] == ' ' || cp[i] == 0x3000) && memcmp(cp + i + 1, live, 2 * sizeof *live) == 0)
        return 1;
    size_t j = ns;
    while (j > 0 && memchr_cp(open_quote, sizeof open_quote / sizeof *open_quote, cp[j - 1]))
        j--;
    if (j >= 3 && memcmp(cp + j - 3, live, sizeof live) == 0)
        return 1;
    /* 店铺 after a marketplace (淘宝店铺, 拼多多店铺) */
    int shop = j >= 2 && cp[j - 2] == 0x5E97 /* 店 */ && cp[j - 1] == 0x94FA /* 铺 */;
    size_t end = shop ? j - 2 : j;
    /* 抖音上“沂岭大娘煎饼”小店, 拼多多的“X”店铺: a marketplace before the
     * name and its shop after it */
    if (!shop && i + 2 <= n && ((cp[i] == 0x5C0F /* 小 */ && cp[i + 1] == 0x5E97 /* 店 */) ||
                                (cp[i] == 0x5E97 /* 店 */ && cp[i + 1] == 0x94FA /* 铺 */))) {
        shop = 1;
        if (end > 0 && (cp[end - 1] == 0x4E0A /* 上 */ || cp[end - 1] == 0x7684 /* 的 */))
            end--;
    }
    for (size_t k = 2; k <= 4 && k <= end; k++)
        if (cptrie_longest(sc->t, cp + end - k, k, ONLINE_WORDS, &v) == (int32_t)k &&
            (v == ONLINE_SHOP || (shop && v == ONLINE_MARKET)))
            return 1;
    return 0;
}

/* Is the name [ns, ne) called an app right after or before it (邻里鲜小程序,
 * “椰邻鲜”小程序, 邻里鲜团购小程序, 鲜到家的小程序, 团购小程序“椰里鲜”)? */
static int app_named(const int32_t *cp, size_t n, size_t ns, size_t ne)
{
    static const int32_t group_buy[] = {0x56E2 /* 团 */, 0x8D2D /* 购 */};
    static const int32_t app[] = {0x5C0F /* 小 */, 0x7A0B /* 程 */, 0x5E8F /* 序 */};
    size_t j = ns;
    while (j > 0 && memchr_cp(open_quote, sizeof open_quote / sizeof *open_quote, cp[j - 1]))
        j--;
    if (j >= 3 && memcmp(cp + j - 3, app, sizeof app) == 0)
        return 1;
    size_t i = ne;
    while (i < n && memchr_cp(close_quote, sizeof close_quote / sizeof *close_quote, cp[i]))
        i++;
    if (i + 2 <= n && memcmp(cp + i, group_buy, sizeof group_buy) == 0)
        i += 2;
    if (i < n && cp[i] == 0x7684 /* 的 */)
        i++;
    return i + 3 <= n && memcmp(cp + i, app, sizeof app) == 0;
}

/* The post speaks of a group buy (团购, 团长, 接龙). */
static int group_buy_text(const int32_t *cp, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((cp[i] == 0x56E2 /* 团 */ && (cp[i + 1] == 0x8D2D /* 购 */ || cp[i + 1] == 0x957F /* 长 */)) ||
            (cp[i] == 0x63A5 /* 接 */ && cp[i + 1] == 0x9F99 /* 龙 */))
            return 1;
    return 0;
}

/* Does 朋友圈 (WeChat's moments) start at cp[i]? */
static int moments_at(const int32_t *cp, size_t n, size_t i)
{
    return i + 3 <= n && cp[i] == 0x670B /* 朋 */ && cp[i + 1] == 0x53CB /* 友 */ && cp[i + 2] == 0x5708 /* 圈 */;
}

/* Is the name [ns, ne) a seller whose WeChat sold the goods
 * (在“小鹿妈妈”微信处, 在沂岭大娘煎饼的微信上买, 娜姐海淘（微信）, 通过微信向
 * “蓝莓大姐”购买) or called a seller (一个叫“越香坊”的卖家)? A seller of
 * goods only: a gym's or a salon's WeChat is how it talks to its members. */
static int seller_online(tax_sector from_name, const int32_t *cp, size_t n, size_t ns, size_t ne)
{
    static const int32_t after[] = {0x4E0A /* 上 */, 0x5904 /* 处 */, 0x91CC /* 里 */, 0xFF09, ')'};
    static const int32_t to[] = {0x5411 /* 向 */, 0x4ECE /* 从 */, 0x8DDF /* 跟 */, 0x627E /* 找 */};
    if (from_name != SECTOR_OTHER && from_name != SECTOR_FOOD_RETAIL && from_name != SECTOR_CATERING &&
        from_name != SECTOR_ELECTRONICS && from_name != SECTOR_HOUSING && from_name != SECTOR_MEDICAL)
        return 0;
    /* 微信向“蓝莓大姐”, 微信上跟卖家X: the seller the WeChat order went to */
    size_t j = ns;
    while (j > 0 && memchr_cp(open_quote, sizeof open_quote / sizeof *open_quote, cp[j - 1]))
        j--;
    if (j >= 2 && cp[j - 2] == 0x5356 /* 卖 */ && cp[j - 1] == 0x5BB6 /* 家 */)
        j -= 2;
    if (j >= 3 && memchr_cp(to, sizeof to / sizeof *to, cp[j - 1])) {
        j--;
        if (cp[j - 1] == 0x4E0A /* 上 */ || cp[j - 1] == 0x91CC /* 里 */)
            j--;
        /* 微信群向橙妹, 在朋友圈找“橙妹”: a group or the moments of WeChat */
        if (j >= 1 && cp[j - 1] == 0x7FA4 /* 群 */)
            j--;
        if (j >= 2 && cp[j - 2] == 0x5FAE /* 微 */ && cp[j - 1] == 0x4FE1 /* 信 */)
            return 1;
        if (j >= 3 && moments_at(cp, n, j - 3))
            return 1;
    }
    size_t i = ne;
    while (i < n && memchr_cp(close_quote, sizeof close_quote / sizeof *close_quote, cp[i]))
        i++;
    if (i < n && (cp[i] == 0x7684 /* 的 */ || cp[i] == 0xFF08 || cp[i] == '('))
        i++;
    /* 小芳杨梅 微信上订的: a post's space for punctuation */
    while (i < n && (cp[i] == ' ' || cp[i] == 0x3000))
        i++;
    if (i + 2 <= n && cp[i] == 0x5356 /* 卖 */ && cp[i + 1] == 0x5BB6 /* 家 */)
        return 1;
    /* 葵乡陈皮 朋友圈话十年陈皮, 小芳在朋友圈卖的: the seller's moments */
    if (moments_at(cp, n, i) || (i + 1 < n && cp[i] == 0x5728 /* 在 */ && moments_at(cp, n, i + 1)))
        return 1;
    return i + 2 < n && cp[i] == 0x5FAE /* 微 */ && cp[i + 1] == 0x4FE1 /* 信 */ &&
           memchr_cp(after, sizeof after / sizeof *after, cp[i + 2]);
}

/* Is the name [ns, ne) a flagship store (X旗舰店) in a text that names a
 * marketplace (淘宝, 拼多多, 抖音 …) beyond it? A food maker's flagship
 * store there sells its food packed (沂岭大娘煎饼旗舰店 on 拼多多), online;
 * a restaurant's main branch (X火锅旗舰店) names none. Another flagship
 * store and WeChat (a restaurant's members talk there) are no marketplace. */
static int food_flagship(const sector_ctx *sc, const int32_t *cp, size_t n, size_t ns, size_t ne)
{
    /* the name is written without its 旗舰店 (兔大爷|旗舰店) as most sets write it */
    if (flagship_at(cp, n, ne))
        ne += 3;
    if (ne < ns + 4 || memcmp(cp + ne - 3, flagship, sizeof flagship) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i == ns) {
            i = ne - 1;
            continue;
        }
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, ONLINE_WORDS, &v);
        if (L && v == ONLINE_MARKET && cp[i] != flagship[0] && cp[i] != 0x5FAE /* 微 */)
            return 1;
        if (L)
            i += (size_t)L - 1;
    }
    return 0;
}

/* The establishment a name of no trade is called by right after it, a
 * word of sector_names.tsv or a cue word naming a place of business
 * (“好运来”棋牌室, 伊人坊的女装店, 福寿康的养生馆) or standing alone
 * after a space (小状元 托管 …; with spaced_names a word of
 * sector_names.tsv too, 歡樂笑坊 小剧场): its sector, its span in
 * [*ws, *we); -1 when there is none. */
static int trade_after_name(const sector_ctx *sc, const int32_t *cp, size_t n, size_t ne, int spaced_names,
                            size_t *ws, size_t *we)
{
    static const int32_t place[] = {0x5E97 /* 店 */, 0x9986 /* 馆 */, 0x5BA4 /* 室 */, 0x9662 /* 院 */,
                                    0x623F /* 房 */, 0x6240 /* 所 */, 0x5385 /* 厅 */, 0x5821 /* 堡 */,
                                    0x56ED /* 园 */, 0x5427 /* 吧 */, 0x57CE /* 城 */, 0x884C /* 行 */,
                                    0x793E /* 社 */, 0x90E8 /* 部 */, 0x94FA /* 铺 */, 0x5E02 /* 市 */,
                                    0x53F8 /* 司 */, 0x6821 /* 校 */};
    size_t i = ne;
    for (int more = 1; more && i < n;) {
        more = 0;
        for (size_t k = 0; k < sizeof close_quote / sizeof *close_quote; k++)
            if (cp[i] == close_quote[k]) {
                i++;
                more = 1;
                break;
            }
    }
    if (i < n && cp[i] == 0x7684 /* 的 */)
        i++;
    if (i >= n)
        return -1;
    int32_t v;
    int32_t L = cptrie_longest(sc->t, cp + i, n - i, NAME_WORDS, &v);
    if (L && v >= 0 && v < SECTOR_N) {
        *ws = i;
        *we = i + (size_t)L;
        /* and the place it names (童装 + 店) */
        for (size_t k = 0; *we < n && k < sizeof place / sizeof *place; k++)
            if (cp[*we] == place[k]) {
                ++*we;
                break;
            }
        return v;
    }
    /* a post with spaces for punctuation: 小状元 托管 给孩子…, a trade
     * word of sector_names.tsv included (歡樂笑坊 小剧场, 童趣岛 乐园门口) */
    int spaced = 0;
    for (; i < n && (cp[i] == ' ' || cp[i] == 0x3000); i++)
        spaced = 1;
    int named = 0;
    L = spaced && spaced_names && i < n ? cptrie_longest(sc->t, cp + i, n - i, NAME_WORDS, &v) : 0;
    /* a platform there (阿明小炒 美团 上点的) is where it was ordered */
    if (L && v >= 0 && v < SECTOR_N && v != SECTOR_ECOMMERCE)
        named = 1;
    else
        L = i < n ? cptrie_longest(sc->t, cp + i, n - i, 0, &v) : 0;
    if (!L || v < 0 || (!named && (cue_sector(v) >= SECTOR_N || cue_sector(v) == SECTOR_OTHER)))
        return -1;
    /* a cue word naming a place, or one standing alone between spaces */
    size_t e = i + (size_t)L;
    int alone = spaced && (e == n || cp[e] == ' ' || cp[e] == 0x3000 || cp[e] == 0xFF0C || cp[e] == 0x3002);
    for (size_t k = 0; !alone && k < sizeof place / sizeof *place; k++)
        alone = cp[e - 1] == place[k];
    if (!alone)
        return -1;
    *ws = i;
    *we = e;
    return named ? v : cue_sector(v);
}

/* The text names a marketplace or a live stream (淘宝, 拼多多, 直播),
 * WeChat aside: where a seller of food sells online as a shop. */
static int market_named(const sector_ctx *sc, const int32_t *cp, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (cp[i] == 0x76F4 /* 直 */ && cp[i + 1] == 0x64AD /* 播 */)
            return 1;
        int32_t v;
        if (cptrie_longest(sc->t, cp + i, n - i, ONLINE_WORDS, &v) && v == ONLINE_MARKET &&
            !(cp[i] == 0x5FAE /* 微 */ && cp[i + 1] == 0x4FE1 /* 信 */))
            return 1;
    }
    return 0;
}

/* A word of food a seller sells (sector_food.tsv) in cp[s..e). */
static int food_sold(const sector_ctx *sc, const int32_t *cp, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + i, e - i, FOOD_WORDS, &v) && v == 1)
            return 1;
    }
    return 0;
}

/* Where the name cp[ns..ne) ends before a bracket closing it (炉火记（万达店）,
 * 学思堂（原星辰教育）): the opening bracket's position; ne when no bracket
 * closes it, ns when none opens. */
static size_t name_core_end(const int32_t *cp, size_t ns, size_t ne)
{
    if (ne <= ns || (cp[ne - 1] != 0xFF09 && cp[ne - 1] != ')'))
        return ne;
    size_t last = ne;
    while (last > ns && cp[last - 1] != 0xFF08 && cp[last - 1] != '(')
        last--;
    return last > ns ? last - 1 : ns;
}

/* An agent's name (莉莉代购, 娜姐海淘): whatever it sells, it sells online. */
static int agent_name(const int32_t *cp, size_t ns, size_t ne)
{
    static const int32_t words[][2] = {{0x4EE3, 0x8D2D} /* 代购 */, {0x6D77, 0x6DD8} /* 海淘 */};
    for (size_t i = ns; i + 2 <= ne; i++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (cp[i] == words[w][0] && cp[i + 1] == words[w][1])
                return 1;
    return 0;
}

tax_sector sector_decide_text(sector_ctx *sc, tax_sector from_name, int name_known, int32_t name_start,
                              int32_t name_end, const clf_text *t, const seg_token *toks, size_t n_toks,
                              double *conf)
{
    /* 腾达直播间, 小米直播间: a brand's live-stream room sells online,
     * whatever the brand makes (taxonomy: 直播间 is ecommerce) */
    if (name_known && name_end > 0 && (size_t)name_end + 3 <= t->n && t->cp[name_end] == 0x76F4 /* 直 */ &&
        t->cp[name_end + 1] == 0x64AD /* 播 */ && t->cp[name_end + 2] == 0x95F4 /* 间 */) {
        if (conf)
            *conf = 0.9;
        return SECTOR_ECOMMERCE;
    }
    /* a known name's entry states the business itself (美团 is a platform,
     * whatever its shops sell); other names only when they imply no trade */
    if ((from_name == SECTOR_OTHER || name_known) && name_start >= 0 && name_start < name_end &&
        (size_t)name_end <= t->n) {
        int w = name_word(sc, t->cp, (size_t)name_start, (size_t)name_end);
        if (w >= 0) {
            if (conf)
                *conf = 0.9;
            return (tax_sector)w;
        }
    }
    int named = name_start >= 0 && name_start < name_end && (size_t)name_end <= t->n;
    /* 喜临门 婚庆: a known brand followed, in a post with spaces for
     * punctuation, by a trade word of another sector standing alone is a
     * business trading under the brand's word, as 瑞星维修 is (京东快递
     * and 三星的酒店 are the brand's own service or no business at all) */
    if (named && name_known && (size_t)name_end < t->n &&
        (t->cp[name_end] == ' ' || t->cp[name_end] == 0x3000)) {
        size_t as = 0, ae = 0;
        /* cue words only: 京东 快递 is the brand's own courier */
        int after = trade_after_name(sc, t->cp, t->n, (size_t)name_end, 0, &as, &ae);
        if (after >= 0 && after != SECTOR_OTHER && after != (int)from_name) {
            if (conf)
                *conf = 0.6;
            return (tax_sector)after;
        }
    }
    /* 中国石化加油站的便利店: a known brand of no sector followed by its own
     * establishment word of no sector keeps it against the goods the text
     * names (the shop inside the station is the station's) */
    if (named && name_known && from_name == SECTOR_OTHER) {
        size_t as = 0, ae = 0;
        if ((size_t)name_end < t->n && t->cp[name_end] != ' ' && t->cp[name_end] != 0x3000 &&
            trade_after_name(sc, t->cp, t->n, (size_t)name_end, 0, &as, &ae) == SECTOR_OTHER) {
            if (conf)
                *conf = 0.9;
            return SECTOR_OTHER;
        }
    }
    if (named && !name_known) {
        size_t ns = (size_t)name_start, ne = (size_t)name_end, ws = 0, wl = 0, as = 0, ae = 0;
        /* …or a name of no trade written before its 旗舰店 (伊美|旗舰店), the
         * brand's own shop online */
            if (online_label(sc, t->cp, t->n, ns, ne) ||
            (from_name == SECTOR_OTHER && flagship_at(t->cp, t->n, ne))) {
            if (conf)
                *conf = 0.9;
            return SECTOR_ECOMMERCE;
        }
        /* 邻里鲜小程序 in a post about its group buy (团购, 团长): the app is a
         * shop online, as 93 of the 104 hand-written records of one file it,
         * whatever food it sends; a trade of its own (洗车, 快充) and an app
         * booking a service (万家修, 河洛游) keep their sector */
        if ((from_name == SECTOR_OTHER || from_name == SECTOR_FOOD_RETAIL) && app_named(t->cp, t->n, ns, ne) &&
            group_buy_text(t->cp, t->n)) {
            if (conf)
                *conf = 0.8;
            return SECTOR_ECOMMERCE;
        }
        /* 小敏团购, 芳姐团购: a leader's community group buy sells food, as
         * the 15 hand-written records naming one file it */
        if (ne >= ns + 4 && t->cp[ne - 2] == 0x56E2 /* 团 */ && t->cp[ne - 1] == 0x8D2D /* 购 */) {
            if (conf)
                *conf = 0.6;
            return SECTOR_FOOD_RETAIL;
        }
        /* a WeChat seller of food (幺妹腊肉, 橘子哥 selling 蜜橘) sells food,
         * as most of the hand-written sets file it (taxonomy: 网店、直播间、
         * 平台店铺 are ecommerce, and a seller's own WeChat is none of
         * them); one of other goods, or an agent (代购, 海淘), sells online */
        if (seller_online(from_name, t->cp, t->n, ns, ne)) {
            if (conf)
                *conf = 0.9;
            int votes = 0;
            tax_sector sold = text_vote(sc, t->cp, t->n, SECTOR_ECOMMERCE, &votes);
            if (!votes && from_name == SECTOR_OTHER && sc->model) {
                /* no cue word for the goods (奶豆腐): what the text is about */
                double prob[SECTOR_N];
                secm_predict(sc->model, t, toks, n_toks, sc->scratch, prob);
                prob[SECTOR_ECOMMERCE] = -1;
                sold = SECTOR_CATERING;
                for (int k = 1; k < SECTOR_N; k++)
                    if (prob[k] > prob[sold])
                        sold = (tax_sector)k;
            } else if (!votes) {
                sold = from_name;
            }
            /* 胖嫂牛肉干, 阿梅…订了5箱沙田柚: food in its name, or in a text
             * whose cue words name no trade */
            if (sold != SECTOR_FOOD_RETAIL && sold != SECTOR_CATERING && !market_named(sc, t->cp, t->n) &&
                (food_sold(sc, t->cp, ns, ne) || (!votes && food_sold(sc, t->cp, 0, t->n))))
                sold = SECTOR_FOOD_RETAIL;
            return !agent_name(t->cp, ns, ne) && (sold == SECTOR_FOOD_RETAIL || sold == SECTOR_CATERING)
                       ? SECTOR_FOOD_RETAIL
                       : SECTOR_ECOMMERCE;
        }
        /* 速修家电: a name of appliances whose 字号 says what it does to
         * them (修家电) is that service, as the sets file appliance repair */
        int act = from_name == SECTOR_ELECTRONICS ? act_in_name(sc, t->cp, ns, ne) : -1;
        if (act >= 0 && act != SECTOR_ELECTRONICS) {
            if (conf)
                *conf = 0.6;
            return (tax_sector)act;
        }
        /* 百草堂, 康寿堂, 济安堂: a 字号 with 堂 and no trade word is the
         * 堂号 of a herbalist or pharmacy (a 学堂 or 饭堂 has its trade
         * word) */
        size_t last = name_core_end(t->cp, ns, ne);
        /* ... unless a trade word follows it (“参王堂”人参店 sells ginseng) */
        int after = trade_after_name(sc, t->cp, t->n, ne, 1, &as, &ae);
        /* (学思堂（原星辰教育）: the former name tells the trade) */
        int former = ne + 1 < t->n && (t->cp[ne] == 0xFF08 || t->cp[ne] == '(') && t->cp[ne + 1] == 0x539F /* 原 */;
        if (from_name == SECTOR_OTHER && after < 0 && !former && last >= ns + 3 && t->cp[last - 1] == 0x5802 /* 堂 */) {
            if (conf)
                *conf = 0.6;
            return SECTOR_MEDICAL;
        }
        /* 枣香合作社, 绿野水稻种植专业合作社: a cooperative with no trade word
         * grows and sells farm produce, as 11 of the 17 `-d` records naming
         * one file it (the text's 米 or 茶 is its produce, not a meal) */
        if (from_name == SECTOR_OTHER && after < 0 && last >= ns + 5 && t->cp[last - 3] == 0x5408 /* 合 */ &&
            t->cp[last - 2] == 0x4F5C /* 作 */ && t->cp[last - 1] == 0x793E /* 社 */) {
            if (conf)
                *conf = 0.6;
            return SECTOR_FOOD_RETAIL;
        }
        /* 聚鑫玩具批发部, 乡邮通快递超市, 笑乐园相声茶馆: a grocer's or an
         * eating place's shop word (批发部, 超市, 茶馆) after a trade word
         * of sector_names.tsv is only the form of that trade's shop */
        size_t we = 0;
        int w = from_name == SECTOR_FOOD_RETAIL || from_name == SECTOR_CATERING
                    ? last_name_word(sc, t->cp, ns, ne, &we)
                    : -1;
        if (w >= 0 && !cues_beside(sc, t->cp, we, ne, from_name)) {
            if (conf)
                *conf = 0.9;
            return (tax_sector)w;
        }
        if (from_name == SECTOR_CATERING && food_flagship(sc, t->cp, t->n, ns, ne)) {
            if (conf)
                *conf = 0.9;
            return SECTOR_ECOMMERCE;
        }
        /* a name and the establishment it is called by right after it read
         * as one name (福寿康的养生馆, “小鹿”童装店（淘宝）) */
        if (after >= 0 && (from_name == SECTOR_OTHER || after == (int)from_name))
            ne = ae;
        else
            after = -1;
        tax_sector base = after >= 0 ? (tax_sector)after : from_name;
        int k = base != SECTOR_OTHER ? split_of_name(sc, base, t->cp, ns, ne, &ws, &wl) : -1;
        int goods = base == SECTOR_FOOD_RETAIL || base == SECTOR_ELECTRONICS || base == SECTOR_HOUSING ||
                    base == SECTOR_OTHER;
        int online = k < 0 && goods && sells_online(sc, base, t->cp, t->n, ns, ne, base != SECTOR_OTHER || after >= 0);
        if (conf && (k >= 0 || online || after >= 0))
            *conf = 0.6;
        if (k >= 0)
            return split_decide(sc, k, t->cp, t->n, ns, ne, ws, wl);
        if (online)
            return SECTOR_ECOMMERCE;
        if (after >= 0)
            return base;
    }
    if (!sc->model || from_name != SECTOR_OTHER || name_known)
        return sector_decide(sc, from_name, name_known, name_end, t->cp, t->n, conf);
    /* 胖嫂腊肉, 老王牛肉干: a name of no trade or shop word that names the
     * food it sells, where no marketplace or stream is named (栗子哥 直播的
     * 时候…: a host) and no eating place's word ends it (宏福羊肉馆:
     * 馆店铺坊楼厅堂居轩阁斋庄园家面饭粉档摊) */
    static const int32_t place_ends[] = {0x9986, 0x5E97, 0x94FA, 0x574A, 0x697C, 0x5385, 0x5802, 0x5C45, 0x8F69, 0x9601, 0x658B, 0x5E84, 0x56ED, 0x5BB6, 0x9762, 0x996D, 0x7C89, 0x6863, 0x644A};
    /* the name before its bracket (老潮兴（龙眼路店）) */
    size_t core = named ? name_core_end(t->cp, (size_t)name_start, (size_t)name_end) : 0;
    /* …or one called by kin (桃姐卖的土蜂蜜) whose text names the food */
    static const int32_t kin[] = {0x59D0, 0x54E5, 0x53D4, 0x59E8, 0x5A46, 0x7237, 0x5AC2, 0x59B9}; /* 姐哥叔姨婆爷嫂妹 */
    int kin_named = named && core >= (size_t)name_start + 2 && memchr_cp(kin, sizeof kin / sizeof *kin, t->cp[core - 1]);
    if (named && core >= (size_t)name_start + 2 &&
        (food_sold(sc, t->cp, (size_t)name_start, core) || (kin_named && food_sold(sc, t->cp, 0, t->n))) &&
        !memchr_cp(place_ends, sizeof place_ends / sizeof *place_ends, t->cp[core - 1]) &&
        !market_named(sc, t->cp, t->n)) {
        if (conf)
            *conf = 0.6;
        return SECTOR_FOOD_RETAIL;
    }
    /* 鹭小茶(筼湖店): an outlet named with its branch in brackets is a shop
     * one walks into, however its order was placed (下单 on 美团) */
    int outlet = named && name_end - name_start >= 4 &&
                 (t->cp[name_end - 1] == 0xFF09 || t->cp[name_end - 1] == ')') &&
                 t->cp[name_end - 2] == 0x5E97 /* 店 */;
    /* a name of no trade: the text's cue words when it has any; when it has
     * none, the sector the learned model reads from all its words (a text
     * about 拍的照片 or 洗的衬衫 names no trade word; measured on
     * hand-written texts held out, bench/sector_cv.sh) */
    int votes = 0;
    tax_sector cue = text_vote(sc, t->cp, t->n, outlet ? SECTOR_ECOMMERCE : -1, &votes);
    if (votes > 0) {
        if (conf)
            *conf = 0.6;
        return cue;
    }
    double prob[SECTOR_N];
    secm_predict(sc->model, t, toks, n_toks, sc->scratch, prob);
    int best = 0;
    for (int s = 1; s < SECTOR_N; s++)
        if (prob[s] > prob[best])
            best = s;
    if (conf)
        *conf = prob[best];
    return (tax_sector)best;
}

int sector_of_text(sector_ctx *sc, const clf_text *t, const seg_token *toks, size_t n_toks, tax_sector *out,
                   double *conf)
{
    int votes[SECTOR_N] = {0};
    int first[SECTOR_N];
    /* every cue word counts once here: the thresholds below count words */
    text_votes(sc, t->cp, t->n, 1, votes, first);
    int best = 0, second = 0, total = 0;
    for (int s = 1; s < SECTOR_N; s++)
        if (votes[s] > votes[best])
            best = s;
    for (int s = 0; s < SECTOR_N; s++) {
        total += votes[s];
        if (s != best && votes[s] > second)
            second = votes[s];
    }
    /* one trade named, or one clearly more than the others (a 健身房 text
     * that mentions its 教练 and 私教课 against one stray 课程) */
    if (!votes[best] || votes[best] <= 2 * second)
        return 0;
    double p = (double)votes[best] / total;
    /* a text that names one trade again and again (健身房 … 健身房) says it;
     * otherwise the model, which reads every word, not only the cues, must
     * agree: it vetoes a cue word used in passing (比超市便宜) */
    if (sc->model && (second || votes[best] < SECTOR_TEXT_SURE_VOTES)) {
        double prob[SECTOR_N];
        secm_predict(sc->model, t, toks, n_toks, sc->scratch, prob);
        for (int s = 0; s < SECTOR_N; s++)
            if (prob[s] > prob[best])
                return 0;
        if (prob[best] < SECTOR_TEXT_MIN_PROB)
            return 0;
        p = prob[best];
    }
    *out = (tax_sector)best;
    if (conf)
        *conf = p;
    return 1;
}

size_t sector_cue(const sector_ctx *sc, tax_sector s, const int32_t *cp, size_t n, size_t *len)
{
    for (size_t i = 0; i < n; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, 0, &v);
        if (!L)
            continue;
        if (cue_sector(v) == (int)s) {
            *len = (size_t)L;
            return i;
        }
        i += (size_t)L - 1;
    }
    *len = 0;
    return n;
}
