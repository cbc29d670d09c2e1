/* lexscan.c: word-list scanning (see lexscan.h). Words are bucketed by a
 * hash of their first character; a bucket lists word indexes. */
#include "lexscan.h"

#include <stdlib.h>
#include <string.h>

#define NB 256

struct lex_set {
    const char *const *words;
    size_t *len;
    int *next;     /* chain of words in the same bucket, -1 ends */
    int head[NB];  /* first word of each bucket, -1 empty */
};

static size_t char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static unsigned bucket(const unsigned char *p, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h % NB;
}

lex_set *lex_new(const char *const *words, qs_err *err)
{
    size_t n = 0;
    while (words[n])
        n++;
    lex_set *s = calloc(1, sizeof *s);
    if (s) {
        s->len = malloc((n ? n : 1) * sizeof *s->len);
        s->next = malloc((n ? n : 1) * sizeof *s->next);
    }
    if (!s || !s->len || !s->next) {
        lex_free(s);
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    s->words = words;
    for (int b = 0; b < NB; b++)
        s->head[b] = -1;
    /* Insert backwards so each chain keeps list order. */
    for (size_t i = n; i-- > 0;) {
        const unsigned char *w = (const unsigned char *)words[i];
        s->len[i] = strlen(words[i]);
        size_t cl = char_len(w[0]);
        unsigned b = bucket(w, cl < s->len[i] ? cl : s->len[i]);
        s->next[i] = s->head[b];
        s->head[b] = (int)i;
    }
    return s;
}

void lex_free(lex_set *s)
{
    if (!s)
        return;
    free(s->len);
    free(s->next);
    free(s);
}

int lex_any(const lex_set *s, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    for (size_t p = 0; p < len;) {
        size_t cl = char_len(t[p]);
        if (p + cl > len)
            cl = len - p;
        for (int i = s->head[bucket(t + p, cl)]; i >= 0; i = s->next[i])
            if (s->len[i] <= len - p && memcmp(t + p, s->words[i], s->len[i]) == 0)
                return 1;
        p += cl;
    }
    return 0;
}
