/* dedup.h: cross-channel duplicate links (duplicate_of). A record duplicates
 * an earlier one when it is the same grievance by the same person: filed
 * again on another channel, or a chase call (催单) about it. Evidence: same
 * complainant, same merchant key, within the horizon, and similar text
 * (Jaccard similarity of character-bigram sets, estimated on bottom-k
 * sketches) or chase wording. Different people are never duplicates of one
 * another (一事多人: each consumer counts). Without a complainant only a
 * near-identical text against the same merchant within a short horizon, with
 * no conflicting amount, is evidence. Links point to the root of a chain
 * (the earliest record in event time among those seen). */
#ifndef QS_DEDUP_H
#define QS_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct cJSON;

#define DEDUP_SKETCH 64 /* bottom-k size of a text sketch */

typedef struct dedup_config {
    double horizon_days;       /* same complainant: how far back to look */
    double anon_horizon_hours; /* no complainant: how far back */
    double threshold;          /* Jaccard for same complainant + merchant */
    double anon_threshold;     /* Jaccard for anonymous near-identical text */
    double chase_threshold;    /* Jaccard floor when the text is a chase call */
    long max_candidates;       /* newest entries compared per key */
    double memory_cap_mb;      /* state size that forces early eviction */
} dedup_config;

/* Read the "dedup" section (NULL: defaults) into cfg; effective (may be
 * NULL) receives every key in force. QS_ECONFIG on a bad value. */
qs_rc dedup_config_read(const struct cJSON *section, dedup_config *cfg,
                        struct cJSON *effective, qs_err *err);

/* Character-bigram shingles of a (normalised) text: letters, digits and CJK
 * only, ASCII letters folded to lower case. Writes the sorted distinct 32-bit
 * hashes of up to `cap` smallest bigrams into out and returns their number.
 * Pure function of the text. */
size_t dedup_shingles(const char *text, size_t len, uint32_t *out, size_t cap);

/* Jaccard similarity of two sorted bottom-k sketches of capacity k: exact
 * when neither is full, estimated below the smaller full bound otherwise. */
double dedup_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t k);


typedef struct dedup_input {
    const char *id;
    int64_t t_ms;
    const char *complainant;  /* NULL: unknown */
    const char *merchant_key; /* NULL: none found */
    const char *text;         /* normalised text */
    size_t text_len;
    const uint32_t *shingles; /* from dedup_shingles */
    size_t n_shingles;
    double amount;
    int has_amount;
} dedup_input;

typedef struct dedup_stats {
    long checked, linked, linked_chase, linked_anon;
    long evicted, evicted_cap; /* entries dropped by age / by the memory cap */
    long entries;              /* held now */
    size_t bytes;              /* estimated state size */
} dedup_stats;

typedef struct dedup_ctx dedup_ctx;

dedup_ctx *dedup_new(const dedup_config *cfg, qs_err *err);
void dedup_free(dedup_ctx *d); /* NULL-safe */

/* Link in to an earlier duplicate, then remember it. *dup_of is the root
 * record's id (owned by the context, valid until the next call) or NULL. */
qs_rc dedup_check(dedup_ctx *d, const dedup_input *in, const char **dup_of, qs_err *err);

/* Event time moved: forget entries no record at or after watermark_ms can
 * still link to, then enforce the memory cap. */
void dedup_advance(dedup_ctx *d, int64_t watermark_ms);

const dedup_stats *dedup_get_stats(const dedup_ctx *d);

/* 1 when the text reads as a chase call about an earlier request. */
int dedup_is_chase(const dedup_ctx *d, const char *text, size_t len);

#endif
