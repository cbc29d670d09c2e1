/* normalize.c: text normalisation with an offset map (see normalize.h).
 * The per-character fold (NFKC_Casefold, Traditional-Simplified, the
 * punctuation table documented in engine/gen/foldgen.c) is precomputed for
 * every code point at build time into data/fold.bin; here it is a two-stage
 * table lookup, or for the bulk of Chinese text, characters that fold to
 * themselves, a bit test and a copy of their bytes. Only where characters
 * interact (a combining mark or conjoining jamo after its base, which NFKC
 * composes) is ICU's NFKC_Casefold run on that short segment. Then white-space runs collapse to one space and
 * the ends are trimmed. Traditional-Simplified works character by character
 * plus the transliterator's phrase rules that differ from that (計畫 > 计划,
 * 甚麼 > 什么), applied only where the original has a traditional character. */
#include "normalize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "foldfmt.h"
#include "paths.h"

#define PHRASE_MAX 8 /* code points in the longest phrase rule */

struct norm_ctx {
    void *file;               /* the whole of fold.bin */
    const uint16_t *stage1;
    const uint32_t *blocks;
    const int32_t *pool;
    uint32_t n_pool;
    const uint32_t *phrase_at; /* phrase rules sorted by first code point */
    const int32_t *phrases;
    uint32_t n_phrases;
    /* bit c: some phrase rule starts with c (c < 0x10000), so that most
     * positions skip the search */
    uint64_t phrase_first[0x10000 / 64];
    /* bit c: c (0x800 <= c < 0x10000, three UTF-8 bytes) folds to itself,
     * so run_fast copies it with no further look-up */
    uint64_t keep[0x10000 / 64];
    const UNormalizer2 *nfkc; /* ICU singleton: not closed */
    int32_t *src;             /* input code points */
    size_t src_cap;
    size_t n_src;             /* of the last successful norm_run */
    int32_t *cp, *map;        /* output code points and their sources */
    size_t n_cp, cp_cap;
    uint32_t *ts_at;          /* output positions from a traditional
                                 character, ascending (for apply_phrases) */
    size_t n_ts, ts_cap;
    char *s;
    size_t s_cap, s_len;
    UChar *u16;               /* scratch for ICU segments */
    size_t u16_cap;
};

static uint32_t entry_of(const norm_ctx *nc, int32_t c)
{
    if ((uint32_t)c > 0x10FFFF)
        return FOLD_ENTRY(FOLD_MAP, 0);
    return nc->blocks[(size_t)nc->stage1[c >> 8] << 8 | ((uint32_t)c & 0xFF)];
}

int32_t norm_fold_cp(const norm_ctx *nc, int32_t c)
{
    if ((uint32_t)c > 0x10FFFF)
        return c;
    uint32_t e = nc->blocks[(size_t)nc->stage1[c >> 8] << 8 | ((uint32_t)c & 0xFF)];
    if (e < (1u << 29))
        return c + FOLD_DELTA(e);
    switch (FOLD_KIND(e)) {
    case FOLD_SPACE: return ' ';
    case FOLD_CTX:
    case FOLD_MAP_TS: return c + FOLD_DELTA(e);
    default: return c;
    }
}

int32_t norm_yue_cp(int32_t cp, unsigned sets)
{
    /* a switch, not a table search: callers ask for nearly every character
     * of the text, and most are none of these */
    int32_t to;
    unsigned set;
    switch (cp) {
    case 0x5605: to = 0x7684, set = NORM_YUE_COMMON; break;   /* 嘅 的 */
    case 0x55BA: to = 0x5728, set = NORM_YUE_COMMON; break;   /* 喺 在 */
    case 0x5497: to = 0x4E86, set = NORM_YUE_COMMON; break;   /* 咗 了 */
    case 0x55F0: to = 0x90A3, set = NORM_YUE_COMMON; break;   /* 嗰 那 */
    case 0x4F62: to = 0x4ED6, set = NORM_YUE_COMMON; break;   /* 佢 他 */
    case 0x5572: to = 0x4E9B, set = NORM_YUE_COMMON; break;   /* 啲 些 */
    case 0x4E5C: to = 0x4EC0, set = NORM_YUE_QUESTION; break; /* 乜 什 */
    case 0x5622: to = 0x4E48, set = NORM_YUE_QUESTION; break; /* 嘢 么 */
    case 0x5187: to = 0x6CA1, set = NORM_YUE_VERBS; break;    /* 冇 没 */
    case 0x5514: to = 0x4E0D, set = NORM_YUE_VERBS; break;    /* 唔 不 */
    case 0x7747: to = 0x770B, set = NORM_YUE_VERBS; break;    /* 睇 看 */
    case 0x569F: to = 0x6765, set = NORM_YUE_VERBS; break;    /* 嚟 来 */
    default: return cp;
    }
    return set & sets ? to : cp;
}

