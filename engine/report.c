/* report.c: the analysis report and shared text helpers (see report.h).
 * One writer for the three formats: headings, paragraphs and tables go
 * through the small doc_* layer, which escapes for Markdown or HTML. */
#include "report.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "taxonomy.h"

int report_parse_format(const char *s)
{
    if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
        return REPORT_MD;
    if (strcmp(s, "html") == 0)
        return REPORT_HTML;
    if (strcmp(s, "json") == 0)
        return REPORT_JSON;
    return -1;
}

int report_parse_time(const char *s, int tz_min, int64_t *ms)
{
    const char *why;
    int off;
    if (clock_parse_rfc3339(s, strlen(s), ms, &off, &why) == 0)
        return 0;
    if (strlen(s) != 10)
        return -1;
    char full[40];
    snprintf(full, sizeof full, "%sT00:00:00%c%02d:%02d", s, tz_min < 0 ? '-' : '+',
             abs(tz_min) / 60, abs(tz_min) % 60);
    return clock_parse_rfc3339(full, strlen(full), ms, &off, &why) == 0 ? 0 : -1;
}

const char *report_issue_name(const char *code)
{
    if (!code || !*code)
        return "未注明";
    int i = tax_issue_parse(code);
    return i < 0 ? code : tax_issue_name((tax_issue)i);
}

const char *report_sector_name(const char *code)
{
    if (!code || !*code)
        return "未注明";
    int i = tax_sector_parse(code);
    return i < 0 ? code : tax_sector_name((tax_sector)i);
}

const char *report_channel_name(const char *code)
{
    static const char *const names[][2] = {
        {"12315", "12315热线"}, {"12345", "12345热线"}, {"odr", "在线消费纠纷解决(ODR)"},
        {"letter", "来信"},     {"web", "网络平台"},    {"visit", "来访"},
        {"other", "其他"},
    };
    if (!code || !*code)
        return "未注明";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(code, names[i][0]) == 0)
            return names[i][1];
    return code;
}

const char *report_alert_type_name(const char *code)
{
    if (!code)
        return "未注明";
    if (strcmp(code, "interview") == 0)
        return "约谈预警";
    if (strcmp(code, "warning") == 0)
        return "消费警示";
    if (strcmp(code, "emerging") == 0)
        return "苗头性问题预警";
    return code;
}

static const char *kind_name(const char *code)
{
    if (!code || !*code)
        return "未注明";
    if (strcmp(code, "complaint") == 0)
        return "投诉";
    if (strcmp(code, "report") == 0)
        return "举报";
    if (strcmp(code, "inquiry") == 0)
        return "咨询";
    return code;
}

/* Terminal columns of one UTF-8 character starting with byte c (CJK and
 * full-width forms take two). */
static int char_cols(const unsigned char *s, size_t *len)
{
    unsigned char c = s[0];
    *len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (*len == 3) {
        unsigned cp = ((unsigned)(c & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) |
                      (unsigned)(s[2] & 0x3F);
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                       (cp >= 0xFFE0 && cp <= 0xFFE6)
                   ? 2
                   : 1;
    }
    return *len == 4 ? 2 : 1;
}

void report_cell(FILE *f, const char *s, int width)
{
    if (!s)
        s = "-";
    const unsigned char *p = (const unsigned char *)s;
    int cols = 0;
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t len;
        int w = char_cols(p + i, &len);
        if (len > n - i)
            len = n - i;
        if (cols + w > width - 1 && i + len < n) {
            /* does the rest fit? */
            int rest = 0;
            for (size_t j = i; j < n;) {
                size_t l2;
                rest += char_cols(p + j, &l2);
                j += l2;
            }
            if (cols + rest > width) {
                fputs("…", f);
                cols++;
                break;
            }
        }
        fwrite(p + i, 1, len, f);
        cols += w;
        i += len;
    }
    for (; cols < width; cols++)
        fputc(' ', f);
}

/* ---- the document layer ---- */

typedef struct doc {
    FILE *f;
    report_format fmt;
    const char *align; /* of the open table: 'l' or 'r' a column */
} doc;

static void esc(doc *d, const char *s)
{
    for (; s && *s; s++) {
        if (d->fmt == REPORT_HTML && *s == '<')
            fputs("&lt;", d->f);
        else if (d->fmt == REPORT_HTML && *s == '>')
            fputs("&gt;", d->f);
        else if (d->fmt == REPORT_HTML && *s == '&')
            fputs("&amp;", d->f);
        else if (d->fmt == REPORT_HTML && *s == '"')
            fputs("&quot;", d->f);
        else if (d->fmt == REPORT_MD && (*s == '|' || *s == '*' || *s == '_' || *s == '`'))
            fprintf(d->f, "\\%c", *s);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', d->f);
        else
            fputc(*s, d->f);
    }
}

