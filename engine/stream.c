/* stream.c: the `qunsu run` loop (see stream.h). Owns the event-time clock,
 * the optional reorder buffer, and the per-record pipeline: extraction,
 * duplicate link, professional-claimant signal, the complaint event, then
 * the detector. Every decision depends only on the sequence of records fed:
 * no wall clock, no randomness, no output that follows hash-table order. */
#include "stream.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "claimant.h"
#include "clock.h"
#include "config.h"
#include "dedup.h"
#include "detect.h"
#include "evtime.h"
#include "extract.h"
#include "stream_config.h"

#define SHINGLE_CAP DEDUP_SKETCH

typedef struct stream_counts {
    long records, on_time, late, very_late, beyond_history;
    long duplicates, professional, no_merchant;
    long reorder_held_max, reorder_forced;
    long watermark_moves;
    size_t peak_bytes; /* largest duplicate + claimant state seen */
} stream_counts;

struct stream {
    stream_config cfg;
    evt_clock arrival;     /* classifies records as they arrive */
    int64_t processed_max; /* latest event time processed */
    int64_t last_wm;       /* watermark last passed to the modules */
    int have_wm;
    int64_t history_ms;    /* the longest window any state holds */
    evt_buffer *buf;       /* reorder buffer, or NULL */
    ex_ctx *ex;
    dedup_ctx *dd;
    claim_ctx *cl;
    det_ctx *det;
    stream_counts n;
};

stream *stream_new(const stream_options *opt, qs_err *err)
{
    stream_all_config a;
    if (stream_config_read_all(opt ? opt->config : NULL, &a, NULL, err) != QS_OK)
        return NULL;
    stream *s = calloc(1, sizeof *s);
    if (!s) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    s->cfg = a.st;
    evt_clock_init(&s->arrival, (int64_t)(a.st.lateness_hours * (double)CLOCK_MS_PER_HOUR));
    s->processed_max = INT64_MIN;
    double hist_days = a.dd.horizon_days > a.cl.detail_days ? a.dd.horizon_days : a.cl.detail_days;
    if (hist_days < 365)
        hist_days = 365;
    s->history_ms = (int64_t)(hist_days * 86400000.0);
    ex_options xo = {.merchants_path = opt ? opt->merchants_path : NULL,
                     .user_dict_path = opt ? opt->user_dict_path : NULL,
                     .merchant_horizon_days = a.st.merchant_horizon_days,
                     .stream_keys = 1};
    if (a.st.reorder && !(s->buf = evt_buffer_new((size_t)a.st.reorder_max_records))) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        goto fail;
    }
    /* The detector reads its section without the '_' comment keys. */
    const cJSON *dsec = conf_section(opt ? opt->config : NULL, "detect");
    cJSON *dconf = conf_without_comments(dsec, err);
    if (dsec && !dconf)
        goto fail;
    if (!(s->ex = ex_new(&xo, err)) || !(s->dd = dedup_new(&a.dd, err)) ||
        !(s->cl = claim_new(&a.cl, err)) || !(s->det = det_new(dconf, err))) {
        cJSON_Delete(dconf);
        goto fail;
    }
    cJSON_Delete(dconf);
    return s;
fail:
    stream_free(s);
    return NULL;
}

void stream_free(stream *s)
{
    if (!s)
        return;
    evt_buffer_free(s->buf);
    ex_free(s->ex);
    dedup_free(s->dd);
    claim_free(s->cl);
    det_free(s->det);
    free(s);
}

/* Alerts travel the same path as complaint events. */
typedef struct emit_ctx {
    stream_emit_fn emit;
    void *ud;
} emit_ctx;

static qs_rc det_emit(void *ud, cJSON *alert, qs_err *err)
{
    emit_ctx *e = ud;
    return e->emit(e->ud, alert, err);
}

/* Move every module's event time to wm (monotone). */
static qs_rc advance(stream *s, int64_t wm, emit_ctx *e, qs_err *err)
{
    if (s->have_wm && wm <= s->last_wm)
        return QS_OK;
    s->have_wm = 1;
    s->last_wm = wm;
    s->n.watermark_moves++;
    dedup_advance(s->dd, wm);
    claim_advance(s->cl, wm);
    return det_advance(s->det, wm, det_emit, e, err);
}

