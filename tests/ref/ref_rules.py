# SPDX-License-Identifier: MIT
"""ref_rules.py - an independent reading of satreport's classification rules

Written from docs/rules.md (the rules file format, normalisation, clauses,
levels) and docs/statistics.md (which groups and subjects the rules make),
for tests/ref/refstats.py.  It neither imports nor mirrors satreport's C
code: patterns run on Python's `re`, one pattern at a time (no literal
pre-filter), on text normalised as docs/rules.md "Patterns" says.

    seg = load_segments(path, tmpl, warn)    # [field] and [level] sections
    com = load_comments(path, tmpl, warn)    # [category] sections
    seg.derive(fields, scores)  -> {derived id: value}
    com.classify([comment, ...]) -> (set of category names, complaint?)

`tmpl` is refstats.Template (duck-typed: fields, items, dims, scales,
item_by_id, choice_by_id, comments, overall, recommend).

A file satreport would refuse raises RulesError.  A pattern that Python's
`re` cannot run with PCRE2's meaning raises Unsupported: the caller skips
that rules file (and says so) instead of guessing the engine's verdict.
"""

import functools
import os
import re
import unicodedata
import warnings
from fractions import Fraction

BOM = "\ufeff"
YES = {"yes", "true", "1", "是"}
NO = {"no", "false", "0", "否"}
DERIVED_ID = re.compile(r"^[A-Za-z0-9_-]+$")
NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
# a condition term: FIELD ~ (the field id: no blank, no ~)
FIELD_TILDE = r"[^\s~]+\s*~"
NEXT_TERM = re.compile(r"\s+(and|unless)\s+(?=" + FIELD_TILDE + ")")
FIRST_UNLESS = re.compile(r"^unless\s+(?=" + FIELD_TILDE + ")")
TERM_HEAD = re.compile(r"^([^\s~]+)\s*~")
# clauses: cut at , ; ! ? 。 and line breaks (after NFKC ，；！？ are ASCII)
CLAUSE_CUT = re.compile(r"[,;!?。\r\n]")
BLANK_RUN = re.compile(r"[ \t]+")
MAX_CATEGORIES = 63


class RulesError(Exception):
    """The file is one satreport refuses (docs/rules.md, Errors)."""


class Unsupported(Exception):
    """A pattern Python's re cannot run with PCRE2's meaning."""


# --------------------------------------------------------------------------
# Normalisation (docs/rules.md, Patterns: Normalisation, Blanks)
# --------------------------------------------------------------------------


def squeeze_blanks(s):
    """Spaces and tabs: taken out next to a non-ASCII character; a run
    between ASCII characters becomes one space."""

    def rep(m):
        a = s[m.start() - 1] if m.start() > 0 else ""
        b = s[m.end()] if m.end() < len(s) else ""
        if (a and ord(a) > 127) or (b and ord(b) > 127):
            return ""
        return " "

    return BLANK_RUN.sub(rep, s)


@functools.lru_cache(maxsize=1 << 16)
def normalise(s):
    """NFKC, lower case (letters match in either case), blanks squeezed,
    trimmed: the text patterns are matched on."""
    if s is None:
        return ""
    return squeeze_blanks(unicodedata.normalize("NFKC", s).lower()).strip()


def yes_no(v, where):
    t = v.strip().lower()
    if t in YES:
        return True
    if t in NO:
        return False
    raise RulesError("%s: '%s' is not yes or no" % (where, v))


# --------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------

