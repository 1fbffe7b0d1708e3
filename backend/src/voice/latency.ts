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
  /** A reply prepared speculatively: when its preparation began. Its stages before the end of turn count as reached then. */
  speculatedMs?: number;
}

export type VoiceStage = 'speculated' | 'endOfTurn' | 'sttFinal' | 'firstToken' | 'firstTtsAudio' | 'firstAudioSent' | 'firstAudioPlayed';

const METRIC_STAGE: Record<VoiceStage, string> = {
  speculated: 'speculated', endOfTurn: 'end_of_turn', sttFinal: 'stt_final', firstToken: 'first_token',
  firstTtsAudio: 'first_tts_audio', firstAudioSent: 'first_audio_sent', firstAudioPlayed: 'first_audio_played',
};

export class LatencyMarks {
  /** Epoch ms each stage was first reached. */
  private readonly reached: Partial<Record<VoiceStage, number>> = {};
  private origin: { from: VoiceLatency['from']; at: number } | null;
  /** When held marks were published: a stage reached earlier was ready for the reply from then on. */
  private publishedAt = Number.NEGATIVE_INFINITY;

  /**
   * With no origin the marks are held: a speculative reply records its stages but is measured (and counted in
   * the metrics) only once publish() gives it the end of speech it replies to; a discarded one never is.
   */
  constructor(from: VoiceLatency['from'] | null, originAt: number, private readonly metrics: Metrics) {
    this.origin = from === null ? null : { from, at: originAt };
    if (from === null) this.reached.speculated = originAt;
  }

  /** Records the first time a stage is reached; later calls for it are ignored. */
  mark(stage: VoiceStage, at = Date.now()): void {
    if (this.reached[stage] !== undefined) return;
    this.reached[stage] = at;
    if (this.origin) this.observe(stage);
  }

  /** Held marks: the origin they count from is now known; observes the stages reached so far. */
  publish(from: VoiceLatency['from'], originAt: number, at = Date.now()): void {
    if (this.origin) return;
    this.origin = { from, at: originAt };
    this.publishedAt = at;
    for (const stage of Object.keys(this.reached) as VoiceStage[]) this.observe(stage);
  }

  toJSON(): VoiceLatency {
    const ms = (stage: VoiceStage) => this.ms(stage) ?? undefined;
    return {
      from: this.origin?.from ?? 'turn-request', originAt: this.origin?.at ?? 0,
      endOfTurnMs: ms('endOfTurn'), sttFinalMs: ms('sttFinal'), firstTokenMs: ms('firstToken'),
      firstTtsAudioMs: ms('firstTtsAudio'), firstAudioSentMs: ms('firstAudioSent'), firstAudioPlayedMs: ms('firstAudioPlayed'),
      ...(this.reached.speculated !== undefined ? { speculatedMs: ms('speculated') } : {}),
    };
  }

  private ms(stage: VoiceStage): number | null {
    const at = this.reached[stage];
    if (at === undefined || !this.origin) return null;
    // A speculative reply's words and audio were ready before it was released: they count from the release.
    const counted = stage === 'firstToken' || stage === 'firstTtsAudio' ? Math.max(at, this.publishedAt) : at;
    return Math.max(0, Math.round(counted - this.origin.at));
  }

  private observe(stage: VoiceStage): void {
    this.metrics.voiceLatency.observe({ stage: METRIC_STAGE[stage] }, this.ms(stage)! / 1000);
  }
}
