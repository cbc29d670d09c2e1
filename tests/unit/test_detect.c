/* test_detect.c: the detector on small streams with exactly known alerts:
 * a closure cluster, a food-safety cluster, a busy chain that must stay
 * silent, professional claimants who must not trigger, duplicates that must
 * not count, an update versus a new episode, a replay giving the same ids,
 * an emerging issue across merchants, and drafts without personal data.
 * Every stream starts with a quiet background (30 merchants per sector with
 * a complaint every ten days or so) so the sector baselines exist. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "detect.h"
#include "harness.h"

#define HOUR_MS 3600000LL

typedef struct sink {
    cJSON *a[256];
    int n;
} sink;

static qs_rc collect(void *ud, cJSON *alert, qs_err *err)
{
    (void)err;
    sink *s = ud;
    if (s->n < 256)
        s->a[s->n++] = alert;
    else
        cJSON_Delete(alert);
    return QS_OK;
}

static void sink_clear(sink *s)
{
    for (int i = 0; i < s->n; i++)
        cJSON_Delete(s->a[i]);
    s->n = 0;
}

static int64_t T0;
static int seq;

typedef struct feed {
    const char *key;
    tax_sector sector;
    tax_issue issue;
    unsigned tags;
    const char *who;
    int pro, dup;
    double amount;
    const char *name;
    const char *region;
} feed;

/* Stamp o with the next id and the time `hours` after T0 (the id is copied
 * into `idbuf` when given), feed it and advance the clock to it. */
static qs_rc observe_at(det_ctx *d, sink *s, det_obs *o, double hours, char *idbuf)
{
    char id[64];
    snprintf(id, sizeof id, "c-%05d", ++seq);
    if (idbuf)
        strcpy(idbuf, id);
    o->id = id;
    o->t_ms = T0 + (int64_t)(hours * HOUR_MS);
    o->tz_min = 480;
    qs_err err = {0};
    qs_rc rc = det_observe(d, o, collect, s, &err);
    if (rc == QS_OK)
        rc = det_advance(d, o->t_ms, collect, s, &err);
    if (rc != QS_OK)
        printf("# det error: %s\n", err.msg);
    return rc;
}

/* Feed one complaint at `hours` after T0; its id goes to `idbuf`. */
static qs_rc put(det_ctx *d, sink *s, double hours, const feed *f, char *idbuf)
{
    det_obs o = {
        .merchant_key = f->key,
        .merchant_name = f->name ? f->name : f->key,
        .sector = f->sector,
        .region = f->region ? f->region : "开发区",
        .issue = f->issue,
        .tags = f->tags,
        .complainant = f->who,
        .amount = f->amount,
        .has_amount = f->amount > 0,
        .duplicate = f->dup,
        .professional = f->pro,
    };
    return observe_at(d, s, &o, hours, idbuf);
}

/* One day of quiet background in the given sectors. */
static void background_day(det_ctx *d, sink *s, const tax_sector *sectors, int ns, int day)
{
    char key[64], who[64];
    for (int si = 0; si < ns; si++)
        for (int m = 0; m < 30; m++) {
            if ((m * 7 + day) % 10 != 0)
                continue;
            snprintf(key, sizeof key, "bg-%d-%d", (int)sectors[si], m);
            snprintf(who, sizeof who, "bgp-%d-%d-%d", day, si, m);
            feed f = {key, sectors[si], (tax_issue)((m + day) % 4 == 0 ? ISSUE_QUALITY : ISSUE_CONTRACT), 0, who, 0,
                      0, 0, NULL, NULL};
            put(d, s, day * 24.0 + 9 + (m % 8), &f, NULL);
        }
}

/* `days` days of quiet background in the given sectors. */
static void background(det_ctx *d, sink *s, const tax_sector *sectors, int ns, int days)
{
    for (int day = 0; day < days; day++)
        background_day(d, s, sectors, ns, day);
}

static const char *sget(const cJSON *a, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double nget(const cJSON *a, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, k);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static int is_update(const cJSON *a)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "update"));
}

static int count_type(const sink *s, const char *type, int updates)
{
    int n = 0;
    for (int i = 0; i < s->n; i++)
        if (strcmp(sget(s->a[i], "type"), type) == 0 && is_update(s->a[i]) == updates)
            n++;
    return n;
}

static const tax_sector BG[] = {SECTOR_FITNESS, SECTOR_CATERING, SECTOR_BEAUTY};

/* A detector with default config after `days` of quiet background. */
static det_ctx *fresh_days(sink *s, int days)
{
    qs_err err = {0};
    det_ctx *d = det_new(NULL, &err);
    seq = 0;
    background(d, s, BG, 3, days);
    return d;
}

static det_ctx *fresh(sink *s)
{
    return fresh_days(s, 40);
}

