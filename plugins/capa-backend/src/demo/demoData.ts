import {
  ActionStatus,
  CapaSeverity,
  CapaStatus,
  CapaType,
  CreatePostmortemRequest,
} from '@internal/backstage-plugin-capa-common';

/**
 * A demo postmortem: its fields as a client would send them, and a name the
 * CAPAs and actions use.
 */
export type DemoPostmortem = Omit<CreatePostmortemRequest, 'improvements'> & {
  ref: string;
};

/** A demo CAPA; dates are days relative to the day the demo loads. */
export type DemoCapa = {
  ref: string;
  title: string;
  problemStatement: string;
  type: CapaType;
  severity: CapaSeverity;
  ownerRef: string;
  rootCause?: string;
  dueInDays: number;
  openedDaysAgo: number;
  status: CapaStatus;
  postmortems: string[];
  effectiveness?: { method: string; criteria: string; notes: string };
};

/** A demo action; dates are days relative to the day the demo loads. */
export type DemoAction = {
  capa: string;
  postmortem: string;
  title: string;
  ownerRef: string;
  dueInDays: number;
  status: ActionStatus;
  reason?: string;
};

const component = (name: string) => `component:default/${name}`;

/**
 * The demo installation's postmortems, written from the incidents in
 * DESIGN.md, linked to the demo catalog (catalog-info.yaml).
 */
export const demoPostmortems: DemoPostmortem[] = [
  {
    ref: 'registration',
    title:
      'Newly activated patients were not registered by the clinical engine',
    incidentDate: '2024-03-27',
    priority: 'P1',
    classification: 'high',
    summary:
      'The query that associates newly activated patients with their protocols grew with the number of active patients until it timed out, so new patients were not registered and their measurements were not evaluated.',
    timeline: [
      {
        at: '2024-03-27T14:00:00+01:00',
        event: 'Alarms on failed registrations',
      },
      {
        at: '2024-03-28T08:30:00+01:00',
        event: 'Cause traced to the association query',
      },
      {
        at: '2024-03-28T17:09:00+01:00',
        event: 'Fix deployed; retries started',
      },
    ],
    leadTimeMinutes: 18 * 60,
    correctionTimeMinutes: 9 * 60,
    resolutionTimeMinutes: 27 * 60 + 9,
    slaMet: false,
    impact: {
      organisationsAffected: 23,
      patientsAffected: 40,
      patientSafetyAssessment:
        'Measurements of 40 new patients went unevaluated for up to a day; 23 retries failed and were redone by hand. No harm reported.',
    },
    cause:
      'An association query whose cost grew with the number of active patients.',
    solution: {
      correction:
        'Rewrote the query with an index and a bounded batch; re-registered the affected patients.',
      correctiveAction:
        'Review long-running queries and watch registration latency.',
    },
    communication: {
      external: 'Affected organisations informed the same day.',
      internal: 'Incident channel; postmortem review on 10 April 2024.',
    },
    entityRefs: [component('clinical-engine'), component('vitals')],
  },
  {
    ref: 'templates',
    title:
      'Message templates deleted together with protocols of the same program',
    incidentDate: '2024-10-22',
    priority: 'P2',
    classification: 'critical',
    summary:
      'Deleting a protocol also deleted the message templates of other protocols in the same program, through a foreign key left over from a data-model migration.',
    timeline: [
      {
        at: '2024-10-22T09:40:00+02:00',
        event: 'Support reports missing messages',
      },
      { at: '2024-10-22T09:55:00+02:00', event: 'Cascade delete identified' },
      {
        at: '2024-10-25T06:55:00+02:00',
        event: 'Templates restored from backup',
      },
    ],
    leadTimeMinutes: 15,
    correctionTimeMinutes: 69 * 60,
    slaMet: false,
    impact: {
      organisationsAffected: 11,
      patientsAffected: 1101,
      patientSafetyAssessment:
        '1101 patients in 30 days received no or generic messages.',
    },
    cause:
      'A cascading foreign key from a migration deleted templates beyond the deleted protocol.',
    solution: {
      correction:
        'Restored templates from the last snapshot; dropped the cascading key.',
      correctiveAction:
        'More frequent snapshots and monitoring where patients are affected.',
    },
    communication: {
      external: 'Organisations called by support.',
      internal: 'Postmortem review.',
    },
    entityRefs: [component('messaging')],
  },
  {
    ref: 'locks',
    title: 'Protocol switches failed on database locks under load',
    incidentDate: '2025-02-11',
    priority: 'P1',
    classification: 'blocker',
    summary:
      'Under load, protocol switches waited on database locks and failed; a daily check and a manual recalculation kept patients covered.',
    timeline: [
      {
        at: '2025-02-11T10:05:00+01:00',
        event: 'Switches start failing with lock errors',
      },
      { at: '2025-02-11T12:05:00+01:00', event: 'Lock contention identified' },
      {
        at: '2025-02-11T13:05:00+01:00',
        event: 'Workaround: switches queued and recalculated',
      },
    ],
    leadTimeMinutes: 120,
    workaroundTimeMinutes: 60,
    resolutionTimeMinutes: 8 * 60,
    slaMet: true,
    impact: {
      patientsAffected: 0,
      patientSafetyAssessment: 'None: the daily check caught every switch.',
    },
    workaround: 'Queue switches and recalculate by hand.',
    cause:
      'Long transactions of the recalculation held locks that switches needed.',
    entityRefs: [component('protocols')],
  },
  {
    ref: 'clock',
    // The report wrote 10-04-2023 without saying which part is the day;
    // read here as 10 April 2023.
    title: 'Clock mismatch backed the patient queue up to 500 waiting patients',
    incidentDate: '2023-04-10',
    priority: 'P2',
    classification: 'high',
    summary:
      'System time and the computers’ time disagreed, so the queue ordered and released patients wrongly for about two hours.',
    timeline: [
      { at: '2023-04-10T10:00', event: 'Queue starts backing up' },
      { at: '2023-04-10T12:00', event: 'Clocks synchronised; queue drains' },
    ],
    resolutionTimeMinutes: 120,
    impact: { patientsAffected: 500 },
    cause: 'Two clocks decided the same thing.',
    entityRefs: [component('patient-queue')],
  },
  {
    ref: 'lost-write',
    title:
      'A concurrent write to a patient record was lost while shown as saved',
    incidentDate: '2025-09-03',
    priority: 'P1',
    classification: 'blocker',
    summary:
      'Three nurses posted patient data at once; a race condition lost one write while the screen said it was saved, and treatment was delayed.',
    impact: {
      patientsAffected: 1,
      patientSafetyAssessment:
        'Treatment was delayed; the patient died. Reported to the authority.',
    },
    cause:
      'Last write wins, without versions, and a UI that confirmed before the server stored.',
    entityRefs: [component('patient-records')],
  },
];

