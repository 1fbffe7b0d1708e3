// PCM16 helpers for the voice pipeline. Everything inside the pipeline is 16 kHz mono 16-bit PCM in
// 20 ms frames (what STT engines and VADs expect); engines at other rates are resampled at the edge.

export const SAMPLE_RATE = 16_000;
export const FRAME_MS = 20;
/** Samples in one 20 ms frame at 16 kHz. */
export const FRAME_SAMPLES = (SAMPLE_RATE * FRAME_MS) / 1000;
/** dBFS reported for digital silence, so levels stay finite numbers. */
export const SILENCE_DBFS = -100;

export const samplesForMs = (ms: number, rate = SAMPLE_RATE): number => Math.round((rate * ms) / 1000);
export const msForSamples = (samples: number, rate = SAMPLE_RATE): number => (samples * 1000) / rate;

/** Root mean square of the samples, in sample units (0..32768). */
export function rms(pcm: Int16Array): number {
  if (pcm.length === 0) return 0;
  let sum = 0;
  for (const s of pcm) sum += s * s;
  return Math.sqrt(sum / pcm.length);
}

/** Level relative to full scale: 0 dBFS is a full-scale square wave, a full-scale sine is about -3. */
export function dbfs(pcm: Int16Array): number {
  const level = rms(pcm);
  return level === 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 20 * Math.log10(level / 32768));
}

export function concatPcm(chunks: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}

/** Bytes → samples across chunk boundaries: a pipe may split a sample's two bytes between reads. */
export class PcmByteReader {
  private carry: number | null = null;

  push(bytes: Uint8Array): Int16Array {
    const total = bytes.length + (this.carry === null ? 0 : 1);
    const out = new Int16Array(total >> 1);
    let i = 0;
    let o = 0;
    if (this.carry !== null && bytes.length > 0) {
      out[o++] = (this.carry | (bytes[0] << 8)) << 16 >> 16;
      i = 1;
      this.carry = null;
    }
    for (; i + 1 < bytes.length; i += 2) out[o++] = (bytes[i] | (bytes[i + 1] << 8)) << 16 >> 16;
    if (i < bytes.length) this.carry = bytes[i];
    return out;
  }
}

/** Little-endian bytes of the samples (a copy: an Int16Array view may start at an odd offset elsewhere). */
export function pcmToBytes(pcm: Int16Array): Buffer {
  const out = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i], i * 2);
  return out;
}

/**
 * Streaming sample-rate converter: a windowed-sinc low-pass (when downsampling, so 22.05/44.1 kHz
 * content above 8 kHz does not fold back as hiss) followed by linear interpolation.
 */
export class Resampler {
  private readonly step: number;
  private readonly taps: Float32Array | null;
  private readonly history: Float32Array;
  private filtered: number[] = [];
  private position = 0;

  constructor(readonly fromRate: number, readonly toRate = SAMPLE_RATE, tapCount = 31) {
    if (fromRate <= 0 || toRate <= 0) throw new RangeError('sample rates must be positive');
    this.step = fromRate / toRate;
    this.taps = fromRate > toRate ? lowPassTaps(tapCount, (0.45 * toRate) / fromRate) : null;
    this.history = new Float32Array(this.taps ? this.taps.length - 1 : 0);
  }

  push(input: Int16Array): Int16Array {
    for (const sample of input) this.filtered.push(this.filter(sample));
    const out: number[] = [];
    while (this.position + 1 < this.filtered.length) {
      const i = Math.floor(this.position);
      const frac = this.position - i;
      out.push(clamp16(this.filtered[i] * (1 - frac) + this.filtered[i + 1] * frac));
      this.position += this.step;
    }
    const consumed = Math.min(Math.floor(this.position), this.filtered.length - 1);
    if (consumed > 0) { this.filtered = this.filtered.slice(consumed); this.position -= consumed; }
    return Int16Array.from(out);
  }

  /** Pushes out the filter's delay line at the end of a stream. */
  flush(): Int16Array {
    const tail = this.taps ? (this.taps.length - 1) >> 1 : 0;
    return this.push(new Int16Array(tail + 1));
  }

  private filter(sample: number): number {
    const taps = this.taps;
    if (!taps) return sample;
    const h = this.history;
    let acc = taps[0] * sample;
    for (let k = 1; k < taps.length; k++) acc += taps[k] * h[k - 1];
    h.copyWithin(1, 0, h.length - 1);
    h[0] = sample;
    return acc;
  }
}