static void heading(doc *d, int level, const char *text)
{
    if (d->fmt == REPORT_HTML) {
        fprintf(d->f, "<h%d>", level);
        esc(d, text);
        fprintf(d->f, "</h%d>\n", level);
    } else {
        fprintf(d->f, "%.*s ", level, "####");
        esc(d, text);
        fputs("\n\n", d->f);
    }
}

__attribute__((format(printf, 2, 3)))
static void para(doc *d, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs(d->fmt == REPORT_HTML ? "<p>" : "", d->f);
    esc(d, buf);
    fputs(d->fmt == REPORT_HTML ? "</p>\n" : "\n\n", d->f);
}

/* align: one letter a column, 'l' or 'r' (header rows only). */
static void row(doc *d, int n, const char *const *cells, int head, const char *align)
{
    if (!align)
        align = d->align;
    if (d->fmt == REPORT_HTML) {
        fputs("<tr>", d->f);
        for (int i = 0; i < n; i++) {
            fputs(head ? "<th>" : align && align[i] == 'r' ? "<td class=\"n\">" : "<td>", d->f);
            esc(d, cells[i]);
            fputs(head ? "</th>" : "</td>", d->f);
        }
        fputs("</tr>\n", d->f);
        return;
    }
    fputs("|", d->f);
    for (int i = 0; i < n; i++) {
        fputc(' ', d->f);
        esc(d, cells[i]);
        fputs(" |", d->f);
    }
    fputc('\n', d->f);
    if (head) {
        fputs("|", d->f);
        for (int i = 0; i < n; i++)
            fputs(align && align[i] == 'r' ? "---:|" : "---|", d->f);
        fputc('\n', d->f);
    }
}

static void table_begin(doc *d, int n, const char *const *heads, const char *align)
{
    if (d->fmt == REPORT_HTML)
        fputs("<table>\n", d->f);
    d->align = align;
    row(d, n, heads, 1, align);
}

static void table_end(doc *d)
{
    fputs(d->fmt == REPORT_HTML ? "</table>\n" : "\n", d->f);
}

/* ---- reading the aggregates ---- */

double report_num(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

const char *report_str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *first(const cJSON *agg, const char *name)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(agg, name);
    return cJSON_IsArray(a) ? cJSON_GetArrayItem(a, 0) : NULL;
}

static void pct(char *buf, size_t cap, double part, double whole)
{
    if (whole <= 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.1f%%", 100.0 * part / whole);
}

static void change(char *buf, size_t cap, double now, double before)
{
    if (before <= 0)
        snprintf(buf, cap, now > 0 ? "新增" : "-");
    else
        snprintf(buf, cap, "%+.1f%%", 100.0 * (now - before) / before);
}

typedef const char *(*namer)(const char *);

static const char *same(const char *s)
{
    return s && *s ? s : "未注明";
}

/* A breakdown table: name, count, share. */
static void breakdown(doc *d, const cJSON *agg, const char *key, const char *title,
                      const char *col, namer name, double total)
{
    heading(d, 2, title);
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(agg, key);
    if (cJSON_GetArraySize(arr) == 0) {
        para(d, "本期无数据。");
        return;
    }
    const char *heads[] = {col, "件数", "占比"};
    table_begin(d, 3, heads, "lrr");
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        char n[32], p[32];
        snprintf(n, sizeof n, "%.0f", report_num(it, "complaints"));
        pct(p, sizeof p, report_num(it, "complaints"), total);
        const char *cells[] = {name(report_str(it, "key")), n, p};
        row(d, 3, cells, 0, NULL);
    }
    table_end(d);
}

static double prev_count(const cJSON *agg, const char *key, const char *code)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(agg, key))
    {
        const char *k = report_str(it, "key");
        if (k && code && strcmp(k, code) == 0)
            return report_num(it, "complaints");
    }
    return 0;
}

