/* detect.h: early warning over the stream of counted complaints. Keeps
 * per-merchant and per-issue event-time counts, tests them against each
 * merchant's history and its sector, and raises interview, warning and
 * emerging alerts with episodes (one alert_id per episode, updates after). */
#ifndef QS_DETECT_H
#define QS_DETECT_H

#include <stdint.h>

#include "status.h"
#include "taxonomy.h"

struct cJSON;

/* One accepted complaint as the detector sees it. Strings are borrowed for
 * the duration of the call. */
typedef struct det_obs {
    const char *id;
    int64_t t_ms;              /* event time */
    int tz_min;                /* offset to print times in */
    const char *merchant_key;  /* NULL when no merchant was found */
    const char *merchant_name;
    tax_sector sector;
    const char *region;        /* NULL when absent */
    tax_issue issue;
    unsigned tags;
    const char *complainant;   /* NULL when absent */
    double amount;
    int has_amount;
    int duplicate;             /* listed, never counted */
    int professional;          /* listed, not counted toward raising */
    int has_text_sector;       /* no merchant, but the text names its trade */
    tax_sector text_sector;    /* (一家健身房): counted toward emerging issues */
} det_obs;

/* Receives each alert event (the contract's `alert`); the callee owns it. */
typedef qs_rc (*det_emit_fn)(void *ud, struct cJSON *alert, qs_err *err);

typedef struct det_ctx det_ctx;

/* Config is the "detect" section of the config file (may be NULL: defaults). */
det_ctx *det_new(const struct cJSON *config, qs_err *err);
void det_free(det_ctx *d); /* NULL-safe */

/* The detect section's effective values: every key (windows_hours and the
 * numeric thresholds) with the value in force, defaults filled in. Validates
 * like det_new (QS_ECONFIG naming the key). Caller frees *out with
 * cJSON_Delete. */
qs_rc det_effective_config(const struct cJSON *section, struct cJSON **out, qs_err *err);

/* Count one complaint and emit any alert or update it causes. */
qs_rc det_observe(det_ctx *d, const det_obs *obs, det_emit_fn emit, void *ud, qs_err *err);

/* Event time moved: close quiet episodes, run time-driven tests, evict old
 * state. Called by the stream with the watermark. */
qs_rc det_advance(det_ctx *d, int64_t watermark_ms, det_emit_fn emit, void *ud, qs_err *err);

/* Running counters, for progress reports and the benchmark. */
typedef struct det_counters {
    long observed;       /* det_observe calls */
    long counted;        /* not duplicate, not professional, with a merchant */
    long unnamed;        /* the same without a merchant, with a text sector:
                            counted toward emerging issues only */
    long merchants;      /* merchants held now */
    long evicted;        /* merchants dropped after a quiet baseline period */
    long episodes_open;  /* interview episodes open now */
    long alerts[3];      /* new alerts by type: interview, warning, emerging */
    long updates;        /* update events of any type */
} det_counters;

void det_get_counters(const det_ctx *d, det_counters *out);

#endif
