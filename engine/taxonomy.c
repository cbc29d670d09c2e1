/* taxonomy.c: code tables of shared/spec/taxonomy.md (see taxonomy.h). */
#include "taxonomy.h"

#include <string.h>

static const char *const issue_codes[ISSUE_N][2] = {
    {"after_sales", "售后服务"}, {"quality", "质量"}, {"contract", "合同"},
    {"price", "价格"}, {"metrology", "计量"}, {"safety", "安全"},
    {"food_safety", "食品安全"}, {"advertising", "广告（虚假宣传）"},
    {"counterfeit", "商标与假冒"}, {"unfair_competition", "不正当竞争"},
    {"certification", "认证认可与标准"}, {"personal_rights", "人身权利（人格尊严）"},
    {"privacy", "个人信息"}, {"unlicensed", "无照无证经营"}, {"other", "其他"},
};

static const char *const tag_codes[TAG_N][2] = {
    {"prepaid", "预付式消费"}, {"closure", "闭店、失联"}, {"refund", "退款退费诉求"},
    {"online", "网络购物"}, {"livestream", "直播带货"}, {"takeout", "外卖"},
    {"elderly", "涉老消费"}, {"punitive_demand", "惩罚性赔偿诉求"},
    {"out_of_scope", "非市场监管职责"},
};

static const char *const sector_codes[SECTOR_N][2] = {
    {"catering", "餐饮服务"}, {"food_retail", "食品销售"}, {"education", "教育培训"},
    {"fitness", "健身体育"}, {"beauty", "美容美发与医美"}, {"auto", "汽车销售与维修"},
    {"electronics", "家电数码"}, {"telecom", "通信服务"}, {"ecommerce", "网络购物与直播"},
    {"housing", "房产装修家居"}, {"travel", "旅游住宿"}, {"medical", "药品医疗器械"},
    {"services", "居民生活服务"}, {"other", "其他"},
};

#define LOOKUP(table, n, i, col) ((unsigned)(i) < (unsigned)(n) ? table[i][col] : "other")

const char *tax_issue_code(tax_issue i) { return LOOKUP(issue_codes, ISSUE_N, i, 0); }
const char *tax_issue_name(tax_issue i) { return LOOKUP(issue_codes, ISSUE_N, i, 1); }
const char *tax_tag_code(tax_tag t) { return LOOKUP(tag_codes, TAG_N, t, 0); }
const char *tax_tag_name(tax_tag t) { return LOOKUP(tag_codes, TAG_N, t, 1); }
const char *tax_sector_code(tax_sector s) { return LOOKUP(sector_codes, SECTOR_N, s, 0); }
const char *tax_sector_name(tax_sector s) { return LOOKUP(sector_codes, SECTOR_N, s, 1); }

static int parse(const char *const (*table)[2], int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(table[i][0], code) == 0)
            return i;
    return -1;
}

int tax_issue_parse(const char *code) { return parse(issue_codes, ISSUE_N, code); }
int tax_tag_parse(const char *code) { return parse(tag_codes, TAG_N, code); }
int tax_sector_parse(const char *code) { return parse(sector_codes, SECTOR_N, code); }
