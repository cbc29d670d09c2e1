/* test_dict.c: the compiled dictionary format (build, load, lookup, damaged
 * files refused with QS_EDATA) and the segmenter's token spans, types and
 * normalised forms over a small dictionary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict.h"
#include "harness.h"
#include "segment.h"

#define HMM "dicts/base/jieba.hmm.tsv"

static char dir[] = "/tmp/qs_dict_XXXXXX";

static void path_of(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", dir, name);
}

static void write_file(const char *name, const void *data, size_t n)
{
    char p[256];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

static size_t read_file(const char *name, char **out)
{
    char p[256];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "rb");
    *out = NULL;
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *out = malloc((size_t)n);
    size_t got = *out ? fread(*out, 1, (size_t)n, f) : 0;
    fclose(f);
    return got;
}

static float lookup(const seg_dict *d, const char *utf8)
{
    int32_t cps[64];
    size_t n = 0, len = strlen(utf8);
    for (size_t i = 0; i < len && n < 64;) {
        size_t k = dict_utf8_next((const unsigned char *)utf8 + i, len - i, &cps[n]);
        if (!k)
            return DICT_NOT_WORD;
        i += k;
        n++;
    }
    return dict_lookup(d, cps, n);
}

/* Segment and join the original words with spaces, or "ERR". */
static const char *seg_join(seg_ctx *sc, const char *text, const seg_token **toks, size_t *n)
{
    static char out[1024];
    qs_err err = {0};
    if (seg_run(sc, text, strlen(text), toks, n, &err) != QS_OK)
        return "ERR";
    size_t o = 0;
    for (size_t k = 0; k < *n; k++) {
        size_t a = seg_byte_offset(sc, (*toks)[k].start), b = seg_byte_offset(sc, (*toks)[k].end);
        if (o + (b - a) + 2 >= sizeof out)
            break;
        if (k)
            out[o++] = ' ';
        memcpy(out + o, text + a, b - a);
        o += b - a;
    }
    out[o] = '\0';
    return out;
}

static qs_rc compile(const char *words_name, const char *out_name, qs_err *err)
{
    char wp[256], op[256];
    path_of(wp, sizeof wp, words_name);
    path_of(op, sizeof op, out_name);
    dict_builder *b = dict_builder_new(err);
    if (!b)
        return QS_ENOMEM;
    qs_rc rc = dict_builder_read_hmm(b, HMM, err);
    if (rc == QS_OK)
        rc = dict_builder_read_words(b, wp, 10, err);
    if (rc == QS_OK)
        rc = dict_builder_write(b, op, err);
    dict_builder_free(b);
    return rc;
}

static qs_rc load_bytes(const void *data, size_t len, qs_err *err)
{
    char p[256];
    write_file("bad.bin", data, len);
    path_of(p, sizeof p, "bad.bin");
    seg_dict *d = seg_dict_load(p, err);
    if (!d)
        return err->rc;
    /* a file that passes the checks must be safe to use */
    seg_ctx *sc = seg_new(d, NULL, err);
    const seg_token *t;
    size_t n;
    const char *text = "我的外卖了要求退费预付卡ＶＩＰ卡一二三";
    qs_rc rc = sc ? seg_run(sc, text, strlen(text), &t, &n, err) : QS_ENOMEM;
    seg_free(sc);
    seg_dict_free(d);
    return rc;
}

/* Does the image img[0..size) with the 4-byte word at off set to a huge
 * value (built in bad) load or give QS_EDATA, never crash? */
static int loads_or_refused(char *bad, const char *img, size_t size, size_t off)
{
    memcpy(bad, img, size);
    uint32_t v = 0x7FFFFFF0u;
    memcpy(bad + off, &v, 4);
    qs_err e2 = {0};
    qs_rc rc = load_bytes(bad, size, &e2);
    return rc == QS_OK || rc == QS_EDATA;
}

