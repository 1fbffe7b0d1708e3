// Drives the interviewer the way the session runtime does: stores turns, applies stage and memory
// outputs, and records the streamed text, so tests can script a whole interview.
import type { Diagnostic, Stage } from '../../../protocol/src/domain';
import {
  initialMemory, type CodeState, type EvaluationDraft, type InterviewContext, type Interviewer,
  type InterviewerEvent, type InterviewerMemory, type InterviewerOutput, type TestRunSummary, type TurnRecord,
} from '../../../backend/src/interviewer/interviewer';
import { LocalInterviewer } from '../../../backend/src/interviewer/local/localInterviewer';
import { pairProblem } from './fixtures';

export async function collect(outputs: AsyncIterable<InterviewerOutput>): Promise<InterviewerOutput[]> {
  const all: InterviewerOutput[] = [];
  for await (const output of outputs) all.push(output);
  return all;
}

export const textOf = (outputs: readonly InterviewerOutput[]): string =>
  outputs.map((o) => (o.kind === 'text' ? o.delta : '')).join('');

export interface Reply { text: string; outputs: InterviewerOutput[] }

export class ScriptedSession {
  stage: Stage = 'intro';
  memory: InterviewerMemory = initialMemory();
  turns: TurnRecord[] = [];
  code: CodeState | null = null;
  elapsedMs = 0;
  testRuns: TestRunSummary[] = [];
  ended = false;

  constructor(
    readonly problem: InterviewContext['problem'] = pairProblem,
    readonly interviewer: Interviewer = new LocalInterviewer(),
  ) {}

  context(): InterviewContext {
    return { problem: this.problem, stage: this.stage, turns: [...this.turns], code: this.code, memory: this.memory, elapsedMs: this.elapsedMs, testRuns: this.testRuns };
  }

  async run(event: InterviewerEvent): Promise<Reply> {
    const outputs = await collect(this.interviewer.respond(this.context(), event, new AbortController().signal));
    for (const output of outputs) {
      if (output.kind === 'stage') this.stage = output.stage;
      if (output.kind === 'memory') this.memory = output.memory;
      if (output.kind === 'end') this.ended = true;
    }
    const text = textOf(outputs);
    if (text.trim() !== '') this.turns.push({ seq: this.turns.length + 1, speaker: 'interviewer', text: text.trim(), stage: this.stage });
    return { text, outputs };
  }

  start(): Promise<Reply> { return this.run({ kind: 'session-start' }); }

  /** Stores the candidate's answer first, as the runtime does, then asks for the reply. */
  say(text: string): Promise<Reply> {
    this.turns.push({ seq: this.turns.length + 1, speaker: 'candidate', text, stage: this.stage });
    return this.run({ kind: 'candidate-answer', text });
  }

  setCode(text: string, language = 'javascript', diagnostics: Diagnostic[] = []): void {
    const seq = (this.code?.snapshotSeq ?? 0) + 1;
    this.code = { text, language, version: seq, cursor: null, diagnostics, snapshotSeq: seq };
  }

  settle(text: string, language = 'javascript', diagnostics: Diagnostic[] = []): Promise<Reply> {
    this.setCode(text, language, diagnostics);
    return this.run({ kind: 'code-settled' });
  }

  evaluate(): Promise<EvaluationDraft> { return this.interviewer.evaluate(this.context()); }
}
