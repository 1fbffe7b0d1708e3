// Decides when the candidate's turn is over, as opposed to a pause to think. Pure logic over timestamps:
// the caller feeds VAD, STT and editor events with their times and asks `check(now)`; the decision says
// when to ask again, so the caller needs one timer and tests need no real time.
import { classifyUtterance, type Completeness, isQuestion } from './completeness';

export interface TurnDetectorOptions {
  /** Silence after a complete-sounding phrase before the turn ends. */
  silenceMs: number;
  /** Silence after a complete question ("can the array be empty"): it asks the interviewer to speak. */
  questionSilenceMs: number;
  /** Silence after a trailing "so", "and", "um", or a hanging clause. */
  incompleteSilenceMs: number;
  /** Silence after "let me think", "hmm", "give me a second". */
  thinkingSilenceMs: number;
  /** An interim transcript must stay unchanged this long: while the recognizer revises, words are still coming. */
  stableMs: number;
  /** Silence within this long of the last keystroke is the candidate coding, not yielding the floor. */
  typingHoldMs: number;
  /** The longest silence (after speech and typing) the detector waits, whatever the words say. */
  maxWaitMs: number;
  /** A pause this long after a complete thought (no typing) is a likely end: time to prepare the reply. */
  speculateAfterMs: number;
}

// silenceMs trades latency for cut-offs: on the labeled set, 900 ms cut off 3 of 40 turns (pauses of
// 1.1–1.5 s between complete sentences), 1200 ms one. Candidates think aloud; an interviewer that is a
// little slow is better than one that talks over them. The reply is prepared speculatively during that
// pause (likelyEnd), so the wait costs little beyond the pause itself. A question is answered sooner: no
// labeled question goes on after a pause, and it is what candidates most want answered quickly.
export const DEFAULT_TURN_DETECTOR: TurnDetectorOptions = {
  silenceMs: 1200,
  questionSilenceMs: 600,
  incompleteSilenceMs: 2600,
  thinkingSilenceMs: 5000,
  stableMs: 500,
  typingHoldMs: 3000,
  maxWaitMs: 8000,
  speculateAfterMs: 100,
};

export type WaitReason = 'pause' | 'incomplete' | 'thinking' | 'typing' | 'unstable' | 'no-transcript';
export type EndReason = 'complete' | 'incomplete-timeout' | 'thinking-timeout' | 'max-wait';

export type TurnDecision =
  /** Nothing said in this turn yet. */
  | { kind: 'idle' }
  /** The candidate is speaking. */
  | { kind: 'listening' }
  /** Silent, but the turn is not over; ask again at `until` (or on the next event). */
  | { kind: 'waiting'; reason: WaitReason; until: number }
  /** The turn is over: answer `text`, then reset() for the next one. */
  | { kind: 'end-of-turn'; at: number; reason: EndReason; text: string }
  /** Speech with no words, ever: a cough or a door, not a turn. The detector has reset itself. */
  | { kind: 'noise'; at: number };

export class TurnDetector {
  private readonly options: TurnDetectorOptions;
  private heardSpeech = false;
  private speaking = false;
  private speechEndTs = 0;
  private finals: string[] = [];
  private partialText = '';
  private partialChangedTs = 0;
  private lastCodeTs = Number.NEGATIVE_INFINITY;

  constructor(options: Partial<TurnDetectorOptions> = {}, private readonly clock: () => number = Date.now) {
    this.options = { ...DEFAULT_TURN_DETECTOR, ...options };
  }

  /** The candidate's words so far in this turn: settled finals plus the current interim text. */
  get text(): string {
    return [...this.finals, this.partialText].filter((t) => t.trim() !== '').join(' ').trim();
  }

  speechStarted(ts = this.clock()): void {
    this.heardSpeech = true;
    this.speaking = true;
    this.speechEndTs = ts;
  }

