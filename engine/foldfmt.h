/* foldfmt.h: layout of data/fold.bin, the per-code-point fold table that
 * engine/gen/foldgen.c computes with ICU at build time and normalize.c reads
 * at run time. Native byte order (the file is built on the machine that uses
 * it). Layout after the header:
 *   uint16_t stage1[FOLD_STAGE1]   block number of each 256-code-point page
 *   uint32_t blocks[n_blocks][256] one entry per code point (see below)
 *   int32_t  pool[n_pool]          expansions: a count, then that many code points
 *   uint32_t phrase_at[n_phrases]  offsets into phrases, sorted by first code point
 *   int32_t  phrases[n_phrase_cps] phrase rules: a length n, n key code points
 *                                  (the per-character fold of a traditional
 *                                  phrase), then n replacement code points
 * An entry's top 3 bits are its kind, the low 29 bits its payload. */
#ifndef QS_FOLDFMT_H
#define QS_FOLDFMT_H

#include <stdint.h>

#define FOLD_MAGIC "QSFOLD2"   /* 8 bytes with the NUL */
#define FOLD_STAGE1 0x1100     /* 0x110000 code points / 256 */

enum fold_kind {
    FOLD_MAP = 0,   /* 1:1; payload is the signed difference folded - cp */
    FOLD_EXP = 1,   /* several code points; payload is an offset into pool */
    FOLD_DEL = 2,   /* removed (default-ignorable, e.g. U+200B, U+FEFF) */
    FOLD_SPACE = 3, /* white space or control: one ' ', runs collapse */
    FOLD_CTX = 4,   /* no normalisation boundary before it (combining marks,
                       conjoining jamo): ICU normalises its segment; payload
                       is the signed difference of its fold alone (or 0) */
    FOLD_MAP_TS = 5 /* like FOLD_MAP, for a traditional character that
                       Traditional-Simplified changed, or a character kept
                       in simplified use that it would change (著, payload
                       0): phrase rules apply */
};

#define FOLD_KIND(e) ((uint32_t)(e) >> 29)
#define FOLD_PAYLOAD(e) ((uint32_t)(e) & 0x1FFFFFFFu)
#define FOLD_DELTA(e) ((int32_t)((uint32_t)(e) << 3) >> 3)
#define FOLD_ENTRY(kind, payload) (((uint32_t)(kind) << 29) | ((uint32_t)(payload) & 0x1FFFFFFFu))

typedef struct fold_header {
    char magic[8];
    uint32_t n_stage1;
    uint32_t n_blocks;
    uint32_t n_pool;
    uint32_t n_phrases;
    uint32_t n_phrase_cps;
    uint32_t unicode_major; /* ICU's Unicode version, for the record */
} fold_header;

#endif
