/* cptrie.c: code-point trie with hashed edges (see cptrie.h). */
#include "cptrie.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

typedef struct cpt_edge {
    uint64_t key;   /* (parent << 21 | cp) + 1; 0 marks an empty slot */
    int32_t child;
    int32_t term;   /* node_term[child], here so that a step reads one line */
} cpt_edge;

typedef cpt_term term;

struct cptrie {
    cptrie_head h;      /* first: cptrie_walk reads it inline. h.root holds
                           the children of the root for the BMP (child -1
                           when none: the first step of every walk is one
                           load); h.pair the pair filter */
    int32_t *node_term; /* per node: first term index or -1 */
    uint64_t *kids;     /* per node: bit c & 63 for each child along c, so
                           that most failing steps need no probe */
    size_t n_nodes, cap_nodes;
    term *terms;               /* also h.terms */
    size_t n_terms, cap_terms;
    cpt_edge *edge; /* key and child side by side: a probe is one cache line */
    size_t n_edges, cap_edges; /* cap is a power of two, 2^(64 - edge_shift) */
    unsigned edge_shift;
    int32_t (*fold)(const void *, int32_t);
    const void *fold_arg;
};

void cptrie_set_fold(cptrie *t, int32_t (*fold)(const void *arg, int32_t cp), const void *arg)
{
    t->fold = fold;
    t->fold_arg = arg;
}

/* First slot of an edge key: Fibonacci hashing, the top bits of one
 * multiply. */
static inline size_t slot_of(const cptrie *t, uint64_t key)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> t->edge_shift);
}

static int32_t new_node(cptrie *t)
{
    if (t->n_nodes == t->cap_nodes) {
        size_t nc = t->cap_nodes ? t->cap_nodes * 2 : 256;
        int32_t *p = realloc(t->node_term, nc * sizeof *p);
        if (!p)
            return -1;
        t->node_term = p;
        uint64_t *k = realloc(t->kids, nc * sizeof *k);
        if (!k)
            return -1;
        t->kids = k;
        t->cap_nodes = nc;
    }
    t->node_term[t->n_nodes] = -1;
    t->kids[t->n_nodes] = 0;
    return (int32_t)t->n_nodes++;
}

static int grow_edges(cptrie *t)
{
    size_t nc = t->cap_edges ? t->cap_edges * 2 : 1024;
    cpt_edge *e = calloc(nc, sizeof *e);
    if (!e)
        return -1;
    cpt_edge *old = t->edge;
    size_t n_old = t->cap_edges;
    unsigned shift = 64;
    while ((size_t)1 << (64 - shift) < nc)
        shift--;
    t->edge = e;
    t->cap_edges = nc;
    t->edge_shift = shift;
    for (size_t i = 0; i < n_old; i++) {
        if (!old[i].key)
            continue;
        size_t j = slot_of(t, old[i].key);
        while (e[j].key)
            j = (j + 1) & (nc - 1);
        e[j] = old[i];
    }
    free(old);
    return 0;
}

/* The edge from node by cp, NULL when there is none (most misses are
 * told by the node's kids bits, without a probe). */
static inline cpt_edge *edge_of(const cptrie *t, int32_t node, int32_t cp)
{
    if ((uint32_t)cp >= (1u << 21) || !(t->kids[node] >> ((uint32_t)cp & 63) & 1))
        return NULL;
    uint64_t key = (((uint64_t)node << 21) | (uint64_t)cp) + 1;
    size_t mask = t->cap_edges - 1;
    size_t j = slot_of(t, key);
    while (t->edge[j].key) {
        if (t->edge[j].key == key)
            return &t->edge[j];
        j = (j + 1) & mask;
    }
    return NULL;
}

static inline int32_t child(const cptrie *t, int32_t node, int32_t cp)
{
    if (node == 0 && (uint32_t)cp < 0x10000)
        return t->h.root[cp].child;
    const cpt_edge *e = edge_of(t, node, cp);
    return e ? e->child : -1;
}

cptrie *cptrie_new(void)
{
    cptrie *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->h.root = malloc(0x10000 * sizeof *t->h.root);
    if (t->h.root)
        memset(t->h.root, 0xFF, 0x10000 * sizeof *t->h.root);
    if (!t->h.root || new_node(t) < 0 || grow_edges(t) != 0) {
        cptrie_free(t);
        return NULL;
    }
    return t;
}

