/* secmodel.c: the learned sector of the text (see secmodel.h): loading,
 * prediction, training and writing of models/sector.model. */
#include "secmodel.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "strtab.h"
#include "mapfile.h"
#include "mimage.h"

#define K SECTOR_N

struct secm_model {
    size_t n_feat;
    char **feat;     /* sorted feature strings */
    mapfile image;   /* when mapped (len > 0), feat[i] and w point into this
                        read-only model image instead of being allocated */
    double *w;       /* n_feat x K */
    double bias[K];
    clf_findex *ix;  /* feat compiled for clf_feature_ids */
};

void secm_free(secm_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_feat && m->feat && !m->image.len; i++)
        free(m->feat[i]);
    free(m->feat);
    if (!m->image.len)
        free(m->w);
    mapfile_close(&m->image);
    clf_findex_free(m->ix);
    free(m);
}

size_t secm_n_features(const secm_model *m)
{
    return m->n_feat;
}

size_t secm_scratch_words(const secm_model *m)
{
    return (m->n_feat + 63) / 64 + 1;
}

void secm_predict(const secm_model *m, const clf_text *t, const seg_token *toks, size_t n_toks,
                  uint64_t *scratch, double *prob)
{
    size_t nw = (m->n_feat + 63) / 64;
    memset(scratch, 0, nw * sizeof *scratch);
    clf_feature_ids(t, toks, n_toks, m->ix, scratch);
    double z[K] = {0};
    size_t nnz = 0;
    for (size_t w = 0; w < nw; w++)
        for (uint64_t b = scratch[w]; b; b &= b - 1) {
            const double *row = m->w + (w * 64 + (size_t)__builtin_ctzll(b)) * K;
            for (int c = 0; c < K; c++)
                z[c] += row[c];
            nnz++;
        }
    double s = nnz ? 1 / sqrt((double)nnz) : 0, mx = -HUGE_VAL, sum = 0;
    for (int c = 0; c < K; c++) {
        z[c] = m->bias[c] + z[c] * s;
        if (z[c] > mx)
            mx = z[c];
    }
    for (int c = 0; c < K; c++)
        sum += prob[c] = exp(z[c] - mx);
    for (int c = 0; c < K; c++)
        prob[c] /= sum;
}

/* ---- loading ---- */

/* The next line of fp without its newline in *line (grown as needed);
 * -1 at the end of the file or a line not ending in a newline (truncated). */
static int next_line(FILE *fp, char **line, size_t *cap, int *lineno)
{
    ssize_t n = getline(line, cap, fp);
    if (n <= 0 || (*line)[n - 1] != '\n')
        return -1;
    (*line)[n - 1] = '\0';
    ++*lineno;
    return 0;
}

/* A decimal number as printf's %g writes it ([-]digits[.digits][e[+-]digits])
 * at *s; *s moves past it. strtod costs a thousand instructions a number,
 * and a model has a quarter of a million of them to read at start-up.
 * -1 when there is no such number. */
static int read_num(const char **s, double *out)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = *s;
    int neg = *p == '-';
    p += neg;
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (digits < 18)
            mant = mant * 10 + (uint64_t)(*p - '0');
        else
            scale++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            if (digits < 18)
                mant = mant * 10 + (uint64_t)(*p - '0'), scale--;
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = *p == '-', e = 0, ed = 0;
        p += *p == '-' || *p == '+';
        for (; *p >= '0' && *p <= '9' && ed < 4; p++, ed++)
            e = e * 10 + (*p - '0');
        if (!ed)
            return -1;
        scale += eneg ? -e : e;
    }
    if (scale < -22 || scale > 22)
        return -1;
    double v = (double)mant;
    v = scale < 0 ? v / p10[-scale] : v * p10[scale];
    *out = neg ? -v : v;
    *s = p;
    return 0;
}

/* "index:value index:value ..." or "-" into row[K] (zeros elsewhere). */
static int parse_weights(const char *s, double *row)
{
    if (strcmp(s, "-") == 0)
        return 0;
    while (*s) {
        int c = 0, nd = 0;
        for (; *s >= '0' && *s <= '9' && nd < 3; s++, nd++)
            c = c * 10 + (*s - '0');
        if (!nd || *s != ':' || c >= K)
            return -1;
        s++;
        if (read_num(&s, &row[c]) != 0 || (*s && *s != ' '))
            return -1;
        s += *s == ' ';
    }
    return 0;
}

