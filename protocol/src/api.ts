// REST request and response bodies. The backend validates with these and generates /openapi.json from them.
import { z } from 'zod';
import { Difficulty, Dimension, Language, Mode, ProblemSummary, Topic } from './domain';

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
