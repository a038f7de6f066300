#!/usr/bin/python3
"""Reads a workbook with openpyxl (Debian's python3-openpyxl) and prints, as
JSON, what a spreadsheet user sees: per sheet its cells (value and type), the
merged ranges, the frozen pane, the number format of each cell and which rows
are filled red. Used by tests/xlsx_test.cpp to read govscore's XLSX back with
a reader that is not govscore."""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": []}
for ws in workbook.worksheets:
    rows = []
    formats = []
    red = []
    for r, row in enumerate(ws.iter_rows(), start=1):
        rows.append([c.value if c.value is None or isinstance(c.value, (int, float, str)) else str(c.value) for c in row])
        formats.append([c.number_format for c in row])
        if any(c.fill is not None and c.fill.fgColor is not None and str(c.fill.fgColor.rgb).endswith("FFC7CE") for c in row):
            red.append(r)
    out["sheets"].append({
        "title": ws.title,
        "freeze": ws.freeze_panes,
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "rows": rows,
        "formats": formats,
        "red_rows": red,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
    })
json.dump(out, sys.stdout, ensure_ascii=False)
