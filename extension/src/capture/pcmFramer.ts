// Cuts a recorder's raw s16le byte stream into exact 20 ms frames. Pipe chunks have any length (odd ones
// included), so the bytes of a partial frame are carried to the next chunk. Timestamps follow the sample clock
// from one anchor, so they are exactly 20 ms apart whatever the chunking and do not drift with pipe jitter.
import { AUDIO_FRAME_MS, AUDIO_SAMPLE_RATE } from '../../../protocol/src/audio';

export const FRAME_SAMPLES = (AUDIO_SAMPLE_RATE / 1000) * AUDIO_FRAME_MS;
const FRAME_BYTES = FRAME_SAMPLES * 2;

export interface TimedSamples {
  /** Epoch ms when the frame's first sample was captured. */
  captureTs: number;
  samples: Int16Array;
}

export class PcmFramer {
  private readonly pending = new Uint8Array(FRAME_BYTES);
  private pendingBytes = 0;
  private framesCut = 0;
  /** Epoch ms of the stream's first sample; set by the first chunk. */
  private origin: number | null = null;

  /**
   * Feeds one chunk as it arrived at `arrivedAt` (epoch ms) and returns the whole frames it completes. The first
   * chunk anchors the clock: its samples were captured just before it arrived.
   */
  push(chunk: Uint8Array, arrivedAt: number): TimedSamples[] {
    if (this.origin === null) this.origin = arrivedAt - ((this.pendingBytes + chunk.byteLength) / 2 / AUDIO_SAMPLE_RATE) * 1000;
    const frames: TimedSamples[] = [];
    let at = 0;
    while (at < chunk.byteLength) {
      const take = Math.min(FRAME_BYTES - this.pendingBytes, chunk.byteLength - at);
      this.pending.set(chunk.subarray(at, at + take), this.pendingBytes);
      this.pendingBytes += take;
      at += take;
      if (this.pendingBytes === FRAME_BYTES) {
        frames.push({ captureTs: this.frameTs(this.framesCut++), samples: decodeS16le(this.pending) });
        this.pendingBytes = 0;
      }
    }
    return frames;
  }

  /** Samples read so far, whole frames and the carried partial one. */
  get samplesRead(): number {
    return this.framesCut * FRAME_SAMPLES + Math.floor(this.pendingBytes / 2);
  }

  private frameTs(index: number): number {
    return this.origin! + index * AUDIO_FRAME_MS;
  }
}

function decodeS16le(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int16Array(bytes.byteLength >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

/** RMS level in dBFS of PCM16 samples (-100 for digital silence), for the mic meter. */
export function levelDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, samples.length)) / 32768;
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}
