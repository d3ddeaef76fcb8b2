import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DatabaseCapaStore } from './database/DatabaseCapaStore';
import { AccessControl } from './service/AccessControl';
import { ActionService } from './service/ActionService';
import { CapaService } from './service/CapaService';
import { CatalogLookup } from './service/CatalogLookup';
import { DueDates } from './service/DueDates';
import { PostmortemService } from './service/PostmortemService';
import { ReviewService } from './service/ReviewService';
import { FixedClock } from './__testUtils__/testServices';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const ENTITIES = 1_000;
const SYSTEM_SIZE = 2_000;
const CAPAS = 200;
const ACTIONS = 10_000;
const POSTMORTEMS = 1_000;
const OWNERS = 500;

const component = (i: number) => `component:default/svc-${i}`;
const owner = (i: number) =>
  i % 5 === 0
    ? `group:default/team-${i % OWNERS}`
    : `user:default/person-${i % OWNERS}`;
const uuid = (prefix: string, i: number) =>
  `${prefix}${i.toString(16).padStart(12, '0')}`.replace(
    /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
    '$1-$2-$3-$4-$5',
  );
const day = (offset: number) =>
  new Date(Date.UTC(2026, 10, 22 + offset)).toISOString().slice(0, 10);

/** One system with 2,000 components (half with records), and the groups. */
function catalogEntities(): Entity[] {
  const system: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'big', namespace: 'default' },
    spec: { owner: 'group:default/team-0' },
    relations: Array.from({ length: SYSTEM_SIZE }, (_, i) => ({
      type: 'hasPart',
      targetRef: component(i),
    })),
  };
  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-0', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/person-1' }],
  };
  return [system, group];
}

