import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import { errorMessage } from './errors';

/**
 * Runs a save and reports it truthfully: `saving` while the request is out,
 * "saved" only once the server answered with the stored record, and the
 * server's own message otherwise. Nothing is shown as saved on a guess.
 */
export function useSave() {
  const alertApi = useApi(alertApiRef);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; cause: unknown }>();

  const save = useCallback(
    async <T>(
      success: string,
      request: () => Promise<T>,
    ): Promise<T | undefined> => {
      setSaving(true);
      setError(undefined);
      try {
        const stored = await request();
        alertApi.post({
          message: success,
          severity: 'success',
          display: 'transient',
        });
        return stored;
      } catch (cause) {
        setError({ message: errorMessage(cause), cause });
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [alertApi],
  );

  return { saving, error, save, clearError: () => setError(undefined) };
}
