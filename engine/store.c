/* store.c: the SQLite state store (see store.h). Owns the schema and its
 * migrations, the open-time checks, the batch transaction and the read
 * queries. Every statement is prepared; values are always bound. */
#include "store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "pii.h"

/* "quns" as the database header's application_id: a foreign SQLite file is
 * recognised before anything is written to it. */
#define STORE_APP_ID 0x71756e73

/* Migrations: step i brings user_version i to i+1. The list only grows. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
    /* 0 -> 1: the first schema */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE progress(k INTEGER PRIMARY KEY CHECK (k = 0),"
    " seq INTEGER NOT NULL, in_offset INTEGER NOT NULL, in_line INTEGER NOT NULL,"
    " in_fingerprint TEXT NOT NULL, out_path TEXT NOT NULL, out_len INTEGER NOT NULL,"
    " max_t_ms INTEGER NOT NULL, tz_min INTEGER NOT NULL, batches INTEGER NOT NULL);"
    "INSERT INTO progress VALUES(0, 0, 0, 0, '', '', 0, 0, 0, 0);"
    /* the event log: one row per accepted record, in the order fed */
    /* ids are unique only within the reader's id horizon: an id seen again
     * after it is forgotten is a new record, as in a run without state */
    "CREATE TABLE complaint(seq INTEGER PRIMARY KEY, id TEXT NOT NULL,"
    " line INTEGER NOT NULL, t_ms INTEGER NOT NULL, day TEXT NOT NULL,"
    " received_at TEXT NOT NULL, channel TEXT, kind TEXT NOT NULL, region TEXT,"
    " complainant TEXT, amount REAL, merchant_key TEXT, merchant_name TEXT, sector TEXT,"
    " issue TEXT, tags TEXT, duplicate_of TEXT, professional INTEGER NOT NULL,"
    " text_masked TEXT NOT NULL, input TEXT NOT NULL);"
    "CREATE INDEX complaint_by_id ON complaint(id);"
    "CREATE INDEX complaint_by_time ON complaint(t_ms);"
    "CREATE INDEX complaint_by_merchant ON complaint(merchant_key, t_ms);"
    "CREATE TABLE merchant(key TEXT PRIMARY KEY, name TEXT NOT NULL, sector TEXT,"
    " complaints INTEGER NOT NULL, first_t_ms INTEGER NOT NULL, last_t_ms INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE merchant_alias(key TEXT NOT NULL, alias TEXT NOT NULL, n INTEGER NOT NULL,"
    " PRIMARY KEY (key, alias)) WITHOUT ROWID;"
    "CREATE TABLE complainant(id TEXT PRIMARY KEY, complaints INTEGER NOT NULL,"
    " professional INTEGER NOT NULL, first_t_ms INTEGER NOT NULL, last_t_ms INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE alert(alert_id TEXT PRIMARY KEY, type TEXT NOT NULL, merchant_key TEXT,"
    " issue TEXT, sector TEXT, region TEXT, first_seq INTEGER NOT NULL,"
    " first_t_ms INTEGER NOT NULL, last_t_ms INTEGER NOT NULL, updates INTEGER NOT NULL,"
    " count INTEGER, json TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX alert_by_merchant ON alert(merchant_key, last_t_ms);"
    "CREATE INDEX alert_by_time ON alert(last_t_ms);"
    "CREATE TABLE alert_update(alert_id TEXT NOT NULL, n INTEGER NOT NULL,"
    " seq INTEGER NOT NULL, t_ms INTEGER NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY (alert_id, n)) WITHOUT ROWID;"
    "CREATE TABLE reject(line INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT,"
    " error TEXT NOT NULL);"
    "CREATE INDEX reject_by_line ON reject(line);"
    "CREATE TABLE finish(seq INTEGER PRIMARY KEY);",
};

enum {
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_INS_COMPLAINT, Q_UP_MERCHANT, Q_UP_ALIAS, Q_UP_COMPLAINANT,
    Q_SEL_ALERT, Q_INS_ALERT, Q_UPD_ALERT, Q_INS_ALERT_UPDATE,
    Q_UPD_COMPLAINT, Q_INS_FINISH,
    Q_INS_REJECT, Q_HAS_ID, Q_HAS_REJECT, Q_UPD_PROGRESS, Q_SEL_PROGRESS,
    Q_N
};

static const char *const writer_sql[Q_N] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_INS_COMPLAINT] =
        "INSERT INTO complaint(seq, id, line, t_ms, day, received_at, channel, kind, region,"
        " complainant, amount, professional, text_masked, input)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13)",
    [Q_UPD_COMPLAINT] =
        "UPDATE complaint SET merchant_key = ?2, merchant_name = ?3, sector = ?4, issue = ?5,"
        " tags = ?6, duplicate_of = ?7, professional = ?8"
        " WHERE seq = (SELECT max(seq) FROM complaint WHERE id = ?1)"
        " RETURNING t_ms, complainant",
    [Q_INS_FINISH] = "INSERT OR IGNORE INTO finish(seq) VALUES(?1)",
    [Q_UP_MERCHANT] =
        "INSERT INTO merchant(key, name, sector, complaints, first_t_ms, last_t_ms)"
        " VALUES(?1, ?2, ?3, 1, ?4, ?4) ON CONFLICT(key) DO UPDATE SET"
        " complaints = complaints + 1, sector = coalesce(excluded.sector, sector),"
        " first_t_ms = min(first_t_ms, excluded.first_t_ms),"
        " last_t_ms = max(last_t_ms, excluded.last_t_ms)",
    [Q_UP_ALIAS] =
        "INSERT INTO merchant_alias(key, alias, n) VALUES(?1, ?2, 1)"
        " ON CONFLICT(key, alias) DO UPDATE SET n = n + 1",
    [Q_UP_COMPLAINANT] =
        "INSERT INTO complainant(id, complaints, professional, first_t_ms, last_t_ms)"
        " VALUES(?1, 1, ?2, ?3, ?3) ON CONFLICT(id) DO UPDATE SET"
        " complaints = complaints + 1, professional = max(professional, excluded.professional),"
        " first_t_ms = min(first_t_ms, excluded.first_t_ms),"
        " last_t_ms = max(last_t_ms, excluded.last_t_ms)",
    [Q_SEL_ALERT] = "SELECT updates FROM alert WHERE alert_id = ?1",
    [Q_INS_ALERT] =
        "INSERT INTO alert(alert_id, type, merchant_key, issue, sector, region, first_seq,"
        " first_t_ms, last_t_ms, updates, count, json)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1, ?9, ?10)",
    [Q_UPD_ALERT] =
        "UPDATE alert SET last_t_ms = max(last_t_ms, ?2), updates = updates + 1, count = ?3,"
        " json = ?4 WHERE alert_id = ?1",
    [Q_INS_ALERT_UPDATE] =
        "INSERT INTO alert_update(alert_id, n, seq, t_ms, json) VALUES(?1, ?2, ?3, ?4, ?5)",
    [Q_INS_REJECT] = "INSERT INTO reject(line, seq, id, error) VALUES(?1, ?2, ?3, ?4)",
    [Q_HAS_ID] = "SELECT t_ms FROM complaint WHERE id = ?1 ORDER BY seq DESC LIMIT 1",
    [Q_HAS_REJECT] = "SELECT 1 FROM reject WHERE line = ?1 AND error = ?2",
    [Q_UPD_PROGRESS] =
        "UPDATE progress SET seq = ?1, in_offset = ?2, in_line = ?3, in_fingerprint = ?4,"
        " out_path = ?5, out_len = ?6, max_t_ms = ?7, tz_min = ?8, batches = batches + 1"
        " WHERE k = 0",
    [Q_SEL_PROGRESS] =
        "SELECT seq, in_offset, in_line, in_fingerprint, out_path, out_len, max_t_ms, tz_min,"
        " batches FROM progress WHERE k = 0",
};

