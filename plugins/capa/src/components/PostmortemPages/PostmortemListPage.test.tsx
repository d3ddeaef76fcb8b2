import { Postmortem } from '@internal/backstage-plugin-capa-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { postmortemFixture } from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { renderPostmortemRoute } from './__testUtils__/renderPostmortemRoute';
import { recentQuarters } from './PostmortemListPage';

const older: Postmortem = {
  ...postmortemFixture,
  id: '9b0c7a52-8a0e-4d43-9a5c-0d1f1b1f1a02',
  title: 'Vitals were shown late',
  incidentDate: '2024-01-12',
  priority: undefined,
  status: 'draft',
};

describe('PostmortemListPage', () => {
  it('lists postmortems linked to their pages, and loads more', async () => {
    const api = mockCapaApi({
      listPostmortems: jest
        .fn()
        .mockResolvedValueOnce({
          items: [postmortemFixture],
          nextCursor: 'page-2',
        })
        .mockResolvedValueOnce({ items: [older] }),
    });
    await renderPostmortemRoute('/capa/postmortems', { capaApi: api });

    expect(
      await screen.findByRole('link', { name: postmortemFixture.title }),
    ).toHaveAttribute('href', `/capa/postmortems/${postmortemFixture.id}`);
    expect(screen.getByText('Prio 1')).toBeInTheDocument();
    expect(screen.queryByText(older.title)).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId('postmortem-load-more'));

    expect(
      await screen.findByRole('link', { name: older.title }),
    ).toHaveAttribute('href', `/capa/postmortems/${older.id}`);
    expect(api.listPostmortems).toHaveBeenLastCalledWith({ cursor: 'page-2' });
    expect(screen.getByText(postmortemFixture.title)).toBeInTheDocument();
    expect(
      screen.queryByTestId('postmortem-load-more'),
    ).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/undefined/);
  });

  it('filters by status and incident quarter', async () => {
    const api = mockCapaApi();
    await renderPostmortemRoute('/capa/postmortems', { capaApi: api });
    await screen.findByText(postmortemFixture.title);

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Draft');
    await waitFor(() =>
      expect(api.listPostmortems).toHaveBeenLastCalledWith({
        status: 'draft',
        cursor: undefined,
      }),
    );

    // The server's day (2026-11-22 in the mock) decides which quarters exist.
    await waitFor(() =>
      expect(
        screen.getByRole('option', { name: '2026-Q4' }),
      ).toBeInTheDocument(),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Incident quarter'),
      '2026-Q3',
    );
    await waitFor(() =>
      expect(api.listPostmortems).toHaveBeenLastCalledWith({
        status: 'draft',
        quarter: '2026-Q3',
        cursor: undefined,
      }),
    );
  });

  it('reads its filters from the address and says when nothing matches', async () => {
    const api = mockCapaApi({
      listPostmortems: jest.fn().mockResolvedValue({ items: [] }),
    });
    await renderPostmortemRoute(
      '/capa/postmortems?status=archived&quarter=2023-Q1',
      { capaApi: api },
    );

    expect(
      await screen.findByText('No postmortems match these filters'),
    ).toBeInTheDocument();
    expect(api.listPostmortems).toHaveBeenCalledWith({
      status: 'archived',
      quarter: '2023-Q1',
      cursor: undefined,
    });
    expect(screen.getByLabelText('Incident quarter')).toHaveValue('2023-Q1');
  });

  it('links to the form for a new postmortem', async () => {
    await renderPostmortemRoute('/capa/postmortems', {
      capaApi: mockCapaApi(),
    });

    expect(await screen.findByTestId('postmortem-new')).toHaveAttribute(
      'href',
      '/capa/postmortems/new',
    );
  });
});

describe('recentQuarters', () => {
  it('counts back from the quarter of the day, across years', () => {
    expect(recentQuarters('2026-02-10', 3)).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
    ]);
  });
});
