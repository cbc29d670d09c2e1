/* clsfeat.c: folding, features and lexicon scoring for the issue classifier
 * (see clsfeat.h). */
#include "clsfeat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int32_t fold_cp(int32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    else if (c == 0x3000)
        c = ' ';
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    return c;
}

/* Cantonese particles and pronouns read as their Mandarin counterparts
 * (嘅 的, 冇 没, 唔 不, 佢 他 …), as the merchant finder reads them
 * (engine/extract.c): a post in 广西 or 广东 speech then shares its cue
 * words with the Mandarin texts the model learned (冇牌 as 没牌, 唔退 as
 * 不退). Characters of no other use only; part of the normalising fold
 * (fold=norm). */
static int32_t fold_full(const norm_ctx *nc, int32_t c)
{
    return nc ? fold_cp(norm_yue_cp(norm_fold_cp(nc, c), NORM_YUE_COMMON | NORM_YUE_VERBS)) : fold_cp(c);
}

/* Decode one code point at s[*i] (advancing *i); invalid input gives U+FFFD. */
static inline int32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char b = s[*i];
    int32_t c;
    size_t need;
    if (b < 0x80) {
        (*i)++;
        return b;
    } else if ((b & 0xE0) == 0xC0) {
        c = b & 0x1F, need = 1;
    } else if ((b & 0xF0) == 0xE0) {
        c = b & 0x0F, need = 2;
    } else if ((b & 0xF8) == 0xF0) {
        c = b & 0x07, need = 3;
    } else {
        (*i)++;
        return 0xFFFD;
    }
    if (*i + need >= len) {
        (*i)++;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        c = (c << 6) | (s[*i + k] & 0x3F);
    }
    *i += need + 1;
    return c;
}

static inline size_t utf8_put(char *o, int32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

qs_rc clf_fold(const norm_ctx *nc, const char *s, size_t len, clf_text *out, qs_err *err)
{
    int32_t *cp = malloc((len + 1) * sizeof *cp);
    char *utf8 = malloc(len * 4 + 1); /* U+FFFD may replace one byte by three */
    if (!cp || !utf8) {
        free(cp);
        free(utf8);
        memset(out, 0, sizeof *out);
        return qs_fail(err, QS_ENOMEM, "out of memory folding a text of %zu bytes", len);
    }
    clf_fold_into(nc, NULL, NULL, s, len, cp, utf8, out);
    return QS_OK;
}

int32_t *clf_han_table(const norm_ctx *nc)
{
    int32_t *t = malloc(0x5200 * sizeof *t);
    if (t)
        for (int32_t c = 0; c < 0x5200; c++)
            t[c] = fold_full(nc, 0x4E00 + c);
    return t;
}

uint8_t *clf_stable_table(const norm_ctx *nc)
{
    uint8_t *t = malloc(0x10000);
    if (t)
        for (int32_t c = 0; c < 0x10000; c++)
            t[c] = fold_full(nc, c) == c;
    return t;
}

int clf_is_folded_bmp(const norm_ctx *nc, const uint8_t *stable, const int32_t *cp, size_t n)
{
    size_t i = 0;
    /* four at a time while the four are in the BMP: one test for them */
    for (; i + 4 <= n; i += 4) {
        uint32_t a = (uint32_t)cp[i], b = (uint32_t)cp[i + 1], c = (uint32_t)cp[i + 2], d = (uint32_t)cp[i + 3];
        if ((a | b | c | d) >= 0x10000)
            break;
        if (!(stable[a] & stable[b] & stable[c] & stable[d]))
            return 0;
    }
    for (; i < n; i++) {
        uint32_t c = (uint32_t)cp[i];
        if (c < 0x10000 ? !stable[c] : fold_full(nc, cp[i]) != cp[i])
            return 0;
    }
    return 1;
}

int clf_is_folded(const norm_ctx *nc, const int32_t *han, const int32_t *cp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        if (han && (uint32_t)c - 0x4E00u < 0x5200u) {
            if (han[c - 0x4E00] != c)
                return 0;
        } else if (fold_full(nc, c) != c) {
            return 0;
        }
    }
    return 1;
}

