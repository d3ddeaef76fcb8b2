// @ts-check

/**
 * A service's open actions, in work-list order, straight from an index: each
 * action's link to an entity carries the action's `finished` flag, due date
 * and the day it was done (kept in step by the store in the same transaction
 * as the action), so the service tab reads one page of the (entity,
 * finished, due date) index, and counts ranges of it, instead of sorting or
 * counting all of a busy service's actions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('capa_action_entities', table => {
    table.integer('finished').notNullable().defaultTo(0);
    table.string('due_date', 10).nullable();
    table.string('done_on', 10).nullable();
  });
  await knex('capa_action_entities').update({
    finished: knex('capa_actions')
      .select('finished')
      .where('capa_actions.id', knex.ref('capa_action_entities.action_id')),
    due_date: knex('capa_actions')
      .select('due_date')
      .where('capa_actions.id', knex.ref('capa_action_entities.action_id')),
    done_on: knex('capa_actions')
      .select('finished_on')
      .where('capa_actions.id', knex.ref('capa_action_entities.action_id'))
      .where('capa_actions.status', 'done'),
  });
  await knex.schema.alterTable('capa_action_entities', table => {
    table.index(
      ['entity_ref', 'finished', 'due_date', 'action_id'],
      'capa_action_entities_order_idx',
    );
    table.index(['entity_ref', 'done_on'], 'capa_action_entities_done_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('capa_action_entities', table => {
    table.dropIndex([], 'capa_action_entities_order_idx');
    table.dropIndex([], 'capa_action_entities_done_idx');
  });
  for (const column of ['finished', 'due_date', 'done_on']) {
    if (knex.client.config.client.includes('sqlite')) {
      // knex drops a SQLite column by rebuilding the table, which the foreign
      // keys of rows pointing at it refuse; SQLite 3.35+ drops it in place.
      await knex.raw(`ALTER TABLE capa_action_entities DROP COLUMN ${column}`);
    } else {
      await knex.schema.alterTable('capa_action_entities', table => {
        table.dropColumn(column);
      });
    }
  }
};
