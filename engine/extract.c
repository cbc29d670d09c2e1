/* extract.c: one record on its own (see extract.h): normalise, segment,
 * find business mentions, choose the merchant, its key and sector, and
 * classify the issue and tags. */
#include "extract.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "classify.h"
#include "clsfeat.h"
#include "dict.h"
#include "event.h"
#include "merchant.h"
#include "ctag.h"
#include "mspan.h"
#include "mtable.h"
#include "normalize.h"
#include "paths.h"
#include "sector.h"
#include "segment.h"

#define NAME_CAP 1024
#define KEY_CAP 256

struct ex_ctx {
    norm_ctx *norm;
    seg_dict *dict;
    seg_ctx *seg;
    merch_lex *lex;
    merch_ctx *merch;
    mtable *seen;      /* businesses seen by the stream, made on first use */
    double horizon_days; /* how long the stream remembers a quiet business */
    int stream_keys;     /* `run`: alone_key too (ex_options) */
    sector_ctx *sector;
    cls_model *cls;
    uint8_t *bounds;      /* token boundaries over normalised code points */
    size_t bounds_cap;
    ex_mention *mentions;
    char *names;          /* NAME_CAP bytes per mention */
    size_t m_cap;
    char merchant_name[NAME_CAP];
    char merchant_key[KEY_CAP];
    char standalone_key[KEY_CAP];
    char alone_key[KEY_CAP];
    char renamed_key[KEY_CAP]; /* the merchant's other name's key (A改名叫B) */
    char op_key[KEY_CAP]; /* key of the last record's operator field */
    int has_op_key;
    mspan_model *span; /* bare trade names, or NULL */
    ctag_model *tagger; /* the character tagger of names, or NULL */
    void (*text_sink)(void *, const mspan_text *, const int32_t *);
    void *text_arg;
    void (*span_sink)(void *, int32_t, int32_t, const mspan_cand *);
    void *span_arg;
    const int32_t *span_map; /* normalised to original code points, during ex_run */
    void (*sector_sink)(void *, const clf_text *, const seg_token *, size_t);
    void *sector_arg;
};

/* The merchant finder's fold: the normaliser's, and Cantonese particles
 * and pronouns read as their Mandarin counterparts, which its rules are
 * written in (家乐多嘅鸡蛋 as 家乐多的鸡蛋, 我喺朱槿路修 as 我在朱槿路修, 佢 as
 * 他, 乜嘢 as 什么). One code point for one, so offsets stay. */
static int32_t fold_norm(const void *arg, int32_t cp)
{
    int32_t y = norm_yue_cp(cp, NORM_YUE_COMMON | NORM_YUE_QUESTION);
    return y != cp ? y : norm_fold_cp(arg, cp);
}

static float word_logp(const void *arg, const int32_t *cp, size_t n)
{
    return dict_lookup(arg, cp, n);
}

/* The file of a model: the one given, or rel found with paths_find; a
 * model not found names where it was looked for and the recipe that makes
 * it (sh models/RECIPE.sh). */
static qs_rc model_path(const char *given, const char *rel, const char *what, const char *recipe, char *path,
                        size_t cap, qs_err *err)
{
    if (given) {
        snprintf(path, cap, "%s", given);
        return QS_OK;
    }
    if (paths_find(rel, path, cap) != 0)
        return qs_fail(err, QS_EDATA, "%s not found (tried %s); run sh models/%s.sh", what, path, recipe);
    return QS_OK;
}

