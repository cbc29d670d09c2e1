/* cptrie.h: a trie over Unicode code points for lexicon matching. Words are
 * added as UTF-8 with a category (0..CPT_MAX_CAT-1) and an integer value;
 * cptrie_walk finds every word that starts at one position of a code-point
 * array in a single left-to-right walk. Edges live in one open-addressing
 * hash table keyed by (node, code point), so a step costs one probe. */
#ifndef QS_CPTRIE_H
#define QS_CPTRIE_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define CPT_MAX_CAT 32

typedef struct cptrie cptrie;

/* New empty trie, or NULL on allocation failure. */
cptrie *cptrie_new(void);
void cptrie_free(cptrie *t); /* NULL-safe */

/* Fold every code point of the words added from now on (e.g. the text
 * normaliser's fold, so that lexicon words match normalised text); NULL:
 * words are added as given. */
void cptrie_set_fold(cptrie *t, int32_t (*fold)(const void *arg, int32_t cp), const void *arg);

/* The fold set with cptrie_set_fold applied to one code point (identity
 * when none is set). */
int32_t cptrie_fold(const cptrie *t, int32_t cp);

/* Add a word (UTF-8, len bytes, must decode) under category cat with value
 * val; a word added twice under one category keeps the first value.
 * QS_EINVAL for an empty or undecodable word, QS_ENOMEM. */
qs_rc cptrie_add(cptrie *t, const char *word, size_t len, int cat, int32_t val, qs_err *err);

/* Load a lexicon file into category cat: one entry a line, `word` or
 * `word<TAB>value`; blank lines and lines starting with '#' are skipped.
 * value_of maps the value column to an int (NULL: the value is 0); it
 * returns -1 for an unknown value, which is reported as QS_EDATA with the
 * file and line. */
qs_rc cptrie_load(cptrie *t, const char *path, int cat, int (*value_of)(const char *),
                  qs_err *err);

/* One match found by cptrie_walk. */
typedef struct cpt_match {
    int cat;
    int32_t len; /* code points */
    int32_t val;
} cpt_match;

/* What the first step of a walk reads, the first member of every cptrie
 * (the rest is private): callers walk at every position of a text and most
 * walks end at this step, which cptrie_walk takes inline. */
typedef struct cpt_root {
    int32_t child, term; /* child of the root along a BMP code point (-1: none)
                            and the first term of that child (-1: none) */
} cpt_root;

/* A word ending at a node: its category and value, and the node's next
 * term (-1: none). */
typedef struct cpt_term {
    int32_t cat, val, next;
} cpt_term;

/* Bits of the pair filter: 2^18 (32 KB) keep false hits on a lexicon of
 * tens of thousands of words to a few in a hundred (2^16 let through one
 * in five, each a walk that ends a step later). */
#define CPT_PAIR_BITS 18

typedef struct cptrie_head {
    cpt_root *root;      /* 0x10000 entries */
    cpt_term *terms;
    uint64_t pair[1u << (CPT_PAIR_BITS - 6)]; /* bit cpt_pair_hash(c1, c2): some
                            word may start with c1 c2 (most walks that pass
                            the root end here) */
} cptrie_head;

static inline uint32_t cpt_pair_hash(int32_t c1, int32_t c2)
{
    return (((uint32_t)c1 * 0x9E3779B1u) ^ ((uint32_t)c2 * 0x85EBCA77u)) >> (32 - CPT_PAIR_BITS);
}

static inline int cpt_pair_maybe(const cptrie_head *h, int32_t c1, int32_t c2)
{
    uint32_t ph = cpt_pair_hash(c1, c2);
    return (int)(h->pair[ph >> 6] >> (ph & 63) & 1);
}

/* The whole walk, out of line: what cptrie_walk calls when its first step
 * does not settle the matter. */
size_t cptrie_walk_on(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap);

/* The walk past the root, out of line, when the pair bits let cp[0] cp[1]
 * through (n > 1): r is the root's entry for cp[0] (a BMP code point). */
size_t cptrie_walk_deep(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap,
                        cpt_root r);

/* The first step of a walk from cp[0] (n > 0) when the root's table
 * settles it, without a call: -1 when no word starts there, or none of
 * one character and none with the pair; 1 when the only word is one
 * character, *tm set to it; 2 when the pair bits let cp[0] cp[1] through,
 * *r the root's entry (the walk goes on past the root); 0 when the whole
 * walk must be taken. */
