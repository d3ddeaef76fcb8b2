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
});
