import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ACTION_TRANSITIONS,
  ActionTransition,
  CAPA_TRANSITIONS,
  capaClosePermission,
  capaLabels,
  CapaAction,
  CapaRecord,
  CapaTransition,
  capaTransitionPermission,
  capaUpdatePermission,
  CreateActionRequest,
  legalActionTransitions,
  legalCapaTransitions,
  statusLabels,
  UpdateActionRequest,
  UpdateCapaRequest,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';
import { boardRouteRef, postmortemRouteRef } from '../../routes';
import { MoveDialog, MoveInput, needsDialog } from '../MoveDialog';
import {
  DueStateChip,
  isConflict,
  StatusChip,
  useActionColumns,
  useMove,
  useSave,
  WorkItem,
} from '../shared';
import { AddActionDialog } from './AddActionDialog';
import { EditActionDialog } from './EditActionDialog';
import { EditCapaDialog } from './EditCapaDialog';
import { RecordHistory } from '../RecordHistory';

function Field(props: { label: string; children: React.ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography component="div">{props.children}</Typography>
    </Grid>
  );
}

/**
 * One CAPA record: what it is about, its actions, the postmortems and
 * services it concerns, its effectiveness check and its whole history.
 *
 * @public
 */
export function CapaPage() {
  const { id = '' } = useParams();
  const capaApi = useApi(capaApiRef);
  const boardLink = useRouteRef(boardRouteRef);
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const [reloadKey, setReloadKey] = useState(0);
  const reload = useCallback(() => setReloadKey(k => k + 1), []);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [editingAction, setEditingAction] = useState<CapaAction>();
  const editAction = useSave();
  const [pending, setPending] = useState<{
    item: WorkItem;
    transition: CapaTransition | ActionTransition;
  }>();
  const {
    move,
    saving: moving,
    error: moveError,
    conflict,
    clearError,
  } = useMove(reload);
  const edit = useSave();
  const add = useSave();
  const resourceRef = `capa:${id}`;
  const canUpdate = usePermission({
    permission: capaUpdatePermission,
    resourceRef,
  });
  const canMove = usePermission({
    permission: capaTransitionPermission,
    resourceRef,
  });
  const canClose = usePermission({
    permission: capaClosePermission,
    resourceRef,
  });

  const baseActionColumns = useActionColumns({ showCapa: false });
  const capa = useAsync(() => capaApi.getCapa(id), [capaApi, id, reloadKey]);
  const actions = useAsync(
    () => capaApi.listActions({ capaId: id, limit: 100 }),
    [capaApi, id, reloadKey],
  );
  const postmortems = useAsync(async () => {
    const fed = new Set<string>([
      ...(capa.value?.postmortemIds ?? []),
      ...(actions.value?.items ?? []).flatMap(a =>
        a.postmortemId ? [a.postmortemId] : [],
      ),
    ]);
    // At most the page of actions plus the CAPA's own links.
    return Promise.all(
      [...fed].map(postmortemId => capaApi.getPostmortem(postmortemId)),
    );
  }, [capaApi, capa.value, actions.value]);

  const startMove = async (
    item: WorkItem,
    transition: CapaTransition | ActionTransition,
  ) => {
    clearError();
    if (needsDialog(item.kind, transition)) {
      setPending({ item, transition });
    } else if (await move(item, transition)) {
      reload();
    }
  };
  const confirmMove = async (input: MoveInput) => {
    if (pending && (await move(pending.item, pending.transition, input))) {
      setPending(undefined);
      reload();
    }
  };
  const saveEdit = async (request: UpdateCapaRequest) => {
    if (
      await edit.save(`Saved ${capa.value?.key}`, () =>
        capaApi.updateCapa(id, request),
      )
    ) {
      setEditing(false);
      reload();
    }
  };
  const editConflict = isConflict(edit.error?.cause);
  useEffect(() => {
    // Someone else saved first: close the form, whose draft is now stale (a
    // second save would overwrite their change), and show what is stored.
    if (editConflict) {
      setEditing(false);
      reload();
    }
  }, [editConflict, reload]);
  const saveActionEdit = async (request: UpdateActionRequest) => {
    if (!editingAction) return;
    const stored = await editAction.save('Action saved', () =>
      capaApi.updateAction(editingAction.id, request),
    );
    if (stored) {
      setEditingAction(undefined);
      reload();
    }
  };
  const actionEditConflict = isConflict(editAction.error?.cause);
  useEffect(() => {
    // As for the CAPA: a stale form closes rather than overwrite.
    if (actionEditConflict) {
      setEditingAction(undefined);
      reload();
    }
  }, [actionEditConflict, reload]);
  const saveAction = async (request: CreateActionRequest) => {
    if (await add.save('Action added', () => capaApi.createAction(request))) {
      setAdding(false);
      reload();
    }
  };

  if (capa.error) {
    return (
      <Page themeId="tool">
        <Header title="CAPA" />
        <Content>
          <ResponseErrorPanel error={capa.error} />
        </Content>
      </Page>
    );
  }
  const record: CapaRecord | undefined = capa.value;
  const capaMoves = record
    ? legalCapaTransitions(record.status).filter(t =>
        t === 'close' ? canClose.allowed : canMove.allowed,
      )
    : [];

  const actionColumns: TableColumn<CapaAction>[] = [
    ...baseActionColumns,
    {
      title: 'Move',
      field: 'id',
      sorting: false,
      render: a =>
        record && record.dueState !== 'done' ? (
          <>
            {a.dueState !== 'done' && canUpdate.allowed && (
              <Button
                size="small"
                onClick={() => setEditingAction(a)}
                data-testid={`action-edit-${a.id}`}
              >
                Edit
              </Button>
            )}
            {legalActionTransitions(a.status).map(t => (
              <Button
                key={t}
                size="small"
                color="primary"
                disabled={moving || !canMove.allowed}
                onClick={() => startMove({ kind: 'action', record: a }, t)}
              >
                {ACTION_TRANSITIONS[t].label}
              </Button>
            ))}
          </>
        ) : null,
    },
  ];

  return (
    <Page themeId="tool">
      <Header
        title={record ? `${record.key}: ${record.title}` : 'CAPA'}
        type="CAPA"
        typeLink={boardLink()}
      >
        {record && (
          <HeaderLabel label="Status" value={statusLabels[record.status]} />
        )}
        {record && (
          <HeaderLabel
            label="Due"
            value={`${record.dueDate} (${
              capaLabels.dueState[record.dueState]
            })`}
          />
        )}
      </Header>
      <Content>
        {!record ? (
          <Progress />
        ) : (
          <Grid container spacing={3}>
            {(moveError || edit.error || editAction.error) &&
              !pending &&
              !editing &&
              !editingAction && (
                <Grid item xs={12}>
                  <Alert
                    severity={
                      conflict || editConflict || actionEditConflict
                        ? 'warning'
                        : 'error'
                    }
                    data-testid="capa-error"
                    onClose={() => {
                      clearError();
                      edit.clearError();
                      editAction.clearError();
                    }}
                  >
                    {moveError ??
                      edit.error?.message ??
                      editAction.error?.message}{' '}
                    {conflict || editConflict || actionEditConflict
                      ? 'The page now shows what is stored.'
                      : ''}
                  </Alert>
                </Grid>
              )}
            <Grid item xs={12}>
              <InfoCard
                title="What this CAPA is about"
                action={
                  <>
                    {canUpdate.allowed && record.dueState !== 'done' && (
                      <Button
                        onClick={() => setEditing(true)}
                        data-testid="capa-edit"
                      >
                        Edit
                      </Button>
                    )}
                    {capaMoves.map(t => (
                      <Button
                        key={t}
                        color="primary"
                        disabled={moving}
                        onClick={() => startMove({ kind: 'capa', record }, t)}
                        data-testid={`capa-move-${t}`}
                      >
                        {CAPA_TRANSITIONS[t].label}
                      </Button>
                    ))}
                  </>
                }
              >
                <Grid container spacing={2}>
                  <Field label="Problem statement">
                    {record.problemStatement}
                  </Field>
                  <Field label="Root cause">
                    {record.rootCause ?? 'Not recorded yet'}
                  </Field>
                  <Field label="Type">{capaLabels.type[record.type]}</Field>
                  <Field label="Severity">
                    {capaLabels.severity[record.severity]}
                  </Field>
                  <Field label="Owner">
                    <EntityRefLink entityRef={record.ownerRef} />
                  </Field>
                  <Field label="Due date">
                    {record.dueDate} <DueStateChip state={record.dueState} />
                  </Field>
                  <Field label="Status">
                    <StatusChip status={record.status} />
                  </Field>
                  <Field label="Opened">{record.openedOn}</Field>
                  {record.finishedOn && (
                    <Field label="Finished">{record.finishedOn}</Field>
                  )}
                  <Field label="Services">
                    {record.entityRefs.length ? (
                      <EntityRefLinks
                        entityRefs={record.entityRefs}
                        defaultKind="component"
                      />
                    ) : (
                      '—'
                    )}
                  </Field>
                </Grid>
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={6}>
              <InfoCard title="Effectiveness check">
                {record.effectivenessCheck ? (
                  <Grid container spacing={2} data-testid="effectiveness-check">
                    <Field label="Result">
                      {record.effectivenessCheck.result === 'effective'
                        ? 'Effective'
                        : 'Not effective'}
                    </Field>
                    <Field label="Method">
                      {record.effectivenessCheck.method}
                    </Field>
                    <Field label="Criteria">
                      {record.effectivenessCheck.criteria}
                    </Field>
                    {record.effectivenessCheck.notes && (
                      <Field label="Notes">
                        {record.effectivenessCheck.notes}
                      </Field>
                    )}
                    <Field label="Verified by">
                      <EntityRefLink
                        entityRef={record.effectivenessCheck.verifiedBy}
                      />
                    </Field>
                    <Field label="Verified at">
                      {record.effectivenessCheck.verifiedAt.slice(0, 10)}
                    </Field>
                  </Grid>
                ) : (
                  <Typography color="textSecondary">
                    Not recorded yet. Once the CAPA is implemented, record how
                    it was checked and whether it worked; only then can it
                    close.
                  </Typography>
                )}
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={6}>
              <InfoCard title="Postmortems that fed it">
                {postmortems.value?.length ? (
                  postmortems.value.map(p => (
                    <Typography key={p.id}>
                      <Link to={postmortemLink({ id: p.id })}>{p.title}</Link> (
                      {p.incidentDate})
                    </Typography>
                  ))
                ) : (
                  <Typography color="textSecondary">
                    {postmortems.loading ? 'Loading…' : 'None linked.'}
                  </Typography>
                )}
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              {record.dueState !== 'done' && canUpdate.allowed && (
                <Box display="flex" justifyContent="flex-end" mb={1}>
                  <Button
                    variant="outlined"
                    color="primary"
                    onClick={() => setAdding(true)}
                    data-testid="capa-add-action"
                  >
                    Add action
                  </Button>
                </Box>
              )}
              <Table<CapaAction>
                title="Actions"
                subtitle="Overdue first, then by due date"
                columns={actionColumns}
                data={actions.value?.items ?? []}
                isLoading={actions.loading}
                options={{ paging: false, search: false, padding: 'dense' }}
                emptyContent={
                  <Typography style={{ padding: 16 }}>
                    No actions yet.
                  </Typography>
                }
              />
            </Grid>
            <Grid item xs={12}>
              <RecordHistory
                recordType="capa"
                recordId={id}
                revision={reloadKey}
              />
            </Grid>
          </Grid>
        )}
        {editing && record && (
          <EditCapaDialog
            capa={record}
            saving={edit.saving}
            error={
              edit.error
                ? `${edit.error.message}${
                    isConflict(edit.error.cause)
                      ? ' The CAPA has been reloaded; edit again.'
                      : ''
                  }`
                : undefined
            }
            onCancel={() => {
              edit.clearError();
              setEditing(false);
            }}
            onSave={saveEdit}
          />
        )}
        {editingAction && (
          <EditActionDialog
            action={editingAction}
            saving={editAction.saving}
            error={editAction.error?.message}
            onCancel={() => {
              editAction.clearError();
              setEditingAction(undefined);
            }}
            onSave={saveActionEdit}
          />
        )}
        {adding && record && (
          <AddActionDialog
            capaId={record.id}
            capaKey={record.key}
            saving={add.saving}
            error={add.error?.message}
            onCancel={() => {
              add.clearError();
              setAdding(false);
            }}
            onSave={saveAction}
          />
        )}
        {pending && (
          <MoveDialog
            kind={pending.item.kind}
            transition={pending.transition}
            recordName={
              pending.item.kind === 'capa'
                ? `${record?.key} ${record?.title}`
                : pending.item.record.title
            }
            saving={moving}
            error={moveError}
            onCancel={() => {
              clearError();
              setPending(undefined);
            }}
            onConfirm={confirmMove}
          />
        )}
      </Content>
    </Page>
  );
}