ex_ctx *ex_new(const ex_options *opt, qs_err *err)
{
    ex_ctx *ex = calloc(1, sizeof *ex);
    if (!ex) {
        qs_fail(err, QS_ENOMEM, "out of memory");
        return NULL;
    }
    ex->horizon_days = opt && opt->merchant_horizon_days > 0 ? opt->merchant_horizon_days : EX_MERCHANT_HORIZON_DAYS;
    ex->stream_keys = opt && opt->stream_keys;
    char path[1024];
    if (!(ex->norm = norm_new(err)))
        goto fail;
    if (paths_find("data/dict.bin", path, sizeof path) != 0) {
        qs_fail(err, QS_EDATA, "dictionary not found (tried %s); run make", path);
        goto fail;
    }
    if (!(ex->dict = seg_dict_load(path, err)))
        goto fail;
    if (opt && opt->user_dict_path && seg_dict_add_user(ex->dict, opt->user_dict_path, err) != QS_OK)
        goto fail;
    if (!(ex->seg = seg_new(ex->dict, ex->norm, err)))
        goto fail;
    if (!(ex->lex = merch_lex_load_folded(opt ? opt->merchants_path : NULL, fold_norm, ex->norm, err)))
        goto fail;
    if (!(ex->merch = merch_new(ex->lex, err)))
        goto fail;
    merch_set_fold(ex->merch, fold_norm, ex->norm);
    merch_set_word_logp(ex->merch, word_logp, ex->dict);
    if (!(opt && opt->no_span_model)) {
        if (model_path(opt ? opt->span_model_path : NULL, "models/mspan.model", "span model", "mspan", path,
                       sizeof path, err) != QS_OK ||
            !(ex->span = mspan_load(path, err)))
            goto fail;
        merch_set_span_model(ex->merch, ex->span);
    }
    if (!(opt && (opt->no_span_model || opt->no_tagger))) {
        if (model_path(opt ? opt->tagger_path : NULL, "models/ctag.model", "name tagger", "ctag", path, sizeof path,
                       err) != QS_OK ||
            !(ex->tagger = ctag_load(path, err)))
            goto fail;
        merch_set_tagger(ex->merch, ex->tagger);
    }
    if (!(ex->sector = sector_new(err)))
        goto fail;
    if (!(opt && opt->no_sector_model)) {
        if (model_path(opt ? opt->sector_model_path : NULL, "models/sector.model", "sector model", "sector", path,
                       sizeof path, err) != QS_OK ||
            sector_load_model(ex->sector, path, err) != QS_OK)
            goto fail;
    }
    ex->cls = opt && opt->model_path ? cls_load(opt->model_path, err) : cls_load_default(err);
    if (!ex->cls)
        goto fail;
    return ex;
fail:
    ex_free(ex);
    return NULL;
}

void ex_free(ex_ctx *ex)
{
    if (!ex)
        return;
    cls_free(ex->cls);
    sector_free(ex->sector);
    merch_free(ex->merch);
    mspan_free(ex->span);
    ctag_free(ex->tagger);
    mt_free(ex->seen);
    merch_lex_free(ex->lex);
    seg_free(ex->seg);
    seg_dict_free(ex->dict);
    norm_free(ex->norm);
    free(ex->bounds);
    free(ex->mentions);
    free(ex->names);
    free(ex);
}

static void span_to_original(void *arg, const mspan_cand *c)
{
    ex_ctx *ex = arg;
    ex->span_sink(ex->span_arg, ex->span_map[c->s], ex->span_map[c->e], c);
}

void ex_set_span_sink(ex_ctx *ex, void (*sink)(void *arg, int32_t s, int32_t e, const mspan_cand *c), void *arg)
{
    ex->span_sink = sink;
    ex->span_arg = arg;
    merch_set_span_sink(ex->merch, sink ? span_to_original : NULL, ex);
}

static void text_to_sink(void *arg, const mspan_text *t)
{
    ex_ctx *ex = arg;
    ex->text_sink(ex->text_arg, t, ex->span_map);
}

void ex_set_text_sink(ex_ctx *ex, void (*sink)(void *arg, const mspan_text *t, const int32_t *map), void *arg)
{
    ex->text_sink = sink;
    ex->text_arg = arg;
    merch_set_text_sink(ex->merch, sink ? text_to_sink : NULL, ex);
}

void ex_set_sector_sink(ex_ctx *ex, void (*sink)(void *arg, const clf_text *t, const seg_token *toks, size_t n_toks),
                        void *arg)
{
    ex->sector_sink = sink;
    ex->sector_arg = arg;
}

/* Copy original code points [s, e) of text, the text last segmented by
 * seg, into out (cap bytes). */
static void copy_span(const char *text, const seg_ctx *seg, int32_t s, int32_t e, char *out, size_t cap)
{
    size_t a = seg_byte_offset(seg, s), b = seg_byte_offset(seg, e);
    if (b - a >= cap) /* cut on a code-point boundary */
        for (b = a + cap - 1; b > a && ((unsigned char)text[b] & 0xC0) == 0x80; b--)
            ;
    memcpy(out, text + a, b - a);
    out[b - a] = '\0';
}

/* Where a span of code points [s, e) of the text ends without the white
 * space at its end: a name ending where the normalised text ended runs
 * over the spaces normalising dropped (淘宝 at a text's end before a space). */
