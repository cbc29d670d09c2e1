/* cmd_alerts.c: `qunsu alerts --state DIR`: the alerts kept in a state
 * folder, newest first, as JSON lines (a table on a terminal). Reads the
 * store only, so it can run beside a live `qunsu run --state`. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "store.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu alerts --state DIR [--open] [--merchant KEY] [--since T]\n"
          "                    [--open-days N] [--format json|table]\n"
          "Lists the alerts of a state folder, newest first: one JSON object a line\n"
          "(a table when stdout is a terminal).\n"
          "  --state DIR      the folder of `qunsu run --state`\n"
          "  --open           only open episodes: updated within --open-days of the\n"
          "                   newest complaint in the state (default 14)\n"
          "  --merchant KEY   only this merchant key\n"
          "  --since T        only alerts raised or updated at or after T\n"
          "                   (RFC 3339, or YYYY-MM-DD in the data's UTC offset)\n"
          "  --format F       json (default when not a terminal) or table\n",
          f);
}

static void print_table(const cJSON *arr)
{
    fputs("", stdout);
    report_cell(stdout, "预警编号", 34);
    report_cell(stdout, "类型", 16);
    report_cell(stdout, "经营者", 20);
    report_cell(stdout, "问题", 10);
    report_cell(stdout, "件数", 6);
    report_cell(stdout, "更新", 6);
    report_cell(stdout, "最近更新", 18);
    fputs("状态\n", stdout);
    const cJSON *a;
    cJSON_ArrayForEach(a, arr)
    {
        const cJSON *mk = cJSON_GetObjectItem(a, "merchant_key");
        const cJSON *is = cJSON_GetObjectItem(a, "issue");
        char n[32], u[32], t[40];
        snprintf(n, sizeof n, "%.0f", cJSON_GetObjectItem(a, "count")->valuedouble);
        snprintf(u, sizeof u, "%.0f", cJSON_GetObjectItem(a, "updates")->valuedouble - 1);
        snprintf(t, sizeof t, "%.16s", cJSON_GetObjectItem(a, "last_update")->valuestring);
        t[10] = ' ';
        report_cell(stdout, cJSON_GetObjectItem(a, "alert_id")->valuestring, 34);
        report_cell(stdout, report_alert_type_name(cJSON_GetObjectItem(a, "type")->valuestring), 16);
        report_cell(stdout, cJSON_IsString(mk) ? mk->valuestring : "（跨经营者）", 20);
        report_cell(stdout, report_issue_name(cJSON_IsString(is) ? is->valuestring : NULL), 10);
        report_cell(stdout, n, 6);
        report_cell(stdout, u, 6);
        report_cell(stdout, t, 18);
        fputs(cJSON_IsTrue(cJSON_GetObjectItem(a, "open")) ? "进行中\n" : "已平息\n", stdout);
    }
    printf("共 %d 条\n", cJSON_GetArraySize(arr));
}

int cmd_alerts(int argc, char **argv)
{
    static const struct option opts[] = {
        {"state", required_argument, NULL, 's'},  {"open", no_argument, NULL, 'O'},
        {"merchant", required_argument, NULL, 'm'}, {"since", required_argument, NULL, 'S'},
        {"open-days", required_argument, NULL, 'd'}, {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *dir = NULL, *merchant = NULL, *since = NULL, *format = NULL;
    int only_open = 0, c;
    long open_days = 14;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:Om:S:d:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': dir = optarg; break;
        case 'O': only_open = 1; break;
        case 'm': merchant = optarg; break;
        case 'S': since = optarg; break;
        case 'd': {
            char *end;
            open_days = strtol(optarg, &end, 10);
            if (*end || open_days < 0 || open_days > 36600) {
                fprintf(stderr, "qunsu alerts: bad --open-days: %s\n", optarg);
                return 1;
            }
            break;
        }
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (!dir || optind < argc) {
        fputs(dir ? "qunsu alerts: unexpected argument\n" : "qunsu alerts: --state DIR is required\n",
              stderr);
        usage(stderr);
        return 1;
    }
    int table = format ? strcmp(format, "table") == 0 : isatty(STDOUT_FILENO);
    if (format && !table && strcmp(format, "json") != 0) {
        fprintf(stderr, "qunsu alerts: --format must be json or table\n");
        return 1;
    }
    qs_err err = {0};
    store *st = NULL;
    store_open_opts so = {.readonly = 1};
    if (store_open(dir, &so, &st, &err) != QS_OK) {
        fprintf(stderr, "qunsu alerts: %s\n", err.msg);
        return 2;
    }
    store_pos pos;
    int64_t since_ms = 0;
    cJSON *arr = NULL;
    int status = 0;
    if (store_get_pos(st, &pos, &err) != QS_OK) {
        status = 2;
    } else if (since && report_parse_time(since, pos.tz_min, &since_ms) != 0) {
        fprintf(stderr, "qunsu alerts: bad --since (want RFC 3339 or YYYY-MM-DD): %s\n", since);
        store_close(st);
        return 1;
    } else if (store_query_alerts(st, only_open, (int)open_days, merchant, since_ms, &arr, &err) !=
               QS_OK) {
        status = 2;
    }
    if (status) {
        fprintf(stderr, "qunsu alerts: %s\n", err.msg);
    } else if (table) {
        print_table(arr);
    } else {
        const cJSON *a;
        cJSON_ArrayForEach(a, arr)
        {
            char *s = cJSON_PrintUnformatted(a);
            if (!s) {
                fputs("qunsu alerts: out of memory\n", stderr);
                status = 2;
                break;
            }
            puts(s);
            cJSON_free(s);
        }
    }
    cJSON_Delete(arr);
    store_close(st);
    if (cli_close(stdout) != 0 && status == 0)
        status = 2;
    return status;
}
