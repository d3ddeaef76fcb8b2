import {
  AGEING_BUCKETS,
  AgeingBucket,
  CountBy,
  EntityReviewRow,
  OverdueCapa,
  OwnerReviewRow,
  QuarterlyReview,
  QuarterRange,
  quarterRange,
  RecurringCapa,
  REVIEW_MAX_ROWS,
  WorkFigures,
} from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';

/** A count, sum or average as a driver returns it: pg sends big ones as text. */
type SqlNumber = number | string | null;

/** CAPAs or actions: the two kinds of work the review counts alike. */
type WorkKind = 'capas' | 'actions';

/** Where each kind of work lives, and which statuses finish it. */
const WORK: Record<
  WorkKind,
  { table: string; closed: string; cancelled: string }
> = {
  capas: { table: 'capa_records', closed: 'closed', cancelled: 'cancelled' },
  actions: { table: 'capa_actions', closed: 'done', cancelled: 'not_doing' },
};

/**
 * The age in days at which each ageing bucket ends, youngest first; work older
 * than the last end falls in {@link OLDEST_AGEING_BUCKET}.
 */
const AGEING_BUCKET_ENDS: ReadonlyArray<[AgeingBucket, number]> = [
  ['0-30', 30],
  ['31-90', 90],
  ['91-180', 180],
];
const OLDEST_AGEING_BUCKET: AgeingBucket = '181+';

/** The key of postmortems without a priority or a classification. */
const UNSET = 'unset';

type PostmortemTotalsRow = {
  total: SqlNumber;
  organisations_affected: SqlNumber;
  patients_affected: SqlNumber;
};

type CountByRow = { value: string; count: SqlNumber };

type WorkFiguresRow = {
  opened: SqlNumber;
  closed: SqlNumber;
  closed_on_time: SqlNumber;
  cancelled: SqlNumber;
  open_at_quarter_end: SqlNumber;
  overdue_at_quarter_end: SqlNumber;
};

type AgeingRow = { bucket: AgeingBucket; count: SqlNumber };

type RecurringCapaRow = {
  id: string;
  key: string;
  title: string;
  owner_ref: string;
  postmortem_count: SqlNumber;
};

type OverdueCapaRow = {
  id: string;
  key: string;
  title: string;
  owner_ref: string;
  due_date: string;
  days_overdue: SqlNumber;
};

type EntityReviewSqlRow = {
  entity_ref: string;
  postmortems: SqlNumber;
  patients_affected: SqlNumber;
  actions_opened: SqlNumber;
  actions_closed: SqlNumber;
  actions_overdue: SqlNumber;
};

type OwnerReviewSqlRow = {
  owner_ref: string;
  capas_opened: SqlNumber;
  capas_closed: SqlNumber;
  actions_opened: SqlNumber;
  actions_closed: SqlNumber;
  actions_closed_on_time: SqlNumber;
  overdue: SqlNumber;
};

/** Null, as SUM gives over no rows, counts as nothing. */
function toNumber(value: SqlNumber | undefined): number {
  return Number(value ?? 0);
}

/** The first `REVIEW_MAX_ROWS` of rows fetched one past that limit. */
function bounded<T>(rows: T[]): { rows: T[]; truncated: boolean } {
  return {
    rows: rows.slice(0, REVIEW_MAX_ROWS),
    truncated: rows.length > REVIEW_MAX_ROWS,
  };
}

/**
 * The SQL of the quarterly quality review, on SQLite and PostgreSQL. Every
 * figure is an aggregate computed by the database, and every list is limited,
 * so the memory a review takes does not grow with the tables.
 */
export class ReviewQueries {
  constructor(private readonly db: Knex) {}

  /** The review of a quarter such as `2024-Q2`. */
  async review(quarter: string): Promise<QuarterlyReview> {
    const range = quarterRange(quarter);
    const [
      postmortems,
      capas,
      actions,
      recurringCapas,
      overdueCapas,
      byEntity,
      byOwner,
    ] = await Promise.all([
      this.postmortemFigures(range),
      this.workFigures('capas', range),
      this.workFigures('actions', range),
      this.recurringCapas(range),
      this.overdueCapas(range),
      this.byEntity(range),
      this.byOwner(range),
    ]);
    return {
      quarter,
      first: range.first,
      last: range.last,
      postmortems,
      capas,
      actions,
      recurringCapas,
      overdueCapas,
      byEntity,
      byOwner,
    };
  }