/** One-shot resampling of a whole buffer. */
export function resample(pcm: Int16Array, fromRate: number, toRate = SAMPLE_RATE): Int16Array {
  if (fromRate === toRate) return pcm.slice();
  const r = new Resampler(fromRate, toRate);
  return concatPcm([r.push(pcm), r.flush()]);
}

/** Blackman-windowed sinc; `cutoff` in cycles per input sample; unity gain at DC. */
function lowPassTaps(count: number, cutoff: number): Float32Array {
  const taps = new Float32Array(count);
  const mid = (count - 1) / 2;
  let sum = 0;
  for (let n = 0; n < count; n++) {
    const x = n - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (count - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (count - 1));
    taps[n] = sinc * window;
    sum += taps[n];
  }
  for (let n = 0; n < count; n++) taps[n] /= sum;
  return taps;
}

const clamp16 = (x: number): number => Math.max(-32768, Math.min(32767, Math.round(x)));

/**
 * Re-cuts a stream of arbitrary-size buffers into fixed chunks (20–40 ms for outgoing audio, so a
 * client-side clear drops at most one short chunk already playing).
 */
export class PcmChunker {
  private readonly pending: Int16Array;
  private filled = 0;

  constructor(readonly chunkSamples = FRAME_SAMPLES) {
    if (chunkSamples < 1) throw new RangeError('chunkSamples must be at least 1');
    this.pending = new Int16Array(chunkSamples);
  }

  push(pcm: Int16Array): Int16Array[] {
    const out: Int16Array[] = [];
    let at = 0;
    while (at < pcm.length) {
      const take = Math.min(this.chunkSamples - this.filled, pcm.length - at);
      this.pending.set(pcm.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.chunkSamples) { out.push(this.pending.slice()); this.filled = 0; }
    }
    return out;
  }

  /** The last, shorter chunk, if any. */
  flush(): Int16Array | null {
    if (this.filled === 0) return null;
    const last = this.pending.slice(0, this.filled);
    this.filled = 0;
    return last;
  }
}

export function* chunkPcm(pcm: Int16Array, chunkSamples = FRAME_SAMPLES): Generator<Int16Array> {
  for (let at = 0; at < pcm.length; at += chunkSamples) yield pcm.subarray(at, at + chunkSamples);
}

// ---- WAV (RIFF, PCM16) ----

/** Data size written into a header when the length is unknown (a stream); what espeak-ng writes too. */
export const STREAMING_WAV_BYTES = 0x7fff_f000;

export interface WavInfo { sampleRate: number; channels: number; bitsPerSample: number; dataOffset: number; dataBytes: number }

export function wavHeader(sampleRate: number, dataBytes = STREAMING_WAV_BYTES, channels = 1): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffff_ffff, 36 + dataBytes), 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * Reads a RIFF header, skipping chunks such as LIST. Returns null while `buf` is too short to reach the
 * data chunk (a stream's first read), and throws on anything but PCM16.
 */
export function parseWavHeader(buf: Uint8Array): WavInfo | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12) return null;
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE stream');
  let format: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | null = null;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk');
      return { ...format, dataOffset: at + 8, dataBytes: size };
    }
    if (id === 'fmt ') {
      if (at + 8 + 16 > b.length) return null;
      const code = b.readUInt16LE(at + 8);
      const bitsPerSample = b.readUInt16LE(at + 22);
      if ((code !== 1 && code !== 0xfffe) || bitsPerSample !== 16) throw new Error(`unsupported WAV format ${code}/${bitsPerSample}-bit`);
      format = { channels: b.readUInt16LE(at + 10), sampleRate: b.readUInt32LE(at + 12), bitsPerSample };
    }
    at += 8 + size + (size & 1);
  }
  return null;
}

export function encodeWav(pcm: Int16Array, sampleRate = SAMPLE_RATE): Buffer {
  return Buffer.concat([wavHeader(sampleRate, pcm.length * 2), pcmToBytes(pcm)]);
}

/** Decodes a PCM16 WAV to mono (channels averaged). */
export function decodeWav(buf: Uint8Array): { sampleRate: number; pcm: Int16Array } {
  const info = parseWavHeader(buf);
  if (!info) throw new Error('truncated WAV header');
  const end = Math.min(buf.length, info.dataOffset + info.dataBytes);
  const interleaved = new PcmByteReader().push(buf.subarray(info.dataOffset, end));
  if (info.channels === 1) return { sampleRate: info.sampleRate, pcm: interleaved };
  const frames = Math.floor(interleaved.length / info.channels);
  const mono = new Int16Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < info.channels; c++) sum += interleaved[f * info.channels + c];
    mono[f] = Math.round(sum / info.channels);
  }
  return { sampleRate: info.sampleRate, pcm: mono };
}
