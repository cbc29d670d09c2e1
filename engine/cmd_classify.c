/* cmd_classify.c: `qunsu classify`: the issue and tags of each work order
 * on its own, with calibrated probabilities (the classifier alone, for
 * measuring and for analysts checking a model). */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "classify.h"
#include "event.h"
#include "ingest.h"
#include "paths.h"
#include "segment.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu classify [--in FILE] [--out FILE] [--model FILE] [--probs] [--stats]\n"
          "Reads work orders (JSONL, input contract) and writes one line per record:\n"
          "{\"id\":…,\"issue\":CODE,\"confidence\":P,\"tags\":[…]}; bad lines give reject events.\n"
          "  --in FILE     input (default: stdin)\n"
          "  --out FILE    output (default: stdout)\n"
          "  --model FILE  model (default: models/issue.model)\n"
          "  --probs       add \"probs\" (every issue) and \"tag_probs\"\n"
          "  --stats       print records/s of the classifier (with segmentation when\n"
          "                the model uses words) on stderr\n",
          f);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Four decimals, never exactly 0 or 1: no classifier is certain. */
static double show_prob(double p)
{
    double v = (double)(long)(p * 1e4 + 0.5) / 1e4;
    return v < 1e-4 ? 1e-4 : v > 0.9999 ? 0.9999 : v;
}

static cJSON *result_json(const qs_record *rec, const cls_result *r, int probs)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON *tags = cJSON_CreateArray();
    int ok = cJSON_AddStringToObject(o, "id", rec->id) &&
             cJSON_AddStringToObject(o, "issue", tax_issue_code(r->issue)) &&
             cJSON_AddNumberToObject(o, "confidence", show_prob(r->confidence)) &&
             tags && cJSON_AddItemToObject(o, "tags", tags);
    if (!ok) {
        if (!cJSON_GetObjectItem(o, "tags"))
            cJSON_Delete(tags);
        cJSON_Delete(o);
        return NULL;
    }
    for (int t = 0; t < TAG_N; t++)
        if (r->tags & TAG_BIT(t)) {
            cJSON *s = cJSON_CreateString(tax_tag_code((tax_tag)t));
            if (!s || !cJSON_AddItemToArray(tags, s)) {
                cJSON_Delete(s);
                cJSON_Delete(o);
                return NULL;
            }
        }
    if (probs) {
        cJSON *p = cJSON_AddObjectToObject(o, "probs");
        cJSON *tp = cJSON_AddObjectToObject(o, "tag_probs");
        if (!p || !tp) {
            cJSON_Delete(o);
            return NULL;
        }
        for (int k = 0; k < ISSUE_N; k++)
            if (!cJSON_AddNumberToObject(p, tax_issue_code((tax_issue)k),
                                         show_prob(r->prob[k]))) {
                cJSON_Delete(o);
                return NULL;
            }
        for (int t = 0; t < TAG_N; t++)
            if (!cJSON_AddNumberToObject(tp, tax_tag_code((tax_tag)t),
                                         show_prob(r->tag_prob[t]))) {
                cJSON_Delete(o);
                return NULL;
            }
    }
    return o;
}

struct classify_ud {
    cls_model *m;
    seg_ctx *seg; /* NULL: the model wants no words */
    int probs;
    double spent; /* seconds in segmentation and prediction */
    long n;
};

static qs_rc classify_record(void *ud, const qs_record *rec, cJSON **ev, qs_err *err)
{
    struct classify_ud *c = ud;
    cls_result r;
    const seg_token *toks = NULL;
    size_t n_toks = 0;
    qs_rc rc = QS_OK;
    double t0 = now_s();
    if (c->seg)
        rc = seg_run(c->seg, rec->text, strlen(rec->text), &toks, &n_toks, err);
    if (rc == QS_OK)
        rc = cls_predict(c->m, rec->text, strlen(rec->text), toks, n_toks, &r, err);
    c->spent += now_s() - t0;
    c->n++;
    if (rc != QS_OK)
        return rc;
    *ev = result_json(rec, &r, c->probs);
    return QS_OK;
}

int cmd_classify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'}, {"out", required_argument, NULL, 'o'},
        {"model", required_argument, NULL, 'm'}, {"probs", no_argument, NULL, 'p'},
        {"stats", no_argument, NULL, 's'},    {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL, *model_path = NULL;
    int probs = 0, stats = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:m:psh", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'm': model_path = optarg; break;
        case 'p': probs = 1; break;
        case 's': stats = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("classify", argc, argv, optind, NULL, NULL) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    cls_model *m = model_path ? cls_load(model_path, &err) : cls_load_default(&err);
    if (!m) {
        fprintf(stderr, "qunsu classify: %s\n", err.msg);
        return 2;
    }
    /* a model with word features wants the segmentation of each text */
    norm_ctx *nc = NULL;
    seg_dict *dict = NULL;
    seg_ctx *seg = NULL;
    if (cls_uses_words(m)) {
        char dpath[4096];
        if (paths_find("data/dict.bin", dpath, sizeof dpath) != 0) {
            fprintf(stderr, "qunsu classify: dictionary data/dict.bin not found (last tried %s)\n", dpath);
            cls_free(m);
            return 2;
        }
        if (!(nc = norm_new(&err)) || !(dict = seg_dict_load(dpath, &err)) ||
            !(seg = seg_new(dict, nc, &err))) {
            fprintf(stderr, "qunsu classify: %s\n", err.msg);
            seg_dict_free(dict);
            norm_free(nc);
            cls_free(m);
            return 2;
        }
    }
    FILE *in = cli_open_in(in_path);
    FILE *out = in ? cli_open_out(out_path) : NULL;
    ingest *ing = out ? ingest_open(in, 0, 1, &err) : NULL;
    int status = 0;
    if (!ing) {
        if (out)
            fprintf(stderr, "qunsu classify: %s\n", err.msg);
        status = 2;
        goto done;
    }
    struct classify_ud cu = {m, seg, probs, 0, 0};
    status = cli_emit_records("classify", ing, out, classify_record, &cu);
    if (stats && status == 0)
        fprintf(stderr, "qunsu classify: %ld records, %.3f s in cls_predict, %.0f records/s\n",
                cu.n, cu.spent, cu.spent > 0 ? (double)cu.n / cu.spent : 0.0);
done:
    ingest_close(ing);
    if (out && cli_close(out) != 0 && status == 0)
        status = 2;
    if (in && in != stdin)
        fclose(in);
    seg_free(seg);
    seg_dict_free(dict);
    norm_free(nc);
    cls_free(m);
    return status;
}