void clf_fold_into(const norm_ctx *nc, const int32_t *han, const uint8_t *stable, const char *s, size_t len,
                   int32_t *cp, char *o, clf_text *out)
{
    memset(out, 0, sizeof *out);
    out->cp = cp;
    out->utf8 = o;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0, ol = 0;
    while (i < len) {
        /* ASCII and three-byte sequences (CJK) decoded in line */
        unsigned char b = u[i];
        int32_t c;
        if (b < 0x80) {
            c = b;
            i++;
        } else if ((b & 0xF0) == 0xE0 && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
                   (u[i + 2] & 0xC0) == 0x80) {
            c = (int32_t)(b & 0x0F) << 12 | (int32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
            i += 3;
            if (han && c - 0x4E00u < 0x5200u) {
                int32_t g = han[c - 0x4E00];
                cp[n++] = g;
                if (g == c) { /* the bytes as they came */
                    memcpy(o + ol, u + i - 3, 3);
                    ol += 3;
                } else {
                    ol += utf8_put(o + ol, g);
                }
                continue;
            }
        } else {
            c = utf8_next(u, len, &i);
        }
        /* one the fold leaves as it is (digits, most punctuation) needs no call */
        if (!stable || (uint32_t)c >= 0x10000 || !stable[c])
            c = fold_full(nc, c);
        cp[n++] = c;
        ol += utf8_put(o + ol, c);
    }
    o[ol] = '\0';
    out->n = n;
    out->len = ol;
}

void clf_fold_cps(const norm_ctx *nc, const int32_t *han, const uint8_t *stable, const int32_t *in, size_t n,
                  int32_t *cp, char *o, clf_text *out)
{
    size_t ol = 0;
    for (size_t i = 0; i < n; i++) {
        int32_t c = in[i];
        if (han && (uint32_t)c - 0x4E00u < 0x5200u)
            c = han[c - 0x4E00];
        else if (!stable || (uint32_t)c >= 0x10000 || !stable[c])
            c = fold_full(nc, c);
        cp[i] = c;
        ol += utf8_put(o + ol, c);
    }
    o[ol] = '\0';
    *out = (clf_text){cp, n, o, ol};
}

void clf_text_free(clf_text *t)
{
    if (!t)
        return;
    free(t->cp);
    free(t->utf8);
    memset(t, 0, sizeof *t);
}

static inline int is_han(int32_t c)
{
    /* the main block first, on its own: most characters of a text are in
     * it, and one test settles them */
    if ((uint32_t)c - 0x4E00u <= 0x9FFFu - 0x4E00u)
        return 1;
    return ((uint32_t)c - 0x3400u <= 0x4DBFu - 0x3400u) || ((uint32_t)c - 0xF900u <= 0xFAFFu - 0xF900u) ||
           ((uint32_t)c - 0x20000u <= 0x2FFFFu - 0x20000u);
}

static int is_alnum(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* One unit of the feature stream: a Han character, a Latin run, or "#". */
typedef struct unit {
    char s[64];
    size_t len;
} unit;

/* The Latin/digit run starting at i as one unit; digits alone become "#"
 * (an order number or amount says nothing of the issue). Returns the index
 * after the run. */
static size_t alnum_unit(const clf_text *t, size_t i, unit *u)
{
    int letters = 0;
    u->len = 0;
    while (i < t->n && is_alnum(t->cp[i])) {
        letters |= t->cp[i] >= 'a';
        if (u->len < sizeof u->s - 1)
            u->s[u->len++] = (char)t->cp[i];
        i++;
    }
    if (!letters) {
        u->s[0] = '#';
        u->len = 1;
    }
    return i;
}

qs_rc clf_features(const clf_text *t, const seg_token *toks, size_t n_toks, clf_emit_fn emit,
                   void *ctx, qs_err *err)
{
    unit prev = {{0}, 0}, cur;
    char buf[160];
    size_t i = 0;
    while (i < t->n) {
        int32_t c = t->cp[i];
        if (is_han(c)) {
            cur.len = utf8_put(cur.s, c);
            i++;
        } else if (is_alnum(c)) {
            i = alnum_unit(t, i, &cur);
        } else {
            prev.len = 0; /* a clause boundary: no bigram across it */
            i++;
            continue;
        }
        if (emit(ctx, cur.s, cur.len) != 0)
            return qs_fail(err, QS_ENOMEM, "out of memory collecting features");
        if (prev.len) {
            size_t n = 0;
            int sep = prev.s[0] >= 0 || cur.s[0] >= 0; /* ASCII on either side */
            memcpy(buf, prev.s, prev.len), n = prev.len;
            if (sep)
                buf[n++] = ' ';
            memcpy(buf + n, cur.s, cur.len), n += cur.len;
            if (emit(ctx, buf, n) != 0)
                return qs_fail(err, QS_ENOMEM, "out of memory collecting features");
        }
        prev = cur;
    }
    for (size_t k = 0; toks && k < n_toks; k++) {
        const seg_token *tk = &toks[k];
        if (tk->type != TOK_HAN && tk->type != TOK_LATIN)
            continue;
        if (tk->end - tk->start < 2 || tk->norm_len + 2 > sizeof buf)
            continue;
        memcpy(buf, "w:", 2);
        memcpy(buf + 2, tk->norm, tk->norm_len);
        if (emit(ctx, buf, tk->norm_len + 2) != 0)
            return qs_fail(err, QS_ENOMEM, "out of memory collecting features");
    }
    return QS_OK;
}

/* ---- feature ids for prediction ---- */

/* Slots hold all that a probe reads, so that a lookup touches one cache
 * line (strings of up to 16 bytes are kept in the slot itself). */
/* A Han slot is one word, key << HAN_ID_BITS | id, where the key is a Han
 * unigram (cp), bigram (HAN2 | cp1 << 21 | cp2) or two-character word
 * feature ("w:" + two Han characters of the BMP: cp1 << 21 | cp2, cp1
 * not 0), 43 bits; 0: empty. Half
 * the size of a key and id side by side, so the table can be kept at most
 * 3/8 full (few probes for the many absent keys) in the same memory. */
#define HAN_ID_BITS 21
#define HAN_MAX_FEAT (((size_t)1 << HAN_ID_BITS) - 1)
typedef uint64_t han_slot;

typedef struct str_slot {
    uint64_t hash; /* never 0; 0 marks an empty slot */
    uint32_t id, len;
    union {
        char in[16];   /* len <= 16 */
        uint32_t off;  /* longer: in the pool */
    } s;
} str_slot;

#define UNI_BASE 0x4E00 /* the main CJK block: its unigrams in a plain array */
#define UNI_N 0x5200

struct clf_findex {
    uint32_t *uni; /* per character U+4E00..U+9FFF: 1 + id of its unigram, or 0 */
    han_slot *han; /* the other Han keys */
    size_t mask;
    str_slot *str; /* every other feature string */
    size_t smask;
    char *pool;
    size_t pool_len;
    int borrowed;  /* the tables lie in a model image (clf_findex_from_blob) */
};

/* The head of an index's blob; the tables follow it: uni[UNI_N],
 * han[han_cap], str[str_cap], pool[pool_len], zeros to a multiple of 8. */
typedef struct findex_blob {
    uint64_t han_cap, str_cap, pool_len, n_feat;
} findex_blob;

#define HAN2 ((uint64_t)1 << 42)

/* A hash of a short string, eight bytes a step. */
static inline uint64_t str_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len;
    const size_t total = len;
    for (; len >= 8; s += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    /* the last len bytes by whole loads, no byte loop: the eight bytes
     * ending with them (the string has them), or two overlapping four-byte
     * loads, or three single bytes; any function of the bytes will do, the
     * index and its probes hashing alike */
    if (len && total >= 8) {
        memcpy(&w, s + len - 8, 8);
        w >>= 8 * (8 - len);
    } else if (len >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        w = lo | (uint64_t)hi << 32;
    } else if (len) {
        w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 |
            (uint64_t)(unsigned char)s[len - 1] << 16;
    }
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    return (h ^ h >> 29) | 1;
}

static size_t mix(uint64_t k, size_t mask)
{
    return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

/* The code point at f[*i] if its bytes there are exactly what utf8_put
 * writes for it (the only form a feature string can take), else -1. */
static int32_t exact_cp(const char *f, size_t len, size_t *i)
{
    size_t at = *i;
    int32_t c = utf8_next((const unsigned char *)f, len, i);
    char enc[4];
    size_t n = utf8_put(enc, c);
    return n == *i - at && memcmp(enc, f + at, n) == 0 ? c : -1;
}

/* The Han character of the BMP whose UTF-8 is s[0..3), or -1. */
static inline int32_t han3(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return -1;
    int32_t c = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return is_han(c) ? c : -1; /* from U+3400 on: three bytes are the only form */
}

/* The key of the word feature of the two-character word w[0..6) (its
 * normalised form), or 0 when it is not two Han characters of the BMP. */
static inline uint64_t word2_key(const char *w, size_t len)
{
    if (len != 6)
        return 0;
    /* what han3 checks of each character's bytes, for both at once: every
     * word of the text is asked */
    const unsigned char *u = (const unsigned char *)w;
    /* written as a 32-bit and a 16-bit part, which the compiler reads with
     * one load each (not six) */
    uint32_t lo = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
    uint32_t hi = (uint32_t)u[4] | (uint32_t)u[5] << 8;
    uint64_t x = lo | (uint64_t)hi << 32;
    if ((x & 0xC0C0F0C0C0F0ULL) != 0x8080E08080E0ULL)
        return 0;
    int32_t a = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    int32_t b = (int32_t)(u[3] & 0x0F) << 12 | (int32_t)(u[4] & 0x3F) << 6 | (u[5] & 0x3F);
    return is_han(a) && is_han(b) ? (uint64_t)a << 21 | (uint64_t)b : 0;
}

/* The Han key of a feature string, or 0 when it is not one or two Han
 * characters or a two-character word feature. */
static uint64_t han_key(const char *f, size_t len)
{
    if (len == 8 && f[0] == 'w' && f[1] == ':')
        return word2_key(f + 2, 6);
    /* most features: one or two Han characters of the BMP, whose three
     * bytes are the only form they have (what exact_cp would find) */
    int32_t h0 = len == 3 || len == 6 ? han3(f) : -1, h1 = len == 6 && h0 >= 0 ? han3(f + 3) : -1;
    if (len == 3 && h0 >= 0)
        return (uint64_t)h0;
    if (h1 >= 0)
        return HAN2 | (uint64_t)h0 << 21 | (uint64_t)h1;
    size_t i = 0;
    int32_t a = len ? exact_cp(f, len, &i) : -1;
    if (a < 0 || !is_han(a))
        return 0;
    if (i == len)
        return (uint64_t)a;
    int32_t b = exact_cp(f, len, &i);
    if (b < 0 || !is_han(b) || i != len)
        return 0;
    return HAN2 | (uint64_t)a << 21 | (uint64_t)b;
}

void clf_findex_free(clf_findex *ix)
{
    if (!ix)
        return;
    if (ix->borrowed) {
        free(ix);
        return;
    }
    free(ix->uni);
    free(ix->han);
    free(ix->str);
    free(ix->pool);
    free(ix);
}

static inline const char *slot_text(const clf_findex *ix, const str_slot *sl)
{
    return sl->len <= sizeof sl->s.in ? sl->s.in : ix->pool + sl->s.off;
}

/* Slot of string s in the string table: its own, or the empty one where it
 * would go. */
static inline size_t find_str(const clf_findex *ix, const char *s, size_t len, uint64_t h)
{
    size_t at = (size_t)(h >> 20) & ix->smask;
    for (;; at = (at + 1) & ix->smask) {
        const str_slot *sl = &ix->str[at];
        if (!sl->hash || (sl->hash == h && sl->len == len && memcmp(slot_text(ix, sl), s, len) == 0))
            return at;
    }
}

/* The feature at id, the same as an earlier one: QS_EDATA naming it. */
static clf_findex *listed_twice(clf_findex *ix, uint64_t *keys, const char *feat, qs_err *err)
{
    free(keys);
    clf_findex_free(ix);
    qs_fail(err, QS_EDATA, "model lists feature '%s' twice", feat);
    return NULL;
}

clf_findex *clf_findex_new(char *const *feat, size_t n, qs_err *err)
{
    clf_findex *ix = calloc(1, sizeof *ix);
    /* each feature's Han key, worked out once for both passes */
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    /* each table sized for its own keys (Han ones up to 3/8 full, strings
     * up to half): small tables stay in cache */
    size_t n_han = 0, n_str = 0, pool_len = 0, han_cap = 64, str_cap = 64;
    for (size_t id = 0; keys && id < n; id++) {
        size_t len = strlen(feat[id]);
        pool_len += len;
        uint64_t k = keys[id] = han_key(feat[id], len);
        n_han += k != 0 && k - UNI_BASE >= UNI_N;
        n_str += k == 0;
    }
    while (han_cap * 3 < n_han * 8 + 4)
        han_cap *= 2;
    while (str_cap < 2 * n_str + 2)
        str_cap *= 2;
    if (ix) {
        ix->uni = calloc(UNI_N, sizeof *ix->uni);
        ix->han = calloc(han_cap, sizeof *ix->han);
        ix->mask = han_cap - 1;
        ix->str = calloc(str_cap, sizeof *ix->str);
        ix->smask = str_cap - 1;
        ix->pool = malloc(pool_len + 1);
    }
    if (n > HAN_MAX_FEAT) {
        free(keys);
        clf_findex_free(ix);
        qs_fail(err, QS_EINVAL, "the model has %zu features, more than the %zu it may have", n,
                HAN_MAX_FEAT);
        return NULL;
    }
    if (!ix || !keys || !ix->uni || !ix->han || !ix->str || !ix->pool || pool_len > UINT32_MAX) {
        free(keys);
        clf_findex_free(ix);
        qs_fail(err, QS_ENOMEM, "out of memory indexing the model");
        return NULL;
    }
    /* a Han key stands for exactly one string (exact_cp), so two equal
     * keys are one feature listed twice */
    pool_len = 0;
    for (size_t id = 0; id < n; id++) {
        uint64_t k = keys[id];
        if (k - UNI_BASE < UNI_N) {
            if (ix->uni[k - UNI_BASE])
                return listed_twice(ix, keys, feat[id], err);
            ix->uni[k - UNI_BASE] = (uint32_t)id + 1;
            continue;
        }
        if (k) {
            size_t h = mix(k, ix->mask);
            while (ix->han[h] && ix->han[h] >> HAN_ID_BITS != k)
                h = (h + 1) & ix->mask;
            if (ix->han[h])
                return listed_twice(ix, keys, feat[id], err);
            ix->han[h] = k << HAN_ID_BITS | id;
            continue;
        }
        size_t len = strlen(feat[id]);
        uint64_t h = str_hash(feat[id], len);
        str_slot *sl = &ix->str[find_str(ix, feat[id], len, h)];
        if (sl->hash)
            return listed_twice(ix, keys, feat[id], err);
        sl->hash = h;
        sl->id = (uint32_t)id;
        sl->len = (uint32_t)len;
        if (len <= sizeof sl->s.in) {
            memcpy(sl->s.in, feat[id], len);
        } else {
            memcpy(ix->pool + pool_len, feat[id], len);
            sl->s.off = (uint32_t)pool_len;
            pool_len += len;
        }
    }
    free(keys);
    ix->pool_len = pool_len;
    return ix;
}

static size_t blob_size(uint64_t han_cap, uint64_t str_cap, uint64_t pool_len)
{
    return sizeof(findex_blob) + UNI_N * sizeof(uint32_t) + han_cap * sizeof(han_slot) +
           str_cap * sizeof(str_slot) + ((pool_len + 7) & ~(uint64_t)7);
}

void *clf_findex_blob(const clf_findex *ix, size_t n_feat, size_t *len)
{
    findex_blob h = {ix->mask + 1, ix->smask + 1, ix->pool_len, n_feat};
    *len = blob_size(h.han_cap, h.str_cap, h.pool_len);
    char *out = calloc(1, *len), *p = out;
    if (!out)
        return NULL;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, ix->uni, UNI_N * sizeof *ix->uni);
    p += UNI_N * sizeof *ix->uni;
    memcpy(p, ix->han, h.han_cap * sizeof *ix->han);
    p += h.han_cap * sizeof *ix->han;
    memcpy(p, ix->str, h.str_cap * sizeof *ix->str);
    p += h.str_cap * sizeof *ix->str;
    memcpy(p, ix->pool, ix->pool_len);
    return out;
}

/* A table size a blob may give: a power of two from 64 on. */
static int cap_ok(uint64_t cap)
{
    return cap >= 64 && cap <= ((uint64_t)1 << 40) && !(cap & (cap - 1));
}

clf_findex *clf_findex_from_blob(const void *blob, size_t len, size_t n_feat, qs_err *err)
{
    findex_blob h;
    if (len < sizeof h)
        goto damaged;
    memcpy(&h, blob, sizeof h);
    if (h.n_feat != n_feat || !cap_ok(h.han_cap) || !cap_ok(h.str_cap) || h.pool_len > len ||
        h.han_cap > len || h.str_cap > len || blob_size(h.han_cap, h.str_cap, h.pool_len) != len)
        goto damaged;
    const char *p = (const char *)blob + sizeof h;
    clf_findex *ix = calloc(1, sizeof *ix);
    if (!ix) {
        qs_fail(err, QS_ENOMEM, "out of memory indexing the model");
        return NULL;
    }
    ix->borrowed = 1;
    ix->uni = (uint32_t *)p;
    ix->han = (han_slot *)(p + UNI_N * sizeof(uint32_t));
    ix->str = (str_slot *)((const char *)ix->han + h.han_cap * sizeof(han_slot));
    ix->pool = (char *)ix->str + h.str_cap * sizeof(str_slot);
    ix->mask = h.han_cap - 1;
    ix->smask = h.str_cap - 1;
    ix->pool_len = h.pool_len;
    /* every id a lookup can return names a feature, every string lies in
     * the pool, and each table has an empty slot (a probe ends at one) */
    int bad = 0;
    for (size_t i = 0; i < UNI_N; i++)
        bad |= ix->uni[i] > n_feat;
    size_t empty = 0;
    for (size_t i = 0; i < h.han_cap; i++) {
        empty += !ix->han[i];
        bad |= ix->han[i] && (ix->han[i] & HAN_MAX_FEAT) >= n_feat;
    }
    bad |= !empty;
    empty = 0;
    for (size_t i = 0; i < h.str_cap; i++) {
        const str_slot *sl = &ix->str[i];
        empty += !sl->hash;
        bad |= sl->hash && (sl->id >= n_feat || !sl->len ||
                            (sl->len > sizeof sl->s.in && (uint64_t)sl->s.off + sl->len > h.pool_len));
    }
    bad |= !empty;
    if (!bad)
        return ix;
    free(ix);
damaged:
    qs_fail(err, QS_EDATA, "damaged feature index");
    return NULL;
}

/* The Han table, copied out of clf_findex and passed by value: the stores
 * to bits[] (uint64_t, the type of size_t here) could otherwise change
 * ix->mask and t->n for the compiler, which would load them again. */
typedef struct han_tab {
    const han_slot *han;
    size_t mask;
} han_tab;

/* Where a walk marks the ids it finds: bit id of bits and, with_touched,
 * byte id / 64 of touched (which words of bits have a mark: a byte store,
 * where a summary bit took a second variable shift). with_touched is a
 * constant in each caller, so the inlined walk tests it at no cost. */
typedef struct id_sink {
    uint64_t *bits;
    uint8_t *touched;
    int with_touched;
} id_sink;

static inline void sink_put(const id_sink *s, uint32_t id)
{
    s->bits[id >> 6] |= (uint64_t)1 << (id & 63);
    if (s->with_touched)
        s->touched[id >> 6] = 1;
}

static inline void han_set(han_tab ht, uint64_t k, const id_sink *s)
{
    for (size_t h = mix(k, ht.mask); ht.han[h]; h = (h + 1) & ht.mask)
        if (ht.han[h] >> HAN_ID_BITS == k) {
            sink_put(s, (uint32_t)(ht.han[h] & HAN_MAX_FEAT));
            return;
        }
}

static void str_set(const clf_findex *ix, const char *s, size_t len, const id_sink *out)
{
    const str_slot *sl = &ix->str[find_str(ix, s, len, str_hash(s, len))];
    if (sl->hash)
        sink_put(out, sl->id);
}

/* The features of the Latin/digit run at code point i of t (kept as
 * strings): the run itself and its bigrams with a Han character just
 * before or after it (another run is never next to it, and anything else
 * is a clause boundary). Returns the index after the run. */
static size_t run_features(const clf_text *t, size_t i, const clf_findex *ix, const id_sink *s)
{
    unit cur;
    char buf[160];
    size_t e = alnum_unit(t, i, &cur), n;
    str_set(ix, cur.s, cur.len, s);
    if (i > 0 && is_han(t->cp[i - 1])) {
        n = utf8_put(buf, t->cp[i - 1]);
        buf[n++] = ' ';
        memcpy(buf + n, cur.s, cur.len);
        str_set(ix, buf, n + cur.len, s);
    }
    if (e < t->n && is_han(t->cp[e])) {
        memcpy(buf, cur.s, cur.len);
        buf[cur.len] = ' ';
        n = cur.len + 1 + utf8_put(buf + cur.len + 1, t->cp[e]);
        str_set(ix, buf, n, s);
    }
    return e;
}

/* The same walk as clf_features: units are Han characters (kept as code
 * points) or Latin/digit runs (run_features), bigrams within clauses.
 * Inlined into each public form so that whether there is a summary is
 * known there. */
__attribute__((always_inline)) static inline void feature_walk(const clf_text *t, const seg_token *toks,
                                                               size_t n_toks, const clf_findex *ix,
                                                               const id_sink *s)
{
    /* the table slots of all bigrams are fetched at once first: each is
     * likely a cache miss, and the walk below would wait for them in turn.
     * Every pair of neighbours is fetched, bigram or not: a wasted fetch
     * costs less than the tests that would spare it. */
    const han_tab ht = {ix->han, ix->mask};
    const int32_t *cps = t->cp;
    const size_t n_cp = t->n;
    for (size_t i = 1; i < n_cp; i++)
        __builtin_prefetch(&ht.han[mix(HAN2 | (uint64_t)(uint32_t)cps[i - 1] << 21 | (uint32_t)cps[i], ht.mask)]);
    const uint32_t *uni = ix->uni;
    int prev_han = 0; /* cps[i - 1] is Han: a Han bigram ends at i */
    for (size_t i = 0; i < n_cp; i++) {
        int32_t c = cps[i];
        if ((uint32_t)c - UNI_BASE < UNI_N) {
            uint32_t u = uni[c - UNI_BASE];
            if (u)
                sink_put(s, u - 1);
        } else if (is_han(c)) {
            han_set(ht, (uint64_t)c, s);
        } else {
            if (is_alnum(c))
                i = run_features(t, i, ix, s) - 1;
            prev_han = 0;
            continue;
        }
        if (prev_han)
            han_set(ht, HAN2 | (uint64_t)cps[i - 1] << 21 | (uint64_t)c, s);
        prev_han = 1;
    }
    char buf[160];
    for (size_t k = 0; toks && k < n_toks; k++) {
        const seg_token *tk = &toks[k];
        if (tk->type != TOK_HAN && tk->type != TOK_LATIN)
            continue;
        if (tk->end - tk->start < 2 || tk->norm_len + 2 > sizeof buf)
            continue;
        uint64_t wk = word2_key(tk->norm, tk->norm_len);
        if (wk) { /* most words: two Han characters, in the Han table */
            han_set(ht, wk, s);
            continue;
        }
        memcpy(buf, "w:", 2);
        memcpy(buf + 2, tk->norm, tk->norm_len);
        str_set(ix, buf, tk->norm_len + 2, s);
    }
}

void clf_feature_ids(const clf_text *t, const seg_token *toks, size_t n_toks, const clf_findex *ix,
                     uint64_t *bits)
{
    const id_sink s = {bits, NULL, 0};
    feature_walk(t, toks, n_toks, ix, &s);
}

void clf_feature_marks(const clf_text *t, const seg_token *toks, size_t n_toks, const clf_findex *ix,
                       uint64_t *bits, uint8_t *touched)
{
    const id_sink s = {bits, touched, 1};
    feature_walk(t, toks, n_toks, ix, &s);
}

/* ---- lexicons ---- */

/* Children are found through one hash table keyed by (node, code point);
 * node 0 is the root. Each node lists the entries whose keyword ends there,
 * highest index first (the order the bucket chains visit them in). */
typedef struct trie_slot {
    uint64_t key;   /* node << 32 | code point */
    uint32_t child; /* 0: empty slot */
    uint32_t end;   /* end[child], here so that a step reads one line */
} trie_slot;

enum { TRIE_STARTS = 1, TRIE_ALONE = 2 };

struct clf_trie {
    trie_slot *slot;
    size_t mask, used;
    /* per BMP code point, the root's child along it (0: none), 0x10000 of
     * them: a walk's first step at one load, without a hash */
    uint32_t *root;
    /* per BMP code point, TRIE_STARTS when the root has a child along it
     * and TRIE_ALONE when a keyword may be it alone (as one below): the
     * scan's first tests at one load from a table a quarter of root's */
    uint8_t *start;
    uint32_t *end;     /* per node: first entry (index + 1) ending there */
    uint32_t n_nodes, node_cap;
    uint32_t *end_next; /* per entry: next entry (index + 1) at the same node */
    size_t entry_cap;
    /* filters that spare most walks a table read: bit c & 0xFFFF of first:
     * some keyword may start with c; of one: may be c alone; bit
     * pair_hash(c1, c2) of pair: may start with c1 c2 */
    uint64_t first[1024], one[1024], pair[1024];
};

static inline uint32_t pair_hash(int32_t c1, int32_t c2)
{
    return ((uint32_t)c1 * 0x9E3779B1u ^ (uint32_t)c2 * 0x85EBCA77u) >> 16;
}

/* Bit k & 0xFFFF of a 1024-word filter. */
static inline void set_bit(uint64_t *f, uint32_t k)
{
    f[(k >> 6) & 1023] |= (uint64_t)1 << (k & 63);
}

static inline int get_bit(const uint64_t *f, uint32_t k)
{
    return (int)(f[(k >> 6) & 1023] >> (k & 63) & 1);
}

static void trie_free(clf_trie *tr)
{
    if (!tr)
        return;
    free(tr->slot);
    free(tr->root);
    free(tr->start);
    free(tr->end);
    free(tr->end_next);
    free(tr);
}

/* The slot of the edge from node by c, NULL when there is none. */
static inline trie_slot *trie_edge(const clf_trie *tr, uint32_t node, int32_t c)
{
    uint64_t k = (uint64_t)node << 32 | (uint32_t)c;
    for (size_t h = mix(k, tr->mask); tr->slot[h].child; h = (h + 1) & tr->mask)
        if (tr->slot[h].key == k)
            return &tr->slot[h];
    return NULL;
}

static inline uint32_t trie_child(const clf_trie *tr, uint32_t node, int32_t c)
{
    const trie_slot *sl = trie_edge(tr, node, c);
    return sl ? sl->child : 0;
}

static int trie_grow_table(clf_trie *tr)
{
    size_t cap = tr->mask ? (tr->mask + 1) * 2 : 256;
    trie_slot *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; tr->mask && i <= tr->mask; i++)
        if (tr->slot[i].child) {
            size_t h = mix(tr->slot[i].key, cap - 1);
            while (slot[h].child)
                h = (h + 1) & (cap - 1);
            slot[h] = tr->slot[i];
        }
    free(tr->slot);
    tr->slot = slot, tr->mask = cap - 1;
    return 0;
}

/* Add entry idx with keyword kw (UTF-8 as utf8_put writes it). Nodes made
 * before a failure stay, ending no entry: they change no score. */
static int trie_add(clf_trie *tr, const char *kw, size_t len, uint32_t idx)
{
    if (idx >= tr->entry_cap) {
        size_t nc = tr->entry_cap ? tr->entry_cap * 2 : 64;
        uint32_t *ne = realloc(tr->end_next, nc * sizeof *ne);
        if (!ne)
            return -1;
        tr->end_next = ne, tr->entry_cap = nc;
    }
    if (tr->n_nodes == 0) {
        tr->end = calloc(64, sizeof *tr->end);
        if (!tr->root)
            tr->root = calloc(0x10000, sizeof *tr->root);
        if (!tr->start)
            tr->start = calloc(0x10000, sizeof *tr->start);
        if (!tr->end || !tr->root || !tr->start || trie_grow_table(tr) != 0) {
            free(tr->end);
            tr->end = NULL;
            return -1;
        }
        tr->node_cap = 64;
        tr->n_nodes = 1;
    }
    size_t i = 0;
    int32_t c1 = utf8_next((const unsigned char *)kw, len, &i);
    set_bit(tr->first, (uint32_t)c1);
    if (i == len) {
        set_bit(tr->one, (uint32_t)c1);
        if ((uint32_t)c1 < 0x10000)
            tr->start[c1] |= TRIE_ALONE;
    } else
        set_bit(tr->pair, pair_hash(c1, utf8_next((const unsigned char *)kw, len, &i)));
    uint32_t node = 0, parent = 0;
    int32_t last = 0;
    i = 0;
    while (i < len) {
        int32_t c = utf8_next((const unsigned char *)kw, len, &i);
        parent = node, last = c;
        uint32_t next = trie_child(tr, node, c);
        if (!next) {
            if ((tr->used + 1) * 2 > tr->mask + 1 && trie_grow_table(tr) != 0)
                return -1;
            if (tr->n_nodes == tr->node_cap) {
                uint32_t *ne = realloc(tr->end, (size_t)tr->node_cap * 2 * sizeof *ne);
                if (!ne)
                    return -1;
                memset(ne + tr->node_cap, 0, tr->node_cap * sizeof *ne);
                tr->end = ne, tr->node_cap *= 2;
            }
            next = tr->n_nodes++;
            uint64_t k = (uint64_t)node << 32 | (uint32_t)c;
            size_t h = mix(k, tr->mask);
            while (tr->slot[h].child)
                h = (h + 1) & tr->mask;
            tr->slot[h] = (trie_slot){k, next, 0};
            tr->used++;
            if (node == 0 && (uint32_t)c < 0x10000) {
                tr->root[c] = next;
                tr->start[c] |= TRIE_STARTS;
            }
        }
        node = next;
    }
    tr->end_next[idx] = tr->end[node];
    tr->end[node] = idx + 1;
    if (node)
        trie_edge(tr, parent, last)->end = idx + 1;
    return 0;
}

void clf_lex_free(clf_lex *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].kw);
        free(lx->e[i].code);
    }
    free(lx->e);
    trie_free(lx->trie);
    memset(lx, 0, sizeof *lx);
}