#define META_MAX 8

struct store {
    sqlite3 *db;
    char *dir;
    int readonly;
    int lock_fd;
    int in_batch;
    int64_t batch_seq; /* last seq put in this batch, for rejects */
    sqlite3_stmt *q[Q_N];
    char *meta_key[META_MAX], *meta_val[META_MAX];
    int n_meta;
    char notice[256];
};

/* ---- small helpers ---- */

static qs_rc db_fail(store *st, qs_err *err, int rc, const char *what)
{
    int base = rc & 0xff;
    if (base == SQLITE_FULL)
        return qs_fail(err, QS_ESTORE, "disk full while %s in the state folder %s", what, st->dir);
    if (base == SQLITE_READONLY)
        return qs_fail(err, QS_ESTORE, "state folder %s is read-only (%s)", st->dir, what);
    if (base == SQLITE_CORRUPT || base == SQLITE_NOTADB)
        return qs_fail(err, QS_EDATA, "state database in %s is corrupt (%s: %s)", st->dir, what,
                       sqlite3_errstr(rc));
    if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
        return qs_fail(err, QS_ESTORE, "state database in %s is busy (%s)", st->dir, what);
    return qs_fail(err, QS_ESTORE, "state database in %s: %s while %s", st->dir,
                   st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc), what);
}

/* Run a fixed SQL script (no values) statement by statement. */
static int run_script(sqlite3 *db, const char *sql)
{
    while (sql && *sql) {
        sqlite3_stmt *stmt = NULL;
        const char *tail = NULL;
        int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, &tail);
        if (rc != SQLITE_OK)
            return rc;
        if (stmt) {
            while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
                ;
            sqlite3_finalize(stmt);
            if (rc != SQLITE_DONE)
                return rc;
        }
        sql = tail;
    }
    return SQLITE_OK;
}

/* A one-value query: the first column of the first row as an integer. */
static int query_int(sqlite3 *db, const char *sql, long long *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(stmt, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(stmt);
    return rc;
}

static int bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}

/* Step a write statement to completion and reset it. */
static int step_done(sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : NULL;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---- open ---- */

static qs_rc probe_writable(const char *dir, qs_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.probe-%ld", dir, (long)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        int e = errno;
        if (e == EROFS || e == EACCES || e == EPERM)
            return qs_fail(err, QS_ESTORE, "state folder %s is not writable: %s", dir, strerror(e));
        if (e == ENOSPC)
            return qs_fail(err, QS_ESTORE, "state folder %s: disk full", dir);
        return qs_fail(err, QS_ESTORE, "state folder %s: %s", dir, strerror(e));
    }
    int bad = write(fd, "x", 1) != 1;
    int e = errno;
    close(fd);
    unlink(path);
    if (bad)
        return qs_fail(err, QS_ESTORE, "state folder %s: cannot write: %s", dir,
                       e == ENOSPC ? "disk full" : strerror(e));
    return QS_OK;
}

/* The file must be empty or start with SQLite's header string: anything else
 * is not ours, and SQLite would only say "file is not a database". */
static qs_rc check_header(const char *path, int *exists, qs_err *err)
{
    *exists = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return QS_OK;
        return qs_fail(err, QS_ESTORE, "cannot read %s: %s", path, strerror(errno));
    }
    char head[16];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 0)
        return QS_OK; /* an empty file (created and never written) */
    *exists = 1;
    if (n < sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
        return qs_fail(err, QS_EDATA,
                       "%s is not a qunsu state database (not SQLite: corrupt or foreign file); "
                       "move it away or use another --state folder",
                       path);
    return QS_OK;
}

static qs_rc load_meta(store *st, qs_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT key, value FROM meta ORDER BY key", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "reading the metadata");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && st->n_meta < META_MAX) {
        const char *k = col_text(s, 0), *v = col_text(s, 1);
        st->meta_key[st->n_meta] = xstrdup(k ? k : "");
        st->meta_val[st->n_meta] = xstrdup(v ? v : "");
        if (!st->meta_key[st->n_meta] || !st->meta_val[st->n_meta]) {
            free(st->meta_key[st->n_meta]);
            free(st->meta_val[st->n_meta]);
            sqlite3_finalize(s);
            return qs_fail(err, QS_ENOMEM, "out of memory reading the metadata");
        }
        st->n_meta++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, err, rc, "reading the metadata");
    return QS_OK;
}

const char *store_meta(store *st, const char *key)
{
    for (int i = 0; i < st->n_meta; i++)
        if (strcmp(st->meta_key[i], key) == 0)
            return st->meta_val[i];
    return NULL;
}

const char *store_notice(const store *st)
{
    return st->notice[0] ? st->notice : NULL;
}

static int put_meta(sqlite3 *db, const char *key, const char *value)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        db, "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        -1, &s, NULL);
    if (rc != SQLITE_OK)
        return rc;
    bind_text(s, 1, key);
    bind_text(s, 2, value ? value : "");
    rc = step_done(s);
    sqlite3_finalize(s);
    return rc;
}

/* Bring the schema from version `from` to the current one, in one
 * transaction with the header fields, so a crash leaves the old version. */
