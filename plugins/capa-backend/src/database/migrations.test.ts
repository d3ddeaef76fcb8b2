import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolvePackagePath(
  '@internal/backstage-plugin-capa-backend',
  'migrations',
);

/** Every foreign key of the plugin's tables with its ON DELETE rule. */
async function foreignKeyDeleteRules(knex: Knex): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      `select tc.table_name, rc.delete_rule
         from information_schema.referential_constraints rc
         join information_schema.table_constraints tc
           on tc.constraint_name = rc.constraint_name
          and tc.constraint_schema = rc.constraint_schema
        where tc.table_name like 'capa_%'`,
    );
    return rows.map(
      (r: { table_name: string; delete_rule: string }) =>
        `${r.table_name}:${r.delete_rule}`,
    );
  }
  const tables: { name: string }[] = await knex.raw(
    `select name from sqlite_master where type = 'table' and name like 'capa_%'`,
  );
  const rules: string[] = [];
  for (const { name } of tables) {
    const keys: { on_delete: string }[] = await knex.raw(
      `pragma foreign_key_list('${name}')`,
    );
    rules.push(...keys.map(k => `${name}:${k.on_delete}`));
  }
  return rules;
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up with data, down to nothing, and up again', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });

    const pm = '00000000-0000-4000-8000-000000000001';
    const capa = '00000000-0000-4000-8000-000000000002';
    const action = '00000000-0000-4000-8000-000000000003';
    const now = new Date();
    const stamps = {
      created_by: 'user:default/fleur.mulder',
      created_at: now,
      updated_at: now,
    };
    await knex('capa_postmortems').insert({
      id: pm,
      title: 'Queue backed up',
      incident_date: '2023-04-10',
      status: 'published',
      timeline: '[]',
      ...stamps,
    });
    await knex('capa_postmortem_entities').insert({
      postmortem_id: pm,
      entity_ref: 'component:default/patient-queue',
    });
    await knex('capa_records').insert({
      id: capa,
      seq: 1,
      key: 'CAPA-1',
      title: 'One clock',
      problem_statement: 'Two clocks',
      type: 'corrective',
      owner_ref: 'group:default/patient-circle',
      due_date: '2023-06-30',
      status: 'open',
      severity: 'high',
      opened_on: '2023-04-11',
      ...stamps,
    });
    await knex('capa_record_postmortems').insert({
      capa_id: capa,
      postmortem_id: pm,
    });
    await knex('capa_record_entities').insert({
      capa_id: capa,
      entity_ref: 'component:default/patient-queue',
    });
    await knex('capa_actions').insert({
      id: action,
      capa_id: capa,
      postmortem_id: pm,
      title: 'Synchronise time',
      owner_ref: 'group:default/patient-circle',
      due_date: '2023-05-01',
      status: 'open',
      opened_on: '2023-04-11',
      ...stamps,
    });
    await knex('capa_action_entities').insert({
      action_id: action,
      entity_ref: 'component:default/patient-queue',
    });
    await knex('capa_history').insert({
      record_type: 'capa',
      record_id: capa,
      event: 'created',
      actor: 'user:default/fleur.mulder',
      at: now,
      changes: '{}',
    });

    // Down step by step, with the data in place, and up again: nothing lost.
    await knex.migrate.down({
      directory,
      name: '20261122120000_action_entity_order.js',
    });
    expect(
      await knex.schema.hasColumn('capa_action_entities', 'due_date'),
    ).toBe(false);
    await knex.migrate.down({
      directory,
      name: '20261122110000_due_notices.js',
    });
    expect(
      await knex.schema.hasColumn('capa_actions', 'notified_due_state'),
    ).toBe(false);
    expect(await knex('capa_actions').select('title')).toEqual([
      { title: 'Synchronise time' },
    ]);
    await knex.migrate.latest({ directory });
    expect(
      await knex.schema.hasColumn('capa_actions', 'notified_due_state'),
    ).toBe(true);
    // The links got their action's order back from the actions themselves.
    expect(
      await knex('capa_action_entities').select('finished', 'due_date'),
    ).toEqual([{ finished: 0, due_date: '2023-05-01' }]);
    const [{ n: entries }] = await knex('capa_history').count({ n: '*' });
    expect(Number(entries)).toBe(1);

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('capa_postmortems')).toBe(false);

    await knex.migrate.latest({ directory });
    const [{ n }] = await knex('capa_postmortems').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await knex('capa_counters').select('name', 'value')).toEqual([
      { name: 'capa_key', value: expect.anything() },
    ]);
    await knex.destroy();
  });

  it('has no foreign key that cascades a delete', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });

    const rules = await foreignKeyDeleteRules(knex);
    // The link table references postmortems; prove the query sees it.
    // Every link table references its records; prove the query sees them.
    expect(rules.length).toBeGreaterThanOrEqual(7);
    expect(rules).toContain('capa_postmortem_entities:NO ACTION');
    expect(rules).toContain('capa_actions:NO ACTION');
    expect(
      rules.filter(rule => /CASCADE|SET NULL|SET DEFAULT/i.test(rule)),
    ).toEqual([]);
    await knex.destroy();
  });
});
