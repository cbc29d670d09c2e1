/* main.c: the qunsu command line. Dispatches to one subcommand; sets up and
 * tears down the libraries that keep process-wide state (ICU, GSL). */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uclean.h>

#include "cli.h"
#include "paths.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"validate", cmd_validate, "check a JSONL stream against the input contract"},
    {"alerts", cmd_alerts, "list the alerts kept in a --state folder"},
    {"merchant", cmd_merchant, "one merchant's timeline from a --state folder"},
    {"report", cmd_report, "the periodic analysis report from a --state folder"},
    {"normalize", cmd_normalize, NULL}, /* debugging command, unlisted */
    {"segment", cmd_segment, "split Chinese text into words, one line in, one line out"},
    {"dict-compile", cmd_dict_compile, NULL}, /* build step: word lists to data/dict.bin */
    {"train", cmd_train, "fit the issue/tag classifier on labelled JSONL"},
    {"train-spans", cmd_train_spans, "fit the scorer of bare trade names on labelled JSONL"},
    {"train-tagger", cmd_train_tagger, "fit the character tagger of business names on labelled JSONL"},
    {"train-sector", cmd_train_sector, "fit the learned sector of the text on labelled JSONL"},
    {"classify", cmd_classify, "issue and tags of each work order, with probabilities"},
    {"extract", cmd_extract, "merchant, mentions, sector, issue and tags of each work order"},
    {"run", cmd_run, "the streaming pipeline: complaints in, complaint/alert/reject events out"},
};

static void usage(FILE *f)
{
    fputs("usage: qunsu COMMAND [OPTIONS]\n\ncommands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].summary)
            fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n`qunsu COMMAND --help` describes a command.\n", f);
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; the engine reports errors as values. */
    gsl_set_error_handler_off();
    paths_set_argv0(argv[0]);
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    int status = -1;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            status = commands[i].run(argc - 1, argv + 1);
    if (status < 0) {
        fprintf(stderr, "qunsu: unknown command '%s'\n", argv[1]);
        usage(stderr);
        status = 1;
    }
    u_cleanup();
    return status;
}