# constructs that Python's re compiles but reads otherwise than PCRE2 does,
# or whose PCRE2 meaning docs/rules.md leaves open
_DIVERGENT = [
    (re.compile(r"(?<!\\)(?:\\\\)*\\[bBwW]"),
     r"\b \B \w \W: whether a Chinese character is a word character depends on PCRE2_UCP, which docs/rules.md does not state"),
    (re.compile(r"(?<!\\)(?:\\\\)*\\Z"), r"\Z: PCRE2 also matches before a final newline, Python's re does not"),
    (re.compile(r"(?<!\\)(?:\\\\)*\\v"), r"\v: a class of vertical blanks in PCRE2, one character in Python"),
    (re.compile(r"\[:[a-z]+:\]"), "a POSIX class [:name:]: Python's re has none"),
    (re.compile(r"(?<!\\)\{,[0-9]+\}"), "{,n}: a literal in PCRE2 before 10.43, a quantifier in Python"),
]


def check_pattern_text(pat, where):
    """What satreport refuses in a pattern's text (docs/rules.md)."""
    if unicodedata.normalize("NFKC", pat) != pat:
        raise RulesError("%s: pattern '%s' has characters that normalised text never holds (full-width or "
                         "compatibility forms): write '%s'" % (where, pat, unicodedata.normalize("NFKC", pat)))
    if squeeze_blanks(pat) != pat:
        raise RulesError("%s: pattern '%s' has blanks that text for matching never holds: write '%s'"
                         % (where, pat, squeeze_blanks(pat)))


def compile_pattern(pat, where):
    if pat == "":
        raise RulesError("%s: empty pattern" % where)
    check_pattern_text(pat, where)
    for rx, why in _DIVERGENT:
        if rx.search(pat):
            raise Unsupported("%s: pattern '%s' uses %s" % (where, pat, why))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # FutureWarning: nested sets etc.
            return re.compile(pat, re.IGNORECASE)
    except (re.error, FutureWarning, DeprecationWarning) as e:
        raise Unsupported("%s: Python's re cannot compile pattern '%s' (%s); PCRE2 may, or satreport "
                          "refuses it" % (where, pat, e))


# --------------------------------------------------------------------------
# Reading a rules file: sections and key = value lines
# --------------------------------------------------------------------------


def strip_comment(line):
    s = line.strip(" \t")
    if s[:1] in ("#", ";"):
        return ""
    for i in range(1, len(line)):
        if line[i] in "#;" and line[i - 1] in " \t":
            return line[:i]
    return line


def read_sections(path):
    """[(kind, name, header line, [(line, key, value)])]"""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise RulesError("cannot open rules file: %s" % e)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RulesError("%s: line is not valid UTF-8 (byte %d)" % (path, e.start))
    if text.startswith(BOM):
        text = text[1:]
    sections = []
    for ln, line in enumerate(text.split("\n"), start=1):
        line = strip_comment(line.rstrip("\r")).strip(" \t")
        if line == "":
            continue
        where = "%s:%d" % (path, ln)
        if line.startswith("["):
            if not line.endswith("]"):
                raise RulesError("%s: section header '%s' lacks its ']'" % (where, line))
            inner = line[1:-1].strip()
            kind, _, name = inner.partition(" ")
            if kind not in ("rules", "field", "level", "category"):
                raise RulesError("%s: unknown section '[%s]' (want rules, field, level or category)" % (where, inner))
            if kind == "rules" and sections:
                raise RulesError("%s: [rules] must come before every other section" % where)
            sections.append((kind, name.strip(), ln, []))
            continue
        if "=" not in line:
            raise RulesError("%s: expected 'key = value', got '%s'" % (where, line))
        if not sections:
            raise RulesError("%s: key '%s' outside a section" % (where, line.split("=")[0].strip()))
        k, _, v = line.partition("=")
        sections[-1][3].append((ln, k.strip(" \t"), v.strip(" \t")))
    return sections


def unquote(k):
    if len(k) >= 2 and k[0] == '"' and k[-1] == '"':
        return k[1:-1], True
    return k, False


def once(seen, key, ln, where):
    if key in seen:
        raise RulesError("%s: duplicate key '%s' (first at line %d)" % (where, key, seen[key]))
    seen[key] = ln


