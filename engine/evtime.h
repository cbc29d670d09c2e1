/* evtime.h: the event-time clock of the stream and its optional reorder
 * buffer. The clock tracks the latest event time seen and the watermark
 * (latest seen minus the allowed lateness) and classifies each record as on
 * time, late (older than the latest seen, within the lateness) or very late
 * (older than the watermark). The reorder buffer holds whole records until
 * the latest seen minus a delay passes them and hands them out in (event
 * time, id) order, so any arrival order within the delay gives one
 * processing order. Nothing here reads the wall clock. */
#ifndef QS_EVTIME_H
#define QS_EVTIME_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "status.h"

typedef enum evt_class { EVT_ON_TIME, EVT_LATE, EVT_VERY_LATE } evt_class;

typedef struct evt_clock {
    int64_t lateness_ms;
    int64_t max_seen; /* latest event time seen; valid when started */
    int started;
} evt_clock;

void evt_clock_init(evt_clock *c, int64_t lateness_ms);
/* Classify t against what was seen before, then take it into account. */
evt_class evt_clock_observe(evt_clock *c, int64_t t_ms);
/* max_seen - lateness; INT64_MIN before the first record. */
int64_t evt_clock_watermark(const evt_clock *c);

typedef struct evt_buffer evt_buffer;

/* Buffer holding at most max_records (0: unbounded). NULL on ENOMEM. */
evt_buffer *evt_buffer_new(size_t max_records);
void evt_buffer_free(evt_buffer *b); /* NULL-safe; frees held records */

/* Take ownership of *rec (its JSON and strings move into the buffer; *rec is
 * zeroed). */
qs_rc evt_buffer_push(evt_buffer *b, qs_record *rec, qs_err *err);
/* Pop the earliest held record into *out (record_reset it afterwards) when
 * its event time is < until_ms (returns 1) or the buffer holds more than its
 * size (returns 2); 0 when nothing is due. Pass INT64_MAX to drain. */
int evt_buffer_pop(evt_buffer *b, int64_t until_ms, qs_record *out);
size_t evt_buffer_count(const evt_buffer *b);

#endif
