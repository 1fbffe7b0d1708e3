import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { RunningServer } from '../../../backend/src/server';
import { Turn } from '../../../backend/src/db/entities';
import { startTestServer } from '../../support/backend';
import { registerUser, TestSocket } from '../../support/client';
import { ScriptedInterviewer } from '../../fakes/scriptedInterviewer';

describe('session WebSocket: disconnect and resume', () => {
  let a: RunningServer;
  let b: RunningServer;
  let token: string;
  before(async () => {
    // two instances on one database, as behind a load balancer; words stream slowly so we can cut mid-turn
    a = await startTestServer({}, { interviewer: new ScriptedInterviewer(15) });
    b = await startTestServer({}, { interviewer: new ScriptedInterviewer(15) });
    token = (await registerUser(a.url)).token;
  });

  it('a forced disconnect mid-turn loses nothing: the resumed client gets every missed turn', async () => {
    const first = await TestSocket.authenticated(a.url, token);
    first.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await first.next('session/didJoin');
    await first.next('turn/didComplete', (m) => m.turn.seq === 1);
    first.send({ type: 'answer/submit', clientMessageId: 'q1', text: 'what about duplicates in the input' });
    await first.next('turn/delta', (d) => d.text.startsWith('You'));
    await first.terminate(); // drop the socket while the reply is still streaming
    // the reply finishes and is stored even though nobody is listening
    const em = a.orm.em.fork();
    for (let i = 0; i < 100 && (await em.count(Turn, { session: session.id })) < 3; i++) await new Promise((r) => setTimeout(r, 20));

    const second = await TestSocket.authenticated(a.url, token);
    second.send({ type: 'session/resume', requestId: 'r', sessionId: session.id, lastSeq: 1 });
    const joined = await second.next('session/didJoin');
    assert.equal(joined.lastSeq, 3);
    await second.next('turn/didComplete', (m) => m.turn.seq === 3);
    const replayed = second.all('turn/didComplete');
    assert.deepEqual(replayed.map((m) => [m.turn.seq, m.replayed]), [[2, true], [3, true]]);
    assert.equal(replayed[1]!.turn.text, 'You said: what about duplicates in the input');
    await second.close();
  });

  it('another instance resumes the session from Postgres alone, code buffer included', async () => {
    const onA = await TestSocket.authenticated(a.url, token);
    onA.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await onA.next('session/didJoin');
    await onA.next('turn/didComplete', (m) => m.turn.seq === 1);
    onA.send({ type: 'code/open', documentVersion: 7, language: 'javascript', text: 'const seen = new Set();\n' });
    await onA.next('turn/didComplete', (m) => m.turn.text.startsWith('I see line 1'));
    await onA.close();

    const onB = await TestSocket.authenticated(b.url, token);
    onB.send({ type: 'session/resume', requestId: 'r', sessionId: session.id, lastSeq: 0 });
    const joined = await onB.next('session/didJoin');
    assert.equal(joined.codeVersion, 7, 'instance B knows the buffer version from the stored snapshot');
    assert.equal(joined.session.stage, 'code');
    await onB.next('turn/didComplete', (m) => m.turn.seq === 2);
    // B continues the buffer from version 7 without a full resend
    onB.send({ type: 'code/change', fromVersion: 7, toVersion: 8, edits: [{ rangeOffset: 0, rangeLength: 5, text: 'let' }] });
    onB.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'continuing on B' });
    const reply = await onB.next('turn/didComplete', (m) => m.turn.text === 'You said: continuing on B');
    assert.equal(reply.turn.seq, 4);
    await onB.next('turn/didComplete', (m) => m.turn.text === 'I see line 1: let seen = new Set();');
    assert.equal(onB.all('code/resyncRequested').length, 0);
    await onB.close();
  });

  it('resuming an ended session replays it and delivers the evaluation', async () => {
    const socket = await TestSocket.authenticated(a.url, token);
    socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await socket.next('session/didJoin');
    socket.send({ type: 'session/end', requestId: 'e' });
    const ended = await socket.next('session/didEnd');
    await socket.close();
    const again = await TestSocket.authenticated(b.url, token);
    again.send({ type: 'session/resume', requestId: 'r', sessionId: session.id, lastSeq: 0 });
    assert.equal((await again.next('session/didJoin')).session.state, 'ended');
    assert.deepEqual((await again.next('session/didEnd')).evaluation, ended.evaluation);
    await again.close();
  });

  it('shutting an instance down closes its sockets with 1001 after finishing stored writes', async () => {
    const c = await startTestServer({}, { interviewer: new ScriptedInterviewer(5) });
    const socket = await TestSocket.authenticated(c.url, token);
    socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await socket.next('session/didJoin');
    socket.send({ type: 'code/open', documentVersion: 2, language: 'javascript', text: 'let pending = true;\n' });
    await new Promise((r) => setTimeout(r, 10)); // the snapshot is still debounced
    const orm = a.orm;
    await c.close();
    assert.equal((await socket.closed).code, 1001);
    const stored = await orm.em.fork().getConnection().execute('select text from code_snapshot where session_id = ?', [session.id]);
    assert.equal(stored[0]?.text, 'let pending = true;\n');
  });
});
