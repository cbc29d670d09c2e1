/* cli.c: helpers shared by the subcommands (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

FILE *cli_open_in(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdin;
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "qunsu: cannot open %s: %s\n", path, strerror(errno));
    return f;
}

FILE *cli_open_out(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return stdout;
    FILE *f = fopen(path, "wb");
    if (!f)
        fprintf(stderr, "qunsu: cannot open %s for writing: %s\n", path, strerror(errno));
    return f;
}

int cli_close(FILE *f)
{
    if (!f)
        return 0;
    int rc = (f == stdin || f == stdout) ? fflush(f) : fclose(f);
    if (rc != 0) {
        fprintf(stderr, "qunsu: write error: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    unsigned long long mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = 1024, end++;
    else if (*end == 'M' || *end == 'm')
        mul = 1024 * 1024, end++;
    if (*end || v == 0 || v > (1ULL << 40) / mul)
        return -1;
    *out = (size_t)(v * mul);
    return 0;
}
