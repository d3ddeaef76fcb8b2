import {
  Content,
  EmptyState,
  Header,
  Link,
  LinkButton,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  isCalendarDate,
  Postmortem,
  postmortemLabels,
  POSTMORTEM_STATUSES,
  PostmortemStatus,
  Quarter,
  quarterOf,
  quarterRange,
  quarterSchema,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { DateTime } from 'luxon';
import { useSearchParams } from 'react-router-dom';
import { capaApiRef } from '../../api';
import { usePostmortems } from '../../hooks/usePostmortems';
import { newPostmortemRouteRef, postmortemRouteRef } from '../../routes';
import { PostmortemStatusChip } from './PostmortemDetails';
import { useLoaded } from './hooks';

const QUARTERS_OFFERED = 12;

/** The quarter of `today` and the ones before it, newest first. */
export function recentQuarters(today: string, count: number): Quarter[] {
  const quarters: Quarter[] = [];
  let day = today;
  for (let i = 0; i < count; i++) {
    const quarter = quarterOf(day);
    quarters.push(quarter);
    day = DateTime.fromISO(quarterRange(quarter).first, { zone: 'UTC' })
      .minus({ days: 1 })
      .toISODate()!;
  }
  return quarters;
}

function useQuarterOptions(selected?: Quarter): Quarter[] {
  const capaApi = useApi(capaApiRef);
  const info = useLoaded('info', () => capaApi.getInstallationInfo());
  // The server decides what today is; until it has answered, the browser's
  // day is close enough to offer quarters.
  const today =
    info.value && isCalendarDate(info.value.today)
      ? info.value.today
      : DateTime.now().toISODate()!;
  const quarters = recentQuarters(today, QUARTERS_OFFERED);
  return selected && !quarters.includes(selected)
    ? [...quarters, selected]
    : quarters;
}

function isStatus(value: string | null): value is PostmortemStatus {
  return (POSTMORTEM_STATUSES as readonly (string | null)[]).includes(value);
}

function PostmortemFilters(props: {
  status?: PostmortemStatus;
  quarter?: Quarter;
  onChange: (filter: { status?: PostmortemStatus; quarter?: Quarter }) => void;
}) {
  const { status, quarter, onChange } = props;
  const quarters = useQuarterOptions(quarter);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} md={4}>
        <TextField
          id="postmortem-filter-status"
          label="Status"
          select
          SelectProps={{ native: true }}
          value={status ?? ''}
          onChange={event =>
            onChange({
              quarter,
              status: isStatus(event.target.value)
                ? event.target.value
                : undefined,
            })
          }
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
          fullWidth
        >
          {/* The server leaves archived postmortems out unless asked. */}
          <option value="">Draft and published</option>
          {POSTMORTEM_STATUSES.map(value => (
            <option key={value} value={value}>
              {postmortemLabels.status[value]}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <TextField
          id="postmortem-filter-quarter"
          label="Incident quarter"
          select
          SelectProps={{ native: true }}
          value={quarter ?? ''}
          onChange={event =>
            onChange({ status, quarter: event.target.value || undefined })
          }
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          size="small"
          fullWidth
        >
          <option value="">All quarters</option>
          {quarters.map(value => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </TextField>
      </Grid>
    </Grid>
  );
}

function usePostmortemColumns(): TableColumn<Postmortem>[] {
  const postmortemLink = useRouteRef(postmortemRouteRef);
  return [
    {
      title: 'Postmortem',
      field: 'title',
      highlight: true,
      cellStyle: { minWidth: '16em' },
      render: postmortem => (
        <Link
          to={postmortemLink({ id: postmortem.id })}
          data-testid="postmortem-link"
        >
          {postmortem.title}
        </Link>
      ),
    },
    {
      title: 'Incident date',
      field: 'incidentDate',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Priority',
      field: 'priority',
      width: '7em',
      render: postmortem =>
        postmortem.priority
          ? postmortemLabels.priority[postmortem.priority]
          : '',
    },
    {
      title: 'Classification',
      field: 'classification',
      width: '9em',
      render: postmortem =>
        postmortem.classification
          ? postmortemLabels.classification[postmortem.classification]
          : '',
    },
    {
      title: 'Services',
      field: 'entityRefs',
      sorting: false,
      cellStyle: { minWidth: '10em' },
      render: postmortem => (
        <EntityRefLinks
          entityRefs={postmortem.entityRefs}
          defaultKind="component"
        />
      ),
    },
    {
      title: 'Status',
      field: 'status',
      width: '8em',
      render: postmortem => <PostmortemStatusChip postmortem={postmortem} />,
    },
  ];
}

/**
 * The postmortems, latest incident first as the server orders them, filtered
 * by status (archived ones only when asked for) and incident quarter. The
 * filters live in the address, so a filtered list can be shared.
 *
 * @public
 */
export function PostmortemListPage() {
  const newLink = useRouteRef(newPostmortemRouteRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const quarterParam = searchParams.get('quarter') ?? '';
  const quarter = quarterSchema.safeParse(quarterParam).success
    ? quarterParam
    : undefined;
  const pages = usePostmortems({
    ...(status ? { status } : {}),
    ...(quarter ? { quarter } : {}),
  });
  const columns = usePostmortemColumns();
  const filtered = status !== undefined || quarter !== undefined;

  const setFilter = (filter: { status?: string; quarter?: string }) => {
    const next = new URLSearchParams();
    if (filter.status) {
      next.set('status', filter.status);
    }
    if (filter.quarter) {
      next.set('quarter', filter.quarter);
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <Page themeId="tool">
      <Header
        title="Postmortems"
        subtitle="What happened in production, and what is done about it"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={9}>
            <PostmortemFilters
              status={status}
              quarter={quarter}
              onChange={setFilter}
            />
          </Grid>
          <Grid item xs={12} md={3}>
            <Box display="flex" justifyContent="flex-end">
              <LinkButton
                to={newLink()}
                variant="contained"
                color="primary"
                data-testid="postmortem-new"
              >
                New postmortem
              </LinkButton>
            </Box>
          </Grid>
          <Grid item xs={12} data-testid="postmortem-list">
            {pages.error && <ResponseErrorPanel error={pages.error} />}
            {!(pages.error && pages.postmortems.length === 0) && (
              <Table<Postmortem>
                title={filtered ? 'Matching postmortems' : 'Postmortems'}
                columns={columns}
                data={pages.postmortems}
                isLoading={pages.loading && pages.postmortems.length === 0}
                options={{ paging: false, search: false, padding: 'dense' }}
                emptyContent={
                  <EmptyState
                    missing="data"
                    title={
                      filtered
                        ? 'No postmortems match these filters'
                        : 'No draft or published postmortems'
                    }
                    description={
                      filtered
                        ? 'Choose another status or quarter, or show all postmortems.'
                        : 'Record one after an incident; its improvements become actions under CAPAs. Archived postmortems are listed under their status.'
                    }
                  />
                }
              />
            )}
            {pages.hasMore && (
              <Box display="flex" justifyContent="center" mt={1}>
                <Button
                  variant="outlined"
                  onClick={pages.loadMore}
                  disabled={pages.loading}
                  data-testid="postmortem-load-more"
                >
                  {pages.loading ? 'Loading…' : 'Load more'}
                </Button>
              </Box>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
