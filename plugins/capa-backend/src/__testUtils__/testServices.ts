import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { DatabaseCapaStore } from '../database/DatabaseCapaStore';
import { AccessControl } from '../service/AccessControl';
import { ActionService } from '../service/ActionService';
import { CapaService } from '../service/CapaService';
import { CatalogLookup } from '../service/CatalogLookup';
import { Clock } from '../service/Clock';
import { DueDates } from '../service/DueDates';
import { PostmortemService } from '../service/PostmortemService';
import { ServiceContext } from '../service/ServiceContext';

/** Catalog entities of the tests: the demo services, teams and people. */
export const testEntities: Entity[] = [
  ...[
    'clinical-engine',
    'vitals',
    'messaging',
    'protocols',
    'patient-queue',
  ].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/platform-circle',
      system: 'care-platform',
    },
    relations: [{ type: 'partOf', targetRef: 'system:default/care-platform' }],
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'care-platform', namespace: 'default' },
    spec: { owner: 'group:default/platform-circle' },
    relations: ['clinical-engine', 'vitals'].map(name => ({
      type: 'hasPart',
      targetRef: `component:default/${name}`,
    })),
  },
  ...['platform-circle', 'quality', 'support'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [
      { type: 'hasMember', targetRef: 'user:default/anna.devries' },
    ].filter(() => name === 'platform-circle'),
  })),
  ...['anna.devries', 'eva.smit', 'fleur.mulder', 'guest'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
  })),
];

/** A clock that stands still at a given instant until moved. */
export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now() {
    return this.instant;
  }
  set(instant: Date) {
    this.instant = instant;
  }
}

/** The services on a real store over `knex`, with mocked catalog and permissions. */
export async function createTestServices(
  knex: Knex,
  options: { clock?: Clock; permissions?: ServiceContext['access'] } = {},
) {
  const store = await DatabaseCapaStore.create({
    database: { getClient: async () => knex },
  });
  const ctx: ServiceContext = {
    store,
    catalog: new CatalogLookup(catalogServiceMock({ entities: testEntities })),
    access:
      options.permissions ??
      new AccessControl({
        permissions: mockServices.permissions(),
        applyConditions: () => false,
      }),
    dueDates: new DueDates(
      { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
      options.clock ?? new FixedClock(new Date('2026-11-22T10:00:00Z')),
    ),
    userInfo: mockServices.userInfo(),
    closeRequiresActionsFinished: true,
  };
  const actions = new ActionService(ctx);
  return {
    store,
    ctx,
    actions,
    capas: new CapaService(ctx),
    postmortems: new PostmortemService(ctx, actions),
  };
}