/* Read fold.bin and check that every index in it stays inside the file. */
static qs_rc load_table(norm_ctx *nc, const char *path, qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return qs_fail(err, QS_EDATA, "cannot open %s: %s", path, strerror(errno));
    fold_header h;
    if (fread(&h, sizeof h, 1, f) != 1 || memcmp(h.magic, FOLD_MAGIC, 8) != 0 ||
        h.n_stage1 != FOLD_STAGE1 || h.n_blocks == 0 || h.n_blocks > FOLD_STAGE1 ||
        h.n_pool > 0x1FFFFFFF || h.n_phrases > 1000000 || h.n_phrase_cps > 20000000) {
        fclose(f);
        return qs_fail(err, QS_EDATA, "%s is not a fold table (rebuild with `make data`)", path);
    }
    size_t sz = FOLD_STAGE1 * sizeof(uint16_t) + (size_t)h.n_blocks * 256 * sizeof(uint32_t) +
                (size_t)h.n_pool * sizeof(int32_t) + (size_t)h.n_phrases * sizeof(uint32_t) +
                (size_t)h.n_phrase_cps * sizeof(int32_t);
    nc->file = malloc(sz ? sz : 1);
    if (!nc->file) {
        fclose(f);
        return qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
    }
    size_t got = fread(nc->file, 1, sz, f);
    int extra = fgetc(f) != EOF;
    fclose(f);
    if (got != sz || extra)
        return qs_fail(err, QS_EDATA, "%s has the wrong size (rebuild with `make data`)", path);
    nc->stage1 = nc->file;
    nc->blocks = (const uint32_t *)(nc->stage1 + FOLD_STAGE1);
    nc->pool = (const int32_t *)(nc->blocks + (size_t)h.n_blocks * 256);
    nc->n_pool = h.n_pool;
    nc->phrase_at = (const uint32_t *)(nc->pool + h.n_pool);
    nc->phrases = (const int32_t *)(nc->phrase_at + h.n_phrases);
    nc->n_phrases = h.n_phrases;
    for (size_t i = 0; i < h.n_phrases; i++) {
        uint32_t at = nc->phrase_at[i];
        if (at >= h.n_phrase_cps || nc->phrases[at] < 2 || nc->phrases[at] > PHRASE_MAX ||
            (size_t)at + 1 + 2 * (size_t)nc->phrases[at] > h.n_phrase_cps ||
            (i && nc->phrases[nc->phrase_at[i - 1] + 1] > nc->phrases[at + 1]))
            return qs_fail(err, QS_EDATA, "%s: bad phrase rule", path);
        int32_t c = nc->phrases[at + 1];
        if (c >= 0 && c < 0x10000)
            nc->phrase_first[c >> 6] |= 1ULL << (c & 63);
    }
    for (size_t i = 0; i < FOLD_STAGE1; i++)
        if (nc->stage1[i] >= h.n_blocks)
            return qs_fail(err, QS_EDATA, "%s: bad page index", path);
    for (int32_t c = 0x800; c < 0x10000; c++)
        if (entry_of(nc, c) == FOLD_ENTRY(FOLD_MAP, 0))
            nc->keep[c >> 6] |= 1ULL << (c & 63);
    for (size_t i = 0; i < (size_t)h.n_blocks * 256; i++) {
        uint32_t e = nc->blocks[i];
        if (FOLD_KIND(e) == FOLD_EXP) {
            uint32_t off = FOLD_PAYLOAD(e);
            if (off >= h.n_pool || nc->pool[off] < 1 || nc->pool[off] > 32 ||
                (size_t)off + 1 + (size_t)nc->pool[off] > h.n_pool)
                return qs_fail(err, QS_EDATA, "%s: bad expansion entry", path);
        } else if (FOLD_KIND(e) > FOLD_MAP_TS) {
            return qs_fail(err, QS_EDATA, "%s: bad entry kind", path);
        }
    }
    return QS_OK;
}

