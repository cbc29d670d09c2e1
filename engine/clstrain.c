/* clstrain.c: fitting the issue/tag model (see clstrain.h). */
#include "clstrain.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clsmodel.h"
#include "hmap.h"
#include "strtab.h"

/* ---- corpus: the documents as sparse binary feature rows ---- */

typedef struct corpus {
    size_t n_docs;
    size_t *off;      /* doc d's features: idx[off[d] .. off[d+1]) */
    uint32_t *idx;
    double *x;        /* per-doc value of each active feature (1/sqrt(count)) */
    double *lex;      /* n_docs x ISSUE_N keyword scores */
    double *tlex;     /* n_docs x TAG_N tag keyword scores */
    int *y;
    unsigned *tags;
    unsigned char *cal; /* in the calibration fold */
    size_t V;
    char **feat;      /* V vocabulary strings, sorted */
} corpus;

static void corpus_free(corpus *c)
{
    free(c->off);
    free(c->idx);
    free(c->x);
    free(c->lex);
    free(c->tlex);
    free(c->y);
    free(c->tags);
    free(c->cal);
    if (c->feat)
        for (size_t i = 0; i < c->V; i++)
            free(c->feat[i]);
    free(c->feat);
}

/* Interning of feature strings during the first pass. */
typedef struct intern {
    strtab *tab;
    uint32_t *doc;    /* ids of the current document */
    size_t dn, dcap;
} intern;

static int intern_emit(void *ctx, const char *s, size_t len)
{
    intern *in = ctx;
    uint32_t id;
    if (strtab_id(in->tab, s, len, &id, NULL) != 0)
        return -1;
    if (in->dn == in->dcap) {
        size_t nc = in->dcap ? in->dcap * 2 : 512;
        uint32_t *nd = realloc(in->doc, nc * sizeof *nd);
        if (!nd)
            return -1;
        in->doc = nd, in->dcap = nc;
    }
    in->doc[in->dn++] = id;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

typedef struct strref {
    const char *s;
    uint32_t id;
} strref;

static int cmp_strref(const void *a, const void *b)
{
    return strcmp(((const strref *)a)->s, ((const strref *)b)->s);
}

static int in_cal_fold(const char *id, unsigned long seed)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%lu:", seed);
    uint64_t h = hmap_hash(buf, (size_t)n);
    /* continue FNV-1a over the id */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return (h >> 17) % 5 == 0;
}

