/* detect_feed.c: feeds a scenario stream's gold fields (merchant, sector,
 * region, issue, tags, duplicate, professional) straight into the detector,
 * so detection is measured apart from extraction. Writes the alert events to
 * stdout and the throughput of the det_* calls to stderr.
 *
 *   detect_feed [--config FILE] < scenario.jsonl > alerts.jsonl */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "detect.h"
#include "event.h"

static qs_rc emit_alert(void *ud, cJSON *alert, qs_err *err)
{
    qs_rc rc = event_write(ud, alert, err);
    cJSON_Delete(alert);
    return rc;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cJSON *load_config(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        size_t r = fread(buf + n, 1, 4096, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = 0;
    cJSON *j = cJSON_Parse(buf);
    free(buf);
    return j;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    cJSON *cfg = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            cfg = load_config(argv[++i]);
            if (!cfg) {
                fprintf(stderr, "detect_feed: cannot read config %s\n", argv[i]);
                return 1;
            }
        } else {
            fprintf(stderr, "usage: detect_feed [--config FILE] < scenario.jsonl\n");
            return 1;
        }
    }
    qs_err err = {0};
    det_ctx *d = det_new(cfg ? cJSON_GetObjectItemCaseSensitive(cfg, "detect") : NULL, &err);
    if (!d) {
        fprintf(stderr, "detect_feed: %s\n", err.msg);
        cJSON_Delete(cfg);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long n = 0, bad = 0;
    double spent = 0;
    int64_t watermark = INT64_MIN;
    int status = 0;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        cJSON *r = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *g = r ? cJSON_GetObjectItemCaseSensitive(r, "gold") : NULL;
        const char *id = r ? str(r, "id") : NULL, *at = r ? str(r, "received_at") : NULL;
        det_obs o = {0};
        const char *why;
        if (!g || !id || !at || clock_parse_rfc3339(at, strlen(at), &o.t_ms, &o.tz_min, &why) != 0) {
            bad++;
            cJSON_Delete(r);
            continue;
        }
        o.id = id;
        o.merchant_key = str(g, "merchant_key");
        o.merchant_name = str(g, "merchant_name");
        const char *s = str(g, "sector");
        int v = s ? tax_sector_parse(s) : -1;
        o.sector = v < 0 ? SECTOR_OTHER : (tax_sector)v;
        o.region = str(g, "region");
        /* a complaint naming no merchant, but its trade (一家健身房) */
        s = str(g, "text_sector");
        v = s ? tax_sector_parse(s) : -1;
        if (v >= 0) {
            o.has_text_sector = 1;
            o.text_sector = (tax_sector)v;
        }
        s = str(g, "issue");
        v = s ? tax_issue_parse(s) : -1;
        o.issue = v < 0 ? ISSUE_OTHER : (tax_issue)v;
        const cJSON *t;
        cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(g, "tags"))
        {
            int b = cJSON_IsString(t) ? tax_tag_parse(t->valuestring) : -1;
            if (b >= 0)
                o.tags |= TAG_BIT(b);
        }
        o.complainant = str(r, "complainant");
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "amount");
        if (cJSON_IsNumber(a)) {
            o.amount = a->valuedouble;
            o.has_amount = 1;
        }
        o.duplicate = str(g, "duplicate_of") != NULL;
        o.professional = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(g, "professional"));
        double t0 = now_s();
        qs_rc rc = det_observe(d, &o, emit_alert, stdout, &err);
        if (rc == QS_OK && o.t_ms > watermark) {
            watermark = o.t_ms;
            rc = det_advance(d, watermark, emit_alert, stdout, &err);
        }
        spent += now_s() - t0;
        cJSON_Delete(r);
        n++;
        if (rc != QS_OK) {
            fprintf(stderr, "detect_feed: %s\n", err.msg);
            status = 2;
            break;
        }
    }
    free(line);
    det_counters k;
    det_get_counters(d, &k);
    fprintf(stderr,
            "detect_feed: %ld records (%ld unreadable), %.0f records/s in det_*, %ld merchants held, %ld evicted, "
            "alerts %ld/%ld/%ld, updates %ld\n",
            n, bad, spent > 0 ? (double)n / spent : 0.0, k.merchants, k.evicted, k.alerts[0], k.alerts[1],
            k.alerts[2], k.updates);
    det_free(d);
    cJSON_Delete(cfg);
    return status;
}
