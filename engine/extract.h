/* extract.h: who and what, for one record on its own. Normalises and
 * segments the text, finds every business mention, picks the merchant and
 * its stable key and sector, and classifies the issue and scenario tags. */
#ifndef QS_EXTRACT_H
#define QS_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mtable.h"
#include "record.h"
#include "status.h"
#include "taxonomy.h"

struct cJSON;

typedef struct ex_mention {
    const char *name;  /* as written in the original text */
    int32_t start, end; /* code points of the original text, end exclusive */
} ex_mention;

/* Owned by the context; valid until the next ex_run or ex_free. */
typedef struct ex_result {
    int has_merchant;
    const char *merchant_name;
    const char *merchant_key;
    const char *standalone_key; /* the key of the record on its own, which
                                   `extract` writes (merch_key_standalone) */
    const char *alone_key;      /* with stream_keys: the same with its 字号 as
                                   written (merch_key_standalone_written), what
                                   `run` joins a business's spellings by; else NULL */
    tax_sector sector;
    double merchant_conf;
    const ex_mention *mentions;
    size_t n_mentions;
    tax_issue issue;
    unsigned tags;         /* TAG_BIT(tax_tag) mask */
    double issue_conf;     /* calibrated probability of `issue` */
    const char *norm_text; /* the normalised text, for similarity downstream */
    size_t norm_len;
    int merchant_doubtful; /* `run`: the name is one the stream has seen given to
                              different businesses (ex_resolve_record) */
    tax_sector own_sector; /* `run`: the record's own sector, before
                              ex_resolve_record sets `sector` to its business's */
    int has_text_sector;   /* no merchant, but the text is clear about the
                              trade it speaks of (sector_of_text) */
    tax_sector text_sector;
    const char *renamed_key; /* the key of the merchant's other name when the
                                text says it was renamed (A改名叫B), or NULL */
} ex_result;

typedef struct ex_options {
    const char *merchants_path; /* --merchants registry, or NULL */
    const char *user_dict_path; /* --dict user dictionary, or NULL */
    const char *model_path;     /* issue model, or NULL for the default */
    double merchant_horizon_days; /* `run`: days a quiet business is remembered (<= 0: default) */
    const char *span_model_path; /* bare-name scorer (mspan.h), or NULL for models/mspan.model */
    int no_span_model;           /* 1: no bare-name scorer nor tagger (training collecting its candidates) */
    const char *tagger_path;     /* character tagger of names (ctag.h), or NULL for models/ctag.model */
    int no_tagger;               /* 1: no tagger (`extract --no-tagger`) */
    const char *sector_model_path; /* learned sector of the text (secmodel.h), or NULL for models/sector.model */
    int no_sector_model;         /* 1: cue words only (`train-sector` collecting its texts) */
    int stream_keys;             /* 1: `run`, key each record on its own as written too (alone_key) */
} ex_options;

#define EX_MERCHANT_HORIZON_DAYS 90.0

typedef struct ex_ctx ex_ctx;

ex_ctx *ex_new(const ex_options *opt, qs_err *err);
void ex_free(ex_ctx *ex); /* NULL-safe */

qs_rc ex_run(ex_ctx *ex, const qs_record *rec, ex_result *out, qs_err *err);

struct mspan_cand;
/* Training the bare-name scorer: during each ex_run, every candidate span
 * is passed to sink with its code points in the original text (s, e, end
 * exclusive). NULL to clear. */
void ex_set_span_sink(ex_ctx *ex, void (*sink)(void *arg, int32_t s, int32_t e, const struct mspan_cand *c),
                      void *arg);

struct mspan_text;
/* Training the character tagger: during each ex_run, the text as the
 * bare-name passes see it is passed to sink with map, its code points'
 * offsets in the original text (valid during the call only). NULL to
 * clear. */
void ex_set_text_sink(ex_ctx *ex, void (*sink)(void *arg, const struct mspan_text *t, const int32_t *map),
                      void *arg);

struct clf_text;
struct seg_token;
/* Training the sector model: during each ex_run, the normalised text and
 * its segmentation, as the sector model sees them, are passed to sink
 * (valid during the call only). NULL to clear. */
void ex_set_sector_sink(ex_ctx *ex,
                        void (*sink)(void *arg, const struct clf_text *t, const struct seg_token *toks, size_t n_toks),
                        void *arg);

/* In a stream (`run`), match the record's merchant key against the
 * businesses the stream has already seen (mtable.h), so that a trade name
 * alone or a homophone typo joins the business seen with the full name
 * (御膳坊 → 御膳坊酒楼) when the evidence is strong. Rewrites
 * out->merchant_key in place; the string is owned by the context, valid
 * until the next call or ex_free. Deterministic for the same sequence of
 * calls. */
qs_rc ex_resolve_key(ex_ctx *ex, ex_result *out, qs_err *err);

/* The same with the record ex_run has just extracted: its event time (businesses quiet for the
 * horizon are forgotten) and its operator `merchant` field (evidence when
 * the text's name is a part of it). Also sets out->sector to the business's
 * sector, the majority of its complaints so far (see mtable.h). rec may be
 * NULL. */
qs_rc ex_resolve_record(ex_ctx *ex, const qs_record *rec, ex_result *out, qs_err *err);

/* Counters of the stream's merchant table (zeros before its first use). */
void ex_table_stats(const ex_ctx *ex, mt_stats *out);

/* The contract's `complaint` event for rec and its extraction. duplicate_of
 * may be NULL. Caller frees with cJSON_Delete; NULL on allocation failure. */
struct cJSON *ex_complaint_event(const qs_record *rec, const ex_result *res,
                                 const char *duplicate_of, int professional);

/* The same event written straight to out as one line, in the bytes
 * event_write gives for ex_complaint_event's tree (no tree is built).
 * QS_ENOMEM where ex_complaint_event would fail (a missing string), with
 * nothing written; QS_EIO on a write error. */
qs_rc ex_complaint_write(FILE *out, const qs_record *rec, const ex_result *res,
                         const char *duplicate_of, int professional, qs_err *err);

#endif