static qs_rc build_corpus(const clstrain_example *ex, size_t n, const clstrain_opts *o, corpus *c,
                          qs_err *err)
{
    memset(c, 0, sizeof *c);
    intern in = {0};
    in.tab = strtab_new();
    size_t rows_cap = 1 << 16, rows_n = 0;
    uint32_t *rows = malloc(rows_cap * sizeof *rows); /* deduplicated interned ids per doc */
    size_t *roff = malloc((n + 1) * sizeof *roff);
    c->n_docs = n;
    c->lex = calloc(n * ISSUE_N + 1, sizeof *c->lex);
    c->tlex = calloc(n * TAG_N + 1, sizeof *c->tlex);
    c->y = calloc(n + 1, sizeof *c->y);
    c->tags = calloc(n + 1, sizeof *c->tags);
    c->cal = calloc(n + 1, 1);
    qs_rc rc = QS_OK;
    if (!in.tab || !rows || !roff || !c->lex || !c->tlex || !c->y || !c->tags || !c->cal) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory building the training corpus");
        goto out;
    }
    roff[0] = 0;
    for (size_t d = 0; d < n; d++) {
        clf_text t;
        rc = clf_fold(o->nc, ex[d].text, ex[d].len, &t, err);
        if (rc != QS_OK)
            goto out;
        in.dn = 0;
        const seg_token *toks = NULL;
        size_t n_toks = 0;
        if (o->seg)
            rc = seg_run(o->seg, ex[d].text, ex[d].len, &toks, &n_toks, err);
        if (rc == QS_OK)
            rc = clf_features(&t, toks, n_toks, intern_emit, &in, err);
        if (rc == QS_OK) {
            clf_lex_score(o->keywords, &t, c->lex + d * ISSUE_N);
            clf_lex_score(o->tagwords, &t, c->tlex + d * TAG_N);
        }
        clf_text_free(&t);
        if (rc != QS_OK)
            goto out;
        if (in.dn)
            qsort(in.doc, in.dn, sizeof *in.doc, cmp_u32);
        for (size_t i = 0; i < in.dn; i++) {
            if (i && in.doc[i] == in.doc[i - 1])
                continue;
            if (rows_n == rows_cap) {
                uint32_t *nr = realloc(rows, rows_cap * 2 * sizeof *nr);
                if (!nr) {
                    rc = qs_fail(err, QS_ENOMEM, "out of memory building the training corpus");
                    goto out;
                }
                rows = nr, rows_cap *= 2;
            }
            rows[rows_n++] = in.doc[i];
        }
        roff[d + 1] = rows_n;
        c->y[d] = ex[d].issue;
        c->tags[d] = ex[d].tags;
        c->cal[d] = (unsigned char)in_cal_fold(ex[d].id, o->seed);
    }
    /* document frequencies, vocabulary in byte order of the strings */
    size_t nv = strtab_count(in.tab);
    uint32_t *df = calloc(nv + 1, sizeof *df);
    uint32_t *remap = malloc((nv + 1) * sizeof *remap);
    strref *keep = malloc((nv + 1) * sizeof *keep);
    if (!df || !remap || !keep) {
        free(df), free(remap), free(keep);
        rc = qs_fail(err, QS_ENOMEM, "out of memory building the vocabulary");
        goto out;
    }
    for (size_t i = 0; i < rows_n; i++)
        df[rows[i]]++;
    size_t V = 0;
    for (size_t i = 0; i < nv; i++)
        if ((int)df[i] >= o->min_df)
            keep[V].s = strtab_str(in.tab, (uint32_t)i), keep[V].id = (uint32_t)i, V++;
    qsort(keep, V, sizeof *keep, cmp_strref);
    for (size_t i = 0; i < nv; i++)
        remap[i] = UINT32_MAX;
    c->feat = calloc(V + 1, sizeof *c->feat);
    if (!c->feat) {
        free(df), free(remap), free(keep);
        rc = qs_fail(err, QS_ENOMEM, "out of memory building the vocabulary");
        goto out;
    }
    for (size_t v = 0; v < V; v++) {
        remap[keep[v].id] = (uint32_t)v;
        c->feat[v] = strtab_take(in.tab, keep[v].id);
    }
    c->V = V;
    free(df), free(keep);
    /* the rows again, in vocabulary indexes */
    c->off = malloc((n + 1) * sizeof *c->off);
    c->idx = malloc((rows_n + 1) * sizeof *c->idx);
    c->x = malloc((n + 1) * sizeof *c->x);
    if (!c->off || !c->idx || !c->x) {
        free(remap);
        rc = qs_fail(err, QS_ENOMEM, "out of memory building the training corpus");
        goto out;
    }
    size_t k = 0;
    c->off[0] = 0;
    for (size_t d = 0; d < n; d++) {
        size_t start = k;
        for (size_t i = roff[d]; i < roff[d + 1]; i++)
            if (remap[rows[i]] != UINT32_MAX)
                c->idx[k++] = remap[rows[i]];
        qsort(c->idx + start, k - start, sizeof *c->idx, cmp_u32);
        c->off[d + 1] = k;
        c->x[d] = k > start ? 1.0 / sqrt((double)(k - start)) : 0;
    }
    free(remap);
out:
    strtab_free(in.tab);
    free(in.doc);
    free(rows);
    free(roff);
    if (rc != QS_OK)
        corpus_free(c);
    return rc;
}

/* ---- multinomial logistic regression: params W (V x K), b (K), beta ---- */

typedef struct fit {
    const corpus *c;
    int use_cal;      /* 0: train-fold docs only; 1: all docs */
    double lambda;
    int tag;          /* binary fits: which tag */
    size_t n_used;
    double cw[ISSUE_N]; /* issue fits: per-class weight of a text's loss */
    const double *s;  /* issue fits: prior scale of each weight (V x ISSUE_N), or NULL */
} fit;