  private async postmortemFigures(
    range: QuarterRange,
  ): Promise<QuarterlyReview['postmortems']> {
    const [
      totals,
      byPriority,
      byClassification,
      medianLeadTimeMinutes,
      medianCorrectionTimeMinutes,
    ] = await Promise.all([
      this.postmortemTotals(range),
      this.postmortemsBy('priority', range),
      this.postmortemsBy('classification', range),
      this.median('lead_time_minutes', range),
      this.median('correction_time_minutes', range),
    ]);
    return {
      total: toNumber(totals?.total),
      byPriority,
      byClassification,
      organisationsAffected: toNumber(totals?.organisations_affected),
      patientsAffected: toNumber(totals?.patients_affected),
      medianLeadTimeMinutes,
      medianCorrectionTimeMinutes,
    };
  }

  /** The quarter's postmortems, as `p`: archived ones no longer count. */
  private quarterPostmortems({ first, last }: QuarterRange) {
    return this.db('capa_postmortems as p')
      .whereNot('p.status', 'archived')
      .whereBetween('p.incident_date', [first, last]);
  }

  private async postmortemTotals(
    range: QuarterRange,
  ): Promise<PostmortemTotalsRow | undefined> {
    return this.quarterPostmortems(range)
      .select(
        this.db.raw('COUNT(*) AS total'),
        // SUM skips the postmortems that do not say.
        this.db.raw('SUM(p.organisations_affected) AS organisations_affected'),
        this.db.raw('SUM(p.patients_affected) AS patients_affected'),
      )
      .first();
  }

  private async postmortemsBy(
    column: 'priority' | 'classification',
    range: QuarterRange,
  ): Promise<CountBy[]> {
    const values = this.quarterPostmortems(range).select(
      this.db.raw(`COALESCE(p.${column}, ?) AS value`, [UNSET]),
    );
    const rows: CountByRow[] = await this.db
      .from(values.as('v'))
      .select('v.value')
      .count({ count: '*' })
      .groupBy('v.value')
      .orderBy('v.value');
    return rows.map(row => ({ key: row.value, count: toNumber(row.count) }));
  }

  /**
   * The median of a duration over the quarter's postmortems that give it.
   * Portable SQL: rank the values, then average the middle one (odd count) or
   * the middle two (even count).
   */
  private async median(
    column: 'lead_time_minutes' | 'correction_time_minutes',
    range: QuarterRange,
  ): Promise<number | undefined> {
    const ranked = this.quarterPostmortems(range)
      .whereNotNull(`p.${column}`)
      .select(
        this.db.raw(`p.${column} AS value`),
        this.db.raw(`ROW_NUMBER() OVER (ORDER BY p.${column}) AS ordinal`),
        this.db.raw('COUNT(*) OVER () AS total'),
      );
    const row: { median: SqlNumber } | undefined = await this.db
      .from(ranked.as('r'))
      .whereRaw('r.ordinal IN ((r.total + 1) / 2, (r.total + 2) / 2)')
      .select(this.db.raw('AVG(r.value) AS median'))
      .first();
    return row?.median === null || row?.median === undefined
      ? undefined
      : Number(row.median);
  }

  private async workFigures(
    kind: WorkKind,
    range: QuarterRange,
  ): Promise<WorkFigures> {
    const { table, closed, cancelled } = WORK[kind];
    const [row, ageing]: [WorkFiguresRow | undefined, AgeingRow[]] =
      await Promise.all([
        this.db(`${table} as w`)
          .select(
            this.countWhere('opened', this.openedIn('w', range)),
            this.countWhere('closed', this.finishedIn('w', closed, range)),
            this.countWhere(
              'closed_on_time',
              this.finishedOnTime('w', closed, range),
            ),
            this.countWhere(
              'cancelled',
              this.finishedIn('w', cancelled, range),
            ),
            this.countWhere(
              'open_at_quarter_end',
              this.openAtQuarterEnd('w', range),
            ),
            this.countWhere(
              'overdue_at_quarter_end',
              this.overdueAtQuarterEnd('w', range),
            ),
          )
          .first(),
        this.ageingAtQuarterEnd(table, range),
      ]);
    const counts = new Map(ageing.map(a => [a.bucket, toNumber(a.count)]));
    return {
      opened: toNumber(row?.opened),
      closed: toNumber(row?.closed),
      closedOnTime: toNumber(row?.closed_on_time),
      cancelled: toNumber(row?.cancelled),
      openAtQuarterEnd: toNumber(row?.open_at_quarter_end),
      overdueAtQuarterEnd: toNumber(row?.overdue_at_quarter_end),
      // Every bucket, empty ones too, so that charts keep their axis.
      ageing: AGEING_BUCKETS.map(bucket => ({
        key: bucket,
        count: counts.get(bucket) ?? 0,
      })),
    };
  }

