/* The character tagger of names learns names from their contexts and finds
 * names it never saw, writes the same file for the same inputs, keeps
 * names out of positions that may not hold one, and its loader refuses a
 * damaged file with a message. */
#include <stdio.h>
#include <string.h>

#include "ctag.h"
#include "harness.h"

#define MAXN 64

typedef struct text {
    int32_t f[MAXN];
    uint8_t tb[MAXN + 1], ok[MAXN], lex[MAXN], taken[MAXN], rk[MAXN + 1];
    int32_t same[MAXN];
    mspan_text t;
    int32_t gold[2]; /* the name's span, or -1 */
} text;

/* A text from a pattern whose "%s" is the name (or a pattern with none). */
static void make(text *x, const char *pattern, const char *name)
{
    char buf[256];
    const char *hole = strstr(pattern, "%s");
    if (hole)
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(hole - pattern), pattern, name ? name : "", hole + 2);
    else
        snprintf(buf, sizeof buf, "%s", pattern);
    memset(x, 0, sizeof *x);
    size_t n = harness_cps(buf, x->f, MAXN);
    for (size_t i = 0; i <= n; i++)
        x->tb[i] = 1;
    for (size_t i = 0; i < n; i++) {
        x->ok[i] = x->f[i] != 0xFF0C; /* ， */
        x->same[i] = (int32_t)i;
    }
    x->gold[0] = x->gold[1] = -1;
    if (name) {
        int32_t pre[MAXN], nm[MAXN];
        size_t k = strstr(pattern, "%s") - pattern;
        char head[128];
        memcpy(head, pattern, k);
        head[k] = 0;
        x->gold[0] = (int32_t)harness_cps(head, pre, MAXN);
        x->gold[1] = x->gold[0] + (int32_t)harness_cps(name, nm, MAXN);
    }
    x->t = (mspan_text){x->f, n, x->tb, x->ok, x->lex, x->taken, x->same, x->rk, NULL, NULL};
}

static const char *const patterns[] = {"在%s买的鞋子坏了", "%s的老板不给退钱", "投诉%s，收费太贵",
                                       "我在%s办了卡，现在关门了", "昨天去%s吃饭拉肚子"};
static const char *const negatives[] = {"鞋子坏了不给退钱", "今天吃饭拉肚子了", "收费太贵了，不合理"};
static const char syll[] = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";

/* The i-th two-character name of the syllables (i < 400). */
static void name_of(int i, char *out)
{
    /* every syllable is three bytes of UTF-8 */
    memcpy(out, syll + 3 * (i % 20), 3);
    memcpy(out + 3, syll + 3 * (i / 20 % 20), 3);
    out[6] = 0;
}

