/* normbench.c: throughput of normalisation on a text file (one text a line):
 * norm_new cost, norm_run and norm_fold_cp MB/s, pii_mask MB/s, and, as the
 * peer, ICU applied directly (UTF-8 -> UTF-16, NFKC_Casefold, the
 * Traditional-Simplified transliterator). Usage: normbench FILE [REPEAT] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "normalize.h"
#include "paths.h"
#include "pii.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return fputs("usage: normbench FILE [REPEAT]\n", stderr), 1;
    paths_set_argv0(argv[0]);
    int rep = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return perror(argv[1]), 2;
    size_t cap = 0, nl = 0;
    char **lines = NULL, *line = NULL;
    size_t *lens = NULL, total = 0, lcap = 0;
    ssize_t r;
    while ((r = getline(&line, &cap, f)) >= 0) {
        while (r && (line[r - 1] == '\n' || line[r - 1] == '\r'))
            r--;
        int ok = 1;
        for (int32_t i = 0; i < r && ok;) {
            UChar32 c;
            U8_NEXT((const uint8_t *)line, i, (int32_t)r, c);
            ok = c >= 0;
        }
        if (!ok || r == 0)
            continue;
        if (nl == lcap) {
            lcap = lcap ? lcap * 2 : 1024;
            lines = realloc(lines, lcap * sizeof *lines);
            lens = realloc(lens, lcap * sizeof *lens);
        }
        lines[nl] = malloc((size_t)r + 1);
        memcpy(lines[nl], line, (size_t)r);
        lines[nl][r] = 0;
        lens[nl++] = (size_t)r;
        total += (size_t)r;
    }
    free(line);
    fclose(f);
    qs_err err = {0};
    double t0 = now();
    for (int i = 0; i < 20; i++)
        norm_free(norm_new(&err));
    double t_new = (now() - t0) / 20;
    norm_ctx *nc = norm_new(&err);
    if (!nc)
        return fprintf(stderr, "normbench: %s\n", err.msg), 2;
    double mb = (double)total * rep / 1e6;
    size_t sink = 0;

    t0 = now();
    for (int k = 0; k < rep; k++)
        for (size_t i = 0; i < nl; i++) {
            norm_text t;
            norm_run(nc, lines[i], lens[i], &t, &err);
            sink += t.n_cp;
        }
    double t_run = now() - t0;

    t0 = now();
    for (int k = 0; k < rep; k++)
        for (size_t i = 0; i < nl; i++) {
            const uint8_t *p = (const uint8_t *)lines[i];
            for (int32_t j = 0, m = (int32_t)lens[i]; j < m;) {
                UChar32 c;
                U8_NEXT_UNSAFE(p, j, c);
                sink += (size_t)norm_fold_cp(nc, c);
            }
        }
    double t_fold = now() - t0;

    t0 = now();
    for (size_t i = 0; i < nl; i++) {
        char *o;
        if (pii_mask(lines[i], lens[i], &o, &err) == QS_OK)
            sink += strlen(o);
        free(o);
    }
    double t_pii = now() - t0;

    /* peer: ICU directly */
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    UChar id[32];
    u_uastrcpy(id, "Traditional-Simplified");
    t0 = now();
    UTransliterator *ts = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    double t_open = now() - t0;
    UChar *a = malloc(sizeof(UChar) * (total + 16) * 4), *b = malloc(sizeof(UChar) * (total + 16) * 4);
    t0 = now();
    for (size_t i = 0; i < nl && U_SUCCESS(e); i++) {
        int32_t ua = 0;
        u_strFromUTF8(a, (int32_t)(lens[i] * 2 + 16), &ua, lines[i], (int32_t)lens[i], &e);
        int32_t ub = unorm2_normalize(nf, a, ua, b, (int32_t)(lens[i] * 4 + 16), &e);
        int32_t lim = ub;
        utrans_transUChars(ts, b, &ub, (int32_t)(lens[i] * 4 + 16), 0, &lim, &e);
        sink += (size_t)ub;
    }
    double t_icu = now() - t0;
    double mb1 = (double)total / 1e6;
    printf("input: %zu lines, %.2f MB (x%d for the table lookups)\n", nl, total / 1e6, rep);
    printf("%-44s %10.2f ms\n", "norm_new (fold.bin load)", t_new * 1e3);
    printf("%-44s %10.2f ms\n", "peer: utrans_openU Traditional-Simplified", t_open * 1e3);
    printf("%-44s %10.1f MB/s\n", "norm_run (fold, map, UTF-8 out)", mb / t_run);
    printf("%-44s %10.1f MB/s\n", "norm_fold_cp per code point (UTF-8 decode)", mb / t_fold);
    printf("%-44s %10.1f MB/s\n", "pii_mask", mb1 / t_pii);
    printf("%-44s %10.1f MB/s %s\n", "peer: ICU NFKC_Casefold + utrans per text", mb1 / t_icu,
           U_SUCCESS(e) ? "" : u_errorName(e));
    fprintf(stderr, "(checksum %zu)\n", sink);
    utrans_close(ts);
    free(a);
    free(b);
    for (size_t i = 0; i < nl; i++)
        free(lines[i]);
    free(lines);
    free(lens);
    norm_free(nc);
    u_cleanup();
    return 0;
}
