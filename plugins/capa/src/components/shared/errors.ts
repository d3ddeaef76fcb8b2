import { ResponseError } from '@backstage/errors';

/**
 * Whether an error is the client's ResponseError. @backstage/errors asks to
 * check the name, not the prototype, which bundling can duplicate.
 */
function isResponseError(error: unknown): error is ResponseError {
  return (error as { name?: unknown } | undefined)?.name === 'ResponseError';
}

/** The server's own message for a failed request, or the error's. */
export function errorMessage(error: unknown): string {
  if (isResponseError(error)) {
    return error.body?.error?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Whether a request failed because someone else changed the record first. */
export function isConflict(error: unknown): boolean {
  return isResponseError(error) && error.statusCode === 409;
}