/** CAPA-1 to CAPA-7, in key order. */
export const demoCapas: DemoCapa[] = [
  {
    ref: 'CAPA-1',
    title: 'Detect patient-affecting failures from logs and monitoring',
    problemStatement:
      'Failures that affect patients were found by people, not by monitoring.',
    type: 'both',
    severity: 'high',
    ownerRef: 'group:default/platform-circle',
    dueInDays: 25,
    openedDaysAgo: 120,
    status: 'in_progress',
    postmortems: ['templates'],
  },
  {
    ref: 'CAPA-2',
    title: 'A hotfix mechanism for the clinical engine',
    problemStatement:
      'Fixing the clinical engine took a full release; patients waited on it.',
    type: 'corrective',
    severity: 'high',
    ownerRef: 'user:default/anna.devries',
    dueInDays: -10,
    openedDaysAgo: 200,
    status: 'open',
    postmortems: ['registration'],
  },
  {
    ref: 'CAPA-3',
    title: 'Monitoring and data resilience',
    problemStatement:
      'Slow queries and lost data were noticed late and recovered slowly.',
    type: 'both',
    severity: 'critical',
    ownerRef: 'group:default/quality',
    rootCause:
      'Queries grew with the data unwatched; snapshots were too far apart.',
    dueInDays: 5,
    openedDaysAgo: 230,
    status: 'in_progress',
    postmortems: ['registration', 'templates'],
  },
  {
    ref: 'CAPA-4',
    title: 'Message guidelines shown in the product',
    problemStatement:
      'Editors changed templates without knowing the rules for patient messages.',
    type: 'preventive',
    severity: 'medium',
    ownerRef: 'group:default/support',
    dueInDays: -3,
    openedDaysAgo: 100,
    status: 'implemented',
    postmortems: ['templates'],
  },
  {
    ref: 'CAPA-5',
    title: 'Asynchronous work visible and tested under load',
    problemStatement:
      'Users could not see background work, and load broke it unnoticed.',
    type: 'both',
    severity: 'high',
    ownerRef: 'group:default/platform-circle',
    dueInDays: 45,
    openedDaysAgo: 60,
    status: 'open',
    postmortems: ['locks'],
  },
  {
    ref: 'CAPA-6',
    title: 'One clock for the patient queue',
    problemStatement: 'Two clocks decided the order of the queue.',
    type: 'corrective',
    severity: 'high',
    ownerRef: 'group:default/patient-circle',
    dueInDays: -300,
    openedDaysAgo: 500,
    status: 'closed',
    postmortems: ['clock'],
    effectiveness: {
      method: 'Clock-drift alert history and queue waiting times over 90 days',
      criteria: 'No drift over 1 s and no queue backlog caused by time',
      notes: 'No drift alert in 90 days; waiting times normal.',
    },
  },
  {
    ref: 'CAPA-7',
    title: 'No lost writes in patient records',
    problemStatement:
      'A concurrent write was lost while the interface said it was saved.',
    type: 'both',
    severity: 'critical',
    ownerRef: 'group:default/patient-circle',
    dueInDays: 20,
    openedDaysAgo: 70,
    status: 'in_progress',
    postmortems: ['lost-write'],
  },
];

