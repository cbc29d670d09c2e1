/* test_event.c: event_write prints exactly what cJSON_PrintUnformatted
 * prints, for strings with every kind of escape and for numbers of every
 * shape (integers, two-decimal values, long fractions, huge and tiny ones);
 * ex_complaint_write writes exactly what event_write prints for
 * ex_complaint_event's tree. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "event.h"
#include "extract.h"
#include "harness.h"

static void same(const cJSON *v, const char *what)
{
    char *want = cJSON_PrintUnformatted(v);
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    qs_err err;
    qs_rc rc = f ? event_write(f, v, &err) : QS_EIO;
    if (f)
        fclose(f);
    char *w2 = want ? malloc(strlen(want) + 2) : NULL;
    if (w2)
        sprintf(w2, "%s\n", want);
    CHECK(rc == QS_OK, "%s: written", what);
    CHECK_STR(got, w2, "%s: same bytes as cJSON", what);
    free(w2);
    free(want);
    free(got);
}

static char *direct(const qs_record *rec, const ex_result *res, const char *dup, int prof)
{
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    qs_err err;
    if (f) {
        if (ex_complaint_write(f, rec, res, dup, prof, &err) != QS_OK)
            fputs("(failed)", f);
        fclose(f);
    }
    return got;
}

static char *via_tree(const qs_record *rec, const ex_result *res, const char *dup, int prof)
{
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    qs_err err;
    cJSON *ev = ex_complaint_event(rec, res, dup, prof);
    if (f) {
        if (!ev || event_write(f, ev, &err) != QS_OK)
            fputs("(failed)", f);
        fclose(f);
    }
    cJSON_Delete(ev);
    return got;
}

static void complaints(void)
{
    static const ex_mention ms[] = {{"鸿运来\"超市", 3, 8}, {"A&B\\店", 0, 5}};
    static const double confs[] = {0, 0.004, 0.5, 0.855, 0.999, 1, 0.123456};
    for (int v = 0; v < 7; v++) {
        qs_record rec = {0};
        rec.id = v == 3 ? NULL : v == 1 ? "id\"q\\\n\x01" : "C-1";
        ex_result res = {0};
        res.has_merchant = v % 2 == 0;
        res.merchant_name = "鸿运来超市";
        res.merchant_key = "鸿运来超市";
        res.sector = (tax_sector)(v % SECTOR_N);
        res.merchant_conf = confs[v];
        res.issue = (tax_issue)(v % ISSUE_N);
        res.issue_conf = confs[6 - v];
        res.tags = v == 0 ? 0 : v == 1 ? ~0u >> (32 - TAG_N) : 1u << (v % TAG_N);
        res.mentions = ms;
        res.n_mentions = (size_t)(v % 3);
        char *a = direct(&rec, &res, v == 2 ? "C-0" : NULL, v == 4);
        char *b = via_tree(&rec, &res, v == 2 ? "C-0" : NULL, v == 4);
        CHECK_STR(a, b, "complaint event %d: direct writer and tree agree", v);
        free(a);
        free(b);
    }
}

int main(void)
{
    complaints();
    static const double nums[] = {0,    -0.0,   1,      -1,    0.86,     0.5,    0.05,   -0.07,  1.1,
                                  12.34, 100.01, 2147483647.0, 2147483648.5, -2147483649.25, 1e12,
                                  1e15,  1.5e15, 1e300,  -1e-300, 1e-5,     0.1 + 0.2, 1.0 / 3,
                                  123456789.123, 0.001, 0.015, 99.995};
    cJSON *o = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(o, "nums");
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        cJSON *one = cJSON_CreateNumber(nums[i]);
        char what[64];
        snprintf(what, sizeof what, "number %.17g", nums[i]);
        same(one, what);
        cJSON_AddItemToArray(a, one);
    }
    cJSON_AddStringToObject(o, "plain", "投诉鸿运来超市 ok");
    cJSON_AddStringToObject(o, "esc \"k\"", "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f end");
    cJSON_AddStringToObject(o, "empty", "");
    cJSON_AddNullToObject(o, "none");
    cJSON_AddTrueToObject(o, "yes");
    cJSON_AddFalseToObject(o, "no");
    cJSON_AddObjectToObject(o, "obj");
    cJSON_AddArrayToObject(o, "arr");
    cJSON *big = cJSON_CreateArray();
    for (int i = 0; i < 3000; i++)
        cJSON_AddItemToArray(big, cJSON_CreateString("长文本\n"));
    cJSON_AddItemToObject(o, "big", big);
    same(o, "whole object");
    cJSON_Delete(o);
    return DONE();
}