def rules_settings(sections, path, allowed):
    """The [rules] section: {key: value}."""
    out = {}
    if sections and sections[0][0] == "rules":
        seen = {}
        for ln, k, v in sections[0][3]:
            where = "%s:%d" % (path, ln)
            if k not in allowed:
                raise RulesError("%s: unknown key '%s' in [rules]" % (where, k))
            once(seen, k, ln, where)
            out[k] = v
    return out


# --------------------------------------------------------------------------
# The segments file: [field] and [level]
# --------------------------------------------------------------------------


class Term:
    __slots__ = ("negated", "field", "pattern", "rx")

    def __init__(self, negated, field, pattern, rx):
        self.negated = negated
        self.field = field
        self.pattern = pattern
        self.rx = rx


class FieldRule:
    def __init__(self, line, value, terms):
        self.line = line
        self.value = value
        self.terms = terms

    def matches(self, texts):
        for t in self.terms:
            hit = t.rx.search(texts.get(t.field, "")) is not None
            if hit == t.negated:
                return False
        return True


class DerivedField:
    kind = "field"

    def __init__(self, id_, line):
        self.id = id_
        self.line = line
        self.label = id_
        self.segment = True
        self.default = None
        self.rules = []

    def value(self, texts, scores):
        for r in self.rules:
            if r.matches(texts):
                return r.value
        return self.default


def parse_condition(text, where):
    """[(negated, field, pattern)]: FIELD ~ PATTERN, then 'and'/'unless'
    FIELD ~ PATTERN; it may start with 'unless'."""
    s = text.strip()
    negated = False
    m = FIRST_UNLESS.match(s)
    if m:
        negated = True
        s = s[m.end():]
    terms = []
    while True:
        m = TERM_HEAD.match(s)
        if not m:
            first = s.split()[0] if s.split() else ""
            raise RulesError("%s: expected '~' after field '%s'" % (where, first))
        field = m.group(1)
        rest = s[m.end():]
        n = NEXT_TERM.search(rest)
        pat = (rest[: n.start()] if n else rest).strip(" \t")
        if pat == "":
            raise RulesError("%s: empty pattern for field '%s'" % (where, field))
        terms.append((negated, field, pat))
        if not n:
            return terms
        negated = n.group(1) == "unless"
        s = rest[n.end():]


class Range:
    """One range line of a level: exact v, a..b, ..b or a.. ."""

    def __init__(self, line, key, value, where):
        self.line = line
        self.key = key
        self.value = value
        self.exact = self.lo = self.hi = None
        if ".." in key:
            a, _, b = key.partition("..")
            a, b = a.strip(), b.strip()
            for x in (a, b):
                if x != "" and not NUMBER.match(x):
                    raise RulesError("%s: bad range '%s': '%s' is not a number" % (where, key, x))
            if a == "" and b == "":
                raise RulesError("%s: bad range '%s'" % (where, key))
            self.lo = Fraction(a) if a else None
            self.hi = Fraction(b) if b else None
            if self.lo is not None and self.hi is not None and self.lo > self.hi:
                raise RulesError("%s: empty range '%s' (the low end comes first)" % (where, key))
        else:
            if not NUMBER.match(key):
                raise RulesError("%s: bad range '%s': '%s' is not a number" % (where, key, key))
            self.exact = Fraction(key)

    def start(self, bottom):
        if self.exact is not None:
            return self.exact
        return self.lo if self.lo is not None else bottom


