/* cmd_segment.c: `qunsu segment` (one text per line in, its words separated
 * by single spaces out, every non-space character kept as written) and the
 * build step `qunsu dict-compile` that makes data/dict.bin. */
#include "cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dict.h"
#include "paths.h"
#include "segment.h"

#define MAX_USER_DICTS 32

static double now_sec(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void usage(FILE *f)
{
    fputs("usage: qunsu segment [--in FILE] [--dict FILE]... [--stats]\n"
          "Splits each input line into words and prints them separated by single spaces.\n"
          "Every non-space character is printed unchanged and in order; one output line per\n"
          "input line (a line that is not valid UTF-8 gives an error and an empty line).\n"
          "  --in FILE    input (default: stdin)\n"
          "  --dict FILE  user dictionary: one word per line, optionally followed by a\n"
          "               frequency; its words are never split (may be repeated)\n"
          "  --stats      print dictionary load time and throughput on stderr\n",
          f);
}

static int write_tokens(const seg_ctx *sc, const char *line, const seg_token *toks, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t a = seg_byte_offset(sc, toks[k].start), b = seg_byte_offset(sc, toks[k].end);
        if ((k && putchar(' ') == EOF) || fwrite(line + a, 1, b - a, stdout) != b - a)
            return -1;
    }
    return putchar('\n') == EOF ? -1 : 0;
}

int cmd_segment(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},
        {"dict", required_argument, NULL, 'd'},
        {"stats", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL;
    const char *user[MAX_USER_DICTS];
    int n_user = 0, stats = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:d:sh", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'd':
            if (n_user == MAX_USER_DICTS) {
                fprintf(stderr, "qunsu segment: at most %d --dict files\n", MAX_USER_DICTS);
                return 1;
            }
            user[n_user++] = optarg;
            break;
        case 's': stats = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("segment", argc, argv, optind, NULL, NULL) != 0) {
        usage(stderr);
        return 1;
    }
    char path[PATH_MAX];
    if (paths_find("data/dict.bin", path, sizeof path) != 0) {
        fprintf(stderr, "qunsu segment: dictionary not found (last tried %s); run `make`\n", path);
        return 2;
    }
    qs_err err = {0};
    double t0 = now_sec(CLOCK_MONOTONIC);
    seg_dict *d = seg_dict_load(path, &err);
    if (!d) {
        fprintf(stderr, "qunsu segment: %s\n", err.msg);
        return 2;
    }
    double t_load = now_sec(CLOCK_MONOTONIC) - t0;
    for (int i = 0; i < n_user; i++) {
        if (seg_dict_add_user(d, user[i], &err) != QS_OK) {
            fprintf(stderr, "qunsu segment: %s\n", err.msg);
            seg_dict_free(d);
            return qs_rc_exit(err.rc) == 1 ? 2 : qs_rc_exit(err.rc);
        }
    }
    /* the normaliser's fold (traditional to simplified, full-width, case)
     * guides matching; the output keeps the original characters */
    double t2 = now_sec(CLOCK_MONOTONIC);
    norm_ctx *nc = norm_new(&err);
    double t_norm = now_sec(CLOCK_MONOTONIC) - t2;
    seg_ctx *sc = nc ? seg_new(d, nc, &err) : NULL;
    FILE *in = sc ? cli_open_in(in_path) : NULL;
    if (!sc || !in) {
        if (!sc)
            fprintf(stderr, "qunsu segment: %s\n", err.msg);
        seg_free(sc);
        norm_free(nc);
        seg_dict_free(d);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0, bytes = 0;
    ssize_t got;
    long lineno = 0;
    int status = 0;
    double t_seg = 0, cpu0 = now_sec(CLOCK_PROCESS_CPUTIME_ID);
    while ((got = getline(&line, &cap, in)) != -1) {
        lineno++;
        size_t len = (size_t)got;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        bytes += len;
        const seg_token *toks;
        size_t n;
        double t1 = now_sec(CLOCK_MONOTONIC);
        qs_rc rc = seg_run(sc, line, len, &toks, &n, &err);
        t_seg += now_sec(CLOCK_MONOTONIC) - t1;
        if (rc == QS_EINVAL) {
            fprintf(stderr, "qunsu segment: line %ld: %s; printed an empty line\n", lineno, err.msg);
            n = 0;
        } else if (rc != QS_OK) {
            fprintf(stderr, "qunsu segment: line %ld: %s\n", lineno, err.msg);
            status = 2;
            break;
        }
        if (write_tokens(sc, line, toks, n) != 0) {
            fprintf(stderr, "qunsu segment: write error\n");
            status = 2;
            break;
        }
    }
    if (status == 0 && ferror(in)) {
        fprintf(stderr, "qunsu segment: read error\n");
        status = 2;
    }
    if (stats) {
        /* wall time inside seg_run; CPU time of the whole loop, reading and
         * writing included (a figure a busy machine disturbs less) */
        double cpu = now_sec(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
        fprintf(stderr,
                "dictionary load %.2f ms (normaliser %.2f ms); %ld lines, %zu bytes segmented in "
                "%.3f s (%.1f MB/s); loop CPU %.3f s (%.1f MB/s)\n",
                t_load * 1e3, t_norm * 1e3, lineno, bytes, t_seg, t_seg > 0 ? (double)bytes / 1e6 / t_seg : 0.0,
                cpu, cpu > 0 ? (double)bytes / 1e6 / cpu : 0.0);
    }
    free(line);
    if (in != stdin)
        fclose(in);
    seg_free(sc);
    norm_free(nc);
    seg_dict_free(d);
    if (cli_close(stdout) != 0 && status == 0)
        status = 2;
    return status;
}

int cmd_dict_compile(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"hmm", required_argument, NULL, 'm'},
        {"default-freq", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL, *hmm = NULL;
    double dfreq = 100;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:m:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'm': hmm = optarg; break;
        case 'f': {
            char *end;
            dfreq = strtod(optarg, &end);
            if (*end || !(dfreq > 0)) {
                fprintf(stderr, "qunsu dict-compile: bad --default-freq: %s\n", optarg);
                return 1;
            }
            break;
        }
        case 'h':
            fputs("usage: qunsu dict-compile --out FILE --hmm FILE [--default-freq N] WORDLIST...\n"
                  "Compiles word lists (word [frequency] per line) and HMM parameters into\n"
                  "the segmenter's dictionary file.\n",
                  stdout);
            return 0;
        default: return 1;
        }
    }
    if (!out || !hmm || optind == argc) {
        fputs("usage: qunsu dict-compile --out FILE --hmm FILE [--default-freq N] WORDLIST...\n",
              stderr);
        return 1;
    }
    qs_err err = {0};
    dict_builder *b = dict_builder_new(&err);
    qs_rc rc = b ? dict_builder_read_hmm(b, hmm, &err) : QS_ENOMEM;
    for (int i = optind; rc == QS_OK && i < argc; i++)
        rc = dict_builder_read_words(b, argv[i], dfreq, &err);
    if (rc == QS_OK)
        rc = dict_builder_write(b, out, &err);
    dict_builder_free(b);
    if (rc != QS_OK) {
        fprintf(stderr, "qunsu dict-compile: %s\n", err.msg);
        return qs_rc_exit(rc) == 1 ? 2 : qs_rc_exit(rc);
    }
    return 0;
}
