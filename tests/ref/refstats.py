#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""refstats.py - an independent reference calculation of satreport's stats.csv

Reads the form template and the native input files itself, drops the forms
that satreport refused (rejects.csv), applies the period, recomputes every
figure that FORMATS.md §4.1/§4.2 defines with numpy/scipy, and compares the
result with the run's stats.csv (values within 1e-9, n exactly).

It is written from FORMATS.md alone: it neither imports nor mirrors any of
satreport's C code.  See docs/verification.md.  The classification rules
(derived fields, satisfaction levels, comment categories: docs/rules.md)
are applied by ref_rules.py, written from docs/rules.md the same way: the
pipeline's [classify] files, else the shipped templates/rules/*.rules.

Usage:
  refstats.py --template T.xml --rejects RUN/rejects.csv --stats RUN/stats.csv
              [--period FROM..TO] [--min-report 5] [--min-base 30]
              [--previous PREV/stats.csv] [--encoding auto|utf-8|gbk]
              INPUT_FILE...
  refstats.py --pipeline P.ini --run RUN_DIR [INPUT_FILE...]
  (either form: [--segments-rules FILE|none] [--comments-rules FILE|none])
  refstats.py --self-test

Exit status: 0 every figure agrees, 1 some figure or input check disagrees,
2 usage error or an input the script cannot read.
"""

import argparse
import configparser
import csv
import datetime
import glob
import math
import os
import re
import shutil
import sys
import tempfile
import unicodedata
import warnings
import xml.etree.ElementTree as ET
import xml.parsers.expat

import numpy as np
import scipy
from scipy import stats as sps

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ref_rules  # noqa: E402  (same directory)

# --------------------------------------------------------------------------
# What the script knowingly does not compute.  Rows of stats.csv that fall
# under these are counted and listed as "not covered", never as failures
# (unless --strict).  Extend on the command line with --not-covered-*.
# --------------------------------------------------------------------------

# metrics that need an input the script was not given (a previous stats.csv:
# --previous, or [analysis] previous of --pipeline); covered when it is
PREVIOUS_METRICS = {"prev_index", "delta", "p_delta"}
NOT_COVERED_METRICS = set()
# subjects that need the customer archive's own counts (§2.4), and the
# archive's metrics of other subjects (CSI moe95, <field> disagreements):
# tests/ref/ref_archive.py checks them
NOT_COVERED_SUBJECTS = {"customers"}
ARCHIVE_METRICS = {"moe95", "disagreements"}
# groups made by classification rules (comment categories, derived customer
# classes, satisfaction levels) are computed with ref_rules.py.  Only when a
# rules file cannot be applied (a pattern Python's re cannot run as PCRE2
# does) are its groups and subjects not covered, with that reason.
NOT_COVERED_GROUPS = set()
# with the comments rules not applied, a subject that is not an id of the
# template (nor "id=value") with metric count/share is taken for a comment
# category (or complaints) and not covered.
CATEGORY_METRICS = {"count", "share"}

TOLERANCE = 1e-9
MAX_LISTED = 30

BOM = "\ufeff"
STATS_HEADER = ["group", "group_value", "subject", "metric", "value", "n"]
REJECTS_HEADER = ["file", "line", "form_id", "field", "reason"]
MULTI_SEPARATORS = re.compile("[;┋,；，]")
INTEGER_RE = re.compile(r"^[+-]?[0-9]+$")
NUMBER_RE = re.compile(r"^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


class RefError(Exception):
    """A usage or input problem that stops the script (exit 2)."""


def norm(s):
    """NFKC, then trim (FORMATS §4.2: scores are read after NFKC)."""
    if s is None:
        return ""
    return unicodedata.normalize("NFKC", s).strip()


def unescape_cell(s):
    """Undo the leading ' that protects text cells beginning with = + - @."""
    if len(s) >= 2 and s[0] == "'" and s[1] in "=+-@":
        return s[1:]
    return s


# --------------------------------------------------------------------------
# The form template (FORMATS §1)
# --------------------------------------------------------------------------


class Scale:
    def __init__(self, el):
        self.id = el.get("id")
        self.min = int(el.get("min"))
        self.max = int(el.get("max"))
        self.labels = {}  # normalised label -> value
        self.missing = set()  # normalised labels meaning "missing"
        for p in el.findall("point"):
            if p.get("label") is not None:
                self.labels[norm(p.get("label"))] = int(p.get("value"))
        for m in el.findall("missing"):
            if m.get("label") is not None:
                self.missing.add(norm(m.get("label")))


class Item:
    def __init__(self, el, scale, dim):
        self.id = el.get("id")
        self.scale = scale
        self.dim = dim  # dimension id or None
        self.role = el.get("role") or ""
        t = el.get("target")
        self.target = float(t) if t not in (None, "") else None


class Dimension:
    def __init__(self, el):
        self.id = el.get("id")
        self.weight = float(el.get("weight", "1"))
        t = el.get("target")
        self.target = float(t) if t not in (None, "") else None
        self.items = []  # Item


class Choice:
    def __init__(self, el):
        self.id = el.get("id")
        self.multiple = (el.get("multiple") or "").strip().lower() in ("true", "1", "yes")
        self.options = []  # option values, in template order
        self.lookup = {}  # normalised value or label -> option value
        for o in el.findall("option"):
            v = o.get("value")
            self.options.append(v)
        # values first, so that a label equal to another option's value
        # cannot shadow that value
        for o in el.findall("option"):
            if o.get("label") is not None:
                self.lookup.setdefault(norm(o.get("label")), o.get("value"))
        for o in el.findall("option"):
            self.lookup[norm(o.get("value"))] = o.get("value")


class Template:
    def __init__(self, path):
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as e:
            raise RefError("cannot read template '%s': %s" % (path, e))
        if root.tag != "survey":
            raise RefError("template '%s': root element is <%s>, not <survey>" % (path, root.tag))
        self.path = path
        self.scales = {}
        for s in root.findall("scale"):
            self.scales[s.get("id")] = Scale(s)
        self.fields = {}  # id -> (role, required)
        self.segments = []
        self.form_id_field = None
        self.customer_id_field = None
        self.date_field = None
        for fs in root.findall("fields"):
            for f in fs.findall("field"):
                role = f.get("role") or ""
                req = (f.get("required") or "").strip().lower() in ("true", "1", "yes")
                self.fields[f.get("id")] = (role, req)
                if role == "segment":
                    self.segments.append(f.get("id"))
                elif role == "form-id":
                    self.form_id_field = f.get("id")
                elif role == "customer-id":
                    self.customer_id_field = f.get("id")
                elif role == "date":
                    self.date_field = f.get("id")
        self.dims = []
        self.items = []  # dimension items in document order, then free items
        self.choices = []
        self.comments = []
        for child in root:
            if child.tag == "dimension":
                d = Dimension(child)
                for it in child.findall("item"):
                    d.items.append(self._item(it, d.id))
                self.dims.append(d)
        for child in root:
            if child.tag == "item":
                self._item(child, None)
            elif child.tag == "choice":
                self.choices.append(Choice(child))
            elif child.tag == "comment":
                self.comments.append(child.get("id"))
        self.item_by_id = {it.id: it for it in self.items}
        self.choice_by_id = {c.id: c for c in self.choices}
        self.overall = next((it for it in self.items if it.role == "overall"), None)
        self.recommend = next((it for it in self.items if it.role == "recommend"), None)
        self.slots = set(self.fields) | set(self.item_by_id) | set(self.choice_by_id) | set(self.comments)

    def _item(self, el, dim):
        sid = el.get("scale")
        if sid not in self.scales:
            raise RefError("template '%s': item '%s' names unknown scale '%s'" % (self.path, el.get("id"), sid))
        it = Item(el, self.scales[sid], dim)
        self.items.append(it)
        return it


# --------------------------------------------------------------------------
# Reading the native inputs (FORMATS §2.1, §2.2)
# --------------------------------------------------------------------------


class Raw:
    """One form as found in an input: file, start line, slot -> raw text."""

    __slots__ = ("path", "file", "line", "values")

    def __init__(self, path, line, values):
        self.path = path
        self.file = os.path.basename(path)
        self.line = line
        self.values = values


def decode_text(data, encoding, path):
    enc = (encoding or "auto").strip().lower()
    if enc in ("gbk", "gb2312", "gb18030", "cp936"):
        if data.startswith(b"\xef\xbb\xbf"):
            return data.decode("utf-8-sig")
        return data.decode("gb18030")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if enc not in ("auto", ""):
            raise RefError("'%s' is not valid UTF-8 (declared %s)" % (path, encoding))
        return data.decode("gb18030")


def physical_lines(text):
    """Split on LF only (CR LF stays inside the chunk for the csv module),
    so that csv.reader.line_num counts physical lines."""
    start = 0
    n = len(text)
    while start < n:
        j = text.find("\n", start)
        if j < 0:
            yield text[start:]
            return
        yield text[start : j + 1]
        start = j + 1


