/* clock.h: event time. Parses and formats RFC 3339 timestamps with offsets;
 * all windows in the engine are computed on the epoch milliseconds it gives,
 * never on the wall clock. */
#ifndef QS_CLOCK_H
#define QS_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#define CLOCK_MS_PER_HOUR 3600000LL
#define CLOCK_MS_PER_DAY 86400000LL

/* Parse "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)" (RFC 3339 section 5.6;
 * 't' and ' ' accepted for 'T', 'z' for 'Z'). Checks calendar ranges (leap
 * years, leap second 60 only at 23:59). On success returns 0 and sets *ms
 * (UTC epoch milliseconds) and *offset_min; on failure returns -1 and points
 * *why at a static reason. */
int clock_parse_rfc3339(const char *s, size_t len, int64_t *ms, int *offset_min, const char **why);

/* Format ms in the given offset as "YYYY-MM-DDTHH:MM:SS+08:00" into buf
 * (at least 32 bytes). Returns buf. */
char *clock_format(int64_t ms, int offset_min, char *buf, size_t cap);

/* Day number (days since 1970-01-01) of ms seen at the given offset. */
int64_t clock_local_day(int64_t ms, int offset_min);

#endif
