import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
    // On paper every column shows; nothing can scroll there.
    '@media print': { overflow: 'visible' },
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
});

/** A column of a {@link FiguresTable}; numeric columns align right. */
export type FiguresColumn<Row> = {
  title: string;
  numeric?: boolean;
  render: (row: Row) => ReactNode;
};

/**
 * A plain, dense table of review rows, every row shown: the review is read
 * and printed whole, so it neither pages nor sorts.
 */
export function FiguresTable<Row>(props: {
  label: string;
  columns: FiguresColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  const classes = useStyles();
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            {props.columns.map(column => (
              <TableCell
                key={column.title}
                align={column.numeric ? 'right' : 'left'}
              >
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => (
            <TableRow key={props.rowKey(row)}>
              {props.columns.map(column => (
                <TableCell
                  key={column.title}
                  align={column.numeric ? 'right' : 'left'}
                  className={column.numeric ? classes.number : undefined}
                >
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
