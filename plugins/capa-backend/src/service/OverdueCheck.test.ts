import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { dueStateOf } from '@internal/backstage-plugin-capa-common';
import knexFactory, { Knex } from 'knex';
import { createTestServices, FixedClock } from '../__testUtils__/testServices';
import { DatabaseCapaStore } from '../database/DatabaseCapaStore';
import { DueDates } from './DueDates';
import { OverdueCheck } from './OverdueCheck';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const quality = mockCredentials.user('user:default/fleur.mulder');

/** A notification service that remembers what it was asked to send. */
function recordingNotifications(
  fail?: (options: NotificationSendOptions) => boolean,
) {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    service: {
      send: async (options: NotificationSendOptions) => {
        if (fail?.(options)) {
          throw new Error('notifications backend unavailable');
        }
        sent.push(options);
      },
    },
  };
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const clock = new FixedClock(new Date('2026-11-22T10:00:00Z'));
  const services = await createTestServices(knex, { clock });
  const { value: capa } = await services.capas.create(
    {
      title: 'Monitoring and data resilience',
      problemStatement: 'Noticed late',
      type: 'both',
      ownerRef: 'group:default/platform-circle',
      dueDate: '2027-06-30',
      severity: 'high',
      postmortemIds: [],
      entityRefs: [],
    },
    quality,
  );
  const addAction = (
    title: string,
    dueDate: string,
    ownerRef = 'user:default/anna.devries',
  ) =>
    services.actions.create(
      { capaId: capa.id, title, ownerRef, dueDate },
      quality,
    );
  const checkWith = (
    notifications: { send: (o: NotificationSendOptions) => Promise<void> },
    store = services.store,
  ) =>
    new OverdueCheck({
      store,
      dueDates: new DueDates(
        { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
        clock,
      ),
      dueSoonDays: 7,
      notifications,
      logger: mockServices.logger.mock(),
      batchSize: 3,
    });
  return { knex, clock, capa, addAction, checkWith, ...services };
}

