/* cmd_run.c: `qunsu run`: complaint work orders in, complaint, alert and
 * reject events out, through the stream pipeline (stream.h). Counters of
 * the run go to stderr at the end. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "event.h"
#include "ingest.h"
#include "staterun.h"
#include "stream.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu run [--in FILE] [--out FILE] [--config FILE] [--merchants FILE]\n"
          "                 [--dict FILE] [--max-line SIZE] [--check-config] [--quiet]\n"
          "                 [--progress N] [--state DIR]\n"
          "Streaming pipeline: complaint work orders (JSONL) in, one complaint event per\n"
          "accepted record, reject events and alerts out, decided in event time.\n"
          "  --in FILE        input (default: stdin)\n"
          "  --out FILE       output (default: stdout)\n"
          "  --config FILE    JSON configuration (default: built-in defaults)\n"
          "  --merchants FILE merchant registry for extraction\n"
          "  --dict FILE      user dictionary for segmentation\n"
          "  --max-line SIZE  longest accepted input line (default 64K)\n"
          "  --check-config   print the effective configuration and exit\n"
          "  --quiet          no counters on stderr\n"
          "  --progress N     every N records: records, state size, resident size on stderr\n"
          "  --state DIR      keep the state in DIR (SQLite) and resume there after a\n"
          "                   restart: --out gets every event exactly once, stdout at\n"
          "                   least once (config section \"state\": batch_records,\n"
          "                   batch_ms, synchronous, keep_days)\n"
          "Every config key, its default and meaning: etc/qunsu.conf.json, etc/README.md.\n",
          f);
}

typedef struct out_ctx {
    FILE *out;
} out_ctx;

static qs_rc write_event(void *ud, cJSON *ev, qs_err *err)
{
    out_ctx *o = ud;
    qs_rc rc = event_write(o->out, ev, err);
    cJSON_Delete(ev);
    return rc;
}

static int check_config(const cJSON *config)
{
    qs_err err = {0};
    cJSON *eff = NULL;
    if (stream_effective_config(config, &eff, &err) != QS_OK) {
        fprintf(stderr, "qunsu run: %s\n", err.msg);
        return err.rc == QS_ENOMEM ? 2 : 1;
    }
    char *s = cJSON_Print(eff);
    cJSON_Delete(eff);
    if (!s) {
        fputs("qunsu run: out of memory\n", stderr);
        return 2;
    }
    puts(s);
    cJSON_free(s);
    return cli_close(stdout) == 0 ? 0 : 2;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},     {"out", required_argument, NULL, 'o'},
        {"config", required_argument, NULL, 'c'}, {"merchants", required_argument, NULL, 'm'},
        {"dict", required_argument, NULL, 'd'},   {"max-line", required_argument, NULL, 'L'},
        {"check-config", no_argument, NULL, 'C'}, {"quiet", no_argument, NULL, 'q'},
        {"progress", required_argument, NULL, 'p'}, {"state", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *conf_path = NULL, *state_dir = NULL;
    stream_options so = {0};
    size_t max_line = INGEST_DEFAULT_MAX_LINE;
    int check = 0, quiet = 0, c;
    long progress = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:c:m:d:L:Cqp:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'c': conf_path = optarg; break;
        case 'm': so.merchants_path = optarg; break;
        case 'd': so.user_dict_path = optarg; break;
        case 'L':
            if (cli_parse_size(optarg, &max_line) != 0) {
                fprintf(stderr, "qunsu run: bad --max-line: %s\n", optarg);
                return 1;
            }
            break;
        case 'C': check = 1; break;
        case 'q': quiet = 1; break;
        case 'p': {
            char *end;
            progress = strtol(optarg, &end, 10);
            if (*end || progress <= 0) {
                fprintf(stderr, "qunsu run: bad --progress: %s\n", optarg);
                return 1;
            }
            break;
        }
        case 's': state_dir = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("run", argc, argv, optind, NULL, NULL) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    cJSON *config = NULL;
    if (conf_load(conf_path, &config, &err) != QS_OK) {
        fprintf(stderr, "qunsu run: %s\n", err.msg);
        return err.rc == QS_EIO ? 2 : 1;
    }
    if (check) {
        int st = check_config(config);
        cJSON_Delete(config);
        return st;
    }
    so.config = config;
    if (state_dir) {
        /* durable, resumable run: the state folder's module owns the loop */
        staterun_opts sr = {state_dir, in_path, out_path, &so, max_line, quiet};
        qs_rc rc = staterun_run(&sr, &err);
        if (rc != QS_OK)
            fprintf(stderr, "qunsu run: %s\n", err.msg);
        cJSON_Delete(config);
        return qs_rc_exit(rc);
    }
    stream *s = stream_new(&so, &err);
    if (!s) {
        fprintf(stderr, "qunsu run: %s\n", err.msg);
        cJSON_Delete(config);
        return err.rc == QS_ECONFIG ? 1 : 2;
    }
    FILE *in = cli_open_in(in_path);
    FILE *out = in ? cli_open_out(out_path) : NULL;
    ingest *ing = out ? ingest_open(in, max_line, 1, &err) : NULL;
    int status = 0;
    if (!ing) {
        if (out)
            fprintf(stderr, "qunsu run: %s\n", err.msg);
        status = 2;
        goto done;
    }
    ingest_set_id_horizon(ing, stream_id_horizon_ms(s));
    out_ctx oc = {out};
    qs_record rec = {0};
    ingest_reject rej;
    qs_rc rc = QS_OK;
    for (;;) {
        ingest_kind kind;
        if ((rc = ingest_next(ing, &kind, &rec, &rej, &err)) != QS_OK || kind == INGEST_EOF)
            break;
        if (kind == INGEST_REJECT) {
            cJSON *ev = event_reject(&rej);
            rc = ev ? write_event(&oc, ev, &err) : qs_fail(&err, QS_ENOMEM, "out of memory");
        } else {
            rc = stream_feed(s, &rec, write_event, &oc, &err);
            if (progress && ingest_get_stats(ing)->accepted % progress == 0)
                fprintf(stderr, "progress records %ld state_bytes %zu rss_kb %ld\n",
                        ingest_get_stats(ing)->accepted, stream_state_bytes(s), cli_rss_kb());
        }
        if (rc != QS_OK)
            break;
    }
    record_reset(&rec);
    if (rc == QS_OK)
        rc = stream_finish(s, write_event, &oc, &err);
    if (rc != QS_OK) {
        fprintf(stderr, "qunsu run: %s\n", err.msg);
        status = qs_rc_exit(rc) ? qs_rc_exit(rc) : 2;
    }
    if (!quiet) {
        const ingest_stats *st = ingest_get_stats(ing);
        fprintf(stderr, "lines %ld\naccepted %ld\nrejected %ld\n", st->lines, st->accepted,
                st->rejected);
        stream_write_stats(s, stderr);
    }
done:
    ingest_close(ing);
    if (in && in != stdin)
        fclose(in);
    if (out && cli_close(out) != 0 && status == 0)
        status = 2;
    stream_free(s);
    cJSON_Delete(config);
    return status;
}
