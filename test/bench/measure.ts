import autocannon from 'autocannon';

/** What one request measured. */
export type Measurement = {
  name: string;
  p50: number;
  p975: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  /** Responses other than 2xx, by status code. */
  refused: Record<string, number>;
};

/**
 * Loads one request with 20 connections: a warm-up that is thrown away, then
 * the measured run.
 */
export async function measure(options: {
  name: string;
  url: string;
  token: string;
  method?: 'GET' | 'POST';
  /** For writes: a new path and body for every request. */
  next?: () => { path: string; body: string } | undefined;
  seconds?: number;
  amount?: number;
}): Promise<Measurement> {
  const headers = {
    Authorization: `Bearer ${options.token}`,
    'Content-Type': 'application/json',
  };
  const run = (duration: number, amount?: number) =>
    autocannon({
      url: options.url,
      connections: 20,
      duration,
      amount,
      method: options.method ?? 'GET',
      headers,
      requests: options.next
        ? [
            {
              setupRequest: request => {
                const next = options.next!();
                return next
                  ? { ...request, path: next.path, body: next.body }
                  : request;
              },
            },
          ]
        : undefined,
    });
  if (!options.next) {
    await run(3);
  }
  const result = await run(options.seconds ?? 10, options.amount);
  return {
    name: options.name,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    errors: result.non2xx + result.errors,
    refused: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, stats]) => [code, (stats as { count: number }).count]),
    ),
  };
}
