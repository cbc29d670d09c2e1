/* ingest.c: bounded JSONL line reader and input-contract checks (see ingest.h). */
#include "ingest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clock.h"
#include "hmap.h"

#define READ_CHUNK 65536

typedef struct id_entry {
    char *id;
    int64_t t_ms;
} id_entry;

struct ingest {
    FILE *in;
    size_t max_line;
    char *rbuf;       /* read buffer */
    size_t rpos, rlen;
    char *line;       /* current line, at most max_line bytes */
    size_t line_len;
    int eof;
    long lineno;
    long long offset; /* bytes consumed up to the end of the last line */
    hmap *ids;        /* ids seen, when checking uniqueness */
    long long id_horizon_ms;
    id_entry *idq;    /* ring of remembered ids in arrival order */
    size_t idq_head, idq_len, idq_cap;
    int64_t max_t;    /* newest event time seen */
    int only_text;    /* id and received_at optional (extract) */
    int no_tree;      /* records need no cJSON tree (extract) */
    ingest_stats stats;
};

static const char *const reason_names[REJ_N_REASONS] = {
    "too_long", "nul_byte", "utf8", "json", "not_object",
    "missing_field", "wrong_type", "bad_value", "bad_time", "duplicate_id",
};

const char *ingest_reason_name(ingest_reason r)
{
    return (unsigned)r < REJ_N_REASONS ? reason_names[r] : "?";
}

ingest *ingest_open(FILE *in, size_t max_line, int check_ids, qs_err *err)
{
    ingest *ing = calloc(1, sizeof *ing);
    if (!ing)
        goto nomem;
    ing->in = in;
    ing->max_line = max_line ? max_line : INGEST_DEFAULT_MAX_LINE;
    ing->rbuf = malloc(READ_CHUNK);
    ing->line = malloc(ing->max_line + 1);
    if (!ing->rbuf || !ing->line)
        goto nomem;
    if (check_ids && !(ing->ids = hmap_new()))
        goto nomem;
    return ing;
nomem:
    ingest_close(ing);
    qs_fail(err, QS_ENOMEM, "out of memory opening the reader");
    return NULL;
}

void ingest_close(ingest *ing)
{
    if (!ing)
        return;
    free(ing->rbuf);
    free(ing->line);
    hmap_free(ing->ids);
    for (size_t i = 0; i < ing->idq_len; i++)
        free(ing->idq[(ing->idq_head + i) % ing->idq_cap].id);
    free(ing->idq);
    free(ing);
}

void ingest_set_id_horizon(ingest *ing, long long horizon_ms)
{
    ing->id_horizon_ms = horizon_ms > 0 ? horizon_ms : 0;
}

/* Remember an accepted id in the ring and forget those past the horizon.
 * Returns -1 on allocation failure. */
static int remember_id(ingest *ing, const char *id, int64_t t_ms)
{
    if (t_ms > ing->max_t || ing->stats.accepted == 0)
        ing->max_t = t_ms;
    while (ing->idq_len > 0) {
        id_entry *e = &ing->idq[ing->idq_head];
        if (e->t_ms >= ing->max_t - ing->id_horizon_ms)
            break;
        hmap_del(ing->ids, e->id, strlen(e->id));
        free(e->id);
        ing->idq_head = (ing->idq_head + 1) % ing->idq_cap;
        ing->idq_len--;
        ing->stats.ids_forgotten++;
    }
    if (ing->idq_len == ing->idq_cap) {
        size_t ncap = ing->idq_cap ? ing->idq_cap * 2 : 1024;
        id_entry *nq = malloc(ncap * sizeof *nq);
        if (!nq)
            return -1;
        for (size_t i = 0; i < ing->idq_len; i++)
            nq[i] = ing->idq[(ing->idq_head + i) % ing->idq_cap];
        free(ing->idq);
        ing->idq = nq;
        ing->idq_cap = ncap;
        ing->idq_head = 0;
    }
    char *copy = strdup(id);
    if (!copy)
        return -1;
    ing->idq[(ing->idq_head + ing->idq_len) % ing->idq_cap] = (id_entry){copy, t_ms};
    ing->idq_len++;
    return 0;
}

void ingest_set_only_text(ingest *ing, int on)
{
    ing->only_text = on != 0;
}

void ingest_set_no_tree(ingest *ing, int on)
{
    ing->no_tree = on != 0;
}