static void test_closure(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    CHECK(s.n == 0, "quiet background raises nothing (%d alerts)", s.n);
    char ids[8][32], who[16];
    unsigned tg = TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE);
    for (int i = 0; i < 5; i++) {
        snprintf(who, sizeof who, "m%d", i);
        feed f = {"金鼎健身", SECTOR_FITNESS, ISSUE_CONTRACT, tg, who, 0, 0, 3800, "金鼎健身(开发区店)", NULL};
        put(d, &s, 40 * 24 + 10 + i * 12, &f, ids[i]);
        if (i == 1)
            CHECK(s.n == 0, "two complaints are not a cluster");
    }
    CHECK(count_type(&s, "interview", 0) == 1, "one interview alert");
    CHECK(count_type(&s, "interview", 1) == 1, "one interview update at the fifth complaint");
    CHECK(count_type(&s, "warning", 0) == 1, "one warning (closure/prepaid with five complainants)");
    const cJSON *a = s.a[0];
    CHECK_STR(sget(a, "alert_id"), "A-金鼎健身-contract-20261011", "deterministic interview id");
    CHECK_STR(sget(a, "trigger_id"), ids[2], "raised by the third complaint");
    CHECK(nget(a, "count") == 3 && nget(a, "complainants") == 3, "count and complainants at raising");
    CHECK(nget(a, "p_value") > 0 && nget(a, "p_value") <= 1e-3, "p-value under the urgent threshold");
    CHECK(nget(a, "expected") >= 0 && nget(a, "expected") < 0.5, "expected count is small for a quiet gym");
    CHECK(nget(a, "p_threshold") == 2e-4 && nget(a, "recurrence_days") > 0, "urgent threshold and recurrence interval");
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(a, "complaint_ids")) == 3, "three complaint ids");
    CHECK_STR(sget(a, "merchant_name"), "金鼎健身(开发区店)", "merchant name carried");
    const cJSON *w = NULL;
    for (int i = 0; i < s.n; i++)
        if (strcmp(sget(s.a[i], "type"), "warning") == 0)
            w = s.a[i];
    CHECK(w && strcmp(sget(w, "alert_id"), "W-金鼎健身-contract-20261011") == 0, "warning id of the same episode");
    CHECK(w && strcmp(sget(w, "trigger_id"), ids[4]) == 0, "warning raised by the fifth complaint");
    CHECK(w && strcmp(sget(w, "reason"), "closure_prepaid") == 0, "warning reason");
    CHECK(w && nget(w, "amount_total") == 5 * 3800, "amount total");
    const char *dr = w ? sget(w, "draft") : NULL;
    CHECK(dr && strstr(dr, "金鼎健身(开发区店)") && strstr(dr, "12315") && strstr(dr, "12345"),
          "draft names the merchant and the complaint lines");
    CHECK(dr && strstr(dr, "5件") && strstr(dr, "19000元") && strstr(dr, "闭店"), "draft has counts, amount, problem");
    CHECK(dr && !strstr(dr, "m0") && !strstr(dr, "m4"), "draft has no complainant ids");
    CHECK(dr && strstr(dr, "消费者权利") && !strstr(dr, "权某"), "the masker leaves 消费者权利 whole");
    CHECK(dr && strstr(dr, "该经营者已出现停业"), "one merchant's closure: 该经营者");
    sink_clear(&s);
    det_free(d);
}

/* A cluster in a stream's first week: after warmup_days (3) of background
 * the closure cluster on day 5 is alerted; the same cluster on day 1, with
 * no history to judge it by, is not. */
static void test_early_cluster(void)
{
    for (int early = 0; early < 2; early++) {
        sink s = {0};
        int day = early ? 1 : 5;
        det_ctx *d = fresh_days(&s, day);
        char who[16];
        unsigned tg = TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE);
        for (int i = 0; i < 4; i++) {
            snprintf(who, sizeof who, "e%d", i);
            feed f = {"银河健身", SECTOR_FITNESS, ISSUE_CONTRACT, tg, who, 0, 0, 2800, NULL, NULL};
            put(d, &s, day * 24.0 + 10 + i * 6, &f, NULL);
        }
        if (early)
            CHECK(count_type(&s, "interview", 0) == 0, "no alert on day 1: no history yet (%d alerts)", s.n);
        else
            CHECK(count_type(&s, "interview", 0) == 1, "closure cluster on day 5 alerted (%d alerts)", s.n);
        sink_clear(&s);
        det_free(d);
    }
}

static void test_food(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char ids[4][32], who[16];
    for (int i = 0; i < 3; i++) {
        snprintf(who, sizeof who, "f%d", i);
        feed f = {"老王面馆", SECTOR_CATERING, ISSUE_FOOD_SAFETY, 0, who, 0, 0, 60, NULL, NULL};
        put(d, &s, 45 * 24 + 12 + i * 2, &f, ids[i]);
    }
    CHECK(count_type(&s, "interview", 0) == 1 && count_type(&s, "warning", 0) == 1,
          "food-safety cluster of three: interview and warning");
    CHECK(s.n == 2 && strcmp(sget(s.a[1], "reason"), "food_safety") == 0, "warning reason food_safety");
    CHECK_STR(sget(s.a[0], "alert_id"), "A-老王面馆-food_safety-20261016", "food-safety episode id");
    const char *dr = s.n == 2 ? sget(s.a[1], "draft") : NULL;
    CHECK(dr && strstr(dr, "食品") && strstr(dr, "就医"), "food-safety advice in the draft");
    sink_clear(&s);
    det_free(d);
}

static void test_late_record(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char late[32];
    feed a = {"星光美甲", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "l1", 0, 0, 0, NULL, NULL};
    feed b = {"星光美甲", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "l2", 0, 0, 0, NULL, NULL};
    feed c = {"星光美甲", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "l3", 0, 0, 0, NULL, NULL};
    put(d, &s, 46 * 24 + 9, &a, NULL);
    put(d, &s, 46 * 24 + 15, &b, NULL);
    CHECK(s.n == 0, "two complaints, no alert");
    /* The third was filed in the morning but arrives late, in event time
     * before the second: it still belongs to the window. */
    put(d, &s, 46 * 24 + 11, &c, late);
    CHECK(count_type(&s, "interview", 0) == 1, "a late record completes the cluster");
    CHECK(s.n && strcmp(sget(s.a[0], "trigger_id"), late) == 0 && nget(s.a[0], "count") == 3,
          "the late record is the trigger and is counted");
    CHECK(s.n && strcmp(sget(s.a[0], "alert_id"), "A-星光美甲-quality-20261017") == 0,
          "episode start is the earliest complaint in event time");
    sink_clear(&s);
    det_free(d);
}

