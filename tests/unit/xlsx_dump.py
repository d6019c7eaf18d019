#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# xlsx_dump.py - dump a workbook as tab-separated lines for test_xlsx.c
#
# Reads the .xlsx with openpyxl (an independent reader: what Excel users'
# tools see) and prints one line per fact, so the C test can compare every
# cell with the model it built:
#   P  <property>  <value>                       document properties
#   S  <index>  <sheet>  <freeze>  <autofilter>  <max_row>  <max_col>
#   H  <sheet>  <header right>  <footer right>  <footer left>
#   W  <sheet>  <col>  <width>                   set column widths (0-based)
#   C  <sheet>  <row>  <col>  <type>  <format>  <value>   (0-based, non-empty)
#   Z  <zip member>  <uncompressed size>
#   X  <sheet>  <protected 0/1>  <password hash>  <autofilter locked 0/1>
#   F  <sheet>  <range>  <rule type>  <operator>  <formula>   conditional formats
#   G  <sheet>  <type>  <title>  <x axis title>  <y axis title>  <legend>
#                                                 a chart, then per series:
#   J  <sheet>  <name>  <categories ref>  <values ref>  <data labels 0/1>
# <type> is openpyxl's data_type: n number, s string, d date, b bool.
# Numbers print with repr() (shortest round-trip), dates as YYYY-MM-DD.
# Tabs, newlines and backslashes in values are escaped as \t \n \\.
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

try:
    import openpyxl
    from openpyxl.utils import column_index_from_string
except ImportError:
    sys.exit(77)


def esc(v):
    return (str(v).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
RID = "{%s}id" % NS["r"]


def rels(z, part):
    """Targets of the relationships of @part, by id, as zip member names."""
    d, f = posixpath.split(part)
    path = posixpath.join(d, "_rels", f + ".rels")
    out = {}
    try:
        root = ET.fromstring(z.read(path))
    except KeyError:
        return out
    for r in root.findall("pr:Relationship", NS):
        out[r.get("Id")] = posixpath.normpath(posixpath.join(d, r.get("Target")))
    return out


def text_of(el):
    if el is None:
        return ""
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["a"]))


def chart_lines(z, out):
    """G and GS lines: every chart, by the sheet that shows it."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    wb_rels = rels(z, "xl/workbook.xml")
    for sh in wb.find("m:sheets", NS):
        name = sh.get("name")
        part = wb_rels[sh.get(RID)]
        for drawing in rels(z, part).values():
            if "drawings/" not in drawing:
                continue
            for chart in sorted(rels(z, drawing).values()):
                root = ET.fromstring(z.read(chart))
                plot = root.find("c:chart/c:plotArea", NS)
                kinds = [el for el in plot if el.tag.endswith("Chart")]
                kind = kinds[0].tag.split("}")[1] if kinds else ""
                if kinds and kinds[0].find("c:barDir", NS) is not None:
                    kind += ":" + kinds[0].find("c:barDir", NS).get("val")
                axes = {}
                for ax in plot:
                    if ax.tag.endswith("Ax"):
                        axes[ax.tag.split("}")[1]] = text_of(ax.find("c:title", NS))
                legend = root.find("c:chart/c:legend/c:legendPos", NS)
                out.write("G\t%s\t%s\t%s\t%s\t%s\t%s\n" % (
                    esc(name), kind, esc(text_of(root.find("c:chart/c:title", NS))),
                    esc(axes.get("catAx", "")), esc(axes.get("valAx", "")),
                    legend.get("val") if legend is not None else ""))
                for ser in plot.iter("{%s}ser" % NS["c"]):
                    tx = ser.find("c:tx", NS)
                    sname = ""
                    if tx is not None:
                        v = tx.find(".//c:v", NS)
                        sname = v.text if v is not None else ""
                    cat = ser.find("c:cat//c:f", NS)
                    val = ser.find("c:val//c:f", NS)
                    lab = ser.find("c:dLbls/c:showVal", NS)
                    out.write("J\t%s\t%s\t%s\t%s\t%d\n" % (
                        esc(name), esc(sname),
                        esc(cat.text if cat is not None else ""),
                        esc(val.text if val is not None else ""),
                        1 if lab is not None and lab.get("val") == "1" else 0))


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    out = sys.stdout
    p = wb.properties
    for name in ("title", "subject", "creator", "category", "keywords",
                 "description", "contentStatus"):
        out.write("P\t%s\t%s\n" % (name, esc(getattr(p, name) or "")))
    out.write("P\tcreated\t%s\n" % (p.created.strftime("%Y-%m-%dT%H:%M:%S")
                                    if p.created else ""))
    company = ""
    with zipfile.ZipFile(sys.argv[1]) as z:
        for info in z.infolist():
            out.write("Z\t%s\t%d\n" % (esc(info.filename), info.file_size))
        try:
            app = z.read("docProps/app.xml").decode("utf-8")
            m = re.search(r"<Company>(.*?)</Company>", app)
            company = m.group(1) if m else ""
        except KeyError:
            pass
        chart_lines(z, out)
    out.write("P\tcompany\t%s\n" % esc(company))
    for i, ws in enumerate(wb.worksheets):
        out.write("S\t%d\t%s\t%s\t%s\t%d\t%d\n" % (
            i, esc(ws.title), ws.freeze_panes or "", ws.auto_filter.ref or "",
            ws.max_row, ws.max_column))
        out.write("H\t%s\t%s\t%s\t%s\n" % (
            esc(ws.title), esc(ws.oddHeader.right.text or ""),
            esc(ws.oddFooter.right.text or ""),
            esc(ws.oddFooter.left.text or "")))
        pr = ws.protection
        out.write("X\t%s\t%d\t%s\t%d\n" % (
            esc(ws.title), 1 if pr.sheet else 0, pr.password or "",
            1 if pr.autoFilter else 0))
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                out.write("F\t%s\t%s\t%s\t%s\t%s\n" % (
                    esc(ws.title), cf.sqref, rule.type, rule.operator or "",
                    esc(",".join(rule.formula or []))))
        for letter, dim in sorted(ws.column_dimensions.items()):
            if dim.width and dim.customWidth:
                lo = column_index_from_string(letter)
                hi = dim.max or lo
                for c in range(max(lo, dim.min or lo), hi + 1):
                    out.write("W\t%s\t%d\t%r\n" % (esc(ws.title), c - 1,
                                                   float(dim.width)))
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                v = cell.value
                if cell.data_type == "d" or hasattr(v, "strftime"):
                    t, v = "d", v.strftime("%Y-%m-%d")
                elif isinstance(v, bool):
                    t = "b"
                elif isinstance(v, (int, float)):
                    t, v = "n", repr(float(v))
                else:
                    t = "s"
                out.write("C\t%s\t%d\t%d\t%s\t%s\t%s\n" % (
                    esc(ws.title), cell.row - 1, cell.column - 1, t,
                    esc(cell.number_format), esc(v)))


if __name__ == "__main__":
    main()
