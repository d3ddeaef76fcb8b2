import {
  Content,
  ContentHeader,
  Header,
  LinkButton,
  Page,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  ACTION_STATUSES,
  ActionTransition,
  CAPA_STATUSES,
  CapaTransition,
  normalizeEntityRef,
} from '@internal/backstage-plugin-capa-common';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef, WorkListRequest } from '../../api';
import { newPostmortemRouteRef, postmortemsRouteRef } from '../../routes';
import { MoveDialog, MoveInput, needsDialog } from '../MoveDialog';
import { OverdueCheckStatus } from '../OverdueCheckStatus';
import { ServerDay } from '../ServerDay';
import { nameOf, useMove, WorkItem } from '../shared';
import { BoardColumn } from './BoardColumn';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
  },
  field: { minWidth: 200 },
  columns: {
    display: 'flex',
    gap: theme.spacing(2),
    overflowX: 'auto',
    paddingBottom: theme.spacing(2),
  },
}));

/** The owner filter the board asks the server for. */
function ownerFilter(
  mode: 'mine' | 'all' | 'ref',
  ref: string,
): string | undefined {
  if (mode === 'mine') {
    return 'mine';
  }
  return mode === 'ref' ? refOrUndefined(ref) : undefined;
}

/** Refs typed into a filter: full refs, or nothing while incomplete. */
function refOrUndefined(value: string): string | undefined {
  try {
    return value.trim() ? normalizeEntityRef(value.trim()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The CAPA owner board: what each owner must do, by status, overdue first,
 * moved forward in place. The owner filter starts at "mine": the signed-in
 * user and their groups.
 *
 * @public
 */
export function CapaBoardPage() {
  const classes = useStyles();
  const capaApi = useApi(capaApiRef);
  const postmortemsLink = useRouteRef(postmortemsRouteRef);
  const newPostmortemLink = useRouteRef(newPostmortemRouteRef);
  const [kind, setKind] = useState<'action' | 'capa'>('action');
  const [ownerMode, setOwnerMode] = useState<'mine' | 'all' | 'ref'>('mine');
  const [ownerRef, setOwnerRef] = useState('');
  const [entityRef, setEntityRef] = useState('');
  const [capaId, setCapaId] = useState('');
  const [dueState, setDueState] = useState<'' | 'overdue' | 'due_soon'>('');
  const [reloadKey, setReloadKey] = useState(0);
  const [pending, setPending] = useState<{
    item: WorkItem;
    transition: CapaTransition | ActionTransition;
  }>();
  const reload = useCallback(() => setReloadKey(k => k + 1), []);
  const { move, saving, error, conflict, clearError } = useMove(reload);
  const capas = useAsync(() => capaApi.listCapas({ limit: 100 }), [capaApi]);

  const filter = useMemo<WorkListRequest>(
    () => ({
      owner: ownerFilter(ownerMode, ownerRef),
      entityRef: refOrUndefined(entityRef),
      capaId: kind === 'action' && capaId ? capaId : undefined,
      dueState: dueState || undefined,
    }),
    [ownerMode, ownerRef, entityRef, capaId, dueState, kind],
  );

  const onMove = async (
    item: WorkItem,
    transition: CapaTransition | ActionTransition,
  ) => {
    clearError();
    if (needsDialog(item.kind, transition)) {
      setPending({ item, transition });
      return;
    }
    if (await move(item, transition)) {
      reload();
    }
  };

  const onConfirm = async (input: MoveInput) => {
    if (!pending) return;
    if (await move(pending.item, pending.transition, input)) {
      setPending(undefined);
      reload();
    }
  };

  const statuses = kind === 'capa' ? CAPA_STATUSES : ACTION_STATUSES;

  return (
    <Page themeId="tool">
      <Header
        title="CAPA board"
        subtitle="What each owner must do, overdue first"
      />
      <Content>
        <ContentHeader title="">
          <LinkButton
            to={postmortemsLink()}
            variant="outlined"
            style={{ marginRight: 8 }}
          >
            Postmortems
          </LinkButton>
          <LinkButton
            to={newPostmortemLink()}
            variant="contained"
            color="primary"
          >
            New postmortem
          </LinkButton>
        </ContentHeader>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <ServerDay />
            <OverdueCheckStatus />
          </Grid>
          <Grid item xs={12} className={classes.filters}>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={kind}
              onChange={(_, value) => value && setKind(value)}
              aria-label="Show"
            >
              <ToggleButton value="action">Actions</ToggleButton>
              <ToggleButton value="capa">CAPAs</ToggleButton>
            </ToggleButtonGroup>
            <FormControl
              variant="outlined"
              size="small"
              className={classes.field}
            >
              <InputLabel id="board-owner">Owner</InputLabel>
              <Select
                labelId="board-owner"
                label="Owner"
                value={ownerMode}
                onChange={e => setOwnerMode(e.target.value as typeof ownerMode)}
              >
                <MenuItem value="mine">Mine (me and my groups)</MenuItem>
                <MenuItem value="all">Everyone</MenuItem>
                <MenuItem value="ref">A user or group…</MenuItem>
              </Select>
            </FormControl>
            {ownerMode === 'ref' && (
              <TextField
                size="small"
                variant="outlined"
                label="Owner ref"
                placeholder="group:default/platform-circle"
                value={ownerRef}
                onChange={e => setOwnerRef(e.target.value)}
                className={classes.field}
              />
            )}
            <TextField
              size="small"
              variant="outlined"
              label="Service or system"
              placeholder="component:default/vitals"
              value={entityRef}
              onChange={e => setEntityRef(e.target.value)}
              className={classes.field}
            />
            {kind === 'action' && (
              <FormControl
                variant="outlined"
                size="small"
                className={classes.field}
              >
                <InputLabel id="board-capa">CAPA</InputLabel>
                <Select
                  labelId="board-capa"
                  label="CAPA"
                  value={capaId}
                  onChange={e => setCapaId(e.target.value as string)}
                >
                  <MenuItem value="">Any CAPA</MenuItem>
                  {(capas.value?.items ?? []).map(capa => (
                    <MenuItem key={capa.id} value={capa.id}>
                      {capa.key} — {capa.title}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
            )}
            <FormControl
              variant="outlined"
              size="small"
              className={classes.field}
            >
              <InputLabel id="board-due">Due</InputLabel>
              <Select
                labelId="board-due"
                label="Due"
                value={dueState}
                onChange={e => setDueState(e.target.value as typeof dueState)}
              >
                <MenuItem value="">Any</MenuItem>
                <MenuItem value="overdue">Overdue</MenuItem>
                <MenuItem value="due_soon">Due soon</MenuItem>
              </Select>
            </FormControl>
          </Grid>
          {error && !pending && (
            <Grid item xs={12}>
              <Alert
                severity={conflict ? 'warning' : 'error'}
                onClose={clearError}
                data-testid="board-error"
              >
                {conflict
                  ? `${error} The board now shows what is stored.`
                  : error}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12} className={classes.columns}>
            {statuses.map(status => (
              <BoardColumn
                key={`${kind}-${status}`}
                kind={kind}
                status={status}
                filter={filter}
                reloadKey={reloadKey}
                moving={saving}
                onMove={onMove}
              />
            ))}
          </Grid>
        </Grid>
        {pending && (
          <MoveDialog
            kind={pending.item.kind}
            transition={pending.transition}
            recordName={nameOf(pending.item)}
            saving={saving}
            error={error}
            onCancel={() => {
              clearError();
              setPending(undefined);
            }}
            onConfirm={onConfirm}
          />
        )}
      </Content>
    </Page>
  );
}
