// Fallback chains: when a provider errors or stalls past a deadline, the next one takes over for the rest
// of the turn (TTS) or session (STT). Failures go to a callback, which logs and counts them.
import { ProviderStallError, withDeadlines } from './deadlines';
import type { ProviderFailure, SynthesizeOptions, TextToSpeech, TtsCapabilities } from './types';

export interface TtsFallbackOptions {
  /** Longest wait for a provider's first chunk of a sentence. */
  firstChunkMs: number;
  /** Longest gap between two chunks once audio flows. */
  stallMs: number;
  onFailure: (failure: ProviderFailure) => void;
}

/**
 * TTS chain. The turn is identified by its AbortSignal (one AbortController per interviewer turn), so a
 * provider that failed once is skipped for the turn's later sentences without the interface knowing
 * about turns. A provider failing mid-sentence has its sentence spoken again in full by the next one:
 * a repeated half sentence is easier to follow than a missing one.
 */
export class FallbackTextToSpeech implements TextToSpeech {
  readonly name: string;
  readonly capabilities: TtsCapabilities;
  private readonly turnProvider = new WeakMap<AbortSignal, number>();

  constructor(private readonly providers: readonly TextToSpeech[], private readonly options: TtsFallbackOptions) {
    if (providers.length === 0) throw new Error('a fallback chain needs at least one provider');
    this.name = `fallback(${providers.map((p) => p.name).join(',')})`;
    this.capabilities = { streaming: providers.every((p) => p.capabilities.streaming) };
  }

  async *synthesize(text: string, { signal }: SynthesizeOptions): AsyncIterable<Int16Array> {
    let index = this.turnProvider.get(signal) ?? 0;
    let lastError: unknown = null;
    while (index < this.providers.length && !signal.aborted) {
      const provider = this.providers[index];
      const attempt = new AbortController();
      const forward = () => attempt.abort(signal.reason);
      signal.addEventListener('abort', forward, { once: true });
      try {
        const chunks = provider.synthesize(text, { signal: attempt.signal });
        yield* withDeadlines(chunks, provider.name, this.options.firstChunkMs, this.options.stallMs, attempt);
        return;
      } catch (error) {
        if (signal.aborted) return; // the turn was interrupted: not the provider's fault
        lastError = error;
        index++;
        this.turnProvider.set(signal, index);
        this.options.onFailure({
          kind: 'tts', provider: provider.name, reason: error instanceof ProviderStallError ? 'stall' : 'error',
          error, next: this.providers[index]?.name ?? null,
        });
      } finally {
        signal.removeEventListener('abort', forward);
        attempt.abort();
      }
    }
    if (!signal.aborted) throw new Error('every TTS provider failed', { cause: lastError });
  }
}

export { ProviderStallError } from './deadlines';
export { FallbackSpeechToText, type SttFallbackOptions } from './fallbackStt';
