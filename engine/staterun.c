/* staterun.c: the resumable `qunsu run --state` loop (see staterun.h).
 * Delivery: each batch's events are written and flushed to the output, then
 * the batch is committed with the output length; a restart truncates --out to
 * the committed length, so a file gets every event exactly once, stdout at
 * least once (alert ids are deterministic). */
#include "staterun.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "event.h"
#include "hmap.h"
#include "ingest.h"
#include "paths.h"
#include "store.h"

#define ENGINE_VERSION "0.1.0"
#define FP_BYTES 4096 /* input bytes the file-resume fingerprint covers */

typedef struct state_cfg {
    long batch_records;
    long batch_ms;
    store_sync sync;
    long keep_days;
} state_cfg;

/* Test-only fault switches (QUNSU_STATE_FAULT), for the crash test and its
 * negative control: "kill-before-commit:N" dies after writing batch N of
 * this process but before committing it, "kill-after-commit:N" right after
 * committing it, "no-truncate" skips the restart truncation of --out. */
typedef struct faults {
    long kill_before, kill_after;
    int no_truncate;
} faults;

typedef struct run {
    store *st;
    stream *s;
    int discard;          /* replaying: the events were output before */
    int64_t seq;          /* seq of the record being fed */
    int64_t t_ms;         /* its event time */
    int64_t last_finish;  /* seq after which stream_finish last ran (-1 none) */
    char *buf;            /* the batch's output */
    size_t len, cap;
    long replayed;
} run;

/* Read the "state" section (NULL: defaults); eff (may be NULL) receives
 * every key with its value in force. */
static qs_rc read_cfg(const cJSON *sec, state_cfg *c, cJSON *eff, qs_err *err)
{
    static const char *const keys[] = {"batch_records", "batch_ms", "synchronous", "keep_days",
                                       NULL};
    conf_reader r = {sec, eff, "state"};
    qs_rc rc;
    if ((rc = conf_check_keys(&r, keys, err)) ||
        (rc = conf_int(&r, "batch_records", 1000, 1, 1000000, &c->batch_records, err)) ||
        (rc = conf_int(&r, "batch_ms", 200, 0, 60000, &c->batch_ms, err)) ||
        (rc = conf_int(&r, "keep_days", 400, 1, 36600, &c->keep_days, err)))
        return rc;
    c->sync = STORE_SYNC_NORMAL;
    const cJSON *v = sec ? cJSON_GetObjectItemCaseSensitive(sec, "synchronous") : NULL;
    if (v) {
        if (cJSON_IsString(v) && strcasecmp(v->valuestring, "full") == 0)
            c->sync = STORE_SYNC_FULL;
        else if (!cJSON_IsString(v) || strcasecmp(v->valuestring, "normal") != 0)
            return qs_fail(err, QS_ECONFIG, "state.synchronous: must be \"normal\" or \"full\"");
    }
    if (eff && !cJSON_AddStringToObject(eff, "synchronous", c->sync == STORE_SYNC_FULL ? "full" : "normal"))
        return qs_fail(err, QS_ENOMEM, "out of memory");
    return QS_OK;
}

qs_rc staterun_effective_config(const cJSON *section, cJSON **out, qs_err *err)
{
    state_cfg c;
    cJSON *eff = cJSON_CreateObject();
    if (!eff)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    qs_rc rc = read_cfg(section, &c, eff, err);
    if (rc != QS_OK) {
        cJSON_Delete(eff);
        return rc;
    }
    *out = eff;
    return QS_OK;
}

static void hex64(uint64_t h, char *out, size_t cap)
{
    snprintf(out, cap, "%016llx", (unsigned long long)h);
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp((*(cJSON *const *)a)->string, (*(cJSON *const *)b)->string);
}

/* Put object keys in order and drop "_" comment keys, recursively, so that
 * reordering or commenting a config file does not count as a change.
 * Returns -1 on allocation failure. */
