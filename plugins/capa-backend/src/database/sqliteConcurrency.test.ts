import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestServices } from '../__testUtils__/testServices';

jest.setTimeout(60_000);

/**
 * TestDatabases' SQLite is in memory behind one connection, so it can never
 * show "database is locked". This runs the same races on a SQLite file through
 * several connections, as separate backend processes would.
 */
describe('SQLite in a file with separate connections', () => {
  let dir: string;
  let connections: Knex[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'capa-sqlite-'));
    connections = Array.from({ length: 4 }, () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'capa.sqlite') },
        useNullAsDefault: true,
      }),
    );
  });

  afterEach(async () => {
    await Promise.all(connections.map(c => c.destroy()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function servicesOnEachConnection() {
    const first = await createTestServices(connections[0]);
    const others = await Promise.all(
      connections.slice(1).map(c => createTestServices(c)),
    );
    return [first, ...others];
  }

  const quality = mockCredentials.user('user:default/fleur.mulder');
  const capa = {
    title: 'Monitoring and data resilience',
    problemStatement: 'Noticed late',
    type: 'both' as const,
    ownerRef: 'group:default/quality',
    dueDate: '2026-12-31',
    severity: 'high' as const,
    postmortemIds: [],
    entityRefs: [],
  };

  it('keeps exactly one of 20 concurrent updates, and every other writer gets a conflict, not a lock error', async () => {
    const services = await servicesOnEachConnection();
    const { value: created } = await services[0].capas.create(capa, quality);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        services[i % services.length].capas.update(
          created.id,
          { version: 1, title: `Edit ${i}` },
          quality,
        ),
      ),
    );

    const failures = results.filter(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(failures.map(f => f.reason.name)).toEqual(
      Array(19).fill(ConflictError.name),
    );
    const history = await services[3].capas.history(created.id, { limit: 50 });
    expect(history.items.filter(e => e.event === 'updated')).toHaveLength(1);
    expect(await connections[0].raw('PRAGMA journal_mode')).toEqual([
      { journal_mode: 'wal' },
    ]);
  });

  it('gives concurrent creates on different connections distinct keys', async () => {
    const services = await servicesOnEachConnection();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        services[i % services.length].capas.create(
          { ...capa, title: `CAPA ${i}` },
          quality,
        ),
      ),
    );
    const keys = created.map(c => c.value.key);
    expect(new Set(keys).size).toBe(20);
    expect(keys.map(k => Number(k.slice(5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});
