/* segment.c: the word segmenter (see segment.h). A line is decoded, each code
 * point folded (the fold guides matching only; spans point into the original
 * text), and cut into atoms: single Han characters, Latin/digit runs with
 * number formats and date suffixes (iPhone15, 3.5%, 1998年), Chinese number
 * runs (一千多, 二〇二四年), runs of one punctuation mark. User words are
 * fixed first; between them a maximum-probability path over the word graph
 * (dictionary words, with a prior for two-character words, plus Chinese
 * number expressions) is chosen, and runs of single characters left by it go
 * through jieba's BMES HMM so that unknown words (送餐, 满减, new brand
 * names) come out whole, unless they would glue on a function character. */
#include "segment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "dict.h"
#include "stem.h"

enum { C_SPACE, C_HAN, C_DIGIT, C_ALPHA, C_LETTER, C_PUNCT, C_SYMBOL };
#define NUM_NOT_HAN (-2) /* seg_ctx.num of a character that is not Han */
#define SEG_MEMO 256 /* a power of two */
enum { K_ATOM, K_WORD, K_NUM }; /* how an edge of the word graph was made */

/* A Chinese number expression is scored like a word seen this often. */
#define NUM_FREQ 1000.0
/* Added to the log probability of two-character words: the dictionary's
 * frequencies come from coarsely segmented text and favour long compounds
 * (经济发展, 国际关系), while the standard guidelines cut them into their
 * two-character words, the modal word length of Chinese. */
#define TWO_CHAR_BONUS 3.0
/* A character whose own word probability is above e^-8 (about the 300 most
 * frequent single-character words) is a function character for the HMM. */
#define FUNCTION_CHAR_LOGP (-8.0)
#define HMM_NONE (-1e4f) /* HMM emission of a character the HMM never saw */
static const float hmm_unseen[4] = {HMM_NONE, HMM_NONE, HMM_NONE, HMM_NONE};

struct seg_ctx {
    const seg_dict *d;
    const norm_ctx *nc;
    stem_ctx *stem;
    /* U+4E00..U+9FFF: the fold, its UTF-8, its C_* and its numeral code
     * (seg_ctx.num), side by side so that a character costs one cache line */
    struct seg_fold {
        int32_t fold;
        char u8[4];    /* the fold in UTF-8, u8len bytes of it */
        uint8_t u8len;
        uint8_t cls;
        int8_t num;
    } *han;
    /* the same for other code points, in a small direct-mapped memo (the
     * fold and class of punctuation and Latin cost library calls) */
    struct seg_memo {
        int32_t cp;
        struct seg_fold fo;
    } memo[SEG_MEMO];
    /* the base dictionary's root edge of each folded character of
     * U+4E00..U+9FFF as the best path needs it: one read for most atoms
     * (such a character is of class C_HAN, and its numeral code is known
     * here, so the best path reads neither array for it) */
    struct seg_root {
        const dict_edge *up; /* the root edge when longer words start with it, else NULL */
        float w;             /* score as an atom of its own: its word's, or min_logp */
        uint8_t numeral;     /* a numeral or 第: number_edges may start here */
        uint8_t function;    /* a function character (see has_function_char) */
    } *root;
    const float **emit_han; /* their HMM emission rows (hmm_unseen when none) */
    size_t cap;        /* code points the arrays below hold */
    int32_t *f;        /* folded code points */
    uint32_t *boff;    /* byte offset of each code point, [n] = length */
    uint32_t *fbyte;   /* byte offset of each folded code point in normbuf, [n] = its length */
    uint8_t *cls;      /* C_* of each code point */
    int8_t *num;       /* Chinese numerals: 0-9 digits, 10 十, 11 larger units; -1 other
                          Han characters, NUM_NOT_HAN the rest (so that one test
                          tells the plain Han characters) */
    int32_t *aend;     /* atom end at an atom start, 0 elsewhere */
    uint8_t *atype;    /* seg_tok_type of the atom starting here (not set
                          for one-character Han atoms) */
    /* the best path from each position to the range end, the three fields
     * side by side (one pointer for the word graph to hold, not three) */
    struct seg_step {
        double best;   /* its score */
        int32_t next;  /* end of its first edge */
        uint8_t kind;  /* K_* of that edge */
    } *step;
    double *hv;        /* HMM scores, 4 per position */
    double hmm_start[4], hmm_trans[16]; /* the dictionary's, widened once */
    size_t n;          /* code points of the current text */
    seg_token *toks;   /* cap of them too: a token covers one code point at
                          least, so push_tok needs no check */
    size_t n_toks;
    int latin;         /* a TOK_LATIN token among them: make_norms has work */
    char *normbuf;
    size_t norm_len, norm_cap;
};

/* The one fold of this module: the normaliser's when there is one, then the
 * basic full-width/case fold the dictionary was compiled with. The folds of
 * the main CJK block are cached per context (han). */
static int32_t fold_slow(const seg_ctx *sc, int32_t cp)
{
    if (sc->nc)
        cp = norm_fold_cp(sc->nc, cp);
    return dict_fold_basic(cp);
}

static inline int32_t fold_cp(const seg_ctx *sc, int32_t cp)
{
    if (cp - 0x4E00u < 0x5200u)
        return sc->han[cp - 0x4E00].fold;
    if (cp < 0x80 && !sc->nc)
        return dict_fold_basic(cp);
    return fold_slow(sc, cp);
}

