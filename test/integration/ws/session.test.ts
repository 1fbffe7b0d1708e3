import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../../../protocol/src/limits';
import { CodeSnapshot, Evaluation, InterviewSession, Turn } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser, TestSocket } from '../../support/client';
import { ScriptedInterviewer } from '../../fakes/scriptedInterviewer';

const CODE = 'function twoSum(nums, target) {\n  return [];\n}\n';

async function startSession(server: RunningServer, token: string) {
  const socket = await TestSocket.authenticated(server.url, token);
  socket.send({ type: 'session/start', requestId: 'start-1', problemSlug: undefined, language: 'javascript' });
  const joined = await socket.next('session/didJoin');
  return { socket, session: joined.session, joined };
}

describe('session WebSocket: a text interview', () => {
  let server: RunningServer;
  let token: string;
  before(async () => {
    server = await startTestServer({}, { interviewer: new ScriptedInterviewer() });
    token = (await registerUser(server.url)).token;
  });

  it('streams the introduction token by token and stores it as turn 1', async () => {
    const { socket, session, joined } = await startSession(server, token);
    assert.equal(joined.requestId, 'start-1');
    assert.equal(joined.lastSeq, 0);
    assert.equal(joined.codeVersion, null);
    const done = await socket.next('turn/didComplete');
    const start = socket.all('turn/didStart')[0]!;
    const deltas = socket.all('turn/delta').filter((d) => d.turnId === start.turnId);
    assert.ok(deltas.length > 3, 'several deltas');
    assert.equal(deltas.map((d) => d.text).join('').trim(), done.turn.text);
    assert.equal(done.turn.seq, 1);
    assert.equal(done.turn.id, start.turnId, 'the stored turn keeps the id it was streamed under');
    assert.equal(done.turn.speaker, 'interviewer');
    assert.match(done.turn.text, new RegExp(session.problem.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal((await socket.next('session/didChangeState')).stage, 'clarify');
    const stored = await server.orm.em.fork().find(Turn, { session: session.id });
    assert.equal(stored.length, 1);
    await socket.close();
  });

  it('stores an answer, echoes it with its seq, and streams the reply as the next turn', async () => {
    const { socket, session } = await startSession(server, token);
    await socket.next('turn/didComplete', (m) => m.turn.seq === 1);
    socket.send({ type: 'answer/submit', clientMessageId: 'a-1', text: '  Can the array be empty?  ' });
    const echo = await socket.next('turn/didComplete', (m) => m.turn.speaker === 'candidate');
    assert.equal(echo.turn.seq, 2);
    assert.equal(echo.turn.text, 'Can the array be empty?');
    assert.equal(echo.turn.clientMessageId, 'a-1');
    const reply = await socket.next('turn/didComplete', (m) => m.turn.seq === 3);
    assert.equal(reply.turn.text, 'You said: Can the array be empty?');
    // a resend after a reconnect must not store the answer twice
    socket.send({ type: 'answer/submit', clientMessageId: 'a-1', text: 'Can the array be empty?' });
    const again = await socket.next('turn/didComplete', (m) => m.replayed && m.turn.clientMessageId === 'a-1');
    assert.equal(again.turn.seq, 2);
    const turns = await server.orm.em.fork().find(Turn, { session: session.id }, { orderBy: { seq: 'asc' } });
    assert.deepEqual(turns.map((t) => t.seq), [1, 2, 3]);
    await socket.close();
  });

  it('rebuilds the buffer from incremental edits and the interviewer quotes it', async () => {
    const { socket, session } = await startSession(server, token);
    await socket.next('turn/didComplete', (m) => m.turn.seq === 1);
    socket.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'function f() {}\n' });
    // replace "f" with "twoSum", then insert the parameters, in one batch
    socket.send({
      type: 'code/change', fromVersion: 1, toVersion: 3,
      edits: [{ rangeOffset: 9, rangeLength: 1, text: 'twoSum' }, { rangeOffset: 16, rangeLength: 0, text: 'nums, target' }],
      cursor: { line: 0, character: 28 },
    });
    const remark = await socket.next('turn/didComplete', (m) => m.turn.text.startsWith('I see line 1'));
    assert.equal(remark.turn.text, 'I see line 1: function twoSum(nums, target) {}');
    const snapshots = await server.orm.em.fork().find(CodeSnapshot, { session: session.id });
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0]!.text, 'function twoSum(nums, target) {}\n');
    assert.equal(snapshots[0]!.documentVersion, 3);
    assert.deepEqual(snapshots[0]!.cursor, { line: 0, character: 28 });
    await socket.close();
  });

  it('asks for a resync when versions diverge or edits fall outside the buffer, keeping the buffer intact', async () => {
    const { socket } = await startSession(server, token);
    socket.send({ type: 'code/change', fromVersion: 0, toVersion: 1, edits: [] });
    assert.equal((await socket.next('code/resyncRequested')).serverVersion, null);
    socket.send({ type: 'code/open', documentVersion: 5, language: 'javascript', text: CODE });
    socket.send({ type: 'code/change', fromVersion: 4, toVersion: 6, edits: [{ rangeOffset: 0, rangeLength: 0, text: 'x' }] });
    const resync = await socket.next('code/resyncRequested', (m) => m.serverVersion === 5);
    assert.match(resync.reason, /version 4/);
    socket.send({ type: 'code/change', fromVersion: 5, toVersion: 6, edits: [{ rangeOffset: CODE.length + 5, rangeLength: 0, text: 'x' }] });
    await socket.next('code/resyncRequested', (m) => /past the end/.test(m.reason));
    socket.send({ type: 'code/change', fromVersion: 5, toVersion: 6, edits: [{ rangeOffset: 0, rangeLength: 0, text: '// ok\n' }] });
    socket.send({ type: 'code/change', fromVersion: 6, toVersion: 7, edits: [] });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(socket.all('code/resyncRequested').length, 3, 'the in-order edits were accepted');
    await socket.close();
  });

  it('refuses a buffer over the size limit with a clear error and keeps the session usable', async () => {
    const { socket } = await startSession(server, token);
    socket.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'x'.repeat(LIMITS.maxBufferChars + 1) });
    const error = await socket.next('error');
    assert.equal(error.code, 'buffer_too_large');
    assert.match(error.message, /limit is 200000/);
    socket.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'y'.repeat(LIMITS.maxBufferChars - 10) });
    socket.send({ type: 'code/change', fromVersion: 1, toVersion: 2, edits: [{ rangeOffset: 0, rangeLength: 0, text: 'z'.repeat(20) }] });
    assert.equal((await socket.next('error', (e) => e.message.startsWith('Edits refused'))).code, 'buffer_too_large');
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'still here' });
    await socket.next('turn/didComplete', (m) => m.turn.text === 'You said: still here');
    await socket.close();
  });

  it('ends the interview with a stored evaluation, then refuses further answers', async () => {
    const { socket, session } = await startSession(server, token);
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'my approach' });
    await socket.next('turn/didComplete', (m) => m.turn.text === 'You said: my approach');
    socket.send({ type: 'session/end', requestId: 'end-1' });
    const ended = await socket.next('session/didEnd');
    assert.equal(ended.requestId, 'end-1');
    assert.equal(ended.evaluation.scores.length, 4);
    const em = server.orm.em.fork();
    const row = await em.findOneOrFail(InterviewSession, { id: session.id });
    assert.equal(row.state, 'ended');
    assert.ok(row.endedAt);
    assert.equal((await em.findOneOrFail(Evaluation, { session: session.id })).band, ended.evaluation.band);
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'one more' });
    assert.equal((await socket.next('error')).code, 'session_ended');
    const detail = await http(server.url, 'GET', `/api/sessions/${session.id}`, { token });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.evaluation.band, ended.evaluation.band);
    await socket.close();
  });

  it('serves more concurrent sessions than the database pool has connections', async () => {
    // turn seqs are bumped inside the insert's transaction; on a separate connection this deadlocked the pool
    const sockets = await Promise.all(Array.from({ length: 14 }, () => startSession(server, token)));
    await Promise.all(sockets.map(async ({ socket }, i) => {
      socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: `answer ${i}` });
      await socket.next('turn/didComplete', (m) => m.turn.text === `You said: answer ${i}`);
    }));
    await Promise.all(sockets.map(({ socket }) => socket.close()));
  });

  it('ends the interview when the interviewer closes it', async () => {
    const { socket } = await startSession(server, token);
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'finish' });
    const ended = await socket.next('session/didEnd');
    assert.equal(ended.requestId, null);
    assert.equal((await socket.next('session/didChangeState', (m) => m.state === 'ended')).stage, 'wrap-up');
    await socket.close();
  });
});
