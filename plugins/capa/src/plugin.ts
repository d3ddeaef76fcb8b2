import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { capaApiRef, CapaClient } from './api';
import { boardRouteRef, reviewRouteRef } from './routes';

/**
 * The CAPA frontend plugin.
 *
 * @public
 */
export const capaPlugin = createPlugin({
  id: 'capa',
  apis: [
    createApiFactory({
      api: capaApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CapaClient(deps),
    }),
  ],
  routes: {
    board: boardRouteRef,
    review: reviewRouteRef,
  },
});

/**
 * The CAPA tab of a catalog entity's page.
 *
 * @public
 */
export const EntityCapaContent = capaPlugin.provide(
  createComponentExtension({
    name: 'EntityCapaContent',
    component: {
      lazy: () =>
        import('./components/EntityCapaContent').then(m => m.EntityCapaContent),
    },
  }),
);

/**
 * The CAPA owner board page.
 *
 * @public
 */
export const CapaBoardPage = capaPlugin.provide(
  createRoutableExtension({
    name: 'CapaBoardPage',
    component: () =>
      import('./components/CapaBoardPage').then(m => m.CapaBoardPage),
    mountPoint: boardRouteRef,
  }),
);

/**
 * The quarterly quality review page.
 *
 * @public
 */
export const CapaReviewPage = capaPlugin.provide(
  createRoutableExtension({
    name: 'CapaReviewPage',
    component: () =>
      import('./components/CapaReviewPage').then(m => m.CapaReviewPage),
    mountPoint: reviewRouteRef,
  }),
);
