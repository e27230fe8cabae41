#!/usr/bin/env python3
"""The workbook as a real spreadsheet program reads it.

LibreOffice (headless, with a private profile that recalculates every formula on load) opens the
workbook budgetlens writes for the seeds (or corpus/ when ../shared is absent) and saves each sheet as
CSV. The test asserts that every check formula, recalculated, equals the value budgetlens computed;
that every amount is a number, not text; that the figures failing checks state are red in their table
sheets, with the check as a comment; that the summary's counts equal the JSON Lines records of the same
run; and that document text starting with "=" arrives as text, not as a formula or a link.

usage: workbook_test.py BUDGETLENS SOURCE_DIR   (exit 77: LibreOffice or openpyxl missing, skipped)
"""
import csv
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

SKIP = 77
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)


def run(binary, inputs, out, *extra):
    subprocess.run([binary, "extract", *inputs, "-o", out, "-q", *extra], check=True)


def recalculated_csvs(xlsx, work):
    """Each sheet of `xlsx` as LibreOffice recalculates and saves it: {sheet name: rows}."""
    profile = os.path.join(work, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(PROFILE)
    outdir = os.path.join(work, "csv")
    os.makedirs(outdir, exist_ok=True)
    # separator, quote, UTF-8, first line, -, -, -, -, cell values not as shown, values not formulas, -, every sheet
    filter_options = "44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):" + filter_options, "--outdir", outdir, xlsx],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    stem = os.path.splitext(os.path.basename(xlsx))[0]
    sheets = {}
    for path in glob.glob(os.path.join(outdir, stem + "-*.csv")):
        name = os.path.basename(path)[len(stem) + 1:-4]
        with open(path, encoding="utf-8-sig", newline="") as f:
            sheets[name] = list(csv.reader(f))
    return sheets


def close(a, b):
    a, b = Decimal(str(a)), Decimal(str(b))
    return abs(a - b) <= Decimal("1e-6") * max(Decimal(1), abs(b))


