import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  lastCompleteQuarter,
  quarterOf,
  quarterRange,
} from '@internal/backstage-plugin-capa-common';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';
import { usePostmortems } from '../../hooks/usePostmortems';
import { PostmortemTable } from '../PostmortemTable';
import { ServerDay } from '../ServerDay';

/** The quarters a reviewer can pick: the current one and the 15 before it. */
function recentQuarters(today: string): string[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < 16) {
    const { first } = quarterRange(quarters[quarters.length - 1]);
    quarters.push(lastCompleteQuarter(first));
  }
  return quarters;
}

function QuarterReview(props: { quarters: string[]; initial: string }) {
  const [quarter, setQuarter] = useState(props.initial);
  const pages = usePostmortems({ quarter });
  return (
    <>
      <Grid item xs={12}>
        <FormControl variant="outlined" size="small">
          <InputLabel id="capa-review-quarter">Quarter</InputLabel>
          <Select
            labelId="capa-review-quarter"
            label="Quarter"
            value={quarter}
            onChange={e => setQuarter(e.target.value as string)}
          >
            {props.quarters.map(q => (
              <MenuItem key={q} value={q}>
                {q}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      <Grid item xs={12}>
        {pages.error ? (
          <ResponseErrorPanel error={pages.error} />
        ) : (
          <PostmortemTable
            title={`Postmortems of ${quarter}`}
            pages={pages}
            emptyContent={
              <EmptyState
                missing="data"
                title={`No incidents in ${quarter}`}
                description="No postmortem has an incident date in this quarter. Pick another quarter above."
              />
            }
          />
        )}
      </Grid>
    </>
  );
}

/**
 * The quarterly quality review, for the management review of the quality
 * system.
 *
 * @public
 */
export function CapaReviewPage() {
  const capaApi = useApi(capaApiRef);
  // The default quarter follows the server's day, not the browser's.
  const info = useAsync(() => capaApi.getInstallationInfo(), [capaApi]);
  return (
    <Page themeId="tool">
      <Header
        title="Quarterly quality review"
        subtitle="Postmortems, CAPAs and actions per quarter"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ServerDay />
            {info.loading && <Progress />}
            {info.error && <ResponseErrorPanel error={info.error} />}
          </Grid>
          {info.value && (
            <QuarterReview
              quarters={recentQuarters(info.value.today)}
              initial={lastCompleteQuarter(info.value.today)}
            />
          )}
        </Grid>
      </Content>
    </Page>
  );
}
