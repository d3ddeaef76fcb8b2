import { useApi } from '@backstage/core-plugin-api';
import {
  ActionTransition,
  CapaAction,
  CapaRecord,
  CapaTransition,
} from '@internal/backstage-plugin-capa-common';
import { useCallback, useEffect } from 'react';
import { capaApiRef } from '../../api';
import type { MoveInput } from '../MoveDialog';
import { isConflict } from './errors';
import { useSave } from './useSave';

/** A CAPA or an action, as the board and pages move them. */
export type WorkItem =
  | { kind: 'capa'; record: CapaRecord }
  | { kind: 'action'; record: CapaAction };

/** How messages name a work item. */
export function nameOf(item: WorkItem): string {
  return item.kind === 'capa'
    ? `${item.record.key} ${item.record.title}`
    : item.record.title;
}

/**
 * Moves a CAPA or action through its lifecycle with the version it was read
 * at. Resolves with the stored record, or undefined when the server refused;
 * on a conflict (someone moved or changed it first) `onConflict` reloads, so
 * the screen never shows a move that did not happen.
 */
export function useMove(onConflict: () => void) {
  const capaApi = useApi(capaApiRef);
  const { saving, error, save, clearError } = useSave();

  const move = useCallback(
    async (
      item: WorkItem,
      transition: CapaTransition | ActionTransition,
      input: MoveInput = {},
    ) => {
      const stored = await save<CapaRecord | CapaAction>(
        `Saved: ${nameOf(item)}`,
        () =>
          item.kind === 'capa'
            ? capaApi.transitionCapa(item.record.id, {
                version: item.record.version,
                transition: transition as CapaTransition,
                ...input,
              })
            : capaApi.transitionAction(item.record.id, {
                version: item.record.version,
                transition: transition as ActionTransition,
                reason: input.reason,
              }),
      );
      return stored;
    },
    [capaApi, save],
  );

  const conflict = Boolean(error && isConflict(error.cause));
  useEffect(() => {
    // Reload once per refused move; the message stays until the next move.
    if (conflict) {
      onConflict();
    }
  }, [conflict, error, onConflict]);
  return { move, saving, error: error?.message, conflict, clearError };
}
