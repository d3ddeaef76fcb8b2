import { Knex } from 'knex';
import { DatabaseCapaStore } from '../../plugins/capa-backend/src/database/DatabaseCapaStore';
import { BENCH_USER, BIG_GROUP, component } from './dataset';

const BIG_TABLES = [
  'capa_actions',
  'capa_records',
  'capa_postmortems',
  'capa_action_entities',
  'capa_postmortem_entities',
];

/**
 * EXPLAIN of every SQL statement the list queries run, on PostgreSQL, with
 * the sequential scans of the big tables called out.
 */
export async function explainListQueries(knex: Knex) {
  const store = await DatabaseCapaStore.create({
    database: { getClient: async () => knex },
    skipMigrations: true,
  });
  const today = new Date().toISOString().slice(0, 10);
  const lists: Array<[string, () => Promise<unknown>]> = [
    [
      'postmortems of a service',
      () =>
        store.postmortems.list({ entityRefs: [component(0)] }, { limit: 25 }),
    ],
    [
      'actions of a service',
      () => store.actions.list({ entityRefs: [component(0)] }, { limit: 25 }),
    ],
    [
      'CAPAs of a service',
      () => store.capas.list({ entityRefs: [component(0)] }, { limit: 25 }),
    ],
    [
      'board: mine, open actions',
      () =>
        store.actions.list(
          { ownerRefs: [BENCH_USER, BIG_GROUP], status: 'open' },
          { limit: 20 },
        ),
    ],
    [
      'overdue actions',
      () =>
        store.actions.list(
          { due: { state: 'overdue', today, dueSoonLastDay: today } },
          { limit: 25 },
        ),
    ],
  ];
  const plans: Array<{ name: string; plan: string; seqScans: string[] }> = [];
  for (const [name, run] of lists) {
    const statements: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    const listener = (query: {
      sql: string;
      bindings?: readonly unknown[];
    }) => {
      if (/^\s*select/i.test(query.sql)) {
        statements.push({
          sql: query.sql,
          bindings: [...(query.bindings ?? [])],
        });
      }
    };
    knex.on('query', listener);
    await run();
    knex.removeListener('query', listener);
    for (const [index, statement] of statements.entries()) {
      // The statements arrive with PostgreSQL's own $n placeholders: run
      // them through the driver rather than knex.raw, which wants '?'.
      const connection = (await knex.client.acquireConnection()) as {
        query(
          sql: string,
          bindings: readonly unknown[],
        ): Promise<{ rows: Array<{ 'QUERY PLAN': string }> }>;
      };
      let rows: Array<{ 'QUERY PLAN': string }>;
      try {
        rows = (
          await connection.query(`explain ${statement.sql}`, statement.bindings)
        ).rows;
      } finally {
        await knex.client.releaseConnection(connection);
      }
      const plan = rows.map(r => r['QUERY PLAN']).join('\n');
      const seqScans = BIG_TABLES.filter(t =>
        new RegExp(`Seq Scan on ${t}\\b`).test(plan),
      );
      plans.push({
        name: `${name} (${index + 1}/${statements.length})`,
        plan,
        seqScans,
      });
    }
  }
  return plans;
}
