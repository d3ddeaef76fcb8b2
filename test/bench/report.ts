/**
 * Renders the measured results (test/bench/results/*.json) as the markdown
 * tables of docs/benchmarks.md:  node --import tsx test/bench/report.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../e2e/harness/paths';
import { Measurement } from './measure';

type Result = {
  size: string;
  db: string;
  date: string;
  machine: string;
  catalogEntities: number;
  results: Measurement[];
  overdue: {
    examined: number;
    notified: number;
    wallMs: number;
    longestTransactionMs: number;
  };
  plans: Array<{ name: string; seqScans: string[] }>;
};

const dir = path.join(repoRoot, 'test/bench/results');
const load = (size: string, db: string): Result | undefined => {
  const file = path.join(dir, `${size}-${db}.json`);
  return existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Result)
    : undefined;
};
const same = (a: string, b: string) =>
  a.replace(/review .*/, 'review') === b.replace(/review .*/, 'review');

for (const db of ['sqlite', 'postgres']) {
  const small = load('small', db);
  for (const size of ['small', 'medium', 'large']) {
    const run = load(size, db);
    if (!run) continue;
    const catalog = run.results[0];
    console.log(
      `\n### ${size}, ${
        db === 'sqlite' ? 'SQLite' : 'PostgreSQL'
      } (${run.date.slice(0, 10)}, ${run.machine}, ${
        run.catalogEntities
      } catalog entities)\n`,
    );
    console.log(
      '| request | p50 ms | p97.5 ms | p99 ms | req/s | p50 / catalog p50 | growth p50 / small |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of run.results) {
      const before = small?.results.find(s => same(s.name, r.name));
      const growth =
        size !== 'small' && before
          ? (r.p50 / Math.max(before.p50, 0.1)).toFixed(2)
          : '';
      const ratio =
        r === catalog
          ? '1.00'
          : (r.p50 / Math.max(catalog.p50, 0.1)).toFixed(2);
      const refused = Object.entries(r.refused ?? {})
        .map(([code, n]) => `${n}× ${code}`)
        .join(', ');
      console.log(
        `| ${r.name}${refused ? ` (refused: ${refused})` : ''} | ${r.p50} | ${
          r.p975
        } | ${r.p99} | ${r.rps} | ${ratio} | ${growth} |`,
      );
    }
    const o = run.overdue;
    console.log(
      `\nOverdue check: ${o.examined} due records, ${o.notified} notifications, ${o.wallMs} ms wall, longest transaction ${o.longestTransactionMs} ms.`,
    );
    if (run.plans.length) {
      const scans = run.plans.filter(p => p.seqScans.length);
      console.log(
        `Query plans: ${run.plans.length} statements; ${
          scans.length
            ? `sequential scans in ${scans
                .map(p => `${p.name} (${p.seqScans.join(', ')})`)
                .join('; ')}`
            : 'no sequential scan of the big tables'
        }.`,
      );
    }
  }
}
