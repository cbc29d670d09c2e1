/* ctag.h: a character tagger of business names. Each character of a
 * complaint is tagged B (a name starts), I (inside one) or O by a
 * first-order linear model over hashed features of the character, its
 * neighbours, the segmenter's token around it and what the merchant
 * lexicons say there (mspan.h's bits); Viterbi decoding, weights fitted by
 * the averaged perceptron on texts whose gold mentions are known. It
 * proposes the names no lexicon pass can see (阿婆便肉 扁肉里…, 拼多多上那个
 * 欧岛海参…); the merchant finder judges them like the span scorer's. The
 * model is a binary file (models/ctag.model) written by `qunsu
 * train-tagger`. */
#ifndef QS_CTAG_H
#define QS_CTAG_H

#include <stddef.h>
#include <stdint.h>

#include "mspan.h"
#include "status.h"

typedef struct ctag_model ctag_model;

/* Load a model file. NULL with err filled when it cannot be read or is
 * not a tagger model of this version (a damaged or truncated file). */
ctag_model *ctag_load(const char *path, qs_err *err);
void ctag_free(ctag_model *m); /* NULL-safe */

/* The name spans the model finds in t (code points of t->f, end
 * exclusive): at most cap pairs written to out (out[2k], out[2k+1]), each
 * with the margin by which B beat O at its start in score[k] (may be
 * NULL). *n_out is how many. Scratch is allocated per call. */
qs_rc ctag_spans(const ctag_model *m, const mspan_text *t, int32_t *out, float *score, size_t cap, size_t *n_out,
                 qs_err *err);

/* Training. The trainer copies what it needs of each text. */
typedef struct ctag_trainer ctag_trainer;
ctag_trainer *ctag_trainer_new(qs_err *err);
void ctag_trainer_free(ctag_trainer *tr); /* NULL-safe */
/* One text and its gold name spans (code points of t->f, end exclusive;
 * spans that overlap or leave the text are ignored). */
qs_rc ctag_trainer_add(ctag_trainer *tr, const mspan_text *t, const int32_t *gold, size_t n_gold, qs_err *err);
size_t ctag_trainer_texts(const ctag_trainer *tr);
/* Fit by `epochs` passes of the averaged perceptron (texts in an order
 * fixed by `seed`) and write the model to path, with `recipe` (one line, may
 * be NULL) in its header. */
qs_rc ctag_trainer_fit_write(ctag_trainer *tr, int epochs, unsigned seed, const char *path, const char *recipe,
                             qs_err *err);

#endif
