// The session WebSocket protocol (/ws): every frame is one JSON object discriminated on `type`.
import { z } from 'zod';
import {
  Diagnostic, EvaluationView, Position, ProblemPublic, Selection, SessionState, SessionSummary, Stage, TurnView,
} from './domain';
import { CreateSessionRequest, UserView } from './api';
import { ErrorCode } from './errors';
import { LIMITS } from './limits';
import { TestRunRequest, TestRunResult } from './testRun';

const requestId = z.string().min(1).max(64);

/** A change to the code buffer: replace `rangeLength` code units at `rangeOffset` with `text`. */
export const TextEdit = z.object({
  rangeOffset: z.number().int().min(0),
  rangeLength: z.number().int().min(0),
  text: z.string(),
});
export type TextEdit = z.infer<typeof TextEdit>;

const CodeContext = {
  cursor: Position.nullable().default(null),
  selection: Selection.nullable().default(null),
  diagnostics: z.array(Diagnostic).max(LIMITS.maxDiagnostics).default([]),
};

// ---- client → server ----
export const HelloMessage = z.object({
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  token: z.string().min(1).max(512),
});
export const SessionStartMessage = z.object({
  type: z.literal('session/start'),
  requestId,
}).extend(CreateSessionRequest.shape);
export const SessionResumeMessage = z.object({
  type: z.literal('session/resume'),
  requestId,
  sessionId: z.uuid(),
  /** Highest turn seq the client has; the server replays every turn after it. 0 for none. */
  lastSeq: z.number().int().min(0),
});
export const AnswerSubmitMessage = z.object({
  type: z.literal('answer/submit'),
  /** Client-generated id; a resend with the same id after a reconnect is not stored twice. */
  clientMessageId: z.string().min(1).max(64),
  text: z.string().trim().min(1),
});
export const CodeOpenMessage = z.object({
  type: z.literal('code/open'),
  documentVersion: z.number().int().min(0),
  language: z.string().min(1).max(40),
  text: z.string(),
  ...CodeContext,
});
export const CodeChangeMessage = z.object({
  type: z.literal('code/change'),
  /** The version the edits apply to: must equal the server's current version, else code/resyncRequested. */
  fromVersion: z.number().int().min(0),
  toVersion: z.number().int().min(0),
  /** Applied in order, each to the result of the previous one. */
  edits: z.array(TextEdit).max(LIMITS.maxEditsPerChange),
  ...CodeContext,
});
export const SessionEndMessage = z.object({ type: z.literal('session/end'), requestId });
/** The candidate asks to run the hidden tests; the server answers with tests/runRequested. */
export const TestsRunMessage = z.object({ type: z.literal('tests/run'), requestId });
/** Results of a run the server requested, computed on the candidate's machine. */
export const TestsDidRunMessage = z.object({
  type: z.literal('tests/didRun'),
  runId: z.uuid(),
  /** Version of the buffer the tests ran on. */
  documentVersion: z.number().int().min(0),
  result: TestRunResult,
});

// Voice mode: after session/didJoin the client streams binary candidate-audio frames (./audio.ts) and
// receives binary interviewer-audio frames tagged with the turnId of the turn/didStart they belong to.
const turnId = z.string().min(1).max(64);
/** The real playback state of an interviewer turn's audio on the client: barge-in needs it (echo), and latency. */
export const AudioPlaybackMessage = z.object({
  type: z.literal('audio/playback'),
  turnId,
  /** `started` when the turn's first sample reaches the speakers; `stopped` when it ends or was cleared. */
  state: z.enum(['started', 'stopped']),
  /** Client clock, ms since the Unix epoch (informational: the server times by its own clock). */
  ts: z.number().finite().nonnegative(),
});

/** How a companion page proves it may carry a session's audio: the link's one-time token, or on a reconnect its resume secret. */
export const CompanionCredential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), token: z.string().min(1).max(512) }),
  z.object({ kind: z.literal('resume'), secret: z.string().min(1).max(512) }),
]);
export type CompanionCredential = z.infer<typeof CompanionCredential>;
/** Instead of hello: the browser companion page joins one session as its audio participant (see protocol/README.md). */
export const CompanionJoinMessage = z.object({
  type: z.literal('companion/join'),
  protocolVersion: z.number().int(),
  sessionId: z.uuid(),
  credential: CompanionCredential,
});

