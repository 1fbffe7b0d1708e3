// Barge-in: does the candidate's voice during the interviewer's playback mean "stop talking"?
//
// Echo: the microphone also hears the interviewer's own voice from the speakers. Browser echo
// cancellation (getUserMedia `echoCancellation: true`, WebRTC AEC3 in Chromium) subtracts what that
// browser itself plays, so in code-server's webview it removes most of it. It does NOT cover: audio
// played by another process or device (desktop VS Code, where capture is a recorder process in the
// extension host with no AEC at all, or playback through a separate app); the first second or so while
// the filter converges and after the output device or volume changes; loud speakers that distort
// non-linearly; long room reverberation; and it turns the residual down, not to zero (FINDINGS: the
// gain also shifts by ~7 dB). So while playing we ask more of an onset (louder, above the floor, longer)
// and ignore transcripts that merely repeat what the interviewer is saying. Headphones avoid all of it.
import { normalizeWords } from './completeness';

export interface BargeInOptions {
  /** While playing, speech must hold this long before it counts (echo bursts and clicks are shorter). */
  playingOnsetMs: number;
  /** ...and be at least this loud (dBFS): residual echo after AEC sits well below close-talking speech. */
  playingMinLevelDb: number;
  /** ...and stand this far above the noise floor. */
  playingMinMarginDb: number;
  /** Quiet frames tolerated inside one onset (the gaps between syllables). */
  gapMs: number;
  /** Speech longer than this interrupts even if its words so far are only "okay" or nothing yet. */
  backchannelMaxMs: number;
  /** Share of the heard words found in the interviewer's current text above which it is echo. */
  echoWordShare: number;
}

export const DEFAULT_BARGE_IN: BargeInOptions = {
  playingOnsetMs: 200,
  playingMinLevelDb: -38,
  playingMinMarginDb: 15,
  gapMs: 160,
  backchannelMaxMs: 700,
  echoWordShare: 0.8,
};

export type BargeInDecision =
  | { kind: 'none' }
  /** Speech during playback that may still turn out to be a backchannel: keep playing, ask again. */
  | { kind: 'pending'; since: number }
  /** Stop the interviewer's turn now. */
  | { kind: 'interrupt'; at: number; reason: 'words' | 'duration' }
  /** "Mm-hmm", "okay", "right": acknowledged, playback continues. */
  | { kind: 'backchannel'; at: number; text: string };

/** Whole-utterance acknowledgements; matched against the normalized words of the partial transcript. */
const BACKCHANNEL = /^(?:(?:m+|mm+ ?hmm+|m+ ?hm+|hmm+|uh ?huh|uh|okay|ok|right|yeah|yes|yep|yup|sure|got it|i see|alright|cool|gotcha|makes sense|sounds good|good)(?: |$))+$/;

export function isBackchannel(text: string): boolean {
  const words = normalizeWords(text.replace(/-/g, ' '));
  return words.length > 0 && BACKCHANNEL.test(words.join(' '));
}

export interface MicFrame { levelDb: number; marginDb: number }

export class BargeInPolicy {
  private readonly options: BargeInOptions;
  private playing = false;
  private interviewerWords = new Set<string>();
  private onsetStart: number | null = null;
  private lastLoudTs = 0;
  private heard = '';
  private result: BargeInDecision = { kind: 'none' };

  constructor(options: Partial<BargeInOptions> = {}) {
    this.options = { ...DEFAULT_BARGE_IN, ...options };
  }

  get isPlaying(): boolean { return this.playing; }

  /** The interviewer's audio began playing on the client. */
  playbackStarted(): void {
    this.playing = true;
    this.interviewerWords.clear();
    this.clearOnset();
  }

  /** Text of a sentence being played, so its echo in the transcript is recognised as such. */
  speaking(text: string): void {
    for (const word of normalizeWords(text)) this.interviewerWords.add(word);
  }

  playbackStopped(): void {
    this.playing = false;
    this.clearOnset();
  }

  /** One microphone frame's level (from the VAD) at capture time `ts`. */
  frame(mic: MicFrame, ts: number): void {
    if (!this.playing) return;
    const o = this.options;
    const loud = mic.levelDb >= o.playingMinLevelDb && mic.marginDb >= o.playingMinMarginDb;
    if (loud) {
      if (this.onsetStart === null) this.onsetStart = ts;
      this.lastLoudTs = ts;
    } else if (this.onsetStart !== null && ts - this.lastLoudTs > o.gapMs) {
      this.onsetEnded(ts);
    }
  }

  /** The recognizer's interim text for the speech heard during playback. */
  partial(text: string): void {
    if (this.playing && this.onsetStart !== null) this.heard = text;
  }

  check(now: number): BargeInDecision {
    const settled = this.result;
    if (settled.kind === 'backchannel') { this.result = { kind: 'none' }; return settled; }
    if (!this.playing || this.onsetStart === null) return { kind: 'none' };
    const o = this.options;
    const duration = this.lastLoudTs - this.onsetStart;
    if (duration < o.playingOnsetMs) return { kind: 'pending', since: this.onsetStart };
    if (this.heard.trim() !== '' && !isBackchannel(this.heard) && !this.isEcho(this.heard)) {
      return this.interrupt(now, 'words');
    }
    if (duration > o.backchannelMaxMs && !this.isEcho(this.heard)) return this.interrupt(now, 'duration');
    return { kind: 'pending', since: this.onsetStart };
  }

  private onsetEnded(ts: number): void {
    const start = this.onsetStart ?? ts;
    const duration = this.lastLoudTs - start;
    const text = this.heard;
    this.clearOnset();
    // Long enough to be speech, short, and nothing but acknowledgement (or no words yet): a backchannel.
    if (duration >= this.options.playingOnsetMs && duration <= this.options.backchannelMaxMs
      && (text.trim() === '' || isBackchannel(text))) {
      this.result = { kind: 'backchannel', at: ts, text };
    }
  }

  private isEcho(text: string): boolean {
    const words = normalizeWords(text);
    if (words.length < 2 || this.interviewerWords.size === 0) return false;
    const shared = words.filter((w) => this.interviewerWords.has(w)).length;
    return shared / words.length >= this.options.echoWordShare;
  }

  private interrupt(now: number, reason: 'words' | 'duration'): BargeInDecision {
    // One interrupt per playback: the turn is being aborted, the client is clearing its buffer.
    this.playing = false;
    this.clearOnset();
    return { kind: 'interrupt', at: now, reason };
  }

  private clearOnset(): void {
    this.onsetStart = null;
    this.heard = '';
  }
}
