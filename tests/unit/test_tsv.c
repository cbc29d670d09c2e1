/* test_tsv.c: tsv_split on the lines lexicon and registry files hold. */
#include <string.h>

#include "harness.h"
#include "tsv.h"

int main(void)
{
    char *col[4];
    char a[] = "91110000XXXXXXXXXX\t金鼎健身服务有限公司\t金鼎健身|金鼎\tfitness";
    CHECK(tsv_split(a, col, 4) == 4, "registry line: four columns");
    CHECK_STR(col[1], "金鼎健身服务有限公司", "second column");
    CHECK_STR(col[3], "fitness", "last column");

    char b[] = "宠物\tother";
    CHECK(tsv_split(b, col, 4) == 2, "lexicon line: two columns");
    CHECK_STR(col[0], "宠物", "first column");
    CHECK(col[2] == NULL && col[3] == NULL, "missing columns are NULL");

    char c[] = "a\tb\tc\td";
    CHECK(tsv_split(c, col, 2) == 2, "at most max columns");
    CHECK_STR(col[1], "b\tc\td", "the last column keeps the rest");

    char d[] = "";
    CHECK(tsv_split(d, col, 3) == 1, "an empty line is one empty column");
    CHECK_STR(col[0], "", "empty column");
    CHECK(tsv_split(d, col, 0) == 0, "no room: no column");
    return DONE();
}
