import { ResponseError } from '@backstage/errors';

/** The server's own message for a failed request, or the error's. */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Whether a request failed because someone else changed the record first. */
export function isConflict(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 409;
}
