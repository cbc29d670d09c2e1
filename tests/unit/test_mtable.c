/* test_mtable.c: the stream's table of businesses: homophone variants join
 * only as the one difference and split off when they recur, trade names
 * alone join one business of a compatible sector (a bare name keyed as a
 * room no one has too), a known trade name told with more after it or a
 * known name with a place before it (or without it) joins, a host and the host's live room join, names the
 * operators give
 * to different businesses turn ambiguous, a renamed business's names join,
 * forms keyed alike on their own join, sectors by majority, and quiet
 * businesses forgotten after the horizon. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "mtable.h"

#define DAY 86400000LL

static mt_answer ans;

static const char *res_alone(mtable *t, const char *key, const char *name, const char *alone, tax_sector s,
                             long long t_ms)
{
    mt_query q = {key, name, NULL, s, t_ms, alone};
    qs_err err;
    return mt_resolve(t, &q, &ans, &err) == QS_OK ? ans.key : "(error)";
}

static const char *res(mtable *t, const char *key, const char *name, const char *op, tax_sector s, long long t_ms)
{
    mt_query q = {key, name, op, s, t_ms, NULL};
    qs_err err;
    return mt_resolve(t, &q, &ans, &err) == QS_OK ? ans.key : "(error)";
}

int main(void)
{
    harness_use_build_data();
    qs_err err;
    merch_lex *lx = merch_lex_load(NULL, &err);
    mtable *t = lx ? mt_new(lx, 90, &err) : NULL;
    CHECK(t != NULL, "table made");
    if (!t) {
        merch_lex_free(lx);
        return DONE();
    }
    for (int i = 0; i < 3; i++)
        res(t, "金鼎健身", "金鼎健身", NULL, SECTOR_FITNESS, i * DAY);
    CHECK_STR(res(t, "金顶健身", "金顶健身", NULL, SECTOR_FITNESS, 4 * DAY), "金鼎健身",
              "a homophone slip joins the established business");
    CHECK_STR(res(t, "金顶健身", "金顶健身", NULL, SECTOR_FITNESS, 5 * DAY), "金顶健身",
              "the same spelling again is a business of its own");
    CHECK_STR(res(t, "鑫源美发", "鑫源美发", NULL, SECTOR_BEAUTY, 5 * DAY), "鑫源美发", "first seen");
    CHECK_STR(res(t, "新源美发", "新源美发", NULL, SECTOR_BEAUTY, 5 * DAY), "新源美发",
              "no homophone join before the business is established");
    for (int i = 0; i < 2; i++)
        res(t, "宏图美发", "宏图美发", NULL, SECTOR_BEAUTY, 5 * DAY);
    CHECK_STR(res(t, "鸿图美发", "鸿图美发", NULL, SECTOR_BEAUTY, 5 * DAY), "宏图美发",
              "a business seen twice is established: the homophone joins");
    for (int i = 0; i < 3; i++)
        res(t, "明源教育", "明源教育", NULL, SECTOR_EDUCATION, 6 * DAY);
    CHECK_STR(res(t, "鸣源教育", "鸣源早教", NULL, SECTOR_EDUCATION, 6 * DAY), "鸣源教育",
              "a homophone plus another industry word is two differences");
    CHECK_STR(res(t, "金鼎", "金鼎", NULL, SECTOR_FITNESS, 6 * DAY), "金鼎健身", "trade name alone joins");
    CHECK_STR(res(t, "永辉教育", "永辉早教", NULL, SECTOR_EDUCATION, 6 * DAY), "永辉教育", "school");
    CHECK_STR(res(t, "永辉", "永辉", NULL, SECTOR_FOOD_RETAIL, 6 * DAY), "永辉",
              "a trade name of another sector stays apart");
    res(t, "星河健身", "星河健身", NULL, SECTOR_FITNESS, 6 * DAY);
    res(t, "星河汽修", "星河汽修", NULL, SECTOR_AUTO, 6 * DAY);
    CHECK_STR(res(t, "星河", "星河", NULL, SECTOR_OTHER, 6 * DAY), "星河", "two businesses share it: no join");
    CHECK_STR(res(t, "星河美容", "星河美容", NULL, SECTOR_BEAUTY, 6 * DAY), "星河美容",
              "a trade name two businesses share takes no longer name");
    /* longer names, places and the food trades: records in order, each
     * name written as keyed; a step with a `want` checks the key it gets */
    static const struct {
        const char *key;
        tax_sector sector;
        const char *want, *what;
    } steps[] = {
        {"蟹老大", SECTOR_FOOD_RETAIL, NULL, NULL},
        {"蟹老大大闸蟹", SECTOR_FOOD_RETAIL, "蟹老大", "a known trade name with what it sells after it joins"},
        {"蟹老大大闸蟹专卖", SECTOR_FOOD_RETAIL, "蟹老大", "the first longer name told more fully joins"},
        {"蟹老大海鲜", SECTOR_FOOD_RETAIL, "蟹老大海鲜", "a second, other longer name stays apart"},
        {"麦岛烘焙", SECTOR_CATERING, NULL, NULL},
        {"麦岛", SECTOR_FOOD_RETAIL, "麦岛烘焙", "a restaurant's and a food shop's trades agree"},
        {"莲台客栈", SECTOR_TRAVEL, NULL, NULL},
        {"五台山莲台客栈", SECTOR_TRAVEL, "莲台客栈", "a known name with its place before it joins"},
        {"西江云居民宿", SECTOR_TRAVEL, NULL, NULL},
        {"云居民宿", SECTOR_TRAVEL, "西江云居民宿", "a name without the place it was first written with joins"},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        const char *got = res(t, steps[i].key, steps[i].key, NULL, steps[i].sector, 6 * DAY);
        if (steps[i].want)
            CHECK_STR(got, steps[i].want, "%s", steps[i].what);
    }
    CHECK_STR(res(t, "丰动", "丰动", "丰动直播间", SECTOR_ECOMMERCE, 6 * DAY), "丰动", "first seen bare");
    CHECK_STR(res(t, "丰动直播间", "丰动直播间", NULL, SECTOR_ECOMMERCE, 6 * DAY), "丰动",
              "the host's room joins the host");
    CHECK_STR(res(t, "丰动直播", "丰动直播", "丰动直播间", SECTOR_ECOMMERCE, 6 * DAY), "丰动",
              "the operator's field containing the name settles it");
    res(t, "青禾直播间", "青禾直播间", NULL, SECTOR_ECOMMERCE, 6 * DAY);
    CHECK_STR(res(t, "青禾", "青禾", NULL, SECTOR_FOOD_RETAIL, 6 * DAY), "青禾直播间",
              "a host joins the room, whatever sector the goods gave each");
    /* a bare name keyed as its live room, no such room yet: the one
     * business whose key starts with the name (在辰雅旗舰，主播…) */
    res(t, "辰雅旗舰店", "辰雅旗舰店", NULL, SECTOR_ECOMMERCE, 6 * DAY);
    CHECK_STR(res(t, "辰雅直播间", "辰雅", NULL, SECTOR_ECOMMERCE, 6 * DAY), "辰雅旗舰店",
              "a host keyed as a room no one has joins the one business of the name");
    res(t, "云帆健身", "云帆健身", NULL, SECTOR_FITNESS, 6 * DAY);
    res(t, "云帆汽修", "云帆汽修", NULL, SECTOR_AUTO, 6 * DAY);
    CHECK_STR(res(t, "云帆直播间", "云帆", NULL, SECTOR_ECOMMERCE, 6 * DAY), "云帆直播间",
              "two businesses share the host's name: a room of its own");
    /* sectors by majority, a tie keeps the first */
    CHECK(res(t, "锐青饭店", "锐青饭店旗舰店", NULL, SECTOR_ECOMMERCE, 7 * DAY) && ans.sector == SECTOR_ECOMMERCE,
          "first complaint's sector");
    CHECK(res(t, "锐青饭店", "锐青饭店", NULL, SECTOR_CATERING, 7 * DAY) && ans.sector == SECTOR_ECOMMERCE,
          "a tie keeps it");
    CHECK(res(t, "锐青饭店", "锐青饭店", NULL, SECTOR_CATERING, 7 * DAY) && ans.sector == SECTOR_CATERING,
          "the majority wins");
    /* a name the operators give to two businesses */
    res(t, "万达", "万达店", "腾达直播间", SECTOR_ECOMMERCE, 8 * DAY);
    CHECK(!ans.doubtful, "one operator's field: not yet ambiguous");
    CHECK_STR(res(t, "万达", "万达店", "润德直播间", SECTOR_ECOMMERCE, 8 * DAY), "润德直播间",
              "another business's field: the operator settles it");
    CHECK(ans.by_operator, "keyed by the operator");
    CHECK_STR(res(t, "万达", "万达店", NULL, SECTOR_ECOMMERCE, 8 * DAY), "万达", "no field: the name stays");
    CHECK(ans.doubtful, "and is marked doubtful");
    /* a shop whose operators mostly name it, twice a platform instead */
    res(t, "如家酒店", "如家酒店", "如家酒店", SECTOR_TRAVEL, 8 * DAY);
    res(t, "如家酒店", "如家酒店", "如家酒店", SECTOR_TRAVEL, 8 * DAY);
    res(t, "如家酒店", "如家酒店", "美团", SECTOR_TRAVEL, 8 * DAY);
    CHECK_STR(res(t, "如家酒店", "如家酒店", "携程", SECTOR_TRAVEL, 8 * DAY), "如家酒店",
              "fields mostly naming the shop: the shop");
    CHECK(!ans.doubtful && !ans.by_operator, "and not ambiguous");
    /* renames: names the stream does not know join nothing */
    CHECK(mt_alias(t, "青木书院", "蓝湾书院", 8 * DAY, &err) == QS_OK, "alias of two unknown names");
    CHECK_STR(res(t, "蓝湾书院", "蓝湾书院", NULL, SECTOR_EDUCATION, 8 * DAY), "蓝湾书院",
              "an alias of unknown names links nothing");
    /* a known business's new name joins it */
    res(t, "思潮健身", "思潮健身", NULL, SECTOR_FITNESS, 8 * DAY);
    CHECK(mt_alias(t, "思潮健身", "海浪健身", 8 * DAY, &err) == QS_OK, "alias of a known name");
    CHECK_STR(res(t, "海浪健身", "海浪健身", NULL, SECTOR_FITNESS, 8 * DAY), "思潮健身",
              "the new name joins the known business");
    /* two known businesses: the smaller joins the larger, either way round */
    res(t, "晨光琴行", "晨光琴行", NULL, SECTOR_EDUCATION, 8 * DAY);
    res(t, "晨光琴行", "晨光琴行", NULL, SECTOR_EDUCATION, 8 * DAY);
    res(t, "暮色琴行", "暮色琴行", NULL, SECTOR_EDUCATION, 8 * DAY);
    CHECK(mt_alias(t, "暮色琴行", "晨光琴行", 8 * DAY, &err) == QS_OK, "alias of two known names");
    CHECK_STR(res(t, "暮色琴行", "暮色琴行", NULL, SECTOR_EDUCATION, 8 * DAY), "晨光琴行",
              "the smaller business joins the larger");
    CHECK(mt_alias(t, "晨光琴行", "暮色琴行", 8 * DAY, &err) == QS_OK, "the same alias again");
    /* forms of one name keyed alike on their own: region, trade word and
     * organisation form aside */
    res_alone(t, "飞燕健身", "飞燕健身", "飞燕健身", SECTOR_FITNESS, 9 * DAY);
    CHECK_STR(res_alone(t, "飞燕体育", "开发区飞燕体育健身有限公司", "飞燕健身", SECTOR_FITNESS, 9 * DAY), "飞燕健身",
              "the registered form joins the brand keyed alike on its own");
    CHECK_STR(res_alone(t, "飞燕", "飞燕", "飞燕汽车", SECTOR_AUTO, 9 * DAY), "飞燕",
              "another trade's key on its own stays apart");
    CHECK_STR(res_alone(t, "飞燕运动", "飞燕运动", "飞燕健身", SECTOR_TRAVEL, 9 * DAY), "飞燕运动",
              "a key on its own of a disagreeing sector stays apart");
    mt_stats st;
    mt_get_stats(t, &st);
    CHECK(st.merged_sound == 2 && st.merged_head == 5 && st.merged_longer == 2 && st.merged_place == 2 &&
              st.merged_operator == 1 && st.by_operator == 1 &&
              st.doubtful == 1 && st.evicted == 0 && st.merged_rename == 2 && st.merged_alone == 1,
          "counters");
    long before = st.businesses;
    /* 100 days later everything but the new record is forgotten */
    CHECK_STR(res(t, "金鼎健身", "金鼎健身", NULL, SECTOR_FITNESS, 110 * DAY), "金鼎健身", "a new start");
    mt_get_stats(t, &st);
    CHECK(st.businesses == 1 && st.spellings == 1 && st.evicted == before, "quiet businesses evicted");
    CHECK_STR(res_alone(t, "飞燕体育", "飞燕体育", "飞燕健身", SECTOR_FITNESS, 110 * DAY), "飞燕体育",
              "a forgotten business's key on its own joins nothing");
    mt_free(t);
    merch_lex_free(lx);
    return DONE();
}
