import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { AnalyticsOverview, Progress } from '../../../protocol/src/analytics';
import { Evaluation, InterviewSession } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

describe('progress and admin analytics', () => {
  let server: RunningServer;
  const admin = { email: `admin-${randomUUID().slice(0, 6)}@example.test`, password: 'admin password 1' };
  before(async () => { server = await startTestServer({ admin }); });

  async function finish(token: string, slug: string, overall: number, verification: number): Promise<string> {
    const created = await http(server.url, 'POST', '/api/sessions', { token, body: { problemSlug: slug } });
    const em = server.orm.em.fork();
    const session = await em.findOneOrFail(InterviewSession, { id: created.body.id });
    session.state = 'ended';
    session.lastSeq = 6;
    em.create(Evaluation, {
      session, band: overall >= 3 ? 'hire' : 'no-hire', overall, summary: 's',
      scores: (['problem-solving', 'coding', 'communication', 'verification'] as const)
        .map((dimension) => ({ dimension, score: dimension === 'verification' ? verification : 3, evidence: [] })),
    });
    await em.flush();
    return session.id;
  }

  it("shows a candidate's dimension trends oldest first and topics weakest first, and nobody else's", async () => {
    const { token } = await registerUser(server.url, 'progress');
    const other = await registerUser(server.url, 'other');
    const first = await finish(token, 'pair-sum-indices', 3.5, 2);
    const second = await finish(token, 'count-islands', 2, 1);
    await finish(other.token, 'pair-sum-indices', 1, 1);
    const res = await http<Progress>(server.url, 'GET', '/api/me/progress', { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.interviews, 2);
    assert.deepEqual(res.body.overall.map((p) => p.sessionId), [first, second]);
    const verification = res.body.dimensions.find((d) => d.dimension === 'verification')!;
    assert.deepEqual(verification.points.map((p) => p.score), [2, 1]);
    assert.equal(verification.average, 1.5);
    assert.equal(res.body.topics[0]!.topic, 'graphs', 'the weakest topic first');
  });

  it('gives admins an overview over a window; users get 403', async () => {
    const { token } = await registerUser(server.url, 'plain');
    assert.equal((await http(server.url, 'GET', '/api/admin/analytics', { token })).status, 403);
    const login = await http(server.url, 'POST', '/api/auth/login', { body: admin });
    const res = await http<AnalyticsOverview>(server.url, 'GET', '/api/admin/analytics?days=7', { token: login.body.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.days, 7);
    assert.ok(res.body.sessions >= 3 && res.body.finished >= 3);
    assert.ok(res.body.bands.some((b) => b.band === 'no-hire' && b.count >= 2));
    assert.equal(res.body.perDay.at(-1)!.day, new Date().toISOString().slice(0, 10));
    assert.ok(res.body.problems.some((p) => p.slug === 'pair-sum-indices' && p.sessions >= 2));
    assert.equal((await http(server.url, 'GET', '/api/admin/analytics?days=0', { token: login.body.token })).status, 400);
  });
});
