import { ConflictError, CustomErrorBase } from '@backstage/errors';

/**
 * 422: the request is well-formed but cannot be processed as asked, such as
 * an idempotency key reused with another body. Backstage's error handler
 * takes the status from `statusCode`.
 */
export class UnprocessableError extends CustomErrorBase {
  name = 'UnprocessableError' as const;
  statusCode = 422 as const;
}

/** The 409 of a write that carried a version someone else already replaced. */
export function staleVersionError(
  what: string,
  sent: number,
  current: number,
): ConflictError {
  return new ConflictError(
    `${what} was changed by someone else: you sent version ${sent}, it is now at version ${current}. Reload it and try again.`,
  );
}
