// The same scoring as `govscore score --rules rules/dazu-2020.yaml` — caps,
// the 周扫描 factor 0.5, the 办事指南 rescale (× 100 ÷ 90, bonus inside the
// bracket), half-up rounding to one decimal done in exact integers,
// competition rank per target, vetoed units last — as one DuckDB query over
// the same NDJSON file, written to CSV.
//   node bench/duckdb.mjs RECORDS.ndjson OUT.csv RUNS
// Prints the median wall time of RUNS runs (read + score + rank + write).
import { DuckDBInstance } from '@duckdb/node-api';

const [file, out, runsText] = process.argv.slice(2);
const runs = Number(runsText || 5);
const num = 'DECIMAL(18,6)';
const columns = `{id: 'VARCHAR', target: 'VARCHAR', public_services: 'BOOLEAN', veto: 'VARCHAR[]',
  deductions: 'STRUCT("周扫描" ${num}, "季度检查" ${num}, "政策解读" ${num}, "错情整改" ${num}, "办事指南" ${num},
                      "公开信箱" ${num}, "网站找错" ${num}, "基本信息" ${num}, "功能设计" ${num})',
  bonus: '${num}'}`;
const d = (k) => `coalesce(deductions."${k}", 0)`;
const query = `
WITH r AS (
  SELECT id, target, coalesce(public_services, true) AS ps, coalesce(len(veto), 0) > 0 AS vetoed,
    CASE WHEN target = 'website' THEN
      least(${d('周扫描')} * 0.5 + ${d('季度检查')}, 50) + least(${d('政策解读')}, 10) + least(${d('错情整改')}, 20)
      + CASE WHEN coalesce(public_services, true) THEN least(${d('办事指南')}, 10) ELSE 0 END
      + least(${d('公开信箱')}, 8) + least(${d('网站找错')}, 2)
    ELSE
      least(${d('基本信息')}, 10) + least(${d('周扫描')} * 0.5 + ${d('季度检查')}, 60) + least(${d('错情整改')}, 20)
      + least(${d('功能设计')}, 10)
    END AS deducted,
    CASE WHEN target = 'website' AND NOT coalesce(public_services, true) THEN 90 ELSE 100 END AS out_of,
    least(coalesce(bonus, 0), 20) AS bonus
  FROM read_json('${file}', format = 'newline_delimited', columns = ${columns})
), s AS (
  -- score × 10, rounded half-up exactly: floor((2·N·1000 + out_of·10⁶) / (2·out_of·10⁶)), N in millionths
  SELECT id, target,
    CASE WHEN vetoed THEN NULL ELSE
      ((2 * CAST((out_of - deducted + bonus) * 1000000 AS HUGEINT) * 1000 + out_of * 1000000) // (2 * out_of * 1000000))
    END AS score10
  FROM r
)
SELECT id, target, CAST(score10 AS DECIMAL(18,1)) / 10 AS score,
  rank() OVER (PARTITION BY target ORDER BY score10 DESC NULLS LAST) AS rank
FROM s`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const times = [];
for (let i = 0; i < runs; ++i) {
  const start = performance.now();
  await connection.run(`COPY (${query}) TO '${out}' (HEADER, DELIMITER ',')`);
  times.push((performance.now() - start) / 1000);
}
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)].toFixed(3));