static int doc_used(const fit *ft, size_t d)
{
    return ft->use_cal || !ft->c->cal[d];
}

static void issue_logits(const corpus *c, const double *p, const double *s, size_t d, double *z)
{
    const size_t V = c->V;
    const double *b = p + V * ISSUE_N, beta = p[V * ISSUE_N + ISSUE_N];
    for (int k = 0; k < ISSUE_N; k++)
        z[k] = b[k] + beta * c->lex[d * ISSUE_N + k];
    for (size_t i = c->off[d]; i < c->off[d + 1]; i++) {
        const double *w = p + (size_t)c->idx[i] * ISSUE_N;
        if (s) {
            const double *sc = s + (size_t)c->idx[i] * ISSUE_N;
            for (int k = 0; k < ISSUE_N; k++)
                z[k] += w[k] * sc[k] * c->x[d];
        } else {
            for (int k = 0; k < ISSUE_N; k++)
                z[k] += w[k] * c->x[d];
        }
    }
}

static double lse(const double *z, int n)
{
    double m = z[0], s = 0;
    for (int k = 1; k < n; k++)
        if (z[k] > m)
            m = z[k];
    for (int k = 0; k < n; k++)
        s += exp(z[k] - m);
    return m + log(s);
}

static void issue_fdf(const gsl_vector *pv, void *params, double *f, gsl_vector *gv)
{
    const fit *ft = params;
    const corpus *c = ft->c;
    const size_t V = c->V, NW = V * ISSUE_N;
    const double *p = pv->data;
    double *g = gv ? gv->data : NULL;
    if (g)
        memset(g, 0, (NW + ISSUE_N + 1) * sizeof *g);
    double loss = 0, inv = 1.0 / (double)ft->n_used;
    double z[ISSUE_N];
    for (size_t d = 0; d < c->n_docs; d++) {
        if (!doc_used(ft, d))
            continue;
        issue_logits(c, p, ft->s, d, z);
        double l = lse(z, ISSUE_N);
        double wd = ft->cw[c->y[d]];
        loss += wd * (l - z[c->y[d]]);
        if (!g)
            continue;
        double gk[ISSUE_N];
        for (int k = 0; k < ISSUE_N; k++)
            gk[k] = wd * (exp(z[k] - l) - (k == c->y[d])) * inv;
        for (size_t i = c->off[d]; i < c->off[d + 1]; i++) {
            double *gw = g + (size_t)c->idx[i] * ISSUE_N;
            const double *sc = ft->s ? ft->s + (size_t)c->idx[i] * ISSUE_N : NULL;
            for (int k = 0; k < ISSUE_N; k++)
                gw[k] += gk[k] * c->x[d] * (sc ? sc[k] : 1.0);
        }
        for (int k = 0; k < ISSUE_N; k++) {
            g[NW + k] += gk[k];
            g[NW + ISSUE_N] += gk[k] * c->lex[d * ISSUE_N + k];
        }
    }
    double reg = 0;
    for (size_t i = 0; i < NW; i++) {
        reg += p[i] * p[i];
        if (g)
            g[i] += ft->lambda * p[i];
    }
    *f = loss * inv + 0.5 * ft->lambda * reg;
}

/* ---- binary logistic regression for tag ft->tag: params v (V), c, gamma ---- */

static double tag_logit(const corpus *c, const double *p, size_t d, int tag)
{
    const size_t V = c->V;
    double s = p[V] + p[V + 1] * c->tlex[d * TAG_N + tag];
    for (size_t i = c->off[d]; i < c->off[d + 1]; i++)
        s += p[c->idx[i]] * c->x[d];
    return s;
}

