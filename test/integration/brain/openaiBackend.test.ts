import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser, TestSocket } from '../../support/client';
import { startOpenAiFake, type OpenAiFake } from '../../fakes/openaiFake';

describe('backend configured with an OpenAI-compatible interviewer', () => {
  let fake: OpenAiFake;
  let server: RunningServer;
  let token: string;
  let stall = false;

  before(async () => {
    fake = await startOpenAiFake({
      script: (request) => {
        const last = request.body.messages.at(-1)?.content ?? '';
        if (stall) return { text: 'too late', firstChunkDelayMs: 10_000 };
        return { text: /candidate said/i.test(last) || request.body.messages.length > 2 ? 'Model reply: what is the complexity of that?' : 'Model intro.' };
      },
    });
    server = await startTestServer({ openai: { apiKey: 'sk-test-key', baseUrl: fake.baseUrl, model: 'fake-model' } });
    token = (await registerUser(server.url)).token;
  });
  after(async () => { await server.close(); await fake.close(); });

  it('streams the model\'s words through the session and sends the key to the configured base URL', async () => {
    const socket = await TestSocket.authenticated(server.url, token);
    socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    await socket.next('session/didJoin');
    await socket.next('turn/didComplete', (m) => m.turn.seq === 1);
    socket.send({ type: 'answer/submit', clientMessageId: randomUUID(), text: 'I would use a hash map' });
    const reply = await socket.next('turn/didComplete', (m) => m.turn.seq === 3);
    assert.match(reply.turn.text, /^Model reply/);
    assert.ok(fake.requests.length >= 2);
    assert.equal(fake.requests[0]!.headers.authorization, 'Bearer sk-test-key');
    await socket.close();
  });

  it('lets the local engine answer when the model stalls, and counts the fallback', async () => {
    stall = true;
    const socket = await TestSocket.authenticated(server.url, token);
    socket.send({ type: 'session/start', requestId: 's', language: 'javascript' });
    const { session } = await socket.next('session/didJoin');
    const started = Date.now();
    const intro = await socket.next('turn/didComplete', (m) => m.turn.seq === 1, 15_000);
    assert.ok(Date.now() - started < 6_000, 'served within the first-token deadline plus a margin');
    assert.doesNotMatch(intro.turn.text, /too late/);
    assert.ok(intro.turn.text.includes(session.problem.title), 'the local engine introduced the problem');
    const metrics = await http<string>(server.url, 'GET', '/metrics');
    assert.match(metrics.body, /mocktalk_interviewer_fallbacks_total\{operation="respond",reason="stall"\} [1-9]/);
    stall = false;
    await socket.close();
  });
});
