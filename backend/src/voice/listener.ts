// The candidate's side of the conversation, on the voice session's timeline: VAD over 20 ms frames, the
// turn detector (speech, transcripts, typing), and while the interviewer's audio plays, the barge-in policy.
//
// Who owns a stretch of speech: speech that starts while the interviewer is not playing is the candidate's
// turn. Speech that starts during playback is pending until the barge-in policy rules: an interrupt makes it
// the candidate's (from its onset); a backchannel ("okay") or echo is dropped, and so are the transcripts
// that fall inside it, so they never become a turn of their own. If playback ends first, it is the
// candidate's after all.
import { assertNever } from '../../../protocol/src/domain';
import { FRAME_MS, FRAME_SAMPLES, PcmChunker } from '../pipeline/audio';
import { BargeInPolicy } from '../pipeline/bargeIn';
import { type EndReason, TurnDetector } from '../pipeline/turnDetector';
import { EnergyVad } from '../pipeline/vad';
import type { TranscriptEvent } from '../providers/types';
import type { VoiceClock } from './clock';

export type ListenerEvent =
  | { kind: 'speech-started'; at: number }
  /** The candidate's words so far in the open turn (a live caption). */
  | { kind: 'caption'; text: string }
  /** A likely end of turn with these words (a pause after a complete thought), or null: not any more. */
  | { kind: 'likely-end'; text: string | null }
  | { kind: 'end-of-turn'; text: string; reason: EndReason; speechStartMs: number; speechEndMs: number; decidedMs: number; lastTranscriptMs: number | null }
  | { kind: 'barge-in'; onsetMs: number; at: number; reason: 'words' | 'duration' }
  | { kind: 'backchannel'; at: number; text: string };

/** Transcript and VAD segment edges disagree by up to this much (different engines, different hangovers). */
const EDGE_SLACK_MS = 400;
/**
 * A finals-only recognizer (pocketsphinx) delivers the last words about a second after speech ends: a turn
 * is not ended before the transcript covers its last speech, for up to this long after it (a cough that
 * never gets a transcript must not hold the turn forever).
 */
const TRANSCRIPT_WAIT_MS = 3000;
const IGNORED_KEPT = 8;

interface Segment { start: number; owner: 'candidate' | 'pending'; finals: string[] }

