import { ResponseErrorPanel, Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CapaAction } from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { capaApiRef } from '../../api';
import { useActionColumns } from '../shared';
import { usePaged } from './hooks';

const PAGE_SIZE = 100;

/**
 * The actions that came from a postmortem, each under its CAPA, with owner,
 * due date and due state as the server decided them.
 */
export function PostmortemImprovements(props: { postmortemId: string }) {
  const { postmortemId } = props;
  const capaApi = useApi(capaApiRef);
  const actions = usePaged(postmortemId, cursor =>
    capaApi.listActions({ postmortemId, limit: PAGE_SIZE, cursor }),
  );

  const columns = useActionColumns({ title: 'Improvement' });

  if (actions.error) {
    return <ResponseErrorPanel error={actions.error} />;
  }
  return (
    <div data-testid="postmortem-improvements">
      <Table<CapaAction>
        title="Improvements"
        columns={columns}
        data={actions.items}
        isLoading={actions.loading && actions.items.length === 0}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              No improvements have been recorded for this postmortem.
            </Typography>
          </Box>
        }
      />
      {actions.hasMore && (
        <Box display="flex" justifyContent="center" mt={1}>
          <Button
            variant="outlined"
            onClick={actions.loadMore}
            disabled={actions.loading}
          >
            {actions.loading ? 'Loading…' : 'Load more improvements'}
          </Button>
        </Box>
      )}
    </div>
  );
}
