/* event.h: output events, one JSON object per line (the contract's
 * `complaint`, `alert` and `reject`). Builders return cJSON trees the caller
 * owns; event_write prints one and frees nothing. */
#ifndef QS_EVENT_H
#define QS_EVENT_H

#include <stdio.h>
#include <string.h>

#include "ingest.h"
#include "status.h"

struct cJSON;

/* {"event":"reject","line":N,"id":…,"error":…}; caller frees with cJSON_Delete.
 * NULL on allocation failure. */
struct cJSON *event_reject(const ingest_reject *rej);

/* Write `ev` as one unformatted line to out. QS_EIO when the write fails,
 * QS_ENOMEM when printing fails. */
qs_rc event_write(FILE *out, const struct cJSON *ev, qs_err *err);

/* Writing an event of a fixed shape directly, in the bytes event_write
 * would give for the same cJSON tree: begin, then raw JSON punctuation and
 * keys (event_out_raw(eo, "{\"id\":")), strings (quoted and escaped) and
 * numbers, then end, which adds the newline and writes out what is left.
 * Output goes to the stream in pieces as the buffer fills. */
typedef struct event_out {
    FILE *out;
    size_t n;
    int bad;
    char buf[8192];
} event_out;

void event_out_begin(event_out *eo, FILE *out);
/* n bytes of raw JSON. */
void event_out_raw_n(event_out *eo, const char *json, size_t n);
/* Inline: the JSON is a literal at most calls, its length a constant, and
 * the copy into the buffer a few moves. */
static inline void event_out_raw(event_out *eo, const char *json)
{
    size_t n = strlen(json);
    if (n <= sizeof eo->buf - eo->n) {
        memcpy(eo->buf + eo->n, json, n);
        eo->n += n;
    } else {
        event_out_raw_n(eo, json, n);
    }
}
void event_out_string(event_out *eo, const char *s); /* NULL writes "" */
void event_out_number(event_out *eo, double d);
/* QS_EIO when a write failed. */
qs_rc event_out_end(event_out *eo, qs_err *err);

#endif
