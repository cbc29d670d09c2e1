/* mimage.c: writing compiled model images (see mimage.h). */
#include "mimage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

uint64_t mimage_pool_len(char *const *feat, size_t n)
{
    uint64_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(feat[i]) + 1;
    return len;
}

qs_rc mimage_write(const char *out_path, const void *head, size_t head_len, char *const *feat, size_t n,
                   const void *const *rows, const size_t *row_bytes, size_t n_rows, qs_err *err)
{
    char tmp[4096];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", out_path) >= sizeof tmp)
        return qs_fail(err, QS_EIO, "image path too long: %s", out_path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return qs_fail(err, QS_EIO, "cannot write %s: %s", tmp, strerror(errno));
    int ok = fwrite(head, head_len, 1, f) == 1;
    for (size_t i = 0; ok && i < n; i++)
        ok = fwrite(feat[i], strlen(feat[i]) + 1, 1, f) == 1;
    for (size_t i = 0; ok && i < n_rows; i++)
        ok = row_bytes[i] == 0 || fwrite(rows[i], row_bytes[i], 1, f) == 1;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, out_path) != 0) {
        remove(tmp);
        return qs_fail(err, QS_EIO, "write error on %s", out_path);
    }
    return QS_OK;
}

int mimage_split_pool(char *pool, uint64_t pool_len, char **feat, size_t n)
{
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(pool + at);
        if (!l || at + l >= pool_len || (i + 1 == n && at + l + 1 != pool_len))
            return MIMAGE_DAMAGED;
        feat[i] = pool + at;
        at += l + 1;
    }
    return n == 0 && pool_len != 0 ? MIMAGE_DAMAGED : 0;
}
