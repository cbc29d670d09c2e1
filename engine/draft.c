/* draft.c: consumer-warning drafts (see draft.h). The text is assembled from
 * fixed phrases keyed by issue, tag and sector; numbers and the merchant name
 * are the only variable parts, and the result goes through pii_mask. */
#include "draft.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "pii.h"

typedef struct sbuf {
    char *s;
    size_t n, cap;
    int oom;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && b->n + (size_t)w < b->cap) {
            b->n += (size_t)w;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap < b->n + (size_t)w + 1)
            cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

/* What consumers report, in plain words, per issue. */
static const char *issue_problem(tax_issue i)
{
    switch (i) {
    case ISSUE_AFTER_SALES: return "售后服务不到位，退换货、维修拖延或客服不予处理";
    case ISSUE_QUALITY: return "商品或服务质量不合格，出现故障、破损、瑕疵";
    case ISSUE_CONTRACT: return "经营者不履行约定，退费难、扣违约金或以格式条款限制消费者权利";
    case ISSUE_PRICE: return "未明码标价、乱收费或价格欺诈";
    case ISSUE_METROLOGY: return "计量不准，缺斤短两";
    case ISSUE_SAFETY: return "商品或服务存在安全隐患，造成或可能造成人身伤害";
    case ISSUE_FOOD_SAFETY: return "食品过期、变质、含异物，或食用后出现身体不适";
    case ISSUE_ADVERTISING: return "虚假宣传、夸大功效，实际商品或服务与宣传不符";
    case ISSUE_COUNTERFEIT: return "销售假冒、仿冒或三无商品";
    case ISSUE_UNFAIR_COMPETITION: return "刷单、虚假评价、好评返现等不正当竞争行为";
    case ISSUE_CERTIFICATION: return "商品无认证或不符合执行标准";
    case ISSUE_PERSONAL_RIGHTS: return "侵害消费者人格尊严，存在辱骂、强制消费等行为";
    case ISSUE_PRIVACY: return "未经同意收集、使用或泄露消费者个人信息";
    case ISSUE_UNLICENSED: return "无照无证经营或超范围经营";
    default: return "消费者合法权益受到侵害";
    }
}

static const char *tag_problem(tax_tag t)
{
    switch (t) {
    case TAG_PREPAID: return "以办卡、充值、课程包等预付方式收取费用后不能按约提供服务";
    case TAG_CLOSURE: return "经营场所突然停业、闭店或负责人联系不上，预付余额无法退还";
    case TAG_REFUND: return "消费者要求退款退费遭拒绝或被拖延";
    case TAG_ONLINE: return "网络购物订单发货、退货等环节纠纷较多";
    case TAG_LIVESTREAM: return "直播间宣传与实物不符，售后无人负责";
    case TAG_TAKEOUT: return "外卖餐品质量与配送问题";
    case TAG_ELDERLY: return "以讲座、会销等方式向老年人推销商品";
    default: return NULL;
    }
}

static void advice(sbuf *b, const draft_info *in)
{
    int n = 0;
    unsigned tg = in->tags;
    if (tg & (TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE))) {
        sb_printf(b, "%d. 理性办卡，量需而行。不轻信大幅折扣和“限时优惠”，尽量选择按次或短期付费，单次充值金额不宜过大、期限不宜过长。\n", ++n);
        sb_printf(b, "%d. 签订书面合同，明确服务内容、期限、退费条件和违约责任，保存好合同、付款凭证和聊天记录。\n", ++n);
        sb_printf(b, "%d. 关注经营状况。发现经营者频繁变更、转让、暂停营业或大力促销充值时提高警惕，及时保存证据并依法维权。\n", ++n);
    }
    if (in->issue == ISSUE_FOOD_SAFETY) {
        sb_printf(b, "%d. 选择证照齐全、卫生状况良好的经营者，注意查看食品生产日期、保质期和标签。\n", ++n);
        sb_printf(b, "%d. 食用后出现不适应及时就医，保留就诊记录、剩余食品、购物小票和订单截图。\n", ++n);
    }
    if (tg & TAG_BIT(TAG_LIVESTREAM) || in->issue == ISSUE_ADVERTISING)
        sb_printf(b, "%d. 理性对待“全网最低价”“秒杀”等营销话术，不脱离平台私下交易，保存直播录屏、订单截图和聊天记录。\n", ++n);
    if (tg & TAG_BIT(TAG_ELDERLY))
        sb_printf(b, "%d. 老年消费者不轻信免费讲座、赠送礼品等推销活动，购买保健品前与家人商量。\n", ++n);
    if (in->issue == ISSUE_QUALITY || in->issue == ISSUE_AFTER_SALES || in->issue == ISSUE_COUNTERFEIT)
        sb_printf(b, "%d. 购买时索要并保存发票和保修凭证，了解“三包”规定，发现质量问题及时与经营者协商。\n", ++n);
    if (in->issue == ISSUE_PRICE || in->issue == ISSUE_METROLOGY)
        sb_printf(b, "%d. 消费前问清价格和计费方式，结账时核对账单和计量，发现问题当场提出并保存凭证。\n", ++n);
    if (in->issue == ISSUE_SAFETY)
        sb_printf(b, "%d. 发现安全隐患立即停止使用，注意人身安全，保存相关证据。\n", ++n);
    if (in->sector == SECTOR_EDUCATION)
        sb_printf(b, "%d. 选择培训机构时查验办学资质，警惕“保过”“不过全退”等承诺，不轻易办理培训贷。\n", ++n);
    if (in->issue == ISSUE_FOOD_SAFETY)
        sb_printf(b, "%d. 可通过国家企业信用信息公示系统或全国12315投诉公示平台查询经营者信息和投诉情况。\n", ++n);
    else
        sb_printf(b, "%d. 选择证照齐全、信誉良好的经营者，可通过国家企业信用信息公示系统或全国12315投诉公示平台查询经营者信息。\n", ++n);
    sb_printf(b, "%d. 增强证据意识，妥善保存合同、票据、付款记录和沟通记录，合法权益受到侵害时及时依法维权。\n", ++n);
}