void cptrie_free(cptrie *t)
{
    if (!t)
        return;
    free(t->h.root);
    free(t->node_term);
    free(t->kids);
    free(t->terms);
    free(t->edge);
    free(t);
}

int32_t cptrie_fold(const cptrie *t, int32_t cp)
{
    return t->fold ? t->fold(t->fold_arg, cp) : cp;
}

qs_rc cptrie_add(cptrie *t, const char *word, size_t len, int cat, int32_t val, qs_err *err)
{
    if (len == 0 || cat < 0 || cat >= CPT_MAX_CAT)
        return qs_fail(err, QS_EINVAL, "empty lexicon word or bad category");
    int32_t node = 0, parent = 0, last = 0;
    size_t i = 0, depth = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(word, i, len, c);
        if (c < 0)
            return qs_fail(err, QS_EINVAL, "lexicon word is not valid UTF-8");
        if (t->fold)
            c = t->fold(t->fold_arg, c);
        if (depth++ == 1) {
            uint32_t h = cpt_pair_hash(last, c);
            t->h.pair[h >> 6] |= (uint64_t)1 << (h & 63);
        }
        int32_t nx = child(t, node, c);
        if (nx < 0) {
            if ((t->n_edges + 1) * 2 > t->cap_edges && grow_edges(t) != 0)
                return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
            nx = new_node(t);
            if (nx < 0)
                return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
            uint64_t key = (((uint64_t)node << 21) | (uint64_t)c) + 1;
            size_t mask = t->cap_edges - 1, j = slot_of(t, key);
            while (t->edge[j].key)
                j = (j + 1) & mask;
            t->edge[j] = (cpt_edge){key, nx, -1};
            t->n_edges++;
            t->kids[node] |= (uint64_t)1 << ((uint32_t)c & 63);
            if (node == 0 && (uint32_t)c < 0x10000)
                t->h.root[c] = (cpt_root){nx, -1};
        }
        parent = node;
        last = c;
        node = nx;
    }
    for (int32_t k = t->node_term[node]; k >= 0; k = t->terms[k].next)
        if (t->terms[k].cat == cat)
            return QS_OK;
    if (t->n_terms == t->cap_terms) {
        size_t nc = t->cap_terms ? t->cap_terms * 2 : 256;
        term *p = realloc(t->terms, nc * sizeof *p);
        if (!p)
            return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
        t->terms = t->h.terms = p;
        t->cap_terms = nc;
    }
    t->terms[t->n_terms] = (term){cat, val, t->node_term[node]};
    t->node_term[node] = (int32_t)t->n_terms++;
    /* the edge into node (every word has one: it is not empty) */
    edge_of(t, parent, last)->term = t->node_term[node];
    if (parent == 0 && (uint32_t)last < 0x10000)
        t->h.root[last].term = t->node_term[node];
    return QS_OK;
}

qs_rc cptrie_load(cptrie *t, const char *path, int cat, int (*value_of)(const char *),
                  qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        qs_rc rc = qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
        if (err)
            err->sys_errno = errno;
        return rc;
    }
    char line[1024];
    long ln = 0;
    qs_rc rc = QS_OK;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        if (!l || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        int32_t val = 0;
        if (tab) {
            *tab = '\0';
            if (value_of) {
                int v = value_of(tab + 1);
                if (v < 0) {
                    rc = qs_fail(err, QS_EDATA, "%s:%ld: unknown value '%s'", path, ln, tab + 1);
                    break;
                }
                val = v;
            }
        } else if (value_of) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: missing value column", path, ln);
            break;
        }
        rc = cptrie_add(t, line, strlen(line), cat, val, err);
        if (rc != QS_OK) {
            if (rc == QS_EINVAL)
                rc = qs_fail(err, QS_EDATA, "%s:%ld: bad word", path, ln);
            break;
        }
    }
    if (rc == QS_OK && ferror(f))
        rc = qs_fail(err, QS_EIO, "read error on %s", path);
    fclose(f);
    return rc;
}

/* The root's step on code point c: the node reached and its first word
 * (-1: none); 0 when no word starts with c. */
static int root_step(const cptrie *t, int32_t c, int32_t *node, int32_t *first)
{
    if ((uint32_t)c < 0x10000) {
        *node = t->h.root[c].child;
        *first = t->h.root[c].term;
        return *node >= 0;
    }
    const cpt_edge *e = edge_of(t, 0, c);
    if (!e)
        return 0;
    *node = e->child;
    *first = e->term;
    return 1;
}

