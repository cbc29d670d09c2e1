/* detect.c: the early-warning detector (see detect.h).
 *
 * Merchant clusters (interview): each counted complaint retests its merchant
 * over several windows ending now (1, 3, 7, 14 days by default). The
 * expected count comes from the merchant's own baseline (complaints in the
 * baseline_days before the window) under a log-normal prior centred on its
 * sector's rate per merchant: complaint rates are heavy-tailed, so a
 * merchant with no history is compared with a typical peer while a chain is
 * judged by its own long history. The predictive count (Poisson given the
 * rate, with day-to-day dispersion) gives the p-value, Bonferroni-corrected
 * over the windows and the two families tested (all issues, the complaint's
 * issue); a sector-wide rise in the same window lifts the expectation. An
 * alert needs p <= p_max (closure, prepaid and food-safety clusters:
 * p_max_urgent), a recurrence interval of at least min_recurrence_days over
 * the tests the whole stream makes (SaTScan's population-level control), and
 * min_complainants distinct complainants. Duplicates are ignored;
 * professional claimants are listed, never counted.
 *
 * Episodes: per merchant and issue (closure/prepaid complaints join a
 * closure/prepaid episode whatever their issue). An episode takes the later
 * complaints, is re-reported (same alert_id, "update":true) when its
 * complainants grow materially while still in excess, escalates to a
 * `warning` with a draft when severe, and closes after quiet_days without a
 * significant test.
 *
 * Emerging issues: per sector, per sector x region and per region across
 * all sectors (the cross-sector level: a rise over a district's trades that
 * no one trade shows; the whole stream's mix is its prior), each issue's (and
 * consumption tag's) complaints (at most two per merchant, distinct
 * complainants) over the week, a shorter window (3 days by default) and a
 * longer one (14 days: a rise spreading over a fortnight, a shop every day
 * or two, that no week shows; its baseline is the days before it), each by
 * two tests: its share of the level's complaints against its
 * baseline share (beta-binomial, prior borrowed from the wider level), and
 * its count against its own expected count (the same posterior share times
 * the level's baseline daily volume, gamma-Poisson, lifted when the rest of
 * the level rises over the window's own hours, which carries a volume surge
 * from its first hours and the weekly rhythm; a region's lift is shrunk
 * toward its sector's). A
 * merchant adds at most em_per_merchant complaints a day to these counts,
 * so a chain's flow or one shop's cluster neither hides nor fakes a rise.
 * Each unit (sector, and sector x region: a rise in one district reaches
 * its shops nobody complained about just the same) also runs both tests on
 * the complaints of new merchants alone (a merchant's first complaint of a
 * day after em_new_days without any): an emerging issue reaches shops
 * nobody complained about, while most of an issue's everyday flow comes
 * from the few merchants that always draw complaints, so against the new
 * merchants' own baseline a rise stands out that the everyday flow of a
 * busy sector hides (the alert's window says which count was tested:
 * tested_new_merchants; a priori the new merchants' mix is everyone's in
 * their sector, at the share of the level's complaints that new merchants
 * bring (many in a trade of small shops, few in one of chains; a district's
 * own, shrunk toward its sector's), so a topic
 * none of them raised in the baseline is not thereby rare among them). A
 * sector with a thin baseline is tested with its own rough share as the
 * floor. Bonferroni over windows, tests, the two counts (the long window:
 * all complaints only) and (a region unit) the sector's regions; needs
 * several merchants. Beside the windows, a share CUSUM per unit (all
 * complaints, new merchants') adds up, day by day over em_cusum_days, a
 * rise too thin for any window (see unit_cusum); its bound exp(-S),
 * corrected like the windows, alerts at em_cusum_p_max. And a count EWMA
 * per unit (ESSENCE's chart, all complaints, whole days: see unit_ewma)
 * weighs the last em_ewma_days days at em_ewma_lambda against the rate of
 * a baseline guard-banded by those days, lifted with the rest of its
 * level; its gamma tail, Bonferroni over the sector's regions, alerts at
 * em_ewma_p_max. The three kinds of test share one episode per unit: the
 * first to pass opens it, later passes of any of them only update it, and
 * the alert's `chart` says which raised it. The days of every window a
 * unit's test passed on leave that unit's window baselines (a region's
 * also its sector's: em_exclude_alerted), as Farrington's method
 * down-weights past outbreaks, so a second rise weeks after a first is
 * judged against ordinary weeks, not against the first. An emerging
 * episode closes only once the complaints
 * that raised it have left every window tested; a test passing on a window
 * without any complaint of the episode's last report opens a new episode
 * (a new rise, not the old one's growth). One alert per
 * phenomenon: a sector and its
 * regions do not both open an episode. Complaints a merchant's episode takes
 * leave the emerging counts, also those that came before it opened: a wave
 * of clusters at single shops is so many interviews, not an emerging issue.
 *
 * Complaints that name no merchant but whose text names the trade (一家健身房
 *跑路了: det_obs.text_sector) count toward the emerging units of that sector
 * and of its sector x region, in the counts and in the baselines and
 * denominators alike, never toward interviews or warnings. Conservatively:
 * those of one sector x region and day are taken as from one unknown
 * merchant, of which one counts (an unnamed gym's closure, its members
 * calling one after another, is no rise across merchants); they add to the
 * count but never to the distinct merchants a rise needs; and in a window
 * they add at most as many as the named merchants' complaints, so a rise is
 * carried by named merchants at least half.
 *
 * Everything is a pure function of the observation sequence: no wall clock,
 * event time only; ids derive from merchant/sector, issue and start date.
 * Memory is bounded by evicting merchants quiet for a whole baseline. */
#include "detect.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "draft.h"
#include "hmap.h"
#include "stats.h"

#define RING 64 /* days of per-day counts kept: baseline + longest window */
#define MAXWIN 8
#define DAY CLOCK_MS_PER_DAY
#define HOUR CLOCK_MS_PER_HOUR

/* Emerging topics: every issue, then the tags that describe a kind of
 * consumption (refund, punitive demands and out-of-scope do not). */
#define TOPIC_N (ISSUE_N + TAG_N)
#define EM_TAGS                                                                                                \
    (TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE) | TAG_BIT(TAG_ONLINE) | TAG_BIT(TAG_LIVESTREAM) |              \
     TAG_BIT(TAG_TAKEOUT) | TAG_BIT(TAG_ELDERLY))

enum { T_INTERVIEW, T_WARNING, T_EMERGING };
enum { EM_WINDOWS, EM_CUSUM, EM_EWMA }; /* the emerging test that raised an alert */

typedef struct det_cfg {
    double p_max, p_max_urgent;
    int min_complainants;
    int64_t win[MAXWIN];
    int nwin;
    int baseline_days;
    double prior_sigma;    /* log-sd of merchant rates around the sector mean */
    double prior_rate;     /* per merchant-day when a sector has no data yet */
    double dispersion;     /* day-to-day gamma shape per day (0: Poisson) */
    int warmup_days;
    int quiet_days;
    int update_min_new;
    double update_ratio;
    int warn_prepaid, warn_food, warn_complainants, warn_growth_24h;
    double warn_amount;
    double em_p_max;
    int em_min_merchants, em_min_complainants, em_window_days, em_baseline_days;
    int em_per_merchant, em_cross, em_min_base_days, em_short_days, em_count_test, em_region_scan, em_min_base_n;
    int em_new_days; /* a merchant quiet this many days before is new (0: no new-merchant test) */
    int em_long_days; /* a longer window for slow rises, > em_window_days (0: none) */
    int em_cusum_days;     /* days the share CUSUM runs back (0: no chart) */
    double em_cusum_ratio; /* the rise of the share the chart is tuned to */
    double em_cusum_p_max; /* the chart's corrected bound exp(-S) that alerts */
    int em_ewma_days;      /* days the count EWMA weighs (0: no EWMA) */
    double em_ewma_lambda; /* its smoothing weight: memory of (2 - lambda) / lambda days */
    double em_ewma_p_max;  /* its corrected tail probability that alerts */
    double em_prior;
    int em_exclude_alerted; /* days a unit's episode was alerted leave its baselines (0: kept) */
    int max_ids;
    double min_ri; /* optional population-level control: recurrence interval in days (0: off) */
} det_cfg;

typedef struct ment {
    char *id;
    int64_t t;
    uint64_t who;
    double amount;
    unsigned tags;
    unsigned char issue, prof, has_amount, in_ep;
} ment;

typedef struct wrec {
    uint64_t who;
    int64_t first;
    unsigned char flags; /* 1 prepaid/closure, 2 food safety */
} wrec;

typedef struct episode {
    struct episode *next;
    char *aid, *wid;
    int issue, tz, warned;
    int64_t start_t, last_t, end_t, win_ms, last_sig;
    char **ids;
    size_t nids, capids;
    long ids_more;
    wrec *who;
    size_t nwho, capwho;
    long count, reported, w_reported;
    long prof; /* professional claimants' complaints among the ids: listed, not counted */
    double amount, expected, p, thr;
    int has_amount;
    long tagn[TAG_N];
    const char *reason;
} episode;

typedef struct merchant {
    char *key, *name;
    int sector, region, rtop;
    int32_t svote[SECTOR_N]; /* its complaints per sector: the majority is its sector */
    ment *e;
    size_t n, cap;
    int32_t rday[RING], rcnt[RING];
    long issue_cum[ISSUE_N], cum;
    int64_t last_t;
    episode *eps; /* open episodes, usually none or one */
    long em_refs; /* entries of emerging windows that point here: not evictable */
    int64_t em_day; /* the day em_nday counts: its complaints in emerging rings */
    int em_nday;
} merchant;

/* The complaints of one sector x top region that name no merchant are
 * held by a pseudo-merchant with key NULL (det_ctx.anon): it caps them a
 * day, is never tested for clusters, never evicted and
 * never counted among a rise's merchants. */
#define IS_ANON(m) (!(m)->key)
/* Emerging issues are looked for in each sector and, across all sectors,
 * in each region (a wave of prepaid closures over a district's gyms, salons
 * and schools alike; the whole stream's level is their prior, not tested):
 * the cross-sector level's index, beside the sectors'. */
#define SECTOR_ALL SECTOR_N
#define EM_LEVELS (SECTOR_N + 1)
/* Their complaints counted a day: one, as if all came from one unknown
 * shop (an unnamed gym's closure, a dozen members calling, is no rise
 * across merchants). */
#define EM_UNNAMED_PER_DAY 1

typedef struct eent {
    char *id;
    int64_t t;
    int issue;
    merchant *m;
    uint64_t who;
    uint64_t mh; /* the merchant key's hash (unit_window's per-merchant cap) */
    unsigned tags;
    int region;
    double amount;
    int fresh; /* from a new merchant (see emerging_observe) */
} eent;

typedef struct dring {
    int32_t rday[RING], rcnt[RING];
} dring;

/* One emerging-issue unit: an issue in a sector, or in a sector within one
 * region (`region` >= 0); its share is taken of the complaints in `den`. */
typedef struct eunit {
    int sector, topic, region; /* topic: an issue, or ISSUE_N + a tag */
    dring *den;
    dring *fden; /* the new merchants' complaints of den */
    eent *q;
    size_t head, n, cap;
    hmap *wc; /* complainants in q, with their complaints there */
    int32_t rday[RING], rcnt[RING];
    int32_t fday[RING], fcnt[RING]; /* the new merchants' complaints a day */
    int32_t xday[RING]; /* days its episodes were alerted on: left out of its baselines */
    /* emerging episode */
    char *eid;
    int64_t last_sig;
    int64_t rep_start, rep_end; /* the first and latest complaints the episode's last report listed */
    long reported;
    int tested_days; /* window of the strongest test when last reported */
    long tested_k;   /* the unit's count in that window */
    int tested_new;  /* that count is of new merchants' complaints */
    int chart;       /* the test that raised the last report: EM_WINDOWS, EM_CUSUM, EM_EWMA */
    double chart_s;  /* the CUSUM, or the EWMA standardised, when it raised the last report */
    double chart_h;  /* the value that alerts, on the same scale */
    double chart_p0; /* the CUSUM's baseline share; the EWMA's expected daily count */
    double chart_z, chart_m; /* the EWMA and its expectation */
    int open_regions; /* sector unit: its region units with an open episode */
} eunit;

struct det_ctx {
    det_cfg c;
    hmap *merchants;
    char **regions;
    size_t nregions, capregions;
    hmap *region_ix;
    dring sring[SECTOR_N];
    dring esring[EM_LEVELS]; /* per sector (and all sectors), what the emerging rings count */
    dring gissue[TOPIC_N], gall; /* all sectors: per topic and in total */
    dring gfresh[TOPIC_N];       /* all sectors: new merchants' complaints per topic */
    dring fsring[EM_LEVELS];     /* per sector, new merchants' complaints (every topic) */
    hmap *rrings; /* sector x top region -> dring[2]: counted complaints, new merchants' */
    hmap *runits; /* sector x top region x issue -> eunit */
    hmap *anon;   /* sector x top region -> pseudo-merchant (IS_ANON) */
    long smerch[SECTOR_N];
    int sregions[EM_LEVELS]; /* regions seen per sector: the region scan's size */
    eunit *units[EM_LEVELS][TOPIC_N];
    int have_start, tz;
    int64_t start_day, now, sweep_day;
    /* Complaints counted toward emerging issues by local hour of day: how
     * a day's volume spreads over its hours (see day_share). */
    double hod[24];
    uint64_t *set;
    size_t setcap;
    det_counters k;
    /* Tests run per day (merchant and emerging), for recurrence intervals:
     * today's running count and a smoothed daily rate. */
    int64_t test_day;
    double tests_today[2], tests_rate[2];
};

/* ---- configuration ---- */

static void cfg_defaults(det_cfg *c)
{
    c->p_max = 5e-5;
    c->p_max_urgent = 2e-4;
    c->min_complainants = 3;
    c->win[0] = 24 * HOUR;
    c->win[1] = 72 * HOUR;
    c->win[2] = 168 * HOUR;
    c->win[3] = 336 * HOUR;
    c->nwin = 4;
    c->baseline_days = 42;
    c->prior_sigma = 1.5;
    c->prior_rate = 0.02;
    c->dispersion = 10;
    c->warmup_days = 3;
    c->quiet_days = 7;
    c->update_min_new = 2;
    c->update_ratio = 0.25;
    c->warn_prepaid = 5;
    c->warn_food = 3;
    c->warn_complainants = 10;
    c->warn_growth_24h = 6;
    c->warn_amount = 100000;
    c->em_p_max = 7e-4;
    c->em_min_merchants = 4;
    c->em_min_complainants = 5;
    c->em_window_days = 7;
    c->em_baseline_days = 28;
    c->em_per_merchant = 2;
    c->em_cross = 1;
    c->em_min_base_days = 14;
    c->em_short_days = 3;
    c->em_count_test = 1;
    c->em_prior = 400;
    c->em_region_scan = 1;
    c->em_min_base_n = 20;
    c->em_new_days = 14;
    c->em_long_days = 14;
    c->em_cusum_days = 0;
    c->em_cusum_ratio = 1.5;
    c->em_cusum_p_max = 1e-4;
    c->em_ewma_days = 0;
    c->em_ewma_lambda = 0.2;
    c->em_ewma_p_max = 3e-5;
    c->em_exclude_alerted = 1;
    c->max_ids = 500;
    c->min_ri = 5;
}

