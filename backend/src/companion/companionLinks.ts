// One-time links to the browser companion page. The link token is single use and short-lived; using it hands the
// page a resume secret so a dropped connection can rejoin. Only sha256 hashes are stored, in Postgres, so any
// backend instance accepts a link another one issued, and a token is consumed exactly once even under a race.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ErrorCode } from '../../../protocol/src/errors';
import type { CompanionCredential } from '../../../protocol/src/session';
import { hashToken } from '../auth/authService';
import { CompanionLink, type InterviewSession } from '../db/entities';

export const COMPANION_LINK_TTL_MS = 3 * 60_000;
/** How long a used link's page may rejoin; the session ending stops it sooner (checked on join). */
export const COMPANION_RESUME_TTL_MS = 6 * 60 * 60_000;

export type CompanionRefusal = Extract<ErrorCode, 'companion_link_invalid' | 'companion_link_used' | 'companion_link_expired'>;

export type CompanionAdmission =
  | { ok: true; resumeSecret: string; resumeExpiresAt: Date }
  | { ok: false; code: CompanionRefusal; message: string };

const secret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');

export class CompanionLinks {
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** A new link for the session; the token is returned once and only its hash is kept. */
  async issue(em: EntityManager, session: InterviewSession): Promise<{ token: string; expiresAt: Date }> {
    const token = secret('mtc_');
    const expiresAt = new Date(this.now().getTime() + COMPANION_LINK_TTL_MS);
    em.create(CompanionLink, { session, tokenHash: hashToken(token), expiresAt, consumedAt: null, resumeHash: null, resumeExpiresAt: null });
    await em.flush();
    return { token, expiresAt };
  }

  /** Checks a companion/join credential for this session; a link token is consumed by the first caller only. */
  admit(em: EntityManager, sessionId: string, credential: CompanionCredential): Promise<CompanionAdmission> {
    return credential.kind === 'link' ? this.consume(em, sessionId, credential.token) : this.resume(em, sessionId, credential.secret);
  }

  private async consume(em: EntityManager, sessionId: string, token: string): Promise<CompanionAdmission> {
    const now = this.now();
    const resumeSecret = secret('mtr_');
    const resumeExpiresAt = new Date(now.getTime() + COMPANION_RESUME_TTL_MS);
    const tokenHash = hashToken(token);
    // One conditional UPDATE: of two joins racing with the same token (on any instances), exactly one matches.
    const updated = await em.nativeUpdate(
      CompanionLink,
      { tokenHash, session: sessionId, consumedAt: null, expiresAt: { $gt: now } },
      { consumedAt: now, resumeHash: hashToken(resumeSecret), resumeExpiresAt },
    );
    if (updated === 1) return { ok: true, resumeSecret, resumeExpiresAt };
    const link = await em.findOne(CompanionLink, { tokenHash });
    if (!link || link.session.id !== sessionId) return refuse('companion_link_invalid', 'This microphone link is not valid for this interview.');
    if (link.consumedAt) return refuse('companion_link_used', 'This microphone link was already used; each link works once.');
    return refuse('companion_link_expired', 'This microphone link has expired.');
  }

  private async resume(em: EntityManager, sessionId: string, resumeSecret: string): Promise<CompanionAdmission> {
    const link = await em.findOne(CompanionLink, { resumeHash: hashToken(resumeSecret) });
    if (!link || link.session.id !== sessionId || !link.resumeExpiresAt) {
      return refuse('companion_link_invalid', 'This page can no longer rejoin the interview.');
    }
    if (link.resumeExpiresAt <= this.now()) return refuse('companion_link_expired', 'This page’s permission to rejoin has expired.');
    return { ok: true, resumeSecret, resumeExpiresAt: link.resumeExpiresAt };
  }
}

const refuse = (code: CompanionRefusal, message: string): CompanionAdmission => ({ ok: false, code, message });
