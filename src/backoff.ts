export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  initialMs: number;
  /** The delay never grows beyond this, in ms. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000 };

/**
 * Capped exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * clients that lost the same server do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
