/* The span model loader refuses a damaged file with a message and loads the
 * committed model. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "mspan.h"

static const char *tmp_path = "/tmp/qunsu_test_mspan.model";

/* Writes the first `lines` lines of the committed model (all when 0),
 * then `extra`, to tmp_path. */
static int write_variant(const char *src, int lines, const char *extra)
{
    FILE *in = fopen(src, "r"), *out = fopen(tmp_path, "w");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return -1;
    }
    char line[256];
    for (int n = 0; fgets(line, sizeof line, in) && (lines == 0 || n < lines); n++)
        fputs(line, out);
    fputs(extra, out);
    fclose(in);
    return fclose(out);
}

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

    CHECK(write_variant(src, 6, "") == 0, "truncated copy written");
    expect_refused("a truncated model", "missing");

    CHECK(write_variant(src, 0, "bias 1.0\n") == 0, "copy with a repeated weight written");
    expect_refused("a weight given twice", "twice");

    CHECK(write_variant(src, 0, "no_such_feature 1.0\n") == 0, "copy with an unknown feature written");
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
