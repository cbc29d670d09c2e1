/* test_normalize.c: norm_new cost, norm_fold_cp against norm_run, offset-map
 * invariants, buffer growth on long expansions and mark sequences, errors. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "normalize.h"
#include "paths.h"
#include "pii.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* map is non-decreasing, inside [0, n_src], and ends with n_src. */
static int map_ok(const norm_text *t, size_t n_src)
{
    for (size_t i = 0; i < t->n_cp; i++)
        if (t->map[i] < 0 || (size_t)t->map[i] >= n_src || (i && t->map[i] < t->map[i - 1]))
            return 0;
    return (size_t)t->map[t->n_cp] == n_src;
}

static size_t u8_put(char *b, int32_t c)
{
    if (c < 0x80) { b[0] = (char)c; return 1; }
    if (c < 0x800) { b[0] = (char)(0xC0 | c >> 6); b[1] = (char)(0x80 | (c & 63)); return 2; }
    if (c < 0x10000) {
        b[0] = (char)(0xE0 | c >> 12); b[1] = (char)(0x80 | (c >> 6 & 63));
        b[2] = (char)(0x80 | (c & 63)); return 3;
    }
    b[0] = (char)(0xF0 | c >> 18); b[1] = (char)(0x80 | (c >> 12 & 63));
    b[2] = (char)(0x80 | (c >> 6 & 63)); b[3] = (char)(0x80 | (c & 63)); return 4;
}