static int canonical(cJSON *node)
{
    cJSON *c;
    if (cJSON_IsArray(node)) {
        cJSON_ArrayForEach(c, node)
            if (canonical(c) != 0)
                return -1;
        return 0;
    }
    if (!cJSON_IsObject(node))
        return 0;
    int n = cJSON_GetArraySize(node), k = 0;
    cJSON **items = malloc((size_t)(n ? n : 1) * sizeof *items);
    if (!items)
        return -1;
    while (node->child) {
        c = cJSON_DetachItemViaPointer(node, node->child);
        if (c->string && c->string[0] == '_')
            cJSON_Delete(c);
        else
            items[k++] = c;
    }
    qsort(items, (size_t)k, sizeof *items, cmp_item);
    int bad = 0;
    for (int i = 0; i < k; i++) {
        bad |= canonical(items[i]) != 0;
        cJSON_AddItemToArray(node, items[i]); /* keeps the item's key */
    }
    free(items);
    return bad ? -1 : 0;
}

/* Hash of the config without its "state" section: batching and durability
 * may change between runs, the detection settings may not. */
static qs_rc config_hash(const cJSON *config, char *out, size_t cap, qs_err *err)
{
    cJSON *copy = config ? cJSON_Duplicate(config, 1) : cJSON_CreateObject();
    if (!copy)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    cJSON_DeleteItemFromObjectCaseSensitive(copy, "state");
    char *s = canonical(copy) == 0 ? cJSON_PrintUnformatted(copy) : NULL;
    cJSON_Delete(copy);
    if (!s)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    hex64(hmap_hash(s, strlen(s)), out, cap);
    cJSON_free(s);
    return QS_OK;
}

/* Fold a file's contents into h (absent files fold their name only). */
static uint64_t hash_file(uint64_t h, const char *path)
{
    h ^= hmap_hash(path, strlen(path));
    FILE *f = fopen(path, "rb");
    if (!f)
        return h;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = h * 1099511628211ULL ^ hmap_hash(buf, n);
    fclose(f);
    return h;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fold the files under a folder, in name order, down to `depth` levels. */
static uint64_t hash_tree(uint64_t h, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return h;
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512)
        if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)))
            n++;
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        char p[PATH_MAX];
        struct stat sb;
        if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, names[i]) < sizeof p && stat(p, &sb) == 0) {
            h ^= hmap_hash(names[i], strlen(names[i]));
            if (S_ISREG(sb.st_mode))
                h = hash_file(h, p);
            else if (S_ISDIR(sb.st_mode) && depth > 0)
                h = hash_tree(h, p, depth - 1);
        }
        free(names[i]);
    }
    return h;
}

static uint64_t hash_dir(uint64_t h, const char *rel)
{
    char dir[PATH_MAX];
    return paths_find(rel, dir, sizeof dir) == 0 ? hash_tree(h, dir, 3) : h;
}

/* Dictionaries, models and the merchant registry the run reads. */
static void model_hash(const stream_options *so, char *out, size_t cap)
{
    uint64_t h = 14695981039346656037ULL;
    h = hash_dir(h, "data");
    h = hash_dir(h, "dicts");
    h = hash_dir(h, "models");
    if (so->merchants_path)
        h = hash_file(h, so->merchants_path);
    if (so->user_dict_path)
        h = hash_file(h, so->user_dict_path);
    hex64(h, out, cap);
}

/* ---- events ---- */

static qs_rc buf_append(run *r, const char *s, size_t n, qs_err *err)
{
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 65536;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b)
            return qs_fail(err, QS_ENOMEM, "out of memory buffering output");
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    return QS_OK;
}