norm_ctx *norm_new(qs_err *err)
{
    norm_ctx *nc = calloc(1, sizeof *nc);
    if (!nc) {
        qs_fail(err, QS_ENOMEM, "out of memory creating the normaliser");
        return NULL;
    }
    char path[4096];
    if (paths_find("data/fold.bin", path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "fold table data/fold.bin not found (last tried %s); run `make`",
                path);
        norm_free(nc);
        return NULL;
    }
    if (load_table(nc, path, err) != QS_OK) {
        norm_free(nc);
        return NULL;
    }
    UErrorCode ue = U_ZERO_ERROR;
    nc->nfkc = unorm2_getNFKCCasefoldInstance(&ue);
    if (U_FAILURE(ue)) {
        qs_fail(err, QS_EICU, "ICU NFKC_Casefold: %s", u_errorName(ue));
        norm_free(nc);
        return NULL;
    }
    return nc;
}

void norm_free(norm_ctx *nc)
{
    if (!nc)
        return;
    free(nc->file);
    free(nc->src);
    free(nc->cp);
    free(nc->map);
    free(nc->ts_at);
    free(nc->s);
    free(nc->u16);
    free(nc);
}

/* Output state of one norm_run: the pending space is emitted only before a
 * later non-space, which collapses runs and trims both ends. */
typedef struct emitter {
    norm_ctx *nc;
    long pending; /* source index of the first space of a run, or -1 */
    int oom;
} emitter;

__attribute__((always_inline)) static inline void push(emitter *em, int32_t c, int32_t src)
{
    norm_ctx *nc = em->nc;
    size_t cap = nc->cp_cap;
    if (nc->n_cp + 2 > cap) {
        size_t c1 = cap, c2 = cap;
        if (buf_grow((void **)&nc->cp, &c1, nc->n_cp + 2, sizeof *nc->cp) != 0 ||
            buf_grow((void **)&nc->map, &c2, nc->n_cp + 2, sizeof *nc->map) != 0) {
            em->oom = 1;
            return;
        }
        nc->cp_cap = c1 < c2 ? c1 : c2;
    }
    nc->cp[nc->n_cp] = c;
    nc->map[nc->n_cp++] = src;
}

__attribute__((always_inline)) static inline void emit(emitter *em, int32_t c, int32_t src)
{
    if (c == ' ') {
        if (em->pending < 0)
            em->pending = src;
        return;
    }
    if (em->pending >= 0 && em->nc->n_cp > 0)
        push(em, ' ', (int32_t)em->pending);
    em->pending = -1;
    push(em, c, src);
}

/* Emit the fold of an already NFKC-normalised code point, all mapped to src. */
static void emit_folded(emitter *em, int32_t c, int32_t src)
{
    uint32_t e = entry_of(em->nc, c);
    switch (FOLD_KIND(e)) {
    case FOLD_MAP:
    case FOLD_MAP_TS: emit(em, c + FOLD_DELTA(e), src); break;
    case FOLD_SPACE: emit(em, ' ', src); break;
    case FOLD_DEL: break;
    case FOLD_EXP: {
        const int32_t *x = em->nc->pool + FOLD_PAYLOAD(e);
        for (int32_t k = 1; k <= x[0]; k++)
            emit(em, x[k], src);
        break;
    }
    default: emit(em, c, src); break;
    }
}

/* Normalise src[a..b) (a base and the marks after it) with ICU. Outputs map
 * one to one when the count is unchanged, else all to the base. */
