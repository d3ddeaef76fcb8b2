import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(10em, max-content) 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1.5),
    margin: 0,
  },
  label: {
    color: theme.palette.text.secondary,
    fontWeight: 500,
  },
  value: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  text: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/** One labelled value; `undefined` means not recorded, and is left out. */
export type Detail = {
  /** Names the field for browser tests: `data-field`. */
  field: string;
  label: string;
  value: ReactNode | undefined;
};

/** Whether any of the details has a value. */
export function hasDetails(details: Detail[]): boolean {
  return details.some(detail => detail.value !== undefined);
}

/** Labelled values in two aligned columns, leaving out what is empty. */
export function DetailList(props: { details: Detail[] }) {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.details
        .filter(detail => detail.value !== undefined)
        .map(detail => (
          <Row key={detail.field} detail={detail} classes={classes} />
        ))}
    </dl>
  );
}

function Row(props: { detail: Detail; classes: ReturnType<typeof useStyles> }) {
  const { detail, classes } = props;
  return (
    <>
      <Typography component="dt" variant="body2" className={classes.label}>
        {detail.label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        className={classes.value}
        data-field={detail.field}
      >
        {detail.value}
      </Typography>
    </>
  );
}

/** Free text as it was written, line breaks kept. */
export function TextBlock(props: { field: string; text: string }) {
  const classes = useStyles();
  return (
    <Typography
      variant="body2"
      className={classes.text}
      data-field={props.field}
    >
      {props.text}
    </Typography>
  );
}
