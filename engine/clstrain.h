/* clstrain.h: training of the issue/tag model (see classify.h): builds the
 * feature vocabulary, fits an L2-regularised multinomial logistic regression
 * for the issue and one binary logistic regression per tag with GSL's BFGS
 * minimiser, each combined with its keyword lexicon through a fitted scale,
 * and calibrates the issue probabilities with a temperature fitted on a
 * held-out fold of the training data. Deterministic for a given seed. */
#ifndef QS_CLSTRAIN_H
#define QS_CLSTRAIN_H

#include <stddef.h>
#include <stdio.h>

#include "classify.h"
#include "clsfeat.h"
#include "normalize.h"
#include "segment.h"

typedef struct clstrain_example {
    const char *id;    /* decides the calibration fold (with the seed) */
    const char *text;
    size_t len;
    int issue;         /* tax_issue */
    unsigned tags;     /* TAG_BIT mask */
} clstrain_example;

typedef struct clstrain_opts {
    unsigned long seed;
    double lambda;     /* L2 strength on feature weights */
    int max_iter;      /* BFGS iterations per fit */
    int min_df;        /* keep features seen in at least this many texts */
    const clf_lex *keywords; /* issue lexicon (copied into the model) */
    const clf_lex *tagwords; /* tag lexicon (copied into the model) */
    const char *data_hash;   /* recorded in the model header */
    const norm_ctx *nc;      /* the fold of texts (NULL: basic fold; the
                                model then records no "fold=norm") */
    seg_ctx *seg;            /* word segmentation for word features (borrowed;
                                NULL: characters only) */
    const clstrain_example *calib; /* separate calibration examples, or NULL: */
    size_t n_calib;    /* then a fifth of the training data is the fold */
    const char *calib_hash; /* fingerprint of the calibration file, for the header */
    FILE *log;         /* progress lines, or NULL */
    double class_power; /* a text's loss weighs (n / (K n_class))^class_power */
    double nb_beta;    /* naive-Bayes prior scaling of the issue weights, 0..1
                          (0: none; see models/README.md) */
} clstrain_opts;

#define CLSTRAIN_DEFAULT_LAMBDA 1e-4
#define CLSTRAIN_DEFAULT_ITER 300
#define CLSTRAIN_DEFAULT_MIN_DF 2

/* Train on n examples. *out is a new model (caller frees with cls_free).
 * Calibration facts (fold size, temperature, fold accuracy) go to o->log. */
qs_rc clstrain_run(const clstrain_example *ex, size_t n, const clstrain_opts *o, cls_model **out,
                   qs_err *err);

#endif
