#!/usr/bin/env python3
"""Scores detector alerts against a scenario's truth, beside two baselines
computed on the same stream.

    detect_score.py --stream s.jsonl --truth s.truth.json --alerts a.jsonl [--json]

Per alert type: recall, precision, false alerts per 1,000 merchant-weeks,
median and 90th-percentile delay (cluster complaints received when the alert
fired; hours from the cluster's first complaint to the stream's event time
then). Baselines, fed the same gold fields (duplicates and professional
claimants removed, as the engine sees them):
  fixed rule  >= 3 complaints about one merchant within 7 days
  EARS C2     today's count vs mean and sd of days t-9..t-3, alarm when
              (x - mean) / max(sd, floor) > 3 (floor 0.5 as Burkom advises
              for sparse data; 0.2 shown too)
Each baseline raises one alert per merchant episode (silent until its rule
has been false for 7 days), as the engine does.

Emerging recall is also reported by rise size (rows "rise >= 2x", "1-2x",
"< 1x"): the injected complaints per day against the background of the same
sector and issue at the injection's scope (its region when regional). A rise
well under the background of a busy sector and issue is beyond any detector
at the window lengths that matter; it stays in the pooled row and is shown
in its own band. With --json the per-injection detail is under "emerging"
(size, merchants, span, shape, rise, the oracle's p-value: see
emerging_oracle, a seasonal bump of its sector during it or in its baseline:
see emerging_bump, how many of its complaints name no merchant, and whether
it was alerted).
"""
import argparse
import datetime as dt
import json
import math
import statistics

DAY = 86400.0


def ts(s):
    return dt.datetime.fromisoformat(s).timestamp()


def pct(xs, q):
    if not xs:
        return None
    xs = sorted(xs)
    i = min(len(xs) - 1, max(0, int(round(q * (len(xs) - 1)))))
    return xs[i]


class Stream:
    def __init__(self, path):
        self.recs = []
        self.pos = {}
        now = float("-inf")
        for i, line in enumerate(open(path, encoding="utf-8")):
            r = json.loads(line)
            t = ts(r["received_at"])
            now = max(now, t)
            g = r["gold"]
            self.recs.append({"id": r["id"], "t": t, "now": now, "g": g, "who": r.get("complainant") or r["id"]})
            self.pos[r["id"]] = i
        self.t_first = self.recs[0]["t"] if self.recs else 0
        self.merchants = len({r["g"]["merchant_key"] for r in self.recs if r["g"]["merchant_key"]})
        self.days = (max(r["t"] for r in self.recs) - min(r["t"] for r in self.recs)) / DAY


def counted(r):
    g = r["g"]
    return g["merchant_key"] and not g["duplicate_of"] and not g["professional"]


def em_sector(r):
    """The sector a complaint counts toward for emerging issues: its
    merchant's, or for one naming no merchant the trade its text names
    (gold `text_sector`; None when it names none). None when not counted."""
    g = r["g"]
    if g["duplicate_of"] or g["professional"]:
        return None
    return g["sector"] if g["merchant_key"] else g.get("text_sector")


def match_merchant_alerts(stream, truth, alerts, clusters, by_ids=False):
    """alerts: list of (merchant_key, trigger position, evidence ids). An
    alert detects a cluster when it fires after the cluster's first complaint
    and within 7 days of its end, about the cluster's merchant (by key), or
    with by_ids (keys from extraction differ from the gold keys) when at least
    two of the cluster's complaints are in its evidence."""
    by_merchant = {}
    for c in clusters:
        by_merchant.setdefault(c["merchant_key"], []).append(c)
    cl_pos = {}
    for c in clusters:
        ids = set(c["ids"])
        cl_pos[c["id"]] = sorted(stream.pos[i] for i in ids if i in stream.pos)
    hit = {}
    tp = fp = 0
    cl_ids = {c["id"]: set(c["ids"]) for c in clusters}
    for key, p, ev in alerts:
        now = stream.recs[p]["now"]
        m = None
        cands = by_merchant.get(key, [])
        if by_ids:
            cands = [c for c in clusters
                     if len(ev & cl_ids[c["id"]]) >= 2 or 2 * len(ev & cl_ids[c["id"]]) >= max(1, len(ev))]
        for c in cands:
            first = cl_pos[c["id"]][0] if cl_pos[c["id"]] else None
            if first is not None and p >= first and now <= ts(c["end"]) + 7 * DAY:
                m = c
                break
        if m is None or m["id"] in hit:
            fp += 1
            continue
        tp += 1
        n_recv = sum(1 for q in cl_pos[m["id"]] if q <= p)
        hit[m["id"]] = (n_recv, (now - ts(m["start"])) / 3600.0)
    return tp, fp, hit