/* ---- the compiled image ---- */

/* The feature rows are most of a model file and most of its reading time.
 * The image (data/sector.bin, written at build time by secm_image_write,
 * see mimage.h) holds them ready, rows n_feat x K weights. The header
 * lines are still read from the text, and the image applies only to the
 * text it was made from, whatever path that text was found at; otherwise
 * the text is read whole. */
static const mimage_kind secm_image_kind = {"qssecimg", 4, {K, 0, 0}, K * sizeof(double)};

/* The model in fp (a model file's text) named path; its feature strings,
 * rows and index from img when one applies (its mapping is then the
 * model's). */
static secm_model *load_stream(FILE *fp, const char *path, mimage *img, qs_err *err)
{
    secm_model *m = calloc(1, sizeof *m);
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    const char *what = NULL;
    if (!m) {
        qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        goto fail;
    }
    char fmt[64];
    int ver;
    if (next_line(fp, &line, &cap, &lineno) != 0 || sscanf(line, "%63s %d", fmt, &ver) != 2 ||
        strcmp(fmt, SECM_FORMAT) != 0) {
        what = "not a sector model (first line must be \"" SECM_FORMAT " 1\")";
        goto bad;
    }
    if (ver != SECM_VERSION) {
        what = "a sector model of another format version";
        goto bad;
    }
    long v = -1;
    int have_sectors = 0, have_bias = 0;
    /* header lines until vocab */
    for (;;) {
        if (next_line(fp, &line, &cap, &lineno) != 0) {
            what = "ends before its vocabulary (truncated?)";
            goto bad;
        }
        if (strncmp(line, "recipe ", 7) == 0 || strncmp(line, "train_records ", 14) == 0 ||
            strncmp(line, "lambda ", 7) == 0)
            continue;
        if (strncmp(line, "sectors ", 8) == 0) {
            char *p = line + 8;
            for (int c = 0; c < K; c++) {
                const char *code = tax_sector_code((tax_sector)c);
                size_t l = strlen(code);
                if (strncmp(p, code, l) != 0 || (p[l] != ' ' && p[l] != '\0')) {
                    what = "its sector codes differ from this build's taxonomy";
                    goto bad;
                }
                p += l + (p[l] == ' ');
            }
            if (*p) {
                what = "its sector codes differ from this build's taxonomy";
                goto bad;
            }
            have_sectors = 1;
            continue;
        }
        if (strncmp(line, "bias ", 5) == 0) {
            char *p = line + 5, *end;
            for (int c = 0; c < K; c++, p = end) {
                m->bias[c] = strtod(p, &end);
                if (end == p || !isfinite(m->bias[c])) {
                    what = "expected SECTOR_N numbers after bias";
                    goto bad;
                }
            }
            if (*p) {
                what = "expected SECTOR_N numbers after bias";
                goto bad;
            }
            have_bias = 1;
            continue;
        }
        if (sscanf(line, "vocab %ld", &v) == 1 && v >= 0)
            break;
        what = "unexpected header line";
        goto bad;
    }
    if (!have_sectors || !have_bias) {
        what = have_sectors ? "no bias line before vocab" : "no sectors line before vocab";
        goto bad;
    }
    m->n_feat = (size_t)v;
    m->feat = calloc(m->n_feat ? m->n_feat : 1, sizeof *m->feat);
    m->w = calloc((m->n_feat ? m->n_feat : 1) * K, sizeof *m->w);
    if (!m->feat || !m->w) {
        qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        goto fail;
    }
    if (img->map.len) {
        free(m->w); /* the image's rows, the same size, used where they lie */
        m->w = NULL;
        if (mimage_take(img, m->n_feat, m->feat, &m->image, &m->ix, err) != QS_OK)
            goto fail;
        /* read-only: nothing writes a loaded model's weights */
        m->w = (double *)img->rows;
        free(line);
        return m;
    }
    for (size_t i = 0; i < m->n_feat; i++) {
        if (next_line(fp, &line, &cap, &lineno) != 0) {
            what = "fewer features than its vocab line says (truncated?)";
            goto bad;
        }
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || parse_weights(tab + 1, m->w + i * K) != 0) {
            what = "expected a feature, a tab and index:weight pairs";
            goto bad;
        }
        *tab = '\0';
        if (i > 0 && strcmp(m->feat[i - 1], line) >= 0) {
            what = "features not sorted or given twice";
            goto bad;
        }
        if (!(m->feat[i] = strdup(line))) {
            qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
            goto fail;
        }
    }
    if (next_line(fp, &line, &cap, &lineno) != 0 || strcmp(line, "end") != 0) {
        what = "no \"end\" line after the vocabulary (truncated?)";
        goto bad;
    }
    if (!(m->ix = clf_findex_new(m->feat, m->n_feat, err)))
        goto fail;
    free(line);
    return m;
