// getUserMedia and AudioWorklet failures as the typed MicError the UI and the host show.
import type { MicError, MicErrorKind } from '../../../protocol/src/webviewAudio';

/** DOMException names from getUserMedia (current, and Chromium's legacy ones). */
const ERROR_KINDS: Record<string, MicErrorKind> = {
  NotAllowedError: 'permission-denied', SecurityError: 'permission-denied', PermissionDeniedError: 'permission-denied',
  NotFoundError: 'no-device', OverconstrainedError: 'no-device', DevicesNotFoundError: 'no-device',
  NotReadableError: 'device-busy', AbortError: 'device-busy', TrackStartError: 'device-busy',
};

export function micErrorFrom(error: unknown, fallback: MicErrorKind = 'unsupported'): MicError {
  const named = error instanceof Error || error instanceof DOMException;
  const detail = named ? `${error.name}: ${error.message}` : String(error);
  return { kind: (named && ERROR_KINDS[error.name]) || fallback, message: detail.slice(0, 500) };
}

/** addModule() failed: in a webview that is almost always the CSP (script-src without the resource origin). */
export class WorkletLoadError extends Error {
  readonly micError: MicError;

  constructor(cause: unknown) {
    super('the capture worklet did not load');
    const hint = "does the CSP's script-src allow the webview's resource origin?";
    this.micError = { kind: 'unsupported', message: `the capture worklet did not load (${hint}): ${micErrorFrom(cause).message}`.slice(0, 500) };
  }
}
