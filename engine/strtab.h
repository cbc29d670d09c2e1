/* strtab.h: a table giving each distinct string a dense id (0, 1, 2, … in
 * order of first sight) and keeping one copy of each: the vocabulary of a
 * model being trained. */
#ifndef QS_STRTAB_H
#define QS_STRTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct strtab strtab;

strtab *strtab_new(void); /* NULL when out of memory */
void strtab_free(strtab *t); /* NULL-safe; frees the copies still held */

/* The id of s[0..len) in *id, adding the string when new (*added = 1, else
 * 0; added may be NULL). 0, or -1 when out of memory (the table is then as
 * before the call). */
int strtab_id(strtab *t, const char *s, size_t len, uint32_t *id, int *added);

size_t strtab_count(const strtab *t);

/* The string of id (NUL-terminated), owned by the table; NULL once taken. */
const char *strtab_str(const strtab *t, uint32_t id);

/* Hands the string of id over to the caller (caller frees); the table keeps
 * the id but no longer the string. */
char *strtab_take(strtab *t, uint32_t id);

#endif
