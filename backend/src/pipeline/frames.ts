// Frames that flow between the voice pipeline's stages. Their kind decides what a barge-in does to them:
// system frames are acted on at once and never dropped; data frames belong to a turn and are dropped
// when that turn is interrupted (pipecat's SystemFrame/DataFrame split).

/** The candidate began talking (VAD onset); `ts` is the capture clock in ms. */
export interface UserStartedSpeakingFrame { kind: 'user-started-speaking'; ts: number }
/** The candidate stopped talking (VAD offset, after hangover). */
export interface UserStoppedSpeakingFrame { kind: 'user-stopped-speaking'; ts: number }
/** Stop the interviewer's turn now: stages abort it and the client clears its playback buffer. */
export interface InterruptFrame { kind: 'interrupt'; turnId: string; reason: InterruptReason }
/** 16 kHz mono PCM from the candidate's microphone; `seq` orders frames, `captureTs` is when it was recorded. */
export interface AudioInFrame { kind: 'audio-in'; pcm: Int16Array; seq: number; captureTs: number }
/** The pipeline is shutting down; stages finish and close their outputs. */
export interface EndFrame { kind: 'end'; reason: string }

export type InterruptReason = 'barge-in' | 'session-end' | 'superseded';

export type SystemFrame =
  | UserStartedSpeakingFrame | UserStoppedSpeakingFrame | InterruptFrame | AudioInFrame | EndFrame;

/** What the candidate is saying in their turn; may still change. */
export interface TranscriptPartialFrame { kind: 'transcript-partial'; turnId: string; text: string }
/** A settled piece of the candidate's turn, with its position in the capture stream when known. */
export interface TranscriptFinalFrame {
  kind: 'transcript-final'; turnId: string; text: string; startMs?: number; endMs?: number;
}
/** A text delta of the interviewer's reply as the interviewer streams it. */
export interface LlmTextFrame { kind: 'llm-text'; turnId: string; delta: string }
/** One 20–40 ms chunk of the interviewer's voice, 16 kHz mono; `seq` restarts at 0 each turn. */
export interface TtsAudioFrame { kind: 'tts-audio'; turnId: string; pcm: Int16Array; seq: number }
/** The last frame of a turn; `interrupted` when barge-in cut it short. */
export interface TurnEndFrame { kind: 'turn-end'; turnId: string; interrupted: boolean }

export type DataFrame = TranscriptPartialFrame | TranscriptFinalFrame | LlmTextFrame | TtsAudioFrame | TurnEndFrame;

export type Frame = SystemFrame | DataFrame;
export type FrameKind = Frame['kind'];

const SYSTEM_KINDS: ReadonlySet<FrameKind> = new Set<SystemFrame['kind']>([
  'user-started-speaking', 'user-stopped-speaking', 'interrupt', 'audio-in', 'end',
]);

export function isSystemFrame(frame: Frame): frame is SystemFrame {
  return SYSTEM_KINDS.has(frame.kind);
}

export function isDataFrame(frame: Frame): frame is DataFrame {
  return !SYSTEM_KINDS.has(frame.kind);
}

// ---- factories: the only way stages build frames, so a field is never forgotten ----
export const userStartedSpeaking = (ts: number): UserStartedSpeakingFrame => ({ kind: 'user-started-speaking', ts });
export const userStoppedSpeaking = (ts: number): UserStoppedSpeakingFrame => ({ kind: 'user-stopped-speaking', ts });
export const interrupt = (turnId: string, reason: InterruptReason = 'barge-in'): InterruptFrame =>
  ({ kind: 'interrupt', turnId, reason });
export const audioIn = (pcm: Int16Array, seq: number, captureTs: number): AudioInFrame =>
  ({ kind: 'audio-in', pcm, seq, captureTs });
export const end = (reason = 'done'): EndFrame => ({ kind: 'end', reason });

export const transcriptPartial = (turnId: string, text: string): TranscriptPartialFrame =>
  ({ kind: 'transcript-partial', turnId, text });
export const transcriptFinal = (turnId: string, text: string, startMs?: number, endMs?: number): TranscriptFinalFrame =>
  ({ kind: 'transcript-final', turnId, text, startMs, endMs });
export const llmText = (turnId: string, delta: string): LlmTextFrame => ({ kind: 'llm-text', turnId, delta });
export const ttsAudio = (turnId: string, pcm: Int16Array, seq: number): TtsAudioFrame =>
  ({ kind: 'tts-audio', turnId, pcm, seq });
export const turnEnd = (turnId: string, interrupted = false): TurnEndFrame => ({ kind: 'turn-end', turnId, interrupted });
