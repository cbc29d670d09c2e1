/* paths.h: where the engine finds its data files (compiled dictionaries,
 * models, lexicons). Looked up in order: $QUNSU_HOME, the source tree the
 * binary was built in (build/qunsu, build/san/qunsu), then PREFIX/share/qunsu. */
#ifndef QS_PATHS_H
#define QS_PATHS_H

#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* Write the path of data file `rel` (e.g. "build/data/dict.bin" is found as
 * "data/dict.bin" relative to the build folder, "dicts/tags.tsv" relative to
 * the tree) into buf. Returns 0 when the file exists, -1 when it was found
 * nowhere (buf then holds the last path tried). */
int paths_find(const char *rel, char *buf, size_t cap);

/* Find data file `rel` and open it for reading. NULL with err filled when it
 * is found nowhere (QS_EDATA, naming the last path tried) or cannot be
 * opened (QS_EIO); the caller closes the stream. */
FILE *paths_open(const char *rel, qs_err *err);

/* Record argv[0] so that paths next to the binary can be found. */
void paths_set_argv0(const char *argv0);

#endif
