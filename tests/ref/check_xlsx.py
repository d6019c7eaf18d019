#!/usr/bin/python3
"""check_xlsx.py - the workbook's figures equal stats.csv.

usage: check_xlsx.py RUN/statistics.xlsx RUN/stats.csv TEMPLATE.xml

Reads the workbook with openpyxl (independently of satreport) and checks,
against stats.csv, every figure the workbook shows:

  汇总      the reconciliation, CSI and NPS (and their previous period), the
            dimension table (index, target, gap, alpha, quadrant, rank), the
            comment categories (count, share and its base)
  客户统计  every group value: forms, CSI, dimension indices, NPS, the
            archive's customers, complaints, the small-base mark
  题目统计  every item's figures and point shares, every choice option
  分组对比  every group value: dimension indices and p values, CSI, NPS,
            item indices and top-2 shares, and that the * marks are exactly
            the significant figures
  同比      previous, current, change and its p value (when present)
  意见分类  one row per form with a comment, complaints and categories
            adding up to stats.csv's counts
  明细      one row per accepted form (when present)

and that every group value of stats.csv is shown.  Numbers must be stored as
numbers; libxlsxwriter writes 16 significant digits, so values are compared
to a relative 1e-14.  Sheet names and headings are the Chinese ones, or the
English ones for a template with lang="en...".
Exit 0 when all agree, 1 otherwise.
"""
import csv
import math
import re
import sys
import xml.etree.ElementTree as ET

import openpyxl

REL = 1e-14

ZH = {
    "summary": "汇总", "customers": "客户统计", "items": "题目统计",
    "compare": "分组对比", "yoy": "同比", "comments": "意见分类",
    "records": "明细",
    "read": "读取", "accepted": "有效（纳入分析）", "refused": "拒收",
    "out_of_period": "调查期间外", "csi_long": "顾客满意度指数 CSI",
    "nps_long": "净推荐值 NPS", "value": "数值", "previous": "上期",
    "current": "本期", "delta": "变化", "dimension": "维度", "index": "指数",
    "target": "目标", "gap": "差距", "alpha": "信度系数α", "quadrant": "象限",
    "rank": "改进优先级", "category": "意见类别", "forms": "表单数",
    "share": "占比", "base": "基数", "with_comment": "有意见的表单",
    "complaints_total": "投诉（合计）", "all": "全部", "group": "分组",
    "small": "样本少", "remark": "备注", "p": "p值", "csi": "CSI",
    "nps": "NPS", "complaints": "投诉数", "complaint_rate": "投诉率",
    "archive": "档案客户数", "responded": "应答客户数", "rate": "应答率",
    "representative": "代表性", "moe": "CSI误差（±）", "follow_up": "需回访客户",
    "manager": "客户经理",
    "forms_share": "表单占比", "item_n": "有效样本", "mean": "均值",
    "sd": "标准差", "ci_low": "95%置信下限", "ci_high": "95%置信上限",
    "median": "中位数", "top2": "前两项占比", "bottom2": "后两项占比",
    "r": "与总体满意度相关", "point_count": "{}分人数",
    "point_share": "{}分占比", "choice": "选择题", "cmp_index": "{} 指数",
    "cmp_top2": "{} 前两项", "metric": "指标", "p_delta": "变化的p值",
    "complaint": "投诉", "quadrants": ["优势区", "修补区", "机会区", "维持区"],
}
EN = {
    "summary": "Summary", "customers": "Customers", "items": "Items",
    "compare": "Segments", "yoy": "Year over year", "comments": "Comments",
    "records": "Records",
    "read": "Read", "accepted": "Accepted (analysed)", "refused": "Refused",
    "out_of_period": "Outside the period",
    "csi_long": "Customer satisfaction index CSI",
    "nps_long": "Net promoter score NPS", "value": "Value",
    "previous": "Previous", "current": "Current", "delta": "Change",
    "dimension": "Dimension", "index": "Index", "target": "Target",
    "gap": "Gap", "alpha": "Cronbach α", "quadrant": "Quadrant",
    "rank": "Action priority", "category": "Category", "forms": "Forms",
    "share": "Share", "base": "Base", "with_comment": "Forms with a comment",
    "complaints_total": "Complaints (total)", "all": "All", "group": "Group",
    "small": "small base", "remark": "Remark", "p": "p", "csi": "CSI",
    "nps": "NPS", "complaints": "Complaints",
    "complaint_rate": "Complaint rate", "archive": "Customers (archive)",
    "responded": "Customers responded", "rate": "Response rate",
    "representative": "Representative", "moe": "CSI margin (±)",
    "follow_up": "To follow up", "manager": "Account manager",
    "forms_share": "Share of forms", "item_n": "n", "mean": "Mean",
    "sd": "SD", "ci_low": "95% CI low", "ci_high": "95% CI high",
    "median": "Median", "top2": "Top 2", "bottom2": "Bottom 2",
    "r": "r with overall", "point_count": "{} count",
    "point_share": "{} share", "choice": "Choice", "cmp_index": "{} index",
    "cmp_top2": "{} top 2", "metric": "Measure", "p_delta": "p of change",
    "complaint": "Complaint",
    "quadrants": ["strength", "fix first", "opportunity", "maintain"],
}


