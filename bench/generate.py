#!/usr/bin/env python3
"""Writes N realistic inspection records for rules/dazu-2020.yaml: about 1 in 8
websites (department columns) and the rest new-media accounts, Chinese names
and owners, deductions on parts (周扫描 × 0.5) and indicators, some capped,
some vetoed, units without public services (不考核), bonuses.

    bench/generate.py N out.ndjson        one record per line (about 200 bytes each)
    bench/generate.py N out.json          {"period", "records": [...]}

Deterministic for a given N (seeded), so runs are comparable."""
import json
import random
import sys

OWNERS = ["区发展改革委", "区教委", "区科技局", "区经济信息委", "区民政局", "区司法局", "区财政局", "区人力社保局",
          "区规划自然资源局", "区生态环境局", "区住房城乡建委", "区城市管理局", "区交通局", "区水利局", "区农业农村委",
          "区商务委", "区文化旅游委", "区卫生健康委", "区应急局", "区审计局", "区市场监管局", "区统计局", "区医保局"]
TOWNS = ["龙岗街道", "棠香街道", "智凤街道", "宝顶镇", "中敖镇", "三驱镇", "宝兴镇", "玉龙镇", "石马镇", "拾万镇",
         "回龙镇", "金山镇", "万古镇", "国梁镇", "雍溪镇", "珠溪镇", "龙石镇", "邮亭镇", "铁山镇", "高升镇", "季家镇", "古龙镇"]
PLATFORMS = ["微信公众号", "新浪微博", "抖音", "今日头条", "快手", "企鹅号"]
REGIONS = ["大足区", "荣昌区", "铜梁区", "潼南区", "永川区", "合川区"]


def website(rng, i):
    owner = rng.choice(OWNERS)
    r = {"id": f"w{i}", "name": f"{owner}专栏{i % 97}", "owner": owner, "target": "website",
         "region": rng.choice(REGIONS), "group": "区级部门"}
    if rng.random() < 0.15:
        r["public_services"] = False
    if rng.random() < 0.02:
        r["veto"] = [rng.choice(["首页不更新", "栏目不更新", "站点无法访问"])]
        return r
    d = {}
    if rng.random() < 0.6:
        d["周扫描"] = rng.choice([1, 2, 4, 5, 10, 20, 120])
    if rng.random() < 0.4:
        d["季度检查"] = rng.choice([0.5, 1, 2, 3, 10, 20])
    if rng.random() < 0.2:
        d["政策解读"] = rng.choice([1, 2, 12])
    if rng.random() < 0.1:
        d["错情整改"] = rng.choice([5, 25])
    if "public_services" not in r and rng.random() < 0.1:
        d["办事指南"] = 1
    if d:
        r["deductions"] = d
    if rng.random() < 0.1:
        r["bonus"] = rng.choice([2, 5, 25])
    return r


def account(rng, i):
    owner = rng.choice(OWNERS + TOWNS)
    r = {"id": f"m{i}", "name": f"{owner[:-1] if owner.endswith('委') else owner}发布{i % 89}", "owner": owner,
         "target": "newmedia", "platform": rng.choice(PLATFORMS), "region": rng.choice(REGIONS),
         "group": "镇街" if owner in TOWNS else "区级部门"}
    if rng.random() < 0.01:
        r["veto"] = ["内容不更新"]
        return r
    d = {}
    if rng.random() < 0.5:
        d["周扫描"] = rng.choice([2, 4, 10, 60, 130])
    if rng.random() < 0.3:
        d["季度检查"] = rng.choice([1, 5, 20])
    if rng.random() < 0.1:
        d["基本信息"] = rng.choice([2, 10])
    if rng.random() < 0.1:
        d["功能设计"] = rng.choice([2, 12])
    if d:
        r["deductions"] = d
    if rng.random() < 0.05:
        r["bonus"] = rng.choice([5, 10])
    return r


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20210331 + n)
    with open(out, "w", encoding="utf-8") as f:
        ndjson = out.endswith(".ndjson") or out.endswith(".jsonl")
        if not ndjson:
            f.write('{"period": "2021Q1", "records": [\n')
        for i in range(n):
            r = website(rng, i) if rng.random() < 0.125 else account(rng, i)
            if ndjson:
                r = {"period": "2021Q1", **r} if i == 0 else r
                f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
            else:
                f.write(("," if i else "") + json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
        if not ndjson:
            f.write("]}\n")


if __name__ == "__main__":
    main()