describe.each(databases.eachSupportedId())(
  'the overdue check on %p',
  databaseId => {
    it('tells each owner once per change of due state, and nothing on a second run', async () => {
      const { addAction, checkWith, clock } = await setup(databaseId);
      await addAction('Late', '2026-11-20');
      await addAction('Soon', '2026-11-25', 'group:default/platform-circle');
      await addAction('Later', '2026-12-31');
      const { sent, service } = recordingNotifications();
      const check = checkWith(service);

      const first = await check.run();
      expect(first).toMatchObject({ examined: 2, notified: 2 });
      expect(first.error).toBeUndefined();
      expect(sent.map(n => [n.payload.title, n.recipients])).toEqual([
        [
          'Action "Late" (CAPA-1) is overdue',
          { type: 'entity', entityRef: 'user:default/anna.devries' },
        ],
        [
          'Action "Soon" (CAPA-1) is due soon',
          { type: 'entity', entityRef: 'group:default/platform-circle' },
        ],
      ]);
      expect(sent[0].payload).toMatchObject({
        severity: 'high',
        link: expect.stringMatching(/^\/capa\/capas\//),
      });

      expect(await check.run()).toMatchObject({ examined: 2, notified: 0 });
      expect(sent).toHaveLength(2);

      // Four days on, "Soon" is overdue (a new state) and "Later" still on track.
      clock.set(new Date('2026-11-26T10:00:00Z'));
      expect(await check.run()).toMatchObject({ examined: 2, notified: 1 });
      expect(sent[2].payload.title).toBe('Action "Soon" (CAPA-1) is overdue');
      // The same scope: the overdue notice replaces the due-soon one.
      expect(sent[2].payload.scope).toBe(sent[1].payload.scope);

      const { lastRun } = await check.status();
      expect(lastRun).toMatchObject({
        examined: 2,
        notified: 1,
        startedAt: '2026-11-26T10:00:00.000Z',
      });
    });

    it('names a CAPA by its key', async () => {
      const { capas, checkWith } = await setup(databaseId);
      await capas.create(
        {
          title: 'One clock for the queue',
          problemStatement: 'Two clocks',
          type: 'corrective',
          ownerRef: 'group:default/quality',
          dueDate: '2026-11-24',
          severity: 'high',
          postmortemIds: [],
          entityRefs: [],
        },
        quality,
      );
      const { sent, service } = recordingNotifications();
      await checkWith(service).run();
      expect(sent.map(n => [n.payload.title, n.payload.description])).toEqual([
        [
          'CAPA-2 is due soon',
          'CAPA-2 "One clock for the queue" is due 2026-11-24.',
        ],
      ]);
    });

    it('announces again when the due date moves', async () => {
      const { addAction, checkWith, actions } = await setup(databaseId);
      const { value: late } = await addAction('Late', '2026-11-20');
      const { sent, service } = recordingNotifications();
      const check = checkWith(service);
      await check.run();
      await actions.update(
        late.id,
        {
          version: 1,
          dueDate: '2026-11-21',
          dueDateReason: 'Agreed with quality',
        },
        quality,
      );
      await check.run();
      expect(sent.map(n => n.payload.title)).toEqual([
        'Action "Late" (CAPA-1) is overdue',
        'Action "Late" (CAPA-1) is overdue',
      ]);
    });

    it('retries a notification that could not be sent, and says so in the run', async () => {
      const { addAction, checkWith } = await setup(databaseId);
      await addAction('Late', '2026-11-20');
      let down = true;
      const { sent, service } = recordingNotifications(() => down);
      const check = checkWith(service);
      const failed = await check.run();
      expect(failed).toMatchObject({
        notified: 0,
        error: expect.stringMatching(/1 notifications could not be sent/),
      });
      down = false;
      expect(await check.run()).toMatchObject({ notified: 1 });
      expect(sent).toHaveLength(1);
    });

    it('notifies once when two backends run it at the same time', async () => {
      const { knex, addAction, checkWith } = await setup(databaseId);
      for (let i = 0; i < 12; i++) {
        await addAction(`Late ${i}`, '2026-11-20');
      }
      // A second backend: its own connection to the same database where the
      // engine allows one (in-memory SQLite is one connection by nature).
      const other: Knex =
        databaseId === 'SQLITE_3'
          ? knex
          : knexFactory({
              client: 'pg',
              connection: knex.client.config.connection,
              pool: { min: 0, max: 2 },
            });
      try {
        const otherStore = await DatabaseCapaStore.create({
          database: { getClient: async () => other },
        });
        const { sent, service } = recordingNotifications();
        const results = await Promise.all([
          checkWith(service).run(),
          checkWith(service, otherStore).run(),
        ]);
        expect(results[0].notified + results[1].notified).toBe(12);
        expect(sent).toHaveLength(12);
        expect(new Set(sent.map(n => n.payload.scope)).size).toBe(12);
      } finally {
        if (other !== knex) {
          await other.destroy();
        }
      }
    });

    it('works through 10,000 due actions in short batches', async () => {
      const { knex, capa } = await setup(databaseId);
      const now = new Date();
      const rows = Array.from({ length: 10_000 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        capa_id: capa.id,
        title: `Action ${i}`,
        owner_ref: `user:default/person-${i % 50}`,
        due_date: i % 2 ? '2026-11-20' : '2026-11-25',
        status: 'open',
        finished: 0,
        opened_on: '2026-10-01',
        created_by: 'user:default/seed',
        created_at: now,
        updated_at: now,
        version: 1,
      }));
      await knex.batchInsert('capa_actions', rows, 200);
      const { sent, service } = recordingNotifications();
      const check = new OverdueCheck({
        store: await DatabaseCapaStore.create({
          database: { getClient: async () => knex },
        }),
        dueDates: new DueDates(
          { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
          new FixedClock(new Date('2026-11-22T10:00:00Z')),
        ),
        dueSoonDays: 7,
        notifications: service,
        logger: mockServices.logger.mock(),
      });

      const started = Date.now();
      const result = await check.run();
      const wallMs = Date.now() - started;
      console.log(
        `${databaseId}: overdue check over 10,000 due actions: ${wallMs} ms wall, ` +
          `longest transaction ${result.longestTransactionMs} ms, ${result.notified} notifications`,
      );
      expect(result).toMatchObject({ examined: 10_000, notified: 10_000 });
      expect(sent).toHaveLength(10_000);
      expect(result.longestTransactionMs).toBeLessThan(1_000);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'due-state filters in SQL on %p',
  databaseId => {
    it('agree with dueStateOf() on a table of cases, around midnight in the zone', async () => {
      const { actions, addAction, clock } = await setup(databaseId);
      const dueDates = [
        '2026-11-20',
        '2026-11-21',
        '2026-11-22',
        '2026-11-23',
        '2026-11-29',
        '2026-11-30',
        '2026-12-01',
        '2027-03-01',
      ];
      for (const dueDate of dueDates) {
        await addAction(dueDate, dueDate);
      }
      const { value: done } = await addAction('done, long ago', '2026-10-01');
      await actions.transition(
        done.id,
        { version: 1, transition: 'complete' },
        quality,
      );

      const zone = new DueDates(
        { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
        clock,
      );
      // Amsterdam is UTC+1 in November: the 22nd lasts until 23:00 UTC.
      for (const instant of [
        '2026-11-22T10:00:00Z',
        '2026-11-22T22:59:59Z',
        '2026-11-22T23:00:00Z',
      ]) {
        clock.set(new Date(instant));
        const today = zone.today();
        const all = (await actions.list({ limit: 100 }, quality)).items;
        const overdue = (
          await actions.list({ limit: 100, dueState: 'overdue' }, quality)
        ).items.map(a => a.id);
        const dueSoon = (
          await actions.list({ limit: 100, dueState: 'due_soon' }, quality)
        ).items.map(a => a.id);
        expect(all).toHaveLength(dueDates.length + 1);
        for (const action of all) {
          const expected = dueStateOf(action, today, 7);
          expect({
            action: action.title,
            at: instant,
            state: action.dueState,
          }).toEqual({
            action: action.title,
            at: instant,
            state: expected,
          });
          expect({
            action: action.title,
            at: instant,
            overdue: overdue.includes(action.id),
          }).toEqual({
            action: action.title,
            at: instant,
            overdue: expected === 'overdue',
          });
          expect({
            action: action.title,
            at: instant,
            dueSoon: dueSoon.includes(action.id),
          }).toEqual({
            action: action.title,
            at: instant,
            dueSoon: expected === 'due_soon',
          });
        }
      }
      // The day turned at 23:00 UTC: the 22nd went from due soon to overdue.
      expect(
        overdueAt22h59(
          await actions.list({ limit: 100, dueState: 'overdue' }, quality),
        ),
      ).toContain('2026-11-22');
    });
  },
);

function overdueAt22h59(page: { items: Array<{ title: string }> }) {
  return page.items.map(a => a.title);
}
