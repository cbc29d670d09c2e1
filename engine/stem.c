/* stem.c: libstemmer wrapper (see stem.h). */
#include "stem.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>

struct stem_ctx {
    struct sb_stemmer *sb;
};

stem_ctx *stem_new(qs_err *err)
{
    stem_ctx *st = malloc(sizeof *st);
    if (!st) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    st->sb = sb_stemmer_new("english", NULL);
    if (!st->sb) {
        qs_fail(err, QS_ENOMEM, "cannot create the English stemmer");
        free(st);
        return NULL;
    }
    return st;
}

void stem_free(stem_ctx *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st);
}

qs_rc stem_word(stem_ctx *st, const char *w, size_t n, const char **out, size_t *out_len,
                qs_err *err)
{
    if (n > INT_MAX)
        return qs_fail(err, QS_EINVAL, "word too long to stem");
    const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)n);
    if (!s)
        return qs_fail(err, QS_ENOMEM, "out of memory while stemming");
    *out = (const char *)s;
    *out_len = (size_t)sb_stemmer_length(st->sb);
    return QS_OK;
}
