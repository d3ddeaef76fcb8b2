import {
  lastCompleteQuarter,
  Quarter,
  quarterOf,
  quarterRange,
} from '@internal/backstage-plugin-capa-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { HTMLAttributes } from 'react';

/** The quarters a reviewer can pick: the current one and the 15 before it. */
export function recentQuarters(today: string): Quarter[] {
  const quarters = [quarterOf(today)];
  while (quarters.length < 16) {
    const { first } = quarterRange(quarters[quarters.length - 1]);
    quarters.push(lastCompleteQuarter(first));
  }
  return quarters;
}

/** Picks the quarter under review. */
export function QuarterPicker(props: {
  quarters: Quarter[];
  value: Quarter;
  onChange: (quarter: Quarter) => void;
}) {
  return (
    <FormControl variant="outlined" size="small">
      <InputLabel id="capa-review-quarter">Quarter</InputLabel>
      <Select
        labelId="capa-review-quarter"
        label="Quarter"
        value={props.value}
        onChange={e => props.onChange(e.target.value as Quarter)}
        SelectDisplayProps={
          {
            'data-testid': 'review-quarter-select',
          } as HTMLAttributes<HTMLDivElement>
        }
      >
        {props.quarters.map(q => (
          <MenuItem key={q} value={q}>
            {q}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
