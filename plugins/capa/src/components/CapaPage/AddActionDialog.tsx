import {
  createActionRequestSchema,
  CreateActionRequest,
} from '@internal/backstage-plugin-capa-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { SaveDialogActions } from '../shared';

/**
 * Adds an action under a CAPA. Checked with the API's schema before it is
 * sent; it stays open with the server's message until the action is stored.
 */
export function AddActionDialog(props: {
  capaId: string;
  capaKey: string;
  saving: boolean;
  error?: string;
  onCancel: () => void;
  onSave: (request: CreateActionRequest) => void;
}) {
  const [draft, setDraft] = useState({
    title: '',
    ownerRef: '',
    dueDate: '',
    description: '',
    entityRefs: '',
    ticketUrl: '',
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const set =
    (field: keyof typeof draft) => (e: { target: { value: string } }) =>
      setDraft(d => ({ ...d, [field]: e.target.value }));

  const save = () => {
    const request = {
      capaId: props.capaId,
      title: draft.title,
      ownerRef: draft.ownerRef,
      dueDate: draft.dueDate,
      description: draft.description.trim() || undefined,
      ticketUrl: draft.ticketUrl.trim() || undefined,
      entityRefs: draft.entityRefs.trim()
        ? draft.entityRefs
            .split(',')
            .map(ref => ref.trim())
            .filter(Boolean)
        : undefined,
    };
    const parsed = createActionRequestSchema.safeParse(request);
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
    props.onSave(request as CreateActionRequest);
  };

  const field = (
    name: keyof typeof draft,
    label: string,
    extra: object = {},
  ) => (
    <TextField
      label={label}
      value={draft[name]}
      onChange={set(name)}
      error={Boolean(invalid[name])}
      helperText={invalid[name]}
      fullWidth
      margin="dense"
      {...extra}
    />
  );

  return (
    <Dialog
      open
      onClose={props.saving ? undefined : props.onCancel}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>Add an action to {props.capaKey}</DialogTitle>
      <DialogContent>
        {field('title', 'Title', { required: true })}
        {field('ownerRef', 'Owner (user or group ref)', {
          required: true,
          placeholder: 'group:default/platform-circle',
        })}
        {field('dueDate', 'Due date', {
          type: 'date',
          required: true,
          InputLabelProps: { shrink: true },
        })}
        {field('description', 'Description', { multiline: true, minRows: 2 })}
        {field('entityRefs', 'Services it touches (comma-separated refs)', {
          placeholder: 'component:default/vitals',
        })}
        {field('ticketUrl', 'Ticket URL')}
        {props.error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {props.error}
          </Alert>
        )}
      </DialogContent>
      <SaveDialogActions
        label="Add action"
        saving={props.saving}
        onCancel={props.onCancel}
        onSave={save}
      />
    </Dialog>
  );
}