typedef struct cfg_key {
    const char *name;
    char kind; /* d double, i int */
    size_t off;
    double lo, hi;
} cfg_key;

#define K(n, k, f, lo, hi) {n, k, offsetof(det_cfg, f), lo, hi}
static const cfg_key cfg_keys[] = {
    K("p_max", 'd', p_max, 0, 1),
    K("p_max_urgent", 'd', p_max_urgent, 0, 1),
    K("min_complainants", 'i', min_complainants, 1, 1000),
    K("baseline_days", 'i', baseline_days, 7, 42),
    K("prior_sigma", 'd', prior_sigma, 0.1, 4),
    K("dispersion", 'd', dispersion, 0, 1e6),
    K("prior_rate", 'd', prior_rate, 1e-6, 1000),
    K("warmup_days", 'i', warmup_days, 0, 60),
    K("quiet_days", 'i', quiet_days, 1, 60),
    K("update_min_new", 'i', update_min_new, 1, 1000),
    K("update_ratio", 'd', update_ratio, 0, 10),
    K("warn_prepaid_complainants", 'i', warn_prepaid, 1, 100000),
    K("warn_food_complainants", 'i', warn_food, 1, 100000),
    K("warn_complainants", 'i', warn_complainants, 1, 100000),
    K("warn_growth_24h", 'i', warn_growth_24h, 1, 100000),
    K("warn_amount", 'd', warn_amount, 0, 1e12),
    K("emerging_p_max", 'd', em_p_max, 0, 1),
    K("emerging_min_merchants", 'i', em_min_merchants, 1, 100000),
    K("emerging_min_complainants", 'i', em_min_complainants, 1, 100000),
    K("emerging_window_days", 'i', em_window_days, 1, 14),
    K("emerging_baseline_days", 'i', em_baseline_days, 7, 42),
    K("emerging_per_merchant", 'i', em_per_merchant, 1, 100),
    K("emerging_cross_sector", 'i', em_cross, 0, 1),
    K("emerging_min_base_days", 'i', em_min_base_days, 0, 42),
    K("emerging_short_window_days", 'i', em_short_days, 0, 13),
    K("emerging_count_test", 'i', em_count_test, 0, 1),
    K("emerging_prior_strength", 'd', em_prior, 0.1, 1e6),
    K("emerging_region_scan", 'i', em_region_scan, 0, 1),
    K("emerging_min_base_complaints", 'i', em_min_base_n, 0, 100000),
    K("emerging_new_merchant_days", 'i', em_new_days, 0, 42),
    K("emerging_long_window_days", 'i', em_long_days, 0, 21),
    K("emerging_cusum_days", 'i', em_cusum_days, 0, 21),
    K("emerging_cusum_ratio", 'd', em_cusum_ratio, 1.05, 100),
    K("emerging_cusum_p_max", 'd', em_cusum_p_max, 0, 1),
    K("emerging_ewma_days", 'i', em_ewma_days, 0, 21),
    K("emerging_ewma_lambda", 'd', em_ewma_lambda, 0.05, 1),
    K("emerging_ewma_p_max", 'd', em_ewma_p_max, 0, 1),
    K("emerging_exclude_alerted", 'i', em_exclude_alerted, 0, 1),
    K("max_ids", 'i', max_ids, 10, 100000),
    K("min_recurrence_days", 'd', min_ri, 0, 1e6),
};

static qs_rc cfg_parse(det_cfg *c, const cJSON *j, qs_err *err)
{
    cfg_defaults(c);
    if (!j)
        return QS_OK;
    if (!cJSON_IsObject(j))
        return qs_fail(err, QS_ECONFIG, "config: \"detect\" must be an object");
    for (const cJSON *it = j->child; it; it = it->next) {
        if (it->string[0] == '_')
            continue; /* "_comment" and the like */
        if (strcmp(it->string, "windows_hours") == 0) {
            if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) < 1 || cJSON_GetArraySize(it) > MAXWIN)
                return qs_fail(err, QS_ECONFIG, "config: detect.windows_hours must be an array of 1..%d numbers", MAXWIN);
            c->nwin = 0;
            for (const cJSON *w = it->child; w; w = w->next) {
                if (!cJSON_IsNumber(w) || w->valuedouble < 1 || w->valuedouble > 24 * 14)
                    return qs_fail(err, QS_ECONFIG, "config: detect.windows_hours entries must be 1..336");
                c->win[c->nwin++] = (int64_t)(w->valuedouble * (double)HOUR);
            }
            continue;
        }
        size_t i;
        for (i = 0; i < sizeof cfg_keys / sizeof *cfg_keys; i++)
            if (strcmp(it->string, cfg_keys[i].name) == 0)
                break;
        if (i == sizeof cfg_keys / sizeof *cfg_keys)
            return qs_fail(err, QS_ECONFIG, "config: unknown key detect.%s", it->string);
        const cfg_key *k = &cfg_keys[i];
        if (!cJSON_IsNumber(it) || it->valuedouble < k->lo || it->valuedouble > k->hi)
            return qs_fail(err, QS_ECONFIG, "config: detect.%s must be a number in [%g, %g]", k->name, k->lo, k->hi);
        if (k->kind == 'd')
            *(double *)((char *)c + k->off) = it->valuedouble;
        else
            *(int *)((char *)c + k->off) = (int)it->valuedouble;
    }
    return QS_OK;
}

qs_rc det_effective_config(const cJSON *section, cJSON **out, qs_err *err)
{
    det_cfg c;
    qs_rc rc = cfg_parse(&c, section, err);
    if (rc != QS_OK)
        return rc;
    cJSON *eff = cJSON_CreateObject(), *w = cJSON_AddArrayToObject(eff, "windows_hours");
    int ok = eff && w;
    for (int i = 0; ok && i < c.nwin; i++) {
        cJSON *n = cJSON_CreateNumber((double)c.win[i] / (double)HOUR);
        ok = n && cJSON_AddItemToArray(w, n);
        if (!ok)
            cJSON_Delete(n);
    }
    /* every other key from the same table cfg_parse reads, so they cannot drift */
    for (size_t i = 0; ok && i < sizeof cfg_keys / sizeof *cfg_keys; i++) {
        const char *f = (const char *)&c + cfg_keys[i].off;
        double v = cfg_keys[i].kind == 'd' ? *(const double *)f : *(const int *)f;
        ok = cJSON_AddNumberToObject(eff, cfg_keys[i].name, v) != NULL;
    }
    if (!ok) {
        cJSON_Delete(eff);
        return qs_fail(err, QS_ENOMEM, "out of memory");
    }
    *out = eff;
    return QS_OK;
}

/* ---- small helpers ---- */

static int64_t day_of(const det_ctx *d, int64_t t)
{
    return clock_local_day(t, d->tz);
}

static void ring_add(int32_t *rday, int32_t *rcnt, int64_t day, int64_t today)
{
    if (day < today - (RING - 1) || day < 0)
        return; /* older than the ring holds: too late to matter */
    size_t i = (size_t)(day % RING);
    if (rday[i] != (int32_t)day) {
        rday[i] = (int32_t)day;
        rcnt[i] = 0;
    }
    rcnt[i]++;
}

/* Takes back one count of `day` (a complaint withdrawn from a ring), if the
 * ring still holds that day. */
static void ring_sub(int32_t *rday, int32_t *rcnt, int64_t day)
{
    if (day < 0)
        return;
    size_t i = (size_t)(day % RING);
    if (rday[i] == (int32_t)day && rcnt[i] > 0)
        rcnt[i]--;
}

static long ring_sum(const int32_t *rday, const int32_t *rcnt, int64_t from, int64_t to)
{
    long s = 0;
    for (int64_t day = from < 0 ? 0 : from; day <= to; day++) {
        size_t i = (size_t)(day % RING);
        if (rday[i] == (int32_t)day)
            s += rcnt[i];
    }
    return s;
}

/* ring_sum over the days not marked in `x` (a day is marked when x holds
 * it); x NULL: every day. */
static long ring_sum_x(const int32_t *rday, const int32_t *rcnt, int64_t from, int64_t to, const int32_t *x)
{
    long s = 0;
    for (int64_t day = from < 0 ? 0 : from; day <= to; day++) {
        size_t i = (size_t)(day % RING);
        if (rday[i] == (int32_t)day && !(x && x[i] == (int32_t)day))
            s += rcnt[i];
    }
    return s;
}

/* The days from..to not marked in `x`. */
static long days_x(int64_t from, int64_t to, const int32_t *x)
{
    long n = 0;
    for (int64_t day = from < 0 ? 0 : from; day <= to; day++)
        n += !(x && x[day % RING] == (int32_t)day);
    return n;
}

static uint64_t who_hash(const det_obs *o)
{
    uint64_t h = o->complainant && *o->complainant ? hmap_hash(o->complainant, strlen(o->complainant))
                                                   : hmap_hash(o->id, strlen(o->id)) ^ 0x9e3779b97f4a7c15ULL;
    return h ? h : 1;
}

/* Distinct-value counting with a scratch open-addressing set in the context. */
static int set_reset(det_ctx *d, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n + 2)
        cap *= 2;
    if (cap > d->setcap) {
        uint64_t *s = realloc(d->set, cap * sizeof *s);
        if (!s)
            return -1;
        d->set = s;
        d->setcap = cap;
    }
    memset(d->set, 0, cap * sizeof *d->set);
    d->setcap = cap;
    return 0;
}

static int set_add(det_ctx *d, uint64_t v)
{
    size_t m = d->setcap - 1, i = (size_t)(v * 0x9e3779b97f4a7c15ULL >> 17) & m;
    while (d->set[i]) {
        if (d->set[i] == v)
            return 0;
        i = (i + 1) & m;
    }
    d->set[i] = v;
    return 1;
}

static int set_has(const det_ctx *d, uint64_t v)
{
    size_t m = d->setcap - 1, i = (size_t)(v * 0x9e3779b97f4a7c15ULL >> 17) & m;
    while (d->set[i]) {
        if (d->set[i] == v)
            return 1;
        i = (i + 1) & m;
    }
    return 0;
}

static int region_intern(det_ctx *d, const char *r)
{
    if (!r || !*r)
        return -1;
    void **slot;
    int added;
    if (hmap_put(d->region_ix, r, strlen(r), &slot, &added) < 0)
        return -2;
    if (!added)
        return (int)(intptr_t)*slot;
    if (d->nregions == d->capregions) {
        size_t cap = d->capregions ? d->capregions * 2 : 16;
        char **a = realloc(d->regions, cap * sizeof *a);
        if (!a) {
            hmap_del(d->region_ix, r, strlen(r));
            return -2;
        }
        d->regions = a;
        d->capregions = cap;
    }
    char *s = strdup(r);
    if (!s) {
        hmap_del(d->region_ix, r, strlen(r));
        return -2;
    }
    d->regions[d->nregions] = s;
    *slot = (void *)(intptr_t)d->nregions;
    return (int)d->nregions++;
}

/* ---- lifecycle ---- */

det_ctx *det_new(const struct cJSON *config, qs_err *err)
{
    det_ctx *d = calloc(1, sizeof *d);
    if (!d) {
        qs_fail(err, QS_ENOMEM, "out of memory creating the detector");
        return NULL;
    }
    if (cfg_parse(&d->c, config, err) != QS_OK) {
        free(d);
        return NULL;
    }
    d->merchants = hmap_new();
    d->region_ix = hmap_new();
    d->rrings = hmap_new();
    d->runits = hmap_new();
    d->anon = hmap_new();
    if (!d->merchants || !d->region_ix || !d->rrings || !d->runits || !d->anon) {
        det_free(d);
        qs_fail(err, QS_ENOMEM, "out of memory creating the detector");
        return NULL;
    }
    for (int s = 0; s < EM_LEVELS; s++)
        for (int i = 0; i < RING; i++) {
            if (s < SECTOR_N)
                d->sring[s].rday[i] = -1;
            d->esring[s].rday[i] = d->fsring[s].rday[i] = -1;
        }
    for (int s = 0; s < TOPIC_N; s++)
        for (int i = 0; i < RING; i++)
            d->gissue[s].rday[i] = d->gfresh[s].rday[i] = -1;
    for (int i = 0; i < RING; i++)
        d->gall.rday[i] = -1;
    return d;
}

static void episode_free(episode *ep)
{
    if (!ep)
        return;
    episode_free(ep->next);
    for (size_t i = 0; i < ep->nids; i++)
        free(ep->ids[i]);
    free(ep->ids);
    free(ep->who);
    free(ep->aid);
    free(ep->wid);
    free(ep);
}

static void merchant_free(merchant *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->e[i].id);
    free(m->e);
    episode_free(m->eps);
    free(m->key);
    free(m->name);
    free(m);
}

static void unit_free(eunit *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->n; i++)
        free(u->q[(u->head + i) % u->cap].id);
    free(u->q);
    hmap_free(u->wc);
    free(u->eid);
    free(u);
}

static void merchant_free_v(void *v)
{
    merchant_free(v);
}

static void unit_free_v(void *v)
{
    unit_free(v);
}

void det_free(det_ctx *d)
{
    if (!d)
        return;
    hmap_free_all(d->merchants, merchant_free_v);
    for (size_t i = 0; i < d->nregions; i++)
        free(d->regions[i]);
    free(d->regions);
    hmap_free(d->region_ix);
    for (int s = 0; s < EM_LEVELS; s++)
        for (int i = 0; i < TOPIC_N; i++)
            unit_free(d->units[s][i]);
    hmap_free_all(d->runits, unit_free_v);
    hmap_free_all(d->anon, merchant_free_v);
    hmap_free_all(d->rrings, free);
    free(d->set);
    free(d);
}

void det_get_counters(const det_ctx *d, det_counters *out)
{
    *out = d->k;
    out->merchants = (long)hmap_count(d->merchants);
}

/* ---- alert events ---- */

/* Count one test of the given family (0 merchant, 1 emerging) for the
 * recurrence interval; the daily rate is smoothed over about a week. */
static void count_test(det_ctx *d, int fam)
{
    int64_t today = day_of(d, d->now);
    if (today != d->test_day) {
        for (int f = 0; f < 2; f++) {
            double r = d->tests_today[f];
            /* Days with no test at all (gaps in the stream) count as zero. */
            for (int64_t g = d->test_day + 1; g < today && g < d->test_day + 8; g++)
                d->tests_rate[f] = stats_ewma(d->tests_rate[f], 0, 0.25);
            d->tests_rate[f] = d->tests_rate[f] > 0 ? stats_ewma(d->tests_rate[f], r, 0.25) : r;
            d->tests_today[f] = 0;
        }
        d->test_day = today;
    }
    d->tests_today[fam] += 1;
}

/* SaTScan's recurrence interval: a signal this strong arises by chance once
 * in this many days, given how many tests a day the stream makes. Rounded to
 * a day; capped at a million years to stay printable. */
