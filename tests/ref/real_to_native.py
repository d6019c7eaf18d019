#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""real_to_native.py - real public survey data -> satreport's native format

Converts three real data sets from /work/shared/data/real/ into
tests/data/real/<name>/: a form template (template.xml, FORMATS §1), the
forms as native CSV (forms.csv, FORMATS §2.2), a pipeline (pipeline.ini,
FORMATS §3, without [output]: tests pass --out) and PROVENANCE.md (the
shared provenance, copied, plus what was converted and how).

The answers are never changed: every answer cell of forms.csv is checked to
equal the source cell byte for byte.  Added columns: form_id (F000001...),
customer_id (KH000001...) and survey_date (2026-01-01), because the template
requires them.

Usage: real_to_native.py [--src /work/shared/data/real] [--dst tests/data/real]
The output is deterministic: running it again gives identical files.
"""

import argparse
import csv
import hashlib
import io
import os
import sys
from xml.sax.saxutils import quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = "/work/shared/data/real"
DEFAULT_DST = os.path.normpath(os.path.join(HERE, "..", "data", "real"))
MAX_BYTES = 2 * 1024 * 1024  # larger sources: the first MAX_ROWS rows only
MAX_ROWS = 2000


def sha256(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def read_source(path):
    with open(path, "rb") as fh:
        data = fh.read()
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [r for r in rows if r]
    return rows[0], rows[1:], len(data)


def csv_cell(s, quote):
    if quote or any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_forms(path, header, rows, eol="\n", quote_header=False, quote_cols=()):
    """Write the native CSV by hand so that quoting and line ends are ours to
    choose (R-style quoted header for the bank data, CRLF for Turkiye)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(csv_cell(h, quote_header) for h in header) + eol)
        for r in rows:
            fh.write(",".join(csv_cell(c, i in quote_cols) for i, c in enumerate(r)) + eol)


def native_rows(src_rows, take):
    out = []
    for i, r in enumerate(src_rows[:take], start=1):
        out.append(["F%06d" % i, "KH%06d" % i, "2026-01-01"] + list(r))
    return out


