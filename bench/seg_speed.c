/* seg_speed.c: throughput of the segmenter alone, for bench/segment.sh.
 * Loads the compiled dictionary, reads the whole input into memory, then
 * runs seg_run over every line under the process CPU clock (no reading or
 * writing inside the timed loop, as for the jieba and ICU baselines), with
 * the normaliser's fold as `qunsu segment` uses it.
 * usage: seg_speed DICT.bin FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "segment.h"

static double now_sec(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: seg_speed DICT.bin FILE\n", stderr);
        return 1;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        fprintf(stderr, "seg_speed: cannot open %s\n", argv[2]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = size > 0 ? malloc((size_t)size) : NULL;
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "seg_speed: cannot read %s\n", argv[2]);
        fclose(f);
        free(text);
        return 2;
    }
    fclose(f);
    qs_err err = {0};
    double t0 = now_sec(CLOCK_MONOTONIC);
    seg_dict *d = seg_dict_load(argv[1], &err);
    double t_load = now_sec(CLOCK_MONOTONIC) - t0;
    norm_ctx *nc = d ? norm_new(&err) : NULL;
    seg_ctx *sc = nc ? seg_new(d, nc, &err) : NULL;
    if (!sc) {
        fprintf(stderr, "seg_speed: %s\n", err.msg);
        norm_free(nc);
        seg_dict_free(d);
        free(text);
        return 2;
    }
    size_t bytes = 0, toks = 0;
    long lines = 0, bad = 0;
    double c0 = now_sec(CLOCK_PROCESS_CPUTIME_ID);
    for (char *p = text, *end = text + size; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)((nl ? nl : end) - p);
        if (len && p[len - 1] == '\r')
            len--;
        const seg_token *t;
        size_t n;
        if (seg_run(sc, p, len, &t, &n, &err) == QS_OK)
            toks += n;
        else
            bad++;
        bytes += len;
        lines++;
        p = nl ? nl + 1 : end;
    }
    double cpu = now_sec(CLOCK_PROCESS_CPUTIME_ID) - c0;
    fprintf(stderr, "dictionary load %.2f ms; %ld lines (%ld refused), %zu tokens; "
            "%zu bytes segmented; loop CPU %.3f s\n", t_load * 1e3, lines, bad, toks, bytes, cpu);
    seg_free(sc);
    norm_free(nc);
    seg_dict_free(d);
    free(text);
    return 0;
}
