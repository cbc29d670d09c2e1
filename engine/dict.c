/* dict.c: the compiled dictionary (see dict.h): the compiler that turns word
 * lists and HMM parameters into one flat file, the mmap loader that checks
 * it, and the in-memory user dictionary built with the same code. */
#include "dict.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "mapfile.h"

#define DICT_MAGIC "QSDICT\0\0"
#define DICT_VERSION 3u
#define DICT_ENDIAN 0x01020304u
#define DICT_MAX_WORD 128 /* code points; longer lines are not words */
#define HMM_NONE (-1e4f)  /* log probability of an impossible HMM event */

typedef struct dict_header {
    char magic[8];
    uint32_t version, endian;
    uint32_t n_edges, root_first, root_count, n_emit;
    float min_logp;
    float start[4];
    float trans[16];
    uint32_t pair_slots; /* slots of the pair table, a power of two */
    uint64_t file_size;
} dict_header;

/* The lookup tables of the base trie (see dict_trie), laid out in the file
 * after the edges, in this order, so that loading maps them ready. */
#define ROOT_BMP_N 0x10000u
#define ROOT_HAN_N 0x5200u
#define PAIR_BITS_N ((1u << DICT_PAIR_BITS) / 64)
#define DEEP_BITS_N ((1u << DICT_DEEP_BITS) / 64)
#define EMIT_BMP_N 0x10000u

typedef struct dict_tables {
    dict_edge *root_han;  /* ROOT_HAN_N */
    dict_edge *pair_tab;  /* pair_slots */
    uint64_t *pair_bits;  /* PAIR_BITS_N */
    uint64_t *deep_bits;  /* DEEP_BITS_N */
    uint32_t *root_bmp;   /* ROOT_BMP_N */
    uint16_t *emit_bmp;   /* EMIT_BMP_N */
} dict_tables;

/* Bytes of the tables of a trie with pair_slots pair slots. */
static uint64_t tables_size(uint32_t pair_slots)
{
    return (uint64_t)ROOT_HAN_N * sizeof(dict_edge) + (uint64_t)pair_slots * sizeof(dict_edge) +
           (uint64_t)PAIR_BITS_N * 8 + (uint64_t)DEEP_BITS_N * 8 + (uint64_t)ROOT_BMP_N * 4 + (uint64_t)EMIT_BMP_N * 2;
}

/* The tables laid out from at (tables_size(pair_slots) bytes, 8-aligned). */
static dict_tables tables_at(char *at, uint32_t pair_slots)
{
    dict_tables t;
    t.root_han = (dict_edge *)at;
    t.pair_tab = t.root_han + ROOT_HAN_N;
    t.pair_bits = (uint64_t *)(t.pair_tab + pair_slots);
    t.deep_bits = t.pair_bits + PAIR_BITS_N;
    t.root_bmp = (uint32_t *)(t.deep_bits + DEEP_BITS_N);
    t.emit_bmp = (uint16_t *)(t.root_bmp + ROOT_BMP_N);
    return t;
}

struct seg_dict {
    mapfile map;
    const dict_header *hdr; /* map.data */
    dict_trie base;
    const dict_emit *emit;
    const uint16_t *emit_bmp; /* 1 + index into emit for code points below 0x10000 */
    /* user words: kept as a builder so later files add to them */
    dict_builder *user_b;
    dict_trie user;
    dict_edge *user_edges;
};

typedef struct entry {
    uint32_t off, len; /* code points in builder->cps */
    double freq;
} entry;

struct dict_builder {
    int32_t *cps;
    size_t n_cps, cap_cps;
    entry *ents;
    size_t n_ents, cap_ents;
    dict_emit *emit;
    size_t n_emit, cap_emit;
    float start[4], trans[16];
    int has_hmm;
};

/* ---- UTF-8 ---- */

/* ---- builder ---- */

dict_builder *dict_builder_new(qs_err *err)
{
    dict_builder *b = calloc(1, sizeof *b);
    if (!b) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    for (int i = 0; i < 4; i++)
        b->start[i] = HMM_NONE;
    for (int i = 0; i < 16; i++)
        b->trans[i] = HMM_NONE;
    return b;
}

