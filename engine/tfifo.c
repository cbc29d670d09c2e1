/* tfifo.c: the (item, time) queue of tfifo.h, a ring doubled when full. */
#include "tfifo.h"

#include <stdlib.h>

int tfifo_push(tfifo *f, void *item, int64_t t)
{
    if (f->n == f->cap) {
        size_t ncap = f->cap ? f->cap * 2 : 256;
        void **ni = malloc(ncap * sizeof *ni);
        int64_t *nt = malloc(ncap * sizeof *nt);
        if (!ni || !nt) {
            free(ni);
            free(nt);
            return -1;
        }
        for (size_t i = 0; i < f->n; i++) {
            ni[i] = f->item[(f->head + i) % f->cap];
            nt[i] = f->t[(f->head + i) % f->cap];
        }
        free(f->item);
        free(f->t);
        f->item = ni;
        f->t = nt;
        f->head = 0;
        f->cap = ncap;
    }
    size_t at = (f->head + f->n) % f->cap;
    f->item[at] = item;
    f->t[at] = t;
    f->n++;
    return 0;
}

int64_t tfifo_oldest(const tfifo *f)
{
    return f->t[f->head];
}

void *tfifo_pop(tfifo *f)
{
    void *item = f->item[f->head];
    f->head = (f->head + 1) % f->cap;
    f->n--;
    return item;
}

void tfifo_free(tfifo *f)
{
    free(f->item);
    free(f->t);
    *f = (tfifo){0};
}
