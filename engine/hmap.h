/* hmap.h: open-addressing hash table from byte-string keys to a pointer or
 * integer value. Keys are copied into the table (the table owns them); values
 * are the caller's. Used for id sets, merchant and complainant tables. */
#ifndef QS_HMAP_H
#define QS_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct hmap hmap;

/* New empty table, or NULL on allocation failure. */
hmap *hmap_new(void);
/* Frees the table and its key copies, not the values. NULL is fine. */
void hmap_free(hmap *h);
/* hmap_free after calling free_value on every value (for tables whose
 * values are owned pointers). NULL is fine. */
void hmap_free_all(hmap *h, void (*free_value)(void *));

/* Find key; returns a pointer to its value slot (valid until the next insert
 * or delete), or NULL when absent. */
void **hmap_find(const hmap *h, const char *key, size_t len);

/* Insert key (copied) if absent. *slot receives the value slot; *added says
 * whether the key is new (its value is then NULL). Returns 0, or -1 on
 * allocation failure (table unchanged). */
int hmap_put(hmap *h, const char *key, size_t len, void ***slot, int *added);

/* Remove key; returns its value (NULL if absent). */
void *hmap_del(hmap *h, const char *key, size_t len);

size_t hmap_count(const hmap *h);

/* Iteration: start with *pos = 0; returns 1 with key/len/value set, 0 at the
 * end. The table must not change during iteration. */
int hmap_next(const hmap *h, size_t *pos, const char **key, size_t *len, void **value);

/* 64-bit FNV-1a, exposed for callers that shard or fingerprint. */
uint64_t hmap_hash(const void *data, size_t len);

#endif
