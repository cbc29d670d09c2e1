/* dedup.c: duplicate links across channels and chase calls (see dedup.h).
 * State: per complainant, the entries of the last horizon; per merchant, the
 * entries of the short anonymous horizon. Each kind of entry also sits in a
 * FIFO in insertion order, which is also each key's own order, so eviction
 * pops the front of one key's list and memory stays bounded by the horizon
 * (or by the cap, which evicts the oldest inserted first). */
#define _GNU_SOURCE /* memmem */
#include "dedup.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hmap.h"
#include "lexscan.h"
#include "tfifo.h"

qs_rc dedup_config_read(const cJSON *sec, dedup_config *c, cJSON *eff, qs_err *err)
{
    static const char *const keys[] = {"horizon_days", "anon_horizon_hours", "threshold",
                                       "anon_threshold", "chase_threshold", "max_candidates",
                                       "memory_cap_mb", NULL};
    conf_reader r = {sec, eff, "dedup"};
    qs_rc rc;
    if ((rc = conf_check_keys(&r, keys, err)) ||
        (rc = conf_num(&r, "horizon_days", 30, 0, 366, &c->horizon_days, err)) ||
        (rc = conf_num(&r, "anon_horizon_hours", 72, 0, 24 * 366, &c->anon_horizon_hours, err)) ||
        (rc = conf_num(&r, "threshold", 0.15, 0, 1, &c->threshold, err)) ||
        (rc = conf_num(&r, "anon_threshold", 0.8, 0, 1, &c->anon_threshold, err)) ||
        (rc = conf_num(&r, "chase_threshold", 0.0, 0, 1, &c->chase_threshold, err)) ||
        (rc = conf_int(&r, "max_candidates", 64, 1, 100000, &c->max_candidates, err)) ||
        (rc = conf_num(&r, "memory_cap_mb", 1024, 1, 1 << 20, &c->memory_cap_mb, err)))
        return rc;
    return QS_OK;
}

/* ---- text ---- */

static size_t utf8_next(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + n > len) {
        *cp = 0xFFFD;
        return len;
    }
    uint32_t v = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < n; k++)
        v = (v << 6) | (s[i + k] & 0x3F);
    *cp = v;
    return i + n;
}

/* Letters, digits and CJK count; punctuation, spaces and symbols do not.
 * Full-width forms fold to ASCII, ASCII letters to lower case. */
static uint32_t fold(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z')
            return c + 32;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            return c;
        return 0;
    }
    if (c < 0xC0 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF5F && c <= 0xFF65) || c == 0xFFFD ||
        (c >= 0x2190 && c <= 0x2BFF))
        return 0;
    return c;
}

static uint32_t mix32(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

size_t dedup_shingles(const char *text, size_t len, uint32_t *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len && cap > 0;) {
        uint32_t cp;
        i = utf8_next(s, len, i, &cp);
        cp = fold(cp);
        if (!cp)
            continue;
        if (prev) {
            uint32_t h = mix32(((uint64_t)prev << 32) | cp);
            /* Keep the cap smallest distinct hashes, sorted. */
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (out[mid] < h)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (!(lo < n && out[lo] == h) && lo < cap) {
                size_t move = (n < cap ? n : cap - 1) - lo;
                memmove(out + lo + 1, out + lo, move * sizeof *out);
                out[lo] = h;
                if (n < cap)
                    n++;
            }
        }
        prev = cp;
    }
    return n;
}

double dedup_jaccard(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t k)
{
    if (na == 0 || nb == 0)
        return 0;
    /* A full sketch stands for the part of its set at or below its largest
     * hash; compare the union below the smaller such bound (exact when
     * neither sketch is full). */
    uint32_t tau = UINT32_MAX;
    if (na >= k && a[na - 1] < tau)
        tau = a[na - 1];
    if (nb >= k && b[nb - 1] < tau)
        tau = b[nb - 1];
    size_t i = 0, j = 0, uni = 0, both = 0;
    while ((i < na && a[i] <= tau) || (j < nb && b[j] <= tau)) {
        int ai = i < na && a[i] <= tau, bj = j < nb && b[j] <= tau;
        if (ai && bj && a[i] == b[j]) {
            both++;
            i++;
            j++;
        } else if (ai && (!bj || a[i] < b[j])) {
            i++;
        } else {
            j++;
        }
        uni++;
    }
    return uni ? (double)both / (double)uni : 0;
}