  /** How long the work still open at quarter end had been open, by bucket. */
  private async ageingAtQuarterEnd(
    table: string,
    range: QuarterRange,
  ): Promise<AgeingRow[]> {
    const ages = this.db(`${table} as w`)
      .where(this.openAtQuarterEnd('w', range))
      .select(
        this.db.raw('? AS age_days', [
          this.daysBetween('w.opened_on', range.last),
        ]),
      );
    const whens = AGEING_BUCKET_ENDS.map(() => 'WHEN a.age_days <= ? THEN ?');
    const bucket = this.db.raw(`CASE ${whens.join(' ')} ELSE ? END AS bucket`, [
      ...AGEING_BUCKET_ENDS.flatMap(([name, end]) => [end, name]),
      OLDEST_AGEING_BUCKET,
    ]);
    // Grouped by the output name: both engines allow it, and repeating the
    // CASE would bind its values twice under different parameter numbers.
    return this.db
      .from(ages.as('a'))
      .select(bucket)
      .count({ count: '*' })
      .groupBy('bucket');
  }

  /**
   * CAPAs that the same problem fed again: two or more postmortems up to the
   * quarter's end, linked directly or through an action, one of them in the
   * quarter.
   */
  private async recurringCapas({
    first,
    last,
  }: QuarterRange): Promise<RecurringCapa[]> {
    const links = this.db('capa_record_postmortems')
      .select('capa_id', 'postmortem_id')
      .union(
        this.db('capa_actions')
          .select('capa_id', 'postmortem_id')
          .whereNotNull('postmortem_id'),
      );
    const rows: RecurringCapaRow[] = await this.db
      .with('capa_postmortem_links', links)
      .from('capa_postmortem_links as l')
      .join('capa_postmortems as p', 'p.id', 'l.postmortem_id')
      .join('capa_records as c', 'c.id', 'l.capa_id')
      .whereNot('p.status', 'archived')
      .where('p.incident_date', '<=', last)
      .groupBy('c.id', 'c.key', 'c.title', 'c.owner_ref')
      .havingRaw('COUNT(DISTINCT p.id) >= 2')
      .havingRaw('MAX(p.incident_date) >= ?', [first])
      .select(
        'c.id',
        'c.key',
        'c.title',
        'c.owner_ref',
        this.db.raw('COUNT(DISTINCT p.id) AS postmortem_count'),
      )
      .orderBy([
        { column: 'postmortem_count', order: 'desc' },
        { column: 'c.key', order: 'asc' },
      ])
      .limit(REVIEW_MAX_ROWS);
    return rows.map(row => ({
      capaId: row.id,
      key: row.key,
      title: row.title,
      ownerRef: row.owner_ref,
      postmortemCount: toNumber(row.postmortem_count),
    }));
  }

  /** CAPAs still open at quarter end past their due date, longest overdue first. */
  private async overdueCapas(range: QuarterRange): Promise<OverdueCapa[]> {
    const rows: OverdueCapaRow[] = await this.db('capa_records as c')
      .where(this.overdueAtQuarterEnd('c', range))
      .select(
        'c.id',
        'c.key',
        'c.title',
        'c.owner_ref',
        'c.due_date',
        this.db.raw('? AS days_overdue', [
          this.daysBetween('c.due_date', range.last),
        ]),
      )
      .orderBy([
        { column: 'c.due_date', order: 'asc' },
        { column: 'c.key', order: 'asc' },
      ])
      .limit(REVIEW_MAX_ROWS);
    return rows.map(row => ({
      capaId: row.id,
      key: row.key,
      title: row.title,
      ownerRef: row.owner_ref,
      dueDate: row.due_date,
      daysOverdue: toNumber(row.days_overdue),
    }));
  }

