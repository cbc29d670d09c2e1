/* classify.c: the issue/tag model: loading and checking the model file,
 * scoring a text, writing the file (see classify.h, clsmodel.h). */
#define _GNU_SOURCE /* memmem */
#include "classify.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clsmodel.h"
#include "paths.h"
#include "mapfile.h"
#include "mimage.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

cls_model *cls_model_new(size_t n_feat)
{
    cls_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->temperature = 1.0;
    m->n_feat = n_feat;
    m->feat = calloc(n_feat ? n_feat : 1, sizeof *m->feat);
    m->w_issue = calloc(n_feat ? n_feat * ISSUE_N : 1, sizeof *m->w_issue);
    m->w_tag = calloc(n_feat ? n_feat * TAG_N : 1, sizeof *m->w_tag);
    if (!m->feat || !m->w_issue || !m->w_tag) {
        cls_free(m);
        return NULL;
    }
    return m;
}

void cls_free(cls_model *m)
{
    if (!m)
        return;
    if (m->feat && !m->image.len)
        for (size_t i = 0; i < m->n_feat; i++)
            free(m->feat[i]);
    free(m->feat);
    if (!m->image.len) {
        free(m->w_issue);
        free(m->w_tag);
        free(m->w_row);
    }
    mapfile_close(&m->image);
    clf_findex_free(m->fidx);
    free(m->lex_start);
    free(m->han_fold);
    free(m->stable);
    norm_free(m->nc);
    clf_lex_free(&m->kw);
    clf_lex_free(&m->tagkw);
    free(m);
}

/* The largest |w[k]| of w[0..CLS_ROW), or -1 when a weight is not finite
 * (a NaN fails every comparison, an infinity the bound). */
static double row_max(const double *w)
{
#ifdef __SSE2__
    const __m128d mag = _mm_castsi128_pd(_mm_set1_epi64x(INT64_MAX)), big = _mm_set1_pd(DBL_MAX);
    __m128d mx = _mm_setzero_pd(), finite = _mm_castsi128_pd(_mm_set1_epi64x(-1));
    for (int k = 0; k < CLS_ROW; k += 2) {
        __m128d a = _mm_and_pd(_mm_loadu_pd(w + k), mag);
        finite = _mm_and_pd(finite, _mm_cmple_pd(a, big));
        mx = _mm_max_pd(a, mx);
    }
    if (_mm_movemask_pd(finite) != 3)
        return -1;
    double lane[2];
    _mm_storeu_pd(lane, mx);
    return lane[1] > lane[0] ? lane[1] : lane[0];
#else
    double mx = 0;
    int finite = 1;
    for (int k = 0; k < CLS_ROW; k++) {
        double a = fabs(w[k]);
        finite &= a <= DBL_MAX;
        mx = a > mx ? a : mx;
    }
    return finite ? mx : -1;
#endif
}

/* One feature's weights wi[ISSUE_N] and wt[TAG_N] as a quantised row r.
 * Returns 0 when a weight is not finite. Several weights a step: this runs
 * for every weight at start-up. */
static int quantise_row(const double *wi, const double *wt, cls_qrow *r)
{
    double w[CLS_ROW] = {0};
    memcpy(w, wi, ISSUE_N * sizeof *w);
    memcpy(w + ISSUE_N, wt, TAG_N * sizeof *w);
    double mx = row_max(w);
    if (mx < 0)
        return 0;
    memset(r, 0, sizeof *r);
    r->scale = (float)(mx / 32767);
    /* rounded (half away from zero) against the float scale actually
     * stored; one that rounded down can put the largest weight a hair past
     * 32767, hence the bound. Plain arithmetic, no libm call. */
    double inv = r->scale > 0 ? 1 / (double)r->scale : 0;
#ifdef __SSE2__
    /* eight weights a step. |w[k] * inv| stays within 1.5 x 32767 (the
     * float scale is at most a third below max |w| / 32767, a denormal
     * one too, and inv is 0 when it is 0 or infinite), so the bound is
     * applied after the conversion to int32, by the saturating pack and a
     * max, to the same effect */
    const __m128d iv = _mm_set1_pd(inv), half = _mm_set1_pd(0.5), neg = _mm_set1_pd(-0.0);
    for (int k = 0; k < CLS_ROW; k += 8) {
        __m128i t[4];
        for (int j = 0; j < 4; j++) {
            __m128d x = _mm_mul_pd(_mm_loadu_pd(w + k + 2 * j), iv);
            /* x - 0.5 where x < 0, else x + 0.5; -0 goes to -0.5, which
             * converts to 0 as 0.5 does */
            x = _mm_add_pd(x, _mm_or_pd(_mm_and_pd(x, neg), half));
            t[j] = _mm_cvttpd_epi32(x);
        }
        __m128i q = _mm_packs_epi32(_mm_unpacklo_epi64(t[0], t[1]), _mm_unpacklo_epi64(t[2], t[3]));
        _mm_storeu_si128((__m128i *)(r->q + k), _mm_max_epi16(q, _mm_set1_epi16(-32767)));
    }
#else
    for (int k = 0; k < CLS_ROW; k++) {
        double x = w[k] * inv;
        x = x < 0 ? x - 0.5 : x + 0.5;
        x = x > 32767 ? 32767 : x < -32767 ? -32767 : x;
        r->q[k] = (int16_t)x;
    }
#endif
    return 1;
}