static inline int is_han(int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

static uint8_t classify(int32_t c)
{
    if (c < 0x80) {
        if (c >= '0' && c <= '9')
            return C_DIGIT;
        if (c >= 'a' && c <= 'z')
            return C_ALPHA;
        if (c >= 'A' && c <= 'Z')
            return C_ALPHA; /* only when a normaliser left it upper case */
        if (c == ' ' || (c >= 0x09 && c <= 0x0D))
            return C_SPACE;
        if (c < 0x20 || c == 0x7F)
            return C_SYMBOL;
        return C_PUNCT;
    }
    if (is_han(c))
        return C_HAN;
    if (u_isUWhiteSpace(c))
        return C_SPACE;
    if (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK)
        return C_LETTER;
    if (u_ispunct(c))
        return C_PUNCT;
    return C_SYMBOL;
}

/* ---- Chinese numbers ---- */

/* seg_ctx.num of a folded code point of class cls. */
static int8_t numeral_code(uint8_t cls, int32_t fc)
{
    if (cls != C_HAN)
        return NUM_NOT_HAN;
    int v = dict_han_numeral(fc);
    return (int8_t)(v > 10 ? 11 : v);
}

/* What the decoders store for a code point whose fold is fc. */
static struct seg_fold fold_info(int32_t fc)
{
    struct seg_fold fo = {.fold = fc, .cls = classify(fc)};
    fo.num = numeral_code(fo.cls, fc);
    fo.u8len = (uint8_t)dict_utf8_put(fo.u8, fc);
    return fo;
}

/* Value of a small Chinese number (up to 99) from its numeral codes (see
 * seg_ctx.num), for date checks; -1 if the run is not one. */
static int han_small_value(const int8_t *num, size_t n)
{
    int v = 0, cur = -1;
    for (size_t i = 0; i < n; i++) {
        int d = num[i];
        if (d == 10) {
            v += (cur < 0 ? 1 : cur) * 10;
            cur = -1;
        } else if (d >= 0 && d <= 9) {
            if (cur >= 0)
                return -1;
            cur = d;
        } else {
            return -1;
        }
    }
    return v + (cur < 0 ? 0 : cur);
}

#define CP_NIAN 0x5E74 /* 年 */
#define CP_YUE 0x6708  /* 月 */
#define CP_RI 0x65E5   /* 日 */
#define CP_HAO 0x53F7  /* 号 */
#define CP_DI 0x7B2C   /* 第 */
#define CP_WAN 0x4E07  /* 万 */
#define CP_YI 0x4EBF   /* 亿 */

/* Does a date suffix attach to a number? A year must be written out as
 * digits (1998年, 一九九八年, 九八年: year_ok), a month be 1-12, a day 1-31. */
static int date_suffix_ok(int32_t suf, int value, int year_ok)
{
    if (suf == CP_NIAN)
        return year_ok;
    if (suf == CP_YUE)
        return value >= 1 && value <= 12;
    if (suf == CP_RI || suf == CP_HAO)
        return value >= 1 && value <= 31;
    return 0;
}

/* ---- buffers ---- */

static qs_rc reserve(seg_ctx *sc, size_t n, qs_err *err)
{
    if (n + 1 <= sc->cap)
        return QS_OK;
    size_t cap = sc->cap ? sc->cap : 256;
    while (cap < n + 1)
        cap *= 2;
#define RE(p, k)                                                  \
    do {                                                          \
        void *q = realloc(sc->p, (k) * cap * sizeof *sc->p);      \
        if (!q)                                                   \
            return qs_fail(err, QS_ENOMEM, "out of memory");      \
        sc->p = q;                                                \
    } while (0)
    RE(f, 1);
    RE(boff, 1);
    RE(fbyte, 1);
    RE(cls, 1);
    RE(num, 1);
    RE(aend, 1);
    RE(atype, 1);
    RE(step, 1);
    RE(hv, 4);
    RE(toks, 1);
#undef RE
    sc->cap = cap;
    return QS_OK;
}

/* seg_ctx.root and emit_han from the dictionary. */
static void fill_tables(seg_ctx *sc)
{
    for (int32_t c = 0; c < 0x5200; c++) {
        const float *em = dict_hmm_emit(sc->d, 0x4E00 + c);
        sc->emit_han[c] = em ? em : hmm_unseen;
    }
    const dict_trie *t = dict_base(sc->d);
    for (uint32_t c = 0; c < 0x5200; c++) {
        const dict_edge *e = dict_root(t, 0x4E00 + c);
        int word = e && e->logp != DICT_NOT_WORD;
        int32_t cp = 0x4E00 + (int32_t)c;
        sc->root[c] = (struct seg_root){e && e->count ? e : NULL,
                                        word ? e->logp : dict_min_logp(sc->d),
                                        cp == CP_DI || dict_han_numeral(cp) >= 0,
                                        word && e->logp > FUNCTION_CHAR_LOGP};
    }
}

seg_ctx *seg_new(const seg_dict *dict, const norm_ctx *nc, qs_err *err)
{
    if (!dict) {
        qs_fail(err, QS_EINVAL, "no dictionary");
        return NULL;
    }
    seg_ctx *sc = calloc(1, sizeof *sc);
    if (!sc) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    sc->d = dict;
    sc->nc = nc;
    for (size_t i = 0; i < SEG_MEMO; i++)
        sc->memo[i].cp = -1; /* no code point */
    sc->han = malloc(0x5200 * sizeof *sc->han);
    sc->root = malloc(0x5200 * sizeof *sc->root);
    sc->emit_han = malloc(0x5200 * sizeof *sc->emit_han);
    if (!sc->han || !sc->root || !sc->emit_han) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        seg_free(sc);
        return NULL;
    }
    for (int32_t c = 0; c < 0x5200; c++)
        sc->han[c] = fold_info(fold_slow(sc, 0x4E00 + c));
    fill_tables(sc);
    for (int k = 0; k < 4; k++)
        sc->hmm_start[k] = dict_hmm_start(dict)[k];
    for (int k = 0; k < 16; k++)
        sc->hmm_trans[k] = dict_hmm_trans(dict)[k];
    if (!(sc->stem = stem_new(err)) || reserve(sc, 1024, err) != QS_OK) {
        seg_free(sc);
        return NULL;
    }
    return sc;
}

