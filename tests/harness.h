/* harness.h: a tiny test harness for unit tests. Each CHECK prints one
 * "ok N - what" or "not ok N - what" line; tests/run.sh counts them. A test
 * program returns DONE(), non-zero when any check failed. */
#ifndef QS_HARNESS_H
#define QS_HARNESS_H

#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int h_n, h_failed;

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        int h_ok = (cond) ? 1 : 0;                                              \
        h_n++;                                                                  \
        if (!h_ok)                                                              \
            h_failed++;                                                         \
        printf("%s %d - ", h_ok ? "ok" : "not ok", h_n);                        \
        printf(__VA_ARGS__);                                                    \
        printf("%s\n", h_ok ? "" : "  (" #cond ")");                            \
    } while (0)

#define CHECK_STR(got, want, ...)                                               \
    do {                                                                        \
        const char *h_g = (got), *h_w = (want);                                 \
        CHECK(h_g && h_w && strcmp(h_g, h_w) == 0, __VA_ARGS__);                \
        if (!(h_g && h_w && strcmp(h_g, h_w) == 0))                             \
            printf("#   got  [%s]\n#   want [%s]\n", h_g ? h_g : "(null)", h_w); \
    } while (0)

#define CHECK_NEAR(got, want, rel, ...)                                         \
    do {                                                                        \
        double h_g = (got), h_w = (want);                                       \
        CHECK(fabs(h_g - h_w) <= (rel) * fabs(h_w), __VA_ARGS__);               \
        if (!(fabs(h_g - h_w) <= (rel) * fabs(h_w)))                            \
            printf("#   got %.10g want %.10g\n", h_g, h_w);                     \
    } while (0)

#define DONE() (h_failed ? 1 : 0)

/* Points QUNSU_HOME at the build folder two levels above this test binary,
 * where build-time data (data/pinyin.tsv, the dictionaries) lives; lexicons
 * come from the source tree, the working directory. */
static inline void harness_use_build_data(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    for (int i = 0; i < 2; i++) {
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
    }
    setenv("QUNSU_HOME", exe, 1);
}

/* A damaged copy of a model file, for loader tests: the first `lines` lines
 * of src (all when 0), line `at` (0-based; -1 for none) replaced by repl,
 * then `extra`, written to dst. Returns 0, or -1 when a file failed. */
static inline int harness_write_variant(const char *src, const char *dst, int lines, int at, const char *repl,
                                        const char *extra)
{
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return -1;
    }
    char line[4096];
    for (int n = 0; fgets(line, sizeof line, in) && (lines == 0 || n < lines); n++)
        fputs(n == at ? repl : line, out);
    fputs(extra, out);
    fclose(in);
    return fclose(out);
}

/* UTF-8 to code points (valid input only, as tests write it); returns the
 * count, at most cap. */
static inline size_t harness_cps(const char *s, int32_t *out, size_t cap)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < cap) {
        int32_t c;
        if (*p < 0x80)
            c = *p++;
        else if (*p < 0xE0)
            c = (p[0] & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
        else if (*p < 0xF0)
            c = (p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F), p += 3;
        else
            c = (p[0] & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F), p += 4;
        out[n++] = c;
    }
    return n;
}

#endif