def load_stats(path):
    figs = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            gv = r["group_value"]
            if gv.startswith("'") and gv[1:2] in ("=", "+", "-", "@"):
                gv = gv[1:]
            n = int(r["n"]) if r["n"] else None
            figs[(r["group"], gv, r["subject"], r["metric"])] = (float(r["value"]), n)
    return figs


class Checker:
    def __init__(self, figs):
        self.figs = figs
        self.compared = 0
        self.bad = []

    def value(self, key):
        f = self.figs.get(key)
        return f[0] if f else None

    def n(self, key):
        f = self.figs.get(key)
        return f[1] if f else None

    def num(self, where, cell, want, what):
        self.compared += 1
        if want is None:
            if cell not in (None, ""):
                self.bad.append(f"{where}: workbook has {cell!r}, stats.csv has no {what}")
            return
        if isinstance(cell, bool) or not isinstance(cell, (int, float)):
            self.bad.append(f"{where}: {cell!r} is not a number (want {want} for {what})")
            return
        if not math.isclose(cell, want, rel_tol=REL, abs_tol=1e-12):
            self.bad.append(f"{where}: workbook {cell!r} != stats.csv {want!r} for {what}")

    def eq(self, where, cell, key):
        self.num(where, cell, self.value(key), key)

    def true(self, where, ok, what):
        self.compared += 1
        if not ok:
            self.bad.append(f"{where}: {what}")


def table(ws):
    """Rows of values and of number formats."""
    vals, fmts = [], []
    for row in ws.iter_rows():
        vals.append([c.value for c in row])
        fmts.append([c.number_format for c in row])
    return vals, fmts


def find_row(rows, first, start=0):
    for i in range(start, len(rows)):
        if rows[i] and rows[i][0] == first:
            return i
    raise SystemExit(f"check_xlsx: no row starting with {first!r}")


def col(head, name):
    return head.index(name) if name in head else None


def at(row, j):
    return row[j] if j is not None and j < len(row) else None


def marked(fmt):
    return '"*"' in (fmt or "")


def parts(wb, base):
    """A streamed sheet and its continuations: base, base2, base3..."""
    out = []
    if base in wb.sheetnames:
        out.append(wb[base])
        k = 2
        while f"{base}{k}" in wb.sheetnames:
            out.append(wb[f"{base}{k}"])
            k += 1
    return out


class Groups:
    """Which stats.csv group a sheet's group label stands for."""

    def __init__(self, figs, t, L):
        self.values = {}
        for (g, gv, subj, metric) in figs:
            if g != "all" and subj == "forms" and metric == "count":
                self.values.setdefault(g, set()).add(gv)
        # groups of the customer archive's figures (customers,count): the
        # archive's segment values, the account managers (客户统计 only)
        self.cvalues = {}
        for (g, gv, subj, metric) in figs:
            if g != "all" and subj == "customers" and metric == "count":
                self.cvalues.setdefault(g, set()).add(gv)
        self.labels = {f.get("label") or f.get("id"): f.get("id") for f in t.iter("field")}
        self.labels[L["manager"]] = "account_manager"
        self.labels[ZH["category"]] = "category"
        self.labels[EN["category"] + " category"] = "category"
        self.labels["Comment category"] = "category"
        self.figs = figs
        self.known = {}

    def resolve(self, label, rows):
        """@rows: (value, forms) of the sheet for @label."""
        if label in self.known:
            return self.known[label]
        if label in self.labels and (self.labels[label] in self.values or
                                     self.labels[label] in self.cvalues):
            g = self.labels[label]
        else:
            vals = {v for v, _ in rows}
            taken = set(self.labels.values()) | set(self.known.values())
            cands = [g for g, vs in self.values.items() if vs == vals and g not in taken]
            cands = [g for g in cands
                     if all(self.figs.get((g, v, "forms", "count"), (None,))[0] == f
                            for v, f in rows)]
            if len(cands) != 1:
                raise SystemExit(f"check_xlsx: group label {label!r} matches {cands}")
            g = cands[0]
        self.known[label] = g
        return g