def main(argv):
    binary, source = argv[1], argv[2]
    try:
        import openpyxl
    except ImportError:
        print("openpyxl is not installed (Debian python3-openpyxl): the workbook test is skipped")
        return SKIP
    if not shutil.which("soffice"):
        print("LibreOffice is not installed (Debian libreoffice-calc-nogui): the workbook test is skipped")
        return SKIP
    seeds = os.path.join(source, "..", "shared", "seeds")
    inputs = [seeds] if os.path.isdir(seeds) else [os.path.join(source, "corpus")]
    print("workbook of", inputs[0])
    work = tempfile.mkdtemp(prefix="budgetlens-workbook-")
    try:
        xlsx, jsonl = os.path.join(work, "book.xlsx"), os.path.join(work, "book.jsonl")
        run(binary, inputs, xlsx)
        run(binary, inputs, jsonl)
        records = [json.loads(line) for line in open(jsonl, encoding="utf-8")]
        book = openpyxl.load_workbook(xlsx)
        sheets = recalculated_csvs(xlsx, work)
        check("校验" in sheets and "金额" in sheets, "LibreOffice saved sheets %s" % sorted(sheets))

        # Every check formula, recalculated, gives budgetlens's computed value, and its difference.
        formulas = 0
        ws = book["校验"]
        recalculated = sheets.get("校验", [])
        header = [c.value for c in ws[1]]
        col = {name: header.index(name) for name in ("计算值", "表述值", "公式", "公式差额", "编号")}
        for r, cells in enumerate(ws.iter_rows(min_row=2), start=1):
            f = cells[col["公式"]].value
            if not f:
                continue
            formulas += 1
            check(isinstance(f, str) and f.startswith("="), "row %d: %r is no formula" % (r + 1, f))
            got = recalculated[r][col["公式"]]
            computed = cells[col["计算值"]].value
            check(got != "" and close(got, computed),
                  "check %s: formula %s recalculates to %r, budgetlens computed %r" % (cells[col["编号"]].value, f, got, computed))
            diff = recalculated[r][col["公式差额"]]
            stated = cells[col["表述值"]].value
            check(close(diff, Decimal(str(stated)) - Decimal(str(computed))),
                  "check %s: formula difference %r, stated %r − computed %r" % (cells[col["编号"]].value, diff, stated, computed))
        check(formulas >= 10, "only %d check rows carry a formula" % formulas)

        # Amounts are numbers in the long sheet, and in the table sheets wherever a cell is just its figure.
        amounts = book["金额"]
        value_col = [c.value for c in amounts[1]].index("数值")
        for r, cells in enumerate(amounts.iter_rows(min_row=2), start=2):
            check(cells[value_col].data_type == "n", "金额 row %d holds %r, not a number" % (r, cells[value_col].value))
        sheet_of = {}
        tables = book["表格"]
        th = [c.value for c in tables[1]]
        for cells in tables.iter_rows(min_row=2, values_only=True):
            sheet_of[(cells[th.index("文件")], cells[th.index("编号")])] = cells[th.index("工作表")]
        cell_text = {}
        for t in (x for x in records if x["type"] == "table"):
            for c in t["cells"]:
                cell_text[(t["doc"], t["id"], c["row"], c["col"])] = c["text"]
        numeric = 0
        for q in (x for x in records if x["type"] == "quantity" and x["table"]):
            if cell_text.get((q["doc"], q["table"], q["row"], q["col"])) != q["raw"] or q["kind"] == "other":
                continue
            ws = book[sheet_of[(q["doc"], q["table"])]]
            cell = ws.cell(row=q["row"] + 3, column=q["col"] + 1)
            numeric += 1
            check(cell.data_type == "n", "%s %s %s: table cell %s holds %r, not a number" % (q["doc"], q["table"], q["id"], cell.coordinate, cell.value))

        # Each table sheet merges the cells its grid merges.
        merged = 0
        for t in (x for x in records if x["type"] == "table"):
            spans = sum(1 for c in t["cells"] if c["rowspan"] > 1 or c["colspan"] > 1)
            ws = book[sheet_of[(t["doc"], t["id"])]]
            check(len(ws.merged_cells.ranges) == spans, "%s %s: %d merged ranges for %d merged cells" % (t["doc"], t["id"], len(ws.merged_cells.ranges), spans))
            merged += spans

        # A figure that a failing check states is red in its table sheet, with the check as a comment.
        red = 0
        for k in (x for x in records if x["type"] == "check" and x["status"] == "fail"):
            stated = k["evidence"][0]
            if not stated.get("table") or stated.get("row") is None or stated.get("col") is None:
                continue
            ws = book[sheet_of[(k["doc"], stated["table"])]]
            cell = ws.cell(row=stated["row"] + 3, column=stated["col"] + 1)
            red += 1
            check(cell.fill.fgColor.rgb in ("FFF4B6B6", "00F4B6B6"), "%s %s: stated cell %s is not red (%s)" % (k["doc"], k["id"], cell.coordinate, cell.fill.fgColor.rgb))
            check(cell.comment is not None and k["rule"] in cell.comment.text, "%s %s: no comment on %s" % (k["doc"], k["id"], cell.coordinate))

        # The summary's counts are the records of the same run.
        summary = book["概览"]
        sh = [c.value for c in summary[1]]
        for cells in summary.iter_rows(min_row=2, values_only=True):
            doc = cells[sh.index("文件")]
            mine = [x for x in records if x.get("doc") == doc]
            for column, kind in (("章节数", "section"), ("表格数", "table"), ("金额数", "quantity"), ("指标数", "indicator"), ("校验数", "check")):
                check(cells[sh.index(column)] == sum(1 for x in mine if x["type"] == kind), "%s: %s %r" % (doc, column, cells[sh.index(column)]))
            for column, status in (("通过", "pass"), ("舍入", "rounding"), ("不符", "fail"), ("未核对", "skipped")):
                n = sum(1 for x in mine if x["type"] == "check" and x["status"] == status)
                check(cells[sh.index(column)] == n, "%s: %s %r, JSON Lines %d" % (doc, column, cells[sh.index(column)], n))

        # Document text that looks like a formula stays text; the only links are budgetlens's own.
        hostile = os.path.join(work, "hostile.txt")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write('项目 | 说明 | 金额 |\n=HYPERLINK("http://x","y") | =1+1 | 10.00 |\n+cmd | @SUM(A1) | 5.00 |\n合计 | -2 | 15.00 |\n')
        hx = os.path.join(work, "hostile.xlsx")
        run(binary, [hostile], hx)
        hb = openpyxl.load_workbook(hx)
        texts = 0
        for ws in hb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@" and cell.value != "=" and "HYPERLINK" in cell.value or cell.value in ("=1+1", "+cmd", "@SUM(A1)"):
                        texts += 1
                        check(cell.data_type == "s", "%s!%s holds %r as %s, not text" % (ws.title, cell.coordinate, cell.value, cell.data_type))
                    if cell.hyperlink is not None:
                        check(cell.hyperlink.location or (cell.hyperlink.target or "").startswith("#"), "%s!%s links outside: %r" % (ws.title, cell.coordinate, cell.hyperlink.target))
        check(texts >= 3, "the formula-like texts were not found in the workbook (%d)" % texts)

        print("%d check formulas recalculated, %d table cells as numbers, %d merged ranges, %d failing figures red" % (formulas, numeric, merged, red))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in FAILURES:
        print("FAIL:", f)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
