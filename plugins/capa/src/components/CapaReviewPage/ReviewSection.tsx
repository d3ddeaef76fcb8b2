import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  whole: {
    '@media print': {
      breakInside: 'avoid',
      pageBreakInside: 'avoid',
      boxShadow: 'none',
    },
  },
  // Long tables may run over pages; their rows stay whole instead.
  breakable: {
    '@media print': {
      boxShadow: 'none',
      '& tr': { breakInside: 'avoid', pageBreakInside: 'avoid' },
    },
  },
});

/**
 * One card of the review. On paper a card stays on one page, unless it is
 * `breakable`, as a long table is.
 */
export function ReviewSection(props: {
  title: string;
  subheader?: string;
  breakable?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <InfoCard
      title={props.title}
      subheader={props.subheader}
      variant={props.breakable ? undefined : 'gridItem'}
      className={props.breakable ? classes.breakable : classes.whole}
    >
      {props.children}
    </InfoCard>
  );
}

/** What a section says when the quarter gave it nothing to show. */
export function NoReviewData(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}
