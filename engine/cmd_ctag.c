/* cmd_ctag.c: `qunsu train-tagger`: fit the character tagger of business
 * names (ctag.h) on work orders whose gold mentions are known, and write
 * its model file. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctag.h"
#include "extract.h"
#include "labelled.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu train-tagger --in LABELLED.jsonl --out MODEL [options]\n"
          "Fits the character tagger of business names (each character B, I or O; the\n"
          "averaged perceptron) on the texts as `extract` reads them, labelled by the\n"
          "records' gold mentions (\"gold\":{\"mentions\":[{\"start\":S,\"end\":E}...]},\n"
          "code points, end exclusive). Records without gold.mentions are skipped.\n"
          "  --in FILE        labelled input (default: stdin)\n"
          "  --out FILE       model file to write (required), e.g. models/ctag.model\n"
          "  --epochs N       passes over the texts (default 8)\n"
          "  --seed N         order of the texts in each pass (default 1)\n"
          "  --recipe TEXT    one line saying how the file was made, kept in its header\n",
          f);
}

typedef struct collect {
    ctag_trainer *tr;
    const cJSON *gold; /* the record's gold mentions */
    qs_err err;
    int failed;
    long unplaced; /* gold mentions whose offsets fall on no character of the text */
} collect;

/* The normalised position of original code point o (map is ascending). */
static int32_t position_of(const int32_t *map, size_t n, int32_t o)
{
    size_t lo = 0, hi = n + 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (map[mid] < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo <= n && map[lo] == o ? (int32_t)lo : -1;
}

static void take(void *arg, const mspan_text *t, const int32_t *map)
{
    collect *k = arg;
    if (k->failed)
        return;
    int32_t spans[2 * 64];
    size_t ns = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, k->gold) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(m, "start");
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(m, "end");
        if (ns == 64)
            break;
        int32_t s = cJSON_IsNumber(a) ? position_of(map, t->n, a->valueint) : -1;
        int32_t e = cJSON_IsNumber(b) ? position_of(map, t->n, b->valueint) : -1;
        if (s < 0 || e <= s) {
            k->unplaced++;
        } else {
            spans[2 * ns] = s;
            spans[2 * ns + 1] = e;
            ns++;
        }
    }
    if (ctag_trainer_add(k->tr, t, spans, ns, &k->err) != QS_OK)
        k->failed = 1;
}

static void setup(ex_ctx *ex, void *arg)
{
    ex_set_text_sink(ex, take, arg);
}

/* The records with gold mentions are learned from. */
static int want(void *arg, const qs_record *rec)
{
    collect *k = arg;
    const cJSON *gold = cJSON_GetObjectItemCaseSensitive(rec->json, "gold");
    k->gold = cJSON_GetObjectItemCaseSensitive(gold, "mentions");
    return cJSON_IsArray(k->gold);
}

static int failed(void *arg, const char **msg)
{
    collect *k = arg;
    *msg = k->err.msg;
    return k->failed;
}

int cmd_train_tagger(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},     {"out", required_argument, NULL, 'o'},
        {"epochs", required_argument, NULL, 'e'}, {"seed", required_argument, NULL, 's'},
        {"recipe", required_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *recipe = NULL;
    double epochs = 8, seed = 1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:e:s:r:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'r': recipe = optarg; break;
        case 'e':
            if (cli_number("train-tagger", "epochs", optarg, 1, 100, 1, &epochs) != 0)
                return 1;
            break;
        case 's':
            if (cli_number("train-tagger", "seed", optarg, 0, 4294967295.0, 1, &seed) != 0)
                return 1;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("train-tagger", argc, argv, optind, "--out", out_path) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    collect k = {0};
    if (!(k.tr = ctag_trainer_new(&err))) {
        fprintf(stderr, "qunsu train-tagger: %s\n", err.msg);
        return 2;
    }
    long used = 0;
    labelled_pass pass = {"train-tagger", {.no_span_model = 1}, setup, want, failed, &k};
    int status = labelled_run(&pass, in_path, &used);
    if (k.unplaced)
        fprintf(stderr, "qunsu train-tagger: %ld gold mentions left out: their start and end are no code points "
                        "of their text in order\n", k.unplaced);
    if (!status && ctag_trainer_texts(k.tr) == 0) {
        fputs("qunsu train-tagger: no labelled records (gold.mentions) in the input\n", stderr);
        status = 1;
    }
    if (!status) {
        if (ctag_trainer_fit_write(k.tr, (int)epochs, (unsigned)seed, out_path, recipe, &err) != QS_OK) {
            fprintf(stderr, "qunsu train-tagger: %s\n", err.msg);
            status = 2;
        } else {
            fprintf(stderr, "texts %zu, %d passes; wrote %s\n", ctag_trainer_texts(k.tr), (int)epochs, out_path);
        }
    }
    ctag_trainer_free(k.tr);
    return status;
}