qs_rc clf_lex_add(clf_lex *lx, int cls, const char *kw, double w, int nonneg, const char *code,
                  qs_err *err)
{
    if (lx->n % 64 == 0) {
        clf_lex_entry *ne = realloc(lx->e, (lx->n + 64) * sizeof *ne);
        if (!ne)
            return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
        lx->e = ne;
    }
    clf_text ft;
    qs_rc rc = clf_fold(NULL, kw, strlen(kw), &ft, err);
    if (rc != QS_OK)
        return rc;
    clf_lex_entry *e = &lx->e[lx->n];
    e->cls = cls;
    e->kw = ft.utf8;
    e->len = ft.len;
    free(ft.cp);
    e->w = w;
    e->nonneg = nonneg;
    e->code = strdup(code);
    if (!e->code || e->len == 0) {
        free(e->kw);
        free(e->code);
        return e->len == 0 ? qs_fail(err, QS_EDATA, "empty keyword")
                           : qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
    }
    if ((!lx->trie && !(lx->trie = calloc(1, sizeof *lx->trie))) ||
        trie_add(lx->trie, e->kw, e->len, (uint32_t)lx->n) != 0) {
        free(e->kw);
        free(e->code);
        return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
    }
    size_t i0 = 0;
    uint32_t b = (uint32_t)utf8_next((const unsigned char *)e->kw, e->len, &i0) % CLF_LEX_BUCKETS;
    e->next = lx->head[b];
    lx->head[b] = (uint32_t)(lx->n + 1);
    lx->n++;
    return QS_OK;
}

