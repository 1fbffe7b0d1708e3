// The speech engines of a server's voice sessions: local and offline by default (pocketsphinx, espeak-ng);
// tests and benchmarks inject their own through ServerOptions.speech.
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import { FallbackSpeechToText, FallbackTextToSpeech } from '../providers/fallback';
import { EspeakTts } from '../providers/local/espeakTts';
import { PocketsphinxStt } from '../providers/local/pocketsphinxStt';
import type { ProviderFailure, SpeechToText, TextToSpeech } from '../providers/types';

export interface SpeechProviders {
  stt: SpeechToText;
  tts: TextToSpeech;
}

export function localSpeech(): SpeechProviders {
  return { stt: new PocketsphinxStt(), tts: new EspeakTts() };
}

/**
 * The providers inside fallback chains, so a stalled or failing engine is given up on with a deadline
 * instead of hanging a turn, and every failure is logged and counted. More links (a cloud engine first)
 * go here.
 */
export function speechChains(providers: SpeechProviders, log: Logger, metrics: Metrics): SpeechProviders {
  const onFailure = (f: ProviderFailure) => {
    metrics.voiceProviderFailures.inc({ kind: f.kind, provider: f.provider, reason: f.reason });
    log.warn({ err: f.error, kind: f.kind, provider: f.provider, reason: f.reason, next: f.next }, 'speech provider failed');
  };
  return {
    // A finals-only engine says nothing for a cough, so "speech in, nothing out" is given a long time.
    stt: new FallbackSpeechToText([providers.stt], { stallMs: 20_000, endMs: 5_000, speechDb: -35, replayMs: 10_000, onFailure }),
    tts: new FallbackTextToSpeech([providers.tts], { firstChunkMs: 3_000, stallMs: 3_000, onFailure }),
  };
}