void seg_free(seg_ctx *sc)
{
    if (!sc)
        return;
    stem_free(sc->stem);
    free(sc->han);
    free(sc->root);
    free(sc->emit_han);
    free(sc->f);
    free(sc->boff);
    free(sc->fbyte);
    free(sc->cls);
    free(sc->num);
    free(sc->aend);
    free(sc->atype);
    free(sc->step);
    free(sc->hv);
    free(sc->toks);
    free(sc->normbuf);
    free(sc);
}

size_t seg_byte_offset(const seg_ctx *sc, int32_t cp_index)
{
    if (cp_index < 0)
        return 0;
    if ((size_t)cp_index > sc->n)
        cp_index = (int32_t)sc->n;
    return sc->boff[cp_index];
}

/* ---- tokens ---- */

/* A token over [s, e); its norm is its folded text (make_norms stems it).
 * The tokens have room (see reserve). */
static inline void push_tok(seg_ctx *sc, size_t s, size_t e, seg_tok_type type)
{
    const uint32_t *fbyte = sc->fbyte;
    sc->toks[sc->n_toks++] = (seg_token){(int32_t)s, (int32_t)e, sc->normbuf + fbyte[s],
                                         fbyte[e] - fbyte[s], type};
    sc->latin |= type == TOK_LATIN;
}

/* Type of a dictionary word or number edge from the classes it covers. */
static seg_tok_type span_type(const seg_ctx *sc, size_t s, size_t e, int kind)
{
    size_t h = s;
    while (h < e && sc->cls[h] == C_HAN)
        h++;
    if (h == e)
        return kind == K_NUM ? TOK_NUM : TOK_HAN;
    int han = 0, alpha = 0, digit = 0;
    for (size_t i = s; i < e; i++) {
        han |= sc->cls[i] == C_HAN;
        alpha |= sc->cls[i] == C_ALPHA || sc->cls[i] == C_LETTER;
        digit |= sc->cls[i] == C_DIGIT;
    }
    if (kind == K_NUM)
        return TOK_NUM;
    if (alpha)
        return TOK_LATIN;
    if (han)
        return TOK_HAN;
    if (digit)
        return TOK_NUM;
    return sc->cls[s] == C_PUNCT ? TOK_PUNCT : TOK_OTHER;
}

/* ---- atoms ---- */

/* Latin/digit run from i: letters and digits together ("iphone15", "3c"),
 * decimal points and thousands commas inside numbers, and for plain numbers
 * a percent sign, a 万/亿 multiplier or a date suffix (1998年, 12月, 5日). */
static size_t alnum_atom(const seg_ctx *sc, size_t i, size_t e, seg_tok_type *type)
{
    const int32_t *f = sc->f;
    const uint8_t *cls = sc->cls;
    size_t j = i;
    int alpha = 0, frac = 0;
    while (j < e) {
        if (cls[j] == C_ALPHA || cls[j] == C_LETTER) {
            alpha = 1;
            j++;
        } else if (cls[j] == C_DIGIT) {
            j++;
        } else if (f[j] == '.' && j > i && cls[j - 1] == C_DIGIT && j + 1 < e &&
                   cls[j + 1] == C_DIGIT) {
            frac = 1;
            j++;
        } else if (f[j] == ',' && j > i && cls[j - 1] == C_DIGIT && j + 3 < e &&
                   cls[j + 1] == C_DIGIT && cls[j + 2] == C_DIGIT &&
                   cls[j + 3] == C_DIGIT && (j + 4 >= e || cls[j + 4] != C_DIGIT)) {
            j++;
        } else {
            break;
        }
    }
    if (alpha) {
        *type = TOK_LATIN;
        return j;
    }
    *type = TOK_NUM;
    if (j < e && (f[j] == '%' || f[j] == 0x2030)) /* % ‰ */
        return j + 1;
    if (j < e && (f[j] == CP_WAN || f[j] == CP_YI))
        return j + 1;
    if (j < e && !frac) {
        int v = 0;
        size_t nd = j - i;
        for (size_t k = i; k < j && nd <= 4; k++)
            v = v * 10 + (f[k] - '0');
        if (nd <= 4 && date_suffix_ok(f[j], v, nd == 4))
            return j + 1;
    }
    return j;
}