qs_rc clf_lex_parse(const char *text, size_t len, int n_classes, int (*parse_code)(const char *),
                    int neg_default, const char *what, clf_lex *out, qs_err *err)
{
    memset(out, 0, sizeof *out);
    out->n_classes = n_classes;
    long line = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line++;
        size_t ll = (size_t)(le - p);
        if (ll && p[ll - 1] == '\r')
            ll--;
        if (ll == 0 || p[0] == '#') {
            p = nl ? nl + 1 : end;
            continue;
        }
        char row[512];
        if (ll >= sizeof row) {
            clf_lex_free(out);
            return qs_fail(err, QS_EDATA, "%s:%ld: line too long", what, line);
        }
        memcpy(row, p, ll);
        row[ll] = '\0';
        char *f[4] = {row, NULL, NULL, NULL};
        int nf = 1;
        for (char *q = row; *q && nf < 4; q++)
            if (*q == '\t') {
                *q = '\0';
                f[nf++] = q + 1;
            }
        char *endw = NULL;
        double w = 0;
        if (nf >= 3) {
            errno = 0;
            w = strtod(f[2], &endw);
        }
        int cls = nf >= 3 ? parse_code(f[0]) : -1;
        if (nf < 3 || !*f[1] || !endw || *endw || errno || cls < 0 || cls >= n_classes ||
            (nf == 4 && strcmp(f[3], "nonneg") != 0 && strcmp(f[3], "neg") != 0)) {
            clf_lex_free(out);
            if (nf >= 3 && (cls < 0 || cls >= n_classes))
                return qs_fail(err, QS_EDATA, "%s:%ld: unknown code '%s'", what, line, f[0]);
            return qs_fail(err, QS_EDATA,
                           "%s:%ld: expected code<TAB>keyword<TAB>weight[<TAB>neg|nonneg]", what, line);
        }
        int nonneg = nf == 4 ? strcmp(f[3], "nonneg") == 0 : !neg_default;
        qs_rc rc = clf_lex_add(out, cls, f[1], w, nonneg, f[0], err);
        if (rc != QS_OK) {
            clf_lex_free(out);
            return rc;
        }
        p = nl ? nl + 1 : end;
    }
    return QS_OK;
}

