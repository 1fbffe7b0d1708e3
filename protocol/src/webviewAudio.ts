// Voice audio between the extension host and the interview webview: mic frames and mic state up, interviewer audio down.
// PCM travels as base64 of little-endian 16 kHz mono PCM16. VS Code (engine ≥ 1.57) can carry a bare ArrayBuffer,
// but a typed array is JSON-serialized as an index-keyed object, remote/web hosts and forks differ, and a string
// survives every JSON hop, logs and zod checks; at 32 KB/s of PCM the 33 % base64 overhead does not matter.
import { z } from 'zod';
import { AUDIO_SAMPLE_RATE, MAX_FRAME_SAMPLES, MIN_FRAME_SAMPLES } from './audio';

export const MicMode = z.enum(['open', 'push-to-talk']);
export type MicMode = z.infer<typeof MicMode>;
/** off: not started or disposed; listening: capturing (in push-to-talk, frames flow only while held); muted: no audio leaves. */
export const MicState = z.enum(['off', 'listening', 'muted', 'error']);
export type MicState = z.infer<typeof MicState>;
export const MicErrorKind = z.enum([
  'permission-denied', // the user or the editor refused the microphone (desktop VS Code always does)
  'no-device', // no input device, or none that meets the constraints
  'device-busy', // the OS or another application holds the device
  'device-lost', // the device was unplugged or revoked mid-session (track `ended`)
  'unsupported', // no getUserMedia / AudioWorklet here, or the worklet could not load (CSP)
]);
export type MicErrorKind = z.infer<typeof MicErrorKind>;
export const MicError = z.object({ kind: MicErrorKind, message: z.string().max(500) });
export type MicError = z.infer<typeof MicError>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const samplesIn = (b64: string): number => ((b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0)) / 2;
/** Base64 PCM16 holding between `min` and `max` whole samples. */
const pcm16Base64 = (min: number, max: number) => z.string().max(Math.ceil((max * 2) / 3) * 4).regex(BASE64, 'not base64')
  .refine((b64) => Number.isInteger(samplesIn(b64)) && samplesIn(b64) >= min && samplesIn(b64) <= max,
    `must hold ${min}–${max} PCM16 samples`);
const turnId = z.string().min(1).max(64);
/** Milliseconds since the Unix epoch (fractional). */
const epochMs = z.number().finite().nonnegative();

// ---- webview → host ----
/** One captured frame, ready for `encodeCandidateAudio` once decoded: 10–60 ms (the webview sends 20 ms). */
export const WebviewAudioFrameMessage = z.object({
  type: z.literal('audio/frame'),
  seq: z.number().int().min(0).max(0xffff_ffff),
  /** When the frame's first sample entered the audio graph. */
  captureTs: epochMs,
  pcm: pcm16Base64(MIN_FRAME_SAMPLES, MAX_FRAME_SAMPLES),
});
/**
 * Real playback state of an interviewer turn: `started` when its first sample reaches the speakers, `stopped` when
 * it ends or is cleared. Same shape as session.ts's AudioPlaybackMessage, which the host forwards to the server.
 */
export const WebviewAudioPlaybackMessage = z.object({
  type: z.literal('audio/playback'),
  turnId,
  state: z.enum(['started', 'stopped']),
  ts: epochMs,
});
const micStatusShape = {
  state: MicState,
  mode: MicMode,
  /** Frames are flowing: listening in open mic, or push-to-talk held. A release is an explicit end of speech. */
  sending: z.boolean(),
  error: MicError.optional(),
};
const consistent = (s: { state: MicState; sending: boolean; error?: MicError | undefined }): boolean =>
  (s.state === 'error') === (s.error !== undefined) && (!s.sending || s.state === 'listening');
const INCONSISTENT = 'error is given exactly when state is error, and only a listening mic sends';
export const MicStatus = z.object(micStatusShape).refine(consistent, INCONSISTENT);
export type MicStatus = z.infer<typeof MicStatus>;
export const WebviewMicDidChangeMessage = z.object({ type: z.literal('mic/didChange'), ...micStatusShape }).refine(consistent, INCONSISTENT);

// ---- host → webview ----
/** A chunk of interviewer speech (20–40 ms from the server); chunks of a turn play back to back in `seq` order of arrival. */
export const HostAudioPlayMessage = z.object({
  type: z.literal('audio/play'),
  turnId,
  seq: z.number().int().min(0).max(0xffff_ffff),
  pcm: pcm16Base64(1, AUDIO_SAMPLE_RATE),
});
/** Barge-in: stop this turn's audio now and drop what is queued of it. Same shape as session.ts's AudioClearMessage. */
export const HostAudioClearMessage = z.object({ type: z.literal('audio/clear'), turnId });

export type WebviewAudioFrameMessage = z.infer<typeof WebviewAudioFrameMessage>;
export type WebviewAudioPlaybackMessage = z.infer<typeof WebviewAudioPlaybackMessage>;
export type WebviewMicDidChangeMessage = z.infer<typeof WebviewMicDidChangeMessage>;
export type HostAudioPlayMessage = z.infer<typeof HostAudioPlayMessage>;
export type HostAudioClearMessage = z.infer<typeof HostAudioClearMessage>;

// ---- PCM16 ⇄ base64 (no Buffer or btoa: this module runs in the host, the webview and the backend) ----
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function pcm16ToBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((s, i) => view.setInt16(i * 2, s, true));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!
      + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? ALPHABET[n & 63]! : '=');
  }
  return out;
}

/** Expects input that passed the schemas above (valid base64 of whole samples). */
export function base64ToPcm16(b64: string): Int16Array {
  const clean = b64.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of clean) {
    value = (value << 6) | (LOOKUP.get(c) ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  const view = new DataView(bytes.buffer);
  const out = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}
