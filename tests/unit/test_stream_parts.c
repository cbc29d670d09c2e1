/* Unit tests of the parts of `qunsu run` that stand alone: the config file,
 * the event-time clock and reorder buffer, text sketches and chase wording,
 * and the professional-claimant markers. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claimant.h"
#include "config.h"
#include "dedup.h"
#include "evtime.h"
#include "harness.h"
#include "stream.h"

static const char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/qs_conf_%d.json", (int)getpid());
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static qs_rc load(const char *text, cJSON **out, qs_err *err)
{
    qs_rc rc = conf_load(write_tmp(text), out, err);
    remove(write_tmp(""));
    return rc;
}

static void test_config(void)
{
    qs_err err = {0};
    cJSON *c = NULL, *eff = NULL;
    CHECK(conf_load(NULL, &c, &err) == QS_OK && c, "no file: empty config");
    CHECK(stream_effective_config(c, &eff, &err) == QS_OK, "defaults are valid");
    const cJSON *st = cJSON_GetObjectItem(eff, "stream");
    CHECK(cJSON_GetObjectItem(st, "lateness_hours")->valuedouble == 48, "lateness 48 h");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItem(st, "reorder")), "reorder off by default");
    CHECK(cJSON_GetObjectItem(cJSON_GetObjectItem(eff, "dedup"), "horizon_days")->valuedouble == 30,
          "duplicate horizon 30 days");
    CHECK(cJSON_GetObjectItem(cJSON_GetObjectItem(eff, "professional"), "count_365d")->valuedouble == 10,
          "professional count 10 a year");
    cJSON_Delete(eff);
    cJSON_Delete(c);

    CHECK(load("{\"stream\":{\"lateness_hours\":12}}", &c, &err) == QS_OK, "valid file loads");
    CHECK(stream_effective_config(c, &eff, &err) == QS_OK &&
              cJSON_GetObjectItem(cJSON_GetObjectItem(eff, "stream"), "reorder_delay_hours")->valuedouble == 12,
          "reorder delay follows the lateness");
    cJSON_Delete(eff);
    cJSON_Delete(c);

    CHECK(load("{\"stream\":{\"lateness\":12}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG &&
              strstr(err.msg, "unknown key \"lateness\""),
          "unknown key refused: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"dedup\":{\"threshold\":1.5}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG && strstr(err.msg, "out of range"),
          "range checked: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"professional\":{\"count_30d\":2.5}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG && strstr(err.msg, "integer"),
          "integers checked: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"stream\":{\"reorder\":\"yes\"}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG,
          "booleans checked: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"stream\":{\"lateness_hours\":10,\"reorder_delay_hours\":20}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG,
          "reorder delay beyond lateness refused: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"streams\":{}}", &c, &err) == QS_ECONFIG && !c && strstr(err.msg, "unknown section"),
          "unknown section refused: %s", err.msg);
    CHECK(load("{\"stream\":{\n\"reorder\": tru}}", &c, &err) == QS_ECONFIG && strstr(err.msg, "line 2"),
          "syntax error with its line: %s", err.msg);
    CHECK(load("[1]", &c, &err) == QS_ECONFIG, "top level must be an object");
    CHECK(conf_load("/nonexistent/qunsu.json", &c, &err) == QS_EIO, "missing file is an I/O error");
    CHECK(load("{\"detect\":{\"anything\":1}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG && strstr(err.msg, "detect.anything"),
          "unknown detect key refused: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"state\":{\"synchronous\":\"fast\"}}", &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_ECONFIG && strstr(err.msg, "state.synchronous"),
          "bad state value refused: %s", err.msg);
    cJSON_Delete(c);
    CHECK(load("{\"detect\":{\"p_max\":0.001,\"windows_hours\":[12,48]},"
               "\"state\":{\"synchronous\":\"FULL\",\"keep_days\":30}}",
               &c, &err) == QS_OK &&
              stream_effective_config(c, &eff, &err) == QS_OK,
          "detect and state values accepted: %s", err.msg);
    const cJSON *dt = cJSON_GetObjectItem(eff, "detect"), *sa = cJSON_GetObjectItem(eff, "state");
    const cJSON *w = cJSON_GetObjectItem(dt, "windows_hours");
    CHECK(cJSON_GetObjectItem(dt, "p_max")->valuedouble == 0.001 &&
              cJSON_GetObjectItem(dt, "min_complainants")->valuedouble == 3,
          "detect: the given value and the defaults beside it");
    CHECK(cJSON_GetArraySize(w) == 2 && cJSON_GetArrayItem(w, 1)->valuedouble == 48, "detect windows as given");
    CHECK(strcmp(cJSON_GetObjectItem(sa, "synchronous")->valuestring, "full") == 0 &&
              cJSON_GetObjectItem(sa, "keep_days")->valuedouble == 30 &&
              cJSON_GetObjectItem(sa, "batch_records")->valuedouble == 1000,
          "state: the given values and the defaults beside them");
    cJSON_Delete(eff);
    cJSON_Delete(c);
}

/* The example file lists every key with its default. */
static void test_example_config(void)
{
    qs_err err = {0};
    cJSON *ex = NULL, *none = NULL, *eff_ex = NULL, *eff_def = NULL;
    CHECK(conf_load("etc/qunsu.conf.json", &ex, &err) == QS_OK, "example config loads: %s", err.msg);
    conf_load(NULL, &none, &err);
    CHECK(stream_effective_config(ex, &eff_ex, &err) == QS_OK, "example config valid: %s", err.msg);
    stream_effective_config(none, &eff_def, &err);
    static const char *const secs[] = {"stream", "dedup", "professional", "detect", "state"};
    for (int i = 0; i < 5; i++) {
        const cJSON *a = cJSON_GetObjectItem(eff_ex, secs[i]), *d = cJSON_GetObjectItem(eff_def, secs[i]);
        CHECK(cJSON_Compare(a, d, 1), "example %s section holds the defaults", secs[i]);
        int all = 1;
        for (const cJSON *k = d ? d->child : NULL; k; k = k->next) {
            const cJSON *s = cJSON_GetObjectItem(ex, secs[i]);
            char doc[96];
            snprintf(doc, sizeof doc, "_%s", k->string);
            all &= cJSON_GetObjectItem(s, k->string) != NULL && cJSON_GetObjectItem(s, doc) != NULL;
        }
        CHECK(all && d && d->child, "example %s section lists and documents every key", secs[i]);
    }
    cJSON_Delete(eff_ex);
    cJSON_Delete(eff_def);
    cJSON_Delete(ex);
    cJSON_Delete(none);
}

