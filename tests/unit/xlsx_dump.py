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
# <type> is openpyxl's data_type: n number, s string, d date, b bool.
# Numbers print with repr() (shortest round-trip), dates as YYYY-MM-DD.
# Tabs, newlines and backslashes in values are escaped as \t \n \\.
import re
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.utils import column_index_from_string
except ImportError:
    sys.exit(77)


def esc(v):
    return (str(v).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    out = sys.stdout
    p = wb.properties
    for name in ("title", "subject", "creator", "category", "keywords",
                 "description"):
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
    out.write("P\tcompany\t%s\n" % esc(company))
    for i, ws in enumerate(wb.worksheets):
        out.write("S\t%d\t%s\t%s\t%s\t%d\t%d\n" % (
            i, esc(ws.title), ws.freeze_panes or "", ws.auto_filter.ref or "",
            ws.max_row, ws.max_column))
        out.write("H\t%s\t%s\t%s\t%s\n" % (
            esc(ws.title), esc(ws.oddHeader.right.text or ""),
            esc(ws.oddFooter.right.text or ""),
            esc(ws.oddFooter.left.text or "")))
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
