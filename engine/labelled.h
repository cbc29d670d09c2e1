/* labelled.h: the pass the trainers share (train-spans, train-sector,
 * train-tagger): make the extraction the trainer asks for, let it set its
 * sinks, read labelled JSONL, let the trainer pick the records it learns
 * from, and run the extraction on each so that the sinks collect what the
 * model is fitted on. */
#ifndef QS_LABELLED_H
#define QS_LABELLED_H

#include "extract.h"
#include "record.h"

typedef struct labelled_pass {
    const char *cmd;  /* "train-spans" …: names the command in messages */
    ex_options opt;   /* the extraction (the model being fitted left out) */
    /* sets the trainer's sinks on the extraction made for the pass */
    void (*setup)(ex_ctx *ex, void *ud);
    /* 1: extract this record (the trainer may keep what its sinks need from
     * rec->json); 0: skip it */
    int (*want)(void *ud, const qs_record *rec);
    /* non-zero after a record when a sink failed; msg is then the reason */
    int (*failed)(void *ud, const char **msg);
    void *ud;
} labelled_pass;

/* Make the extraction of p->opt, and extract every record of in_path
 * (NULL: stdin) that p->want accepts; rejected lines are reported on stderr
 * and skipped. *used counts the records extracted. 0, or 2 when the
 * extraction cannot be made or after an I/O, extraction or sink error (its
 * message printed on stderr). */
int labelled_run(const labelled_pass *p, const char *in_path, long *used);

#endif