static qs_rc migrate(store *st, long long from, const store_open_opts *opt, qs_err *err)
{
    int rc = run_script(st->db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "starting the schema migration");
    for (long long v = from; v < STORE_SCHEMA_VERSION && rc == SQLITE_OK; v++)
        rc = run_script(st->db, migrations[v]);
    if (rc == SQLITE_OK && from == 0) {
        char now[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
        rc = put_meta(st->db, "created_at", now);
        if (rc == SQLITE_OK)
            rc = put_meta(st->db, "config_hash", opt->config_hash);
        if (rc == SQLITE_OK)
            rc = put_meta(st->db, "model_hash", opt->model_hash);
    }
    if (rc == SQLITE_OK) {
        char ver[16];
        snprintf(ver, sizeof ver, "%d", STORE_SCHEMA_VERSION);
        rc = put_meta(st->db, "schema_version", ver);
    }
    if (rc == SQLITE_OK)
        rc = put_meta(st->db, "engine_version", opt->engine_version);
    /* PRAGMA takes no bound values; both numbers are compile-time constants */
    if (rc == SQLITE_OK)
        rc = run_script(st->db, "PRAGMA application_id = 1903521395");
    if (rc == SQLITE_OK) {
        static const char *const set_version[] = {"PRAGMA user_version = 1"};
        _Static_assert(sizeof set_version / sizeof set_version[0] == STORE_SCHEMA_VERSION,
                       "one user_version statement per schema version");
        rc = run_script(st->db, set_version[STORE_SCHEMA_VERSION - 1]);
    }
    if (rc == SQLITE_OK)
        rc = run_script(st->db, "COMMIT");
    if (rc != SQLITE_OK) {
        qs_rc r = db_fail(st, err, rc, "creating or migrating the schema");
        run_script(st->db, "ROLLBACK");
        return r;
    }
    return QS_OK;
}

static qs_rc check_db(store *st, qs_err *err)
{
    long long app = 0, ver = 0, n_obj = 0;
    int rc = query_int(st->db, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = query_int(st->db, "PRAGMA user_version", &ver);
    if (rc == SQLITE_OK)
        rc = query_int(st->db, "SELECT count(*) FROM sqlite_master", &n_obj);
    if (rc != SQLITE_OK) {
        if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
            return qs_fail(err, QS_EDATA,
                           "state database in %s is corrupt (%s); restore it from a backup or "
                           "use another --state folder",
                           st->dir, sqlite3_errstr(rc));
        return db_fail(st, err, rc, "reading the database header");
    }
    if (app == 0 && ver == 0 && n_obj == 0) {
        if (st->readonly)
            return qs_fail(err, QS_ESTORE, "no qunsu state in %s (run `qunsu run --state %s` first)",
                           st->dir, st->dir);
        return QS_OK; /* new: created by migrate() */
    }
    if (app != STORE_APP_ID)
        return qs_fail(err, QS_EDATA,
                       "%s/%s is an SQLite database of another application (application_id %lld); "
                       "use another --state folder",
                       st->dir, STORE_DB_NAME, app);
    if (ver > STORE_SCHEMA_VERSION)
        return qs_fail(err, QS_EDATA,
                       "state in %s was written by a newer qunsu (schema %lld, this engine "
                       "reads up to %d); upgrade qunsu",
                       st->dir, ver, STORE_SCHEMA_VERSION);
    char *res = NULL;
    sqlite3_stmt *s = NULL;
    rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = col_text(s, 0);
        res = xstrdup(t ? t : "");
        for (char *p = res; p && *p; p++)
            if (*p == '\n')
                *p = ' ';
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK || !res || strcmp(res, "ok") != 0) {
        qs_rc r = qs_fail(err, QS_EDATA,
                          "state database in %s is corrupt (%s); restore it from a backup or use "
                          "another --state folder",
                          st->dir, res ? res : sqlite3_errstr(rc));
        free(res);
        return r;
    }
    free(res);
    if (ver < STORE_SCHEMA_VERSION && st->readonly)
        return qs_fail(err, QS_EDATA,
                       "state in %s has the older schema %lld; run `qunsu run --state` once to "
                       "migrate it",
                       st->dir, ver);
    return QS_OK;
}

qs_rc store_open(const char *dir, const store_open_opts *opt, store **out, qs_err *err)
{
    static const store_open_opts defaults = {0};
    if (!opt)
        opt = &defaults;
    *out = NULL;
    store *st = calloc(1, sizeof *st);
    if (!st || !(st->dir = xstrdup(dir))) {
        free(st);
        return qs_fail(err, QS_ENOMEM, "out of memory opening the state");
    }
    st->lock_fd = -1;
    st->readonly = opt->readonly;
    qs_rc r = QS_OK;
    char path[4096];
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (errno == ENOENT && st->readonly) {
            r = qs_fail(err, QS_ESTORE, "no qunsu state in %s (the folder does not exist)", dir);
            goto fail;
        }
        if (errno != ENOENT) {
            r = qs_fail(err, QS_ESTORE, "state folder %s: %s", dir, strerror(errno));
            goto fail;
        }
        if (mkdir(dir, 0777) != 0) {
            r = qs_fail(err, QS_ESTORE, "cannot create the state folder %s: %s", dir,
                        strerror(errno));
            goto fail;
        }
    } else if (!S_ISDIR(sb.st_mode)) {
        r = qs_fail(err, QS_ESTORE, "state folder %s is not a folder", dir);
        goto fail;
    }
    if (!st->readonly) {
        if ((r = probe_writable(dir, err)) != QS_OK)
            goto fail;
        snprintf(path, sizeof path, "%s/qunsu.lock", dir);
        st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (st->lock_fd < 0) {
            r = qs_fail(err, QS_ESTORE, "cannot open %s: %s", path, strerror(errno));
            goto fail;
        }
        if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
            r = qs_fail(err, QS_ESTORE, "state folder %s is in use by another qunsu run", dir);
            goto fail;
        }
    }
    snprintf(path, sizeof path, "%s/%s", dir, STORE_DB_NAME);
    int existed;
    if ((r = check_header(path, &existed, err)) != QS_OK)
        goto fail;
    if (st->readonly && !existed) {
        r = qs_fail(err, QS_ESTORE, "no qunsu state in %s (run `qunsu run --state %s` first)", dir,
                    dir);
        goto fail;
    }
    int flags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    char uri[4096 * 3 + 32];
    const char *name = path;
    if (st->readonly && access(dir, W_OK) != 0) {
        /* a folder nobody can write (read-only medium, a copy for analysts):
         * WAL readers cannot create their shared-memory file there, and no
         * writer can change the database under us, so open it immutable */
        size_t u = (size_t)snprintf(uri, sizeof uri, "file:");
        for (const unsigned char *p = (const unsigned char *)path; *p; p++)
            u += (size_t)snprintf(uri + u, sizeof uri - u,
                                  (*p == '%' || *p == '?' || *p == '#' || *p <= ' ') ? "%%%02X" : "%c",
                                  *p);
        snprintf(uri + u, sizeof uri - u, "?immutable=1");
        name = uri;
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        r = db_fail(st, err, rc, "opening the database");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    if ((r = check_db(st, err)) != QS_OK)
        goto fail;
    if (!st->readonly) {
        /* WAL only after the checks: a foreign file is never modified */
        rc = run_script(st->db, "PRAGMA journal_mode = WAL");
        if (rc == SQLITE_OK)
            rc = run_script(st->db, opt->sync == STORE_SYNC_FULL ? "PRAGMA synchronous = FULL"
                                                                 : "PRAGMA synchronous = NORMAL");
        if (rc != SQLITE_OK) {
            r = db_fail(st, err, rc, "setting WAL mode");
            goto fail;
        }
        long long ver = 0;
        rc = query_int(st->db, "PRAGMA user_version", &ver);
        if (rc != SQLITE_OK) {
            r = db_fail(st, err, rc, "reading the schema version");
            goto fail;
        }
        if (ver < STORE_SCHEMA_VERSION && (r = migrate(st, ver, opt, err)) != QS_OK)
            goto fail;
    }
    if ((r = load_meta(st, err)) != QS_OK)
        goto fail;
    if (!st->readonly) {
        const char *ch = store_meta(st, "config_hash");
        if (ch && opt->config_hash && strcmp(ch, opt->config_hash) != 0) {
            r = qs_fail(err, QS_EDATA,
                        "the config changed since the state in %s was written (config hash %s, "
                        "now %s): the stored alerts were decided under the old one. Run with the "
                        "old config, or start a new --state folder",
                        dir, ch, opt->config_hash);
            goto fail;
        }
        const char *mh = store_meta(st, "model_hash");
        if (mh && opt->model_hash && strcmp(mh, opt->model_hash) != 0) {
            snprintf(st->notice, sizeof st->notice,
                     "dictionaries or models changed since the state was written (%s, now %s); "
                     "continuing with the new ones",
                     mh, opt->model_hash);
            rc = put_meta(st->db, "model_hash", opt->model_hash);
            if (rc == SQLITE_OK && opt->engine_version)
                rc = put_meta(st->db, "engine_version", opt->engine_version);
            if (rc != SQLITE_OK) {
                r = db_fail(st, err, rc, "recording the model hash");
                goto fail;
            }
        } else if (opt->engine_version) {
            const char *ev = store_meta(st, "engine_version");
            if (!ev || strcmp(ev, opt->engine_version) != 0) {
                rc = put_meta(st->db, "engine_version", opt->engine_version);
                if (rc != SQLITE_OK) {
                    r = db_fail(st, err, rc, "recording the engine version");
                    goto fail;
                }
            }
        }
        for (int i = 0; i < Q_N; i++) {
            rc = sqlite3_prepare_v3(st->db, writer_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->q[i], NULL);
            if (rc != SQLITE_OK) {
                r = db_fail(st, err, rc, "preparing statements");
                goto fail;
            }
        }
    } else {
        int rc2 = sqlite3_prepare_v3(st->db, writer_sql[Q_SEL_PROGRESS], -1, 0,
                                     &st->q[Q_SEL_PROGRESS], NULL);
        if (rc2 != SQLITE_OK) {
            r = db_fail(st, err, rc2, "preparing statements");
            goto fail;
        }
    }
    *out = st;
    return QS_OK;
fail:
    store_close(st);
    return r;
}

