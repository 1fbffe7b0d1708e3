// Expiry and refresh: a short-lived bearer token, a single-use refresh token that buys the next pair.
import assert from 'node:assert/strict';
import { TokenResponse } from '../../../protocol/src/api';
import { ErrorBody } from '../../../protocol/src/errors';
import { ApiToken } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const refresh = (server: RunningServer, refreshToken: unknown) =>
  http(server.url, 'POST', '/api/auth/refresh', { body: { refreshToken } });

function assertUnauthenticated(res: { status: number; body: unknown }): void {
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(ErrorBody.parse(res.body).error.code, 'unauthenticated');
}

describe('REST auth: token expiry and refresh', () => {
  let server: RunningServer;
  before(async () => { server = await startTestServer({ accessTokenTtlMinutes: 15, tokenTtlDays: 30 }); });
  after(() => server.close());

  it('issues a bearer token that expires after the access lifetime and a refresh token that lasts the sign-in', async () => {
    const before = Date.now();
    const res = await http(server.url, 'POST', '/api/auth/register',
      { body: { email: `ttl-${before}@example.test`, password: 'correct horse battery', displayName: 'T' } });
    const body = TokenResponse.parse(res.body);
    assert.ok(body.refreshToken && body.refreshExpiresAt, 'no refresh token issued');
    const accessMinutes = (Date.parse(body.expiresAt) - before) / 60_000;
    const refreshDays = (Date.parse(body.refreshExpiresAt) - before) / 86_400_000;
    assert.ok(accessMinutes > 14.9 && accessMinutes < 15.1, `access lifetime ${accessMinutes} min`);
    assert.ok(refreshDays > 29.9 && refreshDays < 30.1, `refresh lifetime ${refreshDays} days`);
  });

  it('an expired bearer token is refused, and its refresh token buys a working pair', async () => {
    const { token, user, refreshToken } = TokenResponse.parse(await registerUser(server.url, 'refresh'));
    await server.orm.em.fork().nativeUpdate(ApiToken, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
    assertUnauthenticated(await http(server.url, 'GET', '/api/me', { token }));

    const res = await refresh(server, refreshToken);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const next = TokenResponse.parse(res.body);
    assert.equal(next.user.id, user.id);
    assert.notEqual(next.token, token);
    assert.notEqual(next.refreshToken, refreshToken);
    assert.equal((await http(server.url, 'GET', '/api/me', { token: next.token })).status, 200);
  });

  it('a refresh token works once: replaying it is refused and the old bearer token is gone', async () => {
    const { token, refreshToken } = TokenResponse.parse(await registerUser(server.url, 'replay'));
    assert.equal((await refresh(server, refreshToken)).status, 200);
    assertUnauthenticated(await refresh(server, refreshToken));
    assertUnauthenticated(await http(server.url, 'GET', '/api/me', { token }));
  });

  it('two concurrent refreshes with one token: exactly one succeeds', async () => {
    const { refreshToken } = TokenResponse.parse(await registerUser(server.url, 'race'));
    const statuses = (await Promise.all([refresh(server, refreshToken), refresh(server, refreshToken)])).map((r) => r.status);
    assert.deepEqual(statuses.sort(), [200, 401]);
  });

  it('an expired refresh token is refused', async () => {
    const { user, refreshToken } = TokenResponse.parse(await registerUser(server.url, 'stale'));
    await server.orm.em.fork().nativeUpdate(ApiToken, { user: user.id }, { refreshExpiresAt: new Date(Date.now() - 1000) });
    assertUnauthenticated(await refresh(server, refreshToken));
  });

  it('logout revokes the refresh token too', async () => {
    const { token, refreshToken } = TokenResponse.parse(await registerUser(server.url, 'logout'));
    assert.equal((await http(server.url, 'POST', '/api/auth/logout', { token })).status, 204);
    assertUnauthenticated(await refresh(server, refreshToken));
  });

  it('a malformed refresh request is a 400, an unknown token a 401', async () => {
    assert.equal((await refresh(server, '')).status, 400);
    assert.equal((await http(server.url, 'POST', '/api/auth/refresh', { body: {} })).status, 400);
    assertUnauthenticated(await refresh(server, 'mtr_not-a-real-token'));
    assertUnauthenticated(await refresh(server, 'mt_a-bearer-token-is-not-a-refresh-token'));
  });
});