class Level:
    kind = "level"

    def __init__(self, id_, line):
        self.id = id_
        self.line = line
        self.label = id_
        self.segment = True
        self.missing = None
        self.item = None  # item id (after the role look-up)
        self.dimension = None  # dimension object
        self.ranges = []
        self.bottom = self.top = None
        self.closed_top = {}  # range index -> b included
        self.dim_items = []
        self._cache = {}  # (score sum, answered items) -> value

    def finish(self):
        """Work out which range ends are included: a..b holds b when no
        other range starts at b; a.. and exact ranges hold their ends."""
        for i, r in enumerate(self.ranges):
            if r.exact is not None:
                continue
            if r.hi is None:
                self.closed_top[i] = True
                continue
            starts = {o.start(self.bottom) for j, o in enumerate(self.ranges) if j != i}
            self.closed_top[i] = r.hi not in starts

    def holds(self, i, s):
        r = self.ranges[i]
        if r.exact is not None:
            return s == r.exact
        lo = r.lo if r.lo is not None else self.bottom
        hi = r.hi if r.hi is not None else self.top
        return lo <= s and (s < hi or (s == hi and self.closed_top[i]))

    def lookup(self, s):
        return next((self.ranges[i].value for i in range(len(self.ranges)) if self.holds(i, s)), None)

    def check(self, what, points):
        """None, or why satreport refuses the level: ranges outside the
        scale, overlapping, or leaving a score without a value."""
        for r in self.ranges:
            for x in (r.exact, r.lo, r.hi):
                if x is not None and not (self.bottom <= x <= self.top):
                    return "range '%s' is outside %s (scale %s..%s)" % (r.key, what, fmt(self.bottom), fmt(self.top))
        ends = {self.bottom, self.top}
        for r in self.ranges:
            ends.update(x for x in (r.exact, r.lo, r.hi) if x is not None)
        ends = sorted(e for e in ends if self.bottom <= e <= self.top)
        probes = list(ends) + [(a + b) / 2 for a, b in zip(ends, ends[1:])]
        for p in sorted(probes):
            held = [i for i in range(len(self.ranges)) if self.holds(i, p)]
            if len(held) > 1:
                return "range '%s' overlaps range '%s' (line %d)" % (
                    self.ranges[held[1]].key, self.ranges[held[0]].key, self.ranges[held[0]].line)
        for p in (points if points is not None else probes):
            if not any(self.holds(i, p) for i in range(len(self.ranges))):
                return "level '%s' gives no value to score %s of %s" % (self.id, fmt(p), what)
        return None

    def value(self, texts, scores):
        """The score: the item's answer, or the mean of the dimension's
        answered items (exact: a fraction); no score: the missing value."""
        if self.item is not None:
            s = scores.get(self.item)
            key = (s, 1) if s is not None else None
        else:
            got = [scores[i] for i in self.dim_items if i in scores]
            key = (sum(got), len(got)) if got else None
        if key is None:
            return self.missing
        v = self._cache.get(key, self)
        if v is self:
            v = self._cache[key] = self.lookup(Fraction(key[0], key[1]))
        return v


def fmt(x):
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else repr(float(x))


class SegmentRules:
    def __init__(self, path):
        self.path = path
        self.fields = []  # DerivedField / Level, file order, skipped ones left out
        self.optional = False
        self.tested = set()  # template fields the [field] rules test

    def segments(self):
        return [f for f in self.fields if f.segment]

    def derive(self, fields, scores):
        """{derived id: value or None} for one form: fields are the form's
        (archive-joined) field values, scores its item scores."""
        texts = {k: normalise(fields.get(k) or "") for k in self.tested}
        out = {}
        for f in self.fields:
            v = f.value(texts, scores)
            out[f.id] = v
            texts[f.id] = normalise(v) if v is not None else ""
        return out


