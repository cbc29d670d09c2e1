/* merchant.h: business mentions in complaint text and the stable identity
 * (key) of each business. Mentions are found around suffix anchors (industry
 * words, shop words, organisation forms) whose 字号 is delimited by stop
 * words and token boundaries, plus platforms, known brands, registry names,
 * labels (被投诉方：…) and 在…购买/办理 cues. Keys strip region prefixes,
 * branch suffixes, organisation forms and descriptors, fold width and case,
 * and map homophone typos of industry words to the canonical word.
 * Lexicons live in dicts/merchant/, the pinyin table in data/pinyin.tsv.
 * Bare trade names (喜茶: no lexicon word in them) come from the learned
 * span scorer of mspan.h when one is set (merch_set_span_model). */
#ifndef QS_MERCHANT_H
#define QS_MERCHANT_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "taxonomy.h"

/* Lexicons and the optional registry; immutable once loaded, shareable. */
typedef struct merch_lex merch_lex;

/* Load the lexicons (found with paths_find) and, when registry_path is not
 * NULL, the registry file (see dicts/merchant/README.md for its format).
 * NULL with err filled on failure (missing file, bad line, no memory). */
merch_lex *merch_lex_load(const char *registry_path, qs_err *err);
/* The same, with every lexicon and registry word passed through fold first
 * (the normaliser's norm_fold_cp), so that words match normalised text. */
merch_lex *merch_lex_load_folded(const char *registry_path,
                                 int32_t (*fold)(const void *arg, int32_t cp), const void *arg,
                                 qs_err *err);
void merch_lex_free(merch_lex *lx); /* NULL-safe */
size_t merch_lex_registry_size(const merch_lex *lx);

typedef enum merch_kind {
    MERCH_NAME,     /* 字号 + industry/shop word/organisation form */
    MERCH_BRAND,    /* a known brand */
    MERCH_PLATFORM, /* an online platform */
    MERCH_REGISTRY, /* a name or alias from the registry */
    MERCH_CUE       /* a bare name in a 在…购买 or 被投诉方：… context */
} merch_kind;

typedef struct merch_mention {
    int32_t start, end;   /* code points of the text given, end exclusive */
    merch_kind kind;
    tax_sector sector;    /* implied by the name; SECTOR_OTHER when none */
    double conf;          /* how sure the span is a business name */
    int32_t reg;          /* registry entry, or -1 */
    int32_t refs;         /* later 该店/这家店/商家 references to it */
    const char *key;      /* its key, NUL-terminated */
    int32_t landmark;     /* named as a place beside or around another
                             business (…隔壁的, 万达广场的X店): not the seller */
    int32_t goods;        /* named as the goods, not the seller (在淘宝买的
                             “耐克”鞋, 手机是OPPO的, “雅迪”品牌); 2: bought
                             at a shop named by its kind only (在一家药店
                             购买云南白药), so the seller is not named */
    int32_t renames;      /* 1 + the index of the earlier mention this one
                             is another name of (A改名叫B, B原名A), else 0 */
    int32_t copy;         /* 1: a brand another mention imitates one
                             character off (茶百道 beside 茶白道), the model
                             and not the seller; 2: that imitation, keyed
                             apart from its model as written */
} merch_mention;

/* Per-thread scratch over a lexicon (borrowed; must outlive it). */
typedef struct merch_ctx merch_ctx;

merch_ctx *merch_new(const merch_lex *lx, qs_err *err);
void merch_free(merch_ctx *mc); /* NULL-safe */

/* Optional extra 1:1 code-point fold applied before matching (e.g.
 * traditional to simplified from the normaliser); NULL to clear. Full-width
 * ASCII and Latin case are always folded. The fold must give the same
 * result for the same code point every time (its results are memoised). */
void merch_set_fold(merch_ctx *mc, int32_t (*fold)(const void *arg, int32_t cp), const void *arg);

/* Optional word statistics (the segmenter's dictionary): logp returns the
 * log probability of the word cp[0..n), or a value > 0 when it is not a
 * word. A frequent everyday word (不是, 其实, 家庭) at the start of a 字号 is
 * then not taken for part of a name. NULL to clear. */
void merch_set_word_logp(merch_ctx *mc, float (*logp)(const void *arg, const int32_t *cp, size_t n),
                         const void *arg);

struct mspan_model;
struct mspan_cand;

/* Optional learned scorer of bare trade names (mspan.h; borrowed, must
 * outlive mc): merch_find then adds the spans it is sure of. NULL to clear. */
void merch_set_span_model(merch_ctx *mc, const struct mspan_model *m);
/* Training: merch_find passes every candidate span of the scorer (offsets
 * into the text it was given) to sink. NULL to clear. */
void merch_set_span_sink(merch_ctx *mc, void (*sink)(void *arg, const struct mspan_cand *c), void *arg);
struct ctag_model;
struct mspan_text;
/* Optional character tagger of names (ctag.h; borrowed, must outlive mc):
 * where no shop is named otherwise, merch_find weighs the names it tags
 * like the span scorer's. NULL to clear. */
void merch_set_tagger(merch_ctx *mc, const struct ctag_model *m);
/* Training the tagger: merch_find passes each text as the bare-name passes
 * see it (valid during the call only) to sink. NULL to clear. */
void merch_set_text_sink(merch_ctx *mc, void (*sink)(void *arg, const struct mspan_text *t), void *arg);

/* Find every business mention in cp[0..n). bounds, when not NULL, holds n+1
 * flags, bounds[i] != 0 when a token boundary falls before cp[i] (the
 * segmenter's tokens): names then start and end on boundaries. *out (n_out
 * of them, in text order) is owned by mc, valid until the next merch_find
 * or merch_free. */
