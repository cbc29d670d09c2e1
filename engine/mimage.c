/* mimage.c: writing, checking and handing over compiled model images (see
 * mimage.h). */
#include "mimage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* A fast 64-bit hash of a file's text: four independent lanes of eight
 * bytes a step, so that their multiplications overlap (in one lane each
 * step waits for the last; the texts are tens of megabytes). */
static uint64_t text_hash64(const char *s, size_t len)
{
    uint64_t h[4] = {0x9E3779B97F4A7C15ULL ^ len, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
                     0x27D4EB2F165667C5ULL},
             w;
    size_t i = 0;
    for (; i + 32 <= len; i += 32)
        for (int l = 0; l < 4; l++) {
            memcpy(&w, s + i + 8 * l, 8);
            h[l] = (h[l] ^ w) * 0xFF51AFD7ED558CCDULL;
            h[l] ^= h[l] >> 32;
        }
    uint64_t r = h[0] ^ (h[1] * 0x9E3779B97F4A7C15ULL) ^ (h[2] * 0xC2B2AE3D27D4EB4FULL) ^
                 (h[3] * 0x165667B19E3779F9ULL);
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        r = (r ^ w) * 0xFF51AFD7ED558CCDULL;
        r ^= r >> 32;
    }
    w = 0;
    memcpy(&w, s + i, len - i);
    r = (r ^ w) * 0xC4CEB9FE1A85EC53ULL;
    return r ^ r >> 29;
}


/* Where an image's rows begin: after its header and pool, at a multiple of
 * 64 (a cache line, which a mapped row may be aligned to). */
static uint64_t rows_at(uint64_t pool_len)
{
    return (sizeof(mimage_head) + pool_len + 63) & ~(uint64_t)63;
}

qs_rc mimage_write(const char *out_path, const mimage_kind *kind, const char *text, size_t text_len,
                   char *const *feat, size_t n, const void *const *rows, const size_t *row_bytes, size_t n_rows,
                   const clf_findex *ix, qs_err *err)
{
    mimage_head h = {{0}, kind->version, {kind->shape[0], kind->shape[1], kind->shape[2]}, text_len,
                     text_hash64(text, text_len), n, 0, 0};
    memcpy(h.magic, kind->magic, 8);
    for (size_t i = 0; i < n; i++)
        h.pool_len += strlen(feat[i]) + 1;
    size_t fidx_len;
    void *fidx = clf_findex_blob(ix, n, &fidx_len);
    if (!fidx)
        return qs_fail(err, QS_ENOMEM, "out of memory writing %s", out_path);
    h.fidx_len = fidx_len;
    char tmp[4096];
    FILE *f = NULL;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", out_path) >= sizeof tmp) {
        free(fidx);
        return qs_fail(err, QS_EIO, "image path too long: %s", out_path);
    }
    if (!(f = fopen(tmp, "wb"))) {
        free(fidx);
        return qs_fail(err, QS_EIO, "cannot write %s: %s", tmp, strerror(errno));
    }
    int ok = fwrite(&h, sizeof h, 1, f) == 1;
    for (size_t i = 0; ok && i < n; i++)
        ok = fwrite(feat[i], strlen(feat[i]) + 1, 1, f) == 1;
    static const char zeros[64];
    size_t pad = (size_t)(rows_at(h.pool_len) - sizeof h - h.pool_len);
    ok = ok && (pad == 0 || fwrite(zeros, pad, 1, f) == 1);
    for (size_t i = 0; ok && i < n_rows; i++)
        ok = row_bytes[i] == 0 || fwrite(rows[i], row_bytes[i], 1, f) == 1;
    ok = ok && fwrite(fidx, fidx_len, 1, f) == 1;
    free(fidx);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, out_path) != 0) {
        remove(tmp);
        return qs_fail(err, QS_EIO, "write error on %s", out_path);
    }
    return QS_OK;
}

static qs_rc damaged(const mimage *img, const char *why, qs_err *err)
{
    return qs_fail(err, QS_EDATA, "%s: damaged model image%s%s (rebuild it with make)", img->path, why ? ": " : "",
                   why ? why : "");
}

qs_rc mimage_open(const char *path, const mimage_kind *kind, const char *text, size_t text_len, mimage *img,
                  qs_err *err)
{
    *img = (mimage){path, {"", 0}, 0, NULL};
    mimage_head h;
    if (mapfile_open(path, NULL, &img->map, NULL) != QS_OK)
        return QS_OK;
    if (img->map.len < sizeof h || (memcpy(&h, img->map.data, sizeof h), memcmp(h.magic, kind->magic, 8) != 0) ||
        h.version != kind->version || memcmp(h.shape, kind->shape, sizeof h.shape) != 0 || h.text_len != text_len ||
        h.text_hash != text_hash64(text, text_len)) {
        mapfile_close(&img->map);
        return QS_OK;
    }
    /* the pool: at least two bytes a feature, none when there are none;
     * then the rows and the index, to the end of the file exactly */
    uint64_t room = img->map.len - sizeof h;
    if (!(h.pool_len >= 2 * h.n_feat && h.pool_len <= room && (h.n_feat > 0 || h.pool_len == 0) &&
          h.n_feat <= room / kind->feat_bytes && h.fidx_len <= room && h.fidx_len % 8 == 0 &&
          rows_at(h.pool_len) + h.n_feat * kind->feat_bytes + h.fidx_len == img->map.len)) {
        mapfile_close(&img->map);
        return damaged(img, NULL, err);
    }
    img->n_feat = h.n_feat;
    img->rows = img->map.data + rows_at(h.pool_len);
    return QS_OK;
}

/* Split pool[0..pool_len) into the n feature strings it must hold: n
 * non-empty strings, each ended by NUL, filling it exactly; feat[i] points
 * at each in the pool (no copies: a model has hundreds of thousands of
 * strings). The pool is a read-only mapping: feat[i] are char * only
 * because the models' tables are, and nothing writes through them. */
static int split_pool(const char *pool, uint64_t pool_len, char **feat, size_t n)
{
    if (pool_len && pool[pool_len - 1] != '\0')
        return -1; /* else a string could run past the pool */
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(pool + at);
        if (!l || at + l >= pool_len || (i + 1 == n && at + l + 1 != pool_len))
            return -1;
        feat[i] = (char *)(pool + at);
        at += l + 1;
    }
    return n == 0 && pool_len != 0 ? -1 : 0;
}

qs_rc mimage_take(mimage *img, size_t n_feat, char **feat, mapfile *keep, clf_findex **ix, qs_err *err)
{
    mimage_head h;
    memcpy(&h, img->map.data, sizeof h);
    *keep = img->map;
    img->map = (mapfile){"", 0};
    if (n_feat != h.n_feat || split_pool(keep->data + sizeof h, h.pool_len, feat, n_feat) != 0)
        return damaged(img, NULL, err);
    qs_err ferr = {0};
    *ix = clf_findex_from_blob(keep->data + keep->len - h.fidx_len, h.fidx_len, n_feat, &ferr);
    if (!*ix)
        return ferr.rc == QS_ENOMEM ? qs_fail(err, QS_ENOMEM, "%s", ferr.msg) : damaged(img, ferr.msg, err);
    return QS_OK;
}
