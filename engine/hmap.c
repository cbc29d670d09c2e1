/* hmap.c: linear-probing hash table with tombstones (see hmap.h). */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *key; /* NULL: empty; TOMB: deleted */
    size_t len;
    uint64_t hash;
    void *value;
} slot;

static char tomb_marker;
#define TOMB (&tomb_marker)

struct hmap {
    slot *slots;
    size_t cap;  /* power of two */
    size_t used; /* live keys */
    size_t filled; /* live keys + tombstones */
};

uint64_t hmap_hash(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

hmap *hmap_new(void)
{
    hmap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->cap = 16;
    h->slots = calloc(h->cap, sizeof *h->slots);
    if (!h->slots) {
        free(h);
        return NULL;
    }
    return h;
}

void hmap_free(hmap *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->cap; i++)
        if (h->slots[i].key && h->slots[i].key != TOMB)
            free(h->slots[i].key);
    free(h->slots);
    free(h);
}

static slot *lookup(const hmap *h, const char *key, size_t len, uint64_t hash)
{
    size_t mask = h->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        slot *s = &h->slots[i];
        if (!s->key)
            return NULL;
        if (s->key != TOMB && s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

void **hmap_find(const hmap *h, const char *key, size_t len)
{
    slot *s = lookup(h, key, len, hmap_hash(key, len));
    return s ? &s->value : NULL;
}

static int grow(hmap *h)
{
    size_t ncap = h->used * 4 > h->cap ? h->cap * 2 : h->cap;
    slot *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < h->cap; i++) {
        slot *s = &h->slots[i];
        if (!s->key || s->key == TOMB)
            continue;
        size_t j = s->hash & (ncap - 1);
        while (ns[j].key)
            j = (j + 1) & (ncap - 1);
        ns[j] = *s;
    }
    free(h->slots);
    h->slots = ns;
    h->cap = ncap;
    h->filled = h->used;
    return 0;
}

int hmap_put(hmap *h, const char *key, size_t len, void ***slotp, int *added)
{
    uint64_t hash = hmap_hash(key, len);
    slot *s = lookup(h, key, len, hash);
    if (s) {
        *slotp = &s->value;
        if (added)
            *added = 0;
        return 0;
    }
    if ((h->filled + 1) * 4 >= h->cap * 3 && grow(h) != 0)
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, key, len);
    copy[len] = '\0';
    size_t mask = h->cap - 1;
    size_t i = hash & mask;
    while (h->slots[i].key && h->slots[i].key != TOMB)
        i = (i + 1) & mask;
    if (!h->slots[i].key)
        h->filled++;
    h->slots[i] = (slot){copy, len, hash, NULL};
    h->used++;
    *slotp = &h->slots[i].value;
    if (added)
        *added = 1;
    return 0;
}

void *hmap_del(hmap *h, const char *key, size_t len)
{
    slot *s = lookup(h, key, len, hmap_hash(key, len));
    if (!s)
        return NULL;
    void *v = s->value;
    free(s->key);
    s->key = TOMB;
    s->value = NULL;
    h->used--;
    return v;
}

size_t hmap_count(const hmap *h)
{
    return h->used;
}

int hmap_next(const hmap *h, size_t *pos, const char **key, size_t *len, void **value)
{
    while (*pos < h->cap) {
        slot *s = &h->slots[(*pos)++];
        if (s->key && s->key != TOMB) {
            *key = s->key;
            *len = s->len;
            *value = s->value;
            return 1;
        }
    }
    return 0;
}

void hmap_free_all(hmap *h, void (*free_value)(void *))
{
    if (!h)
        return;
    size_t pos = 0;
    const char *key;
    size_t len;
    void *v;
    while (hmap_next(h, &pos, &key, &len, &v))
        free_value(v);
    hmap_free(h);
}
