/* pii.h: masking of personal information in text that will be shown or
 * published (alert drafts, reports). Masks mobile and landline numbers, ID
 * card numbers (18 and 15 digits), bank-card numbers, e-mail addresses, QQ
 * and WeChat ids after their labels, unit numbers of home addresses, and
 * person names in the usual forms (王先生 -> 王某, 姓名：张三 -> 姓名：张某).
 * Digits may be ASCII, full-width or any other Unicode decimal digits.
 * Merchant names, order numbers and amounts are left alone. */
#ifndef QS_PII_H
#define QS_PII_H

#include <stddef.h>

#include "status.h"

/* Mask utf8[0..len) (valid UTF-8) into a new NUL-terminated string *out,
 * which the caller frees. QS_EINVAL on invalid UTF-8, QS_ENOMEM. */
qs_rc pii_mask(const char *utf8, size_t len, char **out, qs_err *err);

#endif