/* A run of two or more Chinese numerals from i is one atom (一千 元, 二十多,
 * 十多, 百分之三十), with a date suffix when it is a date (二〇二四年, 十五日),
 * unless a dictionary word starts with it and goes on past it (三五成群).
 * Returns the atom's end, i + 1 when the run is not an atom. */
static size_t han_number_atom(const seg_ctx *sc, size_t i, size_t s, size_t e)
{
    const int32_t *f = sc->f;
    if (sc->num[i] < 0 || (i > s && sc->num[i - 1] >= 0))
        return i + 1;
    size_t k = i;
    int digit_style = 1;
    /* a percentage: 百分之 + numerals */
    if (f[i] == 0x767E && i + 3 < e && f[i + 1] == 0x5206 && f[i + 2] == 0x4E4B &&
        sc->num[i + 3] >= 0) {
        k = i + 3;
        digit_style = 0;
    }
    while (k < e && sc->num[k] >= 0) {
        if (sc->num[k] > 9)
            digit_style = 0;
        k++;
    }
    /* 多 余 after a number with a unit: 十多, 一千多, 二十余 */
    if (!digit_style && k < e && (f[k] == 0x591A || f[k] == 0x4F59))
        k++;
    if (k - i < 2)
        return i + 1;
    const dict_trie *t = dict_base(sc->d);
    const dict_edge *w = dict_root(t, (uint32_t)f[i]);
    for (size_t q = i + 1; w && q < e; q++) {
        w = dict_next(t, w, (uint32_t)f[q]);
        if (w && q >= k && w->logp != DICT_NOT_WORD)
            return i + 1;
    }
    size_t nd = k - i;
    if (k < e && date_suffix_ok(f[k], han_small_value(sc->num + i, nd), digit_style && (nd == 2 || nd == 4)))
        return k + 1;
    return k;
}

/* Mark atoms over the chunk [s, e) (no white space inside). */
static void make_atoms(seg_ctx *sc, size_t s, size_t e)
{
    const uint8_t *cls = sc->cls;
    const int8_t *num = sc->num;
    int32_t *aend = sc->aend; /* locals: the byte stores cannot change them */
    uint8_t *atype = sc->atype;
    for (size_t i = s; i < e;) {
        /* most characters: Han characters that are no numerals, in a loop
         * of their own that keeps its values in registers (no atype: the
         * type of a one-character Han atom is never read, cut_range takes
         * it into a run of single characters) */
        while (i + 4 <= e) { /* four at a time: one test of their codes */
            uint32_t u;
            memcpy(&u, num + i, 4);
            if (u != 0xFFFFFFFFu)
                break;
            for (int k = 0; k < 4; k++)
                aend[i + k] = (int32_t)(i + k + 1);
            i += 4;
        }
        for (; i < e && num[i] == -1; i++)
            aend[i] = (int32_t)(i + 1);
        if (i == e)
            break;
        size_t j;
        seg_tok_type t;
        switch (cls[i]) {
        case C_HAN:
            j = han_number_atom(sc, i, s, e);
            t = j > i + 1 ? TOK_NUM : TOK_HAN;
            break;
        case C_DIGIT:
        case C_ALPHA:
            j = alnum_atom(sc, i, e, &t);
            break;
        case C_LETTER:
            j = i + 1;
            while (j < e && (cls[j] == C_LETTER || cls[j] == C_ALPHA || cls[j] == C_DIGIT))
                j++;
            t = TOK_OTHER;
            for (size_t k = i; k < j; k++)
                if (cls[k] == C_ALPHA || (sc->f[k] >= 0xC0 && sc->f[k] < 0x250))
                    t = TOK_LATIN;
            break;
        default:
            /* a run of one repeated mark is one token: …… —— !!! */
            j = i + 1;
            while (j < e && sc->f[j] == sc->f[i])
                j++;
            t = cls[i] == C_PUNCT ? TOK_PUNCT : TOK_OTHER;
            break;
        }
        aend[i] = (int32_t)j;
        atype[i] = (uint8_t)t;
        while (++i < j)
            aend[i] = 0; /* inside the atom */
    }
}

static inline int boundary(const seg_ctx *sc, size_t p, size_t b)
{
    return p == b || sc->aend[p] != 0;
}

/* ---- the word graph ---- */

/* The arrays of the word graph, copied out of seg_ctx and passed by value:
 * the byte stores to kind could otherwise change any field of seg_ctx
 * for the compiler, which would load every pointer again after each. */
typedef struct graph {
    struct seg_step *s;
    const int32_t *aend;
    const int8_t *num;
    const int32_t *f;
} graph;

static inline int g_boundary(graph g, size_t p, size_t b)
{
    return p == b || g.aend[p] != 0;
}

static inline void consider(graph g, size_t i, size_t j, double logp, int kind)
{
    double v = logp + g.s[j].best;
    struct seg_step *si = &g.s[i];
    /* ties go to the longer edge, as in jieba */
    if (v > si->best || (v == si->best && (int32_t)j > si->next))
        *si = (struct seg_step){v, (int32_t)j, (uint8_t)kind};
}

