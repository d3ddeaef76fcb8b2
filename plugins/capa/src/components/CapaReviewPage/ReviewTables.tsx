import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  EntityReviewRow,
  OverdueCapa,
  OwnerReviewRow,
  QuarterlyReview,
  RecurringCapa,
  REVIEW_MAX_ROWS,
} from '@internal/backstage-plugin-capa-common';
import { capaRouteRef } from '../../routes';
import { FiguresColumn, FiguresTable } from './FiguresTable';
import { NoReviewData, ReviewSection } from './ReviewSection';

function truncationNote(truncated: boolean, what: string): string | undefined {
  return truncated
    ? `Showing the ${REVIEW_MAX_ROWS} busiest ${what}.`
    : undefined;
}

const serviceColumns: FiguresColumn<EntityReviewRow>[] = [
  {
    title: 'Service',
    render: row => (
      <EntityRefLink entityRef={row.entityRef} defaultKind="component" />
    ),
  },
  { title: 'Postmortems', numeric: true, render: row => row.postmortems },
  {
    title: 'Patients affected',
    numeric: true,
    render: row => row.patientsAffected,
  },
  { title: 'Actions opened', numeric: true, render: row => row.actionsOpened },
  { title: 'Actions closed', numeric: true, render: row => row.actionsClosed },
  {
    title: 'Actions overdue at quarter end',
    numeric: true,
    render: row => row.actionsOverdueAtQuarterEnd,
  },
];

/** The review per service (catalog entity), busiest first. */
export function ServiceFiguresTable(props: { review: QuarterlyReview }) {
  const { byEntity, quarter } = props.review;
  return (
    <ReviewSection
      title="Per service"
      subheader={truncationNote(byEntity.truncated, 'services')}
      breakable
    >
      {byEntity.rows.length === 0 ? (
        <NoReviewData>
          No service had postmortems or actions in {quarter}.
        </NoReviewData>
      ) : (
        <FiguresTable
          label="Per service"
          columns={serviceColumns}
          rows={byEntity.rows}
          rowKey={row => row.entityRef}
        />
      )}
    </ReviewSection>
  );
}

const ownerColumns: FiguresColumn<OwnerReviewRow>[] = [
  {
    title: 'Owner',
    render: row => <EntityRefLink entityRef={row.ownerRef} />,
  },
  { title: 'CAPAs opened', numeric: true, render: row => row.capasOpened },
  { title: 'CAPAs closed', numeric: true, render: row => row.capasClosed },
  { title: 'Actions opened', numeric: true, render: row => row.actionsOpened },
  { title: 'Actions closed', numeric: true, render: row => row.actionsClosed },
  {
    title: 'Actions closed on time',
    numeric: true,
    render: row => row.actionsClosedOnTime,
  },
  {
    title: 'CAPAs and actions overdue at quarter end',
    numeric: true,
    render: row => row.overdueAtQuarterEnd,
  },
];

/** The review per owner of CAPAs and actions, busiest first. */
export function OwnerFiguresTable(props: { review: QuarterlyReview }) {
  const { byOwner, quarter } = props.review;
  return (
    <ReviewSection
      title="Per owner"
      subheader={truncationNote(byOwner.truncated, 'owners')}
      breakable
    >
      {byOwner.rows.length === 0 ? (
        <NoReviewData>No owner had CAPAs or actions in {quarter}.</NoReviewData>
      ) : (
        <FiguresTable
          label="Per owner"
          columns={ownerColumns}
          rows={byOwner.rows}
          rowKey={row => row.ownerRef}
        />
      )}
    </ReviewSection>
  );
}

function CapaKeyLink(props: { capaId: string; capaKey: string }) {
  const capaLink = useRouteRef(capaRouteRef);
  return <Link to={capaLink({ id: props.capaId })}>{props.capaKey}</Link>;
}

const overdueColumns: FiguresColumn<OverdueCapa>[] = [
  {
    title: 'CAPA',
    render: capa => <CapaKeyLink capaId={capa.capaId} capaKey={capa.key} />,
  },
  { title: 'Title', render: capa => capa.title },
  {
    title: 'Owner',
    render: capa => <EntityRefLink entityRef={capa.ownerRef} />,
  },
  { title: 'Due date', render: capa => capa.dueDate },
  { title: 'Days overdue', numeric: true, render: capa => capa.daysOverdue },
];

/** CAPAs still open and past their due date on the quarter's last day. */
export function OverdueCapasTable(props: { review: QuarterlyReview }) {
  const { overdueCapas, quarter, last } = props.review;
  return (
    <ReviewSection
      title="Overdue CAPAs at quarter end"
      subheader={`Open and past their due date on ${last}, longest overdue first.`}
      breakable
    >
      {overdueCapas.length === 0 ? (
        <NoReviewData>
          No CAPA was overdue at the end of {quarter}.
        </NoReviewData>
      ) : (
        <FiguresTable
          label="Overdue CAPAs at quarter end"
          columns={overdueColumns}
          rows={overdueCapas}
          rowKey={capa => capa.capaId}
        />
      )}
    </ReviewSection>
  );
}

const recurringColumns: FiguresColumn<RecurringCapa>[] = [
  {
    title: 'CAPA',
    render: capa => <CapaKeyLink capaId={capa.capaId} capaKey={capa.key} />,
  },
  { title: 'Title', render: capa => capa.title },
  {
    title: 'Owner',
    render: capa => <EntityRefLink entityRef={capa.ownerRef} />,
  },
  { title: 'Postmortems', numeric: true, render: capa => capa.postmortemCount },
];

/** CAPAs that two or more postmortems fed, one of them in the quarter. */
export function RecurringCapasTable(props: { review: QuarterlyReview }) {
  const { recurringCapas, quarter } = props.review;
  return (
    <ReviewSection
      title="Recurring CAPAs"
      subheader="Fed by two or more postmortems, at least one in the quarter: the problem came back."
      breakable
    >
      {recurringCapas.length === 0 ? (
        <NoReviewData>No recurring CAPAs in {quarter}.</NoReviewData>
      ) : (
        <FiguresTable
          label="Recurring CAPAs"
          columns={recurringColumns}
          rows={recurringCapas}
          rowKey={capa => capa.capaId}
        />
      )}
    </ReviewSection>
  );
}
