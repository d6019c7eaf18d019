#!/usr/bin/python3
"""ref_archive.py - the customer archive's figures and the follow-up list,
computed independently of satreport.

usage: ref_archive.py --pipeline PIPELINE.ini --run RUN_DIR [--no-xlsx] [--no-pdf]

Reads what satreport reads - the pipeline, the form template, the customer
archive ([input] customers), the inputs and the comment rules - and the run
folder's rejects.csv (which forms the checker refused), and computes on its
own, with Python's csv, unicodedata, re, numpy and scipy (docs/archive.md,
docs/statistics.md):

  - the archive as satreport must keep it: the columns (the template's
    <archive> names, else field ids, else labels; account_manager or
    客户经理), the rows refused (cell count, empty id, patterns, duplicate
    ids), NFKC and trimming;
  - the join: the archive's segment values replace the forms', the
    disagreements per field, the unknown customers (and with
    unknown_customers = refuse, exactly which forms must be refused, and
    why);
  - every `customers` row of stats.csv (all, per archive segment value, per
    account manager), `<field>,disagreements` and `CSI,moe95` (the t
    quantile from scipy);
  - the follow-up list (回访清单): overall score on the two lowest points,
    or a comment in a complaint category of the rules (literal patterns
    only: a rules file with anything else is refused), sorted, masked.

and compares them with stats.csv, followup.csv, and (unless told not to)
the workbook (客户统计's archive columns, 回访清单, 明细's archive columns,
read with openpyxl) and the report (pdftotext: the follow-up section is
there exactly for 公开/内部, with every listed form).
Exit 0 when everything agrees, 1 when something differs, 2 on a usage or
input problem.
"""
import argparse
import configparser
import csv
import io
import math
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

from scipy import stats as sps

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import refstats  # noqa: E402  (the forms reader and its checks)

REL = 1e-9
MANAGER = "account_manager"
MANAGER_LABEL = "客户经理"
MIN_RATE = 0.05


def norm(s):
    return unicodedata.normalize("NFKC", s or "").strip()


def mask(s):
    """sr_text_mask(): keep 3 + 4 characters of 8 or more, else the first."""
    n = len(s)
    if n == 0:
        return ""
    if n >= 8:
        return s[:3] + "*" * (n - 7) + s[-4:]
    return s[0] + "*" * max(n - 1, 1)


def close(a, b):
    if a is None or b is None:
        return a is b
    return a == b or abs(a - b) <= REL * max(abs(a), abs(b))


# --------------------------------------------------------------------------
# the template: what refstats.Template does not keep
# --------------------------------------------------------------------------


class Extra:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.label = {}
        self.pii = {}
        self.pattern = {}
        self.role = {}
        self.order = []
        for fs in root.findall("fields"):
            for f in fs.findall("field"):
                fid = f.get("id")
                self.order.append(fid)
                self.label[fid] = f.get("label") or fid
                self.pii[fid] = (f.get("pii") or "").lower() in ("true", "1", "yes")
                self.pattern[fid] = f.get("pattern")
                self.role[fid] = f.get("role") or ""
        self.archive = {}
        for a in root.findall("archive"):
            for c in a.findall("column"):
                self.archive[c.get("field")] = c.get("name")
        self.points = {}
        for s in root.findall("scale"):
            self.points[s.get("id")] = {int(p.get("value")): p.get("label") for p in s.findall("point")}
        self.name_field = next((f for f in self.order if self.role[f] == "customer-name"), None)


# --------------------------------------------------------------------------
# the archive
# --------------------------------------------------------------------------


