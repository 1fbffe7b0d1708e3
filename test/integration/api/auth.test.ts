import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TokenResponse, UserView } from '../../../protocol/src/api';
import { ErrorBody } from '../../../protocol/src/errors';
import { ApiToken } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const email = () => `auth-${randomUUID().slice(0, 8)}@example.test`;
const password = 'correct horse battery';

/** Asserts an error response: status, ErrorBody shape and code. */
function assertError(res: { status: number; body: unknown }, status: number, code: string): ErrorBody {
  assert.equal(res.status, status, JSON.stringify(res.body));
  const body = ErrorBody.parse(res.body);
  assert.equal(body.error.code, code);
  return body;
}

describe('REST auth', () => {
  let server: RunningServer;
  before(async () => { server = await startTestServer(); });
  after(() => server.close());

  describe('register and sign in', () => {
    it('register answers 201 with a token that works on /api/me', async () => {
      const address = email();
      const res = await http(server.url, 'POST', '/api/auth/register', { body: { email: address, password, displayName: 'Ada' } });
      assert.equal(res.status, 201);
      const { token, user } = TokenResponse.parse(res.body);
      assert.deepEqual({ email: user.email, role: user.role, displayName: user.displayName }, { email: address, role: 'user', displayName: 'Ada' });
      const me = await http(server.url, 'GET', '/api/me', { token });
      assert.equal(me.status, 200);
      assert.deepEqual(UserView.parse(me.body), user);
    });

    it('normalises the email, so a differently-cased duplicate is a 409', async () => {
      const address = email();
      assert.equal((await http(server.url, 'POST', '/api/auth/register', { body: { email: address, password, displayName: 'A' } })).status, 201);
      const again = await http(server.url, 'POST', '/api/auth/register', { body: { email: address.toUpperCase(), password, displayName: 'B' } });
      assertError(again, 409, 'conflict');
    });

    it('login answers 200 with a fresh working token', async () => {
      const registered = await registerUser(server.url, 'login');
      const res = await http(server.url, 'POST', '/api/auth/login', { body: { email: registered.user.email, password } });
      assert.equal(res.status, 200);
      const { token, user } = TokenResponse.parse(res.body);
      assert.notEqual(token, registered.token);
      assert.equal(user.id, registered.user.id);
      assert.equal((await http(server.url, 'GET', '/api/me', { token })).status, 200);
    });

    it('a wrong password and an unknown email get the same 401', async () => {
      const registered = await registerUser(server.url, 'probe');
      const wrong = assertError(await http(server.url, 'POST', '/api/auth/login', { body: { email: registered.user.email, password: 'not the password' } }), 401, 'auth_failed');
      const unknown = assertError(await http(server.url, 'POST', '/api/auth/login', { body: { email: email(), password } }), 401, 'auth_failed');
      assert.equal(wrong.error.message, unknown.error.message);
    });
  });

  describe('bad input is a 4xx JSON error, never a 500', () => {
    const cases: { name: string; body?: unknown; raw?: string; headers?: Record<string, string>; status: number; code: string; path?: string }[] = [
      { name: 'missing fields', body: { email: 'x@example.test' }, status: 400, code: 'validation_failed', path: 'password' },
      { name: 'a short password', body: { email: 'x@example.test', password: 'short', displayName: 'X' }, status: 400, code: 'validation_failed', path: 'password' },
      { name: 'an invalid email', body: { email: 'not-an-email', password, displayName: 'X' }, status: 400, code: 'validation_failed', path: 'email' },
      { name: 'a JSON string instead of an object', raw: '"just a string"', status: 400, code: 'validation_failed' },
      { name: 'no body at all', status: 400, code: 'validation_failed' },
      { name: 'malformed JSON', raw: '{"email":', status: 400, code: 'bad_json' },
      { name: 'a non-JSON content type', raw: 'email=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'validation_failed' },
      { name: 'a body over 1 MiB', body: { email: 'x@example.test', password, displayName: 'x'.repeat(1_100_000) }, status: 413, code: 'payload_too_large' },
    ];
    for (const c of cases) {
      it(`register with ${c.name} → ${c.status} ${c.code}`, async () => {
        const res = await http(server.url, 'POST', '/api/auth/register', { body: c.body, raw: c.raw, headers: c.headers });
        const body = assertError(res, c.status, c.code);
        if (c.path) {
          const details = body.error.details as { path: string }[];
          assert.ok(details.some((d) => d.path === c.path), `details name ${c.path}: ${JSON.stringify(details)}`);
        }
      });
    }
  });

  describe('tokens', () => {
    it('no token, a malformed header and an unknown token are all 401 unauthenticated', async () => {
      assertError(await http(server.url, 'GET', '/api/me'), 401, 'unauthenticated');
      assertError(await http(server.url, 'GET', '/api/me', { headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated');
      assertError(await http(server.url, 'GET', '/api/me', { token: 'mt_not-a-real-token' }), 401, 'unauthenticated');
    });

    it('logout revokes the presented token only', async () => {
      const first = await registerUser(server.url, 'logout');
      const second = TokenResponse.parse((await http(server.url, 'POST', '/api/auth/login', { body: { email: first.user.email, password } })).body);
      const res = await http(server.url, 'POST', '/api/auth/logout', { token: first.token });
      assert.equal(res.status, 204);
      assertError(await http(server.url, 'GET', '/api/me', { token: first.token }), 401, 'unauthenticated');
      assert.equal((await http(server.url, 'GET', '/api/me', { token: second.token })).status, 200);
      assertError(await http(server.url, 'POST', '/api/auth/logout', { token: first.token }), 401, 'unauthenticated');
    });

    it('an expired token is a 401', async () => {
      const { token, user } = await registerUser(server.url, 'expired');
      assert.equal((await http(server.url, 'GET', '/api/me', { token })).status, 200);
      const em = server.orm.em.fork();
      const updated = await em.nativeUpdate(ApiToken, { user: user.id }, { expiresAt: new Date(Date.now() - 1000) });
      assert.equal(updated, 1);
      assertError(await http(server.url, 'GET', '/api/me', { token }), 401, 'unauthenticated');
    });

    it('stores only a hash of the token', async () => {
      const { token, user } = await registerUser(server.url, 'hashed');
      const rows = await server.orm.em.fork().getConnection().execute<Record<string, unknown>[]>(
        'select t.* from api_token t join app_user u on u.id = t.user_id where u.id = ?', [user.id]);
      assert.equal(rows.length, 1);
      const stored = JSON.stringify(rows[0]);
      assert.ok(!stored.includes(token), 'the raw token is in the api_token row');
      assert.ok(!stored.includes(token.slice(3)), 'the token body is in the api_token row');
      assert.match(String(rows[0]!.token_hash), /^[0-9a-f]{64}$/);
    });
  });
});
