/* cmd_extract.c: `qunsu extract`: each work order on its own, its
 * `complaint` event out (merchant, mentions, sector, issue, tags); bad lines
 * as `reject` events; a summary on stderr. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

#include "event.h"
#include "extract.h"
#include "ingest.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu extract [--in FILE] [--out FILE] [--merchants FILE] [--dict FILE]\n"
          "                     [--model FILE] [--sector-model FILE | --no-sector-model]\n"
          "                     [--tagger FILE | --no-tagger] [--max-line SIZE]\n"
          "One work order per input line (JSONL; only `text` is required), its complaint\n"
          "event out: merchant (name, key, sector, confidence), every business mention\n"
          "with code-point offsets, issue code, tags. Records are independent: no\n"
          "history, so duplicate_of is null and professional false.\n"
          "  --in FILE         input (default: stdin)\n"
          "  --out FILE        output (default: stdout)\n"
          "  --merchants FILE  merchant registry: credit code, registered name,\n"
          "                    aliases separated by |, sector (TSV; see dicts/merchant/README.md)\n"
          "  --dict FILE       user dictionary for the segmenter (one word a line)\n"
          "  --model FILE      issue model (default: models/issue.model)\n"
          "  --sector-model FILE  sector of a name of no trade, learned from the text\n"
          "                    (default: models/sector.model)\n"
          "  --no-sector-model the text's cue words alone decide that sector\n"
          "  --tagger FILE     character tagger of names the lexicons miss\n"
          "                    (default: models/ctag.model)\n"
          "  --no-tagger       no tagger: names come from the lexicons and the span scorer\n"
          "  --max-line SIZE   longest accepted line, e.g. 65536 or 64K (default 64K)\n",
          f);
}

struct extract_ud {
    ex_ctx *ex;
    long merchants; /* records with a merchant found */
};

static qs_rc extract_record(void *ud, const qs_record *rec, FILE *out, qs_err *err)
{
    struct extract_ud *x = ud;
    ex_result res;
    qs_rc rc = ex_run(x->ex, rec, &res, err);
    if (rc != QS_OK)
        return rc;
    x->merchants += res.has_merchant;
    /* every record stands alone: its key comes from its name and sector */
    if (res.has_merchant && res.standalone_key)
        res.merchant_key = res.standalone_key;
    /* written directly: the same bytes as the event's cJSON tree */
    return ex_complaint_write(out, rec, &res, NULL, 0, err);
}

int cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},
        {"out", required_argument, NULL, 'o'},
        {"merchants", required_argument, NULL, 'r'},
        {"dict", required_argument, NULL, 'd'},
        {"model", required_argument, NULL, 'M'},
        {"sector-model", required_argument, NULL, 'S'},
        {"no-sector-model", no_argument, NULL, 'N'},
        {"tagger", required_argument, NULL, 'T'},
        {"no-tagger", no_argument, NULL, 'X'},
        {"max-line", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL, *out_path = NULL;
    ex_options eo = {0};
    size_t max_line = INGEST_DEFAULT_MAX_LINE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:r:d:M:S:NT:Xm:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'o': out_path = optarg; break;
        case 'r': eo.merchants_path = optarg; break;
        case 'd': eo.user_dict_path = optarg; break;
        case 'M': eo.model_path = optarg; break;
        case 'S': eo.sector_model_path = optarg; break;
        case 'N': eo.no_sector_model = 1; break;
        case 'T': eo.tagger_path = optarg; break;
        case 'X': eo.no_tagger = 1; break;
        case 'm':
            if (cli_parse_size(optarg, &max_line) != 0) {
                fprintf(stderr, "qunsu extract: bad --max-line: %s\n", optarg);
                return 1;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("extract", argc, argv, optind, NULL, NULL) != 0) {
        usage(stderr);
        return 1;
    }
    qs_err err = {0};
    ex_ctx *ex = ex_new(&eo, &err);
    if (!ex) {
        fprintf(stderr, "qunsu extract: %s\n", err.msg);
        return 2;
    }
    FILE *in = cli_open_in(in_path);
    if (!in) {
        ex_free(ex);
        return 2;
    }
    FILE *out = cli_open_out(out_path);
    if (!out) {
        if (in != stdin)
            fclose(in);
        ex_free(ex);
        return 2;
    }
    int status = 0;
    ingest *ing = ingest_open(in, max_line, 0, &err);
    if (!ing) {
        fprintf(stderr, "qunsu extract: %s\n", err.msg);
        status = 2;
        goto done;
    }
    ingest_set_only_text(ing, 1);
    ingest_set_no_tree(ing, 1); /* each record is done before the next is read */
    struct extract_ud x = {ex, 0};
    status = cli_emit_records_to("extract", ing, out, extract_record, &x);
    const ingest_stats *st = ingest_get_stats(ing);
    fprintf(stderr, "lines read %ld, extracted %ld (with a merchant %ld), rejected %ld, blank %ld\n",
            st->lines, st->accepted, x.merchants, st->rejected, st->blank);
    cli_print_rejects(st);
    ingest_close(ing);
done:
    if (in != stdin)
        fclose(in);
    if (cli_close(out) != 0 && status == 0)
        status = 2;
    ex_free(ex);
    return status;
}
