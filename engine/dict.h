/* dict.h: the compiled word dictionary behind segment.h. Words are stored
 * folded (half-width, lower case) in a code-point trie kept as one flat array
 * of edges: each edge carries its character, the log probability of the word
 * ending there, and the block of its own children (sorted by code point), so
 * a lookup step reads one small block. The array is written once at build
 * time and mmap-ed at run time. The file also carries the character-tagging
 * HMM used for unknown words.
 *
 * File layout (native byte order, checked by magic and version):
 *   dict_header | dict_edge[n_edges] | lookup tables | dict_emit[n_emit]
 * Every child block lies after the edge that leads to it and inside the
 * array, and is sorted; the loader checks all of this, so a damaged file is
 * refused, never followed. The lookup tables serve the steps of a walk,
 * each of which would otherwise search a block of the big edge array, a
 * likely cache miss: dense root edges, a pair filter, a hashed table of the
 * second-level edges and a filter of the steps past them (and the HMM
 * emissions by code point). They are built with the file, not at load:
 * mapped, they cost no start-up but the check that every edge they hold
 * lies inside the trie. */
#ifndef QS_DICT_H
#define QS_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"
#include "status.h"

#define DICT_NOT_WORD 1.0f /* logp of a prefix that is not itself a word */

typedef struct dict_edge {
    uint32_t cp;
    uint32_t first, count; /* children: edges[first .. first+count) */
    float logp;            /* log probability of the word ending here, or DICT_NOT_WORD */
} dict_edge;

/* HMM emission log probabilities of one character, states B M E S. */
typedef struct dict_emit {
    uint32_t cp;
    float e[4];
} dict_emit;

enum { HMM_B, HMM_M, HMM_E, HMM_S };

/* A read-only view of a trie (file-backed or built in memory). */
typedef struct dict_trie {
    const dict_edge *edges;
    uint32_t n_edges, root_first, root_count;
    const uint32_t *root_bmp;  /* optional: 1 + root edge of each cp below 0x10000 */
    const dict_edge *root_han; /* optional: copies of the root edges of U+4E00..U+9FFF
                                  (cp 0 where none), one read for most characters */
    /* The pair tables, which the base trie always has (a user trie none). */
    const uint64_t *pair_bits; /* bit set when some word starts with a pair */
    /* The second step in one probe. Copies of the second-level
     * edges (words starting with c1 c2, both in the BMP) whose cp holds the
     * pair, c1 << 16 | c2, in an open-addressing table of pair_mask + 1
     * slots (pair 0: empty). A common character starts thousands of words,
     * and a binary search through its block reads several lines of the big
     * edge array, each likely a cache miss. */
    const dict_edge *pair_tab;
    uint32_t pair_mask;
    /* Bit dict_deep_hash(e->first, cp) set when the edge e of the second
     * level or deeper has a child along cp: most steps past the second
     * character find none, and the bit tells so without the binary search
     * through the block. */
    const uint64_t *deep_bits;
} dict_trie;

#define DICT_PAIR_BITS 21

static inline uint32_t dict_pair_hash(uint32_t c1, uint32_t c2)
{
    return ((c1 * 0x9E3779B1u) ^ (c2 * 0x85EBCA77u)) >> (32 - DICT_PAIR_BITS);
}

/* May some word begin with c1 c2? False means certainly not. t has the
 * pair tables (the base trie). */
static inline int dict_pair_maybe(const dict_trie *t, uint32_t c1, uint32_t c2)
{
    uint32_t h = dict_pair_hash(c1, c2);
    return (int)((t->pair_bits[h >> 6] >> (h & 63)) & 1);
}

/* The edge along cp in the sorted block e[0..count), or NULL. */
static inline const dict_edge *dict_find(const dict_edge *e, uint32_t count, uint32_t cp)
{
    if (count == 0)
        return NULL;
    /* branch-free binary search: the compiler turns the step into a cmov */
    while (count > 1) {
        uint32_t half = count / 2;
        e = e[half].cp <= cp ? e + half : e;
        count -= half;
    }
    return e->cp == cp ? e : NULL;
}

/* First step of a walk: the edge of words starting with cp, or NULL. */
static inline const dict_edge *dict_root(const dict_trie *t, uint32_t cp)
{
    if (t->root_han && cp - 0x4E00u < 0x5200u) {
        const dict_edge *e = &t->root_han[cp - 0x4E00u];
        return e->cp ? e : NULL;
    }
    if (t->root_bmp && cp < 0x10000) {
        uint32_t k = t->root_bmp[cp];
        return k ? t->edges + (k - 1) : NULL;
    }
    return dict_find(t->edges + t->root_first, t->root_count, cp);
}

/* The first slot of pair key k in the pair table. */
static inline uint32_t dict_pair_slot(uint32_t k, uint32_t mask)
{
    return (k * 0x9E3779B1u >> 12) & mask;
}

/* Second step of a walk: e = dict_root(t, c1); the edge along cp or NULL
 * (for a BMP pair, a copy from the pair table: its cp is not cp). t has
 * the pair tables (the base trie). */
static inline const dict_edge *dict_second(const dict_trie *t, const dict_edge *e, uint32_t c1,
                                           uint32_t cp)
{
    uint32_t k = c1 << 16 | cp;
    if ((c1 | cp) >= 0x10000 || !k)
        return dict_find(t->edges + e->first, e->count, cp);
    for (uint32_t h = dict_pair_slot(k, t->pair_mask);; h = (h + 1) & t->pair_mask) {
        const dict_edge *s = &t->pair_tab[h];
        if (s->cp == k)
            return s;
        if (!s->cp)
            return NULL;
    }
}

