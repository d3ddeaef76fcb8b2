import { Page, Postmortem } from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import {
  PageRequest,
  PostmortemFields,
  PostmortemFilter,
  PostmortemTable,
} from './CapaStore';
import { refChunks, mergePages } from './chunks';
import { decodeCursor } from './cursor';
import { PostmortemRow, postmortemColumns, toPostmortem } from './rows';

/** Postmortem SQL, on the plugin's database or inside a transaction. */
export class PostmortemQueries implements PostmortemTable {
  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<Postmortem | undefined> {
    const row = await this.db<PostmortemRow>('capa_postmortems')
      .where({ id })
      .first();
    if (!row) {
      return undefined;
    }
    return toPostmortem(row, (await this.entityRefsOf([id])).get(id) ?? []);
  }

  async list(
    filter: PostmortemFilter,
    page: PageRequest,
  ): Promise<Page<Postmortem>> {
    const after = page.cursor
      ? decodeCursor(page.cursor, ['string', 'string'])
      : undefined;
    const queries = refChunks(filter.entityRefs, undefined).map(
      ({ entityRefs }) => {
        const query = this.db<PostmortemRow>('capa_postmortems as p')
          .select('p.*')
          .orderBy([
            { column: 'p.incident_date', order: 'desc' },
            { column: 'p.id', order: 'desc' },
          ])
          // One extra row tells whether there is a next page.
          .limit(page.limit + 1);
        if (filter.status) {
          query.where('p.status', filter.status);
        } else {
          query.whereNot('p.status', 'archived');
        }
        if (entityRefs) {
          query.whereExists(
            this.db('capa_postmortem_entities as pe')
              .select(this.db.raw('1'))
              .whereRaw('pe.postmortem_id = p.id')
              .whereIn('pe.entity_ref', entityRefs),
          );
        }
        if (filter.incidentBetween) {
          query.whereBetween('p.incident_date', [
            filter.incidentBetween.first,
            filter.incidentBetween.last,
          ]);
        }
        if (after) {
          const [incidentDate, id] = after;
          query.where(q =>
            q
              .where('p.incident_date', '<', incidentDate)
              .orWhere(q2 =>
                q2
                  .where('p.incident_date', incidentDate)
                  .andWhere('p.id', '<', id),
              ),
          );
        }
        return query;
      },
    );

    const pages = (await Promise.all(queries)) as PostmortemRow[][];
    const { rows, nextCursor } = mergePages(
      pages,
      row => [row.incident_date, row.id],
      page.limit,
      'desc',
    );
    const entityRefs = await this.entityRefsOf(rows.map(row => row.id));
    return {
      items: rows.map(row => toPostmortem(row, entityRefs.get(row.id) ?? [])),
      nextCursor,
    };
  }

  async insert(
    p: PostmortemFields & {
      id: string;
      status: Postmortem['status'];
      createdBy: string;
      createdAt: Date;
    },
  ): Promise<void> {
    await this.db('capa_postmortems').insert({
      ...postmortemColumns(p),
      id: p.id,
      status: p.status,
      created_by: p.createdBy,
      created_at: p.createdAt,
      updated_at: p.createdAt,
      version: 1,
    });
    await this.replaceEntityRefs(p.id, p.entityRefs);
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: Partial<PostmortemFields> & { status?: Postmortem['status'] },
    now: Date,
  ): Promise<boolean> {
    const changed = await this.db('capa_postmortems')
      .where({ id, version: expectedVersion })
      .update({
        ...postmortemColumns(patch),
        updated_at: now,
        version: expectedVersion + 1,
      });
    if (changed !== 1) {
      return false;
    }
    if (patch.entityRefs) {
      await this.db('capa_postmortem_entities')
        .where({ postmortem_id: id })
        .delete();
      await this.replaceEntityRefs(id, patch.entityRefs);
    }
    return true;
  }

  private async replaceEntityRefs(postmortemId: string, entityRefs: string[]) {
    const unique = [...new Set(entityRefs)];
    if (unique.length > 0) {
      await this.db('capa_postmortem_entities').insert(
        unique.map(entityRef => ({
          postmortem_id: postmortemId,
          entity_ref: entityRef,
        })),
      );
    }
  }

  /** Entity refs of a page of postmortems; `ids` is at most one page long. */
  private async entityRefsOf(ids: string[]): Promise<Map<string, string[]>> {
    const byId = new Map<string, string[]>();
    if (ids.length === 0) {
      return byId;
    }
    const rows: Array<{ postmortem_id: string; entity_ref: string }> =
      await this.db('capa_postmortem_entities')
        .whereIn('postmortem_id', ids)
        .orderBy('entity_ref');
    for (const row of rows) {
      byId.set(row.postmortem_id, [
        ...(byId.get(row.postmortem_id) ?? []),
        row.entity_ref,
      ]);
    }
    return byId;
  }
}
