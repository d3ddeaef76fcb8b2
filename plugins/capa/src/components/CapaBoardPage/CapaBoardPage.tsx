import {
  Content,
  EmptyState,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { usePostmortems } from '../../hooks/usePostmortems';
import { PostmortemTable } from '../PostmortemTable';
import { OverdueCheckStatus } from '../OverdueCheckStatus';
import { ServerDay } from '../ServerDay';

/**
 * The CAPA owner board.
 *
 * @public
 */
export function CapaBoardPage() {
  const pages = usePostmortems({});
  return (
    <Page themeId="tool">
      <Header
        title="CAPA board"
        subtitle="Corrective and preventive actions, by owner"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ServerDay />
            <OverdueCheckStatus />
          </Grid>
          <Grid item xs={12}>
            {pages.error ? (
              <ResponseErrorPanel error={pages.error} />
            ) : (
              <PostmortemTable
                title="Postmortems across services"
                pages={pages}
                emptyContent={
                  <EmptyState
                    missing="data"
                    title="No postmortems recorded yet"
                    description="Postmortems and the CAPAs that follow from them appear here once they are recorded."
                  />
                }
              />
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