char *draft_warning(const draft_info *in, qs_err *err)
{
    sbuf b = {0};
    char t0[40], t1[40], period[96];
    clock_format(in->start_ms, in->tz_min, t0, sizeof t0);
    clock_format(in->end_ms, in->tz_min, t1, sizeof t1);
    /* "2026-09-22T..." -> "2026年9月22日"; one date when the period is a day. */
    int y0 = atoi(t0), m0 = atoi(t0 + 5), d0 = atoi(t0 + 8), y1 = atoi(t1), m1 = atoi(t1 + 5), d1 = atoi(t1 + 8);
    if (y0 == y1 && m0 == m1 && d0 == d1)
        snprintf(period, sizeof period, "%d年%d月%d日", y0, m0, d0);
    else
        snprintf(period, sizeof period, "%d年%d月%d日至%d年%d月%d日", y0, m0, d0, y1, m1, d1);
    const char *issue = tax_issue_name(in->issue);
    const char *sector = in->cross_sector ? "多个" : tax_sector_name(in->sector);
    int urgent = (in->tags & TAG_BIT(TAG_CLOSURE)) != 0;

    if (in->merchant_name)
        sb_printf(&b, "关于%s相关%s问题的消费警示\n\n", in->merchant_name, issue);
    else
        sb_printf(&b, "关于%s%s行业%s问题的消费警示\n\n", in->region ? in->region : "", sector, issue);

    sb_printf(&b, "一、基本情况\n");
    sb_printf(&b, "%s，12315、12345热线及平台共受理", period);
    if (in->merchant_name)
        sb_printf(&b, "涉及%s（%s行业）的%s类投诉%ld件，涉及消费者%ld人", in->merchant_name, sector,
                  issue, in->count, in->complainants);
    else
        sb_printf(&b, "%s%s行业%s类投诉%ld件，涉及经营者%ld家、消费者%ld人",
                  in->region ? in->region : "", sector, issue, in->count, in->merchants,
                  in->complainants);
    if (!in->merchant_name && in->unnamed > 0)
        sb_printf(&b, "（其中%ld件未指明具体经营者）", in->unnamed);
    if (in->amount_total > 0)
        sb_printf(&b, "，涉及金额约%.0f元", in->amount_total);
    /* one merchant's closure, or several merchants' (an emerging issue) */
    sb_printf(&b, "。%s\n\n",
              !urgent              ? "投诉数量明显高于以往同期水平，请广大消费者注意防范。"
              : in->merchant_name ? "据投诉反映，该经营者已出现停业、闭店或联系不上的情况，请相关消费者注意防范风险。"
                                  : "据投诉反映，部分经营者已出现停业、闭店或联系不上的情况，请相关消费者注意防范风险。");

    sb_printf(&b, "二、主要问题\n");
    int n = 0;
    sb_printf(&b, "%d. %s。\n", ++n, issue_problem(in->issue));
    for (int t = 0; t < TAG_N; t++) {
        const char *p = (in->tags & TAG_BIT(t)) ? tag_problem((tax_tag)t) : NULL;
        if (p)
            sb_printf(&b, "%d. %s。\n", ++n, p);
    }
    sb_printf(&b, "\n三、消费提示\n");
    advice(&b, in);
    sb_printf(&b, "\n四、维权渠道\n");
    sb_printf(&b, "消费者合法权益受到侵害时，可拨打12315热线或登录全国12315平台（含小程序）投诉，也可拨打12345政务服务便民热线反映，或向当地消费者协会求助；");
    if (in->tags & (TAG_BIT(TAG_CLOSURE) | TAG_BIT(TAG_PREPAID)))
        sb_printf(&b, "经营者闭店失联、涉嫌诈骗的，请及时向公安机关报案（110）；");
    sb_printf(&b, "也可向行业主管部门反映。\n");
    if (b.oom) {
        free(b.s);
        qs_fail(err, QS_ENOMEM, "out of memory building a warning draft");
        return NULL;
    }
    /* Only non-personal fields went in, but a merchant or region name typed
     * by an operator can still carry a phone number or a person's name. */
    char *masked = NULL;
    qs_rc rc = pii_mask(b.s, b.n, &masked, err);
    free(b.s);
    return rc == QS_OK ? masked : NULL;
}
