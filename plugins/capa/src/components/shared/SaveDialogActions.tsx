import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import DialogActions from '@material-ui/core/DialogActions';

/**
 * Cancel and save for a dialog that saves: while the request is out, both
 * are disabled and the save button says so.
 */
export function SaveDialogActions(props: {
  label: string;
  saving: boolean;
  disabled?: boolean;
  testId?: string;
  onCancel: () => void;
  onSave: () => void;
}) {
  return (
    <DialogActions>
      <Button onClick={props.onCancel} disabled={props.saving}>
        Cancel
      </Button>
      <Button
        color="primary"
        variant="contained"
        onClick={props.onSave}
        disabled={props.saving || props.disabled}
        startIcon={props.saving ? <CircularProgress size={16} /> : undefined}
        data-testid={props.testId}
      >
        {props.saving ? 'Saving…' : props.label}
      </Button>
    </DialogActions>
  );
}