qs_rc cls_model_index(cls_model *m, qs_err *err)
{
    if (!m->image.len) {
        clf_findex_free(m->fidx);
        m->fidx = clf_findex_new(m->feat, m->n_feat, err);
    }
    if (!m->fidx)
        return err ? err->rc : QS_ENOMEM;
    free(m->lex_start);
    m->lex_start = clf_lex_pair_starts(&m->kw, &m->tagkw);
    if (!m->lex_start)
        return qs_fail(err, QS_ENOMEM, "out of memory indexing the model");
    if (m->image.len)
        return QS_OK; /* the image has the rows quantised */
    free(m->w_row);
    m->w_row = aligned_alloc(64, (m->n_feat ? m->n_feat : 1) * sizeof *m->w_row);
    if (!m->w_row)
        return qs_fail(err, QS_ENOMEM, "out of memory indexing the model");
    for (size_t i = 0; i < m->n_feat; i++)
        if (!quantise_row(m->w_issue + i * ISSUE_N, m->w_tag + i * TAG_N, &m->w_row[i]))
            return qs_fail(err, QS_EDATA, "model feature '%s' has a weight that is not finite",
                           m->feat[i]);
    return QS_OK;
}

const char *cls_feature_set(const cls_model *m) { return m->feature_set; }
size_t cls_n_features(const cls_model *m) { return m->n_feat; }
const char *cls_train_hash(const cls_model *m) { return m->train_hash; }
int cls_uses_words(const cls_model *m) { return m->words; }

/* ---- scoring ---- */

/* Texts up to this many bytes are folded, and up to this many feature
 * rows listed, in stack memory. */
#define CLS_STACK_TEXT 2048
#define CLS_STACK_ROWS 2048

/* A record's features are marked in a bitmap, with a byte a word saying
 * which words have a mark (clf_feature_marks), and read back in index
 * order. The map is kept per thread (the model is shared) and is all zero
 * between calls: reading a word back clears it, so no call clears or
 * allocates the whole map, which is far larger than the few hundred
 * features of a text. Models of more words than this get a zeroed map of
 * their own a call. */
#define CLS_MARK_WORDS 4096
static _Thread_local uint64_t mark_bits[CLS_MARK_WORDS];
static _Thread_local uint8_t mark_touched[CLS_MARK_WORDS] __attribute__((aligned(8)));

/* The rows of the ids marked in bits (with touched[0..nt), nt a multiple
 * of 8), in increasing order of id, into list, fetched; both maps cleared.
 * Returns how many. */
static size_t take_rows(uint64_t *bits, uint8_t *touched, size_t nt, const cls_qrow *rows,
                        const cls_qrow **list)
{
    size_t u = 0;
    /* eight words' bytes at a time: most are 0 */
    for (size_t k = 0; k < nt; k += 8) {
        uint64_t a;
        memcpy(&a, touched + k, sizeof a);
        if (!a)
            continue;
        memset(touched + k, 0, sizeof a);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        a = __builtin_bswap64(a); /* byte j of the eight at bit 8 j */
#endif
        /* a touched byte is 1: its bit is the lowest of its eight */
        for (; a; a &= a - 1) {
            size_t w = k + (unsigned)__builtin_ctzll(a) / 8;
            const cls_qrow *wr = rows + w * 64; /* the rows of word w */
            /* a touched word has a mark */
            uint64_t b = bits[w];
            do {
                const cls_qrow *r = wr + (unsigned)__builtin_ctzll(b);
                __builtin_prefetch(r);
                list[u++] = r;
            } while (b &= b - 1);
            bits[w] = 0;
        }
    }
    return u;
}

typedef int16_t v2hi __attribute__((vector_size(4)));
typedef int32_t v2si __attribute__((vector_size(8)));
typedef double v2df __attribute__((vector_size(16)));

/* acc[k] += q[k] * (scale * x) over the rows list[0..u), in that order,
 * for each of the CLS_ROW classes, two lanes a vector; int16 goes to double
 * by way of int32, the two widenings the instruction set has. */
static void sum_rows(double *acc, const cls_qrow *const *list, size_t u, double x)
{
    v2df a[CLS_ROW / 2];
    memcpy(a, acc, sizeof a);
    for (size_t q = 0; q < u; q++) {
        const cls_qrow *r = list[q];
        double s = (double)r->scale * x;
        v2df sv = {s, s};
#pragma GCC unroll 16
        for (int k = 0; k < CLS_ROW / 2; k++) {
            v2hi v;
            memcpy(&v, r->q + 2 * k, sizeof v);
            a[k] += __builtin_convertvector(__builtin_convertvector(v, v2si), v2df) * sv;
        }
    }
    memcpy(acc, a, sizeof a);
}

#if defined(__x86_64__) && defined(__GNUC__)
#define CLS_HAVE_AVX2 1
#include <immintrin.h>

/* The same for processors with AVX2, four weights a step: widened to
 * int32 straight from memory (one instruction with the load), then to
 * double, multiplied and added; no fused multiply-add, which would round
 * differently. */
