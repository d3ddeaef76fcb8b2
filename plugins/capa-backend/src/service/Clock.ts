/**
 * The one clock the plugin reads. Injected so tests can stand at any instant;
 * in production it is the server's clock, never the browser's.
 */
export interface Clock {
  now(): Date;
}

/** The server's own clock. */
export const systemClock: Clock = { now: () => new Date() };
