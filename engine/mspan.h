/* mspan.h: bare trade names (喜茶, 悠程, 果然鲜: no industry, shop or
 * organisation word in them) found by a learned span scorer. Candidate
 * spans are runs of one to three tokens of two to six characters that the
 * context frames as a business (在/去/找/请 before; 的会员, 点的, 小程序,
 * 推出 … after; the start of a clause); each is described by a fixed set of
 * binary features (context words, length, how the dictionary knows the
 * span, lexicon hits inside it) and scored by logistic regression. The
 * model is a text file of named weights (models/mspan.model) written by
 * `qunsu train-spans`. */
#ifndef QS_MSPAN_H
#define QS_MSPAN_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* What the merchant lexicons say about each position (bits of lex[i]). */
enum {
    MSPAN_STOP = 1,      /* a stop word (pronoun, verb of buying, time word) starts here */
    MSPAN_NONM = 2,      /* a non-merchant word (office, hospital, compound, venue) starts here */
    MSPAN_REGION = 4,    /* a place name starts here */
    MSPAN_CUEPOST = 8,   /* a verb of buying or signing (买, 办理) starts here */
    MSPAN_ANCHOR = 16,   /* an industry, shop or organisation word starts here */
    MSPAN_COREF = 32,    /* 该店, 商家 … starts here */
    MSPAN_CUEPRE_END = 128 /* a 在/到/去 … cue word ends right before here */
};

/* One record's text as the merchant finder sees it. */
typedef struct mspan_text {
    const int32_t *f;       /* folded code points */
    size_t n;
    const uint8_t *tb;      /* n+1 token-boundary flags */
    const uint8_t *name_ok; /* n flags: the character may be part of a name */
    const uint8_t *lex;     /* n bits (above) */
    const uint8_t *taken;   /* n flags: already inside a business mention */
    const int32_t *same;    /* n: the next position holding the same code point,
                               cycling back to the first (mspan_link_same) */
    uint8_t *rk;            /* n+1 bytes of scratch */
    float (*logp)(const void *arg, const int32_t *cp, size_t n); /* > 0: no word */
    const void *logp_arg;
} mspan_text;

#define MSPAN_NF 80 /* features, the bias included */

typedef struct mspan_cand {
    int32_t s, e;            /* code points, end exclusive */
    uint8_t x[MSPAN_NF];     /* binary features */
} mspan_cand;

/* Fill same[0..n) for f[0..n) (see mspan_text). */
void mspan_link_same(const int32_t *f, size_t n, int32_t *same);

/* Candidate spans of t, in text order, written into out (at most cap; the
 * rest are dropped). Returns how many were written. */
size_t mspan_candidates(const mspan_text *t, mspan_cand *out, size_t cap);

/* The feature's name (for the model file), or NULL past the last. */
const char *mspan_feature_name(size_t i);

typedef struct mspan_model mspan_model;

/* Read a model file; NULL with err filled on failure (missing file, unknown
 * feature, bad number). */
mspan_model *mspan_load(const char *path, qs_err *err);
void mspan_free(mspan_model *m); /* NULL-safe */
/* Probability that the candidate is a business name. */
double mspan_score(const mspan_model *m, const mspan_cand *c);
/* Spans scoring at least this are taken (from the model file). */
double mspan_threshold(const mspan_model *m);

/* Fit the weights on n labelled candidates (y[i] = 1: a business name) by
 * L2-regularised logistic regression (Newton's method) and write the model
 * file. QS_OK, or an error in err. */
qs_rc mspan_fit_write(const mspan_cand *c, const uint8_t *y, size_t n, double lambda, double threshold,
                      const char *out_path, const char *recipe, qs_err *err);

#endif
