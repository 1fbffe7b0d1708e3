import assert from 'node:assert/strict';
import { CompanionLink as CompanionLinkBody } from '../../../protocol/src/api';
import { ErrorBody } from '../../../protocol/src/errors';
import { CLOSE_CODES } from '../../../protocol/src/session';
import { CompanionLink, InterviewSession } from '../../../backend/src/db/entities';
import type { RunningServer } from '../../../backend/src/server';
import { startTestServer } from '../../support/backend';
import { http, registerUser } from '../../support/client';
import { AudioSocket } from './companionSocket';

const SLUG = 'pair-sum-indices';

describe('companion page links: issue, join once, rejoin, refuse', function () {
  this.timeout(30_000);
  let a: RunningServer;
  let b: RunningServer;
  let alice: string;
  let bob: string;
  const sockets: AudioSocket[] = [];
  const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

  const session = async (mode: 'voice' | 'text', token = alice): Promise<string> => {
    const res = await http<{ id: string }>(a.url, 'POST', '/api/sessions', { token, body: { problemSlug: SLUG, mode } });
    assert.equal(res.status, 201);
    return res.body.id;
  };
  const issue = (sessionId: string, token = alice, server = a) => http(server.url, 'POST', `/api/sessions/${sessionId}/companion`, { token });
  const link = async (sessionId: string, server = a): Promise<{ token: string; url: URL; expiresAt: string }> => {
    const res = await issue(sessionId, alice, server);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const body = CompanionLinkBody.parse(res.body);
    const url = new URL(body.url);
    const fragment = new URLSearchParams(url.hash.slice(1));
    assert.equal(fragment.get('session'), sessionId);
    return { token: fragment.get('token')!, url, expiresAt: body.expiresAt };
  };
  const track = (socket: AudioSocket): AudioSocket => { sockets.push(socket); return socket; };
  const companion = async (server: RunningServer, sessionId: string, token: string) => track(await AudioSocket.companion(server.url, sessionId, { kind: 'link', token }));
  const refused = async (socket: AudioSocket, code: string) => {
    const error = await socket.next('error');
    assert.deepEqual([error.code, error.fatal], [code, true], error.message);
    assert.equal((await socket.closed).code, CLOSE_CODES.companionRefused);
  };

  before(async () => {
    a = await startTestServer();
    b = await startTestServer(); // a second instance on the same Postgres
    alice = (await registerUser(a.url, 'alice')).token;
    bob = (await registerUser(a.url, 'bob')).token;
  });
  afterEach(async () => { await Promise.all(sockets.splice(0).map((s) => s.close())); });
  after(async () => { await a?.close(); await b?.close(); });

  it('issues a short-lived link with the token in the fragment, storing only its hash', async () => {
    const id = await session('voice');
    const { token, url, expiresAt } = await link(id);
    assert.equal(url.origin, a.url);
    assert.equal(url.pathname, '/companion');
    assert.equal(url.search, '');
    const ttl = Date.parse(expiresAt) - Date.now();
    assert.ok(ttl > 60_000 && ttl <= 5 * 60_000, `expires in ${ttl} ms`);
    const rows = await a.orm.em.fork().find(CompanionLink, { session: id });
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is never stored');
    assert.equal(rows[0]!.consumedAt, null);
  });

  it('refuses another user’s session (404), a text session and an ended one (409), and no sign-in (401)', async () => {
    const voice = await session('voice');
    const res = await issue(voice, bob);
    assert.deepEqual([res.status, errorCode(res.body)], [404, 'not_found']);
    const text = await issue(await session('text'));
    assert.deepEqual([text.status, errorCode(text.body)], [409, 'conflict']);
    const ended = await session('voice');
    await a.orm.em.fork().nativeUpdate(InterviewSession, { id: ended }, { state: 'ended', endedAt: new Date() });
    const late = await issue(ended);
    assert.deepEqual([late.status, errorCode(late.body)], [409, 'session_ended']);
    const anonymous = await http(a.url, 'POST', `/api/sessions/${voice}/companion`);
    assert.equal(anonymous.status, 401);
  });

  it('admits a link once: the page becomes the audio participant and the session’s connection is told', async () => {
    const id = await session('voice');
    const owner = track(await AudioSocket.session(a.url, alice, id));
    const { token } = await link(id);
    const page = await companion(a, id, token);
    const joined = await page.next('companion/didJoin');
    assert.equal(joined.sessionId, id);
    assert.ok(joined.resumeSecret.length > 20);
    assert.deepEqual(await owner.next('voice/didChangeSource'), { type: 'voice/didChangeSource', source: 'companion', connected: true });
    const row = await a.orm.em.fork().findOneOrFail(CompanionLink, { session: id });
    assert.ok(row.consumedAt && row.resumeHash && row.resumeHash !== joined.resumeSecret);

    // The page carries audio only.
    page.send({ type: 'answer/submit', clientMessageId: 'x', text: 'hello' });
    const notAllowed = await page.next('error');
    assert.deepEqual([notAllowed.code, notAllowed.fatal], ['invalid_message', false]);

    // Used again, on either instance: refused with a typed error and 4403.
    await refused(await companion(a, id, token), 'companion_link_used');
    await refused(await companion(b, id, token), 'companion_link_used');

    // The page leaves: the audio goes back to the session's connection.
    await page.close();
    await owner.next('voice/didChangeSource', (m) => !m.connected);
  });

  it('lets a page that lost its connection rejoin with its resume secret, and only that', async () => {
    const id = await session('voice');
    const owner = track(await AudioSocket.session(a.url, alice, id));
    const { token } = await link(id);
    const first = await companion(a, id, token);
    const { resumeSecret } = await first.next('companion/didJoin');
    first.ws.terminate();
    await owner.next('voice/didChangeSource', (m) => !m.connected);
    const again = track(await AudioSocket.companion(b.url, id, { kind: 'resume', secret: resumeSecret }));
    assert.equal((await again.next('companion/didJoin')).sessionId, id);
    await refused(track(await AudioSocket.companion(a.url, id, { kind: 'resume', secret: `${resumeSecret}x` })), 'companion_link_invalid');
    await refused(track(await AudioSocket.companion(a.url, await session('voice'), { kind: 'resume', secret: resumeSecret })), 'companion_link_invalid');
  });

  it('refuses an expired link, a link for another session, an unknown token and an ended session', async () => {
    const id = await session('voice');
    const expired = await link(id);
    await a.orm.em.fork().nativeUpdate(CompanionLink, { session: id }, { expiresAt: new Date(Date.now() - 1000) });
    await refused(await companion(a, id, expired.token), 'companion_link_expired');

    const other = await session('voice');
    const { token } = await link(id);
    await refused(await companion(a, other, token), 'companion_link_invalid');
    await refused(await companion(a, id, 'mtc_not-a-real-token'), 'companion_link_invalid');

    const ending = await session('voice');
    const last = await link(ending);
    await a.orm.em.fork().nativeUpdate(InterviewSession, { id: ending }, { state: 'ended', endedAt: new Date() });
    await refused(await companion(a, ending, last.token), 'session_ended');
  });

  it('hands the seat to a newer page and tells the older one why it was closed', async () => {
    const id = await session('voice');
    const owner = track(await AudioSocket.session(a.url, alice, id));
    const older = await companion(a, id, (await link(id)).token);
    await older.next('companion/didJoin');
    const newer = await companion(a, id, (await link(id)).token);
    await newer.next('companion/didJoin');
    await refused(older, 'companion_replaced');
    // The older page leaving does not take the audio from the newer one.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(owner.all('voice/didChangeSource').map((m) => m.connected), [true, true]);
  });

  it('accepts on instance B a link issued on instance A', async () => {
    const id = await session('voice');
    const { token } = await link(id, a);
    const page = await companion(b, id, token);
    assert.equal((await page.next('companion/didJoin')).sessionId, id);
  });

  it('admits exactly one of two pages racing with the same token on two instances', async () => {
    const id = await session('voice');
    const { token } = await link(id);
    const pages = await Promise.all([companion(a, id, token), companion(b, id, token)]);
    const outcomes = await Promise.all(pages.map((p) => Promise.race([
      p.next('companion/didJoin').then(() => 'joined'),
      p.next('error').then((e) => e.code),
    ])));
    assert.deepEqual(outcomes.sort(), ['companion_link_used', 'joined']);
  });

  it('serves the page with a nonce’d script, a strict CSP and no referrer', async () => {
    const res = await fetch(`${a.url}/companion`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)' 'self'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.ok(html.includes(`<script nonce="${nonce}" src="/companion/assets/companion.js">`));
    assert.match(csp, /default-src 'none'/);
    assert.ok(!csp.includes('unsafe-inline') && !/\son\w+=/.test(html), 'no inline handlers or styles');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.notEqual((await fetch(`${a.url}/companion`)).headers.get('content-security-policy'), csp, 'a fresh nonce per load');
    assert.equal((await fetch(`${a.url}/companion/assets/..%2Fpackage.json`)).status, 404);
    assert.equal((await fetch(`${a.url}/companion/assets/main.js`)).status, 404, 'only the page’s own files are served');
  });
});
