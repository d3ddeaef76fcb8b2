import {
  Content,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  isFinished,
  normalizeEntityRef,
  Postmortem,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Alert from '@material-ui/lab/Alert';
import {
  FormEvent,
  ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { capaApiRef } from '../../api';
import { postmortemRouteRef, postmortemsRouteRef } from '../../routes';
import { errorMessage, isConflict, useSave } from '../shared';
import { inputId } from './FormFields';
import { Loaded, useLoaded } from './hooks';
import { CapaChoices, PostmortemForm } from './PostmortemForm';
import {
  emptyPostmortemForm,
  FieldErrors,
  FormUpdate,
  postmortemToForm,
  PostmortemFormValues,
  serverFieldErrors,
  validateCreate,
  validateUpdate,
} from './postmortemForm';

/** A new Idempotency-Key: one per form, so a retry cannot create twice. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
}

/** The services named by `?entityRef=`, if it is a valid ref. */
function preselectedServices(entityRef: string | null): string[] {
  if (!entityRef) {
    return [];
  }
  try {
    return [normalizeEntityRef(entityRef)];
  } catch {
    return [];
  }
}

/** Moves the focus to the first field with a message. */
function focusFirstError(errors: FieldErrors) {
  for (const path of Object.keys(errors)) {
    const input =
      document.getElementById(inputId(path)) ??
      document.getElementById(`${inputId(path)}-hours`);
    if (input) {
      input.focus();
      return;
    }
  }
}

function SaveBar(props: {
  saving: boolean;
  disabled?: boolean;
  cancelLink: string;
  children?: ReactNode;
}) {
  return (
    <Box mt={3}>
      {props.children}
      <Box display="flex" style={{ gap: 8 }} mt={2}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={props.saving || props.disabled}
          startIcon={props.saving ? <CircularProgress size={16} /> : undefined}
          data-testid="postmortem-save"
        >
          {props.saving ? 'Saving…' : 'Save'}
        </Button>
        <LinkButton to={props.cancelLink} variant="outlined">
          Cancel
        </LinkButton>
      </Box>
    </Box>
  );
}

function InvalidNotice(props: { errors: FieldErrors }) {
  const count = Object.keys(props.errors).length;
  if (count === 0) {
    return null;
  }
  return (
    <Alert severity="error" data-testid="postmortem-form-invalid">
      {count === 1
        ? 'One field needs attention before this can be saved.'
        : `${count} fields need attention before this can be saved.`}
    </Alert>
  );
}

function sameMessages(a: FieldErrors, b: FieldErrors): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(key => a[key] === b[key])
  );
}

/** The same object while the messages stay the same, so cards need not redraw. */
function useSteadyMessages(messages: FieldErrors): FieldErrors {
  const kept = useRef(messages);
  if (!sameMessages(kept.current, messages)) {
    kept.current = messages;
  }
  return kept.current;
}

/**
 * The messages next to the fields. The form's own appear once a save was
 * tried and follow the typing from then on; those a server's refusal named
 * stay only while the form still holds what was sent.
 */
function useFieldMessages(options: {
  values?: PostmortemFormValues;
  validate: (values: PostmortemFormValues) => { errors?: FieldErrors };
  serverError?: { message: string };
}) {
  const { values, validate, serverError } = options;
  const [attempted, setAttempted] = useState(false);
  const sent = useRef<PostmortemFormValues>();
  const clientErrors = useSteadyMessages(
    useMemo(
      () => (attempted && values ? validate(values).errors ?? {} : {}),
      [attempted, values, validate],
    ),
  );
  const errors = useSteadyMessages({
    ...(serverError && values === sent.current
      ? serverFieldErrors(serverError.message)
      : {}),
    ...clientErrors,
  });
  return {
    errors,
    clientErrors,
    attempt: () => setAttempted(true),
    markSent: (sentValues: PostmortemFormValues) => {
      sent.current = sentValues;
    },
  };
}

function FormPage(props: { title: string; children: ReactNode }) {
  const listLink = useRouteRef(postmortemsRouteRef);
  return (
    <Page themeId="tool">
      <Header title={props.title} type="Postmortems" typeLink={listLink()} />
      <Content>{props.children}</Content>
    </Page>
  );
}

function NewPostmortemForm() {
  const capaApi = useApi(capaApiRef);
  const navigate = useNavigate();
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const listLink = useRouteRef(postmortemsRouteRef);
  const [searchParams] = useSearchParams();
  const [values, setValues] = useState(() =>
    emptyPostmortemForm(preselectedServices(searchParams.get('entityRef'))),
  );
  // One key for the life of this form: a double submit or a retry after a
  // lost answer replays the first create instead of recording a second.
  const idempotencyKey = useRef(newIdempotencyKey());
  const inFlight = useRef(false);
  const { save, saving, error } = useSave();
  const { errors, clientErrors, attempt, markSent } = useFieldMessages({
    values,
    validate: validateCreate,
    serverError: error,
  });
  const capas = useLoaded('capas', () => capaApi.listCapas({ limit: 100 }));
  const capaChoices: CapaChoices = useMemo(
    () => ({
      capas: (capas.value?.items ?? []).filter(
        capa => !isFinished(capa.status),
      ),
      loading: capas.loading,
      error: capas.error ? errorMessage(capas.error) : undefined,
    }),
    [capas.value, capas.loading, capas.error],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) {
      return;
    }
    attempt();
    const checked = validateCreate(values);
    if (!checked.request) {
      focusFirstError(checked.errors);
      return;
    }
    markSent(values);
    inFlight.current = true;
    const stored = await save('Postmortem recorded', () =>
      capaApi.createPostmortem(checked.request, idempotencyKey.current),
    );
    inFlight.current = false;
    if (stored) {
      navigate(postmortemLink({ id: stored.id }));
    }
  };

  return (
    <form noValidate onSubmit={submit} data-testid="postmortem-form">
      <PostmortemForm
        values={values}
        update={setValues}
        errors={errors}
        capaChoices={capaChoices}
      />
      <SaveBar saving={saving} cancelLink={listLink()}>
        <InvalidNotice errors={clientErrors} />
        {error && (
          <Alert severity="error" data-testid="postmortem-save-error">
            {error.message}
          </Alert>
        )}
      </SaveBar>
    </form>
  );
}

