import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  QuarterlyReview,
  quarterRange,
} from '@internal/backstage-plugin-capa-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CapaApi, capaApiRef } from '../../api';
import { boardRouteRef } from '../../routes';
import { reviewFixture } from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { CapaReviewPage } from './CapaReviewPage';

const noWork = {
  opened: 0,
  closed: 0,
  closedOnTime: 0,
  cancelled: 0,
  openAtQuarterEnd: 0,
  overdueAtQuarterEnd: 0,
  ageing: reviewFixture.capas.ageing.map(a => ({ ...a, count: 0 })),
};

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeAll(() => {
  // recharts' ResponsiveContainer needs it; jsdom has none.
  window.ResizeObserver ??= NoResizeObserver;
});

async function renderReview(api: CapaApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[capaApiRef, api]]}>
      <CapaReviewPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/capa': boardRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

function figure(label: string): HTMLElement {
  return screen.getByRole('group', { name: label });
}

describe('CapaReviewPage', () => {
  it('asks the server for the last complete quarter by its own day', async () => {
    const api = mockCapaApi();
    await renderReview(api);

    await screen.findByRole('group', { name: 'Patients affected' });
    expect(api.getReview).toHaveBeenCalledTimes(1);
    expect(api.getReview).toHaveBeenCalledWith('2026-Q3');
    expect(screen.getByRole('button', { name: /Quarter/ })).toHaveTextContent(
      '2026-Q3',
    );
    expect(screen.getByTestId('review-quarter-select')).toHaveTextContent(
      '2026-Q3',
    );
    expect(
      await screen.findByText(/Today is 2026-11-22 in Europe\/Amsterdam/),
    ).toBeInTheDocument();
  });

  it("shows the review's figures", async () => {
    await renderReview(mockCapaApi());

    expect(await screen.findByTestId('review-period')).toHaveTextContent(
      '2024-Q1: 2024-01-01 – 2024-03-31',
    );
    expect(figure('Postmortems')).toHaveTextContent('2');
    expect(figure('Patients affected')).toHaveTextContent('41');
    expect(figure('Organisations affected')).toHaveTextContent('23');
    expect(figure('Median lead time')).toHaveTextContent('10 h');
    expect(figure('Median correction time')).toHaveTextContent('5 h');
    expect(figure('CAPAs opened')).toHaveTextContent('3');
    expect(figure('CAPAs on-time closure rate')).toHaveTextContent('100%');
    expect(figure('CAPAs overdue at quarter end')).toHaveTextContent('1');
    expect(figure('Actions closed')).toHaveTextContent('4');
    expect(figure('Actions closed on time')).toHaveTextContent('3');
    expect(figure('Actions on-time closure rate')).toHaveTextContent('75%');
    expect(figure('Actions overdue at quarter end')).toHaveTextContent('2');
    expect(
      screen.getByRole('img', { name: /Postmortems by priority: Prio 1 1/ }),
    ).toBeInTheDocument();
  });

  it('lists the figures per service and per owner', async () => {
    await renderReview(mockCapaApi());

    const services = await screen.findByRole('table', { name: 'Per service' });
    const serviceRow = within(services).getAllByRole('row')[1];
    expect(
      within(serviceRow)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['clinical-engine', '1', '40', '3', '1', '1']);
    expect(within(serviceRow).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/clinical-engine',
    );

    const owners = screen.getByRole('table', { name: 'Per owner' });
    const ownerRow = within(owners).getAllByRole('row')[1];
    expect(
      within(ownerRow)
        .getAllByRole('cell')
        .slice(1)
        .map(cell => cell.textContent),
    ).toEqual(['1', '0', '4', '2', '2', '1']);
    expect(within(ownerRow).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-circle',
    );
    expect(screen.queryByText(/busiest/)).not.toBeInTheDocument();
  });

  it('lists the overdue and the recurring CAPAs, linked to their pages', async () => {
    await renderReview(mockCapaApi());

    const overdue = await screen.findByRole('table', {
      name: 'Overdue CAPAs at quarter end',
    });
    expect(
      within(overdue).getByRole('link', { name: 'CAPA-2' }),
    ).toHaveAttribute(
      'href',
      '/capa/capas/7f6d0c0e-3f43-4f0e-9f55-2d6a7c1e0002',
    );
    expect(
      within(overdue).getByText('A hotfix mechanism for the clinical engine'),
    ).toBeInTheDocument();
    expect(within(overdue).getByText('2024-03-01')).toBeInTheDocument();
    expect(within(overdue).getByText('30')).toBeInTheDocument();

    const recurring = screen.getByRole('table', { name: 'Recurring CAPAs' });
    expect(
      within(recurring).getByRole('link', { name: 'CAPA-3' }),
    ).toHaveAttribute(
      'href',
      '/capa/capas/7f6d0c0e-3f43-4f0e-9f55-2d6a7c1e0003',
    );
    expect(
      within(recurring).getByText('Monitoring and data resilience'),
    ).toBeInTheDocument();
  });

  it('asks for another quarter when one is picked, and shows its review', async () => {
    const api = mockCapaApi({
      getReview: jest.fn(async (quarter?: string) => ({
        ...reviewFixture,
        quarter: quarter!,
        ...quarterRange(quarter!),
      })),
    });
    await renderReview(api);
    expect(await screen.findByTestId('review-period')).toHaveTextContent(
      '2026-Q3: 2026-07-01 – 2026-09-30',
    );

    await userEvent.click(screen.getByRole('button', { name: /Quarter/ }));
    await userEvent.click(screen.getByRole('option', { name: '2026-Q1' }));

    expect(api.getReview).toHaveBeenLastCalledWith('2026-Q1');
    await waitFor(() =>
      expect(screen.getByTestId('review-period')).toHaveTextContent(
        '2026-Q1: 2026-01-01 – 2026-03-31',
      ),
    );
    expect(screen.getByTestId('review-quarter-select')).toHaveTextContent(
      '2026-Q1',
    );
  });

  it('offers the current quarter and the 15 before it', async () => {
    await renderReview(mockCapaApi());
    await screen.findByRole('group', { name: 'Patients affected' });

    await userEvent.click(screen.getByRole('button', { name: /Quarter/ }));
    const options = screen.getAllByRole('option').map(o => o.textContent);
    expect(options).toHaveLength(16);
    expect(options[0]).toBe('2026-Q4');
    expect(options[15]).toBe('2023-Q1');
  });

  it("shows the server's message when the review fails", async () => {
    const api = mockCapaApi({
      getReview: jest
        .fn()
        .mockRejectedValue(new Error('The review could not be computed')),
    });
    await renderReview(api);

    expect(
      (await screen.findAllByText(/The review could not be computed/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByTestId('review-download-csv')).toBeDisabled();
  });

  it("shows the server's own message when the server refuses", async () => {
    const body = JSON.stringify({
      error: {
        name: 'InputError',
        message: 'quarter must be a quarter like 2024-Q2',
      },
      response: { statusCode: 400 },
    });
    const refusal = await ResponseError.fromResponse({
      status: 400,
      statusText: 'Bad Request',
      url: 'http://localhost/api/capa/review',
      headers: new Headers({ 'Content-Type': 'application/json' }),
      text: async () => body,
    } as unknown as Response);
    await renderReview(
      mockCapaApi({ getReview: jest.fn().mockRejectedValue(refusal) }),
    );

    expect(
      (await screen.findAllByText(/quarter must be a quarter like 2024-Q2/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('says per section when the quarter has no data', async () => {
    const empty: QuarterlyReview = {
      quarter: '2026-Q3',
      first: '2026-07-01',
      last: '2026-09-30',
      postmortems: {
        total: 0,
        byPriority: [],
        byClassification: [],
        organisationsAffected: 0,
        patientsAffected: 0,
      },
      capas: { ...reviewFixture.capas, ...noWork },
      actions: { ...reviewFixture.actions, ...noWork },
      recurringCapas: [],
      overdueCapas: [],
      byEntity: { rows: [], truncated: false },
      byOwner: { rows: [], truncated: false },
    };
    await renderReview(
      mockCapaApi({ getReview: jest.fn().mockResolvedValue(empty) }),
    );

    expect(
      await screen.findByText('No postmortems in 2026-Q3.'),
    ).toBeInTheDocument();
    for (const text of [
      'No CAPAs opened, closed or open in 2026-Q3.',
      'No actions opened, closed or open in 2026-Q3.',
      'No postmortems in 2026-Q3 to chart by priority.',
      'No CAPAs or actions open at the end of 2026-Q3.',
      'No CAPAs or actions closed in 2026-Q3.',
      'No service had postmortems or actions in 2026-Q3.',
      'No owner had CAPAs or actions in 2026-Q3.',
      'No CAPA was overdue at the end of 2026-Q3.',
      'No recurring CAPAs in 2026-Q3.',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when a table shows only the busiest rows', async () => {
    const busy: QuarterlyReview = {
      ...reviewFixture,
      byEntity: { ...reviewFixture.byEntity, truncated: true },
    };
    await renderReview(
      mockCapaApi({ getReview: jest.fn().mockResolvedValue(busy) }),
    );
    expect(
      await screen.findByText('Showing the 100 busiest services.'),
    ).toBeInTheDocument();
  });

  it('downloads the review as CSV, named after its quarter', async () => {
    const createObjectURL = jest.fn().mockReturnValue('blob:review');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        expect(this.download).toBe('capa-review-2024-Q1.csv');
        expect(this.getAttribute('href')).toBe('blob:review');
      });
    try {
      await renderReview(mockCapaApi());
      await screen.findByRole('group', { name: 'Patients affected' });

      await userEvent.click(screen.getByTestId('review-download-csv'));

      expect(click).toHaveBeenCalledTimes(1);
      const blob: Blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/csv;charset=utf-8');
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:review'),
      );
    } finally {
      click.mockRestore();
    }
  });

  it('prints with the browser', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => {});
    try {
      await renderReview(mockCapaApi());
      await userEvent.click(
        await screen.findByRole('button', { name: /Print/ }),
      );
      expect(print).toHaveBeenCalledTimes(1);
    } finally {
      print.mockRestore();
    }
  });
});
