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

/* Every word starting at cp[0] (n code points available), in order of
 * length, written to out (at most cap). Returns how many were found (may
 * exceed cap; only cap are written). */
size_t cptrie_walk(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap);

/* Longest word of category cat starting at cp[0]; 0 when none. *val gets
 * its value when not NULL. */
int32_t cptrie_longest(const cptrie *t, const int32_t *cp, size_t n, int cat, int32_t *val);

/* Decode UTF-8 (valid) into code points. *cp is malloc'd (caller frees),
 * *n its length. QS_ENOMEM; QS_EINVAL on invalid UTF-8. */
qs_rc cptrie_decode(const char *s, size_t len, int32_t **cp, size_t *n, qs_err *err);

#endif
