/* report.h: the periodic analysis report (统计分析通报) written from the
 * store's aggregates (store_query_report) as Markdown, HTML or JSON, and
 * the small text helpers the query commands share (time arguments, Chinese
 * names of codes, terminal table cells). Reports hold counts, codes and
 * business names only: no complaint text, no complainant. */
#ifndef QS_REPORT_H
#define QS_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "status.h"

struct cJSON;

typedef enum report_format { REPORT_MD, REPORT_HTML, REPORT_JSON } report_format;

/* Parse "md", "html" or "json"; -1 when unknown. */
int report_parse_format(const char *s);

/* Write the report for [from_ms, to_ms) from `agg` (store_query_report's
 * object), times shown in the offset tz_min. QS_EIO when writing fails. */
qs_rc report_write(FILE *f, const struct cJSON *agg, report_format fmt, int64_t from_ms,
                   int64_t to_ms, int tz_min, qs_err *err);

/* A time argument: RFC 3339, or a date "YYYY-MM-DD" meaning its midnight in
 * the offset tz_min. Returns 0 and sets *ms, or -1. */
int report_parse_time(const char *s, int tz_min, int64_t *ms);

/* Chinese display names of codes; the code itself when unknown, "未注明"
 * for NULL or empty. Static strings or `code`. */
const char *report_issue_name(const char *code);
const char *report_sector_name(const char *code);
const char *report_channel_name(const char *code);
const char *report_alert_type_name(const char *code);

/* Fields of the aggregates (store_query_*): the number named `name` of o
 * (0 when absent or not a number), its string (NULL when absent). */
double report_num(const struct cJSON *o, const char *name);
const char *report_str(const struct cJSON *o, const char *name);

/* Print s padded to `width` terminal columns (CJK counted as two), cut
 * with "…" when longer. */
void report_cell(FILE *f, const char *s, int width);

#endif