qs_rc clf_lex_read(const char *path, int n_classes, int (*parse_code)(const char *),
                   int neg_default, clf_lex *out, qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        qs_rc rc = qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            size_t nc = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                return qs_fail(err, QS_ENOMEM, "out of memory reading %s", path);
            }
            buf = nb, cap = nc;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return qs_fail(err, QS_EIO, "read error on %s", path);
    }
    qs_rc rc = clf_lex_parse(buf ? buf : "", len, n_classes, parse_code, neg_default, path, out, err);
    free(buf);
    return rc;
}

/* First occurrence of needle in hay (bytes), or NULL. */
static const char *find(const char *hay, size_t hl, const char *needle, size_t nl)
{
    if (nl == 0 || nl > hl)
        return nl == 0 ? hay : NULL;
    const char *last = hay + (hl - nl);
    for (const char *p = hay; p <= last; p++) {
        p = memchr(p, needle[0], (size_t)(last - p) + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nl) == 0)
            return p;
    }
    return NULL;
}

static inline int is_clause_break(int32_t c)
{
    /* the breaks lie below U+3003 or from U+FF01 on: the Han
     * characters between, most of a text, are settled by one test */
    if ((uint32_t)c - 0x3003u < 0xFF01u - 0x3003u)
        return 0;
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ' ' ||
           c == '\n' || c == '\t' || c == 0x3002 || c == 0x3001 || c == 0x2026 || c == '~' ||
           c == 0xFF0C || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A;
}

