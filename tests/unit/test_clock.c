/* test_clock.c: RFC 3339 parsing and formatting (engine/clock.c): calendar
 * ranges and leap years, offsets, fractions, rejected forms, round trips. */
#include <string.h>

#include "clock.h"
#include "harness.h"

static int parse(const char *s, int64_t *ms, int *off)
{
    const char *why = NULL;
    int r = clock_parse_rfc3339(s, strlen(s), ms, off, &why);
    return r == 0 ? (why == NULL ? 0 : -2) : (why != NULL ? -1 : -3);
}

int main(void)
{
    int64_t ms;
    int off;
    static const struct { const char *s; int64_t ms; int off; } good[] = {
        {"2026-11-28T09:15:00+08:00", 1795828500000LL, 480},
        {"2026-11-28T01:15:00Z", 1795828500000LL, 0},
        {"2026-11-28t01:15:00z", 1795828500000LL, 0},
        {"2026-11-28 09:15:00+08:00", 1795828500000LL, 480},
        {"2024-02-29T23:59:59Z", 1709251199000LL, 0},
        {"2000-02-29T12:00:00-05:30", 951845400000LL, -330},
        {"1969-12-31T23:59:59Z", -1000LL, 0},
        {"1969-12-31T23:59:59.5Z", -500LL, 0},
        {"0001-01-01T00:00:00Z", -62135596800000LL, 0},
        {"9999-12-31T23:59:59+14:00", 253402250399000LL, 840},
        {"2026-11-28T09:15:00.1+08:00", 1795828500100LL, 480},
        {"2026-11-28T09:15:00.123456789+08:00", 1795828500123LL, 480},
        {"2026-11-28T01:15:00-00:00", 1795828500000LL, 0},
        /* a leap second sorts with the second before it */
        {"2016-12-31T23:59:60Z", 1483228799000LL, 0},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int r = parse(good[i].s, &ms, &off);
        CHECK(r == 0 && ms == good[i].ms && off == good[i].off, "parse %s -> %lld %+d", good[i].s,
              (long long)(r == 0 ? ms : 0), r == 0 ? off : 0);
    }
    static const char *const bad[] = {
        "",                               /* empty */
        "2026-11-28",                     /* date only */
        "2026-11-28T09:15:00",            /* no offset */
        "2026-11-28T09:15+08:00",         /* no seconds */
        "2026-11-28T9:15:00Z",            /* one-digit hour */
        "2026/11/28T09:15:00Z",           /* slashes */
        "2026-11-28T09:15:00+0800",       /* offset without colon */
        "2026-11-28T09:15:00+08",         /* short offset */
        "2026-11-28T09:15:00.Z",          /* empty fraction */
        "2026-11-28T09:15:00Z ",          /* trailing space */
        "2026-11-28T09:15:00+08:00x",     /* trailing text */
        "2026-11-28X09:15:00Z",           /* bad separator */
        "+2026-11-28T09:15:00Z",          /* sign on year */
        "2026-13-01T00:00:00Z",           /* month 13 */
        "2026-00-01T00:00:00Z",           /* month 0 */
        "2026-11-31T00:00:00Z",           /* 31 November */
        "2026-02-29T00:00:00Z",           /* not a leap year */
        "1900-02-29T00:00:00Z",           /* century, not a leap year */
        "2026-11-00T00:00:00Z",           /* day 0 */
        "2026-11-28T24:00:00Z",           /* hour 24 */
        "2026-11-28T23:60:00Z",           /* minute 60 */
        "2026-11-28T23:59:61Z",           /* second 61 */
        "2026-11-28T12:00:60Z",           /* leap second not at 23:59 */
        "2026-11-28T09:15:00+24:00",      /* offset hour 24 */
        "2026-11-28T09:15:00+08:60",      /* offset minute 60 */
        "0000-01-01T00:00:00Z",           /* year 0 */
        "２０２６-11-28T09:15:00Z",       /* full-width digits */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(parse(bad[i], &ms, &off) == -1, "reject \"%s\" with a reason", bad[i]);
    /* the parser honours len, not the NUL */
    const char *longer = "2026-11-28T01:15:00Z trailing";
    const char *why;
    CHECK(clock_parse_rfc3339(longer, 20, &ms, &off, &why) == 0 && ms == 1795828500000LL,
          "parse only the first len bytes");

    char buf[40];
    CHECK_STR(clock_format(1795828500000LL, 480, buf, sizeof buf), "2026-11-28T09:15:00+08:00",
              "format +08:00");
    CHECK_STR(clock_format(1795828500000LL, 0, buf, sizeof buf), "2026-11-28T01:15:00Z",
              "format UTC as Z");
    CHECK_STR(clock_format(951845400000LL, -330, buf, sizeof buf), "2000-02-29T12:00:00-05:30",
              "format -05:30 on a leap day");
    CHECK_STR(clock_format(-500, 0, buf, sizeof buf), "1969-12-31T23:59:59Z",
              "format before the epoch floors the fraction");
    CHECK_STR(clock_format(-62135596800000LL, 0, buf, sizeof buf), "0001-01-01T00:00:00Z",
              "format year 1");

    /* round trip over many instants and offsets */
    int ok = 1;
    static const int offs[] = {0, 480, -330, 345, -720, 840};
    for (int64_t t = -2208988800000LL; t < 4102444800000LL; t += 7777777777LL)
        for (size_t k = 0; k < 6; k++) {
            int64_t t2;
            int o2;
            clock_format(t - t % 1000, offs[k], buf, sizeof buf);
            if (parse(buf, &t2, &o2) != 0 || t2 != t - t % 1000 || o2 != offs[k]) {
                printf("# round trip failed: %s\n", buf);
                ok = 0;
            }
        }
    CHECK(ok, "format then parse gives back instant and offset (1900..2100, 6 offsets)");

    CHECK(clock_local_day(1795828500000LL, 480) == 20785, "local day of 2026-11-28 +08:00");
    CHECK(clock_local_day(1767198600000LL, 480) == 20454 && clock_local_day(1767198600000LL, 0) == 20453,
          "00:30 +08:00 on 1 January is still 31 December in UTC");
    CHECK(clock_local_day(-1, 0) == -1, "the millisecond before the epoch is day -1");
    return DONE();
}
