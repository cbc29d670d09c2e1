/* clsmodel.h: the inside of a cls_model, shared by the classifier
 * (classify.c: load, predict, write) and its trainer (clstrain.c). Nothing
 * else should include this. */
#ifndef QS_CLSMODEL_H
#define QS_CLSMODEL_H

#include <stdint.h>
#include <stdio.h>

#include "classify.h"
#include "clsfeat.h"
#include "mapfile.h"

/* Weights per feature in a cls_qrow: the issue and tag weights side by
 * side, padded to a multiple of 8 so that they are added a vector at a
 * time. */
#define CLS_ROW ((ISSUE_N + TAG_N + 7) & ~7)

/* One feature's weights for prediction: w[k] = q[k] * scale, scale =
 * max |w| / 32767 over the row. Rows of doubles took three cache lines and
 * the rows a text touches are mostly not in cache; this one fits a line,
 * and its rounding (at most scale / 2 a weight, finer than the five
 * digits the model file keeps for all but a row's largest weights) moved
 * no decision and no confidence by more than 3e-5 on our corpora. */
typedef struct cls_qrow {
    int16_t q[CLS_ROW];
    float scale;
} __attribute__((aligned(64))) cls_qrow;
_Static_assert(sizeof(cls_qrow) == 64, "a weight row is one cache line");

struct cls_model {
    char feature_set[96];  /* e.g. "char1,char2,latin,digit" or "...,word" */
    int words;             /* trained with word features */
    char train_hash[40];   /* "fnv1a64:<hex>" of the training file */
    long train_records;
    unsigned long seed;
    double lambda;         /* L2 strength used */
    double temperature;    /* calibration: p = softmax(z / T) */
    char calibration[64];  /* where T was fitted: "fold 1/5" or "file fnv1a64:<hex>" */
    double lex_scale;      /* issue keyword scores enter z scaled by this */
    double issue_bias[ISSUE_N];
    double tag_bias[TAG_N];
    double tag_lex_scale[TAG_N];
    clf_lex kw;            /* issue keywords */
    clf_lex tagkw;         /* tag keywords */
    size_t n_feat;
    char **feat;           /* feature strings, sorted */
    mapfile image;         /* when mapped (len > 0), feat[i], w_issue, w_tag
                              and w_row point into this read-only model
                              image instead of being allocated */
    double *w_issue;       /* n_feat x ISSUE_N */
    double *w_tag;         /* n_feat x TAG_N */
    clf_findex *fidx;      /* the features compiled for prediction */
    cls_qrow *w_row;       /* n_feat rows: issue then tag weights, quantised */
    uint8_t *lex_start;    /* clf_lex_pair_starts(&kw, &tagkw) */
    norm_ctx *nc;          /* owned; the fold of texts (NULL: basic fold) */
    int32_t *han_fold;     /* clf_han_table(nc), set with nc by the loader */
    uint8_t *stable;       /* clf_stable_table(nc), likewise */
};

/* A zeroed model with its feature table allocated for n features (strings
 * NULL, weights 0). NULL on allocation failure. */
cls_model *cls_model_new(size_t n_feat);
/* Build the feature index (fidx), w_row and lex_start after feat[], the
 * weights and the lexicons are filled (w_row is kept as it is when the
 * model's rows are an image's, which has them quantised). */
qs_rc cls_model_index(cls_model *m, qs_err *err);

/* Raw scores for a text folded with nc (may be NULL): issue logits before
 * temperature (ISSUE_N), tag logits (TAG_N, or NULL) and, when tag_lex is
 * not NULL, the tag lexicon scores. */
qs_rc cls_scores(const cls_model *m, const norm_ctx *nc, const char *text, size_t len,
                 const seg_token *toks, size_t n_toks, double *z_issue, double *z_tag,
                 double *tag_lex, qs_err *err);
/* The same for text that comes with its code points (cp, n_cp: the decoded
 * text, e.g. a norm_text): they are used as the fold when folding would
 * leave them unchanged, and folded as cls_scores folds the text otherwise. */
qs_rc cls_scores_cp(const cls_model *m, const norm_ctx *nc, const char *text, size_t len,
                    const int32_t *cp, size_t n_cp, const seg_token *toks, size_t n_toks,
                    double *z_issue, double *z_tag, double *tag_lex, qs_err *err);

/* Write the model in the text format documented in models/README.md. */
qs_rc cls_model_write(const cls_model *m, FILE *f, qs_err *err);

#endif
