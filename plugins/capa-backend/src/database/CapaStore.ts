import {
  ActionStatus,
  CalendarDate,
  CapaAction,
  CapaRecord,
  CapaStatus,
  HistoryEntry,
  OverdueCheckRun,
  Page,
  Postmortem,
  PostmortemStatus,
  QuarterlyReview,
  WorkSummary,
} from '@internal/backstage-plugin-capa-common';

/** A CAPA as stored; the service adds its due state. */
export type StoredCapa = Omit<CapaRecord, 'dueState'>;

/** An action as stored; the service adds its due state. */
export type StoredAction = Omit<CapaAction, 'dueState'>;

/** A page request: at most `limit` rows after `cursor`. */
export type PageRequest = { limit: number; cursor?: string };

/** The postmortem fields a client writes. */
export type PostmortemFields = Omit<
  Postmortem,
  'id' | 'status' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version'
>;

/** Filters of a postmortem list. Entity refs of any number are chunked. */
export type PostmortemFilter = {
  entityRefs?: string[];
  incidentBetween?: { first: CalendarDate; last: CalendarDate };
  status?: PostmortemStatus;
};

/**
 * Filters of a CAPA or action list. Entity and owner refs of any number are
 * chunked; `due` carries the day the service decided is today.
 */
export type WorkFilter = {
  entityRefs?: string[];
  ownerRefs?: string[];
  status?: CapaStatus | ActionStatus;
  due?: {
    state: 'overdue' | 'due_soon';
    today: CalendarDate;
    dueSoonLastDay: CalendarDate;
  };
  dueBetween?: { first: CalendarDate; last: CalendarDate };
  capaId?: string;
  postmortemId?: string;
};

/** A new CAPA: the client's fields plus the server's. */
export type NewCapa = Omit<
  StoredCapa,
  'key' | 'effectivenessCheck' | 'finishedOn' | 'updatedAt' | 'version'
>;

/** A new action: the client's fields plus the server's. */
export type NewAction = Omit<
  StoredAction,
  'capaKey' | 'statusReason' | 'finishedOn' | 'updatedAt' | 'version'
>;

/** Fields of a CAPA that a compare-and-set update may change. */
export type CapaPatch = Partial<
  Pick<
    StoredCapa,
    | 'title'
    | 'problemStatement'
    | 'type'
    | 'ownerRef'
    | 'dueDate'
    | 'severity'
    | 'rootCause'
    | 'status'
    | 'effectivenessCheck'
    | 'postmortemIds'
    | 'entityRefs'
  >
> & { finishedOn?: CalendarDate | null };

/** Fields of an action that a compare-and-set update may change. */
export type ActionPatch = Partial<
  Pick<
    StoredAction,
    | 'title'
    | 'description'
    | 'ownerRef'
    | 'dueDate'
    | 'entityRefs'
    | 'ticketUrl'
    | 'status'
  >
> & { statusReason?: string | null; finishedOn?: CalendarDate | null };

/** A CAPA or action with its owner, for permission decisions. */
export type OwnedRecord = {
  kind: 'capa' | 'action';
  id: string;
  ownerRef: string;
};

/** A history entry to append; the store assigns its id. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id'>;

/** A create's first result, kept for replays of the same idempotency key. */
export type IdempotentResult = {
  operation: string;
  requestHash: string;
  response: unknown;
};

/** Postmortems. Updates are compare-and-set on the version. */
export interface PostmortemTable {
  get(id: string): Promise<Postmortem | undefined>;
  list(filter: PostmortemFilter, page: PageRequest): Promise<Page<Postmortem>>;
  insert(
    postmortem: PostmortemFields & {
      id: string;
      status: PostmortemStatus;
      createdBy: string;
      createdAt: Date;
    },
  ): Promise<void>;
  /** Applies the patch if the version still matches; false when it did not. */
  update(
    id: string,
    expectedVersion: number,
    patch: Partial<PostmortemFields> & { status?: PostmortemStatus },
    now: Date,
  ): Promise<boolean>;
}

/** CAPA records. Updates are compare-and-set on the version. */
export interface CapaRecordTable {
  /** The next `CAPA-N`: one sequence per installation, never reused. */
  nextKey(): Promise<{ seq: number; key: string }>;
  get(id: string): Promise<StoredCapa | undefined>;
  list(filter: WorkFilter, page: PageRequest): Promise<Page<StoredCapa>>;
  insert(capa: NewCapa & { seq: number; key: string }): Promise<void>;
  update(
    id: string,
    expectedVersion: number,
    patch: CapaPatch,
    now: Date,
  ): Promise<boolean>;
  /** How many of a CAPA's actions are neither done nor not doing. */
  countUnfinishedActions(capaId: string): Promise<number>;
}

