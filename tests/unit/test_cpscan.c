/* test_cpscan.c: the four-at-a-time scans find what a plain loop finds, at
 * every start and end, on arrays where the wanted values are rare. */
#include <stdint.h>
#include <stdlib.h>

#include "cpscan.h"
#include "harness.h"

#define N 67 /* not a multiple of four: every tail length occurs */

static size_t plain3(const int32_t *f, size_t i, size_t n, int32_t a, int32_t b, int32_t c)
{
    for (; i < n; i++)
        if (f[i] == a || f[i] == b || f[i] == c)
            return i;
    return n;
}

static size_t plain_range(const int32_t *f, size_t i, size_t n, int32_t lo, int32_t hi)
{
    for (; i < n; i++)
        if ((uint32_t)f[i] - (uint32_t)lo <= (uint32_t)hi - (uint32_t)lo)
            return i;
    return n;
}

static size_t plain_any(const uint32_t *v, size_t i, size_t n, uint32_t mask)
{
    for (; i < n; i++)
        if (v[i] & mask)
            return i;
    return n;
}

int main(void)
{
    int32_t f[N];
    uint32_t v[N];
    int bad3 = 0, bad_range = 0, bad_any = 0;
    srand(7);
    for (int round = 0; round < 60; round++) {
        /* mostly Han characters; now and then a wanted one, an ASCII
         * character, a negative value or a bit of the mask */
        for (size_t k = 0; k < N; k++) {
            int r = rand() % 40;
            f[k] = r == 0 ? 0x3001 : r == 1 ? ',' : r == 2 ? 0x53EB : r == 3 ? -5 : r == 4 ? 'a' : 0x4E00 + rand() % 0x5000;
            v[k] = rand() % 12 == 0 ? 1u << (rand() % 32) : 0;
        }
        for (size_t i = 0; i <= N; i++)
            for (size_t n = i; n <= N; n++) {
                bad3 += cps_find3(f, i, n, 0x3001, ',', 0x53EB) != plain3(f, i, n, 0x3001, ',', 0x53EB);
                bad_range += cps_find_range(f, i, n, 0, 0x300C) != plain_range(f, i, n, 0, 0x300C);
                bad_range += cps_find_range(f, i, n, 0x4FE1, 0x57CE) != plain_range(f, i, n, 0x4FE1, 0x57CE);
                bad_any += u32_find_any(v, i, n, 0x00F0F00Fu) != plain_any(v, i, n, 0x00F0F00Fu);
            }
    }
    CHECK(bad3 == 0, "cps_find3 finds the first of three values (%d differ)", bad3);
    CHECK(bad_range == 0, "cps_find_range finds the first value in range, negatives never (%d differ)", bad_range);
    CHECK(bad_any == 0, "u32_find_any finds the first word with a bit of the mask (%d differ)", bad_any);
    return DONE();
}
