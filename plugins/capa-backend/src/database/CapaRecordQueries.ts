import { Page } from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import {
  CapaPatch,
  CapaRecordTable,
  NewCapa,
  PageRequest,
  StoredCapa,
  WorkFilter,
} from './CapaStore';
import { CapaRow, compact, finishedColumn, toStoredCapa } from './rows';
import { groupLinks, listWork } from './workList';

/** CAPA record SQL, on the plugin's database or inside a transaction. */
export class CapaRecordQueries implements CapaRecordTable {
  constructor(private readonly db: Knex) {}

  async nextKey(): Promise<{ seq: number; key: string }> {
    // Incremented inside the caller's write transaction: concurrent creates
    // queue on the counter row, and a rolled-back create gives its number
    // back without any CAPA ever having held it.
    const [row] = await this.db('capa_counters')
      .where({ name: 'capa_key' })
      .increment('value', 1)
      .returning('value');
    const seq = Number((row as { value: number | string }).value);
    return { seq, key: `CAPA-${seq}` };
  }

  async get(id: string): Promise<StoredCapa | undefined> {
    const row = await this.db<CapaRow>('capa_records').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [links] = await this.linksOf([id]);
    return toStoredCapa(
      row,
      links.get(id) ?? { postmortemIds: [], entityRefs: [] },
    );
  }

  async list(filter: WorkFilter, page: PageRequest): Promise<Page<StoredCapa>> {
    const { rows, nextCursor } = await listWork<CapaRow>({
      db: this.db,
      table: 'capa_records',
      alias: 'c',
      filter,
      page,
      matchEntities: (query, entityRefs) =>
        // A CAPA reaches an entity directly, through an action touching it,
        // or through a postmortem concerning it. IN (subquery) lets both
        // engines start from the entity_ref indexes.
        query.whereIn(
          'c.id',
          this.db('capa_record_entities')
            .select('capa_id')
            .whereIn('entity_ref', entityRefs)
            .union(
              this.db('capa_actions as a')
                .join('capa_action_entities as ae', 'ae.action_id', 'a.id')
                .select('a.capa_id')
                .whereIn('ae.entity_ref', entityRefs),
              this.db('capa_record_postmortems as rp')
                .join(
                  'capa_postmortem_entities as pe',
                  'pe.postmortem_id',
                  'rp.postmortem_id',
                )
                .select('rp.capa_id')
                .whereIn('pe.entity_ref', entityRefs),
            ),
        ),
      matchPostmortem: (query, postmortemId) =>
        // Fed by the postmortem: linked directly or through an action from it.
        query.where(q =>
          q
            .whereExists(
              this.db('capa_record_postmortems as rp')
                .select(this.db.raw('1'))
                .whereRaw('rp.capa_id = c.id')
                .where('rp.postmortem_id', postmortemId),
            )
            .orWhereExists(
              this.db('capa_actions as a')
                .select(this.db.raw('1'))
                .whereRaw('a.capa_id = c.id')
                .where('a.postmortem_id', postmortemId),
            ),
        ),
    });
    const [links] = await this.linksOf(rows.map(row => row.id));
    return {
      items: rows.map(row =>
        toStoredCapa(
          row,
          links.get(row.id) ?? { postmortemIds: [], entityRefs: [] },
        ),
      ),
      nextCursor,
    };
  }

  async insert(capa: NewCapa & { seq: number; key: string }): Promise<void> {
    await this.db('capa_records').insert({
      id: capa.id,
      seq: capa.seq,
      key: capa.key,
      title: capa.title,
      problem_statement: capa.problemStatement,
      type: capa.type,
      owner_ref: capa.ownerRef,
      due_date: capa.dueDate,
      status: capa.status,
      finished: finishedColumn(capa.status),
      severity: capa.severity,
      root_cause: capa.rootCause ?? null,
      opened_on: capa.openedOn,
      created_by: capa.createdBy,
      created_at: new Date(capa.createdAt),
      updated_at: new Date(capa.createdAt),
      version: 1,
    });
    await this.replaceLinks(capa.id, capa);
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: CapaPatch,
    now: Date,
  ): Promise<boolean> {
    const check = patch.effectivenessCheck;
    const columns = compact({
      title: patch.title,
      problem_statement: patch.problemStatement,
      type: patch.type,
      owner_ref: patch.ownerRef,
      due_date: patch.dueDate,
      // A moved due date may be announced again in its new state.
      notified_due_state: patch.dueDate === undefined ? undefined : null,
      severity: patch.severity,
      root_cause: patch.rootCause,
      status: patch.status,
      finished: finishedColumn(patch.status),
      finished_on: patch.finishedOn,
      effectiveness_method: check?.method,
      effectiveness_criteria: check?.criteria,
      effectiveness_result: check?.result,
      effectiveness_notes: check ? check.notes ?? null : undefined,
      effectiveness_verified_by: check?.verifiedBy,
      effectiveness_verified_at: check ? new Date(check.verifiedAt) : undefined,
    });
    const changed = await this.db('capa_records')
      .where({ id, version: expectedVersion })
      .update({ ...columns, updated_at: now, version: expectedVersion + 1 });
    if (changed !== 1) {
      return false;
    }
    if (patch.entityRefs) {
      await this.db('capa_record_entities').where({ capa_id: id }).delete();
    }
    if (patch.postmortemIds) {
      await this.db('capa_record_postmortems').where({ capa_id: id }).delete();
    }
    await this.replaceLinks(id, patch);
    return true;
  }

  async countUnfinishedActions(capaId: string): Promise<number> {
    const [{ n }] = await this.db('capa_actions')
      .where({ capa_id: capaId, finished: 0 })
      .count({ n: '*' });
    return Number(n);
  }

  private async replaceLinks(
    capaId: string,
    links: { entityRefs?: string[]; postmortemIds?: string[] },
  ) {
    const entityRefs = [...new Set(links.entityRefs ?? [])];
    if (entityRefs.length > 0) {
      await this.db('capa_record_entities').insert(
        entityRefs.map(entityRef => ({
          capa_id: capaId,
          entity_ref: entityRef,
        })),
      );
    }
    const postmortemIds = [...new Set(links.postmortemIds ?? [])];
    if (postmortemIds.length > 0) {
      await this.db('capa_record_postmortems').insert(
        postmortemIds.map(postmortemId => ({
          capa_id: capaId,
          postmortem_id: postmortemId,
        })),
      );
    }
  }

  /** Direct links of a page of CAPAs; `ids` is at most one page long. */
  private async linksOf(ids: string[]) {
    const links = new Map<
      string,
      { postmortemIds: string[]; entityRefs: string[] }
    >();
    if (ids.length === 0) {
      return [links] as const;
    }
    const [entities, postmortems] = await Promise.all([
      this.db('capa_record_entities')
        .whereIn('capa_id', ids)
        .orderBy('entity_ref'),
      this.db('capa_record_postmortems')
        .whereIn('capa_id', ids)
        .orderBy('postmortem_id'),
    ]);
    const entityRefs = groupLinks(
      entities,
      r => r.capa_id,
      r => r.entity_ref,
    );
    const postmortemIds = groupLinks(
      postmortems,
      r => r.capa_id,
      r => r.postmortem_id,
    );
    for (const id of ids) {
      links.set(id, {
        entityRefs: entityRefs.get(id) ?? [],
        postmortemIds: postmortemIds.get(id) ?? [],
      });
    }
    return [links] as const;
  }
}