/* The stream's emitter: store the event's effect, buffer its line. */
static qs_rc emit(void *ud, cJSON *ev, qs_err *err)
{
    run *r = ud;
    qs_rc rc = QS_OK;
    if (!r->discard) {
        rc = store_put_event(r->st, r->seq, r->t_ms, ev, err);
        char *s = rc == QS_OK ? cJSON_PrintUnformatted(ev) : NULL;
        if (rc == QS_OK && !s)
            rc = qs_fail(err, QS_ENOMEM, "out of memory printing an event");
        if (rc == QS_OK && (rc = buf_append(r, s, strlen(s), err)) == QS_OK)
            rc = buf_append(r, "\n", 1, err);
        cJSON_free(s);
    }
    cJSON_Delete(ev);
    return rc;
}

/* A stored record back into the form the reader gave it (the record was
 * checked when it was first accepted, so only the shape is rebuilt). */
static qs_rc record_from_json(const char *json, long line, qs_record *rec, qs_err *err)
{
    memset(rec, 0, sizeof *rec);
    cJSON *obj = cJSON_Parse(json);
    if (!obj)
        return qs_fail(err, QS_EDATA, "state: a stored record is not valid JSON");
    rec->json = obj;
    rec->line = line;
    const char **slots[] = {&rec->id, &rec->received_at, &rec->text, &rec->channel,
                            &rec->kind, &rec->complainant, &rec->region, &rec->merchant};
    static const char *const names[] = {"id", "received_at", "text", "channel",
                                        "kind", "complainant", "region", "merchant"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, names[i]);
        *slots[i] = cJSON_IsString(v) ? v->valuestring : NULL;
    }
    if (!rec->kind)
        rec->kind = "complaint";
    const cJSON *amount = cJSON_GetObjectItemCaseSensitive(obj, "amount");
    if (cJSON_IsNumber(amount)) {
        rec->amount = amount->valuedouble;
        rec->has_amount = 1;
    }
    const char *why = NULL;
    if (!rec->id || !rec->received_at || !rec->text ||
        clock_parse_rfc3339(rec->received_at, strlen(rec->received_at), &rec->t_ms, &rec->tz_min,
                            &why) != 0) {
        record_reset(rec);
        return qs_fail(err, QS_EDATA, "state: a stored record lacks its required fields");
    }
    return QS_OK;
}

static qs_rc replay_one(void *ud, int64_t seq, long line, const char *json, qs_err *err)
{
    run *r = ud;
    if (!json) {
        r->last_finish = seq;
        return stream_finish(r->s, emit, r, err);
    }
    qs_record rec;
    qs_rc rc = record_from_json(json, line, &rec, err);
    if (rc != QS_OK)
        return rc;
    r->seq = seq;
    rc = stream_feed(r->s, &rec, emit, r, err);
    record_reset(&rec);
    r->replayed++;
    return rc;
}

/* ---- input and output positions ---- */

static void fingerprint(const char *head, size_t n, char *out, size_t cap)
{
    snprintf(out, cap, "%zu:%016llx", n, (unsigned long long)hmap_hash(head, n));
}

static qs_rc write_all(int fd, const char *p, size_t n, const char *what, qs_err *err)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return qs_fail(err, QS_EIO, "cannot write %s: %s", what,
                           errno == ENOSPC ? "disk full" : strerror(errno));
        p += w;
        n -= (size_t)w;
    }
    return QS_OK;
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void read_faults(faults *f)
{
    memset(f, 0, sizeof *f);
    const char *e = getenv("QUNSU_STATE_FAULT");
    if (!e)
        return;
    if (strncmp(e, "kill-before-commit:", 19) == 0)
        f->kill_before = atol(e + 19);
    else if (strncmp(e, "kill-after-commit:", 18) == 0)
        f->kill_after = atol(e + 18);
    else if (strcmp(e, "no-truncate") == 0)
        f->no_truncate = 1;
}