static int32_t span_end_unspaced(const char *text, const seg_ctx *seg, int32_t s, int32_t e)
{
    while (e > s + 1) {
        const unsigned char *c = (const unsigned char *)text + seg_byte_offset(seg, e - 1);
        if (!(*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || (c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x80)))
            break;
        e--;
    }
    return e;
}

/* 网店 or 店铺 at cp[at..n), or NULL */
static const char *online_word_at(const int32_t *cp, size_t n, size_t at)
{
    if (at + 2 > n)
        return NULL;
    if (cp[at] == 0x7F51 /* 网 */ && cp[at + 1] == 0x5E97 /* 店 */)
        return "网店";
    if (cp[at] == 0x5E97 /* 店 */ && cp[at + 1] == 0x94FA /* 铺 */)
        return "店铺";
    return NULL;
}

qs_rc ex_run(ex_ctx *ex, const qs_record *rec, ex_result *out, qs_err *err)
{
    memset(out, 0, sizeof *out);
    ex->has_op_key = 0;
    const char *text = rec->text ? rec->text : "";
    size_t len = strlen(text);
    norm_text nt;
    qs_rc rc = norm_run(ex->norm, text, len, &nt, err);
    if (rc != QS_OK)
        return rc;
    size_t n_orig = (size_t)nt.map[nt.n_cp];
    /* token boundaries, moved onto the normalised code points */
    const seg_token *toks;
    size_t n_toks;
    size_t n_src;
    const int32_t *src = norm_source(ex->norm, &n_src);
    rc = seg_run_cp(ex->seg, text, len, src, n_src, &toks, &n_toks, err);
    if (rc != QS_OK)
        return rc;
    if (buf_grow((void **)&ex->bounds, &ex->bounds_cap, nt.n_cp + n_orig + 2, 1) != 0)
        return qs_fail(err, QS_ENOMEM, "out of memory extracting");
    uint8_t *ob = ex->bounds + nt.n_cp + 1; /* boundaries over original code points */
    memset(ob, 0, n_orig + 1);
    ob[0] = ob[n_orig] = 1;
    for (size_t t = 0; t < n_toks; t++) {
        ob[toks[t].start] = 1;
        ob[toks[t].end] = 1;
    }
    uint8_t *bounds = ex->bounds; /* locals: the byte stores cannot change them */
    const int32_t *map = nt.map;
    for (size_t j = 0, prev = (size_t)-1, n_cp = nt.n_cp; j < n_cp; j++) {
        size_t at = (size_t)map[j];
        bounds[j] = (uint8_t)(ob[at] & (at != prev));
        prev = at;
    }
    ex->bounds[nt.n_cp] = 1;
    const merch_mention *ms;
    size_t nm;
    ex->span_map = nt.map;
    rc = merch_find(ex->merch, nt.cp, nt.n_cp, ex->bounds, &ms, &nm, err);
    if (rc != QS_OK)
        return rc;
    if (nm > ex->m_cap) {
        ex_mention *p = realloc(ex->mentions, nm * sizeof *p);
        if (p)
            ex->mentions = p;
        char *q = realloc(ex->names, nm * NAME_CAP);
        if (q)
            ex->names = q;
        if (!p || !q)
            return qs_fail(err, QS_ENOMEM, "out of memory extracting");
        ex->m_cap = nm;
    }
    for (size_t j = 0; j < nm; j++) {
        int32_t s = nt.map[ms[j].start], e = span_end_unspaced(text, ex->seg, s, nt.map[ms[j].end]);
        char *name = ex->names + j * NAME_CAP;
        copy_span(text, ex->seg, s, e, name, NAME_CAP);
        ex->mentions[j] = (ex_mention){name, s, e};
    }
    out->mentions = ex->mentions;
    out->n_mentions = nm;
    /* the merchant: from the text; else the operator's field */
    int pick = merch_choose(ms, nm);
    tax_sector from_name = SECTOR_OTHER;
    int name_known = 0;
    int32_t name_start = -1, name_end = -1;
    if (pick >= 0) {
        name_start = ms[pick].start;
        name_known = ms[pick].kind == MERCH_BRAND || ms[pick].kind == MERCH_PLATFORM;
        name_end = ms[pick].end;
        snprintf(ex->merchant_name, sizeof ex->merchant_name, "%s", ex->mentions[pick].name);
        snprintf(ex->merchant_key, sizeof ex->merchant_key, "%s", ms[pick].key);
        from_name = ms[pick].sector;
        out->merchant_conf = ms[pick].conf;
        out->has_merchant = 1;
        for (size_t j = (size_t)pick + 1; j < nm && !out->renamed_key; j++)
            if (merch_rename_root(ms, j) == (size_t)pick && strcmp(ms[j].key, ms[pick].key) != 0) {
                snprintf(ex->renamed_key, sizeof ex->renamed_key, "%s", ms[j].key);
                out->renamed_key = ex->renamed_key;
            }
    } else if (rec->merchant && rec->merchant[0]) {
        qs_err kerr;
        if (merch_key_of(ex->merch, rec->merchant, strlen(rec->merchant), ex->merchant_key,
                         sizeof ex->merchant_key, &from_name, &kerr) == QS_OK) {
            snprintf(ex->merchant_name, sizeof ex->merchant_name, "%s", rec->merchant);
            memcpy(ex->op_key, ex->merchant_key, sizeof ex->op_key);
            ex->has_op_key = 1;
            out->merchant_conf = 0.5;
            out->has_merchant = 1;
        }
    }
    /* the normalised text as the sector model sees it (read only) */
    clf_text st = {(int32_t *)nt.cp, nt.n_cp, (char *)nt.s, nt.len};
    if (ex->sector_sink)
        ex->sector_sink(ex->sector_arg, &st, toks, n_toks);
    if (out->has_merchant) {
        /* the operator's field naming the same business confirms the choice */
        if (pick >= 0 && rec->merchant && rec->merchant[0]) {
            qs_err kerr;
            ex->has_op_key = merch_key_of(ex->merch, rec->merchant, strlen(rec->merchant), ex->op_key,
                                          sizeof ex->op_key, NULL, &kerr) == QS_OK;
            size_t ol = ex->has_op_key ? strlen(ex->op_key) : 0;
            /* the field names the host of the live-stream room (东北老妹) */
            if (ex->has_op_key && (strcmp(ex->op_key, ex->merchant_key) == 0 ||
                                   (strncmp(ex->op_key, ex->merchant_key, ol) == 0 &&
                                    strcmp(ex->merchant_key + ol, "直播间") == 0)))
                out->merchant_conf = out->merchant_conf + (1 - out->merchant_conf) * 0.5;
        }
        double sconf;
        out->sector = sector_decide_text(ex->sector, from_name, name_known, name_start, name_end, &st, toks, n_toks, &sconf);
        /* the key of the record on its own (`extract`); `run` resolves
         * merchant_key against its stream instead */
        /* the operator's field (pick < 0) names a business as written, often by its 字号 alone */
        int bare = pick < 0 || ms[pick].kind == MERCH_NAME || ms[pick].kind == MERCH_CUE;
        /* the text's trade word, for a sector without a key word of its
         * own: the first of its cue words that names a trade (婚礼跟拍:
         * 跟拍, 摄影) */
        size_t n_trade = 0, at = 0;
        if (bare && !merch_sector_has_keyword(ex->merch, out->sector))
            for (size_t from = 0; from < nt.n_cp; from = at + n_trade) {
                at = from + sector_cue(ex->sector, out->sector, nt.cp + from, nt.n_cp - from, &n_trade);
                if (!n_trade || merch_cue_names_trade(ex->merch, out->sector, nt.cp + at, n_trade))
                    break;
            }
        /* and in a sector with a key word, a trade of its own the text
         * names (瘦脸针: 医美) */
        else if (bare)
            at = merch_trade_cue(ex->merch, out->sector, nt.cp, nt.n_cp, pick >= 0 ? (size_t)ms[pick].end : nt.n_cp,
                                 &n_trade);
        /* an online shop named without its 网店 or 店铺 (润新网店 → 润新)
         * keeps the key of the name with them, so that it joins no other
         * 润新 of a stream */
        char key_name[NAME_CAP + 8];
        const char *online = pick >= 0 ? online_word_at(nt.cp, nt.n_cp, (size_t)ms[pick].end) : NULL;
        snprintf(key_name, sizeof key_name, "%s%s", ex->merchant_name, online ? online : "");
        if (merch_key_standalone_trade(ex->merch, key_name, strlen(key_name), ex->merchant_key, bare, out->sector,
                                       nt.cp + at, n_trade, ex->standalone_key, sizeof ex->standalone_key,
                                       err) != QS_OK)
            return err ? err->rc : QS_EINVAL;
        /* an imitation keyed as its model (蜜雪冰诚 sounds as 蜜雪冰城) keeps
         * the key that sets it apart */
        for (size_t j = 0; pick >= 0 && ms[pick].copy == 2 && j < nm; j++) {
            char model[KEY_CAP];
            const char *mn = ex->mentions[j].name;
            if (ms[j].copy == 1 &&
                merch_key_standalone_trade(ex->merch, mn, strlen(mn), ms[j].key, 0, out->sector, NULL, 0, model,
                                           sizeof model, err) == QS_OK &&
                strcmp(model, ex->standalone_key) == 0) {
                memcpy(ex->standalone_key, ex->merchant_key, sizeof ex->standalone_key);
                break;
            }
        }
        /* 老炉投烧烤 beside 老炉头烧烤 in a text that says one copies the
         * other: two businesses, though their 字号 sound alike, and the one
         * the complaint is about keeps its 字号 as written */
        int apart = 0;
        if (pick >= 0 && ms[pick].copy != 2 && nm > 1 && merch_copy_told(ex->merch)) {
            const char *pn = ex->mentions[pick].name;
            char ps[KEY_CAP], pw[KEY_CAP];
            qs_err kerr;
            int ok = merch_key_standalone_trade(ex->merch, pn, strlen(pn), ms[pick].key, 0, out->sector, NULL, 0, ps,
                                                sizeof ps, &kerr) == QS_OK &&
                     merch_key_standalone_written(ex->merch, pn, strlen(pn), ms[pick].key, 0, out->sector, NULL, 0, pw,
                                                  sizeof pw, &kerr) == QS_OK;
            for (size_t j = 0; ok && j < nm && !apart; j++) {
                const char *jn = ex->mentions[j].name;
                char js[KEY_CAP], jw[KEY_CAP];
                apart = j != (size_t)pick &&
                        merch_key_standalone_trade(ex->merch, jn, strlen(jn), ms[j].key, 0, out->sector, NULL, 0, js,
                                                   sizeof js, &kerr) == QS_OK &&
                        merch_key_standalone_written(ex->merch, jn, strlen(jn), ms[j].key, 0, out->sector, NULL, 0,
                                                     jw, sizeof jw, &kerr) == QS_OK &&
                        strcmp(ps, js) == 0 && strcmp(pw, jw) != 0;
            }
        }
        if (apart && merch_key_standalone_written(ex->merch, key_name, strlen(key_name), ex->merchant_key, bare,
                                                  out->sector, nt.cp + at, n_trade, ex->standalone_key,
                                                  sizeof ex->standalone_key, err) != QS_OK)
            return err ? err->rc : QS_EINVAL;
        /* a live-stream room is its host: 琪琪的直播间 and 琪琪, named bare
         * where the text says nothing of a room, share one key */
        if (merch_ends_live(ex->standalone_key))
            ex->standalone_key[strlen(ex->standalone_key) - (sizeof MERCH_LIVE_WORD - 1)] = 0;
        out->standalone_key = ex->standalone_key;
        /* `run` joins the spellings of one business by this key: region,
         * trade word, shop word and organisation form aside, 字号 as
         * written (homophones stay apart, for the table to judge) */
        out->alone_key = NULL;
        if (ex->stream_keys) {
            if (merch_key_standalone_written(ex->merch, key_name, strlen(key_name), ex->merchant_key, bare,
                                             out->sector, nt.cp + at, n_trade, ex->alone_key, sizeof ex->alone_key,
                                             err) != QS_OK)
                return err ? err->rc : QS_EINVAL;
            out->alone_key = ex->alone_key;
        }
        out->merchant_name = ex->merchant_name;
        out->merchant_key = ex->merchant_key;
    } else {
        out->sector = SECTOR_OTHER;
        /* no business named, but maybe its trade (一家健身房): the sector
         * emerging issues count it toward */
        out->has_text_sector = sector_of_text(ex->sector, &st, toks, n_toks, &out->text_sector, NULL);
    }
    cls_result cr;
    /* normalised text is mostly folded already: its code points spare the
     * classifier a second decode and fold */
    rc = cls_predict_cp(ex->cls, nt.s, nt.len, nt.cp, nt.n_cp, toks, n_toks, &cr, err);
    if (rc != QS_OK)
        return rc;
    out->issue = cr.issue;
    out->issue_conf = cr.confidence;
    out->tags = cr.tags;
    out->norm_text = nt.s;
    out->norm_len = nt.len;
    return QS_OK;
}