void store_close(store *st)
{
    if (!st)
        return;
    if (st->in_batch)
        store_rollback(st);
    for (int i = 0; i < Q_N; i++)
        sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    for (int i = 0; i < st->n_meta; i++) {
        free(st->meta_key[i]);
        free(st->meta_val[i]);
    }
    if (st->lock_fd >= 0)
        close(st->lock_fd); /* releases the flock */
    free(st->dir);
    free(st);
}

/* ---- progress and batches ---- */

qs_rc store_get_pos(store *st, store_pos *pos, qs_err *err)
{
    memset(pos, 0, sizeof *pos);
    sqlite3_stmt *s = st->q[Q_SEL_PROGRESS];
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        pos->seq = sqlite3_column_int64(s, 0);
        pos->in_offset = sqlite3_column_int64(s, 1);
        pos->in_line = (long)sqlite3_column_int64(s, 2);
        snprintf(pos->in_fingerprint, sizeof pos->in_fingerprint, "%s",
                 col_text(s, 3) ? col_text(s, 3) : "");
        snprintf(pos->out_path, sizeof pos->out_path, "%s", col_text(s, 4) ? col_text(s, 4) : "");
        pos->out_len = sqlite3_column_int64(s, 5);
        pos->max_t_ms = sqlite3_column_int64(s, 6);
        pos->tz_min = (int)sqlite3_column_int64(s, 7);
        pos->batches = sqlite3_column_int64(s, 8);
        rc = SQLITE_OK;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "reading the progress");
    return QS_OK;
}

qs_rc store_begin(store *st, qs_err *err)
{
    if (st->readonly)
        return qs_fail(err, QS_EINVAL, "state opened read-only");
    int rc = step_done(st->q[Q_BEGIN]);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "starting a batch");
    st->in_batch = 1;
    return QS_OK;
}

void store_rollback(store *st)
{
    if (st->in_batch)
        step_done(st->q[Q_ROLLBACK]);
    st->in_batch = 0;
}

qs_rc store_commit(store *st, const store_pos *pos, qs_err *err)
{
    sqlite3_stmt *s = st->q[Q_UPD_PROGRESS];
    sqlite3_bind_int64(s, 1, pos->seq);
    sqlite3_bind_int64(s, 2, pos->in_offset);
    sqlite3_bind_int64(s, 3, pos->in_line);
    bind_text(s, 4, pos->in_fingerprint);
    bind_text(s, 5, pos->out_path);
    sqlite3_bind_int64(s, 6, pos->out_len);
    sqlite3_bind_int64(s, 7, pos->max_t_ms);
    sqlite3_bind_int64(s, 8, pos->tz_min);
    int rc = step_done(s);
    if (rc == SQLITE_OK)
        rc = step_done(st->q[Q_COMMIT]);
    if (rc != SQLITE_OK) {
        qs_rc r = db_fail(st, err, rc, "committing a batch");
        store_rollback(st);
        return r;
    }
    st->in_batch = 0;
    return QS_OK;
}

static const char *json_str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

qs_rc store_put_record(store *st, int64_t seq, const qs_record *rec, qs_err *err)
{
    char day[16], full[40];
    int64_t d = clock_local_day(rec->t_ms, rec->tz_min);
    clock_format(d * CLOCK_MS_PER_DAY, 0, full, sizeof full);
    snprintf(day, sizeof day, "%.10s", full);
    char *masked = NULL;
    qs_rc r = pii_mask(rec->text, strlen(rec->text), &masked, err);
    if (r != QS_OK)
        return r;
    char *input = cJSON_PrintUnformatted(rec->json);
    if (!input) {
        free(masked);
        return qs_fail(err, QS_ENOMEM, "out of memory storing record %s", rec->id);
    }
    sqlite3_stmt *s = st->q[Q_INS_COMPLAINT];
    sqlite3_bind_int64(s, 1, seq);
    bind_text(s, 2, rec->id);
    sqlite3_bind_int64(s, 3, rec->line);
    sqlite3_bind_int64(s, 4, rec->t_ms);
    bind_text(s, 5, day);
    bind_text(s, 6, rec->received_at);
    bind_text(s, 7, rec->channel);
    bind_text(s, 8, rec->kind ? rec->kind : "complaint");
    bind_text(s, 9, rec->region);
    bind_text(s, 10, rec->complainant);
    if (rec->has_amount)
        sqlite3_bind_double(s, 11, rec->amount);
    else
        sqlite3_bind_null(s, 11);
    sqlite3_bind_text(s, 12, masked, -1, free);
    sqlite3_bind_text(s, 13, input, -1, cJSON_free);
    int rc = step_done(s);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "storing a record");
    st->batch_seq = seq;
    return QS_OK;
}

