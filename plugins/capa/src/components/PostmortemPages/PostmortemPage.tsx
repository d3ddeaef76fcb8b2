import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { postmortemLabels } from '@internal/backstage-plugin-capa-common';
import Grid from '@material-ui/core/Grid';
import { useParams } from 'react-router-dom';
import { capaApiRef } from '../../api';
import { postmortemsRouteRef } from '../../routes';
import { useLoaded } from './hooks';
import { PostmortemDetails } from './PostmortemDetails';
import { RecordHistory } from '../RecordHistory';
import { PostmortemImprovements } from './PostmortemImprovements';
import { PostmortemStatusActions } from './PostmortemStatusActions';

/**
 * One postmortem: every recorded field, its improvements under their CAPAs,
 * its history, and the moves its author can make.
 *
 * @public
 */
export function PostmortemPage() {
  const { id = '' } = useParams();
  const capaApi = useApi(capaApiRef);
  const listLink = useRouteRef(postmortemsRouteRef);
  const record = useLoaded(id, () => capaApi.getPostmortem(id));
  const postmortem = record.value;

  return (
    <Page themeId="tool">
      <Header
        title={postmortem?.title ?? 'Postmortem'}
        subtitle={
          postmortem
            ? `Incident of ${postmortem.incidentDate} · ${
                postmortemLabels.status[postmortem.status]
              }`
            : undefined
        }
        type="Postmortems"
        typeLink={listLink()}
      />
      <Content>
        {record.error && !postmortem && (
          <ResponseErrorPanel error={record.error} />
        )}
        {!record.error && !postmortem && <Progress />}
        {postmortem && (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <PostmortemStatusActions
                postmortem={postmortem}
                onStored={record.set}
                onConflict={record.reload}
              />
            </Grid>
            {record.error && (
              <Grid item xs={12}>
                <ResponseErrorPanel
                  error={record.error}
                  title="Could not reload this postmortem"
                />
              </Grid>
            )}
            <Grid item xs={12}>
              <PostmortemDetails postmortem={postmortem} />
            </Grid>
            <Grid item xs={12}>
              <PostmortemImprovements postmortemId={postmortem.id} />
            </Grid>
            <Grid item xs={12}>
              <RecordHistory
                recordType="postmortem"
                recordId={postmortem.id}
                revision={postmortem.version}
              />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
