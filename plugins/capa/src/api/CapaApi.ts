import { createApiRef } from '@backstage/core-plugin-api';
import {
  CapaInstallationInfo,
  CreatePostmortemRequest,
  OverdueCheckStatus,
  Page,
  PostmortemStatus,
  Postmortem,
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
 * The capa backend, as the frontend sees it.
 *
 * @public
 */
export interface CapaApi {
  /** Today and the day-deciding settings, by the server's clock. */
  getInstallationInfo(): Promise<CapaInstallationInfo>;
  /** The overdue check's last run, and the server's current time. */
  getOverdueCheckStatus(): Promise<OverdueCheckStatus>;
  /** One page of postmortems. */
  listPostmortems(request: PostmortemListRequest): Promise<Page<Postmortem>>;
  /** Records a postmortem; resolves only once the server stored it. */
  createPostmortem(request: CreatePostmortemRequest): Promise<Postmortem>;
}

/**
 * Reference to the {@link CapaApi}.
 *
 * @public
 */
export const capaApiRef = createApiRef<CapaApi>({ id: 'plugin.capa.api' });
