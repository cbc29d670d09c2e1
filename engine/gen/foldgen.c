/* foldgen.c: build-time generator of data/fold.bin (layout in foldfmt.h).
 * For every code point it computes, with ICU, the fold that normalize.c
 * applies: NFKC_Casefold (full-width to half-width, compatibility forms,
 * case folding, removal of default-ignorables), then the ICU
 * "Traditional-Simplified" transliterator on the single character, then the
 * punctuation table below, repeated until nothing changes. Opening the
 * transliterator costs about 25 ms, too slow for every process start, so it
 * runs here once. The transliterator's phrase rules (計畫 > 计划) that
 * differ from the character-by-character result are kept as a phrase table
 * that normalize.c applies to text with traditional characters in it.
 *
 * Characters in simplified use keep their identity. The transliterator's
 * character map also merges variants that are standard simplified
 * characters in their own right (俱 > 具, 著 > 着, 乾 > 干, 姊 > 姐, 瞭 > 了),
 * which would turn 俱乐部 into 具乐部 and 著名 into 着名. The simplified
 * word list (jieba's frequency dictionary) decides: a character that
 * Traditional-Simplified changes is kept when the multi-character words
 * containing it carry at least KEEP_PER_MILLION of the list's total
 * frequency, counting only words above the list's padding frequency (the
 * most common frequency value, 3 in jieba, which the list gives to rare
 * and traditional-script entries such as 溼度, 合夥人, 乾燥). Single
 * characters do not count, since the list also holds traditional
 * characters alone (後, 簡). On jieba (60.1 million in all, threshold 60)
 * this keeps 10 characters: 著 20634 (著名), 乾 3688 (乾隆, 乾坤), 俱 3484,
 * 姊 1969, 阪 415, 藉 304 (慰藉), 跤 236, 瞭 234 (瞭望), 苎 125, 吒 102.
 * Next come 徵 31 and 於 18, names only (文徵明, 於 as a surname): they
 * fold like 這 > 这 and 關 > 关, as do 夥, 彆 and 溼 (padding entries only).
 * A round trip through Simplified-Traditional does not tell simplified use
 * apart: 著, 乾 and 於 round-trip like 這, and 溼 (> 湿 > 濕) does not.
 * A kept character is marked FOLD_MAP_TS with no change, so that phrase
 * rules change it inside the words where it stands for its simplification:
 * the transliterator's (瞭解 > 了解, 藉口 > 借口), except where the rule's
 * source is itself a word of the list (瞭望, 慰藉 stay), and, for a kept
 * character that is the traditional form of its simplification (the round
 * trip: 著 of 着, 乾 of 干), one rule per word of the list spelt with the
 * simplification (乾净 > 干净, 著急 > 着急), see word_phrases; identity
 * rules keep such rules out of the words that keep the character
 * (protect_rule: 看著名人 stays).
 * Usage: foldgen OUT_FILE WORD_LIST */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "foldfmt.h"

/* Chinese and other punctuation that NFKC leaves alone, folded 1:1 to one
 * canonical form (NFKC already folds the full-width forms ，！？：；（）［］
 * ＂＇～ to ASCII). Runs after NFKC_Casefold and Traditional-Simplified,
 * which itself turns 「」 into “”.
 *   、 ﹑ (enumeration comma)             ,
 *   。 ｡ (ideographic full stop)          .
 *   【】 〔〕 〖〗 〘〙 (lenticular, tortoise-shell brackets)  [ ]
 *   「」 『』 “” „ 〝〞〟 (double quotes)  "
 *   ‘’ ‚ (single quotes)                 '
 *   〈〉 (angle brackets)                 《 》 (book-title marks stay)
 *   ‐ ‒ – — ― − ─ (dashes, minus, box line)  -
 *   〜 ∼ (wave dash, tilde operator)      ~
 *   ・ • (middle dots)                    ·
 * The ellipsis … is left to NFKC, which expands it to "...". */
