/* segment.h: Chinese word segmentation. A compiled word-frequency dictionary
 * (mmap-loaded) and a maximum-probability path over the word graph, with
 * numbers, dates, amounts, Latin and mixed tokens handled as units. Latin
 * tokens are lower-cased and stemmed (English) in their normalised form. */
#ifndef QS_SEGMENT_H
#define QS_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "normalize.h"
#include "status.h"

typedef struct seg_dict seg_dict;

typedef enum seg_tok_type { TOK_HAN, TOK_LATIN, TOK_NUM, TOK_PUNCT, TOK_OTHER } seg_tok_type;

typedef struct seg_token {
    int32_t start, end;   /* code points in the original text, end exclusive */
    const char *norm;     /* normalised form (Latin: lower-cased, stemmed); not NUL-terminated */
    size_t norm_len;
    seg_tok_type type;
} seg_token;

/* Load a compiled dictionary; NULL with err filled on failure. */
seg_dict *seg_dict_load(const char *path, qs_err *err);
/* Add a user dictionary (one word per line, optional frequency); its words
 * are never split. */
qs_rc seg_dict_add_user(seg_dict *d, const char *path, qs_err *err);
void seg_dict_free(seg_dict *d); /* NULL-safe */

typedef struct seg_ctx seg_ctx;

/* A segmenter over a loaded dictionary (borrowed, must outlive it) and a
 * normaliser (borrowed; guides the segmentation, never rewrites output). */
seg_ctx *seg_new(const seg_dict *dict, const norm_ctx *nc, qs_err *err);
void seg_free(seg_ctx *sc); /* NULL-safe */

/* Segment valid UTF-8 text. *toks (n of them) are owned by sc and valid until
 * the next seg_run or seg_free. White space is not a token. */
qs_rc seg_run(seg_ctx *sc, const char *utf8, size_t len, const seg_token **toks, size_t *n,
              qs_err *err);

/* seg_run on text already decoded: cp holds the n code points of utf8 (for
 * instance norm_source after norm_run on the same text), which must be
 * valid UTF-8. Same tokens as seg_run, without a second decode. */
qs_rc seg_run_cp(seg_ctx *sc, const char *utf8, size_t len, const int32_t *cp, size_t n_cp,
                 const seg_token **toks, size_t *n, qs_err *err);

/* Byte offset in the text given to the last seg_run of code point
 * cp_index (0..number of code points; the last gives the byte length), so
 * callers can copy a token's original bytes. */
size_t seg_byte_offset(const seg_ctx *sc, int32_t cp_index);

#endif