static void test_chain_silent(void)
{
    sink s = {0};
    det_ctx *d = fresh_days(&s, 1);
    char who[32];
    /* Twenty complaints a week, every week, with a weekly rhythm: steady. */
    for (int day = 0; day < 60; day++)
        for (int j = 0; j < 2 + (day % 7 < 2 ? 1 : 0) + (day % 3 == 0); j++) {
            snprintf(who, sizeof who, "ch%d-%d", day, j);
            feed f = {"连锁火锅", SECTOR_CATERING, j % 2 ? ISSUE_QUALITY : ISSUE_FOOD_SAFETY, 0, who, 0, 0, 0, NULL,
                      NULL};
            put(d, &s, day * 24 + 10 + j * 3, &f, NULL);
        }
    CHECK(s.n == 0, "a busy chain with steady complaints stays silent (%d alerts)", s.n);
    sink_clear(&s);
    det_free(d);
}

/* A busy chain's rare issue bursting: the chain's day-to-day swings are
 * shared by all its issues, so a rare issue's count is not made more
 * erratic than the chain's own (thinning keeps the day-level dispersion),
 * and six of that issue in a morning stand out against its weekly one. */
static void test_chain_issue_burst(void)
{
    sink s = {0};
    det_ctx *d = fresh_days(&s, 1);
    char who[32];
    static const tax_issue flow[] = {ISSUE_CONTRACT, ISSUE_PRICE, ISSUE_AFTER_SALES};
    for (int day = 0; day < 50; day++)
        for (int j = 0; j < 3; j++) {
            snprintf(who, sizeof who, "cb%d-%d", day, j);
            tax_issue is = day % 7 == 3 && j == 0 ? ISSUE_QUALITY : flow[(day + j) % 3];
            feed f = {"连锁奶茶", SECTOR_CATERING, is, 0, who, 0, 0, 0, NULL, NULL};
            put(d, &s, day * 24 + 10 + j * 4, &f, NULL);
        }
    CHECK(s.n == 0, "the chain's steady flow stays silent (%d alerts)", s.n);
    int fired_at = 0;
    for (int i = 0; i < 6 && !fired_at; i++) {
        snprintf(who, sizeof who, "qb%d", i);
        feed f = {"连锁奶茶", SECTOR_CATERING, ISSUE_QUALITY, 0, who, 0, 0, 0, NULL, NULL};
        put(d, &s, 50 * 24 + 8 + i * 1.5, &f, NULL);
        if (count_type(&s, "interview", 0))
            fired_at = i + 1;
    }
    CHECK(fired_at >= 3 && fired_at <= 6, "a rare issue's burst at a busy chain is alerted by its 6th complaint (%d)",
          fired_at);
    CHECK(s.n && strcmp(sget(s.a[0], "issue"), "quality") == 0, "the alert names the bursting issue");
    sink_clear(&s);
    det_free(d);
}

static void test_professional_and_duplicates(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    /* Two professional claimants pile six complaints on one shop. */
    for (int i = 0; i < 6; i++) {
        feed f = {"小超市", SECTOR_CATERING, ISSUE_FOOD_SAFETY, TAG_BIT(TAG_PUNITIVE_DEMAND), i % 2 ? "pro1" : "pro2",
                  1, 0, 30, NULL, NULL};
        put(d, &s, 41 * 24 + 10 + i * 5, &f, NULL);
    }
    /* One professional spreads a template over twelve merchants. */
    char key[32];
    for (int i = 0; i < 12; i++) {
        snprintf(key, sizeof key, "bg-%d-%d", (int)SECTOR_CATERING, i);
        feed f = {key, SECTOR_CATERING, ISSUE_PRIVACY, TAG_BIT(TAG_PUNITIVE_DEMAND), "pro3", 1, 0, 20, NULL, NULL};
        put(d, &s, 42 * 24 + 8 + i, &f, NULL);
    }
    CHECK(s.n == 0, "professional claimants raise nothing (%d alerts)", s.n);
    /* Two real complaints, each filed again on another line: still two. */
    char id0[32], id1[32];
    feed a = {"美丽美容", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "x1", 0, 0, 0, NULL, NULL};
    feed b = {"美丽美容", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "x2", 0, 0, 0, NULL, NULL};
    put(d, &s, 43 * 24 + 10, &a, id0);
    put(d, &s, 43 * 24 + 11, &b, id1);
    a.dup = b.dup = 1;
    char dups[3][32];
    put(d, &s, 43 * 24 + 12, &a, dups[0]);
    put(d, &s, 43 * 24 + 13, &b, dups[1]);
    put(d, &s, 43 * 24 + 14, &a, dups[2]);
    CHECK(s.n == 0, "duplicates do not make two complaints a cluster (%d alerts)", s.n);
    /* A third real complainant does. */
    feed c = {"美丽美容", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "x3", 0, 0, 0, NULL, NULL};
    char id2[32];
    put(d, &s, 43 * 24 + 15, &c, id2);
    put(d, &s, 43 * 24 + 16, &c, NULL); /* the same person again: not a new complainant */
    feed e = {"美丽美容", SECTOR_BEAUTY, ISSUE_QUALITY, 0, "x4", 0, 0, 0, NULL, NULL};
    put(d, &s, 43 * 24 + 17, &e, NULL);
    CHECK(count_type(&s, "interview", 0) == 1, "four distinct complainants raise one interview");
    const cJSON *al = s.n ? s.a[0] : NULL;
    int dup_listed = 0;
    const cJSON *ids = al ? cJSON_GetObjectItemCaseSensitive(al, "complaint_ids") : NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, ids)
    {
        for (int j = 0; j < 3; j++)
            dup_listed += strcmp(it->valuestring, dups[j]) == 0;
    }
    CHECK(al && nget(al, "complainants") == 3 && nget(al, "count") == 3 && dup_listed == 0,
          "raised at the third distinct complainant, duplicates left out");
    CHECK(al && cJSON_GetArraySize(ids) == 3 && strcmp(sget(al, "trigger_id"), id2) == 0,
          "ids are the three real complaints; the third raised it");
    CHECK(count_type(&s, "interview", 1) == 0, "the same person again and one more are not material growth");
    sink_clear(&s);
    det_free(d);
}

