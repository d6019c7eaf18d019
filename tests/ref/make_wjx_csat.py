#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""make_wjx_csat.py - the same forms as native CSV and as two 问卷星 exports

Writes tests/data/exports/wjx-csat/: deterministic, generated answers to
the bundled 顾客满意度调查表 (templates/forms/csat.xml), three times:

  native.csv                  satreport's native CSV (the truth)
  wjx_csat_text_gbk.csv       问卷星 "按选项文本" download saved as CSV by
                              Excel on Chinese Windows: GBK, CRLF, headers
                              "N、question", answers as option texts,
                              multi-select joined by ┋, skipped = (跳过)
  wjx_csat_codes_gbk.csv      问卷星 "按选项序号" download: answers as
                              option numbers, the 0-10 recommendation as
                              option 1-11, the multi-select split into 0/1
                              columns "31(网络质量)" ..., skipped = -3,
                              not shown = -2

The shipped mappings templates/mappings/wjx-csat.xml and
wjx-csat-codes.xml read the two exports; the end-to-end test checks that
all three give the same stats.csv.  A few forms are broken the same way in
all three files (a byte that is not GBK / not UTF-8, a bad date, a missing
customer id), so that the refusals agree too.

Usage: make_wjx_csat.py [--out tests/data/exports/wjx-csat] [--forms 400]
"""

import argparse
import csv
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "data", "exports", "wjx-csat"))

ITEMS = ["服务人员的服务态度", "服务人员的专业能力", "问题处理的及时性", "营业厅与热线的便利性", "服务承诺的兑现",
         "价格的合理性", "资费说明的清晰度", "套餐选择的丰富程度", "与同行相比的性价比",
         "网络覆盖与信号质量", "通话与上网的稳定性", "产品功能满足需求", "账单的准确性",
         "公司的信誉与形象", "公司的社会责任", "信息安全与隐私保护", "与公司继续合作的意愿",
         "投诉渠道的畅通", "投诉处理的速度", "投诉处理的结果", "投诉后的回访"]
SAT = ["很不满意", "不满意", "一般", "满意", "很满意"]
TYPES = ["一般客户", "特殊客户"]
REGIONS = ["华东", "华南", "华北", "华中", "西南", "东北", "西北"]
INDUSTRIES = ["个人", "制造", "银行", "零售", "物流", "餐饮"]
PLANS = ["个人套餐", "家庭套餐", "企业套餐"]
IMPROVE = ["网络质量", "资费", "服务态度", "办理效率"]
COMMENTS = ["", "", "", "客服响应很快，但套餐价格偏高", "希望增加夜间客服", "网络信号有时不稳定", "办理业务排队时间长"]
NAMES = ["上海", "广州", "北京", "武汉", "成都", "沈阳", "西安"]

SYSTEM = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
# question number of each template id, as the survey was built on wjx
FIELDS_Q = [("customer_id", "客户编号"), ("customer_name", "客户名称"), ("customer_type", "客户类别"),
            ("region", "所在区域"), ("industry", "所属行业"), ("phone", "联系电话")]


def make_forms(n, rng):
    forms = []
    for i in range(1, n + 1):
        f = {"seq": i}
        day = rng.randrange(0, 300)
        month, mday = 1 + day // 28, 1 + day % 28
        f["submit"] = (2026, month, mday, rng.randrange(8, 20), rng.randrange(60), rng.randrange(60))
        f["customer_id"] = "KH%06d" % rng.randrange(1000000)
        f["customer_name"] = "%s%s有限公司" % (rng.choice(NAMES), rng.choice(["快捷物流", "明达制造", "宏远贸易", "安信科技"]))
        f["customer_type"] = rng.choice(TYPES)
        f["region"] = rng.choice(REGIONS)
        f["industry"] = rng.choice(INDUSTRIES)
        f["phone"] = "1%d%09d" % (rng.randrange(3, 10), rng.randrange(10 ** 9))
        base = rng.choice([3, 4, 4, 5])
        f["items"] = []
        for _ in ITEMS:
            if rng.random() < 0.04:
                f["items"].append(None)  # skipped
            else:
                f["items"].append(min(5, max(1, base + rng.choice([-2, -1, 0, 0, 0, 1]))))
        f["overall"] = min(5, max(1, base + rng.choice([-1, 0, 0, 1])))
        f["recommend"] = None if rng.random() < 0.03 else min(10, max(0, 2 * base - 1 + rng.choice([-2, -1, 0, 1, 2])))
        f["plan"] = None if rng.random() < 0.05 else rng.randrange(3)
        f["improve"] = sorted(rng.sample(range(4), rng.choice([0, 1, 1, 2, 3])))
        f["C1"] = rng.choice(COMMENTS)
        f["C2"] = rng.choice(["", "", "", "账单有误", "投诉后无人回访"])
        f["broken"] = None
        forms.append(f)
    # the same defects in every copy of these forms
    forms[10]["broken"] = "byte"       # a stray byte in a comment
    forms[20]["customer_id"] = ""      # a required field left empty
    forms[30]["submit"] = (2026, 2, 30, 9, 0, 0)  # a date that does not exist
    forms[40]["customer_id"] = "K123"  # does not match the template's pattern
    return forms


def date_text(t):
    return "%d/%d/%d %d:%02d:%02d" % t


def native_row(f):
    r = {"form_id": "WJX%04d" % f["seq"], "survey_date": "%04d-%02d-%02d" % f["submit"][:3]}
    for k, _ in FIELDS_Q:
        r[k] = f[k]
    for k, v in enumerate(f["items"]):
        r["Q%d" % (k + 1)] = "" if v is None else str(v)
    r["overall"] = str(f["overall"])
    r["recommend"] = "" if f["recommend"] is None else str(f["recommend"])
    r["plan"] = "" if f["plan"] is None else str(f["plan"] + 1)
    r["improve"] = ";".join(str(k + 1) for k in f["improve"])
    r["C1"], r["C2"] = f["C1"], f["C2"]
    return r


NATIVE_HEADER = (["form_id", "survey_date"] + [k for k, _ in FIELDS_Q] + ["Q%d" % (k + 1) for k in range(len(ITEMS))]
                 + ["overall", "recommend", "plan", "improve", "C1", "C2"])


def wjx_header(codes):
    h = list(SYSTEM)
    q = 0
    for _, text in FIELDS_Q:
        q += 1
        h.append("%d、%s" % (q, text))
    for text in ITEMS:
        q += 1
        h.append("%d、%s" % (q, text))
    h.append("%d、总体满意度" % (q + 1))
    h.append("%d、向他人推荐本公司的可能性" % (q + 2))
    h.append("%d、您目前使用的套餐类型" % (q + 3))
    if codes:
        h.extend("%d(%s)" % (q + 4, o) for o in IMPROVE)
    else:
        h.append("%d、您最希望我们改进的方面" % (q + 4))
    h.append("%d、您对我们的意见和建议" % (q + 5))
    h.append("%d、您遇到过的问题或投诉" % (q + 6))
    return h


def wjx_row(f, codes):
    r = [str(f["seq"]), date_text(f["submit"]), "%d秒" % (100 + f["seq"] % 200), "手机提交", "直接访问", "0.0.0.0(未知)"]
    r += [f[k] for k, _ in FIELDS_Q]
    skip = "-3" if codes else "(跳过)"
    for v in f["items"]:
        r.append(skip if v is None else (str(v) if codes else SAT[v - 1]))
    r.append(str(f["overall"]) if codes else SAT[f["overall"] - 1])
    if f["recommend"] is None:
        r.append(skip)
    else:
        r.append(str(f["recommend"] + 1) if codes else str(f["recommend"]))
    if f["plan"] is None:
        r.append(skip)
    else:
        r.append(str(f["plan"] + 1) if codes else PLANS[f["plan"]])
    if codes:
        if f["improve"]:
            r.extend("1" if k in f["improve"] else "0" for k in range(4))
        else:
            r.extend(["-3"] * 4)
    else:
        r.append("┋".join(IMPROVE[k] for k in f["improve"]) if f["improve"] else skip)
    r.append(f["C1"] or ("(空)" if not codes else ""))
    r.append(f["C2"])
    return r


BAD = "\x00BAD\x00"  # stands for the stray byte until the text is encoded


def write(path, header, rows, encoding, eol, bad_byte):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator=eol)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    data = data.replace(BAD.encode(encoding), bad_byte)
    with open(path, "wb") as fh:
        fh.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--forms", type=int, default=400)
    a = ap.parse_args()
    rng = random.Random(20260301)
    forms = make_forms(a.forms, rng)
    os.makedirs(a.out, exist_ok=True)
    native = []
    for f in forms:
        r = native_row(f)
        if f["broken"] == "byte":
            r["C1"] = "信号" + BAD + "差"
        native.append([r[k] for k in NATIVE_HEADER])
    # UTF-8 with a BOM; the stray byte is one that UTF-8 never has
    write(os.path.join(a.out, "native.csv"), NATIVE_HEADER, native, "utf-8-sig", "\n", b"\xff")
    for codes, name in ((False, "wjx_csat_text_gbk.csv"), (True, "wjx_csat_codes_gbk.csv")):
        rows = []
        for f in forms:
            r = wjx_row(f, codes)
            if f["broken"] == "byte":
                r[-2] = "信号" + BAD + "差"
            rows.append(r)
        # GBK; 0xFF is not a byte of any GBK character
        write(os.path.join(a.out, name), wjx_header(codes), rows, "gb18030", "\r\n", b"\xff")
    print("%s: %d forms, 3 files" % (a.out, len(forms)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
