/* test_clsimage.c: the compiled image of the issue model (cls_image_write,
 * cls_load_image): a model read with its image is the model read from its
 * text, to the last bit; an image made from another text is ignored (the
 * text is read); one that matches the text but is damaged (short, long,
 * its strings broken) is refused; no image at all reads the text. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clsmodel.h"
#include "harness.h"

static const char *const feats[] = {"头发", "退款", "外", "w:外卖", "w:不给退款", "iphone", "12315"};
#define NF (sizeof feats / sizeof *feats)

/* Write a small model with weights from seed to path. */
static int write_model(const char *path, uint64_t seed)
{
    qs_err err;
    cls_model *m = cls_model_new(NF);
    if (!m)
        return -1;
    int ok = 1;
    for (size_t i = 0; i < NF; i++) {
        ok &= (m->feat[i] = strdup(feats[i])) != NULL;
        for (int k = 0; k < ISSUE_N + TAG_N; k++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            double w = ((double)(seed >> 11) / (double)(1ULL << 53) * 2 - 1) * 3;
            if (k < ISSUE_N)
                m->w_issue[i * ISSUE_N + k] = w;
            else
                m->w_tag[i * TAG_N + k - ISSUE_N] = w;
        }
    }
    for (int k = 0; k < TAG_N; k++)
        m->tag_bias[k] = -2, m->tag_lex_scale[k] = 1;
    m->temperature = 1.5;
    m->lex_scale = 1;
    strcpy(m->feature_set, "char1,char2,latin,digit,word");
    strcpy(m->train_hash, "fnv1a64:0");
    m->kw.n_classes = ISSUE_N;
    m->tagkw.n_classes = TAG_N;
    ok &= clf_lex_add(&m->tagkw, TAG_TAKEOUT, "外卖", 3, 0, "takeout", &err) == QS_OK;
    FILE *f = fopen(path, "w");
    ok &= f && cls_model_write(m, f, &err) == QS_OK;
    if (f)
        ok &= fclose(f) == 0;
    cls_free(m);
    return ok ? 0 : -1;
}

/* Are a and b the same model: features, weights, rows and predictions? */
static int same_model(const cls_model *a, const cls_model *b)
{
    if (!a || !b || a->n_feat != b->n_feat)
        return 0;
    for (size_t i = 0; i < a->n_feat; i++)
        if (strcmp(a->feat[i], b->feat[i]) != 0)
            return 0;
    if (memcmp(a->w_issue, b->w_issue, a->n_feat * ISSUE_N * sizeof *a->w_issue) != 0 ||
        memcmp(a->w_tag, b->w_tag, a->n_feat * TAG_N * sizeof *a->w_tag) != 0 ||
        memcmp(a->w_row, b->w_row, a->n_feat * sizeof *a->w_row) != 0)
        return 0;
    const char *text = "外卖里吃出头发，商家不给退款，打了12315，iPhone也坏了";
    cls_result ra, rb;
    qs_err err;
    if (cls_predict(a, text, strlen(text), NULL, 0, &ra, &err) != QS_OK ||
        cls_predict(b, text, strlen(text), NULL, 0, &rb, &err) != QS_OK)
        return 0;
    return ra.issue == rb.issue && ra.tags == rb.tags && memcmp(ra.prob, rb.prob, sizeof ra.prob) == 0 &&
           memcmp(ra.tag_prob, rb.tag_prob, sizeof ra.tag_prob) == 0;
}

/* Read (peek) or write (poke) n bytes at off from whence in the file at
 * path; 1 when done. */
static int peek(const char *path, long off, int whence, void *p, size_t n)
{
    FILE *f = fopen(path, "rb");
    int ok = f && fseek(f, off, whence) == 0 && fread(p, n, 1, f) == 1;
    if (f)
        fclose(f);
    return ok;
}

static int poke(const char *path, long off, int whence, const void *p, size_t n)
{
    FILE *f = fopen(path, "r+b");
    int ok = f && fseek(f, off, whence) == 0 && fwrite(p, n, 1, f) == 1;
    if (f)
        ok &= fclose(f) == 0;
    return ok;
}

/* Is the image at image (of the model text at model) refused as damaged? */
static int refused(const char *model, const char *image, qs_err *err)
{
    cls_model *m = cls_load_image(model, image, err);
    int ok = !m && err->rc == QS_EDATA && strstr(err->msg, "damaged");
    cls_free(m);
    return ok;
}

