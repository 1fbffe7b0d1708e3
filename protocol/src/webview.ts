// Messages between the extension host and its webviews (interview panel, report panel).
import { z } from 'zod';
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
export const ReportShowMessage = z.object({ type: z.literal('report/show'), session: SessionDetail });
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

/** The push-to-talk key (mocktalk.togglePushToTalk) was pressed: the panel's mic controls toggle talking. */
export const MicTogglePushToTalkMessage = z.object({ type: z.literal('mic/togglePushToTalk') });

export const HostToWebviewMessage = z.discriminatedUnion('type', [
  // server messages the host relays verbatim
  SessionDidJoinMessage, TurnDidStartMessage, TurnDeltaMessage, TurnDidCompleteMessage, SessionDidChangeStateMessage,
  SessionDidEndMessage, CodeResyncRequestedMessage, ErrorMessage,
  // host-only messages
  ConnectionDidChangeMessage, InterviewSnapshotMessage, ReportShowMessage, TestsDidStartMessage, TestsDidCompleteMessage,
  MicTogglePushToTalkMessage,
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

export const WebviewToHostMessage = z.discriminatedUnion('type', [
  WebviewReadyMessage, WebviewAnswerMessage, WebviewEndMessage, WebviewRevealLineMessage, WebviewRunTestsMessage,
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHostMessage>;
