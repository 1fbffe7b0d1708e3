// Messages between the extension host and its webviews (interview panel, report panel).
import { z } from 'zod';
import { Progress } from './analytics';
import { SessionReplay } from './api';
import { SessionDetail, TurnView } from './domain';
import {
  CodeResyncRequestedMessage, ErrorMessage, SessionDidChangeStateMessage, SessionDidEndMessage, SessionDidJoinMessage,
  SessionInfo, TranscriptPartialMessage, TurnDeltaMessage, TurnDidCompleteMessage, TurnDidStartMessage,
  VoiceDidChangeStateMessage,
} from './session';
import { TestRunResult } from './testRun';
import {
  HostAudioClearMessage, HostAudioPlayMessage, MicMode, MicStatus, WebviewAudioFrameMessage, WebviewAudioPlaybackMessage,
  WebviewMicDidChangeMessage,
} from './webviewAudio';

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
/** What the Progress view shows: GET /api/me/progress, or why there is nothing to show. */
export const ProgressViewContent = z.discriminatedUnion('status', [
  z.object({ status: z.literal('loading') }),
  z.object({ status: z.literal('signed-out') }),
  z.object({ status: z.literal('error'), message: z.string() }),
  z.object({ status: z.literal('loaded'), progress: Progress, loadedAt: z.string() }),
]);
export type ProgressViewContent = z.infer<typeof ProgressViewContent>;
export const ProgressShowMessage = z.object({ type: z.literal('progress/show'), content: ProgressViewContent });


// ---- voice: who captures the microphone, and the commands that drive it wherever it is ----
/**
 * A command for the microphone. webview → host: MicControls drive a host-side capture (recorder, companion page).
 * host → webview: the host (status bar, toggle mute) drives the webview's own MicCapture.
 */
export const MicCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start') }),
  z.object({ kind: z.literal('setMode'), mode: MicMode }),
  z.object({ kind: z.literal('setMuted'), muted: z.boolean() }),
  /** Push-to-talk held (true) or released (false). */
  z.object({ kind: z.literal('setTalking'), held: z.boolean() }),
]);
export type MicCommand = z.infer<typeof MicCommand>;
export const MicCommandMessage = z.object({ type: z.literal('mic/command'), command: MicCommand });
export type MicCommandMessage = z.infer<typeof MicCommandMessage>;
/**
 * Sent after `ready` in a voice session (and whenever the capture changes): `webview` means the panel opens the
 * microphone itself and sends audio/frame; `host` means a host-side capture does, and the panel's controls send
 * mic/command and show mic/status.
 */
export const VoiceConfigureMessage = z.object({
  type: z.literal('voice/configure'),
  capture: z.enum(['webview', 'host']),
  /** Human text for the capture in use, e.g. "Microphone via sox (rec)". */
  description: z.string().max(200),
});
/** The host-side capture's state (only when voice/configure said `host`). */
export const MicStatusMessage = z.object({ type: z.literal('mic/status'), status: MicStatus });

/** The push-to-talk key (mocktalk.togglePushToTalk) was pressed: the panel's mic controls toggle talking. */
export const MicTogglePushToTalkMessage = z.object({ type: z.literal('mic/togglePushToTalk') });

export const HostToWebviewMessage = z.discriminatedUnion('type', [
  // server messages the host relays verbatim
  SessionDidJoinMessage, TurnDidStartMessage, TurnDeltaMessage, TurnDidCompleteMessage, SessionDidChangeStateMessage,
  SessionDidEndMessage, CodeResyncRequestedMessage, ErrorMessage, TranscriptPartialMessage, VoiceDidChangeStateMessage,
  // host-only messages
  ConnectionDidChangeMessage, InterviewSnapshotMessage, ReportShowMessage, TestsDidStartMessage, TestsDidCompleteMessage,
  // voice
  HostAudioPlayMessage, HostAudioClearMessage, VoiceConfigureMessage, MicStatusMessage, MicCommandMessage,
  ProgressShowMessage,
  MicTogglePushToTalkMessage,
  ReportDidLoadAudioMessage,
]);
export type HostToWebviewMessage = z.infer<typeof HostToWebviewMessage>;

// ---- webview → host ----
export const WebviewReadyMessage = z.object({ type: z.literal('ready'), view: z.enum(['interview', 'report', 'progress']) });
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

/** The Progress view's refresh button. */
export const WebviewRefreshProgressMessage = z.object({ type: z.literal('progress/refresh') });

export const WebviewToHostMessage = z.discriminatedUnion('type', [
  WebviewReadyMessage, WebviewAnswerMessage, WebviewEndMessage, WebviewRevealLineMessage, WebviewRunTestsMessage,
  // voice
  WebviewAudioFrameMessage, WebviewAudioPlaybackMessage, WebviewMicDidChangeMessage, MicCommandMessage,
  WebviewRefreshProgressMessage, WebviewLoadAudioMessage, WebviewExportReportMessage,
]);
export type WebviewToHostMessage = z.infer<typeof WebviewToHostMessage>;
