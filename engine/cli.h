/* cli.h: the subcommands of the qunsu binary and the small helpers they
 * share (opening --in/--out files, usage errors). Each command returns the
 * process exit status: 0 done, 1 usage error, 2 I/O or state error. */
#ifndef QS_CLI_H
#define QS_CLI_H

#include <stdio.h>

#include "ingest.h"

struct cJSON;

int cmd_validate(int argc, char **argv);
int cmd_normalize(int argc, char **argv); /* debugging: not listed in usage */
int cmd_segment(int argc, char **argv);
int cmd_dict_compile(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_train_spans(int argc, char **argv);
int cmd_train_tagger(int argc, char **argv);
int cmd_train_sector(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_merchant(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Open --in (NULL or "-": stdin) for reading. Prints the error and returns
 * NULL on failure. */
FILE *cli_open_in(const char *path);
/* Open --out (NULL or "-": stdout) for writing. */
FILE *cli_open_out(const char *path);
/* Close a stream from cli_open_*; stdin/stdout are flushed, not closed.
 * Returns 0, or -1 (with a message printed) when the flush or close failed. */
int cli_close(FILE *f);

/* After option parsing: no operand may be left (argv[next..argc), next
 * being getopt's optind) and a required option (its name, e.g. "--out",
 * and its value; name NULL when none is) must have been given. Returns 0, or prints "qunsu <cmd>: ..."
 * and returns 1 (the caller prints its usage). */
int cli_args_done(const char *cmd, int argc, char **argv, int next, const char *required, const char *value);

/* Parse the number given to option --opt of command cmd: all of arg, within
 * [lo, hi] (an integer when integral is set). Returns 0 with *out set, or
 * prints "qunsu <cmd>: bad --<opt>: <arg>" and returns 1. */
int cli_number(const char *cmd, const char *opt, const char *arg, double lo, double hi, int integral, double *out);

/* Parse a size like "65536", "64K", "10M". Returns 0 or -1. */
int cli_parse_size(const char *s, size_t *out);

/* Makes the event for one accepted record into *ev (caller frees; NULL on
 * QS_OK means out of memory). A failure stops the stream. */
typedef qs_rc (*cli_record_fn)(void *ud, const qs_record *rec, struct cJSON **ev, qs_err *err);

/* Read ing to its end and write one event a line to out: a `reject` event
 * for each bad line, fn's event for each record (fn NULL: records give no
 * event). Errors are printed as "qunsu <cmd>: ..." and stop the stream.
 * Returns the exit status: 0, or 1/2 as for the error's code. */
int cli_emit_records(const char *cmd, ingest *ing, FILE *out, cli_record_fn fn, void *ud);

/* Writes the event line for one accepted record to out itself (events of a
 * fixed shape, written without a cJSON tree). QS_EIO means the write failed;
 * any other failure is the record's. */
typedef qs_rc (*cli_write_fn)(void *ud, const qs_record *rec, FILE *out, qs_err *err);

/* cli_emit_records with fn writing each record's event itself. */
int cli_emit_records_to(const char *cmd, ingest *ing, FILE *out, cli_write_fn fn, void *ud);

/* Print the reject counts by reason of a finished stream to stderr. */
void cli_print_rejects(const ingest_stats *st);

/* Resident set size of this process in KiB where /proc tells it, else 0
 * (for --progress lines). */
long cli_rss_kb(void);

#endif