/** The improvements of the demo postmortems, as actions under their CAPAs. */
export const demoActions: DemoAction[] = [
  {
    capa: 'CAPA-3',
    postmortem: 'registration',
    title: 'Investigate long running queries',
    ownerRef: 'user:default/bram.jansen',
    dueInDays: -30,
    status: 'done',
  },
  {
    capa: 'CAPA-3',
    postmortem: 'registration',
    title: 'Better monitoring of the clinical engine',
    ownerRef: 'group:default/platform-circle',
    dueInDays: -5,
    status: 'open',
  },
  {
    capa: 'CAPA-2',
    postmortem: 'registration',
    title: 'Build a hotfix mechanism for the clinical engine',
    ownerRef: 'user:default/anna.devries',
    dueInDays: 3,
    status: 'in_progress',
  },
  {
    capa: 'CAPA-1',
    postmortem: 'templates',
    title: 'Better error logging and monitoring where patients are affected',
    ownerRef: 'group:default/support',
    dueInDays: 25,
    status: 'in_progress',
  },
  {
    capa: 'CAPA-4',
    postmortem: 'templates',
    title: 'Show message guidelines in the template editor',
    ownerRef: 'user:default/eva.smit',
    dueInDays: -20,
    status: 'done',
  },
  {
    capa: 'CAPA-3',
    postmortem: 'templates',
    title: 'More frequent backup snapshots',
    ownerRef: 'group:default/platform-circle',
    dueInDays: 12,
    status: 'open',
  },
  {
    capa: 'CAPA-5',
    postmortem: 'locks',
    title: 'Tell users when asynchronous work starts',
    ownerRef: 'group:default/platform-circle',
    dueInDays: 40,
    status: 'open',
  },
  {
    capa: 'CAPA-5',
    postmortem: 'locks',
    title: 'Log the status of asynchronous processes',
    ownerRef: 'user:default/bram.jansen',
    dueInDays: -2,
    status: 'in_progress',
  },
  {
    capa: 'CAPA-5',
    postmortem: 'locks',
    title: 'Keep stress and performance testing',
    ownerRef: 'group:default/quality',
    dueInDays: 60,
    status: 'open',
  },
  {
    capa: 'CAPA-6',
    postmortem: 'clock',
    title: 'Synchronise time on every host',
    ownerRef: 'group:default/patient-circle',
    dueInDays: -420,
    status: 'done',
  },
  {
    capa: 'CAPA-6',
    postmortem: 'clock',
    title: 'Audit clocks quarterly',
    ownerRef: 'group:default/quality',
    dueInDays: -400,
    status: 'done',
  },
  {
    capa: 'CAPA-6',
    postmortem: 'clock',
    title: 'Disaster recovery planning for the queue',
    ownerRef: 'group:default/patient-circle',
    dueInDays: -380,
    status: 'done',
  },
  {
    capa: 'CAPA-6',
    postmortem: 'clock',
    title: 'Training on time-dependent incidents',
    ownerRef: 'group:default/quality',
    dueInDays: -380,
    status: 'not_doing',
    reason: 'Covered by the yearly incident training',
  },
  {
    capa: 'CAPA-7',
    postmortem: 'lost-write',
    title: 'Concurrency handling with record versions',
    ownerRef: 'group:default/patient-circle',
    dueInDays: 14,
    status: 'in_progress',
  },
  {
    capa: 'CAPA-7',
    postmortem: 'lost-write',
    title: 'Log every request to patient records',
    ownerRef: 'user:default/daan.visser',
    dueInDays: -1,
    status: 'open',
  },
  {
    capa: 'CAPA-7',
    postmortem: 'lost-write',
    title: 'Show the true saved state in the interface',
    ownerRef: 'user:default/chloe.bakker',
    dueInDays: 30,
    status: 'open',
  },
  {
    capa: 'CAPA-7',
    postmortem: 'lost-write',
    title: 'Verify before confirming a save',
    ownerRef: 'group:default/patient-circle',
    dueInDays: 7,
    status: 'open',
  },
];
