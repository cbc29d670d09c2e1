/* tsv.h: splitting one line of a tab-separated lexicon or registry file
 * into its columns, in place. */
#ifndef QS_TSV_H
#define QS_TSV_H

/* Cut line at its tabs (each becomes '\0') into at most max columns: col[i]
 * points into line, col[i] = NULL past the last one found. Returns how many
 * columns there are; past max-1 tabs the last column keeps the rest. */
int tsv_split(char *line, char **col, int max);

#endif