__attribute__((target("avx2"))) static void sum_rows_avx2(double *acc, const cls_qrow *const *list,
                                                         size_t u, double x)
{
    __m256d a[CLS_ROW / 4];
    for (int k = 0; k < CLS_ROW / 4; k++)
        a[k] = _mm256_loadu_pd(acc + 4 * k);
#pragma GCC unroll 2
    for (size_t q = 0; q < u; q++) {
        const cls_qrow *r = list[q];
        __m256d sv = _mm256_set1_pd((double)r->scale * x);
#pragma GCC unroll 8
        for (int k = 0; k < CLS_ROW / 4; k++) {
            __m128i v = _mm_cvtepi16_epi32(_mm_loadl_epi64((const __m128i *)(r->q + 4 * k)));
            a[k] = _mm256_add_pd(a[k], _mm256_mul_pd(_mm256_cvtepi32_pd(v), sv));
        }
    }
    for (int k = 0; k < CLS_ROW / 4; k++)
        _mm256_storeu_pd(acc + 4 * k, a[k]);
}
#endif

qs_rc cls_scores(const cls_model *m, const norm_ctx *nc, const char *text, size_t len,
                 const seg_token *toks, size_t n_toks, double *z_issue, double *z_tag,
                 double *tag_lex, qs_err *err)
{
    return cls_scores_cp(m, nc, text, len, NULL, 0, toks, n_toks, z_issue, z_tag, tag_lex, err);
}

qs_rc cls_scores_cp(const cls_model *m, const norm_ctx *nc, const char *text, size_t len,
                    const int32_t *cp, size_t n_cp, const seg_token *toks, size_t n_toks,
                    double *z_issue, double *z_tag, double *tag_lex, qs_err *err)
{
    /* the folded text on the stack unless it is long */
    int32_t stack_cp[CLS_STACK_TEXT + 1];
    char stack_utf8[4 * CLS_STACK_TEXT + 1];
    clf_text t;
    const int32_t *han = nc == m->nc ? m->han_fold : NULL;
    const uint8_t *stable = nc == m->nc ? m->stable : NULL;
    int own = 0; /* t was allocated by clf_fold */
    if (cp && len <= CLS_STACK_TEXT && n_cp <= len) {
        if (stable ? clf_is_folded_bmp(nc, stable, cp, n_cp) : clf_is_folded(nc, han, cp, n_cp))
            /* already folded (normalised text): the code points and bytes
             * as given, read only, and not copied */
            t = (clf_text){(int32_t *)cp, n_cp, (char *)text, len};
        else /* folded from its code points, not decoded again */
            clf_fold_cps(nc, han, stable, cp, n_cp, stack_cp, stack_utf8, &t);
    } else if (len <= CLS_STACK_TEXT) {
        clf_fold_into(nc, han, stable, text, len, stack_cp, stack_utf8, &t);
    } else {
        qs_rc rc = clf_fold(nc, text, len, &t, err);
        if (rc != QS_OK)
            return rc;
        own = 1;
    }
    /* binary features, scaled to unit length: each kept once and in index
     * order, the order the weights are summed in; the rows are fetched
     * while the lexicons are scored */
    size_t n_words = m->words ? n_toks : 0;
    size_t nw = (m->n_feat + 63) / 64, nt = (nw + 7) & ~(size_t)7;
    /* at most a unigram and a bigram a code point, and a feature a word */
    size_t n_rows = 2 * t.n + n_words;
    const cls_qrow *stack_rows[CLS_STACK_ROWS];
    const cls_qrow **list = n_rows <= CLS_STACK_ROWS ? stack_rows : malloc(n_rows * sizeof *list);
    uint64_t *bits = nw <= CLS_MARK_WORDS ? mark_bits : calloc(nw + nt / 8, sizeof *bits);
    if (!list || !bits) {
        if (list != stack_rows)
            free(list);
        if (bits != mark_bits)
            free(bits);
        if (own)
            clf_text_free(&t);
        return qs_fail(err, QS_ENOMEM, "out of memory collecting features");
    }
    uint8_t *touched = bits == mark_bits ? mark_touched : (uint8_t *)(bits + nw);
    clf_feature_marks(&t, m->words ? toks : NULL, n_words, m->fidx, bits, touched);
    size_t u = take_rows(bits, touched, nt, m->w_row, list);
    double x = u ? 1.0 / sqrt((double)u) : 0;
    double lex[ISSUE_N], tlex[TAG_N], ztag_local[TAG_N];
    if (!z_tag)
        z_tag = ztag_local;
    clf_lex_score_pair(&m->kw, &m->tagkw, m->lex_start, &t, lex, tlex);
    if (tag_lex)
        memcpy(tag_lex, tlex, sizeof tlex);
    for (int k = 0; k < ISSUE_N; k++)
        z_issue[k] = m->issue_bias[k] + m->lex_scale * lex[k];
    for (int k = 0; k < TAG_N; k++)
        z_tag[k] = m->tag_bias[k] + m->tag_lex_scale[k] * tlex[k];
    /* all classes of a feature at once */
    double za[CLS_ROW] = {0};
    memcpy(za, z_issue, ISSUE_N * sizeof *za);
    memcpy(za + ISSUE_N, z_tag, TAG_N * sizeof *za);
#ifdef CLS_HAVE_AVX2
    if (__builtin_cpu_supports("avx2"))
        sum_rows_avx2(za, list, u, x);
    else
#endif
        sum_rows(za, list, u, x);
    memcpy(z_issue, za, ISSUE_N * sizeof *z_issue);
    memcpy(z_tag, za + ISSUE_N, TAG_N * sizeof *z_tag);
    if (list != stack_rows)
        free(list);
    if (bits != mark_bits)
        free(bits);
    if (own)
        clf_text_free(&t);
    return QS_OK;
}