int main(void)
{
    char dir[] = "/tmp/qs_clsimage_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char model[64], image[64], none[64];
    snprintf(model, sizeof model, "%s/issue.model", dir);
    snprintf(image, sizeof image, "%s/issue.bin", dir);
    snprintf(none, sizeof none, "%s/absent.bin", dir);
    qs_err err = {0};

    CHECK(write_model(model, 1) == 0, "a model written");
    CHECK(cls_image_write(model, image, &err) == QS_OK, "its image written (%s)", err.msg);
    cls_model *text = cls_load(model, &err);
    cls_model *img = cls_load_image(model, image, &err);
    CHECK(img && img->image.len > 0, "the image is used (%s)", err.msg);
    CHECK(text && img && same_model(text, img), "the model read with its image is the model read from its text");
    cls_free(img);
    img = cls_load_image(model, none, &err);
    CHECK(same_model(text, img), "without an image the text is read");
    cls_free(img);
    cls_free(text);

    /* retrained: the old image no longer applies */
    CHECK(write_model(model, 2) == 0, "a second model over the first");
    text = cls_load(model, &err);
    img = cls_load_image(model, image, &err);
    CHECK(same_model(text, img), "an image of another text is ignored: the new text is read");
    cls_free(img);
    cls_free(text);

    /* an image of this text, cut short or with a feature string broken */
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    FILE *f = fopen(image, "r+b");
    long size = -1;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (f)
        fclose(f);
    CHECK(size > 16 && truncate(image, size - 16) == 0, "the image cut short");
    CHECK(refused(model, image, &err), "a short image is refused (%s)", err.msg);
    /* the first feature string starts right after the 64-byte header:
     * a NUL there leaves an empty string, one feature too many */
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    CHECK(poke(image, 64, SEEK_SET, "", 1), "a feature string broken");
    CHECK(refused(model, image, &err), "a broken pool is refused (%s)", err.msg);

    /* one byte too many, and a pool whose last string runs into the rows */
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    CHECK(poke(image, 0, SEEK_END, "x", 1), "a byte appended");
    CHECK(refused(model, image, &err), "a long image is refused (%s)", err.msg);
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    uint64_t pool_len = 0;
    CHECK(peek(image, 48, SEEK_SET, &pool_len, 8) && pool_len > 0 &&
              poke(image, 64 + (long)pool_len - 1, SEEK_SET, "x", 1),
          "the pool's last NUL overwritten");
    CHECK(refused(model, image, &err), "an unended pool is refused (%s)", err.msg);

    /* the feature index at the end: its Han table's size (its first word)
     * made no power of two, or an id past the features in a string slot */
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    uint64_t fidx_len = 0, han_cap = 0;
    CHECK(peek(image, 56, SEEK_SET, &fidx_len, 8) && fidx_len > 0 &&
              peek(image, -(long)fidx_len, SEEK_END, &han_cap, 8) &&
              poke(image, -(long)fidx_len, SEEK_END, &(uint64_t){han_cap - 1}, 8),
          "the index's table size changed");
    CHECK(refused(model, image, &err), "a damaged feature index is refused (%s)", err.msg);
    CHECK(cls_image_write(model, image, &err) == QS_OK, "the image rebuilt");
    /* blob head 32 bytes, uni 0x5200 x 4, han han_cap x 8, then the string
     * slots of 32 bytes: hash 8, id 4 */
    int damaged_id = 0;
    for (long at = -(long)fidx_len + 32 + 0x5200 * 4 + (long)han_cap * 8; !damaged_id && at < -8; at += 32) {
        uint64_t hash = 0;
        if (!peek(image, at, SEEK_END, &hash, 8))
            break;
        damaged_id = hash && poke(image, at + 8, SEEK_END, &(uint32_t){1000}, 4);
    }
    CHECK(damaged_id, "an id in the index's string table changed");
    CHECK(refused(model, image, &err), "an index id past the features is refused (%s)", err.msg);

    img = cls_load_image(none, image, &err);
    CHECK(!img && err.rc == QS_EIO && strstr(err.msg, "cannot open model"), "no model text: a clear error (%s)",
          err.msg);
    CHECK(cls_image_write(none, image, &err) == QS_EIO, "no model text: no image (%s)", err.msg);
    remove(model);
    remove(image);
    remove(dir);
    return DONE();
}