cJSON *ex_complaint_event(const qs_record *rec, const ex_result *res, const char *duplicate_of,
                          int professional)
{
    cJSON *ev = cJSON_CreateObject();
    if (!ev)
        return NULL;
    int ok = cJSON_AddStringToObject(ev, "event", "complaint") != NULL;
    ok = ok && (rec->id ? cJSON_AddStringToObject(ev, "id", rec->id) : cJSON_AddNullToObject(ev, "id"));
    if (ok && res->has_merchant) {
        cJSON *m = cJSON_AddObjectToObject(ev, "merchant");
        ok = m && cJSON_AddStringToObject(m, "name", res->merchant_name) &&
             cJSON_AddStringToObject(m, "key", res->merchant_key) &&
             cJSON_AddStringToObject(m, "sector", tax_sector_code(res->sector)) &&
             cJSON_AddNumberToObject(m, "confidence", (double)(int)(res->merchant_conf * 100 + 0.5) / 100);
    } else if (ok) {
        ok = cJSON_AddNullToObject(ev, "merchant") &&
             (res->has_text_sector ? cJSON_AddStringToObject(ev, "text_sector", tax_sector_code(res->text_sector))
                                   : cJSON_AddNullToObject(ev, "text_sector"));
    }
    cJSON *issue = ok ? cJSON_AddObjectToObject(ev, "issue") : NULL;
    ok = issue && cJSON_AddStringToObject(issue, "code", tax_issue_code(res->issue));
    cJSON *tags = ok ? cJSON_AddArrayToObject(issue, "tags") : NULL;
    ok = tags != NULL;
    for (int t = 0; ok && t < TAG_N; t++)
        if (res->tags & TAG_BIT(t)) {
            cJSON *s = cJSON_CreateString(tax_tag_code((tax_tag)t));
            ok = s && cJSON_AddItemToArray(tags, s);
        }
    ok = ok && cJSON_AddNumberToObject(issue, "confidence", (double)(int)(res->issue_conf * 100 + 0.5) / 100);
    cJSON *ms = ok ? cJSON_AddArrayToObject(ev, "mentions") : NULL;
    ok = ms != NULL;
    for (size_t j = 0; ok && j < res->n_mentions; j++) {
        cJSON *m = cJSON_CreateObject();
        ok = m && cJSON_AddItemToArray(ms, m) && cJSON_AddStringToObject(m, "name", res->mentions[j].name) &&
             cJSON_AddNumberToObject(m, "start", res->mentions[j].start) &&
             cJSON_AddNumberToObject(m, "end", res->mentions[j].end);
    }
    ok = ok && (duplicate_of ? cJSON_AddStringToObject(ev, "duplicate_of", duplicate_of)
                             : cJSON_AddNullToObject(ev, "duplicate_of"));
    ok = ok && cJSON_AddBoolToObject(ev, "professional", professional);
    if (!ok) {
        cJSON_Delete(ev);
        return NULL;
    }
    return ev;
}