def group_rows(rows, head, L, groups, forms_col):
    """(index, group, value) of every data row of a table by group."""
    by_label = {}
    for i, r in enumerate(rows[1:], 1):
        if not r or r[0] is None or r[0] == L["all"]:
            continue
        if r[1] is None:
            break  # notes below the table
        by_label.setdefault(r[0], []).append((str(r[1]), r[forms_col]))
    out = []
    for i, r in enumerate(rows[1:], 1):
        if not r or r[0] is None:
            continue
        if r[0] == L["all"]:
            out.append((i, "all", ""))
        elif r[1] is not None:
            out.append((i, groups.resolve(r[0], by_label[r[0]]), str(r[1])))
    return out


def check_summary(c, wb, L, dims):
    s, fm = table(wb[L["summary"]])
    for key in ("read", "accepted", "refused", "out_of_period"):
        c.eq(f"{L['summary']} {L[key]}", s[find_row(s, L[key])][1], ("all", "", "forms", key))
    h = find_row(s, L["csi_long"]) - 1
    head = s[h]
    for label, subj in ((L["csi_long"], "CSI"), (L["nps_long"], "NPS")):
        r = s[find_row(s, label)]
        c.eq(f"{L['summary']} {subj}", r[1], ("all", "", subj, "index"))
        for name, metric in ((L["previous"], "prev_index"), (L["delta"], "delta")):
            j = col(head, name)
            if j is not None:
                c.eq(f"{L['summary']} {subj} {name}", r[j], ("all", "", subj, metric))
    h = find_row(s, L["dimension"])
    head = s[h]
    for did, name in dims:
        i = find_row(s, name, h)
        r = s[i]
        for cname, metric in ((L["index"], "index"), (L["gap"], "gap"),
                              (L["alpha"], "alpha"), (L["rank"], "action_rank")):
            j = col(head, cname)
            if j is not None:
                c.eq(f"{L['summary']} {name} {cname}", r[j], ("all", "", did, metric))
        j = col(head, L["target"])
        if c.value(("all", "", did, "target")) is not None:
            c.eq(f"{L['summary']} {name} {L['target']}", r[j], ("all", "", did, "target"))
        j = col(head, L["quadrant"])
        q = c.value(("all", "", did, "quadrant"))
        if j is not None or q is not None:
            want = L["quadrants"][int(q) - 1] if q else None
            c.true(f"{L['summary']} {name} {L['quadrant']}", at(r, j) == want,
                   f"{at(r, j)!r}, want {want!r}")
    try:
        h = find_row(s, L["category"])
    except SystemExit:
        return
    head = s[h]
    jf, js, jb = col(head, L["forms"]), col(head, L["share"]), col(head, L["base"])
    for r in s[h + 1:]:
        if not r or r[0] is None:
            break
        subj = {L["with_comment"]: "comments", L["complaints_total"]: "complaints"}.get(r[0], r[0])
        c.eq(f"{L['summary']} {r[0]} {L['forms']}", r[jf], ("all", "", subj, "count"))
        c.eq(f"{L['summary']} {r[0]} {L['share']}", r[js], ("all", "", subj, "share"))
        c.num(f"{L['summary']} {r[0]} {L['base']}", r[jb], c.n(("all", "", subj, "share")),
              "n of share")


def check_customers(c, wb, L, dims, groups):
    s, fm = table(wb[L["customers"]])
    head = s[0]
    jf = col(head, L["forms"])
    cols = [(L["csi"], "CSI", "index"), (L["nps"], "NPS", "index"),
            (L["complaints"], "complaints", "count"),
            (L["complaint_rate"], "complaints", "share"),
            (L["archive"], "customers", "count"),
            (L["responded"], "customers", "responded"),
            (L["rate"], "customers", "response_rate"),
            (L["representative"], "customers", "representative"),
            (L["moe"], "CSI", "moe95"),
            (L["follow_up"], "customers", "follow_up"),
            (L["forms_share"], "forms", "share")]
    cols += [(name, did, "index") for did, name in dims]
    seen = set()
    for i, g, gv in group_rows(s, head, L, groups, jf):
        r = s[i]
        seen.add((g, gv))
        where = f"{L['customers']} {g}={gv}"
        if g == "all":
            c.eq(f"{where} {L['forms']}", r[jf], ("all", "", "forms", "accepted"))
        else:
            c.eq(f"{where} {L['forms']}", r[jf], (g, gv, "forms", "count"))
            small = c.value((g, gv, "forms", "small"))
            if small is not None:
                c.true(f"{where} {L['small']}", (L["small"] in (at(r, col(head, L["remark"])) or ""))
                       == (small == 1), "small-base mark differs from stats.csv")
        for name, subj, metric in cols:
            j = col(head, name)
            if j is not None:
                c.eq(f"{where} {name}", at(r, j), (g, gv, subj, metric))
    return seen


