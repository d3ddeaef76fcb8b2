import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  QuarterlyReview,
  UpdateActionRequest,
  UpdateCapaRequest,
  UpdatePostmortemRequest,
  WorkSummary,
} from '@internal/backstage-plugin-capa-common';
import { CapaApi, PostmortemListRequest, WorkListRequest } from './CapaApi';

const HISTORY_PATHS: Record<HistoryRecordType, string> = {
  postmortem: 'postmortems',
  capa: 'capas',
  action: 'actions',
};

/**
 * {@link CapaApi} over HTTP, signed in as the current user through fetchApi.
 *
 * @public
 */
export class CapaClient implements CapaApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getInstallationInfo(): Promise<CapaInstallationInfo> {
    return this.get('/info');
  }

  getOverdueCheckStatus(): Promise<OverdueCheckStatus> {
    return this.get('/overdue-check');
  }

  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>> {
    return this.get(`/postmortems?${toQuery(request)}`);
  }

  getPostmortem(id: string): Promise<Postmortem> {
    return this.get(`/postmortems/${encodeURIComponent(id)}`);
  }

  createPostmortem(
    request: CreatePostmortemRequest,
    idempotencyKey?: string,
  ): Promise<Postmortem> {
    return this.send('POST', '/postmortems', request, idempotencyKey);
  }

  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<Postmortem> {
    return this.send(
      'PATCH',
      `/postmortems/${encodeURIComponent(id)}`,
      request,
    );
  }

  setPostmortemStatus(
    id: string,
    move: 'publish' | 'archive',
    request: { version: number; reason?: string },
  ): Promise<Postmortem> {
    return this.send(
      'POST',
      `/postmortems/${encodeURIComponent(id)}/${move}`,
      request,
    );
  }

  listCapas(request: WorkListRequest): Promise<Page<CapaRecord>> {
    return this.get(`/capas?${toQuery(request)}`);
  }

  getCapa(id: string): Promise<CapaRecord> {
    return this.get(`/capas/${encodeURIComponent(id)}`);
  }

  createCapa(
    request: CreateCapaRequest,
    idempotencyKey?: string,
  ): Promise<CapaRecord> {
    return this.send('POST', '/capas', request, idempotencyKey);
  }

  updateCapa(id: string, request: UpdateCapaRequest): Promise<CapaRecord> {
    return this.send('PATCH', `/capas/${encodeURIComponent(id)}`, request);
  }

  transitionCapa(
    id: string,
    request: CapaTransitionRequest,
  ): Promise<CapaRecord> {
    return this.send(
      'POST',
      `/capas/${encodeURIComponent(id)}/transitions`,
      request,
    );
  }

  listActions(request: WorkListRequest): Promise<Page<CapaAction>> {
    return this.get(`/actions?${toQuery(request)}`);
  }

  getActionSummary(
    request: Omit<WorkListRequest, 'limit' | 'cursor' | 'dueState' | 'status'>,
  ): Promise<WorkSummary> {
    return this.get(`/actions/summary?${toQuery(request)}`);
  }

  getAction(id: string): Promise<CapaAction> {
    return this.get(`/actions/${encodeURIComponent(id)}`);
  }

  createAction(
    request: CreateActionRequest,
    idempotencyKey?: string,
  ): Promise<CapaAction> {
    return this.send('POST', '/actions', request, idempotencyKey);
  }

  updateAction(id: string, request: UpdateActionRequest): Promise<CapaAction> {
    return this.send('PATCH', `/actions/${encodeURIComponent(id)}`, request);
  }

  transitionAction(
    id: string,
    request: ActionTransitionRequest,
  ): Promise<CapaAction> {
    return this.send(
      'POST',
      `/actions/${encodeURIComponent(id)}/transitions`,
      request,
    );
  }

  getHistory(
    recordType: HistoryRecordType,
    id: string,
    request: { limit?: number; cursor?: string } = {},
  ): Promise<Page<HistoryEntry>> {
    return this.get(
      `/${HISTORY_PATHS[recordType]}/${encodeURIComponent(
        id,
      )}/history?${toQuery(request)}`,
    );
  }

  getReview(quarter?: string): Promise<QuarterlyReview> {
    return this.get(`/review?${toQuery({ quarter })}`);
  }

  private get<T>(path: string): Promise<T> {
    return this.request(path);
  }

  private send<T>(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    return this.request(path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('capa');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toQuery(params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  return query.toString();
}