static double recurrence(const det_ctx *d, int fam, double p)
{
    double per_day = d->tests_rate[fam] > d->tests_today[fam] ? d->tests_rate[fam] : d->tests_today[fam];
    if (per_day < 1)
        per_day = 1;
    double ri = p > 0 ? 1.0 / (p * per_day) : 3.65e8;
    return ri > 3.65e8 ? 3.65e8 : round(ri * 10) / 10;
}

static int add_time(cJSON *o, const char *name, int64_t t, int tz)
{
    char buf[40];
    clock_format(t, tz, buf, sizeof buf);
    return cJSON_AddStringToObject(o, name, buf) != NULL;
}

static cJSON *tags_json(const long *tagn, long total)
{
    cJSON *a = cJSON_CreateArray();
    if (!a)
        return NULL;
    for (int t = 0; t < TAG_N; t++) {
        /* A tag describes the cluster when a third of its complaints carry it. */
        if (tagn[t] > 0 && 3 * tagn[t] >= total) {
            cJSON *s = cJSON_CreateString(tax_tag_code((tax_tag)t));
            if (!s || !cJSON_AddItemToArray(a, s)) {
                cJSON_Delete(s);
                cJSON_Delete(a);
                return NULL;
            }
        }
    }
    return a;
}

static unsigned tags_mask(const long *tagn, long total)
{
    unsigned m = 0;
    for (int t = 0; t < TAG_N; t++)
        if (tagn[t] > 0 && 3 * tagn[t] >= total)
            m |= TAG_BIT(t);
    return m;
}

static long ep_complainants(const episode *ep, unsigned char flag)
{
    long n = 0;
    for (size_t i = 0; i < ep->nwho; i++)
        if (!flag || (ep->who[i].flags & flag))
            n++;
    return n;
}

/* Complete a built alert (ok: built so far without running out of memory):
 * with in, its reason (when given) and warning draft; then count it in
 * *counter and hand it to emit. Takes ownership of a. */
static qs_rc alert_finish(cJSON *a, int ok, const draft_info *in, const char *reason, long *counter,
                          det_emit_fn emit, void *ud, qs_err *err)
{
    if (ok && in) {
        char *dr = draft_warning(in, err);
        if (!dr) {
            cJSON_Delete(a);
            return err ? err->rc : QS_ENOMEM;
        }
        ok = (!reason || cJSON_AddStringToObject(a, "reason", reason)) &&
             cJSON_AddStringToObject(a, "draft", dr);
        free(dr);
    }
    if (!ok) {
        cJSON_Delete(a);
        return qs_fail(err, QS_ENOMEM, "out of memory building an alert");
    }
    (*counter)++;
    return emit(ud, a, err);
}

static qs_rc emit_episode(det_ctx *d, merchant *m, episode *ep, int type, int update, const char *trigger,
                          det_emit_fn emit, void *ud, qs_err *err)
{
    cJSON *a = cJSON_CreateObject();
    if (!a)
        return qs_fail(err, QS_ENOMEM, "out of memory building an alert");
    long who = ep_complainants(ep, 0);
    int ok = cJSON_AddStringToObject(a, "event", "alert") &&
             cJSON_AddStringToObject(a, "alert_id", type == T_WARNING ? ep->wid : ep->aid) &&
             cJSON_AddStringToObject(a, "type", type == T_WARNING ? "warning" : "interview") &&
             cJSON_AddBoolToObject(a, "update", update) &&
             cJSON_AddStringToObject(a, "merchant_key", m->key) &&
             (m->name ? cJSON_AddStringToObject(a, "merchant_name", m->name)
                      : cJSON_AddNullToObject(a, "merchant_name")) &&
             cJSON_AddStringToObject(a, "issue", tax_issue_code((tax_issue)ep->issue));
    cJSON *tags = ok ? tags_json(ep->tagn, ep->count) : NULL;
    ok = ok && tags && cJSON_AddItemToObject(a, "tags", tags);
    if (!ok)
        cJSON_Delete(tags);
    ok = ok && cJSON_AddStringToObject(a, "sector", tax_sector_code((tax_sector)m->sector)) &&
         (m->region >= 0 ? cJSON_AddStringToObject(a, "region", d->regions[m->region])
                         : cJSON_AddNullToObject(a, "region")) &&
         cJSON_AddNumberToObject(a, "count", (double)ep->count) &&
         cJSON_AddNumberToObject(a, "complainants", (double)who) &&
         cJSON_AddNumberToObject(a, "professional_count", (double)ep->prof) &&
         (ep->has_amount ? cJSON_AddNumberToObject(a, "amount_total", ep->amount)
                         : cJSON_AddNullToObject(a, "amount_total"));
    cJSON *win = ok ? cJSON_AddObjectToObject(a, "window") : NULL;
    ok = ok && win && add_time(win, "start", ep->start_t, ep->tz) && add_time(win, "end", ep->end_t, ep->tz) &&
         cJSON_AddNumberToObject(win, "tested_hours", (double)(ep->win_ms / HOUR)) &&
         cJSON_AddNumberToObject(a, "expected", round(ep->expected * 1000) / 1000) &&
         cJSON_AddNumberToObject(a, "p_value", ep->p) &&
         cJSON_AddNumberToObject(a, "p_threshold", ep->thr) &&
         cJSON_AddNumberToObject(a, "recurrence_days", recurrence(d, 0, ep->p));
    cJSON *ids = ok ? cJSON_AddArrayToObject(a, "complaint_ids") : NULL;
    ok = ok && ids;
    for (size_t i = 0; ok && i < ep->nids; i++) {
        cJSON *s = cJSON_CreateString(ep->ids[i]);
        ok = s && cJSON_AddItemToArray(ids, s);
        if (!ok)
            cJSON_Delete(s);
    }
    ok = ok && (!ep->ids_more || cJSON_AddNumberToObject(a, "complaint_ids_omitted", (double)ep->ids_more)) &&
         cJSON_AddStringToObject(a, "trigger_id", trigger);
    draft_info in = {
        .merchant_name = m->name ? m->name : m->key,
        .sector = (tax_sector)m->sector,
        .region = m->region >= 0 ? d->regions[m->region] : NULL,
        .issue = (tax_issue)ep->issue,
        .tags = tags_mask(ep->tagn, ep->count),
        .count = ep->count,
        .complainants = who,
        .merchants = 1,
        .amount_total = ep->amount,
        .start_ms = ep->start_t,
        .end_ms = ep->end_t,
        .tz_min = ep->tz,
    };
    return alert_finish(a, ok, type == T_WARNING ? &in : NULL, ep->reason,
                        update ? &d->k.updates : &d->k.alerts[type], emit, ud, err);
}

/* ---- episodes ---- */

static int ep_add_id(det_ctx *d, episode *ep, const char *id)
{
    if (ep->nids >= (size_t)d->c.max_ids) {
        ep->ids_more++;
        return 0;
    }
    if (ep->nids == ep->capids) {
        size_t cap = ep->capids ? ep->capids * 2 : 16;
        char **a = realloc(ep->ids, cap * sizeof *a);
        if (!a)
            return -1;
        ep->ids = a;
        ep->capids = cap;
    }
    char *s = strdup(id);
    if (!s)
        return -1;
    ep->ids[ep->nids++] = s;
    return 0;
}

/* Count one complaint into the episode (ids always; totals when counted). */
static int ep_add(det_ctx *d, episode *ep, const ment *e)
{
    if (ep_add_id(d, ep, e->id) < 0)
        return -1;
    if (e->prof) {
        ep->prof++;
        return 0;
    }
    ep->count++;
    if (e->has_amount) {
        ep->amount += e->amount;
        ep->has_amount = 1;
    }
    for (int t = 0; t < TAG_N; t++)
        if (e->tags & TAG_BIT(t))
            ep->tagn[t]++;
    if (e->t > ep->last_t)
        ep->last_t = e->t;
    if (e->t > ep->end_t)
        ep->end_t = e->t;
    if (e->t < ep->start_t)
        ep->start_t = e->t;
    unsigned char fl = (unsigned char)(((e->tags & (TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE))) ? 1 : 0) |
                                       (e->issue == ISSUE_FOOD_SAFETY ? 2 : 0));
    for (size_t i = 0; i < ep->nwho; i++)
        if (ep->who[i].who == e->who) {
            ep->who[i].flags |= fl;
            return 0;
        }
    if (ep->nwho == ep->capwho) {
        size_t cap = ep->capwho ? ep->capwho * 2 : 16;
        wrec *a = realloc(ep->who, cap * sizeof *a);
        if (!a)
            return -1;
        ep->who = a;
        ep->capwho = cap;
    }
    ep->who[ep->nwho++] = (wrec){e->who, e->t, fl};
    return 0;
}

/* Why the episode warrants a consumer warning, or NULL. */
static const char *severity(const det_ctx *d, const episode *ep)
{
    if (ep_complainants(ep, 1) >= d->c.warn_prepaid)
        return "closure_prepaid";
    if (ep_complainants(ep, 2) >= d->c.warn_food)
        return "food_safety";
    if (ep_complainants(ep, 0) >= d->c.warn_complainants)
        return "complainants";
    if (ep->has_amount && ep->amount >= d->c.warn_amount)
        return "amount";
    long recent = 0;
    for (size_t i = 0; i < ep->nwho; i++)
        if (ep->who[i].first > ep->end_t - 24 * HOUR)
            recent++;
    if (recent >= d->c.warn_growth_24h)
        return "growth";
    return NULL;
}

static int grew(const det_ctx *d, long now, long reported)
{
    long need = (long)ceil(d->c.update_ratio * (double)reported);
    if (need < d->c.update_min_new)
        need = d->c.update_min_new;
    return now >= reported + need;
}

/* Report a fresh episode, or its material growth while it is still in
 * excess, and escalate to a warning once it is severe. */
static qs_rc ep_check(det_ctx *d, merchant *m, episode *ep, int fresh, const char *trigger, det_emit_fn emit,
                      void *ud, qs_err *err)
{
    long who = ep_complainants(ep, 0);
    int live = ep->last_sig == d->now;
    qs_rc rc;
    if (fresh) {
        ep->reported = who;
        if ((rc = emit_episode(d, m, ep, T_INTERVIEW, 0, trigger, emit, ud, err)) != QS_OK)
            return rc;
    } else if (live && grew(d, who, ep->reported)) {
        ep->reported = who;
        if ((rc = emit_episode(d, m, ep, T_INTERVIEW, 1, trigger, emit, ud, err)) != QS_OK)
            return rc;
    }
    if (!ep->warned) {
        const char *why = severity(d, ep);
        if (why && (fresh || live)) {
            ep->warned = 1;
            ep->reason = why;
            ep->w_reported = who;
            return emit_episode(d, m, ep, T_WARNING, 0, trigger, emit, ud, err);
        }
    } else if (live && grew(d, who, ep->w_reported)) {
        ep->w_reported = who;
        return emit_episode(d, m, ep, T_WARNING, 1, trigger, emit, ud, err);
    }
    return QS_OK;
}

static char *make_id(char kind, const char *key, const char *issue, int64_t t, int tz)
{
    char date[40];
    clock_format(t, tz, date, sizeof date);
    /* YYYY-MM-DD -> YYYYMMDD */
    char ymd[9] = {date[0], date[1], date[2], date[3], date[5], date[6], date[8], date[9], 0};
    size_t n = strlen(key) + strlen(issue) + 32;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%c-%s-%s-%s", kind, key, issue, ymd);
    return s;
}

/* ---- the merchant test ---- */

typedef struct test_res {
    double p, expected;
    long k;
    int issue; /* -1: all issues */
    int64_t win;
    int urgent;
} test_res;

static int is_urgent(const ment *e)
{
    return (e->tags & (TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE))) || e->issue == ISSUE_FOOD_SAFETY;
}

/* Distinct complainants among the merchant's counted complaints in (ws, now]
 * of one issue (or all, issue < 0), skipping those already in an episode
 * unless `with_ep`. */
static int window_count(det_ctx *d, const merchant *m, int64_t ws, int issue, int with_ep, long *k, long *urg)
{
    if (set_reset(d, m->n) < 0)
        return -1;
    *k = *urg = 0;
    for (size_t i = 0; i < m->n; i++) {
        const ment *e = &m->e[i];
        if (e->prof || e->t <= ws || e->t > d->now || (issue >= 0 && e->issue != issue) || (e->in_ep && !with_ep))
            continue;
        if (set_add(d, e->who)) {
            (*k)++;
            *urg += is_urgent(e);
        }
    }
    return 0;
}

/* Tests the merchant's recent windows against its posterior rate. With
 * `only_issue` >= 0 just that issue's family is tested (an open episode
 * refreshing itself, its own complaints included); otherwise the all-issue
 * family and `issue`'s family, complaints of open episodes excluded. The
 * p-value is Bonferroni-corrected over every window and family tested. */
static int merchant_test(det_ctx *d, merchant *m, int issue, int only_issue, test_res *best)
{
    const det_cfg *c = &d->c;
    int64_t now = d->now, today = day_of(d, now);
    int B = c->baseline_days;
    int s = m->sector;
    best->p = 2.0;
    best->k = 0;
    int ntests = 0;
    for (int w = 0; w < c->nwin; w++) {
        int64_t ws = now - c->win[w];
        int64_t wsd = day_of(d, ws);
        if (wsd - d->start_day < c->warmup_days)
            continue; /* too little history before this window to judge it */
        int64_t T = wsd - d->start_day;
        T = T > B ? B : T;
        long n = ring_sum(m->rday, m->rcnt, wsd - B, wsd - 1);
        long sb = ring_sum(d->sring[s].rday, d->sring[s].rcnt, wsd - B, wsd - 1);
        /* Sector mean rate per merchant seen: merchants never complained
         * about are not counted, so this errs high, i.e. on the quiet side. */
        double rate = d->smerch[s] > 0 && sb > 0 ? (double)sb / ((double)T * (double)d->smerch[s]) : c->prior_rate;
        /* The sector's level over this window against its baseline: a
         * seasonal rise lifts every merchant's expectation (only upward, and
         * not by the merchant itself). Whole days, like the baseline. */
        double f = 1.0;
        if (T >= 7) {
            double days = (double)(today - wsd + 1);
            long s_win = ring_sum(d->sring[s].rday, d->sring[s].rcnt, wsd, today);
            long m_win = ring_sum(m->rday, m->rcnt, wsd, today);
            f = ((double)(s_win - m_win) + 5.0) / ((double)sb / (double)T * days + 5.0);
            f = f < 1.0 ? 1.0 : f > 4.0 ? 4.0 : f;
        }
        double wd = (double)c->win[w] / (double)DAY * f;
        for (int fam = 0; fam < 2; fam++) {
            int fi = only_issue >= 0 ? only_issue : fam == 0 ? -1 : issue;
            if (only_issue >= 0 && fam == 1)
                break;
            long k, urg;
            if (window_count(d, m, ws, fi, only_issue >= 0, &k, &urg) < 0)
                return -1;
            ntests++;
            if (k < c->min_complainants)
                continue;
            count_test(d, 0);
            /* An issue's share of the merchant's complaints, shrunk toward an
             * even split, thins its rate. */
            double q = fi < 0 ? 1.0 : ((double)m->issue_cum[fi] + 8.0 / ISSUE_N) / ((double)m->cum + 8.0);
            if (n >= 20 && T > 0) {
                /* A busy merchant's rate is known from its own history; when
                 * the count is within 2.5 sd of it (rate uncertainty and
                 * day-to-day dispersion included, rate taken 10 % low to
                 * allow for shrinkage), the tail is far above any threshold
                 * and the grid integral is skipped. */
                double mu = 0.9 * (double)n / (double)T * wd * q;
                double var = mu + mu * mu / (double)n + (c->dispersion > 0 ? mu * mu / (c->dispersion * wd) : 0);
                if ((double)k < mu + 2.5 * sqrt(var))
                    continue;
            }
            /* Day-to-day dispersion is a level shared by every issue of the
             * merchant: thinning to one issue keeps its gamma shape per day. */
            double mu, p = stats_lnp_sf(k, (double)n, (double)T, wd * q, rate, c->prior_sigma,
                                        c->dispersion > 0 ? c->dispersion / q : 0, &mu);
            if (p < best->p)
                *best = (test_res){p, mu, k, fi, c->win[w], 2 * urg >= k};
        }
    }
    best->p = ntests && best->p <= 1.0 ? fmin(1.0, best->p * ntests) : 1.0;
    return 0;
}