def read_csv(path, tmpl, encoding, warn):
    with open(path, "rb") as fh:
        data = fh.read()
    text = decode_text(data, encoding, path)
    rdr = csv.reader(physical_lines(text), strict=False)
    header = None
    prev = 0
    forms = []
    for row in rdr:
        start = prev + 1
        prev = rdr.line_num
        if header is None:
            header = [h.strip() for h in row]
            unknown = [h for h in header if h and h not in tmpl.slots]
            if unknown:
                warn("%s: columns not in the template (ignored): %s" % (path, ", ".join(unknown[:10])))
            continue
        if not row:  # a blank line is not a form
            continue
        values = {}
        for i, h in enumerate(header):
            if h in tmpl.slots and h not in values:
                values[h] = row[i] if i < len(row) else None
        forms.append(Raw(path, start, values))
    return forms


def read_xml(path, tmpl, warn):
    with open(path, "rb") as fh:
        data = fh.read()
    m = re.match(rb'^(\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["\']([A-Za-z0-9_.-]+)["\']', data)
    if m and m.group(2).lower() in (b"gbk", b"gb2312", b"gb18030", b"cp936"):
        # expat has no GB18030 decoder: transcode; line numbers do not change
        text = data.decode("gb18030")
        text = re.sub(r'encoding\s*=\s*["\'][A-Za-z0-9_.-]+["\']', 'encoding="UTF-8"', text, count=1)
        data = text.encode("utf-8")
    forms = []
    state = {"form": None, "slot": None, "buf": None}
    p = xml.parsers.expat.ParserCreate()
    p.buffer_text = True

    def start(name, attrs):
        if name == "form":
            state["form"] = Raw(path, p.CurrentLineNumber, {})
        elif state["form"] is not None and name in ("field", "answer", "comment"):
            state["slot"] = attrs.get("id") if name == "field" else attrs.get("item")
            if state["slot"] is None:
                state["slot"] = attrs.get("item") or attrs.get("id")
            state["buf"] = []

    def chars(s):
        if state["buf"] is not None:
            state["buf"].append(s)

    def end(name):
        if name == "form" and state["form"] is not None:
            forms.append(state["form"])
            state["form"] = None
        elif name in ("field", "answer", "comment") and state["buf"] is not None:
            slot = state["slot"]
            if slot in tmpl.slots:
                # a slot given twice: the first one counts
                state["form"].values.setdefault(slot, "".join(state["buf"]))
            state["buf"] = None
            state["slot"] = None

    p.StartElementHandler = start
    p.CharacterDataHandler = chars
    p.EndElementHandler = end
    try:
        p.Parse(data, True)
    except xml.parsers.expat.ExpatError as e:
        warn("%s:%d: not well-formed XML (%s); %d forms read before it" % (path, e.lineno, e, len(forms)))
    return forms


