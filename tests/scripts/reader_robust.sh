#!/bin/sh
# reader_robust.sh: hostile streams through `qunsu validate`. Generates (no
# committed files) streams with a 10 MB line, binary garbage, NUL bytes, CRLF,
# a byte-order mark, invalid UTF-8 of every kind, every reject reason, lines
# at the size limit and a last line without newline, each bad line between
# good ones. Checks that every good line is accepted and that every bad line
# gives exactly one reject with the expected reason and line number.
set -u
: "${QUNSU:?QUNSU must point at the binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
python3 - "$QUNSU" <<'PY'
import json, random, subprocess, sys

qunsu = sys.argv[1]
rng = random.Random(12315)
failed = 0


def good(i, crlf=False, text=None):
    rec = {"id": "G-%06d" % i, "received_at": "2026-11-28T09:15:00+08:00",
           "text": text or "在金鼎健身办的卡，店关门了 %d" % i}
    return json.dumps(rec, ensure_ascii=False).encode() + (b"\r\n" if crlf else b"\n")


def line_of_size(i, size):
    """A good JSON line of exactly `size` bytes (without the newline)."""
    base = good(i, text="x").rstrip(b"\n")
    return base.replace(b'"x"', b'"' + b"x" * (size - len(base) + 1) + b'"')


T = b'"received_at":"2026-11-28T09:15:00+08:00"'


def rec(rid, text=b"x", extra=b""):
    """A record line with id rid, the fixed time, raw text bytes, then extra."""
    return b'{"id":"' + rid + b'",' + T + b',"text":"' + text + b'"' + extra + b'}'


bad_lines = [
    ("too_long", b'{"id":"big","received_at":"2026-11-28T09:15:00+08:00","text":"'
     + b"\xe6\xb1\x89" * (10 * 1024 * 1024 // 3) + b'"}'),
    ("too_long", line_of_size(900001, 65537)),
    ("nul_byte", rec(b"nul", b"a\x00b")),
    ("nul_byte", b"\x00" * 16),
    ("utf8", bytes(rng.choice([b for b in range(256) if b not in (0, 10, 13, 32, 9)])
                   for _ in range(4096)) + b"\xff"),
    ("utf8", rec(b"overlong", b"\xc0\xaf")),
    ("utf8", rec(b"overlong3", b"\xe0\x80\xaf")),
    ("utf8", rec(b"surrogate", b"\xed\xa0\x80")),
    ("utf8", rec(b"truncated", b"\xe4\xb8")),
    ("utf8", rec(b"truncated-end") + b"\xe4"),
    ("utf8", rec(b"continuation", b"\x80")),
    ("utf8", rec(b"too-big", b"\xf4\x90\x80\x80")),
    ("utf8", rec(b"five-byte", b"\xf8\x88\x80\x80\x80")),
    ("utf8", rec(b"latin1", b"caf\xe9")),
    ("json", b"not json at all"),
    ("json", b'{"id":"cut",' + T),
    ("json", b'{"id":"two"} {"id":"objects"}'),
    ("not_object", b"[1,2,3]"),
    ("not_object", b'"just a string"'),
    ("not_object", b"42"),
    ("missing_field", b'{"id":"no-text",' + T + b'}'),
    ("missing_field", b'{"id":"null-time","received_at":null,"text":"x"}'),
    ("missing_field", b'{' + T + b',"text":"no id"}'),
    ("wrong_type", b'{"id":7,' + T + b',"text":"x"}'),
    ("wrong_type", rec(b"amount-str", extra=b',"amount":"5"')),
    ("wrong_type", rec(b"chan-num", extra=b',"channel":12315')),
    ("wrong_type", b'{"id":"text-arr",' + T + b',"text":["x"]}'),
    ("bad_value", rec(b"")),
    ("bad_value", rec(b"neg", extra=b',"amount":-1')),
    ("bad_time", b'{"id":"no-offset","received_at":"2026-11-28T09:15:00","text":"x"}'),
    ("bad_time", b'{"id":"feb30","received_at":"2026-02-30T09:15:00+08:00","text":"x"}'),
    ("bad_time", b'{"id":"epoch","received_at":"1795828500","text":"x"}'),
    ("duplicate_id", good(3).rstrip(b"\n")),
]


def check(name, data, want_rejects, want_accepted, extra_args=()):
    global failed
    path = name + ".jsonl"
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([qunsu, "validate", "--in", path, *extra_args], capture_output=True)
    got = []
    for ln in p.stdout.decode("utf-8").splitlines():
        ev = json.loads(ln)
        got.append((ev["line"], ev["reason"]))
    err = p.stderr.decode("utf-8", "replace")
    accepted = None
    for ln in err.splitlines():
        if ln.startswith("lines read"):
            accepted = int(ln.split("accepted ")[1].split(",")[0])
    problems = []
    if p.returncode != 0:
        problems.append("exit status %d" % p.returncode)
    if "Sanitizer" in err:
        problems.append("sanitizer report:\n" + err[:2000])
    if accepted != want_accepted:
        problems.append("accepted %s, want %d" % (accepted, want_accepted))
    if got != want_rejects:
        missing = [r for r in want_rejects if r not in got]
        extra = [r for r in got if r not in want_rejects]
        problems.append("rejects differ: missing %s, unexpected %s" % (missing[:5], extra[:5]))
    if problems:
        failed += 1
        print("FAIL %s: %s" % (name, "; ".join(problems)))
    else:
        print("ok %s: %d accepted, %d rejects as expected" % (name, accepted, len(got)))


# 1. every bad line between runs of good lines; BOM first, CRLF on some good
#    lines, blank and CR-only lines, last line good without a newline.
N = 25
out, rejects, n_good = [], [], 0  # line i of the stream is out[i - 1]


def add_good(line):
    global n_good
    out.append(line)
    n_good += 1


def add_bad(line, reason):
    out.append(line)
    rejects.append((len(out), reason))


gid = 0
add_good(b"\xef\xbb\xbf" + good(gid)); gid += 1
for reason, bad in bad_lines:
    for k in range(N):
        add_good(good(gid, crlf=(k % 3 == 0))); gid += 1
    add_bad(bad + (b"\r\n" if reason == "nul_byte" else b"\n"), reason)
    out.append(b"   \n" if len(out) % 2 else b"\r\n")  # blank: skipped silently
for k in range(N):
    add_good(good(gid)); gid += 1
# a BOM starting a later line (concatenated exports) is accepted too
add_good(b"\xef\xbb\xbf" + good(900002))
add_good(line_of_size(900003, 65536) + b"\n")
add_good(line_of_size(900004, 65536) + b"\r\n")
add_good(good(gid).rstrip(b"\n"))
check("all_reasons", b"".join(out), rejects, n_good)

# 2. a truncated record as the last line, without newline
data = b"".join(good(i) for i in range(100)) + b'{"id":"cut-off","received_at":"2026-11'
check("truncated_last", data, [(101, "json")], 100)

# 3. garbage-only stream with good lines hidden in it, under a small limit
out, rejects, n_good = [], [], 0
for i in range(200):
    if i % 4 == 0:
        add_good(good(i))
    else:
        blob = bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 3000)))
        add_bad(blob + b"\n", "too_long" if len(blob) > 1024 else "utf8")
check("garbage_small_limit", b"".join(out), rejects, n_good, ("--max-line", "1K"))

sys.exit(1 if failed else 0)
PY
