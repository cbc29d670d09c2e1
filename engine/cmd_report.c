/* cmd_report.c: `qunsu report --state DIR`: the periodic analysis report
 * (统计分析通报) of a state folder for a period of event time. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "report.h"
#include "store.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu report --state DIR [--format html|md|json] [--from T] [--to T]\n"
          "                    [--top N]\n"
          "The analysis report (统计分析通报) of a state folder: counts by region,\n"
          "channel, kind, sector and issue, top merchants, alerts raised, trends, with\n"
          "the previous period of equal length for comparison. No personal data.\n"
          "  --from T, --to T  period of event time, [from, to); RFC 3339 or YYYY-MM-DD\n"
          "                    (midnight in the data's UTC offset; --to is exclusive).\n"
          "                    Default: the 30 days up to the newest complaint.\n"
          "  --format F        md (default), html or json\n"
          "  --top N           merchants listed (default 10)\n",
          f);
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"state", required_argument, NULL, 's'}, {"format", required_argument, NULL, 'f'},
        {"from", required_argument, NULL, 'F'},  {"to", required_argument, NULL, 'T'},
        {"top", required_argument, NULL, 'n'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dir = NULL, *from = NULL, *to = NULL;
    int fmt = REPORT_MD, top = 10, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:f:F:T:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': dir = optarg; break;
        case 'f':
            if ((fmt = report_parse_format(optarg)) < 0) {
                fprintf(stderr, "qunsu report: --format must be html, md or json\n");
                return 1;
            }
            break;
        case 'F': from = optarg; break;
        case 'T': to = optarg; break;
        case 'n': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 1000) {
                fprintf(stderr, "qunsu report: bad --top: %s\n", optarg);
                return 1;
            }
            top = (int)v;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (!dir || optind < argc) {
        fputs("qunsu report: --state DIR is required\n", stderr);
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    store *st = NULL;
    store_open_opts so = {.readonly = 1};
    if (store_open(dir, &so, &st, &err) != QS_OK) {
        fprintf(stderr, "qunsu report: %s\n", err.msg);
        return 2;
    }
    int status = 0;
    store_pos pos;
    int64_t from_ms = 0, to_ms = 0;
    cJSON *agg = NULL;
    if (store_get_pos(st, &pos, &err) != QS_OK) {
        status = 2;
        goto out;
    }
    if ((from && report_parse_time(from, pos.tz_min, &from_ms) != 0) ||
        (to && report_parse_time(to, pos.tz_min, &to_ms) != 0)) {
        fprintf(stderr, "qunsu report: bad --from/--to (want RFC 3339 or YYYY-MM-DD)\n");
        store_close(st);
        return 1;
    }
    if (!to) {
        /* the end of the day of the newest complaint */
        int64_t day = clock_local_day(pos.max_t_ms, pos.tz_min) + 1;
        to_ms = day * CLOCK_MS_PER_DAY - (int64_t)pos.tz_min * 60000;
    }
    if (!from)
        from_ms = to_ms - 30 * CLOCK_MS_PER_DAY;
    if (from_ms >= to_ms) {
        fprintf(stderr, "qunsu report: --from must be before --to\n");
        store_close(st);
        return 1;
    }
    if (store_query_report(st, from_ms, to_ms, top, &agg, &err) != QS_OK ||
        report_write(stdout, agg, (report_format)fmt, from_ms, to_ms, pos.tz_min, &err) != QS_OK) {
        status = 2;
        goto out;
    }
out:
    if (status)
        fprintf(stderr, "qunsu report: %s\n", err.msg);
    cJSON_Delete(agg);
    store_close(st);
    if (cli_close(stdout) != 0 && status == 0)
        status = 2;
    return status;
}
