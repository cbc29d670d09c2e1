#!/usr/bin/env python3
"""hand2jsonl.py TSV OUT.jsonl [ID_PREFIX]: hand-written labelled texts (issue<TAB>tags<TAB>text,
tags comma-separated or "-") to the labelled JSONL format the scorer reads."""
import json
import sys

prefix = sys.argv[3] if len(sys.argv) > 3 else "h"
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as o:
    n = 0
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        issue, tags, text = line.rstrip("\n").split("\t")
        n += 1
        o.write(json.dumps({"id": f"{prefix}{n}", "received_at": "2026-11-28T09:00:00+08:00", "text": text,
                            "gold": {"issue": issue, "tags": [] if tags == "-" else tags.split(",")}},
                           ensure_ascii=False) + "\n")
