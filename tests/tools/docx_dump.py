#!/usr/bin/python3
"""Reads a Word document with python-docx (Debian's python3-docx) and prints,
as JSON, what a Word user sees: the paragraphs (text, style, east-Asian font
of the first run), the tables (cell texts row by row, a merged cell's text in
each grid column it covers, and which rows repeat as headings on every
page) and the sections (orientation, page size). Used by
tests/docx_test.cpp to read govscore's DOCX back with a reader that is not
govscore."""
import json
import sys

import docx
from docx.oxml.ns import qn

document = docx.Document(sys.argv[1])


def east_asian_font(paragraph):
    for run in paragraph.runs:
        fonts = run._r.rPr.find(qn("w:rFonts")) if run._r.rPr is not None else None
        if fonts is not None:
            return fonts.get(qn("w:eastAsia"))
    return None


out = {"paragraphs": [], "tables": [], "sections": [], "order": []}
body = document.element.body
for child in body.iterchildren():
    if child.tag == qn("w:p"):
        out["order"].append("p")
    elif child.tag == qn("w:tbl"):
        out["order"].append("table")
for p in document.paragraphs:
    out["paragraphs"].append({"text": p.text, "style": p.style.name, "font": east_asian_font(p)})
for table in document.tables:
    rows = []
    heading_rows = []
    for i, row in enumerate(table.rows):
        rows.append([cell.text for cell in row.cells])
        trPr = row._tr.trPr
        if trPr is not None and trPr.find(qn("w:tblHeader")) is not None:
            heading_rows.append(i)
    out["tables"].append({"rows": rows, "heading_rows": heading_rows})
for section in document.sections:
    out["sections"].append({
        "orientation": "landscape" if section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE else "portrait",
        "width": section.page_width.twips if hasattr(section.page_width, "twips") else int(section.page_width / 635),
        "height": section.page_height.twips if hasattr(section.page_height, "twips") else int(section.page_height / 635),
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
