/* stem.h: English stemming of Latin tokens (libstemmer's Porter2 "english"
 * algorithm), so that "refunds", "refunded" and "refund" share one form. */
#ifndef QS_STEM_H
#define QS_STEM_H

#include <stddef.h>

#include "status.h"

typedef struct stem_ctx stem_ctx;

/* NULL with err filled on failure. */
stem_ctx *stem_new(qs_err *err);
void stem_free(stem_ctx *st); /* NULL-safe */

/* Stem the lower-case UTF-8 word w[0..n). *out (*out_len bytes, not
 * NUL-terminated) is owned by st and valid until the next call. */
qs_rc stem_word(stem_ctx *st, const char *w, size_t n, const char **out, size_t *out_len,
                qs_err *err);

#endif
