import { Knex } from 'knex';
import { DatabaseCapaStore } from '../../plugins/capa-backend/src/database/DatabaseCapaStore';
import { systemClock } from '../../plugins/capa-backend/src/service/Clock';
import { DueDates } from '../../plugins/capa-backend/src/service/DueDates';
import { OverdueCheck } from '../../plugins/capa-backend/src/service/OverdueCheck';

/** The overdue check over the benchmark's data, with a notification service that only counts. */
export async function runOverdueCheck(knex: Knex) {
  const store = await DatabaseCapaStore.create({
    database: { getClient: async () => knex },
  });
  let sent = 0;
  const check = new OverdueCheck({
    store,
    dueDates: new DueDates(
      { timeZone: 'Europe/Amsterdam', dueSoonDays: 7 },
      systemClock,
    ),
    dueSoonDays: 7,
    notifications: {
      send: async () => {
        sent++;
      },
    },
    logger: {
      info: () => {},
      warn: () => {},
      error: () => {},
      debug: () => {},
      child: () => ({}),
    } as never,
  });
  const started = Date.now();
  const result = await check.run();
  return {
    examined: result.examined,
    notified: sent,
    wallMs: Date.now() - started,
    longestTransactionMs: result.longestTransactionMs,
  };
}