async function seed(knex: Knex) {
  const now = new Date('2026-11-01T00:00:00Z');
  const stamps = {
    created_by: 'user:default/seed',
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const postmortems = Array.from({ length: POSTMORTEMS }, (_, i) => ({
    id: uuid('00000000000000000001', i),
    title: `Incident ${i}`,
    incident_date: day(-(i % 400)),
    status: 'published',
    timeline: '[]',
    patients_affected: i % 7,
    lead_time_minutes: i % 90,
    ...stamps,
  }));
  await knex.batchInsert('capa_postmortems', postmortems, 100);
  await knex.batchInsert(
    'capa_postmortem_entities',
    postmortems.map((p, i) => ({
      postmortem_id: p.id,
      entity_ref: component(i % ENTITIES),
    })),
    200,
  );
  const capas = Array.from({ length: CAPAS }, (_, i) => ({
    id: uuid('00000000000000000002', i),
    seq: i + 1,
    key: `CAPA-${i + 1}`,
    title: `CAPA ${i}`,
    problem_statement: 'Seeded',
    type: 'both',
    owner_ref: owner(i),
    due_date: day((i % 60) - 30),
    status: i % 10 === 0 ? 'closed' : 'in_progress',
    finished: i % 10 === 0 ? 1 : 0,
    finished_on: i % 10 === 0 ? day(-5) : null,
    severity: 'high',
    opened_on: day(-(i % 300)),
    ...stamps,
  }));
  await knex.batchInsert('capa_records', capas, 100);
  await knex('capa_counters').update({ value: CAPAS });
  const actions = Array.from({ length: ACTIONS }, (_, i) => ({
    id: uuid('00000000000000000003', i),
    capa_id: capas[i % CAPAS].id,
    postmortem_id: postmortems[i % POSTMORTEMS].id,
    title: `Action ${i}`,
    owner_ref: owner(i),
    due_date: day((i % 90) - 45),
    status: i % 4 === 0 ? 'done' : 'open',
    finished: i % 4 === 0 ? 1 : 0,
    finished_on: i % 4 === 0 ? day(-(i % 30)) : null,
    opened_on: day(-(i % 200) - 1),
    ...stamps,
  }));
  await knex.batchInsert('capa_actions', actions, 100);
  await knex.batchInsert(
    'capa_action_entities',
    actions.map((a, i) => ({
      action_id: a.id,
      entity_ref: component(i % ENTITIES),
      finished: a.finished,
      due_date: a.due_date,
      done_on: a.status === 'done' ? a.finished_on : null,
    })),
    200,
  );
}

describe.each(databases.eachSupportedId())(
  'bounded queries on %p',
  databaseId => {
    it('binds at most 500 parameters and loads a bounded number of rows per query, whatever the data', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseCapaStore.create({
        database: { getClient: async () => knex },
      });
      await seed(knex);

      const dueDates = new DueDates(
        { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
        new FixedClock(new Date('2026-11-22T10:00:00Z')),
      );
      const ctx = {
        store,
        catalog: new CatalogLookup(
          catalogServiceMock({ entities: catalogEntities() }),
        ),
        access: new AccessControl({
          permissions: mockServices.permissions(),
          applyConditions: () => false,
        }),
        dueDates,
        userInfo: mockServices.userInfo(),
        closeRequiresActionsFinished: true,
      };
      const actions = new ActionService(ctx);
      const capas = new CapaService(ctx);
      const postmortems = new PostmortemService(ctx, actions);
      const review = new ReviewService({ store, dueDates });
      const caller = mockCredentials.user('user:default/person-1');

      const queries: Array<{ sql: string; bindings: number; rows: number }> =
        [];
      knex.on(
        'query-response',
        (response: unknown, query: { sql: string; bindings?: unknown[] }) => {
          const rows = Array.isArray(response)
            ? response.length
            : (response as { rows?: unknown[] })?.rows?.length ?? 0;
          queries.push({
            sql: query.sql,
            bindings: query.bindings?.length ?? 0,
            rows,
          });
        },
      );

      const pages = async <T>(
        list: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
        count = 3,
      ) => {
        let cursor: string | undefined;
        let seen = 0;
        for (let i = 0; i < count; i++) {
          const page = await list(cursor);
          seen += page.items.length;
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        return seen;
      };

      const system = 'system:default/big';
      expect(
        await pages(c =>
          postmortems.list(
            { entityRef: system, limit: 100, cursor: c },
            caller,
          ),
        ),
      ).toBe(300);
      expect(
        await pages(c =>
          capas.list({ entityRef: system, limit: 100, cursor: c }, caller),
        ),
      ).toBe(200);
      expect(
        await pages(c =>
          actions.list({ entityRef: system, limit: 100, cursor: c }, caller),
        ),
      ).toBe(300);
      expect(
        await pages(c =>
          actions.list({ owner: 'mine', limit: 100, cursor: c }, caller),
        ),
      ).toBeGreaterThan(0);
      expect(
        await pages(c =>
          capas.list(
            { owner: 'group:default/team-0', limit: 25, cursor: c },
            caller,
          ),
        ),
      ).toBeGreaterThan(0);
      expect(
        await pages(c =>
          actions.list({ dueState: 'overdue', limit: 100, cursor: c }, caller),
        ),
      ).toBe(300);
      expect(
        await pages(c =>
          actions.list({ dueState: 'due_soon', limit: 100, cursor: c }, caller),
        ),
      ).toBe(300);
      expect(
        await pages(c =>
          capas.list({ quarter: '2026-Q4', limit: 100, cursor: c }, caller),
        ),
      ).toBeGreaterThan(0);
      // Component 7 has actions 7, 1007, ..., 9007: ten, all open, in two pages of five.
      expect(
        await pages(c =>
          actions.list(
            { entityRef: component(7), status: 'open', limit: 5, cursor: c },
            caller,
          ),
        ),
      ).toBe(10);
      await capas.history(uuid('00000000000000000002', 3), { limit: 50 });
      const q4 = await review.review('2026-Q4');
      expect(q4.actions.opened).toBeGreaterThan(0);
      expect(q4.byEntity.truncated).toBe(true);

      expect(queries.length).toBeGreaterThan(20);
      const worstBindings = queries.reduce((a, b) =>
        b.bindings > a.bindings ? b : a,
      );
      const worstRows = queries.reduce((a, b) => (b.rows > a.rows ? b : a));
      // Printed so the figures show in CI output.
      console.log(
        `${databaseId}: ${queries.length} queries; most bindings ${worstBindings.bindings}; most rows ${worstRows.rows}`,
      );
      expect(worstBindings.bindings).toBeLessThanOrEqual(500);
      expect(worstRows.rows).toBeLessThanOrEqual(500);
    });
  },
);
