/* merchant.c: business mentions, keys and the stream merchant table (see
 * merchant.h). Everything works on folded code points: full-width ASCII to
 * ASCII, Latin lower case, plus the caller's fold (traditional to
 * simplified) when one is set. */
#include "merchant.h"

#include "ctag.h"
#include "mspan.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unicode/utf8.h>

#include "cpscan.h"
#include "cptrie.h"
#include "hmap.h"
#include "paths.h"
#include "tsv.h"

/* Lexicon categories. */
enum {
    MC_ORG, MC_SHOP, MC_IND, MC_INDW, MC_INDF, MC_BRANCH, MC_DESC, MC_REGION, MC_PLAT,
    MC_BRAND, MC_NONM, MC_STOP, MC_COREF, MC_CUEPRE, MC_CUEPOST, MC_LABEL, MC_REG, MC_LIVE, MC_ALIAS,
    MC_N
};

#define MAX_HEAD 8      /* longest 字号 (region prefix excluded) */
#define MAX_LEFT 16     /* longest left extension, region included */
#define KEY_CAP 256
#define PY_BASE 0x4E00
#define PY_END 0x9FA6

typedef struct reg_entry {
    char credit[19];
    char *name;
    char *key;
    tax_sector sector;
    int has_sector;
} reg_entry;

struct merch_lex {
    cptrie *t;
    uint16_t *py;           /* toneless pinyin syllable id per ideograph, 0: none */
    int32_t (*canon)[4];    /* canonical industry words for homophone typos */
    size_t n_canon;
    reg_entry *reg;
    size_t n_reg;
    hmap *reg_keys;         /* derived key of a registry name or alias -> entry + 1 */
    char **alias;           /* canonical brand names (brand_alias.tsv) */
    size_t n_alias;
    hmap *alias_names;      /* the names of alias, as a set (value unused) */
    char **kcanon;          /* key_canon.tsv: variant, canonical, variant, … */
    size_t n_kcanon;        /* pairs */
    size_t *kcanon_len;     /* strlen of each variant */
    uint64_t kcanon_last[64]; /* bit kcanon_tail(): some variant ends in those two bytes */
    int kcanon_short;       /* a variant of one byte: the bits rule out nothing */
    cptrie *plain;          /* words that cannot be a 字号 (data/merch_plain.tsv) */
    cptrie *kplain;         /* key_plain.txt: modifiers and generic trade words keys drop (category
                               0); key_surname.txt: surnames (KPLAIN_SURNAME); key_makes.tsv:
                               makes dealers sell (KPLAIN_MAKE); key_seller.txt:
                               a seller's words for its goods (KPLAIN_SELLER) */
    char *family[SECTOR_N]; /* key_family.tsv: the word ending keys of a sector */
    hmap *trade_family;     /* key_trade.tsv: trade word -> the word ending its keys instead */
    hmap *latin_han;        /* key_latin.tsv: English given name -> its Chinese form */
    size_t family_len[SECTOR_N];
    char **syl;             /* toneless pinyin of each syllable id (syl[0] unused) */
    size_t n_syl;
    hmap *trunc;            /* shop/industry word less its last character -> the word (大药 -> 大药房) */
    uint64_t trunc_last[64]; /* bit (c & 4095): some key of trunc ends in c */
    cptrie *tcue;           /* key_trade_cues.tsv: a text's word of a trade with a key word of
                               its own -> index into tcues */
    struct trade_cue {
        const char *word;   /* the key word (a value of trade_family) */
        tax_sector sector;  /* the trade's sector */
    } *tcues;
    size_t n_tcue;
    hmap *brand_sound;      /* sound (sound_of) of each brand or platform of three characters or
                               more -> the brand as keys spell it (encode) */
};

/* categories in merch_lex.kplain besides the modifiers (0): a surname, a
 * make that dealers name (value: its sector), a seller's word, a hotel's
 * view (dropped from keys only) */
enum { KPLAIN_SURNAME = 1, KPLAIN_MAKE = 2, KPLAIN_SELLER = 3, KPLAIN_VIEW = 4 };

/* Values in the plain-word trie: stripped from the front of a 字号; also
 * no 字号 on its own. */
enum { PLAIN_STRIP = 1, PLAIN_WHOLE = 2 };

typedef struct cand {
    int32_t s, e;
    merch_kind kind;
    tax_sector sector;
    double conf;
    int32_t reg;
} cand;

/* cand.reg of a name keyed as written (no registry entry) */
#define CAND_AS_WRITTEN (-2)

#define FOLD_MEMO 1024
/* Keys of recent names, direct-mapped: key_cp is a function of the name's
 * code points and the context's flags alone once the lexicons are loaded,
 * and a text keys one span several times (as a cue, as the chosen mention,
 * standing alone), a stream the same businesses again and again. */
#define KEY_MEMO 1024
#define KEY_MEMO_CPS 32 /* longer names are keyed afresh */

typedef struct key_memo {
    int used;
    int flags;              /* registry used, family keys */
    size_t n, cap;
    int32_t cp[KEY_MEMO_CPS];
    qs_rc rc;
    int sector_set;         /* key_cp wrote its sector argument */
    tax_sector sector;
    char key[KEY_CAP];      /* when rc is QS_OK */
} key_memo;
/* a name's confidence below which it names a kind of firm, not one firm */
#define MERCH_KIND_CONF 0.5
#define CAT(c) (1u << (c)) /* a lexicon category's bit in a mask */

struct merch_ctx {
    const merch_lex *lx;
    int32_t (*fold)(const void *, int32_t);
    const void *fold_arg;
    float (*logp)(const void *, const int32_t *, size_t);
    const void *logp_arg;
    int32_t *f;          /* folded text */
    int copy_told;       /* the last text found says one business copies another */
    int16_t *len;        /* len[c * cap + i]: longest match of category c at i */
    int32_t *val;        /* its value */
    uint8_t *hard;       /* hard[i]: a name cannot extend left across i */
    uint8_t *name_ok;    /* name_ok[i]: f[i] may be part of a name */
    uint8_t *stop_at;    /* stop_at[i]: an unprotected stop word starts at i */
    uint32_t *cats;      /* cats[i]: bit c set when the lexicons matched category c at i
                          * (a match dropped later may leave its bit): scans skip the
                          * many positions where no word starts */
    size_t cap;
    cand *cands;
    size_t n_cands, cap_cands;
    merch_mention *ms;
    size_t cap_ms;
    char *keys;          /* KEY_CAP bytes per mention */
    /* scratch for keys */
    int32_t kbuf[KEY_CAP];
    int16_t klen[MC_N][KEY_CAP]; /* zero but where the last key_cp wrote: */
    int32_t kval[MC_N][KEY_CAP];
    uint32_t kdirty;             /* the categories it wrote (bits) */
    size_t kdirty_n;             /* below this position */
    uint32_t ldirty;             /* the len rows the last merch_find wrote (bits), */
    size_t ldirty_n;             /* below this position; len is zero elsewhere */
    /* folds of recent code points, direct-mapped (key -1: empty): saves
     * the fold callback at most characters of a text */
    struct {
        int32_t cp, f; /* side by side: a lookup reads one cache line */
    } memo[FOLD_MEMO];
    int family_keys; /* key_cp ends keys in their sector's word (merch_key_standalone) */
    key_memo kmemo[KEY_MEMO];
    /* the learned scorer of bare trade names (span_names) */
    const mspan_model *span;
    void (*span_sink)(void *, const mspan_cand *);
    void *span_arg;
    uint8_t *slex, *staken, *srk; /* its per-position inputs, span_cap each */
    int32_t *ssame;
    size_t span_cap;
    mspan_cand *scand;      /* SPAN_CANDS candidates */
    /* the character tagger of names (ctag.h), and its training sink */
    const ctag_model *tagger;
    void (*text_sink)(void *, const mspan_text *);
    void *text_arg;
};

/* ---------- folding and character classes ---------- */

static inline int32_t fold_basic(int32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    else if (c == 0x3000)
        c = ' ';
    if (c >= 'A' && c <= 'Z')
        c += 32;
    return c;
}

/* Emoji and their joiners: a post puts them where it would put a space
 * or a stop (筑梦装修🙃 工期拖了…, 阿强发型😡染的头) */
static inline int is_emoji(int32_t c)
{
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || c == 0xFE0F || c == 0x200D ||
           c == 0x2B50 || c == 0x2B55 || c == 0x203C || c == 0x2049;
}

static inline int32_t fold_cp(const merch_ctx *mc, int32_t c)
{
    if (is_emoji(c))
        return ' ';
    /* 嘞, the 的 of south-western speech (滇香饼屋嘞火腿月饼, 张二姐卖嘞) */
    if (c == 0x561E)
        return 0x7684;
    if (mc && mc->fold)
        c = mc->fold(mc->fold_arg, c);
    return fold_basic(c);
}

/* fold_cp through the context's memo: the characters of a name were most
 * often folded before, and the fold callback costs a call. */
static inline int32_t fold_memo(merch_ctx *mc, int32_t c)
{
    size_t h = (uint32_t)c & (FOLD_MEMO - 1);
    if (mc->memo[h].cp != c) {
        mc->memo[h].cp = c;
        mc->memo[h].f = fold_cp(mc, c);
    }
    return mc->memo[h].f;
}

static inline int is_han(int32_t c)
{
    /* the main block first, on its own: one test for most characters */
    if ((uint32_t)c - 0x4E00u <= 0x9FFFu - 0x4E00u)
        return 1;
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) ||
           c == 0x3007;
}
static inline int is_latin(int32_t c) { return c >= 'a' && c <= 'z'; }
static inline int is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static inline int is_open(int32_t c) { return c == '(' || c == 0x3010 || c == 0x3014; }
/* “, 「 or a plain " (a plain one both opens and closes) */
static int open_quote(int32_t c) { return c == 0x201C || c == 0x300C || c == '"'; }
/* ”, 」 or a plain " */
static int close_quote(int32_t c) { return c == 0x201D || c == 0x300D || c == '"'; }
/* 的, or Cantonese 嘅 */
static int de_char(int32_t c) { return c == 0x7684 || c == 0x5605; }
static inline int is_close(int32_t c) { return c == ')' || c == 0x3011 || c == 0x3015; }

/* Recent answers of in_set, per thread: a text asks about the same few
 * characters in the same sets (static literals, never changed) again and
 * again, and an answer remembered costs a tenth of a search. Eight bytes an
 * entry, so that many fit: the low half of the set's address stands for the
 * set (the literals of one binary lie well within 4 GiB of each other), and
 * c and the answer share a word. An empty entry reads as set 0 and c 0,
 * whose answer (no) it holds. */
#define IN_SET_MEMO 16384 /* a power of two */
static _Thread_local struct in_set_memo {
    uint32_t set;
    uint32_t c_in; /* c << 1 | the answer */
} in_set_memo[IN_SET_MEMO];

/* Whether code point c is one of the characters of the UTF-8 string `set`
 * (a static string: its address stands for its content in the memo). */
static int in_set(const char *set, int32_t c)
{
    uint32_t tag = (uint32_t)(uintptr_t)set;
    uint32_t h = (tag * 0x9E3779B1u ^ (uint32_t)c * 0x85EBCA77u) >> 16;
    struct in_set_memo *m = &in_set_memo[h & (IN_SET_MEMO - 1)];
    if (m->set == tag && m->c_in >> 1 == (uint32_t)c)
        return (int)(m->c_in & 1);
    /* UTF-8 is self-synchronising: c's encoding occurs in set only where
     * c is one of its characters, so one strstr replaces a decoding loop */
    int in = 0;
    if (c > 0 && c <= 0x10FFFF && !U_IS_SURROGATE(c)) {
        char u8[U8_MAX_LENGTH + 1];
        size_t k = 0;
        U8_APPEND_UNSAFE(u8, k, c);
        u8[k] = '\0';
        in = strstr(set, u8) != NULL;
    }
    *m = (struct in_set_memo){tag, (uint32_t)c << 1 | (uint32_t)in};
    return in;
}

static int unit_char(int32_t c)
{
    return in_set("年月日号元块点个次岁时分斤件期楼层栋室米克套台瓶盒箱份张天周家星", c);
}

/* After a numeral and a measure word: 七台河 is a city, 五台山 a mountain,
 * 三台县 a county, no count of goods. */
static int count_place(int32_t c)
{
    return c == 0x5C71 /* 山 */ || c == 0x6CB3 /* 河 */ || c == 0x53BF /* 县 */;
}

/* A word of kin people are called by (红姐, 张婆婆, 米姐, 腊肉哥, 茶姑): a
 * person, or a seller or host who goes by it. */
static int kin_char(int32_t c)
{
    return in_set("哥姐妹姑嫂姨婶叔伯婆爷", c);
}

static int place_suffix(int32_t c)
{
    return in_set("区路街道镇村城场湾园港桥山湖江河门口站楼厦里坊汇荟店达悦象府院苑广", c);
}

/* 一二三四五六七八九十两零〇 or an ASCII digit */
static int is_numeral(int32_t c)
{
    switch (c) {
    case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03:
    case 0x516B: case 0x4E5D: case 0x5341: case 0x4E24: case 0x96F6: case 0x3007:
        return 1;
    default:
        return is_digit(c);
    }
}

/* 一盘, 两碗, 三份, 二两: a count of servings at q (a numeral, then its measure),
 * what was served and never part of a name */
static int serving_count(const int32_t *f, size_t q)
{
    return is_numeral(f[q]) && in_set("盘碗份杯瓶盒袋箱斤两串锅桶罐碟笼", f[q + 1]);
}

/* 二店, 3号店, 一分店, 第二分店: a numbered store of a business, a branch
 * designation. Returns its length at f[i] (0: none). */
static size_t numbered_store(const int32_t *f, size_t n, size_t i)
{
    size_t j = i + (i < n && f[i] == 0x7B2C /* 第 */);
    size_t d = j;
    while (d < n && d - j < 3 && is_numeral(f[d]))
        d++;
    if (d == j)
        return 0;
    if (d < n && f[d] == 0x53F7 /* 号 */)
        d++;
    if (d < n && (f[d] == 0x5206 /* 分 */ || f[d] == 0x95E8 /* 门 */) && d + 1 < n && f[d + 1] == 0x5E97)
        return d + 2 - i;
    return d < n && f[d] == 0x5E97 /* 店 */ ? d + 1 - i : 0;
}

static int region_suffix(int32_t c)
{
    return c == 0x7701 /* 省 */ || c == 0x5E02 /* 市 */ || c == 0x533A /* 区 */ ||
           c == 0x53BF /* 县 */ || c == 0x9547 /* 镇 */ || c == 0x4E61 /* 乡 */;
}

/* A region of k characters ending in w[k - 1], by its form alone (the
 * listed regions are matched before). One character and 乡 is a 字号
 * (果乡民宿, 渔乡干货店, 茶乡小妹): townships have longer names, and keying
 * it as one would leave only the trade word (古镇 stays a place). */
static int region_form(const int32_t *w, size_t k)
{
    return region_suffix(w[k - 1]) && !(k == 2 && w[1] == 0x4E61 /* 乡 */);
}

static int encode(const int32_t *cp, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k + 4 >= cap)
            return -1;
        UBool err = 0;
        U8_APPEND(out, k, cap, cp[i], err);
        if (err)
            return -1;
    }
    out[k] = '\0';
    return 0;
}

/* ---------- lexicon loading ---------- */

static int sector_value(const char *s)
{
    return tax_sector_parse(s);
}

static int plain_value(const char *s)
{
    return s[0] == 'S' ? PLAIN_STRIP : s[0] == 'W' ? PLAIN_WHOLE : -1;
}

/* Load the word list at rel (found by paths_find) into t as category cat. */
static qs_rc load_into(cptrie *t, const char *rel, int cat, int (*value_of)(const char *), qs_err *err)
{
    char path[1024];
    if (paths_find(rel, path, sizeof path) != 0)
        return qs_fail(err, QS_EDATA, "lexicon not found: %s (tried %s)", rel, path);
    return cptrie_load(t, path, cat, value_of, err);
}

static qs_rc load_one(merch_lex *lx, const char *rel, int cat, int with_sector, qs_err *err)
{
    return load_into(lx->t, rel, cat, with_sector ? sector_value : NULL, err);
}

static qs_rc load_pinyin(merch_lex *lx, qs_err *err)
{
    FILE *f = paths_open("data/pinyin.tsv", err);
    if (!f)
        return err->rc;
    lx->py = calloc(PY_END - PY_BASE, sizeof *lx->py);
    hmap *syl = hmap_new();
    qs_rc rc = QS_OK;
    if (!lx->py || !syl) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading pinyin");
        goto out;
    }
    char line[128];
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *py = tab + 1;
        py[strcspn(py, "\r\n")] = '\0';
        size_t i = 0, n = strlen(line);
        UChar32 c;
        U8_NEXT(line, i, n, c);
        if (c < PY_BASE || c >= PY_END || !*py)
            continue;
        void **slot;
        int added;
        if (hmap_put(syl, py, strlen(py), &slot, &added) != 0) {
            rc = qs_fail(err, QS_ENOMEM, "out of memory loading pinyin");
            goto out;
        }
        if (added) {
            *slot = (void *)(uintptr_t)hmap_count(syl);
            size_t id = hmap_count(syl);
            char **ps = realloc(lx->syl, (id + 1) * sizeof *ps);
            if (!ps || !(ps[id] = strdup(py))) {
                if (ps)
                    lx->syl = ps;
                rc = qs_fail(err, QS_ENOMEM, "out of memory loading pinyin");
                goto out;
            }
            ps[0] = NULL;
            lx->syl = ps;
            lx->n_syl = id + 1;
        }
        lx->py[c - PY_BASE] = (uint16_t)(uintptr_t)*slot;
    }
    if (ferror(f))
        rc = qs_fail(err, QS_EIO, "read error on data/pinyin.tsv");
out:
    hmap_free(syl);
    fclose(f);
    return rc;
}

unsigned merch_syllable(const merch_lex *lx, int32_t cp)
{
    return cp >= PY_BASE && cp < PY_END ? lx->py[cp - PY_BASE] : 0;
}

/* Homophone variants of two-character industry words (健身 -> 建身, 健伸):
 * one character replaced by another of the same toneless reading, unless the
 * replacement is a function character that would make everyday phrases
 * (没发, 有用) look like names. */
static qs_rc add_homophones(merch_lex *lx, qs_err *err)
{
    FILE *f = paths_open("dicts/merchant/homophones.txt", err);
    if (!f)
        return err->rc;
    static const char banned_s[] = "没有是不了的在就也都又再还要会能可说到去来过给把被让叫见这那我你他她它们个和与或而很太真";
    int32_t banned[64];
    size_t nb = 0, bi = 0, bn = sizeof banned_s - 1;
    while (bi < bn && nb < 64) {
        UChar32 u;
        U8_NEXT(banned_s, bi, bn, u);
        banned[nb++] = u;
    }
    /* the ideographs of each reading in code point order (a counting
     * sort): a character's homophones are read off its reading's list,
     * not found by a pass over every ideograph */
    enum { N_PY = PY_END - PY_BASE };
    size_t n_read = 1;
    for (size_t c = 0; c < N_PY; c++)
        if ((size_t)lx->py[c] + 1 > n_read)
            n_read = (size_t)lx->py[c] + 1;
    uint32_t *first = calloc(n_read + 1, sizeof *first), *by_read = malloc(N_PY * sizeof *by_read);
    if (!first || !by_read) {
        free(first);
        free(by_read);
        fclose(f);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < N_PY; c++)
        first[lx->py[c] + 1]++;
    for (size_t r = 1; r <= n_read; r++)
        first[r] += first[r - 1];
    for (size_t c = 0; c < N_PY; c++)
        by_read[first[lx->py[c]]++] = (uint32_t)c;
    for (size_t r = n_read; r > 0; r--) /* back to the start of each list */
        first[r] = first[r - 1];
    first[0] = 0;
    char line[256];
    qs_rc rc = QS_OK;
    while (rc == QS_OK && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        int32_t sv;
        int32_t wl = 0;
        {
            int32_t wcp[8];
            size_t wi = 0, wn = strlen(line), wk = 0;
            while (wi < wn && wk < 8) {
                UChar32 u;
                U8_NEXT(line, wi, wn, u);
                wcp[wk++] = u;
            }
            wl = cptrie_longest(lx->t, wcp, wk, MC_IND, &sv);
            if (wl != (int32_t)wk)
                wl = 0;
        }
        if (!wl) {
            rc = qs_fail(err, QS_EDATA, "dicts/merchant/homophones.txt: '%s' is not in industry.tsv", line);
            break;
        }
        int s = sv;
        int32_t w[2];
        size_t i = 0, n = strlen(line), k = 0;
        while (i < n && k < 3) {
            UChar32 u;
            U8_NEXT(line, i, n, u);
            if (k < 2)
                w[k] = u;
            k++;
        }
        if (k != 2 || s < 0 || w[0] < PY_BASE || w[0] >= PY_END || w[1] < PY_BASE ||
            w[1] >= PY_END)
            continue;
        int32_t (*nc)[4] = realloc(lx->canon, (lx->n_canon + 1) * sizeof *nc);
        if (!nc) {
            rc = qs_fail(err, QS_ENOMEM, "out of memory");
            break;
        }
        lx->canon = nc;
        lx->canon[lx->n_canon][0] = w[0];
        lx->canon[lx->n_canon][1] = w[1];
        int32_t v = (int32_t)(lx->n_canon << 5) | s;
        lx->n_canon++;
        for (int pos = 0; pos < 2 && rc == QS_OK; pos++) {
            uint16_t rd = lx->py[w[pos] - PY_BASE]; /* 0: no reading, no homophone */
            for (uint32_t q = rd ? first[rd] : 0; q < (rd ? first[rd + 1] : 0) && rc == QS_OK; q++) {
                int32_t c = PY_BASE + (int32_t)by_read[q];
                if (c == w[pos])
                    continue;
                /* judged as the text will show it (沒 is folded to 没) */
                int32_t fc = cptrie_fold(lx->t, c);
                int ban = fc == w[pos];
                for (size_t b = 0; b < nb; b++)
                    ban |= banned[b] == fc;
                if (ban)
                    continue;
                int32_t var[2] = {w[0], w[1]};
                var[pos] = c;
                char u8[16];
                if (encode(var, 2, u8, sizeof u8) == 0)
                    rc = cptrie_add(lx->t, u8, strlen(u8), MC_INDF, v, err);
            }
        }
    }
    free(first);
    free(by_read);
    fclose(f);
    return rc;
}

static qs_rc fold_utf8(const char *s, size_t len, char *out, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0)
            return QS_EINVAL;
        c = fold_basic(c);
        UBool e = 0;
        if (k + 4 >= cap)
            return QS_EINVAL;
        U8_APPEND(out, k, cap, c, e);
        if (e)
            return QS_EINVAL;
    }
    out[k] = '\0';
    return QS_OK;
}

typedef qs_rc (*pair_fn)(merch_lex *lx, const char *left, const char *right, qs_err *err);

/* Read a lexicon of "left TAB right" lines (# comments and blank lines
 * skipped) and hand each pair to add; `want` names the columns in errors. */
static qs_rc read_pairs(merch_lex *lx, const char *rel, const char *want, pair_fn add, qs_err *err)
{
    FILE *f = paths_open(rel, err);
    if (!f)
        return err->rc;
    char line[512];
    long ln = 0;
    qs_rc rc = QS_OK;
    while (rc == QS_OK && fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1]) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: want %s", rel, ln, want);
            break;
        }
        *tab = '\0';
        if ((rc = add(lx, line, tab + 1, err)) == QS_ENOMEM)
            qs_fail(err, QS_ENOMEM, "out of memory loading %s", rel);
    }
    fclose(f);
    return rc;
}

/* The sound of cp[0..n): the toneless syllable id of each character, two
 * bytes each, into out (cap bytes). Its length, or 0 when a character has
 * no reading. */
static size_t sound_of(const merch_lex *lx, const int32_t *cp, size_t n, char *out, size_t cap)
{
    if (2 * n > cap)
        return 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t sy = cp[i] >= PY_BASE && cp[i] < PY_END ? lx->py[cp[i] - PY_BASE] : 0;
        if (!sy)
            return 0;
        out[2 * i] = (char)(sy & 0xFF);
        out[2 * i + 1] = (char)(sy >> 8);
    }
    return 2 * n;
}

/* Adds key[0..len) → a copy of value to map unless the key is there. */
static qs_rc put_word(hmap *map, const char *key, size_t len, const char *value)
{
    void **slot;
    int added;
    if (hmap_put(map, key, len, &slot, &added) != 0)
        return QS_ENOMEM;
    if (added && !(*slot = strdup(value)))
        return QS_ENOMEM;
    return QS_OK;
}

/* brands.tsv, companies.tsv, platforms.tsv: a name of three characters or
 * more by its sound, to tell a look-alike of it (蜜雪冰诚) from a shorter
 * brand it starts with (蜜雪). */
static qs_rc add_brand_sound(merch_lex *lx, const char *word, const char *sector, qs_err *err)
{
    (void)sector;
    (void)err;
    int32_t cp[16];
    size_t n = 0, i = 0, wl = strlen(word);
    while (i < wl && n < sizeof cp / sizeof *cp) {
        UChar32 u;
        U8_NEXT(word, i, wl, u);
        if (u < 0)
            return QS_OK;
        cp[n++] = cptrie_fold(lx->t, u);
    }
    char snd[32], w[64];
    size_t sl = i == wl && n >= 3 ? sound_of(lx, cp, n, snd, sizeof snd) : 0;
    if (!sl || encode(cp, n, w, sizeof w) != 0)
        return QS_OK;
    return put_word(lx->brand_sound, snd, sl, w);
}

static qs_rc load_brand_sounds(merch_lex *lx, qs_err *err)
{
    if (!(lx->brand_sound = hmap_new()))
        return qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
    static const char *const files[] = {"dicts/merchant/platforms.tsv", "dicts/merchant/brands.tsv",
                                        "dicts/merchant/companies.tsv"};
    qs_rc rc = QS_OK;
    for (size_t i = 0; rc == QS_OK && i < sizeof files / sizeof *files; i++)
        rc = read_pairs(lx, files[i], "word TAB sector", add_brand_sound, err);
    return rc;
}

/* brand_alias.tsv: alias TAB the name keys use. */
static qs_rc add_alias(merch_lex *lx, const char *alias, const char *name, qs_err *err)
{
    char **p = realloc(lx->alias, (lx->n_alias + 1) * sizeof *p);
    if (!p)
        return qs_fail(err, QS_ENOMEM, "out of memory loading brand aliases");
    lx->alias = p;
    if (!(p[lx->n_alias] = strdup(name)))
        return qs_fail(err, QS_ENOMEM, "out of memory loading brand aliases");
    lx->n_alias++; /* owned by the lexicon from here, freed with it */
    void **slot;
    int added;
    if ((!lx->alias_names && !(lx->alias_names = hmap_new())) ||
        hmap_put(lx->alias_names, name, strlen(name), &slot, &added) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory loading brand aliases");
    return cptrie_add(lx->t, alias, strlen(alias), MC_ALIAS, (int32_t)(lx->n_alias - 1), err);
}

/* The low six bits of the last two bytes of s (len >= 2): for a string
 * ending in a three-byte character, its code point's low 12 bits. */
static inline unsigned kcanon_tail(const char *s, size_t len)
{
    return ((unsigned char)s[len - 2] & 0x3Fu) << 6 | ((unsigned char)s[len - 1] & 0x3Fu);
}

/* key_canon.tsv: variant TAB canonical industry word. */
static qs_rc add_key_canon(merch_lex *lx, const char *variant, const char *canon, qs_err *err)
{
    (void)err;
    char **p = realloc(lx->kcanon, (2 * lx->n_kcanon + 2) * sizeof *p);
    if (!p)
        return QS_ENOMEM;
    lx->kcanon = p;
    size_t *pl = realloc(lx->kcanon_len, (lx->n_kcanon + 1) * sizeof *pl);
    if (!pl)
        return QS_ENOMEM;
    lx->kcanon_len = pl;
    char *v = strdup(variant), *c = strdup(canon);
    if (!v || !c) {
        free(v);
        free(c);
        return QS_ENOMEM;
    }
    p[2 * lx->n_kcanon] = v;
    p[2 * lx->n_kcanon + 1] = c;
    pl[lx->n_kcanon] = strlen(v);
    if (pl[lx->n_kcanon] < 2)
        lx->kcanon_short = 1;
    else
        lx->kcanon_last[kcanon_tail(v, pl[lx->n_kcanon]) >> 6] |= 1ull << (kcanon_tail(v, pl[lx->n_kcanon]) & 63);
    lx->n_kcanon++;
    return QS_OK;
}

/* shop.tsv, industry.tsv: a word of three or more characters written
 * without its last one (信龙大药, 百宏便利) stands for the whole word. */
static qs_rc add_trunc(merch_lex *lx, const char *word, const char *sector, qs_err *err)
{
    (void)sector;
    (void)err;
    size_t wl = strlen(word), last = wl;
    U8_BACK_1((const uint8_t *)word, 0, last);
    size_t cps = 0;
    for (size_t q = 0; q < last; q++)
        cps += ((unsigned char)word[q] & 0xC0) != 0x80;
    if (cps < 2)
        return QS_OK;
    qs_rc rc = put_word(lx->trunc, word, last, word);
    if (rc != QS_OK)
        return rc;
    int32_t q = (int32_t)last;
    UChar32 c;
    U8_PREV((const uint8_t *)word, 0, q, c);
    if (c >= 0)
        lx->trunc_last[(c & 4095) >> 6] |= 1ull << (c & 63);
    return QS_OK;
}

static qs_rc load_trunc(merch_lex *lx, qs_err *err)
{
    if (!(lx->trunc = hmap_new()))
        return qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
    qs_rc rc = read_pairs(lx, "dicts/merchant/shop.tsv", "word TAB sector", add_trunc, err);
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/industry.tsv", "word TAB sector", add_trunc, err);
    if (rc == QS_OK && add_trunc(lx, "直播间", NULL, err) != QS_OK)
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
    return rc;
}

/* word -> a copy of value in map; the first line for a word wins */
/* key_trade.tsv: a trade word TAB the word that ends the keys of its
 * businesses in place of its sector's (物业 in housing: 物业). */
static qs_rc add_trade_family(merch_lex *lx, const char *word, const char *key_word, qs_err *err)
{
    (void)err;
    return put_word(lx->trade_family, word, strlen(word), key_word);
}

/* key_trade_cues.tsv: a word of a text TAB the trade of key_trade.tsv it
 * names (玻尿酸 -> 医美), a trade of one sector by the industry lexicons. */
static qs_rc add_trade_cue(merch_lex *lx, const char *cue, const char *trade, qs_err *err)
{
    void **slot = hmap_find(lx->trade_family, trade, strlen(trade));
    int32_t cp[16];
    size_t n = 0, i = 0, tl = strlen(trade);
    while (i < tl && n < sizeof cp / sizeof *cp) {
        UChar32 u;
        U8_NEXT(trade, i, tl, u);
        cp[n++] = u < 0 ? 0 : u;
    }
    int32_t v = -1;
    static const int cats[] = {MC_IND, MC_INDW, MC_SHOP};
    for (size_t c = 0; c < sizeof cats / sizeof *cats && v < 0; c++)
        if (cptrie_longest(lx->t, cp, n, cats[c], &v) != (int32_t)n)
            v = -1;
    if (!slot || i < tl || v < 0 || v >= SECTOR_N)
        return qs_fail(err, QS_EDATA, "key_trade_cues.tsv: %s is no trade word of key_trade.tsv and the industry lexicons",
                       trade);
    struct trade_cue *p = realloc(lx->tcues, (lx->n_tcue + 1) * sizeof *p);
    if (!p)
        return QS_ENOMEM;
    lx->tcues = p;
    p[lx->n_tcue] = (struct trade_cue){*slot, (tax_sector)v};
    return cptrie_add(lx->tcue, cue, strlen(cue), 0, (int32_t)lx->n_tcue++, err);
}

/* key_latin.tsv: an English given name TAB its usual Chinese form. */
static qs_rc add_latin(merch_lex *lx, const char *name, const char *han, qs_err *err)
{
    (void)err;
    return put_word(lx->latin_han, name, strlen(name), han);
}

static qs_rc add_family(merch_lex *lx, const char *code, const char *word, qs_err *err)
{
    int sec = tax_sector_parse(code);
    if (sec < 0 || sec >= SECTOR_N)
        return qs_fail(err, QS_EDATA, "key_family.tsv: unknown sector %s", code);
    free(lx->family[sec]);
    lx->family_len[sec] = strlen(word);
    return (lx->family[sec] = strdup(word)) ? QS_OK : QS_ENOMEM;
}

static size_t utf8_cps(const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Replace the key's industry word by its canonical form (途悠旅游 ->
 * 途悠旅行) when at least two characters of 字号 stay before it. */
static void key_canon(const merch_lex *lx, char *key, size_t cap)
{
    size_t kl = strlen(key), best = 0, bi = 0;
    /* most keys end in no variant's last character: one bit test */
    if (!lx->kcanon_short && (kl < 2 || !(lx->kcanon_last[kcanon_tail(key, kl) >> 6] >> (kcanon_tail(key, kl) & 63) & 1)))
        return;
    for (size_t i = 0; i < lx->n_kcanon; i++) {
        const char *v = lx->kcanon[2 * i];
        size_t vl = lx->kcanon_len[i];
        /* the last byte first: it rules out nearly every variant */
        if (vl > best && vl < kl && key[kl - 1] == v[vl - 1] && memcmp(key + kl - vl, v, vl) == 0 &&
            utf8_cps(key, kl - vl) >= 2) {
            best = vl;
            bi = i;
        }
    }
    if (!best)
        return;
    const char *c = lx->kcanon[2 * bi + 1];
    if (kl - best + strlen(c) < cap)
        memcpy(key + kl - best, c, strlen(c) + 1);
}

static int credit_ok(const char *s)
{
    if (strlen(s) != 18)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

static qs_rc key_cp_fresh(merch_ctx *mc, const int32_t *f, size_t n, char *key, size_t cap,
                          tax_sector *sector, int use_registry);

/* Registry: credit code TAB registered name TAB aliases (|-separated) TAB
 * sector code (may be empty). */
static qs_rc load_registry(merch_lex *lx, const char *path, qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        qs_rc rc = qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    merch_ctx *mc = merch_new(lx, err);
    lx->reg_keys = hmap_new();
    qs_rc rc = QS_OK;
    if (!mc || !lx->reg_keys) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        goto out;
    }
    char line[4096];
    long ln = 0;
    size_t cap = 0;
    while (rc == QS_OK && fgets(line, sizeof line, f)) {
        ln++;
        size_t l = strlen(line);
        if (l == sizeof line - 1 && line[l - 1] != '\n') {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: line too long", path, ln);
            break;
        }
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        if (!l || line[0] == '#')
            continue;
        char *col[4];
        int nc = tsv_split(line, col, 4);
        if (nc < 2 || !col[1][0]) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: want credit code, name, aliases, sector", path, ln);
            break;
        }
        if (!credit_ok(col[0])) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: bad credit code '%s' (18 characters 0-9A-Z)",
                         path, ln, col[0]);
            break;
        }
        reg_entry e = {0};
        memcpy(e.credit, col[0], 18);
        e.sector = SECTOR_OTHER;
        if (nc >= 4 && col[3][0]) {
            int s = tax_sector_parse(col[3]);
            if (s < 0) {
                rc = qs_fail(err, QS_EDATA, "%s:%ld: unknown sector '%s'", path, ln, col[3]);
                break;
            }
            e.sector = (tax_sector)s;
            e.has_sector = 1;
        }
        /* names: registered name then aliases */
        char *names[64];
        int nn = 0;
        names[nn++] = col[1];
        if (nc >= 3 && col[2][0])
            for (char *tok = col[2]; tok && nn < 64;) {
                char *bar = strchr(tok, '|');
                if (bar)
                    *bar = '\0';
                if (*tok)
                    names[nn++] = tok;
                tok = bar ? bar + 1 : NULL;
            }
        int32_t idx = (int32_t)lx->n_reg;
        char fk[KEY_CAP], first_key[KEY_CAP] = "", name_key[KEY_CAP] = "";
        for (int i = 0; i < nn && rc == QS_OK; i++) {
            char folded[1024];
            int32_t *cp = NULL;
            size_t ncp = 0;
            if (fold_utf8(names[i], strlen(names[i]), folded, sizeof folded) != QS_OK ||
                cptrie_decode(folded, strlen(folded), &cp, &ncp, NULL) != QS_OK) {
                rc = qs_fail(err, QS_EDATA, "%s:%ld: name is not valid UTF-8 or too long", path, ln);
                break;
            }
            tax_sector s;
            qs_rc krc = key_cp_fresh(mc, cp, ncp, fk, sizeof fk, &s, 0); /* the lexicon still grows */
            free(cp);
            if (krc != QS_OK)
                continue;
            /* the brand (first alias) names the business; else the registered name */
            if (i == 0)
                snprintf(name_key, sizeof name_key, "%s", fk);
            else if (i == 1)
                snprintf(first_key, sizeof first_key, "%s", fk);
            if (!e.has_sector && s != SECTOR_OTHER)
                e.sector = s;
            rc = cptrie_add(lx->t, folded, strlen(folded), MC_REG, idx, err);
            void **slot;
            int added;
            if (rc == QS_OK && hmap_put(lx->reg_keys, fk, strlen(fk), &slot, &added) != 0)
                rc = qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
            if (rc == QS_OK && added)
                *slot = (void *)(uintptr_t)(idx + 1);
        }
        if (rc != QS_OK)
            break;
        if (!first_key[0])
            snprintf(first_key, sizeof first_key, "%s", name_key);
        if (!first_key[0]) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: no usable name", path, ln);
            break;
        }
        e.name = strdup(col[1]);
        e.key = strdup(first_key);
        if (lx->n_reg == cap) {
            cap = cap ? cap * 2 : 64;
            reg_entry *p = realloc(lx->reg, cap * sizeof *p);
            if (!p) {
                free(e.name);
                free(e.key);
                rc = qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
                break;
            }
            lx->reg = p;
        }
        if (!e.name || !e.key) {
            free(e.name);
            free(e.key);
            rc = qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
            break;
        }
        lx->reg[lx->n_reg++] = e;
    }
    if (rc == QS_OK && ferror(f))
        rc = qs_fail(err, QS_EIO, "read error on %s", path);
out:
    merch_free(mc);
    fclose(f);
    return rc;
}

merch_lex *merch_lex_load(const char *registry_path, qs_err *err)
{
    return merch_lex_load_folded(registry_path, NULL, NULL, err);
}

merch_lex *merch_lex_load_folded(const char *registry_path,
                                 int32_t (*fold)(const void *arg, int32_t cp), const void *arg,
                                 qs_err *err)
{
    merch_lex *lx = calloc(1, sizeof *lx);
    if (!lx || !(lx->t = cptrie_new())) {
        merch_lex_free(lx);
        qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
        return NULL;
    }
    cptrie_set_fold(lx->t, fold, arg);
    if (!(lx->plain = cptrie_new())) {
        merch_lex_free(lx);
        qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
        return NULL;
    }
    cptrie_set_fold(lx->plain, fold, arg);
    if (!(lx->kplain = cptrie_new())) {
        merch_lex_free(lx);
        qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
        return NULL;
    }
    cptrie_set_fold(lx->kplain, fold, arg);
    if (!(lx->tcue = cptrie_new())) {
        merch_lex_free(lx);
        qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
        return NULL;
    }
    cptrie_set_fold(lx->tcue, fold, arg);
    static const struct {
        const char *file;
        int cat, sector;
    } files[] = {
        {"dicts/merchant/org_forms.txt", MC_ORG, 0},
        {"dicts/merchant/shop.tsv", MC_SHOP, 1},
        {"dicts/merchant/industry.tsv", MC_IND, 1},
        {"dicts/merchant/industry_weak.tsv", MC_INDW, 1},
        {"dicts/merchant/branch.txt", MC_BRANCH, 0},
        {"dicts/merchant/desc.txt", MC_DESC, 0},
        {"dicts/merchant/regions.txt", MC_REGION, 0},
        {"dicts/merchant/platforms.tsv", MC_PLAT, 1},
        {"dicts/merchant/brands.tsv", MC_BRAND, 1},
        {"dicts/merchant/companies.tsv", MC_BRAND, 1},
        {"dicts/merchant/nonmerchant.txt", MC_NONM, 0},
        {"dicts/merchant/stop.txt", MC_STOP, 0},
        {"dicts/merchant/coref.txt", MC_COREF, 0},
        {"dicts/merchant/cue_pre.txt", MC_CUEPRE, 0},
        {"dicts/merchant/cue_post.txt", MC_CUEPOST, 0},
        {"dicts/merchant/cue_label.txt", MC_LABEL, 0},
        {"dicts/merchant/live.txt", MC_LIVE, 0},
    };
    qs_rc rc = QS_OK;
    for (size_t i = 0; rc == QS_OK && i < sizeof files / sizeof files[0]; i++)
        rc = load_one(lx, files[i].file, files[i].cat, files[i].sector, err);
    if (rc == QS_OK) {
        char path[1024];
        if (paths_find("data/merch_plain.tsv", path, sizeof path) != 0)
            rc = qs_fail(err, QS_EDATA, "plain-word list not found (tried %s): run make data", path);
        else
            rc = cptrie_load(lx->plain, path, 0, plain_value, err);
    }
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/brand_alias.tsv", "alias TAB name", add_alias, err);
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/key_canon.tsv", "variant TAB canonical", add_key_canon, err);
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/key_family.tsv", "sector TAB word", add_family, err);
    if (rc == QS_OK && !(lx->trade_family = hmap_new()))
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/key_trade.tsv", "trade word TAB key word", add_trade_family, err);
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/key_trade_cues.tsv", "cue TAB trade word", add_trade_cue, err);
    if (rc == QS_OK && !(lx->latin_han = hmap_new()))
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading merchant lexicons");
    if (rc == QS_OK)
        rc = read_pairs(lx, "dicts/merchant/key_latin.tsv", "name TAB Chinese form", add_latin, err);
    if (rc == QS_OK)
        rc = load_into(lx->kplain, "dicts/merchant/key_plain.txt", 0, NULL, err);
    if (rc == QS_OK)
        rc = load_into(lx->kplain, "dicts/merchant/key_surname.txt", KPLAIN_SURNAME, NULL, err);
    if (rc == QS_OK)
        rc = load_into(lx->kplain, "dicts/merchant/key_seller.txt", KPLAIN_SELLER, NULL, err);
    if (rc == QS_OK)
        rc = load_into(lx->kplain, "dicts/merchant/key_view.txt", KPLAIN_VIEW, NULL, err);
    if (rc == QS_OK)
        rc = load_into(lx->kplain, "dicts/merchant/key_makes.tsv", KPLAIN_MAKE, sector_value, err);
    if (rc == QS_OK)
        rc = load_trunc(lx, err);
    if (rc == QS_OK)
        rc = load_pinyin(lx, err);
    if (rc == QS_OK)
        rc = add_homophones(lx, err);
    if (rc == QS_OK)
        rc = load_brand_sounds(lx, err);
    if (rc == QS_OK && registry_path)
        rc = load_registry(lx, registry_path, err);
    if (rc != QS_OK) {
        merch_lex_free(lx);
        return NULL;
    }
    return lx;
}

void merch_lex_free(merch_lex *lx)
{
    if (!lx)
        return;
    cptrie_free(lx->t);
    cptrie_free(lx->plain);
    cptrie_free(lx->kplain);
    cptrie_free(lx->tcue);
    free(lx->tcues);
    free(lx->py);
    for (size_t i = 1; i < lx->n_syl; i++)
        free(lx->syl[i]);
    free(lx->syl);
    free(lx->canon);
    for (size_t i = 0; i < lx->n_reg; i++) {
        free(lx->reg[i].name);
        free(lx->reg[i].key);
    }
    free(lx->reg);
    hmap_free(lx->reg_keys);
    for (size_t i = 0; i < lx->n_alias; i++)
        free(lx->alias[i]);
    free(lx->alias);
    hmap_free(lx->alias_names);
    for (size_t i = 0; i < 2 * lx->n_kcanon; i++)
        free(lx->kcanon[i]);
    free(lx->kcanon);
    free(lx->kcanon_len);
    if (lx->trunc)
        hmap_free_all(lx->trunc, free);
    for (int i = 0; i < SECTOR_N; i++)
        free(lx->family[i]);
    if (lx->trade_family)
        hmap_free_all(lx->trade_family, free);
    if (lx->latin_han)
        hmap_free_all(lx->latin_han, free);
    if (lx->brand_sound)
        hmap_free_all(lx->brand_sound, free);
    free(lx);
}

size_t merch_lex_registry_size(const merch_lex *lx)
{
    return lx->n_reg;
}

merch_ctx *merch_new(const merch_lex *lx, qs_err *err)
{
    merch_ctx *mc = calloc(1, sizeof *mc);
    if (!mc) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    mc->lx = lx;
    for (size_t h = 0; h < FOLD_MEMO; h++)
        mc->memo[h].cp = -1;
    return mc;
}

void merch_free(merch_ctx *mc)
{
    if (!mc)
        return;
    free(mc->f);
    free(mc->len);
    free(mc->val);
    free(mc->hard);
    free(mc->name_ok);
    free(mc->stop_at);
    free(mc->cats);
    free(mc->cands);
    free(mc->ms);
    free(mc->keys);
    free(mc->slex);
    free(mc->staken);
    free(mc->ssame);
    free(mc->srk);
    free(mc->scand);
    free(mc);
}

void merch_set_span_model(merch_ctx *mc, const mspan_model *m)
{
    mc->span = m;
}

void merch_set_span_sink(merch_ctx *mc, void (*sink)(void *arg, const mspan_cand *c), void *arg)
{
    mc->span_sink = sink;
    mc->span_arg = arg;
}

void merch_set_tagger(merch_ctx *mc, const ctag_model *m)
{
    mc->tagger = m;
}

void merch_set_text_sink(merch_ctx *mc, void (*sink)(void *arg, const mspan_text *t), void *arg)
{
    mc->text_sink = sink;
    mc->text_arg = arg;
}

void merch_set_word_logp(merch_ctx *mc, float (*logp)(const void *arg, const int32_t *cp, size_t n),
                         const void *arg)
{
    mc->logp = logp;
    mc->logp_arg = arg;
    memset(mc->kmemo, 0, sizeof mc->kmemo); /* keys depend on it */
}

/* logp above which a word is everyday language, not a trade name: 不是
 * -7.2, 家庭 -8.8, 除了 -9.0 against 百姓 -9.6, 阳光 -9.8, 快乐 -10.1 in the
 * jieba-derived dictionary */
#define EVERYDAY_LOGP (-9.3f)

static int everyday(const merch_ctx *mc, const int32_t *cp, size_t n)
{
    if (!mc->logp || n < 2)
        return 0;
    float lp = mc->logp(mc->logp_arg, cp, n);
    return lp <= 0 && lp > EVERYDAY_LOGP;
}

void merch_set_fold(merch_ctx *mc, int32_t (*fold)(const void *arg, int32_t cp), const void *arg)
{
    mc->fold = fold;
    mc->fold_arg = arg;
    for (size_t h = 0; h < FOLD_MEMO; h++)
        mc->memo[h].cp = -1;
    memset(mc->kmemo, 0, sizeof mc->kmemo);
}

/* ---------- keys ---------- */

static inline int32_t imax(int32_t a, int32_t b) { return a > b ? a : b; }

/* A real industry word starting inside the homophone at [i, i+l) and
 * running past its end (尚艺美发: 艺美 sounds like 医美, but 美发 is real). */
static int real_word_overlaps(const int16_t *ind, const int16_t *indw, size_t i, size_t l, size_t n)
{
    for (size_t j = i + 1; j < i + l && j < n; j++)
        if ((size_t)imax(ind[j], indw[j]) + j > i + l)
            return 1;
    return 0;
}

/* Latin letters before a Han 字号 and industry word (LIJIAN力建健身,
 * HUAWEI华为手机) spell the same name: the key keeps the Han form. Returns
 * where the Han name starts, or r when the Latin run is the 字号 itself
 * (Hello Kitty汽修). */
static size_t latin_prefix_end(const int32_t *b, const int16_t *shortind, size_t r, size_t m)
{
    size_t q = r;
    while (q < m && (is_latin(b[q]) || b[q] == ' ' || b[q] == '-' || b[q] == '.' || b[q] == '\''))
        q++;
    if (q == r || q >= m || !is_latin(b[r]))
        return r;
    size_t h = q;
    while (h < m && is_han(b[h]) && !shortind[h])
        h++;
    return h < m && shortind[h] && h - q >= 2 ? q : r;
}

static int kplain_whole(const merch_lex *lx, const int32_t *cp, size_t n);

/* A brand word that only starts a longer 字号 (瑞信 in 瑞信坊手机): more
 * characters follow it before an industry or shop word of another sector. */
static int brand_is_prefix_only(const merch_ctx *mc, const int32_t *b, size_t p, size_t L, size_t m,
                                const int16_t *shortind)
{
    size_t q = p + L;
    /* a one-character shop word with more after it belongs to the 字号 */
    int shop = mc->klen[MC_SHOP][q] > 1 || (mc->klen[MC_SHOP][q] && q + 1 == m);
    if (q >= m || !is_han(b[q]) || shortind[q] || shop || mc->klen[MC_ORG][q] ||
        mc->klen[MC_BRANCH][q] || mc->klen[MC_DESC][q] || mc->klen[MC_REGION][q])
        return 0;
    /* 如家快捷酒店: a modifier (key_plain.txt) after the brand is no 字号 */
    for (size_t t = 2; t <= 4 && q + t <= m; t++)
        if (kplain_whole(mc->lx, b + q, t))
            return 0;
    int32_t bs = mc->klen[MC_BRAND][p] == (int16_t)L ? mc->kval[MC_BRAND][p] : mc->kval[MC_PLAT][p];
    for (size_t j = q + 1; j < m; j++) {
        int32_t v = -1;
        if (mc->klen[MC_IND][j])
            v = mc->kval[MC_IND][j];
        else if (mc->klen[MC_INDW][j])
            v = mc->kval[MC_INDW][j];
        else if (mc->klen[MC_SHOP][j])
            v = mc->kval[MC_SHOP][j];
        if (v >= 0 && v != SECTOR_OTHER)
            return v != bs;
    }
    return 0;
}

/* 蜜雪冰诚 starts with the brand 蜜雪 (b[p..p+L)) but sounds as the
 * longer brand 蜜雪冰城 and is not written as it: a look-alike that passes
 * for that brand, no shop of either. Like other names off a brand by a
 * character (肯德鸡), it is keyed by its own 字号, in every record, whether
 * or not the text says it copies. */
static int brand_lookalike(const merch_ctx *mc, const int32_t *b, size_t p, size_t L, size_t m)
{
    const merch_lex *lx = mc->lx;
    /* what follows the shorter brand up to the look-alike's end is 字号,
     * no trade word (华润汽车 is no 华润漆) */
    size_t top = p + L;
    while (top < m && top < p + 8 && !mc->klen[MC_IND][top] && !mc->klen[MC_INDW][top] && !mc->klen[MC_SHOP][top])
        top++;
    for (size_t n = top - p; n > L && lx->brand_sound; n--) {
        char snd[32], w[64];
        size_t sl = sound_of(lx, b + p, n, snd, sizeof snd);
        void **slot = sl ? hmap_find(lx->brand_sound, snd, sl) : NULL;
        if (slot && encode(b + p, n, w, sizeof w) == 0 && strcmp(w, *slot) != 0)
            return 1;
    }
    return 0;
}

static int ends_at(const int32_t *f, size_t i, const char *w);

/* Words a company of any trade calls itself by (科技, 实业, 商贸), a
 * brand's own 广告 and a courier's 快递 (顺丰快递 is the courier's
 * service): no trade of their own that could outweigh a brand's. */
static int generic_company_word(const int32_t *w, size_t n)
{
    static const char *const words[] = {"科技", "信息科技", "信息技术", "实业", "控股", "商贸", "贸易", "工贸",
                                        "网络", "文化", "传媒", "文化传媒", "文化传播", "咨询", "管理咨询",
                                        "投资", "资本", "金融", "制造", "工业", "能源", "环保", "材料",
                                        "软件", "互动娱乐", "人力资源", "机械", "化工", "快递", "广告"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strlen(words[k]) == 3 * n && ends_at(w, n, words[k]))
            return 1;
    return 0;
}

/* 国美电器, 汉庭酒店, 链家地产: a listed brand that is a shorter listed brand
 * plus trade words is keyed by the shorter one, so that both forms share
 * a key. Returns the brand length to key by. */
static int32_t brand_core_len(merch_ctx *mc, const int32_t *b, size_t p, int32_t L, size_t m, int32_t *sector)
{
    cpt_match mt[64];
    size_t k = cptrie_walk(mc->lx->t, b + p, (size_t)L, mt, 64);
    if (k > 64)
        k = 64;
    int32_t best = L;
    for (size_t j = 0; j < k; j++) {
        int32_t Ls = mt[j].len;
        if ((mt[j].cat != MC_BRAND && mt[j].cat != MC_PLAT) || Ls < 2 || Ls >= best)
            continue;
        size_t q = p + (size_t)Ls;
        while (q < p + (size_t)L && q < m) {
            /* the longest trade word that ends within the brand (电器, not
             * the 电器城 of 国美电器城关区店) */
            int32_t w = 0;
            static const int tw[] = {MC_IND, MC_INDW, MC_SHOP, MC_DESC};
            for (size_t c = 0; c < sizeof tw / sizeof *tw; c++)
                if (q + (size_t)mc->klen[tw[c]][q] <= p + (size_t)L)
                    w = imax(w, mc->klen[tw[c]][q]);
            /* 如家快捷: a modifier of key_plain.txt; 携程网: the site of the brand */
            for (size_t t = 2; !w && t <= 4 && q + t <= p + (size_t)L; t++)
                if (kplain_whole(mc->lx, b + q, t))
                    w = (int32_t)t;
            if (!w && q + 1 == p + (size_t)L && b[q] == 0x7F51 /* 网 */)
                w = 1;
            if (!w)
                break;
            q += (size_t)w;
        }
        if (q == p + (size_t)L) {
            best = Ls;
            *sector = mt[j].val;
        }
    }
    return best;
}

/* Key of a name given as folded code points. use_registry: map to the
 * registry entry's key when the name or its key is registered. */
/* Append the key word of sector sec (key_family.tsv) to core[0..*nc) when
 * there is one and a 字号 stands before it. Returns 1 when appended. */
static int append_word(const char *w, int32_t *core, size_t *nc, size_t capn)
{
    size_t k = 0, wl = strlen(w), m = *nc;
    while (k < wl) {
        UChar32 u;
        U8_NEXT(w, k, wl, u);
        if (u < 0 || m >= capn)
            return 0;
        core[m++] = u;
    }
    *nc = m;
    return 1;
}

static int append_family(const merch_lex *lx, tax_sector sec, int32_t *core, size_t *nc, size_t capn)
{
    if ((int)sec < 0 || sec >= SECTOR_N || !lx->family[sec] || *nc == 0)
        return 0;
    return append_word(lx->family[sec], core, nc, capn);
}

/* The word that ends the key of a business whose trade word starts at
 * b[p] when key_trade.tsv gives it one of its own (物业 and 置业 are both
 * housing, but a developer and the estate's manager are two businesses),
 * else NULL. */
static const char *trade_key_word(const merch_ctx *mc, const int32_t *b, size_t p, size_t m, size_t shortlen)
{
    size_t lens[] = {(size_t)mc->klen[MC_IND][p], (size_t)mc->klen[MC_INDW][p], (size_t)mc->klen[MC_SHOP][p], shortlen};
    const char *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        char w[64];
        if (lens[i] <= bl || p + lens[i] > m || encode(b + p, lens[i], w, sizeof w) != 0)
            continue;
        void **slot = hmap_find(mc->lx->trade_family, w, strlen(w));
        if (slot) {
            best = *slot;
            bl = lens[i];
        }
    }
    return best;
}

/* 信龙大药, 百宏便利: a name ending in a shop or industry word cut short
 * is keyed with the whole word, unless the short form is a word itself. */
static void complete_trunc(const merch_lex *lx, int32_t *b, size_t *m)
{
    int32_t e = b[*m - 1];
    if (!(lx->trunc_last[(e & 4095) >> 6] >> (e & 63) & 1))
        return;
    for (size_t t = 2; t <= 4 && t + 2 <= *m; t++) {
        char w[32];
        if (encode(b + *m - t, t, w, sizeof w) != 0)
            return;
        void **slot = hmap_find(lx->trunc, w, strlen(w));
        if (!slot)
            continue;
        cpt_match mt[16];
        size_t k = cptrie_walk(lx->t, b + *m - t, t, mt, 16);
        for (size_t j = 0; j < k && j < 16; j++)
            if ((size_t)mt[j].len == t && mt[j].cat != MC_REGION && mt[j].cat != MC_STOP)
                return;
        const char *full = *slot;
        size_t fl = strlen(full), q = 0, o = *m - t;
        while (q < fl && o < KEY_CAP / 4) {
            UChar32 u;
            U8_NEXT(full, q, fl, u);
            b[o++] = u;
        }
        *m = o;
        return;
    }
}

/* A brand's own online shop (旗舰店, 官方旗舰店) is the brand online; a
 * reseller's 专营店 or a 小店 of the same 字号 is a shop of its own. */
static int flagship(const int32_t *w, size_t n)
{
    return n >= 3 && w[n - 3] == 0x65D7 /* 旗 */ && w[n - 2] == 0x8230 /* 舰 */ && w[n - 1] == 0x5E97; /* 店 */
}

/* cp[0..n) is a word of merch_lex.kplain in category cat. */
static int kplain_is(const merch_lex *lx, const int32_t *cp, size_t n, int cat)
{
    cpt_match mt[16];
    size_t k = cptrie_walk(lx->kplain, cp, n, mt, 16);
    for (size_t j = 0; j < k && j < 16; j++)
        if ((size_t)mt[j].len == n && mt[j].cat == cat)
            return 1;
    return 0;
}

/* cp[0..n) is a word of key_plain.txt. */
static int kplain_whole(const merch_lex *lx, const int32_t *cp, size_t n)
{
    return kplain_is(lx, cp, n, 0);
}

/* The longest m >= 2 with kplain_whole(lx, cp, m), m <= n; 0 when none.
 * One walk: the matches come shortest first, so those of a walk cut at m
 * are the first of this one, and kplain_whole sees the first 16 of them. */
static size_t kplain_longest(const merch_lex *lx, const int32_t *cp, size_t n)
{
    cpt_match mt[16];
    size_t k = cptrie_walk(lx->kplain, cp, n, mt, 16), best = 0;
    for (size_t j = 0; j < k && j < 16; j++)
        if (mt[j].cat == 0 && mt[j].len >= 2 && (size_t)mt[j].len > best)
            best = (size_t)mt[j].len;
    return best;
}

/* The length of the 字号 core[0..nc) less the modifiers and views at its
 * end (金鼎国际 before 健身: 金鼎; 听涛海景 before 民宿: 听涛), two
 * characters at least kept. */
static size_t strip_kplain(const merch_lex *lx, const int32_t *core, size_t nc)
{
    for (int again = 1; again;) {
        again = 0;
        for (size_t t = 2; t <= 4 && nc >= t + 2; t++)
            if (kplain_whole(lx, core + nc - t, t) || kplain_is(lx, core + nc - t, t, KPLAIN_VIEW)) {
                nc -= t;
                again = 1;
                break;
            }
    }
    return nc;
}

/* The length of core[0..nc) less a seller's word for its goods at its
 * end (阿梅严选: 阿梅), two characters at least kept. */
static size_t strip_seller(const merch_lex *lx, const int32_t *core, size_t nc)
{
    for (size_t t = 2; t <= 3 && nc >= t + 2; t++) {
        cpt_match mt[8];
        size_t k = cptrie_walk(lx->kplain, core + nc - t, t, mt, 8);
        for (size_t j = 0; j < k && j < 8; j++)
            if ((size_t)mt[j].len == t && mt[j].cat == KPLAIN_SELLER)
                return nc - t;
    }
    return nc;
}

/* Length of the 字号 b[r..p) without a trailing make that the dealer sells
 * (华盛丰田4S店, 鑫旺华为手机店): a brand of the name's own trade is no part
 * of its 字号. */
static size_t without_own_make(const merch_ctx *mc, const int32_t *b, size_t r, size_t p, tax_sector sec)
{
    if (sec == SECTOR_OTHER)
        return p - r;
    for (size_t j = r + 2; j + 2 <= p; j++) {
        if (mc->klen[MC_BRAND][j] == (int16_t)(p - j) && mc->kval[MC_BRAND][j] == (int32_t)sec)
            return j - r;
        /* makes that are everyday words too (大众, 现代, 理想): only here,
         * between a 字号 and the trade word */
        cpt_match mt[8];
        size_t k = cptrie_walk(mc->lx->kplain, b + j, p - j, mt, 8);
        for (size_t t = 0; t < k && t < 8; t++)
            if (mt[t].cat == KPLAIN_MAKE && (size_t)mt[t].len == p - j && mt[t].val == (int32_t)sec)
                return j - r;
    }
    return p - r;
}

/* w[0..k) names a place that complainants put before a business: a road
 * (解放西路), street (步行街, 龙湖天街), station (高铁站), mall or building
 * (万象城, 五一广场, 国贸大厦). */
static int place_end(const int32_t *w, size_t k)
{
    /* three characters at least: 丝路, 京城, 驿站 are trade names */
    if (k < 3)
        return 0;
    int32_t e = w[k - 1], d = w[k - 2];
    return e == 0x8DEF /* 路 */ || e == 0x8857 /* 街 */ || e == 0x5DF7 /* 巷 */ || e == 0x7AD9 /* 站 */ ||
           e == 0x57CE /* 城 */ || (d == 0x5927 /* 大 */ && (e == 0x9053 /* 道 */ || e == 0x53A6 /* 厦 */)) ||
           ((d == 0x5E7F /* 广 */ || d == 0x5546 /* 商 */) && e == 0x573A /* 场 */);
}

/* Length of a place b[r..r+k) that starts the name before a 字号 of two
 * characters or more (解放西路金鼎健身, 万象城星巴克, 银泰城金鼎健身: a mall
 * named after its owner is still a place), or 0: 丝路健身, 长城宽带 and
 * 中山路大药房 keep theirs. */
static size_t place_prefix(const merch_ctx *mc, const int32_t *b, size_t r, size_t m)
{
    for (size_t k = 2; k <= 6 && r + k + 2 <= m; k++) {
        /* 桐城区, 龙城县: a town named with 城 before its suffix is a region */
        if (!is_han(b[r + k - 1]) || !place_end(b + r, k) || region_suffix(b[r + k]))
            continue;
        int ok = 1;
        /* 龙乡区|老城壮馍店: a district's suffix inside ends a region
         * before the place, and 老城 alone is too short to be one */
        for (size_t j = r; ok && j < r + k; j++)
            ok = is_han(b[j]) && !(j > r && (mc->klen[MC_SHOP][j] > 1 || mc->klen[MC_IND][j] || mc->klen[MC_INDW][j] ||
                                             mc->klen[MC_NONM][j] || mc->klen[MC_ORG][j] ||
                                             (j + 1 < r + k && region_suffix(b[j]))));
        /* 金山路中国石油加油站: a brand after the place is the business */
        int brand_next = mc->klen[MC_BRAND][r + k] >= 2 || mc->klen[MC_PLAT][r + k] >= 2;
        for (size_t j = r + k; ok && !brand_next && j < r + k + 2; j++)
            ok = is_han(b[j]) && !mc->klen[MC_SHOP][j] && !mc->klen[MC_IND][j] && !mc->klen[MC_INDW][j] &&
                 !mc->klen[MC_INDF][j] && !mc->klen[MC_BRANCH][j] && !mc->klen[MC_ORG][j] && !mc->klen[MC_DESC][j];
        /* a brand or registered name that the place ends or runs into
         * is the business (蜜雪冰城) */
        int32_t prot = imax(imax(mc->klen[MC_BRAND][r], mc->klen[MC_PLAT][r]), mc->klen[MC_REG][r]);
        if (ok && (size_t)prot >= k)
            ok = 0;
        if (ok)
            return k;
    }
    return 0;
}

/* The length of the 字号 core[0..nc) less a road, station or mall at its
 * end, where a branch names its place before the shop word
 * (PowerHouse滨河路4S店: PowerHouse), two characters at least kept. Where
 * the place starts is guessed from its form: three characters (中山路,
 * 高铁站, 万象城), four with a direction before 路 or 街 (解放西路) or a
 * two-character place word (龙湖天街, 五一广场, 世纪大道). */
static size_t strip_place_end(const int32_t *core, size_t nc)
{
    if (nc < 5)
        return nc;
    int32_t e = core[nc - 1], d = core[nc - 2];
    size_t k = 3;
    if (((e == 0x8DEF /* 路 */ || e == 0x8857 /* 街 */) &&
         (d == 0x4E1C || d == 0x897F || d == 0x5357 || d == 0x5317 || d == 0x4E2D)) || /* 东西南北中 */
        (d == 0x5929 /* 天 */ && e == 0x8857 /* 街 */) || (d == 0x5927 /* 大 */ && (e == 0x9053 || e == 0x53A6)) ||
        ((d == 0x5E7F || d == 0x5546) && e == 0x573A)) /* 广场, 商场 */
        k = 4;
    if (nc < k + 2 || !place_end(core + nc - k, k))
        return nc;
    for (size_t j = nc - k; j < nc; j++)
        if (!is_han(core[j]))
            return nc;
    return nc - k;
}

static qs_rc key_cp_fresh(merch_ctx *mc, const int32_t *f, size_t n, char *key, size_t cap,
                          tax_sector *sector, int use_registry)
{
    const merch_lex *lx = mc->lx;
    int32_t *b = mc->kbuf;
    size_t m = 0;
    int depth = 0;
    for (size_t i = 0; i < n && m < KEY_CAP / 4; i++) {
        int32_t c = f[i];
        if (is_open(c))
            depth++;
        else if (is_close(c))
            depth -= depth > 0;
        else if (!depth && (is_han(c) || is_latin(c) || is_digit(c) || c == '&'))
            b[m++] = c;
    }
    if (m == 0)
        return QS_EINVAL;
    /* 信安鱼头馆 beside 信安鱼头, 张记包子铺 beside 张记包子: a final 馆 or 铺
     * after a 字号 of three characters or more is what the shop is called,
     * keyed as without it (面馆, 茶馆, 宾馆: a shop word of its own stays) */
    if (mc->family_keys && m >= 4 && (b[m - 1] == 0x9986 /* 馆 */ || b[m - 1] == 0x94FA /* 铺 */)) {
        /* (餐馆, 酒馆 and 展馆 are no shop words of the lexicon: names
         * run through them, 江畔人家餐馆) */
        int own = in_set("餐饭酒茶菜旅宾会展场", b[m - 2]);
        for (size_t i = m - 3; i < m - 1 && !own; i++) {
            cpt_match mt[64];
            size_t nmt = cptrie_walk(lx->t, b + i, m - i, mt, 64);
            for (size_t j = 0; j < nmt && j < 64 && !own; j++)
                own = (size_t)mt[j].len == m - i &&
                      (mt[j].cat == MC_SHOP || mt[j].cat == MC_NONM || mt[j].cat == MC_IND || mt[j].cat == MC_INDW);
        }
        if (!own) {
            int32_t cut[KEY_CAP / 4];
            memcpy(cut, b, (m - 1) * sizeof *cut);
            return key_cp_fresh(mc, cut, m - 1, key, cap, sector, use_registry);
        }
    }
    /* 悠程APP, 悠程小程序, 悠程官网: the channel is no part of the name */
    if (mc->family_keys && m >= 5 && b[m - 3] == 'a' && b[m - 2] == 'p' && b[m - 1] == 'p' && is_han(b[m - 4]))
        m -= 3;
    else if (mc->family_keys && m >= 5 && ((b[m - 3] == 0x5C0F && b[m - 2] == 0x7A0B && b[m - 1] == 0x5E8F) || /* 小程序 */
                                           (b[m - 3] == 0x516C && b[m - 2] == 0x4F17 && b[m - 1] == 0x53F7)))  /* 公众号 */
        m -= 3;
    else if (mc->family_keys && m >= 4 && b[m - 2] == 0x5B98 && b[m - 1] == 0x7F51) /* 官网 */
        m -= 2;
    complete_trunc(lx, b, &m);
    int16_t shortind[KEY_CAP / 4];
    int32_t shortval[KEY_CAP / 4];
    uint32_t kcats[KEY_CAP / 4]; /* categories matched at each position */
    /* only the rows the last call wrote need clearing */
    for (uint32_t d = mc->kdirty; d; d &= d - 1)
        memset(mc->klen[__builtin_ctz(d)], 0, mc->kdirty_n * sizeof mc->klen[0][0]);
    uint32_t dirty = 0;
    for (size_t i = 0; i < m; i++) {
        cpt_match mt[64];
        size_t k = cptrie_walk(lx->t, b + i, m - i, mt, 64);
        if (k > 64)
            k = 64;
        shortind[i] = 0;
        kcats[i] = 0;
        for (size_t j = 0; j < k; j++) {
            int c = mt[j].cat;
            /* MaxGym: a Latin word is matched whole, never from its middle */
            if (is_latin(b[i]) && ((i > 0 && is_latin(b[i - 1])) ||
                                   (i + (size_t)mt[j].len < m && is_latin(b[i + (size_t)mt[j].len]))))
                continue;
            if (mt[j].len > mc->klen[c][i]) {
                mc->klen[c][i] = (int16_t)mt[j].len;
                mc->kval[c][i] = mt[j].val;
                kcats[i] |= CAT(c);
            }
            if ((c == MC_IND || c == MC_INDW) && !shortind[i]) {
                shortind[i] = (int16_t)mt[j].len;
                shortval[i] = mt[j].val;
            }
        }
    }
    for (size_t i = 0; i < m; i++)
        dirty |= kcats[i];
    mc->kdirty = dirty;
    mc->kdirty_n = m;
    /* 创联通讯: a brand, or a trade word of another sector, whose end
     * begins a trade word running past it (联通|通讯) yields to that word,
     * as a reader takes the later one (土菜|菜馆, one trade, keep both) */
    for (size_t i = 0; i < m; i++) {
        size_t l = (size_t)imax(imax(mc->klen[MC_BRAND][i], mc->klen[MC_IND][i]), mc->klen[MC_INDW][i]);
        int32_t own = mc->klen[MC_IND][i] ? mc->kval[MC_IND][i] : mc->kval[MC_INDW][i];
        for (size_t j = i + 1; l && j < i + l; j++) {
            int32_t lj = imax(mc->klen[MC_IND][j], mc->klen[MC_INDW][j]);
            int32_t vj = mc->klen[MC_IND][j] ? mc->kval[MC_IND][j] : mc->kval[MC_INDW][j];
            if ((size_t)lj > i + l - j &&
                ((size_t)mc->klen[MC_BRAND][i] == l || ((size_t)imax(mc->klen[MC_IND][i], mc->klen[MC_INDW][i]) == l && vj != own))) {
                mc->klen[MC_BRAND][i] = mc->klen[MC_IND][i] = mc->klen[MC_INDW][i] = 0;
                shortind[i] = 0;
                l = 0;
            }
        }
    }
    /* homophone typos of industry words where no real one matches and no
     * real one follows */
    for (size_t i = 0; i < m; i++) {
        size_t l = (size_t)mc->klen[MC_INDF][i];
        if (l && i + l < m && (mc->klen[MC_IND][i + l] || mc->klen[MC_INDW][i + l] || mc->klen[MC_SHOP][i + l] > 1))
            mc->klen[MC_INDF][i] = 0;
        if (l && real_word_overlaps(mc->klen[MC_IND], mc->klen[MC_INDW], i, l, m))
            mc->klen[MC_INDF][i] = 0;
    }
    for (size_t i = 0; i < m; i++)
        if (!shortind[i] && mc->klen[MC_INDF][i]) {
            shortind[i] = mc->klen[MC_INDF][i];
            shortval[i] = mc->kval[MC_INDF][i] | 1 << 30;
        }
    /* a name ending in a non-merchant word (人民医院, 小区) is no business
     * unless a longer business word covers that end (口腔医院) or runs
     * into it (健康管理|中心 is no 管理中心) */
    for (size_t i = 0; i < m; i++) {
        if (!mc->klen[MC_NONM][i] || i + (size_t)mc->klen[MC_NONM][i] != m)
            continue;
        int covered = 0;
        for (size_t j = 0; j < i; j++) {
            size_t L = (size_t)imax(imax(mc->klen[MC_SHOP][j], mc->klen[MC_IND][j]),
                                    imax(mc->klen[MC_BRAND][j], mc->klen[MC_REG][j]));
            if ((L && j + L >= m) || j + (size_t)mc->klen[MC_IND][j] > i)
                covered = 1;
        }
        /* 暖心供热公司, 华润燃气公司: a utility's firm word after a 字号 of
         * its own (not a place alone: 兰州市供热公司) names a company */
        if (!covered && i >= 2 && (size_t)mc->klen[MC_REGION][0] < i && b[m - 2] == 0x516C /* 公 */ &&
            b[m - 1] == 0x53F8 /* 司 */ && !in_set("修打找给叫问系报", b[i - 1])) /* (报修|燃气公司) */
            covered = 1;
        if (!covered)
            return QS_EINVAL;
    }
    /* a numbered store (佳嘉手机二店, 蓝鼎英语第二分店) is a branch */
    for (size_t j = m >= 6 ? m - 6 : 2; j + 1 < m && b[m - 1] == 0x5E97 /* 店 */; j++) {
        size_t ns = j >= 2 ? numbered_store(b, m, j) : 0;
        if (ns && j + ns == m) {
            m = j;
            break;
        }
    }
    /* 安妮小屋淘宝店, 安妮小屋网店, 安妮小屋微店: a shop named by the
     * marketplace it sells on is the business of its 字号 */
    if (mc->family_keys && m >= 5 && b[m - 1] == 0x5E97 /* 店 */) {
        size_t cut = 0;
        for (size_t j = 2; j + 2 < m && !cut; j++)
            if ((size_t)mc->klen[MC_PLAT][j] == m - 1 - j)
                cut = j;
        if (!cut && (b[m - 2] == 0x7F51 /* 网 */ || b[m - 2] == 0x5FAE /* 微 */))
            cut = m - 2;
        if (cut)
            m = cut;
    }
    /* 秦韵非遗店铺: the shop of a seller online is the seller (秦韵非遗旗舰店,
     * 秦韵非遗网店 and 秦韵非遗 alike); a 小店 may be one on a street */
    if (mc->family_keys && m >= 4 && b[m - 2] == 0x5E97 /* 店 */ && b[m - 1] == 0x94FA /* 铺 */)
        m -= 2;
    /* a live-stream room is keyed by its host + 直播间 (琪琪的直播间,
     * 泰和直播间万达店: 琪琪直播间, 泰和直播间) */
    int live = 0;
    for (size_t i = 2; i < m && !live; i++) {
        size_t l = (size_t)mc->klen[MC_LIVE][i];
        if (!l)
            continue;
        int branch = i + l == m;
        for (size_t j = i + l + 1; j < m && !branch; j++)
            branch = m - i - l <= 6 && mc->klen[MC_BRANCH][j] && j + (size_t)mc->klen[MC_BRANCH][j] == m;
        if (branch) {
            m = i;
            live = 1;
        }
    }
    if (use_registry && mc->klen[MC_REG][0] == (int16_t)m) {
        const reg_entry *e = &lx->reg[mc->kval[MC_REG][0]];
        if (sector)
            *sector = e->sector;
        return snprintf(key, cap, "%s", e->key) < (int)cap ? QS_OK : QS_EINVAL;
    }
    /* region prefixes */
    size_t r = 0;
    for (;;) {
        size_t pk = place_prefix(mc, b, r, m);
        if (pk) {
            r += pk;
            continue;
        }
        int32_t L = mc->klen[MC_REGION][r];
        /* 中山路 is a road, not the city 中山 */
        if (L && r + (size_t)L < m && place_end(b + r, (size_t)L + 1))
            L = 0;
        int32_t prot = imax(imax(mc->klen[MC_BRAND][r], mc->klen[MC_PLAT][r]), mc->klen[MC_REG][r]);
        size_t q = r + (size_t)L;
        /* 曲阜国际青年旅舍: descriptors between the city and the trade are
         * no 字号 of their own */
        size_t qd = q;
        while (L && qd < m && mc->klen[MC_DESC][qd])
            qd += (size_t)mc->klen[MC_DESC][qd];
        int word_next = L && qd < m && (mc->klen[MC_IND][qd] || mc->klen[MC_INDW][qd] || mc->klen[MC_SHOP][qd]) &&
                        !region_suffix(b[q - 1]);
        /* 首尔家烤肉: a city's name that would leave one character before
         * the trade is the 字号's own */
        word_next |= L && q + 1 < m &&
                     (mc->klen[MC_IND][q + 1] || mc->klen[MC_INDW][q + 1] || mc->klen[MC_SHOP][q + 1] > 1) &&
                     !(q + 2 < m && (mc->klen[MC_IND][q + 2] || mc->klen[MC_SHOP][q + 2] > 1)) && /* 百家|电器 */
                     !region_suffix(b[q - 1]);
        if (L && prot < L && m - q >= 2 && !word_next) {
            r = q;
            continue;
        }
        /* 城南|区康宁…, 湛江|市区…: a district's 区, 县 or 镇, or 市区,
         * left after the place it ends */
        if (r > 0 && !L && r + 3 <= m && (b[r] == 0x533A /* 区 */ || b[r] == 0x53BF /* 县 */ || b[r] == 0x9547 /* 镇 */)) {
            r++;
            continue;
        }
        if (r > 0 && !L && r + 4 <= m && b[r] == 0x5E02 /* 市 */ && b[r + 1] == 0x533A /* 区 */) {
            r += 2;
            continue;
        }
        /* 济南市历峰区: after a city, a brand's word before 区, 县 or 镇
         * names a district */
        size_t ps = r + (size_t)prot;
        if (prot && !(r > 0 && ps + 3 <= m && (b[ps] == 0x533A /* 区 */ || b[ps] == 0x53BF /* 县 */ ||
                                               b[ps] == 0x9547 /* 镇 */)))
            break;
        size_t strip = 0;
        for (size_t k = 2; k <= 5 && r + k + 2 <= m; k++) {
            int ok = region_form(b + r, k) ||
                     (k >= 3 && b[r + k - 2] == 0x8857 && b[r + k - 1] == 0x9053); /* 街道 */
            for (size_t j = r; ok && j < r + k; j++) {
                if (!is_han(b[j]))
                    ok = 0;
                if (j > r && (mc->klen[MC_SHOP][j] || mc->klen[MC_IND][j] || mc->klen[MC_INDW][j] ||
                              mc->klen[MC_INDF][j] || mc->klen[MC_NONM][j] || mc->klen[MC_ORG][j]))
                    ok = 0;
            }
            /* 橙市便利店: a 字号 ending in 市 before a bare shop or
             * industry word is no region; nothing would be left of it */
            if (ok && b[r + k - 1] == 0x5E02 /* 市 */ && !mc->klen[MC_BRANCH][r + k] &&
                (mc->klen[MC_SHOP][r + k] || mc->klen[MC_IND][r + k] || mc->klen[MC_INDW][r + k]))
                ok = 0;
            /* 橘乡红果业: a 字号 ending in 乡 before one character and a
             * trade word is no township; one character would be left */
            if (ok && b[r + k - 1] == 0x4E61 /* 乡 */ && r + k + 1 < m &&
                (mc->klen[MC_SHOP][r + k + 1] > 1 || mc->klen[MC_IND][r + k + 1] || mc->klen[MC_INDW][r + k + 1]))
                ok = 0;
            if (ok) {
                strip = k;
                break;
            }
        }
        if (!strip)
            break;
        /* 宁乡市, 乡宁县: a city or county named with 乡 or 镇 in it; 虾乡镇:
         * a town named with 乡 */
        if ((b[r + strip - 1] == 0x4E61 /* 乡 */ || b[r + strip - 1] == 0x9547 /* 镇 */) && r + strip + 3 <= m &&
            (b[r + strip] == 0x5E02 /* 市 */ || b[r + strip] == 0x53BF /* 县 */ || b[r + strip] == 0x533A /* 区 */ ||
             (b[r + strip - 1] == 0x4E61 && b[r + strip] == 0x9547)))
            strip++;
        r += strip;
    }
    r = latin_prefix_end(b, shortind, r, m);
    /* sector: strong industry word, then a shop word that implies one, then
     * a weak industry word, a brand, a platform */
    tax_sector sec = SECTOR_OTHER;
    int rank = 9;
    size_t brand_end = 0;
    for (size_t i = r; i < m; i++) {
        static const int cats[] = {MC_IND, MC_INDF, MC_SHOP, MC_INDW, MC_BRAND, MC_PLAT, MC_REG};
        if (!(kcats[i] & (CAT(MC_IND) | CAT(MC_INDF) | CAT(MC_SHOP) | CAT(MC_INDW) | CAT(MC_BRAND) | CAT(MC_PLAT) | CAT(MC_REG))))
            continue;
        for (int k = 0; k < 7; k++) {
            int c = cats[k];
            if (!mc->klen[c][i] || k >= rank || (c == MC_REG && !use_registry))
                continue;
            int32_t v = mc->kval[c][i];
            tax_sector s;
            if (c == MC_REG)
                s = lx->reg[v].sector;
            else if (c == MC_INDF)
                s = (tax_sector)(v & 31);
            else
                s = (tax_sector)v;
            if (s == SECTOR_OTHER)
                continue;
            sec = s;
            rank = k;
            brand_end = c == MC_BRAND ? i + (size_t)mc->klen[c][i] : 0;
        }
    }
    /* 绿源种苗, 旺旺烟花店: a brand's word that some other trade also uses
     * yields to the trade the name goes on to say, even one of no listed
     * sector; company words of no trade (科技, 实业) do not count */
    for (size_t i = brand_end; brand_end && i < m; i++) {
        int c = mc->klen[MC_IND][i] ? MC_IND : MC_INDW;
        if (mc->klen[c][i] && (tax_sector)mc->kval[c][i] == SECTOR_OTHER &&
            !generic_company_word(b + i, (size_t)mc->klen[c][i])) {
            sec = SECTOR_OTHER;
            break;
        }
    }
    /* 乡亲家电商行, 顺发手机超市: a shop word of grocers (商行, 超市) right
     * after an everyday trade word is that trade's shop */
    for (size_t i = r; i < m && sec == SECTOR_FOOD_RETAIL && rank == 2; i++) {
        int32_t L = mc->klen[MC_INDW][i];
        tax_sector s = L ? (tax_sector)mc->kval[MC_INDW][i] : SECTOR_OTHER;
        if (L && s != SECTOR_OTHER && i + (size_t)L < m && mc->klen[MC_SHOP][i + (size_t)L] &&
            (tax_sector)mc->kval[MC_SHOP][i + (size_t)L] == SECTOR_FOOD_RETAIL)
            sec = s;
    }
    /* 石城优选超市: a word of selling online (优选) before a shop word of a
     * shop one walks into names how the shop sells, not where; only the
     * sector reported changes, the key's core stays 石城 */
    tax_sector walk_in = SECTOR_OTHER;
    for (size_t i = r; i < m && sec == SECTOR_ECOMMERCE && rank == 0; i++) {
        int32_t L = mc->klen[MC_IND][i];
        if (!L || (tax_sector)mc->kval[MC_IND][i] != SECTOR_ECOMMERCE || i + (size_t)L >= m)
            continue;
        size_t j = i + (size_t)L;
        tax_sector s = mc->klen[MC_SHOP][j] ? (tax_sector)mc->kval[MC_SHOP][j] : SECTOR_OTHER;
        if (s != SECTOR_OTHER && s != SECTOR_ECOMMERCE)
            walk_in = s;
    }
    /* 扬家艺术中心旗舰店, 信金维修旗舰店: after a service's industry word,
     * 旗舰店 is its flagship branch and the service's sector stands */
    if (sec == SECTOR_ECOMMERCE && m >= r + 5 && b[m - 3] == 0x65D7 /* 旗 */ && b[m - 2] == 0x8230 /* 舰 */ &&
        b[m - 1] == 0x5E97 /* 店 */)
        for (size_t i = r; i + 3 < m; i++) {
            int c = mc->klen[MC_IND][i] ? MC_IND : MC_INDW;
            tax_sector s = mc->klen[c][i] ? (tax_sector)mc->kval[c][i] : SECTOR_OTHER;
            if (s != SECTOR_OTHER && s != SECTOR_ECOMMERCE && s != SECTOR_ELECTRONICS && s != SECTOR_FOOD_RETAIL &&
                s != SECTOR_HOUSING) {
                sec = s;
                break;
            }
        }
    if (live)
        sec = SECTOR_ECOMMERCE; /* taxonomy: 直播间 is online shopping */
    if (sector)
        *sector = walk_in != SECTOR_OTHER && !live ? walk_in : sec;
    /* 孟记把子肉馆, 林记海鲜档: a surname and 记 (老 or 阿 before them)
     * are the whole 字号 of a food shop (or of one whose trade its name
     * does not tell), and what follows is the dish it sells, which no
     * lexicon lists in full: 孟记 and 孟记把子肉馆 share a key, as 孟记
     * and 孟记烧烤 do */
    if (mc->family_keys && (sec == SECTOR_CATERING || sec == SECTOR_FOOD_RETAIL || sec == SECTOR_OTHER)) {
        size_t o = r + (b[r] == 0x8001 /* 老 */ || b[r] == 0x963F /* 阿 */);
        size_t t = o + 2;
        /* a trade of another kind named there stays (胡记母婴店) */
        int other_trade = 0;
        if (t < m && (mc->klen[MC_IND][t] || mc->klen[MC_INDW][t])) {
            tax_sector ts = (tax_sector)(mc->klen[MC_IND][t] ? mc->kval[MC_IND][t] : mc->kval[MC_INDW][t]);
            other_trade = ts != SECTOR_CATERING && ts != SECTOR_FOOD_RETAIL;
        }
        if (t < m && b[o + 1] == 0x8BB0 /* 记 */ && !other_trade && kplain_is(lx, b + o, 1, KPLAIN_SURNAME) &&
            (size_t)imax(mc->klen[MC_BRAND][r], mc->klen[MC_REG][r]) <= t - r)
            m = t;
    }
    /* core: 字号 + the first industry word; or the brand; or 字号 before a shop
     * word or organisation form */
    int32_t core[KEY_CAP / 4];
    size_t nc = 0;
    for (size_t p = r; p < m && !nc; p++) {
        if (p == r) {
            int32_t L = imax(imax(mc->klen[MC_BRAND][p], mc->klen[MC_PLAT][p]),
                             use_registry ? mc->klen[MC_REG][p] : 0);
            if (L && !(use_registry && mc->klen[MC_REG][p] == L) && brand_lookalike(mc, b, p, (size_t)L, m))
                L = 0;
            if (mc->klen[MC_REG][p] && mc->klen[MC_REG][p] == L && use_registry) {
                const reg_entry *e = &lx->reg[mc->kval[MC_REG][p]];
                if (sector && sec == SECTOR_OTHER)
                    *sector = e->sector;
                return snprintf(key, cap, "%s", e->key) < (int)cap ? QS_OK : QS_EINVAL;
            }
            /* KFC is 肯德基: one key per brand; HEYTEA, the whole name, is 喜茶 */
            if ((L && mc->klen[MC_ALIAS][p] == L) || (!L && p + (size_t)mc->klen[MC_ALIAS][p] == m)) {
                const char *canon = lx->alias[mc->kval[MC_ALIAS][p]];
                return snprintf(key, cap, "%s", canon) < (int)cap ? QS_OK : QS_EINVAL;
            }
            int32_t bs = mc->klen[MC_BRAND][p] == L ? mc->kval[MC_BRAND][p] : mc->kval[MC_PLAT][p];
            if (L)
                L = brand_core_len(mc, b, p, L, m, &bs);
            /* a brand followed by an industry word of another sector is
             * another business trading under the same word (如家开锁), as
             * is one followed by a trade with a key word of its own
             * (key_trade.tsv: 融信物业 manages what 融信 builds) */
            size_t q = p + (size_t)L;
            if (L && q < m && !mc->klen[MC_ALIAS][p]) {
                int32_t li = imax(mc->klen[MC_IND][q], mc->klen[MC_INDW][q]);
                int32_t sv = mc->klen[MC_IND][q] ? mc->kval[MC_IND][q] : mc->kval[MC_INDW][q];
                if (li && ((sv != bs && sv != SECTOR_OTHER) ||
                           (mc->family_keys && trade_key_word(mc, b, q, m, (size_t)shortind[q])))) {
                    memcpy(core, b + p, (q + (size_t)li - p) * sizeof *core);
                    nc = q + (size_t)li - p;
                    break;
                }
            }
            /* a reseller of the brand (雅诗兰黛代购店) is a business of its own */
            if (L && mc->family_keys && q + 2 <= m && b[q] == 0x4EE3 /* 代 */ && b[q + 1] == 0x8D2D /* 购 */) {
                memcpy(core, b + p, (q + 2 - p) * sizeof *core);
                nc = q + 2 - p;
                break;
            }
            if (L && brand_is_prefix_only(mc, b, p, (size_t)L, m, shortind))
                L = 0;
            if (L) {
                memcpy(core, b + p, (size_t)L * sizeof *core);
                nc = (size_t)L;
            }
            continue;
        }
        if (shortind[p]) {
            memcpy(core, b + r, (p - r) * sizeof *core);
            nc = p - r;
            if (mc->family_keys) {
                nc = without_own_make(mc, b, r, p, sec);
                nc = strip_place_end(core, strip_kplain(lx, core, nc));
                /* a generic trade word (青禾文化传播有限公司): the 字号
                 * alone, to which merch_key_standalone adds the word of
                 * the complaint's sector */
                if (nc >= 2 && kplain_whole(lx, b + p, (size_t)imax(mc->klen[MC_IND][p], mc->klen[MC_INDW][p])))
                    continue;
            }
            int32_t v = shortval[p];
            /* the family is the longer word's trade: 医疗美容 is beauty,
             * though 医疗 alone is medicine */
            if (mc->family_keys && mc->klen[MC_IND][p] > shortind[p] &&
                (tax_sector)mc->kval[MC_IND][p] < SECTOR_N && lx->family[mc->kval[MC_IND][p]])
                v = mc->kval[MC_IND][p];
            /* a weak industry word yields to the shop word after it: 讯达通讯营业厅
             * is telecom like 讯达营业厅 */
            else if (mc->family_keys && !mc->klen[MC_IND][p] && (int)sec >= 0 && sec < SECTOR_N && lx->family[sec])
                v = sec;
            const char *tw = mc->family_keys && nc ? trade_key_word(mc, b, p, m, (size_t)shortind[p]) : NULL;
            tax_sector vs = (tax_sector)(v & (1 << 30) ? v & 31 : v);
            if (tw && append_word(tw, core, &nc, sizeof core / sizeof *core)) {
                /* a trade of its own within the sector (江湾物业, 江湾物业管理) */
            } else if (mc->family_keys && nc >= 2 && vs == SECTOR_ECOMMERCE &&
                       !((int)sec >= 0 && sec < SECTOR_N && lx->family[sec])) {
                /* 阿琳海淘, 鲜果优选: selling online says how, not which
                 * business: keyed like the bare 阿琳 */
            } else if (mc->family_keys &&
                append_family(lx, (tax_sector)(v & (1 << 30) ? v & 31 : v), core, &nc, sizeof core / sizeof *core)) {
                /* the word of its sector (乐途旅行社, 乐途旅游: 乐途旅行) */
            } else if (v & (1 << 30)) {
                const int32_t *w = lx->canon[(v & ~(1 << 30)) >> 5];
                core[nc++] = w[0];
                core[nc++] = w[1];
            } else {
                memcpy(core + nc, b + p, (size_t)shortind[p] * sizeof *core);
                nc += (size_t)shortind[p];
            }
        } else if (mc->klen[MC_ORG][p]) {
            size_t e = p;
            for (int again = 1; again && e > r + 1;) {
                again = 0;
                for (size_t j = r + 1; j < e; j++)
                    if (mc->klen[MC_DESC][j] && j + (size_t)mc->klen[MC_DESC][j] == e) {
                        e = j;
                        again = 1;
                        break;
                    }
            }
            memcpy(core, b + r, (e - r) * sizeof *core);
            nc = e - r;
            if (mc->family_keys) /* 星光精品有限公司 like 星光精品: 星光 */
                nc = strip_kplain(lx, core, nc);
        } else if (mc->klen[MC_SHOP][p] == 1 && (p + 1 < m || b[p] != 0x5E97 /* 店 */)) {
            /* 坊, 馆, 铺 inside or at the end of a name belong to its 字号
             * (御膳坊酒楼); only a final 店 is dropped */
            if (p + 1 == m) {
                memcpy(core, b + r, (m - r) * sizeof *core);
                nc = m - r;
            }
        } else if (mc->klen[MC_SHOP][p]) {
            memcpy(core, b + r, (p - r) * sizeof *core);
            nc = p - r;
            if (mc->family_keys) {
                nc = without_own_make(mc, b, r, p, sec);
                nc = strip_seller(lx, core, strip_place_end(core, strip_kplain(lx, core, nc))); /* 美途快捷酒店: 美途旅行; 阿梅严选小店: 阿梅 */
            }
            const char *tw = mc->family_keys && nc ? trade_key_word(mc, b, p, m, 0) : NULL;
            if (tw && append_word(tw, core, &nc, sizeof core / sizeof *core)) {
                /* 济民诊所 beside 济民大药房: a trade of its own within the sector */
            } else if (nc && mc->family_keys &&
                append_family(lx, (tax_sector)mc->kval[MC_SHOP][p], core, &nc, sizeof core / sizeof *core)) {
                /* 小满家私房菜馆, 小满家饭店: 小满家餐饮 */
            } else if (nc >= 2 && mc->family_keys && flagship(b + p, (size_t)mc->klen[MC_SHOP][p])) {
                /* 森屿旗舰店 is 森屿 selling online: keyed like the bare name */
            } else if ((tax_sector)mc->kval[MC_SHOP][p] != SECTOR_OTHER) {
                memcpy(core + nc, b + p, (size_t)mc->klen[MC_SHOP][p] * sizeof *core);
                nc += (size_t)mc->klen[MC_SHOP][p];
            }
        }
    }
    if (nc < 2) {
        memcpy(core, b + r, (m - r) * sizeof *core);
        nc = m - r;
        /* no trade word: a modifier or online-shop word ends the name
         * (青禾国际, 阿梅严选): keyed by the 字号 before it */
        if (mc->family_keys)
            nc = strip_seller(lx, core, strip_kplain(lx, core, nc));
    }
    if (nc < 2 && r > 0) {
        memcpy(core, b, m * sizeof *core);
        nc = m;
    }
    /* 直播间 alone (直播间服务有限公司) names no business */
    if (nc == 3 && core[0] == 0x76F4 && core[1] == 0x64AD && core[2] == 0x95F4)
        return QS_EINVAL;
    if (live && nc + 3 <= sizeof core / sizeof *core) {
        core[nc++] = 0x76F4; /* 直播间 */
        core[nc++] = 0x64AD;
        core[nc++] = 0x95F4;
    }
    if (encode(core, nc, key, cap) != 0)
        return QS_EINVAL;
    key_canon(lx, key, cap);
    if (use_registry && lx->reg_keys) {
        void **slot = hmap_find(lx->reg_keys, key, strlen(key));
        if (slot) {
            const reg_entry *e = &lx->reg[(uintptr_t)*slot - 1];
            if (sector && (sec == SECTOR_OTHER || e->has_sector))
                *sector = e->sector;
            return snprintf(key, cap, "%s", e->key) < (int)cap ? QS_OK : QS_EINVAL;
        }
    }
    return QS_OK;
}

/* key_cp_fresh through the memo of recent keys. Without a registry the
 * registry flag changes nothing, so both ask one entry. */
static qs_rc key_cp(merch_ctx *mc, const int32_t *f, size_t n, char *key, size_t cap, tax_sector *sector,
                    int use_registry)
{
    if (n == 0 || n > KEY_MEMO_CPS)
        return key_cp_fresh(mc, f, n, key, cap, sector, use_registry);
    int flags = (use_registry && mc->lx->n_reg > 0) | mc->family_keys << 1;
    uint32_t h = (uint32_t)flags * 0x9E3779B1u ^ (uint32_t)n;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint32_t)f[i]) * 0x01000193u;
    key_memo *e = &mc->kmemo[(h ^ h >> 16) % KEY_MEMO];
    if (e->used && e->flags == flags && e->n == n && e->cap == cap && memcmp(e->cp, f, n * sizeof *f) == 0) {
        if (sector && e->sector_set)
            *sector = e->sector;
        if (e->rc == QS_OK)
            memcpy(key, e->key, strlen(e->key) + 1);
        return e->rc;
    }
    /* SECTOR_N: not written */
    tax_sector sec = SECTOR_N;
    qs_rc rc = key_cp_fresh(mc, f, n, key, cap, &sec, use_registry);
    if (sector && sec != SECTOR_N)
        *sector = sec;
    if (rc == QS_OK && strlen(key) >= sizeof e->key)
        return rc;
    e->used = 1;
    e->flags = flags;
    e->n = n;
    e->cap = cap;
    memcpy(e->cp, f, n * sizeof *f);
    e->rc = rc;
    e->sector_set = sec != SECTOR_N;
    e->sector = sec;
    if (rc == QS_OK)
        memcpy(e->key, key, strlen(key) + 1);
    return rc;
}

#define LIVE_WORD MERCH_LIVE_WORD

int merch_ends_live(const char *key)
{
    size_t kl = strlen(key), wl = sizeof LIVE_WORD - 1;
    return kl > wl && memcmp(key + kl - wl, LIVE_WORD, wl) == 0;
}

/* Index of c in set[0..n), or -1. */
static int memchr_cp(const int32_t *set, int n, int32_t c)
{
    for (int i = 0; i < n; i++)
        if (set[i] == c)
            return i;
    return -1;
}

/* The code points of s[0..len) into cp (at most cap): their count, or -1
 * when s is not UTF-8 or holds more than cap. */
static long utf8_decode(const char *s, size_t len, int32_t *cp, size_t cap)
{
    size_t m = 0, k = 0;
    while (k < len) {
        UChar32 u;
        if (m == cap)
            return -1;
        U8_NEXT(s, k, len, u);
        if (u < 0)
            return -1;
        cp[m++] = u;
    }
    return (long)m;
}

/* cp[0..m), whole, is a lexicon word of a category in cats (CAT() bits). */
static int whole_word(const merch_lex *lx, const int32_t *cp, size_t m, uint32_t cats)
{
    cpt_match mt[64];
    size_t nmt = cptrie_walk(lx->t, cp, m, mt, 64);
    for (size_t j = 0; j < nmt && j < 64; j++)
        if ((size_t)mt[j].len == m && (CAT(mt[j].cat) & cats))
            return 1;
    return 0;
}

#define NAMED_CATS (CAT(MC_BRAND) | CAT(MC_PLAT) | CAT(MC_ALIAS) | CAT(MC_REG)) /* names kept as written */

/* 铁衫健身 and 铁杉健身, 乐图 and 乐途: complainants write a trade name
 * by its sound. A key made from a 字号 spells the 字号's Chinese
 * characters in toneless pinyin (tieshan健身, letu旅行); the sector's word
 * at its end stays as written. Keys that are a known brand, platform,
 * alias or registry name are left alone. */
/* TONY造型 and 托尼造型, Maggie烘焙 and 麦琪烘焙: a whole Latin word in
 * cp[0..*tail) that is an English given name of key_latin.tsv is replaced
 * by the name's Chinese form, which sound_key then spells in pinyin.
 * Returns the new length of cp (at most cap); *tail moves with it. */
static size_t latin_names(const merch_lex *lx, int32_t *cp, size_t m, size_t *tail, size_t cap)
{
    for (size_t i = 0; i < *tail; i++) {
        if (!is_latin(cp[i]) || (i > 0 && is_latin(cp[i - 1])))
            continue;
        size_t j = i;
        char w[32];
        while (j < *tail && is_latin(cp[j]) && j - i + 1 < sizeof w) {
            w[j - i] = (char)cp[j];
            j++;
        }
        if (j < m && is_latin(cp[j]))
            continue;
        void **slot = hmap_find(lx->latin_han, w, j - i);
        int32_t han[8];
        long hl = slot ? utf8_decode(*slot, strlen(*slot), han, sizeof han / sizeof *han) : -1;
        if (hl <= 0 || m - (j - i) + (size_t)hl > cap)
            continue;
        memmove(cp + i + hl, cp + j, (m - j) * sizeof *cp);
        memcpy(cp + i, han, (size_t)hl * sizeof *cp);
        m = m - (j - i) + (size_t)hl;
        *tail = *tail - (j - i) + (size_t)hl;
        i += (size_t)hl - 1;
    }
    return m;
}

static void sound_key(const merch_lex *lx, char *key, size_t cap)
{
    if (!lx->syl)
        return;
    int32_t cp[KEY_CAP / 4];
    size_t kl = strlen(key);
    long mm = utf8_decode(key, kl, cp, sizeof cp / sizeof *cp);
    if (mm <= 0)
        return;
    size_t m = (size_t)mm;
    if (whole_word(lx, cp, m, NAMED_CATS))
        return;
    if (lx->alias_names && hmap_find(lx->alias_names, key, kl))
        return;
    if (lx->reg_keys && hmap_find(lx->reg_keys, key, kl))
        return;
    size_t tail = m; /* the sector's word or 直播间 at the end stays */
    if (m > 3 && cp[m - 3] == 0x76F4 && cp[m - 2] == 0x64AD && cp[m - 1] == 0x95F4)
        tail = m - 3;
    for (int sct = 0; sct < SECTOR_N && tail == m; sct++) {
        const char *w = lx->family[sct];
        size_t wl = lx->family_len[sct];
        if (wl && wl < kl && memcmp(key + kl - wl, w, wl) == 0) {
            tail = m - utf8_cps(w, wl);
            break;
        }
    }
    /* a trade's own word (key_trade.tsv: 物业, 诊所) stays too */
    const char *tk;
    size_t tkl, pos = 0;
    void *tw;
    while (tail == m && lx->trade_family && hmap_next(lx->trade_family, &pos, &tk, &tkl, &tw)) {
        size_t wl = strlen(tw);
        if (wl < kl && memcmp(key + kl - wl, tw, wl) == 0)
            tail = m - utf8_cps(tw, wl);
    }
    /* 三六五便利店 and 365便利店: three Chinese digits or more in a row
     * spell a number, keyed in Arabic digits */
    static const int32_t cdig[10] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (size_t i = 0; i < tail;) {
        size_t j = i;
        while (j < tail && (cp[j] == 0x3007 || memchr_cp(cdig, 10, cp[j]) >= 0))
            j++;
        if (j - i >= 3)
            for (size_t q = i; q < j; q++)
                cp[q] = cp[q] == 0x3007 ? '0' : '0' + memchr_cp(cdig, 10, cp[q]);
        i = j > i ? j : i + 1;
    }
    /* 7天酒店 and 七天酒店, 99便利店 and 九九便利店: one or two Arabic
     * digits in a 字号 are read as the Chinese digits people say (not
     * beside Latin letters: K11, 3M) */
    for (size_t i = 0; i < tail;) {
        size_t j = i;
        while (j < tail && cp[j] >= '0' && cp[j] <= '9')
            j++;
        if (j > i && j - i <= 2 && !(i > 0 && is_latin(cp[i - 1])) && !(j < m && is_latin(cp[j])))
            for (size_t q = i; q < j; q++)
                cp[q] = cdig[cp[q] - '0'];
        i = j > i ? j : i + 1;
    }
    m = latin_names(lx, cp, m, &tail, sizeof cp / sizeof *cp);
    char out[KEY_CAP];
    size_t o = 0;
    for (size_t i = 0; i < m; i++) {
        int32_t c = cp[i];
        /* 糖糖的小店 and 糖糖小店: a possessive 的 inside a 字号 comes and
         * goes as people speak */
        if (c == 0x7684 && i > 0 && i + 1 < m)
            continue;
        const char *sy = i < tail && c >= PY_BASE && c < PY_END && lx->py[c - PY_BASE] ? lx->syl[lx->py[c - PY_BASE]] : NULL;
        if (sy) {
            size_t sl = strlen(sy);
            if (o + sl + 1 >= sizeof out)
                return;
            memcpy(out + o, sy, sl);
            o += sl;
        } else {
            UBool e = 0;
            if (o + 5 >= sizeof out)
                return;
            U8_APPEND(out, o, sizeof out, c, e);
            if (e)
                return;
        }
    }
    out[o] = '\0';
    if (o + 1 <= cap)
        memcpy(key, out, o + 1);
}

/* The key (kl bytes) is a trade name alone: two characters or more, no
 * industry, shop, brand or registry word in it. */
static int key_bare(const merch_lex *lx, const char *key, size_t kl)
{
    int32_t cp[KEY_CAP / 4];
    size_t m = 0, k = 0;
    while (k < kl && m < sizeof cp / sizeof *cp) {
        UChar32 u;
        U8_NEXT(key, k, kl, u);
        if (u < 0)
            return 0;
        cp[m++] = u;
    }
    if (k < kl || m < 2)
        return 0;
    for (size_t i = 0; i < m; i++) {
        cpt_match mt[64];
        size_t nmt = cptrie_walk(lx->t, cp + i, m - i, mt, 64);
        for (size_t j = 0; j < nmt && j < 64; j++) {
            int c = mt[j].cat;
            /* 坊, 馆, 铺 belong to the 字号 (老街坊), as in key_cp */
            if (c == MC_SHOP && mt[j].len == 1 && cp[i] != 0x5E97 /* 店 */)
                continue;
            if (c == MC_IND || c == MC_INDW || c == MC_INDF || c == MC_SHOP || c == MC_ORG || c == MC_BRAND ||
                c == MC_PLAT || c == MC_ALIAS || c == MC_REG || c == MC_LIVE || c == MC_NONM)
                return 0;
        }
    }
    return 1;
}

/* The key ends in an industry or shop word (源祥轩电脑): a host named so
 * is a business with a trade, not a person; 健康王老师 and 养生刘老师 are
 * persons named by what they talk about. */
static int key_ends_trade(const merch_lex *lx, const char *key)
{
    int32_t cp[KEY_CAP / 4];
    long m = utf8_decode(key, strlen(key), cp, sizeof cp / sizeof *cp);
    for (long i = 0; i < m; i++) {
        cpt_match mt[16];
        size_t nmt = cptrie_walk(lx->t, cp + i, (size_t)(m - i), mt, 16);
        for (size_t j = 0; j < nmt && j < 16; j++) {
            int c = mt[j].cat;
            if ((c == MC_IND || c == MC_INDW || c == MC_INDF || c == MC_SHOP) && i + mt[j].len == m)
                return 1;
        }
    }
    return m < 0;
}

/* Append trade[0..nt) to the bare key k when it is an industry word of
 * sector sec, in its canonical form (保姆 -> 家政). */
static void key_add_trade(const merch_lex *lx, char *k, size_t cap, tax_sector sec, const int32_t *trade, size_t nt)
{
    cpt_match mt[16];
    size_t nm = cptrie_walk(lx->t, trade, nt, mt, 16);
    int ok = 0;
    for (size_t j = 0; j < nm && j < 16; j++)
        ok |= (size_t)mt[j].len == nt && (mt[j].cat == MC_IND || mt[j].cat == MC_INDW) && mt[j].val == (int32_t)sec;
    char w[64];
    size_t kl = strlen(k);
    if (encode(trade, nt, w, sizeof w) != 0 || kl + strlen(w) + 1 > cap)
        return;
    memcpy(k + kl, w, strlen(w) + 1);
    key_canon(lx, k, cap);
    /* a cue that is no trade word (底片, 清洗) names none, unless its
     * canonical form does (保姆 -> 家政) */
    if (!ok && strcmp(k + kl, w) == 0)
        k[kl] = '\0';
}

qs_rc merch_key_in_sector(merch_ctx *mc, const char *key, tax_sector sector, char *out, size_t cap,
                          qs_err *err)
{
    const merch_lex *lx = mc->lx;
    size_t kl = strlen(key);
    if (kl + 1 > cap)
        return qs_fail(err, QS_EINVAL, "merchant key too long");
    memcpy(out, key, kl + 1);
    if ((int)sector < 0 || sector >= SECTOR_N || !lx->family[sector])
        return QS_OK;
    if (lx->reg_keys && hmap_find(lx->reg_keys, key, kl))
        return QS_OK;
    /* a key that ends in a sector's word has its trade already (乐途服务) */
    for (int s = 0; s < SECTOR_N; s++)
        if (lx->family[s] && lx->family_len[s] < kl && memcmp(key + kl - lx->family_len[s], lx->family[s], lx->family_len[s]) == 0)
            return QS_OK;
    if (!key_bare(lx, key, kl))
        return QS_OK;
    size_t wl = strlen(lx->family[sector]);
    if (kl + wl + 1 > cap)
        return qs_fail(err, QS_EINVAL, "merchant key too long");
    memcpy(out + kl, lx->family[sector], wl + 1);
    return QS_OK;
}

qs_rc merch_key_of(merch_ctx *mc, const char *name, size_t len, char *key, size_t cap,
                   tax_sector *sector, qs_err *err)
{
    int32_t f[KEY_CAP];
    size_t n = 0, i = 0;
    while (i < len && n < KEY_CAP) {
        UChar32 c;
        U8_NEXT(name, i, len, c);
        if (c < 0)
            return qs_fail(err, QS_EINVAL, "merchant name is not valid UTF-8");
        f[n++] = fold_memo(mc, c);
    }
    qs_rc rc = key_cp(mc, f, n, key, cap, sector, 1);
    if (rc != QS_OK)
        return qs_fail(err, QS_EINVAL, "no merchant in name");
    return QS_OK;
}

qs_rc merch_key_standalone(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                           tax_sector sector, char *out, size_t cap, qs_err *err)
{
    return merch_key_standalone_trade(mc, name, len, key, bare, sector, NULL, 0, out, cap, err);
}

/* 阿豪, 豪哥, 小豪: fans call a live-stream host by the name with a
 * familiar 阿/小 before it or 哥/姐 after it, so a room's key (豪直播间)
 * keeps the name alone when one character or more stays. */
static void host_nickname(const merch_lex *lx, char *k)
{
    if (!merch_ends_live(k))
        return;
    size_t kl = strlen(k), hl = kl - (sizeof LIVE_WORD - 1);
    /* a brand's room (小米直播间) keeps the brand */
    int32_t cp[KEY_CAP / 4];
    long mm = utf8_decode(k, hl, cp, sizeof cp / sizeof *cp);
    if (mm < 0 || whole_word(lx, cp, (size_t)mm, NAMED_CATS))
        return;
    size_t m = (size_t)mm;
    /* 阿, 小, 哥, 姐: three bytes of UTF-8 each */
    static const char pre[][4] = {"阿", "小"}, post[][4] = {"哥", "姐"};
    size_t s = 0, e = hl;
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
        if (e - s >= 6 && memcmp(k, pre[i], 3) == 0)
            s = 3;
    for (size_t i = 0; i < sizeof post / sizeof *post; i++)
        if (e - s >= 6 && memcmp(k + e - 3, post[i], 3) == 0)
            e -= 3;
    if (s == 0 && e == hl)
        return;
    /* 珠宝姐 is named by her goods: no name stays without them */
    size_t c0 = s ? 1 : 0, c1 = e < hl ? m - 1 : m;
    if (whole_word(lx, cp + c0, c1 - c0, CAT(MC_IND) | CAT(MC_INDW) | CAT(MC_SHOP)))
        return;
    memmove(k, k + s, e - s);
    memcpy(k + e - s, LIVE_WORD, sizeof LIVE_WORD);
}

/* 老王家烧烤 is 老王烧烤 (老王家的烧烤: 老王's): 老 + a surname + 家
 * before a trade word keeps 老 and the surname. Other forms of an owner's
 * name (王记, 王姐) may be other businesses and stay apart, as do a
 * registered key and a longer 字号 (老王家乐). k is the key before its
 * 字号 is spelled in pinyin. */
static void owner_key(const merch_lex *lx, char *k)
{
    int32_t cp[4];
    size_t m = 0, q = 0, kl = strlen(k), pos[5];
    while (q < kl && m < 3) {
        UChar32 u;
        pos[m] = q;
        U8_NEXT(k, q, kl, u);
        if (u < 0)
            return;
        cp[m++] = u;
    }
    pos[m] = q;
    if (m < 3 || cp[0] != 0x8001 /* 老 */ || cp[2] != 0x5BB6 /* 家 */)
        return;
    if (!kplain_is(lx, cp + 1, 1, KPLAIN_SURNAME) || (lx->reg_keys && hmap_find(lx->reg_keys, k, kl)))
        return;
    /* what follows the 字号: a sector's key word, or one industry or shop
     * word */
    const char *rest = k + pos[3];
    size_t rl = kl - pos[3];
    int word = 0;
    for (int i = 0; i < SECTOR_N && !word; i++)
        word = lx->family[i] && lx->family_len[i] == rl && memcmp(rest, lx->family[i], rl) == 0;
    if (!word && rl) {
        int32_t w[KEY_CAP / 4];
        long nw = utf8_decode(rest, rl, w, sizeof w / sizeof *w);
        if (nw < 0)
            return;
        word = whole_word(lx, w, (size_t)nw, CAT(MC_IND) | CAT(MC_INDW) | CAT(MC_INDF) | CAT(MC_SHOP));
    }
    if (word)
        memmove(k + pos[2], rest, rl + 1);
}

/* 小熊到家 is 小熊家政: a household service names itself by coming to
 * the home (到家) as often as by its trade. k is the key before its 字号
 * is spelled in pinyin; two characters of 字号 at least stay (鲜到家 is a
 * 字号). */
static void home_service_key(char *k, tax_sector sector)
{
    static const char home[] = "到家", trade[] = "家政";
    size_t kl = strlen(k), hl = sizeof home - 1, tl = sizeof trade - 1;
    if (sector != SECTOR_SERVICES)
        return;
    if (kl > tl && memcmp(k + kl - tl, trade, tl) == 0)
        kl -= tl;
    if (kl < hl + 6 || memcmp(k + kl - hl, home, hl) != 0 || utf8_cps(k, kl - hl) < 2)
        return;
    memcpy(k + kl - hl, trade, tl + 1);
}

int merch_cue_names_trade(const merch_ctx *mc, tax_sector s, const int32_t *w, size_t n)
{
    const merch_lex *lx = mc->lx;
    cpt_match mt[16];
    size_t nm = cptrie_walk(lx->t, w, n, mt, 16);
    for (size_t j = 0; j < nm && j < 16; j++)
        if ((size_t)mt[j].len == n && (mt[j].cat == MC_IND || mt[j].cat == MC_INDW) && mt[j].val == (int32_t)s)
            return 1;
    /* or its canonical form is one (跟拍 -> 摄影): asked of the word after
     * a 字号 of two characters, as key_canon wants */
    char k[KEY_CAP] = "字号";
    size_t hl = strlen(k);
    if (encode(w, n, k + hl, sizeof k - hl) != 0)
        return 0;
    char before[KEY_CAP];
    memcpy(before, k, sizeof k);
    key_canon(lx, k, sizeof k);
    return strcmp(k, before) != 0;
}

size_t merch_trade_cue(const merch_ctx *mc, tax_sector s, const int32_t *f, size_t n, size_t name_end, size_t *len)
{
    const merch_lex *lx = mc->lx;
    /* “丽人坊”美容院: the name's own trade word right after it says its
     * trade, whatever the text says was done there */
    size_t q = name_end < n && in_set("”\"」』", f[name_end]) ? name_end + 1 : name_end;
    cpt_match mt[16];
    size_t nmt = q < n ? cptrie_walk(lx->t, f + q, n - q, mt, 16) : 0;
    for (size_t j = 0; j < nmt && j < 16; j++)
        if ((mt[j].cat == MC_IND || mt[j].cat == MC_INDW || mt[j].cat == MC_SHOP) && mt[j].len >= 2) {
            *len = 0;
            return n;
        }
    for (size_t i = 0; lx->n_tcue && i < n; i++) {
        int32_t v;
        int32_t L = cptrie_longest(lx->tcue, f + i, n - i, 0, &v);
        if (L && lx->tcues[v].sector == s) {
            *len = (size_t)L;
            return i;
        }
    }
    *len = 0;
    return n;
}

int merch_sector_has_keyword(const merch_ctx *mc, tax_sector s)
{
    return (int)s >= 0 && s < SECTOR_N && mc->lx->family[s];
}

/* merch_key_standalone_trade; sound: the 字号 spelled in pinyin (else as
 * written) */
static qs_rc key_standalone(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                            tax_sector sector, const int32_t *trade, size_t n_trade, int sound, char *out,
                            size_t cap, qs_err *err)
{
    char k[KEY_CAP];
    qs_err kerr;
    mc->family_keys = 1;
    qs_rc rc = merch_key_of(mc, name, len, k, sizeof k, NULL, &kerr);
    mc->family_keys = 0;
    /* a name keyed as written (a quoted shop name) keeps that key */
    if (rc != QS_OK && snprintf(k, sizeof k, "%s", key) >= (int)sizeof k)
        return qs_fail(err, QS_EINVAL, "merchant key too long");
    /* a host keyed by the room in the text (主播阿豪), when the complaint
     * is about shopping online (taxonomy: 直播间) */
    if (rc == QS_OK && merch_ends_live(key) && !merch_ends_live(k) && sector == SECTOR_ECOMMERCE &&
        strlen(k) + sizeof LIVE_WORD <= sizeof k)
        strcat(k, LIVE_WORD);
    host_nickname(mc->lx, k);
    /* a trade of its own within the sector that the text names (蓉颜 in
     * a text about 瘦脸针: 医美), key_trade_cues.tsv */
    const char *tw = NULL;
    int32_t tv;
    if (bare && trade && n_trade && cptrie_longest(mc->lx->tcue, trade, n_trade, 0, &tv) == (int32_t)n_trade &&
        mc->lx->tcues[tv].sector == sector && key_bare(mc->lx, k, strlen(k)))
        tw = mc->lx->tcues[tv].word;
    if (tw && strlen(k) + strlen(tw) < sizeof k) {
        strcat(k, tw);
    } else if (bare) {
        char k2[KEY_CAP];
        if ((rc = merch_key_in_sector(mc, k, sector, k2, sizeof k2, err)) != QS_OK)
            return rc;
        memcpy(k, k2, sizeof k);
        /* a sector of many trades has no word of its own: the trade the
         * text names stands in (馨达 hired for a 保姆: 馨达家政) */
        if (trade && n_trade && (int)sector >= 0 && sector < SECTOR_N && !mc->lx->family[sector] &&
            key_bare(mc->lx, k, strlen(k)))
            key_add_trade(mc->lx, k, sizeof k, sector, trade, n_trade);
    }
    /* after the sector's word: 老李家 alone is 老李家餐饮, so 老李餐饮 */
    owner_key(mc->lx, k);
    home_service_key(k, sector);
    if (sound)
        sound_key(mc->lx, k, sizeof k);
    if (strlen(k) + 1 > cap)
        return qs_fail(err, QS_EINVAL, "merchant key too long");
    memcpy(out, k, strlen(k) + 1);
    return QS_OK;
}

qs_rc merch_key_standalone_trade(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                                 tax_sector sector, const int32_t *trade, size_t n_trade, char *out, size_t cap,
                                 qs_err *err)
{
    return key_standalone(mc, name, len, key, bare, sector, trade, n_trade, 1, out, cap, err);
}

qs_rc merch_key_standalone_written(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                                   tax_sector sector, const int32_t *trade, size_t n_trade, char *out, size_t cap,
                                   qs_err *err)
{
    return key_standalone(mc, name, len, key, bare, sector, trade, n_trade, 0, out, cap, err);
}

/* ---------- mentions ---------- */

/* The text is about a live stream (直播, 主播): a bare name in it is the
 * host's. */
static int live_text(const int32_t *f, size_t n)
{
    /* asked once a candidate: 播 found by the vector scan, its left checked */
    for (size_t i = 1; (i = cps_find(f, i, n, 0x64AD /* 播 */)) < n; i++)
        if (f[i - 1] == 0x76F4 /* 直 */ || f[i - 1] == 0x4E3B /* 主 */)
            return 1;
    return 0;
}

/* A text about a live stream names its host by f[s..e), a name that ends
 * in no shop or trade word as written (开福区店 is a shop; 养生刘姐 is a
 * host). */
static int live_text_bare(const merch_ctx *mc, const int32_t *f, size_t n, size_t s, size_t e)
{
    char w[KEY_CAP];
    return live_text(f, n) && encode(f + s, e - s, w, sizeof w) == 0 && !key_ends_trade(mc->lx, w);
}

/* f[s..e) names a live-stream host: 主播 before it or 直播间 after it,
 * a quotation mark between allowed (主播“小雅”, “云南小花”直播间). */
static int host_named(const int32_t *f, size_t n, size_t s, size_t e)
{
    int quoted = s >= 1 && in_set("“\"「『", f[s - 1]) && e < n && in_set("”\"」』", f[e]);
    if (quoted) {
        s--;
        e++;
    }
    if (s >= 2 && f[s - 2] == 0x4E3B /* 主 */ && f[s - 1] == 0x64AD /* 播 */)
        return 1;
    /* 看“健康王老师”直播: a quoted name streams */
    if (quoted && e + 2 <= n && f[e] == 0x76F4 /* 直 */ && f[e + 1] == 0x64AD /* 播 */)
        return 1;
    if (e + 1 < n && f[e] == 0x7684 /* 的 */)
        e++;
    return e + 3 <= n && f[e] == 0x76F4 /* 直 */ && f[e + 1] == 0x64AD /* 播 */ && f[e + 2] == 0x95F4; /* 间 */
}


#define LEN(c, i) mc->len[(size_t)(c) * mc->cap + (size_t)(i)]
#define VAL(c, i) mc->val[(size_t)(c) * mc->cap + (size_t)(i)]

static qs_rc ensure(merch_ctx *mc, size_t n, qs_err *err)
{
    if (n + 1 <= mc->cap)
        return QS_OK;
    size_t cap = mc->cap ? mc->cap : 256;
    while (cap < n + 1)
        cap *= 2;
    free(mc->f);
    free(mc->len);
    free(mc->val);
    free(mc->hard);
    free(mc->name_ok);
    free(mc->stop_at);
    free(mc->cats);
    mc->f = malloc(cap * sizeof *mc->f);
    mc->len = malloc(cap * MC_N * sizeof *mc->len);
    mc->val = malloc(cap * MC_N * sizeof *mc->val);
    mc->hard = malloc(cap);
    mc->name_ok = malloc(cap);
    mc->stop_at = malloc(cap);
    mc->cats = malloc(cap * sizeof *mc->cats);
    if (!mc->f || !mc->len || !mc->val || !mc->hard || !mc->name_ok || !mc->stop_at || !mc->cats) {
        mc->cap = 0;
        return qs_fail(err, QS_ENOMEM, "out of memory finding merchants");
    }
    memset(mc->len, 0, cap * MC_N * sizeof *mc->len);
    mc->ldirty = 0;
    mc->cap = cap;
    return QS_OK;
}

static int generic_sign(const merch_ctx *mc, size_t j, size_t k);

/* A platform's name ends at s, maybe before 上, 里, 的 (淘宝上, 拼多多的,
 * 视频号上的). */
static int platform_before(const merch_ctx *mc, size_t s)
{
    if (s > 0 && mc->f[s - 1] == 0x7684 /* 的 */)
        s--;
    if (s > 0 && in_set("上里", mc->f[s - 1]))
        s--;
    for (size_t p = s >= 8 ? s - 8 : 0; p + 2 <= s; p++)
        if ((size_t)LEN(MC_PLAT, p) + p == s)
            return 1;
    return 0;
}

/* 在饿了么点了|老晋刀削面, 美团外卖叫咗|老广猪脚饭, 在携程预订|海星游艇: what
 * was ordered on a platform, named by a trade, is the seller's name */
static int platform_order_before(const merch_ctx *mc, size_t s)
{
    static const struct {
        const char *w;
        size_t len;
    } verbs[] = {{"团购", 2}, {"预订", 2}, {"预定", 2}, {"下单", 2}, {"点", 1}, {"叫", 1}, {"订", 1}};
    if (s >= 2 && is_numeral(mc->f[s - 2]) && in_set("份单盒", mc->f[s - 1]))
        s -= 2; /* 点了一份| */
    if (s > 0 && in_set("了咗", mc->f[s - 1]))
        s--;
    for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
        if (s > verbs[v].len && ends_at(mc->f, s, verbs[v].w) && platform_before(mc, s - verbs[v].len))
            return 1;
    return 0;
}

static qs_rc add_cand(merch_ctx *mc, cand c, qs_err *err)
{
    /* 一家健康体验馆, 网红奶茶店: a kind of business named, no business,
     * unless the text gives it as a name (微信名叫“健康驿站”), it is a
     * platform's shop, named as its owner likes (视频号康复专营店), or a
     * known brand made of such words (“中国移动”) */
    if ((c.kind == MERCH_NAME || c.kind == MERCH_CUE) && generic_sign(mc, (size_t)c.s, (size_t)c.e) &&
        LEN(MC_BRAND, c.s) != c.e - c.s &&
        !(c.s >= 2 && in_set("“「『\"", mc->f[c.s - 1]) &&
          (mc->f[c.s - 2] == 0x53EB /* 叫 */ || (c.s >= 3 && mc->f[c.s - 3] == 0x540D /* 名 */))) &&
        !platform_before(mc, (size_t)c.s))
        return QS_OK;
    /* 哈啰APP购买: the word for an app names none */
    if (c.e - c.s == 3 && (mc->f[c.s] | 0x20) == 'a' && (mc->f[c.s + 1] | 0x20) == 'p' && (mc->f[c.s + 2] | 0x20) == 'p')
        return QS_OK;
    if (mc->n_cands == mc->cap_cands) {
        size_t nc = mc->cap_cands ? mc->cap_cands * 2 : 32;
        cand *p = realloc(mc->cands, nc * sizeof *p);
        if (!p)
            return qs_fail(err, QS_ENOMEM, "out of memory finding merchants");
        mc->cands = p;
        mc->cap_cands = nc;
    }
    mc->cands[mc->n_cands++] = c;
    return QS_OK;
}

/* A bare name found by context at [s, e): added as kind with confidence
 * conf, with its key's sector, unless a name found before overlaps it or
 * it keys as no name. *added (may be NULL) says whether it was. */
/* Drop the candidates that overlap [s, e): a pass that reads the span
 * otherwise replaces what the others found in it. */
static void drop_cands(merch_ctx *mc, size_t s, size_t e)
{
    size_t kept = 0;
    for (size_t c = 0; c < mc->n_cands; c++)
        if (!(mc->cands[c].s < (int32_t)e && (int32_t)s < mc->cands[c].e))
            mc->cands[kept++] = mc->cands[c];
    mc->n_cands = kept;
}

static qs_rc add_free_cand(merch_ctx *mc, size_t s, size_t e, int kind, double conf, int *added, qs_err *err)
{
    if (added)
        *added = 0;
    for (size_t c = 0; c < mc->n_cands; c++)
        if (mc->cands[c].s < (int32_t)e && (int32_t)s < mc->cands[c].e)
            return QS_OK;
    char key[KEY_CAP];
    tax_sector sec;
    if (key_cp(mc, mc->f + s, e - s, key, sizeof key, &sec, 0) != QS_OK)
        return QS_OK;
    if (added)
        *added = 1;
    return add_cand(mc, (cand){(int32_t)s, (int32_t)e, kind, sec, conf, -1}, err);
}

static int32_t anchor_len(const merch_ctx *mc, size_t i)
{
    return imax(imax(imax(LEN(MC_SHOP, i), LEN(MC_IND, i)), imax(LEN(MC_ORG, i), LEN(MC_BRANCH, i))),
                imax(LEN(MC_INDW, i), LEN(MC_INDF, i)));
}

static int has_at(const int32_t *f, size_t n, size_t i, const char *w);

/* Where a name that ends its 字号 at a begins. */
static size_t left_start(const merch_ctx *mc, size_t a, size_t n, const uint8_t *bounds, int *cut)
{
    size_t p = a;
    for (;;) {
        while (p > 0 && !mc->hard[p] && a - p < MAX_LEFT)
            p--;
        /* 鑫视空间（北京）装饰艺术公司: a region in brackets inside the name */
        if (p >= 4 && is_close(mc->f[p - 1])) {
            size_t o = p - 1;
            while (o > 0 && p - o <= 6 && !is_open(mc->f[o - 1]))
                o--;
            if (o > 1 && is_open(mc->f[o - 1]) && (size_t)LEN(MC_REGION, o) == p - 1 - o &&
                mc->name_ok[o - 2]) {
                p = o - 1;
                continue;
            }
        }
        break;
    }
    /* 在连岭县福侨金行: a county's first character is no word before it (连 …都)
     * when two characters make the county (岭县 alone is none) */
    if (p >= 1 && p + 2 < a && in_set("县区市", mc->f[p + 1]) && !in_set("本该我全各此城", mc->f[p]) && !LEN(MC_STOP, p) &&
        LEN(MC_STOP, p - 1) == 1 && is_han(mc->f[p - 1]) &&
        (p == 1 || !mc->name_ok[p - 2] || in_set("在于到从", mc->f[p - 2])))
        p--;
    *cut = p > 0 && !mc->hard[p];
    if (bounds)
        while (p < a && !bounds[p])
            p++;
    /* a place before the name (万达广场金鼎健身) is not part of it; an
     * estate word right before a hotel's word is its name (珠岚花园酒店,
     * 金融大厦酒店, 桃花园农家乐), when a 字号 leads it */
    static const char *const lodging[] = {"酒店", "大酒店", "宾馆", "饭店", "大饭店", "酒楼", "农家乐", "渔家乐", "民宿", "客栈"};
    /* 好家园超市, 锦绣花园餐厅, 绿苑物业, 颐和家园养老院; a 小区's shop or
     * manager is no name */
    static const char *const estate_shops[] = {"超市", "便利店", "商店", "餐厅", "物业", "养老院"};
    for (size_t j = p; j < a; j++) {
        size_t l = (size_t)LEN(MC_NONM, j);
        int estate = l && j + l == a && j > p && place_suffix(mc->f[a - 1]);
        for (size_t w = 0; estate && w < sizeof lodging / sizeof *lodging; w++)
            if (has_at(mc->f, n, a, lodging[w]))
                return p;
        /* 郑州绿苑置业有限公司: a firm registered under its estate's name */
        size_t t = a + (size_t)anchor_len(mc, a);
        if (estate && t > a && t < n && LEN(MC_ORG, t))
            return p;
        for (size_t w = 0; estate && mc->f[a - 1] != 0x533A /* 区 */ && w < sizeof estate_shops / sizeof *estate_shops;
             w++)
            if (has_at(mc->f, n, a, estate_shops[w]))
                return p;
        /* 北京栖木公寓管理有限公司: a firm registered under an estate's or
         * a place's word, with only descriptors before its form */
        size_t d = j + l;
        while (l && d < a && LEN(MC_DESC, d))
            d += (size_t)LEN(MC_DESC, d);
        if (l && d == a && d > j + l && LEN(MC_ORG, a))
            return p;
        if (l && j + l <= a)
            p = j + l;
    }
    return p;
}

/* Length of the region prefix at the start of [s, a). */
static size_t region_prefix(const merch_ctx *mc, size_t s, size_t a)
{
    size_t r = s;
    for (;;) {
        size_t L = (size_t)LEN(MC_REGION, r);
        size_t prot = (size_t)imax(LEN(MC_BRAND, r), LEN(MC_REG, r));
        if (L && prot < L && r + L <= a) {
            r += L;
            continue;
        }
        size_t strip = 0;
        for (size_t k = 2; k <= 5 && r + k <= a; k++)
            if (region_form(mc->f + r, k)) {
                int ok = 1;
                for (size_t j = r; j < r + k; j++)
                    ok &= is_han(mc->f[j]) && !(j > r && (LEN(MC_SHOP, j) || LEN(MC_IND, j)));
                if (ok) {
                    strip = k;
                    break;
                }
            }
        if (!strip)
            return r - s;
        r += strip;
    }
}

static int branch_inner(const merch_ctx *mc, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++)
        if (LEN(MC_BRANCH, k) || LEN(MC_SHOP, k) || LEN(MC_ORG, k) || LEN(MC_REGION, k))
            return 1;
    return j > i && (region_suffix(mc->f[j - 1]) || place_suffix(mc->f[j - 1]));
}

/* Where a platform that keeps its own stores (苏宁易购, 盒马, 链家: a trade
 * other than selling online) ends, s..e, when one of its stores is named right
 * after it by its place: 苏宁易购锦州紫荆店, 链家芙蓉路店. A shop on an online
 * platform (淘宝阿芳手作店) is the seller's and keeps its own name. */
static size_t store_branch_end(const merch_ctx *mc, size_t s, size_t e, size_t n)
{
    int32_t sec = VAL(MC_PLAT, s);
    if (sec != SECTOR_ELECTRONICS && sec != SECTOR_FOOD_RETAIL && sec != SECTOR_HOUSING)
        return e;
    for (size_t j = e + 2; j < n && j <= e + 6 && is_han(mc->f[j - 1]) && mc->name_ok[j - 1]; j++) {
        if (LEN(MC_SHOP, j - 1) || LEN(MC_IND, j - 1) || LEN(MC_INDW, j - 1) || LEN(MC_ORG, j - 1))
            return e;
        int L = LEN(MC_BRANCH, j);
        if (L && (has_at(mc->f, n, j, "店") || has_at(mc->f, n, j, "门店") || has_at(mc->f, n, j, "分店") ||
                  has_at(mc->f, n, j, "营业厅")))
            return j + (size_t)L;
    }
    return e;
}

/* An organisation form ends at b (…有限公司|). */
static int org_ends_at(const merch_ctx *mc, size_t b)
{
    for (size_t j = b >= 8 ? b - 8 : 0; j < b; j++)
        if ((size_t)LEN(MC_ORG, j) + j == b)
            return 1;
    return 0;
}

/* 和, 与, 及, 跟, 同, 或: between two names. */
static int is_conj(int32_t c)
{
    return c == 0x548C || c == 0x4E0E || c == 0x53CA || c == 0x8DDF || c == 0x540C || c == 0x6216;
}

/* A shop word of two or more characters ends at b (…洗衣店|). */
static int shop_ends_at(const merch_ctx *mc, size_t b)
{
    for (size_t j = b >= 6 ? b - 6 : 0; j < b; j++)
        if ((size_t)LEN(MC_SHOP, j) + j == b && LEN(MC_SHOP, j) >= 2)
            return 1;
    return 0;
}

/* A shop word, organisation form, branch or descriptor starts at e. */
static int anchor_after(const merch_ctx *mc, size_t e, size_t n)
{
    return e < n && (LEN(MC_SHOP, e) || LEN(MC_ORG, e) || LEN(MC_BRANCH, e) || LEN(MC_DESC, e) ||
                     place_suffix(mc->f[e]) || is_open(mc->f[e]));
}

/* A branch designation starting at e (万达店, 开发区分店, 二店, 3号店):
 * where it ends, or 0. */
static size_t branch_at(const merch_ctx *mc, size_t e, size_t n)
{
    size_t ns = numbered_store(mc->f, n, e);
    if (ns)
        return e + ns;
    for (size_t k = e; k < n && k - e <= 6; k++) {
        if (!mc->name_ok[k] || (k > e && mc->stop_at[k]) || mc->stop_at[e])
            return 0;
        int32_t lb = LEN(MC_BRANCH, k);
        if (k > e && lb) {
            size_t fill = k - e;
            int ok = lb > 1 ? fill <= 6
                            : fill <= 4 && (fill == 2 || (fill == 3 && mc->f[k] == 0x5E97 /* 店 */) ||
                                            place_suffix(mc->f[k - 1]) || (size_t)LEN(MC_REGION, e) == fill);
            return ok ? k + (size_t)lb : 0;
        }
    }
    return 0;
}

/* A branch designation follows at e, bare or in brackets (发达超市万达店,
 * 发达超市(万达店)). */
static int branch_follows(const merch_ctx *mc, size_t e, size_t n)
{
    if (branch_at(mc, e, n))
        return 1;
    if (e >= n || !is_open(mc->f[e]))
        return 0;
    size_t c = e + 1;
    while (c < n && c - e <= 14 && !is_close(mc->f[c]) && !is_open(mc->f[c]))
        c++;
    return c < n && is_close(mc->f[c]) && branch_inner(mc, e + 1, c);
}

/* A bracket telling a former name follows at e (启航未来教育（原启明星教育）,
 * not 原价, 原来, 原因): what stands before it is a name, however plain its
 * words. */
static int renamed_follows(const int32_t *f, size_t e, size_t n)
{
    return e + 3 < n && is_open(f[e]) && f[e + 1] == 0x539F /* 原 */ && is_han(f[e + 2]) &&
           !in_set("价来本因先址则始定路", f[e + 2]);
}

/* The industry word of length L at e is a trade that serves rather than
 * goods sold: after a brand it names the brand's firm in that trade
 * (融信物业, 万科装饰, 蓝湾口腔), where 华为手机 names a product. Returns 1 + its
 * sector, 0 when it is none. */
static int service_trade(const merch_ctx *mc, size_t e, int32_t L)
{
    static const int cats[] = {MC_IND, MC_INDW};
    for (size_t k = 0; k < sizeof cats / sizeof *cats && L > 0; k++) {
        if (LEN(cats[k], e) != L)
            continue;
        tax_sector s = (tax_sector)VAL(cats[k], e);
        if (s == SECTOR_HOUSING || s == SECTOR_SERVICES || s == SECTOR_EDUCATION || s == SECTOR_FITNESS ||
            s == SECTOR_BEAUTY || s == SECTOR_MEDICAL)
            return 1 + (int)s;
    }
    return 0;
}

/* Extend a name from b over industry/shop words, organisation forms,
 * descriptors followed by those, and branch designations. brand: b ends
 * a brand (1), or a brand named as goods bought (2). */
/* The sector of a trade or shop word ending at e (a firm's own trade:
 * 汽修, 装饰, 健身), 1 + sector; 0 when none ends there. */
static int trade_before(const merch_ctx *mc, size_t e)
{
    static const int cats[] = {MC_IND, MC_INDW, MC_SHOP};
    for (size_t q = e >= 4 ? e - 4 : 0; q < e; q++)
        for (size_t k = 0; k < sizeof cats / sizeof *cats; k++)
            if (LEN(cats[k], q) && (size_t)LEN(cats[k], q) + q == e)
                return 1 + (int)VAL(cats[k], q);
    return 0;
}

static size_t word_at(const int32_t *f, size_t n, size_t i, const char *const *ws, size_t nw);

/* 车博士汽修|洗车, 尚品装饰|装修, 鑫诚手机数码|维修手机: once the trade is
 * named, a word for a service done there is what was done, not part of the
 * name, unless a shop word or form follows it (金鼎汽车维修中心). A trade of
 * goods (家电, 手机) may take it as its own (速达家电维修) when nothing of the
 * sentence runs on after it. */
static int service_done(const merch_ctx *mc, size_t e, int32_t L, size_t n)
{
    static const char *const done[] = {"维修", "洗车", "装修", "游泳", "保养", "修理", "安装", "清洗", "定制",
                                       "理发", "剪发", "烫发", "染发", "干洗", "水洗"};
    if (L != 2 || !word_at(mc->f, n, e, done, sizeof done / sizeof *done))
        return 0;
    size_t q = e + 2;
    if (q < n && (LEN(MC_SHOP, q) || LEN(MC_ORG, q) || LEN(MC_BRANCH, q) || LEN(MC_IND, q) || LEN(MC_INDW, q) ||
                  LEN(MC_DESC, q)))
        return 0;
    /* 装饰装修工程公司: a registered name goes on to its form */
    for (size_t k = q; k < n && k <= q + 4 && mc->name_ok[k]; k++)
        if (LEN(MC_ORG, k))
            return 0;
    int t = trade_before(mc, e);
    if (!t)
        return 0;
    tax_sector s = (tax_sector)(t - 1);
    int firm_trade = s != SECTOR_ELECTRONICS && s != SECTOR_FOOD_RETAIL && s != SECTOR_ECOMMERCE &&
                     s != SECTOR_OTHER && s != SECTOR_TELECOM;
    return firm_trade || (q < n && is_han(mc->f[q]) && mc->f[q] != 0x7684 /* 的 */);
}

static size_t right_end(const merch_ctx *mc, size_t b, size_t n, int *tail, int brand)
{
    size_t e = b, committed = b;
    int after_org = org_ends_at(mc, b), after_shop = b > 1 && !after_org && shop_ends_at(mc, b);
    /* 海天佛国旅行社: a shop word that opens on the last character of the
     * industry word before b and runs past it (国旅|旅行社) ends the name */
    if (b >= 2 && b < n && !after_org && !after_shop && LEN(MC_SHOP, b - 1) >= 3 && trade_before(mc, b)) {
        e = committed = b - 1 + (size_t)LEN(MC_SHOP, b - 1);
        after_shop = 1;
    }
    while (e < n) {
        int32_t L = imax(imax(imax(LEN(MC_SHOP, e), LEN(MC_IND, e)), imax(LEN(MC_ORG, e), LEN(MC_BRANCH, e))),
                         imax(LEN(MC_INDW, e), LEN(MC_INDF, e)));
        if (L && e > 0 && service_done(mc, e, L, n))
            break;
        /* after a brand, an industry word names its product (华为手机),
         * unless an organisation form follows (华谊兄弟传媒股份有限公司) */
        /* 耐克运动|鞋, 李宁运动|服, 蓝月亮洗衣|液: a service trade running
         * into a garment or a form of goods is the product's kind */
        int garment = e + (size_t)L < n && in_set("鞋服裤装衣袜帽包液剂膏", mc->f[e + (size_t)L]);
        if (brand && L && !LEN(MC_SHOP, e) && !LEN(MC_ORG, e) && !LEN(MC_BRANCH, e) &&
            !(brand == 1 && service_trade(mc, e, L) && !garment)) {
            size_t q = e + (size_t)L;
            while (q < n && LEN(MC_DESC, q))
                q += (size_t)LEN(MC_DESC, q);
            if (q >= n || !LEN(MC_ORG, q))
                L = 0;
        }
        /* 汉庭快捷酒店: the grade of hotel between a brand and its shop word */
        if (brand && !L && has_at(mc->f, n, e, "快捷") && e + 2 < n && LEN(MC_SHOP, e + 2)) {
            e += 2;
            continue;
        }
        if (mc->stop_at[e] && LEN(MC_STOP, e) >= L)
            break;
        /* 国贸店|店铺: after a shop or branch word, 店铺 is a new word, and
         * so is the 堂 of 店堂 (螺蛳粉店|堂食: the shop's floor) */
        if (*tail && e + 1 < n && mc->f[e] == 0x5E97 && mc->f[e + 1] == 0x94FA)
            break;
        if (*tail && e > 0 && mc->f[e] == 0x5802 /* 堂 */ && mc->f[e - 1] == 0x5E97 /* 店 */)
            break;
        /* 中国移动通信集团黑龙江有限公司哈尔滨分公司: after a form, a region and
         * another form are the group's subsidiary there, one business */
        if (after_org && LEN(MC_REGION, e) && (!L || LEN(MC_REGION, e) > L)) {
            size_t q = e + (size_t)LEN(MC_REGION, e);
            if (q < n && mc->f[q] == 0x5E02 /* 市 */ && LEN(MC_REGION, e) < 3)
                q++;
            if (q < n && (LEN(MC_ORG, q) || LEN(MC_BRANCH, q))) {
                e = q;
                continue;
            }
        }
        /* 兴隆装饰有限公司|装修: after the organisation form only a branch
         * or another form (分公司) belongs to the name */
        if (L && after_org && !LEN(MC_ORG, e) && !LEN(MC_BRANCH, e))
            break;
        /* 小天鹅洗衣店|洗衣服: after a shop word an industry word alone is the
         * text going on, unless a shop word or form follows it */
        if (L && after_shop && !LEN(MC_SHOP, e) && !LEN(MC_ORG, e) && !LEN(MC_BRANCH, e) &&
            !anchor_after(mc, e + (size_t)L, n))
            break;
        /* 极刻手机|维修手机: a verb of the visit, then the goods it was done to
         * with no shop word or form after them, is the text going on */
        if (L && e > b - 1 && LEN(MC_CUEPOST, e) && !LEN(MC_SHOP, e) && !LEN(MC_ORG, e)) {
            size_t g = e + (size_t)imax(L, LEN(MC_CUEPOST, e));
            int32_t G = g < n ? imax(LEN(MC_IND, g), LEN(MC_INDW, g)) : 0;
            if (G && !LEN(MC_SHOP, g) && !anchor_after(mc, g + (size_t)G, n))
                break;
        }
        /* 铁馆健身|咨询过, 丽人美容|护理了: a second trade word that takes
         * 过, 了 or 完 is a verb of the visit, the text going on */
        if (L && !LEN(MC_SHOP, e) && !LEN(MC_ORG, e) && !LEN(MC_BRANCH, e) && e + (size_t)L < n &&
            in_set("过了完", mc->f[e + (size_t)L]))
            break;
        /* …(菊香路店)理发|师, 鸿运汽修维修|师傅: a trade word that is a
         * person's (the shop's barber) ends the name before it */
        if (L && !LEN(MC_SHOP, e) && !LEN(MC_ORG, e) && !LEN(MC_BRANCH, e) && e + (size_t)L < n &&
            (mc->f[e + (size_t)L] == 0x5E08 /* 师 */ || mc->f[e + (size_t)L] == 0x5458 /* 员 */))
            break;
        if (L) {
            *tail |= LEN(MC_SHOP, e) || LEN(MC_ORG, e) || LEN(MC_BRANCH, e);
            after_org = LEN(MC_ORG, e) == L;
            after_shop = LEN(MC_SHOP, e) == L && L >= 2 && !after_org;
            e += (size_t)L;
            committed = e;
            continue;
        }
        if (LEN(MC_DESC, e)) {
            /* 铁馆健身|咨询过: a descriptor that takes 过 or 了 is a verb */
            if (e + (size_t)LEN(MC_DESC, e) < n && in_set("过了完", mc->f[e + (size_t)LEN(MC_DESC, e)]))
                break;
            e += (size_t)LEN(MC_DESC, e);
            continue;
        }
        if (is_open(mc->f[e])) {
            size_t c = e + 1;
            while (c < n && c - e <= 14 && !is_close(mc->f[c]) && !is_open(mc->f[c]))
                c++;
            /* 青和教育（就是体育馆旁边那个青禾）: a remark in brackets is no branch */
            /* …（原乐学琴行）: the former name, no branch either */
            int remark = mc->f[e + 1] == 0x539F /* 原 */;
            /* …合作社（抖音店铺“甘之源沃柑”）: a quote inside says where else it sells */
            for (size_t q = e + 1; q < c && !remark; q++)
                remark = (mc->stop_at[q] && LEN(MC_STOP, q) >= 2 && !LEN(MC_BRANCH, q) && !LEN(MC_SHOP, q)) ||
                         open_quote(mc->f[q]);
            /* 宏泰汽车（青州宏泰汽车销售服务有限公司）: its registered name, a
             * mention of its own (…（个体工商户） is the form of this one) */
            remark |= c < n && c - e > 7 && org_ends_at(mc, c);
            if (c < n && is_close(mc->f[c]) && !remark && branch_inner(mc, e + 1, c)) {
                e = c + 1;
                committed = e;
                *tail = 1;
                /* 永辉超市（桂湖店）生鲜区: as after a shop word */
                after_shop = !after_org;
                continue;
            }
            break;
        }
        size_t be = branch_at(mc, e, n);
        if (!be)
            break;
        e = committed = be;
        *tail = 1;
    }
    /* a one-character shop word can end a 字号 inside a registered name
     * (天诚坊书法文化传播股份有限公司): run on to the organisation form */
    if (committed > b - 1 && committed >= 1 && committed == e) {
        size_t k = committed;
        while (k < n && k - committed <= 12 && mc->name_ok[k] && !mc->stop_at[k] && !LEN(MC_ORG, k) &&
               !is_conj(mc->f[k]))
            k++;
        /* …4S店|和瑞丰汽车…有限公司: a whole shop word ends a name */
        if (k < n && k > committed && LEN(MC_ORG, k) && LEN(MC_SHOP, committed - 1) == 1 &&
            !shop_ends_at(mc, committed)) {
            committed = k + (size_t)LEN(MC_ORG, k);
            *tail = 1;
        }
    }
    return committed;
}

static int only_generic(const merch_ctx *mc, size_t j, size_t k)
{
    static const int cats[] = {MC_SHOP, MC_IND, MC_INDW, MC_REGION, MC_COREF, MC_STOP, MC_PLAT};
    for (size_t c = 0; c < sizeof cats / sizeof cats[0]; c++)
        if ((size_t)LEN(cats[c], j) == k - j)
            return 1;
    return 0;
}

/* Code points of a word list literal (valid UTF-8): one step a character
 * by its lead byte, without strlen. */
static size_t utf8_cp_count(const char *w)
{
    size_t m = 0;
    for (const unsigned char *p = (const unsigned char *)w; *p; m++)
        p += *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    return m;
}

/* The length of the word for a business's app or account at f[i]
 * (小程序, 公众号, app, 官网): 0 when there is none. */
static size_t app_word(const int32_t *f, size_t n, size_t i)
{
    static const char *const apps[] = {"小程序", "公众号", "app", "官网"};
    /* asked at most positions of a name, most of which word_at's memo
     * rules out at once */
    return word_at(f, n, i, apps, sizeof apps / sizeof *apps);
}

/* Whether the word list literal at *pp (valid UTF-8, NUL-terminated, not at
 * its end) opens with code point c; if so *pp moves past it. has_at and
 * ends_at run at many positions, so no strlen, no checks and no decoding:
 * c is encoded and compared byte by byte, and most comparisons end at the
 * first byte (a literal's bytes are read only while they match). */
static inline int lit_eat(const unsigned char **pp, int32_t c)
{
    const unsigned char *p = *pp;
    uint32_t u = (uint32_t)c;
    if (u < 0x80) {
        if (p[0] != u)
            return 0;
        *pp = p + 1;
    } else if (u < 0x800) {
        if (p[0] != (0xC0 | u >> 6) || p[1] != (0x80 | (u & 0x3F)))
            return 0;
        *pp = p + 2;
    } else if (u < 0x10000) {
        if (p[0] != (0xE0 | u >> 12) || p[1] != (0x80 | (u >> 6 & 0x3F)) || p[2] != (0x80 | (u & 0x3F)))
            return 0;
        *pp = p + 3;
    } else if (u <= 0x10FFFF) {
        if (p[0] != (0xF0 | u >> 18) || p[1] != (0x80 | (u >> 12 & 0x3F)) || p[2] != (0x80 | (u >> 6 & 0x3F)) ||
            p[3] != (0x80 | (u & 0x3F)))
            return 0;
        *pp = p + 4;
    } else {
        return 0;
    }
    return 1;
}

/* inlined: called with literal words at many positions, most of which
 * differ at the first character */
__attribute__((always_inline)) static inline int has_at(const int32_t *f, size_t n, size_t i, const char *w)
{
    const unsigned char *p = (const unsigned char *)w;
    while (*p) {
        if (i >= n || !lit_eat(&p, f[i]))
            return 0;
        i++;
    }
    return 1;
}

/* Whether the word list literal w of bl bytes ends at f[i], compared from
 * its last character back: no count of w's characters, and most calls end
 * at the last byte. */
static int ends_at_len(const int32_t *f, size_t i, const char *w, size_t bl)
{
    const unsigned char *p = (const unsigned char *)w + bl;
    while (p > (const unsigned char *)w) {
        if (i == 0)
            return 0;
        uint32_t c = (uint32_t)f[--i];
        if (p[-1] != (c < 0x80 ? c : (0x80 | (c & 0x3F))))
            return 0;
        size_t k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if ((size_t)(p - (const unsigned char *)w) < k)
            return 0;
        p -= k;
        const unsigned char *q = p;
        if (!lit_eat(&q, (int32_t)c))
            return 0;
    }
    return 1;
}

/* inlined so that the strlen of a literal w is folded at compile time */
__attribute__((always_inline)) static inline int ends_at(const int32_t *f, size_t i, const char *w)
{
    return ends_at_len(f, i, w, strlen(w));
}

/* How often a business acts (电信天天给我打电话, 移动老是扣费, 电信 一天三个
 * 电话): two characters each, no part of its name. */
static const char *const often_words[] = {"天天", "总是", "老是", "经常", "一直", "每天", "一天"};

/* 移动 and 电信 alone are words of the language (移动电源, 移动支付,
 * 电信诈骗), and in reviews of phones the kind of a SIM card (移动卡, 电信版);
 * they are the carrier where the text opens with them or a verb points at
 * them, and what follows is what the carrier did or sold (电信给我开的,
 * 移动的“不限量套餐”, 移动 宽带话千兆). */
static int carrier_said(const int32_t *f, size_t n, size_t i, size_t j)
{
    int cued = i > 0 && (in_set("在去到找给被向跟和与对让办用", f[i - 1]) || ends_at(f, i, "投诉") ||
                         ends_at(f, i, "举报") || ends_at(f, i, "反映"));
    if (!(i == 0 || !is_han(f[i - 1]) || cued))
        return 0;
    size_t v = j;
    while (v < n && v < j + 2 && f[v] == ' ')
        v++;
    /* (移动信号差, 电信装维上门, 去移动交话费) */
    static const char *const acts[] = {"信号", "装维", "推销", "骚扰"};
    if (v < n && (in_set("给说称又总乱扣收强营客套宽流话", f[v]) || (cued && in_set("办交", f[v])) ||
                  word_at(f, n, v, often_words, sizeof often_words / sizeof *often_words) ||
                  word_at(f, n, v, acts, sizeof acts / sizeof *acts)))
        return 1;
    if (j < n && is_han(f[j]) && f[j] != 0x7684 /* 的 */)
        return 0;
    static const char *const sold[] = {"套餐", "流量", "宽带", "话费", "资费", "客服", "营业厅", "营业员", "业务",
                                       "合约", "短信", "信号", "装维", "骚扰电话", "推销"};
    for (size_t k = j; k < n && k < j + 8; k++)
        for (size_t w = 0; w < sizeof sold / sizeof *sold; w++)
            if (has_at(f, n, k, sold[w]))
                return 1;
    return 0;
}

/* The two characters at i are a brand's but say something else there:
 * stars given (给个三星, 评三星, 三星水平) or the verb (让我联想到). */
static int brand_as_word(const int32_t *f, size_t n, size_t i)
{
    size_t j = i + 2;
    if (has_at(f, n, i, "三星"))
        return (i > 0 && in_set("给打评就", f[i - 1])) ||
               (i > 1 && f[i - 1] == 0x4E2A /* 个 */ && in_set("给是打", f[i - 2])) || (j < n && in_set("吧级", f[j])) ||
               has_at(f, n, j, "水平") || has_at(f, n, j, "待评");
    if (has_at(f, n, i, "联想"))
        return (i > 0 && in_set("我人你会让不", f[i - 1])) || (j < n && in_set("到起", f[j]));
    /* millet, not the phone maker: 黄小米, 陕北小米, 小米粥, 小米煎饼 */
    if (has_at(f, n, i, "小米"))
        return (i > 0 && in_set("黄纯新", f[i - 1])) || ends_at(f, i, "陕北") || ends_at(f, i, "山西") ||
               ends_at(f, i, "东北") || ends_at(f, i, "特产") || ends_at(f, i, "袋装") || ends_at(f, i, "有机") ||
               (j < n && in_set("粥饭煎锅", f[j]));
    return 0;
}

/* A brand named as the goods (买的茅台是假货, 对比了Nike正品), not as the
 * seller. */
static int product_context(const int32_t *f, size_t n, size_t s, size_t e)
{
    static const char *const before[] = {"买的", "买了", "买到", "下单的", "假冒的", "假冒", "对比了", "收到的",
                                         "和", "仿冒", "高仿", "一台", "一部", "一瓶", "正品", "卖给我的",
                                         "卖我的", "卖的", "送的", "手机是", "二手"};
    static const char *const after[] = {"正品", "是假", "做工", "非常像", "防伪", "的商标", "商标",
                                        "手机", "电视", "空调", "冰箱"};
    /* the last characters of the before words, the first of the after
     * words: most names have none of them beside them */
    static const char before_last[] = "的了到冒和仿台部瓶品是手";
    static const char after_first[] = "正是做非防的商手电空冰";
    /* 仿冒“老干妈”的: quotes around the brand change nothing */
    if (s > 0 && in_set("“「\"", f[s - 1]))
        s--;
    if (e < n && in_set("”」\"", f[e]))
        e++;
    if (s > 0 && in_set(before_last, f[s - 1]))
        for (size_t i = 0; i < sizeof before / sizeof *before; i++)
            if (ends_at(f, s, before[i]))
                return 1;
    if (e < n && in_set(after_first, f[e]))
        for (size_t i = 0; i < sizeof after / sizeof *after; i++)
            if (has_at(f, n, e, after[i]))
                return 1;
    return 0;
}

/* Words that say what kind of business, or whose, and never name one:
 * 校外培训, 少儿书法, 一对一钢琴, 指定商店, 上门安装 are a trade with a
 * modifier in front, not a 字号. */
static const char *const kind_modifiers[] = {
    "校外", "校内", "课外", "少儿", "幼儿", "儿童", "成人", "青少年", "一对一", "一对多", "线上", "线下",
    "网上", "指定", "附近", "周边", "外包", "本地", "外地", "当地", "其他", "其它", "别的", "另一家",
    "同一家", "隔壁", "对面", "楼下", "正规", "无证", "黑", "私人", "个人", "上门", "各大", "多家",
    "这家", "那家", "一家", "某家", "大型", "小型", "合作", "第三方", "官方", "全国", "本市", "同一", "首单",
    "甲方", "乙方", "深度", "开荒", "日常", "配建", "配套", "自家", "大量", "流动", "露天", "多间", "多个",
    "几家", "好几家"};

/* Verbs that start a clause, not a name, when they stand as a token of
 * their own at the start of a span (打热力公司电话, 现张老师搬家, 购买羽绒服). */
static const char *const head_verbs[] = {"购买", "买了", "买", "打", "现", "说", "找", "搜", "督促", "食用", "体验"};

/* Verbs before a quoted claim or label (写着“…”, 标的是“…”). */
static const char *const claim_verbs[] = {"标的是", "写的是", "写着", "标着", "宣称", "号称", "声称", "承诺",
                                          "说是", "宣传", "写明", "注明", "标明", "载明"};

/* The first UTF-8 byte of code point u (0xFF, which no UTF-8 holds, for
 * no code point). */
static inline unsigned char utf8_lead(uint32_t u)
{
    return (unsigned char)(u < 0x80 ? u : u < 0x800 ? 0xC0 | u >> 6 : u < 0x10000 ? 0xE0 | u >> 12
                                                     : u <= 0x10FFFF ? 0xF0 | u >> 18 : 0xFF);
}

/* Whether some word of ws opens with code point c, remembered per thread
 * like in_set's answers (the lists are static): most positions word_at is
 * asked about open no word of a long list, which the memo then tells at
 * once. Packed as in_set's (twelve bytes an entry); an empty entry reads
 * as an empty list, which opens with nothing. */
#define WORD_FIRST_MEMO 8192 /* a power of two */
static _Thread_local struct word_first_memo {
    uint32_t ws; /* low half of the list's address */
    uint32_t nw;
    uint32_t c_any; /* c << 1 | the answer */
} word_first_memo[WORD_FIRST_MEMO];

static int opens_any(const char *const *ws, size_t nw, int32_t c)
{
    uint32_t tag = (uint32_t)(uintptr_t)ws;
    uint32_t h = (tag * 0x9E3779B1u ^ (uint32_t)c * 0x85EBCA77u) >> 16;
    struct word_first_memo *m = &word_first_memo[h & (WORD_FIRST_MEMO - 1)];
    if (m->ws == tag && m->nw == nw && m->c_any >> 1 == (uint32_t)c)
        return (int)(m->c_any & 1);
    int any = 0;
    for (size_t w = 0; w < nw && !any; w++) {
        const unsigned char *p = (const unsigned char *)ws[w];
        any = lit_eat(&p, c);
    }
    *m = (struct word_first_memo){tag, (uint32_t)nw, (uint32_t)c << 1 | (uint32_t)any};
    return any;
}

/* The length of the first of the (non-empty) words ws that is at i, or 0.
 * Runs for every candidate over long lists: the memo (opens_any) rules out
 * most positions, the first two bytes most words without a call (a word
 * whose first byte matches a lead byte has a second; an ASCII first
 * character is tested by its byte alone). */
static size_t word_at(const int32_t *f, size_t n, size_t i, const char *const *ws, size_t nw)
{
    if (i >= n || !opens_any(ws, nw, f[i]))
        return 0;
    uint32_t u = (uint32_t)f[i];
    unsigned char b0 = utf8_lead(u);
    unsigned char b1 = (unsigned char)(0x80 | ((u < 0x800 ? u : u < 0x10000 ? u >> 6 : u >> 12) & 0x3F));
    for (size_t w = 0; w < nw; w++) {
        const unsigned char *p = (const unsigned char *)ws[w];
        if (p[0] == b0 && (b0 < 0x80 || p[1] == b1) && has_at(f, n, i, ws[w]))
            return utf8_cp_count(ws[w]);
    }
    return 0;
}

static int common_word(const merch_ctx *mc, size_t s, size_t e);
static int everyday_word(const merch_ctx *mc, size_t s, size_t e);

/* Units a count of time, visits, money or goods is given in (两年, 3次,
 * 20节, 3000元, 一批, 两晚): after a number they open no name (7号美发 is one:
 * 号 and 日 count only after the digits of a date) */
#define COUNT_UNITS "年月周天次节期元块个斤件盒箱瓶袋张课批套台部份只条把双晚"

/* A candidate span that is clause text, not a name: a date's tail (8日在某
 * 商场), a unit word or a verb opening it (总部说门店, 打热力公司), a word
 * cut from the left (来水公司), a copula inside it (根本不是瑜伽馆), a
 * placeholder (某商场), a count (前十个店铺), or a modifier followed by
 * nothing but trade words (校外培训). */
static int clause_span(const merch_ctx *mc, const int32_t *f, size_t n, size_t s, size_t e, const uint8_t *tb)
{
    /* …and a measure word's (3000元后|驾校) */
    if (s > 0 && is_digit(f[s - 1]) && (in_set(COUNT_UNITS, f[s]) || in_set("日号", f[s])))
        return 1;
    /* 总部说门店, 该店老板: a name never opens with a unit or a pointer word */
    if ((LEN(MC_BRANCH, s) || LEN(MC_COREF, s)) && !LEN(MC_BRAND, s) && !LEN(MC_REG, s))
        return 1;
    /* 自来水公司 cut to 来水公司: a dictionary word runs into it from the left */
    if (tb && s > 0 && s + 2 < e && !tb[s] && tb[s - 1] && tb[s + 2] && is_han(f[s - 1]) && !mc->stop_at[s - 1] &&
        common_word(mc, s - 1, s + 2))
        return 1;
    /* 标的是“大块牛肉面”, 宣称“全市第一家”: a quoted claim or label */
    if (s >= 3 && open_quote(f[s - 1]))
        for (size_t w = 0; w < sizeof claim_verbs / sizeof *claim_verbs; w++)
            if (ends_at(f, s - 1, claim_verbs[w]))
                return 1;
    size_t v = word_at(f, n, s, head_verbs, sizeof head_verbs / sizeof *head_verbs);
    if (v && s + v < e && (!tb || tb[s + v]) && !LEN(MC_BRAND, s) && !LEN(MC_REG, s) && !LEN(MC_PLAT, s))
        return 1;
    for (size_t i = s; i < e; i++) {
        /* the copula: 根本不是瑜伽馆, 端上来是超市 */
        if (f[i] == 0x67D0 /* 某 */ || (i > s && f[i] == 0x662F /* 是 */))
            return 1;
        /* 前十个店铺, 两家公司: a number of shops */
        if (i > s && (f[i] == 0x4E2A /* 个 */ || f[i] == 0x5BB6 /* 家 */) && i + 1 < e &&
            (is_digit(f[i - 1]) || in_set("一二两三四五六七八九十几", f[i - 1])) &&
            !(i >= 2 && f[i - 2] == 0x7B2C /* 第: 第二家店 is a branch */) && !LEN(MC_BRAND, s) &&
            !LEN(MC_REG, s))
            return 1;
    }
    /* 链家不退中介费, 安居不退中介费: a negation makes a clause, not a name
     * (不 没 别 compared as code points: this runs over every candidate) */
    if (!LEN(MC_BRAND, s) && !LEN(MC_REG, s))
        for (size_t i = s; i < e; i++)
            if ((f[i] == 0x4E0D || f[i] == 0x6CA1 || f[i] == 0x522B) && (i == s || !LEN(MC_BRAND, i)) &&
                !(i + 1 < e && in_set("锈墅夜动山", f[i + 1]))) /* 不锈钢, 别墅, 不夜城, 不动产, 大别山 */
                return 1;
    /* 办理两年健身卡, 3次美容, 20节冲浪, 10节后店, 一批打火机: a span or count
     * of time, visits or goods opens no name */
    size_t num = s;
    while (num < e && is_digit(f[num]))
        num++;
    if (num == s && is_numeral(f[s]))
        num++;
    if (num > s && num + 1 < e && in_set(COUNT_UNITS, f[num]) && !count_place(f[num + 1]) &&
        !LEN(MC_BRAND, s) && !LEN(MC_REG, s) && !LEN(MC_REGION, s))
        return 1;
    /* 其买的, 其家宽带: 其 (the caller) standing as a word, or with 家 (her
     * home), opens the sentence */
    if (tb && f[s] == 0x5176 /* 其 */ && (tb[s + 1] || f[s + 1] == 0x5BB6 /* 家 */) && !LEN(MC_BRAND, s) &&
        !LEN(MC_REG, s))
        return 1;
    /* 直租无|中介: a negation of the trade word that ends the span */
    for (size_t i = s + 1; i + 1 < e; i++)
        if ((f[i] == 0x65E0 /* 无 */ || f[i] == 0x975E /* 非 */) && (size_t)anchor_len(mc, i + 1) + i + 1 == e && !LEN(MC_BRAND, s) &&
            !LEN(MC_REG, s))
            return 1;
    size_t m = word_at(f, n, s, kind_modifiers, sizeof kind_modifiers / sizeof *kind_modifiers);
    if (m && s + m < e) {
        size_t q = s + m;
        while (q < e) {
            int32_t L = imax(anchor_len(mc, q), imax(LEN(MC_DESC, q), LEN(MC_ORG, q)));
            if (!L)
                break;
            q += (size_t)L;
        }
        if (q >= e)
            return 1;
    }
    return 0;
}

/* Words for a part of a business, not its name: 链家门店, 绿源茶油门市,
 * 蜜雪冰城总部 and 康寿堂体验店 name 链家, 绿源茶油, 蜜雪冰城 and 康寿堂. */
static const char *const unit_words[] = {"门店", "门市", "总部", "体验店", "旗舰店"};
#define FLAGSHIP_UNIT 4 /* unit_words[4] */
static const char *const unit_quals[] = {"授权", "官方", "直营", "加盟"};

/* Candidates made whole before overlaps are settled: clause text dropped,
 * a unit word cut off, and a platform's live room (抖音直播间, with no host
 * named) kept as the platform. */
static void tidy_cands(merch_ctx *mc, const int32_t *f, size_t n, const uint8_t *tb)
{
    size_t kept = 0;
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand c = mc->cands[i];
        size_t s = (size_t)c.s, e = (size_t)c.e;
        if (c.kind == MERCH_NAME || c.kind == MERCH_CUE || c.kind == MERCH_BRAND) {
            for (size_t w = 0; w < sizeof unit_words / sizeof *unit_words; w++) {
                size_t L = utf8_cp_count(unit_words[w]);
                /* 中国移动高新区门店 is a branch named by its place */
                /* …and so is a flagship store (在淘宝兔大爷旗舰店购买: the brand's
                 * own shop, named by the brand), but not an official one
                 * (小米官方旗舰店, as most sets write it whole) nor one whose
                 * 字号 is a word of the language (阳光旗舰店) */
                if (w == FLAGSHIP_UNIT && e >= s + 5 &&
                    (ends_at(f, e - 3, "官方") || everyday(mc, f + s, e - 3 - s) || common_word(mc, s, e - 3)))
                    continue;
                if (e >= s + L + 2 && has_at(f, n, e - L, unit_words[w]) &&
                    (!place_suffix(f[e - L - 1]) || (size_t)LEN(MC_BRAND, s) == e - L - s)) {
                    e -= L;
                    /* 华为官方授权体验店: the brand whose shop it claims to be */
                    for (size_t d = 0; d < sizeof unit_quals / sizeof *unit_quals; d++) {
                        size_t Q = utf8_cp_count(unit_quals[d]);
                        if (e >= s + Q + 2 && ends_at(f, e, unit_quals[d]))
                            e -= Q;
                    }
                    if ((size_t)LEN(MC_BRAND, s) == e - s)
                        c.kind = MERCH_BRAND;
                    break;
                }
            }
            size_t p = (size_t)LEN(MC_PLAT, s);
            if (c.kind == MERCH_NAME && p && e >= s + 5 && ends_at(f, e, "直播间") && p >= e - 3 - s) {
                e -= 3;
                c.kind = MERCH_PLATFORM;
                c.conf = 0.9;
            }
            if (c.kind != MERCH_PLATFORM && clause_span(mc, f, n, s, e, tb))
                continue;
            c.e = (int32_t)e;
        } else if (c.kind == MERCH_PLATFORM) {
            /* 苏宁易购(新街口店): the platform's own store */
            if (e < n && is_open(f[e])) {
                size_t q = e + 1;
                while (q < n && q - e <= 14 && !is_close(f[q]) && !is_open(f[q]))
                    q++;
                if (q < n && is_close(f[q]) && q > e + 1 && branch_inner(mc, e + 1, q))
                    e = q + 1;
            } else {
                size_t store = store_branch_end(mc, s, e, n);
                if (store > e) {
                    e = store;
                    c.kind = MERCH_BRAND; /* a store, not the platform */
                } else if (has_at(f, n, e, "自营")) {
                    e += 2; /* 京东自营: the platform's own retail, named as written */
                }
            }
            c.e = (int32_t)e;
        }
        mc->cands[kept++] = c;
    }
    mc->n_cands = kept;
}

static int cmp_cand(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    /* registry names first, names found by their cues (在…购买) last */
    int ra = a->kind == MERCH_REGISTRY ? 2 : a->kind != MERCH_CUE;
    int rb = b->kind == MERCH_REGISTRY ? 2 : b->kind != MERCH_CUE;
    if (ra != rb)
        return rb - ra;
    if (a->e - a->s != b->e - b->s)
        return (b->e - b->s) - (a->e - a->s);
    if (a->conf != b->conf)
        return a->conf < b->conf ? 1 : -1;
    return a->s - b->s;
}

static int cmp_start(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    return a->s - b->s;
}

static size_t stopped_head(const merch_ctx *mc, size_t a, const uint8_t *tb);
static int all_plain(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb);
static int trade_ends_at(const merch_ctx *mc, size_t a);
static size_t token_end(const uint8_t *tb, size_t p, size_t e);
static int plain_word(const merch_ctx *mc, size_t p, size_t q);
static int common_word(const merch_ctx *mc, size_t s, size_t e);

/* 麦乐迪(和平路店), 好帮手(家政公司): a bracket naming a branch, a shop
 * or a firm right after a few characters that a clause boundary, 的 or a
 * cue opens makes them a business's name, however bare. The branch stays
 * with the name; a firm's form in brackets only says what it is. */
static size_t past_place(const merch_ctx *mc, size_t s, size_t n, const uint8_t *tb);

static qs_rc bracketed_names(merch_ctx *mc, size_t n, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 2; i + 2 < n; i++) {
        if ((i = cps_find3(f, i, n - 2, '(', 0x3010, 0x3014)) + 2 >= n) /* is_open */
            break;
        if (!is_han(f[i - 1]) || in_set("某士生姐哥叔姨爷奶", f[i - 1]))
            continue;
        size_t c = i + 1;
        while (c < n && c - i <= 12 && !is_close(f[c]) && !is_open(f[c]))
            c++;
        if (c >= n || !is_close(f[c]) || c == i + 1)
            continue;
        int shop = 0, org = 0;
        for (size_t k = i + 1; k < c; k++) {
            shop |= LEN(MC_BRANCH, k) || LEN(MC_SHOP, k);
            org |= LEN(MC_ORG, k) != 0;
            if (!is_han(f[k]) && !is_digit(f[k]) && !is_latin(f[k]))
                shop = org = -9; /* 女，65岁: a remark */
        }
        /* 学思堂（原星辰教育）, 博雅（原启航）: a former name says the run
         * before it names a business (not 原价, 原来, 原因) */
        int former = c >= i + 4 && renamed_follows(f, i, n);
        for (size_t k = i + 2; k < c && former; k++)
            former = is_han(f[k]) || is_latin(f[k]);
        if (former)
            org = 1;
        if (shop <= 0 && org <= 0)
            continue;
        size_t q = stopped_head(mc, i, NULL);
        /* 在老表瓦罐汤(瓦子巷店): five or six characters after 在/到/去 */
        if (q >= i) {
            size_t p = i;
            while (p > 0 && i - p < 6 && is_han(f[p - 1]) && mc->name_ok[p - 1] && !mc->stop_at[p - 1])
                p--;
            if (i - p >= 5 && p > 0 && (size_t)LEN(MC_CUEPRE, p - 1) == 1)
                q = p;
        }
        /* 在大理古城|银匠世家（洱月巷店）: after 在, the market or old town
         * before it is where it stands */
        for (size_t z = i >= 14 ? i - 14 : 0; z + 3 < i && q >= i; z++) {
            if (f[z] != 0x5728 /* 在 */)
                continue;
            size_t p = past_place(mc, z + 1, i, NULL);
            int ok = p > z + 1 && i - p >= 2 && i - p <= 6;
            for (size_t j = p; j < i && ok; j++)
                ok = is_han(f[j]) && mc->name_ok[j] && !mc->stop_at[j] && !LEN(MC_NONM, j);
            if (ok)
                q = p;
        }
        if (q >= i || i - q > 6 || anchor_len(mc, q) || LEN(MC_BRAND, q) || LEN(MC_PLAT, q) ||
            common_word(mc, q, i))
            continue;
        int clash = 0;
        for (size_t k = 0; k < mc->n_cands && !clash; k++)
            clash = mc->cands[k].s < (int32_t)i && (int32_t)q < mc->cands[k].e;
        if (clash)
            continue;
        /* the branch in the brackets (万达店) is no business of its own:
         * set aside while the name is added, kept if it is not; a former
         * name stays one */
        cand inner[4];
        size_t kept = 0, n_inner = 0;
        for (size_t k = 0; k < mc->n_cands; k++) {
            int in = !former && mc->cands[k].s > (int32_t)i && mc->cands[k].e <= (int32_t)c && n_inner < 4;
            if (in)
                inner[n_inner++] = mc->cands[k];
            else
                mc->cands[kept++] = mc->cands[k];
        }
        mc->n_cands = kept;
        int added;
        qs_rc rc = add_free_cand(mc, q, org > 0 ? i : c + 1, MERCH_NAME, 0.72, &added, err);
        for (size_t k = 0; k < n_inner && rc == QS_OK && !added; k++)
            rc = add_cand(mc, inner[k], err);
        if (rc != QS_OK)
            return rc;
        if (added)
            i = c;
    }
    return QS_OK;
}

static int plain_tokens(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb, int frequent_only);
static int clause_lead(const merch_ctx *mc, const uint8_t *tb, size_t s, size_t e);

/* 【企业回复】声临其境KTV：…, 【ODR企业回复】X：…: a business answering a
 * complaint signs its reply with its name after the header. */
static size_t shop_bracket(const int32_t *f, size_t n, size_t o);
static int clause_mark(int32_t c);

/* What a seller in a platform's reply sold, or its serving, written right
 * after its name (老马家把子肉|外卖餐品, 旧时光古着|所售) */
static const char *const reply_sold[] = {"外卖", "餐品", "菜品", "商品", "产品", "订单", "所售", "所卖", "所发",
                                         "出餐", "配送", "账号", "团购"};

/* 关于您投诉的“阿珠海鲜”团购套餐, 用户投诉的“茶记冰室”外卖: in a platform's
 * reply, a quoted run after the complaint's cue and before what it sold is
 * the seller; a quoted dish or package (反映的“清蒸石斑”以其他鱼替换) is
 * followed by no such word. q is the opening quote; *done says a seller was
 * added. */
static qs_rc quoted_seller(merch_ctx *mc, size_t n, size_t q, int *done, qs_err *err)
{
    static const char *const shop[] = {"店铺", "商家", "点的"};
    const int32_t *f = mc->f;
    size_t s = q + 1, k = s;
    while (k < n && k - s <= 12 && f[k] != '"' && (mc->name_ok[k] || is_latin(f[k]) || is_digit(f[k])))
        k++;
    if (k >= n || f[k] != '"' || k - s < 2 || k - s > 12 || everyday(mc, f + s, k - s) || only_generic(mc, s, k) ||
        LEN(MC_PLAT, s) || LEN(MC_COREF, s) ||
        (!word_at(f, n, k + 1, reply_sold, sizeof reply_sold / sizeof *reply_sold) &&
         !word_at(f, n, k + 1, shop, sizeof shop / sizeof *shop)))
        return QS_OK;
    char key[KEY_CAP];
    tax_sector sec;
    if (key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
        return QS_OK;
    *done = 1;
    drop_cands(mc, s, k);
    return add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, sec, 0.86, -1}, err);
}

/* 【ODR企业回复】拼多多：经核实，商家果香园已同意…: a platform answering
 * for a seller names it after 商家; the seller is the business complained
 * of. The name ends at its trade or shop word (with its branch in
 * brackets), or, bare, at a stop word or punctuation. */
static qs_rc reply_seller(merch_ctx *mc, size_t n, const uint8_t *tb, size_t from, qs_err *err)
{
    const int32_t *f = mc->f;
    int done = 0;
    for (size_t c = 0; c < mc->n_cands; c++)
        if (mc->cands[c].kind != MERCH_PLATFORM && mc->cands[c].s >= (int32_t)from)
            return QS_OK; /* the seller is named already (店铺“豫农优选”) */
    for (size_t i = from; i + 4 < n; i++) {
        /* 商家果香园, 店铺滇南好物, 主播海哥赶海, 消费者反映的老马家把子肉,
         * 您投诉的阿秀烧烤: the seller complained of */
        /* …反映马记手抓外卖份量不足, 关于旧时光古着所售商品, or right after
         * the platform's colon (拼多多：童趣多玩具店所售…): the seller
         * before what it sold */
        int merchant_word = has_at(f, n, i, "商家") || has_at(f, n, i, "店铺") || has_at(f, n, i, "主播");
        int opening = i == from;
        size_t w = merchant_word ? 2
                   : (has_at(f, n, i, "反映的") || has_at(f, n, i, "投诉的")) ? 3
                   : (has_at(f, n, i, "反映") || has_at(f, n, i, "关于") || has_at(f, n, i, "投诉")) ? 2
                                                                                                  : 0;
        if (w && i + w < n && f[i + w] == '"' && tb) {
            qs_rc rc = quoted_seller(mc, n, i + w, &done, err);
            if (rc != QS_OK || done)
                return rc;
            continue;
        }
        if ((!w && !opening) || !tb || !tb[i] || !tb[i + w])
            continue;
        size_t s = i + w, k = s;
        /* …商家老淮南牛肉汤|无责任, 督促主播卓玛|核实: a word of what it did,
         * did not or is to do closes the name */
        static const char *const acts[] = {"核实", "核查", "处理", "整改", "协商", "赔偿", "道歉", "联系", "补发", "退款"};
        /* the run ends at a stop word too, unless its trade word or what it
         * sold comes after one (童趣多|玩具店所售, 旧时光古着|所售) */
        size_t loose = s;
        while (loose < n && loose - s < 12 && (mc->name_ok[loose] || is_latin(f[loose]) || is_digit(f[loose])) &&
               !(loose > s && tb[loose] && LEN(MC_CUEPOST, loose)) &&
               !(loose > s + 1 && tb[loose] && in_set("无未已不没称均", f[loose])) &&
               !(loose > s + 1 && tb[loose] && word_at(f, n, loose, acts, sizeof acts / sizeof *acts))) {
            if (k == loose && !(loose > s && mc->stop_at[loose]))
                k++;
            else if (in_set("的所之属", f[loose]) &&
                     !word_at(f, n, loose, reply_sold, sizeof reply_sold / sizeof *reply_sold))
                break; /* 珍珠妹的店铺, 莞妹所属店铺: the name ended before */
            loose++;
        }
        size_t trade_end = 0, sold_at = 0;
        for (size_t lim = k; !trade_end && !sold_at; lim = loose) {
            /* 伊河人家民宿|核实: the trade or shop word ends the name */
            for (size_t q = s + 1; q < lim; q++)
                if (anchor_len(mc, q) && q + (size_t)anchor_len(mc, q) <= lim)
                    trade_end = q + (size_t)anchor_len(mc, q);
            /* 老马家把子肉|外卖餐品, 胖妹炸洋芋|出餐份量不足: what was sold, or
             * its serving, follows the bare name */
            for (size_t q = s + 2; !trade_end && !sold_at && q <= lim && q <= s + 6; q++)
                if (word_at(f, n, q, reply_sold, sizeof reply_sold / sizeof *reply_sold))
                    sold_at = q;
            if (lim == loose)
                break;
        }
        /* 浪花海鲜楼: a trade word (海鲜) inside the shop's word ends with it */
        while (trade_end && trade_end < k && !tb[trade_end])
            trade_end++;
        if (trade_end)
            k = trade_end;
        else if (sold_at)
            k = sold_at;
        else if (!merchant_word && (w == 2 || (w == 0 && !(k < n && f[k] == 0x5DF2 /* 已 */))))
            continue; /* 反映/关于 alone, or the reply's opening, begin any clause;
                       * one that has done something (晋城老五|已同意) is the seller */
        else if (k - s > 6 || (k < n && !mc->stop_at[k] && !clause_mark(f[k]) && !is_open(f[k]) &&
                               !in_set("无未已不没称均", f[k]) && !word_at(f, n, k, acts, sizeof acts / sizeof *acts)))
            continue;
        /* 用户反映的绕路情况属实: the finding on what was reported, no seller */
        else if (ends_at(f, k, "属实") || ends_at(f, k, "情况") || ends_at(f, k, "一事") || ends_at(f, k, "问题"))
            continue;
        size_t e = k < n && is_open(f[k]) ? shop_bracket(f, n, k) : 0;
        if (e <= k)
            e = k;
        /* a name of more than one word closed by its trade word or by what it
         * sold may open with a word of the language (童趣多玩具店所售,
         * 旧时光古着所售; 订单配送 is no name) */
        int closed = (trade_end || sold_at) && token_end(tb, s, k) < k;
        if (mc->stop_at[s] || LEN(MC_STOP, s) || LEN(MC_CUEPOST, s) ||
            (!closed && (plain_word(mc, s, token_end(tb, s, k)) || common_word(mc, s, k))) || k - s < 2 ||
            k - s > 10 || !tb[k] || everyday(mc, f + s, k - s) || only_generic(mc, s, k) ||
            all_plain(mc, s, k, tb) || LEN(MC_COREF, s) || LEN(MC_PLAT, s) || in_set("所其该此本那这", f[s]))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        drop_cands(mc, s, e);
        return add_cand(mc, (cand){(int32_t)s, (int32_t)e, MERCH_CUE, sec, 0.86, -1}, err);
    }
    return QS_OK;
}

static qs_rc reply_signer(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t b = 0;
    while (b < n && b < 16 && f[b] != ']' && f[b] != 0x3011) /* 【】 fold to [] */
        b++;
    if (b >= n || b < 3 || (f[0] != '[' && f[0] != 0x3010) || !ends_at(f, b, "回复"))
        return QS_OK;
    size_t j = b + 1;
    while (j < n && f[j] == ' ')
        j++;
    size_t k = j;
    while (k < n && k - j <= 20 && (mc->name_ok[k] || f[k] == ' ') && f[k] != ':')
        k++;
    while (k > j && f[k - 1] == ' ')
        k--;
    /* a platform answers for the seller it names (抖音, 抖音电商, 美团平台) */
    size_t pl = (size_t)LEN(MC_PLAT, j);
    if (k < n && f[k] == ':' && k > j && pl &&
        (pl == k - j || (pl + 2 == k - j && (ends_at(f, k, "电商") || ends_at(f, k, "平台") || ends_at(f, k, "客服"))))) {
        /* 抖音：经核实，蟹哥阿强账号所售…: the finding opens the reply */
        size_t o = k + 1;
        if (has_at(f, n, o, "经核实") || has_at(f, n, o, "经核查"))
            o += 3;
        else if (has_at(f, n, o, "经查"))
            o += 2;
        if (o > k + 1 && o < n && (f[o] == 0xFF0C || f[o] == ','))
            o++;
        return reply_seller(mc, n, tb, o, err);
    }
    char key[KEY_CAP];
    tax_sector sec;
    /* 消费者反映：, 关于…一事：: the reply's own words */
    int words = tb && (plain_tokens(mc, j, k, tb, 1) || all_plain(mc, j, k, tb) || clause_lead(mc, tb, j, k));
    /* 我司：, 本店：: the firm speaks of itself */
    if (k >= n || f[k] != ':' || k - j < 2 || words || only_generic(mc, j, k) || LEN(MC_COREF, j) ||
        in_set("我本该贵", f[j]) || (f[j] == 0x7ECF /* 经 */ && common_word(mc, j + 1, k)) ||
        key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) != QS_OK)
        return QS_OK;
    drop_cands(mc, j, k);
    return add_cand(mc, (cand){(int32_t)j, (int32_t)k, MERCH_CUE, sec, 0.88, -1}, err);
}

/* 一家叫X的美容院, 有个叫“X”的店, 名叫X, 店铺“X”: X is a business name whatever its
 * form; the words after 的 describe it (its sector) and are no second
 * name. Runs after the other candidates are found and replaces those that
 * overlap X or its description. */
/* A straight quote at j opens a quotation (an even number of them before
 * it): “秦妹直播间”所售 closes one, folded to the same mark. */
static int opening_quote(const int32_t *f, size_t j)
{
    size_t before = 0;
    for (size_t q = 0; q < j; q++)
        before += f[q] == '"';
    return before % 2 == 0;
}

static qs_rc called_names(merch_ctx *mc, size_t n, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 1; i + 2 < n; i++) {
        /* the cheap scan first: most positions hold no 叫 and no quote
         * after (the quotes and ASCII lie below U+300D); at most to n - 3 */
        if (i + 3 < n) {
            size_t q = cps_find_range(f, i + 1, n - 2, 0, 0x300C) - 1;
            i = cps_find3(f, i, q, 0x53EB /* 叫 */, 0x4E3A /* 为 */, 0x53EB);
        }
        /* 一家名为 and 店名为 are 一家名叫 (名为温泉度假村 alone is "called so") */
        int named_as = f[i] == 0x4E3A /* 为 */ && f[i - 1] == 0x540D /* 名 */ && i >= 2 && in_set("家个间店", f[i - 2]);
        size_t j = i + 1;
        /* 店铺“X”, 网店「X」, 抖音账号“X”: a quoted shop or host name (说我账号“存在风险”:
         * one's own account is no shop's) */
        /* the cheap quote test first: this runs at every position */
        int shop_label = (f[j] == 0x201C || f[j] == 0x300C || (f[j] == '"' && opening_quote(f, j))) &&
                         (ends_at(f, i + 1, "店铺") || ends_at(f, i + 1, "网店") || ends_at(f, i + 1, "直播间") ||
                          (ends_at(f, i + 1, "账号") && !(i >= 2 && in_set("我你他她们的", f[i - 2]))) ||
                          ends_at(f, i + 1, "主播"));
        if (f[i] != 0x53EB /* 叫 */ && !shop_label && !named_as)
            continue;
        int32_t pv = f[i - 1];
        /* 一家叫, 名叫, 直播间叫, 主播叫: a business or a host named */
        if (!shop_label && pv != 0x5BB6 /* 家 */ && pv != 0x4E2A /* 个 */ && pv != 0x540D /* 名 */ &&
            pv != 0x95F4 /* 间 */ && pv != 0x64AD /* 播 */)
            continue;
        if (f[j] == 0x505A /* 做 */)
            j++;
        int quoted = j < n && open_quote(f[j]);
        j += (size_t)quoted;
        size_t k = j;
        /* unquoted, a particle ends the name (改名叫鹿鹿好物了) */
        while (k < n && k - j <= 10 && mc->name_ok[k] &&
               (quoted || (f[k] != 0x7684 /* 的 */ && f[k] != 0x4E86 /* 了 */ && f[k] != 0x5427 /* 吧 */ &&
                           f[k] != 0x5462 /* 呢 */ && f[k] != 0x554A /* 啊 */)))
            k++;
        if (k - j < 2 || k - j > 10 || k >= n)
            continue;
        size_t after = k + (size_t)(quoted && close_quote(f[k]));
        int nonm = 0;
        for (size_t q = j; q < k; q++)
            nonm |= LEN(MC_NONM, q) != 0 || LEN(MC_COREF, q) != 0;
        char key[KEY_CAP];
        tax_sector sec;
        if (nonm || is_digit(f[j]) || key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        /* …的美容院, …的培训机构: what kind of business it is */
        size_t shadow = k;
        tax_sector desc = SECTOR_OTHER;
        static const char *const apps[] = {"app", "小程序", "网站", "平台", "网店"};
        for (size_t w = 0; w < sizeof apps / sizeof *apps && after < n && f[after] == 0x7684; w++)
            if (has_at(f, n, after + 1, apps[w]))
                desc = SECTOR_ECOMMERCE;
        if (after < n && f[after] == 0x7684 /* 的 */ && desc == SECTOR_OTHER)
            for (size_t q = after + 1; q < n && q <= after + 4 && mc->name_ok[q] && f[q] != 0x7684 &&
                                       !LEN(MC_CUEPOST, q);
                 q++) {
                int32_t L = imax(imax(LEN(MC_SHOP, q), LEN(MC_IND, q)), LEN(MC_INDW, q));
                if (!L)
                    continue;
                int32_t v = LEN(MC_SHOP, q) == L ? VAL(MC_SHOP, q) : LEN(MC_IND, q) == L ? VAL(MC_IND, q)
                                                                                         : VAL(MC_INDW, q);
                /* 名为X的小店: a small shop, not an online one */
                desc = has_at(f, n, q, "小店") ? SECTOR_OTHER : (tax_sector)v;
                shadow = q + (size_t)L;
                break;
            }
        /* 一个叫玉兔的台风, 一个叫梦之海的副名称: after 个/名 (not 家/间/家名, the
         * measure words of a business) the thing named is what follows 的
         * when that is no business word (摊子, 档口, 商家, 门面, 代购, 卖家
         * are) */
        if (!shop_label && (pv == 0x4E2A || (pv == 0x540D && !(i >= 2 && f[i - 2] == 0x5BB6 /* 家名叫 */))) &&
            after + 1 < n && f[after] == 0x7684 &&
            shadow == k && desc == SECTOR_OTHER && !LEN(MC_ORG, after + 1) && !LEN(MC_PLAT, after + 1) &&
            !LEN(MC_BRANCH, after + 1) && mc->name_ok[after + 1] && !LEN(MC_STOP, after + 1) &&
            !in_set("摊档商门", f[after + 1]) && !has_at(f, n, after + 1, "代购") &&
            !has_at(f, n, after + 1, "卖家") && !has_at(f, n, after + 1, "微商") && !has_at(f, n, after + 1, "主播"))
            continue;
        drop_cands(mc, j, shadow);
        qs_rc rc = add_cand(mc, (cand){(int32_t)j, (int32_t)k, MERCH_CUE, sec != SECTOR_OTHER ? sec : desc, 0.86, -1},
                            err);
        if (rc != QS_OK)
            return rc;
        i = shadow;
    }
    return QS_OK;
}

/* “小鹿蓝蓝”童装店, “途安”小程序, 在“湘江二手车之家”购买: a quoted name
 * followed by what kind of business it is (a shop, industry or
 * organisation word, its shop, room or app), or framed by 在…购买, is the
 * business's name as its sign shows it, whatever it is made of. Replaces
 * the candidates that overlap the quote and the words after it. */
static int staff_follows(const int32_t *f, size_t n, size_t e);

/* The words right before the opening quote at i (a colon between allowed)
 * introduce a business: 2, a seller or host (卖家“X”, 主播“X”, 微商“X”); 1, a shop
 * word, a mall floor or a platform (剧本杀店“X”, 负一楼“X”, 淘宝“X”, 饿了么平台“X”), which
 * also precede the names of services and slogans (京东“次日达”); 0, neither. */
static int quote_introduced(const merch_ctx *mc, const int32_t *f, size_t i)
{
    /* (小程序“凉都快充”, 公众号“X”: an app or an account named) */
    static const char *const roles[] = {"商家", "店家", "卖家", "店铺", "网店", "主播", "博主", "达人", "经销商",
                                        "代理商", "直播间", "微商", "小程序", "公众号"};
    size_t e = i > 0 && (f[i - 1] == 0xFF1A || f[i - 1] == ':') ? i - 1 : i;
    for (size_t w = 0; w < sizeof roles / sizeof *roles; w++)
        if (e >= utf8_cp_count(roles[w]) && ends_at(f, e, roles[w]))
            return 2;
    if (e > 0 && in_set("店馆社楼层", f[e - 1]))
        return 1;
    /* 微信“果哥苹果”, 微信上“桂花姐”: a contact, a seller when goods are bought there */
    if (ends_at(f, e, "微信") || ends_at(f, e, "微信上"))
        return 1;
    /* 淘宝“X”, 饿了么平台“X”, 美团上“X” */
    size_t pe = ends_at(f, e, "平台") ? e - 2 : e > 0 && f[e - 1] == 0x4E0A /* 上 */ ? e - 1 : e;
    for (size_t s = pe >= 8 ? pe - 8 : 0; s + 2 <= pe; s++)
        if ((size_t)LEN(MC_PLAT, s) + s == pe)
            return 1;
    return 0;
}

/* [j, h) can be the 字号 of a quoted sign before its shop or trade word at h:
 * two characters or more, no kind or grade right before the word
 * (产权式|酒店, 高级|商务酒店) and not plain words (脏|店). */
static int sign_head(const merch_ctx *mc, size_t j, size_t h, const uint8_t *tb)
{
    return h >= j + 2 && !in_set("式型级类性档", mc->f[h - 1]) && !(tb && tb[j] && tb[h] && all_plain(mc, j, h, tb));
}

/* f[j..k) is a kind of business, no sign: trade, shop and descriptor words
 * and modifiers that say what sort of place it is (一家“健身工作室”, 一家
 * “老年健康体验店”), with no 字号 among them. An organisation form makes
 * it a registered firm whatever its words. */
static int generic_sign(const merch_ctx *mc, size_t j, size_t k)
{
    static const int cats[] = {MC_IND, MC_INDW, MC_INDF, MC_SHOP, MC_DESC, MC_BRANCH};
    static const char *const kinds[] = {"体验", "老年", "老人", "网红", "社区", "平价", "洗澡", "无名"};
    for (size_t p = j; p < k;) {
        size_t L = 0;
        for (size_t c = 0; c < sizeof cats / sizeof *cats; c++)
            L = (size_t)imax((int32_t)L, LEN(cats[c], p));
        if (word_at(mc->f, k, p, kinds, sizeof kinds / sizeof *kinds))
            L = L > 2 ? L : 2;
        if (!L)
            L = kplain_longest(mc->lx, mc->f + p, k - p);
        if (!L || p + L > k)
            return 0;
        p += L;
    }
    return 1;
}

static size_t shop_bracket(const int32_t *f, size_t n, size_t o);
static int dict_words(const merch_ctx *mc, size_t s, size_t e);

/* f[j..k) names a day or a season of sales (双十二, 618, 中秋节, 年货季) */
static int festival(const int32_t *f, size_t j, size_t k)
{
    size_t digits = 0;
    for (size_t q = j; q < k; q++)
        digits += is_digit(f[q]) || in_set("一二三四五六七八九十", f[q]);
    return digits + 1 >= k - j || in_set("节季日", f[k - 1]);
}

static qs_rc quoted_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const kinds[] = {"店铺", "直播间", "小程序", "app", "网店", "公众号", "官网", "机构",
                                        "加盟店", "门店", "品牌", "平台", "网站", "工作室", "会销", "微信", "营业厅",
                                        "摊位", "档口"};
    const int32_t *f = mc->f;
    for (size_t i = 0; i + 3 < n; i++) {
        int32_t o = f[i];
        /* ”宣传“ between two quotations is no name quoted */
        if ((o != 0x201C && o != 0x300C && o != 0x300E && o != '"') || (o == '"' && !opening_quote(f, i)))
            continue;
        size_t j = i + 1, k = j;
        while (k < n && k - j <= 20 &&
               (mc->name_ok[k] || f[k] == 0xB7 || is_digit(f[k]) || (f[k] == 0x53F7 /* 号 */ && is_digit(f[k - 1])) ||
                /* “小黄鸭童装-阿丽”: a shop and its seller joined by a dash */
                (f[k] == '-' && k > j && k + 1 < n && is_han(f[k - 1]) && is_han(f[k + 1]))))
            k++;
        /* “学而优教育(楚河校区)”: its branch in brackets inside the quote */
        if (k < n && k - j >= 2 && is_open(f[k]) && branch_follows(mc, k, n)) {
            size_t b = k + 1;
            while (b < n && !is_close(f[b]))
                b++;
            k = b < n ? b + 1 : k;
        }
        if (k >= n || k - j < 2 || k - j > 20)
            continue;
        int32_t c = f[k];
        if (!(c == 0x201D || c == 0x300D || c == 0x300F || (c == '"' && o == '"')))
            continue;
        size_t after = k + 1, shadow = after;
        int ok = 0;
        if (after < n) {
            int32_t L = imax(imax(LEN(MC_SHOP, after), LEN(MC_IND, after)),
                             imax(imax(LEN(MC_INDW, after), LEN(MC_ORG, after)), LEN(MC_BRANCH, after)));
            /* “富硒益生菌”保健食品: an everyday trade word after the quote
             * names the goods, unless a shop word follows it (美术培训机构) */
            if (L && L == LEN(MC_INDW, after) && !LEN(MC_SHOP, after) && !LEN(MC_ORG, after) && !LEN(MC_IND, after) &&
                !anchor_after(mc, after + (size_t)L, n) &&
                !(after + (size_t)L < n && (LEN(MC_IND, after + (size_t)L) || LEN(MC_INDW, after + (size_t)L))))
                L = 0;
            if (L) {
                ok = 1;
                shadow = after + (size_t)L;
            }
            for (size_t w = 0; w < sizeof kinds / sizeof *kinds && !ok; w++)
                if (has_at(f, n, after, kinds[w])) {
                    ok = 1;
                    shadow = after + utf8_cp_count(kinds[w]);
                }
            /* 快手上“脐橙妹妹”的直播间: a shop's room or page */
            static const char *const owned[] = {"的直播间", "的店铺", "的网店"};
            for (size_t w = 0; w < sizeof owned / sizeof *owned && !ok; w++)
                ok = has_at(f, n, after, owned[w]);
            /* “茶山阿妹”的抖音直播间: the room on a platform named between */
            if (!ok && f[after] == 0x7684 /* 的 */ && after + 1 < n && LEN(MC_PLAT, after + 1)) {
                size_t pe = after + 1 + (size_t)LEN(MC_PLAT, after + 1); /* 抖音|直播间 or 抖音直播|间 */
                ok = has_at(f, n, pe, "直播间") || (ends_at(f, pe, "直播") && has_at(f, n, pe, "间"));
            }
            /* 看“健康王老师”直播, 快手上那个“东北老铁” 直播卖…: the host one
             * watches, or the one on a platform who streams */
            size_t live_at = after + (after < n && f[after] == ' ');
            if (!ok && i > 0 && has_at(f, n, live_at, "直播") && !has_at(f, n, live_at, "直播间")) {
                size_t v = i;
                if (v >= 2 && in_set("那这", f[v - 2]) && f[v - 1] == 0x4E2A /* 个 */)
                    v -= 2;
                int on_platform = v >= 3 && f[v - 1] == 0x4E0A /* 上 */ && platform_before(mc, v);
                ok = v > 0 && (f[v - 1] == 0x770B /* 看 */ || on_platform) && !festival(f, j, k);
            }
            /* “小鹿蓝蓝”童装店: what it sells, then a shop word */
            for (size_t g = after + 1; g <= after + 2 && g < n && !ok && mc->name_ok[after]; g++)
                if (mc->name_ok[g - 1] && LEN(MC_SHOP, g) && !mc->stop_at[after]) {
                    ok = 1;
                    shadow = g + (size_t)LEN(MC_SHOP, g);
                }
            /* 在“X”购买, 在“X”给狗洗澡 (在“家里”给孩子洗澡 is a place) */
            /* 在丝绸路“阿芳水果”购买, 在桂花弄的“小满”办理: a place before it */
            static const char street[] = "路街巷弄道镇村区号楼层场";
            /* 12号“X”, not 账号“X” */
            int numbered = i > 1 && f[i - 1] == 0x53F7 /* 号 */ ? is_digit(f[i - 2]) : 1;
            int placed = i > 0 && (LEN(MC_CUEPRE, i - 1) == 1 || (in_set(street, f[i - 1]) && numbered) ||
                                   (i >= 2 && f[i - 1] == 0x7684 /* 的 */ && in_set(street, f[i - 2])));
            /* 在阿勒泰的“牧哥奶酪”买了…: a city's, then 的 */
            for (size_t r = i >= 8 ? i - 8 : 0; !placed && i >= 3 && f[i - 1] == 0x7684 && r + 2 < i; r++)
                placed = (size_t)LEN(MC_REGION, r) + r == i - 1;
            int signlike = !everyday(mc, f + j, k - j) && !place_suffix(f[k - 1]) &&
                           !in_set("上里中内外边旁", f[k - 1]);
            /* 在“海誓”拍婚纱照: a verb of a service right after it */
            /* 从“姜老汉”处购买: the seller's place */
            size_t verb = after + (size_t)(after + 1 < n && f[after] == 0x5904 /* 处 */);
            if (!ok && placed &&
                (LEN(MC_CUEPOST, verb) ||
                 (signlike && (f[after] == 0x7ED9 /* 给 */ ||
                               (in_set("拍买做办订吃住修学租洗剪烫染配充交报", f[after]) && !dict_words(mc, j, k) &&
                                !festival(f, j, k))))))
                ok = 1;
            /* 涌边路“福满堂腊味”在店内…, 鹭湖区“贝洁口腔”在其…: a sign's name
             * right after its street, or of three characters or more after
             * its district or town (地区“德比”战 is a word quoted) */
            if (!ok && i > 0 && (in_set("路街巷弄", f[i - 1]) || (in_set("区镇", f[i - 1]) && k - j >= 3)) &&
                signlike && !only_generic(mc, j, k) && !generic_sign(mc, j, k) &&
                !(tb && tb[j] && tb[k] && all_plain(mc, j, k, tb)))
                ok = 1;
            /* 界江街新开的“伏加尔俄货”: what newly opened is a shop */
            if (!ok && ends_at(f, i, "新开的") && signlike && !only_generic(mc, j, k) && !generic_sign(mc, j, k) &&
                !(tb && tb[j] && tb[k] && all_plain(mc, j, k, tb)))
                ok = 1;
            /* “鹿鸣”的老板, “邻里团”团长, “安途汽车”客服: its people follow it */
            ok |= staff_follows(f, n, after) ||
                  ((has_at(f, n, after, "团长") || has_at(f, n, after, "老板") || has_at(f, n, after, "店主") ||
                    /* “安途汽车”销售的电话; “顺价”销售 is the verb */
                    (has_at(f, n, after, "销售") && after + 2 < n && in_set("的人员打说给称", f[after + 2])) ||
                    has_at(f, n, after, "客服") || has_at(f, n, after, "店员") || has_at(f, n, after, "工作人员")) &&
                   signlike && !dict_words(mc, j, k));
            /* “马记羊肉泡馍”（回民街店）: a branch of it in brackets */
            ok |= is_open(f[after]) && shop_bracket(f, n, after) != 0;
        }
        /* 卖家“X”, 主播“X”; 剧本杀店“X”办的, 淘宝“X”买的: the quote names the
         * business the word before it introduces, unless it reads as words
         * (店家“不退不换”) */
        /* “养生刘老师直播间”: a host's room quoted whole */
        if (!ok && k - j >= 5 && ends_at(f, k, "直播间") && sign_head(mc, j, k - 3, tb))
            ok = 1;
        int intro = ok ? 0 : quote_introduced(mc, f, i);
        /* 一家“好享来零食”, 门口的“老李修车铺”: a measure word of businesses
         * before the quote, or a shop word or organisation form closing it,
         * makes it a sign's name unless it reads as words (一家“网红店”,
         * 门口贴着“内部装修”) */
        int counted_shop = i >= 2 && f[i - 1] == 0x5BB6 /* 家 */ && in_set("一这那", f[i - 2]);
        /* where the longest shop word or organisation form (or 代购) closing the quote starts */
        size_t zh = j + 1;
        while (zh < k && (size_t)LEN(MC_SHOP, zh) + zh != k && (size_t)LEN(MC_ORG, zh) + zh != k &&
               !(zh + 2 == k && has_at(f, n, zh, "代购")))
            zh++;
        int sign_zihao = zh < k && sign_head(mc, j, zh, tb);
        /* “海天中心”, “上海经贸学院”: a building or a college unless a trade
         * names what it does (美容中心) */
        if (sign_zihao && (has_at(f, n, zh, "中心") || has_at(f, n, zh, "学院")) && !trade_ends_at(mc, zh))
            sign_zihao = 0;
        int shop_end = zh < k && sign_zihao;
        /* 7号美发: a number opens a sign's name only before its trade */
        int trade_end = shop_end;
        size_t ti = j + 1;
        while (ti < k && !trade_end && (size_t)LEN(MC_IND, ti) + ti != k)
            ti++;
        trade_end |= ti < k;
        /* “7号美发”的老师: a 字号 and its trade quoted before 的, opening a
         * clause (所谓“免费健身”的活动 is a slogan) */
        int trade_sign = !shop_end && ti < k && sign_head(mc, j, ti, tb) && after < n && f[after] == 0x7684 /* 的 */ &&
                         (i == 0 || (!mc->name_ok[i - 1] && !is_digit(f[i - 1])));
        if (!ok && !intro && (shop_end || trade_sign || (counted_shop && (zh == k || sign_zihao))) &&
            !only_generic(mc, j, k) && !generic_sign(mc, j, k) &&
            !(tb && tb[j] && tb[k] && all_plain(mc, j, k, tb)))
            intro = 2;
        /* 微信“果哥苹果”处购买: the place of one a platform introduces is a seller's */
        if (intro == 2 || (intro == 1 && after < n && (LEN(MC_CUEPOST, after) || f[after] == 0x5904 /* 处 */))) {
            int words = 0;
            /* a verb of the trade before the shop word, or closing the
             * sign, is its name (修车|铺, “阿强修车”) */
            for (size_t q = j; q < k && !words; q++)
                words = (mc->stop_at[q] && !((shop_end || (size_t)LEN(MC_CUEPOST, q) + q == k) && LEN(MC_CUEPOST, q) &&
                                             !LEN(MC_STOP, q) && q >= j + 2)) ||
                        in_set("不没别的了吗呢吧是要也都还就很只请", f[q]);
            ok = !words;
        }

        /* 购买的“蓝月亮”洗衣液: a brand quoted as the goods bought */
        if (!ok || ((size_t)LEN(MC_BRAND, j) == k - j && product_context(f, n, j, k)))
            continue;
        /* “免费领鸡蛋”活动, “一次性付清”字样: an event or a slogan quoted */
        static const char *const said[] = {"活动", "讲座", "字样", "标语", "口号", "名义"};
        if (after < n && word_at(f, n, after, said, sizeof said / sizeof *said))
            continue;
        /* “潮牌研究所”店铺: a shop whatever its name says */
        int shop_named = after < n && (has_at(f, n, after, "店铺") || has_at(f, n, after, "网店") ||
                                       has_at(f, n, after, "直播间"));
        int nonm = 0;
        for (size_t q = j; q < k; q++)
            nonm |= (LEN(MC_NONM, q) != 0 && !shop_named) || LEN(MC_COREF, q) != 0;
        char key[KEY_CAP];
        tax_sector sec;
        if (nonm || (is_digit(f[j]) && !trade_end))
            continue;
        if (key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) != QS_OK) {
            if (!shop_named || encode(f + j, k - j, key, sizeof key) != 0)
                continue;
            sec = SECTOR_OTHER;
        }
        if (sec == SECTOR_OTHER && shadow > after) {
            int32_t L = imax(LEN(MC_SHOP, after), imax(LEN(MC_IND, after), LEN(MC_INDW, after)));
            if (L)
                sec = (tax_sector)(LEN(MC_SHOP, after) == L ? VAL(MC_SHOP, after)
                                   : LEN(MC_IND, after) == L ? VAL(MC_IND, after) : VAL(MC_INDW, after));
        }
        drop_cands(mc, i, shadow);
        qs_rc rc = add_cand(mc, (cand){(int32_t)j, (int32_t)k, MERCH_CUE, sec, 0.88, -1}, err);
        if (rc != QS_OK)
            return rc;
        i = k;
    }
    return QS_OK;
}

static int plain_tokens(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb, int frequent_only);

/* A clause that opens with a name and goes on about that business:
 * 乐途这家旅行社…, ZENFIT的私教课…, 喜鹊到家小程序上约的…. Text-initial or
 * after punctuation, a run of name characters up to 这家/那家, to 的 and a
 * word for what a business sells or who works there, or to its app, is
 * the business however it is written. */
/* f[s..e), opening a text, reads as language rather than a name: a
 * frequent word (送来, 说好: more common than 海豚 or 蓝鲸) or a phrase led by
 * an everyday word (这么|难, 我们|家) or holding a pronoun of address
 * (请问您能), with no shop or industry word in it (东北饺子馆 is a name). */
static int clause_lead(const merch_ctx *mc, const uint8_t *tb, size_t s, size_t e)
{
    if (!mc->logp || !tb)
        return 0;
    for (size_t q = s; q < e; q++)
        if (anchor_len(mc, q))
            return 0;
    float lp = mc->logp(mc->logp_arg, mc->f + s, e - s);
    if (lp <= 0 && lp > -12.5f)
        return 1;
    for (size_t q = s; q < e; q++) /* 请问您能…: an address to a person */
        if (in_set("你您他她", mc->f[q]))
            return 1;
    size_t k = s + 1;
    while (k < e && !tb[k])
        k++;
    return k < e && everyday(mc, mc->f + s, k - s);
}

static int common_word(const merch_ctx *mc, size_t s, size_t e);

/* [s, k) is a 字号 of two characters or more, then a word for a firm's
 * service (燃气, 宽带, 物业, 汽车 …) ending at k, and the token at k is a
 * plain word (verb, adverb, time, preposition). The 字号 holds no plain
 * word, no place and no word of two characters or more that the
 * dictionary knows as common (内置|游戏, 新鲜|水果, 房间|装修: goods and
 * parts of a place are what such sentences are about far more often). */
static int weak_trade_subject(const merch_ctx *mc, size_t s, size_t k, size_t n, const uint8_t *tb)
{
    static const char *const services[] = {"燃气", "宽带", "物业", "物业管理", "汽车", "房产", "口腔", "眼镜",
                                           "通讯", "通信", "电信", "维修", "开锁", "养生", "保健", "医疗",
                                           "中医", "康复", "理疗", "按摩", "宠物", "旅游", "旅行", "商贸",
                                           "贸易", "工贸", "租赁", "金融", "投资", "咨询", "托管", "留学",
                                           "考研", "供暖", "热力", "自来水", "供电", "客运"};
    size_t w = s + 2;
    while (w + 1 < k && (size_t)LEN(MC_INDW, w) + w != k)
        w++;
    if (w + 1 >= k || !tb[w] || LEN(MC_IND, w) || LEN(MC_SHOP, w) || k >= n || !mc->logp)
        return 0;
    int service = 0;
    for (size_t i = 0; i < sizeof services / sizeof *services && !service; i++)
        service = has_at(mc->f, n, w, services[i]) && w + utf8_cp_count(services[i]) == k;
    size_t te = token_end(tb, k, n);
    /* 一天到晚, 一下雨: an idiom or phrase led by a plain character */
    if (!plain_word(mc, k, te) && te - k >= 3 && plain_word(mc, k, k + 1))
        te = k + 1;
    if (!service || !plain_word(mc, k, te) || plain_tokens(mc, s, w, tb, 0) || everyday(mc, mc->f + s, w - s) ||
        LEN(MC_REGION, s) || LEN(MC_BRAND, s) || LEN(MC_PLAT, s))
        return 0;
    for (size_t p = s, q; p < w; p = q) {
        q = token_end(tb, p, w);
        if (q - p >= 2 && common_word(mc, p, q))
            return 0;
    }
    return 1;
}

/* A shop's branch in the brackets opening at o (（万达店）): where the
 * brackets close, past the closing one; 0 when they hold no branch. */
static size_t shop_bracket(const int32_t *f, size_t n, size_t o)
{
    size_t c = o + 1;
    while (c < n && c - o <= 12 && !is_close(f[c]))
        c++;
    return c < n && is_close(f[c]) && c > o + 2 && f[c - 1] == 0x5E97 /* 店 */ ? c + 1 : 0;
}

/* f[s..e) holds a character of a verdict on goods or service (差, 慢, 好,
 * 贵, 骗 …): 发货太慢, 手机太差 judge, they name nothing. */
static int judges(const int32_t *f, size_t s, size_t e)
{
    for (size_t q = s; q < e; q++)
        if (in_set("差慢卡好坏烂贵太很挺超垃圾坑评破低高快棒赞烦恶骗假", f[q]))
            return 1;
    return 0;
}

static int plain_run(const merch_ctx *mc, size_t s, size_t e);
static int visited_place_before(const merch_ctx *mc, size_t s);
static int firm_ends_at(const merch_ctx *mc, size_t e);

/* Where a post starts once an exclamation opening it is set aside: a run
 * of up to six Han characters ending in a particle (侬晓得伐, 咋咧嘛)
 * and a space; 0 when there is none. What the post then says first is what
 * a post's first words say (侬晓得伐 康寿堂搬走了). */
static size_t opener_end(const merch_ctx *mc, size_t n)
{
    size_t k = 0;
    while (k < n && k < 7 && is_han(mc->f[k]))
        k++;
    if (k < 2 || k > 6 || k + 1 >= n || (mc->f[k] != ' ' && mc->f[k] != 0x3000) ||
        !in_set("伐嘛啊呀哦噢哎唉咧喔哇", mc->f[k - 1]))
        return 0;
    return k + 1;
}

/* The people of a business start at p (老板, 店员, 客服 …). */
static int staff_word_at(const int32_t *f, size_t n, size_t p)
{
    static const char *const staff[] = {"老板", "店员", "店长", "员工", "工作人员", "服务员", "销售",
                                        "客服", "售后", "前台", "经理", "教练", "老师", "师傅", "导购",
                                        "业务员", "负责人", "法人"};
    return word_at(f, n, p, staff, sizeof staff / sizeof *staff) > 0;
}

/* Within four characters from p, the people a business has or the means it
 * sells by (那个胖服务员, 那个小程序, 那个充电桩): what a name pointed at by
 * 那个 has, where a dish or a person would not. */
static int people_or_means(const int32_t *f, size_t n, size_t p)
{
    static const char *const means[] = {"导游", "主播", "技师", "小程序", "充电", "微信", "公众号", "店"};
    for (size_t q = p; q < n && q <= p + 4 && is_han(f[q]); q++)
        if (staff_word_at(f, n, q) || word_at(f, n, q, means, sizeof means / sizeof *means))
            return 1;
    return 0;
}

static qs_rc topic_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const demo[] = {"这家", "那家", "这个", "那个"};
    /* what a business does to its customer, right after its name at the
     * very start of a text (蓝鲸卖的…, 小满家让我…, 德顺给我车做的…), or
     * how it left them (水韵天成关门了, 颜如玉改名字了) */
    static const char *const acts[] = {"卖的", "卖给", "卖我", "给我", "让我", "把我", "收了", "收我", "拍的",
                                       "做的", "装的", "没有营业执照", "无照", "押金", "骗", "坑", "收银员",
                                       "店员", "服务员", "技师", "老板", "关门", "跑路", "倒闭", "搬走", "停业", "闭店",
                                       "改名", "更名", "卷钱", "那帮人", "那几个人", "那伙人", "那些人", "派来", "派的"};
    static const char *const app[] = {"小程序", "app", "公众号", "官网", "网站"};
    static const char *const sells[] = {
        "外卖", "导游", "包房", "包间", "私教", "课程", "会员", "积分", "菜单", "菜品", "套餐", "售后", "客服",
        "产品", "商品", "订单", "工作人员", "员工", "店员", "店长", "老板", "经理", "师傅", "技师", "教练",
        "销售", "导购", "前台", "服务员", "骑手", "配送", "门店", "分店", "优惠券", "年卡", "月卡", "次卡",
        "充值卡", "储值卡", "会员卡", "预付卡", "退款", "广告", "活动", "东西", "衣服", "鞋", "奶茶", "饭菜",
        "蛋糕", "面包", "理发师", "美容师", "业务员", "装修队", "工人", "老师", "顾问", "美容顾问", "保安",
        "收银员", "营业员", "网课", "包厢", "医生", "司机", "主播", "上门", "安装", "招牌", "小程序", "公众号",
        "官网", "网站", "美甲师", "设计师", "店主", "团长", "发型师", "摄影师", "化妆师", "按摩师", "秤",
        "锅底", "价目表", "标价", "果切", "滑梯", "更衣柜", "衣柜", "样片", "关东煮", "包子", "中介", "司仪",
        "代购", "牙医", "tony", "托尼"};
        /* the first characters of the acts and sells words, tested before them */
    static const char acts_first[] = "卖给让把收拍做装没无押骗坑店服技老关跑倒搬停闭改更卷那派";
    static const char sells_first[] = "外导包私课会积菜套售客产商订工员店老经师技教销前服骑配门分优年月次充储预退广活东衣鞋奶饭蛋面理美业装顾保收营网医司主上安招小公官设团发摄化按秤锅价标果滑更样关包中代牙t托";
    const int32_t *f = mc->f;
    size_t lead = opener_end(mc, n);
    for (size_t s = 0; s + 2 < n; s++) {
        /* the tight scan first: most characters are inside a clause */
        if (s > 0 && s + 2 < n) {
            const uint8_t *z = memchr(mc->name_ok + s - 1, 0, n - 2 - s);
            s = z ? (size_t)(z - mc->name_ok) + 1 : n - 2;
        }
        if (s + 2 >= n)
            break;
        if (s > 0) {
            int32_t c = f[s - 1];
            if (!(c == 0xFF0C || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == ',' ||
                  c == '.' || c == '!' || c == '?' || c == ';' || c == ' ' || c == '\n' || c == 0x3001 ||
                  c == 0xFF1A || c == ':' || c == 0x2026))
                continue;
        }
        /* a stop word inside a longer token (孩子|王 read as 孩子王) does not stop it */
#define TOPIC_STOP(q) (mc->stop_at[q] && (!tb || tb[(q) + (size_t)LEN(MC_STOP, q)]))
        if (!mc->name_ok[s] && !is_digit(f[s]))
            continue;
        /* a number opens a name only before its branch in brackets
         * (1點點(二七万达店), 一碗酸菜鱼（万象城店）) */
        int numbered = is_digit(f[s]) || (TOPIC_STOP(s) && is_numeral(f[s]));
        if (numbered) {
            size_t o = s + 1;
            while (o < n && o - s <= 8 && (mc->name_ok[o] || is_digit(f[o]) || is_han(f[o])) && !is_open(f[o]))
                o++;
            if (!(o < n && is_open(f[o]) && o - s >= 2 && shop_bracket(f, n, o)))
                continue;
        }
        if ((TOPIC_STOP(s) && !numbered) || LEN(MC_COREF, s) || LEN(MC_PLAT, s))
            continue;
        size_t k = s, end = 0, pick = 0, bracket = 0, stop_last = 0;
        int sold_after = 0; /* ended by the text-start rule of 的 and what was sold */
        int sold_by = 0;    /* ended by 卖的, 卖给 or 卖我 at the text's start */
        size_t most = is_latin(f[s]) ? 20 : 8; /* a Latin name counts its letters */
        while (k < n && k - s <= most && (mc->name_ok[k] || is_open(f[k]) || (numbered && (is_digit(f[k]) || is_han(f[k]))))) {
            /* 力美|的: a brand read across the name's end (美的) */
            int de_split = tb && f[k] == 0x7684 && !tb[k] && k >= s + 2 && tb[k - 1] && tb[k + 1] &&
                           LEN(MC_BRAND, k - 1) == 2 && !plain_tokens(mc, s, k - 1, tb, 0);
            if (k - s >= 2 && (!tb || tb[k] || de_split)) {
                int32_t c0 = f[k];
                /* 海豚这个游泳馆: 这个 before the kind of business (翠竹路上
                 * 那个麻将馆: a place is where it is) */
                if ((c0 == 0x8FD9 /* 这 */ || c0 == 0x90A3 /* 那 */) &&
                    !in_set("路街巷道镇村区上里边旁", f[k - 1]))
                    for (size_t w = 0; w < sizeof demo / sizeof *demo && !end; w++)
                        if (has_at(f, n, k, demo[w]) && k + 2 < n &&
                            (anchor_len(mc, k + 2) ||
                             /* 伊兰清真那个胖服务员, 电驴充那个充电桩: at the
                              * text's start, a name pointed at, not a word
                              * of the language */
                             (s == lead && k - s <= 6 && people_or_means(f, n, k + 2) && !everyday(mc, f + s, k - s) &&
                              !common_word(mc, s, k) && tb && !plain_tokens(mc, s, k, tb, 1) && plain_run(mc, s, k) &&
                              !judges(f, s, k) && !LEN(MC_REGION, s) && !in_set("我你他她咱俺您这那上去昨今前", f[s]))))
                            end = k;
                if (c0 == 0x5C0F /* 小 */ || c0 == 'a' || c0 == 0x516C /* 公 */ || c0 == 0x5B98 /* 官 */ ||
                    c0 == 0x7F51 /* 网 */)
                    for (size_t w = 0; w < sizeof app / sizeof *app && !end; w++)
                        if (has_at(f, n, k, app[w]))
                            end = k;
                /* (冰箱里的东西, 车上的东西: a place in a thing, not a seller) */
                /* (会员账号显示的配送费: five characters or more of words
                 * of the language are a clause, not a seller) */
                if (!end && de_char(f[k]) && k + 1 < n && in_set(sells_first, f[k + 1]) &&
                    !(in_set("里上内中", f[k - 1]) && dict_words(mc, s, k - 1)) &&
                    !(k - s >= 5 && dict_words(mc, s, k)))
                    if (word_at(f, n, k + 1, sells, sizeof sells / sizeof *sells))
                        end = k;
                /* 小黄鸭家的微信, 脐橙妹妹家的橙子: a seller called by name and 家
                 * (人家的, 大家的, 老家的 are words of the language) */
                if (!end && f[k] == 0x5BB6 /* 家 */ && k + 1 < n && de_char(f[k + 1]) && k - s >= 3 &&
                    mc->logp && mc->logp(mc->logp_arg, f + s, k - s) > 0 && plain_run(mc, s, k) && !judges(f, s, k))
                    end = f[k - 1] == 0x4E4B /* 之 */ ? k + 1 : k; /* 候鸟之家的食堂: 之家 is the name's */
                /* 小树苗的早教课, 金鼎的健身卡: a course or card of a trade */
                if (!end && de_char(f[k]) && k + 1 < n) {
                    size_t L = (size_t)imax(LEN(MC_IND, k + 1), LEN(MC_INDW, k + 1));
                    if (L && k + 1 + L < n && in_set("课班卡券", f[k + 1 + L]))
                        end = k;
                }
                /* 知墨的暑期班, 刘二娃的烤脑花, 迷城的DM: at the very start of a text, a
                 * run of two to four characters that is no word or words of
                 * the language, then 的 and what it sold */
                if (!end && s == lead && de_char(f[k]) && k - s >= 2 && k - s <= 4 && k + 1 < n && is_han(f[k + 1]) && !dict_words(mc, s, k) &&
                    mc->logp && mc->logp(mc->logp_arg, f + s, k - s) > 0 && plain_run(mc, s, k) &&
                    !plain_tokens(mc, s, k, tb, 0) && !judges(f, s, k)) {
                    /* …not a person (谢晋的, 刘霞的: a surname and a given
                     * name), a room or a building (房间小的, 副楼的), a
                     * clause of time (合上时的), an adverb's sentence (刚洗的,
                     * 本机最大的), goods judged (码数小的) nor a dish */
                    /* two characters only before the business's people or
                     * shop (迷城的DM, 刘嫂的店, 尕娃的面馆): 刚收的货, 龟速的物流
                     * and 微辣的黄焖鸡 say how, not who */
                    int ok = !in_set("时后前里上", f[k - 1]) && tb &&
                             (k - s > 2 || staff_follows(f, n, k) || has_at(f, n, k + 1, "店") ||
                              has_at(f, n, k + 1, "DM") || has_at(f, n, k + 1, "医生") ||
                              has_at(f, n, k + 1, "设计师") || LEN(MC_SHOP, k + 1)) &&
                             !(tb[s + 1] && in_set("刚才就都也还又很太最真再已先", f[s])) &&
                             !(tb[k - 1] && in_set("小大薄厚贵差慢快多少好坏掉长短高低重轻旧新咸淡辣甜酸苦硬软渣痒臭腥", f[k - 1])) &&
                             !in_set("饭面粉汤丸饺包饼肉鱼虾鸡鸭鹅糕奶粥串锅蟹煲丝蛋菜茶乐子盖板", f[k - 1]);
                    for (size_t q = s; q < k && ok; q++)
                        ok = is_han(f[q]) && !LEN(MC_REGION, q) && !in_set("房楼店间层最很太更都也", f[q]);
                    /* (马三爷的面, 刘二娃的烤脑花: a surname, a rank and kin
                     * style a shop, not a person) */
                    int ranked = (k - s == 3 && in_set("大二三四五六七八九老小", f[s + 1]) && in_set("爷姐哥叔嫂婆娃妹", f[s + 2])) ||
                                 (k - s == 2 && in_set("嫂婆娃", f[s + 1])); /* 刘嫂的店 */
                    if (ok && k - s <= 3 && !ranked)
                        ok = !kplain_is(mc->lx, f + s, 1, KPLAIN_SURNAME);
                    if (ok)
                        end = k;
                    sold_after = ok;
                }
                /* 悦颜在美团上宣传…, 苗银阁在携程刷好评: what opens a clause
                 * and acts on a platform sells there, unless it is a word
                 * of the language (老公在淘宝上, 昨天在京东) */
                if (!end && c0 == 0x5728 /* 在 */ && k + 1 < n && LEN(MC_PLAT, k + 1) && k - s <= 4 &&
                    !dict_words(mc, s, k) && mc->logp && mc->logp(mc->logp_arg, f + s, k - s) > 0 &&
                    plain_run(mc, s, k) && !plain_tokens(mc, s, k, tb, 0) && !judges(f, s, k))
                    end = k;
                if (s == lead && !end && in_set(acts_first, c0))
                    for (size_t w = 0; w < sizeof acts / sizeof *acts && !end; w++)
                        if (has_at(f, n, k, acts[w])) {
                            end = k;
                            sold_by = c0 == 0x5356 /* 卖 */;
                        }
                /* 新奥燃气上个月…, 飞鱼宽带天天断网: a 字号 and an everyday trade
                 * word as the subject, the clause going on with a time, an
                 * adverb or a verb */
                if (!end && tb && k - s >= 4 && weak_trade_subject(mc, s, k, n, tb))
                    end = k;
            }
            /* 炉火记（万达店）…: a branch in brackets after the name */
            if (!end && k - s >= 2 && is_open(f[k]) && (bracket = shop_bracket(f, n, k)) != 0)
                end = k;
            if (end || de_char(f[k]))
                break;
            /* 喜乐多的保安, 孩子王的会员: a one-character stop word closing
             * the run before 的 and what a business has is its last character */
            if (k > s && TOPIC_STOP(k)) {
                int last = k - s >= 2 && LEN(MC_STOP, k) == 1 && k + 1 < n && f[k + 1] == 0x7684 && k + 2 < n &&
                           in_set(sells_first, f[k + 2]);
                for (size_t w = 0; w < sizeof sells / sizeof *sells && last; w++)
                    if (has_at(f, n, k + 2, sells[w])) {
                        end = k + 1;
                        stop_last = 1;
                        break;
                    }
                break;
            }
            k++;
        }
        /* 诚信二手车 调表车…, 清泉净水 卖的净水器…: a short post opening with
         * a 字号 and its trade set off by a space (物流极差 and 酒店很旧 open
         * with the trade word, 玩游戏 has no 字号, 手机太差 judges the goods) */
        if (!end && s == 0 && k < n && k - s >= 2 && k - s <= 7 && (f[k] == ' ' || f[k] == 0x3000) &&
            k + 1 < n && (mc->name_ok[k + 1] || de_char(f[k + 1]))) {
            int trade = 0, han = 1;
            for (size_t q = s + 2; q < k && !trade; q++)
                trade = (size_t)anchor_len(mc, q) + q == k;
            for (size_t q = s; q < k; q++)
                han &= is_han(f[q]);
            if (trade && han && !judges(f, s, k))
                end = k;
            /* 名剪 Tony老师剪个头…, 伊美 美容师手法粗暴: a bare name of no word,
             * then its staff */
            static const char *const staff[] = {"老师", "美容师", "理发师", "发型师", "技师", "教练", "导游",
                                                "店员", "服务员", "老板", "师傅", "医生", "客服", "tony", "Tony"};
            size_t at = k + 1;
            while (at < n && at < k + 6 && is_latin(f[at]))
                at++; /* Tony老师 */
            if (!end && han && k - s <= 4 && (word_at(f, n, k + 1, staff, sizeof staff / sizeof *staff) ||
                                              (at > k + 1 && word_at(f, n, at, staff, sizeof staff / sizeof *staff))) &&
                mc->logp && mc->logp(mc->logp_arg, f + s, k - s) > 0 && !dict_words(mc, s, k) && !judges(f, s, k))
                end = k;
        }
        pick = end;
        /* 电信天天给我打电话: how often it did so is no part of the name */
        for (size_t w = 0; pick >= s + 4 && w < sizeof often_words / sizeof *often_words; w++)
            if (ends_at(f, pick, often_words[w]))
                pick -= 2;
        if (!pick || pick - s > most)
            continue;
        int bad = 0;
        for (size_t q = s; q < pick && !bad; q++)
            bad = LEN(MC_NONM, q) || LEN(MC_COREF, q) || (q > s && TOPIC_STOP(q) && !(stop_last && q + 1 == pick)) ||
                  LEN(MC_CUEPOST, q) ||
                  (size_t)LEN(MC_REGION, q) == pick - q;
        /* 楚河路那个网吧: a road is where the business is */
        bad |= pick - s >= 3 && in_set("路街巷", f[pick - 1]);
        /* 结账时一盘大盘鸡, 两碗热干面: a count of servings is what was
         * served, not a name (一碗酸菜鱼（万象城店） is one, by its branch) */
        for (size_t q = s; q + 1 < pick && !bad && !bracket; q++)
            bad = serving_count(f, q);
        /* 团长丽丽卖的: the leader's name alone is the seller (group_leaders) */
        bad |= has_at(f, n, s, "团长");
        /* 退房时|押金不退, 结账时|…: a word and 时 are a time in the clause */
        bad |= pick - s >= 3 && f[pick - 1] == 0x65F6 /* 时 */ && tb && tb[pick - 1] && token_end(tb, s, pick) == pick - 1;
        /* 拿到|酒店的前台: a frequent verb and a bare trade or shop word
         * are the clause (鼓励|保险公司 in the trade-word pass) */
        for (size_t q = s + 2; q + 2 <= pick && pick - q <= 3 && q <= s + 3 && !bad && tb; q++)
            for (size_t r = q; r < pick && !bad; r++)
                bad = tb[q] && (size_t)anchor_len(mc, r) + r == pick && plain_word(mc, s, q) == PLAIN_WHOLE;
        /* 千万别选择|这家酒店, 两年前|的东西: verbs, adverbs, times and
         * numbers only are the sentence, not a name */
        if (bad || (!bracket && (everyday(mc, f + s, pick - s) || only_generic(mc, s, pick) ||
                                 clause_lead(mc, tb, s, pick) || (tb && all_plain(mc, s, pick, tb)))))
            continue;
        /* a person (小王的老板) is not a business: two Han characters led by
         * 小/老/阿 name one */
        if (pick - s == 2 && (f[s] == 0x5C0F || f[s] == 0x8001 || f[s] == 0x963F))
            continue;
        /* 快递员, 理发师, 东北大哥: a person by trade or kinship; a name
         * that is no word and no surname's, styled as kin, is a shop's
         * (辣九爷的毛肚, 兔大爷的兔头) */
        static const char persons[] = "员师工人哥姐叔姨婆爷妈爸生";
        int person = 0;
        for (size_t pk = 0, pl = sizeof persons - 1; pk < pl && !person;) {
            UChar32 u;
            U8_NEXT(persons, pk, pl, u);
            person = f[pick - 1] == u;
        }
        /* 红姐卖的大米, 张二姐卖给我的: one called by kin who sells is a seller */
        if (person && !((sold_after || sold_by) && kin_char(f[pick - 1])))
            continue;
        /* KFC 疯狂星期四的套餐: after a brand set off by a space, its offer */
        int taken = 0;
        for (size_t c = 0; c < mc->n_cands && !taken; c++)
            taken = (mc->cands[c].s < (int32_t)pick && (int32_t)s < mc->cands[c].e) ||
                    (mc->cands[c].kind == MERCH_BRAND && s >= 1 && f[s - 1] == ' ' && mc->cands[c].e + 1 == (int32_t)s);
        if (taken)
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, pick - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        if (bracket) {
            /* the branch in the brackets is no business of its own */
            drop_cands(mc, pick, bracket);
            pick = bracket;
        }
        qs_rc rc = add_cand(mc, (cand){(int32_t)s, (int32_t)pick, MERCH_CUE, sec, 0.7, -1}, err);
        if (rc != QS_OK)
            return rc;
        s = pick;
    }
#undef TOPIC_STOP
    return QS_OK;
}

static int clause_mark(int32_t c)
{
    return c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == 0xFF01 || c == 0xFF1F || c == ',' || c == ';' ||
           c == '!' || c == '?';
}

/* A brand is the goods, not the seller, when the clause has named where
 * they were bought or looked for first (在淘宝购买的“耐克”运动鞋, 在好又多
 * 超市买了一袋“旺旺雪饼”, 拼多多上搜“海尔”), or when it is called a brand
 * or what was bought (该车为“雅迪”品牌, 买的是X的沙发). */
static int same_business(const char *a, const char *b);

static int service_sector(tax_sector s);

static void mark_goods(const merch_ctx *mc, merch_mention *ms, size_t nm, const int32_t *f, size_t n)
{
    static const char *const buy[] = {"买", "购", "搜", "订", "下单", "点", "拍", "抢"};
    for (size_t i = 0; i < nm; i++) {
        if (ms[i].kind == MERCH_PLATFORM || ms[i].kind == MERCH_REGISTRY)
            continue;
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        size_t q = e + (e < n && close_quote(f[e]));
        if (has_at(f, n, q, "品牌") || (has_at(f, n, q, "牌") && !has_at(f, n, q, "牌子店")) ||
            ends_at(f, s, "买的是")) {
            ms[i].goods = 1;
            continue;
        }
        /* 桶身印有青岛啤酒标志, 鸿运烟酒卖嘞茅台: a brand printed on the
         * goods, or what a shop named right before sells */
        if (ms[i].kind == MERCH_BRAND && !service_sector(ms[i].sector) && s >= 2) {
            size_t v = s - (in_set("的嘞了", f[s - 1]) && f[s - 2] == 0x5356 /* 卖 */);
            int printed = in_set("印标贴", f[s - 2]) && in_set("有着", f[s - 1]);
            int sold = i > 0 && f[v - 1] == 0x5356 /* 卖 */ && (size_t)ms[i - 1].end + 1 == v &&
                       (ms[i - 1].kind == MERCH_NAME || ms[i - 1].kind == MERCH_CUE) && !ms[i - 1].goods;
            if (printed || sold) {
                ms[i].goods = 1;
                continue;
            }
        }
        /* 商家“老碗米线”…点的肠旺米线, 在一点点买的波霸奶茶: after a shop
         * already named, what was ordered, eaten, drunk or bought is the goods */
        if (s >= 2 && (f[s - 1] == 0x7684 /* 的 */ || f[s - 1] == 0x4E86 /* 了 */) &&
            (f[s - 2] == 0x70B9 /* 点 */ || f[s - 2] == 0x5403 /* 吃 */ || f[s - 2] == 0x559D /* 喝 */ ||
             f[s - 2] == 0x4E70 /* 买 */)) {
            for (size_t j = 0; j < i && !ms[i].goods; j++)
                ms[i].goods = ms[j].kind != MERCH_PLATFORM && !ms[j].goods && !ms[j].landmark &&
                              !same_business(ms[j].key, ms[i].key);
            if (ms[i].goods)
                continue;
        }
        /* 点了虾霸天的蒜蓉小龙虾: what was ordered from a shop named right
         * before it and 的 */
        if (s >= 1 && f[s - 1] == 0x7684 /* 的 */) {
            for (size_t j = 0; j < i && !ms[i].goods; j++) {
                size_t js = (size_t)ms[j].start;
                ms[i].goods = (size_t)ms[j].end + 1 == s && ms[j].kind != MERCH_PLATFORM && js >= 2 &&
                              (in_set("点吃喝买订", f[js - 1]) ||
                               (f[js - 1] == 0x4E86 /* 了 */ && in_set("点吃喝买订", f[js - 2])));
            }
            if (ms[i].goods)
                continue;
        }
        /* 比亚迪授权经销商“湘比汽车”: the make a dealer is licensed for */
        if (ms[i].kind == MERCH_BRAND && (has_at(f, n, q, "授权") || has_at(f, n, q, "特约"))) {
            ms[i].goods = 1;
            continue;
        }
        /* a hotel, a restaurant or a carrier booked on a platform is the
         * seller, and so is a brand's own shop (X旗舰店, X营业厅) */
        tax_sector sc = ms[i].sector;
        if (ms[i].kind != MERCH_BRAND || sc == SECTOR_CATERING || sc == SECTOR_TRAVEL || sc == SECTOR_FITNESS ||
            sc == SECTOR_BEAUTY || sc == SECTOR_EDUCATION || sc == SECTOR_SERVICES || sc == SECTOR_TELECOM ||
            (size_t)LEN(MC_BRAND, s) < e - s)
            continue;
        /* 手机是OPPO的, 买的茅台是假货: named as the goods where it stands */
        if (ms[i].conf < 0.5) {
            ms[i].goods = 1;
            continue;
        }
        /* 在县城一家药店购买云南白药…, 在村口小卖部买了一箱娃哈哈: bought in a
         * shop the text names by its kind only, the brand is the goods */
        for (size_t k = s >= 24 ? s - 24 : 0; k + 3 < s && !ms[i].goods; k++) {
            if (f[k] != 0x5728 /* 在 */)
                continue;
            size_t shop_end = 0, bought = 0, clause = 0;
            for (size_t p = k + 1; p < s && !clause; p++) {
                clause = clause_mark(f[p]);
                if (!shop_end && (in_set("店部铺摊", f[p]) || has_at(f, n, p, "超市") || has_at(f, n, p, "药房")))
                    shop_end = p + 1;
                for (size_t w = 0; shop_end && w < sizeof buy / sizeof *buy && !bought; w++)
                    bought = p >= shop_end && has_at(f, n, p, buy[w]);
            }
            int named = 0;
            for (size_t j = 0; j < nm && !named; j++)
                named = j != i && ms[j].start > (int32_t)k && ms[j].start < (int32_t)s;
            ms[i].goods = !clause && shop_end && bought && !named ? 2 : 0;
        }
        if (ms[i].goods)
            continue;
        for (size_t j = i; j-- > 0 && !ms[i].goods;) {
            if (ms[j].goods || ms[j].landmark)
                continue;
            size_t js = (size_t)ms[j].start, je = (size_t)ms[j].end;
            int clause = 1;
            for (size_t k = je; k < s && clause; k++)
                clause = !clause_mark(f[k]);
            if (!clause)
                break;
            /* the place of purchase: 在/从 X, or X上/里 */
            int place = (js > 0 && (f[js - 1] == 0x5728 /* 在 */ || f[js - 1] == 0x4ECE /* 从 */)) ||
                        (je < n && (f[je] == 0x4E0A /* 上 */ || f[je] == 0x91CC /* 里 */));
            int bought = 0;
            for (size_t k = je; k < s && !bought; k++)
                for (size_t w = 0; w < sizeof buy / sizeof *buy && !bought; w++)
                    bought = has_at(f, n, k, buy[w]);
            ms[i].goods = place && bought;
        }
    }
}

/* A business that changed its name, or gives its registered name in
 * brackets, is one business: 动力健身，后来改名叫型动健身;
 * 型动健身（原名动力健身）; 蓝湾口腔…，现门诊部已更名为“皓齿口腔”. A mention
 * right after words saying so (a few characters before it, after the
 * previous mention) is linked to the previous one. */
static void mark_renames(merch_mention *ms, size_t nm, const int32_t *f, size_t n)
{
    static const char *const said[] = {"改名", "更名", "改叫", "换名", "换了名", "换了个名", "改了名", "改了个名",
                                       "原名", "原来叫", "以前叫", "之前叫", "前身是", "前身为", "现名", "现在叫",
                                       "（原", "(原", "原来的", "原先的", "以前的"};
    for (size_t j = 1; j < nm; j++) {
        size_t a = (size_t)ms[j - 1].end, b = (size_t)ms[j].start;
        if (b < a || b - a > 40 || strcmp(ms[j - 1].key, ms[j].key) == 0)
            continue;
        int linked = 0;
        for (size_t k = b - a > 8 ? b - 8 : a; k < b && !linked; k++) {
            /* most positions open none of the words: word_at tells so
             * before they are tried one by one */
            if (!word_at(f, n, k, said, sizeof said / sizeof *said))
                continue;
            for (size_t w = 0; w < sizeof said / sizeof *said && !linked; w++) {
                /* the word first (most fail at its first byte), then where it
                 * ends: 更名为“X”, 原名X: at most 为/叫/成 and a quote between */
                if (!has_at(f, n, k, said[w]))
                    continue;
                size_t e = k + utf8_cp_count(said[w]);
                linked = e <= b && b - e <= 2;
            }
        }
        /* 宝泽汽车（上海沪东宝泽汽车销售服务有限公司）: the registered name of
         * the business just named, in brackets right after it */
        linked |= b == a + 1 && (f[a] == 0xFF08 || f[a] == '(') && (size_t)ms[j].end < n &&
                  (f[ms[j].end] == 0xFF09 || f[ms[j].end] == ')') && ms[j].end - ms[j].start >= 6;
        if (linked)
            ms[j].renames = (int32_t)j; /* 1 + (j - 1) */
    }
}

#define SPAN_CANDS 96 /* candidate spans scored per text, at most */

static int cmp_span_score(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    return a->conf < b->conf ? 1 : a->conf > b->conf ? -1 : a->s - b->s;
}

/* [s, e) ends inside a dictionary word that runs on past e. */
static int ends_in_word(const merch_ctx *mc, size_t s, size_t e, size_t n, const uint8_t *tb)
{
    if (e >= n || tb[e] || !mc->logp)
        return 0;
    size_t ts = e - 1, te = e + 1;
    while (ts > s && !tb[ts])
        ts--;
    while (te < n && !tb[te])
        te++;
    return mc->logp(mc->logp_arg, mc->f + ts, te - ts) <= 0;
}

/* [s, k), the object of a complaint, could be a business: no stop,
 * pointer, place or platform word, no word of everyday speech or verbs
 * alone, no 小/老/阿 and one character (a person) */
static int complained_object(const merch_ctx *mc, const uint8_t *tb, size_t s, size_t k)
{
    const int32_t *f = mc->f;
    for (size_t q = s; q < k; q++)
        if (mc->stop_at[q] || LEN(MC_NONM, q) || LEN(MC_COREF, q) || LEN(MC_CUEPOST, q) ||
            (size_t)LEN(MC_REGION, q) == k - q)
            return 0;
    return !(LEN(MC_PLAT, s) || everyday(mc, f + s, k - s) || only_generic(mc, s, k) || clause_lead(mc, tb, s, k) ||
             all_plain(mc, s, k, tb) || (k - s == 2 && in_set("小老阿", f[s])));
}

/* 投诉365便利，…, 我要举报鑫源。…: the object of a complaint or a report,
 * standing alone before the clause ends, is the business complained of
 * however bare, as is the one whose problem a caller reports (反映X的问题).
 * Not a pronoun, a kind (投诉物业), a phrase (投诉无门) or a person
 * (投诉老李). */
static qs_rc complained_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i + 4 < n; i++) {
        /* the tight scan for 投, 举 or 反 first */
        if ((i = cps_find3(f, i, n - 4, 0x6295, 0x4E3E, 0x53CD)) + 4 >= n)
            break;
        size_t s = i + 2, k = s;
        if (f[i] == 0x53CD /* 反 */) {
            /* 反映润辉直播的问题, 反映康乐养生馆的情况: whose problem the
             * caller reports (an operator's summary) */
            if (f[i + 1] != 0x6620 /* 映 */)
                continue;
            while (k < n && k - s <= 8 && (mc->name_ok[k] || is_latin(f[k])) && f[k] != 0x7684 /* 的 */)
                k++;
            if (k + 3 > n || k - s < 2 || k - s > 8 || f[k] != 0x7684 ||
                !(has_at(f, n, k + 1, "问题") || has_at(f, n, k + 1, "情况")))
                continue;
            /* 反映饮品中有异物的问题: a clause, no name */
            int clause = !tb || !tb[s] || !tb[k] || plain_tokens(mc, s, k, tb, 1) || common_word(mc, s, k);
            for (size_t q = s; q < k && !clause; q++)
                clause = in_set("有是在被把没不了过中里", f[q]);
            if (clause)
                continue;
        } else {
            if (!(f[i] == 0x6295 && f[i + 1] == 0x8BC9) && !(f[i] == 0x4E3E && f[i + 1] == 0x62A5)) /* 投诉 举报 */
                continue;
            if (!(i == 0 || clause_mark(f[i - 1]) || f[i - 1] == 0xFF1A || f[i - 1] == ':' || f[i - 1] == ' ' ||
                  in_set("要想", f[i - 1])))
                continue;
            while (k < n && k - s <= 8 && (mc->name_ok[k] || is_digit(f[k]) || is_latin(f[k])) &&
                   f[k] != 0x7684 /* 的 */)
                k++;
            /* 投诉事由：, 举报内容： are labels: a colon closes the object only
             * when it is no word of the language (投诉筑美家装：) */
            int colon = k < n && (f[k] == 0xFF1A || f[k] == ':') && k - s >= 3 && f[s] != 0x4EBA /* 投诉人 */ &&
                        !dict_words(mc, s, k);
            if (k >= n || k - s < 2 || k - s > 8 || !(clause_mark(f[k]) || colon))
                continue;
            /* 投诉无门: a set phrase */
            if (mc->logp && mc->logp(mc->logp_arg, f + i, k - i) <= 0)
                continue;
        }
        if (!complained_object(mc, tb, s, k))
            continue;
        int added;
        qs_rc rc = add_free_cand(mc, s, k, MERCH_CUE, 0.7, &added, err);
        if (rc != QS_OK)
            return rc;
        if (added)
            i = k;
    }
    return QS_OK;
}

/* A verb of buying or of a service starts at k (cue_post), or 聚餐
 * standing as a word of its own (no cue word: names hold it, 安聚餐厅). */
static int visit_verb(const merch_ctx *mc, size_t k, size_t n, const uint8_t *tb)
{
    return LEN(MC_CUEPOST, k) || (k + 2 <= n && tb[k + 2] && has_at(mc->f, n, k, "聚餐"));
}

/* 在慧学堂|给孩子报名: 给, 为 or 帮 standing alone, then whom it was for
 * and a verb of buying or of a service (visit_verb) within four characters */
static int benefactive(const merch_ctx *mc, size_t k, size_t n, const uint8_t *tb)
{
    if (k + 2 >= n || !tb[k] || !tb[k + 1] || !in_set("给为帮替", mc->f[k]))
        return 0;
    for (size_t v = k + 2; v <= k + 5 && v < n; v++)
        if (tb[v] && visit_verb(mc, v, n, tb))
            return 1;
    return 0;
}

/* The text tells of a stay (酒店, 宾馆, 入住 …) and not of a visit to a
 * scenic area (门票, 游玩, 索道 …). */
static int about_stay(const int32_t *f, size_t n)
{
    static const char *const stay[] = {"酒店", "宾馆", "客栈", "民宿", "入住", "住店"};
    static const char *const visit[] = {"门票", "售票", "游玩", "游客", "观光车", "索道", "景区内"};
    int stays = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        for (size_t w = 0; w < sizeof visit / sizeof *visit; w++)
            if (has_at(f, n, i, visit[w]))
                return 0;
        for (size_t w = 0; w < sizeof stay / sizeof *stay && !stays; w++)
            stays = has_at(f, n, i, stay[w]);
    }
    return stays;
}

/* 在老张家聚餐, 在小李家吃饭: a person's home, not a shop */
static int persons_home(const int32_t *f, size_t s, size_t e)
{
    return e - s <= 3 && f[e - 1] == 0x5BB6 /* 家 */ && (e - s == 2 || in_set("老小阿", f[s]));
}

/* 筑美的设计师收了…, 剪刀手的托尼老师…: a post that opens with a bare name
 * and one of its people names the business whose staff they are; so does a
 * bare name set off by a space, as chat-like posts name the shop first
 * (梵音 瑜伽 停了, 松鹤堂 天天在村口发鸡蛋). The name is two to four
 * characters (five before a space) of no word of the language (送餐的师傅,
 * 酒店的前台 are about a service or a place), no person's or place's word,
 * and no verdict (差评 …, 好卡 …). */
static qs_rc staffed_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const people[] = {"设计师", "司仪", "理发师", "发型师", "美容师", "技师", "摄影师",
                                         "化妆师", "托尼老师", "tony老师", "老板娘", "店主", "厨师"};
    const int32_t *f = mc->f;
    size_t s = 0;
    while (s < n && (f[s] == ' ' || f[s] == 0x3000))
        s++;
    size_t k = s;
    while (k < n && k - s <= 5 && is_han(f[k]) && mc->name_ok[k] && f[k] != 0x7684 /* 的 */)
        k++;
    int spaced = k < n && (f[k] == ' ' || f[k] == 0x3000);
    if (k >= n || k - s < 2 || k - s > (spaced ? 5 : 4) || (f[k] != 0x7684 && !spaced) || !tb[s] || !tb[k])
        return QS_OK;
    int staff = spaced || staff_follows(f, n, k);
    for (size_t w = 0; w < sizeof people / sizeof *people && !staff; w++)
        staff = has_at(f, n, k + 1, people[w]);
    if (!staff)
        return QS_OK;
    for (size_t q = s; q < k; q++)
        if (LEN(MC_STOP, q) || LEN(MC_NONM, q) || LEN(MC_COREF, q) || LEN(MC_REGION, q) || LEN(MC_CUEPOST, q))
            return QS_OK;
    /* set off by a space, a name may be made of words (長安印象, 学霸帮) but
     * is no single word of the language (火龙果 …) and holds no word of the
     * commonest (设施|老旧, 质量|有问题) */
    float whole = mc->logp ? mc->logp(mc->logp_arg, f + s, k - s) : 1.0f;
    if (everyday(mc, f + s, k - s) || only_generic(mc, s, k) || all_plain(mc, s, k, tb) ||
        (spaced ? whole <= 0 && whole > -16.0f : dict_words(mc, s, k)) || plain_tokens(mc, s, k, tb, 0) ||
        in_set("差坏烂脏贵慢快少多小大咸淡薄厚重们版低高好点旧", f[k - 1]) || in_set("好太很超真挺巨贼特", f[s]))
        return QS_OK;
    /* 差评 …, 坑货 …, 旧旧旧旧 …: a verdict opening a post, not a name */
    for (size_t q = s; q < k; q++)
        if (in_set("差坑烂渣圾屎骗坏破臭废烦脏丑错假无", f[q]) || (q > s && f[q] == f[q - 1]))
            return QS_OK;
    /* 质量|差的老板: a common word in it makes it a sentence */
    for (size_t p = s, q; p < k; p = q) {
        q = token_end(tb, p, k);
        float lp = q - p >= 2 && mc->logp ? mc->logp(mc->logp_arg, f + p, q - p) : 1.0f;
        if (lp <= 0 && lp > (spaced ? -10.5f : -13.0f))
            return QS_OK;
    }
    return add_free_cand(mc, s, k, MERCH_CUE, 0.6, NULL, err);
}

/* A word for a kind of seller or person, no seller's name, at f[s]
 * (微商, 卖家, 老板, 朋友, 客服, 小贩, 网上 …). */
static int seller_kind(const int32_t *f, size_t n, size_t s)
{
    static const char *const kinds[] = {"微商", "代购", "卖家", "商家", "老板", "朋友", "宝妈", "团长", "客服",
                                        "店家", "邻居", "同事", "亲戚", "别人", "对方", "人家", "他们", "她们",
                                        "快递", "师傅", "大家", "家里", "网上", "群里", "群主", "一个", "那个",
                                        "外面", "路边", "小贩", "摊贩"};
    return word_at(f, n, s, kinds, sizeof kinds / sizeof *kinds) != 0;
}

/* 朋友圈卖姜的姜老汉, 朋友圈卖椰子嘅阿妹, 在朋友圈跟刘淑芬买的: a seller
 * of WeChat moments named after what it sells or before what was bought.
 * The name is two to four Han characters that end at a word's end and are
 * no word for a kind of seller (微商, 代购, 卖家 …). */
static qs_rc moments_sellers(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = cps_find(f, i, n, 0x670B /* 朋 */)) + 4 < n; i++) {
        if (!has_at(f, n, i, "朋友圈"))
            continue;
        size_t j = i + 3 + (in_set("里上", f[i + 3]));
        size_t s = 0, e = 0;
        if (f[j] == 0x5356 /* 卖 */) {
            size_t d = j + 1;
            while (d < n && d - j <= 7 && is_han(f[d]) && f[d] != 0x7684 /* 的 */ && f[d] != 0x5605 /* 嘅 */)
                d++;
            if (d < n && d > j + 1 && (f[d] == 0x7684 || f[d] == 0x5605))
                s = d + 1;
        } else if (f[j] == 0x8DDF /* 跟 */ || f[j] == 0x5411 /* 向 */) {
            s = j + 1;
        } else {
            /* 朋友圈鹏哥 卖菠萝蜜, 朋友圈里的李姐卖的: the seller right after it */
            s = j + (has_at(f, n, j, "的") ? 1 : 0);
        }
        if (!s)
            continue;
        int direct = f[j] != 0x5356 && f[j] != 0x8DDF && f[j] != 0x5411;
        e = s;
        while (e < n && e - s < 4 && is_han(f[e]) && mc->name_ok[e] && !mc->stop_at[e] && f[e] != 0x4E70 /* 买 */ &&
               f[e] != 0x5356 /* 卖 */)
            e++;
        /* …嘅|阿妹: the segmenter may glue the particle to the name */
        int glued = s > 0 && (f[s - 1] == 0x7684 || f[s - 1] == 0x5605);
        if (e - s < 2 || (!tb[s] && !glued) || !tb[e])
            continue;
        if (direct ? !(e < n && (f[e] == 0x5356 /* 卖 */ || (f[e] == ' ' && e + 1 < n && f[e + 1] == 0x5356))) ||
                         common_word(mc, s, e) || all_plain(mc, s, e, tb) /* 朋友圈里有人卖… */
                   : (f[j] != 0x5356 && !(e < n && f[e] == 0x4E70 /* 买 */)))
            continue;
        if (seller_kind(f, n, s) || LEN(MC_REGION, s) == (int16_t)(e - s))
            continue;
        qs_rc rc = add_free_cand(mc, s, e, MERCH_CUE, 0.7, NULL, err);
        if (rc != QS_OK)
            return rc;
    }
    return QS_OK;
}

static int cand_overlaps(const merch_ctx *mc, size_t s, size_t k, int with_platforms);

/* f[s..e) can be the shop whose owner sold (百草行老板, 珠光阁老板): two to
 * four characters ending at words' ends, its own trade word allowed, no
 * word of the language, person, place or platform. */
static int owned_shop(const merch_ctx *mc, size_t n, size_t s, size_t e, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    if (e < s + 2 || e > s + 4 || e >= n || !tb[s] || !tb[e] || in_set("我你他她它咱俺其这那该此某一在跟从向加找过", f[s]))
        return 0;
    for (size_t q = s; q < e; q++)
        if (!is_han(f[q]) || !mc->name_ok[q] || in_set("的了着过吗呢吧", f[q]) || LEN(MC_NONM, q) || LEN(MC_COREF, q) ||
            LEN(MC_PLAT, q) || (size_t)LEN(MC_REGION, q) == e - q)
            return 0;
    return !common_word(mc, s, e) && !everyday(mc, f + s, e - s) && !all_plain(mc, s, e, tb) && !only_generic(mc, s, e);
}

/* A word of buying from a seller at f[i] (买, 购买, 订, 团购, 拿货; not the
 * 购 of 采购). */
static int buys_at(const int32_t *f, size_t n, size_t i)
{
    return i < n && (f[i] == 0x4E70 /* 买 */ || has_at(f, n, i, "购买") || f[i] == 0x8BA2 /* 订 */ ||
                     has_at(f, n, i, "团购") || has_at(f, n, i, "拿货") || has_at(f, n, i, "进货"));
}

/* f[s..e) can be a seller called by what the complainant calls her (老汪,
 * 笋嫂, 韦大哥, 羊倌老马): two to four Han characters ending at words' ends,
 * no word of the language, no kind of person or seller (老板, 朋友, 客服),
 * no place, platform or trade word (those are the other passes'). */
static int seller_called(const merch_ctx *mc, size_t n, size_t s, size_t e, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    /* (老汪买了 may be read as 老|汪买|了, 花姐团购 as 花|姐团|购: the word
     * of buying glued to the name's end) */
    if (e < s + 2 || e > s + 4 || e >= n || !tb[s] || (!tb[e] && !buys_at(f, n, e)))
        return 0;
    /* 我妈, 他家, 其女儿: the complainant's own people; 多人, 在中关村: a
     * count or a place */
    if (in_set("我你他她它咱俺其多几各每某在", f[s]) || has_at(f, n, e - 1, "团购"))
        return 0;
    /* 市场上能|买到, 新再|买, 橙子一起|买: a word of the sentence inside */
    for (size_t q = s; q < e; q++)
        if ((tb[q] && tb[q + 1] && in_set("上里中能会要想可都也还就再起", f[q])) || has_at(f, n, q, "一起"))
            return 0;
    for (size_t q = s; q < e; q++)
        if (!is_han(f[q]) || !mc->name_ok[q] || f[q] == 0x7684 /* 的 */ || LEN(MC_NONM, q) || LEN(MC_COREF, q) ||
            LEN(MC_PLAT, q) || LEN(MC_REGION, q) || anchor_len(mc, q) || (q > s && LEN(MC_STOP, q) > 1))
            return 0;
    return !seller_kind(f, n, s) && !common_word(mc, s, e) && !everyday(mc, f + s, e - s) && !all_plain(mc, s, e, tb);
}

/* 在微信上跟老汪买了, 从笋嫂那里买的, 跟花姐团购的, 在椰伯椰子那里办了, 在羊倌老马的
 * 微信上买了, 在芳姐土货（微信）买的, 小芳在朋友圈卖的: a seller named only by what the
 * complainant calls her, framed by the words of buying from her. */
static qs_rc called_sellers(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const there[] = {"那里", "那儿", "那边", "手里", "手中", "手上", "那"};
    /* the characters opening a frame: 跟从向找 (to), 在微团朋 */
    static const int32_t opens[] = {0x8DDF, 0x4ECE, 0x5411, 0x627E, 0x5728, 0x5FAE, 0x56E2, 0x670B};
    const int32_t *f = mc->f;
    /* most characters open none of the frames: found four at a step */
    for (size_t i = 0; i + 3 < n && (i = cps_find_of(f, i, n - 3, opens, sizeof opens / sizeof *opens)) + 3 < n;
         i++) {
        int32_t c = f[i];
        int to = c == 0x8DDF /* 跟 */ || c == 0x4ECE /* 从 */ || c == 0x5411 /* 向 */ || c == 0x627E /* 找 */;
        size_t s = 0, e = 0;
        /* (在椰伯椰子|那里|办了: 在 only before the words of her place) */
        int at = c == 0x5728 /* 在 */ && !has_at(f, n, i + 1, "朋友圈");
        if ((at || to) && tb[i] && tb[i + 1]) {
            /* 跟老汪|买, 从笋嫂|那里|买 */
            size_t a = i + 1 + open_quote(f[i + 1]);
            for (size_t k = a + 2; k <= a + 4 && k < n && !e; k++) {
                size_t j = k + close_quote(f[k]), j0 = j;
                j += word_at(f, n, j, there, sizeof there / sizeof *there);
                /* 那 alone: 在X那买 is rarer than 那 starting a clause, but
                 * for a person called by kin (在米姐那买的) */
                if (at && (j == j0 || (f[j - 1] == 0x90A3 && !kin_char(f[k - 1]))))
                    continue;
                if ((buys_at(f, n, j) || (at && f[j] == 0x529E /* 办 */)) && seller_called(mc, n, a, k, tb)) {
                    s = a;
                    e = k;
                }
            }
        } else if (f[i] == 0x5FAE /* 微 */ && f[i + 1] == 0x4FE1 /* 信 */ && i >= 3) {
            /* 羊倌老马的|微信上买, 芳姐土货（微信）买 */
            size_t j = i + 2, k = i;
            int bracket = f[i - 1] == 0xFF08 || f[i - 1] == '(', boss = 0;
            if (bracket) {
                if (j >= n || (f[j] != 0xFF09 && f[j] != ')'))
                    continue;
                j++;
                k = i - 1;
            } else if (f[i - 1] == 0x7684 /* 的 */ || ends_at(f, i, "老板")) {
                k = f[i - 1] == 0x7684 ? i - 1 : i;
                while (j < n && in_set("上里群中", f[j]) && j < i + 4)
                    j++;
                /* 百草行老板微信上, 珠光阁老板的微信: the shop of the owner */
                if (k >= 4 && ends_at(f, k, "老板")) {
                    k -= 2;
                    boss = 1;
                }
            } else {
                continue;
            }
            if (!buys_at(f, n, j))
                continue;
            for (size_t a = k >= 4 ? k - 4 : 0; a + 2 <= k && !e; a++) {
                int opened = a == 0 || !mc->name_ok[a - 1] || in_set("在跟从向加找过", f[a - 1]);
                if (opened && (boss ? owned_shop(mc, n, a, k, tb) : seller_called(mc, n, a, k, tb))) {
                    s = a;
                    e = k;
                }
            }
        } else if (f[i] == 0x56E2 /* 团 */ && has_at(f, n, i, "团购") && i >= 2 && i + 2 < n &&
                   f[i + 2] != 0x4E70 /* 买 */ && f[i + 2] != 0x4E86 /* 了 */) {
            /* 小敏团购的橙子, “小丽团购”团长: a leader's group buy named by her,
             * 小X or X姐; the group is the seller (跟花姐团购 is a verb) */
            for (size_t a = i >= 3 ? i - 3 : 0; a + 2 <= i && !e; a++) {
                int person = f[a] == 0x5C0F /* 小 */ || f[a] == 0x963F /* 阿 */ || in_set("姐哥妹嫂姨婶", f[i - 1]);
                int opened = a == 0 || !mc->name_ok[a - 1] || f[a - 1] == 0x5728 /* 在 */ || f[a - 1] == 0x201C || f[a - 1] == '"';
                if (person && opened && seller_called(mc, n, a, i, tb)) {
                    s = a;
                    e = i + 2;
                }
            }
        } else if (f[i] == 0x670B /* 朋 */ && has_at(f, n, i, "朋友圈") && i >= 2) {
            /* 在椰伯椰子|朋友圈订的, 在阿英的|朋友圈买了: the seller's moments */
            size_t k = f[i - 1] == 0x7684 /* 的 */ ? i - 1 : i, j = i + 3;
            if (j < n && in_set("里上", f[j]))
                j++;
            if (!buys_at(f, n, j))
                continue;
            for (size_t a = k >= 4 ? k - 4 : 0; a + 2 <= k && !e; a++)
                if ((a == 0 || !mc->name_ok[a - 1] || in_set("在跟从向", f[a - 1])) && seller_called(mc, n, a, k, tb)) {
                    s = a;
                    e = k;
                }
        } else if (f[i] == 0x5728 /* 在 */ && has_at(f, n, i + 1, "朋友圈") && i >= 2) {
            /* 小芳|在朋友圈卖的: a seller opening the clause */
            size_t j = i + 4 + (i + 4 < n && in_set("里上", f[i + 4]));
            if (j >= n || f[j] != 0x5356 /* 卖 */)
                continue;
            for (size_t a = i >= 4 ? i - 4 : 0; a + 2 <= i && !e; a++)
                if ((a == 0 || !mc->name_ok[a - 1]) && seller_called(mc, n, a, i, tb)) {
                    s = a;
                    e = i;
                }
        }
        /* (a name another pass found stands; a name before its WeChat or
         * moments lies behind i, and the scan goes on from i) */
        qs_rc rc = e && !cand_overlaps(mc, s, e, 1) ? add_free_cand(mc, s, e, MERCH_CUE, 0.7, NULL, err) : QS_OK;
        if (rc != QS_OK)
            return rc;
        if (e > i)
            i = e;
    }
    return QS_OK;
}

/* 团长芳芳卖的…, 团长“小琴”的群里, 跟团长红姐买的, 群主胶姐天天在群里发…,
 * 主播张建国在直播中称…: a group-buy leader, a group's owner or a host is
 * the seller, named by two or three characters right after the word, quoted
 * or not, before what she sells, her group or her stream (not 团长说, 团长不退). */
static qs_rc group_leaders(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    /* most characters open no role word: found four at a step */
    for (size_t i = 0; i + 4 < n && (i = cps_find3(f, i, n - 4, 0x56E2 /* 团 */, 0x7FA4 /* 群 */, 0x4E3B /* 主 */)) + 4 < n;
         i++) {
        int32_t c = f[i];
        int leader = c == 0x56E2 && f[i + 1] == 0x957F;                       /* 团长 */
        int owner = c == 0x7FA4 && f[i + 1] == 0x4E3B;                        /* 群主 */
        int host = c == 0x4E3B && f[i + 1] == 0x64AD && (i == 0 || f[i - 1] != 0x7FA4); /* 主播 */
        if (!leader && !owner && !host)
            continue;
        size_t s = i + 2;
        int quoted = open_quote(f[s]);
        s += (size_t)quoted;
        size_t e = s;
        while (e < n && e - s < 3 && is_han(f[e]) && mc->name_ok[e] && !mc->stop_at[e] && !LEN(MC_CUEPOST, e) &&
               f[e] != 0x7684 /* 的 */ && f[e] != 0x5356 /* 卖 */ && !has_at(f, n, e, "天天") && !has_at(f, n, e, "每天"))
            e++;
        /* 团长群里的: the leader's group, not her name */
        if (e - s < 2 || e >= n || !tb[s] || !tb[e] || common_word(mc, s, e) || LEN(MC_REGION, s) || LEN(MC_NONM, s) ||
            f[s] == 0x7FA4 /* 群 */)
            continue;
        /* (团长小敏 卖的: a post's space before what she sells) */
        int closed = quoted ? close_quote(f[e])
                            : (f[e] == 0x7684 /* 的 */ || f[e] == 0x5356 /* 卖 */ || f[e] == 0x989D /* 额 */ ||
                               (f[e] == ' ' && e + 1 < n && f[e + 1] == 0x5356 /* 卖 */));
        /* 跟团长红姐|买, 团长阿珠|在群里, 群主胶姐|天天在群里, 主播张建国|在直播中 */
        int bought = f[e] == 0x4E70 /* 买 */ && i > 0 && in_set("跟从向找", f[i - 1]);
        int in_group = has_at(f, n, e, "在群") || has_at(f, n, e, "天天在群") || has_at(f, n, e, "每天在群");
        int streaming = has_at(f, n, e, "在直播");
        if (host ? !streaming && !quoted : !closed && !bought && !in_group)
            continue;
        /* a host stands for the room or shop only where none is named */
        if (host && cand_overlaps(mc, 0, n, 0))
            continue;
        qs_rc rc = add_free_cand(mc, s, e, MERCH_CUE, 0.7, NULL, err);
        if (rc != QS_OK)
            return rc;
        i = e;
    }
    return QS_OK;
}

/* A candidate found already overlaps [s, k) (a platform's own only when
 * with_platforms). */
static int cand_overlaps(const merch_ctx *mc, size_t s, size_t k, int with_platforms)
{
    for (size_t c = 0; c < mc->n_cands; c++)
        if (mc->cands[c].s < (int32_t)k && (int32_t)s < mc->cands[c].e &&
            (with_platforms || mc->cands[c].kind != MERCH_PLATFORM))
            return 1;
    return 0;
}

/* f[s..k), framed as a business by a pass, becomes a candidate of weight
 * conf unless a candidate already covers part of it or it keys to nothing;
 * *added says whether it did. */
static qs_rc add_framed_name(merch_ctx *mc, size_t s, size_t k, double conf, int *added, qs_err *err)
{
    *added = 0;
    if (cand_overlaps(mc, s, k, 1))
        return QS_OK;
    char key[KEY_CAP];
    tax_sector sec;
    if (key_cp(mc, mc->f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
        return QS_OK;
    *added = 1;
    return add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, sec, conf, -1}, err);
}

/* The first platform's name at i or after, with four characters at least
 * after it for a shop to follow (most texts name none: the word-category
 * scan finds them); n when there is none. Its length is LEN(MC_PLAT, …). */
static size_t next_platform(const merch_ctx *mc, size_t i, size_t n)
{
    while (i + 4 < n && (i = u32_find_any(mc->cats, i, n - 4, CAT(MC_PLAT))) + 4 < n && !LEN(MC_PLAT, i))
        i++;
    return i + 4 < n ? i : n;
}

/* 淘宝店绮罗丝绸, 拼多多店铺优品生活: a platform's shop word, then the shop's
 * own name up to a space, a clause mark, 的 or a verb. The seller is the
 * business; the platform stays a mention of its own. */
static qs_rc platform_shops(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const shop_words[] = {"店铺", "网店", "旗舰店", "店"};
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = next_platform(mc, i, n)) < n; i++) {
        size_t L = (size_t)LEN(MC_PLAT, i);
        size_t j = i + L, w = word_at(f, n, j, shop_words, sizeof shop_words / sizeof *shop_words);
        size_t s = j + w, k = s;
        if (!w || s >= n || LEN(MC_STOP, s) || LEN(MC_PLAT, s) || LEN(MC_COREF, s) ||
            in_set("里内上中家主员有没是都也还就已", f[s]) || has_at(f, n, s, "大欺客"))
            continue;
        while (k < n && k - s <= 8 && (mc->name_ok[k] || is_latin(f[k]) || is_digit(f[k])) &&
               f[k] != 0x7684 /* 的 */ && !(k > s && tb[k] && (LEN(MC_CUEPOST, k) || mc->stop_at[k])))
            k++;
        if (k - s < 2 || k - s > 8 || (k < n && !tb[k]))
            continue;
        /* 淘宝店橘子家的小铺: a longer name found already stays */
        int longer = 0;
        for (size_t q = 0; q < mc->n_cands && !longer; q++)
            longer = mc->cands[q].s >= (int32_t)j && mc->cands[q].s < (int32_t)k && mc->cands[q].e > (int32_t)k;
        if (longer)
            continue;
        /* …北漂优品|在包裹里夹: a preposition standing alone goes on with the clause */
        if (k < n && !(f[k] == ' ' || f[k] == 0x3000 || clause_mark(f[k]) || f[k] == 0x7684 || LEN(MC_CUEPOST, k) ||
                       in_set("卖发说", f[k]) || (tb[k] && tb[k + 1] && in_set("在从把被给向跟", f[k]))))
            continue;
        /* 淘宝店|买的东西, 网店|客服: words, not a name */
        char key[KEY_CAP];
        tax_sector sec;
        if (everyday(mc, f + s, k - s) || only_generic(mc, s, k) || common_word(mc, s, token_end(tb, s, k)) ||
            key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        drop_cands(mc, i, k);
        qs_rc rc = add_cand(mc, (cand){(int32_t)i, (int32_t)j, MERCH_PLATFORM, (tax_sector)VAL(MC_PLAT, i), 0.9, -1}, err);
        if (rc == QS_OK)
            rc = add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, sec == SECTOR_OTHER ? SECTOR_ECOMMERCE : sec, 0.86, -1},
                          err);
        if (rc != QS_OK)
            return rc;
        i = k;
    }
    return QS_OK;
}

/* 参加康年堂组织的讲座, 参加行知研学组织的研学活动: who organised what the
 * complainant took part in is a business, however bare its name (该公司 and
 * other pointers excepted). */
static qs_rc organizer_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const organised[] = {"组织的", "举办的", "主办的", "开办的"};
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = cps_find(f, i, n, 0x53C2 /* 参 */)) + 6 < n; i++) {
        if (f[i + 1] != 0x52A0 /* 加 */)
            continue;
        const size_t nw = sizeof organised / sizeof *organised;
        size_t s = i + 2, k = s;
        /* 参加康寿堂|在社区组织的: where it was held is no part of the name */
        while (k < n && k - s <= 8 && is_han(f[k]) && mc->name_ok[k] && !word_at(f, n, k, organised, nw) &&
               !(k > s + 1 && f[k] == 0x5728 /* 在 */))
            k++;
        if (k >= n || !word_at(f, n, k, organised, nw) || k - s < 2 || k - s > 8 || !tb[s] || !tb[k] ||
            LEN(MC_COREF, s) || LEN(MC_STOP, s) || LEN(MC_REGION, s) == (int16_t)(k - s) || common_word(mc, s, k) ||
            everyday(mc, f + s, k - s) || only_generic(mc, s, k) || all_plain(mc, s, k, tb))
            continue;
        int added;
        qs_rc rc = add_framed_name(mc, s, k, 0.7, &added, err);
        if (rc != QS_OK)
            return rc;
        if (!added)
            continue;
        i = k;
    }
    return QS_OK;
}

/* 小红书上旧时光古着的店铺, 苏苏的快手直播间, 红玛瑙樱桃的抖音小店,
 * 在椰岭沉香合作社淘宝店铺购买: a
 * shop or a host's room on a platform named by its own name, before or
 * after the platform. */
static qs_rc platform_owned_shops(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const shop_words[] = {"店铺", "网店", "小店", "旗舰店", "直播间", "店"};
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = next_platform(mc, i, n)) < n; i++) {
        size_t L = (size_t)LEN(MC_PLAT, i);
        size_t s = 0, k = 0;
        size_t j = i + L + (i + L < n && in_set("上里", f[i + L]));
        /* after: 小红书上|旧时光古着|的店铺 */
        size_t q = j;
        while (q < n && q - j <= 6 && is_han(f[q]) && f[q] != 0x7684 /* 的 */ && !clause_mark(f[q]))
            q++;
        if (q < n && q - j >= 2 && f[q] == 0x7684 && word_at(f, n, q + 1, shop_words, sizeof shop_words / sizeof *shop_words))
            s = j, k = q;
        /* before: 苏苏的|快手|直播间, 红玛瑙樱桃的|抖音小店 */
        int room = i >= 3 && (has_at(f, n, i + L - 2, "直播间") || ends_at(f, i + L, "小店") || ends_at(f, i + L, "店铺") ||
                              word_at(f, n, i + L, shop_words, sizeof shop_words / sizeof *shop_words) > 1);
        if (!s && room && f[i - 1] == 0x7684) {
            size_t b = i - 1;
            while (b > 0 && i - 1 - b < 6 && is_han(f[b - 1]) && mc->name_ok[b - 1] && !mc->stop_at[b - 1] &&
                   !LEN(MC_CUEPRE, b - 1))
                b--;
            if (i - 1 - b >= 2)
                s = b, k = i - 1;
        }
        /* before, after a visit's 在: 在椰岭沉香合作社|淘宝|店铺购买 */
        if (!s && i >= 4 && word_at(f, n, i + L, shop_words, sizeof shop_words / sizeof *shop_words) > 1) {
            size_t b = i;
            while (b > 0 && i - b < 10 && is_han(f[b - 1]) && f[b - 1] != 0x5728 /* 在 */ && mc->name_ok[b - 1])
                b--;
            if (b > 0 && f[b - 1] == 0x5728 && i - b >= 2)
                s = b, k = i;
        }
        if (!s || !tb[s] || !tb[k] || LEN(MC_STOP, s) || LEN(MC_COREF, s) || LEN(MC_PLAT, s) || LEN(MC_REGION, s) ||
            everyday(mc, f + s, k - s) || only_generic(mc, s, k) || common_word(mc, s, k) ||
            clause_lead(mc, tb, s, k) || all_plain(mc, s, k, tb) || in_set("刷搜看找买点订逛", f[s]))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (cand_overlaps(mc, s, k, 0) || key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        qs_rc rc = add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, sec == SECTOR_OTHER ? SECTOR_ECOMMERCE : sec, 0.86, -1},
                            err);
        if (rc != QS_OK)
            return rc;
        i = s > i ? k : i + L - 1;
    }
    return QS_OK;
}

/* 张婆婆炕土豆, 王姐特产: a surname (or 老, 阿) and kin opening more than
 * the person, a family shop's 字号 made of everyday words */
static int kin_led(const merch_ctx *mc, size_t s, size_t k)
{
    const int32_t *f = mc->f;
    if (k < s + 3 || !(kplain_is(mc->lx, f + s, 1, KPLAIN_SURNAME) || f[s] == 0x8001 /* 老 */ || f[s] == 0x963F /* 阿 */))
        return 0;
    size_t q = s + 1;
    while (q < k && q < s + 3 && kin_char(f[q]))
        q++;
    return q > s + 1 && q < k;
}

/* 携程上订的山居小院, 携程报名齐鲁行的一日游, 美团上那家好味道私厨: what is
 * ordered through a platform of services (lodging, tours, meals) is
 * mostly a business, named after the verb of ordering and set off by 的,
 * a space or the clause's end. Not a kind of thing or shop (订的酒店,
 * 点的外卖), a place, a count or a word of the language alone. */
static qs_rc platform_orders(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const verbs[] = {"预订了", "预定了", "预订的", "预定的", "下单的", "下单了", "报名了", "报名的", "订了",
                                        "订的", "点了", "点的", "预订", "预定", "报名", "报了", "团的", "团购了",
                                        "团购的", "团购", "订购了", "订购", "叫了", "叫咗", "点", "那家", "这家"};
    /* what was ordered, right after the shop: 点哲里木烤串|外卖, 团购了李嬢豆花面|双人套餐,
     * 预订额尔敦蒙古包|一晚, 预订了松风山居|“湖景房” (quotes fold to ") */
    static const char *const ordered[] = {"外卖", "双人", "单人", "三人", "四人", "套餐", "一晚", "两晚", "一间", "房间", "\""};
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = next_platform(mc, i, n)) < n; i++) {
        size_t L = (size_t)LEN(MC_PLAT, i);
        if (VAL(MC_PLAT, i) != SECTOR_TRAVEL && VAL(MC_PLAT, i) != SECTOR_CATERING)
            continue;
        size_t j = i + L;
        /* 在饿了么平台订购, 美团平台上点的 */
        if (has_at(f, n, j, "平台"))
            j += 2;
        if (j < n && in_set("上里", f[j]))
            j++;
        size_t w = word_at(f, n, j, verbs, sizeof verbs / sizeof *verbs);
        size_t s = j + w, k = s;
        /* 点了一份老街烙锅外卖: one order of the shop's (a shorter name
         * there is a dish: 一份麻辣拌) */
        int one_order = w && s + 4 < n && f[s] == 0x4E00 /* 一 */ && in_set("份单个", f[s + 1]);
        if (one_order)
            s += 2, k = s;
        if (!w || s >= n || !tb[s])
            continue;
        while (k < n && k - s <= 6 && (mc->name_ok[k] || is_latin(f[k]) || is_digit(f[k])) && f[k] != 0x7684 /* 的 */)
            k++;
        for (size_t q = s + 2; q <= s + 6 && q < k; q++)
            if (word_at(f, n, q, ordered, sizeof ordered / sizeof *ordered) && (!tb || tb[q])) {
                k = q;
                break;
            }
        if (k - s < 2 || k - s > 6 ||
            (k < n && !(f[k] == 0x7684 || f[k] == ' ' || f[k] == 0x3000 || clause_mark(f[k]) ||
                        word_at(f, n, k, ordered, sizeof ordered / sizeof *ordered))))
            continue;
        /* 桂香楼|包厢: the room or the set ordered there; 竹筏票: a ticket */
        if (ends_at(f, k, "包厢") || ends_at(f, k, "套餐"))
            k -= 2;
        if (k - s < 2 + 2 * (size_t)one_order || f[k - 1] == 0x7968 /* 票 */)
            continue;
        /* 携程上订的大床房 进去…: a room closing the clause is what was
         * booked (a dish may name a takeout shop: 小胖炒饭) */
        if ((k >= n || f[k] == ' ' || f[k] == 0x3000 || clause_mark(f[k])) && in_set("房间", f[k - 1]) &&
            !anchor_len(mc, k - 1))
            continue;
        /* 点餐后, 点菜时: 点 with the meal is the verb, not an order of a
         * shop's; 澄湖镇上的水韵酒店: a town and its locative say where */
        if ((f[j + w - 1] == 0x70B9 /* 点 */ && w == 1 && in_set("餐菜单", f[s])) ||
            (k - s >= 3 && in_set("上里边旁", f[k - 1]) && in_set("镇村乡县区市街路", f[k - 2])))
            continue;
        int kin = kin_led(mc, s, k);
        int bad = anchor_len(mc, s) || (plain_word(mc, s, token_end(tb, s, k)) && !kin) || !tb[k] || LEN(MC_REGION, s) ||
                  (token_end(tb, s, k) < k && token_end(tb, s, k) >= s + 2 && common_word(mc, s, token_end(tb, s, k))) || in_set("时部处", f[s]) || LEN(MC_PLAT, s) || LEN(MC_STOP, s) ||
                  LEN(MC_NONM, s) || is_digit(f[s]) ||
                  /* 点的一份, 订了两间; 一品川味 is a 字号 */
                  (in_set("一两二三几那这某个每", f[s]) &&
                   !(f[s] == 0x4E00 /* 一 */ && f[s + 1] == 0x54C1 /* 品 */));
        if (bad || cand_overlaps(mc, s, k, 0) || everyday(mc, f + s, k - s) || only_generic(mc, s, k) || common_word(mc, s, k) ||
            (all_plain(mc, s, k, tb) && !kin) || (k - s <= 3 && dict_words(mc, s, k)))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        /* the platform's trade, unless the name holds one of its own */
        int trade = 0;
        for (size_t q = s; q < k && !trade; q++)
            trade = anchor_len(mc, q) > 0;
        qs_rc rc = add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, trade ? sec : (tax_sector)VAL(MC_PLAT, i), 0.85, -1},
                            err);
        if (rc != QS_OK)
            return rc;
        i = k;
    }
    return QS_OK;
}

/* 快手上的和田玉哥 说…, 抖音上的王姐特产 卖的…, 快手“恩施腊肉哥”直播…: a
 * host or shop named on a platform, up to a space, a clause mark, what it
 * said, streamed or sold. Everyday words (抖音上的视频) are no name; words
 * of the language only when a surname and kin lead them or kin ends them, as
 * hosts call themselves (腊肉哥, 茶姑). */
static qs_rc platform_hosts(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const ends[] = {"说", "直播", "卖"};
    const int32_t *f = mc->f;
    for (size_t i = 0; (i = next_platform(mc, i, n)) < n; i++) {
        size_t j = i + (size_t)LEN(MC_PLAT, i);
        /* 老塔城熏马肠在抖音的宣传视频称…: the subject of a clause, acting
         * on the platform, is its seller */
        if (i >= 3 && f[i - 1] == 0x5728 /* 在 */ && tb[i - 1]) {
            size_t e = i - 1, b = e;
            while (b > 0 && e - b < 8 && (mc->name_ok[b - 1] || is_latin(f[b - 1])) && f[b - 1] != 0x7684 /* 的 */)
                b--;
            int opens = b == 0 || clause_mark(f[b - 1]) || f[b - 1] == 0xFF1A || f[b - 1] == ':' || f[b - 1] == ' ';
            /* a time (双十一, 春节, 11月) is no subject of that kind */
            int person = is_numeral(f[b]) || f[b] == 0x53CC /* 双 */;
            for (size_t q = b; q < e && !person; q++)
                person = is_digit(f[q]) || in_set("我你他她其们人年月日节者员长主", f[q]);
            if (opens && e - b >= 3 && tb[b] && !person && !cand_overlaps(mc, b, e, 0) && complained_object(mc, tb, b, e) &&
                !common_word(mc, b, e) && !plain_tokens(mc, b, e, tb, 1) && !plain_word(mc, b, token_end(tb, b, e))) {
                char key[KEY_CAP];
                tax_sector sec;
                if (key_cp(mc, f + b, e - b, key, sizeof key, &sec, 0) == QS_OK) {
                    qs_rc rc = add_cand(mc, (cand){(int32_t)b, (int32_t)e, MERCH_CUE, sec, 0.75, -1}, err);
                    if (rc != QS_OK)
                        return rc;
                }
            }
        }
        int quoted = j < n && open_quote(f[j]);
        /* 快手 衢州柑妹 直播间, 拼多多上柚见常山这家店: a host set off by
         * spaces before its room, a shop pointed at right after 上 */
        int spaced = !quoted && j + 1 < n && (f[j] == ' ' || f[j] == 0x3000);
        int pointed = !quoted && !spaced && has_at(f, n, j, "上") && !has_at(f, n, j, "上的");
        if (!quoted && !spaced && !pointed && !(has_at(f, n, j, "上的") || has_at(f, n, j, "里的")))
            continue;
        size_t s = j + (quoted || spaced || pointed ? 1 : 2), k = s;
        if (s >= n || !tb[s] || LEN(MC_PLAT, s) || LEN(MC_COREF, s) || LEN(MC_STOP, s))
            continue;
        while (k < n && k - s <= 8 && (mc->name_ok[k] || is_latin(f[k]) || is_digit(f[k])) && f[k] != 0x7684 /* 的 */ &&
               !(f[k] == 0x5BB6 /* 家 */ && k == s) &&
               !(quoted && close_quote(f[k])) &&
               !(!quoted && k > s + 1 && tb[k] && word_at(f, n, k, ends, sizeof ends / sizeof *ends)) &&
               !(pointed && k > s + 1 && (has_at(f, n, k, "这家") || has_at(f, n, k, "那家"))))
            k++;
        size_t after = k + (size_t)(quoted && k < n && close_quote(f[k]));
        if (k - s < 2 || k - s > (quoted ? 8u : 6u) || (quoted && after == k) || (k < n && !tb[k]))
            continue;
        if (spaced && !(k + 1 < n && (f[k] == ' ' || f[k] == 0x3000) && has_at(f, n, k + 1, "直播")) &&
            !has_at(f, n, k, "直播间"))
            continue;
        if (pointed && !(has_at(f, n, k, "这家") || has_at(f, n, k, "那家")))
            continue;
        /* 京东上的价35: a price, no name */
        int digits = 0;
        for (size_t q = s; q < k; q++)
            digits |= is_digit(f[q]);
        if (digits)
            continue;
        /* quoted, it must be what the host streams or the shop sells */
        if (quoted && !(has_at(f, n, after, "直播") || has_at(f, n, after, "店") || has_at(f, n, after, "卖") ||
                        has_at(f, n, after, "说")))
            continue;
        if (!quoted && !pointed && k < n &&
            !(f[k] == ' ' || f[k] == 0x3000 || clause_mark(f[k]) || word_at(f, n, k, ends, sizeof ends / sizeof *ends)))
            continue;
        int kin = kin_led(mc, s, k) || (k - s >= 3 && kin_char(f[k - 1]) && !kin_char(f[k - 2]));
        if (cand_overlaps(mc, s, k, 0) || everyday(mc, f + s, k - s) || only_generic(mc, s, k) || common_word(mc, s, k) ||
            (all_plain(mc, s, k, tb) && !kin && !quoted) || (k - s <= 3 && dict_words(mc, s, k) && !quoted))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, k - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        qs_rc rc = add_cand(mc, (cand){(int32_t)s, (int32_t)k, MERCH_CUE, sec == SECTOR_OTHER ? SECTOR_ECOMMERCE : sec, 0.8, -1},
                            err);
        if (rc != QS_OK)
            return rc;
        i = k;
    }
    return QS_OK;
}

/* Where the quoted words closing right before q open (the first
 * character inside), looking back at most max characters, or 0. */
static size_t quote_start(const int32_t *f, size_t q, size_t max)
{
    size_t o = q - 1;
    while (o > 0 && q - o <= max && !open_quote(f[o - 1]))
        o--;
    return o == 0 || q - o > max ? 0 : o;
}

/* A party size at i (双人, 四人, 2人): what a deal is for. */
static int party_size_at(const int32_t *f, size_t n, size_t i)
{
    return i + 1 < n && f[i + 1] == 0x4EBA /* 人 */ && (in_set("单双两二三四五六八十", f[i]) || is_digit(f[i]));
}

/* 团购了秦记呱呱双人套餐, 购买金凤楼茶楼的“双人早茶套餐”, 团购窑洞擦擦“四人陕北风味
 * 套餐”, 在抖音上购买“衢州邵三兔头”双人团购套餐, 美团上古麗抓飯的团购券: a deal
 * (套餐, 团购券, 套票) is sold by the business named right before it, before
 * its party size (双人) and what it holds, or before 的. Bought on a platform,
 * the deal is the seller's, not the platform's. */
static qs_rc deal_sellers(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const deals[] = {"套餐", "团购", "套票", "代金券"};
    static const char *const cues[] = {"团购了", "团购", "购买了", "购买", "买了", "订购", "预订了", "预订", "点了"};
    const int32_t *f = mc->f;
    /* the first characters of the deals (套, 团, 代), found before them */
    for (size_t d = 2; d + 1 < n && (d = cps_find3(f, d, n - 1, 0x5957, 0x56E2, 0x4EE3)) + 1 < n; d++) {
        size_t w = word_at(f, n, d, deals, sizeof deals / sizeof *deals);
        /* 团购群, 组织团购, 社区团购: a neighbours' group buying, not a deal */
        if (!w || (w == 2 && f[d] == 0x56E2 /* 团 */ &&
                   (has_at(f, n, d + 2, "群") || (d >= 2 && (ends_at(f, d, "组织") || ends_at(f, d, "社区"))))))
            continue;
        /* where the deal's own words (its party size, what it holds,
         * quoted or not) begin: lead; o is the first character inside
         * quotes when there are any */
        size_t q = d, o = 0;
        if (d + w < n && close_quote(f[d + w])) {
            /* “臭鳜鱼双人套餐”: the deal quoted whole */
            if (!(o = quote_start(f, d + 1, 21)))
                continue;
            q = o;
        } else if (close_quote(f[q - 1])) {
            if (!(o = quote_start(f, q, 20)))
                continue;
        } else {
            for (size_t p = q; p >= 2 && q - p <= 6; p--) {
                if (party_size_at(f, n, p - 2)) {
                    q = p - 2;
                    break;
                }
                if (!is_han(f[p - 1]) || de_char(f[p - 1]))
                    break;
            }
            /* “衢州邵三兔头”双人团购 (a plain " closes only what it opened) */
            if (q < d && q > 1 && close_quote(f[q - 1]))
                o = quote_start(f, q, 12);
            if (!o && q < d && q > 0 && open_quote(f[q - 1]))
                o = q;
        }
        size_t lead = o ? o - 1 : q, s = 0, e = 0;
        int quoted_seller = 0, after_on = 0, by_de = 0;
        if (o && o < q && q < d && close_quote(f[q - 1])) {
            quoted_seller = 1; /* 购买“衢州邵三兔头”双人团购套餐 */
        } else if (lead > 0 && de_char(f[lead - 1])) {
            e = lead - 1, by_de = 1; /* 金凤楼茶楼的“双人早茶套餐” */
        } else if (lead < d && lead > 0 && mc->name_ok[lead - 1]) {
            e = lead; /* 秦记呱呱双人套餐, 窑洞擦擦“四人陕北风味套餐” */
        } else if (o && close_quote(f[d - 1])) {
            quoted_seller = 1; /* 商家“老萍乡小炒馆”团购套餐 */
        } else {
            /* 竹林人家的农家乐套餐: 的 a few characters before */
            by_de = 1;
            for (size_t p = d; p >= 1 && d - p <= 4 && !e; p--) {
                if (de_char(f[p - 1]))
                    e = p - 1;
                else if (!is_han(f[p - 1]))
                    break;
            }
            if (!e)
                continue;
        }
        if (quoted_seller) {
            /* …after a verb or a word, not inside a name */
            s = o;
            for (e = o; e < n && !close_quote(f[e]); e++)
                ;
            if (!(s < 2 || !mc->name_ok[s - 2] || mc->hard[s - 1]))
                continue;
        } else {
            s = e;
            while (s > 0 && e - s < 10 && mc->name_ok[s - 1] && !de_char(f[s - 1]) && !(s < e && mc->hard[s]))
                s--;
            /* 团购雨林户外…, 美团上古麗抓飯: the verb or platform before it is no part of it */
            for (int again = 1; again && s < e;) {
                again = 0;
                size_t cut = word_at(f, e, s, cues, sizeof cues / sizeof *cues);
                if (!cut && LEN(MC_PLAT, s))
                    cut = (size_t)LEN(MC_PLAT, s);
                for (size_t p = s >= 4 ? s - 4 : 0; !cut && p + 2 <= s && f[s] == 0x4E0A /* 上 */; p++)
                    if ((size_t)LEN(MC_PLAT, p) == s - p)
                        cut = 1, after_on = 1; /* 美团|上古|麗: the segmenter's word may run across */
                if (cut && s + cut < e)
                    s += cut, again = 1;
            }
        }
        if (e < s + 2 || e - s > 10 || (!tb[s] && !after_on) || !tb[e] || LEN(MC_PLAT, s) || LEN(MC_STOP, s) ||
            LEN(MC_COREF, s))
            continue;
        /* a count or a price (199的套餐), a chat group (业主群里的), a
         * superlative (人气最旺的套餐), a day's offer (疯狂星期四的套餐) or
         * another deal (煎饼套餐送的油条套餐) is no seller */
        int bad = 0;
        for (size_t k = s; k < e && !bad; k++)
            bad = !mc->name_ok[k] || is_digit(f[k]) || f[k] == 0x7FA4 /* 群 */ || f[k] == 0x6700 /* 最 */ ||
                  has_at(f, e, k, "星期") || word_at(f, e, k, deals, sizeof deals / sizeof *deals);
        /* …nor a group's leader (群团长), goods listed (平板+移动电源的套餐) or,
         * before 的, words of the language with no trade word (想改回原来的套餐) */
        if (bad || cand_overlaps(mc, s, e, 1) || everyday(mc, f + s, e - s) || only_generic(mc, s, e) ||
            common_word(mc, s, e) || all_plain(mc, s, e, tb) || (e - s <= 3 && dict_words(mc, s, e)) ||
            in_set("里上", f[e - 1]) || ends_at(f, e, "团长") || is_numeral(f[s]) || (s > 0 && f[s - 1] == '+') ||
            (by_de && (plain_tokens(mc, s, e, tb, 1) || dict_words(mc, s, e)) && !trade_ends_at(mc, e) &&
             !shop_ends_at(mc, e)))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, e - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        /* a deal is used where it is sold: never a home or an online shop */
        if (sec == SECTOR_HOUSING || sec == SECTOR_ECOMMERCE)
            sec = SECTOR_OTHER;
        /* what the deal holds is no business (“双人早茶套餐”, “洱海旅拍+骑行”) */
        size_t held = quoted_seller ? e : lead, held_end = d + 2;
        size_t kept = 0;
        for (size_t i = 0; i < mc->n_cands; i++) {
            const cand *c = &mc->cands[i];
            int held_word = (size_t)c->s >= held && (size_t)c->e <= held_end;
            if (!held_word || c->kind == MERCH_PLATFORM || c->kind == MERCH_BRAND)
                mc->cands[kept++] = *c;
        }
        mc->n_cands = kept;
        qs_rc rc = add_cand(mc, (cand){(int32_t)s, (int32_t)e, MERCH_CUE, sec, 0.8, -1}, err);
        if (rc != QS_OK)
            return rc;
        d = e > d ? e : d;
    }
    return QS_OK;
}

/* Words of a market, mall, bazaar or old town: written before a shop, they
 * say where it stands (past_place, trim_place_prefix). */
static const char *const market_words[] = {"市场", "商场", "广场", "商城", "巴扎", "古城", "古镇",
                                            "菜场", "菜市", "鱼市", "早市", "夜市"};

/* A market word ends at q. */
static int market_ends(const int32_t *f, size_t q)
{
    /* the last characters of market_words, tested before them */
    if (q < 2 || (f[q - 1] != 0x573A /* 场 */ && f[q - 1] != 0x57CE /* 城 */ && f[q - 1] != 0x624E /* 扎 */ &&
                  f[q - 1] != 0x9547 /* 镇 */ && f[q - 1] != 0x5E02 /* 市 */))
        return 0;
    for (size_t w = 0; w < sizeof market_words / sizeof *market_words; w++)
        if (ends_at(f, q, market_words[w]))
            return 1;
    return 0;
}

/* …with at least one character of its own name before it, at or after s;
 * 内 or 里 after it (农贸市场内|德吉肉摊) is where in it */
static int market_word_ends(const int32_t *f, size_t s, size_t q)
{
    return q >= s + 3 && (market_ends(f, q) || (q >= s + 4 && in_set("内里", f[q - 1]) && market_ends(f, q - 1)));
}

/* 在明德农贸市场|张姐菜摊买, 在古玩城|汉唐古玩店买, 在大理古城洱月巷|阿婆烧饵块买:
 * the market, mall, old town or lane written between 在 and the shop is
 * where the shop stands. Where the last such place word ends, within
 * twelve characters of name from s (a token boundary, when tb is given),
 * or s when there is none. */
static size_t past_place(const merch_ctx *mc, size_t s, size_t n, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    size_t best = s;
    for (size_t q = s + 2; q < n && q <= s + 12; q++) {
        if (!is_han(f[q - 1]) || !mc->name_ok[q - 1] || f[q - 1] == 0x7684 /* 的 */ || mc->stop_at[q - 1])
            break;
        if ((!tb || tb[q]) && (market_word_ends(f, s, q) || (q >= s + 3 && in_set("城街巷", f[q - 1]))))
            best = q;
    }
    return best;
}

/* 在小区门口的|童趣童装买了, 在学校对面的|X: where the shop stands told by
 * what it is beside, then 的, within eight characters from s. Where that
 * ends, or s when there is none. */
static size_t past_beside(const merch_ctx *mc, size_t s, size_t n)
{
    static const char *const beside[] = {"门口", "对面", "旁边", "隔壁", "楼下", "楼上", "附近"};
    const int32_t *f = mc->f;
    for (size_t p = s; p + 3 < n && p <= s + 8 && is_han(f[p]) && f[p] != 0x7684 /* 的 */; p++)
        if (f[p + 2] == 0x7684 /* 的 */ && word_at(f, n, p, beside, sizeof beside / sizeof *beside))
            return p + 3;
    return s;
}

/* 本人于11月2日在家乐多购买…, 其在湘里人家聚餐…: the account of a visit
 * names where it was, however bare the name: 在 after a date or after the
 * person who went, then two to six characters, then a verb of buying or
 * of a service (cue_post). Not a place, a pronoun, a word of the language
 * (在网上购买, 在当地消费) nor a kind of shop alone (在超市购买). */

static qs_rc visited_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char by_date[] = "日号月年周间晚午天前刚曾末初底";
    static const char by_person[] = "我其人者她他们亲妈爸";
    const int32_t *f = mc->f;
    for (size_t i = 1; (i = cps_find(f, i, n, 0x5728 /* 在 */)) + 3 < n; i++) {
        if (!in_set(by_date, f[i - 1]) && !in_set(by_person, f[i - 1]) && !clause_mark(f[i - 1]) &&
            f[i - 1] != 0xFF1A && f[i - 1] != ':')
            continue;
        size_t s = past_place(mc, past_beside(mc, i + 1, n), n, tb), k = s + 2;
        while (k < n && k - s <= 6 && !(tb[k] && visit_verb(mc, k, n, tb)) && !benefactive(mc, k, n, tb))
            k++;
        if (k >= n || k - s > 6)
            continue;
        /* 在悦来|又|办了: an adverb standing alone before the verb is the sentence */
        while (k > s + 2 && tb[k - 1] && in_set("又也都还就刚曾先再已", f[k - 1]))
            k--;
        /* 在家|乐|多: the segmenter may glue 在 to the name's first character */
        int bad = !tb[i];
        for (size_t q = s; q < k && !bad; q++)
            bad = !(mc->name_ok[q] || is_latin(f[q]) || is_digit(f[q])) || LEN(MC_NONM, q) || LEN(MC_COREF, q) ||
                  LEN(MC_PLAT, q) || (q > s && LEN(MC_CUEPOST, q) && tb[q]) || f[q] == 0x7684 /* 的 */ ||
                  in_set("一那这哪某", f[q]) || is_digit(f[q]) ||
                  (tb[q] && tb[q + 1] && in_set("给为帮替跟和与对向把被让", f[q]));
        bad |= persons_home(f, s, k);
        /* 在小吃街, 在网站上, 在丁香区一家: a place, a where or a count */
        if (bad || anchor_len(mc, s) || in_set("上里内中边处街路巷区镇村县市", f[k - 1]) || LEN(MC_STOP, s) ||
            LEN(MC_REGION, s) || everyday(mc, f + s, k - s) || only_generic(mc, s, k) || dict_words(mc, s, k) ||
            all_plain(mc, s, k, tb))
            continue;
        qs_rc rc = add_free_cand(mc, s, k, MERCH_CUE, 0.6, NULL, err);
        if (rc != QS_OK)
            return rc;
    }
    return QS_OK;
}

/* 张记猪肉 卖…, 林记猪脚饭点…: the dish a 记 shop is named with, two to
 * four characters from i ending in a word for food (and its stall or shop,
 * 猪肉摊) and then the clause or a verb; where it ends, or 0. */
static size_t ji_dish(const merch_ctx *mc, size_t i, size_t n, const uint8_t *tb)
{
    static const char food[] = "饭面粉汤丸圆饺包饼肉鱼虾鸡鸭鹅冻糕奶粥串锅蟹螺煲烧菜腐水子烙香";
    const int32_t *f = mc->f;
    size_t best = 0;
    /* 林记食猪脚饭: a verb of eating or buying, not a dish */
    if (i >= n || in_set("食吃买卖点喝去在的", f[i]))
        return 0;
    for (size_t k = i + 2; k <= i + 4 && k <= n; k++) {
        if (!is_han(f[k - 1]) || !mc->name_ok[k - 1] || mc->stop_at[k - 1] || f[k - 1] == 0x7684 /* 的 */)
            break;
        if (!in_set(food, f[k - 1]) || (k < n && !tb[k]))
            continue;
        /* 黄记猪肉摊卖…: the stall after the dish ends the name (摊卖 is
         * often read as one word) */
        size_t e = k < n && in_set("摊档铺店馆", f[k]) ? k + 1 : k;
        /* 苏记肘子现在…, 谢记凉粉今天…, 李记香料啲: the clause goes on with
         * when, or with a possessive */
        if (e == n || !mc->name_ok[e] || f[e] == 0x7684 || LEN(MC_CUEPOST, e) || in_set("卖做吃食点里中啲嘅被", f[e]) ||
            has_at(f, n, e, "现在") || has_at(f, n, e, "今天"))
            best = e;
    }
    return best;
}

/* 林记, 老王记: a surname and 记 name a family shop in the south and in
 * food everywhere (去林记食猪脚饭, 林记的叉烧). Bare, at a clause start, after
 * 在/去/到/从/找, 叫 or 是, when the segmenter does not read 记 into a
 * word (记得, 记录) and the dictionary does not know the pair as a common
 * word (日记, 书记, 周记). A trade word after it is the other passes'. */
static qs_rc owner_ji_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 1; (i = cps_find(f, i, n, 0x8BB0 /* 记 */)) < n; i++) {
        /* 在周记里, 日记本: a diary; 记得, 记录: a word (记食 is a guess) */
        if (!tb[i - 1] || (i + 1 < n && in_set("里中上本", f[i + 1])))
            continue;
        if (i + 1 < n && !tb[i + 1]) {
            size_t te = token_end(tb, i, n);
            if (!mc->logp || mc->logp(mc->logp_arg, f + i, te - i) <= 0)
                continue;
        }
        size_t s = i - 1;
        int sur = kplain_is(mc->lx, f + s, 1, KPLAIN_SURNAME);
        size_t dish = ji_dish(mc, i + 1, n, tb);
        /* 榕記魚丸, 甬记汤圆: a place's or a word's character before 记 names
         * a shop too when the dish it sells follows */
        if (!sur && !(dish && is_han(f[s]) && mc->name_ok[s] && !mc->stop_at[s]))
            continue;
        if (s > 0 && (f[s - 1] == 0x8001 /* 老 */ || f[s - 1] == 0x963F /* 阿 */))
            s--;
        int framed = s == 0 || clause_mark(f[s - 1]) || f[s - 1] == ' ' || f[s - 1] == 0x53EB /* 叫 */ ||
                     f[s - 1] == 0x662F /* 是 */;
        for (size_t j = s >= 2 ? s - 2 : 0; j < s && !framed; j++)
            framed = (size_t)LEN(MC_CUEPRE, j) == s - j && (j == 0 || !tb || tb[j]);
        /* 在芦洲鱼市的周记鲜鱼摊: at the market visited, a dish and its
         * stall after 记 make a shop of a common word (周记) too */
        framed |= dish && visited_place_before(mc, s);
        float lp = mc->logp ? mc->logp(mc->logp_arg, f + s, i + 1 - s) : 1.0f;
        if (!framed || (lp <= 0 && lp > -12.5f && !dish))
            continue;
        /* 沈记片儿川(运河街店): what it sells, then its branch in brackets */
        size_t o = i + 1, e = dish ? dish : i + 1;
        while (o < n && o - i <= 6 && mc->name_ok[o] && !mc->stop_at[o] && !is_open(f[o]))
            o++;
        if (o < n && o > i + 1 && is_open(f[o]) && shop_bracket(f, n, o))
            e = shop_bracket(f, n, o);
        qs_rc rc = add_free_cand(mc, s, e, MERCH_CUE, 0.6, NULL, err);
        if (rc != QS_OK)
            return rc;
    }
    return QS_OK;
}

/* The length of the address at f[a..): places of the region lexicon and
 * districts, counties, towns, villages and cities by their last character,
 * then a street or road of two to four characters ending in 路, 街 or 巷,
 * and 的 after a town or village; 0 when none opens there. The address
 * ends at a district, a town, a village, a market or a road (浑滨区,
 * 石湾镇, 锦澜区浣纱街): a city or county alone before a name is part of it
 * (济南甏香居…), as the name conventions keep it. No part holds a stop
 * word (禾丰镇的|乡邮通: 的乡 is no township). */
static size_t address_len(const merch_ctx *mc, size_t a, size_t lim, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    size_t r = a, ends = a; /* ends: where the address ends so far */
    for (int more = 1; more;) {
        more = 0;
        size_t L = (size_t)LEN(MC_REGION, r);
        if (L && !LEN(MC_BRAND, r) && r + L < lim) {
            r += L;
            more = 1;
        }
        for (size_t k = 2; k <= 4 && r + k < lim && !more; k++) {
            int32_t c = f[r + k - 1];
            if (c != 0x533A /* 区 */ && c != 0x53BF /* 县 */ && c != 0x9547 /* 镇 */ && c != 0x5E02 /* 市 */ &&
                c != 0x6751 /* 村 */)
                continue;
            int ok = 1;
            for (size_t q = r; q < r + k && ok; q++)
                ok = is_han(f[q]) && mc->name_ok[q] && !mc->stop_at[q] && (q == r || !anchor_len(mc, q));
            if (ok) {
                r += k;
                more = 1;
            }
        }
        /* 上洋村, 北湖早市: a village or a market is where a stall stands */
        if (more && (in_set("区镇村", f[r - 1]) || ends_at(f, r, "早市") || ends_at(f, r, "夜市") ||
                     ends_at(f, r, "集市")))
            ends = r;
    }
    for (size_t k = 3; k <= 4 && r + k < lim; k++)
        if (in_set("路街巷", f[r + k - 1]) && tb[r] &&
            /* 浣纱|街季: the segmenter may run the street into the name */
            (tb[r + k] || (mc->logp && mc->logp(mc->logp_arg, f + r + k - 1, 2) > 0))) {
            int ok = 1;
            for (size_t q = r; q < r + k && ok; q++)
                ok = is_han(f[q]) && mc->name_ok[q] && !mc->stop_at[q] && !anchor_len(mc, q) &&
                     !LEN(MC_BRAND, q) && !LEN(MC_PLAT, q);
            if (ok) {
                ends = r + k;
                break;
            }
        }
    /* 禾丰镇的乡邮通: 的 between a town or village and its shop (福田区的华强北
     * is a district's market) */
    if (ends > a && ends < lim && f[ends] == 0x7684 /* 的 */ && in_set("镇村", f[ends - 1]))
        ends++;
    return ends - a;
}

/* 在北湖区金达莱冷面（北湖店）吃, 去锦澜区浣纱街季婆婆钵钵鸡购买: after 在, 去
 * or 从, an address, then a run of name characters and the verb of what
 * was done there, the run with its branch in brackets. The address is
 * where the shop is, no part of its name; the cue pass over 在…购买 stops
 * at the brackets and counts the address in its ten characters. Only
 * where no name was found over those characters. */
static qs_rc addressed_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i + 1 < n; i++) {
        /* the word-category scan for a cue first: most positions start none */
        if ((i = u32_find_any(mc->cats, i, n, CAT(MC_CUEPRE))) + 1 >= n)
            break;
        if (!LEN(MC_CUEPRE, i) || !tb[i])
            continue;
        size_t j = i + (size_t)LEN(MC_CUEPRE, i);
        size_t a = j + address_len(mc, j, n, tb);
        size_t k = a;
        while (k < n && k - a <= 10 && mc->name_ok[k] && !(k > a && mc->hard[k]) && !LEN(MC_CUEPOST, k))
            k++;
        size_t end = k < n && k >= a + 2 && is_open(f[k]) ? shop_bracket(f, n, k) : 0;
        size_t post = end ? end : k;
        /* 刘桂兰粘豆包摊位: a stall's 摊位 or a shop's 门店 after its name is
         * no part of it */
        if (!end && k >= a + 4 && (ends_at(f, k, "摊位") || ends_at(f, k, "门店")))
            k -= 2;
        /* an address, a branch or both: without them the cue pass sees it */
        if ((a == j && !end) || post >= n || k - a < 2 || k - a > 10 || !LEN(MC_CUEPOST, post) ||
            (a == j && !tb[a]) || !tb[k] || mc->stop_at[a] || is_digit(f[a]) || only_generic(mc, a, k))
            continue;
        int nonm = 0, taken = 0;
        for (size_t q = a; q < k; q++)
            nonm |= LEN(MC_NONM, q) != 0 || LEN(MC_REGION, q) == (int16_t)(k - q);
        for (size_t c = 0; c < mc->n_cands && !taken; c++)
            taken = (size_t)mc->cands[c].s < post && (size_t)mc->cands[c].e > j;
        char key[KEY_CAP];
        tax_sector sec;
        if (nonm || taken || common_word(mc, a, k) || clause_lead(mc, tb, a, k) || persons_home(f, a, k) ||
            /* 石湾镇海边浴场: a place of a town is no shop */
            in_set("镇村河井山湖桥路街中里内场", f[k - 1]) ||
            key_cp(mc, f + a, k - a, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        qs_rc rc = add_cand(mc, (cand){(int32_t)a, (int32_t)(end ? end : k), MERCH_CUE, sec, 0.6, -1}, err);
        if (rc != QS_OK)
            return rc;
        i = post;
    }
    return QS_OK;
}

/* A business's staff, live room and delivery, named after it (冰城之星 前台,
 * 喜来乐的司仪) */
static const char *const staff_words[] = {"店员", "店长", "店主", "老板", "服务员", "收银员", "营业员", "前台",
                                          "美容师", "理发师", "发型师", "美甲师", "按摩师", "技师", "教练",
                                          "导购", "司仪", "摄影师", "化妆师", "导游", "直播间", "外卖"};

static int staff_at(const int32_t *f, size_t n, size_t w)
{
    for (size_t i = 0; i < sizeof staff_words / sizeof *staff_words; i++)
        if (has_at(f, n, w, staff_words[i]))
            return 1;
    return 0;
}

/* The text's first k characters as a name found where it opens, unless a
 * name was found before k already. */
static qs_rc add_opening_name(merch_ctx *mc, size_t k, qs_err *err)
{
    for (size_t c = 0; c < mc->n_cands; c++)
        if ((size_t)mc->cands[c].s < k)
            return QS_OK;
    char key[KEY_CAP];
    tax_sector sec;
    if (key_cp(mc, mc->f, k, key, sizeof key, &sec, 0) != QS_OK)
        return QS_OK;
    return add_cand(mc, (cand){0, (int32_t)k, MERCH_CUE, sec, 0.7, -1}, err);
}

/* Some name other than a brand's or a platform's was found so far. */
static int shop_found(const merch_ctx *mc)
{
    for (size_t c = 0; c < mc->n_cands; c++)
        if (mc->cands[c].kind != MERCH_BRAND && mc->cands[c].kind != MERCH_PLATFORM)
            return 1;
    return 0;
}

/* The last character of a shop's own name: a home, a 记, a hall, a shop. */
static const char shop_ends[] = "家记記堂轩軒斋齋居源坊楼樓阁閣庄莊铺鋪馆館园園社汇匯帮幫";

/* The post that opens with f[s..k) goes on to treat it as a business: a
 * shop's word ends it (晴川人家, 凤栖堂, 石头记; not 回家, 卖家), it is named
 * again (with again set; a word the dictionary lacks: goods are named twice
 * too), or the business's people act further on (…结账多收了 服务员说…). */
static int treated_as_business(const merch_ctx *mc, size_t n, size_t s, size_t k, const uint8_t *tb, int again)
{
    /* beyond its staff (staff_at): the shop itself and those who act for it */
    static const char *const people[] = {"老闆", "店家", "店里", "店裡", "商家", "服務員", "师傅", "師傅",
                                         "導遊", "教練", "总监", "總監", "主播", "他们家", "他家", "这家",
                                         "這家", "工作人员", "经理", "中介", "医生", "老师", "老師", "收银",
                                         "阿姨", "骑手", "快递员"};
    static const char *const homes[] = {"回家", "老家", "大家", "全家", "在家", "到家", "商家", "店家",
                                        "厂家", "卖家", "买家", "国家", "专家", "婆家", "娘家"};
    const int32_t *f = mc->f;
    /* words of the language, all common (过年|回家), or three of them
     * (整个|房间|潮湿): a phrase; a name is coined (盐帮|人家) */
    size_t words = 0, known = 0;
    int rare = 0;
    for (size_t p = s, q; p < k; p = q, words++) {
        q = token_end(tb, p, k);
        float lp = mc->logp ? mc->logp(mc->logp_arg, f + p, q - p) : 1.0f;
        known += lp <= 0;
        rare |= lp > 0 || lp < -11.0f;
    }
    if (words >= 2 && known == words && (!rare || words >= 3))
        return 0;
    /* an idiom (挂羊头卖狗肉), a clause led by a verb (有油渍, 刚拿到手, 请大家)
     * or a product's edition (优享版) */
    if ((k - s >= 4 && mc->logp && mc->logp(mc->logp_arg, f + s, k - s) <= 0) ||
        in_set("有住去到来买吃喝坐请看用给刚拿", f[s]) || in_set("版款型", f[k - 1]))
        return 0;
    int home = 0;
    for (size_t w = 0; w < sizeof homes / sizeof *homes; w++)
        home |= k >= s + 2 && has_at(f, k, k - 2, homes[w]);
    if (!home && in_set(shop_ends, f[k - 1]))
        return 1;
    int unknown = again && mc->logp && mc->logp(mc->logp_arg, f + s, k - s) > 0;
    for (size_t q = k + 1; q < n; q++) {
        if (unknown && q + k - s <= n && memcmp(f + q, f + s, (k - s) * sizeof *f) == 0)
            return 1;
        if (staff_at(f, n, q))
            return 1;
        for (size_t w = 0; w < sizeof people / sizeof *people; w++)
            if (has_at(f, n, q, people[w]))
                return 1;
    }
    return 0;
}

/* 冰城之星 前台把我…, 仁济堂 的店员说…, 陇上阿妹 直播间卖的…: a post that
 * opens with a run of Han characters set off by a space, then 的 and what
 * it is about, or the business's staff, its live room or its delivery,
 * names the business by that run. A phrase (特别失望 客服…, 送货超时 客服…)
 * judges, holds verbs or adverbs or is a word of the language; a person
 * (快递小哥 司机) is no shop. */
static qs_rc spaced_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t k = 0;
    while (k < n && k <= 7 && is_han(f[k]) && mc->name_ok[k])
        k++;
    if (k < 2 || k > 7 || k + 2 >= n || (f[k] != ' ' && f[k] != 0x3000))
        return QS_OK;
    size_t w = k + 1;
    /* after 的, whatever the post is about is the business's (長安印象 的葫芦鸡) */
    int said = w + 1 < n && (f[w] == 0x7684 /* 的 */ || f[w] == 0x5605 /* 嘅 */) && is_han(f[w + 1]);
    said |= staff_at(f, n, w);
    /* 中原好物 买的红枣, 椰城免税精品 卖的SK-II: what was bought there */
    said |= has_at(f, n, w, "买的") || has_at(f, n, w, "卖的") || has_at(f, n, w, "买了") || has_at(f, n, w, "卖了") ||
            has_at(f, n, w, "办的") || has_at(f, n, w, "订的");
    /* 山里人家吊锅 说是土猪肉, 六安茶姑 直播说…, 乌蒙劳务 收了我们…: what it
     * claimed, streamed or took */
    said |= has_at(f, n, w, "说是") || has_at(f, n, w, "号称") || has_at(f, n, w, "直播") ||
            has_at(f, n, w, "收了") || has_at(f, n, w, "收我");
    /* 型尚 换老板了, 剪约 会员卡充了1000, 颜如玉 办了卡之后…: the card a shop
     * sold, or its closing or its new owner */
    static const char *const carded[] = {"办卡", "办了卡", "办的卡", "会员卡", "充值", "充了", "换老板", "换了老板",
                                         "关门", "跑路", "说好的"};
    said |= word_at(f, n, w, carded, sizeof carded / sizeof *carded) > 0;
    /* 崖上人家民宿 说好的…: a name that ends in its trade is one whatever
     * follows, a stop character inside it included (崖|上), unless it
     * points, counts or tells (这款平板电脑, 收了三盒水果) */
    int traded = 0;
    for (size_t q = 2; q + 1 < k && !traded; q++)
        traded = (size_t)anchor_len(mc, q) + q == k && !LEN(MC_BRANCH, q) && is_han(f[w]);
    for (size_t q = 0; q < k && traded; q++)
        traded = !is_numeral(f[q]) && !in_set("这那每某各该本我你他她它了过着", f[q]);
    said |= traded;
    /* the weaker evidence only where no shop is named otherwise */
    said |= !shop_found(mc) && treated_as_business(mc, n, 0, k, tb, 1);
    /* 一间粿条店 牌都冇: one shop of a kind, counted */
    if (!said || !tb[k] || (is_numeral(f[0]) && mc->stop_at[0]) || everyday(mc, f, k) || only_generic(mc, 0, k) ||
        clause_lead(mc, tb, 0, k) || all_plain(mc, 0, k, tb) || plain_tokens(mc, 0, k, tb, 1) || judges(f, 0, k) ||
        in_set("员师工人哥姐叔姨婆爷妈爸生", f[k - 1]))
        return QS_OK;
    for (size_t q = 0; q < k; q++)
        if (LEN(MC_NONM, q) || LEN(MC_COREF, q) || LEN(MC_PLAT, q) || LEN(MC_CUEPOST, q) ||
            (size_t)LEN(MC_REGION, q) == k - q ||
            (q > 0 && mc->stop_at[q] && tb[q + (size_t)LEN(MC_STOP, q)] && (!traded || LEN(MC_STOP, q) > 1)))
            return QS_OK;
    return add_opening_name(mc, k, err);
}

/* 喜来乐的司仪…, 雲上人家的老板…: a post that opens with three or four
 * characters, then 的 and the business's staff (or what it sold, below),
 * names it by them, a stop
 * character inside (来, 上) included, which topic_names stops at. The run
 * is no word or phrase of the language, points at or counts nothing and
 * judges nothing (刚来的服务员, 新来的, 那边的老板 are the sentence). */
static qs_rc staff_opening_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t s = opener_end(mc, n), k = s;
    while (k < n && k - s <= 4 && is_han(f[k]) && mc->name_ok[k] && f[k] != 0x7684 /* 的 */ &&
           f[k] != 0x5605 /* 嘅 */)
        k++;
    if (k - s < 3 || k - s > 4 || k + 2 >= n || (f[k] != 0x7684 && f[k] != 0x5605) || !tb)
        return QS_OK;
    /* …or then what it sold or did, where the post treats it as a business
     * further on (徽州阿婆的臭鳜鱼 一条说一斤二两… 老板说…) and no shop is
     * named otherwise */
    if (!staff_at(f, n, k + 1)) {
        /* a coined name or one a shop's word ends, not a phrase of known
         * words (订单问题, 充电接口), a place (朱槿路) or a place and a
         * verb (张家口来) */
        int coined = 0;
        for (size_t p = s, q; p < k && mc->logp; p = q) {
            q = token_end(tb, p, k);
            float lp = mc->logp(mc->logp_arg, f + p, q - p);
            coined |= (lp > 0 || lp < -13.0f) && q - p >= 2;
        }
        coined |= in_set(shop_ends, f[k - 1]);
        if (shop_found(mc) || !coined || LEN(MC_REGION, s) || in_set("路街巷道镇村区县市省州", f[k - 1]) ||
            !treated_as_business(mc, n, s, k, tb, 0))
            return QS_OK;
    }
    if (!mc->logp || mc->logp(mc->logp_arg, f + s, k - s) <= 0 || !tb[s] || !tb[k] || mc->stop_at[s] ||
        plain_tokens(mc, s, k, tb, 1) || judges(f, s, k) || everyday(mc, f + s, k - s) ||
        clause_lead(mc, tb, s, k) || in_set("员师工人哥姐叔姨婆爷妈爸生边面里", f[k - 1]))
        return QS_OK;
    for (size_t q = s; q < k; q++)
        if (is_numeral(f[q]) || in_set("我你他她它这那每某各该本们刚新旧", f[q]) || LEN(MC_NONM, q) ||
            LEN(MC_COREF, q) || LEN(MC_PLAT, q) || LEN(MC_CUEPOST, q) || anchor_len(mc, q) ||
            (size_t)LEN(MC_REGION, q) == k - q)
            return QS_OK;
    int added;
    return add_framed_name(mc, s, k, 0.7, &added, err);
}

/* 讯达买的手机…, 长江电器买的洗衣机…: a text that opens with a name and 买的
 * names where the goods were bought. Far more often such an opening is
 * when or how (双十一买的, 特价买的, 很久前买的) or with whom (和商场买的):
 * the run must be no word or phrase of the language, hold no numeral, no
 * plain word and no character of time, price or company. */
static qs_rc bought_at_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t k = 0;
    int latin = n > 0 && is_latin(f[0]);
    while (k < n && k <= 8 && mc->name_ok[k] && (latin ? is_latin(f[k]) : is_han(f[k])) &&
           !has_at(f, n, k, "买的"))
        k++;
    if (k < (latin ? 3u : 2u) || k > (latin ? 8u : 6u) || !has_at(f, n, k, "买的") || !mc->logp)
        return QS_OK;
    /* 讯|达买: an unknown name the segmenter ran into the verb (购买 is a word) */
    if (!tb[k] && mc->logp(mc->logp_arg, f + k - 1, 2) <= 0)
        return QS_OK;
    if (mc->logp(mc->logp_arg, f, k) <= 0 || plain_tokens(mc, 0, k, tb, 0) || judges(f, 0, k) ||
        everyday(mc, f, k) || only_generic(mc, 0, k) || clause_lead(mc, tb, 0, k))
        return QS_OK;
    for (size_t q = 0; q < k; q++)
        if (is_numeral(f[q]) || in_set("和跟与同给帮替为前后时次价季节刚", f[q]) || (q > 0 && mc->stop_at[q]) ||
            LEN(MC_NONM, q) || LEN(MC_COREF, q) || LEN(MC_PLAT, q) || (size_t)LEN(MC_REGION, q) == k - q)
            return QS_OK;
    return add_opening_name(mc, k, err);
}

static int rare_word_in(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb);

/* 海之味的鱿鱼丝…, 撸串大院的羊肉串…, 金鳳樓啲虾饺…: a post that opens with
 * a run and 的 (啲, 嘅) names the business whose goods or staff follow,
 * when the run reads as a name (the language model) and is no word or
 * phrase of the language, no person, time or place (我家的, 昨天的, 楼下的,
 * 介家的: 这家), nothing else names a business, and 的 stands for no 得 of
 * a verb or quality (苹果小的可怜, 付完钱的发货速度, 电池掉的特别快). */
static qs_rc opening_owner_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t k = 0;
    while (k < n && k <= 6 && is_han(f[k]) && mc->name_ok[k] && !in_set("的啲嘅", f[k]))
        k++;
    /* (订单问题的处理: the matter complained of) */
    static const char *const matters[] = {"订单", "问题", "情况", "时候", "方面", "质量", "服务", "价格", "态度"};
    for (size_t q = 0; q + 1 < k; q++)
        if (word_at(f, k, q, matters, sizeof matters / sizeof *matters))
            return QS_OK;
    /* (青岛海港路的, 大理古城的: a place; 贝贝乐办的: what was done there;
     * 兰州牛肉面的朋友们: a call to its fans) */
    if (k < 2 || k > 5 || k + 1 >= n || !in_set("的啲嘅", f[k]) || !tb[k] || !mc->logp || mc->n_cands ||
        in_set("路街巷道镇村区县市省州城港站湾", f[k - 1]) || in_set("办卖买做开送发给拍修装订租充换寄说", f[k - 1]) ||
        in_set("小大多少快慢渣痒薄厚贵差坏高低长短深浅重轻硬软脏乱", f[k - 1]) || !is_han(f[k + 1]) ||
        in_set("太很特真好可非一不都也还超挺够要没有是", f[k + 1]) || has_at(f, n, k + 1, "朋友") ||
        mc->logp(mc->logp_arg, f, k) <= 0 || plain_tokens(mc, 0, k, tb, 0) || judges(f, 0, k) || everyday(mc, f, k) ||
        only_generic(mc, 0, k) || clause_lead(mc, tb, 0, k) || all_plain(mc, 0, k, tb) || !rare_word_in(mc, 0, k, tb))
        return QS_OK;
    for (size_t q = 0; q < k; q++)
        if (is_numeral(f[q]) || in_set("我你他她它这那介每某各该本们刚新旧昨今明前后年月日天时里上下边楼完掉起此", f[q]) ||
            (q > 0 && mc->stop_at[q]) || LEN(MC_NONM, q) || LEN(MC_COREF, q) || LEN(MC_PLAT, q) ||
            (size_t)LEN(MC_REGION, q) == k - q)
            return QS_OK;
    /* and the post is a consumer's: something bought, paid for or served */
    static const char *const consumer[] = {"买", "卖", "购", "店", "老板", "商家", "退", "赔", "投诉", "骗",
                                           "坑", "充", "会员", "客服", "服务员", "价", "钱", "元", "块",
                                           "吃", "喝", "臭", "假", "坏", "霉", "过期", "头发", "苍蝇", "异物",
                                           "拉肚子", "说好", "宣传", "称", "斤", "收", "付", "发货", "快递",
                                           "标签", "不认", "不管", "不理"};
    int bought = 0;
    for (size_t q = k + 1; q < n && !bought; q++)
        bought = word_at(f, n, q, consumer, sizeof consumer / sizeof *consumer) > 0;
    return bought ? add_opening_name(mc, k, err) : QS_OK;
}

static int kind_at(const int32_t *f, size_t n, size_t a);
static int goods_word(const int32_t *f, size_t n, size_t a, size_t b);

/* f[s..e) is a word for the state of goods (变质, 过期, 发霉, 劣质). */
static int goods_state(const int32_t *f, size_t s, size_t e)
{
    static const char *const words[] = {"变质", "过期", "发霉", "劣质", "临期", "腐烂", "馊掉", "坏掉", "三无", "冒牌"};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (strlen(words[w]) == 3 * (e - s) && has_at(f, e, s, words[w]))
            return 1;
    return 0;
}

/* f[s..e) points (这边, 那个, 你们), names a place near the speaker (小区,
 * 楼下, 学校, 路口) or a time (今年, 冬天): a 字号 of common words is no
 * name when it does. */
static int near_place(const int32_t *f, size_t s, size_t e)
{
    static const char *const places[] = {"小区", "学校", "公司", "单位", "楼下", "路边", "街边", "门口", "附近", "隔壁",
                                         "对面", "一家", "某", "网上", "线上", "线下", "本地", "当地", "来电人",
                                         "投诉人", "市民", "消费者", "路口", "今年", "去年", "明年", "今天", "昨天",
                                         "每年", "冬天", "夏天"};
    for (size_t q = s; q < e; q++)
        if (in_set("这那此该本每某其哪边里外上下前后的个家你我他她们咱在", f[q]) ||
            word_at(f, e, q, places, sizeof places / sizeof *places))
            return 1;
    return 0;
}

/* 于9月在钢铁健身办理年卡, 其在发现美发办理会员卡: 在 (or a market the
 * stall is in), a 字号 that is a word of the language, the trade or shop
 * word it is known by and what was done or sold there name the business,
 * where the passes before found none (an everyday 字号 alone is a phrase:
 * 其实酒店). A 字号 that points (这边, 附近) or is a place (小区, 学校)
 * stays none. */
static qs_rc visited_word_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const done[] = {"办理", "办了", "办卡", "购买", "买了", "买的", "充值", "充了", "消费", "报名",
                                       "寄养", "定制", "订购", "洗", "剪", "染", "烫", "做了", "看房", "租了", "签了"};
    const int32_t *f = mc->f;
    if (shop_found(mc))
        return QS_OK;
    for (size_t s = 0; s + 3 < n; s++) {
        /* …or a stall inside its market (沙坡农贸市场金沙滩羊肉店给…) */
        int market = s >= 2 && ends_at(f, s, "市场");
        /* …or the subject of a caller's report or of the post itself
         * (市民来电反映：云上人家民宿国庆…, 欢唱KTV 包厢…) */
        int report = s == 0 || (s >= 3 && f[s - 1] == ':' && ends_at(f, s - 1, "反映"));
        if ((s == 0 || f[s - 1] != 0x5728 /* 在 */) && !market && !report)
            continue;
        size_t a = s + 2;
        /* (金沙滩羊肉|店, 王嬢泡菜|摊: a stall's 字号 and its goods before 店
         * or 摊 alone) */
        while (a < n && a <= s + 6 &&
               !(tb[a] && (((LEN(MC_IND, a) || LEN(MC_INDW, a) || LEN(MC_SHOP, a) >= 2) && a <= s + 4) ||
                           (LEN(MC_SHOP, a) == 1 && in_set("店摊铺", f[a])))))
            a++;
        if (a >= n || a > s + 6 || !tb[s])
            continue;
        size_t e = a + (size_t)imax(imax(LEN(MC_IND, a), LEN(MC_INDW, a)), LEN(MC_SHOP, a));
        while (e < n && LEN(MC_SHOP, e) && e + (size_t)LEN(MC_SHOP, e) <= n)
            e += (size_t)LEN(MC_SHOP, e); /* 宠物|生活馆 */
        static const char *const sold[] = {"给", "出售", "销售", "卖"};
        if (e >= n || (!word_at(f, n, e, done, sizeof done / sizeof *done) &&
                       !(market && word_at(f, n, e, sold, sizeof sold / sizeof *sold)) &&
                       !(report && tb[e] && !LEN(MC_SHOP, e) && !place_suffix(f[a - 1]) && !LEN(MC_REGION, s) &&
                         !in_set("和与及市", f[e]))))
            continue;
        int named = 1;
        for (size_t q = s; q < a && named; q++)
            named = is_han(f[q]) && mc->name_ok[q] && !LEN(MC_NONM, q) && !LEN(MC_COREF, q) && !LEN(MC_PLAT, q) &&
                    (size_t)LEN(MC_REGION, q) != a - q;
        named = named && !near_place(f, s, a) && !place_suffix(f[a - 1]);
        /* a post's own opening is a name only when its 字号 is short and
         * coined, no words or clause of the language (去了一回健身房, 出差住酒店,
         * 孩子学校), before no bare kind (华贸中心) and no dish (秘制凉皮) */
        for (size_t q = s; s == 0 && q < a && named; q++)
            named = !in_set("去到想住放把点调取说卖有没是了过着给让被啥破刚正好间老公私", f[q]);
        if (s == 0 && named)
            named = a <= 3 && mc->logp && mc->logp(mc->logp_arg, f, a) > 0 && !all_plain(mc, 0, a, tb) &&
                    !plain_tokens(mc, 0, a, tb, 0) && !everyday(mc, f, a) && !kind_at(f, n, a) &&
                    !goods_word(f, n, a, e);
        int added = 0;
        qs_rc rc = named && !only_generic(mc, s, e) ? add_framed_name(mc, s, e, 0.7, &added, err) : QS_OK;
        if (rc != QS_OK || added)
            return rc;
    }
    return QS_OK;
}

/* 筏子街那个马山爷 不是马三爷, 鲅鱼圈那个老鱼家 跟老渔家…, 延吉那个顺姬家的冷面:
 * a place, then 那个 or 那家 pointing at a run that reads as a name (the
 * language model; no word or phrase of the language, no person's word)
 * and ends at a space, a clause mark, 的 or a verb, names the business
 * there, where nothing else did; a kind of stall or sight (夜市那个烤肠摊) or
 * a thing inside something (车里那个…) does not. A platform is such a
 * place for its sellers and hosts (快手上那个威海海参哥 天天喊…, 拼多多上那个
 * 诚心果园就是…, 快手上那个“黄海渔哥” 天天喊…). */
static qs_rc pointed_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    if (shop_found(mc) || !mc->logp)
        return QS_OK;
    for (size_t i = 2; i + 4 < n; i++) {
        if (!(has_at(f, n, i, "那个") || has_at(f, n, i, "那家")))
            continue;
        /* the place pointed from: a region, or a name ending as streets and
         * towns do (筏子街, 来雁路, 鲅鱼圈) */
        int online = f[i - 1] == 0x4E0A /* 上 */ && platform_before(mc, i);
        int placed = online || (place_suffix(f[i - 1]) && !in_set("里门口", f[i - 1])) || in_set("县市镇乡圈", f[i - 1]);
        for (size_t q = i >= 6 ? i - 6 : 0; q < i && !placed; q++)
            placed = (size_t)LEN(MC_REGION, q) + q == i;
        size_t s = i + 2;
        int quoted = online && s < n && open_quote(f[s]);
        s += (size_t)quoted;
        size_t k = s;
        /* (大众点评上那家烤肉店|全是好评: an adverb ends the run there, and a
         * kind of shop is no name) */
        while (k < n && k - s <= 6 && is_han(f[k]) && mc->name_ok[k] && !in_set("的跟就吃买卖在是说", f[k]) &&
               !(online && in_set("全都也还又太真很", f[k])))
            k++;
        if (quoted && !(k < n && close_quote(f[k])))
            continue;
        size_t after = k + (size_t)quoted;
        /* (夜市那个烤肠摊, 永州那个漂流景点: a kind of stall or place, no name) */
        if (!placed || k - s < 2 || k - s > 5 || !tb[s] || (after < n && !tb[after]) || in_set("摊档点", f[k - 1]) ||
            has_at(f, k, k - 2, "摊头") || f[s] == 0x9B3C /* 鬼 */ ||
            (after < n && !(f[after] == ' ' || clause_mark(f[after]) || in_set("的跟就吃买卖在是说", f[after]))) ||
            mc->logp(mc->logp_arg, f + s, k - s) <= 0 || plain_tokens(mc, s, k, tb, 0) || everyday(mc, f + s, k - s) ||
            judges(f, s, k) || only_generic(mc, s, k) || clause_lead(mc, tb, s, k) || all_plain(mc, s, k, tb))
            continue;
        int named = 1;
        for (size_t q = s; q < k && named; q++)
            named = !(is_numeral(f[q]) || in_set("我你他她它这那每某各该本们人", f[q]) || LEN(MC_NONM, q) ||
                      LEN(MC_COREF, q) || LEN(MC_PLAT, q) || (size_t)LEN(MC_REGION, q) == k - q);
        int added = 0;
        qs_rc rc = named ? add_framed_name(mc, s, k, 0.7, &added, err) : QS_OK;
        if (rc != QS_OK || added)
            return rc;
    }
    return QS_OK;
}

/* 酱香哥直播说…, 滩羊阿哥 直播间说…, 娜塔莎在直播间说…, 柳州螺姐 主播讲…: a post
 * that opens with a run and then its live stream or its host names the
 * host by that run (a host's name may end in 哥, 姐 or 妹, which
 * spaced_names takes for a person). Not a platform (抖音直播), a count (刷到
 * 一个直播), a pointer (某直播间) or a word of the language. */
static qs_rc host_opening_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    size_t s = opener_end(mc, n), k = s;
    while (k < n && k - s <= 6 && is_han(f[k]) && mc->name_ok[k] && !has_at(f, n, k, "直播") &&
           !has_at(f, n, k, "主播") && !has_at(f, n, k, "在直播"))
        k++;
    /* (宾湾直播基地, 英雄联盟直播地址: a place or a game's stream) */
    static const char *const streams[] = {"直播间", "直播说", "直播讲", "直播开", "直播卖", "直播带货", "直播时",
                                           "直播的时候", "主播", "在直播"};
    size_t w = k < n && (f[k] == ' ' || f[k] == 0x3000) ? k + 1 : k;
    if (k - s < 2 || k - s > 6 || !word_at(f, n, w, streams, sizeof streams / sizeof *streams) ||
        !tb[s] || !tb[k] || mc->stop_at[s] || everyday(mc, f + s, k - s) || judges(f, s, k) ||
        plain_tokens(mc, s, k, tb, 1) || clause_lead(mc, tb, s, k))
        return QS_OK;
    for (size_t q = s; q < k; q++)
        if (is_numeral(f[q]) || in_set("我你他她它这那每某各该本们刷看", f[q]) || LEN(MC_NONM, q) || LEN(MC_COREF, q) ||
            LEN(MC_PLAT, q) || LEN(MC_CUEPOST, q) || (size_t)LEN(MC_REGION, q) == k - q)
            return QS_OK;
    int added;
    return add_framed_name(mc, s, k, 0.7, &added, err);
}

/* 入住神湖山庄，…, 入住了台怀山居，…: the place a stay was booked at, named
 * whole between 入住 and the clause's end, is the business (a hotel's name
 * need not end in a trade word: 山庄, 山居, 木屋). Not a generic place
 * (入住酒店), a compound or a region (入住锦绣小区), a word of the language
 * (入住率) or a clause (入住后发现). */
static qs_rc stayed_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    const int32_t *f = mc->f;
    qs_rc rc = QS_OK;
    for (size_t i = 0; rc == QS_OK && i + 2 < n; i++) {
        if (!has_at(f, n, i, "入住"))
            continue;
        size_t s = i + 2 + (f[i + 2] == 0x4E86 /* 了 */);
        size_t k = s;
        while (k < n && k - s <= 8 && is_han(f[k]) && mc->name_ok[k])
            k++;
        /* the name ends as a stay's does (山庄, 山居, 小院, 木屋, 渔家乐, 客栈);
         * a room (入住了大床房) or what was brought (入住自带毛巾) does not */
        if (k - s < 3 || k - s > 8 || k >= n || !in_set("，。,；;！!", f[k]) || !in_set("庄居院屋乐舍站营园苑阁楼轩栈", f[k - 1]) ||
            !tb[s] || !mc->logp ||
            mc->logp(mc->logp_arg, f + s, k - s) <= 0 || plain_tokens(mc, s, k, tb, 0) || judges(f, s, k) ||
            only_generic(mc, s, k) || clause_lead(mc, tb, s, k))
            continue;
        int named = 1;
        for (size_t q = s; q < k && named; q++)
            named = !(is_numeral(f[q]) || in_set("后前时的着过这那该", f[q]) || mc->stop_at[q] || LEN(MC_NONM, q) ||
                      LEN(MC_COREF, q) || LEN(MC_PLAT, q) || (size_t)LEN(MC_REGION, q) == k - q);
        int added;
        if (named)
            rc = add_framed_name(mc, s, k, 0.7, &added, err);
    }
    return rc;
}

/* f[s..e) is written right before 订单 somewhere in the text: goods that
 * were ordered (淘宝（连衣裙订单）…连衣裙穿了一次), not a seller. */
static int ordered_goods(const int32_t *f, size_t n, size_t s, size_t e)
{
    size_t len = e - s;
    for (size_t j = 0; j + len + 2 <= n; j++)
        if (has_at(f, n, j + len, "订单") && memcmp(f + j, f + s, len * sizeof *f) == 0)
            return 1;
    return 0;
}

/* 在群里, 在短信里, 在店内: after 在, a place where things are said or sold,
 * then 里 or 内, is where something was (在群里买的, 在短信里订购的), no name
 * (在时光里拍的 names a studio). */
static int inside_word(const merch_ctx *mc, size_t s, size_t e)
{
    /* longer words before the words they open: word_at takes the first */
    static const char *const places[] = {"微信群", "业主群", "群聊", "群", "短信", "网页", "页面", "链接", "网店",
                                         "店铺", "店", "商场", "超市", "朋友圈", "平台", "小程序", "公众号"};
    if (s == 0 || mc->f[s - 1] != 0x5728 /* 在 */ || e < s + 2 ||
        (mc->f[e - 1] != 0x91CC /* 里 */ && mc->f[e - 1] != 0x5185 /* 内 */))
        return 0;
    return word_at(mc->f, e - 1, s, places, sizeof places / sizeof *places) == e - 1 - s;
}

/* Where the character tagger's names are taken (its spans, gated): the
 * tagger learned from complaints, where nearly every text names a business
 * and most unknown words before 的 or a verb are one; on other text (news,
 * reviews of a dish) the same spans are people, places, titles and goods.
 * A tagged span is taken only in a text that speaks of a purchase or of the
 * complainant, with a dealing word close to it (收我, 卖的, 老板, 价目 …) or
 * a pause right after it (阿婆便肉 扁肉里…), and when it is not a person's
 * name (a surname and one or two characters), a kind of shop (那家超市), Latin
 * or digits alone (brand lists know those), a title (《…》), a speaker (…：)
 * or a judgement (好差, 超慢). */
static const char *const tag_deal[] = {
    "买", "购", "办卡", "办了", "充值", "充了", "消费", "点的", "订的", "订了", "住了", "入住", "吃了", "吃出",
    "退款", "退费", "退钱", "付款", "交了", "转账", "商家", "老板", "店员", "客服", "服务员", "店里", "门店",
    "商户", "卖家", "拉黑", "发货", "收了", "我", "本人", "俺", "来电", "市民", "消费者", "投诉", "阿拉", "咱",
    "来信", "反映", "孩子", "家长", "老人"};
static const char *const tag_near[] = {
    "买", "购", "卖", "点", "订", "吃", "喝", "住", "修", "剪", "烫", "染", "做", "办", "充", "交", "付", "转",
    "退", "收", "扣", "骗", "坑", "送", "发", "寄", "拉黑", "删", "涨价", "价", "钱", "元", "块", "费", "老板",
    "店", "员", "师傅", "客服", "商家", "卖家", "团长", "主播", "直播", "群", "微信", "朋友圈", "外卖", "套餐",
    "会员", "卡"};

static int any_word_in(const int32_t *f, size_t n, size_t a, size_t b, const char *const *ws, size_t nw)
{
    for (size_t i = a; i < b && i < n; i++)
        if (word_at(f, n, i, ws, nw))
            return 1;
    return 0;
}

static int tagged_name_ok(const merch_ctx *mc, const uint8_t *lex, const uint8_t *tb, size_t s, size_t e, size_t n)
{
    const int32_t *f = mc->f;
    /* a name starts where a word does (一家英|语培训学校 is no name) and not
     * with a word of everyday language (反映|建材店) */
    size_t first = s + 1;
    while (first < e && !tb[first])
        first++;
    if (!tb[s] || (first < e && everyday(mc, f + s, first - s)))
        return 0;
    /* a name opens with its 字号, not a trade or a company's form
     * (在直播间|服务有限公司买的), and does not swallow the verb after it
     * (在悦颜|办的卡); nor is it a word of the dictionary (火龙果买过: goods;
     * the brand lists hold the businesses that are words), a time
     * (新来的店员), a friend's home (在小李家吃饭) or a team (the lexicon
     * passes name the clubs that sell an activity: 沙狐越野俱乐部) */
    if ((lex[s] & MSPAN_ANCHOR) || LEN(MC_DESC, s) || (mc->logp && mc->logp(mc->logp_arg, f + s, e - s) <= 0) ||
        (e - s > 2 && in_set("买订约点办充报", f[e - 1])) ||
        (e - s == 2 && in_set("新刚才后本原", f[s]) && in_set("来到开", f[e - 1])) ||
        ends_at(f, e, "俱乐部") || f[e - 1] == 0x961F /* 队: a team (天禄俱乐部的季票) */ ||
        (e - s == 3 && f[s] == 0x5C0F /* 小 */ && f[e - 1] == 0x5BB6 /* 家 */ &&
         kplain_is(mc->lx, f + s + 1, 1, KPLAIN_SURNAME)))
        return 0;
    int plain = 1;
    for (size_t q = s; q < e && plain; q++)
        plain = f[q] < 0x80;
    if (plain || (e < n && (f[e] == ':' || f[e] == 0xFF1A || f[e] == 0x300B /* 》 */ || f[e] == ')')) ||
        (s > 0 && f[s - 1] == 0x300A /* 《 */) || in_set("好太超很挺真巨特非最更蛮贼极", f[s]))
        return 0;
    /* a kind of shop, not its name (镇上那家农资店, 一家二手车行) */
    static const char *const which[] = {"那家", "这家", "一家", "某家", "哪家"};
    if (any_word_in(f, e, s, e, which, sizeof which / sizeof *which) ||
        (s >= 2 && in_set("家个某", f[s - 1]) && in_set("一那这某哪", f[s - 2])))
        return 0;
    /* a person: a surname and one or two characters, none of the words a
     * shop takes after a surname (刘记, 老王家, 张姐, 李叔店) */
    size_t len = e - s;
    int styled = 0;
    for (size_t q = s; q < e && !styled; q++)
        styled = in_set("记家哥姐嫂妹叔婆姨店铺坊", f[q]);
    if (len <= 3 && !styled &&
        (kplain_is(mc->lx, f + s, 1, KPLAIN_SURNAME) || (len == 3 && kplain_is(mc->lx, f + s, 2, KPLAIN_SURNAME))))
        return 0;
    return (e < n && f[e] == ' ') ||
           any_word_in(f, n, e, e + 8 < n ? e + 8 : n, tag_near, sizeof tag_near / sizeof *tag_near) ||
           any_word_in(f, n, s > 4 ? s - 4 : 0, s, tag_near, sizeof tag_near / sizeof *tag_near);
}

/* f[s..e) is a place alone: regions, listed or by their form, and no
 * trade word (在汾滨区买的房子, 在德岭县瓷窑镇购买). */
static int place_only(const merch_ctx *mc, size_t s, size_t e)
{
    /* (橙市: two characters that only look like a city are a 字号) */
    if (region_prefix(mc, s, e) != e - s || (e - s == 2 && !LEN(MC_REGION, s)))
        return 0;
    for (size_t q = s; q < e; q++)
        if (anchor_len(mc, q))
            return 0;
    return 1;
}

/* f[s..e) is a party to a deal, not a business (群主, 收件人, 二房东). */
static int role_only(const merch_ctx *mc, size_t s, size_t e)
{
    static const char *const roles[] = {"群主", "团长", "店主", "摊主", "老板", "老板娘", "房东", "二房东", "业主",
                                        "顾客", "客户", "用户", "会员", "游客", "乘客", "家长", "学员", "收件人",
                                        "寄件人", "当事人", "负责人", "经营者", "消费者", "商家", "卖家", "买家",
                                        "骑手", "司机", "快递员"};
    size_t w = word_at(mc->f, e, s, roles, sizeof roles / sizeof *roles);
    return w == e - s;
}

/* Bare trade names that no other pass found (喜茶, 孩子王, 悠程): the
 * candidate spans of the learned scorer (mspan.h) outside the names found
 * so far, the best-scoring of overlapping ones, when the model is sure
 * enough and the span keys as a name. With a sink set, every candidate
 * goes to it (training). */
static qs_rc span_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    if (n + 1 > mc->span_cap) {
        size_t cap = mc->cap; /* ensure() made it > n */
        free(mc->slex);
        free(mc->staken);
        free(mc->ssame);
        free(mc->srk);
        mc->srk = malloc(cap);
        mc->slex = malloc(cap);
        mc->staken = malloc(cap);
        mc->ssame = malloc(cap * sizeof *mc->ssame);
        if (!mc->scand)
            mc->scand = malloc(SPAN_CANDS * sizeof *mc->scand);
        if (!mc->slex || !mc->staken || !mc->ssame || !mc->srk || !mc->scand) {
            mc->span_cap = 0;
            return qs_fail(err, QS_ENOMEM, "out of memory finding merchants");
        }
        mc->span_cap = cap;
    }
    uint8_t *lex = mc->slex, *taken = mc->staken;
    memset(lex, 0, n + 1);
    memset(taken, 0, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (mc->stop_at[i])
            lex[i] |= MSPAN_STOP;
        if (!mc->cats[i])
            continue;
        lex[i] |= (uint8_t)((LEN(MC_NONM, i) ? MSPAN_NONM : 0) | (LEN(MC_REGION, i) ? MSPAN_REGION : 0) |
                            (LEN(MC_CUEPOST, i) ? MSPAN_CUEPOST : 0) | (LEN(MC_COREF, i) ? MSPAN_COREF : 0) |
                            (anchor_len(mc, i) || LEN(MC_LIVE, i) ? MSPAN_ANCHOR : 0));
        if (LEN(MC_CUEPRE, i))
            lex[i + (size_t)LEN(MC_CUEPRE, i)] |= MSPAN_CUEPRE_END;
    }
    mspan_link_same(mc->f, n, mc->ssame);
    mspan_text t = {mc->f, n, tb, mc->name_ok, lex, taken, mc->ssame, mc->srk, mc->logp, mc->logp_arg};
    size_t nc;
    if (mc->text_sink)
        mc->text_sink(mc->text_arg, &t);
    /* training sees the spans of the names other passes found too: the
     * same contexts frame them, and they are most of the examples */
    if (mc->span_sink) {
        nc = mspan_candidates(&t, mc->scand, SPAN_CANDS);
        for (size_t i = 0; i < nc; i++)
            mc->span_sink(mc->span_arg, &mc->scand[i]);
    }
    if (!mc->span && !mc->tagger)
        return QS_OK;
    for (size_t c = 0; c < mc->n_cands; c++)
        memset(taken + mc->cands[c].s, 1, (size_t)(mc->cands[c].e - mc->cands[c].s));
    nc = mc->span ? mspan_candidates(&t, mc->scand, SPAN_CANDS) : 0;
    /* the sure ones, best first, each keeping its place against the rest */
    size_t first = mc->n_cands;
    double th = mc->span ? mspan_threshold(mc->span) : 1;
    /* the tagger where no brand is named either (在窑城天街的蜜雪冰城: the
     * brand is the business, the street around it no name) */
    int tag = mc->tagger != NULL;
    for (size_t c = 0; c < mc->n_cands && tag; c++)
        tag = mc->cands[c].kind == MERCH_PLATFORM;
    /* …and only in a text that speaks of a purchase or of the complainant
     * (tag_deal, above tagged_name_ok) */
    tag = tag && any_word_in(mc->f, n, 0, n, tag_deal, sizeof tag_deal / sizeof *tag_deal);
    if (tag) {
        int32_t sp[2 * SPAN_CANDS];
        float sc[SPAN_CANDS];
        size_t ns;
        qs_rc rc = ctag_spans(mc->tagger, &t, sp, sc, SPAN_CANDS, &ns, err);
        if (rc != QS_OK)
            return rc;
        for (size_t i = 0; i < ns; i++) {
            /* the names already found keep their characters */
            int free_span = 1;
            for (int32_t q = sp[2 * i]; q < sp[2 * i + 1] && free_span; q++)
                free_span = !taken[q];
            if (!free_span || !tagged_name_ok(mc, lex, tb, (size_t)sp[2 * i], (size_t)sp[2 * i + 1], n) ||
                ordered_goods(mc->f, n, (size_t)sp[2 * i], (size_t)sp[2 * i + 1]) ||
                place_only(mc, (size_t)sp[2 * i], (size_t)sp[2 * i + 1]) ||
                role_only(mc, (size_t)sp[2 * i], (size_t)sp[2 * i + 1]) ||
                inside_word(mc, (size_t)sp[2 * i], (size_t)sp[2 * i + 1]))
                continue;
            double p = 1 / (1 + exp(-sc[i]));
            rc = add_cand(mc, (cand){sp[2 * i], sp[2 * i + 1], MERCH_CUE, SECTOR_OTHER, p, -1}, err);
            if (rc != QS_OK)
                return rc;
        }
    }
    /* the tagger's spans before the scorer's where the two overlap: on
     * hand-written sets it never saw, its bounds are the better ones */
    size_t scored = mc->n_cands;
    for (size_t i = 0; i < nc; i++) {
        double p = mspan_score(mc->span, &mc->scand[i]);
        if (p < th || ordered_goods(mc->f, n, (size_t)mc->scand[i].s, (size_t)mc->scand[i].e) ||
            place_only(mc, (size_t)mc->scand[i].s, (size_t)mc->scand[i].e) ||
            role_only(mc, (size_t)mc->scand[i].s, (size_t)mc->scand[i].e) ||
            inside_word(mc, (size_t)mc->scand[i].s, (size_t)mc->scand[i].e))
            continue;
        qs_rc rc = add_cand(mc, (cand){mc->scand[i].s, mc->scand[i].e, MERCH_CUE, SECTOR_OTHER, p, -1}, err);
        if (rc != QS_OK)
            return rc;
    }
    if (scored - first > 1)
        qsort(mc->cands + first, scored - first, sizeof *mc->cands, cmp_span_score);
    if (mc->n_cands - scored > 1)
        qsort(mc->cands + scored, mc->n_cands - scored, sizeof *mc->cands, cmp_span_score);
    size_t kept = first;
    for (size_t i = first; i < mc->n_cands; i++) {
        cand c = mc->cands[i];
        int clash = 0;
        for (size_t j = first; j < kept && !clash; j++)
            clash = c.s < mc->cands[j].e && mc->cands[j].s < c.e;
        char key[KEY_CAP];
        tax_sector sec;
        if (clash || only_generic(mc, (size_t)c.s, (size_t)c.e) || everyday(mc, mc->f + c.s, (size_t)(c.e - c.s)) ||
            key_cp(mc, mc->f + c.s, (size_t)(c.e - c.s), key, sizeof key, &sec, 0) != QS_OK)
            continue;
        /* 上当受|骗, 忍不|住: a span that ends inside a dictionary word is a
         * piece of the sentence (源|隆充: a guess at an unknown word is no
         * such word); so is one of verbs and function words only (看不懂) */
        if (tb && (ends_in_word(mc, (size_t)c.s, (size_t)c.e, n, tb) || all_plain(mc, (size_t)c.s, (size_t)c.e, tb)))
            continue;
        /* 菜品, 稀烂: one word of the dictionary, of its commoner part */
        if (tb && token_end(tb, (size_t)c.s, (size_t)c.e) == (size_t)c.e && common_word(mc, (size_t)c.s, (size_t)c.e))
            continue;
        /* a bare name is less sure than one with its trade word */
        c.sector = sec;
        c.conf = 0.5 + 0.2 * c.conf;
        mc->cands[kept++] = c;
    }
    mc->n_cands = kept;
    return QS_OK;
}

/* 迅达手机店（黄葛区索道路）, 顺记双皮奶（佛山桑园镇）: a road, street,
 * town or district in brackets after a shop says where it is and is no part
 * of its name; after a chain's outlet word (中国联通营业厅(榆林街),
 * vivo授权体验店（黄兴路步行街）) or a known brand it names the branch. */
static void trim_address_brackets(const merch_ctx *mc, merch_mention *ms, size_t nm)
{
    static const char *const outlets[] = {"营业厅", "体验店", "专卖店", "旗舰店", "授权店"};
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (ms[i].kind == MERCH_BRAND || ms[i].kind == MERCH_PLATFORM || e < s + 5 || !is_close(f[e - 1]))
            continue;
        size_t o = e - 1;
        while (o > s && !is_open(f[o - 1]))
            o--;
        if (o <= s + 2 || o + 1 >= e - 1)
            continue;
        size_t b = o - 1, c = e - 1; /* the bracket opens at b; its content is [o, c) */
        int32_t last = f[c - 1];
        int address = in_set("县镇乡村路街巷道", last) ||
                      (last == 0x533A /* 区 */ && !in_set("校园厂景社小", f[c - 2]));
        for (size_t k = o; k < c && address; k++)
            address = is_han(f[k]) && !LEN(MC_SHOP, k) && !LEN(MC_BRANCH, k);
        int outlet = 0;
        for (size_t w = 0; w < sizeof outlets / sizeof *outlets && !outlet; w++)
            outlet = ends_at(f, b, outlets[w]);
        if (address && !outlet)
            ms[i].end = (int32_t)b;
    }
}

/* A mention the text's own words make a name (a 字号 with its trade, or
 * one a cue frames), not a listed brand, platform or registry entry: the
 * only kind whose edges the passes below move. */
static int found_name(const merch_mention *m)
{
    return m->kind == MERCH_NAME || m->kind == MERCH_CUE;
}

/* 古玩城汉唐古玩店, 花溪花卉市场芳芳鲜花店, 大理古城阿婆饵块店: a market,
 * mall or old town written before a shop's own name is where the shop
 * stands, no part of its name (the key already leaves it out). The shop
 * keeps a 字号 of its own: 万达广场店 and 万达广场大药房 are not cut. */
static void trim_place_prefix(const merch_ctx *mc, merch_mention *ms, size_t nm)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end, cut = s;
        if (!found_name(&ms[i]))
            continue;
        for (size_t p = s + 2; p + 3 <= e; p++) {
            /* a branch in brackets (鹤城国旅（鹤鸣路门市）, 坝上莜面村（雪岭路店）)
             * is no address, nor is what stands right before it */
            if (is_open(f[p - 1]) || is_open(f[p]))
                break;
            int place = 0;
            for (size_t j = s; j + 2 <= p && !place; j++)
                place = (size_t)LEN(MC_NONM, j) + j == p && in_set("城场", f[p - 1]);
            /* a place word opening the name is its 字号 (古城人家民宿) */
            place |= market_word_ends(f, s, p);
            /* 洱月巷|阿婆烧饵块, 禾丰镇|百草堂, 华岭街道|潮记牛杂: a lane, street,
             * road, 街道, town, village or island written alone before the shop
             * (not after a city or county; a registered firm keeps its
             * address whole, 威海鸥岛海珍品有限公司) */
            if (!place && p >= cut + 3 && (in_set("路街巷镇乡村岛寨", f[p - 1]) || ends_at(f, p, "街道")) &&
                (size_t)LEN(MC_REGION, s) < p - s && !firm_ends_at(mc, e) && !everyday_word(mc, p - 1, p + 1) &&
                !has_at(f, e, p - 1, "街道")) { /* 琴屿岛|岛屿冰室, 街|道: no cut inside a word */
                place = 1;
                for (size_t j = s; j + 1 < p && place; j++)
                    place = !in_set("县市", f[j]);
            }
            /* …and an everyday word after it makes one name with it
             * (阔孜路古城人家民宿) */
            if (place && !anchor_len(mc, p) && !only_generic(mc, p, e) && !everyday_word(mc, p, p + 2))
                cut = p;
        }
        ms[i].start = (int32_t)cut;
    }
}

/* 投诉对象：大院鸡公煲（戏马台店）: a branch in brackets found alone names
 * the business written right before the bracket, a run of name characters
 * after 在 or a clause's start; the name is the run with its branch */
static void attach_bracket_branch(const merch_ctx *mc, merch_mention *ms, size_t nm, size_t n)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (!found_name(&ms[i]) || s < 3 || e >= n || !is_open(f[s - 1]) ||
            !is_close(f[e]) || f[e - 1] != 0x5E97 /* 店 */ || (i > 0 && (size_t)ms[i - 1].end >= s - 1))
            continue;
        size_t r = s - 1;
        while (r > 0 && s - 1 - r < 8 && is_han(f[r - 1]) && mc->name_ok[r - 1] && !mc->stop_at[r - 1] &&
               !LEN(MC_COREF, r - 1) && f[r - 1] != 0x5728 /* 在 */)
            r--;
        int opened = r == 0 || !mc->name_ok[r - 1] || f[r - 1] == 0x5728;
        if (!opened || s - 1 - r < 2 || LEN(MC_REGION, r) == (int32_t)(s - 1 - r))
            continue;
        ms[i].start = (int32_t)r;
        ms[i].end = (int32_t)(e + 1);
    }
}

/* 从海鲜哥阿强处购买, 在张姐处买的, 在蟹老大微信上订购: 处 or 微信 after
 * a seller's name is the place of the sale, no part of the name (办事处,
 * 管理处 are words), and so is 的直播间 after a host's; 原 before one is
 * "formerly" */
static void trim_seller_place(const merch_ctx *mc, merch_mention *ms, size_t nm, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (!found_name(&ms[i]))
            continue;
        /* 原福寿园养生馆现改名…: 原 standing as a word before a name is
         * "formerly"; no hand-written record names a business with it */
        if (e >= s + 4 && f[s] == 0x539F /* 原 */ && tb && tb[s + 1])
            ms[i].start = (int32_t)++s;
        if (e >= s + 4 && ends_at(f, e, "微信"))
            ms[i].end = (int32_t)(e - 2);
        /* 辣妹子阿香的直播间: the room is the host's; the host is named */
        else if (e >= s + 6 && ends_at(f, e, "的直播间"))
            ms[i].end = (int32_t)(e - 4);
        else if (e >= s + 3 && f[e - 1] == 0x5904 /* 处 */ && s > 0 && in_set("从在向到去跟找", f[s - 1]) &&
                 !everyday_word(mc, e - 2, e) && !(e >= s + 4 && everyday_word(mc, e - 3, e)))
            ms[i].end = (int32_t)(e - 1);
    }
}

/* 在琼岛租车租车, 在一嗨租车机场门店租车, 在维扬修脚店修脚: a trade word
 * right after the same word, after a shop's 门店 or after the shop word
 * that follows the same word is the verb of what was done there. */
static void trim_trade_verb(const merch_ctx *mc, merch_mention *ms, size_t nm)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (!found_name(&ms[i]))
            continue;
        for (size_t k = 2; k <= 3 && e >= s + 2 * k; k++) {
            size_t w = e - k;
            if ((size_t)imax(LEN(MC_IND, w), LEN(MC_INDW, w)) != k)
                continue;
            /* (维扬修脚店|修脚: the trade word again after the shop word) */
            int again = e >= s + 2 * k + 1 && in_set("店馆铺", f[w - 1]) &&
                        memcmp(f + w - k - 1, f + w, k * sizeof *f) == 0;
            if (memcmp(f + w - k, f + w, k * sizeof *f) == 0 || again || ends_at(f, w, "门店") || ends_at(f, w, "分店")) {
                ms[i].end = (int32_t)w;
                break;
            }
        }
    }
}

/* 露露美甲店内未悬挂营业执照: the 店 of 店内 (inside the shop) is no part
 * of the name before it, as the 店 of 店里 is not; a shop word whose 店
 * follows no trade word (如家酒店内, 王记便利店内) stays whole. */
static void trim_inside_shop(const merch_ctx *mc, merch_mention *ms, size_t nm, size_t n)
{
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (!found_name(&ms[i]) || e >= n || e - s < 3 ||
            mc->f[e - 1] != 0x5E97 /* 店 */ || mc->f[e] != 0x5185 /* 内 */)
            continue;
        int trade = 0;
        for (size_t j = e - 1 >= s + 6 ? e - 7 : s; j + 1 < e && !trade; j++)
            trade = (size_t)LEN(MC_IND, j) + j == e - 1;
        if (trade || !shop_ends_at(mc, e))
            ms[i].end--;
    }
}

/* 骑手已做培训, 门店未做整改, 检查该洗浴中心: a clause with 已 or 未
 * (already, not yet) or a determiner (该, 此, 某) standing as a word of its
 * own inside says what was done to a business, names none; nor does a
 * place beside something (沙滩边上) or a business after 某 */
static void drop_clause_names(const merch_ctx *mc, merch_mention *ms, size_t *nm, const uint8_t *tb)
{
    static const char *const beside[] = {"边上", "旁边", "附近", "对面", "门口"};
    size_t w = 0;
    for (size_t i = 0; i < *nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        int clause = 0;
        if (found_name(&ms[i])) {
            for (size_t q = s + 1; tb && q + 1 < e && !clause; q++)
                clause = tb[q] && tb[q + 1] && in_set("已未该此某", mc->f[q]);
            /* 大连某海景酒店: a business the text will not name */
            clause |= s > 0 && mc->f[s - 1] == 0x67D0 /* 某 */;
            /* 在沙滩边上买的: a place beside something, no name */
            for (size_t b = 0; b < sizeof beside / sizeof *beside && !clause && e >= s + 4; b++)
                clause = ends_at(mc->f, e, beside[b]);
        }
        if (!clause)
            ms[w++] = ms[i];
    }
    *nm = w;
}

/* 南宁阿妹米粉店的生榨米粉, 一念瑜伽馆的空中瑜伽: a name of a trade with no
 * shop word of its own, right after a shop of that trade and 的, is what the
 * shop sells and no business: dropped. A venue (a landmark) or a platform
 * before 的 hosts a business instead (王府井百货的兰蔻, 天猫的X旗舰店), and
 * housing is left out because a developer's property company is a business
 * of the same trade. */
static void drop_shop_dishes(const merch_ctx *mc, merch_mention *ms, size_t *nm)
{
    size_t out = 0;
    for (size_t i = 0; i < *nm; i++) {
        const merch_mention *b = &ms[i], *shop = out ? &ms[out - 1] : NULL;
        tax_sector sc = b->sector;
        int dish = shop && b->kind == MERCH_NAME && shop->end + 1 == b->start && mc->f[shop->end] == 0x7684 /* 的 */ &&
                   shop->kind != MERCH_PLATFORM && !shop->landmark && !shop->copy &&
                   (sc == SECTOR_CATERING || sc == SECTOR_FOOD_RETAIL || sc == SECTOR_FITNESS || sc == SECTOR_BEAUTY) &&
                   (shop->sector == sc || (shop->sector == SECTOR_OTHER && sc == SECTOR_CATERING));
        for (size_t k = (size_t)b->start; dish && k < (size_t)b->end; k++)
            dish = (size_t)LEN(MC_SHOP, k) + k != (size_t)b->end;
        if (!dish)
            ms[out++] = ms[i];
    }
    *nm = out;
}

/* A business named as a place: 在启航教育隔壁的…, 喜乐家超市里面租柜台的…,
 * 银泰百货的X店, 在金桂大酒店会议室参加…的讲座. Marks it so that the business beside it is chosen. */
static void mark_landmarks(merch_mention *ms, size_t nm, const int32_t *f, size_t n)
{
    static const char *const where[] = {"隔壁", "旁边", "对面", "附近", "里面", "里的", "里租", "内的",
                                        "门口", "楼上", "楼下", "一楼", "二楼", "三楼", "四楼", "五楼", "六楼",
                                        "负一楼", "负二楼", "一层", "二层", "三层", "四层", "五层", "负一层",
                                        "周边", "会议室", "会场", "宴会厅", "停车场"};
    static const char *const venue[] = {"百货", "商场", "商厦", "购物中心", "电脑城", "商城", "市场",
                                        "大厦", "广场", "商业街", "美食城", "美食广场"};
    static const char where_first[] = "隔旁对附里内门楼一二三四五六负周会宴停"; /* the first character of each where word */
    static const char venue_last[] = "货场厦心城街";   /* the last character of each venue word */
    for (size_t i = 0; i < nm; i++) {
        size_t e = (size_t)ms[i].end;
        size_t p = e + (e < n && f[e] == 0x7684 /* 的 */);
        /* most names are followed by no landmark word: test the first
         * characters (where_first) before the words themselves */
        if ((p < n && in_set(where_first, f[p])) || (e < n && in_set(where_first, f[e])))
            for (size_t w = 0; w < sizeof where / sizeof *where && !ms[i].landmark; w++)
                ms[i].landmark = has_at(f, n, p, where[w]) || has_at(f, n, e, where[w]);
        if (ms[i].landmark || i + 1 >= nm || (size_t)ms[i + 1].start > e + 10)
            continue;
        /* 银泰的雅诗兰黛专柜: the counter's brand sells inside the store */
        size_t ce = (size_t)ms[i + 1].end;
        if (((size_t)ms[i + 1].start == e || ((size_t)ms[i + 1].start == e + 1 && f[e] == 0x7684 /* 的 */)) &&
            (has_at(f, n, ce, "专柜") || has_at(f, n, ce, "柜台")) && ms[i + 1].kind != MERCH_PLATFORM) {
            ms[i].landmark = 1;
            continue;
        }
        if (!e || !in_set(venue_last, f[e - 1]))
            continue;
        for (size_t w = 0; w < sizeof venue / sizeof *venue && !ms[i].landmark; w++)
            ms[i].landmark = ends_at(f, e, venue[w]) && ms[i + 1].kind != MERCH_PLATFORM;
    }
}

/* A preposition, conjunction or adverb at s, or the verb of a stay or a
 * booking (住|海悦宾馆, 订|山水间民宿), that stands before a name
 * (与|紫金矿业, 据|易联公司) rather than opening one (同仁堂, 以纯): the
 * segmenter made it a token of its own, or glued it to the name in a word
 * the dictionary does not know; a single-character 在/到/去/从 token right
 * before it means the name itself begins there (在和成酸菜鱼). */
static int lead_function(const merch_ctx *mc, size_t s, const uint8_t *tb)
{
    /* 与和同跟及或以当据仅则被由向对给将把让为于自从往并而且也都还又就才只即乃原故离距随住订 */
    static const int32_t fn[] = {0x4E0E, 0x548C, 0x540C, 0x8DDF, 0x53CA, 0x6216, 0x4EE5, 0x5F53, 0x636E,
                                 0x4EC5, 0x5219, 0x88AB, 0x7531, 0x5411, 0x5BF9, 0x7ED9, 0x5C06, 0x628A,
                                 0x8BA9, 0x4E3A, 0x4E8E, 0x81EA, 0x4ECE, 0x5F80, 0x5E76, 0x800C, 0x4E14,
                                 0x4E5F, 0x90FD, 0x8FD8, 0x53C8, 0x5C31, 0x624D, 0x53EA, 0x5373, 0x4E43,
                                 0x539F, 0x6545, 0x79BB, 0x8DDD, 0x968F, 0x4F4F, 0x8BA2};
    const int32_t *f = mc->f;
    int hit = 0;
    if (!tb || !tb[s])
        return 0;
    for (size_t k = 0; k < sizeof fn / sizeof *fn && !hit; k++)
        hit = f[s] == fn[k];
    if (!hit)
        return 0;
    if (s > 0 && tb[s - 1] && mc->hard[s] && (size_t)LEN(MC_CUEPRE, s - 1) == 1)
        return 0;
    if (tb[s + 1])
        return 1;
    size_t e = s + 1;
    while (e < s + 8 && !tb[e])
        e++;
    return !tb[e] || !mc->logp || mc->logp(mc->logp_arg, f + s, e - s) > 0;
}

/* The end of the token that starts at p, at most e. */
static size_t token_end(const uint8_t *tb, size_t p, size_t e)
{
    size_t q = p + 1;
    while (q < e && !tb[q])
        q++;
    return q;
}

/* [p, q) is a word of data/merch_plain.tsv: PLAIN_WHOLE for a frequent
 * verb, pronoun, adverb or function word, PLAIN_STRIP for a rarer one or a
 * time, number or place word, 0 when it is none. */
static int plain_word(const merch_ctx *mc, size_t p, size_t q)
{
    cpt_match pm[16];
    size_t k = cptrie_walk(mc->lx->plain, mc->f + p, q - p, pm, 16);
    for (size_t w = 0; w < k && w < 16; w++)
        if ((size_t)pm[w].len == q - p)
            return pm[w].val;
    return 0;
}

/* How the tokens of [s, e) stand against data/merch_plain.tsv: 2 when every
 * one is a plain word, 1 when some are, 0 when none is. With frequent_only,
 * only the frequent verbs, pronouns, adverbs and function words of two or
 * more characters (the W entries) count: one character (亮, 家) is too often
 * part of a name. */
static int plain_tokens(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb, int frequent_only)
{
    size_t plain = 0, all = 0;
    for (size_t p = s, q; p < e; p = q) {
        q = token_end(tb, p, e);
        int v = plain_word(mc, p, q);
        plain += frequent_only ? v == PLAIN_WHOLE && q - p >= 2 : v != 0;
        all++;
    }
    return plain == 0 ? 0 : plain == all ? 2 : 1;
}

/* [s, e) splits at token boundaries into words that cannot be a 字号
 * (data/merch_plain.tsv: verbs, adverbs, pronouns, function words, times),
 * one of two characters or more or a pronoun or measure among them (达|松
 * is an unknown name cut up). Returns
 * 2 when it is surely a phrase: a frequent verb, adverb or function word of
 * two characters or more (考虑|换), or several words (出差|住); 1 when it is
 * one rarer word alone (点评, 安居, 七天), which a cue or a clause start
 * may still make a name. */
static int all_plain(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb)
{
    size_t tokens = 0;
    int long_word = 0, long_frequent = 0, deictic = 0;
    for (size_t p = s, q; p < e; p = q) {
        q = token_end(tb, p, e);
        int v = plain_word(mc, p, q);
        if (!v)
            return 0;
        long_frequent |= q - p >= 2 && v == PLAIN_WHOLE;
        long_word |= q - p >= 2;
        deictic |= q - p == 1 && in_set("这那此该本我你他她个些", mc->f[p]);
        tokens++;
    }
    if (!long_word) /* 住|这, 有|个, 帮|我: single characters with a pronoun or a measure */
        return tokens >= 2 && deictic ? 2 : 0;
    return long_frequent || tokens >= 2 ? 2 : 1;
}

/* Where the district around f[i] ends when f[i] is inside one named right
 * after its city (十堰市汽都区: 市, two or three Han characters, 区 or 县),
 * or a town right after its city or county (儋州市那岭镇: 镇 or 乡), or 0. */
static size_t district_end(const int32_t *f, size_t n, size_t i)
{
    size_t c = i;
    while (c > 0 && i - c < 3 && is_han(f[c - 1]) && f[c - 1] != 0x5E02 /* 市 */ && f[c - 1] != 0x53BF /* 县 */)
        c--;
    if (c == 0 || (f[c - 1] != 0x5E02 && f[c - 1] != 0x53BF))
        return 0;
    int town_only = f[c - 1] == 0x53BF; /* a county holds towns, not districts */
    for (size_t k = i; k < n && k < c + 4; k++) {
        if (!is_han(f[k]))
            return 0;
        int district = !town_only && (f[k] == 0x533A /* 区 */ || f[k] == 0x53BF /* 县 */);
        int town = f[k] == 0x9547 /* 镇 */ || f[k] == 0x4E61 /* 乡 */;
        if ((district || town) && k >= c + 2)
            return k > i ? k + 1 : 0;
    }
    return 0;
}

/* [s, e) holds name characters and no stop word. */
static int plain_run(const merch_ctx *mc, size_t s, size_t e)
{
    for (size_t j = s; j < e; j++)
        if (!mc->name_ok[j] || mc->stop_at[j])
            return 0;
    return 1;
}

/* 在梧桐路的|…, 在芦洲鱼市|…, 在日喀则的|…: a place a visit was made to
 * (在 and a plain run ending in a place's last character or a listed
 * region), and 的 or not, ends right before s. */
static int visited_place_before(const merch_ctx *mc, size_t s)
{
    const int32_t *f = mc->f;
    size_t p = s >= 1 && f[s - 1] == 0x7684 /* 的 */ ? s - 1 : s;
    int region = 0; /* 在日喀则的|…: a listed city or county */
    for (size_t r = p >= 5 ? p - 5 : 0; r + 2 <= p && !region; r++)
        region = (size_t)LEN(MC_REGION, r) == p - r;
    if (p < 3 || !(region || in_set("路街巷区县镇市村城场", f[p - 1])))
        return 0;
    for (size_t j = p >= 15 ? p - 15 : 0; j + 2 < p; j++)
        if (f[j] == 0x5728 /* 在 */ && plain_run(mc, j + 1, p))
            return 1;
    return 0;
}

#define CLAUSE_FN "在去到给向比从对被把让跟和与往朝替要没订换想需经归为"

/* 点了一份赣味小厨的辣椒炒肉饭: the count is of the dish after 的; the
 * shop word at a, named by a short 字号 of its own (hs..a), owns it */
static int owner_of_counted(const merch_ctx *mc, size_t hs, size_t a, size_t n, const uint8_t *tb)
{
    size_t e = a + (size_t)anchor_len(mc, a);
    if (!tb || a < hs + 2 || a > hs + 4 || !LEN(MC_SHOP, a) || e + 1 >= n || mc->f[e] != 0x7684 /* 的 */ ||
        !is_han(mc->f[e + 1]) || dict_words(mc, hs, a) || all_plain(mc, hs, a, tb))
        return 0;
    /* 花100块钱|找|电脑城的商家: a verb standing alone is the sentence; a
     * place or a brand inside is another name's */
    for (size_t q = hs; q < a; q++)
        if ((tb[q] && tb[q + 1] && (in_set(CLAUSE_FN, mc->f[q]) || mc->f[q] == 0x627E /* 找 */)) ||
            LEN(MC_REGION, q) || LEN(MC_BRAND, q) || LEN(MC_REG, q))
            return 0;
    return 1;
}

/* 在好再来饭店, 投诉鸿运来超市: single-character stop words (再, 来) can be
 * part of a 字号 closed on the left. Returns where that 字号 begins, or a
 * when there is none. */
static size_t stopped_head(const merch_ctx *mc, size_t a, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    for (size_t q = a - (a >= 2 ? 2 : a); q + 4 >= a && q < a && a - q >= 2; q--) {
        int ok = 1;
        for (size_t j = q; j < a && ok; j++)
            ok = is_han(f[j]) && f[j] != 0x7684 /* 的 */ && LEN(MC_STOP, j) <= 1 && !LEN(MC_COREF, j) &&
                 !LEN(MC_NONM, j) && !LEN(MC_REGION, j) && LEN(MC_CUEPRE, j) <= 1 && !LEN(MC_PLAT, j);
        if (!ok)
            return a;
        if (LEN(MC_CUEPRE, q)) /* 再|来饭店: the 字号 may go on further left */
            continue;
        /* closed by 的, 在/到/去, a word like 投诉, punctuation or the start */
        /* (雪岭路|好再来饭店: a road's name standing as a word is an
         * address, as a region is) */
        int closed = q == 0 || f[q - 1] == 0x7684 || !mc->name_ok[q - 1] ||
                     (q >= 3 && (region_suffix(f[q - 1]) || (in_set("路街巷", f[q - 1]) && tb && tb[q])) &&
                      is_han(f[q - 2]) && is_han(f[q - 3]));
        for (size_t j = q >= 4 ? q - 4 : 0; j < q && !closed; j++)
            closed = (size_t)LEN(MC_CUEPRE, j) + j == q || (LEN(MC_STOP, j) > 1 && (size_t)LEN(MC_STOP, j) + j == q);
        /* 他说来饭店: stop words only are no 字号; 做了家电: nor is a verb with
         * its particle */
        int plain = 0, particle = 0;
        for (size_t j = q; j < a; j++) {
            plain |= !LEN(MC_STOP, j) && !LEN(MC_CUEPRE, j);
            particle |= f[j] == 0x4E86 /* 了 */ || f[j] == 0x7740 /* 着 */ || f[j] == 0x8FC7 /* 过 */ ||
                        f[j] == 0x5417 /* 吗 */ || f[j] == 0x5462 /* 呢 */ || f[j] == 0x5427 /* 吧 */;
            /* 特意去|超市, 寄存在|小店, 电话给|酒店: a preposition or a verb
             * of going or wanting that stands as a word of its own is the
             * sentence going on (X到家 is a name form) */
            particle |= tb && tb[j] && tb[j + 1] && in_set(CLAUSE_FN, f[j]) &&
                        !(f[j] == 0x5230 /* 到 */ && f[j + 1] == 0x5BB6 /* 家 */);
        }
        /* 专柜说找商场: a verb of saying or seeking among the stop words
         * is the text going on (美丽说, 好再来 stay names) */
        int says = 0, stops = 0;
        for (size_t j = q; j < a; j++) {
            says |= f[j] == 0x8BF4 /* 说 */ || f[j] == 0x627E /* 找 */ || f[j] == 0x95EE /* 问 */;
            stops += LEN(MC_STOP, j) == 1;
        }
        if (particle || (says && stops > 1))
            return a;
        if (closed && plain && !LEN(MC_STOP, q) && !everyday(mc, f + q, a - q))
            return q;
        if (q == 0)
            break;
    }
    return a;
}

/* A brand the segmenter split still stands when it begins a token and the
 * goods it makes follow it (格力空调), or, for three or more characters
 * (绝味鸭|脖买的), a cue, stop word or punctuation. */
static int brand_ends_clause(const merch_ctx *mc, size_t i, size_t lb, size_t n, const uint8_t *tb)
{
    size_t j = i + lb;
    if (!tb[i])
        return 0;
    /* 格力空调, 耐克鞋: the brand before the goods it makes */
    static const char *const goods[] = {"空调", "冰箱", "电视", "洗衣机", "热水器", "手机", "电脑", "鞋", "衣服",
                                        "奶粉", "汽车", "电动车", "化妆品", "面膜", "护肤品"};
    for (size_t g = 0; g < sizeof goods / sizeof *goods; g++)
        if (has_at(mc->f, n, j, goods[g]))
            return !(i > 0 && mc->f[i - 1] == 0x5F88 /* 很 */) && !everyday(mc, mc->f + i, lb);
    /* 途虎换的, 乐刻办的: a short brand the segmenter ran into a
     * one-character verb of dealing with a business, then 的/了 */
    if (j + 1 < n && in_set("买换修办做充订点拿配装剪烫洗住吃喝租报交寄退约拍", mc->f[j]) &&
        (mc->f[j + 1] == 0x7684 /* 的 */ || mc->f[j + 1] == 0x4E86 /* 了 */))
        return !everyday(mc, mc->f + i, lb);
    if (lb < 3)
        return 0;
    /* 蜜雪冰城|南珠路那家: a brand of four characters or more before the
     * road or district of its outlet (the segmenter reads 城南) */
    for (size_t k = j + 1; lb >= 4 && k < n && k <= j + 3 && is_han(mc->f[k - 1]) && mc->name_ok[k - 1]; k++)
        if (in_set("路街巷区镇", mc->f[k]))
            return 1;
    return j >= n || !mc->name_ok[j] || LEN(MC_CUEPOST, j) || LEN(MC_STOP, j) || mc->f[j] == 0x7684 /* 的 */;
}

/* X的店员, X的老板, X的售后: the people of a business follow its name, so
 * a name ending in an everyday industry word (金辉汽车的销售顾问) is one. */
static int staff_follows(const int32_t *f, size_t n, size_t e)
{
    return e < n && f[e] == 0x7684 /* 的 */ && staff_word_at(f, n, e + 1);
}

/* An industry word, strong or weak, ends at a (艺术|中心). */
static int trade_ends_at(const merch_ctx *mc, size_t a)
{
    for (size_t j = a >= 6 ? a - 6 : 0; j < a; j++)
        if ((size_t)imax(imax(LEN(MC_IND, j), LEN(MC_INDW, j)), LEN(MC_INDF, j)) + j == a)
            return 1;
    return 0;
}

/* Words for a building, a team or a school that make a business name
 * only with a trade word before them (健身中心, 舞蹈学校). */
static int institution_word(const int32_t *f, size_t n, size_t a, size_t len)
{
    static const char *const words[] = {"中心", "俱乐部", "学院", "学校"};
    for (size_t q = 0; q < sizeof words / sizeof *words; q++)
        if (utf8_cp_count(words[q]) == len && has_at(f, n, a, words[q]))
            return 1;
    return 0;
}

/* 家具 is both a trade and the goods (红木|家具, 墓碑|石材); so are the
 * dishes that name a shop (魏家凉皮, but 秘制|凉皮, 羊肉|泡馍): after words
 * for a material, a style or a meat they name the goods. */
static int goods_word(const int32_t *f, size_t n, size_t a, size_t b)
{
    static const char *const goods[] = {"家具", "石材", "凉皮", "肉夹馍", "泡馍", "胡辣汤", "烩面", "肠粉",
                                        "拌粉", "瓦罐汤", "烤冷面", "客家菜", "羊肉汤", "沙茶面"};
    for (size_t i = 0; i < sizeof goods / sizeof *goods; i++)
        if (b == a + utf8_cp_count(goods[i]) && has_at(f, n, a, goods[i]))
            return 1;
    return 0;
}

/* The words for a kind of business that need a 字号 before them. */
static const char *const kind_words[] = {"公司", "银行", "中心", "基金", "机构", "信托", "证券", "保险", "期货", "商店"};

/* Some token of f[s..e) is a rare word of the language or none at all
 * (极光, 星河: a 字号's words, not a kind's like 小, 电器, 便宜). */
static int rare_word_in(const merch_ctx *mc, size_t s, size_t e, const uint8_t *tb)
{
    if (!mc->logp || !tb)
        return 0;
    /* rare, but words of a kind all the same */
    static const char *const kinds[] = {"中餐", "西餐", "公办", "民办", "公立", "私立", "回收", "骗子", "黑心", "充电"};
    for (size_t p = s, q; p < e; p = q) {
        q = token_end(tb, p, e);
        float lp = mc->logp(mc->logp_arg, mc->f + p, q - p);
        size_t k = word_at(mc->f, q, p, kinds, sizeof kinds / sizeof *kinds);
        /* a token the trade word cuts (中|餐|馆 of 中|餐馆) is no word of it */
        if ((lp > 0 || lp < -11.0f) && !(k && p + k == q) && tb[q])
            return 1;
    }
    return 0;
}

/* f[s..e) is all words of the language model's dictionary (小额|贷款, 信用卡,
 * 私人), none of them a place: it can describe a business, not name one */
static int dict_words(const merch_ctx *mc, size_t s, size_t e)
{
    if (!mc->logp || e - s < 2)
        return 0;
    for (size_t q = s; q < e;) {
        if (!is_han(mc->f[q]) || LEN(MC_REGION, q))
            return 0;
        size_t l = e - q > 4 ? 4 : e - q;
        for (; l >= 2; l--) {
            float lp = mc->logp(mc->logp_arg, mc->f + q, l);
            if (lp <= 0 && lp > -16.0f)
                break;
        }
        if (l < 2)
            return 0;
        q += l;
    }
    return 1;
}

/* [hs, a) before the anchor at a describes a kind of business: the anchor
 * is a bare kind word (贷款|公司, 私人|银行, 多家|银行) not run on to a
 * registered form, and what precedes it is dictionary words or a region
 * alone (北京|公司, not 南京银行); a quoted name (“老中家具公司”) stays. */
/* A bare kind word (公司, 银行 …) starts at a. */
static int kind_at(const int32_t *f, size_t n, size_t a)
{
    return word_at(f, n, a, kind_words, sizeof kind_words / sizeof *kind_words) > 0;
}

static int generic_kind(const merch_ctx *mc, size_t hs, size_t a, size_t n, size_t reg)
{
    const int32_t *f = mc->f;
    size_t kl = kind_at(f, n, a) ? 2 : 0;
    /* …中心支行, …公司上海分公司: a branch of the named body follows */
    if (!kl || (a + kl < n && (anchor_len(mc, a + kl) || LEN(MC_DESC, a + kl))) ||
        (a + kl + 1 < n && (f[a + kl] == 0x652F /* 支 */ || f[a + kl] == 0x5206 /* 分 */) &&
         (f[a + kl + 1] == 0x884C /* 行 */ || f[a + kl + 1] == 0x516C /* 公 */)))
        return 0;
    size_t s = hs - reg;
    if (s > 0 && open_quote(f[s - 1]))
        return 0;
    /* 北京公司 is the company's office there; 南京银行 is a bank's name */
    if (hs == a || (size_t)LEN(MC_REGION, hs) == a - hs)
        return has_at(f, n, a, "公司");
    /* news calls the bookmakers 博彩公司 and the lenders 贷款公司 as a
     * trade's firms; only the other kind words are left to the rule */
    return reg == 0 && !has_at(f, n, a, "公司") && dict_words(mc, hs, a);
}

/* f[s..e) is a common word of the language model (竞技, 同名), not a 字号 */
static int common_word(const merch_ctx *mc, size_t s, size_t e)
{
    if (!mc->logp)
        return 0;
    float lp = mc->logp(mc->logp_arg, mc->f + s, e - s);
    return lp <= 0 && lp > -13.0f;
}

/* f[s..e) is a word of everyday speech (房屋, 车辆, 阳光), rather than one of
 * the rarer words of good omen that shops are named with (安居, 锦绣, 宏达,
 * 康宁): those sit at the far end of the language model's frequencies. */
static int everyday_word(const merch_ctx *mc, size_t s, size_t e)
{
    if (!mc->logp)
        return 0;
    float lp = mc->logp(mc->logp_arg, mc->f + s, e - s);
    return lp <= 0 && lp > -12.0f;
}

/* A numeral and a measure word end right before s (一个|, 两斤|, 3杯|). */
static int counted(const int32_t *f, size_t s)
{
    static const int32_t measure[] = {0x4E2A /* 个 */, 0x65A4 /* 斤 */, 0x7897 /* 碗 */, 0x676F /* 杯 */,
                                      0x4EFD /* 份 */, 0x6761 /* 条 */, 0x53F0 /* 台 */, 0x90E8 /* 部 */,
                                      0x74F6 /* 瓶 */, 0x76D2 /* 盒 */, 0x888B /* 袋 */, 0x53EA /* 只 */,
                                      0x4EF6 /* 件 */, 0x5957 /* 套 */, 0x6839 /* 根 */, 0x5757 /* 块 */};
    static const char *const numerals = "一二两三四五六七八九十几半";
    if (s < 2)
        return 0;
    int m = 0;
    for (size_t i = 0; i < sizeof measure / sizeof *measure && !m; i++)
        m = f[s - 1] == measure[i];
    if (!m || count_place(f[s]))
        return 0;
    if (is_digit(f[s - 2]))
        return 1;
    size_t k = 0, wl = strlen(numerals);
    while (k < wl) {
        UChar32 u;
        U8_NEXT(numerals, k, wl, u);
        if (f[s - 2] == u)
            return 1;
    }
    return 0;
}

/* A numeral and a span of time start at s (一学期|午托, 两年|会员, 三个月|私教),
 * or a count's measure word does after a number (上了12|次后|瑜伽馆): what
 * was bought or how often, not a 字号. */
static int timed(const int32_t *f, size_t s, size_t e)
{
    static const char *const spans[] = {"学期", "个月", "年", "周", "星期", "季度", "期"};
    if (s > 0 && s < e && (is_numeral(f[s - 1]) || in_set("几半", f[s - 1])) && in_set("次个回趟遍", f[s]))
        return 1;
    if (s + 2 > e || !(is_numeral(f[s]) || in_set("几半", f[s])))
        return 0;
    for (size_t w = 0; w < sizeof spans / sizeof *spans; w++)
        if (has_at(f, e, s + 1, spans[w]))
            return 1;
    return 0;
}

/* A shop named as an online one (X家居旗舰店, X专营店, X美业直播间, X代购店)
 * is online shopping whatever it sells, and so is a shop on a platform
 * (拼多多上的“优品生活馆”, 天猫上绿源家居) that sells goods (taxonomy: 网店、
 * 直播间、平台店铺); a restaurant or salon whose voucher was bought on a
 * platform keeps its trade (抖音团购的悦来火锅). */
static void online_shops(merch_mention *ms, size_t nm, const int32_t *f, size_t n)
{
    static const char *const online[] = {"旗舰店", "专营店", "直播间", "直播店", "代购店", "代购"};
    for (size_t i = 0; i < nm; i++) {
        size_t me = (size_t)ms[i].end;
        /* a reseller of a brand (雅诗兰黛代购店) is a shop online of its own */
        if (ms[i].kind == MERCH_BRAND && (ends_at(f, me, "代购店") || ends_at(f, me, "代购"))) {
            ms[i].sector = SECTOR_ECOMMERCE;
            continue;
        }
        if (!found_name(&ms[i]))
            continue;
        int on = 0;
        if (me > 0 && in_set("店间购" /* their last characters */, f[me - 1]))
            for (size_t w = 0; w < sizeof online / sizeof *online && !on; w++)
                on = ends_at(f, me, online[w]);
        tax_sector s = ms[i].sector;
        int goods = s == SECTOR_OTHER || s == SECTOR_ELECTRONICS || s == SECTOR_HOUSING || s == SECTOR_FOOD_RETAIL;
        /* 锐青饭店旗舰店, 蓝美水果店旗舰店: after a service's industry word
         * or a shop word, 旗舰店 is the flagship branch, not a shop online */
        if (on && ends_at(f, (size_t)ms[i].end, "旗舰店") && ms[i].end - ms[i].start >= 5 &&
            (!goods || f[ms[i].end - 4] == 0x5E97 /* 店 */ || ends_at(f, (size_t)ms[i].end - 3, "超市")))
            on = 0;
        if (!on && goods && i > 0 && ms[i - 1].kind == MERCH_PLATFORM && ms[i - 1].sector == SECTOR_ECOMMERCE &&
            ms[i].start - ms[i - 1].end <= 6) {
            on = 1;
            /* 京东上看到的, 淘宝搜到: the platform named only as where one looked */
            for (int32_t q = ms[i - 1].end; q < ms[i].start && q < (int32_t)n; q++)
                on &= f[q] != 0xFF0C && f[q] != 0x3002 && f[q] != ',';
        }
        if (on)
            ms[i].sector = SECTOR_ECOMMERCE;
    }
}

/* The end of the name f[s..e) without a final 官方 (X官方网店, X官方旗舰店 are
 * X's own shop online), two characters of its own kept. */
static size_t without_official(const int32_t *f, size_t s, size_t e)
{
    return e >= s + 4 && ends_at(f, e, "官方") ? e - 2 : e;
}

/* 移动营业厅（解放路）, 中国联通朱槿营业厅, 汝河县中国移动营业厅, 中国联通（炎帝路营业厅）:
 * a carrier's hall, bare, by its road or with its branch in brackets, is
 * where the carrier was dealt with; the business is the carrier, as 328 of
 * the 340 studied records naming one write it. And 高原小铺网店: a shop's
 * 网店 after its name is how it sells (31 to 0). */
static void trim_outlets(const merch_ctx *mc, merch_mention *ms, size_t nm)
{
    /* a carrier's hall and a fuel chain's station are the chain (中国联通
     * 炎帝路营业厅, 中石化加油站, 中国石油乐湟加油站便利店) */
    static const char *const carriers[] = {"中国移动", "中国联通", "中国电信", "移动", "联通", "电信"};
    static const char *const fuel[] = {"中国石化", "中石化", "中国石油", "中石油", "中海油", "壳牌"};
    static const struct {
        const char *const *chains;
        size_t n;
        const char *outlet;
    } kinds[] = {{carriers, sizeof carriers / sizeof *carriers, "营业厅"}, {fuel, sizeof fuel / sizeof *fuel, "加油站"}};
    const int32_t *f = mc->f;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end;
        if (e < s + 4)
            continue;
        if (ms[i].kind != MERCH_PLATFORM && ends_at(f, e, "网店") && !LEN(MC_PLAT, s)) {
            ms[i].end = (int32_t)without_official(f, s, e - 2); /* 柳香源官方网店 */
            continue;
        }
        /* the chain at the start, or after the county or city it is in */
        size_t p = s, w = 0;
        const char *outlet = NULL;
        for (size_t kd = 0; kd < sizeof kinds / sizeof *kinds && !w; kd++) {
            p = s;
            w = word_at(f, e, s, kinds[kd].chains, kinds[kd].n);
            if (!w && LEN(MC_REGION, s) > 0 && (size_t)LEN(MC_REGION, s) + s < e) {
                p = s + (size_t)LEN(MC_REGION, s);
                w = word_at(f, e, p, kinds[kd].chains, kinds[kd].n);
            }
            outlet = kinds[kd].outlet;
        }
        if (!w)
            continue;
        size_t c = p + w, q = c;
        int hall = 0;
        if (q < e && is_open(f[q]) && e >= q + 5 && is_close(f[e - 1]) && ends_at(f, e - 1, outlet)) {
            hall = 1; /* 中国联通（炎帝路营业厅） */
        } else {
            while (q < e && q < c + 4 && is_han(f[q]) && !has_at(f, e, q, outlet))
                q++;
            if (has_at(f, e, q, outlet)) {
                q += 3;
                /* …营业厅（柿园路）: its branch; …加油站便利店: its shop */
                hall = q == e || (is_open(f[q]) && is_close(f[e - 1])) || (q + 3 == e && has_at(f, e, q, "便利店"));
            }
        }
        for (size_t k = c; hall && k < e; k++)
            hall = !has_at(f, e, k, "公司"); /* 中国移动厦门分公司营业厅: a registered name */
        if (hall) {
            ms[i].start = (int32_t)p;
            ms[i].end = (int32_t)c;
            if ((size_t)LEN(MC_BRAND, p) == w) /* the chain's trade, not its shop's (便利店) */
                ms[i].sector = (tax_sector)VAL(MC_BRAND, p);
        }
    }
}

/* The clause around a name, taken into it where the segmenter ran them
 * together: 在|临县万福超市, 点|一品川味的 (a verb or preposition standing as
 * its own word before it), and how it sells after it: 俄货小丽|朋友圈,
 * 湖鲜到家|淘宝店, 老宿州卤味坊|抖音店铺, 安康硒源茶业有限公司|官方网店 (a
 * platform or its shop word, as 126 records of all sets write 朋友圈 and
 * 11 of 14 a platform's 店 outside the name). The name is keyed anew. */
static void trim_clause_edges(merch_ctx *mc, size_t nm, const uint8_t *tb)
{
    static const char *const shop_words[] = {"店铺", "小店", "网店", "店"};
    const int32_t *f = mc->f;
    merch_mention *ms = mc->ms;
    for (size_t i = 0; i < nm; i++) {
        size_t s = (size_t)ms[i].start, e = (size_t)ms[i].end, s0 = s, e0 = e;
        if (!found_name(&ms[i]) || ms[i].kind == MERCH_PLATFORM || ms[i].kind == MERCH_BRAND || ms[i].reg >= 0)
            continue;
        if (e >= s + 4 && in_set("在点", f[s]) && tb && tb[s + 1] && !LEN(MC_BRAND, s))
            s++;
        /* 快手直播|间恩施腊肉哥: the end of a live room's word before the host */
        for (size_t q = s >= 3 ? s - 3 : 0; q < s; q++)
            if (LEN(MC_LIVE, q) && q + (size_t)LEN(MC_LIVE, q) > s && q + (size_t)LEN(MC_LIVE, q) + 2 <= e)
                s = q + (size_t)LEN(MC_LIVE, q);
        /* 龙乡|路爱玛电动车专卖店: the road's last character, read into the
         * name after it */
        if (e >= s + 4 && s > 0 && in_set("路街巷", f[s]) && is_han(f[s - 1]) && mc->name_ok[s - 1] && !LEN(MC_BRAND, s) &&
            !LEN(MC_REG, s) && tb && tb[s + 1])
            s++;
        if (e >= s + 5 && ends_at(f, e, "朋友圈"))
            e -= 3;
        for (size_t q = s + 2; q + 2 <= e; q++) {
            size_t L = (size_t)LEN(MC_PLAT, q);
            if (!L || q + L > e)
                continue;
            size_t w = q + L == e ? 0 : word_at(f, e, q + L, shop_words, sizeof shop_words / sizeof *shop_words);
            if (q + L + w == e) {
                e = q;
                break;
            }
        }
        e = without_official(f, s, e);
        if ((s == s0 && e == e0) || e < s + 2 || (e == s + 2 && has_at(f, e, s, "官方")))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, e - s, key, sizeof key, &sec, 1) != QS_OK)
            continue;
        ms[i].start = (int32_t)s;
        ms[i].end = (int32_t)e;
        memcpy(mc->keys + (ms[i].key - mc->keys), key, sizeof key);
    }
}

static int cmp_mention(const void *pa, const void *pb)
{
    const merch_mention *a = pa, *b = pb;
    return a->start - b->start;
}

/* Room for mention nm and its key in slot nm. The keys move with their
 * buffer, each mention keeping its own slot. */
static qs_rc ms_reserve(merch_ctx *mc, size_t nm)
{
    if (nm < mc->cap_ms)
        return QS_OK;
    size_t nc = mc->cap_ms * 2 + 4;
    merch_mention *pm = realloc(mc->ms, nc * sizeof *pm);
    if (!pm)
        return QS_ENOMEM;
    mc->ms = pm;
    char *kb = malloc(nc * KEY_CAP);
    if (!kb)
        return QS_ENOMEM;
    memcpy(kb, mc->keys, mc->cap_ms * KEY_CAP);
    for (size_t j = 0; j < nm; j++)
        mc->ms[j].key = kb + (mc->ms[j].key - mc->keys);
    free(mc->keys);
    mc->keys = kb;
    mc->cap_ms = nc;
    return QS_OK;
}

/* 华信通讯店…华信通讯卖给我, 福康源养生会所…福康源的人: after a business is
 * named in full, its 字号 alone names it again. Adds those later mentions
 * with the full name's key; keeps the mentions in text order. */
static qs_rc trade_refs(merch_ctx *mc, const int32_t *f, size_t n, const uint8_t *tb, size_t *nm)
{
    size_t n0 = *nm;
    for (size_t i = 0; i < n0; i++) {
        const merch_mention *m = &mc->ms[i];
        if (m->kind != MERCH_NAME && m->kind != MERCH_REGISTRY && m->kind != MERCH_CUE)
            continue;
        /* the 字号: the key before its first industry or shop word */
        int32_t kc[64];
        size_t kn = 0, ki = 0, kl = strlen(m->key);
        while (ki < kl && kn < 64) {
            UChar32 u;
            U8_NEXT(m->key, ki, kl, u);
            kc[kn++] = u;
        }
        size_t h = kn;
        for (size_t q = 2; q < kn && h == kn; q++) {
            static const int cats[] = {MC_IND, MC_INDW, MC_SHOP};
            for (size_t c = 0; c < 3; c++)
                if (cptrie_longest(mc->lx->t, kc + q, kn - q, cats[c], NULL))
                    h = q;
        }
        /* 悠程APP…悠程: the Han trade name before a Latin word */
        size_t hp = 0;
        while (hp < kn && is_han(kc[hp]))
            hp++;
        if (h == kn && hp >= 2 && hp < kn && is_latin(kc[hp]))
            h = hp;
        int han = 1;
        for (size_t q = 0; q < h; q++)
            han &= is_han(kc[q]);
        if (!han || h < 2 || h > 6 || (h == 2 && everyday(mc, kc, h)))
            continue;
        /* a 字号 that is a word of the language (海豚 of 海豚馆, 黄金 of 黄金
         * 矿业) does not stand for the business alone; the whole name
         * again (中阳装修) does */
        float lp = mc->logp && h <= 4 ? mc->logp(mc->logp_arg, kc, h) : 1;
        int word = lp <= 0 && lp > -13.0f;
        /* the whole name again is the 字号 and the trade word as written
         * (华信通讯), which the key may have replaced by its sector's word */
        for (size_t q = (size_t)m->start; q + h <= (size_t)m->end; q++) {
            size_t z = 0;
            while (z < h && f[q + z] == kc[z])
                z++;
            if (z < h)
                continue;
            size_t w = (size_t)imax(imax(LEN(MC_IND, q + h), LEN(MC_INDW, q + h)), LEN(MC_INDF, q + h));
            if (w && q + h + w <= (size_t)m->end && h + w <= 64) {
                memcpy(kc + h, f + q + h, w * sizeof *kc);
                kn = h + w;
            } else {
                kn = h;
            }
            break;
        }
        const int32_t k0 = kc[0];
        for (size_t at = (size_t)m->end; at + h <= n; at++) {
            at = cps_find(f, at, n - h, k0); /* the cheap scan first: most positions start no 字号 */
            if (f[at] != k0)
                continue;
            size_t q = 0;
            while (q < kn && at + q < n && f[at + q] == kc[q])
                q++;
            size_t L = q == kn ? kn : h; /* the whole key (华信通讯) before the 字号 alone */
            if (q < h || (tb && !(tb[at] && tb[at + L])) || (at > 0 && is_han(f[at - 1]) && !mc->hard[at]) ||
                (word && L == h))
                continue;
            int taken = 0;
            for (size_t j = 0; j < *nm && !taken; j++)
                taken = mc->ms[j].start < (int32_t)(at + L) && (int32_t)at < mc->ms[j].end;
            if (taken)
                continue;
            if (ms_reserve(mc, *nm) != QS_OK)
                return QS_ENOMEM;
            m = &mc->ms[i];
            char *key = mc->keys + *nm * KEY_CAP;
            snprintf(key, KEY_CAP, "%s", m->key);
            mc->ms[(*nm)++] = (merch_mention){(int32_t)at, (int32_t)(at + L), m->kind, m->sector, 0.7, m->reg, 0,
                                              key, 0, 0, 0, 0};
            at += L - 1;
        }
    }
    if (*nm > n0)
        qsort(mc->ms, *nm, sizeof *mc->ms, cmp_mention);
    return QS_OK;
}

/* A brand of this sector is a shop one goes to (如家酒店, 蜜雪冰城), not
 * goods one buys. */
static int service_sector(tax_sector s)
{
    return s == SECTOR_CATERING || s == SECTOR_TRAVEL || s == SECTOR_FITNESS || s == SECTOR_BEAUTY ||
           s == SECTOR_EDUCATION || s == SECTOR_SERVICES;
}

/* The text says one business copies another (一模一样, 山寨, 以为是 …). */
static int copy_told(const int32_t *f, size_t n)
{
    /* as code points, so that a call decodes no UTF-8 */
    static const char32_t *const cues[] = {U"一模一样", U"几乎一样", U"几乎一致", U"高度相似", U"山寨", U"冒充",
                                           U"仿冒",     U"假冒",     U"混淆",     U"以为是",   U"李鬼", U"傍名牌",
                                           U"蹭",       U"差一个字", U"模仿",     U"照抄"};
    uint64_t first[16] = {0}; /* a bit for each cue's first character, by its low 10 bits */
    for (size_t w = 0; w < sizeof cues / sizeof *cues; w++)
        first[cues[w][0] >> 6 & 15] |= (uint64_t)1 << (cues[w][0] & 63);
    for (size_t i = 0; i < n; i++) {
        if (!(first[(uint32_t)f[i] >> 6 & 15] >> ((uint32_t)f[i] & 63) & 1))
            continue;
        for (size_t w = 0; w < sizeof cues / sizeof *cues; w++) {
            size_t k = 0;
            while (cues[w][k] && i + k < n && (int32_t)cues[w][k] == f[i + k])
                k++;
            if (!cues[w][k])
                return 1;
        }
    }
    return 0;
}

int merch_copy_told(const merch_ctx *mc)
{
    return mc->copy_told;
}

/* a[0..L) and b[0..L) differ in one Han character, no numeral (三星酒店
 * and 五星酒店 are grades) */
static int one_off(const int32_t *a, const int32_t *b, size_t L)
{
    size_t d = 0;
    for (size_t q = 0; q < L; q++)
        if (a[q] != b[q]) {
            if (!is_han(a[q]) || !is_han(b[q]) || is_numeral(a[q]) || is_numeral(b[q]))
                return 0;
            d++;
        }
    return d == 1;
}

/* 新开了家蜜雪冰诚…跟蜜雪冰城一模一样, 茶白道…还以为是茶百道: in a text
 * that says one business copies another, a name one character off a brand
 * named beside it is the imitation the text is about, keyed apart; the
 * brand is its model. A window of the text that is such a name becomes a
 * mention when nothing was found there. */
static qs_rc lookalikes(merch_ctx *mc, const int32_t *f, size_t n, size_t *nm)
{
    if (!(mc->copy_told = copy_told(f, n)))
        return QS_OK;
    size_t n0 = *nm;
    for (size_t i = 0; i < n0; i++) {
        size_t as = (size_t)mc->ms[i].start, L = (size_t)(mc->ms[i].end - mc->ms[i].start);
        if (mc->ms[i].kind != MERCH_BRAND || L < 3 || L > 6)
            continue;
        /* a goods brand's imitation is fake goods (六个核挑), not the seller */
        tax_sector ms_sec = mc->ms[i].sector;
        int goods = !service_sector(ms_sec);
        int copied = 0;
        for (size_t j = 0; j < *nm; j++) {
            merch_mention *b = &mc->ms[j];
            if (j == i || (size_t)(b->end - b->start) < L || !one_off(f + as, f + b->start, L))
                continue;
            copied = 1;
            b->copy = 2;
            b->goods |= goods;
            if (strcmp(b->key, mc->ms[i].key) == 0)
                encode(f + b->start, (size_t)(b->end - b->start), (char *)b->key, KEY_CAP);
        }
        for (size_t p = 0; p + L <= n; p++) {
            int fit = 1;
            for (size_t q = p; q < p + L && fit; q++)
                fit = is_han(f[q]) && mc->name_ok[q];
            for (size_t j = 0; j < *nm && fit; j++)
                fit = !(mc->ms[j].start < (int32_t)(p + L) && (int32_t)p < mc->ms[j].end);
            if (!fit || !one_off(f + as, f + p, L) || only_generic(mc, p, p + L))
                continue;
            if (ms_reserve(mc, *nm) != QS_OK)
                return QS_ENOMEM;
            char *key = mc->keys + *nm * KEY_CAP;
            tax_sector sec;
            if (key_cp(mc, f + p, L, key, KEY_CAP, &sec, 0) != QS_OK || strcmp(key, mc->ms[i].key) == 0)
                encode(f + p, L, key, KEY_CAP);
            mc->ms[(*nm)++] = (merch_mention){(int32_t)p, (int32_t)(p + L), MERCH_CUE, ms_sec, 0.7, -1, 0,
                                              key, 0, goods, 0, 2};
            copied = 1;
            p += L - 1;
        }
        if (copied && !goods)
            mc->ms[i].copy = 1;
    }
    if (*nm > n0)
        qsort(mc->ms, *nm, sizeof *mc->ms, cmp_mention);
    return QS_OK;
}

/* Where the key of a name ending at e ends: after 网店 or 店铺 (润新网店,
 * named 润新), which the key keeps, as it did before the name lost them. */
static size_t online_word_after(const int32_t *f, size_t n, size_t e)
{
    return e + (has_at(f, n, e, "网店") || has_at(f, n, e, "店铺") ? 2 : 0);
}

/* f[o..c) inside brackets after a registered firm's name (ending at o - 1
 * in its organisation form) is the name it trades under, no branch
 * (甜源商贸有限公司（蜜雪冰城涌边路店）, 闽府餐饮有限公司（闽府酒楼）): the firm is
 * the business named. So is a registered shop's full name after a brand
 * (鑫诚数码（哈尔滨市江畔区鑫诚通讯器材店）). A branch (（开发区店）) has no trade or
 * shop word of its own before its 店 or 校区. */
static int bracket_aside(const merch_ctx *mc, size_t o, size_t c)
{
    const int32_t *f = mc->f;
    if (c < o + 3)
        return 0;
    int firm = 0;
    for (size_t q = o >= 12 ? o - 12 : 0; q + 1 < o && !firm; q++)
        firm = (size_t)LEN(MC_ORG, q) + q == o - 1 && !has_at(f, c, q, "个体") && LEN(MC_ORG, q) >= 2;
    size_t reg = (size_t)LEN(MC_REGION, o);
    if (reg && in_set("路街道巷", f[o + reg])) /* 中山|路: a road, not a city */
        reg = 0;
    if (!firm && !(reg >= 2 && reg + 4 <= c - o))
        return 0;
    /* the branch word closing it is no trade of its own */
    size_t b = c;
    if (ends_at(f, c, "校区") || ends_at(f, c, "分校") || ends_at(f, c, "分店") || ends_at(f, c, "门店"))
        b = c - 2;
    else if (f[c - 1] == 0x5E97 /* 店 */)
        b = c - 1;
    for (size_t q = o + reg; q < b; q++) {
        size_t l = (size_t)imax(imax(LEN(MC_IND, q), LEN(MC_INDW, q)), imax(LEN(MC_BRAND, q), LEN(MC_SHOP, q)));
        if (l >= 2 && q + l <= c)
            return 1;
    }
    return 0;
}

/* A branch in brackets right after a name (腾达直播间(万达店), XX健身(开发区店))
 * belongs to that name when the name itself was not extended over it: on
 * its own it would make the branch's place (万达) a business joining every
 * shop of that mall. */
static void drop_bracket_branches(merch_mention *ms, size_t *nm, const int32_t *f, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < *nm; i++) {
        const merch_mention *b = &ms[i];
        int bracketed = b->start >= 1 && f[b->start - 1] == '(' && (size_t)b->end < n && f[b->end] == ')';
        int branch = b->end - b->start >= 2 && (f[b->end - 1] == 0x5E97 /* 店 */ ||
                                                (f[b->end - 2] == 0x6821 && f[b->end - 1] == 0x533A)); /* 校区 */
        if (bracketed && branch && out > 0 && ms[out - 1].end >= b->start - 8)
            continue;
        ms[out++] = ms[i];
    }
    *nm = out;
}

/* A branch in brackets or a 店 closes the name at e (…(万达店), …校区). */
static int branch_ends(const int32_t *f, size_t e)
{
    return e >= 2 && (is_close(f[e - 1]) || (f[e - 2] == 0x6821 && f[e - 1] == 0x533A) /* 校区 */);
}

/* A registered form, 公司, 集团 or 工作室 ends at e. */
static int firm_ends_at(const merch_ctx *mc, size_t e)
{
    if (org_ends_at(mc, e))
        return 1;
    return e >= 2 && ((mc->f[e - 2] == 0x516C && mc->f[e - 1] == 0x53F8) || /* 公司 */
                      (mc->f[e - 2] == 0x96C6 && mc->f[e - 1] == 0x56E2) || /* 集团 */
                      (e >= 3 && mc->f[e - 3] == 0x5DE5 && mc->f[e - 2] == 0x4F5C && mc->f[e - 1] == 0x5BA4)); /* 工作室 */
}

/* Where names found by their anchor begin, once every pass has run:
 *  - a firm named by a brand and what it does (派拉蒙影片公司, 中金小额贷款
 *    公司, 育碧多伦多工作室) begins with the brand;
 *  - a conjunction or preposition before a place or a brand inside the
 *    name (和|大连万达集团, 同|甘肃信托) is no part of it. */
/* The address that opens a shop's name, f[s..result): a road or street (松园北路,
 * 冰花街, 世纪大道, 槐荫胡同, 长乐弄), a district before it allowed (雪城区冰花街), or 0. An
 * address is where the shop is, not what it is called: 松园北路济民大药房 is
 * 济民大药房. The 字号 after it must be two characters of no trade word, so
 * 中山路大药房 keeps its road. */
/* The name ending at e closes with its registered form in brackets
 * (刘记粉店（个体工商户）). */
static int registered_bracket(const int32_t *f, size_t e, size_t n)
{
    if (e >= n || !is_open(f[e]))
        return e >= 7 && is_close(f[e - 1]) && has_at(f, n, e - 6, "工商户");
    return has_at(f, n, e + 1, "个体工商户") || has_at(f, n, e + 1, "個體工商戶");
}

/* The name ending at e ends in a form of an individual business's
 * registration (…门市部, …服务部, …门诊部, …学校). */
static int registered_form(const int32_t *f, size_t e)
{
    static const char *const forms[] = {"门市部", "服务部", "经营部", "门诊部", "学校", "商行"};
    for (size_t w = 0; w < sizeof forms / sizeof *forms; w++) {
        size_t L = utf8_cp_count(forms[w]);
        if (e >= L && ends_at(f, e, forms[w]))
            return 1;
    }
    return 0;
}

static size_t road_prefix(const merch_ctx *mc, size_t s, size_t e, size_t n, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    size_t r = s;
    /* a city before the district (宁波市甬澜区柳汀街, 阳江渔湾区鸳鸯路) */
    for (size_t k = 2; k <= 3 && r == s && s + k + 7 <= e; k++)
        if ((f[s + k - 1] == 0x5E02 /* 市 */ || (size_t)LEN(MC_REGION, s) == k) && (!tb || tb[s + k]))
            for (size_t d = 2; d <= 4 && r == s; d++)
                if (region_suffix(f[s + k + d - 1]) && f[s + k + d - 1] != 0x5E02 && (!tb || tb[s + k + d]))
                    r = s + k + d;
    for (size_t k = 2; k <= 3 && r == s && s + k + 5 <= e; k++)
        if (region_suffix(f[s + k - 1]) && f[s + k - 1] != 0x5E02 /* 市 */ && (!tb || tb[s + k]))
            r = s + k;
    for (size_t k = 3; k <= 5 && r + k + 3 <= e; k++) {
        int32_t z = f[r + k - 1];
        if (!(z == 0x8DEF /* 路 */ || z == 0x8857 /* 街 */ || z == 0x5DF7 /* 巷 */ || z == 0x5F04 /* 弄 */ ||
              (z == 0x540C /* 同 */ && f[r + k - 2] == 0x80E1 /* 胡 */) ||
              (z == 0x9053 /* 道 */ && f[r + k - 2] == 0x5927 /* 大 */)) ||
            (tb && !tb[r + k] && !(mc->logp && mc->logp(mc->logp_arg, f + r + k - 1, 2) > 0))) /* 柳汀|街福: no word */
            continue;
        int ok = 1;
        for (size_t j = s; j < r + k + 2 && ok; j++)
            ok = is_han(f[j]) && mc->name_ok[j] &&
                 (j < r + k ? !LEN(MC_BRAND, j) && !LEN(MC_REG, j) && !LEN(MC_PLAT, j)
                            : !LEN(MC_SHOP, j) && !LEN(MC_IND, j) && !LEN(MC_INDW, j) && !LEN(MC_BRANCH, j) &&
                                  !LEN(MC_ORG, j));
        return ok ? r + k - s : 0;
    }
    /* 禾丰镇旺旺超市, 历峰区萌宠宠物店: a town or a district alone before a
     * 字号 and its trade is where the shop is; a registered name keeps its
     * district (开发区金鼎健身服务有限公司, the caller's test), and
     * two-character heads, 水乡, 古镇, are often the 字号 itself */
    r = s + 3;
    if (f[r - 1] != 0x533A /* 区 */ && f[r - 1] != 0x9547 /* 镇 */ && f[r] == 0x533A) /* 观音湖区 */
        r++;
    int district = f[r - 1] == 0x533A /* 区 */ && (!tb || tb[r]) && !registered_bracket(f, e, n) &&
                   !registered_form(f, e);
    if (r + 4 <= e && (f[r - 1] == 0x9547 /* 镇 */ || f[r - 1] == 0x4E61 /* 乡 */ || district)) {
        /* a brand ending at the district names the place (历峰区), and the
         * 字号 after it may run into its trade (萌宠|宠物店) */
        int ok = 1;
        for (size_t j = s; j < r + (district ? 1 : 2) && ok; j++)
            ok = is_han(f[j]) && mc->name_ok[j] &&
                 (j < r ? (!LEN(MC_BRAND, j) || (district && (size_t)LEN(MC_BRAND, j) + j == r - 1)) &&
                              !LEN(MC_REG, j) && !LEN(MC_PLAT, j)
                        : !LEN(MC_SHOP, j) && !LEN(MC_IND, j) && !LEN(MC_INDW, j) && !LEN(MC_BRANCH, j) &&
                              !LEN(MC_ORG, j));
        return ok ? r - s : 0;
    }
    return 0;
}

static void refine_bounds(merch_ctx *mc, size_t n, const uint8_t *tb)
{
    const int32_t *f = mc->f;
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        /* 汾岭镇金穗农资卖的…: a bare name found by its context starts after
         * its address too */
        if (c->kind == MERCH_CUE && !firm_ends_at(mc, (size_t)c->e)) {
            size_t road = road_prefix(mc, (size_t)c->s, (size_t)c->e, n, tb);
            if (road)
                c->s += (int32_t)road;
            continue;
        }
        if (c->kind != MERCH_NAME)
            continue;
        size_t s = (size_t)c->s;
        if (firm_ends_at(mc, (size_t)c->e))
            for (size_t j = 0; j < mc->n_cands; j++) {
                const cand *b = &mc->cands[j];
                if (b->kind != MERCH_BRAND || b->e > c->s || s - (size_t)b->e > 4 || b->e - b->s < 2)
                    continue;
                int joined = 1;
                for (size_t q = (size_t)b->e; q < s && joined; q++)
                    joined = is_han(f[q]) && mc->name_ok[q] && !mc->stop_at[q] && !LEN(MC_NONM, q);
                if (joined && (s == (size_t)b->e || dict_words(mc, (size_t)b->e, s))) {
                    c->s = b->s;
                    break;
                }
            }
        s = (size_t)c->s;
        /* 宏达商贸有限公司淘宝店: the firm's shop on a platform is the firm */
        for (size_t j = s + 2; j + 2 < (size_t)c->e; j++) {
            size_t q = j + (size_t)LEN(MC_PLAT, j);
            if (q > j && q < (size_t)c->e && LEN(MC_SHOP, q) && q + (size_t)LEN(MC_SHOP, q) >= (size_t)c->e &&
                org_ends_at(mc, j)) {
                c->e = (int32_t)j;
                break;
            }
        }
        /* 红都|区优佳超市, 小区|旁小蜜蜂托管班: the last character of a place
         * the name's left edge cut through, or a locative after it, standing
         * as a token of its own, opens no name */
        if (tb && s > 0 && s + 4 <= (size_t)c->e && tb[s] && tb[s + 1] && is_han(f[s - 1]) &&
            !in_set("在于到从去向往的", f[s - 1]) && !LEN(MC_CUEPRE, s - 1) && in_set("区县市镇乡旁", f[s]) &&
            !LEN(MC_BRAND, s) && !LEN(MC_REG, s)) {
            c->s = (int32_t)(s + 1);
            s++;
        }
        size_t road = firm_ends_at(mc, (size_t)c->e) ? 0 : road_prefix(mc, s, (size_t)c->e, n, tb);
        if (road) {
            c->s = (int32_t)(s + road);
            continue;
        }
        /* 青年|路鸿福酒家: a street named by a common word (青年路) leaves
         * its last character on the name (在|街坊鲜: after a cue it opens one) */
        if (s >= 2 && s + 4 <= (size_t)c->e && in_set("路街巷", f[s]) && is_han(f[s - 1]) && mc->name_ok[s - 1] &&
            f[s - 1] != 0x7684 /* 的 */ && !LEN(MC_CUEPRE, s - 1) && !LEN(MC_BRAND, s) && !LEN(MC_REG, s)) {
            c->s = (int32_t)(s + 1);
            continue;
        }
        size_t p = s + 1;
        if (!tb || !tb[p] || p + 2 > (size_t)c->e || !is_han(f[s]) || LEN(MC_REGION, s) || LEN(MC_BRAND, s) ||
            LEN(MC_REG, s) || anchor_len(mc, s))
            continue;
        size_t l = (size_t)imax(LEN(MC_REGION, p), LEN(MC_BRAND, p));
        if (l && p + l <= (size_t)c->e && tb[p + l] && lead_function(mc, s, tb))
            c->s = (int32_t)p;
    }
}

/* 、 (folded to a comma) between the items of a list */
static int list_sep(int32_t c)
{
    return c == 0x3001 || c == ',';
}

/* The candidate spanning exactly [s, e), or -1. */
static int cand_at(const merch_ctx *mc, size_t s, size_t e, size_t upto)
{
    for (size_t k = 0; k < upto; k++)
        if ((size_t)mc->cands[k].s == s && (size_t)mc->cands[k].e == e)
            return (int)k;
    return -1;
}

/* 中信、兴业、民生、光大、招行等股份制商业银行: in a list joined by 、 that
 * names two businesses or more and is followed by the kind of business
 * they are, the other items are businesses of that kind too (a short name
 * that is also a word, 兴业, 民生, is known only from such company). */
static qs_rc listed_names(merch_ctx *mc, size_t n, qs_err *err)
{
    static const char *const kinds[] = {"银行", "公司", "行", "机构", "集团", "企业", "券商", "基金", "保险", "信托", "证券"};
    const int32_t *f = mc->f;
    size_t found = mc->n_cands;
    enum { MAX_ITEMS = 16 };
    for (size_t i = 0; i < n; i++) {
        i = cps_find3(f, i, n, 0x3001, ',', ','); /* list_sep: the tight scan first */
        if (i == n)
            break;
        /* the first item: a name found ending at the first 、 */
        size_t is[MAX_ITEMS], ie[MAX_ITEMS], m = 0;
        for (size_t k = 0; k < found && !m; k++)
            if ((size_t)mc->cands[k].e == i) {
                is[0] = (size_t)mc->cands[k].s;
                ie[0] = i;
                m = 1;
            }
        if (!m)
            continue;
        size_t j = i;
        while (j < n && list_sep(f[j]) && m < MAX_ITEMS) {
            size_t k = j + 1;
            while (k < n && k - j <= 7 && mc->name_ok[k] && !list_sep(f[k]) && f[k] != 0x7B49 /* 等 */ &&
                   !(k > j + 1 && mc->stop_at[k]))
                k++;
            /* an item found as a name ends where that name ends (建行|成功) */
            for (size_t c = 0; c < found; c++)
                if ((size_t)mc->cands[c].s == j + 1 && (size_t)mc->cands[c].e <= n)
                    k = (size_t)mc->cands[c].e;
            if (k - j - 1 < 1 || k - j > 7)
                break;
            is[m] = j + 1;
            ie[m] = k;
            m++;
            j = k;
        }
        i = j;
        if (m < 3)
            continue;
        int kind = 0;
        for (size_t q = ie[m - 1]; q < n && q <= ie[m - 1] + 10 && !kind && (mc->name_ok[q] || q == ie[m - 1]); q++)
            for (size_t w = 0; w < sizeof kinds / sizeof *kinds && !kind; w++)
                kind = has_at(f, n, q, kinds[w]);
        if (!kind)
            continue;
        size_t known = 0;
        for (size_t q = 0; q < m; q++)
            known += cand_at(mc, is[q], ie[q], found) >= 0;
        if (known < 2)
            continue;
        for (size_t q = 1; q < m; q++) {
            size_t l = ie[q] - is[q];
            if (l < 2 || l > 4 || cand_at(mc, is[q], ie[q], found) >= 0 || mc->stop_at[is[q]] ||
                (size_t)LEN(MC_REGION, is[q]) == l)
                continue;
            qs_rc rc = add_cand(mc, (cand){(int32_t)is[q], (int32_t)ie[q], MERCH_NAME, SECTOR_OTHER, 0.6, CAND_AS_WRITTEN},
                                err);
            if (rc != QS_OK)
                return rc;
        }
    }
    return QS_OK;
}

/* Banks named by a charter or by the first character of their name:
 * 长沙市商业银行, 天津农村合作银行, 邵阳市城市信用社 (a local bank: its
 * place, then its charter, the place standing for the 字号) and 工、农、
 * 中、建、交 (the big state banks listed by one character each before
 * 五大行, 等银行, 5家国有银行). */
/* 工 农 中 建 交 招, the big banks named by one character; compared as code
 * points: the test runs at every 、 and , */
static inline int big_bank(int32_t c)
{
    return c == 0x5DE5 || c == 0x519C || c == 0x4E2D || c == 0x5EFA || c == 0x4EA4 || c == 0x62DB;
}

static qs_rc bank_names(merch_ctx *mc, size_t n, const uint8_t *tb, qs_err *err)
{
    static const char *const charters[] = {"农村商业银行", "农村合作银行", "商业银行", "合作银行", "农商银行",
                                           "农村信用合作社", "信用合作社", "农村信用社", "城市信用社", "信用社"};
    const int32_t *f = mc->f;
    qs_rc rc = QS_OK;
    for (size_t i = 2; i < n && rc == QS_OK; i++) {
        /* the cheap test first: every charter opens with 农村, 农商, 商业,
         * 合作, 信用 or 城市 */
        i = cps_find_range(f, i, n, 0x4FE1, 0x57CE); /* 信 … 城: most characters lie outside */
        if (i == n)
            break;
        int32_t c0 = f[i];
        int32_t c1 = i + 1 < n ? f[i + 1] : 0;
        if (!((c0 == 0x519C && (c1 == 0x6751 || c1 == 0x5546)) || (c0 == 0x5546 && c1 == 0x4E1A) ||
              (c0 == 0x5408 && c1 == 0x4F5C) || (c0 == 0x4FE1 && c1 == 0x7528) || (c0 == 0x57CE && c1 == 0x5E02)) ||
            !mc->name_ok[i - 1])
            continue;
        size_t cl = 0;
        for (size_t q = 0; q < sizeof charters / sizeof *charters && !cl; q++)
            if (has_at(f, n, i, charters[q]))
                cl = utf8_cp_count(charters[q]);
        if (!cl)
            continue;
        /* the nearest place (湘江市), then listed places before it (湖南省) */
        size_t s = i;
        for (size_t p = i - 2; p + 6 > i && p < i && s == i; p--)
            if ((!tb || tb[p]) && region_prefix(mc, p, i) == i - p)
                s = p;
        for (size_t p = s >= 8 ? s - 8 : 0; p + 2 <= s && s < i; p++)
            if (LEN(MC_REGION, p) && (!tb || tb[p]) && region_prefix(mc, p, i) == i - p) {
                s = p;
                break;
            }
        if (s < i)
            rc = add_cand(mc, (cand){(int32_t)s, (int32_t)(i + cl), MERCH_NAME, SECTOR_OTHER, 0.85, CAND_AS_WRITTEN},
                          err);
        i += cl - 1;
    }
    /* 工、农、中、建、交: two or more of them joined by 、 */
    for (size_t i = 0; i + 2 < n && rc == QS_OK; i++) {
        if (i + 3 < n) /* the cheap scan first: few characters are 、 or , (list_sep) */
            i = cps_find3(f, i + 1, n - 2, 0x3001, ',', ',') - 1;
        if (!list_sep(f[i + 1]) || !big_bank(f[i]) || !big_bank(f[i + 2]) || (i > 0 && list_sep(f[i - 1])))
            continue;
        size_t k = i;
        while (k + 2 < n && list_sep(f[k + 1]) && big_bank(f[k + 2]))
            k += 2;
        /* the list is of banks: 行 follows within a few characters */
        int banks = 0;
        for (size_t q = k + 1; q < n && q <= k + 8 && !banks; q++)
            banks = f[q] == 0x884C; /* 行 */
        if (!banks)
            continue;
        for (size_t q = i; q <= k && rc == QS_OK; q += 2)
            /* named, but never the merchant on that alone (scored low) */
            rc = add_cand(mc, (cand){(int32_t)q, (int32_t)(q + 1), MERCH_BRAND, SECTOR_OTHER, 0.4, -1}, err);
        i = k;
    }
    return rc;
}

/* A one-character stop word inside the 字号 of a registered name (长沙湘比汽车
 * 销售服务有限公司, 株洲市给力健身服务有限公司): a region ends at most two
 * characters before it, a trade word starts within three after it, and an
 * organisation form follows over name characters only. */
/* f[s..e) is a national carrier or oil company by its full name (中国移动,
 * 中国石化…) or its branch company (中国移动厦门分公司), and w the word for
 * its outlets (营业厅, 加油站); 移动营业厅 and 中石化加油站 alone are how
 * the sets write the outlet itself */
static int national_outlet(const int32_t *f, size_t s, size_t e, const char **w)
{
    static const char *const firms[] = {"移动", "联通", "电信", "广电", "石化", "石油"};
    if (!has_at(f, e, s, "中国"))
        return 0;
    size_t b = s + 2;
    for (size_t k = 0; k < sizeof firms / sizeof *firms; k++)
        if (has_at(f, e, b, firms[k]) && (b + 2 == e || (e >= b + 5 && ends_at(f, e, "分公司")))) {
            *w = k < 4 ? "营业厅" : "加油站";
            return 1;
        }
    return 0;
}

/* f[s..e) is a whole name on its own: a brand, a registered name, or a
 * 字号 with its trade, shop word or form at its end */
static int name_before(const merch_ctx *mc, size_t s, size_t e)
{
    if ((size_t)imax(LEN(MC_BRAND, s), LEN(MC_REG, s)) == e - s)
        return 1;
    for (size_t j = s + 1; j + 1 < e; j++)
        if ((size_t)anchor_len(mc, j) + j == e)
            return 1;
    return 0;
}

static int in_registered_zihao(const merch_ctx *mc, size_t n, size_t i)
{
    /* the trade word first: three positions to look at, not eight */
    int trade = 0;
    for (size_t q = i + 1; q < n && q <= i + 3 && !trade; q++)
        trade = LEN(MC_IND, q) || LEN(MC_INDW, q) || LEN(MC_SHOP, q);
    if (!trade)
        return 0;
    int region = 0;
    for (size_t q = i >= 8 ? i - 8 : 0; q < i && !region; q++) {
        size_t e = q + (size_t)LEN(MC_REGION, q);
        region = LEN(MC_REGION, q) && e <= i && i - e <= 2;
    }
    if (!region)
        return 0;
    for (size_t q = i + 1; q < n && q <= i + 14; q++) {
        if (LEN(MC_ORG, q))
            return 1;
        if (!mc->name_ok[q])
            return 0;
    }
    return 0;
}

/* Whether f[i] follows a Han character that may be part of a name, with no
 * stop or boundary between them: a word at i that is a stop word elsewhere
 * may then be the 字号's (力量|工厂, 越佳|商品, 林|都). */
static int after_name_char(const merch_ctx *mc, size_t i)
{
    return i > 0 && is_han(mc->f[i - 1]) && mc->name_ok[i - 1] && !mc->stop_at[i - 1] && !mc->hard[i];
}

/* Whether a weak trade word at i is followed at once by an industry word,
 * shop word or organisation form (体育|健身, 体育|有限公司), descriptors
 * between (体育|文化|有限公司). */
static int weak_trade_then_trade(const merch_ctx *mc, size_t n, size_t i)
{
    size_t e = i + (size_t)LEN(MC_INDW, i);
    if (e == i)
        return 0;
    while (e < n && LEN(MC_DESC, e) && !LEN(MC_ORG, e))
        e += (size_t)LEN(MC_DESC, e);
    return e < n && (LEN(MC_IND, e) || LEN(MC_SHOP, e) || LEN(MC_ORG, e));
}

qs_rc merch_find(merch_ctx *mc, const int32_t *cp, size_t n, const uint8_t *bounds,
                 const merch_mention **out, size_t *n_out, qs_err *err)
{
    *out = NULL;
    *n_out = 0;
    mc->n_cands = 0;
    mc->copy_told = 0; /* set by lookalikes(), for this text only */
    /* Token boundaries decide only where the segmenter is reliable: single
     * characters inside a word (现在, 大和) are not stop words, and a brand
     * that is an everyday word (美的) must be a token of its own. Names the
     * dictionary does not know are often split wrongly, so names themselves
     * are delimited by the lexicons. */
    const uint8_t *tb = bounds;
    bounds = NULL;
    if (ensure(mc, n, err) != QS_OK)
        return err ? err->rc : QS_ENOMEM;
    const merch_lex *lx = mc->lx;
    int32_t *f = mc->f;
    int quotes = 0; /* any opening quote: quoted_names has work */
    for (size_t i = 0; i < n; i++) {
        f[i] = fold_memo(mc, cp[i]);
        /* most characters lie above 」 (U+300E): one compare */
        quotes |= (uint32_t)f[i] <= 0x300E && (f[i] == 0x201C || f[i] == 0x300C || f[i] == 0x300E || f[i] == '"');
    }
    /* only the rows the last record wrote need clearing */
    for (uint32_t d = mc->ldirty; d; d &= d - 1)
        memset(&LEN(__builtin_ctz(d), 0), 0, mc->ldirty_n * sizeof *mc->len);
    uint32_t ldirty = 0;
    /* the words starting at each position, and the characters a name may
     * hold */
    for (size_t i = 0; i < n; i++) {
        /* the rows start cleared: the longest word of each category */
        uint32_t cm = cptrie_walk_cats(lx->t, f + i, n - i, &LEN(0, i), &VAL(0, i), mc->cap);
        /* MaxGym: a Latin word is matched whole, never from its middle */
        if (cm && is_latin(f[i]))
            for (uint32_t d = cm; d; d &= d - 1) {
                int c = __builtin_ctz(d);
                size_t e = i + (size_t)LEN(c, i);
                if ((i > 0 && is_latin(f[i - 1])) || (e < n && is_latin(f[e - 1]) && is_latin(f[e]))) {
                    LEN(c, i) = 0;
                    cm &= ~CAT(c);
                }
            }
        mc->cats[i] = cm;
        ldirty |= cm;
        int32_t c = f[i];
        int ok = is_han(c) || is_latin(c) || is_digit(c) || c == '&';
        if ((c == '\'' || c == '-' || c == '.' || c == ' ' || c == 0xB7 || c == 0x2022) && i > 0 && i + 1 < n)
            ok = (is_latin(f[i - 1]) || is_digit(f[i - 1])) && (is_latin(f[i + 1]) || is_digit(f[i + 1]));
        mc->name_ok[i] = (uint8_t)ok;
    }
    mc->ldirty = ldirty;
    mc->ldirty_n = n;
    /* 驻马店, 石家庄: a shop or trade word inside a place's name is none */
    for (size_t i = 0; (i = u32_find_any(mc->cats, i, n, CAT(MC_REGION))) < n; i++) {
        size_t e = i + (size_t)LEN(MC_REGION, i);
        static const int inner[] = {MC_SHOP, MC_BRANCH, MC_IND, MC_INDW, MC_INDF};
        for (size_t j = i + 1; j < e; j++)
            for (size_t w = 0; w < sizeof inner / sizeof *inner; w++)
                if (LEN(inner[w], j) && j + (size_t)LEN(inner[w], j) <= e) {
                    LEN(inner[w], j) = 0;
                    mc->cats[j] &= ~CAT(inner[w]);
                }
    }
    for (size_t i = 0; (i = u32_find_any(mc->cats, i, n, CAT(MC_INDF) | CAT(MC_SHOP))) < n; i++) {
        uint32_t cm = mc->cats[i];
        /* a homophone of an industry word followed by a real one is part of
         * the 字号 (美佳通讯 is no typo of 美甲) */
        if (cm & CAT(MC_INDF)) {
            size_t l = (size_t)LEN(MC_INDF, i);
            if (l && i + l < n && (LEN(MC_IND, i + l) || LEN(MC_INDW, i + l) || LEN(MC_SHOP, i + l) > 1))
                LEN(MC_INDF, i) = 0;
            if (l && real_word_overlaps(&LEN(MC_IND, 0), &LEN(MC_INDW, 0), i, l, n))
                LEN(MC_INDF, i) = 0;
            /* 6.32亿美元: a sound-alike that opens with a numeral is an amount */
            if (l && (is_numeral(f[i]) || f[i] == 0x4EBF /* 亿 */ || f[i] == 0x4E07 /* 万 */ ||
                      f[i] == 0x5343 /* 千 */ || f[i] == 0x767E /* 百 */ || (i > 0 && is_digit(f[i - 1]))))
                LEN(MC_INDF, i) = 0;
        }
        /* 馆长, 店长, 厂长: a one-character shop word before 长 is a title;
         * before 主, 员 or 家 (店主, 店员, 店家) it is the shop's people */
        if ((cm & CAT(MC_SHOP)) && i + 1 < n && LEN(MC_SHOP, i) == 1 &&
            (f[i + 1] == 0x957F /* 长 */ || (f[i] == 0x5E97 /* 店 */ && in_set("主员家", f[i + 1]))))
            LEN(MC_SHOP, i) = 0;
        /* 小厨房, 小馆子: a small shop word running on into a room or a
         * diminutive is the common noun */
        if ((cm & CAT(MC_SHOP)) && f[i] == 0x5C0F /* 小 */ && LEN(MC_SHOP, i) == 2 && i + 2 < n &&
            (f[i + 2] == 0x623F /* 房 */ || f[i + 2] == 0x5B50 /* 子 */))
            LEN(MC_SHOP, i) = 0;
    }
    /* Numbers, then stop words, in one scan: each position is settled in
     * turn, and what the scan reads of later positions (word lengths,
     * characters) is final before it. Stop words count unless a longer
     * business or place word covers them. */
    memset(mc->stop_at, 0, n + 1);
    memset(mc->hard, 0, n + 1);
    mc->hard[0] = 1;
    size_t reach = 0;
    size_t digit = cps_find_range(f, 0, n, '0', '9'); /* where the next digit run starts */
    for (size_t i = 0; i < n; i++) {
        /* numbers (name_ok, from here on) */
        if (i == digit) {
            size_t j = i;
            while (j < n && (is_digit(f[j]) || f[j] == '.'))
                j++;
            int unit = j < n && unit_char(f[j]);
            /* 8点优选, 7天酒店: a number and 点 or 天 right before an industry
             * word, at the start of a clause or after 在/的, is the 字号 itself,
             * not a time (counts of things, 3家银行, stay counts) */
            if (unit && j - i <= 2 && j + 1 < n && (f[j] == 0x70B9 /* 点 */ || f[j] == 0x5929 /* 天 */) && (LEN(MC_IND, j + 1) || LEN(MC_SHOP, j + 1) > 1) &&
                (i == 0 || !mc->name_ok[i - 1] || f[i - 1] == 0x5728 /* 在 */ || f[i - 1] == 0x7684 /* 的 */))
                unit = 0;
            if (j - i >= 5 || unit) {
                for (size_t k = i; k < j + (size_t)unit; k++)
                    mc->name_ok[k] = 0;
            }
            digit = j + 1 < n ? cps_find_range(f, j + 1, n, '0', '9') : n;
        }
        uint32_t cm = mc->cats[i];
        if (!cm) { /* no word starts here (most positions): no stop, no reach */
            if (!mc->name_ok[i])
                mc->hard[i + 1] = 1;
            continue;
        }
        /* a homophone of a trade word that cuts into words on both sides
         * is no typo (人家|聚餐 holds 家聚, not 家居) */
        if ((cm & CAT(MC_INDF)) && tb && LEN(MC_INDF, i) && !tb[i] && !tb[i + (size_t)LEN(MC_INDF, i)])
            LEN(MC_INDF, i) = 0;
        /* …nor one whose first character ends a common word of two (安装|时
         * holds 装时, not 装饰) */
        if ((cm & CAT(MC_INDF)) && tb && LEN(MC_INDF, i) && i > 0 && !tb[i] && tb[i - 1] && tb[i + 1] &&
            common_word(mc, i - 1, i + 1))
            LEN(MC_INDF, i) = 0;
        /* a word's length is 0 unless its category's bit is set */
        const uint32_t pl_cats = CAT(MC_REGION) | CAT(MC_PLAT) | CAT(MC_BRAND) | CAT(MC_REG) | CAT(MC_IND) |
                                 CAT(MC_SHOP) | CAT(MC_INDF) | CAT(MC_INDW) | CAT(MC_LIVE);
        size_t pl = !(cm & pl_cats) ? 0 : (size_t)imax(imax(imax(LEN(MC_REGION, i), LEN(MC_PLAT, i)), imax(LEN(MC_BRAND, i), LEN(MC_REG, i))),
                                 imax(imax(imax(LEN(MC_IND, i), LEN(MC_SHOP, i)), LEN(MC_INDF, i)),
                                      imax(LEN(MC_INDW, i), LEN(MC_LIVE, i))));
        if (i + pl > reach)
            reach = i + pl;
        size_t sl = !(cm & (CAT(MC_STOP) | CAT(MC_COREF) | CAT(MC_LABEL) | CAT(MC_CUEPOST))) ? 0 : (size_t)imax(imax(LEN(MC_STOP, i), LEN(MC_COREF, i)), imax(LEN(MC_LABEL, i), LEN(MC_CUEPOST, i)));
        /* 十堰市汽都区: a stop word's character inside a district named
         * after its city is the district's */
        if (sl == 1 && i + sl > reach) {
            size_t de = district_end(f, n, i);
            if (de > reach)
                reach = de;
        }
        /* every stop-like word ending marks a boundary (这家|店 inside 这家店);
         * with one kind of them there is one such word, the longest */
        static const int stop_cats[] = {MC_STOP, MC_COREF, MC_LABEL, MC_CUEPOST};
        uint32_t stop_kinds = cm & (CAT(MC_STOP) | CAT(MC_COREF) | CAT(MC_LABEL) | CAT(MC_CUEPOST));
        for (size_t q = 0; q < 4 && (stop_kinds & (stop_kinds - 1)); q++) {
            size_t l = (size_t)LEN(stop_cats[q], i);
            if (l && l < sl && reach < i + l)
                mc->hard[i + l] = 1;
        }
        /* 和/与/同 right after another stop begin a name (在和成酸菜鱼) */
        if (sl == 1 && i > 0 && mc->hard[i] &&
            (f[i] == 0x548C || f[i] == 0x4E0E || f[i] == 0x540C || f[i] == 0x53CA || f[i] == 0x8DDF))
            sl = 0;
        /* 在 opening a word (在家|华超市 read as 在家华超市) is the
         * preposition before a place, not part of a name; 在线 is a word */
        int zai = sl == 1 && f[i] == 0x5728 && (!tb || tb[i]) && !(i + 1 < n && f[i + 1] == 0x7EBF);
        if (sl == 1 && !zai && in_registered_zihao(mc, n, i))
            sl = 0;
        /* 力量工厂健身: 工厂 after a name character and right before an
         * industry word is a shop's style, part of its 字号 (代工厂做的 and
         * 黑心工厂 stay words: no trade follows); so before a weak trade word
         * and then an industry word, shop word or form (力量工厂体育健身有限公司) */
        if (sl == 2 && f[i] == 0x5DE5 /* 工 */ && f[i + 1] == 0x5382 /* 厂 */ && i + 2 < n &&
            (LEN(MC_IND, i + 2) || weak_trade_then_trade(mc, n, i + 2)) && after_name_char(mc, i))
            sl = 0;
        /* 越佳越南商品经营部, 惠民商品店: 商品 or 产品 after a name character and
         * right before an organisation form or shop word is the trade the
         * name states (它的商品, 产品质量 stay words) */
        if (sl == 2 && (f[i] == 0x5546 /* 商 */ || f[i] == 0x4EA7 /* 产 */) && f[i + 1] == 0x54C1 /* 品 */ &&
            i + 2 < n && (LEN(MC_ORG, i + 2) || LEN(MC_SHOP, i + 2)) && after_name_char(mc, i))
            sl = 0;
        /* 林都特产店, 宋都烧烤, 凉都酒庄: 都 after a name character and
         * right before a trade word is a city's byname in the 字号, not the
         * adverb (东西都坏了, 楼梯都铺了, 那个人都手抓着吃: no trade word of two
         * characters follows, or people come before it) */
        if (sl == 1 && f[i] == 0x90FD /* 都 */ && i + 1 < n && anchor_len(mc, i + 1) >= 2 && after_name_char(mc, i) &&
            !in_set("人们家", f[i - 1]))
            sl = 0;
        if (sl && reach < i + sl && (!tb || sl > 1 || zai || (tb[i] && tb[i + 1]))) {
            mc->stop_at[i] = 1;
            mc->hard[i + sl] = 1;
        }
        if (!mc->name_ok[i])
            mc->hard[i + 1] = 1;
        if ((cm & CAT(MC_PLAT)) && LEN(MC_PLAT, i) && (!bounds || bounds[i + (size_t)LEN(MC_PLAT, i)]) &&
            !anchor_len(mc, i + (size_t)LEN(MC_PLAT, i)) && !LEN(MC_DESC, i + (size_t)LEN(MC_PLAT, i)))
            mc->hard[i + (size_t)LEN(MC_PLAT, i)] = 1;
        mc->hard[i] |= mc->stop_at[i];
    }
    /* a shop word or organisation form ends a name: the next name cannot
     * reach back over it (中国银行|收购信托公司) */
    for (size_t i = 0; (i = u32_find_any(mc->cats, i, n, CAT(MC_SHOP) | CAT(MC_ORG))) < n; i++) {
        size_t l = (size_t)imax(LEN(MC_SHOP, i), LEN(MC_ORG, i));
        if (l >= 2 && !anchor_len(mc, i + l) && !LEN(MC_DESC, i + l))
            mc->hard[i + l] = 1;
    }
    qs_rc rc = QS_OK;
    /* 字号 + industry/shop word/organisation form (+ branch) */
    size_t covered = 0, mc_stop_cover = 0;
    for (size_t a = 0; a < n && rc == QS_OK; a++) {
        /* the tight scan first: most positions start no stop or trade word
         * (a stop word's position has a stop-like category) */
        const uint32_t trade = CAT(MC_IND) | CAT(MC_INDF) | CAT(MC_INDW) | CAT(MC_SHOP) | CAT(MC_ORG) | CAT(MC_LIVE);
        const uint32_t stop_like = CAT(MC_STOP) | CAT(MC_COREF) | CAT(MC_LABEL) | CAT(MC_CUEPOST);
        while ((a = u32_find_any(mc->cats, a, n, trade | stop_like)) < n && !mc->stop_at[a] && !(mc->cats[a] & trade))
            a++;
        if (a == n)
            break;
        size_t stop_before = mc_stop_cover;
        if (mc->stop_at[a] && a + (size_t)LEN(MC_STOP, a) > mc_stop_cover)
            mc_stop_cover = a + (size_t)LEN(MC_STOP, a);
        if (!(mc->cats[a] & (CAT(MC_IND) | CAT(MC_INDF) | CAT(MC_INDW) | CAT(MC_SHOP) | CAT(MC_ORG) | CAT(MC_LIVE))))
            continue;
        int32_t strong = imax(LEN(MC_IND, a), LEN(MC_INDF, a));
        int32_t weak = LEN(MC_INDW, a);
        int32_t shop = imax(LEN(MC_SHOP, a), LEN(MC_ORG, a));
        int32_t live = LEN(MC_LIVE, a);
        if (!strong && !weak && !shop && !live)
            continue;
        /* 旗舰店 inside 官方旗舰店; a stop word starting here hides a trade
         * word only as long as it (合作 leaves 合作社 its own) */
        /* 惠家电器城, 华联通讯: a trade word that shares one character with
         * the one before it (家电|电器城, 联通|通讯) and runs further is read
         * too, since the first may leave its 字号 a single character */
        size_t runs_to = a + (size_t)imax(imax(strong, weak), imax(shop, live));
        int inside = (a < covered && !(a + 1 == covered && runs_to > covered)) || a < stop_before ||
                     (mc->stop_at[a] && LEN(MC_STOP, a) >= imax(imax(strong, weak), imax(shop, live)));
        if (runs_to > covered)
            covered = runs_to;
        if (inside)
            continue;
        if (bounds && !bounds[a])
            continue;
        int cut;
        size_t s = left_start(mc, a, n, bounds, &cut);
        /* 与|紫金矿业, 以|民生银行, 与|天心区筑匠装饰…: a preposition or
         * conjunction before the name is no part of it, unless 在/到/去
         * right before opens the name with it (在和成酸菜鱼) */
        int led = a >= s + 3 && is_han(f[s]) && lead_function(mc, s, tb);
        s += (size_t)led;
        /* 12位|力美健身会员: a count of people before the name is theirs */
        size_t d = s;
        while (d < a && is_digit(f[d]))
            d++;
        if (d > s && d + 3 <= a && in_set("位名", f[d]))
            s = d + 1;
        /* 小区物业|安和物业: the trade word itself before the name is the
         * thing the name is (its 物业, 安和物业), no part of the 字号 */
        size_t al = (size_t)anchor_len(mc, a);
        int own = al >= 2 && a >= s + al + 2 && memcmp(f + s, f + a, al * sizeof *f) == 0 && tb && tb[s + al] &&
                  plain_run(mc, s + al, a);
        for (size_t q = s + al; own && q < a; q++)
            own = !(tb[q] && tb[q + 1]); /* 披萨|饼|和|披萨: single words, two things named */
        if (own)
            s += al;
        /* 一盘|大盘鸡, 两碗|酸菜鱼: a count of servings before a dish is
         * what was served, not a 字号 */
        if (a >= s + 2 && serving_count(f, a - 2) &&
            !branch_follows(mc, a + (size_t)anchor_len(mc, a), n))
            continue;
        size_t reg = region_prefix(mc, s, a);
        /* a city name right before the industry word, or before descriptors
         * of it only, is the 字号 (金昌车行, 曲阜国际青年旅舍) */
        size_t past_desc = s + reg;
        while (reg && past_desc < a && LEN(MC_DESC, past_desc))
            past_desc += (size_t)LEN(MC_DESC, past_desc);
        if (reg && past_desc == a && (size_t)LEN(MC_REGION, s) == reg && reg >= 2 &&
            !region_suffix(f[s + reg - 1]) && LEN(MC_BRANCH, a) != anchor_len(mc, a))
            reg = 0;
        /* 俄罗斯欧洲银行: a bank named by places only; the last is its 字号 */
        if (reg && reg == a - s && reg >= 4 && !region_suffix(f[a - 1]) && has_at(f, n, a, "银行"))
            for (size_t r = s; r < a && LEN(MC_REGION, r);) {
                if ((size_t)LEN(MC_REGION, r) + r == a && r > s) {
                    reg = r - s;
                    break;
                }
                r += (size_t)LEN(MC_REGION, r);
            }
        /* 橙市便利店: two characters that only look like a city (no listed
         * region) right before the shop word are its 字号 */
        if (reg == 2 && reg == a - s && !LEN(MC_REGION, s) && LEN(MC_BRANCH, a) != anchor_len(mc, a))
            reg = 0;
        /* a street or place before a bare branch word is a branch
         * designation, not a business (新华路店) */
        if (!strong && !weak && a > s && place_suffix(f[a - 1]) && f[a - 1] != 0x5E97 &&
            LEN(MC_BRANCH, a) == anchor_len(mc, a) &&
            !(in_set("汇荟坊悦园", f[a - 1]) && has_at(f, n, a, "旗舰店"))) /* 优品汇旗舰店, 橙心果园旗舰店: a shop's name */
            continue;
        /* 字号 length in units: a Han character, or a Latin/digit run;
         * descriptors before an organisation form (国际发展有限公司) do not
         * count */
        size_t hend = a;
        /* 小橡树国际早教, 金鼎体育健身: a descriptor before an industry
         * word is no part of the 字号 */
        if (!LEN(MC_ORG, a) && (strong || weak))
            for (size_t j = a >= 4 ? a - 4 : 0; j + 1 < a; j++)
                if (j > s + reg + 1 && (size_t)LEN(MC_DESC, j) + j == a) {
                    hend = j;
                    break;
                }
        if (LEN(MC_ORG, a))
            for (int again = 1; again;) {
                again = 0;
                for (size_t j = s + reg; j < hend; j++)
                    if (LEN(MC_DESC, j) && j + (size_t)LEN(MC_DESC, j) == hend && j > s + reg + 1) {
                        hend = j;
                        again = 1;
                        break;
                    }
            }
        size_t zh = 0;
        for (size_t q = s + reg; q < hend; q++)
            zh += !(q > s + reg && (is_latin(f[q]) || is_digit(f[q])) && (is_latin(f[q - 1]) || is_digit(f[q - 1])));
        int latin_head = a > s + reg && is_latin(f[a - 1]) && a - s - reg >= 2;
        /* 365便利店, 58同城: a number of two to four digits alone before a
         * shop word is the 字号 (a count or a date has its unit instead) */
        if (!latin_head && a - s - reg >= 2 && a - s - reg <= 4 && LEN(MC_SHOP, a) >= 2 &&
            (s + reg == 0 || !is_digit(f[s + reg - 1]))) {
            latin_head = 1;
            for (size_t q = s + reg; q < a && latin_head; q++)
                latin_head = is_digit(f[q]);
        }
        /* a 字号 is two to four characters: a longer run holds words before
         * the name (调查主要针对|渣打银行); start at a token boundary */
        /* 在快乐宝贝童装店, 楼下的快乐宝贝童装店: 在 or 的 right before frames a
         * longer 字号 */
        int framed_head = zh <= 6 && s > 0 && reg == 0 &&
                          (f[s - 1] == 0x7684 /* 的 */ || (size_t)LEN(MC_CUEPRE, s - 1) == 1);
        /* after a region prefix (湘江市芙蓉区陈记牛肉粉店) the registered
         * 字号 runs to the industry word */
        int region_head = reg > 0 && zh <= 8;
        /* 投诉：安达驾驶员培训有限公司, 与好运来婚礼策划工作室签约: a run that
         * opens the clause, or follows a preposition, and holds no plain
         * word (verb, adverb, time) is the registered name whole */
        int clause_head = tb && zh <= 8 && (led || s == 0 || !mc->name_ok[s - 1]) &&
                          !plain_tokens(mc, s + reg, hend, tb, 0);
        if (zh > 4 && tb && !latin_head && !framed_head && !region_head && !clause_head) {
            size_t best = 0;
            /* 小商品|市场|金鼎|玩具店: the market it stands in, written before
             * it, is where it is, when a 字号 of no plain word follows (市场|
             * 监管部门检查电子秤 is a sentence) */
            for (size_t q = hend - 2; q >= s + reg + 2 && !best; q--)
                if (tb[q] && market_ends(f, q) && hend - q <= 4 && !plain_tokens(mc, q, hend, tb, 0))
                    best = q;
            /* 雾溪镇|云上人家|民宿: an unlisted town, village or road before
             * a 字号 is its address (after a county or city the name is
             * registered whole) */
            for (size_t q = hend - 2; q >= s + reg + 3 && q + 6 >= hend && !best; q--)
                if (in_set("镇乡村路街巷", f[q - 1]) && tb[q] && is_han(f[q - 2]) && is_han(f[q]) &&
                    plain_tokens(mc, q, hend, tb, 0) < 2) {
                    int county = 0;
                    for (size_t j = s + reg; j + 1 < q && !county; j++)
                        county = in_set("县市", f[j]);
                    if (!county)
                        best = q;
                }
            for (size_t l = 2; l <= 4 && !best; l++)
                if (tb[hend - l] && is_han(f[hend - l]) && !LEN(MC_REGION, hend - l))
                    best = hend - l;
            if (best) {
                s = best;
                reg = 0;
                zh = hend - s;
                /* …状态下|英国|必发公司: a listed region right before stays its prefix */
                for (size_t p0 = s >= 6 ? s - 6 : 0; p0 + 2 <= s; p0++)
                    if ((size_t)LEN(MC_REGION, p0) + p0 == s && tb[p0]) {
                        s = p0;
                        reg = best - p0;
                        break;
                    }
            }
        }
        /* a verb, numeral or pronoun before the 字号 is no part of it
         * (投资|兴业银行, 多数|银行); a 字号 that is only a verb, pronoun or
         * adverb (鼓励|保险公司) names no business */
        if (!latin_head && hend > s + reg + 1) {
            size_t hs0 = s + reg;
            cpt_match pm[16];
            size_t k = cptrie_walk(lx->plain, f + hs0, hend - hs0, pm, 16);
            int32_t pl = 0, pv = 0;
            for (size_t q = 0; q < k && q < 16; q++)
                if (pm[q].len >= 2 && (!tb || tb[hs0 + (size_t)pm[q].len])) {
                    pl = pm[q].len;
                    pv = pm[q].val;
                }
            /* …unless a branch designation follows (发达超市万达店) */
            if (pl && pv == PLAIN_WHOLE && (size_t)pl == hend - hs0 && !reg &&
                !branch_follows(mc, a + (size_t)anchor_len(mc, a), n) && !renamed_follows(f, a + (size_t)anchor_len(mc, a), n))
                continue;
            /* …but a clause-opening name whose rest would start with a verb
             * (宠爱|有家宠物医院) keeps the word: nothing before it to govern */
            cpt_match rm[4];
            int opens = pl && !is_numeral(f[hs0]) && !is_numeral(f[hs0 + 1]) &&
                        (hs0 == 0 || (!is_han(f[hs0 - 1]) && !is_latin(f[hs0 - 1]) && !is_digit(f[hs0 - 1])));
            if (opens) {
                size_t nr = cptrie_walk(lx->plain, f + hs0 + (size_t)pl, hend - hs0 - (size_t)pl, rm, 4);
                size_t r0 = hs0 + (size_t)pl;
                opens = nr == 1 && rm[0].len == 1 && rm[0].val == PLAIN_WHOLE && !LEN(MC_IND, r0) &&
                        !LEN(MC_INDW, r0) && !LEN(MC_SHOP, r0) && !LEN(MC_DESC, r0);
            }
            if (pl && hend - hs0 - (size_t)pl >= 2 && !opens && !renamed_follows(f, a + (size_t)anchor_len(mc, a), n)) {
                s = hs0 + (size_t)pl;
                reg = 0;
                zh = 0;
                for (size_t q = s; q < hend; q++)
                    zh += !(q > s && (is_latin(f[q]) || is_digit(f[q])) && (is_latin(f[q - 1]) || is_digit(f[q - 1])));
            }
        }
        /* 中国人喜欢|红木家具, 公告允许|信托公司, 江西保监局指导|省保险: a
         * frequent verb, pronoun or conjunction standing as a word inside
         * a long run ends the clause before the name */
        if (tb && !latin_head && hend >= s + reg + 4 && !renamed_follows(f, a + (size_t)anchor_len(mc, a), n))
            for (size_t q = hend - 2; q > s + reg; q--) {
                if (!tb[q])
                    continue;
                cpt_match pm[8];
                size_t k = cptrie_walk(lx->plain, f + q, hend - q, pm, 8);
                size_t cut_at = 0;
                for (size_t w = 0; w < k && w < 8; w++)
                    if (pm[w].len >= 2 && pm[w].val == PLAIN_WHOLE && tb[q + (size_t)pm[w].len] &&
                        q + (size_t)pm[w].len + 2 <= hend)
                        cut_at = q + (size_t)pm[w].len;
                if (cut_at) {
                    s = cut_at;
                    reg = 0;
                    zh = 0;
                    for (size_t z = s; z < hend; z++)
                        zh += !(z > s && (is_latin(f[z]) || is_digit(f[z])) && (is_latin(f[z - 1]) || is_digit(f[z - 1])));
                    break;
                }
            }
        /* 交房|时|锦绣置业, 办卡|时|金鼎健身: 时, 后 or 前 standing alone
         * closes a clause of time before the name */
        if (tb)
            for (size_t q = hend >= 3 ? hend - 3 : 0; q >= s && q > 0 && q < hend; q--)
                if (tb[q] && tb[q + 1] && in_set("时后前", f[q]) && hend >= q + 3 && is_han(f[q - 1])) {
                    s = q + 1;
                    reg = 0;
                    zh = 0;
                    for (size_t z = s; z < hend; z++)
                        zh += !(z > s && (is_latin(f[z]) || is_digit(f[z])) && (is_latin(f[z - 1]) || is_digit(f[z - 1])));
                    break;
                }
        /* 糖糖的小店, 橘子家的小铺: a small shop called by its owner's name */
        if (zh == 0 && reg == 0 && !cut && shop >= 2 && a >= 3 && f[a - 1] == 0x7684 /* 的 */ &&
            f[a] == 0x5C0F /* 小 */) {
            size_t q = a - 1;
            while (q > 0 && a - 1 - q < 4 && is_han(f[q - 1]) && mc->name_ok[q - 1] && !mc->stop_at[q - 1] &&
                   !LEN(MC_COREF, q - 1) && !LEN(MC_PLAT, q - 1) && !LEN(MC_SHOP, q - 1) &&
                   (q == a - 1 || !mc->hard[q]))
                q--;
            /* (一家卖桂花糕的小店 sells it: goods, not an owner) */
            if (a - 1 - q >= 2 && (q == 0 || mc->hard[q] || LEN(MC_SHOP, q - 1)) && !everyday(mc, f + q, a - 1 - q) &&
                !(q > 0 && f[q - 1] == 0x5356 /* 卖 */)) {
                s = q;
                zh = a - q;
                hend = a;
            }
        }
        /* 在好再来|饭店, 在喜来|乐婚庆: a stop word closing or inside a
         * short 字号; inside one only right after 在/到/去 (吃个|米粉,
         * 会来住|酒店 are the sentence) */
        /* (在云上|人家民宿: a word of the language after the stop word is
         * no 字号 alone either) */
        if ((zh <= 1 || (zh == 2 && everyday(mc, f + a - 2, 2))) && reg == 0 && !cut && (strong || shop >= 2)) {
            size_t q = stopped_head(mc, a, tb);
            int cued = zh == 0;
            for (size_t j = q >= 2 ? q - 2 : 0; j < q && !cued; j++)
                cued = (size_t)LEN(MC_CUEPRE, j) + j == q;
            /* 在雾溪镇|云上人家民宿: after the town or road that is its address */
            cued |= q >= 3 && q + 2 <= a && in_set("镇乡村路街巷", f[q - 1]) && is_han(f[q - 2]) && (!tb || tb[q]);
            if (q < a && cued) {
                /* with the region prefix before it (湘江市开福区|鲜果来水果店) */
                s = q;
                for (size_t p0 = q >= 12 ? q - 12 : 0; p0 + 2 <= q; p0++)
                    if (mc->hard[p0] && region_prefix(mc, p0, q) == q - p0 && plain_run(mc, p0, q)) {
                        s = p0;
                        reg = q - p0;
                        break;
                    }
                zh = a - q;
                hend = a;
            }
        }
        if ((zh < 2 && !latin_head) || zh > MAX_HEAD || cut)
            continue;
        /* 市场或|超市, 隔音和|餐饮, 朋友圈及|门店: a conjunction standing as
         * a word inside the run lists things (或 and 及 even as its second
         * character: 东和, 乐和 are names); 打算换|酒店, 尝试买|生鲜: a verb of going,
         * changing or buying is what was done; the name, if any, comes
         * after them */
        if (tb && !latin_head)
            for (size_t q = hend; q-- > s + reg + 1;)
                if (tb[q] && tb[q + 1] && (in_set("或及", f[q]) || (q >= s + reg + 2 && (in_set("和与跟同买", f[q]) || in_set(CLAUSE_FN, f[q]))))) {
                    s = q + 1;
                    reg = 0;
                    zh = hend - s;
                    break;
                }
        if (zh < 2 && !latin_head)
            continue;
        /* 家庭式|旅馆, 同档次|宾馆, 路边小|旅馆: a kind, a grade or a size
         * right before the shop word describes it (叁味小|馆: 小馆 is one) */
        if (tb && !latin_head && hend == a &&
            ((tb[hend - 1] && (in_set("式型级类性档", f[hend - 1]) ||
                               (f[hend - 1] == 0x5C0F /* 小 */ && anchor_len(mc, a) >= 2))) ||
             ends_at(f, hend, "档次")))
            continue;
        /* 致电|餐厅, 考虑|换|酒店: before a shop word of no trade, a run made of
         * nothing but verbs, adverbs and other function words says what was
         * done there (启航教育, 安居房产: a trade word makes it a name) */
        int renamed = renamed_follows(f, a + (size_t)anchor_len(mc, a), n);
        if (tb && !latin_head && !strong && !weak && !renamed && !branch_follows(mc, a + (size_t)anchor_len(mc, a), n)) {
            int ph = all_plain(mc, s + reg, hend, tb);
            /* one rarer word is a name when a cue or a verb of complaining
             * frames it (在|达松…, 投诉|七天…) */
            int cued = 0;
            for (size_t j = s + reg >= 4 ? s + reg - 4 : 0; j < s + reg && !cued; j++)
                cued = (size_t)LEN(MC_CUEPRE, j) + j == s + reg;
            cued |= ends_at(f, s + reg, "投诉") || ends_at(f, s + reg, "举报");
            /* 市民来电反映：飞驰驾校…: what a caller reports on */
            cued |= s + reg >= 3 && in_set(":：", f[s + reg - 1]) && ends_at(f, s + reg - 1, "反映");
            /* …反映：皖山县飞驰驾校…: with its county before it */
            cued |= reg && s >= 3 && in_set(":：", f[s - 1]) && ends_at(f, s - 1, "反映");
            /* …，安居便利店说…: a clause that opens with it and has it speak */
            size_t past = a + (size_t)anchor_len(mc, a);
            cued |= (s + reg == 0 || !mc->name_ok[s + reg - 1]) && past < n && in_set("说称讲答拒", f[past]);
            /* 飞驰驾校教练天天迟到: a clause opening with it and its staff */
            static const char *const staff[] = {"教练", "老板", "店员", "服务员", "老师", "师傅", "销售", "客服", "经理"};
            cued |= (s + reg == 0 || in_set("。！？!? ", f[s + reg - 1])) && f[s + reg] != 0x7B2C /* 第 */ &&
                    !is_numeral(f[s + reg]) && word_at(f, n, past, staff, sizeof staff / sizeof *staff);
            if (ph == 2 || (ph == 1 && !cued))
                continue;
        }
        /* the state of the goods is no 字号 (喝到变质奶茶, 买到过期蛋糕) */
        if (hend > s + reg && goods_state(f, s + reg, hend))
            continue;
        /* 付款后|旅行社, 退房时|酒店: a 字号 of three characters or more
         * closed by 后, 时 or 前 standing as a word of its own is a moment of
         * the story, not a name (天|后茶餐厅 is one); closed by 说 (工人说|
         * 公司, 非说|超市), what someone said, unless it opens the text or
         * follows 在/到/去 (柠檬说奶茶) */
        if (tb && hend >= s + reg + 2 && tb[hend - 1] && tb[hend] &&
            ((hend >= s + reg + 3 && in_set("后时前", f[hend - 1])) ||
             (f[hend - 1] == 0x8BF4 /* 说 */ && s + reg > 0 && LEN(MC_CUEPRE, s + reg - 1) != 1)))
            continue;
        /* an everyday word is no 字号 (其实酒店) */
        if ((size_t)LEN(MC_REGION, s + reg) != hend - s - reg && everyday(mc, f + s + reg, hend - s - reg) &&
            !branch_follows(mc, a + (size_t)anchor_len(mc, a), n) && !renamed)
            continue;
        /* a 字号 that is only an industry word (保险公司, 体育中心) is generic */
        size_t hs = s + reg;
        /* 开|牙科诊所, 想调取|酒店, 点|辣牛肉汤, 食完|桂记鱼生: a verb or a
         * modal leading the 字号 tells what someone did or wanted there
         * (开心, 开元, 点心: words, or brands: 点都德) */
        if (hs < a && (in_set("开想点", f[hs]) || (hend == hs + 1 && in_set("有在去要做办搞", f[hs])) ||
                       (hs + 2 < hend && in_set("吃食喝饮", f[hs]) && in_set("完了过咗", f[hs + 1]))) &&
            !(hend > hs + 1 && (LEN(MC_BRAND, hs) || (mc->logp && mc->logp(mc->logp_arg, f + hs, 2) <= 0))))
            continue;
        /* …and so does 开 or 点 after a place, a modal or 外卖 in it
         * (屋里开|牙科诊所, 能开|染坊, 外卖点|辣牛肉汤) */
        int opened = 0;
        for (size_t q = hs + 1; q < hend && !opened; q++)
            opened = in_set("开点", f[q]) && in_set("里内能会要想可就还又在卖", f[q - 1]);
        if (opened)
            continue;
        if ((size_t)imax(imax(LEN(MC_IND, hs), LEN(MC_INDW, hs)), imax(LEN(MC_SHOP, hs), LEN(MC_DESC, hs))) + hs == a)
            continue;
        /* 美甲店|做|美甲: a whole shop word and one character more is the
         * shop named by its kind and the verb of what was done there */
        if (LEN(MC_SHOP, hs) >= 2 && (size_t)LEN(MC_SHOP, hs) + hs + 1 == a)
            continue;
        /* 持卡人与|银行, 约定由|银行, 七千多台|友利银行: before a bare kind
         * word a function word or measure inside the 字号 ends what the
         * sentence says before the name */
        if (hend == a && kind_at(f, n, a)) {
            static const char fnchars[] = "与和及或同跟从由于对向给被把将让在着了有等的是为类台个名家";
            size_t q = a;
            while (q > hs && !in_set(fnchars, f[q - 1]))
                q--;
            if (q > hs) {
                if (a - q < 2)
                    continue;
                s = hs = q;
                reg = 0;
            }
        }
        /* 贷款公司, 私人银行, 信用卡中心, 开放式基金: common words before a bare
         * 公司/银行/中心/基金 say what kind of business, not which one */
        if (hend == a && generic_kind(mc, hs, a, n, reg))
            continue;
        /* a homophone of an industry word that is itself a word (超时 for
         * 超市) is no typo */
        if (LEN(MC_INDF, a) > LEN(MC_IND, a) && tb && !tb[a + 1])
            continue;
        if (live && !strong && !weak && !shop) {
            /* XX直播间 names a streamer or shop; after a business name
             * (大润发优选直播间) the name alone is the mention */
            int named = 0;
            for (size_t j = s; j < a; j++)
                named |= (size_t)anchor_len(mc, j) + j == a ||
                         (size_t)imax(LEN(MC_BRAND, j), LEN(MC_REG, j)) + j == a;
            if (named)
                continue;
        }
        /* 一个理疗体验店, 一斤小龙虾: a count of things, not a name */
        if ((counted(f, s + reg) && !(hend == a && owner_of_counted(mc, s + reg, a, n, tb))) ||
            (hend >= s + reg + 2 && counted(f, s + reg + 2)) || timed(f, s + reg, hend))
            continue;
        /* 淘宝店铺, 京东网店: the platform's shop, not a business named 淘宝 */
        if (shop && LEN(MC_PLAT, s + reg) && (size_t)LEN(MC_PLAT, s + reg) + s + reg == a &&
            LEN(MC_SHOP, a) == shop && (VAL(MC_SHOP, a) == SECTOR_ECOMMERCE || (shop == 1 && f[a] == 0x5E97)))
            continue;
        /* 导游拉去|玉器店, 带去|玉石店: a verb of taking somewhere, not a 字号 */
        if (tb && hend == a && a >= s + reg + 2 && f[a - 1] == 0x53BB /* 去 */ && tb[a - 2] && !tb[a - 1])
            continue;
        /* 进玉器店, 玉石店、银器店, 在路边摊: a known word for goods or a
         * place before a one-character shop word names a kind of shop */
        if (shop == 1 && !strong && !weak && zh == 2 && reg == 0 && hend == a && is_han(f[s]) && mc->logp &&
            mc->logp(mc->logp_arg, f + s, 2) <= 0 && (f[a] == 0x5E97 || f[a] == 0x644A /* 摊 */ || f[a] == 0x94FA /* 铺 */) &&
            !(a + 1 < n && (LEN(MC_SHOP, a + 1) || LEN(MC_BRANCH, a + 1) || is_open(f[a + 1]))))
            continue;
        /* 医药费, 培训费: a fee, not a business */
        if (a + (size_t)imax(strong, weak) < n && f[a + (size_t)imax(strong, weak)] == 0x8D39 && !shop)
            continue;
        /* 快马汽修|洗车: a service done there is no trade of its own */
        if (!shop && !live && service_done(mc, a, imax(strong, weak), n))
            continue;
        /* 洗衣|液, 游泳|池, 保险|柜, 科技|园, 安装|师傅: an industry word the
         * segmenter reads into a longer word for a thing, a room or a
         * person is part of that word, not a trade; before 液, 剂, 膏 (the
         * forms of goods) even when the segmenter cuts there */
        size_t ie = a + (size_t)imax(strong, weak);
        if (!shop && !live && tb && ie < n && (!tb[ie] || in_set("液剂膏", f[ie])) &&
            in_set("液粉机剂膏器池柜漆料杯色园房室师", f[ie]) &&
            !LEN(MC_SHOP, ie) && !LEN(MC_ORG, ie) && !LEN(MC_BRANCH, ie) && !LEN(MC_IND, ie) && !LEN(MC_INDW, ie))
            continue;
        int tail = (shop && shop >= imax(strong, weak)) || live;
        size_t b = a + (size_t)imax(imax(imax(strong, weak), shop), live);
        size_t e = b;
        if (!(live && !strong && !weak && !shop))
            e = right_end(mc, b, n, &tail, 0);
        else if (branch_at(mc, b, n))
            e = branch_at(mc, b, n); /* 泰和直播间万达店: the room's branch */
        /* 阿康海鲜|摊: the 摊 of a stall selling goods (seafood, fruit, meat)
         * right after its trade word ends its name, as the sets write it;
         * a cooked-food stand is named without it (阿婆饵块, 李记杂粮煎饼),
         * and its 摊位, 摊主 and 摊贩 are not part of it */
        if (e == b && (strong || weak) && !shop && e < n && f[e] == 0x644A /* 摊 */ &&
            !(e + 1 < n && in_set("位主贩", f[e + 1])) &&
            ((strong && VAL(MC_IND, a) == SECTOR_FOOD_RETAIL) || (weak && VAL(MC_INDW, a) == SECTOR_FOOD_RETAIL) ||
             ends_at(f, b, "海鲜")))
            e++;
        if (live && !strong && !weak && !shop && e == b) {
            /* 满家直播间服务有限公司: the room's registered name */
            size_t q = b;
            while (q < n && LEN(MC_DESC, q))
                q += (size_t)LEN(MC_DESC, q);
            if (q < n && LEN(MC_ORG, q))
                e = q + (size_t)LEN(MC_ORG, q);
        }
        /* 酒店旁边就是盘门景区: a scenic area named in a stay's account is
         * where the hotel is; it is the business when the visit is told */
        if (has_at(f, n, a, "景区") && about_stay(f, n))
            continue;
        /* 在天津站打出租车, 乘坐出租车: a taxi ridden is no business named */
        if (a > s && in_set("打坐乘搭叫拦", f[a - 1]) && has_at(f, n, a, "出租"))
            continue;
        /* 易胜博等公司: 等 lists names before a word for their kind */
        if (a > s && f[a - 1] == 0x7B49 /* 等 */)
            continue;
        /* a weak industry word ends a name when cues frame it
         * (在老高维修找了…) */
        int framed = 0, ordered = 0;
        if (!strong && !tail) {
            for (size_t j = s >= 3 ? s - 3 : 0; j < s && !framed; j++)
                framed = (size_t)LEN(MC_CUEPRE, j) + j == s;
            /* 在皓齿口腔拔了…, 在老高维修换…: a verb of one character, a word
             * of its own, also ends the name after 在 */
            int verb_next = e + 1 < n && tb && tb[e] && tb[e + 1] && in_set("拔补镶做修换洗剪染烫配办充买吃住租学", f[e]) &&
                            zh >= 2 && !everyday_word(mc, s, hend);
            framed = framed && (e >= n || !mc->name_ok[e] || LEN(MC_CUEPOST, e) || mc->stop_at[e] || verb_next);
            framed |= staff_follows(f, n, e);
            /* 锦绣华庭小区锦绣物业长期…, ，绿苑物业今年起…: the manager of an
             * estate named by itself after the estate or a clause mark */
            if (s > 0 && (clause_mark(f[s - 1]) || ends_at(f, s, "小区")) && has_at(f, n, a, "物业") && reg == 0) {
                /* 小区物业|榕庭物业: the estate's 物业 before its manager's name */
                if (has_at(f, n, s, "物业") && hend >= s + 4) {
                    s += 2;
                    zh -= 2;
                }
                framed |= zh >= 2 && !everyday_word(mc, s, hend);
            }
            /* 海鲜市场|鲁海水产: a stall named inside its market */
            framed |= s >= 2 && (ends_at(f, s, "市场") || ends_at(f, s, "市场的") || ends_at(f, s, "市场里") ||
                                 ends_at(f, s, "市场内")) &&
                       reg == 0 && zh >= 2 && !common_word(mc, s, hend);
            /* 小区由海悦物业管理: the manager an estate is run by */
            if (s > 0 && f[s - 1] == 0x7531 /* 由 */ && e >= a + 4 && ends_at(f, e, "物业管理") && reg == 0 &&
                zh >= 2 && !common_word(mc, s, hend)) {
                e -= 2;
                framed = 1;
            }
            /* 嘉江物业管理的小区: what the manager manages */
            if (e >= a + 4 && ends_at(f, e, "物业管理") && e < n && f[e] == 0x7684 /* 的 */)
                e -= 2;
            /* 来电人反映绿苑物业擅自…, 来电人称仁康口腔在…, 其称匠心装修做的…:
             * what a caller reports on */
            framed |= reg == 0 && zh >= 2 && !everyday_word(mc, s, hend) && !LEN(MC_STOP, s) &&
                      (ends_at(f, s, "反映") || ends_at(f, s, "投诉") || ends_at(f, s, "举报") || ends_at(f, s, "其称") ||
                       (s >= 3 && ends_at(f, s, "人称") && in_set("电访诉映报", f[s - 3]) &&
                        !in_set("区路街道镇村县市站场", f[hend - 1])));
            /* 速联宽带装了…, 福满包子的…: the name a text opens with */
            int opens = s == 0 || (s > 0 && (f[s - 1] == 0x3002 || f[s - 1] == 0xFF01 || f[s - 1] == 0xFF1F ||
                                              f[s - 1] == '!' || f[s - 1] == '?'));
            /* 来信：海星游艇的…, 举报内容：鑫路达二手车…: the heading of an
             * order; 红松巷那个郑纪锅包肉: a name pointed at */
            opens |= s >= 3 && in_set(":：", f[s - 1]) &&
                     (ends_at(f, s - 1, "来信") || ends_at(f, s - 1, "举报") || ends_at(f, s - 1, "内容") ||
                      ends_at(f, s - 1, "来访") || ends_at(f, s - 1, "反映") || ends_at(f, s - 1, "投诉") ||
                      ends_at(f, s - 1, "来电"));
            opens |= s >= 2 && (ends_at(f, s, "那个") || ends_at(f, s, "那家") ||
                                ends_at(f, s, "这家")) && !everyday_word(mc, s, hend);
            /* 北湖早市王姐水果卖的…: after the market or place it stands in
             * (小区内|华宇宽带, 小区电梯里贴|广告 say where, not who) */
            for (size_t j = s >= 6 ? s - 6 : 0; j + 2 <= s && !opens && tb && !in_set("内里外中上旁", f[s]); j++)
                opens = (size_t)LEN(MC_NONM, j) + j == s && !plain_tokens(mc, s, hend, tb, 0);
            static const char verbs[] = "装卖给把让说收拍做修换办骗坑不没都也又还竟就一乱天总老从每宣承个嘅新送发寄，。！？,.!? ";
            int next_ok = e >= n || f[e] == 0x7684 || mc->stop_at[e] || LEN(MC_CUEPOST, e) || in_set(verbs, f[e]);
            /* …unless the 字号 is a common word (房间|装修比较旧) */
            framed |= opens && zh >= 2 && !is_digit(f[s + reg]) && next_ok && !everyday_word(mc, s + reg, hend);
            /* 在梧桐路的极客维修更换…, 在芦荡县的芦荡渔家吃…: where the visit
             * was, then 的 and the business there */
            if (zh >= 2 && s >= 1 && f[s - 1] == 0x7684 /* 的 */ && visited_place_before(mc, s) &&
                !everyday_word(mc, s + reg, hend))
                framed = 1;
            /* 白城的明视眼镜给其孩子配的…: a city's shop, named after it and 的 */
            for (size_t q = s >= 8 ? s - 8 : 0; !framed && zh >= 2 && s >= 3 && f[s - 1] == 0x7684 && q + 2 < s; q++)
                framed = (size_t)LEN(MC_REGION, q) + q == s - 1 && (q == 0 || !mc->name_ok[q - 1] || mc->hard[q]) &&
                         !everyday_word(mc, s + reg, hend);
            ordered = reg == 0 && zh >= 2 && !everyday_word(mc, s, hend) && platform_order_before(mc, s);
            framed |= ordered;
            /* 订的途悠旅游的出境团, 买的鑫宇房产的房子: between two 的, the
             * name that owns the goods */
            framed |= s >= 2 && f[s - 1] == 0x7684 && is_han(f[s - 2]) && e < n && f[e] == 0x7684 && zh >= 2 &&
                      zh <= 3 && reg == 0 && is_han(f[s]) && !common_word(mc, s, hend);
            /* 用北部湾快充小程序充电, 鄂电快充的充电桩: the app or the charger
             * a trade name is written before is that business's */
            size_t past_de = e < n && f[e] == 0x7684 /* 的 */ ? e + 1 : e;
            framed |= reg == 0 && zh >= 2 && !everyday_word(mc, s, hend) && !in_set("里内上中旁边", f[s]) &&
                      (has_at(f, n, past_de, "小程序") || has_at(f, n, past_de, "充电桩"));
            /* 乘坐蓝海游艇出海, 搭乘鹭屿客运的轮渡: the boat or coach ridden
             * is its operator's */
            framed |= reg == 0 && zh >= 2 && (ends_at(f, s, "乘坐") || ends_at(f, s, "搭乘")) &&
                      !everyday_word(mc, s, hend);
            /* 其中鑫钢五金最为严重, 与家和装修签订合同, 委托安居房产出售, 由匠心装修做的:
             * the party of an agreement or the worst of those checked */
            /* (其中国电信 is 其|中国电信; 由|拿走手机 is what was done) */
            /* (其中葱油拌面成一坨, 与葱油拌面各一份: dishes listed, nothing agreed) */
            static const char *const agreed[] = {"签", "合作", "做", "施工", "负责", "承建", "提供", "订"};
            framed |= zh >= 2 && !everyday_word(mc, s + reg, hend) && tb && !plain_tokens(mc, s + reg, hend, tb, 0) &&
                      ((ends_at(f, s, "其中") && f[s] != 0x56FD /* 国 */ && e < n && in_set("的最问存被", f[e])) ||
                       ends_at(f, s, "委托") ||
                       (s > 0 && in_set("与由", f[s - 1]) && (s == 1 || !in_set("与由", f[s - 2])) &&
                        word_at(f, n, e, agreed, sizeof agreed / sizeof *agreed)));
            /* 丰收农资卖的除草剂, 反映：丰收农资出售的…: a clause that opens with a
             * trade name selling its goods names the seller, even when its
             * 字号 is a common word (房间|装修比较旧 sells nothing) */
            framed |= opens && reg == 0 && zh >= 2 && !is_digit(f[s]) &&
                      (has_at(f, n, e, "卖的") || has_at(f, n, e, "卖假") || has_at(f, n, e, "出售") ||
                       has_at(f, n, e, "销售"));
        }
        if (!strong && !tail && !framed)
            continue;
        /* 金贸中心, 天禄俱乐部, 经贸学院: a bare 中心, 俱乐部, 学院 or 学校
         * with no trade word before it is a building, a team or a public
         * body; a shop says what it does (健身中心, 舞蹈学校); 美国馆,
         * 瑞典馆: a 馆 after a place alone is a pavilion */
        if (shop && !strong && !weak && e == a + (size_t)shop && institution_word(f, n, a, (size_t)shop) &&
            !trade_ends_at(mc, a))
            continue;
        if (shop == 1 && !strong && !weak && f[a] == 0x9986 /* 馆 */ && e == a + 1 &&
            (reg + s == hend || (size_t)LEN(MC_REGION, s) == hend - s))
            continue;
        /* 红木家具, 古典工艺家具: dictionary words before a word for goods
         * with no shop word or form after it name the goods, not a maker */
        if (strong && e == b && hend == a && !framed && goods_word(f, n, a, b) && dict_words(mc, s + reg, a))
            continue;
        /* 否则|住|度假村, 下次|换|酒店, 推给|物业: a verb of staying, eating,
         * buying, going or turning to standing alone before the shop word
         * is the sentence */
        if (hend == a && a >= s + reg + 2 && tb &&
            ((tb[a - 1] && in_set("住吃买去往换订想要给找", f[a - 1]) &&
              (a - 1 - (s + reg) < 2 || dict_words(mc, s + reg, a - 1) || all_plain(mc, s + reg, a - 1, tb))) ||
             (a == s + reg + 2 && tb[s + reg] && in_set("给找", f[a - 1])))) /* 推给|物业, 去找|物业 */
            continue;
        /* 一家|小电器店, 那个|裁缝铺, 一家|职业技能培训学校: after a count of
         * businesses, words of the language before the trade say what kind
         * of shop it is, not its name */
        if (s >= 2 && !live && in_set("家个间", f[s - 1]) && in_set("一这那某", f[s - 2]) && !LEN(MC_BRAND, s + reg) &&
            (hend <= s + reg + 1 || dict_words(mc, s + reg, hend) || (tb && all_plain(mc, s + reg, hend, tb)) ||
             (size_t)imax(LEN(MC_IND, s + reg + 1), LEN(MC_INDW, s + reg + 1)) + s + reg + 1 == hend) &&
            /* 那个极光网咖, 这家星河健身房: that one shop, named by a word
             * no kind of shop is called (a rare one) */
            !(in_set("这那", f[s - 2]) && hend >= s + reg + 2 && rare_word_in(mc, s + reg, hend, tb)))
            continue;
        /* 一家没有名字的|网约车公司, 一家没有招牌的|手机配件店: the text says it
         * has no name */
        if (ends_at(f, s, "没有名字的") || ends_at(f, s, "没名字的") || ends_at(f, s, "无名的") ||
            ends_at(f, s, "不知名的") || ends_at(f, s, "叫不上名的") || ends_at(f, s, "没有招牌的") ||
            ends_at(f, s, "没招牌的") || ends_at(f, s, "无招牌的") || ends_at(f, s, "无招牌"))
            continue;
        /* 在三亚旅游期间: the trip, not a travel firm */
        if ((has_at(f, n, a, "旅游") || has_at(f, n, a, "旅行")) && a + 2 < n &&
            (has_at(f, n, a + 2, "期间") || has_at(f, n, a + 2, "时") || has_at(f, n, a + 2, "途中") ||
             has_at(f, n, a + 2, "回来")))
            continue;
        /* 拍摄|婚纱照, 维修|空调: a verb of the visit standing for the 字号 */
        if (hend == a && a >= s + reg + 2 && (size_t)LEN(MC_CUEPOST, s + reg) == a - (s + reg))
            continue;
        /* 吃个|肉夹馍, 买张|煎饼: a verb and its measure word before the goods */
        if (hend == a && a >= s + reg + 2 && in_set("个张份碗杯盒串只回次趟", f[a - 1]) &&
            in_set("吃买喝要点拿带叫整来取换有找去进象像是个一二两三四五六七八九十几半这那哪每", f[a - 2]))
            continue;
        /* 中国房地产|协会, 银行|业, 在|教育局: the words belong to something else */
        if (e < n && (LEN(MC_NONM, e) || (f[e] == 0x4E1A /* 业 */ && !(e + 1 < n && f[e + 1] == 0x52A1 /* 务 */))))
            continue;
        if ((size_t)LEN(MC_NONM, a) > e - a)
            continue;
        /* 天津旅游, 重庆火锅, 香港拍卖: a place and a trade with no shop word
         * or form after them name the trade there, not a business, unless
         * cues frame them as the place of a purchase (在首尔烤肉吃完…) */
        if (!tail && !framed && hend == a && hend > s && (size_t)LEN(MC_REGION, s) == hend - s)
            continue;
        /* 去三亚|旅游, 来宁夏|旅游: framed or not, a place and 旅游 or 旅行
         * is a trip there (the words are verbs too) */
        if (!tail && hend == a && hend > s && (size_t)LEN(MC_REGION, s) == hend - s && e == a + 2 &&
            (has_at(f, n, a, "旅游") || has_at(f, n, a, "旅行")))
            continue;
        char key[KEY_CAP];
        tax_sector sec;
        if (key_cp(mc, f + s, e - s, key, sizeof key, &sec, 0) != QS_OK)
            continue;
        double conf = strong ? (tail ? 0.92 : 0.85) : ordered ? 0.85 : framed ? 0.65 : (weak ? 0.78 : 0.72);
        if (zh > 5)
            conf -= 0.15;
        /* 电梯公司说…, 外包公司: everyday words before a bare 公司 call a
         * firm by what it does; kept as a mention (news names firms so),
         * but below MERCH_KIND_CONF: a business named by its own name wins */
        if (hend == a && reg == 0 && e == a + 2 && has_at(f, n, a, "公司") && dict_words(mc, hs, a))
            conf = MERCH_KIND_CONF - 0.05;
        /* 老街坊吃火锅, 茶语喝奶茶, 夜猫子食烧烤, 美美做美甲, 莲心练瑜伽: a verb
         * on its own before the trade is what the complainant did there;
         * the name is the 字号 before it, in that trade */
        if (hend == a && a >= s + reg + 3 && in_set("吃喝食饮做练学报剪烫染拍", f[a - 1]) &&
            (!tb || (tb[a - 1] && tb[a])) && !mc->stop_at[a - 2]) {
            e = a - 1;
            conf = 0.72;
        }
        rc = add_cand(mc, (cand){(int32_t)s, (int32_t)e, MERCH_NAME, sec, conf, -1}, err);
        mc->hard[e] = 1; /* the next name starts after this one */
        if (e < n && (f[e] == 0x548C || f[e] == 0x4E0E || f[e] == 0x53CA || f[e] == 0x8DDF ||
                      f[e] == 0x540C || f[e] == 0x6216)) /* 和与及跟同或 between two names */
            mc->hard[e + 1] = 1;
        a = e - 1;
    }
    /* brands, platforms, registry names */
    for (size_t i = 0; i < n && rc == QS_OK; i++) {
        /* the tight scan first: few positions start such a word */
        i = u32_find_any(mc->cats, i, n, CAT(MC_BRAND) | CAT(MC_PLAT) | CAT(MC_REG));
        if (i == n)
            break;
        int32_t lb = LEN(MC_BRAND, i), lp = LEN(MC_PLAT, i), lr = LEN(MC_REG, i);
        /* 寄|韵达快递 read as 寄韵|达: a one-character verb glued to the brand's first character */
        int glued = tb && lb && i > 0 && !tb[i] && tb[i - 1] && tb[i + (size_t)lb] && in_set("寄在用找买叫发去到从", f[i - 1]);
        if (tb && lb && tb[i] && !tb[i + (size_t)lb] && !brand_ends_clause(mc, i, (size_t)lb, n, tb)) {
            /* 中通快递|员 read as 中通|快递员: a courier's brand before its
             * 快递员 is the brand without 快递 */
            cpt_match mt[64];
            size_t k = cptrie_walk(lx->t, f + i, n - i, mt, 64);
            int32_t fit = 0;
            for (size_t q = 0; q < k && q < 64; q++)
                if (mt[q].cat == MC_BRAND && mt[q].len >= 2 && mt[q].len < lb && tb[i + (size_t)mt[q].len] && mt[q].len > fit) {
                    fit = mt[q].len;
                    VAL(MC_BRAND, i) = mt[q].val;
                }
            lb = has_at(f, n, i + (size_t)fit, "快递") ? fit : 0; /* (新浪|网友: a site's users) */
        } else if (tb && lb && !(tb[i] && tb[i + (size_t)lb]) && !glued && !brand_ends_clause(mc, i, (size_t)lb, n, tb))
            lb = 0;
        if (tb && lp && !tb[i]) /* 北|京东|城区 */
            lp = 0;
        if (tb && lp && !tb[i + (size_t)lp]) {
            /* the longest platform word overruns a token (淘宝网|购): take
             * the longest one that ends on a boundary, if any */
            cpt_match mt[64];
            size_t k = cptrie_walk(lx->t, f + i, n - i, mt, 64);
            for (size_t q = 0; q < k && q < 64; q++)
                if (mt[q].cat == MC_PLAT && tb[i + (size_t)mt[q].len] && mt[q].len < lp) {
                    lp = mt[q].len;
                    VAL(MC_PLAT, i) = mt[q].val;
                }
        }
        /* 淘宝网购了: the platform is 淘宝, 网购 the verb */
        if (lp >= 3 && i + (size_t)lp < n && f[i + (size_t)lp - 1] == 0x7F51 /* 网 */ &&
            f[i + (size_t)lp] == 0x8D2D /* 购 */)
            lp = cptrie_longest(lx->t, f + i, (size_t)lp - 1, MC_PLAT, &VAL(MC_PLAT, i));
        int32_t L = imax(imax(lb, lp), lr);
        if (!L)
            continue;
        size_t j = i + (size_t)L;
        if (lb == L && lr < L && L == 2 && (has_at(f, n, i, "移动") || has_at(f, n, i, "电信")) &&
            !carrier_said(f, n, i, j))
            continue;
        /* 碧桂园小区, 万达广场: a compound or place named after the brand;
         * after a platform only a place (拼多多百亿补贴 is its campaign) */
        if (j < n && lr < L && LEN(MC_NONM, j) && (lp < L || place_suffix(f[j + (size_t)LEN(MC_NONM, j) - 1])))
            continue;
        /* 东风路, 中山大道, 历峰区: a street or a district, not the brand */
        if (j < n && lr < L && (f[j] == 0x8DEF || f[j] == 0x8857 || f[j] == 0x5DF7 || f[j] == 0x533A ||
                                (f[j] == 0x5927 && j + 1 < n && f[j + 1] == 0x9053)))
            continue;
        if ((i > 0 && is_latin(f[i]) && is_latin(f[i - 1])) || (j < n && is_latin(f[j - 1]) && is_latin(f[j])))
            continue;
        /* 山姆·雷米, 保罗·盖蒂: a part of a foreign person's name; 龙湖·蔚澜香醍:
         * a development named after its builder */
        if (lr < L && ((i > 0 && (f[i - 1] == 0xB7 || f[i - 1] == 0x2022)) ||
                       (j + 1 < n && (f[j] == 0xB7 || f[j] == 0x2022) && is_han(f[j + 1]))))
            continue;
        /* 筑美的设计师: a brand ending in 的 (美的) right after a character a
         * name may run on from is that name's end and the particle */
        if (lr < L && f[j - 1] == 0x7684 /* 的 */ && i > 0 && is_han(f[i - 1]) && mc->name_ok[i - 1] && !mc->hard[i] &&
            !mc->stop_at[i - 1] && !in_set("台个部款只件套和与及跟同或", f[i - 1]) &&
            !(i >= 2 && mc->stop_at[i - 2] && LEN(MC_STOP, i - 2) == 2))
            continue;
        if (lr < L && L == 2 && brand_as_word(f, n, i))
            continue;
        cand c = {(int32_t)i, (int32_t)j, MERCH_BRAND, SECTOR_OTHER, 0.85, -1};
        /* 中国银联, 上海携程: a region right before the brand is its prefix */
        for (size_t q = i >= 6 ? i - 6 : 0; q + 1 < i && lp < L; q++)
            if ((size_t)LEN(MC_REGION, q) + q == i && (mc->hard[q] || (tb && tb[q] && q > 0 && !LEN(MC_REGION, q - 1)))) {
                c.s = (int32_t)q;
                break;
            }
        if (lr == L) {
            c.kind = MERCH_REGISTRY;
            c.reg = VAL(MC_REG, i);
            c.sector = lx->reg[c.reg].sector;
            c.conf = 0.97;
        } else if (lp == L) {
            /* 钱去哪儿了, 他去哪儿呢: the question, not the travel site */
            if (j < n && f[j - 1] == 0x513F /* 儿 */ && in_set("了呢啊吗呀?？", f[j]))
                continue;
            c.kind = MERCH_PLATFORM;
            c.sector = (tax_sector)VAL(MC_PLAT, i);
            c.conf = 0.9;
        } else {
            c.sector = (tax_sector)VAL(MC_BRAND, i);
        }
        if (c.kind != MERCH_PLATFORM) {
            int tail = 0;
            /* bought as goods (买的欧派橱柜), a brand's trade word is its product */
            int as_brand = product_context(f, n, i, j) ? 2 : 1;
            c.e = (int32_t)right_end(mc, j, n, &tail, as_brand);
            /* 美的|洗衣机: a trade word cut out of the goods' word is the goods */
            if ((size_t)c.e > j && (size_t)c.e < n && tb && !tb[c.e])
                c.e = (int32_t)j;
            /* 永辉体育: the trade the brand's firm is in */
            int st = (size_t)c.e > j && as_brand == 1 && c.kind == MERCH_BRAND
                         ? service_trade(mc, j, imax(LEN(MC_IND, j), LEN(MC_INDW, j)))
                         : 0;
            if (st)
                c.sector = (tax_sector)(st - 1);
            /* 途牛旅游网, 好物网站: 网 right after a brand is its website,
             * unless it starts the next word (移动网络, 淘宝网购); a verb
             * of buying after it is the purchase there (在…网报的, 网订的) */
            if ((size_t)c.e == j && c.kind == MERCH_BRAND && j < n && f[j] == 0x7F51 /* 网 */) {
                int site = j + 1 < n && f[j + 1] == 0x7AD9 /* 站 */;
                if (site || j + 1 >= n || !is_han(f[j + 1]) || in_set("买订报办约租充", f[j + 1]) ||
                    (tb ? tb[j + 1] : !common_word(mc, j, j + 2)))
                    c.e = (int32_t)(j + 1 + (size_t)site);
            }
            /* 如家精选(高铁站店), 汉庭优佳万达店: two characters between a
             * brand and its branch name the brand's line of shops */
            if ((size_t)c.e == j && c.kind == MERCH_BRAND && j + 2 < n && is_han(f[j]) && is_han(f[j + 1]) &&
                mc->name_ok[j] && mc->name_ok[j + 1] && !mc->stop_at[j] && !mc->stop_at[j + 1] &&
                !anchor_len(mc, j) && !LEN(MC_REGION, j) && !LEN(MC_CUEPOST, j) && !LEN(MC_COREF, j) &&
                !LEN(MC_BRAND, j) && !LEN(MC_PLAT, j) &&
                branch_follows(mc, j + 2, n))
                c.e = (int32_t)right_end(mc, j + 2, n, &tail, as_brand);
            /* 顺丰快递, 中通快递: a courier's brand and its trade (快递员,
             * 快递柜 and 快递点 are its people and places) */
            if ((size_t)c.e == j && c.kind == MERCH_BRAND && c.sector == SECTOR_SERVICES && has_at(f, n, j, "快递") &&
                !(j + 2 < n && in_set("员柜点费单", f[j + 2])))
                c.e = (int32_t)(j + 2);
            /* 宜家中国, ibm中国: the brand's company in China */
            if ((size_t)c.e == j && has_at(f, n, j, "中国") && (j + 2 >= n || !mc->name_ok[j + 2] || mc->stop_at[j + 2] ||
                                                              LEN(MC_CUEPOST, j + 2) || f[j + 2] == 0x7684))
                c.e = (int32_t)(j + 2);
            /* 发达超市万达店, 泰和直播间万达店: a mall or place + 店 right
             * after a business word is that business's branch */
            if (c.kind == MERCH_BRAND && (size_t)c.e > j && f[c.e - 1] == 0x5E97 /* 店 */ &&
                (size_t)LEN(MC_BRANCH, j) == (size_t)c.e - j) {
                int after_business = 0;
                size_t at = i > 0 && is_open(f[i - 1]) ? i - 1 : i; /* 发达超市(万达店) */
                for (size_t q = at >= 6 ? at - 6 : 0; q < at && !after_business; q++)
                    after_business = (size_t)imax(anchor_len(mc, q), LEN(MC_LIVE, q)) + q == at;
                if (after_business)
                    continue;
            }
        }
        rc = add_cand(mc, c, err);
    }
    if (rc == QS_OK)
        rc = bank_names(mc, n, tb, err);
    /* 在 X 购买/办理 and 被投诉方：X */
    for (size_t i = 0; i < n && rc == QS_OK; i++) {
        /* the tight scan first: few positions start such a word */
        i = u32_find_any(mc->cats, i, n, CAT(MC_CUEPRE) | CAT(MC_PLAT) | CAT(MC_LABEL));
        if (i == n)
            break;
        if (LEN(MC_CUEPRE, i) && (!bounds || bounds[i])) {
            size_t j = i + (size_t)LEN(MC_CUEPRE, i);
            size_t k = j;
            /* a Latin name counts its letters (Sunny Bakery) */
            size_t most = j < n && is_latin(f[j]) ? 24 : 10;
            while (k < n && k - j <= most && mc->name_ok[k] && !(k > j && mc->hard[k]) && !LEN(MC_CUEPOST, k) &&
                   !(k >= j + 2 && app_word(f, n, k)))
                k++;
            /* 在快修帮小程序(上)预约: the app is the business's, not its name */
            size_t post = k;
            if (k < n && k >= j + 2 && app_word(f, n, k)) {
                post = k + app_word(f, n, k);
                post += post < n && f[post] == 0x4E0A /* 上 */;
            }
            /* 通过两小时送达服务购买: a count or a span of time opens no name */
            int counted_head = is_numeral(f[j]) && j + 1 < k && (unit_char(f[j + 1]) || f[j + 1] == 0x5C0F /* 小时 */) &&
                               !(j + 2 < k && count_place(f[j + 2]));
            if (post < n && k - j >= 2 && k - j <= most && LEN(MC_CUEPOST, post) && !mc->stop_at[j] && !counted_head &&
                !is_digit(f[j]) && !only_generic(mc, j, k) &&
                (!tb || (tb[j] && tb[k] && tb[post + (size_t)LEN(MC_CUEPOST, post)]) ||
                 /* 在康复佳买的, 在金鼎学车, 在名|剪染|了: an unknown name the
                  * segmenter ran into the verb (a two-character verb ends the
                  * token) */
                 (tb[j] && post == k && k - j <= 5 && mc->logp &&
                  ((LEN(MC_CUEPOST, k) == 1 && k - j >= 3) ||
                   (LEN(MC_CUEPOST, k) == 2 && k - j >= 2 && tb[k + 2] && (token_end(tb, j, k + 2) == k + 2 || (!tb[k] && !is_numeral(f[j]) && f[j] != 0x534A /* 半 */)))) &&
                  mc->logp(mc->logp_arg, f + j, k - j) > 0 && !LEN(MC_REGION, j) && plain_run(mc, j, k)))) {
                int nonm = 0;
                for (size_t q = j; q < k; q++)
                    nonm |= LEN(MC_NONM, q) != 0 || LEN(MC_REGION, q) == (int16_t)(k - q);
                /* 在银川市湖滨区参加…: a city and its district, however invented */
                nonm |= region_prefix(mc, j, k) == k - j;
                char key[KEY_CAP];
                tax_sector sec;
                /* 在柜台办理: a word of the language names a place, not a
                 * shop; so does a name ending in a word for a town, a street
                 * or a landform (在十里河, 在恒盛波尔多小镇) */
                if (!nonm && !common_word(mc, j, k) && !clause_lead(mc, tb, j, k) && !persons_home(f, j, k) &&
                    !in_set("镇村河井山湖桥路街中里内端", f[k - 1]) &&
                    key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) == QS_OK)
                    rc = add_cand(mc, (cand){(int32_t)j, (int32_t)k, MERCH_CUE, sec, 0.6, -1}, err);
            }
        }
        /* 在淘宝上的X购买, 视频号上看X直播带货: a shop on the platform */
        if (LEN(MC_PLAT, i) && rc == QS_OK && (!tb || tb[i])) {
            size_t j = i + (size_t)LEN(MC_PLAT, i);
            static const char *const links[] = {"平台上的", "平台的", "平台商家", "商城的", "上那个", "上这个", "上的",
                                                "上看到", "上看", "平台", "主播", "店铺", "网店", "商家", "上", "的", "看到", "看", "店"};
            int linked = 0, bought = 0;
            /* 在美团上点的小满家，: the verb of buying before the shop */
            /* 淘宝上搜到的X: the shop found there */
            static const char *const bought_links[] = {"上点的", "上买的", "上订的", "上约的", "上下单的", "上团购的",
                                                       "上点了", "上买了", "上订了", "上下单了", "上团购了",
                                                       "上搜到的", "上刷到的", "上找到的",
                                                       "点的", "订的"};
            size_t bl = word_at(f, n, j, bought_links, sizeof bought_links / sizeof *bought_links);
            if (bl) {
                j += bl;
                linked = bought = 1;
            }
            /* 在大众点评(上)购买徽味居的套餐: on a platform of meals, stays or
             * services, what is bought is a business's (goods platforms
             * sell brands: 在京东购买沙宣的洗发水) */
            int via_buy = 0;
            if (!linked && (has_at(f, n, j, "购买") || has_at(f, n, j, "上购买")) &&
                service_sector((tax_sector)VAL(MC_PLAT, i))) {
                j += (f[j] == 0x4E0A /* 上 */) + 2;
                j += j < n && f[j] == 0x4E86 /* 了 */;
                linked = bought = via_buy = 1;
            }
            size_t ll = linked ? 0 : word_at(f, n, j, links, sizeof links / sizeof *links);
            if (ll) {
                j += ll;
                linked = 1;
            }
            size_t k = j;
            while (k < n && k - j <= 10 && mc->name_ok[k] && !(k > j && mc->stop_at[k]) &&
                   !LEN(MC_CUEPOST, k) && !has_at(f, n, k, "直播") && !has_at(f, n, k, "的") &&
                   !(k > j && has_at(f, n, k, "卖") && f[k - 1] != 0x5916 /* 外卖 */))
                k++;
            /* 饿了么平台商家狐堡（金马店）: the shop with its branch */
            size_t branch_end = k < n && k >= j + 2 && is_open(f[k]) ? shop_bracket(f, n, k) : 0;
            /* the shop is bought from (…购买, …直播带货, …的商品) */
            /* …上买的衣服掉色，: goods and what is wrong with them are no shop */
            /* …上买了个吹风机: a measure word counts the goods */
            int plain_goods = bought && tb && k > j + 1 && tb[j + 1] && in_set("个只台件瓶盒袋箱套辆份桶双条", f[j]);
            if (bought && tb)
                for (size_t q = j, t0 = j; q <= k && q < n + 1 && !plain_goods; q++)
                    if (q > t0 && (tb[q] || q == k)) {
                        float lp = q - t0 >= 2 && mc->logp ? mc->logp(mc->logp_arg, f + t0, q - t0) : 1;
                        plain_goods = lp <= 0 && lp > -13.0f; /* a common word (衣服), not a name */
                        t0 = q;
                    }
            /* (…上买的暖手宝，, 闲鱼上买的二手滑雪板 : what was bought there
             * and ends the clause is the goods, unless a shop's word ends it) */
            int end_ok = branch_end || (bought && !plain_goods && k - j <= 6 && shop_ends_at(mc, k) &&
                          (k >= n || f[k] == 0xFF0C || f[k] == 0x3002 || f[k] == ',' || f[k] == 0xFF01 || f[k] == ' ')) ||
                         (k < n && (LEN(MC_CUEPOST, k) || has_at(f, n, k, "直播") || has_at(f, n, k, "卖") ||
                                   /* 抖音上那个养生刘老师 卖的…: a space before what it sells */
                                   (f[k] == ' ' && (has_at(f, n, k + 1, "卖的") || has_at(f, n, k + 1, "卖了") ||
                                                    has_at(f, n, k + 1, "直播"))) ||
                                   (has_at(f, n, k, "的") && k + 1 < n && mc->name_ok[k + 1] &&
                                    (via_buy || LEN(MC_CUEPOST, j > 0 ? j - 1 : 0) == 0) &&
                                    /* …的配送费: a stop word opening a longer word is no stop */
                                    ((!mc->stop_at[k + 1] && (k + 2 >= n || !LEN(MC_STOP, k + 1))) ||
                                     (tb && LEN(MC_STOP, k + 1) >= 2 && !tb[k + 1 + (size_t)LEN(MC_STOP, k + 1)])))));
            char key[KEY_CAP];
            tax_sector sec;
            /* 滴滴打车: without 上/的 a short word is the platform's own */
            if (end_ok && (linked || k - j >= 3) && k - j >= 2 && !mc->stop_at[j] && !is_digit(f[j]) && !only_generic(mc, j, k) &&
                !LEN(MC_PLAT, j) && !everyday(mc, f + j, k - j) && !LEN(MC_COREF, j) &&
                !app_word(f, n, j) && /* 支付宝|小程序里买的: the platform's app */
                /* 京东快递真|的好, 携程方面提供…: a run ending inside a word
                 * or holding a frequent verb or adverb is the sentence */
                (!tb || ((tb[k] || f[k] == 0x5356 /* 卖 */ || LEN(MC_CUEPOST, k)) && !plain_tokens(mc, j, k, tb, 1))) &&
                key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) == QS_OK)
                rc = add_cand(mc, (cand){(int32_t)j, (int32_t)(branch_end ? branch_end : k), MERCH_CUE, sec, 0.62, -1}, err);
        }
        if (LEN(MC_LABEL, i) && rc == QS_OK) {
            size_t j = i + (size_t)LEN(MC_LABEL, i), j0 = j;
            while (j < n && (f[j] == ':' || f[j] == 0x3001 || f[j] == ' ' || f[j] == 0x662F /* 是 */ ||
                             f[j] == 0x4E3A /* 为 */ || f[j] == 0x53EB /* 叫 */))
                j++;
            /* a label names what follows only as 被投诉方：X or 店铺是X */
            int sep = j > j0 || f[j0 - 1] == 0x662F || f[j0 - 1] == 0x53EB;
            if (!sep || (j < n && mc->stop_at[j]))
                j = n;
            size_t k = j;
            while (k < n && k - j < 30 && mc->name_ok[k] && !(k > j && mc->hard[k] && !LEN(MC_ORG, k)))
                k += LEN(MC_ORG, k) ? (size_t)LEN(MC_ORG, k) : 1; /* …果业|合作社: a form whole */
            k = k < n ? k : n;
            int tail = 0;
            k = right_end(mc, k, n, &tail, 0);
            char key[KEY_CAP];
            tax_sector sec;
            /* (投诉对象：南湾区一家没有招牌的二手车行: a district, then the
             * shop it does not name) */
            if (k - j >= 2 && !only_generic(mc, j, k) && !place_only(mc, j, k) &&
                key_cp(mc, f + j, k - j, key, sizeof key, &sec, 0) == QS_OK)
                rc = add_cand(mc, (cand){(int32_t)j, (int32_t)k, MERCH_CUE, sec, 0.88, -1}, err);
        }
    }
    if (rc == QS_OK)
        rc = topic_names(mc, n, tb, err);
    if (rc == QS_OK && quotes)
        rc = quoted_names(mc, n, tb, err);
    if (rc == QS_OK)
        rc = called_names(mc, n, err);
    if (rc == QS_OK)
        rc = reply_signer(mc, n, tb, err);
    if (rc == QS_OK)
        rc = bracketed_names(mc, n, err);
    /* the passes that read the segmenter's word boundaries, in order:
     * each finds names where the earlier ones found none */
    static qs_rc (*const token_passes[])(merch_ctx *, size_t, const uint8_t *, qs_err *) = {
        owner_ji_names,  complained_names, visited_names, staffed_names,   platform_shops,     moments_sellers,     group_leaders,       called_sellers,
        platform_owned_shops, organizer_names,
        platform_orders, platform_hosts,   deal_sellers, addressed_names, spaced_names,  bought_at_names, staff_opening_names,
        stayed_names, host_opening_names, opening_owner_names, visited_word_names, pointed_names};
    for (size_t p = 0; tb && rc == QS_OK && p < sizeof token_passes / sizeof *token_passes; p++)
        rc = token_passes[p](mc, n, tb, err);
    /* bare trade names only where no shop is named otherwise: most texts
     * name theirs with a trade word, and the scorer's cost is then saved */
    if (rc == QS_OK && tb && (mc->span_sink || mc->text_sink || ((mc->span || mc->tagger) && !shop_found(mc))))
        rc = span_names(mc, n, tb, err);
    if (rc != QS_OK)
        return rc;
    refine_bounds(mc, n, tb);
    tidy_cands(mc, f, n, tb);
    if ((rc = listed_names(mc, n, err)) != QS_OK)
        return rc;
    /* 蜜雪冰城的|珍珠奶茶, 买的|暖手宝: after 的, a name of no shop word,
     * form or branch is the goods when a brand was named right before or
     * when it is a word of the language (after a platform or a mall it is
     * a shop there: 天猫的丰盛家电) */
    {
        size_t kept = 0;
        for (size_t i = 0; i < mc->n_cands; i++) {
            const cand *c = &mc->cands[i];
            size_t cs = (size_t)c->s, ce = (size_t)c->e;
            int goods = (c->kind == MERCH_NAME || c->kind == MERCH_CUE) && cs > 0 && f[cs - 1] == 0x7684 /* 的 */ &&
                        !shop_ends_at(mc, ce) && !org_ends_at(mc, ce) && f[ce - 1] != 0x5E97 /* 店 */ &&
                        !branch_ends(f, ce);
            if (goods) {
                int owner = 0;
                for (size_t j = 0; j < mc->n_cands && !owner; j++)
                    owner = j != i && (size_t)mc->cands[j].e == cs - 1 && mc->cands[j].kind == MERCH_BRAND;
                float lp = mc->logp ? mc->logp(mc->logp_arg, f + cs, ce - cs) : 1.0f;
                goods = owner || (lp <= 0 && lp > -16.0f);
            }
            /* 双人早茶套餐, 四人烤串: a party size opens a deal, not a name */
            int party = ce >= cs + 3 && party_size_at(f, n, cs) && !is_digit(f[cs]);
            if (!goods && !party)
                mc->cands[kept++] = mc->cands[i];
        }
        mc->n_cands = kept;
    }
    /* 扔|菜鸟驿站: one character run onto a known firm's whole name is the
     * sentence's, not a longer name */
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        for (size_t j = 0; j < mc->n_cands && (c->kind == MERCH_NAME || c->kind == MERCH_CUE); j++) {
            const cand *b = &mc->cands[j];
            if ((b->kind == MERCH_BRAND || b->kind == MERCH_REGISTRY) && b->e == c->e && b->s == c->s + 1 &&
                b->e - b->s >= 3 && is_han(f[c->s]) && !LEN(MC_REGION, (size_t)c->s)) {
                c->s = b->s;
                break;
            }
        }
    }
    /* 中国移动营业厅, 中国石化加油站: a national firm's bare outlet is where
     * it was dealt with; the business is the firm, as most hand-written
     * sets name it (a branch, 营业厅（解放路）, 楚河路加油站, is kept).
     * So is a shop's 门店, 摊位, 网店 or 店铺 after its name (苏宁易购门店,
     * 阿强海鲜摊位, 莓好时光网店)
     * and an agency's 中介 after its brand (链家中介, 安居地产中介) */
    /* 中国石化|楚河路加油站, 中国移动|荷城营业厅: a national firm's outlet
     * named by its road or district is the firm, as most hand-written sets
     * name it; the outlet is no name of its own */
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        const char *w = NULL;
        if (c->kind != MERCH_NAME && c->kind != MERCH_CUE)
            continue;
        int outlet = 0;
        for (size_t j = 0; j < mc->n_cands; j++) {
            const cand *b = &mc->cands[j];
            if (b->kind != MERCH_BRAND || b->e - b->s != 4 || b->e > c->s || c->s - b->e > 2 || !national_outlet(f, (size_t)b->s, (size_t)b->e, &w) ||
                !ends_at(f, (size_t)c->e, w))
                continue;
            outlet = 1;
            for (size_t q = (size_t)b->e; q < (size_t)c->s && outlet; q++)
                outlet = is_han(f[q]) && mc->name_ok[q];
            break;
        }
        if (outlet) {
            drop_cands(mc, (size_t)c->s, (size_t)c->e);
            i--; /* the next candidate moved into slot i */
        }
    }
    /* 药材市场内|广济药材行, 万达广场内|星光影城: 内 after a market, a mall
     * or a compound says where the business is, it does not open its name */
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        if (c->kind != MERCH_NAME && c->kind != MERCH_CUE)
            continue;
        for (size_t p = (size_t)c->s; p + 3 < (size_t)c->e; p++)
            if (p > 0 && f[p] == 0x5185 /* 内 */ && in_set("场区城园楼厦心院村镇街", f[p - 1])) {
                c->s = (int32_t)p + 1;
                break;
            }
    }
    /* the same outlet read as part of the firm's name (中国移动荷城营业厅) */
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        const char *w = NULL;
        size_t fe = (size_t)c->s + 4;
        if (c->kind != MERCH_BRAND || (size_t)c->e < fe + 4 || !national_outlet(f, (size_t)c->s, fe, &w) ||
            !ends_at(f, (size_t)c->e, w))
            continue;
        /* a district or road of four characters at most; a branch company
         * (中国移动厦门分公司营业厅) is a registered name of its own */
        int place = (size_t)c->e - 3 - fe <= 4;
        for (size_t q = fe; q < (size_t)c->e - 3 && place; q++)
            place = is_han(f[q]) && mc->name_ok[q] && !has_at(f, (size_t)c->e, q, "公司");
        if (place)
            c->e = (int32_t)fe;
    }
    for (size_t i = 0; i < mc->n_cands; i++) {
        cand *c = &mc->cands[i];
        size_t cs = (size_t)c->s, e = (size_t)c->e;
        if (e - cs < 4 || (e < n && is_open(f[e])) || c->kind == MERCH_PLATFORM)
            continue;
        const char *w = NULL;
        if (e - cs >= 5 && national_outlet(f, cs, e - 3, &w) && ends_at(f, e, w))
            c->e = (int32_t)(e - 3);
        else if ((ends_at(f, e, "门店") || ends_at(f, e, "门市") || ends_at(f, e, "摊位")) && !anchor_len(mc, e - 3) &&
                 name_before(mc, cs, e - 2))
            c->e = (int32_t)(e - 2);
        /* an online shop's own name is bare (莓好时光|网店) */
        else if ((ends_at(f, e, "网店") || ends_at(f, e, "店铺")) && !anchor_len(mc, e - 3) &&
                 !only_generic(mc, cs, e - 2) && !everyday(mc, f + cs, e - 2 - cs))
            c->e = (int32_t)(e - 2);
        else if (ends_at(f, e, "中介") && (ends_at(f, e - 2, "地产") || (size_t)imax(LEN(MC_BRAND, cs), LEN(MC_REG, cs)) == e - 2 - cs))
            c->e = (int32_t)(e - 2);
        /* 露露美甲店|内, 佳人服饰店|主: 店 opens the word after the name */
        else if (f[e - 1] == 0x5E97 /* 店 */ && e < n && in_set("内主员里长", f[e]) && e - 1 - cs >= 3 &&
                 name_before(mc, cs, e - 1))
            c->e = (int32_t)(e - 1);
        /* 福康堂（原康寿养生馆）, 优品数码（京东店铺）: the former name or the
         * platform it sells on, in brackets, is no branch */
        else if (is_close(f[e - 1])) {
            size_t o = e - 1;
            while (o > cs && !is_open(f[o - 1]))
                o--;
            if (o > cs + 2 && (f[o] == 0x539F /* 原 */ || (LEN(MC_PLAT, o) && has_at(f, n, o + (size_t)LEN(MC_PLAT, o), "店")) ||
                               bracket_aside(mc, o, e - 1)))
                c->e = (int32_t)(o - 1);
        }
    }
    /* overlaps: registry names first, then the longer span */
    if (mc->n_cands)
        qsort(mc->cands, mc->n_cands, sizeof *mc->cands, cmp_cand);
    size_t kept = 0;
    for (size_t i = 0; i < mc->n_cands; i++) {
        int clash = 0;
        for (size_t j = 0; j < kept && !clash; j++)
            clash = mc->cands[i].s < mc->cands[j].e && mc->cands[j].s < mc->cands[i].e;
        if (!clash)
            mc->cands[kept++] = mc->cands[i];
    }
    if (kept)
        qsort(mc->cands, kept, sizeof *mc->cands, cmp_start);
    if (kept > mc->cap_ms) {
        merch_mention *p = realloc(mc->ms, kept * sizeof *p);
        char *kb = realloc(mc->keys, kept * KEY_CAP);
        if (p)
            mc->ms = p;
        if (kb)
            mc->keys = kb;
        if (!p || !kb)
            return qs_fail(err, QS_ENOMEM, "out of memory finding merchants");
        mc->cap_ms = kept;
    }
    size_t nm = 0;
    for (size_t i = 0; i < kept; i++) {
        const cand *c = &mc->cands[i];
        char *key = mc->keys + nm * KEY_CAP;
        tax_sector sec;
        if (LEN(MC_COREF, c->s) == c->e - c->s)
            continue;
        /* a local bank (湘江市商业银行) is keyed as written: its place is
         * what tells it from the others */
        if (c->reg == CAND_AS_WRITTEN) {
            if (encode(f + c->s, (size_t)(c->e - c->s), key, KEY_CAP) != 0)
                continue;
            sec = c->sector;
        } else if (key_cp(mc, f + c->s, (size_t)(online_word_after(f, n, (size_t)c->e) - c->s), key, KEY_CAP, &sec, 1) !=
                   QS_OK) {
            /* a quoted shop name (“潮牌研究所”店铺) and a bank listed by one
             * character (工、农、中) are keyed as written */
            int as_written = (c->kind == MERCH_CUE && c->conf >= 0.88) || (c->kind == MERCH_BRAND && c->e - c->s == 1);
            if (!as_written || encode(f + c->s, (size_t)(c->e - c->s), key, KEY_CAP) != 0)
                continue;
            sec = c->sector;
        }
        /* 主播阿豪, 主播“小雅”, “云南小花”直播间: a host named as such
         * is keyed by the room (阿豪直播间); a business with a trade word
         * (源祥轩电脑直播间) keeps its own key */
        int host = (c->kind == MERCH_NAME || c->kind == MERCH_CUE) && host_named(f, n, (size_t)c->s, (size_t)c->e);
        if ((c->kind == MERCH_NAME || c->kind == MERCH_CUE) && !merch_ends_live(key) &&
            strlen(key) + sizeof LIVE_WORD <= KEY_CAP &&
            ((c->s >= 2 && f[c->s - 2] == 0x4E3B /* 主 */ && f[c->s - 1] == 0x64AD /* 播 */) ||
             ((host || live_text_bare(mc, f, n, (size_t)c->s, (size_t)c->e)) && !key_ends_trade(mc->lx, key))))
            strcat(key, LIVE_WORD);
        /* a host sells online whatever the name says (健康王老师) */
        if (host)
            sec = SECTOR_ECOMMERCE;
        if (c->kind == MERCH_PLATFORM || c->kind == MERCH_BRAND || sec == SECTOR_OTHER)
            sec = c->sector != SECTOR_OTHER ? c->sector : sec;
        double conf = c->conf;
        if (c->kind == MERCH_BRAND && product_context(f, n, (size_t)c->s, (size_t)c->e))
            conf = 0.4;
        mc->ms[nm++] = (merch_mention){c->s, c->e, c->kind, sec, conf, c->reg < 0 ? -1 : c->reg, 0, key, 0, 0, 0, 0};
    }
    if (trade_refs(mc, f, n, tb, &nm) != QS_OK || lookalikes(mc, f, n, &nm) != QS_OK)
        return qs_fail(err, QS_ENOMEM, "out of memory finding merchants");
    drop_bracket_branches(mc->ms, &nm, f, n);
    mark_landmarks(mc->ms, nm, f, n);
    drop_shop_dishes(mc, mc->ms, &nm);
    drop_clause_names(mc, mc->ms, &nm, tb);
    trim_inside_shop(mc, mc->ms, nm, n);
    trim_address_brackets(mc, mc->ms, nm);
    trim_place_prefix(mc, mc->ms, nm);
    trim_trade_verb(mc, mc->ms, nm);
    trim_seller_place(mc, mc->ms, nm, tb);
    attach_bracket_branch(mc, mc->ms, nm, n);
    mark_goods(mc, mc->ms, nm, f, n);
    mark_renames(mc->ms, nm, f, n);
    online_shops(mc->ms, nm, f, n);
    trim_outlets(mc, mc->ms, nm);
    trim_clause_edges(mc, nm, tb);
    /* 该店/这家店/商家 refer back to the last business named */
    size_t mi = 0;
    for (size_t i = 0; (i = u32_find_any(mc->cats, i, n, CAT(MC_COREF))) < n; i++) { /* mi catches up there */
        while (mi < nm && mc->ms[mi].end <= (int32_t)i)
            mi++;
        if (!LEN(MC_COREF, i) || (mi < nm && mc->ms[mi].start <= (int32_t)i))
            continue;
        if (bounds && !bounds[i])
            continue;
        int want_platform = 0;
        for (int32_t q = 0; q < LEN(MC_COREF, i); q++)
            want_platform |= f[i + (size_t)q] == 0x5E73; /* 平(台) */
        for (size_t j = mi; j-- > 0;)
            /* 商家 is the seller, not a brand named as the goods */
            if ((mc->ms[j].kind == MERCH_PLATFORM) == want_platform && mc->ms[j].conf >= 0.5 && !mc->ms[j].goods) {
                mc->ms[j].refs++;
                break;
            }
        i += (size_t)LEN(MC_COREF, i) - 1;
    }
    *out = mc->ms;
    *n_out = nm;
    return QS_OK;
}

static int choose_pass(const merch_mention *m, size_t n, int landmarks);

/* A shop named by its own name: not a platform, a landmark or the brand of
 * goods (a brand of a service trade, 如家酒店, is a shop). */
static int named_shop(const merch_mention *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((m[i].kind == MERCH_NAME || m[i].kind == MERCH_REGISTRY || (m[i].kind == MERCH_BRAND && service_sector(m[i].sector)) ||
             (m[i].kind == MERCH_CUE && m[i].conf >= 0.85)) &&
            !m[i].landmark && m[i].conf >= 0.7)
            return 1;
    }
    return 0;
}

int merch_choose(const merch_mention *m, size_t n)
{
    /* a business named only as a place is still the one the text names */
    int best = choose_pass(m, n, 1);
    return best >= 0 ? best : choose_pass(m, n, 0);
}

/* Two keys name one business: equal, or one extends the other (禾木瑜珈
 * then 禾木, 途牛旅游网 then 途牛: a text writes the full name once and
 * shortens it after). The shorter key needs two Chinese characters or four
 * letters, so a single character or a short code joins nothing. */
static int same_business(const char *a, const char *b)
{
    /* one pass to where they part, no strlen: most keys differ at once */
    size_t k = 0;
    while (a[k] && a[k] == b[k])
        k++;
    if (a[k] && b[k])
        return 0;
    /* equal, or the shorter (k bytes) opens the longer */
    return (!a[k] && !b[k]) || k >= 4;
}

size_t merch_rename_root(const merch_mention *m, size_t i)
{
    while (m[i].renames > 0 && (size_t)m[i].renames - 1 < i)
        i = (size_t)m[i].renames - 1;
    return i;
}

/* m[i] and m[j] are one business: one key extends the other, or one is the
 * other's new name. */
static int same_mentioned(const merch_mention *m, size_t i, size_t j)
{
    return same_business(m[i].key, m[j].key) || merch_rename_root(m, i) == merch_rename_root(m, j);
}

static int choose_pass(const merch_mention *m, size_t n, int landmarks)
{
    int best = -1;
    double best_score = 0;
    int shops = 0;
    for (size_t i = 0; i < n; i++)
        shops |= m[i].kind == MERCH_NAME || m[i].kind == MERCH_REGISTRY || m[i].kind == MERCH_CUE;
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = !same_mentioned(m, j, i);
        if (!first)
            continue;
        double score = 0;
        for (size_t j = i; j < n; j++)
            if (same_mentioned(m, j, i))
                score += 1 + m[j].refs + 0.2 * m[j].conf;
        if (m[i].kind == MERCH_PLATFORM)
            score -= 0.9;
        /* a complaint names the business it is against first more often
         * than not: near ties go to the first named shop (a brand named
         * first is more often the goods; one right before the next,
         * 剧本杀店“迷雾侦探社”, is the kind of the name that follows) */
        if (i == 0 && m[i].kind != MERCH_BRAND && !(n > 1 && m[1].start <= m[0].end + 1))
            score += 0.3;
        /* the goods bought from another business named: chosen only when
         * nothing else is */
        int goods = 0;
        for (size_t j = i; j < n && !goods; j++)
            goods = m[j].goods && same_business(m[j].key, m[i].key);
        if (goods && score > 0.05)
            score = 0.05;
        /* …and never when the text bought it at a shop it does not name */
        if (m[i].goods == 2)
            score = 0;
        /* 在美团上订了如家酒店…美团的订单: the shop named on the platform
         * is the seller however often the platform is named */
        if (m[i].kind == MERCH_PLATFORM && named_shop(m, n) && score > 0.5)
            score = 0.5;
        if (m[i].landmark && landmarks)
            score -= 1.6;
        /* the brand an imitation copies is only its model */
        for (size_t j = i; j < n; j++)
            if (m[j].copy == 1 && same_mentioned(m, j, i)) {
                score -= 1.6;
                break;
            }
        /* a brand beside a named shop is usually the product sold (买的茅台
         *是假货 at 小徐商行) */
        if (m[i].kind == MERCH_BRAND && (shops || m[i].conf < 0.5))
            score -= m[i].conf < 0.5 ? 1.5 : 0.9;
        /* a firm called only by its kind (电梯公司, 贷款公司天天打电话) is
         * never the one complained of: the text does not say which (on the
         * -d records, 10 of 10 such choices were wrong) */
        if (m[i].kind == MERCH_NAME && m[i].conf < MERCH_KIND_CONF)
            continue;
        if (best < 0 || score > best_score + 1e-9) {
            best = (int)i;
            best_score = score;
        }
    }
    if (best < 0 || best_score <= 0)
        return -1; /* only goods brands named: the seller is not in the text */
    /* 该车为“雅迪”品牌，销售方为城东雅迪专卖店: the seller's own mention */
    for (size_t j = (size_t)best; m[best].goods && j < n; j++)
        if (!m[j].goods && strcmp(m[j].key, m[best].key) == 0)
            return (int)j;
    return best;
}

