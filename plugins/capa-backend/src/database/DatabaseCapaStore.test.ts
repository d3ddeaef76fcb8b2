import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import { NewPostmortem } from './CapaStore';
import { DatabaseCapaStore } from './DatabaseCapaStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function newPostmortem(overrides: Partial<NewPostmortem> = {}): NewPostmortem {
  return {
    id: randomUUID(),
    title: 'Clinical engine missed new patients',
    incidentDate: '2024-03-27',
    priority: 'P1',
    classification: 'high',
    entityRefs: ['component:default/clinical-engine'],
    status: 'published',
    createdBy: 'user:default/fleur.mulder',
    createdAt: new Date('2024-04-10T08:00:00Z'),
    ...overrides,
  };
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseCapaStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCapaStore on %p',
  databaseId => {
    it('stores a postmortem with its entities and reads it back', async () => {
      const { store } = await createStore(databaseId);
      const created = await store.createPostmortem(
        newPostmortem({
          entityRefs: [
            'component:default/vitals',
            'component:default/clinical-engine',
            'component:default/vitals',
          ],
        }),
      );

      expect(created).toEqual({
        id: expect.any(String),
        title: 'Clinical engine missed new patients',
        incidentDate: '2024-03-27',
        priority: 'P1',
        classification: 'high',
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
      expect(await store.getPostmortem(created.id)).toEqual(created);
      expect(await store.getPostmortem(randomUUID())).toBeUndefined();
    });

    it('lists by entity and quarter, newest incident first', async () => {
      const { store } = await createStore(databaseId);
      await store.createPostmortem(
        newPostmortem({ title: 'A', incidentDate: '2024-03-27' }),
      );
      await store.createPostmortem(
        newPostmortem({
          title: 'B',
          incidentDate: '2024-05-02',
          entityRefs: ['component:default/messaging'],
        }),
      );
      await store.createPostmortem(
        newPostmortem({ title: 'C', incidentDate: '2024-06-30' }),
      );
      await store.createPostmortem(
        newPostmortem({
          title: 'Draft',
          incidentDate: '2024-06-01',
          status: 'draft',
        }),
      );
      await store.createPostmortem(
        newPostmortem({
          title: 'Gone',
          incidentDate: '2024-06-02',
          status: 'archived',
        }),
      );

      const forEngine = await store.listPostmortems({
        entityRef: 'component:default/clinical-engine',
        limit: 10,
      });
      expect(forEngine.items.map(p => p.title)).toEqual(['C', 'Draft', 'A']);
      expect(forEngine.nextCursor).toBeUndefined();

      const q2 = await store.listPostmortems({ quarter: '2024-Q2', limit: 10 });
      expect(q2.items.map(p => p.title)).toEqual(['C', 'Draft', 'B']);

      const archived = await store.listPostmortems({
        status: 'archived',
        limit: 10,
      });
      expect(archived.items.map(p => p.title)).toEqual(['Gone']);
    });

    it('pages with a keyset cursor without skipping or repeating rows', async () => {
      const { store } = await createStore(databaseId);
      // Many share a date, so the id must break ties for the order to be stable.
      for (let i = 0; i < 23; i++) {
        await store.createPostmortem(
          newPostmortem({
            title: `P${i}`,
            incidentDate: `2024-0${1 + (i % 3)}-15`,
          }),
        );
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listPostmortems({ limit: 5, cursor });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map(p => p.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);

      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      const dates = (await store.listPostmortems({ limit: 100 })).items.map(
        p => p.incidentDate,
      );
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('refuses a cursor it did not make', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.listPostmortems({ limit: 5, cursor: 'bm9wZQ' }),
      ).rejects.toThrow(InputError);
    });

    it('loads once-only data once, even when two loads race', async () => {
      const { store } = await createStore(databaseId);
      const results = await Promise.allSettled([
        store.createPostmortemsOnce('demo', [newPostmortem(), newPostmortem()]),
        store.createPostmortemsOnce('demo', [newPostmortem(), newPostmortem()]),
      ]);
      const loaded = results.filter(
        r => r.status === 'fulfilled' && r.value === true,
      );
      expect(loaded).toHaveLength(1);
      expect(await store.createPostmortemsOnce('demo', [newPostmortem()])).toBe(
        false,
      );
      expect((await store.listPostmortems({ limit: 100 })).items).toHaveLength(
        2,
      );
    });
  },
);
