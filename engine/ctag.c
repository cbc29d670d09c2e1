/* ctag.c: the character tagger of business names (ctag.h): features,
 * Viterbi decoding, the averaged perceptron and the model file. */
#include "ctag.h"

#include "mapfile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB (1u << 18) /* hashed feature buckets */
#define NT 3          /* tags */
#define NF 21         /* features a position fires */
#define MAX_NAME 12   /* characters in a proposed name */
enum { T_O, T_B, T_I, T_START };

/* What the tagger keeps of a character (the trainer copies these). */
typedef struct cpos {
    int32_t c;    /* folded code point */
    uint32_t tok; /* hash of the token holding it */
    uint8_t lex;  /* mspan.h's lexicon bits */
    uint8_t info; /* bit 0 a token starts here, bit 1 may be in a name, bits 2-3 place in its token (single,
                     first, middle, last), bits 4-5 the token's length (1, 2, 3, more), bits 6-7 how the
                     dictionary knows the token (unknown, common, middling, rare) */
} cpos;

struct ctag_model {
    mapfile map;
    const float *trans; /* [previous tag or start][tag], 4 * NT, in the mapped file */
    const float *w;     /* NB * NT, in the mapped file */
};

static uint32_t hash_cps(const int32_t *f, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint32_t)f[i];
        h *= 16777619u;
    }
    return h;
}

/* Fill p[0..n) from t. */
static void describe(const mspan_text *t, cpos *p)
{
    size_t n = t->n;
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && !(t->tb && t->tb[b]))
            b++;
        size_t len = b - a;
        unsigned dict = 0;
        if (t->logp) {
            float lp = t->logp(t->logp_arg, t->f + a, len);
            dict = lp > 0 ? 0 : lp > -10.0f ? 1 : lp > -13.0f ? 2 : 3;
        }
        uint32_t h = hash_cps(t->f + a, len);
        unsigned lc = len >= 4 ? 3 : (unsigned)len - 1;
        for (size_t i = a; i < b; i++) {
            unsigned place = len == 1 ? 0 : i == a ? 1 : i + 1 == b ? 3 : 2;
            p[i].c = t->f[i];
            p[i].tok = h;
            p[i].lex = t->lex ? t->lex[i] : 0;
            p[i].info = (uint8_t)((i == a) | (t->name_ok[i] ? 2 : 0) | place << 2 | lc << 4 | dict << 6);
        }
        a = b;
    }
}

static inline uint32_t fhash(uint32_t tpl, uint32_t a, uint32_t b)
{
    uint64_t h = (uint64_t)(tpl + 1) * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)a + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
    h ^= ((uint64_t)b + 0x165667B19E3779F9ull) * 0x27D4EB2F165667C5ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (uint32_t)h & (NB - 1);
}

static uint32_t char_class(int32_t c)
{
    if (c < 0)
        return 5; /* outside the text */
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
        return 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    if (c >= '0' && c <= '9')
        return 2;
    if (c == ' ')
        return 3;
    return 4;
}

/* The buckets position i of p[0..n) fires. */
static void features(const cpos *p, size_t n, size_t i, uint32_t *x)
{
#define C(k) ((ptrdiff_t)i + (k) < 0 ? -1 : (size_t)((ptrdiff_t)i + (k)) >= n ? -2 : p[(ptrdiff_t)i + (k)].c)
    int32_t cm2 = C(-2), cm1 = C(-1), c0 = p[i].c, c1 = C(1), c2 = C(2);
#undef C
    uint32_t info = p[i].info, place = info >> 2 & 3;
    uint32_t lm1 = i > 0 ? p[i - 1].lex : 0x100, lp1 = i + 1 < n ? p[i + 1].lex : 0x100;
    int k = 0;
    x[k++] = fhash(0, (uint32_t)c0, 0);
    x[k++] = fhash(1, (uint32_t)cm1, 0);
    x[k++] = fhash(2, (uint32_t)c1, 0);
    x[k++] = fhash(3, (uint32_t)cm2, 0);
    x[k++] = fhash(4, (uint32_t)c2, 0);
    x[k++] = fhash(5, (uint32_t)cm1, (uint32_t)c0);
    x[k++] = fhash(6, (uint32_t)c0, (uint32_t)c1);
    x[k++] = fhash(7, (uint32_t)cm2, (uint32_t)cm1);
    x[k++] = fhash(8, (uint32_t)c1, (uint32_t)c2);
    x[k++] = fhash(9, (uint32_t)cm1, (uint32_t)c1);
    x[k++] = fhash(10, info >> 2, 0);
    x[k++] = fhash(11, place, (uint32_t)c0);
    x[k++] = fhash(12, p[i].lex, 0);
    x[k++] = fhash(13, lm1, 0);
    x[k++] = fhash(14, lp1, 0);
    x[k++] = fhash(15, char_class(cm1) << 8 | char_class(c0) << 4 | char_class(c1), 0);
    x[k++] = fhash(16, p[i].tok, place);
    /* the word before a token that starts here, the word after one that ends here */
    x[k++] = fhash(17, (info & 1) && i > 0 ? p[i - 1].tok : 0, info & 1);
    x[k++] = fhash(18, i + 1 < n && (p[i + 1].info & 1) ? p[i + 1].tok : 0, i + 1 >= n ? 2 : (p[i + 1].info & 1));
    x[k++] = fhash(19, i < 3 ? (uint32_t)i : 3, n - i < 3 ? (uint32_t)(n - i) : 3);
    x[k++] = fhash(20, 0, 0);
}

