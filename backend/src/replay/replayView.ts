// A session on one clock (ms since it started): turns, the interviewer's recorded audio, code snapshots and
// each interviewer turn's latency, for the report's replay timeline.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LatencyBreakdown, ReplayTurn, SessionReplay } from '../../../protocol/src/api';
import { CodeSnapshot, Turn, type InterviewSession, type TurnAudio, type TurnLatency } from '../db/entities';
import type { TurnAudioArchive } from './turnAudioArchive';

export const turnAudioPath = (sessionId: string, turnId: string) => `/api/sessions/${sessionId}/turns/${turnId}/audio`;

export async function buildReplay(em: EntityManager, session: InterviewSession, archive: TurnAudioArchive): Promise<SessionReplay> {
  const [turns, snapshots, audio] = await Promise.all([
    em.find(Turn, { session }, { orderBy: { seq: 'asc' } }),
    em.find(CodeSnapshot, { session }, { orderBy: { seq: 'asc' } }),
    archive.list(em, session.id),
  ]);
  const origin = session.startedAt.getTime();
  const at = (date: Date | number) => Math.max(0, Math.round(new Date(date).getTime() - origin));
  const audioByTurn = new Map(audio.map((a) => [a.turnId, a]));
  const replayTurns = turns.map((t) => toReplayTurn(t, audioByTurn.get(t.id) ?? null, session.id, at));
  const replaySnapshots = snapshots.map((s) => ({
    seq: s.seq, atMs: at(s.createdAt), language: s.language, text: s.text, documentVersion: s.documentVersion, cursor: s.cursor ?? null,
  }));
  const lastEvent = Math.max(0,
    ...replayTurns.map((t) => Math.max(t.endMs, t.audio ? t.audio.startMs + t.audio.durationMs : 0)),
    ...replaySnapshots.map((s) => s.atMs));
  return {
    sessionId: session.id, startedAt: session.startedAt.toISOString(),
    durationMs: Math.max(lastEvent, session.endedAt ? at(session.endedAt) : 0),
    turns: replayTurns, snapshots: replaySnapshots,
  };
}

function toReplayTurn(t: Turn, audio: TurnAudio | null, sessionId: string, at: (d: Date | number) => number): ReplayTurn {
  return {
    id: t.id, seq: t.seq, speaker: t.speaker, text: t.text, stage: t.stage, interrupted: t.interrupted,
    startMs: at(t.startedAt), endMs: at(t.endedAt),
    audio: audio ? { startMs: audio.startOffsetMs, durationMs: audio.durationMs, path: turnAudioPath(sessionId, t.id) } : null,
    latency: t.speaker === 'interviewer' ? latencyBreakdown(t.latency, at) : null,
  };
}

/** The stored marks as the wire shape; null when the turn recorded none. */
export function latencyBreakdown(latency: TurnLatency, at: (epochMs: number) => number): LatencyBreakdown | null {
  const v = latency.voice;
  const n = (value: number | undefined) => value ?? null;
  if (v) {
    return {
      from: v.from, originMs: at(v.originAt), endOfTurnMs: n(v.endOfTurnMs), sttFinalMs: n(v.sttFinalMs), firstTokenMs: n(v.firstTokenMs),
      firstTtsAudioMs: n(v.firstTtsAudioMs), firstAudioSentMs: n(v.firstAudioSentMs), firstAudioPlayedMs: n(v.firstAudioPlayedMs),
    };
  }
  if (latency.firstTokenMs === undefined) return null;
  return {
    from: 'text-request', originMs: null, endOfTurnMs: null, sttFinalMs: null, firstTokenMs: latency.firstTokenMs,
    firstTtsAudioMs: null, firstAudioSentMs: null, firstAudioPlayedMs: null,
  };
}