def summarize(name, clusters, tp, fp, hit, mw):
    n = len(clusters)
    rec = len([c for c in clusters if c["id"] in hit]) / n if n else None
    prec = tp / (tp + fp) if tp + fp else None
    dc = [hit[c["id"]][0] for c in clusters if c["id"] in hit]
    dh = [hit[c["id"]][1] for c in clusters if c["id"] in hit]
    return {
        "name": name, "n": n, "alerts": tp + fp, "recall": rec, "precision": prec,
        "fa_per_1000mw": 1000.0 * fp / mw if mw else None,
        "delay_med_n": statistics.median(dc) if dc else None, "delay_p90_n": pct(dc, 0.9),
        "delay_med_h": statistics.median(dh) if dh else None, "delay_p90_h": pct(dh, 0.9),
        # Per cluster, in the truth's order: [complaints, hours] when alerted,
        # else None (detect.sh pools these and pairs detectors cluster by
        # cluster).
        "per_cluster": [list(hit[c["id"]]) if c["id"] in hit else None for c in clusters],
    }


def baseline_fixed(stream):
    out = []
    recent = {}
    last_true = {}
    for p, r in enumerate(stream.recs):
        if not counted(r):
            continue
        k = r["g"]["merchant_key"]
        now = r["now"]
        q = [(t, i) for t, i in recent.get(k, []) if t > now - 7 * DAY]
        q.append((r["t"], r["id"]))
        recent[k] = q
        if len(q) >= 3:
            if k not in last_true or now - last_true[k] > 7 * DAY:
                out.append((k, p, {i for _, i in q}))
            last_true[k] = now
    return out