static void run_episodes(sink *s)
{
    qs_err err = {0};
    det_ctx *d = det_new(NULL, &err);
    seq = 0;
    background(d, s, BG, 3, 40);
    char who[16];
    unsigned tg = TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE);
    for (int i = 0; i < 4; i++) {
        snprintf(who, sizeof who, "e%d", i);
        feed f = {"悦动瑜伽", SECTOR_FITNESS, ISSUE_CONTRACT, tg, who, 0, 0, 0, NULL, NULL};
        put(d, s, 40 * 24 + 10 + i * 6, &f, NULL);
    }
    /* One more soon after: growth of one is not material. */
    feed g = {"悦动瑜伽", SECTOR_FITNESS, ISSUE_CONTRACT, tg, "e9", 0, 0, 0, NULL, NULL};
    put(d, s, 41 * 24 + 20, &g, NULL);
    /* Twenty quiet days (the background goes on), then a new cluster. */
    for (int day = 42; day < 62; day++) {
        char w[16], k[32];
        snprintf(w, sizeof w, "q%d", day);
        snprintf(k, sizeof k, "bg-%d-%d", (int)SECTOR_FITNESS, day % 30);
        feed q = {k, SECTOR_FITNESS, ISSUE_CONTRACT, 0, w, 0, 0, 0, NULL, NULL};
        put(d, s, day * 24.0, &q, NULL);
    }
    for (int i = 0; i < 4; i++) {
        snprintf(who, sizeof who, "n%d", i);
        feed f = {"悦动瑜伽", SECTOR_FITNESS, ISSUE_CONTRACT, tg, who, 0, 0, 0, NULL, NULL};
        put(d, s, 62 * 24 + 10 + i * 6, &f, NULL);
    }
    det_counters k;
    det_get_counters(d, &k);
    CHECK(k.alerts[0] == 2, "two interview episodes counted (%ld)", k.alerts[0]);
    det_free(d);
}

static void test_episodes_and_replay(void)
{
    sink s = {0}, r = {0};
    run_episodes(&s);
    int first = -1, upd = -1, second = -1;
    for (int i = 0; i < s.n; i++) {
        const char *id = sget(s.a[i], "alert_id");
        if (strcmp(sget(s.a[i], "type"), "interview"))
            continue;
        if (!is_update(s.a[i]) && first < 0)
            first = i;
        else if (is_update(s.a[i]) && second < 0)
            upd = i;
        else if (!is_update(s.a[i]))
            second = i;
        (void)id;
    }
    CHECK(first >= 0 && strcmp(sget(s.a[first], "alert_id"), "A-悦动瑜伽-contract-20261011") == 0,
          "first episode id");
    CHECK(upd >= 0 && strcmp(sget(s.a[upd], "alert_id"), sget(s.a[first], "alert_id")) == 0,
          "growth to five is an update with the same id");
    CHECK(second >= 0 && strcmp(sget(s.a[second], "alert_id"), "A-悦动瑜伽-contract-20261102") == 0,
          "after a quiet period a new episode gets a new id");
    CHECK(count_type(&s, "interview", 1) == 1, "exactly one interview update");
    run_episodes(&r);
    int same = r.n == s.n;
    for (int i = 0; same && i < s.n; i++) {
        char *x = cJSON_PrintUnformatted(s.a[i]), *y = cJSON_PrintUnformatted(r.a[i]);
        same = x && y && strcmp(x, y) == 0;
        free(x);
        free(y);
    }
    CHECK(same, "a replay gives the same alerts, ids and order (%d vs %d)", s.n, r.n);
    sink_clear(&s);
    sink_clear(&r);
}

static void test_emerging(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char key[32], who[32];
    /* Twenty beauty shops, one complaint each, all about safety, in a week. */
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof key, "bg-%d-%d", (int)SECTOR_BEAUTY, i);
        snprintf(who, sizeof who, "s%d", i);
        feed f = {key, SECTOR_BEAUTY, ISSUE_SAFETY, 0, who, 0, 0, 0, NULL, "西城区"};
        put(d, &s, 40 * 24 + 8 * i, &f, NULL);
    }
    CHECK(count_type(&s, "interview", 0) == 0, "one complaint per shop is no merchant cluster");
    CHECK(count_type(&s, "emerging", 0) == 1, "one emerging alert");
    const cJSON *e = NULL;
    for (int i = 0; i < s.n; i++)
        if (strcmp(sget(s.a[i], "type"), "emerging") == 0 && !is_update(s.a[i]))
            e = s.a[i];
    CHECK(e && cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "merchant_key")), "merchant_key is null");
    CHECK(e && strcmp(sget(e, "sector"), "beauty") == 0 && strcmp(sget(e, "issue"), "safety") == 0,
          "names the sector and the issue");
    CHECK(e && nget(e, "merchant_count") >= 4 &&
              cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "merchants")) == nget(e, "merchant_count"),
          "lists the merchants involved");
    CHECK(e && strncmp(sget(e, "alert_id"), "E-beauty-", 9) == 0, "emerging id names the scope");
    CHECK(e && nget(e, "p_value") <= 1e-5 && nget(e, "expected") < nget(e, "count"), "explained by p and expected");
    sink_clear(&s);
    det_free(d);
}

/* One complaint at `hours` against shop `shop`-`n`, from its own
 * complainant (`shop`, day and slot make the name unique). */
static void put_shop(det_ctx *d, sink *s, double hours, const char *shop, int n, int day, int slot, tax_sector sec,
                     tax_issue issue)
{
    char key[32], who[48];
    snprintf(key, sizeof key, "%s-%d", shop, n);
    snprintf(who, sizeof who, "%s%d-%d", shop, day, slot);
    feed f = {key, sec, issue, 0, who, 0, 0, 0, NULL, NULL};
    put(d, s, hours, &f, NULL);
}

/* New merchants' complaints are a priori of the same mix as all: in a
 * sector where safety is a fifth of the complaints but came only from its
 * busy shops, five quiet shops with a safety complaint each in a week are
 * ordinary, not a new problem spreading. */
