import { strict as assert } from 'node:assert';
import type { Recommendation } from '../../../protocol/src/api';
import type { Band } from '../../../protocol/src/domain';
import { Evaluation, InterviewSession } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const OVERALL: Record<Band, number> = { 'strong-hire': 3.8, hire: 3, 'no-hire': 2.2, 'strong-no-hire': 1.2 };

describe('adaptive problem choice across sessions', () => {
  let server: RunningServer;
  before(async () => { server = await startTestServer(); });

  /** A finished interview on a problem with the given band, stored the way the runtime stores it. */
  async function finished(token: string, slug: string, band: Band, weakDimension: string | null = null): Promise<void> {
    const created = await http(server.url, 'POST', '/api/sessions', { token, body: { problemSlug: slug } });
    assert.equal(created.status, 201);
    const em = server.orm.em.fork();
    const session = await em.findOneOrFail(InterviewSession, { id: created.body.id });
    session.state = 'ended';
    session.endedAt = new Date();
    const score = Math.max(2, Math.round(OVERALL[band])); // so a weak dimension (1) stands out
    em.create(Evaluation, {
      session, band, overall: OVERALL[band], summary: 'test',
      scores: (['problem-solving', 'coding', 'communication', 'verification'] as const).map((dimension) => ({
        dimension, score: dimension === weakDimension ? 1 : score, evidence: [],
      })),
    });
    await em.flush();
  }

  const recommend = async (token: string) => {
    const res = await http<Recommendation>(server.url, 'GET', '/api/problems/recommended', { token });
    assert.equal(res.status, 200);
    return res.body;
  };

  it('starts a new candidate on an easy problem and says why', async () => {
    const { token } = await registerUser(server.url, 'fresh');
    const r = await recommend(token);
    assert.equal(r.difficulty, 'easy');
    assert.equal(r.weakestDimension, null);
    assert.match(r.reason, /first easy problem/);
  });

  it('returns to the weakest topic, one step easier after a strong no-hire, naming the weakest dimension', async () => {
    const { token } = await registerUser(server.url, 'weak-graphs');
    await finished(token, 'pair-sum-indices', 'hire');
    const graphs = await http(server.url, 'GET', '/api/problems?topic=graphs&difficulty=medium', { token });
    await finished(token, graphs.body.problems[0].slug, 'strong-no-hire', 'coding');
    const r = await recommend(token);
    assert.equal(r.topic, 'graphs');
    assert.equal(r.difficulty, 'easy');
    assert.equal(r.weakestDimension, 'coding');
    assert.match(r.reason, /graphs is your weakest topic/);
  });

  it('prefers an unseen problem at the same difficulty, then moves on to a new topic once the weak one is strong', async () => {
    const { token } = await registerUser(server.url, 'hashing');
    const mediums = (await http(server.url, 'GET', '/api/problems?topic=arrays-hashing&difficulty=medium', { token })).body.problems;
    assert.ok(mediums.length >= 2, 'the bank has two medium arrays-hashing problems');
    await finished(token, mediums[0].slug, 'no-hire');
    let r = await recommend(token);
    assert.equal(r.topic, 'arrays-hashing');
    assert.equal(r.difficulty, 'medium', 'a no-hire keeps the difficulty');
    assert.equal(r.problem.slug, mediums[1].slug, 'the unseen one');
    await finished(token, mediums[1].slug, 'strong-hire');
    await finished(token, mediums[0].slug, 'strong-hire');
    r = await recommend(token);
    assert.notEqual(r.topic, 'arrays-hashing');
    assert.equal(r.difficulty, 'medium', 'a strong candidate starts a new topic at medium');
    assert.match(r.reason, /new one/);
  });

  it('an adaptive session starts on the recommended problem', async () => {
    const { token } = await registerUser(server.url, 'adaptive');
    const expected = await recommend(token);
    const created = await http(server.url, 'POST', '/api/sessions', { token, body: { adaptive: true } });
    assert.equal(created.status, 201);
    assert.equal(created.body.problem.slug, expected.problem.slug);
  });
});
