// Deadlines on provider output: a provider that stops producing is treated as failed, never awaited forever.

export class ProviderStallError extends Error {
  constructor(provider: string, ms: number) {
    super(`${provider} produced nothing for ${ms} ms`);
    this.name = 'ProviderStallError';
  }
}

/**
 * Re-yields `source`, failing with ProviderStallError when the first item takes longer than `firstMs`
 * or a later one longer than `gapMs`. A stalled source is aborted and abandoned, not awaited: a hung
 * provider must not hang the turn.
 */
export async function* withDeadlines<T>(
  source: AsyncIterable<T>, name: string, firstMs: number, gapMs: number, abort: AbortController,
): AsyncIterable<T> {
  const iterator = source[Symbol.asyncIterator]();
  let first = true;
  let finished = false;
  try {
    for (;;) {
      const ms = first ? firstMs : gapMs;
      const result = await raceTimeout(iterator.next(), ms);
      if (result === TIMEOUT) {
        abort.abort();
        throw new ProviderStallError(name, ms);
      }
      if (result.done) { finished = true; return; }
      first = false;
      yield result.value;
    }
  } finally {
    if (!finished) void iterator.return?.()?.catch(() => undefined);
  }
}

const TIMEOUT = Symbol('timeout');

export function raceTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => { timer = setTimeout(() => resolve(TIMEOUT), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