/* A `complaint` event: the extracted fields of its record, then the merchant,
 * alias and complainant history. */
static qs_rc put_complaint_event(store *st, const cJSON *ev, qs_err *err)
{
    const char *id = json_str(ev, "id");
    if (!id)
        return qs_fail(err, QS_EINVAL, "complaint event without id");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(ev, "merchant");
    const cJSON *is = cJSON_GetObjectItemCaseSensitive(ev, "issue");
    const char *mkey = cJSON_IsObject(m) ? json_str(m, "key") : NULL;
    const char *mname = cJSON_IsObject(m) ? json_str(m, "name") : NULL;
    const char *sector = cJSON_IsObject(m) ? json_str(m, "sector") : NULL;
    const char *issue = cJSON_IsObject(is) ? json_str(is, "code") : NULL;
    const char *dup = json_str(ev, "duplicate_of");
    int prof = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ev, "professional"));
    char tags[256] = "";
    const cJSON *tv = cJSON_IsObject(is) ? cJSON_GetObjectItemCaseSensitive(is, "tags") : NULL;
    const cJSON *t;
    size_t tl = 0;
    cJSON_ArrayForEach(t, tv)
    {
        if (cJSON_IsString(t) && tl + strlen(t->valuestring) + 2 < sizeof tags)
            tl += (size_t)snprintf(tags + tl, sizeof tags - tl, "%s%s", tl ? "," : "",
                                   t->valuestring);
    }
    sqlite3_stmt *s = st->q[Q_UPD_COMPLAINT];
    bind_text(s, 1, id);
    bind_text(s, 2, mkey);
    bind_text(s, 3, mname);
    bind_text(s, 4, sector);
    bind_text(s, 5, issue);
    bind_text(s, 6, tl ? tags : NULL);
    bind_text(s, 7, dup);
    sqlite3_bind_int(s, 8, prof);
    int rc = sqlite3_step(s);
    int64_t t_ms = 0;
    char *complainant = NULL;
    int found = rc == SQLITE_ROW;
    if (found) {
        t_ms = sqlite3_column_int64(s, 0);
        if (col_text(s, 1) && !(complainant = xstrdup(col_text(s, 1)))) {
            sqlite3_reset(s);
            return qs_fail(err, QS_ENOMEM, "out of memory");
        }
        rc = sqlite3_step(s);
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    if (rc == SQLITE_OK && !found) {
        free(complainant);
        return qs_fail(err, QS_EINVAL, "complaint event for %s, a record never fed", id);
    }
    if (rc == SQLITE_OK && mkey) {
        s = st->q[Q_UP_MERCHANT];
        bind_text(s, 1, mkey);
        bind_text(s, 2, mname ? mname : mkey);
        bind_text(s, 3, sector);
        sqlite3_bind_int64(s, 4, t_ms);
        rc = step_done(s);
        if (rc == SQLITE_OK && mname) {
            s = st->q[Q_UP_ALIAS];
            bind_text(s, 1, mkey);
            bind_text(s, 2, mname);
            rc = step_done(s);
        }
    }
    if (rc == SQLITE_OK && complainant) {
        s = st->q[Q_UP_COMPLAINANT];
        bind_text(s, 1, complainant);
        sqlite3_bind_int(s, 2, prof);
        sqlite3_bind_int64(s, 3, t_ms);
        rc = step_done(s);
    }
    free(complainant);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "storing a complaint event");
    return QS_OK;
}

static qs_rc put_alert(store *st, int64_t seq, int64_t t_ms, const cJSON *alert, qs_err *err);
static qs_rc put_reject(store *st, long line, const char *id, const char *error, qs_err *err);

qs_rc store_put_event(store *st, int64_t seq, int64_t t_ms, const cJSON *ev, qs_err *err)
{
    const char *kind = json_str(ev, "event");
    if (kind && strcmp(kind, "complaint") == 0)
        return put_complaint_event(st, ev, err);
    if (kind && strcmp(kind, "alert") == 0)
        return put_alert(st, seq, t_ms, ev, err);
    if (kind && strcmp(kind, "reject") == 0) {
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(ev, "line");
        const char *e = json_str(ev, "error");
        return put_reject(st, cJSON_IsNumber(line) ? (long)line->valuedouble : 0,
                                json_str(ev, "id"), e ? e : "", err);
    }
    return QS_OK; /* other event kinds are output only */
}

qs_rc store_put_finish(store *st, int64_t seq, qs_err *err)
{
    sqlite3_bind_int64(st->q[Q_INS_FINISH], 1, seq);
    int rc = step_done(st->q[Q_INS_FINISH]);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "storing the end of an input");
    return QS_OK;
}

/* Event time of an alert: its window end when it has one. */
static int64_t alert_time(const cJSON *alert, int64_t fallback)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(alert, "window");
    const char *end = cJSON_IsObject(w) ? json_str(w, "end") : NULL;
    int64_t ms;
    int off;
    const char *why;
    if (end && clock_parse_rfc3339(end, strlen(end), &ms, &off, &why) == 0)
        return ms;
    return fallback;
}

static qs_rc put_alert(store *st, int64_t seq, int64_t t_ms, const cJSON *alert, qs_err *err)
{
    const char *id = json_str(alert, "alert_id");
    if (!id)
        return qs_fail(err, QS_EINVAL, "alert without alert_id");
    int64_t at = alert_time(alert, t_ms);
    const cJSON *cnt = cJSON_GetObjectItemCaseSensitive(alert, "count");
    char *js = cJSON_PrintUnformatted(alert);
    if (!js)
        return qs_fail(err, QS_ENOMEM, "out of memory storing alert %s", id);
    sqlite3_stmt *s = st->q[Q_SEL_ALERT];
    bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    long long n = 0;
    if (rc == SQLITE_ROW) {
        n = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc == SQLITE_OK && n == 0) {
        s = st->q[Q_INS_ALERT];
        bind_text(s, 1, id);
        bind_text(s, 2, json_str(alert, "type") ? json_str(alert, "type") : "?");
        bind_text(s, 3, json_str(alert, "merchant_key"));
        bind_text(s, 4, json_str(alert, "issue"));
        bind_text(s, 5, json_str(alert, "sector"));
        bind_text(s, 6, json_str(alert, "region"));
        sqlite3_bind_int64(s, 7, seq);
        sqlite3_bind_int64(s, 8, at);
        if (cJSON_IsNumber(cnt))
            sqlite3_bind_int64(s, 9, (long long)cnt->valuedouble);
        bind_text(s, 10, js);
        rc = step_done(s);
    } else if (rc == SQLITE_OK) {
        s = st->q[Q_UPD_ALERT];
        bind_text(s, 1, id);
        sqlite3_bind_int64(s, 2, at);
        if (cJSON_IsNumber(cnt))
            sqlite3_bind_int64(s, 3, (long long)cnt->valuedouble);
        bind_text(s, 4, js);
        rc = step_done(s);
    }
    if (rc == SQLITE_OK) {
        s = st->q[Q_INS_ALERT_UPDATE];
        bind_text(s, 1, id);
        sqlite3_bind_int64(s, 2, n + 1);
        sqlite3_bind_int64(s, 3, seq);
        sqlite3_bind_int64(s, 4, at);
        sqlite3_bind_text(s, 5, js, -1, SQLITE_TRANSIENT);
        rc = step_done(s);
    }
    cJSON_free(js);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "storing an alert");
    return QS_OK;
}