def baseline_c2(stream, floor, tz=8 * 3600, z=3.0):
    out = []
    days = {}
    ids = {}
    last_true = {}
    for p, r in enumerate(stream.recs):
        if not counted(r):
            continue
        k = r["g"]["merchant_key"]
        dd = days.setdefault(k, {})
        day = int((r["t"] + tz) // DAY)
        dd[day] = dd.get(day, 0) + 1
        ids.setdefault((k, day), set()).add(r["id"])
        today = int((r["now"] + tz) // DAY)
        if today - int((stream.t_first + tz) // DAY) < 9:
            continue
        x = dd.get(today, 0)
        base = [dd.get(today - j, 0) for j in range(3, 10)]
        m = sum(base) / 7.0
        sd = statistics.stdev(base)
        c2 = (x - m) / max(sd, floor)
        if c2 > z:
            if k not in last_true or r["now"] - last_true[k] > 7 * DAY:
                ev = set()
                for j in range(0, 7):
                    ev |= ids.get((k, today - j), set())
                out.append((k, p, ev))
            last_true[k] = r["now"]
    return out


def emerging_c2(stream, floor=0.5, tz=8 * 3600):
    """EARS C2 on daily counts per (sector, issue): the emerging baseline."""
    out = []
    days = {}
    last_true = {}
    for p, r in enumerate(stream.recs):
        s = em_sector(r)
        if s is None:
            continue
        k = (s, r["g"]["issue"])
        dd = days.setdefault(k, {})
        day = int((r["t"] + tz) // DAY)
        dd[day] = dd.get(day, 0) + 1
        today = int((r["now"] + tz) // DAY)
        if today - int((stream.t_first + tz) // DAY) < 9:
            continue
        x = dd.get(today, 0)
        base = [dd.get(today - j, 0) for j in range(3, 10)]
        c2 = (x - sum(base) / 7.0) / max(statistics.stdev(base), floor)
        if c2 > 3:
            if k not in last_true or r["now"] - last_true[k] > 7 * DAY:
                out.append((k, p))
            last_true[k] = r["now"]
    return out


def in_scope(r, e):
    """Whether complaint r counts at the scope injection e was made at: its
    sector (any sector for a cross-sector rise, whose sector is None)."""
    s = em_sector(r)
    return s is not None and (e["sector"] is None or s == e["sector"])


def emerging_strength(stream, e):
    """How far above normal an injected rise is, at the scope it was injected
    at (its region when regional, else its sector): the injected complaints
    per day over their span against the background rate of the same sector,
    issue (and region) over the whole stream, injected ones left out (a floor
    of half a complaint over the span). A rise well under 1x the background of
    a busy sector and issue is not detectable by any detector; it is reported
    in its own band rather than dropped."""
    inj = set(e["ids"])
    n = sum(1 for r in stream.recs if in_scope(r, e) and r["id"] not in inj
            and r["g"]["issue"] == e["issue"]
            and (not e.get("region") or r["g"]["region"] == e["region"]))
    span = max(1.0, (ts(e["end"]) - ts(e["start"])) / DAY)
    return len(e["ids"]) / max(0.5, n / max(1.0, stream.days) * span)


def poisson_sf(k, mu):
    """P(X >= k) for X ~ Poisson(mu), summed in log space."""
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    lp = -mu + k * math.log(mu) - math.lgamma(k + 1)
    tot, i = 0.0, k
    while True:
        term = math.exp(lp)
        tot += term
        if term < tot * 1e-15 or i > k + 10000:
            return min(1.0, tot)
        i += 1
        lp += math.log(mu) - math.log(i)


def emerging_oracle(stream, e):
    """What an oracle that knows the injection's scope and span would see:
    the p-value of the counted complaints of its sector, issue (and region
    when regional) over the span, injected ones included, against the
    background rate of the same scope over the whole stream (Poisson). A
    detector scanning every scope and window cannot beat it; a rise with an
    oracle p above 1e-3 is not detectable at any reasonable false-alarm rate."""
    inj = set(e["ids"])
    t0, t1 = ts(e["start"]), ts(e["end"])
    bg = k = 0
    for r in stream.recs:
        g = r["g"]
        if not in_scope(r, e) or g["issue"] != e["issue"] \
                or (e.get("region") and g["region"] != e["region"]):
            continue
        inside = t0 <= r["t"] <= t1
        if r["id"] in inj:
            k += 1
        else:
            bg += 1
            k += inside
    return poisson_sf(k, bg / max(1.0, stream.days) * (t1 - t0) / DAY)


def emerging_bump(truth, e, baseline_days=35):
    """Where the scenario's seasonal bumps of the injection's sector (a week
    of its whole volume at 1.8-2.5x) fall against it: "during" when a bump
    week overlaps its span (its rise is judged against a lifted sector and
    is that much thinner beside it; the oracle, reading the background over
    the whole stream, does not see the lift), "in baseline" when one lies in
    the baseline_days before it (the engine's window and baseline: it lifts
    the sector's baseline volume), else "none"."""
    t0 = ts(truth["start"])
    s, f = (ts(e["start"]) - t0) / DAY, (ts(e["end"]) - t0) / DAY
    rel = "none"
    for b in truth.get("bumps", []):
        if e["sector"] is not None and b["sector"] != e["sector"]:
            continue
        if b["day"] <= f and s < b["day"] + 7:
            return "during"
        if s - baseline_days <= b["day"] + 7 and b["day"] < s:
            rel = "in baseline"
    return rel


FA_BUDGET = 1.0  # false alerts per 1,000 merchant-weeks: the issue's target
C2_Z = (3, 4, 5, 6, 8, 10, 15, 20)


def c2_within_budget(stream, truth, clusters, mw, by_ids):
    """EARS C2 (sd floor 0.5) at the lowest threshold z whose false alerts
    stay within FA_BUDGET: the baseline held to the engine's false-alarm
    target, so recall and delay compare at one false-alarm rate (as an AMOC
    curve would). The row's name carries the z chosen."""
    for z in C2_Z:
        tp, fp, hit = match_merchant_alerts(stream, truth, baseline_c2(stream, 0.5, z=z), clusters, by_ids)
        if mw and 1000.0 * fp / mw <= FA_BUDGET or z == C2_Z[-1]:
            r = summarize("interview: EARS C2 at <=1 FA/1kMW", clusters, tp, fp, hit, mw)
            r["z"] = z
            return r


def third_complainant(stream, clusters):
    """When each cluster's third distinct counted complainant arrived: the
    earliest any detector that needs three complainants (the engine's
    default min_complainants) can alert. A reference row, not a detector:
    its precision is meaningless."""
    hit = {}
    for c in clusters:
        ids = set(c["ids"])
        who = set()
        n = 0
        for q in sorted(stream.pos[i] for i in ids if i in stream.pos):
            r = stream.recs[q]
            n += 1
            if counted(r):
                who.add(r["who"])
            if len(who) >= 3:
                hit[c["id"]] = (n, (r["now"] - ts(c["start"])) / 3600.0)
                break
    return hit


RISE_BANDS = [("rise >= 2x", 2.0, float("inf")), ("rise 1-2x", 1.0, 2.0), ("rise < 1x", 0.0, 1.0)]


def score_emerging(stream, truth, alerts, name, mw, only=None, detail=False):
    ems = [e for e in truth["emerging"] if only is None or e["id"] in only]
    pos = {e["id"]: sorted(stream.pos[i] for i in e["ids"] if i in stream.pos) for e in ems}
    hit = {}
    tp = fp = 0
    idsets = {e["id"]: set(e["ids"]) for e in ems}
    for alert in alerts:
        (sector, issue), p = alert[0], alert[1]
        ids = alert[2] if len(alert) > 2 else None
        now = stream.recs[p]["now"]
        m = None
        for e in ems:
            # Same sector, and the same issue or (a tag topic) mostly the
            # injected complaints; a rise across sectors (sector None) is
            # found by an alert across sectors or by one sector's alert on
            # its complaints, and an alert across sectors finds a sector's
            # rise when its complaints are mostly that rise's.
            mostly = bool(ids) and 3 * len(ids & idsets[e["id"]]) >= len(ids)
            same = e["issue"] == issue or mostly
            scope = e["sector"] == sector or ((e["sector"] is None or sector is None) and mostly)
            if scope and same and pos[e["id"]] and p >= pos[e["id"]][0] \
                    and now <= ts(e["end"]) + 7 * DAY:
                m = e
                break
        if m is None or m["id"] in hit:
            fp += 1
            continue
        tp += 1
        hit[m["id"]] = (sum(1 for q in pos[m["id"]] if q <= p), (now - ts(m["start"])) / 3600.0)
    if detail:
        return hit
    return summarize(name, ems, tp, fp, hit, mw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stream", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--alerts", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--match-ids", action="store_true",
                    help="match merchant alerts to clusters by their complaints (keys from extraction)")
    ap.add_argument("--interview-only", action="store_true",
                    help="score the engine's interview alerts only (JSON; no baselines): for detect.sh's "
                         "operating-point ladder")
    a = ap.parse_args()
    stream = Stream(a.stream)
    truth = json.load(open(a.truth, encoding="utf-8"))
    mw = stream.merchants * stream.days / 7.0
    alerts = [json.loads(l) for l in open(a.alerts, encoding="utf-8") if l.strip()]
    fresh = [x for x in alerts if not x.get("update")]
    rows = []
    clusters = truth["clusters"]
    iv = [(x["merchant_key"], stream.pos[x["trigger_id"]], set(x["complaint_ids"])) for x in fresh
          if x["type"] == "interview"]
    rows.append(summarize("interview: engine", clusters, *match_merchant_alerts(stream, truth, iv, clusters, a.match_ids), mw))
    if a.interview_only:
        print(json.dumps({"rows": rows}))
        return
    rows.append(summarize("interview: fixed >=3/7d", clusters,
                          *match_merchant_alerts(stream, truth, baseline_fixed(stream), clusters, a.match_ids), mw))
    rows.append(summarize("interview: EARS C2 sd>=.5", clusters,
                          *match_merchant_alerts(stream, truth, baseline_c2(stream, 0.5), clusters, a.match_ids), mw))
    rows.append(summarize("interview: EARS C2 sd>=.2", clusters,
                          *match_merchant_alerts(stream, truth, baseline_c2(stream, 0.2), clusters, a.match_ids), mw))
    rows.append(c2_within_budget(stream, truth, clusters, mw, a.match_ids))
    floor = third_complainant(stream, clusters)
    r = summarize("interview: 3rd complainant", clusters, len(floor), 0, floor, mw)
    r["precision"] = r["fa_per_1000mw"] = None
    r["alerts"] = 0
    rows.append(r)
    warr = [c for c in clusters if c["warrants_warning"]]
    wa = [(x["merchant_key"], stream.pos[x["trigger_id"]], set(x["complaint_ids"])) for x in fresh
          if x["type"] == "warning"]
    tp, fp, hit = match_merchant_alerts(stream, truth, wa, clusters, a.match_ids)
    r = summarize("warning: engine", warr, tp, fp, {k: v for k, v in hit.items()
                                                     if k in {c["id"] for c in warr}}, mw)
    r["unwarranted"] = len([k for k in hit if k not in {c["id"] for c in warr}])
    rows.append(r)
    em = [((x["sector"], x["issue"]), stream.pos[x["trigger_id"]], set(x["complaint_ids"]))
          for x in fresh if x["type"] == "emerging"]
    rows.append(score_emerging(stream, truth, em, "emerging: engine", mw))
    # Recall by rise size (see emerging_strength): precision is left out of
    # these rows, since an alert may match an injection of another band.
    rise = {e["id"]: emerging_strength(stream, e) for e in truth["emerging"]}
    for band, lo, hi in RISE_BANDS:
        only = {k for k, v in rise.items() if lo <= v < hi}
        r = score_emerging(stream, truth, em, "emerging: engine, " + band, mw, only)
        r["precision"] = r["fa_per_1000mw"] = None
        r["alerts"] = 0
        rows.append(r)
    hits = score_emerging(stream, truth, em, "", mw, detail=True)
    detail = [{"id": e["id"], "sector": e["sector"], "issue": e["issue"], "region": e.get("region"),
               "size": len(e["ids"]), "merchants": len(e["merchants"]),
               "span_days": round((ts(e["end"]) - ts(e["start"])) / DAY, 1),
               "shape": e.get("shape", "flat"), "rise": round(rise[e["id"]], 2),
               "oracle_p": emerging_oracle(stream, e), "bump": emerging_bump(truth, e), "hit": e["id"] in hits,
               "unnamed": sum(1 for i in e["ids"] if i in stream.pos
                              and not stream.recs[stream.pos[i]]["g"]["merchant_key"])}
              for e in truth["emerging"]]
    rows.append(score_emerging(stream, truth, emerging_c2(stream), "emerging: EARS C2 sector x issue", mw))
    pii = 0
    for x in alerts:
        if x.get("draft"):
            import re
            if re.search(r"1[3-9]\d{9}|\d{17}[\dXx]|p\d{6}|pro\d{3}", x["draft"]):
                pii += 1
    if a.json:
        print(json.dumps({"rows": rows, "pii_drafts": pii, "merchant_weeks": mw, "emerging": detail}))
        return
    f = lambda v, d=2: "-" if v is None else ("%.*f" % (d, v))
    print("%-34s %4s %6s %6s %6s %8s %6s %6s %7s %7s" % ("", "n", "alerts", "recall", "prec", "FA/1kMW",
                                                          "dN50", "dN90", "dH50", "dH90"))
    for r in rows:
        print("%-34s %4d %6d %6s %6s %8s %6s %6s %7s %7s" % (
            r["name"], r["n"], r["alerts"], f(r["recall"]), f(r["precision"]), f(r["fa_per_1000mw"]),
            f(r["delay_med_n"], 1), f(r["delay_p90_n"], 1), f(r["delay_med_h"], 1), f(r["delay_p90_h"], 1)))
    print("drafts with personal data: %d; merchant-weeks: %.0f" % (pii, mw))


if __name__ == "__main__":
    main()
