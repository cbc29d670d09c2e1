/* ingest.h: the stream reader. Reads JSONL work orders line by line with a
 * bounded line buffer, checks each line against the input contract (UTF-8,
 * JSON object, required fields and types, RFC 3339 event time, unique id)
 * and hands out either an accepted record or a reject. A bad line never costs
 * a good neighbour: over-long lines are skipped without being buffered. */
#ifndef QS_INGEST_H
#define QS_INGEST_H

#include <stddef.h>
#include <stdio.h>

#include "record.h"
#include "status.h"

#define INGEST_DEFAULT_MAX_LINE (64 * 1024)

typedef enum ingest_reason {
    REJ_TOO_LONG,
    REJ_NUL,
    REJ_UTF8,
    REJ_JSON,
    REJ_NOT_OBJECT,
    REJ_MISSING,
    REJ_TYPE,
    REJ_VALUE,
    REJ_TIME,
    REJ_DUP_ID,
    REJ_N_REASONS
} ingest_reason;

typedef struct ingest_reject {
    long line;
    ingest_reason reason;
    int has_id;
    char id[256];   /* the id when it could be read (truncated at 255 bytes) */
    char error[160];
} ingest_reject;

typedef enum ingest_kind { INGEST_RECORD, INGEST_REJECT, INGEST_EOF } ingest_kind;

typedef struct ingest_stats {
    long lines;     /* lines read, blank ones included */
    long blank;     /* blank lines, skipped silently */
    long accepted;
    long rejected;
    long by_reason[REJ_N_REASONS];
    long ids_forgotten; /* ids dropped from the uniqueness check by the horizon */
} ingest_stats;

typedef struct ingest ingest;

/* Reader over `in` (not closed by the reader). max_line is the longest line
 * accepted in bytes (0: the default). check_ids: reject ids seen before in
 * this stream. Returns NULL with err filled on allocation failure. */
ingest *ingest_open(FILE *in, size_t max_line, int check_ids, qs_err *err);
void ingest_close(ingest *ing); /* NULL-safe */

/* Next item. On QS_OK *kind says what was filled: rec (caller calls
 * record_reset when done, or passes it back in: it is reset first), rej, or
 * nothing at end of input. QS_EIO on a read error, QS_ENOMEM. */
qs_rc ingest_next(ingest *ing, ingest_kind *kind, qs_record *rec, ingest_reject *rej, qs_err *err);

/* Bound the memory of the id-uniqueness check on an endless stream: ids are
 * remembered for horizon_ms of event time after the newest record seen, then
 * forgotten (0, the default: remembered for the whole stream). */
void ingest_set_id_horizon(ingest *ing, long long horizon_ms);

/* Require only `text` (for `extract`, where every record stands alone): id
 * and received_at may then be absent or null, and the record's id and
 * received_at are NULL (t_ms 0); when present they are checked as usual.
 * The default (off) is the full input contract. */
void ingest_set_only_text(ingest *ing, int on);

/* Records without their JSON tree (for `extract`, which reads only the
 * contract's fields): rec->json is NULL, and the strings point into the
 * reader's line buffer, valid until the next ingest_next (not only until
 * record_reset). The common line, an object of strings and nulls, is then
 * read directly, several times faster than building the tree; records and
 * rejects are the same either way. Default off. */
void ingest_set_no_tree(ingest *ing, int on);

/* Counters so far. Borrowed, valid while the reader is open. */
const ingest_stats *ingest_get_stats(const ingest *ing);

/* Static short name of a reason, for summaries ("too_long", "utf8", ...). */
const char *ingest_reason_name(ingest_reason r);

/* Byte offset just past the last line returned (for resuming a file). */
long long ingest_offset(const ingest *ing);

/* Continue an input an earlier run read up to byte `offset`, the end of line
 * `lineno`: the caller has positioned `in` there; offsets and line numbers
 * go on from it. Call before the first ingest_next. */
void ingest_resume_at(ingest *ing, long long offset, long lineno);

/* Number of the last line read (0 before the first). */
long ingest_lineno(const ingest *ing);

/* 1 when the next ingest_next can return without reading the input (a whole
 * line or the end is buffered), so a caller can flush work before it blocks. */
int ingest_buffered(const ingest *ing);

/* Validate a buffer as UTF-8 (ICU's U8_NEXT rules: no overlongs, no
 * surrogates). Returns 1 when valid. */
int ingest_utf8_valid(const char *s, size_t len);

#endif
