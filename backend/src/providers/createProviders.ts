// Builds the speech provider chains from config: each configured cloud engine first, the local engine last,
// so an interview still has a voice and an ear with no keys, no network, or a vendor outage.
import type { Config } from '../config';
import { AzureSpeechToText } from './azure/azureStt';
import { ElevenLabsStreamingTextToSpeech } from './elevenlabs/elevenLabsStreamingTts';
import { ElevenLabsTextToSpeech } from './elevenlabs/elevenLabsTts';
import { FallbackSpeechToText, FallbackTextToSpeech, type SttFallbackOptions, type TtsFallbackOptions } from './fallback';
import { type EspeakOptions, EspeakTts } from './local/espeakTts';
import { type PocketsphinxOptions, PocketsphinxStt } from './local/pocketsphinxStt';
import type { ProviderFailure, SpeechToText, TextToSpeech } from './types';

export type ProviderDeadlines = Omit<TtsFallbackOptions, 'onFailure'> & {
  stt: Omit<SttFallbackOptions, 'onFailure' | 'now'>;
};

export const DEFAULT_DEADLINES: ProviderDeadlines = {
  // A cloud voice's first audio normally comes within a few hundred ms; espeak's within ~50 ms.
  firstChunkMs: 1500,
  stallMs: 1000,
  stt: {
    // Above pocketsphinx's ~1.3 s from end of speech to final, so the local engine is never "stalled".
    stallMs: 3000,
    endMs: 4000,
    speechDb: -45,
    replayMs: 15_000,
  },
};

export interface ProviderDeps {
  onFailure: (failure: ProviderFailure) => void;
  deadlines?: ProviderDeadlines;
  /**
   * ElevenLabs transport: 'http' posts each sentence to the streaming endpoint (pooled connections, the
   * default); 'websocket' uses the streaming-input socket, one per sentence unless the caller streams text.
   */
  elevenLabsTransport?: 'http' | 'websocket';
  pocketsphinx?: Partial<PocketsphinxOptions>;
  espeak?: Partial<EspeakOptions>;
}

export interface SpeechProviders {
  stt: SpeechToText;
  tts: TextToSpeech;
}

export function createProviders(config: Pick<Config, 'azureSpeech' | 'elevenLabs'>, deps: ProviderDeps): SpeechProviders {
  const deadlines = deps.deadlines ?? DEFAULT_DEADLINES;
  const stt: SpeechToText[] = [];
  const tts: TextToSpeech[] = [];
  if (config.azureSpeech) {
    const { key, region, endpoint } = config.azureSpeech;
    // A key without region or endpoint cannot reach any service: a configuration error, not an outage.
    if (!region && !endpoint) throw new Error('AZURE_SPEECH_KEY needs AZURE_SPEECH_REGION or AZURE_SPEECH_ENDPOINT');
    stt.push(new AzureSpeechToText({ key, region, endpoint }));
  }
  stt.push(new PocketsphinxStt(deps.pocketsphinx));
  if (config.elevenLabs) {
    const { apiKey, baseUrl } = config.elevenLabs;
    tts.push(deps.elevenLabsTransport === 'websocket'
      ? new ElevenLabsStreamingTextToSpeech({ apiKey, baseUrl })
      : new ElevenLabsTextToSpeech({ apiKey, baseUrl }));
  }
  tts.push(new EspeakTts(deps.espeak));
  return {
    stt: new FallbackSpeechToText(stt, { ...deadlines.stt, onFailure: deps.onFailure }),
    tts: new FallbackTextToSpeech(tts, { firstChunkMs: deadlines.firstChunkMs, stallMs: deadlines.stallMs, onFailure: deps.onFailure }),
  };
}