static inline int allowed(int prev, int tag, const cpos *pi)
{
    if (!(pi->info & 2) && tag != T_O)
        return 0;
    return !(tag == T_I && (prev == T_O || prev == T_START));
}

/* The emission scores of positions [0, n) into em: the weights are spread
 * over a table larger than the caches, so each position's buckets are
 * fetched (prefetched) a few positions before they are summed. */
#define AHEAD 4
static void emissions(const float *w, const cpos *p, size_t n, float *em)
{
    uint32_t x[AHEAD + 1][NF];
    for (size_t i = 0; i < n + AHEAD; i++) {
        if (i < n) {
            uint32_t *xi = x[i % (AHEAD + 1)];
            features(p, n, i, xi);
            for (int k = 0; k < NF; k++)
                __builtin_prefetch(&w[(size_t)xi[k] * NT]);
        }
        if (i >= AHEAD) {
            size_t j = i - AHEAD;
            const uint32_t *xj = x[j % (AHEAD + 1)];
            float s0 = 0, s1 = 0, s2 = 0;
            for (int k = 0; k < NF; k++) {
                const float *wk = &w[(size_t)xj[k] * NT];
                s0 += wk[0];
                s1 += wk[1];
                s2 += wk[2];
            }
            em[j * NT] = s0;
            em[j * NT + 1] = s1;
            em[j * NT + 2] = s2;
        }
    }
}

/* Viterbi over p[0..n): tags into y. em and back are n * NT scratch. */
static void decode(const float *w, const float *trans, const cpos *p, size_t n, float *em, uint8_t *back,
                   uint8_t *y)
{
    emissions(w, p, n, em);
    float prev[NT], cur[NT];
    for (int t = 0; t < NT; t++)
        prev[t] = allowed(T_START, t, &p[0]) ? trans[T_START * NT + t] + em[t] : -INFINITY;
    for (size_t i = 1; i < n; i++) {
        for (int t = 0; t < NT; t++) {
            float best = -INFINITY;
            int arg = T_O;
            for (int q = 0; q < NT; q++) {
                if (!allowed(q, t, &p[i]) || prev[q] == -INFINITY)
                    continue;
                float s = prev[q] + trans[q * NT + t];
                if (s > best) {
                    best = s;
                    arg = q;
                }
            }
            cur[t] = best == -INFINITY ? -INFINITY : best + em[i * NT + (size_t)t];
            back[i * NT + (size_t)t] = (uint8_t)arg;
        }
        memcpy(prev, cur, sizeof prev);
    }
    int t = T_O;
    for (int q = 1; q < NT; q++)
        if (prev[q] > prev[t])
            t = q;
    for (size_t i = n; i-- > 0;) {
        y[i] = (uint8_t)t;
        if (i > 0)
            t = back[i * NT + (size_t)t];
    }
}

/* ---------- the model file ---------- */

#define MAGIC "qunsu-ctag 1"
#define ALIGN 64 /* the weights start at a multiple of it: the mapping is page-aligned */

/* The file: the header line, the recipe line, NUL bytes up to a multiple
 * of ALIGN (at least one), the 4 * NT transition weights and the NB * NT
 * emission weights as floats of the writing machine, nothing after. */
