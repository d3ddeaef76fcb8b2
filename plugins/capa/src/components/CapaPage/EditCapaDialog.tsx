import {
  CAPA_SEVERITIES,
  CAPA_TYPES,
  capaLabels,
  CapaRecord,
  UpdateCapaRequest,
  updateCapaRequestSchema,
} from '@internal/backstage-plugin-capa-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { SaveDialogActions } from '../shared';

type Draft = {
  title: string;
  problemStatement: string;
  rootCause: string;
  ownerRef: string;
  dueDate: string;
  dueDateReason: string;
  type: CapaRecord['type'];
  severity: CapaRecord['severity'];
};

/** The changed fields of a draft, with the version it was read at. */
export function capaChanges(capa: CapaRecord, draft: Draft): UpdateCapaRequest {
  const changes: Record<string, unknown> = { version: capa.version };
  if (draft.title !== capa.title) changes.title = draft.title;
  if (draft.problemStatement !== capa.problemStatement)
    changes.problemStatement = draft.problemStatement;
  if (draft.rootCause !== (capa.rootCause ?? '') && draft.rootCause.trim())
    changes.rootCause = draft.rootCause;
  if (draft.ownerRef !== capa.ownerRef) changes.ownerRef = draft.ownerRef;
  if (draft.type !== capa.type) changes.type = draft.type;
  if (draft.severity !== capa.severity) changes.severity = draft.severity;
  if (draft.dueDate !== capa.dueDate) {
    changes.dueDate = draft.dueDate;
    changes.dueDateReason = draft.dueDateReason.trim() || undefined;
  }
  return changes as UpdateCapaRequest;
}

/**
 * Edits a CAPA's fields. A new due date asks for its reason (the history
 * keeps both dates); the form is checked with the API's own schema before it
 * is sent, and stays open with the server's message until it is stored.
 */
export function EditCapaDialog(props: {
  capa: CapaRecord;
  saving: boolean;
  error?: string;
  onCancel: () => void;
  onSave: (request: UpdateCapaRequest) => void;
}) {
  const { capa } = props;
  const [draft, setDraft] = useState<Draft>({
    title: capa.title,
    problemStatement: capa.problemStatement,
    rootCause: capa.rootCause ?? '',
    ownerRef: capa.ownerRef,
    dueDate: capa.dueDate,
    dueDateReason: '',
    type: capa.type,
    severity: capa.severity,
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const set = (field: keyof Draft) => (e: { target: { value: unknown } }) =>
    setDraft(d => ({ ...d, [field]: e.target.value as string }));

  const save = () => {
    const request = capaChanges(capa, draft);
    const parsed = updateCapaRequestSchema.safeParse(request);
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

  const field = (name: keyof Draft, label: string, extra: object = {}) => (
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
      maxWidth="md"
    >
      <DialogTitle>Edit {capa.key}</DialogTitle>
      <DialogContent>
        {field('title', 'Title', {
          required: true,
          inputProps: { 'data-testid': 'capa-title' },
        })}
        {field('problemStatement', 'Problem statement', {
          multiline: true,
          minRows: 3,
          required: true,
        })}
        {field('rootCause', 'Root cause', { multiline: true, minRows: 2 })}
        {field('ownerRef', 'Owner (user or group ref)', { required: true })}
        <TextField
          select
          label="Type"
          value={draft.type}
          onChange={set('type')}
          fullWidth
          margin="dense"
        >
          {CAPA_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {capaLabels.type[t]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label="Severity"
          value={draft.severity}
          onChange={set('severity')}
          fullWidth
          margin="dense"
        >
          {CAPA_SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {capaLabels.severity[s]}
            </MenuItem>
          ))}
        </TextField>
        {field('dueDate', 'Due date', {
          type: 'date',
          InputLabelProps: { shrink: true },
          inputProps: { 'data-testid': 'capa-due-date' },
        })}
        {draft.dueDate !== capa.dueDate &&
          field('dueDateReason', 'Why the due date changes', {
            required: true,
            inputProps: { 'data-testid': 'capa-due-date-reason' },
          })}
        {props.error && (
          <Alert
            severity="error"
            style={{ marginTop: 16 }}
            data-testid="capa-save-error"
          >
            {props.error}
          </Alert>
        )}
      </DialogContent>
      <SaveDialogActions
        label="Save"
        saving={props.saving}
        testId="capa-save"
        onCancel={props.onCancel}
        onSave={save}
      />
    </Dialog>
  );
}
