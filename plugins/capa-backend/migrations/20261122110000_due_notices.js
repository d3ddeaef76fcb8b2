// @ts-check

/**
 * The overdue check: which due state each CAPA and action was last announced
 * in (so a second run, or a second backend, announces nothing again), and the
 * outcome of each background task's last run, for the board to show.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['capa_records', 'capa_actions']) {
    await knex.schema.alterTable(table, t => {
      t.string('notified_due_state', 16)
        .nullable()
        .comment(
          'The due state its owner was last told about; cleared when the due date moves',
        );
    });
  }

  await knex.schema.createTable('capa_task_runs', table => {
    table.comment('The last run of each background task, and how it went');
    table.string('task', 64).primary().notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('examined').notNullable().defaultTo(0);
    table.integer('notified').notNullable().defaultTo(0);
    table.text('error').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capa_task_runs');
  for (const table of ['capa_records', 'capa_actions']) {
    if (knex.client.config.client.includes('sqlite')) {
      // knex drops a SQLite column by rebuilding the table, which the foreign
      // keys of rows pointing at it refuse; SQLite 3.35+ drops it in place.
      await knex.raw(`ALTER TABLE ${table} DROP COLUMN notified_due_state`);
    } else {
      await knex.schema.alterTable(table, t => {
        t.dropColumn('notified_due_state');
      });
    }
  }
};