  /**
   * The figures per catalog entity. One row per postmortem link and per
   * action link that counts for something, summed per entity: the rows that
   * count for nothing are left out, so every entity listed has a figure.
   */
  private async byEntity(
    range: QuarterRange,
  ): Promise<QuarterlyReview['byEntity']> {
    const postmortemLinks = this.quarterPostmortems(range)
      .join('capa_postmortem_entities as pe', 'pe.postmortem_id', 'p.id')
      .select(
        'pe.entity_ref',
        this.db.raw('1 AS postmortems'),
        this.db.raw('COALESCE(p.patients_affected, 0) AS patients_affected'),
        this.db.raw('0 AS actions_opened'),
        this.db.raw('0 AS actions_closed'),
        this.db.raw('0 AS actions_overdue'),
      );
    const opened = this.openedIn('a', range);
    const closed = this.finishedIn('a', WORK.actions.closed, range);
    const overdue = this.overdueAtQuarterEnd('a', range);
    const actionLinks = this.db('capa_action_entities as ae')
      .join('capa_actions as a', 'a.id', 'ae.action_id')
      .where(q => q.where(opened).orWhere(closed).orWhere(overdue))
      .select(
        'ae.entity_ref',
        this.db.raw('0 AS postmortems'),
        this.db.raw('0 AS patients_affected'),
        this.flag('actions_opened', opened),
        this.flag('actions_closed', closed),
        this.flag('actions_overdue', overdue),
      );
    const rows: EntityReviewSqlRow[] = await this.db
      .with('entity_figures', postmortemLinks.unionAll(actionLinks))
      .from('entity_figures as f')
      .groupBy('f.entity_ref')
      .select(
        'f.entity_ref',
        this.db.raw('SUM(f.postmortems) AS postmortems'),
        this.db.raw('SUM(f.patients_affected) AS patients_affected'),
        this.db.raw('SUM(f.actions_opened) AS actions_opened'),
        this.db.raw('SUM(f.actions_closed) AS actions_closed'),
        this.db.raw('SUM(f.actions_overdue) AS actions_overdue'),
      )
      .orderByRaw(
        'SUM(f.postmortems) + SUM(f.actions_opened) + SUM(f.actions_overdue) DESC',
      )
      .orderBy('f.entity_ref')
      .limit(REVIEW_MAX_ROWS + 1);
    return bounded(
      rows.map(
        (row): EntityReviewRow => ({
          entityRef: row.entity_ref,
          postmortems: toNumber(row.postmortems),
          patientsAffected: toNumber(row.patients_affected),
          actionsOpened: toNumber(row.actions_opened),
          actionsClosed: toNumber(row.actions_closed),
          actionsOverdueAtQuarterEnd: toNumber(row.actions_overdue),
        }),
      ),
    );
  }

