// Limits every tier enforces; documented in protocol/README.md.
export const PROTOCOL_VERSION = 1;

export const LIMITS = {
  /** Largest WebSocket frame the server accepts; bigger frames close the socket with 1009. */
  maxFrameBytes: 1_048_576,
  /** Largest code buffer, in UTF-16 code units, the server keeps for a session. */
  maxBufferChars: 200_000,
  /** Longest candidate text answer, in characters. */
  maxAnswerChars: 4_000,
  /** Most edits in one code/change message. */
  maxEditsPerChange: 500,
  /** Most diagnostics kept per update. */
  maxDiagnostics: 200,
  /** Milliseconds the hello message may take before the server closes with 4401. */
  helloTimeoutMs: 10_000,
} as const;
export type Limits = typeof LIMITS;