void dict_builder_free(dict_builder *b)
{
    if (!b)
        return;
    free(b->cps);
    free(b->ents);
    free(b->emit);
    free(b);
}

static qs_rc add_word(dict_builder *b, const int32_t *w, size_t n, double freq, qs_err *err)
{
    if (buf_grow((void **)&b->cps, &b->cap_cps, b->n_cps + n, sizeof *b->cps) != 0 ||
        buf_grow((void **)&b->ents, &b->cap_ents, b->n_ents + 1, sizeof *b->ents) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    memcpy(b->cps + b->n_cps, w, n * sizeof *w);
    b->ents[b->n_ents++] = (entry){(uint32_t)b->n_cps, (uint32_t)n, freq};
    b->n_cps += n;
    return QS_OK;
}

/* Decode and fold the first field of a line. Returns the code points in w
 * (room for DICT_MAX_WORD), -1 on bad UTF-8, -2 when too long. *rest is set
 * to the byte after the field. */
static int parse_word(const char *line, size_t len, int32_t *w, size_t *rest)
{
    size_t i = 0;
    int n = 0;
    while (i < len && line[i] != ' ' && line[i] != '\t') {
        int32_t cp;
        size_t k = dict_utf8_next((const unsigned char *)line + i, len - i, &cp);
        if (k == 0)
            return -1;
        if (n == DICT_MAX_WORD)
            return -2;
        w[n++] = dict_fold_basic(cp);
        i += k;
    }
    *rest = i;
    return n;
}

/* A word tagged as a numeral (jieba's "m") made of a number of two or more
 * numerals, perhaps 多/余/来/几, and one measure character (一千多元, 三十岁,
 * 两三个): the segmenter
 * builds numbers itself and the standard guidelines cut the measure word
 * off, so such phrases are not taken as words. p..end is the rest of the
 * line after the word. */
static int is_number_phrase(const int32_t *w, int n, const char *p, const char *end)
{
    int k = 0;
    while (k < n && dict_han_numeral(w[k]) >= 0)
        k++;
    if (k < n && (w[k] == 0x591A || w[k] == 0x4F59 || w[k] == 0x6765 || w[k] == 0x51E0))
        k++; /* 多 余 来 几: "about" */
    if (k < 2 || k + 1 != n)
        return 0; /* a measure word is one character; 三五成群 stays */
    /* the tag is the field after the frequency */
    while (p < end && *p != ' ' && *p != '\t')
        p++;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return end - p == 1 && *p == 'm';
}

qs_rc dict_builder_read_words(dict_builder *b, const char *path, double default_freq,
                              qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    qs_rc rc = QS_OK;
    int32_t w[DICT_MAX_WORD];
    while ((got = getline(&line, &cap, f)) != -1) {
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t s = 0;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            s = 3; /* byte-order mark */
        while (s < len && (line[s] == ' ' || line[s] == '\t'))
            s++;
        if (s == len || line[s] == '#')
            continue;
        size_t rest;
        int n = parse_word(line + s, len - s, w, &rest);
        if (n < 0) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: %s", path, lineno,
                         n == -1 ? "invalid UTF-8" : "word longer than 128 characters");
            break;
        }
        double freq = default_freq;
        const char *p = line + s + rest;
        while (*p == ' ' || *p == '\t')
            p++;
        if (p < line + len) {
            char *end;
            double v = strtod(p, &end);
            if (end != p && (end == line + len || *end == ' ' || *end == '\t')) {
                if (!(v >= 0) || !isfinite(v)) {
                    rc = qs_fail(err, QS_EDATA, "%s:%ld: bad frequency", path, lineno);
                    break;
                }
                freq = v;
            }
        }
        if (freq <= 0)
            continue; /* a zero frequency marks a word that must not be one */
        if (is_number_phrase(w, n, p, line + len))
            continue;
        if ((rc = add_word(b, w, (size_t)n, freq, err)) != QS_OK)
            break;
    }
    if (rc == QS_OK && ferror(f))
        rc = qs_fail(err, QS_EIO, "read %s: %s", path, strerror(errno));
    free(line);
    fclose(f);
    return rc;
}