/* Wording of a request that refers back to an earlier one on the hotline. */
static const char *const chase_words[] = {
    "再次来电", "再次致电", "再次反映", "再次投诉", "再次举报", "又来电", "重复来电",
    "催促", "催办", "催单", "催问", "之前反映", "此前反映", "前期反映", "上次反映",
    "之前投诉", "此前投诉", "上次投诉", "前次投诉", "已投诉过", "已经投诉过", "已反映过",
    "已经反映过", "原工单", "原诉求", "至今无人处理", "至今没有处理", "至今未处理",
    "至今未解决", "至今没有解决", "仍未处理", "仍未解决", "还没有处理", "一直没有处理",
    "一直无人处理", "没有任何回复", "至今无人联系", "至今没有回复", "跟进处理进度",
    NULL};



/* ---- state ---- */

typedef struct entry {
    int64_t t;
    uint64_t mhash; /* 0: no merchant */
    const char *mkey; /* the merchant key, or NULL */
    char *id;       /* id and root id in one allocation */
    const char *root;
    double amount;
    uint8_t has_amount, has_complainant, nsig;
    uint32_t sig[DEDUP_SKETCH];
} entry;

typedef struct keyhist {
    char *key; /* owned copy, for hmap_del */
    size_t keylen;
    entry *v;
    size_t head, n, cap; /* live entries are v[head .. n) */
} keyhist;

struct dedup_ctx {
    dedup_config cfg;
    hmap *people;    /* complainant -> keyhist */
    hmap *merchants; /* merchant key -> keyhist (anonymous horizon) */
    tfifo fp, fm; /* keyhists of people, of merchants, by entry */
    dedup_stats st;
    char *last_root; /* returned to the caller */
    lex_set *chase;
    size_t cap_bytes;
};

int dedup_is_chase(const dedup_ctx *d, const char *text, size_t len)
{
    return lex_any(d->chase, text, len);
}

static size_t entry_bytes(const entry *e)
{
    return sizeof *e + strlen(e->id) + strlen(e->root) + (e->mkey ? strlen(e->mkey) + 1 : 0) + 2;
}

