import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Postmortem,
  postmortemLabels,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ReactNode } from 'react';
import { PostmortemPages } from '../../hooks/usePostmortems';

const columns: TableColumn<Postmortem>[] = [
  { title: 'Postmortem', field: 'title', highlight: true },
  { title: 'Incident date', field: 'incidentDate', width: '9em' },
  {
    title: 'Priority',
    field: 'priority',
    width: '7em',
    render: p => (p.priority ? postmortemLabels.priority[p.priority] : '—'),
  },
  {
    title: 'Classification',
    field: 'classification',
    width: '9em',
    render: p =>
      p.classification
        ? postmortemLabels.classification[p.classification]
        : '—',
  },
  {
    title: 'Services',
    field: 'entityRefs',
    sorting: false,
    render: p => (
      <EntityRefLinks entityRefs={p.entityRefs} defaultKind="component" />
    ),
  },
  {
    title: 'Status',
    field: 'status',
    width: '7em',
    render: p => postmortemLabels.status[p.status],
  },
];

/** A table of postmortems, with a "load more" button while pages remain. */
export function PostmortemTable(props: {
  title: string;
  pages: PostmortemPages;
  emptyContent: ReactNode;
}) {
  const { title, pages, emptyContent } = props;
  return (
    <>
      <Table<Postmortem>
        title={title}
        columns={columns}
        data={pages.postmortems}
        isLoading={pages.loading && pages.postmortems.length === 0}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={emptyContent}
      />
      {pages.hasMore && (
        <Box display="flex" justifyContent="center" mt={1}>
          <Button
            variant="outlined"
            onClick={pages.loadMore}
            disabled={pages.loading}
          >
            {pages.loading ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </>
  );
}
