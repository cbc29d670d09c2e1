/* streamcore.c: replays a labelled stream through the history stage of
 * `qunsu run` (event-time clock, duplicate links, professional-claimant
 * signal) without extraction: the merchant key is read from a field of the
 * input (default "gold_merchant", the merchant a perfect extractor finds).
 * It isolates those modules for measurement and for the hard-case tests.
 * Output: {"id":…,"duplicate_of":…,"professional":…} per accepted record.
 *
 * usage: streamcore [--config FILE] [--key-field NAME] [--progress N] < in > out
 * --progress N prints the resident size and state size every N records. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimant.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "dedup.h"
#include "event.h"
#include "evtime.h"
#include "ingest.h"

int main(int argc, char **argv)
{
    const char *conf_path = NULL, *key_field = "gold_merchant";
    long progress = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            conf_path = argv[++i];
        else if (strcmp(argv[i], "--key-field") == 0 && i + 1 < argc)
            key_field = argv[++i];
        else if (strcmp(argv[i], "--progress") == 0 && i + 1 < argc)
            progress = atol(argv[++i]);
        else {
            fputs("usage: streamcore [--config FILE] [--key-field NAME] [--progress N]\n", stderr);
            return 1;
        }
    }
    qs_err err = {0};
    cJSON *config = NULL;
    dedup_config dc;
    claim_config cc;
    if (conf_load(conf_path, &config, &err) != QS_OK ||
        dedup_config_read(conf_section(config, "dedup"), &dc, NULL, &err) != QS_OK ||
        claim_config_read(conf_section(config, "professional"), &cc, NULL, &err) != QS_OK) {
        fprintf(stderr, "streamcore: %s\n", err.msg);
        cJSON_Delete(config);
        return 1;
    }
    double lateness_h = 48;
    const cJSON *st = conf_section(config, "stream");
    const cJSON *lh = st ? cJSON_GetObjectItemCaseSensitive(st, "lateness_hours") : NULL;
    if (cJSON_IsNumber(lh))
        lateness_h = lh->valuedouble;
    cJSON_Delete(config);
    dedup_ctx *dd = dedup_new(&dc, &err);
    claim_ctx *cl = dd ? claim_new(&cc, &err) : NULL;
    ingest *ing = cl ? ingest_open(stdin, 0, 1, &err) : NULL;
    if (!ing) {
        fprintf(stderr, "streamcore: %s\n", err.msg);
        dedup_free(dd);
        claim_free(cl);
        return 2;
    }
    ingest_set_id_horizon(ing, 30LL * CLOCK_MS_PER_DAY); /* the run default */
    size_t peak = 0;
    evt_clock clk;
    evt_clock_init(&clk, (int64_t)(lateness_h * CLOCK_MS_PER_HOUR));
    int64_t last_wm = INT64_MIN;
    qs_record rec = {0};
    ingest_reject rej;
    int status = 0;
    long n = 0;
    for (;;) {
        ingest_kind kind;
        if (ingest_next(ing, &kind, &rec, &rej, &err) != QS_OK) {
            fprintf(stderr, "streamcore: %s\n", err.msg);
            status = 2;
            break;
        }
        if (kind == INGEST_EOF)
            break;
        if (kind == INGEST_REJECT)
            continue;
        n++;
        evt_clock_observe(&clk, rec.t_ms);
        int64_t wm = evt_clock_watermark(&clk);
        if (wm > last_wm) {
            last_wm = wm;
            dedup_advance(dd, wm);
            claim_advance(cl, wm);
        }
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(rec.json, key_field);
        const char *mkey = cJSON_IsString(k) ? k->valuestring : NULL;
        size_t len = strlen(rec.text);
        uint32_t sh[DEDUP_SKETCH];
        size_t nsh = dedup_shingles(rec.text, len, sh, DEDUP_SKETCH);
        dedup_input di = {rec.id, rec.t_ms, rec.complainant, mkey, rec.text, len,
                          sh, nsh, rec.amount, rec.has_amount};
        const char *dup = NULL;
        int prof = 0;
        claim_input ci = {rec.complainant, rec.t_ms, rec.tz_min, mkey,
                          rec.kind && strcmp(rec.kind, "report") == 0, 0, rec.text, len, sh, nsh,
                          rec.amount, rec.has_amount, 0};
        if (dedup_check(dd, &di, &dup, &err) != QS_OK ||
            (ci.duplicate = dup != NULL, claim_observe(cl, &ci, &prof, &err)) != QS_OK) {
            fprintf(stderr, "streamcore: %s\n", err.msg);
            status = 2;
            break;
        }
        size_t bytes = dedup_get_stats(dd)->bytes + claim_get_stats(cl)->bytes;
        if (bytes > peak)
            peak = bytes;
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddStringToObject(o, "id", rec.id) ||
            !(dup ? cJSON_AddStringToObject(o, "duplicate_of", dup)
                  : cJSON_AddNullToObject(o, "duplicate_of")) ||
            !cJSON_AddBoolToObject(o, "professional", prof) ||
            event_write(stdout, o, &err) != QS_OK) {
            cJSON_Delete(o);
            fputs("streamcore: output failed\n", stderr);
            status = 2;
            break;
        }
        cJSON_Delete(o);
        if (progress > 0 && n % progress == 0)
            fprintf(stderr, "progress records %ld rss_kb %ld state_bytes %zu\n", n, cli_rss_kb(), bytes);
    }
    record_reset(&rec);
    const dedup_stats *ds = dedup_get_stats(dd);
    const claim_stats *cs = claim_get_stats(cl);
    fprintf(stderr,
            "records %ld linked %ld chase %ld anonymous %ld dedup_entries %ld dedup_evicted %ld "
            "dedup_bytes %zu people %ld claimant_entries %ld claimant_evicted %ld "
            "people_evicted %ld claimant_bytes %zu flagged_people %ld state_peak_bytes %zu "
            "dedup_evicted_cap %ld claimant_evicted_cap %ld\n",
            n, ds->linked, ds->linked_chase, ds->linked_anon, ds->entries, ds->evicted,
            ds->bytes, cs->people, cs->entries, cs->evicted, cs->people_evicted, cs->bytes,
            cs->flagged_people, peak, ds->evicted_cap, cs->evicted_cap);
    ingest_close(ing);
    dedup_free(dd);
    claim_free(cl);
    if (fflush(stdout) != 0)
        status = 2;
    return status;
}
