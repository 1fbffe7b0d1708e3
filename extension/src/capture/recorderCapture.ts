// The microphone through a recorder process in the extension host (desktop VS Code denies getUserMedia to webviews):
// spawn sox/arecord/ffmpeg (or the user's command), cut its raw PCM16 stdout into 20 ms frames, gate them by mute and
// push-to-talk, and turn its failures into typed MicErrors. The process runs in its own process group so dispose()
// takes a wrapper script's children down with it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import type { MicError, MicMode, MicStatus } from '../../../protocol/src/webviewAudio';
import { Listeners } from '../connection/listeners';
import { errorStatus, type CaptureStrategy, type PcmFrame } from './captureStrategy';
import { findDshowDevice } from './dshow';
import { levelDbfs, PcmFramer } from './pcmFramer';
import { DSHOW_DEVICE, normalizePlatform, resolveRecorder, type RecorderCommand, type RecorderLookup } from './recorderCommand';
import { describeExit, lostFailure, startFailure, StderrTail } from './recorderErrors';

export interface RecorderCaptureOptions {
  /** Defaults to process.platform. */
  platform?: NodeJS.Platform;
  /** The environment the recorder is looked up in and runs with; defaults to process.env. */
  env?: RecorderLookup['env'];
  /** The `mocktalk.voice.recorderCommand` setting value. */
  recorderCommand?: unknown;
  mode?: MicMode;
  /** A recorder that runs but writes no audio for this long is treated as having no usable device. */
  startTimeoutMs?: number;
  /** After SIGTERM, the process group gets SIGKILL this much later. */
  killGraceMs?: number;
}

const SILENCE_DBFS = -100;
const EXIT_WITHOUT_CLOSE_MS = 500;

interface Running { child: ChildProcess; command: RecorderCommand; framer: PcmFramer; stderr: StderrTail; audio: boolean }

export class RecorderCapture implements CaptureStrategy {
  readonly kind = 'recorder' as const;
  readonly route = 'host' as const;
  readonly onFrame = new Listeners<PcmFrame>();
  readonly onStatus = new Listeners<MicStatus>();
  /** RMS dBFS of every 20 ms of audio while the process runs, sent or not (silence while muted), for the meter. */
  readonly onLevel = new Listeners<number>();
  private readonly platform;
  private running: Running | null = null;
  /** The last recorder's stderr, kept after it exits for the error message, logs and bug reports. */
  private lastStderr: StderrTail | null = null;
  private starting: Promise<MicStatus> | null = null;
  private settleStart: (() => void) | null = null;
  private mode: MicMode;
  private muted = false;
  private held = false;
  private error: MicError | null = null;
  private disposed = false;
  private seq = 0;
  private label = 'a recorder process';
  private lastLevel = SILENCE_DBFS;
  private lastAnnounced: string;

  constructor(private readonly options: RecorderCaptureOptions = {}) {
    this.platform = normalizePlatform(options.platform ?? process.platform);
    this.mode = options.mode ?? 'open';
    this.lastAnnounced = JSON.stringify(this.status);
  }

  get description(): string {
    return `Microphone via ${this.label}`;
  }

  get status(): MicStatus {
    if (this.error) return errorStatus(this.mode, this.error);
    if (!this.running?.audio) return { state: 'off', mode: this.mode, sending: false };
    if (this.muted) return { state: 'muted', mode: this.mode, sending: false };
    return { state: 'listening', mode: this.mode, sending: this.mode === 'open' || this.held };
  }

  get level(): number {
    return this.lastLevel;
  }

  /** The recorder's process id while it runs (tests check it is gone after dispose). */
  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** The last stderr lines of the current (or last) recorder, for logs and bug reports. */
  get stderr(): string {
    return this.lastStderr?.text ?? '';
  }

  /** Starts the recorder; resolves once audio flows (listening) or with an error status. Retries after an error. */
  start(): Promise<MicStatus> {
    if (this.disposed) return Promise.resolve(this.status);
    if (this.running?.audio) return Promise.resolve(this.status);
    this.starting ??= this.open().finally(() => (this.starting = null));
    return this.starting;
  }

  setMode(mode: MicMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.held = false;
    this.announce();
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (muted) this.emitLevel(SILENCE_DBFS);
    this.announce();
  }

  setTalking(held: boolean): void {
    if (this.mode !== 'push-to-talk' || held === this.held) return;
    this.held = held;
    this.announce();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.held = false;
    this.error = null;
    this.stopProcess();
    this.announce();
    this.settleStart?.();
    this.onFrame.clear();
    this.onStatus.clear();
    this.onLevel.clear();
  }

