import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  QuarterlyReview,
  REVIEW_MAX_ROWS,
  WorkFigures,
} from '@internal/backstage-plugin-capa-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { ReviewQueries } from './ReviewQueries';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const migrationsDir = resolvePackagePath(
  '@internal/backstage-plugin-capa-backend',
  'migrations',
);

const VITALS = 'component:default/vitals';
const ENGINE = 'component:default/clinical-engine';
const MESSAGING = 'component:default/messaging';
const ALERTS = 'component:default/alerts';
const PLATFORM = 'group:default/platform';
const ANNA = 'user:default/anna';
const BERT = 'user:default/bert';
const CARLA = 'user:default/carla';
const ZED = 'user:default/zed';

const FINISHED = ['closed', 'cancelled', 'done', 'not_doing'];

function audit() {
  return {
    created_by: 'user:default/fleur.mulder',
    created_at: new Date(),
    updated_at: new Date(),
    version: 1,
  };
}

type PostmortemSeed = {
  incidentDate: string;
  status?: 'draft' | 'published' | 'archived';
  priority?: string;
  classification?: string;
  leadTime?: number;
  correctionTime?: number;
  organisations?: number;
  patients?: number;
  entityRefs?: string[];
};

type WorkSeed = {
  ownerRef: string;
  openedOn: string;
  dueDate: string;
  status: string;
  finishedOn?: string;
};

type CapaSeed = WorkSeed & { seq: number; postmortemIds?: string[] };

type ActionSeed = WorkSeed & {
  capaId: string;
  postmortemId?: string;
  entityRefs?: string[];
};

/** Seeds rows with plain inserts, as the migration defines them. */
class Seeder {
  constructor(private readonly knex: Knex) {}

  async postmortem(seed: PostmortemSeed): Promise<string> {
    const id = randomUUID();
    await this.knex('capa_postmortems').insert({
      id,
      title: `Incident of ${seed.incidentDate}`,
      incident_date: seed.incidentDate,
      priority: seed.priority ?? null,
      classification: seed.classification ?? null,
      status: seed.status ?? 'published',
      timeline: '[]',
      lead_time_minutes: seed.leadTime ?? null,
      correction_time_minutes: seed.correctionTime ?? null,
      organisations_affected: seed.organisations ?? null,
      patients_affected: seed.patients ?? null,
      ...audit(),
    });
    for (const entityRef of seed.entityRefs ?? []) {
      await this.knex('capa_postmortem_entities').insert({
        postmortem_id: id,
        entity_ref: entityRef,
      });
    }
    return id;
  }

  async capa(seed: CapaSeed): Promise<string> {
    const id = randomUUID();
    await this.knex('capa_records').insert(capaRow(id, seed));
    for (const postmortemId of seed.postmortemIds ?? []) {
      await this.knex('capa_record_postmortems').insert({
        capa_id: id,
        postmortem_id: postmortemId,
      });
    }
    return id;
  }

  async action(seed: ActionSeed): Promise<string> {
    const id = randomUUID();
    await this.knex('capa_actions').insert(actionRow(id, seed));
    for (const entityRef of seed.entityRefs ?? []) {
      await this.knex('capa_action_entities').insert({
        action_id: id,
        entity_ref: entityRef,
      });
    }
    return id;
  }
}

function capaRow(id: string, seed: CapaSeed) {
  return {
    id,
    seq: seed.seq,
    key: `CAPA-${seed.seq}`,
    title: `CAPA ${seed.seq}`,
    problem_statement: 'The same problem keeps coming back',
    type: 'corrective',
    owner_ref: seed.ownerRef,
    due_date: seed.dueDate,
    status: seed.status,
    finished: FINISHED.includes(seed.status) ? 1 : 0,
    severity: 'medium',
    opened_on: seed.openedOn,
    finished_on: seed.finishedOn ?? null,
    ...audit(),
  };
}