qs_rc ex_complaint_write(FILE *out, const qs_record *rec, const ex_result *res,
                         const char *duplicate_of, int professional, qs_err *err)
{
    /* the strings cJSON would refuse, refused before anything is written */
    int ok = tax_issue_code(res->issue) != NULL;
    if (res->has_merchant)
        ok = ok && res->merchant_name && res->merchant_key && tax_sector_code(res->sector);
    else if (res->has_text_sector)
        ok = ok && tax_sector_code(res->text_sector);
    for (int t = 0; ok && t < TAG_N; t++)
        ok = !(res->tags & TAG_BIT(t)) || tax_tag_code((tax_tag)t);
    for (size_t j = 0; ok && j < res->n_mentions; j++)
        ok = res->mentions[j].name != NULL;
    if (!ok)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    event_out eo;
    event_out_begin(&eo, out);
    event_out_raw(&eo, "{\"event\":\"complaint\",\"id\":");
    if (rec->id)
        event_out_string(&eo, rec->id);
    else
        event_out_raw(&eo, "null");
    event_out_raw(&eo, ",\"merchant\":");
    if (res->has_merchant) {
        event_out_raw(&eo, "{\"name\":");
        event_out_string(&eo, res->merchant_name);
        event_out_raw(&eo, ",\"key\":");
        event_out_string(&eo, res->merchant_key);
        event_out_raw(&eo, ",\"sector\":");
        event_out_string(&eo, tax_sector_code(res->sector));
        event_out_raw(&eo, ",\"confidence\":");
        event_out_number(&eo, (double)(int)(res->merchant_conf * 100 + 0.5) / 100);
        event_out_raw(&eo, "}");
    } else if (res->has_text_sector) {
        event_out_raw(&eo, "null,\"text_sector\":");
        event_out_string(&eo, tax_sector_code(res->text_sector));
    } else {
        event_out_raw(&eo, "null,\"text_sector\":null");
    }
    event_out_raw(&eo, ",\"issue\":{\"code\":");
    event_out_string(&eo, tax_issue_code(res->issue));
    event_out_raw(&eo, ",\"tags\":[");
    int first = 1;
    for (int t = 0; t < TAG_N; t++)
        if (res->tags & TAG_BIT(t)) {
            if (!first)
                event_out_raw(&eo, ",");
            first = 0;
            event_out_string(&eo, tax_tag_code((tax_tag)t));
        }
    event_out_raw(&eo, "],\"confidence\":");
    event_out_number(&eo, (double)(int)(res->issue_conf * 100 + 0.5) / 100);
    event_out_raw(&eo, "},\"mentions\":[");
    for (size_t j = 0; j < res->n_mentions; j++) {
        event_out_raw(&eo, j ? ",{\"name\":" : "{\"name\":");
        event_out_string(&eo, res->mentions[j].name);
        event_out_raw(&eo, ",\"start\":");
        event_out_number(&eo, res->mentions[j].start);
        event_out_raw(&eo, ",\"end\":");
        event_out_number(&eo, res->mentions[j].end);
        event_out_raw(&eo, "}");
    }
    event_out_raw(&eo, "],\"duplicate_of\":");
    if (duplicate_of)
        event_out_string(&eo, duplicate_of);
    else
        event_out_raw(&eo, "null");
    event_out_raw(&eo, professional ? ",\"professional\":true}" : ",\"professional\":false}");
    return event_out_end(&eo, err);
}

