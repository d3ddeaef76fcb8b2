import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import {
  lastCompleteQuarter,
  quarterOf,
} from '@internal/backstage-plugin-capa-common';
import { capaPolicyDecision } from './permissions/policy';
import { capaPlugin } from './plugin';
import { testEntities } from './__testUtils__/testServices';

jest.setTimeout(60_000);

/** Who belongs to which group, as the catalog would say. */
const ownership: Record<string, string[]> = {
  'user:default/fleur.mulder': ['group:default/quality'],
  'user:default/anna.devries': ['group:default/platform-circle'],
  'user:default/eva.smit': ['group:default/support'],
};

/** The app's CAPA policy, with group membership from the table above. */
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(req, user) {
            const userRef = (
              user?.credentials.principal as { userEntityRef?: string }
            )?.userEntityRef;
            const decision = capaPolicyDecision(
              req,
              userRef
                ? {
                    ownershipEntityRefs: [
                      userRef,
                      ...(ownership[userRef] ?? []),
                    ],
                  }
                : undefined,
              { qualityGroupRef: 'group:default/quality' },
            );
            return decision ?? { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

/**
 * Mock HTTP auth, except that a plugin's call on behalf of a user keeps its
 * actor, as real on-behalf-of tokens do; without it the permission backend
 * takes the call for a user's own and refuses conditional decisions.
 */
const httpAuthKeepingActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { pluginMetadata: coreServices.pluginMetadata },
  factory({ pluginMetadata }): HttpAuthService {
    const mock = mockServices.httpAuth({ pluginId: pluginMetadata.getId() });
    return {
      credentials: (async (
        req: Request,
        options?: { allow?: Array<'user' | 'service' | 'none'> },
      ) => {
        const credentials = await mock.credentials(req, options as never);
        const token = /^Bearer mock-service-token:(.*)$/.exec(
          req.headers.authorization ?? '',
        );
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (token && principal.type === 'user') {
          const { sub } = JSON.parse(token[1]) as { sub?: string };
          return mockCredentials.user(principal.userEntityRef, {
            actor: { subject: sub ?? 'plugin:capa' },
          });
        }
        return credentials;
      }) as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
    };
  },
});

async function startBackend(capa: Record<string, unknown> = {}) {
  const { server } = await startTestBackend({
    features: [
      capaPlugin,
      permissionBackend,
      testPolicy,
      permissionsServiceFactory,
      httpAuthKeepingActors,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          capa: { timeZone: 'Europe/Amsterdam', ...capa },
        },
      }),
      catalogServiceMock.factory({ entities: testEntities }),
    ],
  });
  return server;
}

const as = (userEntityRef: string) =>
  mockCredentials.user.header(userEntityRef);
const QUALITY = 'user:default/fleur.mulder';
const ANNA = 'user:default/anna.devries';
const EVA = 'user:default/eva.smit';

const validCapa = {
  title: 'Monitoring and data resilience',
  problemStatement: 'Slow queries and lost data were noticed late.',
  type: 'both',
  ownerRef: 'group:default/platform-circle',
  dueDate: '2026-12-31',
  severity: 'critical',
  entityRefs: ['component:clinical-engine'],
};

const validPostmortem = {
  title: 'Clinical engine missed newly activated patients',
  incidentDate: '2024-03-27',
  priority: 'P1',
  classification: 'high',
  leadTimeMinutes: 1080,
  impact: { organisationsAffected: 23, patientsAffected: 40 },
  timeline: [{ at: '2024-03-27T14:00:00+01:00', event: 'Alarms' }],
  entityRefs: ['component:clinical-engine', 'Component:default/Vitals'],
};

