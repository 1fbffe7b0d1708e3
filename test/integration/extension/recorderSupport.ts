// The recorder capture tests' rig: speech WAVs made by flite at run time (no audio in the repo), the stand-in
// recorder (test/fixtures/fakeRecorder.mjs) as a `mocktalk.voice.recorderCommand` override, and a frame collector.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MicStatus } from '../../../protocol/src/webviewAudio';
import { encodeWav } from '../../../backend/src/pipeline/audio';
import type { PcmFrame } from '../../../extension/src/capture/captureStrategy';
import type { RecorderCapture } from '../../../extension/src/capture/recorderCapture';
import { fliteSpeech } from '../../unit/providers/support/speech';

export const FAKE_RECORDER = resolve(__dirname, '../../fixtures/fakeRecorder.mjs');

/** The override setting that runs the stand-in recorder with these arguments. */
export const fakeRecorder = (...args: string[]): string[] => [process.execPath, FAKE_RECORDER, ...args];

export interface SpeechFile { file: string; pcm: Int16Array }

/** A scratch folder with flite speech written as 16 kHz mono WAVs; remove() deletes it. */
export class SpeechFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'mocktalk-recorder-'));
  private readonly made = new Map<string, SpeechFile>();

  wav(text: string): SpeechFile {
    let made = this.made.get(text);
    if (!made) {
      const pcm = fliteSpeech(text);
      const file = join(this.dir, `speech-${this.made.size}.wav`);
      writeFileSync(file, encodeWav(pcm));
      made = { file, pcm };
      this.made.set(text, made);
    }
    return made;
  }

  path(name: string): string { return join(this.dir, name); }
  remove(): void { rmSync(this.dir, { recursive: true, force: true }); }
}

/** Everything a capture emits, with the wall-clock arrival of each frame. */
export class Collected {
  readonly frames: (PcmFrame & { arrivedAt: number })[] = [];
  readonly statuses: MicStatus[] = [];
  readonly levels: number[] = [];

  constructor(capture: RecorderCapture) {
    capture.onFrame.on((frame) => this.frames.push({ ...frame, arrivedAt: Date.now() }));
    capture.onStatus.on((status) => this.statuses.push(status));
    capture.onLevel.on((level) => this.levels.push(level));
  }

  get samples(): Int16Array {
    const out = new Int16Array(this.frames.length * 320);
    this.frames.forEach((f, i) => out.set(f.samples, i * 320));
    return out;
  }
}

export { waitFor } from '../../support/waitFor';

/** Whether a process still runs (a zombie waiting to be reaped counts as gone: it runs nothing). */
export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
}
