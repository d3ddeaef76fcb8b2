import {
  ACTION_TRANSITIONS,
  ActionTransition,
  CAPA_TRANSITIONS,
  CapaTransition,
} from '@internal/backstage-plugin-capa-common';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { SaveDialogActions } from '../shared';

/** A move that asks for more than a click: a reason, or the effectiveness check. */
export type MoveInput = {
  reason?: string;
  effectivenessCheck?: {
    method: string;
    criteria: string;
    result: 'effective' | 'not_effective';
    notes?: string;
  };
};

/** Whether a move needs the dialog before it is sent. */
export function needsDialog(
  kind: 'capa' | 'action',
  transition: CapaTransition | ActionTransition,
): boolean {
  if (kind === 'action') {
    return ACTION_TRANSITIONS[transition as ActionTransition].reasonRequired;
  }
  return (
    transition === 'recordEffectiveness' ||
    transition === 'close' ||
    CAPA_TRANSITIONS[transition as CapaTransition].reasonRequired
  );
}

/**
 * Asks what a move needs: the reason for cancelling, not doing or reopening;
 * the effectiveness check (method, criteria, result) before verification;
 * a confirmation before closing. It stays open, with the server's message,
 * until the server has stored the move.
 */
export function MoveDialog(props: {
  kind: 'capa' | 'action';
  transition: CapaTransition | ActionTransition;
  recordName: string;
  saving: boolean;
  error?: string;
  onCancel: () => void;
  onConfirm: (input: MoveInput) => void;
}) {
  const { kind, transition } = props;
  const move =
    kind === 'capa'
      ? CAPA_TRANSITIONS[transition as CapaTransition]
      : ACTION_TRANSITIONS[transition as ActionTransition];
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState('');
  const [criteria, setCriteria] = useState('');
  const [result, setResult] = useState<'effective' | 'not_effective'>(
    'effective',
  );
  const [notes, setNotes] = useState('');
  const isCheck = kind === 'capa' && transition === 'recordEffectiveness';
  const incomplete =
    (move.reasonRequired && !reason.trim()) ||
    (isCheck && (!method.trim() || !criteria.trim()));

  const confirm = () =>
    props.onConfirm({
      reason: reason.trim() || undefined,
      effectivenessCheck: isCheck
        ? {
            method: method.trim(),
            criteria: criteria.trim(),
            result,
            notes: notes.trim() || undefined,
          }
        : undefined,
    });

  return (
    <Dialog
      open
      onClose={props.saving ? undefined : props.onCancel}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>
        {move.label}: {props.recordName}
      </DialogTitle>
      <DialogContent>
        {transition === 'close' && (
          <Typography paragraph>
            Closing is final: the CAPA's effectiveness check is recorded and
            every action is done or not doing. The history keeps who closed it
            and when.
          </Typography>
        )}
        {isCheck && (
          <>
            <Typography paragraph>
              How was the CAPA checked, and did it work? A check that finds it
              not effective sends it back to in progress.
            </Typography>
            <TextField
              label="Method"
              placeholder="e.g. restore drill, 90 days of alert history"
              value={method}
              onChange={e => setMethod(e.target.value)}
              required
              fullWidth
              margin="dense"
              inputProps={{ 'data-testid': 'effectiveness-method' }}
            />
            <TextField
              label="Criteria"
              placeholder="What counts as effective"
              value={criteria}
              onChange={e => setCriteria(e.target.value)}
              required
              fullWidth
              margin="dense"
              inputProps={{ 'data-testid': 'effectiveness-criteria' }}
            />
            <RadioGroup
              row
              value={result}
              onChange={e => setResult(e.target.value as typeof result)}
            >
              <FormControlLabel
                value="effective"
                control={<Radio />}
                label="Effective"
              />
              <FormControlLabel
                value="not_effective"
                control={<Radio />}
                label="Not effective"
              />
            </RadioGroup>
            <TextField
              label="Notes"
              value={notes}
              onChange={e => setNotes(e.target.value)}
              fullWidth
              multiline
              minRows={2}
              margin="dense"
            />
          </>
        )}
        {move.reasonRequired && (
          <TextField
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            helperText="Kept in the history"
            inputProps={{ 'data-testid': 'move-reason' }}
          />
        )}
        {props.error && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {props.error}
          </Alert>
        )}
      </DialogContent>
      <SaveDialogActions
        label={move.label}
        saving={props.saving}
        disabled={incomplete}
        testId="move-confirm"
        onCancel={props.onCancel}
        onSave={confirm}
      />
    </Dialog>
  );
}
