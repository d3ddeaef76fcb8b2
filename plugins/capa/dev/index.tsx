import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { capaApiRef, CapaApi } from '../src/api';
import {
  capaPlugin,
  CapaBoardPage,
  CapaReviewPage,
  EntityCapaContent,
} from '../src/plugin';

// Runs the plugin's pages on their own with made-up data:
//   yarn workspace @internal/backstage-plugin-capa start
const mockCapaApi: CapaApi = {
  getInstallationInfo: async () => ({
    timeZone: 'Europe/Amsterdam',
    today: '2026-11-22',
    dueSoonDays: 7,
  }),
  listPostmortems: async () => ({
    items: [
      {
        id: 'b1c7c1e4-59f5-4d0e-a2a1-6f0f3cb0e001',
        title: 'Newly activated patients were not registered',
        incidentDate: '2024-03-27',
        priority: 'P1',
        classification: 'high',
        status: 'published',
        timeline: [],
        impact: { patientsAffected: 40 },
        solution: {},
        communication: {},
        entityRefs: ['component:default/clinical-engine'],
        createdBy: 'user:default/fleur.mulder',
        createdAt: '2024-04-10T08:00:00.000Z',
        updatedAt: '2024-04-10T08:00:00.000Z',
        version: 1,
      },
    ],
  }),
  getOverdueCheckStatus: async () => ({
    now: '2026-11-22T10:03:00.000Z',
    lastRun: {
      startedAt: '2026-11-22T10:00:00.000Z',
      finishedAt: '2026-11-22T10:00:01.000Z',
      examined: 14,
      notified: 2,
    },
  }),
  createPostmortem: async () => {
    throw new Error('Not in the dev harness');
  },
};

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'clinical-engine', title: 'Clinical engine' },
  spec: { type: 'service', owner: 'group:default/platform-circle' },
};

createDevApp()
  .registerPlugin(capaPlugin)
  .registerApi({ api: capaApiRef, deps: {}, factory: () => mockCapaApi })
  .addPage({ element: <CapaBoardPage />, title: 'Board', path: '/capa' })
  .addPage({
    element: <CapaReviewPage />,
    title: 'Review',
    path: '/capa-review',
  })
  .addPage({
    element: (
      <EntityProvider entity={entity}>
        <EntityCapaContent />
      </EntityProvider>
    ),
    title: 'Entity tab',
    path: '/entity',
  })
  .render();