/* Is the keyword at code point i negated by what precedes it in its clause
 * (at most four code points back)? The negators, as code points (the byte
 * search they replace found them only on character boundaries, UTF-8 being
 * self-synchronising): 没 未 别 不是 不要 不用 不会 不存在 并非 无需, each
 * wholly inside the window before the keyword. */
static int negated(const clf_text *t, size_t i)
{
    size_t start = i;
    for (int k = 0; k < 4 && start > 0 && !is_clause_break(t->cp[start - 1]); k++)
        start--;
    /* a clause ending in 吗 is a rhetorical question (这不是欺诈吗): no denial */
    for (size_t q = i; q < t->n && !is_clause_break(t->cp[q]); q++)
        if (t->cp[q] == 0x5417 /* 吗 */)
            return 0;
    const int32_t *c = t->cp;
    for (size_t a = start; a < i; a++) {
        switch (c[a]) {
        case 0x6CA1: /* 没 */
        case 0x672A: /* 未 */
        case 0x522B: /* 别 */
            return 1;
        case 0x4E0D: /* 不 */
            if (a + 1 < i && (c[a + 1] == 0x662F /* 是 */ || c[a + 1] == 0x8981 /* 要 */ ||
                              c[a + 1] == 0x7528 /* 用 */ || c[a + 1] == 0x4F1A /* 会 */))
                return 1;
            if (a + 2 < i && c[a + 1] == 0x5B58 /* 存 */ && c[a + 2] == 0x5728 /* 在 */)
                return 1;
            break;
        case 0x5E76: /* 并 */
            if (a + 1 < i && c[a + 1] == 0x975E /* 非 */)
                return 1;
            break;
        case 0x65E0: /* 无 */
            if (a + 1 < i && c[a + 1] == 0x9700 /* 需 */)
                return 1;
            break;
        }
    }
    return 0;
}

