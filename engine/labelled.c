/* labelled.c: the trainers' pass over labelled JSONL (labelled.h). */
#include "labelled.h"

#include "cli.h"
#include "ingest.h"

int labelled_run(const labelled_pass *p, const char *in_path, long *used)
{
    *used = 0;
    qs_err err = {0};
    ex_ctx *ex = ex_new(&p->opt, &err);
    if (!ex) {
        fprintf(stderr, "qunsu %s: %s\n", p->cmd, err.msg);
        return 2;
    }
    p->setup(ex, p->ud);
    FILE *in = cli_open_in(in_path);
    if (!in) {
        ex_free(ex);
        return 2;
    }
    int status = 0;
    ingest *ing = ingest_open(in, 0, 0, &err);
    if (!ing) {
        fprintf(stderr, "qunsu %s: %s\n", p->cmd, err.msg);
        status = 2;
    } else {
        ingest_set_only_text(ing, 1);
    }
    while (!status) {
        ingest_kind kind;
        qs_record rec = {0};
        ingest_reject rej;
        if (ingest_next(ing, &kind, &rec, &rej, &err) != QS_OK) {
            fprintf(stderr, "qunsu %s: %s\n", p->cmd, err.msg);
            status = 2;
            break;
        }
        if (kind == INGEST_EOF)
            break;
        if (kind == INGEST_REJECT) {
            fprintf(stderr, "qunsu %s: line %ld skipped: %s\n", p->cmd, rej.line, rej.error);
            continue;
        }
        if (p->want(p->ud, &rec)) {
            ex_result r;
            const char *msg = NULL;
            if (ex_run(ex, &rec, &r, &err) != QS_OK) {
                fprintf(stderr, "qunsu %s: line %ld: %s\n", p->cmd, rec.line, err.msg);
                status = 2;
            } else if (p->failed && p->failed(p->ud, &msg)) {
                fprintf(stderr, "qunsu %s: %s\n", p->cmd, msg ? msg : "out of memory");
                status = 2;
            }
            ++*used;
        }
        record_reset(&rec);
    }
    ingest_close(ing);
    if (in != stdin)
        fclose(in);
    ex_free(ex);
    return status;
}
