// The speech providers' interfaces. Every engine (local, cloud, fake) sits behind one of these and
// declares what it can do, so the pipeline adapts (e.g. waits for finals when there are no partials)
// instead of asking which vendor it talks to. Vendor SDKs are imported only inside their own folder.

export interface SttCapabilities {
  /** Accepts audio as it is captured (vs. one whole utterance at a time). */
  streaming: boolean;
  /** Emits `partial` events while the candidate is still speaking. */
  interimResults: boolean;
}

export interface SttStartOptions {
  /** Rate of the PCM passed to write(); the pipeline uses 16 kHz. */
  sampleRate: number;
  /** BCP-47, e.g. 'en-US'. */
  language: string;
  /** Words and phrases to favour: the problem's terms, identifiers from the candidate's code. */
  phrases?: string[];
}

export interface TranscriptEvent {
  kind: 'partial' | 'final';
  text: string;
  /** Position in the written audio, ms from the session's first sample, when the engine reports it. */
  startMs?: number;
  endMs?: number;
}

export interface SttSession {
  /** Mono PCM16 at the session's sample rate. */
  write(pcm: Int16Array): void;
  /** No more audio: the engine emits its last finals and then `events` ends. */
  end(): void;
  /** Stops at once, dropping pending results (barge-in of the session itself, shutdown). */
  close(): void;
  /** Ends after end() or close(); throws if the engine failed. */
  readonly events: AsyncIterable<TranscriptEvent>;
}

export interface SpeechToText {
  readonly name: string;
  readonly capabilities: SttCapabilities;
  start(options: SttStartOptions): SttSession;
}

/** An engine that can only transcribe a whole utterance; wrapped into SpeechToText by segmentingStt. */
export interface BatchSpeechToText {
  readonly name: string;
  transcribe(pcm: Int16Array, options: SttStartOptions & { signal: AbortSignal }): Promise<string>;
}

export interface TtsCapabilities {
  /** First audio arrives before the whole sentence is synthesized. */
  streaming: boolean;
}

export interface SynthesizeOptions {
  /** The interviewer turn's signal: aborting it stops synthesis at once (barge-in). */
  signal: AbortSignal;
}

export interface TextToSpeech {
  readonly name: string;
  readonly capabilities: TtsCapabilities;
  /** Speech for `text` as 16 kHz mono PCM16 chunks of any size; ends early, without error, when aborted. */
  synthesize(text: string, options: SynthesizeOptions): AsyncIterable<Int16Array>;
}

/** A provider was given up on; reported to the caller's logger and metrics. */
export interface ProviderFailure {
  kind: 'stt' | 'tts';
  provider: string;
  reason: 'error' | 'stall';
  error?: unknown;
  /** The provider used instead, or null when none is left. */
  next: string | null;
}
