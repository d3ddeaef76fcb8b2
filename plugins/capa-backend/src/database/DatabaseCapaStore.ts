import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { QuarterlyReview } from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import { ActionQueries } from './ActionQueries';
import { CapaRecordQueries } from './CapaRecordQueries';
import { CapaStore, CapaTables, OwnedRecord } from './CapaStore';
import { DueNoticeQueries, TaskRunQueries } from './DueNoticeQueries';
import { chunk } from './chunks';
import { HistoryQueries } from './HistoryQueries';
import { IdempotencyQueries } from './IdempotencyQueries';
import { PostmortemQueries } from './PostmortemQueries';
import { ReviewQueries } from './ReviewQueries';

const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-capa-backend',
  'migrations',
);

/** How long a SQLite writer waits for another to release the write lock. */
const SQLITE_WRITE_WAIT_MS = 10_000;

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

function tablesOn(db: Knex): CapaTables {
  return {
    postmortems: new PostmortemQueries(db),
    capas: new CapaRecordQueries(db),
    actions: new ActionQueries(db),
    history: new HistoryQueries(db),
    idempotency: new IdempotencyQueries(db),
    dueNotices: new DueNoticeQueries(db),
    taskRuns: new TaskRunQueries(db),
  };
}

/** Knex implementation of {@link CapaStore}, for SQLite and PostgreSQL. */
export class DatabaseCapaStore implements CapaStore {
  /** Opens the plugin's database and brings its schema up to date. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCapaStore> {
    const client = await options.database.getClient();
    if (client.client.config.client.includes('sqlite')) {
      // Readers no longer block the writer, nor the writer the readers. The
      // mode is kept in the file; in-memory databases ignore it.
      await client.raw('PRAGMA journal_mode = WAL');
    }
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCapaStore(client);
  }

  readonly postmortems: CapaTables['postmortems'];
  readonly capas: CapaTables['capas'];
  readonly actions: CapaTables['actions'];
  readonly history: CapaTables['history'];
  readonly idempotency: CapaTables['idempotency'];
  readonly dueNotices: CapaTables['dueNotices'];
  readonly taskRuns: CapaTables['taskRuns'];

  private constructor(private readonly db: Knex) {
    const tables = tablesOn(db);
    this.postmortems = tables.postmortems;
    this.capas = tables.capas;
    this.actions = tables.actions;
    this.history = tables.history;
    this.idempotency = tables.idempotency;
    this.dueNotices = tables.dueNotices;
    this.taskRuns = tables.taskRuns;
  }

  write<T>(fn: (tx: CapaTables) => Promise<T>): Promise<T> {
    return this.writeTransaction(tx => fn(tablesOn(tx)));
  }

  once(
    markerKey: string,
    fn: (tx: CapaTables) => Promise<void>,
  ): Promise<boolean> {
    return this.writeTransaction(async tx => {
      const inserted = await tx('capa_installation')
        .insert({ key: markerKey, value: 'done', created_at: new Date() })
        .onConflict('key')
        .ignore()
        .returning('key');
      if (inserted.length === 0) {
        return false;
      }
      await fn(tablesOn(tx));
      return true;
    });
  }

  review(quarter: string): Promise<QuarterlyReview> {
    return new ReviewQueries(this.db).review(quarter);
  }

  async ownersOf(
    resourceRefs: string[],
  ): Promise<Array<OwnedRecord | undefined>> {
    const found = new Map<string, OwnedRecord>();
    for (const kind of ['capa', 'action'] as const) {
      const ids = resourceRefs
        .filter(ref => ref.startsWith(`${kind}:`))
        .map(ref => ref.slice(kind.length + 1))
        .filter(id => /^[0-9a-f-]{36}$/i.test(id));
      for (const idsChunk of chunk(ids, 400)) {
        const rows: Array<{ id: string; owner_ref: string }> = await this.db(
          kind === 'capa' ? 'capa_records' : 'capa_actions',
        )
          .select('id', 'owner_ref')
          .whereIn('id', idsChunk);
        for (const row of rows) {
          found.set(`${kind}:${row.id}`, {
            kind,
            id: row.id,
            ownerRef: row.owner_ref,
          });
        }
      }
    }
    return resourceRefs.map(ref => found.get(ref));
  }

  private async writeTransaction<T>(
    fn: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    if (!this.db.client.config.client.includes('sqlite')) {
      return this.db.transaction(fn);
    }
    // better-sqlite3 is synchronous: SQLite's own busy wait would freeze the
    // whole backend, and with it whichever connection holds the lock. So the
    // wait is ours and asynchronous: the first statement takes the write lock
    // or fails at once, and a refused transaction, which has done nothing
    // yet, starts again after a short pause.
    const deadline = Date.now() + SQLITE_WRITE_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      let locked = false;
      try {
        return await this.db.transaction(async tx => {
          await tx.raw('PRAGMA busy_timeout = 0');
          await tx('capa_counters').whereRaw('0 = 1').update({ value: 0 });
          locked = true;
          return fn(tx);
        });
      } catch (error) {
        if (locked || !isSqliteBusy(error)) {
          throw error;
        }
        if (Date.now() > deadline) {
          throw new ServiceUnavailableError(
            `The database stayed locked by another writer for ${
              SQLITE_WRITE_WAIT_MS / 1000
            } s; try again`,
          );
        }
        const pause = Math.min(50, 2 ** attempt) * (0.5 + Math.random());
        await new Promise(resolve => setTimeout(resolve, pause));
      }
    }
  }
}
