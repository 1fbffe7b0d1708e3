import assert from 'node:assert/strict';
import { ProblemList } from '../../../protocol/src/api';
import { DIFFICULTIES, ProblemPublic, TOPICS } from '../../../protocol/src/domain';
import { ErrorBody } from '../../../protocol/src/errors';
import { Problem } from '../../../backend/src/db/entities';
import { problemBank } from '../../../backend/src/problems/bank';
import { seedProblems } from '../../../backend/src/problems/seed';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

/** Every object key anywhere inside a JSON value. */
function allKeys(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) { into.add(key); allKeys(v, into); }
  }
  return into;
}

describe('REST problems', () => {
  let server: RunningServer;
  let token: string;
  const get = (path: string) => http(server.url, 'GET', path, { token });

  before(async () => {
    server = await startTestServer();
    ({ token } = await registerUser(server.url, 'problems'));
  });
  after(() => server.close());

  it('lists at least 30 seeded problems, by difficulty then title', async () => {
    const res = await get('/api/problems');
    assert.equal(res.status, 200);
    const { problems } = ProblemList.parse(res.body);
    assert.ok(problems.length >= 30, `only ${problems.length} problems`);
    for (let i = 1; i < problems.length; i++) {
      const [a, b] = [problems[i - 1]!, problems[i]!];
      const byDifficulty = DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty);
      assert.ok(byDifficulty < 0 || (byDifficulty === 0 && a.title.localeCompare(b.title) <= 0), `${a.slug} before ${b.slug}`);
    }
  });

  it('requires a signed-in user', async () => {
    const res = await http(server.url, 'GET', '/api/problems');
    assert.equal(res.status, 401);
    assert.equal(ErrorBody.parse(res.body).error.code, 'unauthenticated');
  });

  it('filters by topic and by difficulty, together or apart', async () => {
    const all = ProblemList.parse((await get('/api/problems')).body).problems;
    for (const topic of TOPICS) {
      const { problems } = ProblemList.parse((await get(`/api/problems?topic=${topic}`)).body);
      assert.ok(problems.length > 0, `no problems for ${topic}`);
      assert.ok(problems.every((p) => p.topics.includes(topic)));
      assert.equal(problems.length, all.filter((p) => p.topics.includes(topic)).length);
    }
    for (const difficulty of DIFFICULTIES) {
      const { problems } = ProblemList.parse((await get(`/api/problems?difficulty=${difficulty}`)).body);
      assert.equal(problems.length, all.filter((p) => p.difficulty === difficulty).length);
      assert.ok(problems.every((p) => p.difficulty === difficulty));
    }
    const both = ProblemList.parse((await get('/api/problems?topic=arrays-hashing&difficulty=easy')).body).problems;
    assert.deepEqual(both.map((p) => p.slug), all.filter((p) => p.topics.includes('arrays-hashing') && p.difficulty === 'easy').map((p) => p.slug));
  });

  for (const query of ['topic=cooking', 'difficulty=trivial', 'difficulty=EASY', 'topic=trees&topic=graphs']) {
    it(`rejects ?${query} with 400`, async () => {
      const res = await get(`/api/problems?${query}`);
      assert.equal(res.status, 400);
      assert.equal(ErrorBody.parse(res.body).error.code, 'validation_failed');
    });
  }

  it('never shows hidden test cases, in the list or one by one', async () => {
    const list = await get('/api/problems');
    assert.ok(!allKeys(list.body).has('testCases'));
    for (const { slug } of ProblemList.parse(list.body).problems) {
      const res = await get(`/api/problems/${slug}`);
      assert.equal(res.status, 200);
      const keys = allKeys(res.body);
      assert.ok(!keys.has('testCases') && !keys.has('expected'), `${slug} leaks its tests`);
      assert.equal(ProblemPublic.parse(res.body).slug, slug);
    }
  });

  it('answers one problem with its statement and starter code', async () => {
    const spec = problemBank[0]!;
    const problem = ProblemPublic.parse((await get(`/api/problems/${spec.slug}`)).body);
    assert.equal(problem.statement, spec.statement);
    assert.deepEqual(problem.starterCode, spec.starterCode);
    assert.deepEqual(problem.examples, spec.examples);
  });

  it('answers an unknown slug with 404', async () => {
    const res = await get('/api/problems/no-such-problem');
    assert.equal(res.status, 404);
    assert.equal(ErrorBody.parse(res.body).error.code, 'not_found');
    assert.equal((await get(`/api/problems/${'x'.repeat(81)}`)).status, 400);
  });

  it('seeding again is idempotent', async () => {
    const em = server.orm.em.fork();
    const before = await em.count(Problem);
    assert.deepEqual(await seedProblems(em, problemBank), { inserted: 0, updated: 0 });
    assert.equal(await server.orm.em.fork().count(Problem), before);
  });

  it('seeding updates a problem whose spec changed, then restores it', async () => {
    const [first, ...rest] = problemBank;
    const changed = { ...first!, hints: [...first!.hints, 'An extra hint'] };
    assert.deepEqual(await seedProblems(server.orm.em.fork(), [changed, ...rest]), { inserted: 0, updated: 1 });
    assert.deepEqual(await seedProblems(server.orm.em.fork(), problemBank), { inserted: 0, updated: 1 });
    const restored = ProblemPublic.parse((await get(`/api/problems/${first!.slug}`)).body);
    assert.deepEqual(restored.hints, first!.hints);
  });
});