ctag_model *ctag_load(const char *path, qs_err *err)
{
    ctag_model *m = calloc(1, sizeof *m);
    if (!m) {
        qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        return NULL;
    }
    if (mapfile_open(path, "tagger model", &m->map, err) != QS_OK) {
        free(m);
        return NULL;
    }
    const char *d = m->map.data;
    size_t len = m->map.len;
    const char *l1 = memchr(d, '\n', len);
    const char *l2 = l1 ? memchr(l1 + 1, '\n', len - (size_t)(l1 + 1 - d)) : NULL;
    size_t off = l2 ? (size_t)(l2 + 1 - d) : 0, body = off;
    while (body < len && d[body] == '\0' && (body == off || body % ALIGN))
        body++;
    char head[64] = {0};
    unsigned nb = 0, nt = 0, nf = 0;
    if (l1 && (size_t)(l1 - d) < sizeof head)
        memcpy(head, d, (size_t)(l1 - d));
    int ok = l2 && sscanf(head, MAGIC " %u %u %u", &nb, &nt, &nf) == 3 && nb == NB && nt == NT && nf == NF &&
             l1[1] == '#' && body > off && body % ALIGN == 0 &&
             len == body + (4 * NT + (size_t)NB * NT) * sizeof(float);
    if (ok) {
        m->trans = (const float *)(const void *)(d + body);
        m->w = m->trans + 4 * NT;
        for (size_t i = 0; ok && i < 4 * NT + (size_t)NB * NT; i++)
            ok = isfinite(m->trans[i]);
    }
    if (!ok) {
        ctag_free(m);
        qs_fail(err, QS_EDATA, "%s is no tagger model of this version or is damaged; run sh models/ctag.sh", path);
        return NULL;
    }
    return m;
}

void ctag_free(ctag_model *m)
{
    if (!m)
        return;
    mapfile_close(&m->map);
    free(m);
}

qs_rc ctag_spans(const ctag_model *m, const mspan_text *t, int32_t *out, float *score, size_t cap, size_t *n_out,
                 qs_err *err)
{
    *n_out = 0;
    size_t n = t->n;
    if (n == 0)
        return QS_OK;
    cpos *p = malloc(n * sizeof *p);
    float *em = malloc(n * NT * sizeof *em);
    uint8_t *back = malloc(n * NT), *y = malloc(n);
    if (!p || !em || !back || !y) {
        free(p);
        free(em);
        free(back);
        free(y);
        return qs_fail(err, QS_ENOMEM, "out of memory tagging names");
    }
    describe(t, p);
    decode(m->w, m->trans, p, n, em, back, y);
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap;) {
        if (y[i] != T_B) {
            i++;
            continue;
        }
        size_t e = i + 1;
        while (e < n && y[e] == T_I)
            e++;
        if (e - i >= 2 && e - i <= MAX_NAME) {
            out[2 * k] = (int32_t)i;
            out[2 * k + 1] = (int32_t)e;
            if (score)
                score[k] = em[i * NT + T_B] - em[i * NT + T_O];
            k++;
        }
        i = e;
    }
    *n_out = k;
    free(p);
    free(em);
    free(back);
    free(y);
    return QS_OK;
}

/* ---------- training ---------- */

struct ctag_trainer {
    cpos *p;      /* every text's characters, one after another */
    uint8_t *y;   /* their gold tags */
    size_t n, cap;
    size_t *at;   /* where each text starts in p; at[texts] = n */
    size_t texts, cap_texts;
};

