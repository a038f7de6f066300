#!/usr/bin/python3
"""Writes the hostile and broken spreadsheets of tests/data/bad/ (xlsx-*.xlsx,
utf16-*.csv, gbk-bad-byte-line-801.csv): small workbooks whose XML is written
out here by hand, zipped with Python's zipfile, so that each shows exactly one
problem. Their messages (*.expected) were checked by hand, not generated. Run
from this folder to regenerate: ./make_bad_sheets.py"""
import os
import zipfile

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bad"))

WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="专栏" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def text(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


HEADER = '<row r="1">' + text("A1", "序号") + text("B1", "名称") + text("C1", "周扫描") + '</row>'


def row(n, cells):
    return f'<row r="{n}">' + "".join(cells) + '</row>'


def unit(n, points):  # 序号 n-1, name 单位n, 周扫描 points
    return row(n, [f'<c r="A{n}"><v>{n - 1}</v></c>', text(f"B{n}", f"单位{n - 1}"),
                   f'<c r="C{n}"><v>{points}</v></c>'])


def sheet(rows, after=""):
    return SHEET_HEAD + '<sheetData>' + "".join(rows) + '</sheetData>' + after + '</worksheet>'


def book(name, sheet_xml, shared=None, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(name, "w", compression) as z:
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
                       "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>")


# References past XFD1048576: 13 letters (once std::bad_alloc), 7 letters
# (once a signed overflow), 6 letters (once 12 s and 680 MB), a row past the last.
for name, ref in [("xlsx-ref-13-letters", "ZZZZZZZZZZZZZ2"), ("xlsx-ref-7-letters", "ZZZZZZZ2"),
                  ("xlsx-ref-6-letters", "AAAAAA2"), ("xlsx-ref-row-past-last", "A1048577")]:
    book(name + ".xlsx", sheet([HEADER, row(2, [f'<c r="{ref}"><v>1</v></c>'])]))

# A sheet that inflates past 64 MiB: 70 MiB of spaces between two rows,
# compressed with bzip2 (which libzip reads) to a few hundred bytes.
book("xlsx-zip-bomb.xlsx", SHEET_HEAD + '<sheetData>' + HEADER + " " * (70 << 20) + unit(2, 1) + '</sheetData></worksheet>',
     compression=zipfile.ZIP_BZIP2)

# A formula as openpyxl writes it: no saved value.
book("xlsx-formula-without-value.xlsx", sheet([HEADER, unit(2, 5), row(3, [
    '<c r="A3"><v>2</v></c>', text("B3", "单位2"), '<c r="C3"><f>4+6</f><v></v></c>'])]))

# 周扫描 merged over two units.
book("xlsx-merged-points.xlsx", sheet([HEADER, unit(2, 10), row(3, ['<c r="A3"><v>2</v></c>', text("B3", "单位2")])],
                                      '<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>'))

# Two <row r="2">: the second unit was once dropped silently.
book("xlsx-duplicate-row.xlsx", sheet([HEADER, unit(2, 1), unit(2, 2), unit(3, 3)]))

# Two cells B2 in one row.
book("xlsx-duplicate-cell.xlsx", sheet([HEADER, row(2, ['<c r="A2"><v>1</v></c>', text("B2", "单位1"), text("B2", "单位9")])]))

# Shared-string cells in a workbook without shared strings, and past its strings.
shared_rows = [row(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>']),
               row(2, ['<c r="A2"><v>1</v></c>', '<c r="B2" t="s"><v>3</v></c>'])]
book("xlsx-no-shared-strings.xlsx", sheet(shared_rows))
book("xlsx-shared-string-out-of-range.xlsx", sheet(shared_rows[:1] + [row(2, ['<c r="A2"><v>1</v></c>', '<c r="B2" t="s"><v>7</v></c>'])]),
     shared=["序号", "名称", "周扫描"])

# A DOCTYPE with nested entities ("billion laughs"): no workbook part has one.
book("xlsx-doctype.xlsx", '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + sheet([HEADER, row(2, [text("B2", "&b;")])])[len(SHEET_HEAD):])

# A cell whose reference names another row than the one it is in.
book("xlsx-cell-in-wrong-row.xlsx", sheet([HEADER, row(2, ['<c r="A2"><v>1</v></c>', text("B3", "单位1")])]))

# CSV in UTF-16, as Excel's "Unicode Text" and some tools write it.
CSV = "序号,名称,周扫描\r\n1,区科技局专栏,10\r\n"
for name, encoding, bom in [("utf16-le-bom", "utf-16-le", b"\xff\xfe"), ("utf16-be-bom", "utf-16-be", b"\xfe\xff"),
                            ("utf16-le-no-bom", "utf-16-le", b""), ("utf16-be-no-bom", "utf-16-be", b"")]:
    with open(name + ".csv", "wb") as f:
        f.write(bom + CSV.encode(encoding))

# A GBK export with one broken character on line 801 (once reported on line 1).
lines = ["序号,名称,周扫描"] + [f"{i},单位{i},1" for i in range(1, 800)]
with open("gbk-bad-byte-line-801.csv", "wb") as f:
    f.write(("\r\n".join(lines) + "\r\n").encode("gb18030") + b"800,\xb5\xa5\xff,1\r\n")

# Excel's binary (OLE) container under an .xlsx name: a renamed .xls, or a
# workbook saved with a password. Its signature, then an empty header block.
with open("xlsx-ole-container.xlsx", "wb") as f:
    f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