qs_rc cls_predict(const cls_model *m, const char *text, size_t len, const seg_token *toks,
                  size_t n_toks, cls_result *out, qs_err *err)
{
    return cls_predict_cp(m, text, len, NULL, 0, toks, n_toks, out, err);
}

qs_rc cls_predict_cp(const cls_model *m, const char *text, size_t len, const int32_t *cp,
                     size_t n_cp, const seg_token *toks, size_t n_toks, cls_result *out,
                     qs_err *err)
{
    double z[ISSUE_N], zt[TAG_N], tl[TAG_N];
    qs_rc rc = cls_scores_cp(m, m->nc, text, len, cp, n_cp, toks, n_toks, z, zt, tl, err);
    if (rc != QS_OK)
        return rc;
    double mx = -INFINITY, sum = 0;
    for (int k = 0; k < ISSUE_N; k++) {
        z[k] /= m->temperature;
        if (z[k] > mx)
            mx = z[k];
    }
    for (int k = 0; k < ISSUE_N; k++)
        sum += (out->prob[k] = exp(z[k] - mx));
    int best = 0;
    for (int k = 0; k < ISSUE_N; k++) {
        out->prob[k] /= sum;
        if (out->prob[k] > out->prob[best])
            best = k;
    }
    out->issue = (tax_issue)best;
    out->confidence = out->prob[best];
    out->tags = 0;
    for (int k = 0; k < TAG_N; k++) {
        out->tag_prob[k] = 1.0 / (1.0 + exp(-zt[k]));
        /* the lexicon alone decides when its evidence is strong: tags are
         * defined by wording, and the model has seen only so much of it */
        if (tl[k] >= CLS_TAG_LEX_FIRE && out->tag_prob[k] < CLS_TAG_LEX_PROB)
            out->tag_prob[k] = CLS_TAG_LEX_PROB;
        if (out->tag_prob[k] >= CLS_TAG_THRESHOLD)
            out->tags |= TAG_BIT(k);
    }
    /* out of the bureau's remit (物业, 医疗纠纷, 工资) is a complaint of no
     * market issue: one with a market issue (a food poisoning that sent the
     * family to hospital) is within it, whatever its wording */
    if (out->issue != ISSUE_OTHER)
        out->tags &= ~TAG_BIT(TAG_OUT_OF_SCOPE);
    /* a purchase in a live-stream room is an online purchase */
    if ((out->tags & TAG_BIT(TAG_LIVESTREAM)) && !(out->tags & TAG_BIT(TAG_ONLINE))) {
        out->tags |= TAG_BIT(TAG_ONLINE);
        out->tag_prob[TAG_ONLINE] = out->tag_prob[TAG_LIVESTREAM];
    }
    return QS_OK;
}

/* ---- file format ---- */

static int write_lex(FILE *f, const char *tag, const clf_lex *lx)
{
    if (fprintf(f, "%s %zu\n", tag, lx->n) < 0)
        return -1;
    for (size_t i = 0; i < lx->n; i++)
        if (fprintf(f, "%c\t%s\t%s\t%.6g\t%s\n", tag[0], lx->e[i].code, lx->e[i].kw, lx->e[i].w,
                    lx->e[i].nonneg ? "nonneg" : "neg") < 0)
            return -1;
    return 0;
}

static int write_vec(FILE *f, const char *name, const double *v, int n)
{
    if (fputs(name, f) < 0)
        return -1;
    for (int k = 0; k < n; k++)
        if (fprintf(f, " %.9g", v[k]) < 0)
            return -1;
    return fputc('\n', f) < 0 ? -1 : 0;
}

/* Weights smaller than this are not written: they change no decision. */
#define CLS_WRITE_EPS 1e-4

