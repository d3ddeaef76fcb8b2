import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { PostmortemFields } from './CapaStore';
import { DatabaseCapaStore } from './DatabaseCapaStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const fields: PostmortemFields = {
  title: 'Clinical engine missed new patients',
  incidentDate: '2024-03-27',
  priority: 'P1',
  classification: 'high',
  summary: 'An association query grew until it timed out.',
  timeline: [{ at: '2024-03-27T14:00:00+01:00', event: 'Alarms' }],
  leadTimeMinutes: 1080,
  correctionTimeMinutes: 540,
  slaMet: false,
  impact: { organisationsAffected: 23, patientsAffected: 40 },
  solution: { correction: 'Rewrote the query' },
  communication: {},
  entityRefs: ['component:default/clinical-engine'],
};

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseCapaStore.create({
    database: { getClient: async () => knex },
  });
  const insert = async (
    overrides: Partial<PostmortemFields> & {
      status?: 'draft' | 'published' | 'archived';
    } = {},
  ) => {
    const id = randomUUID();
    const { status = 'published', ...rest } = overrides;
    await store.postmortems.insert({
      ...fields,
      ...rest,
      id,
      status,
      createdBy: 'user:default/fleur.mulder',
      createdAt: new Date('2024-04-10T08:00:00Z'),
    });
    return id;
  };
  return { knex, store, insert };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCapaStore on %p',
  databaseId => {
    it('stores every field of a postmortem and reads it back', async () => {
      const { store, insert } = await createStore(databaseId);
      const id = await insert({
        entityRefs: [
          'component:default/vitals',
          'component:default/clinical-engine',
        ],
      });

      expect(await store.postmortems.get(id)).toEqual({
        ...fields,
        id,
        status: 'published',
        entityRefs: [
          'component:default/clinical-engine',
          'component:default/vitals',
        ],
        createdBy: 'user:default/fleur.mulder',
        createdAt: '2024-04-10T08:00:00.000Z',
        updatedAt: '2024-04-10T08:00:00.000Z',
        version: 1,
      });
      expect(await store.postmortems.get(randomUUID())).toBeUndefined();
    });

    it('updates compare-and-set: a stale version changes nothing', async () => {
      const { store, insert } = await createStore(databaseId);
      const id = await insert();
      const now = new Date('2024-05-01T00:00:00Z');
      expect(
        await store.postmortems.update(
          id,
          1,
          { title: 'Renamed', slaMet: true },
          now,
        ),
      ).toBe(true);
      expect(
        await store.postmortems.update(id, 1, { title: 'Lost' }, now),
      ).toBe(false);
      expect(await store.postmortems.get(id)).toMatchObject({
        title: 'Renamed',
        slaMet: true,
        version: 2,
      });
    });

    it('lists by entity and quarter, newest incident first, leaving out archived ones', async () => {
      const { store, insert } = await createStore(databaseId);
      await insert({ title: 'A', incidentDate: '2024-03-27' });
      await insert({
        title: 'B',
        incidentDate: '2024-05-02',
        entityRefs: ['component:default/messaging'],
      });
      await insert({ title: 'C', incidentDate: '2024-06-30' });
      await insert({
        title: 'Draft',
        incidentDate: '2024-06-01',
        status: 'draft',
      });
      await insert({
        title: 'Gone',
        incidentDate: '2024-06-02',
        status: 'archived',
      });

      const titles = async (
        filter: Parameters<typeof store.postmortems.list>[0],
      ) =>
        (await store.postmortems.list(filter, { limit: 10 })).items.map(
          p => p.title,
        );
      expect(
        await titles({ entityRefs: ['component:default/clinical-engine'] }),
      ).toEqual(['C', 'Draft', 'A']);
      expect(
        await titles({
          incidentBetween: { first: '2024-04-01', last: '2024-06-30' },
        }),
      ).toEqual(['C', 'Draft', 'B']);
      expect(await titles({ status: 'archived' })).toEqual(['Gone']);
    });

    it('pages with a keyset cursor, also across chunks of many entity refs', async () => {
      const { store, insert } = await createStore(databaseId);
      // Refs beyond one query's chunk: the store splits them and merges pages.
      const manyRefs = Array.from(
        { length: 420 },
        (_, i) => `component:default/service-${i}`,
      );
      for (let i = 0; i < 23; i++) {
        await insert({
          title: `P${i}`,
          incidentDate: `2024-0${1 + (i % 3)}-15`,
          entityRefs: [manyRefs[(i * 37) % manyRefs.length]],
        });
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.postmortems.list(
          { entityRefs: manyRefs },
          { limit: 5, cursor },
        );
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map(p => p.incidentDate + p.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);

      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      expect(seen).toEqual([...seen].sort().reverse());
    });

    it('refuses a cursor it did not make', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.postmortems.list({}, { limit: 5, cursor: 'bm9wZQ' }),
      ).rejects.toThrow(InputError);
    });

    it('writes all or nothing', async () => {
      const { store, insert } = await createStore(databaseId);
      await expect(
        store.write(async tx => {
          await tx.postmortems.insert({
            ...fields,
            id: randomUUID(),
            status: 'draft',
            createdBy: 'user:default/fleur.mulder',
            createdAt: new Date(),
          });
          throw new Error('fails half way');
        }),
      ).rejects.toThrow('fails half way');
      expect((await store.postmortems.list({}, { limit: 10 })).items).toEqual(
        [],
      );
      await insert();
      expect(
        (await store.postmortems.list({}, { limit: 10 })).items,
      ).toHaveLength(1);
    });

    it('runs once-only work once, even when two runs race', async () => {
      const { store, insert } = await createStore(databaseId);
      const loadDemo = (title: string) =>
        store.once('demo', async tx => {
          await tx.postmortems.insert({
            ...fields,
            title,
            id: randomUUID(),
            status: 'published',
            createdBy: 'user:default/fleur.mulder',
            createdAt: new Date(),
          });
        });
      const results = await Promise.all([
        loadDemo('first'),
        loadDemo('second'),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await loadDemo('third')).toBe(false);
      expect(
        (await store.postmortems.list({}, { limit: 10 })).items,
      ).toHaveLength(1);
      await insert();
    });

    it('names the owners of CAPAs and actions for permission decisions', async () => {
      const { store } = await createStore(databaseId);
      const id = randomUUID();
      await store.write(async tx => {
        const { seq, key } = await tx.capas.nextKey();
        await tx.capas.insert({
          id,
          seq,
          key,
          title: 'Monitoring',
          problemStatement: 'Late detection',
          type: 'both',
          ownerRef: 'group:default/quality',
          dueDate: '2026-12-31',
          status: 'open',
          severity: 'high',
          postmortemIds: [],
          entityRefs: [],
          openedOn: '2026-11-22',
          createdBy: 'user:default/fleur.mulder',
          createdAt: new Date().toISOString(),
        });
      });
      expect(
        await store.ownersOf([`capa:${id}`, `action:${id}`, 'nonsense']),
      ).toEqual([
        { kind: 'capa', id, ownerRef: 'group:default/quality' },
        undefined,
        undefined,
      ]);
    });
  },
);