/* Chinese number edges from i: 第 + numerals, a numeral run of two or more,
 * and a numeral run with a date suffix (一九九八年, 十二月, 三十一日). */
static void number_edges(graph g, size_t i, size_t a, size_t b, double logp)
{
    const int32_t *f = g.f;
    const int8_t *num = g.num;
    size_t k = i;
    if (f[i] == CP_DI) {
        k = i + 1;
        while (k < b && num[k] >= 0)
            k++;
        if (k > i + 1 && g_boundary(g, k, b))
            consider(g, i, k, logp, K_NUM);
        return;
    }
    if (num[i] < 0 || (i > a && num[i - 1] >= 0))
        return;
    int digit_style = 1;
    while (k < b && num[k] >= 0) {
        if (num[k] > 9)
            digit_style = 0;
        k++;
    }
    if (k - i >= 2 && g_boundary(g, k, b))
        consider(g, i, k, logp, K_NUM);
    size_t nd = k - i;
    if (k < b && g_boundary(g, k + 1, b) &&
        date_suffix_ok(f[k], han_small_value(num + i, nd), digit_style && (nd == 2 || nd == 4)))
        consider(g, i, k + 1, logp, K_NUM);
}

/* Dictionary words of two or more characters from i (up: the root edge of
 * f[i] when such words start with it, else NULL) ending on an atom
 * boundary; most pairs start no word, which the pair filter tells without
 * the trie. */
static inline void word_edges(graph g, const dict_trie *t, const dict_edge *up, size_t i,
                              size_t b)
{
    uint32_t c = (uint32_t)g.f[i];
    if (!up || i + 1 >= b || !dict_pair_maybe(t, c, (uint32_t)g.f[i + 1]))
        return;
    const dict_edge *e = dict_second(t, up, c, (uint32_t)g.f[i + 1]);
    for (size_t k = i + 2; e; k++) {
        if (e->logp != DICT_NOT_WORD && g_boundary(g, k, b))
            consider(g, i, k, k - i == 2 ? e->logp + TWO_CHAR_BONUS : e->logp, K_WORD);
        if (k >= b)
            break;
        e = dict_next_deep(t, e, (uint32_t)g.f[k]);
    }
}

/* Best path over [a, b): fills best/next/kind at atom starts. */
static void best_path(seg_ctx *sc, size_t a, size_t b)
{
    /* a copy: the byte stores to kind could otherwise change the trie's
     * fields for the compiler, which would load them again at every step */
    const dict_trie tc = *dict_base(sc->d), *t = &tc;
    const float minp = dict_min_logp(sc->d);
    const double num_logp = minp + log(NUM_FREQ);
    const uint8_t *cls = sc->cls;
    const struct seg_root *root = sc->root;
    const graph g = {sc->step, sc->aend, sc->num, sc->f};
    g.s[b].best = 0;
    for (size_t i = b; i-- > a;) {
        size_t j = (size_t)g.aend[i];
        if (!j)
            continue; /* inside an atom */
        uint32_t c = (uint32_t)g.f[i];
        const dict_edge *up;
        int numeral; /* number edges may start here */
        /* the atom, the first edge from i, is the best so far */
        if (c - 0x4E00u < 0x5200u && j == i + 1) { /* most atoms: from the table */
            const struct seg_root *r = &root[c - 0x4E00u];
            g.s[i] = (struct seg_step){r->w + g.s[j].best, (int32_t)j, K_ATOM};
            up = r->up;
            numeral = r->numeral;
        } else {
            int han = cls[i] == C_HAN;
            /* a Han atom is a Chinese number when longer than one character */
            const dict_edge *e = dict_root(t, c);
            int word = e && e->logp != DICT_NOT_WORD;
            double w = han && j > i + 1 ? num_logp : han && word ? e->logp : minp;
            g.s[i] = (struct seg_step){w + g.s[j].best, (int32_t)j, K_ATOM};
            if (!han && word && g_boundary(g, i + 1, b))
                consider(g, i, i + 1, e->logp, K_WORD); /* a one-character word */
            up = e && e->count ? e : NULL;
            numeral = han;
        }
        word_edges(g, t, up, i, b);
        if (numeral)
            number_edges(g, i, a, b, num_logp);
    }
}

/* ---- unknown words: BMES HMM over runs of single characters ---- */

/* Does [s, e) hold a character that is common as a word on its own (的, 了,
 * 是, 这, 一 ...)? Such characters rarely begin or end a new word, and HMM
 * words made with them are mostly two words glued together. */
static int has_function_char(const seg_ctx *sc, size_t s, size_t e)
{
    const dict_trie *t = dict_base(sc->d);
    for (size_t i = s; i < e; i++) {
        uint32_t c = (uint32_t)sc->f[i];
        if (c - 0x4E00u < 0x5200u) {
            if (sc->root[c - 0x4E00u].function)
                return 1;
            continue;
        }
        const dict_edge *w = dict_root(t, c);
        if (w && w->logp != DICT_NOT_WORD && w->logp > FUNCTION_CHAR_LOGP)
            return 1;
    }
    return 0;
}

/* One Viterbi step: the scores v[4] of a character from prev[4], the
 * previous one's, and em, its emission row. Only the best scores: the back
 * pointers are found again along the best path alone (hmm_prev), and
 * without them the step is a few max operations. */
