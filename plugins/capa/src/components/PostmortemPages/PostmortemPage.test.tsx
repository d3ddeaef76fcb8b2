import { ResponseError } from '@backstage/errors';
import {
  HistoryEntry,
  Postmortem,
} from '@internal/backstage-plugin-capa-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  actionFixture,
  capaFixture,
  postmortemFixture,
} from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import { renderPostmortemRoute } from './__testUtils__/renderPostmortemRoute';

const pagePath = `/capa/postmortems/${postmortemFixture.id}`;

const history: HistoryEntry[] = [
  {
    id: 'h1',
    recordType: 'postmortem',
    recordId: postmortemFixture.id,
    event: 'created',
    actor: 'user:default/fleur.mulder',
    at: '2024-04-10T08:00:00.000Z',
    changes: {
      title: { before: null, after: postmortemFixture.title },
      priority: { before: null, after: 'P1' },
    },
  },
  {
    id: 'h2',
    recordType: 'postmortem',
    recordId: postmortemFixture.id,
    event: 'updated',
    actor: 'user:default/anna.devries',
    at: '2024-04-11T09:30:00.000Z',
    changes: {
      leadTimeMinutes: { before: 600, after: 1080 },
      impact: {
        before: { patientsAffected: 39 },
        after: { organisationsAffected: 23, patientsAffected: 40 },
      },
    },
  },
  {
    id: 'h3',
    recordType: 'postmortem',
    recordId: postmortemFixture.id,
    event: 'transition',
    actor: 'user:default/fleur.mulder',
    at: '2024-04-12T10:00:00.000Z',
    changes: { status: { before: 'draft', after: 'published' } },
    reason: 'Reviewed in the quality circle',
  },
];

const draft: Postmortem = { ...postmortemFixture, status: 'draft', version: 2 };

