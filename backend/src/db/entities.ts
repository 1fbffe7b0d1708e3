// The persistent model. Schema changes go through migrations/ only.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type {
  Band, CodeSnapshotView, Diagnostic, DimensionScore, Example, Position, Selection, StarterCode, TestCase,
} from '../../../protocol/src/domain';
import type { InterviewerMemory } from '../interviewer/interviewer';
import type { VoiceLatency } from '../voice/latency';
import type { TestRunResult } from '../../../protocol/src/testRun';

const timestamps = {
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
};

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    email: p.string().length(254).unique(),
    displayName: p.string().length(80),
    role: p.enum(['user', 'admin'] as const).default('user'),
    passwordHash: p.text().hidden(),
    ...timestamps,
  },
});
export type User = InferEntity<typeof User>;

export const ApiToken = defineEntity({
  name: 'ApiToken',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    user: p.manyToOne(User).deleteRule('cascade').index(),
    /** sha256 of the bearer token; the token itself is shown once and never stored. */
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    /** sha256 of the single-use refresh token issued with this bearer token; null for tokens from before refresh. */
    refreshTokenHash: p.string().length(64).nullable().unique(),
    refreshExpiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    ...timestamps,
  },
});
export type ApiToken = InferEntity<typeof ApiToken>;

export const Problem = defineEntity({
  name: 'Problem',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    slug: p.string().length(80).unique(),
    title: p.string().length(120),
    statement: p.text(),
    topics: p.array().columnType('text[]'),
    difficulty: p.enum(['easy', 'medium', 'hard'] as const).index(),
    functionName: p.string().length(64),
    constraints: p.json<string[]>(),
    examples: p.json<Example[]>(),
    hints: p.json<string[]>(),
    targetTime: p.string().length(40),
    targetSpace: p.string().length(40),
    starterCode: p.json<StarterCode>(),
    testCases: p.json<TestCase[]>(),
    ...timestamps,
  },
  indexes: [{ name: 'problem_topics_gin', expression: 'create index "problem_topics_gin" on "problem" using gin ("topics")' }],
});
export type Problem = InferEntity<typeof Problem>;

export const InterviewSession = defineEntity({
  name: 'InterviewSession',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    user: p.manyToOne(User).deleteRule('cascade'),
    problem: p.manyToOne(Problem).deleteRule('restrict').index(),
    mode: p.enum(['text', 'voice'] as const),
    language: p.enum(['javascript', 'typescript', 'python'] as const),
    state: p.enum(['active', 'ended'] as const).default('active').index(),
    stage: p.enum(['intro', 'clarify', 'approach', 'code', 'test', 'wrap-up'] as const).default('intro'),
    /** Highest Turn.seq of this session; bumped atomically when a turn is appended. */
    lastSeq: p.integer().default(0),
    memory: p.json<InterviewerMemory>(),
    startedAt: p.datetime().onCreate(() => new Date()),
    endedAt: p.datetime().nullable(),
    ...timestamps,
  },
  indexes: [
    { name: 'interview_session_user_started', properties: ['user', 'startedAt'] },
    { name: 'interview_session_started', properties: ['startedAt'] },
  ],
});
export type InterviewSession = InferEntity<typeof InterviewSession>;

export interface TurnLatency {
  /** Milliseconds from the candidate's answer to the first interviewer token / the full reply. */
  firstTokenMs?: number;
  completeMs?: number;
  /** Voice turns: the stages from the end of the candidate's speech to the first audio played. */
  voice?: VoiceLatency;
}

export const Turn = defineEntity({
  name: 'Turn',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    session: p.manyToOne(InterviewSession).deleteRule('cascade'),
    seq: p.integer(),
    speaker: p.enum(['interviewer', 'candidate'] as const),
    text: p.text(),
    stage: p.enum(['intro', 'clarify', 'approach', 'code', 'test', 'wrap-up'] as const),
    startedAt: p.datetime(),
    endedAt: p.datetime(),
    interrupted: p.boolean().default(false),
    clientMessageId: p.string().length(64).nullable(),
    latency: p.json<TurnLatency>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [
    { name: 'turn_session_seq_unique', properties: ['session', 'seq'] },
    { name: 'turn_session_client_message_unique', properties: ['session', 'clientMessageId'] },
  ],
});
export type Turn = InferEntity<typeof Turn>;

