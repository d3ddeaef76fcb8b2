import { LinkButton } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Postmortem } from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { capaApiRef } from '../../api';
import { editPostmortemRouteRef } from '../../routes';
import { isConflict, useSave } from '../shared';

/** What the page says when a save lost the race to someone else's. */
export const CONFLICT_MESSAGE =
  'Someone else changed this postmortem; it has been reloaded';

type Move = 'publish' | 'archive';

function ArchiveDialog(props: {
  open: boolean;
  title: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  onCancel: () => void;
  onArchive: () => void;
}) {
  return (
    <Dialog open={props.open} onClose={props.onCancel} fullWidth maxWidth="sm">
      <DialogTitle>Archive this postmortem?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          “{props.title}” stays readable with its improvements and history, but
          can no longer be changed.
        </DialogContentText>
        <TextField
          id="postmortem-archive-reason"
          label="Reason (optional)"
          helperText="Kept in the history with the archiving"
          value={props.reason}
          onChange={event => props.onReasonChange(event.target.value)}
          inputProps={{ maxLength: 1000 }}
          multiline
          minRows={2}
          fullWidth
          variant="outlined"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={props.onArchive}
          data-testid="postmortem-archive-confirm"
        >
          Archive
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function MoveButton(props: {
  move: Move;
  label: string;
  busyLabel: string;
  pending?: Move;
  onClick: () => void;
}) {
  const busy = props.pending === props.move;
  return (
    <Button
      variant={props.move === 'publish' ? 'contained' : 'outlined'}
      color="primary"
      onClick={props.onClick}
      disabled={props.pending !== undefined}
      startIcon={busy ? <CircularProgress size={16} /> : undefined}
      data-testid={`postmortem-${props.move}`}
    >
      {busy ? props.busyLabel : props.label}
    </Button>
  );
}

/**
 * Edit, publish and archive a postmortem. Each move is sent with the version
 * the page shows; the page takes the stored result, or reloads on a conflict.
 */
export function PostmortemStatusActions(props: {
  postmortem: Postmortem;
  onStored: (postmortem: Postmortem) => void;
  onConflict: () => void;
}) {
  const { postmortem, onStored, onConflict } = props;
  const capaApi = useApi(capaApiRef);
  const editLink = useRouteRef(editPostmortemRouteRef);
  const { save, saving, error, clearError } = useSave();
  const [pending, setPending] = useState<Move>();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [reason, setReason] = useState('');
  const conflict = error !== undefined && isConflict(error.cause);

  useEffect(() => {
    if (conflict) {
      onConflict();
    }
  }, [conflict, error, onConflict]);

  const run = async (move: Move) => {
    setPending(move);
    const trimmed = reason.trim();
    const stored = await save(
      move === 'publish' ? 'Postmortem published' : 'Postmortem archived',
      () =>
        capaApi.setPostmortemStatus(postmortem.id, move, {
          version: postmortem.version,
          ...(move === 'archive' && trimmed ? { reason: trimmed } : {}),
        }),
    );
    setPending(undefined);
    if (stored) {
      setReason('');
      onStored(stored);
    }
  };

  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <Box display="flex" style={{ gap: 8 }}>
        {postmortem.status !== 'archived' && (
          <LinkButton
            to={editLink({ id: postmortem.id })}
            variant="outlined"
            color="primary"
            disabled={saving}
            data-testid="postmortem-edit"
          >
            Edit
          </LinkButton>
        )}
        {postmortem.status === 'draft' && (
          <MoveButton
            move="publish"
            label="Publish"
            busyLabel="Publishing…"
            pending={pending}
            onClick={() => run('publish')}
          />
        )}
        {postmortem.status !== 'archived' && (
          <MoveButton
            move="archive"
            label="Archive"
            busyLabel="Archiving…"
            pending={pending}
            onClick={() => {
              clearError();
              setDialogOpen(true);
            }}
          />
        )}
      </Box>
      {error && (
        <Box mt={1} maxWidth="40em">
          <Alert
            severity={conflict ? 'warning' : 'error'}
            onClose={clearError}
            data-testid="postmortem-status-error"
          >
            {conflict ? CONFLICT_MESSAGE : error.message}
          </Alert>
        </Box>
      )}
      <ArchiveDialog
        open={dialogOpen}
        title={postmortem.title}
        reason={reason}
        onReasonChange={setReason}
        onCancel={() => setDialogOpen(false)}
        onArchive={() => {
          setDialogOpen(false);
          run('archive');
        }}
      />
    </Box>
  );
}
