// What a LiveSession needs from voice mode, and what voice mode hands it. The session stays the one place
// where turns are stored and queued; voice mode only speaks its turns and reports what was heard.
import type { InterviewerOutput } from '../interviewer/interviewer';
import type { VoiceLatency } from './latency';

/** A candidate answer that was spoken: its real times, and the marks its reply's latency counts from. */
export interface SpokenAnswer {
  startedAt: Date;
  /** End of speech (the VAD's first quiet frame). */
  endedAt: Date;
  /** Epoch ms: the turn detector decided the turn was over; the last transcript arrived (null if none). */
  endOfTurnAt: number;
  sttFinalAt: number | null;
}

/** What the candidate heard of an interviewer turn. */
export interface SpokenResult {
  /** The sentences played before a barge-in, or null when the turn was heard in full. */
  heardText: string | null;
  interrupted: boolean;
  latency: VoiceLatency;
}

/** One interviewer turn being spoken: sees the interviewer's outputs as they stream. */
export interface TurnSpeech {
  /** Waits while speech is behind (bounded queues): a fast interviewer cannot run unboundedly ahead. */
  push(output: InterviewerOutput): Promise<void>;
  /** The interviewer is done; the rest is still being spoken. */
  end(): void;
  /** Resolves once the turn's audio is all sent, or cut off. */
  readonly done: Promise<SpokenResult>;
}

/**
 * A reply prepared before the end of the candidate's turn is confirmed: its TTS runs into a held buffer, and
 * nothing of it is sent, shown or measured until release(). Aborting its controller before then discards it
 * without a trace.
 */
export interface HeldTurnSpeech extends TurnSpeech {
  /** The end of turn is confirmed and this is the reply to `answer`: its held audio goes to the client. Idempotent. */
  release(answer: SpokenAnswer): void;
}

export interface SessionVoice {
  /**
   * Starts speaking a turn. `controller` is the turn's own: barge-in aborts it (stopping the interviewer),
   * and aborting it (the session ends) stops the speech. `answer` is the spoken answer it replies to.
   */
  beginTurn(turnId: string, controller: AbortController, answer: SpokenAnswer | null): TurnSpeech;
  /** Starts speaking a speculative reply into a held buffer (see HeldTurnSpeech); `controller` is its turn's. */
  prepareReply(turnId: string, controller: AbortController): HeldTurnSpeech;
  /** The candidate edited the code: typing during a pause keeps the spoken turn open. */
  codeActivity(): void;
  /** Stops speaking, listening and recognizing (the voice lost its seat, or its connection left); idempotent. */
  close(): void;
}
