/* mtable.c: the stream's table of businesses (see mtable.h).
 *
 * Two levels: spellings (every distinct key extraction produced) point to
 * businesses (a canonical key, its sector votes). A wrong merge makes a
 * false cluster out of two businesses' complaints and a wrong split only
 * delays one, so merges need strong evidence: one difference at most
 * between the names (a homophone in the 字号 of a name kept as written; a
 * trade name given without its industry word, or with more after it; a
 * place written before a name), or one key on its own with
 * the 字号 as written (region, trade word and form aside), sectors that agree, and no
 * sign that the variant is a business of its own (a homophone spelling that
 * keeps coming back is a name, not a slip of the input method).
 *
 * Memory: a business with no complaint for the horizon is forgotten, swept
 * once a day of event time; the detector forgets its merchants after a
 * similar quiet period, so nothing it still counts is re-keyed. */
#include "mtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "hmap.h"

#define KEY_CP 64          /* code points compared; longer keys match exactly only */
#define TYPO_MIN_SEEN 2    /* records a business needs before a homophone joins it */
#define TYPO_SHARE 0.25    /* a recurring variant above this share of the business is its own */
#define DAY_MS 86400000LL
#define PLACE_MAX 5        /* code points of a place written before a known name (五台山, 江郎山脚下) */

typedef struct biz {
    char *key;
    long n;                 /* records resolved to it */
    long votes[SECTOR_N];
    int sector;             /* majority of votes; the first record's before any */
    int verbatim;           /* its key is written as such in its first name */
    long spells;            /* spellings pointing here */
    char *alone;            /* its first record's key on its own, when it holds that key in t->alone */
    char *ext;              /* the first longer key that joined it by starting with its key */
} biz;

typedef struct spell {
    biz *b;
    long n;
    int64_t last_t;
    int provisional;        /* joined through a homophone: split off if it recurs */
    int two_ops;            /* operators' fields gave it to two different businesses */
    long op_agree, op_other; /* operators' fields naming it, naming another */
    char *op1;              /* the first operator key seen with it that is not it */
} spell;

typedef struct pref {
    biz *b;                 /* the one business with this prefix, NULL when several */
    long n;                 /* businesses with this prefix */
} pref;

struct mtable {
    const merch_lex *lx;    /* homophones (not owned) */
    hmap *spells;           /* key -> spell */
    hmap *bizs;             /* canonical key -> biz */
    hmap *sound;            /* pinyin signature -> biz */
    hmap *prefix;           /* leading code points of a business key -> pref */
    hmap *suffix;           /* a business key less a head of 2..PLACE_MAX code points -> pref */
    hmap *alone;            /* a record's key on its own -> the first business keyed so */
    int64_t horizon_ms;     /* 0: keep everything */
    int64_t now, swept;
    int have_now;
    size_t key_bytes;
    mt_stats st;
};

mtable *mt_new(const merch_lex *lx, double horizon_days, qs_err *err)
{
    mtable *t = calloc(1, sizeof *t);
    if (!t || !(t->spells = hmap_new()) || !(t->bizs = hmap_new()) || !(t->sound = hmap_new()) ||
        !(t->prefix = hmap_new()) || !(t->suffix = hmap_new()) || !(t->alone = hmap_new())) {
        mt_free(t);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    t->lx = lx;
    t->horizon_ms = horizon_days > 0 ? (int64_t)(horizon_days * (double)DAY_MS) : 0;
    return t;
}

static void spell_free(void *p)
{
    spell *s = p;
    if (s)
        free(s->op1);
    free(s);
}

static void biz_free(void *p)
{
    biz *b = p;
    if (b) {
        free(b->key);
        free(b->alone);
        free(b->ext);
    }
    free(b);
}

void mt_free(mtable *t)
{
    if (!t)
        return;
    hmap_free_all(t->spells, spell_free);
    hmap_free_all(t->bizs, biz_free);
    hmap_free(t->sound);
    hmap_free_all(t->prefix, free);
    hmap_free_all(t->suffix, free);
    hmap_free(t->alone);
    free(t);
}

void mt_get_stats(const mtable *t, mt_stats *out)
{
    *out = t->st;
    out->spellings = (long)hmap_count(t->spells);
    out->businesses = (long)hmap_count(t->bizs);
    /* keys are held once per map they are in; entries ~ 48 bytes of table */
    out->bytes = t->key_bytes +
                 (hmap_count(t->spells) + hmap_count(t->bizs) + hmap_count(t->sound) + hmap_count(t->prefix) +
                  hmap_count(t->suffix) + hmap_count(t->alone)) * 48 +
                 hmap_count(t->spells) * sizeof(spell) + hmap_count(t->bizs) * sizeof(biz) +
                 (hmap_count(t->prefix) + hmap_count(t->suffix)) * sizeof(pref);
}

/* Code points of a UTF-8 key (at most KEY_CP; *n = KEY_CP + 1 when longer). */
static void decode(const char *s, int32_t *cp, int *n)
{
    size_t len = strlen(s), i = 0;
    int k = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (k == KEY_CP) {
            k++;
            break;
        }
        cp[k++] = c;
    }
    *n = k;
}

