// The interviewer brain's one interface: the local engine and (later) OpenAI implement it.
import type { CaseResult } from '../../../protocol/src/testRun';
import type {
  Band, Diagnostic, DimensionScore, Position, ProblemSpec, Speaker, Stage,
} from '../../../protocol/src/domain';

/**
 * Interviewer memory that must survive a reconnect to another backend instance (stored as JSON on the
 * session). Owned by the interviewer: sessions of older versions may lack fields, so read it through
 * a parser with defaults.
 */
export interface InterviewerMemory {
  /** Content hash of the last code the interviewer reacted to, and its size in lines. */
  lastCodeHash: string | null;
  lastCodeLines: number;
  /** Fingerprints of that code's lines, so the next remark can tell how much really changed. */
  lastCodeLineKeys: string[];
  /** Fingerprints of lines already quoted, so the interviewer does not ask about the same line twice. */
  quotedLineKeys: string[];
  clarifyingQuestions: number;
  hintsGiven: number;
  /** Candidate answers since the current stage began. */
  stageTurns: number;
  /** ctx.elapsedMs when the current stage began, for the stage's time budget. */
  stageStartedMs: number;
  /** Follow-up prompts already asked (e.g. 'complexity', 'edge-case'), so none is asked twice. */
  asked: string[];
}

export interface TurnRecord {
  seq: number;
  speaker: Speaker;
  text: string;
  stage: Stage;
}

/** The candidate's live buffer as the server last rebuilt it. */
export interface CodeState {
  text: string;
  language: string;
  version: number;
  cursor: Position | null;
  diagnostics: Diagnostic[];
  /** Seq of the latest stored snapshot of this buffer, for evidence links; null before the first one. */
  snapshotSeq: number | null;
}

/** A finished run of the hidden tests on the candidate's machine, as the interviewer sees it. */
export interface TestRunSummary {
  runId: string;
  requestedBy: 'candidate' | 'interviewer';
  passed: number;
  failed: number;
  /** Why nothing ran (e.g. no Python installed), or null. */
  missing: string | null;
  firstFailure: CaseResult | null;
  /** The stored code snapshot the tests ran on. */
  snapshotSeq: number | null;
}

export interface InterviewContext {
  problem: ProblemSpec & { id: string };
  stage: Stage;
  turns: readonly TurnRecord[];
  code: CodeState | null;
  memory: InterviewerMemory;
  elapsedMs: number;
  /** Completed test runs, oldest first. */
  testRuns: readonly TestRunSummary[];
}

export type InterviewerEvent =
  | { kind: 'session-start' }
  | { kind: 'candidate-answer'; text: string }
  /** The buffer changed and then stayed quiet: the interviewer may comment on it, or stay silent. */
  | { kind: 'code-settled' }
  /** The candidate's machine reported the results of a test run. */
  | { kind: 'tests-completed'; run: TestRunSummary }
  /** No words and no typing for a long while: the candidate may be stuck. */
  | { kind: 'candidate-idle'; idleMs: number };

export type InterviewerOutput =
  | { kind: 'text'; delta: string }
  | { kind: 'stage'; stage: Stage }
  | { kind: 'memory'; memory: InterviewerMemory }
  /** Ask the candidate's machine to run the hidden tests on the current code. */
  | { kind: 'run-tests' }
  /** The interviewer closes the interview after this turn. */
  | { kind: 'end' };

export interface EvaluationDraft {
  band: Band;
  overall: number;
  scores: DimensionScore[];
  summary: string;
}

export interface Interviewer {
  /** Streams one interviewer turn; yields nothing when it has nothing to say (e.g. trivial code changes). */
  respond(context: InterviewContext, event: InterviewerEvent, signal: AbortSignal): AsyncIterable<InterviewerOutput>;
  /** Scores the whole interview from its transcript and code. */
  evaluate(context: InterviewContext): Promise<EvaluationDraft>;
}

export const initialMemory = (): InterviewerMemory => ({
  lastCodeHash: null, lastCodeLines: 0, lastCodeLineKeys: [], quotedLineKeys: [],
  clarifyingQuestions: 0, hintsGiven: 0, stageTurns: 0, stageStartedMs: 0, asked: [],
});