/* The output: truncated to its committed length when it is the same file. */
static qs_rc open_output(const char *path, const store_pos *pos, const faults *f, int *fd,
                         char *abs, size_t abs_cap, long long *out_len, qs_err *err)
{
    *out_len = 0;
    abs[0] = '\0';
    if (!path || strcmp(path, "-") == 0) {
        *fd = STDOUT_FILENO;
        if (pos->out_path[0] == '\0')
            *out_len = pos->out_len; /* a running count on stdout */
        return QS_OK;
    }
    int existed = access(path, F_OK) == 0;
    *fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0)
        return qs_fail(err, QS_EIO, "cannot open %s for writing: %s", path, strerror(errno));
    if (!realpath(path, abs)) {
        snprintf(abs, abs_cap, "%s", path);
    }
    struct stat sb;
    if (fstat(*fd, &sb) != 0)
        return qs_fail(err, QS_EIO, "cannot stat %s: %s", path, strerror(errno));
    long long keep = 0;
    if (strcmp(abs, pos->out_path) == 0 && existed) {
        if (sb.st_size < pos->out_len)
            return qs_fail(err, QS_EDATA,
                           "output %s is shorter (%lld bytes) than what the state says was "
                           "written to it (%lld bytes): it was changed outside qunsu. Move it "
                           "away to continue into a new file",
                           path, (long long)sb.st_size, pos->out_len);
        keep = pos->out_len;
    }
    if (f->no_truncate)
        keep = sb.st_size;
    if (sb.st_size != keep && ftruncate(*fd, keep) != 0)
        return qs_fail(err, QS_EIO, "cannot truncate %s: %s", path, strerror(errno));
    if (lseek(*fd, keep, SEEK_SET) < 0)
        return qs_fail(err, QS_EIO, "cannot seek %s: %s", path, strerror(errno));
    *out_len = keep;
    return QS_OK;
}

/* Wait up to ms for input; 1 when some is there (or at the end). */
static int input_ready(FILE *in, long ms)
{
    int fd = fileno(in);
    if (fd < 0)
        return 1;
    struct pollfd p = {fd, POLLIN, 0};
    int n;
    do
        n = poll(&p, 1, (int)(ms < 0 ? 0 : ms));
    while (n < 0 && errno == EINTR);
    return n != 0;
}

static void die_now(void)
{
    /* the test's stand-in for a power cut: no cleanup, no flush */
    raise(SIGKILL);
}

/* ---- the run ---- */

