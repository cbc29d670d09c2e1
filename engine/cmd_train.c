/* cmd_train.c: `qunsu train`: fit the issue/tag model on labelled JSONL
 * (records with gold.issue and gold.tags) and write the model file. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "clsmodel.h"
#include "clstrain.h"
#include "hmap.h"
#include "normalize.h"
#include "paths.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu train --in LABELLED.jsonl --out MODEL [--seed N] [options]\n"
          "Fits the issue and scenario-tag classifier on labelled work orders (one JSON\n"
          "object a line with \"text\" and \"gold\":{\"issue\":CODE,\"tags\":[CODE...]}) and\n"
          "writes the model file (text header + weights + the lexicons used).\n"
          "  --in FILE        labelled input (default: stdin)\n"
          "  --out FILE       model file to write (required), e.g. models/issue.model\n"
          "  --seed N         seed of the calibration fold split (default 1)\n"
          "  --calib FILE     labelled texts to fit the probability calibration on,\n"
          "                   instead of a fold of the training data\n"
          "  --no-words       character features only (default: also words of the\n"
          "                   segmentation with data/dict.bin)\n"
          "  --lambda X       L2 strength on feature weights (default 1e-4)\n"
          "  --iter N         BFGS iterations per fit (default 300)\n"
          "  --min-df N       keep features seen in at least N texts (default 2)\n"
          "  --nb B           naive-Bayes prior scales of the issue weights, 0..1: a\n"
          "                   weight's L2 prior widens with how well its feature's\n"
          "                   counts tell its class from the rest (default 0: none)\n"
          "  --class-power P  a text's loss weighs (n / (15 n_class))^P: rare classes\n"
          "                   count more (default 0.5)\n"
          "  --keywords FILE  issue lexicon (default dicts/issue/keywords.tsv)\n"
          "  --tagwords FILE  tag lexicon (default dicts/issue/tags.tsv)\n",
          f);
}

static int read_all(FILE *in, char **buf, size_t *len)
{
    size_t cap = 1 << 20;
    *len = 0;
    *buf = malloc(cap + 1);
    if (!*buf)
        return -1;
    for (;;) {
        if (*len == cap) {
            char *nb = realloc(*buf, cap * 2 + 1);
            if (!nb)
                return -1;
            *buf = nb, cap *= 2;
        }
        size_t got = fread(*buf + *len, 1, cap - *len, in);
        *len += got;
        if (got == 0)
            break;
    }
    (*buf)[*len] = '\0';
    return ferror(in) ? -1 : 0;
}

/* Parse one labelled line into ex (strings point into the cJSON tree, which
 * the caller keeps). Returns NULL or a message. */
static const char *parse_example(cJSON *j, clstrain_example *ex)
{
    if (!cJSON_IsObject(j))
        return "not a JSON object";
    cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
    cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
    cJSON *gold = cJSON_GetObjectItemCaseSensitive(j, "gold");
    if (!cJSON_IsString(text))
        return "missing string field: text";
    if (!cJSON_IsObject(gold))
        return "missing object field: gold";
    cJSON *issue = cJSON_GetObjectItemCaseSensitive(gold, "issue");
    cJSON *tags = cJSON_GetObjectItemCaseSensitive(gold, "tags");
    if (!cJSON_IsString(issue) || tax_issue_parse(issue->valuestring) < 0)
        return "gold.issue missing or not an issue code";
    if (tags && !cJSON_IsArray(tags) && !cJSON_IsNull(tags))
        return "gold.tags is not an array";
    ex->tags = 0;
    cJSON *t;
    cJSON_ArrayForEach(t, tags)
    {
        int k = cJSON_IsString(t) ? tax_tag_parse(t->valuestring) : -1;
        if (k < 0)
            return "gold.tags holds an unknown tag";
        ex->tags |= TAG_BIT(k);
    }
    ex->issue = tax_issue_parse(issue->valuestring);
    ex->text = text->valuestring;
    ex->len = strlen(text->valuestring);
    ex->id = cJSON_IsString(id) ? id->valuestring : text->valuestring;
    return NULL;
}

/* A labelled file held in memory: the examples point into the cJSON trees. */
typedef struct labelled {
    char *buf;
    clstrain_example *ex;
    cJSON **trees;
    size_t n;
} labelled;

static void labelled_free(labelled *l)
{
    for (size_t i = 0; i < l->n; i++)
        cJSON_Delete(l->trees[i]);
    free(l->trees);
    free(l->ex);
    free(l->buf);
    memset(l, 0, sizeof *l);
}