static qs_rc run_segment(emitter *em, size_t a, size_t b, qs_err *err)
{
    norm_ctx *nc = em->nc;
    size_t need = (b - a) * 2 * 4 + 16;
    if (buf_grow((void **)&nc->u16, &nc->u16_cap, need * 2, sizeof *nc->u16) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    UChar *in = nc->u16, *out = nc->u16 + nc->u16_cap / 2;
    int32_t n = 0;
    for (size_t i = a; i < b; i++)
        U16_APPEND_UNSAFE(in, n, nc->src[i]);
    UErrorCode ue = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(nc->nfkc, in, n, out, (int32_t)(nc->u16_cap / 2), &ue);
    if (ue == U_BUFFER_OVERFLOW_ERROR) { /* long expansions: retry with room */
        if (buf_grow((void **)&nc->u16, &nc->u16_cap, ((size_t)m + 1) * 2, sizeof *nc->u16) != 0)
            return qs_fail(err, QS_ENOMEM, "out of memory normalising");
        in = nc->u16;
        out = nc->u16 + nc->u16_cap / 2;
        n = 0;
        for (size_t i = a; i < b; i++)
            U16_APPEND_UNSAFE(in, n, nc->src[i]);
        ue = U_ZERO_ERROR;
        m = unorm2_normalize(nc->nfkc, in, n, out, (int32_t)(nc->u16_cap / 2), &ue);
    }
    if (U_FAILURE(ue))
        return qs_fail(err, QS_EICU, "ICU normalisation failed: %s", u_errorName(ue));
    size_t count = 0;
    for (int32_t i = 0; i < m; count++)
        U16_FWD_1(out, i, m);
    size_t k = 0;
    for (int32_t i = 0; i < m; k++) {
        UChar32 c;
        U16_NEXT(out, i, m, c);
        emit_folded(em, c, (int32_t)(count == b - a ? a + k : a));
    }
    return QS_OK;
}

/* The transliterator's phrase rules, on text folded character by character:
 * at each position the longest rule whose key matches and that covers a
 * traditional character of the original (so simplified text is rewritten
 * only where a kept character such as 著 or 乾 stands in a word that is not
 * simplified: 乾净 > 干净). Same length in and out, so the map stays. The
 * traditional characters' output positions are nc->ts_at. */
static int apply_phrases(norm_ctx *nc)
{
    int changed = 0;
    /* next_ts: the first output position >= j from a traditional
     * character (ts_at[t], or n_cp when none is left); a rule is at most
     * PHRASE_MAX long, so from a j that far before it none can apply and
     * the search jumps ahead */
    size_t t = 0;
    for (size_t j = 0; j < nc->n_cp;) {
        while (t < nc->n_ts && nc->ts_at[t] < j)
            t++;
        size_t next_ts = t < nc->n_ts ? nc->ts_at[t] : nc->n_cp;
        if (next_ts >= nc->n_cp)
            break;
        if (next_ts >= j + PHRASE_MAX) {
            j = next_ts - (PHRASE_MAX - 1);
            continue;
        }
        int32_t c = nc->cp[j];
        if (c >= 0 && c < 0x10000 && !(nc->phrase_first[c >> 6] >> (c & 63) & 1)) {
            j++;
            continue;
        }
        size_t lo = 0, hi = nc->n_phrases;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (nc->phrases[nc->phrase_at[mid] + 1] < nc->cp[j])
                lo = mid + 1;
            else
                hi = mid;
        }
        const int32_t *best = NULL;
        for (size_t k = lo; k < nc->n_phrases && nc->phrases[nc->phrase_at[k] + 1] == nc->cp[j];
             k++) {
            const int32_t *p = nc->phrases + nc->phrase_at[k];
            size_t n = (size_t)p[0];
            /* covers a traditional character: the first from j is inside */
            if (j + n > nc->n_cp || (best && (size_t)best[0] >= n) || next_ts >= j + n ||
                memcmp(p + 1, nc->cp + j, n * sizeof *p) != 0)
                continue;
            best = p;
        }
        if (!best) {
            j++;
            continue;
        }
        memcpy(nc->cp + j, best + 1 + best[0], (size_t)best[0] * sizeof *best);
        j += (size_t)best[0];
        changed = 1;
    }
    return changed;
}

/* nc->ts_at after the general loop, from the map (run_fast notes them as it
 * goes). */
static int find_ts(norm_ctx *nc)
{
    if (buf_grow((void **)&nc->ts_at, &nc->ts_cap, nc->n_cp + 1, sizeof *nc->ts_at) != 0)
        return -1;
    nc->n_ts = 0;
    for (size_t q = 0; q < nc->n_cp; q++)
        if (FOLD_KIND(entry_of(nc, nc->src[nc->map[q]])) == FOLD_MAP_TS)
            nc->ts_at[nc->n_ts++] = (uint32_t)q;
    return 0;
}