const ingest_stats *ingest_get_stats(const ingest *ing)
{
    return &ing->stats;
}

long long ingest_offset(const ingest *ing)
{
    return ing->offset;
}

void ingest_resume_at(ingest *ing, long long offset, long lineno)
{
    ing->offset = offset;
    ing->lineno = lineno;
}

long ingest_lineno(const ingest *ing)
{
    return ing->lineno;
}

int ingest_buffered(const ingest *ing)
{
    return ing->eof || memchr(ing->rbuf + ing->rpos, '\n', ing->rlen - ing->rpos) != NULL;
}

/* Read what is available, up to cap bytes: on a pipe or terminal a line is
 * handed on as soon as it arrives instead of after a full chunk. */
static ssize_t read_some(FILE *in, char *buf, size_t cap)
{
    int fd = fileno(in);
    if (fd < 0) {
        size_t n = fread(buf, 1, cap, in);
        return n == 0 && ferror(in) ? -1 : (ssize_t)n;
    }
    for (;;) {
        ssize_t n = read(fd, buf, cap);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

#ifdef __SSE2__
/* Whether the sixteen bytes at p begin with five three-byte characters led
 * by E1..EC or EE..EF (see ingest_utf8_valid), tested at once: each byte
 * masked to its lead or continuation bits, and no E0 or ED lead. */
__attribute__((always_inline)) static inline int five_three_byte(const uint8_t *p)
{
#define L (char)0xF0, (char)0xC0, (char)0xC0
#define W (char)0xE0, (char)0x80, (char)0x80
    const __m128i mask = _mm_setr_epi8(L, L, L, L, L, 0), want = _mm_setr_epi8(W, W, W, W, W, 0);
#undef L
#undef W
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i shape = _mm_cmpeq_epi8(_mm_and_si128(x, mask), want);
    __m128i e0_ed = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE0)),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xED)));
    /* the 16th byte is outside both tests: masked to 0, and a match of it
     * with E0/ED dropped by the 0x7FFF */
    return _mm_movemask_epi8(shape) == 0xFFFF && !(_mm_movemask_epi8(e0_ed) & 0x7FFF);
}
#endif

int ingest_utf8_valid(const char *s, size_t len)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t i = 0, n = (int32_t)len;
    if (len > INT32_MAX)
        return 0;
    while (i < n) {
        /* eight ASCII bytes at a time */
        if (p[i] < 0x80) {
            uint64_t w;
            while (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080u)))
                i += 8;
            while (i < n && p[i] < 0x80)
                i++;
            continue;
        }
        /* three bytes led by E1..EC or EE..EF (no overlong or surrogate
         * form there), the bulk of Chinese text, need no full decode: five
         * at a time with SSE2, then one word tests lead, continuations and
         * the E0/ED leads */
#ifdef __SSE2__
        while (i + 16 <= n && five_three_byte(p + i))
            i += 15;
#endif
        for (uint32_t w; i + 4 <= n; i += 3) {
            memcpy(&w, p + i, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            w = __builtin_bswap32(w);
#endif
            if ((w & 0xC0C0F0u) != 0x8080E0u || (0x2001u >> (w & 0xFu) & 1))
                break;
        }
        if (i >= n || p[i] < 0x80)
            continue;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0)
            return 0;
    }
    return 1;
}

/* Read one physical line into ing->line. Returns 1 with *too_long set when
 * the line exceeded max_line (its bytes were discarded), 0 at end of input,
 * -1 on a read error. */
