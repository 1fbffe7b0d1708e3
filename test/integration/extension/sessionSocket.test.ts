// The extension's one WebSocket owner against a real backend, with a proxy in between to drop the network.
import { strict as assert } from 'node:assert';
import type { RunningServer } from '../../../backend/src/server';
import type { TurnView } from '../../../protocol/src/domain';
import type { ServerMessage } from '../../../protocol/src/session';
import { RestClient } from '../../../extension/src/api/restClient';
import { SessionSocket, type FatalError, type SessionTarget } from '../../../extension/src/connection/sessionSocket';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { startTcpProxy, type TcpProxy } from './tcpProxy';
import { waitFor } from '../../support/waitFor';

interface Recorder {
  socket: SessionSocket;
  messages: ServerMessage[];
  statuses: string[];
  fatal: FatalError[];
  turns(): TurnView[];
}

describe('extension session socket', () => {
  let server: RunningServer;
  let proxy: TcpProxy;
  let token: string;
  let rest: RestClient;
  const sockets: SessionSocket[] = [];

  before(async () => {
    server = await startTestServer();
    proxy = await startTcpProxy(server.port);
    token = (await registerUser(server.url, 'socket')).token;
    rest = new RestClient({ baseUrl: server.url, token });
  });
  afterEach(() => { for (const s of sockets.splice(0)) s.dispose(); });
  after(() => proxy.close());

  function open(target: SessionTarget, options: { token?: string } = {}): Recorder {
    const socket = new SessionSocket({
      serverUrl: proxy.url, token: options.token ?? token, target, backoff: { baseMs: 50, capMs: 200 }, heartbeatMs: 1000,
    });
    sockets.push(socket);
    const recorder: Recorder = {
      socket, messages: [], statuses: [], fatal: [],
      turns: () => recorder.messages.flatMap((m) => (m.type === 'turn/didComplete' ? [m.turn] : [])),
    };
    socket.onMessage.on((m) => recorder.messages.push(m));
    socket.onStatus.on((s) => recorder.statuses.push(s.status));
    socket.onFatal.on((e) => recorder.fatal.push(e));
    socket.connect();
    return recorder;
  }

  const start: SessionTarget = { kind: 'start', request: { problemSlug: 'pair-sum-indices', language: 'javascript' } };

  it('starts a session, hears the introduction and has an answer replied to', async () => {
    const r = open(start);
    await waitFor('the introduction', () => r.turns().find((t) => t.speaker === 'interviewer'));
    assert.equal(r.statuses[0], 'connected');
    const id = r.socket.submitAnswer('Can the input contain negative numbers?');
    const echoed = await waitFor('the answer stored', () => r.turns().find((t) => t.clientMessageId === id));
    assert.equal(echoed.speaker, 'candidate');
    await waitFor('a reply', () => r.turns().find((t) => t.speaker === 'interviewer' && t.seq > echoed.seq));
    assert.equal(r.socket.pendingAnswers, 0);
  });

  it('reconnects after the network drops, resumes without duplicates and delivers an answer typed while offline once', async () => {
    const r = open(start);
    await waitFor('the introduction', () => r.turns().length >= 1);
    proxy.pause(true);
    proxy.cut();
    await waitFor('reconnecting', () => r.statuses.includes('reconnecting'));
    const text = `Answer written while offline ${Date.now()}`;
    const id = r.socket.submitAnswer(text);
    assert.equal(r.socket.pendingAnswers, 1);
    await new Promise((resolve) => setTimeout(resolve, 400)); // a few refused attempts
    proxy.pause(false);
    await waitFor('the answer stored after reconnecting', () => r.turns().find((t) => t.clientMessageId === id));
    assert.equal(r.statuses.at(-1), 'connected');
    await waitFor('the reply', () => r.turns().some((t) => t.speaker === 'interviewer' && t.seq > 2));

    const seqs = r.turns().map((t) => t.seq);
    assert.equal(new Set(seqs).size, seqs.length, `a turn was delivered twice: ${seqs.join(',')}`);
    const stored = await rest.session(r.socket.sessionId!);
    assert.equal(stored.turns.filter((t) => t.text === text).length, 1, 'the server stored the answer once');
  });

  it('resuming from an older seq replays only the missing turns, and later reconnects replay nothing twice', async () => {
    const first = open(start);
    const intro = await waitFor('the introduction', () => first.turns()[0]);
    const id = first.socket.submitAnswer('I would use a hash map from value to index.');
    await waitFor('the reply', () => first.turns().some((t) => t.seq > intro.seq && t.speaker === 'interviewer' && t.clientMessageId === null
      && first.turns().some((c) => c.clientMessageId === id)));
    const sessionId = first.socket.sessionId!;
    const total = first.socket.lastSeq;
    first.socket.dispose();

    const resumed = open({ kind: 'resume', sessionId, lastSeq: 1 });
    await waitFor('the replay', () => resumed.socket.lastSeq >= total);
    assert.deepEqual(resumed.turns().map((t) => t.seq), Array.from({ length: total - 1 }, (_, i) => i + 2));
    proxy.cut(); // the server replays after lastSeq again; the socket must not re-emit anything
    await waitFor('a second join', () => resumed.messages.filter((m) => m.type === 'session/didJoin').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seqs = resumed.turns().map((t) => t.seq);
    assert.equal(new Set(seqs).size, seqs.length, `duplicates after reconnect: ${seqs.join(',')}`);
  });

  it('ends with an evaluation; the ended session can then be deleted over REST', async () => {
    const r = open(start);
    await waitFor('joined', () => r.socket.isJoined);
    const evaluation = await r.socket.end();
    assert.ok(evaluation.overall >= 1 && evaluation.overall <= 4);
    const summary = (await rest.sessions()).find((s) => s.id === r.socket.sessionId);
    assert.equal(summary?.state, 'ended');
    assert.equal(summary?.band, evaluation.band);
    await rest.deleteSession(r.socket.sessionId!);
    assert.ok(!(await rest.sessions()).some((s) => s.id === r.socket.sessionId));
  });

  it('gives up when the server refuses to start the session (unknown problem) instead of retrying it', async () => {
    const r = open({ kind: 'start', request: { problemSlug: 'no-such-problem', language: 'python' } });
    const fatal = await waitFor('a fatal error', () => r.fatal[0]);
    assert.equal(fatal.code, 'not_found');
    assert.equal(r.statuses.at(-1), 'offline');
  });

  it('stops for good when the server refuses the token', async () => {
    const r = open(start, { token: 'mt_not-a-real-token' });
    const fatal = await waitFor('a fatal error', () => r.fatal[0]);
    assert.equal(fatal.code, 'auth_failed');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(r.statuses.at(-1), 'offline');
    assert.ok(!r.statuses.includes('reconnecting'), `it retried: ${r.statuses.join(' → ')}`);
  });
});
