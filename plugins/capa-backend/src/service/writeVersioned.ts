import {
  FieldChange,
  HistoryRecordType,
} from '@internal/backstage-plugin-capa-common';
import { CapaStore, CapaTables } from '../database/CapaStore';
import { staleVersionError } from './errors';

/** One change of a record: what to write, and what its history entry says. */
export type RecordChange<Patch> = {
  patch: Patch;
  changes: Record<string, FieldChange>;
  event: 'updated' | 'transition';
  reason?: string;
};

/**
 * The one way a record changes: inside a write transaction, against the
 * version the caller read, compare-and-set in SQL, with its history entry in
 * the same transaction. A stale version is a 409 and nothing is written; a
 * change that changes nothing writes nothing, not even history.
 */
export async function writeVersioned<Record extends { version: number }, Patch>(
  store: CapaStore,
  options: {
    recordType: HistoryRecordType;
    id: string;
    /** The version the caller read. */
    version: number;
    actor: string;
    now: Date;
    /** Loads the record inside the transaction (NotFoundError if missing). */
    load: (tx: CapaTables) => Promise<Record>;
    /** How messages name the record, such as `CAPA-3`. */
    name: (record: Record) => string;
    /** The rules: what to change, or an error when the change is not allowed. */
    decide: (
      before: Record,
      tx: CapaTables,
    ) => Promise<RecordChange<Patch>> | RecordChange<Patch>;
    /** The compare-and-set write of the patch on `version`; false when stale. */
    apply: (tx: CapaTables, patch: Patch) => Promise<boolean>;
  },
): Promise<Record> {
  const { id, version } = options;
  return store.write(async tx => {
    const before = await options.load(tx);
    if (before.version !== version) {
      throw staleVersionError(options.name(before), version, before.version);
    }
    const change = await options.decide(before, tx);
    if (Object.keys(change.changes).length === 0) {
      return before;
    }
    if (!(await options.apply(tx, change.patch))) {
      throw staleVersionError(
        options.name(before),
        version,
        (await options.load(tx)).version,
      );
    }
    await tx.history.append([
      {
        recordType: options.recordType,
        recordId: id,
        event: change.event,
        actor: options.actor,
        at: options.now.toISOString(),
        changes: change.changes,
        reason: change.reason,
      },
    ]);
    return options.load(tx);
  });
}
