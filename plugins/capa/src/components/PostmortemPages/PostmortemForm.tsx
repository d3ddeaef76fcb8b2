import { InfoCard } from '@backstage/core-components';
import {
  CapaRecord,
  POSTMORTEM_CLASSIFICATIONS,
  POSTMORTEM_PRIORITIES,
  postmortemLabels,
} from '@internal/backstage-plugin-capa-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import { memo, useCallback } from 'react';
import { OwnerRefField, ServicesPicker } from './EntityRefPickers';
import { fieldLabels } from './format';
import { DurationInput, FormSelect, FormText, InputChange } from './FormFields';
import {
  DURATION_FIELDS,
  errorWithin,
  FieldErrors,
  FormUpdate,
  IMPACT_COUNTS,
  newImprovementRow,
  newTimelineRow,
  PostmortemFormValues,
  withInput,
} from './postmortemForm';

const useStyles = makeStyles(theme => ({
  timelineRow: {
    display: 'grid',
    gridTemplateColumns: '17em 1fr auto',
    gap: theme.spacing(2),
    alignItems: 'start',
    marginBottom: theme.spacing(2),
  },
  improvementRow: {
    display: 'grid',
    gridTemplateColumns: '3fr 3fr 3fr 11em auto',
    gap: theme.spacing(2),
    alignItems: 'start',
    marginBottom: theme.spacing(2),
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

type SectionProps = {
  values: PostmortemFormValues;
  update: FormUpdate;
  /** Sets one input's value: `onInput('impact.missedAlerts', '3')`. */
  onInput: InputChange;
  errors: FieldErrors;
};

/**
 * A card of the form that redraws only when the values it shows, the
 * messages or its other props change.
 */
function section<P extends SectionProps>(
  render: (props: P) => JSX.Element,
  keys: (keyof PostmortemFormValues)[],
) {
  return memo(render, (before, after) =>
    (Object.keys(after) as (keyof P)[]).every(prop =>
      prop === 'values'
        ? keys.every(key => before.values[key] === after.values[key])
        : before[prop] === after[prop],
    ),
  );
}

const IncidentSection = section(
  function IncidentCard(props: SectionProps) {
    const { values, update, onInput, errors } = props;
    const setServices = useCallback(
      (entityRefs: string[]) => update(current => ({ ...current, entityRefs })),
      [update],
    );
    return (
      <InfoCard title="Incident">
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <FormText
              path="title"
              label={fieldLabels.title}
              value={values.title}
              onChange={onInput}
              error={errors.title}
              required
              maxLength={200}
              testId="postmortem-title"
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <FormText
              path="incidentDate"
              label={fieldLabels.incidentDate}
              type="date"
              value={values.incidentDate}
              onChange={onInput}
              error={errors.incidentDate}
              required
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <FormSelect
              path="priority"
              label={fieldLabels.priority}
              value={values.priority}
              onChange={onInput}
              noneLabel="Not recorded"
              error={errors.priority}
            >
              {POSTMORTEM_PRIORITIES.map(priority => (
                <option key={priority} value={priority}>
                  {postmortemLabels.priority[priority]}
                </option>
              ))}
            </FormSelect>
          </Grid>
          <Grid item xs={12} sm={4}>
            <FormSelect
              path="classification"
              label={fieldLabels.classification}
              value={values.classification}
              onChange={onInput}
              noneLabel="Not recorded"
              error={errors.classification}
            >
              {POSTMORTEM_CLASSIFICATIONS.map(classification => (
                <option key={classification} value={classification}>
                  {postmortemLabels.classification[classification]}
                </option>
              ))}
            </FormSelect>
          </Grid>
          <Grid item xs={12}>
            <ServicesPicker
              value={values.entityRefs}
              onChange={setServices}
              error={errorWithin(errors, 'entityRefs')}
            />
          </Grid>
        </Grid>
      </InfoCard>
    );
  },
  ['title', 'incidentDate', 'priority', 'classification', 'entityRefs'],
);

const SummarySection = section(
  function SummaryCard(props: SectionProps) {
    const { values, onInput, errors } = props;
    return (
      <InfoCard title="Summary">
        <FormText
          path="summary"
          label={fieldLabels.summary}
          value={values.summary}
          onChange={onInput}
          error={errors.summary}
          helperText="What happened, in a few sentences"
          multiline
          maxLength={10_000}
        />
      </InfoCard>
    );
  },
  ['summary'],
);

const TimelineSection = section(
  function TimelineCard(props: SectionProps) {
    const { values, update, onInput, errors } = props;
    const classes = useStyles();
    return (
      <InfoCard title="Timeline">
        <div data-testid="postmortem-timeline-editor">
          {values.timeline.length === 0 && (
            <Typography variant="body2" color="textSecondary" paragraph>
              No events yet. Add them in any order; the postmortem shows them by
              time.
            </Typography>
          )}
          {values.timeline.map((row, index) => (
            <div key={row.key} className={classes.timelineRow}>
              <FormText
                path={`timeline.${index}.at`}
                label="Time"
                type="datetime-local"
                value={row.at}
                onChange={onInput}
                error={errors[`timeline.${index}.at`]}
                required
              />
              <FormText
                path={`timeline.${index}.event`}
                label="Event"
                value={row.event}
                onChange={onInput}
                error={errors[`timeline.${index}.event`]}
                required
                maxLength={1000}
              />
              <IconButton
                aria-label={`Remove timeline entry ${index + 1}`}
                onClick={() =>
                  update(current => ({
                    ...current,
                    timeline: current.timeline.filter(
                      other => other.key !== row.key,
                    ),
                  }))
                }
              >
                <DeleteIcon />
              </IconButton>
            </div>
          ))}
          <Button
            startIcon={<AddIcon />}
            onClick={() =>
              update(current => ({
                ...current,
                timeline: [...current.timeline, newTimelineRow()],
              }))
            }
          >
            Add timeline entry
          </Button>
          {errors.timeline && (
            <Typography variant="body2" color="error">
              {errors.timeline}
            </Typography>
          )}
        </div>
      </InfoCard>
    );
  },
  ['timeline'],
);

const TimesSection = section(
  function TimesCard(props: SectionProps) {
    const { values, onInput, errors } = props;
    return (
      <InfoCard title="Times">
        {DURATION_FIELDS.map(field => (
          <DurationInput
            key={field}
            path={`durations.${field}`}
            field={field}
            label={fieldLabels[field]}
            value={values.durations[field]}
            onChange={onInput}
            error={errors[field]}
          />
        ))}
        <Box mt={1}>
          <FormSelect
            path="slaMet"
            label={fieldLabels.slaMet}
            value={values.slaMet}
            onChange={onInput}
            noneLabel="Not recorded"
            error={errors.slaMet}
            size="small"
          >
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </FormSelect>
        </Box>
      </InfoCard>
    );
  },
  ['durations', 'slaMet'],
);

const ImpactSection = section(
  function ImpactCard(props: SectionProps) {
    const { values, onInput, errors } = props;
    return (
      <InfoCard title="Impact">
        <Grid container spacing={2}>
          {IMPACT_COUNTS.map(field => (
            <Grid item xs={12} sm={6} key={field}>
              <FormText
                path={`impact.${field}`}
                label={fieldLabels[field]}
                type="number"
                value={values.impact[field]}
                onChange={onInput}
                error={errors[`impact.${field}`]}
              />
            </Grid>
          ))}
          <Grid item xs={12}>
            <FormText
              path="impact.patientSafetyAssessment"
              label={fieldLabels.patientSafetyAssessment}
              value={values.impact.patientSafetyAssessment}
              onChange={onInput}
              error={errors['impact.patientSafetyAssessment']}
              multiline
              maxLength={5000}
            />
          </Grid>
        </Grid>
      </InfoCard>
    );
  },
  ['impact'],
);

const CauseSection = section(
  function CauseCard(props: SectionProps) {
    const { values, onInput, errors } = props;
    const classes = useStyles();
    return (
      <InfoCard title="Cause and solution">
        <div className={classes.stack}>
          <FormText
            path="workaround"
            label={fieldLabels.workaround}
            value={values.workaround}
            onChange={onInput}
            error={errors.workaround}
            multiline
            maxLength={10_000}
          />
          <FormText
            path="cause"
            label={fieldLabels.cause}
            value={values.cause}
            onChange={onInput}
            error={errors.cause}
            multiline
            maxLength={10_000}
          />
          <FormText
            path="solution.correction"
            label={fieldLabels.correction}
            value={values.solution.correction}
            onChange={onInput}
            error={errors['solution.correction']}
            multiline
            maxLength={10_000}
          />
          <FormText
            path="solution.correctiveAction"
            label={fieldLabels.correctiveAction}
            value={values.solution.correctiveAction}
            onChange={onInput}
            error={errors['solution.correctiveAction']}
            multiline
            maxLength={10_000}
          />
        </div>
      </InfoCard>
    );
  },
  ['workaround', 'cause', 'solution'],
);

const CommunicationSection = section(
  function CommunicationCard(props: SectionProps) {
    const { values, onInput, errors } = props;
    const classes = useStyles();
    return (
      <InfoCard title="Communication">
        <div className={classes.stack}>
          <FormText
            path="communication.external"
            label="External communication"
            value={values.communication.external}
            onChange={onInput}
            error={errors['communication.external']}
            multiline
            maxLength={10_000}
          />
          <FormText
            path="communication.internal"
            label="Internal communication"
            value={values.communication.internal}
            onChange={onInput}
            error={errors['communication.internal']}
            multiline
            maxLength={10_000}
          />
        </div>
      </InfoCard>
    );
  },
  ['communication'],
);

/** The CAPAs an improvement can go under, or why there are none to offer. */
export type CapaChoices = {
  capas: CapaRecord[];
  loading: boolean;
  error?: string;
};

function CapaNotices(props: { capaChoices: CapaChoices }) {
  const { capaChoices } = props;
  if (capaChoices.error) {
    return (
      <Box mb={2}>
        <Alert severity="error">
          Could not load the CAPAs: {capaChoices.error}
        </Alert>
      </Box>
    );
  }
  if (!capaChoices.loading && capaChoices.capas.length === 0) {
    return (
      <Box mb={2}>
        <Alert severity="info">
          There are no open CAPAs to put improvements under. Open a CAPA first,
          or record the postmortem now and add its actions later.
        </Alert>
      </Box>
    );
  }
  return null;
}

const ImprovementsSection = section(
  function ImprovementsCard(
    props: SectionProps & { capaChoices: CapaChoices },
  ) {
    const { values, update, onInput, errors, capaChoices } = props;
    const classes = useStyles();
    return (
      <InfoCard
        title="Improvements"
        subheader="Each becomes an action under an open CAPA, owned by a user or group such as group:default/platform-circle."
      >
        <div data-testid="postmortem-improvements-editor">
          <CapaNotices capaChoices={capaChoices} />
          {values.improvements.map((row, index) => (
            <div
              key={row.key}
              className={classes.improvementRow}
              data-testid="postmortem-improvement-row"
            >
              <FormText
                path={`improvements.${index}.title`}
                label="Improvement"
                value={row.title}
                onChange={onInput}
                error={errors[`improvements.${index}.title`]}
                required
                maxLength={200}
              />
              <FormSelect
                path={`improvements.${index}.capaId`}
                label="CAPA"
                value={row.capaId}
                onChange={onInput}
                noneLabel={
                  capaChoices.loading ? 'Loading CAPAs…' : 'Choose a CAPA'
                }
                noneDisabled
                error={errors[`improvements.${index}.capaId`]}
                required
              >
                {capaChoices.capas.map(capa => (
                  <option key={capa.id} value={capa.id}>
                    {capa.key} — {capa.title}
                  </option>
                ))}
              </FormSelect>
              <OwnerRefField
                path={`improvements.${index}.ownerRef`}
                value={row.ownerRef}
                onChange={onInput}
                error={errors[`improvements.${index}.ownerRef`]}
              />
              <FormText
                path={`improvements.${index}.dueDate`}
                label="Due date"
                type="date"
                value={row.dueDate}
                onChange={onInput}
                error={errors[`improvements.${index}.dueDate`]}
                required
              />
              <IconButton
                aria-label={`Remove improvement ${index + 1}`}
                onClick={() =>
                  update(current => ({
                    ...current,
                    improvements: current.improvements.filter(
                      other => other.key !== row.key,
                    ),
                  }))
                }
              >
                <DeleteIcon />
              </IconButton>
            </div>
          ))}
          <Button
            startIcon={<AddIcon />}
            onClick={() =>
              update(current => ({
                ...current,
                improvements: [...current.improvements, newImprovementRow()],
              }))
            }
            disabled={capaChoices.capas.length === 0}
          >
            Add improvement
          </Button>
          {errors.improvements && (
            <Typography variant="body2" color="error">
              {errors.improvements}
            </Typography>
          )}
        </div>
      </InfoCard>
    );
  },
  ['improvements'],
);

/**
 * Every field of a postmortem, in cards; improvements only for a new one,
 * since later ones are added as actions of their CAPA.
 */
export function PostmortemForm(props: {
  values: PostmortemFormValues;
  update: FormUpdate;
  errors: FieldErrors;
  capaChoices?: CapaChoices;
}) {
  const { values, update, errors, capaChoices } = props;
  const onInput = useCallback<InputChange>(
    (path, typed) => update(current => withInput(current, path, typed)),
    [update],
  );
  const shared = { values, update, onInput, errors };
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <IncidentSection {...shared} />
      </Grid>
      <Grid item xs={12}>
        <SummarySection {...shared} />
      </Grid>
      <Grid item xs={12}>
        <TimelineSection {...shared} />
      </Grid>
      <Grid item xs={12} md={6}>
        <TimesSection {...shared} />
      </Grid>
      <Grid item xs={12} md={6}>
        <ImpactSection {...shared} />
      </Grid>
      <Grid item xs={12}>
        <CauseSection {...shared} />
      </Grid>
      <Grid item xs={12}>
        <CommunicationSection {...shared} />
      </Grid>
      {capaChoices && (
        <Grid item xs={12}>
          <ImprovementsSection {...shared} capaChoices={capaChoices} />
        </Grid>
      )}
    </Grid>
  );
}
