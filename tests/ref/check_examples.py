#!/usr/bin/python3
"""check_examples.py - the report's example comments, checked against the
workbook's listing of every comment.

usage: check_examples.py RUNINFO STATISTICS.XLSX NCOMMENTS

The run keeps, per comment category, the comments of the first 3 forms in
it in the order they were read (docs/statistics.md §4), personal data
masked, and writes them to runinfo.txt (`example` lines), from which the
report quotes them. The workbook's 意见分类 sheet (records on) lists every
form with a comment in the same order, masked by the same rules, with one
column per category. So for each category the examples must be the first
3 rows of 意见分类 with a 1 in that category's column and some comment
text, their NCOMMENTS comment cells joined with " / " and cut at 300 bytes
(then "…"). An independent reading of two outputs: the workbook is read
with openpyxl, runinfo.txt as text.
"""
import sys

import openpyxl


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def cut(text):
    b = text.encode()
    if len(b) <= 300:
        return text
    n = 300
    while n > 0 and (b[n] & 0xC0) == 0x80:
        n -= 1
    return b[:n].decode() + "…"


def main():
    runinfo, xlsx, ncomments = sys.argv[1], sys.argv[2], int(sys.argv[3])
    got = {}
    order = []
    for line in open(runinfo, encoding="utf-8"):
        f = [unescape(x) for x in line.rstrip("\n").split("\t")]
        if f[0] == "category":
            order.append(f[1])
            got[f[1]] = []
        elif f[0] == "example":
            got[f[1]].append(f[2])
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    want = {c: [] for c in order}
    sheets = [n for n in wb.sheetnames if n.startswith("意见分类")]
    for name in sheets:
        rows = list(wb[name].values)
        head = list(rows[0])
        jc = head.index("意见类别")
        comment_cols = range(jc - ncomments, jc)
        for r in rows[1:]:
            if r[0] is None:
                continue
            texts = [r[j] for j in comment_cols if r[j] not in (None, "")]
            if not texts:
                continue
            for c in order:
                if c in head and r[head.index(c)] == 1 and len(want[c]) < 3:
                    want[c].append(cut(" / ".join(str(t) for t in texts)))
    bad = 0
    total = 0
    for c in order:
        total += len(got[c])
        if got[c] != want[c]:
            bad += 1
            print(f"category {c}: report quotes {got[c]!r}\n  the workbook's first rows give {want[c]!r}")
    if total == 0:
        print("no example comment at all")
        bad += 1
    print(f"{len(order)} categories, {total} example comments checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
