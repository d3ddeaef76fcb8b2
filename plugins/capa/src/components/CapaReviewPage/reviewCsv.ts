import {
  QuarterlyReview,
  REVIEW_MAX_ROWS,
  WorkFigures,
} from '@internal/backstage-plugin-capa-common';
import { onTimeRate } from './format';
import { classificationCounts, priorityCounts } from './labels';

/** One CSV field: text, a number, or nothing (an empty field). */
type Cell = string | number | undefined;

/** A CSV section: one header row, then its rows. */
type Section = { header: string[]; rows: Cell[][] };

const LINE_BREAK = '\r\n';

/**
 * Spreadsheets run text starting with these as a formula; titles are typed
 * by users, so such text is exported with a leading apostrophe instead.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: Cell): string {
  if (cell === undefined) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(cell) : '';
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(cells: Cell[]): string {
  return cells.map(field).join(',');
}

/** A rate in percent to one decimal, as a plain number. */
function percent(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 10) / 10;
}

function workRows(
  noun: 'CAPAs' | 'Actions',
  cancelledAs: string,
  figures: WorkFigures,
): Cell[][] {
  return [
    [`${noun} opened`, figures.opened],
    [`${noun} closed`, figures.closed],
    [`${noun} closed on time`, figures.closedOnTime],
    [`${noun} on-time closure rate (%)`, percent(onTimeRate(figures))],
    [`${noun} ${cancelledAs}`, figures.cancelled],
    [`${noun} open at quarter end`, figures.openAtQuarterEnd],
    [`${noun} overdue at quarter end`, figures.overdueAtQuarterEnd],
    ...figures.ageing.map(({ key, count }): Cell[] => [
      `${noun} open ${key} days at quarter end`,
      count,
    ]),
  ];
}

function summary(review: QuarterlyReview): Section {
  const { postmortems } = review;
  return {
    header: ['Summary figure', 'Value'],
    rows: [
      ['Quarter', review.quarter],
      ['First day', review.first],
      ['Last day', review.last],
      ['Postmortems', postmortems.total],
      ['Patients affected', postmortems.patientsAffected],
      ['Organisations affected', postmortems.organisationsAffected],
      ['Median lead time (minutes)', postmortems.medianLeadTimeMinutes],
      [
        'Median correction time (minutes)',
        postmortems.medianCorrectionTimeMinutes,
      ],
      ...priorityCounts(postmortems.byPriority).map(({ label, count }) => [
        `Postmortems with priority ${label}`,
        count,
      ]),
      ...classificationCounts(postmortems.byClassification).map(
        ({ label, count }) => [`Postmortems classified ${label}`, count],
      ),
      ...workRows('CAPAs', 'cancelled', review.capas),
      ...workRows('Actions', 'set to not doing', review.actions),
      [
        `Per service list cut to the ${REVIEW_MAX_ROWS} busiest`,
        review.byEntity.truncated ? 'yes' : 'no',
      ],
      [
        `Per owner list cut to the ${REVIEW_MAX_ROWS} busiest`,
        review.byOwner.truncated ? 'yes' : 'no',
      ],
    ],
  };
}

function perService(review: QuarterlyReview): Section {
  return {
    header: [
      'Service',
      'Postmortems',
      'Patients affected',
      'Actions opened',
      'Actions closed',
      'Actions overdue at quarter end',
    ],
    rows: review.byEntity.rows.map(row => [
      row.entityRef,
      row.postmortems,
      row.patientsAffected,
      row.actionsOpened,
      row.actionsClosed,
      row.actionsOverdueAtQuarterEnd,
    ]),
  };
}

function perOwner(review: QuarterlyReview): Section {
  return {
    header: [
      'Owner',
      'CAPAs opened',
      'CAPAs closed',
      'Actions opened',
      'Actions closed',
      'Actions closed on time',
      'CAPAs and actions overdue at quarter end',
    ],
    rows: review.byOwner.rows.map(row => [
      row.ownerRef,
      row.capasOpened,
      row.capasClosed,
      row.actionsOpened,
      row.actionsClosed,
      row.actionsClosedOnTime,
      row.overdueAtQuarterEnd,
    ]),
  };
}

function overdueCapas(review: QuarterlyReview): Section {
  return {
    header: ['Overdue CAPA', 'Title', 'Owner', 'Due date', 'Days overdue'],
    rows: review.overdueCapas.map(capa => [
      capa.key,
      capa.title,
      capa.ownerRef,
      capa.dueDate,
      capa.daysOverdue,
    ]),
  };
}

function recurringCapas(review: QuarterlyReview): Section {
  return {
    header: ['Recurring CAPA', 'Title', 'Owner', 'Postmortems'],
    rows: review.recurringCapas.map(capa => [
      capa.key,
      capa.title,
      capa.ownerRef,
      capa.postmortemCount,
    ]),
  };
}

/**
 * The quarterly review as CSV (RFC 4180, CRLF line breaks): the summary
 * figures, per service, per owner, overdue CAPAs and recurring CAPAs, each
 * section one header row and its rows, sections apart by an empty line.
 * Counts stay plain numbers so that spreadsheets can sum them; a figure the
 * server did not give is an empty field.
 */
export function reviewToCsv(review: QuarterlyReview): string {
  const sections = [
    summary(review),
    perService(review),
    perOwner(review),
    overdueCapas(review),
    recurringCapas(review),
  ];
  return (
    sections
      .map(section =>
        [section.header, ...section.rows].map(line).join(LINE_BREAK),
      )
      .join(LINE_BREAK + LINE_BREAK) + LINE_BREAK
  );
}

/** The name the review's CSV is downloaded as. */
export function reviewCsvFileName(review: QuarterlyReview): string {
  return `capa-review-${review.quarter}.csv`;
}
