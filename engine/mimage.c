/* mimage.c: writing compiled model images (see mimage.h). */
#include "mimage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

qs_rc mimage_map_file(const char *path, mimage_map *out, qs_err *err)
{
    *out = (mimage_map){"", 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(e));
        if (err)
            err->sys_errno = e;
        return QS_EIO;
    }
    if (st.st_size == 0) {
        close(fd);
        return QS_OK;
    }
    /* MAP_POPULATE maps every page now, in one call: the loaders read all
     * of each file at once */
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    int e = errno;
    close(fd);
    if (p == MAP_FAILED) {
        qs_fail(err, QS_EIO, "cannot map %s: %s", path, strerror(e));
        if (err)
            err->sys_errno = e;
        return QS_EIO;
    }
    *out = (mimage_map){p, (size_t)st.st_size};
    return QS_OK;
}

void mimage_unmap(mimage_map *m)
{
    if (m->len)
        munmap((void *)m->data, m->len);
    *m = (mimage_map){"", 0};
}

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
    uint64_t pool_len = 0;
    for (size_t i = 0; ok && i < n; i++) {
        size_t l = strlen(feat[i]) + 1;
        ok = fwrite(feat[i], l, 1, f) == 1;
        pool_len += l;
    }
    static const char zeros[64];
    size_t pad = (size_t)(mimage_rows_at(head_len, pool_len) - head_len - pool_len);
    ok = ok && (pad == 0 || fwrite(zeros, pad, 1, f) == 1);
    for (size_t i = 0; ok && i < n_rows; i++)
        ok = row_bytes[i] == 0 || fwrite(rows[i], row_bytes[i], 1, f) == 1;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, out_path) != 0) {
        remove(tmp);
        return qs_fail(err, QS_EIO, "write error on %s", out_path);
    }
    return QS_OK;
}

int mimage_split_pool(const char *pool, uint64_t pool_len, char **feat, size_t n)
{
    if (pool_len && pool[pool_len - 1] != '\0')
        return MIMAGE_DAMAGED; /* else a string could run past the pool */
    uint64_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(pool + at);
        if (!l || at + l >= pool_len || (i + 1 == n && at + l + 1 != pool_len))
            return MIMAGE_DAMAGED;
        feat[i] = (char *)(pool + at);
        at += l + 1;
    }
    return n == 0 && pool_len != 0 ? MIMAGE_DAMAGED : 0;
}