int main(void)
{
    if (!mkdtemp(dir)) {
        printf("not ok 1 - mkdtemp\n");
        return 1;
    }
    const char *words = "# test list\n"
                        "外卖 5000 n\n"
                        "客服 3000\n"
                        "预付卡 2000\n"
                        "退费 2000\n"
                        "退 1000\n"
                        "费 800\n"
                        "我 20000\n"
                        "的 30000\n"
                        "了 30000\n"
                        "要求 3000\n"
                        "ＶＩＰ卡 500\n"
                        "客服 9000\n" /* listed twice: the higher frequency stays */
                        "一千多元 8 m\n" /* numeral phrase: not a word */
                        "零频 0\n"
                        "𠮷野家 300\n" /* a supplementary character: its pair is not in the pair table */
                        "吉𠮷 300\n"
                        "卖点 400\n"; /* a second word of 卖, whose pair comes from the pair table */
    write_file("words.txt", words, strlen(words));
    qs_err err = {0};
    CHECK(compile("words.txt", "dict.bin", &err) == QS_OK, "compile a word list (%s)", err.msg);

    char p[256];
    path_of(p, sizeof p, "dict.bin");
    seg_dict *d = seg_dict_load(p, &err);
    CHECK(d != NULL, "load the compiled file (%s)", err.msg);
    if (!d)
        return DONE();
    CHECK(lookup(d, "外卖") < 0, "外卖 is a word");
    CHECK(lookup(d, "预付") == DICT_NOT_WORD, "a prefix only is not a word");
    CHECK(lookup(d, "预付卡") < 0, "预付卡 is a word");
    CHECK(lookup(d, "外卖员") == DICT_NOT_WORD, "an unknown word is not found");
    CHECK(lookup(d, "vip卡") < 0, "words are stored folded (ＶＩＰ卡 -> vip卡)");
    CHECK(lookup(d, "零频") == DICT_NOT_WORD, "a zero frequency is not a word");
    CHECK(lookup(d, "一千多元") == DICT_NOT_WORD, "a numeral phrase tagged m is not a word");
    CHECK(lookup(d, "客服") > lookup(d, "外卖"), "a word listed twice keeps its highest frequency");
    CHECK(lookup(d, "𠮷野家") < 0 && lookup(d, "吉𠮷") < 0 && lookup(d, "𠮷野") == DICT_NOT_WORD,
          "words with a character beyond the BMP are found in their blocks");
    CHECK(lookup(d, "卖点") < 0 && lookup(d, "卖家") == DICT_NOT_WORD && lookup(d, "外点") == DICT_NOT_WORD,
          "second characters are found by their pair, not by the character alone");
    CHECK(dict_hmm_emit(d, 0x4E00) != NULL, "HMM emissions are loaded");

    seg_ctx *sc = seg_new(d, NULL, &err);
    CHECK(sc != NULL, "segmenter created");
    const seg_token *t;
    size_t n;
    CHECK_STR(seg_join(sc, "我的外卖了", &t, &n), "我 的 外卖 了", "dictionary words");
    CHECK_STR(seg_join(sc, "要求退费", &t, &n), "要求 退费", "complaint words");
    CHECK(n == 2 && t[1].start == 2 && t[1].end == 4 && t[1].type == TOK_HAN,
          "spans are code points of the original text");
    CHECK_STR(seg_join(sc, "Refunds ＶＩＰ卡 iPhone15", &t, &n), "Refunds ＶＩＰ卡 iPhone15",
              "Latin and mixed tokens");
    CHECK(n == 3 && t[0].type == TOK_LATIN && t[0].norm_len == 6 && memcmp(t[0].norm, "refund", 6) == 0,
          "Latin tokens are lower-cased and stemmed");
    CHECK(n == 3 && t[1].norm_len == strlen("vip卡") && memcmp(t[1].norm, "vip卡", t[1].norm_len) == 0,
          "full-width input is folded in the normalised form");
    CHECK(n == 3 && t[2].start == 13 && t[2].end == 21 && t[2].type == TOK_LATIN,
          "iPhone15 is one token");
    CHECK_STR(seg_join(sc, "2023年12月5日3.5%", &t, &n), "2023年 12月 5日 3.5%", "dates and percentages");
    CHECK(n == 4 && t[0].type == TOK_NUM && t[3].type == TOK_NUM, "numbers are TOK_NUM");
    CHECK_STR(seg_join(sc, "，！！", &t, &n), "， ！！", "punctuation");
    CHECK(n == 2 && t[0].type == TOK_PUNCT, "punctuation is TOK_PUNCT");
    CHECK_STR(seg_join(sc, "  ", &t, &n), "", "white space gives no token");
    CHECK(seg_run(sc, "\xE5\xA4", 2, &t, &n, &err) == QS_EINVAL, "invalid UTF-8 is refused");

    /* user dictionary: its words are never split */
    const char *user = "金鼎健身\n费我 5\n";
    write_file("user.txt", user, strlen(user));
    path_of(p, sizeof p, "user.txt");
    CHECK(seg_dict_add_user(d, p, &err) == QS_OK, "add a user dictionary (%s)", err.msg);
    CHECK_STR(seg_join(sc, "金鼎健身退费我的", &t, &n), "金鼎健身 退 费我 的",
              "user words are kept whole, even against the dictionary");
    path_of(p, sizeof p, "missing.txt");
    CHECK(seg_dict_add_user(d, p, &err) == QS_EIO, "a missing user dictionary is QS_EIO");
    CHECK_STR(seg_join(sc, "金鼎健身", &t, &n), "金鼎健身", "earlier user words survive a failed add");
    seg_free(sc);
    seg_dict_free(d);

    /* damaged files */
    char *img;
    size_t size = read_file("dict.bin", &img);
    CHECK(img && size > 200, "read the image back");
    if (img) {
        CHECK(dict_check_image(img, size, &err) == QS_OK, "the image checks");
        CHECK(load_bytes(img, size / 2, &err) == QS_EDATA, "a truncated file is QS_EDATA");
        CHECK(load_bytes(img, 10, &err) == QS_EDATA, "a tiny file is QS_EDATA");
        CHECK(load_bytes("", 0, &err) == QS_EDATA, "an empty file is QS_EDATA");
        char *bad = malloc(size);
        if (bad) {
            memcpy(bad, img, size);
            bad[0] ^= 0x55;
            CHECK(load_bytes(bad, size, &err) == QS_EDATA, "a bad magic is QS_EDATA");
            /* each 4-byte word of the header and the trie set to a huge value */
            int all_refused = 1;
            for (size_t off = 8; off + 4 <= size && off < 1024; off += 4)
                all_refused &= loads_or_refused(bad, img, size, off);
            CHECK(all_refused, "damaged words anywhere load or give QS_EDATA, never crash");
            /* the lookup tables after the edges: root table, then pair table */
            uint32_t n_edges, pair_slots;
            memcpy(&n_edges, img + 16, 4);
            memcpy(&pair_slots, img + 116, 4);
            size_t tables = 128 + (size_t)n_edges * 16, pairs = tables + 0x5200 * 16;
            CHECK(pairs + (size_t)pair_slots * 16 < size, "the tables lie inside the file");
            /* each word of each edge the root and pair tables hold */
            all_refused = 1;
            int n_held = 0;
            for (size_t off = tables; pairs + (size_t)pair_slots * 16 < size && off < pairs + (size_t)pair_slots * 16;
                 off += 4) {
                size_t at = off - (off - tables) % 16;
                uint32_t cp;
                memcpy(&cp, img + at, 4);
                if (!cp)
                    continue;
                n_held += off == at;
                all_refused &= loads_or_refused(bad, img, size, off);
            }
            CHECK(all_refused && n_held > 4, "damaged table words load or give QS_EDATA, never crash (%d edges)",
                  n_held);
            memcpy(bad, img, size);
            for (uint32_t i = 0; pairs + (size_t)pair_slots * 16 < size && i < pair_slots; i++)
                memcpy(bad + pairs + (size_t)i * 16, &(uint32_t){1}, 4);
            CHECK(load_bytes(bad, size, &err) == QS_EDATA && strstr(err.msg, "pair table"),
                  "a pair table without a free slot is refused (%s)", err.msg);
            for (size_t i = 0; i < size; i++)
                bad[i] = (char)(i * 131 + 7);
            CHECK(load_bytes(bad, size, &err) == QS_EDATA, "garbage is QS_EDATA");
            free(bad);
        }
        free(img);
    }
    path_of(p, sizeof p, "nothing.bin");
    CHECK(seg_dict_load(p, &err) == NULL && err.rc == QS_EIO, "a missing file is QS_EIO");

    const char *badlist = "外卖 5\n\xff\xfe 3\n";
    write_file("bad.txt", badlist, strlen(badlist));
    CHECK(compile("bad.txt", "x.bin", &err) == QS_EDATA && strstr(err.msg, ":2:"),
          "invalid UTF-8 in a word list is QS_EDATA naming the line");

    const char *names[] = {"words.txt", "dict.bin", "user.txt", "bad.bin", "bad.txt"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_of(p, sizeof p, names[i]);
        unlink(p);
    }
    rmdir(dir);
    return DONE();
}
