// What a recorder's stderr and exit mean to the candidate, as the typed MicError the UI shows. Recorders print
// free text; these patterns cover sox/rec (CoreAudio, ALSA, PulseAudio, waveaudio), arecord and ffmpeg.
import type { MicError, MicErrorKind } from '../../../protocol/src/webviewAudio';

const BUSY = /device or resource busy|\bEBUSY\b|\bbusy\b|in use by another|already in use/i;
// macOS TCC says "not permitted"/"not authorized"; ALSA's "audio open error" is how arecord reports a denied device.
const PERMISSION = /not permitted|permission denied|access (is )?denied|not authori[sz]ed|\bEACCES\b|audio open error/i;
const NO_DEVICE = /no such device|no such file or directory|could not find (audio|any)|no (default )?(audio|input|capture) device|can'?t open input device|cannot open audio device|unknown input format|no soundcards found/i;

const HINTS: Partial<Record<MicErrorKind, string>> = {
  'permission-denied': 'Allow your editor to use the microphone (macOS: System Settings › Privacy & Security › Microphone; Linux: add yourself to the audio group), then try again.',
  'device-busy': 'Another application is holding the microphone; close it and try again.',
  'no-device': 'Connect a microphone, or name a device in mocktalk.voice.recorderCommand.',
};

/** The kind of failure a recorder reported before any audio arrived (unknown text: no usable device). */
export function classifyStartFailure(stderr: string): MicErrorKind {
  if (BUSY.test(stderr) && !/permission denied/i.test(stderr)) return 'device-busy';
  if (PERMISSION.test(stderr)) return 'permission-denied';
  if (NO_DEVICE.test(stderr)) return 'no-device';
  return 'no-device';
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was stopped by ${signal}` : `exited with code ${code ?? 'unknown'}`;
}

/** The recorder failed before delivering audio. */
export function startFailure(label: string, exit: string, stderr: string): MicError {
  const kind = classifyStartFailure(stderr);
  return micError(kind, `The microphone recorder (${label}) ${exit} before recording`, stderr);
}

/** The recorder stopped while the interview was listening: the device went away or the process was killed. */
export function lostFailure(label: string, exit: string, stderr: string): MicError {
  return micError('device-lost', `The microphone recorder (${label}) ${exit} during the interview; the microphone is off`, stderr);
}

function micError(kind: MicErrorKind, lead: string, stderr: string): MicError {
  const detail = stderr.trim() ? `: ${lastLine(stderr)}` : '';
  const hint = HINTS[kind] ? ` ${HINTS[kind]}` : '';
  const message = `${lead}${detail}.${hint}`;
  return { kind, message: message.length > 500 ? `${message.slice(0, 497)}…` : message };
}

function lastLine(text: string): string {
  const lines = text.trim().split(/\r?\n/).filter((l) => l.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim().replace(/\.+$/, '').slice(0, 240);
}

/** The last lines a process wrote to stderr, bounded (a chatty recorder must not grow memory). */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 20) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-1000);
    this.lines.push(...parts.filter((l) => l.trim() !== '').map((l) => l.slice(0, 1000)));
    if (this.lines.length > this.maxLines) this.lines = this.lines.slice(-this.maxLines);
  }

  get text(): string {
    return [...this.lines, ...(this.partial.trim() ? [this.partial] : [])].join('\n');
  }
}
