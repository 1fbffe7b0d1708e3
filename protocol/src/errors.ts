import { z } from 'zod';

/** Error codes of the session protocol and the REST API; see protocol/README.md. */
export const ERROR_CODES = [
  'bad_json', // frame is not valid JSON
  'binary_not_supported', // a binary frame where none is expected
  'unknown_type', // JSON with a type this server does not know
  'invalid_message', // known type, fields fail validation
  'protocol_version', // hello with an unsupported protocolVersion (fatal)
  'unauthenticated', // a message before hello, or no/invalid bearer token
  'auth_failed', // hello with a bad or expired token (fatal)
  'forbidden',
  'not_found',
  'conflict',
  'session_ended',
  'no_session', // a session message before session/start or session/resume
  'buffer_too_large',
  'answer_too_large',
  'version_mismatch', // code/change does not follow the server's document version
  'validation_failed', // REST body/query/params
  'payload_too_large',
  'internal',
  'audio_format', // a binary audio frame that is malformed: wrong type/version, odd length, size or sample rate
  'audio_not_expected', // audio (binary frame or audio/playback) in a text session
  'voice_unavailable', // the speech engines failed; the interview goes on in text
  'companion_link_invalid', // companion/join with an unknown token or resume secret, or one for another session (fatal)
  'companion_link_used', // companion/join with a link token that was already used (fatal)
  'companion_link_expired', // companion/join with a link token or resume secret past its expiry (fatal)
  'companion_replaced', // another companion page joined the session and carries its audio now (fatal)
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