qs_rc merch_find(merch_ctx *mc, const int32_t *cp, size_t n, const uint8_t *bounds,
                 const merch_mention **out, size_t *n_out, qs_err *err);

/* The mention that names the complaint's merchant (most mentioned business,
 * references included; a shop before its platform), or -1 when none. */
int merch_choose(const merch_mention *m, size_t n);

/* The first mention of the business m[i] is, following the text's renames
 * (A改名叫B: B's root is A). */
size_t merch_rename_root(const merch_mention *m, size_t i);

/* Key and sector of a business name given on its own (UTF-8, e.g. the
 * operator's `merchant` field). Writes a NUL-terminated key into key (cap
 * bytes). Returns QS_OK; QS_EINVAL when the name holds nothing to key on
 * (empty, punctuation only, or a non-merchant such as a government body)
 * or does not fit. */
qs_rc merch_key_of(merch_ctx *mc, const char *name, size_t len, char *key, size_t cap,
                   tax_sector *sector, qs_err *err);

/* A bare trade name's key (乐途, zenfit: no industry, shop, brand or
 * registry word in it) joined to the key word of the sector the complaint
 * is about (dicts/merchant/key_family.tsv), so that it meets the standalone
 * keys of the same business named with its trade (乐途旅行社). Writes
 * the key, changed or not, into out (cap bytes). QS_EINVAL when it does
 * not fit. */
qs_rc merch_key_in_sector(merch_ctx *mc, const char *key, tax_sector sector, char *out, size_t cap,
                          qs_err *err);

/* The key of a merchant for a record that stands alone (`extract`): the
 * name's industry or shop word replaced by its sector's word
 * (dicts/merchant/key_family.tsv: 乐途旅游, 乐途旅行社 -> 乐途旅行), or
 * by a trade's own word (key_trade.tsv: 江湾物业 -> 江湾物业, apart from
 * 江湾置业), words of selling online left out (安妮小屋淘宝店, 阿琳海淘,
 * 阿梅严选: key_seller.txt), a household service's 到家 read as 家政, a bare
 * trade name (bare != 0: a name, not a brand or platform) joined to the
 * word of `sector` (merch_key_in_sector), and the 字号 spelled in toneless
 * pinyin so that a trade name written by its sound shares the key
 * (铁衫健身, 铁杉健身 -> tieshan健身; brands, platforms and registry names
 * keep their characters). name is the merchant as written (UTF-8), key
 * the key merch_find or merch_key_of gave it (used when the name alone
 * gives none). Keys within a stream are resolved by `run` instead. */
qs_rc merch_key_standalone(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                           tax_sector sector, char *out, size_t cap, qs_err *err);

/* w[0..n), a cue word of sector s in a text (sector_cue), names a trade:
 * an industry word of s, or a word whose canonical form (key_canon.tsv)
 * is one (跟拍 -> 摄影; 婚礼 names none). */
int merch_cue_names_trade(const merch_ctx *mc, tax_sector s, const int32_t *w, size_t n);

/* Where the first word of f[0..n) (folded code points) that names a trade
 * of sector s with a key word of its own starts (key_trade_cues.tsv:
 * 玻尿酸, 洗牙), its length in *len; n and 0 when none, or when a trade
 * word follows the name, which ends at name_end (“丽人坊”美容院). Passed as
 * the trade of merch_key_standalone_trade, it ends the key of a bare name
 * in its trade's word (蓉颜 in a text about 瘦脸针: rongyan医美, like
 * 蓉颜医美). */
size_t merch_trade_cue(const merch_ctx *mc, tax_sector s, const int32_t *f, size_t n, size_t name_end,
                       size_t *len);

/* Sector s has a key word (key_family.tsv). */
int merch_sector_has_keyword(const merch_ctx *mc, tax_sector s);

/* merch_key_standalone, and a bare trade name of a sector that has no key
 * word (services: many trades) joined to trade[0..n_trade), the folded
 * code points of a word the text names its trade by (sector_cue), when
 * that is an industry word of the sector, in its canonical form
 * (key_canon.tsv): 馨达 in a text about a 保姆 meets 馨达家政. In a sector
 * with a key word, trade is a word merch_trade_cue found, and the bare
 * name is joined to its trade's key word instead of the sector's (蓉颜 and
 * 瘦脸针: rongyan医美). trade may be NULL. */
qs_rc merch_key_standalone_trade(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                                 tax_sector sector, const int32_t *trade, size_t n_trade, char *out, size_t cap,
                                 qs_err *err);

/* merch_key_standalone_trade with the 字号 kept as written, not spelled
 * by its sound: the key of a look-alike (老炉投烧烤) that the text names
 * beside the business it copies (老炉头烧烤), which sounds the same. */
qs_rc merch_key_standalone_written(merch_ctx *mc, const char *name, size_t len, const char *key, int bare,
                                   tax_sector sector, const int32_t *trade, size_t n_trade, char *out, size_t cap,
                                   qs_err *err);

/* The text of the last merch_find on mc says one business copies another
 * (一模一样, 山寨, 以为是 …). */
int merch_copy_told(const merch_ctx *mc);

/* The toneless pinyin syllable of an ideograph as a small number (0: not
 * an ideograph or no reading): homophones share it. */
unsigned merch_syllable(const merch_lex *lx, int32_t cp);

/* The word that ends a live-stream room's key (丰动直播间: the room of the
 * host 丰动), and whether key ends in it. */
#define MERCH_LIVE_WORD "直播间"
int merch_ends_live(const char *key);

#endif
