/* test_ingest.c: the reader's id horizon and offsets, on in-memory streams;
 * records and rejects read without the JSON tree are those read with it. */
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

/* Lines at the edges of what the direct reading of ingest_set_no_tree
 * takes: escapes, null, duplicate names, white space, numbers and nesting
 * (left to cJSON), and broken JSON. */
static const char *const edge_lines[] = {
    "{\"id\":\"e1\",\"text\":\"plain \xe6\x96\x87\"}",
    "{\"id\":\"e2\",\"text\":\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"}",
    "{\"id\":\"e3\",\"text\":\"\\u4e2d\\ud83d\\ude00\"}",
    "{\"id\":\"e4\",\"text\":\"bad \\x\"}",
    "{\"id\":\"e5\",\"text\":\"ok\",}",
    "{\"id\":\"e6\",\"text\":\"ok\"} x",
    "{\"id\":null,\"text\":\"ok\",\"merchant\":null}",
    "{\"id\":\"\",\"text\":\"ok\"}",
    "{\"id\":\"e9\",\"text\":\"first\",\"text\":\"second\",\"id\":\"dup\"}",
    "{\"id\":\"e10\",\"text\":\"ok\",\"amount\":12.5}",
    "{\"id\":\"e11\",\"text\":\"ok\",\"amount\":\"12\"}",
    "{\"id\":\"e12\",\"text\":\"ok\",\"merchant\":5}",
    "{\"id\":\"e13\",\"text\":\"ok\",\"gold\":{\"a\":[1,2]}}",
    "\x01 { \"id\" : \"e14\" ,\t\"text\" : \"ok\" , \"kind\" : null }\t",
    "{\"id\":\"e15\",\"text\":\"unterminated}",
    "{\"id\":\"e16\",\"te\\u0078t\":\"escaped name\"}",
    "{\"id\":\"e17\",\"received_at\":\"2026-11-28T09:15:00+08:00\",\"text\":\"ok\"}",
    "{\"id\":\"e18\",\"received_at\":\"yesterday\",\"text\":\"ok\"}",
    "{\"id\":\"e19\",\"text\":\"ok\",\"x\":nullx}",
    "{\"id\":\"e20\",\"text\":null}",
    "[1,2]",
    "{}",
    "{\"id\":\"e23\",\"text\":\"ok\"}{\"x\":1}",
    "{\"id\":\"e24\",\"text\":\"ends with a backslash\\",
    "{\"id\":\"e25\",\"text\":\"ok\",\"channel\":\"12315\",\"region\":\"r\",\"complainant\":\"c\"}",
};

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Read one line with and without the tree; 1 when both give the same.
 * *direct: the no-tree reader took the line without cJSON. */
static int same_both_ways(const char *line, int *direct)
{
    qs_record r[2] = {{0}, {0}};
    ingest_reject j[2];
    ingest_kind k[2];
    char text[2][512];
    const char *fields[2][8];
    for (int w = 0; w < 2; w++) {
        FILE *f = fmemopen((void *)line, strlen(line), "r");
        qs_err err = {0};
        ingest *ing = f ? ingest_open(f, 0, 1, &err) : NULL;
        if (!ing) {
            if (f)
                fclose(f);
            return 0;
        }
        ingest_set_only_text(ing, 1);
        ingest_set_no_tree(ing, w);
        if (ingest_next(ing, &k[w], &r[w], &j[w], &err) != QS_OK)
            k[w] = INGEST_EOF;
        const char *src[8] = {r[w].id, r[w].received_at, r[w].text, r[w].channel,
                              r[w].kind, r[w].complainant, r[w].region, r[w].merchant};
        /* the no-tree strings live in the reader: copied out before it closes */
        char *at = text[w], *end = text[w] + sizeof text[w];
        for (int q = 0; q < 8; q++) {
            size_t l = src[q] ? strlen(src[q]) : 0;
            fields[w][q] = NULL;
            if (src[q] && l < (size_t)(end - at)) {
                fields[w][q] = memcpy(at, src[q], l + 1);
                at += l + 1;
            }
        }
        if (w == 1)
            *direct = k[w] == INGEST_RECORD && !r[w].json;
        record_reset(&r[w]);
        ingest_close(ing);
        fclose(f);
    }
    if (k[0] != k[1])
        return 0;
    if (k[0] == INGEST_REJECT)
        return j[0].reason == j[1].reason && strcmp(j[0].error, j[1].error) == 0 &&
               j[0].has_id == j[1].has_id && strcmp(j[0].id, j[1].id) == 0;
    for (int q = 0; q < 8; q++)
        if (!same_str(fields[0][q], fields[1][q]))
            return 0;
    return r[0].amount == r[1].amount && r[0].has_amount == r[1].has_amount && r[0].t_ms == r[1].t_ms &&
           r[0].tz_min == r[1].tz_min;
}

int main(void)
{
    int n_direct = 0;
    for (size_t i = 0; i < sizeof edge_lines / sizeof *edge_lines; i++) {
        int direct = 0;
        CHECK(same_both_ways(edge_lines[i], &direct), "line %zu: the same record or reject without the tree", i + 1);
        n_direct += direct;
        if (i == 1)
            CHECK(direct, "strings with one-character escapes are read directly");
        if (i == 9)
            CHECK(!direct, "a number is left to cJSON");
    }
    CHECK(n_direct == 7, "the common lines are read directly (%d)", n_direct);

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
