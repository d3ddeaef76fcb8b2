import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createPostmortemRequestSchema,
  isFinished,
} from '@internal/backstage-plugin-capa-common';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { CapaStore } from '../database/CapaStore';
import { DueDates } from '../service/DueDates';
import { createdFields } from '../service/history';
import { demoActions, demoCapas, demoPostmortems } from './demoData';

/** Marks the demo data in `capa_installation`; bump it when the set changes. */
export const DEMO_DATA_MARKER = 'demo-data:v2';

const DEMO_AUTHOR = 'user:default/fleur.mulder';

/**
 * Loads the demo installation once: the postmortems, CAPA-1 to CAPA-7 and
 * their actions, due relative to the day of loading so that some are done,
 * some open, some due soon and some overdue. Safe when several replicas
 * start together: it runs in one transaction with its marker.
 */
export async function loadDemoData(deps: {
  store: CapaStore;
  dueDates: DueDates;
  logger: LoggerService;
}): Promise<void> {
  const today = DateTime.fromISO(deps.dueDates.today(), { zone: 'UTC' });
  const day = (offset: number) => today.plus({ days: offset }).toISODate()!;
  const now = deps.dueDates.now();
  const at = now.toISOString();

  const loaded = await deps.store.once(DEMO_DATA_MARKER, async tx => {
    const postmortemIds = new Map<string, string>();
    for (const { ref, ...input } of demoPostmortems) {
      // The demo goes through the same schema as a client's request.
      const { improvements: _none, ...postmortem } =
        createPostmortemRequestSchema.parse(input);
      const id = randomUUID();
      postmortemIds.set(ref, id);
      await tx.postmortems.insert({
        ...postmortem,
        id,
        status: 'published',
        createdBy: DEMO_AUTHOR,
        createdAt: now,
      });
      await tx.history.append([
        {
          recordType: 'postmortem',
          recordId: id,
          event: 'created',
          actor: DEMO_AUTHOR,
          at,
          changes: createdFields(postmortem),
        },
      ]);
    }

    const capaIds = new Map<string, string>();
    for (const capa of demoCapas) {
      const id = randomUUID();
      capaIds.set(capa.ref, id);
      const { seq, key } = await tx.capas.nextKey();
      const fields = {
        title: capa.title,
        problemStatement: capa.problemStatement,
        type: capa.type,
        severity: capa.severity,
        ownerRef: capa.ownerRef,
        rootCause: capa.rootCause,
        dueDate: day(capa.dueInDays),
        postmortemIds: capa.postmortems.map(ref => postmortemIds.get(ref)!),
        entityRefs: [],
      };
      await tx.capas.insert({
        ...fields,
        id,
        seq,
        key,
        status: 'open',
        openedOn: day(-capa.openedDaysAgo),
        createdBy: DEMO_AUTHOR,
        createdAt: at,
      });
      if (capa.status !== 'open') {
        await tx.capas.update(
          id,
          1,
          {
            status: capa.status,
            finishedOn: isFinished(capa.status)
              ? day(capa.dueInDays - 5)
              : null,
            effectivenessCheck: capa.effectiveness && {
              ...capa.effectiveness,
              result: 'effective',
              verifiedBy: DEMO_AUTHOR,
              verifiedAt: at,
            },
          },
          now,
        );
      }
      await tx.history.append([
        {
          recordType: 'capa',
          recordId: id,
          event: 'created',
          actor: DEMO_AUTHOR,
          at,
          changes: createdFields({ key, status: capa.status, ...fields }),
        },
      ]);
    }

    for (const action of demoActions) {
      const id = randomUUID();
      const postmortemId = postmortemIds.get(action.postmortem)!;
      const fields = {
        capaId: capaIds.get(action.capa)!,
        postmortemId,
        title: action.title,
        ownerRef: action.ownerRef,
        dueDate: day(action.dueInDays),
        entityRefs: [
          ...demoPostmortems.find(p => p.ref === action.postmortem)!.entityRefs,
        ].sort(),
      };
      await tx.actions.insert({
        ...fields,
        id,
        status: 'open',
        openedOn: day(Math.min(-30, action.dueInDays - 60)),
        createdBy: DEMO_AUTHOR,
        createdAt: at,
      });
      if (action.status !== 'open') {
        await tx.actions.update(
          id,
          1,
          {
            status: action.status,
            statusReason: action.reason ?? null,
            finishedOn: isFinished(action.status)
              ? day(action.dueInDays - 2)
              : null,
          },
          now,
        );
      }
      await tx.history.append([
        {
          recordType: 'action',
          recordId: id,
          event: 'created',
          actor: DEMO_AUTHOR,
          at,
          changes: createdFields({
            capaKey: action.capa,
            status: action.status,
            ...fields,
          }),
        },
      ]);
    }
  });

  deps.logger.info(
    loaded
      ? `Loaded the demo data: ${demoPostmortems.length} postmortems, ${demoCapas.length} CAPAs, ${demoActions.length} actions`
      : 'Demo data was loaded before; left as it is',
  );
}
