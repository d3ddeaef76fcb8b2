import {
  CapaAction,
  UpdateActionRequest,
  updateActionRequestSchema,
} from '@internal/backstage-plugin-capa-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { SaveDialogActions } from '../shared';

/** The changed fields of an action, with the version it was read at. */
export function actionChanges(
  action: CapaAction,
  draft: {
    title: string;
    ownerRef: string;
    dueDate: string;
    dueDateReason: string;
  },
): UpdateActionRequest {
  const changes: Record<string, unknown> = { version: action.version };
  if (draft.title !== action.title) changes.title = draft.title;
  if (draft.ownerRef !== action.ownerRef) changes.ownerRef = draft.ownerRef;
  if (draft.dueDate !== action.dueDate) {
    changes.dueDate = draft.dueDate;
    changes.dueDateReason = draft.dueDateReason.trim() || undefined;
  }
  return changes as UpdateActionRequest;
}

/**
 * Changes an action's title, owner or due date; a new due date asks for its
 * reason. Checked with the API's schema before it is sent, and open with the
 * server's message until it is stored.
 */
export function EditActionDialog(props: {
  action: CapaAction;
  saving: boolean;
  error?: string;
  onCancel: () => void;
  onSave: (request: UpdateActionRequest) => void;
}) {
  const { action } = props;
  const [draft, setDraft] = useState({
    title: action.title,
    ownerRef: action.ownerRef,
    dueDate: action.dueDate,
    dueDateReason: '',
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const set =
    (field: keyof typeof draft) => (e: { target: { value: string } }) =>
      setDraft(d => ({ ...d, [field]: e.target.value }));

  const save = () => {
    const request = actionChanges(action, draft);
    const parsed = updateActionRequestSchema.safeParse(request);
    if (!parsed.success) {
      setInvalid(
        Object.fromEntries(
          parsed.error.issues.map(issue => [
            String(issue.path[0]),
            issue.message,
          ]),
        ),
      );
      return;
    }
    setInvalid({});
    props.onSave(request);
  };

  return (
    <Dialog
      open
      onClose={props.saving ? undefined : props.onCancel}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>Edit the action</DialogTitle>
      <DialogContent>
        <TextField
          label="Title"
          value={draft.title}
          onChange={set('title')}
          error={Boolean(invalid.title)}
          helperText={invalid.title}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          label="Owner (user or group ref)"
          value={draft.ownerRef}
          onChange={set('ownerRef')}
          error={Boolean(invalid.ownerRef)}
          helperText={invalid.ownerRef}
          fullWidth
          margin="dense"
          required
        />
        <TextField
          label="Due date"
          type="date"
          value={draft.dueDate}
          onChange={set('dueDate')}
          error={Boolean(invalid.dueDate)}
          helperText={invalid.dueDate}
          fullWidth
          margin="dense"
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'data-testid': 'action-due-date' }}
        />
        {draft.dueDate !== action.dueDate && (
          <TextField
            label="Why the due date changes"
            value={draft.dueDateReason}
            onChange={set('dueDateReason')}
            error={Boolean(invalid.dueDateReason)}
            helperText={
              invalid.dueDateReason ?? 'Kept in the history with both dates'
            }
            fullWidth
            margin="dense"
            required
            inputProps={{ 'data-testid': 'action-due-date-reason' }}
          />
        )}
        {props.error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {props.error}
          </Alert>
        )}
      </DialogContent>
      <SaveDialogActions
        label="Save"
        saving={props.saving}
        testId="action-save"
        onCancel={props.onCancel}
        onSave={save}
      />
    </Dialog>
  );
}