/* Read labelled JSONL (path NULL or "-": stdin). hash (40 bytes) gets the
 * fingerprint of the bytes when not NULL. Prints the error, returns -1. */
static int read_labelled(const char *path, labelled *l, char *hash)
{
    const char *name = path && strcmp(path, "-") ? path : "stdin";
    size_t len = 0, cap = 0;
    FILE *in = cli_open_in(path);
    if (!in)
        return -1;
    int rd = read_all(in, &l->buf, &len);
    if (in != stdin)
        fclose(in);
    if (rd != 0) {
        fprintf(stderr, "qunsu train: cannot read %s\n", name);
        return -1;
    }
    if (hash)
        snprintf(hash, 40, "fnv1a64:%016" PRIx64, hmap_hash(l->buf, len));
    long line = 0;
    for (char *p = l->buf; p < l->buf + len;) {
        char *nl = memchr(p, '\n', (size_t)(l->buf + len - p));
        if (nl)
            *nl = '\0';
        line++;
        char *s = p;
        p = nl ? nl + 1 : l->buf + len;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s)
            continue;
        if (l->n == cap) {
            size_t ncap = cap ? cap * 2 : 1024;
            clstrain_example *ne = realloc(l->ex, ncap * sizeof *ne);
            if (ne)
                l->ex = ne;
            cJSON **nt = ne ? realloc(l->trees, ncap * sizeof *nt) : NULL;
            if (!nt) {
                fputs("qunsu train: out of memory\n", stderr);
                return -1;
            }
            l->trees = nt, cap = ncap;
        }
        l->trees[l->n] = cJSON_Parse(s);
        const char *why = l->trees[l->n] ? parse_example(l->trees[l->n], &l->ex[l->n]) : "not valid JSON";
        if (why) {
            fprintf(stderr, "qunsu train: %s:%ld: %s\n", name, line, why);
            cJSON_Delete(l->trees[l->n]);
            return -1;
        }
        l->n++;
    }
    return 0;
}

static int load_lexicon(const char *given, const char *rel, int n, int (*parse)(const char *),
                        int neg_default, clf_lex *lx)
{
    char path[4096];
    if (!given) {
        if (paths_find(rel, path, sizeof path) != 0) {
            fprintf(stderr, "qunsu train: lexicon %s not found (last tried %s)\n", rel, path);
            return -1;
        }
        given = path;
    }
    qs_err err = {0};
    if (clf_lex_read(given, n, parse, neg_default, lx, &err) != QS_OK) {
        fprintf(stderr, "qunsu train: %s\n", err.msg);
        return -1;
    }
    return 0;
}

