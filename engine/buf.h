/* buf.h: growing a heap array (the one realloc pattern the modules share). */
#ifndef QS_BUF_H
#define QS_BUF_H

#include <stddef.h>

/* Make *p (an array of *cap elements of elem bytes) hold at least need
 * elements, doubling from 64. On success returns 0 and may move *p (the old
 * pointer is then invalid); on allocation failure or size overflow returns
 * -1 and leaves *p and *cap unchanged. */
int buf_grow(void **p, size_t *cap, size_t need, size_t elem);

#endif