static void test_emerging_new_mix(void)
{
    sink s = {0};
    det_ctx *d = fresh_days(&s, 0);
    for (int day = 0; day < 47; day++) {
        for (int m = 0; m < 10; m++) /* busy shops: never new */
            put_shop(d, &s, day * 24.0 + 8 + m * 0.5, "busy", m, day, m, SECTOR_FITNESS,
                     (day + m) % 5 == 0 ? ISSUE_SAFETY : ISSUE_CONTRACT);
        for (int m = 0; m < 3; m++) { /* quiet shops, each once a month: new each time */
            int late = day >= 40 && m == 0 && day < 45;
            put_shop(d, &s, day * 24.0 + 15 + m, "quiet", (day * 3 + m) % 90, day, m, SECTOR_FITNESS,
                     late ? ISSUE_SAFETY : ISSUE_CONTRACT);
        }
    }
    CHECK(count_type(&s, "emerging", 0) == 0, "new shops raising an issue at its usual share are no emerging issue (%d)",
          count_type(&s, "emerging", 0));
    sink_clear(&s);
    det_free(d);
}

/* How many of a sector's complaints come from new merchants is the
 * sector's own: a trade of small shops (fitness) has many, a trade of busy
 * shops (electronics) almost none, so the stream-wide share says nothing
 * of either. Fitness draws contract complaints, seven in ten; its quiet
 * shops, new each time, happened to raise none in the baseline and then
 * raise them at the sector's share for a week: ordinary, however few new
 * shops the busy electronics trade has. */
static void test_emerging_new_share(void)
{
    sink s = {0};
    det_ctx *d = fresh_days(&s, 0);
    for (int day = 0; day < 47; day++) {
        for (int m = 0; m < 60; m++) /* busy electronics shops: never new */
            put_shop(d, &s, day * 24.0 + 8 + m * 0.1, "elec", m, day, m, SECTOR_ELECTRONICS, ISSUE_QUALITY);
        for (int m = 0; m < 10; m++) /* busy fitness shops, mostly contract */
            put_shop(d, &s, day * 24.0 + 15 + m * 0.1, "busy", m, day, m, SECTOR_FITNESS,
                     (day + m) % 5 == 0 ? ISSUE_QUALITY : ISSUE_CONTRACT);
        for (int m = 0; m < 3; m++) /* quiet fitness shops, each once a month: new each time */
            put_shop(d, &s, day * 24.0 + 17 + m, "quiet", (day * 3 + m) % 90, day, m, SECTOR_FITNESS,
                     day >= 40 && m < 2 ? ISSUE_CONTRACT : ISSUE_QUALITY);
    }
    CHECK(count_type(&s, "emerging", 0) == 0,
          "new shops of a trade of small shops at the trade's usual mix are no emerging issue (%d)",
          count_type(&s, "emerging", 0));
    sink_clear(&s);
    det_free(d);
}

/* Districts differ in their mix of chains and small shops: in 东城区 the
 * trade's complaints come from busy chain gyms, never new; in 西城区 from
 * small gyms, each complained about once a month, so new every time. That
 * the small gyms happened to raise only quality for a month does not make
 * contract (four fifths of the trade's complaints) rare among them: two of
 * their three a day are no rise, though at the sector's share of new
 * merchants' complaints they would look like one. */
static int new_district(tax_issue later)
{
    sink s = {0};
    det_ctx *d = fresh_days(&s, 0);
    char key[32], who[48];
    for (int day = 0; day < 47; day++) {
        for (int m = 0; m < 30; m++) {
            snprintf(key, sizeof key, "chain-%d", m);
            snprintf(who, sizeof who, "cp-%d-%d", day, m);
            feed f = {key, SECTOR_FITNESS, (day + m) % 5 == 0 ? ISSUE_QUALITY : ISSUE_CONTRACT, 0, who, 0, 0, 0,
                      NULL, "东城区"};
            put(d, &s, day * 24.0 + 8 + m * 0.2, &f, NULL);
        }
        for (int m = 0; m < 3; m++) {
            snprintf(key, sizeof key, "small-%d", (day * 3 + m) % 90);
            snprintf(who, sizeof who, "sp-%d-%d", day, m);
            feed f = {key, SECTOR_FITNESS, day >= 40 && m < 2 ? later : ISSUE_QUALITY, 0, who, 0, 0, 0, NULL,
                      "西城区"};
            put(d, &s, day * 24.0 + 15 + m, &f, NULL);
        }
    }
    int n = count_type(&s, "emerging", 0);
    sink_clear(&s);
    det_free(d);
    return n;
}

static void test_emerging_new_district(void)
{
    int usual = new_district(ISSUE_CONTRACT);
    CHECK(usual == 0, "a district of small shops, new each time, at the trade's usual mix is no emerging issue (%d)",
          usual);
    int rare = new_district(ISSUE_SAFETY);
    CHECK(rare == 1, "the same shops on an issue rare in the trade are one (%d)", rare);
}

static void test_emerging_tag(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char key[32], who[32];
    /* Sixteen beauty shops, one complaint each, issues in their usual mix,
     * but all about elderly customers sold products at "lectures". */
    for (int i = 0; i < 16; i++) {
        snprintf(key, sizeof key, "bg-%d-%d", (int)SECTOR_BEAUTY, i);
        snprintf(who, sizeof who, "o%d", i);
        feed f = {key, SECTOR_BEAUTY, i % 4 == 0 ? ISSUE_QUALITY : ISSUE_CONTRACT, TAG_BIT(TAG_ELDERLY), who, 0, 0, 0,
                  NULL, NULL};
        put(d, &s, 40 * 24 + 9 * i, &f, NULL);
    }
    CHECK(count_type(&s, "emerging", 0) == 1 && count_type(&s, "interview", 0) == 0,
          "a tag rising across shops is one emerging alert (%d)", s.n);
    const cJSON *e = s.n ? s.a[0] : NULL;
    CHECK(e && strcmp(sget(e, "signal"), "tag") == 0 && strcmp(sget(e, "signal_code"), "elderly") == 0,
          "the alert names the tag");
    CHECK(e && strcmp(sget(e, "issue"), "contract") == 0 && strncmp(sget(e, "alert_id"), "E-beauty-", 9) == 0 &&
              strstr(sget(e, "alert_id"), "-elderly-"),
          "with the dominant issue and a tag id");
    const char *dr = e ? sget(e, "draft") : NULL;
    CHECK(dr && strstr(dr, "老年"), "the draft advises elderly consumers");
    sink_clear(&s);
    det_free(d);
}

