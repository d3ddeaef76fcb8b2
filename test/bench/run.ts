/**
 * The benchmark: the three views and a write at scale, beside the catalog's
 * own by-query page, on SQLite or PostgreSQL.
 *
 *   yarn bench --size medium --db sqlite
 *   yarn bench --size large --db postgres
 *
 * It prints the figures and writes them to test/bench/results/. See
 * docs/benchmarks.md for what was measured.
 */
import { lastCompleteQuarter } from '@internal/backstage-plugin-capa-common';
import knexFactory, { Knex } from 'knex';
import {
  mkdirSync,
  rmSync,
  writeFileSync,
  readFileSync,
  existsSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../e2e/harness/paths';
import {
  BENCH_USER,
  BIG_GROUP,
  BenchSize,
  capaRows,
  catalogYaml,
  component,
  SIZES,
} from './dataset';
import { guestToken, startBackend, waitForCatalog } from './backend';
import { explainListQueries } from './explain';
import { Measurement, measure } from './measure';
import { runOverdueCheck } from './overdue';

const PORT = 7200;
const PG =
  process.env.BENCH_POSTGRES_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

function argument(
  name: string,
  allowed: readonly string[],
  fallback: string,
): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (!allowed.includes(value)) {
    throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  }
  return value;
}

async function pgDatabase(database: string): Promise<Knex> {
  return knexFactory({
    client: 'pg',
    connection: `${PG}/${database}`,
    pool: { min: 0, max: 4 },
  });
}

/** Drops the benchmark's own PostgreSQL databases (bench_*) from earlier runs. */
async function dropBenchDatabases() {
  const admin = await pgDatabase('postgres');
  const { rows } = await admin.raw(
    `select datname from pg_database where datname like 'bench\\_%'`,
  );
  for (const { datname } of rows as Array<{ datname: string }>) {
    await admin.raw(`drop database "${datname}" with (force)`);
  }
  await admin.raw('create database bench_capa');
  await admin.destroy();
}

async function seed(knex: Knex, size: BenchSize, today: Date) {
  await knex.migrate.latest({
    directory: path.join(repoRoot, 'plugins/capa-backend/migrations'),
  });
  const rows = capaRows(size, today);
  const insert = (table: string, data: object[]) =>
    knex.batchInsert(table, data, 400);
  await insert('capa_postmortems', rows.postmortems);
  await insert('capa_postmortem_entities', rows.postmortemEntities);
  await insert('capa_records', rows.capas);
  await knex('capa_counters')
    .where({ name: 'capa_key' })
    .update({ value: rows.capas.length });
  await insert('capa_record_postmortems', rows.capaPostmortems);
  await insert('capa_actions', rows.actions);
  await insert('capa_action_entities', rows.actionEntities);
  if (knex.client.config.client === 'pg') {
    await knex.raw('analyze');
  }
  // Moves the benchmark user may make: open actions their group owns.
  return rows.actions
    .filter(a => a.status === 'open' && a.owner_ref === BIG_GROUP)
    .map(a => a.id);
}

function table(rows: Measurement[], reference: Measurement) {
  const line = (cells: Array<string | number>) => cells.map(String).join(' | ');
  return [
    line([
      'request',
      'p50 ms',
      'p97.5 ms',
      'p99 ms',
      'req/s',
      'errors',
      'p50 / catalog p50',
    ]),
    line(['---', '---', '---', '---', '---', '---', '---']),
    ...rows.map(r =>
      line([
        r.name,
        r.p50,
        r.p975,
        r.p99,
        r.rps,
        r.errors,
        r === reference
          ? '1.00'
          : (r.p50 / Math.max(reference.p50, 0.1)).toFixed(2),
      ]),
    ),
  ].join('\n');
}