export const ClientMessage = z.discriminatedUnion('type', [
  HelloMessage, SessionStartMessage, SessionResumeMessage, AnswerSubmitMessage, CodeOpenMessage,
  CodeChangeMessage, SessionEndMessage, TestsRunMessage, TestsDidRunMessage, AudioPlaybackMessage,
  CompanionJoinMessage,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];
export const CLIENT_MESSAGE_TYPES = ClientMessage.options.map((o) => o.shape.type.value);

// ---- server → client ----
/** A session as the live protocol shows it: the summary's fields with the full public problem. */
export const SessionInfo = SessionSummary.omit({ band: true, overall: true }).extend({ problem: ProblemPublic });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const WelcomeMessage = z.object({
  type: z.literal('welcome'),
  protocolVersion: z.number().int(),
  user: UserView,
  limits: z.object({ maxFrameBytes: z.number(), maxBufferChars: z.number(), maxAnswerChars: z.number() }),
});
export const SessionDidJoinMessage = z.object({
  type: z.literal('session/didJoin'),
  requestId,
  session: SessionInfo,
  /** Highest turn seq stored; turns after the client's lastSeq follow as turn/didComplete with replayed=true. */
  lastSeq: z.number().int(),
  /** Document version of the buffer the server holds, null when it holds none: send code/open when it differs. */
  codeVersion: z.number().int().nullable(),
});
export const TurnDidStartMessage = z.object({
  type: z.literal('turn/didStart'),
  turnId: z.string(),
  speaker: z.literal('interviewer'),
  stage: Stage,
});
export const TurnDeltaMessage = z.object({ type: z.literal('turn/delta'), turnId: z.string(), text: z.string() });
export const TurnDidCompleteMessage = z.object({
  type: z.literal('turn/didComplete'),
  turn: TurnView,
  replayed: z.boolean(),
});
export const SessionDidChangeStateMessage = z.object({
  type: z.literal('session/didChangeState'),
  state: SessionState,
  stage: Stage,
});
export const SessionDidEndMessage = z.object({
  type: z.literal('session/didEnd'),
  requestId: requestId.nullable(),
  evaluation: EvaluationView,
});
export const CodeResyncRequestedMessage = z.object({
  type: z.literal('code/resyncRequested'),
  serverVersion: z.number().int().nullable(),
  reason: z.string(),
});
/** Run these hidden tests on the candidate's machine and answer with tests/didRun. */
export const TestsRunRequestedMessage = z.object({
  type: z.literal('tests/runRequested'),
  /** The tests/run request this answers, or null when the interviewer asked. */
  requestId: requestId.nullable(),
  run: TestRunRequest,
});
export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
  requestId: requestId.nullable(),
  /** True when the server closes the connection after this message. */
  fatal: z.boolean(),
});

/** Barge-in: stop playing this turn at once and drop what is buffered of it; no more audio of it follows. */
export const AudioClearMessage = z.object({ type: z.literal('audio/clear'), turnId });
/** Live caption of what the candidate is saying in the current turn (the whole text so far, not a delta). */
export const TranscriptPartialMessage = z.object({ type: z.literal('transcript/partial'), text: z.string() });
export const VoiceState = z.enum(['listening', 'thinking', 'speaking']);
export type VoiceState = z.infer<typeof VoiceState>;
/** Who has the floor: the candidate (listening), nobody yet (thinking: the reply is coming), the interviewer. */
export const VoiceDidChangeStateMessage = z.object({ type: z.literal('voice/didChangeState'), state: VoiceState });

export const VoiceSource = z.enum(['client', 'companion']);
export type VoiceSource = z.infer<typeof VoiceSource>;
/**
 * To the session's own connection: who carries the session's audio now. `client` is this connection's binary frames;
 * `companion` a browser companion page (connected: false while it is away; the audio then comes back to `client`).
 */
export const VoiceDidChangeSourceMessage = z.object({
  type: z.literal('voice/didChangeSource'),
  source: VoiceSource,
  connected: z.boolean(),
});
/** To a companion page: it carries the session's audio now. */
export const CompanionDidJoinMessage = z.object({
  type: z.literal('companion/didJoin'),
  sessionId: z.uuid(),
  problemTitle: z.string(),
  /** Send it as credential {kind: 'resume'} to rejoin after a lost connection; the link token works only once. */
  resumeSecret: z.string(),
  /** The resume secret stops working then, or when the session ends. */
  resumeExpiresAt: z.string(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeMessage, SessionDidJoinMessage, TurnDidStartMessage, TurnDeltaMessage, TurnDidCompleteMessage,
  SessionDidChangeStateMessage, SessionDidEndMessage, CodeResyncRequestedMessage, TestsRunRequestedMessage, ErrorMessage,
  AudioClearMessage, TranscriptPartialMessage, VoiceDidChangeStateMessage,
  VoiceDidChangeSourceMessage, CompanionDidJoinMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;
export type ClientMessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

/** Close codes the server uses besides the standard ones (1001 going away, 1009 too big). */
export const CLOSE_CODES = {
  unauthenticated: 4401,
  protocolVersion: 4400,
  /** companion/join refused: the link is unknown, used, expired, for another session, or the session is over. */
  companionRefused: 4403,
} as const;
