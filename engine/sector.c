/* sector.c: sector from the merchant name or the text's cue words (see
 * sector.h). */
#include "sector.h"

#include <stdlib.h>

#include "cptrie.h"
#include "paths.h"
#include "secmodel.h"

#define NAME_WORDS 1 /* trie category of sector_names.tsv (cues are 0) */

struct sector_ctx {
    cptrie *t;
    secm_model *model; /* learned sector of the text, or NULL */
    uint64_t *scratch; /* secm_scratch_words(model) */
};

static int sector_value(const char *s)
{
    return tax_sector_parse(s);
}

sector_ctx *sector_new(qs_err *err)
{
    sector_ctx *sc = calloc(1, sizeof *sc);
    if (!sc || !(sc->t = cptrie_new())) {
        sector_free(sc);
        qs_fail(err, QS_ENOMEM, "out of memory loading sector cues");
        return NULL;
    }
    char path[1024];
    if (paths_find("dicts/merchant/sector_cues.tsv", path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "lexicon not found: dicts/merchant/sector_cues.tsv (tried %s)", path);
        sector_free(sc);
        return NULL;
    }
    if (cptrie_load(sc->t, path, 0, sector_value, err) != QS_OK) {
        sector_free(sc);
        return NULL;
    }
    if (paths_find("dicts/merchant/sector_names.tsv", path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "lexicon not found: dicts/merchant/sector_names.tsv (tried %s)", path);
        sector_free(sc);
        return NULL;
    }
    if (cptrie_load(sc->t, path, NAME_WORDS, sector_value, err) != QS_OK) {
        sector_free(sc);
        return NULL;
    }
    return sc;
}

void sector_free(sector_ctx *sc)
{
    if (!sc)
        return;
    cptrie_free(sc->t);
    secm_free(sc->model);
    free(sc->scratch);
    free(sc);
}

/* Cue votes per sector in cp[0..n) and where each sector's first cue
 * starts (-1: none). */
static void text_votes(const sector_ctx *sc, const int32_t *cp, size_t n, int *votes, int *first)
{
    for (int s = 0; s < SECTOR_N; s++)
        first[s] = -1;
    for (size_t i = 0; i < n; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, 0, &v);
        if (!L || v < 0 || v >= SECTOR_N)
            continue;
        /* a word of no sector (汽车站) only keeps its parts (汽车) from voting */
        if (v == SECTOR_OTHER) {
            i += (size_t)L - 1;
            continue;
        }
        votes[v]++;
        if (first[v] < 0)
            first[v] = (int)i;
        i += (size_t)L - 1;
    }
}

/* The sector with most cue votes (the first cue breaks ties) and, in
 * *n_votes, its votes. */
static tax_sector text_vote(const sector_ctx *sc, const int32_t *cp, size_t n, int *n_votes)
{
    int votes[SECTOR_N] = {0};
    int first[SECTOR_N];
    text_votes(sc, cp, n, votes, first);
    int best = SECTOR_OTHER;
    for (int s = 0; s < SECTOR_N; s++)
        if (votes[s] && (best == SECTOR_OTHER || votes[s] > votes[best] ||
                         (votes[s] == votes[best] && first[s] < first[best])))
            best = s;
    *n_votes = votes[best];
    return (tax_sector)best;
}

tax_sector sector_from_text(const sector_ctx *sc, const int32_t *cp, size_t n)
{
    int v;
    return text_vote(sc, cp, n, &v);
}

tax_sector sector_decide(const sector_ctx *sc, tax_sector from_name, int name_known,
                         int32_t name_end, const int32_t *cp, size_t n, double *conf)
{
    if (from_name == SECTOR_OTHER && name_known && name_end >= 0 && (size_t)name_end < n) {
        int32_t v;
        if (cptrie_longest(sc->t, cp + name_end, n - (size_t)name_end, 0, &v) && v >= 0 &&
            v < SECTOR_N && v != SECTOR_OTHER) {
            if (conf)
                *conf = 0.6;
            return (tax_sector)v;
        }
    }
    int votes = 0;
    tax_sector s = from_name != SECTOR_OTHER ? from_name : text_vote(sc, cp, n, &votes);
    /* a known brand of no sector keeps it against a word or two about the
     * goods (屈臣氏的面膜, 顺丰寄的快递); a text that keeps naming one trade
     * is about a business sharing the brand's name (百度 for 百度外卖) */
    if (from_name != SECTOR_OTHER || (name_known && votes < SECTOR_TEXT_OVERRIDE)) {
        if (conf)
            *conf = 0.9;
        return from_name;
    }
    if (conf)
        *conf = s == SECTOR_OTHER ? 0.3 : 0.6;
    return s;
}

