/* stream_config.h: the sections of the config file the stream reads itself
 * ("stream") or through its modules ("dedup", "professional"), validated in
 * one place so `qunsu run --check-config` and stream_new agree. */
#ifndef QS_STREAM_CONFIG_H
#define QS_STREAM_CONFIG_H

#include "claimant.h"
#include "dedup.h"
#include "status.h"

struct cJSON;

typedef struct stream_config {
    double lateness_hours;      /* watermark = latest event time - lateness */
    int reorder;                /* hold records and process in (time, id) order */
    double reorder_delay_hours; /* how long the reorder buffer holds */
    long reorder_max_records;   /* buffer size that forces the earliest out */
    double id_horizon_days;     /* how long ids are remembered for the uniqueness check */
    double merchant_horizon_days; /* how long a quiet business stays in the merchant table */
} stream_config;

typedef struct stream_all_config {
    stream_config st;
    dedup_config dd;
    claim_config cl;
} stream_all_config;

/* Read and cross-check every section the stream owns; effective (may be
 * NULL) receives "stream", "dedup" and "professional" objects with every
 * key in force. */
qs_rc stream_config_read_all(const struct cJSON *config, stream_all_config *a,
                             struct cJSON *effective, qs_err *err);

#endif
