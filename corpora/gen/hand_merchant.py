#!/usr/bin/env python3
"""Build corpora/hand/merchant-dev.jsonl from the hand-written lines of
corpora/hand/merchant-dev.src (format in that file's header). Mention offsets
are computed here, in code points, by finding each listed name in order.
Every third record (ids ending "-t") is the untouched part: measured only at
the end, never read while changing the engine.
  hand_merchant.py SRC OUT [ID_PREFIX]   (ids PREFIX-NNNN-d|t, default "hm")"""
import json
import sys


def build(src, out, prefix="hm"):
    rows = []
    for ln, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split(" ## ")]
        if len(f) != 7:
            sys.exit(f"{src}:{ln}: {len(f)} fields, want 7")
        text, name, key, sector, ments, issue, tags = f
        mentions, pos = [], 0
        for m in filter(None, ments.split("|")):
            i = text.find(m, pos)
            if i < 0:
                sys.exit(f"{src}:{ln}: mention {m!r} not found after {pos}")
            mentions.append({"name": m, "start": i, "end": i + len(m)})
            pos = i + len(m)
        merchant = None
        if name != "-":
            if name not in text and not mentions:
                sys.exit(f"{src}:{ln}: merchant {name!r} not in text")
            merchant = {"name": name, "key": key, "sector": sector}
        n = len(rows)
        rows.append({"id": f"{prefix}-{n:04d}-{'t' if n % 3 == 2 else 'd'}",
                     "received_at": "2026-11-%02dT10:00:00+08:00" % (1 + n % 28),
                     "channel": "12345" if n % 2 else "12315", "kind": "complaint",
                     "complainant": f"h{n:04d}", "region": "", "text": text,
                     "gold": {"merchant": merchant, "mentions": mentions, "issue": issue,
                              "tags": [t for t in tags.split(",") if t]}})
    with open(out, "w", encoding="utf-8") as fo:
        for r in rows:
            fo.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} records", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    build(*sys.argv[1:])
