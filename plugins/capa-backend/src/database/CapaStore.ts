import {
  CreatePostmortemRequest,
  ListPostmortemsQuery,
  Page,
  PostmortemStatus,
  PostmortemSummary,
} from '@internal/backstage-plugin-capa-common';

/**
 * A postmortem ready to be stored: the client's fields plus the ones the
 * server owns.
 */
export type NewPostmortem = CreatePostmortemRequest & {
  id: string;
  status: PostmortemStatus;
  createdBy: string;
  createdAt: Date;
};

/**
 * Persistence of the CAPA domain. All SQL lives behind this interface.
 */
export interface CapaStore {
  /** One page of postmortems, newest incident first. */
  listPostmortems(
    query: ListPostmortemsQuery,
  ): Promise<Page<PostmortemSummary>>;

  /** A postmortem by id, or undefined. */
  getPostmortem(id: string): Promise<PostmortemSummary | undefined>;

  /** Stores a postmortem and its entity links in one transaction. */
  createPostmortem(postmortem: NewPostmortem): Promise<PostmortemSummary>;

  /**
   * Stores postmortems once per installation: the marker and the rows are
   * written in one transaction, so two replicas starting together load them
   * once. Returns false when the marker was already there.
   */
  createPostmortemsOnce(
    markerKey: string,
    postmortems: NewPostmortem[],
  ): Promise<boolean>;
}
