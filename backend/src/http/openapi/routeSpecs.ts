// The REST route table, written once: the router mounts handlers from it (and parses input with its
// schemas), and /openapi.json is generated from it, so the two cannot drift.
import { z } from 'zod';
import {
  CompanionLink, CreateSessionRequest, IdParam, LoginRequest, ProblemList, ProblemQuery, RegisterRequest, SessionListQuery,
  SlugParam, RefreshRequest, Recommendation, TokenResponse, UserView, VerifySolutionRequest, SessionReplay, TurnParam,
} from '../../../../protocol/src/api';
import { AnalyticsOverview, AnalyticsQuery, Progress } from '../../../../protocol/src/analytics';
import { TestRunResult } from '../../../../protocol/src/testRun';
import { ProblemPublic, ProblemSpec, SessionDetail, SessionSummary } from '../../../../protocol/src/domain';
import { ErrorBody } from '../../../../protocol/src/errors';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';
/** Who may call a route: anyone, any signed-in user, or admins only. */
export type Access = 'public' | 'user' | 'admin';
type Schema = z.ZodType | undefined;

export interface ResponseSpec {
  description: string;
  /** Omitted for error statuses: they all answer with ErrorBody. Omitted for 204: no body. */
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteSpec<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema> {
  operationId: string;
  method: HttpMethod;
  /** Koa path syntax (`/api/sessions/:id`). */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
}

/** The parsed value of an optional input schema. */
export type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec<P, Q, B> {
  return spec;
}

export const API_VERSION = '1.0.0';

export const HealthStatus = z.object({ status: z.literal('ok') });
export const ReadyStatus = z.object({ status: z.literal('ready') });
export const SessionList = z.object({ sessions: z.array(SessionSummary) });
/** The admin view of a problem: everything an author wrote, hidden tests included. */
export const AdminProblem = ProblemSpec.extend({ id: z.string() });

/** Named schemas, emitted under components.schemas and referenced by $ref. */
export const REQUEST_COMPONENTS: Record<string, z.ZodType> = {
  RegisterRequest, LoginRequest, RefreshRequest, CreateSessionRequest, ProblemSpec, VerifySolutionRequest,
};
export const RESPONSE_COMPONENTS: Record<string, z.ZodType> = {
  ErrorBody, HealthStatus, ReadyStatus, TokenResponse, UserView, ProblemList, Recommendation, ProblemPublic, SessionSummary, SessionList,
  SessionDetail, AdminProblem, Progress, AnalyticsOverview, TestRunResult, CompanionLink, SessionReplay,
};

const noContent = (description: string): ResponseSpec => ({ description });
const problemNotFound = { 404: { description: 'No problem with that slug' } };
const sessionNotFound = { 404: { description: 'No session with that id belongs to the caller' } };

export const ROUTES = {
  healthz: defineRoute({
    operationId: 'healthz', method: 'get', path: '/healthz', tag: 'platform', access: 'public',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: 'Alive', schema: HealthStatus } },
  }),
  readyz: defineRoute({
    operationId: 'readyz', method: 'get', path: '/readyz', tag: 'platform', access: 'public',
    summary: 'Readiness: the database answers',
    responses: { 200: { description: 'Ready for traffic', schema: ReadyStatus }, 503: { description: 'Database unreachable' } },
  }),
  metrics: defineRoute({
    operationId: 'metrics', method: 'get', path: '/metrics', tag: 'platform', access: 'public',
    summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text exposition format', schema: z.string(), contentType: 'text/plain' } },
  }),
  openapi: defineRoute({
    operationId: 'openapi', method: 'get', path: '/openapi.json', tag: 'platform', access: 'public',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
  }),
  register: defineRoute({
    operationId: 'register', method: 'post', path: '/api/auth/register', tag: 'auth', access: 'public',
    summary: 'Create an account and get a bearer token', body: RegisterRequest,
    responses: { 201: { description: 'Account created', schema: TokenResponse }, 409: { description: 'Email already registered' } },
  }),
  login: defineRoute({
    operationId: 'login', method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public',
    summary: 'Exchange email and password for a bearer token', body: LoginRequest,
    responses: { 200: { description: 'Signed in', schema: TokenResponse }, 401: { description: 'Wrong email or password' } },
  }),
  refresh: defineRoute({
    operationId: 'refreshToken', method: 'post', path: '/api/auth/refresh', tag: 'auth', access: 'public',
    summary: 'Trade a refresh token (single use) for a new bearer token and refresh token', body: RefreshRequest,
    responses: { 200: { description: 'A new token pair', schema: TokenResponse }, 401: { description: 'Refresh token unknown, used or expired' } },
  }),
  logout: defineRoute({
    operationId: 'logout', method: 'post', path: '/api/auth/logout', tag: 'auth', access: 'user',
    summary: 'Revoke the presented bearer token',
    responses: { 204: noContent('Token revoked') },
  }),
  me: defineRoute({
    operationId: 'getMe', method: 'get', path: '/api/me', tag: 'auth', access: 'user',
    summary: 'The signed-in user',
    responses: { 200: { description: 'The caller', schema: UserView } },
  }),
  progress: defineRoute({
    operationId: 'getProgress', method: 'get', path: '/api/me/progress', tag: 'analytics', access: 'user',
    summary: "The caller's per-dimension trends and weakest topics",
    responses: { 200: { description: 'Progress over the last 100 finished interviews', schema: Progress } },
  }),
  adminAnalytics: defineRoute({
    operationId: 'getAnalyticsOverview', method: 'get', path: '/api/admin/analytics', tag: 'analytics', access: 'admin',
    summary: 'Sessions, bands, activity per day and problems over a time window', query: AnalyticsQuery,
    responses: { 200: { description: 'The overview', schema: AnalyticsOverview } },
  }),
  listProblems: defineRoute({
    operationId: 'listProblems', method: 'get', path: '/api/problems', tag: 'problems', access: 'user',
    summary: 'The question bank, by difficulty then title', query: ProblemQuery,
    responses: { 200: { description: 'Matching problems', schema: ProblemList } },
  }),
  recommendProblem: defineRoute({
    operationId: 'recommendProblem', method: 'get', path: '/api/problems/recommended', tag: 'problems', access: 'user',
    summary: "The next problem for the caller: their weakest topic at an adapted difficulty, and why",
    responses: { 200: { description: 'The recommendation', schema: Recommendation } },
  }),
  getProblem: defineRoute({
    operationId: 'getProblem', method: 'get', path: '/api/problems/:slug', tag: 'problems', access: 'user',
    summary: 'A problem as a candidate sees it (no hidden tests)', params: SlugParam,
    responses: { 200: { description: 'The problem', schema: ProblemPublic }, ...problemNotFound },
  }),
  createSession: defineRoute({
    operationId: 'createSession', method: 'post', path: '/api/sessions', tag: 'sessions', access: 'user',
    summary: 'Start an interview on a named problem or one matching topic and difficulty', body: CreateSessionRequest,
    responses: { 201: { description: 'Session created', schema: SessionSummary }, 404: { description: 'No matching problem' } },
  }),
  listSessions: defineRoute({
    operationId: 'listSessions', method: 'get', path: '/api/sessions', tag: 'sessions', access: 'user',
    summary: "The caller's sessions, newest first", query: SessionListQuery,
    responses: { 200: { description: 'Sessions', schema: SessionList } },
  }),
  getSession: defineRoute({
    operationId: 'getSession', method: 'get', path: '/api/sessions/:id', tag: 'sessions', access: 'user',
    summary: 'A session with its turns, code snapshots and evaluation', params: IdParam,
    responses: { 200: { description: 'The session', schema: SessionDetail }, ...sessionNotFound },
  }),
  deleteSession: defineRoute({
    operationId: 'deleteSession', method: 'delete', path: '/api/sessions/:id', tag: 'sessions', access: 'user',
    summary: 'Delete a session and everything recorded in it', params: IdParam,
    responses: { 204: noContent('Deleted'), ...sessionNotFound },
  }),
  createCompanionLink: defineRoute({
    operationId: 'createCompanionLink', method: 'post', path: '/api/sessions/:id/companion', tag: 'sessions', access: 'user',
    summary: 'A one-time link (about 3 minutes) to the browser page that carries a live voice session\'s microphone and speaker',
    params: IdParam,
    responses: {
      201: { description: 'The link; its token is in the URL fragment', schema: CompanionLink }, ...sessionNotFound,
      409: { description: 'The session has ended, or is a text session' },
    },
  }),
  getSessionReplay: defineRoute({
    operationId: 'getSessionReplay', method: 'get', path: '/api/sessions/:id/replay', tag: 'sessions', access: 'user',
    summary: 'The session on one clock: turns with offsets, recorded audio, code snapshots and per-turn latency', params: IdParam,
    responses: { 200: { description: 'The replay', schema: SessionReplay }, ...sessionNotFound },
  }),
  getTurnAudio: defineRoute({
    operationId: 'getTurnAudio', method: 'get', path: '/api/sessions/:id/turns/:turnId/audio', tag: 'sessions', access: 'user',
    summary: "The interviewer's audio of a turn as sent (16 kHz mono PCM16 WAV); honours a single Range", params: TurnParam,
    responses: {
      200: { description: 'The whole WAV', schema: z.string(), contentType: 'audio/wav' },
      206: { description: 'The requested byte range', schema: z.string(), contentType: 'audio/wav' },
      404: { description: 'No such session of the caller, or no audio recorded for that turn' },
      416: { description: 'The range starts past the end' },
    },
  }),
  adminGetProblem: defineRoute({
    operationId: 'adminGetProblem', method: 'get', path: '/api/admin/problems/:slug', tag: 'admin', access: 'admin',
    summary: 'A problem with its hidden test cases', params: SlugParam,
    responses: { 200: { description: 'The full problem', schema: AdminProblem }, ...problemNotFound },
  }),
  adminVerifySolution: defineRoute({
    operationId: 'adminVerifySolution', method: 'post', path: '/api/admin/problems/:slug/verify', tag: 'admin', access: 'admin',
    summary: "Run an admin-authored reference solution against the problem's hidden tests (trusted code only)",
    params: SlugParam, body: VerifySolutionRequest,
    responses: { 200: { description: 'Per-case verdicts', schema: TestRunResult }, ...problemNotFound },
  }),
  adminCreateProblem: defineRoute({
    operationId: 'adminCreateProblem', method: 'post', path: '/api/admin/problems', tag: 'admin', access: 'admin',
    summary: 'Add a problem to the question bank', body: ProblemSpec,
    responses: { 201: { description: 'Created', schema: AdminProblem }, 409: { description: 'Slug already taken' } },
  }),
  adminUpdateProblem: defineRoute({
    operationId: 'adminUpdateProblem', method: 'put', path: '/api/admin/problems/:slug', tag: 'admin', access: 'admin',
    summary: 'Replace a problem; the body slug must equal the path slug', params: SlugParam, body: ProblemSpec,
    responses: { 200: { description: 'Updated', schema: AdminProblem }, ...problemNotFound },
  }),
  adminDeleteProblem: defineRoute({
    operationId: 'adminDeleteProblem', method: 'delete', path: '/api/admin/problems/:slug', tag: 'admin', access: 'admin',
    summary: 'Remove a problem no session refers to', params: SlugParam,
    responses: { 204: noContent('Deleted'), ...problemNotFound, 409: { description: 'Sessions refer to the problem' } },
  }),
};

export type RouteName = keyof typeof ROUTES;
export const ALL_ROUTES: readonly RouteSpec[] = Object.values(ROUTES);