  private async open(): Promise<MicStatus> {
    this.error = null;
    const env = this.options.env ?? process.env;
    const resolved = resolveRecorder({ platform: this.platform, env, override: this.options.recorderCommand });
    if (!resolved.ok) return this.fail(resolved.error);
    const command = resolved.command;
    this.label = command.label;
    let args = command.args;
    if (command.needsDshowDevice) {
      const device = await findDshowDevice(command.executable);
      if (!device) return this.fail({ kind: 'no-device', message: 'ffmpeg lists no DirectShow audio device. Connect a microphone, or install SoX (`winget install ChrisBagwell.SoX`).' });
      args = args.map((a) => a.replace(DSHOW_DEVICE, device));
    }
    if (this.disposed) return this.status;

    let child: ChildProcess;
    try {
      child = spawn(command.executable, args, {
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group on POSIX, so a kill reaches what a wrapper script started. If the host itself dies,
        // the recorder's next write to the closed pipe ends it (SIGPIPE/EPIPE).
        detached: this.platform !== 'win32',
        windowsHide: true,
      });
    } catch (error) {
      return this.fail({ kind: 'unsupported', message: `The microphone recorder (${command.label}) could not be started: ${String(error)}`.slice(0, 500) });
    }
    const running: Running = { child, command, framer: new PcmFramer(), stderr: new StderrTail(), audio: false };
    this.running = running;
    this.lastStderr = running.stderr;
    this.seq = 0;

    return new Promise<MicStatus>((resolve) => {
      const timer = setTimeout(() => {
        if (this.running !== running || running.audio) return;
        this.stopProcess();
        this.fail({ kind: 'no-device', message: `The microphone recorder (${command.label}) produced no audio within ${Math.round(this.startTimeoutMs / 1000)} s. ${running.stderr.text ? `It said: ${running.stderr.text.slice(-200)}` : 'Is a microphone connected?'}`.slice(0, 500) });
      }, this.startTimeoutMs);
      this.settleStart = () => { clearTimeout(timer); this.settleStart = null; resolve(this.status); };
      child.stdout!.on('data', (chunk: Buffer) => this.onAudio(running, chunk));
      child.stderr!.setEncoding('utf8').on('data', (text: string) => running.stderr.push(text));
      child.on('error', (error) => {
        if (this.running !== running) return;
        this.stopProcess();
        this.fail({ kind: 'unsupported', message: `The microphone recorder (${command.label}) could not be started: ${error.message}`.slice(0, 500) });
      });
      // 'close' comes after stdio ends, so the stderr that explains the exit has been read. A wrapper's child that
      // still holds the pipes would delay it forever: then 'exit' decides, a moment later.
      child.on('close', (code, signal) => this.onClose(running, code, signal));
      child.on('exit', (code, signal) => setTimeout(() => this.onClose(running, code, signal), EXIT_WITHOUT_CLOSE_MS).unref());
    });
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 5_000;
  }

  private onAudio(running: Running, chunk: Buffer): void {
    if (this.running !== running) return;
    const frames = running.framer.push(chunk, Date.now());
    if (!running.audio && frames.length > 0) {
      running.audio = true;
      this.announce();
      this.settleStart?.();
    }
    for (const frame of frames) {
      this.emitLevel(this.muted ? SILENCE_DBFS : levelDbfs(frame.samples));
      if (this.running !== running || !this.status.sending) continue;
      this.onFrame.emit({ seq: this.seq++, captureTs: frame.captureTs, samples: frame.samples });
    }
  }

  private onClose(running: Running, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.running !== running) return;
    this.running = null;
    const exit = describeExit(code, signal);
    const stderr = running.stderr.text;
    this.fail(running.audio ? lostFailure(running.command.label, exit, stderr) : startFailure(running.command.label, exit, stderr));
    killGroup(running.child, this.platform, 'SIGKILL');
  }

  private fail(error: MicError): MicStatus {
    this.error = error;
    this.emitLevel(SILENCE_DBFS);
    this.announce();
    this.settleStart?.();
    return this.status;
  }

  /** Kills the recorder and everything in its process group; SIGKILL follows if SIGTERM was not enough. */
  private stopProcess(): void {
    const running = this.running;
    this.running = null;
    if (!running) return;
    running.child.stdout?.destroy();
    running.child.stderr?.destroy();
    killGroup(running.child, this.platform, 'SIGTERM');
    const force = setTimeout(() => killGroup(running.child, this.platform, 'SIGKILL'), this.options.killGraceMs ?? 1_000);
    force.unref();
  }

  private emitLevel(level: number): void {
    this.lastLevel = level;
    this.onLevel.emit(level);
  }

  /** Emits the status when it changed. */
  private announce(): void {
    const status = this.status;
    const key = JSON.stringify(status);
    if (key === this.lastAnnounced) return;
    this.lastAnnounced = key;
    this.onStatus.emit(status);
  }
}

function killGroup(child: ChildProcess, platform: string, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (platform === 'win32') {
    // taskkill /T takes the process tree; child.kill() alone would leave a wrapper's children running.
    if (child.exitCode === null && child.signalCode === null) {
      execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => child.kill());
    }
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already (ESRCH), or never existed: fall back to the process itself.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}
