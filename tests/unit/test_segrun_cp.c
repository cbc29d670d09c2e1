/* test_segrun_cp.c: seg_run_cp, given the code points norm_run decoded
 * (norm_source), cuts exactly the tokens seg_run cuts from the bytes, and
 * refuses code points that do not match the text. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "normalize.h"
#include "paths.h"
#include "segment.h"

typedef struct tok_copy {
    int32_t start, end;
    seg_tok_type type;
    char norm[64];
} tok_copy;

int main(int argc, char **argv)
{
    (void)argc;
    paths_set_argv0(argv[0]);
    qs_err err = {0};
    char path[1024];
    norm_ctx *nc = norm_new(&err);
    seg_dict *d = paths_find("data/dict.bin", path, sizeof path) == 0 ? seg_dict_load(path, &err) : NULL;
    seg_ctx *sc = d && nc ? seg_new(d, nc, &err) : NULL;
    CHECK(sc != NULL, "dictionary, normaliser and segmenter load (%s)", sc ? "" : err.msg);
    if (!sc) {
        seg_dict_free(d);
        norm_free(nc);
        return DONE();
    }
    static const char *const texts[] = {
        "我在ＡＢＣ商城买的iPhone 15屏幕坏了，商家拒绝退货，要求退款３０００元",
        "這家餐廳的食物變質了，2023年5月1日吃完肚子疼…… 要求賠償！",
        "Café «Zoë» charged me twice 😡 第三次了",
        "",
        "  ㄅ 한국어 ١٢٣ 𠀀𠀁 ½",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *t = texts[i];
        size_t len = strlen(t);
        const seg_token *toks;
        size_t n = 0;
        tok_copy want[128];
        size_t nw = 0;
        int ok = seg_run(sc, t, len, &toks, &n, &err) == QS_OK && n <= 128;
        for (size_t k = 0; ok && k < n; k++) {
            want[k] = (tok_copy){toks[k].start, toks[k].end, toks[k].type, {0}};
            ok = toks[k].norm_len < sizeof want[k].norm;
            if (ok)
                memcpy(want[k].norm, toks[k].norm, toks[k].norm_len);
        }
        nw = n;
        size_t offs[512];
        size_t n_off = 0;
        for (int32_t k = 0; ok && (size_t)k <= len && n_off < 512; k++) {
            offs[n_off] = seg_byte_offset(sc, k);
            n_off++;
            if (offs[n_off - 1] == len)
                break;
        }
        norm_text nt;
        ok = ok && norm_run(nc, t, len, &nt, &err) == QS_OK;
        size_t n_src;
        const int32_t *src = ok ? norm_source(nc, &n_src) : NULL;
        ok = ok && seg_run_cp(sc, t, len, src, n_src, &toks, &n, &err) == QS_OK && n == nw;
        for (size_t k = 0; ok && k < n; k++)
            ok = toks[k].start == want[k].start && toks[k].end == want[k].end && toks[k].type == want[k].type &&
                 toks[k].norm_len == strlen(want[k].norm) && memcmp(toks[k].norm, want[k].norm, toks[k].norm_len) == 0;
        for (size_t k = 0; ok && k < n_off; k++)
            ok = seg_byte_offset(sc, (int32_t)k) == offs[k];
        CHECK(ok, "text %zu: same tokens and offsets from the decoded code points", i);
    }
    /* code points that are not the text's */
    const seg_token *toks;
    size_t n;
    const int32_t wrong[] = {0x4E2D, 0x6587};
    CHECK(seg_run_cp(sc, "abc", 3, wrong, 2, &toks, &n, &err) == QS_EINVAL, "mismatched code points refused");
    seg_free(sc);
    seg_dict_free(d);
    norm_free(nc);
    return DONE();
}
