import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  CapaAction,
  CapaRecord,
  normalizeEntityRef,
  postmortemLabels,
  Postmortem,
} from '@internal/backstage-plugin-capa-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';
import { usePostmortems } from '../../hooks/usePostmortems';
import {
  capaRouteRef,
  newPostmortemRouteRef,
  postmortemRouteRef,
} from '../../routes';
import { DueStateChip, StatusChip, useActionColumns } from '../shared';
import { ServerDay } from '../ServerDay';
import { WorkCounts } from './WorkCounts';

/**
 * The CAPA tab of a catalog entity (a system includes its components): what
 * is overdue, the open actions, the CAPAs and the postmortems.
 *
 * @public
 */
export function EntityCapaContent() {
  const { entity } = useEntity();
  const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
  const name = entity.metadata.title ?? entity.metadata.name;
  const capaApi = useApi(capaApiRef);
  const capaLink = useRouteRef(capaRouteRef);
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const newPostmortemLink = useRouteRef(newPostmortemRouteRef);

  const postmortems = usePostmortems({ entityRef });
  const actions = useAsync(
    // Open work only, overdue first: the order of every work list.
    () =>
      capaApi
        .listActions({ entityRef, limit: 100 })
        .then(page => page.items.filter(a => a.dueState !== 'done')),
    [capaApi, entityRef],
  );
  const capas = useAsync(
    () => capaApi.listCapas({ entityRef, limit: 100 }),
    [capaApi, entityRef],
  );

  const actionColumns = useActionColumns();
  const capaColumns: TableColumn<CapaRecord>[] = [
    {
      title: 'Key',
      field: 'key',
      width: '7em',
      render: c => <Link to={capaLink({ id: c.id })}>{c.key}</Link>,
    },
    { title: 'CAPA', field: 'title', highlight: true },
    {
      title: 'Owner',
      field: 'ownerRef',
      render: c => <EntityRefLink entityRef={c.ownerRef} />,
    },
    {
      title: 'Due date',
      field: 'dueDate',
      width: '8em',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Due',
      field: 'dueState',
      width: '8em',
      render: c => <DueStateChip state={c.dueState} />,
    },
    {
      title: 'Status',
      field: 'status',
      width: '11em',
      render: c => <StatusChip status={c.status} />,
    },
  ];
  const postmortemColumns: TableColumn<Postmortem>[] = [
    {
      title: 'Postmortem',
      field: 'title',
      highlight: true,
      render: p => <Link to={postmortemLink({ id: p.id })}>{p.title}</Link>,
    },
    {
      title: 'Incident date',
      field: 'incidentDate',
      width: '9em',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Priority',
      field: 'priority',
      width: '6em',
      render: p => (p.priority ? postmortemLabels.priority[p.priority] : '—'),
    },
    {
      title: 'Classification',
      field: 'classification',
      width: '8em',
      render: p =>
        p.classification
          ? postmortemLabels.classification[p.classification]
          : '—',
    },
    {
      title: 'Patients affected',
      field: 'impact.patientsAffected',
      width: '8em',
      align: 'right',
      render: p => p.impact.patientsAffected ?? '—',
    },
    {
      title: 'Services',
      field: 'entityRefs',
      render: p => (
        <EntityRefLinks entityRefs={p.entityRefs} defaultKind="component" />
      ),
    },
  ];

  const nothingYet =
    !postmortems.loading &&
    postmortems.postmortems.length === 0 &&
    capas.value?.items.length === 0;
  if (nothingYet) {
    return (
      <EmptyState
        missing="data"
        title={`No postmortems or CAPAs concern ${name} yet`}
        description={
          <Typography variant="body2" component="span">
            After an incident, record its postmortem and link it to{' '}
            <code>{entityRef}</code>: its improvements become actions under
            CAPAs, and they show here with what is overdue.
          </Typography>
        }
        action={
          <Button
            variant="contained"
            color="primary"
            href={`${newPostmortemLink()}?entityRef=${encodeURIComponent(
              entityRef,
            )}`}
          >
            Record a postmortem
          </Button>
        }
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ServerDay />
      </Grid>
      <Grid item xs={12}>
        <WorkCounts entityRef={entityRef} />
      </Grid>
      <Grid item xs={12}>
        {actions.error ? (
          <ResponseErrorPanel error={actions.error} />
        ) : (
          <Table<CapaAction>
            title={`Open actions of ${name}`}
            subtitle="Overdue first, then by due date"
            columns={actionColumns}
            data={actions.value ?? []}
            isLoading={actions.loading}
            options={{ paging: false, search: false, padding: 'dense' }}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No open actions: nothing is waiting on {name}.
              </Typography>
            }
          />
        )}
      </Grid>
      <Grid item xs={12}>
        {capas.error ? (
          <ResponseErrorPanel error={capas.error} />
        ) : (
          <Table<CapaRecord>
            title="CAPAs"
            subtitle="Linked directly, or through its postmortems and actions"
            columns={capaColumns}
            data={capas.value?.items ?? []}
            isLoading={capas.loading}
            options={{ paging: false, search: false, padding: 'dense' }}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No CAPA concerns {name}.
              </Typography>
            }
          />
        )}
      </Grid>
      <Grid item xs={12}>
        {postmortems.error ? (
          <ResponseErrorPanel error={postmortems.error} />
        ) : (
          <InfoCard title={`Postmortems of ${name}`} noPadding>
            <Table<Postmortem>
              columns={postmortemColumns}
              data={postmortems.postmortems}
              isLoading={
                postmortems.loading && postmortems.postmortems.length === 0
              }
              options={{
                paging: false,
                search: false,
                padding: 'dense',
                toolbar: false,
              }}
              emptyContent={
                <Typography style={{ padding: 16 }}>
                  No postmortem concerns {name} yet.
                </Typography>
              }
            />
            {postmortems.hasMore && (
              <Button
                onClick={postmortems.loadMore}
                disabled={postmortems.loading}
              >
                {postmortems.loading ? 'Loading…' : 'Load more'}
              </Button>
            )}
          </InfoCard>
        )}
      </Grid>
    </Grid>
  );
}