/* The walk from the root's child along cp[0] (node, its first term k) up
 * to cp[n - 1]: the caller has checked the pair bits (n is 1 when they
 * say no longer word starts with cp[0] cp[1]). */
static inline size_t walk_from(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out,
                               size_t cap, int32_t node, int32_t k)
{
    size_t found = 0;
    for (size_t i = 0;;) {
        for (; k >= 0; k = t->terms[k].next) {
            if (found < cap)
                out[found] = (cpt_match){t->terms[k].cat, (int32_t)(i + 1), t->terms[k].val};
            found++;
        }
        if (++i == n)
            break;
        const cpt_edge *e = edge_of(t, node, cp[i]);
        if (!e)
            break;
        node = e->child;
        k = e->term;
    }
    return found;
}

/* How far past cp[0] a walk may go: nowhere when the pair bits say no word
 * starts with cp[0] cp[1]. */
static inline size_t walk_len(const cptrie *t, const int32_t *cp, size_t n)
{
    return n > 1 && cpt_pair_maybe(&t->h, cp[0], cp[1]) ? n : 1;
}

size_t cptrie_walk_on(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap)
{
    int32_t node, k;
    if (!n || !root_step(t, cp[0], &node, &k))
        return 0;
    return walk_from(t, cp, walk_len(t, cp, n), out, cap, node, k);
}

size_t cptrie_walk_deep(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap,
                        cpt_root r)
{
    return walk_from(t, cp, n, out, cap, r.child, r.term);
}

/* walk_from for cptrie_walk_cats. */
static inline uint32_t walk_cats_from(const cptrie *t, const int32_t *cp, size_t n, int16_t *len,
                                      int32_t *val, size_t stride, int32_t node, int32_t k)
{
    uint32_t cats = 0;
    size_t found = 0;
    for (size_t i = 0;;) {
        /* words come shortest first: a later one of a category is longer */
        for (; k >= 0 && found < 64; k = t->terms[k].next, found++) {
            size_t at = (size_t)t->terms[k].cat * stride;
            len[at] = (int16_t)(i + 1 > INT16_MAX ? INT16_MAX : i + 1);
            val[at] = t->terms[k].val;
            cats |= 1u << t->terms[k].cat;
        }
        if (++i == n || found == 64)
            break;
        const cpt_edge *e = edge_of(t, node, cp[i]);
        if (!e)
            break;
        node = e->child;
        k = e->term;
    }
    return cats;
}

uint32_t cptrie_walk_cats_on(const cptrie *t, const int32_t *cp, size_t n, int16_t *len, int32_t *val,
                             size_t stride)
{
    int32_t node, k;
    if (!n || !root_step(t, cp[0], &node, &k))
        return 0;
    return walk_cats_from(t, cp, walk_len(t, cp, n), len, val, stride, node, k);
}

uint32_t cptrie_walk_cats_deep(const cptrie *t, const int32_t *cp, size_t n, int16_t *len, int32_t *val,
                               size_t stride, cpt_root r)
{
    return walk_cats_from(t, cp, n, len, val, stride, r.child, r.term);
}

int32_t cptrie_longest_on(const cptrie *t, const int32_t *cp, size_t n, int cat, int32_t *val)
{
    int32_t best = 0, node = 0;
    for (size_t i = 0; i < n; i++) {
        node = child(t, node, cp[i]);
        if (node < 0)
            break;
        for (int32_t k = t->node_term[node]; k >= 0; k = t->terms[k].next)
            if (t->terms[k].cat == cat) {
                best = (int32_t)(i + 1);
                if (val)
                    *val = t->terms[k].val;
            }
    }
    return best;
}

qs_rc cptrie_decode(const char *s, size_t len, int32_t **cp, size_t *n, qs_err *err)
{
    int32_t *out = malloc((len + 1) * sizeof *out);
    if (!out)
        return qs_fail(err, QS_ENOMEM, "out of memory decoding text");
    size_t i = 0, k = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0) {
            free(out);
            return qs_fail(err, QS_EINVAL, "invalid UTF-8");
        }
        out[k++] = c;
    }
    *cp = out;
    *n = k;
    return QS_OK;
}