def decode(data, encoding):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if encoding in ("gbk", "gb2312", "gb18030"):
        return data.decode("gb18030", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def trim_head(s):
    return s.strip(" \t\r\n").replace("\ufeff", "").strip(" \t\r\n")


class Archive:
    def __init__(self, path, tmpl, extra, encoding):
        with open(path, "rb") as fh:
            text = decode(fh.read(), encoding)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            raise refstats.RefError("archive '%s' is empty" % path)
        head = [trim_head(h) for h in rows[0]]
        used = set()

        def find(field, alt):
            if field in extra.archive:
                name = extra.archive[field]
                if name not in head:
                    raise refstats.RefError("archive: no column '%s'" % name)
                return head.index(name)
            for name in (field, alt):
                if name and name in head:
                    return head.index(name)
            return None

        cid = tmpl.customer_id_field
        self.id_col = find(cid, extra.label[cid])
        if self.id_col is None:
            raise refstats.RefError("archive '%s' has no customer id column" % path)
        used.add(self.id_col)
        self.cols = []  # (column id, field or None, cell)
        for s in tmpl.segments:
            j = find(s, extra.label[s])
            if j is not None:
                self.cols.append((s, s, j))
                used.add(j)
        j = find(MANAGER, MANAGER_LABEL)
        if j is not None and j not in used:
            self.cols.append((MANAGER, None, j))
        self.rows = {}
        self.order = []
        self.refused = 0
        pid = extra.pattern.get(cid)
        for r in rows[1:]:
            if all(c.strip(" \t") == "" for c in r) and "\n" not in "".join(r):
                continue  # a blank row
            if len(r) != len(head):
                self.refused += 1
                continue
            i = norm(r[self.id_col])
            vals = {c: norm(r[j]) for c, _, j in self.cols}
            if i == "" or (pid and not re.search(pid, i)):
                self.refused += 1
                continue
            bad = False
            for c, f, j in self.cols:
                p = extra.pattern.get(f) if f else None
                if vals[c] and p and not re.search(p, vals[c]):
                    bad = True
            if bad or i in self.rows:
                self.refused += 1
                continue
            self.rows[i] = vals
            self.order.append(i)


# --------------------------------------------------------------------------
# comment rules: literal patterns only
# --------------------------------------------------------------------------


def read_rules(path):
    """[(category, complaint?, [literals])] of a comments rules file."""
    cats = []
    cur = None
    meta = re.compile(r"[\\.^$*+?()\[\]{}]")
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.match(r"^\[category\s+(.+)\]$", line)
            if m:
                cur = [m.group(1).strip(), False, []]
                cats.append(cur)
                continue
            if line.startswith("["):
                cur = None
                continue
            if cur is None:
                continue
            key, _, val = (x.strip() for x in line.partition("="))
            if key == "complaint":
                cur[1] = val != ""
            elif key == "match":
                if meta.search(val):
                    raise refstats.RefError("rules '%s': '%s' is not literal (ref_archive.py evaluates literal patterns only)" % (path, val))
                cur[2].extend(a for a in val.split("|") if a)
            elif key in ("unless",):
                raise refstats.RefError("rules '%s': 'unless' is not evaluated by ref_archive.py" % path)
    return cats


def complaints_of(texts, cats):
    """The complaint categories of a form's comments (rules order)."""
    out = []
    for name, complaint, lits in cats:
        if complaint and any(any(l.lower() in t.lower() for l in lits) for t in texts):
            out.append(name)
    return out


# --------------------------------------------------------------------------
# stats.csv, followup.csv
# --------------------------------------------------------------------------


def read_csv_bom(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def read_stats(path):
    got = {}
    for r in read_csv_bom(path)[1:]:
        n = int(r[5]) if r[5] != "" else -1
        got[(r[0], r[1], r[2], r[3])] = (float(r[4]), n)
    return got


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pipeline", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--no-xlsx", action="store_true")
    ap.add_argument("--no-pdf", action="store_true")
    a = ap.parse_args(argv)
    problems = []

    ns = argparse.Namespace(pipeline=a.pipeline, template=None, inputs=[], period=None, min_report=None,
                            min_base=None, previous=None, encoding=None, customers=None)
    refstats.load_pipeline(ns)
    cp = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None, strict=False)
    with open(a.pipeline, encoding="utf-8-sig") as fh:
        cp.read_file(fh)
    base = os.path.dirname(os.path.abspath(a.pipeline))
    refuse = (cp.get("input", "unknown_customers", fallback="keep") or "keep").strip() == "refuse"
    rules = cp.get("classify", "comments", fallback=None)
    marking = (cp.get("report", "confidentiality", fallback="内部") or "内部").strip()
    min_base = ns.min_base if ns.min_base is not None else 30
    min_report = ns.min_report if ns.min_report is not None else 5
    if not ns.customers:
        raise refstats.RefError("the pipeline has no [input] customers")
    if not rules or rules.strip() == "none":
        raise refstats.RefError("give the pipeline a literal comments rules file ([classify] comments)")
    cats = read_rules(os.path.join(base, rules.strip()))

    tmpl = refstats.Template(ns.template)
    extra = Extra(ns.template)
    arch = Archive(ns.customers, tmpl, extra, ns.encoding or "auto")
    period = refstats.parse_period(ns.period)

    # the forms the checker accepted (rejects.csv says which it refused)
    raws = []
    for p in ns.inputs:
        raws.extend(refstats.read_input(p, tmpl, ns.encoding, lambda w: None))
    rej = refstats.read_rejects(os.path.join(a.run, "rejects.csv"), problems)
    arch_reason = re.compile(r"^customer '.*' is not in the customer archive$|^empty customer id: the form cannot be joined")
    checker_refused = set()
    archive_refused = {}
    for f, line, fid, field, reason in rej:
        key = (os.path.basename(f), line)
        if arch_reason.match(reason):
            archive_refused[key] = (fid, field, reason)
        else:
            checker_refused.add(key)
    cid = tmpl.customer_id_field
    accepted = []
    want_refused = {}
    for raw in raws:
        key = (raw.file, raw.line)
        if key in checker_refused:
            continue
        f = refstats.interpret(raw, tmpl)
        if not refstats.in_period(f.date, period):
            continue
        known = f.fields.get(cid, "") in arch.rows
        if refuse and not known:
            i = f.fields.get(cid, "")
            want_refused[key] = (f.form_id, cid, "customer '%s' is not in the customer archive" % i if i else
                                 "empty customer id: the form cannot be joined to the customer archive")
            continue
        accepted.append(f)
    if want_refused != archive_refused:
        for k in sorted(set(want_refused) | set(archive_refused)):
            if want_refused.get(k) != archive_refused.get(k):
                problems.append("unknown-customer refusal %s:%d: want %s, rejects.csv has %s" % (k[0], k[1], want_refused.get(k), archive_refused.get(k)))

    # the join
    segcols = [(c, f) for c, f, _ in arch.cols if f]
    compared = {c: 0 for c, _ in segcols}
    disagree = {c: 0 for c, _ in segcols}
    forms_of = {}
    unknown_ids = set()
    unknown_forms = 0
    own = {}  # form id -> {field: own value}
    for f in accepted:
        i = f.fields.get(cid, "")
        if i in arch.rows:
            forms_of[i] = forms_of.get(i, 0) + 1
            row = arch.rows[i]
            for c, fld in segcols:
                av = row[c]
                if av == "":
                    continue
                fv = f.fields.get(fld, "")
                if fv != "":
                    compared[c] += 1
                    if fv != av:
                        disagree[c] += 1
                        own.setdefault(f.form_id, {})[fld] = fv
                f.fields[fld] = av
        else:
            unknown_forms += 1
            if i:
                unknown_ids.add(i)

    exp = {}

    def put(g, gv, s, m, v, n):
        exp[(g, gv, s, m)] = (float(v), n)

    # follow-up list
    ov = tmpl.overall
    fu = []
    for f in accepted:
        i = f.fields.get(cid, "")
        score = f.scores.get(ov.id) if ov else None
        low = score is not None and score <= ov.scale.min + 1
        texts = [norm(f.raw.values.get(c)) for c in tmpl.comments]
        cc = complaints_of([t for t in texts if t], cats)
        if not low and not cc:
            continue
        known = i in arch.rows
        mgr = arch.rows[i].get(MANAGER, "") if known else ""
        name = f.fields.get(extra.name_field, "") if extra.name_field else ""
        if name and extra.pii.get(extra.name_field):
            name = mask(name)
        shown = mask(i) if extra.pii.get(cid) and i else i
        label = extra.points.get(ov.scale.id, {}).get(score) if score is not None else None
        fu.append([mgr, shown, name, f.form_id, f.date or "", "" if score is None else str(score), label or "",
                   "1" if low else "0", "1" if cc else "0", "；".join(cc), "1" if known else "0"])
    fu.sort(key=lambda r: (r[0] == "", r[0].encode(), r[1].encode(), r[3].encode(), r[4]))

    # figures
    def response(g, gv, ids):
        count = len(ids)
        responded = sum(1 for i in ids if forms_of.get(i, 0) > 0)
        put(g, gv, "customers", "count", count, -1)
        put(g, gv, "customers", "responded", responded, count)
        if count:
            put(g, gv, "customers", "response_rate", responded / count, count)
        rate = responded / count if count else 0
        put(g, gv, "customers", "representative", 1 if responded >= min_base and rate >= MIN_RATE else 0, -1)
        return count, responded

    def follow(g, gv, rows):
        cust = {(r[0], r[1]) for r in rows}
        put(g, gv, "customers", "follow_up", len(cust), len(rows))

    def moe(g, gv, forms, count, responded):
        # the model's CSI exists for all and values of >= min_report forms
        if g != "all" and len(forms) < min_report:
            return
        wsum = acc = 0.0
        ncsi = 0
        for f in forms:
            if any(it.id in f.scores for d in tmpl.dims for it in d.items):
                ncsi += 1
        for d in tmpl.dims:
            xs = []
            for f in forms:
                v = [f.scores[it.id] for it in d.items if it.id in f.scores]
                if v:
                    xs.append(sum(v) / len(v))
            if not xs:
                continue
            if len(xs) < 2:
                return
            m = sum(xs) / len(xs)
            sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))
            sc = d.items[0].scale
            acc += d.weight * 100 * sd / ((sc.max - sc.min) * math.sqrt(len(xs)))
            wsum += d.weight
        if wsum <= 0 or ncsi < 2:
            return
        r = min(responded, count)
        fpc = math.sqrt((count - r) / (count - 1)) if count > 1 else 0.0
        put(g, gv, "CSI", "moe95", refstats.t975(ncsi - 1) * acc / wsum * fpc, ncsi)

    allids = list(arch.order)
    count, responded = response("all", "", allids)
    put("all", "", "customers", "repeated", sum(1 for i in allids if forms_of.get(i, 0) > 1), responded)
    put("all", "", "customers", "forms", sum(forms_of.values()), -1)
    put("all", "", "customers", "unknown", len(unknown_ids), unknown_forms)
    follow("all", "", fu)
    moe("all", "", accepted, count, responded)
    for c, fld in segcols:
        put("all", "", fld, "disagreements", disagree[c], compared[c])
    for c, fld, _ in arch.cols:
        values = sorted({arch.rows[i][c] for i in allids if arch.rows[i][c] != ""}, key=lambda s: s.encode())
        for v in values:
            ids = [i for i in allids if arch.rows[i][c] == v]
            cnt, resp = response(c, v, ids)
            if fld:
                moe(c, v, [f for f in accepted if f.fields.get(fld, "") == v], cnt, resp)
            else:
                follow(c, v, [r for r in fu if r[0] == v])

    # compare with stats.csv
    got = read_stats(os.path.join(a.run, "stats.csv"))
    archive_rows = {k for k in got if k[2] == "customers" or k[3] in ("moe95", "disagreements")}
    ndiff = 0
    for k in sorted(set(exp) | archive_rows):
        e = exp.get(k)
        g = got.get(k)
        if e is None or g is None or not close(e[0], g[0]) or e[1] != g[1]:
            ndiff += 1
            if ndiff <= 30:
                problems.append("stats.csv %s: want %s, got %s" % (",".join(k), e, g))
    if ndiff > 30:
        problems.append("... %d stats.csv differences in all" % ndiff)

    # followup.csv
    fl = read_csv_bom(os.path.join(a.run, "followup.csv"))
    fl_rows = [[refstats.unescape_cell(c) for c in r] for r in fl[1:]]
    if fl_rows != fu:
        problems.append("followup.csv: %d rows, want %d" % (len(fl_rows), len(fu)))
        for x, y in zip(fl_rows, fu):
            if x != y:
                problems.append("followup.csv: first difference: got %s, want %s" % (x, y))
                break

    if not a.no_xlsx:
        check_xlsx(os.path.join(a.run, "statistics.xlsx"), fu, own, extra, tmpl, len(accepted), problems)
    if not a.no_pdf:
        check_pdf(os.path.join(a.run, "report.pdf"), fu, marking, problems)

    print("ref_archive: %d customers in the archive (%d rows refused), %d accepted forms, %d responded, "
          "%d unknown customers (%d forms), %d refused as unknown, follow-up %d forms; %d archive figures compared"
          % (len(arch.order), arch.refused, len(accepted), responded, len(unknown_ids), unknown_forms,
             len(want_refused), len(fu), len(exp)))
    for p in problems:
        print("ref_archive: " + p)
    return 1 if problems else 0


