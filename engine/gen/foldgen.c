/* foldgen.c: build-time generator of data/fold.bin (layout in foldfmt.h).
 * For every code point it computes, with ICU, the fold that normalize.c
 * applies: NFKC_Casefold (full-width to half-width, compatibility forms,
 * case folding, removal of default-ignorables), then the ICU
 * "Traditional-Simplified" transliterator on the single character, then the
 * punctuation table below, repeated until nothing changes. Opening the
 * transliterator costs about 25 ms, too slow for every process start, so it
 * runs here once. Usage: foldgen OUT_FILE */
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

/* One round of the fold on a UTF-16 string; returns the new length or -1. */
static int32_t fold_round(const UNormalizer2 *nf, UTransliterator *ts, const UChar *in, int32_t n,
                          UChar *out)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar tmp[MAXU];
    int32_t m = unorm2_normalize(nf, in, n, tmp, MAXU, &e);
    if (U_FAILURE(e))
        return -1;
    int32_t lim = m;
    utrans_transUChars(ts, tmp, &m, MAXU, 0, &lim, &e);
    if (U_FAILURE(e))
        return -1;
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
        U16_APPEND_UNSAFE(a, n, c);
        for (int round = 0; round < 4; round++) {
            int32_t m = fold_round(nf, ts, a, n, b);
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
            flat[c] = FOLD_ENTRY(FOLD_MAP, cps[0] - c);
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
    fold_header h = {FOLD_MAGIC, FOLD_STAGE1, n_blocks, (uint32_t)n_pool, uv[0]};
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        fprintf(stderr, "foldgen: cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(stage1, sizeof stage1, 1, f);
    fwrite(blocks, sizeof *blocks * 256, n_blocks, f);
    fwrite(pool, sizeof *pool, n_pool, f);
    if (fclose(f) != 0) {
        fprintf(stderr, "foldgen: write error on %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "foldgen: %u pages, %zu expansion slots, Unicode %d\n", n_blocks, n_pool, uv[0]);
    free(flat);
    free(blocks);
    free(pool);
    u_cleanup();
    return 0;
}
