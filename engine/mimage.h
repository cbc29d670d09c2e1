/* mimage.h: compiled model images (data/issue.bin, data/sector.bin), read
 * at start-up instead of parsing the model text. An image is a fixed header
 * of its model's own, the feature strings each ended by NUL, then the
 * weight rows. text_hash64 ties an image to the very model text it was made
 * from (it is no defence against a forged file); mimage_write writes one to
 * a temporary file renamed into place, so that no reader sees half of it. */
#ifndef QS_MIMAGE_H
#define QS_MIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "status.h"

/* A fast 64-bit hash of a file's text, eight bytes a step. */
static inline uint64_t text_hash64(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s + i, len - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ h >> 29;
}

/* Bytes of the n feature strings with their NULs (the header's pool length). */
uint64_t mimage_pool_len(char *const *feat, size_t n);

/* Write head (head_len bytes), feat[0..n) and the n_rows blocks rows[i] of
 * row_bytes[i] bytes to out_path (through out_path.tmp). QS_OK, or QS_EIO
 * with err filled. */
qs_rc mimage_write(const char *out_path, const void *head, size_t head_len, char *const *feat, size_t n,
                   const void *const *rows, const size_t *row_bytes, size_t n_rows, qs_err *err);

/* Split pool[0..pool_len) (NUL-terminated at pool_len) into the n feature
 * strings it must hold: n non-empty strings filling it exactly, feat[i]
 * pointing at each in pool (no copies: a model has hundreds of thousands of
 * strings, and the pool, kept by the caller as long as feat, holds them
 * all). 0, or MIMAGE_DAMAGED when the pool is not so. */
enum { MIMAGE_DAMAGED = 1 };
int mimage_split_pool(char *pool, uint64_t pool_len, char **feat, size_t n);

#endif
