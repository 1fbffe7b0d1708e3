// Azure AI Speech, continuous recognition over the SDK's WebSocket: partials while the candidate speaks,
// finals with offsets when a phrase ends. Any cancellation other than the normal end of the stream ends
// the session's events with an error, so the STT fallback chain replaces this engine for the session.
import * as sdk from 'microsoft-cognitiveservices-speech-sdk';
import { pcmToBytes, Resampler, SAMPLE_RATE } from '../../pipeline/audio';
import { BoundedQueue } from '../../pipeline/queue';
import type { SpeechToText, SttCapabilities, SttSession, SttStartOptions, TranscriptEvent } from '../types';

export interface AzureSttOptions {
  key: string;
  /** Azure region, e.g. 'westeurope'; used when no endpoint is given. */
  region?: string;
  /** A full recognition WebSocket URL (custom endpoint, container, or a test's fake); wins over region. */
  endpoint?: string;
  /** Silence that ends a phrase; unset keeps the service's default. */
  segmentationSilenceMs?: number;
  /** How long a dropped connection may stay down before the session fails (default 1000 ms). */
  reconnectGraceMs?: number;
}

/** The service accepts at most 500 phrase-list entries. */
const MAX_PHRASES = 500;
/** Longest wait for the service to acknowledge a stop before the SDK drops the connection. */
const STOP_TIMEOUT_MS = 500;
/** Result offsets and durations are in 100 ns ticks. */
const TICKS_PER_MS = 10_000;

/** The SDK cancelled recognition with an error; `code` is its CancellationErrorCode name. */
export class AzureSpeechError extends Error {
  override name = 'AzureSpeechError';
  constructor(readonly code: string, details: string) {
    super(`Azure Speech cancelled recognition (${code}): ${details}`);
  }
}

export class AzureSpeechToText implements SpeechToText {
  readonly name = 'azure-speech';
  readonly capabilities: SttCapabilities = { streaming: true, interimResults: true };

  constructor(private readonly options: AzureSttOptions) {
    if (!options.endpoint && !options.region) throw new Error('Azure Speech needs a region or an endpoint');
  }

  start(options: SttStartOptions): SttSession {
    const o = this.options;
    const config = o.endpoint
      ? sdk.SpeechConfig.fromEndpoint(new URL(o.endpoint), o.key)
      : sdk.SpeechConfig.fromSubscription(o.key, o.region ?? '');
    config.speechRecognitionLanguage = options.language;
    // Stopping waits for the service to end its turn; a hung service must not keep the socket open forever.
    config.setProperty(sdk.PropertyId.Recognizer_StopTimeoutMs, String(STOP_TIMEOUT_MS));
    if (o.segmentationSilenceMs !== undefined) {
      config.setProperty(sdk.PropertyId.Speech_SegmentationSilenceTimeoutMs, String(o.segmentationSilenceMs));
    }
    return new AzureSttSession(config, options, o.reconnectGraceMs ?? 1000);
  }
}

class AzureSttSession implements SttSession {
  readonly events: AsyncIterable<TranscriptEvent>;
  // Events are few (a partial per few hundred ms); SDK callbacks cannot wait, so a push beyond the
  // bound waits inside the queue rather than blocking the SDK.
  private readonly out = new BoundedQueue<TranscriptEvent>({ capacity: 64 });
  private readonly push: sdk.PushAudioInputStream;
  private readonly recognizer: sdk.SpeechRecognizer;
  private readonly connection: sdk.Connection;
  private readonly resampler: Resampler | null;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failure: Error | null = null;
  private ending = false;
  private finished = false;

