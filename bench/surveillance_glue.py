#!/usr/bin/env python3
"""Glue between a scenario stream, the detector's C statistics and R's
surveillance package for bench/surveillance.sh (read the header there).

    surveillance_glue.py prep STREAM OUTDIR PROBE
        OUTDIR/counts.csv  merchant,day,count of the counted complaints
                           (gold merchant, duplicates and professional
                           claimants left out, as the baselines see them),
                           days of the received time in UTC+8 from the
                           stream's first record, as bench/detect_score.py
        OUTDIR/ndays, OUTDIR/merchants (index -> key)
        OUTDIR/c2_05.csv, c2_02.csv  merchant-days where engine/stats.c's
                           stats_ears_c2 (through PROBE) on the complete day
                           exceeds 3, sd floor 0.5 / 0.2
    surveillance_glue.py report STREAM TRUTH ALERTS OUTDIR
        reads what surveillance_check.R wrote to OUTDIR and prints the EARS
        C2 agreement and the interview table (engine, our baselines, R's C2
        and farringtonFlexible), scored with bench/detect_score.py.
"""
import json
import os
import subprocess
import sys

from detect_score import (DAY, Stream, baseline_c2, baseline_fixed, counted, match_merchant_alerts,
                          summarize)

TZ = 8 * 3600  # the day boundary detect_score.baseline_c2 uses