static inline void hmm_step(const double *prev, const double *trans, const float *em, double *v)
{
    double best[4];
    for (int y = 0; y < 4; y++)
        best[y] = prev[0] + trans[y];
    for (int x = 1; x < 4; x++)
        for (int y = 0; y < 4; y++) {
            double c = prev[x] + trans[x * 4 + y];
            best[y] = c > best[y] ? c : best[y];
        }
    for (int y = 0; y < 4; y++)
        v[y] = best[y] + em[y];
}

/* The state before state y on the best path, given prev[4], the scores of
 * the character before: the first x with the best prev[x] + trans[x][y],
 * as the forward step chose it. */
static int hmm_prev(const double *prev, const double *trans, int y)
{
    double best = prev[0] + trans[y];
    int arg = 0;
    for (int x = 1; x < 4; x++) {
        double c = prev[x] + trans[x * 4 + y];
        if (c > best)
            best = c, arg = x;
    }
    return arg;
}

/* The emission row of cp; a row of HMM_NONE when the HMM never saw it. */
static inline const float *hmm_emit(const seg_ctx *sc, int32_t cp)
{
    if ((uint32_t)cp - 0x4E00u < 0x5200u)
        return sc->emit_han[cp - 0x4E00];
    const float *em = dict_hmm_emit(sc->d, cp);
    return em ? em : hmm_unseen;
}

static void hmm_cut(seg_ctx *sc, size_t s, size_t e)
{
    const double *trans = sc->hmm_trans;
    double *v = sc->hv;
    size_t n = e - s;
    const float *em = hmm_emit(sc, sc->f[s]);
    for (int y = 0; y < 4; y++)
        v[y] = sc->hmm_start[y] + em[y];
    for (size_t t = 1; t < n; t++)
        hmm_step(v + (t - 1) * 4, trans, hmm_emit(sc, sc->f[s + t]), v + t * 4);
    /* the last character ends a word (E or S); walk the best path back */
    int y = v[(n - 1) * 4 + HMM_E] >= v[(n - 1) * 4 + HMM_S] ? HMM_E : HMM_S;
    for (size_t t = n; t-- > 0;) {
        sc->step[s + t].kind = (uint8_t)y; /* reused as the tag array */
        if (t)
            y = hmm_prev(v + (t - 1) * 4, trans, y);
    }
    size_t begin = s;
    for (size_t t = 0; t < n; t++) {
        int tag = sc->step[s + t].kind;
        if (tag == HMM_B)
            begin = s + t;
        if (tag == HMM_E || tag == HMM_S || t == n - 1) {
            size_t from = tag == HMM_S ? s + t : begin;
            size_t to = s + t + 1;
            int whole = to - from == 1 || !has_function_char(sc, from, to);
            if (whole)
                push_tok(sc, from, to, TOK_HAN);
            else
                for (size_t q = from; q < to; q++)
                    push_tok(sc, q, q + 1, TOK_HAN);
            begin = s + t + 1;
        }
    }
}

/* Is [s, e), two characters or more, a dictionary word? dict_lookup, with
 * the root edge of a character of the CJK block from the table (most runs
 * start no longer word, which it tells without a call). */
static int run_is_word(const seg_ctx *sc, size_t s, size_t e)
{
    const int32_t *f = sc->f;
    uint32_t c = (uint32_t)f[s];
    if (c - 0x4E00u >= 0x5200u)
        return dict_lookup(sc->d, f + s, e - s) != DICT_NOT_WORD;
    const dict_edge *w = sc->root[c - 0x4E00u].up;
    const dict_trie *t = dict_base(sc->d);
    if (!w || !dict_pair_maybe(t, c, (uint32_t)f[s + 1]))
        return 0;
    w = dict_second(t, w, c, (uint32_t)f[s + 1]);
    for (size_t i = s + 2; w && i < e; i++)
        w = dict_next_deep(t, w, (uint32_t)f[i]);
    return w && w->logp != DICT_NOT_WORD;
}

/* A run of single characters [s, e) left by the best path: one character
 * stays; a run that is itself a dictionary word is split into characters
 * (the path preferred that); otherwise the HMM decides. */
static void flush_singles(seg_ctx *sc, size_t s, size_t e)
{
    if (e - s == 1) {
        push_tok(sc, s, e, TOK_HAN);
    } else if (run_is_word(sc, s, e)) {
        for (size_t i = s; i < e; i++)
            push_tok(sc, i, i + 1, TOK_HAN);
    } else {
        hmm_cut(sc, s, e);
    }
}

/* Segment [a, b) (no user word inside) and append its tokens. */
static void cut_range(seg_ctx *sc, size_t a, size_t b)
{
    if (a == b)
        return;
    best_path(sc, a, b);
    size_t run = a, i = a;
    int in_run = 0;
    while (i < b) {
        size_t j = (size_t)sc->step[i].next;
        int kind = sc->step[i].kind;
        if (kind == K_ATOM && sc->cls[i] == C_HAN && j == i + 1) {
            if (!in_run)
                run = i, in_run = 1;
            i = j;
            continue;
        }
        if (in_run) {
            flush_singles(sc, run, i);
            in_run = 0;
        }
        seg_tok_type t = kind == K_ATOM ? (seg_tok_type)sc->atype[i] : span_type(sc, i, j, kind);
        push_tok(sc, i, j, t);
        i = j;
    }
    if (in_run)
        flush_singles(sc, run, b);
}

