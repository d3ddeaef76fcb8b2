import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CreateCapaRequest } from '@internal/backstage-plugin-capa-common';
import { createTestServices, FixedClock } from '../__testUtils__/testServices';
import { AccessControl } from './AccessControl';
import { UnprocessableError } from './errors';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const quality = mockCredentials.user('user:default/fleur.mulder');
const anna = mockCredentials.user('user:default/anna.devries');

const newCapa: CreateCapaRequest = {
  title: 'Monitoring and data resilience',
  problemStatement: 'Slow queries and lost data were noticed late.',
  type: 'both',
  ownerRef: 'group:default/platform-circle',
  dueDate: '2026-12-31',
  severity: 'critical',
  postmortemIds: [],
  entityRefs: ['component:default/clinical-engine'],
};

async function setup(
  databaseId: TestDatabaseId,
  options: { access?: AccessControl } = {},
) {
  const knex = await databases.init(databaseId);
  const clock = new FixedClock(new Date('2026-11-22T10:00:00Z'));
  const services = await createTestServices(knex, {
    clock,
    permissions: options.access,
  });
  return { knex, clock, ...services };
}

describe.each(databases.eachSupportedId())('CapaService on %p', databaseId => {
  it('opens CAPAs with the next key, recording who and when', async () => {
    const { capas } = await setup(databaseId);
    const first = await capas.create(newCapa, quality);
    const second = await capas.create(
      { ...newCapa, title: 'Hotfix mechanism' },
      anna,
    );

    expect(first.value).toMatchObject({
      key: 'CAPA-1',
      status: 'open',
      version: 1,
      createdBy: 'user:default/fleur.mulder',
      openedOn: '2026-11-22',
      dueState: 'on_track',
      entityRefs: ['component:default/clinical-engine'],
    });
    expect(second.value.key).toBe('CAPA-2');

    const history = await capas.history(first.value.id, { limit: 10 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      event: 'created',
      actor: 'user:default/fleur.mulder',
      at: '2026-11-22T10:00:00.000Z',
    });
    expect(history.items[0].changes.key).toEqual({
      before: null,
      after: 'CAPA-1',
    });
  });

  it('refuses an owner that is not a catalog user or group', async () => {
    const { capas } = await setup(databaseId);
    await expect(
      capas.create(
        { ...newCapa, ownerRef: 'component:default/vitals' },
        quality,
      ),
    ).rejects.toThrow(/ownerRef: an owner is a user or a group/);
    await expect(
      capas.create({ ...newCapa, ownerRef: 'user:default/nobody' }, quality),
    ).rejects.toThrow(
      /ownerRef: unknown catalog entity 'user:default\/nobody'/,
    );
  });

  it('changes a due date with its reason, keeping both dates in the history', async () => {
    const { capas } = await setup(databaseId);
    const { value: capa } = await capas.create(newCapa, quality);
    const updated = await capas.update(
      capa.id,
      {
        version: 1,
        dueDate: '2027-02-28',
        dueDateReason: 'Waiting on the new monitoring stack',
      },
      quality,
    );
    expect(updated).toMatchObject({ dueDate: '2027-02-28', version: 2 });

    const history = await capas.history(capa.id, { limit: 10 });
    expect(history.items[1]).toMatchObject({
      event: 'updated',
      changes: { dueDate: { before: '2026-12-31', after: '2027-02-28' } },
      reason: 'Waiting on the new monitoring stack',
    });
  });

  it('refuses a stale version and changes nothing', async () => {
    const { capas } = await setup(databaseId);
    const { value: capa } = await capas.create(newCapa, quality);
    await capas.update(capa.id, { version: 1, title: 'First edit' }, quality);

    await expect(
      capas.update(capa.id, { version: 1, title: 'Second edit' }, quality),
    ).rejects.toThrow(ConflictError);
    expect((await capas.get(capa.id)).title).toBe('First edit');
    expect((await capas.history(capa.id, { limit: 10 })).items).toHaveLength(2);
  });

  it('keeps exactly one of 20 concurrent updates of the same version', async () => {
    const { capas } = await setup(databaseId);
    const { value: capa } = await capas.create(newCapa, quality);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        capas.update(capa.id, { version: 1, title: `Edit ${i}` }, quality),
      ),
    );

    const succeeded = results.filter(r => r.status === 'fulfilled');
    const failed = results.filter(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(succeeded).toHaveLength(1);
    expect(failed).toHaveLength(19);
    for (const failure of failed) {
      expect(failure.reason).toBeInstanceOf(ConflictError);
    }
    const winner = (succeeded[0] as PromiseFulfilledResult<{ title: string }>)
      .value.title;
    const stored = await capas.get(capa.id);
    expect(stored).toMatchObject({ title: winner, version: 2 });
    const updates = (await capas.history(capa.id, { limit: 50 })).items.filter(
      e => e.event === 'updated',
    );
    expect(updates).toHaveLength(1);
    expect(updates[0].changes.title).toEqual({
      before: newCapa.title,
      after: winner,
    });
  });

  it('gives 20 concurrent creates 20 distinct, consecutive keys', async () => {
    const { capas } = await setup(databaseId);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        capas.create({ ...newCapa, title: `CAPA ${i}` }, quality),
      ),
    );
    const keys = created
      .map(c => Number(c.value.key.replace('CAPA-', '')))
      .sort((a, b) => a - b);
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('replays a create retried with the same idempotency key, and refuses the key for another body', async () => {
    const { capas, knex } = await setup(databaseId);
    const first = await capas.create(newCapa, quality, 'retry-me');
    const again = await capas.create(newCapa, quality, 'retry-me');
    expect(again).toEqual({ value: first.value, replayed: true });

    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        capas.create({ ...newCapa, title: 'Raced' }, quality, 'raced'),
      ),
    );
    expect(new Set(concurrent.map(c => c.value.id)).size).toBe(1);

    await expect(
      capas.create({ ...newCapa, title: 'Another body' }, quality, 'retry-me'),
    ).rejects.toBeInstanceOf(UnprocessableError);
    const [{ n }] = await knex('capa_records').count({ n: '*' });
    expect(Number(n)).toBe(2);
  });

  it('moves through the lifecycle and closes only after an effective check with every action finished', async () => {
    const { capas, actions } = await setup(databaseId);
    const { value: capa } = await capas.create(newCapa, quality);
    const { value: action } = await actions.create(
      {
        capaId: capa.id,
        title: 'More frequent snapshots',
        ownerRef: 'user:default/anna.devries',
        dueDate: '2026-12-01',
      },
      quality,
    );

    let current = await capas.transition(
      capa.id,
      { version: 1, transition: 'start' },
      quality,
    );
    current = await capas.transition(
      capa.id,
      { version: current.version, transition: 'markImplemented' },
      quality,
    );
    await expect(
      capas.transition(
        capa.id,
        { version: current.version, transition: 'close' },
        quality,
      ),
    ).rejects.toThrow(/"Close" is not possible/);

    current = await capas.transition(
      capa.id,
      {
        version: current.version,
        transition: 'recordEffectiveness',
        effectivenessCheck: {
          method: 'Restore drill',
          criteria: 'Restore under 1 h',
          result: 'not_effective',
        },
      },
      quality,
    );
    expect(current.status).toBe('in_progress');
    current = await capas.transition(
      capa.id,
      { version: current.version, transition: 'markImplemented' },
      quality,
    );
    current = await capas.transition(
      capa.id,
      {
        version: current.version,
        transition: 'recordEffectiveness',
        effectivenessCheck: {
          method: 'Restore drill',
          criteria: 'Restore under 1 h',
          result: 'effective',
        },
      },
      quality,
    );
    expect(current).toMatchObject({
      status: 'verified_effective',
      effectivenessCheck: {
        result: 'effective',
        verifiedBy: 'user:default/fleur.mulder',
        verifiedAt: '2026-11-22T10:00:00.000Z',
      },
    });

    await expect(
      capas.transition(
        capa.id,
        { version: current.version, transition: 'close' },
        quality,
      ),
    ).rejects.toThrow(/still has 1 open action/);
    await actions.transition(
      action.id,
      { version: 1, transition: 'complete' },
      quality,
    );

    const closed = await capas.transition(
      capa.id,
      { version: current.version, transition: 'close' },
      quality,
    );
    expect(closed).toMatchObject({
      status: 'closed',
      finishedOn: '2026-11-22',
      dueState: 'done',
    });
    await expect(
      capas.update(
        capa.id,
        { version: closed.version, title: 'Late edit' },
        quality,
      ),
    ).rejects.toThrow(/can no longer be changed/);

    const moves = (await capas.history(capa.id, { limit: 50 })).items.filter(
      e => e.event === 'transition',
    );
    expect(moves.map(m => m.changes.status)).toEqual([
      { before: 'open', after: 'in_progress' },
      { before: 'in_progress', after: 'implemented' },
      { before: 'implemented', after: 'in_progress' },
      { before: 'in_progress', after: 'implemented' },
      { before: 'implemented', after: 'verified_effective' },
      { before: 'verified_effective', after: 'closed' },
    ]);
  });

  it('refuses what the permission framework denies, changing nothing', async () => {
    const decide = (name: string) => ({
      result:
        name === 'capa.close' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    });
    const denyClose = new AccessControl({
      permissions: {
        authorize: async requests =>
          requests.map(r => decide(r.permission.name)),
        authorizeConditional: async requests =>
          requests.map(r => decide(r.permission.name)),
      } as PermissionsService,
      applyConditions: () => false,
    });
    const { capas } = await setup(databaseId, { access: denyClose });
    const { value: capa } = await capas.create(newCapa, anna);
    await expect(
      capas.transition(
        capa.id,
        { version: 1, transition: 'cancel', reason: 'Duplicate of CAPA-3' },
        anna,
      ),
    ).resolves.toMatchObject({ status: 'cancelled' });

    const { value: other } = await capas.create(newCapa, anna);
    await expect(
      capas.transition(other.id, { version: 1, transition: 'close' }, anna),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect((await capas.get(other.id)).version).toBe(1);
  });

  it('lists open work first by due date, with due states by the server clock', async () => {
    const { capas, clock } = await setup(databaseId);
    const late = await capas.create(
      { ...newCapa, title: 'Late', dueDate: '2026-11-20' },
      quality,
    );
    await capas.create(
      { ...newCapa, title: 'Soon', dueDate: '2026-11-25' },
      quality,
    );
    await capas.create(
      { ...newCapa, title: 'Later', dueDate: '2027-03-01' },
      quality,
    );
    const done = await capas.create(
      { ...newCapa, title: 'Cancelled', dueDate: '2026-10-01' },
      quality,
    );
    await capas.transition(
      done.value.id,
      { version: 1, transition: 'cancel', reason: 'Duplicate' },
      quality,
    );

    const all = await capas.list({ limit: 10 }, quality);
    expect(all.items.map(c => [c.title, c.dueState])).toEqual([
      ['Late', 'overdue'],
      ['Soon', 'due_soon'],
      ['Later', 'on_track'],
      ['Cancelled', 'done'],
    ]);
    const overdue = await capas.list(
      { limit: 10, dueState: 'overdue' },
      quality,
    );
    expect(overdue.items.map(c => c.id)).toEqual([late.value.id]);

    // 23:30 in Amsterdam on 20 November is still the 20th there: not overdue.
    clock.set(new Date('2026-11-20T22:30:00Z'));
    expect(
      (await capas.list({ limit: 10, dueState: 'overdue' }, quality)).items,
    ).toEqual([]);
  });

  it('finds CAPAs through entities, directly or through actions, and a system through its components', async () => {
    const { capas, actions } = await setup(databaseId);
    const direct = await capas.create(newCapa, quality);
    const viaAction = await capas.create(
      { ...newCapa, title: 'Via action', entityRefs: [] },
      quality,
    );
    await actions.create(
      {
        capaId: viaAction.value.id,
        title: 'Vitals alerting',
        ownerRef: 'group:default/platform-circle',
        dueDate: '2026-12-01',
        entityRefs: ['component:default/vitals'],
      },
      quality,
    );
    await capas.create(
      {
        ...newCapa,
        title: 'Elsewhere',
        entityRefs: ['component:default/messaging'],
      },
      quality,
    );

    const forVitals = await capas.list(
      { limit: 10, entityRef: 'component:default/vitals' },
      quality,
    );
    expect(forVitals.items.map(c => c.id)).toEqual([viaAction.value.id]);
    const forSystem = await capas.list(
      { limit: 10, entityRef: 'system:default/care-platform' },
      quality,
    );
    expect(forSystem.items.map(c => c.id).sort()).toEqual(
      [direct.value.id, viaAction.value.id].sort(),
    );
  });

  it("keeps a service's action list in order as actions move and change due dates", async () => {
    const { capas, actions } = await setup(databaseId);
    const { value: capa } = await capas.create(newCapa, quality);
    const add = (title: string, dueDate: string) =>
      actions.create(
        {
          capaId: capa.id,
          title,
          ownerRef: 'user:default/anna.devries',
          dueDate,
          entityRefs: ['component:default/vitals'],
        },
        quality,
      );
    const first = (await add('first', '2026-11-30')).value;
    await add('second', '2026-12-05');
    await add('third', '2026-12-10');
    const titles = async () =>
      (
        await actions.list(
          { limit: 10, entityRef: 'component:default/vitals' },
          quality,
        )
      ).items.map(a => a.title);
    expect(await titles()).toEqual(['first', 'second', 'third']);

    // Done goes last; a new due date moves it within the open work.
    await actions.transition(
      first.id,
      { version: 1, transition: 'complete' },
      quality,
    );
    expect(await titles()).toEqual(['second', 'third', 'first']);
    const third = (
      await actions.list(
        { limit: 10, entityRef: 'component:default/vitals' },
        quality,
      )
    ).items[1];
    await actions.update(
      third.id,
      {
        version: third.version,
        dueDate: '2026-12-01',
        dueDateReason: 'Sooner',
      },
      quality,
    );
    expect(await titles()).toEqual(['third', 'second', 'first']);
    const page = await actions.list(
      { limit: 1, entityRef: 'component:default/vitals' },
      quality,
    );
    const next = await actions.list(
      {
        limit: 2,
        entityRef: 'component:default/vitals',
        cursor: page.nextCursor,
      },
      quality,
    );
    expect([...page.items, ...next.items].map(a => a.title)).toEqual([
      'third',
      'second',
      'first',
    ]);
  });

  it('lists "mine": the caller and the groups the catalog has them in', async () => {
    const { capas } = await setup(databaseId);
    const team = await capas.create(newCapa, quality);
    const own = await capas.create(
      { ...newCapa, ownerRef: 'user:default/anna.devries' },
      quality,
    );
    await capas.create(
      { ...newCapa, ownerRef: 'group:default/support' },
      quality,
    );

    const mine = await capas.list({ limit: 10, owner: 'mine' }, anna);
    expect(mine.items.map(c => c.id).sort()).toEqual(
      [team.value.id, own.value.id].sort(),
    );
  });

  it('refuses a page cursor it did not make', async () => {
    const { capas } = await setup(databaseId);
    await expect(
      capas.list({ limit: 10, cursor: 'bm9wZQ' }, quality),
    ).rejects.toThrow(InputError);
  });
});