/* Next step of a walk from edge e along cp, or NULL. */
static inline const dict_edge *dict_next(const dict_trie *t, const dict_edge *e, uint32_t cp)
{
    return dict_find(t->edges + e->first, e->count, cp);
}

#define DICT_DEEP_BITS 22

static inline uint32_t dict_deep_hash(uint32_t first, uint32_t cp)
{
    return ((first * 0x9E3779B1u) ^ (cp * 0x85EBCA77u)) >> (32 - DICT_DEEP_BITS);
}

/* dict_next from an edge of the second level or deeper of a trie with the
 * pair tables (the base trie), through its deep bits. */
static inline const dict_edge *dict_next_deep(const dict_trie *t, const dict_edge *e, uint32_t cp)
{
    uint32_t h = dict_deep_hash(e->first, cp);
    if (!(t->deep_bits[h >> 6] >> (h & 63) & 1))
        return NULL;
    return dict_find(t->edges + e->first, e->count, cp);
}

/* Fold used for dictionary keys when no normaliser is given: full-width
 * ASCII to ASCII, ideographic space to space, ASCII upper to lower case. */
static inline int32_t dict_fold_basic(int32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        cp -= 0xFEE0;
    else if (cp == 0x3000)
        cp = ' ';
    if (cp >= 'A' && cp <= 'Z')
        cp += 'a' - 'A';
    return cp;
}

/* Digit value of a Chinese numeral character, 10/100/1000/10^4/10^8 for the
 * unit characters, -1 for anything else. */
static inline int dict_han_numeral(int32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;             /* 〇 零 */
    case 0x4E00: case 0x58F9: return 1;             /* 一 壹 */
    case 0x4E8C: case 0x8D30: case 0x4E24: return 2; /* 二 贰 两 */
    case 0x4E09: case 0x53C1: return 3;             /* 三 叁 */
    case 0x56DB: case 0x8086: return 4;             /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;             /* 五 伍 */
    case 0x516D: case 0x9646: return 6;             /* 六 陆 */
    case 0x4E03: case 0x67D2: return 7;             /* 七 柒 */
    case 0x516B: case 0x634C: return 8;             /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;             /* 九 玖 */
    case 0x5341: case 0x62FE: return 10;            /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;           /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;          /* 千 仟 */
    case 0x4E07: return 10000;                      /* 万 */
    case 0x4EBF: return 100000000;                  /* 亿 */
    }
    return -1;
}

/* Decode one UTF-8 sequence at s[0..len). Returns its length in bytes and
 * stores the code point, or returns 0 when the bytes are not valid UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
static inline size_t dict_utf8_next(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0)
        n = 2, v = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        n = 3, v = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        n = 4, v = c & 0x07, min = 0x10000;
    else
        return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = (int32_t)v;
    return n;
}


/* Encode cp as UTF-8 into out (room for 4 bytes); returns the length. */
static inline size_t dict_utf8_put(char *out, int32_t cp)
{
    uint32_t v = (uint32_t)cp;
    if (v < 0x80) {
        out[0] = (char)v;
        return 1;
    }
    if (v < 0x800) {
        out[0] = (char)(0xC0 | (v >> 6));
        out[1] = (char)(0x80 | (v & 0x3F));
        return 2;
    }
    if (v < 0x10000) {
        out[0] = (char)(0xE0 | (v >> 12));
        out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
        out[2] = (char)(0x80 | (v & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (v >> 18));
    out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
    out[3] = (char)(0x80 | (v & 0x3F));
    return 4;
}


/* Accessors for the segmenter. */
const dict_trie *dict_base(const seg_dict *d);
const dict_trie *dict_user(const seg_dict *d); /* NULL when no user words */
float dict_min_logp(const seg_dict *d);        /* logp of an unseen character */
const float *dict_hmm_start(const seg_dict *d); /* [4] */
const float *dict_hmm_trans(const seg_dict *d); /* [4][4], row = from */
/* Emission row of cp, or NULL when the HMM never saw it. */
const float *dict_hmm_emit(const seg_dict *d, int32_t cp);
/* logp of the word cps[0..n) in the base dictionary, or DICT_NOT_WORD. */
float dict_lookup(const seg_dict *d, const int32_t *cps, size_t n);

/* Compiling: collect word lists and HMM parameters, then write the file. */
typedef struct dict_builder dict_builder;

dict_builder *dict_builder_new(qs_err *err);
void dict_builder_free(dict_builder *b); /* NULL-safe */
/* Read a word list: one word per line, optionally followed by white space
 * and a frequency (further fields, such as jieba's part of speech, are
 * ignored); `#` starts a comment line. Words without a frequency get
 * default_freq. A word listed twice keeps its highest frequency. */
qs_rc dict_builder_read_words(dict_builder *b, const char *path, double default_freq,
                              qs_err *err);
/* Read HMM parameters (lines "start S p", "trans AB p", "emit C pB pM pE pS"). */
qs_rc dict_builder_read_hmm(dict_builder *b, const char *path, qs_err *err);
/* Write the compiled file (atomically: a temporary file renamed into place). */
qs_rc dict_builder_write(dict_builder *b, const char *path, qs_err *err);

/* Check a compiled image in memory; QS_EDATA with a message when damaged. */
qs_rc dict_check_image(const void *base, size_t size, qs_err *err);

#endif
