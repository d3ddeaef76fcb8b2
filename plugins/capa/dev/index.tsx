import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { capaApiRef } from '../src/api';
import {
  capaPlugin,
  CapaBoardPage,
  CapaReviewPage,
  EntityCapaContent,
} from '../src/plugin';
import { DevCapaApi } from './DevCapaApi';

// Runs the plugin's pages on their own, on made-up data in memory:
//   yarn workspace @internal/backstage-plugin-capa start
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'clinical-engine', title: 'Clinical engine' },
  spec: { type: 'service', owner: 'group:default/platform-circle' },
};

createDevApp()
  .registerPlugin(capaPlugin)
  .registerApi({ api: capaApiRef, deps: {}, factory: () => new DevCapaApi() })
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