static int significant(const det_ctx *d, const test_res *r)
{
    return r->k >= d->c.min_complainants && r->p <= (r->urgent ? d->c.p_max_urgent : d->c.p_max) &&
           (d->c.min_ri <= 0 || recurrence(d, 0, r->p) >= d->c.min_ri);
}

static void emerging_withdraw(det_ctx *d, merchant *m);

static qs_rc open_episode(det_ctx *d, merchant *m, const test_res *r, const det_obs *o, det_emit_fn emit,
                          void *ud, qs_err *err)
{
    episode *ep = calloc(1, sizeof *ep);
    if (!ep)
        return qs_fail(err, QS_ENOMEM, "out of memory opening an episode");
    ep->tz = o->tz_min;
    ep->start_t = INT64_MAX;
    ep->end_t = INT64_MIN;
    ep->expected = r->expected;
    ep->p = r->p;
    ep->thr = r->urgent ? d->c.p_max_urgent : d->c.p_max;
    ep->win_ms = r->win;
    ep->last_sig = d->now;
    int64_t ws = d->now - r->win;
    long icount[ISSUE_N] = {0};
    for (size_t i = 0; i < m->n; i++) {
        ment *e = &m->e[i];
        if (e->in_ep || e->t <= ws || e->t > d->now || (r->issue >= 0 && e->issue != r->issue))
            continue;
        if (ep_add(d, ep, e) < 0) {
            episode_free(ep);
            return qs_fail(err, QS_ENOMEM, "out of memory opening an episode");
        }
        e->in_ep = 1;
        if (!e->prof)
            icount[e->issue]++;
    }
    int issue = r->issue;
    if (issue < 0) {
        issue = o->issue;
        for (int i = 0; i < ISSUE_N; i++)
            if (icount[i] > icount[issue])
                issue = i;
    }
    ep->issue = issue;
    ep->aid = make_id('A', m->key, tax_issue_code((tax_issue)issue), ep->start_t, ep->tz);
    ep->wid = make_id('W', m->key, tax_issue_code((tax_issue)issue), ep->start_t, ep->tz);
    if (!ep->aid || !ep->wid) {
        episode_free(ep);
        return qs_fail(err, QS_ENOMEM, "out of memory opening an episode");
    }
    if (m->em_refs)
        emerging_withdraw(d, m);
    ep->next = m->eps;
    m->eps = ep;
    d->k.episodes_open++;
    return ep_check(d, m, ep, 1, o->id, emit, ud, err);
}

/* The open episode a complaint belongs to: same issue, or a closure/prepaid
 * complaint joining a closure/prepaid episode (a closing shop draws
 * complaints filed under several issues). */
static episode *episode_for(merchant *m, const ment *e)
{
    unsigned urg = TAG_BIT(TAG_PREPAID) | TAG_BIT(TAG_CLOSURE);
    for (episode *ep = m->eps; ep; ep = ep->next)
        if (ep->issue == e->issue)
            return ep;
    if (e->tags & urg)
        for (episode *ep = m->eps; ep; ep = ep->next)
            if ((ep->tagn[TAG_PREPAID] + ep->tagn[TAG_CLOSURE]) * 2 >= ep->count)
                return ep;
    return NULL;
}

/* ---- emerging issues ---- */

/* The days a unit's window queue holds: the week, or the long window when
 * one is set longer. */
static int em_horizon(const det_cfg *c)
{
    int h = c->em_long_days > c->em_window_days ? c->em_long_days : c->em_window_days;
    h = c->em_ewma_days > h ? c->em_ewma_days : h;
    return c->em_cusum_days > h ? c->em_cusum_days : h;
}

/* An emerging alert reports the unit's complaints of the week, or of the
 * longer span tested (the long window, a chart's run): of these days. */
static int em_span_days(const det_ctx *d, const eunit *u)
{
    return u->tested_days > d->c.em_window_days ? u->tested_days : d->c.em_window_days;
}

static eunit *unit_new(int s, int issue, int region, dring *den, dring *fden)
{
    eunit *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->wc = hmap_new();
    if (!u->wc) {
        unit_free(u);
        return NULL;
    }
    for (int k = 0; k < RING; k++)
        u->rday[k] = u->fday[k] = u->xday[k] = -1;
    u->sector = s;
    u->topic = issue;
    u->region = region;
    u->den = den;
    u->fden = fden;
    return u;
}

/* The sector x region complaint ring, created on first use; the ring of
 * its new merchants' complaints follows it (returned + 1). */
static dring *rring_get(det_ctx *d, int s, int r)
{
    int key[2] = {s, r};
    void **slot;
    int added;
    if (hmap_put(d->rrings, (const char *)key, sizeof key, &slot, &added) < 0)
        return NULL;
    if (added) {
        dring *g = malloc(2 * sizeof *g);
        if (!g) {
            hmap_del(d->rrings, (const char *)key, sizeof key);
            return NULL;
        }
        for (int k = 0; k < RING; k++)
            g[0].rday[k] = g[1].rday[k] = -1;
        *slot = g;
        d->sregions[s]++;
    }
    return *slot;
}

static eunit *unit_get(det_ctx *d, int s, int issue, int r)
{
    if (r < 0) {
        if (!d->units[s][issue])
            d->units[s][issue] = unit_new(s, issue, -1, &d->esring[s], &d->fsring[s]);
        return d->units[s][issue];
    }
    int key[3] = {s, r, issue};
    void **slot;
    int added;
    if (hmap_put(d->runits, (const char *)key, sizeof key, &slot, &added) < 0)
        return NULL;
    if (added) {
        dring *den = rring_get(d, s, r);
        eunit *u = den ? unit_new(s, issue, r, den, den + 1) : NULL;
        if (!u) {
            hmap_del(d->runits, (const char *)key, sizeof key);
            return NULL;
        }
        *slot = u;
    }
    return *slot;
}

static long hcount_add(hmap *h, const char *key, size_t len, long delta)
{
    void **slot;
    int added;
    if (delta > 0) {
        if (hmap_put(h, key, len, &slot, &added) < 0)
            return -1;
    } else {
        slot = hmap_find(h, key, len);
        if (!slot)
            return 0;
    }
    long v = (long)(intptr_t)*slot + delta;
    if (v <= 0)
        hmap_del(h, key, len);
    else
        *slot = (void *)(intptr_t)v;
    return v;
}

static void unit_expire(det_ctx *d, eunit *u)
{
    int64_t cut = d->now - (int64_t)em_horizon(&d->c) * DAY;
    while (u->n && u->q[u->head].t <= cut) {
        eent *e = &u->q[u->head];
        hcount_add(u->wc, (const char *)&e->who, sizeof e->who, -1);
        e->m->em_refs--;
        free(e->id);
        u->head = (u->head + 1) % u->cap;
        u->n--;
    }
}

/* Whether the merchant's complaint `id` now belongs to one of its episodes. */
static int ment_in_ep(const merchant *m, const char *id)
{
    for (size_t i = m->n; i-- > 0;)
        if (strcmp(m->e[i].id, id) == 0)
            return m->e[i].in_ep;
    return 0;
}

/* Drops from a unit's window the merchant's complaints that its episode has
 * taken, with their counts in the unit's rings and (once per complaint: in
 * the unit of its issue) in the denominators. */
static void unit_withdraw(det_ctx *d, eunit *u, merchant *m)
{
    size_t j = 0;
    for (size_t i = 0; i < u->n; i++) {
        eent *e = &u->q[(u->head + i) % u->cap];
        if (e->m != m || !ment_in_ep(m, e->id)) {
            if (j != i)
                u->q[(u->head + j) % u->cap] = *e;
            j++;
            continue;
        }
        hcount_add(u->wc, (const char *)&e->who, sizeof e->who, -1);
        int64_t day = day_of(d, e->t);
        /* the all-sector rings once, with the complaint's own sector */
        int global = u->region < 0 && u->sector != SECTOR_ALL;
        ring_sub(u->rday, u->rcnt, day);
        if (global)
            ring_sub(d->gissue[u->topic].rday, d->gissue[u->topic].rcnt, day);
        if (e->fresh) {
            ring_sub(u->fday, u->fcnt, day);
            if (global)
                ring_sub(d->gfresh[u->topic].rday, d->gfresh[u->topic].rcnt, day);
        }
        if (u->topic == e->issue) {
            ring_sub(u->den->rday, u->den->rcnt, day);
            if (global)
                ring_sub(d->gall.rday, d->gall.rcnt, day);
            if (e->fresh)
                ring_sub(u->fden->rday, u->fden->rcnt, day);
        }
        m->em_refs--;
        free(e->id);
    }
    u->n = j;
}

/* A merchant's episode has opened: the complaints it takes were counted
 * toward emerging issues while they looked like single complaints, but a
 * cluster at one merchant explains them (a wave of shop closures is so many
 * interviews, not an emerging issue), so they leave the emerging windows,
 * whichever came first. */
static void emerging_withdraw(det_ctx *d, merchant *m)
{
    for (int s = 0; s < EM_LEVELS && m->em_refs; s++)
        for (int t = 0; t < TOPIC_N && m->em_refs; t++)
            if (d->units[s][t] && d->units[s][t]->n)
                unit_withdraw(d, d->units[s][t], m);
    size_t pos = 0;
    const char *key;
    size_t len;
    void *v;
    while (m->em_refs && hmap_next(d->runits, &pos, &key, &len, &v))
        if (((eunit *)v)->n)
            unit_withdraw(d, v, m);
}

static int unit_push(eunit *u, const det_obs *o, merchant *m, uint64_t who, int fresh)
{
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 16;
        eent *q = malloc(cap * sizeof *q);
        if (!q)
            return -1;
        for (size_t i = 0; i < u->n; i++)
            q[i] = u->q[(u->head + i) % u->cap];
        free(u->q);
        u->q = q;
        u->head = 0;
        u->cap = cap;
    }
    char *id = strdup(o->id);
    if (!id)
        return -1;
    if (hcount_add(u->wc, (const char *)&who, sizeof who, 1) < 0) {
        free(id);
        return -1;
    }
    u->q[(u->head + u->n) % u->cap] =
        (eent){id, o->t_ms, (int)o->issue >= 0 && o->issue < ISSUE_N ? (int)o->issue : ISSUE_OTHER, m, who,
               IS_ANON(m) ? 0 : hmap_hash(m->key, strlen(m->key)), o->tags, m->region,
               o->has_amount ? o->amount : 0, fresh};
    m->em_refs++;
    u->n++;
    return 0;
}

/* The complaints of the unit's last `days` x 24 h that count toward a rise
 * (an emerging issue is breadth across merchants and people), in arrival
 * order: a complainant's first only, at most em_per_merchant of a
 * merchant; first those naming a merchant, then those naming none, no
 * more of them than of the named. *k gets how many count (each of its own
 * complainant), *merchants the merchants among them, *fresh those from new
 * merchants. With `mark` (one flag per queue entry, from the head), each
 * counted complaint is flagged: an alert lists exactly these, so its
 * numbers are the ids it shows. */
static int unit_window(det_ctx *d, const eunit *u, int days, long *k, long *merchants, long *fresh,
                       unsigned char *mark)
{
    int cap = d->c.em_per_merchant;
    if (set_reset(d, u->n * (size_t)(cap + 1)) < 0)
        return -1;
    int64_t cut = d->now - (int64_t)days * DAY;
    long named = 0, anon = 0;
    *merchants = 0;
    *fresh = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < u->n && (!pass || anon < named); i++) {
            const eent *e = &u->q[(u->head + i) % u->cap];
            if (mark && !pass)
                mark[i] = 0;
            if (e->t <= cut || IS_ANON(e->m) != pass)
                continue;
            /* Merchant slots 0..cap-1 and complainants share one set:
             * salts keep the kinds apart. */
            uint64_t w = (e->who * 0x2545f4914f6cdd1dULL) | 1;
            if (set_has(d, w))
                continue;
            if (!pass) {
                int j = 0;
                while (j < cap && !set_add(d, (e->mh ^ (0x51ed27ULL * (uint64_t)(j + 1))) | 1))
                    j++;
                if (j == cap)
                    continue;
                *merchants += j == 0;
                *fresh += e->fresh;
                named++;
            } else {
                anon++;
            }
            set_add(d, w);
            if (mark)
                mark[i] = 1;
        }
    *k = named + anon;
    return 0;
}

static const char *topic_code(int topic)
{
    return topic < ISSUE_N ? tax_issue_code((tax_issue)topic) : tax_tag_code((tax_tag)(topic - ISSUE_N));
}

/* The share CUSUM behind an emerging alert (null when a window test
 * raised it): its value, the value that alerts (em_p_max after the
 * correction), the baseline share, the rise tuned to and the run's days. */
static int add_chart(const det_ctx *d, cJSON *a, const eunit *u)
{
    if (u->chart == EM_WINDOWS)
        return cJSON_AddNullToObject(a, "chart") != NULL;
    cJSON *ch = cJSON_AddObjectToObject(a, "chart");
    if (u->chart == EM_EWMA)
        return ch && cJSON_AddStringToObject(ch, "method", "ewma_count") &&
               cJSON_AddNumberToObject(ch, "statistic", round(u->chart_s * 1000) / 1000) &&
               cJSON_AddNumberToObject(ch, "threshold", round(u->chart_h * 1000) / 1000) &&
               cJSON_AddNumberToObject(ch, "ewma", round(u->chart_z * 1000) / 1000) &&
               cJSON_AddNumberToObject(ch, "ewma_expected", round(u->chart_m * 1000) / 1000) &&
               cJSON_AddNumberToObject(ch, "baseline_daily", round(u->chart_p0 * 1000) / 1000) &&
               cJSON_AddNumberToObject(ch, "lambda", d->c.em_ewma_lambda) &&
               cJSON_AddNumberToObject(ch, "days", u->tested_days);
    return ch && cJSON_AddStringToObject(ch, "method", "cusum_share") &&
           cJSON_AddNumberToObject(ch, "statistic", round(u->chart_s * 1000) / 1000) &&
           cJSON_AddNumberToObject(ch, "threshold", round(u->chart_h * 1000) / 1000) &&
           cJSON_AddNumberToObject(ch, "baseline_share", round(u->chart_p0 * 1e6) / 1e6) &&
           cJSON_AddNumberToObject(ch, "ratio", d->c.em_cusum_ratio) &&
           cJSON_AddNumberToObject(ch, "days", u->tested_days);
}

