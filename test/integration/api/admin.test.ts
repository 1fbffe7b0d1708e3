import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TokenResponse } from '../../../protocol/src/api';
import { ProblemPublic, ProblemSpec, SessionSummary } from '../../../protocol/src/domain';
import { ErrorBody } from '../../../protocol/src/errors';
import { problemBank } from '../../../backend/src/problems/bank';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const admin = { email: `admin-${randomUUID().slice(0, 8)}@example.test`, password: 'admin password 123' };

/** A valid new problem, based on a bank problem under a fresh slug. */
function newSpec(): ProblemSpec {
  const base = problemBank[0]!;
  return { ...ProblemSpec.parse(base), slug: `authored-${randomUUID().slice(0, 8)}`, title: 'An authored problem' };
}

function assertError(res: { status: number; body: unknown }, status: number, code: string): ErrorBody {
  assert.equal(res.status, status, JSON.stringify(res.body));
  const body = ErrorBody.parse(res.body);
  assert.equal(body.error.code, code);
  return body;
}

describe('REST admin', () => {
  let server: RunningServer;
  let adminToken: string;
  let userToken: string;
  const asAdmin = (method: string, path: string, body?: unknown) => http(server.url, method, path, { token: adminToken, body });

  before(async () => {
    server = await startTestServer({ admin });
    const login = await http(server.url, 'POST', '/api/auth/login', { body: admin });
    assert.equal(login.status, 200);
    const session = TokenResponse.parse(login.body);
    assert.equal(session.user.role, 'admin');
    adminToken = session.token;
    userToken = (await registerUser(server.url, 'not-admin')).token;
  });
  after(() => server.close());

  it('refuses ordinary users with 403 and anonymous callers with 401 on every admin route', async () => {
    const spec = newSpec();
    const slug = problemBank[0]!.slug;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/admin/problems/${slug}`], ['POST', '/api/admin/problems', spec],
      ['PUT', `/api/admin/problems/${slug}`, { ...spec, slug }], ['DELETE', `/api/admin/problems/${slug}`],
    ];
    for (const [method, path, body] of calls) {
      assertError(await http(server.url, method, path, { token: userToken, body }), 403, 'forbidden');
      assertError(await http(server.url, method, path, { body }), 401, 'unauthenticated');
    }
    assert.equal((await http(server.url, 'GET', `/api/problems/${slug}`, { token: userToken })).status, 200, 'the bank is untouched');
  });

  it('shows an admin the hidden test cases', async () => {
    const spec = problemBank[0]!;
    const res = await asAdmin('GET', `/api/admin/problems/${spec.slug}`);
    assert.equal(res.status, 200);
    const problem = ProblemSpec.extend({ id: ProblemPublic.shape.id }).parse(res.body);
    assert.deepEqual(problem.testCases, ProblemSpec.parse(spec).testCases);
    assertError(await asAdmin('GET', '/api/admin/problems/no-such-problem'), 404, 'not_found');
  });

  it('creates, updates, reads and deletes a problem', async () => {
    const spec = newSpec();
    const created = await asAdmin('POST', '/api/admin/problems', spec);
    assert.equal(created.status, 201);
    assert.equal(ProblemSpec.parse(created.body).slug, spec.slug);

    const visible = await http(server.url, 'GET', `/api/problems/${spec.slug}`, { token: userToken });
    assert.equal(ProblemPublic.parse(visible.body).title, spec.title);

    const changed = { ...spec, title: 'A retitled problem', difficulty: 'hard' as const };
    const updated = await asAdmin('PUT', `/api/admin/problems/${spec.slug}`, changed);
    assert.equal(updated.status, 200);
    assert.equal(updated.body.id, created.body.id);
    const read = ProblemSpec.parse((await asAdmin('GET', `/api/admin/problems/${spec.slug}`)).body);
    assert.deepEqual([read.title, read.difficulty], ['A retitled problem', 'hard']);
    assert.deepEqual(read.testCases, ProblemSpec.parse(spec).testCases);

    const deleted = await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`);
    assert.equal(deleted.status, 204);
    assertError(await asAdmin('GET', `/api/admin/problems/${spec.slug}`), 404, 'not_found');
    assertError(await http(server.url, 'GET', `/api/problems/${spec.slug}`, { token: userToken }), 404, 'not_found');
    assertError(await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`), 404, 'not_found');
  });

  it('answers a duplicate slug with 409', async () => {
    const spec = newSpec();
    assert.equal((await asAdmin('POST', '/api/admin/problems', spec)).status, 201);
    assertError(await asAdmin('POST', '/api/admin/problems', spec), 409, 'conflict');
    assertError(await asAdmin('POST', '/api/admin/problems', { ...spec, slug: problemBank[1]!.slug }), 409, 'conflict');
    assert.equal((await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`)).status, 204);
  });

  it('rejects an invalid ProblemSpec with 400 and details naming the fields', async () => {
    const spec = newSpec();
    const invalid = { ...spec, slug: 'Not A Slug', testCases: spec.testCases.slice(0, 1), topics: ['cooking'] };
    const body = assertError(await asAdmin('POST', '/api/admin/problems', invalid), 400, 'validation_failed');
    const paths = (body.error.details as { path: string }[]).map((d) => d.path);
    for (const field of ['slug', 'testCases', 'topics.0']) assert.ok(paths.includes(field), `details miss ${field}: ${paths.join(', ')}`);
    const { statement: _omitted, ...missing } = spec;
    const put = assertError(await asAdmin('PUT', `/api/admin/problems/${problemBank[0]!.slug}`, { ...missing, slug: problemBank[0]!.slug }), 400, 'validation_failed');
    assert.ok((put.error.details as { path: string }[]).some((d) => d.path === 'statement'));
  });

  it('rejects an update whose body slug differs from the path with 400', async () => {
    const spec = newSpec();
    assert.equal((await asAdmin('POST', '/api/admin/problems', spec)).status, 201);
    const res = await asAdmin('PUT', `/api/admin/problems/${spec.slug}`, { ...spec, slug: `${spec.slug}-renamed` });
    const body = assertError(res, 400, 'validation_failed');
    assert.match(body.error.message, /slug/);
    assertError(await asAdmin('PUT', '/api/admin/problems/no-such-problem', { ...spec, slug: 'no-such-problem' }), 404, 'not_found');
    assert.equal((await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`)).status, 204);
  });

  it('refuses to delete a problem that sessions refer to with 409', async () => {
    const spec = newSpec();
    assert.equal((await asAdmin('POST', '/api/admin/problems', spec)).status, 201);
    const session = await http(server.url, 'POST', '/api/sessions', { token: userToken, body: { problemSlug: spec.slug } });
    assert.equal(session.status, 201);
    const body = assertError(await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`), 409, 'conflict');
    assert.match(body.error.message, /1 interview session/);
    assert.equal((await asAdmin('GET', `/api/admin/problems/${spec.slug}`)).status, 200, 'still there');

    const { id } = SessionSummary.parse(session.body);
    assert.equal((await http(server.url, 'DELETE', `/api/sessions/${id}`, { token: userToken })).status, 204);
    assert.equal((await asAdmin('DELETE', `/api/admin/problems/${spec.slug}`)).status, 204);
  });
});
