/* test_clsqrow.c: the quantised weight rows of the issue/tag model
 * (cls_qrow in clsmodel.h): each weight within half a step of the model's,
 * and the scores they give within rounding of the exact sums. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clsmodel.h"
#include "harness.h"

/* A deterministic weight in (-mag, mag). */
static double weight(uint64_t *s, double mag)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return ((double)(*s >> 11) / (double)(1ULL << 53) * 2 - 1) * mag;
}

static const char *const chars[] = {"甲", "乙", "丙", "丁", "戊", "己"};
#define NF (sizeof chars / sizeof *chars)

int main(void)
{
    qs_err err;
    cls_model *m = cls_model_new(NF);
    CHECK(m != NULL, "new model");
    if (!m)
        return DONE();
    uint64_t s = 7;
    for (size_t i = 0; i < NF; i++) {
        CHECK((m->feat[i] = strdup(chars[i])) != NULL, "feature %zu", i);
        /* rows of very different magnitudes, and one large weight among
         * small ones: the per-row scale must serve both */
        double mag = i == 0 ? 30 : i == 1 ? 1e-3 : 1;
        for (int k = 0; k < ISSUE_N; k++)
            m->w_issue[i * ISSUE_N + k] = weight(&s, mag);
        for (int k = 0; k < TAG_N; k++)
            m->w_tag[i * TAG_N + k] = weight(&s, mag);
    }
    m->w_issue[2 * ISSUE_N + 3] = -7.5; /* the row's maximum is negative */
    /* row 5 stays all zero */
    for (int k = 0; k < ISSUE_N; k++)
        m->w_issue[5 * ISSUE_N + k] = 0;
    for (int k = 0; k < TAG_N; k++)
        m->w_tag[5 * TAG_N + k] = 0;
    m->kw.n_classes = ISSUE_N;
    m->tagkw.n_classes = TAG_N;
    strcpy(m->feature_set, "char1");
    CHECK(cls_model_index(m, &err) == QS_OK, "index");

    int within = 1;
    for (size_t i = 0; i < NF; i++) {
        const cls_qrow *r = &m->w_row[i];
        double mx = 0;
        for (int k = 0; k < ISSUE_N + TAG_N; k++) {
            double w = k < ISSUE_N ? m->w_issue[i * ISSUE_N + k] : m->w_tag[i * TAG_N + k - ISSUE_N];
            mx = fmax(mx, fabs(w));
            if (fabs(r->q[k] * (double)r->scale - w) > 0.5001 * r->scale)
                within = 0;
        }
        CHECK_NEAR(r->scale, mx / 32767, 1e-6, "row %zu: scale is its largest weight / 32767", i);
        for (int k = ISSUE_N + TAG_N; k < CLS_ROW; k++)
            if (r->q[k] != 0)
                within = 0;
    }
    CHECK(within, "every weight within half a step; padding zero");
    CHECK(m->w_row[5].scale == 0 && m->w_row[5].q[0] == 0, "an all-zero row stays zero");
    CHECK(m->w_row[2].q[3] == -32767, "the largest weight takes the full range, sign kept");

    /* scores: bias + (sum of the present features' weights) / sqrt(count) */
    const char *text = "甲乙丙己庚";
    double z[ISSUE_N], zt[TAG_N];
    CHECK(cls_scores(m, NULL, text, strlen(text), NULL, 0, z, zt, NULL, &err) == QS_OK, "scores");
    double x = 1 / sqrt(4); /* 甲 乙 丙 己: 庚 is no feature */
    double worst = 0;
    for (int k = 0; k < ISSUE_N + TAG_N; k++) {
        double want = 0;
        for (size_t i = 0; i < 6; i++)
            if (i != 3 && i != 4)
                want += x * (k < ISSUE_N ? m->w_issue[i * ISSUE_N + k] : m->w_tag[i * TAG_N + k - ISSUE_N]);
        double got = k < ISSUE_N ? z[k] : zt[k - ISSUE_N];
        worst = fmax(worst, fabs(got - want));
    }
    /* at most half a step of the coarsest row (30 / 32767) per feature */
    CHECK(worst <= 4 * x * 0.5 * 30 / 32767,
          "scores within rounding of the exact sums (worst %.3g)", worst);
    cls_free(m);

    /* more features than the sum keeps ids for: the rows are then added one
     * at a time by the portable loop, which must agree as well */
    enum { NBIG = 2100 };
    m = cls_model_new(NBIG);
    CHECK(m != NULL, "new big model");
    char *big = malloc(NBIG * 3 + 1);
    if (m && big) {
        int ok = 1;
        for (size_t i = 0; i < NBIG; i++) {
            unsigned c = 0x4E00 + (unsigned)i; /* three UTF-8 bytes each */
            char u[4] = {(char)(0xE0 | c >> 12), (char)(0x80 | (c >> 6 & 0x3F)), (char)(0x80 | (c & 0x3F)), 0};
            memcpy(big + 3 * i, u, 3);
            ok &= (m->feat[i] = strdup(u)) != NULL;
            for (int k = 0; k < ISSUE_N; k++)
                m->w_issue[i * ISSUE_N + k] = weight(&s, 1);
            for (int k = 0; k < TAG_N; k++)
                m->w_tag[i * TAG_N + k] = weight(&s, 1);
        }
        big[NBIG * 3] = '\0';
        m->kw.n_classes = ISSUE_N;
        m->tagkw.n_classes = TAG_N;
        strcpy(m->feature_set, "char1");
        CHECK(ok && cls_model_index(m, &err) == QS_OK, "index the big model");
        CHECK(cls_scores(m, NULL, big, NBIG * 3, NULL, 0, z, zt, NULL, &err) == QS_OK, "big scores");
        double xb = 1 / sqrt((double)NBIG), worst_b = 0;
        for (int k = 0; k < ISSUE_N + TAG_N; k++) {
            double want = 0;
            for (size_t i = 0; i < NBIG; i++)
                want += xb * (k < ISSUE_N ? m->w_issue[i * ISSUE_N + k] : m->w_tag[i * TAG_N + k - ISSUE_N]);
            double got = k < ISSUE_N ? z[k] : zt[k - ISSUE_N];
            worst_b = fmax(worst_b, fabs(got - want));
        }
        CHECK(worst_b <= NBIG * xb * 0.5 / 32767, "every row of a long text, within rounding (worst %.3g)",
              worst_b);
    }
    free(big);
    cls_free(m);

    /* a weight that is not a number is refused, not quantised */
    m = cls_model_new(1);
    CHECK(m != NULL, "new model");
    if (m) {
        m->feat[0] = strdup("甲");
        m->w_tag[2] = NAN;
        CHECK(cls_model_index(m, &err) == QS_EDATA && strstr(err.msg, "甲") != NULL,
              "a NaN weight is QS_EDATA naming the feature (%s)", err.msg);
        cls_free(m);
    }
    m = cls_model_new(1);
    CHECK(m != NULL, "new model");
    if (m) {
        m->feat[0] = strdup("乙");
        m->w_issue[4] = -INFINITY;
        CHECK(cls_model_index(m, &err) == QS_EDATA && strstr(err.msg, "乙") != NULL,
              "an infinite weight is QS_EDATA naming the feature (%s)", err.msg);
        cls_free(m);
    }
    return DONE();
}
