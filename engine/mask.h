/* mask.h: the display copy of a complaint text with personal data hidden
 * (phone, ID card, bank card and other long digit runs, e-mail addresses,
 * names introduced as "我叫…"/"姓名：…"). Used wherever a text leaves the
 * engine for people other than the case handler: the store's masked copy,
 * the query commands and the report. */
#ifndef QS_MASK_H
#define QS_MASK_H

#include <stddef.h>

/* Masked copy of the UTF-8 text s (len bytes); masked characters become '*'.
 * Caller frees. NULL on allocation failure. */
char *mask_text(const char *s, size_t len);

#endif
