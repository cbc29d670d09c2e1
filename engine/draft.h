/* draft.h: consumer-warning drafts (消费警示) in Chinese, following the
 * structure regulators publish: title, background with period, counts and
 * amounts, the problems seen, advice fitting the issue and sector, and how to
 * complain. Built only from non-personal fields (merchant name, sector,
 * region, issue and tag codes, counts, period), then passed through the PII
 * masker so nothing personal can slip in through a merchant or region name. */
#ifndef QS_DRAFT_H
#define QS_DRAFT_H

#include <stdint.h>

#include "status.h"
#include "taxonomy.h"

typedef struct draft_info {
    const char *merchant_name; /* NULL for a cross-merchant warning */
    tax_sector sector;
    int cross_sector;          /* a rise across sectors: named as 多个行业, sector unused */
    const char *region;        /* NULL when unknown */
    tax_issue issue;
    unsigned tags;             /* TAG_BIT mask of the tags seen in the cluster */
    long count;                /* complaints counted */
    long complainants;         /* distinct complainants */
    long merchants;            /* merchants involved (1 for a merchant cluster) */
    long unnamed;              /* of count, complaints that named no merchant */
    double amount_total;       /* 0 when no amounts were given */
    int64_t start_ms, end_ms;  /* period covered, event time */
    int tz_min;
} draft_info;

/* The draft as a NUL-terminated UTF-8 string; caller frees. NULL with err set
 * on allocation failure. */
char *draft_warning(const draft_info *info, qs_err *err);

#endif