static int read_line(ingest *ing, int *too_long)
{
    size_t len = 0;
    int any = 0;
    *too_long = 0;
    for (;;) {
        if (ing->rpos == ing->rlen) {
            if (ing->eof)
                break;
            ssize_t got = read_some(ing->in, ing->rbuf, READ_CHUNK);
            if (got < 0)
                return -1;
            ing->rlen = (size_t)got;
            ing->rpos = 0;
            if (ing->rlen == 0) {
                ing->eof = 1;
                break;
            }
        }
        any = 1;
        char *start = ing->rbuf + ing->rpos;
        size_t avail = ing->rlen - ing->rpos;
        char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        if (!*too_long) {
            if (len + take > ing->max_line + 1) { /* +1 leaves room for a CR */
                *too_long = 1;
            } else {
                memcpy(ing->line + len, start, take);
                len += take;
            }
        }
        ing->rpos += take + (nl ? 1 : 0);
        ing->offset += (long long)take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    if (!*too_long && len > 0 && ing->line[len - 1] == '\r')
        len--;
    if (!*too_long && len > ing->max_line)
        *too_long = 1;
    ing->line_len = *too_long ? 0 : len;
    return 1;
}

__attribute__((format(printf, 4, 5)))
static void reject(ingest_reject *rej, long line, ingest_reason r, const char *fmt, ...)
{
    va_list ap;
    rej->line = line;
    rej->reason = r;
    va_start(ap, fmt);
    vsnprintf(rej->error, sizeof rej->error, fmt, ap);
    va_end(ap);
}

static int is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* The fields of the input contract, as found on a line: by cJSON, or by
 * the direct parse of the common line (flat_parse). The checks below read
 * only this view, so both ways give the same records and rejects. */
enum { F_ID, F_RECEIVED_AT, F_TEXT, F_CHANNEL, F_KIND, F_COMPLAINANT, F_REGION, F_MERCHANT, F_AMOUNT, F_N };

static const char *const field_names[F_N] = {
    "id", "received_at", "text", "channel", "kind", "complainant", "region", "merchant", "amount",
};

typedef enum field_type { FT_ABSENT, FT_NULL, FT_STRING, FT_NUMBER, FT_OTHER } field_type;

typedef struct field {
    field_type type;
    const char *s; /* FT_STRING */
    double num;    /* FT_NUMBER */
} field;

/* The view of a cJSON object: its first member of each name, the one
 * cJSON_GetObjectItemCaseSensitive finds. */
static void fields_of_json(const cJSON *obj, field *fs)
{
    for (int k = 0; k < F_N; k++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field_names[k]);
        field *f = &fs[k];
        *f = (field){FT_ABSENT, NULL, 0};
        if (!v)
            continue;
        if (cJSON_IsNull(v))
            f->type = FT_NULL;
        else if (cJSON_IsString(v))
            *f = (field){FT_STRING, v->valuestring, 0};
        else if (cJSON_IsNumber(v))
            *f = (field){FT_NUMBER, NULL, v->valuedouble};
        else
            f->type = FT_OTHER;
    }
}

/* cJSON's white space: every byte up to the space. */
static inline const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= ' ')
        p++;
    return p;
}

/* Just past the closing quote of the string opening at p, or NULL for a
 * string flat_parse leaves to cJSON: unterminated, or holding an escape
 * other than the one-character ones (\u, bad escapes). *esc: whether it
 * holds an escape. */
static const char *string_end(const char *p, const char *end, int *esc)
{
    *esc = 0;
    for (p++; p < end; p++) {
        const char *q = memchr(p, '"', (size_t)(end - p)); /* the bulk: no escape */
        const char *bs = memchr(p, '\\', (size_t)((q ? q : end) - p));
        if (!bs)
            return q ? q + 1 : NULL;
        if (bs + 1 >= end || !bs[1] || !strchr("\"\\/bfnrt", bs[1]))
            return NULL;
        *esc = 1;
        p = bs + 1; /* the escaped character, stepped over by the loop */
    }
    return NULL;
}

/* Unescape the string [p, e) (its escapes checked by string_end) in place
 * and terminate it at e at the latest. Returns p. */
static char *unescape(char *p, char *e, int esc)
{
    char *o = p;
    for (char *i = p; esc && i < e; i++) {
        if (*i != '\\') {
            *o++ = *i;
            continue;
        }
        switch (*++i) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        default: *o++ = *i; break; /* " \ / */
        }
    }
    *(esc ? o : e) = '\0';
    return p;
}

/* The common line read without cJSON (whose tree costs more than the rest
 * of reading): one object whose members are all strings or null, no \u
 * escape, no escape in a name, nothing but blanks after it. Returns 1 with
 * fs filled (strings unescaped in place in s); 0, having changed nothing,
 * for every other line, which cJSON then reads and words the error of.
 * What is accepted here cJSON accepts alike with the same values: bytes
 * up to the space are white space, the first member of a name counts. */
