/* test_strtab.c: strings get dense ids in order of first sight, the same
 * string the same id, and a taken string leaves the table. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "strtab.h"

int main(void)
{
    strtab *t = strtab_new();
    CHECK(t != NULL, "table made");
    if (!t)
        return DONE();
    uint32_t a = 99, b = 99, c = 99;
    int added = -1;
    CHECK(strtab_id(t, "健身xyz", strlen("健身"), &a, &added) == 0 && a == 0 && added == 1, "first string: id 0, added");
    CHECK(strtab_id(t, "b", 1, &b, &added) == 0 && b == 1 && added == 1, "second string: id 1");
    CHECK(strtab_id(t, "健身", strlen("健身"), &c, &added) == 0 && c == 0 && added == 0, "the first again: id 0");
    CHECK(strtab_id(t, "b", 1, &c, NULL) == 0 && c == 1, "added may be NULL");
    CHECK(strtab_count(t) == 2, "two strings");
    CHECK_STR(strtab_str(t, 0), "健身", "a copy of only the given length");
    CHECK(strtab_str(t, 2) == NULL, "no string past the last id");
    char *s = strtab_take(t, 1);
    CHECK_STR(s, "b", "taken string");
    CHECK(strtab_str(t, 1) == NULL && strtab_count(t) == 2, "the id stays, the string leaves");
    free(s);
    /* many strings: the table grows */
    char buf[16];
    int ok = 1;
    for (int i = 0; i < 5000 && ok; i++) {
        uint32_t id;
        int n = snprintf(buf, sizeof buf, "f%d", i);
        ok = strtab_id(t, buf, (size_t)n, &id, NULL) == 0 && id == (uint32_t)i + 2;
    }
    CHECK(ok && strtab_count(t) == 5002, "5000 more strings, dense ids");
    strtab_free(t);
    strtab_free(NULL);
    return DONE();
}
