/* test_store.c: the state store on its own: schema creation and the open
 * checks (foreign, corrupt, newer, config changed, second writer), batches
 * that commit or roll back whole, replay order, retention, the queries, and
 * the masked display copy. */
#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "ingest.h"
#include "report.h"
#include "store.h"

static char dir[256];

static store *open_writer(const char *chash, qs_err *err, qs_rc *rc)
{
    store_open_opts o = {0, STORE_SYNC_NORMAL, "test", chash, "m1"};
    store *st = NULL;
    *rc = store_open(dir, &o, &st, err);
    return st;
}

static const char *const lines[] = {
    "{\"id\":\"a1\",\"received_at\":\"2026-11-01T09:00:00+08:00\",\"text\":\"金鼎健身关门，电话13812345678\",\"region\":\"开发区\",\"channel\":\"12315\",\"complainant\":\"p1\",\"amount\":1200}",
    "{\"id\":\"a2\",\"received_at\":\"2026-11-02T09:00:00+08:00\",\"text\":\"金鼎健身不退卡\",\"region\":\"开发区\",\"channel\":\"12345\",\"complainant\":\"p2\"}",
    "{\"id\":\"a3\",\"received_at\":\"2026-11-20T09:00:00+08:00\",\"text\":\"超市卖过期食品\",\"region\":\"高新区\",\"channel\":\"web\"}",
};

static cJSON *complaint_event(const char *id, const char *key, const char *issue)
{
    cJSON *ev = cJSON_CreateObject();
    cJSON_AddStringToObject(ev, "event", "complaint");
    cJSON_AddStringToObject(ev, "id", id);
    if (key) {
        cJSON *m = cJSON_AddObjectToObject(ev, "merchant");
        cJSON_AddStringToObject(m, "name", key);
        cJSON_AddStringToObject(m, "key", key);
        cJSON_AddStringToObject(m, "sector", "fitness");
    } else {
        cJSON_AddNullToObject(ev, "merchant");
    }
    cJSON *is = cJSON_AddObjectToObject(ev, "issue");
    cJSON_AddStringToObject(is, "code", issue);
    cJSON_AddNullToObject(ev, "duplicate_of");
    cJSON_AddFalseToObject(ev, "professional");
    return ev;
}

static cJSON *alert_event(const char *id, int count, const char *end, int update)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "event", "alert");
    cJSON_AddStringToObject(a, "alert_id", id);
    cJSON_AddStringToObject(a, "type", "interview");
    cJSON_AddStringToObject(a, "merchant_key", "金鼎健身");
    cJSON_AddStringToObject(a, "issue", "contract");
    cJSON_AddNumberToObject(a, "count", count);
    cJSON *w = cJSON_AddObjectToObject(a, "window");
    cJSON_AddStringToObject(w, "start", "2026-11-01T09:00:00+08:00");
    cJSON_AddStringToObject(w, "end", end);
    if (update)
        cJSON_AddTrueToObject(a, "update");
    return a;
}

/* Feed the lines as records seq 1..n in one batch. */
static qs_rc put_batch(store *st, int from, int to, qs_err *err)
{
    qs_rc rc = store_begin(st, err);
    for (int i = from; i < to && rc == QS_OK; i++) {
        FILE *f = fmemopen((void *)lines[i], strlen(lines[i]), "r");
        ingest *ing = ingest_open(f, 0, 0, err);
        qs_record rec = {0};
        ingest_reject rej;
        ingest_kind kind;
        rc = ingest_next(ing, &kind, &rec, &rej, err);
        if (rc == QS_OK)
            rc = store_put_record(st, i + 1, &rec, err);
        cJSON *ev = complaint_event(rec.id, i < 2 ? "金鼎健身" : NULL, i < 2 ? "contract" : "food_safety");
        if (rc == QS_OK)
            rc = store_put_event(st, i + 1, rec.t_ms, ev, err);
        cJSON_Delete(ev);
        record_reset(&rec);
        ingest_close(ing);
        fclose(f);
    }
    return rc;
}