static int train(const char *path, unsigned seed)
{
    qs_err err = {0};
    ctag_trainer *tr = ctag_trainer_new(&err);
    if (!tr)
        return -1;
    text x;
    char nm[8];
    /* names 0..199 train, 200..399 are kept for testing */
    for (int i = 0; i < 200; i++) {
        name_of(i, nm);
        make(&x, patterns[i % 5], nm);
        if (ctag_trainer_add(tr, &x.t, x.gold, 1, &err) != QS_OK)
            break;
        if (i % 4 == 0) {
            make(&x, negatives[i / 4 % 3], NULL);
            ctag_trainer_add(tr, &x.t, NULL, 0, &err);
        }
    }
    int rc = ctag_trainer_texts(tr) == 250 && ctag_trainer_fit_write(tr, 5, seed, path, "test", &err) == QS_OK
                 ? 0
                 : -1;
    ctag_trainer_free(tr);
    return rc;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        same = ca == cb;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* Copy src to dst, one byte short (delta -1), as it is (0) or with a NUL
 * byte more (1). */
static int copy_file(const char *src, const char *dst, int delta)
{
    FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
    int rc = in && out ? 0 : -1;
    if (!rc) {
        long size = 0;
        while (fgetc(in) != EOF)
            size++;
        rewind(in);
        for (long i = 0; i < size + (delta < 0 ? delta : 0); i++)
            fputc(fgetc(in), out);
        if (delta > 0)
            fputc(0, out);
    }
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

/* Overwrite the first weight (after the two header lines and the NUL
 * bytes up to a multiple of 64) with a NaN. */
static int poke_nan(const char *path)
{
    FILE *fp = fopen(path, "r+b");
    if (!fp)
        return -1;
    char line[256];
    int rc = fgets(line, sizeof line, fp) && fgets(line, sizeof line, fp) ? 0 : -1;
    long at = (ftell(fp) / 64 + 1) * 64;
    float nan_value = NAN;
    if (!rc && (fseek(fp, at, SEEK_SET) != 0 || fwrite(&nan_value, sizeof nan_value, 1, fp) != 1))
        rc = -1;
    return fclose(fp) == 0 ? rc : -1;
}

static void expect_refused(const char *path, const char *what)
{
    qs_err err = {0};
    ctag_model *m = ctag_load(path, &err);
    CHECK(m == NULL, "%s is refused", what);
    CHECK(strstr(err.msg, "damaged") != NULL, "%s: the message says so (%s)", what, err.msg);
    ctag_free(m);
}

int main(void)
{
    const char *src = "models/ctag.model";
    FILE *probe = fopen(src, "rb");
    if (!probe)
        src = "../models/ctag.model";
    else
        fclose(probe);
    qs_err lerr = {0};
    ctag_model *shipped = ctag_load(src, &lerr);
    CHECK(shipped != NULL, "the committed model loads (%s)", lerr.msg);
    ctag_free(shipped);

    const char *p1 = "/tmp/qunsu_test_ctag1.model", *p2 = "/tmp/qunsu_test_ctag2.model",
               *p3 = "/tmp/qunsu_test_ctag3.model";
    CHECK(train(p1, 7) == 0, "a model is trained on 250 texts and written");
    CHECK(train(p2, 7) == 0 && same_file(p1, p2), "the same texts and seed write a byte-identical file");

    qs_err err = {0};
    ctag_model *m = ctag_load(p1, &err);
    CHECK(m != NULL, "the written model loads (%s)", err.msg);
    if (!m)
        return DONE();

    /* names it never saw, in the patterns it learned */
    int found = 0, extra = 0;
    char nm[8];
    text x;
    for (int i = 200; i < 300; i++) {
        name_of(i, nm);
        make(&x, patterns[i % 5], nm);
        int32_t sp[8];
        size_t ns = 0;
        ctag_spans(m, &x.t, sp, NULL, 4, &ns, &err);
        for (size_t k = 0; k < ns; k++) {
            if (sp[2 * k] == x.gold[0] && sp[2 * k + 1] == x.gold[1])
                found++;
            else
                extra++;
        }
    }
    CHECK(found >= 90, "names never trained on are found in 90 of 100 texts or more (%d)", found);
    CHECK(extra <= 5, "few other spans are tagged (%d)", extra);

    make(&x, "衣服坏了不给退钱", NULL);
    int32_t sp[8];
    float sc[4];
    size_t ns = 99;
    CHECK(ctag_spans(m, &x.t, sp, sc, 4, &ns, &err) == QS_OK && ns == 0, "a text without a name gets none (%zu)",
          ns);

    /* a position that may not hold a name splits one: 在甲乙买 with 乙 barred */
    make(&x, "在%s买的鞋子坏了", "癸酉");
    x.ok[2] = 0;
    ns = 0;
    ctag_spans(m, &x.t, sp, sc, 4, &ns, &err);
    int crosses = 0;
    for (size_t k = 0; k < ns; k++)
        crosses |= sp[2 * k] <= 2 && sp[2 * k + 1] > 2;
    CHECK(!crosses, "no span covers a character that may not be in a name");

    make(&x, "", NULL);
    ns = 99;
    CHECK(ctag_spans(m, &x.t, sp, sc, 4, &ns, &err) == QS_OK && ns == 0, "an empty text has no spans");
    ctag_free(m);

    /* damaged copies of the file */
    CHECK(copy_file(p1, p3, -1) == 0, "a copy one byte short written");
    expect_refused(p3, "a model one byte short");
    CHECK(copy_file(p1, p3, 1) == 0, "a copy with a byte too many written");
    expect_refused(p3, "a model with a byte too many");
    CHECK(copy_file(p1, p3, 0) == 0 && poke_nan(p3) == 0, "a copy whose first weight is no number written");
    expect_refused(p3, "a model with a weight that is no number");

    FILE *out;
    out = fopen(p3, "wb");
    if (out) {
        fputs("qunsu-mspan 1\n", out);
        fclose(out);
    }
    expect_refused(p3, "another model's file");

    err = (qs_err){0};
    CHECK(ctag_load("/nonexistent/ctag.model", &err) == NULL && strstr(err.msg, "cannot open") != NULL,
          "a missing file is named in the message (%s)", err.msg);

    remove(p1);
    remove(p2);
    remove(p3);
    return DONE();
}
