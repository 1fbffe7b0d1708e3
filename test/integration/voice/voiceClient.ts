// A voice-mode /ws client for tests and the voice benchmark. Like TestSocket for JSON, plus: binary
// interviewer audio kept per turn; a microphone that streams 20 ms candidate frames at real time (quiet
// noise unless speech is queued); and a player that reports audio/playback as a real client would.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { decodeInterviewerAudio, encodeCandidateAudio } from '../../../protocol/src/audio';
import { PROTOCOL_VERSION } from '../../../protocol/src/limits';
import { ServerMessage, type ClientMessage, type ServerMessageOf } from '../../../protocol/src/session';
import { chunkPcm, dbfs, FRAME_SAMPLES, msForSamples } from '../../../backend/src/pipeline/audio';

export interface ReceivedAudio { turnId: string; seq: number; samples: number; at: number; index: number }
/** When a queued clip went out: its first frame, and the frame that ended its speech (the last loud one). */
export interface SentSpeech { startedAt: number; speechEndedAt: number; endedAt: number }

type Waiter = { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void };
interface Clip { frames: Int16Array[]; next: number; lastLoud: number; sent: Partial<SentSpeech>; done: (s: SentSpeech) => void }
type Mic = { pending: Clip[]; timer: NodeJS.Timeout };

const NOISE_AMPLITUDE = 40; // about -60 dBFS: a quiet room, so the VAD has a noise floor to measure against