export class CandidateListener {
  private readonly vad = new EnergyVad();
  private readonly chunker = new PcmChunker(FRAME_SAMPLES);
  private readonly detector: TurnDetector;
  private readonly bargeIn = new BargeInPolicy();
  private frameTs = 0;
  private expectedMs = 0;
  private segment: Segment | null = null;
  private ignored: { start: number; end: number }[] = [];
  private turnStartMs: number | null = null;
  private lastSpeechEndMs = 0;
  private lastTranscriptMs: number | null = null;
  /** Timeline end of the speech the transcripts so far cover. */
  private coveredUntilMs = Number.NEGATIVE_INFINITY;
  /** Transcripts ending before this belong to a turn already submitted. */
  private submittedUntilMs = Number.NEGATIVE_INFINITY;
  private caption = '';
  /** When the current quiet run inside the candidate's speech began (the VAD's hangover so far). */
  private quietSince: number | null = null;
  private likelyEnd: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly clock: VoiceClock, private readonly emit: (event: ListenerEvent) => void) {
    this.detector = new TurnDetector({}, () => clock.now());
  }

  /** No turn open and nobody speaking: a safe moment to restart the recognizer. */
  get idle(): boolean { return this.turnStartMs === null && this.segment === null; }

  audio(pcm: Int16Array, startMs: number): void {
    if (Math.abs(startMs - this.expectedMs) > 1) { this.chunker.flush(); this.frameTs = startMs; }
    this.expectedMs = startMs + (pcm.length * FRAME_MS) / FRAME_SAMPLES;
    for (const frame of this.chunker.push(pcm)) {
      this.frame(frame, this.frameTs);
      this.frameTs += FRAME_MS;
    }
  }

  /** The audio stream paused mid-speech (push-to-talk released): the speech ends where the audio did. */
  audioStopped(): void {
    this.chunker.flush();
    if (this.segment) this.speechEnded(this.expectedMs);
    this.vad.reset();
    this.evaluate();
  }

  transcript(event: TranscriptEvent): void {
    const text = event.text.trim();
    if (text === '') return;
    if (event.endMs !== undefined && event.endMs <= this.submittedUntilMs + EDGE_SLACK_MS) return;
    if (event.startMs !== undefined && event.endMs !== undefined && this.insideIgnored(event.startMs, event.endMs)) return;
    const pending = this.segment?.owner === 'pending' && (event.startMs === undefined || event.startMs >= this.segment.start - EDGE_SLACK_MS);
    if (pending) {
      if (event.kind === 'final') this.segment!.finals.push(text);
      this.bargeIn.partial(text);
    } else {
      const now = this.clock.now();
      if (event.kind === 'final') this.detector.final(text, now); else this.detector.partial(text, now);
      this.lastTranscriptMs = now;
      this.coveredUntilMs = Math.max(this.coveredUntilMs, event.endMs ?? (this.segment ? this.coveredUntilMs : this.lastSpeechEndMs));
      this.showCaption();
    }
    this.evaluate();
  }

  codeActivity(): void {
    this.detector.codeActivity(this.clock.now());
    this.evaluate();
  }

  /** The client started playing an interviewer turn; `sentences` is what it says so far (for echo checks). */
  playbackStarted(sentences: readonly string[]): void {
    this.bargeIn.playbackStarted();
    for (const sentence of sentences) this.bargeIn.speaking(sentence);
  }

  speaking(sentence: string): void { this.bargeIn.speaking(sentence); }

  playbackStopped(): void {
    this.bargeIn.playbackStopped();
    if (this.segment?.owner === 'pending') this.claim(this.segment);
    this.evaluate();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private frame(frame: Int16Array, ts: number): void {
    const result = this.vad.process(frame, ts);
    if (result.event === 'speech-start') {
      const start = result.eventTs ?? ts;
      this.segment = { start, owner: this.bargeIn.isPlaying ? 'pending' : 'candidate', finals: [] };
      if (this.segment.owner === 'candidate') this.candidateSpeaks(start);
    }
    this.quietSince = this.segment?.owner === 'candidate' ? result.quietSince : null;
    this.bargeIn.frame(result, ts);
    if (result.event === 'speech-end') this.speechEnded(result.eventTs ?? ts);
    this.evaluate(ts + FRAME_MS);
  }

  private speechEnded(ts: number): void {
    const segment = this.segment;
    this.segment = null;
    if (!segment) return;
    if (segment.owner === 'candidate') {
      this.detector.speechStopped(ts);
      this.lastSpeechEndMs = ts;
    } else {
      this.ignored.push({ start: segment.start, end: ts });
      if (this.ignored.length > IGNORED_KEPT) this.ignored.shift();
    }
  }

  private candidateSpeaks(start: number): void {
    this.detector.speechStarted(start);
    this.turnStartMs ??= start;
    this.emit({ kind: 'speech-started', at: start });
  }

  /** Pending speech becomes the candidate's turn, with the transcripts heard in it so far. */
  private claim(segment: Segment): void {
    segment.owner = 'candidate';
    this.candidateSpeaks(segment.start);
    const now = this.clock.now();
    for (const text of segment.finals.splice(0)) this.detector.final(text, now);
    this.showCaption();
  }

  private insideIgnored(start: number, end: number): boolean {
    return this.ignored.some((s) => start >= s.start - EDGE_SLACK_MS && end <= s.end + EDGE_SLACK_MS);
  }

  private evaluate(now = this.clock.now()): void {
    const barge = this.bargeIn.check(now);
    switch (barge.kind) {
      case 'interrupt':
        this.emit({ kind: 'barge-in', onsetMs: this.segment?.start ?? now, at: now, reason: barge.reason });
        if (this.segment?.owner === 'pending') this.claim(this.segment);
        break;
      case 'backchannel': this.emit({ kind: 'backchannel', at: barge.at, text: barge.text }); break;
      case 'pending': case 'none': break;
      default: assertNever(barge, 'barge-in decision');
    }
    this.reportLikelyEnd(this.detector.likelyEnd(this.quietSince, now));
    const turn = this.detector.check(now);
    switch (turn.kind) {
      case 'idle': case 'listening': break;
      case 'waiting': this.wakeAt(turn.until, now); break;
      case 'end-of-turn':
        if (this.lastSpeechEndMs > this.coveredUntilMs + EDGE_SLACK_MS && now < this.lastSpeechEndMs + TRANSCRIPT_WAIT_MS) {
          this.wakeAt(this.lastSpeechEndMs + TRANSCRIPT_WAIT_MS, now); // the last words are still being recognised
          break;
        }
        this.emit({
          kind: 'end-of-turn', text: turn.text, reason: turn.reason, speechStartMs: this.turnStartMs ?? this.lastSpeechEndMs,
          speechEndMs: this.lastSpeechEndMs, decidedMs: now, lastTranscriptMs: this.lastTranscriptMs,
        });
        this.submittedUntilMs = this.lastSpeechEndMs;
        this.likelyEnd = null; // the end-of-turn event settles it
        this.detector.reset();
        this.closeTurn();
        break;
      case 'noise': this.reportLikelyEnd(null); this.closeTurn(); break;
      default: assertNever(turn, 'turn decision');
    }
  }

  private reportLikelyEnd(text: string | null): void {
    if (text === this.likelyEnd) return;
    this.likelyEnd = text;
    this.emit({ kind: 'likely-end', text });
  }

  private closeTurn(): void {
    this.turnStartMs = null;
    this.lastTranscriptMs = null;
    this.showCaption();
  }

  private showCaption(): void {
    const text = this.detector.text;
    if (text === this.caption) return;
    this.caption = text;
    this.emit({ kind: 'caption', text });
  }

  /** Asks the detector again at `until` if no audio or transcript comes first (a paused stream). */
  private wakeAt(until: number, now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.evaluate(); }, Math.max(10, until - now));
    this.timer.unref();
  }
}