async function conflictError() {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message: 'changed by someone else' },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('PostmortemPage', () => {
  it('shows every recorded field, leaving out what is empty', async () => {
    const api = mockCapaApi({
      getPostmortem: jest.fn().mockResolvedValue({
        ...postmortemFixture,
        timeline: [
          { at: '2024-03-28T17:09:00+01:00', event: 'Fix deployed' },
          {
            at: '2024-03-27T14:00:00+01:00',
            event: 'Alarms on failed registrations',
          },
        ],
      }),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    expect(
      await screen.findAllByText(postmortemFixture.title),
    ).not.toHaveLength(0);
    const field = (name: string) =>
      document.querySelector(`[data-field="${name}"]`);
    expect(field('incidentDate')).toHaveTextContent('2024-03-27');
    expect(field('priority')).toHaveTextContent('Prio 1');
    expect(field('classification')).toHaveTextContent('High');
    expect(field('status')).toHaveTextContent('Published');
    expect(field('createdBy')).toHaveTextContent('fleur.mulder');
    expect(field('entityRefs')).toHaveTextContent('clinical-engine');
    expect(field('entityRefs')).toHaveTextContent('vitals');
    expect(field('summary')).toHaveTextContent(/association query/);
    expect(field('leadTimeMinutes')).toHaveTextContent('18 h');
    expect(field('correctionTimeMinutes')).toHaveTextContent('9 h');
    expect(field('slaMet')).toHaveTextContent('No');
    expect(field('impact.organisationsAffected')).toHaveTextContent('23');
    expect(field('impact.patientsAffected')).toHaveTextContent('40');
    expect(field('solution.correction')).toHaveTextContent('Rewrote the query');

    const rows = within(screen.getByTestId('postmortem-timeline')).getAllByRole(
      'row',
    );
    expect(rows[1]).toHaveTextContent(
      '2024-03-27 14:00Alarms on failed registrations',
    );
    expect(rows[2]).toHaveTextContent('2024-03-28 17:09Fix deployed');

    for (const empty of [
      'workaroundTimeMinutes',
      'resolutionTimeMinutes',
      'impact.missedAlerts',
      'solution.correctiveAction',
    ]) {
      expect(field(empty)).toBeNull();
    }
    expect(screen.queryByText('Workaround')).not.toBeInTheDocument();
    expect(screen.queryByText('Communication')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/undefined|null|NaN/);
  });

  it('lists its improvements under their CAPAs with their due states', async () => {
    const api = mockCapaApi();
    await renderPostmortemRoute(pagePath, { capaApi: api });

    const improvements = await screen.findByTestId('postmortem-improvements');
    expect(
      await within(improvements).findByText(actionFixture.title),
    ).toBeInTheDocument();
    expect(api.listActions).toHaveBeenCalledWith(
      expect.objectContaining({ postmortemId: postmortemFixture.id }),
    );
    expect(
      within(improvements).getByRole('link', { name: 'CAPA-3' }),
    ).toHaveAttribute('href', `/capa/capas/${capaFixture.id}`);
    expect(
      within(improvements).getByText('platform-circle'),
    ).toBeInTheDocument();
    expect(within(improvements).getByText('2026-11-17')).toBeInTheDocument();
    expect(
      within(improvements).getByText('Overdue').closest('[data-due-state]'),
    ).toHaveAttribute('data-due-state', 'overdue');
    expect(within(improvements).getByText('Open')).toBeInTheDocument();
  });

  it('shows who changed what, before and after, and why', async () => {
    const api = mockCapaApi({
      getHistory: jest.fn().mockResolvedValue({ items: history }),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    const entries = await screen.findAllByTestId('postmortem-history-entry');
    expect(api.getHistory).toHaveBeenCalledWith(
      'postmortem',
      postmortemFixture.id,
      expect.anything(),
    );
    expect(entries).toHaveLength(3);
    expect(entries[0]).toHaveTextContent(/Recorded by .*fleur\.mulder/);
    expect(entries[0]).toHaveTextContent('Prio 1');
    expect(entries[1]).toHaveTextContent(/Changed by .*anna\.devries/);
    expect(entries[1]).toHaveTextContent('Lead time10 h → 18 h');
    expect(entries[1]).toHaveTextContent(
      'Patients affected: 39 → Organisations affected: 23; Patients affected: 40',
    );
    expect(entries[2]).toHaveTextContent(/Published by .*fleur\.mulder/);
    expect(entries[2]).toHaveTextContent('StatusDraft → Published');
    expect(entries[2]).toHaveTextContent(
      'Reason: Reviewed in the quality circle',
    );
  });

  it('publishes with the version it shows, then shows the stored status', async () => {
    const api = mockCapaApi({
      getPostmortem: jest.fn().mockResolvedValue(draft),
      setPostmortemStatus: jest
        .fn()
        .mockResolvedValue({ ...draft, status: 'published', version: 3 }),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    await userEvent.click(await screen.findByTestId('postmortem-publish'));

    await waitFor(() =>
      expect(screen.getByTestId('postmortem-status')).toHaveTextContent(
        'Published',
      ),
    );
    expect(api.setPostmortemStatus).toHaveBeenCalledWith(
      postmortemFixture.id,
      'publish',
      { version: 2 },
    );
    expect(screen.queryByTestId('postmortem-publish')).not.toBeInTheDocument();
    await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
  });

  it('says so and reloads when someone else changed it first', async () => {
    const api = mockCapaApi({
      getPostmortem: jest
        .fn()
        .mockResolvedValueOnce(draft)
        .mockResolvedValue({
          ...draft,
          title: 'Renamed by a colleague',
          version: 3,
        }),
      setPostmortemStatus: jest.fn().mockRejectedValue(await conflictError()),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    await userEvent.click(await screen.findByTestId('postmortem-publish'));

    expect(
      await screen.findByText(
        'Someone else changed this postmortem; it has been reloaded',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findAllByText('Renamed by a colleague'),
    ).not.toHaveLength(0);
    expect(api.getPostmortem).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('postmortem-status')).toHaveTextContent('Draft');
  });

  it('archives with the reason given, and no longer offers to edit', async () => {
    const api = mockCapaApi({
      setPostmortemStatus: jest.fn().mockResolvedValue({
        ...postmortemFixture,
        status: 'archived',
        version: 2,
      }),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    await userEvent.click(await screen.findByTestId('postmortem-archive'));
    await userEvent.type(
      screen.getByLabelText('Reason (optional)'),
      'Duplicate of the March incident',
    );
    await userEvent.click(screen.getByTestId('postmortem-archive-confirm'));

    await waitFor(() =>
      expect(screen.getByTestId('postmortem-status')).toHaveTextContent(
        'Archived',
      ),
    );
    expect(api.setPostmortemStatus).toHaveBeenCalledWith(
      postmortemFixture.id,
      'archive',
      { version: 1, reason: 'Duplicate of the March incident' },
    );
    expect(screen.queryByTestId('postmortem-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('postmortem-archive')).not.toBeInTheDocument();
  });

  it("shows the server's message when a move is refused", async () => {
    const api = mockCapaApi({
      getPostmortem: jest.fn().mockResolvedValue(draft),
      setPostmortemStatus: jest
        .fn()
        .mockRejectedValue(
          new Error(
            'Only its author or an administrator may change "Newly activated patients were not registered"',
          ),
        ),
    });
    await renderPostmortemRoute(pagePath, { capaApi: api });

    await userEvent.click(await screen.findByTestId('postmortem-publish'));

    expect(
      await screen.findByText(/Only its author or an administrator/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('postmortem-status')).toHaveTextContent('Draft');
    expect(api.getPostmortem).toHaveBeenCalledTimes(1);
  });

  it('links to its edit form', async () => {
    await renderPostmortemRoute(pagePath, { capaApi: mockCapaApi() });

    expect(await screen.findByTestId('postmortem-edit')).toHaveAttribute(
      'href',
      `/capa/postmortems/${postmortemFixture.id}/edit`,
    );
  });
});
