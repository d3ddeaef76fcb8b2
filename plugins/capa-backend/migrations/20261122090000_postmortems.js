// @ts-check

/**
 * The first domain tables: postmortems and the catalog entities they concern.
 *
 * No foreign key here cascades: archiving replaces deleting, and an entity that
 * leaves the catalog leaves its links in place (DESIGN.md, failure mode 3).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('capa_postmortems', table => {
    table.comment('Postmortems written after production incidents');
    table.uuid('id').primary().notNullable();
    table.string('title', 200).notNullable();
    table
      .string('incident_date', 10)
      .notNullable()
      .comment('Calendar date YYYY-MM-DD, no time zone');
    table.string('priority', 8).nullable();
    table.string('classification', 16).nullable();
    table.string('status', 16).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment(
        'Optimistic concurrency: every write must name the version it read',
      );
    table.index(['status', 'incident_date', 'id'], 'capa_postmortems_list_idx');
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
  await knex.schema.dropTable('capa_installation');
  await knex.schema.dropTable('capa_postmortem_entities');
  await knex.schema.dropTable('capa_postmortems');
};