static int state_index(char c)
{
    switch (c) {
    case 'B': return HMM_B;
    case 'M': return HMM_M;
    case 'E': return HMM_E;
    case 'S': return HMM_S;
    }
    return -1;
}

static int cmp_emit(const void *a, const void *b)
{
    uint32_t x = ((const dict_emit *)a)->cp, y = ((const dict_emit *)b)->cp;
    return (x > y) - (x < y);
}

qs_rc dict_builder_read_hmm(dict_builder *b, const char *path, qs_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return qs_fail(err, QS_EIO, "cannot open %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    qs_rc rc = QS_OK;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *save = NULL;
        char *kind = strtok_r(line, "\t", &save);
        char *key = strtok_r(NULL, "\t", &save);
        float v[4];
        int nv = 0;
        char *tok;
        while (nv < 4 && (tok = strtok_r(NULL, "\t", &save))) {
            char *end;
            v[nv] = strtof(tok, &end);
            if (*end || !isfinite(v[nv]))
                break;
            nv++;
        }
        int ok = 0;
        if (kind && key && strcmp(kind, "start") == 0 && nv == 1 && state_index(key[0]) >= 0 &&
            !key[1]) {
            b->start[state_index(key[0])] = v[0];
            ok = 1;
        } else if (kind && key && strcmp(kind, "trans") == 0 && nv == 1 &&
                   state_index(key[0]) >= 0 && state_index(key[1]) >= 0 && !key[2]) {
            b->trans[state_index(key[0]) * 4 + state_index(key[1])] = v[0];
            ok = 1;
        } else if (kind && key && strcmp(kind, "emit") == 0 && nv == 4) {
            int32_t cp;
            size_t klen = strlen(key);
            if (klen && dict_utf8_next((const unsigned char *)key, klen, &cp) == klen) {
                if (buf_grow((void **)&b->emit, &b->cap_emit, b->n_emit + 1, sizeof *b->emit)) {
                    rc = qs_fail(err, QS_ENOMEM, "out of memory");
                    break;
                }
                dict_emit *e = &b->emit[b->n_emit++];
                e->cp = (uint32_t)dict_fold_basic(cp);
                memcpy(e->e, v, sizeof v);
                ok = 1;
            }
        }
        if (!ok) {
            rc = qs_fail(err, QS_EDATA, "%s:%ld: bad HMM line", path, lineno);
            break;
        }
    }
    free(line);
    fclose(f);
    if (rc != QS_OK)
        return rc;
    qsort(b->emit, b->n_emit, sizeof *b->emit, cmp_emit);
    /* a character folded onto another keeps the first row */
    size_t k = 0;
    for (size_t i = 0; i < b->n_emit; i++)
        if (k == 0 || b->emit[k - 1].cp != b->emit[i].cp)
            b->emit[k++] = b->emit[i];
    b->n_emit = k;
    b->has_hmm = 1;
    return QS_OK;
}

/* ---- trie construction ---- */

typedef struct trie_out {
    dict_edge *edges;
    uint32_t n_edges, root_first, root_count;
    double log_total;
} trie_out;

static const dict_builder *sort_b; /* qsort has no context argument */

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    const int32_t *p = sort_b->cps + x->off, *q = sort_b->cps + y->off;
    uint32_t n = x->len < y->len ? x->len : y->len;
    for (uint32_t i = 0; i < n; i++)
        if (p[i] != q[i])
            return p[i] < q[i] ? -1 : 1;
    return (x->len > y->len) - (x->len < y->len);
}

/* Sort, merge duplicates keeping the highest frequency. */
static void merge_entries(dict_builder *b)
{
    sort_b = b;
    qsort(b->ents, b->n_ents, sizeof *b->ents, cmp_entry);
    sort_b = NULL;
    size_t k = 0;
    for (size_t i = 0; i < b->n_ents; i++) {
        entry *e = &b->ents[i];
        if (k > 0) {
            entry *p = &b->ents[k - 1];
            if (p->len == e->len &&
                memcmp(b->cps + p->off, b->cps + e->off, e->len * sizeof(int32_t)) == 0) {
                if (e->freq > p->freq)
                    p->freq = e->freq;
                continue;
            }
        }
        b->ents[k++] = *e;
    }
    b->n_ents = k;
}