/* The pipeline for one record, in processing order. */
static qs_rc process(stream *s, const qs_record *rec, emit_ctx *e, qs_err *err)
{
    qs_rc rc;
    if (s->processed_max != INT64_MIN && rec->t_ms < s->processed_max - s->history_ms)
        s->n.beyond_history++;
    if (rec->t_ms > s->processed_max)
        s->processed_max = rec->t_ms;
    /* Without reordering the watermark trails the latest event time by the
     * lateness; with it, records come out in order and the watermark is the
     * latest one processed. */
    int64_t wm = s->buf ? s->processed_max
                        : s->processed_max - s->arrival.lateness_ms;
    if ((rc = advance(s, wm, e, err)) != QS_OK)
        return rc;

    ex_result res;
    if ((rc = ex_run(s->ex, rec, &res, err)) != QS_OK ||
        (rc = ex_resolve_record(s->ex, rec, &res, err)) != QS_OK)
        return rc;
    const char *text = res.norm_text ? res.norm_text : rec->text;
    size_t text_len = res.norm_text ? res.norm_len : strlen(rec->text);
    const char *mkey = res.has_merchant ? res.merchant_key : NULL;
    if (!mkey)
        s->n.no_merchant++;
    uint32_t sh[SHINGLE_CAP];
    size_t nsh = dedup_shingles(text, text_len, sh, SHINGLE_CAP);

    dedup_input di = {rec->id, rec->t_ms, rec->complainant, mkey, text, text_len,
                      sh, nsh, rec->amount, rec->has_amount};
    const char *dup_of = NULL;
    if ((rc = dedup_check(s->dd, &di, &dup_of, err)) != QS_OK)
        return rc;
    int is_report = rec->kind && strcmp(rec->kind, "report") == 0;
    claim_input ci = {rec->complainant, rec->t_ms, rec->tz_min, mkey, is_report,
                      (res.tags & TAG_BIT(TAG_PUNITIVE_DEMAND)) != 0, text, text_len, sh, nsh,
                      rec->amount, rec->has_amount, dup_of != NULL};
    int prof = 0;
    if ((rc = claim_observe(s->cl, &ci, &prof, err)) != QS_OK)
        return rc;
    s->n.duplicates += dup_of != NULL;
    s->n.professional += prof;
    size_t bytes = stream_state_bytes(s);
    if (bytes > s->n.peak_bytes)
        s->n.peak_bytes = bytes;

    cJSON *ev = ex_complaint_event(rec, &res, dup_of, prof);
    if (!ev)
        return qs_fail(err, QS_ENOMEM, "out of memory building the complaint event");
    if ((rc = e->emit(e->ud, ev, err)) != QS_OK)
        return rc;

    /* a name that identifies no one business counts toward no merchant */
    det_obs ob = {rec->id, rec->t_ms, rec->tz_min, res.merchant_doubtful ? NULL : mkey,
                  res.has_merchant ? res.merchant_name : NULL,
                  /* the detector takes its own majority of the records' sectors */
                  res.has_merchant ? res.own_sector : SECTOR_OTHER, rec->region, res.issue, res.tags,
                  rec->complainant, rec->amount, rec->has_amount, dup_of != NULL, prof,
                  res.has_text_sector, res.text_sector};
    return det_observe(s->det, &ob, det_emit, e, err);
}

/* Point the copy's strings into its own JSON: the same field of the same
 * object, or the original pointer when it is not in the JSON (a default). */
static void rebind(qs_record *copy, const qs_record *rec)
{
    static const char *const names[] = {"id", "received_at", "text", "channel",
                                        "kind", "complainant", "region", "merchant"};
    const char *const src[] = {rec->id, rec->received_at, rec->text, rec->channel,
                               rec->kind, rec->complainant, rec->region, rec->merchant};
    const char **dst[] = {&copy->id, &copy->received_at, &copy->text, &copy->channel,
                          &copy->kind, &copy->complainant, &copy->region, &copy->merchant};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(rec->json, names[i]);
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(copy->json, names[i]);
        *dst[i] = src[i] && o && o->valuestring == src[i] ? c->valuestring : src[i];
    }
}

qs_rc stream_feed(stream *s, const qs_record *rec, stream_emit_fn emit, void *ud, qs_err *err)
{
    emit_ctx e = {emit, ud};
    s->n.records++;
    evt_class cls = evt_clock_observe(&s->arrival, rec->t_ms);
    s->n.on_time += cls == EVT_ON_TIME;
    s->n.late += cls == EVT_LATE;
    s->n.very_late += cls == EVT_VERY_LATE;
    /* A record already past the reorder horizon cannot be put in order: it
     * goes straight through, like a very late record without reordering. */
    int64_t release = s->arrival.max_seen - (int64_t)(s->cfg.reorder_delay_hours * (double)CLOCK_MS_PER_HOUR);
    if (!s->buf || rec->t_ms < release)
        return process(s, rec, &e, err);

    /* The buffer owns a copy so the caller may reuse its record. */
    qs_record copy = {0};
    copy.json = cJSON_Duplicate(rec->json, 1);
    if (!copy.json)
        return qs_fail(err, QS_ENOMEM, "out of memory holding a record");
    copy.line = rec->line;
    copy.amount = rec->amount;
    copy.has_amount = rec->has_amount;
    copy.t_ms = rec->t_ms;
    copy.tz_min = rec->tz_min;
    rebind(&copy, rec);
    qs_rc rc = evt_buffer_push(s->buf, &copy, err);
    if (rc != QS_OK) {
        record_reset(&copy);
        return rc;
    }
    if ((long)evt_buffer_count(s->buf) > s->n.reorder_held_max)
        s->n.reorder_held_max = (long)evt_buffer_count(s->buf);
    qs_record out = {0};
    int forced;
    while ((forced = evt_buffer_pop(s->buf, release, &out)) != 0) {
        s->n.reorder_forced += forced == 2;
        rc = process(s, &out, &e, err);
        record_reset(&out);
        if (rc != QS_OK)
            return rc;
    }
    return QS_OK;
}

