import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { Postmortem } from '@internal/backstage-plugin-capa-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { capaFixture, postmortemFixture } from '../../__testUtils__/fixtures';
import { mockCapaApi } from '../../__testUtils__/mockCapaApi';
import {
  mockCatalogSearch,
  renderPostmortemRoute,
} from './__testUtils__/renderPostmortemRoute';

const vitals: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'vitals', namespace: 'default', title: 'Vitals' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An error as a Backstage backend serializes it. */
async function errorResponse(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/capa/postmortems' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

// Date inputs take whole values; so do long texts, to keep the tests quick.
function enter(input: HTMLElement, value: string) {
  fireEvent.change(input, { target: { value } });
}

function setInput(label: string | RegExp, value: string) {
  enter(screen.getByLabelText(label), value);
}

async function fillRequiredFields() {
  enter(await screen.findByTestId('postmortem-title'), 'Registrations stalled');
  setInput(/Incident date/, '2024-03-27');
}

// The form is large; on a busy machine a full create takes several seconds.
jest.setTimeout(20_000);

describe('PostmortemFormPage', () => {
  it('refuses an empty title without asking the server', async () => {
    const api = mockCapaApi();
    await renderPostmortemRoute('/capa/postmortems/new', { capaApi: api });

    await userEvent.click(await screen.findByTestId('postmortem-save'));

    const title = screen.getByTestId('postmortem-title');
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(
      document.getElementById('postmortem-title-helper-text'),
    ).toHaveTextContent('Required');
    expect(
      document.getElementById('postmortem-entityRefs-helper-text'),
    ).toHaveTextContent('Choose at least one component or system');
    expect(screen.getByTestId('postmortem-form-invalid')).toBeInTheDocument();
    expect(api.createPostmortem).not.toHaveBeenCalled();

    await userEvent.type(title, 'Registrations stalled');
    expect(title).toHaveAttribute('aria-invalid', 'false');
    expect(
      document.getElementById('postmortem-title-helper-text'),
    ).not.toBeInTheDocument();
  });

  it('records a valid postmortem with its services, times and improvements, once', async () => {
    const stored: Postmortem = { ...postmortemFixture, id: 'a-new-id' };
    const api = mockCapaApi({
      createPostmortem: jest
        .fn()
        .mockRejectedValueOnce(new TypeError('Failed to fetch'))
        .mockResolvedValue(stored),
      getPostmortem: jest.fn().mockResolvedValue(stored),
    });
    const catalogApi = mockCatalogSearch([vitals]);
    await renderPostmortemRoute(
      '/capa/postmortems/new?entityRef=component:default/Clinical-Engine',
      { capaApi: api, catalogApi },
    );

    await fillRequiredFields();
    expect(
      document.querySelector('[data-ref="component:default/clinical-engine"]'),
    ).toHaveTextContent('clinical-engine');

    await userEvent.type(screen.getByTestId('postmortem-services'), 'vit');
    // The search is debounced: wait for the typed term's query before picking.
    await waitFor(() =>
      expect(catalogApi.queryEntities).toHaveBeenCalledWith({
        filter: { kind: ['Component', 'System'] },
        fullTextFilter: {
          term: 'vit',
          fields: ['metadata.name', 'metadata.title'],
        },
        limit: 20,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      }),
    );
    await userEvent.click(await screen.findByText('Vitals'));

    await userEvent.click(screen.getByText('Add timeline entry'));
    setInput(/^Time/, '2024-03-27T14:00');
    await userEvent.type(screen.getByLabelText(/Event/), 'Alarms went off');

    await userEvent.type(screen.getByLabelText('Lead time hours'), '27');
    await userEvent.type(screen.getByLabelText('Lead time minutes'), '5');
    expect(screen.getByText('1 d 3 h 5 min')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Patients affected/), '40');

    await userEvent.click(await screen.findByText('Add improvement'));
    const row = screen.getByTestId('postmortem-improvement-row');
    enter(
      within(row).getByLabelText(/Improvement/),
      'Alert on slow association queries',
    );
    await userEvent.selectOptions(
      within(row).getByLabelText(/CAPA/),
      `CAPA-3 — ${capaFixture.title}`,
    );
    enter(within(row).getByLabelText(/Owner/), 'group:default/platform-circle');
    enter(within(row).getByLabelText(/Due date/), '2024-06-30');

    await userEvent.click(screen.getByTestId('postmortem-save'));
    expect(
      await screen.findByTestId('postmortem-save-error'),
    ).toHaveTextContent('Failed to fetch');
    await userEvent.click(screen.getByTestId('postmortem-save'));

    await waitFor(() =>
      expect(screen.getByTestId('postmortem-status')).toBeInTheDocument(),
    );
    expect(api.createPostmortem).toHaveBeenCalledTimes(2);
    const [request, key] = api.createPostmortem.mock.calls[0];
    expect(request).toEqual({
      title: 'Registrations stalled',
      incidentDate: '2024-03-27',
      timeline: [{ at: '2024-03-27T14:00', event: 'Alarms went off' }],
      leadTimeMinutes: 27 * 60 + 5,
      impact: { patientsAffected: 40 },
      solution: {},
      communication: {},
      entityRefs: [
        'component:default/clinical-engine',
        'component:default/vitals',
      ],
      improvements: [
        {
          title: 'Alert on slow association queries',
          capaId: capaFixture.id,
          ownerRef: 'group:default/platform-circle',
          dueDate: '2024-06-30',
        },
      ],
    });
    expect(key).toMatch(UUID);
    expect(api.createPostmortem.mock.calls[1][1]).toBe(key);
    expect(api.getPostmortem).toHaveBeenCalledWith('a-new-id');
  });

  it("shows the server's refusal next to the field and keeps what was typed", async () => {
    const api = mockCapaApi({
      createPostmortem: jest
        .fn()
        .mockRejectedValue(
          await errorResponse(
            400,
            'InputError',
            "entityRefs: unknown catalog entity 'component:default/ghost'",
          ),
        ),
    });
    await renderPostmortemRoute(
      '/capa/postmortems/new?entityRef=component:default/ghost',
      { capaApi: api },
    );

    await fillRequiredFields();
    await userEvent.click(screen.getByTestId('postmortem-save'));

    expect(
      await screen.findByTestId('postmortem-save-error'),
    ).toHaveTextContent(
      "entityRefs: unknown catalog entity 'component:default/ghost'",
    );
    expect(
      document.getElementById('postmortem-entityRefs-helper-text'),
    ).toHaveTextContent("unknown catalog entity 'component:default/ghost'");
    expect(screen.getByTestId('postmortem-title')).toHaveValue(
      'Registrations stalled',
    );
    expect(screen.getByTestId('postmortem-save')).toBeEnabled();
  });

  it('sends only the changed fields with the version it was read at', async () => {
    const api = mockCapaApi({
      updatePostmortem: jest.fn().mockResolvedValue({
        ...postmortemFixture,
        title: 'Registrations stalled',
        version: 2,
      }),
    });
    await renderPostmortemRoute(
      `/capa/postmortems/${postmortemFixture.id}/edit`,
      { capaApi: api },
    );

    const title = await screen.findByTestId('postmortem-title');
    expect(title).toHaveValue(postmortemFixture.title);
    expect(screen.getByLabelText('Lead time hours')).toHaveValue(18);
    expect(
      screen.queryByTestId('postmortem-improvements-editor'),
    ).not.toBeInTheDocument();
    enter(title, 'Registrations stalled');
    await userEvent.click(screen.getByTestId('postmortem-save'));

    await waitFor(() =>
      expect(api.updatePostmortem).toHaveBeenCalledWith(postmortemFixture.id, {
        version: 1,
        title: 'Registrations stalled',
      }),
    );
    expect(await screen.findByTestId('postmortem-status')).toBeInTheDocument();
  });

  it('offers to reload, never to overwrite, when someone else saved first', async () => {
    const theirs: Postmortem = {
      ...postmortemFixture,
      title: 'Their title',
      version: 2,
    };
    const api = mockCapaApi({
      getPostmortem: jest
        .fn()
        .mockResolvedValueOnce(postmortemFixture)
        .mockResolvedValue(theirs),
      updatePostmortem: jest
        .fn()
        .mockRejectedValue(
          await errorResponse(409, 'ConflictError', 'changed by someone else'),
        ),
    });
    await renderPostmortemRoute(
      `/capa/postmortems/${postmortemFixture.id}/edit`,
      { capaApi: api },
    );

    const title = await screen.findByTestId('postmortem-title');
    enter(title, 'My title');
    await userEvent.click(screen.getByTestId('postmortem-save'));

    const conflict = await screen.findByTestId('postmortem-save-conflict');
    expect(conflict).toHaveTextContent(/Someone else changed this postmortem/);
    expect(api.updatePostmortem).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('postmortem-title')).toHaveValue('My title');

    await userEvent.click(within(conflict).getByText('Reload'));

    await waitFor(() =>
      expect(screen.getByTestId('postmortem-title')).toHaveValue('Their title'),
    );
    expect(api.updatePostmortem).toHaveBeenCalledTimes(1);
  });

  it('will not send the removal of a field the API cannot empty', async () => {
    const api = mockCapaApi();
    await renderPostmortemRoute(
      `/capa/postmortems/${postmortemFixture.id}/edit`,
      { capaApi: api },
    );

    enter(await screen.findByLabelText(/Summary/), '');
    await userEvent.click(screen.getByTestId('postmortem-save'));

    expect(
      document.getElementById('postmortem-summary-helper-text'),
    ).toHaveTextContent('Once recorded this can be changed, not removed');
    expect(api.updatePostmortem).not.toHaveBeenCalled();
  });
});