qs_rc report_write(FILE *f, const cJSON *agg, report_format fmt, int64_t from_ms, int64_t to_ms,
                   int tz_min, qs_err *err)
{
    char from[40], to[40];
    clock_format(from_ms, tz_min, from, sizeof from);
    clock_format(to_ms, tz_min, to, sizeof to);
    if (fmt == REPORT_JSON) {
        cJSON *o = cJSON_Duplicate(agg, 1);
        cJSON *period = cJSON_CreateObject();
        if (!o || !period || !cJSON_AddStringToObject(period, "from", from) ||
            !cJSON_AddStringToObject(period, "to", to)) {
            cJSON_Delete(o);
            cJSON_Delete(period);
            return qs_fail(err, QS_ENOMEM, "out of memory");
        }
        cJSON_AddItemToObject(o, "period", period);
        char *s = cJSON_Print(o);
        cJSON_Delete(o);
        if (!s)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        int bad = fputs(s, f) < 0 || fputc('\n', f) == EOF;
        cJSON_free(s);
        return bad ? qs_fail(err, QS_EIO, "write error on the report") : QS_OK;
    }
    doc d = {f, fmt, NULL};
    if (fmt == REPORT_HTML)
        fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
              "<title>消费投诉举报统计分析通报</title><style>"
              "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}"
              "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
              "td,th{border:1px solid #999;padding:0.2em 0.6em}td.n{text-align:right}"
              "</style></head><body>\n",
              f);
    heading(&d, 1, "消费投诉举报统计分析通报");
    char period[128];
    snprintf(period, sizeof period, "统计期间：%.10s 至 %.10s（按受理时间，不含截止时刻）", from,
             to);
    para(&d, "%s", period);

    const cJSON *tot = first(agg, "totals"), *prev = first(agg, "previous");
    double total = report_num(tot, "complaints"), before = report_num(prev, "complaints");
    char ch[32];
    change(ch, sizeof ch, total, before);
    heading(&d, 2, "一、总体情况");
    para(&d,
         "本期共受理投诉举报 %.0f 件（另有重复件 %.0f 件，不重复计数），涉及经营者 %.0f 家，"
         "涉及金额 %.2f 元。其中职业索赔特征件 %.0f 件。上一同长度期间 %.0f 件，环比 %s。",
         total, report_num(tot, "duplicates"), report_num(tot, "merchants"), report_num(tot, "amount"),
         report_num(tot, "professional"), before, ch);

    breakdown(&d, agg, "by_region", "二、按属地分布", "属地", same, total);
    breakdown(&d, agg, "by_channel", "三、按受理渠道分布", "渠道", report_channel_name, total);
    breakdown(&d, agg, "by_kind", "四、按诉求类型分布", "类型", kind_name, total);
    breakdown(&d, agg, "by_sector", "五、按行业分布", "行业", report_sector_name, total);

    heading(&d, 2, "六、按问题类型分布");
    {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(agg, "by_issue");
        if (cJSON_GetArraySize(arr) == 0) {
            para(&d, "本期无数据。");
        } else {
            const char *heads[] = {"问题类型", "件数", "占比", "上期", "环比"};
            table_begin(&d, 5, heads, "lrrrr");
            const cJSON *it;
            cJSON_ArrayForEach(it, arr)
            {
                char n[32], p[32], pv[32], c[32];
                double k = report_num(it, "complaints");
                double pk = prev_count(agg, "previous_by_issue", report_str(it, "key"));
                snprintf(n, sizeof n, "%.0f", k);
                snprintf(pv, sizeof pv, "%.0f", pk);
                pct(p, sizeof p, k, total);
                change(c, sizeof c, k, pk);
                const char *cells[] = {report_issue_name(report_str(it, "key")), n, p, pv, c};
                row(&d, 5, cells, 0, NULL);
            }
            table_end(&d);
        }
    }

    heading(&d, 2, "七、投诉较集中的经营者");
    {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(agg, "top_merchants");
        if (cJSON_GetArraySize(arr) == 0) {
            para(&d, "本期无可识别经营者的投诉。");
        } else {
            const char *heads[] = {"序号", "经营者", "行业", "件数", "投诉人数", "主要问题", "上期"};
            table_begin(&d, 7, heads, "rllrrlr");
            const cJSON *it;
            int i = 0;
            cJSON_ArrayForEach(it, arr)
            {
                char rank[16], n[32], c[32], pv[32];
                snprintf(rank, sizeof rank, "%d", ++i);
                snprintf(n, sizeof n, "%.0f", report_num(it, "complaints"));
                snprintf(c, sizeof c, "%.0f", report_num(it, "complainants"));
                snprintf(pv, sizeof pv, "%.0f", report_num(it, "previous"));
                const char *name = report_str(it, "name") ? report_str(it, "name") : report_str(it, "key");
                const char *cells[] = {rank, name, report_sector_name(report_str(it, "sector")), n, c,
                                       report_issue_name(report_str(it, "main_issue")), pv};
                row(&d, 7, cells, 0, NULL);
            }
            table_end(&d);
        }
    }

    heading(&d, 2, "八、预警情况");
    {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(agg, "alerts");
        if (cJSON_GetArraySize(arr) == 0) {
            para(&d, "本期未发出预警。");
        } else {
            const char *heads[] = {"预警类型", "预警数", "后续更新次数"};
            table_begin(&d, 3, heads, "lrr");
            const cJSON *it;
            cJSON_ArrayForEach(it, arr)
            {
                char n[32], u[32];
                snprintf(n, sizeof n, "%.0f", report_num(it, "alerts"));
                snprintf(u, sizeof u, "%.0f", report_num(it, "updates"));
                const char *cells[] = {report_alert_type_name(report_str(it, "type")), n, u};
                row(&d, 3, cells, 0, NULL);
            }
            table_end(&d);
            const char *h2[] = {"预警编号", "类型", "经营者", "问题类型", "件数", "首次预警"};
            table_begin(&d, 6, h2, "llllrl");
            cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(agg, "alert_list"))
            {
                char n[32], t[40];
                snprintf(n, sizeof n, "%.0f", report_num(it, "count"));
                clock_format((int64_t)report_num(it, "first_t_ms"), tz_min, t, sizeof t);
                t[16] = '\0';
                t[10] = ' ';
                const char *cells[] = {report_str(it, "alert_id"), report_alert_type_name(report_str(it, "type")),
                                       report_str(it, "merchant_key") ? report_str(it, "merchant_key") : "（跨经营者）",
                                       report_issue_name(report_str(it, "issue")), n, t};
                row(&d, 6, cells, 0, NULL);
            }
            table_end(&d);
        }
    }

    heading(&d, 2, "九、趋势");
    {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(agg, "daily");
        double peak = 0;
        const char *peak_day = NULL;
        const cJSON *it;
        cJSON_ArrayForEach(it, arr)
        {
            if (report_num(it, "complaints") > peak) {
                peak = report_num(it, "complaints");
                peak_day = report_str(it, "day");
            }
        }
        int days = cJSON_GetArraySize(arr);
        if (days == 0) {
            para(&d, "本期无数据。");
        } else {
            para(&d, "本期有受理记录的 %d 天中，日均 %.1f 件，最高为 %s 的 %.0f 件。", days,
                 total / days, peak_day ? peak_day : "-", peak);
            /* issues rising most against the previous period */
            const cJSON *best[3] = {NULL, NULL, NULL};
            double gain[3] = {0, 0, 0};
            cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(agg, "by_issue"))
            {
                double g = report_num(it, "complaints") -
                           prev_count(agg, "previous_by_issue", report_str(it, "key"));
                for (int k = 0; k < 3; k++) {
                    if (g > gain[k]) {
                        for (int m = 2; m > k; m--) {
                            gain[m] = gain[m - 1];
                            best[m] = best[m - 1];
                        }
                        gain[k] = g;
                        best[k] = it;
                        break;
                    }
                }
            }
            if (best[0]) {
                char line[512];
                size_t l = (size_t)snprintf(line, sizeof line, "较上期增长最多的问题类型：");
                for (int k = 0; k < 3 && best[k] && l < sizeof line; k++)
                    l += (size_t)snprintf(line + l, sizeof line - l, "%s%s（+%.0f 件）",
                                          k ? "、" : "", report_issue_name(report_str(best[k], "key")),
                                          gain[k]);
                para(&d, "%s。", line);
            }
            const char *heads[] = {"日期", "件数", "走势"};
            table_begin(&d, 3, heads, "lrl");
            cJSON_ArrayForEach(it, arr)
            {
                char n[32], bar[128] = "";
                double k = report_num(it, "complaints");
                snprintf(n, sizeof n, "%.0f", k);
                int w = peak > 0 ? (int)(20.0 * k / peak + 0.5) : 0;
                for (int b = 0; b < w; b++)
                    strcat(bar, "█");
                const char *cells[] = {report_str(it, "day"), n, bar};
                row(&d, 3, cells, 0, NULL);
            }
            table_end(&d);
        }
    }
    para(&d, "说明：重复件（同一投诉人就同一事项多渠道重复投诉）不重复计数；本通报不含投诉人个人信息。");
    if (fmt == REPORT_HTML)
        fputs("</body></html>\n", f);
    if (ferror(f))
        return qs_fail(err, QS_EIO, "write error on the report");
    return QS_OK;
}