def read_input(path, tmpl, encoding, warn):
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError as e:
        raise RefError("cannot read input '%s': %s" % (path, e))
    ext = os.path.splitext(path)[1].lower()
    if ext == ".xml" or (ext not in (".csv", ".txt") and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")):
        return read_xml(path, tmpl, warn)
    return read_csv(path, tmpl, encoding, warn)


# --------------------------------------------------------------------------
# Interpreting a form (FORMATS §4.2)
# --------------------------------------------------------------------------


def interpret_score(item, raw):
    """Returns (score or None, problem or None)."""
    s = norm(raw)
    if s == "" or s in item.scale.missing:
        return None, None
    if s in item.scale.labels:
        return item.scale.labels[s], None
    if INTEGER_RE.match(s):
        v = int(s)
        if item.scale.min <= v <= item.scale.max:
            return v, None
        return None, "score %s outside %d..%d" % (s, item.scale.min, item.scale.max)
    return None, "not a score of scale '%s': '%s'" % (item.scale.id, raw)


def interpret_choice(ch, raw):
    """Returns (set of option values, or None when not answered; problem)."""
    s = norm(raw)
    if s == "":
        return None, None
    chosen = set()
    for tok in MULTI_SEPARATORS.split(s):
        tok = tok.strip()
        if tok == "":
            continue
        if tok not in ch.lookup:
            return None, "unknown option '%s'" % tok
        chosen.add(ch.lookup[tok])
    if not chosen:
        return None, None
    if not ch.multiple and len(chosen) > 1:
        return None, "several options on a single choice: '%s'" % raw
    return chosen, None


class Form:
    __slots__ = ("raw", "form_id", "date", "fields", "scores", "choices", "problems", "commented",
                 "derived", "categories", "complaint")


def interpret(raw, tmpl):
    f = Form()
    f.raw = raw
    f.problems = []
    f.fields = {fid: norm(raw.values.get(fid)) for fid in tmpl.fields}
    for fid, (role, req) in tmpl.fields.items():
        if req and f.fields[fid] == "":
            f.problems.append((fid, "required field is empty"))
    f.form_id = f.fields.get(tmpl.form_id_field, "") if tmpl.form_id_field else ""
    f.date = None
    if tmpl.date_field and f.fields[tmpl.date_field] != "":
        d = f.fields[tmpl.date_field]
        m = DATE_RE.match(d)
        ok = False
        if m:
            try:
                datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                ok = True
            except ValueError:
                pass
        if ok:
            f.date = d
        else:
            f.problems.append((tmpl.date_field, "not a date YYYY-MM-DD: '%s'" % d))
    f.scores = {}
    for it in tmpl.items:
        v, prob = interpret_score(it, raw.values.get(it.id))
        if prob:
            f.problems.append((it.id, prob))
        if v is not None:
            f.scores[it.id] = v
    # a form "with a comment": any comment of the template non-empty
    f.commented = any(norm(raw.values.get(c)) != "" for c in tmpl.comments)
    f.derived = {}
    f.categories = set()
    f.complaint = False
    f.choices = {}
    for ch in tmpl.choices:
        v, prob = interpret_choice(ch, raw.values.get(ch.id))
        if prob:
            f.problems.append((ch.id, prob))
        if v is not None:
            f.choices[ch.id] = v
    return f


def parse_period(p):
    if p is None or p.strip() == "":
        return None
    m = re.match(r"^\s*([0-9-]*)\s*\.\.\s*([0-9-]*)\s*$", p)
    if not m:
        raise RefError("period '%s' is not FROM..TO" % p)
    lo, hi = m.group(1) or None, m.group(2) or None
    for d in (lo, hi):
        if d is not None and not DATE_RE.match(d):
            raise RefError("period '%s': '%s' is not YYYY-MM-DD" % (p, d))
    return lo, hi


def in_period(date, period):
    if period is None or date is None:
        return True
    lo, hi = period
    return (lo is None or date >= lo) and (hi is None or date <= hi)


# --------------------------------------------------------------------------
# rejects.csv and stats.csv
# --------------------------------------------------------------------------


def read_bom_csv(path, header, what, problems):
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise RefError("cannot read %s '%s': %s" % (what, path, e))
    if not data.startswith(b"\xef\xbb\xbf"):
        problems.append("%s: %s does not begin with a UTF-8 BOM" % (path, what))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append("%s: %s is not valid UTF-8 (%s)" % (path, what, e))
        text = data.decode("utf-8-sig", errors="replace")
    rows = list(csv.reader(physical_lines(text), strict=False))
    if not rows or rows[0] != header:
        problems.append("%s: header is %r, expected %r" % (path, rows[0] if rows else None, ",".join(header)))
        if not rows:
            return []
    return [r for r in rows[1:] if r]


def read_rejects(path, problems):
    out = []
    for i, r in enumerate(read_bom_csv(path, REJECTS_HEADER, "rejects.csv", problems), start=2):
        if len(r) != 5:
            problems.append("%s: row %d has %d cells, expected 5" % (path, i, len(r)))
            continue
        for c in r[:1] + r[2:]:
            if c[:1] in ("=", "+", "-", "@") and not NUMBER_RE.match(c):
                problems.append("%s: row %d: text cell %r begins with %s and has no leading '" % (path, i, c, c[0]))
        f, line = unescape_cell(r[0]), r[1]
        if not re.match(r"^[0-9]+$", line):
            problems.append("%s: row %d: line %r is not a number" % (path, i, line))
            continue
        if r[4].strip() == "":
            problems.append("%s: row %d: empty reason" % (path, i))
        out.append((f, int(line), unescape_cell(r[2]), unescape_cell(r[3]), unescape_cell(r[4])))
    return out


def read_stats(path, problems):
    """Returns {(group, group_value, subject, metric): (value, n, rownum)}."""
    got = {}
    for i, r in enumerate(read_bom_csv(path, STATS_HEADER, "stats.csv", problems), start=2):
        if len(r) != 6:
            problems.append("%s: row %d has %d cells, expected 6: %r" % (path, i, len(r), r))
            continue
        for c in r[:4]:
            if c[:1] in ("=", "+", "-", "@") and not NUMBER_RE.match(c):
                problems.append("%s: row %d: text cell %r begins with %s and has no leading '" % (path, i, c, c[0]))
        g, gv, subj, met = (unescape_cell(c) for c in r[:4])
        vs, ns = r[4], r[5]
        if not NUMBER_RE.match(vs):
            problems.append("%s: row %d (%s,%s,%s,%s): value %r is not a plain number" % (path, i, g, gv, subj, met, vs))
            continue
        v = float(vs)
        if ns == "":
            n = None
        elif re.match(r"^[0-9]+$", ns):
            n = int(ns)
        else:
            problems.append("%s: row %d (%s,%s,%s,%s): n %r is not a count" % (path, i, g, gv, subj, met, ns))
            continue
        key = (g, gv, subj, met)
        if key in got:
            problems.append("%s: row %d repeats (%s,%s,%s,%s) of row %d" % (path, i, g, gv, subj, met, got[key][2]))
            continue
        got[key] = (v, n, i)
    return got


# --------------------------------------------------------------------------
# The reference figures
# --------------------------------------------------------------------------


class Expected:
    __slots__ = ("value", "n", "optional", "alts", "note")

    def __init__(self, value, n, optional=False, alts=(), note=""):
        self.value = float(value)
        self.n = n
        self.optional = optional  # may be absent; checked when present
        self.alts = tuple(float(a) for a in alts)  # other acceptable values
        self.note = note


T975 = {}


def t975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom.

    scipy 1.10's t.ppf is off by up to about 1e-9 relative for small df
    (df=6: 2.4469118487916806, the true value 2.446911851144968...), which
    is this script's whole tolerance; two Newton steps on t.cdf, which is
    accurate to the last bits, bring it to within 1e-15.
    """
    if df not in T975:
        x = float(sps.t.ppf(0.975, df))
        for _ in range(2):
            x -= (float(sps.t.cdf(x, df)) - 0.975) / float(sps.t.pdf(x, df))
        T975[df] = x
    return T975[df]


def pearson(x, y):
    if len(x) < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return None
    res = sps.pearsonr(x, y)
    r = float(getattr(res, "statistic", res[0]))
    return r if math.isfinite(r) else None


def welch(a, b):
    """(p, note) of scipy's Welch t-test; p None when undefined."""
    if len(a) < 2 or len(b) < 2:
        return None, ""
    va, vb = np.var(a, ddof=1), np.var(b, ddof=1)
    if va == 0 and vb == 0:
        if np.mean(a) == np.mean(b):
            return None, ""
        return 0.0, "both groups without variance"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = float(sps.ttest_ind(a, b, equal_var=False).pvalue)
    return (p if math.isfinite(p) else None), ""


def ztest2(x1, n1, x2, n2):
    """Two-proportion z-test, pooled (statsmodels' proportions_ztest): the
    two-sided p of x1/n1 against x2/n2; None when undefined."""
    if n1 == 0 or n2 == 0 or x1 + x2 in (0, n1 + n2):
        return None
    p1, p2 = x1 / n1, x2 / n2
    pp = (x1 + x2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    return float(2 * sps.norm.sf(abs(z)))


def action_ranks(cands):
    """cands: [(key, gap, importance or None)] in template order.  Those with
    gap < 0 ranked 1.. by gap ascending, then importance descending (known
    first), then template order.  Returns {key: (rank, alternatives)}: gaps
    within rounding of each other may come in either order."""
    below = [c for c in cands if c[1] < 0]
    order = sorted(range(len(below)), key=lambda i: (below[i][1], below[i][2] is None, -(below[i][2] or 0), i))
    out = {}
    for r, i in enumerate(order):
        g = below[i][1]
        near = [r2 for r2, j in enumerate(order) if abs(below[j][1] - g) <= 1e-9 * max(1.0, abs(g))]
        out[below[i][0]] = (r + 1, [x + 1 for x in near if x != r])
    return out


class Reference:
    def __init__(self, tmpl, forms, min_report, min_base=30, previous=None, rules=None):
        self.t = tmpl
        self.rules = rules if rules is not None else Rules()
        self.forms = forms
        self.min_report = min_report
        self.min_base = min_base
        self.previous = previous  # {(g, gv, subj, metric): (value, n, row)} or None
        self.dim_by_id = {d.id: d for d in tmpl.dims}
        self.importance = {}  # item/dimension id -> r_overall in group all
        self.exp = {}
        nf = len(forms)
        items = tmpl.items
        self.col = {it.id: j for j, it in enumerate(items)}
        S = np.full((nf, len(items)), np.nan)
        for i, f in enumerate(forms):
            for iid, v in f.scores.items():
                S[i, self.col[iid]] = v
        self.S = S
        self.D = {}  # dimension id -> per-form score (nan = no answered item)
        for d in tmpl.dims:
            cols = [self.col[it.id] for it in d.items]
            sub = S[:, cols]
            answered = ~np.isnan(sub)
            cnt = answered.sum(axis=1)
            tot = np.where(answered, sub, 0.0).sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                self.D[d.id] = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
        self.any_dim = np.zeros(nf, dtype=bool)
        for d in tmpl.dims:
            self.any_dim |= ~np.isnan(self.D[d.id])
        # per form: a comment, a complaint, in category c (comment rules)
        self.commented = np.array([f.commented for f in forms], dtype=bool)
        self.complaint = np.array([f.complaint for f in forms], dtype=bool)
        self.in_category = {c: np.array([c in f.categories for f in forms], dtype=bool)
                            for c in self.rules.category_names()}
        # per choice: answered, and per option chosen (respondents)
        self.ch_answered = {}
        self.ch_option = {}
        for ch in tmpl.choices:
            self.ch_answered[ch.id] = np.array([ch.id in f.choices for f in forms], dtype=bool)
            for o in ch.options:
                self.ch_option[(ch.id, o)] = np.array([o in f.choices.get(ch.id, ()) for f in forms], dtype=bool)

    def add(self, g, gv, subj, metric, value, n, **kw):
        self.exp[(g, gv, subj, metric)] = Expected(value, n, **kw)

    def groups(self):
        nf = len(self.forms)
        yield "all", "", np.ones(nf, dtype=bool)
        for sf in self.t.segments:
            vals = {}
            for i, f in enumerate(self.forms):
                v = f.fields.get(sf, "")
                if v != "":
                    vals.setdefault(v, []).append(i)
            for v in sorted(vals):
                if len(vals[v]) >= self.min_report:
                    m = np.zeros(nf, dtype=bool)
                    m[vals[v]] = True
                    yield sf, v, m
        # derived segment fields of the rules, in rules order; values in
        # byte order of their UTF-8 text (= code point order)
        for df in self.rules.derived_segments():
            vals = {}
            for i, f in enumerate(self.forms):
                v = f.derived.get(df.id)
                if v is not None and v != "":
                    vals.setdefault(v, []).append(i)
            for v in sorted(vals):
                if len(vals[v]) >= self.min_report:
                    m = np.zeros(nf, dtype=bool)
                    m[vals[v]] = True
                    yield df.id, v, m
        # comment categories, in rules order, the unclassified one last
        for name in self.rules.category_names():
            m = self.in_category[name]
            if int(m.sum()) >= self.min_report:
                yield "category", name, m

    def compute(self, counts):
        for key, val in counts.items():
            self.add("all", "", "forms", key, val, None)
        self.add("all", "", "forms", "count", counts["accepted"], None, optional=True, note="all,,forms,count is not in FORMATS; checked when present")
        self.compute_importance()
        for g, gv, m in self.groups():
            if g != "all":
                nf = int(m.sum())
                self.add(g, gv, "forms", "count", nf, None)
                self.add(g, gv, "forms", "small", 1 if nf < self.min_base else 0, None)
            self.group_figures(g, gv, m)

    def compute_importance(self):
        """r_overall of every item and dimension over all forms: the
        importance that orders equal gaps in the action ranks."""
        t = self.t
        if not t.overall or not len(self.forms):
            return
        ov = self.S[:, self.col[t.overall.id]]
        for it in t.items:
            x = self.S[:, self.col[it.id]]
            both = ~np.isnan(x) & ~np.isnan(ov)
            self.importance[it.id] = pearson(x[both], ov[both])
        for d in t.dims:
            x = self.D[d.id]
            both = ~np.isnan(x) & ~np.isnan(ov)
            self.importance[d.id] = pearson(x[both], ov[both])

    def prev(self, g, gv, subj, idx, n, mean=None, sd=None):
        """prev_index, delta and p_delta against the previous stats.csv."""
        if self.previous is None:
            return
        p = self.previous.get((g, gv, subj, "index"))
        if p is None:
            return
        self.add(g, gv, subj, "prev_index", p[0], p[1])
        self.add(g, gv, subj, "delta", idx - p[0], n)
        pm = self.previous.get((g, gv, subj, "mean"))
        ps = self.previous.get((g, gv, subj, "sd"))
        if mean is None or sd is None or pm is None or ps is None or pm[1] is None or pm[1] < 2 or n < 2:
            return
        if sd == 0 and ps[0] == 0:
            return
        r = sps.ttest_ind_from_stats(mean, sd, n, pm[0], ps[0], pm[1], equal_var=False)
        self.add(g, gv, subj, "p_delta", float(r.pvalue), n)

    def tests(self, g, gv, subj, v, rest, top, pooled, rtop, rpooled, nforms):
        """p_value (Welch), p_top2 (two proportions) and significant."""
        p, note = welch(v, rest)
        if p is not None:
            self.add(g, gv, subj, "p_value", p, len(v), optional=bool(note), note=note)
        p2 = ztest2(top, pooled, rtop, rpooled)
        if p2 is not None:
            self.add(g, gv, subj, "p_top2", p2, pooled)
        sig = p is not None and p < 0.05 and nforms >= self.min_base
        alts = [0.0] if note and sig else ()
        self.add(g, gv, subj, "significant", 1 if sig else 0, None, alts=alts, note=note)

    def describe(self, g, gv, subj, v, lo, hi):
        """mean, sd, ci95, median, index of the values v (scale lo..hi)."""
        n = len(v)
        mean = float(np.mean(v))
        sd = None
        self.add(g, gv, subj, "mean", mean, n)
        self.add(g, gv, subj, "median", float(np.median(v)), n)
        if n >= 2:
            sd = float(np.std(v, ddof=1))
            half = t975(n - 1) * sd / math.sqrt(n)
            self.add(g, gv, subj, "sd", sd, n)
            self.add(g, gv, subj, "ci95_low", mean - half, n)
            self.add(g, gv, subj, "ci95_high", mean + half, n)
        if hi > lo:
            idx = (mean - lo) / (hi - lo) * 100.0
            self.add(g, gv, subj, "index", idx, n)
            self.prev(g, gv, subj, idx, n, mean, sd)
        return mean

    def group_figures(self, g, gv, m):
        t = self.t
        S = self.S
        ov = S[:, self.col[t.overall.id]] if t.overall else None
        segment = g != "all"
        nforms = int(m.sum())
        index = {}  # dimension id -> index (for CSI and quadrant)
        r_dim = {}
        item_gaps = []  # (item id, gap, importance): group all only
        for it in t.items:
            x = S[:, self.col[it.id]]
            valid = m & ~np.isnan(x)
            v = x[valid]
            n = len(v)
            if n == 0:
                continue
            lo, hi = it.scale.min, it.scale.max
            mean = self.describe(g, gv, it.id, v, lo, hi)
            self.add(g, gv, it.id, "top2", np.count_nonzero(v >= hi - 1) / n, n)
            self.add(g, gv, it.id, "bottom2", np.count_nonzero(v <= lo + 1) / n, n)
            for p in range(lo, hi + 1):
                c = int(np.count_nonzero(v == p))
                self.add(g, gv, "%s=%d" % (it.id, p), "count", c, n)
                self.add(g, gv, "%s=%d" % (it.id, p), "share", c / n, n)
            if it.target is not None and hi > lo:
                idx = (mean - lo) / (hi - lo) * 100.0
                self.add(g, gv, it.id, "target", it.target, None)
                self.add(g, gv, it.id, "gap", idx - it.target, None)
            elif not segment and it.dim and self.dim_by_id[it.dim].target is not None and hi > lo:
                # a dimension item against its dimension's target (group all)
                tg = self.dim_by_id[it.dim].target
                idx = (mean - lo) / (hi - lo) * 100.0
                self.add(g, gv, it.id, "target", tg, None)
                self.add(g, gv, it.id, "gap", idx - tg, None)
                item_gaps.append((it.id, idx - tg, self.importance.get(it.id)))
            if ov is not None:
                both = valid & ~np.isnan(ov)
                r = pearson(x[both], ov[both])
                if it is t.overall:
                    if r is not None:
                        self.add(g, gv, it.id, "r_overall", 1.0, int(both.sum()))
                    else:
                        self.add(g, gv, it.id, "r_overall", 1.0, int(both.sum()), optional=True, note="overall with itself, no variance")
                elif r is not None:
                    self.add(g, gv, it.id, "r_overall", r, int(both.sum()))
            if segment:
                rest = ~m & ~np.isnan(x)
                rv = x[rest]
                self.tests(g, gv, it.id, v, rv, np.count_nonzero(v >= hi - 1), n,
                           np.count_nonzero(rv >= hi - 1), len(rv), nforms)
        for d in t.dims:
            x = self.D[d.id]
            valid = m & ~np.isnan(x)
            v = x[valid]
            n = len(v)
            if n == 0:
                # statistics.md §9: a dimension nobody answered in a group
                # value has only its target row there
                if d.target is not None:
                    self.add(g, gv, d.id, "target", d.target, None)
                continue
            sc = d.items[0].scale
            mean = self.describe(g, gv, d.id, v, sc.min, sc.max)
            if sc.max > sc.min:
                index[d.id] = (mean - sc.min) / (sc.max - sc.min) * 100.0
            top = bottom = pooled = 0
            for it in d.items:
                y = S[m, self.col[it.id]]
                y = y[~np.isnan(y)]
                pooled += len(y)
                top += np.count_nonzero(y >= it.scale.max - 1)
                bottom += np.count_nonzero(y <= it.scale.min + 1)
            self.add(g, gv, d.id, "top2", top / pooled, pooled)
            self.add(g, gv, d.id, "bottom2", bottom / pooled, pooled)
            if len(d.items) >= 2:
                cols = [self.col[it.id] for it in d.items]
                sub = S[m][:, cols]
                sub = sub[~np.isnan(sub).any(axis=1)]
                k = len(cols)
                if len(sub) >= 2:
                    var_total = np.var(sub.sum(axis=1), ddof=1)
                    if var_total > 0:
                        var_items = np.var(sub, axis=0, ddof=1).sum()
                        alpha = k / (k - 1) * (1 - var_items / var_total)
                        self.add(g, gv, d.id, "alpha", alpha, len(sub))
            if d.target is not None and d.id in index:
                self.add(g, gv, d.id, "target", d.target, None)
                self.add(g, gv, d.id, "gap", index[d.id] - d.target, None)
            if ov is not None:
                both = valid & ~np.isnan(ov)
                r = pearson(x[both], ov[both])
                if r is not None:
                    self.add(g, gv, d.id, "r_overall", r, int(both.sum()))
                    r_dim[d.id] = r
            if segment:
                rest = ~m & ~np.isnan(x)
                rtop = rpooled = 0
                for it in d.items:
                    y = S[~m, self.col[it.id]]
                    y = y[~np.isnan(y)]
                    rpooled += len(y)
                    rtop += np.count_nonzero(y >= it.scale.max - 1)
                self.tests(g, gv, d.id, v, x[rest], top, pooled, rtop, rpooled, nforms)
        # action ranks: dimensions below target (every group), items (all)
        dim_gaps = [(d.id, index[d.id] - d.target, self.importance.get(d.id)) for d in t.dims
                    if d.target is not None and d.id in index]
        for ranks in (action_ranks(dim_gaps), action_ranks(item_gaps)):
            for key, (r, alts) in ranks.items():
                self.add(g, gv, key, "action_rank", r, None, alts=alts, note="gap tie within rounding" if alts else "")
        # CSI over the dimensions with data
        if index:
            wsum = sum(d.weight for d in t.dims if d.id in index)
            csi = sum(d.weight * index[d.id] for d in t.dims if d.id in index) / wsum
            ncsi = int((m & self.any_dim).sum())
            self.add(g, gv, "CSI", "index", csi, ncsi)
            self.prev(g, gv, "CSI", csi, ncsi)
        # NPS
        if t.recommend is not None:
            x = S[m, self.col[t.recommend.id]]
            v = x[~np.isnan(x)]
            if len(v):
                nps = 100.0 * (np.count_nonzero(v >= 9) - np.count_nonzero(v <= 6)) / len(v)
                self.add(g, gv, "NPS", "index", nps, len(v))
                self.prev(g, gv, "NPS", nps, len(v))
        # choices: shares of respondents, every option, zeros included
        for ch in t.choices:
            n = int((m & self.ch_answered[ch.id]).sum())
            if n == 0:
                continue
            for o in ch.options:
                c = int((m & self.ch_option[(ch.id, o)]).sum())
                self.add(g, gv, "%s=%s" % (ch.id, o), "count", c, n)
                self.add(g, gv, "%s=%s" % (ch.id, o), "share", c / n, n)
        # forms with a comment, of the group's forms; with comment rules
        # also the complaints (of the group's forms) and every category (of
        # the forms with a comment); none of them inside group category
        has_categories = self.rules.com is not None
        if (t.comments or has_categories) and nforms and g != "category":
            c = int((m & self.commented).sum())
            self.add(g, gv, "comments", "count", c, nforms)
            self.add(g, gv, "comments", "share", c / nforms, nforms)
            if has_categories:
                k = int((m & self.complaint).sum())
                self.add(g, gv, "complaints", "count", k, nforms)
                self.add(g, gv, "complaints", "share", k / nforms, nforms)
                if c:
                    for name in self.rules.category_names():
                        k = int((m & self.in_category[name]).sum())
                        self.add(g, gv, name, "count", k, c)
                        self.add(g, gv, name, "share", k / c, c)
        # quadrant: group all only, dimensions with importance and performance
        if g == "all":
            ds = [d.id for d in t.dims if d.id in r_dim and d.id in index]
            if ds:
                mi = math.fsum(r_dim[i] for i in ds) / len(ds)
                mp = math.fsum(index[i] for i in ds) / len(ds)
                for i in ds:
                    hi_i = [r_dim[i] >= mi]
                    hi_p = [index[i] >= mp]
                    # a value within rounding of the mean: either side is accepted
                    if abs(r_dim[i] - mi) <= 1e-12 * max(1.0, abs(mi)):
                        hi_i.append(not hi_i[0])
                    if abs(index[i] - mp) <= 1e-12 * max(1.0, abs(mp)):
                        hi_p.append(not hi_p[0])
                    qs = []
                    for a in hi_i:
                        for b in hi_p:
                            qs.append({(True, True): 1, (True, False): 2, (False, False): 3, (False, True): 4}[(a, b)])
                    self.add(g, gv, i, "quadrant", qs[0], None, alts=qs[1:], note="borderline: at the mean" if len(qs) > 1 else "")


# --------------------------------------------------------------------------
# Comparing
# --------------------------------------------------------------------------


def close(a, b):
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def fmt_n(n):
    return "" if n is None else str(n)


class Covered:
    def __init__(self, tmpl, args, has_previous=False, rules=None):
        self.t = tmpl
        self.rules = rules if rules is not None else Rules()
        self.metrics = NOT_COVERED_METRICS | set(args.not_covered_metric or [])
        if not has_previous:
            self.metrics |= PREVIOUS_METRICS
        self.subjects = NOT_COVERED_SUBJECTS | set(args.not_covered_subject or [])
        self.groups = NOT_COVERED_GROUPS | set(args.not_covered_group or [])
        self.known = set(tmpl.item_by_id) | {d.id for d in tmpl.dims} | {"CSI", "NPS", "forms"}

    def why_not(self, key):
        """The reason a stats.csv row is knowingly not covered, or None."""
        g, gv, subj, met = key
        if met in self.metrics:
            return "metric %s" % met
        if subj in self.subjects:
            return "subject %s" % subj
        if met in ARCHIVE_METRICS:
            return "metric %s (customer archive: tests/ref/ref_archive.py)" % met
        if g in self.groups:
            return "group %s" % g
        rules = self.rules
        if g != "all" and g not in self.t.segments:
            if g == "category":
                if rules.com_skip:
                    return "group category (comments rules not applied: %s)" % rules.com_skip
            elif g not in rules.derived_ids() and rules.seg_skip:
                return "group %s (segments rules not applied: %s)" % (g, rules.seg_skip)
            # else: computed, or a group that should not be there (EXTRA)
        base = subj.split("=", 1)[0]
        if rules.com_skip and met in CATEGORY_METRICS and subj not in self.known and base not in self.known \
                and base not in self.t.choice_by_id:
            return "subject %s (comments rules not applied: %s)" % (subj, rules.com_skip)
        return None


def compare(exp, got, covered, strict):
    diffs = []
    compared = 0
    optional_absent = 0
    for key in sorted(exp):
        e = exp[key]
        if key not in got:
            if e.optional:
                optional_absent += 1
                continue
            compared += 1
            diffs.append(("MISSING", key, e, None))
            continue
        compared += 1
        v, n, _ = got[key]
        ok_v = close(e.value, v) or any(close(a, v) for a in e.alts)
        if not ok_v or e.n != n:
            diffs.append(("VALUE" if not ok_v else "N", key, e, (v, n)))
    skipped = {}
    for key in sorted(got):
        if key in exp:
            continue
        why = covered.why_not(key)
        if why and not strict:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        compared += 1
        diffs.append(("EXTRA", key, None, got[key][:2]))
    return compared, optional_absent, diffs, skipped


def print_diffs(diffs, out):
    rows = [("kind", "group", "group_value", "subject", "metric", "expected", "n_exp", "got", "n_got", "note")]
    for kind, key, e, g in diffs[:MAX_LISTED]:
        ev = fmt(e.value) if e else "-"
        if e and e.alts:
            ev += " (or %s)" % "/".join(fmt(a) for a in e.alts)
        en = fmt_n(e.n) if e else "-"
        gvv = fmt(g[0]) if g else "-"
        gn = fmt_n(g[1]) if g else "-"
        note = ""
        if kind == "VALUE" and e and g:
            note = "diff %.3g" % (g[0] - e.value)
        elif kind == "EXTRA":
            note = "in stats.csv, not computed (undefined or unknown figure)"
        elif kind == "MISSING":
            note = "computed, not in stats.csv"
        if e and e.note:
            note = (note + "; " if note else "") + e.note
        rows.append((kind,) + key + (ev, en, gvv, gn, note))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        out.write("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)) + "  " + r[-1] + "\n")
    if len(diffs) > MAX_LISTED:
        out.write("  ... and %d more\n" % (len(diffs) - MAX_LISTED))


def write_expected(exp, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(STATS_HEADER)
        for key in sorted(exp):
            e = exp[key]
            cells = ["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in key]
            w.writerow(cells + [repr(e.value), fmt_n(e.n)])


# --------------------------------------------------------------------------
# The classification rules (docs/rules.md, via ref_rules.py)
# --------------------------------------------------------------------------


class Rules:
    """The rules a run applies: seg (ref_rules.SegmentRules) and com
    (ref_rules.CommentRules), each None when off ("none") or when the file
    cannot be applied; seg_skip / com_skip then say why not."""

    def __init__(self):
        self.seg = self.com = None
        self.seg_path = self.com_path = None
        self.seg_skip = self.com_skip = None
        self.notes = []

    def derived_segments(self):
        return self.seg.segments() if self.seg else []

    def derived_ids(self):
        return {f.id for f in self.seg.fields} if self.seg else set()

    def category_names(self):
        return self.com.names() if self.com else []

    def describe(self):
        parts = []
        for what, path, obj, skip, n in (
            ("segments", self.seg_path, self.seg, self.seg_skip,
             lambda o: "%d derived fields, %d segments" % (len(o.fields), len(o.segments()))),
            ("comments", self.com_path, self.com, self.com_skip,
             lambda o: "%d categories + %s, scope %s" % (len(o.categories), o.unclassified, o.scope)),
        ):
            if path is None:
                parts.append("%s none" % what)
            elif skip:
                parts.append("%s %s NOT APPLIED" % (what, path))
            else:
                parts.append("%s %s (%s)" % (what, path, n(obj)))
        return "; ".join(parts)


def rules_paths(args):
    """The rules files of the run: --segments-rules / --comments-rules
    (or [classify] of --pipeline), else the shipped ones; "none": off."""
    out = []
    for kind in ("segments", "comments"):
        p = getattr(args, kind + "_rules", None)
        if p is None:
            p = ref_rules.shipped(kind)
        elif p.strip().lower() == "none":
            p = None
        out.append(p)
    return out


def load_rules(args, tmpl):
    rules = Rules()
    seg_path, com_path = rules_paths(args)
    note = rules.notes.append
    for kind, path, loader in (("segments", seg_path, ref_rules.load_segments),
                               ("comments", com_path, ref_rules.load_comments)):
        if path is None:
            continue
        setattr(rules, kind[:3] + "_path", path)
        try:
            obj = loader(path, tmpl, note)
        except ref_rules.RulesError as e:
            raise RefError("rules file '%s' is one satreport refuses: %s" % (path, e))
        except ref_rules.Unsupported as e:
            msg = "%s rules '%s' SKIPPED, its rows are not covered: %s" % (kind, path, e)
            print("refstats: WARNING: " + msg, file=sys.stderr)
            note("WARNING: " + msg)
            setattr(rules, kind[:3] + "_skip", "a pattern Python's re cannot run as PCRE2 does, see the warning")
            continue
        setattr(rules, kind[:3], obj)
    return rules


def classify(forms, tmpl, rules, problems):
    """Derived values, categories and the complaint flag of every form."""
    for f in forms:
        if rules.seg:
            f.derived = rules.seg.derive(f.fields, f.scores)
        if rules.com:
            f.categories, f.complaint = rules.com.classify([f.raw.values.get(c) for c in tmpl.comments])
            if bool(f.categories) != f.commented:
                problems.append("%s:%d (form %s): %s a non-empty comment but %s category" % (
                    f.raw.path, f.raw.line, f.form_id or "-", "has" if f.commented else "has no",
                    "no" if not f.categories else "a"))


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------


def load_pipeline(args):
    """Fill unset arguments from a pipeline file (FORMATS §3)."""
    cp = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None, strict=False)
    try:
        with open(args.pipeline, encoding="utf-8-sig") as fh:
            cp.read_file(fh)
    except (OSError, configparser.Error) as e:
        raise RefError("cannot read pipeline '%s': %s" % (args.pipeline, e))
    base = os.path.dirname(os.path.abspath(args.pipeline))

    def get(sec, key):
        return cp.get(sec, key, fallback=None)

    if args.template is None and get("input", "form"):
        args.template = os.path.join(base, get("input", "form").strip())
    if not args.inputs and get("input", "files"):
        for pat in get("input", "files").split():
            hits = sorted(glob.glob(os.path.join(base, pat)))
            if not hits:
                raise RefError("pipeline '%s': no file matches '%s'" % (args.pipeline, pat))
            args.inputs.extend(hits)
    if args.period is None and get("pipeline", "period"):
        args.period = get("pipeline", "period").strip()
    if args.min_report is None and get("analysis", "min_report"):
        args.min_report = int(get("analysis", "min_report"))
    if getattr(args, "min_base", None) is None and get("analysis", "min_base"):
        args.min_base = int(get("analysis", "min_base"))
    if getattr(args, "previous", None) is None and get("analysis", "previous"):
        args.previous = os.path.join(base, get("analysis", "previous").strip())
    if args.encoding is None and get("input", "encoding"):
        args.encoding = get("input", "encoding").strip()
    if args.customers is None and get("input", "customers"):
        args.customers = os.path.join(base, get("input", "customers").strip())
    for kind in ("segments", "comments"):
        v = get("classify", kind)
        if getattr(args, kind + "_rules", None) is None and v is not None and v.strip() != "":
            v = v.strip()
            setattr(args, kind + "_rules", v if v.lower() == "none" else os.path.join(base, v))


def apply_archive(path, tmpl, forms, warn):
    """The customer archive is authoritative for the segment fields it has
    (FORMATS §2.4): a non-empty archive value replaces the form's value.
    The archive is read as satreport reads it (columns by <archive>, id or
    label; rows refused for their cells, id or patterns; the first of a
    duplicated id kept): ref_archive.py's reader, which also checks the
    archive's own figures."""
    import ref_archive  # same directory

    try:
        arch = ref_archive.Archive(path, tmpl, ref_archive.Extra(tmpl.path), "auto")
    except RefError as e:
        warn("%s; archive ignored" % e)
        return
    if tmpl.customer_id_field is None:
        return
    for f in forms:
        row = arch.rows.get(f.fields.get(tmpl.customer_id_field, ""))
        if row is None:
            continue
        for c, fld, _ in arch.cols:
            if fld and row[c] != "":
                f.fields[fld] = row[c]


def run(args, out=sys.stdout):
    if args.pipeline:
        load_pipeline(args)
    if args.run:
        args.rejects = args.rejects or os.path.join(args.run, "rejects.csv")
        args.stats = args.stats or os.path.join(args.run, "stats.csv")
    if not args.template or not args.rejects or not args.stats or not args.inputs:
        raise RefError("need --template, --rejects, --stats and input files (or --pipeline and --run)")
    min_report = args.min_report if args.min_report is not None else 5
    period = parse_period(args.period)
    warnings_ = []
    warn = warnings_.append
    tmpl = Template(args.template)
    problems = []  # input checks that fail the run

    raws = []
    for p in args.inputs:
        raws.extend(read_input(p, tmpl, args.encoding, warn))
    by_file = {}
    for p in args.inputs:
        by_file.setdefault(os.path.basename(p), set()).add(os.path.abspath(p))
    for b, ps in by_file.items():
        if len(ps) > 1:
            warn("inputs share the basename '%s': rejects.csv rows cannot tell them apart" % b)

    rejects = read_rejects(args.rejects, problems)
    starts = {(r.file, r.line) for r in raws}
    refused = set()
    for f, line, fid, field, reason in rejects:
        key = (os.path.basename(f), line)
        if key not in starts:
            problems.append("rejects.csv row (%s, line %d, %s, %s) is not the start of any form in the inputs" % (f, line, fid or "-", reason))
            continue
        refused.add(key)

    accepted = []
    out_of_period = 0
    seen_ids = {}
    for raw in raws:
        if (raw.file, raw.line) in refused:
            continue
        f = interpret(raw, tmpl)
        for field, why in f.problems:
            problems.append("%s:%d (form %s) was not refused but %s: %s" % (raw.path, raw.line, f.form_id or "-", field, why))
        if f.form_id:
            if f.form_id in seen_ids:
                problems.append("%s:%d: form_id '%s' also kept at %s:%d (a duplicate must be refused)" % ((raw.path, raw.line, f.form_id) + seen_ids[f.form_id]))
            else:
                seen_ids[f.form_id] = (raw.path, raw.line)
        if not in_period(f.date, period):
            out_of_period += 1
            continue
        accepted.append(f)
    if args.customers:
        apply_archive(args.customers, tmpl, accepted, warn)
    # the rules see the archive's values (docs/archive.md §2)
    rules = load_rules(args, tmpl)
    classify(accepted, tmpl, rules, problems)

    counts = {"read": len(raws), "accepted": len(accepted), "refused": len(refused), "out_of_period": out_of_period}
    min_base = getattr(args, "min_base", None)
    min_base = min_base if min_base is not None else 30
    previous = None
    if getattr(args, "previous", None):
        prev_problems = []
        previous = read_stats(args.previous, prev_problems)
        if prev_problems:
            raise RefError("previous stats '%s': %s" % (args.previous, prev_problems[0]))
    ref = Reference(tmpl, accepted, min_report, min_base, previous, rules)
    ref.compute(counts)
    if args.write_expected:
        write_expected(ref.exp, args.write_expected)

    got = read_stats(args.stats, problems)
    rec = [got.get(("all", "", "forms", k)) for k in ("read", "accepted", "refused", "out_of_period")]
    if all(rec) and rec[0][0] != rec[1][0] + rec[2][0] + rec[3][0]:
        problems.append("stats.csv: read %s != accepted %s + refused %s + out_of_period %s" % tuple(fmt(x[0]) for x in rec))
    covered = Covered(tmpl, args, previous is not None, rules)
    compared, optional_absent, diffs, skipped = compare(ref.exp, got, covered, args.strict)

    for w in warnings_:
        out.write("refstats: warning: %s\n" % w)
    out.write(
        "refstats: %d forms read, %d accepted, %d refused, %d out of period; %d groups; min_report %d\n"
        % (counts["read"], counts["accepted"], counts["refused"], counts["out_of_period"],
           len({(k[0], k[1]) for k in ref.exp}), min_report)
    )
    out.write("refstats: rules: %s\n" % rules.describe())
    for nt in rules.notes:
        out.write("refstats: rules: %s\n" % nt)
    if skipped:
        out.write("refstats: not covered (rows of stats.csv skipped on purpose):\n")
        for why, c in sorted(skipped.items()):
            out.write("  %6d  %s\n" % (c, why))
    if optional_absent:
        out.write("refstats: %d optional figures (edge cases FORMATS leaves open) absent, accepted\n" % optional_absent)
    if problems:
        out.write("refstats: %d input/format problems:\n" % len(problems))
        for p in problems[:MAX_LISTED]:
            out.write("  %s\n" % p)
        if len(problems) > MAX_LISTED:
            out.write("  ... and %d more\n" % (len(problems) - MAX_LISTED))
    if diffs:
        order = {"VALUE": 0, "N": 1, "MISSING": 2, "EXTRA": 3}
        diffs.sort(key=lambda d: (order[d[0]], d[1]))
        kinds = {}
        by_metric = {}
        for d in diffs:
            kinds[d[0]] = kinds.get(d[0], 0) + 1
            km = (d[0], d[1][3])
            by_metric[km] = by_metric.get(km, 0) + 1
        out.write("refstats: differences by kind and metric:\n")
        for (k, met), c in sorted(by_metric.items(), key=lambda x: (order[x[0][0]], -x[1], x[0][1])):
            out.write("  %6d  %-7s %s\n" % (c, k, met))
        out.write("refstats: differences (%s); first %d:\n" % (", ".join("%d %s" % (c, k) for k, c in sorted(kinds.items())), min(len(diffs), MAX_LISTED)))
        print_diffs(diffs, out)
    out.write("refstats: %d figures compared, %d mismatches%s\n" % (compared, len(diffs), (", %d input problems" % len(problems)) if problems else ""))
    return 1 if diffs or problems else 0


# --------------------------------------------------------------------------
# Self-test: 6 forms, figures worked out by hand
# --------------------------------------------------------------------------

SELF_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<survey id="t" version="1" title="自测" lang="zh-CN">
  <scale id="s5" min="1" max="5">
    <point value="1" label="非常不满意"/><point value="2" label="不满意"/>
    <point value="3" label="一般"/><point value="4" label="满意"/>
    <point value="5" label="非常满意"/><missing label="不适用"/>
  </scale>
  <scale id="n11" min="0" max="10"/>
  <fields>
    <field id="form_id" role="form-id" required="true"/>
    <field id="region" role="segment"/>
    <field id="survey_date" role="date" required="true"/>
  </fields>
  <dimension id="svc" name="服务" weight="0.6" target="70">
    <item id="Q1" scale="s5"/><item id="Q2" scale="s5"/>
  </dimension>
  <dimension id="prc" name="价格" weight="0.4">
    <item id="Q3" scale="s5"/>
  </dimension>
  <item id="overall" scale="s5" role="overall"/>
  <item id="recommend" scale="n11" role="recommend"/>
  <choice id="plan"><option value="1" label="个人"/><option value="2" label="家庭"/></choice>
  <choice id="imp" multiple="true"><option value="1" label="网络"/><option value="2" label="资费"/><option value="3" label="服务"/></choice>
  <comment id="C1"/>
</survey>
"""

# Line 1 header; F1..F6 accepted (F4's comment spans lines 5-6); F7 (line 9)
# refused (in rejects.csv, a bad score); F8 out of period.
SELF_CSV = (
    "form_id,region,survey_date,Q1,Q2,Q3,overall,recommend,plan,imp,C1,extra\r\n"
    "F1,东,2026-01-05,5,满意,3,5,10,1,1;2,,x\r\n"
    "F2,东,2026-02-01,４,4,2,4,9,个人,网络┋服务,,x\r\n"
    "F3,东,2026-03-01,3,不适用,2,3,6,2,,,x\r\n"
    'F4,西,2026-03-02,2,2,1,2,3,2,3,"two\r\nlines",x\r\n'
    "F5,西,2026-04-01,1,1,,1,0,,\"2,3\",,x\r\n"
    "F6,,2026-05-01,　满意 ,5,5,5,8,1,1；3,,x\r\n"
    "F7,西,2026-05-02,3.5,4,4,4,7,1,1,,x\r\n"
    "F8,东,2025-12-31,5,5,5,5,10,1,1,,x\r\n"
)

SELF_REJECTS = "\ufefffile,line,form_id,field,reason\nforms.csv,9,F7,Q1,not a whole number of scale 's5'\n"

# Figures worked out by hand for the 6 accepted forms (min_report 2).
#   Q1: 5,4,3,2,1,4   Q2: 4,4,-,2,1,5   Q3: 3,2,2,1,-,5
#   overall: 5,4,3,2,1,5   recommend: 10,9,6,3,0,8
#   svc per form: 4.5,4,3,2,1,4.5   prc = Q3
SELF_HAND = [
    ("all", "", "forms", "read", 8, ""),
    ("all", "", "forms", "accepted", 6, ""),
    ("all", "", "forms", "refused", 1, ""),
    ("all", "", "forms", "out_of_period", 1, ""),
    ("all", "", "Q1", "mean", 19 / 6, 6),
    ("all", "", "Q1", "median", 3.5, 6),
    # sum of squares 71 - 19^2/6 = 65/6 -> variance 65/30
    ("all", "", "Q1", "sd", math.sqrt(65 / 30), 6),
    ("all", "", "Q1", "top2", 3 / 6, 6),
    ("all", "", "Q1", "bottom2", 2 / 6, 6),
    ("all", "", "Q1", "index", (19 / 6 - 1) / 4 * 100, 6),
    ("all", "", "Q1=4", "count", 2, 6),
    ("all", "", "Q1=4", "share", 2 / 6, 6),
    ("all", "", "Q2", "mean", 16 / 5, 5),
    ("all", "", "Q2", "median", 4, 5),
    ("all", "", "svc", "mean", 19 / 6, 6),
    ("all", "", "svc", "median", 3.5, 6),
    # pooled svc answers: Q1 (6) + Q2 (5) = 11; 4-5: 3 + 3 = 6; 1-2: 2 + 2 = 4
    ("all", "", "svc", "top2", 6 / 11, 11),
    ("all", "", "svc", "bottom2", 4 / 11, 11),
    ("all", "", "svc", "target", 70, ""),
    ("all", "", "svc", "gap", (19 / 6 - 1) / 4 * 100 - 70, ""),
    # complete svc forms: (5,4),(4,4),(2,2),(1,1),(4,5); var Q1 = var Q2 = 2.7,
    # totals 9,8,4,2,9 -> var 10.3; alpha = 2 * (1 - 5.4/10.3)
    ("all", "", "svc", "alpha", 2 * (1 - 5.4 / 10.3), 5),
    ("all", "", "prc", "mean", 13 / 5, 5),
    # CSI: svc index 54.1666.., prc index 40
    ("all", "", "CSI", "index", (0.6 * (19 / 6 - 1) / 4 * 100 + 0.4 * 40) / 1.0, 6),
    # recommend 10,9,6,3,0,8: promoters 2, detractors 3
    ("all", "", "NPS", "index", 100 * (2 - 3) / 6, 6),
    ("all", "", "overall", "r_overall", 1, 6),
    # single choice: F1 1, F2 个人=1, F3 2, F4 2, F6 1 -> 5 respondents
    ("all", "", "plan=1", "count", 3, 5),
    ("all", "", "plan=2", "share", 2 / 5, 5),
    # multiple: F1 {1,2}, F2 {1,3}, F4 {3}, F5 {2,3}, F6 {1,3} -> 5 respondents
    ("all", "", "imp=3", "count", 4, 5),
    ("all", "", "imp=3", "share", 4 / 5, 5),
    ("all", "", "imp=2", "share", 2 / 5, 5),
    ("region", "东", "forms", "count", 3, ""),
    ("region", "东", "Q1", "mean", 4, 3),
    ("region", "西", "Q1", "mean", 1.5, 2),
    # the shipped rules: F4's comment "two<CR LF>lines" is two clauses that
    # no category takes -> 未分类; no complaint; overall 5 on F1 and F6 ->
    # sat_level 非常满意 (2 forms, min_report 2); the other levels have one
    # form each; no customer_class (no industry, no customer_name)
    ("all", "", "comments", "count", 1, 6),
    ("all", "", "complaints", "count", 0, 6),
    ("all", "", "complaints", "share", 0, 6),
    ("all", "", "未分类", "count", 1, 1),
    ("all", "", "未分类", "share", 1, 1),
    ("all", "", "价格", "count", 0, 1),
    ("sat_level", "非常满意", "forms", "count", 2, ""),
    ("sat_level", "非常满意", "overall", "mean", 5, 2),
    ("sat_level", "非常满意", "comments", "count", 0, 2),
]


def self_test():
    tmp = tempfile.mkdtemp(prefix="refstats-selftest-")
    failures = 0

    def check(cond, what):
        nonlocal failures
        print("  %s  %s" % ("ok  " if cond else "FAIL", what))
        if not cond:
            failures += 1

    try:
        tp = os.path.join(tmp, "t.xml")
        cp = os.path.join(tmp, "forms.csv")
        rp = os.path.join(tmp, "rejects.csv")
        sp = os.path.join(tmp, "stats.csv")
        xp = os.path.join(tmp, "expected.csv")
        with open(tp, "w", encoding="utf-8") as fh:
            fh.write(SELF_TEMPLATE)
        with open(cp, "w", encoding="utf-8", newline="") as fh:
            fh.write(SELF_CSV)
        with open(rp, "w", encoding="utf-8", newline="") as fh:
            fh.write(SELF_REJECTS)
        # 1. the hand-made figures must be among the computed ones, equal
        with open(sp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, lineterminator="\r\n")
            w.writerow(STATS_HEADER)
            for g, gv, s, m, v, n in SELF_HAND:
                w.writerow([g, gv, s, m, repr(float(v)), n])

        def ns(**kw):
            a = argparse.Namespace(template=tp, rejects=rp, stats=sp, inputs=[cp], period="2026-01-01..2026-12-31",
                                   min_report=2, encoding=None, pipeline=None, run=None, customers=None,
                                   write_expected=xp, strict=False, not_covered_metric=None,
                                   not_covered_subject=None, not_covered_group=None,
                                   segments_rules=None, comments_rules=None)
            for k, v in kw.items():
                setattr(a, k, v)
            return a

        buf = _Capture()
        rc = run(ns(), buf)
        exp = {}
        with open(xp, encoding="utf-8-sig") as fh:
            for r in list(csv.reader(fh))[1:]:
                exp[tuple(r[:4])] = (float(r[4]), r[5])
        bad = []
        for g, gv, s, m, v, n in SELF_HAND:
            e = exp.get((g, gv, s, m))
            if e is None or not close(e[0], float(v)) or e[1] != str(n):
                bad.append(((g, gv, s, m), v, n, e))
        check(not bad, "%d hand-computed figures equal the reference's %s" % (len(SELF_HAND), bad[:3] if bad else ""))
        check(rc == 1 and "MISSING" in buf.text and "EXTRA" not in buf.text and "VALUE" not in buf.text,
              "a partial stats.csv gives MISSING rows only")
        # a few independent identities
        check(("all", "", "Q2", "p_value") not in exp, "no p_value in group all")
        check(("region", "西", "Q1", "p_value") in exp, "p_value in a segment group")
        check(("region", "西", "Q3", "sd") not in exp, "no sd with n < 2 (Q3 in 西 has one answer)")
        check(("all", "", "svc", "quadrant") in exp and ("all", "", "prc", "quadrant") in exp, "quadrants for both dimensions")
        check(("region", "东", "svc", "quadrant") not in exp, "no quadrant in segment groups")
        p = float(sps.ttest_ind([2, 1], [5, 4, 3, 4], equal_var=False).pvalue)
        check(close(exp[("region", "西", "Q1", "p_value")][0], p), "Welch p of 西 against the rest (F6 with no region included)")
        # 2. the full reference written as stats.csv compares clean
        shutil.copy(xp, sp)
        buf = _Capture()
        rc = run(ns(write_expected=None), buf)
        check(rc == 0 and " 0 mismatches" in buf.text, "the reference itself compares clean: " + buf.last())
        # 3. a changed value, a changed n, an extra figure, a not-covered row
        rows = list(csv.reader(open(xp, encoding="utf-8-sig")))
        for r in rows:
            if r[:4] == ["all", "", "Q1", "mean"]:
                r[4] = repr(float(r[4]) + 1e-6)
            if r[:4] == ["all", "", "Q2", "sd"]:
                r[5] = "6"
        rows.append(["all", "", "Q3", "alpha", "0.5", "5"])
        rows.append(["category", "价格", "C1", "count", "2", "6"])
        rows.append(["all", "", "svc", "prev_index", "50", "100"])
        with open(sp, "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
        buf = _Capture()
        rc = run(ns(write_expected=None), buf)
        check(rc == 1 and "2 EXTRA, 1 N, 1 VALUE" in buf.text, "value, n and extra differences found: " + buf.last())
        check("metric prev_index" in buf.text and "EXTRA   count" in buf.text, "not-covered rows listed apart, "
              "a category with too few forms is EXTRA")
        # 3b. a comments rules file with a pattern Python's re cannot run as
        # PCRE2 does: skipped loudly, its rows not covered
        rp2 = os.path.join(tmp, "odd.rules")
        with open(rp2, "w", encoding="utf-8") as fh:
            fh.write("[category 价格]\nmatch = \\bprice\\b\n")
        buf = _Capture()
        rc = run(ns(write_expected=None, comments_rules=rp2), buf)
        check(rc == 1 and "comments rules '%s' SKIPPED" % rp2 in buf.text
              and "group category (comments rules not applied" in buf.text
              and "subject 未分类 (comments rules not applied" in buf.text, "unsupported pattern: rules file skipped loudly")
        # 3c. the comments rules turned off: no category rows are expected
        buf = _Capture()
        run(ns(write_expected=None, comments_rules="none"), buf)
        check("MISSING" not in buf.text and "EXTRA" in buf.text and "complaints" in buf.text, "comments = none: the category rows are extra: " + buf.last())
        failures += ref_rules.self_test(sys.stdout)
        # 4. rejects.csv without BOM and a reject row that is no form start
        with open(rp, "w", encoding="utf-8", newline="") as fh:
            fh.write("file,line,form_id,field,reason\nforms.csv,9,F7,Q1,bad\nforms.csv,6,F4,C1,bad\n")
        shutil.copy(xp, sp)
        buf = _Capture()
        rc = run(ns(write_expected=None), buf)
        check(rc == 1 and "BOM" in buf.text and "not the start of any form" in buf.text, "rejects.csv checks")
        # 5. the same forms as native XML give the same figures
        xml_forms = ['<?xml version="1.0" encoding="UTF-8"?>', '<forms survey="t">']
        rows = list(csv.reader(physical_lines(SELF_CSV)))
        head = rows[0]
        for r in rows[1:]:
            xml_forms.append("  <form>")
            for h, v in zip(head, r):
                tag = "field" if h in ("form_id", "region", "survey_date") else ("comment" if h == "C1" else "answer")
                attr = "id" if tag == "field" else "item"
                v = v.replace("&", "&amp;").replace("<", "&lt;")
                xml_forms.append('    <%s %s="%s">%s</%s>' % (tag, attr, h, v, tag))
            xml_forms.append("  </form>")
        xml_forms.append("</forms>")
        xf = os.path.join(tmp, "forms.xml")
        xml_forms_text = "\n".join(xml_forms) + "\n"
        with open(xf, "w", encoding="utf-8") as fh:
            fh.write(xml_forms_text)
        form_line = 0
        for ln, text in enumerate(xml_forms_text.split("\n"), start=1):
            if "<form>" in text:
                form_line = ln  # the last <form> before F7's form_id
            if ">F7<" in text:
                break
        with open(rp, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write("file,line,form_id,field,reason\nforms.xml,%d,F7,Q1,bad\n" % form_line)
        buf = _Capture()
        rc = run(ns(inputs=[xf], write_expected=None), buf)
        check(rc == 0, "native XML of the same forms compares clean against the CSV figures: " + buf.last())
        # 6. a GB18030 copy of the CSV gives the same figures
        gp = os.path.join(tmp, "gbk.csv")
        with open(gp, "wb") as fh:
            fh.write(SELF_CSV.encode("gb18030"))
        with open(rp, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write("file,line,form_id,field,reason\ngbk.csv,9,F7,Q1,bad\n")
        buf = _Capture()
        rc = run(ns(inputs=[gp], write_expected=None), buf)
        check(rc == 0, "GB18030 CSV compares clean: " + buf.last())
        # 7. a previous period: prev_index, delta, p_delta
        pp = os.path.join(tmp, "prev.csv")
        with open(pp, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write("group,group_value,subject,metric,value,n\n"
                     "all,,Q1,index,40,10\nall,,Q1,mean,2.6,10\nall,,Q1,sd,1,10\n"
                     "all,,CSI,index,50,\nregion,东,Q1,index,60,3\n")
        with open(rp, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write(SELF_REJECTS)
        buf = _Capture()
        run(ns(previous=pp), buf)
        exp = {}
        with open(xp, encoding="utf-8-sig") as fh:
            for r in list(csv.reader(fh))[1:]:
                exp[tuple(r[:4])] = (float(r[4]), r[5])
        q1 = np.array([5, 4, 3, 2, 1, 4.0])
        want = float(sps.ttest_ind_from_stats(q1.mean(), q1.std(ddof=1), 6, 2.6, 1.0, 10, equal_var=False).pvalue)
        check(exp.get(("all", "", "Q1", "prev_index")) == (40.0, "10")
              and close(exp[("all", "", "Q1", "delta")][0], (19 / 6 - 1) / 4 * 100 - 40)
              and close(exp[("all", "", "Q1", "p_delta")][0], want)
              and exp.get(("all", "", "CSI", "prev_index")) == (50.0, "")
              and ("all", "", "CSI", "p_delta") not in exp
              and ("region", "东", "Q1", "prev_index") in exp
              and ("region", "东", "Q1", "p_delta") not in exp, "previous period figures")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("refstats self-test: %s" % ("passed" if failures == 0 else "%d FAILED" % failures))
    return 1 if failures else 0


class _Capture:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def last(self):
        lines = self.text.strip().splitlines()
        return lines[-1] if lines else ""


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Independent reference calculation of satreport's stats.csv (FORMATS.md §4).",
        epilog="Exit 0: all figures agree; 1: differences; 2: usage or unreadable input.",
    )
    ap.add_argument("inputs", nargs="*", metavar="INPUT_FILE", help="native CSV/XML input files, as given to satreport")
    ap.add_argument("--template", help="the form template (FORMATS §1)")
    ap.add_argument("--rejects", help="the run's rejects.csv")
    ap.add_argument("--stats", help="the run's stats.csv")
    ap.add_argument("--run", help="a run folder: --rejects RUN/rejects.csv --stats RUN/stats.csv")
    ap.add_argument("--pipeline", help="take template, files, period, min_report, encoding, customers from it")
    ap.add_argument("--period", help="FROM..TO (YYYY-MM-DD), inclusive")
    ap.add_argument("--min-report", type=int, help="segment values with fewer forms are not broken down (5)")
    ap.add_argument("--min-base", type=int, help="groups with fewer forms are small, never significant (30)")
    ap.add_argument("--previous", help="the previous period's stats.csv: check prev_index, delta, p_delta")
    ap.add_argument("--encoding", help="CSV encoding: auto (default), utf-8, gbk")
    ap.add_argument("--customers", help="customer archive CSV: its segment values replace the forms'")
    ap.add_argument("--segments-rules", metavar="FILE", help="segments rules ([classify] segments; default: the shipped "
                    "templates/rules/segments.rules; 'none': off)")
    ap.add_argument("--comments-rules", metavar="FILE", help="comments rules ([classify] comments; default: the shipped "
                    "templates/rules/comments.rules; 'none': off)")
    ap.add_argument("--write-expected", metavar="CSV", help="also write the reference figures, stats.csv-shaped")
    ap.add_argument("--strict", action="store_true", help="count not-covered rows as failures too")
    ap.add_argument("--not-covered-metric", action="append", help="another metric to skip (repeatable)")
    ap.add_argument("--not-covered-subject", action="append", help="another subject to skip (repeatable)")
    ap.add_argument("--not-covered-group", action="append", help="another group to skip (repeatable)")
    ap.add_argument("--self-test", action="store_true", help="check the script against hand-computed figures")
    ap.add_argument("--version", action="store_true", help="print python, numpy and scipy versions")
    args = ap.parse_args(argv)
    if args.version:
        print("refstats: python %s, numpy %s, scipy %s" % (sys.version.split()[0], np.__version__, scipy.__version__))
        return 0
    if args.self_test:
        return self_test()
    try:
        return run(args)
    except RefError as e:
        print("refstats: error: %s" % e, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