/* A small region where the issue already brings half the complaints: a
 * burst of it across eleven shops barely moves its share of the region,
 * which the share test cannot tell from noise, but the count is several
 * times what the region's own baseline predicts. The count test sees it;
 * so does the sector's new-merchant test (eleven shops never complained
 * about where the issue's flow comes from twenty regulars): with both off
 * the alert is silenced. *fresh: whether the alert was the new merchants'
 * test's; *hours: its tested window. */
static int region_burst(int count_test, int new_days, int *fresh, double *hours)
{
    sink s = {0};
    qs_err err = {0};
    cJSON *c = cJSON_CreateObject();
    cJSON_AddNumberToObject(c, "emerging_count_test", count_test);
    cJSON_AddNumberToObject(c, "emerging_ewma_days", count_test ? 14 : 0); /* a count test too */
    cJSON_AddNumberToObject(c, "emerging_new_merchant_days", new_days);
    det_ctx *d = det_new(c, &err);
    cJSON_Delete(c);
    seq = 0;
    char key[64], who[64];
    for (int day = 0; day < 40; day++) {
        for (int si = 0; si < 3; si++)
            for (int m = 0; m < 30; m++) {
                if ((m * 7 + day) % 10 != 0)
                    continue;
                snprintf(key, sizeof key, "bg-%d-%d", (int)BG[si], m);
                snprintf(who, sizeof who, "bgp-%d-%d-%d", day, si, m);
                feed f = {key, BG[si], (m + day) % 4 == 0 ? ISSUE_QUALITY : ISSUE_CONTRACT, 0, who, 0, 0, 0, NULL,
                          NULL};
                put(d, &s, day * 24.0 + 9 + (m % 8), &f, NULL);
            }
        if (day % 2 == 0) { /* the region's trickle: half contract, half quality */
            snprintf(key, sizeof key, "dc-%d", day % 20);
            snprintf(who, sizeof who, "dcp-%d", day);
            feed f = {key, SECTOR_BEAUTY, day % 4 == 0 ? ISSUE_CONTRACT : ISSUE_QUALITY, 0, who, 0, 0, 0, NULL, "东城区"};
            put(d, &s, day * 24.0 + 18, &f, NULL);
        }
    }
    for (int i = 0; i < 11; i++) {
        snprintf(key, sizeof key, "dn-%d", i);
        snprintf(who, sizeof who, "dnp-%d", i);
        feed f = {key, SECTOR_BEAUTY, ISSUE_CONTRACT, 0, who, 0, 0, 0, NULL, "东城区"};
        put(d, &s, 40 * 24 + 10 + 5 * i, &f, NULL);
    }
    int n = count_type(&s, "emerging", 0), ok = 1;
    *fresh = -1;
    *hours = 0;
    for (int i = 0; i < s.n; i++)
        if (strcmp(sget(s.a[i], "type"), "emerging") == 0 && !is_update(s.a[i])) {
            const cJSON *w = cJSON_GetObjectItemCaseSensitive(s.a[i], "window");
            ok = ok && sget(s.a[i], "region") && strcmp(sget(s.a[i], "region"), "东城区") == 0;
            *fresh = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "tested_new_merchants"));
            *hours = nget(w, "tested_hours");
        }
    sink_clear(&s);
    det_free(d);
    return ok ? n : -1;
}

static void test_emerging_count(void)
{
    int fresh;
    double hours;
    int with = region_burst(1, 0, &fresh, &hours);
    CHECK(with == 1 && hours == 72 && fresh == 0,
          "a burst in a small region is one emerging alert on the 3-day window (%d, %g h)", with, hours);
    int without = region_burst(0, 0, &fresh, &hours);
    CHECK(without == 0, "the share test alone misses it (%d)", without);
    int by_new = region_burst(0, 14, &fresh, &hours);
    CHECK(by_new == 1 && fresh == 1, "the sector's new-merchant test sees the eleven new shops (%d, %d)", by_new,
          fresh);
    int both = region_burst(1, 14, &fresh, &hours);
    CHECK(both == 1, "with every test on it is still one alert (%d)", both);
}

/* Eight beauty shops, one safety complaint each, `gap` hours apart from day
 * 40 on, while the trade's everyday complaints go on; with `tail` > 0, one
 * more shop complains of safety `tail` days after the last. Returns the
 * emerging alerts (not updates); *hours: the first one's tested window;
 * *listed: whether it lists exactly the complaints it counts, one per shop
 * of the rise. */
