/* mimage.h: compiled model images (data/issue.bin, data/sector.bin), read
 * at start-up instead of parsing the model text. An image is a fixed header
 * of its model's own, the feature strings each ended by NUL, zero bytes up
 * to a multiple of 64, then the weight rows and the feature index. Images and model texts are
 * mapped, not read: the rows are used where they lie, and mapping a file
 * whole costs one call where reading it into fresh memory cost a page
 * fault every 4 KiB (most of the start-up time). text_hash64 ties an image
 * to the very model text it was made from (it is no defence against a
 * forged file); mimage_write writes one to a temporary file renamed into
 * place, so that no reader sees half of it, and a running engine keeps the
 * file it mapped. */
#ifndef QS_MIMAGE_H
#define QS_MIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "status.h"

/* A fast 64-bit hash of a file's text: four independent lanes of eight
 * bytes a step, so that their multiplications overlap (in one lane each
 * step waits for the last; the texts are tens of megabytes). */
static inline uint64_t text_hash64(const char *s, size_t len)
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

/* A file mapped read-only, whole. data is "" and len 0 for an empty file. */
typedef struct mimage_map {
    const char *data;
    size_t len;
} mimage_map;

/* Map the file at path into *out. QS_OK, or QS_EIO with err filled (and
 * err->sys_errno) when it cannot be opened or mapped. Release with
 * mimage_unmap. */
qs_rc mimage_map_file(const char *path, mimage_map *out, qs_err *err);
/* Unmap m (one that is mapped or zeroed) and zero it. */
void mimage_unmap(mimage_map *m);

/* Where an image's rows begin: after its header and pool, at a multiple of
 * 64 (a cache line, which a mapped row may be aligned to). */
static inline uint64_t mimage_rows_at(size_t head_len, uint64_t pool_len)
{
    return (head_len + pool_len + 63) & ~(uint64_t)63;
}

/* Bytes of the n feature strings with their NULs (the header's pool length). */
uint64_t mimage_pool_len(char *const *feat, size_t n);

/* Write head (head_len bytes), feat[0..n), zeros up to mimage_rows_at and
 * the n_rows blocks rows[i] of row_bytes[i] bytes to out_path (through out_path.tmp). QS_OK, or QS_EIO
 * with err filled. */
qs_rc mimage_write(const char *out_path, const void *head, size_t head_len, char *const *feat, size_t n,
                   const void *const *rows, const size_t *row_bytes, size_t n_rows, qs_err *err);

/* Split pool[0..pool_len) into the n feature strings it must hold: n
 * non-empty strings, each ended by NUL, filling it exactly; feat[i] points
 * at each in pool (no copies: a model has hundreds of thousands of
 * strings, and the pool, kept by the caller as long as feat, holds them
 * all). The pool may be a read-only mapping: feat[i] are char * only
 * because the models' tables are, and nothing writes through them. 0, or
 * MIMAGE_DAMAGED when the pool is not so. */
enum { MIMAGE_DAMAGED = 1 };
int mimage_split_pool(const char *pool, uint64_t pool_len, char **feat, size_t n);

#endif