def load_segments(path, tmpl, warn):
    sections = read_sections(path)
    st = rules_settings(sections, path, {"optional_fields"})
    rules = SegmentRules(path)
    if "optional_fields" in st:
        rules.optional = yes_no(st["optional_fields"], "%s: optional_fields" % path)
    defined = {}  # derived id -> line (also skipped ones: twice is twice)
    live = set()  # derived ids that were not skipped
    slots = set(tmpl.fields) | set(tmpl.item_by_id) | set(tmpl.choice_by_id) | set(tmpl.comments)
    dim_by_id = {d.id: d for d in tmpl.dims}

    def skip_or_fail(where, msg, skipmsg):
        if rules.optional:
            warn("%s: %s (optional_fields)" % (where, skipmsg))
            return
        raise RulesError("%s: %s" % (where, msg))

    for kind, name, hl, kvs in sections:
        where = "%s:%d" % (path, hl)
        if kind == "rules":
            continue
        if kind == "category":
            raise RulesError("%s: section '[category]' belongs in a comments rules file, not a segments one" % where)
        if not DERIVED_ID.match(name):
            raise RulesError("%s: bad derived field id '%s' (use letters, digits, '_' and '-')" % (where, name))
        if name in defined:
            raise RulesError("%s: derived field '%s' defined twice (first at line %d)" % (where, name, defined[name]))
        defined[name] = hl
        if name in slots:
            raise RulesError("%s: derived field '%s' is a template field" % (where, name))
        seen = {}
        if kind == "field":
            f = DerivedField(name, hl)
            skipped_rules = 0
            for ln, k, v in kvs:
                w = "%s:%d" % (path, ln)
                key, quoted = unquote(k)
                if not quoted and key in ("label", "segment", "default"):
                    once(seen, key, ln, w)
                    if key == "label":
                        f.label = v
                    elif key == "segment":
                        f.segment = yes_no(v, w)
                    else:
                        f.default = v
                    continue
                if v.strip() == "":
                    raise RulesError("%s: rule for '%s' has no condition" % (w, key))
                terms = []
                skip = False
                for neg, fld, pat in parse_condition(v, w):
                    if fld == name:
                        raise RulesError("%s: derived field '%s' tests itself" % (w, name))
                    if fld in tmpl.item_by_id or fld in tmpl.choice_by_id or fld in tmpl.comments:
                        raise RulesError("%s: '%s' is not a field (rules test fields)" % (w, fld))
                    if fld not in tmpl.fields and fld not in live:
                        # not a template field nor a derived field above
                        # (a skipped one included): skipped or refused
                        if not rules.optional:
                            raise RulesError("%s: unknown field '%s'" % (w, fld))
                        warn("%s: rule for '%s' skipped: no field '%s' (optional_fields)" % (w, key, fld))
                        skip = True
                        continue
                    terms.append(Term(neg, fld, pat, compile_pattern(pat, w)))
                if skip:
                    skipped_rules += 1
                    continue
                f.rules.append(FieldRule(ln, key, terms))
                rules.tested.update(t.field for t in terms if t.field in tmpl.fields)
            if not f.rules:
                if skipped_rules and rules.optional:
                    warn("%s: derived field '%s' skipped: every rule names a field the template lacks" % (where, name))
                    continue
                raise RulesError("%s: derived field '%s' has no rule" % (where, name))
            rules.fields.append(f)
            live.add(name)
        else:  # level
            lv = Level(name, hl)
            src = None
            for ln, k, v in kvs:
                w = "%s:%d" % (path, ln)
                key, quoted = unquote(k)
                if not quoted and key in ("label", "segment", "item", "dimension", "missing"):
                    once(seen, key, ln, w)
                    if key == "label":
                        lv.label = v
                    elif key == "segment":
                        lv.segment = yes_no(v, w)
                    elif key == "missing":
                        lv.missing = v
                    else:
                        if src is not None:
                            raise RulesError("%s: a level takes 'item' or 'dimension', not both" % w)
                        src = (key, v.strip(), ln)
                    continue
                lv.ranges.append(Range(ln, key, v, w))
            if src is None:
                raise RulesError("%s: level '%s' needs 'item' or 'dimension'" % (where, name))
            skind, sid, sln = src
            sw = "%s:%d" % (path, sln)
            if skind == "item":
                it = tmpl.item_by_id.get(sid)
                if it is None and sid == "overall":
                    it = tmpl.overall
                elif it is None and sid == "recommend":
                    it = tmpl.recommend
                if it is None:
                    skip_or_fail(where, "unknown item '%s'" % sid, "level '%s' skipped: no item '%s'" % (name, sid))
                    continue
                lv.item = it.id
                lv.bottom, lv.top = Fraction(it.scale.min), Fraction(it.scale.max)
                if not lv.ranges:
                    # the labels of the item's scale
                    by_value = {}
                    for label, val in it.scale.labels.items():
                        by_value.setdefault(val, label)
                    for val in sorted(by_value):
                        lv.ranges.append(Range(sln, str(val), by_value[val], sw))
                what = "item '%s'" % sid
                points = [Fraction(p) for p in range(it.scale.min, it.scale.max + 1)]
            else:
                d = dim_by_id.get(sid)
                if d is None:
                    skip_or_fail(where, "unknown dimension '%s'" % sid, "level '%s' skipped: no dimension '%s'" % (name, sid))
                    continue
                if not lv.ranges:
                    raise RulesError("%s: level '%s' has no range" % (where, name))
                lv.dimension = d
                lv.dim_items = [it.id for it in d.items]
                lv.bottom = Fraction(min(it.scale.min for it in d.items))
                lv.top = Fraction(max(it.scale.max for it in d.items))
                what = "dimension '%s'" % sid
                points = None  # every value between the lowest and highest point
            if not lv.ranges:
                raise RulesError("%s: level '%s' has no range" % (where, name))
            lv.finish()
            why = lv.check(what, points)
            if why:
                skip_or_fail(where, why, "level '%s' skipped: %s" % (name, why))
                continue
            rules.fields.append(lv)
            live.add(name)
    return rules


