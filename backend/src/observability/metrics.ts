// Prometheus metrics, one registry per app instance (no global default registry).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  wsConnections: Gauge;
  wsMessages: Counter<'type'>;
  wsErrors: Counter<'code'>;
  turns: Counter<'speaker'>;
  interviewerFirstToken: Histogram;
  interviewerFallbacks: Counter<'operation' | 'reason'>;
  /** Voice mode: seconds from the candidate's end of speech (or a turn's request) to each pipeline stage. */
  voiceLatency: Histogram<'stage'>;
  /** Candidate speech onset during playback → audio/clear sent. */
  voiceBargeInStop: Histogram;
  voiceBargeIns: Counter<'outcome'>;
  voiceProviderFailures: Counter<'kind' | 'provider' | 'reason'>;
  voiceAudioRejected: Counter<'reason'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'mocktalk_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    }),
    wsConnections: new Gauge({ name: 'mocktalk_ws_connections', help: 'Open session WebSockets', registers: [registry] }),
    wsMessages: new Counter({ name: 'mocktalk_ws_messages_total', help: 'Client messages received by type', labelNames: ['type'], registers: [registry] }),
    wsErrors: new Counter({ name: 'mocktalk_ws_errors_total', help: 'Protocol errors sent by code', labelNames: ['code'], registers: [registry] }),
    turns: new Counter({ name: 'mocktalk_turns_total', help: 'Turns stored', labelNames: ['speaker'], registers: [registry] }),
    interviewerFirstToken: new Histogram({
      name: 'mocktalk_interviewer_first_token_seconds', help: 'Candidate answer stored → first interviewer token',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2], registers: [registry],
    }),
    interviewerFallbacks: new Counter({
      name: 'mocktalk_interviewer_fallbacks_total', help: 'Primary interviewer failures served by the local engine',
      labelNames: ['operation', 'reason'], registers: [registry],
    }),
    voiceLatency: new Histogram({
      name: 'mocktalk_voice_latency_seconds',
      help: 'Voice turn: end of candidate speech (or turn request) → stage (speculated, end_of_turn, stt_final, first_token, first_tts_audio, first_audio_sent, first_audio_played)',
      labelNames: ['stage'], buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8], registers: [registry],
    }),
    voiceBargeInStop: new Histogram({
      name: 'mocktalk_voice_barge_in_stop_seconds', help: 'Candidate speech onset during playback → audio/clear sent',
      buckets: [0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2], registers: [registry],
    }),
    voiceBargeIns: new Counter({
      name: 'mocktalk_voice_barge_ins_total', help: 'Candidate speech during playback by outcome (interrupt, backchannel)',
      labelNames: ['outcome'], registers: [registry],
    }),
    voiceProviderFailures: new Counter({
      name: 'mocktalk_voice_provider_failures_total', help: 'Speech provider failures (stt, tts) by provider and reason (error, stall)',
      labelNames: ['kind', 'provider', 'reason'], registers: [registry],
    }),
    voiceAudioRejected: new Counter({
      name: 'mocktalk_voice_audio_rejected_total', help: 'Candidate audio frames refused, by reason',
      labelNames: ['reason'], registers: [registry],
    }),
  };
}
