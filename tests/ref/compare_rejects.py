#!/usr/bin/python3
"""compare_rejects.py - rejects.csv against the generator's manifest.

usage: compare_rejects.py RUN/rejects.csv tests/data/example-expected-rejects.csv

Compares the sets of (basename(file), line, form_id, field): every injected
bad form must be refused with the right field, and no good form may be.
Exit 0 when equal, 1 with the differences otherwise.
"""
import csv
import os
import sys


def rows(path, has_bom):
    with open(path, encoding="utf-8-sig" if has_bom else "utf-8", newline="") as f:
        for r in csv.DictReader(f):
            yield (os.path.basename(r["file"]), int(r["line"]), r["form_id"], r["field"])


def main():
    got_path, want_path = sys.argv[1], sys.argv[2]
    with open(got_path, "rb") as f:
        if not f.read(3) == b"\xef\xbb\xbf":
            print("rejects.csv has no UTF-8 BOM")
            return 1
    got = sorted(rows(got_path, True))
    want = sorted(rows(want_path, True))
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    for m in missing:
        print("not refused (or wrong field):", m)
    for e in extra:
        print("refused but not injected:", e)
    if len(got) != len(want):
        print(f"{len(got)} rows, want {len(want)}")
    print(f"compare_rejects: {len(got)} rows, {len(missing)} missing, {len(extra)} extra")
    return 1 if missing or extra or len(got) != len(want) else 0


if __name__ == "__main__":
    sys.exit(main())
