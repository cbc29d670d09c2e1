/* The span model loader refuses a damaged file with a message and loads the
 * committed model. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mspan.h"

static const char *tmp_path = "/tmp/qunsu_test_mspan.model";

static void expect_refused(const char *what, const char *needle)
{
    qs_err err = {0};
    mspan_model *m = mspan_load(tmp_path, &err);
    CHECK(m == NULL, "%s is refused", what);
    CHECK(strstr(err.msg, needle) != NULL, "%s: message names the fault (%s)", what, err.msg);
    mspan_free(m);
}

int main(void)
{
    const char *src = "models/mspan.model";
    FILE *probe = fopen(src, "r");
    if (!probe)
        src = "../models/mspan.model";
    else
        fclose(probe);

    qs_err err = {0};
    mspan_model *m = mspan_load(src, &err);
    CHECK(m != NULL, "the committed model loads (%s)", err.msg);
    CHECK(m && mspan_threshold(m) > 0 && mspan_threshold(m) < 1, "its threshold is a probability");
    mspan_free(m);

    CHECK(harness_write_variant(src, tmp_path, 6, -1, NULL, "") == 0, "truncated copy written");
    expect_refused("a truncated model", "missing");

    CHECK(harness_write_variant(src, tmp_path, 0, -1, NULL, "bias 1.0\n") == 0,
          "copy with a repeated weight written");
    expect_refused("a weight given twice", "twice");

    CHECK(harness_write_variant(src, tmp_path, 0, -1, NULL, "no_such_feature 1.0\n") == 0,
          "copy with an unknown feature written");
    expect_refused("an unknown feature", "known feature");

    FILE *fp = fopen(tmp_path, "w");
    if (fp) {
        fputs("qunsu-issue 1\n", fp);
        fclose(fp);
    }
    expect_refused("another model's file", "not a span model");

    remove(tmp_path);
    return DONE();
}
