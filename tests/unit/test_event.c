/* test_event.c: event_write prints exactly what cJSON_PrintUnformatted
 * prints, for strings with every kind of escape and for numbers of every
 * shape (integers, two-decimal values, long fractions, huge and tiny ones). */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "event.h"
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

int main(void)
{
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
