import {
  AGEING_BUCKETS,
  AgeingBucket,
  QuarterlyReview,
  WorkFigures,
} from '@internal/backstage-plugin-capa-common';
import Grid from '@material-ui/core/Grid';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { classificationCounts, priorityCounts } from './labels';
import { NoReviewData, ReviewSection } from './ReviewSection';

const CHART_HEIGHT = 240;

const useStyles = makeStyles(
  {
    chart: {
      // Paper is narrower than the screen the chart was measured on, and a
      // printout does not wait for it to be measured again: scale it down.
      '@media print': {
        '& .recharts-wrapper': { maxWidth: '100%' },
        '& svg.recharts-surface': { maxWidth: '100%', height: 'auto' },
      },
    },
  },
  { name: 'CapaReviewChart' },
);

type ChartRow = { name: string } & Record<string, string | number>;

type ChartBar = { dataKey: string; name: string; color: string };

/**
 * A bar chart of counts. Its description is the same data in words, for
 * screen readers and for whoever reads the printout without colour.
 */
function CountBarChart(props: {
  rows: ChartRow[];
  bars: ChartBar[];
  description: string;
  stacked?: boolean;
}) {
  const classes = useStyles();
  return (
    <div role="img" aria-label={props.description} className={classes.chart}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={props.rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          {props.bars.length > 1 && <Legend />}
          {props.bars.map(bar => (
            <Bar
              key={bar.dataKey}
              dataKey={bar.dataKey}
              name={bar.name}
              fill={bar.color}
              stackId={props.stacked ? 'stack' : undefined}
              // A printout must not catch the bars halfway through growing.
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function describe(title: string, parts: string[]): string {
  return `${title}: ${parts.join(', ')}.`;
}

function PostmortemCountChart(props: {
  title: string;
  by: string;
  counts: { label: string; count: number }[];
  review: QuarterlyReview;
}) {
  const theme = useTheme();
  const { title, by, counts, review } = props;
  return (
    <ReviewSection title={title}>
      {review.postmortems.total === 0 ? (
        <NoReviewData>
          No postmortems in {review.quarter} to chart by {by}.
        </NoReviewData>
      ) : (
        <CountBarChart
          rows={counts.map(c => ({ name: c.label, postmortems: c.count }))}
          bars={[
            {
              dataKey: 'postmortems',
              name: 'Postmortems',
              color: theme.palette.primary.main,
            },
          ]}
          description={describe(
            title,
            counts.map(c => `${c.label} ${c.count}`),
          )}
        />
      )}
    </ReviewSection>
  );
}

function ageingOf(figures: WorkFigures, bucket: AgeingBucket): number {
  return figures.ageing.find(a => a.key === bucket)?.count ?? 0;
}

function AgeingChart(props: { review: QuarterlyReview }) {
  const theme = useTheme();
  const { capas, actions, quarter } = props.review;
  const rows = AGEING_BUCKETS.map(bucket => ({
    name: `${bucket} days`,
    capas: ageingOf(capas, bucket),
    actions: ageingOf(actions, bucket),
  }));
  const title = 'Open at quarter end, by age';
  return (
    <ReviewSection title={title}>
      {rows.every(r => r.capas + r.actions === 0) ? (
        <NoReviewData>
          No CAPAs or actions open at the end of {quarter}.
        </NoReviewData>
      ) : (
        <CountBarChart
          rows={rows}
          bars={[
            {
              dataKey: 'capas',
              name: 'CAPAs',
              color: theme.palette.primary.main,
            },
            {
              dataKey: 'actions',
              name: 'Actions',
              color: theme.palette.secondary.main,
            },
          ]}
          description={describe(
            title,
            rows.map(
              r => `${r.name} ${r.capas} CAPAs and ${r.actions} actions`,
            ),
          )}
        />
      )}
    </ReviewSection>
  );
}

function ClosedOnTimeChart(props: { review: QuarterlyReview }) {
  const theme = useTheme();
  const { capas, actions, quarter } = props.review;
  const rows = [
    { name: 'CAPAs', figures: capas },
    { name: 'Actions', figures: actions },
  ].map(({ name, figures }) => ({
    name,
    onTime: figures.closedOnTime,
    late: figures.closed - figures.closedOnTime,
  }));
  const title = 'Closed on time and late';
  return (
    <ReviewSection title={title}>
      {capas.closed + actions.closed === 0 ? (
        <NoReviewData>No CAPAs or actions closed in {quarter}.</NoReviewData>
      ) : (
        <CountBarChart
          stacked
          rows={rows}
          bars={[
            {
              dataKey: 'onTime',
              name: 'On time',
              color: theme.palette.success.main,
            },
            { dataKey: 'late', name: 'Late', color: theme.palette.error.main },
          ]}
          description={describe(
            title,
            rows.map(r => `${r.name} ${r.onTime} on time and ${r.late} late`),
          )}
        />
      )}
    </ReviewSection>
  );
}

/** The review's charts: postmortems by priority and classification, ageing, punctuality. */
export function ReviewCharts(props: { review: QuarterlyReview }) {
  const { review } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <PostmortemCountChart
          title="Postmortems by priority"
          by="priority"
          counts={priorityCounts(review.postmortems.byPriority)}
          review={review}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <PostmortemCountChart
          title="Postmortems by classification"
          by="classification"
          counts={classificationCounts(review.postmortems.byClassification)}
          review={review}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <AgeingChart review={review} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ClosedOnTimeChart review={review} />
      </Grid>
    </Grid>
  );
}
