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

    await knex('capa_postmortems').insert({
      id: '00000000-0000-4000-8000-000000000001',
      title: 'Queue backed up',
      incident_date: '2023-04-10',
      status: 'published',
      created_by: 'user:default/fleur.mulder',
      created_at: new Date(),
      updated_at: new Date(),
    });
    await knex('capa_postmortem_entities').insert({
      postmortem_id: '00000000-0000-4000-8000-000000000001',
      entity_ref: 'component:default/patient-queue',
    });

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('capa_postmortems')).toBe(false);

    await knex.migrate.latest({ directory });
    const [{ n }] = await knex('capa_postmortems').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await knex.schema.hasTable('capa_postmortem_entities')).toBe(true);
    await knex.destroy();
  });

  it('has no foreign key that cascades a delete', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });

    const rules = await foreignKeyDeleteRules(knex);
    // The link table references postmortems; prove the query sees it.
    expect(rules).toContain('capa_postmortem_entities:NO ACTION');
    expect(
      rules.filter(rule => /CASCADE|SET NULL|SET DEFAULT/i.test(rule)),
    ).toEqual([]);
    await knex.destroy();
  });
});
