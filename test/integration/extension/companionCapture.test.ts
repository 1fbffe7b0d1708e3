// The companion capture strategy against a real backend: a real SessionSocket, the REST client's companion link, and
// an opener that joins the link the way the page does (the page itself is tested in Chromium, test/webview).
import { strict as assert } from 'node:assert';
import type { RunningServer } from '../../../backend/src/server';
import type { MicStatus } from '../../../protocol/src/webviewAudio';
import { RestClient } from '../../../extension/src/api/restClient';
import { COMPANION_MESSAGES, CompanionCapture } from '../../../extension/src/capture/companionCapture';
import { SessionSocket } from '../../../extension/src/connection/sessionSocket';
import { startTestServer } from '../../support/backend';
import { registerUser } from '../../support/client';
import { AudioSocket } from '../companion/companionSocket';
import { waitFor } from '../../support/waitFor';

describe('extension companion capture (route direct)', function () {
  this.timeout(30_000);
  let server: RunningServer;
  let rest: RestClient;
  let token: string;
  const owned: Array<{ dispose(): void }> = [];
  const pages: AudioSocket[] = [];

  before(async () => {
    server = await startTestServer();
    token = (await registerUser(server.url, 'companion-ext')).token;
    rest = new RestClient({ baseUrl: server.url, token });
  });
  afterEach(async () => {
    for (const o of owned.splice(0)) o.dispose();
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });
  after(() => server.close());

  async function joinedSocket(mode: 'voice' | 'text'): Promise<SessionSocket> {
    const socket = new SessionSocket({ serverUrl: server.url, token, target: { kind: 'start', request: { language: 'javascript', mode, problemSlug: 'pair-sum-indices' } } });
    owned.push(socket);
    socket.connect();
    await waitFor('session/didJoin', () => socket.isJoined);
    return socket;
  }

  /** Plays the browser: opens the page's socket with the token from the URL fragment. */
  const browserOpener = (opened: string[]) => async (url: string): Promise<boolean> => {
    opened.push(url);
    const fragment = new URLSearchParams(new URL(url).hash.slice(1));
    pages.push(await AudioSocket.companion(server.url, fragment.get('session')!, { kind: 'link', token: fragment.get('token')! }));
    return true;
  };

  it('opens a fresh link in the browser and reports listening once the page joins, and the loss when it leaves', async () => {
    const socket = await joinedSocket('voice');
    const opened: string[] = [];
    const capture = new CompanionCapture({
      sessionId: socket.sessionId!, createLink: (id) => rest.companionLink(id), openExternal: browserOpener(opened), serverMessages: socket.onMessage,
    });
    owned.push(capture);
    const statuses: MicStatus[] = [];
    capture.onStatus.on((s) => statuses.push(s));
    assert.equal(capture.route, 'direct');
    assert.equal(capture.status.state, 'off');
    await capture.start();
    assert.equal(opened.length, 1);
    assert.match(opened[0]!, new RegExp(`^${server.url}/companion#session=`));
    await waitFor('listening', () => capture.status.state === 'listening');
    assert.equal(capture.lastLink?.url, opened[0]);

    await pages[0]!.close();
    const lost = await waitFor('the page’s loss', () => statuses.find((s) => s.state === 'error'));
    assert.deepEqual(lost.error, { kind: 'device-lost', message: COMPANION_MESSAGES.lost });

    // Starting again asks for a new link: the first one was used.
    await capture.start();
    assert.equal(opened.length, 2);
    assert.notEqual(opened[1], opened[0]);
    await waitFor('listening again', () => capture.status.state === 'listening');
  });

  it('reports a typed error when the server refuses a link (text session) or the browser does not open', async () => {
    const text = await joinedSocket('text');
    const refused = new CompanionCapture({
      sessionId: text.sessionId!, createLink: (id) => rest.companionLink(id), openExternal: async () => true, serverMessages: text.onMessage,
    });
    owned.push(refused);
    const status = await refused.start();
    assert.equal(status.state, 'error');
    assert.equal(status.error?.kind, 'unsupported');
    assert.match(status.error!.message, /text interview/);

    const voice = await joinedSocket('voice');
    const declined = new CompanionCapture({
      sessionId: voice.sessionId!, createLink: (id) => rest.companionLink(id), openExternal: async () => false, serverMessages: voice.onMessage,
    });
    owned.push(declined);
    assert.deepEqual((await declined.start()).error, { kind: 'unsupported', message: COMPANION_MESSAGES.declined });
  });
});
