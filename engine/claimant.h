/* claimant.h: the professional-claimant signal (职业索赔/职业打假). Keeps each
 * complainant's recent history in event time and scores two things, both of
 * which must pass: behaviour (volume over 30/90/365 days, many distinct
 * merchants, bursts of several a day: one point each) and content
 * (punitive-compensation demands and statute citations: 2; template texts
 * reused across merchants: 2; focus on labels/expiry/3C/advertising words,
 * small purchases with large demands, reports rather than complaints: 1
 * each), each with its minimum and a minimum for their sum. A flagged person's record is
 * marked when it carries one of the content markers itself, so a genuine
 * complaint of theirs still counts. The flag is a reviewable signal. */
#ifndef QS_CLAIMANT_H
#define QS_CLAIMANT_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct cJSON;

typedef struct claim_config {
    double detail_days;      /* per-record history kept (30/90-day features) */
    long min_records_90d;    /* never flag with fewer records in 90 days */
    long count_365d;         /* behaviour: >= this many in 365 days */
    long count_90d;          /* behaviour: >= this many in 90 days */
    long count_30d;          /* behaviour: >= this many in 30 days */
    long merchants_90d;      /* behaviour: >= this many distinct merchants in 90 days */
    long burst_per_day;      /* behaviour: >= this many on one day in 30 days */
    long behaviour_points;   /* behaviour points needed */
    double share;            /* content: share of the 90-day records for a marker */
    long marker_min;         /* content: at least this many records with a marker */
    double template_sim;     /* content: Jaccard of two texts that share a template */
    long template_min;       /* content: own texts against other merchants alike */
    double small_amount;     /* a purchase at or below this many yuan is small */
    long content_points;     /* content points needed */
    long total_points;       /* behaviour + content points needed */
    double memory_cap_mb;
} claim_config;

qs_rc claim_config_read(const struct cJSON *section, claim_config *cfg,
                        struct cJSON *effective, qs_err *err);

/* Text markers found by claim_markers (below). */
enum {
    CLAIM_PUNITIVE = 1u << 0,    /* 十倍赔偿, 退一赔三, 第一百四十八条 … */
    CLAIM_FOCUS = 1u << 1,       /* labels, expiry, 3C, advertising words */
    CLAIM_LARGE_DEMAND = 1u << 2 /* a demand of a fixed sum or multiple */
};

typedef struct claim_input {
    const char *complainant; /* NULL: nothing to do */
    int64_t t_ms;
    int tz_min;
    const char *merchant_key; /* NULL when none */
    int is_report;            /* kind == report */
    int punitive_tag;         /* the extractor tagged punitive_demand */
    const char *text;         /* normalised */
    size_t text_len;
    const uint32_t *shingles; /* from dedup_shingles */
    size_t n_shingles;
    double amount;
    int has_amount;
    int duplicate; /* a duplicate adds nothing to the person's counts */
} claim_input;

typedef struct claim_stats {
    long observed, flagged_records, flagged_people;
    long evicted, evicted_cap, people_evicted;
    long people, entries;
    size_t bytes;
} claim_stats;

typedef struct claim_ctx claim_ctx;

claim_ctx *claim_new(const claim_config *cfg, qs_err *err);
void claim_free(claim_ctx *c); /* NULL-safe */

/* Take the record into its complainant's history and say whether it is
 * flagged professional. */
qs_rc claim_observe(claim_ctx *c, const claim_input *in, int *professional, qs_err *err);

/* Event time moved: forget history older than the longest window. */
void claim_advance(claim_ctx *c, int64_t watermark_ms);

const claim_stats *claim_get_stats(const claim_ctx *c);

/* The text markers (CLAIM_*) of a text. */
unsigned claim_markers(const claim_ctx *c, const char *text, size_t len);

#endif
