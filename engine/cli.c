/* cli.c: helpers shared by the subcommands (see cli.h). */
#include "cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"

FILE *cli_open_in(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdin;
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "qunsu: cannot open %s: %s\n", path, strerror(errno));
    return f;
}

FILE *cli_open_out(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    FILE *f = fopen(path, "wb");
    if (!f)
        fprintf(stderr, "qunsu: cannot open %s for writing: %s\n", path, strerror(errno));
    return f;
}

int cli_close(FILE *f)
{
    if (!f)
        return 0;
    int rc = (f == stdin || f == stdout) ? fflush(f) : fclose(f);
    if (rc != 0) {
        fprintf(stderr, "qunsu: write error: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_args_done(const char *cmd, int argc, char **argv, int next, const char *required, const char *value)
{
    if (next < argc) {
        fprintf(stderr, "qunsu %s: unexpected argument: %s\n", cmd, argv[next]);
        return 1;
    }
    if (required && !value) {
        fprintf(stderr, "qunsu %s: %s is required\n", cmd, required);
        return 1;
    }
    return 0;
}

int cli_number(const char *cmd, const char *opt, const char *arg, double lo, double hi, int integral, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno || !(v >= lo && v <= hi) || (integral && v != floor(v))) {
        fprintf(stderr, "qunsu %s: bad --%s: %s\n", cmd, opt, arg);
        return 1;
    }
    *out = v;
    return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    unsigned long long mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = 1024, end++;
    else if (*end == 'M' || *end == 'm')
        mul = 1024 * 1024, end++;
    if (*end || v == 0 || v > (1ULL << 40) / mul)
        return -1;
    *out = (size_t)(v * mul);
    return 0;
}

static int emit_loop(const char *cmd, ingest *ing, FILE *out, cli_record_fn fn, cli_write_fn wfn,
                     void *ud)
{
    qs_err err = {0};
    qs_record rec = {0};
    ingest_reject rej;
    int status = 0;
    for (;;) {
        ingest_kind kind;
        qs_rc rc = ingest_next(ing, &kind, &rec, &rej, &err);
        if (rc != QS_OK) {
            fprintf(stderr, "qunsu %s: %s\n", cmd, err.msg);
            status = qs_rc_exit(rc);
            break;
        }
        if (kind == INGEST_EOF)
            break;
        if (kind == INGEST_RECORD && !fn && !wfn)
            continue;
        cJSON *ev = NULL;
        if (kind == INGEST_RECORD && wfn) {
            if ((rc = wfn(ud, &rec, out, &err)) != QS_OK) {
                if (rc == QS_EIO)
                    fprintf(stderr, "qunsu %s: %s\n", cmd, err.msg);
                else
                    fprintf(stderr, "qunsu %s: line %ld: %s\n", cmd, rec.line, err.msg);
                status = qs_rc_exit(rc);
                break;
            }
            continue;
        }
        if (kind == INGEST_REJECT) {
            ev = event_reject(&rej);
        } else if ((rc = fn(ud, &rec, &ev, &err)) != QS_OK) {
            fprintf(stderr, "qunsu %s: line %ld: %s\n", cmd, rec.line, err.msg);
            status = qs_rc_exit(rc);
            break;
        }
        rc = ev ? event_write(out, ev, &err) : qs_fail(&err, QS_ENOMEM, "out of memory");
        cJSON_Delete(ev);
        if (rc != QS_OK) {
            fprintf(stderr, "qunsu %s: %s\n", cmd, err.msg);
            status = qs_rc_exit(rc);
            break;
        }
    }
    record_reset(&rec);
    return status;
}

int cli_emit_records(const char *cmd, ingest *ing, FILE *out, cli_record_fn fn, void *ud)
{
    return emit_loop(cmd, ing, out, fn, NULL, ud);
}

int cli_emit_records_to(const char *cmd, ingest *ing, FILE *out, cli_write_fn fn, void *ud)
{
    return emit_loop(cmd, ing, out, NULL, fn, ud);
}

void cli_print_rejects(const ingest_stats *st)
{
    for (int r = 0; r < REJ_N_REASONS; r++)
        if (st->by_reason[r])
            fprintf(stderr, "  rejected %-14s %ld\n", ingest_reason_name((ingest_reason)r),
                    st->by_reason[r]);
}

long cli_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
}