static void tag_fdf(const gsl_vector *pv, void *params, double *f, gsl_vector *gv)
{
    const fit *ft = params;
    const corpus *c = ft->c;
    const size_t V = c->V;
    const double *p = pv->data;
    double *g = gv ? gv->data : NULL;
    if (g)
        memset(g, 0, (V + 2) * sizeof *g);
    double loss = 0, inv = 1.0 / (double)ft->n_used;
    for (size_t d = 0; d < c->n_docs; d++) {
        if (!doc_used(ft, d))
            continue;
        double s = tag_logit(c, p, d, ft->tag);
        int yv = (c->tags[d] >> ft->tag) & 1;
        /* log(1 + e^s) - y s, computed stably */
        loss += (s > 0 ? s + log1p(exp(-s)) : log1p(exp(s))) - yv * s;
        if (!g)
            continue;
        double gs = (1.0 / (1.0 + exp(-s)) - yv) * inv;
        for (size_t i = c->off[d]; i < c->off[d + 1]; i++)
            g[c->idx[i]] += gs * c->x[d];
        g[V] += gs;
        g[V + 1] += gs * c->tlex[d * TAG_N + ft->tag];
    }
    double reg = 0;
    for (size_t i = 0; i < V; i++) {
        reg += p[i] * p[i];
        if (g)
            g[i] += ft->lambda * p[i];
    }
    *f = loss * inv + 0.5 * ft->lambda * reg;
}

static double fdf_f(const gsl_vector *p, void *params, void (*fn)(const gsl_vector *, void *, double *, gsl_vector *))
{
    double f;
    fn(p, params, &f, NULL);
    return f;
}

static double issue_f(const gsl_vector *p, void *params) { return fdf_f(p, params, issue_fdf); }
static void issue_df(const gsl_vector *p, void *params, gsl_vector *g)
{
    double f;
    issue_fdf(p, params, &f, g);
}
static double tag_f(const gsl_vector *p, void *params) { return fdf_f(p, params, tag_fdf); }
static void tag_df(const gsl_vector *p, void *params, gsl_vector *g)
{
    double f;
    tag_fdf(p, params, &f, g);
}

/* Minimise from x (updated in place). */
static qs_rc minimise(gsl_multimin_function_fdf *F, gsl_vector *x, int max_iter, int *iters,
                      double *fmin, qs_err *err)
{
    gsl_multimin_fdfminimizer *s =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, F->n);
    if (!s)
        return qs_fail(err, QS_ENOMEM, "out of memory for the minimiser");
    int status = gsl_multimin_fdfminimizer_set(s, F, x, 0.5, 0.1);
    if (status) {
        gsl_multimin_fdfminimizer_free(s);
        return qs_fail(err, QS_ESTAT, "minimiser setup: %s", gsl_strerror(status));
    }
    int it = 0;
    while (it < max_iter) {
        it++;
        status = gsl_multimin_fdfminimizer_iterate(s);
        if (status) /* GSL_ENOPROG: no further progress along the line: done */
            break;
        if (gsl_multimin_test_gradient(s->gradient, 1e-6) == GSL_SUCCESS)
            break;
    }
    gsl_vector_memcpy(x, s->x);
    *fmin = s->f;
    *iters = it;
    gsl_multimin_fdfminimizer_free(s);
    if (!isfinite(*fmin))
        return qs_fail(err, QS_ESTAT, "training diverged");
    return QS_OK;
}

/* Temperature minimising the calibration fold's negative log-likelihood
 * (golden-section search over log T). */
/* Temperature minimising the negative log-likelihood of m labelled logit
 * rows (golden-section search over log T); *acc and *conf get the accuracy
 * and mean confidence at that temperature. */
static double fit_T(const double *z, const int *y, size_t m, double *acc, double *conf)
{
    *acc = *conf = 0;
    if (m == 0)
        return 1.0;
    double lo = log(0.05), hi = log(20.0);
    const double gr = (sqrt(5.0) - 1) / 2;
    double nll[2], u[2];
    for (int iter = 0; iter < 60; iter++) {
        u[0] = hi - gr * (hi - lo);
        u[1] = lo + gr * (hi - lo);
        for (int q = 0; q < 2; q++) {
            double T = exp(u[q]), s = 0, zz[ISSUE_N];
            for (size_t i = 0; i < m; i++) {
                for (int k = 0; k < ISSUE_N; k++)
                    zz[k] = z[i * ISSUE_N + k] / T;
                s += lse(zz, ISSUE_N) - zz[y[i]];
            }
            nll[q] = s;
        }
        if (nll[0] < nll[1])
            hi = u[1];
        else
            lo = u[0];
    }
    double T = exp((lo + hi) / 2);
    for (size_t i = 0; i < m; i++) {
        double zz[ISSUE_N];
        int best = 0;
        for (int k = 0; k < ISSUE_N; k++) {
            zz[k] = z[i * ISSUE_N + k] / T;
            if (zz[k] > zz[best])
                best = k;
        }
        *acc += best == y[i];
        *conf += exp(zz[best] - lse(zz, ISSUE_N));
    }
    *acc /= (double)m;
    *conf /= (double)m;
    return T;
}