qs_rc sector_load_model(sector_ctx *sc, const char *path, qs_err *err)
{
    secm_model *m = secm_load(path, err);
    if (!m)
        return err ? err->rc : QS_EDATA;
    uint64_t *scratch = malloc(secm_scratch_words(m) * sizeof *scratch);
    if (!scratch) {
        secm_free(m);
        return qs_fail(err, QS_ENOMEM, "out of memory loading %s", path);
    }
    secm_free(sc->model);
    free(sc->scratch);
    sc->model = m;
    sc->scratch = scratch;
    return QS_OK;
}

/* The sector a trade word of sector_names.tsv inside cp[s..e) decides, -1
 * when there is none. */
static int name_word(const sector_ctx *sc, const int32_t *cp, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, e - i, NAME_WORDS, &v);
        if (L && v >= 0 && v < SECTOR_N)
            return v;
    }
    return -1;
}

tax_sector sector_decide_text(sector_ctx *sc, tax_sector from_name, int name_known, int32_t name_start,
                              int32_t name_end, const clf_text *t, const seg_token *toks, size_t n_toks,
                              double *conf)
{
    /* a known name's entry states the business itself (美团 is a platform,
     * whatever its shops sell); other names only when they imply no trade */
    if ((from_name == SECTOR_OTHER || name_known) && name_start >= 0 && name_start < name_end &&
        (size_t)name_end <= t->n) {
        int w = name_word(sc, t->cp, (size_t)name_start, (size_t)name_end);
        if (w >= 0) {
            if (conf)
                *conf = 0.9;
            return (tax_sector)w;
        }
    }
    if (!sc->model || from_name != SECTOR_OTHER || name_known)
        return sector_decide(sc, from_name, name_known, name_end, t->cp, t->n, conf);
    /* a name of no trade: the text's cue words when it has any; when it has
     * none, the sector the learned model reads from all its words (a text
     * about 拍的照片 or 洗的衬衫 names no trade word; measured on
     * hand-written texts held out, bench/sector_cv.sh) */
    int votes = 0;
    tax_sector cue = text_vote(sc, t->cp, t->n, &votes);
    if (votes > 0) {
        if (conf)
            *conf = 0.6;
        return cue;
    }
    double prob[SECTOR_N];
    secm_predict(sc->model, t, toks, n_toks, sc->scratch, prob);
    int best = 0;
    for (int s = 1; s < SECTOR_N; s++)
        if (prob[s] > prob[best])
            best = s;
    if (conf)
        *conf = prob[best];
    return (tax_sector)best;
}

int sector_of_text(sector_ctx *sc, const clf_text *t, const seg_token *toks, size_t n_toks, tax_sector *out,
                   double *conf)
{
    int votes[SECTOR_N] = {0};
    int first[SECTOR_N];
    text_votes(sc, t->cp, t->n, votes, first);
    int best = 0, second = 0, total = 0;
    for (int s = 1; s < SECTOR_N; s++)
        if (votes[s] > votes[best])
            best = s;
    for (int s = 0; s < SECTOR_N; s++) {
        total += votes[s];
        if (s != best && votes[s] > second)
            second = votes[s];
    }
    /* one trade named, or one clearly more than the others (a 健身房 text
     * that mentions its 教练 and 私教课 against one stray 课程) */
    if (!votes[best] || votes[best] <= 2 * second)
        return 0;
    double p = (double)votes[best] / total;
    /* a text that names one trade again and again (健身房 … 健身房) says it;
     * otherwise the model, which reads every word, not only the cues, must
     * agree: it vetoes a cue word used in passing (比超市便宜) */
    if (sc->model && (second || votes[best] < SECTOR_TEXT_SURE_VOTES)) {
        double prob[SECTOR_N];
        secm_predict(sc->model, t, toks, n_toks, sc->scratch, prob);
        for (int s = 0; s < SECTOR_N; s++)
            if (prob[s] > prob[best])
                return 0;
        if (prob[best] < SECTOR_TEXT_MIN_PROB)
            return 0;
        p = prob[best];
    }
    *out = (tax_sector)best;
    if (conf)
        *conf = p;
    return 1;
}

size_t sector_cue(const sector_ctx *sc, tax_sector s, const int32_t *cp, size_t n, size_t *len)
{
    for (size_t i = 0; i < n; i++) {
        int32_t v;
        int32_t L = cptrie_longest(sc->t, cp + i, n - i, 0, &v);
        if (!L)
            continue;
        if (v == (int32_t)s) {
            *len = (size_t)L;
            return i;
        }
        i += (size_t)L - 1;
    }
    *len = 0;
    return n;
}