export class VoiceClient {
  readonly received: ServerMessage[] = [];
  /** Arrival time (epoch ms) of each received message. */
  readonly receivedAt = new Map<ServerMessage, number>();
  readonly audio: ReceivedAudio[] = [];
  /** Player: report audio/playback like a client that plays what it receives. */
  reportPlayback = true;
  private index = 0;
  private waiters: Waiter[] = [];
  private mic: Mic | null = null;
  private seq = 0;
  private noiseState = 1;
  private playing: { turnId: string; until: number } | null = null;
  private readonly cleared = new Set<string>();
  private readonly started = new Set<string>();
  private readonly playerTimer: NodeJS.Timeout;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => (isBinary ? this.onAudio(data as Buffer) : this.onJson(data.toString())));
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    this.playerTimer = setInterval(() => this.playerTick(), 20);
  }

  static async open(baseUrl: string, token: string): Promise<VoiceClient> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws');
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    const client = new VoiceClient(ws);
    client.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
    await client.next('welcome');
    return client;
  }

  /** Starts a voice session and the microphone; resolves on session/didJoin. */
  async startSession(extra: Record<string, unknown> = {}): Promise<ServerMessageOf<'session/didJoin'>> {
    this.send({ type: 'session/start', requestId: randomUUID(), language: 'javascript', mode: 'voice', ...extra });
    const joined = await this.next('session/didJoin');
    if (joined.session.mode === 'voice') this.startMic();
    return joined;
  }

  send(message: ClientMessage | Record<string, unknown>): void { this.ws.send(JSON.stringify(message)); }
  sendBinary(bytes: Uint8Array): void { this.ws.send(bytes, { binary: true }); }

  next<T extends ServerMessage['type']>(type: T, predicate: (m: ServerMessageOf<T>) => boolean = () => true, timeoutMs = 15_000): Promise<ServerMessageOf<T>> {
    const match = (m: ServerMessage): m is ServerMessageOf<T> => m.type === type && predicate(m as ServerMessageOf<T>);
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${type}; got ${this.received.map((m) => m.type).join(', ')}`)), timeoutMs);
      this.waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m as ServerMessageOf<T>); } });
    });
  }

  all<T extends ServerMessage['type']>(type: T): ServerMessageOf<T>[] {
    return this.received.filter((m): m is ServerMessageOf<T> => m.type === type);
  }

  /** Audio frames received for a turn. */
  audioOf(turnId: string): ReceivedAudio[] { return this.audio.filter((a) => a.turnId === turnId); }
  samplesOf(turnId: string): number { return this.audioOf(turnId).reduce((n, a) => n + a.samples, 0); }

  /** Resolves once `samples` of the turn's audio arrived. */
  async audioFor(turnId: string, samples = 1, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.samplesOf(turnId) < samples) {
      if (Date.now() > deadline) throw new Error(`only ${this.samplesOf(turnId)} of ${samples} samples of turn ${turnId} arrived`);
      await sleep(10);
    }
  }

  /** Whether the player is playing a turn now. */
  get playingTurn(): string | null { return this.playing?.turnId ?? null; }

  /** Queues speech on the microphone; resolves when all of it was sent. */
  say(pcm: Int16Array): Promise<SentSpeech> {
    if (!this.mic) throw new Error('the microphone is not on (not a voice session?)');
    const frames = [...chunkPcm(pcm, FRAME_SAMPLES)].map((f) => (f.length === FRAME_SAMPLES ? f : padded(f)));
    let lastLoud = 0;
    frames.forEach((f, i) => { if (dbfs(f) > -45) lastLoud = i; });
    return new Promise((done) => this.mic!.pending.push({ frames, next: 0, lastLoud, sent: {}, done }));
  }

  stopMic(): void {
    if (this.mic) clearInterval(this.mic.timer);
    this.mic = null;
  }

  async close(): Promise<void> {
    this.stopMic();
    clearInterval(this.playerTimer);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
    await this.closed;
  }

  /** 20 ms frames at real time, timed from the start (not from the last tick), so timer jitter does not drift. */
  private startMic(): void {
    const startedAt = Date.now();
    let sent = 0;
    const timer = setInterval(() => {
      const due = Math.floor((Date.now() - startedAt) / 20);
      while (sent < due && this.ws.readyState === WebSocket.OPEN) {
        const samples = this.nextMicFrame();
        this.sendBinary(encodeCandidateAudio({ seq: this.seq++, captureTs: startedAt + sent * 20, samples }));
        sent++;
      }
    }, 5);
    this.mic = { pending: [], timer };
  }

  private nextMicFrame(): Int16Array {
    const clip = this.mic!.pending[0];
    if (!clip) return this.noise();
    const now = Date.now();
    clip.sent.startedAt ??= now;
    const frame = clip.frames[clip.next]!;
    // A frame goes out when its 20 ms of capture end, so this is when the speech ended.
    if (clip.next === clip.lastLoud) clip.sent.speechEndedAt = now;
    clip.next++;
    if (clip.next === clip.frames.length) {
      this.mic!.pending.shift();
      clip.done({ startedAt: clip.sent.startedAt, speechEndedAt: clip.sent.speechEndedAt ?? now, endedAt: now });
    }
    return frame;
  }

  private noise(): Int16Array {
    const out = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < out.length; i++) {
      this.noiseState = (Math.imul(this.noiseState, 1664525) + 1013904223) >>> 0;
      out[i] = Math.round(((this.noiseState / 0xffff_ffff) * 2 - 1) * NOISE_AMPLITUDE);
    }
    return out;
  }

  private onJson(text: string): void {
    const message = ServerMessage.parse(JSON.parse(text));
    this.received.push(message);
    this.receivedAt.set(message, Date.now());
    if (message.type === 'audio/clear') this.clear(message.turnId);
    this.waiters = this.waiters.filter((w) => (w.match(message) ? (w.resolve(message), false) : true));
  }

  private onAudio(data: Buffer): void {
    const frame = decodeInterviewerAudio(new Uint8Array(data));
    if (!frame.ok) throw new Error(`bad interviewer audio frame: ${frame.reason}`);
    const now = Date.now();
    this.audio.push({ turnId: frame.turnId, seq: frame.seq, samples: frame.samples.length, at: now, index: this.index++ });
    if (this.cleared.has(frame.turnId)) return; // a real player drops audio of a cleared turn
    if (this.playing?.turnId !== frame.turnId) {
      if (this.playing) this.report(this.playing.turnId, 'stopped');
      this.playing = { turnId: frame.turnId, until: now };
      if (!this.started.has(frame.turnId)) { this.started.add(frame.turnId); this.report(frame.turnId, 'started'); }
    }
    this.playing.until = Math.max(this.playing.until, now) + msForSamples(frame.samples.length);
  }

  private clear(turnId: string): void {
    this.cleared.add(turnId);
    if (this.playing?.turnId === turnId) { this.playing = null; this.report(turnId, 'stopped'); }
  }

  private playerTick(): void {
    if (this.playing && Date.now() > this.playing.until + 60) {
      const { turnId } = this.playing;
      this.playing = null;
      this.report(turnId, 'stopped');
    }
  }

  private report(turnId: string, state: 'started' | 'stopped'): void {
    if (this.reportPlayback && this.ws.readyState === WebSocket.OPEN) this.send({ type: 'audio/playback', turnId, state, ts: Date.now() });
  }
}

function padded(frame: Int16Array): Int16Array {
  const out = new Int16Array(FRAME_SAMPLES);
  out.set(frame);
  return out;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