def day_of(t):
    return int((t + TZ) // DAY)


def daily_counts(stream):
    """{merchant key: {day index: count}} (day 0 = the first record's day) and the day count."""
    d0 = day_of(stream.t_first)
    counts = {}
    last = 0
    for r in stream.recs:
        if not counted(r):
            continue
        d = day_of(r["t"]) - d0
        if d < 0:
            continue  # received before the first record's day: outside the series
        c = counts.setdefault(r["g"]["merchant_key"], {})
        c[d] = c.get(d, 0) + 1
        last = max(last, d)
    return counts, last + 1


def prep(stream_path, outdir, probe):
    stream = Stream(stream_path)
    counts, ndays = daily_counts(stream)
    keys = sorted(counts)
    with open(os.path.join(outdir, "merchants"), "w", encoding="utf-8") as f:
        f.write("".join(k + "\n" for k in keys))
    with open(os.path.join(outdir, "ndays"), "w") as f:
        f.write("%d\n" % ndays)
    with open(os.path.join(outdir, "counts.csv"), "w") as f:
        for m, k in enumerate(keys, 1):
            for d in sorted(counts[k]):
                f.write("%d,%d,%d\n" % (m, d + 1, counts[k][d]))
    # The engine's C2 on every merchant-day with a complaint from day 9 on
    # (the first day with a full t-9..t-3 baseline; zero days cannot alarm).
    for floor, name in ((0.5, "c2_05.csv"), (0.2, "c2_02.csv")):
        qs, at = [], []
        for m, k in enumerate(keys, 1):
            c = counts[k]
            for d in sorted(c):
                if d < 9:
                    continue
                base = [c.get(d - j, 0) for j in range(3, 10)]
                qs.append("c2 %d %g %s\n" % (c[d], floor, " ".join(str(b) for b in base)))
                at.append((m, d + 1))
        out = subprocess.run([probe], input="".join(qs), capture_output=True, text=True, check=True).stdout.split()
        if len(out) != len(qs):
            sys.exit("stats_probe answered %d of %d queries" % (len(out), len(qs)))
        with open(os.path.join(outdir, name), "w") as f:
            f.write("m,d\n")
            for (m, d), v in zip(at, out):
                if float(v) > 3:
                    f.write("%d,%d\n" % (m, d))


def read_csv(path):
    lines = open(path).read().split("\n")
    hdr = [h.strip('"') for h in lines[0].split(",")]
    rows = []
    for l in lines[1:]:
        if l.strip():
            v = l.split(",")
            rows.append({h: (float(x) if x != "NA" else None) for h, x in zip(hdr, v)})
    return rows


def streamed(stream, bounds, min7=0):
    """Alerts of a day-level detector run as the stream arrives, like
    detect_score.baseline_c2: at each counted complaint about merchant k, the
    count of today (the stream's current day) so far against that day's upper
    bound from R, (with min7) at least min7 complaints in the last 7 days; one
    alert per episode (silent until the rule has been false for 7 days).
    bounds: {(key, day index): upper bound}."""
    d0 = day_of(stream.t_first)
    dd, ids, last_true, out = {}, {}, {}, []
    for p, r in enumerate(stream.recs):
        if not counted(r):
            continue
        k = r["g"]["merchant_key"]
        day = day_of(r["t"]) - d0
        c = dd.setdefault(k, {})
        c[day] = c.get(day, 0) + 1
        ids.setdefault((k, day), set()).add(r["id"])
        today = day_of(r["now"]) - d0
        ub = bounds.get((k, today))
        if ub is None or c.get(today, 0) <= ub:
            continue
        if min7 and sum(c.get(today - j, 0) for j in range(7)) < min7:
            continue
        if k not in last_true or r["now"] - last_true[k] > 7 * DAY:
            ev = set()
            for j in range(7):
                ev |= ids.get((k, today - j), set())
            out.append((k, p, ev))
        last_true[k] = r["now"]
    return out


def episodes_of_days(days):
    """Episode starts from alarm days per merchant: an alarm day more than 7
    days after the merchant's previous alarm day (or its first) opens one."""
    out, prev = set(), {}
    for k, d in sorted(days):
        if k not in prev or d - prev[k] > 7:
            out.add((k, d))
        prev[k] = d
    return out


def agree(a, b):
    return len(a & b), len(a - b), len(b - a)


def report(stream_path, truth_path, alerts_path, outdir):
    stream = Stream(stream_path)
    truth = json.load(open(truth_path, encoding="utf-8"))
    keys = open(os.path.join(outdir, "merchants"), encoding="utf-8").read().split("\n")
    key = lambda m: keys[int(m) - 1]
    d0 = day_of(stream.t_first)
    counts, _ = daily_counts(stream)
    print("EARS C2 alarm days (merchant x day; day 0 = the stream's first, days 9..; threshold 3 sd):"
          " both / only ours / only R")
    print("%-44s %6s %6s %6s" % ("", "both", "ours", "R"))
    r_days, r_bounds = {}, {}
    for fl, tag in ((0.5, "05"), (0.2, "02")):
        rows = read_csv(os.path.join(outdir, "ears%s.csv" % tag))
        r_days[fl] = {(key(x["m"]), int(x["d"]) - 1) for x in rows}
        r_bounds[fl] = {(key(x["m"]), int(x["d"]) - 1): x["ub"] for x in rows}
        eng = {(key(x["m"]), int(x["d"]) - 1) for x in read_csv(os.path.join(outdir, "c2_%s.csv" % tag))}
        print("%-44s %6d %6d %6d" % ("stats_ears_c2 vs earsC, sd floor %.1f" % fl, *agree(eng, r_days[fl])))
        # earsC's bound is mean + qnorm(1 - alpha) sd, and qnorm(1 - pnorm(-3))
        # is 3 - 3e-15: a count exactly 3 sd above the mean alarms in R only.
        ties = sum(1 for k, d in r_days[fl] - eng if abs(counts[k][d] - r_bounds[fl][(k, d)]) < 1e-9)
        if ties:
            print("    %-60s %5d" % ("R only: count exactly mean + 3 sd (R's z is 3 - 3e-15)", ties))
    for fl in (0.5, 0.2):
        ours = {(k, day_of(stream.recs[p]["now"]) - d0) for k, p, _ in baseline_c2(stream, fl)}
        theirs = episodes_of_days(r_days[fl])
        b, o, t = agree(ours, theirs)
        print("%-44s %6d %6d %6d" % ("episode starts, bench C2 vs earsC %.1f" % fl, b, o, t))
        if o or t:
            explain(stream, counts, ours - theirs, theirs - ours, r_days[fl], r_bounds[fl], fl)
    print("(the bench C2 judges a day while it is the stream's current day, on its count so far; late\n"
          " records join their own day afterwards, so R, on complete days, alarms on days the bench never\n"
          " saw cross the bound; episodes: one per run of alarm days with gaps of 7 days or less)")
    print()
    mw = stream.merchants * stream.days / 7.0
    clusters = truth["clusters"]
    fresh = [x for x in (json.loads(l) for l in open(alerts_path, encoding="utf-8") if l.strip())
             if not x.get("update") and x["type"] == "interview"]
    iv = [(x["merchant_key"], stream.pos[x["trigger_id"]], set(x["complaint_ids"])) for x in fresh]
    far = read_csv(os.path.join(outdir, "farrington.csv"))
    fbounds = {(key(x["m"]), int(x["d"]) - 1): x["ub"] for x in far if x["ub"] is not None}
    first_f = min((d for _, d in fbounds), default=0)
    late = [c for c in clusters if day_of(stream.recs[min(stream.pos[i] for i in c["ids"] if i in stream.pos)]["t"])
            - d0 >= first_f] if fbounds else []
    table = [("engine", iv), ("fixed >=3/7d", baseline_fixed(stream)),
             ("bench EARS C2 sd>=.5", baseline_c2(stream, 0.5)),
             ("R earsC C2 sd>=.5, streamed", streamed(stream, r_bounds[0.5])),
             ("R farringtonFlexible", streamed(stream, fbounds, min7=3))]
    print("interview alerts on the same stream (detect_score matching; n = injected clusters)")
    f = lambda v, d=2: "-" if v is None else ("%.*f" % (d, v))
    print("%-44s %4s %6s %6s %6s %8s %6s %6s %7s" % ("", "n", "alerts", "recall", "prec", "FA/1kMW",
                                                  "dN50", "dN90", "dH50"))
    for sub, cl in (("all injected clusters", clusters),
                    ("clusters starting on day %d or later (Farrington's first day)" % first_f, late)):
        if not cl:
            continue
        print(sub)
        for name, al in table:
            r = summarize("  " + name, cl, *match_merchant_alerts(stream, truth, al, cl), mw)
            print("%-44s %4d %6d %6s %6s %8s %6s %6s %7s" % (
                r["name"], r["n"], r["alerts"], f(r["recall"]), f(r["precision"]), f(r["fa_per_1000mw"]),
                f(r["delay_med_n"], 1), f(r["delay_p90_n"], 1), f(r["delay_med_h"], 1)))
    print("merchant-weeks %.0f; Farrington fitted on %d merchant-days (7-day total >= 3, day >= %d);\n"
          "R rows are run as the stream arrives (today's count so far against R's bound for the day),\n"
          "one alert per episode as the bench baselines; in the second block alerts on earlier\n"
          "clusters count as false" % (mw, len(far), first_f))


def explain(stream, counts, only_ours, only_r, r_days, r_bounds, floor):
    """Counts the reasons for episode starts found by one side only. The
    bench baseline judges a day while it is the stream's current day, on the
    count so far; a complaint received on an earlier day that arrives late
    adds to that day's count after it was judged, and R sees complete days."""
    d0 = day_of(stream.t_first)
    late = set()
    for r in stream.recs:
        if counted(r) and day_of(r["t"]) != day_of(r["now"]):
            late.add((r["g"]["merchant_key"], day_of(r["t"]) - d0))
    why = {}
    for k, d in only_ours:
        if (k, d) in r_days:
            w = "ours only: R's episode began on an earlier alarm day"
        else:
            w = "ours only: other"
        why[w] = why.get(w, 0) + 1
    for k, d in only_r:
        prev = [x for kk, x in r_days if kk == k and x < d]
        if abs(counts[k][d] - r_bounds[(k, d)]) < 1e-9:
            w = "R only: count exactly mean + 3 sd"
        elif (k, d) in late:
            w = "R only: the day crosses the bound with late records"
        elif prev and d - max(prev) == 8:
            w = "R only: gap of 8 alarm days, under 7x24 h as ours measures"
        else:
            w = "R only: other"
        why[w] = why.get(w, 0) + 1
    for w, n in sorted(why.items()):
        print("    %-60s %5d" % (w, n))


def main():
    a = sys.argv[1:]
    if len(a) == 4 and a[0] == "prep":
        prep(a[1], a[2], a[3])
    elif len(a) == 5 and a[0] == "report":
        report(a[1], a[2], a[3], a[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
