#!/usr/bin/python3
"""check_pdf.py - the numbers printed in report.pdf equal stats.csv.

usage: check_pdf.py RUN/report.pdf RUN/stats.csv TEMPLATE.xml

Extracts the report's text with poppler (`pdftotext -layout`) and finds
every item row of the item tables ("Q1  服务人员的服务态度  1867 4.42 0.67
4.39 ～ 4.45 90.5% 85.4") and every dimension row of the index table
("服务质量 0.3 83.3 85.0 未达标 -1.7 0.83 1934").  Each printed number must
be the stats.csv figure rounded as the report rounds it (n whole, mean and
sd 2 decimals, shares 1 decimal %, indices 1 decimal, alpha 2 decimals).
Every item and dimension must be found at least once.  Exit 1 on any
difference.
"""
import csv
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NUM = r"([-+]?[0-9]+(?:\.[0-9]+)?)"


def fmt(v, d):
    # round half away from zero like printf on the decimal value shown
    return f"{v:.{d}f}"


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    pdf, stats, template = sys.argv[1:]
    figs = {}
    with open(stats, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if r["group"] == "all":
                figs[(r["subject"], r["metric"])] = (float(r["value"]), r["n"])
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    t = ET.parse(template).getroot()
    bad, seen, compared = [], set(), 0

    def expect(where, got, subject, metric, d, pct=False):
        nonlocal compared
        v = figs.get((subject, metric))
        if v is None:
            bad.append(f"{where}: stats.csv has no all,{subject},{metric}")
            return
        want = fmt(v[0] * 100, d) + "%" if pct else fmt(v[0], d)
        got = got.lstrip("+")  # gaps print their sign: +1.1
        compared += 1
        if got != want:
            bad.append(f"{where}: report prints {got}, stats.csv {subject} {metric} = {v[0]!r} -> {want}")

    item_re = re.compile(r"^\s*(\S+)\s+\S.*?\s" + r"([0-9]+) " + r"\s*" + NUM + r"\s+" + NUM +
                         r"\s+" + NUM + r" ～ " + NUM + r"\s+" + NUM + r"%\s+" + NUM + r"\s*$")
    items = {i.get("id") for i in t.iter("item")}
    for line in text.splitlines():
        m = item_re.match(line)
        if m and m.group(1) in items:
            q = m.group(1)
            seen.add(q)
            n = figs.get((q, "mean"), (None, ""))[1]
            compared += 1
            if m.group(2) != n:
                bad.append(f"{q}: report n {m.group(2)}, stats.csv n {n}")
            expect(q + " mean", m.group(3), q, "mean", 2)
            expect(q + " sd", m.group(4), q, "sd", 2)
            expect(q + " ci95_low", m.group(5), q, "ci95_low", 2)
            expect(q + " ci95_high", m.group(6), q, "ci95_high", 2)
            expect(q + " top2", m.group(7) + "%", q, "top2", 1, pct=True)
            expect(q + " index", m.group(8), q, "index", 1)
    for d in t.iter("dimension"):
        did, name = d.get("id"), d.get("name") or d.get("id")
        # alpha is printed as the absent mark (—) for a one-item dimension
        dim_re = re.compile(r"^\s*" + re.escape(name) + r"\s+" + NUM + r"\s+" + NUM + r"\s+" + NUM +
                            r"\s+\S+\s+" + NUM + r"\s+([-+]?[0-9]+(?:\.[0-9]+)?|—)\s+([0-9]+)\s*$")
        for line in text.splitlines():
            m = dim_re.match(line)
            if m:
                seen.add(did)
                expect(name + " index", m.group(2), did, "index", 1)
                expect(name + " target", m.group(3), did, "target", 1)
                expect(name + " gap", m.group(4), did, "gap", 1)
                if m.group(5) == "—":
                    compared += 1
                    if (did, "alpha") in figs:
                        bad.append(f"{name} alpha: report prints —, stats.csv has {figs[(did, 'alpha')][0]!r}")
                else:
                    expect(name + " alpha", m.group(5), did, "alpha", 2)
    for q in sorted(items | {d.get("id") for d in t.iter("dimension")}):
        if q not in seen:
            bad.append(f"{q}: no row found in the report")
    for b in bad[:30]:
        print(b)
    print(f"check_pdf: {compared} numbers compared, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
