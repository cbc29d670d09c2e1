/* mask.c: personal-data masking of complaint texts (see mask.h). Works on
 * UTF-8 bytes; ASCII and full-width digits count alike, so "１３８…" is
 * masked as "138…" is. */
#include "mask.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length in bytes of a digit at s (ASCII 0-9 or U+FF10..FF19), else 0. */
static size_t digit_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] >= '0' && s[0] <= '9')
        return 1;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
        return 3;
    return 0;
}

static size_t utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int is_cjk(const unsigned char *s, size_t n)
{
    if (n < 3 || utf8_len(s[0]) != 3)
        return 0;
    uint32_t cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return cp >= 0x4E00 && cp <= 0x9FFF;
}

static int is_email_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* Words after which a personal name follows. */
static const char *const name_cues[] = {"我叫", "本人叫", "姓名：", "姓名:", "联系人：", "联系人:"};

/* Currency and quantity words after which a long number is an amount. */
static const char *const amount_cues[] = {"元", "块", "万", "千", "rmb", "RMB"};

static int starts_with(const unsigned char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s, w, k) == 0;
}

char *mask_text(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        /* a run of digits (with an ID card's final X) */
        size_t j = i, nd = 0, dl;
        while (j < len && (dl = digit_len(s + j, len - j)) > 0)
            j += dl, nd++;
        if (nd > 0) {
            if (j < len && nd == 17 && (s[j] == 'X' || s[j] == 'x'))
                j++, nd++;
            int amount = 0;
            for (size_t c = 0; c < sizeof amount_cues / sizeof amount_cues[0]; c++)
                amount |= starts_with(s + j, len - j, amount_cues[c]);
            if (nd >= 7 && !amount) {
                size_t keep_head = nd >= 11 ? 3 : 0, k = 0;
                for (size_t p = i; p < j; k++) {
                    size_t d = digit_len(s + p, j - p);
                    if (d == 0)
                        d = 1; /* the final X */
                    if (k < keep_head || k + 2 >= nd)
                        memcpy(out + o, s + p, d), o += d;
                    else
                        out[o++] = '*';
                    p += d;
                }
            } else {
                memcpy(out + o, s + i, j - i);
                o += j - i;
            }
            i = j;
            continue;
        }
        if (s[i] == '@' && i > 0 && is_email_char(s[i - 1])) {
            /* mask the local part already copied */
            size_t b = o;
            while (b > 0 && is_email_char((unsigned char)out[b - 1]))
                out[--b] = '*';
            out[o++] = '@';
            i++;
            continue;
        }
        int cued = 0;
        for (size_t c = 0; c < sizeof name_cues / sizeof name_cues[0] && !cued; c++) {
            if (!starts_with(s + i, len - i, name_cues[c]))
                continue;
            size_t k = strlen(name_cues[c]);
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
            for (int n = 0; n < 3 && is_cjk(s + i, len - i); n++) {
                out[o++] = '*';
                i += 3;
            }
            cued = 1;
        }
        if (cued)
            continue;
        size_t cl = utf8_len(s[i]);
        if (cl > len - i)
            cl = len - i;
        memcpy(out + o, s + i, cl);
        o += cl;
        i += cl;
    }
    out[o] = '\0';
    return out;
}
