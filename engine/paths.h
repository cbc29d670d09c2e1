/* paths.h: where the engine finds its data files (compiled dictionaries,
 * models, lexicons). Looked up in order: $QUNSU_HOME, the source tree the
 * binary was built in (build/qunsu, build/san/qunsu), then PREFIX/share/qunsu. */
#ifndef QS_PATHS_H
#define QS_PATHS_H

#include <stddef.h>

/* Write the path of data file `rel` (e.g. "build/data/dict.bin" is found as
 * "data/dict.bin" relative to the build folder, "dicts/tags.tsv" relative to
 * the tree) into buf. Returns 0 when the file exists, -1 when it was found
 * nowhere (buf then holds the last path tried). */
int paths_find(const char *rel, char *buf, size_t cap);

/* Record argv[0] so that paths next to the binary can be found. */
void paths_set_argv0(const char *argv0);

#endif
