/* claimant.c: professional-claimant signal (see claimant.h). Per person: the
 * records of the last detail_days (merchant, markers, a small text
 * sketch) and per-day counts of the last 365 days. Both lists are in
 * insertion order and mirrored by FIFOs, so eviction pops one person's front
 * and a person with nothing left is forgotten. Features are computed over
 * the windows ending at the record's own event time, so a late record is
 * judged on the history it belongs to. */
#include "claimant.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "dedup.h"
#include "hmap.h"
#include "lexscan.h"
#include "tfifo.h"

#define SK 32 /* bottom-k entries kept per record for template similarity */
#define YEAR_DAYS 365

qs_rc claim_config_read(const cJSON *sec, claim_config *c, cJSON *eff, qs_err *err)
{
    static const char *const keys[] = {
        "detail_days", "min_records_90d", "count_365d", "count_90d", "count_30d",
        "merchants_90d", "burst_per_day", "behaviour_points", "share", "marker_min",
        "template_sim", "template_min", "small_amount", "content_points", "total_points",
        "memory_cap_mb", NULL};
    conf_reader r = {sec, eff, "professional"};
    qs_rc rc;
    if ((rc = conf_check_keys(&r, keys, err)) ||
        (rc = conf_num(&r, "detail_days", 90, 30, 366, &c->detail_days, err)) ||
        (rc = conf_int(&r, "min_records_90d", 3, 1, 100000, &c->min_records_90d, err)) ||
        (rc = conf_int(&r, "count_365d", 10, 1, 1000000, &c->count_365d, err)) ||
        (rc = conf_int(&r, "count_90d", 6, 1, 1000000, &c->count_90d, err)) ||
        (rc = conf_int(&r, "count_30d", 4, 1, 1000000, &c->count_30d, err)) ||
        (rc = conf_int(&r, "merchants_90d", 3, 1, 1000000, &c->merchants_90d, err)) ||
        (rc = conf_int(&r, "burst_per_day", 3, 2, 1000000, &c->burst_per_day, err)) ||
        (rc = conf_int(&r, "behaviour_points", 1, 0, 5, &c->behaviour_points, err)) ||
        (rc = conf_num(&r, "share", 0.4, 0, 1, &c->share, err)) ||
        (rc = conf_int(&r, "marker_min", 2, 1, 100000, &c->marker_min, err)) ||
        (rc = conf_num(&r, "template_sim", 0.5, 0, 1, &c->template_sim, err)) ||
        (rc = conf_int(&r, "template_min", 2, 1, 100000, &c->template_min, err)) ||
        (rc = conf_num(&r, "small_amount", 200, 0, 1e9, &c->small_amount, err)) ||
        (rc = conf_int(&r, "content_points", 3, 0, 7, &c->content_points, err)) ||
        (rc = conf_int(&r, "total_points", 5, 0, 12, &c->total_points, err)) ||
        (rc = conf_num(&r, "memory_cap_mb", 2048, 1, 1 << 20, &c->memory_cap_mb, err)))
        return rc;
    return QS_OK;
}

/* ---- text markers (what regulators list, domain research section 5) ---- */

static const char *const punitive_words[] = {
    "十倍", "10倍", "退一赔三", "退一赔十", "假一赔十", "三倍赔偿", "3倍赔偿", "三倍的赔偿",
    "惩罚性赔偿", "赔偿一千元", "赔偿1000元", "赔偿壹仟元", "一千元赔偿", "1000元赔偿",
    "最低一千元", "最低1000元", "不足一千元", "不足1000元", "第一百四十八条", "148条",
    "第五十五条", "55条", "立案查处", "举报奖励", "书面告知", "书面答复", "行政处罚",
    "依法查处", NULL};

static const char *const focus_words[] = {
    "标签", "标识", "保质期", "生产日期", "过期", "中文标", "配料表", "营养成分",
    "执行标准", "3c", "3C", "ccc", "CCC", "认证标志", "广告法", "绝对化", "极限词",
    "国家级", "最高级", "最佳", "第一品牌", "全网第一", "明码标价", "无证", "检验检疫",
    "入境货物", "功效", NULL};

static const char *const demand_words[] = {"赔偿", "索赔", "赔付", "倍", NULL};

/* ---- state ---- */

