/* config.h: the one configuration file of `qunsu run` (JSON). The file is
 * parsed once into a tree; each module reads its own section through these
 * helpers, which apply the documented default when a key is absent, check
 * the type and range, reject unknown keys (a typo must not silently fall back
 * to a default) and record the effective value so `--check-config` can print
 * the whole effective configuration. Keys starting with '_' are comments
 * (JSON has none) and are ignored at every level. */
#ifndef QS_CONFIG_H
#define QS_CONFIG_H

#include "status.h"

struct cJSON;

/* Parse FILE (NULL: no file, an empty object). Top-level keys must be known
 * sections ("stream", "dedup", "professional", "detect", "state"), each an
 * object. Caller frees with cJSON_Delete. QS_EIO when unreadable,
 * QS_ECONFIG with line context when not valid JSON or badly shaped. */
qs_rc conf_load(const char *path, struct cJSON **out, qs_err *err);

/* The named section of a loaded config, or NULL when absent (defaults). */
const struct cJSON *conf_section(const struct cJSON *root, const char *name);

/* A copy of section without its '_' comment keys, for readers that do not
 * skip them; NULL when section is NULL (then *err is untouched) or on
 * allocation failure (QS_ENOMEM in err). Caller frees with cJSON_Delete. */
struct cJSON *conf_without_comments(const struct cJSON *section, qs_err *err);

/* One section being read. `effective` (may be NULL) receives every key with
 * the value in force; `name` labels errors ("dedup.horizon_days: ..."). */
typedef struct conf_reader {
    const struct cJSON *sec;
    struct cJSON *effective;
    const char *name;
} conf_reader;

/* Number in [lo, hi]; *out = def when absent. */
qs_rc conf_num(const conf_reader *r, const char *key, double def, double lo, double hi,
               double *out, qs_err *err);
/* Integer in [lo, hi]. */
qs_rc conf_int(const conf_reader *r, const char *key, long def, long lo, long hi, long *out,
               qs_err *err);
/* true/false. */
qs_rc conf_bool(const conf_reader *r, const char *key, int def, int *out, qs_err *err);

/* Fail on any key of the section not in the NULL-terminated list `known`. */
qs_rc conf_check_keys(const conf_reader *r, const char *const *known, qs_err *err);

#endif
