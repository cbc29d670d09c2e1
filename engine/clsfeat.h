/* clsfeat.h: what the issue classifier and its trainer both see in a text:
 * the folded text, its character/word features, and keyword-lexicon scores
 * with clause-local negation. Kept apart from classify.c so that training
 * and prediction cannot drift. */
#ifndef QS_CLSFEAT_H
#define QS_CLSFEAT_H

#include <stddef.h>
#include <stdint.h>

#include "normalize.h"
#include "segment.h"
#include "status.h"

/* A text folded code point by code point: with a normaliser, norm_fold_cp
 * (NFKC case fold, traditional to simplified, punctuation); without one,
 * full-width forms to ASCII and Latin to lower case only. */
typedef struct clf_text {
    int32_t *cp;  /* n folded code points */
    size_t n;
    char *utf8;   /* the same, UTF-8, NUL-terminated */
    size_t len;
} clf_text;

/* Fold valid UTF-8 (invalid bytes become U+FFFD); nc may be NULL. Caller
 * frees with clf_text_free. */
qs_rc clf_fold(const norm_ctx *nc, const char *s, size_t len, clf_text *out, qs_err *err);
void clf_text_free(clf_text *t);
/* The same fold into the caller's buffers: cp holds len + 1 code points,
 * utf8 4 * len + 1 bytes; out points into them (no clf_text_free). han,
 * when not NULL, is the fold of U+4E00..U+9FFF with nc (clf_han_table);
 * stable, when not NULL, clf_stable_table(nc). */
void clf_fold_into(const norm_ctx *nc, const int32_t *han, const uint8_t *stable, const char *s, size_t len,
                   int32_t *cp, char *utf8, clf_text *out);
/* The same fold of text given as its n code points in (what decoding it
 * gives), into the caller's buffers: cp holds n code points, utf8 4 * n +
 * 1 bytes. */
void clf_fold_cps(const norm_ctx *nc, const int32_t *han, const uint8_t *stable, const int32_t *in, size_t n,
                  int32_t *cp, char *utf8, clf_text *out);
/* The fold with nc of the 0x5200 code points U+4E00..U+9FFF, for
 * clf_fold_into. NULL on allocation failure; caller frees. */
int32_t *clf_han_table(const norm_ctx *nc);
/* Whether folding with nc (and han, as for clf_fold_into) leaves each of
 * the n code points as it is: text whose code points all pass needs no
 * second fold (normalised text mostly does). */
int clf_is_folded(const norm_ctx *nc, const int32_t *han, const int32_t *cp, size_t n);
/* Byte c (c < 0x10000) 1 where folding with nc leaves c as it is, else 0:
 * 0x10000 bytes, NULL on allocation failure; caller frees. */
uint8_t *clf_stable_table(const norm_ctx *nc);
/* clf_is_folded with that table for the BMP (one byte a character). */
int clf_is_folded_bmp(const norm_ctx *nc, const uint8_t *stable, const int32_t *cp, size_t n);

/* Emit every feature string of the text once per occurrence: character
 * unigrams and bigrams within clauses (digit runs collapse to "#", Latin
 * runs are one unit), and "w:" + normalised word for each Han word of two or
 * more characters and each Latin token when toks is given. The callback
 * gets a string valid only during the call; it returns 0 to go on, -1 to
 * stop (the error is then returned as QS_ENOMEM). */
typedef int (*clf_emit_fn)(void *ctx, const char *feat, size_t len);
qs_rc clf_features(const clf_text *t, const seg_token *toks, size_t n_toks, clf_emit_fn emit,
                   void *ctx, qs_err *err);

/* A fixed feature list (ids 0..n-1) compiled for prediction: Han unigrams
 * and bigrams are looked up by their code points, the rest by their
 * strings, so that no feature string is built for Han text. */
typedef struct clf_findex clf_findex;

/* Index feat[0..n) (borrowed during the call only). NULL with err filled
 * on allocation failure (QS_ENOMEM) or a string listed twice (QS_EDATA,
 * naming it). Caller frees with clf_findex_free. */