static qs_rc count_replay(void *ud, int64_t seq, long line, const char *json, qs_err *err)
{
    (void)line;
    (void)err;
    long *v = ud;
    if (json)
        v[0] = v[0] * 10 + seq;
    else
        v[1]++;
    return QS_OK;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/qunsu-test-store-%ld", (long)getpid());
    qs_err err = {0};
    qs_rc rc;

    store *st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_OK && st, "a new state folder is created (%s)", err.msg);
    store_pos pos;
    CHECK(store_get_pos(st, &pos, &err) == QS_OK && pos.seq == 0 && pos.batches == 0,
          "a new store has committed nothing");
    CHECK_STR(store_meta(st, "config_hash"), "c1", "the config hash is recorded");
    CHECK_STR(store_meta(st, "schema_version"), "1", "the schema version is recorded");

    /* a second writer is refused while the first holds the folder */
    store *st2 = open_writer("c1", &err, &rc);
    CHECK(rc == QS_ESTORE && !st2 && strstr(err.msg, "in use"), "a second writer is refused: %s",
          err.msg);

    /* a batch that is rolled back leaves nothing */
    CHECK(put_batch(st, 0, 2, &err) == QS_OK, "records stored in a batch");
    store_rollback(st);
    int found = 1;
    CHECK(store_has_id(st, "a1", &found, NULL, &err) == QS_OK && !found, "a rolled back record is gone");

    /* a committed batch keeps records, alerts and positions together */
    CHECK(put_batch(st, 0, 2, &err) == QS_OK, "batch 1 stored");
    cJSON *a = alert_event("A-金鼎健身-contract-20261101", 2, "2026-11-02T09:00:00+08:00", 0);
    CHECK(store_put_event(st, 2, 0, a, &err) == QS_OK, "alert stored");
    cJSON_Delete(a);
    pos.seq = 2;
    pos.in_offset = 500;
    pos.in_line = 2;
    pos.out_len = 1234;
    pos.max_t_ms = 1793926800000LL;
    pos.tz_min = 480;
    snprintf(pos.out_path, sizeof pos.out_path, "/tmp/x.out");
    CHECK(store_commit(st, &pos, &err) == QS_OK, "batch 1 committed (%s)", err.msg);
    CHECK(put_batch(st, 2, 3, &err) == QS_OK, "batch 2 stored");
    a = alert_event("A-金鼎健身-contract-20261101", 3, "2026-11-20T09:00:00+08:00", 1);
    CHECK(store_put_event(st, 3, 0, a, &err) == QS_OK, "alert update stored");
    cJSON_Delete(a);
    CHECK(store_put_finish(st, 3, &err) == QS_OK, "end of input stored");
    pos.seq = 3;
    pos.out_len = 2000;
    CHECK(store_commit(st, &pos, &err) == QS_OK, "batch 2 committed");
    store_close(st);

    /* reopen: everything is there */
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_OK, "the store reopens (%s)", err.msg);
    CHECK(store_get_pos(st, &pos, &err) == QS_OK && pos.seq == 3 && pos.out_len == 2000 &&
              pos.in_offset == 500 && pos.batches == 2 && strcmp(pos.out_path, "/tmp/x.out") == 0,
          "the committed position survives a reopen");
    CHECK(store_has_id(st, "a2", &found, NULL, &err) == QS_OK && found, "committed ids are known");
    long order[2] = {0, 0};
    CHECK(store_replay(st, count_replay, order, &err) == QS_OK && order[0] == 123 && order[1] == 1,
          "replay gives the records in seq order and the end of input (%ld, %ld)", order[0],
          order[1]);

    /* queries */
    cJSON *arr = NULL;
    CHECK(store_query_alerts(st, 0, 14, NULL, 0, &arr, &err) == QS_OK && cJSON_GetArraySize(arr) == 1,
          "one alert episode");
    cJSON *a0 = cJSON_GetArrayItem(arr, 0);
    CHECK(a0 && cJSON_GetObjectItem(a0, "updates")->valuedouble == 2 &&
              cJSON_GetObjectItem(a0, "count")->valuedouble == 3,
          "the episode has its update and the latest count");
    CHECK(a0 && cJSON_IsTrue(cJSON_GetObjectItem(a0, "open")), "an alert updated at the newest time is open");
    cJSON_Delete(arr);
    CHECK(store_query_alerts(st, 0, 14, "其他商家", 0, &arr, &err) == QS_OK && cJSON_GetArraySize(arr) == 0,
          "the merchant filter excludes others");
    cJSON_Delete(arr);
    int64_t since;
    CHECK(report_parse_time("2026-11-21", 480, &since) == 0, "a date is a time argument");
    CHECK(store_query_alerts(st, 0, 14, NULL, since, &arr, &err) == QS_OK && cJSON_GetArraySize(arr) == 0,
          "--since after the last update excludes the alert");
    cJSON_Delete(arr);

    cJSON *m = NULL;
    CHECK(store_query_merchant(st, "金鼎健身", &m, &err) == QS_OK && m, "the merchant timeline");
    CHECK(m && cJSON_GetObjectItem(m, "complaints_total")->valuedouble == 2 &&
              cJSON_GetArraySize(cJSON_GetObjectItem(m, "days")) == 2 &&
              cJSON_GetArraySize(cJSON_GetObjectItem(m, "episodes")) == 1,
          "two complaints on two days, one episode");
    const cJSON *recent = m ? cJSON_GetObjectItem(m, "recent") : NULL;
    const cJSON *r1 = cJSON_GetArrayItem(recent, 1);
    const cJSON *txt = r1 ? cJSON_GetObjectItem(r1, "text") : NULL;
    CHECK(cJSON_GetArraySize(recent) == 2 && cJSON_IsString(txt) && strstr(txt->valuestring, "金鼎健身") &&
              !strstr(txt->valuestring, "12345678"),
          "recent complaints are shown with the phone number masked: %s",
          cJSON_IsString(txt) ? txt->valuestring : "?");
    cJSON_Delete(m);
    CHECK(store_query_merchant(st, "无此商家", &m, &err) == QS_OK && !m, "an unknown key gives nothing");

    int64_t from, to;
    report_parse_time("2026-11-01", 480, &from);
    report_parse_time("2026-12-01", 480, &to);
    cJSON *agg = NULL;
    CHECK(store_query_report(st, from, to, 5, &agg, &err) == QS_OK && agg, "report aggregates");
    const cJSON *tot = cJSON_GetArrayItem(cJSON_GetObjectItem(agg, "totals"), 0);
    CHECK(tot && cJSON_GetObjectItem(tot, "complaints")->valuedouble == 3, "three complaints counted");
    char *rep = NULL;
    size_t rep_len = 0;
    FILE *mf = open_memstream(&rep, &rep_len);
    CHECK(report_write(mf, agg, REPORT_MD, from, to, 480, &err) == QS_OK, "markdown report written");
    fclose(mf);
    CHECK(rep && strstr(rep, "统计分析通报") && strstr(rep, "按属地分布") && strstr(rep, "金鼎健身"),
          "the report has its Chinese headings and the top merchant");
    CHECK(rep && !strstr(rep, "13812345678") && !strstr(rep, "p1"), "the report holds no personal data");
    free(rep);
    cJSON_Delete(agg);

    /* retention drops old records, keeps alerts */
    long long removed = 0;
    CHECK(store_begin(st, &err) == QS_OK && store_prune(st, to - 12 * 86400000LL, &removed, &err) == QS_OK &&
              store_commit(st, &pos, &err) == QS_OK && removed == 2,
          "records before the horizon are removed (%lld)", removed);
    CHECK(store_query_alerts(st, 0, 14, NULL, 0, &arr, &err) == QS_OK && cJSON_GetArraySize(arr) == 1,
          "alerts outlive the records");
    cJSON_Delete(arr);
    store_close(st);

    /* the config changed under the state */
    st = open_writer("c2", &err, &rc);
    CHECK(rc == QS_EDATA && !st && strstr(err.msg, "config changed"), "a changed config is refused: %s",
          err.msg);

    /* a newer schema */
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, STORE_DB_NAME);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db, "PRAGMA user_version = 99", -1, &s, NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    sqlite3_close(db);
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_EDATA && !st && strstr(err.msg, "newer"), "a newer schema is refused: %s", err.msg);
    store_open_opts ro = {.readonly = 1};
    CHECK(store_open(dir, &ro, &st, &err) == QS_EDATA && !st, "readers refuse it too");

    /* a foreign SQLite database */
    unlink(path);
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "CREATE TABLE t(x)", -1, &s, NULL);
    sqlite3_step(s);
    sqlite3_finalize(s);
    sqlite3_close(db);
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_EDATA && !st && strstr(err.msg, "another application"), "a foreign database is refused: %s",
          err.msg);
    sqlite3_open(path, &db);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL);
    CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1, "and left as it was");
    sqlite3_finalize(s);
    sqlite3_close(db);

    /* not SQLite at all */
    const char *text = "this is not a database, just some text of a different program\n";
    write_file(path, text, strlen(text));
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_EDATA && !st && strstr(err.msg, "not a qunsu state"), "a non-database file is refused: %s",
          err.msg);

    /* a damaged database: valid header, pages overwritten */
    unlink(path);
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_OK, "a fresh store");
    CHECK(put_batch(st, 0, 3, &err) == QS_OK && store_commit(st, &pos, &err) == QS_OK, "with data");
    store_close(st);
    {
        char wal[600];
        snprintf(wal, sizeof wal, "%s-wal", path);
        unlink(wal); /* closed cleanly: the WAL is checkpointed */
        FILE *f = fopen(path, "r+b");
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        char junk[4096];
        memset(junk, 0x5a, sizeof junk);
        for (long off = 4096; off < size; off += 4096) {
            fseek(f, off, SEEK_SET);
            fwrite(junk, 1, sizeof junk, f);
        }
        fclose(f);
    }
    st = open_writer("c1", &err, &rc);
    CHECK(rc == QS_EDATA && !st && strstr(err.msg, "corrupt"), "a corrupt database is refused: %s", err.msg);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "cleanup");
    return DONE();
}
