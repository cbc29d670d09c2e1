/* event.c: building and writing output events (see event.h). */
#include "event.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct cJSON *event_reject(const ingest_reject *rej)
{
    cJSON *ev = cJSON_CreateObject();
    if (!ev)
        return NULL;
    if (!cJSON_AddStringToObject(ev, "event", "reject") ||
        !cJSON_AddNumberToObject(ev, "line", (double)rej->line) ||
        (rej->has_id && !cJSON_AddStringToObject(ev, "id", rej->id)) ||
        !cJSON_AddStringToObject(ev, "error", rej->error) ||
        !cJSON_AddStringToObject(ev, "reason", ingest_reason_name(rej->reason))) {
        cJSON_Delete(ev);
        return NULL;
    }
    return ev;
}

/* event_write prints the tree itself, byte for byte as cJSON_PrintUnformatted
 * (cJSON 1.7) would, straight into a buffer that goes to `out` when full:
 * this is on the path of every output line, and cJSON's printer builds and
 * measures each string twice and formats every number with printf. */
typedef event_out wbuf;

static void wb_flush(wbuf *w)
{
    if (w->n && fwrite(w->buf, 1, w->n, w->out) != w->n)
        w->bad = 1;
    w->n = 0;
}

static void wb_put(wbuf *w, const char *s, size_t n)
{
    if (n > sizeof w->buf - w->n) {
        wb_flush(w);
        if (n > sizeof w->buf) {
            if (fwrite(s, 1, n, w->out) != n)
                w->bad = 1;
            return;
        }
    }
    memcpy(w->buf + w->n, s, n);
    w->n += n;
}

static void wb_ch(wbuf *w, char c)
{
    if (w->n == sizeof w->buf)
        wb_flush(w);
    w->buf[w->n++] = c;
}

#ifdef __SSE2__
/* Bit k: s[k] of the sixteen bytes at s needs an escape. */
static unsigned escapes16(const char *s)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), below = _mm_set1_epi8(31);
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* bytes below 32, compared as unsigned: min(x, 31) == x */
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, below), x);
    __m128i hit = _mm_or_si128(ctl, _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
    return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* The length of the run of s[0..n) that needs no escape: no control
 * character, '"' or '\\'. Names and codes mostly are one such run; with
 * SSE2 (every x86-64) sixteen bytes are tested a step. */
static size_t plain_run(const char *s, size_t n)
{
#ifdef __SSE2__
    if (n < 16) { /* a copy padded with plain bytes, tested at once */
        char t[16];
        memset(t, 'a', sizeof t);
        memcpy(t, s, n);
        unsigned m = escapes16(t);
        return m ? (size_t)__builtin_ctz(m) : n;
    }
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned m = escapes16(s + i);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i < n) { /* the tail as the last sixteen bytes: those before i are plain */
        unsigned m = escapes16(s + n - 16);
        return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
    }
    return n;
#else
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 32 || c == '"' || c == '\\')
            break;
    }
    return i;
#endif
}

/* cJSON's print_string_ptr: ", \ and the C escapes by name, other
 * control characters as \u00xx, everything else (UTF-8 too) as it is. */
static void wb_string(wbuf *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    size_t k0 = n ? plain_run(s, n) : 0;
    if (k0 == n && n + 2 <= sizeof w->buf - w->n) { /* no escape, and room: most strings */
        w->buf[w->n] = '"';
        if (n)
            memcpy(w->buf + w->n + 1, s, n);
        w->buf[w->n + 1 + n] = '"';
        w->n += n + 2;
        return;
    }
    wb_ch(w, '"');
    for (size_t i = 0; i < n;) {
        size_t k = plain_run(s + i, n - i);
        wb_put(w, s + i, k);
        if ((i += k) == n)
            break;
        unsigned char c = (unsigned char)s[i++];
        char e[8];
        switch (c) {
        case '"': wb_put(w, "\\\"", 2); break;
        case '\\': wb_put(w, "\\\\", 2); break;
        case '\b': wb_put(w, "\\b", 2); break;
        case '\f': wb_put(w, "\\f", 2); break;
        case '\n': wb_put(w, "\\n", 2); break;
        case '\r': wb_put(w, "\\r", 2); break;
        case '\t': wb_put(w, "\\t", 2); break;
        default:
            snprintf(e, sizeof e, "u%04x", c);
            wb_ch(w, '\\');
            wb_put(w, e, 5);
        }
    }
    wb_ch(w, '"');
}