/* Byte length of the first k code points of s. */
static size_t prefix_bytes(const char *s, int k)
{
    size_t len = strlen(s), i = 0;
    for (int j = 0; j < k && i < len; j++)
        U8_FWD_1(s, i, len);
    return i;
}

/* Syllable signature: homophones of one another collide. */
static size_t signature(const mtable *t, const int32_t *cp, int n, char *sig, size_t cap)
{
    size_t sl = 0;
    for (int k = 0; k < n && sl + 10 < cap; k++) {
        int32_t v = cp[k];
        unsigned syl = merch_syllable(t->lx, v);
        if (syl)
            v = 0x110000 + (int32_t)syl;
        sl += (size_t)snprintf(sig + sl, cap - sl, "%x.", (unsigned)v);
    }
    return sl;
}

/* One name contains the other (丰动 and 丰动直播间): the same business told
 * more or less fully. */
static int related(const char *a, const char *b)
{
    return strstr(a, b) || strstr(b, a);
}

/* The longest head of a key that can be a place written before a name:
 * Han characters, at most PLACE_MAX, leaving three code points or more
 * (0 when none of two can). */
static int place_head_max(const int32_t *cp, int n)
{
    int k = 0;
    while (k < PLACE_MAX && k < n - 3 && n <= KEY_CP && cp[k] >= 0x4E00 && cp[k] <= 0x9FFF)
        k++;
    return k;
}

/* A restaurant and a food shop are one trade here, as in the keys (one
 * 字号 selling food is most often one business written as either). */
static int food(int s)
{
    return s == SECTOR_CATERING || s == SECTOR_FOOD_RETAIL;
}

static int compatible(int a, int b)
{
    return a == b || a == SECTOR_OTHER || b == SECTOR_OTHER || (food(a) && food(b));
}

static void vote(biz *b, tax_sector s)
{
    b->n++;
    if ((int)s < 0 || s >= SECTOR_N || s == SECTOR_OTHER)
        return;
    b->votes[s]++;
    if (b->sector == SECTOR_OTHER || b->votes[s] > b->votes[b->sector])
        b->sector = (int)s;
}

/* b takes part of a name shared in h (a prefix or a suffix map): the entry
 * knows b while b is the only business with it. -1 when out of memory. */
static int pref_join(hmap *h, const char *part, size_t len, biz *b)
{
    void **slot;
    int added;
    if (hmap_put(h, part, len, &slot, &added) != 0)
        return -1;
    if (added) {
        pref *p = calloc(1, sizeof *p);
        if (!p) {
            hmap_del(h, part, len);
            return -1;
        }
        *slot = p;
    }
    pref *p = *slot;
    p->b = p->n == 0 ? b : NULL;
    p->n++;
    return 0;
}

/* b leaves the entry of part in h, which goes with its last business. */
static void pref_leave(hmap *h, const char *part, size_t len, const biz *b)
{
    void **slot = hmap_find(h, part, len);
    if (!slot)
        return;
    pref *p = *slot;
    if (p->b == b)
        p->b = NULL;
    if (--p->n == 0)
        free(hmap_del(h, part, len));
}

/* Drop a business from the lookup maps and free it (no spelling points to it). */
static void biz_drop(mtable *t, biz *b)
{
    int32_t cp[KEY_CP + 1];
    int n;
    decode(b->key, cp, &n);
    if (n >= 4 && n <= KEY_CP) {
        char sig[KEY_CP * 10];
        size_t sl = signature(t, cp, n, sig, sizeof sig);
        void **slot = hmap_find(t->sound, sig, sl);
        if (slot && *slot == b)
            hmap_del(t->sound, sig, sl);
    }
    for (int k = 2; k <= n - 2 && n <= KEY_CP; k++)
        pref_leave(t->prefix, b->key, prefix_bytes(b->key, k), b);
    for (int k = 2, kmax = place_head_max(cp, n); k <= kmax; k++) {
        const char *tail = b->key + prefix_bytes(b->key, k);
        pref_leave(t->suffix, tail, strlen(tail), b);
    }
    if (b->alone) {
        void **slot = hmap_find(t->alone, b->alone, strlen(b->alone));
        if (slot && *slot == b)
            hmap_del(t->alone, b->alone, strlen(b->alone));
        t->key_bytes -= 2 * strlen(b->alone);
    }
    t->key_bytes -= 2 * strlen(b->key);
    hmap_del(t->bizs, b->key, strlen(b->key));
    biz_free(b);
}