/* Code point index of byte offset pos of t->utf8. */
static size_t cp_index(const clf_text *t, size_t pos)
{
    size_t n = 0;
    for (size_t b = 0; b < pos; b++)
        n += ((unsigned char)t->utf8[b] & 0xC0) != 0x80;
    return n;
}

/* Byte length of c as utf8_put writes it. */
static size_t cp_len(int32_t c)
{
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* The keywords of the first-character bucket that occur at byte pos. */
static void score_bucket(const clf_lex *lx, const clf_text *t, size_t i, size_t pos,
                         unsigned char *seen, double *scores)
{
    const unsigned char *u = (const unsigned char *)t->utf8;
    size_t nx = pos;
    uint32_t b = (uint32_t)utf8_next(u, t->len, &nx) % CLF_LEX_BUCKETS;
    for (uint32_t k = lx->head[b]; k; k = lx->e[k - 1].next) {
        const clf_lex_entry *e = &lx->e[k - 1];
        if (seen[k - 1] || e->len > t->len - pos || memcmp(u + pos, e->kw, e->len) != 0)
            continue;
        if (e->nonneg || !negated(t, i)) {
            seen[k - 1] = 1;
            scores[e->cls] += e->w;
        }
    }
}

/* The keywords found at code point i (one that may start one), scored as
 * the first-character buckets would visit them (highest index first), so
 * that the sums come out the same to the last bit. */
static void score_at(const clf_lex *lx, const clf_text *t, size_t i, unsigned char *seen,
                     double *scores)
{
    const clf_trie *tr = lx->trie;
    int32_t c = t->cp[i];
    int bmp = (uint32_t)c < 0x10000;
    uint32_t cand[64];
    size_t nc = 0;
    int over = 0;
    /* the first step from the root's table, the others through the
     * hashed edges; end: the entries ending at the node reached */
    const trie_slot *sl = bmp ? NULL : trie_edge(tr, 0, c);
    if (!bmp && !sl)
        return;
    uint32_t node = bmp ? tr->root[c] : sl->child, end = bmp ? tr->end[node] : sl->end;
    for (size_t j = i;;) {
        for (uint32_t k = end; k; k = tr->end_next[k - 1])
            if (!seen[k - 1]) {
                if (nc < sizeof cand / sizeof cand[0])
                    cand[nc++] = k - 1;
                else
                    over = 1;
            }
        if (++j >= t->n || !(sl = trie_edge(tr, node, t->cp[j])))
            break;
        node = sl->child;
        end = sl->end;
    }
    if (over) {
        size_t pos = 0;
        for (size_t q = 0; q < i; q++)
            pos += cp_len(t->cp[q]);
        score_bucket(lx, t, i, pos, seen, scores);
        return;
    }
    for (size_t a = 1; a < nc; a++)
        for (size_t b = a; b > 0 && cand[b - 1] < cand[b]; b--) {
            uint32_t tmp = cand[b];
            cand[b] = cand[b - 1];
            cand[b - 1] = tmp;
        }
    int neg = -1; /* negated(t, i), once known */
    for (size_t a = 0; a < nc; a++) {
        const clf_lex_entry *e = &lx->e[cand[a]];
        if (!e->nonneg && neg < 0)
            neg = negated(t, i);
        if (e->nonneg || !neg) {
            seen[cand[a]] = 1;
            scores[e->cls] += e->w;
        }
    }
}

/* The start flags of c beyond the BMP, from the filters (tr may be NULL). */
static unsigned far_flags(const clf_trie *tr, int32_t c)
{
    if (!tr)
        return 0;
    return (get_bit(tr->first, (uint32_t)c) ? TRIE_STARTS : 0) | (get_bit(tr->one, (uint32_t)c) ? TRIE_ALONE : 0);
}

/* Whether a keyword of tr may start at code point i of cp[0..n), whose
 * start flags are f: it starts there, and is c alone or may go on with
 * the next code point. */
static inline int may_start(const clf_trie *tr, unsigned f, const int32_t *cp, size_t i, size_t n)
{
    return (f & TRIE_STARTS) &&
           ((f & TRIE_ALONE) || (i + 1 < n && get_bit(tr->pair, pair_hash(cp[i], cp[i + 1]))));
}

/* The trie's keywords at every code point of t that may start one. */
static void scan_trie(const clf_lex *lx, const clf_text *t, unsigned char *seen, double *scores)
{
    const clf_trie *tr = lx->trie;
    /* in locals, which the stores to seen[] cannot change for the compiler */
    const uint8_t *start = tr->start;
    const int32_t *cp = t->cp;
    const size_t n = t->n;
    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        unsigned f = (uint32_t)c < 0x10000 ? start[c] : far_flags(tr, c);
        if (may_start(tr, f, cp, i, n))
            score_at(lx, t, i, seen, scores);
    }
}