/* Temperature on the calibration fold of the corpus under parameters p. */
static qs_rc fold_temperature(const corpus *c, const double *p, const double *sc, double *T, size_t *n_cal,
                              double *acc, double *conf, qs_err *err)
{
    size_t m = 0;
    for (size_t d = 0; d < c->n_docs; d++)
        m += c->cal[d];
    *n_cal = m;
    double *z = malloc((m + 1) * ISSUE_N * sizeof *z);
    int *y = malloc((m + 1) * sizeof *y);
    if (!z || !y) {
        free(z), free(y);
        return qs_fail(err, QS_ENOMEM, "out of memory calibrating");
    }
    size_t j = 0;
    for (size_t d = 0; d < c->n_docs; d++)
        if (c->cal[d]) {
            issue_logits(c, p, sc, d, z + j * ISSUE_N);
            y[j++] = c->y[d];
        }
    *T = fit_T(z, y, m, acc, conf);
    free(z), free(y);
    return QS_OK;
}

/* Temperature on separate calibration examples, scored by the finished model. */
static qs_rc file_temperature(const cls_model *m, const clstrain_opts *o, double *T, double *acc,
                              double *conf, qs_err *err)
{
    size_t n = o->n_calib;
    double *z = malloc((n + 1) * ISSUE_N * sizeof *z);
    int *y = malloc((n + 1) * sizeof *y);
    if (!z || !y) {
        free(z), free(y);
        return qs_fail(err, QS_ENOMEM, "out of memory calibrating");
    }
    qs_rc rc = QS_OK;
    for (size_t i = 0; i < n && rc == QS_OK; i++) {
        const seg_token *toks = NULL;
        size_t n_toks = 0;
        if (o->seg)
            rc = seg_run(o->seg, o->calib[i].text, o->calib[i].len, &toks, &n_toks, err);
        if (rc == QS_OK)
            rc = cls_scores(m, o->nc, o->calib[i].text, o->calib[i].len, toks, n_toks,
                            z + i * ISSUE_N, NULL, NULL, err);
        y[i] = o->calib[i].issue;
    }
    if (rc == QS_OK)
        *T = fit_T(z, y, n, acc, conf);
    free(z), free(y);
    return rc;
}

/* Naive-Bayes prior scales of the issue weights (NBSVM, Wang and Manning
 * 2012, carried over to the multinomial model): weight w[v][k] is fitted
 * as s[v][k] * u with the L2 penalty on u, s = (1 - nb_beta) + nb_beta *
 * |r| / mean |r|, r = log((a / |a|) / (b / |b|)) the log-count ratio of
 * feature v in texts of class k (a, add-one counts) against the other
 * classes (b). A feature that tells the classes apart in the counts gets a
 * loose prior, one spread evenly over them (的, 我, 了) a tight one: with a
 * few hundred texts a class, the plain L2 prior let frequent but
 * uninformative features carry much of the decision. *out NULL with
 * nb_beta 0 (all scales 1). */
