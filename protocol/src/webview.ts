// Messages between the extension host and its webviews (interview panel, report panel).
import { z } from 'zod';
import { SessionReplay } from './api';
import { SessionDetail, TurnView } from './domain';
import {
  CodeResyncRequestedMessage, ErrorMessage, SessionDidChangeStateMessage, SessionDidEndMessage, SessionDidJoinMessage,
  SessionInfo, TurnDeltaMessage, TurnDidCompleteMessage, TurnDidStartMessage,
} from './session';
import { TestRunResult } from './testRun';

export const ConnectionStatus = z.enum(['connecting', 'connected', 'reconnecting', 'offline']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

// ---- host → webview ----
export const ConnectionDidChangeMessage = z.object({
  type: z.literal('connection/didChange'),
  status: ConnectionStatus,
  /** Human-readable detail, e.g. "retrying in 4 s (attempt 3)". */
  detail: z.string().nullable(),
});
/** Everything the interview view needs to redraw itself (sent after `ready`, and after a panel reload). */
export const InterviewSnapshotMessage = z.object({
  type: z.literal('interview/snapshot'),
  session: SessionInfo.nullable(),
  turns: z.array(TurnView),
  connection: ConnectionStatus,
});
export const ReportShowMessage = z.object({
  type: z.literal('report/show'),
  session: SessionDetail,
  /** The session on one clock, for the replay timeline; null when the server has none (older server, fetch failed). */
  replay: SessionReplay.nullable().default(null),
});
/** A turn's recorded interviewer audio, fetched by the host with the user's token (the webview has no network). */
export const ReportDidLoadAudioMessage = z.object({
  type: z.literal('report/didLoadAudio'),
  turnId: z.string(),
  /** The WAV, base64; null when it could not be fetched. */
  wavBase64: z.string().max(16_000_000).nullable(),
});
/** The hidden tests started running on this machine; tests/didComplete follows unless the interview ends first. */
export const TestsDidStartMessage = z.object({ type: z.literal('tests/didStart'), runId: z.string() });
/** A finished run, as it was reported to the server. */
export const TestsDidCompleteMessage = z.object({
  type: z.literal('tests/didComplete'),
  runId: z.string(),
  /** Document version of the solution the tests ran on. */
  ranOnVersion: z.number().int().min(0),
  result: TestRunResult,
});

export const HostToWebviewMessage = z.discriminatedUnion('type', [
  // server messages the host relays verbatim
  SessionDidJoinMessage, TurnDidStartMessage, TurnDeltaMessage, TurnDidCompleteMessage, SessionDidChangeStateMessage,
  SessionDidEndMessage, CodeResyncRequestedMessage, ErrorMessage,
  // host-only messages
  ConnectionDidChangeMessage, InterviewSnapshotMessage, ReportShowMessage, TestsDidStartMessage, TestsDidCompleteMessage,
  ReportDidLoadAudioMessage,
]);
export type HostToWebviewMessage = z.infer<typeof HostToWebviewMessage>;

// ---- webview → host ----
export const WebviewReadyMessage = z.object({ type: z.literal('ready'), view: z.enum(['interview', 'report']) });
export const WebviewAnswerMessage = z.object({ type: z.literal('answer/submit'), text: z.string().trim().min(1) });
export const WebviewEndMessage = z.object({ type: z.literal('session/end') });
/** Reveal a line of the solution file (evidence links in the report). */
export const WebviewRevealLineMessage = z.object({ type: z.literal('code/revealLine'), /** 1-based */ line: z.number().int().min(1) });

/** The candidate pressed Run tests: the host asks the server, which answers with the tests to run. */
export const WebviewRunTestsMessage = z.object({ type: z.literal('tests/run') });

/** The replay needs a turn's audio (answered with report/didLoadAudio). */
export const WebviewLoadAudioMessage = z.object({ type: z.literal('report/loadAudio'), turnId: z.string().min(1).max(64) });
/** Save the report as Markdown (the host asks where). */
export const WebviewExportReportMessage = z.object({ type: z.literal('report/export') });

export const WebviewToHostMessage = z.discriminatedUnion('type', [
  WebviewReadyMessage, WebviewAnswerMessage, WebviewEndMessage, WebviewRevealLineMessage, WebviewRunTestsMessage,
  WebviewLoadAudioMessage, WebviewExportReportMessage,
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHostMessage>;
