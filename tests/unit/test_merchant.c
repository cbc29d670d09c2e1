/* test_merchant.c: merchant keys given on their own, the registry, and the
 * stream merchant table (typo and trade-name resolution, businesses that
 * share an industry word kept apart). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "merchant.h"

static const char *key_of(merch_ctx *mc, const char *name, char *buf, size_t cap, tax_sector *sec)
{
    qs_err err;
    return merch_key_of(mc, name, strlen(name), buf, cap, sec, &err) == QS_OK ? buf : NULL;
}

/* The key `extract` gives a record naming `name` (a name, not a brand),
 * in a complaint about `sector`. */
static const char *alone(merch_ctx *mc, const char *name, tax_sector sector, char *buf, size_t cap)
{
    qs_err err;
    char raw[256];
    if (merch_key_of(mc, name, strlen(name), raw, sizeof raw, NULL, &err) != QS_OK)
        return NULL;
    return merch_key_standalone(mc, name, strlen(name), raw, 1, sector, buf, cap, &err) == QS_OK ? buf : NULL;
}

int main(void)
{
    harness_use_build_data();
    qs_err err = {0};
    merch_lex *lx = merch_lex_load(NULL, &err);
    CHECK(lx != NULL, "lexicons load (%s)", err.msg);
    if (!lx)
        return DONE();
    merch_ctx *mc = merch_new(lx, &err);
    char k[256], k2[256];
    tax_sector sec;

    CHECK_STR(key_of(mc, "开发区金鼎健身服务有限公司", k, sizeof k, &sec), "金鼎健身", "registered name keys to 字号 + industry");
    CHECK(sec == SECTOR_FITNESS, "健身 is fitness");
    CHECK_STR(key_of(mc, "金鼎健身(开发区店)", k, sizeof k, NULL), "金鼎健身", "bracketed branch dropped");
    CHECK_STR(key_of(mc, "金鼎健身万达店", k, sizeof k, NULL), "金鼎健身", "branch suffix dropped");
    CHECK_STR(key_of(mc, "金鼎建身", k, sizeof k, NULL), "金鼎健身", "homophone typo of the industry word");
    CHECK_STR(key_of(mc, "ＫＦＣ", k, sizeof k, &sec), "肯德基", "full-width Latin folded, brand alias keyed to the brand");
    CHECK(sec == SECTOR_CATERING, "KFC is catering");
    CHECK_STR(key_of(mc, "城关区老王烧烤店（个体工商户）", k, sizeof k, NULL), "老王烧烤", "individual business");
    CHECK_STR(key_of(mc, "益丰大药房", k, sizeof k, &sec), "益丰药房", "brand with a shop word, one word per trade");
    CHECK_STR(key_of(mc, "益丰药房", k, sizeof k, NULL), "益丰药房", "药房 and 大药房 share a key");
    CHECK_STR(key_of(mc, "途悠国际旅行社有限公司", k, sizeof k, NULL), "途悠旅行", "registered travel agency");
    CHECK_STR(key_of(mc, "途悠旅游", k, sizeof k, NULL), "途悠旅行", "旅游 and 旅行社 share a key");
    CHECK_STR(key_of(mc, "LIJIAN力建健身", k, sizeof k, NULL), "力建健身", "Latin spelling before the Han name dropped");
    CHECK_STR(key_of(mc, "尚艺美发", k, sizeof k, NULL), "尚艺美发", "a real industry word beats an overlapping homophone");
    CHECK_STR(key_of(mc, "瑞信坊手机", k, sizeof k, NULL), "瑞信坊手机", "a brand word inside a longer 字号");
    CHECK_STR(key_of(mc, "汉庭酒店", k, sizeof k, NULL), "汉庭", "a listed brand plus its trade word keyed by the brand");
    CHECK(sec == SECTOR_MEDICAL, "大药房 is medical");
    CHECK(key_of(mc, "开发区市场监管局", k, sizeof k, NULL) == NULL, "a government body has no key");
    CHECK(key_of(mc, "开发区人民医院", k, sizeof k, NULL) == NULL, "a public hospital has no key");
    CHECK(key_of(mc, "，。", k, sizeof k, NULL) == NULL, "punctuation has no key");
    CHECK(strcmp(key_of(mc, "金鼎健身", k, sizeof k, NULL), key_of(mc, "金鼎汽修", k2, sizeof k2, NULL)) != 0,
          "two businesses sharing a 字号 stay apart");
    CHECK(strcmp(key_of(mc, "如家开锁", k, sizeof k, NULL), key_of(mc, "如家", k2, sizeof k2, NULL)) != 0,
          "a brand word used by a business of another sector stays apart from the brand");
    CHECK_STR(key_of(mc, "肯德基万达店", k, sizeof k, NULL), "肯德基", "brand branch keys to the brand");
    /* keys of records that stand alone (`extract`) */
    CHECK_STR(alone(mc, "金鼎健身(开发区店)", SECTOR_FITNESS, k, sizeof k), "jinding健身",
              "standalone key: 字号 in pinyin and the sector's word");
    CHECK(strcmp(alone(mc, "铁衫健身", SECTOR_FITNESS, k, sizeof k), alone(mc, "鐵杉健身萬家麗店", SECTOR_FITNESS, k2, sizeof k2)) == 0,
          "a 字号 written by its sound (铁衫 for 铁杉) shares the standalone key");
    CHECK(strcmp(alone(mc, "轻语医美", SECTOR_BEAUTY, k, sizeof k), alone(mc, "轻语整形", SECTOR_BEAUTY, k2, sizeof k2)) == 0,
          "two trade words of one sector share the standalone key");
    CHECK(strcmp(alone(mc, "老街坊火锅", SECTOR_CATERING, k, sizeof k), alone(mc, "老街坊饭店", SECTOR_CATERING, k2, sizeof k2)) == 0,
          "an industry word and a shop word of one sector share the standalone key");
    CHECK(strcmp(alone(mc, "乐途", SECTOR_TRAVEL, k, sizeof k), alone(mc, "乐途国际旅行社有限公司", SECTOR_TRAVEL, k2, sizeof k2)) == 0,
          "a bare trade name joins its trade's standalone key in that sector (%s, %s)", k, k2);
    CHECK(strcmp(alone(mc, "乐途", SECTOR_CATERING, k, sizeof k), alone(mc, "乐途旅行社", SECTOR_TRAVEL, k2, sizeof k2)) != 0,
          "and not in another sector");
    CHECK(strcmp(alone(mc, "金鼎健身", SECTOR_FITNESS, k, sizeof k), alone(mc, "金鼎汽修", SECTOR_AUTO, k2, sizeof k2)) != 0,
          "one 字号 in two trades keeps two standalone keys");
    CHECK_STR(alone(mc, "金鼎健身", SECTOR_AUTO, k, sizeof k), "jinding健身", "a name with its own trade word keeps it");
    CHECK_STR(alone(mc, "肯德基", SECTOR_CATERING, k, sizeof k), "肯德基", "a brand keeps its written key");
    CHECK_STR(alone(mc, "乐途", SECTOR_OTHER, k, sizeof k), "letu", "no sector, no word added");
    CHECK(strcmp(key_of(mc, "阳光旗舰店", k, sizeof k, NULL), key_of(mc, "阳光专营店", k2, sizeof k2, NULL)) != 0,
          "a flagship store and a reseller shop of one word are different shops");

    merch_free(mc);
    merch_lex_free(lx);

    /* registry */
    lx = merch_lex_load("corpora/merchants.example.tsv", &err);
    CHECK(lx != NULL, "registry loads (%s)", err.msg);
    if (lx) {
        mc = merch_new(lx, &err);
        CHECK(merch_lex_registry_size(lx) == 5, "five registry entries");
        CHECK_STR(key_of(mc, "广州冠龙健身有限公司", k, sizeof k, NULL), key_of(mc, "冠壹国际健身会所", k2, sizeof k2, NULL),
                  "legal entity and brand store share the registry key");
        CHECK_STR(key_of(mc, "某文化艺术策划有限公司", k, sizeof k, &sec), key_of(mc, "菲尔女子健身俱乐部", k2, sizeof k2, NULL),
                  "operator company and its club share the registry key");
        CHECK(sec == SECTOR_FITNESS, "registry sector wins over the name's");
        merch_free(mc);
        merch_lex_free(lx);
    }
    char tmpl[] = "/tmp/qunsu-registry-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w");
        fputs("# comment\n91990000MA0000001X\t金鼎健身有限公司\t金鼎健身\tfitness\nBADCODE\t某公司\t\t\n", f);
        fclose(f);
        lx = merch_lex_load(tmpl, &err);
        CHECK(lx == NULL && strstr(err.msg, ":3:") && strstr(err.msg, "credit code"),
              "a bad credit code is reported with its line (%s)", err.msg);
        merch_lex_free(lx);
        f = fopen(tmpl, "w");
        fputs("91990000MA0000001X\t金鼎健身有限公司\t金鼎健身\tgym\n", f);
        fclose(f);
        lx = merch_lex_load(tmpl, &err);
        CHECK(lx == NULL && strstr(err.msg, "unknown sector"), "an unknown sector is reported (%s)", err.msg);
        merch_lex_free(lx);
        unlink(tmpl);
    }
    return DONE();
}