static void release(mtable *t, biz *b)
{
    if (--b->spells == 0)
        biz_drop(t, b);
}

/* A new business for key, entered in the lookup maps. */
static biz *biz_add(mtable *t, const char *key, const int32_t *cp, int n, const mt_query *q)
{
    biz *b = calloc(1, sizeof *b);
    if (!b || !(b->key = strdup(key))) {
        free(b);
        return NULL;
    }
    b->sector = (int)q->sector >= 0 && q->sector < SECTOR_N ? (int)q->sector : SECTOR_OTHER;
    b->verbatim = q->name && strstr(q->name, key) != NULL;
    void **slot;
    int added;
    if (hmap_put(t->bizs, key, strlen(key), &slot, &added) != 0) {
        biz_free(b);
        return NULL;
    }
    *slot = b;
    t->key_bytes += 2 * strlen(key);
    if (n >= 4 && n <= KEY_CP) {
        char sig[KEY_CP * 10];
        size_t sl = signature(t, cp, n, sig, sizeof sig);
        if (hmap_put(t->sound, sig, sl, &slot, &added) != 0)
            return NULL;
        if (added)
            *slot = b;
    }
    /* the first business keyed so on its own owns that key */
    if (q->alone && *q->alone) {
        if (hmap_put(t->alone, q->alone, strlen(q->alone), &slot, &added) != 0)
            return NULL;
        if (added) {
            if (!(b->alone = strdup(q->alone))) {
                hmap_del(t->alone, q->alone, strlen(q->alone));
                return NULL;
            }
            *slot = b;
            t->key_bytes += 2 * strlen(q->alone);
        }
    }
    /* prefixes that leave at least two code points (an industry word) */
    for (int k = 2; k <= n - 2 && n <= KEY_CP; k++)
        if (pref_join(t->prefix, key, prefix_bytes(key, k), b) < 0)
            return NULL;
    /* the name less a place written before it (五台山|莲台客栈), at least
     * three code points left */
    for (int k = 2, kmax = place_head_max(cp, n); k <= kmax; k++) {
        const char *tail = key + prefix_bytes(key, k);
        if (pref_join(t->suffix, tail, strlen(tail), b) < 0)
            return NULL;
    }
    return b;
}

/* Forget businesses quiet for the horizon, once per day of event time. */
static qs_rc sweep(mtable *t, qs_err *err)
{
    if (!t->horizon_ms || t->now - t->swept < DAY_MS)
        return QS_OK;
    t->swept = t->now;
    int64_t cut = t->now - t->horizon_ms;
    size_t pos = 0, nstale = 0, len;
    const char *key;
    void *v;
    while (hmap_next(t->spells, &pos, &key, &len, &v))
        nstale += ((spell *)v)->last_t < cut;
    if (!nstale)
        return QS_OK;
    char **stale = malloc(nstale * sizeof *stale);
    if (!stale)
        return qs_fail(err, QS_ENOMEM, "out of memory sweeping the merchant table");
    size_t j = 0;
    pos = 0;
    while (j < nstale && hmap_next(t->spells, &pos, &key, &len, &v)) {
        if (((spell *)v)->last_t >= cut)
            continue;
        if (!(stale[j] = malloc(len + 1))) {
            while (j)
                free(stale[--j]);
            free(stale);
            return qs_fail(err, QS_ENOMEM, "out of memory sweeping the merchant table");
        }
        memcpy(stale[j], key, len);
        stale[j++][len] = '\0';
    }
    /* the set removed does not depend on the walk's order */
    for (size_t i = 0; i < j; i++) {
        spell *s = hmap_del(t->spells, stale[i], strlen(stale[i]));
        t->key_bytes -= strlen(stale[i]);
        long before = (long)hmap_count(t->bizs);
        release(t, s->b);
        t->st.evicted += before - (long)hmap_count(t->bizs);
        t->key_bytes -= s->op1 ? strlen(s->op1) : 0;
        spell_free(s);
        free(stale[i]);
    }
    free(stale);
    return QS_OK;
}

