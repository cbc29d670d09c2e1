/* mkpinyin.c: build-time generator of the toneless pinyin table used to
 * recognise homophone typos in merchant names (金鼎建身 for 金鼎健身).
 * Writes "char<TAB>pinyin" for every CJK unified ideograph of the basic
 * block, using ICU's Han-Latin transliterator, to the file named by argv[1]. */
#include <stdio.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: mkpinyin OUT\n", stderr);
        return 1;
    }
    UErrorCode e = U_ZERO_ERROR;
    UChar id[64];
    u_uastrcpy(id, "Han-Latin; Latin-ASCII; Lower");
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    if (U_FAILURE(e)) {
        fprintf(stderr, "mkpinyin: ICU transliterator: %s\n", u_errorName(e));
        return 2;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f) {
        perror(argv[1]);
        utrans_close(t);
        return 2;
    }
    for (UChar c = 0x4E00; c <= 0x9FA5; c++) {
        UChar buf[32] = {c};
        int32_t len = 1, lim = 1;
        utrans_transUChars(t, buf, &len, 32, 0, &lim, &e);
        if (U_FAILURE(e) || len < 1 || len > 8)
            return fprintf(stderr, "mkpinyin: cannot transliterate U+%04X\n", c), 2;
        char py[16], ch[8];
        u_austrcpy(py, buf);
        if (py[0] < 'a' || py[0] > 'z')
            continue; /* no reading */
        UChar one[2] = {c, 0};
        u_strToUTF8(ch, sizeof ch, NULL, one, 1, &e);
        fprintf(f, "%s\t%s\n", ch, py);
    }
    utrans_close(t);
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 2;
    }
    return 0;
}
