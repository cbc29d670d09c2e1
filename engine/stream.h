/* stream.h: the `qunsu run` pipeline, one record at a time in event time.
 * Each accepted record is extracted, linked to earlier duplicates, checked
 * against its complainant's history, and handed to the detector; the stream
 * emits the record's `complaint` event and any `alert` it causes. All state
 * lives in the stream object (no globals), so a replay of the same records
 * rebuilds the same state and the same output. */
#ifndef QS_STREAM_H
#define QS_STREAM_H

#include <stdio.h>

#include "record.h"
#include "status.h"

struct cJSON;

typedef struct stream_options {
    const struct cJSON *config; /* the whole parsed config file, or NULL: defaults */
    const char *merchants_path; /* --merchants registry, or NULL */
    const char *user_dict_path; /* --dict, or NULL */
} stream_options;

/* Receives each output event in order; the callee owns `event`. */
typedef qs_rc (*stream_emit_fn)(void *ud, struct cJSON *event, qs_err *err);

typedef struct stream stream;

stream *stream_new(const stream_options *opt, qs_err *err);
void stream_free(stream *s); /* NULL-safe */

/* Process one accepted record; emits its complaint event and any alerts. */
qs_rc stream_feed(stream *s, const qs_record *rec, stream_emit_fn emit, void *ud, qs_err *err);

/* End of input: flush what event time still holds back. */
qs_rc stream_finish(stream *s, stream_emit_fn emit, void *ud, qs_err *err);

/* The effective configuration: every key of the five sections (stream,
 * dedup, professional, detect, state) with its value in force (defaults
 * filled in). Validates like stream_new, det_new and staterun_run.
 * Caller frees *out with cJSON_Delete. */
qs_rc stream_effective_config(const struct cJSON *config, struct cJSON **out, qs_err *err);

/* How long the reader should remember ids for its uniqueness check, in
 * milliseconds of event time (config stream.id_horizon_days). */
long long stream_id_horizon_ms(const stream *s);

/* Estimated bytes held now by the duplicate and complainant state. */
size_t stream_state_bytes(const stream *s);

/* Counters of the run so far: records by lateness, duplicates, professional
 * flags, evictions, state size. One "name value" pair a line. */
void stream_write_stats(const stream *s, FILE *f);

#endif
