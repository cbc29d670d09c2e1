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
 * Usage: foldgen OUT_FILE */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
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
    size_t n, n_cps;
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
 * character does not fold 1:1. Sets *ts when one was traditional. */
static int fold_side(const uint32_t *flat, const UChar *u, int32_t n, int32_t *out, int *ts)
{
    int k = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        uint32_t e = flat[c];
        if (k == 8 || (FOLD_KIND(e) != FOLD_MAP && FOLD_KIND(e) != FOLD_MAP_TS))
            return -1;
        *ts |= FOLD_KIND(e) == FOLD_MAP_TS;
        out[k++] = c + FOLD_DELTA(e);
    }
    return k;
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

static int extract_phrases(UTransliterator *ts, const uint32_t *flat, phrase_set *ps)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = utrans_toRules(ts, 0, NULL, 0, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return -1;
    e = U_ZERO_ERROR;
    UChar *r = malloc(sizeof *r * ((size_t)len + 1));
    size_t cap = 4096;
    ps->cps = malloc(sizeof *ps->cps * cap);
    ps->at = malloc(sizeof *ps->at * cap);
    if (!r || !ps->cps || !ps->at)
        return -1;
    utrans_toRules(ts, 0, r, len + 1, &e);
    if (U_FAILURE(e))
        return -1;
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
            int ts_l = 0, ts_r = 0;
            int nk = fold_side(flat, r + i, gt - 1 - i, key, &ts_l);
            int nv = fold_side(flat, r + gt + 2, j - gt - 2, val, &ts_r);
            int dup = 0;
            for (size_t q = 0; q < ps->n && !dup; q++)
                dup = ps->cps[ps->at[q]] == nk &&
                      memcmp(ps->cps + ps->at[q] + 1, key, sizeof *key * (size_t)nk) == 0;
            if (nk >= 2 && nk == nv && ts_l && !dup && !bad_rule(r + i, gt - 1 - i) &&
                memcmp(key, val, sizeof *key * (size_t)nk) != 0) {
                if (ps->n_cps + 17 > cap || ps->n == cap) {
                    cap *= 2;
                    int32_t *c2 = realloc(ps->cps, sizeof *c2 * cap);
                    uint32_t *a2 = c2 ? realloc(ps->at, sizeof *a2 * cap) : NULL;
                    if (c2)
                        ps->cps = c2;
                    if (!a2)
                        return -1;
                    ps->at = a2;
                }
                ps->at[ps->n++] = (uint32_t)ps->n_cps;
                ps->cps[ps->n_cps++] = nk;
                memcpy(ps->cps + ps->n_cps, key, sizeof *key * (size_t)nk);
                memcpy(ps->cps + ps->n_cps + nk, val, sizeof *val * (size_t)nk);
                ps->n_cps += 2 * (size_t)nk;
            }
        }
        i = j + 1;
    }
    free(r);
    phrase_base = ps->cps;
    qsort(ps->at, ps->n, sizeof *ps->at, phrase_cmp);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: foldgen OUT_FILE\n", stderr);
        return 1;
    }
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    UChar id[32];
    u_uastrcpy(id, "Traditional-Simplified");
    UTransliterator *ts = U_SUCCESS(e) ? utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e) : NULL;
    if (U_FAILURE(e)) {
        fprintf(stderr, "foldgen: ICU: %s\n", u_errorName(e));
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
            flat[c] = FOLD_ENTRY(ts_changed ? FOLD_MAP_TS : FOLD_MAP, cps[0] - c);
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
    if (extract_phrases(ts, flat, &ps) != 0) {
        fputs("foldgen: cannot read the Traditional-Simplified rules\n", stderr);
        return 1;
    }
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
    u_cleanup();
    return 0;
}