/* The alert of a unit's episode: its counts, the ids and the merchants are
 * those of the complaints counted over its span (see unit_window). */
static qs_rc emit_emerging(det_ctx *d, eunit *u, int update, double expected, double p, const char *trigger,
                           int tz, det_emit_fn emit, void *ud, qs_err *err)
{
    int s = u->sector, issue = u->topic;
    cJSON *a = cJSON_CreateObject();
    if (!a)
        return qs_fail(err, QS_ENOMEM, "out of memory building an alert");
    long tagn[TAG_N] = {0}, issn[ISSUE_N] = {0}, secn[SECTOR_N] = {0};
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    double amount = 0;
    int has_amount = 0;
    long unnamed = 0, k = 0, merchants = 0, fresh;
    long *rc = calloc(d->nregions + 1, sizeof *rc);
    unsigned char *mark = malloc(u->n + 1);
    int ok = rc && mark && unit_window(d, u, em_span_days(d, u), &k, &merchants, &fresh, mark) == 0;
    for (size_t i = 0; ok && i < u->n; i++) {
        const eent *e = &u->q[(u->head + i) % u->cap];
        if (!mark[i])
            continue;
        unnamed += IS_ANON(e->m);
        for (int t = 0; t < TAG_N; t++)
            if (e->tags & TAG_BIT(t))
                tagn[t]++;
        issn[e->issue]++;
        secn[e->m->sector]++;
        t0 = e->t < t0 ? e->t : t0;
        t1 = e->t > t1 ? e->t : t1;
        if (e->amount > 0) {
            amount += e->amount;
            has_amount = 1;
        }
        if (e->region >= 0)
            rc[e->region]++;
    }
    /* A tag topic reports the issue most of its complaints carry. */
    if (issue >= ISSUE_N) {
        issue = 0;
        for (int i = 1; i < ISSUE_N; i++)
            if (issn[i] > issn[issue])
                issue = i;
    }
    /* The region is named when most of the complaints come from it. */
    int region = u->region;
    for (size_t r = 0; ok && region < 0 && r < d->nregions; r++)
        if (2 * rc[r] > k && (region < 0 || rc[r] > rc[region]))
            region = (int)r;
    free(rc);
    u->rep_start = t0;
    u->rep_end = t1;
    ok = ok && cJSON_AddStringToObject(a, "event", "alert") &&
         cJSON_AddStringToObject(a, "alert_id", u->eid) && cJSON_AddStringToObject(a, "type", "emerging") &&
         cJSON_AddBoolToObject(a, "update", update) && cJSON_AddNullToObject(a, "merchant_key") &&
         cJSON_AddNullToObject(a, "merchant_name") &&
         cJSON_AddStringToObject(a, "issue", tax_issue_code((tax_issue)issue)) &&
         cJSON_AddStringToObject(a, "signal", u->topic < ISSUE_N ? "issue" : "tag") &&
         cJSON_AddStringToObject(a, "signal_code", topic_code(u->topic));
    cJSON *tags = ok ? tags_json(tagn, k) : NULL;
    ok = ok && tags && cJSON_AddItemToObject(a, "tags", tags);
    if (!ok)
        cJSON_Delete(tags);
    /* a cross-sector rise names no sector; `sectors` lists those of its
     * complaints, the most first */
    ok = ok && (s == SECTOR_ALL ? cJSON_AddNullToObject(a, "sector") != NULL
                                : cJSON_AddStringToObject(a, "sector", tax_sector_code((tax_sector)s)) != NULL);
    cJSON *secs = ok && s == SECTOR_ALL ? cJSON_AddArrayToObject(a, "sectors") : NULL;
    ok = ok && (s != SECTOR_ALL || secs);
    for (long done = 0; ok && s == SECTOR_ALL && done < k;) {
        int best = 0;
        for (int i = 1; i < SECTOR_N; i++)
            if (secn[i] > secn[best])
                best = i;
        if (!secn[best])
            break;
        cJSON *sj = cJSON_CreateString(tax_sector_code((tax_sector)best));
        ok = sj && cJSON_AddItemToArray(secs, sj);
        if (!ok)
            cJSON_Delete(sj);
        done += secn[best];
        secn[best] = 0;
    }
    ok = ok && (region >= 0 ? cJSON_AddStringToObject(a, "region", d->regions[region]) : cJSON_AddNullToObject(a, "region")) &&
         cJSON_AddNumberToObject(a, "count", (double)k) &&
         cJSON_AddNumberToObject(a, "complainants", (double)k) &&
         cJSON_AddNumberToObject(a, "merchant_count", (double)merchants) &&
         cJSON_AddNumberToObject(a, "no_merchant_count", (double)unnamed) &&
         (has_amount ? cJSON_AddNumberToObject(a, "amount_total", amount) : cJSON_AddNullToObject(a, "amount_total"));
    cJSON *win = ok ? cJSON_AddObjectToObject(a, "window") : NULL;
    ok = ok && win && add_time(win, "start", t0, tz) && add_time(win, "end", t1, tz) &&
         cJSON_AddNumberToObject(win, "tested_hours", u->tested_days * 24.0) &&
         cJSON_AddNumberToObject(win, "tested_count", (double)u->tested_k) &&
         cJSON_AddBoolToObject(win, "tested_new_merchants", u->tested_new) &&
         cJSON_AddNumberToObject(a, "expected", round(expected * 1000) / 1000) &&
         cJSON_AddNumberToObject(a, "p_value", p) &&
         cJSON_AddNumberToObject(a, "p_threshold",
                                 u->chart == EM_CUSUM ? d->c.em_cusum_p_max
                                 : u->chart == EM_EWMA ? d->c.em_ewma_p_max
                                                       : d->c.em_p_max) &&
         cJSON_AddNumberToObject(a, "recurrence_days", recurrence(d, 1, p)) && add_chart(d, a, u);
    cJSON *ids = ok ? cJSON_AddArrayToObject(a, "complaint_ids") : NULL;
    cJSON *ms = ok ? cJSON_AddArrayToObject(a, "merchants") : NULL;
    ok = ok && ids && ms;
    if (ok && set_reset(d, u->n) < 0)
        ok = 0;
    long listed = 0;
    for (size_t i = 0; ok && i < u->n; i++) {
        const eent *e = &u->q[(u->head + i) % u->cap];
        if (!mark[i])
            continue;
        if (listed++ < d->c.max_ids) {
            cJSON *sj = cJSON_CreateString(e->id);
            ok = sj && cJSON_AddItemToArray(ids, sj);
            if (!ok)
                cJSON_Delete(sj);
        }
        if (ok && !IS_ANON(e->m) && set_add(d, hmap_hash(e->m->key, strlen(e->m->key)) | 1)) {
            cJSON *mj = cJSON_CreateObject();
            ok = mj && cJSON_AddItemToArray(ms, mj) && cJSON_AddStringToObject(mj, "key", e->m->key) &&
                 (e->m->name ? cJSON_AddStringToObject(mj, "name", e->m->name) != NULL
                             : cJSON_AddNullToObject(mj, "name") != NULL);
        }
    }
    free(mark);
    ok = ok &&
         (listed <= d->c.max_ids ||
          cJSON_AddNumberToObject(a, "complaint_ids_omitted", (double)(listed - d->c.max_ids))) &&
         cJSON_AddStringToObject(a, "trigger_id", trigger);
    /* A sector-wide consumer tip: the same structure, no merchant named. */
    draft_info in = {
        .merchant_name = NULL,
        .sector = s == SECTOR_ALL ? SECTOR_OTHER : (tax_sector)s,
        .cross_sector = s == SECTOR_ALL,
        .region = region >= 0 ? d->regions[region] : NULL,
        .issue = (tax_issue)issue,
        .tags = tags_mask(tagn, k),
        .count = k,
        .complainants = k,
        .merchants = merchants,
        .unnamed = unnamed,
        .amount_total = amount,
        .start_ms = t0,
        .end_ms = t1,
        .tz_min = tz,
    };
    return alert_finish(a, ok, &in, NULL, update ? &d->k.updates : &d->k.alerts[T_EMERGING], emit,
                        ud, err);
}

/* Whether another topic of the same sector already has an open episode on
 * most of this unit's complainants (a closure wave is both `contract` and
 * `closure`), or whose own complainants are mostly this unit's (a region's
 * tag alert that the sector-wide issue now contains): then it is the same
 * phenomenon and gets no second alert. */
static int unit_overlaps(const eunit *u, const eunit *v)
{
    /* a rise across trades and a trade's are one phenomenon when they share
     * their complainants, whatever their topics */
    int cross = (u->sector == SECTOR_ALL) != (v->sector == SECTOR_ALL);
    if (v == u || !v->eid || !v->n || (!cross && (v->sector != u->sector || v->topic == u->topic)))
        return 0;
    long shared = 0;
    for (size_t i = 0; i < v->n; i++)
        shared += hmap_find(u->wc, (const char *)&v->q[(v->head + i) % v->cap].who, sizeof(uint64_t)) != NULL;
    return 2 * shared >= (long)hmap_count(u->wc) || 2 * shared >= (long)v->n;
}

/* The complaints u's alert would count (unit_window over its span), one
 * flag per queue entry; *k gets their number. Caller frees; NULL when out
 * of memory. */
static unsigned char *window_marks(det_ctx *d, const eunit *u, long *k)
{
    long merchants, fresh;
    unsigned char *mark = malloc(u->n + 1);
    if (mark && unit_window(d, u, em_span_days(d, u), k, &merchants, &fresh, mark) < 0) {
        free(mark);
        mark = NULL;
    }
    return mark;
}

/* Whether the open episode of v already tells the phenomenon u would
 * alert: -1 when out of memory. A trade's unit u inside a cross-trade unit
 * v of its region (v's queue holds all of u's complaints, so sharing
 * complainants proves nothing) is told when v's last report holds most of
 * the complaints u would count, under u's topic or another (a closure wave
 * is `contract`, `prepaid` and `closure`); a trade's rise after that report
 * is its own. Otherwise, when they share most complainants
 * (unit_overlaps). *mark and *k cache u's counted complaints (window_marks)
 * across the calls of one check. */
static int told_by(det_ctx *d, const eunit *u, const eunit *v, unsigned char **mark, long *k)
{
    if (v->sector != SECTOR_ALL || u->sector == SECTOR_ALL)
        return unit_overlaps(u, v);
    if (!v->eid || !u->n || (u->region >= 0 && v->region != u->region))
        return 0;
    if (!*mark && !(*mark = window_marks(d, u, k)))
        return -1;
    long in = 0;
    for (size_t i = 0; i < u->n; i++) {
        const eent *e = &u->q[(u->head + i) % u->cap];
        in += (*mark)[i] && e->t >= v->rep_start && e->t <= v->rep_end &&
              hmap_find(v->wc, (const char *)&e->who, sizeof e->who) != NULL;
    }
    return 2 * in >= *k;
}

/* Whether an open episode of another unit already tells u's phenomenon
 * (told_by): another topic of u's sector, any region unit, and for a
 * cross-trade u every trade's units. -1 when out of memory. */
static int covered(det_ctx *d, const eunit *u)
{
    unsigned char *mark = NULL;
    long k = 0;
    int hit = 0;
    for (int s = 0; s < EM_LEVELS && !hit; s++)
        for (int t = 0; t < TOPIC_N && !hit; t++)
            if ((s == u->sector || u->sector == SECTOR_ALL) && d->units[s][t])
                hit = told_by(d, u, d->units[s][t], &mark, &k);
    size_t pos = 0;
    const char *key;
    size_t len;
    void *v;
    while (!hit && hmap_next(d->runits, &pos, &key, &len, &v))
        hit = told_by(d, u, v, &mark, &k);
    free(mark);
    return hit;
}

/* Whether a unit's rise is one of its level: always for a sector's; for
 * the cross-sector level, when no sector holds half of the complaints its
 * alert would count (a rise mostly in one trade is that trade's, for its
 * own unit to report and name). -1 when out of memory. */
static int across_sectors(det_ctx *d, const eunit *u)
{
    if (u->sector != SECTOR_ALL)
        return 1;
    long k, top = 0, secn[SECTOR_N] = {0};
    unsigned char *mark = window_marks(d, u, &k);
    if (!mark)
        return -1;
    for (size_t i = 0; i < u->n; i++)
        if (mark[i]) {
            long c = ++secn[u->q[(u->head + i) % u->cap].m->sector];
            top = c > top ? c : top;
        }
    free(mark);
    return 2 * top < k;
}

/* The share of a day's complaints that come before the local time of day
 * of `t`, read off the stream's own hours (hotlines are busy by day and
 * quiet by night, so the clock's share of the day is a poor guide). Half a
 * complaint an hour a priori. */
static double day_share(const det_ctx *d, int64_t t)
{
    int64_t ms = t + (int64_t)d->tz * 60000 - clock_local_day(t, d->tz) * DAY;
    int h = (int)(ms / HOUR);
    double total = 0, before = 0;
    for (int i = 0; i < 24; i++) {
        total += d->hod[i] + 0.5;
        if (i < h)
            before += d->hod[i] + 0.5;
    }
    before += (d->hod[h] + 0.5) * (double)(ms - (int64_t)h * HOUR) / (double)HOUR;
    return before / total;
}

/* The lift of a level over the window of `fdays` x 24 h ending now: its
 * complaints outside the topic (den minus the topic's ring) against their
 * baseline rate over days b0..b1 (expo days observed), with five
 * pseudo-complaints at the wider level's lift `prior`. The window begins
 * on day today - fdays at the time of day now is: of that day's complaints
 * the share after that time (`frac`: the share of a day's volume before
 * now's time of day) is counted, and today's so far, so a surge that began
 * this morning lifts the expectation within hours rather than the next
 * day. */
static double level_lift(const int32_t *dd, const int32_t *dc, const int32_t *td, const int32_t *tc, int64_t today,
                         long fdays, double frac, int64_t b0, int64_t b1, double expo, double prior)
{
    int64_t first = today - fdays;
    double head = (double)(ring_sum(dd, dc, first, first) - ring_sum(td, tc, first, first));
    double now = (1.0 - frac) * head +
                 (double)(ring_sum(dd, dc, first + 1, today) - ring_sum(td, tc, first + 1, today));
    double base = (double)(ring_sum(dd, dc, b0, b1) - ring_sum(td, tc, b0, b1)) / expo * (double)fdays;
    return (now + 5.0 * prior) / (base + 5.0);
}