# --------------------------------------------------------------------------
# The comments file: [category]
# --------------------------------------------------------------------------


class Category:
    def __init__(self, name, line):
        self.name = name
        self.line = line
        self.complaint = False
        self.kind = ""
        self.match = []  # (line, pattern, compiled)
        self.unless = []


class CommentRules:
    def __init__(self, path):
        self.path = path
        self.scope = "clause"
        self.unclassified = "未分类"
        self.categories = []
        self._cache = {}

    def names(self):
        """Every category, in file order, then the unclassified one."""
        return [c.name for c in self.categories] + [self.unclassified]

    def complaint_names(self):
        return {c.name for c in self.categories if c.complaint}

    def clauses(self, text):
        if self.scope == "comment":
            return [text]
        return [c.strip(" \t") for c in CLAUSE_CUT.split(text)]

    def comment_categories(self, raw):
        """The categories of one comment (an empty set when it is empty)."""
        text = normalise(raw)
        if text == "":
            return frozenset()
        got = self._cache.get(text)
        if got is not None:
            return got
        cats = set()
        for cl in self.clauses(text):
            if cl == "":
                continue
            for c in self.categories:
                if c.name in cats:
                    continue
                if any(rx.search(cl) for _, _, rx in c.match) and not any(rx.search(cl) for _, _, rx in c.unless):
                    cats.add(c.name)
        if not cats:
            cats.add(self.unclassified)
        got = frozenset(cats)
        self._cache[text] = got
        return got

    def classify(self, comments):
        """(categories, complaint?) of a form from its comments' raw texts."""
        cats = set()
        for raw in comments:
            cats |= self.comment_categories(raw)
        complaints = self.complaint_names()
        return cats, bool(cats & complaints)