static int safety_rise(int long_days, double gap, double tail, double *hours, int *listed)
{
    sink s = {0};
    qs_err err = {0};
    cJSON *c = cJSON_CreateObject();
    cJSON_AddNumberToObject(c, "emerging_long_window_days", long_days);
    det_ctx *d = det_new(c, &err);
    cJSON_Delete(c);
    seq = 0;
    int next = 0, total = tail > 0 ? 9 : 8;
    for (int day = 0; day < 64; day++) {
        background_day(d, &s, BG, 3, day);
        char key[32], who[32];
        for (; next < total; next++) {
            double h = 40 * 24 + 12 + (next < 8 ? gap * next : gap * 7 + tail * 24);
            if (h >= (day + 1) * 24.0)
                break;
            snprintf(key, sizeof key, "rise-%d", next);
            snprintf(who, sizeof who, "rp-%d", next);
            feed f = {key, SECTOR_BEAUTY, ISSUE_SAFETY, 0, who, 0, 0, 0, NULL, NULL};
            put(d, &s, h, &f, NULL);
        }
    }
    int n = count_type(&s, "emerging", 0);
    *hours = 0;
    *listed = 0;
    for (int i = s.n; i-- > 0;)
        if (strcmp(sget(s.a[i], "type"), "emerging") == 0 && !is_update(s.a[i])) {
            *hours = nget(cJSON_GetObjectItemCaseSensitive(s.a[i], "window"), "tested_hours");
            int ids = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(s.a[i], "complaint_ids"));
            *listed = ids >= 5 && ids == nget(s.a[i], "count") && ids == nget(s.a[i], "merchant_count");
        }
    sink_clear(&s);
    det_free(d);
    return n;
}

/* A slow rise, one shop every 42 hours over twelve days: no week ever
 * holds five of its complaints (emerging_min_complainants), so only the
 * two-week window sees it; with that window off, nothing is raised. A
 * burst, a shop every 12 hours, is alerted on the short windows; a shop
 * complaining of the same nine days after its end, past the quiet days
 * that close a merchant's episode, finds the burst still in the two-week
 * window: the same episode, not a second alert (an emerging episode stays
 * open while its complaints are in a window tested). */
static void test_emerging_slow(void)
{
    double hours;
    int listed;
    int with = safety_rise(14, 42, 0, &hours, &listed);
    CHECK(with == 1 && hours == 336 && listed,
          "a slow rise is one emerging alert on the two-week window, listing its shops' complaints (%d, %g h, %d)",
          with, hours, listed);
    int without = safety_rise(0, 42, 0, &hours, &listed);
    CHECK(without == 0, "the week and three days alone never see it (%d)", without);
    int burst = safety_rise(14, 12, 9, &hours, &listed);
    CHECK(burst == 1 && hours < 336, "a burst's tail in the two-week window raises no second alert (%d, %g h)", burst,
          hours);
}

/* A shopping festival: from midnight of day 40 every online shop draws
 * four times its usual complaints, in the usual mix (a fifth quality). By
 * the evening the three-day window holds twice its usual quality
 * complaints, all of the surge; the rest of the sector rose as much within
 * the same hours, so the expectation follows it: no emerging alert, though
 * the whole days before today show no surge yet. With the quality share
 * doubled in the surge (`rise`), it is one. */
static int festival(int rise)
{
    sink s = {0};
    qs_err err = {0};
    cJSON *c = cJSON_CreateObject();
    cJSON_AddNumberToObject(c, "emerging_per_merchant", 4);
    det_ctx *d = det_new(c, &err);
    cJSON_Delete(c);
    seq = 0;
    for (int day = 0; day < 41; day++) {
        int per = day == 40 ? 4 : 1;
        for (int j = 0; j < per; j++)
            for (int m = 0; m < 100; m++) {
                int q = (m + day + j) % 5 == 0 || (rise && day == 40 && (m + day + j) % 5 == 1);
                put_shop(d, &s, day * 24.0 + 8 + 0.1 * m + 0.02 * j, "shop", m, day * 4 + j, m, SECTOR_ECOMMERCE,
                         q ? ISSUE_QUALITY : ISSUE_CONTRACT);
            }
    }
    int n = count_type(&s, "emerging", 0);
    sink_clear(&s);
    det_free(d);
    return n;
}

static void test_emerging_festival(void)
{
    int surge = festival(0);
    CHECK(surge == 0, "a sector's surge on its first day, in its usual mix, is no emerging issue (%d)", surge);
    int rise = festival(1);
    CHECK(rise == 1, "a doubled share within the surge is one (%d)", rise);
}

/* A wave of gym closures, one gym after another: each gym's first two
 * complaints look like single complaints across gyms (the closure tag is new
 * in the sector), but each gym's third opens its own interview, which takes
 * the first two back out of the emerging counts. Five interviews, no
 * emerging alert: each closure is a merchant's cluster. */
static void test_emerging_withdraw(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char key[32], who[32];
    unsigned tg = TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE);
    for (int g = 0; g < 5; g++)
        for (int i = 0; i < 3; i++) {
            snprintf(key, sizeof key, "gym-%d", g);
            snprintf(who, sizeof who, "g%d-%d", g, i);
            feed f = {key, SECTOR_FITNESS, ISSUE_CONTRACT, tg, who, 0, 0, 3800, NULL, NULL};
            put(d, &s, 40 * 24 + 10 + g * 30 + i * 8, &f, NULL);
        }
    CHECK(count_type(&s, "interview", 0) == 5, "one interview per closing gym (%d)", count_type(&s, "interview", 0));
    CHECK(count_type(&s, "emerging", 0) == 0, "the gyms' clusters are no emerging issue (%d)",
          count_type(&s, "emerging", 0));
    sink_clear(&s);
    det_free(d);
}

static void test_draft_no_pii(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    char who[16];
    for (int i = 0; i < 3; i++) {
        snprintf(who, sizeof who, "z%d", i);
        /* An operator typed the owner's name and phone into the merchant. */
        feed f = {"张三小吃", SECTOR_CATERING, ISSUE_FOOD_SAFETY, 0, who, 0, 0, 0,
                  "张三小吃 老板王建国先生 电话13812345678 身份证110101199003071234", NULL};
        put(d, &s, 44 * 24 + 10 + i, &f, NULL);
    }
    const char *dr = NULL;
    for (int i = 0; i < s.n; i++)
        if (strcmp(sget(s.a[i], "type"), "warning") == 0)
            dr = sget(s.a[i], "draft");
    CHECK(dr != NULL, "warning with a draft");
    CHECK(dr && !strstr(dr, "13812345678") && !strstr(dr, "110101199003071234"), "no phone or ID number in the draft");
    CHECK(dr && !strstr(dr, "王建国"), "no person's name in the draft");
    CHECK(dr && strstr(dr, "张三小吃"), "the merchant is still named");
    sink_clear(&s);
    det_free(d);
}

