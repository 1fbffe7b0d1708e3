import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, LIMITS } from '../../../protocol/src/limits';
import { startTestServer } from '../../support/backend';
import { registerUser, TestSocket } from '../../support/client';
import { ScriptedInterviewer } from '../../fakes/scriptedInterviewer';
import type { RunningServer } from '../../../backend/src/server';

describe('session WebSocket: authentication and bad input', () => {
  let server: RunningServer;
  let token: string;
  before(async () => {
    server = await startTestServer({}, { interviewer: new ScriptedInterviewer() });
    token = (await registerUser(server.url)).token;
  });

  it('welcomes a client whose hello carries a valid token', async () => {
    const socket = await TestSocket.open(server.url);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
    const welcome = await socket.next('welcome');
    assert.equal(welcome.protocolVersion, PROTOCOL_VERSION);
    assert.equal(welcome.limits.maxBufferChars, LIMITS.maxBufferChars);
    await socket.close();
  });

  it('closes with 4401 after a bad token', async () => {
    const socket = await TestSocket.open(server.url);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token: 'mt_not-a-real-token' });
    const error = await socket.next('error');
    assert.equal(error.code, 'auth_failed');
    assert.equal(error.fatal, true);
    assert.equal((await socket.closed).code, 4401);
  });

  it('closes with 4400 on an unsupported protocol version', async () => {
    const socket = await TestSocket.open(server.url);
    socket.send({ type: 'hello', protocolVersion: 99, token });
    assert.equal((await socket.next('error')).code, 'protocol_version');
    assert.equal((await socket.closed).code, 4400);
  });

  it('refuses session messages before hello but keeps the connection', async () => {
    const socket = await TestSocket.open(server.url);
    socket.send({ type: 'session/start', requestId: 'r1', language: 'javascript' });
    const error = await socket.next('error');
    assert.equal(error.code, 'unauthenticated');
    assert.equal(error.fatal, false);
    socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, token });
    await socket.next('welcome');
    await socket.close();
  });

  it('answers malformed JSON, binary frames, unknown types and invalid fields with typed errors and stays up', async () => {
    const socket = await TestSocket.authenticated(server.url, token);
    socket.sendRaw('{"type": "hello"');
    socket.sendRaw(Buffer.from([1, 2, 3]), true);
    socket.send({ type: 'teleport' });
    socket.send({ nothing: true });
    socket.send({ type: 'session/resume', requestId: 'r2', sessionId: 'not-a-uuid', lastSeq: -1 });
    socket.send({ type: 'answer/submit', clientMessageId: 'c1', text: 'hi' });
    await socket.next('error', (e) => e.code === 'no_session');
    assert.deepEqual(socket.all('error').map((e) => e.code), ['bad_json', 'binary_not_supported', 'unknown_type', 'unknown_type', 'invalid_message', 'no_session']);
    const invalid = socket.all('error').find((e) => e.code === 'invalid_message')!;
    assert.match(invalid.message, /sessionId/);
    assert.equal(invalid.requestId, null);
    assert.ok(socket.all('error').every((e) => !e.fatal));
    socket.send({ type: 'session/start', requestId: 'r3', language: 'python' });
    await socket.next('session/didJoin');
    await socket.close();
  });

  it('closes a connection whose frame exceeds the frame limit with 1009', async () => {
    const socket = await TestSocket.authenticated(server.url, token);
    socket.sendRaw(JSON.stringify({ type: 'code/open', documentVersion: 1, language: 'javascript', text: 'x'.repeat(LIMITS.maxFrameBytes + 10) }));
    assert.equal((await socket.closed).code, 1009);
  });

  it('returns not_found for a session of another user, without revealing it', async () => {
    const other = await registerUser(server.url, 'other');
    const owner = await TestSocket.authenticated(server.url, token);
    owner.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await owner.next('session/didJoin');
    const intruder = await TestSocket.authenticated(server.url, other.token);
    intruder.send({ type: 'session/resume', requestId: 'x', sessionId: session.id, lastSeq: 0 });
    const error = await intruder.next('error');
    assert.equal(error.code, 'not_found');
    assert.equal(error.requestId, 'x');
    await Promise.all([owner.close(), intruder.close()]);
  });

  it('refuses an answer longer than the answer limit', async () => {
    const socket = await TestSocket.authenticated(server.url, token);
    socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    await socket.next('session/didJoin');
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'a'.repeat(LIMITS.maxAnswerChars + 1) });
    assert.equal((await socket.next('error')).code, 'answer_too_large');
    await socket.close();
  });
});