def verify(path, src_header, src_rows, ids):
    """Every source cell must come back unchanged under its new id."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    if len(body) != len(src_rows):
        sys.exit("%s: %d rows, source has %d" % (path, len(body), len(src_rows)))
    for col, new_id in enumerate(ids):
        j = head.index(new_id)
        for k, (a, b) in enumerate(zip(src_rows, body)):
            if a[col] != b[j]:
                sys.exit("%s: row %d column %s: %r != source %r" % (path, k + 2, new_id, b[j], a[col]))
    return len(body)


def attrs(**kw):
    return "".join(" %s=%s" % (k.rstrip("_").replace("__", "-"), quoteattr(str(v))) for k, v in kw.items() if v is not None)


def template_xml(survey, scales, fields, dims, free_items, comment=""):
    """scales: [(id, min, max, [(value, label)], missing_label)]
    fields: [(id, role, required, label)]
    dims: [(id, name, weight, target, [(item_id, scale, text)])]
    free_items: [(item_id, scale, role, text)]"""
    o = ['<?xml version="1.0" encoding="UTF-8"?>']
    if comment:
        o.append("<!-- %s -->" % comment.replace("--", "- -"))
    o.append("<survey%s>" % attrs(id=survey["id"], version=survey["version"], title=survey["title"], lang="zh-CN"))
    for sid, lo, hi, points, missing in scales:
        if not points and not missing:
            o.append("  <scale%s/>" % attrs(id=sid, min=lo, max=hi))
            continue
        o.append("  <scale%s>" % attrs(id=sid, min=lo, max=hi))
        for v, label in points:
            o.append("    <point%s/>" % attrs(value=v, label=label))
        if missing:
            o.append("    <missing%s/>" % attrs(label=missing))
        o.append("  </scale>")
    o.append("  <fields>")
    for fid, role, req, label in fields:
        o.append("    <field%s/>" % attrs(id=fid, role=role or None, required="true" if req else None, label=label))
    o.append("  </fields>")
    for did, name, weight, target, items in dims:
        o.append("  <dimension%s>" % attrs(id=did, name=name, weight=weight, target=target))
        for iid, sc, text in items:
            o.append("    <item%s/>" % attrs(id=iid, scale=sc, text=text))
        o.append("  </dimension>")
    for iid, sc, role, text in free_items:
        o.append("  <item%s/>" % attrs(id=iid, scale=sc, role=role, text=text))
    o.append("</survey>")
    return "\n".join(o) + "\n"


def pipeline_ini(name, title, comment):
    return (
        "; %s\n"
        "; Real public survey data in the native format: see PROVENANCE.md.\n"
        "; No [output]: tests pass --out.\n"
        "[pipeline]\n"
        "name   = %s\n"
        "period = 2026-01-01..2026-12-31     ; every form is dated 2026-01-01 (added column)\n"
        "\n"
        "[input]\n"
        "form     = template.xml\n"
        "files    = forms.csv\n"
        "encoding = auto\n"
        "\n"
        "[analysis]\n"
        "min_base   = 30\n"
        "min_report = 5\n"
        "\n"
        "[report]\n"
        "title        = %s\n"
        "organization = 测试数据（公开真实问卷数据）\n"
        "prepared_by  = satreport tests\n"
    ) % (comment, name, title)


BASE_FIELDS = [
    ("form_id", "form-id", True, "问卷编号"),
    ("customer_id", "customer-id", True, "客户编号"),
    ("survey_date", "date", True, "调查日期"),
]


def provenance(name, src_dir, src_file, out_dir, body):
    shared = open(os.path.join(src_dir, "PROVENANCE.md"), encoding="utf-8").read()
    forms = os.path.join(out_dir, "forms.csv")
    text = (
        "# %s — real survey data in satreport's native format\n\n"
        "Produced by `tests/ref/real_to_native.py` from `/work/shared/data/real/%s/` "
        "(do not edit by hand; run the script again).\n\n"
        "| file | sha256 |\n|---|---|\n| source `%s` | `%s` |\n| `forms.csv` | `%s` |\n| `template.xml` | `%s` |\n\n"
        "## What was converted, and how\n\n%s\n"
        "## Source provenance (copied verbatim from the shared folder)\n\n%s"
    ) % (
        name, name, src_file, sha256(os.path.join(src_dir, src_file)), sha256(forms),
        sha256(os.path.join(out_dir, "template.xml")), body,
        "\n".join("> " + line if line else ">" for line in shared.rstrip("\n").split("\n")) + "\n",
    )
    with open(os.path.join(out_dir, "PROVENANCE.md"), "w", encoding="utf-8") as fh:
        fh.write(text)


def common_notes(nrows, total, size, take_all):
    sel = ("all %d data rows (the source is %d bytes, under 2 MB)" % (total, size)) if take_all else (
        "the first %d of %d data rows (the source is %d bytes, over 2 MB)" % (nrows, total, size))
    return (
        "- Rows: %s, in source order.\n"
        "- Added columns, first in each row (the template requires them; the data has none):\n"
        "  `form_id` = F000001, F000002, ... (row order), `customer_id` = KH000001, ... (same number; "
        "the respondents are anonymous, so each form is its own customer), `survey_date` = 2026-01-01 "
        "for every form (the source has no date).\n"
        "- Answers are untouched: the script re-reads forms.csv and checks every source cell under its "
        "new column id, byte for byte. No cleaning, no recoding, no imputation.\n"
        "- Dimension weights and targets in template.xml are ours, chosen only to exercise satreport "
        "(CSI, target, gap); they are not part of the source study.\n"
        "- `pipeline.ini` has no `[output]`: tests pass `--out`.\n"
    ) % sel


# --------------------------------------------------------------------------
# (a) UCI Turkiye Student Evaluation
# --------------------------------------------------------------------------

TURKIYE_Q = [
    # (id, uploaded header, UCI question text, Chinese text)
    ("Q1", "Orientation", "The semester course content, teaching method and evaluation system were provided at the start.", "学期初已介绍课程内容、教学方法与考核方式"),
    ("Q2", "Course Objectives", "The course aims and objectives were clearly stated at the beginning of the period.", "课程目标在开课时已明确说明"),
    ("Q3", "Valua additon", "The course was worth the amount of credit assigned to it.", "课程与其学分相称"),
    ("Q4", "Syllabus Oriented", "The course was taught according to the syllabus announced on the first day of class.", "按第一堂课公布的教学大纲授课"),
    ("Q5", "Assignments", "The class discussions, homework assignments, applications and studies were satisfactory.", "课堂讨论、作业、实践与学习活动令人满意"),
    ("Q6", "Resources provided", "The textbook and other courses resources were sufficient and up to date.", "教材与其他课程资源充足且新"),
    ("Q7", "Practicals", "The course allowed field work, applications, laboratory, discussion and other studies.", "课程提供了实地、应用、实验与讨论等学习机会"),
    ("Q8", "activities", "The quizzes, assignments, projects and exams contributed to helping the learning.", "测验、作业、项目与考试有助于学习"),
    ("Q9", "interactive", "I greatly enjoyed the class and was eager to actively participate during the lectures.", "我很喜欢这门课并乐于积极参与"),
    ("Q10", "met expectations", "My initial expectations about the course were met at the end of the period or year.", "课程结束时达到了我最初的期望"),
    ("Q11", "Relevant", "The course was relevant and beneficial to my professional development.", "课程对我的专业发展有益"),
    ("Q12", "Life aim", "The course helped me look at life and the world with a new perspective.", "课程让我以新的视角看待生活与世界"),
    ("Q13", "Instructor knowledge", "The Instructor's knowledge was relevant and up to date.", "教师的知识切题且新"),
    ("Q14", "Instructor prep", "The Instructor came prepared for classes.", "教师课前准备充分"),
    ("Q15", "Instructor plan", "The Instructor taught in accordance with the announced lesson plan.", "教师按公布的教学计划授课"),
    ("Q16", "instructor commitment", "The Instructor was committed to the course and was understandable.", "教师投入且讲解易懂"),
    ("Q17", "instructor punctual", "The Instructor arrived on time for classes.", "教师准时上课"),
    ("Q18", "instructor speaking", "The Instructor has a smooth and easy to follow delivery/speech.", "教师表达流畅易于跟上"),
    ("Q19", "instructor effictiveness", "The Instructor made effective use of class hours.", "教师有效利用课堂时间"),
    ("Q20", "instructor helpful", "The Instructor explained the course and was eager to be helpful to students.", "教师乐于帮助学生"),
    ("Q21", "instructor positive", "The Instructor demonstrated a positive approach to students.", "教师对学生态度积极"),
    ("Q22", "instructor respectful", "The Instructor was open and respectful of the views of students about the course.", "教师开放并尊重学生的意见"),
    ("Q23", "class participation", "The Instructor encouraged participation in the course.", "教师鼓励课堂参与"),
    ("Q24", "instructor assignment", "The Instructor gave relevant homework assignments/projects, and helped/guided students.", "教师布置切题的作业/项目并给予指导"),
    ("Q25", "instructor responsiveness", "The Instructor responded to questions about the course inside and outside of the course.", "教师在课内外答疑"),
    ("Q26", "instructor eval sys", "The Instructor's evaluation system (midterm and final questions, projects, assignments, etc.) effectively measured the course objectives.", "教师的考核方式有效衡量了课程目标"),
    ("Q27", "instructor solutions", "The Instructor provided solutions to exams and discussed them with students.", "教师讲解了考试答案"),
    ("Q28", "isntructor treatment", "The Instructor treated all students in a right and objective manner.", "教师公正客观地对待所有学生"),
]
TURKIYE_FIELDS = [
    # (id, uploaded header, role, label, UCI meaning)
    ("instr", "instcode", "segment", "教师", "instructor's identifier, 1-3"),
    ("class", "course code", "segment", "课程", "course code (descriptor), 1-13"),
    ("nb_repeat", "repeat", "segment", "修读次数", "number of times the student is taking this course, 1-3 (UCI `nb.repeat`)"),
    ("attendance", "attendance", "", "出勤", "code of the level of attendance, 0-4"),
    ("difficulty", "difficulty", "", "难度", "level of difficulty of the course as perceived by the student, 1-5"),
]
TURKIYE_DIMS = [
    ("course_setup", "课程设置", "0.15", "75", ["Q1", "Q2", "Q3", "Q4"]),
    ("course_activities", "教学资源与活动", "0.15", "75", ["Q5", "Q6", "Q7", "Q8"]),
    ("course_value", "课程收获", "0.20", "75", ["Q9", "Q10", "Q11", "Q12"]),
    ("teaching", "教师授课", "0.20", "80", ["Q13", "Q14", "Q15", "Q16", "Q17", "Q18", "Q19"]),
    ("interaction", "师生互动", "0.15", "80", ["Q20", "Q21", "Q22", "Q23", "Q25", "Q28"]),
    ("assessment", "作业与考核", "0.15", None, ["Q24", "Q26", "Q27"]),
]


def turkiye(src, dst):
    name = "uci-turkiye-student-evaluation"
    sd, od = os.path.join(src, name), os.path.join(dst, name)
    sfile = "turkiye-student-evaluation_generic.csv"
    header, rows, size = read_source(os.path.join(sd, sfile))
    expected = [f[1] for f in TURKIYE_FIELDS] + [q[1] for q in TURKIYE_Q]
    if header != expected:
        sys.exit("%s: unexpected header %r" % (sfile, header))
    take = len(rows) if size < MAX_BYTES else MAX_ROWS
    ids = [f[0] for f in TURKIYE_FIELDS] + [q[0] for q in TURKIYE_Q]
    os.makedirs(od, exist_ok=True)
    text = {q[0]: q[3] for q in TURKIYE_Q}
    scales = [("agree5", 1, 5, [(1, "非常不同意"), (2, "不同意"), (3, "一般"), (4, "同意"), (5, "非常同意")], None)]
    fields = BASE_FIELDS + [(f[0], f[2], False, f[3]) for f in TURKIYE_FIELDS]
    dims = [(d, n, w, t, [(q, "agree5", text[q]) for q in items]) for d, n, w, t, items in TURKIYE_DIMS]
    xml = template_xml(
        {"id": "turkiye", "version": "2013", "title": "课程与教师评价（UCI Turkiye Student Evaluation，加齐大学）"},
        scales, fields, dims, [],
        "Real data: UCI Turkiye Student Evaluation (Gunduz & Fokoue 2013, CC BY 4.0); see PROVENANCE.md. "
        "Q1-Q12 rate the course, Q13-Q28 the instructor; no overall item, no recommend item. "
        "Dimensions, weights and targets are ours, for testing.",
    )
    with open(os.path.join(od, "template.xml"), "w", encoding="utf-8") as fh:
        fh.write(xml)
    out = os.path.join(od, "forms.csv")
    write_forms(out, ["form_id", "customer_id", "survey_date"] + ids, native_rows(rows, take), eol="\r\n")
    n = verify(out, header, rows[:take], ids)
    with open(os.path.join(od, "pipeline.ini"), "w", encoding="utf-8") as fh:
        fh.write(pipeline_ini("real-turkiye", "课程与教师评价分析报告（UCI Turkiye，真实数据）", "UCI Turkiye Student Evaluation: %d forms, 28 items on 1-5, 6 dimensions" % n))
    body = common_notes(n, len(rows), size, take == len(rows))
    body += (
        "- `forms.csv`: UTF-8 (ASCII), **CRLF** line ends like the source, comma, no BOM, no missing values.\n"
        "- Columns renamed from the uploader's descriptive header back to the original UCI names "
        "(position by position; `nb.repeat` becomes `nb_repeat`):\n\n"
        "| source header | id in forms.csv | role in template.xml | meaning (UCI) |\n|---|---|---|---|\n"
    )
    for fid, h, role, label, meaning in TURKIYE_FIELDS:
        body += "| `%s` | `%s` | %s (%s) | %s |\n" % (h, fid, role or "plain field", label, meaning)
    dim_of = {q: d for d, _, _, _, items in TURKIYE_DIMS for q in items}
    for qid, h, en, zh in TURKIYE_Q:
        body += "| `%s` | `%s` | item of `%s` | %s |\n" % (h, qid, dim_of[qid], en)
    body += (
        "\n- Scale `agree5` 1..5 with Chinese point labels (1 非常不同意 strongly disagree ... 5 非常同意 strongly agree); "
        "the data holds the numbers only. The English question texts above are those of the UCI data set page (attribute information); the template's item texts are our Chinese renderings of them.\n"
        "- Dimensions (ours): course_setup Q1-Q4, course_activities Q5-Q8, course_value Q9-Q12 (Q1-Q12 are the "
        "course items in UCI), teaching Q13-Q19, interaction Q20-Q23,Q25,Q28, assessment Q24,Q26,Q27 "
        "(Q13-Q28 are the instructor items). `assessment` has no target on purpose.\n"
        "- No overall and no recommend item (the study has neither): no r_overall, quadrant or NPS figures.\n"
        "- Segments: `instr` (3 values), `class` (13 values, the smallest has 41 forms), `nb_repeat` (3).\n"
        "- Many forms are straight-lined (every item 3, or every item 1): kept as they are.\n"
    )
    provenance(name, sd, sfile, od, body)
    return name, n


# --------------------------------------------------------------------------
# (b) psych::bfi
# --------------------------------------------------------------------------

BFI_DIMS = [
    ("agreeableness", "宜人性 (A)", "A"),
    ("conscientiousness", "尽责性 (C)", "C"),
    ("extraversion", "外向性 (E)", "E"),
    ("neuroticism", "神经质 (N)", "N"),
    ("openness", "开放性 (O)", "O"),
]


def bfi(src, dst):
    name = "rdatasets-psych-bfi"
    sd, od = os.path.join(src, name), os.path.join(dst, name)
    sfile = "bfi.csv"
    header, rows, size = read_source(os.path.join(sd, sfile))
    items = [d[2] + str(i) for d in BFI_DIMS for i in range(1, 6)]
    if header != ["rownames"] + items + ["gender", "education", "age"]:
        sys.exit("%s: unexpected header %r" % (sfile, header))
    dict_rows = list(csv.DictReader(open(os.path.join(sd, "bfi.dictionary.csv"), encoding="utf-8", newline="")))
    info = {r["rownames"]: r for r in dict_rows}
    take = len(rows) if size < MAX_BYTES else MAX_ROWS
    os.makedirs(od, exist_ok=True)
    scales = [("acc6", 1, 6, [(1, "非常不符合"), (2, "比较不符合"), (3, "有点不符合"), (4, "有点符合"), (5, "比较符合"), (6, "非常符合")], None)]
    fields = BASE_FIELDS + [
        ("rownames", "", False, "SAPA编号"),
        ("gender", "segment", False, "性别"),
        ("education", "segment", False, "学历"),
        ("age", "", False, "年龄"),
    ]
    dims = []
    for did, dname, letter in BFI_DIMS:
        its = []
        for i in range(1, 6):
            iid = "%s%d" % (letter, i)
            its.append((iid, "acc6", info[iid]["Item"]))
        dims.append((did, dname, "0.2", None, its))
    rev = [k for k in items if info[k]["Keying"].strip() == "-1"]
    xml = template_xml(
        {"id": "bfi", "version": "psych", "title": "大五人格量表（psych::bfi，SAPA，真实数据）"},
        scales, fields, dims, [],
        "Real data: R package psych, data set bfi (SAPA project, IPIP items), via Rdatasets; see PROVENANCE.md. "
        "Reverse-keyed items (Keying -1: %s) are NOT reversed: the forms hold the raw answers, so dimension "
        "scores and alpha mix directions on purpose. Weights are ours, for testing; no targets." % ", ".join(rev),
    )
    with open(os.path.join(od, "template.xml"), "w", encoding="utf-8") as fh:
        fh.write(xml)
    out = os.path.join(od, "forms.csv")
    write_forms(out, ["form_id", "customer_id", "survey_date"] + header, native_rows(rows, take))
    n = verify(out, header, rows[:take], header)
    with open(os.path.join(od, "pipeline.ini"), "w", encoding="utf-8") as fh:
        fh.write(pipeline_ini("real-bfi", "大五人格量表统计（psych::bfi，真实数据）", "psych::bfi: %d forms, 25 items on 1-6 with real missing answers, 5 dimensions" % n))
    empty = sum(1 for r in rows[:take] for c in r[1:26] if c == "")
    body = common_notes(n, len(rows), size, take == len(rows))
    body += (
        "- `forms.csv`: UTF-8 (ASCII), LF, comma, no BOM. Source columns kept with their names and order "
        "(`rownames`, A1..O5, gender, education, age) after the three added ones.\n"
        "- Missing answers stay EMPTY cells, as in the source: %d empty item cells (and the empty "
        "`education` cells). satreport must leave them out of every figure of that item.\n"
        "- Scale `acc6` 1..6 with Chinese point labels (1 非常不符合 Very Inaccurate ... 6 非常符合 Very Accurate); "
        "the data holds the numbers only. Item texts are the English texts of `bfi.dictionary.csv`.\n"
        "- Dimensions: the five scales, agreeableness A1-A5, conscientiousness C1-C5, extraversion E1-E5, "
        "neuroticism N1-N5, openness O1-O5, weight 0.2 each, no targets (personality scales have none).\n"
        "- **Reverse-keyed items are NOT reversed in the native format.** The dictionary's `Keying` is -1 for "
        "%s (it scores N toward emotional stability). satreport has no notion of reverse keying, so dimension "
        "scores, top2/bottom2 and Cronbach's alpha are computed on the raw answers: alpha of a dimension that "
        "mixes directions is low or negative. That is correct for these inputs and a good test of negative "
        "or small alphas; it is not the psych package's scale score.\n"
        "- Segments: `gender` (1 male 919, 2 female 1881), `education` (1..5; 223 forms have none: they are in "
        "no education group but are in the 'rest' of every education p-value). `rownames` (SAPA id) and `age` "
        "are plain fields.\n"
        "- No overall and no recommend item: no r_overall, quadrant or NPS figures.\n"
    ) % (empty, ", ".join(rev))
    provenance(name, sd, sfile, od, body)
    return name, n


# --------------------------------------------------------------------------
# (c) plspm bank customer satisfaction
# --------------------------------------------------------------------------

BANK_BLOCKS = [
    # (dimension id, name, weight, target, items, texts)
    ("image", "企业形象", "0.15", "80", ["imag1", "imag2", "imag3", "imag4", "imag5"],
     ["声誉 (reputation)", "可信赖 (trustworthiness)", "严谨 (seriousness)", "稳健 (solidness)", "关心客户需求 (caring about customer's needs)"]),
    ("expectations", "客户期望", "0.15", None, ["expe1", "expe2", "expe3", "expe4", "expe5"],
     ["客户期望 1", "客户期望 2", "客户期望 3", "客户期望 4", "客户期望 5"]),
    ("quality", "感知质量", "0.30", "80", ["qual1", "qual2", "qual3", "qual4", "qual5"],
     ["感知质量 1", "感知质量 2", "感知质量 3", "感知质量 4", "感知质量 5"]),
    ("value", "感知价值", "0.20", "75", ["val1", "val2", "val3", "val4"],
     ["价值 1 (beneficial services and products)", "价值 2 (valuable investments)", "价值 3 (quality relative to price)", "价值 4 (price relative to quality)"]),
    ("loyalty", "客户忠诚", "0.20", None, ["loy1", "loy2", "loy4"],
     ["再次选择本银行 (choose the same bank again)", "不会转投其他银行 (propensity to switch, see PROVENANCE)", "忠诚感 (sense of loyalty)"]),
]
BANK_FREE = [
    ("sat1", "overall", "总体满意度 (overall rating of satisfaction)"),
    ("sat2", None, "期望的实现 (fulfilment of expectations)"),
    ("sat3", None, "与其他银行相比的满意度 (satisfaction relative to other banks)"),
    ("sat4", None, "与理想银行相比 (performance relative to the ideal bank)"),
    ("loy3", "recommend", "向朋友推荐本银行 (intention to recommend the bank to friends)"),
]


def bank(src, dst):
    name = "plspm-bank-customer-satisfaction"
    sd, od = os.path.join(src, name), os.path.join(dst, name)
    sfile = "satisfaction.csv"
    header, rows, size = read_source(os.path.join(sd, sfile))
    items = [i for b in BANK_BLOCKS for i in b[4]] + [f[0] for f in BANK_FREE]
    if sorted(header) != sorted(items + ["gender"]):
        sys.exit("%s: unexpected header %r" % (sfile, header))
    lo = min(int(r[j]) for r in rows for j in range(len(header)) if header[j] != "gender")
    hi = max(int(r[j]) for r in rows for j in range(len(header)) if header[j] != "gender")
    if lo < 0 or hi > 10:
        sys.exit("%s: answers outside 0..10 (%d..%d)" % (sfile, lo, hi))
    take = len(rows) if size < MAX_BYTES else MAX_ROWS
    os.makedirs(od, exist_ok=True)
    scales = [("s11", 0, 10, [], None)]
    fields = BASE_FIELDS + [("gender", "segment", False, "性别")]
    dims = [(d, n, w, t, [(i, "s11", x) for i, x in zip(its, texts)]) for d, n, w, t, its, texts in BANK_BLOCKS]
    free = [(i, "s11", role, x) for i, role, x in BANK_FREE]
    xml = template_xml(
        {"id": "bank", "version": "plspm", "title": "银行顾客满意度调查（ECSI，plspm::satisfaction，真实数据）"},
        scales, fields, dims, free,
        "Real data: R package plspm, data set satisfaction (LIAM, UPC; a Spanish bank, ECSI model); see "
        "PROVENANCE.md. Dimensions follow the plspm blocks; sat1 is the overall item, loy3 the recommend "
        "item; sat2-sat4 are free items. Weights and targets are ours, for testing.",
    )
    with open(os.path.join(od, "template.xml"), "w", encoding="utf-8") as fh:
        fh.write(xml)
    out = os.path.join(od, "forms.csv")
    g = header.index("gender") + 3
    write_forms(out, ["form_id", "customer_id", "survey_date"] + header, native_rows(rows, take),
                quote_header=True, quote_cols=(g,))
    n = verify(out, header, rows[:take], header)
    with open(os.path.join(od, "pipeline.ini"), "w", encoding="utf-8") as fh:
        fh.write(pipeline_ini("real-bank", "银行顾客满意度调查分析报告（plspm，真实数据）", "plspm bank satisfaction: %d forms, 27 items on 0-10, 5 dimensions, overall, recommend" % n))
    body = common_notes(n, len(rows), size, take == len(rows))
    body += (
        "- `forms.csv`: UTF-8 (ASCII), LF, comma, no BOM; the header cells and the `gender` values are "
        "quoted, as R's write.csv wrote them in the source. Source columns kept with their names and order.\n"
        "- Scale: the data was checked to hold whole numbers %d..%d; the template's scale `s11` is 0..10 "
        "(an 11-point scale, no point labels). So top2 is 9-10 and bottom2 is 0-1 on every item.\n"
        "- Dimensions from the plspm blocks (IMAG, EXPE, QUAL, VAL, LOY): image imag1-5, expectations "
        "expe1-5, quality qual1-5, value val1-4, loyalty loy1, loy2, loy4. Targets on image, quality and "
        "value only.\n"
        "- The SAT block: `sat1` (overall rating of satisfaction) is the template's **overall** item "
        "(role=\"overall\"); `sat2`-`sat4` are free items (no dimension, so not in CSI).\n"
        "- `loy3` (intention to recommend the bank to friends, 0-10) is the **recommend** item, so NPS is "
        "computed on it. It is an agreement rating, not the classic NPS likelihood question; fine for a test.\n"
        "- `loy2` is described as the propensity to switch to another bank (reverse sense), but in this data "
        "it correlates positively with loy1 (r = 0.49), i.e. it is already scored in the loyalty direction; "
        "it is kept as it is.\n"
        "- Segment: `gender` (female/male).\n"
        "- Item texts: man/satisfaction.Rd describes each block by examples, not item by item. Where a block "
        "has as many examples as items (IMAG 5, VAL 4, SAT 4, LOY 4) the texts follow the Rd's order, as the "
        "shared provenance does; EXPE (\"products and services provided, customer service, providing "
        "solutions, and expectations for the overall quality\") and QUAL (\"reliable products and services, "
        "range of products and services, personal advice, and overall perceived quality\") have five items "
        "for four examples, so their items get neutral texts (客户期望 1-5, 感知质量 1-5).\n"
    ) % (lo, hi)
    provenance(name, sd, sfile, od, body)
    return name, n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC)
    ap.add_argument("--dst", default=DEFAULT_DST)
    a = ap.parse_args()
    for conv in (turkiye, bfi, bank):
        name, n = conv(a.src, a.dst)
        od = os.path.join(a.dst, name)
        sizes = ", ".join("%s %d" % (f, os.path.getsize(os.path.join(od, f))) for f in sorted(os.listdir(od)))
        print("%s: %d forms (%s bytes)" % (name, n, sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