async function main() {
  const size = argument('size', Object.keys(SIZES), 'medium') as BenchSize;
  const db = argument('db', ['sqlite', 'postgres'], 'sqlite');
  const spec = SIZES[size];
  const work = path.join(repoRoot, 'test/bench/.tmp', `${size}-${db}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'sqlite'), { recursive: true });
  const today = new Date();
  console.log(
    `Benchmark: ${size} (${spec.actions} actions, ${spec.postmortems} postmortems, ${spec.entities} catalog entities, ${spec.owners} owners) on ${db}`,
  );
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, Node ${process.version}`,
  );

  let started = Date.now();
  let knex: Knex;
  if (db === 'postgres') {
    await dropBenchDatabases();
    knex = await pgDatabase('bench_capa');
  } else {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(work, 'sqlite', 'capa.sqlite') },
      useNullAsDefault: true,
    });
    await knex.raw('PRAGMA journal_mode = WAL');
  }
  const openActions = await seed(knex, size, today);
  console.log(
    `Seeded the capa database in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s`,
  );

  const catalogFile = path.join(work, 'catalog.yaml');
  writeFileSync(catalogFile, catalogYaml(size));
  const configFile = path.join(work, 'app-config.bench.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: 'http://localhost:3200' },
      backend: {
        baseUrl: `http://localhost:${PORT}`,
        listen: { port: PORT },
        database:
          db === 'postgres'
            ? { client: 'pg', connection: PG, prefix: 'bench_' }
            : {
                client: 'better-sqlite3',
                connection: { directory: path.join(work, 'sqlite') },
              },
      },
      auth: {
        providers: {
          guest: {
            userEntityRef: BENCH_USER,
            ownershipEntityRefs: [BENCH_USER, BIG_GROUP],
          },
        },
      },
      catalog: { locations: [{ type: 'file', target: catalogFile }] },
      capa: {
        demoData: false,
        overdueCheck: {
          schedule: {
            frequency: { hours: 24 },
            timeout: { minutes: 30 },
            initialDelay: { hours: 24 },
          },
        },
      },
    }),
  );

  started = Date.now();
  const backend = await startBackend(
    configFile,
    path.join(work, 'backend.log'),
    PORT,
  );
  const results: Measurement[] = [];
  let catalogReady = 0;
  try {
    console.log(
      `Backend up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const token = await guestToken(backend.url);
    started = Date.now();
    catalogReady = await waitForCatalog(
      backend.url,
      token,
      spec.entities,
      900_000,
    );
    console.log(
      `Catalog served ${catalogReady} entities after ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s`,
    );

    const quarter = lastCompleteQuarter(today.toISOString().slice(0, 10));
    const base = backend.url;
    const requests: Array<[string, string]> = [
      [
        'catalog by-query, page of 50',
        `${base}/api/catalog/entities/by-query?limit=50&filter=kind%3Dcomponent`,
      ],
      [
        'service tab: open actions',
        `${base}/api/capa/actions?entityRef=${encodeURIComponent(
          component(0),
        )}&limit=25`,
      ],
      [
        'service tab: counts',
        `${base}/api/capa/actions/summary?entityRef=${encodeURIComponent(
          component(0),
        )}`,
      ],
      [
        'service tab: postmortems',
        `${base}/api/capa/postmortems?entityRef=${encodeURIComponent(
          component(0),
        )}&limit=25`,
      ],
      [
        'board: mine, open',
        `${base}/api/capa/actions?owner=mine&status=open&limit=20`,
      ],
      ['board: mine, CAPAs', `${base}/api/capa/capas?owner=mine&limit=20`],
      [`review ${quarter}`, `${base}/api/capa/review?quarter=${quarter}`],
    ];
    for (const [name, url] of requests) {
      const result = await measure({ name, url, token });
      console.log(
        `  ${name}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps} req/s, ${result.errors} errors`,
      );
      results.push(result);
    }
    let next = 0;
    const write = await measure({
      name: 'write: move an action (with its version)',
      url: `${base}/api/capa/actions`,
      token,
      method: 'POST',
      amount: Math.min(openActions.length, 3000),
      next: () => {
        const id = openActions[next++];
        return id
          ? {
              path: `/api/capa/actions/${id}/transitions`,
              body: JSON.stringify({ version: 1, transition: 'start' }),
            }
          : undefined;
      },
    });
    console.log(
      `  ${write.name}: p50 ${write.p50} ms, p99 ${write.p99} ms, ${write.rps} req/s, ${write.errors} errors`,
    );
    results.push(write);
  } finally {
    await backend.stop();
  }

  // Every accepted move is stored exactly once, with its history entry; the
  // rest (the load tool sends some requests twice) were refused with 409.
  const write = results[results.length - 1];
  const [{ n: moves }] = await knex('capa_history')
    .where({ record_type: 'action', event: 'transition' })
    .count({ n: '*' });
  const accepted = write.requests - write.errors;
  console.log(
    `Writes: ${accepted} accepted, ${Number(
      moves,
    )} stored with their history, ${JSON.stringify(write.refused)} refused`,
  );
  if (Number(moves) !== accepted) {
    throw new Error(
      `lost or doubled writes: ${accepted} accepted but ${moves} stored`,
    );
  }

  const overdue = await runOverdueCheck(knex);
  console.log(
    `Overdue check: ${overdue.examined} due records, ${overdue.notified} notifications, ${overdue.wallMs} ms wall, longest transaction ${overdue.longestTransactionMs} ms`,
  );
  const plans = db === 'postgres' ? await explainListQueries(knex) : [];
  await knex.destroy();

  const report = table(results, results[0]);
  console.log(`\n${report}\n`);
  for (const plan of plans) {
    console.log(
      `-- ${plan.name}${
        plan.seqScans.length
          ? ` (sequential scans: ${plan.seqScans.join(', ')})`
          : ''
      }\n${plan.plan}\n`,
    );
  }

  const resultsDir = path.join(repoRoot, 'test/bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const output = {
    size,
    db,
    date: today.toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`,
    spec,
    catalogEntities: catalogReady,
    results,
    overdue,
    plans,
  };
  writeFileSync(
    path.join(resultsDir, `${size}-${db}.json`),
    JSON.stringify(output, null, 2),
  );

  // Growth: this size against small, where both have run on this database.
  const smallFile = path.join(resultsDir, `small-${db}.json`);
  if (size !== 'small' && existsSync(smallFile)) {
    const small = JSON.parse(readFileSync(smallFile, 'utf8')) as {
      results: Measurement[];
    };
    console.log(`Growth ${size} / small (p50):`);
    for (const r of results) {
      const before = small.results.find(
        s =>
          s.name.replace(/review .*/, 'review') ===
          r.name.replace(/review .*/, 'review'),
      );
      if (before) {
        console.log(
          `  ${r.name}: ${(r.p50 / Math.max(before.p50, 0.1)).toFixed(2)}`,
        );
      }
    }
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