  constructor(config: sdk.SpeechConfig, options: SttStartOptions, reconnectGraceMs: number) {
    // The pipeline's audio is 16 kHz; anything else is resampled here, so the service always gets one format.
    this.resampler = options.sampleRate === SAMPLE_RATE ? null : new Resampler(options.sampleRate, SAMPLE_RATE);
    this.push = sdk.AudioInputStream.createPushStream(sdk.AudioStreamFormat.getWaveFormatPCM(SAMPLE_RATE, 16, 1));
    this.recognizer = new sdk.SpeechRecognizer(config, sdk.AudioConfig.fromStreamInput(this.push));
    const phrases = [...new Set((options.phrases ?? []).map((p) => p.trim()).filter(Boolean))].slice(0, MAX_PHRASES);
    if (phrases.length > 0) sdk.PhraseListGrammar.fromRecognizer(this.recognizer).addPhrases(phrases);

    this.recognizer.recognizing = (_, e) => {
      if (e.result.text) this.emit({ kind: 'partial', text: e.result.text, ...span(e.result) });
    };
    this.recognizer.recognized = (_, e) => {
      // NoMatch (noise, silence) is not a transcript.
      if (e.result.reason === sdk.ResultReason.RecognizedSpeech && e.result.text) {
        this.emit({ kind: 'final', text: e.result.text, ...span(e.result) });
      }
    };
    this.recognizer.canceled = (_, e) => {
      if (e.reason === sdk.CancellationReason.EndOfStream) return; // sessionStopped follows
      this.finish(new AzureSpeechError(sdk.CancellationErrorCode[e.errorCode] ?? String(e.errorCode), e.errorDetails ?? ''));
    };
    this.recognizer.sessionStopped = () => {
      // Only end() may end the session; the service stopping on its own is a failure the chain must see.
      this.finish(this.ending ? null : new AzureSpeechError('SessionStopped', 'the session stopped before end()'));
    };
    // The SDK reconnects a dropped socket only when more audio is written, and gives up after a few tries;
    // with no audio coming it waits forever. A bound on the outage lets the chain take over instead.
    this.connection = sdk.Connection.fromRecognizer(this.recognizer);
    this.connection.disconnected = () => {
      if (this.finished) return;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => {
        this.finish(new AzureSpeechError('ConnectionLost', `no reconnection within ${reconnectGraceMs} ms`));
      }, reconnectGraceMs);
    };
    this.connection.connected = () => clearTimeout(this.reconnectTimer);
    this.recognizer.startContinuousRecognitionAsync(
      () => undefined,
      (error) => this.finish(new AzureSpeechError('StartFailed', error)),
    );
    this.events = this.iterate();
  }

  write(pcm: Int16Array): void {
    if (this.ending || this.finished) return;
    const samples = this.resampler ? this.resampler.push(pcm) : pcm;
    if (samples.length > 0) this.push.write(toArrayBuffer(samples));
  }

  end(): void {
    if (this.ending || this.finished) return;
    const tail = this.resampler?.flush();
    if (tail && tail.length > 0) this.push.write(toArrayBuffer(tail));
    this.ending = true;
    // Closing the stream makes the service finalize the last phrase; sessionStopped then ends the events.
    this.push.close();
  }

  close(): void {
    if (this.finished) return;
    this.ending = true;
    this.finish(null);
  }

  private emit(event: TranscriptEvent): void {
    if (!this.finished) void this.out.push(event);
  }

  private async *iterate(): AsyncIterable<TranscriptEvent> {
    yield* this.out;
    if (this.failure) throw this.failure;
  }

  /** Ends the events (with `failure`, if any) and releases the recognizer and its socket. */
  private finish(failure: Error | null): void {
    if (this.finished) return;
    this.finished = true;
    this.failure = failure;
    clearTimeout(this.reconnectTimer);
    this.out.close();
    this.push.close();
    const release = () => {
      try { this.recognizer.close(); } catch { /* already closed */ }
    };
    // Stop, then close: the stop is bounded by STOP_TIMEOUT_MS, after which the SDK disconnects.
    try {
      this.recognizer.stopContinuousRecognitionAsync(release, release);
    } catch {
      release();
    }
  }
}

function span(result: sdk.SpeechRecognitionResult): Pick<TranscriptEvent, 'startMs' | 'endMs'> {
  const startMs = result.offset / TICKS_PER_MS;
  return { startMs, endMs: startMs + result.duration / TICKS_PER_MS };
}

/** The push stream takes an ArrayBuffer: exactly the samples' little-endian bytes, not a shared pool. */
function toArrayBuffer(pcm: Int16Array): ArrayBuffer {
  const bytes = pcmToBytes(pcm);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