bad:
    qs_fail(err, QS_EDATA, "%s:%d: %s; rebuild it with sh models/sector.sh", path, lineno, what);
fail:
    free(line);
    secm_free(m);
    return NULL;
}

/* The model in text[0..len) named path, with the feature rows of an image
 * made from it when with_image. */
static secm_model *load_text(const char *text, size_t len, const char *path, int with_image, qs_err *err)
{
    mimage img = {0};
    char image_path[4096];
    secm_model *m = NULL;
    FILE *fp = NULL;
    if (with_image && paths_find("data/sector.bin", image_path, sizeof image_path) == 0 &&
        mimage_open(image_path, &secm_image_kind, text, len, &img, err) != QS_OK)
        return NULL;
    /* the text read as a stream, as the line reader takes it ("r": the
     * stream never writes to its buffer) */
    if (!(fp = len ? fmemopen((char *)text, len, "r") : fopen("/dev/null", "r"))) {
        qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
        goto out;
    }
    m = load_stream(fp, path, &img, err);
    fclose(fp);
out:
    mapfile_close(&img.map);
    return m;
}

secm_model *secm_load(const char *path, qs_err *err)
{
    mapfile text;
    if (mapfile_open(path, "sector model", &text, err) != QS_OK)
        return NULL;
    secm_model *m = load_text(text.data, text.len, path, 1, err);
    mapfile_close(&text);
    return m;
}

qs_rc secm_image_write(const char *model_path, const char *out_path, qs_err *err)
{
    mapfile text;
    qs_rc rc = mapfile_open(model_path, "sector model", &text, err);
    if (rc != QS_OK)
        return rc;
    secm_model *m = load_text(text.data, text.len, model_path, 0, err); /* the text alone, never an old image */
    if (m) {
        const void *rows[] = {m->w};
        size_t bytes[] = {sizeof *m->w * m->n_feat * K};
        rc = mimage_write(out_path, &secm_image_kind, text.data, text.len, m->feat, m->n_feat, rows, bytes, 1, m->ix,
                          err);
    } else {
        rc = err ? err->rc : QS_EDATA;
    }
    mapfile_close(&text);
    secm_free(m);
    return rc;
}

/* ---- training ---- */

struct secm_trainer {
    strtab *vocab;    /* features, ids in order of first sight */
    uint32_t *feats;  /* every document's distinct feature ids, back to back */
    size_t n_feats, feats_cap;
    size_t *doc_at;   /* doc d: feats[doc_at[d] .. doc_at[d + 1]) */
    uint8_t *y;
    size_t n_docs, docs_cap;
    uint32_t *seen;   /* id -> last document (+ 1) it was seen in */
    size_t seen_cap;
};