def load_comments(path, tmpl, warn):
    sections = read_sections(path)
    st = rules_settings(sections, path, {"optional_fields", "scope", "unclassified"})
    rules = CommentRules(path)
    if "optional_fields" in st:
        yes_no(st["optional_fields"], "%s: optional_fields" % path)
    if "scope" in st:
        if st["scope"] not in ("clause", "comment"):
            raise RulesError("%s: scope '%s' is neither clause nor comment" % (path, st["scope"]))
        rules.scope = st["scope"]
    if "unclassified" in st and st["unclassified"] != "":
        rules.unclassified = st["unclassified"]
    names = {}
    for kind, name, hl, kvs in sections:
        where = "%s:%d" % (path, hl)
        if kind == "rules":
            continue
        if kind != "category":
            raise RulesError("%s: section '[%s]' belongs in a segments rules file, not a comments one" % (where, kind))
        if name in names:
            raise RulesError("%s: category '%s' defined twice" % (where, name))
        if name == rules.unclassified:
            raise RulesError("%s: category '%s' has the name of unclassified comments" % (where, name))
        names[name] = hl
        c = Category(name, hl)
        seen = {}
        for ln, k, v in kvs:
            w = "%s:%d" % (path, ln)
            if k == "complaint":
                once(seen, k, ln, w)
                t = v.strip().lower()
                if t in NO:
                    c.complaint = False
                else:
                    c.complaint = True
                    c.kind = "" if t in YES else v
            elif k in ("match", "unless"):
                (c.match if k == "match" else c.unless).append((ln, v, compile_pattern(v, w)))
            else:
                raise RulesError("%s: unknown key '%s' in [category %s]" % (w, k, name))
        if not c.match:
            raise RulesError("%s: category '%s' has no 'match'" % (where, name))
        rules.categories.append(c)
    if len(rules.categories) > MAX_CATEGORIES:
        raise RulesError("%s: too many categories (at most %d)" % (path, MAX_CATEGORIES))
    return rules


# --------------------------------------------------------------------------
# Which files a run uses (docs/rules.md: [classify], else the shipped ones)
# --------------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))
SHIPPED = {
    "segments": os.path.join(HERE, "..", "..", "templates", "rules", "segments.rules"),
    "comments": os.path.join(HERE, "..", "..", "templates", "rules", "comments.rules"),
}


def shipped(kind):
    return os.path.normpath(SHIPPED[kind])


# --------------------------------------------------------------------------
# Self-test: the examples docs/rules.md gives, on the shipped rules
# --------------------------------------------------------------------------

DOC_EXAMPLES = [
    # (comment, categories the docs say it falls in (subset), categories it must not be in)
    ("没有乱扣费，但是多收了我20块", {"账单/计费"}, set()),
    ("信号 差", {"产品/网络质量"}, set()),
    ("网速　很慢", {"产品/网络质量"}, set()),
    ("客服态度差", {"服务质量不达标"}, set()),
    ("态度不差", set(), {"服务质量不达标"}),
    ("价格不算太贵", set(), {"价格"}),
    ("从来没有掉线", set(), {"产品/网络质量"}),
    ("套餐太贵", {"价格"}, set()),
    ("排队太久", {"服务过程不满意"}, set()),
    ("建议增加营业厅", {"建议"}, set()),
    ("账单清楚明白，没有乱收费，但是信号差", {"产品/网络质量"}, {"账单/计费"}),
    ("ＷＩＦＩ经常断", {"产品/网络质量"}, set()),
    ("。。。", {"未分类"}, set()),
]


def self_test(out):
    fails = 0
    com = load_comments(shipped("comments"), _NoTemplate(), lambda m: None)
    for text, want, not_want in DOC_EXAMPLES:
        got, _ = com.classify([text])
        ok = want <= got and not (not_want & got)
        fails += not ok
        out.write("  %s  rules: %s -> %s\n" % ("ok  " if ok else "FAIL", text, "、".join(sorted(got)) or "-"))
    got, _ = com.classify(["", "  "])
    ok = got == set()
    fails += not ok
    out.write("  %s  rules: empty comments have no category\n" % ("ok  " if ok else "FAIL"))
    ok = normalise("no   signal 信号 差") == "no signal信号差"
    fails += not ok
    out.write("  %s  rules: blanks squeezed (%s)\n" % ("ok  " if ok else "FAIL", normalise("no   signal 信号 差")))
    return fails


class _NoTemplate:
    fields = {}
    items = []
    dims = []
    item_by_id = {}
    choice_by_id = {}
    comments = []
    overall = None
    recommend = None
