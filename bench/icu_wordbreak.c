/* icu_wordbreak.c: the ICU baseline for bench/segment.sh. Reads lines (from
 * stdin, or the file after --in) and
 * prints the words ICU's dictionary-based word break finds for the Chinese
 * locale, separated by single spaces (white space dropped, like qunsu
 * segment). Prints the segmentation time alone on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    FILE *in = stdin;
    if (argc == 3 && strcmp(argv[1], "--in") == 0) {
        if (!(in = fopen(argv[2], "rb"))) {
            fprintf(stderr, "icu_wordbreak: cannot open %s\n", argv[2]);
            return 2;
        }
    } else if (argc != 1) {
        fputs("usage: icu_wordbreak [--in FILE]\n", stderr);
        return 1;
    }
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        if (in != stdin)
            fclose(in);
        fprintf(stderr, "icu_wordbreak: %s\n", u_errorName(st));
        return 2;
    }
    char *line = NULL, *out = NULL;
    size_t cap = 0, bytes = 0;
    UChar *u = NULL;
    int32_t ucap = 0;
    ssize_t got;
    double t = 0;
    while ((got = getline(&line, &cap, in)) != -1) {
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        bytes += len;
        if ((int32_t)len + 1 > ucap) {
            ucap = (int32_t)len + 1;
            UChar *nu = realloc(u, (size_t)ucap * sizeof *u);
            char *no = realloc(out, 8 * (size_t)ucap);
            if (!nu || !no) {
                free(nu ? nu : u);
                free(no ? no : out);
                free(line);
                return 2;
            }
            u = nu, out = no; /* 4 bytes per UTF-16 unit at most, with spaces */
        }
        double t0 = now_sec();
        int32_t ulen = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, ucap, &ulen, line, (int32_t)len, &st);
        size_t olen = 0;
        if (U_SUCCESS(st)) {
            ubrk_setText(bi, u, ulen, &st);
            int32_t a = ubrk_first(bi);
            for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
                int32_t k = a, wlen = 0;
                char *wstart = out + olen + (olen ? 1 : 0);
                char *w = wstart;
                while (k < b) {
                    UChar32 c;
                    U16_NEXT(u, k, b, c);
                    if (u_isUWhiteSpace(c))
                        continue;
                    int32_t n = 0;
                    char tmp[4];
                    UErrorCode s2 = U_ZERO_ERROR;
                    u_strToUTF8(tmp, 4, &n, (UChar *)&u[k - U16_LENGTH(c)], U16_LENGTH(c), &s2);
                    memcpy(w + wlen, tmp, (size_t)n);
                    wlen += n;
                }
                if (wlen) {
                    if (olen)
                        out[olen] = ' ';
                    olen = (size_t)(wstart - out) + (size_t)wlen;
                }
            }
        }
        t += now_sec() - t0;
        fwrite(out, 1, olen, stdout);
        putchar('\n');
    }
    fprintf(stderr, "segmented %zu bytes in %.3f s\n", bytes, t);
    free(line);
    free(out);
    free(u);
    ubrk_close(bi);
    if (in != stdin)
        fclose(in);
    u_cleanup();
    return 0;
}
