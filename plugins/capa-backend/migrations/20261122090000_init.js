// @ts-check

/**
 * The CAPA domain: postmortems, CAPA records, actions, their links to catalog
 * entities, the append-only history, idempotency keys and the CAPA key
 * counter.
 *
 * No foreign key cascades: archiving replaces deleting, and an entity that
 * leaves the catalog leaves its links in place (DESIGN.md, failure mode 3).
 * Calendar dates are `YYYY-MM-DD` strings: due dates and the days records
 * opened and closed on are days in the configured zone, not instants.
 * `finished` (0/1) mirrors the status so that lists can order open work
 * first, by due date, from an index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  /** @type {(table: import('knex').Knex.CreateTableBuilder, name: string) => import('knex').Knex.ColumnBuilder} */
  const calendarDate = (table, name) => table.string(name, 10);
  /** @type {(table: import('knex').Knex.CreateTableBuilder) => void} */
  const timestamps = table => {
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Optimistic concurrency: every write names the version it read');
  };

  await knex.schema.createTable('capa_postmortems', table => {
    table.comment('Postmortems written after production incidents');
    table.uuid('id').primary().notNullable();
    table.string('title', 200).notNullable();
    calendarDate(table, 'incident_date').notNullable();
    table.string('priority', 8).nullable();
    table.string('classification', 16).nullable();
    table.string('status', 16).notNullable();
    table.text('summary').nullable();
    table
      .text('timeline')
      .notNullable()
      .comment('JSON array of {at, event}; shown, never searched');
    table.integer('lead_time_minutes').nullable();
    table.integer('workaround_time_minutes').nullable();
    table.integer('correction_time_minutes').nullable();
    table.integer('resolution_time_minutes').nullable();
    table.boolean('sla_met').nullable();
    table.integer('organisations_affected').nullable();
    table.integer('programs_affected').nullable();
    table.integer('patients_affected').nullable();
    table.integer('missed_alerts').nullable();
    table.integer('patients_not_monitored').nullable();
    table.text('patient_safety_assessment').nullable();
    table.text('workaround').nullable();
    table.text('cause').nullable();
    table.text('solution_correction').nullable();
    table.text('solution_corrective_action').nullable();
    table.text('communication_external').nullable();
    table.text('communication_internal').nullable();
    timestamps(table);
    table.index(['status', 'incident_date', 'id'], 'capa_postmortems_list_idx');
    table.index(['incident_date', 'id'], 'capa_postmortems_date_idx');
  });

  await knex.schema.createTable('capa_postmortem_entities', table => {
    table.comment('The catalog entities a postmortem concerns');
    table
      .uuid('postmortem_id')
      .notNullable()
      .references('id')
      .inTable('capa_postmortems')
      .onDelete('NO ACTION');
    table.string('entity_ref', 255).notNullable();
    table.primary(['postmortem_id', 'entity_ref']);
    table.index(
      ['entity_ref', 'postmortem_id'],
      'capa_postmortem_entities_ref_idx',
    );
  });

  await knex.schema.createTable('capa_records', table => {
    table.comment(
      'CAPA records: long-lived, collecting actions from many postmortems',
    );
    table.uuid('id').primary().notNullable();
    table.integer('seq').notNullable().unique().comment('N of CAPA-N');
    table.string('key', 20).notNullable().unique();
    table.string('title', 200).notNullable();
    table.text('problem_statement').notNullable();
    table.string('type', 16).notNullable();
    table.string('owner_ref', 255).notNullable();
    calendarDate(table, 'due_date').notNullable();
    table.string('status', 32).notNullable();
    table.integer('finished').notNullable().defaultTo(0);
    table.string('severity', 16).notNullable();
    table.text('root_cause').nullable();
    table.text('effectiveness_method').nullable();
    table.text('effectiveness_criteria').nullable();
    table.string('effectiveness_result', 16).nullable();
    table.text('effectiveness_notes').nullable();
    table.string('effectiveness_verified_by', 255).nullable();
    table.timestamp('effectiveness_verified_at', { useTz: true }).nullable();
    calendarDate(table, 'opened_on').notNullable();
    calendarDate(table, 'finished_on').nullable();
    timestamps(table);
    table.index(['finished', 'due_date', 'id'], 'capa_records_work_idx');
    table.index(
      ['owner_ref', 'finished', 'due_date', 'id'],
      'capa_records_owner_idx',
    );
    table.index(['opened_on'], 'capa_records_opened_idx');
    table.index(['finished_on'], 'capa_records_finished_idx');
  });

  await knex.schema.createTable('capa_record_entities', table => {
    table.comment('Catalog entities a CAPA is linked to directly');
    table
      .uuid('capa_id')
      .notNullable()
      .references('id')
      .inTable('capa_records')
      .onDelete('NO ACTION');
    table.string('entity_ref', 255).notNullable();
    table.primary(['capa_id', 'entity_ref']);
    table.index(['entity_ref', 'capa_id'], 'capa_record_entities_ref_idx');
  });

  await knex.schema.createTable('capa_record_postmortems', table => {
    table.comment('Postmortems a CAPA is linked to directly');
    table
      .uuid('capa_id')
      .notNullable()
      .references('id')
      .inTable('capa_records')
      .onDelete('NO ACTION');
    table
      .uuid('postmortem_id')
      .notNullable()
      .references('id')
      .inTable('capa_postmortems')
      .onDelete('NO ACTION');
    table.primary(['capa_id', 'postmortem_id']);
    table.index(['postmortem_id', 'capa_id'], 'capa_record_postmortems_pm_idx');
  });

  await knex.schema.createTable('capa_actions', table => {
    table.comment(
      'Actions under CAPA records, often improvements from a postmortem',
    );
    table.uuid('id').primary().notNullable();
    table
      .uuid('capa_id')
      .notNullable()
      .references('id')
      .inTable('capa_records')
      .onDelete('NO ACTION');
    table
      .uuid('postmortem_id')
      .nullable()
      .references('id')
      .inTable('capa_postmortems')
      .onDelete('NO ACTION');
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('owner_ref', 255).notNullable();
    calendarDate(table, 'due_date').notNullable();
    table.string('status', 32).notNullable();
    table.integer('finished').notNullable().defaultTo(0);
    table.text('status_reason').nullable();
    table.string('ticket_url', 2000).nullable();
    calendarDate(table, 'opened_on').notNullable();
    calendarDate(table, 'finished_on').nullable();
    timestamps(table);
    table.index(['finished', 'due_date', 'id'], 'capa_actions_work_idx');
    table.index(
      ['owner_ref', 'finished', 'due_date', 'id'],
      'capa_actions_owner_idx',
    );
    table.index(
      ['capa_id', 'finished', 'due_date', 'id'],
      'capa_actions_capa_idx',
    );
    table.index(['postmortem_id'], 'capa_actions_postmortem_idx');
    table.index(['opened_on'], 'capa_actions_opened_idx');
    table.index(['finished_on'], 'capa_actions_finished_idx');
  });

  await knex.schema.createTable('capa_action_entities', table => {
    table.comment('Catalog entities an action touches');
    table
      .uuid('action_id')
      .notNullable()
      .references('id')
      .inTable('capa_actions')
      .onDelete('NO ACTION');
    table.string('entity_ref', 255).notNullable();
    table.primary(['action_id', 'entity_ref']);
    table.index(['entity_ref', 'action_id'], 'capa_action_entities_ref_idx');
  });

  await knex.schema.createTable('capa_history', table => {
    table.comment(
      'Append-only: who changed what, when and why. Never updated or deleted.',
    );
    table.bigIncrements('id').primary();
    table.string('record_type', 16).notNullable();
    table.uuid('record_id').notNullable();
    table.string('event', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .text('changes')
      .notNullable()
      .comment('JSON {field: {before, after}}');
    table.text('reason').nullable();
    table.index(['record_type', 'record_id', 'id'], 'capa_history_record_idx');
  });

  await knex.schema.createTable('capa_idempotency_keys', table => {
    table.comment(
      'First results of creates, replayed when a client retries with the same key',
    );
    table.string('actor', 255).notNullable();
    table.string('idempotency_key', 200).notNullable();
    table.string('operation', 64).notNullable();
    table.string('request_hash', 64).notNullable();
    table.text('response').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['actor', 'idempotency_key']);
  });

  await knex.schema.createTable('capa_counters', table => {
    table.comment('Installation-wide sequences, such as the N of CAPA-N');
    table.string('name', 64).primary().notNullable();
    table.bigInteger('value').notNullable();
  });
  await knex('capa_counters').insert({ name: 'capa_key', value: 0 });

  await knex.schema.createTable('capa_installation', table => {
    table.comment(
      'One-off facts about this installation, such as demo data loaded',
    );
    table.string('key', 100).primary().notNullable();
    table.text('value').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'capa_installation',
    'capa_counters',
    'capa_idempotency_keys',
    'capa_history',
    'capa_action_entities',
    'capa_actions',
    'capa_record_postmortems',
    'capa_record_entities',
    'capa_records',
    'capa_postmortem_entities',
    'capa_postmortems',
  ]) {
    await knex.schema.dropTable(table);
  }
};
