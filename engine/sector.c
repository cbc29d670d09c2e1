/* sector.c: sector from the merchant name or the text's cue words (see
 * sector.h). */
#include "sector.h"

#include <stdlib.h>

#include "cptrie.h"
#include "paths.h"

struct sector_ctx {
    cptrie *t;
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
    return sc;
}

void sector_free(sector_ctx *sc)
{
    if (!sc)
        return;
    cptrie_free(sc->t);
    free(sc);
}

/* The sector with most cue votes (the first cue breaks ties) and, in
 * *n_votes, its votes. */
static tax_sector text_vote(const sector_ctx *sc, const int32_t *cp, size_t n, int *n_votes)
{
    int votes[SECTOR_N] = {0};
    int first[SECTOR_N];
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
