import { CreatePostmortemRequest } from '@internal/backstage-plugin-capa-common';

/**
 * The demo installation's postmortems, written from the incidents in
 * DESIGN.md. They name entities of the demo catalog (catalog-info.yaml).
 */
export const demoPostmortems: CreatePostmortemRequest[] = [
  {
    title:
      'Newly activated patients were not registered by the clinical engine',
    incidentDate: '2024-03-27',
    priority: 'P1',
    classification: 'high',
    entityRefs: [
      'component:default/clinical-engine',
      'component:default/vitals',
    ],
  },
  {
    title:
      'Message templates deleted together with protocols of the same program',
    incidentDate: '2024-10-22',
    priority: 'P2',
    classification: 'critical',
    entityRefs: ['component:default/messaging'],
  },
  {
    title: 'Protocol switches failed on database locks under load',
    incidentDate: '2025-02-11',
    priority: 'P1',
    classification: 'blocker',
    entityRefs: ['component:default/protocols'],
  },
  {
    // The source report wrote 10-04-2023 without saying which part is the
    // day; read here as 10 April 2023.
    title: 'Clock mismatch backed the patient queue up to 500 waiting patients',
    incidentDate: '2023-04-10',
    priority: 'P2',
    classification: 'high',
    entityRefs: ['component:default/patient-queue'],
  },
  {
    title:
      'A concurrent write to a patient record was lost while shown as saved',
    incidentDate: '2025-09-03',
    priority: 'P1',
    classification: 'blocker',
    entityRefs: ['component:default/patient-records'],
  },
];
