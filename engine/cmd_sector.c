/* cmd_sector.c: `qunsu train-sector`: fit the learned sector of the text
 * (secmodel.h) on work orders whose gold merchant sector is known, and
 * write its model file. The texts are normalised and segmented by the
 * extraction itself, so that training sees exactly what `extract` does. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "labelled.h"
#include "secmodel.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu train-sector --in LABELLED.jsonl --out MODEL [options]\n"
          "Fits the sector of a merchant whose name implies none (multinomial logistic\n"
          "regression over the text's characters, character pairs and words) on work\n"
          "orders labelled \"gold\":{\"merchant\":{\"sector\":CODE}}; others are skipped.\n"
          "  --in FILE        labelled input (default: stdin)\n"
          "  --out FILE       model file to write (required), e.g. models/sector.model\n"
          "  --lambda X       L2 strength on feature weights (default 1e-4)\n"
          "  --iter N         BFGS iterations (default 300)\n"
          "  --min-df N       keep features seen in at least N texts (default 2)\n"
          "  --recipe TEXT    one line saying how the file was made, kept in its header\n",
          f);
}

typedef struct collect {
    secm_trainer *tr;
    tax_sector gold;
    qs_rc rc;
    qs_err err;
} collect;

static void take(void *arg, const clf_text *t, const seg_token *toks, size_t n_toks)
{
    collect *k = arg;
    if (k->rc == QS_OK)
        k->rc = secm_trainer_add(k->tr, t, toks, n_toks, k->gold, &k->err);
}

/* The record's gold merchant sector, -1 when it has none. */
static int gold_sector(const cJSON *json)
{
    const cJSON *gold = cJSON_GetObjectItemCaseSensitive(json, "gold");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(gold, "merchant");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(m, "sector");
    return cJSON_IsString(s) ? tax_sector_parse(s->valuestring) : -1;
}

static void setup(ex_ctx *ex, void *arg)
{
    ex_set_sector_sink(ex, take, arg);
}

/* The records with a gold merchant sector are learned from. */
static int want(void *arg, const qs_record *rec)
{
    collect *k = arg;
    int s = gold_sector(rec->json);
    if (s >= 0)
        k->gold = (tax_sector)s;
    return s >= 0;
}

static int failed(void *arg, const char **msg)
{
    collect *k = arg;
    *msg = k->err.msg;
    return k->rc != QS_OK;
}

int cmd_train_sector(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},     {"out", required_argument, NULL, 'o'},
        {"lambda", required_argument, NULL, 'l'}, {"iter", required_argument, NULL, 'n'},
        {"min-df", required_argument, NULL, 'm'}, {"recipe", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *recipe = NULL;
    double lambda = 1e-4;
    long iter = 300, min_df = 2;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:l:n:m:r:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'r': recipe = optarg; break;
        case 'l':
            if (cli_number("train-sector", "lambda", optarg, 0, 100, 0, &lambda) != 0)
                return 1;
            break;
        case 'n':
        case 'm': {
            double v;
            if (cli_number("train-sector", c == 'n' ? "iter" : "min-df", optarg, 1, 100000, 1, &v) != 0)
                return 1;
            *(c == 'n' ? &iter : &min_df) = (long)v;
            break;
        }
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("train-sector", argc, argv, optind, "--out", out_path) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    collect k = {0};
    if (!(k.tr = secm_trainer_new(&err))) {
        fprintf(stderr, "qunsu train-sector: %s\n", err.msg);
        return 2;
    }
    long used = 0;
    labelled_pass pass = {"train-sector", {.no_sector_model = 1}, setup, want, failed, &k};
    int status = labelled_run(&pass, in_path, &used);
    if (!status && secm_trainer_count(k.tr) == 0) {
        fputs("qunsu train-sector: no labelled records (gold.merchant.sector) in the input\n", stderr);
        status = 1;
    }
    if (!status) {
        if (secm_trainer_fit_write(k.tr, lambda, (int)iter, (int)min_df, out_path, recipe, &err) != QS_OK) {
            fprintf(stderr, "qunsu train-sector: %s\n", err.msg);
            status = 2;
        } else {
            fprintf(stderr, "records %zu; wrote %s\n", secm_trainer_count(k.tr), out_path);
        }
    }
    secm_trainer_free(k.tr);
    return status;
}
