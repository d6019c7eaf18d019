#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""ref_exports.py - independent reading of real survey tools' exports

satreport reads other tools' exports (tests/data/exports/<name>/) through a
mapping file.  This script reads the SAME ORIGINAL export files by itself,
with Python's csv, codecs and xml modules, and with what each export is
written down here by hand from its PROVENANCE.md (column positions, answer
texts, codes), not from the mapping files: it never parses a mapping and
shares no code with satreport.  From that it knows, for every form, its
values and whether it must be refused.  Then:

  stats    compares the run's stats.csv with the figures that refstats.py
           (the independent reference of FORMATS.md §4) computes from
           these forms, and checks that the forms the run refused are
           exactly those that must be refused (rejects.csv), so that no
           form is lost without a line in rejects.csv;
  convert  compares `satreport convert`'s native CSV with these forms,
           value by value after interpretation (a scale label and its
           number are the same answer).

Usage:
  ref_exports.py stats   --dataset NAME --pipeline P.ini --run RUN_DIR
  ref_exports.py convert --dataset NAME --pipeline P.ini --csv OUT.csv
  ref_exports.py list

Exit status: 0 all agree, 1 differences, 2 usage or unreadable input.
"""

import argparse
import codecs
import csv
import importlib.util
import io
import os
import re
import sys
import xml.etree.ElementTree as ET
import xml.parsers.expat

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("refstats", os.path.join(HERE, "refstats.py"))
refstats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(refstats)


class Exp:
    """One form as this script reads it: file, start line, slot -> text,
    and why the reading itself must refuse it (None when it must not)."""

    def __init__(self, path, line, values, problem=None):
        self.raw = refstats.Raw(path, line, values)
        self.problem = problem


# --------------------------------------------------------------------------
# CSV helpers: physical start lines like satreport's rejects.csv
# --------------------------------------------------------------------------


def csv_rows(text, delimiter=","):
    """(start line, cells) for every row, blank lines skipped."""
    rdr = csv.reader(refstats.physical_lines(text), delimiter=delimiter, strict=False)
    prev = 0
    out = []
    for row in rdr:
        start = prev + 1
        prev = rdr.line_num
        if not row or all(c.strip() == "" for c in row) and prev == start:
            continue
        out.append((start, row))
    return out


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def first_date(s):
    """YYYY-MM-DD at the start of a timestamp."""
    m = re.match(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    return "%04d-%02d-%02d" % tuple(int(x) for x in m.groups()) if m else s


# --------------------------------------------------------------------------
# 问卷星 (wjx) text export, GBK
# --------------------------------------------------------------------------

WJX_PRICE = ["0-799元", "800-999元", "1000-1499元", "1500-1999元", "2000-2499元", "2500-2999元", "3000-3499元", "3500元及以上"]
WJX_INCOME = ["无收入", "3000元以下", "3001-5000元", "5001-8000元", "8001-10000元", "10001-15000元", "15000元以上"]
WJX_SHARE = ["没有投入", "10%左右", "20%左右", "30%左右", "40%左右", "50%左右", "超过50%"]
WJX_PHONES = {"1部": "1", "2部": "2", "3部": "3", "4部及以上": "4"}
WJX_HOBBIES = {"运动": "sport", "阅读": "reading", "影视": "film", "美食": "food", "旅游": "travel", "IT数码": "it", "艺术": "art",
               "音乐": "music", "游戏动漫": "games", "手工艺": "crafts", "摄影": "photo", "购物": "shopping", "健康": "health"}
WJX_NEWS = {"娱乐八卦": "ent", "财经": "fin", "汽车类": "car", "时尚": "fashion", "电子科技类": "tech", "体育类": "sports",
            "政治/军事": "politics", "ACG文化(动漫、游戏等)": "acg", "不关注": "none"}
WJX_OTHER = "其他【请注明】"


def wjx_other(tok):
    """(option, typed text) of an answer, the typed text in 〖〗 after 其他."""
    m = re.match(r"^其他【请注明】(?:〖(.*?)〗)?", tok)
    return "other", (m.group(1) or "") if m else ""


def read_wjx(path):
    text = open(path, "rb").read().decode("gb18030")
    rows = csv_rows(text)
    head = [h.strip() for h in rows[0][1]]
    col = {h: i for i, h in enumerate(head)}
    out = []
    for line, r in rows[1:]:
        v = {"form_id": r[col["序号"]], "gender": r[col["3、性别"]], "age": r[col["4、年龄"]]}
        v["survey_date"] = first_date(r[col["提交答卷时间"]]) if r[col["提交答卷时间"]] else "2018-03-29"
        price = r[col["2、手机价格"]]
        v["price"] = str(WJX_PRICE.index(price) + 1) if price in WJX_PRICE else ""
        inc = r[col["5、月收入"]]
        v["income"] = str(WJX_INCOME.index(inc) + 1) if inc in WJX_INCOME else ""
        v["hobby_share"] = str(WJX_SHARE.index(r[col["7、爱好投入占收入比重"]]))
        v["phones"] = WJX_PHONES[r[col["1、手机部数"]]]
        others = {}
        if price.startswith(WJX_OTHER):
            v["price_band"], others["price_other"] = wjx_other(price)
            v["price_band"] = "10"
        elif price == "免费赠送的":
            v["price_band"] = "9"
        else:
            v["price_band"] = str(WJX_PRICE.index(price) + 1)
        for slot, colname, table in (("hobbies", "6、兴趣爱好", WJX_HOBBIES), ("news", "8、关注资讯", WJX_NEWS)):
            chosen = []
            for tok in r[col[colname]].split("┋"):
                if tok.startswith(WJX_OTHER):
                    opt, txt = wjx_other(tok)
                    if txt:
                        others[slot + "_other"] = txt
                else:
                    opt = table[tok]
                if opt not in chosen:
                    chosen.append(opt)
            v[slot] = ";".join(chosen)
        v.update(others)
        out.append(Exp(path, line, v))
    return out


# --------------------------------------------------------------------------
# SurveyMonkey (FiveThirtyEight), by column position (1-based)
# --------------------------------------------------------------------------

SM_GENDER = {"Male": "男", "Female": "女", "": ""}
SM_SEGMENTS = {"age": 0, "income": 1, "education": 2, "region": 3}


def sm_rows(path, header_rows):
    # the StarWars header holds two bytes that are not UTF-8: keep them
    # escaped; every data row is ASCII
    text = open(path, "rb").read().decode("utf-8", errors="surrogateescape")
    rows = csv_rows(text)
    return rows[header_rows:]


def sm_segments(v, r, first):
    """Gender, age, income, education, region in columns first..first+4."""
    v["gender"] = SM_GENDER[r[first - 1]]
    for k, off in SM_SEGMENTS.items():
        v[k] = r[first + off]


SW_FAV = {"Very favorably": "5", "Somewhat favorably": "4", "Neither favorably nor unfavorably (neutral)": "3",
          "Somewhat unfavorably": "2", "Very unfavorably": "1", "Unfamiliar (N/A)": "", "": ""}
SW_CHARS = ["han", "luke", "leia", "anakin", "obiwan", "palpatine", "vader", "lando", "boba", "c3po", "r2d2", "jarjar", "padme", "yoda"]
SW_YN = {"Yes": "yes", "No": "no", "": ""}


def read_starwars(path):
    out = []
    for line, r in sm_rows(path, 2):
        v = {"form_id": r[0], "survey_date": "2014-06-01"}
        v["seen_any"] = SW_YN[r[1]]
        v["fan"] = SW_YN[r[2]]
        v["films_seen"] = ";".join("ep%d" % (k + 1) for k in range(6) if r[3 + k] != "")
        for k in range(6):
            v["rank_ep%d" % (k + 1)] = r[9 + k]
        for k, c in enumerate(SW_CHARS):
            v[c] = SW_FAV[r[15 + k]]
        v["shot_first"] = {"Han": "han", "Greedo": "greedo", "I don't understand this question": "dunno", "": ""}[r[29]]
        v["eu_familiar"] = SW_YN[r[30]]
        v["eu_fan"] = SW_YN[r[31]]
        v["trek_fan"] = SW_YN[r[32]]
        sm_segments(v, r, 34)
        out.append(Exp(path, line, v))
    return out


STEAK_YN = {"Yes": "1", "No": "0", "": ""}
STEAK_DONE = {"Rare": "1", "Medium rare": "2", "Medium": "3", "Medium Well": "4", "Well": "5", "": ""}


def read_steak(path):
    out = []
    for line, r in sm_rows(path, 2):
        v = {"form_id": r[0], "survey_date": "2014-05-01"}
        v["lottery"] = {"Lottery A": "A", "Lottery B": "B", "": ""}[r[1]]
        for k, item in enumerate(["smoke", "alcohol", "gamble", "skydiving", "speeding", "cheated", "eat_steak"]):
            v[item] = STEAK_YN[r[2 + k]]
        v["doneness"] = STEAK_DONE[r[9]]
        sm_segments(v, r, 11)
        out.append(Exp(path, line, v))
    return out


FLY_RUDE = {"No, not rude at all": "1", "No, not at all rude": "1", "Yes, somewhat rude": "2", "Yes, very rude": "3", "": ""}
FLY_ITEMS = {"rude_unsold_seat": 9, "rude_talk": 10, "rude_recline": 13, "rude_switch_friends": 15, "rude_switch_family": 16,
             "rude_wake_bathroom": 17, "rude_wake_walk": 18, "rude_baby": 19, "rude_unruly": 20}
FLY_FREQ = {"Never": "never", "Once a year or less": "year", "Once a month or less": "month", "A few times per month": "fewmonth",
            "A few times per week": "fewweek", "Every day": "daily", "": ""}


def read_flying(path):
    out = []
    for line, r in sm_rows(path, 1):
        v = {"form_id": r[0], "survey_date": "2014-08-01", "height": r[3]}
        v["frequency"] = FLY_FREQ[r[1]]
        v["children"] = SW_YN[r[4]]
        v["eliminate_recline"] = SW_YN[r[13]]
        for item, c in FLY_ITEMS.items():
            v[item] = FLY_RUDE[r[c - 1]]
        sm_segments(v, r, 23)
        out.append(Exp(path, line, v))
    return out


# --------------------------------------------------------------------------
# Qualtrics (new: 3 header rows; legacy: 2 header rows, BOM)
# --------------------------------------------------------------------------

QX_FINISHED = {"1": "已完成", "0": "未完成"}


def read_qualtrics_new(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8-sig"))
    out = []
    for line, r in rows[3:]:
        v = {"form_id": r[8], "survey_date": first_date(r[0]), "finished": QX_FINISHED[r[6]], "language": r[16],
             "progress": r[4], "Q1": r[17], "Q2": r[18]}
        out.append(Exp(path, line, v))
    return out


def read_qualtrics_legacy(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8-sig"))
    out = []
    for line, r in rows[2:]:
        v = {"form_id": r[0], "survey_date": first_date(r[7]), "finished": QX_FINISHED[r[9]],
             "progress": "100" if r[9] == "1" else "", "Q1": r[10], "Q2": r[11]}
        out.append(Exp(path, line, v))
    return out


# --------------------------------------------------------------------------
# LimeSurvey CSV: ';', BOM, answer codes; columns by position
# --------------------------------------------------------------------------

LS_YN = {"Y": "1", "N": "0", "": ""}
LS_TYPES = ["stumat", "qlraw", "qlcoded", "qlcbook", "qtraw", "qtprp", "qtsrc", "sw", "hw"]


def read_limesurvey(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8-sig"), delimiter=";")
    head = rows[0][1]
    # the positions used below, checked against the codes they hold
    want = {0: "id", 1: "submitdate", 7: "SCREEN1dataFromHuman", 8: "SCREEN2productProtot", 10: "TYPstudy[stumat]",
            18: "TYPprod[HW]", 19: "TYPothers", 20: "claimByType[stumat]", 28: "claimByType[HW]", 333: "reponsible4Study",
            335: "degree", 336: "yearInHCI", 337: "otherComments"}
    for i, code in want.items():
        if not head[i].startswith(code + ". "):
            raise refstats.RefError("%s: column %d is %r, not %s" % (path, i + 1, head[i][:40], code))
    out = []
    for line, r in rows[1:]:
        v = {"form_id": r[0], "survey_date": first_date(r[1]), "degree": r[335], "years_hci": r[336],
             "human_data": r[7], "prototype": r[8], "types_other": r[19], "comments": r[337],
             "responsible_study": LS_YN[r[333]]}
        v["types"] = ";".join(t for k, t in enumerate(LS_TYPES) if r[10 + k] == "Y")
        for k, t in enumerate(LS_TYPES):
            v["claim_" + t] = LS_YN[r[20 + k]]
        out.append(Exp(path, line, v))
    return out


# --------------------------------------------------------------------------
# XML: ODK/Ona instances, FHIR QuestionnaireResponse
# --------------------------------------------------------------------------


def xml_root(path):
    """(root element without namespaces, line of its start tag)."""
    data = open(path, "rb").read()
    p = xml.parsers.expat.ParserCreate()
    first = []
    p.StartElementHandler = lambda name, attrs: first or first.append(p.CurrentLineNumber)
    p.Parse(data, True)
    root = ET.fromstring(data)
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    return root, first[0]


def text_of(el, path):
    x = el.find(path)
    return (x.text or "") if x is not None else None


ODK_TYPES = ["ambulance", "bicycle", "boat_canoe", "bus", "donkey_mule_cart", "keke_pepe", "lorry", "motorbike", "taxi", "other"]
ODK_FREQ = {"daily": "2", "weekly": "1", "other": "", "dont_know": "", "": ""}


def read_odk_all(paths):
    parsed = [(p,) + xml_root(p) for p in paths]
    replaced = {}
    for p, root, _ in parsed:
        old = (text_of(root, "meta/deprecatedID") or "").strip()
        if old:
            replaced.setdefault(old, ((text_of(root, "meta/instanceID") or "").strip(), os.path.basename(p)))
    out = {}
    for p, root, line in parsed:
        iid = (text_of(root, "meta/instanceID") or "").strip()
        v = {"form_id": iid, "survey_date": "2011-07-25", "form_version": root.get("version") or "(none)",
             "image": text_of(root, "image1")}
        avail = text_of(root, "transport/available_transportation_types_to_referral_facility")
        v["available"] = None if avail is None else ";".join(avail.split())
        v["available_other"] = text_of(root, "transport/available_transportation_types_to_referral_facility_other")
        for t in ODK_TYPES:
            f = text_of(root, "transport/loop_over_transport_types_frequency/%s/frequency_to_referral_facility" % t)
            v["freq_" + t] = None if f is None else ODK_FREQ[f.strip()]
        problem = None
        if iid in replaced:
            problem = "replaced by the edit '%s' in %s" % replaced[iid]
        out[p] = [Exp(p, line, v, problem)]
    return out


def fhir_answer(root, link, kind):
    """The value attribute of answer/value<kind> of the item with @linkId,
    at any depth."""
    for it in root.iter("item"):
        lid = it.find("linkId")
        if lid is not None and lid.get("value") == link:
            a = it.find("answer/" + kind)
            return a.get("value") if a is not None else None
    return None


def read_fhir_gcs(path):
    root, line = xml_root(path)
    v = {"form_id": root.find("id").get("value"), "survey_date": first_date(root.find("authored").get("value")),
         "status": root.find("status").get("value"), "subject": root.find("subject/display").get("value")}
    for link, item in (("1.1", "gcs_verbal"), ("1.2", "gcs_motor"), ("1.3", "gcs_eye")):
        for it in root.iter("item"):
            if it.find("linkId").get("value") == link:
                ext = it.find("answer/valueCoding/extension")
                assert ext.get("url").endswith("iso21090-CO-value")
                v[item] = ext.find("valueDecimal").get("value")
                if item == "gcs_verbal":
                    v["verbal_text"] = it.find("answer/valueCoding/display").get("value")
    return [Exp(path, line, v)]


def read_fhir_lifelines(path):
    root, line = xml_root(path)
    b01 = {"true": "1", "false": "0"}
    v = {"form_id": root.find("id").get("value"), "survey_date": first_date(root.find("authored").get("value")),
         "gender": {"Male": "男", "Female": "女"}[fhir_answer(root, "2.1", "valueString")],
         "birth_date": fhir_answer(root, "2.2", "valueDate"), "country": fhir_answer(root, "2.3", "valueString"),
         "marital": fhir_answer(root, "2.4", "valueString"),
         "smoke": b01[fhir_answer(root, "3.1", "valueBoolean")], "alcohol": b01[fhir_answer(root, "3.2", "valueBoolean")],
         "allergies": {"true": "yes", "false": "no"}[fhir_answer(root, "1", "valueBoolean")]}
    return [Exp(path, line, v)]


def read_lsr(path):
    """LimeSurvey .lsr: one <row> per response; an absent element is NULL."""
    data = open(path, "rb").read()
    lines = []
    p = xml.parsers.expat.ParserCreate()
    p.StartElementHandler = lambda name, attrs: name == "row" and lines.append(p.CurrentLineNumber)
    p.Parse(data, True)
    root = ET.fromstring(data)
    out = []
    for line, row in zip(lines, root.find("responses").find("rows")):
        col = {c.tag: (c.text or "") for c in row}
        v = {"form_id": col["id"], "language": col.get("startlanguage")}
        v["survey_date"] = first_date(col["submitdate"]) if "submitdate" in col else None
        for k in (1, 2, 3):
            v["sq%d" % k] = col.get("_811344X1370X17131subQuestion%d" % k)
        v["q1"] = col.get("_811344X1370X17130")
        v["remarks"] = col.get("_811344X1370X17135")
        out.append(Exp(path, line, v))
    return out


# --------------------------------------------------------------------------
# Plain data sets: bank (0-10), Turkiye, Somerville, bfi (reverse keyed)
# --------------------------------------------------------------------------


def read_bank(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8"))
    head = rows[0][1]
    out = []
    for k, (line, r) in enumerate(rows[1:], start=1):
        v = dict(zip(head, r))
        v.update({"form_id": "%s-%d" % (stem(path), k), "customer_id": "C%d" % k, "survey_date": "2026-01-01"})
        out.append(Exp(path, line, v))
    return out


def read_turkiye(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8"))
    out = []
    for k, (line, r) in enumerate(rows[1:], start=1):
        v = {"form_id": "%s-%d" % (stem(path), k), "customer_id": "S%d" % k, "survey_date": "2026-01-01",
             "instr": r[0], "class": r[1], "nb_repeat": r[2], "attendance": r[3], "difficulty": r[4]}
        for q in range(28):
            v["Q%d" % (q + 1)] = r[5 + q]
        out.append(Exp(path, line, v))
    return out


def somerville(path, rows):
    out = []
    for k, (line, r) in enumerate(rows, start=1):
        v = {"form_id": "%s-%d" % (stem(path), k), "survey_date": "2015-06-01", "happy": {"0": "不幸福", "1": "幸福"}[r[0]]}
        for x in range(6):
            v["X%d" % (x + 1)] = r[1 + x]
        out.append(Exp(path, line, v))
    return out


def read_somerville_utf16(path):
    data = open(path, "rb").read()
    if not data.startswith(codecs.BOM_UTF16_LE):
        raise refstats.RefError("%s: no UTF-16LE BOM" % path)
    return somerville(path, csv_rows(data.decode("utf-16")))


def read_somerville_utf8bom(path):
    return somerville(path, csv_rows(open(path, "rb").read().decode("utf-8-sig"))[1:])


BFI_REVERSED = {"A1", "C4", "C5", "E1", "E2", "O2", "O5", "N1", "N2", "N3", "N4", "N5"}
BFI_EDU = {"1": "高中未毕业", "2": "高中毕业", "3": "大学肄业", "4": "大学毕业", "5": "研究生", "": ""}


def read_bfi(path):
    rows = csv_rows(open(path, "rb").read().decode("utf-8"))
    head = rows[0][1]
    out = []
    for k, (line, r) in enumerate(rows[1:], start=1):
        c = dict(zip(head, r))
        v = {"form_id": c["rownames"], "rownames": c["rownames"], "customer_id": "SAPA%d" % k, "survey_date": "2026-01-01",
             "gender": {"1": "男", "2": "女", "": ""}[c["gender"]], "education": BFI_EDU[c["education"]], "age": c["age"]}
        for d in "ACENO":
            for i in range(1, 6):
                item = "%s%d" % (d, i)
                a = c[item]
                v[item] = str(7 - int(a)) if a and item in BFI_REVERSED else a
        out.append(Exp(path, line, v))
    return out


# dataset -> a function of one path, or ("all", function of every path)
DATASETS = {
    "wjx-phone": read_wjx,
    "surveymonkey-starwars": read_starwars,
    "surveymonkey-steak": read_steak,
    "surveymonkey-flying": read_flying,
    "qualtrics-new": read_qualtrics_new,
    "qualtrics-legacy": read_qualtrics_legacy,
    "limesurvey-csv": read_limesurvey,
    "limesurvey-lsr": read_lsr,
    "odk-transportation": ("all", read_odk_all),
    "fhir-gcs": read_fhir_gcs,
    "fhir-lifelines": read_fhir_lifelines,
    "bank-satisfaction": read_bank,
    "turkiye-evaluation": read_turkiye,
    "somerville-utf16": read_somerville_utf16,
    "somerville-utf8bom": read_somerville_utf8bom,
    "bfi-reverse": read_bfi,
}


def read_dataset(name, paths):
    """{path: [Exp]} for the input files of a pipeline."""
    fn = DATASETS[name]
    if isinstance(fn, tuple):
        return fn[1](paths)
    return {p: fn(p) for p in paths}


# --------------------------------------------------------------------------
# What must be refused
# --------------------------------------------------------------------------


def field_patterns(tmpl_path):
    root = ET.parse(tmpl_path).getroot()
    pats = {}
    for f in root.iter("field"):
        if f.get("pattern"):
            pats[f.get("id")] = re.compile(f.get("pattern"))
    return pats


def expected_refusals(tmpl, tmpl_path, forms):
    """{(file, line): reason} of the forms that must be refused: what the
    reading refuses, what FORMATS §4.2 refuses (refstats.interpret),
    fields that do not match their pattern, later duplicates of a form_id."""
    pats = field_patterns(tmpl_path)
    out = {}
    seen = set()
    for e in forms:
        key = (e.raw.file, e.raw.line)
        f = refstats.interpret(e.raw, tmpl)
        why = e.problem or (f.problems[0][1] if f.problems else None)
        for fid, rx in pats.items():
            val = refstats.norm(e.raw.values.get(fid))
            if not why and val and not rx.search(val):
                why = "field '%s' does not match its pattern" % fid
        if f.form_id:
            if f.form_id in seen and not why:
                why = "duplicate form_id '%s'" % f.form_id
            seen.add(f.form_id)
        if why:
            out[key] = why
    return out


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def pipeline_args(pipeline, extra):
    args = argparse.Namespace(pipeline=pipeline, template=None, inputs=[], period=None, min_report=None,
                              encoding=None, customers=None, rejects=None, stats=None, run=None,
                              write_expected=None, strict=False, not_covered_metric=None,
                              not_covered_subject=None, not_covered_group=None, previous=None, min_base=None)
    for k, v in extra.items():
        setattr(args, k, v)
    refstats.load_pipeline(args)
    return args


def cmd_stats(a):
    args = pipeline_args(a.pipeline, {"run": a.run})
    forms = read_dataset(a.dataset, args.inputs)
    # refstats reads the inputs through read_input(): give it our forms
    refstats.read_input = lambda path, tmpl, enc, warn: [e.raw for e in forms[path]]
    rc = refstats.run(args)
    tmpl = refstats.Template(args.template)
    every = [e for p in args.inputs for e in forms[p]]
    want = expected_refusals(tmpl, args.template, every)
    problems = []
    got = {(os.path.basename(f), line) for f, line, _, _, _ in refstats.read_rejects(os.path.join(a.run, "rejects.csv"), problems)}
    for key, why in sorted(want.items()):
        if key not in got:
            problems.append("%s:%d must be refused (%s) but is not in rejects.csv" % (key + (why,)))
    for key in sorted(got - set(want)):
        problems.append("%s:%d is refused but this reading finds nothing wrong with it" % key)
    print("ref_exports: %s: %d forms read here, %d must be refused, rejects.csv refuses %d" % (a.dataset, len(every), len(want), len(got)))
    for p in problems:
        print("ref_exports: %s" % p)
    return 1 if problems or rc else 0


def interpreted(raw, tmpl):
    f = refstats.interpret(raw, tmpl)
    comments = {c: refstats.norm(raw.values.get(c)) for c in tmpl.comments}
    choices = {k: sorted(v) for k, v in f.choices.items()}
    return f.fields, f.scores, choices, comments


def cmd_convert(a):
    args = pipeline_args(a.pipeline, {})
    tmpl = refstats.Template(args.template)
    forms = read_dataset(a.dataset, args.inputs)
    want = [e for p in args.inputs for e in forms[p] if not e.problem]
    got = refstats.read_csv(a.csv, tmpl, "utf-8", lambda w: None)
    problems = []
    if len(got) != len(want):
        problems.append("%s has %d forms, expected %d" % (a.csv, len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        gi, wi = interpreted(g, tmpl), interpreted(w.raw, tmpl)
        for part, gp, wp in zip(("field", "score", "choice", "comment"), gi, wi):
            for k in sorted(set(gp) | set(wp)):
                if gp.get(k) != wp.get(k):
                    problems.append("form %d (%s:%d) %s '%s': converted %r, expected %r"
                                    % (i + 1, w.raw.file, w.raw.line, part, k, gp.get(k), wp.get(k)))
    print("ref_exports: %s: %d forms converted, %d expected, %d differences" % (a.dataset, len(got), len(want), len(problems)))
    for p in problems[:30]:
        print("ref_exports: %s" % p)
    return 1 if problems else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stats", help="compare a run's stats.csv and rejects.csv")
    s.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    s.add_argument("--pipeline", required=True)
    s.add_argument("--run", required=True)
    c = sub.add_parser("convert", help="compare satreport convert's output")
    c.add_argument("--dataset", required=True, choices=sorted(DATASETS))
    c.add_argument("--pipeline", required=True)
    c.add_argument("--csv", required=True)
    sub.add_parser("list", help="the datasets")
    a = ap.parse_args(argv)
    try:
        if a.cmd == "list":
            print("\n".join(sorted(DATASETS)))
            return 0
        if a.cmd == "stats":
            return cmd_stats(a)
        return cmd_convert(a)
    except refstats.RefError as e:
        print("ref_exports: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