/** Actions. Updates are compare-and-set on the version. */
export interface ActionTable {
  get(id: string): Promise<StoredAction | undefined>;
  list(filter: WorkFilter, page: PageRequest): Promise<Page<StoredAction>>;
  /** Counts of the filter's actions by where they stand, in SQL. */
  summary(
    filter: WorkFilter,
    days: {
      today: CalendarDate;
      dueSoonLastDay: CalendarDate;
      quarter: { first: CalendarDate; last: CalendarDate };
    },
  ): Promise<WorkSummary>;
  insert(action: NewAction): Promise<void>;
  update(
    id: string,
    expectedVersion: number,
    patch: ActionPatch,
    now: Date,
  ): Promise<boolean>;
}

/** The append-only history. */
export interface HistoryTable {
  append(entries: NewHistoryEntry[]): Promise<void>;
  list(
    recordType: HistoryEntry['recordType'],
    recordId: string,
    page: PageRequest,
  ): Promise<Page<HistoryEntry>>;
}

/** First results of idempotent creates, per caller and key. */
export interface IdempotencyTable {
  find(actor: string, key: string): Promise<IdempotentResult | undefined>;
  /**
   * Claims a key for a request inside the write transaction; false when it
   * was claimed already (a concurrent claim waits until the first commits).
   */
  claim(
    actor: string,
    key: string,
    request: Omit<IdempotentResult, 'response'>,
    now: Date,
  ): Promise<boolean>;
  /** Stores the first result of a claimed key. */
  complete(actor: string, key: string, response: unknown): Promise<void>;
}

/** An open CAPA or action that is due soon or overdue, for the overdue check. */
export type DueNotice = {
  kind: 'capa' | 'action';
  id: string;
  title: string;
  ownerRef: string;
  dueDate: CalendarDate;
  capaKey: string;
  capaId: string;
  /** The due state its owner was last told about. */
  notifiedDueState?: string;
};

/** What the overdue check reads and claims. */
export interface DueNoticeTable {
  /** One batch of open records due by `lastDay`, in (due date, id) order after `after`. */
  dueBy(
    kind: DueNotice['kind'],
    lastDay: CalendarDate,
    after: { dueDate: CalendarDate; id: string } | undefined,
    limit: number,
  ): Promise<DueNotice[]>;
  /**
   * Marks records (at most one batch) as announced in `state`, if they are
   * still open, in that state and not announced in it yet. Returns the ids
   * it marked: only those may be announced.
   */
  claim(
    kind: DueNotice['kind'],
    ids: string[],
    state: 'due_soon' | 'overdue',
    today: CalendarDate,
    lastDay: CalendarDate,
  ): Promise<string[]>;
  /** Undoes a claim whose notification could not be sent. */
  release(
    kind: DueNotice['kind'],
    id: string,
    state: 'due_soon' | 'overdue',
    previous: string | undefined,
  ): Promise<void>;
}

/** The last run of each background task. */
export interface TaskRunTable {
  start(task: string, startedAt: Date): Promise<void>;
  finish(task: string, run: Omit<OverdueCheckRun, 'startedAt'>): Promise<void>;
  last(task: string): Promise<OverdueCheckRun | undefined>;
}

/** The tables, as read outside a transaction or written inside one. */
export interface CapaTables {
  postmortems: PostmortemTable;
  capas: CapaRecordTable;
  actions: ActionTable;
  history: HistoryTable;
  idempotency: IdempotencyTable;
  dueNotices: DueNoticeTable;
  taskRuns: TaskRunTable;
}

/**
 * Persistence of the CAPA domain. All SQL lives behind this interface.
 */
export interface CapaStore extends CapaTables {
  /**
   * Runs `fn` in one write transaction that holds the write lock from its
   * first statement, so concurrent writers wait rather than fail, and nothing
   * is half-written.
   */
  write<T>(fn: (tx: CapaTables) => Promise<T>): Promise<T>;

  /** The quarterly review's figures, computed in SQL. */
  review(quarter: string): Promise<QuarterlyReview>;

  /**
   * Owners of CAPAs and actions named by permission resource refs
   * (`capa:<id>`, `action:<id>`), in the order asked; undefined for refs
   * that name nothing.
   */
  ownersOf(resourceRefs: string[]): Promise<Array<OwnedRecord | undefined>>;

  /**
   * Runs `fn` once per installation under `markerKey`, in one transaction
   * with the marker, so two replicas starting together run it once. Returns
   * false when the marker was already there.
   */
  once(
    markerKey: string,
    fn: (tx: CapaTables) => Promise<void>,
  ): Promise<boolean>;
}
