/* mtable.h: the stream's table of businesses (for `run`). Resolves each
 * record's merchant key against the businesses seen so far, merging a
 * variant only on strong evidence, keeps each business's sector by majority
 * of its complaints, and forgets businesses quiet for longer than its
 * horizon, so its size follows the businesses active recently, not all the
 * businesses a stream has ever named. */
#ifndef QS_MTABLE_H
#define QS_MTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "merchant.h"
#include "status.h"
#include "taxonomy.h"

typedef struct mtable mtable;

/* horizon_days: a business not complained about for that long is forgotten
 * (its next complaint starts it afresh); <= 0 keeps everything. Homophones
 * are read from `lx`, which must outlive the table. NULL with err filled on
 * failure. */
mtable *mt_new(const merch_lex *lx, double horizon_days, qs_err *err);
void mt_free(mtable *t); /* NULL-safe */

/* One record's merchant as extraction found it. Strings are borrowed for
 * the call. */
typedef struct mt_query {
    const char *key;     /* its key (merch_find / merch_key_of) */
    const char *name;    /* the name as written, or NULL */
    const char *op_key;  /* key of the operator's `merchant` field, or NULL */
    tax_sector sector;   /* the record's own sector */
    int64_t t_ms;        /* event time */
    const char *alone;   /* its key on its own with the 字号 as written
                            (merch_key_standalone_written), or NULL */
} mt_query;

typedef struct mt_answer {
    const char *key;   /* the business's stream key; owned by the table, valid
                          until the next mt_resolve or mt_free */
    tax_sector sector; /* the business's sector: its complaints' majority */
    int merged;        /* 1 when the key was joined to another business */
    int by_operator;   /* keyed by the operator's field, the text's name ambiguous */
    int doubtful;      /* the text's name is one the operators' fields give to
                          different businesses: it identifies none */
} mt_answer;

/* Resolve q to a business (adopting q->key as a new one when no business
 * matches). A homophone variant of a 字号 joins an established business
 * only when it is the one difference (both keys as written, same length,
 * one character apart, sectors compatible, the business seen at least
 * twice) and the variant spelling has not recurred on its own or been
 * written by the operator; a trade name alone joins the one business whose
 * key starts with it, when its sector is compatible (so does a live room
 * no business has, by its host's name); a key that starts with a business's
 * key and goes on for two code points or more joins it, when compatible,
 * no other business starts with its key and it took no other such longer
 * key; a business's key after a place of 2..5 Han characters, or without
 * the place the one business so keyed was first written with, joins it;
 * and a host and the
 * host's live room join whatever their sectors; a record whose key on
 * its own (q->alone) is that of the first record of a business joins it,
 * when its sector is compatible; a key the operator's
 * field confirms joins the operator's business when one contains the
 * other. A name the operators' fields give to two different businesses is
 * ambiguous from then on: a record with an operator's field takes that
 * business, one without is marked doubtful. Deterministic given the order
 * of calls. QS_ENOMEM on allocation failure. */
qs_rc mt_resolve(mtable *t, const mt_query *q, mt_answer *out, qs_err *err);

/* The text says keys a and b name one business under its old and new
 * names (A改名叫B, B（原名A）). The one the stream knows takes the other as
 * a spelling; when both are known as different businesses, the one with
 * fewer records joins the other from now on (its past complaints stay
 * where they were counted). Nothing happens while neither is known. Call it
 * before mt_resolve of a record naming a (so a new name joins the known
 * business at once) and after. QS_ENOMEM on allocation failure. */
qs_rc mt_alias(mtable *t, const char *a, const char *b, int64_t t_ms, qs_err *err);

typedef struct mt_stats {
    long spellings;       /* keys held now */
    long businesses;      /* businesses held now */
    long merged_sound;    /* records joined through a homophone variant */
    long merged_head;     /* records joined through a trade name alone, or a host with the host's room */
    long merged_alone;    /* records joined through their key on its own */
    long merged_longer;   /* records joined by a known trade name with more after it (蟹老大大闸蟹) */
    long merged_place;    /* records joined by a known name with a place before it, or without it */
    long merged_operator; /* records joined through the operator's field */
    long merged_rename;   /* names joined because a text said one renamed the other */
    long refused;         /* candidate merges refused (sector, ambiguity, recurrence) */
    long by_operator;     /* records keyed by the operator's field, the text's name ambiguous */
    long doubtful;        /* records with an ambiguous name and no operator's field */
    long evicted;         /* businesses forgotten after the horizon */
    size_t bytes;         /* approximate memory held */
} mt_stats;

void mt_get_stats(const mtable *t, mt_stats *out);

#endif