static const struct { UChar32 from, to; } punct[] = {
    {0x3001, ','},    {0xFE51, ','},    {0x3002, '.'},    {0xFF61, '.'},
    {0x3010, '['},    {0x3011, ']'},    {0x3014, '['},    {0x3015, ']'},
    {0x3016, '['},    {0x3017, ']'},    {0x3018, '['},    {0x3019, ']'},
    {0x300C, '"'},    {0x300D, '"'},    {0x300E, '"'},    {0x300F, '"'},
    {0x201C, '"'},    {0x201D, '"'},    {0x201E, '"'},    {0x301D, '"'},
    {0x301E, '"'},    {0x301F, '"'},    {0x2018, '\''},   {0x2019, '\''},
    {0x201A, '\''},   {0x3008, 0x300A}, {0x3009, 0x300B}, {0x2010, '-'},
    {0x2012, '-'},    {0x2013, '-'},    {0x2014, '-'},    {0x2015, '-'},
    {0x2212, '-'},    {0x2500, '-'},    {0x301C, '~'},    {0x223C, '~'},
    {0x30FB, 0x00B7}, {0x2022, 0x00B7},
};

#define MAXU 64

static UChar32 punct_fold(UChar32 c)
{
    for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++)
        if (punct[i].from == c)
            return punct[i].to;
    return c;
}

/* A character T2S changes is kept when its words carry at least this share
 * (per million) of the word list's total frequency; see the top comment. */
#define KEEP_PER_MILLION 1.0

typedef struct word {
    const char *w;
    uint64_t f;
} word;

/* The simplified word list: its words sorted for lookup, the frequency mass
 * of the multi-character words above the padding frequency per code point,
 * and which characters are kept. */
typedef struct wordlist {
    char *buf;
    word *v;
    size_t n;
    uint64_t total, floor;
    uint64_t *mass; /* per code point */
    uint8_t *kept;  /* per code point */
    int32_t *trad_of; /* per code point: the kept character it is the
                         simplification of, when that round-trips; or 0 */
} wordlist;

static int word_cmp(const void *a, const void *b)
{
    return strcmp(((const word *)a)->w, ((const word *)b)->w);
}

