import {
  ActionStatus,
  capaLabels,
  CapaStatus,
  DueState,
  statusLabels,
} from '@internal/backstage-plugin-capa-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
    fontWeight: 600,
  },
  due_soon: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  on_track: {
    backgroundColor: theme.palette.success.light,
    color: theme.palette.success.contrastText,
  },
  done: {},
}));

/**
 * A record's due state as the server decided it: overdue plainly flagged.
 *
 * @public
 */
export function DueStateChip(props: { state: DueState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={capaLabels.dueState[props.state]}
      className={classes[props.state]}
      data-due-state={props.state}
    />
  );
}

/**
 * A CAPA's or action's status.
 *
 * @public
 */
export function StatusChip(props: { status: CapaStatus | ActionStatus }) {
  return (
    <Chip size="small" variant="outlined" label={statusLabels[props.status]} />
  );
}