static inline int cptrie_first(const cptrie *t, const int32_t *cp, size_t n, cpt_root *r,
                               const cpt_term **tm)
{
    if ((uint32_t)cp[0] >= 0x10000)
        return 0;
    const cptrie_head *h = (const cptrie_head *)t;
    *r = h->root[cp[0]];
    if (r->child < 0)
        return -1;
    if (n > 1 && cpt_pair_maybe(h, cp[0], cp[1]))
        return 2;
    /* no longer word: the one-character words, mostly one */
    if (r->term < 0)
        return -1;
    *tm = &h->terms[r->term];
    return (*tm)->next < 0 ? 1 : 0;
}

/* Every word starting at cp[0] (n code points available), in order of
 * length, written to out (at most cap). Returns how many were found (may
 * exceed cap; only cap are written). */
static inline size_t cptrie_walk(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out,
                                 size_t cap)
{
    const cpt_term *tm;
    cpt_root r;
    int first = n ? cptrie_first(t, cp, n, &r, &tm) : -1;
    if (first < 0)
        return 0;
    if (first == 1) {
        if (cap)
            out[0] = (cpt_match){tm->cat, 1, tm->val};
        return 1;
    }
    if (first == 2)
        return cptrie_walk_deep(t, cp, n, out, cap, r);
    return cptrie_walk_on(t, cp, n, out, cap);
}

/* cptrie_walk_cats out of line: what it calls when its first step does not
 * settle the matter. */
uint32_t cptrie_walk_cats_on(const cptrie *t, const int32_t *cp, size_t n, int16_t *len, int32_t *val,
                             size_t stride);

/* cptrie_walk_cats past the root, as cptrie_walk_deep. */
uint32_t cptrie_walk_cats_deep(const cptrie *t, const int32_t *cp, size_t n, int16_t *len, int32_t *val,
                               size_t stride, cpt_root r);

/* The words starting at cp[0] by category, for callers that keep the
 * longest of each: for each category cat of the returned mask (bit cat),
 * the length of its longest word (at most INT16_MAX) in len[cat * stride]
 * and that word's value in val[cat * stride]; the others are not touched.
 * The words of cptrie_walk with cap 64 (those past the 64th are not
 * seen), without the list in between. */
static inline uint32_t cptrie_walk_cats(const cptrie *t, const int32_t *cp, size_t n, int16_t *len, int32_t *val,
                                        size_t stride)
{
    const cpt_term *tm;
    cpt_root r;
    int first = n ? cptrie_first(t, cp, n, &r, &tm) : -1;
    if (first < 0)
        return 0;
    if (first == 1) {
        len[(size_t)tm->cat * stride] = 1;
        val[(size_t)tm->cat * stride] = tm->val;
        return 1u << tm->cat;
    }
    if (first == 2)
        return cptrie_walk_cats_deep(t, cp, n, len, val, stride, r);
    return cptrie_walk_cats_on(t, cp, n, len, val, stride);
}

/* cptrie_longest out of line: what it calls when a word starts with cp[0]. */
int32_t cptrie_longest_on(const cptrie *t, const int32_t *cp, size_t n, int cat, int32_t *val);

/* Longest word of category cat starting at cp[0]; 0 when none. *val gets
 * its value when not NULL. Callers ask at every position of a text: at
 * most no word starts, and most of the others start only one-character
 * words (the pair bits say no longer one starts with cp[0] cp[1]), which
 * the root's terms answer; both without a call. */
static inline int32_t cptrie_longest(const cptrie *t, const int32_t *cp, size_t n, int cat, int32_t *val)
{
    if (n && (uint32_t)cp[0] < 0x10000) {
        const cptrie_head *h = (const cptrie_head *)t;
        cpt_root r = h->root[cp[0]];
        if (r.child < 0)
            return 0;
        if (n == 1 || !cpt_pair_maybe(h, cp[0], cp[1])) {
            int32_t found = 0;
            for (int32_t k = r.term; k >= 0; k = h->terms[k].next)
                if (h->terms[k].cat == cat) {
                    found = 1;
                    if (val)
                        *val = h->terms[k].val;
                }
            return found;
        }
    }
    return cptrie_longest_on(t, cp, n, cat, val);
}

/* Decode UTF-8 (valid) into code points. *cp is malloc'd (caller frees),
 * *n its length. QS_ENOMEM; QS_EINVAL on invalid UTF-8. */
qs_rc cptrie_decode(const char *s, size_t len, int32_t **cp, size_t *n, qs_err *err);

#endif
