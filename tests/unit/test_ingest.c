/* test_ingest.c: the reader's id horizon and offsets, on in-memory streams. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "ingest.h"

static int count_kind(const char *input, long long horizon_ms, long *rejected, long *forgotten)
{
    FILE *f = fmemopen((void *)input, strlen(input), "r");
    qs_err err = {0};
    ingest *ing = ingest_open(f, 0, 1, &err);
    ingest_set_id_horizon(ing, horizon_ms);
    qs_record rec = {0};
    ingest_reject rej;
    ingest_kind kind;
    int accepted = 0;
    while (ingest_next(ing, &kind, &rec, &rej, &err) == QS_OK && kind != INGEST_EOF)
        accepted += kind == INGEST_RECORD;
    record_reset(&rec);
    *rejected = ingest_get_stats(ing)->rejected;
    *forgotten = ingest_get_stats(ing)->ids_forgotten;
    ingest_close(ing);
    fclose(f);
    return accepted;
}

int main(void)
{
    const char *s =
        "{\"id\":\"a\",\"received_at\":\"2026-01-01T00:00:00Z\",\"text\":\"x\"}\n"
        "{\"id\":\"b\",\"received_at\":\"2026-01-20T00:00:00Z\",\"text\":\"x\"}\n"
        "{\"id\":\"a\",\"received_at\":\"2026-01-20T00:00:01Z\",\"text\":\"x\"}\n"
        "{\"id\":\"b\",\"received_at\":\"2026-01-20T00:00:02Z\",\"text\":\"x\"}\n";
    long rej, forgot;
    int acc = count_kind(s, 0, &rej, &forgot);
    CHECK(acc == 2 && rej == 2 && forgot == 0, "without a horizon every repeated id is rejected");
    acc = count_kind(s, 7 * 86400000LL, &rej, &forgot);
    CHECK(acc == 3 && rej == 1 && forgot == 1,
          "with a 7-day horizon an id older than the horizon is forgotten, a recent one is not");
    return DONE();
}
