#!/usr/bin/env python3
"""Writes the seed corpus of the `xlsx` fuzz target, fuzz/corpus/xlsx/ (run from the repository root).

Two kinds of seed (see fuzz/fuzz_targets/xlsx_parts.rs): whole workbooks
(tests/bad_inputs/workbook/*.xlsx, the evidence template of `tierscore init`
if given as an argument), used as they are; and the parts of a workbook —
sheet XML, NUL, shared-strings XML, NUL, workbook XML — which the target
stores in an otherwise fixed xlsx. The part seeds are the mini evidence
(tests/fixtures/mini-wide.csv and mini-long.csv) written with shared strings,
inline strings, numbers, booleans, error cells, formulas with and without a
saved value, merged ranges and a title row, plus the parts of each hostile workbook.
"""
import csv
import glob
import hashlib
import os
import sys
import zipfile

OUT = "fuzz/corpus/xlsx"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook ' + NS +
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')


def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet(rows, shared, extra="", title=False):
    strings = []
    out = []
    offset = 1 if title else 0
    if title:
        out.append('<row r="1"><c r="A1" t="inlineStr"><is><t>服务商评估</t></is></c></row>')
    for r, row in enumerate(rows):
        n = r + 1 + offset
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{n}"
            if v == "":
                continue
            try:
                float(v)
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            except ValueError:
                if shared:
                    strings.append(v)
                    cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        out.append(f'<row r="{n}">' + "".join(cells) + "</row>")
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + "><sheetData>" +
           "".join(out) + "</sheetData>" + extra + "</worksheet>")
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst ' + NS +
           f' count="{len(strings)}" uniqueCount="{len(strings)}">' +
           "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    return xml, sst


def write(data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def parts(xml, sst, workbook=WORKBOOK):
    write(xml.encode() + b"\0" + sst.encode() + b"\0" + workbook.encode())


wide = list(csv.reader(open("tests/fixtures/mini-wide.csv", encoding="utf-8")))
long = list(csv.reader(open("tests/fixtures/mini-long.csv", encoding="utf-8")))
for rows in (wide, long):
    for shared in (True, False):
        parts(*sheet(rows, shared))
    parts(*sheet(rows, True, title=True))
xml, sst = sheet(wide, True)
odd = (xml.replace('<c r="B2"><v>110</v></c>', '<c r="B2"><f>100+10</f><v>110</v></c>')
          .replace('<c r="B3"><v>60</v></c>', '<c r="B3"><f>50+10</f></c>')
          .replace('<c r="E2"><v>10</v></c>', '<c r="E2" t="e"><v>#DIV/0!</v></c>')
          .replace('<c r="F2"><v>300</v></c>', '<c r="F2" t="b"><v>1</v></c>'))
parts(odd, sst)
parts(*sheet(wide, True, extra='<mergeCells count="1"><mergeCell ref="H2:H4"/></mergeCells>'))
for path in sorted(glob.glob("tests/bad_inputs/workbook/*.xlsx")) + sys.argv[1:]:
    data = open(path, "rb").read()
    write(data)
    z = zipfile.ZipFile(path)
    names = z.namelist()
    xml = z.read("xl/worksheets/sheet1.xml").decode()
    sst = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else ""
    parts(xml, sst, z.read("xl/workbook.xml").decode())