secm_trainer *secm_trainer_new(qs_err *err)
{
    secm_trainer *tr = calloc(1, sizeof *tr);
    if (!tr || !(tr->vocab = strtab_new()) || !(tr->doc_at = malloc(sizeof *tr->doc_at))) {
        secm_trainer_free(tr);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    tr->doc_at[0] = 0;
    return tr;
}

void secm_trainer_free(secm_trainer *tr)
{
    if (!tr)
        return;
    strtab_free(tr->vocab);
    free(tr->feats);
    free(tr->doc_at);
    free(tr->y);
    free(tr->seen);
    free(tr);
}

size_t secm_trainer_count(const secm_trainer *tr)
{
    return tr->n_docs;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * size);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

static int take_feature(void *arg, const char *s, size_t len)
{
    secm_trainer *tr = arg;
    uint32_t id;
    int added;
    if (grow((void **)&tr->seen, &tr->seen_cap, strtab_count(tr->vocab) + 1, sizeof *tr->seen) != 0 ||
        strtab_id(tr->vocab, s, len, &id, &added) != 0)
        return -1;
    if (added)
        tr->seen[id] = 0;
    if (tr->seen[id] == tr->n_docs + 1)
        return 0; /* binary: once per text */
    tr->seen[id] = (uint32_t)tr->n_docs + 1;
    if (grow((void **)&tr->feats, &tr->feats_cap, tr->n_feats + 1, sizeof *tr->feats) != 0)
        return -1;
    tr->feats[tr->n_feats++] = id;
    return 0;
}

qs_rc secm_trainer_add(secm_trainer *tr, const clf_text *t, const seg_token *toks, size_t n_toks,
                       tax_sector gold, qs_err *err)
{
    if ((int)gold < 0 || gold >= SECTOR_N)
        return qs_fail(err, QS_EINVAL, "sector out of range");
    size_t cap = tr->docs_cap;
    if (grow((void **)&tr->y, &tr->docs_cap, tr->n_docs + 1, 1) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory collecting sector examples");
    if (tr->docs_cap != cap) {
        size_t *p = realloc(tr->doc_at, (tr->docs_cap + 1) * sizeof *p);
        if (!p)
            return qs_fail(err, QS_ENOMEM, "out of memory collecting sector examples");
        tr->doc_at = p;
    }
    qs_rc rc = clf_features(t, toks, n_toks, take_feature, tr, err);
    if (rc != QS_OK)
        return rc;
    tr->y[tr->n_docs] = (uint8_t)gold;
    tr->doc_at[++tr->n_docs] = tr->n_feats;
    return QS_OK;
}

/* The fitting problem: documents as lists of kept feature indexes. */
typedef struct fit {
    const secm_trainer *tr;
    const int32_t *keep; /* vocab id -> model index, -1 when dropped */
    size_t V;
    double lambda;
} fit;

/* Mean cross-entropy plus lambda/2 |W|^2; parameters: V x K weights then K biases. */
static void fit_fdf(const gsl_vector *pv, void *arg, double *f, gsl_vector *gv)
{
    const fit *ft = arg;
    const secm_trainer *tr = ft->tr;
    const double *p = pv->data;
    double *g = gv ? gv->data : NULL;
    size_t V = ft->V;
    double loss = 0, inv_n = 1.0 / (double)tr->n_docs;
    if (g)
        memset(g, 0, (V * K + K) * sizeof *g);
    for (size_t d = 0; d < tr->n_docs; d++) {
        size_t a = tr->doc_at[d], b = tr->doc_at[d + 1], nnz = 0;
        double z[K];
        memcpy(z, p + V * K, sizeof z);
        for (size_t i = a; i < b; i++)
            nnz += ft->keep[tr->feats[i]] >= 0;
        double s = nnz ? 1 / sqrt((double)nnz) : 0;
        for (size_t i = a; i < b; i++) {
            int32_t j = ft->keep[tr->feats[i]];
            if (j < 0)
                continue;
            for (int c = 0; c < K; c++)
                z[c] += p[(size_t)j * K + c] * s;
        }
        double mx = z[0], sum = 0;
        for (int c = 1; c < K; c++)
            if (z[c] > mx)
                mx = z[c];
        for (int c = 0; c < K; c++)
            sum += exp(z[c] - mx);
        loss += (mx + log(sum) - z[tr->y[d]]) * inv_n;
        if (!g)
            continue;
        double r[K];
        for (int c = 0; c < K; c++)
            r[c] = (exp(z[c] - mx) / sum - (c == tr->y[d])) * inv_n;
        for (int c = 0; c < K; c++)
            g[V * K + c] += r[c];
        for (size_t i = a; i < b; i++) {
            int32_t j = ft->keep[tr->feats[i]];
            if (j < 0)
                continue;
            for (int c = 0; c < K; c++)
                g[(size_t)j * K + c] += r[c] * s;
        }
    }
    for (size_t i = 0; i < V * K; i++) {
        loss += 0.5 * ft->lambda * p[i] * p[i];
        if (g)
            g[i] += ft->lambda * p[i];
    }
    *f = loss;
}

static double fit_f(const gsl_vector *p, void *arg)
{
    double f;
    fit_fdf(p, arg, &f, NULL);
    return f;
}

static void fit_df(const gsl_vector *p, void *arg, gsl_vector *g)
{
    double f;
    fit_fdf(p, arg, &f, g);
}

/* Sort ids by their strings (a merge sort: the order of equal keys, and so
 * the file, does not depend on the C library's qsort). */
static void sort_ids(uint32_t *ids, uint32_t *tmp, size_t n, const strtab *names)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_ids(ids, tmp, h, names);
    sort_ids(ids + h, tmp, n - h, names);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = strcmp(strtab_str(names, ids[i]), strtab_str(names, ids[j])) <= 0 ? ids[i++] : ids[j++];
    while (i < h)
        tmp[k++] = ids[i++];
    while (j < n)
        tmp[k++] = ids[j++];
    memcpy(ids, tmp, n * sizeof *ids);
}

qs_rc secm_trainer_fit_write(secm_trainer *tr, double lambda, int max_iter, int min_df, const char *path,
                             const char *recipe, qs_err *err)
{
    if (tr->n_docs == 0)
        return qs_fail(err, QS_EINVAL, "no training texts with a gold sector");
    size_t NV = strtab_count(tr->vocab);
    uint32_t *df = calloc(NV ? NV : 1, sizeof *df), *ids = malloc((NV ? NV : 1) * sizeof *ids),
             *tmp = malloc((NV ? NV : 1) * sizeof *tmp);
    int32_t *keep = malloc((NV ? NV : 1) * sizeof *keep);
    gsl_vector *x = NULL;
    gsl_multimin_fdfminimizer *s = NULL;
    FILE *fp = NULL;
    qs_rc rc = QS_OK;
    if (!df || !ids || !tmp || !keep) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory fitting the sector model");
        goto done;
    }
    for (size_t i = 0; i < tr->n_feats; i++)
        df[tr->feats[i]]++;
    size_t V = 0;
    for (size_t i = 0; i < NV; i++)
        if (df[i] >= (uint32_t)min_df)
            ids[V++] = (uint32_t)i;
    sort_ids(ids, tmp, V, tr->vocab);
    for (size_t i = 0; i < NV; i++)
        keep[i] = -1;
    for (size_t j = 0; j < V; j++)
        keep[ids[j]] = (int32_t)j;
    fit ft = {tr, keep, V, lambda};
    size_t np = V * K + K;
    x = gsl_vector_calloc(np);
    s = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, np);
    if (!x || !s) {
        rc = qs_fail(err, QS_ENOMEM, "out of memory fitting the sector model");
        goto done;
    }
    gsl_multimin_function_fdf F = {fit_f, fit_df, fit_fdf, np, &ft};
    gsl_set_error_handler_off();
    int status = gsl_multimin_fdfminimizer_set(s, &F, x, 0.5, 0.1);
    if (status) {
        rc = qs_fail(err, QS_ESTAT, "minimiser setup: %s", gsl_strerror(status));
        goto done;
    }
    for (int it = 0; it < max_iter; it++) {
        if (gsl_multimin_fdfminimizer_iterate(s))
            break; /* no further progress: the last point is kept */
        if (gsl_multimin_test_gradient(s->gradient, 1e-6) == GSL_SUCCESS)
            break;
    }
    const double *p = s->x->data;
    if (!(fp = fopen(path, "w"))) {
        rc = qs_fail(err, QS_EIO, "cannot write %s: %s", path, strerror(errno));
        goto done;
    }
    fprintf(fp, "%s %d\n", SECM_FORMAT, SECM_VERSION);
    fprintf(fp, "recipe %s\n", recipe && *recipe ? recipe : "-");
    fprintf(fp, "train_records %zu\nlambda %g\nsectors", tr->n_docs, lambda);
    for (int c = 0; c < K; c++)
        fprintf(fp, " %s", tax_sector_code((tax_sector)c));
    fputs("\nbias", fp);
    for (int c = 0; c < K; c++)
        fprintf(fp, " %.6g", p[V * K + c]);
    fprintf(fp, "\nvocab %zu\n", V);
    for (size_t j = 0; j < V; j++) {
        fprintf(fp, "%s\t", strtab_str(tr->vocab, ids[j]));
        int any = 0;
        for (int c = 0; c < K; c++) {
            double w = p[j * K + c];
            if (fabs(w) < 1e-4)
                continue;
            fprintf(fp, "%s%d:%.4g", any ? " " : "", c, w);
            any = 1;
        }
        fputs(any ? "\n" : "-\n", fp);
    }
    fputs("end\n", fp);
    if (fclose(fp) != 0)
        rc = qs_fail(err, QS_EIO, "cannot write %s: %s", path, strerror(errno));
    fp = NULL;
done:
    if (fp)
        fclose(fp);
    if (s)
        gsl_multimin_fdfminimizer_free(s);
    gsl_vector_free(x);
    free(df);
    free(ids);
    free(tmp);
    free(keep);
    return rc;
}