def check_xlsx(path, fu, own, extra, tmpl, naccepted, problems):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True)
    names = wb.sheetnames
    zh = "回访清单" in names
    if not zh and "Follow-up" not in names:
        problems.append("workbook: no 回访清单 sheet")
        return
    ws = wb["回访清单" if zh else "Follow-up"]
    rows = list(ws.iter_rows(values_only=True))
    body = []
    for r in rows[1:]:
        if r is None or all(c is None for c in r):
            break
        body.append(r)
    if len(body) != len(fu):
        problems.append("workbook 回访清单: %d rows, want %d" % (len(body), len(fu)))
    for r, w in zip(body, fu):
        date = r[4].strftime("%Y-%m-%d") if r[4] is not None else ""
        got = [r[0] or "", r[1] or "", r[2] or "", r[3] or "", date, "" if r[5] is None else str(int(r[5])),
               r[6] or "", r[9]]
        want = w[:7] + [1 if w[10] == "1" else 0]
        if got != want:
            problems.append("workbook 回访清单: got %s, want %s" % (got, want))
            break
        if (w[9] or "") != (r[8] or ""):
            problems.append("workbook 回访清单 categories: got %s, want %s" % (r[8], w[9]))
            break
    # 明细: the form's own value where it disagrees with the archive
    rec = "明细" if zh else "Records"
    if rec in names:
        ws = wb[rec]
        it = ws.iter_rows(values_only=True)
        head = list(next(it))
        own_col = next((j for j, h in enumerate(head) if h and ("问卷原填" in h or "own value" in h)), None)
        fid_col = 0
        if own_col is None:
            problems.append("workbook 明细: no column of the form's own values")
            return
        seen = {}
        n = 0
        for r in it:
            n += 1
            if r[own_col]:
                seen[r[fid_col]] = r[own_col]
        sep = "；" if zh else "; "
        colon = "：" if zh else ": "
        want = {fid: sep.join(extra.label[f] + colon + (mask(v) if extra.pii[f] else v)
                              for f, v in sorted(d.items(), key=lambda x: extra.order.index(x[0])))
                for fid, d in own.items()}
        if n != naccepted:
            problems.append("workbook 明细: %d rows, want %d" % (n, naccepted))
        if seen != want:
            problems.append("workbook 明细 own values: %d forms, want %d" % (len(seen), len(want)))


def check_pdf(path, fu, marking, problems):
    try:
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True,
                              text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        problems.append("report: pdftotext failed: %s" % e)
        return
    flat = re.sub(r"\s+", "", text)
    listed = marking in ("公开", "内部")
    has = "客户回访清单" in flat or "Customerstofollowup" in flat
    if listed != has:
        problems.append("report: follow-up section %s, want it %s (marking %s)"
                        % ("present" if has else "absent", "present" if listed else "absent", marking))
    if listed and fu:
        missing = [r[3] for r in fu if r[3] not in flat]
        if missing:
            problems.append("report: %d follow-up forms not in the report, e.g. %s" % (len(missing), missing[:3]))
    if "样本与总体" not in flat and "Sampleandpopulation" not in flat:
        problems.append("report: no sample-against-population table")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except refstats.RefError as e:
        print("ref_archive: error: %s" % e, file=sys.stderr)
        sys.exit(2)