function actionRow(id: string, seed: ActionSeed) {
  return {
    id,
    capa_id: seed.capaId,
    postmortem_id: seed.postmortemId ?? null,
    title: `Action opened on ${seed.openedOn}`,
    owner_ref: seed.ownerRef,
    due_date: seed.dueDate,
    status: seed.status,
    finished: FINISHED.includes(seed.status) ? 1 : 0,
    opened_on: seed.openedOn,
    finished_on: seed.finishedOn ?? null,
    ...audit(),
  };
}

/**
 * A known data set around 2024-Q2 (2024-04-01 to 2024-06-30). The comments
 * say what each row should count for in that quarter.
 */
async function seedQuarter(knex: Knex) {
  const seed = new Seeder(knex);

  // In the quarter: pm1, pm2, pm3 (on its last day), pm7 (a draft).
  const pm1 = await seed.postmortem({
    incidentDate: '2024-04-10',
    priority: 'P1',
    classification: 'high',
    leadTime: 30,
    correctionTime: 100,
    organisations: 2,
    patients: 10,
    entityRefs: [VITALS, ENGINE],
  });
  const pm2 = await seed.postmortem({
    incidentDate: '2024-05-20',
    priority: 'P2',
    leadTime: 60,
    correctionTime: 121,
    patients: 5,
    entityRefs: [VITALS],
  });
  const pm3 = await seed.postmortem({
    incidentDate: '2024-06-30',
    classification: 'low',
    leadTime: 90,
    correctionTime: 205,
    organisations: 1,
    entityRefs: [ALERTS],
  });
  await seed.postmortem({
    incidentDate: '2024-04-01',
    status: 'draft',
    priority: 'P2',
    classification: 'medium',
    correctionTime: 50,
    organisations: 0,
    patients: 0,
  });
  // Not in the quarter's figures: archived, before, after.
  const pm4 = await seed.postmortem({
    incidentDate: '2024-06-15',
    status: 'archived',
    priority: 'P1',
    leadTime: 1,
    patients: 1000,
    entityRefs: [VITALS],
  });
  const pm5 = await seed.postmortem({
    incidentDate: '2024-03-31',
    priority: 'P1',
    leadTime: 5,
    patients: 7,
    entityRefs: [VITALS],
  });
  const pm6 = await seed.postmortem({
    incidentDate: '2024-07-01',
    priority: 'P1',
    patients: 3,
    entityRefs: [VITALS],
  });
  const pm8 = await seed.postmortem({ incidentDate: '2024-01-15' });

  // Opened, closed on time; recurring through pm1 and pm5.
  const c1 = await seed.capa({
    seq: 1,
    ownerRef: PLATFORM,
    openedOn: '2024-04-05',
    dueDate: '2024-05-31',
    status: 'closed',
    finishedOn: '2024-05-30',
    postmortemIds: [pm1, pm5],
  });
  // Closed late; pm4 is archived, so pm2 alone feeds it.
  const c2 = await seed.capa({
    seq: 2,
    ownerRef: PLATFORM,
    openedOn: '2024-01-10',
    dueDate: '2024-04-30',
    status: 'closed',
    finishedOn: '2024-05-15',
    postmortemIds: [pm2, pm4],
  });
  // Opened and cancelled.
  await seed.capa({
    seq: 3,
    ownerRef: ANNA,
    openedOn: '2024-05-01',
    dueDate: '2024-09-30',
    status: 'cancelled',
    finishedOn: '2024-06-01',
  });
  // Opened, open at the end, 10 days old.
  await seed.capa({
    seq: 4,
    ownerRef: ANNA,
    openedOn: '2024-06-20',
    dueDate: '2024-07-31',
    status: 'open',
  });
  // Opened, 76 days old, 29 days overdue; fed by three postmortems.
  const c5 = await seed.capa({
    seq: 5,
    ownerRef: PLATFORM,
    openedOn: '2024-04-15',
    dueDate: '2024-06-01',
    status: 'in_progress',
    postmortemIds: [pm1, pm2, pm3],
  });
  // 150 days old, 107 days overdue; fed by pm3 and, through an action, pm2.
  const c6 = await seed.capa({
    seq: 6,
    ownerRef: BERT,
    openedOn: '2024-02-01',
    dueDate: '2024-03-15',
    status: 'awaiting_verification',
    postmortemIds: [pm3],
  });
  // 273 days old, due on the last day: not overdue. pm6 comes after the
  // quarter, so it is fed by pm5 alone.
  const c7 = await seed.capa({
    seq: 7,
    ownerRef: BERT,
    openedOn: '2023-10-01',
    dueDate: '2024-06-30',
    status: 'open',
    postmortemIds: [pm6],
  });
  // Closed after the quarter: open at its end, 121 days old, 29 days overdue.
  const c8 = await seed.capa({
    seq: 8,
    ownerRef: PLATFORM,
    openedOn: '2024-03-01',
    dueDate: '2024-06-01',
    status: 'closed',
    finishedOn: '2024-07-05',
  });
  // Opened after the quarter.
  await seed.capa({
    seq: 9,
    ownerRef: ZED,
    openedOn: '2024-07-02',
    dueDate: '2024-08-01',
    status: 'open',
  });
  // Closed before the quarter; two postmortems, none in the quarter.
  await seed.capa({
    seq: 10,
    ownerRef: 'user:default/dora',
    openedOn: '2023-05-01',
    dueDate: '2024-03-31',
    status: 'closed',
    finishedOn: '2024-03-20',
    postmortemIds: [pm5, pm8],
  });
  // Opened on the first day, cancelled on the last.
  await seed.capa({
    seq: 11,
    ownerRef: ANNA,
    openedOn: '2024-04-01',
    dueDate: '2024-04-30',
    status: 'cancelled',
    finishedOn: '2024-06-30',
  });

  // Opened, done on time.
  await seed.action({
    capaId: c1,
    postmortemId: pm1,
    ownerRef: ANNA,
    openedOn: '2024-04-06',
    dueDate: '2024-05-01',
    status: 'done',
    finishedOn: '2024-04-30',
    entityRefs: [VITALS],
  });
  // Done late.
  await seed.action({
    capaId: c1,
    ownerRef: ANNA,
    openedOn: '2024-03-01',
    dueDate: '2024-04-15',
    status: 'done',
    finishedOn: '2024-04-20',
    entityRefs: [ENGINE],
  });
  // Opened, done on its due date.
  await seed.action({
    capaId: c5,
    ownerRef: BERT,
    openedOn: '2024-05-31',
    dueDate: '2024-06-30',
    status: 'done',
    finishedOn: '2024-06-30',
    entityRefs: [VITALS],
  });
  // Opened, not doing.
  await seed.action({
    capaId: c5,
    ownerRef: BERT,
    openedOn: '2024-06-01',
    dueDate: '2024-06-29',
    status: 'not_doing',
    finishedOn: '2024-06-10',
    entityRefs: [ALERTS],
  });
  // Opened, 30 days old, overdue; links c6 to pm2.
  await seed.action({
    capaId: c6,
    postmortemId: pm2,
    ownerRef: CARLA,
    openedOn: '2024-05-31',
    dueDate: '2024-06-29',
    status: 'open',
    entityRefs: [MESSAGING],
  });
  // Opened, 31 days old.
  await seed.action({
    capaId: c6,
    ownerRef: CARLA,
    openedOn: '2024-05-30',
    dueDate: '2024-12-31',
    status: 'in_progress',
  });
  // 181 days old, overdue.
  await seed.action({
    capaId: c7,
    ownerRef: PLATFORM,
    openedOn: '2024-01-01',
    dueDate: '2024-03-01',
    status: 'open',
    entityRefs: [VITALS, MESSAGING],
  });
  // Opened, 90 days old at the end, done after it.
  await seed.action({
    capaId: c8,
    ownerRef: PLATFORM,
    openedOn: '2024-04-01',
    dueDate: '2024-07-01',
    status: 'done',
    finishedOn: '2024-07-02',
  });
  // 91 days old.
  await seed.action({
    capaId: c7,
    ownerRef: PLATFORM,
    openedOn: '2024-03-31',
    dueDate: '2024-07-15',
    status: 'open',
  });
  // 180 days old; links c7 to pm5. Counts for no entity figure.
  await seed.action({
    capaId: c7,
    postmortemId: pm5,
    ownerRef: PLATFORM,
    openedOn: '2024-01-02',
    dueDate: '2024-10-01',
    status: 'open',
    entityRefs: ['component:default/legacy'],
  });
  // Opened after the quarter; links c2 to pm2 a second time.
  await seed.action({
    capaId: c2,
    postmortemId: pm2,
    ownerRef: ZED,
    openedOn: '2024-07-03',
    dueDate: '2024-08-01',
    status: 'open',
    entityRefs: ['component:default/billing'],
  });

  return { c1, c5, c6, c8 };
}

