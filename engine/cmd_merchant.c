/* cmd_merchant.c: `qunsu merchant --state DIR KEY`: one merchant's timeline
 * from a state folder (names seen, complaints per day with their issues,
 * issue totals, alert episodes) as JSON, or a readable summary on a
 * terminal. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "store.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu merchant --state DIR [--format json|table] KEY\n"
          "Prints the timeline of merchant KEY (the merchant.key of complaint events):\n"
          "names seen, complaints per day with their issues, issue totals and the\n"
          "alert episodes. JSON, or a readable table when stdout is a terminal.\n",
          f);
}

static void print_table(const cJSON *m)
{
    printf("经营者 %s（%s）\n", report_str(m, "name"), report_sector_name(report_str(m, "sector")));
    printf("累计投诉 %.0f 件（保留期内 %.0f 件），%.10s 至 %.10s\n", report_num(m, "complaints_total"),
           report_num(m, "complaints_retained"), report_str(m, "first") ? report_str(m, "first") : "-",
           report_str(m, "last") ? report_str(m, "last") : "-");
    const cJSON *it;
    fputs("\n曾用名称：", stdout);
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(m, "aliases"))
        printf("%s（%.0f） ", report_str(it, "alias"), report_num(it, "n"));
    fputs("\n\n问题类型：\n", stdout);
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(m, "issues"))
    {
        fputs("  ", stdout);
        report_cell(stdout, report_issue_name(report_str(it, "issue")), 24);
        printf("%.0f\n", report_num(it, "complaints"));
    }
    fputs("\n日期        件数 投诉人 问题\n", stdout);
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(m, "days"))
    {
        printf("%-10s %5.0f %6.0f  ", report_str(it, "day"), report_num(it, "complaints"), report_num(it, "complainants"));
        /* the day's issue codes, comma-separated, by their Chinese names */
        char codes[512];
        snprintf(codes, sizeof codes, "%s", report_str(it, "issues") ? report_str(it, "issues") : "");
        char *save = NULL;
        int first = 1;
        for (char *c = strtok_r(codes, ",", &save); c; c = strtok_r(NULL, ",", &save), first = 0)
            printf("%s%s", first ? "" : "、", report_issue_name(c));
        putchar('\n');
    }
    fputs("\n预警：\n", stdout);
    int n = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(m, "episodes"))
    {
        printf("  %s  %s  %s  %.0f 件  %.16s 至 %.16s\n", report_str(it, "alert_id"),
               report_alert_type_name(report_str(it, "type")), report_issue_name(report_str(it, "issue")),
               report_num(it, "count"), report_str(it, "first_seen"), report_str(it, "last_update"));
        n++;
    }
    if (!n)
        fputs("  无\n", stdout);
}

int cmd_merchant(int argc, char **argv)
{
    static const struct option opts[] = {
        {"state", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dir = NULL, *format = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 's': dir = optarg; break;
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (!dir || optind != argc - 1) {
        fputs("qunsu merchant: --state DIR and one merchant KEY are required\n", stderr);
        usage(stderr);
        return 1;
    }
    int table = format ? strcmp(format, "table") == 0 : isatty(STDOUT_FILENO);
    if (format && !table && strcmp(format, "json") != 0) {
        fputs("qunsu merchant: --format must be json or table\n", stderr);
        return 1;
    }
    const char *key = argv[optind];
    qs_err err = {0};
    store *st = NULL;
    store_open_opts so = {.readonly = 1};
    if (store_open(dir, &so, &st, &err) != QS_OK) {
        fprintf(stderr, "qunsu merchant: %s\n", err.msg);
        return 2;
    }
    cJSON *m = NULL;
    int status = 0;
    if (store_query_merchant(st, key, &m, &err) != QS_OK) {
        fprintf(stderr, "qunsu merchant: %s\n", err.msg);
        status = 2;
    } else if (!m) {
        fprintf(stderr, "qunsu merchant: no merchant with key %s in %s\n", key, dir);
        status = 1;
    } else if (table) {
        print_table(m);
    } else {
        char *s = cJSON_Print(m);
        if (s)
            puts(s);
        else
            status = 2;
        cJSON_free(s);
    }
    cJSON_Delete(m);
    store_close(st);
    if (cli_close(stdout) != 0 && status == 0)
        status = 2;
    return status;
}
