/* cmd_validate.c: `qunsu validate`: read a stream, print one reject event per
 * bad line on stdout and a summary on stderr. */
#include "cli.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <string.h>

#include "event.h"
#include "ingest.h"

static void usage(FILE *f)
{
    fputs("usage: qunsu validate [--in FILE] [--max-line SIZE]\n"
          "Checks every line of a JSONL complaint stream against the input contract.\n"
          "Prints one reject event per bad line on stdout and a summary on stderr.\n"
          "  --in FILE        input (default: stdin)\n"
          "  --max-line SIZE  longest accepted line, e.g. 65536 or 64K (default 64K)\n",
          f);
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"in", required_argument, NULL, 'i'},
        {"max-line", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *in_path = NULL;
    size_t max_line = INGEST_DEFAULT_MAX_LINE;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:m:h", opts, NULL)) != -1) {
        switch (c) {
        case 'i': in_path = optarg; break;
        case 'm':
            if (cli_parse_size(optarg, &max_line) != 0) {
                fprintf(stderr, "qunsu validate: bad --max-line: %s\n", optarg);
                return 1;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 1;
        }
    }
    if (cli_args_done("validate", argc, argv, optind, NULL, NULL) != 0) {
        usage(stderr);
        return 1;
    }
    FILE *in = cli_open_in(in_path);
    if (!in)
        return 2;
    qs_err err = {0};
    ingest *ing = ingest_open(in, max_line, 1, &err);
    int status = 0;
    if (!ing) {
        fprintf(stderr, "qunsu validate: %s\n", err.msg);
        cli_close(in == stdin ? NULL : in);
        return 2;
    }
    /* records give no event: only the rejects are written */
    status = cli_emit_records("validate", ing, stdout, NULL, NULL);
    const ingest_stats *st = ingest_get_stats(ing);
    fprintf(stderr, "lines read %ld, accepted %ld, rejected %ld, blank %ld\n", st->lines,
            st->accepted, st->rejected, st->blank);
    cli_print_rejects(st);
    ingest_close(ing);
    if (in != stdin)
        fclose(in);
    if (cli_close(stdout) != 0 && status == 0)
        status = 2;
    return status;
}
