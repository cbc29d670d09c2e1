/* tfifo.h: a queue of (item, event time) pairs in arrival order, the
 * eviction order of the history modules (dedup, claimant). The caller owns
 * the items; the queue holds pointers only. Zero-initialized = empty. */
#ifndef QS_TFIFO_H
#define QS_TFIFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct tfifo {
    void **item;
    int64_t *t;
    size_t head, n, cap; /* ring: n pairs from head */
} tfifo;

/* Append a pair. Returns 0, or -1 when out of memory (queue unchanged). */
int tfifo_push(tfifo *f, void *item, int64_t t);

/* Time of the oldest pair; f must not be empty. */
int64_t tfifo_oldest(const tfifo *f);

/* Remove the oldest pair and return its item; f must not be empty. */
void *tfifo_pop(tfifo *f);

/* Free the queue's arrays (not the items); it is empty afterwards. */
void tfifo_free(tfifo *f);

#endif