/* Lay out the children of a node whose words are ents[lo, hi) (all longer
 * than depth) as one block, then each child's own block after it. */
static void build_block(const dict_builder *b, trie_out *t, size_t lo, size_t hi, uint32_t depth,
                        uint32_t *first, uint32_t *count)
{
    uint32_t k = 0;
    for (size_t i = lo; i < hi; i++)
        if (i == lo || b->cps[b->ents[i].off + depth] != b->cps[b->ents[i - 1].off + depth])
            k++;
    *first = k ? t->n_edges : 0;
    *count = k;
    uint32_t base = t->n_edges;
    t->n_edges += k;
    uint32_t g = 0;
    for (size_t i = lo; i < hi; g++) {
        int32_t cp = b->cps[b->ents[i].off + depth];
        size_t j = i + 1;
        while (j < hi && b->cps[b->ents[j].off + depth] == cp)
            j++;
        dict_edge *e = &t->edges[base + g];
        e->cp = (uint32_t)cp;
        e->logp = DICT_NOT_WORD;
        size_t from = i;
        if (b->ents[i].len == depth + 1) {
            e->logp = (float)(log(b->ents[i].freq) - t->log_total);
            from++;
        }
        uint32_t f, c;
        build_block(b, t, from, j, depth + 1, &f, &c);
        t->edges[base + g].first = f;
        t->edges[base + g].count = c;
        i = j;
    }
}

static qs_rc build_trie(dict_builder *b, trie_out *t, qs_err *err)
{
    merge_entries(b);
    double total = 0;
    for (size_t i = 0; i < b->n_ents; i++)
        total += b->ents[i].freq;
    if (b->n_cps + 1 > UINT32_MAX / 2)
        return qs_fail(err, QS_EDATA, "dictionary too large");
    memset(t, 0, sizeof *t);
    t->log_total = log(total > 1 ? total : 1);
    t->edges = malloc((b->n_cps + 1) * sizeof *t->edges);
    if (!t->edges)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    build_block(b, t, 0, b->n_ents, 0, &t->root_first, &t->root_count);
    return QS_OK;
}

/* The deep bits (see dict_trie): the children of every edge outside the
 * root block edges[root_first .. + root_count) (whose children, the second
 * level, the pair tables cover). */
static void mark_deep(uint64_t *bits, const dict_edge *edges, uint32_t n_edges, uint32_t root_first,
                      uint32_t root_count)
{
    for (uint32_t i = 0; i < n_edges; i++) {
        const dict_edge *e = &edges[i];
        if (i - root_first < root_count)
            continue;
        for (uint32_t j = 0; j < e->count; j++) {
            uint32_t h = dict_deep_hash(e->first, edges[e->first + j].cp);
            bits[h >> 6] |= 1ull << (h & 63);
        }
    }
}

/* Slots of the pair table of a trie: at most half full, so that a probe
 * mostly ends at its first slot. */
static uint32_t pair_slots_for(const trie_out *t)
{
    size_t n_pairs = 0, slots = 1024;
    for (uint32_t k = 0; k < t->root_count; k++)
        n_pairs += t->edges[t->root_first + k].count;
    while (slots < n_pairs * 2)
        slots *= 2;
    return (uint32_t)slots;
}

/* Fill the zeroed tables tb of the trie t (pair_slots slots) and its HMM
 * emissions emit[0..n_emit). */
static void build_tables(const trie_out *t, uint32_t pair_slots, const dict_emit *emit, size_t n_emit,
                         const dict_tables *tb)
{
    const uint32_t mask = pair_slots - 1;
    for (uint32_t k = 0; k < t->root_count; k++) {
        uint32_t idx = t->root_first + k;
        const dict_edge *e = &t->edges[idx];
        if (e->cp < ROOT_BMP_N)
            tb->root_bmp[e->cp] = idx + 1;
        if (e->cp - 0x4E00u < ROOT_HAN_N)
            tb->root_han[e->cp - 0x4E00u] = *e;
        for (uint32_t j = 0; j < e->count; j++) {
            dict_edge c = t->edges[e->first + j];
            uint32_t h = dict_pair_hash(e->cp, c.cp), key = e->cp << 16 | c.cp;
            tb->pair_bits[h >> 6] |= 1ull << (h & 63);
            if ((e->cp | c.cp) >= 0x10000 || !key)
                continue; /* dict_second finds it in the block */
            for (h = dict_pair_slot(key, mask); tb->pair_tab[h].cp; h = (h + 1) & mask)
                ;
            c.cp = key;
            tb->pair_tab[h] = c;
        }
    }
    mark_deep(tb->deep_bits, t->edges, t->n_edges, t->root_first, t->root_count);
    for (size_t k = 0; k < n_emit && k + 1 < 0xFFFF; k++)
        if (emit[k].cp < EMIT_BMP_N)
            tb->emit_bmp[emit[k].cp] = (uint16_t)(k + 1);
}