/* A host and the host's live room (鞋厂老陈, 鞋厂老陈直播间): one business,
 * whatever sectors the goods of each complaint gave them. The business the
 * other of the pair keys, or NULL. */
static biz *live_pair(const mtable *t, const char *key)
{
    size_t kl = strlen(key), wl = sizeof MERCH_LIVE_WORD - 1;
    int room = merch_ends_live(key);
    size_t host = room ? kl - wl : kl, ol = room ? host : kl + wl; /* the room's host, the host's room */
    char other[256];
    if (host < 6 || ol > sizeof other) /* a host of two characters at least */
        return NULL;
    memcpy(other, key, host);
    if (ol > host)
        memcpy(other + host, MERCH_LIVE_WORD, wl); /* the host's room */
    void **slot = hmap_find(t->bizs, other, ol);
    return slot ? *slot : NULL;
}

/* The business keyed as q on its own, 字号 as written (筑美装修, 筑美装饰
 * and 贵阳筑美装饰工程有限公司 are 筑美家居): its region, trade word, shop
 * word and organisation form aside, one business; NULL when none or its
 * sector disagrees. */
static biz *alone_match(const mtable *t, const mt_query *q, int *how)
{
    void **slot;
    biz *b = q->alone && *q->alone && (slot = hmap_find(t->alone, q->alone, strlen(q->alone))) ? *slot : NULL;
    if (!b || !compatible(b->sector, q->sector))
        return NULL;
    *how = 4;
    return b;
}

/* The business q joins, or NULL for a new one. *how: 1 sound, 2 head
 * (a trade name alone, or a host and the host's room), 3 operator, 4 alone,
 * 5 longer (a known trade name with more after it), 6 place (a known name
 * with a place before it, or without the place it was first written with).
 * *provisional: a homophone join. */
static biz *match(mtable *t, const mt_query *q, const int32_t *cp, int n, int *how, int *provisional)
{
    void **slot;
    *how = *provisional = 0;
    /* the operator's field names a business we know, one name containing
     * the other (丰动 in 丰动直播间): the operator settles it */
    if (q->op_key && *q->op_key && strcmp(q->op_key, q->key) != 0 &&
        related(q->op_key, q->key)) {
        spell *s = (slot = hmap_find(t->spells, q->op_key, strlen(q->op_key))) ? *slot : NULL;
        biz *b = s ? s->b : (slot = hmap_find(t->bizs, q->op_key, strlen(q->op_key))) ? *slot : NULL;
        if (b && compatible(b->sector, q->sector)) {
            *how = 3;
            return b;
        }
    }
    biz *host = live_pair(t, q->key);
    if (host) {
        *how = 2;
        return host;
    }
    if (n > KEY_CP)
        return alone_match(t, q, how);
    /* a homophone in the 字号: the one difference, as written */
    if (n >= 4) {
        char sig[KEY_CP * 10];
        size_t sl = signature(t, cp, n, sig, sizeof sig);
        biz *b = (slot = hmap_find(t->sound, sig, sl)) ? *slot : NULL;
        if (b) {
            int32_t bc[KEY_CP + 1];
            int bn, diff = 0;
            decode(b->key, bc, &bn);
            for (int k = 0; k < n && k < bn; k++)
                diff += bc[k] != cp[k];
            int confirmed = q->op_key && strcmp(q->op_key, q->key) == 0;
            if (bn == n && diff == 1 && b->verbatim && q->name && strstr(q->name, q->key) &&
                compatible(b->sector, q->sector) && b->n >= TYPO_MIN_SEEN && !confirmed) {
                *how = 1;
                *provisional = 1;
                return b;
            }
            t->st.refused++;
        }
    }
    /* a trade name alone: the one business whose key starts with it; a
     * room no business has yet is its host's name alone (在辰雅旗舰，主播…:
     * 辰雅 keyed as 辰雅直播间 joins 辰雅旗舰店, the one 辰雅 known) */
    size_t head = strlen(q->key);
    if (merch_ends_live(q->key) && head > sizeof MERCH_LIVE_WORD - 1)
        head -= sizeof MERCH_LIVE_WORD - 1;
    pref *p = (slot = hmap_find(t->prefix, q->key, head)) ? *slot : NULL;
    if (p) {
        if (p->n == 1 && p->b && compatible(p->b->sector, q->sector)) {
            *how = 2;
            return p->b;
        }
        t->st.refused++;
        return alone_match(t, q, how);
    }
    /* the other way round: a known trade name told with what it sells or
     * does after it (蟹老大 and now 蟹老大大闸蟹, 金牛 and 金牛农机), the
     * longest business the key starts with, two code points left over */
    for (int k = n - 2; k >= 2 && n <= KEY_CP; k--) {
        biz *b = (slot = hmap_find(t->bizs, q->key, prefix_bytes(q->key, k))) ? *slot : NULL;
        if (!b)
            continue;
        /* one such longer name per business: a second that is not the
         * first told differently (星河健身, then 星河汽修, after 星河) may be
         * another business sharing the trade name; so may any when other
         * businesses already start with it */
        int shared = hmap_find(t->prefix, b->key, strlen(b->key)) != NULL;
        if (!shared && compatible(b->sector, q->sector) && (!b->ext || related(b->ext, q->key))) {
            *how = 5;
            return b;
        }
        t->st.refused++;
        break;
    }
    /* a known name with a place written before it (五台山莲台客栈 after
     * 莲台客栈), or the name alone after the place (莲台客栈 after
     * 五台山莲台客栈, the one business so written): a scenic spot, a
     * village or a town is where the business is, not a part of its name */
    for (int k = 2, kmax = place_head_max(cp, n); k <= kmax; k++) {
        const char *tail = q->key + prefix_bytes(q->key, k);
        biz *b = (slot = hmap_find(t->bizs, tail, strlen(tail))) ? *slot : NULL;
        if (b && compatible(b->sector, q->sector)) {
            *how = 6;
            return b;
        }
    }
    p = n >= 3 && (slot = hmap_find(t->suffix, q->key, strlen(q->key))) ? *slot : NULL;
    if (p && p->n == 1 && p->b && compatible(p->b->sector, q->sector)) {
        *how = 6;
        return p->b;
    }
    return alone_match(t, q, how);
}

