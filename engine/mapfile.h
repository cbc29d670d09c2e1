/* mapfile.h: a file mapped read-only, whole, for the compiled data the
 * engine uses where it lies (data/dict.bin, the model images) and the
 * model texts it checks them against. Mapping costs one call where reading
 * into fresh memory cost a page fault every 4 KiB, and the pages are
 * shared by every process that maps the file. Files are replaced by a
 * rename (never written over in place), so a mapping stays valid. */
#ifndef QS_MAPFILE_H
#define QS_MAPFILE_H

#include <stddef.h>

#include "status.h"

/* data is "" and len 0 for an empty file. */
typedef struct mapfile {
    const char *data;
    size_t len;
} mapfile;

/* Map the file at path into *out, every page at once (callers read all of
 * it). QS_OK, or QS_EIO with err filled and err->sys_errno: "cannot open
 * WHAT PATH: reason" ("cannot map ..." when it opens but cannot be
 * mapped; a directory or a device is refused as no regular file), what
 * naming the file's kind ("dictionary"; NULL: none).
 * Release with mapfile_close. */
qs_rc mapfile_open(const char *path, const char *what, mapfile *out, qs_err *err);
/* Unmap m (one that is mapped or zeroed) and zero it. */
void mapfile_close(mapfile *m);

#endif