static int write_all(FILE *f, const void *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, f) == n ? 0 : -1;
}

qs_rc dict_builder_write(dict_builder *b, const char *path, qs_err *err)
{
    if (!b->has_hmm)
        return qs_fail(err, QS_EINVAL, "no HMM parameters given");
    if (b->n_ents == 0)
        return qs_fail(err, QS_EINVAL, "no words given");
    trie_out t;
    qs_rc rc = build_trie(b, &t, err);
    if (rc != QS_OK)
        return rc;
    dict_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, DICT_MAGIC, 8);
    h.version = DICT_VERSION;
    h.endian = DICT_ENDIAN;
    h.n_edges = t.n_edges;
    h.root_first = t.root_first;
    h.root_count = t.root_count;
    h.n_emit = (uint32_t)b->n_emit;
    h.min_logp = (float)-t.log_total;
    memcpy(h.start, b->start, sizeof h.start);
    memcpy(h.trans, b->trans, sizeof h.trans);
    h.pair_slots = pair_slots_for(&t);
    h.file_size = sizeof h + (uint64_t)t.n_edges * sizeof(dict_edge) + tables_size(h.pair_slots) +
                  (uint64_t)b->n_emit * sizeof(dict_emit);
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 8);
    char *tables = calloc(1, tables_size(h.pair_slots));
    if (!tmp || !tables) {
        free(tmp);
        free(tables);
        free(t.edges);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    dict_tables tb = tables_at(tables, h.pair_slots);
    build_tables(&t, h.pair_slots, b->emit, b->n_emit, &tb);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        rc = qs_fail(err, QS_EIO, "cannot create %s: %s", tmp, strerror(errno));
    } else {
        int bad = write_all(f, &h, sizeof h) ||
                  write_all(f, t.edges, t.n_edges * sizeof(dict_edge)) ||
                  write_all(f, tables, tables_size(h.pair_slots)) ||
                  write_all(f, b->emit, b->n_emit * sizeof(dict_emit));
        if (fclose(f) != 0)
            bad = 1;
        if (bad || rename(tmp, path) != 0) {
            rc = qs_fail(err, QS_EIO, "cannot write %s: %s", path, strerror(errno));
            unlink(tmp);
        }
    }
    free(tmp);
    free(tables);
    free(t.edges);
    return rc;
}

/* ---- loading ---- */

static int logp_ok(float v)
{
    return v == DICT_NOT_WORD || (isfinite(v) && v <= 0);
}

/* Can edge e be followed: its block inside the n_edges edges? */
static int edge_ok(const dict_edge *e, uint32_t n_edges)
{
    return logp_ok(e->logp) && (!e->count || (uint64_t)e->first + e->count <= n_edges);
}

/* The tables of a checked trie: every edge they copy or point to inside
 * the trie, a free slot in the pair table (a probe ends at one), every
 * emission index inside the HMM table. Damaged filter bits only lose or
 * look for words; they cannot lead outside the file. */