qs_rc ex_resolve_key(ex_ctx *ex, ex_result *out, qs_err *err)
{
    return ex_resolve_record(ex, NULL, out, err);
}

qs_rc ex_resolve_record(ex_ctx *ex, const qs_record *rec, ex_result *out, qs_err *err)
{
    if (!out->has_merchant || !out->merchant_key)
        return QS_OK;
    if (!ex->seen && !(ex->seen = mt_new(ex->lex, ex->horizon_days, err)))
        return err ? err->rc : QS_ENOMEM;
    /* the operator's field, keyed by ex_run, is evidence when it differs
     * from the text */
    const char *op_key = rec && ex->has_op_key ? ex->op_key : NULL;
    mt_query q = {out->merchant_key, out->merchant_name, op_key, out->sector, rec ? rec->t_ms : 0, out->alone_key};
    mt_answer a;
    int64_t t_ms = rec ? rec->t_ms : 0;
    /* a renamed business: its new name joins the one the stream knows, first
     * so that this record counts there too, then again in case neither was
     * known before this record */
    qs_rc rc = mt_alias(ex->seen, out->merchant_key, out->renamed_key, t_ms, err);
    if (rc == QS_OK)
        rc = mt_resolve(ex->seen, &q, &a, err);
    if (rc == QS_OK)
        rc = mt_alias(ex->seen, out->merchant_key, out->renamed_key, t_ms, err);
    if (rc != QS_OK)
        return rc;
    out->merchant_key = a.key;
    out->own_sector = out->sector;
    out->sector = a.sector;
    if (a.by_operator) {
        snprintf(ex->merchant_name, sizeof ex->merchant_name, "%s", rec->merchant);
        out->merchant_name = ex->merchant_name;
    }
    if (a.doubtful) {
        out->merchant_doubtful = 1;
        out->merchant_conf *= 0.5;
    }
    return QS_OK;
}

void ex_table_stats(const ex_ctx *ex, mt_stats *out)
{
    if (ex->seen)
        mt_get_stats(ex->seen, out);
    else
        memset(out, 0, sizeof *out);
}