dedup_ctx *dedup_new(const dedup_config *cfg, qs_err *err)
{
    dedup_ctx *d = calloc(1, sizeof *d);
    if (!d || !(d->people = hmap_new()) || !(d->merchants = hmap_new())) {
        dedup_free(d);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    if (!(d->chase = lex_new(chase_words, err))) {
        dedup_free(d);
        return NULL;
    }
    d->cfg = *cfg;
    d->cap_bytes = (size_t)(cfg->memory_cap_mb * 1048576.0);
    return d;
}

static void keyhist_free(keyhist *k)
{
    for (size_t i = k->head; i < k->n; i++)
        free(k->v[i].id);
    free(k->v);
    free(k->key);
    free(k);
}

static void keyhist_free_v(void *k)
{
    keyhist_free(k);
}

void dedup_free(dedup_ctx *d)
{
    if (!d)
        return;
    hmap_free_all(d->people, keyhist_free_v);
    hmap_free_all(d->merchants, keyhist_free_v);
    tfifo_free(&d->fp);
    tfifo_free(&d->fm);
    free(d->last_root);
    lex_free(d->chase);
    free(d);
}

/* Drop the oldest inserted entry of the FIFO: the front of its key. */
static void fifo_pop(dedup_ctx *d, tfifo *f, hmap *table)
{
    keyhist *k = tfifo_pop(f);
    entry *e = &k->v[k->head++];
    d->st.bytes -= entry_bytes(e);
    free(e->id);
    d->st.entries--;
    if (k->head == k->n) {
        hmap_del(table, k->key, k->keylen);
        d->st.bytes -= sizeof *k + k->keylen + 1;
        keyhist_free(k);
    } else if (k->head > 16 && k->head * 2 > k->n) {
        memmove(k->v, k->v + k->head, (k->n - k->head) * sizeof *k->v);
        k->n -= k->head;
        k->head = 0;
    }
}

void dedup_advance(dedup_ctx *d, int64_t wm)
{
    int64_t cut_p = wm - (int64_t)(d->cfg.horizon_days * 86400000.0);
    int64_t cut_m = wm - (int64_t)(d->cfg.anon_horizon_hours * 3600000.0);
    while (d->fp.n && tfifo_oldest(&d->fp) < cut_p) {
        fifo_pop(d, &d->fp, d->people);
        d->st.evicted++;
    }
    while (d->fm.n && tfifo_oldest(&d->fm) < cut_m) {
        fifo_pop(d, &d->fm, d->merchants);
        d->st.evicted++;
    }
}

static void enforce_cap(dedup_ctx *d)
{
    while (d->st.bytes > d->cap_bytes && (d->fp.n || d->fm.n)) {
        /* The older head goes first; ties go to the anonymous table. */
        int use_p = d->fp.n && (!d->fm.n || tfifo_oldest(&d->fp) < tfifo_oldest(&d->fm));
        if (use_p)
            fifo_pop(d, &d->fp, d->people);
        else
            fifo_pop(d, &d->fm, d->merchants);
        d->st.evicted_cap++;
    }
}

static int earlier(const entry *e, int64_t t, const char *id)
{
    return e->t < t || (e->t == t && strcmp(e->id, id) < 0);
}

typedef struct best {
    const entry *e;
    double sim;
    int chase;
} best;

static void consider(best *b, const entry *e, double sim, int chase)
{
    if (!b->e || sim > b->sim || (sim == b->sim && earlier(e, b->e->t, b->e->id))) {
        b->e = e;
        b->sim = sim;
        b->chase = chase;
    }
}

/* Two merchant keys for one business as an extractor may give them: one
 * inside the other (a prefix or a suffix too many), or the earlier record's
 * key written in the new text. */
static int related(const dedup_input *in, const entry *e)
{
    const char *a = in->merchant_key, *b = e->mkey;
    if (!a || !b)
        return 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la < 6 || lb < 6) /* two CJK characters at least */
        return 0;
    return strstr(a, b) || strstr(b, a) || memmem(in->text, in->text_len, b, lb);
}

static void search_person(const dedup_ctx *d, const keyhist *k, const dedup_input *in,
                          uint64_t mh, int chase, best *b)
{
    int64_t from = in->t_ms - (int64_t)(d->cfg.horizon_days * 86400000.0);
    long seen = 0;
    for (size_t i = k->n; i-- > k->head && seen < d->cfg.max_candidates; seen++) {
        const entry *e = &k->v[i];
        if (e->t < from || !earlier(e, in->t_ms, in->id))
            continue;
        /* A refiling restates the sum; another sum (by more than 2 % and one
         * yuan) is another purchase. A chase call often gives no sum at all. */
        int other_sum = in->has_amount && e->has_amount &&
                        fabs(in->amount - e->amount) > fmax(1.0, 0.02 * fmax(in->amount, e->amount));
        if (other_sum && !chase)
            continue;
        double sim = dedup_jaccard(in->shingles, in->n_shingles, e->sig, e->nsig, DEDUP_SKETCH);
        if (mh && (e->mhash == mh || related(in, e))) {
            if (sim >= d->cfg.threshold)
                consider(b, e, sim, 0);
            else if (chase && sim >= d->cfg.chase_threshold)
                consider(b, e, sim, 1);
        } else if (mh && e->mhash) {
            continue; /* two named merchants that differ: another grievance */
        } else if (!mh && chase && sim >= d->cfg.chase_threshold) {
            consider(b, e, sim, 1); /* a chase call that names no merchant */
        } else if (sim >= d->cfg.anon_threshold) {
            consider(b, e, sim, 0);
        }
    }
}

static void search_merchant(const dedup_ctx *d, const keyhist *k, const dedup_input *in, best *b)
{
    int64_t from = in->t_ms - (int64_t)(d->cfg.anon_horizon_hours * 3600000.0);
    long seen = 0;
    for (size_t i = k->n; i-- > k->head && seen < d->cfg.max_candidates; seen++) {
        const entry *e = &k->v[i];
        if (e->t < from || !earlier(e, in->t_ms, in->id))
            continue;
        /* A known person is compared with their own history already. */
        if (in->complainant && e->has_complainant)
            continue;
        if (in->has_amount && e->has_amount && fabs(in->amount - e->amount) > 0.5)
            continue; /* another purchase, or another person's balance */
        double sim = dedup_jaccard(in->shingles, in->n_shingles, e->sig, e->nsig, DEDUP_SKETCH);
        if (sim >= d->cfg.anon_threshold)
            consider(b, e, sim, 0);
    }
}

