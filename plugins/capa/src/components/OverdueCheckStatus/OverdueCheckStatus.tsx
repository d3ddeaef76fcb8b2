import { useApi } from '@backstage/core-plugin-api';
import { OverdueCheckStatus as Status } from '@internal/backstage-plugin-capa-common';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';

/** "ran 3 minutes ago, 2 notifications", counted on the server's clock. */
export function describeOverdueCheck(status: Status): string {
  const run = status.lastRun;
  if (!run) {
    return 'The overdue check has not run yet.';
  }
  const now = DateTime.fromISO(status.now);
  if (!run.finishedAt) {
    return `The overdue check is running (started ${DateTime.fromISO(
      run.startedAt,
    ).toRelative({ base: now })}).`;
  }
  const ago = DateTime.fromISO(run.finishedAt).toRelative({ base: now });
  const notifications = `${run.notified} ${
    run.notified === 1 ? 'notification' : 'notifications'
  }`;
  const outcome = run.error ? ` It reported: ${run.error}` : '';
  return `The overdue check ran ${ago}: ${run.examined} due records examined, ${notifications} sent.${outcome}`;
}

/**
 * Makes the background overdue check visible: when it last ran and what it
 * did, or why it failed.
 *
 * @public
 */
export function OverdueCheckStatus() {
  const capaApi = useApi(capaApiRef);
  const { value, error } = useAsync(
    () => capaApi.getOverdueCheckStatus(),
    [capaApi],
  );
  if (error) {
    return (
      <Typography variant="body2" color="error">
        Could not load the overdue check's status: {error.message}
      </Typography>
    );
  }
  if (!value) {
    return null;
  }
  return (
    <Typography
      variant="body2"
      color={value.lastRun?.error ? 'error' : 'textSecondary'}
      data-testid="overdue-check-status"
    >
      {describeOverdueCheck(value)}
    </Typography>
  );
}