qs_rc cls_model_write(const cls_model *m, FILE *f, qs_err *err)
{
    int bad = 0;
    bad |= fprintf(f, "%s %d\n", CLS_FORMAT, CLS_VERSION) < 0;
    bad |= fprintf(f, "features %s\n", m->feature_set) < 0;
    bad |= fprintf(f, "train_data %s\n", m->train_hash) < 0;
    bad |= fprintf(f, "train_records %ld\n", m->train_records) < 0;
    bad |= fprintf(f, "seed %lu\n", m->seed) < 0;
    bad |= fprintf(f, "lambda %.9g\n", m->lambda) < 0;
    bad |= fprintf(f, "temperature %.9g\n", m->temperature) < 0;
    bad |= fprintf(f, "calibration %s\n", m->calibration[0] ? m->calibration : "none") < 0;
    bad |= fprintf(f, "lex_scale %.9g\n", m->lex_scale) < 0;
    bad |= fputs("issues", f) < 0;
    for (int k = 0; k < ISSUE_N; k++)
        bad |= fprintf(f, " %s", tax_issue_code((tax_issue)k)) < 0;
    bad |= fputs("\ntags", f) < 0;
    for (int k = 0; k < TAG_N; k++)
        bad |= fprintf(f, " %s", tax_tag_code((tax_tag)k)) < 0;
    bad |= fputc('\n', f) < 0;
    bad |= write_vec(f, "issue_bias", m->issue_bias, ISSUE_N);
    bad |= write_vec(f, "tag_bias", m->tag_bias, TAG_N);
    bad |= write_vec(f, "tag_lex_scale", m->tag_lex_scale, TAG_N);
    bad |= write_lex(f, "keywords", &m->kw);
    bad |= write_lex(f, "tagwords", &m->tagkw);
    bad |= fprintf(f, "vocab %zu\n", m->n_feat) < 0;
    for (size_t i = 0; i < m->n_feat && !bad; i++) {
        bad |= fprintf(f, "f\t%s\t", m->feat[i]) < 0;
        int any = 0;
        for (int k = 0; k < ISSUE_N; k++) {
            double w = m->w_issue[i * ISSUE_N + k];
            if (fabs(w) >= CLS_WRITE_EPS)
                bad |= fprintf(f, "%s%d:%.5g", any++ ? " " : "", k, w) < 0;
        }
        if (!any)
            bad |= fputc('-', f) < 0;
        bad |= fputc('\t', f) < 0;
        any = 0;
        for (int k = 0; k < TAG_N; k++) {
            double w = m->w_tag[i * TAG_N + k];
            if (fabs(w) >= CLS_WRITE_EPS)
                bad |= fprintf(f, "%s%d:%.5g", any++ ? " " : "", k, w) < 0;
        }
        if (!any)
            bad |= fputc('-', f) < 0;
        bad |= fputc('\n', f) < 0;
    }
    bad |= fputs("end\n", f) < 0;
    if (bad)
        return qs_fail(err, QS_EIO, "write error on the model file");
    return QS_OK;
}

/* Line reader over the whole file held in memory. */
typedef struct reader {
    char *buf;
    size_t len, pos;
    long line;
    const char *path;
} reader;

static char *next_line(reader *r)
{
    if (r->pos >= r->len)
        return NULL;
    char *s = r->buf + r->pos;
    char *nl = memchr(s, '\n', r->len - r->pos);
    if (nl) {
        *nl = '\0';
        r->pos = (size_t)(nl - r->buf) + 1;
    } else {
        r->buf[r->len] = '\0';
        r->pos = r->len;
    }
    r->line++;
    size_t l = strlen(s);
    if (l && s[l - 1] == '\r')
        s[l - 1] = '\0';
    return s;
}

static qs_rc bad_line(reader *r, qs_err *err, const char *what)
{
    return qs_fail(err, QS_EDATA, "%s:%ld: bad model file: %s", r->path, r->line, what);
}

/* "name v1 v2 ... vn" with exactly n finite numbers. */
static int parse_vec(const char *s, const char *name, double *v, int n)
{
    size_t nl = strlen(name);
    if (strncmp(s, name, nl) != 0 || s[nl] != ' ')
        return -1;
    s += nl;
    for (int k = 0; k < n; k++) {
        char *end;
        errno = 0;
        v[k] = strtod(s, &end);
        if (end == s || errno || !isfinite(v[k]))
            return -1;
        s = end;
    }
    return *s ? -1 : 0;
}

static int parse_num(const char *s, const char *name, double *v)
{
    return parse_vec(s, name, v, 1);
}

/* "issues c1 c2 ..." must list exactly the codes of this build, in order. */
static int check_codes(char *s, const char *name, int n, const char *(*code)(int))
{
    size_t nl = strlen(name);
    if (strncmp(s, name, nl) != 0)
        return -1;
    char *save = NULL, *tok = strtok_r(s + nl, " ", &save);
    for (int k = 0; k < n; k++, tok = strtok_r(NULL, " ", &save))
        if (!tok || strcmp(tok, code(k)) != 0)
            return -1;
    return tok ? -1 : 0;
}

static const char *issue_code_i(int k) { return tax_issue_code((tax_issue)k); }
static const char *tag_code_i(int k) { return tax_tag_code((tax_tag)k); }

static qs_rc read_lex(reader *r, const char *tag, int n_classes, int (*parse)(const char *),
                      clf_lex *out, qs_err *err)
{
    memset(out, 0, sizeof *out);
    out->n_classes = n_classes;
    char *s = next_line(r);
    size_t tl = strlen(tag);
    char *end;
    if (!s || strncmp(s, tag, tl) != 0 || s[tl] != ' ')
        return bad_line(r, err, tag);
    errno = 0;
    unsigned long n = strtoul(s + tl + 1, &end, 10);
    if (*end || errno || n > 1000000)
        return bad_line(r, err, tag);
    for (unsigned long i = 0; i < n; i++) {
        /* "<marker>\tcode\tkeyword\tweight\tflags" */
        char *row = next_line(r), *f[5];
        int nf = 0;
        for (char *q = row; q && nf < 5; q = strchr(q, '\t')) {
            if (nf)
                *q++ = '\0';
            f[nf++] = q;
        }
        int cls = nf == 5 ? parse(f[1]) : -1;
        double w = 0;
        if (nf == 5) {
            errno = 0;
            w = strtod(f[3], &end);
        }
        if (nf != 5 || f[0][0] != tag[0] || f[0][1] || cls < 0 || cls >= n_classes || !*f[2] ||
            end == f[3] || *end || errno || (strcmp(f[4], "neg") && strcmp(f[4], "nonneg"))) {
            clf_lex_free(out);
            return bad_line(r, err, "lexicon row");
        }
        qs_rc rc = clf_lex_add(out, cls, f[2], w, strcmp(f[4], "nonneg") == 0, f[1], err);
        if (rc != QS_OK) {
            clf_lex_free(out);
            return rc;
        }
    }
    return QS_OK;
}