static qs_rc put_reject(store *st, long line, const char *id, const char *error, qs_err *err)
{
    sqlite3_stmt *s = st->q[Q_INS_REJECT];
    sqlite3_bind_int64(s, 1, line);
    sqlite3_bind_int64(s, 2, st->batch_seq);
    bind_text(s, 3, id);
    bind_text(s, 4, error);
    int rc = step_done(s);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "storing a reject");
    return QS_OK;
}

/* Step a bound lookup once: found, and its first column as t_ms when asked. */
static qs_rc exists(store *st, sqlite3_stmt *s, int *found, int64_t *t_ms, const char *what,
                    qs_err *err)
{
    int rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (t_ms)
        *t_ms = *found ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, err, rc, what);
    return QS_OK;
}

qs_rc store_has_id(store *st, const char *id, int *found, int64_t *t_ms, qs_err *err)
{
    bind_text(st->q[Q_HAS_ID], 1, id);
    return exists(st, st->q[Q_HAS_ID], found, t_ms, "looking up an id", err);
}

qs_rc store_has_reject(store *st, long line, const char *error, int *found, qs_err *err)
{
    sqlite3_bind_int64(st->q[Q_HAS_REJECT], 1, line);
    bind_text(st->q[Q_HAS_REJECT], 2, error);
    return exists(st, st->q[Q_HAS_REJECT], found, NULL, "looking up", err);
}

qs_rc store_replay(store *st, store_replay_fn fn, void *ud, qs_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT seq, line, input FROM (SELECT seq, line, input, 0 AS fin"
                                " FROM complaint UNION ALL SELECT seq, 0, NULL, 1 FROM finish)"
                                " ORDER BY seq, fin",
                                -1, &s, NULL);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "reading the records");
    qs_rc r = QS_OK;
    while (r == QS_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        r = fn(ud, sqlite3_column_int64(s, 0), (long)sqlite3_column_int64(s, 1), col_text(s, 2),
               err);
    sqlite3_finalize(s);
    if (r != QS_OK)
        return r;
    if (rc != SQLITE_DONE)
        return db_fail(st, err, rc, "reading the records");
    return QS_OK;
}

qs_rc store_prune(store *st, int64_t cutoff_ms, long long *removed, qs_err *err)
{
    static const char *const sql[] = {
        "DELETE FROM complaint WHERE t_ms < ?1",
        "DELETE FROM complainant WHERE last_t_ms < ?1",
        "DELETE FROM reject WHERE seq < (SELECT coalesce(min(seq), 0) FROM complaint)",
        "DELETE FROM finish WHERE seq < (SELECT coalesce(min(seq), 0) FROM complaint)",
    };
    long long n = 0;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *s = NULL;
        int rc = sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL);
        if (rc == SQLITE_OK) {
            if (sqlite3_bind_parameter_count(s) > 0)
                sqlite3_bind_int64(s, 1, cutoff_ms);
            rc = sqlite3_step(s);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
            if (i == 0)
                n = sqlite3_changes(st->db);
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_OK)
            return db_fail(st, err, rc, "removing expired records");
    }
    if (removed)
        *removed = n;
    return QS_OK;
}

qs_rc store_time_range(store *st, int64_t *min_ms, int64_t *max_ms, qs_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "SELECT min(t_ms), max(t_ms) FROM complaint", -1, &s,
                                NULL);
    *min_ms = *max_ms = 0;
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        *min_ms = sqlite3_column_int64(s, 0);
        *max_ms = sqlite3_column_int64(s, 1);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "reading the time range");
    return QS_OK;
}

/* ---- queries ---- */

/* Add the row's columns to obj by their names: integers, reals, text, null. */
static int row_to_json(sqlite3_stmt *s, cJSON *obj)
{
    for (int i = 0; i < sqlite3_column_count(s); i++) {
        const char *name = sqlite3_column_name(s, i);
        cJSON *v;
        switch (sqlite3_column_type(s, i)) {
        case SQLITE_INTEGER: v = cJSON_CreateNumber((double)sqlite3_column_int64(s, i)); break;
        case SQLITE_FLOAT: v = cJSON_CreateNumber(sqlite3_column_double(s, i)); break;
        case SQLITE_NULL: v = cJSON_CreateNull(); break;
        default: v = cJSON_CreateString(col_text(s, i)); break;
        }
        if (!v || !cJSON_AddItemToObject(obj, name, v)) {
            cJSON_Delete(v);
            return -1;
        }
    }
    return 0;
}

/* Fills obj from the current row; nonzero when out of memory. */
typedef int (*row_fn)(sqlite3_stmt *s, cJSON *obj, void *ud);

static int row_plain(sqlite3_stmt *s, cJSON *obj, void *ud)
{
    (void)ud;
    return row_to_json(s, obj);
}

/* Run a prepared query and collect its rows as an array of objects made by
 * fn. The statement is finalized; `what` names the read in error messages. */
static qs_rc rows_collect(store *st, sqlite3_stmt *s, row_fn fn, void *ud, const char *oom_what,
                          const char *what, cJSON **out, qs_err *err)
{
    cJSON *arr = cJSON_CreateArray();
    int rc = SQLITE_OK;
    int oom = !arr;
    while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        cJSON *o = cJSON_CreateObject();
        if (!o || fn(s, o, ud) != 0 || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            oom = 1;
        }
    }
    sqlite3_finalize(s);
    if (oom) {
        cJSON_Delete(arr);
        return qs_fail(err, QS_ENOMEM, "out of memory %s", oom_what);
    }
    if (rc != SQLITE_DONE) {
        cJSON_Delete(arr);
        return db_fail(st, err, rc, what);
    }
    *out = arr;
    return QS_OK;
}

