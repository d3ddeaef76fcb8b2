import { ResponseError } from '@backstage/errors';

/**
 * The error the client throws for a refused request, with the body the
 * backend sends (`error` and `response`), parsed as the client parses it.
 */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode },
  });
  return ResponseError.fromResponse({
    status: statusCode,
    statusText: name,
    url: 'http://localhost/api/capa',
    headers: new Headers({ 'Content-Type': 'application/json' }),
    text: async () => body,
  } as unknown as Response);
}
