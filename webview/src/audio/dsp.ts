// Sample-level pieces of the capture path, shared by the AudioWorklet and the page (and testable in Node):
// a streaming windowed-sinc resampler, a fixed-size PCM16 frame assembler and a level in dBFS.
// No imports: this ends up in the worklet bundle, which must stay free of zod and the DOM.

/** What the backend takes (protocol/src/audio.ts): 16 kHz mono, 20 ms frames. */
export const CAPTURE_RATE = 16_000;
export const FRAME_SAMPLES = 320;
/** dBFS reported for digital silence, so levels stay finite. */
export const SILENCE_DBFS = -100;

/** Filter half-width in output samples: ~4 kHz transition at any input rate, ~74 dB stop band (Blackman). */
const HALF_WIDTH_OUT = 11;
/** Fractional positions the kernel is tabulated at; the one just below is used (timing error < 1/512 sample). */
const PHASES = 512;

/**
 * Streaming sample-rate converter for mono float audio. Each output sample is a windowed-sinc interpolation at
 * its exact fractional input position; when downsampling, the sinc's cutoff (0.45 × the output rate) is the
 * anti-aliasing low-pass, so 44.1/48 kHz content above 8 kHz does not fold back into the band.
 */
export class Resampler {
  /** Input samples per output sample. */
  readonly step: number;
  private readonly half: number;
  private readonly table: Float32Array | null;
  private readonly width: number;
  private history: Float32Array;
  /** Absolute input index of history[0], and how many input samples history holds. */
  private base = 0;
  private filled = 0;
  /** Absolute input position (fractional) of the next output sample. */
  private next = 0;
  private produced = 0;

  constructor(readonly fromRate: number, readonly toRate = CAPTURE_RATE) {
    if (!(fromRate > 0 && toRate > 0)) throw new RangeError('sample rates must be positive');
    this.step = fromRate / toRate;
    this.half = fromRate === toRate ? 0 : Math.ceil(HALF_WIDTH_OUT * Math.max(1, this.step));
    this.width = 2 * this.half;
    this.table = this.half ? kernelTable(this.half, 0.45 * Math.min(1, toRate / fromRate)) : null;
    this.history = new Float32Array(Math.max(256, this.width * 4));
  }

  /** Output samples emitted before the current one; output sample n sits at input position n × step. */
  get outputCount(): number {
    return this.produced;
  }

  push(input: Float32Array, emit: (sample: number) => void): void {
    if (!this.table) {
      for (const s of input) {
        emit(s);
        this.produced += 1;
      }
      return;
    }
    this.append(input);
    const { table, half, width } = this;
    // Output at position t needs inputs floor(t) - half + 1 … floor(t) + half.
    while (Math.floor(this.next) + half < this.base + this.filled) {
      const whole = Math.floor(this.next);
      const taps = Math.floor((this.next - whole) * PHASES) * width;
      const first = whole - half + 1 - this.base;
      let acc = 0;
      for (let j = 0; j < width; j++) acc += table[taps + j]! * (this.history[first + j] ?? 0);
      emit(acc);
      this.produced += 1;
      this.next = this.produced * this.step;
    }
    this.discard(Math.floor(this.next) - half + 1 - this.base);
  }

  private append(input: Float32Array): void {
    if (this.filled + input.length > this.history.length) {
      const grown = new Float32Array(Math.max(this.history.length * 2, this.filled + input.length));
      grown.set(this.history.subarray(0, this.filled));
      this.history = grown;
    }
    this.history.set(input, this.filled);
    this.filled += input.length;
  }

  private discard(count: number): void {
    if (count <= 0) return;
    // Input before the first output keeps virtual zeros: the start is treated as preceded by silence.
    const drop = Math.min(count, this.filled);
    this.history.copyWithin(0, drop, this.filled);
    this.filled -= drop;
    this.base += drop;
  }
}

/**
 * Row p holds the taps for fractional position p / PHASES: tap j weighs input floor(t) - half + 1 + j, at
 * distance x = frac + half - 1 - j. Blackman-windowed sinc, each row normalized to unity gain at DC.
 */
function kernelTable(half: number, cutoff: number): Float32Array {
  const width = 2 * half;
  const table = new Float32Array(PHASES * width);
  for (let p = 0; p < PHASES; p++) {
    const frac = p / PHASES;
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const x = frac + half - 1 - j;
      const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      const w = Math.abs(x) >= half ? 0 : 0.42 + 0.5 * Math.cos((Math.PI * x) / half) + 0.08 * Math.cos((2 * Math.PI * x) / half);
      table[p * width + j] = sinc * w;
      sum += sinc * w;
    }
    for (let j = 0; j < width; j++) table[p * width + j]! /= sum;
  }
  return table;
}

/** Cuts a stream of float samples (-1…1) into PCM16 frames of a fixed size. */
export class FrameAssembler {
  private frame: Int16Array;
  private filled = 0;

  constructor(readonly size = FRAME_SAMPLES) {
    this.frame = new Int16Array(size);
  }

  /** Returns the frame this sample completed, which the caller then owns. */
  push(sample: number): Int16Array | null {
    this.frame[this.filled++] = floatToPcm16(sample);
    if (this.filled < this.size) return null;
    const full = this.frame;
    this.frame = new Int16Array(this.size);
    this.filled = 0;
    return full;
  }
}

export const floatToPcm16 = (x: number): number => Math.max(-32768, Math.min(32767, Math.round(x * 32768)));

/** RMS level relative to full scale; a full-scale sine is about -3 dBFS. */
export function dbfs(pcm: Int16Array): number {
  if (pcm.length === 0) return SILENCE_DBFS;
  let sum = 0;
  for (const s of pcm) sum += s * s;
  const rms = Math.sqrt(sum / pcm.length);
  return rms === 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 20 * Math.log10(rms / 32768));
}
