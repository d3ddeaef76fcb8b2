import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { CapaApi, capaApiRef } from '../../../api';
import { boardRouteRef } from '../../../routes';
import { PostmortemFormPage } from '../PostmortemFormPage';
import { PostmortemListPage } from '../PostmortemListPage';
import { PostmortemPage } from '../PostmortemPage';

/** The catalog as the postmortem pages use it: searched for entities. */
export type CatalogSearchApi = {
  queryEntities: jest.Mock;
};

/** A catalog whose every search answers with `entities`. */
export function mockCatalogSearch(entities: Entity[] = []): CatalogSearchApi {
  return {
    queryEntities: jest.fn().mockResolvedValue({
      items: entities,
      totalItems: entities.length,
      pageInfo: {},
    }),
  };
}

/**
 * Renders the postmortem pages routed as under /capa, starting at `path`, so
 * that links and navigation between them work as in the app.
 */
export async function renderPostmortemRoute(
  path: string,
  apis: { capaApi: CapaApi; catalogApi?: CatalogSearchApi },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [capaApiRef, apis.capaApi],
        [catalogApiRef, apis.catalogApi ?? mockCatalogSearch()],
      ]}
    >
      <Routes>
        <Route path="/capa/postmortems" element={<PostmortemListPage />} />
        <Route path="/capa/postmortems/new" element={<PostmortemFormPage />} />
        <Route path="/capa/postmortems/:id" element={<PostmortemPage />} />
        <Route
          path="/capa/postmortems/:id/edit"
          element={<PostmortemFormPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/capa': boardRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
