/* test_clsfast.c: the prediction paths of the classifier against plain
 * reference versions written here: keyword scores (trie walk against a
 * search of every keyword at every character, same summation order, so
 * equal to the bit) and feature ids (clf_feature_ids against the strings
 * clf_features emits, looked up one by one), on fixed and on random texts
 * made of keywords, negators, clause breaks, Latin and digits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clsfeat.h"
#include "harness.h"
#include "hmap.h"
#include "taxonomy.h"

/* ---- reference keyword scores: every keyword tried at every character ---- */

static int ref_break(uint32_t c)
{
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ' ' ||
           c == '\n' || c == '\t' || c == 0x3002 || c == 0x3001 || c == 0x2026 || c == '~' ||
           c == 0xFF0C || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF1A;
}

static uint32_t ref_cp_at(const unsigned char *s, size_t *i)
{
    uint32_t c = s[*i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1)
        c &= 0x3F >> (n - 1);
    for (size_t k = 1; k < n; k++)
        c = c << 6 | (s[*i + k] & 0x3F);
    *i += n;
    return c;
}

static int ref_negated(const clf_text *t, size_t pos)
{
    static const char *const neg[] = {"没", "未", "不是", "并非", "不要", "无需", "不用",
                                      "不存在", "不会", "别"};
    const unsigned char *s = (const unsigned char *)t->utf8;
    size_t start = pos;
    for (int k = 0; k < 4 && start > 0; k++) {
        size_t q = start - 1;
        while (q > 0 && (s[q] & 0xC0) == 0x80)
            q--;
        size_t qi = q;
        if (ref_break(ref_cp_at(s, &qi)))
            break;
        start = q;
    }
    for (size_t q = pos; q < t->len;) {
        uint32_t c = ref_cp_at(s, &q);
        if (c == 0x5417)
            return 0;
        if (ref_break(c))
            break;
    }
    for (size_t g = 0; g < sizeof neg / sizeof neg[0]; g++)
        for (size_t a = start; a + strlen(neg[g]) <= pos; a++)
            if (memcmp(s + a, neg[g], strlen(neg[g])) == 0)
                return 1;
    return 0;
}

/* Entries are tried highest index first at each character, as the
 * first-character buckets of the lexicon order them. */
static void ref_score(const clf_lex *lx, const clf_text *t, double *scores)
{
    unsigned char *seen = calloc(lx->n + 1, 1);
    for (int c = 0; c < lx->n_classes; c++)
        scores[c] = 0;
    for (size_t pos = 0; pos < t->len;) {
        for (size_t k = lx->n; k-- > 0;) {
            const clf_lex_entry *e = &lx->e[k];
            if (seen[k] || e->len > t->len - pos || memcmp(t->utf8 + pos, e->kw, e->len) != 0)
                continue;
            if (e->nonneg || !ref_negated(t, pos)) {
                seen[k] = 1;
                scores[e->cls] += e->w;
            }
        }
        ref_cp_at((const unsigned char *)t->utf8, &pos);
    }
    free(seen);
}

/* ---- random texts ---- */

static uint64_t rng = 88172645463325252ULL;

