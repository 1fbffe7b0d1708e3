// Reconnect delays: exponential with "equal jitter", so clients dropped together do not return together.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 10_000 };

/**
 * Delay before reconnect attempt `attempt` (1 = first retry): half of min(cap, base·2^(attempt-1))
 * fixed, the other half random. The fixed half keeps a floor under the delay; the random half spreads clients.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30); // 2^30 already dwarfs any cap
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