enum { F_PUNITIVE = 1, F_FOCUS = 2, F_SMALL_LARGE = 4, F_REPORT = 8 };

typedef struct item {
    int64_t t;
    uint64_t mhash;
    uint8_t flags, nsk;
    uint32_t sk[SK];
} item;

typedef struct dayc {
    int64_t day;
    int32_t n;
} dayc;

typedef struct person {
    char *key;
    size_t keylen;
    item *v;
    size_t vh, vn, vcap;
    dayc *d;
    size_t dh, dn, dcap;
    long refs;
    int flagged;
} person;

struct claim_ctx {
    claim_config cfg;
    hmap *people;
    tfifo fi, fd; /* persons by their items, day counts */
    claim_stats st;
    uint64_t *scratch;
    size_t scap;
    size_t cap_bytes;
    lex_set *lex[3]; /* punitive, focus, demand wording */
};

unsigned claim_markers(const claim_ctx *c, const char *text, size_t len)
{
    return (lex_any(c->lex[0], text, len) ? CLAIM_PUNITIVE : 0) |
           (lex_any(c->lex[1], text, len) ? CLAIM_FOCUS : 0) |
           (lex_any(c->lex[2], text, len) ? CLAIM_LARGE_DEMAND : 0);
}

claim_ctx *claim_new(const claim_config *cfg, qs_err *err)
{
    claim_ctx *c = calloc(1, sizeof *c);
    if (!c || !(c->people = hmap_new())) {
        free(c);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    c->cfg = *cfg;
    c->cap_bytes = (size_t)(cfg->memory_cap_mb * 1048576.0);
    if (!(c->lex[0] = lex_new(punitive_words, err)) || !(c->lex[1] = lex_new(focus_words, err)) ||
        !(c->lex[2] = lex_new(demand_words, err))) {
        claim_free(c);
        return NULL;
    }
    return c;
}

static void person_free(person *p)
{
    free(p->v);
    free(p->d);
    free(p->key);
    free(p);
}

static void person_free_v(void *p)
{
    person_free(p);
}

void claim_free(claim_ctx *c)
{
    if (!c)
        return;
    hmap_free_all(c->people, person_free_v);
    tfifo_free(&c->fi);
    tfifo_free(&c->fd);
    free(c->scratch);
    for (int i = 0; i < 3; i++)
        lex_free(c->lex[i]);
    free(c);
}

/* Queue p for eviction at time t; each queued pair holds a reference. */
static int fifo_push(tfifo *f, person *p, int64_t t)
{
    if (tfifo_push(f, p, t) != 0)
        return -1;
    p->refs++;
    return 0;
}

static void release(claim_ctx *c, person *p)
{
    if (--p->refs > 0)
        return;
    hmap_del(c->people, p->key, p->keylen);
    c->st.bytes -= sizeof *p + p->keylen + 1 + p->vcap * sizeof *p->v + p->dcap * sizeof *p->d;
    c->st.people--;
    c->st.people_evicted++;
    person_free(p);
}

static void pop_item(claim_ctx *c)
{
    person *p = tfifo_pop(&c->fi);
    p->vh++;
    c->st.entries--;
    if (p->vh == p->vn)
        p->vh = p->vn = 0;
    release(c, p);
}

static void pop_day(claim_ctx *c)
{
    person *p = tfifo_pop(&c->fd);
    p->dh++;
    if (p->dh == p->dn)
        p->dh = p->dn = 0;
    release(c, p);
}

void claim_advance(claim_ctx *c, int64_t wm)
{
    int64_t cut_i = wm - (int64_t)(c->cfg.detail_days * 86400000.0);
    int64_t cut_d = wm - (int64_t)YEAR_DAYS * CLOCK_MS_PER_DAY;
    while (c->fi.n && tfifo_oldest(&c->fi) < cut_i) {
        pop_item(c);
        c->st.evicted++;
    }
    while (c->fd.n && tfifo_oldest(&c->fd) < cut_d) {
        pop_day(c);
        c->st.evicted++;
    }
}

static void enforce_cap(claim_ctx *c)
{
    while (c->st.bytes > c->cap_bytes && (c->fi.n || c->fd.n)) {
        if (c->fi.n && (!c->fd.n || tfifo_oldest(&c->fi) <= tfifo_oldest(&c->fd)))
            pop_item(c);
        else
            pop_day(c);
        c->st.evicted_cap++;
    }
}

/* Room for one more element in the full array a, whose live elements are
 * [*h, *n) of *cap: move them to the front when at least half are dead, else
 * double it (counted in *bytes). Returns the array, or NULL when out of
 * memory (a unchanged). */
static void *make_room(void *a, size_t size, size_t *h, size_t *n, size_t *cap, size_t *bytes)
{
    if (*h > 0 && *h * 2 >= *n) {
        memmove(a, (char *)a + *h * size, (*n - *h) * size);
        *n -= *h;
        *h = 0;
        return a;
    }
    size_t ncap = *cap ? *cap * 2 : 2;
    void *na = realloc(a, ncap * size);
    if (!na)
        return NULL;
    *bytes += (ncap - *cap) * size;
    *cap = ncap;
    return na;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct features {
    long n30, n90, n365, merchants90, burst;
    long punitive, focus, small_large, report, template_like;
} features;

/* Features over the windows ending at t (the current record included). */
static qs_rc compute(claim_ctx *c, const person *p, const claim_input *in, uint64_t mh,
                     const item *cur, features *f, int *cur_template, qs_err *err)
{
    memset(f, 0, sizeof *f);
    int64_t t = in->t_ms;
    int64_t d90 = t - (int64_t)(c->cfg.detail_days * 86400000.0);
    int64_t d30 = t - 30 * CLOCK_MS_PER_DAY;
    size_t need = p->vn - p->vh + 1;
    if (need > c->scap) {
        uint64_t *s = realloc(c->scratch, need * 2 * sizeof *s);
        if (!s)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        c->scratch = s;
        c->scap = need * 2;
    }
    size_t nm = 0;
    const item *self = cur;
    for (size_t i = p->vh; i <= p->vn; i++) {
        const item *it = i < p->vn ? &p->v[i] : self;
        if (!it || it->t > t || it->t <= d90)
            continue;
        f->n90++;
        f->n30 += it->t > d30;
        if (it->mhash)
            c->scratch[nm++] = it->mhash;
        f->punitive += (it->flags & F_PUNITIVE) != 0;
        f->focus += (it->flags & F_FOCUS) != 0;
        f->small_large += (it->flags & F_SMALL_LARGE) != 0;
        f->report += (it->flags & F_REPORT) != 0;
        if (it != self && (it->mhash != mh || !mh) &&
            dedup_jaccard(self->sk, self->nsk, it->sk, it->nsk, SK) >= c->cfg.template_sim)
            f->template_like++;
    }
    *cur_template = f->template_like > 0;
    qsort(c->scratch, nm, sizeof *c->scratch, cmp_u64);
    for (size_t i = 0; i < nm; i++)
        f->merchants90 += i == 0 || c->scratch[i] != c->scratch[i - 1];
    int64_t today = clock_local_day(t, in->tz_min);
    for (size_t i = p->dh; i < p->dn; i++) {
        const dayc *dc = &p->d[i];
        if (dc->day > today || dc->day <= today - YEAR_DAYS)
            continue;
        f->n365 += dc->n;
        if (dc->day > today - 30 && dc->n > f->burst)
            f->burst = dc->n;
    }
    return QS_OK;
}

static int passes(const claim_config *cf, const features *f)
{
    if (f->n90 < cf->min_records_90d)
        return 0;
    long b = (f->n365 >= cf->count_365d) + (f->n90 >= cf->count_90d) +
             (f->n30 >= cf->count_30d) + (f->merchants90 >= cf->merchants_90d) +
             (f->burst >= cf->burst_per_day);
    double n = (double)f->n90;
#define SHARE(x) ((x) >= cf->marker_min && (double)(x) >= cf->share * n)
    /* Template texts: enough of the person's other records, and a share of
     * them, read like the current one (a few alike by chance do not count). */
    int templ = f->template_like >= cf->template_min &&
                (double)f->template_like >= cf->share * (n - 1);
    long k = 2 * SHARE(f->punitive) + 2 * templ + SHARE(f->focus) +
             SHARE(f->small_large) + SHARE(f->report);
#undef SHARE
    return b >= cf->behaviour_points && k >= cf->content_points &&
           b + k >= cf->total_points;
}

qs_rc claim_observe(claim_ctx *c, const claim_input *in, int *professional, qs_err *err)
{
    *professional = 0;
    if (!in->complainant || !in->complainant[0])
        return QS_OK;
    c->st.observed++;
    const char *who = in->complainant;
    size_t wl = strlen(who);
    uint64_t mh = in->merchant_key && in->merchant_key[0]
                      ? hmap_hash(in->merchant_key, strlen(in->merchant_key)) | 1
                      : 0;
    unsigned m = claim_markers(c, in->text, in->text_len);
    item cur = {0};
    cur.t = in->t_ms;
    cur.mhash = mh;
    cur.flags = (uint8_t)(((m & CLAIM_PUNITIVE) || in->punitive_tag ? F_PUNITIVE : 0) |
                          (m & CLAIM_FOCUS ? F_FOCUS : 0) | (in->is_report ? F_REPORT : 0));
    if (in->has_amount && in->amount <= c->cfg.small_amount &&
        (cur.flags & F_PUNITIVE || m & CLAIM_LARGE_DEMAND))
        cur.flags |= F_SMALL_LARGE;
    cur.nsk = (uint8_t)(in->n_shingles < SK ? in->n_shingles : SK);
    memcpy(cur.sk, in->shingles, cur.nsk * sizeof *cur.sk);

    void **slot;
    int added;
    if (hmap_put(c->people, who, wl, &slot, &added) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    person *p = *slot;
    if (added) {
        p = calloc(1, sizeof *p);
        char *k = malloc(wl + 1);
        if (!p || !k) {
            free(p);
            free(k);
            hmap_del(c->people, who, wl);
            return qs_fail(err, QS_ENOMEM, "out of memory");
        }
        memcpy(k, who, wl + 1);
        p->key = k;
        p->keylen = wl;
        *slot = p;
        c->st.people++;
        c->st.bytes += sizeof *p + wl + 1;
    }
    features f;
    int templ = 0;
    qs_rc rc = compute(c, p, in, mh, &cur, &f, &templ, err);
    if (rc != QS_OK)
        goto out;
    if (passes(&c->cfg, &f) && (cur.flags || templ)) {
        *professional = 1;
        c->st.flagged_records++;
        if (!p->flagged) {
            p->flagged = 1;
            c->st.flagged_people++;
        }
    }
    if (in->duplicate)
        goto out; /* the same grievance again adds nothing to the history */
    if (p->vn == p->vcap) {
        item *nv = make_room(p->v, sizeof *p->v, &p->vh, &p->vn, &p->vcap, &c->st.bytes);
        if (!nv) {
            rc = qs_fail(err, QS_ENOMEM, "out of memory");
            goto out;
        }
        p->v = nv;
    }
    if (fifo_push(&c->fi, p, in->t_ms) != 0) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory");
        goto out;
    }
    p->v[p->vn++] = cur;
    c->st.entries++;
    int64_t day = clock_local_day(in->t_ms, in->tz_min);
    size_t i;
    for (i = p->dh; i < p->dn && p->d[i].day != day; i++)
        ;
    if (i < p->dn) {
        p->d[i].n++;
    } else {
        if (p->dn == p->dcap) {
            dayc *nd = make_room(p->d, sizeof *p->d, &p->dh, &p->dn, &p->dcap, &c->st.bytes);
            if (!nd) {
                rc = qs_fail(err, QS_ENOMEM, "out of memory");
                goto out;
            }
            p->d = nd;
        }
        if (fifo_push(&c->fd, p, in->t_ms) != 0) {
            rc = qs_fail(err, QS_ENOMEM, "out of memory");
            goto out;
        }
        p->d[p->dn].day = day;
        p->d[p->dn].n = 1;
        p->dn++;
    }
    enforce_cap(c);
    return QS_OK;
out:
    /* A person with nothing in any list (a duplicate first seen, or an
     * allocation failure) is not kept. */
    if (p->refs == 0) {
        p->refs = 1;
        release(c, p);
        c->st.people_evicted--;
    }
    return rc;
}

const claim_stats *claim_get_stats(const claim_ctx *c)
{
    return &c->st;
}