def check_items(c, wb, L, t):
    s, fm = table(wb[L["items"]])
    head = s[0]
    cols = {L["mean"]: "mean", L["sd"]: "sd", L["ci_low"]: "ci95_low",
            L["ci_high"]: "ci95_high", L["median"]: "median", L["top2"]: "top2",
            L["bottom2"]: "bottom2", L["index"]: "index", L["r"]: "r_overall",
            L["rank"]: "action_rank"}
    items = [i.get("id") for i in t.iter("item")]
    point = re.compile("^" + re.escape(L["point_count"]).replace(r"\{\}", "(-?[0-9]+)") + "$")
    for r in s[1:]:
        if not r or r[0] not in items:
            continue
        item = r[0]
        for cname, metric in cols.items():
            j = col(head, cname)
            if j is not None:
                c.eq(f"{L['items']} {item} {cname}", r[j], ("all", "", item, metric))
        for j, hd in enumerate(head):
            m = point.match(hd) if isinstance(hd, str) else None
            if m:
                v = m.group(1)
                c.eq(f"{L['items']} {item} {hd}", r[j], ("all", "", f"{item}={v}", "count"))
                c.eq(f"{L['items']} {item} {v} share", r[j + 1], ("all", "", f"{item}={v}", "share"))
    choices = {ch.get("id"): {(o.get("label") or o.get("value")): o.get("value")
                              for o in ch.iter("option")} for ch in t.iter("choice")}
    if not choices:
        return
    for r in s[find_row(s, L["choice"]) + 1:]:
        if not r or r[0] not in choices:
            continue
        v = choices[r[0]][r[2]]
        c.eq(f"{L['items']} {r[0]}={v} count", r[3], ("all", "", f"{r[0]}={v}", "count"))
        c.eq(f"{L['items']} {r[0]}={v} share", r[4], ("all", "", f"{r[0]}={v}", "share"))


def check_compare(c, wb, L, dims, t, groups):
    s, fm = table(wb[L["compare"]])
    head = s[0]
    jf = col(head, L["forms"])
    items = [i.get("id") for i in t.iter("item")]
    seen = set()
    for i, g, gv in group_rows(s, head, L, groups, jf):
        r, f = s[i], fm[i]
        seen.add((g, gv))
        where = f"{L['compare']} {g}={gv}"
        small = g != "all" and c.value((g, gv, "forms", "small")) == 1
        if g != "all":
            c.eq(f"{where} {L['forms']}", r[jf], (g, gv, "forms", "count"))
        subjects = [(name, did) for did, name in dims]
        subjects += [(L["csi"], "CSI"), (L["nps"], "NPS")]
        subjects += [(L["cmp_index"].format(it), it) for it in items]
        for name, subj in subjects:
            j = col(head, name)
            if j is None:
                continue
            c.eq(f"{where} {name}", r[j], (g, gv, subj, "index"))
            sig = c.value((g, gv, subj, "significant"))
            if sig is None:
                p = c.value((g, gv, subj, "p_value"))
                sig = 1 if p is not None and p < 0.05 and not small else 0
            if r[j] is not None:
                c.true(f"{where} {name} mark", marked(f[j]) == (sig == 1),
                       f"format {f[j]!r} but significant = {sig}")
            if subj not in ("CSI", "NPS") and subj not in items:
                c.num(f"{where} {name} {L['p']}", r[j + 1],
                      c.value((g, gv, subj, "p_value")) if g != "all" else None,
                      "p_value")
        for it in items:
            j = col(head, L["cmp_top2"].format(it))
            if j is None:
                continue
            c.eq(f"{where} {it} top2", r[j], (g, gv, it, "top2"))
            p = c.value((g, gv, it, "p_top2"))
            sig = g != "all" and not small and p is not None and p < 0.05
            if r[j] is not None:
                c.true(f"{where} {it} top2 mark", marked(f[j]) == sig,
                       f"format {f[j]!r} but p_top2 = {p}")
    return seen


