import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ActionStatus,
  ActionTransition,
  CapaStatus,
  CapaTransition,
  statusLabels,
} from '@internal/backstage-plugin-capa-common';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { capaApiRef, WorkListRequest } from '../../api';
import { WorkItem } from '../shared';
import { WorkCard } from './WorkCard';

const PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  column: {
    minWidth: 225,
    flex: '1 1 0',
    padding: theme.spacing(1.5),
    backgroundColor: theme.palette.background.default,
  },
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    marginBottom: theme.spacing(1),
  },
  empty: { color: theme.palette.text.secondary, padding: theme.spacing(2, 0) },
}));

/**
 * One status of the board: its CAPAs or actions, overdue first, a page at a
 * time. It reloads from the server whenever `reloadKey` changes.
 */
export function BoardColumn(props: {
  kind: 'capa' | 'action';
  status: CapaStatus | ActionStatus;
  filter: WorkListRequest;
  reloadKey: number;
  moving: boolean;
  onMove: (
    item: WorkItem,
    transition: CapaTransition | ActionTransition,
  ) => void;
}) {
  const { kind, status, reloadKey } = props;
  const classes = useStyles();
  const capaApi = useApi(capaApiRef);
  const [items, setItems] = useState<WorkItem[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const filterKey = JSON.stringify(props.filter);

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const request = {
          ...(JSON.parse(filterKey) as WorkListRequest),
          status,
          limit: PAGE_SIZE,
          cursor: after,
        };
        const page =
          kind === 'capa'
            ? await capaApi.listCapas(request).then(p => ({
                ...p,
                items: p.items.map(record => ({
                  kind: 'capa' as const,
                  record,
                })),
              }))
            : await capaApi.listActions(request).then(p => ({
                ...p,
                items: p.items.map(record => ({
                  kind: 'action' as const,
                  record,
                })),
              }));
        setItems(current => (after ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [capaApi, kind, status, filterKey],
  );

  useEffect(() => {
    load();
  }, [load, reloadKey]);

  return (
    <Paper
      className={classes.column}
      variant="outlined"
      data-testid={`column-${status}`}
    >
      <div className={classes.heading}>
        <Typography variant="h6">{statusLabels[status]}</Typography>
        <Typography variant="body2" color="textSecondary">
          {items.length}
          {cursor ? '+' : ''}
        </Typography>
      </div>
      {error && <ResponseErrorPanel error={error} />}
      {loading && items.length === 0 && <Progress />}
      {!loading && !error && items.length === 0 && (
        <Typography className={classes.empty}>Nothing here.</Typography>
      )}
      {items.map(item => (
        <WorkCard
          key={item.record.id}
          item={item}
          disabled={props.moving}
          onMove={props.onMove}
        />
      ))}
      {cursor && (
        <Button
          fullWidth
          size="small"
          onClick={() => load(cursor)}
          disabled={loading}
        >
          {loading ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </Paper>
  );
}
