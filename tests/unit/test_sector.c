/* test_sector.c: the merchant's sector from its name and the text's cue
 * words (sector_decide): the name's trade first, a known brand's own sector
 * against a word about the goods, a trade word right after the brand, and
 * the cue vote when the name implies nothing, a word of what was done
 * weighing more than a word of the goods. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "sector.h"

/* sector_new with a damaged dicts/merchant/sector_split.tsv (the other
 * lexicons from the source tree): NULL and a message naming the line. */
static void bad_split(const char *content, const char *want)
{
    char dir[] = "/tmp/qs_sector_XXXXXX", path[256];
    if (!mkdtemp(dir)) {
        CHECK(0, "temporary folder");
        return;
    }
    snprintf(path, sizeof path, "%s/dicts", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/dicts/merchant", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/dicts/merchant/sector_split.tsv", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(content, f);
        fclose(f);
    }
    const char *old = getenv("QUNSU_HOME");
    char keep[1024] = "";
    if (old)
        snprintf(keep, sizeof keep, "%s", old);
    setenv("QUNSU_HOME", dir, 1);
    qs_err err = {0};
    sector_ctx *sc = sector_new(&err);
    CHECK(sc == NULL && strstr(err.msg, want) != NULL, "damaged sector_split.tsv refused: %s", err.msg);
    sector_free(sc);
    if (old)
        setenv("QUNSU_HOME", keep, 1);
    else
        unsetenv("QUNSU_HOME");
    unlink(path);
    snprintf(path, sizeof path, "%s/dicts/merchant", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/dicts", dir);
    rmdir(path);
    rmdir(dir);
}

static tax_sector decide(const sector_ctx *sc, tax_sector from_name, int known, int32_t name_end,
                         const char *text, double *conf)
{
    int32_t cp[512];
    size_t n = harness_cps(text, cp, 512);
    return sector_decide(sc, from_name, known, name_end, cp, n, conf);
}

int main(void)
{
    qs_err err = {0};
    sector_ctx *sc = sector_new(&err);
    CHECK(sc != NULL, "cue lexicon loads (%s)", sc ? "" : err.msg);
    if (!sc)
        return DONE();
    double conf = -1;
    CHECK(decide(sc, SECTOR_FITNESS, 0, -1, "在店里买的面膜过敏了", &conf) == SECTOR_FITNESS,
          "the name's trade wins over the goods in the text");
    CHECK(conf >= 0 && conf <= 1, "confidence is a probability (%g)", conf);
    CHECK(decide(sc, SECTOR_OTHER, 0, -1, "在百味办了健身卡，教练天天推销私教课", NULL) == SECTOR_FITNESS,
          "a name of no trade takes the text's cue vote");
    CHECK(decide(sc, SECTOR_OTHER, 0, -1, "买的东西坏了，商家不理", NULL) == SECTOR_OTHER,
          "no name trade and no cue: other");
    /* 屈臣氏 (a known brand of no listed trade): one word about the goods */
    CHECK(decide(sc, SECTOR_OTHER, 1, 3, "屈臣氏买的面膜发霉了", NULL) == SECTOR_OTHER,
          "a known brand keeps its sector against a word about the goods");
    CHECK(decide(sc, SECTOR_OTHER, 1, 2, "百度送的饭菜都凉了，菜品也少，外卖员态度差", NULL) == SECTOR_CATERING,
          "a text that keeps naming one trade overrides a known brand of no sector");
    CHECK(decide(sc, SECTOR_OTHER, 1, 2, "瑞星家政的阿姨打碎了花瓶", NULL) == SECTOR_SERVICES,
          "a trade word right after the brand names a local business");
    CHECK(decide(sc, SECTOR_OTHER, 1, 2, "瑞星的杀毒软件乱扣费，找家政也没用", NULL) == SECTOR_OTHER,
          "a trade word elsewhere in the text does not");
    /* 维修 is what is done to a car, a phone or a fridge: their words decide */
    CHECK(decide(sc, SECTOR_OTHER, 0, -1, "在路路通维修后车辆发动机异响，店家说跟维修无关", NULL) == SECTOR_AUTO,
          "a repair votes for the trade of what was repaired");
    int32_t cp[64];
    size_t n = harness_cps("先吃饭后理发", cp, 64);
    CHECK(sector_from_text(sc, cp, n) == SECTOR_CATERING, "a tie goes to the first cue");
    n = harness_cps("师傅上门维修空调，修完空调还是不制冷", cp, 64);
    CHECK(sector_from_text(sc, cp, n) == SECTOR_SERVICES,
          "a word of what was done (维修, 修完) outweighs the goods it was done to (空调 twice)");
    n = harness_cps("在店里买的保健品吃了没用", cp, 64);
    CHECK(sector_from_text(sc, cp, n) == SECTOR_MEDICAL, "supplements vote for medical, as their sellers are filed");
    n = harness_cps("火车站旁边", cp, 64);
    CHECK(sector_from_text(sc, cp, n) == SECTOR_OTHER, "a word of no sector keeps its parts from voting");
    sector_free(sc);
    sector_free(NULL);
    bad_split("宠物\tnosuch\tother\t\n", "sector_split.tsv:1: unknown sector");
    bad_split("宠物\tother\n", "sector_split.tsv:1: expected word");
    bad_split("宠物\tother\tother\tnosuch>other\n", "unknown sector in the alternatives");
    char longline[700];
    memset(longline, 'x', sizeof longline - 2);
    longline[sizeof longline - 2] = '\n';
    longline[sizeof longline - 1] = '\0';
    bad_split(longline, "sector_split.tsv:1: line too long");
    return DONE();
}
