/* texthash.h: a fast 64-bit hash of a file's text, eight bytes a step. It
 * tells whether a compiled image (data/issue.bin, data/sector.bin) was made
 * from the very model text found at run time; it is no defence against a
 * forged file. */
#ifndef QS_TEXTHASH_H
#define QS_TEXTHASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

#endif