describe('capa backend plugin over HTTP', () => {
  it('answers /health without credentials and nothing else', async () => {
    const server = await startBackend();
    await request(server)
      .get('/api/capa/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(200, { status: 'ok' });
    for (const path of [
      '/info',
      '/postmortems',
      '/capas',
      '/actions',
      '/review?quarter=2024-Q1',
    ]) {
      const res = await request(server)
        .get(`/api/capa${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
    const write = await request(server)
      .post('/api/capa/capas')
      .set('Authorization', mockCredentials.none.header())
      .send(validCapa);
    expect(write.status).toBe(401);
  });

  it('records a postmortem with its improvements as actions, in one go', async () => {
    const server = await startBackend();
    const capa = await request(server)
      .post('/api/capa/capas')
      .set('Authorization', as(QUALITY))
      .send(validCapa);
    expect(capa.status).toBe(201);
    expect(capa.body.key).toBe('CAPA-1');

    const created = await request(server)
      .post('/api/capa/postmortems')
      .set('Authorization', as(ANNA))
      .send({
        ...validPostmortem,
        improvements: [
          {
            capaId: capa.body.id,
            title: 'Investigate long running queries',
            ownerRef: 'user:default/anna.devries',
            dueDate: '2026-12-15',
          },
        ],
      });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      status: 'draft',
      createdBy: ANNA,
      entityRefs: [
        'component:default/clinical-engine',
        'component:default/vitals',
      ],
      impact: { organisationsAffected: 23, patientsAffected: 40 },
    });

    const improvements = await request(server)
      .get('/api/capa/actions')
      .set('Authorization', as(ANNA))
      .query({ postmortemId: created.body.id });
    expect(improvements.body.items).toEqual([
      expect.objectContaining({
        capaKey: 'CAPA-1',
        title: 'Investigate long running queries',
        entityRefs: [
          'component:default/clinical-engine',
          'component:default/vitals',
        ],
        dueState: 'on_track',
      }),
    ]);

    const fedBy = await request(server)
      .get('/api/capa/capas')
      .set('Authorization', as(ANNA))
      .query({ postmortemId: created.body.id });
    expect(fedBy.body.items.map((c: { key: string }) => c.key)).toEqual([
      'CAPA-1',
    ]);

    const forVitals = await request(server)
      .get('/api/capa/capas')
      .set('Authorization', as(ANNA))
      .query({ entityRef: 'component:default/vitals' });
    expect(forVitals.body.items.map((c: { key: string }) => c.key)).toEqual([
      'CAPA-1',
    ]);
  });

  it('updates with If-Match, refuses a stale version with 409, and publishes and archives', async () => {
    const server = await startBackend();
    const { body: pm } = await request(server)
      .post('/api/capa/postmortems')
      .set('Authorization', as(ANNA))
      .send(validPostmortem);

    const renamed = await request(server)
      .patch(`/api/capa/postmortems/${pm.id}`)
      .set('Authorization', as(ANNA))
      .set('If-Match', '"1"')
      .send({ title: 'Registration failed for new patients' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      title: 'Registration failed for new patients',
      version: 2,
    });

    const stale = await request(server)
      .patch(`/api/capa/postmortems/${pm.id}`)
      .set('Authorization', as(ANNA))
      .send({ version: 1, title: 'Lost edit' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(
      /you sent version 1, it is now at version 2/,
    );

    const published = await request(server)
      .post(`/api/capa/postmortems/${pm.id}/publish`)
      .set('Authorization', as(ANNA))
      .send({ version: 2 });
    expect(published.body.status).toBe('published');
    const archived = await request(server)
      .post(`/api/capa/postmortems/${pm.id}/archive`)
      .set('Authorization', as(ANNA))
      .send({ version: 3, reason: 'Duplicate of another report' });
    expect(archived.body.status).toBe('archived');
    // Archived, not deleted: still readable, with its whole history.
    expect(
      (
        await request(server)
          .get(`/api/capa/postmortems/${pm.id}`)
          .set('Authorization', as(EVA))
      ).status,
    ).toBe(200);
    const history = await request(server)
      .get(`/api/capa/postmortems/${pm.id}/history`)
      .set('Authorization', as(EVA));
    expect(history.body.items.map((e: { event: string }) => e.event)).toEqual([
      'created',
      'updated',
      'transition',
      'transition',
    ]);
    expect(history.body.items[3].reason).toBe('Duplicate of another report');
  });

  it('replays a create retried with the same Idempotency-Key, and answers 422 for another body', async () => {
    const server = await startBackend();
    const send = (body: object) =>
      request(server)
        .post('/api/capa/capas')
        .set('Authorization', as(QUALITY))
        .set('Idempotency-Key', 'k-1')
        .send(body);
    const first = await send(validCapa);
    const retry = await send(validCapa);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);

    const other = await send({ ...validCapa, title: 'Something else' });
    expect(other.status).toBe(422);
    expect(other.body.error.message).toMatch(
      /already used for a different request/,
    );
    const all = await request(server)
      .get('/api/capa/capas')
      .set('Authorization', as(QUALITY));
    expect(all.body.items).toHaveLength(1);
  });

  it.each([
    ['/postmortems', { ...validPostmortem, id: 'mine' }, /id/],
    [
      '/postmortems',
      { ...validPostmortem, createdBy: 'user:default/someone' },
      /createdBy/,
    ],
    ['/postmortems', { ...validPostmortem, status: 'published' }, /status/],
    [
      '/postmortems',
      { ...validPostmortem, incidentDate: '2024-02-30' },
      /incidentDate: must be a real date/,
    ],
    ['/postmortems', { ...validPostmortem, title: 'x'.repeat(201) }, /title/],
    [
      '/postmortems',
      { ...validPostmortem, leadTimeMinutes: 'soon' },
      /leadTimeMinutes/,
    ],
    [
      '/postmortems',
      { ...validPostmortem, timeline: [{ at: 'yesterday', event: 'x' }] },
      /timeline\.0\.at/,
    ],
    [
      '/postmortems',
      { ...validPostmortem, entityRefs: ['component:default/ghost'] },
      /unknown catalog entity 'component:default\/ghost'/,
    ],
    ['/capas', { ...validCapa, key: 'CAPA-99' }, /key/],
    ['/capas', { ...validCapa, version: 3 }, /version/],
    ['/capas', { ...validCapa, type: 'curative' }, /type/],
    ['/capas', { ...validCapa, dueDate: '31-12-2026' }, /dueDate/],
    [
      '/capas',
      { ...validCapa, ownerRef: 'group:default/nobody' },
      /ownerRef: unknown catalog entity/,
    ],
    [
      '/capas',
      { ...validCapa, postmortemIds: ['not-a-uuid'] },
      /postmortemIds\.0/,
    ],
    [
      '/actions',
      { title: 'x', ownerRef: 'group:default/quality', dueDate: '2026-12-01' },
      /capaId/,
    ],
    [
      '/actions',
      {
        capaId: '00000000-0000-4000-8000-000000000000',
        title: 'x',
        ownerRef: 'group:default/quality',
        dueDate: '2026-12-01',
        // A script URL, spelled so that the linter lets the test carry it.
        ticketUrl: ['javascript', 'alert(1)'].join(':'),
      },
      /ticketUrl/,
    ],
  ])(
    'POST %s refuses %j with a 400 naming the field, storing nothing',
    async (path, body, message) => {
      const server = await startBackend();
      const res = await request(server)
        .post(`/api/capa${path}`)
        .set('Authorization', as(QUALITY))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      const listed = await request(server)
        .get(`/api/capa${path}`)
        .set('Authorization', as(QUALITY));
      expect(listed.body.items).toEqual([]);
    },
  );

  it('refuses bad transitions and queries with 400, illegal moves with 409', async () => {
    const server = await startBackend();
    const { body: capa } = await request(server)
      .post('/api/capa/capas')
      .set('Authorization', as(QUALITY))
      .send(validCapa);
    const move = (body: object) =>
      request(server)
        .post(`/api/capa/capas/${capa.id}/transitions`)
        .set('Authorization', as(QUALITY))
        .send(body);

    expect(
      (await move({ version: 1, transition: 'cancel' })).body.error.message,
    ).toMatch(/reason: cancel needs a reason/);
    expect((await move({ version: 1, transition: 'teleport' })).status).toBe(
      400,
    );
    expect((await move({ transition: 'start' })).body.error.message).toMatch(
      /version/,
    );
    const illegal = await move({ version: 1, transition: 'close' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.message).toMatch(
      /CAPA-1 is open: "Close" is not possible/,
    );

    const dueWithoutReason = await request(server)
      .patch(`/api/capa/capas/${capa.id}`)
      .set('Authorization', as(QUALITY))
      .send({ version: 1, dueDate: '2027-01-31' });
    expect(dueWithoutReason.body.error.message).toMatch(
      /dueDateReason: a new due date needs a reason/,
    );

    for (const query of [
      { limit: '0' },
      { limit: '101' },
      { quarter: '2024-Q5' },
      { owner: 'nobody' },
      { sort: 'title' },
    ]) {
      const res = await request(server)
        .get('/api/capa/capas')
        .set('Authorization', as(QUALITY))
        .query(query);
      expect(res.status).toBe(400);
    }
    expect(
      (
        await request(server)
          .get('/api/capa/capas/not-a-uuid')
          .set('Authorization', as(QUALITY))
      ).status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .get('/api/capa/capas/00000000-0000-4000-8000-000000000000')
          .set('Authorization', as(QUALITY))
      ).status,
    ).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/capas/${unknown}/history`,
      `/actions/${unknown}/history`,
      `/postmortems/${unknown}/history`,
    ]) {
      expect(
        (
          await request(server)
            .get(`/api/capa${path}`)
            .set('Authorization', as(QUALITY))
        ).status,
      ).toBe(404);
    }
    const after = await request(server)
      .get(`/api/capa/capas/${capa.id}`)
      .set('Authorization', as(QUALITY));
    expect(after.body).toMatchObject({
      status: 'open',
      version: 1,
      dueDate: '2026-12-31',
    });
  });

  it('lets owners and the quality group change a CAPA, others not, and only quality close it', async () => {
    const server = await startBackend();
    const { body: capa } = await request(server)
      .post('/api/capa/capas')
      .set('Authorization', as(EVA))
      .send(validCapa);

    // Eva recorded it but platform-circle owns it: she may not change it.
    const outsider = await request(server)
      .patch(`/api/capa/capas/${capa.id}`)
      .set('Authorization', as(EVA))
      .send({ version: 1, title: 'Eva was here' });
    expect(outsider.status).toBe(403);

    const owner = await request(server)
      .post(`/api/capa/capas/${capa.id}/transitions`)
      .set('Authorization', as(ANNA))
      .send({ version: 1, transition: 'markImplemented' });
    expect(owner.status).toBe(200);
    const checked = await request(server)
      .post(`/api/capa/capas/${capa.id}/transitions`)
      .set('Authorization', as(ANNA))
      .send({
        version: 2,
        transition: 'recordEffectiveness',
        effectivenessCheck: {
          method: 'Drill',
          criteria: 'Restore in 1 h',
          result: 'effective',
        },
      });
    expect(checked.body.status).toBe('verified_effective');

    const ownerCloses = await request(server)
      .post(`/api/capa/capas/${capa.id}/transitions`)
      .set('Authorization', as(ANNA))
      .send({ version: 3, transition: 'close' });
    expect(ownerCloses.status).toBe(403);
    const qualityCloses = await request(server)
      .post(`/api/capa/capas/${capa.id}/transitions`)
      .set('Authorization', as(QUALITY))
      .send({ version: 3, transition: 'close' });
    expect(qualityCloses.status).toBe(200);
    expect(qualityCloses.body.status).toBe('closed');

    const history = await request(server)
      .get(`/api/capa/capas/${capa.id}/history`)
      .set('Authorization', as(EVA));
    expect(history.body.items.map((e: { actor: string }) => e.actor)).toEqual([
      EVA,
      ANNA,
      ANNA,
      QUALITY,
    ]);
  });

  it('reviews the last complete quarter by default, and any quarter asked for', async () => {
    const server = await startBackend({ demoData: true });
    const today = (
      await request(server).get('/api/capa/info').set('Authorization', as(EVA))
    ).body.today;
    const byDefault = await request(server)
      .get('/api/capa/review')
      .set('Authorization', as(EVA));
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.quarter).toBe(lastCompleteQuarter(today));
    const q1 = await request(server)
      .get('/api/capa/review')
      .set('Authorization', as(EVA))
      .query({ quarter: '2024-Q1' });
    expect(q1.body.postmortems).toMatchObject({
      total: 1,
      patientsAffected: 40,
      organisationsAffected: 23,
    });
    expect(
      (
        await request(server)
          .get('/api/capa/review?quarter=2024-13')
          .set('Authorization', as(EVA))
      ).status,
    ).toBe(400);
  });

  it('tells today by the server clock in the configured zone, whatever the browser says', async () => {
    const server = await startBackend({ dueSoonDays: 10, demoData: true });
    const res = await request(server)
      .get('/api/capa/info')
      .set('Authorization', as(EVA));
    expect(res.body).toEqual({
      timeZone: 'Europe/Amsterdam',
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dueSoonDays: 10,
    });
    // A browser whose clock is days off sends its own Date header: nothing
    // the server decides changes with it.
    const skewed = {
      Authorization: as(EVA),
      Date: 'Sat, 01 Jan 2028 03:00:00 GMT',
    };
    expect(
      (await request(server).get('/api/capa/info').set(skewed)).body,
    ).toEqual(res.body);
    const states = async (headers: Record<string, string>) =>
      (
        await request(server)
          .get('/api/capa/actions')
          .set(headers)
          .query({ limit: 100 })
      ).body.items.map((a: { dueState: string }) => a.dueState);
    const honest = await states({ Authorization: as(EVA) });
    expect(honest.length).toBeGreaterThan(10);
    expect(await states(skewed)).toEqual(honest);
  });

  it("counts an entity's actions by where they stand, in SQL", async () => {
    const server = await startBackend({ demoData: true });
    const info = (
      await request(server).get('/api/capa/info').set('Authorization', as(EVA))
    ).body;
    const res = await request(server)
      .get('/api/capa/actions/summary')
      .set('Authorization', as(EVA))
      .query({ entityRef: 'component:default/clinical-engine' });
    expect(res.status).toBe(200);
    // The demo's clinical-engine actions: one done 32 days ago, one overdue
    // by 5 days, one due in 3 days.
    const doneOn = new Date(`${info.today}T00:00:00Z`);
    doneOn.setUTCDate(doneOn.getUTCDate() - 32);
    const doneThisQuarter =
      quarterOf(doneOn.toISOString().slice(0, 10)) === quarterOf(info.today);
    expect(res.body).toEqual({
      open: 2,
      overdue: 1,
      dueSoon: 1,
      closedThisQuarter: doneThisQuarter ? 1 : 0,
    });
    const bad = await request(server)
      .get('/api/capa/actions/summary')
      .set('Authorization', as(EVA))
      .query({ limit: 5 });
    expect(bad.status).toBe(400);
  });

  it("serves the overdue check's last run, none before the first", async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/capa/overdue-check')
      .set('Authorization', as(EVA));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('loads the demo data once when demo data is on', async () => {
    const server = await startBackend({ demoData: true });
    const capas = await request(server)
      .get('/api/capa/capas')
      .set('Authorization', as(EVA))
      .query({ limit: 100 });
    expect(capas.body.items.map((c: { key: string }) => c.key).sort()).toEqual([
      'CAPA-1',
      'CAPA-2',
      'CAPA-3',
      'CAPA-4',
      'CAPA-5',
      'CAPA-6',
      'CAPA-7',
    ]);
    const states = new Set(
      capas.body.items.map((c: { dueState: string }) => c.dueState),
    );
    expect(states).toEqual(
      new Set(['overdue', 'due_soon', 'on_track', 'done']),
    );
    const engine = await request(server)
      .get('/api/capa/postmortems')
      .set('Authorization', as(EVA))
      .query({ entityRef: 'component:default/clinical-engine' });
    expect(engine.body.items.map((p: { title: string }) => p.title)).toEqual([
      'Newly activated patients were not registered by the clinical engine',
    ]);
  });
});