static qs_rc remember(dedup_ctx *d, hmap *table, tfifo *f, const char *key, size_t keylen,
                      const dedup_input *in, uint64_t mh, const char *root, qs_err *err)
{
    void **slot;
    int added;
    if (hmap_put(table, key, keylen, &slot, &added) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    keyhist *k = *slot;
    if (added) {
        k = calloc(1, sizeof *k);
        char *kc = malloc(keylen + 1);
        if (!k || !kc) {
            free(k);
            free(kc);
            hmap_del(table, key, keylen);
            return qs_fail(err, QS_ENOMEM, "out of memory");
        }
        memcpy(kc, key, keylen);
        kc[keylen] = 0;
        k->key = kc;
        k->keylen = keylen;
        *slot = k;
        d->st.bytes += sizeof *k + keylen + 1;
    }
    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 4;
        entry *nv = realloc(k->v, ncap * sizeof *nv);
        if (!nv)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        k->v = nv;
        k->cap = ncap;
    }
    size_t il = strlen(in->id), rl = strlen(root);
    size_t kl = mh ? strlen(in->merchant_key) + 1 : 0;
    char *ids = malloc(il + rl + 2 + kl);
    if (!ids)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    if (tfifo_push(f, k, in->t_ms) != 0) {
        free(ids);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    memcpy(ids, in->id, il + 1);
    memcpy(ids + il + 1, root, rl + 1);
    entry *e = &k->v[k->n++];
    memset(e, 0, sizeof *e);
    e->t = in->t_ms;
    e->mhash = mh;
    e->id = ids;
    e->root = ids + il + 1;
    if (mh) {
        memcpy(ids + il + rl + 2, in->merchant_key, kl);
        e->mkey = ids + il + rl + 2;
    }
    e->amount = in->amount;
    e->has_amount = (uint8_t)(in->has_amount != 0);
    e->has_complainant = in->complainant != NULL;
    e->nsig = (uint8_t)in->n_shingles;
    memcpy(e->sig, in->shingles, in->n_shingles * sizeof *e->sig);
    d->st.entries++;
    d->st.bytes += entry_bytes(e);
    return QS_OK;
}

qs_rc dedup_check(dedup_ctx *d, const dedup_input *in, const char **dup_of, qs_err *err)
{
    *dup_of = NULL;
    d->st.checked++;
    const char *mk = in->merchant_key && in->merchant_key[0] ? in->merchant_key : NULL;
    uint64_t mh = mk ? hmap_hash(mk, strlen(mk)) | 1 : 0;
    const char *who = in->complainant && in->complainant[0] ? in->complainant : NULL;
    dedup_input q = *in;
    q.complainant = who;
    int chase = dedup_is_chase(d, in->text, in->text_len);
    best b = {0};
    if (who) {
        void **slot = hmap_find(d->people, who, strlen(who));
        if (slot)
            search_person(d, *slot, &q, mh, chase, &b);
    }
    if (mk && !b.e) {
        void **slot = hmap_find(d->merchants, mk, strlen(mk));
        if (slot)
            search_merchant(d, *slot, &q, &b);
        if (b.e)
            d->st.linked_anon++;
    }
    const char *root = in->id;
    if (b.e) {
        d->st.linked++;
        d->st.linked_chase += b.chase;
        char *r = malloc(strlen(b.e->root) + 1);
        if (!r)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        strcpy(r, b.e->root);
        free(d->last_root);
        d->last_root = r;
        root = r;
    }
    qs_rc rc;
    if (who && (rc = remember(d, d->people, &d->fp, who, strlen(who), &q, mh, root, err)))
        return rc;
    if (mk && (rc = remember(d, d->merchants, &d->fm, mk, strlen(mk), &q, mh, root, err)))
        return rc;
    enforce_cap(d);
    *dup_of = b.e ? d->last_root : NULL;
    return QS_OK;
}

const dedup_stats *dedup_get_stats(const dedup_ctx *d)
{
    return &d->st;
}
