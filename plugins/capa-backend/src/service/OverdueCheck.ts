import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  dueSoonLastDay,
  OverdueCheckRun,
  OverdueCheckStatus,
} from '@internal/backstage-plugin-capa-common';
import { CapaStore, DueNotice } from '../database/CapaStore';
import { DueDates } from './DueDates';

/** The task's name, in the scheduler and in the stored runs. */
export const OVERDUE_CHECK_TASK = 'capa-overdue-check';

/** What a run did, with the longest write transaction it held. */
export type OverdueCheckResult = OverdueCheckRun & {
  longestTransactionMs: number;
};

type DueState = 'due_soon' | 'overdue';

/**
 * Tells owners once when a CAPA or action they own becomes due soon or
 * overdue, by the server's clock in the configured zone.
 *
 * It reads open records in keyset batches outside any transaction, claims a
 * batch's announcements with one short compare-and-set transaction, then
 * sends the notifications: users' writes never wait on it for long, and a
 * second run, or a second backend running it at the same time, claims and
 * sends nothing again. A notification that fails to send is released, so
 * the next run tries again.
 */
export class OverdueCheck {
  private readonly batchSize: number;

  constructor(
    private readonly deps: {
      store: CapaStore;
      dueDates: DueDates;
      dueSoonDays: number;
      notifications: NotificationService;
      logger: LoggerService;
      batchSize?: number;
    },
  ) {
    this.batchSize = deps.batchSize ?? 200;
  }

  /** The last run, for the board to show. */
  async status(): Promise<OverdueCheckStatus> {
    const lastRun = await this.deps.store.taskRuns.last(OVERDUE_CHECK_TASK);
    return {
      ...(lastRun && { lastRun }),
      now: this.deps.dueDates.now().toISOString(),
    };
  }

  async run(): Promise<OverdueCheckResult> {
    const { store, dueDates } = this.deps;
    const startedAt = dueDates.now();
    await store.taskRuns.start(OVERDUE_CHECK_TASK, startedAt);
    const result: OverdueCheckResult = {
      startedAt: startedAt.toISOString(),
      examined: 0,
      notified: 0,
      longestTransactionMs: 0,
    };
    const failures: string[] = [];
    try {
      const today = dueDates.today();
      const lastDay = dueSoonLastDay(today, this.deps.dueSoonDays);
      for (const kind of ['capa', 'action'] as const) {
        let after: { dueDate: string; id: string } | undefined;
        for (;;) {
          const batch = await store.dueNotices.dueBy(
            kind,
            lastDay,
            after,
            this.batchSize,
          );
          if (batch.length === 0) {
            break;
          }
          result.examined += batch.length;
          const last = batch[batch.length - 1];
          after = { dueDate: last.dueDate, id: last.id };

          for (const state of ['overdue', 'due_soon'] as const) {
            const candidates = batch.filter(
              notice =>
                stateOf(notice, today) === state &&
                notice.notifiedDueState !== state,
            );
            if (candidates.length === 0) {
              continue;
            }
            const started = Date.now();
            const claimed = await store.write(tx =>
              tx.dueNotices.claim(
                kind,
                candidates.map(c => c.id),
                state,
                today,
                lastDay,
              ),
            );
            result.longestTransactionMs = Math.max(
              result.longestTransactionMs,
              Date.now() - started,
            );
            for (const notice of candidates.filter(c =>
              claimed.includes(c.id),
            )) {
              try {
                await this.announce(notice, state);
                result.notified++;
              } catch (error) {
                failures.push(
                  `${notice.kind} ${notice.id}: ${(error as Error).message}`,
                );
                await store.dueNotices.release(
                  kind,
                  notice.id,
                  state,
                  notice.notifiedDueState,
                );
              }
            }
          }
          if (batch.length < this.batchSize) {
            break;
          }
        }
      }
      if (failures.length > 0) {
        result.error = `${failures.length} notifications could not be sent; they are retried next run. First: ${failures[0]}`;
      }
    } catch (error) {
      result.error = (error as Error).message;
      throw error;
    } finally {
      result.finishedAt = dueDates.now().toISOString();
      await store.taskRuns.finish(OVERDUE_CHECK_TASK, result);
      this.deps.logger.info(
        `Overdue check examined ${result.examined} records and sent ${result.notified} notifications` +
          `${result.error ? `; ${result.error}` : ''}`,
      );
    }
    return result;
  }

  private announce(notice: DueNotice, state: DueState): Promise<void> {
    const what =
      notice.kind === 'capa'
        ? notice.capaKey
        : `"${notice.title}" (${notice.capaKey})`;
    const when = state === 'overdue' ? 'is overdue' : 'is due soon';
    return this.deps.notifications.send({
      // A group's members get it through the group.
      recipients: { type: 'entity', entityRef: notice.ownerRef },
      payload: {
        title:
          notice.kind === 'capa' ? `${what} ${when}` : `Action ${what} ${when}`,
        description:
          notice.kind === 'capa'
            ? `${notice.capaKey} "${notice.title}" ${
                state === 'overdue' ? 'was' : 'is'
              } due ${notice.dueDate}.`
            : `Due ${notice.dueDate}, under ${notice.capaKey}.`,
        link: `/capa/capas/${notice.capaId}`,
        severity: state === 'overdue' ? 'high' : 'normal',
        topic: 'CAPA due dates',
        // One notification per record: the next state replaces the last.
        scope: `capa:${notice.kind}:${notice.id}:due`,
      },
    });
  }
}

function stateOf(notice: DueNotice, today: string): DueState {
  return today > notice.dueDate ? 'overdue' : 'due_soon';
}
