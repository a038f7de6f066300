#!/usr/bin/python3
"""Writes the same ten Dazu website columns as JSON, as a CSV in UTF-8 with
a BOM (Excel's "CSV UTF-8"), as a CSV in GBK (Excel's "CSV" on Chinese
Windows) and as an .xlsx written by openpyxl (Debian's python3-openpyxl), a
writer that is not govscore. tests/spreadsheet_test.cpp scores all four and
requires byte-identical results. Run from this folder to regenerate."""
import csv
import io
import json

import openpyxl

HEADER = ["序号", "主管单位", "名称", "对外服务", "单项否决", "否决原因", "内容更新（50分）/周扫描", "内容更新（50分）/季度检查",
          "政策解读（10分）", "错情整改（20分）", "办事指南（10分）", "公开信箱（8分）", "网站找错（2分）", "加分（20分）", "备注"]
ROWS = [
    [1, "区科技局", "区科技局专栏", "是", "否", "", 10, "", "", "", "", "", "", "", "100 − 10 ÷ 2 = 95.0"],
    [2, "区城市管理局", "区城市管理局专栏", "是", "否", "", 10, "", "", "", 1, "", "", "", "100 − 5 − 1 = 94.0"],
    [3, "区应急局", "区应急局专栏", "是", "否", "", "", 20, "", "", "", "", "", "", "100 − 20 = 80.0"],
    [4, "双桥经开区管委会", "双桥经开区专栏", "否", "否", "", "", 10, "", "", "不考核", "", "", "", "(90 − 10) × 100 ÷ 90 = 88.9"],
    [5, "区文化旅游委", "区文化执法支队专栏", "是", "否", "", 10, "", "", "", "不考核", "", "", "", "(90 − 5) × 100 ÷ 90 = 94.4"],
    [6, "区交通局", "区交通局专栏", "是", "是", "首页不更新、栏目不更新", "", "", "", "", "", "", "", "", "单项否决"],
    [7, "区统计局", "区统计局专栏", "是", "否", "", 1.3, 0.5, "", "", "", "", "", "", "100 − 0.65 − 0.5 = 98.85 → 98.9"],
    [8, "区医保局", "区医保局专栏", "是", "否", "", "", "", "", "", "", "", "", 25, "100 + 20 (capped) = 120.0"],
    [9, "区住房城乡建委", "区住房城乡建委专栏", "是", "否", "", "", "", 2.5, "", "", 2, 1, 5, "100 − 2.5 − 2 − 1 + 5 = 99.5"],
    [10, "智凤街道办事处", "智凤街道专栏", "是", "否", "", "", 30, "", 15, "", "", "", "", "100 − 30 − 15 = 55.0"],
]

records = []
for r in ROWS:
    rec = {"id": str(r[0]), "name": r[2], "owner": r[1], "target": "website", "note": r[14]}
    if r[3] == "否":
        rec["public_services"] = False
    if r[5]:
        rec["veto"] = r[5].split("、")
    deductions = {}
    for title, value in zip(["周扫描", "季度检查", "政策解读", "错情整改", "办事指南", "公开信箱", "网站找错"], r[6:13]):
        if value != "":
            deductions[title] = value
    if deductions:
        rec["deductions"] = deductions
    if r[13] != "":
        rec["bonus"] = r[13]
    records.append(rec)
with open("websites.json", "w", encoding="utf-8") as f:
    json.dump({"period": "2021Q1", "records": records}, f, ensure_ascii=False, indent=1)

text = io.StringIO()
writer = csv.writer(text, lineterminator="\r\n")
writer.writerow(HEADER)
for r in ROWS:
    writer.writerow(r)
with open("websites.csv", "w", encoding="utf-8-sig", newline="") as f:
    f.write(text.getvalue())
with open("websites-gbk.csv", "w", encoding="gb18030", newline="") as f:
    f.write(text.getvalue().replace("−", "-").replace("×", "*").replace("÷", "/").replace("→", "->"))

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "专栏"
sheet.append(["2021年第一季度区级部门专栏检查结果"])  # a title row above the header
sheet.append(HEADER)
for r in ROWS:
    sheet.append([None if v == "" else v for v in r])
book.save("websites.xlsx")
