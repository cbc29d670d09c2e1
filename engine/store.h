/* store.h: the durable state of `qunsu run --state DIR`, an SQLite database
 * (WAL mode) in DIR/qunsu.db. The store is an event log: the accepted records
 * in the order they were fed to the stream (original JSON, extracted fields,
 * a masked display copy), the alerts and their updates, the rejects, the
 * input and output positions and the run metadata. The engine's in-memory
 * state is rebuilt from it by replaying the records (see staterun.h); the
 * merchant, alias and complainant tables are kept beside it for the query
 * commands and the report. Progress is committed one batch per transaction,
 * so a crash loses nothing that was committed and leaves no half-batch.
 * This is the only module that talks to SQLite, always through prepared
 * statements. */
#ifndef QS_STORE_H
#define QS_STORE_H

#include <stdint.h>

#include "record.h"
#include "status.h"

struct cJSON;

#define STORE_SCHEMA_VERSION 1
#define STORE_DB_NAME "qunsu.db"

typedef enum store_sync { STORE_SYNC_NORMAL, STORE_SYNC_FULL } store_sync;

typedef struct store_open_opts {
    int readonly;               /* query commands: existing store, no writes, no lock */
    store_sync sync;            /* writer durability (PRAGMA synchronous) */
    const char *engine_version; /* writer: recorded in the metadata */
    const char *config_hash;    /* writer: must equal the stored one; recorded on creation */
    const char *model_hash;     /* writer: a change is reported on stderr and recorded */
} store_open_opts;

typedef struct store store;

/* Open (writer: create when absent) the store in dir. Checks, each a clear
 * error (QS_ESTORE/QS_EDATA/QS_EIO, exit status 2), never a reset: the folder
 * is writable, no other writer holds it, the file is an SQLite database of
 * this engine (application_id), not corrupt (quick_check), its schema not
 * newer than this engine's (older ones are migrated in one transaction), and
 * the config hash unchanged. *out is the caller's, freed with store_close. */
qs_rc store_open(const char *dir, const store_open_opts *opt, store **out, qs_err *err);
void store_close(store *st); /* NULL-safe; rolls back an open batch */

/* Where the committed progress stands. */
typedef struct store_pos {
    int64_t seq;              /* accepted records committed (the last seq) */
    long long in_offset;      /* input byte offset after the last committed line */
    long in_line;             /* input line number of that line */
    char in_fingerprint[32];  /* hash of the input's first bytes (file resume check) */
    char out_path[4096];      /* the --out file the length refers to ("" = stdout) */
    long long out_len;        /* committed bytes of that file */
    int64_t max_t_ms;         /* latest event time committed (0: none) */
    int tz_min;               /* UTC offset that record was written in */
    long long batches;        /* transactions committed */
} store_pos;

qs_rc store_get_pos(store *st, store_pos *pos, qs_err *err);

/* One batch: begin, put records/alerts/rejects, commit with the new
 * position. Nothing is visible or durable before store_commit; a failed
 * commit is rolled back and the store keeps the previous batch. */
qs_rc store_begin(store *st, qs_err *err);
/* An accepted record, seq its place in the order fed to the stream. */
qs_rc store_put_record(store *st, int64_t seq, const qs_record *rec, qs_err *err);
/* An output event produced while feeding seq (event time t_ms): a
 * `complaint` fills in its record's extracted fields and the merchant and
 * complainant history, an `alert` is kept with its updates, a `reject` is
 * remembered for recognising a replayed input. */
qs_rc store_put_event(store *st, int64_t seq, int64_t t_ms, const struct cJSON *ev,
                      qs_err *err);
/* stream_finish was called after record seq (end of an input). */
qs_rc store_put_finish(store *st, int64_t seq, qs_err *err);
qs_rc store_commit(store *st, const store_pos *pos, qs_err *err);
void store_rollback(store *st);

/* Whether a record id / a reject (line + error) was committed; t_ms (may be
 * NULL) receives the found record's event time. */
qs_rc store_has_id(store *st, const char *id, int *found, int64_t *t_ms, qs_err *err);
qs_rc store_has_reject(store *st, long line, const char *error, int *found, qs_err *err);

/* Call fn for every retained record in seq order with its original JSON
 * (borrowed, valid during the call) and input line, and with json NULL
 * where stream_finish was called. Stops at fn's error. */
typedef qs_rc (*store_replay_fn)(void *ud, int64_t seq, long line, const char *json, qs_err *err);
qs_rc store_replay(store *st, store_replay_fn fn, void *ud, qs_err *err);

/* Retention, inside an open batch: drop records (and their history rows)
 * with event time before cutoff_ms; alerts are kept. *removed may be NULL. */
qs_rc store_prune(store *st, int64_t cutoff_ms, long long *removed, qs_err *err);

/* ---- reading (query commands and the report) ---- */

/* Alerts as an array of objects, newest first: the latest alert JSON under
 * "alert" plus alert_id, type, merchant_key, issue, first_seen, last_update,
 * updates, open. open: last update within open_days of the newest record.
 * merchant_key / since_ms (0: any) filter. Caller frees with cJSON_Delete. */
qs_rc store_query_alerts(store *st, int only_open, int open_days, const char *merchant_key,
                         int64_t since_ms, struct cJSON **out, qs_err *err);

/* One merchant's timeline: key, names (aliases with counts), sector,
 * complaints, first/last, per-day counts with issues, issue totals, the 20
 * latest complaints (masked text), episodes.
 * *out is NULL when the key is unknown. */
qs_rc store_query_merchant(store *st, const char *key, struct cJSON **out, qs_err *err);

/* Aggregates for the report over [from_ms, to_ms) of event time: totals,
 * by region/channel/sector/issue/kind, top merchants, daily series, alerts
 * raised, and the same totals for the previous period of equal length.
 * Only counts and codes: no text, no complainant ids. */
qs_rc store_query_report(store *st, int64_t from_ms, int64_t to_ms, int top_n,
                         struct cJSON **out, qs_err *err);

/* The earliest and latest event time of the retained records (0,0 when
 * empty). */
qs_rc store_time_range(store *st, int64_t *min_ms, int64_t *max_ms, qs_err *err);

/* Metadata value (borrowed, valid until store_close), or NULL. Keys:
 * schema_version, engine_version, config_hash, model_hash, created_at. */
const char *store_meta(store *st, const char *key);

/* A note from store_open the caller should print (e.g. the model changed
 * since the state was written), or NULL. Borrowed. */
const char *store_notice(const store *st);

#endif
