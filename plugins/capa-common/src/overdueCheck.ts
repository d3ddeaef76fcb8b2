/**
 * The outcome of the overdue check's last run, as the API serves it.
 *
 * @public
 */
export type OverdueCheckRun = {
  startedAt: string;
  /** Absent while the run is under way. */
  finishedAt?: string;
  /** Open records due soon or overdue that the run looked at. */
  examined: number;
  /** Notifications sent: one per record whose due state changed. */
  notified: number;
  /** Why the run failed, if it did. */
  error?: string;
};

/**
 * `GET /overdue-check`: the last run, if there was one, and the server's
 * current time, so that "ran 3 minutes ago" is counted on the server's clock.
 *
 * @public
 */
export type OverdueCheckStatus = { lastRun?: OverdueCheckRun; now: string };