/* strtod for the plain decimals the model writer prints (-0.0012345):
 * with at most 15 significant digits and a power of ten up to 22, both the
 * digits and the power are exact doubles, so one division or product
 * rounds exactly as strtod does. Anything else goes to strtod. */
static double parse_double(const char *s, char **end)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = s;
    int neg = *p == '-';
    p += neg;
    uint64_t mant = 0;
    int sig = 0, scale = 0, digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        if (sig || *p != '0')
            mant = mant * 10 + (uint64_t)(*p - '0'), sig++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++, scale++)
            if (sig || *p != '0')
                mant = mant * 10 + (uint64_t)(*p - '0'), sig++;
    if (!digits || sig > 15 || scale > 22 || (unsigned)((*p | 0x20) - 'a') < 26u)
        return strtod(s, end); /* exponents, hex, inf, nan, long digit strings */
    *end = (char *)p;
    double v = (double)mant / pow10[scale];
    return neg ? -v : v;
}

/* "i:w i:w" or "-" into row[0..n). */
static int parse_weights(char *s, double *row, int n)
{
    if (strcmp(s, "-") == 0)
        return 0;
    while (*s) {
        char *end;
        long k;
        errno = 0;
        if (s[0] >= '0' && s[0] <= '9' && s[1] == ':') {
            k = s[0] - '0';
            end = s + 1;
        } else {
            k = strtol(s, &end, 10);
        }
        if (end == s || *end != ':' || k < 0 || k >= n || errno)
            return -1;
        s = end + 1;
        row[k] = parse_double(s, &end);
        if (end == s || errno || !isfinite(row[k]))
            return -1;
        s = end;
        if (*s == ' ')
            s++;
        else if (*s)
            return -1;
    }
    return 0;
}

/* The model file up to and including its "vocab" line: a model with its
 * header, lexicons and room for its features (strings NULL, weights 0). */
static qs_rc parse_head(reader *r, cls_model **out, qs_err *err)
{
    char *s = next_line(r);
    if (!s || strncmp(s, CLS_FORMAT " ", sizeof CLS_FORMAT) != 0)
        return qs_fail(err, QS_EDATA, "%s: not a qunsu issue model (expected first line '%s %d')",
                       r->path, CLS_FORMAT, CLS_VERSION);
    char *end;
    errno = 0;
    long ver = strtol(s + sizeof CLS_FORMAT, &end, 10);
    if (*end || errno || ver < 1)
        return bad_line(r, err, "format version");
    if (ver > CLS_VERSION)
        return qs_fail(err, QS_EDATA,
                       "%s: model format version %ld is newer than this build reads (%d); "
                       "retrain with `qunsu train` or upgrade",
                       r->path, ver, CLS_VERSION);
    double v;
    char feature_set[96] = "", train_hash[40] = "";
    double lambda, temperature, lex_scale, seed, records;
    if (!(s = next_line(r)) || strncmp(s, "features ", 9) != 0 || strlen(s + 9) >= sizeof feature_set)
        return bad_line(r, err, "features");
    strcpy(feature_set, s + 9);
    if (!(s = next_line(r)) || strncmp(s, "train_data ", 11) != 0 || strlen(s + 11) >= sizeof train_hash)
        return bad_line(r, err, "train_data");
    strcpy(train_hash, s + 11);
    if (!(s = next_line(r)) || parse_num(s, "train_records", &records))
        return bad_line(r, err, "train_records");
    if (!(s = next_line(r)) || parse_num(s, "seed", &seed))
        return bad_line(r, err, "seed");
    if (!(s = next_line(r)) || parse_num(s, "lambda", &lambda))
        return bad_line(r, err, "lambda");
    if (!(s = next_line(r)) || parse_num(s, "temperature", &temperature) || !(temperature > 0))
        return bad_line(r, err, "temperature");
    char calibration[64];
    if (!(s = next_line(r)) || strncmp(s, "calibration ", 12) != 0 || strlen(s + 12) >= sizeof calibration)
        return bad_line(r, err, "calibration");
    strcpy(calibration, s + 12);
    if (!(s = next_line(r)) || parse_num(s, "lex_scale", &lex_scale))
        return bad_line(r, err, "lex_scale");
    if (!(s = next_line(r)) || check_codes(s, "issues", ISSUE_N, issue_code_i))
        return bad_line(r, err, "issue codes differ from this build's taxonomy");
    if (!(s = next_line(r)) || check_codes(s, "tags", TAG_N, tag_code_i))
        return bad_line(r, err, "tag codes differ from this build's taxonomy");
    double ib[ISSUE_N], tb[TAG_N], tls[TAG_N];
    if (!(s = next_line(r)) || parse_vec(s, "issue_bias", ib, ISSUE_N))
        return bad_line(r, err, "issue_bias");
    if (!(s = next_line(r)) || parse_vec(s, "tag_bias", tb, TAG_N))
        return bad_line(r, err, "tag_bias");
    if (!(s = next_line(r)) || parse_vec(s, "tag_lex_scale", tls, TAG_N))
        return bad_line(r, err, "tag_lex_scale");
    clf_lex kw, tagkw;
    qs_rc rc = read_lex(r, "keywords", ISSUE_N, tax_issue_parse, &kw, err);
    if (rc != QS_OK)
        return rc;
    rc = read_lex(r, "tagwords", TAG_N, tax_tag_parse, &tagkw, err);
    if (rc != QS_OK) {
        clf_lex_free(&kw);
        return rc;
    }
    if (!(s = next_line(r)) || parse_num(s, "vocab", &v) || v < 0 || v > 50e6 || v != floor(v)) {
        clf_lex_free(&kw);
        clf_lex_free(&tagkw);
        return bad_line(r, err, "vocab");
    }
    cls_model *m = cls_model_new((size_t)v);
    if (!m) {
        clf_lex_free(&kw);
        clf_lex_free(&tagkw);
        return qs_fail(err, QS_ENOMEM, "out of memory loading %s", r->path);
    }
    m->kw = kw;
    m->tagkw = tagkw;
    strcpy(m->feature_set, feature_set);
    strcpy(m->train_hash, train_hash);
    m->words = strstr(feature_set, "word") != NULL;
    m->train_records = (long)records;
    m->seed = (unsigned long)seed;
    m->lambda = lambda;
    m->temperature = temperature;
    strcpy(m->calibration, calibration);
    m->lex_scale = lex_scale;
    memcpy(m->issue_bias, ib, sizeof ib);
    memcpy(m->tag_bias, tb, sizeof tb);
    memcpy(m->tag_lex_scale, tls, sizeof tls);
    *out = m;
    return QS_OK;
}

