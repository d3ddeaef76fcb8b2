import { Page } from '@internal/backstage-plugin-capa-common';
import { useCallback, useEffect, useRef, useState } from 'react';

/** A value loaded from the server, which can be reloaded or replaced. */
export type Loaded<T> = {
  value?: T;
  error?: Error;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the value with one the server answered, such as a save's. */
  set: (value: T) => void;
};

/**
 * Loads a value whenever `key` changes. A reload keeps showing the old value
 * until the new one arrives; an answer that a later load overtook is dropped.
 */
export function useLoaded<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{
    value?: T;
    error?: Error;
    loading: boolean;
  }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    setState(current => ({ ...current, loading: true }));
    try {
      const value = await loadRef.current();
      if (mine === generation.current) {
        setState({ value, loading: false });
      }
    } catch (error) {
      if (mine === generation.current) {
        setState(current => ({
          value: current.value,
          error: error as Error,
          loading: false,
        }));
      }
    }
  }, []);

  useEffect(() => {
    setState({ loading: true });
    reload();
  }, [key, reload]);

  const set = useCallback((value: T) => {
    generation.current += 1;
    setState({ value, loading: false });
  }, []);

  return { ...state, reload, set };
}

/** Pages of a list, fetched one at a time. */
export type Paged<T> = {
  items: T[];
  error?: Error;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
};

/** Loads the first page whenever `key` changes, and more pages on demand. */
export function usePaged<T>(
  key: string,
  fetchPage: (cursor?: string) => Promise<Page<T>>,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback(async (after: string | undefined) => {
    const mine = generation.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchRef.current(after);
      if (mine === generation.current) {
        setItems(current =>
          after === undefined ? page.items : [...current, ...page.items],
        );
        setCursor(page.nextCursor);
      }
    } catch (e) {
      if (mine === generation.current) {
        setError(e as Error);
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    setCursor(undefined);
    load(undefined);
  }, [key, load]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== undefined,
    loadMore: () => load(cursor),
  };
}
