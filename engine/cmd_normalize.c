/* cmd_normalize.c: `qunsu normalize`, a debugging command (not in the usage
 * list): one text per line in, its normalised form out (with --map, a tab and
 * the offset map), or with --mask the PII-masked original. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "normalize.h"
#include "pii.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu normalize [--in FILE] [--map] [--mask]\n"
          "One text per line in; out the normalised text (NFKC, traditional to simplified,\n"
          "case folding, punctuation and white space cleanup).\n"
          "  --in FILE  input (default: stdin)\n"
          "  --map      after the text, a tab and the offset map: for each output code\n"
          "             point the index of the input code point it came from, then the\n"
          "             input length, comma-separated\n"
          "  --mask     print the input with personal information masked instead\n",
          f);
}

static int put_line(FILE *out, int do_map, int do_mask, norm_ctx *nc, char *line, size_t len,
                    long lineno)
{
    qs_err err = {0};
    if (!ingest_utf8_valid(line, len)) {
        fprintf(stderr, "qunsu normalize: line %ld: invalid UTF-8, printed as an empty line\n",
                lineno);
        return fputc('\n', out) == EOF ? -1 : 0;
    }
    if (do_mask) {
        char *masked;
        if (pii_mask(line, len, &masked, &err) != QS_OK) {
            fprintf(stderr, "qunsu normalize: line %ld: %s\n", lineno, err.msg);
            return -1;
        }
        int r = fprintf(out, "%s\n", masked);
        free(masked);
        return r < 0 ? -1 : 0;
    }
    norm_text t;
    if (norm_run(nc, line, len, &t, &err) != QS_OK) {
        fprintf(stderr, "qunsu normalize: line %ld: %s\n", lineno, err.msg);
        return -1;
    }
    fwrite(t.s, 1, t.len, out);
    if (do_map) {
        fputc('\t', out);
        for (size_t i = 0; i <= t.n_cp; i++)
            fprintf(out, i ? ",%d" : "%d", (int)t.map[i]);
    }
    return fputc('\n', out) == EOF ? -1 : 0;
}

int cmd_normalize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},
        {"map", no_argument, NULL, 'm'},
        {"mask", no_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL;
    int do_map = 0, do_mask = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:mkh", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'm': do_map = 1; break;
        case 'k': do_mask = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (optind < argc || (do_map && do_mask)) {
        fputs(optind < argc ? "qunsu normalize: unexpected argument\n"
                            : "qunsu normalize: --map and --mask do not go together\n",
              stderr);
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    norm_ctx *nc = NULL;
    if (!do_mask && !(nc = norm_new(&err))) {
        fprintf(stderr, "qunsu normalize: %s\n", err.msg);
        return 2;
    }
    FILE *in = cli_open_in(in_path);
    if (!in) {
        norm_free(nc);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int status = 0;
    while ((n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        if (memchr(line, '\0', len)) {
            fprintf(stderr, "qunsu normalize: line %ld: NUL byte, printed as an empty line\n",
                    lineno);
            len = 0;
        }
        line[len] = '\0';
        if (put_line(stdout, do_map, do_mask, nc, line, len, lineno) != 0) {
            status = 2;
            break;
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "qunsu normalize: read error\n");
        status = 2;
    }
    free(line);
    norm_free(nc);
    if (in != stdin)
        fclose(in);
    if (cli_close(stdout) != 0)
        status = 2;
    return status;
}