static qs_rc check_tables(const dict_header *h, const dict_tables *tb, qs_err *err)
{
    for (uint32_t i = 0; i < ROOT_HAN_N; i++)
        if (tb->root_han[i].cp && !edge_ok(&tb->root_han[i], h->n_edges))
            return qs_fail(err, QS_EDATA, "dictionary root table damaged");
    for (uint32_t i = 0; i < ROOT_BMP_N; i++)
        if (tb->root_bmp[i] > h->n_edges)
            return qs_fail(err, QS_EDATA, "dictionary root table damaged");
    uint32_t free_slots = 0;
    for (uint32_t i = 0; i < h->pair_slots; i++) {
        free_slots += !tb->pair_tab[i].cp;
        if (tb->pair_tab[i].cp && !edge_ok(&tb->pair_tab[i], h->n_edges))
            return qs_fail(err, QS_EDATA, "dictionary pair table damaged");
    }
    if (!free_slots)
        return qs_fail(err, QS_EDATA, "dictionary pair table damaged");
    for (uint32_t i = 0; i < EMIT_BMP_N; i++)
        if (tb->emit_bmp[i] > h->n_emit)
            return qs_fail(err, QS_EDATA, "dictionary HMM table damaged");
    return QS_OK;
}

qs_rc dict_check_image(const void *base, size_t size, qs_err *err)
{
    if (size < sizeof(dict_header))
        return qs_fail(err, QS_EDATA, "dictionary truncated (%zu bytes)", size);
    const dict_header *h = base;
    if (memcmp(h->magic, DICT_MAGIC, 8) != 0)
        return qs_fail(err, QS_EDATA, "not a qunsu dictionary (bad magic)");
    if (h->version != DICT_VERSION || h->endian != DICT_ENDIAN)
        return qs_fail(err, QS_EDATA, "dictionary version or byte order not supported (rebuild it with make)");
    if (h->pair_slots < 1024 || h->pair_slots > (1u << 30) || (h->pair_slots & (h->pair_slots - 1)))
        return qs_fail(err, QS_EDATA, "dictionary header damaged");
    uint64_t want = sizeof *h + (uint64_t)h->n_edges * sizeof(dict_edge) + tables_size(h->pair_slots) +
                    (uint64_t)h->n_emit * sizeof(dict_emit);
    if (h->file_size != size || want != size)
        return qs_fail(err, QS_EDATA, "dictionary size mismatch (damaged or truncated)");
    if (!isfinite(h->min_logp) || h->min_logp > 0 ||
        (uint64_t)h->root_first + h->root_count > h->n_edges)
        return qs_fail(err, QS_EDATA, "dictionary header damaged");
    for (int i = 0; i < 4; i++)
        if (!isfinite(h->start[i]))
            return qs_fail(err, QS_EDATA, "dictionary header damaged");
    for (int i = 0; i < 16; i++)
        if (!isfinite(h->trans[i]))
            return qs_fail(err, QS_EDATA, "dictionary header damaged");
    const dict_edge *edges = (const dict_edge *)(h + 1);
    for (uint32_t k = 1; k < h->root_count; k++)
        if (edges[h->root_first + k].cp <= edges[h->root_first + k - 1].cp)
            return qs_fail(err, QS_EDATA, "dictionary root block damaged");
    for (uint32_t i = 0; i < h->n_edges; i++) {
        const dict_edge *e = &edges[i];
        if (!edge_ok(e, h->n_edges) || (e->count && e->first <= i))
            return qs_fail(err, QS_EDATA, "dictionary edge %u damaged", i);
        for (uint32_t k = 1; k < e->count; k++)
            if (edges[e->first + k].cp <= edges[e->first + k - 1].cp)
                return qs_fail(err, QS_EDATA, "dictionary edge %u damaged", e->first + k);
    }
    char *tables = (char *)(edges + h->n_edges);
    dict_tables tb = tables_at(tables, h->pair_slots);
    qs_rc rc = check_tables(h, &tb, err);
    if (rc != QS_OK)
        return rc;
    const dict_emit *emit = (const dict_emit *)(tables + tables_size(h->pair_slots));
    for (uint32_t i = 0; i < h->n_emit; i++) {
        if (i && emit[i].cp <= emit[i - 1].cp)
            return qs_fail(err, QS_EDATA, "dictionary HMM table damaged");
        for (int s = 0; s < 4; s++)
            if (!isfinite(emit[i].e[s]))
                return qs_fail(err, QS_EDATA, "dictionary HMM table damaged");
    }
    return QS_OK;
}

