import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  lastCompleteQuarter,
  Quarter,
  QuarterlyReview,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import PrintIcon from '@material-ui/icons/Print';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { capaApiRef } from '../../api';
import { ServerDay } from '../ServerDay';
import { downloadCsv } from './downloadCsv';
import { usePrintStyles } from './printStyles';
import { QuarterPicker, recentQuarters } from './QuarterPicker';
import { ReviewCharts } from './ReviewCharts';
import { reviewCsvFileName, reviewToCsv } from './reviewCsv';
import { ReviewFigures } from './ReviewFigures';
import {
  OverdueCapasTable,
  OwnerFiguresTable,
  RecurringCapasTable,
  ServiceFiguresTable,
} from './ReviewTables';

function ReviewControls(props: {
  quarters: Quarter[];
  quarter: Quarter;
  onQuarterChange: (quarter: Quarter) => void;
  review?: QuarterlyReview;
}) {
  const classes = usePrintStyles();
  const { review } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={16}
      className={classes.noPrint}
    >
      <QuarterPicker
        quarters={props.quarters}
        value={props.quarter}
        onChange={props.onQuarterChange}
      />
      <Box flexGrow={1} />
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        disabled={!review}
        onClick={() =>
          review && downloadCsv(reviewCsvFileName(review), reviewToCsv(review))
        }
        data-testid="review-download-csv"
      >
        Download CSV
      </Button>
      <Button
        variant="outlined"
        startIcon={<PrintIcon />}
        onClick={() => window.print()}
        data-testid="review-print"
      >
        Print
      </Button>
    </Box>
  );
}

function ReviewPeriod(props: { review: QuarterlyReview }) {
  const classes = usePrintStyles();
  const { review } = props;
  return (
    <>
      <Typography variant="h4" component="h1" className={classes.printOnly}>
        Quarterly quality review {review.quarter}
      </Typography>
      <Typography variant="subtitle1" data-testid="review-period">
        {review.quarter}: {review.first} – {review.last}
      </Typography>
      <ServerDay />
    </>
  );
}

/** The review of one quarter, as the server computed it. */
function QuarterlyReviewContent(props: { review: QuarterlyReview }) {
  const { review } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReviewPeriod review={review} />
      </Grid>
      <Grid item xs={12}>
        <ReviewFigures review={review} />
      </Grid>
      <Grid item xs={12}>
        <ReviewCharts review={review} />
      </Grid>
      <Grid item xs={12}>
        <ServiceFiguresTable review={review} />
      </Grid>
      <Grid item xs={12}>
        <OwnerFiguresTable review={review} />
      </Grid>
      <Grid item xs={12}>
        <OverdueCapasTable review={review} />
      </Grid>
      <Grid item xs={12}>
        <RecurringCapasTable review={review} />
      </Grid>
    </Grid>
  );
}

function QuarterlyReviewView(props: { today: string }) {
  const capaApi = useApi(capaApiRef);
  const quarters = useMemo(() => recentQuarters(props.today), [props.today]);
  const [quarter, setQuarter] = useState(() =>
    lastCompleteQuarter(props.today),
  );
  const review = useAsync(() => capaApi.getReview(quarter), [capaApi, quarter]);
  const current = review.loading ? undefined : review.value;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReviewControls
          quarters={quarters}
          quarter={quarter}
          onQuarterChange={setQuarter}
          review={current}
        />
      </Grid>
      <Grid item xs={12}>
        {review.loading && <Progress />}
        {!review.loading && review.error && (
          <ResponseErrorPanel error={review.error} />
        )}
        {current && <QuarterlyReviewContent review={current} />}
      </Grid>
    </Grid>
  );
}

/**
 * The quarterly quality review: postmortems, CAPAs and actions of a quarter,
 * an input to the management review of the quality system. It prints, and
 * downloads as CSV.
 *
 * @public
 */
export function CapaReviewPage() {
  const capaApi = useApi(capaApiRef);
  const classes = usePrintStyles();
  // The default quarter follows the server's day, not the browser's.
  const info = useAsync(() => capaApi.getInstallationInfo(), [capaApi]);
  return (
    <Page themeId="tool" className={classes.page}>
      <Header
        title="Quarterly quality review"
        subtitle="CAPA status for the management review of the quality system"
      />
      <Content>
        {info.loading && <Progress />}
        {info.error && <ResponseErrorPanel error={info.error} />}
        {info.value && <QuarterlyReviewView today={info.value.today} />}
      </Content>
    </Page>
  );
}