/* The operators' fields seen with spelling s. It names no one business
 * (万达 cut out of X超市(万达店) and Y直播间(万达店)) when the fields give it
 * to two different businesses and most fields name another business than
 * it: a shop whose operators now and then record the platform instead stays
 * a shop. */
static qs_rc op_evidence(mtable *t, spell *s, const char *key, const char *op_key)
{
    if (!op_key || !*op_key)
        return QS_OK;
    if (related(op_key, key)) {
        s->op_agree++;
        return QS_OK;
    }
    s->op_other++;
    if (s->two_ops)
        return QS_OK;
    if (!s->op1) {
        if (!(s->op1 = strdup(op_key)))
            return QS_ENOMEM;
        t->key_bytes += strlen(op_key);
        return QS_OK;
    }
    if (related(s->op1, op_key))
        return QS_OK;
    void **a = hmap_find(t->spells, s->op1, strlen(s->op1)), **b = hmap_find(t->spells, op_key, strlen(op_key));
    if (a && b && ((spell *)*a)->b == ((spell *)*b)->b)
        return QS_OK; /* two spellings of one business */
    s->two_ops = 1;
    return QS_OK;
}

static int ambiguous(const spell *s)
{
    return s && s->two_ops && s->op_other > s->op_agree;
}

static qs_rc resolve_one(mtable *t, const mt_query *q, mt_answer *out, qs_err *err);

/* A spelling of key pointing to b (no record counted yet). */
static qs_rc spell_add(mtable *t, const char *key, biz *b, int64_t t_ms, qs_err *err)
{
    spell *s = calloc(1, sizeof *s);
    void **slot;
    int added;
    if (!s || hmap_put(t->spells, key, strlen(key), &slot, &added) != 0) {
        free(s);
        return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
    }
    *slot = s;
    t->key_bytes += strlen(key);
    s->b = b;
    s->last_t = t_ms;
    b->spells++;
    return QS_OK;
}

qs_rc mt_alias(mtable *t, const char *a, const char *b, int64_t t_ms, qs_err *err)
{
    if (!a || !b || !*a || !*b || strcmp(a, b) == 0)
        return QS_OK;
    void **slot;
    spell *sa = (slot = hmap_find(t->spells, a, strlen(a))) ? *slot : NULL;
    spell *sb = (slot = hmap_find(t->spells, b, strlen(b))) ? *slot : NULL;
    if (!sa && !sb)
        return QS_OK;
    if (sa && sb) {
        if (sa->b == sb->b)
            return QS_OK;
        spell *from = sa->b->n < sb->b->n ? sa : sb, *to = from == sa ? sb : sa;
        biz *old = from->b;
        from->b = to->b;
        from->provisional = 0;
        to->b->spells++;
        t->st.merged_rename++;
        release(t, old);
        return QS_OK;
    }
    qs_rc rc = sa ? spell_add(t, b, sa->b, t_ms, err) : spell_add(t, a, sb->b, t_ms, err);
    t->st.merged_rename += rc == QS_OK;
    return rc;
}

