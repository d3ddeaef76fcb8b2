import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionTransitionRequest,
  CapaAction,
  CapaInstallationInfo,
  CapaRecord,
  CapaTransitionRequest,
  CreateActionRequest,
  CreateCapaRequest,
  CreatePostmortemRequest,
  HistoryEntry,
  HistoryRecordType,
  OverdueCheckStatus,
  Page,
  Postmortem,
  PostmortemStatus,
  QuarterlyReview,
  UpdateActionRequest,
  UpdateCapaRequest,
  UpdatePostmortemRequest,
  WorkListQuery,
  WorkSummary,
} from '@internal/backstage-plugin-capa-common';

/**
 * Filters of a postmortem list; every list is paged.
 *
 * @public
 */
export type PostmortemListRequest = {
  entityRef?: string;
  quarter?: string;
  status?: PostmortemStatus;
  limit?: number;
  cursor?: string;
};

/**
 * Filters of a CAPA or action list; every list is paged.
 *
 * @public
 */
export type WorkListRequest = Partial<WorkListQuery>;

/**
 * The capa backend, as the frontend sees it. Every write resolves only once
 * the server has stored it, with the stored record; it rejects with the
 * server's own error otherwise.
 *
 * @public
 */
export interface CapaApi {
  /** Today and the day-deciding settings, by the server's clock. */
  getInstallationInfo(): Promise<CapaInstallationInfo>;
  /** The overdue check's last run, and the server's current time. */
  getOverdueCheckStatus(): Promise<OverdueCheckStatus>;

  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>>;
  getPostmortem(id: string): Promise<Postmortem>;
  createPostmortem(
    request: CreatePostmortemRequest,
    idempotencyKey?: string,
  ): Promise<Postmortem>;
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem>;
  setPostmortemStatus(
    id: string,
    move: 'publish' | 'archive',
    request: { version: number; reason?: string },
  ): Promise<Postmortem>;

  listCapas(request: WorkListRequest): Promise<Page<CapaRecord>>;
  getCapa(id: string): Promise<CapaRecord>;
  createCapa(
    request: CreateCapaRequest,
    idempotencyKey?: string,
  ): Promise<CapaRecord>;
  updateCapa(id: string, request: UpdateCapaRequest): Promise<CapaRecord>;
  transitionCapa(
    id: string,
    request: CapaTransitionRequest,
  ): Promise<CapaRecord>;

  listActions(request: WorkListRequest): Promise<Page<CapaAction>>;
  /** Counts of matching actions: open, overdue, due soon, closed this quarter. */
  getActionSummary(
    request: Omit<WorkListRequest, 'limit' | 'cursor' | 'dueState' | 'status'>,
  ): Promise<WorkSummary>;
  getAction(id: string): Promise<CapaAction>;
  createAction(
    request: CreateActionRequest,
    idempotencyKey?: string,
  ): Promise<CapaAction>;
  updateAction(id: string, request: UpdateActionRequest): Promise<CapaAction>;
  transitionAction(
    id: string,
    request: ActionTransitionRequest,
  ): Promise<CapaAction>;

  /** The history of a record, oldest first. */
  getHistory(
    recordType: HistoryRecordType,
    id: string,
    request?: { limit?: number; cursor?: string },
  ): Promise<Page<HistoryEntry>>;

  /** The quarterly review; without a quarter, the server's last complete one. */
  getReview(quarter?: string): Promise<QuarterlyReview>;
}

/**
 * Reference to the {@link CapaApi}.
 *
 * @public
 */
export const capaApiRef = createApiRef<CapaApi>({ id: 'plugin.capa.api' });
