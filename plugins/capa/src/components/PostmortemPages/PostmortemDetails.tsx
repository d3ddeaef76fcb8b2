import { InfoCard } from '@backstage/core-components';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Postmortem,
  postmortemLabels,
} from '@internal/backstage-plugin-capa-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Detail, DetailList, hasDetails, TextBlock } from './DetailList';
import {
  fieldLabels,
  formatInstant,
  formatMinutes,
  formatWrittenTime,
  timelineInOrder,
} from './format';

const minutes = (value: number | undefined) =>
  value === undefined ? undefined : formatMinutes(value);
const count = (value: number | undefined) =>
  value === undefined ? undefined : value.toLocaleString('en-GB');
const yesNo = (value: boolean | undefined) => {
  if (value === undefined) {
    return undefined;
  }
  return value ? 'Yes' : 'No';
};

/** A postmortem's status as a chip. */
export function PostmortemStatusChip(props: { postmortem: Postmortem }) {
  const { status } = props.postmortem;
  return (
    <Chip
      size="small"
      label={postmortemLabels.status[status]}
      color={status === 'published' ? 'primary' : 'default'}
      variant={status === 'archived' ? 'outlined' : 'default'}
      data-testid="postmortem-status"
      data-status={status}
    />
  );
}

function IncidentCard(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const details: Detail[] = [
    {
      field: 'incidentDate',
      label: fieldLabels.incidentDate,
      value: postmortem.incidentDate,
    },
    {
      field: 'priority',
      label: fieldLabels.priority,
      value: postmortem.priority
        ? postmortemLabels.priority[postmortem.priority]
        : undefined,
    },
    {
      field: 'classification',
      label: fieldLabels.classification,
      value: postmortem.classification
        ? postmortemLabels.classification[postmortem.classification]
        : undefined,
    },
    {
      field: 'status',
      label: fieldLabels.status,
      value: <PostmortemStatusChip postmortem={postmortem} />,
    },
    {
      field: 'createdBy',
      label: fieldLabels.createdBy,
      value: <EntityRefLink entityRef={postmortem.createdBy} />,
    },
    {
      field: 'entityRefs',
      label: fieldLabels.entityRefs,
      value: (
        <EntityRefLinks
          entityRefs={postmortem.entityRefs}
          defaultKind="component"
        />
      ),
    },
    {
      field: 'createdAt',
      label: 'Recorded',
      value: formatInstant(postmortem.createdAt),
    },
    {
      field: 'updatedAt',
      label: 'Last changed',
      value:
        postmortem.updatedAt === postmortem.createdAt
          ? undefined
          : formatInstant(postmortem.updatedAt),
    },
  ];
  return (
    <InfoCard title="Incident">
      <DetailList details={details} />
    </InfoCard>
  );
}

function TimesCard(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const details: Detail[] = [
    {
      field: 'leadTimeMinutes',
      label: fieldLabels.leadTimeMinutes,
      value: minutes(postmortem.leadTimeMinutes),
    },
    {
      field: 'workaroundTimeMinutes',
      label: fieldLabels.workaroundTimeMinutes,
      value: minutes(postmortem.workaroundTimeMinutes),
    },
    {
      field: 'correctionTimeMinutes',
      label: fieldLabels.correctionTimeMinutes,
      value: minutes(postmortem.correctionTimeMinutes),
    },
    {
      field: 'resolutionTimeMinutes',
      label: fieldLabels.resolutionTimeMinutes,
      value: minutes(postmortem.resolutionTimeMinutes),
    },
    {
      field: 'slaMet',
      label: fieldLabels.slaMet,
      value: yesNo(postmortem.slaMet),
    },
  ];
  if (!hasDetails(details)) {
    return null;
  }
  return (
    <InfoCard title="Times">
      <DetailList details={details} />
    </InfoCard>
  );
}

function ImpactCard(props: { postmortem: Postmortem }) {
  const { impact } = props.postmortem;
  const details: Detail[] = [
    {
      field: 'impact.organisationsAffected',
      label: fieldLabels.organisationsAffected,
      value: count(impact.organisationsAffected),
    },
    {
      field: 'impact.programsAffected',
      label: fieldLabels.programsAffected,
      value: count(impact.programsAffected),
    },
    {
      field: 'impact.patientsAffected',
      label: fieldLabels.patientsAffected,
      value: count(impact.patientsAffected),
    },
    {
      field: 'impact.missedAlerts',
      label: fieldLabels.missedAlerts,
      value: count(impact.missedAlerts),
    },
    {
      field: 'impact.patientsNotMonitored',
      label: fieldLabels.patientsNotMonitored,
      value: count(impact.patientsNotMonitored),
    },
    {
      field: 'impact.patientSafetyAssessment',
      label: fieldLabels.patientSafetyAssessment,
      value: impact.patientSafetyAssessment,
    },
  ];
  if (!hasDetails(details)) {
    return null;
  }
  return (
    <InfoCard title="Impact">
      <DetailList details={details} />
    </InfoCard>
  );
}

function TimelineCard(props: { postmortem: Postmortem }) {
  const entries = timelineInOrder(props.postmortem.timeline);
  if (entries.length === 0) {
    return null;
  }
  return (
    <InfoCard title="Timeline" noPadding>
      <Table size="small" data-testid="postmortem-timeline">
        <TableHead>
          <TableRow>
            <TableCell style={{ width: '11em' }}>Time</TableCell>
            <TableCell>Event</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry, index) => (
            <TableRow key={`${entry.at}-${index}`}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {formatWrittenTime(entry.at)}
              </TableCell>
              <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                {entry.event}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

function TextCard(props: { title: string; field: string; text?: string }) {
  if (!props.text) {
    return null;
  }
  return (
    <InfoCard title={props.title}>
      <TextBlock field={props.field} text={props.text} />
    </InfoCard>
  );
}

function DetailsCard(props: { title: string; details: Detail[] }) {
  if (!hasDetails(props.details)) {
    return null;
  }
  return (
    <InfoCard title={props.title}>
      <DetailList details={props.details} />
    </InfoCard>
  );
}

const useStyles = makeStyles(theme => ({
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(3),
  },
}));

/**
 * Every recorded field of a postmortem, readable: the incident and its times
 * beside the story of what happened, what it affected and what was done.
 */
export function PostmortemDetails(props: { postmortem: Postmortem }) {
  const { postmortem } = props;
  const { solution, communication } = postmortem;
  const classes = useStyles();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8} className={classes.stack}>
        <TextCard title="Summary" field="summary" text={postmortem.summary} />
        <TimelineCard postmortem={postmortem} />
        <TextCard
          title="Workaround"
          field="workaround"
          text={postmortem.workaround}
        />
        <TextCard title="Cause" field="cause" text={postmortem.cause} />
        <DetailsCard
          title="Solution"
          details={[
            {
              field: 'solution.correction',
              label: fieldLabels.correction,
              value: solution.correction,
            },
            {
              field: 'solution.correctiveAction',
              label: fieldLabels.correctiveAction,
              value: solution.correctiveAction,
            },
          ]}
        />
        <DetailsCard
          title="Communication"
          details={[
            {
              field: 'communication.external',
              label: fieldLabels.external,
              value: communication.external,
            },
            {
              field: 'communication.internal',
              label: fieldLabels.internal,
              value: communication.internal,
            },
          ]}
        />
      </Grid>
      <Grid item xs={12} md={4} className={classes.stack}>
        <IncidentCard postmortem={postmortem} />
        <TimesCard postmortem={postmortem} />
        <ImpactCard postmortem={postmortem} />
      </Grid>
    </Grid>
  );
}
