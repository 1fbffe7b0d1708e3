// ElevenLabs TTS over the official SDK's HTTP streaming endpoint. It asks for `pcm_16000`, which is the
// pipeline's own format (16 kHz mono PCM16 little-endian), so chunks go out as they arrive, unresampled.
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { PcmByteReader } from '../../pipeline/audio';
import type { SynthesizeOptions, TextToSpeech, TtsCapabilities } from '../types';

export interface ElevenLabsVoiceSettings {
  stability: number;
  similarityBoost: number;
  speed: number;
}

export interface ElevenLabsOptions {
  apiKey: string;
  /** API origin without `/v1` (default https://api.elevenlabs.io); a test points it at its fake. */
  baseUrl?: string;
  voiceId: string;
  /** Flash is ElevenLabs' lowest-latency model: first audio matters more than nuance in a conversation. */
  modelId: string;
  voiceSettings: ElevenLabsVoiceSettings;
}

export const ELEVENLABS_DEFAULTS = {
  // "George", a premade voice every account has: a calm, clear interviewer.
  voiceId: 'JBFqnCBsd6RMkjVDRZzb',
  modelId: 'eleven_flash_v2_5',
  voiceSettings: { stability: 0.5, similarityBoost: 0.8, speed: 1 },
} satisfies Omit<ElevenLabsOptions, 'apiKey'>;

export type ElevenLabsConfig = Pick<ElevenLabsOptions, 'apiKey' | 'baseUrl'> & Partial<ElevenLabsOptions>;

export const PCM_16000 = 'pcm_16000';

export class ElevenLabsTextToSpeech implements TextToSpeech {
  readonly name = 'elevenlabs';
  readonly capabilities: TtsCapabilities = { streaming: true };
  private readonly options: ElevenLabsOptions;
  private readonly client: ElevenLabsClient;

  constructor(options: ElevenLabsConfig) {
    this.options = { ...ELEVENLABS_DEFAULTS, ...options };
    // No SDK retries: a failed sentence goes to the next provider in the chain at once, not seconds later.
    this.client = new ElevenLabsClient({ apiKey: this.options.apiKey, baseUrl: this.options.baseUrl, maxRetries: 0 });
  }

  async *synthesize(text: string, { signal }: SynthesizeOptions): AsyncIterable<Int16Array> {
    if (signal.aborted || text.trim() === '') return;
    const o = this.options;
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    try {
      const stream = await this.client.textToSpeech.stream(o.voiceId, {
        text,
        modelId: o.modelId,
        outputFormat: PCM_16000,
        voiceSettings: o.voiceSettings,
      }, { abortSignal: signal });
      reader = stream.getReader();
      // A network read may end between a sample's two bytes.
      const bytes = new PcmByteReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || signal.aborted) return;
        const pcm = bytes.push(value);
        if (pcm.length > 0) yield pcm;
      }
    } catch (error) {
      if (signal.aborted) return; // barge-in: the aborted request is not a failure
      throw error;
    } finally {
      // Cancelling the body closes the HTTP request, so an abandoned sentence stops costing characters.
      reader?.cancel().catch(() => undefined);
    }
  }
}
