#!/usr/bin/env python3
"""Writes the hostile workbooks of tests/bad_inputs/workbook/ (run from the repository root).

Each is the mini wide evidence (tests/fixtures/mini-wide.csv) as a hand-made
xlsx, plus one hostile feature. Written by hand, not by a spreadsheet program,
because the point is what a program would never write: dimensions, counts and
merged ranges that lie. Deterministic: fixed zip timestamps.
"""
import csv
import zipfile

OUT = "tests/bad_inputs/workbook"
ROWS = list(csv.reader(open("tests/fixtures/mini-wide.csv", encoding="utf-8")))


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(r, c, v):
    ref = f"{col_name(c)}{r + 1}"
    try:
        float(v)
        return f'<c r="{ref}"><v>{v}</v></c>'
    except ValueError:
        return f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'


def sheet(rows, dimension="A1:H4", merges=(), extra_rows=""):
    body = "".join(
        f'<row r="{r + 1}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows)
    )
    merge = ""
    if merges:
        merge = f'<mergeCells count="{len(merges)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in merges
        ) + "</mergeCells>"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{body}{extra_rows}</sheetData>{merge}</worksheet>'
    )


def write(name, sheet_xml, shared=None):
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else "")
        + "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    wb = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
        + "</Relationships>"
    )
    files = [
        ("[Content_Types].xml", ct),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", wb),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ]
    if shared:
        files.append(("xl/sharedStrings.xml", shared))
    with zipfile.ZipFile(f"{OUT}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in files:
            info = zipfile.ZipInfo(path, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


# One value at XFD1048576: the dimension says 17 billion cells.
write("far-cell-xfd1048576.xlsx", sheet(ROWS, "A1:XFD1048576",
      extra_rows='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
# The same dimension and an empty styled cell there: nothing to read, so it scores.
write("dimension-lies.xlsx", sheet(ROWS, "A1:XFD1048576",
      extra_rows='<row r="1048576"><c r="XFD1048576" s="0"/></row>'))
# A shared-strings table declaring four billion entries.
write("shared-strings-4e9.xlsx", sheet(ROWS),
      shared='<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'count="1" uniqueCount="4000000000"><si><t>a</t></si></sst>')
# 2,000 merged ranges over whole columns: read in a moment, the values unchanged.
write("merged-2000-whole-columns.xlsx", sheet(ROWS, merges=[f"{col_name(c)}1:{col_name(c)}1048576" for c in range(2000)]))
# More merged ranges than are read.
write("merged-too-many.xlsx", sheet(ROWS, merges=[f"A{r}:A{r + 1}" for r in range(10, 20012, 2)]))
# Formulas saved without a value, as openpyxl writes them: B3 (b's staff).
rows = [list(r) for r in ROWS]
formula = sheet(rows).replace('<c r="B3"><v>60</v></c>', '<c r="B3"><f>50+10</f></c>')
assert "<f>50+10</f>" in formula
write("formula-no-cached-value.xlsx", formula)
# 2,500 rows of one cell and one cell 2,047 columns to the right: 5.1 million cells to lay out.
tall = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>p{r}</t></is></c></row>' for r in range(10, 2510))
write("cells-span-too-many.xlsx", sheet(ROWS, extra_rows=tall + f'<row r="2510"><c r="{col_name(2047)}2510"><v>1</v></c></row>'))