static void test_clock(void)
{
    evt_clock c;
    evt_clock_init(&c, 48 * 3600000LL);
    CHECK(evt_clock_watermark(&c) == INT64_MIN, "no watermark before the first record");
    CHECK(evt_clock_observe(&c, 100 * 3600000LL) == EVT_ON_TIME, "first record on time");
    CHECK(evt_clock_observe(&c, 101 * 3600000LL) == EVT_ON_TIME, "later record on time");
    CHECK(evt_clock_observe(&c, 60 * 3600000LL) == EVT_LATE, "41 h behind: late");
    CHECK(evt_clock_observe(&c, 52 * 3600000LL) == EVT_VERY_LATE, "49 h behind: very late");
    CHECK(evt_clock_watermark(&c) == 53 * 3600000LL, "watermark = latest - lateness");
}

static void make_rec(qs_record *r, const char *id, int64_t t)
{
    memset(r, 0, sizeof *r);
    r->json = cJSON_CreateObject();
    cJSON *v = cJSON_AddStringToObject(r->json, "id", id);
    r->id = v->valuestring;
    r->t_ms = t;
}

static void test_reorder(void)
{
    /* Three arrival orders of the same records, each within the delay,
     * come out in one (time, id) order. */
    static const int orders[3][6] = {{0, 1, 2, 3, 4, 5}, {2, 0, 1, 5, 3, 4}, {1, 2, 0, 4, 5, 3}};
    static const int64_t t[6] = {10, 10, 12, 20, 21, 22};
    static const char *const ids[6] = {"a", "b", "c", "d", "e", "f"};
    char got[3][16];
    for (int o = 0; o < 3; o++) {
        evt_buffer *b = evt_buffer_new(0);
        qs_err err;
        int64_t max = 0;
        size_t n = 0;
        qs_record out = {0};
        for (int i = 0; i < 6; i++) {
            qs_record r;
            int k = orders[o][i];
            make_rec(&r, ids[k], t[k]);
            if (t[k] > max)
                max = t[k];
            evt_buffer_push(b, &r, &err);
            while (evt_buffer_pop(b, max - 5, &out))
                got[o][n++] = out.id[0];
        }
        while (evt_buffer_pop(b, INT64_MAX, &out))
            got[o][n++] = out.id[0];
        got[o][n] = 0;
        record_reset(&out);
        evt_buffer_free(b);
    }
    CHECK_STR(got[0], "abcdef", "in order");
    CHECK_STR(got[1], "abcdef", "shuffled within the delay: same order");
    CHECK_STR(got[2], "abcdef", "another shuffle: same order");

    evt_buffer *b = evt_buffer_new(2);
    qs_err err;
    qs_record r, out = {0};
    for (int i = 0; i < 3; i++) {
        make_rec(&r, ids[i], 100 + i);
        evt_buffer_push(b, &r, &err);
    }
    CHECK(evt_buffer_pop(b, 0, &out) == 2 && strcmp(out.id, "a") == 0,
          "over its size the buffer lets the earliest out");
    CHECK(evt_buffer_pop(b, 0, &out) == 0, "then holds the rest");
    record_reset(&out);
    evt_buffer_free(b); /* frees what it still holds */
}