def check_yoy(c, wb, L, dims, t, groups):
    if L["yoy"] not in wb.sheetnames:
        c.true("同比", not any(k[3] == "prev_index" for k in c.figs),
               "stats.csv has prev_index rows but the workbook no 同比 sheet")
        return
    s, fm = table(wb[L["yoy"]])
    head = s[0]
    names = {L["csi"]: "CSI", L["nps"]: "NPS"}
    names.update({name: did for did, name in dims})
    names.update({i.get("id"): i.get("id") for i in t.iter("item")})
    shown = set()
    for r in s[1:]:
        if not r or r[0] is None or r[2] is None:
            continue
        if r[0] == L["all"]:
            g, gv = "all", ""
        else:
            g = groups.known.get(r[0]) or groups.labels.get(r[0])
            if g is None:
                raise SystemExit(f"check_xlsx: {L['yoy']}: unknown group {r[0]!r}")
            gv = str(r[1])
        subj = names[r[2]]
        shown.add((g, gv, subj))
        where = f"{L['yoy']} {g}={gv} {subj}"
        for j, metric in ((3, "prev_index"), (4, "index"), (5, "delta"), (6, "p_delta")):
            c.eq(f"{where} {head[j]}", r[j], (g, gv, subj, metric))
    for (g, gv, subj, metric) in c.figs:
        if metric == "prev_index" and subj in names.values() and g != "category":
            c.true(f"{L['yoy']} {g}={gv} {subj}", (g, gv, subj) in shown,
                   "previous index in stats.csv but not on the sheet")


def check_comments(c, wb, L):
    sheets = parts(wb, L["comments"])
    if not sheets:
        return
    head = None
    rows = 0
    complaints = 0
    per_cat = {}
    for ws in sheets:
        s, fm = table(ws)
        head = s[0]
        jc = col(head, L["complaint"])
        cats = [(j, h) for j, h in enumerate(head) if jc is not None and j > jc]
        if len(s) == 2 and all(v is None for v in s[1][1:]):
            return  # merged from partial runs: the comments are not listed
        for r in s[1:]:
            if not r or r[0] is None:
                continue
            rows += 1
            if jc is not None and r[jc] == 1:
                complaints += 1
            for j, h in cats:
                if r[j] == 1:
                    per_cat[h] = per_cat.get(h, 0) + 1
    want = c.value(("all", "", "comments", "count"))
    if want is not None:
        c.num(f"{L['comments']} rows", rows, want, "forms with a comment")
    if col(head, L["complaint"]) is not None:
        c.num(f"{L['comments']} {L['complaint']}", complaints,
              c.value(("all", "", "complaints", "count")), "complaints")
        jc = col(head, L["complaint"])
        for h in head[jc + 1:]:
            c.num(f"{L['comments']} {h}", per_cat.get(h, 0),
                  c.value(("all", "", h, "count")), f"forms in category {h}")


def check_records(c, wb, L):
    sheets = parts(wb, L["records"])
    if not sheets:
        return
    rows = sum(ws.max_row - 1 for ws in sheets)
    c.num(f"{L['records']} rows", rows, c.value(("all", "", "forms", "accepted")),
          "accepted forms")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    xlsx, stats, template = sys.argv[1:]
    figs = load_stats(stats)
    c = Checker(figs)
    t = ET.parse(template).getroot()
    L = EN if (t.get("lang") or "").lower().startswith("en") else ZH
    dims = [(d.get("id"), d.get("name") or d.get("id")) for d in t.iter("dimension")]
    wb = openpyxl.load_workbook(xlsx)
    groups = Groups(figs, t, L)

    check_summary(c, wb, L, dims)
    seen_c = check_customers(c, wb, L, dims, groups)
    check_items(c, wb, L, t)
    seen = check_compare(c, wb, L, dims, t, groups)
    check_yoy(c, wb, L, dims, t, groups)
    check_comments(c, wb, L)
    check_records(c, wb, L)
    for g, vals in groups.values.items():
        for v in vals:
            c.true(f"{L['compare']} {g}={v}", (g, v) in seen, "group value not shown")
            if g != "category":
                c.true(f"{L['customers']} {g}={v}", (g, v) in seen_c, "group value not shown")
    for g, vals in groups.cvalues.items():
        for v in vals:
            c.true(f"{L['customers']} {g}={v}", (g, v) in seen_c, "archive group value not shown")

    for b in c.bad[:30]:
        print(b)
    print(f"check_xlsx: {c.compared} figures compared, {len(c.bad)} mismatches")
    return 1 if c.bad else 0


if __name__ == "__main__":
    sys.exit(main())
