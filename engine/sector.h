/* sector.h: the merchant's sector (taxonomy.md) from its name and, when the
 * name implies none, from sector cue words in the complaint text
 * (dicts/merchant/sector_cues.tsv: 私教 → fitness, 提车 → auto …). */
#ifndef QS_SECTOR_H
#define QS_SECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "clsfeat.h"
#include "segment.h"
#include "status.h"
#include "taxonomy.h"

typedef struct sector_ctx sector_ctx;

/* Load the cue lexicon (found with paths_find). NULL with err filled. */
sector_ctx *sector_new(qs_err *err);
void sector_free(sector_ctx *sc); /* NULL-safe */

/* The sector the text's cue words vote for (most votes, first cue breaks
 * ties), SECTOR_OTHER when none. cp: folded code points of the text. */
tax_sector sector_from_text(const sector_ctx *sc, const int32_t *cp, size_t n);

/* The merchant's sector: the one its name implies, else the text's,
 * else SECTOR_OTHER. name_known: the name is a known brand or platform
 * whose sector the lexicons state, SECTOR_OTHER included (a bank, a
 * courier): the goods the text names then say nothing about the seller,
 * unless a trade word follows the name at name_end (瑞星维修: a local
 * business sharing a brand's name) or the text's cue words give one trade
 * SECTOR_TEXT_OVERRIDE votes or more; name_end < 0 when the name is not in
 * the text. *conf gets a confidence in [0,1]. */
#define SECTOR_TEXT_OVERRIDE 3
tax_sector sector_decide(const sector_ctx *sc, tax_sector from_name, int name_known,
                         int32_t name_end, const int32_t *cp, size_t n, double *conf);

/* Load the learned sector of the text (secmodel.h, e.g. models/sector.model)
 * into sc, replacing the cue-word vote for a name that implies no sector
 * and is no known brand (sector_decide_text). QS_EIO/QS_EDATA as
 * secm_load. */
qs_rc sector_load_model(sector_ctx *sc, const char *path, qs_err *err);

/* The merchant's sector for the text t (folded code points and their
 * UTF-8) and its segmentation toks, the name at [name_start, name_end)
 * (-1 when it is not in the text): first a word of
 * dicts/merchant/sector_names.tsv inside the name (KTV, 乐园 → other; a
 * platform as the merchant itself: 美团 → ecommerce) when the name implies
 * no sector or is a known brand; then sector_decide, except that a name
 * implying no sector, no known brand, in a text without any cue word gets
 * the sector the learned model (sector_load_model) finds most probable.
 * Not thread-safe on one sc (the model's scratch is in it). */
tax_sector sector_decide_text(sector_ctx *sc, tax_sector from_name, int name_known, int32_t name_start,
                              int32_t name_end, const clf_text *t, const seg_token *toks, size_t n_toks,
                              double *conf);

/* The trade of a business the text speaks of without naming it (小区门口一家
 * 健身房跑路了, 在一家培训机构报的班), for a complaint with no merchant: the
 * sector the text's cue words vote for, when one sector has more than
 * twice the votes of any other and either it alone has votes, at least
 * SECTOR_TEXT_SURE_VOTES, or the learned model (when loaded) finds it the
 * most probable at SECTOR_TEXT_MIN_PROB or more. A text without a
 * cue word, or with mixed or contested ones, has none: a wrong sector is
 * worse than none. Returns 1 with *out and, when conf is not NULL, *conf (the model's
 * probability, or the cue share without a model) set, else 0. Not
 * thread-safe on one sc (the model's scratch is in it). */
#define SECTOR_TEXT_MIN_PROB 0.5
#define SECTOR_TEXT_SURE_VOTES 2
int sector_of_text(sector_ctx *sc, const clf_text *t, const seg_token *toks, size_t n_toks, tax_sector *out,
                   double *conf);

/* Where the first cue word of sector s starts in cp[0..n) (its length in
 * *len), n when there is none. */
size_t sector_cue(const sector_ctx *sc, tax_sector s, const int32_t *cp, size_t n, size_t *len);

#endif