/* Run a prepared query and attach its rows, column by column, under name. */
static qs_rc attach_stmt(store *st, cJSON *obj, const char *name, sqlite3_stmt *s, qs_err *err)
{
    cJSON *arr = NULL;
    qs_rc r = rows_collect(st, s, row_plain, NULL, "reading the state", "querying", &arr, err);
    if (r != QS_OK)
        return r;
    if (!cJSON_AddItemToObject(obj, name, arr)) {
        cJSON_Delete(arr);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    return QS_OK;
}

static qs_rc prepare(store *st, const char *sql, sqlite3_stmt **s, qs_err *err)
{
    int rc = sqlite3_prepare_v2(st->db, sql, -1, s, NULL);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "preparing a query");
    return QS_OK;
}

static char *fmt_time(int64_t ms, int tz_min, char *buf, size_t cap)
{
    return clock_format(ms, tz_min, buf, cap);
}

/* Replace o's first_t_ms/last_t_ms numbers by RFC 3339 strings named
 * first_name/last_name, in the data's offset. */
static qs_rc times_to_text(cJSON *o, const char *first_name, const char *last_name, int tz_min,
                           qs_err *err)
{
    char t1[40], t2[40];
    const cJSON *f = cJSON_GetObjectItem(o, "first_t_ms"), *l = cJSON_GetObjectItem(o, "last_t_ms");
    if (!cJSON_AddStringToObject(o, first_name, fmt_time((int64_t)f->valuedouble, tz_min, t1, sizeof t1)) ||
        !cJSON_AddStringToObject(o, last_name, fmt_time((int64_t)l->valuedouble, tz_min, t2, sizeof t2)))
        return qs_fail(err, QS_ENOMEM, "out of memory");
    cJSON_DeleteItemFromObject(o, "first_t_ms");
    cJSON_DeleteItemFromObject(o, "last_t_ms");
    return QS_OK;
}

struct alert_row_ctx {
    int tz_min;
    int64_t open_from;
};

static int alert_row(sqlite3_stmt *s, cJSON *o, void *ud)
{
    const struct alert_row_ctx *c = ud;
    char t1[40], t2[40];
    int64_t first = sqlite3_column_int64(s, 6), last = sqlite3_column_int64(s, 7);
    cJSON *a = cJSON_Parse(col_text(s, 10) ? col_text(s, 10) : "null");
    int oom = !a || !cJSON_AddStringToObject(o, "alert_id", col_text(s, 0)) ||
              !cJSON_AddStringToObject(o, "type", col_text(s, 1)) ||
              !(col_text(s, 2) ? cJSON_AddStringToObject(o, "merchant_key", col_text(s, 2))
                               : cJSON_AddNullToObject(o, "merchant_key")) ||
              !(col_text(s, 3) ? cJSON_AddStringToObject(o, "issue", col_text(s, 3))
                               : cJSON_AddNullToObject(o, "issue")) ||
              !cJSON_AddStringToObject(o, "first_seen", fmt_time(first, c->tz_min, t1, sizeof t1)) ||
              !cJSON_AddStringToObject(o, "last_update", fmt_time(last, c->tz_min, t2, sizeof t2)) ||
              !cJSON_AddNumberToObject(o, "updates", (double)sqlite3_column_int64(s, 8)) ||
              !cJSON_AddNumberToObject(o, "count", (double)sqlite3_column_int64(s, 9)) ||
              !cJSON_AddBoolToObject(o, "open", last >= c->open_from) ||
              !cJSON_AddItemToObject(o, "alert", a);
    if (oom)
        cJSON_Delete(a);
    return oom;
}

qs_rc store_query_alerts(store *st, int only_open, int open_days, const char *merchant_key,
                         int64_t since_ms, cJSON **out, qs_err *err)
{
    store_pos pos;
    qs_rc r = store_get_pos(st, &pos, err);
    if (r != QS_OK)
        return r;
    int64_t open_from = pos.max_t_ms - (int64_t)open_days * CLOCK_MS_PER_DAY;
    sqlite3_stmt *s = NULL;
    if ((r = prepare(st,
                     "SELECT alert_id, type, merchant_key, issue, sector, region, first_t_ms,"
                     " last_t_ms, updates, count, json FROM alert"
                     " WHERE (?1 IS NULL OR merchant_key = ?1) AND last_t_ms >= ?2"
                     " AND (?3 = 0 OR last_t_ms >= ?4)"
                     " ORDER BY last_t_ms DESC, alert_id",
                     &s, err)) != QS_OK)
        return r;
    bind_text(s, 1, merchant_key);
    sqlite3_bind_int64(s, 2, since_ms);
    sqlite3_bind_int(s, 3, only_open);
    sqlite3_bind_int64(s, 4, open_from);
    struct alert_row_ctx c = {pos.tz_min, open_from};
    return rows_collect(st, s, alert_row, &c, "reading alerts", "reading alerts", out, err);
}