/* The share test for one window of `days` x 24 h ending now: the unit's
 * count k among the n complaints of its denominator in the window, against
 * its share over the baseline of `bdays` days before the week (before
 * this window when it is longer).
 * The share is itself estimated: a beta posterior from the unit's baseline,
 * with a prior centred on the wider share (the sector's for a region unit,
 * all sectors' for a sector unit), so small units borrow strength instead of
 * being over-trusted, and rare issues are not drowned by a flat prior.
 * Returns the smaller p-value of two tests (caller corrects for both):
 *  - share: the beta-binomial tail of k among the window's n complaints;
 *  - count: the unit's count against its own expected count, the same
 *    posterior share times the denominator's baseline daily volume over the
 *    window (gamma-Poisson predictive). When the issue itself brings most of
 *    a small region's complaints the share test cannot see it; the count test
 *    can. A wider rise of the denominator (a festival lifting a whole sector)
 *    lifts the expectation, never lowers it, and the unit's own count is
 *    left out of that rise.
 * *expected gets the mean under the test that gave the p-value. */
/* The posterior of a unit's baseline share over days b0..b1 (see
 * unit_share_p) but the days marked in `x` (NULL: none): beta(*a, *b);
 * *u_base and *s_base get the unit's and its level's baseline counts.
 * `fresh`: of the new merchants' complaints. */
static void unit_posterior(const det_ctx *d, const eunit *u, const eunit *sibling, int64_t b0, int64_t b1, int fresh,
                           const int32_t *x, double *a, double *b, long *u_base_out, long *s_base_out)
{
    const det_cfg *c = &d->c;
    /* The new merchants' test: the same, with their complaints as the
     * unit's (its own ring, its wider level's for the prior). */
    const int32_t *ud = fresh ? u->fday : u->rday, *uc = fresh ? u->fcnt : u->rcnt;
    long u_base = ring_sum_x(ud, uc, b0, b1, x);
    long s_base = ring_sum_x(u->den->rday, u->den->rcnt, b0, b1, x);
    const int32_t *pd, *pc, *qd, *qc;
    if (u->region >= 0 && sibling) {
        pd = fresh ? sibling->fday : sibling->rday, pc = fresh ? sibling->fcnt : sibling->rcnt;
        qd = d->esring[u->sector].rday, qc = d->esring[u->sector].rcnt;
    } else {
        const dring *g = fresh ? &d->gfresh[u->topic] : &d->gissue[u->topic];
        pd = g->rday, pc = g->rcnt, qd = d->gall.rday, qc = d->gall.rcnt;
    }
    long q_base = ring_sum_x(qd, qc, b0, b1, x);
    double pi = ((double)ring_sum_x(pd, pc, b0, b1, x) + 0.5) /
                ((double)q_base + 0.5 * ISSUE_N);
    /* A region's share follows its sector's closely, as far as the sector's
     * own baseline knows it; a sector's share owes little to other sectors,
     * so its prior is kept weak. */
    double strength = u->region >= 0 ? c->em_prior : c->em_prior / 4;
    if (u->region >= 0 && strength > (double)q_base)
        strength = q_base > 1 ? (double)q_base : 1.0;
    /* The all-sector share is a poor guide to one sector's mix (the online
     * tag is most of e-commerce): early in a stream, before the sector's own
     * baseline outweighs it, it would make ordinary weeks look like rises. */
    if (u->region < 0 && strength > (double)s_base)
        strength = s_base > 1 ? (double)s_base : 1.0;
    /* Borrowing may make a rare issue's share less certain, never lower than
     * the unit's own baseline shows: a topic that is most of its sector (the
     * online tag in e-commerce) must not look rare because it is rare
     * elsewhere. A region with hardly any baseline (a trade with a few
     * shops in a district) shows no share of its own: its even odds from
     * nothing would hide any rise there, so its sector's share stands. A
     * sector with a thin baseline (a trade of a few dozen complaints a
     * month) is still tested: its own share, however rough, is the floor
     * and its prior weighs no more than its baseline, so only a rise far
     * beyond what a handful of complaints can tell passes (twenty privacy
     * complaints in a week where a month brings fifteen of all kinds). */
    double own = ((double)u_base + 0.5) / ((double)s_base + 1.0);
    if (own > pi && (s_base >= c->em_min_base_n || u->region < 0))
        pi = own;
    const eunit *su = u->region < 0 ? u : sibling; /* the sector's unit of the topic */
    if (fresh && su) {
        /* New merchants' complaints are a priori of the same mix as all
         * complaints: the issue's share of the sector times the share new
         * merchants have of the level's complaints (a trade of many small
         * shops has more of them than a trade of chains, and so has a
         * district of small shops than one of chain stores and malls in
         * the same trade). A region's own share is shrunk toward its
         * sector's by em_min_base_n complaints, the count from which a
         * level's baseline is trusted: a district with a few complaints a
         * month shows little mix of its own. A topic none of them happened
         * to raise in the baseline is not thereby rare among them. */
        long f_sec = ring_sum_x(d->fsring[u->sector].rday, d->fsring[u->sector].rcnt, b0, b1, x);
        long s_all = ring_sum_x(d->esring[u->sector].rday, d->esring[u->sector].rcnt, b0, b1, x);
        long t_all = ring_sum_x(su->rday, su->rcnt, b0, b1, x);
        double all_share = ((double)t_all + 0.5) / ((double)s_all + 1.0);
        double nshare = s_all > 0 ? (double)f_sec / (double)s_all : 0, n_new = (double)f_sec;
        if (u->region >= 0) {
            double m0 = (double)c->em_min_base_n;
            double f_reg = (double)ring_sum_x(u->fden->rday, u->fden->rcnt, b0, b1, x);
            n_new = f_reg + m0 * nshare;
            nshare = n_new / ((double)s_base + m0);
        }
        double floor = all_share * nshare;
        if (floor > pi) {
            pi = floor;
            /* Read off the level's own complaints, the product is known
             * about as well as a share of 1 / (1/topic + 1/new) events (its
             * two factors' counts), and weighs as much: a few new merchants
             * that happened not to raise the topic in the baseline must not
             * make it look rare among them. */
            double n_eff = t_all > 0 && n_new > 0 ? 1.0 / (1.0 / (double)t_all + 1.0 / n_new) : 0;
            if (n_eff / pi > strength)
                strength = n_eff / pi;
        }
    }
    *a = (double)u_base + strength * pi;
    *b = (double)(s_base - u_base) + strength * (1 - pi);
    *u_base_out = u_base;
    *s_base_out = s_base;
}

static double unit_share_p(det_ctx *d, const eunit *u, const eunit *sibling, int days, int64_t bdays, long k,
                           int fresh, double *expected)
{
    const det_cfg *c = &d->c;
    int64_t today = day_of(d, d->now);
    /* The baseline ends where the longer of the week and this window
     * begins: a rise spreading over two weeks is not its own baseline. */
    int W = days > c->em_window_days ? days : c->em_window_days;
    /* The window is days x 24 h back from now, so it touches days + 1 days. */
    long n_win = ring_sum(u->den->rday, u->den->rcnt, today - days, today);
    if (n_win < k)
        n_win = k;
    double a, b;
    long u_base, s_base;
    /* The days the unit's own episodes were alerted on are no baseline: a
     * rise a few weeks back would lift the share a second rise is judged
     * against (as Farrington's method down-weights past outbreaks). */
    const int32_t *x = c->em_exclude_alerted ? u->xday : NULL;
    int64_t b0 = today - W - bdays, b1 = today - W - 1;
    unit_posterior(d, u, sibling, b0, b1, fresh, x, &a, &b, &u_base, &s_base);
    /* the prior's weight and mean, as unit_posterior set them */
    double strength = a + b - (double)s_base, pi = (a - (double)u_base) / strength;
    count_test(d, 1);
    double sh = a / (a + b);
    *expected = sh * (double)n_win;
    double p = 1.0;
    /* Within 2.5 sd of the expectation the tail is far above any threshold. */
    double var = (double)n_win * sh * (1 - sh) * (a + b + (double)n_win) / (a + b + 1);
    if ((double)k >= *expected + 2.5 * sqrt(var))
        p = stats_betabinom_sf(k, n_win, a, b);
    /* Baseline days actually observed (the stream's first day included),
     * but the alerted ones. */
    int64_t o0 = b0 > d->start_day ? b0 : d->start_day;
    double expo = (double)days_x(o0, b1, x);
    /* The lift is read off the rest of the level, so the count test needs
     * the unit to be the lesser part of it: an issue that is most of its
     * sector's complaints moves with the sector's whole volume (its own
     * baseline share decides, not the prior's). */
    long t_base = fresh ? ring_sum_x(u->rday, u->rcnt, b0, b1, x) : u_base;
    if (c->em_count_test && s_base > 0 && expo >= 1 && sh <= 0.5 && 2 * t_base <= s_base) {
        double rate = (double)s_base / expo; /* denominator per day */
        /* The lift: the rest of the level over the window itself (its
         * hours, not the whole days before today) against its own
         * baseline, so a volume surge or the weekly rhythm raises the
         * expectation as soon as it shows. Each level's lift is shrunk
         * toward the wider level's (a region's toward its sector's, a
         * sector's toward all sectors'), since a surge usually spans them
         * and a small region's few complaints say little alone. Never
         * below 1. */
        long fdays = days > 1 ? days : 1;
        /* the rest of the level is read over every baseline day */
        double lexpo = (double)days_x(o0, b1, NULL);
        double frac = day_share(d, d->now);
        double f = level_lift(d->gall.rday, d->gall.rcnt, d->gissue[u->topic].rday, d->gissue[u->topic].rcnt, today,
                              fdays, frac, b0, b1, lexpo, 1.0);
        if (u->region >= 0 && sibling)
            f = level_lift(d->esring[u->sector].rday, d->esring[u->sector].rcnt, sibling->rday, sibling->rcnt, today,
                           fdays, frac, b0, b1, lexpo, f);
        f = level_lift(u->den->rday, u->den->rcnt, u->rday, u->rcnt, today, fdays, frac, b0, b1, lexpo, f);
        f = f < 1.0 ? 1.0 : f;
        /* Gamma prior on the unit's daily rate with mean pi·rate, updated
         * with the baseline. Its weight is the share prior's, but no more
         * than the level's own baseline count: the level's daily volume is
         * itself known only from those complaints. */
        double cs = strength < (double)s_base ? strength : (double)s_base;
        double mu, pcount = stats_gp_sf(k, cs * pi, cs / rate, (double)u_base, expo, (double)days * f, &mu);
        if (pcount < p) {
            p = pcount;
            *expected = mu;
        }
    }
    return p;
}

/* The share CUSUM (ESSENCE-style chart, tuned to a rise of the share by
 * em_cusum_ratio): the unit's daily count x among its level's n complaints
 * (of the new merchants' when `fresh`), day by day over the last
 * em_cusum_days days and today so far, against its baseline share p0, the
 * same posterior as the window tests', over the em_baseline_days before
 * the chart's first day (so a rise is not its own baseline). Page's
 * recursion accumulates a rise too thin for any one window (a shop a day
 * for two weeks, a ramp) and forgets the days the share was ordinary.
 * Returns the chart's value now (0 when it cannot run: too little
 * baseline); *start gets the day its current run began, *p0 the share. */
static double unit_cusum(const det_ctx *d, const eunit *u, const eunit *sibling, int fresh, int64_t *start,
                         double *p0)
{
    const det_cfg *c = &d->c;
    int64_t today = day_of(d, d->now);
    int L = c->em_cusum_days;
    int64_t b1 = today - L - 1, bd = b1 - d->start_day + 1;
    if (bd > c->em_baseline_days)
        bd = c->em_baseline_days;
    /* The chart trusts its baseline share as known (a plug-in, unlike the
     * windows' beta-binomial), so it waits for a full baseline: a share
     * read off two weeks of a thin trade can be low by chance, and the
     * chart would add up that error day after day. */
    if (L <= 0 || bd < c->em_baseline_days ||
        ring_sum(d->esring[u->sector].rday, d->esring[u->sector].rcnt, b1 - bd + 1, b1) < c->em_min_base_n)
        return 0;
    double a, b;
    long u_base, s_base;
    unit_posterior(d, u, sibling, b1 - bd + 1, b1, fresh, NULL, &a, &b, &u_base, &s_base);
    double q0 = a / (a + b), q1 = q0 * c->em_cusum_ratio;
    if (q1 >= 0.99)
        return 0; /* a topic that is most of its level moves with the level */
    const int32_t *ud = fresh ? u->fday : u->rday, *uc = fresh ? u->fcnt : u->rcnt;
    /* Complaints come in lumps (a neighbourhood, a news item, a busy
     * weekend for one trade), so a day's share varies more than a binomial
     * would: the baseline days' Pearson dispersion (at least 1, as in
     * Farrington's method) scales the log-likelihood ratio down. */
    double chi = 0;
    int dfree = -1;
    for (int64_t day = b1 - bd + 1; day <= b1; day++) {
        long x = ring_sum(ud, uc, day, day), n = ring_sum(u->den->rday, u->den->rcnt, day, day);
        if (n <= 0)
            continue;
        double e = (double)n * q0;
        chi += ((double)x - e) * ((double)x - e) / (e * (1 - q0));
        dfree++;
    }
    double phi = dfree > 0 && chi / dfree > 1 ? chi / dfree : 1;
    double st = 0;
    *start = today;
    for (int64_t day = today - L; day <= today; day++) {
        long x = ring_sum(ud, uc, day, day), n = ring_sum(u->den->rday, u->den->rcnt, day, day);
        if (n < x)
            n = x;
        if (st <= 0)
            *start = day;
        st = stats_binom_cusum(st * phi, x, n, q0, q1) / phi;
    }
    *p0 = q0;
    return st;
}

/* The lift of a level over the EWMA's days (the em_ewma_days before
 * `today`), weighed as the EWMA weighs them (see level_lift): its
 * complaints outside the topic, each day's at (1 - lambda)^age, against
 * their baseline rate over days b0..b1 (expo days) weighed alike, with
 * five pseudo-complaints at `prior`. */
static double ewma_lift(const det_ctx *d, const int32_t *dd, const int32_t *dc, const int32_t *td, const int32_t *tc,
                        int64_t today, int64_t b0, int64_t b1, double expo, double prior)
{
    double base = (double)(ring_sum(dd, dc, b0, b1) - ring_sum(td, tc, b0, b1)) / expo, now = 0, ex = 0, w = 1;
    for (int j = 1; j <= d->c.em_ewma_days; j++, w *= 1.0 - d->c.em_ewma_lambda) {
        now += w * (double)(ring_sum(dd, dc, today - j, today - j) - ring_sum(td, tc, today - j, today - j));
        ex += w * base;
    }
    return (now + 5.0 * prior) / (ex + 5.0);
}

/* The count EWMA (ESSENCE's chart, with a memory of (2 - lambda) / lambda
 * days for rises that spread over one to two weeks, too thin on any one
 * day or in any one window): the unit's daily counts over the
 * em_ewma_days completed days before today (a chart of whole days, as
 * ESSENCE's: it moves once a day, so its tail is a false-alarm rate per
 * unit and day, and a day's first hours are not judged against a guess of
 * their share of the day) against their expectation, the unit's daily
 * rate over the em_baseline_days before those days (a guard band as long
 * as the chart's memory, so a slow rise is not its own baseline) as the
 * count test reads it (a gamma posterior with the share prior's weight,
 * see unit_share_p), lifted when the rest of its level rises over the
 * same days weighed the same way. Its variance adds the baseline days'
 * dispersion (at least 1, as Farrington's) and the uncertainty of the
 * rate, its posterior's and its drift between the baseline's weeks; the tail is the gamma approximation (stats_ewma_sf). Returns the tail probability
 * (2 when the chart cannot run: too little baseline, or a topic that is
 * most of its level); *fit gets the chart, *rate the expected daily count
 * before the lift and *lift the lift. */
