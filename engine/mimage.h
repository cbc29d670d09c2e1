/* mimage.h: compiled model images (data/issue.bin, data/sector.bin), used
 * at start-up instead of parsing the model text. An image is a fixed
 * header (mimage_head), the feature strings each ended by NUL, zero bytes
 * up to a multiple of 64, the model's weight rows and its feature index;
 * the loaders map it (mapfile.h) and use it where it lies. A 64-bit hash
 * of the text ties an image to the very model text it was made from (it
 * is no defence against a forged file). mimage_write writes one to a
 * temporary file renamed into place, so that no reader sees half of it and
 * a running engine keeps the file it mapped. */
#ifndef QS_MIMAGE_H
#define QS_MIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "clsfeat.h"
#include "mapfile.h"
#include "status.h"

/* What kind of image a model has: its magic and format version, the class
 * counts of the build that writes it (an image of another taxonomy is not
 * used) and the bytes of weight rows a feature has, in all. */
typedef struct mimage_kind {
    char magic[8];
    uint32_t version, shape[3];
    size_t feat_bytes;
} mimage_kind;

/* The fixed header of every image. */
typedef struct mimage_head {
    char magic[8];
    uint32_t version, shape[3];
    uint64_t text_len, text_hash, n_feat, pool_len, fidx_len;
} mimage_head;

/* An image of kind made from the model text text[0..text_len) to out_path
 * (through out_path.tmp): feat[0..n), the n_rows blocks rows[i] of
 * row_bytes[i] bytes (n x kind->feat_bytes in all) and the feature index
 * ix. QS_OK, or QS_EIO / QS_ENOMEM with err filled. */
qs_rc mimage_write(const char *out_path, const mimage_kind *kind, const char *text, size_t text_len,
                   char *const *feat, size_t n, const void *const *rows, const size_t *row_bytes, size_t n_rows,
                   const clf_findex *ix, qs_err *err);

/* A mapped image that applies to a model text, its parts located. */
typedef struct mimage {
    const char *path; /* the caller's, for messages */
    mapfile map;      /* len 0: no image applies */
    uint64_t n_feat;
    const char *rows; /* n_feat x kind->feat_bytes, 64-aligned */
} mimage;

/* The image of kind at path if it was made from text[0..text_len): QS_OK
 * with img->map mapped, or with img->map.len 0 when there is none, it is
 * of another kind or format or made from another text (the text is read
 * then). QS_EDATA ("PATH: damaged model image ...") when it claims the
 * text but its parts do not fill it exactly. path must outlive img. */
qs_rc mimage_open(const char *path, const mimage_kind *kind, const char *text, size_t text_len, mimage *img,
                  qs_err *err);

/* Hand an open image to its model, which parsed n_feat features from the
 * text's header: *keep gets the mapping (the model unmaps it), feat[i]
 * point at the strings of its pool and *ix is its feature index. QS_OK, or
 * QS_EDATA ("PATH: damaged model image ...") when they do not hold n_feat
 * features, QS_ENOMEM; *keep is the model's either way. */
qs_rc mimage_take(mimage *img, size_t n_feat, char **feat, mapfile *keep, clf_findex **ix, qs_err *err);

#endif
