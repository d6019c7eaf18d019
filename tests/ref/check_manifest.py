#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""check_manifest.py - re-check the bundled example against its manifest

An independent reading of input/example/ (Python's csv, codecs and expat,
not satreport's code) that applies the rules of FORMATS.md to every form and
compares the refusals with tests/data/example-expected-rejects.csv on
(file, line, form_id, field) and the totals with
tests/data/example-expected-counts.txt.  With --stats it also prints the
headline figures, to see that the data tells a story.

usage: /usr/bin/python3 tests/ref/check_manifest.py [--stats]
           [DIR [MANIFEST [COUNTS]]]
"""
import csv
import glob
import io
import os
import re
import sys
import unicodedata
import xml.parsers.expat

ITEMS = ["Q%d" % i for i in range(1, 22)]
FIELDS = ["form_id", "customer_id", "customer_name", "customer_type",
          "region", "industry", "phone", "survey_date"]
SCORES = ITEMS + ["overall", "recommend"]
CHOICES = {"plan": (False, ["个人套餐", "家庭套餐", "企业套餐"]),
           "improve": (True, ["网络质量", "资费", "服务态度", "办理效率"])}
COMMENTS = ["C1", "C2"]
SLOTS = FIELDS + SCORES + list(CHOICES) + COMMENTS
SAT5 = ["非常不满意", "不满意", "一般", "满意", "非常满意"]
DIMS = [("service", ITEMS[0:5], 0.30, 85), ("price", ITEMS[5:9], 0.20, 75),
        ("product", ITEMS[9:13], 0.25, 80),
        ("company", ITEMS[13:17], 0.15, 80),
        ("complaint", ITEMS[17:21], 0.10, 80)]
PATTERNS = {"customer_id": re.compile(r"KH\d{6}"),
            "phone": re.compile(r"1[3-9]\d{9}")}
REQUIRED = ["form_id", "customer_id", "survey_date"]
PERIOD = ("2026-01-01", "2026-12-31")


def norm(s):
    return unicodedata.normalize("NFKC", s).strip()


def valid_date(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return False
    y, mo, d = (int(x) for x in m.groups())
    if not 1 <= mo <= 12:
        return False
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= d <= days[mo - 1]


def score(slot, raw):
    """Return (value or None for missing, ok)."""
    v = norm(raw or "")
    if v == "":
        return None, True
    sat5 = slot != "recommend"
    if sat5 and v == "不适用":
        return None, True
    if sat5 and v in SAT5:
        return SAT5.index(v) + 1, True
    if re.fullmatch(r"[+-]?\d+", v):
        n = int(v)
        lo, hi = (1, 5) if sat5 else (0, 10)
        return n, lo <= n <= hi
    return None, False


def choice(slot, raw):
    multiple, labels = CHOICES[slot]
    v = norm(raw or "")
    if v == "":
        return set(), True
    picked = set()
    for tok in re.split(r"[;┋,]", v):
        tok = tok.strip()
        if tok in ("1", "2", "3", "4")[:len(labels)]:
            picked.add(int(tok))
        elif tok in labels:
            picked.add(labels.index(tok) + 1)
        else:
            return picked, False
    return picked, multiple or len(picked) <= 1


def read_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rd = csv.reader(io.StringIO(text, newline=""))
    header = next(rd)
    prev = rd.line_num
    for row in rd:
        start = prev + 1
        prev = rd.line_num
        vals = {}
        problem = None
        if len(row) != len(header):
            problem = ""
            if "form_id" in header and header.index("form_id") < len(row):
                vals["form_id"] = row[header.index("form_id")]
        else:
            for h, c in zip(header, row):
                if h in SLOTS:
                    vals[h] = c
        yield start, vals, problem, None


def read_xml(path):
    forms = []
    cur = {}
    state = {"text": None, "key": None}

    p = xml.parsers.expat.ParserCreate()

    def start(name, attrs):
        if name == "form":
            cur.clear()
            cur["line"] = p.CurrentLineNumber
            cur["vals"] = {}
            cur["unknown"] = []
        elif name in ("field", "answer", "comment"):
            key = attrs.get("id") or attrs.get("item")
            state["key"] = key
            state["text"] = []

    def chars(data):
        if state["text"] is not None:
            state["text"].append(data)

    def end(name):
        if name in ("field", "answer", "comment"):
            key = state["key"]
            if key in SLOTS:
                cur["vals"][key] = "".join(state["text"])
            else:
                cur["unknown"].append(key)
            state["text"] = None
        elif name == "form":
            forms.append((cur["line"], dict(cur["vals"]),
                          list(cur["unknown"])))

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.Parse(open(path, "rb").read(), True)
    for line, vals, unknown in forms:
        yield line, vals, None, unknown


def check_all(d):
    files = sorted(glob.glob(os.path.join(d, "*.csv")))
    files += sorted(glob.glob(os.path.join(d, "*.xml")))
    seen = set()
    rejects = []
    good = []
    counts = {"read": 0, "accepted": 0, "refused": 0, "out_of_period": 0}
    for path in files:
        base = os.path.basename(path)
        reader = read_csv if path.endswith(".csv") else read_xml
        for line, vals, problem, unknown in reader(path):
            counts["read"] += 1
            probs = []
            fid = norm(vals.get("form_id") or "")
            if problem is not None:
                probs.append("")
            else:
                for u in unknown or []:
                    probs.append(u)
                for f in FIELDS:
                    v = norm(vals.get(f) or "")
                    if f in REQUIRED and v == "":
                        probs.append(f)
                    elif v and f in PATTERNS and \
                            not PATTERNS[f].fullmatch(v):
                        probs.append(f)
                    elif v and f == "survey_date" and not valid_date(v):
                        probs.append(f)
                if fid:
                    if fid in seen:
                        probs.append("form_id")
                    seen.add(fid)
                for s in SCORES:
                    if not score(s, vals.get(s))[1]:
                        probs.append(s)
                for s in CHOICES:
                    if not choice(s, vals.get(s))[1]:
                        probs.append(s)
            for pr in probs:
                rejects.append((base, line, fid, pr))
            if probs:
                counts["refused"] += 1
                continue
            date = norm(vals["survey_date"])
            if not PERIOD[0] <= date <= PERIOD[1]:
                counts["out_of_period"] += 1
                continue
            counts["accepted"] += 1
            good.append(vals)
    return rejects, counts, good


def read_manifest(path):
    with open(path, newline="", encoding="utf-8") as fp:
        rd = csv.DictReader(fp)
        return [(r["file"], int(r["line"]), r["form_id"], r["field"])
                for r in rd]


def read_counts(path):
    out = {}
    for ln in open(path, encoding="utf-8"):
        k, _, v = ln.strip().partition("=")
        if k:
            out[k] = int(v)
    return out


def stats(good):
    import numpy as np
    from scipy import stats as st

    def col(s, forms):
        return [score(s, f.get(s))[0] for f in forms]

    def dimscore(forms, items):
        out = []
        for f in forms:
            v = [x for x in (score(i, f.get(i))[0] for i in items)
                 if x is not None]
            out.append(sum(v) / len(v) if v else None)
        return out

    print("accepted forms:", len(good))
    csi = 0.0
    wsum = 0.0
    ov = col("overall", good)
    for name, items, w, target in DIMS:
        ds = dimscore(good, items)
        v = np.array([x for x in ds if x is not None])
        idx = (v.mean() - 1) / 4 * 100
        csi += w * idx
        wsum += w
        pairs = [(a, b) for a, b in zip(ds, ov) if a is not None and
                 b is not None]
        r = np.corrcoef([a for a, _ in pairs], [b for _, b in pairs])[0, 1]
        comp = np.array([[score(i, f.get(i))[0] for i in items]
                         for f in good], dtype=object)
        comp = np.array([row for row in comp if None not in row],
                        dtype=float)
        k = comp.shape[1]
        alpha = k / (k - 1) * (1 - comp.var(axis=0, ddof=1).sum() /
                               comp.sum(axis=1).var(ddof=1))
        print("  %-9s index %5.1f target %d gap %+5.1f r_overall %.2f "
              "alpha %.2f" % (name, idx, target, idx - target, r, alpha))
    print("  CSI %.1f" % (csi / wsum))
    rec = [x for x in col("recommend", good) if x is not None]
    nps = 100 * (sum(x >= 9 for x in rec) - sum(x <= 6 for x in rec)) / \
        len(rec)
    ovv = [x for x in ov if x is not None]
    print("  overall mean %.2f, recommend mean %.2f, NPS %.1f" %
          (np.mean(ovv), np.mean(rec), nps))
    for seg in ("customer_type", "region", "industry"):
        print("  by", seg)
        values = sorted({norm(f.get(seg) or "") for f in good})
        for val in values:
            inn = [x for f, x in zip(good, ov)
                   if norm(f.get(seg) or "") == val and x is not None]
            rest = [x for f, x in zip(good, ov)
                    if norm(f.get(seg) or "") != val and x is not None]
            p = st.ttest_ind(inn, rest, equal_var=False).pvalue
            print("    %-8s n=%4d overall %.2f p=%.4f" %
                  (val, len(inn), np.mean(inn), p))
    n1 = sum(1 for f in good if norm(f.get("C1") or ""))
    n2 = sum(1 for f in good if norm(f.get("C2") or ""))
    print("  comments: C1 %d, C2 %d" % (n1, n2))


def main(argv):
    want_stats = "--stats" in argv
    args = [a for a in argv if a != "--stats"]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "..")
    d = args[0] if len(args) > 0 else os.path.join(root, "input", "example")
    man = args[1] if len(args) > 1 else os.path.join(
        root, "tests", "data", "example-expected-rejects.csv")
    cnt = args[2] if len(args) > 2 else os.path.join(
        root, "tests", "data", "example-expected-counts.txt")
    rejects, counts, good = check_all(d)
    expected = read_manifest(man)
    ok = True
    if sorted(rejects) != sorted(expected):
        ok = False
        for r in sorted(set(rejects) - set(expected)):
            print("refused here, not in the manifest:", r)
        for r in sorted(set(expected) - set(rejects)):
            print("in the manifest, not refused here:", r)
    want = read_counts(cnt)
    for k, v in counts.items():
        if want.get(k) != v:
            ok = False
            print("count %s: manifest %s, found %d" % (k, want.get(k), v))
    if counts["read"] != counts["accepted"] + counts["refused"] + \
            counts["out_of_period"]:
        ok = False
        print("read != accepted + refused + out_of_period")
    print("%s: %d rows, %s" % ("ok" if ok else "MISMATCH", len(rejects),
                               counts))
    if want_stats:
        stats(good)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
