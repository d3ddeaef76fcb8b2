import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'crypto';
import { CapaStore } from '../database/CapaStore';
import { Clock } from '../service/Clock';
import { demoPostmortems } from './demoPostmortems';

/** Marks the demo data in `capa_installation`; bump it when the set changes. */
export const DEMO_DATA_MARKER = 'demo-data:v1';

/**
 * Loads the demo postmortems once per installation. Safe when several
 * replicas start together: the store writes the marker and the data in one
 * transaction.
 */
export async function loadDemoData(deps: {
  store: CapaStore;
  clock: Clock;
  logger: LoggerService;
}): Promise<void> {
  const createdAt = deps.clock.now();
  const loaded = await deps.store.createPostmortemsOnce(
    DEMO_DATA_MARKER,
    demoPostmortems.map(postmortem => ({
      ...postmortem,
      id: randomUUID(),
      status: 'published',
      createdBy: 'user:default/fleur.mulder',
      createdAt,
    })),
  );
  deps.logger.info(
    loaded
      ? `Loaded ${demoPostmortems.length} demo postmortems`
      : 'Demo data was loaded before; left as it is',
  );
}
