/* lexscan.h: does a UTF-8 text contain any word of a fixed list? One pass
 * over the text; at each character only the words starting with that
 * character are compared. Used for the chase-call and professional-claimant
 * wording lists. */
#ifndef QS_LEXSCAN_H
#define QS_LEXSCAN_H

#include <stddef.h>

#include "status.h"

typedef struct lex_set lex_set;

/* Index a NULL-terminated list of non-empty words (borrowed: they must
 * outlive the set; static tables do). NULL on ENOMEM. */
lex_set *lex_new(const char *const *words, qs_err *err);
void lex_free(lex_set *s); /* NULL-safe */

/* 1 when text contains one of the words. */
int lex_any(const lex_set *s, const char *text, size_t len);

#endif
