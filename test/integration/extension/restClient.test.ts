// The extension's REST client against a real backend: typed results, and failures sorted into what a user can act on.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../../../backend/src/server';
import { ApiError, RestClient } from '../../../extension/src/api/restClient';
import { startTestServer } from '../../support/backend';
import { freePort } from './tcpProxy';

async function rejectsWith(promise: Promise<unknown>, kind: ApiError['kind']): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    return err;
  }
  throw new Error(`expected a ${kind} failure`);
}

describe('extension REST client', () => {
  let server: RunningServer;
  let anonymous: RestClient;
  const email = `rest-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'correct horse battery';

  before(async () => {
    server = await startTestServer();
    anonymous = new RestClient({ baseUrl: `${server.url}/` }); // a trailing slash, as users paste it
  });

  it('registers, signs in and reads the signed-in user', async () => {
    const registered = await anonymous.register({ email, password, displayName: 'Rest Tester' });
    assert.equal(registered.user.email, email);
    const login = await anonymous.login({ email, password });
    const me = await anonymous.withToken(login.token).me();
    assert.equal(me.displayName, 'Rest Tester');
  });

  it('lists problems with filters and fetches one with its starter code', async () => {
    const client = anonymous.withToken((await anonymous.login({ email, password })).token);
    const all = await client.problems();
    assert.ok(all.length > 0);
    const easy = await client.problems({ difficulty: 'easy' });
    assert.ok(easy.length > 0 && easy.every((p) => p.difficulty === 'easy'));
    const problem = await client.problem(all[0]!.slug);
    assert.ok(problem.starterCode.javascript.includes(problem.functionName));
  });

  it('reads the progress of a new account (the Progress view\'s empty state) in the protocol\'s shape', async () => {
    const client = anonymous.withToken((await anonymous.login({ email, password })).token);
    const progress = await client.progress();
    assert.equal(progress.interviews, 0);
    assert.deepEqual(progress.overall, []);
    assert.deepEqual(progress.dimensions.map((d) => [d.dimension, d.points.length, d.average]),
      [['problem-solving', 0, null], ['coding', 0, null], ['communication', 0, null], ['verification', 0, null]]);
    await rejectsWith(anonymous.progress(), 'unauthorized');
  });

  it('calls a wrong password "unauthorized" and a duplicate account a conflict', async () => {
    await rejectsWith(anonymous.login({ email, password: 'not the password' }), 'unauthorized');
    const conflict = await rejectsWith(anonymous.register({ email, password, displayName: 'Again' }), 'server');
    assert.equal(conflict.code, 'conflict');
  });

  it('treats a revoked token as unauthorized', async () => {
    const client = anonymous.withToken((await anonymous.login({ email, password })).token);
    await client.logout();
    await rejectsWith(client.sessions(), 'unauthorized');
  });

  it('tells an unreachable server from a wrong URL and from a server that is not Mocktalk', async () => {
    const closedPort = await freePort();
    const unreachable = await rejectsWith(new RestClient({ baseUrl: `http://127.0.0.1:${closedPort}` }).problems(), 'unreachable');
    assert.match(unreachable.message, /connection refused/);
    await rejectsWith(new RestClient({ baseUrl: 'not a url' }).problems(), 'bad-url');
    await rejectsWith(new RestClient({ baseUrl: 'ftp://127.0.0.1' }).problems(), 'bad-url');

    const other = http.createServer((_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not here</h1>'); });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const notOurs = await rejectsWith(new RestClient({ baseUrl: `http://127.0.0.1:${port}` }).problems(), 'not-mocktalk');
      assert.match(notOurs.message, /does not look like a Mocktalk server \(HTTP 404/);
    } finally {
      other.close();
    }
  });
});
