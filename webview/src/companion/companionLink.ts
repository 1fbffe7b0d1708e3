// What the companion page was opened with: `#session=<id>&token=<one-time token>` (the fragment never reaches a
// server). The token is wiped from the address bar at once; the resume secret the join returns is kept in this tab's
// sessionStorage, so a reload or a lost connection rejoins without the (used) token.
import { z } from 'zod';
import type { CompanionCredential } from '../../../protocol/src/session';

const Fragment = z.object({ session: z.uuid(), token: z.string().min(1).max(512).optional() });

export interface CompanionStart { sessionId: string; credential: CompanionCredential }

const resumeKey = (sessionId: string): string => `mocktalk.companion.resume.${sessionId}`;

/** Null when the page was opened without a (valid) link. */
export function readCompanionLink(location: Location, history: History, storage: Storage): CompanionStart | null {
  const raw = location.hash.slice(1);
  // An opener may percent-encode the fragment (vscode.Uri.toString() turns '=' and '&' into %3D and %26).
  const fragment = raw.includes('=') ? raw : safeDecode(raw);
  const parsed = Fragment.safeParse(Object.fromEntries(new URLSearchParams(fragment)));
  if (!parsed.success) return null;
  const { session: sessionId, token } = parsed.data;
  // Keep the session id (a reload needs it) but never leave the token in the address bar or history.
  history.replaceState(null, '', `${location.pathname}#session=${sessionId}`);
  const resume = storage.getItem(resumeKey(sessionId));
  if (token) return { sessionId, credential: { kind: 'link', token } };
  if (resume) return { sessionId, credential: { kind: 'resume', secret: resume } };
  return null;
}

export function rememberResumeSecret(storage: Storage, sessionId: string, secret: string): void {
  try {
    storage.setItem(resumeKey(sessionId), secret);
  } catch {
    // storage full or disabled: a reconnect still works from memory, only a reload cannot rejoin
  }
}

export function forgetResumeSecret(storage: Storage, sessionId: string): void {
  try { storage.removeItem(resumeKey(sessionId)); } catch { /* nothing to forget */ }
}

function safeDecode(text: string): string {
  try { return decodeURIComponent(text); } catch { return text; }
}