uint8_t *clf_lex_pair_starts(const clf_lex *a, const clf_lex *b)
{
    uint8_t *t = malloc(0x10000);
    if (!t)
        return NULL;
    const uint8_t *sa = a->trie ? a->trie->start : NULL, *sb = b->trie ? b->trie->start : NULL;
    if (sa)
        memcpy(t, sa, 0x10000);
    else
        memset(t, 0, 0x10000);
    for (size_t c = 0; sb && c < 0x10000; c++)
        t[c] |= (uint8_t)(sb[c] << 2);
    return t;
}

void clf_lex_score_pair(const clf_lex *a, const clf_lex *b, const uint8_t *starts, const clf_text *t,
                        double *sa, double *sb)
{
    unsigned char seen_a[2048], seen_b[2048];
    if (a->n > sizeof seen_a || b->n > sizeof seen_b) {
        clf_lex_score(a, t, sa);
        clf_lex_score(b, t, sb);
        return;
    }
    for (int c = 0; c < a->n_classes; c++)
        sa[c] = 0;
    for (int c = 0; c < b->n_classes; c++)
        sb[c] = 0;
    memset(seen_a, 0, a->n);
    memset(seen_b, 0, b->n);
    /* one pass for both: a code point that starts no keyword of either,
     * most of a text, costs one load; each lexicon's sums keep the order
     * clf_lex_score gives them */
    const clf_trie *ta = a->trie, *tb = b->trie;
    const int32_t *cp = t->cp;
    const size_t n = t->n;
    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        unsigned f = (uint32_t)c < 0x10000 ? starts[c] : far_flags(ta, c) | far_flags(tb, c) << 2;
        if (!f)
            continue;
        if (may_start(ta, f & 3, cp, i, n))
            score_at(a, t, i, seen_a, sa);
        if (may_start(tb, f >> 2, cp, i, n))
            score_at(b, t, i, seen_b, sb);
    }
}

void clf_lex_score(const clf_lex *lx, const clf_text *t, double *scores)
{
    for (int c = 0; c < lx->n_classes; c++)
        scores[c] = 0;
    /* each keyword counts once: the first occurrence that is not negated */
    unsigned char stack_seen[2048];
    unsigned char *seen = lx->n <= sizeof stack_seen ? stack_seen : calloc(lx->n, 1);
    if (!seen) {
        /* no memory for the flags: one search per keyword instead */
        for (size_t i = 0; i < lx->n; i++) {
            const clf_lex_entry *e = &lx->e[i];
            const char *h = t->utf8, *end = t->utf8 + t->len;
            while (h < end) {
                const char *m = find(h, (size_t)(end - h), e->kw, e->len);
                if (!m)
                    break;
                if (e->nonneg || !negated(t, cp_index(t, (size_t)(m - t->utf8)))) {
                    scores[e->cls] += e->w;
                    break;
                }
                h = m + e->len;
            }
        }
        return;
    }
    if (seen == stack_seen)
        memset(seen, 0, lx->n);
    if (lx->trie)
        scan_trie(lx, t, seen, scores);
    if (seen != stack_seen)
        free(seen);
}