function emptyWork(): WorkFigures {
  return {
    opened: 0,
    closed: 0,
    closedOnTime: 0,
    cancelled: 0,
    openAtQuarterEnd: 0,
    overdueAtQuarterEnd: 0,
    ageing: [
      { key: '0-30', count: 0 },
      { key: '31-90', count: 0 },
      { key: '91-180', count: 0 },
      { key: '181+', count: 0 },
    ],
  };
}

function emptyReview(quarter: string, first: string, last: string) {
  const review: QuarterlyReview = {
    quarter,
    first,
    last,
    postmortems: {
      total: 0,
      byPriority: [],
      byClassification: [],
      organisationsAffected: 0,
      patientsAffected: 0,
    },
    capas: emptyWork(),
    actions: emptyWork(),
    recurringCapas: [],
    overdueCapas: [],
    byEntity: { rows: [], truncated: false },
    byOwner: { rows: [], truncated: false },
  };
  return review;
}

describe.each(databases.eachSupportedId())(
  'ReviewQueries on %p',
  databaseId => {
    async function migratedDatabase(id: TestDatabaseId) {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir });
      return knex;
    }

    it('computes every figure of a quarter', async () => {
      const knex = await migratedDatabase(databaseId);
      const { c1, c5, c6, c8 } = await seedQuarter(knex);

      const review = await new ReviewQueries(knex).review('2024-Q2');

      expect(review).toEqual({
        quarter: '2024-Q2',
        first: '2024-04-01',
        last: '2024-06-30',
        postmortems: {
          total: 4,
          byPriority: [
            { key: 'P1', count: 1 },
            { key: 'P2', count: 2 },
            { key: 'unset', count: 1 },
          ],
          byClassification: [
            { key: 'high', count: 1 },
            { key: 'low', count: 1 },
            { key: 'medium', count: 1 },
            { key: 'unset', count: 1 },
          ],
          organisationsAffected: 3,
          patientsAffected: 15,
          // 30, 60, 90
          medianLeadTimeMinutes: 60,
          // 50, 100, 121, 205: the average of the middle two
          medianCorrectionTimeMinutes: 110.5,
        },
        capas: {
          opened: 5,
          closed: 2,
          closedOnTime: 1,
          cancelled: 2,
          openAtQuarterEnd: 5,
          overdueAtQuarterEnd: 3,
          ageing: [
            { key: '0-30', count: 1 },
            { key: '31-90', count: 1 },
            { key: '91-180', count: 2 },
            { key: '181+', count: 1 },
          ],
        },
        actions: {
          opened: 6,
          closed: 3,
          closedOnTime: 2,
          cancelled: 1,
          openAtQuarterEnd: 6,
          overdueAtQuarterEnd: 2,
          ageing: [
            { key: '0-30', count: 1 },
            { key: '31-90', count: 2 },
            { key: '91-180', count: 2 },
            { key: '181+', count: 1 },
          ],
        },
        recurringCapas: [
          {
            capaId: c5,
            key: 'CAPA-5',
            title: 'CAPA 5',
            ownerRef: PLATFORM,
            postmortemCount: 3,
          },
          {
            capaId: c1,
            key: 'CAPA-1',
            title: 'CAPA 1',
            ownerRef: PLATFORM,
            postmortemCount: 2,
          },
          {
            capaId: c6,
            key: 'CAPA-6',
            title: 'CAPA 6',
            ownerRef: BERT,
            postmortemCount: 2,
          },
        ],
        overdueCapas: [
          {
            capaId: c6,
            key: 'CAPA-6',
            title: 'CAPA 6',
            ownerRef: BERT,
            dueDate: '2024-03-15',
            daysOverdue: 107,
          },
          {
            capaId: c5,
            key: 'CAPA-5',
            title: 'CAPA 5',
            ownerRef: PLATFORM,
            dueDate: '2024-06-01',
            daysOverdue: 29,
          },
          {
            capaId: c8,
            key: 'CAPA-8',
            title: 'CAPA 8',
            ownerRef: PLATFORM,
            dueDate: '2024-06-01',
            daysOverdue: 29,
          },
        ],
        byEntity: {
          rows: [
            {
              entityRef: VITALS,
              postmortems: 2,
              patientsAffected: 15,
              actionsOpened: 2,
              actionsClosed: 2,
              actionsOverdueAtQuarterEnd: 1,
            },
            {
              entityRef: MESSAGING,
              postmortems: 0,
              patientsAffected: 0,
              actionsOpened: 1,
              actionsClosed: 0,
              actionsOverdueAtQuarterEnd: 2,
            },
            {
              entityRef: ALERTS,
              postmortems: 1,
              patientsAffected: 0,
              actionsOpened: 1,
              actionsClosed: 0,
              actionsOverdueAtQuarterEnd: 0,
            },
            {
              entityRef: ENGINE,
              postmortems: 1,
              patientsAffected: 10,
              actionsOpened: 0,
              actionsClosed: 1,
              actionsOverdueAtQuarterEnd: 0,
            },
          ],
          truncated: false,
        },
        byOwner: {
          rows: [
            {
              ownerRef: PLATFORM,
              capasOpened: 2,
              capasClosed: 2,
              actionsOpened: 1,
              actionsClosed: 0,
              actionsClosedOnTime: 0,
              overdueAtQuarterEnd: 3,
            },
            {
              ownerRef: ANNA,
              capasOpened: 3,
              capasClosed: 0,
              actionsOpened: 1,
              actionsClosed: 2,
              actionsClosedOnTime: 1,
              overdueAtQuarterEnd: 0,
            },
            {
              ownerRef: BERT,
              capasOpened: 0,
              capasClosed: 0,
              actionsOpened: 2,
              actionsClosed: 1,
              actionsClosedOnTime: 1,
              overdueAtQuarterEnd: 1,
            },
            {
              ownerRef: CARLA,
              capasOpened: 0,
              capasClosed: 0,
              actionsOpened: 2,
              actionsClosed: 0,
              actionsClosedOnTime: 0,
              overdueAtQuarterEnd: 1,
            },
          ],
          truncated: false,
        },
      });
    });

    it('reports an empty quarter as zeros and empty lists', async () => {
      const knex = await migratedDatabase(databaseId);
      const queries = new ReviewQueries(knex);

      const empty = await queries.review('2024-Q2');
      expect(empty).toEqual(emptyReview('2024-Q2', '2024-04-01', '2024-06-30'));
      expect(empty.postmortems.medianLeadTimeMinutes).toBeUndefined();
      expect(empty.postmortems.medianCorrectionTimeMinutes).toBeUndefined();

      // A quarter before any of the data counts none of it.
      await seedQuarter(knex);
      const before = await queries.review('2019-Q1');
      expect(before).toEqual(
        emptyReview('2019-Q1', '2019-01-01', '2019-03-31'),
      );
      expect(before.postmortems.medianLeadTimeMinutes).toBeUndefined();
      expect(before.postmortems.medianCorrectionTimeMinutes).toBeUndefined();
    });

    it('keeps the busiest owners and entities, under 500 bindings per query', async () => {
      const knex = await migratedDatabase(databaseId);
      const capaId = randomUUID();
      // Owns nothing that counts in the quarter.
      await knex('capa_records').insert(
        capaRow(capaId, {
          seq: 1,
          ownerRef: 'group:default/quality',
          openedOn: '2020-01-01',
          dueDate: '2020-03-01',
          status: 'closed',
          finishedOn: '2020-02-01',
        }),
      );
      const names = Array.from(
        { length: REVIEW_MAX_ROWS + 1 },
        (_, i) => `owner-${String(i).padStart(3, '0')}`,
      );
      // One action opened in the quarter per owner and entity; the last
      // owner and entity have a second one, so they come first.
      const actions = [...names, names[names.length - 1]].map(name => ({
        id: randomUUID(),
        name,
      }));
      await knex.batchInsert(
        'capa_actions',
        actions.map(({ id, name }) =>
          actionRow(id, {
            capaId,
            ownerRef: `user:default/${name}`,
            openedOn: '2024-05-01',
            dueDate: '2024-12-31',
            status: 'open',
          }),
        ),
        25,
      );
      await knex.batchInsert(
        'capa_action_entities',
        actions.map(({ id, name }) => ({
          action_id: id,
          entity_ref: `component:default/${name}`,
        })),
        100,
      );

      const bindingCounts: number[] = [];
      const recordBindings = (query: { bindings?: unknown[] }) => {
        bindingCounts.push(query.bindings?.length ?? 0);
      };
      knex.on('query', recordBindings);
      const review = await new ReviewQueries(knex).review('2024-Q2');
      knex.removeListener('query', recordBindings);

      const busiest = names[names.length - 1];
      const expectedOrder = [busiest, ...names.slice(0, REVIEW_MAX_ROWS - 1)];
      expect(review.byOwner.truncated).toBe(true);
      expect(review.byOwner.rows).toHaveLength(REVIEW_MAX_ROWS);
      expect(review.byOwner.rows.map(r => r.ownerRef)).toEqual(
        expectedOrder.map(name => `user:default/${name}`),
      );
      expect(review.byOwner.rows[0]).toEqual({
        ownerRef: `user:default/${busiest}`,
        capasOpened: 0,
        capasClosed: 0,
        actionsOpened: 2,
        actionsClosed: 0,
        actionsClosedOnTime: 0,
        overdueAtQuarterEnd: 0,
      });
      expect(review.byOwner.rows[1]).toEqual({
        ownerRef: 'user:default/owner-000',
        capasOpened: 0,
        capasClosed: 0,
        actionsOpened: 1,
        actionsClosed: 0,
        actionsClosedOnTime: 0,
        overdueAtQuarterEnd: 0,
      });

      expect(review.byEntity.truncated).toBe(true);
      expect(review.byEntity.rows.map(r => r.entityRef)).toEqual(
        expectedOrder.map(name => `component:default/${name}`),
      );
      expect(review.actions.opened).toBe(REVIEW_MAX_ROWS + 2);
      expect(review.actions.openAtQuarterEnd).toBe(REVIEW_MAX_ROWS + 2);

      expect(bindingCounts.length).toBeGreaterThan(0);
      expect(Math.max(...bindingCounts)).toBeLessThanOrEqual(500);
    });
  },
);
