// A reply generated before the candidate's turn is confirmed over: started on a likely end of turn (a pause
// after a complete thought), so the interviewer's first words and TTS overlap the end-of-turn silence. It runs
// the interviewer on a copy of the context with the candidate's words as a hypothetical turn; nothing is
// stored, sent or counted until the LiveSession commits it as the reply to the stored answer. Cancelling it
// (the candidate went on) aborts the interviewer and the held speech and leaves no trace.
import { randomUUID } from 'node:crypto';
import type { Stage } from '../../../protocol/src/domain';
import type { InterviewerMemory, InterviewerOutput } from '../interviewer/interviewer';
import type { HeldTurnSpeech } from '../voice/contract';

/** What the reply was generated from: if any of it changed by the commit, the reply may be wrong. */
export interface SpeculationBasis {
  /** Seq of the last stored turn; the answer must be stored right after it. */
  seq: number;
  stage: Stage;
  memory: InterviewerMemory;
  codeVersion: number | null;
  testRuns: number;
}

export class SpeculativeReply {
  readonly turnId = randomUUID();
  readonly controller = new AbortController();
  private readonly produced: InterviewerOutput[] = [];
  private finished = false;
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;
  /** Voice mode: the reply spoken into a held buffer as it is generated. */
  readonly speech: HeldTurnSpeech | null;

  /**
   * `respond` starts the interviewer with the speculation's signal. Its outputs are kept for the commit, and
   * spoken into the speech `prepareSpeech` gives as they come (its bounded queues hold the interviewer back).
   */
  constructor(
    readonly text: string,
    readonly basis: SpeculationBasis,
    respond: (signal: AbortSignal) => AsyncIterable<InterviewerOutput>,
    prepareSpeech: ((turnId: string, controller: AbortController) => HeldTurnSpeech) | null,
  ) {
    this.speech = prepareSpeech?.(this.turnId, this.controller) ?? null;
    void this.pump(respond(this.controller.signal));
  }

  get cancelled(): boolean { return this.controller.signal.aborted; }

  cancel(): void {
    if (!this.cancelled) this.controller.abort(new Error('speculative reply cancelled'));
  }

  /** The interviewer's outputs from the first: those produced so far, then the rest as they come. One reader. */
  async *outputs(): AsyncIterable<InterviewerOutput> {
    for (let i = 0; ; i++) {
      while (i >= this.produced.length && !this.finished) await new Promise<void>((resolve) => { this.wake = resolve; });
      if (i < this.produced.length) { yield this.produced[i]; continue; }
      if (this.failure) throw this.failure.error;
      return;
    }
  }

  private async pump(source: AsyncIterable<InterviewerOutput>): Promise<void> {
    try {
      for await (const output of source) {
        if (this.cancelled) break;
        this.produced.push(output);
        this.notify();
        await this.speech?.push(output);
      }
    } catch (error) {
      if (!this.cancelled) this.failure = { error };
    } finally {
      this.finished = true;
      this.speech?.end();
      this.notify();
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