static int flat_parse(char *s, size_t len, field *fs)
{
    enum { MAX_MEMBERS = 64 };
    struct member { int k; char *a, *e; int esc; } got[F_N]; /* a == NULL: null */
    int n_got = 0;
    unsigned seen = 0;
    const char *end = s + len;
    const char *p = skip_ws(s, end);
    if (p == end || *p != '{')
        return 0;
    p = skip_ws(p + 1, end);
    if (p < end && *p == '}') {
        p++;
    } else {
        for (int members = 0;; members++) {
            if (members == MAX_MEMBERS || p == end || *p != '"')
                return 0;
            int kesc, vesc = 0;
            const char *ke = string_end(p, end, &kesc);
            if (!ke || kesc) /* cJSON would compare the unescaped name */
                return 0;
            const char *kn = p + 1;
            size_t kl = (size_t)(ke - 1 - kn);
            p = skip_ws(ke, end);
            if (p == end || *p != ':')
                return 0;
            p = skip_ws(p + 1, end);
            const char *va = p, *ve;
            if (p < end && *p == '"') {
                if (!(ve = string_end(p, end, &vesc)))
                    return 0;
            } else if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
                ve = p + 4;
            } else {
                return 0; /* numbers, true/false, objects, arrays: cJSON's */
            }
            for (int k = 0; k < F_N; k++)
                if (!(seen >> k & 1) && strlen(field_names[k]) == kl && memcmp(kn, field_names[k], kl) == 0) {
                    seen |= 1u << k;
                    got[n_got++] = *va == '"' ? (struct member){k, s + (va + 1 - s), s + (ve - 1 - s), vesc}
                                              : (struct member){k, NULL, NULL, 0};
                    break;
                }
            p = skip_ws(ve, end);
            if (p < end && *p == ',') {
                p = skip_ws(p + 1, end);
                continue;
            }
            if (p == end || *p != '}')
                return 0;
            p++;
            break;
        }
    }
    if (!is_blank(p, (size_t)(end - p)))
        return 0;
    for (int k = 0; k < F_N; k++)
        fs[k] = (field){FT_ABSENT, NULL, 0};
    for (int i = 0; i < n_got; i++)
        fs[got[i].k] = got[i].a ? (field){FT_STRING, unescape(got[i].a, got[i].e, got[i].esc), 0}
                                : (field){FT_NULL, NULL, 0};
    return 1;
}

/* Check one line against the contract. Returns 1 accepted, 0 rejected,
 * -1 out of memory. */
