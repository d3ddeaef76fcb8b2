import { createHash } from 'node:crypto';
import { CapaTables } from '../database/CapaStore';
import { UnprocessableError } from './errors';

/** A create request that may carry an Idempotency-Key header. */
export type IdempotentRequest = {
  actor: string;
  key?: string;
  operation: string;
  body: unknown;
};

/** A create's result, and whether it is a replay of an earlier one. */
export type CreateResult<T> = { value: T; replayed: boolean };

function hashOf(operation: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, body]))
    .digest('hex');
}

/**
 * The first result stored for this caller and key, if any. A key reused with
 * another request is a 422.
 */
export async function replayOf<T>(
  tables: Pick<CapaTables, 'idempotency'>,
  request: IdempotentRequest,
): Promise<CreateResult<T> | undefined> {
  if (!request.key) {
    return undefined;
  }
  const stored = await tables.idempotency.find(request.actor, request.key);
  if (!stored) {
    return undefined;
  }
  if (
    stored.operation !== request.operation ||
    stored.requestHash !== hashOf(request.operation, request.body)
  ) {
    throw new UnprocessableError(
      `Idempotency-Key '${request.key}' was already used for a different request`,
    );
  }
  return { value: stored.response as T, replayed: true };
}

/**
 * Runs a create inside the caller's write transaction at most once per
 * idempotency key. The key is claimed before the work: a concurrent retry
 * waits on the claim and then replays the first result.
 */
export async function createOnce<T>(
  tx: CapaTables,
  request: IdempotentRequest,
  now: Date,
  create: () => Promise<T>,
): Promise<CreateResult<T>> {
  if (!request.key) {
    return { value: await create(), replayed: false };
  }
  const claimed = await tx.idempotency.claim(
    request.actor,
    request.key,
    {
      operation: request.operation,
      requestHash: hashOf(request.operation, request.body),
    },
    now,
  );
  if (!claimed) {
    return (await replayOf<T>(tx, request))!;
  }
  const value = await create();
  await tx.idempotency.complete(request.actor, request.key, value);
  return { value, replayed: false };
}
