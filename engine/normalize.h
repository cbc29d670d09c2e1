/* normalize.h: text normalisation used by every stage downstream of the
 * reader. NFKC folding (full-width letters, digits, punctuation to
 * half-width), traditional to simplified characters, Latin case folding,
 * whitespace and punctuation cleanup, with a map from every output code
 * point back to the code point of the original text it came from, so later
 * stages report spans in the caller's code points. */
#ifndef QS_NORMALIZE_H
#define QS_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct norm_ctx norm_ctx;

/* Result of norm_run. Owned by the context; valid until the next norm_run
 * on it or norm_free. */
typedef struct norm_text {
    const char *s;       /* normalised UTF-8, NUL-terminated */
    size_t len;          /* bytes in s */
    const int32_t *cp;   /* the normalised code points, n_cp of them */
    const int32_t *map;  /* map[i]: index of the original code point that
                            normalised code point i came from; map[n_cp] is
                            the original length in code points */
    size_t n_cp;
} norm_text;

/* New context (opens ICU objects). NULL with err filled on failure. */
norm_ctx *norm_new(qs_err *err);
void norm_free(norm_ctx *nc); /* NULL-safe */

/* Normalise UTF-8 text (must be valid UTF-8). */
qs_rc norm_run(norm_ctx *nc, const char *utf8, size_t len, norm_text *out, qs_err *err);

/* Fold one code point 1:1 (full-width to half-width, traditional to
 * simplified where the mapping is one character, Latin to lower case);
 * code points with no single-character fold come back unchanged. Fast: a
 * table lookup, safe to call per character in hot loops. */
int32_t norm_fold_cp(const norm_ctx *nc, int32_t cp);

/* Cantonese characters read as their Mandarin counterparts, one code point
 * for one, so offsets stay: the particles and pronouns every reader folds
 * (NORM_YUE_COMMON: 嘅 的, 喺 在, 咗 了, 嗰 那, 佢 他, 啲 些), 乜嘢 (什么) for
 * the merchant finder's rules (NORM_YUE_QUESTION), and 冇 唔 睇 嚟 (没 不
 * 看 来) for the classifier's cue words (NORM_YUE_VERBS). Characters of no
 * other use only; any other code point comes back unchanged. */
enum { NORM_YUE_COMMON = 1, NORM_YUE_QUESTION = 2, NORM_YUE_VERBS = 4 };
int32_t norm_yue_cp(int32_t cp, unsigned sets);

/* The code points of the text given to the last successful norm_run, as
 * decoded (*n of them), so that later steps need not decode it again.
 * Owned by the context; valid until the next norm_run or norm_free. */
const int32_t *norm_source(const norm_ctx *nc, size_t *n);

#endif