static void wb_long(wbuf *w, long long v)
{
    char t[24];
    size_t k = sizeof t;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        t[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        t[--k] = '-';
    wb_put(w, t + k, sizeof t - k);
}

/* cJSON's print_number: "%1.15g", or "%1.17g" when that does not read back
 * as the value. Integers in int range (valueint) are written directly. Values with
 * at most two decimals (confidences, scores) are written directly: "%1.15g"
 * gives exactly those digits for them and reads back exactly. */
static void wb_number(wbuf *w, double d, int valueint)
{
    if (isnan(d) || isinf(d)) {
        wb_put(w, "null", 4);
        return;
    }
    if (d == (double)valueint) {
        if (signbit(d) && d == 0) /* "%1.15g" keeps the sign of -0 */
            wb_ch(w, '-');
        wb_long(w, valueint);
        return;
    }
    if (fabs(d) < 1e12) {
        long long k = llround(d * 100);
        if ((double)k / 100 == d) {
            unsigned long long a = k < 0 ? 0ULL - (unsigned long long)k : (unsigned long long)k;
            char t[32];
            size_t n = sizeof t;
            unsigned long long frac = a % 100;
            if (frac % 10)
                t[--n] = (char)('0' + frac % 10);
            if (frac)
                t[--n] = (char)('0' + frac / 10);
            if (frac)
                t[--n] = '.';
            unsigned long long ip = a / 100;
            do {
                t[--n] = (char)('0' + ip % 10);
                ip /= 10;
            } while (ip);
            if (k < 0)
                t[--n] = '-';
            wb_put(w, t + n, sizeof t - n);
            return;
        }
    }
    char t[32];
    double back = 0;
    int len = snprintf(t, sizeof t, "%1.15g", d);
    if (sscanf(t, "%lg", &back) != 1 || fabs(back - d) > fmax(fabs(back), fabs(d)) * DBL_EPSILON)
        len = snprintf(t, sizeof t, "%1.17g", d);
    wb_put(w, t, (size_t)len);
}

static int wb_value(wbuf *w, const cJSON *item)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: wb_put(w, "null", 4); return 0;
    case cJSON_False: wb_put(w, "false", 5); return 0;
    case cJSON_True: wb_put(w, "true", 4); return 0;
    case cJSON_Number: wb_number(w, item->valuedouble, item->valueint); return 0;
    case cJSON_String: wb_string(w, item->valuestring); return 0;
    case cJSON_Raw:
        if (!item->valuestring)
            return -1;
        wb_put(w, item->valuestring, strlen(item->valuestring));
        return 0;
    case cJSON_Array:
    case cJSON_Object: {
        int obj = (item->type & 0xFF) == cJSON_Object;
        wb_ch(w, obj ? '{' : '[');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (obj) {
                wb_string(w, c->string);
                wb_ch(w, ':');
            }
            if (wb_value(w, c) != 0)
                return -1;
            if (c->next)
                wb_ch(w, ',');
        }
        wb_ch(w, obj ? '}' : ']');
        return 0;
    }
    default: return -1;
    }
}

void event_out_begin(event_out *eo, FILE *out)
{
    eo->out = out;
    eo->n = 0;
    eo->bad = 0;
}

void event_out_raw_n(event_out *eo, const char *json, size_t n) { wb_put(eo, json, n); }

void event_out_string(event_out *eo, const char *s) { wb_string(eo, s); }

void event_out_number(event_out *eo, double d)
{
    /* the valueint cJSON_CreateNumber would store */
    int vi = isnan(d) ? 0 : d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    wb_number(eo, d, vi);
}

qs_rc event_out_end(event_out *eo, qs_err *err)
{
    wb_ch(eo, '\n');
    wb_flush(eo);
    if (eo->bad)
        return qs_fail(err, QS_EIO, "write error on output: %s", strerror(errno));
    return QS_OK;
}

qs_rc event_write(FILE *out, const struct cJSON *ev, qs_err *err)
{
    wbuf w;
    event_out_begin(&w, out);
    if (!ev || wb_value(&w, ev) != 0)
        return qs_fail(err, QS_ENOMEM, "cannot print an event (invalid JSON value)");
    return event_out_end(&w, err);
}
