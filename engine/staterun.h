/* staterun.h: `qunsu run --state DIR`, the resumable run. Opens and checks
 * the store, truncates --out to its committed length, rebuilds the stream's
 * in-memory state by replaying the stored records, then reads on from the
 * committed input position (a file) or skips what was committed (a replayed
 * stdin), one transaction per batch: records, alerts, rejects, input
 * position and output length together. The "state" section of the config:
 *   batch_records  records per transaction (default 1000)
 *   batch_ms       longest a read record waits for its commit (default 200)
 *   synchronous    "normal" (default) or "full": see README
 *   keep_days      event-time days of records kept (default 400; alerts are
 *                  kept for ever) */
#ifndef QS_STATERUN_H
#define QS_STATERUN_H

#include <stddef.h>

#include "status.h"
#include "stream.h"

typedef struct staterun_opts {
    const char *state_dir;
    const char *in_path;  /* NULL or "-": stdin */
    const char *out_path; /* NULL or "-": stdout (at-least-once) */
    const stream_options *stream; /* its config is the whole config tree */
    size_t max_line;      /* 0: the reader's default */
    int quiet;            /* no summary on stderr */
} staterun_opts;

/* Run to the end of the input. Errors carry a message for the user;
 * qs_rc_exit gives the exit status (2 for every state and I/O fault). */
qs_rc staterun_run(const staterun_opts *opt, qs_err *err);

/* The "state" section's effective values (section may be NULL: defaults):
 * every key above with the value in force. Validates like staterun_run
 * (QS_ECONFIG naming the key). Caller frees *out with cJSON_Delete. */
qs_rc staterun_effective_config(const struct cJSON *section, struct cJSON **out, qs_err *err);

#endif