/* Room for need output code points (their map entries, and their UTF-8). */
static int reserve_out(norm_ctx *nc, size_t need)
{
    if (need <= nc->cp_cap && need * 4 + 1 <= nc->s_cap)
        return 0;
    size_t c1 = nc->cp_cap, c2 = nc->cp_cap;
    if (buf_grow((void **)&nc->cp, &c1, need, sizeof *nc->cp) != 0 ||
        buf_grow((void **)&nc->map, &c2, need, sizeof *nc->map) != 0 ||
        buf_grow((void **)&nc->s, &nc->s_cap, need * 4 + 1, 1) != 0)
        return -1;
    nc->cp_cap = c1 < c2 ? c1 : c2;
    return 0;
}

/* UTF-8 of c at d (room for 4 bytes); returns its length. */
static inline size_t put_utf8(uint8_t *d, uint32_t c)
{
    if (c - 0x800u < 0xF800u) { /* three bytes, the common case */
        d[0] = (uint8_t)(0xE0 | c >> 12);
        d[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
        d[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    }
    size_t o = 0;
    U8_APPEND_UNSAFE(d, o, c);
    return o;
}

enum { FAST_DONE, FAST_GIVE_UP, FAST_OOM };

/* Output state of run_fast. */
typedef struct fast_out {
    int32_t *cp, *map;
    uint8_t *d;   /* the UTF-8 */
    size_t k, o;  /* code points and bytes written */
    long pending; /* as in emitter */
} fast_out;

/* emit() of the general loop, writing the UTF-8 as it goes. */
__attribute__((always_inline)) static inline void fast_emit(fast_out *w, int32_t f, size_t src)
{
    if (f == ' ') {
        if (w->pending < 0)
            w->pending = (long)src;
        return;
    }
    if (w->pending >= 0 && w->k > 0) {
        w->cp[w->k] = ' ';
        w->map[w->k++] = (int32_t)w->pending;
        w->d[w->o++] = ' ';
    }
    w->pending = -1;
    w->cp[w->k] = f;
    w->map[w->k++] = (int32_t)src;
    if (f < 0x80)
        w->d[w->o++] = (uint8_t)f;
    else
        w->o += put_utf8(w->d + w->o, (uint32_t)f);
}

/* The ASCII character other than a space that the three-byte character c
 * folds to on its own (full-width punctuation: ， to ,), or -1. */
static inline int32_t ascii_fold(const norm_ctx *nc, int32_t c)
{
    uint32_t e = nc->blocks[(size_t)nc->stage1[c >> 8] << 8 | ((uint32_t)c & 0xFF)];
    int32_t f = c + FOLD_DELTA(e);
    return FOLD_KIND(e) == FOLD_MAP && (uint32_t)f - 0x21u < 0x5Eu ? f : -1;
}

/* A run of characters at p + i whose UTF-8 is three bytes and that the
 * fold keeps as they are (most Chinese text) or turns into one ASCII
 * character (its punctuation, which would otherwise end most runs): each
 * is decoded, stored and its bytes written as it is read (four bytes at
 * once; the fourth, read inside the text, is written over by what
 * follows). Returns the byte after the run (i itself if none starts
 * there); *stop is the character there when it is three bytes of that
 * kind, else -1. */
static int32_t keep_run(const norm_ctx *nc, const uint8_t *p, int32_t i, int32_t lim,
                        fast_out *w, size_t *n, int32_t *stop)
{
    int space = w->pending >= 0 && w->k > 0;
    size_t k0 = w->k + (size_t)space; /* room for the space */
    size_t m = *n;
    /* locals, so that the stores below are not taken to change them; the
     * bytes go after the space, which is written once the run is known
     * not to be empty */
    const uint64_t *keep = nc->keep;
    int32_t *src = nc->src + m, *cp = w->cp + k0, *map = w->map + k0;
    uint8_t *d = w->d + w->o + space;
    const uint8_t *q = p + i, *end = p + (lim > 3 ? lim - 3 : 0); /* q < end: four bytes */
    size_t r = 0;
    *stop = -1;
    /* lead bytes E1..EF but ED: no overlong forms and no surrogates */
    while (q < end && (uint32_t)q[0] - 0xE1u < 0x0Fu && q[0] != 0xED &&
           ((q[1] | (uint32_t)q[2] << 8) & 0xC0C0) == 0x8080) {
        int32_t c = (int32_t)(q[0] & 0x0F) << 12 | (int32_t)(q[1] & 0x3F) << 6 | (q[2] & 0x3F);
        int32_t f = c;
        if (keep[c >> 6] >> (c & 63) & 1) {
            memcpy(d, q, 4);
            d += 3;
        } else if ((f = ascii_fold(nc, c)) >= 0) {
            *d++ = (uint8_t)f;
        } else {
            *stop = c;
            break;
        }
        src[r] = c;
        cp[r] = f;
        map[r] = (int32_t)(m + r);
        r++;
        q += 3;
    }
    if (r == 0)
        return i;
    if (space) {
        w->cp[w->k] = ' ';
        w->map[w->k] = (int32_t)w->pending;
        w->d[w->o] = ' ';
    }
    w->pending = -1;
    w->o = (size_t)(d - w->d);
    w->k = k0 + r;
    *n = m + r;
    return (int32_t)(q - p);
}

/* The common case in one pass: each character decoded, folded, emitted
 * and encoded at once (the same output as the general loop of norm_run).
 * Gives up, having changed nothing norm_run keeps, at bytes that are not
 * valid UTF-8 and at a character with no normalisation boundary before it
 * (FOLD_CTX), which ICU must see together with its base: the general loop
 * then starts over. The caller has made room for len + 1 source and len +
 * 2 output code points (a character gives at most one, a pending space
 * included, except for expansions, which make their own room). */
static int run_fast(norm_ctx *nc, const uint8_t *p, int32_t lim, size_t *n_src, int *had_ts)
{
    nc->n_ts = 0;
    const uint16_t *stage1 = nc->stage1;
    const uint32_t *blocks = nc->blocks;
    fast_out w = {nc->cp, nc->map, (uint8_t *)nc->s, 0, 0, -1};
    size_t n = 0;
    for (int32_t i = 0; i < lim; n++) {
        int32_t c;
        if (p[i] < 0x80) {
            c = p[i++];
        } else {
            int32_t stop;
            i = keep_run(nc, p, i, lim, &w, &n, &stop);
            if (i >= lim)
                break;
            if (stop >= 0) { /* decoded already */
                c = stop;
                i += 3;
            } else {
                U8_NEXT(p, i, lim, c);
                if (c < 0)
                    return FAST_GIVE_UP;
            }
        }
        nc->src[n] = c;
        uint32_t e = blocks[(size_t)stage1[c >> 8] << 8 | ((uint32_t)c & 0xFF)];
        switch (FOLD_KIND(e)) {
        case FOLD_MAP_TS:
            /* a fold to a space (none in the table) would have no place of
             * its own to note */
            if (c + FOLD_DELTA(e) == ' ')
                return FAST_GIVE_UP;
            fast_emit(&w, c + FOLD_DELTA(e), n);
            nc->ts_at[nc->n_ts++] = (uint32_t)(w.k - 1);
            break;
        case FOLD_MAP: fast_emit(&w, c + FOLD_DELTA(e), n); break;
        case FOLD_SPACE: fast_emit(&w, ' ', n); break;
        case FOLD_DEL: break;
        case FOLD_EXP: {
            const int32_t *x = nc->pool + FOLD_PAYLOAD(e);
            if (reserve_out(nc, w.k + (size_t)x[0] + (size_t)lim + 2) != 0)
                return FAST_OOM;
            w.cp = nc->cp;
            w.map = nc->map;
            w.d = (uint8_t *)nc->s;
            for (int32_t q = 1; q <= x[0]; q++)
                fast_emit(&w, x[q], n);
            break;
        }
        default: return FAST_GIVE_UP;
        }
    }
    w.cp[w.k] = 0;
    w.map[w.k] = (int32_t)n; /* map[n_cp] = original length */
    w.d[w.o] = '\0';
    nc->n_cp = w.k;
    nc->s_len = w.o;
    *n_src = n;
    *had_ts = nc->n_ts > 0;
    return FAST_DONE;
}

/* The general loop: decode, then fold with ICU where characters interact. */
static qs_rc run_general(norm_ctx *nc, const uint8_t *p, int32_t lim, size_t *n_src, int *had_ts,
                         qs_err *err)
{
    size_t n = 0;
    for (int32_t i = 0; i < lim;) {
        UChar32 c;
        int32_t at = i;
        if (p[i] < 0x80) {
            nc->src[n++] = p[i++];
            continue;
        }
        U8_NEXT(p, i, lim, c);
        if (c < 0)
            return qs_fail(err, QS_EINVAL, "invalid UTF-8 at byte %d", at);
        nc->src[n++] = c;
    }
    nc->n_cp = 0;
    emitter em = {nc, -1, 0};
    *had_ts = 0;
    /* e: the entry of src[i], looked up once (as src[j] of the step before) */
    uint32_t e = n ? entry_of(nc, nc->src[0]) : 0;
    for (size_t i = 0; i < n && !em.oom; i++) {
        size_t j = i + 1;
        uint32_t ej = 0;
        while (j < n && FOLD_KIND(ej = entry_of(nc, nc->src[j])) == FOLD_CTX)
            j++;
        if (j > i + 1 || FOLD_KIND(e) == FOLD_CTX) {
            qs_rc rc = run_segment(&em, i, j, err);
            if (rc != QS_OK)
                return rc;
            i = j - 1;
            e = ej;
            continue;
        }
        switch (FOLD_KIND(e)) {
        case FOLD_MAP: emit(&em, nc->src[i] + FOLD_DELTA(e), (int32_t)i); break;
        case FOLD_MAP_TS:
            emit(&em, nc->src[i] + FOLD_DELTA(e), (int32_t)i);
            *had_ts = 1;
            break;
        case FOLD_SPACE: emit(&em, ' ', (int32_t)i); break;
        case FOLD_DEL: break;
        default: { /* FOLD_EXP */
            const int32_t *x = nc->pool + FOLD_PAYLOAD(e);
            for (int32_t k = 1; k <= x[0]; k++)
                emit(&em, x[k], (int32_t)i);
        }
        }
        e = ej; /* i + 1 == j */
    }
    push(&em, 0, (int32_t)n); /* map[n_cp] = original length */
    if (em.oom)
        return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    nc->n_cp--;
    *n_src = n;
    return QS_OK;
}

/* The UTF-8 of nc->cp into nc->s. */
static qs_rc encode(norm_ctx *nc, qs_err *err)
{
    if (buf_grow((void **)&nc->s, &nc->s_cap, nc->n_cp * 4 + 1, 1) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    size_t o = 0;
    uint8_t *d = (uint8_t *)nc->s;
    for (size_t i = 0; i < nc->n_cp; i++)
        o += put_utf8(d + o, (uint32_t)nc->cp[i]);
    nc->s[o] = '\0';
    nc->s_len = o;
    return QS_OK;
}

qs_rc norm_run(norm_ctx *nc, const char *utf8, size_t len, norm_text *out, qs_err *err)
{
    nc->n_src = 0;
    if (len > INT32_MAX / 4)
        return qs_fail(err, QS_EINVAL, "text too long to normalise (%zu bytes)", len);
    if (buf_grow((void **)&nc->src, &nc->src_cap, len + 1, sizeof *nc->src) != 0 ||
        buf_grow((void **)&nc->ts_at, &nc->ts_cap, len + 1, sizeof *nc->ts_at) != 0 ||
        reserve_out(nc, len + 2) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    const uint8_t *p = (const uint8_t *)utf8;
    size_t n = 0;
    int had_ts = 0;
    int fast = run_fast(nc, p, (int32_t)len, &n, &had_ts);
    if (fast == FAST_OOM)
        return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    if (fast == FAST_GIVE_UP) {
        qs_rc rc = run_general(nc, p, (int32_t)len, &n, &had_ts, err);
        if (rc != QS_OK)
            return rc;
        if (had_ts && find_ts(nc) != 0)
            return qs_fail(err, QS_ENOMEM, "out of memory normalising");
    }
    /* the fast loop wrote the UTF-8 already, unless a phrase rule changed
     * the code points since */
    int changed = had_ts && apply_phrases(nc);
    if (fast == FAST_GIVE_UP || changed) {
        qs_rc rc = encode(nc, err);
        if (rc != QS_OK)
            return rc;
    }
    out->s = nc->s;
    out->len = nc->s_len;
    out->cp = nc->cp;
    out->map = nc->map;
    out->n_cp = nc->n_cp;
    nc->n_src = n;
    return QS_OK;
}

const int32_t *norm_source(const norm_ctx *nc, size_t *n)
{
    *n = nc->n_src;
    return nc->src;
}
