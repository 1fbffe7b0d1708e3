// The fake microphone's test signal and the measurements the audio tests make on what came back.
import { writeFile } from 'node:fs/promises';
import { dbfs as backendDbfs, pcmToBytes, resample, wavHeader } from '../../backend/src/pipeline/audio';
import type { CapturedFrame, Recording } from './audioPage';

export const SOURCE_RATE = 48_000;
/** Where each part of the signal sits, in seconds. */
export const SEGMENTS = {
  /** Syllable-like bursts of a gliding harmonic voice: an irregular envelope that only aligns one way. */
  voice: [0, 1.6],
  /** 12 kHz at -9 dBFS: above 16 kHz audio's Nyquist, so it must be filtered out, not folded to 4 kHz. */
  ultrasonic: [1.6, 2.0],
  /** 1 kHz at -9 dBFS: must come through at that level. */
  tone: [2.0, 2.3],
} as const;
const DURATION = 2.4;

const SYLLABLES_MS = [180, 60, 90, 50, 260, 80, 140, 40, 220, 70, 120, 60, 300];

/** 48 kHz mono float samples of the whole signal. */
export function testSignal(): Float32Array {
  const out = new Float32Array(Math.round(DURATION * SOURCE_RATE));
  const voiceEnd = SEGMENTS.voice[1] * SOURCE_RATE;
  let phase = 0;
  let at = 0;
  SYLLABLES_MS.forEach((ms, index) => {
    const length = Math.round((ms / 1000) * SOURCE_RATE);
    const silent = index % 2 === 1;
    for (let i = 0; i < length && at < voiceEnd; i++, at++) {
      const f0 = 110 + 90 * Math.sin(at / 9000) + 40 * (index % 3); // pitch glides, and jumps per syllable
      phase += (2 * Math.PI * f0) / SOURCE_RATE;
      if (silent) continue;
      const envelope = Math.sin((Math.PI * i) / length) ** 2;
      let voice = 0;
      for (let k = 1; k <= 12; k++) voice += Math.sin(k * phase) / k ** 1.2; // harmonics up to ~3.6 kHz
      out[at] = 0.35 * envelope * voice;
    }
  });
  fill(out, SEGMENTS.ultrasonic, 12_000);
  fill(out, SEGMENTS.tone, 1_000);
  return out;
}

function fill(out: Float32Array, [from, to]: readonly [number, number], hz: number): void {
  for (let i = Math.round(from * SOURCE_RATE); i < to * SOURCE_RATE; i++) out[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / SOURCE_RATE);
}

export const toPcm16 = (x: Float32Array): Int16Array => Int16Array.from(x, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 32767))));

export async function writeWav(file: string, pcm: Int16Array, rate: number): Promise<void> {
  const data = pcmToBytes(pcm);
  await writeFile(file, Buffer.concat([wavHeader(rate, data.length), data]));
}

/** The signal as it should arrive: resampled to 16 kHz by the backend's own resampler. */
export const referenceAt16k = (): Int16Array => resample(toPcm16(testSignal()), SOURCE_RATE, 16_000);

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, aFrom: number, bFrom: number, length: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < length; i++) {
    const x = a[aFrom + i]!;
    const y = b[bFrom + i]!;
    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  const cov = sab - (sa * sb) / length;
  const norm = Math.sqrt((saa - (sa * sa) / length) * (sbb - (sb * sb) / length));
  return norm === 0 ? 0 : cov / norm;
}

function envelope(pcm: ArrayLike<number>, hop: number): number[] {
  const out: number[] = [];
  for (let at = 0; at + hop <= pcm.length; at += hop) {
    let sum = 0;
    for (let i = at; i < at + hop; i++) sum += pcm[i]! ** 2;
    out.push(Math.sqrt(sum / hop));
  }
  return out;
}

export interface Alignment {
  /** captured[i] lines up with reference[i + offset]. */
  offset: number;
  /** Waveform correlation over the voice and tone segments. */
  correlation: number;
  /** Envelope correlation at the chosen offset (10 ms RMS). */
  envelopeCorrelation: number;
}

/** Finds where the capture began in the reference (coarse on 10 ms envelopes, then per sample) and correlates. */
export function align(captured: Int16Array, reference: Int16Array, rate = 16_000): Alignment {
  const hop = rate / 100;
  const envC = envelope(captured, hop);
  const envR = envelope(reference, hop);
  const span = Math.round(SEGMENTS.tone[1] * 100) - 10;
  let best = { lag: 0, r: -2 };
  for (let lag = 0; lag < envR.length - 20; lag++) {
    const length = Math.min(envC.length, envR.length - lag, span - lag);
    if (length < 40) break;
    const r = pearson(envC, envR, 0, lag, length);
    if (r > best.r) best = { lag, r };
  }
  const end = Math.round(SEGMENTS.tone[1] * rate);
  let fine = { offset: 0, r: -2 };
  for (let offset = Math.max(0, best.lag * hop - 2 * hop); offset <= best.lag * hop + 2 * hop; offset++) {
    const length = Math.min(captured.length, end - offset);
    if (length <= 0) continue;
    const r = pearson(captured, reference, 0, offset, length);
    if (r > fine.r) fine = { offset, r };
  }
  return { offset: fine.offset, correlation: fine.r, envelopeCorrelation: best.r };
}

/**
 * Waveform correlation per block of the voice segment, each block re-aligned within ±`searchMs` of `offset`: a
 * quantum the browser drops under load shifts everything after it, which one global alignment would count as a
 * mismatch. Blocks the reference has (nearly) silent are left out.
 */
export function blockCorrelations(captured: Int16Array, reference: Int16Array, offset: number, blockMs = 200, searchMs = 30, rate = 16_000): number[] {
  const block = (blockMs * rate) / 1000;
  const search = (searchMs * rate) / 1000;
  const out: number[] = [];
  for (let at = 0; at + block <= captured.length && at + offset + block <= SEGMENTS.voice[1] * rate; at += block) {
    if (backendDbfs(reference.subarray(at + offset, at + offset + block)) < -35) continue;
    let best = -1;
    for (let shift = -search; shift <= search; shift++) {
      const from = at + offset + shift;
      if (from >= 0 && from + block <= reference.length) best = Math.max(best, pearson(captured, reference, at, from, block));
    }
    out.push(best);
  }
  return out;
}

/** RMS in dBFS of the captured samples that line up with [from, to) seconds of the reference, trimmed by 20 ms. */
export function segmentDbfs(captured: Int16Array, offset: number, [from, to]: readonly [number, number], rate = 16_000): number {
  const start = Math.round((from + 0.02) * rate) - offset;
  const end = Math.round((to - 0.02) * rate) - offset;
  if (start < 0 || end > captured.length) throw new Error(`segment ${from}–${to} s is not in the capture (offset ${offset})`);
  let sum = 0;
  for (let i = start; i < end; i++) sum += captured[i]! ** 2;
  return 20 * Math.log10(Math.sqrt(sum / (end - start)) / 32768 || 1e-10);
}

export const concatFrames = (frames: CapturedFrame[]): Int16Array => Int16Array.from(frames.flatMap((f) => f.samples));

/** The recorded output indexed by context frame; NaN where Chromium rendered no quantum. */
export function byFrame({ quanta }: Recording): Float64Array {
  const last = quanta.at(-1);
  const out = new Float64Array(last ? last.frame + last.samples.length : 0).fill(Number.NaN);
  for (const q of quanta) out.set(q.samples, q.frame);
  return out;
}
