// Binary audio frames on the session WebSocket (voice mode). Little-endian throughout.
//   candidate → server (type 1): [u8 type][u8 version][u16 0][u32 seq][f64 captureTs ms] + PCM16 samples
//   server → candidate (type 2): [u8 type][u8 version][u16 0][u32 seq][f64 sentTs ms][16 bytes turn uuid] + PCM16
import { z } from 'zod';

export const AUDIO_SAMPLE_RATE = 16_000;
export const AUDIO_FRAME_VERSION = 1;
/** Candidate audio arrives in 20 ms frames; anything from 10 to 60 ms is accepted. */
export const AUDIO_FRAME_MS = 20;
export const MIN_FRAME_SAMPLES = (AUDIO_SAMPLE_RATE / 1000) * 10;
export const MAX_FRAME_SAMPLES = (AUDIO_SAMPLE_RATE / 1000) * 60;

export const AudioFormat = z.object({
  encoding: z.literal('pcm16'),
  sampleRate: z.literal(AUDIO_SAMPLE_RATE),
  channels: z.literal(1),
});
export type AudioFormat = z.infer<typeof AudioFormat>;

export const FRAME_TYPES = { candidateAudio: 1, interviewerAudio: 2 } as const;
const IN_HEADER = 16;
const OUT_HEADER = 32;

export interface CandidateAudioFrame { seq: number; captureTs: number; samples: Int16Array }
export interface InterviewerAudioFrame { seq: number; sentTs: number; turnId: string; samples: Int16Array }

export type AudioFrameError = { ok: false; reason: string };

function header(type: number, seq: number, ts: number, size: number): DataView {
  const view = new DataView(new ArrayBuffer(size));
  view.setUint8(0, type);
  view.setUint8(1, AUDIO_FRAME_VERSION);
  view.setUint32(4, seq >>> 0, true);
  view.setFloat64(8, ts, true);
  return view;
}

function copySamples(view: DataView, offset: number, samples: Int16Array): void {
  for (let i = 0; i < samples.length; i++) view.setInt16(offset + i * 2, samples[i]!, true);
}

function readSamples(bytes: Uint8Array, offset: number): Int16Array {
  const count = (bytes.byteLength - offset) / 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + i * 2, true);
  return out;
}

export function encodeCandidateAudio(frame: CandidateAudioFrame): Uint8Array {
  const view = header(FRAME_TYPES.candidateAudio, frame.seq, frame.captureTs, IN_HEADER + frame.samples.length * 2);
  copySamples(view, IN_HEADER, frame.samples);
  return new Uint8Array(view.buffer);
}

/** Validates a binary frame from a client: type, version, even length, 10–60 ms of 16 kHz samples. */
export function decodeCandidateAudio(bytes: Uint8Array): ({ ok: true } & CandidateAudioFrame) | AudioFrameError {
  if (bytes.byteLength < IN_HEADER) return { ok: false, reason: `frame of ${bytes.byteLength} bytes is shorter than the ${IN_HEADER}-byte header` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== FRAME_TYPES.candidateAudio) return { ok: false, reason: `frame type ${view.getUint8(0)} is not candidate audio (1)` };
  if (view.getUint8(1) !== AUDIO_FRAME_VERSION) return { ok: false, reason: `frame version ${view.getUint8(1)} is not ${AUDIO_FRAME_VERSION}` };
  const payload = bytes.byteLength - IN_HEADER;
  if (payload % 2 !== 0) return { ok: false, reason: 'PCM16 payload has an odd number of bytes' };
  const samples = payload / 2;
  if (samples < MIN_FRAME_SAMPLES || samples > MAX_FRAME_SAMPLES) {
    return { ok: false, reason: `${samples} samples is not 10–60 ms of ${AUDIO_SAMPLE_RATE} Hz mono audio (${MIN_FRAME_SAMPLES}–${MAX_FRAME_SAMPLES})` };
  }
  return { ok: true, seq: view.getUint32(4, true), captureTs: view.getFloat64(8, true), samples: readSamples(bytes, IN_HEADER) };
}

const uuidBytes = (uuid: string): number[] => (uuid.replace(/-/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16));
const uuidString = (bytes: Uint8Array): string => {
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function encodeInterviewerAudio(frame: InterviewerAudioFrame): Uint8Array {
  const view = header(FRAME_TYPES.interviewerAudio, frame.seq, frame.sentTs, OUT_HEADER + frame.samples.length * 2);
  uuidBytes(frame.turnId).forEach((b, i) => view.setUint8(16 + i, b));
  copySamples(view, OUT_HEADER, frame.samples);
  return new Uint8Array(view.buffer);
}

export function decodeInterviewerAudio(bytes: Uint8Array): ({ ok: true } & InterviewerAudioFrame) | AudioFrameError {
  if (bytes.byteLength < OUT_HEADER || (bytes.byteLength - OUT_HEADER) % 2 !== 0) return { ok: false, reason: 'malformed interviewer audio frame' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== FRAME_TYPES.interviewerAudio) return { ok: false, reason: `frame type ${view.getUint8(0)} is not interviewer audio (2)` };
  return {
    ok: true, seq: view.getUint32(4, true), sentTs: view.getFloat64(8, true),
    turnId: uuidString(bytes.subarray(16, 32)), samples: readSamples(bytes, OUT_HEADER),
  };
}