clf_findex *clf_findex_new(char *const *feat, size_t n, qs_err *err);
void clf_findex_free(clf_findex *ix); /* NULL-safe */
/* The index of n_feat features as bytes, for a model image (built at make
 * time, so that a load maps it instead of building it): *len bytes, a
 * multiple of 8; caller frees. NULL when out of memory. */
void *clf_findex_blob(const clf_findex *ix, size_t n_feat, size_t *len);
/* The index in blob[0..len) (8-aligned, borrowed: kept as long as the
 * index) of n_feat features, checked so that no lookup leaves it. NULL
 * with err filled: QS_EDATA when damaged, QS_ENOMEM. Free with
 * clf_findex_free (which leaves blob alone). */
clf_findex *clf_findex_from_blob(const void *blob, size_t len, size_t n_feat, qs_err *err);
/* The features clf_features would emit for the same arguments that are in
 * the index: bit id of bits[] is set for each (bits holds at least
 * (n + 63) / 64 words, zeroed by the caller). */
void clf_feature_ids(const clf_text *t, const seg_token *toks, size_t n_toks, const clf_findex *ix,
                     uint64_t *bits);
/* The same, with a summary for sparse reading: bit id of bits[] set and
 * byte id / 64 of touched[] made 1 for each feature (touched holds at
 * least (n + 63) / 64 bytes); neither is cleared, so the caller clears
 * them. */
void clf_feature_marks(const clf_text *t, const seg_token *toks, size_t n_toks, const clf_findex *ix,
                       uint64_t *bits, uint8_t *touched);

/* A keyword lexicon: lines "code<TAB>keyword<TAB>weight[<TAB>flag]", '#'
 * comments; flag "neg" (a negator before the keyword in its clause cancels
 * it) or "nonneg" (it does not); without a flag the lexicon's default. */
typedef struct clf_lex_entry {
    int cls;      /* index from the code parser */
    char *kw;     /* folded UTF-8 */
    size_t len;
    double w;
    int nonneg;
    char *code;   /* the code as written */
    uint32_t next; /* next entry (index + 1) with the same first-character bucket */
} clf_lex_entry;

#define CLF_LEX_BUCKETS 1024

/* The keywords as a trie over code points, grown by clf_lex_add (opaque). */
typedef struct clf_trie clf_trie;

typedef struct clf_lex {
    clf_lex_entry *e;
    size_t n;
    int n_classes;
    uint32_t head[CLF_LEX_BUCKETS]; /* entries by their first code point (index + 1) */
    clf_trie *trie;                 /* NULL until the first entry */
} clf_lex;

/* Parse lexicon text; parse_code maps a code to 0..n_classes-1 or -1 (an
 * unknown code is an error naming the line). what names the source in
 * messages. Caller frees with clf_lex_free. */
qs_rc clf_lex_parse(const char *text, size_t len, int n_classes, int (*parse_code)(const char *),
                    int neg_default, const char *what, clf_lex *out, qs_err *err);
/* Append one entry (kw folded and copied, code copied). On failure the
 * lexicon is unchanged. */
qs_rc clf_lex_add(clf_lex *lx, int cls, const char *kw, double w, int nonneg, const char *code,
                  qs_err *err);
/* Read and parse a lexicon file. */
qs_rc clf_lex_read(const char *path, int n_classes, int (*parse_code)(const char *),
                   int neg_default, clf_lex *out, qs_err *err);
void clf_lex_free(clf_lex *lx);

/* scores[c] = sum of the weights of the keywords of class c that occur in t
 * at least once without a negator before them in the same clause. */
void clf_lex_score(const clf_lex *lx, const clf_text *t, double *scores);
/* The start flags of both lexicons of a pair a code point of the BMP at a
 * time (0x10000 bytes, 0 where no keyword of either starts), for
 * clf_lex_score_pair; NULL on allocation failure, caller frees. */
uint8_t *clf_lex_pair_starts(const clf_lex *a, const clf_lex *b);
/* clf_lex_score of a into sa and of b into sb, in one pass over t; starts
 * is clf_lex_pair_starts(a, b). */
void clf_lex_score_pair(const clf_lex *a, const clf_lex *b, const uint8_t *starts, const clf_text *t,
                        double *sa, double *sb);

#endif