seg_dict *seg_dict_load(const char *path, qs_err *err)
{
    mapfile map;
    if (mapfile_open(path, "dictionary", &map, err) != QS_OK)
        return NULL;
    qs_err e2 = {0};
    if (dict_check_image(map.data, map.len, &e2) != QS_OK) {
        qs_fail(err, QS_EDATA, "%s: %s", path, e2.msg);
        mapfile_close(&map);
        return NULL;
    }
    seg_dict *d = calloc(1, sizeof *d);
    if (!d) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        mapfile_close(&map);
        return NULL;
    }
    d->map = map;
    d->hdr = (const dict_header *)map.data;
    d->base.edges = (const dict_edge *)(d->hdr + 1);
    d->base.n_edges = d->hdr->n_edges;
    d->base.root_first = d->hdr->root_first;
    d->base.root_count = d->hdr->root_count;
    /* the tables, used where they lie (dict_tables is writable for the
     * writer; nothing writes through a loaded dictionary's) */
    char *tables = (char *)(d->base.edges + d->hdr->n_edges);
    dict_tables tb = tables_at(tables, d->hdr->pair_slots);
    d->emit = (const dict_emit *)(tables + tables_size(d->hdr->pair_slots));
    d->base.pair_mask = d->hdr->pair_slots - 1;
    d->base.pair_tab = tb.pair_tab;
    d->base.root_bmp = tb.root_bmp;
    d->base.root_han = tb.root_han;
    d->base.pair_bits = tb.pair_bits;
    d->base.deep_bits = tb.deep_bits;
    d->emit_bmp = d->hdr->n_emit < 0xFFFF ? tb.emit_bmp : NULL;
    return d;
}

qs_rc seg_dict_add_user(seg_dict *d, const char *path, qs_err *err)
{
    if (!d->user_b && !(d->user_b = dict_builder_new(err)))
        return QS_ENOMEM;
    size_t keep = d->user_b->n_ents;
    qs_rc rc = dict_builder_read_words(d->user_b, path, 1.0, err);
    if (rc != QS_OK) {
        d->user_b->n_ents = keep; /* the words read before stay as they were */
        return rc;
    }
    trie_out t;
    if ((rc = build_trie(d->user_b, &t, err)) != QS_OK)
        return rc;
    free(d->user_edges);
    d->user_edges = t.edges;
    d->user = (dict_trie){.edges = t.edges, .n_edges = t.n_edges, .root_first = t.root_first,
                         .root_count = t.root_count};
    return QS_OK;
}

void seg_dict_free(seg_dict *d)
{
    if (!d)
        return;
    mapfile_close(&d->map);
    dict_builder_free(d->user_b);
    free(d->user_edges);
    free(d);
}

const dict_trie *dict_base(const seg_dict *d) { return &d->base; }

const dict_trie *dict_user(const seg_dict *d)
{
    return d->user_edges && d->user.root_count ? &d->user : NULL;
}

float dict_min_logp(const seg_dict *d) { return d->hdr->min_logp; }
const float *dict_hmm_start(const seg_dict *d) { return d->hdr->start; }
const float *dict_hmm_trans(const seg_dict *d) { return d->hdr->trans; }

const float *dict_hmm_emit(const seg_dict *d, int32_t cp)
{
    if (d->emit_bmp && cp < 0x10000)
        return d->emit_bmp[cp] ? d->emit[d->emit_bmp[cp] - 1].e : NULL;
    uint32_t lo = 0, hi = d->hdr->n_emit, c = (uint32_t)cp;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (d->emit[mid].cp < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < d->hdr->n_emit && d->emit[lo].cp == c) ? d->emit[lo].e : NULL;
}

float dict_lookup(const seg_dict *d, const int32_t *cps, size_t n)
{
    if (n == 0)
        return DICT_NOT_WORD;
    const dict_edge *e = dict_root(&d->base, (uint32_t)cps[0]);
    /* most pairs start no word: the filter tells without a probe */
    if (e && n > 1)
        e = dict_pair_maybe(&d->base, (uint32_t)cps[0], (uint32_t)cps[1])
                ? dict_second(&d->base, e, (uint32_t)cps[0], (uint32_t)cps[1])
                : NULL;
    for (size_t i = 2; e && i < n; i++)
        e = dict_next_deep(&d->base, e, (uint32_t)cps[i]);
    return e ? e->logp : DICT_NOT_WORD;
}
