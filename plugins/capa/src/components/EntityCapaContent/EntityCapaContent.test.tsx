import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Postmortem } from '@internal/backstage-plugin-capa-common';
import { screen } from '@testing-library/react';
import { CapaApi, capaApiRef } from '../../api';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { boardRouteRef } from '../../routes';
import { EntityCapaContent } from './EntityCapaContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'clinical-engine',
    namespace: 'default',
    title: 'Clinical engine',
  },
  spec: { type: 'service', owner: 'group:default/platform-circle' },
};

const postmortem: Postmortem = {
  id: '9b0c7a52-8a0e-4d43-9a5c-0d1f1b1f1a01',
  title: 'Newly activated patients were not registered',
  incidentDate: '2024-03-27',
  priority: 'P1',
  classification: 'high',
  status: 'published',
  timeline: [],
  impact: { patientsAffected: 40 },
  solution: {},
  communication: {},
  entityRefs: ['component:default/clinical-engine', 'component:default/vitals'],
  createdBy: 'user:default/fleur.mulder',
  createdAt: '2024-04-10T08:00:00.000Z',
  updatedAt: '2024-04-10T08:00:00.000Z',
  version: 1,
};

function mockApi(overrides: Partial<CapaApi> = {}) {
  return mockCapaApi({
    listPostmortems: jest.fn().mockResolvedValue({ items: [postmortem] }),
    ...overrides,
  });
}

async function renderTab(api: CapaApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[capaApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityCapaContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/capa': boardRouteRef,
      },
    },
  );
}

describe('EntityCapaContent', () => {
  it("shows the entity's counts, overdue actions, CAPAs and postmortems as the server returned them", async () => {
    const api = mockApi();
    await renderTab(api);

    expect(await screen.findByText(postmortem.title)).toBeInTheDocument();
    expect(screen.getByText('Prio 1')).toBeInTheDocument();
    expect(
      await screen.findByText('Better monitoring of the clinical engine'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Monitoring and data resilience'),
    ).toBeInTheDocument();
    // The overdue action is flagged as the server decided, not recomputed here.
    const actionRow = screen
      .getByText('Better monitoring of the clinical engine')
      .closest('tr')!;
    expect(actionRow.querySelector('[data-due-state]')).toHaveAttribute(
      'data-due-state',
      'overdue',
    );
    expect(await screen.findByTestId('count-Overdue')).toHaveTextContent(
      '1Overdue',
    );
    const query = { entityRef: 'component:default/clinical-engine' };
    expect(api.getActionSummary).toHaveBeenCalledWith(query);
    expect(api.listActions).toHaveBeenCalledWith({ ...query, limit: 100 });
    expect(api.listCapas).toHaveBeenCalledWith({ ...query, limit: 100 });
    expect(
      await screen.findByText(/Today is 2026-11-22 in Europe\/Amsterdam/),
    ).toBeInTheDocument();
  });

  it('tells a service owner how to link a postmortem when there is nothing yet', async () => {
    await renderTab(
      mockApi({
        listPostmortems: jest.fn().mockResolvedValue({ items: [] }),
        listCapas: jest.fn().mockResolvedValue({ items: [] }),
        listActions: jest.fn().mockResolvedValue({ items: [] }),
      }),
    );

    expect(
      await screen.findByText(
        'No postmortems or CAPAs concern Clinical engine yet',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('component:default/clinical-engine'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Record a postmortem' }),
    ).toHaveAttribute(
      'href',
      '/capa/postmortems/new?entityRef=component%3Adefault%2Fclinical-engine',
    );
  });

  it("shows the server's error instead of an empty list", async () => {
    await renderTab(
      mockApi({
        listPostmortems: jest
          .fn()
          .mockRejectedValue(new Error('capa backend is down')),
      }),
    );

    expect(
      await screen.findByText('Error: capa backend is down'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/No postmortems or CAPAs/),
    ).not.toBeInTheDocument();
  });
});