qs_rc staterun_run(const staterun_opts *o, qs_err *err)
{
    state_cfg cfg;
    faults fl;
    read_faults(&fl);
    const cJSON *config = o->stream->config;
    qs_rc rc = read_cfg(conf_section(config, "state"), &cfg, NULL, err);
    if (rc != QS_OK)
        return rc;
    char chash[24], mhash[24];
    if ((rc = config_hash(config, chash, sizeof chash, err)) != QS_OK)
        return rc;
    model_hash(o->stream, mhash, sizeof mhash);
    store_open_opts so = {0, cfg.sync, ENGINE_VERSION, chash, mhash};
    run r = {0};
    r.last_finish = -1;
    FILE *in = NULL;
    ingest *ing = NULL;
    int out_fd = -1;
    qs_record rec = {0};
    if ((rc = store_open(o->state_dir, &so, &r.st, err)) != QS_OK)
        return rc;
    if (store_notice(r.st) && !o->quiet)
        fprintf(stderr, "qunsu run: %s\n", store_notice(r.st));
    store_pos pos;
    if ((rc = store_get_pos(r.st, &pos, err)) != QS_OK)
        goto done;
    if (!(r.s = stream_new(o->stream, err))) {
        rc = err->rc ? err->rc : QS_ENOMEM;
        goto done;
    }
    long t0 = now_ms();
    r.discard = 1;
    if ((rc = store_replay(r.st, replay_one, &r, err)) != QS_OK)
        goto done;
    r.discard = 0;
    long replay_ms = now_ms() - t0;

    /* input: resume a file at its committed offset when it is the same file */
    int from_stdin = !o->in_path || strcmp(o->in_path, "-") == 0;
    in = from_stdin ? stdin : fopen(o->in_path, "rb");
    if (!in) {
        rc = qs_fail(err, QS_EIO, "cannot open %s: %s", o->in_path, strerror(errno));
        goto done;
    }
    char head[FP_BYTES];
    size_t head_len = 0;
    int seeked = 0, committed_any = pos.batches > 0;
    if (!from_stdin) {
        head_len = fread(head, 1, sizeof head, in);
        if (ferror(in)) {
            rc = qs_fail(err, QS_EIO, "cannot read %s: %s", o->in_path, strerror(errno));
            goto done;
        }
        char fp[sizeof pos.in_fingerprint];
        size_t covered = pos.in_offset < (long long)head_len ? (size_t)pos.in_offset : head_len;
        fingerprint(head, covered, fp, sizeof fp);
        struct stat sb;
        if (committed_any && strcmp(fp, pos.in_fingerprint) == 0 && fstat(fileno(in), &sb) == 0 &&
            sb.st_size >= pos.in_offset) {
            if (fseeko(in, pos.in_offset, SEEK_SET) != 0) {
                rc = qs_fail(err, QS_EIO, "cannot seek %s: %s", o->in_path, strerror(errno));
                goto done;
            }
            seeked = 1;
        } else {
            rewind(in);
            if (committed_any && !o->quiet)
                fprintf(stderr,
                        "qunsu run: %s is not the input the state was reading; reading it from "
                        "the start, skipping records already committed\n",
                        o->in_path);
        }
    }
    if (!(ing = ingest_open(in, o->max_line, 1, err))) {
        rc = err->rc;
        goto done;
    }
    /* the same id horizon as a run without state */
    long long id_horizon = stream_id_horizon_ms(r.s);
    ingest_set_id_horizon(ing, id_horizon);
    if (seeked)
        ingest_resume_at(ing, pos.in_offset, pos.in_line);
    /* stdin, or another file: what was committed comes first again */
    int prefix = committed_any && !seeked;

    char out_abs[PATH_MAX];
    long long out_len;
    if ((rc = open_output(o->out_path, &pos, &fl, &out_fd, out_abs, sizeof out_abs, &out_len,
                          err)) != QS_OK)
        goto done;
    int out_is_file = out_fd != STDOUT_FILENO;

    r.seq = pos.seq;
    int64_t max_t = pos.max_t_ms, pruned_to = 0;
    int tz = pos.tz_min;
    long batches = 0, records = 0, skipped = 0;
    int eof = 0;
    ingest_reject rej;
    while (!eof) {
        if ((rc = store_begin(r.st, err)) != QS_OK)
            goto done;
        r.len = 0;
        long n = 0, deadline = 0;
        for (;;) {
            if (n > 0) {
                long left = deadline - now_ms();
                if (n >= cfg.batch_records || left <= 0)
                    break;
                if (!ingest_buffered(ing) && !input_ready(in, left))
                    break; /* the input is quiet: commit what was read */
            }
            ingest_kind kind;
            if ((rc = ingest_next(ing, &kind, &rec, &rej, err)) != QS_OK)
                goto done;
            if (kind == INGEST_EOF) {
                eof = 1;
                break;
            }
            if (n++ == 0)
                deadline = now_ms() + cfg.batch_ms;
            int found = 0;
            if (kind == INGEST_REJECT) {
                if (prefix && (rc = store_has_reject(r.st, rej.line, rej.error, &found, err)) != QS_OK)
                    goto done;
                if (found) {
                    skipped++;
                    continue;
                }
                prefix = 0;
            } else {
                int64_t seen_t;
                if ((rc = store_has_id(r.st, rec.id, &found, &seen_t, err)) != QS_OK)
                    goto done;
                if (found && prefix) {
                    skipped++;
                    continue;
                }
                prefix = 0;
                /* past the horizon the reader has forgotten an id: so do we */
                if (found && id_horizon > 0 && seen_t < max_t - id_horizon)
                    found = 0;
                if (found) {
                    /* seen in an earlier run: the reader of this run cannot know */
                    memset(&rej, 0, sizeof rej);
                    rej.line = rec.line;
                    rej.reason = REJ_DUP_ID;
                    rej.has_id = 1;
                    snprintf(rej.id, sizeof rej.id, "%s", rec.id);
                    snprintf(rej.error, sizeof rej.error, "duplicate id: seen earlier in the stream");
                    kind = INGEST_REJECT;
                }
            }
            if (kind == INGEST_REJECT) {
                cJSON *ev = event_reject(&rej);
                rc = ev ? emit(&r, ev, err) : qs_fail(err, QS_ENOMEM, "out of memory");
            } else {
                r.seq++;
                r.t_ms = rec.t_ms;
                if (rec.t_ms > max_t || max_t == 0) {
                    max_t = rec.t_ms;
                    tz = rec.tz_min;
                }
                rc = store_put_record(r.st, r.seq, &rec, err);
                if (rc == QS_OK)
                    rc = stream_feed(r.s, &rec, emit, &r, err);
                records++;
            }
            if (rc != QS_OK)
                goto done;
        }
        if (eof && r.last_finish != r.seq) {
            r.t_ms = max_t;
            if ((rc = stream_finish(r.s, emit, &r, err)) != QS_OK ||
                (rc = store_put_finish(r.st, r.seq, err)) != QS_OK)
                goto done;
            r.last_finish = r.seq;
        }
        /* retention: once a day of event time, drop what is older than keep_days */
        int64_t cutoff = max_t - (int64_t)cfg.keep_days * CLOCK_MS_PER_DAY;
        if (max_t && cutoff > pruned_to + CLOCK_MS_PER_DAY) {
            if ((rc = store_prune(r.st, cutoff, NULL, err)) != QS_OK)
                goto done;
            pruned_to = cutoff;
        }
        if (r.len > 0) {
            if ((rc = write_all(out_fd, r.buf, r.len, out_is_file ? o->out_path : "the output",
                                err)) != QS_OK)
                goto done;
            if (out_is_file && cfg.sync == STORE_SYNC_FULL && fdatasync(out_fd) != 0) {
                rc = qs_fail(err, QS_EIO, "cannot sync %s: %s", o->out_path,
                             errno == ENOSPC ? "disk full" : strerror(errno));
                goto done;
            }
        }
        batches++;
        if (fl.kill_before && batches == fl.kill_before)
            die_now();
        out_len += (long long)r.len;
        pos.seq = r.seq;
        pos.in_offset = ingest_offset(ing);
        pos.in_line = ingest_lineno(ing);
        if (!from_stdin) {
            size_t covered = pos.in_offset < (long long)head_len ? (size_t)pos.in_offset : head_len;
            fingerprint(head, covered, pos.in_fingerprint, sizeof pos.in_fingerprint);
        } else {
            pos.in_fingerprint[0] = '\0';
        }
        snprintf(pos.out_path, sizeof pos.out_path, "%s", out_abs);
        pos.out_len = out_len;
        pos.max_t_ms = max_t;
        pos.tz_min = tz;
        if ((rc = store_commit(r.st, &pos, err)) != QS_OK)
            goto done;
        if (fl.kill_after && batches == fl.kill_after)
            die_now();
    }
    if (!o->quiet)
        fprintf(stderr,
                "state %s: replayed %ld records in %.2f s, %ld new records, %ld skipped as "
                "already committed, %ld batches\n",
                o->state_dir, r.replayed, replay_ms / 1000.0, records, skipped, batches);
done:
    if (rc != QS_OK)
        store_rollback(r.st);
    record_reset(&rec);
    ingest_close(ing);
    if (in && in != stdin)
        fclose(in);
    if (out_fd >= 0 && out_fd != STDOUT_FILENO && close(out_fd) != 0 && rc == QS_OK)
        rc = qs_fail(err, QS_EIO, "cannot close %s: %s", o->out_path, strerror(errno));
    stream_free(r.s);
    store_close(r.st);
    free(r.buf);
    return rc;
}
