import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { normalizeEntityRef } from '@internal/backstage-plugin-capa-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { usePostmortems } from '../../hooks/usePostmortems';
import { PostmortemTable } from '../PostmortemTable';
import { ServerDay } from '../ServerDay';

/**
 * The CAPA tab of a catalog entity: the postmortems that concern it.
 *
 * @public
 */
export function EntityCapaContent() {
  const { entity } = useEntity();
  const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
  const name = entity.metadata.title ?? entity.metadata.name;
  const pages = usePostmortems({ entityRef });

  if (pages.error) {
    return <ResponseErrorPanel error={pages.error} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ServerDay />
      </Grid>
      <Grid item xs={12}>
        <PostmortemTable
          title={`Postmortems of ${name}`}
          pages={pages}
          emptyContent={
            <EmptyState
              missing="data"
              title={`No postmortems concern ${name} yet`}
              description={
                <Typography variant="body2" component="span">
                  When a postmortem is recorded, link it to{' '}
                  <code>{entityRef}</code> and it appears here with the actions
                  and CAPAs that follow from it.
                </Typography>
              }
            />
          }
        />
      </Grid>
    </Grid>
  );
}
