/* taxonomy.h: the codes of shared/spec/taxonomy.md as C enums, with their
 * stable string codes and Chinese names. Every module that reads or writes a
 * code goes through here. */
#ifndef QS_TAXONOMY_H
#define QS_TAXONOMY_H

typedef enum tax_issue {
    ISSUE_AFTER_SALES, ISSUE_QUALITY, ISSUE_CONTRACT, ISSUE_PRICE, ISSUE_METROLOGY,
    ISSUE_SAFETY, ISSUE_FOOD_SAFETY, ISSUE_ADVERTISING, ISSUE_COUNTERFEIT,
    ISSUE_UNFAIR_COMPETITION, ISSUE_CERTIFICATION, ISSUE_PERSONAL_RIGHTS, ISSUE_PRIVACY,
    ISSUE_UNLICENSED, ISSUE_OTHER,
    ISSUE_N
} tax_issue;

/* Scenario tags as bits of an unsigned mask. */
typedef enum tax_tag {
    TAG_PREPAID, TAG_CLOSURE, TAG_REFUND, TAG_ONLINE, TAG_LIVESTREAM, TAG_TAKEOUT,
    TAG_ELDERLY, TAG_PUNITIVE_DEMAND, TAG_OUT_OF_SCOPE,
    TAG_N
} tax_tag;
#define TAG_BIT(t) (1u << (t))

typedef enum tax_sector {
    SECTOR_CATERING, SECTOR_FOOD_RETAIL, SECTOR_EDUCATION, SECTOR_FITNESS, SECTOR_BEAUTY,
    SECTOR_AUTO, SECTOR_ELECTRONICS, SECTOR_TELECOM, SECTOR_ECOMMERCE, SECTOR_HOUSING,
    SECTOR_TRAVEL, SECTOR_MEDICAL, SECTOR_SERVICES, SECTOR_OTHER,
    SECTOR_N
} tax_sector;

/* Code strings ("after_sales") and Chinese names ("售后服务"); static. */
const char *tax_issue_code(tax_issue i);
const char *tax_issue_name(tax_issue i);
const char *tax_tag_code(tax_tag t);
const char *tax_tag_name(tax_tag t);
const char *tax_sector_code(tax_sector s);
const char *tax_sector_name(tax_sector s);

/* Parse a code string; -1 when unknown. */
int tax_issue_parse(const char *code);
int tax_tag_parse(const char *code);
int tax_sector_parse(const char *code);

#endif
