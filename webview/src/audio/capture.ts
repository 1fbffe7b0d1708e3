// The candidate's microphone: getUserMedia → AudioWorklet (16 kHz PCM16, 20 ms frames) → `onFrame`, with a level for
// the meter, open-mic / push-to-talk / mute, and typed errors. start() must run in a user gesture (a click, a key).
import type { CandidateAudioFrame } from '../../../protocol/src/audio';
import type { MicError, MicMode, MicStatus } from '../../../protocol/src/webviewAudio';
import { contextTimeToEpochMs } from './clock';
import { CAPTURE_RATE, SILENCE_DBFS, dbfs } from './dsp';
import { Listeners } from './events';
import { WorkletLoadError, micErrorFrom } from './micErrors';
import { CAPTURE_PROCESSOR, STOP_MESSAGE, type CaptureWorkletFrame } from './workletMessages';

export interface AudioProcessing { echoCancellation: boolean; noiseSuppression: boolean; autoGainControl: boolean }

export interface MicCaptureOptions {
  /** Where dist/webview/captureWorklet.js is served; see captureWorkletUrl(). */
  workletUrl: string;
  /** The browser's voice processing: on for people (echo from speakers), off in tests so audio is repeatable. */
  processing?: boolean | Partial<AudioProcessing>;
  mode?: MicMode;
  /** AudioContext rate; 16 kHz (the default) spares the worklet resampling. null: the device's own rate. */
  contextRate?: number | null;
  deviceId?: string;
  /** Defaults to navigator.mediaDevices. */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'>;
}

/**
 * The worklet sits beside the webview's bundle. The host names it on <body data-worklet-url> (a VS Code webview's
 * script elements have no readable src); elsewhere (test pages) it resolves against the page's bundle script.
 */
export function captureWorkletUrl(doc: Document = document): string {
  const named = doc.body?.dataset.workletUrl;
  if (named) return named;
  const script = doc.querySelector<HTMLScriptElement>('script[src$="/main.js"]') ?? doc.querySelector<HTMLScriptElement>('script[src]');
  if (!script) throw new Error('captureWorkletUrl: the page has no bundle script to resolve against');
  return new URL('captureWorklet.js', script.src).href;
}

const RESYNC_MS = 250;

/** What one start() acquired; released as a unit. */
interface Graph { context: AudioContext; stream: MediaStream; source: MediaStreamAudioSourceNode; node: AudioWorkletNode }

export class MicCapture {
  private readonly frames = new Listeners<CandidateAudioFrame>();
  private readonly levels = new Listeners<number>();
  private readonly statuses = new Listeners<MicStatus>();
  private graph: Graph | null = null;
  private starting: Promise<MicStatus> | null = null;
  /** Bumped by every start/stop, so a start still awaiting the device knows it was superseded. */
  private generation = 0;
  private mode: MicMode;
  private muted = false;
  private held = false;
  private error: MicError | null = null;
  private seq = 0;
  /** Pins the sample clock to the wall clock; see captureTs(). */
  private anchor: { contextTime: number; epochMs: number } | null = null;
  private lastLevel = SILENCE_DBFS;

  constructor(private readonly options: MicCaptureOptions) {
    this.mode = options.mode ?? 'open';
  }

  get status(): MicStatus {
    if (this.error) return { state: 'error', mode: this.mode, sending: false, error: this.error };
    if (!this.graph) return { state: 'off', mode: this.mode, sending: false };
    if (this.muted) return { state: 'muted', mode: this.mode, sending: false };
    return { state: 'listening', mode: this.mode, sending: this.mode === 'open' || this.held };
  }

  /** The running AudioContext's rate (16 kHz unless the browser refused it or contextRate said otherwise). */
  get contextSampleRate(): number | null {
    return this.graph?.context.sampleRate ?? null;
  }

  /** Latest frame's RMS level in dBFS (silence while muted or off). */
  get level(): number {
    return this.lastLevel;
  }

  /** Frames exactly as encodeCandidateAudio takes them; seq counts sent frames, captureTs is epoch ms. */
  onFrame(listener: (frame: CandidateAudioFrame) => void): () => void {
    return this.frames.on(listener);
  }

  /** Every 20 ms while the mic is open, whether or not frames are being sent (so push-to-talk shows the mic works). */
  onLevel(listener: (dbfs: number) => void): () => void {
    return this.levels.on(listener);
  }

  onStatus(listener: (status: MicStatus) => void): () => void {
    return this.statuses.on(listener);
  }

  /** Opens the mic; errors become an `error` status rather than a rejection. Calling it again retries after an error. */
  start(): Promise<MicStatus> {
    if (this.graph) return Promise.resolve(this.status);
    // A second click while the permission prompt is up joins the first attempt.
    this.starting ??= this.open().finally(() => (this.starting = null));
    return this.starting;
  }

  setMode(mode: MicMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.held = false;
    this.changed();
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    // A disabled track delivers silence: nothing of the room reaches the graph, not just nothing sent.
    this.graph?.stream.getAudioTracks().forEach((track) => (track.enabled = !muted));
    if (muted) this.emitLevel(SILENCE_DBFS);
    this.changed();
  }

