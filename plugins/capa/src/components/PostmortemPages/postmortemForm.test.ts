import { postmortemFixture } from '../../__testUtils__/fixtures';
import {
  emptyPostmortemForm,
  newImprovementRow,
  newTimelineRow,
  postmortemToForm,
  serverFieldErrors,
  toLocalInput,
  validateCreate,
  validateUpdate,
  withInput,
} from './postmortemForm';

describe('validateCreate', () => {
  it('names each missing or malformed field in the words of the form', () => {
    const values = emptyPostmortemForm();
    values.title = '   ';
    values.impact.patientsAffected = '4.5';
    values.durations.leadTimeMinutes = { hours: '-1', minutes: '' };
    values.timeline = [{ ...newTimelineRow(), event: 'Alarm' }];
    values.improvements = [{ ...newImprovementRow(), title: 'Alerting' }];

    const result = validateCreate(values);

    expect(result.request).toBeUndefined();
    expect(result.errors).toEqual({
      title: 'Required',
      incidentDate: 'Required',
      entityRefs: 'Choose at least one component or system',
      'impact.patientsAffected': 'Enter a whole number, 0 or more',
      leadTimeMinutes: 'Enter a whole number, 0 or more',
      'timeline.0.at': 'Required',
      'improvements.0.capaId': 'Required',
      'improvements.0.ownerRef': 'Required',
      'improvements.0.dueDate': 'Required',
    });
  });

  it('builds the request the backend accepts, leaving out what is empty', () => {
    const values = emptyPostmortemForm(['component:default/vitals']);
    values.title = ' Registrations stalled ';
    values.incidentDate = '2024-03-27';
    values.priority = 'P2';
    values.durations.correctionTimeMinutes = { hours: '1', minutes: '30' };
    values.durations.leadTimeMinutes = { hours: '', minutes: '15' };
    values.slaMet = 'yes';
    values.communication.internal = 'Posted in #incidents';

    expect(validateCreate(values)).toEqual({
      request: {
        title: 'Registrations stalled',
        incidentDate: '2024-03-27',
        priority: 'P2',
        timeline: [],
        leadTimeMinutes: 15,
        correctionTimeMinutes: 90,
        slaMet: true,
        impact: {},
        solution: {},
        communication: { internal: 'Posted in #incidents' },
        entityRefs: ['component:default/vitals'],
        improvements: [],
      },
    });
  });
});

describe('validateUpdate', () => {
  it('sends nothing but the version when nothing changed', () => {
    const result = validateUpdate(
      postmortemToForm(postmortemFixture),
      postmortemFixture,
    );
    expect(result).toEqual({ request: { version: 1 }, unchanged: true });
  });

  it('sends only the changed fields, whole nested objects included', () => {
    const values = postmortemToForm(postmortemFixture);
    values.impact.missedAlerts = '3';
    values.entityRefs = ['component:default/vitals'];
    values.timeline[1].event = 'Fix deployed to production';

    expect(validateUpdate(values, postmortemFixture)).toEqual({
      request: {
        version: 1,
        impact: {
          organisationsAffected: 23,
          patientsAffected: 40,
          missedAlerts: 3,
        },
        entityRefs: ['component:default/vitals'],
        timeline: [
          {
            at: '2024-03-27T14:00:00+01:00',
            event: 'Alarms on failed registrations',
          },
          {
            at: '2024-03-28T17:09:00+01:00',
            event: 'Fix deployed to production',
          },
        ],
      },
      unchanged: false,
    });
  });

  it('refuses to empty a field the API cannot clear', () => {
    const values = postmortemToForm(postmortemFixture);
    values.durations.leadTimeMinutes = { hours: '', minutes: '' };
    values.priority = '';

    expect(validateUpdate(values, postmortemFixture).errors).toEqual({
      leadTimeMinutes: 'Once recorded this can be changed, not removed',
      priority: 'Once recorded this can be changed, not removed',
    });
  });
});

describe('postmortemToForm', () => {
  it('shows times as written and minutes as hours and minutes', () => {
    const values = postmortemToForm(postmortemFixture);
    expect(values.timeline[0].at).toBe('2024-03-27T14:00');
    expect(values.durations.leadTimeMinutes).toEqual({
      hours: '18',
      minutes: '0',
    });
    expect(values.durations.workaroundTimeMinutes).toEqual({
      hours: '',
      minutes: '',
    });
    expect(values.slaMet).toBe('no');
    expect(toLocalInput('not a time')).toBe('');
  });
});

describe('serverFieldErrors', () => {
  it('finds the fields a 400 names', () => {
    expect(
      serverFieldErrors(
        "Invalid body: title: Too small; improvements.0.ownerRef: 'x' is not an entity reference",
      ),
    ).toEqual({
      title: 'Too small',
      'improvements.0.ownerRef': "'x' is not an entity reference",
    });
    expect(
      serverFieldErrors(
        "entityRefs: unknown catalog entity 'component:default/ghost'",
      ),
    ).toEqual({
      entityRefs: "unknown catalog entity 'component:default/ghost'",
    });
    expect(serverFieldErrors('Only its author may change it')).toEqual({});
  });
});

describe('withInput', () => {
  it('sets one nested input and leaves the rest as it was', () => {
    const values = postmortemToForm(postmortemFixture);
    const changed = withInput(values, 'timeline.1.event', 'Fixed');
    expect(changed.timeline[1].event).toBe('Fixed');
    expect(changed.timeline[0]).toBe(values.timeline[0]);
    expect(changed.impact).toBe(values.impact);
    expect(values.timeline[1].event).toBe('Fix deployed');
    expect(withInput(values, 'impact.missedAlerts', '2').impact).toEqual({
      ...values.impact,
      missedAlerts: '2',
    });
  });
});