/* The indexes and tables prediction needs, once features and weights are
 * in; frees m on failure. */
static qs_rc finish_model(cls_model *m, const char *path, qs_err *err)
{
    qs_rc rc = cls_model_index(m, err);
    if (rc == QS_OK && strstr(m->feature_set, "fold=norm") && !(m->nc = norm_new(err)))
        rc = err ? err->rc : QS_EDATA;
    if (rc == QS_OK && (!(m->han_fold = clf_han_table(m->nc)) || !(m->stable = clf_stable_table(m->nc))))
        rc = qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
    if (rc != QS_OK)
        cls_free(m);
    return rc;
}

/* The whole model file: header, lexicons and feature rows, without the
 * indexes prediction needs. */
static qs_rc parse_rows(reader *r, cls_model **out, qs_err *err)
{
    cls_model *m;
    qs_rc rc = parse_head(r, &m, err);
    if (rc != QS_OK)
        return rc;
    char *s;
    for (size_t i = 0; i < m->n_feat; i++) {
        s = next_line(r);
        char *f1 = s ? strchr(s, '\t') : NULL;
        char *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
        char *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
        if (!s || s[0] != 'f' || f1 != s + 1 || !f2 || !f3 || f2 == f1 + 1) {
            cls_free(m);
            return bad_line(r, err, "feature row expected");
        }
        *f2 = *f3 = '\0';
        m->feat[i] = strdup(f1 + 1);
        if (!m->feat[i]) {
            cls_free(m);
            return qs_fail(err, QS_ENOMEM, "out of memory loading %s", r->path);
        }
        if (parse_weights(f2 + 1, m->w_issue + i * ISSUE_N, ISSUE_N) ||
            parse_weights(f3 + 1, m->w_tag + i * TAG_N, TAG_N)) {
            cls_free(m);
            return bad_line(r, err, "feature weights");
        }
    }
    if (!(s = next_line(r)) || strcmp(s, "end") != 0) {
        cls_free(m);
        return bad_line(r, err, "missing 'end' (truncated file?)");
    }
    *out = m;
    return QS_OK;
}

static qs_rc parse_model(reader *r, cls_model **out, qs_err *err)
{
    cls_model *m;
    qs_rc rc = parse_rows(r, &m, err);
    if (rc == QS_OK && (rc = finish_model(m, r->path, err)) == QS_OK)
        *out = m;
    return rc;
}

/* The whole file at path into r (NUL-terminated; the caller frees r->buf). */
static qs_rc read_text(const char *path, reader *r, qs_err *err)
{
    *r = (reader){NULL, 0, 0, 0, path};
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        qs_fail(err, QS_EIO, "cannot open model %s: %s", path, strerror(e));
        if (err)
            err->sys_errno = e;
        return QS_EIO;
    }
    size_t cap = 0;
    for (;;) {
        if (r->len + 65536 + 1 > cap) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(r->buf, nc);
            if (!nb) {
                free(r->buf);
                fclose(f);
                return qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
            }
            r->buf = nb, cap = nc;
        }
        size_t got = fread(r->buf + r->len, 1, cap - r->len - 1, f);
        r->len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(r->buf);
        return qs_fail(err, QS_EIO, "read error on %s", path);
    }
    r->buf[r->len] = '\0';
    if (memchr(r->buf, '\0', r->len)) {
        free(r->buf);
        return qs_fail(err, QS_EDATA, "%s: not a qunsu issue model (binary data)", path);
    }
    return QS_OK;
}

cls_model *cls_load(const char *path, qs_err *err)
{
    reader r;
    if (read_text(path, &r, err) != QS_OK)
        return NULL;
    cls_model *m = NULL;
    qs_rc rc = parse_model(&r, &m, err);
    free(r.buf);
    return rc == QS_OK ? m : NULL;
}

/* ---- the compiled image ---- */