ctag_trainer *ctag_trainer_new(qs_err *err)
{
    ctag_trainer *tr = calloc(1, sizeof *tr);
    if (tr)
        tr->at = malloc(sizeof *tr->at);
    if (!tr || !tr->at) {
        free(tr);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    tr->at[0] = 0;
    tr->cap_texts = 1;
    return tr;
}

void ctag_trainer_free(ctag_trainer *tr)
{
    if (!tr)
        return;
    free(tr->p);
    free(tr->y);
    free(tr->at);
    free(tr);
}

size_t ctag_trainer_texts(const ctag_trainer *tr)
{
    return tr->texts;
}

qs_rc ctag_trainer_add(ctag_trainer *tr, const mspan_text *t, const int32_t *gold, size_t n_gold, qs_err *err)
{
    size_t n = t->n;
    if (n == 0)
        return QS_OK;
    if (tr->n + n > tr->cap) {
        size_t cap = tr->cap ? tr->cap : 1 << 16;
        while (cap < tr->n + n)
            cap *= 2;
        cpos *p = realloc(tr->p, cap * sizeof *p);
        if (p)
            tr->p = p;
        uint8_t *y = realloc(tr->y, cap);
        if (y)
            tr->y = y;
        if (!p || !y)
            return qs_fail(err, QS_ENOMEM, "out of memory collecting texts");
        tr->cap = cap;
    }
    if (tr->texts + 2 > tr->cap_texts) {
        size_t cap = tr->cap_texts * 2 + 2;
        size_t *at = realloc(tr->at, cap * sizeof *at);
        if (!at)
            return qs_fail(err, QS_ENOMEM, "out of memory collecting texts");
        tr->at = at;
        tr->cap_texts = cap;
    }
    cpos *p = tr->p + tr->n;
    uint8_t *y = tr->y + tr->n;
    describe(t, p);
    memset(y, T_O, n);
    for (size_t g = 0; g < n_gold; g++) {
        int32_t s = gold[2 * g], e = gold[2 * g + 1];
        if (s < 0 || e <= s || (size_t)e > n)
            continue;
        int clash = 0;
        for (int32_t i = s; i < e && !clash; i++)
            clash = y[i] != T_O || !(p[i].info & 2);
        if (clash)
            continue;
        y[s] = T_B;
        for (int32_t i = s + 1; i < e; i++)
            y[i] = T_I;
    }
    tr->n += n;
    tr->at[++tr->texts] = tr->n;
    return QS_OK;
}

/* one weight update: w and its running sum for averaging (u += c * d) */
static inline void bump(float *w, double *u, size_t i, float d, double c)
{
    w[i] += d;
    u[i] += c * d;
}

qs_rc ctag_trainer_fit_write(ctag_trainer *tr, int epochs, unsigned seed, const char *path, const char *recipe,
                             qs_err *err)
{
    if (tr->texts == 0)
        return qs_fail(err, QS_EINVAL, "no texts to train the tagger on");
    size_t longest = 0;
    for (size_t d = 0; d < tr->texts; d++)
        if (tr->at[d + 1] - tr->at[d] > longest)
            longest = tr->at[d + 1] - tr->at[d];
    float *w = calloc((size_t)NB * NT, sizeof *w), trans[4 * NT] = {0};
    double *u = calloc((size_t)NB * NT, sizeof *u), ut[4 * NT] = {0};
    float *em = malloc(longest * NT * sizeof *em);
    uint8_t *back = malloc(longest * NT), *yp = malloc(longest);
    size_t *order = malloc(tr->texts * sizeof *order);
    qs_rc rc = QS_OK;
    if (!w || !u || !em || !back || !yp || !order) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory training the tagger");
        goto done;
    }
    for (size_t d = 0; d < tr->texts; d++)
        order[d] = d;
    uint64_t rng = seed * 6364136223846793005ull + 1442695040888963407ull;
    double c = 1;
    uint32_t x[NF];
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t d = tr->texts; d > 1; d--) { /* Fisher-Yates with a fixed generator */
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            size_t j = (size_t)(rng >> 33) % d;
            size_t tmp = order[d - 1];
            order[d - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t o = 0; o < tr->texts; o++, c++) {
            size_t d = order[o], a = tr->at[d], n = tr->at[d + 1] - a;
            const cpos *p = tr->p + a;
            const uint8_t *y = tr->y + a;
            decode(w, trans, p, n, em, back, yp);
            if (memcmp(y, yp, n) == 0)
                continue;
            for (size_t i = 0; i < n; i++) {
                int gp = i ? y[i - 1] : T_START, pp = i ? yp[i - 1] : T_START;
                if (y[i] == yp[i] && gp == pp)
                    continue;
                bump(trans, ut, (size_t)gp * NT + y[i], 1, c);
                bump(trans, ut, (size_t)pp * NT + yp[i], -1, c);
                if (y[i] == yp[i])
                    continue;
                features(p, n, i, x);
                for (int k = 0; k < NF; k++) {
                    bump(w, u, (size_t)x[k] * NT + y[i], 1, c);
                    bump(w, u, (size_t)x[k] * NT + yp[i], -1, c);
                }
            }
        }
    }
    for (size_t i = 0; i < (size_t)NB * NT; i++)
        w[i] = (float)(w[i] - u[i] / c);
    for (size_t i = 0; i < 4 * NT; i++)
        trans[i] = (float)(trans[i] - ut[i] / c);
    /* written beside the target, then renamed: an engine mapping the old
     * file keeps it, and a failed run leaves it in place */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        rc = qs_fail(err, QS_EINVAL, "path too long: %s", path);
        goto done;
    }
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        rc = qs_fail(err, QS_EIO, "cannot write %s: %s", tmp, strerror(errno));
        goto done;
    }
    /* the recipe is one line whatever it was given as */
    long head = fprintf(fp, MAGIC " %u %u %u\n# ", NB, NT, NF);
    for (const char *r = recipe ? recipe : ""; *r; r++, head++)
        fputc(*r == '\n' || *r == '\r' ? ' ' : *r, fp);
    fputc('\n', fp);
    for (long pad = ALIGN - (head + 1) % ALIGN; pad > 0; pad--)
        fputc('\0', fp);
    fwrite(trans, sizeof *trans, 4 * NT, fp);
    fwrite(w, sizeof *w, (size_t)NB * NT, fp);
    if (ferror(fp) | (fclose(fp) != 0))
        rc = qs_fail(err, QS_EIO, "write error on %s", tmp);
    if (rc == QS_OK && rename(tmp, path) != 0)
        rc = qs_fail(err, QS_EIO, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
    if (rc != QS_OK)
        remove(tmp);
done:
    free(w);
    free(u);
    free(em);
    free(back);
    free(yp);
    free(order);
    return rc;
}