int cmd_train(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},       {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'},     {"lambda", required_argument, NULL, 'l'},
        {"iter", required_argument, NULL, 'n'},     {"min-df", required_argument, NULL, 'd'},
        {"keywords", required_argument, NULL, 'k'}, {"tagwords", required_argument, NULL, 't'},
        {"calib", required_argument, NULL, 'c'},    {"no-words", no_argument, NULL, 'W'},
        {"class-power", required_argument, NULL, 'P'}, {"nb", required_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *kw_path = NULL, *tw_path = NULL,
               *calib_path = NULL;
    clstrain_opts o = {1, CLSTRAIN_DEFAULT_LAMBDA, CLSTRAIN_DEFAULT_ITER, CLSTRAIN_DEFAULT_MIN_DF,
                       NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, stderr, 0.5, 0};
    int c, words = 1;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:s:l:n:d:k:t:c:h", opts, NULL)) != -1) {
        errno = 0;
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'k': kw_path = optarg; break;
        case 't': tw_path = optarg; break;
        case 'c': calib_path = optarg; break;
        case 'W': words = 0; break;
        case 's':
            o.seed = strtoul(optarg, &end, 10);
            if (*end || errno || !*optarg || optarg[0] == '-') {
                fprintf(stderr, "qunsu train: bad --seed: %s\n", optarg);
                return 1;
            }
            break;
        case 'l':
        case 'P':
        case 'N': {
            /* the real-valued settings, each with its range */
            const char *name = c == 'l' ? "lambda" : c == 'P' ? "class-power" : "nb";
            double hi = c == 'l' ? 100 : c == 'P' ? 4 : 1;
            double *to = c == 'l' ? &o.lambda : c == 'P' ? &o.class_power : &o.nb_beta;
            if (cli_number("train", name, optarg, 0, hi, 0, to) != 0)
                return 1;
            break;
        }
        case 'n':
        case 'd': {
            double v;
            if (cli_number("train", c == 'n' ? "iter" : "min-df", optarg, 1, 100000, 1, &v) != 0)
                return 1;
            if (c == 'n')
                o.max_iter = (int)v;
            else
                o.min_df = (int)v;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("train", argc, argv, optind, "--out", out_path) != 0) {
        usage(stderr);
        return 1;
    }
    clf_lex kw = {0}, tw = {0};
    /* issue keywords name the grievance even when negated (没有营业执照, 不发货);
     * tag keywords are denied by a negator (没有闭店, 不要求十倍赔偿) */
    if (load_lexicon(kw_path, "dicts/issue/keywords.tsv", ISSUE_N, tax_issue_parse, 0, &kw) != 0)
        return 2;
    if (load_lexicon(tw_path, "dicts/issue/tags.tsv", TAG_N, tax_tag_parse, 1, &tw) != 0) {
        clf_lex_free(&kw);
        return 2;
    }
    o.keywords = &kw;
    o.tagwords = &tw;
    qs_err nerr = {0};
    norm_ctx *normc = norm_new(&nerr);
    if (!normc) {
        fprintf(stderr, "qunsu train: %s\n", nerr.msg);
        clf_lex_free(&kw);
        clf_lex_free(&tw);
        return 2;
    }
    o.nc = normc;
    seg_dict *dict = NULL;
    seg_ctx *seg = NULL;
    if (words) {
        char dpath[4096];
        if (paths_find("data/dict.bin", dpath, sizeof dpath) != 0) {
            fprintf(stderr, "qunsu train: dictionary data/dict.bin not found (last tried %s); "
                            "run `make` or pass --no-words\n", dpath);
            norm_free(normc);
            clf_lex_free(&kw);
            clf_lex_free(&tw);
            return 2;
        }
        if (!(dict = seg_dict_load(dpath, &nerr)) || !(seg = seg_new(dict, normc, &nerr))) {
            fprintf(stderr, "qunsu train: %s\n", nerr.msg);
            seg_dict_free(dict);
            norm_free(normc);
            clf_lex_free(&kw);
            clf_lex_free(&tw);
            return 2;
        }
        o.seg = seg;
    }

    int status = 0;
    labelled tr = {0}, cal = {0};
    cls_model *m = NULL;
    char hash[40], chash[40];
    if (read_labelled(in_path, &tr, hash) != 0 || (calib_path && read_labelled(calib_path, &cal, chash) != 0)) {
        status = 2;
        goto out;
    }
    o.data_hash = hash;
    o.calib = cal.ex;
    o.n_calib = cal.n;
    o.calib_hash = chash;
    qs_err err = {0};
    qs_rc rc = clstrain_run(tr.ex, tr.n, &o, &m, &err);
    if (rc != QS_OK) {
        fprintf(stderr, "qunsu train: %s\n", err.msg);
        status = qs_rc_exit(rc);
        goto out;
    }
    /* write beside the target, then rename: a failed run leaves the old model */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", out_path) >= (int)sizeof tmp) {
        fputs("qunsu train: --out path too long\n", stderr);
        status = 1;
        goto out;
    }
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "qunsu train: cannot write %s: %s\n", tmp, strerror(errno));
        status = 2;
        goto out;
    }
    rc = cls_model_write(m, f, &err);
    if (fclose(f) != 0 && rc == QS_OK)
        rc = qs_fail(&err, QS_EIO, "write error on %s", tmp);
    if (rc == QS_OK && rename(tmp, out_path) != 0)
        rc = qs_fail(&err, QS_EIO, "cannot rename %s to %s: %s", tmp, out_path, strerror(errno));
    if (rc != QS_OK) {
        remove(tmp);
        fprintf(stderr, "qunsu train: %s\n", err.msg);
        status = 2;
        goto out;
    }
    fprintf(stderr, "qunsu train: %zu records, %zu features, model written to %s\n", tr.n,
            cls_n_features(m), out_path);
out:
    labelled_free(&tr);
    labelled_free(&cal);
    cls_free(m);
    seg_free(seg);
    seg_dict_free(dict);
    norm_free(normc);
    clf_lex_free(&kw);
    clf_lex_free(&tw);
    return status;
}
