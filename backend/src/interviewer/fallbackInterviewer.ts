// Chains two interviewers: the primary (a remote model) serves turns while it is healthy; when it fails or
// stalls before its first word, the fallback (the local engine) serves that turn, so the candidate is never
// left in silence. Once words have been spoken a turn is not restarted: a second voice mid-sentence is worse.
import type { Logger } from 'pino';
import type { EvaluationDraft, InterviewContext, Interviewer, InterviewerEvent, InterviewerOutput } from './interviewer';

/** 'error': threw before its first word; 'stall': no word (or score) by the deadline; 'partial': failed mid-turn. */
export type FallbackReason = 'error' | 'stall' | 'partial';

export interface FallbackEvent {
  operation: 'respond' | 'evaluate';
  reason: FallbackReason;
}

export interface FallbackOptions {
  /** How long the primary may take to its first word before the fallback answers instead. */
  firstTokenDeadlineMs: number;
  /** How long the primary may take to score an interview. */
  evaluateDeadlineMs?: number;
  log: Logger;
  /** Called on every primary failure, e.g. to count it in a metric. */
  onFallback?: (event: FallbackEvent) => void;
}

type Opening =
  | { kind: 'speaking'; held: InterviewerOutput[]; first: InterviewerOutput }
  | { kind: 'silent'; held: InterviewerOutput[] }
  | { kind: 'failed'; reason: 'error' | 'stall'; error: unknown }
  | { kind: 'aborted' };

const STALL = Symbol('stall');
const ABORTED = Symbol('aborted');

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** A promise settled by a timer or an abort, with a cancel so no timer outlives the turn. */
function signalAfter<T>(ms: number, value: T, signal?: AbortSignal, onAbort?: T): { promise: Promise<T>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let cleanup = (): void => {};
  const promise = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(value), ms);
    if (signal && onAbort !== undefined) {
      const abort = (): void => resolve(onAbort);
      signal.addEventListener('abort', abort, { once: true });
      cleanup = () => signal.removeEventListener('abort', abort);
    }
  });
  return { promise, cancel: () => { clearTimeout(timer); cleanup(); } };
}

export class FallbackInterviewer implements Interviewer {
  constructor(
    private readonly primary: Interviewer,
    private readonly fallback: Interviewer,
    private readonly options: FallbackOptions,
  ) {}

  async *respond(ctx: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput> {
    if (signal.aborted) return;
    const attempt = new AbortController();
    const started = Date.now();
    const outputs = this.primary.respond(ctx, event, AbortSignal.any([signal, attempt.signal]))[Symbol.asyncIterator]();
    let failure: Extract<Opening, { kind: 'failed' }> | null = null;
    try {
      const opening = await this.firstWords(outputs, signal);
      if (opening.kind === 'aborted') return;
      if (opening.kind === 'failed') failure = opening;
      else {
        yield* opening.held;
        if (opening.kind === 'silent') return;
        yield opening.first;
        for (;;) {
          const next = await outputs.next();
          if (next.done || signal.aborted) return;
          yield next.value;
        }
      }
    } catch (err) {
      // Only reachable after the first word: the partial reply stands and the turn ends here.
      if (!signal.aborted) this.report('respond', 'partial', err, { event: event.kind, afterMs: Date.now() - started });
      return;
    } finally {
      attempt.abort();
      // Not awaited: a primary that ignores its abort must not hold the turn; its late rejection is moot.
      outputs.return?.(undefined).catch(() => undefined);
    }
    this.report('respond', failure.reason, failure.error, { event: event.kind, afterMs: Date.now() - started });
    if (!signal.aborted) yield* this.fallback.respond(ctx, event, signal);
  }

  /**
   * Reads the primary until its first word, holding back stage/memory outputs meanwhile: if it then fails,
   * the fallback serves a clean turn rather than one the primary half-decided.
   */
  private async firstWords(outputs: AsyncIterator<InterviewerOutput>, signal: AbortSignal): Promise<Opening> {
    const deadline = signalAfter<typeof STALL | typeof ABORTED>(this.options.firstTokenDeadlineMs, STALL, signal, ABORTED);
    const held: InterviewerOutput[] = [];
    try {
      for (;;) {
        const next = await Promise.race([outputs.next(), deadline.promise]);
        if (next === ABORTED || signal.aborted) return { kind: 'aborted' };
        if (next === STALL) return { kind: 'failed', reason: 'stall', error: new DeadlineError(`no words within ${this.options.firstTokenDeadlineMs} ms`) };
        if (next.done) return { kind: 'silent', held };
        if (next.value.kind === 'text') return { kind: 'speaking', held, first: next.value };
        held.push(next.value);
      }
    } catch (error) {
      return signal.aborted ? { kind: 'aborted' } : { kind: 'failed', reason: 'error', error };
    } finally {
      deadline.cancel();
    }
  }

  async evaluate(ctx: InterviewContext): Promise<EvaluationDraft> {
    const ms = this.options.evaluateDeadlineMs ?? 60_000;
    const deadline = signalAfter<typeof STALL>(ms, STALL);
    try {
      const result = await Promise.race([this.primary.evaluate(ctx), deadline.promise]);
      if (result !== STALL) return result;
      this.report('evaluate', 'stall', new DeadlineError(`no evaluation within ${ms} ms`), {});
    } catch (err) {
      this.report('evaluate', 'error', err, {});
    } finally {
      deadline.cancel();
    }
    return this.fallback.evaluate(ctx);
  }

  private report(operation: FallbackEvent['operation'], reason: FallbackReason, err: unknown, details: Record<string, unknown>): void {
    const message = reason === 'partial'
      ? 'primary interviewer failed mid-reply; the turn ends with what was said'
      : `primary interviewer ${reason === 'stall' ? 'stalled' : 'failed'}; the fallback serves this ${operation === 'respond' ? 'turn' : 'evaluation'}`;
    this.options.log.warn({ err, operation, reason, ...details }, message);
    this.options.onFallback?.({ operation, reason });
  }
}