static void test_text(void)
{
    uint32_t a[DEDUP_SKETCH], b[DEDUP_SKETCH];
    const char *s1 = "金鼎健身突然关门，要求退费！";
    const char *s2 = "金鼎健身 突然关门 要求退费";
    size_t na = dedup_shingles(s1, strlen(s1), a, DEDUP_SKETCH);
    size_t nb = dedup_shingles(s2, strlen(s2), b, DEDUP_SKETCH);
    CHECK(na == 11, "bigrams of letters only (%zu)", na);
    CHECK_NEAR(dedup_jaccard(a, na, b, nb, DEDUP_SKETCH), 1.0, 1e-9, "punctuation and spaces ignored");
    const char *s3 = "ＡＢＣ手机";
    const char *s4 = "abc手机";
    na = dedup_shingles(s3, strlen(s3), a, DEDUP_SKETCH);
    nb = dedup_shingles(s4, strlen(s4), b, DEDUP_SKETCH);
    CHECK_NEAR(dedup_jaccard(a, na, b, nb, DEDUP_SKETCH), 1.0, 1e-9, "full-width and case folded");
    const char *s5 = "完全不同的一段话";
    nb = dedup_shingles(s5, strlen(s5), b, DEDUP_SKETCH);
    CHECK(dedup_jaccard(a, na, b, nb, DEDUP_SKETCH) == 0, "disjoint texts: 0");
    CHECK(dedup_shingles("", 0, a, DEDUP_SKETCH) == 0, "empty text: no shingles");
    /* A long text keeps only the sketch. */
    char longer[3000] = "";
    for (int i = 0; i < 200; i++)
        snprintf(longer + strlen(longer), sizeof longer - strlen(longer), "%d号", i);
    CHECK(dedup_shingles(longer, strlen(longer), a, DEDUP_SKETCH) == DEDUP_SKETCH, "sketch capped");

    dedup_config dc;
    claim_config cc;
    qs_err err;
    dedup_config_read(NULL, &dc, NULL, &err);
    claim_config_read(NULL, &cc, NULL, &err);
    dedup_ctx *d = dedup_new(&dc, &err);
    claim_ctx *c = claim_new(&cc, &err);
    CHECK(dedup_is_chase(d, "市民再次来电催促", strlen("市民再次来电催促")), "chase wording found");
    CHECK(!dedup_is_chase(d, "多次与商家协商未果", strlen("多次与商家协商未果")),
          "talking to the shop is not a chase call");

    const char *p = "违反食品安全法第一百四十八条，要求十倍赔偿";
    CHECK(claim_markers(c, p, strlen(p)) & CLAIM_PUNITIVE, "punitive demand marked");
    const char *f = "该商品无中文标签";
    CHECK(claim_markers(c, f, strlen(f)) == CLAIM_FOCUS, "label focus marked");
    const char *g = "门店关门了要求退还剩余费用";
    CHECK(claim_markers(c, g, strlen(g)) == 0, "a genuine complaint carries no marker");
    const char *e = "十倍";
    CHECK(claim_markers(c, e, strlen(e)) & CLAIM_PUNITIVE, "a word filling the whole text");
    CHECK(claim_markers(c, e, 3) == 0, "a word cut by the length is not found");
    CHECK(!dedup_is_chase(d, "", 0), "empty text");
    dedup_free(d);
    claim_free(c);
}

/* Feed one record to dedup; returns the link or "" (copied). */
static const char *link_of(dedup_ctx *d, const char *id, int64_t day, const char *who,
                           const char *merchant, const char *text, double amount)
{
    static char out[64];
    uint32_t sh[DEDUP_SKETCH];
    size_t n = dedup_shingles(text, strlen(text), sh, DEDUP_SKETCH);
    dedup_input in = {id, day * 86400000LL, who, merchant, text, strlen(text), sh, n,
                      amount, amount > 0};
    const char *dup = NULL;
    qs_err err;
    dedup_check(d, &in, &dup, &err);
    snprintf(out, sizeof out, "%s", dup ? dup : "");
    return out;
}

