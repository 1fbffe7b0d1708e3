// Accounts and bearer tokens. A token is 32 random bytes shown once; only its sha256 is stored.
// Each bearer token comes with a single-use refresh token that outlives it and buys the next pair.
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { LoginRequest, RefreshRequest, RegisterRequest, TokenResponse, UserView } from '../../../protocol/src/api';
import { ApiToken, User } from '../db/entities';
import { AppError, conflict, unauthenticated } from '../http/errors';
import { hashPassword, verifyPassword } from './passwords';

const TOKEN_PREFIX = 'mt_';
const REFRESH_PREFIX = 'mtr_';
const LAST_USED_GRANULARITY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function toUserView(user: User): UserView {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

export class AuthService {
  /** tokenTtlDays: how long a sign-in lasts (the refresh token); accessTokenTtlMinutes: one bearer token. */
  constructor(private readonly tokenTtlDays: number, private readonly accessTokenTtlMinutes = 60) {}

  async register(em: EntityManager, input: RegisterRequest, role: 'user' | 'admin' = 'user'): Promise<TokenResponse> {
    const user = em.create(User, { email: input.email, displayName: input.displayName, role, passwordHash: await hashPassword(input.password) });
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw conflict('An account with that email already exists');
      throw err;
    }
    return this.issueToken(em, user);
  }

  async login(em: EntityManager, input: LoginRequest): Promise<TokenResponse> {
    const user = await em.findOne(User, { email: input.email });
    // Same answer for an unknown email and a wrong password, so accounts cannot be probed.
    if (!user || !(await verifyPassword(input.password, user.passwordHash))) {
      throw new AppError(401, 'auth_failed', 'Wrong email or password');
    }
    return this.issueToken(em, user);
  }

  async issueToken(em: EntityManager, user: User): Promise<TokenResponse> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const refreshToken = REFRESH_PREFIX + randomBytes(32).toString('base64url');
    const now = Date.now();
    const refreshExpiresAt = new Date(now + this.tokenTtlDays * 86_400_000);
    // A bearer token never outlives the sign-in it belongs to.
    const expiresAt = new Date(Math.min(now + this.accessTokenTtlMinutes * 60_000, refreshExpiresAt.getTime()));
    em.create(ApiToken, {
      user, tokenHash: hashToken(token), expiresAt,
      refreshTokenHash: hashToken(refreshToken), refreshExpiresAt, lastUsedAt: null,
    });
    await em.flush();
    return {
      token, expiresAt: expiresAt.toISOString(), refreshToken, refreshExpiresAt: refreshExpiresAt.toISOString(),
      user: toUserView(user),
    };
  }

  /**
   * Trades a refresh token for a new pair. Single use: the old pair is deleted in the same statement that
   * finds it, so two concurrent refreshes with one token cannot both succeed.
   */
  async refresh(em: EntityManager, input: RefreshRequest): Promise<TokenResponse> {
    const invalid = () => unauthenticated('Your sign-in has expired or was revoked; sign in again');
    if (!input.refreshToken.startsWith(REFRESH_PREFIX)) throw invalid();
    const rows = await em.getConnection().execute<{ user_id: string; refresh_expires_at: Date }[]>(
      'delete from "api_token" where "refresh_token_hash" = ? returning "user_id", "refresh_expires_at"',
      [hashToken(input.refreshToken)]);
    const row = rows[0];
    if (!row || new Date(row.refresh_expires_at).getTime() <= Date.now()) throw invalid();
    const user = await em.findOne(User, { id: row.user_id });
    if (!user) throw invalid();
    return this.issueToken(em, user);
  }

  /** The user a bearer token belongs to, or null when it is unknown or expired. */
  async authenticate(em: EntityManager, token: string): Promise<User | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const record = await em.findOne(ApiToken, { tokenHash: hashToken(token) }, { populate: ['user'] });
    if (!record || record.expiresAt.getTime() <= Date.now()) return null;
    const now = Date.now();
    if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      record.lastUsedAt = new Date(now);
      await em.flush();
    }
    return record.user;
  }

  async revoke(em: EntityManager, token: string): Promise<void> {
    await em.nativeDelete(ApiToken, { tokenHash: hashToken(token) });
  }

  /** Creates or promotes the configured admin account (idempotent). */
  async ensureAdmin(em: EntityManager, email: string, password: string): Promise<void> {
    const existing = await em.findOne(User, { email });
    if (existing) {
      existing.role = 'admin';
      await em.flush();
      return;
    }
    await this.register(em, { email, password, displayName: 'Administrator' }, 'admin');
  }
}
