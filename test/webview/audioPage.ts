/// <reference lib="dom" />
// Browser entry for test/webview/audio.test.ts: the real audio modules and controls on a page, with recording hooks
// exposed as window.audioTest so each page.evaluate is a one-line call (tsx-compiled callbacks cannot define helpers).
import '../../webview/src/zodJitless';
import '../../webview/src/styles.css';
import type { MicStatus } from '../../protocol/src/webviewAudio';
import { MicCapture, captureWorkletUrl } from '../../webview/src/audio/capture';
import { AudioPlayer, type PlaybackEvent, type ScheduledChunk } from '../../webview/src/audio/player';
import { SpeakingIndicator } from '../../webview/src/ui/levelMeter';
import { MicControls } from '../../webview/src/ui/micControls';
import type { RecordedQuantum } from './audioRecorderWorklet';

export interface MicSetup {
  contextRate?: number | null;
  mode?: 'open' | 'push-to-talk';
}
export interface CapturedFrame { seq: number; captureTs: number; samples: number[] }
export interface PlayerSetup { jitterMs?: number }
export interface Recording { sampleRate: number; quanta: Array<{ frame: number; samples: number[] }> }

let capture: MicCapture | null = null;
let stream: MediaStream | null = null;
let frames: CapturedFrame[] = [];
let levels: number[] = [];
let statuses: MicStatus[] = [];
let player: AudioPlayer | null = null;
let playback: PlaybackEvent[] = [];
let speaking: boolean[] = [];
let quanta: RecordedQuantum[] = [];

const root = document.createElement('main');
root.className = 'audio-test';
root.style.cssText = 'display:flex;flex-direction:column;gap:16px;padding:16px 20px;width:640px';
document.body.append(root);

const audioTest = {
  mountMic(setup: MicSetup = {}): void {
    capture = new MicCapture({
      workletUrl: captureWorkletUrl(), processing: false, mode: setup.mode ?? 'open', contextRate: setup.contextRate,
      // Keeps the stream so a test can end its track as an unplugged device would.
      mediaDevices: { getUserMedia: async (c) => (stream = await navigator.mediaDevices.getUserMedia(c)) },
    });
    capture.onFrame((f) => frames.push({ seq: f.seq, captureTs: f.captureTs, samples: [...f.samples] }));
    capture.onLevel((l) => levels.push(l));
    capture.onStatus((s) => statuses.push(s));
    root.append(new MicControls(capture).element);
  },
  startMic: (): Promise<MicStatus> => capture!.start(),
  contextRate: (): number | null => capture!.contextSampleRate,
  takeFrames(): CapturedFrame[] {
    const taken = frames;
    frames = [];
    return taken;
  },
  levels: (): number[] => levels,
  statuses: (): MicStatus[] => statuses,
  /** What Chromium does when a device is unplugged: the track ends (track.stop() would not fire `ended`). */
  loseDevice: (): void => void stream?.getAudioTracks()[0]?.dispatchEvent(new Event('ended')),
  stopMic: (): Promise<void> => capture!.stop(),

  async mountPlayer(setup: PlayerSetup = {}): Promise<number> {
    const context = new AudioContext({ sampleRate: 16_000 });
    await context.audioWorklet.addModule(new URL('audioRecorderWorklet.js', captureWorkletUrl()).href);
    const recorder = new AudioWorkletNode(context, 'test-recorder');
    recorder.port.onmessage = (event: MessageEvent<RecordedQuantum>) => quanta.push(event.data);
    recorder.connect(context.destination);
    player = new AudioPlayer({ context, destination: recorder, jitterMs: setup.jitterMs });
    const indicator = new SpeakingIndicator();
    root.append(indicator.element);
    player.onPlayback((e) => playback.push(e));
    player.onSpeaking((s) => {
      speaking.push(s);
      indicator.set(s);
    });
    await player.resume();
    // Chromium's output may skip a few quanta as it starts: let it settle before a test plays anything.
    while (context.currentTime < 0.2) await new Promise((resolve) => setTimeout(resolve, 20));
    return context.sampleRate;
  },
  /** Queues `count` chunks of a continuous cosine (so the first sample is not 0) in one go; returns the schedule and the clock when queued. */
  playTone(turnId: string, count: number, chunkSamples: number, hz = 440): { queuedAt: number; scheduled: ScheduledChunk[] } {
    const queuedAt = player!.context.currentTime;
    for (let c = 0; c < count; c++) {
      const chunk = new Int16Array(chunkSamples);
      for (let i = 0; i < chunkSamples; i++) chunk[i] = Math.round(16_000 * Math.cos((2 * Math.PI * hz * (c * chunkSamples + i)) / 16_000));
      player!.play(turnId, c, chunk);
    }
    return { queuedAt, scheduled: [...player!.scheduled] };
  },
  /** Clears and returns the context frame at the moment of the call. */
  clearPlayer(turnId?: string): number {
    const frame = Math.round(player!.context.currentTime * player!.context.sampleRate);
    player!.clear(turnId);
    return frame;
  },
  playback: (): PlaybackEvent[] => playback,
  speaking: (): boolean[] => speaking,
  scheduledCount: (): number => player!.scheduled.length,
  /** Every quantum the output saw, by context frame (a quantum Chromium skipped is absent, not silent). */
  recording(): Recording {
    return { sampleRate: player!.context.sampleRate, quanta: quanta.map((q) => ({ frame: q.frame, samples: [...q.samples] })) };
  },
  reset(): void {
    frames = [];
    levels = [];
    statuses = [];
    playback = [];
    speaking = [];
    quanta = [];
  },
};

declare global {
  interface Window { audioTest: typeof audioTest }
}
window.audioTest = audioTest;
document.body.dataset.ready = 'true';
