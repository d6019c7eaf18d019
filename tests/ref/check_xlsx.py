#!/usr/bin/python3
"""check_xlsx.py - the workbook's figures equal stats.csv.

usage: check_xlsx.py RUN/statistics.xlsx RUN/stats.csv TEMPLATE.xml

Reads the workbook with openpyxl (independently of satreport) and checks,
against stats.csv: the reconciliation, CSI and NPS, the dimension table
(汇总), every item's figures and point shares and every choice option
(题目统计), and every segment's dimension indices, p values, CSI and NPS
(分组对比).  Numbers must be stored as numbers; libxlsxwriter writes 16
significant digits, so values are compared to a relative 1e-14.
Exit 0 when all agree, 1 otherwise.
"""
import csv
import math
import sys
import xml.etree.ElementTree as ET

import openpyxl

REL = 1e-14


def load_stats(path):
    figs = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            gv = r["group_value"]
            if gv.startswith("'") and gv[1:2] in ("=", "+", "-", "@"):
                gv = gv[1:]
            figs[(r["group"], gv, r["subject"], r["metric"])] = float(r["value"])
    return figs


class Checker:
    def __init__(self, figs):
        self.figs = figs
        self.compared = 0
        self.bad = []

    def eq(self, where, cell, key):
        want = self.figs.get(key)
        self.compared += 1
        if want is None:
            if cell not in (None, ""):
                self.bad.append(f"{where}: workbook has {cell!r}, stats.csv has no {key}")
            return
        if isinstance(cell, bool) or not isinstance(cell, (int, float)):
            self.bad.append(f"{where}: {cell!r} is not a number (want {want} for {key})")
            return
        if not math.isclose(cell, want, rel_tol=REL, abs_tol=1e-12):
            self.bad.append(f"{where}: workbook {cell!r} != stats.csv {want!r} for {key}")


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def find_row(table, first):
    for i, r in enumerate(table):
        if r and r[0] == first:
            return i
    raise SystemExit(f"check_xlsx: no row starting with {first!r}")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    xlsx, stats, template = sys.argv[1:]
    figs = load_stats(stats)
    c = Checker(figs)
    t = ET.parse(template).getroot()
    dims = [(d.get("id"), d.get("name") or d.get("id")) for d in t.iter("dimension")]
    labels = {f.get("label") or f.get("id"): f.get("id") for f in t.iter("field")}
    choices = {ch.get("id"): {(o.get("label") or o.get("value")): o.get("value")
                              for o in ch.iter("option")} for ch in t.iter("choice")}
    wb = openpyxl.load_workbook(xlsx, read_only=True)

    # 汇总
    s = rows(wb["汇总"])
    for label, metric in (("读取", "read"), ("有效（纳入分析）", "accepted"),
                          ("拒收", "refused"), ("调查期间外", "out_of_period")):
        c.eq(f"汇总 {label}", s[find_row(s, label)][1], ("all", "", "forms", metric))
    c.eq("汇总 CSI", s[find_row(s, "顾客满意度指数 CSI")][1], ("all", "", "CSI", "index"))
    c.eq("汇总 NPS", s[find_row(s, "净推荐值 NPS")][1], ("all", "", "NPS", "index"))
    h = find_row(s, "维度")
    for did, name in dims:
        r = s[find_row(s, name)]
        head = s[h]
        for col, metric in (("指数", "index"), ("差距", "gap"), ("信度系数α", "alpha")):
            c.eq(f"汇总 {name} {col}", r[head.index(col)], ("all", "", did, metric))

    # 题目统计
    s = rows(wb["题目统计"])
    head = s[0]
    cols = {"有效样本": None, "均值": "mean", "标准差": "sd", "95%置信下限": "ci95_low",
            "95%置信上限": "ci95_high", "中位数": "median", "前两项占比": "top2",
            "后两项占比": "bottom2", "指数": "index"}
    items = [i.get("id") for i in t.iter("item")]
    for r in s[1:]:
        if not r or r[0] not in items:
            continue
        item = r[0]
        for col, metric in cols.items():
            if metric:
                c.eq(f"题目统计 {item} {col}", r[head.index(col)], ("all", "", item, metric))
        for j, hd in enumerate(head):
            if isinstance(hd, str) and hd.endswith("分人数") and r[j] is not None:
                v = hd[:-3]
                c.eq(f"题目统计 {item} {hd}", r[j], ("all", "", f"{item}={v}", "count"))
                c.eq(f"题目统计 {item} {v}分占比", r[j + 1], ("all", "", f"{item}={v}", "share"))
    first = find_row(s, "选择题") + 1 if choices else len(s)
    for r in s[first:]:
        if not r or r[0] not in choices:
            continue
        v = choices[r[0]][r[2]]
        c.eq(f"题目统计 {r[0]}={v} 人数", r[3], ("all", "", f"{r[0]}={v}", "count"))
        c.eq(f"题目统计 {r[0]}={v} 占比", r[4], ("all", "", f"{r[0]}={v}", "share"))

    # 分组对比
    s = rows(wb["分组对比"])
    head = s[0]
    for r in s[1:]:
        if not r or r[0] is None or r[0].startswith("注") or r[0].startswith("样本少"):
            continue
        if r[0] == "全部":
            g, gv = "all", ""
        else:
            g, gv = labels[r[0]], str(r[1])
        for did, name in dims:
            j = head.index(name)
            c.eq(f"分组对比 {g}={gv} {name}", r[j], (g, gv, did, "index"))
            if g != "all":
                c.eq(f"分组对比 {g}={gv} {name} p值", r[j + 1], (g, gv, did, "p_value"))
        for subj in ("CSI", "NPS"):
            if subj in head:
                c.eq(f"分组对比 {g}={gv} {subj}", r[head.index(subj)], (g, gv, subj, "index"))

    for b in c.bad[:30]:
        print(b)
    print(f"check_xlsx: {c.compared} figures compared, {len(c.bad)} mismatches")
    return 1 if c.bad else 0


if __name__ == "__main__":
    sys.exit(main())