static double unit_ewma(det_ctx *d, const eunit *u, const eunit *sibling, stats_ewma_fit *fit, double *rate_out,
                        double *lift)
{
    const det_cfg *c = &d->c;
    int L = c->em_ewma_days;
    int64_t today = day_of(d, d->now), b1 = today - L - 1, bd = b1 - d->start_day + 1;
    if (bd > c->em_baseline_days)
        bd = c->em_baseline_days;
    if (L <= 0 || bd < c->em_min_base_days || bd < 2 ||
        ring_sum(d->esring[u->sector].rday, d->esring[u->sector].rcnt, b1 - bd + 1, b1) < c->em_min_base_n)
        return 2;
    int64_t b0 = b1 - bd + 1;
    double a, b;
    long u_base, s_base;
    unit_posterior(d, u, sibling, b0, b1, 0, NULL, &a, &b, &u_base, &s_base);
    double strength = a + b - (double)s_base, pi = (a - (double)u_base) / strength, expo = (double)bd;
    /* As for the count test: the lift is read off the rest of the level,
     * so the topic must be the lesser part of it. */
    if (s_base <= 0 || a / (a + b) > 0.5 || 2 * u_base > s_base)
        return 2;
    count_test(d, 1);
    double level = (double)s_base / expo, cs = strength < (double)s_base ? strength : (double)s_base;
    double ra = cs * pi + (double)u_base, rb = cs / level + expo, rate = ra / rb;
    double f = ewma_lift(d, d->gall.rday, d->gall.rcnt, d->gissue[u->topic].rday, d->gissue[u->topic].rcnt, today,
                         b0, b1, expo, 1.0);
    if (u->region >= 0 && sibling)
        f = ewma_lift(d, d->esring[u->sector].rday, d->esring[u->sector].rcnt, sibling->rday, sibling->rcnt, today,
                      b0, b1, expo, f);
    f = ewma_lift(d, u->den->rday, u->den->rcnt, u->rday, u->rcnt, today, b0, b1, expo, f);
    f = f < 1.0 ? 1.0 : f;
    /* The baseline days' Pearson dispersion about their mean. */
    double chi = 0, mb = (double)u_base / expo;
    for (int64_t day = b0; mb > 0 && day <= b1; day++) {
        double x = (double)ring_sum(u->rday, u->rcnt, day, day);
        chi += (x - mb) * (x - mb) / mb;
    }
    double phi = chi / (expo - 1) > 1 ? chi / (expo - 1) : 1;
    /* A rate that drifts from week to week is known no better than its
     * weeks agree: the baseline weeks' variance beyond what the days'
     * dispersion explains, relative to their mean (method of moments, 0
     * when they agree), adds to the rate's uncertainty. */
    double wk[6], wm = 0, wv = 0;
    int nwk = (int)(bd / 7);
    for (int i = 0; i < nwk && i < 6; i++) {
        wk[i] = (double)ring_sum(u->rday, u->rcnt, b1 - 7 * i - 6, b1 - 7 * i);
        wm += wk[i];
    }
    nwk = nwk < 6 ? nwk : 6;
    double tau2 = 0;
    if (nwk >= 2 && wm > 0) {
        wm /= nwk;
        for (int i = 0; i < nwk; i++)
            wv += (wk[i] - wm) * (wk[i] - wm);
        wv /= nwk - 1;
        tau2 = wv > phi * wm ? (wv - phi * wm) / (wm * wm) : 0;
    }
    double y[21], mu[21];
    for (int j = 0; j < L; j++) {
        y[j] = (double)ring_sum(u->rday, u->rcnt, today - 1 - j, today - 1 - j);
        mu[j] = rate * f;
    }
    *rate_out = rate;
    *lift = f;
    return stats_ewma_sf(y, mu, (size_t)L, c->em_ewma_lambda, phi, 1.0 / ra + tau2, fit);
}

/* Closes a unit's emerging episode. */
static void unit_end(det_ctx *d, eunit *u)
{
    free(u->eid);
    u->eid = NULL;
    u->reported = 0;
    if (u->region >= 0)
        d->units[u->sector][u->topic]->open_regions--;
}

/* Add one complaint to a unit and test its recent windows (the week and a
 * shorter one, which a sudden rise fills faster) against its baseline share,
 * Bonferroni-corrected over the windows tested. A unit does not open an
 * episode while its sibling (the same issue at the other level) has one
 * open: one alert per phenomenon. */
