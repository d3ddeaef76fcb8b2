import { describeOverdueCheck } from './OverdueCheckStatus';

describe('describeOverdueCheck', () => {
  const now = '2026-11-22T10:03:00.000Z';

  it('tells when it ran and what it did, on the server clock', () => {
    expect(
      describeOverdueCheck({
        now,
        lastRun: {
          startedAt: '2026-11-22T09:59:58.000Z',
          finishedAt: '2026-11-22T10:00:00.000Z',
          examined: 14,
          notified: 2,
        },
      }),
    ).toBe(
      'The overdue check ran 3 minutes ago: 14 due records examined, 2 notifications sent.',
    );
  });

  it('says so when it has not run, is running, or failed', () => {
    expect(describeOverdueCheck({ now })).toBe(
      'The overdue check has not run yet.',
    );
    expect(
      describeOverdueCheck({
        now,
        lastRun: {
          startedAt: '2026-11-22T10:02:00.000Z',
          examined: 0,
          notified: 0,
        },
      }),
    ).toBe('The overdue check is running (started 1 minute ago).');
    expect(
      describeOverdueCheck({
        now,
        lastRun: {
          startedAt: '2026-11-22T08:00:00.000Z',
          finishedAt: '2026-11-22T08:00:01.000Z',
          examined: 3,
          notified: 1,
          error:
            '2 notifications could not be sent; they are retried next run.',
        },
      }),
    ).toMatch(
      /ran 2 hours ago: 3 due records examined, 1 notification sent\. It reported: 2 notifications/,
    );
  });
});