/* A chunk between white space: fix user words (longest match at each atom
 * start), segment the stretches between them. */
static void cut_chunk(seg_ctx *sc, size_t s, size_t e)
{
    make_atoms(sc, s, e);
    const dict_trie *u = dict_user(sc->d);
    if (!u) {
        cut_range(sc, s, e);
        return;
    }
    size_t from = s;
    for (size_t i = s; i < e;) {
        size_t best = 0;
        const dict_edge *w = dict_root(u, (uint32_t)sc->f[i]);
        for (size_t k = i; w; ) {
            if (w->logp != DICT_NOT_WORD && boundary(sc, k + 1, e))
                best = k + 1;
            if (++k >= e)
                break;
            w = dict_next(u, w, (uint32_t)sc->f[k]);
        }
        if (!best) {
            i = (size_t)sc->aend[i];
            continue;
        }
        cut_range(sc, from, i);
        push_tok(sc, i, best, span_type(sc, i, best, K_WORD));
        i = from = best;
    }
    cut_range(sc, from, e);
}

/* ---- normalised forms ---- */

static qs_rc norm_reserve(seg_ctx *sc, size_t need, qs_err *err)
{
    if (need <= sc->norm_cap)
        return QS_OK;
    size_t cap = sc->norm_cap ? sc->norm_cap : 1024;
    while (cap < need)
        cap *= 2;
    char *p = realloc(sc->normbuf, cap);
    if (!p)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    sc->normbuf = p;
    sc->norm_cap = cap;
    return QS_OK;
}

/* Is t a Latin word of ASCII letters, whose norm is its stem? (Its folded
 * code points: dict_fold_basic leaves no ASCII capitals.) */
static int stemmed(const seg_token *t, const int32_t *f)
{
    if (t->type != TOK_LATIN)
        return 0;
    for (int32_t i = t->start; i < t->end; i++)
        if (f[i] < 'a' || f[i] > 'z')
            return 0;
    return 1;
}

/* Point every norm into normbuf again after it moved: the folded text's,
 * or the stem's, written after the text in token order. */
static void renorm(seg_ctx *sc)
{
    const uint32_t *fbyte = sc->fbyte;
    size_t at = fbyte[sc->n];
    for (size_t k = 0; k < sc->n_toks; k++) {
        seg_token *t = &sc->toks[k];
        if (stemmed(t, sc->f)) {
            t->norm = sc->normbuf + at;
            at += t->norm_len;
        } else {
            t->norm = sc->normbuf + fbyte[t->start];
        }
    }
}

/* The normalised form of every token: its folded text, lower case; Latin
 * words also stemmed. Tokens cover the text in order, so the folded text,
 * encoded once, whole, by the decoder, holds each norm, and push_tok points
 * there; only a stem, which may differ from its word, is written apart,
 * after the text. */
static qs_rc make_norms(seg_ctx *sc, qs_err *err)
{
    if (!sc->latin)
        return QS_OK; /* no word to stem */
    const uint32_t *fbyte = sc->fbyte;
    seg_token *toks = sc->toks;
    size_t len = sc->norm_len;
    int moved = 0; /* normbuf reallocated: the norms point into the old one */
    for (size_t k = 0, n = sc->n_toks; k < n; k++) {
        seg_token *t = &toks[k];
        if (!stemmed(t, sc->f))
            continue;
        const char *st;
        size_t stl;
        /* the word from normbuf, which an earlier stem may have moved */
        qs_rc rc = stem_word(sc->stem, sc->normbuf + fbyte[t->start], t->norm_len, &st, &stl, err);
        const char *buf = sc->normbuf;
        if (rc == QS_OK)
            rc = norm_reserve(sc, len + stl + 1, err);
        if (rc != QS_OK)
            return rc;
        moved |= sc->normbuf != buf;
        memcpy(sc->normbuf + len, st, stl);
        t->norm = sc->normbuf + len;
        t->norm_len = stl;
        len += stl;
    }
    sc->norm_len = len;
    if (moved)
        renorm(sc);
    return QS_OK;
}

/* Cut the decoded text sc->f[0..sc->n) into tokens. */
static qs_rc cut_all(seg_ctx *sc, const seg_token **toks, size_t *n, qs_err *err)
{
    size_t m = sc->n;
    for (size_t i = 0; i < m;) {
        if (sc->cls[i] == C_SPACE) {
            i++;
            continue;
        }
        /* the chunk runs to the next white space (cls is one byte a code point) */
        const uint8_t *sp = memchr(sc->cls + i + 1, C_SPACE, m - i - 1);
        size_t j = sp ? (size_t)(sp - sc->cls) : m;
        cut_chunk(sc, i, j);
        i = j;
    }
    qs_rc rc = make_norms(sc, err);
    if (rc != QS_OK)
        return rc;
    *toks = sc->toks;
    *n = sc->n_toks;
    return QS_OK;
}

/* ---- entry point ---- */

/* The per-code-point arrays the decoders fill, copied out of seg_ctx and
 * passed by value: byte stores could otherwise change seg_ctx for the
 * compiler, which would load every pointer again after each. */
