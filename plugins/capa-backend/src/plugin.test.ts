import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { capaPlugin } from './plugin';

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/platform-circle' },
});

async function startBackend(capa: Record<string, unknown> = {}) {
  const { server } = await startTestBackend({
    features: [
      capaPlugin,
      mockServices.rootConfig.factory({
        data: { capa: { timeZone: 'Europe/Amsterdam', ...capa } },
      }),
      catalogServiceMock.factory({
        entities: [component('clinical-engine'), component('vitals')],
      }),
    ],
  });
  return server;
}

const validPostmortem = {
  title: 'Clinical engine missed newly activated patients',
  incidentDate: '2024-03-27',
  priority: 'P1',
  classification: 'high',
  entityRefs: ['component:clinical-engine', 'Component:default/Vitals'],
};

describe('capa backend plugin', () => {
  it('answers /health without credentials', async () => {
    const server = await startBackend();
    await request(server)
      .get('/api/capa/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(200, { status: 'ok' });
  });

  it('requires credentials everywhere else', async () => {
    const server = await startBackend();
    for (const path of ['/api/capa/info', '/api/capa/postmortems']) {
      const res = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
    const res = await request(server)
      .post('/api/capa/postmortems')
      .set('Authorization', mockCredentials.none.header())
      .send(validPostmortem);
    expect(res.status).toBe(401);
  });

  it('records a postmortem as the caller and lists it for its entities', async () => {
    const server = await startBackend();
    const created = await request(server)
      .post('/api/capa/postmortems')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/anna.devries'),
      )
      .send(validPostmortem);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: validPostmortem.title,
      status: 'draft',
      createdBy: 'user:default/anna.devries',
      entityRefs: [
        'component:default/clinical-engine',
        'component:default/vitals',
      ],
      version: 1,
    });

    const listed = await request(server)
      .get('/api/capa/postmortems')
      .query({ entityRef: 'component:default/vitals' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([
      created.body.id,
    ]);

    const other = await request(server)
      .get('/api/capa/postmortems')
      .query({ entityRef: 'component:default/messaging' });
    expect(other.body).toEqual({ items: [] });

    const one = await request(server).get(
      `/api/capa/postmortems/${created.body.id}`,
    );
    expect(one.body).toEqual(created.body);
  });

  it.each([
    [{ ...validPostmortem, id: 'mine' }, /id/],
    [{ ...validPostmortem, createdBy: 'user:default/someone' }, /createdBy/],
    [{ ...validPostmortem, version: 7 }, /version/],
    [
      { ...validPostmortem, incidentDate: '2024-02-30' },
      /incidentDate: must be a real date/,
    ],
    [{ ...validPostmortem, title: 'x'.repeat(201) }, /title/],
    [{ ...validPostmortem, title: 42 }, /title/],
    [{ ...validPostmortem, priority: 'urgent' }, /priority/],
    [{ ...validPostmortem, entityRefs: [] }, /entityRefs/],
    [
      { ...validPostmortem, entityRefs: ['clinical-engine'] },
      /'clinical-engine'/,
    ],
    [
      { ...validPostmortem, entityRefs: ['component:default/ghost-service'] },
      /unknown catalog entity 'component:default\/ghost-service'/,
    ],
  ])(
    'refuses %j with a 400 naming the field, storing nothing',
    async (body, message) => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/capa/postmortems')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      const listed = await request(server).get('/api/capa/postmortems');
      expect(listed.body.items).toEqual([]);
    },
  );

  it.each([
    [{ limit: '0' }, /limit/],
    [{ limit: '101' }, /limit/],
    [{ quarter: '2024-Q5' }, /quarter/],
    [{ entityRef: 'nope' }, /entityRef/],
    [{ sort: 'title' }, /sort/],
  ])('refuses the list query %j with a 400', async (query, message) => {
    const server = await startBackend();
    const res = await request(server).get('/api/capa/postmortems').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('tells today by the server clock in the configured zone', async () => {
    const server = await startBackend({ dueSoonDays: 10 });
    const res = await request(server).get('/api/capa/info');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      timeZone: 'Europe/Amsterdam',
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dueSoonDays: 10,
    });
  });

  it('loads the demo postmortems once when demo data is on', async () => {
    const server = await startBackend({ demoData: true });
    const res = await request(server)
      .get('/api/capa/postmortems')
      .query({ entityRef: 'component:default/clinical-engine' });
    expect(res.body.items.map((p: { title: string }) => p.title)).toEqual([
      'Newly activated patients were not registered by the clinical engine',
    ]);
  });
});
