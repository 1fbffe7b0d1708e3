// ElevenLabs' streaming-input WebSocket: text goes in while the interviewer's reply is still being
// generated, audio comes back as base64 PCM in JSON messages. The SDK has no client for it, so it is
// written with `ws`. Message flow: an opening message (voice settings, key), text chunks ending in a
// space with try_trigger_generation, an empty text to flush and close, then audio until `isFinal`.
import WebSocket from 'ws';
import { z } from 'zod';
import { PcmByteReader } from '../../pipeline/audio';
import { BoundedQueue } from '../../pipeline/queue';
import type { SynthesizeOptions, TextToSpeech, TtsCapabilities } from '../types';
import { type ElevenLabsConfig, ELEVENLABS_DEFAULTS, type ElevenLabsOptions, PCM_16000 } from './elevenLabsTts';

/** A TextToSpeech that can also take its text as a stream (e.g. an LLM's tokens) and speak before it ends. */
export interface TextStreamingTextToSpeech extends TextToSpeech {
  synthesizeStream(text: AsyncIterable<string>, options: SynthesizeOptions): AsyncIterable<Int16Array>;
}

const ServerMessage = z.looseObject({
  audio: z.string().nullish(),
  isFinal: z.boolean().nullish(),
  message: z.string().optional(),
  error: z.string().optional(),
});

/** Decoded audio held for a slow consumer; past it the socket is paused (backpressure to the vendor). */
const QUEUED_CHUNKS = 32;
/**
 * Characters buffered by the service before it starts generating, then for later chunks. Lower than the
 * service's default (120…) so a short first sentence starts speaking sooner.
 */
const CHUNK_LENGTH_SCHEDULE = [50, 120, 160, 250];
const SENTENCE_END = /[.!?]["')\]]?\s*$/;

export class ElevenLabsStreamingTextToSpeech implements TextStreamingTextToSpeech {
  readonly name = 'elevenlabs-ws';
  readonly capabilities: TtsCapabilities = { streaming: true };
  private readonly options: ElevenLabsOptions;

  constructor(options: ElevenLabsConfig) {
    this.options = { ...ELEVENLABS_DEFAULTS, ...options };
  }

  async *synthesize(text: string, options: SynthesizeOptions): AsyncIterable<Int16Array> {
    if (text.trim() === '') return;
    yield* this.synthesizeStream((async function* () { yield text; })(), options);
  }

  async *synthesizeStream(text: AsyncIterable<string>, { signal }: SynthesizeOptions): AsyncIterable<Int16Array> {
    if (signal.aborted) return;
    const o = this.options;
    const out = new BoundedQueue<Int16Array>({ capacity: QUEUED_CHUNKS });
    const bytes = new PcmByteReader();
    const ws = new WebSocket(this.url(), { headers: { 'xi-api-key': o.apiKey } });
    let failure: Error | null = null;
    let finished = false;
    let waiting = 0;
    /** The last push: pushes complete in order, so the final one settling means all audio is queued. */
    let delivered: Promise<unknown> = Promise.resolve();

    const fail = (error: Error) => {
      if (finished || failure) return;
      failure = error;
      out.close();
      ws.terminate();
    };
    const stop = () => { out.close(); ws.terminate(); };
    signal.addEventListener('abort', stop, { once: true });

    ws.on('error', (error) => fail(error));
    ws.on('open', () => {
      send(ws, {
        text: ' ', // the service's "beginning of stream"
        voice_settings: { stability: o.voiceSettings.stability, similarity_boost: o.voiceSettings.similarityBoost, speed: o.voiceSettings.speed },
        generation_config: { chunk_length_schedule: CHUNK_LENGTH_SCHEDULE },
        xi_api_key: o.apiKey,
      });
      sendText(ws, text, signal).catch((error: unknown) => fail(asError(error)));
    });
    ws.on('message', (data: WebSocket.RawData, isBinary) => {
      if (isBinary) return;
      const parsed = ServerMessage.safeParse(safeJson(String(data)));
      if (!parsed.success) { fail(new Error('ElevenLabs sent a message that is not JSON of the known shape')); return; }
      const message = parsed.data;
      if (message.error || (message.message && !message.audio)) {
        fail(new Error(`ElevenLabs: ${message.error ?? 'error'}: ${message.message ?? ''}`));
        return;
      }
      if (message.audio) {
        const pcm = bytes.push(Buffer.from(message.audio, 'base64'));
        if (pcm.length > 0) {
          waiting++;
          ws.pause();
          delivered = out.push(pcm).then(() => { if (--waiting === 0) ws.resume(); });
        }
      }
      if (message.isFinal) {
        finished = true;
        ws.close(1000);
        void delivered.then(() => out.close());
      }
    });
    ws.on('close', (code, reason) => {
      if (!finished) fail(new Error(`ElevenLabs closed the socket before the final message (${code} ${reason.toString()})`));
    });

    try {
      yield* out;
      if (failure && !signal.aborted) throw failure;
    } finally {
      signal.removeEventListener('abort', stop);
      if (ws.readyState !== WebSocket.CLOSED && !finished) ws.terminate();
    }
  }

  private url(): string {
    const o = this.options;
    const url = new URL(`/v1/text-to-speech/${encodeURIComponent(o.voiceId)}/stream-input`, o.baseUrl ?? 'https://api.elevenlabs.io');
    url.protocol = url.protocol === 'http:' ? 'ws:' : url.protocol === 'https:' ? 'wss:' : url.protocol;
    url.searchParams.set('model_id', o.modelId);
    url.searchParams.set('output_format', PCM_16000);
    return url.href;
  }
}

/** Sends the text as it comes, cut at word boundaries (the service wants each chunk to end in a space). */
async function sendText(ws: WebSocket, text: AsyncIterable<string>, signal: AbortSignal): Promise<void> {
  let pending = '';
  for await (const piece of text) {
    if (signal.aborted || ws.readyState !== WebSocket.OPEN) return;
    pending += piece;
    const cut = Math.max(pending.lastIndexOf(' '), pending.lastIndexOf('\n'));
    if (cut < 0) continue;
    const words = pending.slice(0, cut).trim();
    pending = pending.slice(cut + 1);
    // A finished sentence is flushed, so its audio does not wait for the next sentence's text.
    if (words) send(ws, { text: `${words} `, try_trigger_generation: true, ...(SENTENCE_END.test(words) ? { flush: true } : {}) });
  }
  if (signal.aborted || ws.readyState !== WebSocket.OPEN) return;
  if (pending.trim()) send(ws, { text: `${pending.trim()} `, try_trigger_generation: true });
  send(ws, { text: '' }); // end of input: the service generates what is left, sends isFinal, and closes
}

function send(ws: WebSocket, message: Record<string, unknown>): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return null; }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