typedef struct cp_out {
    uint32_t *boff, *fbyte;
    int32_t *f;
    uint8_t *cls;
    int8_t *num;
    char *buf;
} cp_out;

/* Room for the decoded text of up to n code points; the arrays as cp_out. */
static qs_rc decode_reserve(seg_ctx *sc, size_t n, cp_out *o, qs_err *err)
{
    qs_rc rc = reserve(sc, n, err);
    /* a folded code point takes at most four bytes */
    if (rc == QS_OK)
        rc = norm_reserve(sc, 4 * n + 1, err);
    *o = (cp_out){sc->boff, sc->fbyte, sc->f, sc->cls, sc->num, sc->normbuf};
    return rc;
}

/* Store code point m, at byte off of the text, and append its fold to the
 * folded text (byte len); returns the folded text's new length. */
static inline size_t put_cp(cp_out o, size_t m, size_t off, const struct seg_fold *fo, size_t len)
{
    o.boff[m] = (uint32_t)off;
    o.f[m] = fo->fold;
    o.cls[m] = fo->cls;
    o.num[m] = fo->num;
    o.fbyte[m] = (uint32_t)len;
    memcpy(o.buf + len, fo->u8, 4); /* all four bytes: one store, and there is room */
    return len + fo->u8len;
}

/* The fold of c outside the main CJK block, through the memo. */
static inline const struct seg_fold *other_fold(seg_ctx *sc, int32_t c)
{
    struct seg_memo *me = &sc->memo[(uint32_t)c & (SEG_MEMO - 1)];
    if (me->cp != c)
        *me = (struct seg_memo){c, fold_info(fold_cp(sc, c))};
    return &me->fo;
}

/* The decoded text's last entries, then its cut. */
static qs_rc finish_decode(seg_ctx *sc, cp_out o, size_t m, size_t len, size_t flen,
                           const seg_token **toks, size_t *n, qs_err *err)
{
    o.boff[m] = (uint32_t)len;
    o.fbyte[m] = (uint32_t)flen;
    sc->n = m;
    sc->norm_len = flen;
    return cut_all(sc, toks, n, err);
}

qs_rc seg_run(seg_ctx *sc, const char *utf8, size_t len, const seg_token **toks, size_t *n,
              qs_err *err)
{
    *toks = NULL;
    *n = 0;
    sc->n_toks = 0;
    sc->latin = 0;
    sc->n = 0;
    if (len > (size_t)INT32_MAX)
        return qs_fail(err, QS_EINVAL, "text too long (%zu bytes)", len);
    cp_out o;
    qs_rc rc = decode_reserve(sc, len, &o, err);
    if (rc != QS_OK)
        return rc;
    const unsigned char *s = (const unsigned char *)utf8;
    size_t m = 0, flen = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        /* the main CJK block (three bytes, lead E4..E9) from the tables */
        if (s[i] - 0xE4u < 6u && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80 &&
            (cp = (int32_t)(s[i] & 0x0F) << 12 | (int32_t)(s[i + 1] & 0x3F) << 6 |
                  (s[i + 2] & 0x3F)) - 0x4E00u < 0x5200u) {
            flen = put_cp(o, m++, i, &sc->han[cp - 0x4E00], flen);
            i += 3;
            continue;
        }
        size_t k = dict_utf8_next(s + i, len - i, &cp);
        if (k == 0)
            return qs_fail(err, QS_EINVAL, "invalid UTF-8 at byte %zu", i);
        flen = put_cp(o, m++, i, other_fold(sc, cp), flen);
        i += k;
    }
    return finish_decode(sc, o, m, len, flen, toks, n, err);
}

qs_rc seg_run_cp(seg_ctx *sc, const char *utf8, size_t len, const int32_t *cp, size_t n_cp,
                 const seg_token **toks, size_t *n, qs_err *err)
{
    *toks = NULL;
    *n = 0;
    sc->n_toks = 0;
    sc->latin = 0;
    sc->n = 0;
    if (len > (size_t)INT32_MAX)
        return qs_fail(err, QS_EINVAL, "text too long (%zu bytes)", len);
    if (n_cp > len)
        return qs_fail(err, QS_EINVAL, "more code points than bytes");
    cp_out o;
    qs_rc rc = decode_reserve(sc, n_cp, &o, err);
    if (rc != QS_OK)
        return rc;
    (void)utf8; /* the tokens' bytes are found through seg_byte_offset */
    size_t off = 0, flen = 0;
    const struct seg_fold *han = sc->han;
    for (size_t m = 0; m < n_cp; m++) {
        /* a run of the main CJK block from the tables, in a loop of its own
         * that keeps the arrays in registers (no calls inside) */
        for (; m < n_cp && (uint32_t)cp[m] - 0x4E00u < 0x5200u; m++, off += 3)
            flen = put_cp(o, m, off, &han[cp[m] - 0x4E00], flen);
        if (m == n_cp)
            break;
        int32_t c = cp[m];
        flen = put_cp(o, m, off, other_fold(sc, c), flen);
        /* valid UTF-8: the code point tells its length */
        off += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    if (off != len)
        return qs_fail(err, QS_EINVAL, "code points do not match the text");
    return finish_decode(sc, o, n_cp, len, flen, toks, n, err);
}