static void test_config(void)
{
    qs_err err = {0};
    cJSON *c = cJSON_Parse("{\"_comment\":\"x\",\"p_max\":1e-6,\"windows_hours\":[24,72],\"min_complainants\":4}");
    det_ctx *d = det_new(c, &err);
    CHECK(d != NULL, "valid detect config accepted");
    det_free(d);
    cJSON_Delete(c);
    c = cJSON_Parse("{\"p_maxx\":1e-6}");
    d = det_new(c, &err);
    CHECK(d == NULL && err.rc == QS_ECONFIG && strstr(err.msg, "p_maxx"), "unknown key rejected: %s", err.msg);
    cJSON_Delete(c);
    c = cJSON_Parse("{\"min_complainants\":\"3\"}");
    d = det_new(c, &err);
    CHECK(d == NULL && err.rc == QS_ECONFIG, "wrong type rejected: %s", err.msg);
    cJSON_Delete(c);
}

static void test_eviction(void)
{
    sink s = {0};
    qs_err err = {0};
    det_ctx *d = det_new(NULL, &err);
    seq = 0;
    background(d, &s, BG, 3, 10);
    det_counters k;
    det_get_counters(d, &k);
    long before = k.merchants;
    det_advance(d, T0 + 100LL * 24 * HOUR_MS, collect, &s, &err);
    det_get_counters(d, &k);
    CHECK(before == 90 && k.merchants == 0 && k.evicted == 90, "quiet merchants evicted after their baseline (%ld, %ld)",
          k.merchants, k.evicted);
    sink_clear(&s);
    det_free(d);
}

/* Complaints naming no merchant, only its trade: counted toward emerging
 * issues of that sector, never as merchants, never toward interviews. */
static qs_rc put_unnamed(det_ctx *d, sink *s, double hours, tax_sector trade, tax_issue issue, const char *who,
                         int pro, char *idbuf)
{
    det_obs o = {
        .region = "西城区",
        .issue = issue,
        .complainant = who,
        .professional = pro,
        .has_text_sector = 1,
        .text_sector = trade,
    };
    return observe_at(d, s, &o, hours, idbuf);
}

static void test_emerging_unnamed(void)
{
    sink s = {0};
    det_ctx *d = fresh(&s);
    det_counters k0, k1;
    det_get_counters(d, &k0);
    char who[32], first[64] = "";
    /* Twenty safety complaints at beauty shops nobody names, one a day or
     * more: no named merchant, so no emerging issue, and no interview. */
    for (int i = 0; i < 20; i++) {
        snprintf(who, sizeof who, "u%d", i);
        put_unnamed(d, &s, 40 * 24 + 8 * i, SECTOR_BEAUTY, ISSUE_SAFETY, who, 0, i ? NULL : first);
    }
    put_unnamed(d, &s, 40 * 24 + 9, SECTOR_BEAUTY, ISSUE_SAFETY, "pro", 1, NULL);
    det_get_counters(d, &k1);
    CHECK(k1.unnamed - k0.unnamed == 20 && k1.counted == k0.counted, "unnamed complaints counted apart, professional not");
    CHECK(s.n == 0, "complaints naming no merchant alone raise nothing");
    /* Four named shops join the rise: an emerging alert that counts the
     * unnamed complaints but lists only the named merchants. */
    char key[32];
    for (int i = 0; i < 4; i++) {
        snprintf(key, sizeof key, "bg-%d-%d", (int)SECTOR_BEAUTY, i);
        snprintf(who, sizeof who, "n%d", i);
        feed f = {key, SECTOR_BEAUTY, ISSUE_SAFETY, 0, who, 0, 0, 0, NULL, "西城区"};
        put(d, &s, 40 * 24 + 120 + 6 * i, &f, NULL);
    }
    const cJSON *e = NULL;
    for (int i = 0; i < s.n; i++)
        if (strcmp(sget(s.a[i], "type"), "emerging") == 0 && !is_update(s.a[i]))
            e = s.a[i];
    CHECK(count_type(&s, "interview", 0) == 0, "no interview");
    CHECK(e && nget(e, "merchant_count") == 4 &&
              cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "merchants")) == 4,
          "only named merchants count and are listed");
    CHECK(e && nget(e, "no_merchant_count") > 0 && nget(e, "count") <= 2 * nget(e, "merchant_count"),
          "unnamed complaints add at most as many as the named ones");
    int has_first = 0;
    const cJSON *id;
    const cJSON *ids = e ? cJSON_GetObjectItemCaseSensitive(e, "complaint_ids") : NULL;
    cJSON_ArrayForEach(id, ids)
    {
        has_first |= strcmp(id->valuestring, first) == 0;
    }
    CHECK(e && has_first, "their ids are in complaint_ids");
    CHECK(e && strstr(sget(e, "draft"), "未指明具体经营者") != NULL, "the draft says how many named no merchant");
    sink_clear(&s);
    det_free(d);
}

int main(void)
{
    const char *why;
    int off;
    clock_parse_rfc3339("2026-09-01T00:00:00+08:00", 25, &T0, &off, &why);
    test_closure();
    test_early_cluster();
    test_food();
    test_late_record();
    test_chain_silent();
    test_chain_issue_burst();
    test_professional_and_duplicates();
    test_episodes_and_replay();
    test_emerging();
    test_emerging_new_mix();
    test_emerging_new_share();
    test_emerging_new_district();
    test_emerging_tag();
    test_emerging_count();
    test_emerging_slow();
    test_emerging_festival();
    test_emerging_withdraw();
    test_emerging_unnamed();
    test_draft_no_pii();
    test_config();
    test_eviction();
    return DONE();
}
