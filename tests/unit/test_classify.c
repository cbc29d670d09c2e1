/* test_classify.c: folding, features, lexicon matching with negation, and
 * the model file round trip of the issue classifier. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "clsfeat.h"
#include "clsmodel.h"
#include "harness.h"
#include "paths.h"

static int count_emit(void *ctx, const char *s, size_t len)
{
    (void)s;
    (void)len;
    (*(int *)ctx)++;
    return 0;
}

typedef struct find_ctx {
    const char *want;
    int found;
} find_ctx;

static int find_emit(void *ctx, const char *s, size_t len)
{
    find_ctx *f = ctx;
    if (strlen(f->want) == len && memcmp(f->want, s, len) == 0)
        f->found = 1;
    return 0;
}

static int has_feature(const char *text, const char *feat)
{
    clf_text t;
    find_ctx f = {feat, 0};
    if (clf_fold(NULL, text, strlen(text), &t, NULL) != QS_OK)
        return -1;
    clf_features(&t, NULL, 0, find_emit, &f, NULL);
    clf_text_free(&t);
    return f.found;
}

static const char lexicon[] =
    "# test lexicon\n"
    "closure\t闭店\t2.5\n"
    "punitive_demand\t十倍赔偿\t2.5\n"
    "refund\t退款\t2\tnonneg\n"
    "online\tTaoBao\t2\n";

static double score_of(const clf_lex *lx, const char *text, int tag)
{
    clf_text t;
    double s[TAG_N];
    if (clf_fold(NULL, text, strlen(text), &t, NULL) != QS_OK)
        return -1;
    clf_lex_score(lx, &t, s);
    clf_text_free(&t);
    return s[tag];
}

int main(int argc, char **argv)
{
    (void)argc;
    paths_set_argv0(argv[0]);
    qs_err err = {0};

    /* folding: full-width forms and Latin case, one code point each */
    clf_text t;
    CHECK(clf_fold(NULL, "ＡＢｃ１２３　金鼎", strlen("ＡＢｃ１２３　金鼎"), &t, &err) == QS_OK, "fold");
    CHECK_STR(t.utf8, "abc123 金鼎", "full-width and case folded");
    CHECK(t.n == 9, "one folded code point per input code point (%zu)", t.n);
    clf_text_free(&t);
    CHECK(clf_fold(NULL, "a\xff" "b", 3, &t, &err) == QS_OK && t.n == 3 && t.cp[1] == 0xFFFD,
          "invalid byte becomes U+FFFD");
    clf_text_free(&t);
    /* the normalising fold reads Cantonese particles as Mandarin, one code
     * point for one; 系 stays (系统) */
    norm_ctx *nc = norm_new(&err);
    CHECK(nc != NULL, "normaliser: %s", err.msg);
    if (nc) {
        const char *yue = "佢話冇牌嘅貨 唔退 系咁";
        CHECK(clf_fold(nc, yue, strlen(yue), &t, &err) == QS_OK, "fold Cantonese");
        CHECK_STR(t.utf8, "他话没牌的货 不退 系咁", "Cantonese particles folded to Mandarin");
        clf_text_free(&t);
        int32_t *han = clf_han_table(nc);
        CHECK(han && han[0x5187 - 0x4E00] == 0x6CA1 && han[0x7CFB - 0x4E00] == 0x7CFB,
              "the table of the fast path folds 冇 as 没 and keeps 系");
        free(han);
        norm_free(nc);
    }

    /* features */
    CHECK(has_feature("吃出头发", "头发") == 1, "character bigram");
    CHECK(has_feature("吃出头发", "发") == 1, "character unigram");
    CHECK(has_feature("头，发", "头发") == 0, "no bigram across punctuation");
    CHECK(has_feature("付了3800元", "# 元") == 1, "digit run collapses to #");
    CHECK(has_feature("买的iPhone坏了", "iphone") == 1, "Latin run is one lower-cased unit");
    int n = 0;
    CHECK(clf_fold(NULL, "", 0, &t, &err) == QS_OK, "fold empty");
    CHECK(clf_features(&t, NULL, 0, count_emit, &n, &err) == QS_OK && n == 0, "empty text, no features");
    clf_text_free(&t);

    /* lexicon: negation in the clause, rhetorical questions, nonneg */
    clf_lex lx;
    CHECK(clf_lex_parse(lexicon, strlen(lexicon), TAG_N, tax_tag_parse, 1, "test", &lx, &err) == QS_OK,
          "parse lexicon: %s", err.msg);
    CHECK(lx.n == 4, "four entries");
    CHECK(score_of(&lx, "健身房已经闭店了", TAG_CLOSURE) == 2.5, "闭店 counts");
    CHECK(score_of(&lx, "健身房并没有闭店", TAG_CLOSURE) == 0, "没有闭店 is no closure");
    CHECK(score_of(&lx, "没有人管，现在闭店了", TAG_CLOSURE) == 2.5, "a negator in an earlier clause does not count");
    CHECK(score_of(&lx, "他们没说，但闭店了吗", TAG_CLOSURE) == 2.5, "rhetorical question is no denial");
    CHECK(score_of(&lx, "我不要求十倍赔偿，只要退款", TAG_PUNITIVE_DEMAND) == 0, "不要求十倍赔偿 is no punitive demand");
    CHECK(score_of(&lx, "我不要求十倍赔偿，只要退款", TAG_REFUND) == 2, "the refund in it still counts");
    CHECK(score_of(&lx, "商家不给退款", TAG_REFUND) == 2, "nonneg keyword counts after a negator");
    CHECK(score_of(&lx, "在taobao买的", TAG_ONLINE) == 2, "keywords are folded too");
    CHECK(score_of(&lx, "闭店闭店闭店", TAG_CLOSURE) == 2.5, "a keyword counts once");
    clf_lex_free(&lx);

    CHECK(clf_lex_parse("broken\t词\t1\n", strlen("broken\t词\t1\n"), TAG_N, tax_tag_parse, 1, "x.tsv", &lx, &err) == QS_EDATA &&
              strstr(err.msg, "x.tsv:1: unknown code 'broken'") != NULL,
          "unknown code names the line (%s)", err.msg);
    CHECK(clf_lex_parse("refund\t退款\n", strlen("refund\t退款\n"), TAG_N, tax_tag_parse, 1, "x.tsv", &lx,
                        &err) == QS_EDATA,
          "missing weight is an error");
    CHECK(clf_lex_parse("refund\t退款\tlots\n", strlen("refund\t退款\tlots\n"), TAG_N, tax_tag_parse, 1,
                        "x.tsv", &lx, &err) == QS_EDATA,
          "bad weight is an error");

    /* model: write a small one, read it back, same predictions */
    cls_model *m = cls_model_new(2);
    CHECK(m != NULL, "new model");
    m->feat[0] = strdup("头发");
    m->feat[1] = strdup("退款");
    m->w_issue[0 * ISSUE_N + ISSUE_FOOD_SAFETY] = 4;
    m->w_tag[1 * TAG_N + TAG_REFUND] = 6;
    for (int k = 0; k < TAG_N; k++)
        m->tag_bias[k] = -2, m->tag_lex_scale[k] = 1;
    m->temperature = 2;
    m->lex_scale = 1;
    strcpy(m->feature_set, "char1,char2,latin,digit");
    strcpy(m->train_hash, "fnv1a64:0");
    m->kw.n_classes = ISSUE_N;
    m->tagkw.n_classes = TAG_N;
    CHECK(clf_lex_add(&m->tagkw, TAG_TAKEOUT, "外卖", 3, 0, "takeout", &err) == QS_OK, "add tag keyword");
    CHECK(cls_model_index(m, &err) == QS_OK, "index");
    cls_result r1, r2;
    const char *text = "外卖里吃出头发，要求退款";
    CHECK(cls_predict(m, text, strlen(text), NULL, 0, &r1, &err) == QS_OK, "predict");
    CHECK(r1.issue == ISSUE_FOOD_SAFETY, "issue from the weights");
    double sum = 0;
    for (int k = 0; k < ISSUE_N; k++)
        sum += r1.prob[k];
    CHECK_NEAR(sum, 1.0, 1e-9, "probabilities sum to one");
    CHECK(r1.confidence > 1.0 / ISSUE_N && r1.confidence < 1, "confidence is a probability (%g)", r1.confidence);
    CHECK(r1.tags == (TAG_BIT(TAG_REFUND) | TAG_BIT(TAG_TAKEOUT)), "tags: refund by weight, takeout by lexicon");

    char path[] = "/tmp/qunsu-test-model-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f && cls_model_write(m, f, &err) == QS_OK, "write model");
    if (f)
        fclose(f);
    cls_model *m2 = cls_load(path, &err);
    CHECK(m2 != NULL, "load written model: %s", m2 ? "" : err.msg);
    if (m2) {
        CHECK(cls_predict(m2, text, strlen(text), NULL, 0, &r2, &err) == QS_OK, "predict with loaded model");
        CHECK(r2.issue == r1.issue && r2.tags == r1.tags, "same decision after the round trip");
        CHECK_NEAR(r2.confidence, r1.confidence, 1e-4, "same confidence after the round trip");
        CHECK(cls_n_features(m2) == 2, "two features");
        CHECK_STR(cls_feature_set(m2), "char1,char2,latin,digit", "feature set kept");
    }
    cls_free(m2);
    cls_free(m);

    /* damaged files */
    f = fopen(path, "w");
    if (f) {
        fputs("qunsu-issue-model 1\nfeatures x\n", f);
        fclose(f);
    }
    CHECK(cls_load(path, &err) == NULL && err.rc == QS_EDATA, "truncated header is QS_EDATA (%s)", err.msg);
    remove(path);
    CHECK(cls_load(path, &err) == NULL && err.rc == QS_EIO, "missing file is QS_EIO");
    cls_free(NULL);
    return DONE();
}
