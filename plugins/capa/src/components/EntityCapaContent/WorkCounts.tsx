import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  count: { padding: theme.spacing(2), textAlign: 'center' },
  number: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
  overdue: { color: theme.palette.error.main },
  dueSoon: { color: theme.palette.warning.dark },
}));

/**
 * The counts on top of the service tab and card, as the server counted
 * them: open, overdue, due soon, closed this quarter.
 *
 * @public
 */
export function WorkCounts(props: { entityRef: string }) {
  const classes = useStyles();
  const capaApi = useApi(capaApiRef);
  const { value, loading, error } = useAsync(
    () => capaApi.getActionSummary({ entityRef: props.entityRef }),
    [capaApi, props.entityRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error || !value) {
    return <ResponseErrorPanel error={error ?? new Error('No counts')} />;
  }
  const counts = [
    { label: 'Open actions', value: value.open, className: '' },
    {
      label: 'Overdue',
      value: value.overdue,
      className: value.overdue > 0 ? classes.overdue : '',
    },
    {
      label: 'Due soon',
      value: value.dueSoon,
      className: value.dueSoon > 0 ? classes.dueSoon : '',
    },
    {
      label: 'Closed this quarter',
      value: value.closedThisQuarter,
      className: '',
    },
  ];
  return (
    <Grid container spacing={2}>
      {counts.map(count => (
        <Grid item xs={6} md={3} key={count.label}>
          <Paper className={classes.count} data-testid={`count-${count.label}`}>
            <Typography className={`${classes.number} ${count.className}`}>
              {count.value}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {count.label}
            </Typography>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
