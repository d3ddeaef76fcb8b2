import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ListPostmortemsQuery,
  Page,
  PostmortemSummary,
  quarterRange,
} from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import { CapaStore, NewPostmortem } from './CapaStore';
import { decodeCursor, encodeCursor } from './cursor';
import {
  PostmortemEntityRow,
  PostmortemRow,
  toPostmortemSummary,
} from './rows';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-capa-backend',
  'migrations',
);

/** Knex implementation of {@link CapaStore}, for SQLite and PostgreSQL. */
export class DatabaseCapaStore implements CapaStore {
  /** Opens the plugin's database and brings its schema up to date. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCapaStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCapaStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async listPostmortems(
    query: ListPostmortemsQuery,
  ): Promise<Page<PostmortemSummary>> {
    const rows = this.db<PostmortemRow>('capa_postmortems as p')
      .select('p.*')
      .orderBy([
        { column: 'p.incident_date', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ])
      // One extra row tells whether there is a next page.
      .limit(query.limit + 1);

    if (query.status) {
      rows.where('p.status', query.status);
    } else {
      rows.whereNot('p.status', 'archived');
    }
    if (query.entityRef) {
      rows.whereExists(
        this.db('capa_postmortem_entities as pe')
          .select(this.db.raw('1'))
          .whereRaw('pe.postmortem_id = p.id')
          .where('pe.entity_ref', query.entityRef),
      );
    }
    if (query.quarter) {
      const { first, last } = quarterRange(query.quarter);
      rows.whereBetween('p.incident_date', [first, last]);
    }
    if (query.cursor) {
      const [incidentDate, id] = decodeCursor(query.cursor, 2);
      rows.where(q =>
        q
          .where('p.incident_date', '<', incidentDate)
          .orWhere(q2 =>
            q2.where('p.incident_date', incidentDate).andWhere('p.id', '<', id),
          ),
      );
    }

    const found = (await rows) as PostmortemRow[];
    const page = found.slice(0, query.limit);
    const entityRefs = await this.entityRefsOf(page.map(row => row.id));
    const last = page[page.length - 1];
    return {
      items: page.map(row =>
        toPostmortemSummary(row, entityRefs.get(row.id) ?? []),
      ),
      nextCursor:
        found.length > query.limit && last
          ? encodeCursor([last.incident_date, last.id])
          : undefined,
    };
  }

  async getPostmortem(id: string): Promise<PostmortemSummary | undefined> {
    const row = await this.db<PostmortemRow>('capa_postmortems')
      .where({ id })
      .first();
    if (!row) {
      return undefined;
    }
    const entityRefs = await this.entityRefsOf([id]);
    return toPostmortemSummary(row, entityRefs.get(id) ?? []);
  }

  async createPostmortem(
    postmortem: NewPostmortem,
  ): Promise<PostmortemSummary> {
    await this.db.transaction(async tx => {
      await this.insertPostmortem(tx, postmortem);
    });
    return (await this.getPostmortem(postmortem.id))!;
  }

  async createPostmortemsOnce(
    markerKey: string,
    postmortems: NewPostmortem[],
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const inserted = await tx('capa_installation')
        .insert({
          key: markerKey,
          value: `${postmortems.length} postmortems`,
          created_at: new Date(),
        })
        .onConflict('key')
        .ignore()
        .returning('key');
      if (inserted.length === 0) {
        return false;
      }
      for (const postmortem of postmortems) {
        await this.insertPostmortem(tx, postmortem);
      }
      return true;
    });
  }

  private async insertPostmortem(tx: Knex.Transaction, p: NewPostmortem) {
    await tx<PostmortemRow>('capa_postmortems').insert({
      id: p.id,
      title: p.title,
      incident_date: p.incidentDate,
      priority: p.priority ?? null,
      classification: p.classification ?? null,
      status: p.status,
      created_by: p.createdBy,
      created_at: p.createdAt,
      updated_at: p.createdAt,
      version: 1,
    });
    await tx<PostmortemEntityRow>('capa_postmortem_entities').insert(
      [...new Set(p.entityRefs)].map(entityRef => ({
        postmortem_id: p.id,
        entity_ref: entityRef,
      })),
    );
  }

  /** Entity refs of a page of postmortems; `ids` is at most one page long. */
  private async entityRefsOf(ids: string[]): Promise<Map<string, string[]>> {
    const byId = new Map<string, string[]>();
    if (ids.length === 0) {
      return byId;
    }
    const rows = await this.db<PostmortemEntityRow>('capa_postmortem_entities')
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
