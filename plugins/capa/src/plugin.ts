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
 * The CAPA owner board, with the CAPA and postmortem pages under it. Mount
 * it at /capa: notifications link to /capa/capas/:id.
 *
 * @public
 */
export const CapaBoardPage = capaPlugin.provide(
  createRoutableExtension({
    name: 'CapaBoardPage',
    component: () => import('./components/CapaPages').then(m => m.CapaPages),
    mountPoint: boardRouteRef,
  }),
);

/**
 * A card for an entity's overview: open, overdue and due-soon work, and the
 * CAPAs it feeds.
 *
 * @public
 */
export const EntityCapaCard = capaPlugin.provide(
  createComponentExtension({
    name: 'EntityCapaCard',
    component: {
      lazy: () =>
        import('./components/EntityCapaCard').then(m => m.EntityCapaCard),
    },
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
