/* test_findex_twice.c: a model feature listed twice is refused by the
 * feature index, whichever table holds it (a main-block unigram, a Han
 * bigram or word, a plain string), and named in the message; distinct
 * features of every kind are all kept. */
#include <string.h>

#include "clsfeat.h"
#include "harness.h"

/* clf_findex_new on copies of words[0..n) (n <= 8): the return code,
 * the message in msg. */
static qs_rc index_of(const char *const *words, size_t n, char *msg, size_t cap)
{
    char *feat[8] = {NULL};
    for (size_t i = 0; i < n; i++)
        if (!(feat[i] = strdup(words[i]))) {
            snprintf(msg, cap, "out of memory");
            while (i--)
                free(feat[i]);
            return QS_ENOMEM;
        }
    qs_err err = {0};
    clf_findex *ix = clf_findex_new(feat, n, &err);
    snprintf(msg, cap, "%s", ix ? "" : err.msg);
    clf_findex_free(ix);
    for (size_t i = 0; i < n; i++)
        free(feat[i]);
    return ix ? QS_OK : err.rc;
}

int main(void)
{
    char msg[256];
    const char *distinct[] = {"甲", "甲乙", "w:甲乙", "w:甲乙丙", "abc", "w:ab", "㐀"};
    CHECK(index_of(distinct, 7, msg, sizeof msg) == QS_OK, "distinct features are all indexed (%s)", msg);
    static const char *const twice[][3] = {
        {"甲", "乙", "甲"},             /* a unigram of the main block */
        {"甲乙", "w:甲乙", "甲乙"},     /* a Han bigram */
        {"w:甲乙", "甲乙", "w:甲乙"},   /* a two-character word */
        {"abc", "w:甲乙丙", "abc"},     /* a plain string */
        {"w:甲乙丙", "abc", "w:甲乙丙"}, /* a longer word, a plain string too */
    };
    for (size_t t = 0; t < sizeof twice / sizeof *twice; t++) {
        qs_rc rc = index_of(twice[t], 3, msg, sizeof msg);
        CHECK(rc == QS_EDATA && strstr(msg, twice[t][0]) && strstr(msg, "twice"),
              "'%s' listed twice is refused, named (%s)", twice[t][0], msg);
    }
    return DONE();
}
