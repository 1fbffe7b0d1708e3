import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ProblemList } from '../../../protocol/src/api';
import { SessionDetail, SessionSummary } from '../../../protocol/src/domain';
import { ErrorBody } from '../../../protocol/src/errors';
import { problemBank } from '../../../backend/src/problems/bank';
import type { RunningServer } from '../../../backend/src/server';
import { SessionStore } from '../../../backend/src/sessions/sessionStore';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';

const SessionList = SessionSummary.array();

describe('REST sessions', () => {
  let server: RunningServer;
  let alice: string;
  let bob: string;
  const slug = problemBank[0]!.slug;
  const create = (token: string, body: unknown) => http(server.url, 'POST', '/api/sessions', { token, body });
  const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

  before(async () => {
    server = await startTestServer();
    alice = (await registerUser(server.url, 'alice')).token;
    bob = (await registerUser(server.url, 'bob')).token;
  });
  after(() => server.close());

  describe('create', () => {
    it('starts a session on a named problem with defaults', async () => {
      const res = await create(alice, { problemSlug: slug });
      assert.equal(res.status, 201);
      const session = SessionSummary.parse(res.body);
      assert.equal(session.problem.slug, slug);
      assert.deepEqual(
        { language: session.language, mode: session.mode, state: session.state, stage: session.stage, endedAt: session.endedAt, band: session.band },
        { language: 'javascript', mode: 'text', state: 'active', stage: 'intro', endedAt: null, band: null },
      );
      assert.ok(!('testCases' in (res.body as object)));
    });

    it('picks a problem matching topic and difficulty', async () => {
      const { problems } = ProblemList.parse((await http(server.url, 'GET', '/api/problems?topic=graphs&difficulty=medium', { token: alice })).body);
      assert.ok(problems.length > 0);
      const res = await create(alice, { topic: 'graphs', difficulty: 'medium', language: 'python', mode: 'voice' });
      assert.equal(res.status, 201);
      const session = SessionSummary.parse(res.body);
      assert.ok(problems.some((p) => p.slug === session.problem.slug), `${session.problem.slug} is not a medium graphs problem`);
      assert.equal(session.problem.difficulty, 'medium');
      assert.ok(session.problem.topics.includes('graphs'));
      assert.deepEqual([session.language, session.mode], ['python', 'voice']);
    });

    it('answers an unknown slug with 404', async () => {
      const res = await create(alice, { problemSlug: 'no-such-problem' });
      assert.equal(res.status, 404);
      assert.equal(errorCode(res.body), 'not_found');
    });

    for (const [name, body] of [
      ['an unknown language', { problemSlug: slug, language: 'cobol' }],
      ['an unknown mode', { problemSlug: slug, mode: 'video' }],
      ['an unknown topic', { topic: 'cooking' }],
      ['a non-object body', [slug]],
    ] as const) {
      it(`rejects ${name} with 400`, async () => {
        const res = await create(alice, body);
        assert.equal(res.status, 400);
        assert.equal(errorCode(res.body), 'validation_failed');
      });
    }

    it('requires a token', async () => {
      const res = await http(server.url, 'POST', '/api/sessions', { body: { problemSlug: slug } });
      assert.equal(res.status, 401);
      assert.equal(errorCode(res.body), 'unauthenticated');
    });
  });

  describe('list', () => {
    it('lists the caller\'s sessions newest first, honouring limit and before', async () => {
      const { token } = await registerUser(server.url, 'lister');
      const created: string[] = [];
      for (let i = 0; i < 3; i++) {
        created.push(SessionSummary.parse((await create(token, { problemSlug: slug })).body).id);
        await new Promise((r) => setTimeout(r, 5)); // distinct startedAt
      }
      const all = SessionList.parse((await http(server.url, 'GET', '/api/sessions', { token })).body.sessions);
      assert.deepEqual(all.map((s) => s.id), [...created].reverse());
      const limited = SessionList.parse((await http(server.url, 'GET', '/api/sessions?limit=2', { token })).body.sessions);
      assert.deepEqual(limited.map((s) => s.id), [created[2], created[1]]);
      const older = await http(server.url, 'GET', `/api/sessions?before=${encodeURIComponent(limited[1]!.startedAt)}`, { token });
      assert.deepEqual(SessionList.parse(older.body.sessions).map((s) => s.id), [created[0]]);
    });

    for (const query of ['limit=0', 'limit=101', 'limit=two', 'before=yesterday']) {
      it(`rejects ?${query} with 400`, async () => {
        const res = await http(server.url, 'GET', `/api/sessions?${query}`, { token: alice });
        assert.equal(res.status, 400);
        assert.equal(errorCode(res.body), 'validation_failed');
      });
    }
  });

  describe('detail', () => {
    it('returns the session with its problem, turns and code snapshots', async () => {
      const { id } = SessionSummary.parse((await create(alice, { problemSlug: slug })).body);
      const store = new SessionStore();
      const em = server.orm.em.fork();
      const now = new Date();
      await store.appendTurn(em, id, { speaker: 'interviewer', text: 'Tell me your approach.', stage: 'intro', startedAt: now, endedAt: now });
      await store.saveSnapshot(em, id, { language: 'javascript', text: 'function f() {}', documentVersion: 1, cursor: null, selection: null, diagnostics: [] });

      const res = await http(server.url, 'GET', `/api/sessions/${id}`, { token: alice });
      assert.equal(res.status, 200);
      const detail = SessionDetail.parse(res.body);
      assert.equal(detail.id, id);
      assert.equal(detail.problem.statement, problemBank[0]!.statement);
      assert.deepEqual(detail.turns.map((t) => [t.seq, t.speaker, t.text]), [[1, 'interviewer', 'Tell me your approach.']]);
      assert.deepEqual(detail.codeSnapshots.map((c) => [c.seq, c.text]), [[1, 'function f() {}']]);
      assert.equal(detail.evaluation, null);
      assert.ok(!('testCases' in (res.body.problem as object)));
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      const bad = await http(server.url, 'GET', '/api/sessions/not-a-uuid', { token: alice });
      assert.equal(bad.status, 400);
      assert.equal(errorCode(bad.body), 'validation_failed');
      assert.equal((await http(server.url, 'DELETE', '/api/sessions/not-a-uuid', { token: alice })).status, 400);
      const unknown = await http(server.url, 'GET', `/api/sessions/${randomUUID()}`, { token: alice });
      assert.equal(unknown.status, 404);
      assert.equal(errorCode(unknown.body), 'not_found');
    });
  });

  describe('isolation and delete', () => {
    it("another user cannot see, list or delete a session: 404, as if it did not exist", async () => {
      const { id } = SessionSummary.parse((await create(alice, { problemSlug: slug })).body);
      const asBob = await http(server.url, 'GET', `/api/sessions/${id}`, { token: bob });
      const missing = await http(server.url, 'GET', `/api/sessions/${randomUUID()}`, { token: bob });
      assert.equal(asBob.status, 404);
      assert.deepEqual(asBob.body.error.code, missing.body.error.code);
      assert.equal((await http(server.url, 'DELETE', `/api/sessions/${id}`, { token: bob })).status, 404);
      const bobs = SessionList.parse((await http(server.url, 'GET', '/api/sessions', { token: bob })).body.sessions);
      assert.ok(!bobs.some((s) => s.id === id));
      assert.equal((await http(server.url, 'GET', `/api/sessions/${id}`, { token: alice })).status, 200, 'still there for its owner');
    });

    it('delete answers 204, then the session is gone', async () => {
      const { id } = SessionSummary.parse((await create(alice, { problemSlug: slug })).body);
      const res = await http(server.url, 'DELETE', `/api/sessions/${id}`, { token: alice });
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
      assert.equal((await http(server.url, 'GET', `/api/sessions/${id}`, { token: alice })).status, 404);
      assert.equal((await http(server.url, 'DELETE', `/api/sessions/${id}`, { token: alice })).status, 404);
      const mine = SessionList.parse((await http(server.url, 'GET', '/api/sessions', { token: alice })).body.sessions);
      assert.ok(!mine.some((s) => s.id === id));
    });
  });
});
