/* stats_probe.c: evaluates the detector's statistics (engine/stats.c) on
 * queries read from stdin, one per line, so bench/surveillance_check.R can
 * compare them with R. Each query is a function name and its arguments,
 * in the order of stats.h:
 *
 *   pois K MU            nb K SIZE P          binom K N P
 *   betabinom K N A B    gp K A B N T W       lnp K N T W M SIGMA KAPPA
 *   c2 X FLOOR B1 .. B7  (EARS C2 of X from the 7 baseline days)
 *
 * and each answer is one line with the value (%.17g), or "error" for a line
 * that is not a query, so answers stay aligned with the questions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

enum { MAXARG = 16 };

static int parse(char *line, char **name, double *v, int *nv)
{
    char *save = NULL;
    *name = strtok_r(line, " \t\r\n", &save);
    if (!*name)
        return -1;
    *nv = 0;
    for (char *tok; (tok = strtok_r(NULL, " \t\r\n", &save)) != NULL;) {
        char *end;
        if (*nv == MAXARG)
            return -1;
        v[(*nv)++] = strtod(tok, &end);
        if (*end)
            return -1;
    }
    return 0;
}

/* The value of one query; *ok = 0 when the name or argument count is wrong. */
static double eval(const char *f, const double *v, int nv, int *ok)
{
    *ok = 1;
    if (strcmp(f, "pois") == 0 && nv == 2)
        return stats_pois_sf((long)v[0], v[1]);
    if (strcmp(f, "nb") == 0 && nv == 3)
        return stats_nb_sf((long)v[0], v[1], v[2]);
    if (strcmp(f, "binom") == 0 && nv == 3)
        return stats_binom_sf((long)v[0], (long)v[1], v[2]);
    if (strcmp(f, "betabinom") == 0 && nv == 4)
        return stats_betabinom_sf((long)v[0], (long)v[1], v[2], v[3]);
    if (strcmp(f, "gp") == 0 && nv == 6)
        return stats_gp_sf((long)v[0], v[1], v[2], v[3], v[4], v[5], NULL);
    if (strcmp(f, "lnp") == 0 && nv == 7)
        return stats_lnp_sf((long)v[0], v[1], v[2], v[3], v[4], v[5], v[6], NULL);
    if (strcmp(f, "c2") == 0 && nv == 9)
        return stats_ears_c2(v[0], v + 2, 7, v[1]);
    *ok = 0;
    return 0;
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    long bad = 0;
    while (getline(&line, &cap, stdin) > 0) {
        char *name;
        double v[MAXARG];
        int nv, ok = 0;
        double x = 0;
        if (parse(line, &name, v, &nv) == 0)
            x = eval(name, v, nv, &ok);
        if (ok) {
            printf("%.17g\n", x);
        } else {
            puts("error");
            bad++;
        }
    }
    free(line);
    if (bad)
        fprintf(stderr, "stats_probe: %ld lines were not queries\n", bad);
    return bad ? 1 : 0;
}
