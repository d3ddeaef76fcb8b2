import {
  QuarterlyReview,
  WorkFigures,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { formatMinutes, formatPercent, onTimeRate } from './format';
import { NoReviewData, ReviewSection } from './ReviewSection';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(10rem, 1fr))',
    gap: theme.spacing(1.5),
  },
  figure: {
    padding: theme.spacing(1.5),
    '@media print': { breakInside: 'avoid' },
  },
  value: {
    fontVariantNumeric: 'tabular-nums',
  },
}));

/** One figure of the review: what it counts, and how many. */
export function StatFigure(props: {
  label: string;
  value: string | number;
  note?: string;
}) {
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      className={classes.figure}
      role="group"
      aria-label={props.label}
    >
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h4" component="p" className={classes.value}>
        {props.value}
      </Typography>
      {props.note && (
        <Typography variant="caption" color="textSecondary">
          {props.note}
        </Typography>
      )}
    </Paper>
  );
}

function FigureRow(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box mb={2}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      <div className={classes.figures}>{props.children}</div>
    </Box>
  );
}

function PostmortemFigures(props: { review: QuarterlyReview }) {
  const { postmortems, quarter } = props.review;
  if (postmortems.total === 0) {
    return (
      <FigureRow title="Postmortems">
        <NoReviewData>No postmortems in {quarter}.</NoReviewData>
      </FigureRow>
    );
  }
  return (
    <FigureRow title="Postmortems">
      <StatFigure label="Postmortems" value={postmortems.total} />
      <StatFigure
        label="Patients affected"
        value={postmortems.patientsAffected}
      />
      <StatFigure
        label="Organisations affected"
        value={postmortems.organisationsAffected}
      />
      <StatFigure
        label="Median lead time"
        value={formatMinutes(postmortems.medianLeadTimeMinutes)}
      />
      <StatFigure
        label="Median correction time"
        value={formatMinutes(postmortems.medianCorrectionTimeMinutes)}
      />
    </FigureRow>
  );
}

/** Whether any CAPA or action counted in the quarter at all. */
function hasWork(figures: WorkFigures): boolean {
  return (
    figures.opened +
      figures.closed +
      figures.cancelled +
      figures.openAtQuarterEnd >
    0
  );
}

function WorkFigureRow(props: {
  noun: 'CAPAs' | 'Actions';
  cancelledLabel: string;
  figures: WorkFigures;
  quarter: string;
}) {
  const { noun, figures, quarter } = props;
  if (!hasWork(figures)) {
    return (
      <FigureRow title={noun}>
        <NoReviewData>
          No {noun === 'CAPAs' ? noun : 'actions'} opened, closed or open in{' '}
          {quarter}.
        </NoReviewData>
      </FigureRow>
    );
  }
  return (
    <FigureRow title={noun}>
      <StatFigure label={`${noun} opened`} value={figures.opened} />
      <StatFigure label={`${noun} closed`} value={figures.closed} />
      <StatFigure
        label={`${noun} closed on time`}
        value={figures.closedOnTime}
      />
      <StatFigure
        label={`${noun} on-time closure rate`}
        value={formatPercent(onTimeRate(figures))}
        note={figures.closed === 0 ? 'Nothing closed' : undefined}
      />
      <StatFigure label={props.cancelledLabel} value={figures.cancelled} />
      <StatFigure
        label={`${noun} open at quarter end`}
        value={figures.openAtQuarterEnd}
      />
      <StatFigure
        label={`${noun} overdue at quarter end`}
        value={figures.overdueAtQuarterEnd}
      />
    </FigureRow>
  );
}

/** The review's summary figures: postmortems, CAPAs and actions. */
export function ReviewFigures(props: { review: QuarterlyReview }) {
  const { review } = props;
  return (
    <ReviewSection title="Summary">
      <PostmortemFigures review={review} />
      <WorkFigureRow
        noun="CAPAs"
        cancelledLabel="CAPAs cancelled"
        figures={review.capas}
        quarter={review.quarter}
      />
      <WorkFigureRow
        noun="Actions"
        cancelledLabel="Actions set to not doing"
        figures={review.actions}
        quarter={review.quarter}
      />
    </ReviewSection>
  );
}
