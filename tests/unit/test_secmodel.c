/* The learned sector model: the committed file loads and gives
 * probabilities; a model trained here on a few texts is written, read back
 * and predicts its training texts; damaged or truncated files are refused
 * with a message naming the fault. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "secmodel.h"

static const char *tmp_path = "/tmp/qunsu_test_secmodel.model";
static const char *fit_path = "/tmp/qunsu_test_secmodel_fit.model";

/* A text folded as clf_features takes it (ASCII lower case and Han only here). */
static clf_text text_of(const char *s, int32_t *cp, size_t cap)
{
    size_t n = harness_cps(s, cp, cap);
    return (clf_text){cp, n, (char *)s, strlen(s)};
}

static tax_sector best(const secm_model *m, const char *s)
{
    int32_t cp[256];
    clf_text t = text_of(s, cp, 256);
    uint64_t *scratch = malloc(secm_scratch_words(m) * sizeof *scratch);
    double prob[SECTOR_N], sum = 0;
    if (!scratch)
        return SECTOR_N;
    secm_predict(m, &t, NULL, 0, scratch, prob);
    free(scratch);
    int b = 0;
    for (int c = 0; c < SECTOR_N; c++) {
        sum += prob[c];
        if (prob[c] > prob[b])
            b = c;
    }
    CHECK_NEAR(sum, 1.0, 1e-9, "probabilities sum to one");
    return (tax_sector)b;
}

static void expect_refused(const char *what, const char *needle)
{
    qs_err err = {0};
    secm_model *m = secm_load(tmp_path, &err);
    CHECK(m == NULL, "%s is refused", what);
    CHECK(err.rc == QS_EDATA, "%s: QS_EDATA", what);
    CHECK(strstr(err.msg, needle) != NULL, "%s: message names the fault (%s)", what, err.msg);
    secm_free(m);
}

int main(void)
{
    const char *src = "models/sector.model";
    FILE *probe = fopen(src, "r");
    if (!probe)
        src = "../models/sector.model";
    else
        fclose(probe);

    qs_err err = {0};
    secm_model *m = secm_load(src, &err);
    CHECK(m != NULL, "the committed model loads (%s)", err.msg);
    CHECK(m && secm_n_features(m) > 1000, "it has a vocabulary");
    if (m)
        CHECK(best(m, "火锅的锅底里吃出头发") == SECTOR_CATERING, "a hotpot text is catering");
    secm_free(m);

    /* a model fitted on four texts predicts them back */
    secm_trainer *tr = secm_trainer_new(&err);
    CHECK(tr != NULL, "trainer made");
    static const char *texts[] = {"点的面条里有头发", "私教课上课时教练不在", "手机屏幕碎了", "酒店房间有霉味"};
    static const tax_sector gold[] = {SECTOR_CATERING, SECTOR_FITNESS, SECTOR_ELECTRONICS, SECTOR_TRAVEL};
    for (int rep = 0; rep < 2 && tr; rep++) /* twice: features seen in one text only are dropped */
        for (int i = 0; i < 4; i++) {
            int32_t cp[64];
            clf_text t = text_of(texts[i], cp, 64);
            CHECK(secm_trainer_add(tr, &t, NULL, 0, gold[i], &err) == QS_OK, "text %d added", i);
        }
    CHECK(tr && secm_trainer_count(tr) == 8, "eight texts counted");
    CHECK(tr && secm_trainer_fit_write(tr, 1e-3, 200, 2, fit_path, "unit test", &err) == QS_OK, "fitted (%s)",
          err.msg);
    secm_trainer_free(tr);
    m = secm_load(fit_path, &err);
    CHECK(m != NULL, "the fitted model loads back (%s)", err.msg);
    for (int i = 0; i < 4 && m; i++)
        CHECK(best(m, texts[i]) == gold[i], "training text %d predicted back", i);
    secm_free(m);

    /* damaged files */
    CHECK(harness_write_variant(fit_path, tmp_path, 9, -1, NULL, "") == 0, "copy cut inside the vocabulary written");
    expect_refused("a model cut inside its vocabulary", "truncated");
    FILE *in = fopen(fit_path, "r");
    int n_lines = 0;
    for (int ch; in && (ch = fgetc(in)) != EOF;)
        n_lines += ch == '\n';
    if (in)
        fclose(in);
    CHECK(harness_write_variant(fit_path, tmp_path, n_lines - 1, -1, NULL, "") == 0,
          "copy without its end line written");
    expect_refused("a model without its end line", "end");
    CHECK(harness_write_variant(fit_path, tmp_path, n_lines - 1, -1, NULL, "en") == 0,
          "copy cut inside its end line written");
    expect_refused("a model cut in its last line", "end");
    CHECK(harness_write_variant(fit_path, tmp_path, 4, -1, NULL, "") == 0, "copy cut in its header written");
    expect_refused("a model cut in its header", "truncated");
    CHECK(harness_write_variant(fit_path, tmp_path, 0, 4, "sectors catering fitness\n", "") == 0,
          "copy with other sectors written");
    expect_refused("other sector codes", "taxonomy");
    CHECK(harness_write_variant(fit_path, tmp_path, 0, 5, "bias 1 2 3\n", "") == 0, "copy with a short bias written");
    expect_refused("a short bias line", "bias");
    CHECK(harness_write_variant(fit_path, tmp_path, 0, 7, "x\t99:1.0\n", "") == 0,
          "copy with a bad weight index written");
    expect_refused("a weight of no sector", "index:weight");
    CHECK(harness_write_variant(fit_path, tmp_path, 0, 8, "#\t-\n", "") == 0,
          "copy with an unsorted feature written");
    expect_refused("features out of order", "sorted");

    FILE *fp = fopen(tmp_path, "w");
    if (fp) {
        fputs("qunsu-mspan 1\n", fp);
        fclose(fp);
    }
    expect_refused("another model's file", "not a sector model");
    CHECK(secm_load("/nonexistent/sector.model", &err) == NULL && err.rc == QS_EIO, "a missing file is QS_EIO");

    remove(tmp_path);
    remove(fit_path);
    return DONE();
}