/* Read "word frequency [tag]" lines. Returns 0, or -1 with a message. */
static int wordlist_read(wordlist *wl, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "foldgen: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 20, len = 0, got;
    wl->buf = malloc(cap);
    while (wl->buf && (got = fread(wl->buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *b = realloc(wl->buf, cap *= 2);
            if (!b)
                free(wl->buf);
            wl->buf = b;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!wl->buf || bad) {
        fprintf(stderr, "foldgen: cannot read %s\n", path);
        return -1;
    }
    wl->buf[len] = 0;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += wl->buf[i] == '\n';
    wl->v = malloc(sizeof *wl->v * lines);
    wl->mass = calloc(0x110000, sizeof *wl->mass);
    wl->kept = calloc(0x110000, 1);
    wl->trad_of = calloc(0x110000, sizeof *wl->trad_of);
    if (!wl->v || !wl->mass || !wl->kept || !wl->trad_of) {
        fputs("foldgen: out of memory\n", stderr);
        return -1;
    }
    /* padding frequency: the most common small frequency value */
    static size_t hist[1024];
    char *p = wl->buf;
    for (size_t line = 1; *p; line++) {
        char *end = strchr(p, '\n');
        if (end)
            *end = 0;
        char *sp = strchr(p, ' ');
        if (*p) {
            char *num_end;
            errno = 0;
            unsigned long long fq = sp ? strtoull(sp + 1, &num_end, 10) : 0;
            if (!sp || sp == p || num_end == sp + 1 || errno || (*num_end && *num_end != ' ')) {
                fprintf(stderr, "foldgen: %s:%zu: expected \"word frequency [tag]\"\n", path,
                        line);
                return -1;
            }
            *sp = 0;
            wl->v[wl->n++] = (word){p, fq};
            wl->total += fq;
            if (fq < 1024)
                hist[fq]++;
        }
        p = end ? end + 1 : p + strlen(p);
    }
    for (size_t i = 1; i < 1024; i++)
        if (hist[i] > hist[wl->floor])
            wl->floor = i;
    for (size_t i = 0; i < wl->n; i++) {
        const char *w = wl->v[i].w;
        int32_t cps[64], k = 0, n = (int32_t)strlen(w);
        for (int32_t j = 0; j < n && k < 64;) {
            UChar32 c;
            U8_NEXT(w, j, n, c);
            if (c < 0)
                break;
            int seen = 0;
            for (int32_t q = 0; q < k && !seen; q++)
                seen = cps[q] == c;
            if (!seen)
                cps[k++] = c;
        }
        if (k >= 2 && wl->v[i].f > wl->floor)
            for (int32_t q = 0; q < k; q++)
                wl->mass[cps[q]] += wl->v[i].f;
    }
    qsort(wl->v, wl->n, sizeof *wl->v, word_cmp);
    return 0;
}

/* Is w (UTF-8) a word of the list above the padding frequency? */
static int wordlist_known(const wordlist *wl, const char *w)
{
    word key = {w, 0};
    const word *hit = bsearch(&key, wl->v, wl->n, sizeof *wl->v, word_cmp);
    return hit && hit->f > wl->floor;
}

/* The transliterator's result for the single character c, or -1 when it
 * is not one character. */
static UChar32 trans_cp(UTransliterator *t, UChar32 c)
{
    UChar u[8];
    int32_t m = 0, lim, i = 0;
    UErrorCode e = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(u, m, c);
    lim = m;
    utrans_transUChars(t, u, &m, 8, 0, &lim, &e);
    U16_NEXT(u, i, m, c);
    return U_FAILURE(e) || i != m ? -1 : c;
}

/* Mark the characters in simplified use that Traditional-Simplified
 * changes, and set a filter on ts that leaves them alone. st is
 * Simplified-Traditional, for the round trip (trad_of). */
static int keep_simplified(wordlist *wl, UTransliterator *ts, UTransliterator *st)
{
    size_t cap = 64, n = 2, n_kept = 0;
    char *pat = malloc(cap);
    if (!pat)
        return -1;
    memcpy(pat, "[^", 2);
    for (UChar32 c = 0; c < 0x110000; c++) {
        if ((double)wl->mass[c] * 1e6 < (double)wl->total * KEEP_PER_MILLION)
            continue;
        UChar32 s = trans_cp(ts, c);
        if (s < 0 || s == c)
            continue;
        wl->kept[c] = 1;
        if (trans_cp(st, s) == c)
            wl->trad_of[s] = c;
        if (n + 16 > cap) {
            char *p = realloc(pat, cap *= 2);
            if (!p) {
                free(pat);
                return -1;
            }
            pat = p;
        }
        n += (size_t)sprintf(pat + n, "\\U%08X", (unsigned)c);
        uint8_t b[4];
        int32_t bl = 0;
        U8_APPEND_UNSAFE(b, bl, c);
        fprintf(stderr, "%s%.*s", n_kept++ ? " " : "foldgen: kept in simplified use: ", (int)bl,
                (const char *)b);
    }
    fprintf(stderr, "%s(%zu)\n", n_kept ? " " : "foldgen: kept in simplified use: ", n_kept);
    pat[n++] = ']';
    UChar *upat = malloc(sizeof *upat * n);
    if (!upat) {
        free(pat);
        return -1;
    }
    u_charsToUChars(pat, upat, (int32_t)n);
    UErrorCode e = U_ZERO_ERROR;
    utrans_setFilter(ts, upat, (int32_t)n, &e);
    free(pat);
    free(upat);
    return U_FAILURE(e) ? -1 : 0;
}

/* One round of the fold on a UTF-16 string; returns the new length or -1.
 * *ts_changed is set when Traditional-Simplified changed something. */
static int32_t fold_round(const UNormalizer2 *nf, UTransliterator *ts, const UChar *in, int32_t n,
                          UChar *out, int *ts_changed)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar tmp[MAXU], before[MAXU];
    int32_t m = unorm2_normalize(nf, in, n, tmp, MAXU, &e);
    if (U_FAILURE(e))
        return -1;
    int32_t lim = m, m0 = m;
    memcpy(before, tmp, (size_t)m * sizeof *tmp);
    utrans_transUChars(ts, tmp, &m, MAXU, 0, &lim, &e);
    if (U_FAILURE(e))
        return -1;
    if (m != m0 || memcmp(before, tmp, (size_t)m * sizeof *tmp) != 0)
        *ts_changed = 1;
    int32_t i = 0, k = 0;
    while (i < m) {
        UChar32 c;
        U16_NEXT(tmp, i, m, c);
        c = punct_fold(c);
        if (k + 2 > MAXU)
            return -1;
        U16_APPEND_UNSAFE(out, k, c);
    }
    return k;
}

/* Phrase rules of the transliterator (甚麼 > 什么, 計畫 > 计划) whose result
 * differs from folding their characters one by one, keyed on that
 * per-character fold. */
typedef struct phrase_set {
    uint32_t *at;
    int32_t *cps;
    size_t n, n_cps, cap;
} phrase_set;

static const int32_t *phrase_base;

static int phrase_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int32_t fx = phrase_base[x + 1], fy = phrase_base[y + 1];
    if (fx != fy)
        return fx < fy ? -1 : 1;
    return x < y ? -1 : x > y; /* keep the rules' order: earlier rules win */
}

