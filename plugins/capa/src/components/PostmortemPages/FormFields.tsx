import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { memo, ReactNode } from 'react';
import { formatMinutes } from './format';
import { DurationValue } from './postmortemForm';

/** The id of a form input, from the path of the value it holds. */
export function inputId(path: string): string {
  return `postmortem-${path.replace(/\./g, '-')}`;
}

/**
 * What an input reports: the path of its value and what was typed. Stable,
 * so that an input redraws only when its own value or message changes.
 */
export type InputChange = (path: string, typed: string) => void;

/** A labelled text input of the form, with its message under it. */
export const FormText = memo(function FormTextInput(props: {
  path: string;
  label: string;
  value: string;
  onChange: InputChange;
  error?: string;
  helperText?: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'date' | 'datetime-local' | 'number';
  maxLength?: number;
  testId?: string;
}) {
  const { path, label, value, onChange, error, type = 'text' } = props;
  return (
    <TextField
      id={inputId(path)}
      label={label}
      value={value}
      onChange={event => onChange(path, event.target.value)}
      type={type}
      required={props.required}
      multiline={props.multiline}
      minRows={props.multiline ? 3 : undefined}
      maxRows={props.multiline ? 16 : undefined}
      error={Boolean(error)}
      helperText={error ?? props.helperText}
      InputLabelProps={type === 'text' ? undefined : { shrink: true }}
      inputProps={{
        maxLength: props.maxLength,
        min: type === 'number' ? 0 : undefined,
        'data-testid': props.testId,
      }}
      variant="outlined"
      fullWidth
    />
  );
});

/** A native select of the form, whose first choice means "none". */
export const FormSelect = memo(function FormNativeSelect(props: {
  path: string;
  label: string;
  value: string;
  onChange: InputChange;
  noneLabel: string;
  noneDisabled?: boolean;
  children: ReactNode;
  error?: string;
  required?: boolean;
  size?: 'small' | 'medium';
}) {
  const { path, label, value, onChange, error } = props;
  return (
    <TextField
      id={inputId(path)}
      label={label}
      select
      SelectProps={{ native: true }}
      value={value}
      onChange={event => onChange(path, event.target.value)}
      required={props.required}
      error={Boolean(error)}
      helperText={error}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size={props.size}
      fullWidth
    >
      <option value="" disabled={props.noneDisabled}>
        {props.noneLabel}
      </option>
      {props.children}
    </TextField>
  );
});

const WHOLE = /^\d+$/;

function totalOf(value: DurationValue): number | undefined {
  const hours = value.hours.trim() || '0';
  const minutes = value.minutes.trim() || '0';
  if (!WHOLE.test(hours) || !WHOLE.test(minutes)) {
    return undefined;
  }
  return Number(hours) * 60 + Number(minutes);
}

/**
 * A duration typed as hours and minutes, stored in minutes; the total is
 * spelled out under it the way the postmortem page shows it. `path` is where
 * the duration sits in the form's values, `field` the request field it fills.
 */
export const DurationInput = memo(function DurationInputs(props: {
  path: string;
  field: string;
  label: string;
  value: DurationValue;
  onChange: InputChange;
  error?: string;
}) {
  const { path, field, label, value, onChange, error } = props;
  const typed = value.hours.trim() !== '' || value.minutes.trim() !== '';
  const total = typed ? totalOf(value) : undefined;
  return (
    <Box>
      <Box display="flex" style={{ gap: 8 }}>
        <TextField
          id={`${inputId(field)}-hours`}
          label={label}
          type="number"
          value={value.hours}
          onChange={event => onChange(`${path}.hours`, event.target.value)}
          error={Boolean(error)}
          InputProps={{
            endAdornment: <InputAdornment position="end">h</InputAdornment>,
          }}
          inputProps={{ min: 0, 'aria-label': `${label} hours` }}
          variant="outlined"
          size="small"
          fullWidth
        />
        <TextField
          id={`${inputId(field)}-minutes`}
          type="number"
          value={value.minutes}
          onChange={event => onChange(`${path}.minutes`, event.target.value)}
          error={Boolean(error)}
          InputProps={{
            endAdornment: <InputAdornment position="end">min</InputAdornment>,
          }}
          inputProps={{ min: 0, 'aria-label': `${label} minutes` }}
          variant="outlined"
          size="small"
          style={{ width: '9em', flexShrink: 0 }}
        />
      </Box>
      <FormHelperText error={Boolean(error)}>
        {error ?? (total !== undefined ? formatMinutes(total) : ' ')}
      </FormHelperText>
    </Box>
  );
});
