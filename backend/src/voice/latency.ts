// Per-turn latency of the voice loop, stored on the interviewer's turn (Turn.latency.voice) and exported as
// one histogram labelled by stage. Stages of a reply count from the candidate's end of speech; a turn nobody
// spoke before (the introduction, a nudge) counts from when it was requested.
import type { Metrics } from '../observability/metrics';

export interface VoiceLatency {
  from: 'end-of-speech' | 'turn-request';
  /** Epoch ms of the origin. */
  originAt: number;
  endOfTurnMs?: number;
  sttFinalMs?: number;
  firstTokenMs?: number;
  firstTtsAudioMs?: number;
  firstAudioSentMs?: number;
  /** From the client's audio/playback `started`, as the server received it. */
  firstAudioPlayedMs?: number;
}

export type VoiceStage = 'endOfTurn' | 'sttFinal' | 'firstToken' | 'firstTtsAudio' | 'firstAudioSent' | 'firstAudioPlayed';

const METRIC_STAGE: Record<VoiceStage, string> = {
  endOfTurn: 'end_of_turn', sttFinal: 'stt_final', firstToken: 'first_token',
  firstTtsAudio: 'first_tts_audio', firstAudioSent: 'first_audio_sent', firstAudioPlayed: 'first_audio_played',
};

export class LatencyMarks {
  private readonly values: Partial<Record<VoiceStage, number>> = {};

  constructor(private readonly from: VoiceLatency['from'], private readonly originAt: number, private readonly metrics: Metrics) {}

  /** Records the first time a stage is reached; later calls for it are ignored. */
  mark(stage: VoiceStage, at = Date.now()): void {
    if (this.values[stage] !== undefined) return;
    const ms = Math.max(0, Math.round(at - this.originAt));
    this.values[stage] = ms;
    this.metrics.voiceLatency.observe({ stage: METRIC_STAGE[stage] }, ms / 1000);
  }

  toJSON(): VoiceLatency {
    const v = this.values;
    return {
      from: this.from, originAt: this.originAt,
      endOfTurnMs: v.endOfTurn, sttFinalMs: v.sttFinal, firstTokenMs: v.firstToken,
      firstTtsAudioMs: v.firstTtsAudio, firstAudioSentMs: v.firstAudioSent, firstAudioPlayedMs: v.firstAudioPlayed,
    };
  }
}