/* Fold a rule side character by character with the table; -1 when a
 * character does not fold 1:1. Sets *ts when one was traditional, *kp when
 * one is a kept character. */
static int fold_side(const uint32_t *flat, const uint8_t *kept, const UChar *u, int32_t n,
                     int32_t *out, int *ts, int *kp)
{
    int k = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        uint32_t e = flat[c];
        if (k == 8 || (FOLD_KIND(e) != FOLD_MAP && FOLD_KIND(e) != FOLD_MAP_TS))
            return -1;
        *ts |= FOLD_KIND(e) == FOLD_MAP_TS && !kept[c];
        *kp |= kept[c];
        out[k++] = c + FOLD_DELTA(e);
    }
    return k;
}

/* Is the phrase (code points) a word of the list? */
static int phrase_known(const wordlist *wl, const int32_t *cps, int n)
{
    char w[8 * 4 + 1];
    int32_t o = 0;
    for (int i = 0; i < n; i++)
        U8_APPEND_UNSAFE(w, o, cps[i]);
    w[o] = 0;
    return wordlist_known(wl, w);
}

/* Rules of ICU's data that are not simplifications (單幹 > 调干). */
static int bad_rule(const UChar *lhs, int32_t n)
{
    static const UChar *const bad[] = {u"單幹"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (u_strlen(bad[i]) == n && memcmp(bad[i], lhs, sizeof *lhs * (size_t)n) == 0)
            return 1;
    return 0;
}

/* Add the rule key > val of n code points unless its key is taken (the
 * first rule wins). */
static int phrase_add(phrase_set *ps, const int32_t *key, const int32_t *val, int n)
{
    for (size_t q = 0; q < ps->n; q++)
        if (ps->cps[ps->at[q]] == n &&
            memcmp(ps->cps + ps->at[q] + 1, key, sizeof *key * (size_t)n) == 0)
            return 0;
    if (ps->n_cps + 17 > ps->cap || ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 4096;
        int32_t *c2 = realloc(ps->cps, sizeof *c2 * cap);
        if (c2)
            ps->cps = c2;
        uint32_t *a2 = c2 ? realloc(ps->at, sizeof *a2 * cap) : NULL;
        if (!a2)
            return -1;
        ps->at = a2;
        ps->cap = cap;
    }
    ps->at[ps->n++] = (uint32_t)ps->n_cps;
    ps->cps[ps->n_cps++] = n;
    memcpy(ps->cps + ps->n_cps, key, sizeof *key * (size_t)n);
    memcpy(ps->cps + ps->n_cps + n, val, sizeof *val * (size_t)n);
    ps->n_cps += 2 * (size_t)n;
    return 0;
}

/* The word's code points when every one of them folds to itself (the
 * word is spelt as folded text is); else -1. */
static int word_cps(const uint32_t *flat, const char *w, int32_t *out, int cap)
{
    int32_t len = (int32_t)strlen(w), j = 0;
    int n = 0;
    while (j < len) {
        UChar32 c;
        U8_NEXT(w, j, len, c);
        if (c < 0 || n == cap ||
            (flat[c] != FOLD_ENTRY(FOLD_MAP, 0) && flat[c] != FOLD_ENTRY(FOLD_MAP_TS, 0)))
            return -1;
        out[n++] = c;
    }
    return n;
}

/* The rules match left to right, longest first, so a rule that changes a
 * kept character can run into a word that keeps it: 转干 gives 转乾 >
 * 转干, which would turn 扭转乾坤 into 扭转干坤, and 看着 gives 看著 > 看着,
 * which would turn 看著名人 into 看着名人. For every word of the list that
 * begins inside the rule's key on a kept character, an identity rule
 * covering both (转乾坤, 看著名) wins there. */
static int protect_rule(const uint32_t *flat, const wordlist *wl, phrase_set *ps,
                        const int32_t *key, const int32_t *val, int n)
{
    for (int q = 1; q < n; q++) {
        if (key[q] == val[q] || !wl->kept[key[q]])
            continue;
        char w[8 * 4 + 1];
        int32_t o = 0;
        for (int i = q; i < n; i++)
            U8_APPEND_UNSAFE(w, o, key[i]);
        w[o] = 0;
        size_t lo = 0, hi = wl->n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(wl->v[mid].w, w) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < wl->n && strncmp(wl->v[lo].w, w, (size_t)o) == 0; lo++) {
            int32_t ext[8];
            memcpy(ext, key, sizeof *key * (size_t)q);
            int m = wl->v[lo].f > wl->floor ? word_cps(flat, wl->v[lo].w, ext + q, 8 - q) : -1;
            if (m >= 2 && m >= n - q && phrase_add(ps, ext, ext, q + m) != 0)
                return -1;
        }
    }
    return 0;
}

