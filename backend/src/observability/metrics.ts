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
  };
}
