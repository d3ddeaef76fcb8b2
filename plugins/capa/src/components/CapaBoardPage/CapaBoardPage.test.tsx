import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { capaApiRef } from '../../api';
import { actionFixture, capaFixture } from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { responseError } from '../../__testUtils__/responseErrors';
import { boardRouteRef } from '../../routes';
import { CapaBoardPage } from './CapaBoardPage';

const allowAll = { authorize: async () => ({ result: AuthorizeResult.ALLOW }) };

async function renderBoard(
  api = mockCapaApi(),
  permissions: object = allowAll,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capaApiRef, api],
        [permissionApiRef, permissions],
      ]}
    >
      <CapaBoardPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/capa': boardRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return api;
}

/** Lists that answer only for the fixture action's status column. */
function actionsInOpenColumn() {
  return jest.fn(async (request: { status?: string }) => ({
    items: request.status === 'open' ? [actionFixture] : [],
  }));
}

describe('CapaBoardPage', () => {
  it('asks for "mine" by default and shows each status column, overdue work flagged', async () => {
    const api = await renderBoard(
      mockCapaApi({ listActions: actionsInOpenColumn() }),
    );
    const card = await screen.findByTestId(`work-card-${actionFixture.id}`);
    expect(
      within(card).getByText('Better monitoring of the clinical engine'),
    ).toBeInTheDocument();
    expect(within(card).getByText('Overdue')).toBeInTheDocument();
    expect(api.listActions).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'mine', status: 'open', limit: 20 }),
    );
    for (const status of ['open', 'in_progress', 'done', 'not_doing']) {
      expect(screen.getByTestId(`column-${status}`)).toBeInTheDocument();
    }
  });

  it('moves a card with the version it read, and reloads from the server', async () => {
    const api = await renderBoard(
      mockCapaApi({ listActions: actionsInOpenColumn() }),
    );
    const card = await screen.findByTestId(`work-card-${actionFixture.id}`);
    const callsBefore = api.listActions.mock.calls.length;
    fireEvent.click(within(card).getByRole('button', { name: 'Start' }));
    await waitFor(() =>
      expect(api.transitionAction).toHaveBeenCalledWith(actionFixture.id, {
        version: actionFixture.version,
        transition: 'start',
        reason: undefined,
      }),
    );
    await waitFor(() =>
      expect(api.listActions.mock.calls.length).toBeGreaterThan(callsBefore),
    );
  });

  it('shows a conflict, reloads, and never claims the move happened', async () => {
    const conflict = await responseError(
      409,
      'ConflictError',
      'The action was changed by someone else.',
    );
    const api = await renderBoard(
      mockCapaApi({
        listActions: actionsInOpenColumn(),
        transitionAction: jest.fn().mockRejectedValue(conflict),
      }),
    );
    const card = await screen.findByTestId(`work-card-${actionFixture.id}`);
    fireEvent.click(within(card).getByRole('button', { name: 'Start' }));
    expect(await screen.findByTestId('board-error')).toHaveTextContent(
      'The action was changed by someone else. The board now shows what is stored.',
    );
    expect(screen.queryByText(/^Saved/)).not.toBeInTheDocument();
    expect(api.listActions.mock.calls.length).toBeGreaterThan(4);
  });

  it('asks for the reason before "not doing", and for the effectiveness check before verifying a CAPA', async () => {
    const api = await renderBoard(
      mockCapaApi({ listActions: actionsInOpenColumn() }),
    );
    const card = await screen.findByTestId(`work-card-${actionFixture.id}`);
    fireEvent.click(within(card).getByRole('button', { name: 'Not doing' }));
    const confirm = await screen.findByTestId('move-confirm');
    expect(confirm).toBeDisabled();
    fireEvent.change(screen.getByTestId('move-reason'), {
      target: { value: 'Covered by CAPA-1' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(api.transitionAction).toHaveBeenCalledWith(actionFixture.id, {
        version: 1,
        transition: 'notDoing',
        reason: 'Covered by CAPA-1',
      }),
    );
  });

  it('offers only the moves the caller may make', async () => {
    const implemented = {
      ...capaFixture,
      status: 'verified_effective' as const,
    };
    const api = mockCapaApi({
      listCapas: jest.fn(async (request: { status?: string }) => ({
        items: request.status === 'verified_effective' ? [implemented] : [],
      })),
    });
    const denyClose = {
      authorize: async (request: { permission: { name: string } }) => ({
        result:
          request.permission.name === 'capa.close'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    };
    await renderBoard(api, denyClose);
    fireEvent.click(await screen.findByRole('button', { name: 'CAPAs' }));
    const card = await screen.findByTestId(`work-card-${capaFixture.id}`);
    await waitFor(() =>
      expect(
        within(card).getByRole('button', { name: 'Reopen' }),
      ).toBeInTheDocument(),
    );
    expect(
      within(card).queryByRole('button', { name: 'Close' }),
    ).not.toBeInTheDocument();
  });
});
