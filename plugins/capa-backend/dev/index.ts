import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// Runs the capa backend on its own, with mocked auth and a small catalog:
//
//   yarn workspace @internal/backstage-plugin-capa-backend start
//   curl http://localhost:7007/api/capa/postmortems
//
// The mocked httpAuth treats every request as a signed-in user.
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: ['clinical-engine', 'vitals', 'messaging'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', owner: 'group:default/platform-circle' },
    })),
  }),
);
backend.add(import('../src'));

backend.start();
