#!/usr/bin/python3
"""Writes an .xlsx of N website rows in the staff layout of
tests/data/spreadsheet/websites.xlsx (a title row, then the published
headings), for timing the page beside the CLI (docs/performance.md).
Deterministic for a given N (seeded). Needs Debian's python3-openpyxl.

    web/bench/make_workbook.py 10000 build-wasm/bench/10000.xlsx"""
import random
import sys

import openpyxl

HEADER = ["序号", "主管单位", "名称", "对外服务", "单项否决", "否决原因", "内容更新（50分）/周扫描", "内容更新（50分）/季度检查",
          "政策解读（10分）", "错情整改（20分）", "办事指南（10分）", "公开信箱（8分）", "网站找错（2分）", "加分（20分）", "备注"]
OWNERS = ["区发展改革委", "区教委", "区科技局", "区经济信息委", "区民政局", "区司法局", "区财政局", "区人力社保局",
          "区规划自然资源局", "区生态环境局", "区住房城乡建委", "区城市管理局", "区交通局", "区水利局", "区农业农村委",
          "区商务委", "区文化旅游委", "区卫生健康委", "区应急局", "区审计局", "区市场监管局", "区统计局", "区医保局"]


def row(rng, i):
    owner = rng.choice(OWNERS)
    r = [i, owner, f"{owner}专栏{i}", "否" if rng.random() < 0.15 else "是", "否", ""] + [None] * 8 + [""]
    if rng.random() < 0.02:
        r[4], r[5] = "是", rng.choice(["首页不更新", "栏目不更新", "站点无法访问"])
        return r
    for col, p, values in [(6, 0.6, [1, 2, 4, 5, 10, 20]), (7, 0.4, [0.5, 1, 2, 3, 10, 20]), (8, 0.2, [1, 2, 12]),
                           (9, 0.1, [1, 5, 25]), (11, 0.1, [1, 2]), (12, 0.1, [1]), (13, 0.1, [1, 5, 25])]:
        if rng.random() < p:
            r[col] = rng.choice(values)
    if r[3] == "否":
        r[10] = "不考核"
    return r


n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(n)
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "专栏"
sheet.append([f"{n} 个网站的检查结果"])
sheet.append(HEADER)
for i in range(1, n + 1):
    sheet.append([None if v == "" else v for v in row(rng, i)])
book.save(out)
