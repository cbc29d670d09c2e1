/* cpscan.h: the scans that look for the rare character or word class
 * opening a rule (、 before a list, 叫 before a name, a bracket, a word of
 * some category). Most of a text holds none, so these scans are a good part
 * of the cost of finding names; with SSE2 (every x86-64) they test four
 * positions a step. Each returns the first position found, or `n`. */
#ifndef QS_CPSCAN_H
#define QS_CPSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* First k in [i, n) with f[k] equal to a, b or c. */
static inline size_t cps_find3(const int32_t *f, size_t i, size_t n, int32_t a, int32_t b, int32_t c)
{
#ifdef __SSE2__
    const __m128i va = _mm_set1_epi32(a), vb = _mm_set1_epi32(b), vc = _mm_set1_epi32(c);
    for (; i + 4 <= n; i += 4) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(f + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi32(x, va), _mm_cmpeq_epi32(x, vb)),
                                   _mm_cmpeq_epi32(x, vc));
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(hit));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < n; i++)
        if (f[i] == a || f[i] == b || f[i] == c)
            return i;
    return n;
}

#define CPS_SET_MAX 8

/* First k in [i, n) with f[k] one of the k_set (at most CPS_SET_MAX) code
 * points of set (meant for a short static set: inlined, its loops over set
 * unroll and the broadcasts stay in registers). */
static inline size_t cps_find_of(const int32_t *f, size_t i, size_t n, const int32_t *set, size_t k_set)
{
#ifdef __SSE2__
    __m128i v[CPS_SET_MAX];
    for (size_t j = 0; j < k_set && j < CPS_SET_MAX; j++)
        v[j] = _mm_set1_epi32(set[j]);
    for (; i + 4 <= n; i += 4) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(f + i)), hit = _mm_setzero_si128();
        for (size_t j = 0; j < k_set && j < CPS_SET_MAX; j++)
            hit = _mm_or_si128(hit, _mm_cmpeq_epi32(x, v[j]));
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(hit));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < n; i++)
        for (size_t j = 0; j < k_set; j++)
            if (f[i] == set[j])
                return i;
    return n;
}

/* First k in [i, n) with f[k] == c. */
static inline size_t cps_find(const int32_t *f, size_t i, size_t n, int32_t c)
{
    return cps_find3(f, i, n, c, c, c);
}

/* First k in [i, n) with lo <= f[k] <= hi (compared as unsigned, so a
 * negative f[k] is never in range). */
static inline size_t cps_find_range(const int32_t *f, size_t i, size_t n, int32_t lo, int32_t hi)
{
    uint32_t span = (uint32_t)hi - (uint32_t)lo;
#ifdef __SSE2__
    /* unsigned f - lo <= span, as a signed compare of both sides offset
     * by 2^31 (SSE2 compares signed only) */
    const __m128i bias = _mm_set1_epi32(INT32_MIN), vlo = _mm_set1_epi32(lo);
    const __m128i vmax = _mm_set1_epi32((int32_t)(span ^ 0x80000000u));
    for (; i + 4 <= n; i += 4) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(f + i));
        __m128i d = _mm_xor_si128(_mm_sub_epi32(x, vlo), bias);
        unsigned out = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(d, vmax)));
        if (out != 0xF)
            return i + (size_t)__builtin_ctz(~out & 0xF);
    }
#endif
    for (; i < n; i++)
        if ((uint32_t)f[i] - (uint32_t)lo <= span)
            return i;
    return n;
}

/* First k in [i, n) with v[k] & mask (word-category bit sets). */
static inline size_t u32_find_any(const uint32_t *v, size_t i, size_t n, uint32_t mask)
{
#ifdef __SSE2__
    const __m128i vm = _mm_set1_epi32((int32_t)mask), zero = _mm_setzero_si128();
    for (; i + 4 <= n; i += 4) {
        __m128i x = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(v + i)), vm);
        unsigned none = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, zero)));
        if (none != 0xF)
            return i + (size_t)__builtin_ctz(~none & 0xF);
    }
#endif
    for (; i < n; i++)
        if (v[i] & mask)
            return i;
    return n;
}

#endif
