import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CapaClient } from './CapaClient';

const baseUrl = 'http://capa.test/api/capa';
const server = setupServer();

describe('CapaClient', () => {
  registerMswTestHooks(server);

  const client = new CapaClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: new MockFetchApi(),
  });

  it('sends list filters as a query string and returns the page', async () => {
    let seen: URLSearchParams | undefined;
    server.use(
      http.get(`${baseUrl}/postmortems`, ({ request }) => {
        seen = new URL(request.url).searchParams;
        return HttpResponse.json({ items: [], nextCursor: 'abc' });
      }),
    );

    const page = await client.listPostmortems({
      entityRef: 'component:default/vitals',
      quarter: '2024-Q2',
      cursor: undefined,
    });

    expect(page).toEqual({ items: [], nextCursor: 'abc' });
    expect(seen?.get('entityRef')).toBe('component:default/vitals');
    expect(seen?.get('quarter')).toBe('2024-Q2');
    expect(seen?.has('cursor')).toBe(false);
  });

  it("rejects with the server's own error message", async () => {
    server.use(
      http.post(`${baseUrl}/postmortems`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                "entityRefs: unknown catalog entity 'component:default/ghost'",
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );

    const created = client.createPostmortem({
      title: 'x',
      incidentDate: '2024-01-01',
      entityRefs: ['component:default/ghost'],
    });
    const error = await created.catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toMatch(/unknown catalog entity/);
  });

  it('sends a create with its Idempotency-Key, and a move with the version it read', async () => {
    const seen: Array<{
      method: string;
      path: string;
      key: string | null;
      body: unknown;
    }> = [];
    server.use(
      http.post(`${baseUrl}/capas`, async ({ request }) => {
        seen.push({
          method: 'POST',
          path: '/capas',
          key: request.headers.get('Idempotency-Key'),
          body: await request.json(),
        });
        return HttpResponse.json(
          { id: 'c1', key: 'CAPA-1', version: 1 },
          { status: 201 },
        );
      }),
      http.post(`${baseUrl}/capas/c1/transitions`, async ({ request }) => {
        seen.push({
          method: 'POST',
          path: '/capas/c1/transitions',
          key: null,
          body: await request.json(),
        });
        return HttpResponse.json({
          id: 'c1',
          key: 'CAPA-1',
          version: 2,
          status: 'in_progress',
        });
      }),
    );

    const created = await client.createCapa(
      {
        title: 'One clock',
        problemStatement: 'Two clocks',
        type: 'corrective',
        ownerRef: 'group:default/quality',
        dueDate: '2026-12-31',
        severity: 'high',
        postmortemIds: [],
        entityRefs: [],
      },
      'form-7',
    );
    const moved = await client.transitionCapa(created.id, {
      version: created.version,
      transition: 'start',
    });

    expect(moved).toMatchObject({ version: 2, status: 'in_progress' });
    expect(seen).toEqual([
      expect.objectContaining({
        path: '/capas',
        key: 'form-7',
        body: expect.objectContaining({ title: 'One clock' }),
      }),
      {
        method: 'POST',
        path: '/capas/c1/transitions',
        key: null,
        body: { version: 1, transition: 'start' },
      },
    ]);
  });

  it('asks for the review of a quarter, or lets the server pick the last complete one', async () => {
    const quarters: Array<string | null> = [];
    server.use(
      http.get(`${baseUrl}/review`, ({ request }) => {
        quarters.push(new URL(request.url).searchParams.get('quarter'));
        return HttpResponse.json({ quarter: '2026-Q3' });
      }),
    );
    await client.getReview('2024-Q1');
    await client.getReview();
    expect(quarters).toEqual(['2024-Q1', null]);
  });
});