export const CodeSnapshot = defineEntity({
  name: 'CodeSnapshot',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    session: p.manyToOne(InterviewSession).deleteRule('cascade'),
    seq: p.integer(),
    language: p.string().length(40),
    text: p.text(),
    contentHash: p.string().length(64),
    documentVersion: p.integer(),
    cursor: p.json<Position>().nullable(),
    selection: p.json<Selection>().nullable(),
    diagnostics: p.json<Diagnostic[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'code_snapshot_session_seq_unique', properties: ['session', 'seq'] }],
});
export type CodeSnapshot = InferEntity<typeof CodeSnapshot>;
export type { CodeSnapshotView };

export const Evaluation = defineEntity({
  name: 'Evaluation',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    session: p.oneToOne(InterviewSession).owner().unique().deleteRule('cascade'),
    band: p.enum(['strong-hire', 'hire', 'no-hire', 'strong-no-hire'] as const).$type<Band>().index(),
    /** Mean of the dimension scores, 1–4; kept as a column for analytics. */
    overall: p.float(),
    scores: p.json<DimensionScore[]>(),
    summary: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Evaluation = InferEntity<typeof Evaluation>;

/** One run of the candidate's code against the hidden tests, on the candidate's machine; results reported back. */
export const TestRun = defineEntity({
  name: 'TestRun',
  properties: {
    /** Also the runId of the protocol. */
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    session: p.manyToOne(InterviewSession).deleteRule('cascade'),
    requestedBy: p.enum(['candidate', 'interviewer'] as const),
    requestedAt: p.datetime().onCreate(() => new Date()),
    /** The snapshot of the buffer the tests ran on; null until the results arrive. */
    snapshotSeq: p.integer().nullable(),
    documentVersion: p.integer().nullable(),
    completedAt: p.datetime().nullable(),
    passed: p.integer().default(0),
    failed: p.integer().default(0),
    result: p.json<TestRunResult>().nullable(),
  },
  indexes: [{ name: 'test_run_session_requested', properties: ['session', 'requestedAt'] }],
});
export type TestRun = InferEntity<typeof TestRun>;

/**
 * A one-time link to the browser companion page that carries a session's audio. Only hashes are stored: the link
 * token (single use, minutes) and, once it is used, the page's resume secret (to rejoin after a lost connection).
 */
export const CompanionLink = defineEntity({
  name: 'CompanionLink',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    session: p.manyToOne(InterviewSession).deleteRule('cascade').index(),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    consumedAt: p.datetime().nullable(),
    resumeHash: p.string().length(64).nullable().unique(),
    resumeExpiresAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type CompanionLink = InferEntity<typeof CompanionLink>;

/**
 * The interviewer's audio of one spoken turn, as it was sent (16 kHz PCM16 WAV in the object store). Keyed by
 * the turn's id but not a foreign key to it: the audio is archived as the turn's speech ends, concurrently
 * with the turn row being written (and a turn cut off before any words is never stored).
 */
export const TurnAudio = defineEntity({
  name: 'TurnAudio',
  properties: {
    turnId: p.uuid().primary(),
    session: p.manyToOne(InterviewSession).deleteRule('cascade').index(),
    objectKey: p.string().length(200),
    sampleRate: p.integer(),
    durationMs: p.integer(),
    /** When its first audio was sent, in ms since the session started (the replay's clock). */
    startOffsetMs: p.integer(),
    bytes: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type TurnAudio = InferEntity<typeof TurnAudio>;

export const ENTITIES = [User, ApiToken, Problem, InterviewSession, Turn, CodeSnapshot, Evaluation, TestRun, CompanionLink, TurnAudio];
