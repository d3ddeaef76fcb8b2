import {
  CapaAction,
  CapaRecord,
  Postmortem,
  QuarterlyReview,
} from '@internal/backstage-plugin-capa-common';

/** A published postmortem of the clinical engine. */
export const postmortemFixture: Postmortem = {
  id: '9b0c7a52-8a0e-4d43-9a5c-0d1f1b1f1a01',
  title: 'Newly activated patients were not registered',
  incidentDate: '2024-03-27',
  priority: 'P1',
  classification: 'high',
  status: 'published',
  summary:
    'An association query grew with the number of active patients until it timed out.',
  timeline: [
    {
      at: '2024-03-27T14:00:00+01:00',
      event: 'Alarms on failed registrations',
    },
    { at: '2024-03-28T17:09:00+01:00', event: 'Fix deployed' },
  ],
  leadTimeMinutes: 1080,
  correctionTimeMinutes: 540,
  slaMet: false,
  impact: { organisationsAffected: 23, patientsAffected: 40 },
  solution: { correction: 'Rewrote the query' },
  communication: {},
  entityRefs: ['component:default/clinical-engine', 'component:default/vitals'],
  createdBy: 'user:default/fleur.mulder',
  createdAt: '2024-04-10T08:00:00.000Z',
  updatedAt: '2024-04-10T08:00:00.000Z',
  version: 1,
};

/** CAPA-3, in progress and due soon. */
export const capaFixture: CapaRecord = {
  id: '7f6d0c0e-3f43-4f0e-9f55-2d6a7c1e0003',
  key: 'CAPA-3',
  title: 'Monitoring and data resilience',
  problemStatement: 'Slow queries and lost data were noticed late.',
  type: 'both',
  ownerRef: 'group:default/quality',
  dueDate: '2026-11-27',
  status: 'in_progress',
  severity: 'critical',
  postmortemIds: [postmortemFixture.id],
  entityRefs: [],
  dueState: 'due_soon',
  openedOn: '2026-04-06',
  createdBy: 'user:default/fleur.mulder',
  createdAt: '2026-04-06T08:00:00.000Z',
  updatedAt: '2026-04-06T08:00:00.000Z',
  version: 2,
};

/** An overdue action under CAPA-3. */
export const actionFixture: CapaAction = {
  id: '5a1d2f9e-7c3b-4e2a-8d61-0b9f4c2e0001',
  capaId: capaFixture.id,
  capaKey: 'CAPA-3',
  postmortemId: postmortemFixture.id,
  title: 'Better monitoring of the clinical engine',
  entityRefs: ['component:default/clinical-engine'],
  ownerRef: 'group:default/platform-circle',
  dueDate: '2026-11-17',
  status: 'open',
  dueState: 'overdue',
  openedOn: '2026-09-18',
  createdBy: 'user:default/fleur.mulder',
  createdAt: '2026-09-18T08:00:00.000Z',
  updatedAt: '2026-09-18T08:00:00.000Z',
  version: 1,
};

/** A quarterly review with a little of everything. */
export const reviewFixture: QuarterlyReview = {
  quarter: '2024-Q1',
  first: '2024-01-01',
  last: '2024-03-31',
  postmortems: {
    total: 2,
    byPriority: [
      { key: 'P1', count: 1 },
      { key: 'P2', count: 1 },
    ],
    byClassification: [
      { key: 'blocker', count: 1 },
      { key: 'high', count: 1 },
    ],
    organisationsAffected: 23,
    patientsAffected: 41,
    medianLeadTimeMinutes: 600,
    medianCorrectionTimeMinutes: 300,
  },
  capas: {
    opened: 3,
    closed: 1,
    closedOnTime: 1,
    cancelled: 0,
    openAtQuarterEnd: 4,
    overdueAtQuarterEnd: 1,
    ageing: [
      { key: '0-30', count: 1 },
      { key: '31-90', count: 2 },
      { key: '91-180', count: 1 },
      { key: '181+', count: 0 },
    ],
  },
  actions: {
    opened: 9,
    closed: 4,
    closedOnTime: 3,
    cancelled: 1,
    openAtQuarterEnd: 7,
    overdueAtQuarterEnd: 2,
    ageing: [
      { key: '0-30', count: 3 },
      { key: '31-90', count: 2 },
      { key: '91-180', count: 1 },
      { key: '181+', count: 1 },
    ],
  },
  recurringCapas: [
    {
      capaId: capaFixture.id,
      key: 'CAPA-3',
      title: capaFixture.title,
      ownerRef: 'group:default/quality',
      postmortemCount: 2,
    },
  ],
  overdueCapas: [
    {
      capaId: '7f6d0c0e-3f43-4f0e-9f55-2d6a7c1e0002',
      key: 'CAPA-2',
      title: 'A hotfix mechanism for the clinical engine',
      ownerRef: 'user:default/anna.devries',
      dueDate: '2024-03-01',
      daysOverdue: 30,
    },
  ],
  byEntity: {
    rows: [
      {
        entityRef: 'component:default/clinical-engine',
        postmortems: 1,
        patientsAffected: 40,
        actionsOpened: 3,
        actionsClosed: 1,
        actionsOverdueAtQuarterEnd: 1,
      },
    ],
    truncated: false,
  },
  byOwner: {
    rows: [
      {
        ownerRef: 'group:default/platform-circle',
        capasOpened: 1,
        capasClosed: 0,
        actionsOpened: 4,
        actionsClosed: 2,
        actionsClosedOnTime: 2,
        overdueAtQuarterEnd: 1,
      },
    ],
    truncated: false,
  },
};
