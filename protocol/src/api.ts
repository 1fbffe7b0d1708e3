// REST request and response bodies. The backend validates with these and generates /openapi.json from them.
import { z } from 'zod';
import { Difficulty, Dimension, Language, Mode, Position, ProblemSummary, Speaker, Stage, Topic } from './domain';

export const Email = z.string().trim().toLowerCase().email().max(254);

export const RegisterRequest = z.object({
  email: Email,
  password: z.string().min(8).max(200),
  displayName: z.string().trim().min(1).max(80),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['user', 'admin']),
});
export type UserView = z.infer<typeof UserView>;

/**
 * A sign-in: a short-lived bearer `token` and a long-lived single-use `refreshToken` that buys the next pair
 * (POST /api/auth/refresh). The refresh fields are optional so a client also accepts an older server.
 */
export const TokenResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string().optional(),
  refreshExpiresAt: z.string().optional(),
  user: UserView,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const ProblemQuery = z.object({
  topic: Topic.optional(),
  difficulty: Difficulty.optional(),
});
export type ProblemQuery = z.infer<typeof ProblemQuery>;

export const ProblemList = z.object({ problems: z.array(ProblemSummary) });
export type ProblemList = z.infer<typeof ProblemList>;

/** Start a session on a named problem, or let the server pick one matching topic/difficulty. */
export const CreateSessionRequest = z.object({
  problemSlug: z.string().max(80).optional(),
  topic: Topic.optional(),
  difficulty: Difficulty.optional(),
  language: Language.default('javascript'),
  mode: Mode.default('text'),
  /** Let the server choose the next problem from the candidate's weakest topics (ignored with problemSlug). */
  adaptive: z.boolean().default(false),
});
export type CreateSessionRequest = z.infer<typeof CreateSessionRequest>;

export const SessionListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.iso.datetime().optional(),
});
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const IdParam = z.object({ id: z.uuid() });
export const SlugParam = z.object({ slug: z.string().min(1).max(80) });

/** The next problem for this candidate, chosen from their history, and why. */
export const Recommendation = z.object({
  problem: ProblemSummary,
  topic: Topic,
  difficulty: Difficulty,
  weakestDimension: Dimension.nullable(),
  reason: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** An admin's reference solution, checked against the problem's hidden tests on the server. */
export const VerifySolutionRequest = z.object({
  language: Language,
  code: z.string().min(1).max(100_000),
});
export type VerifySolutionRequest = z.infer<typeof VerifySolutionRequest>;

/** POST /api/sessions/:id/companion: a one-time link to the browser companion page that carries the session's audio. */
export const CompanionLink = z.object({
  /** Open in the candidate's browser; the token rides in the fragment, so it never reaches logs or referrers. */
  url: z.string(),
  expiresAt: z.string(),
});
export type CompanionLink = z.infer<typeof CompanionLink>;

export const TurnParam = z.object({ id: z.uuid(), turnId: z.uuid() });

const ms = z.number().int().min(0);

/**
 * How long an interviewer turn took, stage by stage, in ms from its origin: the candidate's end of speech
 * (voice replies), the request (voice turns nobody spoke before), or the request of a text turn (where only
 * firstTokenMs exists). A stage that was not reached is null.
 */
export const LatencyBreakdown = z.object({
  from: z.enum(['end-of-speech', 'turn-request', 'text-request']),
  /** The origin on the replay clock (voice turns); null when not recorded. */
  originMs: ms.nullable(),
  endOfTurnMs: ms.nullable(),
  sttFinalMs: ms.nullable(),
  firstTokenMs: ms.nullable(),
  firstTtsAudioMs: ms.nullable(),
  firstAudioSentMs: ms.nullable(),
  firstAudioPlayedMs: ms.nullable(),
});
export type LatencyBreakdown = z.infer<typeof LatencyBreakdown>;
export const LATENCY_STAGES = [
  'endOfTurnMs', 'sttFinalMs', 'firstTokenMs', 'firstTtsAudioMs', 'firstAudioSentMs', 'firstAudioPlayedMs',
] as const satisfies readonly (keyof LatencyBreakdown)[];
export type LatencyStage = (typeof LATENCY_STAGES)[number];

/** The interviewer's recorded audio of a turn: where it sits on the replay clock and where to fetch it. */
export const ReplayAudio = z.object({
  startMs: ms,
  durationMs: ms,
  /** Path of the WAV (16 kHz mono PCM16) on this server. */
  path: z.string(),
});
export type ReplayAudio = z.infer<typeof ReplayAudio>;

export const ReplayTurn = z.object({
  id: z.string(),
  seq: z.number().int().min(1),
  speaker: Speaker,
  text: z.string(),
  stage: Stage,
  interrupted: z.boolean(),
  /** Offsets on the session clock (ms since the session started). */
  startMs: ms,
  endMs: ms,
  audio: ReplayAudio.nullable(),
  latency: LatencyBreakdown.nullable(),
});
export type ReplayTurn = z.infer<typeof ReplayTurn>;

export const ReplaySnapshot = z.object({
  seq: z.number().int().min(1),
  /** When it was stored, on the session clock. */
  atMs: ms,
  language: z.string(),
  text: z.string(),
  documentVersion: z.number().int(),
  cursor: Position.nullable(),
});
export type ReplaySnapshot = z.infer<typeof ReplaySnapshot>;

/** Everything a replay needs, on one clock: ms since the session started. */
export const SessionReplay = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  /** The end of the clock: the session's end, or its last event while it runs. */
  durationMs: ms,
  turns: z.array(ReplayTurn),
  snapshots: z.array(ReplaySnapshot),
});
export type SessionReplay = z.infer<typeof SessionReplay>;