static int extract_phrases(UTransliterator *ts, const uint32_t *flat, const wordlist *wl,
                           phrase_set *ps)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = utrans_toRules(ts, 0, NULL, 0, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return -1;
    e = U_ZERO_ERROR;
    UChar *r = malloc(sizeof *r * ((size_t)len + 1));
    if (!r)
        return -1;
    utrans_toRules(ts, 0, r, len + 1, &e);
    if (U_FAILURE(e)) {
        free(r);
        return -1;
    }
    for (int32_t i = 0; i < len;) {
        int32_t j = i;
        while (j < len && r[j] != ';' && r[j] != '\n')
            j++;
        /* a plain rule "LHS > RHS" with no rule syntax in it */
        int32_t gt = -1, plain = 1;
        for (int32_t k = i; k < j; k++) {
            if (r[k] == '>' && k > i && k + 1 < j && r[k - 1] == ' ' && r[k + 1] == ' ' && gt < 0)
                gt = k;
            else if (r[k] < 0x80 && r[k] != ' ')
                plain = 0;
        }
        if (gt > 0 && plain) {
            int32_t key[8], val[8];
            int ts_l = 0, ts_r = 0, kp_l = 0, kp_r = 0;
            int nk = fold_side(flat, wl->kept, r + i, gt - 1 - i, key, &ts_l, &kp_l);
            int nv = fold_side(flat, wl->kept, r + gt + 2, j - gt - 2, val, &ts_r, &kp_r);
            /* a rule on simplified-looking text (its only traditional
             * character is a kept one) must not rewrite a word of the list */
            int applies = ts_l || (nk >= 2 && kp_l && !phrase_known(wl, key, nk));
            if (nk >= 2 && nk == nv && applies && !bad_rule(r + i, gt - 1 - i) &&
                memcmp(key, val, sizeof *key * (size_t)nk) != 0 &&
                (phrase_add(ps, key, val, nk) != 0 ||
                 (!ts_l && protect_rule(flat, wl, ps, key, val, nk) != 0))) {
                free(r);
                return -1;
            }
        }
        i = j + 1;
    }
    free(r);
    return 0;
}