static void test_dedup(void)
{
    dedup_config dc;
    qs_err err;
    dedup_config_read(NULL, &dc, NULL, &err);
    dedup_ctx *d = dedup_new(&dc, &err);
    const char *t1 = "在金鼎健身办的年卡，门店突然关门，老板联系不上，要求退还剩余费用";
    const char *t2 = "金鼎健身突然关门老板联系不上，办的年卡要求退还剩余费用";
    CHECK_STR(link_of(d, "a", 100, "p1", "金鼎健身", t1, 3800), "", "first record: no link");
    CHECK_STR(link_of(d, "b", 102, "p1", "金鼎健身", t2, 3800), "a", "refiling linked");
    CHECK_STR(link_of(d, "c", 103, "p1", "金鼎健身", "再次来电催促，至今无人处理", 0), "a",
              "chase call links to the root of the chain");
    CHECK_STR(link_of(d, "e", 104, "p2", "金鼎健身", t1, 3800), "",
              "another person with the same text is not a duplicate");
    CHECK_STR(link_of(d, "f", 105, "p1", "银河健身",
                      "在银河健身办的年卡，门店突然关门，老板联系不上，要求退还剩余费用", 3800),
              "", "the same words against another merchant are another grievance");
    CHECK_STR(link_of(d, "g", 106, "p1", "金鼎健身", t2, 900), "",
              "a different sum is another purchase");
    CHECK_STR(link_of(d, "h", 99, "p1", "金鼎健身", t2, 3800), "",
              "a late record is not linked to later ones");
    CHECK_STR(link_of(d, "i", 140, "p1", "金鼎健身", t2, 3800), "",
              "beyond the 30-day horizon: no link");
    CHECK_STR(link_of(d, "j", 200, NULL, "金鼎健身", t1, 500), "", "anonymous first record");
    CHECK_STR(link_of(d, "k", 201, NULL, "金鼎健身", t1, 500), "j",
              "anonymous identical text, same sum: linked");
    CHECK_STR(link_of(d, "l", 201, NULL, "金鼎健身", t1, 700), "",
              "anonymous identical text, another sum: not linked");
    CHECK_STR(link_of(d, "m", 205, NULL, "金鼎健身", t1, 500), "",
              "anonymous beyond 72 hours: not linked");
    dedup_advance(d, 400 * 86400000LL);
    CHECK(dedup_get_stats(d)->entries == 0 && dedup_get_stats(d)->bytes == 0,
          "everything evicted after the horizon (%ld entries, %zu bytes)",
          dedup_get_stats(d)->entries, dedup_get_stats(d)->bytes);
    dedup_free(d);
}

static int flag_of(claim_ctx *c, const char *who, int64_t hour, const char *merchant,
                   const char *text, double amount)
{
    uint32_t sh[DEDUP_SKETCH];
    size_t n = dedup_shingles(text, strlen(text), sh, DEDUP_SKETCH);
    claim_input in = {who, hour * 3600000LL, 480, merchant, 0, 0, text, strlen(text), sh, n,
                      amount, amount > 0, 0};
    int prof = 0;
    qs_err err;
    claim_observe(c, &in, &prof, &err);
    return prof;
}

static void test_claimant(void)
{
    claim_config cc;
    qs_err err;
    claim_config_read(NULL, &cc, NULL, &err);
    claim_ctx *c = claim_new(&cc, &err);
    static const char *const shops[] = {"华源超市", "安泰便利店", "恒兴副食", "悦品生鲜", "优品商行"};
    char text[512];
    int flags[5];
    for (int i = 0; i < 5; i++) {
        snprintf(text, sizeof text,
                 "本人在%s购买的饼干无中文标签，违反食品安全法第一百四十八条，要求十倍赔偿，并立案查处",
                 shops[i]);
        flags[i] = flag_of(c, "z", 1000 + 30 * i, shops[i], text, 20 + i);
    }
    CHECK(!flags[0] && !flags[1], "two records are no pattern");
    CHECK(flags[2] && flags[3] && flags[4], "template punitive claims over shops: flagged");
    CHECK(!flag_of(c, "z", 1200, "锦绣健身", "健身房突然关门了，要求退还年卡剩余费用", 1800),
          "their genuine complaint is not flagged");
    int busy = 0;
    static const char *const plain[] = {"买的手机屏幕坏了要求维修", "洗衣店把大衣洗缩水了",
                                        "装修公司工期拖延两个月", "餐厅多收了服务费",
                                        "快递丢件不赔偿", "培训班停课不退费"};
    for (int i = 0; i < 6; i++)
        busy |= flag_of(c, "b", 1000 + 200 * i, shops[i % 5], plain[i], 0);
    CHECK(!busy, "a busy ordinary consumer is not flagged");
    CHECK(claim_get_stats(c)->flagged_people == 1, "one person flagged");
    claim_advance(c, 3000LL * 86400000LL);
    CHECK(claim_get_stats(c)->people == 0 && claim_get_stats(c)->bytes == 0,
          "everyone forgotten after a year (%ld people, %zu bytes)", claim_get_stats(c)->people,
          claim_get_stats(c)->bytes);
    claim_free(c);
}

int main(void)
{
    test_config();
    test_example_config();
    test_clock();
    test_reorder();
    test_text();
    test_dedup();
    test_claimant();
    return DONE();
}
