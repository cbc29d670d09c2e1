/* evtime.c: event-time clock and reorder buffer (see evtime.h). The buffer
 * is a binary min-heap on (event time, id); ids are unique in a stream, so
 * the order is total and independent of arrival order. */
#include "evtime.h"

#include <stdlib.h>
#include <string.h>

void evt_clock_init(evt_clock *c, int64_t lateness_ms)
{
    c->lateness_ms = lateness_ms;
    c->max_seen = INT64_MIN;
    c->started = 0;
}

evt_class evt_clock_observe(evt_clock *c, int64_t t_ms)
{
    evt_class cls = EVT_ON_TIME;
    if (c->started && t_ms < c->max_seen)
        cls = t_ms < c->max_seen - c->lateness_ms ? EVT_VERY_LATE : EVT_LATE;
    if (!c->started || t_ms > c->max_seen)
        c->max_seen = t_ms;
    c->started = 1;
    return cls;
}

int64_t evt_clock_watermark(const evt_clock *c)
{
    return c->started ? c->max_seen - c->lateness_ms : INT64_MIN;
}

struct evt_buffer {
    qs_record *heap;
    size_t n, cap, max;
};

evt_buffer *evt_buffer_new(size_t max_records)
{
    evt_buffer *b = calloc(1, sizeof *b);
    if (b)
        b->max = max_records;
    return b;
}

void evt_buffer_free(evt_buffer *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        record_reset(&b->heap[i]);
    free(b->heap);
    free(b);
}

static int before(const qs_record *a, const qs_record *b)
{
    if (a->t_ms != b->t_ms)
        return a->t_ms < b->t_ms;
    return strcmp(a->id, b->id) < 0;
}

static void swap(qs_record *a, qs_record *b)
{
    qs_record t = *a;
    *a = *b;
    *b = t;
}

qs_rc evt_buffer_push(evt_buffer *b, qs_record *rec, qs_err *err)
{
    if (b->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 64;
        qs_record *h = realloc(b->heap, ncap * sizeof *h);
        if (!h)
            return qs_fail(err, QS_ENOMEM, "out of memory in the reorder buffer");
        b->heap = h;
        b->cap = ncap;
    }
    size_t i = b->n++;
    b->heap[i] = *rec;
    memset(rec, 0, sizeof *rec);
    while (i > 0 && before(&b->heap[i], &b->heap[(i - 1) / 2])) {
        swap(&b->heap[i], &b->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    return QS_OK;
}

int evt_buffer_pop(evt_buffer *b, int64_t until_ms, qs_record *out)
{
    if (b->n == 0)
        return 0;
    int why;
    if (b->heap[0].t_ms < until_ms || until_ms == INT64_MAX)
        why = 1;
    else if (b->max && b->n > b->max)
        why = 2;
    else
        return 0;
    record_reset(out);
    *out = b->heap[0];
    b->heap[0] = b->heap[--b->n];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < b->n && before(&b->heap[l], &b->heap[m]))
            m = l;
        if (r < b->n && before(&b->heap[r], &b->heap[m]))
            m = r;
        if (m == i)
            break;
        swap(&b->heap[i], &b->heap[m]);
        i = m;
    }
    return why;
}

size_t evt_buffer_count(const evt_buffer *b)
{
    return b->n;
}