/* Rules from the word list for a kept character that is also the
 * traditional form of its simplification (著 of 着, 乾 of 干): every word
 * of the list spelt with the simplified character (着急, 干净, 干燥) gives
 * a rule from its traditional spelling (著急 > 着急), unless that spelling
 * is itself a word of the list (著名, 乾坤, 乾隆 stay). */
static int word_phrases(const uint32_t *flat, const wordlist *wl, phrase_set *ps)
{
    for (size_t i = 0; i < wl->n; i++) {
        const char *w = wl->v[i].w;
        int32_t key[8], val[8], n = 0, len = (int32_t)strlen(w), j = 0;
        int hit = 0;
        if (wl->v[i].f <= wl->floor)
            continue;
        while (j < len && n < 8) {
            UChar32 c;
            U8_NEXT(w, j, len, c);
            uint32_t e = c < 0 ? FOLD_ENTRY(FOLD_DEL, 0) : flat[c];
            if (FOLD_KIND(e) != FOLD_MAP && FOLD_KIND(e) != FOLD_MAP_TS) {
                j = -1; /* a word that does not fold 1:1 gives no rule */
                break;
            }
            val[n] = c + FOLD_DELTA(e);
            key[n] = wl->trad_of[val[n]] ? wl->trad_of[val[n]] : val[n];
            hit |= key[n] != val[n];
            n++;
        }
        if (j == len && n >= 2 && hit && !phrase_known(wl, key, n) &&
            (phrase_add(ps, key, val, n) != 0 || protect_rule(flat, wl, ps, key, val, n) != 0))
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: foldgen OUT_FILE WORD_LIST\n", stderr);
        return 1;
    }
    wordlist wl = {0};
    if (wordlist_read(&wl, argv[2]) != 0)
        return 1;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    UChar id[32];
    u_uastrcpy(id, "Traditional-Simplified");
    UTransliterator *ts = U_SUCCESS(e) ? utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e) : NULL;
    if (U_FAILURE(e)) {
        fprintf(stderr, "foldgen: ICU: %s\n", u_errorName(e));
        return 1;
    }
    u_uastrcpy(id, "Simplified-Traditional");
    UTransliterator *st = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e)) {
        fprintf(stderr, "foldgen: ICU: %s\n", u_errorName(e));
        return 1;
    }
    int keep_rc = keep_simplified(&wl, ts, st);
    utrans_close(st);
    if (keep_rc != 0) {
        fputs("foldgen: cannot set the transliterator's filter\n", stderr);
        return 1;
    }
    uint32_t *flat = malloc(sizeof *flat * 0x110000);
    size_t pool_cap = 1 << 16, n_pool = 0;
    int32_t *pool = malloc(sizeof *pool * pool_cap);
    if (!flat || !pool) {
        fputs("foldgen: out of memory\n", stderr);
        return 1;
    }
    for (UChar32 c = 0; c < 0x110000; c++) {
        int8_t type = u_charType(c);
        if (type == U_CONTROL_CHAR || u_isUWhiteSpace(c)) {
            flat[c] = FOLD_ENTRY(FOLD_SPACE, 0);
            continue;
        }
        if (type == U_UNASSIGNED || type == U_SURROGATE || type == U_PRIVATE_USE_CHAR) {
            flat[c] = FOLD_ENTRY(FOLD_MAP, 0);
            continue;
        }
        UChar a[MAXU], b[MAXU];
        int32_t n = 0;
        int ts_changed = 0;
        U16_APPEND_UNSAFE(a, n, c);
        for (int round = 0; round < 4; round++) {
            int32_t m = fold_round(nf, ts, a, n, b, &ts_changed);
            if (m < 0) {
                fprintf(stderr, "foldgen: cannot fold U+%04X\n", (unsigned)c);
                return 1;
            }
            int same = m == n && memcmp(a, b, (size_t)n * sizeof *a) == 0;
            memcpy(a, b, (size_t)m * sizeof *a);
            n = m;
            if (same)
                break;
        }
        int32_t cps[MAXU], k = 0;
        for (int32_t i = 0; i < n;) {
            UChar32 x;
            U16_NEXT(a, i, n, x);
            cps[k++] = x;
        }
        if (!unorm2_hasBoundaryBefore(nf, c)) {
            /* the fold alone, for norm_fold_cp; norm_run composes with ICU */
            flat[c] = FOLD_ENTRY(FOLD_CTX, k == 1 ? cps[0] - c : 0);
        } else if (k == 0) {
            flat[c] = FOLD_ENTRY(FOLD_DEL, 0);
        } else if (k == 1 && cps[0] == ' ') {
            flat[c] = FOLD_ENTRY(FOLD_SPACE, 0);
        } else if (k == 1) {
            /* a kept character is marked for the phrase rules that change it */
            int ts_kind = ts_changed || (wl.kept[c] && cps[0] == c);
            flat[c] = FOLD_ENTRY(ts_kind ? FOLD_MAP_TS : FOLD_MAP, cps[0] - c);
        } else {
            if (n_pool + 1 + (size_t)k > pool_cap) {
                pool_cap *= 2;
                int32_t *p = realloc(pool, sizeof *pool * pool_cap);
                if (!p) {
                    fputs("foldgen: out of memory\n", stderr);
                    return 1;
                }
                pool = p;
            }
            flat[c] = FOLD_ENTRY(FOLD_EXP, n_pool);
            pool[n_pool++] = k;
            memcpy(pool + n_pool, cps, sizeof *cps * (size_t)k);
            n_pool += (size_t)k;
        }
    }
    phrase_set ps = {0};
    if (extract_phrases(ts, flat, &wl, &ps) != 0 || word_phrases(flat, &wl, &ps) != 0) {
        fputs("foldgen: cannot read the Traditional-Simplified rules\n", stderr);
        return 1;
    }
    phrase_base = ps.cps;
    qsort(ps.at, ps.n, sizeof *ps.at, phrase_cmp);
    utrans_close(ts);

    /* Share identical 256-entry pages (most are all-identity). */
    static uint16_t stage1[FOLD_STAGE1];
    uint32_t *blocks = malloc(sizeof *blocks * 0x110000);
    uint32_t n_blocks = 0;
    if (!blocks) {
        fputs("foldgen: out of memory\n", stderr);
        return 1;
    }
    for (uint32_t p = 0; p < FOLD_STAGE1; p++) {
        const uint32_t *page = flat + (size_t)p * 256;
        uint32_t b = 0;
        while (b < n_blocks && memcmp(blocks + (size_t)b * 256, page, 256 * sizeof *page) != 0)
            b++;
        if (b == n_blocks)
            memcpy(blocks + (size_t)n_blocks++ * 256, page, 256 * sizeof *page);
        stage1[p] = (uint16_t)b;
    }
    UVersionInfo uv;
    u_getUnicodeVersion(uv);
    fold_header h = {FOLD_MAGIC, FOLD_STAGE1, n_blocks, (uint32_t)n_pool,
                     (uint32_t)ps.n, (uint32_t)ps.n_cps, uv[0]};
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        fprintf(stderr, "foldgen: cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(stage1, sizeof stage1, 1, f);
    fwrite(blocks, sizeof *blocks * 256, n_blocks, f);
    fwrite(pool, sizeof *pool, n_pool, f);
    fwrite(ps.at, sizeof *ps.at, ps.n, f);
    fwrite(ps.cps, sizeof *ps.cps, ps.n_cps, f);
    if (fclose(f) != 0) {
        fprintf(stderr, "foldgen: write error on %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "foldgen: %u pages, %zu expansion slots, %zu phrase rules, Unicode %d\n",
            n_blocks, n_pool, ps.n, uv[0]);
    free(flat);
    free(ps.at);
    free(ps.cps);
    free(blocks);
    free(pool);
    free(wl.buf);
    free(wl.v);
    free(wl.mass);
    free(wl.kept);
    free(wl.trad_of);
    u_cleanup();
    return 0;
}
