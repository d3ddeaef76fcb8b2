import {
  ActionStatus,
  CalendarDate,
  calendarDateInZone,
  CapaStatus,
  DueState,
  dueSoonLastDay,
  dueStateOf,
  Page,
} from '@internal/backstage-plugin-capa-common';
import { CapaConfig } from '../config';
import { WorkFilter } from '../database/CapaStore';
import { Clock } from './Clock';

/**
 * Today and due states, decided in one place: the server's clock, the
 * configured zone and due-soon window. Nothing a client sends changes them.
 */
export class DueDates {
  constructor(
    private readonly config: Pick<CapaConfig, 'timeZone' | 'dueSoonDays'>,
    private readonly clock: Clock,
  ) {}

  /** Today in the configured zone. */
  today(): CalendarDate {
    return calendarDateInZone(this.clock.now(), this.config.timeZone);
  }

  /** The server's current instant, for timestamps. */
  now(): Date {
    return this.clock.now();
  }

  /** Adds the due state, as of today, to a stored CAPA or action. */
  withDueState<
    T extends { dueDate: CalendarDate; status: CapaStatus | ActionStatus },
  >(record: T, today: CalendarDate = this.today()): T & { dueState: DueState } {
    return {
      ...record,
      dueState: dueStateOf(record, today, this.config.dueSoonDays),
    };
  }

  /** Adds due states, all as of one today, to a page of CAPAs or actions. */
  withDueStates<
    T extends { dueDate: CalendarDate; status: CapaStatus | ActionStatus },
  >(page: Page<T>): Page<T & { dueState: DueState }> {
    const today = this.today();
    return {
      ...page,
      items: page.items.map(record => this.withDueState(record, today)),
    };
  }

  /** The store filter for a due state, with today decided here. */
  filterFor(state: 'overdue' | 'due_soon'): NonNullable<WorkFilter['due']> {
    const today = this.today();
    return {
      state,
      today,
      dueSoonLastDay: dueSoonLastDay(today, this.config.dueSoonDays),
    };
  }
}
