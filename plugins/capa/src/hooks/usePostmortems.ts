import { useApi } from '@backstage/core-plugin-api';
import { Postmortem } from '@internal/backstage-plugin-capa-common';
import { useCallback, useEffect, useState } from 'react';
import { capaApiRef, PostmortemListRequest } from '../api';

/** Pages of postmortems for a filter, fetched one page at a time. */
export type PostmortemPages = {
  postmortems: Postmortem[];
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore: () => void;
};

/**
 * Loads the first page of postmortems matching `filter`, and further pages
 * on demand. A change of filter starts again from the first page.
 */
export function usePostmortems(
  filter: Omit<PostmortemListRequest, 'cursor'>,
): PostmortemPages {
  const capaApi = useApi(capaApiRef);
  const [postmortems, setPostmortems] = useState<Postmortem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const filterKey = JSON.stringify(filter);

  const fetchPage = useCallback(
    async (after: string | undefined, replace: boolean) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await capaApi.listPostmortems({
          ...(JSON.parse(filterKey) as PostmortemListRequest),
          cursor: after,
        });
        setPostmortems(current =>
          replace ? page.items : [...current, ...page.items],
        );
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [capaApi, filterKey],
  );

  useEffect(() => {
    setPostmortems([]);
    setCursor(undefined);
    fetchPage(undefined, true);
  }, [fetchPage]);

  return {
    postmortems,
    loading,
    error,
    hasMore: cursor !== undefined,
    loadMore: () => fetchPage(cursor, false),
  };
}
