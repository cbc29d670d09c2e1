/* mapfile.c: read-only whole-file mappings (see mapfile.h). */
#include "mapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static qs_rc fail(qs_err *err, const char *verb, const char *what, const char *path, int e)
{
    qs_fail(err, QS_EIO, "cannot %s %s%s%s: %s", verb, what ? what : "", what ? " " : "", path, strerror(e));
    if (err)
        err->sys_errno = e;
    return QS_EIO;
}

qs_rc mapfile_open(const char *path, const char *what, mapfile *out, qs_err *err)
{
    *out = (mapfile){"", 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(err, "open", what, path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(err, "open", what, path, e);
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return fail(err, "open", what, path, EISDIR);
    }
    if (!S_ISREG(st.st_mode)) { /* a device or a pipe: nothing to map whole */
        close(fd);
        qs_fail(err, QS_EIO, "cannot open %s%s%s: not a regular file", what ? what : "", what ? " " : "", path);
        if (err)
            err->sys_errno = EINVAL;
        return QS_EIO;
    }
    if (st.st_size == 0) {
        close(fd);
        return QS_OK;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    int e = errno;
    close(fd);
    if (p == MAP_FAILED)
        return fail(err, "map", what, path, e);
    *out = (mapfile){p, (size_t)st.st_size};
    return QS_OK;
}

void mapfile_close(mapfile *m)
{
    if (m->len)
        munmap((void *)m->data, m->len);
    *m = (mapfile){"", 0};
}