int main(int argc, char **argv)
{
    (void)argc;
    paths_set_argv0(argv[0]);
    qs_err err = {0};
    double t0 = now_ms();
    norm_ctx *nc = norm_new(&err);
    double dt = now_ms() - t0;
    CHECK(nc != NULL, "norm_new: %s", nc ? "ok" : err.msg);
    if (!nc)
        return DONE();
    CHECK(dt < 20.0, "norm_new takes %.2f ms (< 20 ms, sanitized build)", dt);

    CHECK(norm_fold_cp(nc, 0xFF21) == 'a', "fold Ａ -> a");
    CHECK(norm_fold_cp(nc, 0xFF11) == '1', "fold １ -> 1");
    CHECK(norm_fold_cp(nc, 0x9019) == 0x8FD9, "fold 這 -> 这");
    CHECK(norm_fold_cp(nc, 0x95DC) == 0x5173, "fold 關 -> 关");
    CHECK(norm_fold_cp(nc, 'Q') == 'q', "fold Q -> q");
    CHECK(norm_fold_cp(nc, 0x3000) == ' ', "fold U+3000 -> space");
    CHECK(norm_fold_cp(nc, '\t') == ' ', "fold tab -> space");
    /* Cantonese: each reader folds its own sets, nothing else moves */
    CHECK(norm_yue_cp(0x5605, NORM_YUE_COMMON) == 0x7684, "yue 嘅 -> 的");
    CHECK(norm_yue_cp(0x4E5C, NORM_YUE_COMMON) == 0x4E5C, "yue 乜 kept without the question set");
    CHECK(norm_yue_cp(0x4E5C, NORM_YUE_COMMON | NORM_YUE_QUESTION) == 0x4EC0, "yue 乜 -> 什");
    CHECK(norm_yue_cp(0x5187, NORM_YUE_COMMON | NORM_YUE_QUESTION) == 0x5187, "yue 冇 kept without the verbs");
    CHECK(norm_yue_cp(0x5187, NORM_YUE_VERBS) == 0x6CA1, "yue 冇 -> 没");
    CHECK(norm_yue_cp(0x7CFB, NORM_YUE_COMMON | NORM_YUE_QUESTION | NORM_YUE_VERBS) == 0x7CFB, "yue 系 kept (系统)");
    CHECK(norm_yue_cp('a', NORM_YUE_COMMON) == 'a', "yue ASCII kept");
    CHECK(norm_fold_cp(nc, 0x3002) == '.', "fold 。 -> .");
    CHECK(norm_fold_cp(nc, 0x3010) == '[', "fold 【 -> [");
    CHECK(norm_fold_cp(nc, 0x3231) == 0x3231, "fold ㈱ unchanged (expands)");
    CHECK(norm_fold_cp(nc, 0xFB01) == 0xFB01, "fold ﬁ unchanged (expands)");
    CHECK(norm_fold_cp(nc, 0x2460) == '1', "fold ① -> 1");
    CHECK(norm_fold_cp(nc, 0x5065) == 0x5065, "fold 健 unchanged");
    CHECK(norm_fold_cp(nc, 0x1D400) == 'a', "fold U+1D400 (mathematical A) -> a");
    CHECK(norm_fold_cp(nc, -5) == -5 && norm_fold_cp(nc, 0x110000) == 0x110000,
          "fold leaves out-of-range values alone");

    /* every BMP character that folds 1:1 normalises to the same, alone */
    int agree = 1, checked = 0;
    for (int32_t c = 0x21; c < 0x10000 && agree; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        char b[16] = "\xE4\xB8\xAD"; /* 中: composes with no mark */
        size_t n = 3 + u8_put(b + 3, c);
        memcpy(b + n, "\xE4\xB8\xAD", 3);
        n += 3;
        norm_text t;
        if (norm_run(nc, b, n, &t, &err) != QS_OK) {
            agree = 0;
            break;
        }
        int32_t f = norm_fold_cp(nc, c);
        if (t.n_cp == 3 && f != t.cp[1]) {
            printf("# U+%04X: fold %04X, run %04X\n", (unsigned)c, (unsigned)f, (unsigned)t.cp[1]);
            agree = 0;
        }
        checked += t.n_cp == 3;
    }
    CHECK(agree && checked > 60000, "norm_fold_cp agrees with norm_run on %d BMP characters",
          checked);

    norm_text t;
    CHECK(norm_run(nc, "", 0, &t, &err) == QS_OK && t.n_cp == 0 && t.len == 0 && t.s[0] == 0 &&
              t.map[0] == 0,
          "empty text");
    CHECK(norm_run(nc, " \t\u3000 ", strlen(" \t\u3000 "), &t, &err) == QS_OK && t.n_cp == 0 &&
              t.map[0] == 4,
          "white space only normalises to nothing, map[0] = 4");
    CHECK(norm_run(nc, "ab\xC0\xAF", 4, &t, &err) == QS_EINVAL, "overlong UTF-8 rejected: %s",
          err.msg);
    CHECK(norm_run(nc, "\xED\xA0\x80", 3, &t, &err) == QS_EINVAL, "surrogate rejected");

    /* long expansions: 2000 x U+FDFA (18 code points each) */
    size_t n = 2000;
    char *big = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 3 * i, "\xEF\xB7\xBA", 3);
    CHECK(norm_run(nc, big, n * 3, &t, &err) == QS_OK && t.n_cp == n * 18 && map_ok(&t, n),
          "2000 x U+FDFA -> %zu code points, map consistent", t.n_cp);
    CHECK(t.map[18] == 1 && t.map[17] == 0, "expansion maps every piece to its source");
    free(big);

    /* a base followed by 300 combining marks goes through ICU in one segment */
    big = malloc(1 + 300 * 2 + 2);
    big[0] = 'e';
    for (size_t i = 0; i < 300; i++)
        memcpy(big + 1 + 2 * i, "\xCC\x81", 2);
    big[601] = 'x';
    CHECK(norm_run(nc, big, 602, &t, &err) == QS_OK && map_ok(&t, 302) &&
              t.cp[t.n_cp - 1] == 'x' && t.map[t.n_cp - 1] == 301,
          "base + 300 marks: %zu code points, map consistent", t.n_cp);
    free(big);

    const char *mixed = "  這家ＧＹＭ㈱１２３　　关门了……  ";
    CHECK(norm_run(nc, mixed, strlen(mixed), &t, &err) == QS_OK, "mixed text");
    CHECK_STR(t.s, "这家gym(株)123 关门了......", "mixed text normalised");
    CHECK(map_ok(&t, 20) && t.map[0] == 2 && t.map[5] == 7 && t.map[7] == 7 && t.map[11] == 11,
          "mixed text map: 這 at 2, ㈱ pieces at 7, the space at 11");

    /* the result stays valid until the next run, and runs reuse buffers */
    for (int i = 0; i < 1000; i++)
        norm_run(nc, mixed, strlen(mixed), &t, &err);
    CHECK_STR(t.s, "这家gym(株)123 关门了......", "1000 runs on one context");
    /* random strings over the characters the code paths care about */
    static const char *const alpha[] = {
        "1", "3", "8", "0", "\xEF\xBC\x91", "X", "-", " ", "\xE3\x80\x80", "@", ".", "a", "Q",
        "\xE7\x8E\x8B", "\xE5\x85\x88\xE7\x94\x9F", "\xE5\xA7\x93\xE5\x90\x8D", "\xEF\xBC\x9A",
        "\xE6\xA0\x8B", "\xE5\x8D\x95\xE5\x85\x83", "\xE5\xAE\xA4", "\xCC\x81", "\xE1\x85\xA1",
        "\xEF\xB7\xBA", "\xE2\x80\x8B", "\xE9\x80\x99", "(", "\xEF\xBC\x88", ")", "\t", "\xF0\x9D\x90\x80",
        "\xE6\x9F\x90", "qq", "\xE5\xBE\xAE\xE4\xBF\xA1", "_", "\xE8\xBA\xAB\xE4\xBB\xBD\xE8\xAF\x81"};
    unsigned seed = 12315;
    int fuzz_ok = 1;
    char fb[1024];
    for (int it = 0; it < 20000 && fuzz_ok; it++) {
        size_t len = 0;
        int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;
        for (int k = 0; k < parts; k++) {
            const char *a = alpha[((seed = seed * 1103515245u + 12345u) >> 16) %
                                  (sizeof alpha / sizeof alpha[0])];
            memcpy(fb + len, a, strlen(a));
            len += strlen(a);
        }
        size_t n_src = 0;
        for (size_t k = 0; k < len; k++)
            n_src += ((unsigned char)fb[k] & 0xC0) != 0x80;
        char *m = NULL;
        if (norm_run(nc, fb, len, &t, &err) != QS_OK || !map_ok(&t, n_src) ||
            strlen(t.s) != t.len || pii_mask(fb, len, &m, &err) != QS_OK || !m)
            fuzz_ok = 0;
        free(m);
    }
    CHECK(fuzz_ok, "20000 random texts: norm_run maps consistent, pii_mask succeeds");
    norm_free(nc);
    norm_free(NULL);

    char *m = NULL;
    CHECK(pii_mask("", 0, &m, &err) == QS_OK && m && m[0] == 0, "pii_mask on empty text");
    free(m);
    CHECK(pii_mask("\xFF", 1, &m, &err) == QS_EINVAL && m == NULL, "pii_mask rejects bad UTF-8");
    return DONE();
}
