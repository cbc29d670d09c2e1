/* test_clspredict_cp.c: cls_predict_cp, given the code points of the text,
 * gives exactly cls_predict's result, on normalised text (code points used
 * as they are) and on raw text whose code points the fold would change
 * (folded again). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "harness.h"
#include "normalize.h"
#include "paths.h"

static void same(const cls_model *m, const char *text, size_t len, const int32_t *cp, size_t n,
                 const char *what)
{
    cls_result a, b;
    qs_err err;
    qs_rc ra = cls_predict(m, text, len, NULL, 0, &a, &err);
    qs_rc rb = cls_predict_cp(m, text, len, cp, n, NULL, 0, &b, &err);
    int eq = ra == QS_OK && rb == QS_OK && a.issue == b.issue && a.tags == b.tags &&
             memcmp(a.prob, b.prob, sizeof a.prob) == 0 && memcmp(a.tag_prob, b.tag_prob, sizeof a.tag_prob) == 0;
    CHECK(eq, "%s: same result", what);
}

int main(int argc, char **argv)
{
    (void)argc;
    paths_set_argv0(argv[0]);
    qs_err err = {0};
    cls_model *m = cls_load_default(&err);
    norm_ctx *nc = norm_new(&err);
    CHECK(m && nc, "model and normaliser load (%s)", m && nc ? "" : err.msg);
    if (!m || !nc)
        return DONE();
    static const char *const texts[] = {
        "我在ＡＢＣ商城买的手机屏幕坏了，商家拒绝退货，要求退款",
        "這家餐廳的食物變質了，吃完肚子疼，要求賠償",
        "健身房老板跑路了，办的年卡3000元无法退费",
        "APP自动续费扣了我68元，没有任何提示",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        norm_text nt;
        CHECK(norm_run(nc, texts[i], strlen(texts[i]), &nt, &err) == QS_OK, "normalise text %zu", i);
        same(m, nt.s, nt.len, nt.cp, nt.n_cp, "normalised text");
        /* the raw text's own code points: upper case, full width and
         * traditional characters the fold changes */
        int32_t cp[256];
        size_t n = 0;
        for (const unsigned char *p = (const unsigned char *)texts[i]; *p && n < 256;) {
            int32_t c = *p;
            int k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if (k > 1)
                c &= 0x3F >> (k - 1);
            for (int j = 1; j < k; j++)
                c = c << 6 | (p[j] & 0x3F);
            cp[n++] = c;
            p += k;
        }
        same(m, texts[i], strlen(texts[i]), cp, n, "raw text");
    }
    norm_free(nc);
    cls_free(m);
    return DONE();
}