qs_rc mt_resolve(mtable *t, const mt_query *q, mt_answer *out, qs_err *err)
{
    if (!t->have_now || q->t_ms > t->now) {
        if (!t->have_now)
            t->swept = q->t_ms;
        t->have_now = 1;
        t->now = q->t_ms;
    }
    if (sweep(t, err) != QS_OK)
        return err ? err->rc : QS_ENOMEM;
    void **slot = hmap_find(t->spells, q->key, strlen(q->key));
    spell *s = slot ? *slot : NULL;
    if (s && op_evidence(t, s, q->key, q->op_key) != QS_OK)
        return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
    if (ambiguous(s) && q->op_key && *q->op_key && !related(q->op_key, q->key)) {
        /* the text's name is ambiguous: the operator's field settles it */
        mt_query o = {q->op_key, NULL, q->op_key, q->sector, q->t_ms, NULL};
        t->st.by_operator++;
        qs_rc rc = resolve_one(t, &o, out, err);
        out->by_operator = 1;
        return rc;
    }
    qs_rc rc = resolve_one(t, q, out, err);
    if (rc != QS_OK)
        return rc;
    if (!s) {
        slot = hmap_find(t->spells, q->key, strlen(q->key));
        if (slot && op_evidence(t, *slot, q->key, q->op_key) != QS_OK)
            return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
        s = slot ? *slot : NULL;
    }
    out->doubtful = ambiguous(s);
    t->st.doubtful += out->doubtful;
    return QS_OK;
}

static qs_rc resolve_one(mtable *t, const mt_query *q, mt_answer *out, qs_err *err)
{
    size_t klen = strlen(q->key);
    int32_t cp[KEY_CP + 1];
    int n;
    decode(q->key, cp, &n);
    void **slot;
    spell *s = (slot = hmap_find(t->spells, q->key, klen)) ? *slot : NULL;
    if (s && s->provisional) {
        biz *b = s->b;
        /* a homophone spelling that keeps coming back, or that the operator
         * writes, is a business of its own */
        int own = (double)(s->n + 1) > TYPO_SHARE * (double)b->n ||
                  (q->op_key && strcmp(q->op_key, q->key) == 0);
        if (own) {
            biz *nb = (slot = hmap_find(t->bizs, q->key, klen)) ? *slot : NULL;
            if (!nb && !(nb = biz_add(t, q->key, cp, n, q)))
                return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
            nb->spells++;
            s->b = nb;
            s->provisional = 0;
            t->st.refused++;
            release(t, b);
        }
    }
    if (!s) {
        biz *b = (slot = hmap_find(t->bizs, q->key, klen)) ? *slot : NULL;
        int how = 0, prov = 0;
        if (!b && (b = match(t, q, cp, n, &how, &prov)) == NULL &&
            !(b = biz_add(t, q->key, cp, n, q)))
            return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
        if (how == 5 && !b->ext && !(b->ext = strdup(q->key)))
            return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
        if (!(s = calloc(1, sizeof *s)))
            return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
        int added;
        if (hmap_put(t->spells, q->key, klen, &slot, &added) != 0) {
            free(s);
            return qs_fail(err, QS_ENOMEM, "out of memory in the merchant table");
        }
        *slot = s;
        t->key_bytes += klen;
        s->b = b;
        s->provisional = prov;
        b->spells++;
        t->st.merged_sound += how == 1;
        t->st.merged_head += how == 2;
        t->st.merged_operator += how == 3;
        t->st.merged_alone += how == 4;
        t->st.merged_longer += how == 5;
        t->st.merged_place += how == 6;
    }
    s->n++;
    if (q->t_ms > s->last_t || s->n == 1)
        s->last_t = q->t_ms;
    vote(s->b, q->sector);
    out->key = s->b->key;
    out->sector = (tax_sector)s->b->sector;
    out->merged = strcmp(s->b->key, q->key) != 0;
    out->doubtful = out->by_operator = 0;
    return QS_OK;
}
