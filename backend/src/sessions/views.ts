// Entity → wire shapes. One place, so REST and WebSocket describe a session the same way.
import type {
  CodeSnapshotView, EvaluationView, ProblemPublic, ProblemSpec, ProblemSummary, SessionSummary, TurnView,
} from '../../../protocol/src/domain';
import type { SessionInfo } from '../../../protocol/src/session';
import type { CodeSnapshot, Evaluation, InterviewSession, Problem, Turn } from '../db/entities';

export function toProblemSummary(p: Problem): ProblemSummary {
  return { id: p.id, slug: p.slug, title: p.title, topics: p.topics as ProblemSummary['topics'], difficulty: p.difficulty };
}

export function toProblemPublic(p: Problem): ProblemPublic {
  return {
    ...toProblemSummary(p), statement: p.statement, functionName: p.functionName, constraints: p.constraints,
    examples: p.examples, hints: p.hints, targetTime: p.targetTime, targetSpace: p.targetSpace, starterCode: p.starterCode,
  };
}

export function toProblemSpec(p: Problem): ProblemSpec & { id: string } {
  return { ...toProblemPublic(p), testCases: p.testCases };
}

export function toSessionInfo(s: InterviewSession): SessionInfo {
  return {
    id: s.id, problem: toProblemPublic(s.problem), mode: s.mode, language: s.language, state: s.state, stage: s.stage,
    startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null,
  };
}

export function toSessionSummary(s: InterviewSession, evaluation: Evaluation | null): SessionSummary {
  return {
    id: s.id, problem: toProblemSummary(s.problem), mode: s.mode, language: s.language, state: s.state, stage: s.stage,
    startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null,
    band: evaluation?.band ?? null, overall: evaluation?.overall ?? null,
  };
}

export function toTurnView(t: Turn): TurnView {
  return {
    id: t.id, seq: t.seq, speaker: t.speaker, text: t.text, stage: t.stage, startedAt: t.startedAt.toISOString(),
    endedAt: t.endedAt.toISOString(), interrupted: t.interrupted, clientMessageId: t.clientMessageId ?? null,
  };
}

export function toCodeSnapshotView(c: CodeSnapshot): CodeSnapshotView {
  return {
    id: c.id, seq: c.seq, language: c.language, text: c.text, contentHash: c.contentHash,
    documentVersion: c.documentVersion, cursor: c.cursor ?? null, createdAt: c.createdAt.toISOString(),
  };
}

export function toEvaluationView(e: Evaluation): EvaluationView {
  return { band: e.band, overall: e.overall, scores: e.scores, summary: e.summary, createdAt: e.createdAt.toISOString() };
}