  /** Push-to-talk: frames flow only while held. Ignored in open-mic mode. */
  setTalking(held: boolean): void {
    if (this.mode !== 'push-to-talk' || held === this.held) return;
    this.held = held;
    this.changed();
  }

  /** Releases the device and the audio context; start() may be called again. */
  stop(): Promise<void> {
    const clearsError = this.error !== null && !this.graph;
    this.error = null;
    if (clearsError) this.changed();
    return this.teardown();
  }

  dispose(): void {
    void this.stop();
    this.frames.clear();
    this.levels.clear();
    this.statuses.clear();
  }

  /** Announces `off`, or the error set just before. */
  private async teardown(): Promise<void> {
    this.generation += 1;
    const graph = this.graph;
    this.graph = null;
    this.held = false;
    if (graph) {
      this.release(graph);
      this.emitLevel(SILENCE_DBFS);
      this.changed();
      await graph.context.close().catch(() => undefined);
    }
  }

  private async open(): Promise<MicStatus> {
    const generation = ++this.generation;
    this.error = null;
    const devices = this.options.mediaDevices ?? navigator.mediaDevices;
    if (!devices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
      return this.fail({ kind: 'unsupported', message: 'this page offers no getUserMedia or AudioWorklet' });
    }
    let context: AudioContext | null = null;
    let stream: MediaStream | null = null;
    try {
      // Created before awaiting the permission prompt, while the user gesture still counts for autoplay.
      context = createContext(this.options.contextRate === undefined ? CAPTURE_RATE : this.options.contextRate);
      void context.resume();
      stream = await devices.getUserMedia({ audio: this.constraints() });
      if (generation !== this.generation) throw new Superseded();
      await context.audioWorklet.addModule(this.options.workletUrl).catch((error: unknown) => {
        throw new WorkletLoadError(error);
      });
      if (generation !== this.generation) throw new Superseded();
      const graph = this.connect(context, stream);
      this.graph = graph;
      this.anchor = null;
      this.changed();
      return this.status;
    } catch (error) {
      stream?.getTracks().forEach((track) => track.stop());
      void context?.close().catch(() => undefined);
      if (error instanceof Superseded) return this.status;
      return this.fail(error instanceof WorkletLoadError ? error.micError : micErrorFrom(error));
    }
  }

  private constraints(): MediaTrackConstraints {
    const { processing = true, deviceId } = this.options;
    const chosen: AudioProcessing = typeof processing === 'boolean'
      ? { echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing }
      : { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...processing };
    return { ...chosen, channelCount: 1, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
  }

  private connect(context: AudioContext, stream: MediaStream): Graph {
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
      numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit', channelInterpretation: 'speakers',
    });
    node.port.onmessage = (event: MessageEvent<CaptureWorkletFrame>) => this.handleFrame(context, event.data);
    source.connect(node);
    for (const track of stream.getAudioTracks()) {
      track.enabled = !this.muted;
      track.addEventListener('ended', () => {
        if (this.graph?.stream !== stream) return;
        this.error = { kind: 'device-lost', message: `${track.label || 'the microphone'} stopped delivering audio` };
        void this.teardown();
      });
    }
    return { context, stream, source, node };
  }

  private handleFrame(context: AudioContext, frame: CaptureWorkletFrame): void {
    if (this.graph?.context !== context) return;
    this.emitLevel(this.muted ? SILENCE_DBFS : dbfs(frame.samples));
    if (!this.status.sending) return;
    this.frames.emit({ seq: this.seq++, captureTs: this.captureTs(context, frame.contextTime), samples: frame.samples });
  }

  /**
   * Frame times follow the sample clock (exactly 20 ms apart), pinned to the wall clock at the first frame; the
   * pin moves only if the two drift apart by more than RESYNC_MS (a suspended context, a long stall), since the
   * wall-clock reading of one frame jitters with the main thread's load.
   */
  private captureTs(context: AudioContext, contextTime: number): number {
    const observed = contextTimeToEpochMs(context, contextTime);
    const predicted = this.anchor ? this.anchor.epochMs + (contextTime - this.anchor.contextTime) * 1000 : Number.NaN;
    if (!(Math.abs(predicted - observed) <= RESYNC_MS)) {
      this.anchor = { contextTime, epochMs: observed };
      return observed;
    }
    return predicted;
  }

  private emitLevel(level: number): void {
    this.lastLevel = level;
    this.levels.emit(level);
  }

  private release(graph: Graph): void {
    graph.node.port.postMessage(STOP_MESSAGE);
    graph.node.port.onmessage = null;
    graph.source.disconnect();
    graph.stream.getTracks().forEach((track) => track.stop());
  }

  private fail(error: MicError): MicStatus {
    this.error = error;
    this.changed();
    return this.status;
  }

  private changed(): void {
    this.statuses.emit(this.status);
  }
}

function createContext(rate: number | null): AudioContext {
  if (rate === null) return new AudioContext({ latencyHint: 'interactive' });
  try {
    return new AudioContext({ sampleRate: rate, latencyHint: 'interactive' });
  } catch {
    return new AudioContext({ latencyHint: 'interactive' }); // a rate this browser refuses: the worklet resamples
  }
}

/** A later start() or stop() took over while this one awaited the device. */
class Superseded extends Error {}
