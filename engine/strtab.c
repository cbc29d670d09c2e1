/* strtab.c: strings to dense ids (see strtab.h). */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"

struct strtab {
    hmap *map;   /* string -> 1 + id */
    char **str;  /* id -> its copy */
    size_t n, cap;
};

strtab *strtab_new(void)
{
    strtab *t = calloc(1, sizeof *t);
    if (t && !(t->map = hmap_new())) {
        free(t);
        return NULL;
    }
    return t;
}

void strtab_free(strtab *t)
{
    if (!t)
        return;
    hmap_free(t->map);
    for (size_t i = 0; i < t->n; i++)
        free(t->str[i]);
    free(t->str);
    free(t);
}

int strtab_id(strtab *t, const char *s, size_t len, uint32_t *id, int *added)
{
    void **slot;
    int is_new;
    if (hmap_put(t->map, s, len, &slot, &is_new) != 0)
        return -1;
    if (is_new) {
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 1024;
            char **ns = realloc(t->str, nc * sizeof *ns);
            if (!ns) {
                hmap_del(t->map, s, len);
                return -1;
            }
            t->str = ns, t->cap = nc;
        }
        char *copy = malloc(len + 1);
        if (!copy) {
            hmap_del(t->map, s, len);
            return -1;
        }
        memcpy(copy, s, len);
        copy[len] = '\0';
        t->str[t->n] = copy;
        *slot = (void *)(uintptr_t)(++t->n);
    }
    if (added)
        *added = is_new;
    *id = (uint32_t)((uintptr_t)*slot - 1);
    return 0;
}

size_t strtab_count(const strtab *t)
{
    return t->n;
}

const char *strtab_str(const strtab *t, uint32_t id)
{
    return id < t->n ? t->str[id] : NULL;
}

char *strtab_take(strtab *t, uint32_t id)
{
    if (id >= t->n)
        return NULL;
    char *s = t->str[id];
    t->str[id] = NULL;
    return s;
}
