import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request, Response } from 'express';
import { z } from 'zod';
import { UserCredentials } from '../service/ServiceContext';
import { parseInput } from '../validation';

/** Path parameters naming a record. */
export const idParamsSchema = z.object({ id: z.uuid() }).strict();

/** Paging of secondary lists such as a record's history. */
export const historyQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

/** Credentials of the signed-in user behind a write: the actor of its history. */
export function userCredentials(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<UserCredentials> {
  return httpAuth.credentials(req, { allow: ['user'] });
}

/** The record id of the path, checked. */
export function idOf(req: Request): string {
  return parseInput(idParamsSchema, req.params, 'path').id;
}

/** The Idempotency-Key header of a create, if any. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('Idempotency-Key');
  if (key === undefined) {
    return undefined;
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new InputError(
      'Idempotency-Key: 1 to 200 printable characters without spaces',
    );
  }
  return key;
}

/**
 * The body of a versioned write. The version may come as the body's
 * `version` or as an `If-Match: "N"` header; when both are given they must
 * agree.
 */
export function versionedBody(req: Request): unknown {
  const body: unknown = req.body;
  const ifMatch = req.header('If-Match');
  if (
    ifMatch === undefined ||
    typeof body !== 'object' ||
    body === null ||
    Array.isArray(body)
  ) {
    return body;
  }
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) {
    throw new InputError(
      'If-Match: must be the version the record was read at, like "3"',
    );
  }
  const version = Number(match[1]);
  const bodyVersion = (body as { version?: unknown }).version;
  if (bodyVersion !== undefined && bodyVersion !== version) {
    throw new InputError(
      `If-Match: says version ${version} but the body says ${String(
        bodyVersion,
      )}`,
    );
  }
  return { ...body, version };
}

/** Sends a record with its version as the ETag, for the next If-Match. */
export function sendRecord(
  res: Response,
  record: { version: number },
  status = 200,
) {
  res.setHeader('ETag', `"${record.version}"`);
  res.status(status).json(record);
}

/** Sends the result of a create: 201, marked when it replays an earlier one. */
export function sendCreated(
  res: Response,
  result: { value: { version: number }; replayed: boolean },
) {
  if (result.replayed) {
    res.setHeader('Idempotency-Replayed', 'true');
  }
  sendRecord(res, result.value, 201);
}