  /** `ts` is when speech really stopped (the VAD's eventTs), not when the hangover confirmed it. */
  speechStopped(ts = this.clock()): void {
    if (!this.speaking) return;
    this.speaking = false;
    this.speechEndTs = ts;
  }

  partial(text: string, ts = this.clock()): void {
    if (text.trim() === this.partialText.trim()) return;
    this.partialText = text;
    this.partialChangedTs = ts;
  }

  final(text: string, ts = this.clock()): void {
    if (text.trim() !== '') this.finals.push(text.trim());
    this.partialText = '';
    this.partialChangedTs = ts;
  }

  /** The candidate edited the code (a keystroke, a paste) at `ts`. */
  codeActivity(ts = this.clock()): void {
    this.lastCodeTs = Math.max(this.lastCodeTs, ts);
  }

  /** Starts the next turn; keystroke history is kept, since typing spans turns. */
  reset(): void {
    this.heardSpeech = false;
    this.speaking = false;
    this.finals = [];
    this.partialText = '';
  }

  /**
   * A likely end of turn, to prepare the reply speculatively: quiet for speculateAfterMs (`quietSince` is when
   * the VAD's current quiet run began, still inside its hangover), the words so far a complete thought, and no
   * typing. Returns those words, or null. check() still decides; whatever is prepared on this must be cancellable.
   */
  likelyEnd(quietSince: number | null, now = this.clock()): string | null {
    if (!this.heardSpeech) return null;
    const pauseStart = this.speaking ? quietSince : this.speechEndTs;
    if (pauseStart === null || now - pauseStart < this.options.speculateAfterMs) return null;
    if (now < this.lastCodeTs + this.options.typingHoldMs) return null;
    const text = this.text;
    return text !== '' && classifyUtterance(text) === 'complete' ? text : null;
  }

  check(now = this.clock()): TurnDecision {
    if (!this.heardSpeech) return { kind: 'idle' };
    if (this.speaking) return { kind: 'listening' };
    const o = this.options;
    const text = this.text;
    const typingUntil = this.lastCodeTs + o.typingHoldMs;
    // The cap counts from the later of speech end and the last keystroke: typing is never "silence".
    const capAt = Math.max(this.speechEndTs, this.lastCodeTs) + o.maxWaitMs;

    if (text === '') {
      // Recognizers without interim results deliver words only after the speech ends: wait for them.
      if (now >= capAt) { this.reset(); return { kind: 'noise', at: now }; }
      return { kind: 'waiting', reason: 'no-transcript', until: capAt };
    }

    const completeness = classifyUtterance(text);
    const candidates: { at: number; reason: WaitReason }[] = [
      { at: this.speechEndTs + silenceFor(completeness, text, o), reason: waitReasonFor(completeness) },
      { at: typingUntil, reason: 'typing' },
    ];
    if (this.partialText !== '') candidates.push({ at: this.partialChangedTs + o.stableMs, reason: 'unstable' });
    const binding = candidates.reduce((a, b) => (b.at > a.at ? b : a));
    const endAt = Math.min(binding.at, capAt);

    if (now >= endAt) {
      const reason: EndReason = endAt === capAt && binding.at > capAt ? 'max-wait' : endReasonFor(completeness);
      return { kind: 'end-of-turn', at: now, reason, text };
    }
    return { kind: 'waiting', reason: binding.reason, until: endAt };
  }
}

function silenceFor(c: Completeness, text: string, o: TurnDetectorOptions): number {
  if (c === 'complete') return isQuestion(text) ? o.questionSilenceMs : o.silenceMs;
  return c === 'incomplete' ? o.incompleteSilenceMs : o.thinkingSilenceMs;
}

function waitReasonFor(c: Completeness): WaitReason {
  return c === 'complete' ? 'pause' : c;
}

function endReasonFor(c: Completeness): EndReason {
  return c === 'complete' ? 'complete' : c === 'incomplete' ? 'incomplete-timeout' : 'thinking-timeout';
}
