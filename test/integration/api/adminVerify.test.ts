import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { TestRunResult } from '../../../protocol/src/testRun';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const CORRECT = 'def pair_sum_indices(nums, target):\n    seen = {}\n    for j, x in enumerate(nums):\n        if target - x in seen:\n            return [seen[target - x], j]\n        seen[x] = j\n    return []\n';
const WRONG = 'function pairSumIndices(nums, target) {\n  return [0, 1];\n}\n';

describe('admin: checking a reference solution against the hidden tests', () => {
  let server: RunningServer;
  let adminToken: string;
  const admin = { email: `admin-${randomUUID().slice(0, 6)}@example.test`, password: 'admin password 1' };
  before(async () => {
    server = await startTestServer({ admin });
    adminToken = (await http(server.url, 'POST', '/api/auth/login', { body: admin })).body.token;
  });

  it('passes a correct Python reference on every hidden case', async () => {
    const res = await http<TestRunResult>(server.url, 'POST', '/api/admin/problems/pair-sum-indices/verify', { token: adminToken, body: { language: 'python', code: CORRECT } });
    assert.equal(res.status, 200);
    assert.equal(res.body.failed, 0);
    assert.equal(res.body.passed, 7);
    assert.equal(res.body.toolchain?.name, 'python');
  });

  it('reports the failing cases of a wrong JavaScript reference', async () => {
    const res = await http<TestRunResult>(server.url, 'POST', '/api/admin/problems/pair-sum-indices/verify', { token: adminToken, body: { language: 'javascript', code: WRONG } });
    assert.equal(res.status, 200);
    assert.ok(res.body.failed > 0 && res.body.passed > 0);
    assert.equal(res.body.cases.find((c) => c.verdict === 'fail')?.expected, '[1,2]');
  });

  it('is for admins only and validates its input', async () => {
    const { token } = await registerUser(server.url, 'not-admin');
    assert.equal((await http(server.url, 'POST', '/api/admin/problems/pair-sum-indices/verify', { token, body: { language: 'python', code: CORRECT } })).status, 403);
    assert.equal((await http(server.url, 'POST', '/api/admin/problems/pair-sum-indices/verify', { token: adminToken, body: { language: 'cobol', code: 'x' } })).status, 400);
    assert.equal((await http(server.url, 'POST', '/api/admin/problems/no-such/verify', { token: adminToken, body: { language: 'python', code: CORRECT } })).status, 404);
  });
});