  /**
   * The figures per owner of CAPAs and actions, busiest first. As per
   * entity, only records that count for something make rows.
   */
  private async byOwner(
    range: QuarterRange,
  ): Promise<QuarterlyReview['byOwner']> {
    const capaOpened = this.openedIn('c', range);
    const capaClosed = this.finishedIn('c', WORK.capas.closed, range);
    const capaOverdue = this.overdueAtQuarterEnd('c', range);
    const capas = this.db('capa_records as c')
      .where(q => q.where(capaOpened).orWhere(capaClosed).orWhere(capaOverdue))
      .select(
        'c.owner_ref',
        this.flag('capas_opened', capaOpened),
        this.flag('capas_closed', capaClosed),
        this.db.raw('0 AS actions_opened'),
        this.db.raw('0 AS actions_closed'),
        this.db.raw('0 AS actions_closed_on_time'),
        this.flag('overdue', capaOverdue),
      );
    const actionOpened = this.openedIn('a', range);
    const actionClosed = this.finishedIn('a', WORK.actions.closed, range);
    const actionOverdue = this.overdueAtQuarterEnd('a', range);
    const actions = this.db('capa_actions as a')
      .where(q =>
        q.where(actionOpened).orWhere(actionClosed).orWhere(actionOverdue),
      )
      .select(
        'a.owner_ref',
        this.db.raw('0 AS capas_opened'),
        this.db.raw('0 AS capas_closed'),
        this.flag('actions_opened', actionOpened),
        this.flag('actions_closed', actionClosed),
        this.flag(
          'actions_closed_on_time',
          this.finishedOnTime('a', WORK.actions.closed, range),
        ),
        this.flag('overdue', actionOverdue),
      );
    const rows: OwnerReviewSqlRow[] = await this.db
      .with('owner_figures', capas.unionAll(actions))
      .from('owner_figures as f')
      .groupBy('f.owner_ref')
      .select(
        'f.owner_ref',
        this.db.raw('SUM(f.capas_opened) AS capas_opened'),
        this.db.raw('SUM(f.capas_closed) AS capas_closed'),
        this.db.raw('SUM(f.actions_opened) AS actions_opened'),
        this.db.raw('SUM(f.actions_closed) AS actions_closed'),
        this.db.raw('SUM(f.actions_closed_on_time) AS actions_closed_on_time'),
        this.db.raw('SUM(f.overdue) AS overdue'),
      )
      // Closed on time is a part of closed: counting it too would weigh
      // punctual owners twice.
      .orderByRaw(
        'SUM(f.capas_opened) + SUM(f.capas_closed) + SUM(f.actions_opened)' +
          ' + SUM(f.actions_closed) + SUM(f.overdue) DESC',
      )
      .orderBy('f.owner_ref')
      .limit(REVIEW_MAX_ROWS + 1);
    return bounded(
      rows.map(
        (row): OwnerReviewRow => ({
          ownerRef: row.owner_ref,
          capasOpened: toNumber(row.capas_opened),
          capasClosed: toNumber(row.capas_closed),
          actionsOpened: toNumber(row.actions_opened),
          actionsClosed: toNumber(row.actions_closed),
          actionsClosedOnTime: toNumber(row.actions_closed_on_time),
          overdueAtQuarterEnd: toNumber(row.overdue),
        }),
      ),
    );
  }

  /** `SUM` of a condition: how many rows meet it. */
  private countWhere(name: string, condition: Knex.Raw): Knex.Raw {
    return this.db.raw(`SUM(CASE WHEN ? THEN 1 ELSE 0 END) AS ${name}`, [
      condition,
    ]);
  }

  /** 1 when a row meets a condition, else 0, for summing further out. */
  private flag(name: string, condition: Knex.Raw): Knex.Raw {
    return this.db.raw(`CASE WHEN ? THEN 1 ELSE 0 END AS ${name}`, [condition]);
  }

  private openedIn(alias: string, { first, last }: QuarterRange): Knex.Raw {
    return this.db.raw(`(${alias}.opened_on BETWEEN ? AND ?)`, [first, last]);
  }

  private finishedIn(
    alias: string,
    status: string,
    { first, last }: QuarterRange,
  ): Knex.Raw {
    return this.db.raw(
      `(${alias}.status = ? AND ${alias}.finished_on BETWEEN ? AND ?)`,
      [status, first, last],
    );
  }

  /** Finished in the quarter on or before the due date. */
  private finishedOnTime(
    alias: string,
    status: string,
    range: QuarterRange,
  ): Knex.Raw {
    return this.db.raw(`(? AND ${alias}.finished_on <= ${alias}.due_date)`, [
      this.finishedIn(alias, status, range),
    ]);
  }

  /**
   * Opened by the quarter's last day and not finished on it. Judged by the
   * days, not the status, so that work finished since still counts as open
   * then.
   */
  private openAtQuarterEnd(alias: string, { last }: QuarterRange): Knex.Raw {
    return this.db.raw(
      `(${alias}.opened_on <= ? AND (${alias}.finished_on IS NULL OR ${alias}.finished_on > ?))`,
      [last, last],
    );
  }

  /** Open at quarter end and due before its last day. */
  private overdueAtQuarterEnd(alias: string, range: QuarterRange): Knex.Raw {
    return this.db.raw(`(? AND ${alias}.due_date < ?)`, [
      this.openAtQuarterEnd(alias, range),
      range.last,
    ]);
  }

  /** Whole days from a calendar-date column to a later day. */
  private daysBetween(column: string, day: string): Knex.Raw {
    if (this.db.client.config.client.includes('sqlite')) {
      return this.db.raw(
        `CAST(julianday(?) - julianday(${column}) AS INTEGER)`,
        [day],
      );
    }
    return this.db.raw(`(?::date - ${column}::date)`, [day]);
  }
}
