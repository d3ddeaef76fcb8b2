import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  HistoryEntry,
  HistoryRecordType,
  statusLabels,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { capaApiRef } from '../../api';
import {
  fieldLabel,
  formatFieldValue,
  formatInstant,
} from '../PostmortemPages/format';
import { usePaged } from '../PostmortemPages/hooks';

const useStyles = makeStyles(theme => ({
  entry: {
    padding: theme.spacing(1.5, 0),
  },
  changes: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10em, max-content) 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0, 0),
  },
  label: {
    color: theme.palette.text.secondary,
  },
  value: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  before: {
    color: theme.palette.text.secondary,
  },
}));

function eventLabel(entry: HistoryEntry): string {
  if (entry.event === 'created') {
    return 'Recorded';
  }
  if (entry.event === 'transition') {
    const status = entry.changes.status?.after;
    if (status === 'published') {
      return 'Published';
    }
    if (status === 'archived') {
      return 'Archived';
    }
    return typeof status === 'string' && status in statusLabels
      ? `Moved to ${statusLabels[
          status as keyof typeof statusLabels
        ].toLowerCase()}`
      : 'Status changed';
  }
  return 'Changed';
}

function FieldChangeRow(props: {
  entry: HistoryEntry;
  field: string;
  classes: ReturnType<typeof useStyles>;
}) {
  const { entry, field, classes } = props;
  const change = entry.changes[field];
  return (
    <>
      <Typography component="dt" variant="body2" className={classes.label}>
        {fieldLabel(field)}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        className={classes.value}
        data-field={field}
      >
        {entry.event === 'created' ? (
          formatFieldValue(field, change.after)
        ) : (
          <>
            <span className={classes.before}>
              {formatFieldValue(field, change.before)}
            </span>
            {' → '}
            {formatFieldValue(field, change.after)}
          </>
        )}
      </Typography>
    </>
  );
}

function HistoryEntryItem(props: { entry: HistoryEntry }) {
  const { entry } = props;
  const classes = useStyles();
  // A new record lists what it was recorded with; empty fields say nothing.
  const fields = Object.keys(entry.changes).filter(
    field =>
      entry.event !== 'created' ||
      formatFieldValue(field, entry.changes[field].after) !== '—',
  );
  return (
    <div className={classes.entry} data-testid="postmortem-history-entry">
      <Typography variant="subtitle2" component="div">
        {eventLabel(entry)} by <EntityRefLink entityRef={entry.actor} /> on{' '}
        {formatInstant(entry.at)}
      </Typography>
      {fields.length > 0 && (
        <dl className={classes.changes}>
          {fields.map(field => (
            <FieldChangeRow
              key={field}
              entry={entry}
              field={field}
              classes={classes}
            />
          ))}
        </dl>
      )}
      {entry.reason && (
        <Typography variant="body2" className={classes.value}>
          <span className={classes.label}>Reason: </span>
          {entry.reason}
        </Typography>
      )}
    </div>
  );
}

/**
 * Who changed a postmortem, CAPA or action, when, each field before and
 * after, and why; oldest first. Reloads when `revision` changes.
 */
export function RecordHistory(props: {
  recordType: HistoryRecordType;
  recordId: string;
  revision: number;
}) {
  const { recordType, recordId, revision } = props;
  const capaApi = useApi(capaApiRef);
  const history = usePaged(`${recordType}:${recordId}@${revision}`, cursor =>
    capaApi.getHistory(recordType, recordId, { cursor }),
  );

  if (history.error) {
    return <ResponseErrorPanel error={history.error} title="History" />;
  }
  return (
    <InfoCard title="History">
      <div data-testid={`${recordType}-history`}>
        {history.items.length === 0 && !history.loading && (
          <Typography variant="body2" color="textSecondary">
            No history has been recorded yet.
          </Typography>
        )}
        {history.items.map((entry, index) => (
          <Fragment key={entry.id}>
            {index > 0 && <Divider />}
            <HistoryEntryItem entry={entry} />
          </Fragment>
        ))}
        {history.hasMore && (
          <Box display="flex" justifyContent="center" mt={1}>
            <Button
              variant="outlined"
              onClick={history.loadMore}
              disabled={history.loading}
            >
              {history.loading ? 'Loading…' : 'Load more history'}
            </Button>
          </Box>
        )}
      </div>
    </InfoCard>
  );
}
