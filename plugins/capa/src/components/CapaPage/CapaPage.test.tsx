import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { capaApiRef } from '../../api';
import { actionFixture, capaFixture } from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { responseError } from '../../__testUtils__/responseErrors';
import { boardRouteRef } from '../../routes';
import { CapaPage } from './CapaPage';

const allowAll = { authorize: async () => ({ result: AuthorizeResult.ALLOW }) };

async function renderPage(api = mockCapaApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capaApiRef, api],
        [permissionApiRef, allowAll],
      ]}
    >
      <Routes>
        <Route path="/capas/:id" element={<CapaPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [`/capas/${capaFixture.id}`],
      mountedRoutes: {
        '/capa': boardRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return api;
}

describe('CapaPage', () => {
  it('shows the CAPA, its actions with due states, the postmortems that fed it and its history', async () => {
    const api = await renderPage(
      mockCapaApi({
        getHistory: jest.fn().mockResolvedValue({
          items: [
            {
              id: '1',
              recordType: 'capa',
              recordId: capaFixture.id,
              event: 'updated',
              actor: 'user:default/fleur.mulder',
              at: '2026-11-20T09:30:00.000Z',
              changes: {
                dueDate: { before: '2026-11-20', after: '2026-11-27' },
              },
              reason: 'Waiting on the new monitoring stack',
            },
          ],
        }),
      }),
    );
    expect(
      (await screen.findAllByText('CAPA-3: Monitoring and data resilience'))[0],
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Better monitoring of the clinical engine'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Newly activated patients were not registered'),
    ).toBeInTheDocument();
    const history = await screen.findByTestId('capa-history');
    await waitFor(() =>
      expect(history).toHaveTextContent(/Due date.*2026-11-20.*2026-11-27/),
    );
    expect(
      screen.getByText('Waiting on the new monitoring stack'),
    ).toBeInTheDocument();
    expect(api.listActions).toHaveBeenCalledWith({
      capaId: capaFixture.id,
      limit: 100,
    });
  });

  it('records the effectiveness check through its dialog, with the version it read', async () => {
    const implemented = { ...capaFixture, status: 'implemented' as const };
    const api = await renderPage(
      mockCapaApi({ getCapa: jest.fn().mockResolvedValue(implemented) }),
    );
    fireEvent.click(await screen.findByTestId('capa-move-recordEffectiveness'));
    fireEvent.change(await screen.findByTestId('effectiveness-method'), {
      target: { value: 'Restore drill' },
    });
    fireEvent.change(screen.getByTestId('effectiveness-criteria'), {
      target: { value: 'Restore within 1 h' },
    });
    fireEvent.click(screen.getByTestId('move-confirm'));
    await waitFor(() =>
      expect(api.transitionCapa).toHaveBeenCalledWith(capaFixture.id, {
        version: capaFixture.version,
        transition: 'recordEffectiveness',
        effectivenessCheck: {
          method: 'Restore drill',
          criteria: 'Restore within 1 h',
          result: 'effective',
        },
      }),
    );
  });

  it('asks for a reason with a new due date, and closes a stale form on a conflict', async () => {
    const api = await renderPage(
      mockCapaApi({
        updateCapa: jest
          .fn()
          .mockRejectedValue(
            await responseError(
              409,
              'ConflictError',
              'CAPA-3 was changed by someone else.',
            ),
          ),
      }),
    );
    fireEvent.click(await screen.findByTestId('capa-edit'));
    fireEvent.change(screen.getByTestId('capa-due-date'), {
      target: { value: '2027-01-31' },
    });
    fireEvent.click(screen.getByTestId('capa-save'));
    expect(
      await screen.findByText('a new due date needs a reason'),
    ).toBeInTheDocument();
    expect(api.updateCapa).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('capa-due-date-reason'), {
      target: { value: 'Vendor delay' },
    });
    fireEvent.click(screen.getByTestId('capa-save'));
    await waitFor(() =>
      expect(api.updateCapa).toHaveBeenCalledWith(capaFixture.id, {
        version: capaFixture.version,
        dueDate: '2027-01-31',
        dueDateReason: 'Vendor delay',
      }),
    );
    expect(await screen.findByTestId('capa-error')).toHaveTextContent(
      'CAPA-3 was changed by someone else. The page now shows what is stored.',
    );
    expect(screen.queryByTestId('capa-save')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.getCapa.mock.calls.length).toBeGreaterThan(1),
    );
  });

  it("changes an action's due date only with a reason, sending the version it read", async () => {
    const api = await renderPage();
    fireEvent.click(
      await screen.findByTestId(`action-edit-${actionFixture.id}`),
    );
    fireEvent.change(screen.getByTestId('action-due-date'), {
      target: { value: '2026-12-15' },
    });
    fireEvent.click(screen.getByTestId('action-save'));
    expect(
      await screen.findByText('a new due date needs a reason'),
    ).toBeInTheDocument();
    expect(api.updateAction).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('action-due-date-reason'), {
      target: { value: 'Waiting on the vendor' },
    });
    fireEvent.click(screen.getByTestId('action-save'));
    await waitFor(() =>
      expect(api.updateAction).toHaveBeenCalledWith(actionFixture.id, {
        version: actionFixture.version,
        dueDate: '2026-12-15',
        dueDateReason: 'Waiting on the vendor',
      }),
    );
  });
});
