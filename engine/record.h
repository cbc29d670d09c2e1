/* record.h: one accepted complaint work order, as the reader hands it to the
 * pipeline. The strings point into the parsed JSON object that the record
 * owns; they stay valid until record_reset() (from a reader set with
 * ingest_set_no_tree: json is NULL and they point into the reader's line,
 * valid until its next ingest_next). */
#ifndef QS_RECORD_H
#define QS_RECORD_H

#include <stdint.h>

struct cJSON;

typedef struct qs_record {
    long line;               /* 1-based input line number */
    const char *id;          /* required, unique in the stream */
    const char *received_at; /* required, as given */
    const char *text;        /* required (UTF-8, may be empty) */
    const char *channel;     /* optional fields: NULL when absent or null */
    const char *kind;        /* "complaint" when absent */
    const char *complainant;
    const char *region;
    const char *merchant;
    double amount;
    int has_amount;
    int64_t t_ms;            /* event time, UTC epoch milliseconds */
    int tz_min;              /* the offset received_at was written in */
    struct cJSON *json;      /* owned: the parsed line (NULL: see above) */
} qs_record;

/* Release what the record owns and zero it. NULL-safe. */
void record_reset(qs_record *rec);

#endif