static qs_rc unit_observe(det_ctx *d, eunit *u, const eunit *sibling, const det_obs *o, merchant *m, uint64_t who,
                          int fresh, det_emit_fn emit, void *ud, qs_err *err)
{
    const det_cfg *c = &d->c;
    int64_t today = day_of(d, d->now);
    ring_add(u->rday, u->rcnt, day_of(d, o->t_ms), today);
    if (fresh)
        ring_add(u->fday, u->fcnt, day_of(d, o->t_ms), today);
    unit_expire(d, u);
    if (unit_push(u, o, m, who, fresh) < 0)
        return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
    /* Across all sectors, only the regions are tested: the whole stream's
     * issue mix is the prior of their shares, but itself the sum of every
     * trade, where hundreds of complaints a week make a shift of a few
     * percent significant that no analyst could act on. */
    if (u->sector == SECTOR_ALL && u->region < 0)
        return QS_OK;
    int W = c->em_window_days, B = c->em_baseline_days;
    int64_t bdays = today - W + 1 - d->start_day;
    if (bdays > B)
        bdays = B;
    if (bdays < c->em_min_base_days)
        return QS_OK;
    int wins[3] = {W, 0, 0}, nw = 1;
    if (c->em_short_days > 0 && c->em_short_days < W)
        wins[nw++] = c->em_short_days;
    /* The long window, once its own baseline (the days before it) is long
     * enough and the sector's volume over it is known from at least
     * em_min_base_n complaints: two weeks against a handful of complaints
     * (a trade just starting to be seen, a stream's first weeks) would make
     * the trade's ordinary flow look like a slow rise. A region unit takes
     * its prior from its sector, so the sector's baseline decides for both. */
    int64_t lbdays = today - c->em_long_days + 1 - d->start_day;
    if (lbdays > B)
        lbdays = B;
    if (c->em_long_days > W && lbdays >= c->em_min_base_days &&
        ring_sum(d->esring[u->sector].rday, d->esring[u->sector].rcnt, today - c->em_long_days - lbdays,
                 today - c->em_long_days - 1) >= c->em_min_base_n)
        wins[nw++] = c->em_long_days;
    /* Bonferroni over every test made: each window's share and count
     * tests, on all complaints and (but for the long window) on new
     * merchants' alone. A region unit is one of the sector's regions
     * scanned for the same rise: Bonferroni over them too, so many small
     * regions do not add up to chance alerts that the sector level would
     * not give. The long window counts all complaints only: over a span as
     * long as the quiet period that marks a merchant new, the share of new
     * merchants' complaints is the district's mix of chains and small shops
     * (half of a district of small shops' complaints, a tenth of its
     * sector's) more than any issue, and the sector's share is no prior
     * for it. */
    int nf = c->em_new_days > 0 ? 2 : 1; /* all complaints; new merchants' */
    int has_long = wins[nw - 1] > W;
    double rmult = u->region >= 0 && c->em_region_scan && d->sregions[u->sector] > 1 ? d->sregions[u->sector] : 1;
    double mult = ((nw - has_long) * nf + has_long) * (c->em_count_test ? 2 : 1) * rmult;
    double p = 2.0, expected = 0;
    int tested = W;
    long tk = 0;
    int tnew = 0;
    for (int w = 0; w < nw; w++) {
        long kw[2], merchants;
        if (unit_window(d, u, wins[w], &kw[0], &merchants, &kw[1], NULL) < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
        if (merchants < c->em_min_merchants)
            continue;
        for (int f = 0; f < (wins[w] > W ? 1 : nf); f++) {
            if (kw[f] < c->em_min_complainants)
                continue;
            double ew, pw = unit_share_p(d, u, sibling, wins[w], wins[w] > W ? lbdays : bdays, kw[f], f, &ew) * mult;
            if (pw < p) {
                p = pw, expected = ew, tested = wins[w], tk = kw[f], tnew = f;
            }
        }
    }
    /* The share CUSUM, on all complaints and on new merchants', beside the
     * windows: its bound exp(-S) on the chance a chart in control ever
     * reaches S is its p-value, Bonferroni-corrected over its two series
     * and (a region unit) the sector's regions, held to em_cusum_p_max.
     * Its window is the run since the chart last stood at 0 (at most the
     * days the unit's queue holds). */
    double chart_s = 0, chart_h = 0, chart_p0 = 0;
    int chart_days = 0;
    double cmult = nf * rmult, score = p / c->em_p_max;
    for (int f = 0; c->em_cusum_days > 0 && f < nf; f++) {
        int64_t start;
        double q0, st = unit_cusum(d, u, sibling, f, &start, &q0);
        double pc = exp(-st) * cmult;
        /* each test against its own threshold: the chart stands in when
         * it is the further beyond */
        if (st <= 0 || pc > c->em_cusum_p_max || pc / c->em_cusum_p_max >= score)
            continue;
        int days = (int)(today - start) + 1;
        if (days > em_horizon(c))
            days = em_horizon(c);
        long kw[2], merchants;
        if (unit_window(d, u, days, &kw[0], &merchants, &kw[1], NULL) < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
        if (merchants < c->em_min_merchants || kw[f] < c->em_min_complainants)
            continue;
        p = pc, score = pc / c->em_cusum_p_max, tested = days, tk = kw[f], tnew = f;
        chart_s = st, chart_h = log(cmult / c->em_cusum_p_max), chart_p0 = q0, chart_days = days;
        expected = q0 * (double)ring_sum(u->den->rday, u->den->rcnt, start, today);
    }
    /* The count EWMA, on all complaints (like the long window), Bonferroni
     * over the sector's regions for a region unit, held to em_ewma_p_max:
     * it stands in when it is further beyond its threshold than the other
     * tests are beyond theirs. Its window is the chart's days. */
    int ewma = 0;
    double ewma_p = 2, ewma_rate = 0, ewma_lift_f = 1;
    stats_ewma_fit fit;
    if (c->em_ewma_days > 0)
        ewma_p = unit_ewma(d, u, sibling, &fit, &ewma_rate, &ewma_lift_f) * rmult;
    if (ewma_p <= c->em_ewma_p_max && ewma_p / c->em_ewma_p_max < score) {
        long kw[2], merchants;
        if (unit_window(d, u, c->em_ewma_days, &kw[0], &merchants, &kw[1], NULL) < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
        if (merchants >= c->em_min_merchants && kw[0] >= c->em_min_complainants) {
            ewma = 1;
            chart_days = 0;
            p = ewma_p, tested = c->em_ewma_days, tk = kw[0], tnew = 0;
            expected = ewma_rate * ewma_lift_f * c->em_ewma_days;
            chart_s = (fit.z - fit.mean) / fit.sd;
            chart_h = (stats_ewma_limit(&fit, c->em_ewma_p_max / rmult) - fit.mean) / fit.sd;
            chart_p0 = ewma_rate;
        }
    }
    if (!chart_days && !ewma && p > c->em_p_max)
        return QS_OK;
    u->chart = ewma ? EM_EWMA : chart_days ? EM_CUSUM : EM_WINDOWS;
    u->chart_z = ewma ? fit.z : 0;
    u->chart_m = ewma ? fit.mean : 0;
    u->chart_s = ewma || chart_days ? chart_s : 0;
    u->chart_h = chart_h;
    u->chart_p0 = chart_p0;
    u->tested_days = tested;
    u->tested_k = tk;
    u->tested_new = tnew;
    /* New versus ongoing (as NYC's daily scan tells them apart): a test
     * that passes on a window holding none of the complaints the open
     * episode last reported is a new rise, not the old one's growth (the
     * old episode stays open while tests keep passing, and for em_quiet
     * after, but what it reported has left the window). It closes the old
     * episode and opens its own, so a second rise in a trade is not
     * reported as an update of the first; its id dates from its first
     * complaint after those reported. */
    int64_t after = INT64_MIN;
    if (u->eid && d->now - (int64_t)tested * DAY >= u->rep_end) {
        after = u->rep_end;
        unit_end(d, u);
    }
    u->last_sig = d->now;
    /* The days of the window that passed leave the unit's baselines, and
     * a region's its sector's too (the sector counts the region's rise). */
    for (int64_t day = today - tested; day <= today; day++) {
        u->xday[day % RING] = (int32_t)day;
        if (u->region >= 0 && sibling)
            d->units[u->sector][u->topic]->xday[day % RING] = (int32_t)day;
    }
    /* The alert reports the complaints counted over the week, or over the
     * longer span tested: its count is theirs. */
    long k, merchants, kf;
    if (unit_window(d, u, em_span_days(d, u), &k, &merchants, &kf, NULL) < 0)
        return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
    if (!u->eid) {
        int spread = across_sectors(d, u), told = spread > 0 ? covered(d, u) : 0;
        if (spread < 0 || told < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
        if ((sibling && sibling->eid) || u->open_regions || !spread || told)
            return QS_OK;
        int64_t t0 = INT64_MAX, cut = d->now - (int64_t)em_span_days(d, u) * DAY;
        cut = cut > after ? cut : after;
        for (size_t i = 0; i < u->n; i++)
            if (u->q[(u->head + i) % u->cap].t < t0 && u->q[(u->head + i) % u->cap].t > cut)
                t0 = u->q[(u->head + i) % u->cap].t;
        char scope[512];
        snprintf(scope, sizeof scope, "%s%s%s",
                 u->sector == SECTOR_ALL ? "all" : tax_sector_code((tax_sector)u->sector), u->region >= 0 ? "-" : "",
                 u->region >= 0 ? d->regions[u->region] : "");
        u->eid = make_id('E', scope, topic_code(u->topic), t0, o->tz_min);
        if (!u->eid)
            return qs_fail(err, QS_ENOMEM, "out of memory opening an episode");
        if (u->region >= 0)
            d->units[u->sector][u->topic]->open_regions++;
        u->reported = k;
        return emit_emerging(d, u, 0, expected, p, o->id, o->tz_min, emit, ud, err);
    }
    if (grew(d, k, u->reported)) {
        u->reported = k;
        return emit_emerging(d, u, 1, expected, p, o->id, o->tz_min, emit, ud, err);
    }
    return QS_OK;
}

/* One topic of one complaint at one level (its sector, or all sectors): the
 * level's unit and its unit of the complaint's region. */
static qs_rc topic_observe(det_ctx *d, int s, int topic, const det_obs *o, merchant *m, uint64_t who, int fresh,
                           det_emit_fn emit, void *ud, qs_err *err)
{
    eunit *su = unit_get(d, s, topic, -1);
    eunit *ru = NULL;
    if (!su)
        return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
    int64_t day = day_of(d, o->t_ms), today = day_of(d, d->now);
    if (s != SECTOR_ALL) {
        ring_add(d->gissue[topic].rday, d->gissue[topic].rcnt, day, today);
        if (fresh)
            ring_add(d->gfresh[topic].rday, d->gfresh[topic].rcnt, day, today);
    }
    if (m->rtop >= 0) {
        ru = unit_get(d, s, topic, m->rtop);
        if (!ru)
            return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
    }
    qs_rc rc = unit_observe(d, su, ru, o, m, who, fresh, emit, ud, err);
    if (rc == QS_OK && ru)
        rc = unit_observe(d, ru, su, o, m, who, fresh, emit, ud, err);
    return rc;
}

static qs_rc emerging_observe(det_ctx *d, const det_obs *o, merchant *m, uint64_t who, det_emit_fn emit,
                              void *ud, qs_err *err)
{
    int s = m->sector, issue = (int)o->issue >= 0 && o->issue < ISSUE_N ? (int)o->issue : ISSUE_OTHER;
    int64_t day = day_of(d, o->t_ms), today = day_of(d, d->now);
    /* The daily rings (baselines, shares, lifts) count a merchant's
     * complaints up to em_per_merchant a day: an emerging issue is breadth
     * across merchants, and a chain's steady flow or one shop's cluster must
     * neither hide a rise in its sector's share nor lift the sector's volume.
     * A late complaint for an earlier day is counted. A complaint over the
     * cap is left out of the windows too, so counts and rings agree. */
    if (day > m->em_day || !m->em_nday) {
        m->em_day = day;
        m->em_nday = 0;
    }
    if (day == m->em_day && m->em_nday++ >= (IS_ANON(m) ? EM_UNNAMED_PER_DAY : d->c.em_per_merchant))
        return QS_OK;
    /* Denominators first: every counted complaint once in its sector, in
     * all sectors and in its sector x region (and, for the cross-sector
     * level, in its region across sectors). */
    ring_add(d->gall.rday, d->gall.rcnt, day, today);
    d->hod[(o->t_ms + (int64_t)d->tz * 60000 - day * DAY) / HOUR]++;
    int levels[2] = {s, SECTOR_ALL}, nlev = d->c.em_cross ? 2 : 1;
    dring *g[2] = {NULL, NULL};
    for (int l = 0; l < nlev; l++) {
        ring_add(d->esring[levels[l]].rday, d->esring[levels[l]].rcnt, day, today);
        if (m->rtop >= 0) {
            g[l] = rring_get(d, levels[l], m->rtop);
            if (!g[l])
                return qs_fail(err, QS_ENOMEM, "out of memory tracking an issue");
            ring_add(g[l]->rday, g[l]->rcnt, day, today);
        }
    }
    /* A new merchant: its first counted complaint of the day after
     * em_new_days days without any (its own ring, every issue; the
     * stream's start counts as quiet). An emerging issue reaches shops that
     * were not complained about, while most of a topic's everyday flow comes
     * from the few merchants that always draw complaints; counting the new
     * merchants apart sees a rise that the everyday flow of a busy sector
     * hides. One per merchant per em_new_days days, so a window counts a
     * merchant once when em_new_days >= em_window_days. */
    int fresh = d->c.em_new_days > 0 && !IS_ANON(m) && m->em_nday == 1 &&
                ring_sum(m->rday, m->rcnt, day - d->c.em_new_days, day - 1) == 0;
    for (int l = 0; fresh && l < nlev; l++) {
        ring_add(d->fsring[levels[l]].rday, d->fsring[levels[l]].rcnt, day, today);
        if (g[l])
            ring_add(g[l][1].rday, g[l][1].rcnt, day, today);
    }
    qs_rc rc = QS_OK;
    for (int l = 0; rc == QS_OK && l < nlev; l++) {
        rc = topic_observe(d, levels[l], issue, o, m, who, fresh, emit, ud, err);
        for (int t = 0; rc == QS_OK && t < TAG_N; t++)
            if ((o->tags & EM_TAGS & TAG_BIT(t)))
                rc = topic_observe(d, levels[l], ISSUE_N + t, o, m, who, fresh, emit, ud, err);
    }
    return rc;
}

/* ---- observe / advance ---- */

static merchant *merchant_get(det_ctx *d, const det_obs *o, qs_err *err)
{
    size_t len = strlen(o->merchant_key);
    void **slot;
    int added;
    if (hmap_put(d->merchants, o->merchant_key, len, &slot, &added) < 0) {
        qs_fail(err, QS_ENOMEM, "out of memory adding a merchant");
        return NULL;
    }
    if (!added)
        return *slot;
    merchant *m = calloc(1, sizeof *m);
    if (m)
        m->key = strdup(o->merchant_key);
    if (!m || !m->key) {
        free(m);
        hmap_del(d->merchants, o->merchant_key, len);
        qs_fail(err, QS_ENOMEM, "out of memory adding a merchant");
        return NULL;
    }
    for (int i = 0; i < RING; i++)
        m->rday[i] = -1;
    m->sector = (int)o->sector >= 0 && o->sector < SECTOR_N ? (int)o->sector : SECTOR_OTHER;
    m->region = m->rtop = -1;
    d->smerch[m->sector]++;
    *slot = m;
    return m;
}

/* The complaint's region (*r) and its top level (*top: "开发区" of
 * "开发区/XX街道"), interned; -1 when it has none. -1 on allocation failure. */
static int region_of(det_ctx *d, const char *region, int *r, int *top)
{
    *r = *top = -1;
    int v = region_intern(d, region);
    if (v == -2)
        return -1;
    if (v < 0)
        return 0;
    char buf[256];
    size_t tl = strcspn(region, "/");
    if (tl >= sizeof buf)
        tl = sizeof buf - 1;
    memcpy(buf, region, tl);
    buf[tl] = 0;
    int t = region_intern(d, buf);
    if (t == -2)
        return -1;
    *r = v;
    *top = t;
    return 0;
}

/* A complaint that names no merchant but whose text names its trade:
 * counted toward emerging issues only, through the pseudo-merchant of its
 * sector and top region (IS_ANON). */
static qs_rc observe_unnamed(det_ctx *d, const det_obs *o, det_emit_fn emit, void *ud, qs_err *err)
{
    int r, top;
    if (region_of(d, o->region, &r, &top) < 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    int key[2] = {(int)o->text_sector, top};
    void **slot;
    int added;
    if (hmap_put(d->anon, (const char *)key, sizeof key, &slot, &added) < 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    if (added) {
        merchant *m = calloc(1, sizeof *m);
        if (!m) {
            hmap_del(d->anon, (const char *)key, sizeof key);
            return qs_fail(err, QS_ENOMEM, "out of memory");
        }
        m->sector = (int)o->text_sector;
        m->region = m->rtop = top;
        *slot = m;
    }
    d->k.unnamed++;
    return emerging_observe(d, o, *slot, who_hash(o), emit, ud, err);
}

static void merchant_prune(det_ctx *d, merchant *m)
{
    int64_t cut = d->now - d->c.win[d->c.nwin - 1] - DAY;
    for (int w = 0; w < d->c.nwin; w++)
        if (d->now - d->c.win[w] - DAY < cut)
            cut = d->now - d->c.win[w] - DAY;
    size_t j = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (m->e[i].t < cut)
            free(m->e[i].id);
        else
            m->e[j++] = m->e[i];
    }
    m->n = j;
}

qs_rc det_observe(det_ctx *d, const det_obs *o, det_emit_fn emit, void *ud, qs_err *err)
{
    if (!d || !o || !o->id || !emit)
        return qs_fail(err, QS_EINVAL, "det_observe: missing argument");
    d->k.observed++;
    if (!d->have_start) {
        d->have_start = 1;
        d->tz = o->tz_min;
        d->start_day = day_of(d, o->t_ms);
        d->now = o->t_ms;
        d->sweep_day = d->start_day;
    }
    if (o->t_ms > d->now)
        d->now = o->t_ms;
    if (o->duplicate)
        return QS_OK; /* duplicates are never counted */
    if (!o->merchant_key || !*o->merchant_key) {
        /* no merchant, no cluster; a trade named in the text still counts
         * toward its sector's emerging issues */
        if (!o->professional && o->has_text_sector && (int)o->text_sector >= 0 && o->text_sector < SECTOR_N)
            return observe_unnamed(d, o, emit, ud, err);
        return QS_OK;
    }
    merchant *m = merchant_get(d, o, err);
    if (!m)
        return err ? err->rc : QS_ENOMEM;
    /* A merchant's sector is the majority of its complaints' (one takeaway
     * complaint does not make a restaurant a web shop): the prior follows
     * it; past counts stay where they fell. */
    if ((int)o->sector >= 0 && o->sector < SECTOR_N && o->sector != SECTOR_OTHER &&
        ++m->svote[o->sector] > m->svote[m->sector] && (int)o->sector != m->sector) {
        d->smerch[m->sector]--;
        m->sector = (int)o->sector;
        d->smerch[m->sector]++;
    }
    if (o->merchant_name && *o->merchant_name && (!m->name || strcmp(m->name, o->merchant_name) != 0)) {
        char *nm = strdup(o->merchant_name);
        if (!nm)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        free(m->name);
        m->name = nm;
    }
    /* Units use the top level of the region ("开发区" of "开发区/XX街道"). */
    int r, top;
    if (region_of(d, o->region, &r, &top) < 0)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    if (r >= 0) {
        m->region = r;
        m->rtop = top;
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        ment *e = realloc(m->e, cap * sizeof *e);
        if (!e)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        m->e = e;
        m->cap = cap;
    }
    char *id = strdup(o->id);
    if (!id)
        return qs_fail(err, QS_ENOMEM, "out of memory");
    int iss = (int)o->issue >= 0 && o->issue < ISSUE_N ? (int)o->issue : ISSUE_OTHER;
    uint64_t who = who_hash(o);
    ment *e = &m->e[m->n++];
    *e = (ment){id, o->t_ms, who, o->has_amount ? o->amount : 0, o->tags, (unsigned char)iss,
                (unsigned char)(o->professional ? 1 : 0), (unsigned char)(o->has_amount ? 1 : 0), 0};
    if (o->t_ms > m->last_t)
        m->last_t = o->t_ms;
    int64_t today = day_of(d, d->now);
    if (!o->professional) {
        d->k.counted++;
        ring_add(m->rday, m->rcnt, day_of(d, o->t_ms), today);
        ring_add(d->sring[m->sector].rday, d->sring[m->sector].rcnt, day_of(d, o->t_ms), today);
        m->issue_cum[iss]++;
        m->cum++;
    }
    qs_rc rc = QS_OK;
    test_res best = {0};
    episode *ep = episode_for(m, e);
    if (ep) {
        if (ep_add(d, ep, e) < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        e->in_ep = 1;
        if (!o->professional) {
            if (merchant_test(d, m, iss, ep->issue, &best) < 0)
                return qs_fail(err, QS_ENOMEM, "out of memory");
            if (significant(d, &best)) {
                ep->last_sig = d->now;
                ep->expected = best.expected;
                ep->p = best.p;
                ep->win_ms = best.win;
            }
            rc = ep_check(d, m, ep, 0, o->id, emit, ud, err);
        }
    } else if (!o->professional) {
        if (merchant_test(d, m, iss, -1, &best) < 0)
            return qs_fail(err, QS_ENOMEM, "out of memory");
        if (significant(d, &best))
            rc = open_episode(d, m, &best, o, emit, ud, err);
    }
    /* A complaint in a merchant's cluster is explained by that cluster: an
     * emerging issue is many merchants with one or two complaints each. */
    if (rc == QS_OK && !o->professional && !e->in_ep)
        rc = emerging_observe(d, o, m, who, emit, ud, err);
    merchant_prune(d, m);
    return rc;
}

static void unit_close(det_ctx *d, eunit *u, int64_t quiet)
{
    unit_expire(d, u);
    if (u->eid && d->now - u->last_sig > quiet)
        unit_end(d, u);
}

qs_rc det_advance(det_ctx *d, int64_t watermark_ms, det_emit_fn emit, void *ud, qs_err *err)
{
    (void)emit;
    (void)ud;
    (void)err;
    if (!d || !d->have_start)
        return QS_OK;
    if (watermark_ms > d->now)
        d->now = watermark_ms;
    int64_t today = day_of(d, d->now);
    if (today == d->sweep_day)
        return QS_OK;
    d->sweep_day = today;
    int64_t quiet = (int64_t)d->c.quiet_days * DAY;
    int64_t keep = ((int64_t)d->c.baseline_days + 1) * DAY + d->c.win[0];
    for (int w = 0; w < d->c.nwin; w++)
        if (((int64_t)d->c.baseline_days + 1) * DAY + d->c.win[w] > keep)
            keep = ((int64_t)d->c.baseline_days + 1) * DAY + d->c.win[w];
    /* Close episodes no longer in excess and drop merchants whose baseline
     * has emptied; keys are gathered first because the table must not change
     * while it is walked. */
    size_t pos = 0, nev = 0;
    const char *key;
    size_t len;
    void *v;
    /* Issue units first: they point at merchants, and expiring their week
     * drops those pointers before any merchant can be evicted. An emerging
     * episode stays open while the complaints that raised it are still in
     * a window its unit tests: closed earlier, the long window would raise
     * the same rise again from its tail, as a new episode. */
    int64_t em_quiet = (int64_t)em_horizon(&d->c) * DAY;
    em_quiet = em_quiet > quiet ? em_quiet : quiet;
    for (int s = 0; s < EM_LEVELS; s++)
        for (int i = 0; i < TOPIC_N; i++)
            if (d->units[s][i])
                unit_close(d, d->units[s][i], em_quiet);
    pos = 0;
    while (hmap_next(d->runits, &pos, &key, &len, &v))
        unit_close(d, v, em_quiet);
    pos = 0;
    while (hmap_next(d->merchants, &pos, &key, &len, &v)) {
        merchant *m = v;
        for (episode **pp = &m->eps; *pp;) {
            episode *ep = *pp;
            if (d->now - ep->last_sig > quiet) {
                *pp = ep->next;
                ep->next = NULL;
                episode_free(ep);
                d->k.episodes_open--;
            } else {
                pp = &ep->next;
            }
        }
        merchant_prune(d, m);
        if (!m->eps && !m->em_refs && d->now - m->last_t > keep)
            nev++;
    }
    if (nev) {
        merchant **ev = malloc(nev * sizeof *ev);
        if (ev) {
            size_t j = 0;
            pos = 0;
            while (hmap_next(d->merchants, &pos, &key, &len, &v)) {
                merchant *m = v;
                if (!m->eps && !m->em_refs && d->now - m->last_t > keep && j < nev)
                    ev[j++] = m;
            }
            for (size_t i = 0; i < j; i++) {
                hmap_del(d->merchants, ev[i]->key, strlen(ev[i]->key));
                d->smerch[ev[i]->sector]--;
                merchant_free(ev[i]);
                d->k.evicted++;
            }
            free(ev);
        }
    }
    return QS_OK;
}