static qs_rc prior_scales(const corpus *c, const clstrain_opts *o, double **out, qs_err *err)
{
    *out = NULL;
    if (o->nb_beta <= 0)
        return QS_OK;
    const size_t V = c->V;
    double *s = malloc((V * ISSUE_N + 1) * sizeof *s);
    double *cnt = calloc(V * ISSUE_N + 1, sizeof *cnt), tot[ISSUE_N] = {0}, all = 0, mean = 0;
    if (!s || !cnt) {
        free(s), free(cnt);
        return qs_fail(err, QS_ENOMEM, "out of memory for the prior scales");
    }
    for (size_t d = 0; d < c->n_docs; d++)
        for (size_t i = c->off[d]; i < c->off[d + 1]; i++)
            cnt[(size_t)c->idx[i] * ISSUE_N + c->y[d]] += 1.0;
    for (size_t i = 0; i < V * ISSUE_N; i++)
        cnt[i] += 1.0;
    for (size_t v = 0; v < V; v++)
        for (int k = 0; k < ISSUE_N; k++)
            tot[k] += cnt[v * ISSUE_N + k];
    for (int k = 0; k < ISSUE_N; k++)
        all += tot[k];
    for (size_t v = 0; v < V; v++) {
        const double *a = cnt + v * ISSUE_N;
        double row = 0;
        for (int k = 0; k < ISSUE_N; k++)
            row += a[k];
        for (int k = 0; k < ISSUE_N; k++) {
            double r = log((a[k] / tot[k]) / ((row - a[k]) / (all - tot[k])));
            s[v * ISSUE_N + k] = fabs(r);
            mean += fabs(r);
        }
    }
    free(cnt);
    mean = V ? mean / (double)(V * ISSUE_N) : 0;
    for (size_t i = 0; i < V * ISSUE_N; i++)
        s[i] = (1 - o->nb_beta) + o->nb_beta * (mean > 0 ? s[i] / mean : 1.0);
    *out = s;
    return QS_OK;
}

