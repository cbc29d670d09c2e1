/* icu_wordbreak.c: the ICU baseline for bench/segment.sh. Reads lines (from
 * stdin, or the file after --in) and prints the words ICU's dictionary-based
 * word break finds for the Chinese locale, separated by single spaces (white
 * space dropped, like qunsu segment). The input is read into memory first
 * and the output kept in memory until the end, so the CPU time printed on
 * stderr is the segmentation loop alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

static double cpu_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int grow(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 1 << 16;
    while (nc < need)
        nc *= 2;
    char *q = realloc(*p, nc);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
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
    /* the whole input in memory */
    char *text = NULL;
    size_t size = 0, cap = 0;
    for (;;) {
        if (grow(&text, &cap, size + 65536) != 0) {
            fputs("icu_wordbreak: out of memory\n", stderr);
            free(text);
            return 2;
        }
        size_t got = fread(text + size, 1, 65536, in);
        size += got;
        if (got == 0)
            break;
    }
    if (in != stdin)
        fclose(in);

    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu_wordbreak: %s\n", u_errorName(st));
        free(text);
        return 2;
    }
    char *out = NULL;
    size_t olen = 0, ocap = 0, bytes = 0;
    UChar *u = NULL;
    int32_t ucap = 0;
    int status = 0;
    double c0 = cpu_sec();
    for (size_t p = 0; p < size;) {
        const char *nl = memchr(text + p, '\n', size - p);
        size_t end = nl ? (size_t)(nl - text) : size, len = end - p;
        if (len && text[p + len - 1] == '\r')
            len--;
        bytes += len;
        /* room: a UTF-16 unit gives at most 3 UTF-8 bytes and one space */
        if ((int32_t)len + 1 > ucap) {
            ucap = (int32_t)len + 1;
            UChar *nu = realloc(u, (size_t)ucap * sizeof *u);
            if (!nu) {
                status = 2;
                break;
            }
            u = nu;
        }
        if (grow(&out, &ocap, olen + 4 * len + 2) != 0) {
            status = 2;
            break;
        }
        int32_t ulen = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, ucap, &ulen, text + p, (int32_t)len, &st);
        size_t line0 = olen;
        if (U_SUCCESS(st)) {
            ubrk_setText(bi, u, ulen, &st);
            int32_t a = ubrk_first(bi);
            for (int32_t b = ubrk_next(bi); b != UBRK_DONE; a = b, b = ubrk_next(bi)) {
                int32_t k = a;
                size_t wstart = olen + (olen > line0 ? 1 : 0), w = wstart;
                while (k < b) {
                    UChar32 c;
                    U16_NEXT(u, k, b, c);
                    if (u_isUWhiteSpace(c))
                        continue;
                    UBool err = 0;
                    int32_t o = 0;
                    U8_APPEND((uint8_t *)out + w, o, 4, c, err);
                    if (!err)
                        w += (size_t)o;
                }
                if (w > wstart) {
                    if (olen > line0)
                        out[olen] = ' ';
                    olen = w;
                }
            }
        }
        out[olen++] = '\n';
        p = nl ? end + 1 : size;
    }
    double cpu = cpu_sec() - c0;
    if (status == 0) {
        fwrite(out, 1, olen, stdout);
        fprintf(stderr, "segmented %zu bytes; loop CPU %.3f s\n", bytes, cpu);
    } else {
        fputs("icu_wordbreak: out of memory\n", stderr);
    }
    free(text);
    free(out);
    free(u);
    ubrk_close(bi);
    u_cleanup();
    return status;
}
