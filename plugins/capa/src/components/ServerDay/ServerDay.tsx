import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';

/**
 * States the day the server counts as today, and in which zone: due dates are
 * judged by the server's clock, never the browser's.
 */
export function ServerDay() {
  const capaApi = useApi(capaApiRef);
  const { value } = useAsync(() => capaApi.getInstallationInfo(), [capaApi]);
  if (!value) {
    return null;
  }
  return (
    <Typography variant="body2" color="textSecondary" data-testid="server-day">
      Today is {value.today} in {value.timeZone}, by the server's clock.
    </Typography>
  );
}
