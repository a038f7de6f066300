#!/usr/bin/python3
"""Writes replies.xlsx: a records sheet (网站) and a sheet named after the
list fact (messages), one row per message keyed by the unit's id, with the
dates as real Excel date cells — written by openpyxl (Debian's
python3-openpyxl), a writer that is not govscore. tests/event_list_test.cpp
reads it against the reply rules. Run from this folder to regenerate."""
import datetime

import openpyxl

book = openpyxl.Workbook()
units = book.active
units.title = "网站"
units.append(["id", "名称", "分组"])
units.append(["a", "a网", "区县"])
units.append(["b", "b网", "部门"])
units.append(["c", "c网", "部门"])

messages = book.create_sheet("messages")
messages.append(["id", "received", "answered"])
d = datetime.date
# a: 2 Feb → 4 Feb 2024 (Sunday, worked) = 1 working day.
messages.append(["a", d(2024, 2, 2), d(2024, 2, 4)])
# b: 8 Feb → 19 Feb = 3 working days (9, 18, 19); then one unanswered.
messages.append(["b", d(2024, 2, 8), d(2024, 2, 19)])
messages.append(["b", d(2024, 3, 1), None])
for row in messages.iter_rows(min_row=2):
    for cell in row[1:]:
        cell.number_format = "yyyy-mm-dd"
book.save("replies.xlsx")