qs_rc stream_finish(stream *s, stream_emit_fn emit, void *ud, qs_err *err)
{
    emit_ctx e = {emit, ud};
    qs_record out = {0};
    while (s->buf && evt_buffer_pop(s->buf, INT64_MAX, &out)) {
        qs_rc rc = process(s, &out, &e, err);
        record_reset(&out);
        if (rc != QS_OK)
            return rc;
    }
    /* Input is over: nothing later can arrive, so event time reaches the
     * latest record seen. */
    if (s->processed_max == INT64_MIN)
        return QS_OK;
    return advance(s, s->processed_max, &e, err);
}

size_t stream_state_bytes(const stream *s)
{
    mt_stats m;
    ex_table_stats(s->ex, &m);
    return dedup_get_stats(s->dd)->bytes + claim_get_stats(s->cl)->bytes + m.bytes;
}

long long stream_id_horizon_ms(const stream *s)
{
    return (long long)(s->cfg.id_horizon_days * 86400000.0);
}

void stream_write_stats(const stream *s, FILE *f)
{
    const dedup_stats *d = dedup_get_stats(s->dd);
    const claim_stats *c = claim_get_stats(s->cl);
    fprintf(f,
            "records %ld\non_time %ld\nlate %ld\nvery_late %ld\nbeyond_history %ld\n"
            "no_merchant %ld\nduplicates %ld\nduplicates_chase %ld\nduplicates_anonymous %ld\n"
            "professional_records %ld\nprofessional_people %ld\n",
            s->n.records, s->n.on_time, s->n.late, s->n.very_late, s->n.beyond_history,
            s->n.no_merchant, s->n.duplicates, d->linked_chase, d->linked_anon,
            s->n.professional, c->flagged_people);
    if (s->buf)
        fprintf(f, "reorder_held_max %ld\nreorder_forced %ld\n", s->n.reorder_held_max,
                s->n.reorder_forced);
    fprintf(f,
            "dedup_entries %ld\ndedup_evicted %ld\ndedup_evicted_cap %ld\ndedup_bytes %zu\n"
            "claimant_people %ld\nclaimant_entries %ld\nclaimant_evicted %ld\n"
            "claimant_evicted_cap %ld\nclaimant_people_evicted %ld\nclaimant_bytes %zu\n"
            "state_peak_bytes %zu\n",
            d->entries, d->evicted, d->evicted_cap, d->bytes, c->people, c->entries, c->evicted,
            c->evicted_cap, c->people_evicted, c->bytes, s->n.peak_bytes);
    mt_stats m;
    ex_table_stats(s->ex, &m);
    fprintf(f,
            "merchant_keys %ld\nmerchant_businesses %ld\nmerchant_merged_sound %ld\n"
            "merchant_merged_head %ld\nmerchant_merged_alone %ld\nmerchant_merged_longer %ld\n"
            "merchant_merged_place %ld\nmerchant_merged_operator %ld\n"
            "merchant_merged_rename %ld\n"
            "merchant_merges_refused %ld\n"
            "merchant_by_operator %ld\nmerchant_doubtful %ld\nmerchant_evicted %ld\nmerchant_bytes %zu\n",
            m.spellings, m.businesses, m.merged_sound, m.merged_head, m.merged_alone, m.merged_longer,
            m.merged_place, m.merged_operator,
            m.merged_rename, m.refused,
            m.by_operator, m.doubtful, m.evicted, m.bytes);
    det_counters k;
    det_get_counters(s->det, &k);
    fprintf(f,
            "detect_counted %ld\ndetect_merchants %ld\ndetect_merchants_evicted %ld\n"
            "alerts_interview %ld\nalerts_warning %ld\nalerts_emerging %ld\nalert_updates %ld\n",
            k.counted, k.merchants, k.evicted, k.alerts[0], k.alerts[1], k.alerts[2], k.updates);
}