static int check_line(ingest *ing, char *s, size_t len, qs_record *rec, ingest_reject *rej)
{
    long ln = ing->lineno;
    if (memchr(s, '\0', len)) {
        reject(rej, ln, REJ_NUL, "line contains a NUL byte");
        return 0;
    }
    if (!ingest_utf8_valid(s, len)) {
        reject(rej, ln, REJ_UTF8, "invalid UTF-8");
        return 0;
    }
    s[len] = '\0';
    field fs[F_N];
    cJSON *obj = NULL;
    if (!ing->no_tree || !flat_parse(s, len, fs)) {
        const char *end = NULL;
        obj = cJSON_ParseWithLengthOpts(s, len, &end, 0);
        if (!obj) {
            reject(rej, ln, REJ_JSON, "invalid JSON");
            return 0;
        }
        if (end && !is_blank(end, len - (size_t)(end - s))) {
            cJSON_Delete(obj);
            reject(rej, ln, REJ_JSON, "invalid JSON: text after the object");
            return 0;
        }
        if (!cJSON_IsObject(obj)) {
            cJSON_Delete(obj);
            reject(rej, ln, REJ_NOT_OBJECT, "line is not a JSON object");
            return 0;
        }
        fields_of_json(obj, fs);
    }
    /* a readable id goes into the reject */
    if (fs[F_ID].type == FT_STRING && fs[F_ID].s[0]) {
        /* snprintf's truncation, without its format machinery */
        size_t l = strnlen(fs[F_ID].s, sizeof rej->id - 1);
        memcpy(rej->id, fs[F_ID].s, l);
        rej->id[l] = '\0';
        rej->has_id = 1;
    }
    for (int k = F_ID; k <= F_TEXT; k++) {
        field_type t = fs[k].type;
        if (ing->only_text && k != F_TEXT && (t == FT_ABSENT || t == FT_NULL))
            continue;
        if (t == FT_ABSENT || t == FT_NULL) {
            reject(rej, ln, REJ_MISSING, "missing field: %s", field_names[k]);
            goto bad;
        }
        if (t != FT_STRING) {
            reject(rej, ln, REJ_TYPE, "wrong type: %s must be a string", field_names[k]);
            goto bad;
        }
    }
    memset(rec, 0, sizeof *rec);
    rec->line = ln;
    rec->json = obj;
    rec->id = fs[F_ID].s;
    rec->received_at = fs[F_RECEIVED_AT].s;
    rec->text = fs[F_TEXT].s;
    if (rec->id && !rec->id[0]) {
        reject(rej, ln, REJ_VALUE, "bad value: %s is empty", "id");
        goto bad;
    }
    /* optional strings: absent and null are fine; other types are not */
    const char **slots[] = {&rec->channel, &rec->kind, &rec->complainant, &rec->region, &rec->merchant};
    for (int k = F_CHANNEL; k <= F_MERCHANT; k++) {
        field_type t = fs[k].type;
        if (t != FT_ABSENT && t != FT_NULL && t != FT_STRING) {
            reject(rej, ln, REJ_TYPE, "wrong type: %s must be a string", field_names[k]);
            goto bad;
        }
        *slots[k - F_CHANNEL] = fs[k].s;
    }
    if (!rec->kind)
        rec->kind = "complaint";
    const field *amount = &fs[F_AMOUNT];
    if (amount->type != FT_ABSENT && amount->type != FT_NULL) {
        if (amount->type != FT_NUMBER) {
            reject(rej, ln, REJ_TYPE, "wrong type: %s must be a number", "amount");
            goto bad;
        }
        if (!isfinite(amount->num) || amount->num < 0) {
            reject(rej, ln, REJ_VALUE, "bad value: %s must be a non-negative number", "amount");
            goto bad;
        }
        rec->amount = amount->num;
        rec->has_amount = 1;
    }
    const char *why = NULL;
    if (rec->received_at &&
        clock_parse_rfc3339(rec->received_at, strlen(rec->received_at), &rec->t_ms, &rec->tz_min,
                            &why) != 0) {
        reject(rej, ln, REJ_TIME, "%s", why);
        goto bad;
    }
    if (ing->ids && rec->id) {
        void **slot;
        int added;
        if (hmap_put(ing->ids, rec->id, strlen(rec->id), &slot, &added) != 0) {
            memset(rec, 0, sizeof *rec);
            cJSON_Delete(obj);
            return -1;
        }
        if (!added) {
            reject(rej, ln, REJ_DUP_ID, "duplicate id: seen earlier in the stream");
            goto bad;
        }
        if (ing->id_horizon_ms > 0 && remember_id(ing, rec->id, rec->t_ms) != 0) {
            hmap_del(ing->ids, rec->id, strlen(rec->id));
            memset(rec, 0, sizeof *rec);
            cJSON_Delete(obj);
            return -1;
        }
    }
    return 1;
bad:
    memset(rec, 0, sizeof *rec);
    cJSON_Delete(obj);
    return 0;
}

qs_rc ingest_next(ingest *ing, ingest_kind *kind, qs_record *rec, ingest_reject *rej, qs_err *err)
{
    record_reset(rec);
    for (;;) {
        int too_long;
        int r = read_line(ing, &too_long);
        if (r < 0)
            return qs_fail(err, QS_EIO, "read error on input: %s", strerror(errno));
        if (r == 0) {
            *kind = INGEST_EOF;
            return QS_OK;
        }
        ing->lineno++;
        ing->stats.lines++;
        memset(rej, 0, sizeof *rej);
        char *s = ing->line;
        size_t len = ing->line_len;
        if (ing->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3; /* a byte-order mark on the first line is not content */
            len -= 3;
        }
        if (too_long) {
            reject(rej, ing->lineno, REJ_TOO_LONG, "line longer than the limit of %zu bytes",
                   ing->max_line);
        } else if (is_blank(s, len)) {
            ing->stats.blank++;
            continue;
        } else {
            int ok = check_line(ing, s, len, rec, rej);
            if (ok < 0)
                return qs_fail(err, QS_ENOMEM, "out of memory reading line %ld", ing->lineno);
            if (ok) {
                ing->stats.accepted++;
                *kind = INGEST_RECORD;
                return QS_OK;
            }
        }
        ing->stats.rejected++;
        ing->stats.by_reason[rej->reason]++;
        *kind = INGEST_REJECT;
        return QS_OK;
    }
}

void record_reset(qs_record *rec)
{
    if (!rec)
        return;
    cJSON_Delete(rec->json);
    memset(rec, 0, sizeof *rec);
}
