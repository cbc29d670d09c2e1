/* paths.c: data-file lookup (see paths.h). A relative name is tried under
 * $QUNSU_HOME, then under the build folder holding the binary and the source
 * tree above it, then under the install prefix. Names starting with "data/"
 * live in the build folder; all others (dicts/, models/) in the tree. */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef QS_PREFIX
#define QS_PREFIX "/usr/local"
#endif

static char exe_dir[PATH_MAX];

void paths_set_argv0(const char *argv0)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = '\0';
    } else if (argv0 && strlen(argv0) < sizeof buf) {
        memcpy(buf, argv0, strlen(argv0) + 1);
    } else {
        return;
    }
    char *slash = strrchr(buf, '/');
    if (!slash)
        return;
    *slash = '\0';
    snprintf(exe_dir, sizeof exe_dir, "%s", buf);
}

static int try_path(char *buf, size_t cap, const char *dir, const char *rel)
{
    snprintf(buf, cap, "%s/%s", dir, rel);
    return access(buf, R_OK) == 0;
}

int paths_find(const char *rel, char *buf, size_t cap)
{
    const char *home = getenv("QUNSU_HOME");
    int in_build = strncmp(rel, "data/", 5) == 0;
    if (home && *home && try_path(buf, cap, home, rel))
        return 0;
    if (exe_dir[0]) {
        char dir[PATH_MAX];
        /* build/qunsu -> build and ..; build/san/qunsu -> build/san and ../.. */
        const char *ups[] = {"", "/..", "/../.."};
        for (size_t i = 0; i < 3; i++) {
            snprintf(dir, sizeof dir, "%s%s", exe_dir, ups[i]);
            /* data/ sits beside the binary, or one up for the unit tests
             * in build/san/tests */
            if (in_build && i <= 1 && try_path(buf, cap, dir, rel))
                return 0;
            if (!in_build && i > 0 && try_path(buf, cap, dir, rel))
                return 0;
        }
    }
    if (try_path(buf, cap, QS_PREFIX "/share/qunsu", rel))
        return 0;
    if (!in_build && try_path(buf, cap, ".", rel))
        return 0;
    return -1;
}

FILE *paths_open(const char *rel, qs_err *err)
{
    char path[1024];
    if (paths_find(rel, path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "data file not found: %s (tried %s; run make)", rel, path);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
    return f;
}
