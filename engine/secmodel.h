/* secmodel.h: the merchant's sector learned from the complaint text, for a
 * merchant whose name implies none (a bare trade name: 栖云, 映画, 净衣坊
 * without its trade word). A multinomial logistic regression over the
 * features the issue classifier sees (clsfeat.h: character unigrams and
 * bigrams within clauses, words of the segmentation), binary and scaled to
 * unit length, L2-regularised, fitted with GSL's BFGS. The model file
 * (models/sector.model, written by `qunsu train-sector`, recipe
 * models/sector.sh) is text:
 *
 *   qunsu-sector-model 1
 *   recipe <one line>
 *   train_records <n>
 *   lambda <x>
 *   sectors <the SECTOR_N codes in taxonomy order>
 *   bias <SECTOR_N numbers>
 *   vocab <V>
 *   <feature><TAB><index:weight ..., or -> (V lines, sorted, distinct)
 *   end
 */
#ifndef QS_SECMODEL_H
#define QS_SECMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "clsfeat.h"
#include "segment.h"
#include "status.h"
#include "taxonomy.h"

#define SECM_FORMAT "qunsu-sector-model"
#define SECM_VERSION 1

typedef struct secm_model secm_model;

/* Load a model file. NULL with err filled: QS_EIO when it cannot be read,
 * QS_EDATA when it is not a sector model, has other sector codes than the
 * build, or is damaged or truncated (the message names the line). Caller
 * frees with secm_free. */
secm_model *secm_load(const char *path, qs_err *err);
/* Compile the model file at model_path (checked as secm_load checks it)
 * into an image at out_path (written to out_path.tmp, then renamed): the
 * build step behind data/sector.bin, whose feature rows secm_load takes
 * instead of the text's when that image was made from the very text it
 * reads (an image of this text that is damaged is QS_EDATA). */
qs_rc secm_image_write(const char *model_path, const char *out_path, qs_err *err);
void secm_free(secm_model *m); /* NULL-safe */
size_t secm_n_features(const secm_model *m);

/* Words of scratch secm_predict needs. */
size_t secm_scratch_words(const secm_model *m);
/* Probabilities of the sectors (prob[SECTOR_N], summing to 1) for text t
 * (folded code points and their UTF-8, as clf_features takes them) and
 * its segmentation toks (may be NULL). scratch: secm_scratch_words words,
 * the caller's (clobbered). */
void secm_predict(const secm_model *m, const clf_text *t, const seg_token *toks, size_t n_toks,
                  uint64_t *scratch, double *prob);

/* Training: texts are added one by one with their gold sector, then fitted
 * and written. */
typedef struct secm_trainer secm_trainer;

secm_trainer *secm_trainer_new(qs_err *err);
void secm_trainer_free(secm_trainer *tr); /* NULL-safe */
/* Add one text (only QS_ENOMEM can fail it; the trainer is then only fit
 * to be freed). */
qs_rc secm_trainer_add(secm_trainer *tr, const clf_text *t, const seg_token *toks, size_t n_toks,
                       tax_sector gold, qs_err *err);
size_t secm_trainer_count(const secm_trainer *tr);
/* Fit on the texts added (features seen in fewer than min_df of them are
 * dropped; lambda: L2 strength on the feature weights of the mean loss;
 * max_iter: BFGS iterations) and write the model to path; recipe (one
 * line, may be NULL) is kept in its header. Deterministic for the same
 * texts in the same order. */
qs_rc secm_trainer_fit_write(secm_trainer *tr, double lambda, int max_iter, int min_df, const char *path,
                             const char *recipe, qs_err *err);

#endif
