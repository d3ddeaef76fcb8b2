import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  HistoryEntry,
  HistoryRecordType,
} from '@internal/backstage-plugin-capa-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';

const EVENT_LABELS: Record<HistoryEntry['event'], string> = {
  created: 'Created',
  updated: 'Changed',
  transition: 'Moved',
};

/** A value as a person reads it, never as JSON. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '—' : value.map(describeValue).join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${describeValue(v)}`)
      .join('; ');
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return String(value);
}

/**
 * A record's append-only history: who, when, what changed from what to
 * what, and why.
 */
export function HistoryTable(props: {
  recordType: HistoryRecordType;
  id: string;
  reloadKey: number;
}) {
  const capaApi = useApi(capaApiRef);
  const { value, loading, error } = useAsync(
    () => capaApi.getHistory(props.recordType, props.id, { limit: 100 }),
    [capaApi, props.recordType, props.id, props.reloadKey],
  );
  const columns: TableColumn<HistoryEntry>[] = [
    {
      title: 'When',
      field: 'at',
      width: '12em',
      render: e => `${e.at.slice(0, 16).replace('T', ' ')} UTC`,
    },
    {
      title: 'Who',
      field: 'actor',
      width: '14em',
      render: e => <EntityRefLink entityRef={e.actor} />,
    },
    {
      title: 'What',
      field: 'event',
      width: '6em',
      render: e => EVENT_LABELS[e.event],
    },
    {
      title: 'Changes',
      field: 'changes',
      render: e => (
        <>
          {Object.entries(e.changes).map(([field, change]) => (
            <Typography variant="body2" key={field}>
              <strong>{field}</strong>:{' '}
              {e.event === 'created'
                ? describeValue(change.after)
                : `${describeValue(change.before)} → ${describeValue(
                    change.after,
                  )}`}
            </Typography>
          ))}
        </>
      ),
    },
    { title: 'Why', field: 'reason', render: e => e.reason ?? '' },
  ];
  return (
    <Table<HistoryEntry>
      title="History"
      subtitle="Append-only: every change, by whom and why"
      columns={columns}
      data={value?.items ?? []}
      isLoading={loading}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          {error
            ? `Could not load the history: ${error.message}`
            : 'No history yet.'}
        </Typography>
      }
    />
  );
}
