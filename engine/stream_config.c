/* stream_config.c: reading the stream's config sections and the effective
 * configuration printed by `qunsu run --check-config` (see stream_config.h
 * and stream.h). */
#include "stream_config.h"

#include <cjson/cJSON.h>

#include "config.h"
#include "detect.h"
#include "extract.h"
#include "staterun.h"
#include "stream.h"

static qs_rc stream_section(const cJSON *sec, stream_config *c, cJSON *eff, qs_err *err)
{
    static const char *const keys[] = {"lateness_hours", "reorder", "reorder_delay_hours",
                                       "reorder_max_records", "id_horizon_days",
                                       "merchant_horizon_days", NULL};
    conf_reader r = {sec, eff, "stream"};
    qs_rc rc;
    if ((rc = conf_check_keys(&r, keys, err)) ||
        (rc = conf_num(&r, "lateness_hours", 48, 0, 24 * 366, &c->lateness_hours, err)) ||
        (rc = conf_bool(&r, "reorder", 0, &c->reorder, err)) ||
        (rc = conf_num(&r, "reorder_delay_hours", c->lateness_hours, 0, 24 * 366,
                       &c->reorder_delay_hours, err)) ||
        (rc = conf_int(&r, "reorder_max_records", 1000000, 1, 100000000,
                       &c->reorder_max_records, err)) ||
        (rc = conf_num(&r, "id_horizon_days", 30, 1, 3660, &c->id_horizon_days, err)) ||
        (rc = conf_num(&r, "merchant_horizon_days", EX_MERCHANT_HORIZON_DAYS, 1, 3660,
                       &c->merchant_horizon_days, err)))
        return rc;
    if (c->reorder_delay_hours > c->lateness_hours)
        return qs_fail(err, QS_ECONFIG,
                       "stream.reorder_delay_hours (%g) must not exceed stream.lateness_hours (%g)",
                       c->reorder_delay_hours, c->lateness_hours);
    return QS_OK;
}

qs_rc stream_config_read_all(const cJSON *config, stream_all_config *a, cJSON *eff, qs_err *err)
{
    cJSON *e_st = NULL, *e_dd = NULL, *e_cl = NULL;
    if (eff) {
        e_st = cJSON_AddObjectToObject(eff, "stream");
        e_dd = cJSON_AddObjectToObject(eff, "dedup");
        e_cl = cJSON_AddObjectToObject(eff, "professional");
        if (!e_st || !e_dd || !e_cl)
            return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    qs_rc rc;
    if ((rc = stream_section(conf_section(config, "stream"), &a->st, e_st, err)) ||
        (rc = dedup_config_read(conf_section(config, "dedup"), &a->dd, e_dd, err)) ||
        (rc = claim_config_read(conf_section(config, "professional"), &a->cl, e_cl, err)))
        return rc;
    return QS_OK;
}

qs_rc stream_effective_config(const cJSON *config, cJSON **out, qs_err *err)
{
    stream_all_config a;
    cJSON *eff = cJSON_CreateObject();
    if (!eff)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    qs_rc rc = stream_config_read_all(config, &a, eff, err);
    /* The detector and the state store read their own sections; each
     * reports its effective values from its own table of keys. */
    cJSON *e_det = NULL, *e_state = NULL;
    if (rc == QS_OK && (rc = det_effective_config(conf_section(config, "detect"), &e_det, err)) == QS_OK &&
        !cJSON_AddItemToObject(eff, "detect", e_det)) {
        cJSON_Delete(e_det);
        rc = qs_fail(err, QS_ENOMEM, "out of memory");
    }
    if (rc == QS_OK && (rc = staterun_effective_config(conf_section(config, "state"), &e_state, err)) == QS_OK &&
        !cJSON_AddItemToObject(eff, "state", e_state)) {
        cJSON_Delete(e_state);
        rc = qs_fail(err, QS_ENOMEM, "out of memory");
    }
    if (rc != QS_OK) {
        cJSON_Delete(eff);
        return rc;
    }
    *out = eff;
    return QS_OK;
}
