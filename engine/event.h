/* event.h: output events, one JSON object per line (the contract's
 * `complaint`, `alert` and `reject`). Builders return cJSON trees the caller
 * owns; event_write prints one and frees nothing. */
#ifndef QS_EVENT_H
#define QS_EVENT_H

#include <stdio.h>

#include "ingest.h"
#include "status.h"

struct cJSON;

/* {"event":"reject","line":N,"id":…,"error":…}; caller frees with cJSON_Delete.
 * NULL on allocation failure. */
struct cJSON *event_reject(const ingest_reject *rej);

/* Write `ev` as one unformatted line to out. QS_EIO when the write fails,
 * QS_ENOMEM when printing fails. */
qs_rc event_write(FILE *out, const struct cJSON *ev, qs_err *err);

#endif
