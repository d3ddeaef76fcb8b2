import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ACTION_TRANSITIONS,
  ActionTransition,
  CAPA_TRANSITIONS,
  capaClosePermission,
  CapaTransition,
  capaTransitionPermission,
  legalActionTransitions,
  legalCapaTransitions,
} from '@internal/backstage-plugin-capa-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { capaRouteRef } from '../../routes';
import { DueStateChip, WorkItem } from '../shared';

const useStyles = makeStyles(theme => ({
  card: { marginBottom: theme.spacing(1.5) },
  overdue: { borderLeft: `4px solid ${theme.palette.error.main}` },
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: { fontWeight: 500, margin: theme.spacing(0.5, 0) },
  meta: { color: theme.palette.text.secondary },
  actions: { flexWrap: 'wrap', gap: theme.spacing(0.5), paddingTop: 0 },
}));

/** The moves this card offers, in lifecycle order: reopen and cancel last. */
function movesOf(item: WorkItem): Array<CapaTransition | ActionTransition> {
  return item.kind === 'capa'
    ? legalCapaTransitions(item.record.status)
    : legalActionTransitions(item.record.status);
}

function labelOf(
  item: WorkItem,
  transition: CapaTransition | ActionTransition,
): string {
  return item.kind === 'capa'
    ? CAPA_TRANSITIONS[transition as CapaTransition].label
    : ACTION_TRANSITIONS[transition as ActionTransition].label;
}

/**
 * A CAPA or action on the board: key, title, owner, due date and due state,
 * and the moves its lifecycle allows from where it is, if the caller may
 * make them.
 */
export function WorkCard(props: {
  item: WorkItem;
  disabled: boolean;
  onMove: (
    item: WorkItem,
    transition: CapaTransition | ActionTransition,
  ) => void;
}) {
  const { item } = props;
  const classes = useStyles();
  const capaLink = useRouteRef(capaRouteRef);
  const resourceRef = `${item.kind}:${item.record.id}`;
  const canMove = usePermission({
    permission: capaTransitionPermission,
    resourceRef,
  });
  const canClose = usePermission({
    permission: capaClosePermission,
    resourceRef,
  });
  const moves = movesOf(item).filter(t =>
    t === 'close' ? canClose.allowed : canMove.allowed,
  );
  const key = item.kind === 'capa' ? item.record.key : item.record.capaKey;
  const capaId = item.kind === 'capa' ? item.record.id : item.record.capaId;

  return (
    <Card
      className={`${classes.card} ${
        item.record.dueState === 'overdue' ? classes.overdue : ''
      }`}
      variant="outlined"
      data-testid={`work-card-${item.record.id}`}
    >
      <CardContent>
        <div className={classes.header}>
          <Link to={capaLink({ id: capaId })}>{key}</Link>
          <DueStateChip state={item.record.dueState} />
        </div>
        <Typography className={classes.title}>{item.record.title}</Typography>
        <Typography variant="body2" className={classes.meta}>
          <EntityRefLink entityRef={item.record.ownerRef} /> · due{' '}
          {item.record.dueDate}
        </Typography>
      </CardContent>
      {moves.length > 0 && (
        <CardActions className={classes.actions}>
          {moves.map(transition => (
            <Button
              key={transition}
              size="small"
              color={
                transition === 'cancel' || transition === 'notDoing'
                  ? 'default'
                  : 'primary'
              }
              disabled={props.disabled}
              onClick={() => props.onMove(item, transition)}
            >
              {labelOf(item, transition)}
            </Button>
          ))}
        </CardActions>
      )}
    </Card>
  );
}