static unsigned next_rand(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *const pieces[] = {
    "退款", "退", "款", "退款难", "闭店", "跑路", "没有", "没", "不是", "并非", "不存在", "吗", "，",
    "。", " ", "！", "商家", "预付卡", "会员卡", "直播间", "外卖", "app", "iPhone15", "123", "3.5",
    "Ｖｉｐ", "老人", "不会", "别", "假一赔十", "维权", "发货", "不发货", "未", "的", "了", "我",
};

static void random_text(char *buf, size_t cap)
{
    size_t n = 0, parts = 1 + next_rand(40);
    for (size_t p = 0; p < parts; p++) {
        const char *s = pieces[next_rand(sizeof pieces / sizeof pieces[0])];
        if (n + strlen(s) + 1 >= cap)
            break;
        memcpy(buf + n, s, strlen(s));
        n += strlen(s);
    }
    buf[n] = '\0';
}

/* ---- reference feature ids: the emitted strings looked up one by one ---- */

typedef struct ref_ids {
    const hmap *map;
    uint64_t *bits;
} ref_ids;

static int ref_emit(void *ctx, const char *s, size_t len)
{
    ref_ids *r = ctx;
    void **v = hmap_find(r->map, s, len);
    if (v) {
        size_t id = (size_t)(uintptr_t)*v - 1;
        r->bits[id / 64] |= (uint64_t)1 << (id % 64);
    }
    return 0;
}

static int collect_emit(void *ctx, const char *s, size_t len)
{
    void **slot;
    int added;
    return hmap_put(ctx, s, len, &slot, &added);
}

int main(void)
{
    qs_err err;
    /* a lexicon with shared prefixes, one keyword in two classes, single
     * characters, Latin, and more than 64 keywords starting alike (the
     * trie's candidate list overflows to the bucket scan) */
    char lexicon[16384] = "refund\t退款\t1.0\nrefund\t退款难\t0.7\nclosure\t闭店\t1.5\tneg\n"
                          "closure\t跑路\t1.25\nrefund\t退\t0.3\nprepaid\t退款\t0.11\tnonneg\n"
                          "prepaid\t预付卡\t2\nonline\tapp\t0.5\nelderly\t老人\t1\tneg\n"
                          "online\tiphone\t0.25\nrefund\t款\t0.0625\tnonneg\n";
    for (int k = 0; k < 70; k++) {
        size_t n = strlen(lexicon);
        snprintf(lexicon + n, sizeof lexicon - n, "takeout\t退%.*s\t0.%d\n", 3 * (1 + k % 3),
                 "款款款款", k + 1);
    }
    clf_lex lx;
    CHECK(clf_lex_parse(lexicon, strlen(lexicon), TAG_N, tax_tag_parse, 1, "test", &lx, &err) == QS_OK,
          "lexicon parsed");
    static const char *const fixed[] = {
        "", "退款", "没有退款", "这不是退款吗", "商家闭店，没闭店", "没，闭店", "退款款款款款",
        "APP里退款难", "老人没有老人", "并非跑路。跑路", "款",
    };
    int same = 1;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        clf_text t;
        double got[TAG_N], want[TAG_N];
        clf_fold(NULL, fixed[i], strlen(fixed[i]), &t, &err);
        clf_lex_score(&lx, &t, got);
        ref_score(&lx, &t, want);
        if (memcmp(got, want, sizeof got) != 0) {
            same = 0;
            printf("# differs on [%s]\n", fixed[i]);
        }
        clf_text_free(&t);
    }
    CHECK(same, "keyword scores equal the reference to the bit on fixed texts");
    same = 1;
    for (int r = 0; r < 3000; r++) {
        char buf[1024];
        random_text(buf, sizeof buf);
        clf_text t;
        double got[TAG_N], want[TAG_N];
        clf_fold(NULL, buf, strlen(buf), &t, &err);
        clf_lex_score(&lx, &t, got);
        ref_score(&lx, &t, want);
        if (memcmp(got, want, sizeof got) != 0 && same) {
            same = 0;
            printf("# differs on [%s]\n", buf);
        }
        clf_text_free(&t);
    }
    CHECK(same, "keyword scores equal the reference to the bit on 3000 random texts");

    /* feature ids: the index holds every other feature seen in the texts
     * plus strings no text has */
    hmap *seen = hmap_new();
    char texts[200][1024];
    seg_token toks[200][4];
    for (int r = 0; r < 200; r++) {
        random_text(texts[r], sizeof texts[r]);
        /* word tokens: the norms point into static strings */
        static const char *const words[] = {"退款", "商家", "app", "预付卡", "x"};
        for (int k = 0; k < 4; k++) {
            const char *w = words[next_rand(5)];
            toks[r][k] = (seg_token){0, k == 3 ? 1 : 2, w, strlen(w), k == 2 ? TOK_LATIN : TOK_HAN};
        }
        clf_text t;
        clf_fold(NULL, texts[r], strlen(texts[r]), &t, &err);
        clf_features(&t, toks[r], 4, collect_emit, seen, &err);
        clf_text_free(&t);
    }
    size_t pos = 0, len, n = 0;
    const char *key;
    void *val;
    char *feat[4096];
    int keep = 0;
    while (n < 4000 && hmap_next(seen, &pos, &key, &len, &val))
        if (keep++ % 3 != 2 && (feat[n] = malloc(len + 1)) != NULL) {
            memcpy(feat[n], key, len);
            feat[n++][len] = '\0';
        }
    feat[n++] = strdup("不在任何文本里");
    feat[n++] = strdup("w:没有的词");
    hmap *map = hmap_new();
    for (size_t i = 0; i < n; i++) {
        void **slot;
        int added;
        hmap_put(map, feat[i], strlen(feat[i]), &slot, &added);
        *slot = (void *)(uintptr_t)(i + 1);
    }
    clf_findex *ix = clf_findex_new(feat, n, &err);
    CHECK(ix != NULL, "feature index built (%zu features)", n);
    same = 1;
    size_t words = (n + 63) / 64, any = 0;
    for (int r = 0; ix && r < 200; r++) {
        uint64_t got[4096 / 64] = {0}, want[4096 / 64] = {0};
        clf_text t;
        clf_fold(NULL, texts[r], strlen(texts[r]), &t, &err);
        clf_feature_ids(&t, toks[r], 4, ix, got);
        ref_ids ref = {map, want};
        clf_features(&t, toks[r], 4, ref_emit, &ref, &err);
        if (memcmp(got, want, words * sizeof *got) != 0 && same) {
            same = 0;
            printf("# differs on [%s]\n", texts[r]);
        }
        for (size_t w = 0; w < words; w++)
            any += got[w] != 0;
        clf_text_free(&t);
    }
    CHECK(same && any > 0, "feature ids equal the looked-up strings on 200 random texts");
    clf_findex_free(ix);
    for (size_t i = 0; i < n; i++)
        free(feat[i]);
    hmap_free(map);
    hmap_free(seen);
    clf_lex_free(&lx);
    return DONE();
}
