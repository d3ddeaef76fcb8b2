import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CapaInstallationInfo,
  CreatePostmortemRequest,
  OverdueCheckStatus,
  Page,
  Postmortem,
} from '@internal/backstage-plugin-capa-common';
import { CapaApi, PostmortemListRequest } from './CapaApi';

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
    return this.request('/info');
  }

  getOverdueCheckStatus(): Promise<OverdueCheckStatus> {
    return this.request('/overdue-check');
  }

  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>> {
    return this.request(`/postmortems?${toQuery(request)}`);
  }

  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem> {
    return this.request('/postmortems', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
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