/* The feature rows are most of a model file and most of its reading time
 * (strings and decimals, a quarter of a million of them). The image
 * (data/issue.bin, written at build time by cls_image_write, see mimage.h)
 * holds them ready, rows w_row (n_feat cls_qrow, as prediction reads them)
 * | w_issue (n_feat x ISSUE_N doubles) | w_tag (n_feat x TAG_N doubles),
 * the doubles only read to write the model out again. Of the text only
 * the header and lexicons are parsed. The image applies only to the text
 * it was made from, so a retrained model is never read with another
 * model's weights: it is read from its text until the image is rebuilt. */
static const mimage_kind cls_image_kind = {"qsclsimg", 3, {ISSUE_N, TAG_N, 0},
                                           sizeof(cls_qrow) + sizeof(double) * (ISSUE_N + TAG_N)};

qs_rc cls_image_write(const char *model_path, const char *out_path, qs_err *err)
{
    reader r;
    qs_rc rc = read_text(model_path, &r, err);
    if (rc != QS_OK)
        return rc;
    mapfile text; /* as the file is: parsing cuts r into lines */
    if ((rc = mapfile_open(model_path, "model", &text, err)) != QS_OK) {
        free(r.buf);
        return rc;
    }
    cls_model *m = NULL;
    rc = parse_rows(&r, &m, err); /* the text is checked as a load checks it */
    if (rc == QS_OK && (rc = cls_model_index(m, err)) == QS_OK) {
        const void *rows[] = {m->w_row, m->w_issue, m->w_tag};
        size_t bytes[] = {sizeof *m->w_row * m->n_feat, sizeof *m->w_issue * m->n_feat * ISSUE_N,
                          sizeof *m->w_tag * m->n_feat * TAG_N};
        rc = mimage_write(out_path, &cls_image_kind, text.data, text.len, m->feat, m->n_feat, rows, bytes, 3,
                          m->fidx, err);
    }
    mapfile_close(&text);
    free(r.buf);
    cls_free(m);
    return rc;
}

/* The header and lexicons of the model text[0..len) (its lines up to and
 * including "vocab N") parsed from a copy, the feature rows left for the
 * image. QS_EDATA when the text has no vocab line. */
static qs_rc parse_head_of(const char *text, size_t len, const char *path, cls_model **out, qs_err *err)
{
    /* lexicon rows begin with their one-letter marker, so only the vocab
     * line begins with "vocab " */
    const char *v = memmem(text, len, "\nvocab ", 7);
    if (!v)
        return qs_fail(err, QS_EDATA, "%s: bad model file: no vocab line", path);
    const char *nl = memchr(v + 1, '\n', len - (size_t)(v + 1 - text));
    size_t head_len = nl ? (size_t)(nl - text) : len;
    reader r = {malloc(head_len + 1), head_len, 0, 0, path};
    if (!r.buf)
        return qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
    memcpy(r.buf, text, head_len);
    r.buf[head_len] = '\0';
    qs_rc rc = parse_head(&r, out, err);
    free(r.buf);
    return rc;
}

/* The model of text (mapped from path) with its feature strings, rows and
 * index in the image at image_path. *out stays NULL when the image does
 * not apply: read the text then. An image that claims the text but is
 * damaged is QS_EDATA. */
static qs_rc load_image(const char *path, const mapfile *text, const char *image_path, cls_model **out,
                        qs_err *err)
{
    *out = NULL;
    mimage img;
    qs_rc rc = mimage_open(image_path, &cls_image_kind, text->data, text->len, &img, err);
    if (rc != QS_OK || !img.map.len)
        return rc;
    cls_model *m = NULL;
    if ((rc = parse_head_of(text->data, text->len, path, &m, err)) != QS_OK) {
        mapfile_close(&img.map);
        return rc;
    }
    free(m->w_issue);
    free(m->w_tag);
    m->w_issue = m->w_tag = NULL;
    if ((rc = mimage_take(&img, m->n_feat, m->feat, &m->image, &m->fidx, err)) != QS_OK) {
        cls_free(m);
        return rc;
    }
    /* read-only: nothing writes a loaded model's weights */
    m->w_row = (cls_qrow *)img.rows;
    m->w_issue = (double *)(img.rows + sizeof(cls_qrow) * m->n_feat);
    m->w_tag = m->w_issue + ISSUE_N * m->n_feat;
    if ((rc = finish_model(m, image_path, err)) != QS_OK)
        return rc;
    *out = m;
    return QS_OK;
}

cls_model *cls_load_image(const char *path, const char *image_path, qs_err *err)
{
    mapfile text;
    if (mapfile_open(path, NULL, &text, NULL) != QS_OK)
        return cls_load(path, err); /* which says why, as it would alone */
    cls_model *m = NULL;
    qs_rc rc = load_image(path, &text, image_path, &m, err);
    mapfile_close(&text);
    if (rc == QS_OK && !m)
        return cls_load(path, err);
    return rc == QS_OK ? m : NULL;
}

cls_model *cls_load_default(qs_err *err)
{
    char path[4096], image[4096];
    if (paths_find("models/issue.model", path, sizeof path) != 0) {
        qs_fail(err, QS_EIO, "issue model not found (last tried %s); run `qunsu train`", path);
        return NULL;
    }
    if (paths_find("data/issue.bin", image, sizeof image) != 0)
        return cls_load(path, err);
    return cls_load_image(path, image, err);
}
