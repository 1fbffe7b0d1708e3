// The speech engines of a server's voice sessions: the configured cloud engines with the local, offline ones
// (pocketsphinx, espeak-ng) behind them; tests and benchmarks inject their own through ServerOptions.speech.
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Metrics } from '../observability/metrics';
import { createProviders, DEFAULT_DEADLINES, type ProviderDeadlines } from '../providers/createProviders';
import { FallbackSpeechToText, FallbackTextToSpeech } from '../providers/fallback';
import type { ProviderFailure, SpeechToText, TextToSpeech } from '../providers/types';

export interface SpeechProviders {
  stt: SpeechToText;
  tts: TextToSpeech;
}

/** Logs and counts a provider failure (a link of a chain giving up). */
export function reportProviderFailure(log: Logger, metrics: Metrics): (failure: ProviderFailure) => void {
  return (f) => {
    metrics.voiceProviderFailures.inc({ kind: f.kind, provider: f.provider, reason: f.reason });
    log.warn({ err: f.error, kind: f.kind, provider: f.provider, reason: f.reason, next: f.next }, 'speech provider failed');
  };
}

/**
 * Deadlines when the local engines are the only ones: with nothing to fall back to, a tight deadline only turns a
 * slow turn (a busy machine) into a failed one, and a finals-only engine says nothing for a cough for a long time.
 */
const LOCAL_ONLY_DEADLINES: ProviderDeadlines = {
  firstChunkMs: 3_000, stallMs: 3_000,
  stt: { stallMs: 20_000, endMs: 5_000, speechDb: -35, replayMs: 10_000 },
};

/** A server's default speech: the cloud engines whose keys are configured, the local engines behind them. */
export function configuredSpeech(config: Pick<Config, 'azureSpeech' | 'elevenLabs'>, log: Logger, metrics: Metrics): SpeechProviders {
  const cloud = config.azureSpeech !== null || config.elevenLabs !== null;
  return createProviders(config, { onFailure: reportProviderFailure(log, metrics), deadlines: cloud ? DEFAULT_DEADLINES : LOCAL_ONLY_DEADLINES });
}

/**
 * The providers inside fallback chains, so a stalled or failing engine is given up on with a deadline
 * instead of hanging a turn, and every failure is logged and counted. More links (a cloud engine first)
 * go here.
 */
export function speechChains(providers: SpeechProviders, log: Logger, metrics: Metrics): SpeechProviders {
  const onFailure = reportProviderFailure(log, metrics);
  return {
    // A finals-only engine says nothing for a cough, so "speech in, nothing out" is given a long time.
    stt: new FallbackSpeechToText([providers.stt], { stallMs: 20_000, endMs: 5_000, speechDb: -35, replayMs: 10_000, onFailure }),
    tts: new FallbackTextToSpeech([providers.tts], { firstChunkMs: 3_000, stallMs: 3_000, onFailure }),
  };
}