function ConflictNotice(props: { onReload: () => void }) {
  return (
    <Alert
      severity="warning"
      data-testid="postmortem-save-conflict"
      action={
        <Button color="inherit" size="small" onClick={props.onReload}>
          Reload
        </Button>
      }
    >
      Someone else changed this postmortem since you opened it, so your changes
      were not saved. Reload to see their version; it replaces what you typed
      here.
    </Alert>
  );
}

function EditPostmortemForm(props: { record: Loaded<Postmortem> }) {
  const { record } = props;
  const capaApi = useApi(capaApiRef);
  const navigate = useNavigate();
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const [base, setBase] = useState<Postmortem>();
  const [values, setValues] = useState<PostmortemFormValues>();
  const [notice, setNotice] = useState<string>();
  const inFlight = useRef(false);
  const { save, saving, error, clearError } = useSave();
  const validate = useCallback(
    (current: PostmortemFormValues) =>
      base ? validateUpdate(current, base) : { errors: {} },
    [base],
  );
  const { errors, clientErrors, attempt, markSent } = useFieldMessages({
    values,
    validate,
    serverError: error,
  });
  const conflict = error !== undefined && isConflict(error.cause);
  const update = useCallback<FormUpdate>(change => {
    setNotice(undefined);
    setValues(current => current && change(current));
  }, []);

  // Each load (the first, or a reload after a conflict) restarts the form
  // from what the server holds, so the version sent is the version shown.
  useEffect(() => {
    if (record.value) {
      setBase(record.value);
      setValues(postmortemToForm(record.value));
    }
  }, [record.value]);

  if (!base || !values) {
    return <Progress />;
  }

  const archived = base.status === 'archived';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) {
      return;
    }
    attempt();
    const checked = validateUpdate(values, base);
    if (!checked.request) {
      focusFirstError(checked.errors);
      return;
    }
    if (checked.unchanged) {
      setNotice('Nothing has changed since this postmortem was loaded.');
      return;
    }
    markSent(values);
    inFlight.current = true;
    const stored = await save('Postmortem saved', () =>
      capaApi.updatePostmortem(base.id, checked.request),
    );
    inFlight.current = false;
    if (stored) {
      navigate(postmortemLink({ id: stored.id }));
    }
  };

  return (
    <>
      {archived && (
        <Box mb={3}>
          <Alert severity="info">
            This postmortem is archived and can no longer be changed.
          </Alert>
        </Box>
      )}
      <form noValidate onSubmit={submit} data-testid="postmortem-form">
        <PostmortemForm values={values} update={update} errors={errors} />
        <SaveBar
          saving={saving}
          disabled={archived}
          cancelLink={postmortemLink({ id: base.id })}
        >
          <InvalidNotice errors={clientErrors} />
          {notice && <Alert severity="info">{notice}</Alert>}
          {conflict && (
            <ConflictNotice
              onReload={() => {
                clearError();
                record.reload();
              }}
            />
          )}
          {error && !conflict && (
            <Alert severity="error" data-testid="postmortem-save-error">
              {error.message}
            </Alert>
          )}
          {record.error && (
            <Alert severity="error">
              Could not reload this postmortem: {errorMessage(record.error)}
            </Alert>
          )}
        </SaveBar>
      </form>
    </>
  );
}

/** Loads the postmortem to edit; the form below keeps what is typed. */
function EditPostmortemPage(props: { id: string }) {
  const { id } = props;
  const capaApi = useApi(capaApiRef);
  const record = useLoaded(id, () => capaApi.getPostmortem(id));
  return (
    <FormPage
      title={record.value ? `Edit: ${record.value.title}` : 'Edit postmortem'}
    >
      {record.error && !record.value ? (
        <ResponseErrorPanel error={record.error} />
      ) : (
        <EditPostmortemForm record={record} />
      )}
    </FormPage>
  );
}

/**
 * The postmortem form: a new postmortem with its improvements at
 * `/postmortems/new` (optionally `?entityRef=` to preselect a service), or
 * the changes to one at `/postmortems/:id/edit`.
 *
 * @public
 */
export function PostmortemFormPage() {
  const { id } = useParams();
  // The form's state lives below the Page: a Page redraws every styled
  // component under it whenever it renders, which typing must not cause.
  if (id) {
    return <EditPostmortemPage id={id} />;
  }
  return (
    <FormPage title="New postmortem">
      <NewPostmortemForm />
    </FormPage>
  );
}
