// Voice activity detection: which 20 ms frames of the candidate's audio hold speech. One interface, so a
// model-based VAD (Silero) can replace the energy VAD without touching the turn logic.
import { dbfs, FRAME_MS, FRAME_SAMPLES } from './audio';

export type VadEvent = 'speech-start' | 'speech-end';

export interface VadResult {
  /** Inside a speech segment (onset confirmed, hangover not yet run out). */
  speech: boolean;
  levelDb: number;
  /** The level this frame stands above the noise floor; what barge-in compares while playing. */
  marginDb: number;
  event: VadEvent | null;
  /** When the event really happened: onset's first loud frame, or the first quiet frame before the hangover. */
  eventTs: number | null;
  /** Inside speech: when the current run of quiet frames began (the hangover so far), else null. A pause
   *  this long is where a reply may be prepared speculatively, before the hangover confirms the end. */
  quietSince: number | null;
}

export interface VoiceActivityDetector {
  /** Samples per frame the detector expects (16 kHz). */
  readonly frameSamples: number;
  process(frame: Int16Array, ts: number): VadResult;
  reset(): void;
}

export interface EnergyVadOptions {
  /** A frame this far above the noise floor counts as loud. */
  startMarginDb: number;
  /** Inside speech, a frame must fall below floor + this to count as quiet (hysteresis). */
  stopMarginDb: number;
  /** Nothing quieter than this is speech, however quiet the room. */
  minSpeechDb: number;
  /** Consecutive loud frames that confirm an onset (clicks and keystrokes are shorter). */
  onsetFrames: number;
  /** Consecutive quiet frames before speech ends, so the gaps between words do not split a phrase. */
  hangoverFrames: number;
  /**
   * The noise floor is the quietest frame of this recent window ("minimum statistics"): speech has
   * quiet gaps between syllables and phrases, so the minimum tracks the room, in or out of speech.
   */
  floorWindowMs: number;
}

export const DEFAULT_ENERGY_VAD: EnergyVadOptions = {
  startMarginDb: 12,
  stopMarginDb: 7,
  minSpeechDb: -50,
  onsetFrames: 3,
  hangoverFrames: 15,
  floorWindowMs: 2500,
};

/**
 * Energy VAD with an adaptive noise floor: follows a quieter room at once and a noisier one (a fan
 * switched on) within the floor window, after which the fan no longer counts as speech.
 */
export class EnergyVad implements VoiceActivityDetector {
  readonly frameSamples = FRAME_SAMPLES;
  private readonly options: EnergyVadOptions;
  private readonly recentLevels: Float64Array;
  private recentCount = 0;
  private recentAt = 0;
  private speaking = false;
  private run = 0;
  private runStartTs = 0;

  constructor(options: Partial<EnergyVadOptions> = {}) {
    this.options = { ...DEFAULT_ENERGY_VAD, ...options };
    this.recentLevels = new Float64Array(Math.max(1, Math.round(this.options.floorWindowMs / FRAME_MS)));
  }

  /** NaN before the first frame. */
  get noiseFloorDb(): number {
    if (this.recentCount === 0) return Number.NaN;
    let min = Infinity;
    for (let i = 0; i < this.recentCount; i++) min = Math.min(min, this.recentLevels[i]);
    return min;
  }

  reset(): void {
    this.recentCount = 0;
    this.recentAt = 0;
    this.speaking = false;
    this.run = 0;
  }

  process(frame: Int16Array, ts: number): VadResult {
    const o = this.options;
    const levelDb = dbfs(frame);
    this.remember(levelDb);
    const marginDb = levelDb - this.noiseFloorDb;
    const loud = levelDb >= o.minSpeechDb && marginDb >= (this.speaking ? o.stopMarginDb : o.startMarginDb);
    let event: VadEvent | null = null;
    let eventTs: number | null = null;

    // `run` counts frames contradicting the current state; enough of them flip it.
    if (loud !== this.speaking) {
      if (this.run === 0) this.runStartTs = ts;
      this.run++;
      if (this.run >= (this.speaking ? o.hangoverFrames : o.onsetFrames)) {
        this.speaking = loud;
        this.run = 0;
        event = loud ? 'speech-start' : 'speech-end';
        eventTs = this.runStartTs;
      }
    } else {
      this.run = 0;
    }
    const quietSince = this.speaking && this.run > 0 ? this.runStartTs : null;
    return { speech: this.speaking, levelDb, marginDb, event, eventTs, quietSince };
  }

  private remember(levelDb: number): void {
    this.recentLevels[this.recentAt] = levelDb;
    this.recentAt = (this.recentAt + 1) % this.recentLevels.length;
    this.recentCount = Math.min(this.recentCount + 1, this.recentLevels.length);
  }
}
