/* classify.h: issue and scenario-tag classification of one complaint text.
 * A multinomial logistic regression over character unigrams and bigrams
 * (plus words when a segmentation is given) combined with the keyword
 * lexicons of dicts/issue/, temperature-calibrated so that `confidence` is a
 * probability; tags are per-tag binary logistic models over the same
 * features plus their own lexicon (with negation: 没有闭店 is no closure).
 * The model file (models/issue.model, written by `qunsu train`) carries the
 * weights and the lexicons it was trained with. */
#ifndef QS_CLASSIFY_H
#define QS_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"
#include "status.h"
#include "taxonomy.h"

#define CLS_FORMAT "qunsu-issue-model"
#define CLS_VERSION 1

/* A tag whose lexicon score (sum of the weights of its keywords found
 * without negation) reaches CLS_TAG_LEX_FIRE is set whatever the model says,
 * with probability at least CLS_TAG_LEX_PROB. */
#define CLS_TAG_LEX_FIRE 2.0
#define CLS_TAG_LEX_PROB 0.9

/* A tag is set at this probability. Below one half because tags are scored
 * by F1 and the tag models are under-confident on hand-written text (trained
 * mostly on texts that say the tag's words outright): leaving one set of
 * hand-written orders out, lowering the cut from 0.5 to 0.35 raised recall
 * 0.727 -> 0.759 at the same precision (0.88); bench/classify_loso.sh. */
#define CLS_TAG_THRESHOLD 0.35

typedef struct cls_model cls_model;

typedef struct cls_result {
    tax_issue issue;       /* the most probable issue */
    double confidence;     /* calibrated probability of `issue` */
    double prob[ISSUE_N];  /* calibrated probabilities, summing to 1 */
    unsigned tags;         /* TAG_BIT(tax_tag) mask: tag_prob >= 0.5 */
    double tag_prob[TAG_N];
} cls_result;

/* Load a model file. NULL with err filled (QS_EIO: cannot read; QS_EDATA: not
 * a model, a newer version, or damaged). Caller frees with cls_free. */
cls_model *cls_load(const char *path, qs_err *err);
/* Load the model file at path with its feature rows from the compiled image
 * at image_path (see cls_image_write) when that image was made from this
 * very text; else (no image, a stale one) from the text alone. Errors as
 * cls_load; QS_EDATA also for an image that matches the text but is damaged. */
cls_model *cls_load_image(const char *path, const char *image_path, qs_err *err);
/* Load models/issue.model found with paths_find, with data/issue.bin when
 * there is one. */
cls_model *cls_load_default(qs_err *err);
/* Compile the model file at model_path (its text checked as cls_load reads
 * it; the indexes are built at load, not here) into an image at out_path (written to out_path.tmp, then renamed): the build
 * step behind data/issue.bin. QS_EIO when it cannot be written. */
qs_rc cls_image_write(const char *model_path, const char *out_path, qs_err *err);
void cls_free(cls_model *m); /* NULL-safe */

/* Classify valid UTF-8 text, raw or normalised: it is folded here code
 * point by code point with norm_fold_cp (traditional to simplified,
 * full-width and case folding), as it was in training. toks may be NULL; when given they are the
 * segmentation of the same text and add word features. Thread-safe on a
 * shared model; allocates only scratch memory it frees before returning. */
qs_rc cls_predict(const cls_model *m, const char *text, size_t len, const seg_token *toks,
                  size_t n_toks, cls_result *out, qs_err *err);
/* The same result for text that comes with its code points (cp[n_cp], the
 * decoded text, e.g. norm_text.cp): when the fold would change none of
 * them, they are used as they are and the text is not decoded again. */
qs_rc cls_predict_cp(const cls_model *m, const char *text, size_t len, const int32_t *cp,
                     size_t n_cp, const seg_token *toks, size_t n_toks, cls_result *out,
                     qs_err *err);

/* Header facts of a loaded model, for reports: feature set string (static
 * to the model), number of features, training-data hash (hex). */
const char *cls_feature_set(const cls_model *m);
size_t cls_n_features(const cls_model *m);
const char *cls_train_hash(const cls_model *m);
/* Whether the model was trained with word features: callers should then
 * pass the segmentation of the text to cls_predict. */
int cls_uses_words(const cls_model *m);

#endif
