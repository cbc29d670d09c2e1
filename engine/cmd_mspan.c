/* cmd_mspan.c: `qunsu train-spans`: fit the scorer of bare trade names
 * (mspan.h) on work orders whose gold mentions are known, and write its
 * model file. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "labelled.h"
#include "mspan.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu train-spans --in LABELLED.jsonl --out MODEL [options]\n"
          "Fits the scorer of bare trade names (a business named without an industry or\n"
          "shop word: 喜茶, 悠程) by logistic regression over the candidate spans that\n"
          "`extract` considers, labelled by the records' gold mentions\n"
          "(\"gold\":{\"mentions\":[{\"start\":S,\"end\":E}...]}, code points, end exclusive).\n"
          "  --in FILE        labelled input (default: stdin)\n"
          "  --out FILE       model file to write (required), e.g. models/mspan.model\n"
          "  --lambda X       L2 strength (default 1)\n"
          "  --threshold P    probability from which a span is taken (default 0.35)\n"
          "  --recipe TEXT    one line saying how the file was made, kept in its header\n"
          "  --dump FILE      write every candidate with its label and fitted score\n"
          "                   (label, score, the span in brackets within its context)\n",
          f);
}

typedef struct collect {
    mspan_cand *c;
    uint8_t *y;
    size_t n, cap;
    const cJSON *gold; /* the record's gold mentions */
    int oom;
    /* --dump: each candidate's record and code points */
    int dump;
    char **texts;
    size_t n_texts, cap_texts;
    int32_t *where; /* record, start, end per candidate */
} collect;

static void take(void *arg, int32_t s, int32_t e, const mspan_cand *c)
{
    collect *k = arg;
    if (k->oom)
        return;
    if (k->n == k->cap) {
        size_t nc = k->cap ? k->cap * 2 : 4096;
        mspan_cand *pc = realloc(k->c, nc * sizeof *pc);
        if (pc)
            k->c = pc;
        uint8_t *py = realloc(k->y, nc);
        if (py)
            k->y = py;
        int32_t *pw = k->dump ? realloc(k->where, nc * 3 * sizeof *pw) : NULL;
        if (pw)
            k->where = pw;
        if (!pc || !py || (k->dump && !pw)) {
            k->oom = 1;
            return;
        }
        k->cap = nc;
    }
    int hit = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, k->gold) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(m, "start");
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(m, "end");
        if (cJSON_IsNumber(a) && cJSON_IsNumber(b) && a->valueint == s && b->valueint == e)
            hit = 1;
    }
    if (k->dump) {
        k->where[k->n * 3] = (int32_t)k->n_texts - 1;
        k->where[k->n * 3 + 1] = s;
        k->where[k->n * 3 + 2] = e;
    }
    k->c[k->n] = *c;
    k->y[k->n++] = (uint8_t)hit;
}

static int keep_text(collect *k, const char *text)
{
    if (k->n_texts == k->cap_texts) {
        size_t nc = k->cap_texts ? k->cap_texts * 2 : 1024;
        char **p = realloc(k->texts, nc * sizeof *p);
        if (!p)
            return -1;
        k->texts = p;
        k->cap_texts = nc;
    }
    char *t = strdup(text);
    if (!t)
        return -1;
    k->texts[k->n_texts++] = t;
    return 0;
}

/* Byte offset of code point cp in UTF-8 text t (its length past the end). */
static size_t cp_byte(const char *t, int32_t cp)
{
    size_t b = 0;
    for (int32_t i = 0; i < cp && t[b]; i++) {
        b++;
        while ((t[b] & 0xC0) == 0x80)
            b++;
    }
    return b;
}

static int dump(const collect *k, const char *model_path, const char *path)
{
    qs_err err = {0};
    mspan_model *m = mspan_load(model_path, &err);
    if (!m) {
        fprintf(stderr, "qunsu train-spans: %s\n", err.msg);
        return -1;
    }
    FILE *fp = fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "qunsu train-spans: cannot write %s\n", path);
        mspan_free(m);
        return -1;
    }
    for (size_t i = 0; i < k->n; i++) {
        const char *t = k->texts[k->where[i * 3]];
        int32_t s = k->where[i * 3 + 1], e = k->where[i * 3 + 2];
        size_t a = cp_byte(t, s > 6 ? s - 6 : 0), bs = cp_byte(t, s), be = cp_byte(t, e), z = cp_byte(t, e + 6);
        fprintf(fp, "%d\t%.3f\t%.*s[%.*s]%.*s\n", k->y[i], mspan_score(m, &k->c[i]), (int)(bs - a), t + a,
                (int)(be - bs), t + bs, (int)(z - be), t + be);
    }
    mspan_free(m);
    return fclose(fp) == 0 ? 0 : -1;
}

static void setup(ex_ctx *ex, void *arg)
{
    ex_set_span_sink(ex, take, arg);
}

/* The records with gold mentions are learned from (with --dump, their
 * texts are kept to show each candidate in its context). */
static int want(void *arg, const qs_record *rec)
{
    collect *k = arg;
    const cJSON *gold = cJSON_GetObjectItemCaseSensitive(rec->json, "gold");
    k->gold = cJSON_GetObjectItemCaseSensitive(gold, "mentions");
    if (!cJSON_IsArray(k->gold))
        return 0;
    if (k->dump && keep_text(k, rec->text ? rec->text : "") != 0)
        k->oom = 1;
    return 1;
}

static int failed(void *arg, const char **msg)
{
    collect *k = arg;
    *msg = "out of memory";
    return k->oom;
}

int cmd_train_spans(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},
        {"out", required_argument, NULL, 'o'},
        {"lambda", required_argument, NULL, 'l'},
        {"threshold", required_argument, NULL, 't'},
        {"recipe", required_argument, NULL, 'r'},
        {"dump", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *recipe = NULL, *dump_path = NULL;
    double lambda = 1.0, threshold = 0.35;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:l:t:r:D:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'r': recipe = optarg; break;
        case 'D': dump_path = optarg; break;
        case 'l':
            /* a positive penalty keeps Newton's method well posed */
            if (cli_number("train-spans", "lambda", optarg, 1e-12, 1e6, 0, &lambda) != 0)
                return 1;
            break;
        case 't':
            if (cli_number("train-spans", "threshold", optarg, 0, 1, 0, &threshold) != 0)
                return 1;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("train-spans", argc, argv, optind, "--out", out_path) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    collect k = {0};
    k.dump = dump_path != NULL;
    long used = 0;
    labelled_pass pass = {"train-spans", {.no_span_model = 1}, setup, want, failed, &k};
    int status = labelled_run(&pass, in_path, &used);
    if (!status && k.n == 0) {
        fputs("qunsu train-spans: no labelled records (gold.mentions) in the input\n", stderr);
        status = 1;
    }
    if (!status) {
        if (mspan_fit_write(k.c, k.y, k.n, lambda, threshold, out_path, recipe, &err) != QS_OK) {
            fprintf(stderr, "qunsu train-spans: %s\n", err.msg);
            status = 2;
        } else {
            size_t pos = 0;
            for (size_t i = 0; i < k.n; i++)
                pos += k.y[i];
            fprintf(stderr, "records %ld, candidate spans %zu, business names among them %zu; wrote %s\n", used,
                    k.n, pos, out_path);
            if (dump_path && dump(&k, out_path, dump_path) != 0)
                status = 2;
        }
    }
    free(k.c);
    free(k.y);
    free(k.where);
    for (size_t i = 0; i < k.n_texts; i++)
        free(k.texts[i]);
    free(k.texts);
    return status;
}
