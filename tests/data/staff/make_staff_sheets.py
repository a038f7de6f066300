#!/usr/bin/python3
"""Writes the staff-sheet fixtures of tests/staff_sheets_test.cpp, as staff
export them (run from this folder: /usr/bin/python3 make_staff_sheets.py):

- 2024年第三季度检查情况.csv: GBK (Excel's "CSV" on Chinese Windows), the
  targets named by their titles in 检查对象, the period only in the file's
  name, a 问题描述 column;
- 2024年第3季度全区检查.xlsx (python3-openpyxl): a 说明 sheet, a website sheet
  named Sheet1 whose title row names 政府网站, a sheet named 新媒体; both
  numbered 1…n by 序号, without 编号 or 检查对象.

Scores by hand (rules/dazu-2020.yaml; 周扫描 counts half, 内容更新 is capped at
50 for websites): see the comments beside each row."""
import openpyxl

CSV_ROWS = [
    ["序号", "检查对象", "主管单位", "名称", "类别", "周扫描", "季度检查", "错情整改", "问题描述"],
    ["1", "政府网站（专栏）", "区科技局", "区科技局专栏", "", "10", "", "", ""],        # 100 − 10 ÷ 2 = 95.0
    ["2", "政府网站（专栏）", "区应急局", "区应急局专栏", "", "", "20", "", ""],        # 100 − 20 = 80.0
    ["3", "政府网站（专栏）", "区水利局", "区水利局专栏", "", "", "50", "15",
     "栏目长期未更新；错别字未整改"],                                                      # 100 − 50 − 15 = 35.0 不合格
    ["4", "政务新媒体", "区教委", "大足教育", "微信公众号", "", "", "5", ""],             # 100 − 5 = 95.0
    ["5", "政务新媒体", "区教委", "大足教育", "抖音", "60", "", "", ""],                 # 100 − 60 ÷ 2 = 70.0
    ["6", "政务新媒体", "高升镇", "高升镇发布", "抖音", "", "10", "", ""],               # 100 − 10 = 90.0
]


def csv_line(cells):
    return ",".join('"' + c + '"' if "," in c or "；" in c else c for c in cells)


with open("2024年第三季度检查情况.csv", "wb") as f:
    f.write(("\r\n".join(csv_line(r) for r in CSV_ROWS) + "\r\n").encode("gbk"))

book = openpyxl.Workbook()
notes = book.active
notes.title = "说明"
notes["A1"] = "本表由区政务公开办填报，每季度末报送。"
notes["A2"] = "扣分按《大足区政府网站和政务新媒体运行管理考核方案》计算。"

sites = book.create_sheet("Sheet1")
sites.append(["2024年第三季度政府网站检查情况统计表"])
sites.append(["序号", "主管单位", "名称", "周扫描", "季度检查", "问题描述"])
sites.append([1, "区科技局", "区科技局专栏", 10, None, None])                          # 95.0
sites.append([2, "区水利局", "区水利局专栏", None, 50, "首页“政务动态”栏目超过2周未更新"])  # 100 − 50 = 50.0 不合格
sites.append([3, "区应急局", "区应急局专栏", None, 20, None])                          # 80.0

media = book.create_sheet("新媒体")
media.append(["序号", "主管单位", "名称", "类别", "周扫描", "季度检查"])
media.append([1, "高升镇", "高升镇发布", "抖音", 60, None])                              # 70.0
media.append([2, "区教委", "大足教育", "微信公众号", None, None])                        # 100.0
book.save("2024年第3季度全区检查.xlsx")
