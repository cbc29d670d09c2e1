/* tsv.c: the columns of one tab-separated line (tsv.h). */
#include "tsv.h"

#include <stddef.h>

int tsv_split(char *line, char **col, int max)
{
    if (max <= 0)
        return 0;
    for (int i = 0; i < max; i++)
        col[i] = NULL;
    col[0] = line;
    int nc = 1;
    for (char *p = line; *p && nc < max; p++)
        if (*p == '\t') {
            *p = '\0';
            col[nc++] = p + 1;
        }
    return nc;
}
