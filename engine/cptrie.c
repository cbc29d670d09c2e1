/* cptrie.c: code-point trie with hashed edges (see cptrie.h). */
#include "cptrie.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

typedef struct term {
    int32_t cat, val, next; /* next: index of the node's next term, -1 */
} term;

struct cptrie {
    int32_t *node_term; /* per node: first term index or -1 */
    size_t n_nodes, cap_nodes;
    term *terms;
    size_t n_terms, cap_terms;
    uint64_t *ekey; /* (parent << 21 | cp) + 1; 0 marks an empty slot */
    uint32_t *eval;
    size_t n_edges, cap_edges; /* cap is a power of two */
};

static inline uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static int32_t new_node(cptrie *t)
{
    if (t->n_nodes == t->cap_nodes) {
        size_t nc = t->cap_nodes ? t->cap_nodes * 2 : 256;
        int32_t *p = realloc(t->node_term, nc * sizeof *p);
        if (!p)
            return -1;
        t->node_term = p;
        t->cap_nodes = nc;
    }
    t->node_term[t->n_nodes] = -1;
    return (int32_t)t->n_nodes++;
}

static int grow_edges(cptrie *t)
{
    size_t nc = t->cap_edges ? t->cap_edges * 2 : 1024;
    uint64_t *k = calloc(nc, sizeof *k);
    uint32_t *v = malloc(nc * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < t->cap_edges; i++) {
        if (!t->ekey[i])
            continue;
        size_t j = mix(t->ekey[i]) & (nc - 1);
        while (k[j])
            j = (j + 1) & (nc - 1);
        k[j] = t->ekey[i];
        v[j] = t->eval[i];
    }
    free(t->ekey);
    free(t->eval);
    t->ekey = k;
    t->eval = v;
    t->cap_edges = nc;
    return 0;
}

static inline int32_t child(const cptrie *t, int32_t node, int32_t cp)
{
    if ((uint32_t)cp >= (1u << 21))
        return -1;
    uint64_t key = (((uint64_t)node << 21) | (uint64_t)cp) + 1;
    size_t mask = t->cap_edges - 1;
    size_t j = mix(key) & mask;
    while (t->ekey[j]) {
        if (t->ekey[j] == key)
            return (int32_t)t->eval[j];
        j = (j + 1) & mask;
    }
    return -1;
}

cptrie *cptrie_new(void)
{
    cptrie *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    if (new_node(t) < 0 || grow_edges(t) != 0) {
        cptrie_free(t);
        return NULL;
    }
    return t;
}

void cptrie_free(cptrie *t)
{
    if (!t)
        return;
    free(t->node_term);
    free(t->terms);
    free(t->ekey);
    free(t->eval);
    free(t);
}

qs_rc cptrie_add(cptrie *t, const char *word, size_t len, int cat, int32_t val, qs_err *err)
{
    if (len == 0 || cat < 0 || cat >= CPT_MAX_CAT)
        return qs_fail(err, QS_EINVAL, "empty lexicon word or bad category");
    int32_t node = 0;
    size_t i = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(word, i, len, c);
        if (c < 0)
            return qs_fail(err, QS_EINVAL, "lexicon word is not valid UTF-8");
        int32_t nx = child(t, node, c);
        if (nx < 0) {
            if ((t->n_edges + 1) * 2 > t->cap_edges && grow_edges(t) != 0)
                return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
            nx = new_node(t);
            if (nx < 0)
                return qs_fail(err, QS_ENOMEM, "out of memory building a lexicon");
            uint64_t key = (((uint64_t)node << 21) | (uint64_t)c) + 1;
            size_t mask = t->cap_edges - 1, j = mix(key) & mask;
            while (t->ekey[j])
                j = (j + 1) & mask;
            t->ekey[j] = key;
            t->eval[j] = (uint32_t)nx;
            t->n_edges++;
        }
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
        t->terms = p;
        t->cap_terms = nc;
    }
    t->terms[t->n_terms] = (term){cat, val, t->node_term[node]};
    t->node_term[node] = (int32_t)t->n_terms++;
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

size_t cptrie_walk(const cptrie *t, const int32_t *cp, size_t n, cpt_match *out, size_t cap)
{
    size_t found = 0;
    int32_t node = 0;
    for (size_t i = 0; i < n; i++) {
        node = child(t, node, cp[i]);
        if (node < 0)
            break;
        for (int32_t k = t->node_term[node]; k >= 0; k = t->terms[k].next) {
            if (found < cap)
                out[found] = (cpt_match){t->terms[k].cat, (int32_t)(i + 1), t->terms[k].val};
            found++;
        }
    }
    return found;
}

int32_t cptrie_longest(const cptrie *t, const int32_t *cp, size_t n, int cat, int32_t *val)
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