qs_rc clstrain_run(const clstrain_example *ex, size_t n, const clstrain_opts *o, cls_model **out,
                   qs_err *err)
{
    *out = NULL;
    if (n == 0)
        return qs_fail(err, QS_EINVAL, "no training examples");
    corpus c;
    qs_rc rc = build_corpus(ex, n, o, &c, err);
    if (rc != QS_OK)
        return rc;
    if (o->log)
        fprintf(o->log, "train: %zu texts, %zu features (min df %d)\n", n, c.V, o->min_df);
    cls_model *m = cls_model_new(c.V);
    double *scale = NULL;
    const size_t NI = c.V * ISSUE_N + ISSUE_N + 1, NT = c.V + 2;
    gsl_vector *xi = gsl_vector_calloc(NI), *xt = gsl_vector_calloc(NT);
    if (!m || !xi || !xt) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory for the model");
        goto done;
    }
    /* issue: fit on the training fold, calibrate on the held-out fold, refit on all */
    fit ft = {&c, 0, o->lambda, 0, 0, {0}, NULL};
    rc = prior_scales(&c, o, &scale, err);
    if (rc != QS_OK)
        goto done;
    ft.s = scale;
    /* rare classes weigh more (inverse frequency to the power class_power,
     * default 0.5; mean 1): macro-F1 counts every class alike */
    {
        double cnt[ISSUE_N] = {0}, sum = 0;
        for (size_t d = 0; d < n; d++)
            cnt[c.y[d]]++;
        for (int k = 0; k < ISSUE_N; k++)
            sum += cnt[k] * (ft.cw[k] = cnt[k] > 0 ? pow((double)n / (ISSUE_N * cnt[k]), o->class_power) : 0);
        for (int k = 0; k < ISSUE_N; k++)
            ft.cw[k] *= (double)n / sum;
    }
    for (size_t d = 0; d < n; d++)
        ft.n_used += !c.cal[d];
    gsl_vector_set(xi, NI - 1, 1.0); /* lexicon scale starts at 1 */
    gsl_multimin_function_fdf F = {issue_f, issue_df, issue_fdf, NI, &ft};
    int iters;
    double fmin, T = 1.0;
    if (o->n_calib == 0 && ft.n_used > 0 && ft.n_used < n) {
        rc = minimise(&F, xi, o->max_iter, &iters, &fmin, err);
        if (rc != QS_OK)
            goto done;
        size_t n_cal;
        double acc, conf;
        rc = fold_temperature(&c, xi->data, ft.s, &T, &n_cal, &acc, &conf, err);
        if (rc != QS_OK)
            goto done;
        if (o->log)
            fprintf(o->log,
                    "issue: fold fit %d iterations, loss %.4f; calibration fold %zu texts, "
                    "accuracy %.3f, mean confidence %.3f at temperature %.3f\n",
                    iters, fmin, n_cal, acc, conf, T);
    }
    ft.use_cal = 1;
    ft.n_used = n;
    rc = minimise(&F, xi, o->max_iter, &iters, &fmin, err);
    if (rc != QS_OK)
        goto done;
    if (o->log)
        fprintf(o->log, "issue: final fit %d iterations, loss %.4f, lexicon scale %.3f\n", iters,
                fmin, gsl_vector_get(xi, NI - 1));
    for (size_t i = 0; i < c.V * ISSUE_N; i++)
        m->w_issue[i] = xi->data[i] * (scale ? scale[i] : 1.0);
    memcpy(m->issue_bias, xi->data + c.V * ISSUE_N, ISSUE_N * sizeof *m->issue_bias);
    m->lex_scale = gsl_vector_get(xi, NI - 1);
    m->temperature = T;
    snprintf(m->calibration, sizeof m->calibration, "%s", T == 1.0 ? "none" : "fold 1/5");
    /* tags: one binary model each, on all texts */
    for (int t = 0; t < TAG_N; t++) {
        fit tf = {&c, 1, o->lambda, t, n, {0}, NULL};
        gsl_vector_set_zero(xt);
        gsl_vector_set(xt, NT - 1, 1.0);
        gsl_multimin_function_fdf G = {tag_f, tag_df, tag_fdf, NT, &tf};
        rc = minimise(&G, xt, o->max_iter, &iters, &fmin, err);
        if (rc != QS_OK)
            goto done;
        for (size_t v = 0; v < c.V; v++)
            m->w_tag[v * TAG_N + t] = xt->data[v];
        m->tag_bias[t] = xt->data[c.V];
        m->tag_lex_scale[t] = xt->data[c.V + 1];
        if (o->log)
            fprintf(o->log, "tag %-15s %3d iterations, loss %.4f, lexicon scale %.3f\n",
                    tax_tag_code((tax_tag)t), iters, fmin, m->tag_lex_scale[t]);
    }
    for (size_t v = 0; v < c.V; v++) {
        m->feat[v] = c.feat[v];
        c.feat[v] = NULL;
    }
    snprintf(m->feature_set, sizeof m->feature_set, "char1,char2,latin,digit%s%s",
             o->seg ? ",word" : "", o->nc ? ",fold=norm" : "");
    m->words = o->seg != NULL;
    snprintf(m->train_hash, sizeof m->train_hash, "%s", o->data_hash ? o->data_hash : "-");
    m->train_records = (long)n;
    m->seed = o->seed;
    m->lambda = o->lambda;
    m->kw.n_classes = ISSUE_N;
    m->tagkw.n_classes = TAG_N;
    for (size_t i = 0; i < o->keywords->n && rc == QS_OK; i++) {
        const clf_lex_entry *e = &o->keywords->e[i];
        rc = clf_lex_add(&m->kw, e->cls, e->kw, e->w, e->nonneg, e->code, err);
    }
    for (size_t i = 0; i < o->tagwords->n && rc == QS_OK; i++) {
        const clf_lex_entry *e = &o->tagwords->e[i];
        rc = clf_lex_add(&m->tagkw, e->cls, e->kw, e->w, e->nonneg, e->code, err);
    }
    if (rc == QS_OK)
        rc = cls_model_index(m, err);
    if (rc == QS_OK && o->n_calib > 0) {
        double acc, conf;
        rc = file_temperature(m, o, &m->temperature, &acc, &conf, err);
        snprintf(m->calibration, sizeof m->calibration, "file %s", o->calib_hash ? o->calib_hash : "-");
        if (rc == QS_OK && o->log)
            fprintf(o->log,
                    "issue: calibration file %zu texts, accuracy %.3f, mean confidence %.3f at "
                    "temperature %.3f\n",
                    o->n_calib, acc, conf, m->temperature);
    }
done:
    free(scale);
    gsl_vector_free(xi);
    gsl_vector_free(xt);
    corpus_free(&c);
    if (rc != QS_OK) {
        cls_free(m);
        return rc;
    }
    *out = m;
    return QS_OK;
}