/* Run a query with (key) bound and attach its rows under name. */
static qs_rc attach_rows(store *st, cJSON *obj, const char *name, const char *sql,
                         const char *key, int64_t a, int64_t b, qs_err *err)
{
    sqlite3_stmt *s = NULL;
    qs_rc r = prepare(st, sql, &s, err);
    if (r != QS_OK)
        return r;
    int np = sqlite3_bind_parameter_count(s);
    if (key)
        bind_text(s, 1, key);
    else if (np >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (np >= 2)
        sqlite3_bind_int64(s, 2, key ? a : b);
    if (np >= 3)
        sqlite3_bind_int64(s, 3, b);
    return attach_stmt(st, obj, name, s, err);
}

qs_rc store_query_merchant(store *st, const char *key, cJSON **out, qs_err *err)
{
    *out = NULL;
    sqlite3_stmt *s = NULL;
    qs_rc r = prepare(st,
                      "SELECT key, coalesce((SELECT alias FROM merchant_alias a WHERE a.key = m.key"
                      " ORDER BY n DESC, alias LIMIT 1), name) AS name, sector,"
                      " complaints AS complaints_total, first_t_ms, last_t_ms"
                      " FROM merchant m WHERE key = ?1",
                      &s, err);
    if (r != QS_OK)
        return r;
    bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        return rc == SQLITE_DONE ? QS_OK : db_fail(st, err, rc, "reading the merchant");
    }
    store_pos pos;
    cJSON *o = cJSON_CreateObject();
    int oom = !o || row_to_json(s, o) != 0;
    sqlite3_finalize(s);
    if (oom) {
        cJSON_Delete(o);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    if ((r = store_get_pos(st, &pos, err)) != QS_OK ||
        (r = times_to_text(o, "first", "last", pos.tz_min, err)) != QS_OK)
        goto fail;
    if ((r = attach_rows(st, o, "aliases",
                         "SELECT alias, n FROM merchant_alias WHERE key = ?1 ORDER BY n DESC, alias",
                         key, 0, 0, err)) != QS_OK ||
        (r = attach_rows(st, o, "issues",
                         "SELECT coalesce(issue, 'other') AS issue, count(*) AS complaints,"
                         " sum(duplicate_of IS NULL) AS counted FROM complaint"
                         " WHERE merchant_key = ?1 GROUP BY 1 ORDER BY 2 DESC, 1",
                         key, 0, 0, err)) != QS_OK ||
        (r = attach_rows(st, o, "days",
                         "SELECT day, count(*) AS complaints, sum(duplicate_of IS NULL) AS counted,"
                         " count(DISTINCT complainant) AS complainants,"
                         " group_concat(DISTINCT coalesce(issue, 'other')) AS issues,"
                         " round(coalesce(sum(amount), 0), 2) AS amount"
                         " FROM complaint WHERE merchant_key = ?1 GROUP BY day ORDER BY day",
                         key, 0, 0, err)) != QS_OK ||
        (r = attach_rows(st, o, "recent",
                         "SELECT id, received_at, coalesce(issue, 'other') AS issue,"
                         " duplicate_of, text_masked AS text FROM complaint"
                         " WHERE merchant_key = ?1 ORDER BY t_ms DESC, seq DESC LIMIT 20",
                         key, 0, 0, err)) != QS_OK ||
        (r = attach_rows(st, o, "episodes",
                         "SELECT alert_id, type, issue, updates, count, first_t_ms, last_t_ms"
                         " FROM alert WHERE merchant_key = ?1 ORDER BY first_t_ms, alert_id",
                         key, 0, 0, err)) != QS_OK)
        goto fail;
    {
        /* print episode times as RFC 3339 in the data's offset */
        cJSON *ep;
        cJSON_ArrayForEach(ep, cJSON_GetObjectItem(o, "episodes"))
        {
            if ((r = times_to_text(ep, "first_seen", "last_update", pos.tz_min, err)) != QS_OK)
                goto fail;
        }
    }
    {
        long long n = 0;
        sqlite3_stmt *c = NULL;
        if ((r = prepare(st, "SELECT count(*) FROM complaint WHERE merchant_key = ?1", &c, err)) != QS_OK)
            goto fail;
        bind_text(c, 1, key);
        if (sqlite3_step(c) == SQLITE_ROW)
            n = sqlite3_column_int64(c, 0);
        sqlite3_finalize(c);
        if (!cJSON_AddNumberToObject(o, "complaints_retained", (double)n)) {
            r = qs_fail(err, QS_ENOMEM, "out of memory");
            goto fail;
        }
    }
    *out = o;
    return QS_OK;
fail:
    cJSON_Delete(o);
    return r;
}

qs_rc store_query_report(store *st, int64_t from_ms, int64_t to_ms, int top_n, cJSON **out,
                         qs_err *err)
{
    *out = NULL;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    int64_t prev_from = from_ms - (to_ms - from_ms);
    qs_rc r;
    /* counted = not a duplicate: the contract counts a grievance once */
#define TOTALS                                                                          \
    "SELECT count(*) AS records, sum(duplicate_of IS NULL) AS complaints,"              \
    " sum(duplicate_of IS NOT NULL) AS duplicates, sum(professional) AS professional,"  \
    " count(DISTINCT merchant_key) AS merchants, round(coalesce(sum(CASE WHEN"          \
    " duplicate_of IS NULL THEN amount END), 0), 2) AS amount"                          \
    " FROM complaint WHERE t_ms >= ?1 AND t_ms < ?2"
#define BY(col)                                                                          \
    "SELECT coalesce(" col ", '') AS key, sum(duplicate_of IS NULL) AS complaints"       \
    " FROM complaint WHERE t_ms >= ?1 AND t_ms < ?2 GROUP BY 1 ORDER BY 2 DESC, 1"
    if ((r = attach_rows(st, o, "totals", TOTALS, NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "previous", TOTALS, NULL, prev_from, from_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "by_region", BY("region"), NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "by_channel", BY("channel"), NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "by_sector", BY("sector"), NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "by_issue", BY("issue"), NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "by_kind", BY("kind"), NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "previous_by_issue", BY("issue"), NULL, prev_from, from_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "daily",
                         "SELECT day, sum(duplicate_of IS NULL) AS complaints FROM complaint"
                         " WHERE t_ms >= ?1 AND t_ms < ?2 GROUP BY day ORDER BY day",
                         NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "alerts",
                         "SELECT type, count(*) AS alerts, sum(updates - 1) AS updates FROM alert"
                         " WHERE first_t_ms >= ?1 AND first_t_ms < ?2 GROUP BY type ORDER BY type",
                         NULL, from_ms, to_ms, err)) != QS_OK ||
        (r = attach_rows(st, o, "alert_list",
                         "SELECT alert_id, type, merchant_key, issue, sector, region, count,"
                         " updates, first_t_ms, last_t_ms FROM alert"
                         " WHERE first_t_ms >= ?1 AND first_t_ms < ?2"
                         " ORDER BY first_t_ms, alert_id",
                         NULL, from_ms, to_ms, err)) != QS_OK)
        goto fail;
#undef TOTALS
#undef BY
    {
        sqlite3_stmt *s = NULL;
        if ((r = prepare(st,
                         "SELECT c.merchant_key AS key, coalesce((SELECT alias FROM merchant_alias a"
                         "  WHERE a.key = c.merchant_key ORDER BY n DESC, alias LIMIT 1), m.name) AS name,"
                         " m.sector AS sector,"
                         " sum(c.duplicate_of IS NULL) AS complaints,"
                         " count(DISTINCT c.complainant) AS complainants,"
                         " (SELECT issue FROM complaint c2 WHERE c2.merchant_key = c.merchant_key"
                         "  AND c2.t_ms >= ?1 AND c2.t_ms < ?2 GROUP BY issue"
                         "  ORDER BY count(*) DESC, issue LIMIT 1) AS main_issue,"
                         " (SELECT count(*) FROM complaint c3 WHERE c3.merchant_key = c.merchant_key"
                         "  AND c3.duplicate_of IS NULL AND c3.t_ms >= ?4 AND c3.t_ms < ?1)"
                         "  AS previous"
                         " FROM complaint c LEFT JOIN merchant m ON m.key = c.merchant_key"
                         " WHERE c.t_ms >= ?1 AND c.t_ms < ?2 AND c.merchant_key IS NOT NULL"
                         " GROUP BY c.merchant_key ORDER BY 4 DESC, 1 LIMIT ?3",
                         &s, err)) != QS_OK)
            goto fail;
        sqlite3_bind_int64(s, 1, from_ms);
        sqlite3_bind_int64(s, 2, to_ms);
        sqlite3_bind_int(s, 3, top_n);
        sqlite3_bind_int64(s, 4, prev_from);
        if ((r = attach_stmt(st, o, "top_merchants", s, err)) != QS_OK)
            goto fail;
    }
    *out = o;
    return QS_OK;
fail:
    cJSON_Delete(o);
    return r;
}
